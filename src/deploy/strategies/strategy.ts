import type { Inputs } from '../../core/config/inputs.js';
import type { FlowContext } from '../../core/context.js';
import type { Summary } from '../../core/summary.js';
import type { BaseDeploySettings, DeployMode } from '../common-settings.js';
import type { HostOutcome, HostRun } from '../host-run.js';

/**
 * A strategy's own account of one host (swarm: the per-service table): plain
 * JSON, so `--json` carries it as it is; the strategy's `summarize` turns it
 * into job-summary blocks.
 */
export interface StrategyReport {
  strategy: string;
  json: unknown;
}

/** What one host's deploy or rollback ended with, whatever the strategy. */
export interface StrategyOutcome {
  /** The version serving now. */
  version: string;
  /** The version that served before. */
  previous: string;
  /** The host runs something new (so a batch failure must revert it). */
  changed: boolean;
  reports?: StrategyReport[];
}

/** What the parse of a strategy's own inputs may know. */
export interface StrategyParseContext {
  mode: DeployMode;
  /** Where relative local paths start (the workspace). */
  workDir: string;
  /** Checks a path inside app-dir (compose files, shared files) and returns it. */
  relative(name: string, value: string): string;
}

/** One host as the dry run sees it: its app-dir filled in, the image a deploy would run. */
export interface PlanHost {
  host: string;
  index: number;
  appDir: string;
  image?: string;
  /** Puts `<version>` where the pipeline fills the version in later. */
  planned(text: string): string;
}

/**
 * One deploy strategy: reads its inputs, says what it would run, deploys and
 * rolls back one host (under the fleet's lock, on the host's one session).
 * A failed step throws (RolledBackError when the old version serves again);
 * reports produced before the failure travel on the error (`withReports`).
 */
export interface Strategy<S extends BaseDeploySettings & { strategy: string } = BaseDeploySettings & { strategy: string }> {
  name: S['strategy'];
  /** The strategy's own part of the settings, checked before any connection. */
  parse(inputs: Inputs, context: StrategyParseContext): StrategyPart<S>;
  /** A version to default to when none is given (compose: the image tag). */
  impliedVersion?(part: StrategyPart<S>): string | undefined;
  /** The commands it runs on one host between taking the lock and the health check, in order (the dry run). */
  plan(settings: S, host: PlanHost): string[];
  /** Commands it runs after the health check, each line saying which round trip (mostly the host's last, with the deploy-log line and the release) (the dry run). */
  planClosing?(settings: S, host: PlanHost): string[];
  /**
   * What to read on the host in the lock's own round trip (the fleet runs it once the lock is taken and
   * hands its stdout to the strategy as `run.looked`; a look that exits non-zero fails the host);
   * undefined: the strategy looks on its own.
   */
  lookWithLock?(run: HostRun<S>): { script: string; args: string[] } | undefined;
  deploy(run: HostRun<S>): Promise<StrategyOutcome>;
  rollback(run: HostRun<S>): Promise<StrategyOutcome>;
  /** Job-summary blocks for its reports. */
  summarize?(report: StrategyReport): Summary;
  /** Set for a strategy that talks to a platform's API from the runner instead of to hosts over SSH (cloudron). */
  withoutHosts?: HostlessRun<S>;
}

/**
 * How a strategy without hosts runs: no SSH, no app-dir, no host lock (the
 * platform serialises its own tasks). The fleet hands it the whole run and
 * reports its one outcome, named after what it deployed to. It checks its
 * own `mode` values; the fleet's mode is rollback for `rollback`, else deploy.
 */
export interface HostlessRun<S> {
  /** The dry run: what it sends, in order. */
  plan(settings: S): string[];
  /** What it deploys to, for the plan and the result (`cloudron my.example.com: staging.example.com`). */
  target(settings: S): string;
  run(settings: S, context: FlowContext): Promise<HostOutcome>;
}

/** A strategy's own part of its settings (what its `parse` returns). */
export type StrategyPart<S> = Omit<S, keyof BaseDeploySettings | 'strategy'>;

/** The settings type a strategy works with. */
export type SettingsOf<T> = T extends Strategy<infer S> ? S : never;

const REPORTS = Symbol('slipway.strategyReports');

/** Attaches reports made before a failure to the error that ends the host (keeps its class: RolledBackError stays one). */
export function withReports(error: unknown, reports: StrategyReport[]): unknown {
  if (reports.length && error instanceof Error) Object.defineProperty(error, REPORTS, { value: reports, enumerable: false });
  return error;
}

export function reportsOf(error: unknown): StrategyReport[] {
  return (error instanceof Error ? (error as Error & { [REPORTS]?: StrategyReport[] })[REPORTS] : undefined) ?? [];
}
