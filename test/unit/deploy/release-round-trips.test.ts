import type { FlowContext } from '../../../src/core/context.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import type { ReleaseDeploySettings, ReleaseSettings } from '../../../src/deploy/strategies/release.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { FakeReleaseHost } from '../../support/fake-release-host.js';
import { lockAnswer, snippet } from '../../support/recording-session.js';

// One remote round trip per phase of a release deploy (issue 20): the lock with the look, the upload,
// the release's own step with the first pre-promote command, the switch with the first restart
// command, and the closing step with the deploy-log line and the lock release.

const target = (host: string): SshTarget => ({ host, port: 22, user: 'deploy' } as SshTarget);

function settings(release: Partial<ReleaseSettings> = {}, extra: Partial<ReleaseDeploySettings> = {}, hosts = ['h1.example']): ReleaseDeploySettings {
  return {
    mode: 'deploy', appDir: '/srv/app', version: 'v3', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
    health: { timeoutMs: 5000 }, ssh: { targets: hosts.map(target) } as unknown as ReleaseDeploySettings['ssh'], strategy: 'release',
    release: { artifact: '/tmp/rz-artifact/', shared: ['.env'], prePromote: ['make migrate'], restart: ['systemctl restart app'], keep: 3, ...release },
    ...extra,
  };
}

const context = (log = new MemoryLogger()): FlowContext => ({
  runner: new RecordingRunner(), log, env: {}, workDir: '/nonexistent',
  platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false } as FlowContext['platform'], cache: undefined as unknown as FlowContext['cache'],
});

/** Three releases Slipway made, the newest serving. */
const servingV2 = () => new FakeReleaseHost({
  releases: { '20261101T000000Z': 'v0', '20261102T000000Z': 'v1', '20261103T000000Z': 'v2' }, current: '20261103T000000Z', restartFailsOn: ['v3-broken'],
});

const deploy = (host: FakeReleaseHost, s: ReleaseDeploySettings, log?: MemoryLogger) => deployFleet(s, context(log), { openSession: async () => host.session });

