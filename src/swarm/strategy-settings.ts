import type { Inputs } from '../core/config/inputs.js';
import { registerSecret } from '../core/secrets.js';
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

export function parseSwarmStrategy(inputs: Inputs): SwarmStrategySettings {
  const stack = inputs.required('stack', 'Set stack to the swarm stack name (services are named <stack>_<service>).');
  if (!NAME.test(stack)) inputs.fail('stack', `is not a stack name (found '${stack}', expected letters, digits, _ . -)`);
  const service = inputs.optional('swarm-service');
  if (service !== undefined && !NAME.test(service)) inputs.fail('swarm-service', `is not a service name (found '${service}')`);
  const image = inputs.optional('image');
  if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
  if (service && !image) inputs.fail('image', 'is required to update one swarm service', 'Set image to the digest push-image returned (repo@sha256:…).');
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs.keyValues('swarm-secrets'))) {
    if (!NAME.test(key)) inputs.fail('swarm-secrets', `has a key that is not a secret name (found '${key}')`);
    // Masked before anything runs; the values only ever travel on stdin.
    registerSecret(value);
    secrets[key] = value;
  }
  return {
    stack, service, image,
    stackFile: inputs.string('stack-file', 'docker-compose.yml'),
    parallelism: inputs.integer('parallelism', SWARM_DEFAULTS.parallelism, { min: 1 }),
    timeoutMs: inputs.duration('swarm-timeout', SWARM_DEFAULTS.timeoutMs),
    secrets,
  };
}
