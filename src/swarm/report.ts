import { Summary } from '../core/summary.js';
import type { ServiceReport } from './converge.js';
import { GOOD_OUTCOMES, type SwarmResult } from './deploy.js';
import { humanDuration } from './duration.js';
import { shortImage } from './engine-state.js';

const replicas = (r: ServiceReport): string => `${r.running}/${r.desired === 'global' ? 'global' : r.desired}`;

/** One sentence per service that did not end well: which, why, and what serves now. */
export function describeProblem(report: ServiceReport): string {
  const why = report.why ? `${report.why}${report.taskError && report.taskError !== report.why ? ` — engine: ${report.taskError}` : ''}` : 'no reason given by the engine';
  const serving = report.running > 0
    ? `${shortImage(report.imageAfter)} is serving (${replicas(report)} running)`
    : `nothing is running (${replicas(report)})`;
  switch (report.outcome) {
    case 'rolled-back':
      return `${report.service}: the update${report.imageAttempted ? ` to ${shortImage(report.imageAttempted)}` : ''} was rolled back: ${why}. The previous version ${serving}`;
    case 'paused':
      return `${report.service}: the update is paused: ${why}. ${serving}. Roll back with \`docker service rollback ${report.service}\` (mode rollback) or fix and deploy again`;
    case 'failed':
      return `${report.service}: its tasks keep failing: ${why}. ${serving}`;
    case 'timed-out':
      return `${report.service}: not converged within the timeout (state ${report.updateState ?? 'unknown'}): ${why}. The engine carries on; now ${serving}`;
    default:
      return `${report.service}: ${report.outcome}`;
  }
}

export function swarmFailure(result: SwarmResult): string | undefined {
  const bad = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome));
  return bad.length ? bad.map(describeProblem).join('\n') : undefined;
}

export function swarmSummary(result: SwarmResult): Summary {
  const summary = new Summary().heading(`Swarm ${result.mode === 'rollback' ? 'rollback' : 'deploy'}: stack ${result.stack}`);
  summary.text(`On ${result.endpoint}, ${humanDuration(result.durationMs)}.`);
  summary.table(
    ['Service', 'Outcome', 'Image before', 'Image after', 'Running', 'Error'],
    result.services.map((r) => [r.service, r.outcome, shortImage(r.imageBefore), shortImage(r.imageAfter), replicas(r), r.taskError ? `${r.why}: ${r.taskError}` : (r.why ?? '')]),
  );
  const problems = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome)).map(describeProblem);
  if (problems.length) summary.list(problems);
  if (result.filled.length) {
    summary.text('Update policy defaults Slipway filled in (your compose file gave none; it was not changed):');
    summary.list(result.filled.map((f) => `${f.service}: \`${f.setting}: ${f.value}\` — ${f.why}`));
  }
  return summary;
}

export function swarmOutputs(result: SwarmResult): Record<string, string> {
  return {
    'swarm-services': JSON.stringify(result.services),
    'swarm-outcome': swarmFailure(result) ? 'failed' : 'converged',
  };
}
