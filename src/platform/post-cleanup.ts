import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Inputs } from '../core/config/inputs.js';
import { formatError } from '../core/errors.js';
import type { Leftover } from '../core/leftovers.js';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { formatDeployLogLine, deployLogPath } from '../deploy/host-state.js';
import { RELEASE_LOCK_SCRIPT, releaseLockWords } from '../deploy/lock.js';
import { controlCommand, execCommand, masterCommand, sessionPaths, TARGET_ALIAS, type SessionPaths } from '../ssh/commands.js';
import { openSshSession, parseSshInputs, type SshTarget } from '../ssh/index.js';

/** The GITHUB_STATE name the main step writes its leftovers under (the post reads STATE_leftovers). */
export const LEFTOVERS_STATE = 'leftovers';

type LockLeftover = Extract<Leftover, { kind: 'lock' }>;
type SessionLeftover = Extract<Leftover, { kind: 'ssh-session' }>;

/** Parses the state the main step saved; anything unreadable is an empty list (nothing we made can be named by it). */
export function parseLeftovers(text: string | undefined): Leftover[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isLeftover) : [];
  } catch {
    return [];
  }
}

function isLeftover(value: unknown): value is Leftover {
  if (!value || typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  const text = (key: string) => typeof item[key] === 'string' && (item[key] as string).length > 0;
  switch (item.kind) {
    case 'dir': return text('path') && ownPath(item.path as string);
    case 'ssh-session': return text('dir') && ownPath(item.dir as string);
    case 'lock': return text('lockDir') && text('token') && text('host') && typeof item.port === 'number'
      && (item.deployLog === undefined || (text('deployLog') && text('appDir') && (item.deployLog as string).startsWith(`${item.appDir as string}/`) && !(item.deployLog as string).split('/').includes('..')));
    case 'containers': return text('label');
    default: return false;
  }
}

/** Only paths Slipway itself names (`…/slipway-…`) are removed: a tampered state file cannot point the post at /home. */
function ownPath(dir: string): boolean {
  return dir.startsWith('/') && !dir.split('/').includes('..') && /\/slipway-[^/]+$/.test(dir);
}

export interface CleanupReport {
  locksReleased: number;
  locksNotOurs: number;
  locksLeft: number;
  sessionsClosed: number;
  dirsRemoved: number;
}

export interface CleanupOptions {
  runner: Runner;
  log: Logger;
  /** The step's own inputs (the runner passes them to the post too): a fresh connection when the key file is gone. */
  inputs?: Inputs;
  /** Who writes the deploy-log line for a lock the post step had to release. */
  actor: string;
}

/**
 * After a main step that did not finish its own cleanup (killed, or cut by the
 * runner's cancel): releases the locks this run still holds, stops its ssh
 * masters and agents, removes key material and temp dirs. Never throws.
 */
export async function cleanUpLeftovers(items: Leftover[], options: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { locksReleased: 0, locksNotOurs: 0, locksLeft: 0, sessionsClosed: 0, dirsRemoved: 0 };
  const sessions = items.filter((item): item is SessionLeftover => item.kind === 'ssh-session');
  // Locks first: the session dirs may still hold a live master or the key to reach the host with.
  for (const lock of items.filter((item): item is LockLeftover => item.kind === 'lock')) {
    const outcome = await releaseLeftLock(lock, sessions, options).catch((error: unknown) => {
      options.log.warn(`post: could not release the deploy lock on ${lock.host}:${lock.port} (${formatError(error)}); it is broken as stale after lock-stale-after`);
      return 'left' as const;
    });
    if (outcome === 'released') report.locksReleased += 1;
    else if (outcome === 'not-ours') report.locksNotOurs += 1;
    else report.locksLeft += 1;
  }
  for (const session of sessions) {
    await stopSession(session, options.runner);
    report.sessionsClosed += 1;
  }
  for (const item of items) {
    if (item.kind === 'dir' && fs.existsSync(item.path)) {
      fs.rmSync(item.path, { recursive: true, force: true });
      report.dirsRemoved += 1;
    }
    if (item.kind === 'containers') await removeLabelledContainers(item.label, options.runner);
  }
  return report;
}

type LockOutcome = 'released' | 'not-ours' | 'left';

async function releaseLeftLock(lock: LockLeftover, sessions: SessionLeftover[], options: CleanupOptions): Promise<LockOutcome> {
  const { runner, log } = options;
  const line = formatDeployLogLine({
    time: new Date().toISOString(), action: 'deploy', strategy: lock.strategy || 'unknown', version: lock.version, previous: '',
    result: 'cancelled (the run was stopped before it finished; lock released by its post step)', actor: options.actor,
  });
  // Release, and only if it was still ours, say so in the host's deploy log.
  const words = ['sh', '-c', `${RELEASE_LOCK_SCRIPT} && mkdir -p "$(dirname "$3")" && printf "%s\\n" "$4" >> "$3"`, 'slipway-post-unlock', lock.lockDir, lock.token, lock.deployLog ?? deployLogPath(lock.appDir), line];
  const judge = (exitCode: number): LockOutcome => {
    if (exitCode === 0) log.info(`post: released the deploy lock this run still held on ${lock.host}:${lock.port} (${lock.appDir})`);
    else if (exitCode === 3) log.info(`post: the deploy lock on ${lock.host}:${lock.port} is no longer this run's; left alone`);
    return exitCode === 0 ? 'released' : exitCode === 3 ? 'not-ours' : 'left';
  };

  const recorded = sessions.find((session) => session.dir === lock.sessionDir);
  if (recorded && fs.existsSync(recorded.dir)) {
    const paths = pathsOf(recorded);
    const alive = (await runner.run(controlCommand(paths, 'check'), { timeoutMs: 5000, allowFailure: true })).exitCode === 0;
    // The main's master, or a new one from its own config while its key file is still there.
    const reopened = !alive && fs.existsSync(`${recorded.dir}/id`)
      && (await runner.run(masterCommand(paths), { timeoutMs: 25_000, allowFailure: true, label: `ssh ${lock.host} (post: reconnect)` })).exitCode === 0;
    if (alive || reopened) {
      const result = await runner.run(execCommand(paths, words), { timeoutMs: 20_000, allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` });
      if (result.exitCode !== 255) return judge(result.exitCode);
    }
  }
  const target = targetFromInputs(lock, options.inputs);
  if (!target) {
    log.warn(`post: the deploy lock on ${lock.host}:${lock.port} may still be held by this run, and no key is left to reach the host; it is broken as stale after lock-stale-after`);
    return 'left';
  }
  const session = await openSshSession(target, runner, log);
  try {
    return judge((await session.exec(words, { allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` })).exitCode);
  } finally {
    await session.close();
  }
}

