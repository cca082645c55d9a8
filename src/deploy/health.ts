import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import { looselyEquals, showValue } from '../smoke/index.js';
import { lookupJsonPath, parseJsonPath } from '../smoke/index.js';
import { oneLineCheck, readinessDelay } from '../smoke/index.js';
import { probe, type ProbeResult } from '../smoke/index.js';
import type { SshSession } from '../ssh/index.js';
import type { HealthSettings } from './settings.js';

/**
 * Deploy health polls: the first at once, then 100 ms growing by half up to 1 s (was a fixed
 * 500 ms, which found an app that turned healthy just after a poll up to half a second late).
 * The last pause ends at the deadline, so health-timeout is kept to the poll.
 */
export const HEALTH_POLL = { retryBaseDelayMs: 100, retryMaxDelayMs: 1000 };

export const healthPollDelay = (failures: number, deadline: number): number => Math.max(0, Math.min(readinessDelay(HEALTH_POLL, failures), deadline - Date.now()));

export interface HealthVerdict {
  healthy: boolean;
  detail: string;
}

/**
 * health-expect as written in the docs, `"version":"{version}"`, is a JSON member, and JSON writers
 * differ in spacing (`{"version": "v2"}` from Python). Such an expectation is checked the way the
 * smoke test checks a version (its version-path lookup and typed comparison), on the parsed body;
 * anything that is not a JSON member stays a plain substring.
 */
export type Expectation =
  | { kind: 'none' }
  | { kind: 'json'; members: Array<{ path: string; value: string }>; text: string }
  | { kind: 'text'; text: string };

const PLACEHOLDER = '\u0000slipway-version\u0000';
/** `{version}` as a JSON string escape of the placeholder, so a version with quotes cannot change the fragment's shape. */
const withPlaceholder = (expect: string): string => expect.replace(/\{version\}/g, '\\u0000slipway-version\\u0000');
/** `"build":{version}` (a number or boolean member): the placeholder quoted, compared in the body's type later. */
const withQuotedPlaceholder = (expect: string): string => expect.replace(/\{version\}/g, '"\\u0000slipway-version\\u0000"');

/** Members of an expectation that reads as JSON members (`"a":"x", "b":1`, `{version}` placed in a string or as a value); undefined when it does not. */
function jsonMembers(expect: string): Array<{ path: string; value: unknown }> | undefined {
  return parseMembers(withPlaceholder(expect)) ?? (expect.includes('{version}') ? parseMembers(withQuotedPlaceholder(expect)) : undefined);
}

function parseMembers(text: string): Array<{ path: string; value: unknown }> | undefined {
  if (!/^\s*"/.test(text)) return undefined;
  try {
    const parsed = JSON.parse(`{${text}}`) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const members = Object.entries(parsed as Record<string, unknown>).map(([path, value]) => ({ path, value }));
    return members.length > 0 && members.every((m) => m.value === null || typeof m.value !== 'object') ? members : undefined;
  } catch {
    return undefined;
  }
}

/** The expectation for one version; `version` undefined means "whatever version answers" (members naming {version} are dropped). */
export function expectationFor(expect: string | undefined, version: string | undefined): Expectation {
  if (!expect) return { kind: 'none' };
  const members = jsonMembers(expect);
  if (members) {
    const kept = members
      .filter((m) => version !== undefined || !String(m.value).includes(PLACEHOLDER))
      .map((m) => ({ path: m.path, value: String(m.value).split(PLACEHOLDER).join(version ?? '') }));
    return kept.length ? { kind: 'json', members: kept, text: kept.map((m) => `"${m.path}":"${m.value}"`).join(', ') } : { kind: 'none' };
  }
  if (version === undefined && expect.includes('{version}')) return { kind: 'none' };
  return { kind: 'text', text: expect.replace(/\{version\}/g, version ?? '') };
}

/** The JSON path that holds the version: the member whose value is `{version}`, else `version`. */
export function versionPathOf(expect: string | undefined): string {
  const members = expect ? jsonMembers(expect) : undefined;
  return members?.find((m) => m.value === PLACEHOLDER)?.path ?? 'version';
}

/** Undefined when the body meets the expectation; otherwise what it answered instead. */
export function unmetExpectation(expectation: Expectation, body: string): string | undefined {
  if (expectation.kind === 'none') return undefined;
  if (expectation.kind === 'text') return body.includes(expectation.text) ? undefined : `answered without '${expectation.text}' (got ${body.slice(0, 120).trim()})`;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    // Not JSON: the member may still be there as text (the old substring rule).
    const asText = expectation.members.map((m) => `"${m.path}":"${m.value}"`);
    return asText.every((text) => body.includes(text)) ? undefined : `answered a body that is not JSON, without ${expectation.text} (got ${body.slice(0, 120).trim()})`;
  }
  for (const member of expectation.members) {
    const segments = parseJsonPath(member.path) ?? [member.path];
    const found = lookupJsonPath(document, segments);
    if (!found.found) return `answered without '${member.path}' (expected ${showValue(member.value)})`;
    if (!looselyEquals(found.value, member.value)) return `answered ${member.path} ${showValue(found.value)}, expected ${showValue(member.value)}`;
  }
  return undefined;
}

