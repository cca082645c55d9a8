import type { SshSession } from '../ssh/index.js';

/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
export const stateDir = (appDir: string): string => `${appDir}/.slipway`;
export const lockDir = (appDir: string): string => `${stateDir(appDir)}/lock`;
export const deployLogPath = (appDir: string): string => `${stateDir(appDir)}/deploy.log`;

export interface DeployLogEntry {
  time: string;
  action: 'deploy' | 'rollback';
  strategy: string;
  version: string;
  previous: string;
  result: string;
  actor: string;
}

/** One tab-separated line; tabs and newlines inside fields would break it, so they are flattened. */
export function formatDeployLogLine(entry: DeployLogEntry): string {
  const clean = (value: string) => value.replace(/[\t\r\n]+/g, ' ');
  return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
    `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}

export async function appendDeployLog(session: SshSession, appDir: string, entry: DeployLogEntry): Promise<void> {
  await session.exec(
    ['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', deployLogPath(appDir), formatDeployLogLine(entry)],
    { label: `ssh ${session.target.host}: append to deploy log` },
  );
}

/** Reads `KEY=value` lines of a state file on the host; missing file → empty. */
export async function readStateFile(session: SshSession, file: string): Promise<Record<string, string>> {
  const result = await session.exec(['sh', '-c', 'cat "$1" 2>/dev/null || true', 'slipway-state', file]);
  const state: Record<string, string> = {};
  for (const line of result.stdout.split('\n')) {
    const index = line.indexOf('=');
    if (index > 0) state[line.slice(0, index)] = line.slice(index + 1);
  }
  return state;
}

/** Writes a state file atomically (temp file + rename), so a cut connection leaves the old or the new one. */
export async function writeStateFile(session: SshSession, file: string, state: Record<string, string>): Promise<void> {
  const text = Object.entries(state).map(([key, value]) => `${key}=${value.replace(/\n/g, ' ')}\n`).join('');
  await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"', 'slipway-state', file], { stdin: text });
}
