import { randomBytes } from 'node:crypto';
import { throwIfCancelled } from '../core/cancel.js';
import { lastLines, ProcessError, SlipwayError } from '../core/errors.js';
import { redact } from '../core/secrets.js';
import { servingVersion, waitForHttpHealth } from './health.js';
import { hostFiles, writeStateFile } from './host-state.js';
import { hookWords, RolledBackError, runClosing, takeLooked, type HostRun } from './host-run.js';
import { closingScript, LOOK, parseClosing, parseLook, parseSwitch, preparePartFailed, prepareScript, switchAndRestartScript, type HostLook } from './release-remote.js';
import type { ReleaseDeploySettings } from './strategies/release.js';
import type { StrategyOutcome } from './strategies/strategy.js';

type ReleaseRun = HostRun<ReleaseDeploySettings>;

/** A release name's time tokens (UTC); every other character is kept as written. */
const NAME_TOKENS: Record<string, (now: Date) => string> = {
  Y: (now) => String(now.getUTCFullYear()).padStart(4, '0'),
  m: (now) => String(now.getUTCMonth() + 1).padStart(2, '0'),
  d: (now) => String(now.getUTCDate()).padStart(2, '0'),
  H: (now) => String(now.getUTCHours()).padStart(2, '0'),
  M: (now) => String(now.getUTCMinutes()).padStart(2, '0'),
  S: (now) => String(now.getUTCSeconds()).padStart(2, '0'),
};

/** ISO 8601 basic, UTC (`20261124T100000Z`): the style of a host with no releases yet. */
export const DEFAULT_RELEASE_NAME = '%Y%m%dT%H%M%SZ';

/**
 * Why a `release-name` format is refused, or undefined when it is fine. `%Y %m %d %H %M %S`
 * each once and in that order (so name order stays time order, which rollback relies on),
 * other characters letters, digits, `_`, `-` and `.`, first a token or a letter/digit.
 */
export function releaseNameProblem(format: string): string | undefined {
  // The name is one directory under releases/: a file system name (255), with room for a `-<host>-<pid>` suffix and a mark.
  if (format.length > 100) return `is ${format.length} characters long (at most 100)`;
  if (!/^(?:%[YmdHMS]|[A-Za-z0-9_.-])+$/.test(format)) return 'may hold only %Y %m %d %H %M %S and letters, digits, _ - .';
  if (/^[-.]/.test(format)) return 'must not start with - or .';
  const tokens = format.match(/%[A-Za-z]/g)?.join('') ?? '';
  if (tokens !== '%Y%m%d%H%M%S') return 'must hold %Y %m %d %H %M %S, each once and in that order (name order is time order)';
  if (/\.(failed|rolled-back)/.test(format)) return 'must not hold .failed or .rolled-back (they mark releases)';
  return undefined;
}

/** `releases/<name>` for `now` in `format` (UTC). Name order is time order. */
export function releaseName(now: Date, format = DEFAULT_RELEASE_NAME): string {
  return format.replace(/%([YmdHMS])/g, (_match, token: string) => (NAME_TOKENS[token] as (now: Date) => string)(now));
}

/** A timestamp name: 4 + 5×2 digits with the same non-digit separators in between (`20261124T100000Z`, `2026-11-24_10-00-00`). */
const TIMESTAMP_NAME = /^(\d{4})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)$/;

/** The format the host's newest timestamp-named release follows; undefined when none does (then ISO 8601 basic). */
export function hostReleaseNameFormat(names: string[]): string | undefined {
  for (const name of names.filter((n) => !isMarked(n)).sort().reverse()) {
    const parts = TIMESTAMP_NAME.exec(name);
    if (!parts) continue;
    const format = ['%Y', parts[2], '%m', parts[4], '%d', parts[6], '%H', parts[8], '%M', parts[10], '%S', parts[12]].join('');
    if (!releaseNameProblem(format)) return format;
  }
  return undefined;
}

/** The relative target of a shared link at `releases/<name>/<path>`: up to app-dir, then `shared/<path>`, so a moved tree keeps working. */
export function sharedLinkTarget(path: string): string {
  return `${'../'.repeat(path.split('/').length + 1)}shared/${path}`;
}

/** Atomic switch: a new symlink beside `current`, renamed over it (rename(2) is atomic; `ln -sfn` alone is not). */
export const SWITCH_CURRENT = 'cd "$1" && ln -sfn "releases/$2" current.slipway-new && mv -T current.slipway-new current';

