import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import type { DrillReport } from '../../../src/drill/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { backUpWithBorg, backUpWithRestic, dockerLeftovers, REPO_PASSWORD, SEED_SQL, sh } from './seed.js';

// Seed 004's nightly backup names its snapshot `portal.snapshot.<timestamp>.db`, while the
// portal opens `portal.db`. A drill that runs every night must boot the app on that file
// without knowing tonight's timestamp: `restore-as` gives it the live name, `{restored}`
// tells the app (and the queries) where it is.
describe('seed 004 nightly drill: the restored snapshot under its live name', () => {
  const sandbox = loadSandbox();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h19-drill-name-'));
  const workDir = path.join(root, 'work');
  const scratchRoot = path.join(root, 'scratch');
  const staging = path.join(root, 'var/lib/lynx-portal');
  const resticRepo = path.join(root, 'restic-repo');
  const borgRepo = path.join(root, 'borg-repo');
  // As the seed's borg-backup.sh does it: `.backup` into a file named with the time of the backup.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const snapshotName = `portal.snapshot.${stamp}.db`;
  beforeAll(() => {
    for (const dir of [workDir, scratchRoot, staging]) fs.mkdirSync(dir, { recursive: true });
    const live = path.join(root, 'portal.db');
    sh('sqlite3', [live, SEED_SQL]);
    sh('sqlite3', [live, `.backup '${path.join(staging, snapshotName)}'`]);
    backUpWithRestic(resticRepo, staging);
    backUpWithBorg(borgRepo, staging, root, `lynx-portal-${stamp}`);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  // The portal's own expectation, hard-coded as in its systemd unit: /data/portal.db, nothing else.
  const portalArgs = [
    'sh', '-c',
    'test "$DATABASE_PATH" = /data/portal.db && test -s "$1" && mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 127.0.0.1:$PORT -h /tmp/www',
    'portal', '{restored}',
  ].join('\n');

  const drill = (tool: 'restic' | 'borg', extra: Record<string, string>) => {
    const log = new MemoryLogger();
    return runFlow(drillFlow, {
      source: tool,
      repository: tool === 'restic' ? resticRepo : borgRepo,
      password: REPO_PASSWORD,
      name: `h19-nightly-${tool}`,
      'min-rows': 'students=3',
      'app-image': sandbox.baseImage,
      'app-args': portalArgs,
      'app-env': 'DATABASE_PATH={restored}',
      'app-timeout': '10s',
      'skip-repository-check': 'true',
      'scratch-root': scratchRoot,
      ...extra,
    }, localContext(log, { workDir })).then((run) => ({ run, report: run.result as DrillReport, log }));
  };

  it.each(['restic', 'borg'] as const)('%s: restore-as portal.db boots the app on {restored}, and the queries see the renamed file', async (tool) => {
    const { report } = await drill(tool, {
      'restore-as': 'portal.db',
      queries: "SELECT count(*) FROM students => 3\nSELECT file FROM pragma_database_list WHERE name = 'main' => {restored}\nSELECT '{restored-dir}' || '/portal.db' => {restored}",
    });
    const checks = report.restores[0].checks;
    expect(checks.filter((check) => !check.passed)).toEqual([]);
    expect(checks).toEqual(expect.arrayContaining([
      { name: 'restored database renamed to portal.db', passed: true, detail: `${snapshotName} → portal.db` },
      expect.objectContaining({ name: 'app boots on the restored data', passed: true }),
    ]));
    // The query names came through with the runner's path of the renamed file, not the snapshot's name.
    const located = checks.find((check) => check.name.startsWith('query SELECT file FROM pragma_database_list'));
    expect(located?.detail).toMatch(/\/portal\.db, got .*\/portal\.db$/);
    expect(located?.detail).not.toContain(snapshotName);
    expect(report.passed).toBe(true);
    expect(dockerLeftovers()).toBe('');
  });

  it('without restore-as the same app does not come up: the restored file keeps its nightly name', async () => {
    const { report } = await drill('restic', {});
    const boot = report.restores[0].checks.find((check) => check.name === 'app boots on the restored data');
    expect(boot).toMatchObject({ passed: false });
    expect(boot?.detail).toMatch(/the app exited with code 1/);
    expect(report.passed).toBe(false);
  });

  it('refuses a restore-as over a file the backup also holds', async () => {
    const other = path.join(root, 'other-staging');
    fs.mkdirSync(other);
    sh('sqlite3', [path.join(other, 'portal.db'), 'CREATE TABLE t (x);']);
    sh('sqlite3', [path.join(other, 'portal.old.db'), 'CREATE TABLE t (x);']);
    backUpWithRestic(resticRepo, other, 'two-files');
    const { report } = await drill('restic', { 'restore-as': 'portal.db', tags: 'two-files', 'database-path': path.join(other, 'portal.old.db').slice(1), 'min-rows': '' });
    const renamed = report.restores[0].checks.find((check) => check.name === 'restored database renamed to portal.db');
    expect(renamed).toMatchObject({ passed: false });
    expect(renamed?.detail).toContain('the backup already holds portal.db beside portal.old.db');
    expect(report.passed).toBe(false);
  });

  it('moves the -wal file with the database: rows still only in the write-ahead log are in the renamed copy', async () => {
    // A copy taken while the live database is open: two of its three rows are still in portal.snapshot.<ts>.db-wal.
    const live = path.join(root, 'wal-live', 'portal.db');
    fs.mkdirSync(path.dirname(live));
    sh('sqlite3', [live, 'PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
    const reader = spawn('sqlite3', [live], { stdio: ['pipe', 'ignore', 'ignore'] });
    reader.stdin.write('SELECT count(*) FROM t;\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    sh('sqlite3', [live, 'PRAGMA wal_autocheckpoint=0; INSERT INTO t VALUES (2), (3);']);
    const packed = path.join(root, 'wal-staging');
    fs.mkdirSync(packed);
    fs.copyFileSync(live, path.join(packed, snapshotName));
    fs.copyFileSync(`${live}-wal`, path.join(packed, `${snapshotName}-wal`));
    reader.stdin.end();
    const tarball = path.join(root, 'wal.tar');
    sh('tar', ['-cf', tarball, '-C', packed, '.']);
    const log = new MemoryLogger();
    const run = await runFlow(drillFlow, {
      source: 'tarball', tarball, name: 'h19-wal', 'restore-as': 'portal.db', 'min-rows': 't=3', 'scratch-root': scratchRoot,
    }, localContext(log, { workDir }));
    const report = run.result as DrillReport;
    expect(report.restores[0].checks.filter((check) => !check.passed)).toEqual([]);
    expect(report.restores[0].tables).toEqual({ t: 3 });
  });

  it('fails, before booting the app, when the app is told {restored} but the restore holds no SQLite file', async () => {
    const files = path.join(root, 'no-db');
    fs.mkdirSync(files);
    fs.writeFileSync(path.join(files, 'uploads.txt'), 'not a database\n');
    const tarball = path.join(root, 'no-db.tar');
    sh('tar', ['-cf', tarball, '-C', files, '.']);
    const run = await runFlow(drillFlow, {
      source: 'tarball', tarball, name: 'h19-no-db', 'app-image': sandbox.baseImage, 'app-env': 'PORTAL_DB={restored}', 'scratch-root': scratchRoot,
    }, localContext(new MemoryLogger(), { workDir }));
    const checks = (run.result as DrillReport).restores[0].checks;
    expect(checks).toContainEqual({ name: 'the inputs can name the restored database', passed: false, detail: expect.stringMatching(/^app-env and app-args name the restored database, but the restore holds no single SQLite file/) });
    expect(checks.map((check) => check.name)).not.toContain('app boots on the restored data');
    expect(dockerLeftovers()).toBe('');
  });
});
