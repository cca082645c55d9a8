import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FlowContext } from '../../../src/core/context.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import { parseLook, LOOK } from '../../../src/deploy/release-remote.js';
import type { ReleaseDeploySettings, ReleaseSettings } from '../../../src/deploy/strategies/release.js';
import type { SshTarget } from '../../../src/ssh/target.js';
import { LocalShellSession } from '../../support/local-shell-session.js';

// The release strategy's phase scripts run for real by the local sh on a temp app-dir (the "host"
// is this machine, no SSH): what each round trip does to the tree, and that remote text stays inert.

const roots: string[] = [];
afterAll(() => { for (const root of roots) fs.rmSync(root, { recursive: true, force: true }); });

/** An app-dir laid out like seed 002: shared/.env, releases Slipway made (one per day), `current` on the newest. */
function appDir(releases: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rz-release-unit-'));
  roots.push(root);
  const app = path.join(root, 'app');
  fs.mkdirSync(path.join(app, 'shared'), { recursive: true });
  fs.writeFileSync(path.join(app, 'shared', '.env'), 'A=1\n');
  for (const [name, version] of Object.entries(releases)) {
    fs.mkdirSync(path.join(app, 'releases', name), { recursive: true });
    fs.writeFileSync(path.join(app, 'releases', name, '.slipway-version'), `${version}\n`);
  }
  const names = Object.keys(releases).sort();
  if (names.length) fs.symlinkSync(`releases/${names[names.length - 1]}`, path.join(app, 'current'));
  return app;
}

