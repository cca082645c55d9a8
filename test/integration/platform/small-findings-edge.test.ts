import fs from 'node:fs';
import path from 'node:path';
import { backUpWithBorg, REPO_PASSWORD, seedAndBackUp } from '../drill/seed.js';
import { hosts, runner, sandbox } from '../deploy/support.js';
import { RunnerJobContext, runActionStep } from '../../support/runner-harness.js';

// Small findings of issue 16 (9), each a retry for the user, seen as a runner runs the bundles.
const [h1] = hosts;

describe('restore-drill as a runner runs it: the summary and log say what the user needs', () => {
  const seeded = seedAndBackUp({ restic: false });
  const archive = `lynx-portal-nightly-${Date.now()}`;
  afterAll(() => fs.rmSync(seeded.root, { recursive: true, force: true }));

  it('names the borg archive in full in the summary, and logs a slow app\'s "not ready" once, not once per second', async () => {
    backUpWithBorg(seeded.borgRepo, path.dirname(seeded.snapshotDb), seeded.root, archive);
    const job = new RunnerJobContext({ event: 'schedule' });
    try {
      const run = await runActionStep(job, 'actions/restore-drill', {
        inputs: {
          source: 'borg', repository: seeded.borgRepo, password: REPO_PASSWORD, tables: 'students', name: 'hr-borg',
          // The app answers only after about 3 s: several readiness slices see "connection refused".
          'app-image': sandbox.baseImage, 'app-timeout': '30s',
          'app-args': ['sh', '-c', 'sleep 3; mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 127.0.0.1:$PORT -h /tmp/www'].join('\n'),
        },
        timeoutMs: 180_000,
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs.passed).toBe('true');
      // What the job log shows (::debug:: lines are hidden unless debug logging is on).
      const notReady = run.stdout.split('\n').filter((line) => line.includes('not ready yet') && !line.startsWith('::debug::'));
      expect(notReady.length).toBeGreaterThan(0);
      expect(notReady.filter((line) => line.includes('(attempt 1)')).length).toBeLessThanOrEqual(1);
      expect(new Set(notReady).size).toBe(notReady.length);
      expect(run.summary).toContain(archive);
    } finally {
      job.remove();
    }
  });
});

describe('ssh-deploy as a runner runs it: a held lock', () => {
  const appDir = `${h1.baseDir}/hr-lock-app`;
  beforeAll(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(`${appDir}/.slipway/lock`, { recursive: true });
    fs.writeFileSync(`${appDir}/.slipway/lock/holder`, 'someone via https://ci.example/run/1 at 2026-01-01T00:00:00Z\n');
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  });
  afterAll(async () => { await runner.run({ file: 'rm', args: ['-rf', appDir] }); });

  it('names the lock directory to remove when the holder is gone', async () => {
    const job = new RunnerJobContext({ event: 'workflow_dispatch' });
    try {
      const run = await runActionStep(job, 'actions/ssh-deploy', {
        inputs: {
          host: `${h1.address}:${h1.port}`, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
          'known-hosts': fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8'), strategy: 'script', script: 'true', 'app-dir': appDir, 'lock-timeout': '1s',
        },
      });
      expect(run.code).not.toBe(0);
      expect(run.errors.join('\n')).toContain(`remove the lock directory ${appDir}/.slipway/lock on the host`);
    } finally {
      job.remove();
    }
  });
});
