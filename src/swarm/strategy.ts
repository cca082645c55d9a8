import { SlipwayError } from '../core/errors.js';
import type { ComposeChange } from '../deploy/compose.js';
import { waitForHttpHealth } from '../deploy/health.js';
import { RolledBackError, type HostRun } from '../deploy/host-run.js';
import { runSwarm, SWARM_DEFAULTS, type SwarmResult, type SwarmSettings } from './deploy.js';
import { remoteDockerEndpoint, type DockerEndpoint } from './endpoint.js';
import { shortImage } from './engine-state.js';
import { swarmFailure } from './report.js';

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

export async function swarmDeploy(run: HostRun): Promise<ComposeChange> {
  const endpoint = sessionDockerEndpoint(run);
  const result = await runSwarm(swarmSettingsOf(run, 'stack'), endpoint, run.log);
  const previous = firstImage(result, 'imageBefore');
  const failure = swarmFailure(result);
  if (failure) {
    const rolledBack = result.services.every((s) => s.outcome === 'rolled-back' || s.outcome === 'updated' || s.outcome === 'unchanged');
    if (rolledBack) throw new RolledBackError(run.session.name, failure, `the previous version (${previous})`);
    throw new SlipwayError(`${run.session.name}: ${failure}`);
  }
  // The same HTTP health gate as the other strategies, when health-url is set.
  const { health, version } = run.settings;
  const verdict = await waitForHttpHealth(run.session, health, version, run.log, Date.now() + health.timeoutMs);
  if (!verdict.healthy) {
    run.log.warn(`${run.session.name}: ${verdict.detail}; rolling the stack back with the engine`);
    await runSwarm({ ...swarmSettingsOf(run, 'rollback'), service: run.settings.swarm?.service }, endpoint, run.log);
    throw new RolledBackError(run.session.name, `the new version failed its health check (${verdict.detail})`, `the previous version (${previous})`);
  }
  return { version, previous, changed: true };
}

export async function swarmRollback(run: HostRun): Promise<ComposeChange> {
  const result = await runSwarm(swarmSettingsOf(run, 'rollback'), sessionDockerEndpoint(run), run.log);
  const failure = swarmFailure(result);
  if (failure) throw new SlipwayError(`${run.session.name}: ${failure}`);
  return { version: firstImage(result, 'imageAfter'), previous: firstImage(result, 'imageBefore'), changed: true };
}
