import path from 'node:path';
import { CancelledError } from '../core/cancel.js';
import type { FlowContext } from '../core/context.js';
import type { Runner } from '../core/runner/process-runner.js';
import { formatError } from '../core/errors.js';
import { describeTarget } from '../ssh/index.js';
import { bootApp } from './app-boot.js';
import { withoutCredentials } from './credentials.js';
import { DrillDeadline, DrillTimeout } from './deadline.js';
import { checkStaleness, trackDrillIssue } from './forge.js';
import { DrillHistory, previousCounts } from './history.js';
import { appValues, appWithRestored, queriesWithRestored, runnerValues, unnamedRestored } from './placeholders.js';
import { allChecks, failedChecks, isPassing, writeReportFile, type CheckResult, type DrillReport, type RestoreReport } from './report.js';
import { refuseTargetOverSource, ScratchPlace } from './scratch.js';
import { settingsWarnings, type DrillSettings, type RepositorySource } from './settings.js';
import { pickOlder, selectSnapshot, type SnapshotInfo } from './snapshots.js';
import { checkRepository, openRepository, restoreFromRepository, restoreLiveSqlite, restorePostgres, restoreSqliteOverSsh, restoreTarball, startEarlyRestore, type Restored } from './sources/index.js';
import { checkSnapshotAge, verifyData } from './verify.js';

export interface DrillOptions {
  now?: () => Date;
  random?: () => number;
}

/**
 * The whole drill: restore into a scratch place, prove the backup, the data and
 * (optionally) the app, report, and remove every scratch thing it made. Faults
 * become failing checks in the report; only a refused target or bad settings throw.
 */
export async function runDrill(settings: DrillSettings, context: FlowContext, options: DrillOptions = {}): Promise<DrillReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const report: DrillReport = { name: settings.name, kind: settings.mode, startedAt: startedAt.toISOString(), finishedAt: '', passed: false, restores: [], checks: [] };
  if (settings.mode === 'staleness' && settings.forge && settings.staleness) {
    report.checks.push(await checkStaleness(settings.forge, settings.staleness, startedAt, { signal: context.signal }));
    return finish(report, settings, context, now);
  }
  report.checks.push(...settingsWarnings(settings));
  const history = new DrillHistory(settings.name, {
    file: settings.previousReportFile ?? (settings.useCacheForHistory ? undefined : path.join(context.workDir, '.slipway', `${settings.name}-last-pass.json`)),
    cache: settings.useCacheForHistory ? context.cache : undefined,
    cacheDir: path.join(settings.scratchRoot, `slipway-drill-history-${settings.name}`),
    log: context.log,
  });
  const previous = await history.load();
  let scratch: ScratchPlace;
  try {
    if (settings.scratchDir) refuseTargetOverSource(settings.scratchDir, sourcePaths(settings));
    scratch = ScratchPlace.create(settings.scratchRoot, settings.scratchDir);
  } catch (error) {
    // Refused before anything was written: the report says why.
    report.checks.push({ name: 'restore target is a scratch place', passed: false, detail: formatError(error) });
    return finish(report, settings, context, now);
  }
  context.log.info(`Scratch place: ${scratch.dir}`);
  const deadline = new DrillDeadline(settings.timeoutMs, startedAt.getTime(), context.signal);
  const bounded: FlowContext = { ...context, runner: deadline.runner(context.runner) };
  let work: Promise<RestoreReport[]> | undefined;
  try {
    await context.log.group(`Drill '${settings.name}'`, async () => {
      work = restoreAll(settings, bounded, scratch, { now: startedAt, previous: previousCounts(previous), random: options.random ?? Math.random, deadline });
      report.restores.push(...(await deadline.race(work)));
    });
  } catch (error) {
    if (error instanceof CancelledError) {
      report.checks.push({ name: 'drill ran to the end', passed: false, detail: error.message });
      // The command in flight finishes on its own; the scratch place goes once it returned (or soon after).
      await deadline.unwind(work, CANCEL_GRACE_MS);
    } else if (error instanceof DrillTimeout) {
      report.checks.push({ name: 'drill finished within timeout', passed: false, detail: error.message });
      // Its running command was killed at the deadline; let the work unwind before its files go.
      await deadline.unwind(work, UNWIND_GRACE_MS);
    } else {
      report.checks.push({ name: 'drill ran to the end', passed: false, detail: formatError(error) });
    }
  } finally {
    await deadline.cleanup(() => scratch.remove(context.log));
  }
  const finished = await finish(report, settings, context, now);
  if (finished.passed) await history.save(finished).catch((error: unknown) => context.log.warn(`Could not keep this report for the next drill: ${formatError(error)}`));
  return finished;
}