/** Links each shared path (`path target` pairs) into the release `$1`, replacing whatever the artifact had there. */
export const LINK_SHARED = 'release="$1"; shift; while [ "$#" -ge 2 ]; do p="$1"; t="$2"; shift 2; mkdir -p "$(dirname "$release/$p")"; rm -rf "$release/$p"; ln -s "$t" "$release/$p"; done';

/** Writes `$1` into `$2/.slipway-version`, then links the shared paths (LINK_SHARED on `$2` and the path/target pairs after it). */
export const VERSION_AND_LINKS = `printf "%s\\n" "$1" > "$2/.slipway-version" && shift && { ${LINK_SHARED}; }`;

/** After the upload: unpack, version file, shared links and the first pre-promote command, one round trip (release-remote.ts). */
const PREPARE = prepareScript(VERSION_AND_LINKS);

/**
 * Releases that must never be served again keep their directory (to look into)
 * under a marked name: `.failed` (failed before or after the switch) or
 * `.rolled-back` (left by a rollback). A `-N` suffix keeps marks unique.
 */
export type ReleaseMark = 'failed' | 'rolled-back';
const MARKED = /\.(failed|rolled-back)(-\d+)?$/;
export const isMarked = (name: string): boolean => MARKED.test(name);

/** Renames `releases/$2` to `$2.<mark>` (or `.<mark>-N` if taken); `mv -T` never moves it *into* an existing dir. */
export const MARK_RELEASE = 'cd "$1/releases" || exit 1; to="$2.$3"; n=1; while [ -e "$to" ]; do to="$2.$3-$n"; n=$((n+1)); done; mv -T -- "$2" "$to"';

/** The release's closing step: a mark (MARK_RELEASE) and the prune, with the fleet's log line and lock release. */
const CLOSING = closingScript(MARK_RELEASE);

/** The switch (SWITCH_CURRENT) and the first restart command, one round trip. */
const SWITCH_AND_RESTART = switchAndRestartScript(SWITCH_CURRENT);

/**
 * What to remove so at most `keep` release dirs remain, marked ones included. Kept, in this
 * order: `current`, the good release before it (the rollback target), the newest `.failed` one
 * (for forensics), then the newest good ones, then the newest other marked ones.
 */
export function releasesToRemove(all: string[], keep: number, current: string | undefined): string[] {
  const byAge = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  const good = all.filter((name) => !isMarked(name)).sort(byAge);
  const marked = all.filter(isMarked).sort(byAge);
  const previous = current ? good.find((name) => name < current) : undefined;
  const newestFailed = marked.find((name) => /\.failed(-\d+)?$/.test(name));
  const wanted = [current, previous, newestFailed, ...good, ...marked].filter((name): name is string => name !== undefined && all.includes(name));
  const kept = new Set([...new Set(wanted)].slice(0, keep));
  return all.filter((name) => !kept.has(name)).sort();
}

/** sudo's short options that take a value (`-u app`, `-uapp`), and their long names. */
const SUDO_VALUE_OPTIONS = new Set('ugphCDRrtTU');
const SUDO_LONG_VALUE_OPTIONS = new Set(['user', 'group', 'prompt', 'host', 'close-from', 'chdir', 'chroot', 'role', 'type', 'command-timeout', 'other-user']);
/** Who the command runs as matters to the rule, so these carry over into the check. */
const SUDO_KEPT = new Map([['u', '-u'], ['g', '-g'], ['user', '-u'], ['group', '-g']]);

/**
 * `sudo -n -l [-u user] [-g group] command…` for a restart command that starts
 * with sudo: it checks the sudoers rule (as that user) without running anything.
 * sudo's options are parsed as sudo does (clusters like `-nu app`, `--user=app`,
 * `--`), so `sudo -u app cmd` checks `cmd`, not `app`.
 */
