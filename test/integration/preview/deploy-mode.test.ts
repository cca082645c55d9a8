import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { sshDeployFlow, type PreviewModeResult } from '../../../src/preview/deploy-mode.js';
import { buildApp, docker, getVia, prepareApp, runner, sshValues } from './support.js';

// This suite's names carry h22; its previews listen on 52000 + pr.
const PORT_BASE = 52000;
let appDir = '';
let image = '';

async function sshDeploy(values: Record<string, string>): Promise<PreviewModeResult> {
  const run = await runFlow(sshDeployFlow, {
    ...sshValues(), 'app-dir': appDir, mode: 'preview', 'compose-project': 'h22', 'preview-port-base': String(PORT_BASE),
    'preview-domain': 'preview.localhost', 'preview-env-template': 'preview.env.template', 'health-url': 'http://127.0.0.1:52999/api/health',
    'health-timeout': '30s', ...values,
  }, localContext(new MemoryLogger(), { env: {} }));
  return run.result as PreviewModeResult;
}

describe('ssh-deploy with mode: preview on a real host', () => {
  beforeAll(async () => {
    image = await buildApp('h22-1');
    appDir = await prepareApp('h22-preview-mode', 52999, 'production-secret-h22', image);
  }, 120_000);

  afterAll(async () => {
    for (const id of (await docker('ps', '-aq', '--filter', 'label=com.docker.compose.project=h22-pr-7')).split('\n').filter(Boolean)) await docker('rm', '-f', id);
    for (const volume of (await docker('volume', 'ls', '-q', '--filter', 'name=h22-pr-7_')).split('\n').filter(Boolean)) await docker('volume', 'rm', '-f', volume);
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
  }, 60_000);

  it('brings a preview up, lists it and takes it down through the same flow as actions/preview', async () => {
    const up = await sshDeploy({ 'preview-action': 'up', 'pr-number': '7', image });
    expect(up.preview).toMatchObject({ command: 'up', pr: 7, url: 'https://pr-7.preview.localhost', version: 'h22-1', created: true });
    expect(sshDeployFlow.outputs(up)).toMatchObject({ 'preview-url': 'https://pr-7.preview.localhost', version: 'h22-1' });
    const health = await getVia(PORT_BASE + 7, 'pr-7.preview.localhost', '/api/health');
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: 'h22-1' });
    expect((await getVia(PORT_BASE + 7, 'pr-7.preview.localhost', '/secret')).body).toMatch(/^[0-9a-f]{64}$/);

    const listed = await sshDeploy({ 'preview-action': 'list' });
    expect(listed.preview.previews.map((p) => [p.pr, p.port, p.running])).toEqual([[7, PORT_BASE + 7, true]]);

    const down = await sshDeploy({ 'preview-action': 'down', 'pr-number': '7' });
    expect(down.preview.removed).toEqual([7]);
    expect(down.preview.previews).toEqual([]);
    expect(await docker('ps', '-aq', '--filter', 'label=com.docker.compose.project=h22-pr-7')).toBe('');
    expect(await docker('volume', 'ls', '-q', '--filter', 'name=h22-pr-7_')).toBe('');
  }, 180_000);
});
