import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { clearSecretsForTest } from '../../../src/core/secrets.js';
import { renderText } from '../../../src/core/summary.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { oneLineCheck, parseCheckList } from '../../../src/smoke/check-list.js';
import { smokeFlow } from '../../../src/smoke/flow.js';
import { runSmokeChecks, type SmokeOptions } from '../../../src/smoke/run.js';
import { freePort, json, makeCertificates, servername, startServer, type TestCertificates, type TestServer } from './servers.js';

/** Fast readiness for tests: short deadline, short backoff. */
const fast: Partial<SmokeOptions> = { timeoutMs: 2_500, consecutivePasses: 3, confirmIntervalMs: 30, retryBaseDelayMs: 50, retryMaxDelayMs: 300, requestTimeoutMs: 2_000 };

const servers: TestServer[] = [];
const started = async (server: Promise<TestServer>): Promise<TestServer> => {
  const s = await server;
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  clearSecretsForTest();
});

describe('readiness', () => {
  it('waits through a slow start and passes once the app answers three times in a row', async () => {
    const port = await freePort();
    const later = setTimeout(() => void started(startServer((_q, r) => json(r, 200, { status: 'pass', version: '1.4.2' }), { port })), 800);
    try {
      const report = await runSmokeChecks([oneLineCheck(`http://127.0.0.1:${port}/health`, 'url', { expectVersion: '1.4.2' })], { ...fast, timeoutMs: 5_000 }, new MemoryLogger());
      expect(report.passed).toBe(true);
      expect(report.checks[0]?.attempts).toBeGreaterThan(3);
      expect(report.versionSeen).toBe('1.4.2');
    } finally {
      clearTimeout(later);
    }
  });

  it('says plainly when nothing ever accepted a connection', async () => {
    const port = await freePort();
    const report = await runSmokeChecks([oneLineCheck(`http://127.0.0.1:${port}/health`, 'url')], { ...fast, timeoutMs: 800 }, new MemoryLogger());
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.reason).toMatch(new RegExp(`^connection refused until the deadline \\(\\d+ attempts over [\\d.]+ s\\): nothing accepted connections on 127.0.0.1:${port}$`));
  });

  it('fails a flapping service that never passes three times in a row', async () => {
    let count = 0;
    const server = await started(startServer((_q, r) => (count++ % 2 === 0 ? json(r, 200, { ok: true }) : json(r, 503, { ok: false }))));
    const report = await runSmokeChecks([oneLineCheck(server.url(), 'url')], { ...fast, timeoutMs: 1_500 }, new MemoryLogger());
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.reason).toMatch(/flapping/);
    expect(report.checks[0]?.attempts).toBeGreaterThan(4);
  });
});

