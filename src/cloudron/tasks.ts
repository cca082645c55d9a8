import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { CloudronApi, CloudronApp, CloudronTask } from './api.js';
import { cloudronMessageOf } from './client.js';

export interface WaitOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  log: Logger;
  signal?: AbortSignal;
}

/** A Cloudron task ended in an error: carries Cloudron's own text (one line, redacted). */
export class CloudronTaskError extends SlipwayError {
  constructor(readonly what: string, readonly taskId: string, readonly cloudronMessage: string) {
    super(`Cloudron task ${taskId} (${what}) failed: ${cloudronMessage || 'no reason given'}`,
      { fix: "See the app's Logs and Event Log in the Cloudron dashboard" });
    this.name = 'CloudronTaskError';
  }
}

const pause = (ms: number, signal?: AbortSignal): Promise<void> => new Promise((resolve) => {
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
  function done(): void {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
    resolve();
  }
});

/**
 * Polls GET /tasks/:id until the task is neither pending nor active, logging
 * each new percent and message as Cloudron reports them. Cancelling stops the
 * wait, not the task: Cloudron finishes what it started.
 */
export async function waitForTask(api: CloudronApi, taskId: string, what: string, options: WaitOptions): Promise<CloudronTask> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const task = await api.task(taskId);
    const progress = `${Math.round(task.percent ?? 0)}% ${cloudronMessageOf({ message: task.message ?? '' }, '')}`.trim();
    if (progress !== last) {
      options.log.info(`Cloudron ${what} (task ${taskId}): ${progress}`);
      last = progress;
    }
    if (!task.pending && !task.active) {
      if (task.error || !task.success) throw new CloudronTaskError(what, taskId, cloudronMessageOf(task.error ?? {}, ''));
      return task;
    }
    if (options.signal?.aborted) throw new SlipwayError(`Cancelled while Cloudron task ${taskId} (${what}) was running`,
      { fix: 'Cloudron finishes the task on its own: check the app in the dashboard' });
    if (Date.now() - started > options.timeoutMs) {
      throw new SlipwayError(`Cloudron task ${taskId} (${what}) still running after ${Math.round(options.timeoutMs / 1000)} s (last: ${progress})`, {
        fix: "Check the task in the Cloudron dashboard; raise input 'cloudron-task-timeout' if it is just slow",
      });
    }
    await pause(options.pollIntervalMs, options.signal);
  }
}

export function describeAppState(app: CloudronApp): string {
  return `installation ${app.installationState}, run ${app.runState}, health ${app.health ?? 'unknown'}`;
}

/** Polls GET /apps/:id until Cloudron itself calls the app installed, running and healthy. */
export async function waitForHealthyApp(api: CloudronApi, appId: string, options: WaitOptions): Promise<CloudronApp> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const { body: app } = await api.app(appId);
    const state = describeAppState(app);
    if (state !== last) {
      options.log.info(`Cloudron app ${app.fqdn}: ${state}`);
      last = state;
    }
    if (app.installationState === 'installed' && app.runState === 'running' && app.health === 'healthy') return app;
    if (app.installationState === 'error') {
      throw new SlipwayError(`Cloudron reports app ${app.fqdn} in error: ${cloudronMessageOf(app.error ?? {}, '') || 'no reason given'}`,
        { fix: "See the app's Logs in the Cloudron dashboard" });
    }
    if (options.signal?.aborted) throw new SlipwayError(`Cancelled while waiting for ${app.fqdn} to become healthy`);
    if (Date.now() - started > options.timeoutMs) {
      throw new SlipwayError(`Cloudron app ${app.fqdn} not healthy after ${Math.round(options.timeoutMs / 1000)} s (${state})`, {
        fix: "Check the app's health check path and Logs in the dashboard; raise input 'health-timeout' if it starts slowly",
      });
    }
    await pause(options.pollIntervalMs, options.signal);
  }
}
