import { SlipwayError } from '../core/errors.js';
import { httpRequest, HttpRequestError, type HttpResponse } from '../core/http/request.js';
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
  /** Each request's whole deadline (15 s). */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
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
      if (error instanceof HttpRequestError && error.kind === 'aborted') throw error;
      // The outer message names the registry already; a refusal needs no more than its name.
      if (error instanceof HttpRequestError) problem = error.kind === 'refused' ? 'connection refused' : error.message;
      else if (error instanceof SlipwayError) throw error;
      else problem = (error as Error).message ?? String(error);
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

async function probeOnce(base: string, args: { repository: string; username?: string; password?: string; requestTimeoutMs?: number; signal?: AbortSignal }): Promise<OnceOutcome> {
  // Bodies are read and dropped: only statuses and headers matter here.
  const get = (url: string | URL, headers: Record<string, string>, what?: string): Promise<HttpResponse> => httpRequest(url, {
    headers, timeoutMs: args.requestTimeoutMs ?? 15_000, signal: args.signal, maxRedirects: 5, overflow: 'truncate', maxBodyBytes: 64 * 1024, what,
  });
  const anonymous = await get(`${base}/v2/`, {});
  if (anonymous.status === 200) return { ok: true, auth: 'none' };
  if (anonymous.status !== 401) return failed(anonymous);
  const challenge = anonymous.header('www-authenticate') ?? '';
  if (!args.username || !args.password) return { ok: false, status: 401, reason: 'the registry requires credentials and none were given' };
  const basic = `Basic ${Buffer.from(`${args.username}:${args.password}`).toString('base64')}`;
  if (/^bearer/i.test(challenge)) {
    const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
    const service = /service="([^"]+)"/i.exec(challenge)?.[1];
    if (!realm) return { ok: true, auth: 'bearer' };
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', `repository:${args.repository}:push,pull`);
    const token = await get(url, { authorization: basic }, `token request GET ${url.pathname}`);
    return token.ok ? { ok: true, auth: 'bearer' } : failed(token);
  }
  const authed = await get(`${base}/v2/`, { authorization: basic });
  return authed.ok ? { ok: true, auth: 'basic' } : failed(authed);
}

function failed(response: HttpResponse): OnceOutcome {
  const retryAfter = Number(response.header('retry-after'));
  return {
    ok: false,
    status: response.status,
    reason: response.statusText,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  };
}
