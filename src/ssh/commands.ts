import { shellJoin, type CommandSpec } from '../core/command.js';
import { acceptsUnknownKeys, type SshTarget } from './target.js';

/** How long a master outlives its last command (see KEEPALIVE_IDLE_MS in session.ts). */
export const CONTROL_PERSIST_S = 30;

/** The alias every command uses; the config file maps it to the real host. */
export const TARGET_ALIAS = 'slipway-target';

/** Files of one session, all inside one private 0700 temp dir. */
export interface SessionPaths {
  dir: string;
  config: string;
  controlPath: string;
  identityFile: string;
  knownHosts: string;
  hostKeyScript: string;
  agentSocket?: string;
}

export function sessionPaths(dir: string, withAgent: boolean): SessionPaths {
  return {
    dir,
    config: `${dir}/ssh_config`,
    controlPath: `${dir}/control`,
    identityFile: withAgent ? `${dir}/id.pub` : `${dir}/id`,
    knownHosts: `${dir}/known_hosts`,
    hostKeyScript: `${dir}/host-key-check`,
    agentSocket: withAgent ? `${dir}/agent.sock` : undefined,
  };
}

/**
 * The ssh_config of one session. A config file (rather than -o flags) is what a
 * ProxyJump hop reads too, so the jump host gets the same key checks and key.
 */
