import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../core/run-flow.js';
import type { Logger } from '../core/log.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { registerSecret } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { drillFlow } from '../drill/flow.js';
import type { DrillReport } from '../drill/report.js';

const SEED = `PRAGMA journal_mode = WAL;
CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL, body TEXT, created_at TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO students (name) VALUES ('Ana'), ('Borja'), ('Chen');
INSERT INTO journal_entries (student_id, body) VALUES (1, 'first day'), (2, 'lab 06'), (3, 'wal mode');`;

/**
 * The lead's demo: seed a small SQLite database, take an online snapshot, back it
 * up with restic into a temporary repository, then drill it and return the report.
 */
export async function demoDrill(log: Logger, workDir: string): Promise<DrillReport> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-demo-drill-'));
  const runner = new ProcessRunner(log);
  const password = `demo-${Math.random().toString(36).slice(2)}-pw`;
  registerSecret(password);
  try {
    const live = path.join(root, 'live');
    const staging = path.join(root, 'staging');
    fs.mkdirSync(live);
    fs.mkdirSync(staging);
    const env = { RESTIC_PASSWORD: password, RESTIC_CACHE_DIR: path.join(root, 'cache') };
    await runner.run({ file: 'sqlite3', args: [path.join(live, 'portal.db'), SEED] });
    await runner.run({ file: 'sqlite3', args: ['-readonly', path.join(live, 'portal.db'), `VACUUM INTO '${path.join(staging, 'portal.db').replace(/'/g, "''")}'`] });
    await runner.run({ file: 'restic', args: ['init', '--repo', path.join(root, 'repo'), '--quiet'], env });
    await runner.run({ file: 'restic', args: ['backup', '--repo', path.join(root, 'repo'), '--quiet', '--tag', 'demo', staging], env });
    log.info('Seeded 3 students and 3 journal entries, backed up with restic; drilling the newest snapshot.');
    const run = await runFlow(drillFlow, {
      name: 'demo',
      source: 'restic',
      repository: path.join(root, 'repo'),
      password,
      tables: 'students\njournal_entries',
      'min-rows': 'students=3\njournal_entries=3',
      queries: "SELECT group_concat(name, ',') FROM students => Ana,Borja,Chen",
      'max-age': '1h',
      'freshness-column': 'journal_entries.created_at',
      'scratch-root': root,
      'report-file': path.join(workDir, 'demo-drill-report.json'),
      'previous-report': path.join(root, 'history.json'),
    }, localContext(log, { workDir }));
    log.info(renderText(drillFlow.summary(run.result)));
    return run.result;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
