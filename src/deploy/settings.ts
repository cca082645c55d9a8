import path from 'node:path';
import type { Inputs } from '../core/config/inputs.js';
import { parseSshInputs, type SshSettings } from '../ssh/index.js';
import { parseSwarmStrategy, type SwarmStrategySettings } from '../swarm/index.js';
import { parseZeroDowntimeSettings, type ZeroDowntimeSettings } from './zero-downtime/settings.js';

export type Strategy = 'compose' | 'release' | 'script' | 'swarm';
export type DeployMode = 'deploy' | 'rollback';

export interface HealthSettings {
  /** URL as seen from the host (`http://127.0.0.1:8080/api/health`), checked through an SSH tunnel. */
  url?: string;
  /** Text the response must contain; `{version}` is replaced. */
  expect?: string;
  timeoutMs: number;
}

export interface ComposeSettings {
  files: string[];
  /** `-p`; `{host}`/`{index}` are replaced per host. */
  project?: string;
  envFile?: string;
  service: string;
  image?: string;
  pull: boolean;
  preDeploy?: string;
}

export interface ReleaseSettings {
  /** Local directory (rsync) or .tar.gz/.tgz file. */
  artifact?: string;
  shared: string[];
  prePromote: string[];
  restart: string[];
  keep: number;
}

export interface DeploySettings {
  ssh: SshSettings;
  strategy: Strategy;
  mode: DeployMode;
  /** On the host; `{host}` and `{index}` (1-based) are replaced per host. */
  appDir: string;
  version: string;
  env: Record<string, string>;
  health: HealthSettings;
  /** 0 = all hosts at once. */
  batchSize: number;
  lockTimeoutMs: number;
  lockStaleAfterMs: number;
  compose?: ComposeSettings;
  release?: ReleaseSettings;
  /** The compose strategy's zero-downtime option (start beside, switch the proxy, drain). */
  zeroDowntime?: ZeroDowntimeSettings;
  script?: string;
  /** strategy swarm: the host is a swarm manager (src/swarm). */
  swarm?: SwarmStrategySettings;
}

const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]+$/;
const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;
export const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+:@-]{0,127}$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Every deploy input, checked here before any connection: files it names exist
 * on the runner (artifact, stack file), the health URL is a URL, env names are
 * names. `workDir` is where relative local paths start (the workspace).
 */