describe('a release deploy makes one remote round trip per phase', () => {
  it('a healthy deploy: lock + look, upload, version + links + migrate, switch + restart, prune + log + unlock (5)', async () => {
    const host = servingV2();
    const log = new MemoryLogger();
    const result = await deploy(host, settings(), log);
    expect(result.hosts[0]?.status).toBe('deployed');
    expect(host.session.roundTrips()).toBe(5);
    expect(host.session.calls.map((call) => call.words[3])).toEqual(['slipway-lock', 'slipway-release', 'slipway-switch', 'slipway-close']);
    // The new release serves, keep-releases 3 removed the oldest, the log line says deployed, the lock is free.
    expect(host.releases.get(host.current ?? '')).toBe('v3');
    expect([...host.releases.keys()].sort()).toEqual(['20261102T000000Z', '20261103T000000Z', host.current].sort());
    expect(host.log).toHaveLength(1);
    expect(host.log[0]).toMatch(/\tdeploy\trelease\tversion=v3\tprevious=v2\tresult=deployed\t/);
    expect(host.locked).toBe(false);
    expect(log.text()).toMatch(/removed releases\/20261101T000000Z \(keep-releases 3, failed ones counted\)/);
  });

  it('a red release: one more round trip to switch back and restart the old one; the mark and prune ride with the log line (6)', async () => {
    const host = servingV2();
    const result = await deploy(host, settings({}, { version: 'v3-broken' }));
    expect(result.hosts[0]?.status).toBe('rolled-back');
    expect(result.hosts[0]?.message).toMatch(/new release v3-broken could not be restarted \(restart command `systemctl restart app` failed with exit 1 \(restart refused\)\); rolled back, the old release v2 is serving again/);
    expect(host.session.roundTrips()).toBe(6);
    expect(host.current).toBe('20261103T000000Z');
    // Marked failed (never picked by a rollback), counted in keep-releases 3 and kept as the newest failed one.
    const failed = [...host.releases.keys()].filter((name) => name.endsWith('.failed'));
    expect(failed).toHaveLength(1);
    expect(host.releases.get(failed[0] ?? '')).toBe('v3-broken');
    expect(host.releases.size).toBe(3);
    expect(host.restarted.map((line) => line.split(' @ ')[1])).toEqual([failed[0]?.replace(/\.failed$/, ''), '20261103T000000Z']);
    expect(host.log[0]).toMatch(/\tresult=rolled-back\t/);
    expect(host.locked).toBe(false);
  });

  it('each further pre-promote and restart command is a round trip of its own (a cancel between two starts no further one)', async () => {
    const host = servingV2();
    await deploy(host, settings({ prePromote: ['make migrate', 'make assets'], restart: ['systemctl restart app', 'systemctl restart worker'] }));
    expect(host.session.roundTrips()).toBe(7);
    expect(host.session.ran(snippet('slipway-hook')).map((words) => words[5])).toEqual(['make assets']);
    expect(host.restarted.map((line) => line.split(' @ ')[0])).toEqual(['systemctl restart app', 'systemctl restart worker']);
  });

  it('a failed pre-promote command: nothing switched, the release marked failed in the closing round trip', async () => {
    const host = servingV2();
    host.session.on(snippet('slipway-release'), { exitCode: 3, stderr: 'migration refused' });
    const result = await deploy(host, settings());
    expect(result.hosts[0]?.status).toBe('failed');
    expect(result.hosts[0]?.message).toMatch(/`pre-promote on h1\.example: make migrate` exited with code 3:\nmigration refused/);
    expect(host.current).toBe('20261103T000000Z');
    expect(host.session.ran(snippet('slipway-close'))[0]?.slice(9, 12)).toEqual(['/srv/app', expect.stringMatching(/^\d{8}T\d{6}Z$/), 'failed']);
    expect(host.session.ran(snippet('slipway-switch'))).toEqual([]);
    expect(host.locked).toBe(false);
  });

  it('a missing shared file or a refused sudo rule stops the deploy before any change, from the lock\'s own round trip', async () => {
    const host = servingV2();
    host.session.on(snippet('slipway-lock'), lockAnswer('missing shared 0\ncurrent 20261103T000000Z\nend\n'));
    const result = await deploy(host, settings());
    expect(result.hosts[0]?.message).toMatch(/missing on the host: shared file \(\/srv\/app\/shared\/\.env\)/);
    expect(host.session.uploads).toEqual([]);
    expect(host.session.calls.map((call) => call.words[3])).toEqual(['slipway-lock', 'slipway-close']);
    const sudo = servingV2();
    sudo.session.on(snippet('slipway-lock'), lockAnswer('sudo 0 1\nend\n'));
    const refused = await deploy(sudo, settings({ restart: ['sudo -n systemctl restart app'] }));
    expect(refused.hosts[0]?.message).toMatch(/`sudo -n systemctl restart app` is not allowed by sudo without a password/);
    expect(sudo.session.ran(snippet('slipway-lock'))[0]?.slice(-1)).toEqual(['-n -l systemctl restart app']);
    expect(sudo.session.uploads).toEqual([]);
  });

  it('app-dir missing: refused in the lock\'s round trip before anything is written, naming app-dir', async () => {
    const host = servingV2();
    host.session.on(snippet('slipway-lock'), { exitCode: 5 });
    const result = await deploy(host, settings());
    expect(result.hosts[0]?.message).toMatch(/missing on the host: app-dir \(\/srv\/app\)/);
    expect(host.session.roundTrips()).toBe(1);
  });

  it('a rollback: lock + look, switch + restart, mark + prune + log + unlock (3)', async () => {
    const host = servingV2();
    const result = await deploy(host, settings({ artifact: undefined }, { mode: 'rollback', version: '' }));
    expect(result.hosts[0]).toMatchObject({ status: 'rolled-back', version: 'v1', previous: 'v2' });
    expect(host.session.roundTrips()).toBe(3);
    expect(host.current).toBe('20261102T000000Z');
    expect([...host.releases.keys()]).toContain('20261103T000000Z.rolled-back');
  });

  it('a batch revert looks again and replaces the deploy\'s closing step with its own (the release it leaves marked rolled-back)', async () => {
    const hosts = new Map([['a', servingV2()], ['b', new FakeReleaseHost({ releases: { '20261103T000000Z': 'v2' }, current: '20261103T000000Z', restartFailsOn: ['v3'] })]]);
    const result = await deployFleet(settings({ keep: 5 }, {}, ['a', 'b']), context(), { openSession: async (t) => (hosts.get(t.host) as FakeReleaseHost).session });
    expect(result.hosts.map((h) => h.status)).toEqual(['reverted', 'rolled-back']);
    const a = hosts.get('a') as FakeReleaseHost;
    expect(a.current).toBe('20261103T000000Z');
    expect([...a.releases.keys()].filter((name) => name.endsWith('.rolled-back'))).toHaveLength(1);
    expect(a.session.ran(snippet('slipway-close'))).toHaveLength(1);
    expect(a.session.ran(snippet('slipway-look'))).toHaveLength(1);
    expect(a.log[0]).toMatch(/\tresult=reverted\t/);
  });
});
