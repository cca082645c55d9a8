// smoke-test: what a check costs beyond its HTTP request, and how close the soak
// loop comes to a plain loop over Node's fetch against the same loopback server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/core/log.js';
import { oneLineCheck, parseCheckList } from '../src/smoke/check-list.js';
import { probe } from '../src/smoke/http-probe.js';
import { runSmokeChecks } from '../src/smoke/run.js';
import { soak } from '../src/smoke/soak.js';
import { median } from './stats.js';

const BODY = JSON.stringify({ status: 'pass', version: '1.4.2', database: 'connected', checks: { db: [{ status: 'pass' }] } });

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/health+json' });
    response.end(BODY);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The same request a check makes (fresh connection, whole body), with nothing around it. */
function rawRequest(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      response.on('data', () => undefined);
      response.on('end', resolve);
    }).on('error', reject);
  });
}

async function fetchLoop(url: string, requests: number, concurrency: number): Promise<number> {
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < requests) {
      issued += 1;
      const response = await fetch(url);
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (requests * 1000) / (performance.now() - started);
}

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }>; notes: string[] }> {
  const server = await startServer();
  try {
    // Overhead per check: a full readiness run of one passing check (validated check,
    // assertions, version, health document, report) against the bare request, interleaved.
    const [check] = parseCheckList(`- { url: "${server.url}", expect-version: "1.4.2", expect-status: 200, json: ["database == connected", "checks.db[0].status == pass"] }`, 'checks');
    const options = { consecutivePasses: 1, timeoutMs: 5_000 };
    const rounds = 300;
    const raw: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 30; i += 1) { await rawRequest(server.url); await runSmokeChecks([check!], options, silentLogger); }
    for (let i = 0; i < rounds; i += 1) {
      let started = performance.now();
      await rawRequest(server.url);
      raw.push(performance.now() - started);
      started = performance.now();
      const report = await runSmokeChecks([check!], options, silentLogger);
      full.push(performance.now() - started);
      if (!report.passed) throw new Error(`bench check failed: ${report.checks[0]?.reason}`);
    }
    const overhead = Math.max(0, median(full) - median(raw));

    // Soak rate vs a plain fetch loop, same server, same concurrency, alternating, best of three.
    const requests = 4_000;
    const concurrency = 8;
    const soakCheck = oneLineCheck(server.url, 'url');
    const transport = { requestTimeoutMs: 10_000 };
    await soak(soakCheck, { requests: 500, durationMs: 30_000, concurrency, maxErrorRate: 0 }, transport);
    await fetchLoop(server.url, 500, concurrency);
    let bestSoak = 0;
    let bestFetch = 0;
    for (let i = 0; i < 3; i += 1) {
      const result = await soak(soakCheck, { requests, durationMs: 60_000, concurrency, maxErrorRate: 0 }, transport);
      if (result.errors > 0) throw new Error(`soak had errors: ${result.firstError}`);
      bestSoak = Math.max(bestSoak, result.requestsPerSecond);
      bestFetch = Math.max(bestFetch, await fetchLoop(server.url, requests, concurrency));
    }
    const ratio = bestSoak / bestFetch;
    // Keep the probe import honest: one direct probe so a broken transport fails the bench loudly.
    const single = await probe(soakCheck, transport);
    if (!single.ok) throw new Error(`probe failed: ${single.message}`);
    return {
      title: 'smoke-test',
      rows: [
        { metric: 'overhead per check beyond the request (median of 300, one passing check with version + 2 JSON assertions)', value: `${overhead.toFixed(2)} ms (check ${median(full).toFixed(2)} ms, bare request ${median(raw).toFixed(2)} ms)`, target: '< 5 ms' },
        { metric: `soak rate vs plain fetch loop (${requests} requests, concurrency ${concurrency}, loopback, best of 3)`, value: `${Math.round(bestSoak)}/s vs ${Math.round(bestFetch)}/s = ${ratio.toFixed(2)}`, target: '≥ 0.9', ratio },
      ],
      notes: ['Both loops keep connections alive; the soak also evaluates every answer against its check (status, health document, assertions).'],
    };
  } finally {
    await server.close();
  }
}
