import { throwIfCancelled } from '../core/cancel.js';
import { SlipwayError } from '../core/errors.js';
import { recordLeftover } from '../core/leftovers.js';
import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import type { SshSession } from '../ssh/index.js';
import type { ClosingStep } from './host-run.js';
import { formatDeployLogLine, lockDir, type DeployLogEntry } from './host-state.js';

export interface LockOptions {
  /** Who we are (run URL or user@machine), recorded in the lock. */
  holder: string;
  /** This run (runIdentity): written into the lock so a post step releases only a lock its run still holds. */
  runId: string;
  /** A cancel stops the wait for another deploy's lock. */
  signal?: AbortSignal;
  /** What the post step's deploy-log line says if it must release the lock after a killed run. */
  strategy?: string;
  version?: string;
  /** How long to wait for another deploy to finish. */
  waitMs: number;
  /** A lock older than this is broken, with a warning (a runner that died). */
  staleAfterMs: number;
  pollMs?: number;
  /** The team's lock file (release `lock-file`): Slipway's lock is then that file, and a file there it did not write counts as held. */
  lockPath?: string;
  /** Where the post step's deploy-log line goes (the team's deploy-log). */
  deployLog?: string;
}

/** The lock file exists and Slipway did not write it: the team's own deploy (or a leftover of it) holds the host. */
export class ForeignLockError extends SlipwayError {
  constructor(readonly host: string, readonly lockPath: string) {
    super(`${host}: ${lockPath} exists and was not written by Slipway, so another deploy (the team's script) holds this host; nothing was changed`, {
      fix: `Let that deploy finish; if none is running (cat ${lockPath} shows who took it), remove it on the host with rm -f ${lockPath} and deploy again`,
    });
    this.name = 'ForeignLockError';
  }
}

/** The first line of a lock file Slipway writes; the holder line follows. */
export const LOCK_FILE_MARK = 'slipway-lock';

/**
 * A lock file: written whole beside the path, then hard-linked onto it (`ln -T` fails when the path
 * exists, atomically, whatever is there). Exit 0: taken; 3: Slipway's, held (age, holder printed);
 * 4: not Slipway's (a directory, or a file without the mark).
 */
const ACQUIRE_FILE = [
  `foreign() { [ -d "$1" ] || [ "$(head -n 1 "$1" 2>/dev/null)" != "${LOCK_FILE_MARK}" ]; }`,
  // Refused before anything is written, not even the temp file.
  'if [ -e "$1" ] && foreign "$1"; then exit 4; fi',
  'mkdir -p "$(dirname "$1")"',
  'tmp="$1.slipway-$$"',
  `printf "${LOCK_FILE_MARK}\\n%s\\n" "$2" > "$tmp" || exit 1`,
  'if ln -T "$tmp" "$1" 2>/dev/null; then rm -f "$tmp"; exit 0; fi',
  'rm -f "$tmp"',
  'if [ ! -e "$1" ]; then echo "could not link the lock file into place" >&2; exit 1; fi',
  'if foreign "$1"; then exit 4; fi',
  'age=$(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) ))',
  'printf "%s\\n%s\\n" "$age" "$(tail -n +2 "$1")"',
  'exit 3',
].join('\n');

export class LockHeldError extends SlipwayError {
  constructor(readonly host: string, readonly holder: string, readonly ageSeconds: number, waitedMs: number, lockPath = 'app-dir/.slipway/lock') {
    super(`${host}: another deploy holds the lock (held by ${holder} for ${ageSeconds} s); gave up after waiting ${Math.round(waitedMs / 1000)} s`, {
      fix: `Wait for it to finish, raise lock-timeout, or, if that deploy is dead, lower lock-stale-after or remove the lock directory ${lockPath} on the host`,
    });
    this.name = 'LockHeldError';
  }
}

/** Exit 0: taken. Exit 3: held; prints the holder line and the lock's age in seconds. mkdir is atomic. */
const ACQUIRE = [
  'mkdir -p "$(dirname "$1")"',
  'if mkdir "$1" 2>/dev/null; then printf "%s\\n" "$2" > "$1/holder"; exit 0; fi',
  'holder=$(cat "$1/holder" 2>/dev/null || echo unknown)',
  'age=$(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) ))',
  'printf "%s\\n%s\\n" "$age" "$holder"',
  'exit 3',
].join('\n');

