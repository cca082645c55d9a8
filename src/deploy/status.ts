import { formatError } from '../core/errors.js';
import { httpRequest } from '../core/http/request.js';
import type { Inputs } from '../core/config/inputs.js';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { describeTarget, openSshSession, parseSshInputs, type SshSession, type SshSettings } from '../ssh/index.js';
import { defaultProjectName } from './compose-commands.js';
import { deployLogPath, hostFiles, hostPathsOf, lockDir, readStateFile } from './host-state.js';
import { LOCK_FILE_MARK } from './lock.js';
import { isMarked } from './release.js';
import { forHost, type Strategy } from './settings.js';

/**
 * What runs on each host, read-only: the same SSH settings and app-dir the deploy
 * uses, so `slipway status` reads what `slipway deploy` wrote (host-state.ts,
 * lock.ts, compose.ts, release.ts). Nothing here writes to a host except
 * `releaseLock`, which removes a lock only if it is still the one the user saw.
 */
export interface StatusSettings {
  ssh: SshSettings;
  strategy: Strategy;
  /** May hold `{host}`/`{index}`, as the deploy's. */
  appDir: string;
  service?: string;
  composeProject?: string;
  healthUrl?: string;
  /** strategy swarm: the stack whose services are listed. */
  stack?: string;
  /** Deploy-log lines read per host. */
  logLines: number;
  /** release: the team's lock file and deploy log under app-dir (`lock-file`, `deploy-log`), as the deploy has them. */
  lockFile?: string;
  deployLog?: string;
}

const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;

/** The deploy's own input names (slipway.yml's `deploy:` section works as is); inputs the deploy needs but status does not are ignored. */
export function parseStatusSettings(inputs: Inputs, defaults: { logLines?: number } = {}): StatusSettings {
  const strategy = inputs.choice('strategy', ['compose', 'release', 'script', 'swarm'] as const, 'compose');
  const ssh = parseSshInputs(inputs, { commandTimeoutMs: 60_000 });
  const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host (the deploy\'s app-dir), e.g. /srv/myapp.');
  if (!appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(appDir.replace(/\{(host|index)\}/g, ''))) {
    inputs.fail('app-dir', 'is not an absolute path without shell characters', 'Set app-dir as the deploy has it, e.g. /srv/myapp.');
  }
  const service = inputs.optional('service');
  if (service !== undefined && !SERVICE.test(service)) inputs.fail('service', 'is not a compose service name');
  if (strategy === 'compose' && service === undefined) inputs.fail('service', 'is required to read a compose deploy', 'Set service to the compose service that runs the image (as for deploy).');
  const composeProject = inputs.optional('compose-project');
  if (composeProject !== undefined && !PROJECT.test(composeProject)) inputs.fail('compose-project', 'is not a compose project name (lowercase letters, digits, - and _)');
  const healthUrl = inputs.optional('health-url');
  if (healthUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(healthUrl)) inputs.fail('health-url', 'is not an http(s) URL', 'Set it as the deploy has it, e.g. http://127.0.0.1:8080/api/health.');
  const stack = inputs.optional('stack');
  if (stack !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stack)) inputs.fail('stack', 'is not a stack name (letters, digits, _ . -)');
  if (strategy === 'swarm' && stack === undefined) inputs.fail('stack', 'is required to read a swarm deploy', 'Set stack to the stack name, as for deploy.');
  const conventions = strategy === 'release' ? { lockFile: hostRelative(inputs, 'lock-file'), deployLog: hostRelative(inputs, 'deploy-log') } : {};
  return { ssh, strategy, appDir, service, composeProject, healthUrl, stack, logLines: inputs.integer('lines', defaults.logLines ?? 10, { min: 1, max: 1000 }), ...conventions };
}

/** A path under app-dir as the deploy checks it: relative, no `..`, not starting with `-`. */
function hostRelative(inputs: Inputs, name: string): string | undefined {
  const value = inputs.optional(name);
  if (value !== undefined && (!/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]+$/.test(value) || value.startsWith('-'))) {
    inputs.fail(name, `is not a path inside app-dir (found '${value.slice(0, 60)}')`, 'Set it as the deploy has it, e.g. .deploy.lock or deploy.log.');
  }
  return value;
}

