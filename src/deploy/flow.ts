import type { FlowDefinition } from '../core/context.js';
import { Summary } from '../core/summary.js';
import { deployFleet, type DeployResult } from './fleet.js';
import { parseDeploySettings, type DeploySettings } from './settings.js';
import { strategyReportsSummary } from './strategies/index.js';

/** `slipway deploy` and `actions/ssh-deploy`: compose, release or script, to one host or a fleet. */
export const deployFlow: FlowDefinition<DeploySettings, DeployResult> = {
  command: 'deploy',
  action: 'ssh-deploy',
  describe: 'Deploy over SSH to one host or a fleet (compose, atomic releases, scripts) with locks and automatic rollback',
  parse: (inputs, context) => parseDeploySettings(inputs, context.workDir),
  run: (settings, context) => deployFleet(settings, context),
  outputs: (result) => ({
    version: result.version,
    'previous-version': result.previousVersion,
    hosts: JSON.stringify(result.hosts.map(({ host, status, version, previous, message }) => ({ host, status, version, previous, message }))),
    'rolled-back': String(result.rolledBack),
  }),
  summary: (result) => new Summary()
    .heading(`${result.mode === 'rollback' ? 'Rollback' : 'Deploy'} (${result.strategy}): ${result.cancelled ? 'cancelled' : result.ok ? 'ok' : 'failed'}`)
    .table(['host', 'result', 'version', 'previous', 'time', 'detail'], result.hosts.map((o) => [
      o.host, o.status, o.version, o.previous || '-', o.status === 'not-started' ? '-' : `${(o.durationMs / 1000).toFixed(1)} s`, o.message,
    ]))
    // The strategies' own blocks (swarm: the per-service report and filled-in defaults).
    .append(strategyReportsSummary(result.hosts)),
  // Watches context.signal: on a cancel no new step starts and each host ends whole (docs/cancel.md).
  handlesCancel: true,
  failure: (result) => {
    if (result.cancelled) {
      const hosts = result.hosts.map((o) => `${o.host}: ${o.status === 'not-started' ? 'not started (unchanged)' : `${o.status}: ${o.message}`}`);
      return `cancelled: no new step was started after the cancel; where each host stands:\n${hosts.join('\n')}`;
    }
    if (result.ok) return undefined;
    const bad = result.hosts.filter((o) => o.status !== 'deployed' && o.status !== 'not-started' && !(result.mode === 'rollback' && o.status === 'rolled-back'));
    return bad.map((o) => `${o.host}: ${o.status}: ${o.message}`).join('\n') || 'deploy failed';
  },
};
