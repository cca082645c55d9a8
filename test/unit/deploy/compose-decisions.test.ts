import { MemoryLogger } from '../../../src/core/log.js';
import { composeDeploy, composeRollback } from '../../../src/deploy/compose.js';
import { RolledBackError } from '../../../src/deploy/host-run.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';
import { FakeComposeHost, type FakeComposeHostOptions } from '../../support/fake-compose-host.js';
import { argvStartsWith, snippet, valueAfter } from '../../support/recording-session.js';

const STATE = '/srv/app/.slipway/compose-default-web.state';
const OVERRIDE = '/srv/app/.slipway/compose-default-web.override.json';
const PINNED = 'slipway-rollback:app-web';

function settings(over: Partial<ComposeDeploySettings> & { image?: string } = {}): ComposeDeploySettings {
  const { image, ...rest } = over;
  return {
    strategy: 'compose', mode: 'deploy', appDir: '/srv/app', version: '2', env: {}, batchSize: 0, lockTimeoutMs: 1000, lockStaleAfterMs: 60_000,
    health: { timeoutMs: 5000 }, ssh: { targets: [] } as unknown as ComposeDeploySettings['ssh'],
    compose: { files: ['docker-compose.yml'], service: 'web', image, pull: true },
    ...rest,
  };
}

function hostWith(options: FakeComposeHostOptions, state: Record<string, string>) {
  const host = new FakeComposeHost(options);
  host.session.files.set(STATE, Object.entries(state).map(([k, v]) => `${k}=${v}\n`).join(''));
  const run = (over: Parameters<typeof settings>[0]) => ({ session: host.session, settings: settings(over), appDir: '/srv/app', index: 0, log: new MemoryLogger() });
  return { host, run };
}

