// The SQLite probe against real sqlite3: row counts for every table in one
// query, started beside integrity_check, and the same numbers as one query per table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { checkSqliteIntegrity, sqliteProbe } from '../../../src/drill/sources.js';
import { verifyData, type DataProbe } from '../../../src/drill/verify.js';

const verifySettings = { tables: ['error'], minRows: { "it's": 2 }, queries: [], shrinkTolerancePercent: 10 };

describe('the SQLite probe of a restored file', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-probe-'));
    file = path.join(dir, 'app.db');
    // Table names that would trip a naive parser: a quote, a bar, and one named like the error field.
    execFileSync('sqlite3', [file, `PRAGMA journal_mode = WAL;
      CREATE TABLE "error" (id INTEGER PRIMARY KEY); INSERT INTO "error" DEFAULT VALUES;
      CREATE TABLE "it's" (v TEXT); INSERT INTO "it's" VALUES ('a'), ('b'), ('c');
      CREATE TABLE "a|b" (v TEXT);`]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts every table in one sqlite3 run, started while integrity_check runs', async () => {
    const runner = new ProcessRunner(new MemoryLogger());
    const calls: string[] = [];
    const counting: typeof runner = Object.assign(Object.create(runner), { run: (spec: Parameters<typeof runner.run>[0], options: Parameters<typeof runner.run>[1]) => { calls.push(spec.args.join(' ')); return runner.run(spec, options); } });
    const probe = sqliteProbe(counting, file);
    const [integrity] = await Promise.all([checkSqliteIntegrity(counting, file), probe.startCounting()]);
    expect(integrity).toMatchObject({ passed: true, detail: 'ok' });

    const data = await verifyData(probe, verifySettings, { now: new Date() });
    expect(data.tables).toEqual({ error: 1, "it's": 3, 'a|b': 0 });
    expect(data.checks.every((check) => check.passed)).toBe(true);
    expect(calls.filter((call) => /count\(\*\)/.test(call))).toHaveLength(1);
  });

  it('gives the same counts as one query per table (a probe without the joint count)', async () => {
    const probe = sqliteProbe(new ProcessRunner(new MemoryLogger()), file);
    const perTable: DataProbe = { engine: probe.engine, tablesSql: probe.tablesSql, newestSql: probe.newestSql, query: probe.query };
    expect((await verifyData(perTable, verifySettings, { now: new Date() })).tables).toEqual({ error: 1, "it's": 3, 'a|b': 0 });
  });
});
