import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheImageName } from '../../../src/image/layer-cache.js';
import { loadSandbox } from '../../support/sandbox.js';
import { RunnerJobContext, runActionStep, unmaskedAppearances } from '../../support/runner-harness.js';

// build-image and push-image as a runner runs them (every action.yml default set), on the sandbox's
// Docker engine and registries. The runner here offers no cache service (no ACTIONS_CACHE_URL /
// ACTIONS_RESULTS_URL), as a self-hosted or Forgejo runner without one.
const sandbox = loadSandbox();
const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

describe('build-image with layer-cache auto on a runner without a cache service', () => {
  const image = `${sandbox.registries.anonymous.address}/hr-edge/build`;
  let workspace = '';
  beforeAll(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hr-build-'));
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), `FROM ${sandbox.baseImage}\nRUN echo built > /built.txt\n`);
    execFileSync('git', ['init', '-q', '-b', 'main', workspace]);
    execFileSync('git', ['-C', workspace, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.']);
    execFileSync('git', ['-C', workspace, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'app']);
  });
  afterAll(() => {
    fs.rmSync(workspace, { recursive: true, force: true });
    const built = docker('images', '--format', '{{.Repository}}:{{.Tag}}').split('\n').filter((ref) => ref.startsWith(`${image}:`));
    if (built.length) docker('image', 'rm', '--force', ...built);
  });

  it('skips the layer cache before building: no docker save, no slipway-layer-cache tag, cache off', async () => {
    try { docker('image', 'rm', '--force', cacheImageName(image)); } catch { /* not there */ }
    const job = new RunnerJobContext({ event: 'push', workspace });
    try {
      const run = await runActionStep(job, 'actions/build-image', { inputs: { image } });
      expect(run.errors).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.outputs.cache).toBe('off');
      expect(run.stdout).toContain('Layer cache: this runner offers no cache service');
      expect(run.stdout).not.toContain('docker save');
      expect(docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', cacheImageName(image))).toBe('');
    } finally {
      job.remove();
    }
  });
});

describe('push-image as a runner runs it', () => {
  it('a refused push still writes a job summary saying what failed, without the password', async () => {
    const password = `wrong-hr-${Date.now().toString(36)}-password`;
    const job = new RunnerJobContext({ event: 'push' });
    try {
      const run = await runActionStep(job, 'actions/push-image', {
        inputs: { tags: `${sandbox.registries.auth.address}/hr-edge/push:1`, username: sandbox.registries.auth.username, password },
      });
      expect(run.code).not.toBe(0);
      expect(run.errors).toEqual([expect.stringMatching(/^::error::Registry 127\.0\.0\.1:5000 refused user 'slipway'/)]);
      expect(run.summary).toContain('Image push failed');
      expect(run.summary).toContain(`${sandbox.registries.auth.address}/hr-edge/push:1`);
      expect(run.summary).toContain("refused user 'slipway'");
      expect(unmaskedAppearances(run, password)).toEqual([]);
    } finally {
      job.remove();
    }
  });
});
