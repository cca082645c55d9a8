import { randomBytes } from 'node:crypto';
import { CancelledError, throwIfCancelled } from '../core/cancel.js';
import { ProcessError, SlipwayError } from '../core/errors.js';
import { sleep } from '../core/runner/retry.js';
import {
  composeWords, defaultProjectName, LOOK_SCRIPT, lookArgs, lookParts, lookSeparator, lookWords, pollWords, prepareWords, RECORD_STATE_SCRIPT, recordStateProblem,
  renderImageOverride, rollbackTag, serviceContainersWords, type ComposeFlavor, type ComposeProject, type FileWrite, type LookRequest,
} from './compose-commands.js';
import { parseHealthProbe, probeWords, type HealthProbe } from './container-probe.js';
import { healthPollDelay, servingVersion, waitForHttpHealth, type HealthVerdict } from './health.js';
import { envLineOf, envLineValue, variableValueFor, withEnvLine } from './compose-env-file.js';
import { hostFiles, parseStateText, readOrEmpty, stateText } from './host-state.js';
import { hookWords, RolledBackError, runClosing, takeLooked, type HostRun as AnyHostRun } from './host-run.js';

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

const PATHS_FIX = 'Create them on the host (or fix app-dir, compose-file, env-file): Slipway deploys into an existing compose setup and never writes your compose file';
const NO_COMPOSE = (run: HostRun) => new SlipwayError(`${run.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });

/** The paths a compose deploy needs on the host before it starts. */
function pathChecks(run: HostRun): Array<{ path: string; kind: 'dir' | 'file'; what: string }> {
  const { compose } = run.settings;
  return [
    { path: run.appDir, kind: 'dir', what: 'app-dir' },
    ...compose.files.map((file) => ({ path: `${run.appDir}/${file}`, kind: 'file' as const, what: 'compose-file' })),
    // With image-variable and no env-file, compose's default .env is created when missing.
    ...(compose.envFile ? [{ path: `${run.appDir}/${compose.envFile}`, kind: 'file' as const, what: 'env-file' }] : []),
  ];
}

function contextOf(run: HostRun, flavor: ComposeFlavor): ComposeContext {
  const { compose } = run.settings;
  const project = compose.project ? forHost(compose.project, run.session.target.host, run.index) : undefined;
  const stateBase = hostFiles.composeBase(run.appDir, project, compose.service);
  return {
    flavor,
    compose,
    project: { appDir: run.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: compose.imageVariable ? undefined : `${stateBase}.override.json` },
    projectName: project ?? defaultProjectName(run.appDir),
    stateFile: `${stateBase}.state`,
    ...(compose.imageVariable ? { envFile: `${run.appDir}/${projectEnvFile(compose)}` } : {}),
  };
}

/** The paths checked and the compose context (the zero-downtime option's start): the look the fleet ran with the lock, else one of its own. */
export async function prepare(run: HostRun): Promise<ComposeContext> {
  return (await lookAt(run)).ctx;
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
  return imageOf(inspected);
}

function imageOf(inspected: string): RunningImage | undefined {
  const [image = '', id = ''] = inspected.split('|');
  return image ? { image, id } : undefined;
}

/** The reference (tag or digest) the service runs, for messages and the version label. */
export async function runningImage(run: HostRun, ctx: ComposeContext): Promise<string | undefined> {
  return (await runningImageOf(run, ctx))?.image;
}

/** What a deploy or rollback needs to know of the host before it changes anything (one round trip: LOOK_SCRIPT). */
interface HostLook {
  ctx: ComposeContext;
  running?: RunningImage;
  state: Record<string, string>;
  /** With image-variable: the env file's text ('' when it does not exist yet). */
  envText: string;
}

/** A look at this run's project, with a separator of its own (random: file text cannot pass for a part). */
function lookRequest(run: HostRun): LookRequest {
  const draft = contextOf(run, 'v2');
  return {
    separator: `slipway-${randomBytes(12).toString('hex')}`, stateFile: draft.stateFile, envFile: draft.envFile, checks: pathChecks(run),
    projectName: draft.projectName, service: run.settings.compose.service,
  };
}

/** The look the fleet runs with the lock (LOOK_SCRIPT: paths, compose, what runs, state, env file). */
export function composeLookWithLock(run: HostRun): { script: string; args: string[] } {
  return { script: LOOK_SCRIPT, args: lookArgs(lookRequest(run)) };
}

/** The look the fleet ran with the lock (once), else one round trip of its own. */
async function lookAt(run: HostRun): Promise<HostLook> {
  const { compose } = run.settings;
  // The answer is read with the separator it was asked with.
  const looked = takeLooked(run);
  let separator = looked ? lookSeparator(looked.args) : undefined;
  let stdout = looked?.stdout ?? '';
  if (!looked || !separator) {
    const request = lookRequest(run);
    separator = request.separator;
    stdout = (await run.session.exec(lookWords(request), { label: `ssh ${run.session.target.host}: look at ${compose.service} (paths, compose, containers, state)` })).stdout;
  }
  const parts = lookParts(stdout, separator);
  if (!parts) throw new SlipwayError(`${run.session.name}: the host's answer to Slipway's look at the compose project was cut short`, { fix: 'Run the deploy again; the host\'s sh must be a POSIX shell' });
  const missing = (parts.get('missing') ?? '').split('\n').filter(Boolean);
  if (missing.length) throw new SlipwayError(`${run.session.name}: missing on the host: ${missing.join(', ')}`, { fix: PATHS_FIX });
  const flavor = parts.get('compose')?.trim();
  if (flavor !== 'v1' && flavor !== 'v2') throw NO_COMPOSE(run);
  return {
    ctx: contextOf(run, flavor),
    running: imageOf((parts.get('running') ?? '').trim()),
    state: parseStateText(parts.get('state') ?? ''),
    envText: parts.get('env') ?? '',
  };
}

/**
 * The look, with what the app serving now says it is (an HTTP check through the SSH forward); that
 * answer counts only when the look finds the service running. Asked beside a look of its own, or,
 * when the fleet already looked with the lock, right after it and only when the service runs.
 */
async function lookBesideServingVersion(run: HostRun): Promise<{ seen: HostLook; answered?: string }> {
  if (run.looked !== undefined) {
    const seen = await lookAt(run);
    return { seen, answered: seen.running ? await servingVersion(run.session, run.settings.health, run.log) : undefined };
  }
  const asked = servingVersion(run.session, run.settings.health, run.log);
  let seen: HostLook;
  try {
    seen = await lookAt(run);
  } finally {
    // Never left in flight: its tunnel is closed before anything else happens.
    await asked;
  }
  return { seen, answered: seen.running ? await asked : undefined };
}

/**
 * The state a deploy or rollback ends with (RECORD_STATE_SCRIPT), written in the host's last round
 * trip with the deploy-log line and the lock release when the fleet keeps it there, else now; before
 * the lock is released either way. A failed write fails the host.
 */
async function recordState(run: HostRun, ctx: ComposeContext, state: Record<string, string>): Promise<void> {
  await runClosing(run, {
    script: RECORD_STATE_SCRIPT, args: [ctx.stateFile], stdin: stateText(state), vital: true,
    settle: (stdout, exitCode) => {
      const problem = recordStateProblem(stdout, exitCode);
      return problem === undefined ? undefined : new SlipwayError(`${run.session.name}: could not record the ${state.status ?? 'deploy'} state in ${ctx.stateFile} (${problem})`, {
        fix: 'Check the SSH user can write to app-dir/.slipway on the host; a rollback reads this file',
      });
    },
  });
}

/** The env file's text on the host ('' when it does not exist yet). */
const readEnvFile = (run: HostRun, ctx: ComposeContext): Promise<string> => readOrEmpty(run.session, ctx.envFile ?? '', 'slipway-env-file');

/**
 * What points the service at `target`: the override's image, or with image-variable the variable's
 * line in the env file `envText` ('' removes a line Slipway added; the file keeps its mode).
 */
function pointWrite(ctx: ComposeContext, target: string, envText: string): FileWrite {
  if (ctx.envFile && ctx.compose.imageVariable) return { path: ctx.envFile, text: withEnvLine(envText, ctx.compose.imageVariable, target), keepMode: true };
  return { path: ctx.project.overrideFile ?? '', text: renderImageOverride(ctx.compose.service, target) };
}

/** A write's label: the image it points at, or only which env file line (the file's values stay out of logs). */
const pointsAt = (ctx: ComposeContext, target: string): string => (ctx.compose.imageVariable ? `set ${ctx.compose.imageVariable} in ${ctx.envFile}` : `point ${ctx.compose.service} at ${target}`);

/**
 * One round trip (PREPARE_SCRIPT): `pin` tags the image that runs as the rollback tag first (fails
 * clearly if that image is gone, before any file is written), then each file is written atomically.
 */
async function writeFiles(run: HostRun, pin: { imageId: string; tag: string } | undefined, files: FileWrite[], label: string): Promise<void> {
  const { words, stdin } = prepareWords(pin, files);
  const result = await run.session.exec(words, { stdin, allowFailure: true, label });
  if (result.exitCode === 3 && pin) {
    throw new SlipwayError(`${run.session.name}: the previous image ${pin.imageId} is no longer on the host (${result.stderr.trim().split('\n').pop() ?? ''})`, {
      fix: 'Deploy the version you want by its tag or digest with mode: deploy',
    });
  }
  if (result.exitCode !== 0) throw new ProcessError({ command: label, exitCode: result.exitCode, stderr: result.stderr });
}

/** Where a deploy's files go back to: the service pointed at `target` and, when given, the state file as `state`; the env file read again first (image-variable). */
async function pointBack(run: HostRun, ctx: ComposeContext, target: string | undefined, state?: Record<string, string>): Promise<void> {
  const files: FileWrite[] = [];
  if (target !== undefined) files.push(pointWrite(ctx, target, ctx.compose.imageVariable ? await readEnvFile(run, ctx) : ''));
  if (state) files.push({ path: ctx.stateFile, text: stateText(state) });
  if (files.length) await writeFiles(run, undefined, files, `ssh ${run.session.target.host}: point ${ctx.compose.service} back${target !== undefined ? ` (${pointsAt(ctx, target)})` : ''}`);
}

/**
 * Bring the service up as the override (or env file) now says; finishes on the host even if the
 * connection drops. `beforeUp` may stop it between pull and up (a cancel), before anything that runs changed.
 */
async function bringUp(run: HostRun, ctx: ComposeContext, pull: boolean, beforeUp?: () => void): Promise<void> {
  const env = { ...run.settings.env };
  // The env file alone decides the image variable: a shell value would win over it in Slipway's run only.
  if (ctx.compose.imageVariable) delete env[ctx.compose.imageVariable];
  if (pull) await run.session.exec(composeWords(ctx.flavor, ctx.project, 'pull', ctx.compose.service), { env, label: `compose pull ${ctx.compose.service} on ${run.session.target.host}` });
  beforeUp?.();
  await run.session.exec(composeWords(ctx.flavor, ctx.project, 'up', '-d', '--remove-orphans'), {
    env, survivesDisconnect: true, stream: true, label: `compose up on ${run.session.target.host}`,
  });
}

/** One container as a health poll sees it (POLL_FORMAT). */
interface PolledContainer {
  status: string;
  health: string;
  image: string;
  id: string;
  /** Its own health check, to run at once while Docker says 'starting'. */
  probe?: HealthProbe;
}

function polledContainer(line: string): PolledContainer {
  const tab = line.indexOf('\t');
  const [status = '', health = '', image = '', id = ''] = (tab === -1 ? line : line.slice(0, tab)).split('|');
  const probe = tab === -1 ? undefined : parseHealthProbe(line.slice(tab + 1));
  return { status, health, image, id, ...(probe ? { probe } : {}) };
}

/**
 * While Docker says 'starting', run each such container's own health check once (container-probe.ts):
 * true when every one passed. Each runs within its health check's timeout and what is left of the wait.
 */
async function passedOwnHealthChecks(run: HostRun, service: string, starting: PolledContainer[], deadline: number): Promise<boolean> {
  const results = await Promise.all(starting.map((container) => {
    const probe = container.probe as HealthProbe;
    // The check's own timeout, plus a second for the round trip; never past the wait by more than that second.
    const timeoutMs = Math.max(1000, Math.min(probe.timeoutMs + 1000, deadline - Date.now()));
    return run.session.exec(probeWords(probe), { allowFailure: true, timeoutMs, label: `ssh ${run.session.target.host}: run ${service}'s own health check` })
      .then((result) => result.exitCode === 0, () => false);
  }));
  return results.every(Boolean);
}

