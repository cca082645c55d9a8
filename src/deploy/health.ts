import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import type { SshSession } from '../ssh/index.js';
import { oneLineCheck } from '../smoke/check-list.js';
import { probe } from '../smoke/http-probe.js';
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
    // node:http with a ref'd timer (the smoke probe), not fetch: when the tunnel accepts and the far end
    // refuses, fetch never settles and its AbortSignal.timeout timer keeps nothing alive, so the CLI exited 0.
    const check = oneLineCheck(health.url, 'health-url');
    const connect = { host: '127.0.0.1', port: tunnel.localPort, via: `through SSH to ${session.name}` };
    for (;;) {
      // A cancel ends the wait as a failed check: the caller rolls back (docs/cancel.md).
      if (signal?.aborted) return { healthy: false, detail: 'cancelled while the new version was being verified' };
      const answer = await probe(check, { requestTimeoutMs: 5000, connect });
      if (answer.ok) {
        const success = answer.status >= 200 && answer.status < 300;
        if (success && (!expected || answer.body.includes(expected))) return { healthy: true, detail: `${health.url} answered ${answer.status}` };
        last = success ? `answered without '${expected}' (got ${answer.body.slice(0, 120).trim()})` : `answered ${answer.status}`;
      } else {
        last = answer.message;
      }
      if (Date.now() >= deadline) return { healthy: false, detail: `${health.url} ${last}` };
      log.debug(`health: ${health.url} ${last}; retrying`);
      await sleep(500);
    }
  } finally {
    await tunnel.close();
  }
}
