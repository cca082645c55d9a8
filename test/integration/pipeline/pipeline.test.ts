import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { renderText } from '../../../src/core/summary.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { pipelineFlow } from '../../../src/pipeline/flow.js';
import { docker } from '../../support/flow-harness.js';
import { hosts, httpGet, prepareComposeApp, removeProject, sandbox, sshValues } from '../deploy/support.js';

const [h1] = hosts;
const PORT = 18461;
const PROJECT = 'slipway-it-pipeline';
const APP = 'pipeline-app';
const IMAGE = `${sandbox.registries.auth.address}/pipeline-it/example-app`;

/** What a user's workflow step passes: the example app, the sandbox registry with auth, host h1 with compose. */
function values(version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    image: IMAGE, context: 'examples/app', 'build-args': 'APP_VERSION={version}', version,
    username: sandbox.registries.auth.username, password: sandbox.registries.auth.password,
    ...sshValues([h1]), 'app-dir': `${h1.baseDir}/${APP}`, service: 'app', 'compose-project': PROJECT, 'env-file': '.env', pull: 'false',
    'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '30s',
    url: `http://127.0.0.1:${PORT}/api/health`, timeout: '15s',
    ...extra,
  };
}

const deployLog = (): string[] => fs.readFileSync(`${h1.baseDir}/${APP}/.slipway/deploy.log`, 'utf8').trim().split('\n');

describe('the root deploy pipeline against the sandbox (real docker, registry with auth, SSH host h1 with compose)', () => {
  beforeAll(async () => {
    await removeProject(PROJECT);
    await prepareComposeApp(h1, APP, PORT);
  });
  afterAll(async () => removeProject(PROJECT));

  it('prints the plan on --dry-run and touches nothing', async () => {
    const run = await runFlow(pipelineFlow, values('0.9.0', { 'dry-run': 'true' }), localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(run.outputs.outcome).toBe('planned');
    const text = renderText(pipelineFlow.summary(run.result));
    expect(text).toContain(`docker push ${IMAGE}:0.9.0`);
    expect(text).toContain(`On deploy@${h1.address}:${h1.port} (${h1.baseDir}/${APP})`);
    expect(text).not.toContain(sandbox.registries.auth.password);
    expect(fs.existsSync(`${h1.baseDir}/${APP}/.slipway`)).toBe(false);
    expect(await httpGet(PORT)).toMatch(/^error/);
  });

  it('builds, pushes, deploys by digest and smoke-tests the version it built', async () => {
    const log = new MemoryLogger();
    const first = await runFlow(pipelineFlow, values('1.0.0'), localContext(log));
    expect(first.failure).toBeUndefined();
    expect(first.outputs).toMatchObject({ outcome: 'deployed', version: '1.0.0', 'rolled-back': 'false', 'smoke-passed': 'true' });
    expect(first.outputs['image-ref']).toMatch(new RegExp(`^${IMAGE.replace(/[.]/g, '\\.')}@sha256:[a-f0-9]{64}$`));
    expect(await httpGet(PORT)).toContain('"version":"1.0.0"');

    const second = await runFlow(pipelineFlow, values('1.1.0'), localContext(log));
    expect(second.failure).toBeUndefined();
    expect(JSON.parse(second.outputs.hosts ?? '[]')).toEqual([{ host: `deploy@${h1.address}:${h1.port}`, before: '1.0.0', after: '1.1.0', status: 'deployed' }]);
    expect(await httpGet(PORT)).toContain('"version":"1.1.0"');
    // The running container is the pushed digest, not a local tag.
    const [container, ...others] = docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`).split('\n').filter(Boolean);
    expect(others).toEqual([]);
    const running = JSON.parse(docker('container', 'inspect', container ?? 'none'))[0] as { Image: string; Config: { Image: string } };
    expect(running.Config.Image).toBe(second.outputs['image-ref']);
    const image = JSON.parse(docker('image', 'inspect', running.Image))[0] as { RepoDigests: string[] };
    expect(image.RepoDigests).toContain(second.outputs['image-ref']);
    const summary = renderText(pipelineFlow.summary(second.result));
    expect(summary).toMatch(/build-image\s+✅ ok/);
    expect(summary).toMatch(/smoke-test\s+✅ ok/);
    expect(summary).toContain(second.outputs.digest);
  });

  it('rolls back when the smoke test fails, and the old version serves again', async () => {
    const log = new MemoryLogger();
    // The app reports 2.0.0, passes deploy's own health check, but the smoke test expects 9.9.9.
    const run = await runFlow(pipelineFlow, values('2.0.0', { 'expect-version': '9.9.9', timeout: '5s' }), localContext(log));
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', 'rolled-back': 'true', 'smoke-passed': 'false' });
    expect(run.failure).toMatch(/smoke-test: .*9\.9\.9.*; rolled back 1 host\(s\), 1\.1\.0 is serving again/);
    expect(JSON.parse(run.outputs.hosts ?? '[]')).toEqual([{ host: `deploy@${h1.address}:${h1.port}`, before: '1.1.0', after: '1.1.0', status: 'rolled-back' }]);
    expect(await httpGet(PORT)).toContain('"version":"1.1.0"');
    expect(deployLog().slice(-2).map((line) => line.split('\t').slice(1, 6).join(' '))).toEqual([
      'deploy compose version=2.0.0 previous=1.1.0 result=deployed',
      'rollback compose version=1.1.0 previous=2.0.0 result=rolled-back',
    ]);
    const summary = renderText(pipelineFlow.summary(run.result));
    expect(summary).toMatch(/rollback\s+✅ ok/);
    expect(summary).toContain('rolled back after the smoke test');
  });
});
