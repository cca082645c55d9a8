// The SQLite probe against real sqlite3: row counts for every table in one
// query, started beside integrity_check, and the same numbers as one query per table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import type { Runner } from '../../../src/core/runner/process-runner.js';
import { ScratchPlace } from '../../../src/drill/scratch.js';
import { restoreLiveSqlite, sqliteProbe } from '../../../src/drill/sources/index.js';
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
    const events: string[] = [];
    const noting: Runner = {
      run: async (spec, options) => {
        const what = /integrity_check/.test(spec.args.join(' ')) ? 'integrity' : /count\(\*\)/.test(spec.args.join(' ')) ? 'count' : /sqlite_master/.test(spec.args.join(' ')) ? 'list' : 'other';
        events.push(`${what} start`);
        try { return await runner.run(spec, options); } finally { events.push(`${what} end`); }
      },
    };
    // The drill's own path: an online snapshot of the live file into scratch, then integrity and counts.
    const scratch = ScratchPlace.create(dir);
    const restored = await restoreLiveSqlite({ kind: 'sqlite', path: file }, scratch, noting);
    expect(restored.checks.map((check) => check.passed)).toEqual([true, true]);
    // The counting (its table list, then the count) starts before integrity_check is done.
    expect(events.indexOf('list start')).toBeLessThan(events.indexOf('integrity end'));
    expect(events.indexOf('count start')).toBeGreaterThan(events.indexOf('list end'));

    const data = await verifyData(restored.probe!, verifySettings, { now: new Date() });
    expect(data.tables).toEqual({ error: 1, "it's": 3, 'a|b': 0 });
    expect(data.checks.every((check) => check.passed)).toBe(true);
    // One count and one table list for the whole verification.
    expect(events.filter((event) => event === 'count start')).toHaveLength(1);
    expect(events.filter((event) => event === 'list start')).toHaveLength(1);
    await scratch.remove(new MemoryLogger());
  });

  it('gives the same counts as one query per table (a probe without the joint count)', async () => {
    const probe = sqliteProbe(new ProcessRunner(new MemoryLogger()), file);
    const perTable: DataProbe = { engine: probe.engine, tablesSql: probe.tablesSql, newestSql: probe.newestSql, query: probe.query };
    expect((await verifyData(perTable, verifySettings, { now: new Date() })).tables).toEqual({ error: 1, "it's": 3, 'a|b': 0 });
  });
});
