import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';
import { bundle, eventually, httpBody, inputEnv, leaks, newJob, removeJobs, startBundle } from './support.js';

const sandbox = loadSandbox();
const h1 = sandbox.ssh.hosts[0] as SandboxSshHost;
const PORT = 43020;
const appDir = `${h1.baseDir}/hk-cancel-release`;

/**
 * The restart command: stops the httpd it started last (pid file), waits `restart-delay` seconds
 * (a slow service restart), then serves what `current` points at now.
 */
const RESTART = [
  '#!/bin/sh',
  `app=${appDir}`,
  '[ -f "$app/httpd.pid" ] && kill "$(cat "$app/httpd.pid")" 2>/dev/null',
  'sleep "$(cat "$app/restart-delay" 2>/dev/null || echo 0)"',
  `setsid busybox httpd -f -p 127.0.0.1:${PORT} -h "$(readlink -f "$app/current")" </dev/null >/dev/null 2>&1 &`,
  'echo $! > "$app/httpd.pid"',
  '',
].join('\n');

function artifact(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hk-cancel-release-${version}-`));
  fs.mkdirSync(path.join(dir, 'api'));
  fs.writeFileSync(path.join(dir, 'api', 'health'), `{"ok":true,"version":"${version}"}`);
  return dir;
}

function values(dir: string, version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
    'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s', strategy: 'release', 'app-dir': appDir, artifact: dir, version,
    restart: `sh ${appDir}/hk-restart.sh`, 'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '20s', ...extra,
  };
}

const current = () => fs.readlinkSync(`${appDir}/current`);
const setRestartDelay = (seconds: number) => fs.writeFileSync(`${appDir}/restart-delay`, `${seconds}\n`);
const stopHttpd = () => {
  const pidFile = `${appDir}/httpd.pid`;
  if (fs.existsSync(pidFile)) execFileSync('sh', ['-c', 'kill "$(cat "$1")" 2>/dev/null || true', 'hk', pidFile]);
};

describe('ssh-deploy (release), run from dist/ as a runner would, cancelled at each phase', () => {
  const v1 = artifact('1.0.0');
  const v2 = artifact('2.0.0');
  beforeAll(() => {
    bundle('ssh-deploy');
    stopHttpd();
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(appDir, { recursive: true });
    fs.writeFileSync(`${appDir}/hk-restart.sh`, RESTART);
    execFileSync('chown', ['-R', 'deploy:deploy', appDir]);
  });
  beforeEach(async () => {
    setRestartDelay(0);
    const run = await runFlow(deployFlow, { ...values(v1, '1.0.0'), 'private-key': sandbox.ssh.privateKeyPath }, localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
  });
  afterAll(() => {
    removeJobs();
    stopHttpd();
    for (const dir of [v1, v2]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('SIGINT during a pre-promote command: it finishes, current is not switched, the new release is marked failed', async () => {
    const job = newJob();
    const before = current();
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(v2, '2.0.0', { 'pre-promote': 'echo hk-pre-promote-started; sleep 2' })));
    await run.waitForLine(/hk-pre-promote-started/);
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    expect(run.lines.join('\n')).toMatch(/cancelled before the switch to releases\/\S+; nothing was switched, the old version keeps serving/);
    expect(current()).toBe(before);
    expect(fs.readdirSync(`${appDir}/releases`).filter((name) => name.endsWith('.failed'))).toHaveLength(1);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('SIGINT after current was switched, while the restart runs: switched back to 1.0.0 and restarted, lock released', async () => {
    const job = newJob();
    const before = current();
    setRestartDelay(2);
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(v2, '2.0.0')));
    await eventually('current points at the new release', () => current() !== before, 30_000, 20);
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    // The signal lands before the restart command or while it runs (then it finishes and the check is cut short).
    expect(run.lines.join('\n')).toMatch(/cancelled: .*new release 2\.0\.0 was not kept \(cancelled (while the new version was being verified|before restart command `[^`]+`)\); rolled back, the old release 1\.0\.0 is serving again/);
    expect(current()).toBe(before);
    expect(await httpBody(PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(leaks(job, appDir)).toEqual([]);
  });
});
