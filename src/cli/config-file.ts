import fs from 'node:fs';
import YAML from 'yaml';
import { InputError } from '../core/errors.js';

/**
 * `slipway.yml`: one section per command (`build:`, `push:`, `deploy:` …) plus
 * `defaults:` shared by all. Keys are the action inputs' names. Secrets are not
 * written in the file: `${env:NAME}` reads them from the environment.
 */
export type ConfigSection = Record<string, string>;

export function loadConfigFile(path: string, required: boolean): Record<string, ConfigSection> {
  if (!fs.existsSync(path)) {
    if (required) throw new InputError(`--config`, `file ${path} does not exist`, 'Pass the path of your slipway.yml, or leave --config out.');
    return {};
  }
  let document: unknown;
  try {
    document = YAML.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(path, `is not valid YAML (${message})`, 'Fix the line it names.');
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError(path, 'must be a mapping of sections (build:, push:, deploy: …)');
  }
  const sections: Record<string, ConfigSection> = {};
  for (const [section, body] of Object.entries(document as Record<string, unknown>)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new InputError(`${path}: ${section}`, 'must be a mapping of input names to values');
    }
    sections[section] = {};
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      sections[section][key] = stringifyValue(value);
    }
  }
  return sections;
}

/** Lists and maps become the multi-line strings an action input would carry. */
function stringifyValue(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) return value.map(String).join('\n');
    return YAML.stringify(value);
  }
  if (value !== null && typeof value === 'object') return YAML.stringify(value);
  return value === null || value === undefined ? '' : String(value);
}

/** `${env:NAME}` → the variable's value; a missing variable is an error naming it. */
export function expandEnv(value: string, where: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const found = env[name];
    if (found === undefined) throw new InputError(where, `refers to \${env:${name}} but ${name} is not set`, `Export ${name} before running slipway.`);
    return found;
  });
}
