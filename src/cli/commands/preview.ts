import { formatError, InputError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { previewFlow } from '../../preview/flow.js';
import { asksForHelp } from '../flags.js';
import { runFlowCommand } from '../flow-command.js';

const SUBCOMMANDS = ['up', 'down', 'list', 'reap'];

/**
 * `slipway preview up|down|list|reap [--input value …]`: the subcommand is the action's `command`
 * input, so the flags, slipway.yml's `preview:` section, help and cancel handling are the ones
 * every flow command has (flow-command.ts).
 */
export async function runPreviewCommand(args: string[], log: Logger): Promise<number> {
  const json = args.includes('--json');
  const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
  const [sub, ...rest] = args;
  try {
    if (sub !== undefined && asksForHelp([sub])) return await runFlowCommand(previewFlow, args, log, { json, stdout: process.stdout });
    if (!sub || !SUBCOMMANDS.includes(sub)) {
      throw new InputError(`preview ${sub ?? ''}`.trim(), 'needs a subcommand first', `Run slipway preview ${SUBCOMMANDS.join('|')} --pr N …`);
    }
    return await runFlowCommand(previewFlow, ['--command', sub, ...rest], log, { json, stdout: process.stdout });
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}
