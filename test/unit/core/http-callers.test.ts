import crypto from 'node:crypto';
import type http from 'node:http';
import { lastSuccessfulRun, trackDrillIssue } from '../../../src/drill/forge.js';
import { anonymousManifestStatus, readServedImage } from '../../../src/image/registry-manifest.js';
import { probeRegistry } from '../../../src/image/registry-probe.js';
import { pullRequestState, upsertPreviewComment } from '../../../src/preview/forge.js';
import { upsertComment } from '../../../src/scan/report/comment.js';
import { makeCertificates, type TestCertificates } from '../../integration/smoke/servers.js';
import { startMisbehaving, type Answer, type Misbehaviour } from '../../support/misbehaving-server.js';

// Every product caller that talks HTTP, against servers that fail the ways real ones do. Each call
// must end by its own deadline (or at once on a cancel) with an error naming what it asked and
// where, never with a secret; a server that is merely slow or redirects must still work.

const SECRET = 'hunter2-s3cret-tok3n';
const TIMEOUT_MS = 1500;
/** Far below the callers' production deadlines (15-30 s): a call that ignores its budget fails here. */
const CASE_TIMEOUT_MS = 8000;

const manifestConfig = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64' }));
const configDigest = `sha256:${crypto.createHash('sha256').update(manifestConfig).digest('hex')}`;
const manifestBytes = Buffer.from(JSON.stringify({
  schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { digest: configDigest }, layers: [{ digest: 'sha256:'.padEnd(71, 'a') }],
}));
const manifestDigest = `sha256:${crypto.createHash('sha256').update(manifestBytes).digest('hex')}`;

/** A healthy registry (basic auth for `ci`) and forge, in one handler. */
const healthy: Answer = (request: http.IncomingMessage, response: http.ServerResponse) => {
  const url = new URL(request.url ?? '/', 'http://x');
  const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  };
  if (url.pathname === '/v2/') {
    if (request.headers.authorization === `Basic ${Buffer.from(`ci:${SECRET}`).toString('base64')}`) return send(200, {});
    return send(401, {}, { 'www-authenticate': 'Basic realm="registry"' });
  }
  if (url.pathname.startsWith('/v2/team/app/manifests/')) return send(200, manifestBytes, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
  if (url.pathname === `/v2/team/app/blobs/${configDigest}`) return send(200, manifestConfig);
  if (url.pathname.startsWith('/v2/team/app/blobs/')) return send(200, Buffer.alloc(0));
  if (url.pathname.endsWith('/actions/workflows/restore-drill.yml/runs')) return send(200, { workflow_runs: [{ updated_at: '2026-11-20T00:00:00Z', conclusion: 'success' }] });
  if (url.pathname === '/repos/team/app/issues' && request.method === 'GET') return send(200, []);
  if (url.pathname === '/repos/team/app/issues' && request.method === 'POST') return send(201, { number: 4, html_url: 'http://forge/4' });
  if (url.pathname === '/repos/team/app/pulls/5') return send(200, { state: 'open' });
  if (url.pathname === '/repos/team/app/issues/5/comments' && request.method === 'GET') return send(200, []);
  if (url.pathname === '/repos/team/app/issues/5/comments' && request.method === 'POST') return send(201, { id: 9 });
  return send(404, { message: 'not found' });
};

interface Budget { requestTimeoutMs: number; signal?: AbortSignal }
interface Caller {
  name: string;
  /** What the error must say was asked. */
  asked: RegExp;
  https: boolean;
  call: (origin: string, hostPort: string, budget: Budget) => Promise<unknown>;
  /** What a healthy (slow or redirected) server's answer turns into. */
  healthyResult: unknown;
}

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, group: <T>(_: string, body: () => Promise<T>) => body() };
const forgeOf = (origin: string) => ({ kind: 'github' as const, apiUrl: origin, repository: 'team/app', token: SECRET });
const report = { name: 'nightly', kind: 'drill' as const, startedAt: '2026-11-25T02:00:00Z', finishedAt: '2026-11-25T02:05:00Z', passed: false, restores: [], checks: [] };