export function renderSshConfig(target: SshTarget, paths: SessionPaths): string {
  const seconds = Math.max(1, Math.ceil(target.connectTimeoutMs / 1000));
  const lines = [
    `Host ${TARGET_ALIAS}`,
    `  HostName ${target.host}`,
    `  Port ${target.port}`,
    `  User ${target.user}`,
    ...(target.jumpHost ? [`  ProxyJump ${target.jumpHost}`] : []),
    '',
    'Host *',
    `  IdentityFile ${paths.identityFile}`,
    '  IdentitiesOnly yes',
    `  IdentityAgent ${paths.agentSocket ?? 'none'}`,
    '  BatchMode yes',
    '  PasswordAuthentication no',
    '  KbdInteractiveAuthentication no',
    `  UserKnownHostsFile ${paths.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    `  KnownHostsCommand ${paths.hostKeyScript} %H %t %K`,
    `  StrictHostKeyChecking ${acceptsUnknownKeys(target.hostKeys) ? 'accept-new' : 'yes'}`,
    '  UpdateHostKeys no',
    '  CheckHostIP no',
    `  ConnectTimeout ${seconds}`,
    // A dead peer is noticed within ~15 s instead of a TCP timeout.
    '  ServerAliveInterval 5',
    '  ServerAliveCountMax 3',
    `  ControlPath ${paths.controlPath}`,
    '  ControlMaster no',
    // Short: the session keeps an idle master alive and closes it with -O exit; a killed run's master expires on its own.
    `  ControlPersist ${CONTROL_PERSIST_S}s`,
    '  LogLevel ERROR',
    '',
  ];
  return lines.join('\n');
}

/** Opens the one authenticated connection; ssh forks to the background once it is up. */
export function masterCommand(paths: SessionPaths): CommandSpec {
  return { file: 'ssh', args: ['-F', paths.config, '-o', 'ControlMaster=yes', '-f', '-N', TARGET_ALIAS] };
}

/**
 * Options for every command after the master: go through the control socket or
 * fail. `ProxyCommand=false` stops a silent second connection when the master is gone.
 */
function clientOptions(paths: SessionPaths): string[] {
  return ['-F', paths.config, '-o', 'ControlMaster=no', '-o', 'ProxyCommand=false'];
}

/** Runs one remote command line, built from quoted words, over the master. */
export function execCommand(paths: SessionPaths, remoteWords: string[], stdin?: string | Buffer): CommandSpec {
  return { file: 'ssh', args: [...clientOptions(paths), TARGET_ALIAS, '--', shellJoin(remoteWords)], stdin };
}

export function controlCommand(paths: SessionPaths, operation: 'check' | 'exit'): CommandSpec {
  return { file: 'ssh', args: ['-F', paths.config, '-O', operation, TARGET_ALIAS] };
}

export function forwardSpec(localPort: number, remoteHost: string, remotePort: number): string {
  const host = remoteHost.includes(':') ? `[${remoteHost}]` : remoteHost;
  return `127.0.0.1:${localPort}:${host}:${remotePort}`;
}

export function forwardCommand(paths: SessionPaths, operation: 'forward' | 'cancel', spec: string): CommandSpec {
  return { file: 'ssh', args: ['-F', paths.config, '-O', operation, '-L', spec, TARGET_ALIAS] };
}

/** rsync over the master connection. The remote path is quoted for the remote shell (rsync passes it through one). */
export function rsyncCommand(paths: SessionPaths, localPath: string, remotePath: string, options: { delete?: boolean; excludes?: string[] } = {}): CommandSpec {
  const transport = ['ssh', ...clientOptions(paths)].join(' ');
  return {
    file: 'rsync',
    args: [
      '--archive',
      '--compress',
      ...(options.delete ? ['--delete'] : []),
      ...(options.excludes ?? []).map((pattern) => `--exclude=${pattern}`),
      '--rsh', transport,
      '--protect-args',
      // The local path is a positional argument: after `--` no path can pass for an option.
      '--',
      localPath,
      `${TARGET_ALIAS}:${remotePath}`,
    ],
  };
}

export function agentStartCommand(paths: SessionPaths): CommandSpec {
  return { file: 'ssh-agent', args: ['-s', '-a', paths.agentSocket ?? `${paths.dir}/agent.sock`] };
}

/** ssh-add reads the passphrase from the askpass program, never from argv; the key expires on its own after `lifetimeSeconds`. */
export function agentAddCommand(paths: SessionPaths, askpass: string, lifetimeSeconds: number): CommandSpec {
  return {
    file: 'ssh-add',
    args: ['-t', String(lifetimeSeconds), `${paths.dir}/id`],
    env: { SSH_AUTH_SOCK: paths.agentSocket ?? '', SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'slipway:0' },
    stdin: '',
  };
}

export function agentListCommand(paths: SessionPaths): CommandSpec {
  return { file: 'ssh-add', args: ['-L'], env: { SSH_AUTH_SOCK: paths.agentSocket ?? '' } };
}

export function agentStopCommand(paths: SessionPaths, agentPid: number): CommandSpec {
  return { file: 'ssh-agent', args: ['-k'], env: { SSH_AUTH_SOCK: paths.agentSocket ?? '', SSH_AGENT_PID: String(agentPid) } };
}

/** Parses `SSH_AGENT_PID=1234;` from `ssh-agent -s`. */
export function parseAgentPid(output: string): number | undefined {
  const match = /SSH_AGENT_PID=(\d+)/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/** `KEY='value'` lines a POSIX shell can source; names are checked, values quoted. */
export function renderEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a valid environment variable name: '${key}'`);
      return `${key}='${value.replace(/'/g, `'\\''`)}'\n`;
    })
    .join('');
}

/**
 * Remote words that run `words` with environment read from stdin (export all
 * sourced names), so values never appear on a command line or in `ps`.
 */
export function withEnvFromStdin(words: string[]): string[] {
  return ['sh', '-c', 'set -a; . /dev/stdin; set +a; exec "$@"', 'slipway-env', ...words];
}

/** Remote words that source a 0600 env file, remove it, then run `words`. */
export function withEnvFromFile(file: string, words: string[]): string[] {
  return ['sh', '-c', 'set -a; . "$1"; set +a; rm -f "$1"; shift; exec "$@"', 'slipway-env', file, ...words];
}

/**
 * Remote words that finish even if the connection drops: hang-ups and broken
 * pipes are ignored and output goes to a file first, then is printed. Used for
 * steps that must not stop half-way (switching what runs).
 */
export function survivingDisconnect(words: string[]): string[] {
  const script = [
    "trap '' HUP PIPE",
    'out=$(mktemp) || exit 1',
    '"$@" >"$out" 2>&1',
    'status=$?',
    'cat "$out"',
    'rm -f "$out"',
    'exit $status',
  ].join('; ');
  return ['sh', '-c', script, 'slipway-step', ...words];
}
