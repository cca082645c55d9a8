import { Inputs, type InputSource } from '../core/config/inputs.js';
import type { FlowContext } from '../core/context.js';
import { parseDeploySettings, STRATEGY_NAMES, VERSION, type DeploySettings } from '../deploy/index.js';
import { parseBuildSettings, type BuildSettings } from '../image/index.js';
import { parsePushSettings, type PushSettings } from '../image/index.js';
import { parseImageReference } from '../image/index.js';
import { manifestVersion } from '../cloudron/index.js';
import { parseSmokeSettings, type SmokeSettings } from '../smoke/index.js';
import { routeInput, sourceName, type Link } from './link-inputs.js';

export type ParseContext = Pick<FlowContext, 'env' | 'platform' | 'workDir'>;

/** Stands in for values the chain only knows once it runs (the version from git, the pushed digest). */
export const PLANNED = 'planned';

export interface PipelineSettings {
  mode: 'deploy' | 'rollback';
  /** The raw inputs, read again per link once the links before it have produced their outputs. */
  source: InputSource;
  /** Deploy this existing image: no build, no push. */
  deployImage?: string;
  /** The version every link agrees on, when given; else build-image's (from git). */
  version?: string;
  /** Smoke checks the deployed version unless the user set expect-version or turned this off. */
  checkVersion: boolean;
  rollbackOnFailure: boolean;
  dryRun: boolean;
  /** Where the smoke checks come from: the user's url/checks, deploy's health-url through SSH, or nowhere (skipped). */
  smokeFrom: 'inputs' | 'health-url' | 'none';
  /** Each link parsed up front, with placeholders for derived values, so a bad input fails before the build. */
  build?: BuildSettings;
  push?: PushSettings;
  deploy: DeploySettings;
  smoke?: SmokeSettings;
}

/** One link's view of the pipeline's inputs; errors name the input as the user wrote it. */
export function linkInputs(source: InputSource, link: Link, derived: Record<string, string | undefined> = {}): Inputs {
  const get = (name: string) => source.get(name);
  return new Inputs({
    get: (name) => routeInput(get, link, name, derived),
    describe: (name) => source.describe(sourceName(get, link, name)),
    quotable: (name) => source.quotable?.(sourceName(get, link, name)) ?? true,
  });
}

/** `{version}` in build-args (e.g. `APP_VERSION={version}`) becomes the version the chain deploys. */
export function withVersion(text: string | undefined, version: string): string | undefined {
  return text?.replace(/\{version\}/g, version);
}

export function smokeDerived(settings: Pick<PipelineSettings, 'source' | 'checkVersion' | 'smokeFrom'>, version: string): Record<string, string | undefined> {
  // An action hands every declared input over, empty ones as '': empty means not set.
  const get = (name: string) => {
    const value = routeInput((n) => settings.source.get(n), 'smoke', name);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const derived: Record<string, string | undefined> = {};
  if (settings.smokeFrom === 'health-url') {
    derived.url = routeInput((n) => settings.source.get(n), 'deploy', 'health-url');
    if (get('via-ssh') === undefined) derived['via-ssh'] = 'true';
  }
  // smoke-test knows one `host` input; through SSH it reaches the same hosts as the deploy (host and hosts).
  const viaSsh = derived['via-ssh'] ?? get('via-ssh');
  if (viaSsh && /^(true|yes|on|1)$/i.test(viaSsh.trim())) {
    const deployHosts = ['host', 'hosts'].map((name) => routeInput((n) => settings.source.get(n), 'deploy', name)).filter((v) => v?.trim());
    if (get('host') === undefined && deployHosts.length) derived.host = deployHosts.join('\n');
  }
  const hasUrl = settings.smokeFrom === 'health-url' || get('url') !== undefined;
  if (settings.checkVersion && hasUrl && !get('expect-version')) derived['expect-version'] = version;
  return derived;
}

export function parsePipelineSettings(inputs: Inputs, context: ParseContext): PipelineSettings {
  const source = inputs.source;
  const deployInputs = linkInputs(source, 'deploy');
  const strategyText = deployInputs.optional('strategy');
  // cloudron reads its own modes (install, update, move, rollback); the chain's mode is rollback or deploy.
  const mode = strategyText === 'cloudron'
    ? (deployInputs.choice('mode', ['deploy', 'rollback', 'install', 'update', 'move'] as const, 'deploy') === 'rollback' ? 'rollback' : 'deploy')
    : deployInputs.choice('mode', ['deploy', 'rollback'] as const, 'deploy');
  const deployImage = inputs.optional('deploy-image');
  const deployReference = deployImage === undefined ? undefined : parseImageReference(deployImage);
  if (deployImage !== undefined && deployReference && 'error' in deployReference) {
    inputs.fail('deploy-image', deployReference.credentials ? deployReference.error : `is not an image reference (found '${deployImage}': ${deployReference.error})`, 'Give a full reference like registry.example.com/app:1.4.2 or …@sha256:….');
  }
  // Cloudron accepts an update only when the manifest version rises, and the image tag must equal it: the manifest names the release.
  const version = linkInputs(source, 'build').optional('version') ?? (strategyText === 'cloudron' && mode !== 'rollback' ? manifestVersion(deployInputs, context.workDir) : undefined);
  // Every link uses it (tags, deploy log, smoke): checked once, here, under its own name.
  if (version !== undefined && !VERSION.test(version)) {
    linkInputs(source, 'build').fail('version', `is not a version (found '${version.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or sha-0a1b2c3.');
  }
  const strategy = deployInputs.choice('strategy', STRATEGY_NAMES, 'compose');
  // Release and script deploys ship an artifact or a script, not an image, and a swarm stack file names its own
  // images: build only when asked (image set). A built swarm image is pinned by digest in the stack's override.
  const building = mode === 'deploy' && deployImage === undefined && (strategy === 'compose' || linkInputs(source, 'build').optional('image') !== undefined);
  const planVersion = version ?? PLANNED;

  let build: BuildSettings | undefined;
  let push: PushSettings | undefined;
  if (building) {
    const buildArgs = withVersion(routeInput((n) => source.get(n), 'build', 'build-args'), planVersion);
    build = parseBuildSettings(linkInputs(source, 'build', { 'build-args': buildArgs }), context.workDir);
    push = parsePushSettings(linkInputs(source, 'push', { tags: `${build.image}:${planVersion}` }));
  }
  const deploy = parseDeploySettings(linkInputs(source, 'deploy', {
    image: mode === 'rollback' ? undefined : deployImage ?? (build ? `${build.image}:${planVersion}` : undefined),
    version: version ?? (building ? planVersion : undefined),
  }), context.workDir);

  const smokeInputs = linkInputs(source, 'smoke');
  const userChecks = ['url', 'checks', 'checks-file'].some((name) => smokeInputs.optional(name) !== undefined);
  const smokeFrom = userChecks ? 'inputs' : deploy.health.url ? 'health-url' : 'none';
  const partial = { source, checkVersion: inputs.boolean('check-version', true), smokeFrom } as const;
  const smoke = smokeFrom === 'none' ? undefined : parseSmokeSettings(linkInputs(source, 'smoke', smokeDerived(partial, planVersion)), context.workDir);

  return {
    mode, source, deployImage, version, checkVersion: partial.checkVersion, smokeFrom,
    rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
    dryRun: inputs.boolean('dry-run', false),
    build, push, deploy, smoke,
  };
}
