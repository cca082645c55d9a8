import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { redact } from '../../../src/core/secrets.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import { allChecks, type DrillReport } from '../../../src/drill/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { backUpWithRestic, dockerLeftovers, fingerprint, healthAppArgs, REPO_PASSWORD, seedAndBackUp, sh } from './seed.js';

// Every fault gives a failing report that names the check and what was seen,
// and leaves nothing behind outside the scratch place.
describe('drill faults', () => {
  const sandbox = loadSandbox();
  const seeded = seedAndBackUp({ restic: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-work-'));
  const scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-scratch-'));
  const log = new MemoryLogger();
  afterAll(() => {
    for (const dir of [seeded.root, workDir, scratchRoot]) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function drill(values: Record<string, string>): Promise<{ report: DrillReport; failure?: string; failed: string[] }> {
    const run = await runFlow(drillFlow, { 'scratch-root': scratchRoot, ...values }, localContext(log, { workDir }));
    const failed = allChecks(run.result).filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`);
    return { report: run.result, failure: run.failure, failed };
  }

  afterEach(() => {
    // Nothing outside the scratch place survives a drill, passing or failing.
    expect(fs.readdirSync(scratchRoot).filter((name) => name.startsWith('slipway-drill-'))).toEqual([]);
    expect(dockerLeftovers()).toBe('');
  });

  it('wrong repository password: the repository does not open, and the password is in no log', async () => {
    const { report, failure, failed } = await drill({ source: 'restic', repository: seeded.resticRepo, password: 'not-the-password-9x' });
    expect(report.passed).toBe(false);
    expect(failed).toEqual([expect.stringMatching(/^newest: open restic repository: exit \d+: .*wrong password/)]);
    expect(failure).toMatch(/open restic repository/);
    expect(log.text()).not.toContain('not-the-password-9x');
  });

  it('empty repository: says there is no snapshot', async () => {
    const empty = path.join(seeded.root, 'empty-repo');
    sh('restic', ['init', '--repo', empty, '--quiet'], { RESTIC_PASSWORD: REPO_PASSWORD });
    const { failed } = await drill({ source: 'restic', repository: empty, password: REPO_PASSWORD });
    expect(failed).toEqual([`newest: repository holds a backup: no snapshots in ${empty}`]);
  });

  it('corrupt SQLite file in the backup: integrity_check fails', async () => {
    const dir = path.join(seeded.root, 'corrupt');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'portal.db');
    fs.copyFileSync(seeded.snapshotDb, file);
    const handle = fs.openSync(file, 'r+');
    fs.writeSync(handle, Buffer.alloc(64, 0xa5), 0, 64, 4096); // the b-tree header of the first table
    fs.closeSync(handle);
    const repo = path.join(seeded.root, 'corrupt-repo');
    backUpWithRestic(repo, dir);
    const { failed } = await drill({ source: 'restic', repository: repo, password: REPO_PASSWORD, 'min-rows': 'students=3' });
    expect(failed[0]).toMatch(/^newest: SQLite integrity_check of portal\.db: /);
    expect(failed.join('\n')).toMatch(/database found in the backup|malformed|integrity/);
  });

  it('snapshot older than max-age: fails with the snapshot time and age', async () => {
    const repo = path.join(seeded.root, 'old-repo');
    sh('restic', ['init', '--repo', repo, '--quiet'], { RESTIC_PASSWORD: REPO_PASSWORD });
    sh('restic', ['backup', '--repo', repo, '--quiet', '--time', '2020-01-01 03:00:00', path.dirname(seeded.snapshotDb)], { RESTIC_PASSWORD: REPO_PASSWORD });
    const { report, failed } = await drill({ source: 'restic', repository: repo, password: REPO_PASSWORD, 'max-age': '26h' });
    expect(failed).toEqual([expect.stringMatching(/^newest: backup within max-age 26 h: backup taken 2020-01-01T\d\d:00:00\.000Z, \d+(\.\d)? d old$/)]);
    expect(report.restores[0].rpoSeconds).toBeGreaterThan(86_400 * 365);
  });

  it('an app that does not boot on the restored data: the wait stops when it exits, long before app-timeout, with its exit code; the container is removed', async () => {
    const started = Date.now();
    const { failed } = await drill({
      source: 'restic', repository: seeded.resticRepo, password: REPO_PASSWORD,
      'app-image': sandbox.baseImage, 'app-args': healthAppArgs('lynx.sqlite'), 'app-timeout': '90s',
    });
    expect(failed).toEqual([expect.stringMatching(/^newest: app boots on the restored data: expected HTTP 200 from http:\/\/127\.0\.0\.1:\d+\/healthz, last: .*; the app exited with code 1 after \d+(\.\d)? s$/)]);
    expect((Date.now() - started) / 1000).toBeLessThan(30);
  }, 110_000);

  it('an app that prints its secret env and exits: the secret is in neither the report file, the summary nor the log', async () => {
    const secret = 'app-db-pass-Qw81z';
    const reportFile = path.join(workDir, 'leak-report.json');
    const run = await drill({
      source: 'restic', repository: seeded.resticRepo, password: REPO_PASSWORD, 'report-file': reportFile,
      'app-image': sandbox.baseImage, 'app-args': ['sh', '-c', 'echo "connecting with $DB_PASSWORD"; exit 3'].join('\n'),
      'app-env': `DB_PASSWORD=${secret}`, 'app-timeout': '4s',
    });
    // The app's log does reach the report (that is what makes the failure readable), masked.
    expect(run.failed).toEqual([expect.stringMatching(/^newest: app boots on the restored data: .*connecting with \*\*\*/)]);
    const written = fs.readFileSync(reportFile, 'utf8');
    expect(written).toContain('connecting with ***');
    expect(written).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
    expect(redact(run.failure ?? '')).not.toContain(secret);
  });

  it('input timeout: the drill stops at its deadline, names the step it was in, and still removes its scratch place and app container', async () => {
    const started = Date.now();
    const { report, failure, failed } = await drill({
      source: 'sqlite', 'database-path': seeded.liveDb, timeout: '5s',
      // An app that runs but never answers: only the drill's own deadline ends the wait.
      'app-image': sandbox.baseImage, 'app-args': ['sh', '-c', 'exec sleep 600'].join('\n'), 'app-timeout': '90s',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(report.passed).toBe(false);
    expect(failed).toEqual(["drill finished within timeout: stopped at the deadline of input 'timeout' (5 s) during step 'boot the app on the restored data'. Raise timeout, or find out why 'boot the app on the restored data' is slow"]);
    expect(failure).toContain("input 'timeout'");
    expect(seconds).toBeLessThan(25);
  }, 110_000);

  it('a restore target equal to the source is refused while the inputs are read, before anything is written', async () => {
    const liveDir = path.dirname(seeded.liveDb);
    const before = fingerprint(liveDir);
    await expect(drill({ source: 'sqlite', 'database-path': seeded.liveDb, 'scratch-dir': liveDir })).rejects.toThrow(/^--scratch-dir: is the source given in database-path, or one holds the other/);
    expect(fingerprint(liveDir)).toEqual(before);
    // Through a symlink it is the same place.
    const link = path.join(seeded.root, 'link-to-live');
    fs.symlinkSync(liveDir, link);
    await expect(drill({ source: 'sqlite', 'database-path': seeded.liveDb, 'scratch-dir': link })).rejects.toThrow(/^--scratch-dir: is the source given in database-path/);
    await expect(drill({ source: 'restic', repository: seeded.resticRepo, password: REPO_PASSWORD, 'scratch-dir': path.join(link, '..', 'restic-repo') })).rejects.toThrow(/^--scratch-dir: is the source given in repository/);
    expect(fingerprint(liveDir)).toEqual(before);
  });

  it('a live WAL database is read online-safe; its content and the other files in its directory stay as they were', async () => {
    const liveDir = path.dirname(seeded.liveDb);
    const before = fingerprint(liveDir);
    const { report, failed } = await drill({ source: 'sqlite', 'database-path': seeded.liveDb, 'min-rows': 'students=3', queries: 'SELECT count(*) FROM quiz_attempts => 3' });
    expect(failed).toEqual([]);
    expect(report.passed).toBe(true);
    const after = fingerprint(liveDir);
    expect(after['portal.db']).toBe(before['portal.db']);
    // A WAL reader shares the -shm index; no other file appears or changes.
    expect(Object.keys(after).filter((name) => !/-(wal|shm)$/.test(name)).sort()).toEqual(Object.keys(before).filter((name) => !/-(wal|shm)$/.test(name)).sort());
  });

  it('"valid but empty": a table that lost rows since the last passing drill fails the next one', async () => {
    const name = 'shrink';
    const first = await drill({ name, source: 'restic', repository: seeded.resticRepo, password: REPO_PASSWORD });
    expect(first.failed).toEqual([]);
    const dir = path.join(seeded.root, 'shrunk');
    fs.mkdirSync(dir);
    sh('sqlite3', [seeded.snapshotDb, `VACUUM INTO '${path.join(dir, 'portal.db')}'`]);
    sh('sqlite3', [path.join(dir, 'portal.db'), 'DELETE FROM journal_entries WHERE id > 1;']);
    backUpWithRestic(seeded.resticRepo, dir);
    const second = await drill({ name, source: 'restic', repository: seeded.resticRepo, password: REPO_PASSWORD, 'snapshot-path': dir });
    expect(second.failed).toEqual(['newest: journal_entries did not shrink more than 10%: 4 → 1 rows (−75%)']);
  });
});
