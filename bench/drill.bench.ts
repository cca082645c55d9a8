// restore-drill: time to restore and verify a SQLite database from restic, as a
// ratio of a plain `restic restore` + `sqlite3 PRAGMA integrity_check` of the
// same snapshot in the same run. SLIPWAY_DRILL_BENCH_BYTES sets the size (default 1 GiB).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../src/core/run-flow.js';
import { MemoryLogger } from '../src/core/log.js';
import { drillFlow } from '../src/drill/flow.js';

const PASSWORD = 'bench-repo-password-1';

function run(file: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
}

function seed(root: string, bytes: number): { dir: string; repo: string } {
  const dir = path.join(root, 'data');
  fs.mkdirSync(dir);
  const rowBytes = 4000;
  const rows = Math.max(1, Math.ceil(bytes / (rowBytes + 96)));
  run('sqlite3', [path.join(dir, 'app.db'), `PRAGMA journal_mode = WAL;
    CREATE TABLE blobs (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) INSERT INTO blobs (payload) SELECT randomblob(${rowBytes}) FROM n;
    CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT); INSERT INTO meta VALUES ('rows', '${rows}');`]);
  const repo = path.join(root, 'repo');
  const env = { RESTIC_PASSWORD: PASSWORD, RESTIC_CACHE_DIR: path.join(root, 'cache') };
  run('restic', ['init', '--repo', repo, '--quiet'], env);
  run('restic', ['backup', '--repo', repo, '--quiet', dir], env);
  return { dir, repo };
}

function plainRestoreAndCheck(root: string, repo: string, dbRelative: string, round: number): number {
  const target = path.join(root, `plain-${round}`);
  const started = performance.now();
  run('restic', ['restore', 'latest', '--repo', repo, '--target', target], { RESTIC_PASSWORD: PASSWORD, RESTIC_CACHE_DIR: path.join(root, 'cache') });
  const answer = execFileSync('sqlite3', [path.join(target, dbRelative), 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
  const ms = performance.now() - started;
  if (answer !== 'ok') throw new Error(`integrity_check said ${answer}`);
  fs.rmSync(target, { recursive: true, force: true });
  return ms;
}

async function drillOnce(root: string, repo: string): Promise<number> {
  const log = new MemoryLogger();
  const started = performance.now();
  const result = await runFlow(drillFlow, {
    source: 'restic', repository: repo, password: PASSWORD, 'skip-repository-check': 'true',
    tables: 'blobs', 'min-rows': 'meta=1', 'scratch-root': root, 'previous-report': path.join(root, 'history.json'),
  }, localContext(log, { workDir: root }));
  const ms = performance.now() - started;
  if (!result.result.passed) throw new Error(`drill failed: ${result.failure}`);
  return ms;
}

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }> }> {
  const bytes = Number(process.env.SLIPWAY_DRILL_BENCH_BYTES ?? 1024 ** 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-drill-'));
  try {
    const seeded = seed(root, bytes);
    const dbRelative = path.join(seeded.dir, 'app.db');
    const size = fs.statSync(dbRelative).size;
    // Interleaved rounds, best of each: both sides see the same page-cache state.
    const plain: number[] = [];
    const drill: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      plain.push(plainRestoreAndCheck(root, seeded.repo, dbRelative, round));
      drill.push(await drillOnce(root, seeded.repo));
    }
    const plainMs = Math.min(...plain);
    const drillMs = Math.min(...drill);
    const ratio = Math.round((drillMs / plainMs) * 100) / 100;
    const mib = (size / 1024 ** 2).toFixed(0);
    return {
      title: 'restore-drill',
      rows: [
        { metric: `plain restic restore + PRAGMA integrity_check (${mib} MiB SQLite)`, value: `${(plainMs / 1000).toFixed(1)} s`, target: 'baseline' },
        { metric: `slipway drill: restore + integrity + table checks (${mib} MiB SQLite)`, value: `${(drillMs / 1000).toFixed(1)} s = ${ratio.toFixed(2)} × baseline`, target: '≤ 1.2 × baseline', ratio },
      ],
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('drill.bench.ts')) {
  bench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