describe('version and JSON', () => {
  it('keeps failing on a stale version until the deadline, naming both versions', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { status: 'ok', version: '1.4.1' })));
    const report = await runSmokeChecks([oneLineCheck(server.url(), 'url', { expectVersion: '1.4.2' })], { ...fast, timeoutMs: 1_000 }, new MemoryLogger());
    expect(report.passed).toBe(false);
    expect(report.versionSeen).toBe('1.4.1');
    expect(report.checks[0]?.reason).toMatch(/^expected version '1\.4\.2' at 'version', got '1\.4\.1' — the previous release is still answering: the deploy did not take \(\d+ attempts/);
  });

  it('passes as soon as the new version replaces the old one', async () => {
    let version = '1.4.1';
    setTimeout(() => { version = '1.4.2'; }, 500);
    const server = await started(startServer((_q, r) => json(r, 200, { build: { version } })));
    const [check] = parseCheckList(`- { name: api, url: "${server.url()}", expect-version: "1.4.2", version-path: build.version }`, 'checks');
    const report = await runSmokeChecks([check!], fast, new MemoryLogger());
    expect(report.passed).toBe(true);
    expect(report.checks[0]?.versionSeen).toBe('1.4.2');
  });

  it('fails on wrong JSON, naming the assertion and the value that came back', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { ok: true, database: 'disconnected', uptime: 3 })));
    const checks = parseCheckList(`
- name: api health
  url: ${server.url('/api/health')}
  expect-status: 200
  json:
    - ok == true
    - database == connected
    - uptime > 10
`, 'checks');
    const report = await runSmokeChecks(checks, { ...fast, timeoutMs: 300 }, new MemoryLogger());
    expect(report.checks[0]?.reason).toContain("expected database == connected, got 'disconnected'; expected uptime > 10, got 3");
    expect(report.checks[0]?.reason).toContain('body: {"ok":true,"database":"disconnected","uptime":3}');
  });

  it('understands health documents without configuration: status fail under a 200 is a failure', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { status: 'fail', checks: {} }, 'application/health+json')));
    const report = await runSmokeChecks([oneLineCheck(server.url(), 'url')], { ...fast, timeoutMs: 300 }, new MemoryLogger());
    expect(report.checks[0]?.reason).toMatch(/^the health document reports failure \(status: 'fail'\)/);
  });

  it('reports the expected status set and what came back, with the body cut short', async () => {
    const server = await started(startServer((_q, r) => { r.writeHead(502); r.end('x'.repeat(5_000)); }));
    const [check] = parseCheckList(`- { url: "${server.url()}", expect-status: [200, 204] }`, 'checks');
    const report = await runSmokeChecks([check!], { ...fast, timeoutMs: 300 }, new MemoryLogger());
    expect(report.checks[0]?.reason).toMatch(/^expected status 200 or 204, got 502 .*body: x{200}… \(5000 chars\)$/);
  });

  it('fails a response slower than the latency budget', async () => {
    const server = await started(startServer((_q, r) => setTimeout(() => json(r, 200, { ok: true }), 120)));
    const [check] = parseCheckList(`- { url: "${server.url()}", max-latency: 50ms }`, 'checks');
    const report = await runSmokeChecks([check!], { ...fast, timeoutMs: 300 }, new MemoryLogger());
    expect(report.checks[0]?.reason).toMatch(/^expected an answer within 50 ms, took \d+ ms/);
  });
});

describe('TLS', () => {
  let certificates: TestCertificates;
  beforeAll(() => { certificates = makeCertificates(); });
  afterAll(() => fs.rmSync(certificates.dir, { recursive: true, force: true }));

  it('verifies certificates by default: a private CA fails without the CA input and passes with it', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { ok: true }), { tls: certificates }));
    const check = oneLineCheck(server.url(), 'url');
    const untrusted = await runSmokeChecks([check], { ...fast, timeoutMs: 300 }, new MemoryLogger());
    expect(untrusted.checks[0]?.reason).toMatch(/^TLS verification failed \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    const trusted = await runSmokeChecks([check], { ...fast, caCertificates: [certificates.caCert] }, new MemoryLogger());
    expect(trusted.passed).toBe(true);
  });

  it('pins the Host header and SNI name while dialling another address, like curl --resolve', async () => {
    const seen: Array<{ host?: string; sni?: string | false | null }> = [];
    const server = await started(startServer((q, r) => {
      seen.push({ host: q.headers.host, sni: servername(q) });
      json(r, 200, { ok: true });
    }, { tls: certificates }));
    const [check] = parseCheckList(`- { url: "https://app.test:${server.port}/health", connect-to: 127.0.0.1 }`, 'checks');
    const report = await runSmokeChecks([check!], { ...fast, caCertificates: [certificates.caCert] }, new MemoryLogger());
    expect(report.passed).toBe(true);
    expect(seen[0]).toEqual({ host: `app.test:${server.port}`, sni: 'app.test' });
  });

  it('rejects a certificate for another name even when the CA is trusted', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { ok: true }), { tls: certificates }));
    const [check] = parseCheckList(`- { url: "https://other.test:${server.port}/health", connect-to: "127.0.0.1:${server.port}" }`, 'checks');
    const report = await runSmokeChecks([check!], { ...fast, timeoutMs: 300, caCertificates: [certificates.caCert] }, new MemoryLogger());
    expect(report.checks[0]?.reason).toMatch(/^TLS verification failed \(ERR_TLS_CERT_ALTNAME_INVALID/);
  });
});