function sourcePaths(settings: DrillSettings): string[] {
  const source = settings.source;
  if (source.kind === 'sqlite' && !source.container && !source.ssh) return [source.path];
  if (source.kind === 'restic' || source.kind === 'borg') return [source.repository];
  if (source.kind === 'tarball' && source.file) return [source.file];
  if (source.kind === 'postgres' && source.dumpFile) return [source.dumpFile];
  return [];
}

async function finish(report: DrillReport, settings: DrillSettings, context: FlowContext, now: () => Date): Promise<DrillReport> {
  report.passed = report.restores.every((restore) => restore.passed) && isPassing(report.checks);
  // A cancelled drill proves nothing either way: no issue is opened or closed for it.
  if (settings.mode === 'drill' && settings.issue.enabled && settings.forge && !context.signal?.aborted) {
    try {
      report.issue = await trackDrillIssue(settings.forge, settings.issue, report, failedChecks(report), context.platform.runUrl, { signal: context.signal });
    } catch (error) {
      context.log.warn(`Could not update the drill issue: ${formatError(error)}`);
    }
  }
  // Warnings do not fail the drill, so they are said out loud (an annotation on Actions).
  for (const check of allChecks(report)) if (!check.passed && check.severity === 'warning') context.log.warn(`${check.name}: ${check.detail}`);
  report.finishedAt = now().toISOString();
  report.reportFile = settings.reportFile;
  writeReportFile(report, settings.reportFile);
  return report;
}

/** How long a timed-out drill waits for its killed command to return before removing the scratch place. */
const UNWIND_GRACE_MS = 10_000;
/** The same after a cancel: short, as GitHub's SIGKILL follows SIGINT by 10 s. */
const CANCEL_GRACE_MS = 3000;

interface RestoreContext {
  deadline: DrillDeadline;
  now: Date;
  previous?: Record<string, number>;
  random: () => number;
}

