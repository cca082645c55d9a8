import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { getOnce, startLoad } from '../../../src/demo/load-loop.js';
import { startLocalCaddy, type LocalProxy } from '../../../src/demo/local-proxy.js';
import { buildAppImage, failuresBeyondCaddyReloads, prepareApp, projectContainers, readState, removeProjects, runner, sshValues } from './support.js';

const PROJECT = 'slipway-zd-caddy';
const LIVE_PORT = 18700;
const PROXY_PORT = 18790;
const ADMIN_PORT = 18791;

function values(appDir: string, image: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sshValues(), strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': PROJECT, pull: 'false',
    'health-url': `http://127.0.0.1:${LIVE_PORT}/api/health`, 'health-timeout': '20s',
    'zero-downtime': 'true', proxy: 'caddy', 'caddy-admin': `127.0.0.1:${ADMIN_PORT}`, 'slot-ports': `${LIVE_PORT}-${LIVE_PORT + 9}`,
    'proxy-health-url': `http://127.0.0.1:${PROXY_PORT}/api/health`, 'drain-timeout': '15s', 'stop-timeout': '1s', ...extra,
  };
}

describe('zero-downtime compose deploy behind a real Caddy (admin API over SSH)', () => {
  let caddy: LocalProxy;
  let appDir = '';
  let v1 = '';
  let v2 = '';
  let v3 = '';
  let never = '';
  beforeAll(async () => {
    [v1, v2, v3, never] = await Promise.all([buildAppImage('1.0.0'), buildAppImage('2.0.0'), buildAppImage('3.0.0'), buildAppImage('9.9.9-never', 'never')]);
    await removeProjects(PROJECT);
    appDir = await prepareApp('zd-caddy');
    caddy = await startLocalCaddy(runner, { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-zd-caddy-')), listen: PROXY_PORT, admin: ADMIN_PORT, upstream: LIVE_PORT });
  });
  afterAll(async () => {
    await caddy?.stop();
    await removeProjects(PROJECT);
  });

  it('deploys a second version under load with 0 failed requests, and a slow request started before the switch completes', async () => {
    const first = await runFlow(deployFlow, values(appDir, v1), localContext(new MemoryLogger()));
    expect(first.failure).toBeUndefined();
    expect((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body).toContain('"version":"1.0.0"');

    const load = startLoad({ url: `http://127.0.0.1:${PROXY_PORT}/api/health`, maxRequests: 200_000, maxMs: 60_000, concurrency: 2 });
    // The slow request (10 s) starts once the new copy exists, a health check or two before the switch,
    // so it is in flight on the old copy at the switch however long the deploy takes to get there.
    const live = readState(appDir, `zero-downtime-${PROJECT}-app.state`).live_project;
    const idle = live === `${PROJECT}-blue` ? `${PROJECT}-green` : `${PROJECT}-blue`;
    const slow = (async () => {
      for (let i = 0; i < 600 && (await projectContainers(idle)).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await getOnce(`http://127.0.0.1:${PROXY_PORT}/cgi-bin/slow`, 30_000);
      return { ...response, at: Date.now() };
    })();
    const log = new MemoryLogger();
    const second = await runFlow(deployFlow, values(appDir, v2), localContext(log));
    await new Promise((resolve) => setTimeout(resolve, 500));
    load.stop();
    const [result, slowResponse] = await Promise.all([load.done, slow]);

    expect(second.failure).toBeUndefined();
    expect(second.outputs).toMatchObject({ version: '2.0.0', 'previous-version': '1.0.0' });
    // Zero failures of Slipway's making; Caddy's own reload may reset one fresh connection (see the helper).
    expect(failuresBeyondCaddyReloads(result, PROXY_PORT, 1)).toEqual([]);
    expect(result.requests).toBeGreaterThan(50);
    expect(Object.keys(result.versions).sort()).toEqual(['1.0.0', '2.0.0']);
    // The slow request went to the old copy before the switch and finished after it.
    expect(slowResponse.body).toContain('"version":"1.0.0"');
    const state = readState(appDir, `zero-downtime-${PROJECT}-app.state`);
    expect(slowResponse.status).toBe(200);
    expect(slowResponse.body).toContain('"slow":true');
    expect(slowResponse.at).toBeGreaterThan(Date.parse(state.switched_at ?? ''));
    expect(state).toMatchObject({ status: 'deployed', live_version: '2.0.0', previous_version: '1.0.0', proxy: 'caddy', cut_connections: '0' });
    expect(Number(state.switch_ms)).toBeLessThan(1000);
    // The old copy is gone; the deploy log says what was switched.
    expect(await projectContainers(state.previous_project ?? '')).toEqual([]);
    expect(fs.readFileSync(`${appDir}/.slipway/deploy.log`, 'utf8')).toMatch(/compose-zero-downtime\tversion=2\.0\.0\tprevious=1\.0\.0\tresult=switched caddy from port \d+ to \d+/);
  });

  it('removes a new version that never gets healthy and never touches the proxy', async () => {
    const before = await (await fetch(`http://127.0.0.1:${ADMIN_PORT}/config/`)).text();
    const run = await runFlow(deployFlow, values(appDir, never, { 'health-timeout': '4s' }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/new version 9\.9\.9-never never got healthy on port \d+ .*removed and the proxy was not touched, 2\.0\.0 is still serving/);
    expect(await (await fetch(`http://127.0.0.1:${ADMIN_PORT}/config/`)).text()).toBe(before);
    expect((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body).toContain('"version":"2.0.0"');
    const state = readState(appDir, `zero-downtime-${PROJECT}-app.state`);
    expect(await projectContainers(state.live_project === `${PROJECT}-blue` ? `${PROJECT}-green` : `${PROJECT}-blue`)).toEqual([]);
  });

  it('fails before starting anything when the admin API is unreachable', async () => {
    const run = await runFlow(deployFlow, values(appDir, v3, { 'caddy-admin': '127.0.0.1:18799' }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/caddy-admin: Caddy's admin API at 127\.0\.0\.1:18799 .* is unreachable/);
    const state = readState(appDir, `zero-downtime-${PROJECT}-app.state`);
    expect(await projectContainers(state.live_project === `${PROJECT}-blue` ? `${PROJECT}-green` : `${PROJECT}-blue`)).toEqual([]);
    expect((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body).toContain('"version":"2.0.0"');
  });

  it('rolls back with the same switch towards the previous image', async () => {
    const run = await runFlow(deployFlow, { ...values(appDir, ''), mode: 'rollback' }, localContext(new MemoryLogger()));
    expect(run.failure).toBeUndefined();
    expect(run.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0' });
    expect((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body).toContain('"version":"1.0.0"');
  });

  it('changes only its own upstream: another app switching its route on the same Caddy meanwhile keeps its change', async () => {
    const admin = `127.0.0.1:${ADMIN_PORT}`;
    const otherDial = 'apps/http/servers/other/routes/0/handle/0/upstreams/0/dial';
    const added = await fetch(`http://${admin}/config/apps/http/servers/other`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ listen: ['127.0.0.1:18792'], routes: [{ handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:18788' }] }] }] }),
    });
    expect(added.status).toBe(200);
    // In front of the admin API: just before Slipway's first change reaches Caddy, the other app switches its own route.
    const statuses: number[] = [];
    let otherSwitched = false;
    const forward = (method: string, path: string, headers: http.OutgoingHttpHeaders, body: Buffer) => new Promise<{ status: number; text: string; etag?: string }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: ADMIN_PORT, method, path, agent: false, headers: { ...headers, host: admin } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text, etag: response.trailers.etag }));
      });
      request.on('error', reject);
      request.end(body);
    });
    const stub = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void (async () => {
        if (request.method !== 'GET' && !otherSwitched) {
          otherSwitched = true;
          expect((await forward('PATCH', `/config/${otherDial}`, { 'content-type': 'application/json' }, Buffer.from('"127.0.0.1:18789"'))).status).toBe(200);
        }
        const real = await forward(request.method ?? 'GET', request.url ?? '/', request.headers, Buffer.concat(chunks));
        if (request.method !== 'GET') statuses.push(real.status);
        response.writeHead(real.status, { 'content-type': 'application/json', ...(real.etag ? { etag: real.etag } : {}) }).end(real.text);
      })());
    });
    await new Promise<void>((resolve) => stub.listen(18794, '127.0.0.1', resolve));
    try {
      const run = await runFlow(deployFlow, values(appDir, v3, { 'caddy-admin': '127.0.0.1:18794' }), localContext(new MemoryLogger()));
      expect(run.failure).toBeUndefined();
    } finally {
      stub.close();
    }
    expect(otherSwitched).toBe(true);
    expect(await (await fetch(`http://${admin}/config/${otherDial}`)).json()).toBe('127.0.0.1:18789');
    // Slipway's first change was made against the config read before the other app's: Caddy refused it (412) and Slipway read again.
    expect(statuses[0]).toBe(412);
    expect((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body).toContain('"version":"3.0.0"');
    expect((await fetch(`http://${admin}/config/apps/http/servers/other`, { method: 'DELETE' })).status).toBe(200);
  });
});

describe('zero-downtime compose deploy behind a Caddy that routes by a live-port file (no reload)', () => {
  const project = 'slipway-zd-h22-file';
  const livePort = 52100;
  const proxyPort = 52190;
  const adminPort = 52191;
  let caddy: LocalProxy;
  let appDir = '';
  let liveDir = '';
  const fileValues = (image: string) => ({
    ...values(appDir, image), 'compose-project': project, 'health-url': `http://127.0.0.1:${livePort}/api/health`, 'caddy-admin': `127.0.0.1:${adminPort}`,
    'slot-ports': `${livePort}-${livePort + 9}`, 'proxy-health-url': `http://127.0.0.1:${proxyPort}/api/health`,
  });
  beforeAll(async () => {
    await removeProjects(project);
    appDir = await prepareApp('zd-h22-caddy-file');
    liveDir = `${appDir}-live`;
    caddy = await startLocalCaddy(runner, { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-zd-h22-caddy-')), listen: proxyPort, admin: adminPort, upstream: livePort, liveDir, liveDirOwner: 'deploy' });
  });
  afterAll(async () => {
    await caddy?.stop();
    await removeProjects(project);
    fs.rmSync(liveDir, { recursive: true, force: true });
  });

  it('switches by moving the live-port file to the new port: Caddy\'s loaded config is the same before and after, 0 failed requests', async () => {
    const [v1, v2] = await Promise.all([buildAppImage('1.0.0'), buildAppImage('2.0.0')]);
    const first = await runFlow(deployFlow, fileValues(v1), localContext(new MemoryLogger()));
    expect(first.failure).toBeUndefined();
    const before = await (await fetch(`http://127.0.0.1:${adminPort}/config/`)).text();
    const load = startLoad({ url: `http://127.0.0.1:${proxyPort}/api/health`, maxRequests: 200_000, maxMs: 60_000, concurrency: 2 });
    const second = await runFlow(deployFlow, fileValues(v2), localContext(new MemoryLogger()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    load.stop();
    const result = await load.done;

    expect(second.failure).toBeUndefined();
    expect(await (await fetch(`http://127.0.0.1:${adminPort}/config/`)).text()).toBe(before);
    // No reload, so not even Caddy's own accept-queue reset is allowed.
    expect(result.failures).toEqual([]);
    expect(result.failed).toBe(0);
    expect(Object.keys(result.versions).sort()).toEqual(['1.0.0', '2.0.0']);
    const state = readState(appDir, `zero-downtime-${project}-app.state`);
    expect(state).toMatchObject({ status: 'deployed', live_version: '2.0.0', proxy: 'caddy' });
    expect(fs.readdirSync(liveDir)).toEqual([state.live_port]);
    expect((await getOnce(`http://127.0.0.1:${proxyPort}/api/health`)).body).toContain('"version":"2.0.0"');
  });
});
