import { shellJoin } from '../../core/command.js';
import { formatError, SlipwayError } from '../../core/errors.js';
import {
  GOOD_OUTCOMES, parseSwarmStrategy, remoteDockerEndpoint, runSwarm, serviceUpdateImage, shortImage, stackDeploy, SWARM_DEFAULTS,
  swarmFailure, swarmSummary, type DockerEndpoint, type SwarmResult, type SwarmSettings, type SwarmStrategySettings,
} from '../../swarm/index.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { waitForHttpHealth } from '../health.js';
import { RolledBackError, type HostRun } from '../host-run.js';
import { withReports, type Strategy, type StrategyOutcome, type StrategyReport } from './strategy.js';

export interface SwarmDeploySettings extends BaseDeploySettings {
  strategy: 'swarm';
  /** The host is a swarm manager (src/swarm). */
  swarm: SwarmStrategySettings;
}

type SwarmRun = HostRun<SwarmDeploySettings>;

/** The swarm engine's docker, on the host's one SSH session. */
export function sessionDockerEndpoint(run: HostRun): DockerEndpoint {
  return remoteDockerEndpoint(
    (words, options) => run.session.exec(words, { stdin: options?.stdin, timeoutMs: options?.timeoutMs, allowFailure: options?.allowFailure, label: options?.label }),
    `manager ${run.session.name}`,
  );
}

function swarmSettingsOf(run: SwarmRun, mode: SwarmSettings['mode']): SwarmSettings {
  const { swarm } = run.settings;
  return {
    mode: mode === 'rollback' ? 'rollback' : swarm.service ? 'service' : 'stack',
    stack: swarm.stack, composeFile: swarm.stackFile, service: swarm.service, image: swarm.image,
    parallelism: swarm.parallelism, timeoutMs: swarm.timeoutMs, pollMs: SWARM_DEFAULTS.pollMs,
    secrets: swarm.secrets, env: run.settings.env, prune: false,
  };
}

const firstImage = (result: SwarmResult, which: 'imageBefore' | 'imageAfter'): string => shortImage(result.services.find((s) => s[which])?.[which]);
const reportOf = (result: SwarmResult): StrategyReport => ({ strategy: 'swarm', json: result });

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

async function swarmDeploy(run: SwarmRun): Promise<StrategyOutcome> {
  const endpoint = sessionDockerEndpoint(run);
  const result = await runSwarm(swarmSettingsOf(run, 'stack'), endpoint, run.log, { signal: run.signal });
  const reports = [reportOf(result)];
  const previous = firstImage(result, 'imageBefore');
  const failure = swarmFailure(result);
  if (failure) {
    const verdict = judgeFailedDeploy(result);
    if (verdict.previousServes) throw withReports(new RolledBackError(run.session.name, failure, `the previous version (${previous})`), reports);
    throw withReports(new SlipwayError(`${run.session.name}: ${failure}${verdict.note}`), reports);
  }
  // The same HTTP health gate as the other strategies, when health-url is set.
  const { health, version } = run.settings;
  // A cancel ends the wait as a failed check: what this deploy changed is rolled back below.
  const verdict = await waitForHttpHealth(run.session, health, version, run.log, Date.now() + health.timeoutMs, run.signal);
  if (verdict.healthy) return { version, previous, changed: true, reports };
  try {
    return await rollBackUnhealthy(run, endpoint, result, verdict.detail, reports);
  } catch (error) {
    throw withReports(error, reports);
  }
}

/** The health check failed after the engine converged: roll back what this deploy changed, and say what serves. */
async function rollBackUnhealthy(run: SwarmRun, endpoint: DockerEndpoint, deployed: SwarmResult, detail: string, reports: StrategyReport[]): Promise<never> {
  const reason = `the new version failed its health check (${detail})`;
  const { names, fresh } = rollbackPlan(deployed);
  const freshNote = fresh.length ? `; new in this deploy, so nothing to roll back to: ${fresh.join(', ')} (still running the new version)` : '';
  if (names.length === 0) throw new SlipwayError(`${run.session.name}: ${reason}${freshNote || '; no service changed, so there is nothing to roll back'}`);
  run.log.warn(`${run.session.name}: ${detail}; rolling back ${names.join(', ')} with the engine`);
  let back: SwarmResult;
  try {
    back = await runSwarm({ ...swarmSettingsOf(run, 'rollback'), services: names }, endpoint, run.log, { signal: run.signal });
  } catch (error) {
    throw new SlipwayError(`${run.session.name}: ${reason}; the engine rollback could not run (${formatError(error)}), so the new version is still running${freshNote}`);
  }
  reports.push(reportOf(back));
  const failure = swarmFailure(back);
  const notRunning = back.services.filter((s) => s.running === 0).map((s) => s.service);
  if (failure || notRunning.length) {
    throw new SlipwayError(`${run.session.name}: ${reason}; the rollback did not bring the previous version back: ${failure ?? `nothing running for ${notRunning.join(', ')}`}${freshNote}`);
  }
  if (fresh.length) throw new SlipwayError(`${run.session.name}: ${reason}; rolled back ${names.join(', ')} to ${firstImage(back, 'imageAfter')}${freshNote}`);
  throw new RolledBackError(run.session.name, reason, `the previous version (${firstImage(back, 'imageAfter')})`);
}

async function swarmRollback(run: SwarmRun): Promise<StrategyOutcome> {
  const result = await runSwarm(swarmSettingsOf(run, 'rollback'), sessionDockerEndpoint(run), run.log, { signal: run.signal });
  const reports = [reportOf(result)];
  const failure = swarmFailure(result);
  if (failure) throw withReports(new SlipwayError(`${run.session.name}: ${failure}`), reports);
  return { version: firstImage(result, 'imageAfter'), previous: firstImage(result, 'imageBefore'), changed: true, reports };
}

/**
 * The host is a swarm manager, reached on the same SSH session, lock and deploy
 * log as the other strategies; the engine does the rolling update and the
 * rollback, Slipway waits and reports (per service, in the summary and --json).
 */
export const swarmStrategy: Strategy<SwarmDeploySettings> = {
  name: 'swarm',
  parse: (inputs, { workDir }) => ({ swarm: parseSwarmStrategy(inputs, workDir) }),
  plan: ({ swarm, mode }, { planned }) => {
    const wait = `wait up to ${Math.round(swarm.timeoutMs / 1000)} s for every service to converge`;
    if (mode === 'rollback') return [`docker service rollback --detach=true ${swarm.service ?? `<each service of stack ${swarm.stack}>`}`, wait];
    if (swarm.service) {
      return [
        planned(shellJoin(['docker', ...serviceUpdateImage(swarm.service, swarm.image ?? '').args])),
        `${wait} (parallelism ${swarm.parallelism}, the engine rolls back a failed update)`,
      ];
    }
    // Both files are staged in a private directory on the manager, named only at run time.
    const files = [`<staged copy of ${swarm.stackFile}>`, '<staged slipway.override.yml>'];
    return [`upload ${swarm.stackFile} to the manager`, ['docker', ...stackDeploy(swarm.stack, files).args].join(' '), wait];
  },
  deploy: swarmDeploy,
  rollback: swarmRollback,
  summarize: (report) => swarmSummary(report.json as SwarmResult),
};
