import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFleet } from '../../../src/deploy/fleet.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { loopbackPorts } from '../../../src/deploy/zero-downtime/caddy-config.js';
import { getOnce, startLoad } from '../../../src/demo/load-loop.js';
import { startLocalCaddy, type LocalProxy } from '../../../src/demo/local-proxy.js';
import { buildAppImage, failuresBeyondCaddyReloads, prepareApp, projectContainers, readState, removeProjects, runner, sshValues } from './support.js';

const PROJECT = 'slipway-zd-faults';
const LIVE_PORT = 18760;
const PROXY_PORT = 18796;
const ADMIN_PORT = 18797;
const STATE = `zero-downtime-${PROJECT}-app.state`;

describe('zero-downtime faults: each leaves the old version serving and says what happened', () => {
  let caddy: LocalProxy;
  let appDir = '';
  const images: Record<string, string> = {};
  const values = (image: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...sshValues(), strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': PROJECT, pull: 'false',
    'health-url': `http://127.0.0.1:${LIVE_PORT}/api/health`, 'health-timeout': '20s',
    'zero-downtime': 'true', proxy: 'caddy', 'caddy-admin': `127.0.0.1:${ADMIN_PORT}`, 'slot-ports': `${LIVE_PORT}-${LIVE_PORT + 9}`,
    'proxy-health-url': `http://127.0.0.1:${PROXY_PORT}/api/health`, 'drain-timeout': '10s', 'stop-timeout': '1s', ...extra,
  });
  const serving = async () => /"version":"([^"]+)"/.exec((await getOnce(`http://127.0.0.1:${PROXY_PORT}/api/health`)).body)?.[1];
  const idleSlot = () => {
    const live = readState(appDir, STATE).live_project;
    return live === `${PROJECT}-blue` ? `${PROJECT}-green` : `${PROJECT}-blue`;
  };

  beforeAll(async () => {
    const built = await Promise.all(['1.0.0', '2.0.0', '3.0.0', '4.0.0'].map((v) => buildAppImage(v)));
    ['1.0.0', '2.0.0', '3.0.0', '4.0.0'].forEach((v, i) => { images[v] = built[i] ?? ''; });
    images.red = await buildAppImage('5.0.0-red', 'turnsRed');
    await removeProjects(PROJECT);
    appDir = await prepareApp('zd-faults');
    caddy = await startLocalCaddy(runner, { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-zd-faults-')), listen: PROXY_PORT, admin: ADMIN_PORT, upstream: LIVE_PORT });
    const first = await runFlow(deployFlow, values(images['1.0.0'] ?? ''), localContext(new MemoryLogger()));
    expect(first.failure).toBeUndefined();
  });
  afterAll(async () => {
    await caddy?.stop();
    await removeProjects(PROJECT);
  });

  it('Caddy refusing the change: the new copy is removed, the old keeps serving', async () => {
    // Stands in for an admin API that answers reads but refuses writes (a policy, a validation error).
    const stub = http.createServer((request, response) => {
      if (request.method === 'GET') {
        void fetch(`http://127.0.0.1:${ADMIN_PORT}/config/`).then(async (real) => response.end(await real.text()));
      } else {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"loading new config: refused by policy"}');
      }
    });
    await new Promise<void>((resolve) => stub.listen(18798, '127.0.0.1', resolve));
    try {
      const run = await runFlow(deployFlow, values(images['2.0.0'] ?? '', { 'caddy-admin': '127.0.0.1:18798' }), localContext(new MemoryLogger()));
      expect(run.failure).toMatch(/caddy-admin: Caddy refused the new upstream 127\.0\.0\.1:\d+ \(HTTP 400: .*refused by policy.*\).*the new copy was removed and 1\.0\.0 on port \d+ keeps serving/s);
    } finally {
      stub.close();
    }
    expect(await projectContainers(idleSlot())).toEqual([]);
    expect(await serving()).toBe('1.0.0');
  });

  it('no free port in slot-ports: fails before anything starts', async () => {
    const servers = await Promise.all([18780, 18781].map((port) => new Promise<net.Server>((resolve) => { const server = net.createServer().listen(port, '127.0.0.1', () => resolve(server)); })));
    try {
      const run = await runFlow(deployFlow, values(images['2.0.0'] ?? '', { 'slot-ports': '18780-18781' }), localContext(new MemoryLogger()));
      expect(run.failure).toMatch(/slot-ports: no free port for the new copy in 18780-18781 \(in use: 18780, 18781; live copy on \d+\)/);
    } finally {
      servers.forEach((server) => server.close());
    }
    expect(await projectContainers(idleSlot())).toEqual([]);
    expect(await serving()).toBe('1.0.0');
  });

  it('SSH cut between start and switch: the old keeps serving, the next deploy cleans up the half-started copy', async () => {
    const slot = idleSlot();
    const log = new MemoryLogger();
    const context = localContext(log);
    const settings = deployFlow.parse(new Inputs(mapInputSource(values(images['2.0.0'] ?? ''), 'cli')), context);
    let cut = false;
    const result = await deployFleet(settings, context, {
      sessionOpened: (session) => {
        void (async () => {
          for (let i = 0; i < 300 && (await projectContainers(slot)).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
          const pid = await session.masterPid();
          if (pid) process.kill(pid, 'SIGKILL');
          cut = true;
        })();
      },
    });
    expect(cut).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.hosts[0]?.message).toMatch(/connection was lost|SSH/);
    expect(await serving()).toBe('1.0.0');
    expect(await projectContainers(slot)).not.toEqual([]);

    const next = new MemoryLogger();
    // The cut runner never released its lock: the next deploy breaks it as stale.
    const again = await runFlow(deployFlow, values(images['2.0.0'] ?? '', { 'lock-stale-after': '1s' }), localContext(next));
    expect(again.failure).toBeUndefined();
    expect(next.text()).toMatch(/removed 1 container\(s\) of slipway-zd-faults-\w+ left half-started by an earlier deploy/);
    expect(await serving()).toBe('2.0.0');
  });

  it('SSH cut right after the switch: the next deploy keeps the copy the proxy serves from; no request fails across both deploys', async () => {
    const before = readState(appDir, STATE);
    const oldProject = before.live_project ?? '';
    const oldPort = Number(before.live_port);
    const load = startLoad({ url: `http://127.0.0.1:${PROXY_PORT}/api/health`, maxRequests: 300_000, maxMs: 90_000, concurrency: 2 });
    const context = localContext(new MemoryLogger());
    const settings = deployFlow.parse(new Inputs(mapInputSource(values(images['3.0.0'] ?? ''), 'cli')), context);
    let cut = false;
    let finished = false;
    const result = await deployFleet(settings, context, {
      sessionOpened: (session) => {
        void (async () => {
          // The instant Caddy stops dialing the old copy (the switch took effect), the runner's connection drops.
          for (let i = 0; i < 2000 && !finished; i += 1) {
            // Caddy closes admin connections while it reloads the very config being switched: a failed poll is read again.
            const config: unknown = await fetch(`http://127.0.0.1:${ADMIN_PORT}/config/`).then((answer) => answer.json()).catch(() => undefined);
            if (config !== undefined && !loopbackPorts(config).includes(oldPort)) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          if (finished) return;
          const pid = await session.masterPid();
          if (pid) process.kill(pid, 'SIGKILL');
          cut = true;
        })();
      },
    });
    finished = true;
    expect(cut).toBe(true);
    expect(result.ok).toBe(false);
    // The cut left the new copy serving and the old one running, undrained.
    expect(await serving()).toBe('3.0.0');
    expect(await projectContainers(oldProject)).not.toEqual([]);

    const next = new MemoryLogger();
    const again = await runFlow(deployFlow, values(images['4.0.0'] ?? '', { 'lock-stale-after': '1s' }), localContext(next));
    await new Promise((resolve) => setTimeout(resolve, 300));
    load.stop();
    const requests = await load.done;
    // Two switches, one per deploy: at most one Caddy reload reset each (see the helper), nothing else.
    expect(requests.requests).toBeGreaterThan(50);
    expect(failuresBeyondCaddyReloads(requests, PROXY_PORT, 2)).toEqual([]);
    expect(again.failure).toBeUndefined();
    expect(next.text()).toContain(`container(s) of ${oldProject}, which an earlier deploy switched away from but did not drain`);
    expect(await serving()).toBe('4.0.0');
    // 4.0.0 took the old copy's slot once it was drained; 3.0.0 was drained and removed in turn.
    const after = readState(appDir, STATE);
    expect(after).toMatchObject({ live_project: oldProject, live_version: '4.0.0', previous_version: '3.0.0' });
    expect(await projectContainers(after.previous_project ?? '')).toEqual([]);
  });

  it('two deploys at once: the lock lets one switch, the other fails saying who holds it; no request fails', async () => {
    const load = startLoad({ url: `http://127.0.0.1:${PROXY_PORT}/api/health`, maxRequests: 200_000, maxMs: 60_000, concurrency: 2 });
    const runs = await Promise.all(['3.0.0', '4.0.0'].map((v) => runFlow(deployFlow, values(images[v] ?? '', { 'lock-timeout': '1s' }), localContext(new MemoryLogger()))));
    load.stop();
    const result = await load.done;
    const failures = runs.map((run) => run.failure).filter(Boolean);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/another deploy holds the lock/);
    expect(failuresBeyondCaddyReloads(result, PROXY_PORT, 1)).toEqual([]);
    expect(['3.0.0', '4.0.0']).toContain(await serving());
  });

  it('health turning red within the watch window switches back to the old copy while it still runs', async () => {
    const before = await serving();
    const run = await runFlow(deployFlow, values(images.red ?? '', { 'watch-window': '15s' }), localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/new version 5\.0\.0-red turned red \d+ s after the switch .*rolled back, the old version .* is serving again/s);
    expect(run.outputs['rolled-back']).toBe('true');
    // What serves now, and the version that failed (issue 16, finding 5).
    expect(run.outputs).toMatchObject({ version: before, 'previous-version': '5.0.0-red' });
    expect(await serving()).toBe(before);
    expect(await projectContainers(idleSlot())).toEqual([]);
  });

  it('a service that cannot run twice is refused before anything starts, naming the field and the fix', async () => {
    const dir = await prepareApp('zd-twice', [
      'services:', '  app:', '    image: ${APP_IMAGE:-x}', '    container_name: app', '    ports:', '      - "18799:8080"', '',
    ].join('\n'));
    const run = await runFlow(deployFlow, { ...values(images['2.0.0'] ?? ''), 'app-dir': dir, 'compose-project': 'slipway-zd-twice' }, localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/cannot run twice:\n- services\.app\.container_name is set \(found 'app'\).*Remove container_name/s);
    expect(run.failure).toMatch(/services\.app\.ports publishes host ports \(found .*18799.*\).*Remove ports:, use network_mode: host/s);
    expect(await projectContainers('slipway-zd-twice-blue')).toEqual([]);
  });
});
