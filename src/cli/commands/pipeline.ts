import { formatError, InputError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { redact } from '../../core/secrets.js';
import { renderText } from '../../core/summary.js';
import { expandEnv, type ConfigSection } from '../config-file.js';
import { asksForHelp, flagSetFor, parseCommandLine } from '../flags.js';
import { checkDefaultsKeys, checkSectionKeys, readConfig } from '../flow-command.js';
import { ACTION_INPUTS } from '../generated/action-inputs.js';
import { commandHelp } from '../help.js';
import { localContext, runFlow } from '../../core/run-flow.js';
import { ACTION_OF, DERIVED, LINKS, type Link } from '../../pipeline/link-inputs.js';
import { pipelineFlow } from '../../pipeline/flow.js';

/** slipway.yml's command sections, by the link they configure. */
const SECTION_OF: Record<Link, string> = { build: 'build', push: 'push', deploy: 'deploy', smoke: 'smoke' };

/**
 * The values `slipway pipeline` runs with, from the same slipway.yml the single
 * commands read: `defaults:` and `pipeline:` as plain names, each command's
 * section as `<link>-<name>` so it reaches that link only; flags win over all.
 * Names the chain derives (push's tags, deploy's image) are left out of the sections.
 */
export function pipelineValues(config: Record<string, ConfigSection>, flags: Record<string, string>, where: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  const put = (key: string, value: string, from: string) => { values[key] = expandEnv(value, `${where}: ${from}`, env); };
  for (const [key, value] of Object.entries(config.defaults ?? {})) put(key, value, `defaults.${key}`);
  for (const link of LINKS) {
    for (const [key, value] of Object.entries(config[SECTION_OF[link]] ?? {})) {
      if (!DERIVED[link]?.includes(key)) put(`${link}-${key}`, value, `${SECTION_OF[link]}.${key}`);
    }
  }
  for (const [key, value] of Object.entries(config.pipeline ?? {})) put(key, value, `pipeline.${key}`);
  return { ...values, ...flags };
}

const inputNames = (action: string): string[] => (ACTION_INPUTS[action]?.inputs ?? []).map((input) => input.name);

/** `slipway pipeline [--dry-run] [--input value …]`: the root action's chain from a terminal. */
export async function runPipelineCommand(args: string[], log: Logger): Promise<number> {
  // Read before parsing, so a flag error is reported the way they ask too.
  const json = args.includes('--json');
  const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
  try {
    // The root action's inputs; `--dry-run` is one of them (the plan, nothing touched).
    if (asksForHelp(args)) {
      process.stdout.write(commandHelp('pipeline', pipelineFlow.action, pipelineFlow.describe));
      return 0;
    }
    const line = parseCommandLine(args, flagSetFor('pipeline', pipelineFlow.action));
    const config = readConfig(line);
    checkSectionKeys(config.sections.pipeline, 'pipeline', inputNames(pipelineFlow.action), config.where);
    checkDefaultsKeys(config.sections, config.where);
    for (const link of LINKS) checkSectionKeys(config.sections[SECTION_OF[link]], SECTION_OF[link], inputNames(ACTION_OF[link]), config.where);
    const values = pipelineValues(config.sections, line.values, config.where, process.env);
    const run = await runFlow(pipelineFlow, values, localContext(log));
    // A dry run's plan is the document, as for deploy and drill.
    const plan = run.result.plan ? { dryRun: true, plan: run.result.plan } : {};
    if (json) process.stdout.write(`${redact(JSON.stringify({ ok: !run.failure, failure: run.failure, outputs: run.outputs, ...plan }, null, 2))}\n`);
    else process.stdout.write(redact(renderText(pipelineFlow.summary(run.result))));
    if (run.failure) {
      log.error(run.failure);
      return 1;
    }
    return 0;
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}