export function sudoCheckWords(command: string): string[] | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'sudo') return undefined;
  const kept: string[] = [];
  let i = 1;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === '--') { i += 1; break; }
    if (!word.startsWith('-') || word === '-') break;
    i += 1;
    if (word.startsWith('--')) {
      const [name = '', inline] = word.slice(2).split(/=(.*)/s);
      if (!SUDO_LONG_VALUE_OPTIONS.has(name)) continue;
      const value = inline ?? words[i++] ?? '';
      const flag = SUDO_KEPT.get(name);
      if (flag) kept.push(flag, value);
      continue;
    }
    for (let c = 1; c < word.length; c += 1) {
      const option = word[c] ?? '';
      if (!SUDO_VALUE_OPTIONS.has(option)) continue;
      const value = c + 1 < word.length ? word.slice(c + 1) : words[i++] ?? '';
      const flag = SUDO_KEPT.get(option);
      if (flag) kept.push(flag, value);
      break;
    }
  }
  // VAR=value assignments sudo accepts before the command are not part of the rule's command.
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) i += 1;
  return ['sudo', '-n', '-l', ...kept, ...words.slice(i)];
}

/** A token of this run for a round trip's own lines (remote output cannot know it, so cannot pass for them). */
const roundTripToken = (): string => randomBytes(8).toString('hex');

/** The sudo checks of the restart commands that start with sudo, in order. */
function sudoChecks(restart: string[]): Array<{ command: string; words: string[] }> {
  return restart.flatMap((command) => {
    const words = sudoCheckWords(command);
    return words ? [{ command, words }] : [];
  });
}

/** The LOOK arguments for this run: a deploy checks the shared files and sudo rules and makes `releases/`; a rollback only reads. */
function lookArgs(run: ReleaseRun): string[] {
  const deploy = run.settings.mode !== 'rollback';
  const shared = deploy ? run.settings.release.shared : [];
  const checks = deploy ? sudoChecks(run.settings.release.restart) : [];
  return [run.appDir, deploy ? '1' : '0', releaseStateFile(run), String(shared.length), ...shared, ...checks.map((check) => check.words.slice(1).join(' '))];
}

/** The look the fleet ran with the lock (once), else one round trip of its own. */
async function lookAt(run: ReleaseRun): Promise<HostLook> {
  const looked = takeLooked(run);
  if (looked !== undefined) return checkedLook(run, parseLook(looked.stdout), '');
  const result = await run.session.exec(['sh', '-c', LOOK, 'slipway-look', ...lookArgs(run)], { allowFailure: true, label: `ssh ${run.session.target.host}: look at releases` });
  return checkedLook(run, parseLook(result.stdout), result.stderr);
}

function checkedLook(run: ReleaseRun, look: HostLook, stderr: string): HostLook {
  // A look cut short (a shell that failed early) is not read as an empty host.
  if (!look.complete) throw new SlipwayError(`${run.session.name}: could not read ${run.appDir}/releases (${stderr.trim().slice(0, 200) || 'no answer'})`, { fix: 'Check the SSH user can read app-dir' });
  return look;
}

/** `all`: releases that may serve (marked ones left out), oldest first; `marked`: the others. */
const releasesOf = (look: HostLook): { current?: string; all: string[]; marked: string[] } => (
  { current: look.current, all: look.names.filter((name) => !isMarked(name)), marked: look.names.filter(isMarked) }
);

/** The name MARK_RELEASE gives `name` among `names`: `<name>.<mark>`, else the first free `-N`. */
export function markedName(name: string, mark: ReleaseMark, names: string[]): string {
  let to = `${name}.${mark}`;
  for (let n = 1; names.includes(to); n += 1) to = `${name}.${mark}-${n}`;
  return to;
}

/** The version Slipway wrote into a release; '' for a release it did not make (its name is no version an app reports). */
const versionOf = (look: HostLook, name: string | undefined): string => (name ? look.versions.get(name) ?? '' : '');

/**
 * Release state: `served.<release>=<version>` for releases Slipway did not make, recorded from what
 * they answered when a deploy replaced them, so a rollback to one checks for its real version.
 */
const releaseStateFile = (run: ReleaseRun): string => hostFiles.releaseState(run.appDir);

/** A release's version: its own record, else what it answered when a deploy replaced it, else unknown (undefined). */
const knownVersionOf = (look: HostLook, name: string): string | undefined => versionOf(look, name) || look.state[`served.${name}`] || undefined;

async function recordServed(run: ReleaseRun, look: HostLook, name: string, version: string): Promise<void> {
  if (look.state[`served.${name}`] === version) return;
  await writeStateFile(run.session, releaseStateFile(run), { ...look.state, [`served.${name}`]: version });
}

