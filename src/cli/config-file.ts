import fs from 'node:fs';
import path from 'node:path';
import YAML, { LineCounter } from 'yaml';
import { InputError } from '../core/errors.js';

/**
 * `slipway.yml`: one section per command (`build:`, `push:`, `deploy:` …) plus
 * `defaults:` shared by all. Keys are the action inputs' names. Secrets are not
 * written in the file: `${env:NAME}` reads them from the environment.
 * schema/slipway.schema.json describes it for editors.
 */
export type ConfigSection = Record<string, string>;

export interface ConfigFile {
  sections: Record<string, ConfigSection>;
  /** `slipway.yml:12` for a section's key (or the section itself), for messages. */
  where(section: string, key?: string): string;
}

export function loadConfigFile(file: string, required: boolean): Record<string, ConfigSection> {
  return loadConfig(file, required).sections;
}

/**
 * Reads the file with every key's line, so an error says `slipway.yml:12`.
 * Errors never quote a value (one may be a secret): they name the line, the key and the fix.
 */
export function loadConfig(file: string, required: boolean): ConfigFile {
  const name = path.basename(file);
  if (!fs.existsSync(file)) {
    if (required) throw new InputError(`--config`, `file ${file} does not exist`, 'Pass the path of your slipway.yml, or leave --config out.');
    return { sections: {}, where: (section, key) => `${name}: ${key ? `${section}.${key}` : section}` };
  }
  const lineCounter = new LineCounter();
  const document = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter });
  const lineAt = (offset: number | undefined) => (offset === undefined ? '' : `:${lineCounter.linePos(offset).line}`);
  const first = document.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    // The message's first line without its position; the code frame that follows would quote the line.
    const problem = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.code;
    throw new InputError(`${name}${at ? `:${at.line}:${at.col}` : ''}`, `is not valid YAML (${problem})`, 'Fix that line.');
  }
  const lines: Record<string, { line: string; keys: Record<string, string> }> = {};
  const where = (section: string, key?: string) => {
    const found = key ? lines[section]?.keys[key] : lines[section]?.line;
    return `${name}${found ?? ''}${key ? ` (${section}.${key})` : ` (${section})`}`;
  };
  const root = document.contents;
  if (root === null || (YAML.isScalar(root) && (root.value === null || root.value === undefined))) return { sections: {}, where };
  if (!YAML.isMap(root)) throw new InputError(`${name}${lineAt(root.range?.[0])}`, 'must be a mapping of sections (build:, push:, deploy: …)', 'Start each section at the beginning of a line: deploy:, then its inputs indented.');
  const values = document.toJS() as Record<string, Record<string, unknown> | null>;
  const sections: Record<string, ConfigSection> = {};
  for (const pair of root.items) {
    const section = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
    const sectionLine = lineAt(YAML.isNode(pair.key) ? pair.key.range?.[0] : undefined);
    lines[section] = { line: sectionLine, keys: {} };
    const body = pair.value;
    if (body === null || (YAML.isScalar(body) && (body.value === null || body.value === undefined))) { sections[section] = {}; continue; }
    if (!YAML.isMap(body)) throw new InputError(`${name}${sectionLine} (${section})`, 'must be a mapping of input names to values', `Write the inputs indented under ${section}:, one "name: value" per line.`);
    sections[section] = {};
    for (const item of body.items) {
      const key = YAML.isScalar(item.key) ? String(item.key.value) : '';
      lines[section].keys[key] = lineAt(YAML.isNode(item.key) ? item.key.range?.[0] : undefined);
      sections[section][key] = stringifyValue(values[section]?.[key]);
    }
  }
  return { sections, where };
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
