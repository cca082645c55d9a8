// Drives a workflow template from workflows/ through the runner harness, one job, step by step:
// each step's `with:` is resolved from the template (a small `${{ }}` evaluator), Slipway steps run
// their real bundle from dist/, outputs flow into later steps. A template that passes an input its
// action does not declare, leaves a required one empty, or reads an output its step does not have
// fails here — the things a user would otherwise find on their first run.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { readAction, RunnerJobContext, runActionStep, type RunnerJob, type StepRun } from '../../support/runner-harness.js';

// ---------------------------------------------------------------------------------------------
// Expressions: literals, contexts (secrets, vars, inputs, github, steps, env), == != ! && || and
// parentheses, and the status functions. Values follow the runner's rules: && and || return an
// operand, '' / 0 / false / null are falsy, string comparison ignores case.
// ---------------------------------------------------------------------------------------------
type Value = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface ExpressionContext {
  secrets: Record<string, string>;
  vars: Record<string, string>;
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  env: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  /** Called for `steps.<id>.outputs.<name>`, so a wrong wiring can be refused. */
  checkStepOutput?(id: string, name: string): void;
  jobFailed?: boolean;
}

const TOKEN = /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|(==|!=|&&|\|\||<=|>=|[!()<>,.[\]*])|([A-Za-z_][A-Za-z0-9_-]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`expression '${source}': cannot read at ${at}: '${source.slice(at)}'`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

const truthy = (value: Value): boolean => !(value === null || value === false || value === 0 || value === '');
export const asString = (value: Value): string => (value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
/** The runner's loose equality: same types compare directly (strings ignoring case), others as numbers (null and '' are 0). */
const equal = (a: Value, b: Value): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b || typeof a === 'object' && a !== null || typeof b === 'object' && b !== null) return a === b;
  const number = (value: Value) => (value === null ? 0 : typeof value === 'boolean' ? Number(value) : Number(value === '' ? 0 : value));
  return number(a) === number(b);
};

export function evaluate(source: string, context: ExpressionContext): Value {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i++];
    if (expected !== undefined && token !== expected) throw new Error(`expression '${source}': expected '${expected}', found '${token ?? 'end'}'`);
    return token ?? '';
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') { take(); const right = and(); left = truthy(left) ? left : right; }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === '&&') { take(); const right = comparison(); left = truthy(left) ? right : left; }
    return left;
  };
  const comparison = (): Value => {
    let left = unary();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const right = unary();
      left = op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const unary = (): Value => (peek() === '!' ? (take(), !truthy(unary())) : primary());
  const primary = (): Value => {
    const token = take();
    if (token === '(') { const value = or(); take(')'); return value; }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      if (args.length > 0) throw new Error(`expression '${source}': function ${token}() is not emulated`);
      switch (token) {
        case 'always': return true;
        case 'success': return !context.jobFailed;
        case 'failure': return Boolean(context.jobFailed);
        case 'cancelled': return false;
        default: throw new Error(`expression '${source}': function ${token}() is not emulated`);
      }
    }
    // A context path: name(.name | ['name'])*
    const pathParts = [token];
    while (peek() === '.' || peek() === '[') {
      if (take() === '.') pathParts.push(take());
      else { pathParts.push(take().slice(1, -1)); take(']'); }
    }
    return lookup(pathParts, context, source);
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`expression '${source}': unexpected '${tokens[i]}'`);
  return value;
}

function lookup(parts: string[], context: ExpressionContext, source: string): Value {
  const [root, ...rest] = parts;
  const roots: Record<string, unknown> = { secrets: context.secrets, vars: context.vars, inputs: context.inputs, github: context.github, env: context.env, steps: context.steps };
  if (!root || !(root in roots)) throw new Error(`expression '${source}': context '${root}' is not emulated`);
  if (root === 'steps') {
    const [id = '', kind, name = ''] = rest;
    if (!(id in context.steps)) throw new Error(`expression '${source}': no step with id '${id}' ran before this one`);
    if (kind === 'outputs') context.checkStepOutput?.(id, name);
  }
  let value: unknown = roots[root];
  for (const part of rest) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined ? null : (value as Value);
}