async function restoreAll(settings: DrillSettings, context: FlowContext, scratch: ScratchPlace, run: RestoreContext): Promise<RestoreReport[]> {
  const source = settings.source;
  if (source.kind !== 'restic' && source.kind !== 'borg') {
    const label = 'live';
    const started = Date.now();
    let restored: Restored;
    run.deadline.enter(`restore ${describeSource(settings)}`);
    if (source.kind === 'postgres') restored = await restorePostgres(source, scratch, context.runner);
    else if (source.kind === 'tarball') restored = await restoreTarball(source, scratch, context.runner, settings.verify);
    else restored = await restoreLive(settings, context, scratch);
    return [await verifyRestore(settings, context, scratch, { label, source: describeSource(settings), started, restored, run, previous: run.previous })];
  }
  run.deadline.enter(`open ${describeSource(settings)}`);
  const early = startEarlyRestore(source, scratch, context.runner);
  const repositoryCheck = source.skipRepositoryCheck ? undefined : startRepositoryCheck(source, scratch, context.runner);
  const session = await openRepository(source, scratch, context.runner);
  const base: RestoreReport = { label: 'newest', source: describeSource(settings), sizes: {}, tables: {}, checks: [...session.checks], passed: false };
  // Unreadable (wrong password, not a repository): the check started beside would only say so again.
  if (!session.checks.every((check) => check.passed)) return [base];
  const chosen = selectSnapshot(session.snapshots, source.snapshot);
  if (!chosen) {
    const empty = session.snapshots.length === 0;
    base.checks.push({
      name: empty ? 'repository holds a backup' : `snapshot ${source.snapshot} exists`,
      passed: false,
      detail: empty ? `no ${source.kind === 'restic' ? 'snapshots' : 'archives'} in ${withoutCredentials(source.repository)}${source.tags.length || source.pathFilter ? ' matching the filter' : ''}` : `not among ${session.snapshots.length} snapshot(s)`,
    });
    // The repository opened, so whether it is intact still tells the reader something.
    if (repositoryCheck) base.checks.push(await repositoryCheck);
    return [base];
  }
  const selections: Array<{ label: string; snapshot: SnapshotInfo }> = [{ label: source.snapshot === 'latest' ? 'newest' : source.snapshot, snapshot: chosen }];
  if (settings.alsoRandomOlder) {
    const older = pickOlder(session.snapshots, chosen, run.random);
    if (older) selections.push({ label: 'random older', snapshot: older });
    else context.log.info('No snapshot older than the chosen one: the random older drill is skipped.');
  }
  const reports: RestoreReport[] = [];
  for (const [index, { label, snapshot }] of selections.entries()) {
    run.deadline.enter(`restore the ${label} snapshot ${snapshot.id.slice(0, 12)}`);
    const asked = Date.now();
    const restored = await restoreFromRepository(session, snapshot, scratch, context.runner, index === 0 ? 'newest' : 'older', settings.verify, index === 0 ? early : undefined);
    // RTO counts from the start of the restore that was kept (an early one started beside the listing).
    const started = restored.startedAt ?? asked;
    if (index === 0) restored.checks.unshift(...session.checks);
    // The older snapshot is expected to be older than max-age and to have fewer rows: only its integrity counts.
    const restoreReport = await verifyRestore(settings, context, scratch, { label, source: base.source, started, restored, run, snapshot, previous: index === 0 ? run.previous : undefined, primary: index === 0 });
    if (index === 0 && !source.skipRepositoryCheck) {
      run.deadline.enter(`${source.kind} check`);
      restoreReport.checks.push(await (repositoryCheck ?? session.check()));
      restoreReport.passed = isPassing(restoreReport.checks);
    }
    reports.push(restoreReport);
  }
  return reports;
}

/**
 * restic's check reads the repository only (restore and listing run with --no-lock, the check
 * keeps a temporary cache of its own) and needs nothing from the listing, so it starts with it,
 * beside the early restore: each restic process spends most of a small drill deriving the key
 * (scrypt, about 0.55 s of CPU here), and three of them side by side finish sooner than a check
 * queued behind the listing. Its verdict still lands where it always did, after the newest
 * restore's checks. Borg's check takes the repository's exclusive lock, which its extract would
 * wait on: it stays after.
 */
function startRepositoryCheck(source: RepositorySource, scratch: ScratchPlace, runner: Runner): Promise<CheckResult> | undefined {
  if (source.kind !== 'restic') return undefined;
  const checking = checkRepository(source, scratch, runner);
  // Whatever ends the drill, the scratch place goes only once the check has stopped.
  scratch.onCleanup('the restic check', () => checking.then(() => undefined, () => undefined));
  return checking;
}

async function restoreLive(settings: DrillSettings, context: FlowContext, scratch: ScratchPlace): Promise<Restored> {
  const source = settings.source;
  if (source.kind !== 'sqlite') throw new Error('unreachable');
  if (source.ssh) {
    return restoreSqliteOverSsh(source, source.ssh, scratch, context, settings.verify.restoreAs);
  }
  return restoreLiveSqlite(source, scratch, context.runner, settings.verify.restoreAs);
}

/** How the summary and the report name the source: never with credentials. */
export function describeSource(settings: DrillSettings): string {
  const source = settings.source;
  switch (source.kind) {
    case 'sqlite': return source.container ? `sqlite ${source.container}:${source.path}` : source.ssh ? `sqlite ${describeTarget(source.ssh)}:${source.path}` : `sqlite ${source.path}`;
    case 'restic':
    case 'borg': return `${source.kind} ${withoutCredentials(source.repository)}`;
    case 'postgres': return source.dumpFile ? `pg_dump file ${source.dumpFile}` : `postgres database ${source.database}`;
    case 'tarball': return source.volume ? `docker volume ${source.volume}` : `tarball ${source.file}`;
  }
}

