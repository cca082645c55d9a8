import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { renderText } from '../core/summary.js';
import { runSwarm, SWARM_DEFAULTS } from './deploy.js';
import { localDockerEndpoint } from './endpoint.js';
import { swarmFailure, swarmSummary } from './report.js';

/**
 * The swarm step of `npm run demo`: deploys a stack file to a swarm manager
 * reached at `dockerHost` (the demo starts one in a network namespace, as the
 * tests do) and prints the per-service report and the defaults it filled in.
 */
export async function demoSwarm(log: Logger, options: { runner: Runner; dockerHost: string; stackFile: string; secrets?: Record<string, string> }): Promise<boolean> {
  const endpoint = localDockerEndpoint(options.runner, options.dockerHost);
  const base = { stack: 'demo', composeFile: options.stackFile, parallelism: 1, timeoutMs: 120_000, pollMs: SWARM_DEFAULTS.pollMs, secrets: options.secrets ?? {}, env: {}, prune: false };
  const deployed = await runSwarm({ ...base, mode: 'stack' }, endpoint, log);
  log.info(renderText(swarmSummary(deployed)));
  const failure = swarmFailure(deployed);
  if (failure) {
    log.error(failure);
    return false;
  }
  return true;
}
