import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hosts, httpGet, prepareComposeApp, removeProject, runner, sandbox } from '../deploy/support.js';
import { RunnerJobContext, runActionStep, type StepRun } from '../../support/runner-harness.js';

// ssh-deploy as a runner runs it (every action.yml default set), against sandbox host h1: rollbacks
// tell the truth about what serves (issue 16, findings 4 to 6). "Not deployed by Slipway" is a
// service the host's owner started by hand, as a first user's server is.
const [h1] = hosts;
const IMAGE = 'slipway-hr-edge';

/** `slipway-hr-edge:<version>`: busybox httpd answering /api/health with `body` (default {"ok":true,"version":…}). */
async function buildImage(version: string, options: { healthy?: boolean; body?: string } = {}): Promise<string> {
  const tag = `${IMAGE}:${version}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hr-image-'));
  const body = options.body ?? `{"ok":true,"version":"${version}"}`;
  fs.writeFileSync(path.join(dir, 'health'), body);
  fs.writeFileSync(path.join(dir, 'start.sh'), 'mkdir -p /www/api && cp /health /www/api/health\nexec httpd -f -p "127.0.0.1:${PORT:-8080}" -h /www\n');
  const check = options.healthy === false ? 'CMD ["false"]' : 'CMD wget -qO- "http://127.0.0.1:${PORT:-8080}/api/health" >/dev/null || exit 1';
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [
    `FROM ${sandbox.baseImage}`, 'COPY health /health', 'COPY start.sh /start.sh',
    `HEALTHCHECK --interval=1s --timeout=1s --retries=2 ${check}`, 'STOPSIGNAL SIGKILL', 'CMD ["/bin/sh", "/start.sh"]', '',
  ].join('\n'));
  await runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '-t', tag, dir] });
  fs.rmSync(dir, { recursive: true, force: true });
  return tag;
}

const ssh = {
  host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
  'known-hosts': fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8'), 'connect-timeout': '5s',
};

async function deployStep(inputs: Record<string, string>): Promise<StepRun> {
  const job = new RunnerJobContext({ event: 'workflow_dispatch' });
  try {
    return await runActionStep(job, 'actions/ssh-deploy', { inputs: { ...ssh, ...inputs }, timeoutMs: 180_000 });
  } finally {
    job.remove();
  }
}

const stateOf = (file: string): Record<string, string> => Object.fromEntries(
  fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const lastLogLine = (appDir: string): string => fs.readFileSync(`${appDir}/.slipway/deploy.log`, 'utf8').trim().split('\n').pop()?.split('\t').slice(1, 6).join(' ') ?? '';

describe('compose rollbacks tell what serves (ssh-deploy bundle, sandbox h1)', () => {
  const app = 'hr-edge-compose';
  const port = 44020;
  let appDir = '';
  const compose = (inputs: Record<string, string>) => deployStep({
    'app-dir': appDir, service: 'app', pull: 'false', 'health-url': `http://127.0.0.1:${port}/api/health`,
    'health-expect': '"version":"{version}"', 'health-timeout': '15s', ...inputs,
  });

  beforeAll(async () => {
    for (const [version, options] of [['1.0.0', {}], ['2.0.0', {}], ['3.0.0', {}], ['4.0.0', { healthy: false }]] as const) await buildImage(version, options);
    await buildImage('6.0.0', { body: '{"ok": true, "version": "6.0.0"}' });
  });
  beforeEach(async () => {
    await removeProject(app);
    appDir = await prepareComposeApp(h1, app, port);
    // v1 started by the host's owner, by hand: Slipway never recorded it.
    await runner.run({ file: 'docker-compose', args: ['-p', app, '-f', `${appDir}/docker-compose.yml`, 'up', '-d'], env: { APP_IMAGE: `${IMAGE}:1.0.0`, PORT: String(port) } });
    for (let i = 0; i < 40 && !(await httpGet(port)).includes('1.0.0'); i += 1) await new Promise((resolve) => setTimeout(resolve, 250));
  });
  afterAll(async () => {
    await removeProject(app);
    const images = (await runner.run({ file: 'docker', args: ['images', '--format', '{{.Repository}}:{{.Tag}}'] })).stdout.split('\n')
      .filter((ref) => ref.startsWith(`${IMAGE}:`) || ref.startsWith('slipway-rollback:hr-edge-'));
    if (images.length) await runner.run({ file: 'docker', args: ['image', 'rm', '--force', ...images] }, { allowFailure: true });
  });

  it('a failed deploy over a hand-started v1 rolls back to v1, checks v1 by the version it answers, and says so everywhere', async () => {
    const run = await compose({ image: `${IMAGE}:4.0.0` });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '4.0.0', 'rolled-back': 'true' });
    expect(JSON.parse(run.outputs.hosts ?? '[]')).toEqual([expect.objectContaining({ status: 'rolled-back', version: '1.0.0', previous: '4.0.0' })]);
    expect(run.summary).toMatch(/\| rolled-back \| 1\.0\.0 \| 4\.0\.0 \|/);
    expect(lastLogLine(appDir)).toBe('deploy compose version=1.0.0 previous=4.0.0 result=rolled-back');
    expect(stateOf(`${appDir}/.slipway/compose-default-app.state`)).toMatchObject({ status: 'rolled-back', version: '1.0.0' });
    expect(await httpGet(port)).toContain('"version":"1.0.0"');
  });

  it('mode: rollback after a good deploy over a hand-started v1 goes back to v1 and passes; a redeploy keeps the earlier target', async () => {
    const second = await compose({ image: `${IMAGE}:2.0.0` });
    expect(second.code).toBe(0);
    // What served before is named by the version it answered, not by its image reference.
    expect(second.outputs).toMatchObject({ version: '2.0.0', 'previous-version': '1.0.0', 'rolled-back': 'false' });
    expect(stateOf(`${appDir}/.slipway/compose-default-app.state`)).toMatchObject({ previous_version: '1.0.0', previous_image: `${IMAGE}:1.0.0` });

    const back = await compose({ mode: 'rollback' });
    expect(back.errors).toEqual([]);
    expect(back.code).toBe(0);
    expect(back.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0', 'rolled-back': 'true' });
    expect(stateOf(`${appDir}/.slipway/compose-default-app.state`)).toMatchObject({ status: 'rolled-back', version: '1.0.0' });
    expect(lastLogLine(appDir)).toBe('rollback compose version=1.0.0 previous=2.0.0 result=rolled-back');
    expect(await httpGet(port)).toContain('"version":"1.0.0"');

    // 3.0.0, then 3.0.0 again: the rollback target stays 1.0.0, not 3.0.0 itself.
    expect((await compose({ image: `${IMAGE}:3.0.0` })).code).toBe(0);
    const again = await compose({ image: `${IMAGE}:3.0.0` });
    expect(again.outputs).toMatchObject({ version: '3.0.0', 'previous-version': '3.0.0' });
    const last = await compose({ mode: 'rollback' });
    expect(last.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '3.0.0', 'rolled-back': 'true' });
    expect(await httpGet(port)).toContain('"version":"1.0.0"');
  });

  it('health-expect "version":"{version}" passes against {"version": "6.0.0"} (a space, as Python writes JSON)', async () => {
    const run = await compose({ image: `${IMAGE}:6.0.0` });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ version: '6.0.0', 'rolled-back': 'false' });
    expect(await httpGet(port)).toContain('"version": "6.0.0"');
  });
});

