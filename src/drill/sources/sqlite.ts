import fs from 'node:fs';
import path from 'node:path';
import { lastLines } from '../../core/errors.js';
import type { Runner } from '../../core/runner/process-runner.js';
import { dockerCopyOut, dockerExec, sqlIdentifier, sqliteQuery, sqliteSnapshot } from '../commands.js';
import type { CheckResult } from '../report.js';
import { findSqliteFiles, refuseTargetOverSource, sizeOf, type ScratchPlace } from '../scratch.js';
import type { SqliteSource } from '../settings.js';
import { countRowsSql, parseRowCounts, sqliteTablesSql, type DataProbe, type RowCounts } from '../verify.js';
import { failed, type Restored } from './restored.js';

/* A live SQLite database (a file, or one inside a container), and the SQLite file found in any restored tree. */

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

/** Which SQLite file of a restored tree is the database, and the name the app knows it by. */
export interface RestoredDatabase {
  /** The file inside the restored tree, as it was backed up; found automatically when there is one. */
  databasePath?: string;
  /** A bare file name the database is renamed to after the restore (`portal.db`). */
  restoreAs?: string;
}

/** SQLite keeps these beside the database under its name: they move with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/** Renames the restored database (and its companions) to `restoreAs` in its directory; never over a file the backup holds. */
function giveLiveName(file: string, restoreAs: string, checks: CheckResult[]): string | undefined {
  if (path.basename(file) === restoreAs) return file;
  const target = path.join(path.dirname(file), restoreAs);
  const name = `restored database renamed to ${restoreAs}`;
  const taken = [target, ...COMPANIONS.map((suffix) => `${target}${suffix}`)].find((candidate) => fs.existsSync(candidate));
  if (taken) {
    checks.push({ name, passed: false, detail: `the backup already holds ${path.basename(taken)} beside ${path.basename(file)}; set database-path to the one to drill, or choose another restore-as` });
    return undefined;
  }
  for (const suffix of COMPANIONS) if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${target}${suffix}`);
  fs.renameSync(file, target);
  checks.push({ name, passed: true, detail: `${path.basename(file)} → ${restoreAs}` });
  return target;
}

/** Finds the SQLite database in a restored tree, gives it its live name and runs its integrity check. */
export async function sqliteFromTree(runner: Runner, restoreDir: string, database: RestoredDatabase, checks: CheckResult[]): Promise<{ probe?: DataProbe; file?: string }> {
  const { databasePath, restoreAs } = database;
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
  if (restoreAs) {
    file = giveLiveName(file, restoreAs, checks);
    if (!file) return {};
  }
  // The row counts the data checks need read the whole file too: on a second core, beside integrity_check.
  const probe = sqliteProbe(runner, file);
  const [integrity] = await Promise.all([checkSqliteIntegrity(runner, file), probe.startCounting()]);
  checks.push(integrity);
  return { probe: integrity.passed ? probe : undefined, file };
}

/** `restoreAs` names the snapshot in the scratch place (else it keeps the live file's name). */
export async function restoreLiveSqlite(source: SqliteSource, scratch: ScratchPlace, runner: Runner, restoreAs?: string): Promise<Restored> {
  const dataDir = scratch.sub('restore');
  const target = path.join(dataDir, restoreAs ?? path.basename(source.path));
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
  const found = ok ? await sqliteFromTree(runner, dataDir, { databasePath: path.basename(target) }, checks) : {};
  return { dataDir, database: found.file, probe: found.probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: ok && found.probe !== undefined };
}