export function parseDeploySettings(inputs: Inputs, workDir: string = process.cwd()): DeploySettings {
  const strategy = inputs.choice('strategy', ['compose', 'release', 'script', 'swarm'] as const, 'compose');
  const mode = inputs.choice('mode', ['deploy', 'rollback'] as const, 'deploy');
  const ssh = parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
  const appDir = parseAppDir(inputs);
  const relative = (name: string, value: string) => {
    if (!RELATIVE_PATH.test(value) || value.startsWith('-')) inputs.fail(name, `is not a path inside app-dir (found '${value}', expected e.g. docker-compose.yml)`);
    return value;
  };

  let compose: ComposeSettings | undefined;
  let release: ReleaseSettings | undefined;
  let script: string | undefined;
  let swarm: SwarmStrategySettings | undefined;
  if (strategy === 'compose') {
    const service = inputs.required('service', 'Set service to the compose service that runs the image.');
    if (!SERVICE.test(service)) inputs.fail('service', `is not a compose service name (found '${service}')`);
    const project = inputs.optional('compose-project');
    if (project !== undefined && !PROJECT.test(project)) inputs.fail('compose-project', `is not a compose project name (found '${project}', expected lowercase letters, digits, - and _)`);
    const image = inputs.optional('image');
    if (mode === 'deploy' && !image) inputs.fail('image', 'is required for a compose deploy', 'Set image to the reference to run, e.g. registry.example.com/app:1.4.2 or …@sha256:….');
    if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
    const envFile = inputs.optional('env-file');
    compose = {
      files: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
      project, envFile: envFile === undefined ? undefined : relative('env-file', envFile), service, image,
      pull: inputs.boolean('pull', true), preDeploy: inputs.optional('pre-deploy'),
    };
  } else if (strategy === 'release') {
    const artifact = parseArtifact(inputs, workDir);
    if (mode === 'deploy' && !artifact) inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
    release = {
      artifact,
      shared: inputs.list('shared').map((p) => relative('shared', p)),
      prePromote: inputs.list('pre-promote'),
      restart: inputs.list('restart'),
      keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
    };
  } else if (strategy === 'swarm') {
    swarm = parseSwarmStrategy(inputs, workDir);
  } else {
    if (mode === 'rollback') inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
    script = inputs.required('script', 'Set script to the commands to run on the host.');
  }

  const healthUrl = parseHealthUrl(inputs);
  const imageTag = compose?.image?.includes('@') ? undefined : compose?.image?.split('/').pop()?.split(':')[1];
  const givenVersion = inputs.optional('version');
  // The version is written to the deploy log and the summary and echoed in health checks: one plain word.
  if (givenVersion !== undefined && !VERSION.test(givenVersion)) {
    inputs.fail('version', `is not a version (found '${givenVersion.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or sha-0a1b2c3.');
  }
  const version = givenVersion ?? imageTag ?? (mode === 'rollback' ? 'previous' : new Date().toISOString().replace(/[-:]|\.\d+/g, ''));
  return {
    ssh, strategy, mode, appDir, version,
    // The deploy env holds the app's secrets: masked whole and in pieces, names checked before connecting.
    env: inputs.keyValues('env', { secret: true, envNames: true }),
    health: { url: healthUrl, expect: inputs.optional('health-expect'), timeoutMs: inputs.duration('health-timeout', 60_000, { min: 1000 }) },
    batchSize: inputs.integer('batch-size', 0, { min: 0, max: 1000 }),
    lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
    // 0 would call every lock stale, so a second deploy would take over one in progress.
    lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000, { min: 1000, timer: false }),
    compose, release, script, swarm,
    zeroDowntime: parseZeroDowntimeSettings(inputs, strategy, healthUrl),
  };
}

/** Absolute, normalised, no `..`, no shell characters, never `/` itself (releases and locks live under it). */
function parseAppDir(inputs: Inputs): string {
  const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host, e.g. /srv/myapp.');
  const plain = appDir.replace(/\{(host|index)\}/g, 'x');
  if (!appDir.startsWith('/') || /[\s'"`$\\;&|<>*?]/.test(plain)) {
    inputs.fail('app-dir', `is not an absolute path without shell characters (found '${appDir}')`, 'Write the directory on the host, e.g. /srv/myapp.');
  }
  if (plain.split('/').some((segment) => segment === '..' || segment === '.')) {
    inputs.fail('app-dir', `has a '.' or '..' segment (found '${appDir}')`, 'Write the directory as it is, e.g. /srv/myapp, without . or .. parts.');
  }
  const normalised = path.posix.normalize(appDir).replace(/\/+$/, '');
  if (normalised === '') inputs.fail('app-dir', "is the root directory '/'", 'Give the application its own directory, e.g. /srv/myapp.');
  return normalised;
}

/** A local directory (rsync) or a .tar.gz/.tgz file, resolved to an absolute path so rsync can never read it as an option. */
function parseArtifact(inputs: Inputs, workDir: string): string | undefined {
  const value = inputs.optional('artifact');
  if (value === undefined) return undefined;
  const archive = /\.(tar\.gz|tgz)$/.test(value);
  const resolved = inputs.localPath('artifact', workDir, { mustExist: archive ? 'file' : 'dir' });
  // rsync's trailing-slash rule (copy the contents) is kept from what the user wrote.
  return resolved && !archive && value.endsWith('/') ? `${resolved}/` : resolved;
}

/** The health URL as the host sees it; `{host}`/`{index}`/`{version}` are filled in later, so they are checked as text. */
function parseHealthUrl(inputs: Inputs): string | undefined {
  const value = inputs.optional('health-url');
  if (value === undefined) return undefined;
  if (/\s/.test(value)) inputs.fail('health-url', 'has spaces or line breaks in it', 'Write the URL on one line, e.g. http://127.0.0.1:8080/api/health.');
  let url: URL | undefined;
  try {
    url = new URL(value.replace(/\{(host|index|version)\}/g, '1'));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    inputs.fail('health-url', `is not an http or https URL (found '${value.slice(0, 80)}')`, 'Write the URL as the host reaches the app, e.g. http://127.0.0.1:8080/api/health.');
  }
  if (url.username || url.password) inputs.fail('health-url', 'has credentials in it', 'Health endpoints are checked without credentials; remove user:password@.');
  return value;
}

/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
export function forHost(template: string, host: string, index: number): string {
  return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}
