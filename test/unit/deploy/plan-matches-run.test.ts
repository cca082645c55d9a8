import fs from 'node:fs';
import http from 'node:http';
import { jest } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { shellJoin } from '../../../src/core/command.js';
import { MemoryLogger } from '../../../src/core/log.js';
import type { DeploySettings } from '../../../src/deploy/settings.js';
import { strategyFor } from '../../../src/deploy/strategies/index.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import type { ZeroDowntimeSettings } from '../../../src/deploy/zero-downtime/settings.js';
import { planDeploy } from '../../../src/pipeline/plan.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import type { FlowContext } from '../../../src/core/context.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { composeLookAnswer, FakeComposeHost } from '../../support/fake-compose-host.js';
import { FakeReleaseHost } from '../../support/fake-release-host.js';
import { closeAnswer, closeCall, RecordingSession, snippet, valueAfter, type ExecCall } from '../../support/recording-session.js';

// The dry run of each strategy lists the commands its run executes: each spec runs the strategy on a
// recorded session and compares what it ran with what `planDeploy` (the --dry-run plan) says.

const TARGET = { host: 'h1.example', port: 22, user: 'deploy' } as SshTarget;
const base = {
  mode: 'deploy' as const, appDir: '/srv/app', version: '3', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
  health: { timeoutMs: 5000 }, ssh: { targets: [TARGET] } as unknown as DeploySettings['ssh'],
};
const planOf = (settings: DeploySettings): string[] => planDeploy(settings).hosts[0]?.commands ?? [];
const run = (session: RecordingSession, settings: DeploySettings) =>
  strategyFor(settings)[settings.mode === 'rollback' ? 'rollback' : 'deploy']({ session, settings, appDir: '/srv/app', index: 0, log: new MemoryLogger() } as never);
const lines = (calls: string[][]): string[] => calls.map((words) => shellJoin(words));
const fleetContext = (): FlowContext => ({
  runner: new RecordingRunner(), log: new MemoryLogger(), env: {}, workDir: '/nonexistent',
  platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false } as FlowContext['platform'], cache: undefined as unknown as FlowContext['cache'],
});

