import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { backoffDelay, sleep, type RetryPolicy } from '../core/runner/retry.js';

/**
 * Talks to the registry's /v2/ endpoint before docker does, so the two failures
 * users hit most get typed answers from HTTP status codes rather than from
 * docker's prose: the registry is down (retried, then a clear error), or the
 * credentials are wrong (never retried).
 */
export type ProbeOutcome = { ok: true; auth: 'none' | 'basic' | 'bearer' } | { ok: false; status: number; reason: string; retryAfterMs?: number };

/** Docker itself talks plain HTTP to loopback registries; everything else is HTTPS. */
export function registryBaseUrl(registry: string): string {
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return `${loopback ? 'http' : 'https'}://${host}`;
}

export async function probeRegistry(args: {
  registry: string;
  repository: string;
  username?: string;
  password?: string;
  retry: RetryPolicy;
  maxRateLimitWaitMs: number;
  log: Logger;
}): Promise<ProbeOutcome> {
  const base = registryBaseUrl(args.registry);
  const started = Date.now();
  let attempt = 0;
  for (;;) {
    attempt += 1;
    let problem: string;
    try {
      const outcome = await probeOnce(base, args);
      if (outcome.ok || outcome.status === 401 || outcome.status === 403) return outcome;
      if (outcome.status === 429) {
        const rateWait = outcome.retryAfterMs ?? backoffDelay(args.retry, attempt);
        if (Date.now() - started + rateWait > args.maxRateLimitWaitMs) {
          throw new SlipwayError(`Registry ${args.registry} is rate-limiting this runner (429) beyond the allowed wait`, { fix: 'Wait, authenticate for a higher limit, or raise input \'rate-limit-wait\'' });
        }
        args.log.warn(`Registry ${args.registry} asked us to slow down (429); waiting ${Math.round(rateWait / 1000)} s`);
        await sleep(rateWait);
        attempt -= 1; // a rate limit is not a failed attempt
        continue;
      }
      problem = `HTTP ${outcome.status}`;
    } catch (error) {
      if (error instanceof SlipwayError) throw error;
      problem = describeNetworkError(error);
    }
    if (attempt >= args.retry.attempts || (args.retry.deadlineMs !== undefined && Date.now() - started > args.retry.deadlineMs)) {
      throw new SlipwayError(`Registry ${args.registry} is not answering (${problem}) after ${attempt} attempt(s) over ${Math.round((Date.now() - started) / 1000)} s`, {
        fix: 'Check the registry address and that the registry is up and reachable from this runner',
      });
    }
    const waitMs = backoffDelay(args.retry, attempt);
    args.log.warn(`Registry ${args.registry}: ${problem}; retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt}/${args.retry.attempts})`);
    await sleep(waitMs);
  }
}

type OnceOutcome = ProbeOutcome;

async function probeOnce(base: string, args: { repository: string; username?: string; password?: string }): Promise<OnceOutcome> {
  const anonymous = await fetch(`${base}/v2/`, { signal: AbortSignal.timeout(15_000) });
  await anonymous.arrayBuffer();
  if (anonymous.status === 200) return { ok: true, auth: 'none' };
  if (anonymous.status !== 401) return failed(anonymous);
  const challenge = anonymous.headers.get('www-authenticate') ?? '';
  if (!args.username || !args.password) return { ok: false, status: 401, reason: 'the registry requires credentials and none were given' };
  const basic = `Basic ${Buffer.from(`${args.username}:${args.password}`).toString('base64')}`;
  if (/^bearer/i.test(challenge)) {
    const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
    const service = /service="([^"]+)"/i.exec(challenge)?.[1];
    if (!realm) return { ok: true, auth: 'bearer' };
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', `repository:${args.repository}:push,pull`);
    const token = await fetch(url, { headers: { authorization: basic }, signal: AbortSignal.timeout(15_000) });
    await token.arrayBuffer();
    return token.ok ? { ok: true, auth: 'bearer' } : failed(token);
  }
  const authed = await fetch(`${base}/v2/`, { headers: { authorization: basic }, signal: AbortSignal.timeout(15_000) });
  await authed.arrayBuffer();
  return authed.ok ? { ok: true, auth: 'basic' } : failed(authed);
}

function failed(response: Response): OnceOutcome {
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    reason: response.statusText,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return (error as Error).message ?? String(error);
}
