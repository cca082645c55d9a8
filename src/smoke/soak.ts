import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { SmokeCheck } from './check.js';
import { evaluateAttempt } from './evaluate.js';
import { probe, type ProbeTransport } from './http-probe.js';

/** A bounded burst of requests after the app is ready: is it steady, not just up? */
export interface SoakOptions {
  /** At most this many requests… */
  requests: number;
  /** …and for at most this long, whichever comes first. */
  durationMs: number;
  concurrency: number;
  /** Fail when the 95th percentile latency is above this. */
  maxP95Ms?: number;
  /** Fail when more than this fraction (0..1) of requests fail their check. */
  maxErrorRate: number;
}

export interface SoakResult {
  requests: number;
  errors: number;
  errorRate: number;
  p50Ms: number;
  p95Ms: number;
  durationMs: number;
  requestsPerSecond: number;
  firstError?: string;
  /** Budgets that were exceeded; empty when the soak passed. */
  problems: string[];
}

export async function soak(check: SmokeCheck, options: SoakOptions, transport: ProbeTransport): Promise<SoakResult> {
  // Keep-alive, like a browser or a load balancer: the soak measures the app, not TCP handshakes.
  const agents = transport.agents ?? {
    http: new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    https: new https.Agent({ keepAlive: true, maxSockets: options.concurrency }),
  };
  const soakTransport: ProbeTransport = { ...transport, agents };
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const endAt = started + options.durationMs;
  const worker = async (): Promise<void> => {
    while (issued < options.requests && performance.now() < endAt) {
      issued += 1;
      const verdict = evaluateAttempt(check, await probe(check, soakTransport), { ignoreLatencyBudget: true });
      latencies.push(verdict.latencyMs);
      if (!verdict.passed) {
        errors += 1;
        firstError ??= verdict.problems.join('; ');
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    if (!transport.agents) {
      agents.http.destroy();
      agents.https.destroy();
    }
  }
  const durationMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  const result: SoakResult = {
    requests,
    errors,
    errorRate: requests === 0 ? 0 : errors / requests,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    durationMs,
    requestsPerSecond: durationMs > 0 ? (requests * 1000) / durationMs : 0,
    firstError,
    problems: [],
  };
  if (result.errorRate > options.maxErrorRate) {
    result.problems.push(`soak error rate ${percent(result.errorRate)} is above the budget ${percent(options.maxErrorRate)} (${errors} of ${requests}; first: ${firstError})`);
  }
  if (options.maxP95Ms !== undefined && result.p95Ms > options.maxP95Ms) {
    result.problems.push(`soak p95 latency ${Math.round(result.p95Ms)} ms is above the budget ${options.maxP95Ms} ms`);
  }
  return result;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;