function targetFromInputs(lock: LockLeftover, inputs: Inputs | undefined): SshTarget | undefined {
  if (!inputs) return undefined;
  try {
    return parseSshInputs(inputs).targets.find((t) => t.host === lock.host && t.port === lock.port && t.user === lock.user);
  } catch {
    return undefined;
  }
}

const pathsOf = (session: SessionLeftover): SessionPaths => sessionPaths(session.dir, Boolean(session.agentSocket));

async function stopSession(session: SessionLeftover, runner: Runner): Promise<void> {
  if (fs.existsSync(`${session.dir}/ssh_config`)) {
    await runner.run(controlCommand(pathsOf(session), 'exit'), { timeoutMs: 5000, allowFailure: true });
  }
  if (session.agentPid) killAgent(session.agentPid, session.agentSocket);
  fs.rmSync(session.dir, { recursive: true, force: true });
}

/** Kills the agent only if the pid is still an ssh-agent on our socket (a pid may have been reused). */
function killAgent(pid: number, socket: string | undefined): void {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('ssh-agent') || (socket && !cmdline.includes(socket))) return;
  } catch {
    if (os.platform() === 'linux') return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function removeLabelledContainers(label: string, runner: Runner): Promise<void> {
  const listed = await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=${label}`] }, { timeoutMs: 20_000, allowFailure: true });
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (ids.length) await runner.run({ file: 'docker', args: ['rm', '-f', '-v', ...ids] }, { timeoutMs: 60_000, allowFailure: true });
}

/**
 * The last resort when the process must end now (a flow that does not handle
 * cancel, or a third signal): synchronous, local only. Stops ssh masters and
 * agents and removes key material and temp dirs; a lock is released only if
 * its master still answers at once.
 */
export function removeLeftoversNow(items: Leftover[]): void {
  const sessions = items.filter((item): item is SessionLeftover => item.kind === 'ssh-session');
  for (const lock of items.filter((item): item is LockLeftover => item.kind === 'lock')) {
    const recorded = sessions.find((session) => session.dir === lock.sessionDir);
    if (!recorded || !fs.existsSync(`${recorded.dir}/ssh_config`)) continue;
    const spec = execCommand(pathsOf(recorded), releaseLockWords(lock.lockDir, lock.token));
    spawnSync(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
  }
  for (const session of sessions) {
    if (fs.existsSync(`${session.dir}/ssh_config`)) {
      spawnSync('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', TARGET_ALIAS], { timeout: 3000, stdio: 'ignore' });
    }
    if (session.agentPid) killAgent(session.agentPid, session.agentSocket);
    fs.rmSync(session.dir, { recursive: true, force: true });
  }
  for (const item of items) if (item.kind === 'dir') fs.rmSync(item.path, { recursive: true, force: true });
}