export interface LockState {
  held: boolean;
  /** The holder as recorded (first line, or `holder=`), inert text. */
  holder?: string;
  /** `key=value` lines of the holder file, e.g. a run id, when it has them. */
  fields: Record<string, string>;
  ageSeconds?: number;
  /** The holder file exactly as read, so a release removes only this lock. */
  raw?: string;
}

export interface DeployLogRecord {
  time: string;
  action: string;
  strategy: string;
  version: string;
  previous: string;
  result: string;
  actor: string;
  /** Fields a newer Slipway may add (`run=…`). */
  extra: Record<string, string>;
}

export interface ReleaseOnDisk {
  name: string;
  version: string;
  current: boolean;
  /** `failed` or `rolled-back` when the deploy set it aside. */
  mark?: string;
}

export interface ContainerState {
  id: string;
  project: string;
  state: string;
  health?: string;
  /** The reference it was started from (`registry/app:1.2.3`). */
  image: string;
  imageId: string;
  /** `registry/app@sha256:…` when the image came from a registry. */
  digests: string[];
}

export interface SwarmServiceState {
  name: string;
  image: string;
  /** `2/2`: running of desired. */
  replicas: string;
}

export interface ServingState {
  /** compose: the service's containers (blue/green slots included); release: the `current` target. */
  containers?: ContainerState[];
  /** swarm: the stack's services on the manager. */
  services?: SwarmServiceState[];
  current?: string;
  /** What the deploy recorded (state file): version, previous_version, status. */
  recorded: Record<string, string>;
  detail?: string;
}

export interface AnsweredVersion {
  url: string;
  status?: number;
  version?: string;
  detail: string;
}

export interface HostStatusReport {
  host: string;
  appDir: string;
  strategy: Strategy;
  ok: boolean;
  error?: string;
  serving?: ServingState;
  answers?: AnsweredVersion;
  releases: ReleaseOnDisk[];
  lock: LockState;
  log: DeployLogRecord[];
}

export interface StatusContext {
  runner: Runner;
  log: Logger;
}

/** Remote text is shown, never interpreted: control characters (escape sequences) become spaces, length bounded. */
export function inert(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** One tab-separated deploy-log line (formatDeployLogLine); a line that is not one is skipped. */
export function parseDeployLogLine(line: string): DeployLogRecord | undefined {
  const [time = '', action = '', strategy = '', ...fields] = line.split('\t');
  if (!/^\d{4}-\d\d-\d\dT/.test(time) || !action) return undefined;
  const record: DeployLogRecord = { time: inert(time, 40), action: inert(action, 40), strategy: inert(strategy, 40), version: '', previous: '', result: '', actor: '', extra: {} };
  for (const field of fields) {
    const index = field.indexOf('=');
    if (index <= 0) continue;
    const key = field.slice(0, index);
    const value = inert(field.slice(index + 1));
    if (key === 'version' || key === 'previous' || key === 'result') record[key] = value;
    else if (key === 'by') record.actor = value;
    else if (/^[a-z][a-z0-9_-]*$/.test(key)) record.extra[key] = value;
  }
  if (record.previous === '-') record.previous = '';
  return record;
}

/**
 * The holder file: today one line `<who> at <ISO time>`; read tolerantly so a
 * later format with `key=value` lines (a run id) shows too.
 */
export function parseLockHolder(raw: string): Pick<LockState, 'holder' | 'fields'> {
  const fields: Record<string, string> = {};
  const plain: string[] = [];
  for (const line of raw.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9_-]*)=(.*)$/.exec(line);
    if (match) fields[match[1] ?? ''] = inert(match[2] ?? '');
    else plain.push(line);
  }
  const holder = plain.length ? inert(plain.join(' ')) : fields.holder ?? fields.by ?? fields.actor;
  return { holder: holder || (raw.trim() ? undefined : 'unknown'), fields };
}

/** The holder text of a lock directory, of a Slipway lock file (after its mark line), or of a team's lock file (as it is). */
const LOCK_TEXT = `lock_text() { if [ -d "$1" ]; then head -c 4096 "$1/holder" 2>/dev/null; elif [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ]; then tail -n +2 "$1" | head -c 4096; else head -c 4096 "$1"; fi; }`;

