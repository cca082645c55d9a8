import path from 'node:path';
import { formatError, InputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { expandEnv, loadConfigFile } from '../cli/config-file.js';
import { parseFlags } from '../cli/flags.js';
import { localContext, runFlow } from '../cli/run-flow.js';
import { previewFlow } from './flow.js';

const SUBCOMMANDS = ['up', 'down', 'list', 'reap'];

/** `slipway preview up|down|list|reap [--input value …]`: the subcommand is the `command` input; slipway.yml's `preview:` section applies. */
export async function runPreviewCommand(args: string[], log: Logger): Promise<number> {
  const json = args.includes('--json');
  const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
  try {
    const [sub, ...rest] = args;
    if (!sub || !SUBCOMMANDS.includes(sub)) throw new InputError(`preview ${sub ?? ''}`.trim(), 'needs a subcommand', `Run slipway preview ${SUBCOMMANDS.join('|')} --pr N ….`);
    const { values: flagValues, global } = parseFlags(rest);
    const given = typeof global.config === 'string' ? global.config : undefined;
    const configPath = given ?? 'slipway.yml';
    const config = loadConfigFile(path.resolve(configPath), given !== undefined);
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...config.defaults, ...config.preview })) values[key] = expandEnv(value, `${configPath}: preview.${key}`, process.env);
    Object.assign(values, flagValues, { command: sub });
    const run = await runFlow(previewFlow, values, localContext(log));
    if (json) process.stdout.write(`${redact(JSON.stringify({ ok: !run.failure, outputs: run.outputs, result: run.result }, null, 2))}\n`);
    else process.stdout.write(redact(renderText(previewFlow.summary(run.result))));
    return run.failure ? 1 : 0;
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}
