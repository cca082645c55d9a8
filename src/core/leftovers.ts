/**
 * What this run made that must not outlive it: session directories (with the
 * private key), ssh masters and agents, deploy locks on hosts, temp dirs with
 * credentials. Each is recorded when made and settled when removed, so a run
 * killed half-way (SIGKILL, a Forgejo cancel) leaves a list the post step can
 * work through. The Actions edge mirrors the list into GITHUB_STATE on every
 * change; nothing secret is in it (paths, pids, hosts, lock tokens).
 */
export type Leftover =
  | { kind: 'dir'; path: string; what: string }
  | {
      kind: 'ssh-session';
      /** The session's private 0700 dir: key, known_hosts, ssh_config, control socket. */
      dir: string;
      host: string;
      port: number;
      user: string;
      agentPid?: number;
      agentSocket?: string;
    }
  | {
      kind: 'lock';
      host: string;
      port: number;
      user: string;
      /** The session dir it was taken through (its master may still answer). */
      sessionDir: string;
      appDir: string;
      /** The lock's path: Slipway's directory, or the team's lock file (release `lock-file`). */
      lockDir: string;
      /** The deploy log the post step writes to, when not `.slipway/deploy.log` (release `deploy-log`). */
      deployLog?: string;
      /** The exact holder line: a lock is released only while it still says this. */
      token: string;
      runId: string;
      /** For the deploy-log line the post step writes when it has to release the lock. */
      strategy: string;
      version: string;
    }
  | { kind: 'containers'; label: string; what: string };

const open = new Map<number, Leftover>();
const listeners = new Set<(all: Leftover[]) => void>();
let nextId = 1;

function notify(): void {
  const all = openLeftovers();
  for (const listener of listeners) listener(all);
}

/** Records `item`; call the returned function once it is gone (idempotent). */
export function recordLeftover(item: Leftover): () => void {
  const id = nextId++;
  open.set(id, item);
  notify();
  return () => {
    if (open.delete(id)) notify();
  };
}

export function openLeftovers(): Leftover[] {
  return [...open.values()];
}

export function onLeftoversChanged(listener: (all: Leftover[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Who holds a lock, stable for the whole run and readable by its post step:
 * `github-run:<id>.<attempt>` on a runner, `pid:<pid>@<machine>` elsewhere.
 */
export function runIdentity(env: NodeJS.ProcessEnv, machine: string, pid = process.pid): string {
  if (env.GITHUB_RUN_ID) return `run:${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT || '1'}`;
  return `pid:${pid}@${machine}`;
}
