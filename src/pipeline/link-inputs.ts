/**
 * Which of the pipeline's inputs reach which link. Every input of the four
 * chained actions can be passed to the pipeline by its own name; a name that
 * several links declare (the SSH inputs, `version`) reaches each of them, since
 * it means the same thing there. A `<link>-<name>` form (`smoke-timeout`,
 * `deploy-env`) reaches one link only and wins over the plain name: that is how
 * slipway.yml's per-command sections and the rare ambiguity are expressed.
 */
export const LINKS = ['build', 'push', 'deploy', 'smoke'] as const;
export type Link = (typeof LINKS)[number];

/** The inputs each chained action declares (kept equal to actions/<name>/action.yml by a unit test). */
export const LINK_INPUTS: Record<Link, readonly string[]> = {
  build: ['image', 'context', 'dockerfile', 'platforms', 'tags', 'latest', 'version', 'build-args', 'build-secrets', 'labels', 'target',
    'network', 'layer-cache', 'no-cache', 'cache-key-files'],
  push: ['tags', 'registry', 'username', 'password', 'verify-platform', 'verify-anonymous-pull', 'expect-anonymous-pull', 'retries', 'rate-limit-wait'],
  deploy: ['strategy', 'mode', 'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
    'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout', 'app-dir', 'version', 'env', 'service', 'image',
    'compose-file', 'compose-project', 'env-file', 'pull', 'pre-deploy', 'artifact', 'shared', 'pre-promote', 'restart',
    'keep-releases', 'lock-file', 'deploy-log', 'release-name', 'script', 'image-variable', 'shell', 'script-file', 'create-app-dir', 'health-url', 'health-expect', 'health-timeout', 'batch-size', 'lock-timeout', 'lock-stale-after',
    'stack', 'stack-file', 'swarm-service', 'parallelism', 'swarm-timeout', 'swarm-secrets',
    'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
    'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout',
    'cloudron-origin', 'cloudron-token', 'cloudron-app', 'cloudron-location', 'cloudron-manifest', 'cloudron-backup', 'cloudron-task-timeout',
    'cloudron-poll-interval', 'cloudron-verify-anonymous-pull', 'rollback-on-failure', 'ca-cert', 'connect-to', 'cloudron-version-path'],
  smoke: ['url', 'expect-version', 'version-path', 'checks', 'checks-file', 'expect-status', 'headers', 'secret-headers', 'max-latency',
    'timeout', 'request-timeout', 'consecutive-passes', 'max-retry-interval', 'ca-cert', 'connect-to', 'soak-requests', 'soak-duration',
    'soak-concurrency', 'soak-max-p95', 'soak-max-error-rate', 'via-ssh', 'host', 'port', 'user', 'private-key', 'passphrase',
    'known-hosts', 'host-fingerprint', 'trust-on-first-use', 'jump-host', 'connect-timeout'],
};

/**
 * Inputs of a chained action that the pipeline never passes on: ssh-deploy's
 * `mode: preview` ones (the pipeline deploys; a preview is its own step).
 */
export const NOT_CHAINED: Partial<Record<Link, readonly string[]>> = {
  deploy: ['preview-action', 'pr-number', 'preview-domain', 'preview-env-template', 'preview-seed', 'preview-port-base', 'max-previews', 'forge-token', 'sha'],
};

export const ACTION_OF: Record<Link, string> = { build: 'build-image', push: 'push-image', deploy: 'ssh-deploy', smoke: 'smoke-test' };

/**
 * Plain names that the chain fills in for a link instead of passing through:
 * push's `tags` are build-image's output, deploy's `image` is push-image's
 * digest-pinned reference. (`tags` and `image` plain reach build-image only.)
 */
export const DERIVED: Partial<Record<Link, readonly string[]>> = {
  push: ['tags'],
  deploy: ['image'],
};

/** The pipeline's own inputs (not any link's). */
export const PIPELINE_INPUTS = ['deploy-image', 'check-version', 'rollback-on-failure', 'dry-run'] as const;

/** Every plain name the pipeline accepts: what the root action.yml declares. */
export function pipelineInputNames(): string[] {
  const names = new Set<string>();
  for (const link of LINKS) for (const name of LINK_INPUTS[link]) names.add(name);
  for (const name of PIPELINE_INPUTS) names.add(name);
  return [...names];
}

/** The links that read a plain name. */
export function linksOf(name: string): Link[] {
  return LINKS.filter((link) => LINK_INPUTS[link].includes(name) && !DERIVED[link]?.includes(name));
}

/**
 * The value one link sees for one of its inputs: the chain's own value first
 * (when it has one), then `<link>-<name>`, then the plain name (unless the
 * chain derives that name for this link).
 */
export function routeInput(
  get: (name: string) => string | undefined,
  link: Link,
  name: string,
  derived: Record<string, string | undefined> = {},
): string | undefined {
  if (!LINK_INPUTS[link].includes(name)) return undefined;
  if (derived[name] !== undefined) return derived[name];
  const prefixed = get(`${link}-${name}`);
  if (prefixed !== undefined && prefixed.trim() !== '') return prefixed;
  if (DERIVED[link]?.includes(name)) return undefined;
  return get(name);
}

/** Where a routed input came from, for error messages: `input 'smoke-timeout'` when the prefixed form was set. */
export function sourceName(get: (name: string) => string | undefined, link: Link, name: string): string {
  const prefixed = get(`${link}-${name}`);
  return prefixed !== undefined && prefixed.trim() !== '' ? `${link}-${name}` : name;
}