function artifact(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rz-release-artifact-${version}-`));
  roots.push(dir);
  fs.writeFileSync(path.join(dir, 'index.html'), version);
  return dir;
}

function settings(app: string, version: string, release: Partial<ReleaseSettings> = {}, mode: 'deploy' | 'rollback' = 'deploy'): ReleaseDeploySettings {
  return {
    mode, appDir: app, version, env: { DEPLOY_TOKEN: 'x' }, batchSize: 0, lockTimeoutMs: 0, lockStaleAfterMs: 3600_000,
    health: { timeoutMs: 1000 }, ssh: { targets: [{ host: 'local', port: 22, user: 'deploy' } as SshTarget] } as unknown as ReleaseDeploySettings['ssh'], strategy: 'release',
    release: {
      artifact: mode === 'deploy' ? artifact(version) : undefined, shared: ['.env'], prePromote: ['test -L .env && echo "migrated $APP_VERSION" > migrated.txt'],
      // A restart that refuses a release holding `refuse-restart`, and notes which release it restarted.
      restart: [`readlink "${app}/current" >> "${app}/restarts"; test ! -e "${app}/current/refuse-restart" || { echo refused >&2; exit 7; }`],
      keep: 3, lockFile: '.deploy.lock', deployLog: 'deploy.log', ...release,
    },
  };
}

const context = (log = new MemoryLogger()): FlowContext => ({
  runner: new RecordingRunner(), log, env: {}, workDir: '/nonexistent',
  platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false } as FlowContext['platform'], cache: undefined as unknown as FlowContext['cache'],
});

async function deploy(s: ReleaseDeploySettings, log?: MemoryLogger) {
  const session = new LocalShellSession();
  const result = await deployFleet(s, context(log), { openSession: async () => session });
  return { result, session, host: result.hosts[0] };
}

const current = (app: string) => fs.readlinkSync(path.join(app, 'current'));
const releases = (app: string) => fs.readdirSync(path.join(app, 'releases')).sort();

describe('release phase scripts on a real sh (this machine as the host)', () => {
  it('deploys in 5 round trips: the release uploaded, version written, shared linked relatively, migrated, switched, restarted, pruned, logged, unlocked', async () => {
    const app = appDir({ '20261101T000000Z': 'v0', '20261102T000000Z': 'v1', '20261103T000000Z': 'v2' });
    const log = new MemoryLogger();
    const { result, session } = await deploy(settings(app, 'v3'), log);
    expect(result.hosts[0]?.status).toBe('deployed');
    expect(session.roundTrips()).toBe(5);
    const name = current(app).replace(/^releases\//, '');
    expect(name).toMatch(/^\d{8}T\d{6}Z$/);
    const dir = path.join(app, 'releases', name);
    expect(fs.readFileSync(path.join(dir, '.slipway-version'), 'utf8')).toBe('v3\n');
    expect(fs.readlinkSync(path.join(dir, '.env'))).toBe('../../shared/.env');
    expect(fs.readFileSync(path.join(dir, 'migrated.txt'), 'utf8')).toBe('migrated v3\n');
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('v3');
    expect(fs.readFileSync(path.join(app, 'restarts'), 'utf8')).toBe(`releases/${name}\n`);
    // keep-releases 3: the oldest went.
    expect(releases(app)).toEqual(['20261102T000000Z', '20261103T000000Z', name]);
    expect(log.text()).toMatch(/removed releases\/20261101T000000Z/);
    expect(fs.readFileSync(path.join(app, 'deploy.log'), 'utf8')).toMatch(/^\S+\tdeploy\trelease\tversion=v3\tprevious=v2\tresult=deployed\tby=.*\n$/);
    expect(fs.existsSync(path.join(app, '.deploy.lock'))).toBe(false);
    expect(fs.existsSync(path.join(app, '.slipway'))).toBe(false);
  });

  it('a release whose restart fails is switched back, the old one restarted, and marked failed in the closing round trip (6)', async () => {
    const app = appDir({ '20261102T000000Z': 'v1', '20261103T000000Z': 'v2' });
    const s = settings(app, 'v3');
    fs.writeFileSync(path.join(s.release.artifact ?? '', 'refuse-restart'), '');
    const { host, session } = await deploy(s);
    expect(host?.status).toBe('rolled-back');
    expect(host?.message).toMatch(/restart command `.*` failed with exit 7 \(refused\)\); rolled back, the old release v2 is serving again/);
    expect(session.roundTrips()).toBe(6);
    expect(current(app)).toBe('releases/20261103T000000Z');
    const failed = releases(app).filter((name) => name.endsWith('.failed'));
    expect(failed).toHaveLength(1);
    expect(fs.readFileSync(path.join(app, 'restarts'), 'utf8').split('\n').filter(Boolean)).toEqual([`releases/${failed[0]?.replace(/\.failed$/, '')}`, 'releases/20261103T000000Z']);
    expect(fs.readFileSync(path.join(app, 'deploy.log'), 'utf8')).toMatch(/\tresult=rolled-back\t/);
    expect(fs.existsSync(path.join(app, '.deploy.lock'))).toBe(false);

    // And a rollback then goes to the release before v2, past the failed one: 3 round trips.
    const back = await deploy(settings(app, '', {}, 'rollback'));
    expect(back.host).toMatchObject({ status: 'rolled-back', version: 'v1', previous: 'v2' });
    expect(back.session.roundTrips()).toBe(3);
    expect(current(app)).toBe('releases/20261102T000000Z');
    expect(releases(app)).toContain('20261103T000000Z.rolled-back');
  });

  it('refuses while the team\'s lock file is held, and when app-dir is missing, without writing anything', async () => {
    const app = appDir({ '20261103T000000Z': 'v2' });
    fs.writeFileSync(path.join(app, '.deploy.lock'), 'pid=4242 user=piotr\n');
    const tree = () => fs.readdirSync(app, { recursive: true }).map(String).sort();
    const before = tree();
    const { host, session } = await deploy(settings(app, 'v3'));
    expect(host?.message).toMatch(/\.deploy\.lock exists and was not written by Slipway/);
    expect(session.roundTrips()).toBe(1);
    expect(tree()).toEqual(before);
    expect(fs.readFileSync(path.join(app, '.deploy.lock'), 'utf8')).toBe('pid=4242 user=piotr\n');

    const gone = path.join(path.dirname(app), 'gone');
    const missing = await deploy(settings(gone, 'v3'));
    expect(missing.host?.message).toMatch(/missing on the host: app-dir \(.*\/gone\)/);
    expect(fs.existsSync(gone)).toBe(false);
  });

  it('a failed pre-promote command leaves current alone and its release marked failed; its own message and exit code', async () => {
    const app = appDir({ '20261103T000000Z': 'v2' });
    const { host } = await deploy(settings(app, 'v3', { prePromote: ['echo no database >&2; exit 9'] }));
    expect(host?.status).toBe('failed');
    expect(host?.message).toMatch(/`pre-promote on h1\.example: echo no database >&2; exit 9` exited with code 9:\nno database/);
    expect(current(app)).toBe('releases/20261103T000000Z');
    expect(releases(app).filter((name) => name.endsWith('.failed'))).toHaveLength(1);
    expect(fs.existsSync(path.join(app, '.deploy.lock'))).toBe(false);
  });

  it('reads the host with every line under its own tag: a version file or a release name cannot pass for another line', () => {
    const app = appDir({ '20261103T000000Z': 'v2\ncurrent evil\nrelease evil' });
    fs.mkdirSync(path.join(app, 'releases', 'odd\ncurrent evil'));
    fs.mkdirSync(path.join(app, '.slipway'));
    fs.writeFileSync(path.join(app, '.slipway', 'release.state'), 'served.20261103T000000Z=team-1\n');
    const session = new LocalShellSession();
    return session.exec(['sh', '-c', LOOK, 'slipway-look', app, '0', path.join(app, '.slipway', 'release.state'), '1', 'missing.env']).then((result) => {
      const look = parseLook(result.stdout);
      expect(look).toMatchObject({ complete: true, current: '20261103T000000Z', names: ['20261103T000000Z'], missingShared: [0], state: { 'served.20261103T000000Z': 'team-1' } });
      expect(look.versions.get('20261103T000000Z')).toBe('v2');
      // Not a deploy (the second argument): releases/ is not made, nothing else written.
      expect(fs.readdirSync(app).sort()).toEqual(['.slipway', 'current', 'releases', 'shared']);
    });
  });
});
