import { Summary } from '../core/summary.js';
import { formatBytes } from '../image/index.js';
import { smokeSummary } from '../smoke/index.js';
import { strategyReportsSummary, type HostOutcome } from '../deploy/index.js';
import { planSummary } from './plan.js';
import type { PipelineResult } from './run.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const STATUS = { ok: '✅ ok', failed: '❌ failed', skipped: '➖ skipped' } as const;

const HEADLINE: Record<PipelineResult['outcome'], string> = {
  deployed: 'deployed',
  'rolled-back': 'failed and rolled back',
  failed: 'failed',
  planned: 'planned',
};

/** The whole story in one summary: image, digest, hosts with versions before and after, checks, timings. */
export function pipelineSummary(result: PipelineResult): Summary {
  if (result.plan) return planSummary(result.plan);
  const summary = new Summary().heading(`Deploy pipeline: ${result.version || 'version unknown'} ${HEADLINE[result.outcome]} (${seconds(result.durationMs)})`);
  summary.table(['step', 'result', 'time', 'detail'], result.steps.map((s) => [s.step, STATUS[s.status], s.status === 'skipped' ? '-' : seconds(s.durationMs), s.detail]));
  if (result.build || result.imageRef) {
    summary.table(['image', 'digest', 'size', 'tags'], [[
      result.imageRef ?? result.build?.tags[0] ?? '', result.push ? `\`${result.push.digest}\`` : '-',
      result.build ? formatBytes(result.build.sizeBytes) : '-', result.build?.tags.map((tag) => tag.split(':').pop()).join(', ') ?? '-',
    ]]);
  }
  if (result.deploy) {
    summary.table(['host', 'before', 'after', 'status', 'detail'], result.deploy.hosts.map((host) => {
      const back = result.rollback?.hosts.find((h) => h.host === host.host);
      const row = beforeAfter(result, host);
      const after = back && back.status !== 'rolled-back' ? `${host.version} (rollback ${back.status})` : row.after;
      return [host.host, row.before || '-', after || '-', back ? `rolled back after the smoke test (${back.status})` : host.status, back?.message ?? host.message];
    }));
    // The strategies' own blocks: with swarm, the per-service table says what the engine did.
    summary.append(strategyReportsSummary(result.deploy.hosts));
  }
  if (result.rollback) summary.append(strategyReportsSummary(result.rollback.hosts));
  if (result.smoke) summary.append(smokeSummary(result.smoke));
  if (result.failure) summary.text(`**Failure:** ${result.failure}`);
  return summary;
}

/**
 * One host's versions before and after the run. A host that deploy itself put back (its own health
 * check failed, or its batch did) serves what it served before: its outcome's version; the outcome's
 * `previous` is then the version that failed.
 */
function beforeAfter(result: PipelineResult, host: HostOutcome): { before: string; after: string } {
  const back = result.rollback?.hosts.find((h) => h.host === host.host);
  if (result.mode !== 'rollback' && (host.status === 'rolled-back' || host.status === 'reverted')) return { before: host.version, after: host.version };
  const after = back?.status === 'rolled-back' ? back.version : host.status === 'deployed' || host.status === 'rolled-back' ? host.version : '';
  return { before: host.previous, after };
}

/**
 * After any rollback (deploy's own after a failed health check, the smoke test's, or mode: rollback):
 * `version` is what serves now and `previous-version` the version that failed (or was left).
 */
export function servingVersions(result: PipelineResult): { version: string; previous: string; rolledBack: boolean } {
  const back = result.rollback?.hosts.some((host) => host.status === 'rolled-back');
  if (back && result.rollback) return { version: result.rollback.version, previous: result.version, rolledBack: true };
  const deploy = result.deploy;
  if (deploy?.rolledBack) return { version: deploy.version, previous: deploy.previousVersion, rolledBack: true };
  return { version: result.version, previous: deploy?.previousVersion ?? '', rolledBack: result.outcome === 'rolled-back' };
}

export function pipelineOutputs(result: PipelineResult): Record<string, string> {
  const serving = servingVersions(result);
  return {
    outcome: result.outcome,
    version: serving.version,
    'image-ref': result.imageRef ?? '',
    digest: result.push?.digest ?? '',
    tags: result.build?.tags.join('\n') ?? '',
    'previous-version': serving.previous,
    hosts: JSON.stringify((result.deploy?.hosts ?? []).map((host) => {
      const back = result.rollback?.hosts.find((h) => h.host === host.host);
      const row = beforeAfter(result, host);
      return { host: host.host, before: row.before, after: row.after || host.version, status: back ? 'rolled-back' : host.status };
    })),
    'rolled-back': String(serving.rolledBack),
    'smoke-passed': result.smoke ? String(result.smoke.passed) : '',
    'duration-ms': String(result.durationMs),
  };
}

export function pipelineFailure(result: PipelineResult): string | undefined {
  if (result.outcome === 'deployed' || result.outcome === 'planned') return undefined;
  return result.failure ?? 'the pipeline failed';
}
