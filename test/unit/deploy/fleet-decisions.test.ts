import { MemoryLogger } from '../../../src/core/log.js';
import type { FlowContext } from '../../../src/core/context.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import type { SwarmDeploySettings } from '../../../src/deploy/strategies/swarm.js';
import { FakeComposeHost } from '../../support/fake-compose-host.js';
import { RecordingSession } from '../../support/recording-session.js';

const STATE = '/srv/app/.slipway/compose-default-web.state';
const target = (host: string): SshTarget => ({ host, port: 22, user: 'deploy' } as SshTarget);

/** Hosts that run app:1 (recorded), where app:2 is healthy except on the hosts named `broken`. */
function fleet(names: string[], broken: string[]) {
  const hosts = new Map(names.map((name) => {
    const host = new FakeComposeHost({
      images: { 'app:1': 'sha256:one', 'app:2': broken.includes(name) ? 'sha256:two-broken' : 'sha256:two' }, running: 'app:1',
      unhealthy: ['sha256:two-broken'], target: { host: name },
    });
    host.session.files.set(STATE, 'image=app:1\nimage_id=sha256:one\nversion=1\n');
    return [name, host];
  }));
  return hosts;
}

function settings(names: string[], batchSize: number): ComposeDeploySettings {
  return { ...settings_(names), strategy: 'compose', batchSize, compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:2', pull: false } };
}

function settings_(names: string[]) {
  return {
    mode: 'deploy' as const, appDir: '/srv/app', version: '2', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
    health: { timeoutMs: 5000 }, ssh: { targets: names.map(target) } as unknown as ComposeDeploySettings['ssh'],
  };
}

const context = (): FlowContext => ({
  runner: new RecordingRunner(), log: new MemoryLogger(), env: {}, workDir: '/nonexistent',
  platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false } as FlowContext['platform'], cache: undefined as unknown as FlowContext['cache'],
});

describe('fleet decisions (recorded sessions)', () => {
  it.each([
    {
      rule: 'a failed host reverts the hosts of its batch that took the new version', names: ['a', 'b'], batch: 0, broken: ['b'],
      statuses: ['reverted', 'rolled-back'], runs: ['sha256:one', 'sha256:one'],
    },
    {
      rule: 'an earlier batch that passed stays on the new version, and later batches do not start', names: ['a', 'b', 'c'], batch: 1, broken: ['b'],
      statuses: ['deployed', 'rolled-back', 'not-started'], runs: ['sha256:two', 'sha256:one', 'sha256:one'],
    },
    {
      rule: 'every host takes the new version when none fails', names: ['a', 'b'], batch: 1, broken: [],
      statuses: ['deployed', 'deployed'], runs: ['sha256:two', 'sha256:two'],
    },
  ])('$rule', async ({ names, batch, broken, statuses, runs }) => {
    const hosts = fleet(names, broken);
    const result = await deployFleet(settings(names, batch), context(), { openSession: async (t) => (hosts.get(t.host) as FakeComposeHost).session });
    expect(result.hosts.map((h) => h.status)).toEqual(statuses);
    expect(names.map((name) => hosts.get(name)?.running?.id)).toEqual(runs);
    expect(result.ok).toBe(broken.length === 0);
    // Every host that was started released its lock and closed its session, whatever happened.
    for (const [name, host] of hosts) {
      const started = result.hosts.find((h) => h.host.includes(name))?.status !== 'not-started';
      expect(host.session.closed).toBe(started);
      // The release rides in the host's last round trip, with the log line (slipway-close runs RELEASE_LOCK_SCRIPT).
      expect(host.session.ran(['sh', '-c', /rm -rf/, 'slipway-close'])).toHaveLength(started ? 1 : 0);
      expect(host.locked).toBe(false);
    }
  });

  it('says in the deploy log of a reverted host that it was reverted', async () => {
    const hosts = fleet(['a', 'b'], ['b']);
    await deployFleet(settings(['a', 'b'], 0), context(), { openSession: async (t) => (hosts.get(t.host) as FakeComposeHost).session });
    expect(hosts.get('a')?.log[0]).toMatch(/\tdeploy\tcompose\tversion=1\tprevious=2\tresult=reverted\t/);
  });

  it('carries the swarm per-service report in the result (so --json has it) and in the summary, also when the deploy failed', async () => {
    const session = new RecordingSession();
    session.on(['docker', 'info'], { stdout: '{"NodeID":"n1","LocalNodeState":"active","ControlAvailable":true}\n' });
    session.on(['docker', 'service', 'inspect'], { stdout: '[{"ID":"s1","Version":{"Index":1},"Spec":{"Name":"shop_web","TaskTemplate":{"ContainerSpec":{"Image":"shop/web@sha256:old"}}}}]' });
    const settings: SwarmDeploySettings = {
      ...settings_(['m1']), strategy: 'swarm',
      swarm: { stack: 'shop', stackFile: 'docker-compose.yml', service: 'shop_web', image: `shop/web@sha256:${'c'.repeat(64)}`, parallelism: 1, timeoutMs: 300, secrets: {} },
    };
    const result = await deployFleet(settings, context(), { openSession: async () => session });
    expect(result.hosts[0]?.status).toBe('failed');
    const document = JSON.parse(JSON.stringify({ result })) as { result: { hosts: Array<{ reports?: Array<{ strategy: string; json: { services: Array<{ service: string }> } }> }> } };
    expect(document.result.hosts[0]?.reports?.map((r) => [r.strategy, r.json.services.map((s) => s.service)])).toEqual([['swarm', ['shop_web']]]);
    expect(renderMarkdown(deployFlow.summary(result))).toMatch(/\| shop_web \|/);
  });
});
