import path from 'node:path';
import { formatError, InputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { expandEnv, loadConfigFile, type ConfigSection } from '../cli/config-file.js';
import { parseFlags } from '../cli/flags.js';
import { localContext, runFlow } from '../cli/run-flow.js';
import { DERIVED, LINKS, type Link } from './link-inputs.js';
import { pipelineFlow } from './flow.js';

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

/** `slipway pipeline [--dry-run] [--input value …]`: the root action's chain from a terminal. */
export async function runPipelineCommand(args: string[], log: Logger): Promise<number> {
  // Read before parsing, so a flag error is reported the way they ask too.
  const json = args.includes('--json');
  const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
  try {
    const { values: flagValues, global } = parseFlags(args);
    const given = typeof global.config === 'string' ? global.config : undefined;
    const configPath = given ?? 'slipway.yml';
    const config = loadConfigFile(path.resolve(configPath), given !== undefined);
    const values = pipelineValues(config, flagValues, configPath, process.env);
    const run = await runFlow(pipelineFlow, values, localContext(log));
    if (json) process.stdout.write(`${redact(JSON.stringify({ ok: !run.failure, failure: run.failure, outputs: run.outputs }, null, 2))}\n`);
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
