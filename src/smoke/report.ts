import { redact } from '../core/secrets.js';
import { Summary } from '../core/summary.js';
import type { SmokeReport } from './run.js';
import { percent } from './soak.js';

const ms = (value: number): string => `${Math.round(value)} ms`;

export function smokeSummary(report: SmokeReport): Summary {
  const failed = report.checks.filter((check) => !check.passed).length;
  const summary = new Summary().heading(
    report.passed ? `Smoke test passed (${report.checks.length} check${report.checks.length === 1 ? '' : 's'})` : `Smoke test failed (${failed} of ${report.checks.length} checks)`,
  );
  summary.table(
    ['Check', 'Status', 'Latency', 'Attempts', 'Details'],
    report.checks.map((check) => [
      check.name,
      check.passed ? '✅ pass' : '❌ fail',
      ms(check.latencyMs),
      String(check.attempts),
      check.passed ? passDetails(check) : redact(check.reason ?? 'failed'),
    ]),
  );
  const soaked = report.checks.filter((check) => check.soak);
  if (soaked.length > 0) {
    summary.table(
      ['Soak', 'Requests', 'Rate', 'p50', 'p95', 'Errors'],
      soaked.map((check) => {
        const soak = check.soak!;
        return [check.name, String(soak.requests), `${Math.round(soak.requestsPerSecond)}/s`, ms(soak.p50Ms), ms(soak.p95Ms), `${soak.errors} (${percent(soak.errorRate)})`];
      }),
    );
  }
  if (report.versionSeen !== undefined) summary.text(`Version seen: \`${report.versionSeen}\``);
  return summary;
}

function passDetails(check: SmokeReport['checks'][number]): string {
  const parts = [`HTTP ${check.status}`];
  if (check.versionSeen !== undefined) parts.push(`version ${check.versionSeen}`);
  if (check.health && check.health !== 'none') parts.push(`health ${check.health}`);
  return parts.join(', ');
}

export function smokeOutputs(report: SmokeReport): Record<string, string> {
  return {
    passed: String(report.passed),
    'version-seen': report.versionSeen ?? '',
    results: redact(JSON.stringify(report.checks.map((check) => ({
      name: check.name,
      url: check.url,
      passed: check.passed,
      status: check.status ?? null,
      latencyMs: Math.round(check.latencyMs),
      attempts: check.attempts,
      versionSeen: check.versionSeen ?? null,
      reason: check.reason ?? null,
      soak: check.soak ? { requests: check.soak.requests, errors: check.soak.errors, p50Ms: Math.round(check.soak.p50Ms), p95Ms: Math.round(check.soak.p95Ms) } : null,
    })))),
  };
}

/** One line per failing check: its name, the expectation and what came back. */
export function smokeFailure(report: SmokeReport): string | undefined {
  if (report.passed) return undefined;
  return redact(report.checks.filter((check) => !check.passed).map((check) => `smoke check '${check.name}' (${check.url}) failed: ${check.reason}`).join('\n'));
}
