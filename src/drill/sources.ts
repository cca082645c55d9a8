import fs from 'node:fs';
import path from 'node:path';
import { lastLines } from '../core/errors.js';
import type { Runner, RunResult } from '../core/runner/process-runner.js';
import {
  borgCheck, borgEnv, borgExtract, borgList, dockerCopyOut, dockerExec, dockerInspectVolume, dockerVolumeToTar,
  pgDump, pgDumpVersion, pgRestore, pgRestoreList, psql, resticCheck, resticEnv, resticRestore, resticSnapshots, restoredSnapshotId,
  sqlIdentifier, sqliteQuery, sqliteSnapshot, tarExtract,
} from './commands.js';
import { isPassing, type CheckResult, type RestoreReport } from './report.js';
import { DRILL_LABEL, findSqliteFiles, refuseSameName, refuseTargetOverSource, sizeOf, type ScratchPlace } from './scratch.js';
import type { PostgresSource, RepositorySource, SqliteSource, TarballSource } from './settings.js';
import { parseBorgArchives, parseResticSnapshots, type SnapshotInfo } from './snapshots.js';
import { countRowsSql, parseRowCounts, postgresTablesSql, sqliteTablesSql, type DataProbe, type RowCounts } from './verify.js';

/** What a restore left in the scratch place, for the checks that follow. */
export interface Restored {
  /** Directory holding the restored files. */
  dataDir: string;
  /** What the app gets mounted: the restored database's directory, else `dataDir`. */
  appDataDir?: string;
  probe?: DataProbe;
  /** Checks of the backup itself (open, restore, integrity). */
  checks: CheckResult[];
  sizes: RestoreReport['sizes'];
  versions?: RestoreReport['versions'];
  /** When the backup was taken, for a source without snapshots (a pg_dump archive). */
  taken?: { id: string; time: Date; timeSource: string };
  /** Extra environment for the app (the scratch database's coordinates). */
  appEnv?: Record<string, string>;
  ok: boolean;
  /** When the restore that was kept began, if not when the caller asked for it (an early restore). */
  startedAt?: number;
}

const failed = (name: string, result: RunResult | string): CheckResult => ({
  name,
  passed: false,
  detail: typeof result === 'string' ? result : `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}: ${lastLines(result.stderr.trim() || result.stdout.trim(), 3).replace(/\n/g, ' ')}`,
});

export interface SqliteProbe extends DataProbe {
  /** Starts counting every table now (read-only, so it can run beside integrity_check); countRows then reuses it. */
  startCounting(): Promise<unknown>;
}