describe('the dry run shows the commands each strategy really runs', () => {
  it.each(['deploy', 'rollback'] as const)('compose (%s): every compose command it ran is in the plan, in the same order', async (mode) => {
    const settings: ComposeDeploySettings = { ...base, mode, strategy: 'compose', compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:3', pull: true } };
    const host = new FakeComposeHost({ images: { 'app:2': 'sha256:two', 'app:3': 'sha256:three' }, running: 'app:2' });
    host.session.files.set('/srv/app/.slipway/compose-default-web.state', 'image=app:2\nimage_id=sha256:two\nversion=2\nprevious_image=app:3\nprevious_image_id=sha256:three\nprevious_version=3\n');
    await run(host.session, settings);
    const ran = lines(host.session.ran(['docker', 'compose']));
    expect(ran.length).toBeGreaterThan(0);
    const plan = planOf(settings);
    expect(plan.filter((line) => line.startsWith('docker compose '))).toEqual(ran);
  });

  it.each(['deploy', 'rollback'] as const)('compose (%s) run by the fleet: each round trip it made is a plan line, in the plan\'s order, the lock\'s with the look and the last with the state', async (mode) => {
    const settings: ComposeDeploySettings = { ...base, mode, strategy: 'compose', compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:3', pull: true } };
    const host = new FakeComposeHost({ images: { 'app:2': 'sha256:two', 'app:3': 'sha256:three' }, running: 'app:2' });
    const state = '/srv/app/.slipway/compose-default-web.state';
    host.session.files.set(state, 'image=app:2\nimage_id=sha256:two\nversion=2\nprevious_image=app:3\nprevious_image_id=sha256:three\nprevious_version=3\n');
    await expect(deployFleet(settings, fleetContext(), { openSession: async () => host.session })).resolves.toMatchObject({ ok: true });
    const plan = planOf(settings);
    const at = (start: string): number => plan.findIndex((line) => line.startsWith(start));
    const indexes = host.session.calls.map((call) => {
      const name = call.words[3];
      if (name === 'slipway-lock') return at('in one round trip: check app-dir /srv/app exists');
      if (name === 'slipway-compose-prepare') return mode === 'rollback' ? at('point web at the previous image') : at('tag the image web runs as');
      if (call.words[0] === 'docker') return plan.indexOf(shellJoin(call.words));
      // The containers' health polls follow `up` (the plan's health line is health-url's, unset here).
      if (name === 'slipway-compose-poll') return plan.findIndex((line) => line.endsWith(' up -d --remove-orphans')) + 0.5;
      if (name === 'slipway-close') return at(`in the last round trip: record in ${state} (atomically) what serves`);
      return -1;
    });
    expect(indexes.every((index) => index >= 0)).toBe(true);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    // The look the plan puts with the lock is the one the lock's round trip carried; the state the plan puts last, the last one's.
    expect(plan[at('in one round trip: check app-dir') + 2]).toMatch(/^with the lock, in the same round trip: look at the compose files/);
    expect(host.session.calls[0]?.words[2]).toContain('docker compose version');
    expect(closeCall(host.session.calls[host.session.calls.length - 1]?.words ?? []).closing).toEqual([state]);
    expect(plan[plan.length - 1]).toBe('in the last round trip: append to /srv/app/.slipway/deploy.log; release the lock');
  });

  it.each(['deploy', 'rollback'] as const)('compose with image-variable (%s): the plan names the env file it writes, and its compose commands carry no override', async (mode) => {
    const settings: ComposeDeploySettings = {
      ...base, mode, strategy: 'compose', compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:3', pull: true, imageVariable: 'TAG' },
    };
    const host = new FakeComposeHost({ images: { 'app:2': 'sha256:two', 'app:3': 'sha256:three' }, running: 'app:2', imageFromEnv: { variable: 'TAG', prefix: 'app:' } });
    host.session.files.set('/srv/app/.env', mode === 'deploy' ? 'PORT=1\nTAG=2\n' : 'PORT=1\nTAG=3\n');
    host.session.files.set('/srv/app/.slipway/compose-default-web.state',
      'image=app:3\nimage_id=sha256:three\nversion=3\nprevious_image=app:2\nprevious_image_id=sha256:two\nprevious_version=2\nenv_line=TAG=3\nprevious_env_line=TAG=2\n');
    await run(host.session, settings);
    expect(host.session.files.get('/srv/app/.env')).toBe(mode === 'deploy' ? 'PORT=1\nTAG=3\n' : 'PORT=1\nTAG=2\n');
    const ran = lines(host.session.ran(['docker', 'compose']));
    expect(ran.join('\n')).not.toContain('override');
    const plan = planOf(settings);
    expect(plan.filter((line) => line.startsWith('docker compose '))).toEqual(ran);
    // Besides Slipway's state, the one file written is the env file (no override).
    expect(host.writes.filter((file) => !file.startsWith('/srv/app/.slipway/'))).toEqual(['/srv/app/.env']);
    expect(plan.some((line) => line.includes('/srv/app/.env') && line.includes('TAG'))).toBe(true);
  });

  describe('compose with zero-downtime', () => {
    let server: http.Server;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((_request, response) => response.end('{"version":"3"}'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** A host where the plain compose service `app` serves on 8080 behind nginx. */
    function zeroDowntimeHost(): RecordingSession {
      const session = new RecordingSession().withFiles();
      const running = new Set(['app']);
      let upstream = 'server 127.0.0.1:8080;\n';
      session.on(snippet('slipway-check'), { stdout: '' });
      session.on(snippet('slipway-compose-look'), (call) => ({ stdout: composeLookAnswer(call.words.slice(4), 'app:2|sha256:two', session.files) }));
      session.on(['docker', 'ps'], (call) => {
        const project = valueAfter(call.words, '--filter')?.replace('label=com.docker.compose.project=', '') ?? '';
        return { stdout: running.has(project) ? `c-${project}\n` : '' };
      });
      session.on(['docker', 'inspect'], { stdout: 'app:2|sha256:two\n' });
      session.on(['docker', 'rm'], (call: ExecCall) => {
        for (const id of call.words.slice(3)) running.delete(id.replace(/^c-/, ''));
        return {};
      });
      session.on(['docker', 'compose'], (call) => {
        if (call.words.includes('config')) return { stdout: 'services:\n  web:\n    image: app:3\n    network_mode: host\n' };
        if (call.words.includes('up')) running.add(valueAfter(call.words, '-p') ?? '');
        return {};
      });
      session.on(['cat', '/etc/nginx/app.conf'], () => ({ stdout: upstream }));
      session.on(snippet('slipway-upstream'), (call) => {
        upstream = String(call.options.stdin);
        return {};
      });
      session.forward = async () => ({ localPort: port, close: async () => undefined });
      return session;
    }

    it('shows the copy started beside the old one with --no-deps, never `up -d --remove-orphans`', async () => {
      const zeroDowntime: ZeroDowntimeSettings = {
        ports: { first: 20080, last: 20089 }, portEnv: 'PORT', proxy: 'nginx', caddyAdmin: '127.0.0.1:2019', nginxUpstreamFile: '/etc/nginx/app.conf', nginxCommand: 'nginx',
        drainTimeoutMs: 1000, watchMs: 0, stopTimeoutS: 10,
      };
      const settings: ComposeDeploySettings = {
        ...base, strategy: 'compose', health: { url: 'http://127.0.0.1:8080/health', timeoutMs: 5000 },
        compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:3', pull: true }, zeroDowntime,
      };
      const session = zeroDowntimeHost();
      await expect(run(session, settings)).resolves.toMatchObject({ version: '3', changed: true });
      const plan = planOf(settings);
      expect(plan.filter((line) => line.startsWith('docker compose '))).toEqual(lines(session.ran(['docker', 'compose'])));
      expect(plan.join('\n')).not.toContain('--remove-orphans');
      // The old copy is stopped and removed as the plan says (the container IDs are only known on the host).
      const stop = session.ran(['docker', 'stop'])[0] ?? [];
      expect(plan).toContain(`docker stop -t ${valueAfter(stop, '-t')} <old copy's containers>`);
      expect(session.ran(['docker', 'rm', '-f'])).toHaveLength(1);
      expect(plan).toContain("docker rm -f <old copy's containers>");
      expect(plan).toContain('write /etc/nginx/app.conf: server 127.0.0.1:<new port>; then `nginx -t` and `nginx -s reload`');
      expect(session.ran(snippet('slipway-nginx', '-s', 'reload'))).toHaveLength(1);
    });
  });

  it('release: the pre-promote and restart commands it ran are the plan\'s, in order, in the round trips the plan names', async () => {
    const settings: DeploySettings = {
      ...base, strategy: 'release', release: { artifact: '/tmp/h18s-artifact/', shared: [], prePromote: ['make migrate', 'make assets'], restart: ['sudo -n systemctl restart app', 'true'], keep: 5 },
    };
    const host = new FakeReleaseHost();
    await run(host.session, settings);
    // The first pre-promote command rides in the release's own round trip (slipway-release), the others each in one of their own.
    const hooks = [...host.session.ran(snippet('slipway-release')).map((words) => words[8]), ...host.session.ran(snippet('slipway-hook')).map((words) => words[5])]
      .map((command) => `in the release: ${command}`);
    // The first restart command rides in the switch's round trip, the others each in one of their own.
    const restarts = [...host.session.ran(snippet('slipway-switch')).map((words) => words[7]), ...host.session.ran(['sh', '-c']).filter((words) => words.length === 3).map((words) => words[2])];
    expect(restarts).toEqual(settings.release.restart);
    const plan = planOf(settings);
    expect(plan.filter((line) => line.startsWith('in the release: '))).toEqual(hooks);
    expect(hooks).toEqual(['in the release: make migrate', 'in the release: make assets']);
    // Restarted after the switch, as the plan lists them: the first with the switch, then the others.
    const switched = plan.indexOf('in one round trip: switch /srv/app/current to the new release, then restart: sudo -n systemctl restart app');
    expect(switched).toBeGreaterThan(0);
    expect(plan.slice(switched + 1, switched + restarts.length)).toEqual(restarts.slice(1));
    expect(plan.indexOf('in one round trip: write the version into .slipway-version; then, in the release:')).toBe(plan.indexOf('in the release: make migrate') - 1);
  });

  it('release on a host with its own conventions: the plan names the lock file, the release name, the relative links and the deploy log the run uses', async () => {
    const settings: DeploySettings = {
      ...base, strategy: 'release', release: {
        artifact: '/tmp/h19r-artifact/', shared: ['backend/.env', '.env'], prePromote: [], restart: [], keep: 5, lockFile: '.deploy.lock', deployLog: 'deploy.log',
      },
    };
    // The host's releases are named 20261124T100000Z: the new one follows that style.
    const host = new FakeReleaseHost({ releases: { '20261124T100000Z': undefined }, current: '20261124T100000Z' });
    await run(host.session, settings);
    const plan = planOf(settings);
    // sh -c <script> slipway-release <token> <release dir> <version> <archive> <first pre-promote> then the path/target pairs.
    const link = host.session.ran(snippet('slipway-release'))[0] ?? [];
    const pairs = link.slice(9);
    expect(plan.some((line) => line.includes(`link shared (relative): ${[0, 2].map((i) => `${pairs[i]} -> ${pairs[i + 1]}`).join(', ')}`))).toBe(true);
    expect(pairs).toEqual(['backend/.env', '../../../shared/backend/.env', '.env', '../../shared/.env']);
    const uploadedTo = host.session.uploads[0]?.[1] ?? '';
    expect(uploadedTo).toMatch(/^\/srv\/app\/releases\/\d{8}T\d{6}Z\/$/);
    expect(link[5]).toBe(uploadedTo.replace(/\/$/, ''));
    expect(plan.some((line) => line.startsWith('upload /tmp/h19r-artifact/ to /srv/app/releases/<name: the host\'s existing releases\' style, else %Y%m%dT%H%M%SZ, UTC>'))).toBe(true);
    expect(plan).toContain('in one round trip: check app-dir /srv/app exists (nothing is made when it does not), then take the lock /srv/app/.deploy.lock (refused if it exists and Slipway did not write it)');
    expect(plan).toContain('with the lock, in the same round trip: check the shared files (shared/backend/.env, shared/.env); read current, releases/ and their versions; make releases/');
    expect(plan).toContain('in the last round trip: append to /srv/app/deploy.log; release the lock');
    expect(plan).toContain('in the last round trip: keep at most 5 release dirs, failed ones counted (the newest failed one kept)');
    expect(plan.indexOf('in the last round trip: keep at most 5 release dirs, failed ones counted (the newest failed one kept)')).toBe(plan.indexOf('in the last round trip: append to /srv/app/deploy.log; release the lock') - 1);
  });

  it.each([
    { name: 'an inline script under bash', part: { script: 'set -o pipefail; ./deploy.sh --fast', shell: 'bash', createAppDir: false } },
    { name: 'a script-file under sh, in an app-dir it creates', part: { script: '', shell: 'sh', createAppDir: true, scriptFile: '/workspace/scripts/deploy.sh' } },
  ])('script ($name): the plan shows the shell, the script and app-dir the run uses, one plan line per round trip of the fleet\'s run, in order', async ({ part }) => {
    const settings: DeploySettings = { ...base, strategy: 'script', ...part };
    const session = new RecordingSession();
    session.on(snippet('slipway-close'), closeAnswer());
    const readFile = jest.spyOn(fs.promises, 'readFile').mockResolvedValue('echo deployed\n' as never);
    try {
      await expect(deployFleet(settings, fleetContext(), { openSession: async () => session })).resolves.toMatchObject({ ok: true });
    } finally {
      readFile.mockRestore();
    }
    const [ran] = session.ran(snippet('slipway-script'));
    const [, , , , dir = '', shell = '', script = ''] = ran ?? [];
    expect(shell).toBe(part.shell);
    const plan = planOf(settings);
    const lock = part.createAppDir
      ? 'in one round trip: mkdir -p -- /srv/app, then take the lock /srv/app/.slipway/lock'
      : 'in one round trip: check app-dir /srv/app exists (nothing is made when it does not), then take the lock /srv/app/.slipway/lock';
    const last = 'in the last round trip: append to /srv/app/.slipway/deploy.log; release the lock';
    // Each remote round trip the run made, as the plan line that names it.
    const planned = session.calls.map((call) => {
      const name = call.words[3];
      if (name === 'slipway-lock') return lock;
      if (name === 'slipway-script-upload') return `upload ${part.scriptFile} to ${script} (over the same connection)`;
      if (name === 'slipway-script') return part.scriptFile ? `in ${dir}: ${shellJoin([shell, '-e', script])} (env on stdin), then remove it` : `in ${dir}: ${shellJoin([shell, '-e', '-c', script])}`;
      if (name === 'slipway-close') return last;
      return `(the removal of ${script}, in the script's plan line)`;
    });
    expect(plan.slice(1)).toEqual([...new Set(planned)].filter((line) => !line.startsWith('(')));
    // The lock's one round trip makes app-dir (create-app-dir) or checks it, nothing else before it.
    expect(session.calls[0]?.words[2]).toMatch(part.createAppDir ? /^mkdir -p -- "\$3" \|\| exit 6\n/ : /^\[ -d "\$3" \] \|\| exit 5\n/);
    expect(session.calls[0]?.words[6]).toBe('/srv/app');
    if (part.scriptFile) expect(session.ran(['rm', '-f', '--', script])).toHaveLength(1);
    else expect(plan.join('\n')).not.toContain('mkdir');
  });

  it('swarm (one service): the plan\'s `docker service update` is the argv the run sends to the manager', async () => {
    const image = `shop/web@sha256:${'b'.repeat(64)}`;
    const settings: DeploySettings = {
      ...base, strategy: 'swarm', swarm: { stack: 'shop', stackFile: 'docker-compose.yml', service: 'shop_web', image, parallelism: 1, timeoutMs: 1000, secrets: {} },
    };
    const session = new RecordingSession();
    let updated = false;
    session.on(['docker', 'info'], { stdout: '{"NodeID":"n1","LocalNodeState":"active","ControlAvailable":true}\n' });
    session.on(['docker', 'service', 'inspect'], () => (updated
      ? { exitCode: 1, stderr: 'stopped by the spec' }
      : { stdout: '[{"ID":"s1","Spec":{"Name":"shop_web","TaskTemplate":{"ContainerSpec":{"Image":"shop/web@sha256:old"}}}}]' }));
    session.on(['docker', 'service', 'update'], () => {
      updated = true;
      return {};
    });
    // The service inspect after the update fails, so the run ends there (the engine's wait is specified in test/unit/swarm).
    await expect(run(session, settings)).rejects.toThrow(/shop_web: not converged/);
    const update = session.ran(['docker', 'service', 'update']);
    expect(update).toHaveLength(1);
    expect(valueAfter(update[0] ?? [], '--image')).toBe(image);
    expect(planOf(settings)).toContain(shellJoin(update[0] ?? []));
  });
});
