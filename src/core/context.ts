import type { CacheStore } from './cache.js';
import type { Inputs } from './config/inputs.js';
import type { Logger } from './log.js';
import type { Runner } from './runner/process-runner.js';
import type { Summary } from './summary.js';
import type { PlatformInfo } from './platform.js';

/** What a flow gets from whichever edge runs it. */
export interface FlowContext {
  runner: Runner;
  log: Logger;
  platform: PlatformInfo;
  cache: CacheStore;
  env: NodeJS.ProcessEnv;
  /** Where the flow may write files that outlive it (reports); the workspace in CI. */
  workDir: string;
  /**
   * Aborted when the run is cancelled (SIGINT/SIGTERM). A flow that watches it
   * starts no new step after the abort and leaves things whole (see docs/cancel.md).
   */
  signal?: AbortSignal;
}

/**
 * One link of the chain, described once and run by both edges: the Actions
 * edge (inputs → outputs, summary, annotations) and the CLI (flags + slipway.yml).
 */
export interface FlowDefinition<Settings, Result> {
  /** CLI command (`slipway build`). */
  command: string;
  /** Action folder (`actions/build-image`). */
  action: string;
  describe: string;
  parse(inputs: Inputs, context: Pick<FlowContext, 'env' | 'platform' | 'workDir'>): Settings;
  run(settings: Settings, context: FlowContext): Promise<Result>;
  outputs(result: Result): Record<string, string>;
  summary(result: Result): Summary;
  /** A result that ran to the end but must fail the job (a red smoke check); undefined when fine. */
  failure?(result: Result): string | undefined;
  /**
   * True when `run` watches `context.signal` and cleans up after itself on a
   * cancel. Otherwise the edge answers the first signal by removing what the
   * run recorded as leftovers (keys, temp dirs, ssh masters) and exiting.
   */
  handlesCancel?: boolean;
}
