import { InputError } from '../../core/errors.js';
import { renderText, Summary } from '../../core/summary.js';
import { redact } from '../../core/secrets.js';
import { hostPathsOf } from '../../deploy/host-state.js';
import { readFleet, readLock, releaseLock, type LockReleaseOutcome, type LockState } from '../../deploy/status.js';
import { forHost } from '../../deploy/settings.js';
import { describeLock, hostCount } from './status.js';
import { EXIT, HOST_FLAGS_HELP, runHostCommand, writeJson } from './host-command.js';

const LOCK_HELP = `slipway lock status [flags]
slipway lock release [--yes] [flags]

status: whether each host's deploy lock is held, by whom and for how long.
release: removes a held lock (a deploy whose runner died), only if it is still
the lock shown: asks for confirmation on a terminal; without one, --yes is
required.

  --yes            release without asking
${HOST_FLAGS_HELP}
Exit codes: 0 done, 1 a host could not be read or the release was declined,
2 bad flags or slipway.yml (also: release without a terminal and without --yes).
`;

interface HostLock {
  host: string;
  appDir: string;
  ok: boolean;
  error?: string;
  lock?: LockState;
  release?: LockReleaseOutcome | 'declined' | 'not-held';
}

export function runLockCommand(args: string[], io: Parameters<typeof runHostCommand>[1]): Promise<number> {
  return runHostCommand(args, io, { section: 'lock', help: LOCK_HELP, switches: ['yes'], positionals: 1 }, async ({ parsed, settings, context, json, during }) => {
    const action = parsed.positionals[0] ?? 'status';
    if (action !== 'status' && action !== 'release') throw new InputError(`lock '${action}'`, 'is not a lock command', 'Use slipway lock status or slipway lock release.');
    const yes = parsed.switches.has('yes');
    if (action === 'release' && !yes && !io.ask) {
      throw new InputError('--yes', 'is required to release a lock without a terminal to confirm on', 'Check with slipway lock status that the holder is gone, then run slipway lock release --yes.');
    }
    // Read every lock first (side by side), then confirm one host at a time.
    const hosts = await during(`reading the deploy lock of ${hostCount(settings)}`, () => readFleet<HostLock>(settings.ssh, context, async (session, index) => {
      const appDir = forHost(settings.appDir, session.target.host, index);
      const lock = await readLock(session, appDir, hostPathsOf(appDir, settings).lock);
      const entry: HostLock = { host: session.name, appDir, ok: true, lock };
      if (action !== 'release') return entry;
      if (!lock.held) return { ...entry, release: 'not-held' };
      return entry;
    }, (host, error) => ({ host, appDir: '', ok: false, error })));

    if (action === 'release') {
      const held = hosts.filter((h) => h.ok && h.lock?.held);
      const confirmed = new Set<string>();
      for (const host of held) {
        if (yes) { confirmed.add(host.host); continue; }
        io.stderr.write(`${redact(host.host)}: lock in ${host.appDir} is ${redact(describeLock(host.lock as LockState))}\n`);
        const answer = (await io.ask?.('Release it? A deploy that is still running would lose its lock. [y/N] ')) ?? '';
        if (/^y(es)?$/i.test(answer.trim())) confirmed.add(host.host);
        else host.release = 'declined';
      }
      if (confirmed.size) {
        // A second, short connection: none is held open while a person reads the prompt.
        await during(`releasing ${confirmed.size} lock${confirmed.size === 1 ? '' : 's'}`, () => readFleet<{ ok: boolean }>(settings.ssh, context, async (session, i) => {
          const host = hosts[i] as HostLock;
          if (!confirmed.has(session.name) || !host.lock) return { ok: true };
          host.release = await releaseLock(session, host.appDir, host.lock, hostPathsOf(host.appDir, settings).lock);
          return { ok: true };
        }, (hostName, error, i) => {
          const host = hosts[i] as HostLock;
          if (confirmed.has(hostName)) Object.assign(host, { ok: false, error });
          return { ok: false };
        }));
      }
    }

    if (json) {
      writeJson(io, { ok: hosts.every((h) => h.ok), hosts });
    } else {
      const summary = new Summary().heading(action === 'release' ? 'Deploy lock release' : 'Deploy lock');
      summary.table(['host', 'app-dir', 'lock', ...(action === 'release' ? ['release'] : [])], hosts.map((h) => [
        h.host, h.appDir || '-', h.error ? `not read: ${h.error}` : describeLock(h.lock as LockState), ...(action === 'release' ? [h.release ?? '-'] : []),
      ]));
      io.stdout.write(redact(renderText(summary)));
    }
    // As status and history do: a host that could not be read is an error on stderr too (with --json, the only place a person sees it).
    for (const host of hosts) if (host.error) context.log.error(`${host.host}: ${host.error}`);
    const failed = hosts.some((h) => !h.ok) || hosts.some((h) => h.release === 'declined' || h.release === 'changed');
    return failed ? EXIT.failed : EXIT.ok;
  });
}
