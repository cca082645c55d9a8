import type { Inputs } from '../core/config/inputs.js';
import { SWARM_DEFAULTS } from './deploy.js';

/** The `strategy: swarm` part of ssh-deploy's settings. */
export interface SwarmStrategySettings {
  stack: string;
  /** Local path of the stack file; uploaded to the manager for `docker stack deploy`. */
  stackFile: string;
  /** Update one service's image instead of deploying the stack. */
  service?: string;
  image?: string;
  parallelism: number;
  timeoutMs: number;
  /** compose `secrets:` key → value, created as Docker secrets from stdin. */
  secrets: Record<string, string>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parseSwarmStrategy(inputs: Inputs, workDir: string = process.cwd()): SwarmStrategySettings {
  const stack = inputs.required('stack', 'Set stack to the swarm stack name (services are named <stack>_<service>).');
  if (!NAME.test(stack)) inputs.fail('stack', `is not a stack name (found '${stack}', expected letters, digits, _ . -)`);
  const service = inputs.optional('swarm-service');
  if (service !== undefined && !NAME.test(service)) inputs.fail('swarm-service', `is not a service name (found '${service}')`);
  const image = inputs.optional('image');
  if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
  if (service && !image) inputs.fail('image', 'is required to update one swarm service', 'Set image to the digest push-image returned (repo@sha256:…).');
  const stackMode = !service && inputs.choice('mode', ['deploy', 'rollback'] as const, 'deploy') === 'deploy';
  const secrets: Record<string, string> = {};
  // Masked before anything runs (whole and in pieces); the values only ever travel on stdin.
  for (const [key, value] of Object.entries(inputs.keyValues('swarm-secrets', { secret: true }))) {
    if (!NAME.test(key)) inputs.fail('swarm-secrets', `has a key that is not a secret name (found '${key}')`);
    secrets[key] = value;
  }
  return {
    stack, service, image,
    // Read on the runner before connecting: a missing stack file fails here, not after the lock.
    stackFile: inputs.localPath('stack-file', workDir, { mustExist: stackMode ? 'file' : undefined, fallback: 'docker-compose.yml' }) ?? 'docker-compose.yml',
    parallelism: inputs.integer('parallelism', SWARM_DEFAULTS.parallelism, { min: 1, max: 100 }),
    timeoutMs: inputs.duration('swarm-timeout', SWARM_DEFAULTS.timeoutMs, { min: 1000 }),
    secrets,
  };
}
