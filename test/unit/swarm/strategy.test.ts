import { MemoryLogger } from '../../../src/core/log.js';
import type { ServiceReport } from '../../../src/swarm/converge.js';
import { isDigestPinned, runSwarm, type SwarmResult, type SwarmSettings } from '../../../src/swarm/deploy.js';
import type { DockerEndpoint } from '../../../src/swarm/endpoint.js';
import { judgeFailedDeploy, rollbackPlan } from '../../../src/deploy/strategies/swarm.js';

const service = (name: string, outcome: ServiceReport['outcome'], over: Partial<ServiceReport> = {}): ServiceReport => ({
  service: name, outcome, imageBefore: 'web@sha256:old', imageAfter: 'web@sha256:old', running: 1, desired: 1, ...over,
});
const result = (...services: ServiceReport[]): SwarmResult => ({
  mode: 'stack', stack: 'shop', endpoint: 'manager', filled: [], pinned: [], durationMs: 1, services,
});

describe('after a failed swarm deploy, what the job says serves', () => {
  it('the previous version, when every failed service was rolled back and runs again', () => {
    expect(judgeFailedDeploy(result(service('shop_web', 'rolled-back'), service('shop_db', 'unchanged')))).toEqual({ previousServes: true, note: '' });
  });
  it('not the previous version, when a rolled-back service has nothing running', () => {
    expect(judgeFailedDeploy(result(service('shop_web', 'rolled-back', { running: 0 }))).previousServes).toBe(false);
  });
  it('not the previous version, when another service kept its update (and it names that service)', () => {
    const verdict = judgeFailedDeploy(result(service('shop_web', 'rolled-back'), service('shop_api', 'updated')));
    expect(verdict.previousServes).toBe(false);
    expect(verdict.note).toMatch(/updated and run their new version: shop_api/);
  });
  it('not the previous version, for a timeout or a failure', () => {
    expect(judgeFailedDeploy(result(service('shop_web', 'timed-out'))).previousServes).toBe(false);
    expect(judgeFailedDeploy(result(service('shop_web', 'failed'))).previousServes).toBe(false);
  });
});

describe('what a failed health check rolls back', () => {
  it('only the services the deploy changed; those it created have nothing to go back to', () => {
    expect(rollbackPlan(result(service('shop_web', 'updated'), service('shop_db', 'unchanged'), service('shop_new', 'updated', { imageBefore: undefined }))))
      .toEqual({ names: ['shop_web'], fresh: ['shop_new'] });
  });
});

describe('swarm settings checks', () => {
  /** A manager whose engine knows no services. */
  const manager: DockerEndpoint = {
    description: 'manager', local: true,
    docker: async (command) => ({
      exitCode: 0, durationMs: 1, attempts: 1, timedOut: false, stderr: '',
      stdout: command.args[0] === 'info' ? '{"NodeID":"n1","LocalNodeState":"active","ControlAvailable":true}\n' : '[]',
    }),
    stage: async () => ({ paths: [], remove: async () => undefined }),
  };
  const settings = (over: Partial<SwarmSettings>): SwarmSettings => ({
    mode: 'service', stack: 'shop', service: 'shop_web', parallelism: 1, timeoutMs: 1000, pollMs: 10, secrets: {}, env: {}, prune: false, ...over,
  });

  it('warns when the image is a tag rather than the digest push-image returned', async () => {
    const log = new MemoryLogger();
    await expect(runSwarm(settings({ image: 'shop/web:2' }), manager, log)).rejects.toThrow(/service 'shop_web' does not exist/);
    expect(log.text()).toMatch(/warning: image shop\/web:2 is not pinned by digest.*repo@sha256/);
  });

  it('stays quiet for a digest-pinned image', async () => {
    const log = new MemoryLogger();
    const image = `shop/web@sha256:${'a'.repeat(64)}`;
    expect(isDigestPinned(image)).toBe(true);
    await expect(runSwarm(settings({ image }), manager, log)).rejects.toThrow(/does not exist/);
    expect(log.text()).not.toMatch(/not pinned/);
  });

  it('names the stack-file input when stack mode has no file', async () => {
    await expect(runSwarm(settings({ mode: 'stack', service: undefined }), manager, new MemoryLogger())).rejects.toThrow(/Set stack-file/);
  });
});
