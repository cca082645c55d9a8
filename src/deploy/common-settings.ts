import type { SshSettings } from '../ssh/index.js';

export type DeployMode = 'deploy' | 'rollback';

export interface HealthSettings {
  /** URL as seen from the host (`http://127.0.0.1:8080/api/health`), checked through an SSH tunnel. */
  url?: string;
  /** Text the response must contain; `{version}` is replaced. */
  expect?: string;
  timeoutMs: number;
}

/** What every strategy shares; each strategy adds its own part under `strategy: '<name>'` (strategies/). */
export interface BaseDeploySettings {
  ssh: SshSettings;
  mode: DeployMode;
  /** On the host; `{host}` and `{index}` (1-based) are replaced per host. */
  appDir: string;
  version: string;
  env: Record<string, string>;
  health: HealthSettings;
  /** 0 = all hosts at once. */
  batchSize: number;
  lockTimeoutMs: number;
  lockStaleAfterMs: number;
}

export const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+:@-]{0,127}$/;

/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
export function forHost(template: string, host: string, index: number): string {
  return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}