/** A `with:` / `env:` / `if:` value: `${{ }}` parts replaced; a value that is one whole expression keeps its type. */
export function interpolate(text: unknown, context: ExpressionContext): string {
  const source = String(text ?? '');
  return source.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression, context)));
}

export function condition(text: unknown, context: ExpressionContext): boolean {
  if (text === undefined || text === null) return !context.jobFailed;
  const source = String(text).trim();
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(source);
  const value = evaluate(whole ? whole[1] ?? '' : source, context);
  // An `if:` without a status function gets an implicit success() && … (the runner's rule).
  const usesStatus = /\b(always|success|failure|cancelled)\(\)/.test(source);
  return (usesStatus || !context.jobFailed) && truthy(value);
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------
interface TemplateStep { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: unknown; 'continue-on-error'?: boolean }
interface Template {
  on: Record<string, { inputs?: Record<string, { default?: unknown; required?: boolean; type?: string; options?: string[] }> } | null>;
  env?: Record<string, unknown>;
  jobs: Record<string, { steps: TemplateStep[]; env?: Record<string, unknown> }>;
}

export function readTemplate(file: string): Template {
  return YAML.parse(fs.readFileSync(file, 'utf8')) as Template;
}

/** `slipway-dev/slipway/actions/secret-scan@v1` (or the Forgejo full URL form) → `actions/secret-scan`; undefined for other actions. */
export function slipwayActionDir(uses: string): string | undefined {
  const match = /^(?:https:\/\/github\.com\/)?slipway-dev\/slipway(\/[^@]+)?@v\d+$/.exec(uses);
  if (!match) return undefined;
  return match[1] ? match[1].slice(1) : '.';
}

/** What a non-Slipway step does in the test, given its resolved `with:`. */
export type Emulation = (withValues: Record<string, string>, job: RunnerJobContext) => Promise<void> | void;

export interface TemplateRun {
  /** Each step in order: Slipway ones with the harness run, others with `emulated: true`. */
  steps: Array<{ label: string; id?: string; skipped: boolean; emulated: boolean; with: Record<string, string>; run?: StepRun }>;
  failed: boolean;
  job: RunnerJobContext;
}

export interface TemplateOptions extends RunnerJob {
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** workflow_dispatch inputs as a user picks them (defaults from the template fill the rest). */
  inputs?: Record<string, string>;
  /** Emulations for non-Slipway steps, matched by the start of `uses:` or of `run:`. */
  emulate: Record<string, Emulation>;
  timeoutMs?: number;
}

/** Runs the template's one job. Throws on a template error (unknown or missing input, wrong wiring, an unemulated step). */
export async function runTemplate(file: string, options: TemplateOptions): Promise<TemplateRun> {
  const template = readTemplate(file);
  const jobs = Object.values(template.jobs);
  if (jobs.length !== 1) throw new Error(`${file}: ${jobs.length} jobs; the driver runs templates with one job`);
  const jobSpec = jobs[0] as Template['jobs'][string];
  const event = options.event ?? 'workflow_dispatch';
  if (!(event in template.on)) throw new Error(`${file}: the template does not run on ${event}`);
  const declared = template.on.workflow_dispatch?.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`${file}: workflow_dispatch has no input '${name}'`);
  }
  const inputs: Record<string, string> = {};
  if (event === 'workflow_dispatch') {
    for (const [name, spec] of Object.entries(declared)) {
      const given = options.inputs?.[name] ?? (spec.default === undefined ? '' : String(spec.default));
      if (spec.options && !spec.options.includes(given)) throw new Error(`${file}: input '${name}' is '${given}', not one of ${spec.options.join(', ')}`);
      inputs[name] = given;
    }
  }
  const job = new RunnerJobContext({ ...options, event, eventOptions: { ...options.eventOptions, dispatchInputs: inputs } });
  const github: Record<string, unknown> = {
    event_name: event, event: job.payload, repository: job.baseEnv.GITHUB_REPOSITORY, sha: job.baseEnv.GITHUB_SHA, ref: job.baseEnv.GITHUB_REF,
    ref_name: job.baseEnv.GITHUB_REF_NAME, actor: job.baseEnv.GITHUB_ACTOR, run_id: job.baseEnv.GITHUB_RUN_ID, server_url: job.baseEnv.GITHUB_SERVER_URL,
    api_url: job.baseEnv.GITHUB_API_URL, workspace: job.workspace, token: options.secrets?.GITHUB_TOKEN ?? '',
  };
  const stepActions = new Map<string, string>();
  const context: ExpressionContext = {
    secrets: options.secrets ?? {}, vars: options.vars ?? {}, inputs, github, env: {}, steps: {},
    checkStepOutput: (id, name) => {
      const dir = stepActions.get(id);
      if (dir && !(name in readAction(dir).outputs)) throw new Error(`${file}: step '${id}' (${dir}) has no output '${name}'`);
    },
  };
  context.env = Object.fromEntries(Object.entries({ ...template.env, ...jobSpec.env }).map(([k, v]) => [k, interpolate(v, context)]));
  const result: TemplateRun = { steps: [], failed: false, job };
  for (const step of jobSpec.steps) {
    const label = step.id ?? step.name ?? step.uses ?? step.run ?? '?';
    context.jobFailed = result.failed;
    if (!condition(step.if, context)) {
      result.steps.push({ label, id: step.id, skipped: true, emulated: false, with: {} });
      if (step.id) context.steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
    const dir = step.uses ? slipwayActionDir(step.uses) : undefined;
    if (dir) {
      const action = readAction(dir);
      const unknown = Object.keys(withValues).filter((name) => !(name in action.inputs));
      if (unknown.length) throw new Error(`${file}: step '${label}' passes input(s) ${unknown.join(', ')} that ${dir}/action.yml does not declare`);
      const missing = Object.entries(action.inputs).filter(([name, spec]) => spec.required && spec.default === undefined && !withValues[name]).map(([name]) => name);
      if (missing.length) throw new Error(`${file}: step '${label}' leaves required input(s) ${missing.join(', ')} empty`);
      if (step.id) stepActions.set(step.id, dir);
      const run = await runActionStep(job, dir, { inputs: withValues, env: { ...context.env, ...stepEnv }, timeoutMs: options.timeoutMs });
      const outcome = run.ok ? 'success' : 'failure';
      if (step.id) context.steps[step.id] = { outputs: run.outputs, outcome, conclusion: step['continue-on-error'] ? 'success' : outcome };
      if (!run.ok && !step['continue-on-error']) result.failed = true;
      result.steps.push({ label, id: step.id, skipped: false, emulated: false, with: withValues, run });
      continue;
    }
    const key = step.uses ?? step.run ?? '';
    const emulation = Object.entries(options.emulate).find(([prefix]) => key.startsWith(prefix))?.[1];
    if (!emulation) throw new Error(`${file}: step '${label}' (${key}) has no emulation in this test`);
    try {
      await emulation(withValues, job);
      if (step.id) context.steps[step.id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
    } catch (error) {
      if (!step['continue-on-error']) result.failed = true;
      throw new Error(`${file}: emulated step '${label}' failed: ${(error as Error).message}`, { cause: error });
    }
    result.steps.push({ label, id: step.id, skipped: false, emulated: true, with: withValues });
  }
  return result;
}

/** Every template file: the GitHub forms in workflows/, the Forgejo forms in workflows/forgejo/. */
export function templateFiles(): string[] {
  return ['workflows', 'workflows/forgejo'].flatMap((dir) => fs.readdirSync(dir).filter((name) => name.endsWith('.yml')).map((name) => path.join(dir, name)));
}
