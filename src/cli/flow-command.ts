import path from 'node:path';
import { formatError, InputError } from '../core/errors.js';
import { CANCELLED_EXIT_CODE, handleCancelSignals } from '../platform/cancel-signals.js';
import type { FlowDefinition } from '../core/context.js';
import { Inputs, mapInputSource } from '../core/config/inputs.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { detectPlatform } from '../core/platform.js';
import type { ConfigSection } from './config-file.js';
import { asksForHelp, flagSetFor, parseCommandLine, suggest, type CommandLine, type FlagSet } from './flags.js';
import { packageVersion } from './commands/version.js';
import { ACTION_INPUTS } from './generated/action-inputs.js';
import { commandHelp } from './help.js';
import { localContext, runFlow, type FlowRun } from '../core/run-flow.js';

/** What the CLI knows of a flow before importing it: enough for its flags, `--help` and the command list. */
export interface FlowHead {
  command: string;
  action: string;
  describe: string;
}

/** A flow imported when its command runs (flows.ts), with the pipeline's own reading of slipway.yml. */
export interface LazyFlow extends FlowHead {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  load(): Promise<FlowDefinition<any, any>>;
  config?(): Promise<CommandConfig>;
}

/** The commands with `--dry-run` (their plans are in dry-run.ts, imported only for a dry run; a spec keeps the two equal). */
export const DRY_RUN_COMMANDS: ReadonlySet<string> = new Set(['deploy', 'drill']);

