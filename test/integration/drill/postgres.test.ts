import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/cli/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import { allChecks } from '../../../src/drill/report.js';
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
    expect(restore.versions).toMatchObject({ dumpTool: expect.stringMatching(/^15\./), server: expect.stringMatching(/^15\./) });
    expect(restore.checks.map((check) => check.name)).toContain('pg_dump version matches the server');
    expect(databases()).toEqual(before);
    expect(log.text()).not.toContain(postgres.password);
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

  it('refuses a scratch database that is the source database', async () => {
    const run = await runFlow(drillFlow, { source: 'postgres', ...connection, 'pg-database': sourceDb, 'scratch-database': sourceDb, 'scratch-root': root }, localContext(log, { workDir: root }));
    expect(run.failure).toContain(`Refusing to restore into database '${sourceDb}': it is the source database`);
    expect(psql(sourceDb, 'SELECT count(*) FROM students')).toBe('3');
  });
});
