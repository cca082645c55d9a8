import type { FlowContext } from '../../../src/core/context.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import type { ScriptDeploySettings } from '../../../src/deploy/strategies/script.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { FakeComposeHost } from '../../support/fake-compose-host.js';
import { closeAnswer, closeCall, lockAnswer, RecordingSession, snippet } from '../../support/recording-session.js';

// One remote round trip per phase of a compose or script deploy run by the fleet (issue 20): the lock's
// round trip checks app-dir and carries the strategy's look; the last one carries the strategy's closing
// step (compose: the state), the deploy-log line and the lock release.

const STATE = '/srv/app/.slipway/compose-default-web.state';
const target = (host: string): SshTarget => ({ host, port: 22, user: 'deploy' } as SshTarget);
const base = (hosts: string[]) => ({
  appDir: '/srv/app', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
  health: { timeoutMs: 5000 }, ssh: { targets: hosts.map(target) } as unknown as ComposeDeploySettings['ssh'],
});

function compose(over: Partial<ComposeDeploySettings> = {}, hosts = ['h1.example']): ComposeDeploySettings {
  return { ...base(hosts), mode: 'deploy', version: '2', strategy: 'compose', compose: { files: ['docker-compose.yml'], service: 'web', image: 'app:2', pull: true }, ...over };
}

function script(over: Partial<ScriptDeploySettings> = {}): ScriptDeploySettings {
  return { ...base(['h1.example']), mode: 'deploy', version: '2', strategy: 'script', script: './deploy.sh', shell: 'sh', createAppDir: false, ...over };
}

const context = (log = new MemoryLogger()): FlowContext => ({
  runner: new RecordingRunner(), log, env: {}, workDir: '/nonexistent',
  platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false } as FlowContext['platform'], cache: undefined as unknown as FlowContext['cache'],
});

/** A compose host running app:1 (recorded), with app:2 healthy unless `broken`; `previous`: app:1 replaced app:0 before. */
function composeHost(name = 'h1.example', options: { broken?: boolean; runs?: 'app:1' | 'app:2' } = {}): FakeComposeHost {
  const runs = options.runs ?? 'app:1';
  const host = new FakeComposeHost({
    images: { 'app:1': 'sha256:one', 'app:2': options.broken ? 'sha256:two-broken' : 'sha256:two' }, running: runs, unhealthy: ['sha256:two-broken'], target: { host: name },
  });
  host.session.files.set(STATE, runs === 'app:2'
    ? 'image=app:2\nimage_id=sha256:two\nversion=2\nprevious_image=app:1\nprevious_image_id=sha256:one\nprevious_version=1\n'
    : 'image=app:1\nimage_id=sha256:one\nversion=1\n');
  return host;
}

/** Each remote call by its `$0` name (a snippet) or its first two words. */
const steps = (session: RecordingSession): string[] => session.calls.map((call) => (call.words[0] === 'sh' ? call.words[3] ?? '' : call.words.slice(0, 2).join(' ')));

const deploy = (settings: ComposeDeploySettings | ScriptDeploySettings, hosts: Map<string, RecordingSession>, log?: MemoryLogger) =>
  deployFleet(settings, context(log), { openSession: async (t) => hosts.get(t.host) as RecordingSession });