describe('compose strategy decisions (recorded session)', () => {
  it('rolls a moving tag that moved to a broken image back to the bytes that ran, by image ID, not by the tag', async () => {
    const { host, run } = hostWith(
      { images: { 'app:latest': 'sha256:old' }, running: 'app:latest', pulls: { 'app:latest': 'sha256:new' }, unhealthy: ['sha256:new'] },
      { image: 'app:latest', image_id: 'sha256:old', version: '1' },
    );
    const failed = await composeDeploy(run({ image: 'app:latest', version: '2' })).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RolledBackError);
    expect((failed as RolledBackError).versions).toEqual({ serving: '1', failed: '2' });
    // Pinned before the pull could move the tag.
    const tagged = host.session.indexOf(snippet('slipway-compose-prepare', 'sha256:old', PINNED));
    expect(tagged).toBeGreaterThanOrEqual(0);
    expect(tagged).toBeLessThan(host.session.indexOf(['docker', 'compose', '--project-directory', '/srv/app']));
    expect(host.running).toEqual({ image: PINNED, id: 'sha256:old' });
    expect(host.state(STATE)).toMatchObject({ image: 'app:latest', image_id: 'sha256:old', version: '1', status: 'rolled-back' });
  });

  it('records what ran before as the rollback target after a healthy deploy, with the exact image ID', async () => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:1' }, { image: 'app:1', image_id: 'sha256:one', version: '1' });
    await expect(composeDeploy(run({ image: 'app:2' }))).resolves.toMatchObject({ version: '2', previous: '1', changed: true });
    expect(host.state(STATE)).toEqual({
      image: 'app:2', image_id: 'sha256:two', version: '2', previous_image: 'app:1', previous_image_id: 'sha256:one', previous_version: '1', status: 'deployed',
    });
    const up = host.session.ran(['docker', 'compose']).find((argv) => argv.includes('up')) ?? [];
    // Each flag with its own value: the user's file, then Slipway's override last.
    expect(valueAfter(up, '--project-directory')).toBe('/srv/app');
    expect(valueAfter(up, '-f')).toBe('/srv/app/docker-compose.yml');
    expect(up.slice(-5)).toEqual(['-f', OVERRIDE, 'up', '-d', '--remove-orphans']);
  });

  it('keeps the earlier rollback target on a redeploy of what already runs', async () => {
    const { host, run } = hostWith(
      { images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:2' },
      { image: 'app:2', image_id: 'sha256:two', version: '2', previous_image: 'app:1', previous_image_id: 'sha256:one', previous_version: '1' },
    );
    await composeDeploy(run({ image: 'app:2' }));
    expect(host.state(STATE)).toMatchObject({ image: 'app:2', previous_image: 'app:1', previous_image_id: 'sha256:one', previous_version: '1', status: 'deployed' });
  });

  it.each([
    { when: 'the recorded image ID is still on the host', images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, runs: { image: PINNED, id: 'sha256:one' } },
    { when: 'an older state file only has the reference', images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, runs: { image: 'app:1', id: 'sha256:one' }, noId: true },
  ])('rolls back to the previous image when $when', async ({ images, runs, noId }) => {
    const { host, run } = hostWith({ images, running: 'app:2' }, {
      image: 'app:2', image_id: 'sha256:two', version: '2', previous_image: 'app:1', ...(noId ? {} : { previous_image_id: 'sha256:one' }), previous_version: '1',
    });
    await expect(composeRollback(run({ mode: 'rollback' }))).resolves.toEqual({ version: '1', previous: '2', changed: true });
    expect(host.running).toEqual(runs);
    expect(host.state(STATE)).toMatchObject({ image: 'app:1', version: '1', previous_image: 'app:2', previous_image_id: 'sha256:two', previous_version: '2', status: 'rolled-back' });
    expect(host.tags).toEqual(noId ? [] : [{ id: 'sha256:one', tag: PINNED }]);
  });

  it('refuses a rollback whose recorded image is gone, before anything is brought up', async () => {
    const { host, run } = hostWith({ images: { 'app:2': 'sha256:two' }, running: 'app:2' }, {
      image: 'app:2', image_id: 'sha256:two', version: '2', previous_image: 'app:1', previous_image_id: 'sha256:one', previous_version: '1',
    });
    await expect(composeRollback(run({ mode: 'rollback' }))).rejects.toThrow(/the previous image sha256:one is no longer on the host/);
    expect(host.session.ran(['docker', 'compose'])).toEqual([]);
    expect(host.running).toEqual({ image: 'app:2', id: 'sha256:two' });
  });

  /** What each remote call was: a snippet by its `$0` name, else the command's first words. */
  const steps = (host: FakeComposeHost): string[] => host.session.calls.map((call) => (call.words[0] === 'sh' ? call.words[3] ?? '' : call.words.slice(0, 2).join(' ')));

  it.each([
    { mode: 'the override', options: {}, env: undefined },
    { mode: 'image-variable', options: { imageFromEnv: { variable: 'TAG', prefix: 'app:' } }, env: 'PORT=1\nTAG=1\n' },
  ])('takes one remote round trip a phase on a healthy deploy with $mode, run on its own: look, prepare, pull, up, one health poll, the state', async ({ options, env }) => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:1', ...options }, { image: 'app:1', image_id: 'sha256:one', version: '1' });
    if (env) host.session.files.set('/srv/app/.env', env);
    const compose = { files: ['docker-compose.yml'], service: 'web', image: 'app:2', pull: true, ...(env ? { imageVariable: 'TAG' } : {}) };
    await composeDeploy(run({ image: 'app:2', compose }));
    // Without a fleet the state is the strategy's own closing step (RECORD_STATE_SCRIPT).
    expect(steps(host)).toEqual(['slipway-compose-look', 'slipway-compose-prepare', 'docker compose', 'docker compose', 'slipway-compose-poll', 'slipway-closing']);
    expect(host.state(STATE)).toMatchObject({ image: 'app:2', image_id: 'sha256:two', previous_image: 'app:1', previous_image_id: 'sha256:one', status: 'deployed' });
  });

  it('rolls back a red deploy in four more round trips: point back, up, one health poll, the state', async () => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:1', unhealthy: ['sha256:two'] }, { image: 'app:1', image_id: 'sha256:one', version: '1' });
    await expect(composeDeploy(run({ image: 'app:2' }))).rejects.toBeInstanceOf(RolledBackError);
    expect(steps(host)).toEqual([
      'slipway-compose-look', 'slipway-compose-prepare', 'docker compose', 'docker compose', 'slipway-compose-poll',
      'slipway-compose-prepare', 'docker compose', 'slipway-compose-poll', 'slipway-closing',
    ]);
    expect(host.state(STATE)).toMatchObject({ image: 'app:1', image_id: 'sha256:one', version: '1', status: 'rolled-back' });
  });

  it('rolls back (mode rollback) in one round trip a phase: look, prepare, up, one health poll, the state', async () => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:2' }, {
      image: 'app:2', image_id: 'sha256:two', version: '2', previous_image: 'app:1', previous_image_id: 'sha256:one', previous_version: '1',
    });
    await composeRollback(run({ mode: 'rollback' }));
    expect(steps(host)).toEqual(['slipway-compose-look', 'slipway-compose-prepare', 'docker compose', 'slipway-compose-poll', 'slipway-closing']);
  });

  it.each([
    { mode: 'the override', options: {}, env: undefined },
    { mode: 'image-variable', options: { imageFromEnv: { variable: 'TAG', prefix: 'app:' } }, env: 'PORT=1\nTAG=1\n' },
  ])('cancelled after the pull, before up ($mode): nothing is brought up, the service is pointed back and the state put back in one step', async ({ options, env }) => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:1', ...options }, { image: 'app:1', image_id: 'sha256:one', version: '1' });
    if (env) host.session.files.set('/srv/app/.env', env);
    const before = host.session.files.get(STATE);
    const cancel = new AbortController();
    host.session.on(['docker', 'compose'], (call) => (call.words.includes('pull') ? (cancel.abort(), {}) : undefined));
    const compose = { files: ['docker-compose.yml'], service: 'web', image: 'app:2', pull: true, ...(env ? { imageVariable: 'TAG' } : {}) };
    await expect(composeDeploy({ ...run({ image: 'app:2', compose }), signal: cancel.signal })).rejects.toThrow(/cancelled/);
    expect(host.session.ran(['docker', 'compose']).filter((argv) => argv.includes('up'))).toEqual([]);
    expect(host.running).toEqual({ image: 'app:1', id: 'sha256:one' });
    expect(host.session.files.get(STATE)).toBe(before);
    if (env) expect(host.session.files.get('/srv/app/.env')).toBe(env);
    else expect(host.session.files.get(OVERRIDE)).toContain(`"image": "${PINNED}"`);
    expect(steps(host).slice(-2)).toEqual([env ? 'slipway-env-file' : 'docker compose', 'slipway-compose-prepare']);
  });

  it('writes the override atomically before the pull, so a cut connection leaves the old or the new file', async () => {
    const { host, run } = hostWith({ images: { 'app:1': 'sha256:one', 'app:2': 'sha256:two' }, running: 'app:1' }, {});
    await composeDeploy(run({ image: 'app:2' }));
    // The prepare step writes each file to a temp file and renames it (PREPARE_SCRIPT; run for real in commands.test.ts).
    const write = host.session.calls.findIndex((call) => argvStartsWith(call.words, snippet('slipway-compose-prepare')) && call.words.includes(OVERRIDE));
    expect(write).toBeGreaterThanOrEqual(0);
    expect(host.session.files.get(OVERRIDE)).toContain('"image": "app:2"');
    expect(write).toBeLessThan(host.session.indexOf(['docker', 'compose']));
  });
});
