import os from 'node:os';
import { CancelledError, isCancelled, throwIfCancelled } from '../core/cancel.js';
import { formatError, SlipwayError } from '../core/errors.js';
import { runIdentity } from '../core/leftovers.js';
import type { FlowContext } from '../core/context.js';
import { describeActor } from '../core/platform.js';
import { describeTarget, openSshSession, type SshSession } from '../ssh/index.js';
import type { DeployLogEntry } from './host-state.js';
import { RolledBackError, type ClosingStep, type HostOutcome, type HostRun } from './host-run.js';
import { acquireLockAndLook, type HeldLock } from './lock.js';
import { forHost } from './common-settings.js';
import { hostPathsFor, strategyFor, type DeploySettings } from './strategies/index.js';
import { reportsOf, type HostlessRun, type StrategyReport } from './strategies/strategy.js';

export interface DeployResult {
  mode: DeploySettings['mode'];
  strategy: DeploySettings['strategy'];
  version: string;
  previousVersion: string;
  hosts: HostOutcome[];
  rolledBack: boolean;
  ok: boolean;
  /** SSH connections opened per host (target: 1). */
  connectionsPerHost: number[];
  /** The run was cancelled (SIGINT/SIGTERM): hosts say what serves now; no new host or step was started after it. */
  cancelled?: boolean;
}

export interface DeployHooks {
  /** Opens a host's session (default: SSH; the fast specs give a recorded one). */
  openSession?(target: DeploySettings['ssh']['targets'][number], index: number): Promise<SshSession>;
  /** Called with each host's session once it is open (tests cut connections through it). */
  sessionOpened?(session: SshSession, index: number): void;
}