/** Exit 0 with `age\nholder…` when held; prints nothing when free. */
const READ_LOCK = `${LOCK_TEXT}; if [ -e "$1" ]; then echo held; echo $(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) )); lock_text "$1"; fi; exit 0`;

/** `lockPath`: the team's lock file (release `lock-file`), else Slipway's own lock directory. */
export async function readLock(session: SshSession, appDir: string, lockPath = lockDir(appDir)): Promise<LockState> {
  const result = await session.exec(['sh', '-c', READ_LOCK, 'slipway-lock-status', lockPath], { label: `ssh ${session.target.host}: read deploy lock` });
  const [flag, age, ...rest] = result.stdout.split('\n');
  if (flag !== 'held') return { held: false, fields: {} };
  const raw = rest.join('\n');
  return { held: true, ageSeconds: Number(age) || 0, raw, ...parseLockHolder(raw) };
}

/** Removes the lock only while its holder file still reads `seen` (exit 4: someone else holds it now). */
const RELEASE_SEEN = `${LOCK_TEXT}; if [ ! -e "$1" ]; then exit 3; fi; now=$(lock_text "$1"); if [ "$now" = "$2" ]; then rm -rf "$1"; exit 0; fi; exit 4`;

export type LockReleaseOutcome = 'released' | 'already-free' | 'changed';

