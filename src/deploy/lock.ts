import { throwIfCancelled } from '../core/cancel.js';
import { SlipwayError } from '../core/errors.js';
import { recordLeftover } from '../core/leftovers.js';
import type { Logger } from '../core/log.js';
import { sleep } from '../core/runner/retry.js';
import type { SshSession } from '../ssh/index.js';
import { lockDir } from './host-state.js';

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
}

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

/** Removes the lock only if we still hold it (a broken-and-retaken lock is someone else's). Exit 0: released; 3: not ours (or gone). */
export const RELEASE_LOCK_SCRIPT = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ]; then rm -rf "$1"; else exit 3; fi';

/** Remote words that release the lock in `lockDir` only while its holder line is `token`. */
export function releaseLockWords(lockDir: string, token: string): string[] {
  return ['sh', '-c', RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}

/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';

export interface HeldLock {
  release(): Promise<void>;
}

export async function acquireLock(session: SshSession, appDir: string, options: LockOptions, log: Logger): Promise<HeldLock> {
  const dir = lockDir(appDir);
  const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
  // Recorded before the first attempt (once, not per poll): a run killed as mkdir succeeds still tells its
  // post step, which releases the lock only if it reads this token (so a wait that never got it is harmless).
  const settle = recordLeftover({
    kind: 'lock', host: session.target.host, port: session.target.port, user: session.target.user, sessionDir: session.localDir,
    appDir, lockDir: dir, token, runId: options.runId, strategy: options.strategy ?? '', version: options.version ?? '',
  });
  try {
    await takeLock(session, dir, token, options, log);
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
  };
}

async function takeLock(session: SshSession, dir: string, token: string, options: LockOptions, log: Logger): Promise<void> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    throwIfCancelled(options.signal, `taking the deploy lock on ${session.name}`);
    const result = await session.exec(['sh', '-c', ACQUIRE, 'slipway-lock', dir, token], { allowFailure: true, label: `ssh ${session.target.host}: take deploy lock` });
    if (result.exitCode === 0) return;
    if (result.exitCode !== 3) throw new SlipwayError(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
    const [ageText = '0', ...holderLines] = result.stdout.trim().split('\n');
    const holder = holderLines.join(' ').trim() || 'unknown';
    const ageSeconds = Number(ageText) || 0;
    if (ageSeconds * 1000 >= options.staleAfterMs) {
      log.warn(`${session.name}: breaking a stale deploy lock held by ${holder} for ${ageSeconds} s (lock-stale-after is ${Math.round(options.staleAfterMs / 1000)} s)`);
      await session.exec(['sh', '-c', BREAK, 'slipway-break-lock', dir, holder], { label: `ssh ${session.target.host}: break stale lock` });
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.waitMs) throw new LockHeldError(session.name, holder, ageSeconds, waited, dir);
    if (!announced) log.info(`${session.name}: waiting for the deploy lock held by ${holder}`);
    announced = true;
    await sleep(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
  }
}
