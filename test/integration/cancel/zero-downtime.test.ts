import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { startLocalCaddy, type LocalProxy } from '../../../src/demo/local-proxy.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';
import { bundle, buildCancelImage, eventually, httpBody, inputEnv, leaks, newJob, removeJobs, startBundle } from './support.js';

const sandbox = loadSandbox();
const h1 = sandbox.ssh.hosts[0] as SandboxSshHost;
const PROJECT = 'slipway-hk-cancel-zd';
const LIVE_PORT = 43040;
const PROXY_PORT = 43030;
const ADMIN_PORT = 43031;
const appDir = `${h1.baseDir}/hk-cancel-zd`;

function values(image: string, version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
    'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s', strategy: 'compose', 'app-dir': appDir, service: 'app', image, version,
    'compose-project': PROJECT, pull: 'false', 'health-url': `http://127.0.0.1:${LIVE_PORT}/api/health`, 'health-timeout': '30s',
    'zero-downtime': 'true', proxy: 'caddy', 'caddy-admin': `127.0.0.1:${ADMIN_PORT}`, 'slot-ports': `${LIVE_PORT}-${LIVE_PORT + 9}`,
    'proxy-health-url': `http://127.0.0.1:${PROXY_PORT}/api/health`, 'drain-timeout': '5s', 'stop-timeout': '1s', ...extra,
  };
}

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const projectsRunning = () => docker('ps', '--format', '{{.Label "com.docker.compose.project"}} {{.Image}}').split('\n').filter((line) => line.startsWith(PROJECT));
const removeProjects = () => {
  const ids = docker('ps', '-aq', '--filter', 'label=com.docker.compose.project').split('\n').filter(Boolean);
  if (ids.length === 0) return;
  const mine = docker('inspect', '--format', '{{.Id}} {{index .Config.Labels "com.docker.compose.project"}}', ...ids)
    .split('\n').map((line) => line.split(' ')).filter(([, project]) => project?.startsWith(PROJECT)).map(([id]) => id as string);
  if (mine.length) docker('rm', '-f', ...mine);
};

describe('ssh-deploy (zero-downtime behind Caddy), run from dist/ as a runner would, cancelled at each phase', () => {
  let caddy: LocalProxy | undefined;
  let v1 = '';
  let v2 = '';
  let slow = '';
  beforeAll(async () => {
    bundle('ssh-deploy');
    [v1, v2, slow] = await Promise.all([buildCancelImage(sandbox.baseImage, '1.0.0'), buildCancelImage(sandbox.baseImage, '2.0.0'), buildCancelImage(sandbox.baseImage, '2.0.0-slow', 8)]);
    removeProjects();
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(appDir, { recursive: true });
    fs.copyFileSync('examples/compose/docker-compose.yml', `${appDir}/docker-compose.yml`);
    execFileSync('chown', ['-R', 'deploy:deploy', appDir]);
    caddy = await startLocalCaddy(new ProcessRunner(new MemoryLogger()), { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'hk-cancel-caddy-')), listen: PROXY_PORT, admin: ADMIN_PORT, upstream: LIVE_PORT });
    const first = await runFlow(deployFlow, { ...values(v1, '1.0.0'), 'private-key': sandbox.ssh.privateKeyPath }, localContext(new MemoryLogger()));
    expect(first.failure).toBeUndefined();
  });
  beforeEach(async () => {
    expect(await httpBody(PROXY_PORT, '/api/health')).toContain('"version":"1.0.0"');
  });
  afterAll(async () => {
    removeJobs();
    await caddy?.stop();
    removeProjects();
  });

  it('SIGINT while the new copy is being verified: it is removed, the proxy never left the healthy 1.0.0 copy', async () => {
    const job = newJob();
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(slow, '2.0.0-slow')));
    await eventually('the new copy runs beside the old one', () => projectsRunning().some((line) => line.endsWith(slow)), 30_000, 50);
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    expect(exit.ms).toBeLessThan(25_000);
    expect(run.lines.join('\n')).toMatch(/cancelled: .*never got healthy .*cancelled before it was verified.*the proxy was not touched/);
    expect(await httpBody(PROXY_PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(projectsRunning().filter((line) => line.endsWith(slow))).toEqual([]);
    expect(leaks(job, appDir)).toEqual([]);
  });

  it('SIGINT in the watch window after the switch: the proxy is switched back to the 1.0.0 copy and the new one removed', async () => {
    const job = newJob();
    const run = startBundle(bundle('ssh-deploy'), job, inputEnv('ssh-deploy', values(v2, '2.0.0', { 'watch-window': '30s' })));
    await run.waitForLine(/caddy sends traffic to \S+ on port \d+/);
    expect(await httpBody(PROXY_PORT, '/api/health')).toContain('"version":"2.0.0"');
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).not.toBe(0);
    expect(exit.ms).toBeLessThan(30_000);
    expect(run.lines.join('\n')).toMatch(/cancelled: .*cancelled \d+ s after the switch, within the watch window of 2\.0\.0; rolled back, the old version 1\.0\.0 is serving again/);
    expect(await httpBody(PROXY_PORT, '/api/health')).toContain('"version":"1.0.0"');
    expect(projectsRunning().filter((line) => line.endsWith(v2))).toEqual([]);
    expect(leaks(job, appDir)).toEqual([]);
  });
});
