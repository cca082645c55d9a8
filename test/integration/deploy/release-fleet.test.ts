import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import type { SshSession } from '../../../src/ssh/index.js';
import { buildTestImage, hosts, httpGet, prepareComposeApp, removeProject, runner, sandbox, sshValues } from './support.js';

const [h1, h2, h3] = hosts;

function artifact(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-artifact-'));
  fs.writeFileSync(path.join(dir, 'health.json'), `{"ok":true,"version":"${version}"}`);
  return dir;
}

describe('ssh-deploy release strategy', () => {
  const appDir = `${h2.baseDir}/release-app`;
  const PORT = 18431;
  const server = 'slipway-it-release-h2';
  beforeAll(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(`${appDir}/shared`, { recursive: true });
    fs.writeFileSync(`${appDir}/shared/.env`, 'SECRET=shared\n');
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    await runner.run({ file: 'docker', args: ['rm', '-f', server], }, { allowFailure: true });
    // Serves app-dir; /current/… resolves the symlink per request, so the switch is visible at once.
    await runner.run({ file: 'docker', args: ['run', '-d', '--name', server, '--network', 'host', '-v', `${appDir}:${appDir}:ro`, sandbox.baseImage, 'httpd', '-f', '-p', `127.0.0.1:${PORT}`, '-h', appDir] });
  });
  afterAll(async () => { await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true }); });

  const values = (version: string, extra: Record<string, string> = {}) => ({
    ...sshValues([h2]), strategy: 'release', 'app-dir': appDir, version, artifact: artifact(version), shared: '.env',
    'pre-promote': 'test -L .env && grep -q shared .env && echo migrated > migrated.txt',
    restart: `sudo -n ${sandbox.restartScript} release-app`, 'keep-releases': '3',
    'health-url': `http://127.0.0.1:${PORT}/current/health.json`, 'health-expect': '"version":"{version}"', 'health-timeout': '5s', ...extra,
  });

  it('uploads, links shared files, migrates, switches current atomically, keeps N and rolls back', async () => {
    const log = new MemoryLogger();
    for (const version of ['r1', 'r2', 'r3']) {
      const run = await runFlow(deployFlow, values(version), localContext(log));
      expect(run.failure).toBeUndefined();
      expect(await httpGet(PORT, '/current/health.json')).toContain(`"version":"${version}"`);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // release names are per second
    }
    const releases = fs.readdirSync(`${appDir}/releases`);
    expect(releases).toHaveLength(3);
    const current = fs.readlinkSync(`${appDir}/current`);
    expect(fs.readFileSync(`${appDir}/${current}/migrated.txt`, 'utf8').trim()).toBe('migrated');
    expect(fs.readFileSync('/srv/slipway/restart.log', 'utf8')).toContain('release-app');

    const broken = await runFlow(deployFlow, values('r4', { artifact: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-empty-')) }), localContext(log));
    expect(broken.failure).toMatch(/rolled back, the old release r3 is serving again/);
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"r3"');
  });

  it('marks a failed release so a later rollback never lands on it, and counts it in keep-releases', async () => {
    const log = new MemoryLogger();
    const r3 = fs.readlinkSync(`${appDir}/current`).replace(/^releases\//, '');
    const failed = fs.readdirSync(`${appDir}/releases`).filter((name) => name.endsWith('.failed'));
    expect(failed).toHaveLength(1); // r4, kept to look into
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const r5 = await runFlow(deployFlow, values('r5'), localContext(log));
    expect(r5.failure).toBeUndefined();
    // keep-releases 3 bounds every dir: r5, r3 before it, and the failed r4 (the newest failed one, kept to look into).
    expect(fs.readdirSync(`${appDir}/releases`)).toHaveLength(3);
    expect(fs.readdirSync(`${appDir}/releases`).filter((name) => !name.endsWith('.failed'))).toHaveLength(2);

    // "The release before current" in name order is r4's slot: it must be skipped, landing on r3.
    const rollback = await runFlow(deployFlow, { ...values('', { artifact: '', mode: 'rollback' }), version: '' }, localContext(log));
    expect(rollback.failure).toBeUndefined();
    expect(rollback.outputs).toMatchObject({ version: 'r3', 'previous-version': 'r5' });
    expect(fs.readlinkSync(`${appDir}/current`)).toBe(`releases/${r3}`);
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"r3"');
  });

  it('switches back and restarts the old release when a restart command fails, and says the old release serves again', async () => {
    const before = fs.readlinkSync(`${appDir}/current`);
    const restarts = () => fs.readFileSync('/srv/slipway/restart.log', 'utf8').split('\n').filter((line) => line.endsWith(' release-app')).length;
    const restartsBefore = restarts();
    const bad = artifact('r6');
    fs.writeFileSync(path.join(bad, 'refuse-restart'), '');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // The second restart command fails only while current is the new release.
    const run = await runFlow(deployFlow, values('r6', {
      artifact: bad, restart: `sudo -n ${sandbox.restartScript} release-app\ntest ! -e ${appDir}/current/refuse-restart`,
    }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/new release r6 could not be restarted \(restart command `test ! -e .*refuse-restart` failed with exit 1\); rolled back, the old release r3 is serving again/);
    expect(run.outputs['rolled-back']).toBe('true');
    expect(fs.readlinkSync(`${appDir}/current`)).toBe(before);
    expect(restarts()).toBe(restartsBefore + 2); // the new release, then the old one again
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"r3"');
    // At most keep-releases dirs: the older failed r4 went, the newest failed one (r6) stays to look into.
    const releases = fs.readdirSync(`${appDir}/releases`);
    expect(releases.length).toBeLessThanOrEqual(3);
    const failed = releases.filter((name) => name.endsWith('.failed'));
    expect(failed.map((name) => fs.readFileSync(`${appDir}/releases/${name}/.slipway-version`, 'utf8').trim())).toEqual(['r6']);
  });

  it('refuses to promote when sudo -n does not allow a restart command', async () => {
    const run = await runFlow(deployFlow, values('r9', { restart: 'sudo -n /usr/bin/id' }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/`sudo -n \/usr\/bin\/id` is not allowed by sudo without a password/);
    expect(await httpGet(PORT, '/current/health.json')).toContain('"version":"r3"');
  });
});

describe('ssh-deploy lock', () => {
  const appDir = `${h3.baseDir}/lock-app`;
  beforeAll(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  });
  const values = (script: string, extra: Record<string, string> = {}) => ({ ...sshValues([h3]), strategy: 'script', 'app-dir': appDir, script, ...extra });

  it('lets one deploy run at a time; the second waits, then fails naming the holder', async () => {
    const first = runFlow(deployFlow, values('sleep 3; echo first >> order.txt'), localContext(new MemoryLogger()));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = await runFlow(deployFlow, values('echo second >> order.txt', { 'lock-timeout': '1s' }), localContext(new MemoryLogger()));
    expect(second.failure).toMatch(/another deploy holds the lock \(held by .*@.* for \d+ s\)/);
    expect((await first).failure).toBeUndefined();
    expect(fs.readFileSync(`${appDir}/order.txt`, 'utf8')).toBe('first\n');
    expect(fs.existsSync(`${appDir}/.slipway/lock`)).toBe(false);
  });

  it('breaks a stale lock with a warning', async () => {
    fs.mkdirSync(`${appDir}/.slipway/lock`, { recursive: true });
    fs.writeFileSync(`${appDir}/.slipway/lock/holder`, 'ghost@dead-runner at 2020-01-01T00:00:00Z\n');
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', `${appDir}/.slipway`] });
    await runner.run({ file: 'touch', args: ['-d', '2 hours ago', `${appDir}/.slipway/lock`] });
    const log = new MemoryLogger();
    const run = await runFlow(deployFlow, values('echo ok'), localContext(log));
    expect(run.failure).toBeUndefined();
    expect(log.text()).toMatch(/warning: .*breaking a stale deploy lock held by ghost@dead-runner/);
  });
});

describe('ssh-deploy fleet', () => {
  const PROJECT = 'slipway-it-fleet-h{index}';
  const ports = [18441, 18442, 18443];
  let v1 = '';
  let v2 = '';
  beforeAll(async () => {
    [v1, v2] = await Promise.all([buildTestImage('1.0.0'), buildTestImage('2.0.0')]);
    for (const [i, host] of hosts.entries()) {
      await removeProject(`slipway-it-fleet-h${i + 1}`);
      await prepareComposeApp(host, 'fleet-app', ports[i] ?? 0);
    }
  });
  afterAll(async () => { for (const i of [1, 2, 3]) await removeProject(`slipway-it-fleet-h${i}`); });
  const values = (image: string, extra: Record<string, string> = {}) => ({
    ...sshValues(hosts), strategy: 'compose', 'app-dir': '/srv/slipway/h{index}/fleet-app', service: 'app', image,
    'compose-project': PROJECT, 'env-file': '.env', pull: 'false', 'health-timeout': '20s', ...extra,
  });

  it('deploys all hosts at once, one connection each, with a per-host table', async () => {
    const run = await runFlow(deployFlow, values(v1), localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(run.result.connectionsPerHost).toEqual([1, 1, 1]);
    for (const port of ports) expect(await httpGet(port)).toContain('"version":"1.0.0"');
    const table = deployFlow.summary(run.result).blocks.find((b) => b.kind === 'table');
    expect(table && 'rows' in table ? table.rows.map((r) => r[1]) : []).toEqual(['deployed', 'deployed', 'deployed']);
  });

  it('stops at the first failing batch and reverts the hosts it changed in that batch', async () => {
    fs.rmSync(`${h2.baseDir}/fleet-app/docker-compose.yml`);
    const run = await runFlow(deployFlow, values(v2, { 'batch-size': '2' }), localContext(new MemoryLogger()));
    expect(run.failure).toBeDefined();
    expect(run.result.hosts.map((h) => h.status)).toEqual(['reverted', 'failed', 'not-started']);
    expect(JSON.parse(run.outputs.hosts ?? '[]')).toHaveLength(3);
    expect(await httpGet(ports[0] ?? 0)).toContain('"version":"1.0.0"');
    expect(await httpGet(ports[2] ?? 0)).toContain('"version":"1.0.0"');
    fs.copyFileSync('examples/compose/docker-compose.yml', `${h2.baseDir}/fleet-app/docker-compose.yml`);
  });

  it('leaves the host on the old or the new version, never half, when the connection is cut during the switch', async () => {
    const log = new MemoryLogger();
    let session: SshSession | undefined;
    let cut: Promise<void> | undefined;
    // Cut (SIGKILL the local ssh master) 300 ms after compose up starts on h1.
    const runner2 = new ProcessRunner({
      ...log, info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m), group: (t, b) => log.group(t, b),
      debug: (m) => {
        log.debug(m);
        if (m.includes('compose up on') && session && !cut) {
          const s = session;
          cut = new Promise<void>((resolve) => setTimeout(async () => {
            const pid = await s.masterPid();
            if (pid) process.kill(pid, 'SIGKILL');
            resolve();
          }, 300));
        }
      },
    });
    const settings = deployFlow.parse(new Inputs(mapInputSource({ ...values(v2), hosts: `${h1.address}:${h1.port}` }, 'cli')), localContext(log));
    const result = await deployFleet(settings, localContext(log, { runner: runner2 }), { sessionOpened: (s) => { session = s; } });
    await cut;
    expect(cut).toBeDefined();
    expect(result.ok).toBe(false);
    expect(result.hosts[0]?.message).toMatch(/connection was lost|control connection/i);
    // The switch finished on the host: wait for it, then exactly one container serves one whole version.
    let body = '';
    for (let i = 0; i < 40 && !/"version":"2\.0\.0"/.test(body); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      body = await httpGet(ports[0] ?? 0);
    }
    expect(body).toMatch(/"version":"(1|2)\.0\.0"/);
    const running = await runner.run({ file: 'docker', args: ['ps', '-q', '--filter', 'label=com.docker.compose.project=slipway-it-fleet-h1'] });
    expect(running.stdout.trim().split('\n')).toHaveLength(1);
  });
});
