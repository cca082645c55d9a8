import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { composeWords, DETECT_COMPOSE, type ComposeFlavor, type ComposeProject } from '../deploy/index.js';
import { appendDeployLog, writeAtomic } from '../deploy/index.js';
import { acquireLock, type HeldLock } from '../deploy/index.js';
import { ANY_SUCCESS } from '../smoke/index.js';
import { runSmokeChecksOverSession, type SmokeCheck } from '../smoke/index.js';
import type { SshSession } from '../ssh/index.js';
import {
  foreignMounts, liveDir, parseDockerSize, parsePreviewState, portClash, previewNames, previewsDir, previewsToEvict, RENDER_ENV, renderPreviewOverride,
  volumeSizes, type PreviewNames, type PreviewState,
} from './naming.js';
import type { PreviewSettings } from './settings.js';

/** One preview as `list` reports it. */
export interface PreviewInfo extends PreviewState {
  url: string;
  /** Bytes in the preview's named volumes (from `docker system df -v`). */
  diskBytes: number;
  volumes: string[];
  running: boolean;
}

export interface HostPreviews {
  session: SshSession;
  settings: PreviewSettings;
  log: Logger;
  actor: string;
  /** This run (runIdentity), written into the lock so a post step releases only a lock its run still holds. */
  runId: string;
}

const names = (h: HostPreviews, pr: number): PreviewNames => previewNames(h.settings.app, h.settings.appDir, pr, h.settings.portBase, h.settings.domain);
export const previewUrl = (settings: PreviewSettings, pr: number): string => `${settings.scheme}://pr-${pr}.${settings.domain}`;

