import { throwIfCancelled } from '../core/cancel.js';
import { lastLines, SlipwayError } from '../core/errors.js';
import { redact } from '../core/secrets.js';
import { servingVersion, waitForHttpHealth } from './health.js';
import { hostFiles, readStateFile, writeStateFile } from './host-state.js';
import { hookWords, requirePaths, RolledBackError, type HostRun } from './host-run.js';
import type { ReleaseDeploySettings } from './strategies/release.js';
import type { StrategyOutcome } from './strategies/strategy.js';

type ReleaseRun = HostRun<ReleaseDeploySettings>;

/** `releases/<UTC timestamp>`, sortable, so "previous" is the one before `current` in name order. */
export function releaseName(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, '');
}

/** Atomic switch: a new symlink beside `current`, renamed over it (rename(2) is atomic; `ln -sfn` alone is not). */
export const SWITCH_CURRENT = 'cd "$1" && ln -sfn "releases/$2" current.slipway-new && mv -T current.slipway-new current';

/** Links each shared path into the release (replacing whatever the artifact had there). */
export const LINK_SHARED = 'app="$1"; release="$2"; shift 2; for p in "$@"; do mkdir -p "$(dirname "$release/$p")"; rm -rf "$release/$p"; ln -s "$app/shared/$p" "$release/$p"; done';

/** Writes `$1` into the release's .slipway-version, then links the shared paths (LINK_SHARED on the rest of the arguments). */
export const VERSION_AND_LINKS = `printf "%s\\n" "$1" > "$3/.slipway-version" && shift && { ${LINK_SHARED}; }`;

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
 * Removes all but the newest `keep` good releases, never one in `protect`
 * (current, previous). Marked releases never count as kept; they go once they
 * are older than the oldest release kept.
 */
export function releasesToRemove(all: string[], keep: number, protect: string[]): string[] {
  const good = all.filter((name) => !isMarked(name)).sort();
  const stale = good.slice(0, Math.max(0, good.length - keep)).filter((name) => !protect.includes(name));
  const oldestKept = good.filter((name) => !stale.includes(name))[0];
  const marked = all.filter((name) => isMarked(name) && oldestKept !== undefined && name.replace(MARKED, '') < oldestKept);
  return [...stale, ...marked].sort();
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
  let name = releaseName(now);
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
    // The version file and the shared links in one round trip.
    await run.session.exec(['sh', '-c', VERSION_AND_LINKS, 'slipway-release', version, run.appDir, dir, ...release.shared], { label: `ssh ${run.session.target.host}: write the version, link shared` });
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
    const stale = releasesToRemove([...before.all, ...before.marked, name], release.keep, [name, before.current ?? '']);
    if (stale.length) await run.session.exec(['sh', '-c', 'cd "$1/releases" && shift && rm -rf -- "$@"', 'slipway-prune', run.appDir, ...stale]);
    return { version, previous: shownBefore, changed: true };
  }
  if (!before.current) throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous release to roll back to`);
  run.log.warn(`${run.session.name}: ${verdict.detail}; switching back to releases/${before.current}`);
  const back = await switchAndCheck(run, before.current, previousVersion || undefined);
  await markRelease(run, name, 'failed');
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
  return { version: to ?? `releases/${target}`, previous: from || `releases/${current}`, changed: true };
}
