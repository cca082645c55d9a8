import { Summary } from '../../core/summary.js';
import type { HostOutcome } from '../host-run.js';
import { cloudronStrategy } from './cloudron.js';
import { hostPathsOf } from '../host-state.js';
import { composeStrategy } from './compose.js';
import { releaseStrategy } from './release.js';
import { scriptStrategy } from './script.js';
import type { SettingsOf, Strategy } from './strategy.js';
import { swarmStrategy } from './swarm.js';
import { zeroDowntimeStrategy } from './zero-downtime.js';

/**
 * Every deploy strategy, by the value of the `strategy` input.
 *
 * To add one: write `strategies/<name>.ts` exporting `<name>Strategy: Strategy<<Name>DeploySettings>`
 * (its settings interface extends BaseDeploySettings with `strategy: '<name>'` and its own part;
 * `parse` reads its inputs, `plan` lists what it runs, `deploy`/`rollback` return a StrategyOutcome),
 * then add one line here. The `strategy` input's choices, the DeploySettings union, the fleet and
 * the dry run all follow from this table; its inputs go in the action's action.yml and the CLI's
 * flag table like any other input.
 */
export const STRATEGIES = {
  compose: composeStrategy,
  release: releaseStrategy,
  script: scriptStrategy,
  swarm: swarmStrategy,
  cloudron: cloudronStrategy,
} as const;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

/** ssh-deploy's settings: what every strategy shares, plus the part of the one chosen (a union on `strategy`). */
export type DeploySettings = SettingsOf<(typeof STRATEGIES)[StrategyName]>;

/** The strategy that runs `settings` (compose with the zero-downtime option is a strategy of its own). */
export function strategyFor(settings: DeploySettings): Strategy<DeploySettings> {
  if (settings.strategy === 'compose' && settings.zeroDowntime) return zeroDowntimeStrategy as unknown as Strategy<DeploySettings>;
  // The table pairs each name with the strategy of those settings.
  return STRATEGIES[settings.strategy] as unknown as Strategy<DeploySettings>;
}

/** The strategies' own summary blocks for the hosts' reports (swarm: the per-service tables), in host order. */
/** The lock and deploy-log paths on one host: the release strategy's `lock-file`/`deploy-log`, else Slipway's own. */
export function hostPathsFor(settings: DeploySettings, appDir: string): ReturnType<typeof hostPathsOf> {
  return hostPathsOf(appDir, settings.strategy === 'release' ? settings.release : {});
}

export function strategyReportsSummary(hosts: HostOutcome[]): Summary {
  const summary = new Summary();
  for (const report of hosts.flatMap((host) => host.reports ?? [])) {
    const strategy = STRATEGIES[report.strategy as StrategyName] as unknown as Strategy | undefined;
    if (strategy?.summarize) summary.append(strategy.summarize(report));
  }
  return summary;
}

export type { Strategy, StrategyOutcome, StrategyReport, PlanHost, HostlessRun } from './strategy.js';
