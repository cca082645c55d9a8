import { throwIfCancelled } from '../core/cancel.js';
import { lastLines, SlipwayError } from '../core/errors.js';
import { redact } from '../core/secrets.js';
import { servingVersion, waitForHttpHealth } from './health.js';
import { hostFiles, readStateFile, writeStateFile } from './host-state.js';
import { hookWords, requirePaths, RolledBackError, type HostRun } from './host-run.js';
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

/** Lists releases, newest last, and which one `current` points at. */
const LIST = 'cd "$1" 2>/dev/null || exit 0; echo "current=$(basename "$(readlink current 2>/dev/null)" 2>/dev/null)"; ls -1 releases 2>/dev/null | sort';

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

/** `all`: releases that may serve (marked ones left out), oldest first; `marked`: the others. */
async function listReleases(run: ReleaseRun): Promise<{ current?: string; all: string[]; marked: string[] }> {
  const lines = (await run.session.exec(['sh', '-c', LIST, 'slipway-list', run.appDir])).stdout.split('\n').filter(Boolean);
  const current = lines.find((line) => line.startsWith('current='))?.slice('current='.length) || undefined;
  const names = lines.filter((line) => !line.startsWith('current='));
  return { current, all: names.filter((name) => !isMarked(name)), marked: names.filter(isMarked) };
}

/** Best effort: a cut connection leaves the name unmarked, which the next rollback would then consider. */
async function markRelease(run: ReleaseRun, name: string, mark: ReleaseMark): Promise<void> {
  const result = await run.session.exec(['sh', '-c', MARK_RELEASE, 'slipway-mark', run.appDir, name, mark], { allowFailure: true, label: `mark releases/${name} as ${mark} on ${run.session.target.host}` });
  if (result.exitCode !== 0) run.log.warn(`${run.session.name}: could not mark releases/${name} as ${mark} (${result.stderr.trim()}); a rollback may pick it`);
}

/** The version Slipway wrote into a release; '' for a release it did not make (its name is no version an app reports). */
async function versionOf(run: ReleaseRun, name: string | undefined): Promise<string> {
  if (!name) return '';
  const result = await run.session.exec(['sh', '-c', 'cat "$1/releases/$2/.slipway-version" 2>/dev/null || true', 'slipway-version', run.appDir, name]);
  return result.stdout.trim();
}

/**
 * Release state: `served.<release>=<version>` for releases Slipway did not make, recorded from what
 * they answered when a deploy replaced them, so a rollback to one checks for its real version.
 */
const releaseStateFile = (run: ReleaseRun): string => hostFiles.releaseState(run.appDir);

/** A release's version: its own record, else what it answered when a deploy replaced it, else unknown (undefined). */
async function knownVersionOf(run: ReleaseRun, name: string): Promise<string | undefined> {
  const written = await versionOf(run, name);
  if (written) return written;
  return (await readStateFile(run.session, releaseStateFile(run)))[`served.${name}`] || undefined;
}

async function recordServed(run: ReleaseRun, name: string, version: string): Promise<void> {
  const state = await readStateFile(run.session, releaseStateFile(run));
  if (state[`served.${name}`] === version) return;
  await writeStateFile(run.session, releaseStateFile(run), { ...state, [`served.${name}`]: version });
}

/**
 * Runs the restart commands in order; the first failing one ends it with `{ ok: false }` (a lost connection throws).
 * `signal`: a cancel between two commands ends it the same way, so the caller switches back.
 */
async function restart(run: ReleaseRun, signal?: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  for (const command of run.settings.release.restart) {
    if (signal?.aborted) return { ok: false, detail: `cancelled before restart command \`${command}\`` };
    const result = await run.session.exec(['sh', '-c', command], { survivesDisconnect: true, allowFailure: true, env: run.settings.env, label: `restart on ${run.session.target.host}: ${command}` });
    if (result.exitCode !== 0) {
      // Its stderr, as a failed command reports it elsewhere (redacted); stdout may print the deploy env.
      const said = lastLines(redact(result.stderr.trim()), 1);
      return { ok: false, detail: `restart command \`${command}\` failed with exit ${result.exitCode}${said ? ` (${said})` : ''}` };
    }
  }
  return { ok: true, detail: '' };
}

