import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { SlipwayError } from '../core/errors.js';
import { formatReference, parseImageReference } from '../image/index.js';
import { formatGoDuration, parseGoDuration } from './duration.js';

/**
 * What Slipway needs to know of the user's compose file, read (never written):
 * its services, their health checks and update policies, and whether they sit
 * on the host network. The file itself goes to `docker stack deploy` unchanged.
 */
export interface ComposeService {
  name: string;
  image?: string;
  /** Health check timing in ms, when the compose file defines one and does not disable it. */
  healthcheck?: { intervalMs: number; timeoutMs: number; retries: number; startPeriodMs: number };
  updateConfig: Record<string, unknown>;
  rollbackConfig: Record<string, unknown>;
  /** Attached to the engine's `host` network: two tasks of it cannot bind the same port. */
  onHostNetwork: boolean;
  secrets: string[];
  envFiles: string[];
}

export interface ComposeFile {
  path: string;
  version?: string;
  services: ComposeService[];
  /** Top-level `secrets:` keys. */
  secrets: string[];
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

function composeError(path: string, where: string, problem: string, fix: string): SlipwayError {
  return new SlipwayError(`${path}: ${where}${problem}`, { fix });
}

export function readCompose(text: string, path: string): ComposeFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw composeError(path, '', `is not valid YAML (${(error as Error).message.split('\n')[0]})`, 'Fix the YAML syntax.');
  }
  if (!isDict(data) || !isDict(data.services) || Object.keys(data.services).length === 0) {
    throw composeError(path, '', 'has no services (expected a top-level `services:` map)', 'A stack file lists its services under `services:`.');
  }
  const networks = isDict(data.networks) ? data.networks : {};
  const services = Object.entries(data.services).map(([name, raw]) => readService(path, name, raw, networks));
  const version = data.version === undefined ? undefined : String(data.version);
  return { path, version, services, secrets: isDict(data.secrets) ? Object.keys(data.secrets) : [] };
}

function readService(path: string, name: string, raw: unknown, networks: Dict): ComposeService {
  if (!isDict(raw)) throw composeError(path, `services.${name}: `, 'is not a map', 'Give each service its settings as a map.');
  const deploy = isDict(raw.deploy) ? raw.deploy : {};
  const attached = Array.isArray(raw.networks) ? raw.networks.map(String) : isDict(raw.networks) ? Object.keys(raw.networks) : [];
  const onHostNetwork = attached.some((key) => {
    const definition = networks[key];
    const engineName = isDict(definition) && typeof definition.name === 'string' ? definition.name : key;
    return engineName === 'host';
  });
  return {
    name,
    image: typeof raw.image === 'string' ? raw.image : undefined,
    healthcheck: readHealthcheck(path, name, raw.healthcheck),
    updateConfig: isDict(deploy.update_config) ? deploy.update_config : {},
    rollbackConfig: isDict(deploy.rollback_config) ? deploy.rollback_config : {},
    onHostNetwork,
    secrets: Array.isArray(raw.secrets) ? raw.secrets.map((s) => (isDict(s) ? String(s.source) : String(s))) : [],
    envFiles: Array.isArray(raw.env_file) ? raw.env_file.map(String) : typeof raw.env_file === 'string' ? [raw.env_file] : [],
  };
}

/** Docker's own defaults: interval 30 s, timeout 30 s, 3 retries, no start period. */
function readHealthcheck(path: string, service: string, raw: unknown): ComposeService['healthcheck'] {
  if (!isDict(raw) || raw.disable === true) return undefined;
  if (Array.isArray(raw.test) && raw.test[0] === 'NONE') return undefined;
  const duration = (key: string, fallback: number): number => {
    const value = raw[key];
    if (value === undefined) return fallback;
    const ms = parseGoDuration(value as string);
    if (ms === undefined) throw composeError(path, `services.${service}.healthcheck.${key}: `, `is not a duration (found '${String(value)}', expected e.g. 10s or 1m30s)`, 'Write durations as Go does: 500ms, 10s, 1m30s.');
    return ms;
  };
  return {
    intervalMs: duration('interval', 30_000),
    timeoutMs: duration('timeout', 30_000),
    retries: typeof raw.retries === 'number' ? raw.retries : 3,
    startPeriodMs: duration('start_period', 0),
  };
}

export interface PolicyOptions {
  /** Tasks updated at once where the file says nothing. */
  parallelism: number;
  /** The pinned image (`repo@sha256:…`) for services whose image has the same repository. */
  image?: string;
  /** Env file path as the docker CLI sees it, added to every service. */
  envFile?: string;
  /** Secret key in the compose file → name of the docker secret holding the value. */
  secretNames?: Record<string, string>;
}