async function flavor(h: HostPreviews): Promise<ComposeFlavor> {
  const detected = (await h.session.exec(['sh', '-c', DETECT_COMPOSE])).stdout.trim();
  if (detected !== 'v1' && detected !== 'v2') throw new SlipwayError(`${h.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
  return detected;
}

function project(h: HostPreviews, n: PreviewNames): ComposeProject {
  // The env file path is absolute; composeWords puts it under app-dir, so it is given relative to it.
  return { appDir: h.settings.appDir, files: h.settings.composeFiles, project: n.project, envFile: n.envFile.slice(h.settings.appDir.length + 1), overrideFile: n.overrideFile };
}

/** Previews share one lock of their own: a production deploy is never blocked by them, nor they by it. */
export function lockPreviews(h: HostPreviews): Promise<HeldLock> {
  return acquireLock(h.session, previewsDir(h.settings.appDir), { holder: h.actor, runId: h.runId, waitMs: h.settings.lockTimeoutMs, staleAfterMs: h.settings.lockStaleAfterMs }, h.log);
}

export async function readPreviews(h: HostPreviews): Promise<PreviewState[]> {
  const script = 'for f in "$1"/pr-*/state; do [ -f "$f" ] || continue; cat "$f"; echo "--"; done';
  const out = (await h.session.exec(['sh', '-c', script, 'slipway-previews', previewsDir(h.settings.appDir)])).stdout;
  return out.split('--\n').map(parsePreviewState).filter((s): s is PreviewState => s !== undefined).sort((a, b) => a.pr - b.pr);
}

async function writeState(h: HostPreviews, file: string, state: PreviewState): Promise<void> {
  const text = Object.entries(state).map(([key, value]) => `${key}=${String(value).replace(/\n/g, ' ')}\n`).join('');
  // keepMode: a new state file is made 0600 (umask 077), an existing one keeps its mode.
  await writeAtomic(h.session, file, text, { name: 'slipway-state', keepMode: true });
}

export interface UpResult {
  state: PreviewState;
  url: string;
  created: boolean;
  evicted: number[];
}

/** Creates or updates one preview; must be called with the previews lock held. */
export async function previewUp(h: HostPreviews, pr: number): Promise<UpResult> {
  const { settings, session } = h;
  const n = names(h, pr);
  const existing = await readPreviews(h);
  const clash = portClash(existing, pr, n.port);
  if (clash) throw new SlipwayError(`preview pr-${pr}: port ${n.port} is held by the live preview pr-${clash.pr} (same last three digits)`, { fix: `Remove pr-${clash.pr} first (slipway preview down --pr ${clash.pr}), or use another port-base.` });
  const evict = previewsToEvict(existing, pr, settings.maxPreviews, settings.whenFull);
  if (!evict) throw new SlipwayError(`preview pr-${pr}: ${existing.length} previews already run (max-previews ${settings.maxPreviews})`, { fix: 'Close or remove a preview, raise max-previews, or set when-full: evict-oldest.' });
  for (const old of evict) {
    h.log.warn(`preview pr-${pr}: max-previews ${settings.maxPreviews} reached, evicting the oldest, pr-${old.pr} (created ${old.created})`);
    await previewDown(h, old.pr);
  }
  const compose = await flavor(h);
  const url = previewUrl(settings, pr);
  // Made with the default umask: the proxy's `ask` endpoint reads live/ (the preview dirs themselves stay 0700).
  await session.exec(['mkdir', '-p', '--', liveDir(settings.appDir)]);
  const template = settings.envTemplate ? `${settings.appDir}/${settings.envTemplate}` : '';
  const rendered = (await session.exec(['sh', '-c', RENDER_ENV, 'slipway-preview-env', template || '/nonexistent', n.envFile, String(pr), String(n.port), n.host, url, n.project], {
    label: `ssh ${session.target.host}: preview pr-${pr} env file`,
  })).stdout.trim();
  const created = rendered === 'created';
  if (template && created) {
    const found = await session.exec(['test', '-f', template], { allowFailure: true });
    if (found.exitCode !== 0) throw new SlipwayError(`preview pr-${pr}: env-template ${settings.envTemplate} is not in ${settings.appDir} on the host`, { fix: 'Put the template (KEY={{generate}} for secrets) next to the compose file.' });
  }
  const previous = existing.find((s) => s.pr === pr);
  const now = new Date().toISOString();
  const state: PreviewState = {
    pr, project: n.project, port: n.port, host: n.host, image: settings.image ?? '', version: settings.version, sha: settings.sha ?? '',
    created: previous?.created ?? now, updated: now, status: 'starting',
  };
  // State first: a preview that dies half-way is still found by down and reap.
  await writeState(h, n.stateFile, state);
  await writeAtomic(session, n.overrideFile, renderPreviewOverride(settings.service, settings.image ?? '', n.envFile, pr), { name: 'slipway-override' });
  const words = composeWords(compose, project(h, n), 'up', '-d', '--remove-orphans');
  await session.exec(words, { stream: true, survivesDisconnect: true, label: `compose up ${n.project} on ${session.target.host}` });
  await checkIsolation(h, compose, n);
  if (settings.seed && created) {
    h.log.info(`preview pr-${pr}: seeding`);
    await session.exec(composeWords(compose, project(h, n), 'exec', '-T', settings.service, 'sh', '-c', settings.seed), { stream: true, label: `seed ${n.project}` });
  }
  const check: SmokeCheck = {
    name: `preview pr-${pr}`, url: `http://127.0.0.1:${n.port}${settings.healthPath}`, method: 'GET', headers: {},
    expectStatus: ANY_SUCCESS, json: [], bodyContains: [], bodyMatches: [], versionPath: 'version', healthDocument: true,
    expectVersion: settings.version || undefined,
  };
  const report = await runSmokeChecksOverSession(session, [check], { timeoutMs: settings.healthTimeoutMs, consecutivePasses: 2 }, h.log);
  if (!report.passed) {
    await writeState(h, n.stateFile, { ...state, status: 'unhealthy' });
    await session.exec(['rm', '-f', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
    throw new SlipwayError(`preview pr-${pr}: the smoke check failed (${report.checks[0]?.reason ?? 'not healthy'}); it stays up unannounced for a look, and is removed by down or reap`);
  }
  const live = { ...state, status: 'live' };
  await writeState(h, n.stateFile, live);
  await session.exec(['touch', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
  await appendDeployLog(session, previewsDir(settings.appDir), {
    time: now, action: 'deploy', strategy: 'preview', version: `pr-${pr} ${settings.version}`, previous: previous?.version ?? '', result: 'live', actor: h.actor,
  });
  return { state: live, url, created: !previous, evicted: evict.map((s) => s.pr) };
}

/** Refuses (and removes) a preview that mounts anything but its own named volumes: it could read production's data. */
async function checkIsolation(h: HostPreviews, compose: ComposeFlavor, n: PreviewNames): Promise<void> {
  const ids = (await h.session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return;
  const mounts = (await h.session.exec(['docker', 'inspect', '--format', '{{range .Mounts}}{{.Type}} {{.Name}}{{if eq .Type "bind"}}{{.Source}}{{end}};{{end}}', ...ids])).stdout.replace(/\n/g, ';');
  const foreign = foreignMounts(mounts, n.project);
  if (foreign.length === 0) return;
  await h.session.exec(composeWords(compose, project(h, n), 'down', '-v', '--remove-orphans'), { allowFailure: true });
  throw new SlipwayError(`preview pr-${n.pr}: mounts ${foreign.join(', ')}, which is not one of its own named volumes; removed it`, {
    fix: 'Use named volumes without `name:` or `external:` in the compose file (compose prefixes them with the preview project), and no bind mounts of data.',
  });
}

/** Removes the project, its volumes, the env file and the state; true when something was there. */
export async function previewDown(h: HostPreviews, pr: number): Promise<boolean> {
  const n = names(h, pr);
  const { session } = h;
  const present = (await session.exec(['test', '-d', n.dir], { allowFailure: true })).exitCode === 0;
  const ids = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
  if (present && ids.length > 0) {
    const compose = await flavor(h);
    await session.exec(composeWords(compose, project(h, n), 'down', '-v', '--remove-orphans', '--timeout', '5'), { allowFailure: true, label: `compose down ${n.project}` });
  }
  // Whatever compose left (a missing env file, a one-off container): by label, then the volumes by name prefix.
  const leftover = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
  if (leftover.length > 0) await session.exec(['docker', 'rm', '-f', '-v', ...leftover], { allowFailure: true });
  const volumes = (await session.exec(['docker', 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
  if (volumes.length > 0) await session.exec(['docker', 'volume', 'rm', '-f', ...volumes], { allowFailure: true });
  await session.exec(['rm', '-rf', '--', `${liveDir(h.settings.appDir)}/pr-${pr}`, n.dir]);
  if (present || ids.length > 0) {
    await appendDeployLog(session, previewsDir(h.settings.appDir), {
      time: new Date().toISOString(), action: 'deploy', strategy: 'preview', version: `pr-${pr} removed`, previous: '', result: 'removed', actor: h.actor,
    });
  }
  return present || ids.length > 0 || volumes.length > 0;
}

export async function listPreviews(h: HostPreviews): Promise<PreviewInfo[]> {
  const states = await readPreviews(h);
  if (states.length === 0) return [];
  const df = (await h.session.exec(['docker', 'system', 'df', '-v'], { allowFailure: true })).stdout;
  const running = (await h.session.exec(['docker', 'ps', '--format', '{{.Label "com.docker.compose.project"}}'])).stdout.split('\n');
  return states.map((state) => {
    const volumes = volumeSizes(df, state.project);
    return {
      ...state, url: previewUrl(h.settings, state.pr), volumes: volumes.map((v) => v.name),
      diskBytes: volumes.reduce((sum, v) => sum + parseDockerSize(v.size), 0), running: running.includes(state.project),
    };
  });
}
