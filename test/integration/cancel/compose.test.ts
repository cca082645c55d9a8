import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';
import { bundle, buildCancelImage, eventually, httpBody, inputEnv, keyFilesUnder, leaks, newJob, removeJobs, processesOf, runPost, startBundle } from './support.js';

const sandbox = loadSandbox();
const h1 = sandbox.ssh.hosts[0] as SandboxSshHost;
const PORT = 43010;
const PROJECT = 'slipway-hk-cancel-compose';
const appDir = `${h1.baseDir}/hk-cancel-compose`;

function values(image: string, version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
    'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s', strategy: 'compose', 'app-dir': appDir, service: 'app',
    image, version, 'compose-project': PROJECT, 'env-file': '.env', pull: 'false',
    'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '30s', ...extra,
  };
}

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const containersOf = () => docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`).split('\n').filter(Boolean);
const removeProject = () => {
  const ids = docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
};
const deployLog = () => (fs.existsSync(`${appDir}/.slipway/deploy.log`) ? fs.readFileSync(`${appDir}/.slipway/deploy.log`, 'utf8').trim().split('\n') : []);

describe('ssh-deploy (compose), run from dist/ as a runner would, cancelled at each phase', () => {
  let v1 = '';
  let v2 = '';
  let slow = '';
  beforeAll(async () => {
    bundle('ssh-deploy');
    bundle('cleanup-post');
    [v1, v2, slow] = await Promise.all([buildCancelImage(sandbox.baseImage, '1.0.0'), buildCancelImage(sandbox.baseImage, '2.0.0'), buildCancelImage(sandbox.baseImage, '2.0.0-slow', 8)]);
    removeProject();
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(appDir, { recursive: true });
    fs.copyFileSync('examples/compose/docker-compose.yml', `${appDir}/docker-compose.yml`);
    fs.writeFileSync(`${appDir}/.env`, `PORT=${PORT}\n`);
    execFileSync('chown', ['-R', 'deploy:deploy', appDir]);
  });
  beforeEach(async () => {
    // Every case starts from 1.0.0 serving, deployed normally.
    const run = await runFlow(deployFlow, { ...values(v1, '1.0.0'), 'private-key': sandbox.ssh.privateKeyPath }, localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
  });
  afterAll(() => {
    removeProject();
    removeJobs();
  });

  it('SIGINT during the pre-deploy hook: the hook finishes, nothing is switched, 1.0.0 keeps serving, lock and key are gone', async () => {
    const job = newJob();
    const before = containersOf();
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(v2, '2.0.0', { 'pre-deploy': 'echo hk-pre-deploy-started; sleep 2' })));
    await run.waitForLine(/hk-pre-deploy-started/);
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    expect(run.lines.join('\n')).toMatch(/::error::cancelled: .*\n?.*cancelled before the switch to slipway-hk-cancel:2\.0\.0; nothing was switched, the old version keeps serving/);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(containersOf()).toEqual(before);
    expect(deployLog().pop()).toMatch(/\tdeploy\tcompose\tversion=2\.0\.0\t.*result=cancelled\t/);
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('SIGINT then SIGTERM while 2.0.0 is switched to but not yet healthy: rolled back to 1.0.0, lock released, no key, no ssh left', async () => {
    const job = newJob();
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(slow, '2.0.0-slow')));
    // Switched: the slow copy's container runs (it listens only after 8 s).
    await eventually('the 2.0.0-slow container runs', () => docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--filter', `ancestor=${slow}`) !== '');
    run.child.kill('SIGINT');
    // GitHub's second signal, sent while the rollback is under way (a fixed delay raced a fast rollback
    // that had already exited): it must not cut the rollback and cleanup short.
    await run.waitForLine(/cancel requested \(SIGINT\)/, 10_000);
    run.child.kill('SIGTERM');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    expect(exit.ms).toBeLessThan(25_000);
    const output = run.lines.join('\n');
    expect(output).toMatch(/cancelled: .*cancelled while the new version was being verified.*rolled back, the old version 1\.0\.0 is serving again/);
    expect(output).toMatch(/SIGTERM received while cancelling: the cleanup goes on/);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    // As after any rollback, the log names what serves again as the version and the one that was tried as previous.
    expect(deployLog().pop()).toMatch(/\tversion=1\.0\.0\tprevious=2\.0\.0-slow\t.*result=cancelled\t/);
    expect(fs.readFileSync(`${appDir}/.slipway/compose-${PROJECT}-app.state`, 'utf8')).toMatch(/^status=rolled-back$/m);
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('SIGINT while waiting for another deploy\'s lock: stops waiting at once, the other lock untouched, nothing changed', async () => {
    const job = newJob();
    const other = 'someone@elsewhere (run:2.1) at 2026-01-01T00:00:00Z\n';
    fs.mkdirSync(`${appDir}/.slipway/lock`, { recursive: true });
    fs.writeFileSync(`${appDir}/.slipway/lock/holder`, other);
    try {
      const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(v2, '2.0.0', { 'lock-timeout': '2m' })));
      await run.waitForLine(/waiting for the deploy lock held by someone@elsewhere/);
      run.child.kill('SIGINT');
      const exit = await run.exited;

      expect(exit.code).not.toBe(0);
      expect(exit.ms).toBeLessThan(20_000);
      expect(run.lines.join('\n')).toMatch(/cancelled before taking the deploy lock on \S+; nothing changed on the host/);
      expect(fs.readFileSync(`${appDir}/.slipway/lock/holder`, 'utf8')).toBe(other);
      expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    } finally {
      fs.rmSync(`${appDir}/.slipway/lock`, { recursive: true, force: true });
    }
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('SIGKILL mid-deploy leaves lock, key and master; the post step with the saved state removes all three', async () => {
    const job = newJob();
    const inputs = inputEnv('ssh-deploy', values(v2, '2.0.0', { 'pre-deploy': 'echo hk-pre-deploy-started; sleep 3' }));
    const run = startBundle(bundle('ssh-deploy'), job, inputs);
    await run.waitForLine(/hk-pre-deploy-started/);
    run.child.kill('SIGKILL');
    await run.exited;
    // What a killed run leaves (so this test can fail): the lock, naming this run, the key and the master.
    expect(fs.readFileSync(`${appDir}/.slipway/lock/holder`, 'utf8')).toContain(`run:${job.env.GITHUB_RUN_ID}.1`);
    expect(keyFilesUnder(job.runnerTemp)).toHaveLength(1);
    expect(processesOf(job).some((line) => /ssh .*-N/.test(line) || /ssh\b/.test(line))).toBe(true);

    const post = await runPost(job, inputs);
    expect(post.code).toBe(0);
    expect(post.lines.join('\n')).toMatch(/post: released the deploy lock this run still held/);
    // The hook the killed run started finishes on the host; its ssh client then ends with the master.
    await eventually('no ssh process of the job is left', () => processesOf(job).length === 0, 15_000);
    expect(leaks(job, appDir)).toEqual([]);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(deployLog().pop()).toMatch(/result=cancelled \(the run was stopped before it finished; lock released by its post step\)/);
  });

  it('SIGKILL, then the master gone and the key file removed: the post step reconnects from the private-key input and releases the lock', async () => {
    const job = newJob();
    const inputs = inputEnv('ssh-deploy', values(v2, '2.0.0', { 'pre-deploy': 'echo hk-pre-deploy-started; sleep 1' }));
    const run = startBundle(bundle('ssh-deploy'), job, inputs);
    await run.waitForLine(/hk-pre-deploy-started/);
    run.child.kill('SIGKILL');
    await run.exited;
    const [sessionDir] = fs.readdirSync(job.runnerTemp).filter((name) => name.startsWith('slipway-ssh-')).map((name) => `${job.runnerTemp}/${name}`);
    execFileSync('ssh', ['-F', `${sessionDir}/ssh_config`, '-O', 'exit', 'slipway-target'], { stdio: 'ignore' });
    fs.rmSync(`${sessionDir}/id`);
    expect(fs.existsSync(`${appDir}/.slipway/lock`)).toBe(true);

    const post = await runPost(job, inputs);
    expect(post.code).toBe(0);
    expect(post.lines.join('\n')).toMatch(/post: released the deploy lock this run still held/);
    // A new connection of its own (from the inputs), not the killed run's session.
    expect(post.lines.join('\n')).toMatch(/\$ ssh deploy@127\.0\.0\.1:2201 \(open connection\)/);
    await eventually('no ssh process of the job is left', () => processesOf(job).length === 0, 15_000);
    expect(leaks(job, appDir)).toEqual([]);
    expect(fs.existsSync(sessionDir ?? '')).toBe(false);
  });

  it('the post step leaves alone a lock that is no longer this run\'s (broken as stale and taken by another deploy)', async () => {
    const job = newJob();
    const inputs = inputEnv('ssh-deploy', values(v2, '2.0.0', { 'pre-deploy': 'echo hk-pre-deploy-started; sleep 1' }));
    const run = startBundle(bundle('ssh-deploy'), job, inputs);
    await run.waitForLine(/hk-pre-deploy-started/);
    run.child.kill('SIGKILL');
    await run.exited;
    const other = 'someone@elsewhere (run:1.1) at 2026-01-01T00:00:00Z\n';
    fs.writeFileSync(`${appDir}/.slipway/lock/holder`, other);

    const post = await runPost(job, inputs);
    expect(post.code).toBe(0);
    expect(post.lines.join('\n')).toMatch(/no longer this run's; left alone/);
    expect(fs.readFileSync(`${appDir}/.slipway/lock/holder`, 'utf8')).toBe(other);
    fs.rmSync(`${appDir}/.slipway/lock`, { recursive: true, force: true });
    await eventually('no ssh process of the job is left', () => processesOf(job).length === 0, 15_000);
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('slipway deploy (the CLI) on Ctrl-C to its process group: the same wind-down, exit 130, the lock named pid@machine while held', async () => {
    const job = newJob();
    // A terminal, not a runner: no GITHUB_*/RUNNER_TEMP; session dirs go to the temp dir (TMPDIR of the job).
    const env = { PATH: job.env.PATH ?? '', HOME: job.env.HOME ?? '', LANG: 'C.UTF-8', TMPDIR: job.tmpDir };
    // Not --env-file: Node 20 takes that flag for itself even after the script name; compose reads app-dir/.env anyway.
    const flags = Object.entries(values(v2, '2.0.0', { 'private-key': sandbox.ssh.privateKeyPath, 'pre-deploy': 'echo hk-pre-deploy-started; sleep 2' }))
      .filter(([name]) => name !== 'env-file').flatMap(([name, value]) => [`--${name}`, value]);
    const cli = startBundle(bundle('cli'), { ...job, env }, {}, ['deploy', ...flags]);
    await cli.waitForLine(/hk-pre-deploy-started/);
    const holder = fs.readFileSync(`${appDir}/.slipway/lock/holder`, 'utf8');
    expect(holder).toContain(`(pid:${cli.child.pid}@`);
    process.kill(-(cli.child.pid ?? 0), 'SIGINT');
    const exit = await cli.exited;

    expect(exit.code).toBe(130);
    expect(cli.lines.join('\n')).toMatch(/cancelled before the switch to slipway-hk-cancel:2\.0\.0; nothing was switched, the old version keeps serving/);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('the post step after a main step that cleaned up does nothing', async () => {
    const job = newJob();
    const inputs = inputEnv('ssh-deploy', values(v2, '2.0.0'));
    const run = startBundle(bundle('ssh-deploy'), job, inputs);
    expect((await run.exited).code).toBe(0);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"2.0.0"');
    const post = await runPost(job, inputs);
    expect(post).toEqual({ code: 0, lines: [] });
    expect(leaks(job, appDir)).toEqual([]);
  });
});