/**
 * Switch `current`, restart, health-check. A failing restart is a failed check, so the caller still switches back.
 * `signal` (the forward switch only): a cancel cuts restart and check short the same way (docs/cancel.md).
 */
async function switchAndCheck(run: ReleaseRun, name: string, version: string | undefined, signal?: AbortSignal): Promise<{ healthy: boolean; detail: string }> {
  await run.session.exec(['sh', '-c', SWITCH_CURRENT, 'slipway-switch', run.appDir, name], { survivesDisconnect: true, label: `switch current → releases/${name} on ${run.session.target.host}` });
  const restarted = await restart(run, signal);
  if (!restarted.ok) return { healthy: false, detail: restarted.detail };
  return waitForHttpHealth(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs, signal);
}

/** `release-name` as given, else the style of the host's releases, else ISO 8601 basic. */
export function releaseNameFormat(given: string | undefined, existing: string[]): string {
  return given ?? hostReleaseNameFormat(existing) ?? DEFAULT_RELEASE_NAME;
}

/** Bounds `releases/` to keep-releases dirs, marked ones counted (releasesToRemove); best effort, after the switch settled. */
async function prune(run: ReleaseRun): Promise<void> {
  try {
    const { current, all, marked } = await listReleases(run);
    const stale = releasesToRemove([...all, ...marked], run.settings.release.keep, current);
    if (!stale.length) return;
    const removed = await run.session.exec(['sh', '-c', 'cd "$1/releases" && shift && rm -rf -- "$@"', 'slipway-prune', run.appDir, ...stale], { allowFailure: true, label: `prune releases on ${run.session.target.host}` });
    if (removed.exitCode !== 0) throw new Error(removed.stderr.trim());
    const failed = marked.filter((name) => /\.failed(-\d+)?$/.test(name) && !stale.includes(name)).pop();
    run.log.info(`${run.session.name}: removed ${stale.map((n) => `releases/${n}`).join(', ')} (keep-releases ${run.settings.release.keep}, failed ones counted${failed ? `; releases/${failed}, the newest failed one, kept for forensics` : ''})`);
  } catch (error) {
    run.log.warn(`${run.session.name}: could not remove old releases (${error instanceof Error ? error.message : String(error)}); the next deploy tries again`);
  }
}

