import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ProcessError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Runner, RunResult } from '../core/runner/process-runner.js';
import { recordLeftover } from '../core/leftovers.js';
import { registerSecret } from '../core/secrets.js';
import {
  agentAddCommand, agentListCommand, agentStartCommand, agentStopCommand, controlCommand, execCommand,
  forwardCommand, forwardSpec, masterCommand, parseAgentPid, renderEnvFile, renderSshConfig, rsyncCommand,
  sessionPaths, survivingDisconnect, withEnvFromFile, withEnvFromStdin, type SessionPaths,
} from './commands.js';
import { HostKeyError, SshConnectError } from './errors.js';
import { askpassScript, fingerprintOf, hostKeyScript, isTrusted, parseHostKeyLines, type HostKey } from './host-keys.js';
import { acceptsUnknownKeys, describeTarget, type SshTarget } from './target.js';

export interface ExecOptions {
  /** Bytes for the remote command's stdin. */
  stdin?: string | Buffer;
  /** Environment for the remote command: sent on stdin (or as a 0600 file when stdin is taken), never on a command line. */
  env?: Record<string, string>;
  /** Defaults to the target's command timeout. */
  timeoutMs?: number;
  /** Resolve with a failing result instead of throwing. */
  allowFailure?: boolean;
  /** Print output lines as they arrive (redacted). */
  stream?: boolean;
  /** Shown in logs instead of the ssh command line. */
  label?: string;
  /** Finish the remote command even if the connection drops (output is then printed at the end, not streamed). */
  survivesDisconnect?: boolean;
}

export interface PortForward {
  localPort: number;
  /** Stops using the forward; the cancel itself may finish later (the session's close() waits for it). */
  close(): Promise<void>;
}

export interface SshSession {
  readonly target: SshTarget;
  /** `user@host:port`. */
  readonly name: string;
  /** Authenticated SSH connections this session opened (1 unless it had to reconnect). */
  readonly connectionsOpened: number;
  exec(words: string[], options?: ExecOptions): Promise<RunResult>;
  forwardLocalPort(remotePort: number, remoteHost?: string): Promise<PortForward>;
  /** rsync localPath to remotePath over the session's connection. */
  upload(localPath: string, remotePath: string, options?: { delete?: boolean; excludes?: string[] }): Promise<RunResult>;
  /** True while the control connection answers. */
  isAlive(): Promise<boolean>;
  /** The local ssh master's process id (tests cut the connection with it). */
  masterPid(): Promise<number | undefined>;
  /** The session's private directory (key, ssh_config, control socket); gone after close(). */
  readonly localDir: string;
  close(): Promise<void>;
}

/** How long ssh-add keeps the key even if the agent outlives us. */
const AGENT_KEY_LIFETIME_S = 3600;

/**
 * The master exits CONTROL_PERSIST_S after its last channel closed (renderSshConfig),
 * so a killed run leaves no usable socket for long; while the session is open
 * and idle, a no-op command every KEEPALIVE_IDLE_MS keeps it from expiring.
 */
const KEEPALIVE_IDLE_MS = 10_000;

/** Where session dirs go: the runner's per-job temp dir (wiped by the runner), else the OS temp dir. */
export function sessionRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || os.tmpdir();
}

