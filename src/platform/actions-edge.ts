import * as core from './workflow-commands.js';
import { Inputs, type InputSource } from '../core/config/inputs.js';
import type { CacheStore } from '../core/cache.js';
import type { FlowDefinition } from '../core/context.js';
import { formatError } from '../core/errors.js';
import { runGuarded } from '../core/exit-guard.js';
import { onLeftoversChanged } from '../core/leftovers.js';
import type { Logger, SourceLocation } from '../core/log.js';
import { ConsoleLogger, inertText } from '../core/log.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { onSecretRegistered, redact } from '../core/secrets.js';
import { renderMarkdown, renderText, type Summary } from '../core/summary.js';
import { handleCancelSignals } from './cancel-signals.js';
import { detectPlatform, type PlatformInfo } from './detect.js';
import { LEFTOVERS_STATE } from './post-cleanup.js';

/** Inputs as the runner hands them over (INPUT_<NAME> variables). */
export const actionInputSource: InputSource = {
  get: (name) => core.getInput(name),
  describe: (name) => `input '${name}'`,
};

/** @actions/core commands, except where the platform ignores them (Forgejo: no annotations). */
export class ActionsLogger implements Logger {
  constructor(private readonly platform: PlatformInfo) {}
  info(message: string): void { core.info(inertText(redact(message))); }
  debug(message: string): void { core.debug(redact(message)); }
  warn(message: string, where?: SourceLocation): void { this.annotate('warning', message, where); }
  error(message: string, where?: SourceLocation): void { this.annotate('error', message, where); }
  group<T>(title: string, body: () => Promise<T>): Promise<T> { return core.group(redact(title), body); }

  private annotate(level: 'warning' | 'error', message: string, where?: SourceLocation): void {
    const text = redact(message);
    if (!this.platform.supportsAnnotations) {
      // Forgejo prints workflow commands raw; a plain line reads better.
      const location = where?.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
      core.info(inertText(`${level}: ${location}${text}`));
      return;
    }
    const properties: core.AnnotationProperties = { file: where?.file, startLine: where?.line, endLine: where?.endLine, title: where?.title };
    if (level === 'warning') core.warning(text, properties);
    else core.error(text, properties);
  }
}

/**
 * Whether the runner names a cache service at all: @actions/cache needs ACTIONS_CACHE_URL (v1)
 * or ACTIONS_RESULTS_URL (v2). Without either its answer is no, and loading it (a 2.4 MB chunk,
 * about 0.2 s of a step's start) only to hear that is skipped.
 */
export function runnerNamesCacheService(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

/** @actions/cache is loaded only when a flow asks for it and the runner offers one: it is large, and startup time matters. */
export class ActionsCache implements CacheStore {
  readonly description = 'Actions cache';
  constructor(private readonly log: Logger) {}
  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    const cache = runnerNamesCacheService() ? await import('@actions/cache') : undefined;
    if (!cache?.isFeatureAvailable()) {
      this.log.info('Cache: this runner offers no cache service; skipping restore.');
      return undefined;
    }
    try {
      return await cache.restoreCache(paths, primaryKey, restoreKeys);
    } catch (error) {
      this.log.warn(`Cache restore failed, building without it: ${formatError(error)}`);
      return undefined;
    }
  }
  async available(): Promise<boolean> {
    return runnerNamesCacheService() && (await import('@actions/cache')).isFeatureAvailable();
  }
  async save(paths: string[], key: string): Promise<void> {
    if (!runnerNamesCacheService()) return;
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) return;
    try {
      await cache.saveCache(paths, key);
    } catch (error) {
      // A key saved by a parallel job is not a failure of ours.
      this.log.info(`Cache not saved (${formatError(error)}).`);
    }
  }
}

export async function writeSummary(summary: Summary, platform: PlatformInfo, log: Logger): Promise<void> {
  if (summary.blocks.length === 0) return;
  if (platform.supportsSummary) {
    await core.appendSummary(redact(renderMarkdown(summary)));
  } else {
    const where = platform.kind === 'forgejo' ? 'Forgejo shows no job summaries' : 'this runner gives no summary file (GITHUB_STEP_SUMMARY)';
    log.info(`Job summary not written (${where}); the same table follows in the log:\n${redact(renderText(summary))}`);
  }
}

/**
 * The whole Actions edge: inputs → flow → outputs, summary, failure. What the
 * run would leave behind if killed (key dirs, masters, locks) is mirrored into
 * GITHUB_STATE as it changes, for the action's post step (docs/cancel.md).
 */
export async function runAction<S, R>(flow: FlowDefinition<S, R>): Promise<void> {
  // Node exits 0 when its event loop runs dry with the flow still pending: that must fail the step, not pass it.
  await runGuarded(() => runActionSteps(flow).then(() => Number(process.exitCode ?? 0) || 0), { what: `the ${flow.action} step`, onStall: (message) => core.setFailed(message) });
}

async function runActionSteps<S, R>(flow: FlowDefinition<S, R>): Promise<void> {
  const platform = detectPlatform();
  onSecretRegistered((value) => core.setSecret(value));
  const log = new ActionsLogger(platform);
  const stopMirroring = onLeftoversChanged((all) => {
    if (!process.env.GITHUB_STATE) return;
    try {
      core.saveState(LEFTOVERS_STATE, JSON.stringify(all));
    } catch {
      // No state file to write to (a runner without GITHUB_STATE): there is no post step to tell either.
    }
  });
  const cancel = handleCancelSignals(log, flow.handlesCancel === true);
  try {
    const workDir = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const settings = flow.parse(new Inputs(actionInputSource), { env: process.env, platform, workDir });
    const context = { runner: new ProcessRunner(log), log, platform, env: process.env, workDir, cache: new ActionsCache(log), signal: cancel.signal };
    const result = await flow.run(settings, context);
    for (const [name, value] of Object.entries(flow.outputs(result))) core.setOutput(name, redact(value));
    await writeSummary(flow.summary(result), platform, log);
    const failure = flow.failure?.(result);
    const signal = cancel.received();
    // A cancelled run fails even when its last step happened to finish: the job was cancelled.
    if (signal && !failure?.startsWith('cancelled')) core.setFailed(redact(`cancelled (${signal})${failure ? `: ${failure}` : ''}`));
    else if (failure) core.setFailed(redact(failure));
  } catch (error) {
    const signal = cancel.received();
    core.setFailed(`${signal ? `cancelled (${signal}): ` : ''}${formatError(error, core.isDebug())}`);
  } finally {
    cancel.dispose();
    stopMirroring();
  }
  // Cleanup is done; a check the cancel cut short may still have a timer running: do not wait for it.
  if (cancel.received()) process.exit(1);
}

export { ConsoleLogger };