describe('release rollbacks tell what serves (ssh-deploy bundle, sandbox h1)', () => {
  const appDir = `${h1.baseDir}/hr-edge-release`;
  const port = 44021;
  const server = 'slipway-hr-edge-release';
  const artifact = (version: string, body = `{"ok":true,"version":"${version}"}`) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hr-artifact-'));
    fs.writeFileSync(path.join(dir, 'health.json'), body);
    return dir;
  };
  const release = (inputs: Record<string, string>) => deployStep({
    strategy: 'release', 'app-dir': appDir, 'health-url': `http://127.0.0.1:${port}/current/health.json`,
    'health-expect': '"version":"{version}"', 'health-timeout': '5s', ...inputs,
  });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1100)); // release names are per second

  beforeAll(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    // A release the owner put there by hand: no .slipway-version, its name is no version.
    fs.mkdirSync(`${appDir}/releases/20200101000000`, { recursive: true });
    fs.writeFileSync(`${appDir}/releases/20200101000000/health.json`, '{"ok":true,"version":"hand-1"}');
    fs.symlinkSync('releases/20200101000000', `${appDir}/current`);
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true });
    await runner.run({ file: 'docker', args: ['run', '-d', '--name', server, '--network', 'host', '-v', `${appDir}:${appDir}:ro`, sandbox.baseImage, 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', appDir] });
  });
  afterAll(async () => { await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true }); });

  it('deploys over a hand-made release, rolls back to it by the version it answered, and a failed deploy reports what serves', async () => {
    const first = await release({ version: 'r2', artifact: artifact('r2') });
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ version: 'r2', 'previous-version': 'hand-1' });

    const back = await release({ mode: 'rollback' });
    expect(back.errors).toEqual([]);
    expect(back.outputs).toMatchObject({ version: 'hand-1', 'previous-version': 'r2', 'rolled-back': 'true' });
    expect(await httpGet(port, '/current/health.json')).toContain('"version":"hand-1"');

    await tick();
    const broken = await release({ version: 'r3', artifact: artifact('r3', '{"ok":false}') });
    expect(broken.code).not.toBe(0);
    expect(broken.outputs).toMatchObject({ version: 'hand-1', 'previous-version': 'r3', 'rolled-back': 'true' });
    expect(lastLogLine(appDir)).toBe('deploy release version=hand-1 previous=r3 result=rolled-back');
    expect(await httpGet(port, '/current/health.json')).toContain('"version":"hand-1"');
  });

  it('a redeploy of the running version keeps the earlier rollback target', async () => {
    await tick();
    expect((await release({ version: 'r5', artifact: artifact('r5') })).code).toBe(0);
    await tick();
    expect((await release({ version: 'r5', artifact: artifact('r5') })).code).toBe(0);
    const back = await release({ mode: 'rollback' });
    expect(back.outputs).toMatchObject({ version: 'hand-1', 'previous-version': 'r5', 'rolled-back': 'true' });
    expect(await httpGet(port, '/current/health.json')).toContain('"version":"hand-1"');
  });
});
