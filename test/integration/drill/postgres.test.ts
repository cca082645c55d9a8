import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import { allChecks, drillSummary } from '../../../src/drill/report.js';
import { renderText } from '../../../src/core/summary.js';
import { loadSandbox } from '../../support/sandbox.js';
import { sh } from './seed.js';

// PostgreSQL: restore into a scratch database as the sandbox's non-superuser role
// (CREATEDB only), with --no-owner --no-privileges, and drop it afterwards.
describe('drill: PostgreSQL', () => {
  const { postgres } = loadSandbox();
  const env = { PGHOST: postgres.host, PGPORT: String(postgres.port), PGUSER: postgres.user, PGPASSWORD: postgres.password };
  const sourceDb = `drill_src_${crypto.randomBytes(3).toString('hex')}`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-pg-'));
  const dumpFile = path.join(root, 'app.pgdump');
  const psql = (database: string, sql: string): string => sh('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], env).trim();
  const databases = (): string[] => psql('postgres', 'SELECT datname FROM pg_database ORDER BY 1').split('\n');
  const log = new MemoryLogger();

  beforeAll(() => {
    psql('postgres', `CREATE DATABASE ${sourceDb}`);
    psql(sourceDb, `CREATE TABLE students (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO students (name) VALUES ('Ana'), ('Borja'), ('Chen');
      CREATE FUNCTION shout(text) RETURNS text LANGUAGE sql AS $$ SELECT upper($1) $$;`);
    sh('pg_dump', ['--format=custom', `--file=${dumpFile}`, `--dbname=${sourceDb}`], env);
  });
  afterAll(() => {
    psql('postgres', `DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const connection = { 'pg-host': postgres.host, 'pg-port': String(postgres.port), 'pg-user': postgres.user, 'pg-password': postgres.password };
  const checks = { tables: 'students', 'min-rows': 'students=3', queries: "SELECT string_agg(name, ',' ORDER BY id) FROM students => Ana,Borja,Chen\nSELECT shout('ok') => OK", 'max-age': '1h', 'freshness-column': 'students.created_at' };

  it.each([
    ['a live database dumped for the drill', { 'pg-database': sourceDb }],
    ['a custom-format dump file', { 'dump-file': dumpFile }],
  ])('restores %s into a scratch database, verifies it, reports versions and drops it', async (_name, source) => {
    const before = databases();
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, ...source, ...checks, 'scratch-root': root }, localContext(log, { workDir: root }));
    expect(allChecks(run.result).filter((check) => !check.passed)).toEqual([]);
    const restore = run.result.restores[0];
    expect(restore.tables).toEqual({ students: 3 });
    // RPO from the archive header's "Archive created at": a dump made moments ago.
    expect(restore.snapshot).toMatchObject({ timeSource: expect.stringMatching(/^pg_dump archive header/) });
    expect(restore.rpoSeconds).toBeGreaterThan(-5);
    expect(restore.rpoSeconds).toBeLessThan(600);
    expect(restore.checks.map((check) => check.name)).toContainEqual(expect.stringMatching(/^backup within max-age /));
    expect(restore.versions).toMatchObject({ dumpTool: expect.stringMatching(/^15\./), server: expect.stringMatching(/^15\./) });
    expect(restore.checks).toContainEqual({ name: 'pg_dump version matches the server', passed: true, detail: expect.stringMatching(/^dump by pg_dump 15\.\S+ .*from server 15\..*, restored into server 15\./) });
    expect(restore.checks).toContainEqual({ name: `pg-user ${postgres.user} has no superuser rights`, passed: true, detail: 'restoring without superuser rights' });
    expect(databases()).toEqual(before);
    expect(log.text()).not.toContain(postgres.password);
  });

  it('names the scratch database as {restored} in the queries, on both sides of =>', async () => {
    const scratchDatabase = `h19_scratch_${crypto.randomBytes(3).toString('hex')}`;
    const run = await runFlow(drillFlow, {
      source: 'postgres', ...connection, 'dump-file': dumpFile, 'scratch-database': scratchDatabase, 'scratch-root': root,
      queries: "SELECT current_database() => {restored}\nSELECT '{restored}' => " + scratchDatabase,
    }, localContext(log, { workDir: root }));
    expect(allChecks(run.result).filter((check) => !check.passed)).toEqual([]);
    expect(run.result.restores[0].checks).toContainEqual({ name: 'query SELECT current_database()', passed: true, detail: `expected ${scratchDatabase}, got ${scratchDatabase}` });
    expect(databases()).not.toContain(scratchDatabase);
  });

  it('a truncated dump fails pg_restore, and the scratch database is still dropped', async () => {
    const truncated = path.join(root, 'truncated.pgdump');
    const whole = fs.readFileSync(dumpFile);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const before = databases();
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, 'dump-file': truncated, ...checks, 'scratch-root': root }, localContext(log, { workDir: root }));
    expect(run.result.passed).toBe(false);
    expect(run.failure).toMatch(/pg_restore \(no owner, no privileges\): exit 1: /);
    expect(databases()).toEqual(before);
  });

  it('a dump whose pg_dump major version differs from the server: a visible warning, not a silent pass', async () => {
    // The header names the source server's version, then pg_dump's: make the second one claim 14.
    const whole = fs.readFileSync(dumpFile);
    const server = psql('postgres', 'SHOW server_version');
    const first = whole.indexOf(server);
    const second = whole.indexOf(server, first + 1);
    expect(second).toBeGreaterThan(first);
    const older = Buffer.from(whole);
    older.write('14', second, 'latin1');
    const olderDump = path.join(root, 'older-pg-dump.pgdump');
    fs.writeFileSync(olderDump, older);
    const warned = new MemoryLogger();
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, 'dump-file': olderDump, ...checks, 'scratch-root': root }, localContext(warned, { workDir: root }));
    const check = run.result.restores[0].checks.find((candidate) => candidate.name === 'pg_dump version matches the server');
    expect(check).toEqual({
      name: 'pg_dump version matches the server', passed: false, severity: 'warning',
      detail: expect.stringMatching(/^major versions differ \(pg_dump 14 dumped a 15 server; pg_dump 14 dump restored into a 15 server\): dump by pg_dump 14\./),
    });
    // The data restored and verified, so the drill passes, and says so with the warning.
    expect(run.result.passed).toBe(true);
    expect(run.failure).toBeUndefined();
    const summary = renderText(drillSummary(run.result));
    expect(summary).toContain("Restore drill 'restore-drill': passed with 1 warning");
    expect(summary).toMatch(/live: pg_dump version matches the server\s*\|?\s*warn/);
    expect(warned.text()).toMatch(/warning: live: pg_dump version matches the server: major versions differ/);
  });

  it('refuses to restore as a superuser: a dump can carry code', async () => {
    // The sandbox's superuser, over the local socket (trusted there); the drill must stop before restoring anything.
    const before = databases();
    const run = await runFlow(drillFlow, {
      source: 'postgres', 'pg-host': postgres.socketDir, 'pg-port': String(postgres.port), 'pg-user': 'postgres', 'dump-file': dumpFile, ...checks, 'scratch-root': root,
    }, localContext(log, { workDir: root }));
    expect(run.result.passed).toBe(false);
    expect(allChecks(run.result).filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`)).toEqual([
      'live: pg-user postgres has no superuser rights: postgres is a superuser, and a dump can carry code (functions, triggers) that would run with those rights; nothing was restored. Set pg-user to a role with CREATEDB and no superuser rights (CREATE ROLE drill LOGIN CREATEDB)',
    ]);
    expect(run.result.restores[0].checks.map((check) => check.name)).not.toContain('pg_restore (no owner, no privileges)');
    expect(databases()).toEqual(before);
  });

  it('refuses a scratch database that is the source database', async () => {
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, 'pg-database': sourceDb, 'scratch-database': sourceDb, 'scratch-root': root }, localContext(log, { workDir: root }));
    expect(run.failure).toContain(`Refusing to restore into database '${sourceDb}': it is the source database`);
    expect(psql(sourceDb, 'SELECT count(*) FROM students')).toBe('3');
  });

  it("refuses a scratch database named like the dump's own database (read from the archive header)", async () => {
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, 'dump-file': dumpFile, 'scratch-database': sourceDb, 'scratch-root': root }, localContext(log, { workDir: root }));
    expect(run.failure).toContain(`Refusing to restore into database '${sourceDb}': it is the source database`);
    expect(psql(sourceDb, 'SELECT count(*) FROM students')).toBe('3');
  });
});