/** What the closing step does: mark a release, remove the stale ones (releasesToRemove on what the host will hold). */
interface Closing {
  mark?: { name: string; as: ReleaseMark };
  /** Every release dir once the mark is made, and the one `current` points at: what pruning counts. */
  prune?: { names: string[]; current: string | undefined };
}

/**
 * Hands the release's last remote work to the fleet (with the deploy-log line and the lock release, one
 * round trip), or runs it now. Both parts are best effort: a failure warns (a mark left undone means a
 * rollback may pick the release; a prune left undone is tried again by the next deploy).
 */
async function close(run: ReleaseRun, closing: Closing): Promise<void> {
  const stale = closing.prune ? releasesToRemove(closing.prune.names, run.settings.release.keep, closing.prune.current) : [];
  const mark = closing.mark;
  // With nothing to do and no fleet to carry it there is no round trip to make.
  if (!mark && !stale.length && !run.deferClosing) return;
  await runClosing(run, {
    script: CLOSING,
    args: [run.appDir, mark?.name ?? '', mark?.as ?? '', ...stale],
    settle: (stdout) => {
      const parts = parseClosing(stdout);
      const marked = parts.get('mark');
      if (mark && marked?.exitCode !== 0) {
        run.log.warn(`${run.session.name}: could not mark releases/${mark.name} as ${mark.as} (${marked?.said || 'no answer'}); a rollback may pick it`);
      }
      if (!stale.length) return;
      const pruned = parts.get('prune');
      if (pruned?.exitCode !== 0) {
        run.log.warn(`${run.session.name}: could not remove old releases (${pruned?.said || 'no answer'}); the next deploy tries again`);
        return;
      }
      const names = closing.prune?.names ?? [];
      const failed = names.filter((name) => /\.failed(-\d+)?$/.test(name) && !stale.includes(name)).sort().pop();
      run.log.info(`${run.session.name}: removed ${stale.map((n) => `releases/${n}`).join(', ')} (keep-releases ${run.settings.release.keep}, failed ones counted${failed ? `; releases/${failed}, the newest failed one, kept for forensics` : ''})`);
    },
  });
}

/**
 * Runs the restart commands from `from` on, in order; the first failing one ends it with `{ ok: false }` (a lost connection throws).
 * `signal`: a cancel between two commands ends it the same way, so the caller switches back.
 */
async function restart(run: ReleaseRun, from: number, signal?: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  for (const command of run.settings.release.restart.slice(from)) {
    if (signal?.aborted) return { ok: false, detail: `cancelled before restart command \`${command}\`` };
    const result = await run.session.exec(['sh', '-c', command], { survivesDisconnect: true, allowFailure: true, env: run.settings.env, label: `restart on ${run.session.target.host}: ${command}` });
    if (result.exitCode !== 0) return restartFailed(command, result.exitCode, result.stderr);
  }
  return { ok: true, detail: '' };
}

function restartFailed(command: string, exitCode: number, stderr: string): { ok: false; detail: string } {
  // Its stderr, as a failed command reports it elsewhere (redacted); stdout may print the deploy env.
  const said = lastLines(redact(stderr.trim()), 1);
  return { ok: false, detail: `restart command \`${command}\` failed with exit ${exitCode}${said ? ` (${said})` : ''}` };
}

/**
 * Switch `current` and run the first restart command in one round trip (it survives a dropped
 * connection), then the other restart commands, then the health check. A failing restart is a
 * failed check, so the caller still switches back; a failing switch throws.
 * `signal` (the forward switch only): a cancel cuts restart and check short the same way (docs/cancel.md).
 */
async function switchAndCheck(run: ReleaseRun, name: string, version: string | undefined, signal?: AbortSignal): Promise<{ healthy: boolean; detail: string }> {
  const [first] = run.settings.release.restart;
  const token = roundTripToken();
  const label = `switch current → releases/${name}${first ? `, restart (${first})` : ''} on ${run.session.target.host}`;
  const result = await run.session.exec(['sh', '-c', SWITCH_AND_RESTART, 'slipway-switch', token, run.appDir, name, first ?? ''], {
    survivesDisconnect: true, allowFailure: true, env: first ? run.settings.env : undefined, label,
  });
  const answer = parseSwitch(result.stdout, token);
  if (!answer || (answer.step === 'switch' && answer.exitCode !== 0)) {
    throw new ProcessError({ command: `switch current → releases/${name} on ${run.session.target.host}`, exitCode: answer?.exitCode || result.exitCode || 1, stderr: answer?.output || result.stderr || result.stdout });
  }
  if (answer.step === 'restart' && answer.exitCode !== 0) return { healthy: false, detail: restartFailed(first ?? '', answer.exitCode, answer.said).detail };
  const restarted = await restart(run, 1, signal);
  if (!restarted.ok) return { healthy: false, detail: restarted.detail };
  return waitForHttpHealth(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs, signal);
}