export function sqliteProbe(runner: Runner, file: string): SqliteProbe {
  let listing: ReturnType<DataProbe['query']> | undefined;
  let early: Promise<RowCounts> | undefined;
  const run: DataProbe['query'] = async (sql) => {
    const result = await runner.run(sqliteQuery(file, sql), { allowFailure: true, timeoutMs: 600_000 });
    if (result.exitCode !== 0) return { error: lastLines(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
    return { rows: result.stdout.split('\n').filter((line) => line !== '') };
  };
  const countNow = async (tables: string[]): Promise<RowCounts> => {
    if (tables.length === 0) return { counts: {} };
    const counted = await run(countRowsSql(tables));
    return 'error' in counted ? counted : { counts: parseRowCounts(counted.rows) };
  };
  return {
    engine: 'sqlite',
    tablesSql: sqliteTablesSql,
    newestSql: (table, column) => `SELECT max(${sqlIdentifier(column)}) FROM ${sqlIdentifier(table)};`,
    // The table list read for the early count answers the data checks' own listing.
    query: (sql) => (sql === sqliteTablesSql && listing ? listing : run(sql)),
    startCounting() {
      listing ??= run(sqliteTablesSql);
      early ??= listing.then((listed) => ('error' in listed ? listed : countNow(listed.rows)));
      return early;
    },
    async countRows(tables) {
      const counted = early ? await early : undefined;
      if (counted && 'error' in counted) return counted;
      if (counted && tables.every((t) => t in counted.counts)) return { counts: Object.fromEntries(tables.map((t) => [t, counted.counts[t]])) };
      return countNow(tables);
    },
  };
}

/** `PRAGMA integrity_check` on the restored file: the answer must be exactly `ok`. */
export async function checkSqliteIntegrity(runner: Runner, file: string): Promise<CheckResult> {
  const result = await runner.run(sqliteQuery(file, 'PRAGMA integrity_check;'), { allowFailure: true, timeoutMs: 3_600_000 });
  const name = `SQLite integrity_check of ${path.basename(file)}`;
  if (result.exitCode !== 0) return failed(name, result);
  const answer = result.stdout.trim();
  return { name, passed: answer === 'ok', detail: answer === 'ok' ? 'ok' : lastLines(answer, 3).replace(/\n/g, ' ') };
}

/** Finds the SQLite database in a restored tree and runs its integrity check. */
async function sqliteFromTree(runner: Runner, restoreDir: string, databasePath: string | undefined, checks: CheckResult[]): Promise<{ probe?: DataProbe; file?: string }> {
  let file: string | undefined;
  if (databasePath) {
    file = path.join(restoreDir, databasePath);
    if (!fs.existsSync(file)) {
      checks.push({ name: 'database file restored', passed: false, detail: `${databasePath} is not in the backup` });
      return {};
    }
  } else {
    const found = findSqliteFiles(restoreDir);
    if (found.length !== 1) {
      if (found.length > 1) checks.push({ name: 'database file restored', passed: false, detail: `several SQLite files (${found.map((f) => path.relative(restoreDir, f)).join(', ')}); set database-path` });
      return {};
    }
    file = found[0];
  }
  // The row counts the data checks need read the whole file too: on a second core, beside integrity_check.
  const probe = sqliteProbe(runner, file);
  const [integrity] = await Promise.all([checkSqliteIntegrity(runner, file), probe.startCounting()]);
  checks.push(integrity);
  return { probe: integrity.passed ? probe : undefined, file };
}

/* ---------- a live SQLite database ---------- */

export async function restoreLiveSqlite(source: SqliteSource, scratch: ScratchPlace, runner: Runner): Promise<Restored> {
  const dataDir = scratch.sub('restore');
  const target = path.join(dataDir, path.basename(source.path));
  const checks: CheckResult[] = [];
  if (source.container) {
    // VACUUM INTO a temporary file inside the container, copy it out, remove it there.
    const inside = `/tmp/${scratch.name('snapshot')}.db`;
    const inner = sqliteSnapshot(source.path, inside);
    const snap = await runner.run(dockerExec(source.container, [inner.file, ...inner.args]), { allowFailure: true, timeoutMs: 3_600_000 });
    if (snap.exitCode === 0) {
      const copy = await runner.run(dockerCopyOut(source.container, inside, target), { allowFailure: true, timeoutMs: 3_600_000 });
      await runner.run(dockerExec(source.container, ['rm', '-f', inside]), { allowFailure: true });
      checks.push(copy.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO in the container)', passed: true, detail: `${source.container}:${source.path}` } : failed('copy snapshot out of the container', copy));
    } else {
      checks.push(failed('online snapshot (VACUUM INTO in the container)', snap));
    }
  } else {
    refuseTargetOverSource(scratch.dir, [source.path]);
    if (!fs.existsSync(source.path)) {
      checks.push({ name: 'online snapshot (VACUUM INTO)', passed: false, detail: `${source.path} does not exist` });
    } else {
      const snap = await runner.run(sqliteSnapshot(source.path, target), { allowFailure: true, timeoutMs: 3_600_000 });
      checks.push(snap.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO)', passed: true, detail: source.path } : failed('online snapshot (VACUUM INTO)', snap));
    }
  }
  const ok = checks.every((check) => check.passed);
  const found = ok ? await sqliteFromTree(runner, dataDir, path.basename(source.path), checks) : {};
  return { dataDir, probe: found.probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: ok && found.probe !== undefined };
}

/* ---------- restic and borg ---------- */

export interface RepositorySession {
  snapshots: SnapshotInfo[];
  checks: CheckResult[];
  restore(snapshot: SnapshotInfo, dataDir: string): Promise<RunResult>;
  check(): Promise<CheckResult>;
  backupBytes?: number;
}

export async function openRepository(source: RepositorySource, scratch: ScratchPlace, runner: Runner): Promise<RepositorySession> {
  const tool = source.kind;
  const env = tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache')) : borgEnv(source, scratch.sub('tool', 'borg-home'));
  const list = tool === 'restic'
    ? resticSnapshots(env, { tags: source.tags, path: source.pathFilter })
    : borgList(env, source.repository, source.pathFilter);
  const listed = await runner.run(list, { allowFailure: true, timeoutMs: 600_000 });
  const checks: CheckResult[] = [];
  let snapshots: SnapshotInfo[] = [];
  const openName = `open ${tool} repository`;
  if (listed.exitCode !== 0) {
    checks.push({ ...failed(openName, listed), detail: `${failed(openName, listed).detail} (wrong password, or not a ${tool} repository?)` });
  } else {
    try {
      snapshots = tool === 'restic' ? parseResticSnapshots(listed.stdout) : parseBorgArchives(listed.stdout);
      // Tags are a restic notion; borg archives are filtered by name glob only.
      checks.push({ name: openName, passed: true, detail: `${snapshots.length} ${tool === 'restic' ? 'snapshot' : 'archive'}(s)` });
    } catch (error) {
      checks.push({ name: openName, passed: false, detail: `unreadable listing: ${(error as Error).message}` });
    }
  }
  const local = fs.existsSync(source.repository) ? sizeOf(source.repository) : undefined;
  return {
    snapshots,
    checks,
    backupBytes: local,
    restore: (snapshot, dataDir) =>
      runner.run(tool === 'restic' ? resticRestore(env, snapshot.id, dataDir) : borgExtract(env, source.repository, snapshot.id, dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 }),
    async check() {
      const name = tool === 'restic' ? `restic check${source.readDataSubset ? ` --read-data-subset=${source.readDataSubset}` : ''}` : 'borg check';
      const result = await runner.run(tool === 'restic' ? resticCheck(env, source.readDataSubset) : borgCheck(env, source.repository), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
      return result.exitCode === 0 ? { name, passed: true, detail: 'no errors' } : failed(name, result);
    },
  };
}

/**
 * restic derives its key from the password on every run (scrypt: about 0.7 s
 * here), so listing and then restoring pays it twice. For `latest`, the
 * restore starts beside the listing instead (same tag/path filters); it is
 * kept only when restic restored exactly the snapshot the listing then selects.
 */
export interface EarlyRestore {
  startedAt: number;
  result: Promise<RunResult>;
}

export function startEarlyRestore(source: RepositorySource, scratch: ScratchPlace, runner: Runner): EarlyRestore | undefined {
  if (source.kind !== 'restic' || source.snapshot !== 'latest') return undefined;
  // Its own cache directory: two restic processes never share one.
  const env = resticEnv(source, scratch.sub('tool', 'restic-cache-early'));
  const spec = resticRestore(env, 'latest', scratch.sub('restore', 'newest'), { tags: source.tags, path: source.pathFilter });
  const early = { startedAt: Date.now(), result: runner.run(spec, { allowFailure: true, timeoutMs: 6 * 3_600_000 }) };
  // Whatever ends the drill, the scratch place is removed only once this restore has stopped writing into it.
  scratch.onCleanup('the early restic restore', () => early.result.then(() => undefined, () => undefined));
  return early;
}

/** `label` newest may take over an early restore; `startedAt` says when the restore that was kept began. */
export async function restoreFromRepository(session: RepositorySession, snapshot: SnapshotInfo, scratch: ScratchPlace, runner: Runner, label: string, databasePath?: string, early?: EarlyRestore): Promise<Restored> {
  const dataDir = scratch.sub('restore', label);
  const checks: CheckResult[] = [];
  let startedAt = Date.now();
  let result: RunResult | undefined;
  if (early) {
    const done = await early.result.catch(() => undefined);
    const id = done?.exitCode === 0 ? restoredSnapshotId(done.stdout) : undefined;
    if (id && snapshot.id.startsWith(id)) {
      result = done;
      startedAt = early.startedAt;
    } else {
      // A backup landed in between, or the early run failed: start clean with the selected snapshot.
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
      startedAt = Date.now();
    }
  }
  result ??= await session.restore(snapshot, dataDir);
  checks.push(result.exitCode === 0 ? { name: `restore ${snapshot.id.slice(0, 12)}`, passed: true, detail: `into ${dataDir}` } : failed(`restore ${snapshot.id.slice(0, 12)}`, result));
  const found = result.exitCode === 0 ? await sqliteFromTree(runner, dataDir, databasePath, checks) : {};
  const appDataDir = found.file ? path.dirname(found.file) : undefined;
  return { dataDir, appDataDir, probe: found.probe, checks, sizes: { backupBytes: session.backupBytes, restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed), startedAt };
}

/* ---------- PostgreSQL ---------- */

export function parseDumpHeader(listing: string): { dumpTool?: string; dumpedFromServer?: string; dbname?: string; createdAt?: Date } {
  const pick = (label: string): string | undefined => new RegExp(`^;\\s*${label}:\\s*(.+)$`, 'mi').exec(listing)?.[1]?.trim();
  // `;     Archive created at 2026-11-30 02:00:05 UTC` (printed under TZ=UTC, see pgRestoreList).
  const created = /^;\s*Archive created at (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/m.exec(listing);
  const createdAt = created ? new Date(`${created[1]}T${created[2]}Z`) : undefined;
  return {
    dumpTool: pick('Dumped by pg_dump version'),
    dumpedFromServer: pick('Dumped from database version'),
    dbname: pick('Dbname'),
    createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : undefined,
  };
}

const SUPERUSER_SQL = 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user;';

export function superuserCheck(user: string, result: RunResult): CheckResult {
  const name = `pg-user ${user} has no superuser rights`;
  if (result.exitCode !== 0) return failed(name, result);
  if (result.stdout.trim() !== 't') return { name, passed: true, detail: 'restoring without superuser rights' };
  return {
    name,
    passed: false,
    detail: `${user} is a superuser, and a dump can carry code (functions, triggers) that would run with those rights; nothing was restored. `
      + 'Set pg-user to a role with CREATEDB and no superuser rights (CREATE ROLE drill LOGIN CREATEDB)',
  };
}

/** The major version: `15` of `15.4 (Debian …)`, `9.6` of `9.6.24` (before 10 the major had two parts). */
export function majorVersion(version: string | undefined): string | undefined {
  const match = /(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!match) return undefined;
  return Number(match[1]) < 10 && match[2] !== undefined ? `${match[1]}.${match[2]}` : match[1];
}

/**
 * The dump's pg_dump against the server it was dumped from and the server it is
 * restored into. A mismatch is a warning, not a failure: this restore did succeed
 * and its data was verified here, but a pg_dump that does not match its server is
 * what silently broke real backups (a distro pg_dump left behind by a server
 * upgrade), and a dump newer than a server cannot be restored into it.
 */
export function compareDumpVersions(versions: NonNullable<RestoreReport['versions']>): CheckResult | undefined {
  const { dumpTool, dumpedFromServer, server } = versions;
  if (!dumpTool || !server) return undefined;
  const tool = majorVersion(dumpTool);
  const differences: string[] = [];
  if (dumpedFromServer && majorVersion(dumpedFromServer) !== tool) differences.push(`pg_dump ${tool} dumped a ${majorVersion(dumpedFromServer)} server`);
  if (majorVersion(server) !== tool) differences.push(`pg_dump ${tool} dump restored into a ${majorVersion(server)} server`);
  const seen = `dump by pg_dump ${dumpTool} from server ${dumpedFromServer ?? '?'}, restored into server ${server}`;
  return differences.length === 0
    ? { name: 'pg_dump version matches the server', passed: true, detail: seen }
    : { name: 'pg_dump version matches the server', passed: false, severity: 'warning', detail: `major versions differ (${differences.join('; ')}): ${seen}` };
}

export async function restorePostgres(source: PostgresSource, scratch: ScratchPlace, runner: Runner): Promise<Restored> {
  const connection = source.connection;
  const dataDir = scratch.sub('restore');
  const scratchDb = source.scratchDatabase ?? scratch.name('db');
  refuseSameName('database', scratchDb, source.database);
  refuseSameName('database', scratchDb, connection.maintenanceDatabase);
  const checks: CheckResult[] = [];
  // A dump can carry code (functions, triggers) that pg_restore runs with the rights of the
  // role restoring it: the drill restores as a role without superuser rights, or not at all.
  const role = await runner.run(psql(connection, connection.maintenanceDatabase, SUPERUSER_SQL), { allowFailure: true });
  const roleCheck = superuserCheck(connection.user, role);
  checks.push(roleCheck);
  if (!roleCheck.passed) return { dataDir, checks, sizes: {}, ok: false };
  let dumpFile = source.dumpFile;
  if (!dumpFile) {
    dumpFile = path.join(scratch.sub('dump'), 'drill.pgdump');
    const dumped = await runner.run(pgDump(connection, source.database ?? '', dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(dumped.exitCode === 0 ? { name: `pg_dump ${source.database}`, passed: true, detail: 'custom format' } : failed(`pg_dump ${source.database}`, dumped));
    if (dumped.exitCode !== 0) return { dataDir, checks, sizes: {}, ok: false };
  } else if (!fs.existsSync(dumpFile)) {
    checks.push({ name: 'dump file exists', passed: false, detail: `${dumpFile} does not exist` });
    return { dataDir, checks, sizes: {}, ok: false };
  }
  const listing = await runner.run(pgRestoreList(dumpFile), { allowFailure: true });
  const header = parseDumpHeader(listing.stdout);
  if (header.dbname) refuseSameName('database', scratchDb, header.dbname);
  const server = await runner.run(psql(connection, connection.maintenanceDatabase, 'SHOW server_version;'), { allowFailure: true });
  const client = await runner.run(pgDumpVersion(), { allowFailure: true });
  const versions = { dumpTool: header.dumpTool, dumpedFromServer: header.dumpedFromServer, server: server.stdout.trim() || undefined, clientTool: client.stdout.trim() || undefined };
  const create = await runner.run(psql(connection, connection.maintenanceDatabase, `CREATE DATABASE ${sqlIdentifier(scratchDb)};`), { allowFailure: true });
  if (create.exitCode !== 0) {
    checks.push(failed(`create scratch database ${scratchDb}`, create));
    return { dataDir, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, ok: false };
  }
  scratch.onCleanup(`database ${scratchDb}`, async () => {
    await runner.run(psql(connection, connection.maintenanceDatabase, `DROP DATABASE IF EXISTS ${sqlIdentifier(scratchDb)} WITH (FORCE);`), { allowFailure: true });
  });
  const restored = await runner.run(pgRestore(connection, scratchDb, dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
  checks.push(restored.exitCode === 0 ? { name: 'pg_restore (no owner, no privileges)', passed: true, detail: `into scratch database ${scratchDb}` } : failed('pg_restore (no owner, no privileges)', restored));
  const versionCheck = compareDumpVersions(versions);
  if (versionCheck) checks.push(versionCheck);
  const probe: DataProbe = {
    engine: 'postgres',
    tablesSql: postgresTablesSql,
    newestSql: (table, column) => `SELECT extract(epoch FROM max(${sqlIdentifier(column)})) FROM ${sqlIdentifier(table)};`,
    async query(sql) {
      const result = await runner.run(psql(connection, scratchDb, sql), { allowFailure: true, timeoutMs: 600_000 });
      if (result.exitCode !== 0) return { error: lastLines(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
      return { rows: result.stdout.split('\n').filter((line) => line !== '') };
    },
  };
  const appEnv: Record<string, string> = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGDATABASE: scratchDb };
  if (connection.password) appEnv.PGPASSWORD = connection.password;
  // A version warning does not keep the data from being verified.
  const ok = isPassing(checks);
  // The drill's own dump is made under TZ=UTC, so its time is exact; a dump file's is the
  // dumping host's wall clock (the archive keeps no zone), exact when that host runs in UTC.
  const taken = header.createdAt
    ? { id: path.basename(dumpFile), time: header.createdAt, timeSource: source.dumpFile ? 'pg_dump archive header (dumping host wall clock, read as UTC)' : 'pg_dump archive header (dumped by the drill, UTC)' }
    : undefined;
  return { dataDir, probe: ok ? probe : undefined, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, appEnv, taken, ok };
}

/* ---------- tarball of a directory or a Docker volume ---------- */

export async function restoreTarball(source: TarballSource, scratch: ScratchPlace, runner: Runner, databasePath?: string): Promise<Restored> {
  const dataDir = scratch.sub('restore');
  const checks: CheckResult[] = [];
  let file = source.file;
  if (source.volume) {
    const inspect = await runner.run(dockerInspectVolume(source.volume), { allowFailure: true });
    if (inspect.exitCode !== 0) {
      checks.push(failed(`docker volume ${source.volume}`, inspect));
      return { dataDir, checks, sizes: {}, ok: false };
    }
    refuseTargetOverSource(scratch.dir, [inspect.stdout.trim()]);
    const packDir = scratch.sub('pack');
    const packed = await runner.run(dockerVolumeToTar(source.volume, packDir, source.helperImage, `${DRILL_LABEL}=${scratch.id}`), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(packed.exitCode === 0 ? { name: `pack volume ${source.volume}`, passed: true, detail: 'read-only, no network' } : failed(`pack volume ${source.volume}`, packed));
    if (packed.exitCode !== 0) return { dataDir, checks, sizes: {}, ok: false };
    file = path.join(packDir, 'volume.tar');
  } else if (file) {
    refuseTargetOverSource(scratch.dir, [file]);
    if (!fs.existsSync(file)) {
      checks.push({ name: 'tarball exists', passed: false, detail: `${file} does not exist` });
      return { dataDir, checks, sizes: {}, ok: false };
    }
  }
  const extracted = await runner.run(tarExtract(file ?? '', dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
  checks.push(extracted.exitCode === 0 ? { name: 'extract tarball', passed: true, detail: path.basename(file ?? '') } : failed('extract tarball', extracted));
  const found = extracted.exitCode === 0 ? await sqliteFromTree(runner, dataDir, databasePath, checks) : {};
  return { dataDir, appDataDir: found.file ? path.dirname(found.file) : undefined, probe: found.probe, checks, sizes: { backupBytes: sizeOf(file ?? ''), restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed) };
}
