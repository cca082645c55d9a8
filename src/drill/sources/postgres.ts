import fs from 'node:fs';
import path from 'node:path';
import { lastLines } from '../../core/errors.js';
import type { Runner, RunResult } from '../../core/runner/process-runner.js';
import { pgDump, pgDumpVersion, pgRestore, pgRestoreList, psql, sqlIdentifier } from '../commands.js';
import { isPassing, type CheckResult, type RestoreReport } from '../report.js';
import { refuseSameName, sizeOf, type ScratchPlace } from '../scratch.js';
import type { PostgresSource } from '../settings.js';
import { postgresTablesSql, type DataProbe } from '../verify.js';
import { failed, type Restored } from './restored.js';

/* PostgreSQL: a database dumped by the drill, or a pg_dump archive, restored into a scratch database. */

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
  return { dataDir, database: scratchDb, probe: ok ? probe : undefined, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, appEnv, taken, ok };
}
