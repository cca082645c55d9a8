import { createHash } from 'node:crypto';
import { SlipwayError } from '../core/errors.js';
import { secretCreate, secretExists } from './commands.js';
import type { DockerEndpoint } from './endpoint.js';

/**
 * Docker secrets are immutable, so each value gets its own name: the stack,
 * the key and a short hash of the value. A changed value is a new secret and
 * rolls the services that use it; an unchanged one is reused as it is.
 */
export function dockerSecretName(stack: string, key: string, value: string): string {
  const digest = createHash('sha256').update(`${stack}\0${key}\0${value}`).digest('hex').slice(0, 12);
  return `${stack}_${key}_${digest}`;
}

/** Creates the missing ones (value on stdin) and returns key → docker secret name. */
export async function ensureDockerSecrets(endpoint: DockerEndpoint, stack: string, values: Record<string, string>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = dockerSecretName(stack, key, value);
    const exists = await endpoint.docker(secretExists(name), { allowFailure: true });
    if (exists.exitCode !== 0) {
      await endpoint.docker(secretCreate(name, value, { 'slipway.stack': stack, 'slipway.key': key }), { label: `docker secret create ${name} - (value on stdin)` });
    }
    names[key] = name;
  }
  return names;
}

/** `KEY=value` lines for an env file; newlines in a value would start a new variable, so they are refused. */
export function envFileText(values: Record<string, string>): string {
  return Object.entries(values).map(([key, value]) => {
    if (/[\r\n]/.test(value)) throw new SlipwayError(`env ${key}: a value in an env file cannot span lines`, { fix: 'Pass it as a Docker secret instead' });
    return `${key}=${value}\n`;
  }).join('');
}
