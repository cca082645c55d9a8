import { CancelledError, throwIfCancelled } from '../core/cancel.js';
import { SlipwayError } from '../core/errors.js';
import { sleep } from '../core/runner/retry.js';
import {
  composeWords, defaultProjectName, DETECT_COMPOSE, renderImageOverride, rollbackTag, serviceContainersWords, tagImageWords, type ComposeFlavor, type ComposeProject,
} from './compose-commands.js';
import { servingVersion, waitForHttpHealth, type HealthVerdict } from './health.js';
import { envLineOf, envLineValue, variableValueFor, withEnvLine } from './compose-env-file.js';
import { hostFiles, readOrEmpty, readStateFile, writeAtomic, writeStateFile } from './host-state.js';
import { hookWords, requirePaths, RolledBackError, type HostRun as AnyHostRun } from './host-run.js';

type HostRun = AnyHostRun<ComposeDeploySettings>;
import { forHost } from './common-settings.js';
import { projectEnvFile, type ComposeDeploySettings, type ComposeSettings } from './strategies/compose.js';
import type { StrategyOutcome } from './strategies/strategy.js';

export interface ComposeContext {
  flavor: ComposeFlavor;
  project: ComposeProject;
  projectName: string;
  stateFile: string;
  compose: ComposeSettings;
  /** With image-variable: the env file on the host whose line for it says which image runs. */
  envFile?: string;
}

