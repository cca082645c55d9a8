import {
  cloudronSummary, parseCloudronSettings, planCloudron, runCloudron, type CloudronResult, type CloudronSettings,
} from '../../cloudron/index.js';
import type { BaseDeploySettings } from '../common-settings.js';
import type { HostOutcome } from '../host-run.js';
import type { Strategy, StrategyReport } from './strategy.js';

export interface CloudronDeploySettings extends BaseDeploySettings {
  strategy: 'cloudron';
  cloudron: CloudronSettings;
}

const noHost = async (): Promise<never> => { throw new Error('the cloudron strategy runs without hosts (withoutHosts.run)'); };

function describeTarget(settings: CloudronSettings): string {
  const app = settings.location ?? (settings.app ? ('id' in settings.app ? settings.app.id : settings.app.fqdn) : '?');
  return `cloudron ${settings.origin.host}: ${app}`;
}

/** A Cloudron run as the fleet reports a host: status, versions, Cloudron's own account in the report. */
export function cloudronHostOutcome(result: CloudronResult): HostOutcome {
  const report: StrategyReport = { strategy: 'cloudron', json: result };
  const status = result.failure
    ? (result.rolledBack ? 'rolled-back' : 'failed')
    : result.mode === 'rollback' ? 'rolled-back' : 'deployed';
  const done = result.mode === 'install' ? `installed at ${result.fqdn}` : result.mode === 'move' ? `moved to ${result.fqdn}` : `${result.fqdn} runs ${result.version}`;
  return {
    host: `cloudron ${result.fqdn}`, status, version: result.version, previous: result.previousVersion ?? '',
    message: result.failure ?? `${done}${result.smoke?.passed ? ', smoke test passed' : ''}`,
    changed: true, durationMs: result.durationMs, reports: [report],
  };
}

/**
 * Cloudron through its REST API with a token (docs/cloudron.md): install side
 * by side, update, rollback by restoring Cloudron's own backup, move. No
 * host, no SSH: `withoutHosts` is what the fleet runs.
 */
export const cloudronStrategy: Strategy<CloudronDeploySettings> = {
  name: 'cloudron',
  parse: (inputs, { workDir }) => ({ cloudron: parseCloudronSettings(inputs, workDir) }),
  impliedVersion: ({ cloudron }) => cloudron.manifest?.version,
  plan: ({ cloudron }) => planCloudron(cloudron),
  deploy: noHost,
  rollback: noHost,
  summarize: (report) => cloudronSummary(report.json as CloudronResult),
  withoutHosts: {
    plan: ({ cloudron }) => planCloudron(cloudron),
    target: ({ cloudron }) => describeTarget(cloudron),
    run: async ({ cloudron }, context) => cloudronHostOutcome(await runCloudron(cloudron, context)),
  },
};
