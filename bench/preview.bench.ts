// Preview routing under production load: 20 preview create/destroy cycles on a
// Caddy that also serves production, two ways side by side in one run:
//   static   — one wildcard site computes each preview's port from its host name
//              (src/preview/proxy.ts): creating a preview changes no proxy config;
//   per-route — a route added through Caddy's admin API per preview and deleted
//              after (each change is a config reload of the whole server).
// Production is loaded through the same listener by two bounded loops: one new
// connection per request, and keep-alive connections (what a reload closes).
// A "preview" here is a loopback httpd on the preview's port, so only the proxy
// side differs between the two ways; the integration test runs real previews.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from '../src/demo/load-loop.js';
import { caddyPreviewSite } from '../src/preview/proxy.js';

const LISTEN = 46180;
const ADMIN = '127.0.0.1:46991';
const PROD = 46199;
const PORT_BASE = 46000;
const CYCLES = 20;
const HOLD_MS = 250;

interface Tally { requests: number; failed: number; failures: string[]; latencies: number[] }

function get(agent: http.Agent | false, hostName: string, port = LISTEN): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent, headers: { host: hostName }, timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', (e) => resolve({ status: 0, body: e.message }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, body: error.message }));
  });
}

/** A bounded loop on production (at most `max` requests), until stopped. */
function loadProduction(keepAlive: boolean, max = 50_000): { stop(): Promise<Tally> } {
  const tally: Tally = { requests: 0, failed: 0, failures: [], latencies: [] };
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 2 }) : false;
  let running = true;
  const worker = async () => {
    while (running && tally.requests < max) {
      const started = performance.now();
      const { status, body } = await get(agent, 'prod.localhost');
      tally.latencies.push(performance.now() - started);
      tally.requests += 1;
      if (status !== 200 || !body.startsWith('production')) {
        tally.failed += 1;
        if (tally.failures.length < 5) tally.failures.push(`${status} ${body.slice(0, 80)}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const workers = [worker(), worker()];
  return { stop: async () => { running = false; await Promise.all(workers); if (agent) agent.destroy(); return tally; } };
}

function serve(dir: string, port: number, text: string): ChildProcess {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), text);
  return spawn('busybox', ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir], { stdio: 'ignore' });
}

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function caddyVersion(): string {
  try {
    return execFileSync('caddy', ['version'], { encoding: 'utf8' }).trim().split(' ')[0] ?? '?';
  } catch {
    return '?';
  }
}

async function admin(method: string, route: string, body?: unknown): Promise<void> {
  const response = await fetch(`http://${ADMIN}${route}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`admin ${method} ${route}: ${response.status} ${await response.text()}`);
}

async function cycles(way: 'static' | 'per-route', dir: string): Promise<{ prod: Tally; keepAlive: Tally; cycleMs: number[] }> {
  const prod = loadProduction(false);
  const keepAlive = loadProduction(true);
  const cycleMs: number[] = [];
  for (let i = 1; i <= CYCLES; i += 1) {
    const started = performance.now();
    const pr = 900 + i;
    const host = way === 'static' ? `pr-${pr}.preview.localhost` : `pr-${pr}.route.localhost`;
    const backend = serve(path.join(dir, `pr-${pr}`), PORT_BASE + (pr % 1000), `preview ${pr}`);
    if (way === 'per-route') {
      await admin('PUT', '/config/apps/http/servers/srv0/routes/0', {
        '@id': `hp-pr-${pr}`, match: [{ host: [host] }], handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: `127.0.0.1:${PORT_BASE + (pr % 1000)}` }] }], terminal: true,
      });
    }
    await until(async () => (await get(false, host)).body === `preview ${pr}`);
    // The preview lives a moment (people look at it) while production keeps serving.
    await new Promise((r) => setTimeout(r, HOLD_MS));
    if (way === 'per-route') await admin('DELETE', `/id/hp-pr-${pr}`);
    backend.kill('SIGTERM');
    cycleMs.push(performance.now() - started);
  }
  return { prod: await prod.stop(), keepAlive: await keepAlive.stop(), cycleMs };
}

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string }>; notes: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-preview-bench-'));
  const prod = serve(path.join(dir, 'prod'), PROD, 'production');
  const caddyfile = [
    '{', `\tadmin ${ADMIN}`, '\tauto_https off', '}',
    `http://prod.localhost:${LISTEN} {\n\tbind 127.0.0.1\n\treverse_proxy 127.0.0.1:${PROD}\n}`,
    caddyPreviewSite('preview.localhost', PORT_BASE, { listen: `http://*.preview.localhost:${LISTEN}`, bind: '127.0.0.1' }),
    `http://*.route.localhost:${LISTEN} {\n\tbind 127.0.0.1\n\trespond "no route" 404\n}`,
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'Caddyfile'), caddyfile);
  const caddy = spawn('caddy', ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    stdio: 'ignore', env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') },
  });
  try {
    await until(async () => (await get(false, 'prod.localhost')).body.startsWith('production'), 10_000);
    const ways = { static: await cycles('static', dir), 'per-route': await cycles('per-route', dir) };
    const rows = Object.entries(ways).flatMap(([way, r]) => [
      { metric: `${way}: production failed requests, new connection each (${CYCLES} preview cycles)`, value: `${r.prod.failed} of ${r.prod.requests}`, target: way === 'static' ? '0' : '-' },
      { metric: `${way}: production failed requests, keep-alive`, value: `${r.keepAlive.failed} of ${r.keepAlive.requests}`, target: way === 'static' ? '0' : '-' },
      { metric: `${way}: production p99 latency`, value: `${percentile(r.prod.latencies, 99).toFixed(1)} ms`, target: '-' },
      { metric: `${way}: preview create+reach+destroy, median`, value: `${percentile(r.cycleMs, 50).toFixed(0)} ms`, target: '-' },
    ]);
    const failures = Object.entries(ways).flatMap(([way, r]) => [...r.prod.failures, ...r.keepAlive.failures].map((f) => `${way} failure: ${f}`)).slice(0, 6);
    return { title: 'preview routing (static wildcard vs a Caddy route per preview)', rows, notes: [`Caddy ${caddyVersion()}; each preview lives ${HOLD_MS} ms; previews are loopback httpds on port-base + pr; production through the same listener`, ...failures] };
  } finally {
    caddy.kill('SIGTERM');
    prod.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
