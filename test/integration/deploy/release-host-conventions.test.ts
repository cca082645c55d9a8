import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIo } from '../../../src/cli/commands/command-io.js';
import { runHistoryCommand, runStatusCommand } from '../../../src/cli/commands/status.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { releaseLockWords } from '../../../src/deploy/lock.js';
import { parseDeployLogLine } from '../../../src/deploy/status.js';
import { hosts, httpGet, runner, sandbox, sshValues } from './support.js';

// A host laid out like seed 002 (LXC + systemd, atomic releases): the team's deploy.sh takes
// `.deploy.lock`, writes one line per deploy to `deploy.log`, names releases `20261124T100000Z`,
// links the shared env files relatively and keeps five releases. Slipway must fit that host as it is.

const [h1] = hosts;
const appDir = `${h1.baseDir}/h19r-innercontext`;
const PORT = 18919;
const server = 'slipway-it-h19r-release';
const TEAM_LOG = [
  '2026-11-24T10:00:00Z deploy all release=20261124T100000Z by=piotr ok',
  '2026-11-28T10:00:00Z deploy backend release=20261128T100000Z by=piotr ok',
  '',
].join('\n');
const OLD_RELEASES = ['20261124T100000Z', '20261125T100000Z', '20261127T100000Z', '20261128T100000Z'];
const SHARED = ['backend/.env', 'frontend/.env.production'];

function artifact(version: string, healthy = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `slipway-h19r-artifact-${version}-`));
  fs.mkdirSync(path.join(dir, 'backend'));
  fs.mkdirSync(path.join(dir, 'frontend'));
  if (healthy) fs.writeFileSync(path.join(dir, 'health.json'), `{"ok":true,"version":"${version}"}`);
  return dir;
}

/** The tree as the team left it: four releases, `current` on the newest, relative shared links, their log. */
async function layOutSeed002(): Promise<void> {
  await runner.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(`${appDir}/shared/backend`, { recursive: true });
  fs.mkdirSync(`${appDir}/shared/frontend`, { recursive: true });
  fs.mkdirSync(`${appDir}/scripts`, { recursive: true });
  fs.writeFileSync(`${appDir}/shared/backend/.env`, 'DATABASE_URL=postgresql+psycopg://innercontext@127.0.0.1/innercontext\n');
  fs.writeFileSync(`${appDir}/shared/frontend/.env.production`, 'PUBLIC_API_BASE=http://127.0.0.1:8000\n');
  for (const name of OLD_RELEASES) {
    const dir = `${appDir}/releases/${name}`;
    fs.mkdirSync(`${dir}/backend`, { recursive: true });
    fs.mkdirSync(`${dir}/frontend`, { recursive: true });
    fs.writeFileSync(`${dir}/health.json`, `{"ok":true,"version":"team-${name}"}`);
    fs.symlinkSync('../../../shared/backend/.env', `${dir}/backend/.env`);
    fs.symlinkSync('../../../shared/frontend/.env.production', `${dir}/frontend/.env.production`);
  }
  fs.symlinkSync(`releases/${OLD_RELEASES[OLD_RELEASES.length - 1]}`, `${appDir}/current`);
  fs.writeFileSync(`${appDir}/deploy.log`, TEAM_LOG);
  await runner.run({ file: 'chown', args: ['-R', '-h', 'deploy:deploy', appDir] });
}

