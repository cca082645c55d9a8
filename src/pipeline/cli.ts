import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, InputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { expandEnv, loadConfigFile, type ConfigSection } from '../cli/config-file.js';
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

function parseFlags(args: string[]): { values: Record<string, string>; config?: string; json: boolean; debug: boolean } {
  const { tokens } = parseArgs({ args, strict: false, tokens: true, allowPositionals: true });
  const values: Record<string, string> = {};
  let config: string | undefined;
  let json = false;
  let debug = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.kind === 'positional') throw new InputError(`'${token.value}'`, 'is not a flag', 'Pass inputs as --name value.');
    if (token.kind !== 'option') continue;
    let value = token.value;
    const next = tokens[i + 1];
    if (value === undefined && next?.kind === 'positional') { value = next.value; i += 1; }
    if (token.name === 'config') config = value;
    else if (token.name === 'json') json = true;
    else if (token.name === 'debug') debug = true;
    else values[token.name] = value ?? 'true';
  }
  return { values, config, json, debug };
}

/** `slipway pipeline [--dry-run] [--input value …]`: the root action's chain from a terminal. */
export async function runPipelineCommand(args: string[], log: Logger): Promise<number> {
  let json = false;
  let debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
  try {
    const flags = parseFlags(args);
    json = flags.json;
    debug ||= flags.debug;
    const configPath = flags.config ?? 'slipway.yml';
    const config = loadConfigFile(path.resolve(configPath), flags.config !== undefined);
    const values = pipelineValues(config, flags.values, configPath, process.env);
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
