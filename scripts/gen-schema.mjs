// Writes schema/slipway.schema.json, the JSON Schema of slipway.yml, from the
// action.yml files: one section per command with that action's inputs (type,
// default, description), enums where the settings parser has fixed choices and
// the description lists them. `--check` fails when the committed file differs.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const target = path.join(root, 'schema', 'slipway.schema.json');
export const SCHEMA_URL = 'https://raw.githubusercontent.com/slipway-dev/slipway/v1/schema/slipway.schema.json';

/** slipway.yml section → the action whose inputs it holds (src/cli/flows.ts, src/cli/commands/pipeline.ts). */
const SECTIONS = {
  build: 'build-image', push: 'push-image', deploy: 'ssh-deploy', smoke: 'smoke-test', drill: 'restore-drill', scan: 'secret-scan', pipeline: 'deploy-pipeline',
};
/** Where each action's settings parser lives, to read its fixed choices from `inputs.choice(…)`. */
const PARSERS = {
  'build-image': ['src/image'], 'push-image': ['src/image'], 'ssh-deploy': ['src/deploy', 'src/swarm'], 'smoke-test': ['src/smoke'],
  'restore-drill': ['src/drill'], 'secret-scan': ['src/scan'], 'deploy-pipeline': ['src/pipeline'],
};
/** status, history and lock read the host the deploy wrote (src/cli/commands/command-io.ts HOST_INPUTS). */
const HOST_INPUTS = ['host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint', 'trust-on-first-use',
  'jump-host', 'connect-timeout', 'command-timeout', 'strategy', 'app-dir', 'service', 'compose-project', 'health-url', 'stack', 'lock-file', 'deploy-log'];
const HOST_SECTIONS = {
  status: 'slipway status: what serves on each host now (reads defaults: and deploy: first).',
  history: 'slipway history: the deploy log of every host (reads defaults: and deploy: first).',
  lock: 'slipway lock status|release (reads defaults: and deploy: first).',
};

function readActions() {
  const actions = { 'deploy-pipeline': YAML.parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) };
  for (const name of fs.readdirSync(path.join(root, 'actions')).sort()) {
    const file = path.join(root, 'actions', name, 'action.yml');
    if (fs.existsSync(file)) actions[name] = YAML.parse(fs.readFileSync(file, 'utf8'));
  }
  return actions;
}

/** `inputs.choice('name', ['a', 'b'] …)` and `choice('name', CONST …)` with `const CONST = ['a', …]` in the same file. */
function readChoices(dirs) {
  const choices = {};
  const registry = fs.readFileSync(path.join(root, 'src/deploy/strategies/index.ts'), 'utf8');
  const keys = [.../export const STRATEGIES = \{([^}]*)\}/.exec(registry)?.[1]?.matchAll(/^\s*([a-z-]+):/gm) ?? []].map((m) => `'${m[1]}'`);
  const registryNames = { STRATEGY_NAMES: keys.join(', ') };
  const files = dirs.flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true }).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(root, dir, f)));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const constants = Object.fromEntries([...text.matchAll(/const ([A-Z_]+) = \[([^\]]*)\]/g)].map((m) => [m[1], m[2]]));
    // The deploy strategies' registry: STRATEGY_NAMES are the keys of `export const STRATEGIES = { name: …, }`.
    Object.assign(constants, registryNames);
    for (const match of text.matchAll(/\.choice\(\s*'([a-z0-9-]+)',\s*(?:\[([^\]]*)\]|([A-Z_]+))/g)) {
      const list = match[2] ?? constants[match[3]] ?? '';
      const words = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      if (words.length && !choices[match[1]]) choices[match[1]] = words;
    }
  }
  return choices;
}

const ENV_REF = { $ref: '#/$defs/envRef' };
const DURATION = '^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)?$';

