import type { Logger } from '../core/log.js';
import { serviceInspect, serviceRollback, serviceTaskIds, taskInspect } from './commands.js';
import { humanDuration } from './duration.js';
import type { DockerEndpoint } from './endpoint.js';
import {
  desiredReplicas, expectsRollingUpdate, explainTaskError, imageOf, parseJsonArray, TERMINAL_FAILURES,
  type ServiceObject, type TaskObject,
} from './engine-state.js';

export type Outcome = 'updated' | 'unchanged' | 'rolled-back' | 'paused' | 'failed' | 'timed-out';

/** Where one service ended up, and what a user needs to know about it. */
export interface ServiceReport {
  service: string;
  outcome: Outcome;
  imageBefore?: string;
  imageAfter?: string;
  /** The image of the update the engine undid, when it rolled back. */
  imageAttempted?: string;
  running: number;
  desired: number | 'global';
  /** The engine's UpdateStatus.State and Message, when an update ran. */
  updateState?: string;
  message?: string;
  /** The engine's error of the failing task, and what it means. */
  taskError?: string;
  why?: string;
}

/** A service as it was before the deploy: its object (absent if new) and the tasks it had. */
export interface ServiceBaseline {
  name: string;
  object?: ServiceObject;
  taskIds: Set<string>;
  /** The image seen while the update ran (the engine forgets it once it rolls back). */
  attemptedImage?: string;
  /** When this wait first saw `rollback_completed`. */
  rollbackSeenAt?: number;
  /** A cancel asked the engine for this rollback (rollBackChanged). */
  rolledBackOnCancel?: boolean;
}

export interface ConvergeOptions {
  timeoutMs: number;
  pollMs: number;
  /** A `rollback` run succeeds by rolling back; a deploy fails by it. */
  intent: 'deploy' | 'rollback';
  log: Logger;
  /**
   * A cancel: a deploy asks the engine to roll back every service this deploy changed (done or not),
   * so the stack ends on its old version, not half; the wait is then cut to CANCEL_WAIT_MS. A rollback
   * run is left to go on (it already heads to the old version); only its wait is cut.
   */
  signal?: AbortSignal;
}

/**
 * How long a cancelled wait still watches the engine's rollback: inside GitHub's 10 s between SIGINT
 * and SIGKILL, with time left for the deploy's own cleanup. The engine finishes the rollback either way.
 */
export const CANCEL_WAIT_MS = 6_000;

const sleepUnlessCancelled = (ms: number, signal: AbortSignal | undefined): Promise<void> => new Promise((resolve) => {
  if (signal?.aborted) { resolve(); return; }
  const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});

/**
 * After a spec change the engine starts its update within milliseconds; until
 * this long has passed, tasks that look settled may still be the old ones.
 */
const SETTLE_GRACE_MS = 1_500;
/** How long an expected update may take to show up before the tasks alone decide. */
const UPDATE_START_MS = 10_000;

/**
 * The engine says `rollback_completed` once it has asked for the old tasks, not
 * once they run; this long (at most) is given to them to start, so that "the
 * previous version is serving" is only said when it is.
 */
const ROLLBACK_START_MS = 30_000;

/** Tasks that failed this many times in a row with none running: the engine will not get there by itself. */
const FAILED_TASKS_BEFORE_GIVING_UP = 3;

export async function inspectServices(endpoint: DockerEndpoint, names: string[]): Promise<ServiceObject[]> {
  if (names.length === 0) return [];
  const result = await endpoint.docker(serviceInspect(names), { allowFailure: true });
  // A service that does not exist (yet) makes inspect fail while still printing the others.
  return parseJsonArray<ServiceObject>(result.stdout || '[]');
}

export async function listTasks(endpoint: DockerEndpoint, service: string): Promise<TaskObject[]> {
  const ids = (await endpoint.docker(serviceTaskIds(service), { allowFailure: true })).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) return [];
  const tasks = parseJsonArray<TaskObject>((await endpoint.docker(taskInspect(ids), { allowFailure: true })).stdout || '[]');
  return tasks.sort((a, b) => (b.Status.Timestamp ?? b.CreatedAt).localeCompare(a.Status.Timestamp ?? a.CreatedAt));
}

export async function captureBaselines(endpoint: DockerEndpoint, names: string[]): Promise<ServiceBaseline[]> {
  const objects = await inspectServices(endpoint, names);
  return Promise.all(names.map(async (name) => {
    const object = objects.find((o) => o.Spec.Name === name);
    const taskIds = new Set(object ? (await listTasks(endpoint, name)).map((t) => t.ID) : []);
    return { name, object, taskIds };
  }));
}

/**
 * Polls each service until the engine says where its update ended: updated,
 * rolled back, paused, failed, or still going at the deadline. `docker stack
 * deploy` returns as soon as the specs are stored; this is the wait it skips.
 */