/** The holder text of the lock at `$1`, a directory (`holder` file) or a Slipway lock file (its lines after the mark); empty otherwise. */
const HOLDER_OF = `holder_of() { if [ -d "$1" ]; then cat "$1/holder" 2>/dev/null; elif [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ]; then tail -n +2 "$1"; fi; }`;

/** Removes the lock (directory or file) only if we still hold it (a broken-and-retaken lock is someone else's, a team's file never ours). Exit 0: released; 3: not ours (or gone). */
export const RELEASE_LOCK_SCRIPT = `${HOLDER_OF}; if [ "$(holder_of "$1")" = "$2" ]; then rm -rf "$1"; else exit 3; fi`;

/** Remote words that release the lock in `lockDir` only while its holder line is `token`. */
export function releaseLockWords(lockDir: string, token: string): string[] {
  return ['sh', '-c', RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}

/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';
/** The same for a lock file: only while it is still Slipway's with that holder. */
const BREAK_FILE = `${HOLDER_OF}; if [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ] && [ "$(holder_of "$1")" = "$2" ]; then rm -f "$1"; fi`;

export interface HeldLock {
  release(): Promise<void>;
  /**
   * The host's last round trip: a strategy's closing step, the deploy-log line, then the release
   * (as `release`). Failures of the step and of the log line are reported, not thrown: `logError`
   * what the log line's write said, `closingError` what the step's `settle` made of its answer.
   * `failedEntry`: the line written instead when the step fails (a step the host's outcome rests on).
   */
  finish(entry: DeployLogEntry, logPath: string, closing?: ClosingStep, failedEntry?: DeployLogEntry): Promise<{ logError?: string; closingError?: Error }>;
}

/** The last lines of a closing round trip, after the step's own output (the step cannot print past them). */
const CLOSED = 'slipway-closed';
const TRAILER = [new RegExp(`^${CLOSED} (\\d+)$`), /^log (\d+) ?(.*)$/, /^unlock (\d+)$/];

/**
 * `$1` log, `$2` line, `$3` the line when the step fails, `$4` lock, `$5` token, then a closing
 * step's arguments (its stdin is the round trip's). The step runs first (its stdout passed on), then
 * the log line, then the release as RELEASE_LOCK_SCRIPT; the last three stdout lines are
 * `slipway-closed <the step's exit>`, `log <exit> <what it said, on one line>` and `unlock <exit>`.
 */
function closeScript(closing: string | undefined): string {
  return [
    'log="$1"; line="$2"; failed="$3"; lock="$4"; token="$5"; shift 5',
    ...(closing ? [`( ${closing}\n); closed=$?`, '[ "$closed" -eq 0 ] || line="$failed"'] : ['closed=0']),
    `printf "\\n${CLOSED} %s\\n" "$closed"`,
    'said=$( { mkdir -p "$(dirname "$log")" && printf "%s\\n" "$line" >> "$log"; } 2>&1 ); status=$?',
    'printf "log %s %s\\n" "$status" "$(printf "%s" "$said" | tr "\\n" " ")"',
    `( set -- "$lock" "$token"; ${RELEASE_LOCK_SCRIPT} ); printf "unlock %s\\n" "$?"`,
  ].join('\n');
}

/** The line after a look's own output in the lock's round trip: the look's exit status. */
const LOOKED = 'slipway-looked';

/**
 * The lock's round trip: `$3` (app-dir) must be a directory (exit 5, nothing written), or with
 * create-app-dir is made (`mkdir -p`, exit 6 when it cannot be), then the lock as ACQUIRE /
 * ACQUIRE_FILE (`$1`, `$2`; exit 3 held, 4 foreign), then, once it is taken, the look script (if
 * any) on the arguments after the third, followed by the line `slipway-looked <its exit>`. Exit 0
 * from the lock on: the lock is held whatever the look did, so the caller always gets it to release.
 */
function lockEntryScript(asFile: boolean, entry: LockEntry): string {
  return [
    entry.createAppDir ? 'mkdir -p -- "$3" || exit 6' : '[ -d "$3" ] || exit 5',
    `( ${asFile ? ACQUIRE_FILE : ACQUIRE}\n) || exit $?`,
    ...(entry.look ? ['shift 3', `( ${entry.look.script}\n); printf "\\n${LOOKED} %s\\n" "$?"`] : []),
    'exit 0',
  ].join('\n');
}

/** How the fleet takes a host's lock: app-dir first (the lock lives inside it), a strategy's look after. */
export interface LockEntry {
  /** Make app-dir (`mkdir -p`) instead of requiring it (the script strategy's create-app-dir). */
  createAppDir?: boolean;
  /** Run under the lock, in the same round trip; reads `$1…` (its own arguments). */
  look?: { script: string; args: string[] };
  /** The error when app-dir is not a directory (nothing is made then). */
  missingAppDir(): Error;
}

/** What the lock's round trip brought back besides the lock: the look's output, or why it has none. */
export interface LockTaken {
  lock: HeldLock;
  /** What the look printed (undefined without a look). */
  looked?: string;
  /** The look failed (its exit status, stderr) or its answer was cut short; the lock is held all the same. */
  lookFailed?: string;
}

/** The separate look's output and exit status, from the lock round trip's stdout. */
function splitLooked(stdout: string, stderr: string): { looked: string; lookFailed?: string } {
  const at = stdout.lastIndexOf(`\n${LOOKED} `);
  const exit = at < 0 ? undefined : /^(\d+)\n?$/.exec(stdout.slice(at + LOOKED.length + 2));
  if (!exit) return { looked: stdout, lookFailed: `was cut short (${stderr.trim().slice(0, 200) || 'no error output'})` };
  const looked = stdout.slice(0, at);
  return exit[1] === '0' ? { looked } : { looked, lookFailed: `failed with exit ${exit[1]} (${stderr.trim().slice(0, 200) || 'no error output'})` };
}

/**
 * The fleet's lock in one round trip: app-dir checked (or made), the lock taken and, once it is, the
 * strategy's look; resolves with the lock and what the look printed.
 */
export async function acquireLockAndLook(session: SshSession, appDir: string, options: LockOptions, log: Logger, entry: LockEntry): Promise<LockTaken> {
  let taken: Omit<LockTaken, 'lock'> = {};
  const lock = await holdLock(session, appDir, options, log, {
    script: (asFile) => lockEntryScript(asFile, entry),
    args: [appDir, ...(entry.look?.args ?? [])],
    label: `${entry.createAppDir ? 'create app-dir' : 'check app-dir'}, take deploy lock${entry.look ? ', look at the host' : ''}`,
    taken: (stdout, stderr) => { if (entry.look) taken = splitLooked(stdout, stderr); },
    refused: (exitCode, stderr) => {
      if (exitCode === 5) return entry.missingAppDir();
      if (exitCode === 6) return new SlipwayError(`${session.name}: could not create app-dir ${appDir} (${stderr.trim().slice(0, 200)})`, { fix: 'Check the SSH user can write to its parent directory, or create app-dir on the host' });
      return undefined;
    },
  });
  return { lock, ...taken };
}

/** How takeLock tries: a script in place of ACQUIRE (same `$1` `$2` and exits), its further arguments, its label, what it printed once taken, its own refusals. */
interface LockAttempt {
  script(asFile: boolean): string;
  args: string[];
  label: string;
  taken(stdout: string, stderr: string): void;
  /** The error an exit status of the attempt's own means (undefined: not one of its own). */
  refused(exitCode: number, stderr: string): Error | undefined;
}

export async function acquireLock(session: SshSession, appDir: string, options: LockOptions, log: Logger): Promise<HeldLock> {
  return holdLock(session, appDir, options, log);
}

async function holdLock(session: SshSession, appDir: string, options: LockOptions, log: Logger, attempt?: LockAttempt): Promise<HeldLock> {
  const dir = options.lockPath ?? lockDir(appDir);
  const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
  // Recorded before the first attempt (once, not per poll): a run killed as mkdir succeeds still tells its
  // post step, which releases the lock only if it reads this token (so a wait that never got it is harmless).
  const settle = recordLeftover({
    kind: 'lock', host: session.target.host, port: session.target.port, user: session.target.user, sessionDir: session.localDir,
    appDir, lockDir: dir, ...(options.deployLog ? { deployLog: options.deployLog } : {}), token, runId: options.runId, strategy: options.strategy ?? '', version: options.version ?? '',
  });
  try {
    await takeLock(session, dir, token, options, log, attempt);
  } catch (error) {
    settle();
    throw error;
  }
  return {
    release: async () => {
      const released = await session.exec(releaseLockWords(dir, token), { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
      // Exit 3: no longer ours (broken as stale and retaken): nothing of ours is left to release either.
      if (released.exitCode === 0 || released.exitCode === 3) settle();
    },
    finish: async (entry, logPath, closing, failedEntry) => {
      const line = formatDeployLogLine(entry);
      const result = await session.exec(['sh', '-c', closeScript(closing?.script), 'slipway-close', logPath, line, failedEntry ? formatDeployLogLine(failedEntry) : line, dir, token, ...(closing?.args ?? [])], {
        allowFailure: true, label: `ssh ${session.target.host}: ${closing ? 'closing step, ' : ''}append to deploy log, release deploy lock`, ...(closing?.stdin !== undefined ? { stdin: closing.stdin } : {}),
      });
      // The trailer starts on a line of its own, after everything the step printed (which cannot print past it).
      const at = result.stdout.lastIndexOf(`\n${CLOSED} `);
      const [closed, logged, unlocked] = at < 0 ? [] : result.stdout.slice(at + 1).replace(/\n$/, '').split('\n').map((text, i) => TRAILER[i]?.exec(text) ?? undefined);
      if (unlocked && (unlocked[1] === '0' || unlocked[1] === '3')) settle();
      // Without the whole trailer (a cut connection, a shell that failed early), every part counts as not done.
      const answered = closed && logged && unlocked ? { closed, logged } : undefined;
      const closingError = closing?.settle(answered ? result.stdout.slice(0, at) : '', answered ? Number(answered.closed[1]) : result.exitCode || 1) ?? undefined;
      if (!answered) throw new SlipwayError(`${session.name}: the deploy log and the lock release did not answer (exit ${result.exitCode}: ${result.stderr.trim().slice(0, 200)})`, { cause: closingError });
      const { logged: log } = answered;
      return { ...(log[1] === '0' ? {} : { logError: log[2]?.trim() || `exit ${log[1]}` }), ...(closingError ? { closingError } : {}) };
    },
  };
}

async function takeLock(session: SshSession, dir: string, token: string, options: LockOptions, log: Logger, attempt?: LockAttempt): Promise<void> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    throwIfCancelled(options.signal, `taking the deploy lock on ${session.name}`);
    const asFile = options.lockPath !== undefined;
    const script = attempt ? attempt.script(asFile) : asFile ? ACQUIRE_FILE : ACQUIRE;
    const result = await session.exec(['sh', '-c', script, 'slipway-lock', dir, token, ...(attempt?.args ?? [])], { allowFailure: true, label: `ssh ${session.target.host}: ${attempt?.label ?? 'take deploy lock'}` });
    if (result.exitCode === 0) {
      attempt?.taken(result.stdout, result.stderr);
      return;
    }
    const refused = attempt?.refused(result.exitCode, result.stderr);
    if (refused) throw refused;
    if (asFile && result.exitCode === 4) throw new ForeignLockError(session.name, dir);
    if (result.exitCode !== 3) throw new SlipwayError(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
    const [ageText = '0', ...holderLines] = result.stdout.trim().split('\n');
    const holder = holderLines.join(' ').trim() || 'unknown';
    const ageSeconds = Number(ageText) || 0;
    if (ageSeconds * 1000 >= options.staleAfterMs) {
      log.warn(`${session.name}: breaking a stale deploy lock held by ${holder} for ${ageSeconds} s (lock-stale-after is ${Math.round(options.staleAfterMs / 1000)} s)`);
      await session.exec(['sh', '-c', asFile ? BREAK_FILE : BREAK, 'slipway-break-lock', dir, holder], { label: `ssh ${session.target.host}: break stale lock` });
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.waitMs) throw new LockHeldError(session.name, holder, ageSeconds, waited, dir);
    if (!announced) log.info(`${session.name}: waiting for the deploy lock held by ${holder}`);
    announced = true;
    await sleep(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
  }
}
