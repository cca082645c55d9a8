import { MemoryLogger } from '../../../src/core/log.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import { zeroDowntimeDeploy } from '../../../src/deploy/zero-downtime/deploy.js';
import type { ZeroDowntimeSettings } from '../../../src/deploy/zero-downtime/settings.js';
import { RecordingSession, snippet, valueAfter } from '../../support/recording-session.js';

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
  session.on(['sh', '-c', /docker compose version/], { stdout: 'v2' });
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