export async function waitForConvergence(endpoint: DockerEndpoint, baselines: ServiceBaseline[], options: ConvergeOptions): Promise<ServiceReport[]> {
  const started = Date.now();
  let deadline = started + options.timeoutMs;
  const reports = new Map<string, ServiceReport>();
  let pending = baselines;
  let cancelSeen = false;
  for (;;) {
    if (options.signal?.aborted && !cancelSeen) {
      cancelSeen = true;
      deadline = Math.min(deadline, Date.now() + CANCEL_WAIT_MS);
      if (options.intent === 'deploy') {
        const undone = await rollBackChanged(endpoint, baselines, options.log);
        // Services already reported updated are watched again, now heading back.
        for (const name of undone) reports.delete(name);
        pending = baselines.filter((b) => !reports.has(b.name));
      }
    }
    const objects = await inspectServices(endpoint, pending.map((b) => b.name));
    const still: ServiceBaseline[] = [];
    for (const baseline of pending) {
      const object = objects.find((o) => o.Spec.Name === baseline.name);
      if (object?.UpdateStatus?.State === 'updating') baseline.attemptedImage = imageOf(object.Spec);
      const report = object ? await judge(endpoint, baseline, object, options, Date.now() - started) : undefined;
      if (report) {
        reports.set(baseline.name, report);
        options.log.info(`${baseline.name}: ${report.outcome}${report.why ? ` (${report.why})` : ''} after ${humanDuration(Date.now() - started)}`);
      } else still.push(baseline);
    }
    pending = still;
    if (pending.length === 0) break;
    if (Date.now() + options.pollMs > deadline) {
      const last = await inspectServices(endpoint, pending.map((b) => b.name));
      for (const baseline of pending) {
        const object = last.find((o) => o.Spec.Name === baseline.name);
        const report = await describe(endpoint, baseline, object, 'timed-out');
        reports.set(baseline.name, report);
        options.log.warn(`${baseline.name}: still ${report.updateState ?? 'converging'} after ${humanDuration(options.timeoutMs)}`);
      }
      break;
    }
    await sleepUnlessCancelled(options.pollMs, options.signal);
  }
  return baselines.map((b) => reports.get(b.name) as ServiceReport);
}

/**
 * On a cancel: `docker service rollback` for each service whose spec this deploy changed. A service
 * the deploy created has no previous spec and keeps its new one (a first deploy, as on the other
 * strategies); an unchanged one is not touched (its rollback would go to an even older spec).
 */
async function rollBackChanged(endpoint: DockerEndpoint, baselines: ServiceBaseline[], log: Logger): Promise<string[]> {
  const objects = await inspectServices(endpoint, baselines.map((b) => b.name));
  const changed = baselines.filter((b) => {
    const now = objects.find((o) => o.Spec.Name === b.name);
    return b.object && now && now.Version.Index !== b.object.Version.Index;
  });
  const undone: string[] = [];
  for (const baseline of changed) {
    log.warn(`cancel: asking the engine to roll ${baseline.name} back to its previous spec`);
    const result = await endpoint.docker(serviceRollback(baseline.name), { allowFailure: true });
    if (result.exitCode === 0) {
      baseline.rolledBackOnCancel = true;
      undone.push(baseline.name);
    }
    else log.warn(`cancel: ${baseline.name} could not be rolled back (${result.stderr.trim().split('\n').pop() ?? ''}); it keeps what the engine runs`);
  }
  return undone;
}

/** A verdict for one service, or undefined while it is still moving. */
async function judge(endpoint: DockerEndpoint, baseline: ServiceBaseline, object: ServiceObject, options: ConvergeOptions, elapsedMs: number): Promise<ServiceReport | undefined> {
  const status = object.UpdateStatus;
  options.log.debug(`${baseline.name}: version ${object.Version.Index} (was ${baseline.object?.Version.Index ?? 'none'}), update ${status?.State ?? 'none'} since ${status?.StartedAt ?? '-'} (was ${baseline.object?.UpdateStatus?.StartedAt ?? '-'})`);
  const isNewUpdate = status?.State !== undefined && status.StartedAt !== baseline.object?.UpdateStatus?.StartedAt;
  if (isNewUpdate) {
    switch (status?.State) {
      case 'updating':
      case 'rollback_started':
        return undefined;
      case 'completed':
        return settled(endpoint, baseline, object, 'updated');
      case 'rollback_paused':
        // Asked for in the middle of an update, the engine's rollback often pauses on the task it cut short
        // (that task exits non-zero) while the previous spec's task still starts: what serves decides.
        return baseline.rolledBackOnCancel ? rolledBack(endpoint, baseline, object, options) : describe(endpoint, baseline, object, 'paused');
      case 'rollback_completed':
        return rolledBack(endpoint, baseline, object, options);
      case 'paused':
        return describe(endpoint, baseline, object, 'paused');
      default:
        return undefined;
    }
  }
  const changed = baseline.object !== undefined && baseline.object.Version.Index !== object.Version.Index;
  const rolling = expectsRollingUpdate(object);
  // The spec is stored but the engine may not have started rolling tasks yet.
  if (changed && (elapsedMs < SETTLE_GRACE_MS || (rolling && elapsedMs < UPDATE_START_MS))) return undefined;
  return settled(endpoint, baseline, object, baseline.object && !rolling ? 'unchanged' : 'updated');
}