/**
 * Waits until every container of the service runs and, where it has a health check, is healthy (one
 * round trip a poll); then the HTTP check for `version` (undefined: a version nobody recorded, so
 * health-expect's version part is skipped). A healthy verdict carries what the service then runs.
 * `signal`: a cancel ends the wait as a failed check, so the caller rolls back (docs/cancel.md).
 */
async function waitHealthy(run: HostRun, ctx: ComposeContext, version: string | undefined, signal?: AbortSignal): Promise<HealthVerdict & { running?: RunningImage }> {
  const deadline = Date.now() + run.settings.health.timeoutMs;
  let last = 'no container';
  let running: RunningImage | undefined;
  for (let polls = 1; ; polls += 1) {
    if (signal?.aborted) return { healthy: false, detail: CANCELLED_WHILE_VERIFYING };
    const polled = (await run.session.exec(pollWords(ctx.projectName, ctx.compose.service), { label: `ssh ${run.session.target.host}: state of ${ctx.compose.service}'s containers` }))
      .stdout.trim().split('\n').filter(Boolean).map(polledContainer);
    if (polled.length > 0) {
      last = polled.map((c) => `${c.status}|${c.health}`).join(', ');
      // A container compose is removing (the one it replaced) no longer serves, whatever its health said.
      const live = polled.filter((c) => c.status && c.status !== 'removing');
      if (live.some((c) => c.health === 'unhealthy' || c.status === 'exited' || c.status === 'dead')) return { healthy: false, detail: `container ${last}` };
      const ready = (c: PolledContainer) => c.status === 'running' && (c.health === '' || c.health === 'healthy');
      const starting = live.filter((c) => c.status === 'running' && c.health === 'starting' && c.probe);
      const passed = live.length > 0 && live.every((c) => ready(c) || starting.includes(c))
        && (starting.length === 0 || await passedOwnHealthChecks(run, ctx.compose.service, starting, deadline));
      if (passed) {
        if (starting.length) run.log.info(`${run.session.name}: ${ctx.compose.service}'s own health check passed when run at once (Docker's first check comes one interval after the start)`);
        // Newest first, as `docker ps` lists them: what the service runs now.
        running = live[0]?.image ? { image: live[0].image, id: live[0].id } : undefined;
        break;
      }
    }
    if (Date.now() >= deadline) return { healthy: false, detail: `containers not healthy within ${Math.round(run.settings.health.timeoutMs / 1000)} s (${last})` };
    await sleep(healthPollDelay(polls, deadline));
  }
  return { ...(await waitForHttpHealth(run.session, run.settings.health, version, run.log, deadline, signal)), running };
}

