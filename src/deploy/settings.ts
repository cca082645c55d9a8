import { hostDirectory, hostRelativePath } from '../core/config/host-paths.js';
import type { Inputs } from '../core/config/inputs.js';
import { parseSshInputs } from '../ssh/index.js';
import { VERSION } from './common-settings.js';
import { STRATEGIES, STRATEGY_NAMES, type DeploySettings } from './strategies/index.js';
import { parseZeroDowntimeSettings } from './zero-downtime/settings.js';

export { forHost, VERSION, type BaseDeploySettings, type DeployMode, type HealthSettings } from './common-settings.js';
export type { DeploySettings, StrategyName as Strategy } from './strategies/index.js';
export type { ComposeDeploySettings, ComposeSettings } from './strategies/compose.js';
export type { ReleaseDeploySettings, ReleaseSettings } from './strategies/release.js';
export type { ScriptDeploySettings } from './strategies/script.js';
export type { SwarmDeploySettings } from './strategies/swarm.js';

/** Every mode some strategy reads: the SSH ones deploy and rollback; cloudron also install, update and move (it checks its own). */
const EVERY_MODE = ['deploy', 'rollback', 'install', 'update', 'move'] as const;

/**
 * Every deploy input, checked here before any connection: files it names exist
 * on the runner (artifact, stack file), the health URL is a URL, env names are
 * names. `workDir` is where relative local paths start (the workspace). Each
 * strategy reads its own part (strategies/).
 */
export function parseDeploySettings(inputs: Inputs, workDir: string = process.cwd()): DeploySettings {
  const strategy = inputs.choice('strategy', STRATEGY_NAMES, 'compose');
  // A strategy without hosts (cloudron) checks its own modes and needs no SSH input and no app-dir.
  const hostless = (STRATEGIES[strategy] as { withoutHosts?: object }).withoutHosts;
  const mode = hostless
    ? (inputs.choice('mode', EVERY_MODE, 'deploy') === 'rollback' ? 'rollback' : 'deploy')
    : inputs.choice('mode', ['deploy', 'rollback'] as const, 'deploy');
  const ssh = hostless ? { targets: [] } : parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
  const appDir = hostless ? '' : parseAppDir(inputs);
  const relative = (name: string, value: string) => hostRelativePath(inputs, name, value);
  const chosen = STRATEGIES[strategy] as { parse(inputs: Inputs, context: unknown): object; impliedVersion?(part: object): string | undefined };
  const part = chosen.parse(inputs, { mode, workDir, relative });

  // Without hosts, health-url is the strategy's own (cloudron: the app's public URL, `{fqdn}` filled in).
  const healthUrl = hostless ? undefined : parseHealthUrl(inputs);
  const givenVersion = inputs.optional('version');
  // The version is written to the deploy log and the summary and echoed in health checks: one plain word.
  if (givenVersion !== undefined && !VERSION.test(givenVersion)) {
    inputs.fail('version', `is not a version (found '${givenVersion.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or sha-0a1b2c3.');
  }
  const version = givenVersion ?? chosen.impliedVersion?.(part) ?? (mode === 'rollback' ? 'previous' : new Date().toISOString().replace(/[-:]|\.\d+/g, ''));
  const base = {
    ssh, strategy, mode, appDir, version,
    // The deploy env holds the app's secrets: masked whole and in pieces, names checked before connecting.
    env: inputs.keyValues('env', { secret: true, envNames: true }),
    health: { url: healthUrl, expect: inputs.optional('health-expect'), timeoutMs: inputs.duration('health-timeout', 60_000, { min: 1000 }) },
    batchSize: inputs.integer('batch-size', 0, { min: 0, max: 1000 }),
    lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
    // 0 would call every lock stale, so a second deploy would take over one in progress.
    lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000, { min: 1000, timer: false }),
  };
  // An option of the compose strategy; refused with any other.
  const zeroDowntime = parseZeroDowntimeSettings(inputs, strategy, healthUrl);
  // Zero-downtime runs copies under their own project names, beside the user's: their image stays in Slipway's overrides.
  if (zeroDowntime && inputs.optional('image-variable') !== undefined) {
    inputs.fail('image-variable', 'does not work with zero-downtime yet', 'Leave image-variable empty with zero-downtime, or turn zero-downtime off to keep the image in your env file.');
  }
  return { ...base, ...part, ...(zeroDowntime ? { zeroDowntime } : {}) } as DeploySettings;
}

/** Absolute, normalised, no `..`, no shell characters, never `/` itself (releases and locks live under it). */
function parseAppDir(inputs: Inputs): string {
  const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host, e.g. /srv/myapp.');
  return hostDirectory(inputs, 'app-dir', appDir, ['{host}', '{index}']);
}

/** The health URL as the host sees it; `{host}`/`{index}`/`{version}` are filled in later, so they are checked as text. */
function parseHealthUrl(inputs: Inputs): string | undefined {
  const value = inputs.optional('health-url');
  if (value === undefined) return undefined;
  if (/\s/.test(value)) inputs.fail('health-url', 'has spaces or line breaks in it', 'Write the URL on one line, e.g. http://127.0.0.1:8080/api/health.');
  let url: URL | undefined;
  try {
    url = new URL(value.replace(/\{(host|index|version)\}/g, '1'));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    inputs.fail('health-url', `is not an http or https URL (found '${value.slice(0, 80)}')`, 'Write the URL as the host reaches the app, e.g. http://127.0.0.1:8080/api/health.');
  }
  if (url.username || url.password) inputs.fail('health-url', 'has credentials in it', 'Health endpoints are checked without credentials; remove user:password@.');
  return value;
}