/** Every path under app-dir with its kind, size, mtime and link target: what "nothing changed" compares. */
function snapshot(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = fs.lstatSync(full);
      out.push(`${path.relative(appDir, full)} ${stat.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory() && !stat.isSymbolicLink()) walk(full);
    }
  };
  walk(appDir);
  return out;
}

const releases = () => fs.readdirSync(`${appDir}/releases`).sort();
const currentRelease = () => fs.readlinkSync(`${appDir}/current`).replace(/^releases\//, '');
const pause = () => new Promise((resolve) => setTimeout(resolve, 1100)); // release names are per second

async function cli(command: (args: string[], io: CommandIo) => Promise<number>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: { write: (text: string) => { stdout += text; } },
    stderr: { write: (text: string) => { stderr += text; } },
    env: { ...process.env },
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h19r-cwd-')),
  };
  const code = await command(args, io);
  return { code, stdout, stderr };
}

describe('release strategy on a host with its own conventions (seed 002)', () => {
  beforeAll(async () => {
    await layOutSeed002();
    await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true });
    // Serves app-dir; /current/… resolves the symlink per request, so the switch is visible at once.
    await runner.run({ file: 'docker', args: ['run', '-d', '--name', server, '--network', 'host', '-v', `${appDir}:${appDir}:ro`, sandbox.baseImage, 'httpd', '-f', '-p', `127.0.0.1:${PORT}`, '-h', appDir] });
  });
  afterAll(async () => {
    await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true });
  });

  const values = (version: string, extra: Record<string, string> = {}) => ({
    ...sshValues([h1]), strategy: 'release', 'app-dir': appDir, version, artifact: artifact(version), shared: SHARED.join('\n'),
    'pre-promote': 'test -L backend/.env && grep -q DATABASE_URL backend/.env',
    restart: `sudo -n ${sandbox.restartScript} h19r-innercontext`, 'keep-releases': '5',
    'lock-file': '.deploy.lock', 'deploy-log': 'deploy.log',
    'health-url': `http://127.0.0.1:${PORT}/current/health.json`, 'health-expect': '"version":"{version}"', 'health-timeout': '5s', ...extra,
  });
  const slipwayLines = () => fs.readFileSync(`${appDir}/deploy.log`, 'utf8').split('\n').slice(TEAM_LOG.split('\n').length - 1).filter(Boolean);

  it('deploys in the host\'s style: a release named like the others, relative shared links, its line in the team\'s deploy.log', async () => {
    const run = await runFlow(deployFlow, values('v2'), localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"v2"');

    const name = currentRelease();
    expect(name).toMatch(/^\d{8}T\d{6}Z$/);
    expect(releases()).toEqual([...OLD_RELEASES, name].sort());
    expect(fs.readlinkSync(`${appDir}/releases/${name}/backend/.env`)).toBe('../../../shared/backend/.env');
    expect(fs.readlinkSync(`${appDir}/releases/${name}/frontend/.env.production`)).toBe('../../../shared/frontend/.env.production');
    // The tree bind-mounted elsewhere (a container) still resolves the shared file.
    const mounted = await runner.run({ file: 'docker', args: ['run', '--rm', '--network', 'none', '-v', `${appDir}:/mnt/app:ro`, sandbox.baseImage, 'cat', '/mnt/app/current/backend/.env'] });
    expect(mounted.stdout).toContain('DATABASE_URL=');

    // The team's lines are kept as they were; Slipway's one line follows, and nothing went to .slipway/.
    expect(fs.readFileSync(`${appDir}/deploy.log`, 'utf8').startsWith(TEAM_LOG)).toBe(true);
    const lines = slipwayLines();
    expect(lines).toHaveLength(1);
    expect(parseDeployLogLine(lines[0] ?? '')).toMatchObject({ action: 'deploy', strategy: 'release', version: 'v2', result: 'deployed' });
    expect(fs.existsSync(`${appDir}/.slipway/deploy.log`)).toBe(false);
    // The lock was taken at the team's path and given back; Slipway's own lock dir was never used.
    expect(fs.existsSync(`${appDir}/.deploy.lock`)).toBe(false);
    expect(fs.existsSync(`${appDir}/.slipway/lock`)).toBe(false);

    // `slipway history` and `status` read the team's log (skipping the team's own lines).
    const flagsOf = (extra: Record<string, string>) => Object.entries({ ...sshValues([h1]), strategy: 'release', 'app-dir': appDir, 'deploy-log': 'deploy.log', 'lock-file': '.deploy.lock', ...extra }).flatMap(([k, v]) => [`--${k}`, v]);
    const history = await cli(runHistoryCommand, [...flagsOf({}), '--json']);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as { entries: Array<{ version: string }> }).entries.map((e) => e.version)).toEqual(['v2']);
    const status = await cli(runStatusCommand, [...flagsOf({}), '--json']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/"held":\s*false/);
  });

  it('refuses while the team\'s lock is held, before any change, naming the path and how to clear it', async () => {
    fs.writeFileSync(`${appDir}/.deploy.lock`, 'pid=4242 user=piotr started=2026-12-01T10:00:00Z scope=all\n');
    await runner.run({ file: 'chown', args: ['deploy:deploy', `${appDir}/.deploy.lock`] });
    try {
      const before = snapshot();
      await pause();
      const run = await runFlow(deployFlow, values('v-locked'), localContext(new MemoryLogger()));
      expect(run.failure).toMatch(new RegExp(`${appDir}/\\.deploy\\.lock exists and was not written by Slipway`));
      expect(run.failure).toMatch(new RegExp(`rm -f ${appDir}/\\.deploy\\.lock`));
      expect(snapshot()).toEqual(before);
      expect(fs.readFileSync(`${appDir}/.deploy.lock`, 'utf8')).toContain('pid=4242');
      expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"v2"');

      // `slipway status` shows the team's lock as held.
      const status = await cli(runStatusCommand, [...Object.entries({ ...sshValues([h1]), strategy: 'release', 'app-dir': appDir, 'lock-file': '.deploy.lock', 'deploy-log': 'deploy.log' }).flatMap(([k, v]) => [`--${k}`, v]), '--json']);
      expect(status.stdout).toMatch(/"held":\s*true/);
    } finally {
      fs.rmSync(`${appDir}/.deploy.lock`, { force: true });
    }
  });

  it('rolls back with the conventions intact: at most keep-releases dirs, failed ones counted, the newest failed one kept', async () => {
    const log = new MemoryLogger();
    const v2 = currentRelease();
    await pause();
    // A release whose health check fails: switched back to v2, marked failed.
    const broken = await runFlow(deployFlow, values('v3', { artifact: artifact('v3', false) }), localContext(log));
    expect(broken.failure).toMatch(/rolled back, the old release v2 is serving again/);
    expect(currentRelease()).toBe(v2);
    expect(releases().length).toBeLessThanOrEqual(5);
    const failedV3 = releases().filter((name) => name.endsWith('.failed'));
    expect(failedV3).toHaveLength(1);

    await pause();
    const v4 = await runFlow(deployFlow, values('v4'), localContext(log));
    expect(v4.failure).toBeUndefined();
    expect(releases()).toHaveLength(5);
    expect(releases()).toEqual(expect.arrayContaining([v2, ...failedV3]));

    const back = await runFlow(deployFlow, { ...values('', { artifact: '', mode: 'rollback' }), version: '' }, localContext(log));
    expect(back.failure).toBeUndefined();
    expect(currentRelease()).toBe(v2);
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"v2"');
    expect(releases().length).toBeLessThanOrEqual(5);
    expect(releases()).toEqual(expect.arrayContaining(failedV3));
    expect(log.text()).toMatch(/the newest failed one, kept for forensics/);

    // Still the host's conventions: names in its style, relative links, `current` relative, every line in deploy.log.
    for (const name of releases()) expect(name).toMatch(/^\d{8}T\d{6}Z(\.(failed|rolled-back)(-\d+)?)?$/);
    expect(fs.readlinkSync(`${appDir}/current`)).toBe(`releases/${v2}`);
    expect(fs.readlinkSync(`${appDir}/releases/${v2}/backend/.env`)).toBe('../../../shared/backend/.env');
    expect(slipwayLines().map((line) => parseDeployLogLine(line)?.result)).toEqual(['deployed', 'rolled-back', 'deployed', 'rolled-back']);
    expect(fs.existsSync(`${appDir}/.deploy.lock`)).toBe(false);
  });

  it('keeps Slipway\'s own lock at that path under the usual rules: a live holder is waited for and named, a stale one broken', async () => {
    const lock = `${appDir}/.deploy.lock`;
    try {
      fs.writeFileSync(lock, 'slipway-lock\nci@runner-7 (run-7) at 2026-12-01T10:00:00Z\n');
      await runner.run({ file: 'chown', args: ['deploy:deploy', lock] });
      const held = await runFlow(deployFlow, values('v-held', { 'lock-timeout': '1s' }), localContext(new MemoryLogger()));
      expect(held.failure).toMatch(/another deploy holds the lock \(held by ci@runner-7 \(run-7\) at 2026-12-01T10:00:00Z for \d+ s\)/);
      expect(fs.readFileSync(lock, 'utf8')).toContain('runner-7');

      const log = new MemoryLogger();
      const release = releaseLockWords(lock, 'ci@runner-7 (run-7) at 2026-12-01T10:00:00Z');
      expect((await runner.run({ file: release[0] ?? 'sh', args: release.slice(1) }, { allowFailure: true })).exitCode).toBe(0);
      expect(fs.existsSync(lock)).toBe(false);
      // The post step's release never removes a file Slipway did not write, whatever it says.
      fs.writeFileSync(lock, 'ci@runner-7 (run-7) at 2026-12-01T10:00:00Z\n');
      expect((await runner.run({ file: release[0] ?? 'sh', args: release.slice(1) }, { allowFailure: true })).exitCode).toBe(3);
      expect(fs.existsSync(lock)).toBe(true);
      fs.writeFileSync(lock, 'slipway-lock\nghost@dead-runner at 2020-01-01T00:00:00Z\n');
      await runner.run({ file: 'chown', args: ['deploy:deploy', lock] });
      await runner.run({ file: 'touch', args: ['-d', '2 hours ago', lock] });
      await pause();
      const stale = await runFlow(deployFlow, values('v5'), localContext(log));
      expect(log.text()).toMatch(/warning: .*breaking a stale deploy lock held by ghost@dead-runner/);
      expect(stale.failure).toBeUndefined();
      expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"v5"');
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });
});
