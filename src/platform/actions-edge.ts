import * as core from '@actions/core';
import { Inputs, type InputSource } from '../core/config/inputs.js';
import type { CacheStore } from '../core/cache.js';
import type { FlowDefinition } from '../core/context.js';
import { formatError } from '../core/errors.js';
import type { Logger, SourceLocation } from '../core/log.js';
import { ConsoleLogger } from '../core/log.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { onSecretRegistered, redact } from '../core/secrets.js';
import { renderMarkdown, renderText, type Summary } from '../core/summary.js';
import { detectPlatform, type PlatformInfo } from './detect.js';

/** Inputs as the runner hands them over (INPUT_<NAME> variables). */
export const actionInputSource: InputSource = {
  get: (name) => core.getInput(name),
  describe: (name) => `input '${name}'`,
};

/** @actions/core commands, except where the platform ignores them (Forgejo: no annotations). */
export class ActionsLogger implements Logger {
  constructor(private readonly platform: PlatformInfo) {}
  info(message: string): void { core.info(redact(message)); }
  debug(message: string): void { core.debug(redact(message)); }
  warn(message: string, where?: SourceLocation): void { this.annotate('warning', message, where); }
  error(message: string, where?: SourceLocation): void { this.annotate('error', message, where); }
  group<T>(title: string, body: () => Promise<T>): Promise<T> { return core.group(redact(title), body); }

  private annotate(level: 'warning' | 'error', message: string, where?: SourceLocation): void {
    const text = redact(message);
    if (!this.platform.supportsAnnotations) {
      // Forgejo prints workflow commands raw; a plain line reads better.
      const location = where?.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
      core.info(`${level}: ${location}${text}`);
      return;
    }
    const properties: core.AnnotationProperties = { file: where?.file, startLine: where?.line, endLine: where?.endLine, title: where?.title };
    if (level === 'warning') core.warning(text, properties);
    else core.error(text, properties);
  }
}

/** @actions/cache is loaded only when a flow asks for it: it is large, and startup time matters. */
export class ActionsCache implements CacheStore {
  readonly description = 'Actions cache';
  constructor(private readonly log: Logger) {}
  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
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
    return (await import('@actions/cache')).isFeatureAvailable();
  }
  async save(paths: string[], key: string): Promise<void> {
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
    await core.summary.addRaw(redact(renderMarkdown(summary))).write();
  } else {
    const where = platform.kind === 'forgejo' ? 'Forgejo shows no job summaries' : 'this runner gives no summary file (GITHUB_STEP_SUMMARY)';
    log.info(`Job summary not written (${where}); the same table follows in the log:\n${redact(renderText(summary))}`);
  }
}

/** The whole Actions edge: inputs → flow → outputs, summary, failure. */
export async function runAction<S, R>(flow: FlowDefinition<S, R>): Promise<void> {
  const platform = detectPlatform();
  onSecretRegistered((value) => core.setSecret(value));
  const log = new ActionsLogger(platform);
  try {
    const workDir = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const settings = flow.parse(new Inputs(actionInputSource), { env: process.env, platform, workDir });
    const context = { runner: new ProcessRunner(log), log, platform, env: process.env, workDir, cache: new ActionsCache(log) };
    const result = await flow.run(settings, context);
    for (const [name, value] of Object.entries(flow.outputs(result))) core.setOutput(name, redact(value));
    await writeSummary(flow.summary(result), platform, log);
    const failure = flow.failure?.(result);
    if (failure) core.setFailed(redact(failure));
  } catch (error) {
    core.setFailed(formatError(error, core.isDebug()));
  }
}

export { ConsoleLogger };
