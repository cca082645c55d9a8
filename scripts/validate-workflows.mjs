// Validates every action.yml and workflow file with GitHub's own parser of the
// workflow language (@actions/workflow-parser, the one behind the Actions VS Code
// extension), and checks that the callable forms in .github/workflows and
// .forgejo/workflows are what the templates in workflows/ generate.
//   node scripts/validate-workflows.mjs           check (CI, npm test)
//   node scripts/validate-workflows.mjs --write   regenerate the callable forms
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import YAML from 'yaml';

// The parser imports its JSON schemas without an import attribute, which Node 20+ refuses; add it.
register(`data:text/javascript,${encodeURIComponent("export async function load(url, context, next) { return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context); }")}`);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
const { parseAction, convertActionTemplate } = await import('@actions/workflow-parser/actions/index');

// SLIPWAY_VALIDATE_ROOT: validate another tree (the tests use a broken copy).
const root = path.resolve(process.env.SLIPWAY_VALIDATE_ROOT ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const write = process.argv.includes('--write');
const rel = (file) => path.relative(root, file);
const yamlIn = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : []);

/** Template folder → folder of its callable (workflow_call) forms. */
const CALLABLE = [
  { templates: path.join(root, 'workflows'), callable: path.join(root, '.github', 'workflows') },
  { templates: path.join(root, 'workflows', 'forgejo'), callable: path.join(root, '.forgejo', 'workflows') },
];

/** The reusable form of a template: same jobs, triggered by workflow_call with the dispatch inputs and the secrets the jobs read. */
export function callableForm(templateText, templateName) {
  const template = YAML.parse(templateText);
  const dispatch = template.on?.workflow_dispatch?.inputs ?? {};
  const inputs = Object.fromEntries(Object.entries(dispatch).map(([name, spec]) => [name, {
    description: spec.type === 'choice' ? `${spec.description} (one of: ${spec.options.join(', ')})` : spec.description,
    type: spec.type === 'choice' || spec.type === 'environment' ? 'string' : spec.type ?? 'string',
    required: spec.required ?? false,
    ...(spec.default !== undefined ? { default: spec.default } : {}),
  }]));
  const secretNames = [...new Set([...JSON.stringify(template.jobs).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))]
    .filter((name) => name !== 'GITHUB_TOKEN').sort();
  const call = {
    ...(Object.keys(inputs).length ? { inputs } : {}),
    ...(secretNames.length ? { secrets: Object.fromEntries(secretNames.map((name) => [name, { required: false }])) } : {}),
  };
  const { name, on: _on, ...rest } = template;
  const body = YAML.stringify({ name, on: { workflow_call: call }, ...rest }, { lineWidth: 0 });
  return [
    `# Generated from ${templateName} by \`node scripts/validate-workflows.mjs --write\`: edit the template, not this file.`,
    `# Call it from your repository with \`uses: <this repository>/${templateName.startsWith('workflows/forgejo') ? '.forgejo' : '.github'}/workflows/${path.basename(templateName)}@v1\` and \`secrets: inherit\`.`,
    body,
  ].join('\n');
}

const problems = [];
let checked = 0;

for (const { templates, callable } of CALLABLE) {
  for (const template of yamlIn(templates)) {
    const target = path.join(callable, path.basename(template));
    const expected = callableForm(fs.readFileSync(template, 'utf8'), rel(template));
    if (write) {
      fs.mkdirSync(callable, { recursive: true });
      fs.writeFileSync(target, expected);
    } else if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== expected) {
      problems.push(`${rel(target)}: not in step with ${rel(template)}. Run \`node scripts/validate-workflows.mjs --write\` and commit.`);
    }
  }
}

const actionFiles = [path.join(root, 'action.yml'), ...fs.readdirSync(path.join(root, 'actions')).map((name) => path.join(root, 'actions', name, 'action.yml'))]
  .filter((file) => fs.existsSync(file));
for (const file of actionFiles) {
  const parsed = parseAction({ name: rel(file), content: fs.readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value && errors.length === 0) {
    const template = await convertActionTemplate(parsed.context, parsed.value);
    if (!template.runs) errors.push(`${rel(file)}: has no runs section`);
  }
  problems.push(...errors);
  checked += 1;
}

const workflowFiles = [
  ...yamlIn(path.join(root, 'workflows')), ...yamlIn(path.join(root, 'workflows', 'forgejo')),
  ...yamlIn(path.join(root, '.github', 'workflows')), ...yamlIn(path.join(root, '.forgejo', 'workflows')),
  // Examples that are whole workflows (with on: and jobs:), as the docs show them.
  ...yamlIn(path.join(root, 'docs', 'examples')).filter((file) => /^on:/m.test(fs.readFileSync(file, 'utf8')) && /^jobs:/m.test(fs.readFileSync(file, 'utf8'))),
];
for (const file of workflowFiles) {
  const parsed = parseWorkflow({ name: rel(file), content: fs.readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value && errors.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((error) => error.Message));
  }
  problems.push(...errors);
  checked += 1;
}

if (problems.length) {
  console.error(problems.map((problem) => `✗ ${problem}`).join('\n'));
  console.error(`${problems.length} problem(s) in ${checked} action and workflow file(s)`);
  process.exit(1);
}
console.log(write ? `wrote the callable workflows; ${checked} files parse` : `${checked} action and workflow file(s) parse with @actions/workflow-parser; callable forms match their templates`);