/** How the result is printed: `--json` one document on stdout, else the summary as text. */
export interface Output {
  json: boolean;
  stdout: { write(text: string): unknown };
  /** Progress around the whole run at a terminal (terminal.ts), so the wait before the first step (SSH, the lock) shows too. */
  during?<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/**
 * A command whose slipway.yml is more than its own section over `defaults:`
 * (the pipeline reads every link's section): how it checks and reads the file,
 * and the JSON document it prints. Without one, a command reads its own section.
 */
export interface CommandConfig {
  check(sections: Record<string, ConfigSection>, where: string): void;
  values(sections: Record<string, ConfigSection>, flags: Record<string, string>, where: string, env: NodeJS.ProcessEnv): Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  document?(run: FlowRun<any>): Record<string, unknown>;
}

/** A flow command's flags, with `--dry-run` where the CLI can plan it. */
export function flowFlagSet(flow: FlowHead): FlagSet {
  return flagSetFor(flow.command, flow.action, { dryRun: DRY_RUN_COMMANDS.has(flow.command) });
}

/** Reads slipway.yml (`--config`, else ./slipway.yml when present); the YAML parser is loaded only here. */
export async function readConfig(line: CommandLine): Promise<{ sections: Record<string, ConfigSection>; where: string; expandEnv: ExpandEnv }> {
  const where = line.config ?? 'slipway.yml';
  const { loadConfigFile, expandEnv } = await import('./config-file.js');
  return { sections: loadConfigFile(path.resolve(where), line.config !== undefined), where, expandEnv };
}

type ExpandEnv = typeof import('./config-file.js').expandEnv;

/**
 * A command's own section in slipway.yml holds its inputs only: a misspelt key
 * would otherwise be ignored as silently as a misspelt flag. (`defaults:` is
 * shared by every command, so a key there may belong to another one.)
 */
export function checkSectionKeys(section: ConfigSection | undefined, sectionName: string, known: readonly string[], where: string): void {
  for (const key of Object.keys(section ?? {})) {
    if (known.includes(key)) continue;
    const nearest = suggest(key, known);
    throw new InputError(`${where}: ${sectionName}.${key}`, `is not an input of slipway ${sectionName}`, nearest ? `Did you mean ${nearest}?` : `Run \`slipway ${sectionName} --help\` for its inputs.`);
  }
}

/** Every input of every action: a key under `defaults:` must be one of them (it is shared, so any command's will do). */
export function checkDefaultsKeys(sections: Record<string, ConfigSection>, where: string): void {
  const all = [...new Set(Object.values(ACTION_INPUTS).flatMap((spec) => spec.inputs.map((input) => input.name)))];
  for (const key of Object.keys(sections.defaults ?? {})) {
    if (all.includes(key)) continue;
    const nearest = suggest(key, all);
    throw new InputError(`${where}: defaults.${key}`, 'is not an input of any command', nearest ? `Did you mean ${nearest}?` : 'Run `slipway help <command>` for the inputs.');
  }
}

/** The values a command runs with (slipway.yml under its flags), and which of them came from the file (never quoted in an error). */
function configValues(
  flow: FlowHead, set: FlagSet, config: Awaited<ReturnType<typeof readConfig>>, line: CommandLine, shape: CommandConfig | undefined,
): { values: Record<string, string>; fromFile: string[] } {
  if (shape) {
    shape.check(config.sections, config.where);
    const fileValues = shape.values(config.sections, {}, config.where, process.env);
    return { values: { ...fileValues, ...line.values }, fromFile: Object.keys(fileValues).filter((key) => !(key in line.values)) };
  }
  const inputNames = [...set.inputs.values()].map((flag) => flag.input.name);
  checkSectionKeys(config.sections[flow.command], flow.command, inputNames, config.where);
  checkDefaultsKeys(config.sections, config.where);
  const values: Record<string, string> = {};
  const fileValues = { ...config.sections.defaults, ...config.sections[flow.command] };
  for (const [key, value] of Object.entries(fileValues)) {
    values[key] = config.expandEnv(value, `${config.where}: ${flow.command}.${key}`, process.env);
  }
  Object.assign(values, line.values);
  return { values, fromFile: Object.keys(fileValues).filter((key) => !(key in line.values)) };
}

/**
 * `slipway <flow> …`: flags and slipway.yml → the flow's parse → the plan (--dry-run) or the run.
 * `--help` and a flag error are answered before the flow's own code is imported.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function runFlowCommand(head: LazyFlow | FlowDefinition<any, any>, args: readonly string[], log: Logger, output: Output, given?: CommandConfig): Promise<number> {
  const set = flowFlagSet(head);
  if (asksForHelp(args)) {
    output.stdout.write(commandHelp(head.command, head.action, head.describe, { dryRun: set.dryRun }));
    return 0;
  }
  const line = parseCommandLine(args, set);
  if (line.switches.has('version')) {
    output.stdout.write(`slipway ${packageVersion()}\n`);
    return 0;
  }
  const lazy = 'load' in head ? head : undefined;
  const shape = given ?? (await lazy?.config?.());
  const config = await readConfig(line);
  const { values, fromFile } = configValues(head, set, config, line, shape);
  const flow = lazy ? await lazy.load() : (head as FlowDefinition<unknown, unknown>);

  if (line.switches.has('dry-run') && set.dryRun) {
    const { DRY_RUNS, dryRunDocument } = await import('./dry-run.js');
    const dryRun = DRY_RUNS[flow.command]!;
    // Parse only: every input is checked, no process starts, no host is reached.
    const settings = flow.parse(new Inputs(mapInputSource(values, 'cli')), { env: process.env, platform: detectPlatform(), workDir: process.cwd() });
    const plan = dryRun.plan(settings);
    output.stdout.write(output.json ? `${redact(JSON.stringify(dryRunDocument(flow.command, plan.document), null, 2))}\n` : redact(renderText(plan.summary)));
    return 0;
  }

  // Ctrl-C / SIGTERM: a flow that handles cancel winds down whole (docs/cancel.md); others stop after removing their key files.
  const cancel = handleCancelSignals(log, flow.handlesCancel === true);
  let run: Awaited<ReturnType<typeof runFlow>>;
  try {
    // A slipway.yml value (often `${env:SECRET}`) is never quoted back in an error.
    const whole = () => runFlow(flow, values, localContext(log, { signal: cancel.signal }), fromFile);
    run = await (output.during ? output.during(`slipway ${flow.command}`, whole) : whole());
  } catch (error) {
    if (!cancel.received()) throw error;
    log.error(`cancelled (${cancel.received()}): ${formatError(error)}`);
    return CANCELLED_EXIT_CODE;
  } finally {
    cancel.dispose();
  }
  if (output.json) {
    const document = shape?.document?.(run) ?? { ok: !run.failure, failure: run.failure, outputs: run.outputs, result: run.result };
    output.stdout.write(`${redact(JSON.stringify(document, null, 2))}\n`);
  } else {
    output.stdout.write(redact(renderText(flow.summary(run.result))));
  }
  if (run.failure) {
    log.error(run.failure);
    return cancel.received() ? CANCELLED_EXIT_CODE : 1;
  }
  if (cancel.received()) {
    log.error(`cancelled (${cancel.received()}) after the last step had finished`);
    return CANCELLED_EXIT_CODE;
  }
  return 0;
}