/** Opens one multiplexed connection to the target, verifying its host key. Close it when done. */
export async function openSshSession(target: SshTarget, runner: Runner, log: Logger): Promise<SshSession> {
  registerSecret(target.privateKey);
  registerSecret(target.passphrase);
  const root = sessionRoot();
  await fs.mkdir(root, { recursive: true });
  const dir = await fs.mkdtemp(path.join(root, 'slipway-ssh-'));
  await fs.chmod(dir, 0o700);
  const paths = sessionPaths(dir, Boolean(target.passphrase));
  const session = new OpenSshSession(target, runner, log, paths);
  try {
    await session.prepare();
    await session.connect();
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

class OpenSshSession implements SshSession {
  connectionsOpened = 0;
  readonly name: string;
  private agentPid?: number;
  private readonly forwards = new Set<string>();
  /** Forward cancels sent in the background: close() waits for them before it ends the master. */
  private readonly cancelling = new Set<Promise<void>>();
  private closed = false;
  private settleLeftover: () => void;
  private inFlight = 0;
  private lastUse = Date.now();
  private keepalive?: NodeJS.Timeout;

  constructor(
    readonly target: SshTarget,
    private readonly runner: Runner,
    private readonly log: Logger,
    private readonly paths: SessionPaths,
  ) {
    this.name = describeTarget(target);
    this.settleLeftover = this.recordLeftover();
  }

  get localDir(): string {
    return this.paths.dir;
  }

  /** Recorded before the key is written: a run killed from here on leaves the post step a dir to remove. */
  private recordLeftover(): () => void {
    return recordLeftover({
      kind: 'ssh-session', dir: this.paths.dir, host: this.target.host, port: this.target.port, user: this.target.user,
      agentPid: this.agentPid, agentSocket: this.agentPid ? this.paths.agentSocket : undefined,
    });
  }

  /** Every command through the master counts as use; see KEEPALIVE_IDLE_MS. */
  private async using<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.lastUse = Date.now();
    }
  }

  private startKeepalive(): void {
    this.keepalive = setInterval(() => {
      if (this.closed || this.inFlight > 0 || Date.now() - this.lastUse < KEEPALIVE_IDLE_MS) return;
      this.using(() => this.runner.run(execCommand(this.paths, ['true']), { timeoutMs: 5000, allowFailure: true, label: `ssh ${this.target.host}: keepalive` }))
        .catch(() => undefined);
    }, KEEPALIVE_IDLE_MS / 2);
    this.keepalive.unref();
  }

  async prepare(): Promise<void> {
    const { dir } = this.paths;
    const key = this.target.privateKey.endsWith('\n') ? this.target.privateKey : `${this.target.privateKey}\n`;
    await writePrivate(`${dir}/id`, key);
    await writePrivate(this.paths.knownHosts, this.target.hostKeys.knownHosts ?? '');
    await writePrivate(`${dir}/pinned-fingerprints`, (this.target.hostKeys.fingerprints ?? []).map((f) => `${f}\n`).join(''));
    await writePrivate(this.paths.hostKeyScript, hostKeyScript(dir), 0o700);
    await writePrivate(this.paths.config, renderSshConfig(this.target, this.paths));
    if (this.target.passphrase) await this.startAgent();
  }

  private async startAgent(): Promise<void> {
    const { dir } = this.paths;
    const started = await this.runner.run(agentStartCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-agent' });
    this.agentPid = parseAgentPid(started.stdout);
    this.settleLeftover();
    this.settleLeftover = this.recordLeftover();
    await writePrivate(`${dir}/passphrase`, this.target.passphrase ?? '');
    await writePrivate(`${dir}/askpass`, askpassScript(dir), 0o700);
    const added = await this.runner.run(agentAddCommand(this.paths, `${dir}/askpass`, AGENT_KEY_LIFETIME_S), {
      timeoutMs: 15_000, allowFailure: true, label: 'ssh-add (private key)',
    });
    await fs.rm(`${dir}/passphrase`, { force: true });
    if (added.exitCode !== 0) {
      throw new SshConnectError(this.name, 'the private key could not be unlocked with the passphrase', 'Check the passphrase secret belongs to private-key.');
    }
    // The agent holds the key now; ssh only needs its public half to pick it.
    const listed = await this.runner.run(agentListCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-add -L' });
    await writePrivate(this.paths.identityFile, listed.stdout);
    await fs.rm(`${dir}/id`, { force: true });
  }

  async connect(): Promise<void> {
    const startedAt = Date.now();
    const result = await this.runner.run(masterCommand(this.paths), {
      // ConnectTimeout bounds TCP and the banner; this bounds everything else (a stuck auth).
      timeoutMs: this.target.connectTimeoutMs + 10_000,
      allowFailure: true,
      label: `ssh ${this.name} (open connection)`,
    });
    if (result.exitCode === 0) {
      this.connectionsOpened += 1;
      this.lastUse = Date.now();
      this.startKeepalive();
      await this.warnIfTrustedOnFirstUse();
      this.log.debug(`ssh: connected to ${this.name} in ${Date.now() - startedAt} ms`);
      return;
    }
    throw await this.explainConnectFailure(result);
  }

  private async offeredKeys(): Promise<HostKey[]> {
    const text = await fs.readFile(`${this.paths.dir}/offered-keys`, 'utf8').catch(() => '');
    return parseHostKeyLines(text);
  }

  private async warnIfTrustedOnFirstUse(): Promise<void> {
    if (!acceptsUnknownKeys(this.target.hostKeys)) return;
    const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
    for (const key of await this.offeredKeys()) {
      if (isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? [])) continue;
      this.log.warn(
        `${this.name}: trusted the host key on first use (${key.type} ${fingerprintOf(key.base64)}) without checking it. ` +
          `Pin it to be safe: host-fingerprint: ${fingerprintOf(key.base64)}`,
      );
    }
  }

  private async explainConnectFailure(result: RunResult): Promise<Error> {
    const stderr = result.stderr.trim();
    const offered = await this.offeredKeys();
    const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
    const untrusted = offered.filter((key) => !isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? []));
    if (untrusted.length > 0 && !acceptsUnknownKeys(this.target.hostKeys)) {
      return new HostKeyError(untrusted[0]?.hostName ?? this.name, untrusted.map((key) => ({
        type: key.type, fingerprint: fingerprintOf(key.base64), line: `${key.hostName} ${key.type} ${key.base64}`,
      })));
    }
    const seconds = Math.round(this.target.connectTimeoutMs / 1000);
    if (offered.length === 0) {
      const what = result.timedOut ? `no answer within ${seconds + 10} s` : `could not connect (${lastLine(stderr) || `exit ${result.exitCode}`})`;
      return new SshConnectError(this.name, `SSH host unreachable: ${what}`, `Check host, port${this.target.jumpHost ? ', jump-host' : ''} and that sshd runs there; connect-timeout is ${seconds} s.`);
    }
    return new SshConnectError(
      this.name,
      `SSH login refused (${lastLine(stderr) || `exit ${result.exitCode}`})`,
      `Check that user '${this.target.user}' exists on the host and that the public half of private-key is in its ~/.ssh/authorized_keys.`,
    );
  }

  async exec(words: string[], options: ExecOptions = {}): Promise<RunResult> {
    let remote = options.survivesDisconnect ? survivingDisconnect(words) : words;
    let stdin = options.stdin;
    if (options.env && Object.keys(options.env).length > 0) {
      const envText = renderEnvFile(options.env);
      if (stdin === undefined) {
        remote = withEnvFromStdin(remote);
        stdin = envText;
      } else {
        const file = await this.writeRemotePrivateFile(envText);
        remote = withEnvFromFile(file, remote);
      }
    }
    const spec = execCommand(this.paths, remote, stdin);
    const label = options.label ?? `ssh ${this.target.host}: ${words.join(' ')}`;
    // ssh exits 255 for a lost connection and for a remote 255 alike: the control master tells them apart.
    const lost = (cause?: Error) => new SshConnectError(this.name, `the SSH connection was lost while running \`${label}\``, 'Check the network to the host; the step that was running may or may not have finished.', cause);
    let result: RunResult;
    try {
      result = await this.using(() => this.runner.run(spec, {
        timeoutMs: options.timeoutMs ?? this.target.commandTimeoutMs,
        allowFailure: options.allowFailure,
        stream: options.stream,
        label,
      }));
    } catch (error) {
      if (error instanceof ProcessError && error.exitCode === 255 && !(await this.isAlive())) throw lost(error);
      throw error;
    }
    // A caller that allows failure still must not read a lost connection as its command's answer.
    if (result.exitCode === 255 && !(await this.isAlive())) throw lost();
    return result;
  }

  /** Creates a 0600 file on the host holding `content` (sent on stdin) and returns its path. */
  private async writeRemotePrivateFile(content: string): Promise<string> {
    const made = await this.runner.run(
      execCommand(this.paths, ['sh', '-c', 'umask 077; file=$(mktemp) && cat > "$file" && echo "$file"'], content),
      { timeoutMs: this.target.commandTimeoutMs, label: `ssh ${this.target.host}: write env file` },
    );
    return made.stdout.trim();
  }

  async forwardLocalPort(remotePort: number, remoteHost = '127.0.0.1'): Promise<PortForward> {
    const localPort = await freeLocalPort();
    const spec = forwardSpec(localPort, remoteHost, remotePort);
    await this.runner.run(forwardCommand(this.paths, 'forward', spec), { timeoutMs: 10_000, label: `ssh ${this.target.host}: forward ${spec}` });
    this.forwards.add(spec);
    return {
      localPort,
      // The cancel is one more round trip that nothing after it needs (a new forward takes a new
      // port): it goes in the background, and close() waits for it before ending the master.
      close: async () => {
        if (!this.forwards.delete(spec)) return;
        const cancel = this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 10_000, allowFailure: true }).then(() => undefined, () => undefined);
        this.cancelling.add(cancel);
        void cancel.then(() => this.cancelling.delete(cancel));
      },
    };
  }

  async upload(localPath: string, remotePath: string, options: { delete?: boolean; excludes?: string[] } = {}): Promise<RunResult> {
    return this.using(() => this.runner.run(rsyncCommand(this.paths, localPath, remotePath, options), {
      timeoutMs: Math.max(this.target.commandTimeoutMs, 120_000),
      label: `rsync ${localPath} → ${this.target.host}:${remotePath}`,
    }));
  }

  async isAlive(): Promise<boolean> {
    if (this.closed) return false;
    const result = await this.runner.run(controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
    return result.exitCode === 0;
  }

  async masterPid(): Promise<number | undefined> {
    const result = await this.runner.run(controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
    const match = /pid=(\d+)/.exec(result.stderr + result.stdout);
    return match ? Number(match[1]) : undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    await Promise.all(this.cancelling);
    for (const spec of this.forwards) await this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 5000, allowFailure: true });
    this.forwards.clear();
    await this.runner.run(controlCommand(this.paths, 'exit'), { timeoutMs: 5000, allowFailure: true });
    if (this.agentPid) {
      await this.runner.run(agentStopCommand(this.paths, this.agentPid), { timeoutMs: 5000, allowFailure: true });
      // ssh-agent -k only signals it: wait until it is gone, so "closed" means no agent holds the key.
      await waitUntilGone(this.agentPid, 2000);
    }
    await fs.rm(this.paths.dir, { recursive: true, force: true });
    this.settleLeftover();
  }
}

async function writePrivate(file: string, content: string, mode = 0o600): Promise<void> {
  await fs.writeFile(file, content, { mode });
  await fs.chmod(file, mode);
}

/** Polls until `pid` no longer runs (a zombie counts as gone), then SIGKILLs it if it still does. */
async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const running = async () => {
    try {
      return !/^State:\s+Z/m.test(await fs.readFile(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (await running()) {
    if (Date.now() >= deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function lastLine(text: string): string {
  return text.split('\n').filter((line) => line.trim()).pop()?.trim() ?? '';
}

/** A port the kernel just handed out on 127.0.0.1 (released again for ssh to bind). */
function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