/** One thing Slipway set because the file did not: reported, so nothing is silent. */
export interface FilledDefault {
  service: string;
  setting: string;
  value: string;
  why: string;
}

export interface StackOverride {
  /** YAML for the second `-c` file. */
  text: string;
  filled: FilledDefault[];
  /** Services whose image was pinned. */
  pinned: string[];
}

/** Docker waits at least this long after a task starts before calling it stable. */
const MIN_MONITOR_MS = 5_000;
const NO_HEALTHCHECK_MONITOR_MS = 10_000;

/**
 * The monitor window must outlast the health check's verdict: a task that turns
 * unhealthy after the window closed no longer rolls the update back.
 */
export function monitorWindowMs(service: ComposeService): number {
  const check = service.healthcheck;
  if (!check) return NO_HEALTHCHECK_MONITOR_MS;
  const verdict = check.startPeriodMs + check.intervalMs * check.retries + check.timeoutMs;
  return Math.max(MIN_MONITOR_MS, verdict);
}

/**
 * The override file `docker stack deploy` merges over the user's: safe update
 * defaults where the user gave none, the pinned image, secrets and env file.
 * Merging (not editing) keeps the user's file the single source they own.
 */
export function buildStackOverride(compose: ComposeFile, options: PolicyOptions): StackOverride {
  const filled: FilledDefault[] = [];
  const pinned: string[] = [];
  const services: Dict = {};
  const wanted = options.image ? repositoryKey(options.image) : undefined;
  for (const service of compose.services) {
    const entry: Dict = {};
    const update: Dict = {};
    const rollback: Dict = {};
    const fill = (target: Dict, given: Dict, section: string, key: string, value: string | number, why: string): void => {
      if (given[key] !== undefined) return;
      target[key] = value;
      filled.push({ service: service.name, setting: `${section}.${key}`, value: String(value), why });
    };
    const order = service.onHostNetwork ? 'stop-first' : 'start-first';
    const orderWhy = service.onHostNetwork
      ? 'on the host network two tasks cannot bind the same port (set start-first if the app binds with SO_REUSEPORT)'
      : 'the new task must be healthy before the old one stops';
    fill(update, service.updateConfig, 'update_config', 'order', order, orderWhy);
    fill(update, service.updateConfig, 'update_config', 'failure_action', 'rollback', 'a failed update puts the previous version back');
    const monitor = monitorWindowMs(service);
    fill(update, service.updateConfig, 'update_config', 'monitor', formatGoDuration(monitor), service.healthcheck
      ? 'long enough for the health check to fail (start_period + interval × retries + timeout)'
      : 'no health check in the file; if the image defines one, set update_config.monitor to cover it');
    fill(update, service.updateConfig, 'update_config', 'parallelism', options.parallelism, 'tasks replaced at once (input parallelism)');
    fill(rollback, service.rollbackConfig, 'rollback_config', 'order', order, 'a rollback replaces tasks the same way');
    fill(rollback, service.rollbackConfig, 'rollback_config', 'parallelism', options.parallelism, 'as for updates');
    const deploy: Dict = {};
    if (Object.keys(update).length > 0) deploy.update_config = update;
    if (Object.keys(rollback).length > 0) deploy.rollback_config = rollback;
    if (Object.keys(deploy).length > 0) entry.deploy = deploy;
    if (wanted && options.image && service.image && repositoryKey(service.image) === wanted) {
      entry.image = options.image;
      pinned.push(service.name);
    }
    if (options.envFile) entry.env_file = [...service.envFiles, options.envFile];
    services[service.name] = entry;
  }
  const document: Dict = {};
  if (compose.version !== undefined) document.version = compose.version;
  document.services = services;
  const secretNames = options.secretNames ?? {};
  if (Object.keys(secretNames).length > 0) {
    document.secrets = Object.fromEntries(Object.entries(secretNames).map(([key, name]) => [key, { external: true, name }]));
  }
  const header = [
    'Written by Slipway for this deploy; merged over your compose file by `docker stack deploy -c yours -c this`.',
    'Your file is not changed. Defaults filled in:',
    ...(filled.length ? filled.map((f) => `  ${f.service}: ${f.setting}=${f.value} (${f.why})`) : ['  none']),
  ];
  const text = `${header.map((line) => `# ${line}`).join('\n')}\n${stringifyYaml(document)}`;
  return { text, filled, pinned };
}

/** `registry/repository` with Docker Hub's implied parts, so `nginx` matches `docker.io/library/nginx`. */
function repositoryKey(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return 'error' in parsed ? undefined : formatReference({ registry: parsed.registry, repository: parsed.repository });
}
