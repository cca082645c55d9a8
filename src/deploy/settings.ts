import type { Inputs } from '../core/config/inputs.js';
import { parseSshInputs, type SshSettings } from '../ssh/index.js';
import { parseSwarmStrategy, type SwarmStrategySettings } from '../swarm/strategy-settings.js';
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
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parseDeploySettings(inputs: Inputs): DeploySettings {
  const strategy = inputs.choice('strategy', ['compose', 'release', 'script', 'swarm'] as const, 'compose');
  const mode = inputs.choice('mode', ['deploy', 'rollback'] as const, 'deploy');
  const ssh = parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
  const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host, e.g. /srv/myapp.');
  if (!appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(appDir.replace(/\{(host|index)\}/g, ''))) {
    inputs.fail('app-dir', `is not an absolute path without shell characters (found '${appDir}')`);
  }
  const relative = (name: string, value: string) => {
    if (!RELATIVE_PATH.test(value)) inputs.fail(name, `is not a path inside app-dir (found '${value}', expected e.g. docker-compose.yml)`);
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
    const artifact = inputs.optional('artifact');
    if (mode === 'deploy' && !artifact) inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
    release = {
      artifact,
      shared: inputs.list('shared').map((p) => relative('shared', p)),
      prePromote: inputs.list('pre-promote'),
      restart: inputs.list('restart'),
      keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
    };
  } else if (strategy === 'swarm') {
    swarm = parseSwarmStrategy(inputs);
  } else {
    if (mode === 'rollback') inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
    script = inputs.required('script', 'Set script to the commands to run on the host.');
  }

  const imageTag = compose?.image?.includes('@') ? undefined : compose?.image?.split('/').pop()?.split(':')[1];
  const version = inputs.optional('version') ?? imageTag ?? (mode === 'rollback' ? 'previous' : new Date().toISOString().replace(/[-:]|\.\d+/g, ''));
  return {
    ssh, strategy, mode, appDir, version,
    env: inputs.keyValues('env'),
    health: { url: inputs.optional('health-url'), expect: inputs.optional('health-expect'), timeoutMs: inputs.duration('health-timeout', 60_000) },
    batchSize: inputs.integer('batch-size', 0, { min: 0 }),
    lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
    lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000),
    compose, release, script, swarm,
    zeroDowntime: parseZeroDowntimeSettings(inputs, strategy, inputs.optional('health-url')),
  };
}

/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
export function forHost(template: string, host: string, index: number): string {
  return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}