/**
 * After the upload, one round trip: unpack (an archive), the version file, the shared links and the
 * first pre-promote command (its output streams); the other pre-promote commands one round trip
 * each, so a cancel between two of them starts no further one. Each part fails with its own message.
 */
async function prepare(run: ReleaseRun, dir: string, archive: boolean): Promise<void> {
  const { release, version } = run.settings;
  const [first, ...others] = release.prePromote;
  const host = run.session.target.host;
  const token = roundTripToken();
  const env = { ...run.settings.env, APP_VERSION: version, RELEASE_DIR: dir };
  const result = await run.session.exec(
    ['sh', '-c', PREPARE, 'slipway-release', token, dir, version, archive ? '1' : '0', first ?? '', ...release.shared.flatMap((p) => [p, sharedLinkTarget(p)])],
    first ? { env, stream: true, allowFailure: true, label: `ssh ${host}: write the version, link shared; pre-promote: ${first}` } : { allowFailure: true, label: `ssh ${host}: write the version, link shared` },
  );
  if (result.exitCode !== 0) {
    const part = preparePartFailed(result.stderr, token);
    const command = part === 'unpack' ? `ssh ${host}: unpack ${dir}.tar.gz` : part === 'links' || !first ? `ssh ${host}: write the version, link shared` : `pre-promote on ${host}: ${first}`;
    throw new ProcessError({ command, exitCode: result.exitCode, stderr: result.stderr.trimEnd().split('\n').filter((line) => !line.endsWith(`[${token}]`)).join('\n') || result.stdout, timedOut: result.timedOut });
  }
  for (const command of others) {
    throwIfCancelled(run.signal, `pre-promote command \`${command}\``);
    await run.session.exec(hookWords(dir, command), { env, stream: true, label: `pre-promote on ${host}: ${command}` });
  }
}

/** `release-name` as given, else the style of the host's releases, else ISO 8601 basic. */
export function releaseNameFormat(given: string | undefined, existing: string[]): string {
  return given ?? hostReleaseNameFormat(existing) ?? DEFAULT_RELEASE_NAME;
}