describe('a compose deploy run by the fleet makes one remote round trip per phase', () => {
  it('a healthy deploy: lock + app-dir + look, prepare, pull, up, one health poll, state + log + unlock (6; 10 before)', async () => {
    const host = composeHost();
    const result = await deploy(compose(), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]).toMatchObject({ status: 'deployed', version: '2', previous: '1' });
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-compose-prepare', 'docker compose', 'docker compose', 'slipway-compose-poll', 'slipway-close']);
    // The look ran in the lock's round trip, after the lock (LOOK_SCRIPT's separator is its first argument after app-dir).
    const [lock] = host.session.calls;
    expect(lock?.words[6]).toBe('/srv/app');
    expect(lock?.words[7]).toMatch(/^slipway-[0-9a-f]{24}$/);
    // The state a rollback reads is written in the last round trip, from stdin (never argv), before the release.
    const close = host.session.calls[5];
    expect(closeCall(close?.words ?? []).closing).toEqual([STATE]);
    expect(close?.options.stdin).toMatch(/^image=app:2\nimage_id=sha256:two\nversion=2\nprevious_image=app:1\n/);
    expect(close?.words[2]).toMatch(/cat > "\$1\.tmp" && mv -f "\$1\.tmp" "\$1"[\s\S]*slipway-closed[\s\S]*rm -rf/);
    expect(host.state(STATE)).toMatchObject({ image: 'app:2', image_id: 'sha256:two', previous_image: 'app:1', status: 'deployed' });
    expect(host.log).toEqual([expect.stringMatching(/\tdeploy\tcompose\tversion=2\tprevious=1\tresult=deployed\t/)]);
    expect(host.locked).toBe(false);
  });

  it('a red deploy rolled back: three more round trips (point back, up, one health poll); the rolled-back state rides with the log line (9; 13 before)', async () => {
    const host = composeHost('h1.example', { broken: true });
    const result = await deploy(compose(), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]?.status).toBe('rolled-back');
    expect(steps(host.session)).toEqual([
      'slipway-lock', 'slipway-compose-prepare', 'docker compose', 'docker compose', 'slipway-compose-poll',
      'slipway-compose-prepare', 'docker compose', 'slipway-compose-poll', 'slipway-close',
    ]);
    expect(host.running?.id).toBe('sha256:one');
    expect(host.state(STATE)).toMatchObject({ image: 'app:1', image_id: 'sha256:one', version: '1', status: 'rolled-back' });
    expect(host.log).toEqual([expect.stringMatching(/\tresult=rolled-back\t/)]);
    expect(host.locked).toBe(false);
  });

  it('mode rollback: lock + look, prepare, up, one health poll, state + log + unlock (5; 9 before)', async () => {
    const host = composeHost('h1.example', { runs: 'app:2' });
    const result = await deploy(compose({ mode: 'rollback', version: 'previous' }), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]).toMatchObject({ status: 'rolled-back', version: '1', previous: '2' });
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-compose-prepare', 'docker compose', 'slipway-compose-poll', 'slipway-close']);
    expect(host.state(STATE)).toMatchObject({ image: 'app:1', previous_image: 'app:2', status: 'rolled-back' });
    expect(host.locked).toBe(false);
  });

  it('a state write that fails fails the host as before: its message, the log line says failed, the lock is released, the run fails', async () => {
    const host = composeHost();
    host.unwritable.add(STATE);
    const log = new MemoryLogger();
    const result = await deploy(compose(), new Map([['h1.example', host.session]]), log);
    expect(result.ok).toBe(false);
    expect(result.hosts[0]).toMatchObject({ status: 'failed', changed: true });
    expect(result.hosts[0]?.message).toMatch(/could not record the deployed state in \/srv\/app\/\.slipway\/compose-default-web\.state \(mv: cannot move .* No space left on device\)/);
    expect(host.log).toEqual([expect.stringMatching(/\tresult=failed\t/)]);
    expect(host.locked).toBe(false);
  });

  it.each([
    { when: 'the connection is lost before the last round trip', cut: (host: FakeComposeHost) => host.session.on(snippet('slipway-compose-poll'), () => {
      host.session.alive = false;
      return { stdout: 'running||app:2|sha256:two\n' };
    }) },
    { when: 'the last round trip does not answer', cut: (host: FakeComposeHost) => host.session.on(snippet('slipway-close'), { exitCode: 255, stderr: 'Connection reset' }) },
  ])('a state never written ($when) fails the host, never reported deployed', async ({ cut }) => {
    const host = composeHost();
    cut(host);
    const result = await deploy(compose(), new Map([['h1.example', host.session]]));
    expect(result.ok).toBe(false);
    expect(result.hosts[0]?.status).toBe('failed');
    expect(result.hosts[0]?.message).toMatch(/could not record the deployed state in \/srv\/app\/\.slipway\/compose-default-web\.state/);
    expect(result.hosts[0]?.message).toMatch(/\(no answer \(exit 255\)\)/);
  });

  it('in a batch of several hosts the state is written in a round trip of its own, so a failed write still reverts the other hosts', async () => {
    const a = composeHost('a');
    const b = composeHost('b');
    b.unwritable.add(STATE);
    const result = await deploy(compose({}, ['a', 'b']), new Map([['a', a.session], ['b', b.session]]));
    expect(result.hosts.map((h) => h.status)).toEqual(['reverted', 'failed']);
    expect(result.hosts[1]?.message).toMatch(/could not record the deployed state/);
    expect(a.running?.id).toBe('sha256:one');
    // a: its deploy's state write (own round trip), then the revert's look, prepare, up, poll, state, then log + unlock.
    expect(steps(a.session).filter((step) => step === 'slipway-closing')).toHaveLength(2);
    expect(closeCall(a.session.ran(snippet('slipway-close'))[0] ?? []).closing).toEqual([]);
    expect([a.locked, b.locked]).toEqual([false, false]);
    expect(a.log).toEqual([expect.stringMatching(/\tresult=reverted\t/)]);
  });

  it('a look that fails in the lock\'s round trip fails the host naming it, and the lock taken with it is released', async () => {
    const host = composeHost();
    host.session.on(snippet('slipway-lock'), (call) => {
      host.locked = true;
      return { ...lockAnswer('', 1), stderr: call.words.length > 7 ? 'Cannot connect to the Docker daemon' : '' };
    });
    const result = await deploy(compose(), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]?.status).toBe('failed');
    expect(result.hosts[0]?.message).toMatch(/the look at the host, in the lock's round trip, failed with exit 1 \(Cannot connect to the Docker daemon\)/);
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-close']);
    expect(host.locked).toBe(false);
  });
});