export async function releaseLock(session: SshSession, appDir: string, seen: LockState, lockPath = lockDir(appDir)): Promise<LockReleaseOutcome> {
  // $(…) drops trailing newlines, so compare against the seen text without them.
  const seenText = (seen.raw ?? '').replace(/\n+$/, '');
  const result = await session.exec(['sh', '-c', RELEASE_SEEN, 'slipway-lock-release', lockPath, seenText], { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
  if (result.exitCode === 0) return 'released';
  if (result.exitCode === 3) return 'already-free';
  if (result.exitCode === 4) return 'changed';
  throw new Error(`${session.name}: could not remove ${lockPath} (exit ${result.exitCode}: ${inert(result.stderr)})`);
}

/** `logPath`: the team's deploy-log (release `deploy-log`); its own lines, in another format, are skipped. */
export async function readDeployLog(session: SshSession, appDir: string, lines: number, logPath = deployLogPath(appDir)): Promise<DeployLogRecord[]> {
  const result = await session.exec(['sh', '-c', 'tail -n "$2" "$1" 2>/dev/null; exit 0', 'slipway-log-tail', logPath, String(lines)], { label: `ssh ${session.target.host}: read deploy log` });
  return result.stdout.split('\n').map(parseDeployLogLine).filter((r): r is DeployLogRecord => r !== undefined);
}

/** `current=<target>` then `<name>\t<version>` per release. */
const LIST_RELEASES = 'cd "$1" 2>/dev/null || exit 0; echo "current=$(basename "$(readlink current 2>/dev/null)" 2>/dev/null)"; [ -d releases ] || exit 0; for r in $(ls -1 releases | sort); do printf "%s\\t%s\\n" "$r" "$(head -c 200 "releases/$r/.slipway-version" 2>/dev/null | head -n 1)"; done';

async function readReleases(session: SshSession, appDir: string): Promise<{ current?: string; releases: ReleaseOnDisk[] }> {
  const lines = (await session.exec(['sh', '-c', LIST_RELEASES, 'slipway-releases', appDir], { label: `ssh ${session.target.host}: list releases` })).stdout.split('\n').filter(Boolean);
  const current = inert(lines.find((l) => l.startsWith('current='))?.slice('current='.length) ?? '') || undefined;
  const releases = lines.filter((l) => !l.startsWith('current=')).map((line): ReleaseOnDisk => {
    const [name = '', version = ''] = line.split('\t');
    const mark = /\.(failed|rolled-back)(-\d+)?$/.exec(name)?.[1];
    return { name: inert(name), version: inert(version) || inert(name), current: name === current, ...(isMarked(name) ? { mark } : {}) };
  });
  return { current, releases };
}

const CONTAINER_FORMAT = '{{.ID}}|{{.Label "com.docker.compose.project"}}|{{.State}}';
const INSPECT_FORMAT = '{{.Config.Image}}|{{.Image}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}';

/** The service's containers in its project and in the zero-downtime slots (`<project>-blue`/`-green`). */
async function readComposeServing(session: SshSession, settings: StatusSettings, appDir: string, index: number): Promise<ServingState> {
  const service = settings.service ?? '';
  const configured = settings.composeProject ? forHost(settings.composeProject, session.target.host, index) : undefined;
  const projectName = configured ?? defaultProjectName(appDir);
  const projects = new Set([projectName, `${projectName}-blue`, `${projectName}-green`]);
  const listed = await session.exec(['docker', 'ps', '-a', '--no-trunc', '--filter', `label=com.docker.compose.service=${service}`, '--filter', 'label=com.docker.compose.oneoff=False', '--format', CONTAINER_FORMAT], { label: `ssh ${session.target.host}: list ${service} containers` });
  const containers: ContainerState[] = [];
  for (const line of listed.stdout.split('\n').filter(Boolean)) {
    const [id = '', project = '', state = ''] = line.split('|');
    if (!projects.has(project)) continue;
    const inspected = (await session.exec(['docker', 'inspect', '--format', INSPECT_FORMAT, '--', id], { allowFailure: true })).stdout.trim();
    const [image = '', imageId = '', health = ''] = inspected.split('|');
    const digests = imageId
      ? (await session.exec(['docker', 'image', 'inspect', '--format', '{{join .RepoDigests "\\n"}}', '--', imageId], { allowFailure: true })).stdout.split('\n').map((d) => inert(d)).filter(Boolean)
      : [];
    containers.push({ id: id.slice(0, 12), project, state: inert(state, 40), ...(health ? { health: inert(health, 40) } : {}), image: inert(image), imageId: inert(imageId, 80), digests });
  }
  const recorded = await readStateFile(session, `${hostFiles.composeBase(appDir, configured, service)}.state`);
  const zeroDowntime = await readStateFile(session, hostFiles.switchState(appDir, projectName, service));
  const pick = Object.keys(zeroDowntime).length ? { version: zeroDowntime.live_version ?? '', image: zeroDowntime.live_image ?? '', status: zeroDowntime.status ?? '', slot: zeroDowntime.live_project ?? '' } : recorded;
  const kept: Record<string, string> = {};
  for (const key of ['version', 'image', 'previous_version', 'previous_image', 'status', 'slot']) if (pick[key]) kept[key] = inert(pick[key] ?? '');
  return { containers, recorded: kept, ...(containers.some((c) => c.state === 'running') ? {} : { detail: `no running container of service ${service}` }) };
}

/** The stack's services as the manager reports them; a host that is no manager says so. */
async function readSwarmServing(session: SshSession, stack: string): Promise<ServingState> {
  const listed = await session.exec(['docker', 'service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}|{{.Image}}|{{.Replicas}}'], { allowFailure: true, label: `ssh ${session.target.host}: list stack ${stack}` });
  if (listed.exitCode !== 0) return { recorded: {}, services: [], detail: `docker service ls failed: ${inert(listed.stderr.trim().split('\n').pop() ?? '', 160)}` };
  const services = listed.stdout.split('\n').filter(Boolean).map((line) => {
    const [name = '', image = '', replicas = ''] = line.split('|');
    return { name: inert(name, 120), image: inert(image), replicas: inert(replicas, 40) };
  });
  return { recorded: {}, services, ...(services.length ? {} : { detail: `no services in stack ${stack}` }) };
}

/** One GET of health-url through the session's tunnel: the version it answers with (`version` in a JSON body). */
async function askVersion(session: SshSession, healthUrl: string): Promise<AnsweredVersion> {
  const url = new URL(healthUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const tunnel = await session.forwardLocalPort(port, url.hostname);
  try {
    // The tunnel's end is dialled; the Host header, TLS name and errors keep the health-url's own (as deploy's health check does).
    const response = await httpRequest(url, {
      timeoutMs: 5000, maxBodyBytes: 64 * 1024, overflow: 'truncate',
      connect: { host: '127.0.0.1', port: tunnel.localPort, via: `through SSH to ${session.name}` }, what: `GET ${url.pathname}`,
    });
    const body = response.text();
    let version: string | undefined;
    try {
      const document = JSON.parse(body) as Record<string, unknown>;
      const found = document.version ?? (document.data as Record<string, unknown> | undefined)?.version;
      if (typeof found === 'string' || typeof found === 'number') version = inert(String(found), 80);
    } catch { /* not JSON: no version to read */ }
    return { url: healthUrl, status: response.status, ...(version ? { version } : {}), detail: version ? `answered ${response.status}` : `answered ${response.status} without a version field` };
  } catch (error) {
    return { url: healthUrl, detail: `no answer (${inert((error as Error).message, 120)})` };
  } finally {
    await tunnel.close();
  }
}

/** Everything about one host, over one session. A read that fails leaves the others standing. */
export async function readHostStatus(session: SshSession, settings: StatusSettings, index: number): Promise<HostStatusReport> {
  const appDir = forHost(settings.appDir, session.target.host, index);
  const report: HostStatusReport = { host: session.name, appDir, strategy: settings.strategy, ok: true, releases: [], lock: { held: false, fields: {} }, log: [] };
  const exists = await session.exec(['test', '-d', appDir], { allowFailure: true });
  if (exists.exitCode !== 0) return { ...report, ok: false, error: `app-dir ${appDir} does not exist on the host` };
  const paths = hostPathsOf(appDir, settings);
  report.lock = await readLock(session, appDir, paths.lock);
  report.log = await readDeployLog(session, appDir, settings.logLines, paths.deployLog);
  if (settings.strategy === 'compose') {
    report.serving = await readComposeServing(session, settings, appDir, index);
  } else if (settings.strategy === 'release') {
    const { current, releases } = await readReleases(session, appDir);
    report.releases = releases;
    const serving = releases.find((r) => r.current);
    report.serving = { current, recorded: serving ? { version: serving.version } : {}, ...(current ? {} : { detail: 'no current release' }) };
  } else if (settings.strategy === 'swarm') {
    report.serving = await readSwarmServing(session, settings.stack ?? '');
  } else {
    report.serving = { recorded: {}, detail: 'the script strategy keeps no serving state on the host; see the deploy log' };
  }
  if (settings.healthUrl) report.answers = await askVersion(session, settings.healthUrl);
  return report;
}

export interface FleetStatus {
  hosts: HostStatusReport[];
  ok: boolean;
}

/**
 * Opens each host's checked session (host keys as for the deploy), reads, closes.
 * `read` lets lock and history commands read less than the full status.
 */
export async function readFleet<T extends { ok: boolean }>(
  ssh: SshSettings,
  context: StatusContext,
  read: (session: SshSession, index: number) => Promise<T>,
  unreachable: (host: string, error: string, index: number) => T,
): Promise<T[]> {
  return Promise.all(ssh.targets.map(async (target, index) => {
    let session: SshSession | undefined;
    try {
      session = await openSshSession(target, context.runner, context.log);
      return await read(session, index);
    } catch (error) {
      return unreachable(describeTarget(target), formatError(error), index);
    } finally {
      await session?.close();
    }
  }));
}

export async function fleetStatus(settings: StatusSettings, context: StatusContext): Promise<FleetStatus> {
  const hosts = await readFleet(settings.ssh, context, (session, index) => readHostStatus(session, settings, index), (host, error, index) => ({
    host, appDir: forHost(settings.appDir, settings.ssh.targets[index]?.host ?? '', index), strategy: settings.strategy, ok: false, error, releases: [], lock: { held: false, fields: {} }, log: [],
  }));
  return { hosts, ok: hosts.every((h) => h.ok) };
}

export interface HistoryEntry extends DeployLogRecord {
  host: string;
}

/** The deploy logs of all hosts as one list, newest first (ISO times sort as text); `limit` entries at most. */
export function mergeHistory(perHost: Array<{ host: string; log: DeployLogRecord[] }>, limit: number): HistoryEntry[] {
  const all = perHost.flatMap(({ host, log }) => log.map((record, order) => ({ ...record, host, order })));
  all.sort((a, b) => (a.time === b.time ? b.order - a.order : a.time < b.time ? 1 : -1));
  return all.slice(0, limit).map(({ order: _order, ...entry }) => entry);
}
