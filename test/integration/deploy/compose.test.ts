import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { buildTestImage, hosts, httpGet, prepareComposeApp, removeProject, runner, sandbox, sshValues } from './support.js';

const [h1] = hosts;
const PORT = 18411;
const PROJECT = 'slipway-it-compose-h1';

function values(image: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sshValues([h1]), strategy: 'compose', 'app-dir': `${h1.baseDir}/compose-app`, service: 'app', image,
    'compose-project': PROJECT, 'env-file': '.env', pull: 'false', 'health-url': `http://127.0.0.1:${PORT}/api/health`,
    'health-expect': '"version":"{version}"', 'health-timeout': '20s', ...extra,
  };
}

describe('ssh-deploy compose strategy (docker-compose v1 on a real sshd host)', () => {
  let v1 = '';
  let v2 = '';
  let bad = '';
  beforeAll(async () => {
    [v1, v2, bad] = await Promise.all([buildTestImage('1.0.0'), buildTestImage('2.0.0'), buildTestImage('3.0.0-broken', { healthy: false })]);
    await removeProject(PROJECT);
    await prepareComposeApp(h1, 'compose-app', PORT);
    fs.rmSync(`${h1.baseDir}/no-such-app`, { recursive: true, force: true });
  });
  afterAll(async () => removeProject(PROJECT));

  it('deploys, records the previous image, then rolls back to it from host state alone', async () => {
    const log = new MemoryLogger();
    const first = await runFlow(deployFlow, values(v1), localContext(log));
    expect(first.failure).toBeUndefined();
    expect(await httpGet(PORT)).toContain('"version":"1.0.0"');

    const second = await runFlow(deployFlow, values(v2), localContext(log));
    expect(second.failure).toBeUndefined();
    expect(second.outputs).toMatchObject({ version: '2.0.0', 'previous-version': '1.0.0', 'rolled-back': 'false' });
    expect(second.result.connectionsPerHost).toEqual([1]);
    expect(await httpGet(PORT)).toContain('"version":"2.0.0"');
    // The user's compose file is untouched.
    expect(fs.readFileSync(`${h1.baseDir}/compose-app/docker-compose.yml`, 'utf8')).toBe(fs.readFileSync('examples/compose/docker-compose.yml', 'utf8'));

    const rollback = await runFlow(deployFlow, { ...values(''), image: '', mode: 'rollback' }, localContext(log));
    expect(rollback.failure).toBeUndefined();
    expect(rollback.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0' });
    expect(await httpGet(PORT)).toContain('"version":"1.0.0"');

    const history = fs.readFileSync(`${h1.baseDir}/compose-app/.slipway/deploy.log`, 'utf8').trim().split('\n');
    expect(history).toHaveLength(3);
    expect(history[1]).toMatch(/\tdeploy\tcompose\tversion=2\.0\.0\tprevious=1\.0\.0\tresult=deployed\tby=/);
    expect(history[2]).toMatch(/\trollback\tcompose\tversion=1\.0\.0\tprevious=2\.0\.0\tresult=rolled-back/);
  });

  it('rolls back when the new version never gets healthy, and says the old one serves again', async () => {
    const log = new MemoryLogger();
    const run = await runFlow(deployFlow, values(bad, { 'health-timeout': '8s' }), localContext(log));
    expect(run.failure).toMatch(/rolled back, the old version 1\.0\.0 is serving again/);
    expect(run.outputs['rolled-back']).toBe('true');
    expect(await httpGet(PORT)).toContain('"version":"1.0.0"');
  });

  describe('an image whose Docker health check runs only every 5 minutes', () => {
    let slow = '';
    let slowBroken = '';
    beforeAll(async () => {
      [slow, slowBroken] = await Promise.all([buildTestImage('4.0.0-slow-check', { interval: '5m' }), buildTestImage('5.0.0-slow-broken', { healthy: false, interval: '5m' })]);
    });

    it('is deployed once its own health check passes when run at once, not one Docker interval later', async () => {
      const log = new MemoryLogger();
      const run = await runFlow(deployFlow, values(slow, { 'health-timeout': '15s' }), localContext(log));
      expect(run.failure).toBeUndefined();
      expect(log.text()).toContain("app's own health check passed when run at once");
      expect(await httpGet(PORT)).toContain('"version":"4.0.0-slow-check"');
      // Docker itself has not run the check yet: the verdict was Slipway's run of the same command.
      const project = (await runner.run({ file: 'docker', args: ['ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`] })).stdout.trim();
      expect((await runner.run({ file: 'docker', args: ['inspect', '--format', '{{.State.Health.Status}}', project] })).stdout.trim()).toBe('starting');
    });

    it('is not taken for healthy when its own check fails: the wait ends in a rollback', async () => {
      const log = new MemoryLogger();
      const run = await runFlow(deployFlow, values(slowBroken, { 'health-timeout': '5s' }), localContext(log));
      expect(run.failure).toMatch(/not healthy within 5 s \(running\|starting\)/);
      expect(run.outputs['rolled-back']).toBe('true');
      expect(await httpGet(PORT)).toContain('"version":"4.0.0-slow-check"');
    });
  });

  it('ignores a stopped one-off `compose run` container of the service', async () => {
    // What `docker-compose run app …` leaves behind once it exits: same project and service labels, oneoff=True.
    const oneOff = `slipway-it-compose-oneoff-${process.pid}`;
    await runner.run({ file: 'docker', args: [
      'run', '--name', oneOff, '--network', 'host', '--label', `com.docker.compose.project=${PROJECT}`, '--label', 'com.docker.compose.service=app',
      '--label', 'com.docker.compose.oneoff=True', sandbox.baseImage, 'true',
    ] });
    try {
      const run = await runFlow(deployFlow, values(v2), localContext(new MemoryLogger()));
      expect(run.failure).toBeUndefined();
      expect(await httpGet(PORT)).toContain('"version":"2.0.0"');
      const back = await runFlow(deployFlow, values(v1), localContext(new MemoryLogger()));
      expect(back.failure).toBeUndefined();
    } finally {
      await runner.run({ file: 'docker', args: ['rm', '-f', oneOff] }, { allowFailure: true });
    }
  });

  it('names the missing compose file before changing anything', async () => {
    const run = await runFlow(deployFlow, values(v2, { 'compose-file': 'compose.prod.yml' }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/missing on the host: compose-file \(.*compose\.prod\.yml\)/);
    const missingDir = await runFlow(deployFlow, values(v2, { 'app-dir': `${h1.baseDir}/no-such-app` }), localContext(new MemoryLogger()));
    expect(missingDir.failure).toMatch(/missing on the host: app-dir/);
    expect(fs.existsSync(`${h1.baseDir}/no-such-app`)).toBe(false);
    expect(await httpGet(PORT)).toContain('"version":"1.0.0"');
  });

  it('keeps an injected project name a literal, never a command', async () => {
    const run = runFlow(deployFlow, values(v2, { 'compose-project': 'x; touch /tmp/pwned' }), localContext(new MemoryLogger()));
    await expect(run).rejects.toThrow(/--compose-project: is not a compose project name/);
  });
});

describe('ssh-deploy compose strategy with a moving tag (:latest pulled from a registry)', () => {
  const MOVING_PORT = 18412;
  const MOVING_PROJECT = 'slipway-it-compose-moving';
  const moving = `${sandbox.registries.anonymous.address}/slipway-it/deploy-moving:latest`;
  const ids: Record<string, string> = {};
  const imageId = async (ref: string) => (await runner.run({ file: 'docker', args: ['image', 'inspect', '--format', '{{.Id}}', ref] })).stdout.trim();
  const servedImageId = async () => {
    const id = (await runner.run({ file: 'docker', args: ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${MOVING_PROJECT}`, '--filter', 'label=com.docker.compose.oneoff=False'] })).stdout.trim();
    return (await runner.run({ file: 'docker', args: ['inspect', '--format', '{{.Image}}', id] })).stdout.trim();
  };
  /** Moves `:latest` in the registry to `local`, and drops the local name so only `pull` can bring it. */
  const pushAsLatest = async (local: string) => {
    await runner.run({ file: 'docker', args: ['tag', local, moving] });
    await runner.run({ file: 'docker', args: ['push', '-q', moving] });
    await runner.run({ file: 'docker', args: ['rmi', moving] });
  };
  const movingValues = (version: string, extra: Record<string, string> = {}) => ({
    ...values(moving), 'app-dir': `${h1.baseDir}/compose-moving`, 'compose-project': MOVING_PROJECT, pull: 'true', version,
    'health-url': `http://127.0.0.1:${MOVING_PORT}/api/health`, ...extra,
  });

  beforeAll(async () => {
    const [v1, v2, bad] = await Promise.all([buildTestImage('1.0.0'), buildTestImage('2.0.0'), buildTestImage('3.0.0-broken', { healthy: false })]);
    Object.assign(ids, { v1: await imageId(v1), v2: await imageId(v2), bad: await imageId(bad) });
    await removeProject(MOVING_PROJECT);
    await prepareComposeApp(h1, 'compose-moving', MOVING_PORT);
  });
  afterAll(async () => removeProject(MOVING_PROJECT));

  it('rolls back to the exact image that ran before, not to what the tag points at after the pull', async () => {
    const log = new MemoryLogger();
    await pushAsLatest('slipway-deploy-test:1.0.0');
    expect((await runFlow(deployFlow, movingValues('1.0.0'), localContext(log))).failure).toBeUndefined();
    expect(await servedImageId()).toBe(ids.v1);

    // Same name, new bytes that never get healthy: the automatic rollback must bring v1's bytes back.
    await pushAsLatest('slipway-deploy-test:3.0.0-broken');
    const broken = await runFlow(deployFlow, movingValues('3.0.0', { 'health-timeout': '8s' }), localContext(log));
    expect(broken.failure).toMatch(/rolled back, the old version 1\.0\.0 is serving again/);
    expect(await servedImageId()).toBe(ids.v1);
    expect(await httpGet(MOVING_PORT)).toContain('"version":"1.0.0"');

    // A healthy v2 under the same name, then mode: rollback from host state alone: v1's image ID again.
    await pushAsLatest('slipway-deploy-test:2.0.0');
    expect((await runFlow(deployFlow, movingValues('2.0.0'), localContext(log))).failure).toBeUndefined();
    expect(await servedImageId()).toBe(ids.v2);
    const rollback = await runFlow(deployFlow, { ...movingValues(''), image: '', mode: 'rollback' }, localContext(log));
    expect(rollback.failure).toBeUndefined();
    expect(rollback.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0' });
    expect(await servedImageId()).toBe(ids.v1);
    expect(await httpGet(MOVING_PORT)).toContain('"version":"1.0.0"');
  });
});
