import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../core/log.js';
import { ProcessRunner, type Runner } from '../core/runner/process-runner.js';
import { controlCommand, sessionPaths } from '../ssh/commands.js';

/**
 * One private temp dir per CLI run, made the process's TMPDIR: every SSH session
 * dir (key, known_hosts, control socket), env file and scratch file the run
 * writes lands inside it. Removing it on every exit path (a result, an error, a
 * run that stalled) leaves no key on disk and, after `ssh -O exit` for each
 * session found there, no ssh master or agent running.
 */
export interface RunTempDir {
  dir: string;
  /** Closes the masters and agents of sessions still in the dir, then removes it. Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * ssh's control socket lands at `<TMPDIR>/slipway-ssh-XXXXXX/control.<16 chars>`, and a
 * Unix socket path has at most 104 bytes on macOS (108 on Linux): the run dir is named
 * short, and where even that would not fit, TMPDIR is left as it is.
 */
const SOCKET_PATH_LIMIT = 100;
const SESSION_SOCKET_SUFFIX = '/slipway-ssh-XXXXXX/control.XXXXXXXXXXXXXXXX';

export function useRunTempDir(env: NodeJS.ProcessEnv = process.env, runner: Runner = new ProcessRunner(silentLogger)): RunTempDir {
  const base = env.TMPDIR || os.tmpdir();
  const dir = path.join(base, 'sw-XXXXXX');
  if (dir.length + SESSION_SOCKET_SUFFIX.length > SOCKET_PATH_LIMIT) return { dir: base, cleanup: async () => undefined };
  return redirect(fs.mkdtempSync(path.join(base, 'sw-')), env, runner);
}

function redirect(dir: string, env: NodeJS.ProcessEnv, runner: Runner): RunTempDir {
  fs.chmodSync(dir, 0o700);
  env.TMPDIR = dir;
  let done = false;
  return {
    dir,
    cleanup: async () => {
      if (done) return;
      done = true;
      await closeLeftSessions(dir, runner);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Session dirs a run left (its `finally` never ran): stop their master, kill their agent. */
export async function closeLeftSessions(dir: string, runner: Runner): Promise<string[]> {
  const sessions = fs.readdirSync(dir).filter((name) => name.startsWith('slipway-ssh-')).map((name) => path.join(dir, name));
  for (const session of sessions) {
    if (fs.existsSync(path.join(session, 'ssh_config'))) {
      await runner.run(controlCommand(sessionPaths(session, false), 'exit'), { timeoutMs: 5000, allowFailure: true });
    }
    for (const pid of processesNaming(path.join(session, 'agent.sock'))) {
      try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  }
  return sessions;
}

/** Processes whose command line contains `text` (Linux /proc; elsewhere none are found). */
function processesNaming(text: string): number[] {
  if (!fs.existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(text)) found.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return found;
}