/** One input's schema: typed from its default and description, always also `${env:NAME}`. */
function inputSchema(spec, choices) {
  const description = String(spec.description ?? '').trim();
  const fallback = spec.default === undefined || spec.default === '' ? undefined : String(spec.default);
  const base = { description };
  const listed = choices && choices.every((word) => new RegExp(`(^|[^a-z-])${word.replace(/[-]/g, '\\-')}([^a-z-]|$)`).test(description));
  // YAML reads a bare true/false as a boolean; the CLI turns it back into the word.
  const words = choices?.flatMap((word) => (word === 'true' || word === 'false' ? [word, word === 'true'] : [word]));
  if (listed) return { ...base, anyOf: [{ enum: words }, ENV_REF], ...(fallback !== undefined ? { default: fallback } : {}) };
  if (fallback === 'true' || fallback === 'false') {
    return { ...base, anyOf: [{ type: 'boolean' }, { enum: ['true', 'false', 'yes', 'no', 'on', 'off'] }, ENV_REF], default: fallback === 'true' };
  }
  if (fallback !== undefined && /^\d+$/.test(fallback)) {
    return { ...base, anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+$' }, ENV_REF], default: Number(fallback) };
  }
  if (fallback !== undefined && new RegExp(DURATION).test(fallback)) {
    return { ...base, anyOf: [{ type: 'number', minimum: 0, description: 'seconds' }, { type: 'string', pattern: DURATION }, ENV_REF], default: fallback };
  }
  if (/one per line|lines\b/i.test(description)) {
    return { ...base, anyOf: [{ type: 'string' }, { type: 'array', items: { type: ['string', 'number', 'boolean'] } }], ...(fallback !== undefined ? { default: fallback } : {}) };
  }
  // A bare number would be read as one (1.10 → 1.1): text inputs are strings.
  return { ...base, type: 'string', ...(fallback !== undefined ? { default: fallback } : {}) };
}

function sectionSchema(action, name, choices, pick) {
  const properties = {};
  for (const [input, spec] of Object.entries(action.inputs ?? {})) {
    if (pick && !pick.includes(input)) continue;
    // The root action says which action an input belongs to: "(ssh-deploy) …"; that parser's choices apply when its own have none.
    const owner = /^\((\w[\w-]*)\)/.exec(String(spec.description ?? ''))?.[1];
    properties[input] = inputSchema(spec, choices[name]?.[input] ?? (owner ? choices[owner]?.[input] : undefined));
  }
  return properties;
}

/** A name several actions declare differently (mode: deploy|rollback, drill|staleness, …) is checked by each command, not here. */
function mergeForDefaults(schemas) {
  const first = schemas[0];
  if (schemas.every((schema) => JSON.stringify({ ...schema, description: '' }) === JSON.stringify({ ...first, description: '' }))) return first;
  return { description: `An input of several actions, each of which checks the value. ${first.description}`, type: ['string', 'number', 'boolean', 'array'] };
}

export function buildSchema() {
  const actions = readActions();
  const choices = Object.fromEntries(Object.entries(PARSERS).map(([name, dirs]) => [name, readChoices(dirs)]));
  const sections = {};
  const everything = {};
  for (const [section, name] of Object.entries(SECTIONS)) {
    const action = actions[name];
    if (!action) continue;
    const properties = sectionSchema(action, name, choices);
    for (const [input, schema] of Object.entries(properties)) (everything[input] ??= []).push(schema);
    sections[section] = {
      type: 'object',
      description: `slipway ${section} (${name === 'deploy-pipeline' ? 'action.yml' : `actions/${name}`}): ${String(action.description ?? '').trim()}`,
      properties,
      ...(section === 'pipeline'
        ? { patternProperties: { '^(build|push|deploy|smoke)-[a-z0-9-]+$': { description: '<link>-<name>: one link\'s input, winning over the plain name (docs/pipeline.md).' } } }
        : {}),
      additionalProperties: false,
    };
  }
  for (const [section, description] of Object.entries(HOST_SECTIONS)) {
    sections[section] = {
      type: 'object', description,
      properties: { ...sectionSchema(actions['ssh-deploy'], 'ssh-deploy', choices, HOST_INPUTS), ...(section === 'lock' ? {} : { lines: inputSchema({ description: 'Deploy-log lines to read per host.', default: section === 'status' ? '5' : '20' }) }) },
      additionalProperties: false,
    };
  }
  const defaults = {
    type: 'object',
    description: 'Values every command reads (a command\'s own section wins). Any input of any action.',
    properties: Object.fromEntries(Object.entries(everything).sort(([a], [b]) => a.localeCompare(b)).map(([input, schemas]) => [input, mergeForDefaults(schemas)])),
    additionalProperties: false,
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_URL,
    title: 'slipway.yml',
    description: 'Slipway CLI configuration: a section per command plus defaults:. Keys are the action inputs; secrets come from the environment as ${env:NAME}. Generated from the action.yml files by scripts/gen-schema.mjs.',
    type: 'object',
    properties: { defaults, ...sections },
    additionalProperties: false,
    $defs: { envRef: { type: 'string', pattern: '\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}', description: 'Read from the environment: ${env:NAME}.' } },
  };
}

const text = `${JSON.stringify(buildSchema(), null, 2)}\n`;
if (check) {
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
    console.error('schema/slipway.schema.json is out of date with the action.yml files. Run `node scripts/gen-schema.mjs` and commit.');
    process.exit(1);
  }
  console.log('schema/slipway.schema.json matches the action.yml files');
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)}`);
}
