// Seed 004's data: a WAL SQLite database with students, journal entries and quiz attempts,
// backed up the way the seed does it (an online `.backup` snapshot) with restic and borg.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_PASSWORD = 'drill-repo-password-7Hq2';

export const SEED_SQL = `
PRAGMA journal_mode = WAL;
CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL REFERENCES students(id), body TEXT, created_at TEXT NOT NULL);
CREATE TABLE quiz_attempts (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL REFERENCES students(id), question TEXT, correct INTEGER, created_at TEXT NOT NULL);
INSERT INTO students (name, created_at) VALUES ('Ana', datetime('now')), ('Borja', datetime('now')), ('Chen', datetime('now'));
INSERT INTO journal_entries (student_id, body, created_at) VALUES (1, 'first day', datetime('now')), (2, 'lab 06', datetime('now')), (3, 'wal mode', datetime('now')), (1, 'second day', datetime('now'));
INSERT INTO quiz_attempts (student_id, question, correct, created_at) VALUES (1, 'q1', 1, datetime('now')), (2, 'q1', 0, datetime('now')), (3, 'q2', 1, datetime('now'));
`;

export const SEED_QUERIES = [
  'SELECT count(*) FROM students => 3',
  "SELECT group_concat(name, ',') FROM (SELECT name FROM students ORDER BY id) => Ana,Borja,Chen",
  'SELECT count(*) FROM journal_entries => 4',
  'SELECT count(*) FROM quiz_attempts WHERE correct = 0 => 1',
].join('\n');

export interface SeededBackups {
  root: string;
  liveDb: string;
  snapshotDb: string;
  resticRepo: string;
  borgRepo: string;
}

export function sh(file: string, args: string[], env: Record<string, string> = {}, cwd?: string): string {
  return execFileSync(file, args, { env: { ...process.env, ...env }, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Seeds the live WAL database (leaving an open-style -wal file), snapshots it online and backs it up. */
export function seedAndBackUp(options: { restic?: boolean; borg?: boolean; extraSql?: string } = {}): SeededBackups {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-it-'));
  const live = path.join(root, 'var/lib/lynx-portal');
  fs.mkdirSync(live, { recursive: true });
  const liveDb = path.join(live, 'portal.db');
  sh('sqlite3', [liveDb, SEED_SQL + (options.extraSql ?? '')]);
  const staging = path.join(root, 'staging');
  fs.mkdirSync(staging);
  const snapshotDb = path.join(staging, 'portal.db');
  sh('sqlite3', [liveDb, `.backup '${snapshotDb}'`]);
  const resticRepo = path.join(root, 'restic-repo');
  const borgRepo = path.join(root, 'borg-repo');
  if (options.restic !== false) backUpWithRestic(resticRepo, staging);
  if (options.borg) backUpWithBorg(borgRepo, staging, root);
  return { root, liveDb, snapshotDb, resticRepo, borgRepo };
}

export function backUpWithRestic(repo: string, dir: string, tag = 'portal'): void {
  const env = { RESTIC_PASSWORD: REPO_PASSWORD, RESTIC_CACHE_DIR: path.join(path.dirname(repo), 'restic-cache') };
  if (!fs.existsSync(repo)) sh('restic', ['init', '--repo', repo, '--quiet'], env);
  sh('restic', ['backup', '--repo', repo, '--quiet', '--tag', tag, dir], env);
}

export function backUpWithBorg(repo: string, dir: string, root: string, name = `lynx-portal-${Date.now()}`): void {
  const env = { BORG_PASSPHRASE: REPO_PASSWORD, BORG_BASE_DIR: path.join(root, 'borg-home') };
  if (!fs.existsSync(repo)) sh('borg', ['init', '--encryption=repokey', repo], env);
  sh('borg', ['create', '--compression', 'zstd', `${repo}::${name}`, dir], env);
}

/** Every file under a directory with a hash of its content: "nothing outside scratch was touched" compares these. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      }
    }
  };
  walk(dir);
  return out;
}

export function dockerLeftovers(): string {
  const containers = sh('docker', ['ps', '-a', '--filter', 'label=dev.slipway.drill', '--format', '{{.Names}}']).trim();
  const volumes = sh('docker', ['volume', 'ls', '--filter', 'label=dev.slipway.drill', '--format', '{{.Name}}']).trim();
  return [containers, volumes].filter(Boolean).join('\n');
}

/** Busybox httpd that serves /healthz only when the restored database is mounted. */
export function healthAppArgs(dbName = 'portal.db'): string {
  return ['sh', '-c', `test -s /data/${dbName} && mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 127.0.0.1:$PORT -h /tmp/www`].join('\n');
}
