// Writes src/cli/generated/action-inputs.ts from every action.yml (the root one is
// `deploy-pipeline`), so the CLI's flags and help come from the actions' own inputs
// and the installed bundle needs no YAML at run time. `--check` fails when the
// committed module differs from a fresh one.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const target = path.join(root, 'src', 'cli', 'generated', 'action-inputs.ts');

const sources = [{ name: 'deploy-pipeline', file: 'action.yml' }];
for (const name of fs.readdirSync(path.join(root, 'actions')).sort()) {
  const file = path.posix.join('actions', name, 'action.yml');
  if (fs.existsSync(path.join(root, file))) sources.push({ name, file });
}

const actions = {};
for (const { name, file } of sources) {
  const action = YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  actions[name] = {
    file,
    description: String(action.description ?? ''),
    inputs: Object.entries(action.inputs ?? {}).map(([input, spec]) => ({
      name: input,
      description: String(spec?.description ?? '').trim(),
      required: spec?.required === true,
      default: spec?.default === undefined || spec?.default === null ? '' : String(spec.default),
    })),
  };
}

const module = [
  `// Generated from the action.yml files by scripts/gen-cli-inputs.mjs: edit an action.yml, then run`,
  `// \`node scripts/gen-cli-inputs.mjs\`. \`npm test\` checks this file is up to date.`,
  '',
  'export interface ActionInput {',
  '  readonly name: string;',
  '  readonly description: string;',
  '  readonly required: boolean;',
  "  /** What the runner passes when the input is not set ('' for none). */",
  '  readonly default: string;',
  '}',
  '',
  'export interface ActionInputs {',
  '  /** The action.yml it was read from. */',
  '  readonly file: string;',
  '  readonly description: string;',
  '  readonly inputs: readonly ActionInput[];',
  '}',
  '',
  `export const ACTION_INPUTS: Readonly<Record<string, ActionInputs>> = ${JSON.stringify(actions, null, 2)};`,
  '',
].join('\n');

if (check) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== module) {
    console.error(`${path.relative(root, target)} is out of date with the action.yml files. Run \`node scripts/gen-cli-inputs.mjs\` and commit it.`);
    process.exit(1);
  }
  console.log(`${path.relative(root, target)} matches ${sources.length} action.yml file(s)`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, module);
  console.log(`wrote ${path.relative(root, target)} from ${sources.length} action.yml file(s)`);
}
