/*
 * A container's own HEALTHCHECK, run once by Slipway while Docker still says 'starting'.
 *
 * Docker runs a container's first health check one `interval` after the start (30 s unless the
 * image says otherwise; engines before 25 have no start-interval), so a deploy that waits for
 * 'healthy' waits that long even when the app answered within a second. Running the same
 * command the same way (`docker exec`: the container's user, env and working dir) as soon as the
 * container runs gives the same verdict without the wait. Only a pass is taken from it: a
 * failing run says "not yet", and 'unhealthy' still comes from Docker alone, after its retries.
 */

export interface HealthProbe {
  containerId: string;
  /** The argv `docker exec` runs in the container. */
  command: string[];
  timeoutMs: number;
}

/** Appended to the poll's inspect format: container ID (`.ID`: the typed field, which older CLIs need), the shell CMD-SHELL uses, the health check. */
export const PROBE_FORMAT = '\t{{.ID}}\t{{json .Config.Shell}}\t{{json .Config.Healthcheck}}';

const CONTAINER_ID = /^[0-9a-f]{64}$/;
/** Docker's own default for a health check without a timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SHELL = ['/bin/sh', '-c'];

const isWords = (value: unknown): value is string[] => Array.isArray(value) && value.every((word) => typeof word === 'string');

/** What PROBE_FORMAT printed for one container; undefined when it has no health check Slipway can run. */
export function parseHealthProbe(printed: string): HealthProbe | undefined {
  const [containerId = '', shellJson = 'null', checkJson = 'null'] = printed.split('\t');
  if (!CONTAINER_ID.test(containerId)) return undefined;
  let shell: unknown;
  let check: unknown;
  try {
    shell = JSON.parse(shellJson);
    check = JSON.parse(checkJson);
  } catch {
    return undefined;
  }
  if (!check || typeof check !== 'object') return undefined;
  const { Test: test, Timeout: timeout } = check as { Test?: unknown; Timeout?: unknown };
  if (!isWords(test)) return undefined;
  const [kind, ...rest] = test;
  let command: string[];
  if (kind === 'CMD' && rest.length > 0) command = rest;
  else if (kind === 'CMD-SHELL' && rest.length === 1) command = [...(isWords(shell) && shell.length > 0 ? shell : DEFAULT_SHELL), rest[0] as string];
  else return undefined; // NONE, or a form Docker would not run either
  const timeoutMs = typeof timeout === 'number' && timeout > 0 ? Math.ceil(timeout / 1e6) : DEFAULT_TIMEOUT_MS;
  return { containerId, command, timeoutMs };
}

/** The remote argv: the container is named by its full ID, so nothing after it is read as a docker option. */
export function probeWords(probe: HealthProbe): string[] {
  return ['docker', 'exec', probe.containerId, ...probe.command];
}