export async function releaseDeploy(run: ReleaseRun, now = new Date()): Promise<StrategyOutcome> {
  const { release } = run.settings;
  // Parsing requires it for a deploy.
  const artifact = release.artifact ?? '';
  const { version } = run.settings;
  await requirePaths(run, [
    { path: run.appDir, kind: 'dir', what: 'app-dir' },
    ...release.shared.map((p) => ({ path: `${run.appDir}/shared/${p}`, kind: 'file' as const, what: 'shared file' })),
  ], `Create app-dir and the shared files under ${run.appDir}/shared/ on the host first (they hold the environment and outlive releases)`);
  // sudo -n first: a promote that cannot restart must not happen.
  for (const command of release.restart) {
    const check = sudoCheckWords(command);
    if (!check) continue;
    const allowed = await run.session.exec(check, { allowFailure: true, label: `sudo -n check on ${run.session.target.host}` });
    if (allowed.exitCode !== 0) throw new SlipwayError(`${run.session.name}: \`${command}\` is not allowed by sudo without a password`, { fix: `Add a NOPASSWD sudoers rule for ${run.session.target.user} and exactly that command` });
  }
  const before = await listReleases(run);
  // What serves now, whoever deployed it: what it answers on health-url, else what Slipway wrote into it.
  // Asked beside the upload (it reads only what serves now), and known before any pre-promote command runs.
  const asking = (async () => {
    const serving = before.current ? (await servingVersion(run.session, run.settings.health, run.log)) ?? (await knownVersionOf(run, before.current)) ?? '' : '';
    // Recorded before anything changes, so a rollback to a release Slipway did not make knows its version.
    if (before.current && serving && !(await versionOf(run, before.current))) await recordServed(run, before.current, serving);
    return serving;
  })();
  // Awaited below; a failed upload must not leave it unhandled.
  asking.catch(() => undefined);
  let name = releaseName(now, releaseNameFormat(release.nameFormat, before.all));
  if (before.all.includes(name)) name = `${name}-${run.index + 1}-${process.pid}`;
  const dir = `${run.appDir}/releases/${name}`;
  let previousVersion: string;
  try {
    throwIfCancelled(run.signal, 'the upload of the new release');
    await run.session.exec(['mkdir', '-p', dir]);
  } catch (error) {
    await asking.catch(() => undefined);
    throw error;
  }
  try {
    if (/\.(tar\.gz|tgz)$/.test(artifact)) {
      await run.session.upload(artifact, `${dir}.tar.gz`);
      throwIfCancelled(run.signal, 'unpacking the new release');
      await run.session.exec(['sh', '-c', 'tar -xzf "$1.tar.gz" -C "$1" && rm -f "$1.tar.gz"', 'slipway-unpack', dir]);
    } else {
      await run.session.upload(artifact.endsWith('/') ? artifact : `${artifact}/`, `${dir}/`);
    }
    // The version file and the shared links (each relative to the release) in one round trip.
    await run.session.exec(['sh', '-c', VERSION_AND_LINKS, 'slipway-release', version, dir, ...release.shared.flatMap((p) => [p, sharedLinkTarget(p)])], { label: `ssh ${run.session.target.host}: write the version, link shared` });
    previousVersion = await asking;
    for (const command of release.prePromote) {
      throwIfCancelled(run.signal, `pre-promote command \`${command}\``);
      await run.session.exec(hookWords(dir, command), { env: { ...run.settings.env, APP_VERSION: version, RELEASE_DIR: dir }, stream: true, label: `pre-promote on ${run.session.target.host}: ${command}` });
    }
    throwIfCancelled(run.signal, `the switch to releases/${name}`);
  } catch (error) {
    // The question about what serves ends before the release is marked (both use the connection's state files).
    await asking.catch(() => undefined);
    // Never promoted, but newer than current: unmarked, a later rollback could land on it.
    if (await run.session.isAlive()) await markRelease(run, name, 'failed');
    throw error;
  }
  const shownBefore = previousVersion || (before.current ? `releases/${before.current}` : '');
  const verdict = await switchAndCheck(run, name, version, run.signal);
  if (verdict.healthy) {
    await prune(run);
    return { version, previous: shownBefore, changed: true };
  }
  if (!before.current) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous release to roll back to`);
  run.log.warn(`${run.session.name}: ${verdict.detail}; switching back to releases/${before.current}`);
  const back = await switchAndCheck(run, before.current, previousVersion || undefined);
  await markRelease(run, name, 'failed');
  await prune(run);
  if (!back.healthy) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; after switching back, the previous release is not healthy either (${back.detail})`);
  const failure = verdict.detail.startsWith('cancelled') ? 'was not kept' : verdict.detail.startsWith('restart command') ? 'could not be restarted' : 'failed its health check';
  throw new RolledBackError(run.session.name, `new release ${version} ${failure} (${verdict.detail})`, `the old release ${shownBefore}`, { serving: shownBefore, failed: version });
}

/**
 * Back to the release before `current`, from what is on the host. Releases of the same version as
 * `current` (a redeploy of what ran) are passed over: the rollback target is the version before it.
 */
export async function releaseRollback(run: ReleaseRun): Promise<StrategyOutcome> {
  const { current, all } = await listReleases(run);
  const index = current ? all.indexOf(current) : -1;
  const from = await versionOf(run, current);
  let target: string | undefined;
  for (let i = index - 1; i >= 0 && current; i -= 1) {
    target = all[i];
    if (!from || (await versionOf(run, target)) !== from) break;
  }
  if (!current || !target) throw new SlipwayError(`${run.session.name}: no release before ${current ?? '(none)'} to roll back to in ${run.appDir}/releases`);
  const to = await knownVersionOf(run, target);
  const verdict = await switchAndCheck(run, target, to);
  if (!verdict.healthy) throw new SlipwayError(`${run.session.name}: rolled back to releases/${target} but it is not healthy (${verdict.detail})`);
  // The release we left is moved aside, so a second rollback goes further back instead of forward.
  await markRelease(run, current, 'rolled-back');
  await prune(run);
  return { version: to ?? `releases/${target}`, previous: from || `releases/${current}`, changed: true };
}