export async function prepare(run: HostRun): Promise<ComposeContext> {
  const { compose } = run.settings;
  await requirePaths(run, [
    { path: run.appDir, kind: 'dir', what: 'app-dir' },
    ...compose.files.map((file) => ({ path: `${run.appDir}/${file}`, kind: 'file' as const, what: 'compose-file' })),
    // With image-variable and no env-file, compose's default .env is created when missing.
    ...(compose.envFile ? [{ path: `${run.appDir}/${compose.envFile}`, kind: 'file' as const, what: 'env-file' }] : []),
  ], 'Create them on the host (or fix app-dir, compose-file, env-file): Slipway deploys into an existing compose setup and never writes your compose file');
  const detected = (await run.session.exec(['sh', '-c', DETECT_COMPOSE])).stdout.trim();
  if (detected !== 'v1' && detected !== 'v2') throw new SlipwayError(`${run.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
  const project = compose.project ? forHost(compose.project, run.session.target.host, run.index) : undefined;
  const stateBase = hostFiles.composeBase(run.appDir, project, compose.service);
  return {
    flavor: detected,
    compose,
    project: { appDir: run.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: compose.imageVariable ? undefined : `${stateBase}.override.json` },
    projectName: project ?? defaultProjectName(run.appDir),
    stateFile: `${stateBase}.state`,
    ...(compose.imageVariable ? { envFile: `${run.appDir}/${projectEnvFile(compose)}` } : {}),
  };
}

/** What the service runs: the reference it was started from (`app:latest`) and the exact image (`sha256:…` ID). */
export interface RunningImage {
  image: string;
  id: string;
}

export async function runningImageOf(run: HostRun, ctx: ComposeContext): Promise<RunningImage | undefined> {
  const ids = (await run.session.exec(serviceContainersWords(ctx.projectName, ctx.compose.service, false, { oneOffs: false }))).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return undefined;
  const inspected = (await run.session.exec(['docker', 'inspect', '--format', '{{.Config.Image}}|{{.Image}}', ids[0] ?? ''])).stdout.trim();
  const [image = '', id = ''] = inspected.split('|');
  return image ? { image, id } : undefined;
}

/** The reference (tag or digest) the service runs, for messages and the version label. */
export async function runningImage(run: HostRun, ctx: ComposeContext): Promise<string | undefined> {
  return (await runningImageOf(run, ctx))?.image;
}

/** Tags the recorded image ID as the rollback tag and returns the tag; fails clearly if the image is gone. */
async function pinForRollback(run: HostRun, ctx: ComposeContext, imageId: string): Promise<string> {
  const tag = rollbackTag(ctx.projectName, ctx.compose.service);
  const tagged = await run.session.exec(tagImageWords(imageId, tag), { allowFailure: true, label: `ssh ${run.session.target.host}: tag ${imageId} as ${tag}` });
  if (tagged.exitCode !== 0) {
    throw new SlipwayError(`${run.session.name}: the previous image ${imageId} is no longer on the host (${tagged.stderr.trim().split('\n').pop() ?? ''})`, {
      fix: 'Deploy the version you want by its tag or digest with mode: deploy',
    });
  }
  return tag;
}

/** The env file's text on the host ('' when it does not exist yet). */
const readEnvFile = (run: HostRun, ctx: ComposeContext): Promise<string> => readOrEmpty(run.session, ctx.envFile ?? '', 'slipway-env-file');

/**
 * Points the service at `target`: the override's image, or with image-variable the variable's line in the
 * env file ('' removes a line Slipway added). Both written atomically; an env file keeps its mode.
 */
async function pointAt(run: HostRun, ctx: ComposeContext, target: string): Promise<void> {
  const host = run.session.target.host;
  if (ctx.envFile && ctx.compose.imageVariable) {
    const text = withEnvLine(await readEnvFile(run, ctx), ctx.compose.imageVariable, target);
    await writeAtomic(run.session, ctx.envFile, text, { name: 'slipway-env-file', keepMode: true, label: `ssh ${host}: set ${ctx.compose.imageVariable} in ${ctx.envFile}` });
    return;
  }
  await writeAtomic(run.session, ctx.project.overrideFile ?? '', renderImageOverride(ctx.compose.service, target), {
    name: 'slipway-override', label: `ssh ${host}: point ${ctx.compose.service} at ${target}`,
  });
}

/**
 * Point the service at `target` (pointAt) and bring it up; finishes on the host even if the connection drops.
 * `beforeUp` may stop it between pull and up (a cancel), before anything that runs changed.
 */
async function switchTo(run: HostRun, ctx: ComposeContext, target: string, pull: boolean, beforeUp?: () => void): Promise<void> {
  const env = { ...run.settings.env };
  // The env file alone decides the image variable: a shell value would win over it in Slipway's run only.
  if (ctx.compose.imageVariable) delete env[ctx.compose.imageVariable];
  await pointAt(run, ctx, target);
  if (pull) await run.session.exec(composeWords(ctx.flavor, ctx.project, 'pull', ctx.compose.service), { env, label: `compose pull ${ctx.compose.service} on ${run.session.target.host}` });
  beforeUp?.();
  await run.session.exec(composeWords(ctx.flavor, ctx.project, 'up', '-d', '--remove-orphans'), {
    env, survivesDisconnect: true, stream: true, label: `compose up on ${run.session.target.host}`,
  });
}

const INSPECT_FORMAT = '{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}';

/**
 * Waits until every container of the service runs and, where it has a health check, is healthy; then
 * the HTTP check for `version` (undefined: a version nobody recorded, so health-expect's version part is skipped).
 * `signal`: a cancel ends the wait as a failed check, so the caller rolls back (docs/cancel.md).
 */
async function waitHealthy(run: HostRun, ctx: ComposeContext, version: string | undefined, signal?: AbortSignal): Promise<HealthVerdict> {
  const deadline = Date.now() + run.settings.health.timeoutMs;
  let last = 'no container';
  for (;;) {
    if (signal?.aborted) return { healthy: false, detail: CANCELLED_WHILE_VERIFYING };
    const ids = (await run.session.exec(serviceContainersWords(ctx.projectName, ctx.compose.service, true, { oneOffs: false }))).stdout.split('\n').filter(Boolean);
    if (ids.length > 0) {
      const states = (await run.session.exec(['docker', 'inspect', '--format', INSPECT_FORMAT, ...ids], { allowFailure: true })).stdout.trim().split('\n');
      last = states.join(', ');
      if (states.some((state) => state.endsWith('|unhealthy') || state.startsWith('exited') || state.startsWith('dead'))) {
        return { healthy: false, detail: `container ${last}` };
      }
      if (states.every((state) => state === 'running|' || state === 'running|healthy')) break;
    }
    if (Date.now() >= deadline) return { healthy: false, detail: `containers not healthy within ${Math.round(run.settings.health.timeoutMs / 1000)} s (${last})` };
    await sleep(500);
  }
  return waitForHttpHealth(run.session, run.settings.health, version, run.log, deadline, signal);
}

const CANCELLED_WHILE_VERIFYING = 'cancelled while the new version was being verified';
/**
 * What serves before this deploy, whoever deployed it: the exact image (ID and reference) and its
 * version — what the app answers on health-url, else what Slipway recorded when it deployed that
 * image, else unknown (''), never the image reference (which no health document reports).
 */
async function servingBefore(run: HostRun, ctx: ComposeContext, running: RunningImage | undefined, state: Record<string, string>): Promise<{ version: string; recorded: boolean }> {
  if (!running) return { version: '', recorded: false };
  // The image ID tells whether the recorded version still runs (a moving tag keeps its name).
  const recorded = state.image_id ? state.image_id === running.id : state.image === running.image;
  const answered = await servingVersion(run.session, run.settings.health, run.log);
  return { version: answered ?? (recorded ? state.version ?? '' : ''), recorded };
}

/** State written by older releases put the image reference where the version was unknown. */
const knownVersion = (version: string | undefined, image: string | undefined): string | undefined => (version && version !== image ? version : undefined);

/**
 * What a deploy points the service at and what puts the old one back: the override's image, or with
 * image-variable the variable's new line in the env file and the line it had (recorded as env_line /
 * previous_env_line, so a rollback writes the user's own value back).
 */
interface Switch {
  /** Shown in messages and recorded as the image until the running one is known. */
  label: string;
  /** What pointAt writes for the new version. */
  target: string;
  /** What pointAt writes to go back (undefined: the running image could not be pinned). */
  back?: string;
  envLine?: string;
  previousEnvLine?: string;
}

async function planSwitch(run: HostRun, ctx: ComposeContext, rollbackTag: string | undefined): Promise<Switch> {
  const { compose } = ctx;
  const image = compose.image ?? '';
  if (!compose.imageVariable) return { label: image, target: image, back: rollbackTag };
  const name = compose.imageVariable;
  const previousEnvLine = envLineOf(await readEnvFile(run, ctx), name);
  let value = compose.variableValue;
  if (value === undefined) {
    const derived = variableValueFor(image, previousEnvLine ? envLineValue(previousEnvLine) : '', run.settings.version);
    if (!derived.value) {
      throw new SlipwayError(`${run.session.name}: ${name} in ${ctx.envFile} ${derived.problem ?? 'cannot hold the image'}`, {
        fix: `Deploy a tagged image (app:1.4.2 or app:1.4.2@sha256:…), or pass the value as env: ${name}=…, or name a variable holding the whole reference in image-variable`,
      });
    }
    value = derived.value;
  }
  const envLine = `${name}=${value}`;
  return { label: compose.image ?? envLine, target: envLine, back: previousEnvLine, envLine, previousEnvLine };
}

export async function composeDeploy(run: HostRun): Promise<StrategyOutcome> {
  const ctx = await prepare(run);
  const { version } = run.settings;
  const running = await runningImageOf(run, ctx);
  const current = running?.image;
  const state = await readStateFile(run.session, ctx.stateFile);
  const before = await servingBefore(run, ctx, running, state);
  const previousVersion = before.version;
  if (ctx.compose.preDeploy && current) {
    throwIfCancelled(run.signal, 'the pre-deploy hook');
    await run.session.exec(hookWords(run.appDir, ctx.compose.preDeploy), {
      env: { ...run.settings.env, APP_VERSION: version, PREVIOUS_IMAGE: current, COMPOSE_PROJECT_NAME: ctx.projectName },
      stream: true, label: `pre-deploy hook on ${run.session.target.host}`,
    });
  }
  // Tagged before `pull` can move the tag it runs from: the rollback restores exactly these bytes.
  // (With image-variable the tag keeps the old image on the host; the rollback writes the old line back.)
  const pinned = running?.id ? await pinForRollback(run, ctx, running.id) : current;
  const sw = await planSwitch(run, ctx, pinned);
  const image = sw.label;
  throwIfCancelled(run.signal, `the switch to ${image}`);
  const variable = sw.envLine !== undefined;
  // A redeploy of what runs now keeps the earlier rollback target instead of pointing it at itself.
  const sameTarget = variable ? state.env_line === sw.envLine : state.image === image;
  const redeploy = before.recorded && sameTarget && state.version === version && Boolean(state.previous_image);
  const envLines = (line: string | undefined, previousLine: string | undefined): Record<string, string> => (variable ? { env_line: line ?? '', previous_env_line: previousLine ?? '' } : {});
  const thisRun = { previous_image: current ?? '', previous_image_id: running?.id ?? '', previous_version: previousVersion };
  const earlier = { previous_image: state.previous_image ?? '', previous_image_id: state.previous_image_id ?? '', previous_version: state.previous_version ?? '' };
  const previous = redeploy ? earlier : thisRun;
  const previousLine = redeploy ? state.previous_env_line : sw.previousEnvLine;
  // Recorded before the switch, so a rollback knows the old image even if this run dies half-way.
  await writeStateFile(run.session, ctx.stateFile, { image, image_id: '', version, ...previous, ...envLines(sw.envLine, previousLine), status: 'deploying' });
  run.log.info(`${run.session.name}: ${ctx.compose.service} ${current ?? '(not running)'}${running?.id ? ` (${shortId(running.id)})` : ''}${previousVersion ? `, version ${previousVersion}` : ''} → ${image}`);
  let verdict: HealthVerdict;
  try {
    await switchTo(run, ctx, sw.target, ctx.compose.pull, () => throwIfCancelled(run.signal, `compose up of ${image}`));
    verdict = await waitHealthy(run, ctx, version, run.signal);
  } catch (error) {
    if (error instanceof CancelledError) {
      // Cancelled after the pull, before up: what runs never changed; point the override (or env file) and the state back.
      if (sw.back !== undefined && (variable || current)) await pointAt(run, ctx, sw.back);
      await writeStateFile(run.session, ctx.stateFile, state);
      throw error;
    }
    if (!current || !(await run.session.isAlive())) throw error;
    verdict = { healthy: false, detail: (error as Error).message };
  }
  const shownBefore = previousVersion || current || '';
  if (verdict.healthy) {
    const now = await runningImageOf(run, ctx);
    // Same bytes as before (a moving tag that did not move): still the earlier rollback target.
    const same = Boolean(now?.id && running?.id && now.id === running.id && state.previous_image);
    const kept = same ? earlier : previous;
    const recordedImage = variable ? now?.image ?? image : image;
    await writeStateFile(run.session, ctx.stateFile, {
      image: recordedImage, image_id: now?.id ?? '', version, ...kept, ...envLines(sw.envLine, same ? state.previous_env_line : previousLine), status: 'deployed',
    });
    return { version, previous: shownBefore, changed: true };
  }
  if (!current || sw.back === undefined) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous version to roll back to`);
  run.log.warn(`${run.session.name}: ${verdict.detail}; rolling back to ${current}${running?.id ? ` (${shortId(running.id)})` : ''}`);
  await switchTo(run, ctx, sw.back, false);
  const back = await waitHealthy(run, ctx, previousVersion || undefined);
  await writeStateFile(run.session, ctx.stateFile, {
    image: current, image_id: running?.id ?? '', version: previousVersion, ...(before.recorded ? earlier : { previous_image: '', previous_image_id: '', previous_version: '' }),
    ...envLines(sw.previousEnvLine, before.recorded ? state.previous_env_line : ''),
    status: back.healthy ? 'rolled-back' : 'rollback-unhealthy',
  });
  if (!back.healthy) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; the rollback to ${current} is not healthy either (${back.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
  throw new RolledBackError(run.session.name, `new version ${version} failed its health check (${verdict.detail})`, `the old version ${shownBefore}`, { serving: shownBefore, failed: version });
}

/** Back to the image recorded as previous on the host (rollback mode, or a fleet batch that failed). */
export async function composeRollback(run: HostRun): Promise<StrategyOutcome> {
  const ctx = await prepare(run);
  const state = await readStateFile(run.session, ctx.stateFile);
  if (!state.previous_image) throw new SlipwayError(`${run.session.name}: no previous image is recorded in ${ctx.stateFile}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
  const variable = ctx.compose.imageVariable;
  if (variable && !('previous_env_line' in state)) {
    throw new SlipwayError(`${run.session.name}: no previous ${variable} line is recorded in ${ctx.stateFile} (the last deploy did not use image-variable)`, {
      fix: `Roll back by deploying the version you want with mode: deploy and env: ${variable}=…`,
    });
  }
  const running = await runningImageOf(run, ctx);
  const current = running?.image ?? state.image ?? '';
  const leaving = await servingBefore(run, ctx, running, state);
  const targetVersion = knownVersion(state.previous_version, state.previous_image);
  const leavingLine = variable ? envLineOf(await readEnvFile(run, ctx), variable) : undefined;
  // State written before image IDs were recorded only has the reference.
  const pinned = state.previous_image_id ? await pinForRollback(run, ctx, state.previous_image_id) : state.previous_image;
  const target = variable ? state.previous_env_line ?? '' : pinned;
  await writeStateFile(run.session, ctx.stateFile, { ...state, status: 'rolling-back' });
  await switchTo(run, ctx, target, false);
  const verdict = await waitHealthy(run, ctx, targetVersion);
  const shownTarget = targetVersion ?? state.previous_image;
  const shownLeft = leaving.version || current;
  if (!verdict.healthy) {
    await writeStateFile(run.session, ctx.stateFile, { ...state, status: 'rollback-unhealthy' });
    throw new SlipwayError(`${run.session.name}: rolled back to ${shownTarget} but it is not healthy (${verdict.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
  }
  const now = await runningImageOf(run, ctx);
  await writeStateFile(run.session, ctx.stateFile, {
    image: state.previous_image, image_id: now?.id ?? state.previous_image_id ?? '', version: targetVersion ?? '',
    previous_image: current, previous_image_id: running?.id ?? state.image_id ?? '', previous_version: leaving.version,
    ...(variable ? { env_line: target, previous_env_line: leavingLine ?? '' } : {}), status: 'rolled-back',
  });
  return { version: shownTarget, previous: shownLeft, changed: true };
}

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