async function verifyRestore(
  settings: DrillSettings,
  context: FlowContext,
  scratch: ScratchPlace,
  args: { label: string; source: string; started: number; restored: Restored; run: RestoreContext; snapshot?: SnapshotInfo; previous?: Record<string, number>; primary?: boolean },
): Promise<RestoreReport> {
  const { restored, snapshot, run } = args;
  const primary = args.primary ?? true;
  const checks: CheckResult[] = [...restored.checks];
  const report: RestoreReport = {
    label: args.label,
    source: args.source,
    sizes: restored.sizes,
    tables: {},
    versions: restored.versions,
    checks,
    passed: false,
    restoreSeconds: (Date.now() - args.started) / 1000,
  };
  // A repository's snapshot, or the time a pg_dump archive records: the RPO.
  const taken = snapshot ?? restored.taken;
  if (taken) {
    const ageSeconds = (run.now.getTime() - taken.time.getTime()) / 1000;
    report.snapshot = { id: taken.id, time: taken.time.toISOString(), timeSource: taken.timeSource, ageSeconds };
    report.rpoSeconds = ageSeconds;
    if (settings.verify.maxAgeMs !== undefined && primary) checks.push(checkSnapshotAge(taken.time, settings.verify.maxAgeMs, run.now));
  }
  const place = { database: restored.database, engine: settings.source.kind === 'postgres' ? 'postgres' as const : 'sqlite' as const, dir: restored.appDataDir ?? restored.dataDir };
  const unnamed = unnamedRestored(runnerValues(place), [
    { input: 'queries', texts: primary ? settings.verify.queries.flatMap((query) => [query.sql, query.expected]) : [] },
    { input: 'app-env and app-args', texts: settings.app && primary ? [...settings.app.args, ...Object.values(settings.app.env)] : [] },
  ]);
  if (unnamed && isPassing(checks)) checks.push({ name: 'the inputs can name the restored database', passed: false, detail: unnamed });
  if (restored.probe) {
    run.deadline.enter(`verify the ${args.label} restore's data`);
    const verify = primary ? { ...settings.verify, queries: queriesWithRestored(settings.verify.queries, runnerValues(place)) } : { ...settings.verify, minRows: {}, queries: [], freshnessColumn: undefined };
    const data = await verifyData(restored.probe, verify, { now: run.now, previousCounts: args.previous });
    checks.push(...data.checks);
    report.tables = data.tables;
  } else if (isPassing(checks) && (settings.source.kind !== 'tarball' || wantsDataChecks(settings))) {
    checks.push({ name: 'database found in the backup', passed: false, detail: 'no SQLite database in the restored files; set database-path' });
  }
  if (settings.app && primary && isPassing(checks)) {
    run.deadline.enter('boot the app on the restored data');
    // The app's wait is bounded by the drill's deadline too.
    const appTimeoutMs = Math.min(settings.app.timeoutMs, run.deadline.remainingMs());
    const app = appWithRestored(settings.app, appValues(place, settings.app.dataMount));
    const booted = await bootApp({ ...app, timeoutMs: appTimeoutMs, env: { ...restored.appEnv, ...app.env } }, place.dir, scratch, context.runner, context.log);
    checks.push(booted.check);
    if (booted.healthyAt) report.rtoSeconds = (booted.healthyAt - args.started) / 1000;
  } else if (isPassing(checks)) {
    report.rtoSeconds = (Date.now() - args.started) / 1000;
  }
  report.passed = isPassing(checks);
  context.log.info(`${args.label}: ${checks.filter((check) => check.passed).length}/${checks.length} checks passed`);
  return report;
}

function wantsDataChecks(settings: DrillSettings): boolean {
  const verify = settings.verify;
  return verify.tables.length + Object.keys(verify.minRows).length + verify.queries.length > 0 || verify.freshnessColumn !== undefined;
}