describe('a script deploy run by the fleet makes one remote round trip per phase', () => {
  /** A host whose deploy log and lock are recorded (the release rides in slipway-close). */
  function scriptHost(): { session: RecordingSession; log: string[] } {
    const session = new RecordingSession();
    const log: string[] = [];
    session.on(snippet('slipway-close'), (call) => {
      log.push(closeCall(call.words).line);
      return closeAnswer();
    });
    return { session, log };
  }

  it.each([
    { when: 'app-dir must exist', createAppDir: false, first: /^\[ -d "\$3" \] \|\| exit 5\n/ },
    { when: 'create-app-dir makes it', createAppDir: true, first: /^mkdir -p -- "\$3" \|\| exit 6\n/ },
  ])('$when: app-dir + lock, the script, log + unlock (3; 5 before)', async ({ createAppDir, first }) => {
    const host = scriptHost();
    const result = await deploy(script({ createAppDir }), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]?.status).toBe('deployed');
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-script', 'slipway-close']);
    expect(host.session.calls[0]?.words[2]).toMatch(first);
    expect(host.session.calls[0]?.options.label).toBe(`ssh h1.example: ${createAppDir ? 'create' : 'check'} app-dir, take deploy lock`);
    expect(host.log).toEqual([expect.stringMatching(/\tdeploy\tscript\tversion=2\tprevious=-\tresult=deployed\t/)]);
  });

  it.each([
    { exit: 5, message: /missing on the host: app-dir \(\/srv\/app\)/ },
    { exit: 6, message: /could not create app-dir \/srv\/app \(mkdir: Permission denied\)/ },
  ])('app-dir refused in the lock\'s round trip (exit $exit): nothing else runs, no lock to release', async ({ exit, message }) => {
    const host = scriptHost();
    host.session.on(snippet('slipway-lock'), { exitCode: exit, stderr: 'mkdir: Permission denied' });
    const result = await deploy(script({ createAppDir: exit === 6 }), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]?.message).toMatch(message);
    expect(steps(host.session)).toEqual(['slipway-lock']);
  });

  it('a failed script: the log line says failed and the lock is released in the same one round trip', async () => {
    const host = scriptHost();
    host.session.on(snippet('slipway-script'), { exitCode: 2, stderr: 'boom' });
    const result = await deploy(script(), new Map([['h1.example', host.session]]));
    expect(result.hosts[0]?.status).toBe('failed');
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-script', 'slipway-close']);
    expect(host.log).toEqual([expect.stringMatching(/\tresult=failed\t/)]);
  });

  it('a cancel before the script starts runs nothing more than the lock\'s round trip and its release', async () => {
    const host = scriptHost();
    const cancel = new AbortController();
    host.session.on(snippet('slipway-lock'), () => {
      cancel.abort();
      return {};
    });
    const result = await deployFleet(script(), { ...context(), signal: cancel.signal }, { openSession: async () => host.session });
    expect(result.hosts[0]?.status).toBe('cancelled');
    expect(steps(host.session)).toEqual(['slipway-lock', 'slipway-close']);
    expect(host.log).toEqual([expect.stringMatching(/\tresult=cancelled\t/)]);
  });
});