const CANCELLED_WHILE_VERIFYING = 'cancelled while the new version was being verified';
/**
 * What serves before this deploy, whoever deployed it: the exact image (ID and reference) and its
 * version — what the app answered on health-url (`answered`), else what Slipway recorded when it
 * deployed that image, else unknown (''), never the image reference (which no health document reports).
 */
function servingBefore(running: RunningImage | undefined, state: Record<string, string>, answered: string | undefined): { version: string; recorded: boolean } {
  if (!running) return { version: '', recorded: false };
  // The image ID tells whether the recorded version still runs (a moving tag keeps its name).
  const recorded = state.image_id ? state.image_id === running.id : state.image === running.image;
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
  /** What pointWrite writes for the new version. */
  target: string;
  /** What pointWrite writes to go back (undefined: the running image could not be pinned). */
  back?: string;
  envLine?: string;
  previousEnvLine?: string;
}

function planSwitch(run: HostRun, ctx: ComposeContext, envText: string, rollbackTag: string | undefined): Switch {
  const { compose } = ctx;
  const image = compose.image ?? '';
  if (!compose.imageVariable) return { label: image, target: image, back: rollbackTag };
  const name = compose.imageVariable;
  const previousEnvLine = envLineOf(envText, name);
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

/**
 * A deploy in about one round trip a phase: the look (beside the serving version's HTTP check),
 * the pin, state and override in one write, pull, up, one exec a health poll, the state written.
 */
export async function composeDeploy(run: HostRun): Promise<StrategyOutcome> {
  const { seen, answered } = await lookBesideServingVersion(run);
  const { ctx, running, state } = seen;
  let { envText } = seen;
  const { version } = run.settings;
  const current = running?.image;
  const before = servingBefore(running, state, answered);
  const previousVersion = before.version;
  if (ctx.compose.preDeploy && current) {
    throwIfCancelled(run.signal, 'the pre-deploy hook');
    await run.session.exec(hookWords(run.appDir, ctx.compose.preDeploy), {
      env: { ...run.settings.env, APP_VERSION: version, PREVIOUS_IMAGE: current, COMPOSE_PROJECT_NAME: ctx.projectName },
      stream: true, label: `pre-deploy hook on ${run.session.target.host}`,
    });
    // The hook may have edited the env file: its line is read from what the hook left.
    if (ctx.envFile) envText = await readEnvFile(run, ctx);
  }
  // Tagged before `pull` can move the tag it runs from: the rollback restores exactly these bytes.
  // (With image-variable the tag keeps the old image on the host; the rollback writes the old line back.)
  const pin = running?.id ? { imageId: running.id, tag: rollbackTag(ctx.projectName, ctx.compose.service) } : undefined;
  const sw = planSwitch(run, ctx, envText, pin?.tag ?? current);
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
  // The state is recorded before the override, so a rollback knows the old image even if this run dies half-way.
  const deploying = { image, image_id: '', version, ...previous, ...envLines(sw.envLine, previousLine), status: 'deploying' };
  await writeFiles(run, pin, [{ path: ctx.stateFile, text: stateText(deploying) }, pointWrite(ctx, sw.target, envText)],
    `ssh ${run.session.target.host}: ${pin ? `tag ${shortId(pin.imageId)} as ${pin.tag}, ` : ''}record the deploy, ${pointsAt(ctx, sw.target)}`);
  run.log.info(`${run.session.name}: ${ctx.compose.service} ${current ?? '(not running)'}${running?.id ? ` (${shortId(running.id)})` : ''}${previousVersion ? `, version ${previousVersion}` : ''} → ${image}`);
  let verdict: HealthVerdict & { running?: RunningImage };
  try {
    await bringUp(run, ctx, ctx.compose.pull, () => throwIfCancelled(run.signal, `compose up of ${image}`));
    verdict = await waitHealthy(run, ctx, version, run.signal);
  } catch (error) {
    if (error instanceof CancelledError) {
      // Cancelled after the pull, before up: what runs never changed; point the override (or env file) and the state back.
      await pointBack(run, ctx, sw.back !== undefined && (variable || current) ? sw.back : undefined, state);
      throw error;
    }
    if (!current || !(await run.session.isAlive())) throw error;
    verdict = { healthy: false, detail: (error as Error).message };
  }
  const shownBefore = previousVersion || current || '';
  if (verdict.healthy) {
    const now = verdict.running;
    // Same bytes as before (a moving tag that did not move): still the earlier rollback target.
    const same = Boolean(now?.id && running?.id && now.id === running.id && state.previous_image);
    const kept = same ? earlier : previous;
    const recordedImage = variable ? now?.image ?? image : image;
    await recordState(run, ctx, {
      image: recordedImage, image_id: now?.id ?? '', version, ...kept, ...envLines(sw.envLine, same ? state.previous_env_line : previousLine), status: 'deployed',
    });
    return { version, previous: shownBefore, changed: true };
  }
  if (!current || sw.back === undefined) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous version to roll back to`);
  run.log.warn(`${run.session.name}: ${verdict.detail}; rolling back to ${current}${running?.id ? ` (${shortId(running.id)})` : ''}`);
  await pointBack(run, ctx, sw.back);
  await bringUp(run, ctx, false);
  const back = await waitHealthy(run, ctx, previousVersion || undefined);
  await recordState(run, ctx, {
    image: current, image_id: running?.id ?? '', version: previousVersion, ...(before.recorded ? earlier : { previous_image: '', previous_image_id: '', previous_version: '' }),
    ...envLines(sw.previousEnvLine, before.recorded ? state.previous_env_line : ''),
    status: back.healthy ? 'rolled-back' : 'rollback-unhealthy',
  });
  if (!back.healthy) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; the rollback to ${current} is not healthy either (${back.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
  throw new RolledBackError(run.session.name, `new version ${version} failed its health check (${verdict.detail})`, `the old version ${shownBefore}`, { serving: shownBefore, failed: version });
}

/** Back to the image recorded as previous on the host (rollback mode, or a fleet batch that failed). */
export async function composeRollback(run: HostRun): Promise<StrategyOutcome> {
  const { seen, answered } = await lookBesideServingVersion(run);
  const { ctx, running, state, envText } = seen;
  if (!state.previous_image) throw new SlipwayError(`${run.session.name}: no previous image is recorded in ${ctx.stateFile}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
  const variable = ctx.compose.imageVariable;
  if (variable && !('previous_env_line' in state)) {
    throw new SlipwayError(`${run.session.name}: no previous ${variable} line is recorded in ${ctx.stateFile} (the last deploy did not use image-variable)`, {
      fix: `Roll back by deploying the version you want with mode: deploy and env: ${variable}=…`,
    });
  }
  const current = running?.image ?? state.image ?? '';
  const leaving = servingBefore(running, state, answered);
  const targetVersion = knownVersion(state.previous_version, state.previous_image);
  const leavingLine = variable ? envLineOf(envText, variable) : undefined;
  // State written before image IDs were recorded only has the reference.
  const pin = state.previous_image_id ? { imageId: state.previous_image_id, tag: rollbackTag(ctx.projectName, ctx.compose.service) } : undefined;
  const target = variable ? state.previous_env_line ?? '' : pin?.tag ?? state.previous_image;
  await writeFiles(run, pin, [{ path: ctx.stateFile, text: stateText({ ...state, status: 'rolling-back' }) }, pointWrite(ctx, target, envText)],
    `ssh ${run.session.target.host}: ${pin ? `tag ${shortId(pin.imageId)} as ${pin.tag}, ` : ''}record the rollback, ${pointsAt(ctx, target)}`);
  await bringUp(run, ctx, false);
  const verdict = await waitHealthy(run, ctx, targetVersion);
  const shownTarget = targetVersion ?? state.previous_image;
  const shownLeft = leaving.version || current;
  if (!verdict.healthy) {
    await recordState(run, ctx, { ...state, status: 'rollback-unhealthy' });
    throw new SlipwayError(`${run.session.name}: rolled back to ${shownTarget} but it is not healthy (${verdict.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
  }
  const now = verdict.running;
  await recordState(run, ctx, {
    image: state.previous_image, image_id: now?.id ?? state.previous_image_id ?? '', version: targetVersion ?? '',
    previous_image: current, previous_image_id: running?.id ?? state.image_id ?? '', previous_version: leaving.version,
    ...(variable ? { env_line: target, previous_env_line: leavingLine ?? '' } : {}), status: 'rolled-back',
  });
  return { version: shownTarget, previous: shownLeft, changed: true };
}

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
