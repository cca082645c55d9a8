import { performance } from 'node:perf_hooks';
import type { Logger } from '../core/log.js';
import type { SmokeCheck } from './check.js';
import type { ConnectOverride, ProbeTransport } from './http-probe.js';
import { waitUntilReady, type ReadinessOptions } from './readiness.js';
import { soak, type SoakOptions, type SoakResult } from './soak.js';

export interface SmokeOptions extends ReadinessOptions {
  requestTimeoutMs: number;
  /** PEM certificates to trust besides the system roots (a private CA). */
  caCertificates?: string[];
  /** Dial this address (or what the function returns per URL) instead of the URL's host: a forwarded port. */
  connect?: ConnectOverride;
  soak?: SoakOptions;
}

export const DEFAULT_SMOKE_OPTIONS: SmokeOptions = {
  timeoutMs: 60_000,
  consecutivePasses: 3,
  // Passes in a row 100 ms apart: a restarting app's answers do not line up that fast by chance.
  confirmIntervalMs: 100,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 5_000,
  requestTimeoutMs: 10_000,
};

export interface CheckOutcome {
  name: string;
  url: string;
  passed: boolean;
  attempts: number;
  /** Latency of the last request (the passing one when passed). */
  latencyMs: number;
  status?: number;
  versionSeen?: string;
  expectVersion?: string;
  health?: string;
  /** Why it failed: the expectation and what came back. */
  reason?: string;
  durationMs: number;
  soak?: SoakResult;
}

export interface SmokeReport {
  passed: boolean;
  checks: CheckOutcome[];
  /** The version the first check that reports one saw. */
  versionSeen?: string;
  durationMs: number;
}

/**
 * The plain API other flows call (ssh-deploy, the restore drill): every check
 * waits for readiness in parallel, then the optional soak runs check by check.
 */
export async function runSmokeChecks(checks: SmokeCheck[], options: Partial<SmokeOptions>, log: Logger): Promise<SmokeReport> {
  const settings: SmokeOptions = { ...DEFAULT_SMOKE_OPTIONS, ...options };
  const started = performance.now();
  const transport: ProbeTransport = { requestTimeoutMs: settings.requestTimeoutMs, extraCa: settings.caCertificates, connect: settings.connect };
  const outcomes = await Promise.all(checks.map(async (check): Promise<CheckOutcome> => {
    const ready = await waitUntilReady(check, settings, transport, log);
    const outcome: CheckOutcome = {
      name: check.name,
      url: check.url,
      passed: ready.passed,
      attempts: ready.attempts,
      latencyMs: ready.last.latencyMs,
      status: ready.last.status,
      versionSeen: ready.last.versionSeen,
      expectVersion: check.expectVersion,
      health: ready.last.health,
      reason: ready.reason,
      durationMs: ready.durationMs,
    };
    if (ready.passed) log.info(`✓ ${check.name}: ${ready.last.status} in ${Math.round(ready.last.latencyMs)} ms (${ready.attempts} attempt${ready.attempts === 1 ? '' : 's'})`);
    else log.error(`✗ ${check.name}: ${ready.reason}`);
    return outcome;
  }));
  if (settings.soak && settings.soak.requests > 0) {
    for (const [index, check] of checks.entries()) {
      const outcome = outcomes[index];
      if (!outcome?.passed) continue;
      const result = await soak(check, settings.soak, transport);
      outcome.soak = result;
      log.info(`${check.name}: soak ${result.requests} requests at ${Math.round(result.requestsPerSecond)}/s, p50 ${Math.round(result.p50Ms)} ms, p95 ${Math.round(result.p95Ms)} ms, errors ${result.errors}`);
      if (result.problems.length > 0) {
        outcome.passed = false;
        outcome.reason = result.problems.join('; ');
        log.error(`✗ ${check.name}: ${outcome.reason}`);
      }
    }
  }
  return {
    passed: outcomes.every((outcome) => outcome.passed),
    checks: outcomes,
    versionSeen: outcomes.find((outcome) => outcome.versionSeen !== undefined)?.versionSeen,
    durationMs: performance.now() - started,
  };
}