describe('soak', () => {
  it('reports percentiles and passes within budgets', async () => {
    const server = await started(startServer((_q, r) => json(r, 200, { ok: true })));
    const report = await runSmokeChecks([oneLineCheck(server.url(), 'url')], { ...fast, soak: { requests: 200, durationMs: 5_000, concurrency: 4, maxErrorRate: 0, maxP95Ms: 500 } }, new MemoryLogger());
    expect(report.passed).toBe(true);
    expect(report.checks[0]?.soak).toMatchObject({ requests: 200, errors: 0 });
    expect(report.checks[0]?.soak?.p95Ms).toBeGreaterThanOrEqual(report.checks[0]?.soak?.p50Ms ?? 0);
  });

  it('fails above the error budget, bounded by the request count', async () => {
    let count = 0;
    const server = await started(startServer((_q, r) => (++count > 3 && count % 10 === 0 ? json(r, 500, { ok: false }) : json(r, 200, { ok: true }))));
    const report = await runSmokeChecks([oneLineCheck(server.url(), 'url')], { ...fast, soak: { requests: 100, durationMs: 5_000, concurrency: 2, maxErrorRate: 0.01 } }, new MemoryLogger());
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.soak?.requests).toBe(100);
    expect(report.checks[0]?.reason).toMatch(/^soak error rate 10% is above the budget 1% \(10 of 100; first: expected status 2xx, got 500/);
  });
});

describe('the smoke flow, as the CLI runs it', () => {
  it('sends a secret header without ever printing it, and fills outputs and the summary table', async () => {
    const token = 'Bearer smoke-secret-token-123';
    const server = await started(startServer((q, r) => (q.headers.authorization === token
      ? json(r, 200, { status: 'pass', version: '2.0.0' })
      : json(r, 401, { error: `bad token ${q.headers.authorization}` }))));
    const log = new MemoryLogger();
    const context = localContext(log);
    const good = await runFlow(smokeFlow, { url: server.url(), 'expect-version': '2.0.0', 'secret-headers': `Authorization=${token}`, timeout: '3s', 'consecutive-passes': '1' }, context);
    expect(good.failure).toBeUndefined();
    expect(good.outputs).toMatchObject({ passed: 'true', 'version-seen': '2.0.0' });
    expect(JSON.parse(good.outputs.results ?? '[]')).toEqual([expect.objectContaining({ passed: true, status: 200, versionSeen: '2.0.0', attempts: 1 })]);
    const table = renderText(smokeFlow.summary(good.result));
    expect(table).toMatch(/Check\s+Status\s+Latency\s+Attempts\s+Details/);
    expect(table).toMatch(/127\.0\.0\.1:\d+\/health\s+✅ pass\s+\d+ ms\s+1\s+HTTP 200, version 2\.0\.0, health pass/);

    const bad = await runFlow(smokeFlow, { url: server.url(), 'secret-headers': 'Authorization=Bearer smoke-wrong-token-456', timeout: '300ms' }, context);
    expect(bad.failure).toMatch(/^smoke check '127\.0\.0\.1:\d+\/health' \(http:\/\/127\.0\.0\.1:\d+\/health\) failed: expected status 2xx, got 401 \(\d+ attempts? over .*\); body: \{"error":"bad token \*\*\*"\}$/);
    const everything = [log.text(), bad.failure, JSON.stringify(bad.outputs), renderText(smokeFlow.summary(bad.result))].join('\n');
    expect(everything).not.toContain('smoke-wrong-token-456');
    expect(everything).not.toContain('smoke-secret-token-123');
  });

  it('fails on a malformed check list before sending any request', async () => {
    let requests = 0;
    const server = await started(startServer((_q, r) => { requests += 1; json(r, 200, { ok: true }); }));
    const checks = `- { name: home, url: "${server.url('/')}" }\n- { name: api, url: "${server.url()}", json: ["version = 1.0"] }`;
    await expect(runFlow(smokeFlow, { checks }, localContext(new MemoryLogger()))).rejects.toThrow(
      "--checks item 2 'api': assertion 'version = 1.0' has an unknown operator (found '=', expected one of ==, !=, <, >, equals, not-equals, contains, matches, exists, lt, gt)",
    );
    expect(requests).toBe(0);
  });
});
