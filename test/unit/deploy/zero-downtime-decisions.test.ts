import { MemoryLogger } from '../../../src/core/log.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import { zeroDowntimeDeploy } from '../../../src/deploy/zero-downtime/deploy.js';
import type { ZeroDowntimeSettings } from '../../../src/deploy/zero-downtime/settings.js';
import { composeLookAnswer } from '../../support/fake-compose-host.js';
import { closeAnswer, lockAnswer, RecordingSession, snippet, valueAfter } from '../../support/recording-session.js';
import type { FlowContext } from '../../../src/core/context.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';

const STATE = '/srv/app/.slipway/zero-downtime-app-web.state';
const UPSTREAM = '/etc/nginx/slipway/app-upstream.conf';

const zeroDowntime: ZeroDowntimeSettings = {
  ports: { first: 20080, last: 20089 }, portEnv: 'PORT', proxy: 'nginx', caddyAdmin: '127.0.0.1:2019', nginxUpstreamFile: UPSTREAM, nginxCommand: 'nginx',
  drainTimeoutMs: 1000, watchMs: 0, stopTimeoutS: 10,
};

const settings: ComposeDeploySettings & { zeroDowntime: ZeroDowntimeSettings } = {
  strategy: 'compose', mode: 'deploy', appDir: '/srv/app', version: '3', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
  health: { url: 'http://127.0.0.1:8080/health', timeoutMs: 5000 }, ssh: { targets: [] } as unknown as ComposeDeploySettings['ssh'],
  compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:3', pull: true }, zeroDowntime,
};

/**
 * A host after a switch from app-blue (20080) towards app-green (20081): the state file
 * still says blue is live and green pending. `proxyPort` is where nginx points; `greenRuns`
 * whether app-green's containers are up. The deploy is stopped at `compose config` (the
 * first command after the decision), so the spec reads which copy it took as live.
 */
function cutSwitch(proxyPort: number, greenRuns: boolean) {
  const session = new RecordingSession().withFiles();
  session.files.set(STATE, [
    'live_project=app-blue', 'live_port=20080', 'live_image=app:1', 'live_version=1',
    'pending_project=app-green', 'pending_port=20081', 'pending_image=app:2', 'pending_version=2', 'status=deployed', '',
  ].join('\n'));
  session.on(snippet('slipway-check'), { stdout: '' });
  // The compose look (paths, compose v2), run on its own here (the fleet runs it in the lock's round trip).
  session.on(snippet('slipway-compose-look'), (call) => ({ stdout: composeLookAnswer(call.words.slice(4), 'app:1|sha256:one', session.files) }));
  session.on(['cat', UPSTREAM], { stdout: `server 127.0.0.1:${proxyPort};\n` });
  session.on(['docker', 'ps'], (call) => {
    const project = valueAfter(call.words, '--filter')?.replace('label=com.docker.compose.project=', '');
    return { stdout: project === 'app-blue' || (project === 'app-green' && greenRuns) ? `c-${project}\n` : '' };
  });
  session.on(['docker', 'compose'], (call) => (call.words.includes('config') ? { exitCode: 1, stderr: 'stopped by the spec' } : {}));
  return session;
}

describe('zero-downtime decisions (recorded session)', () => {
  it.each([
    { proxyPort: 20081, greenRuns: true, live: 'app-green', next: 'app-blue', recovers: true, why: 'the proxy points at the pending copy, which runs: the cut switch happened' },
    { proxyPort: 20080, greenRuns: true, live: 'app-blue', next: 'app-green', recovers: false, why: 'the proxy points at the recorded live copy: the state file is right' },
    { proxyPort: 20081, greenRuns: false, live: 'app-blue', next: 'app-green', recovers: false, why: 'the pending copy does not run: it never served' },
  ])('takes $live as live when $why', async ({ proxyPort, greenRuns, next, recovers }) => {
    const session = cutSwitch(proxyPort, greenRuns);
    const log = new MemoryLogger();
    await expect(zeroDowntimeDeploy({ session, settings, appDir: '/srv/app', index: 0, log })).rejects.toThrow(/`compose config` fails \(stopped by the spec\)/);
    expect(log.text().includes('an earlier deploy was cut right after its switch, so app-green is the live copy')).toBe(recovers);
    // The new copy goes into the other slot: its override, and the project compose is asked about.
    const config = session.ran(['docker', 'compose']).find((argv) => argv.includes('config')) ?? [];
    expect(valueAfter(config, '-p')).toBe(next);
    expect(session.files.has(`/srv/app/.slipway/${next}.override.json`)).toBe(true);
    // Nothing was stopped or removed before the checks passed.
    expect(session.ran(['docker', 'stop'])).toEqual([]);
    expect(session.ran(['docker', 'rm'])).toEqual([]);
  });
});

describe('zero-downtime under the fleet', () => {
  it('checks the paths and finds compose in the lock\'s round trip: no round trip of their own before the switch state is read', async () => {
    const session = cutSwitch(20080, true);
    session.on(snippet('slipway-lock'), (call) => lockAnswer(composeLookAnswer(call.words.slice(7), '', session.files)));
    session.on(snippet('slipway-close'), closeAnswer());
    const context = {
      runner: new RecordingRunner(), log: new MemoryLogger(), env: {}, workDir: '/nonexistent',
      platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false }, cache: undefined,
    } as unknown as FlowContext;
    const result = await deployFleet({ ...settings, ssh: { targets: [{ host: 'h1.example', port: 22, user: 'deploy' }] } as unknown as typeof settings.ssh }, context, { openSession: async () => session });
    expect(result.hosts[0]?.message).toMatch(/`compose config` fails \(stopped by the spec\)/);
    const names = session.calls.map((call) => call.words[3]);
    expect(names[0]).toBe('slipway-lock');
    expect(names[1]).toBe('slipway-state');
    expect(names).not.toContain('slipway-compose-look');
    expect(session.calls.some((call) => call.words[0] === 'sh' && call.words.length === 3 && /docker compose version/.test(call.words[2] ?? ''))).toBe(false);
    expect(names[names.length - 1]).toBe('slipway-close');
  });
});