/** The engine went back to the previous spec: done once its tasks run (given ROLLBACK_START_MS to start). */
async function rolledBack(endpoint: DockerEndpoint, baseline: ServiceBaseline, object: ServiceObject, options: ConvergeOptions): Promise<ServiceReport | undefined> {
  baseline.rollbackSeenAt ??= Date.now();
  const tasks = await listTasks(endpoint, baseline.name);
  if (countRunning(tasks) < wantedReplicas(object, tasks) && Date.now() - baseline.rollbackSeenAt < ROLLBACK_START_MS) return undefined;
  return report(baseline, object, tasks, options.intent === 'rollback' ? 'updated' : 'rolled-back');
}

/** No update in flight: done once the desired replicas run, failed once new tasks keep failing. */
async function settled(endpoint: DockerEndpoint, baseline: ServiceBaseline, object: ServiceObject, outcome: Outcome): Promise<ServiceReport | undefined> {
  const tasks = await listTasks(endpoint, baseline.name);
  const running = countRunning(tasks);
  const wanted = wantedReplicas(object, tasks);
  if (running >= wanted) return report(baseline, object, tasks, outcome);
  const fresh = tasks.filter((t) => !baseline.taskIds.has(t.ID));
  const failures = fresh.filter((t) => TERMINAL_FAILURES.has(t.Status.State)).length;
  if (running === 0 && failures >= FAILED_TASKS_BEFORE_GIVING_UP) return report(baseline, object, tasks, 'failed');
  return undefined;
}

async function describe(endpoint: DockerEndpoint, baseline: ServiceBaseline, object: ServiceObject | undefined, outcome: Outcome): Promise<ServiceReport> {
  const tasks = object ? await listTasks(endpoint, baseline.name) : [];
  if (object) return report(baseline, object, tasks, outcome);
  return { service: baseline.name, outcome, imageBefore: imageOf(baseline.object?.Spec), running: 0, desired: 0, why: 'the service does not exist' };
}

/** Replicas that must run: the spec's count, or for a global service the tasks the engine wants running (at least 1). */
function wantedReplicas(object: ServiceObject, tasks: TaskObject[]): number {
  const desired = desiredReplicas(object);
  return desired === 'global' ? Math.max(1, tasks.filter((t) => t.DesiredState === 'running').length) : desired;
}

function countRunning(tasks: TaskObject[]): number {
  return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
}

function report(baseline: ServiceBaseline, object: ServiceObject, tasks: TaskObject[], outcome: Outcome): ServiceReport {
  const base: ServiceReport = {
    service: baseline.name,
    outcome,
    imageBefore: imageOf(baseline.object?.Spec),
    imageAfter: imageOf(object.Spec),
    running: countRunning(tasks),
    desired: desiredReplicas(object),
    updateState: object.UpdateStatus?.State,
    message: object.UpdateStatus?.Message,
  };
  if (outcome === 'updated' || outcome === 'unchanged') return base;
  if (object.UpdateStatus?.State?.startsWith('rollback')) base.imageAttempted = baseline.attemptedImage ?? imageOf(object.PreviousSpec);
  const failing = failingTask(tasks.filter((t) => !baseline.taskIds.has(t.ID)), object.UpdateStatus?.Message);
  if (failing) {
    base.taskError = failing.Status.Err || `${failing.Status.State}: ${failing.Status.Message ?? ''}`.trim();
    base.why = explainTaskError(base.taskError);
  } else if (outcome === 'timed-out') {
    base.why = 'the update was still in progress at the timeout';
  } else {
    base.why = object.UpdateStatus?.Message ?? 'the engine stopped the update';
  }
  return base;
}

/** The task the engine blames (named in its update message), else the newest one with an error. */
function failingTask(tasks: TaskObject[], message: string | undefined): TaskObject | undefined {
  const named = message?.match(/task ([a-z0-9]{25})/)?.[1];
  const blamed = named ? tasks.find((t) => t.ID === named) : undefined;
  if (blamed && (blamed.Status.Err || TERMINAL_FAILURES.has(blamed.Status.State))) return blamed;
  return tasks.find((t) => t.Status.Err) ?? tasks.find((t) => TERMINAL_FAILURES.has(t.Status.State)) ?? blamed;
}
