import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import type { SshSession } from '../ssh/index.js';
import type { HealthSettings } from './settings.js';

export interface HealthVerdict {
  healthy: boolean;
  detail: string;
}

/**
 * Polls `url` (as the host sees it) through an SSH tunnel on the session's one
 * connection until it answers 2xx (and contains `expect`), or the time is up.
 */
export async function waitForHttpHealth(session: SshSession, health: HealthSettings, version: string, log: Logger, deadline: number, signal?: AbortSignal): Promise<HealthVerdict> {
  if (!health.url) return { healthy: true, detail: 'no health-url' };
  const url = new URL(health.url);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const tunnel = await session.forwardLocalPort(port, url.hostname);
  const expected = health.expect?.replace(/\{version\}/g, version);
  let last: string;
  try {
    const local = `http://127.0.0.1:${tunnel.localPort}${url.pathname}${url.search}`;
    for (;;) {
      // A cancel ends the wait as a failed check: the caller rolls back (docs/cancel.md).
      if (signal?.aborted) return { healthy: false, detail: 'cancelled while the new version was being verified' };
      try {
        const response = await fetch(local, { signal: AbortSignal.timeout(5000) });
        const body = await response.text();
        if (response.ok && (!expected || body.includes(expected))) return { healthy: true, detail: `${health.url} answered ${response.status}` };
        last = response.ok ? `answered without '${expected}' (got ${body.slice(0, 120).trim()})` : `answered ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() >= deadline) return { healthy: false, detail: `${health.url} ${last}` };
      log.debug(`health: ${health.url} ${last}; retrying`);
      await sleep(500);
    }
  } finally {
    await tunnel.close();
  }
}