/** Split hosts into batches of `size` (0: one batch with all). */
export function batches<T>(items: T[], size: number): T[][] {
  if (size <= 0 || size >= items.length) return [items];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A host mid-deploy: its connection and lock stay open until the batch is settled. */
interface Pending {
  index: number;
  name: string;
  session?: SshSession;
  lock?: HeldLock;
  run?: HostRun;
  /** The strategy's closing step, run with the deploy-log line and the lock release. */
  closing?: ClosingStep;
  outcome: HostOutcome;
}

const APP_DIR_FIX = 'Create app-dir on the host (owned by the SSH user) or fix the input, or set create-app-dir: true for a script deploy';

/** A host's reports, in the order its strategy made them (a revert's come after its deploy's). */
function keepReports(outcome: HostOutcome, reports: StrategyReport[] | undefined): void {
  if (reports?.length) outcome.reports = [...(outcome.reports ?? []), ...reports];
}

/** The outcome of a host whose strategy ended (or never started) after a cancel; the message says what serves. */
function cancelledOutcome(error: unknown, started: boolean): Partial<HostOutcome> {
  if (error instanceof CancelledError) {
    return { status: 'cancelled', changed: false, message: started ? `${error.message}; nothing was switched, the old version keeps serving` : `${error.message}; nothing changed on the host` };
  }
  return { status: 'cancelled', changed: !(error instanceof RolledBackError), message: formatError(error) };
}

export async function deployFleet(settings: DeploySettings, context: FlowContext, hooks: DeployHooks = {}): Promise<DeployResult> {
  const actor = describeActor(context.platform, os.hostname());
  const runId = runIdentity(context.env, os.hostname());
  const { signal } = context;
  const strategy = strategyFor(settings);
  if (strategy.withoutHosts) return deployWithoutHosts(settings, strategy.withoutHosts, context);
  const action = settings.mode === 'rollback' ? 'rollback' : 'deploy';
  const indexed = settings.ssh.targets.map((target, index) => ({ target, index }));
  const outcomes: HostOutcome[] = indexed.map(({ target }) => ({
    host: describeTarget(target), status: 'not-started', version: '', previous: '', message: '', changed: false, durationMs: 0,
  }));
  const connections: number[] = indexed.map(() => 0);
  let failed = false;

  for (const batch of batches(indexed, settings.batchSize)) {
    // A cancel starts no new batch: those hosts stay as they are ('not-started').
    if (failed || isCancelled(signal)) break;
    const pending = await Promise.all(batch.map(async ({ target, index }): Promise<Pending> => {
      const started = Date.now();
      const item: Pending = { index, name: describeTarget(target), outcome: outcomes[index] as HostOutcome };
      let strategyStarted = false;
      try {
        throwIfCancelled(signal, `connecting to ${item.name}`);
        item.session = await (hooks.openSession ? hooks.openSession(target, index) : openSshSession(target, context.runner, context.log));
        hooks.sessionOpened?.(item.session, index);
        const appDir = forHost(settings.appDir, target.host, index);
        // A vital closing step (the state a rollback reads) waits for the last round trip only when no other host
        // shares the batch: in a batch of several, its failure must still fail the batch and revert the others.
        const deferClosing = (step: ClosingStep): boolean => {
          item.closing = step.vital && batch.length > 1 ? undefined : step;
          return item.closing !== undefined;
        };
        item.run = { session: item.session, settings, appDir, index, log: context.log, signal, deferClosing };
        throwIfCancelled(signal, `checking app-dir on ${item.name}`);
        const paths = hostPathsFor(settings, appDir);
        const lockOptions = {
          lockPath: paths.lockIsFile ? paths.lock : undefined, deployLog: paths.deployLog,
          holder: actor, runId, signal, strategy: settings.strategy, version: settings.version, waitMs: settings.lockTimeoutMs, staleAfterMs: settings.lockStaleAfterMs,
        };
        // One round trip: app-dir checked (nothing made when it is missing) or, for a script with
        // create-app-dir, made; the lock taken; the strategy's look, if it has one.
        const look = strategy.lookWithLock?.(item.run as HostRun);
        const taken = await acquireLockAndLook(item.session, appDir, lockOptions, context.log, {
          createAppDir: settings.strategy === 'script' && settings.createAppDir,
          ...(look ? { look } : {}),
          missingAppDir: () => new SlipwayError(`${item.name}: missing on the host: app-dir (${appDir})`, { fix: APP_DIR_FIX }),
        });
        item.lock = taken.lock;
        if (taken.lookFailed) throw new SlipwayError(`${item.name}: the look at the host, in the lock's round trip, ${taken.lookFailed}`, { fix: 'Check the host\'s docker and sh answer for the SSH user, then deploy again' });
        if (look && taken.looked !== undefined) item.run.looked = { args: look.args, stdout: taken.looked };
        throwIfCancelled(signal, `the ${action} on ${item.name}`);
        strategyStarted = true;
        const change = await context.log.group(`${action} on ${item.name}`, () => (settings.mode === 'rollback' ? strategy.rollback(item.run as HostRun) : strategy.deploy(item.run as HostRun)));
        Object.assign(item.outcome, { status: settings.mode === 'rollback' ? 'rolled-back' : 'deployed', version: change.version, previous: change.previous, changed: change.changed, message: 'ok' });
        keepReports(item.outcome, change.reports);
        if (isCancelled(signal)) item.outcome.message = 'ok (the cancel came after the new version was switched to and verified)';
      } catch (error) {
        const rolledBack = error instanceof RolledBackError;
        // After a rollback the host serves the old version again; the new one is what failed.
        const versions = rolledBack ? error.versions : undefined;
        Object.assign(item.outcome, {
          status: rolledBack ? 'rolled-back' : 'failed', version: versions?.serving ?? settings.version, previous: versions?.failed ?? item.outcome.previous,
          message: formatError(error), changed: !rolledBack && item.lock !== undefined,
        });
        keepReports(item.outcome, reportsOf(error));
        if (isCancelled(signal)) Object.assign(item.outcome, cancelledOutcome(error, strategyStarted));
      }
      item.outcome.durationMs = Date.now() - started;
      return item;
    }));
    const batchFailed = pending.some((item) => item.outcome.status === 'failed' || item.outcome.status === 'cancelled' || (settings.mode === 'deploy' && item.outcome.status === 'rolled-back'));
    if (batchFailed) failed = true;
    // The batch is all-or-nothing: hosts that took the new version go back. Not after a cancel:
    // each host is whole (old or new), and a revert would be a new step the cancel asked not to start.
    if (batchFailed && !isCancelled(signal)) {
      for (const item of pending) {
        if (item.outcome.status !== 'deployed' || !item.run) continue;
        try {
          const back = await strategy.rollback(item.run);
          Object.assign(item.outcome, { status: 'reverted', version: back.version, previous: back.previous, message: 'reverted because another host in its batch failed' });
          keepReports(item.outcome, back.reports);
        } catch (error) {
          keepReports(item.outcome, reportsOf(error));
          item.outcome.message = `revert failed: ${formatError(error)}`;
          item.outcome.status = 'failed';
        }
      }
    }
    // Cleanup runs whatever happened, cancel or not: log line, lock, connection (with its key and agent).
    for (const item of pending) {
      // Work the outcome rests on (the state a rollback reads) that did not happen fails the host, as if the strategy had thrown.
      const closingFailed = (error: Error): void => {
        Object.assign(item.outcome, { status: 'failed', message: formatError(error), changed: true });
        failed = true;
      };
      try {
        if (item.session && item.lock && item.run && (await item.session.isAlive())) {
          const entry: DeployLogEntry = {
            time: new Date().toISOString(), action, strategy: settings.strategy, version: item.outcome.version || settings.version,
            previous: item.outcome.previous, result: item.outcome.status, actor,
          };
          const logPath = hostPathsFor(settings, item.run.appDir).deployLog;
          // One round trip: the strategy's closing step (if any), the log line, the release.
          const { logError, closingError } = await item.lock.finish(entry, logPath, item.closing, item.closing?.vital ? { ...entry, result: 'failed' } : undefined);
          if (logError) context.log.warn(`${item.name}: could not append to the deploy log: ${logError}`);
          if (closingError) closingFailed(closingError);
        } else if (item.closing?.vital) {
          // The connection is gone: the step never ran (the post step releases the lock).
          const lost = item.closing.settle('', 255);
          if (lost) closingFailed(lost);
        }
      } catch (error) {
        context.log.warn(`${item.name}: could not release the deploy lock: ${formatError(error)}`);
        // No answer: the step's settle said what was not done; a vital one fails the host.
        if (item.closing?.vital && error instanceof Error && error.cause instanceof Error) closingFailed(error.cause);
      } finally {
        if (item.session) {
          connections[item.index] = item.session.connectionsOpened;
          await item.session.close();
        }
      }
    }
  }
  const first = outcomes[0];
  const success = settings.mode === 'rollback' ? 'rolled-back' : 'deployed';
  return {
    mode: settings.mode,
    strategy: settings.strategy,
    // What serves now: the deployed version, else (all rolled back) the version serving again.
    version: (outcomes.find((o) => o.status === success) ?? outcomes.find((o) => o.status === 'rolled-back' || o.status === 'reverted'))?.version ?? settings.version,
    previousVersion: first?.previous ?? '',
    hosts: outcomes,
    rolledBack: outcomes.some((o) => o.status === 'rolled-back' || o.status === 'reverted' || (o.status === 'cancelled' && o.message.includes('rolled back'))),
    ok: !failed && !isCancelled(signal),
    connectionsPerHost: connections,
    cancelled: isCancelled(signal),
  };
}

/** A strategy without hosts (cloudron) runs once from the runner; its one outcome is the result's one line. */
async function deployWithoutHosts(settings: DeploySettings, hostless: HostlessRun<DeploySettings>, context: FlowContext): Promise<DeployResult> {
  const outcome = await hostless.run(settings, context);
  const success = settings.mode === 'rollback' ? 'rolled-back' : 'deployed';
  return {
    mode: settings.mode,
    strategy: settings.strategy,
    version: outcome.version,
    previousVersion: outcome.previous,
    hosts: [outcome],
    rolledBack: outcome.status === 'rolled-back',
    ok: outcome.status === success && !isCancelled(context.signal),
    connectionsPerHost: [0],
    cancelled: isCancelled(context.signal),
  };
}