const callers: Caller[] = [
  {
    name: 'the registry probe before a push (registry-probe)',
    asked: /GET \/v2\//, https: false,
    call: (_origin, hostPort, budget) => probeRegistry({
      registry: hostPort, repository: 'team/app', username: 'ci', password: SECRET,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, maxRateLimitWaitMs: 0, log: silentLog, ...budget,
    }),
    healthyResult: { ok: true, auth: 'basic' },
  },
  {
    name: 'the read-back of a pushed digest (registry-manifest readServedImage)',
    asked: /GET \/v2\/team\/app\/manifests\//, https: false,
    call: (_origin, hostPort, budget) => readServedImage({ registry: hostPort, repository: 'team/app', digest: manifestDigest, platform: 'linux/amd64', credentials: { username: 'ci', password: SECRET }, ...budget }),
    healthyResult: { platform: 'linux/amd64', layers: 1 },
  },
  {
    name: 'the anonymous pull check (registry-manifest anonymousManifestStatus)',
    asked: /GET \/v2\/team\/app\/manifests\//, https: false,
    call: (_origin, hostPort, budget) => anonymousManifestStatus({ registry: hostPort, repository: 'team/app', digest: manifestDigest, ...budget }),
    healthyResult: 200,
  },
  {
    name: "the drill's staleness read (drill/forge lastSuccessfulRun)",
    asked: /GET \/repos\/team\/app\/actions\/workflows\/restore-drill\.yml\/runs/, https: true,
    call: (origin, _hostPort, budget) => lastSuccessfulRun(forgeOf(origin), 'restore-drill.yml', { timeoutMs: budget.requestTimeoutMs, signal: budget.signal }),
    healthyResult: { at: new Date('2026-11-20T00:00:00Z'), url: undefined },
  },
  {
    name: "the drill's failure issue (drill/forge trackDrillIssue)",
    asked: /GET \/repos\/team\/app\/issues/, https: true,
    call: (origin, _hostPort, budget) => trackDrillIssue(forgeOf(origin), { enabled: true, title: 'drill failing', labels: [] }, report, [{ name: 'rows', passed: false, detail: '0' }], undefined, { timeoutMs: budget.requestTimeoutMs, signal: budget.signal }),
    healthyResult: { action: 'opened', number: 4, url: 'http://forge/4' },
  },
  {
    name: "the preview reaper's PR state (preview/forge pullRequestState)",
    asked: /GET \/repos\/team\/app\/pulls\/5/, https: true,
    call: (origin, _hostPort, budget) => pullRequestState(forgeOf(origin), 5, undefined, { timeoutMs: budget.requestTimeoutMs, signal: budget.signal }),
    healthyResult: 'open',
  },
  {
    name: "the preview's PR comment (preview/forge upsertPreviewComment)",
    asked: /GET \/repos\/team\/app\/issues\/5\/comments/, https: true,
    call: (origin, _hostPort, budget) => upsertPreviewComment(forgeOf(origin), { pr: 5, url: 'https://pr-5.example', version: '1.0', status: 'live' }, undefined, { timeoutMs: budget.requestTimeoutMs, signal: budget.signal }),
    healthyResult: 'created',
  },
  {
    name: "the secret scan's PR comment (scan/report/comment upsertComment)",
    asked: /GET \/repos\/team\/app\/issues\/5\/comments/, https: true,
    call: (origin, _hostPort, budget) => upsertComment({ forge: 'github', apiUrl: origin, repository: 'team/app', pullNumber: 5, token: SECRET }, 'found', true, undefined, { timeoutMs: budget.requestTimeoutMs, signal: budget.signal }),
    healthyResult: { action: 'created', id: 9 },
  },
];

let certificates: TestCertificates;
beforeAll(() => { certificates = makeCertificates(); });

async function timed(kind: Misbehaviour, caller: Caller, abortAfterMs?: number): Promise<{ outcome: unknown; error?: Error; ms: number; hostPort: string; requests: number }> {
  const server = await startMisbehaving(kind, healthy, { key: certificates.serverKey, cert: certificates.serverCert });
  const controller = new AbortController();
  const abort = abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  const started = Date.now();
  try {
    const outcome = await caller.call(server.origin, server.hostPort, { requestTimeoutMs: TIMEOUT_MS, signal: controller.signal });
    return { outcome, ms: Date.now() - started, hostPort: server.hostPort, requests: server.requests.length };
  } catch (error) {
    return { outcome: undefined, error: error as Error, ms: Date.now() - started, hostPort: server.hostPort, requests: server.requests.length };
  } finally {
    clearTimeout(abort);
    await server.close();
  }
}

function expectNamedFailure(result: Awaited<ReturnType<typeof timed>>, caller: Caller, problem: RegExp): void {
  expect(result.error).toBeDefined();
  const message = result.error?.message ?? '';
  expect(message).toContain(result.hostPort);
  expect(message).toMatch(caller.asked);
  expect(message).toMatch(problem);
  expect(message).not.toContain(SECRET);
  expect(message).not.toContain(Buffer.from(`ci:${SECRET}`).toString('base64'));
  expect(message).not.toMatch(/authorization/i);
}

describe.each(callers)('$name', (caller) => {
  it('fails at once, naming the request and host:port, when the server accepts and closes', async () => {
    const result = await timed('close-at-once', caller);
    expectNamedFailure(result, caller, /closed before any answer/);
    expect(result.ms).toBeLessThan(TIMEOUT_MS);
  }, CASE_TIMEOUT_MS);

  it('gives up at its own deadline when the server accepts and never answers', async () => {
    const result = await timed('never-answer', caller);
    expectNamedFailure(result, caller, new RegExp(`no complete answer within ${TIMEOUT_MS} ms`));
    expect(result.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(result.ms).toBeLessThan(TIMEOUT_MS + 1000);
  }, CASE_TIMEOUT_MS);

  it('gives up at its own deadline when the headers arrive and the body stalls', async () => {
    const result = await timed('stall-body', caller);
    expectNamedFailure(result, caller, new RegExp(`no complete answer within ${TIMEOUT_MS} ms`));
    expect(result.ms).toBeLessThan(TIMEOUT_MS + 1000);
  }, CASE_TIMEOUT_MS);

  it('ends at once on a cancel, naming the request', async () => {
    const result = await timed('never-answer', caller, 200);
    expectNamedFailure(result, caller, /cancelled/);
    expect(result.ms).toBeLessThan(700);
  }, CASE_TIMEOUT_MS);

  it('works with a server that is slow but answers within the deadline', async () => {
    const result = await timed('slow-but-fine', caller);
    expect(result.error).toBeUndefined();
    expect(result.outcome).toEqual(caller.healthyResult);
  }, CASE_TIMEOUT_MS);

  it('follows a same-origin redirect as before', async () => {
    const result = await timed('redirect', caller);
    expect(result.error).toBeUndefined();
    expect(result.outcome).toEqual(caller.healthyResult);
  }, CASE_TIMEOUT_MS);

  if (caller.https) {
    it('fails fast on a certificate it does not trust, naming host:port', async () => {
      const result = await timed('tls-untrusted', caller);
      expectNamedFailure(result, caller, /TLS verification failed/);
      expect(result.ms).toBeLessThan(TIMEOUT_MS);
    }, CASE_TIMEOUT_MS);
  }
});
