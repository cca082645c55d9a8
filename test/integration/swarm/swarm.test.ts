// A real single-node swarm in a network namespace of its own (test/support/swarm-namespace.ts):
// deploy v1 as a stack, roll to v2 under load, roll to a broken v3 that the engine rolls back,
// and the faults: not in a swarm, a rejected stack file, an image that cannot be pulled,
// an update that outlasts the timeout; then the engine's own rollback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { clearSecretsForTest, registerSecret } from '../../../src/core/secrets.js';
import { runSwarm, type SwarmSettings } from '../../../src/swarm/deploy.js';
import { localDockerEndpoint } from '../../../src/swarm/endpoint.js';
import { swarmFailure } from '../../../src/swarm/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { startSwarmNamespace, type SwarmNamespace } from '../../support/swarm-namespace.js';

const EXAMPLE = fs.readFileSync(new URL('../../../examples/swarm/docker-compose.yml', import.meta.url), 'utf8');
const APP = 'http://127.0.0.1:8080';
const TOKEN = 'swarm-test-token-7f3a9c';

describe('swarm strategy on a namespaced single-node swarm', () => {
  let swarm: SwarmNamespace;
  let work: string;
  const log = new MemoryLogger();
  const runner = new ProcessRunner(log);

  const composeFor = (version: string, extra: (text: string) => string = (t) => t): string => {
    const file = path.join(work, `${version}`, 'docker-compose.yml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, extra(EXAMPLE.replace('APP_VERSION: v1', `APP_VERSION: ${version}`)));
    return file;
  };
  const settings = (over: Partial<SwarmSettings>): SwarmSettings => ({
    mode: 'stack', stack: 'shop', parallelism: 1, timeoutMs: 90_000, pollMs: 250, secrets: { app_token: TOKEN }, env: {}, prune: false, ...over,
  });
  const version = async (): Promise<string> => (await swarm.fetchInside(`${APP}/version`)).body;

  beforeAll(async () => {
    registerSecret(TOKEN);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-test-'));
    swarm = await startSwarmNamespace({ image: loadSandbox().baseImage, sourceHost: loadSandbox().docker.host });
  }, 60_000);

  afterAll(async () => {
    await swarm?.stop();
    fs.rmSync(work, { recursive: true, force: true });
    clearSecretsForTest();
  }, 60_000);

  const endpoint = () => localDockerEndpoint(runner, swarm.host);

  it('refuses an engine that is not in a swarm, with the command that fixes it', async () => {
    const plain = localDockerEndpoint(runner, loadSandbox().docker.host);
    await expect(runSwarm(settings({ composeFile: composeFor('v0') }), plain, log)).rejects.toThrow(/not in a swarm .*docker swarm init --advertise-addr/);
  });

  it('deploys v1 as a stack without touching the compose file, and says which defaults it filled', async () => {
    const file = composeFor('v1');
    const before = fs.readFileSync(file, 'utf8');
    const result = await runSwarm(settings({ composeFile: file }), endpoint(), log);
    expect(swarmFailure(result)).toBeUndefined();
    expect(result.services).toMatchObject([{ service: 'shop_web', outcome: 'updated', running: 1, desired: 1 }]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(result.filled.map((f) => `${f.setting}=${f.value}`)).toEqual(expect.arrayContaining([
      'update_config.order=stop-first', 'update_config.failure_action=rollback', 'update_config.monitor=5s', 'update_config.parallelism=1',
    ]));
    expect(await version()).toBe('v1');
    // The secret reached the task as a file, from a docker secret created over stdin.
    const container = swarm.docker(['ps', '-q', '--filter', 'label=com.docker.swarm.service.name=shop_web']).trim().split('\n')[0] as string;
    expect(swarm.docker(['exec', container, 'cat', '/run/secrets/app_token'])).toBe(TOKEN);
    expect(log.text()).not.toContain(TOKEN);
  });

  it('rolls to v2 under a bounded load loop inside the namespace', async () => {
    const load = swarm.startLoad(`${APP}/version`, { maxMs: 60_000 });
    const result = await runSwarm(settings({ composeFile: composeFor('v2') }), endpoint(), log);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seen = await load.stop();
    console.log(`load during v1→v2: ${seen.requests} requests, ${seen.failed} failed (${[...new Set(seen.errors)].join(', ')}); bodies ${JSON.stringify(seen.bodies)}`);
    expect(swarmFailure(result)).toBeUndefined();
    expect(result.services[0]).toMatchObject({ outcome: 'updated', running: 1 });
    expect(seen.bodies.v1).toBeGreaterThan(0);
    expect(seen.bodies.v2).toBeGreaterThan(0);
    // stop-first on the host network: a short gap while the old task stops and the new one starts.
    expect(seen.failed).toBeLessThan(seen.requests / 2);
    expect(await version()).toBe('v2');
  });

  it('rolls a broken v3 back: the job fails naming the service, the health check, and that v2 serves', async () => {
    const file = composeFor('v3', (t) => t.replace('APP_BROKEN: "no"', 'APP_BROKEN: "yes"'));
    const result = await runSwarm(settings({ composeFile: file }), endpoint(), log);
    expect(result.services[0]).toMatchObject({ service: 'shop_web', outcome: 'rolled-back', updateState: 'rollback_completed', running: 1 });
    const failure = swarmFailure(result);
    expect(await version()).toBe('v2');
    expect(failure).toMatch(/^shop_web: the update to slipway\/busybox:sandbox was rolled back: health check failing/);
    expect(failure).toMatch(/unhealthy container/);
    expect(failure).toMatch(/The previous version slipway\/busybox:sandbox is serving \(1\/1 running\)/);
    expect(await version()).toBe('v2');
  });

  it('surfaces a stack file the engine rejects, with the file and the service', async () => {
    const file = composeFor('bad', (t) => t.replace('    init: true\n', '    init: true\n    restart_policy_typo: always\n'));
    await expect(runSwarm(settings({ composeFile: file }), endpoint(), log))
      .rejects.toThrow(new RegExp(`${file}: service web: docker stack deploy rejected the stack: .*restart_policy_typo`, 's'));
    expect(await version()).toBe('v2');
  });

  it('rolls back an image the node cannot pull, and says so', async () => {
    const image = `127.0.0.1:5999/nowhere/web@sha256:${'0'.repeat(64)}`;
    const result = await runSwarm(settings({ mode: 'service', service: 'shop_web', image }), endpoint(), log);
    expect(result.services[0]).toMatchObject({ outcome: 'rolled-back', imageBefore: 'slipway/busybox:sandbox', imageAttempted: image, imageAfter: 'slipway/busybox:sandbox' });
    expect(swarmFailure(result)).toMatch(/shop_web: the update to 127\.0\.0\.1:5999\/nowhere\/web@sha256:000000000000… was rolled back: image cannot be pulled/);
    expect(await version()).toBe('v2');
  });

  it('reports an update that outlasts the timeout, then the engine finishes it', async () => {
    const file = composeFor('v4');
    const result = await runSwarm(settings({ composeFile: file, timeoutMs: 1500 }), endpoint(), log);
    expect(result.services[0]).toMatchObject({ outcome: 'timed-out' });
    expect(swarmFailure(result)).toMatch(/shop_web: not converged within the timeout \(state updating\)/);
    for (let i = 0; i < 120 && swarm.docker(['service', 'inspect', '--format', '{{.UpdateStatus.State}}', 'shop_web']).trim() !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await version()).toBe('v4');
  });

  it('rollback mode runs the engine rollback', async () => {
    const result = await runSwarm(settings({ mode: 'rollback' }), endpoint(), log);
    expect(swarmFailure(result)).toBeUndefined();
    expect(result.services[0]).toMatchObject({ service: 'shop_web', outcome: 'updated', updateState: 'rollback_completed' });
    expect(await version()).toBe('v2');
  });

  it('a cancel during the rolling update asks the engine to roll back, cuts the wait, and the previous version serves', async () => {
    const file = composeFor('v5');
    const cancel = new AbortController();
    const updating = (async () => {
      for (let i = 0; i < 200 && swarm.docker(['service', 'inspect', '--format', '{{.UpdateStatus.State}}', 'shop_web']).trim() !== 'updating'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      cancel.abort();
      return Date.now();
    })();
    const result = await runSwarm(settings({ composeFile: file }), endpoint(), log, { signal: cancel.signal });
    const cancelledAt = await updating;
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect(result.services[0]?.outcome).toMatch(/^(rolled-back|timed-out)$/);
    // Timed out means the engine was still bringing v2 back at the cut: it gets there by itself.
    for (let i = 0; i < 120 && (await version().catch(() => '')) !== 'v2'; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await version()).toBe('v2');
    expect(log.lines.join('\n')).toMatch(/cancel: asking the engine to roll shop_web back/);
  });

  it('a cancel before the deploy sends nothing to the engine', async () => {
    const before = swarm.docker(['service', 'inspect', '--format', '{{.Version.Index}}', 'shop_web']).trim();
    const cancel = new AbortController();
    cancel.abort();
    await expect(runSwarm(settings({ composeFile: composeFor('v6') }), endpoint(), log, { signal: cancel.signal })).rejects.toThrow(/cancelled before docker stack deploy shop/);
    expect(swarm.docker(['service', 'inspect', '--format', '{{.Version.Index}}', 'shop_web']).trim()).toBe(before);
    expect(await version()).toBe('v2');
  });
});
