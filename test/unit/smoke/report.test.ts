import { clearSecretsForTest, registerSecret } from '../../../src/core/secrets.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { ANY_SUCCESS, type SmokeCheck } from '../../../src/smoke/check.js';
import { evaluateAttempt } from '../../../src/smoke/evaluate.js';
import { smokeFailure, smokeOutputs, smokeSummary } from '../../../src/smoke/report.js';
import type { SmokeReport } from '../../../src/smoke/run.js';
import { percentile } from '../../../src/smoke/soak.js';

afterEach(() => clearSecretsForTest());

const check: SmokeCheck = {
  name: 'api', url: 'http://127.0.0.1:8000/health', method: 'GET', headers: {}, expectStatus: ANY_SUCCESS, json: [], bodyContains: [], bodyMatches: [],
  versionPath: 'version', expectVersion: '2.0.0', healthDocument: true,
};
const answer = (status: number, body: string) => ({ ok: true as const, status, contentType: 'application/json', body, bodyTruncated: false, latencyMs: 12 });

describe('evaluating one answer', () => {
  it('lists every unmet expectation with what came back, and marks a stale version', () => {
    const verdict = evaluateAttempt(check, answer(503, '{"status":"fail","version":"1.9.0"}'));
    expect(verdict.problems).toEqual([
      'expected status 2xx, got 503',
      "the health document reports failure (status: 'fail')",
      "expected version '2.0.0' at 'version', got '1.9.0'",
    ]);
    expect(verdict).toMatchObject({ passed: false, staleVersion: true, versionSeen: '1.9.0', health: 'fail' });
  });

  it('says when the body is not JSON, and cuts and redacts the body excerpt', () => {
    registerSecret('hidden-token-999');
    const verdict = evaluateAttempt(check, answer(200, `<html>hidden-token-999 ${'y'.repeat(400)}</html>`));
    expect(verdict.problems).toEqual(["expected version '2.0.0' at 'version', but the body is not JSON"]);
    expect(verdict.bodyExcerpt).toMatch(/^<html>\*\*\* y+… \(\d+ chars\)$/);
    expect(verdict.bodyExcerpt?.length).toBeLessThan(230);
  });

  it('passes a matching answer', () => {
    expect(evaluateAttempt(check, answer(200, '{"ok":true,"version":"2.0.0"}'))).toMatchObject({ passed: true, problems: [], health: 'pass' });
  });
});

describe('the report', () => {
  const report: SmokeReport = {
    passed: false,
    durationMs: 100,
    versionSeen: '1.9.0',
    checks: [
      { name: 'home', url: 'http://a/', passed: true, attempts: 3, latencyMs: 8.4, status: 200, durationMs: 10, health: 'none' },
      { name: 'api', url: 'http://a/api', passed: false, attempts: 12, latencyMs: 20, status: 200, versionSeen: '1.9.0', durationMs: 30_000, reason: "expected version '2.0.0' at 'version', got '1.9.0' (12 attempts over 30 s)" },
    ],
  };

  it('renders a table of check, status, latency, attempts and what failed', () => {
    expect(renderMarkdown(smokeSummary(report))).toBe([
      '### Smoke test failed (1 of 2 checks)',
      '',
      '| Check | Status | Latency | Attempts | Details |',
      '| --- | --- | --- | --- | --- |',
      '| home | ✅ pass | 8 ms | 3 | HTTP 200 |',
      "| api | ❌ fail | 20 ms | 12 | expected version '2.0.0' at 'version', got '1.9.0' (12 attempts over 30 s) |",
      '',
      'Version seen: `1.9.0`',
      '',
    ].join('\n'));
  });

  it('fills outputs and a failure naming the check, the expectation and what came back', () => {
    expect(smokeOutputs(report)).toMatchObject({ passed: 'false', 'version-seen': '1.9.0' });
    expect(smokeFailure(report)).toBe("smoke check 'api' (http://a/api) failed: expected version '2.0.0' at 'version', got '1.9.0' (12 attempts over 30 s)");
    expect(smokeFailure({ ...report, passed: true })).toBeUndefined();
  });
});

describe('percentiles', () => {
  it('use the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile([], 95), percentile([7], 50)]).toEqual([50, 95, 0, 7]);
  });
});