/** The version a health document reports at `path`, if it is JSON and has one. */
export function versionInBody(body: string, path: string): string | undefined {
  try {
    const found = lookupJsonPath(JSON.parse(body), parseJsonPath(path) ?? [path]);
    return found.found && found.value !== null && typeof found.value !== 'object' ? String(found.value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One GET through an SSH tunnel to the host's health-url. node:http with a ref'd timer (the smoke
 * probe), not fetch: when the tunnel accepts and the far end refuses, fetch never settles and its
 * AbortSignal.timeout timer keeps nothing alive, so the CLI exited 0 mid-deploy.
 */
async function withTunnel<T>(session: SshSession, health: HealthSettings, body: (get: () => Promise<ProbeResult>) => Promise<T>): Promise<T> {
  const url = new URL(health.url ?? '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const tunnel = await session.forwardLocalPort(port, url.hostname);
  try {
    const check = oneLineCheck(health.url ?? '', 'health-url');
    const connect = { host: '127.0.0.1', port: tunnel.localPort, via: `through SSH to ${session.name}` };
    return await body(() => probe(check, { requestTimeoutMs: 5000, connect }));
  } finally {
    await tunnel.close();
  }
}

/**
 * What the app serving now says it is, asked once before a deploy changes anything: the rollback
 * then checks for this version, not for an image reference it never reports. Undefined when there
 * is no health-url, no answer, or no version in it.
 */
export async function servingVersion(session: SshSession, health: HealthSettings, log: Logger): Promise<string | undefined> {
  if (!health.url) return undefined;
  try {
    return await withTunnel(session, health, async (get) => {
      const answer = await get();
      if (!answer.ok) throw new Error(answer.message);
      return answer.status >= 200 && answer.status < 300 ? versionInBody(answer.body, versionPathOf(health.expect)) : undefined;
    });
  } catch (error) {
    log.debug(`health: ${health.url} did not answer before the deploy (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Polls `url` (as the host sees it) through an SSH tunnel on the session's one connection until it
 * answers 2xx and meets health-expect for `version`, or the time is up. `version` undefined: the
 * version is not known (an app Slipway did not deploy and that reports none), so only the parts of
 * health-expect that do not name it are checked.
 */
export async function waitForHttpHealth(
  session: SshSession, health: HealthSettings, version: string | undefined, log: Logger, deadline: number, signal?: AbortSignal,
): Promise<HealthVerdict> {
  if (!health.url) return { healthy: true, detail: 'no health-url' };
  const expectation = expectationFor(health.expect, version);
  return withTunnel(session, health, async (get) => {
    let last: string;
    for (let failures = 1; ; failures += 1) {
      // A cancel ends the wait as a failed check: the caller rolls back (docs/cancel.md).
      if (signal?.aborted) return { healthy: false, detail: 'cancelled while the new version was being verified' };
      const answer = await get();
      if (answer.ok) {
        const success = answer.status >= 200 && answer.status < 300;
        const unmet = success ? unmetExpectation(expectation, answer.body) : `answered ${answer.status}`;
        if (!unmet) return { healthy: true, detail: `${health.url} answered ${answer.status}` };
        last = unmet;
      } else {
        last = answer.message;
      }
      if (Date.now() >= deadline) return { healthy: false, detail: `${health.url} ${last}` };
      log.debug(`health: ${health.url} ${last}; retrying`);
      await sleep(healthPollDelay(failures, deadline));
    }
  });
}