export async function releaseDeploy(run: ReleaseRun, now = new Date()): Promise<StrategyOutcome> {
  const { release } = run.settings;
  // Parsing requires it for a deploy.
  const artifact = release.artifact ?? '';
  const { version } = run.settings;
  const look = await lookAt(run);
  // Even with nothing to mark or prune, the fleet's last round trip then carries the log line and the release together.
  await close(run, {});
  const missing = [
    ...(look.appDirMissing ? [`app-dir (${run.appDir})`] : []),
    ...look.missingShared.map((i) => `shared file (${run.appDir}/shared/${release.shared[i] ?? ''})`),
  ];
  if (missing.length) throw new SlipwayError(`${run.session.name}: missing on the host: ${missing.join(', ')}`, { fix: `Create app-dir and the shared files under ${run.appDir}/shared/ on the host first (they hold the environment and outlive releases)` });
  // sudo -n first: a promote that cannot restart must not happen.
  for (const [index, check] of sudoChecks(release.restart).entries()) {
    if (look.sudo.get(index) !== 0) throw new SlipwayError(`${run.session.name}: \`${check.command}\` is not allowed by sudo without a password`, { fix: `Add a NOPASSWD sudoers rule for ${run.session.target.user} and exactly that command` });
  }
  const before = releasesOf(look);
  // What serves now, whoever deployed it: what it answers on health-url, else what Slipway wrote into it.
  // Asked beside the upload (it reads only what serves now), and known before any pre-promote command runs.
  const asking = (async () => {
    const serving = before.current ? (await servingVersion(run.session, run.settings.health, run.log)) ?? knownVersionOf(look, before.current) ?? '' : '';
    // Recorded before anything changes, so a rollback to a release Slipway did not make knows its version.
    if (before.current && serving && !versionOf(look, before.current)) await recordServed(run, look, before.current, serving);
    return serving;
  })();
  // Awaited below; a failed upload must not leave it unhandled.
  asking.catch(() => undefined);
  let name = releaseName(now, releaseNameFormat(release.nameFormat, before.all));
  if (look.names.includes(name)) name = `${name}-${run.index + 1}-${process.pid}`;
  const dir = `${run.appDir}/releases/${name}`;
  const archive = /\.(tar\.gz|tgz)$/.test(artifact);
  let previousVersion: string;
  try {
    throwIfCancelled(run.signal, 'the upload of the new release');
    // The look made releases/; rsync makes the release dir itself.
    if (archive) await run.session.upload(artifact, `${dir}.tar.gz`);
    else await run.session.upload(artifact.endsWith('/') ? artifact : `${artifact}/`, `${dir}/`);
    throwIfCancelled(run.signal, archive ? 'unpacking the new release' : 'writing the version and linking shared');
    previousVersion = await asking;
    await prepare(run, dir, archive);
    throwIfCancelled(run.signal, `the switch to releases/${name}`);
  } catch (error) {
    // The question about what serves ends before the release is marked (both use the connection's state files).
    await asking.catch(() => undefined);
    // Never promoted, but newer than current: unmarked, a later rollback could land on it.
    if (await run.session.isAlive()) await close(run, { mark: { name, as: 'failed' } });
    throw error;
  }
  const shownBefore = previousVersion || (before.current ? `releases/${before.current}` : '');
  const verdict = await switchAndCheck(run, name, version, run.signal);
  if (verdict.healthy) {
    await close(run, { prune: { names: [...look.names, name], current: name } });
    return { version, previous: shownBefore, changed: true };
  }
  if (!before.current) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous release to roll back to`);
  run.log.warn(`${run.session.name}: ${verdict.detail}; switching back to releases/${before.current}`);
  const back = await switchAndCheck(run, before.current, previousVersion || undefined);
  const failedName = markedName(name, 'failed', [...look.names, name]);
  await close(run, { mark: { name, as: 'failed' }, prune: { names: [...look.names, failedName], current: before.current } });
  if (!back.healthy) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; after switching back, the previous release is not healthy either (${back.detail})`);
  const failure = verdict.detail.startsWith('cancelled') ? 'was not kept' : verdict.detail.startsWith('restart command') ? 'could not be restarted' : 'failed its health check';
  throw new RolledBackError(run.session.name, `new release ${version} ${failure} (${verdict.detail})`, `the old release ${shownBefore}`, { serving: shownBefore, failed: version });
}

/**
 * Back to the release before `current`, from what is on the host. Releases of the same version as
 * `current` (a redeploy of what ran) are passed over: the rollback target is the version before it.
 */
export async function releaseRollback(run: ReleaseRun): Promise<StrategyOutcome> {
  const look = await lookAt(run);
  // A deploy's closing step on this run (a batch revert) no longer fits what the host will hold.
  await close(run, {});
  const { current, all } = releasesOf(look);
  const index = current ? all.indexOf(current) : -1;
  const from = versionOf(look, current);
  let target: string | undefined;
  for (let i = index - 1; i >= 0 && current; i -= 1) {
    target = all[i];
    if (!from || versionOf(look, target) !== from) break;
  }
  if (!current || !target) throw new SlipwayError(`${run.session.name}: no release before ${current ?? '(none)'} to roll back to in ${run.appDir}/releases`);
  const to = knownVersionOf(look, target);
  const verdict = await switchAndCheck(run, target, to);
  if (!verdict.healthy) throw new SlipwayError(`${run.session.name}: rolled back to releases/${target} but it is not healthy (${verdict.detail})`);
  // The release we left is moved aside, so a second rollback goes further back instead of forward.
  const left = markedName(current, 'rolled-back', look.names);
  await close(run, { mark: { name: current, as: 'rolled-back' }, prune: { names: [...look.names.filter((n) => n !== current), left], current: target } });
  return { version: to ?? `releases/${target}`, previous: from || `releases/${current}`, changed: true };
}

/** The look a release deploy or rollback wants in the lock's round trip (LOOK on this run's arguments). */
export function releaseLookWithLock(run: ReleaseRun): { script: string; args: string[] } {
  return { script: LOOK, args: lookArgs(run) };
}
