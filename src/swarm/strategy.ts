import { formatError, SlipwayError } from '../core/errors.js';
import { Summary } from '../core/summary.js';
import type { ComposeChange } from '../deploy/index.js';
import { waitForHttpHealth } from '../deploy/index.js';
import { RolledBackError, type HostRun } from '../deploy/index.js';
import type { DeploySettings } from '../deploy/index.js';
import { GOOD_OUTCOMES, runSwarm, SWARM_DEFAULTS, type SwarmResult, type SwarmSettings } from './deploy.js';
import { remoteDockerEndpoint, type DockerEndpoint } from './endpoint.js';
import { shortImage } from './engine-state.js';
import { swarmFailure, swarmSummary } from './report.js';

/**
 * `strategy: swarm` of ssh-deploy: the host is a swarm manager, reached on the
 * same SSH session, lock and deploy log as the other strategies; the engine
 * does the rolling update and the rollback, Slipway waits and reports.
 */
export function sessionDockerEndpoint(run: HostRun): DockerEndpoint {
  return remoteDockerEndpoint(
    (words, options) => run.session.exec(words, { stdin: options?.stdin, timeoutMs: options?.timeoutMs, allowFailure: options?.allowFailure, label: options?.label }),
    `manager ${run.session.name}`,
  );
}

function swarmSettingsOf(run: HostRun, mode: SwarmSettings['mode']): SwarmSettings {
  const swarm = run.settings.swarm;
  if (!swarm) throw new SlipwayError('strategy swarm: settings missing (internal)');
  return {
    mode: mode === 'rollback' ? 'rollback' : swarm.service ? 'service' : 'stack',
    stack: swarm.stack, composeFile: swarm.stackFile, service: swarm.service, image: swarm.image,
    parallelism: swarm.parallelism, timeoutMs: swarm.timeoutMs, pollMs: SWARM_DEFAULTS.pollMs,
    secrets: swarm.secrets, env: run.settings.env, prune: false,
  };
}

const firstImage = (result: SwarmResult, which: 'imageBefore' | 'imageAfter'): string => shortImage(result.services.find((s) => s[which])?.[which]);

/**
 * Each host's swarm reports of one deploy, keyed by its settings object (one
 * per run), then by the deploy's result: how the per-service table reaches the
 * job summary without widening the fleet's host outcomes.
 */
const reportsBySettings = new WeakMap<DeploySettings, SwarmResult[]>();
const summariesByResult = new WeakMap<object, Summary>();

/** Remembers one host's swarm report for the deploy that runs with `settings`. */
export function keepSwarmReport(settings: DeploySettings, result: SwarmResult): void {
  reportsBySettings.set(settings, [...(reportsBySettings.get(settings) ?? []), result]);
}

/** Called by the deploy flow once the fleet is done: ties the swarm reports of `settings` to its `result`. */
export function keepSwarmReports<R extends object>(result: R, settings: DeploySettings): R {
  const reports = reportsBySettings.get(settings);
  if (reports?.length) summariesByResult.set(result, reports.reduce((summary, r) => summary.append(swarmSummary(r)), new Summary()));
  return result;
}

/** The per-service tables and filled-in defaults for the job summary (empty for other strategies). */
export function swarmReportSummary(result: object): Summary {
  return summariesByResult.get(result) ?? new Summary();
}

/**
 * A deploy the engine did not finish well: the previous version serves only
 * when no service kept its new version and every rolled-back one runs again.
 */
export function judgeFailedDeploy(result: SwarmResult): { previousServes: boolean; note: string } {
  const updated = result.services.filter((s) => s.outcome === 'updated').map((s) => s.service);
  const bad = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome));
  const previousServes = updated.length === 0 && bad.every((s) => s.outcome === 'rolled-back' && s.running > 0);
  return { previousServes, note: updated.length ? `\nThese services were updated and run their new version: ${updated.join(', ')} (mode rollback puts them back)` : '' };
}

/** What to roll back after a failed health check: the services this deploy changed, apart from those it created. */
export function rollbackPlan(result: SwarmResult): { names: string[]; fresh: string[] } {
  const changed = result.services.filter((s) => s.outcome === 'updated');
  return { names: changed.filter((s) => s.imageBefore).map((s) => s.service), fresh: changed.filter((s) => !s.imageBefore).map((s) => s.service) };
}

export async function swarmDeploy(run: HostRun): Promise<ComposeChange> {
  const endpoint = sessionDockerEndpoint(run);
  const result = await runSwarm(swarmSettingsOf(run, 'stack'), endpoint, run.log);
  keepSwarmReport(run.settings, result);
  const previous = firstImage(result, 'imageBefore');
  const failure = swarmFailure(result);
  if (failure) {
    const verdict = judgeFailedDeploy(result);
    if (verdict.previousServes) throw new RolledBackError(run.session.name, failure, `the previous version (${previous})`);
    throw new SlipwayError(`${run.session.name}: ${failure}${verdict.note}`);
  }
  // The same HTTP health gate as the other strategies, when health-url is set.
  const { health, version } = run.settings;
  const verdict = await waitForHttpHealth(run.session, health, version, run.log, Date.now() + health.timeoutMs);
  if (verdict.healthy) return { version, previous, changed: true };
  return rollBackUnhealthy(run, endpoint, result, verdict.detail);
}

/** The health check failed after the engine converged: roll back what this deploy changed, and say what serves. */
async function rollBackUnhealthy(run: HostRun, endpoint: DockerEndpoint, deployed: SwarmResult, detail: string): Promise<never> {
  const reason = `the new version failed its health check (${detail})`;
  const { names, fresh } = rollbackPlan(deployed);
  const freshNote = fresh.length ? `; new in this deploy, so nothing to roll back to: ${fresh.join(', ')} (still running the new version)` : '';
  if (names.length === 0) throw new SlipwayError(`${run.session.name}: ${reason}${freshNote || '; no service changed, so there is nothing to roll back'}`);
  run.log.warn(`${run.session.name}: ${detail}; rolling back ${names.join(', ')} with the engine`);
  let back: SwarmResult;
  try {
    back = await runSwarm({ ...swarmSettingsOf(run, 'rollback'), services: names }, endpoint, run.log);
  } catch (error) {
    throw new SlipwayError(`${run.session.name}: ${reason}; the engine rollback could not run (${formatError(error)}), so the new version is still running${freshNote}`);
  }
  keepSwarmReport(run.settings, back);
  const failure = swarmFailure(back);
  const notRunning = back.services.filter((s) => s.running === 0).map((s) => s.service);
  if (failure || notRunning.length) {
    throw new SlipwayError(`${run.session.name}: ${reason}; the rollback did not bring the previous version back: ${failure ?? `nothing running for ${notRunning.join(', ')}`}${freshNote}`);
  }
  if (fresh.length) throw new SlipwayError(`${run.session.name}: ${reason}; rolled back ${names.join(', ')} to ${firstImage(back, 'imageAfter')}${freshNote}`);
  throw new RolledBackError(run.session.name, reason, `the previous version (${firstImage(back, 'imageAfter')})`);
}

export async function swarmRollback(run: HostRun): Promise<ComposeChange> {
  const result = await runSwarm(swarmSettingsOf(run, 'rollback'), sessionDockerEndpoint(run), run.log);
  keepSwarmReport(run.settings, result);
  const failure = swarmFailure(result);
  if (failure) throw new SlipwayError(`${run.session.name}: ${failure}`);
  return { version: firstImage(result, 'imageAfter'), previous: firstImage(result, 'imageBefore'), changed: true };
}
