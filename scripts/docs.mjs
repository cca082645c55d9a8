// Writes docs/actions/<name>.md from each action.yml (inputs, outputs, example),
// so the pages cannot drift from the actions. `--check` fails when they differ.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const sources = [];
if (fs.existsSync(path.join(root, 'action.yml'))) sources.push({ name: 'deploy-pipeline', file: 'action.yml', uses: 'slipway-dev/slipway@v1' });
for (const name of fs.readdirSync(path.join(root, 'actions')).sort()) {
  const file = path.join('actions', name, 'action.yml');
  if (fs.existsSync(path.join(root, file))) sources.push({ name, file, uses: `slipway-dev/slipway/actions/${name}@v1` });
}

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const stale = [];
for (const { name, file, uses } of sources) {
  const action = YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const inputs = Object.entries(action.inputs ?? {});
  const outputs = Object.entries(action.outputs ?? {});
  const examplePath = path.join(root, 'docs', 'examples', `${name}.yml`);
  const required = inputs.filter(([, spec]) => spec.required).map(([input]) => `      ${input}: ...`);
  const example = fs.existsSync(examplePath)
    ? fs.readFileSync(examplePath, 'utf8').trimEnd()
    : ['steps:', `  - uses: ${uses}`, ...(required.length ? ['    with:', ...required.map((l) => l.slice(2))] : [])].join('\n');
  const page = [
    `<!-- Generated from ${file} by \`npm run docs\`; edit the action.yml (or docs/examples/${name}.yml), not this page. -->`,
    `# ${action.name}`,
    '',
    action.description,
    '',
    `Runs on \`${action.runs?.using}\`${action.runs?.using === 'composite' ? '' : ' (the bundle also runs on Node 20 and 22, as Forgejo job images carry)'}. CLI: see \`slipway help\`.`,
    '',
    '## Example',
    '',
    '```yaml',
    example,
    '```',
    '',
    '## Inputs',
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs.map(([input, spec]) => `| \`${input}\` | ${spec.required ? 'yes' : 'no'} | ${spec.default !== undefined && spec.default !== '' ? `\`${cell(spec.default)}\`` : ''} | ${cell(spec.description)} |`),
    '',
    '## Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs.map(([output, spec]) => `| \`${output}\` | ${cell(spec.description)} |`),
    '',
  ].join('\n');
  const target = path.join(root, 'docs', 'actions', `${name}.md`);
  if (check) {
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== page) stale.push(path.relative(root, target));
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, page);
  }
}
if (check && stale.length) {
  console.error(`Action pages are out of date with their action.yml: ${stale.join(', ')}. Run \`npm run docs\` and commit.`);
  process.exit(1);
}
console.log(check ? `docs/actions/ matches ${sources.length} action.yml file(s)` : `wrote ${sources.length} action page(s) to docs/actions/`);
