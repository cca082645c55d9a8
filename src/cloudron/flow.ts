import type { FlowDefinition } from '../core/context.js';
import { Summary } from '../core/summary.js';
import { smokeSummary } from '../smoke/index.js';
import { runCloudron, type CloudronResult } from './deploy.js';
import { parseCloudronSettings, type CloudronSettings } from './settings.js';

export function cloudronOutputs(result: CloudronResult): Record<string, string> {
  return {
    version: result.version,
    'previous-version': result.previousVersion ?? '',
    'app-id': result.appId,
    url: result.url,
    'backup-id': result.backupId ?? '',
    'rolled-back': String(result.rolledBack),
  };
}

export function cloudronSummary(result: CloudronResult): Summary {
  const summary = new Summary()
    .heading(`Cloudron ${result.mode} ${result.failure ? 'failed' : 'done'}: ${result.fqdn}`)
    .table(['app', 'version', 'previous', 'backup', 'rolled back', 'time'], [[
      `${result.fqdn} (${result.appId})`, result.version, result.previousVersion ?? '—', result.backupId ?? '—', result.rolledBack ? 'yes' : 'no',
      `${(result.durationMs / 1000).toFixed(1)} s`,
    ]])
    .list(result.checks.map((check) => `✓ ${check}`));
  if (result.tasks.length > 0) {
    summary.table(['Cloudron task', 'id', 'time'], result.tasks.map((task) => [task.what, task.taskId, `${(task.durationMs / 1000).toFixed(1)} s`]));
  }
  if (result.smoke) summary.append(smokeSummary(result.smoke));
  if (result.failure) summary.text(result.failure);
  return summary;
}

/** The Cloudron target on its own (`strategy: cloudron` maps onto it): REST API with a token, no SSH. */
export const cloudronFlow: FlowDefinition<CloudronSettings, CloudronResult> = {
  command: 'cloudron',
  action: 'ssh-deploy',
  describe: 'Install, update, roll back or move an app on Cloudron through its REST API (token, no SSH), then smoke-test it',
  parse: (inputs, context) => parseCloudronSettings(inputs, context.workDir),
  run: runCloudron,
  outputs: cloudronOutputs,
  summary: cloudronSummary,
  failure: (result) => result.failure,
  // Its waits watch context.signal; nothing is left on disk (the token is only ever in memory).
  handlesCancel: true,
};
