/** Retry with exponential backoff and jitter, bounded by attempts and by a deadline. */
export interface RetryPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Never sleep past this much time since the first attempt. */
  deadlineMs?: number;
}

export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
export const NETWORK_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 60_000 };

export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter on the upper half keeps parallel runners from retrying in lockstep.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
