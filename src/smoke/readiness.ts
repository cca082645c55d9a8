import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import type { SmokeCheck } from './check.js';
import { evaluateAttempt, type AttemptVerdict } from './evaluate.js';
import { describeDialTarget, probe, resolveDialTarget, type ProbeTransport } from './http-probe.js';

export interface ReadinessOptions {
  /** Keep trying until this long after the start. */
  timeoutMs: number;
  /** Passes in a row needed once the check first passes; a flapping service never gets there. */
  consecutivePasses: number;
  /** Pause between confirming passes. */
  confirmIntervalMs: number;
  /** Backoff between failed attempts. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export interface ReadinessOutcome {
  passed: boolean;
  attempts: number;
  /** The most passes in a row seen. */
  bestStreak: number;
  durationMs: number;
  /** The last verdict: the passing one, or the failure to report. */
  last: AttemptVerdict;
  /** Why it failed, in one sentence naming what was expected and what came back. */
  reason?: string;
}

/** Retries one check with backoff until it passes N times in a row or the deadline passes. */
export async function waitUntilReady(check: SmokeCheck, options: ReadinessOptions, transport: ProbeTransport, log: Logger): Promise<ReadinessOutcome> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let attempts = 0;
  let streak = 0;
  let bestStreak = 0;
  let failuresInRow = 0;
  let everAnswered = false;
  let lastReason = '';
  let last: AttemptVerdict;
  for (;;) {
    attempts += 1;
    last = evaluateAttempt(check, await probe(check, transport));
    if (last.failureKind !== 'refused') everAnswered = true;
    if (last.passed) {
      streak += 1;
      bestStreak = Math.max(bestStreak, streak);
      failuresInRow = 0;
      if (streak >= options.consecutivePasses) return { passed: true, attempts, bestStreak, durationMs: Date.now() - started, last };
      if (Date.now() + options.confirmIntervalMs > deadline) break;
      await sleep(options.confirmIntervalMs);
      continue;
    }
    streak = 0;
    failuresInRow += 1;
    const reason = last.problems.join('; ');
    if (reason !== lastReason) {
      log.info(`${check.name}: not ready yet (attempt ${attempts}): ${reason}`);
      lastReason = reason;
    } else {
      log.debug(`${check.name}: attempt ${attempts}: ${reason}`);
    }
    const now = Date.now();
    if (now >= deadline) break;
    await sleep(Math.min(readinessDelay(options, failuresInRow), deadline - now));
  }
  const durationMs = Date.now() - started;
  return { passed: false, attempts, bestStreak, durationMs, last, reason: explainFailure(check, last, { attempts, bestStreak, durationMs, everAnswered, transport, required: options.consecutivePasses }) };
}

/**
 * The pause after the n-th failure in a row: the base, growing by half each time up to the
 * maximum. A service usually turns ready within a second or two of a deploy; doubling from
 * 250 ms would find it up to a second late, small steps find it within a few hundred ms.
 * Jitter on the upper quarter keeps parallel runners from polling in lockstep.
 */
export function readinessDelay(options: Pick<ReadinessOptions, 'retryBaseDelayMs' | 'retryMaxDelayMs'>, failuresInRow: number, random = Math.random): number {
  const step = Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 1.5 ** Math.max(0, failuresInRow - 1));
  return Math.round(step * 0.75 + random() * step * 0.25);
}

function explainFailure(
  check: SmokeCheck,
  last: AttemptVerdict,
  facts: { attempts: number; bestStreak: number; durationMs: number; everAnswered: boolean; transport: ProbeTransport; required: number },
): string {
  const over = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'} over ${seconds(facts.durationMs)}`;
  if (!facts.everAnswered) {
    const dial = resolveDialTarget(new URL(check.url), check, facts.transport.connect);
    return `connection refused until the deadline (${over}): nothing accepted connections on ${describeDialTarget(dial)}`;
  }
  if (last.passed) {
    return `passed ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row at best, ${facts.required} required, before the deadline (${over}): the service is flapping`;
  }
  const what = last.problems.join('; ');
  const body = last.bodyExcerpt ? `; body: ${last.bodyExcerpt}` : '';
  const flapping = facts.bestStreak > 0 ? `, after passing ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row (flapping)` : '';
  const stale = last.staleVersion ? ' — the previous release is still answering: the deploy did not take' : '';
  return `${what}${stale} (${over}${flapping})${body}`;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
