import type { SshSession } from '../ssh/index.js';

/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
export const stateDir = (appDir: string): string => `${appDir}/.slipway`;
export const lockDir = (appDir: string): string => `${stateDir(appDir)}/lock`;
export const deployLogPath = (appDir: string): string => `${stateDir(appDir)}/deploy.log`;

/** The team's own lock and log paths under app-dir (release `lock-file`, `deploy-log`), when given. */
export interface HostConventions {
  lockFile?: string;
  deployLog?: string;
}

/**
 * Where a host's lock and deploy log are: Slipway's own under `.slipway/` (the lock a directory),
 * or the team's paths (the lock then a file, so the team's `cat`/`rm -f` and checks keep working).
 */
export function hostPathsOf(appDir: string, conventions: HostConventions = {}): { lock: string; lockIsFile: boolean; deployLog: string } {
  return {
    lock: conventions.lockFile ? `${appDir}/${conventions.lockFile}` : lockDir(appDir),
    lockIsFile: conventions.lockFile !== undefined,
    deployLog: conventions.deployLog ? `${appDir}/${conventions.deployLog}` : deployLogPath(appDir),
  };
}

/** Every other file Slipway keeps under `<app-dir>/.slipway/`, named in this one place (deploy, dry run and status read them). */
export const hostFiles = {
  /** The compose strategy's state and image override, per project (`default` when none is set) and service. */
  composeBase: (appDir: string, project: string | undefined, service: string): string => `${stateDir(appDir)}/compose-${project ?? 'default'}-${service}`,
  /** The zero-downtime switch record of a compose project's service. */
  switchState: (appDir: string, projectName: string, service: string): string => `${stateDir(appDir)}/zero-downtime-${projectName}-${service}.state`,
  /** One zero-downtime copy's override (`<project>-blue` / `-green`). */
  slotOverride: (appDir: string, slotProject: string): string => `${stateDir(appDir)}/${slotProject}.override.json`,
  /** The release strategy's record of versions of releases Slipway did not make. */
  releaseState: (appDir: string): string => `${stateDir(appDir)}/release.state`,
};

export interface DeployLogEntry {
  time: string;
  action: 'deploy' | 'rollback';
  strategy: string;
  version: string;
  previous: string;
  result: string;
  actor: string;
}

/**
 * One line per deploy or rollback, a stable format (docs/ssh-deploy.md): tab-separated fields,
 * `<ISO time>`, `<action>`, `<strategy>`, then `version=`, `previous=`, `result=`, `by=` in that
 * order (more `key=value` fields may follow later). Tabs and newlines inside values are flattened.
 */
export function formatDeployLogLine(entry: DeployLogEntry): string {
  const clean = (value: string) => value.replace(/[\t\r\n]+/g, ' ');
  return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
    `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}

/** Appends the entry to `.slipway/deploy.log`, or to `logPath` (the team's deploy-log). */
export async function appendDeployLog(session: SshSession, appDir: string, entry: DeployLogEntry, logPath = deployLogPath(appDir)): Promise<void> {
  await session.exec(
    ['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', logPath, formatDeployLogLine(entry)],
    { label: `ssh ${session.target.host}: append to deploy log` },
  );
}

/**
 * The words that write stdin to `file` on the host atomically (temp file + rename, directory made
 * first), so a cut connection leaves the old or the new file. `name` is the shell's `$0` (seen in ps).
 */
export function writeAtomicWords(file: string, name = 'slipway-write', options: { keepMode?: boolean } = {}): string[] {
  // keepMode: the temp file starts as a copy of the old one (its mode and owner), or 0600 when there was none: a user's env file holds secrets.
  const prepare = options.keepMode ? 'umask 077; mkdir -p "$(dirname "$1")" && { [ ! -e "$1" ] || cp -p -- "$1" "$1.tmp"; }' : 'mkdir -p "$(dirname "$1")"';
  return ['sh', '-c', `${prepare} && cat > "$1.tmp" && mv -f "$1.tmp" "$1"`, name, file];
}

/** The words that print `file` on the host, or nothing when it does not exist. */
export function readOrEmptyWords(file: string, name = 'slipway-read'): string[] {
  return ['sh', '-c', 'cat "$1" 2>/dev/null || true', name, file];
}

/** Writes `text` to `file` on the host atomically (writeAtomicWords). */
export async function writeAtomic(session: SshSession, file: string, text: string, options: { name?: string; label?: string; keepMode?: boolean } = {}): Promise<void> {
  await session.exec(writeAtomicWords(file, options.name, { keepMode: options.keepMode }), { stdin: text, label: options.label });
}

/** The text of `file` on the host; '' when it does not exist. */
export async function readOrEmpty(session: SshSession, file: string, name?: string): Promise<string> {
  return (await session.exec(readOrEmptyWords(file, name))).stdout;
}

/** Reads `KEY=value` lines of a state file on the host; missing file → empty. */
export async function readStateFile(session: SshSession, file: string): Promise<Record<string, string>> {
  return parseStateText(await readOrEmpty(session, file, 'slipway-state'));
}

/** The `KEY=value` lines of a state file's text (what readStateFile reads), for a caller that fetched the text itself. */
export function parseStateText(text: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const index = line.indexOf('=');
    if (index > 0) state[line.slice(0, index)] = line.slice(index + 1);
  }
  return state;
}

/** A state file's text as writeStateFile writes it (one `KEY=value` line each, newlines in values flattened). */
export function stateText(state: Record<string, string>): string {
  return Object.entries(state).map(([key, value]) => `${key}=${value.replace(/\n/g, ' ')}\n`).join('');
}

/** Writes a state file atomically (temp file + rename), so a cut connection leaves the old or the new one. */
export async function writeStateFile(session: SshSession, file: string, state: Record<string, string>): Promise<void> {
  await writeAtomic(session, file, stateText(state), { name: 'slipway-state' });
}
