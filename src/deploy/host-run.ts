import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { SshSession } from '../ssh/index.js';
import type { DeploySettings } from './strategies/index.js';
import type { StrategyReport } from './strategies/strategy.js';

/** One host's part of a deploy, as strategies see it (each strategy with its own settings). */
export interface HostRun<S = DeploySettings> {
  session: SshSession;
  settings: S;
  /** app-dir with `{host}`/`{index}` replaced. */
  appDir: string;
  index: number;
  log: Logger;
  /** Aborted on cancel: strategies start no new step before their switch, and cut a pending health check short (docs/cancel.md). */
  signal?: AbortSignal;
  /**
   * The strategy's `lookWithLock` look as the fleet ran it in the lock's own round trip: its
   * arguments and what it printed; read once (`takeLooked`), so a later rollback on the same run looks again.
   */
  looked?: LookedWithLock;
  /**
   * Set by the fleet: keeps a strategy's closing step (its last remote work, e.g. pruning) for the
   * host's last round trip with the deploy-log line and the lock release (true), or declines it
   * (false: run it now). A later call replaces it. Unset (a strategy run on its own): the strategy
   * runs the step itself.
   */
  deferClosing?(step: ClosingStep): boolean;
}

/** A strategy's last remote work on a host: `sh -c script slipway-closing args…` (stdin: `stdin`); its stdout goes to `settle`. */
export interface ClosingStep {
  script: string;
  args: string[];
  /** What the step reads on stdin (state text: kept out of argv). */
  stdin?: string;
  /** The host's outcome rests on the step (the state a rollback reads): a non-zero exit fails the host, and the fleet's log line says failed. */
  vital?: boolean;
  /**
   * Called with the step's stdout and exit status (the step reports its own parts on stdout). An
   * error returned fails the host (work its outcome rests on, e.g. the state a rollback reads);
   * the fleet then writes the deploy-log line as failed.
   */
  settle(stdout: string, exitCode: number): Error | void;
}

/** A look run in the lock's round trip: the arguments it was asked with, and its stdout. */
export interface LookedWithLock {
  args: string[];
  stdout: string;
}

/** The look the fleet ran with the lock, once; undefined when there is none (or it was read). */
export function takeLooked(run: HostRun): LookedWithLock | undefined {
  const looked = run.looked;
  run.looked = undefined;
  return looked;
}

/** Hands the closing step to the fleet, or runs it now (one round trip) when there is no fleet. */
export async function runClosing(run: HostRun, step: ClosingStep): Promise<void> {
  if (run.deferClosing?.(step)) return;
  const result = await run.session.exec(['sh', '-c', step.script, 'slipway-closing', ...step.args], {
    allowFailure: true, label: `ssh ${run.session.target.host}: closing step`, ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
  });
  const failed = step.settle(result.stdout, result.exitCode);
  if (failed) throw failed;
}

export type HostStatus = 'deployed' | 'rolled-back' | 'failed' | 'reverted' | 'not-started' | 'unchanged' | 'cancelled';

export interface HostOutcome {
  host: string;
  status: HostStatus;
  version: string;
  previous: string;
  message: string;
  /** The host ran something new at some point (so a batch failure must revert it). */
  changed: boolean;
  durationMs: number;
  /** The strategy's own account of the host (swarm: what the engine did per service), in --json and the summary. */
  reports?: StrategyReport[];
}

/** After a rollback: the version serving now and the version that failed (outputs, summary and deploy log say these). */
export interface RolledBackVersions {
  serving: string;
  failed: string;
}

/** A deploy step that failed after the host was changed and was then put back: says what serves now. */
export class RolledBackError extends SlipwayError {
  constructor(readonly host: string, reason: string, readonly serving: string, readonly versions?: RolledBackVersions) {
    super(`${host}: ${reason}; rolled back, ${serving} is serving again`);
    this.name = 'RolledBackError';
  }
}

/** The words for a user-written hook, run by sh in `dir` with `set -e` (first failing command fails it). */
export function hookWords(dir: string, script: string): string[] {
  return ['sh', '-c', 'cd "$1" || exit 1; shift; exec sh -e -c "$1"', 'slipway-hook', dir, script];
}
