import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/cli/run-flow.js';
import { buildTestImage, hosts, httpGet, prepareComposeApp, removeProject, sshValues } from './support.js';

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
