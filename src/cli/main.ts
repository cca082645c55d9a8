#!/usr/bin/env node
import { formatError, InputError } from '../core/errors.js';
import { ConsoleLogger, type Logger } from '../core/log.js';
import { packageVersion } from './commands/version.js';
import { runGuarded } from '../core/exit-guard.js';
import { suggest } from './flags.js';
import { commandConfigs, flows, extraCommands } from './flows.js';
import { runFlowCommand } from './flow-command.js';
import { useRunTempDir } from './run-temp.js';
import { usage } from './help.js';
import { openLeftovers } from '../core/leftovers.js';
import { CANCELLED_EXIT_CODE } from '../platform/cancel-signals.js';
import { removeLeftoversNow } from '../platform/post-cleanup.js';

/** Every command, flows first, for `slipway --help` and "did you mean". */
export function commandList(): Array<{ name: string; describe: string }> {
  return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe })), ...extraCommands.map(({ name, describe }) => ({ name, describe }))];
}

/** Warnings and errors only (`--quiet`); results still go to stdout. */
function quiet(log: Logger): Logger {
  return { info: () => undefined, group: (_title, body) => body(), warn: (m, w) => log.warn(m, w), error: (m, w) => log.error(m, w), debug: (m) => log.debug(m) };
}

/**
 * `slipway <command> [flags]` → exit code: 0 ok, 1 failed, 2 an input error
 * (the codes `slipway --help` documents). Adding a command is one entry in flows.ts.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  // Read before parsing, so a flag error is reported the way they ask too.
  const json = args.includes('--json');
  const debug = args.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
  const consoleLog = new ConsoleLogger({ debug });
  const log = args.includes('--quiet') ? quiet(consoleLog) : consoleLog;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      process.stdout.write(usage(commandList(), packageVersion()));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') { process.stdout.write(`slipway ${packageVersion()}\n`); return 0; }
    if (name === 'help') return await help(args);
    const extra = extraCommands.find((command) => command.name === name);
    if (extra) return await extra.run(args, log);
    const flow = flows.find((candidate) => candidate.command === name || candidate.action === name);
    if (!flow) throw unknownCommand(name);
    return await runFlowCommand(flow, args, log, { json, stdout: process.stdout }, commandConfigs[flow.command]);
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    consoleLog.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}

/** `slipway help [command]` is `slipway [command] --help`. */
async function help(args: string[]): Promise<number> {
  const [command, ...more] = args;
  if (command === undefined) return main(['--help']);
  if (more.length) throw new InputError(`'${more[0]}'`, 'is not expected after `slipway help <command>`', 'Ask for one command at a time.');
  if (!commandList().some((known) => known.name === command) && !flows.some((flow) => flow.action === command)) throw unknownCommand(command);
  return main([command, '--help']);
}

function unknownCommand(name: string): InputError {
  const nearest = suggest(name, commandList().map((command) => command.name));
  return new InputError(`command '${name}'`, 'is unknown', nearest ? `Did you mean \`slipway ${nearest}\`? \`slipway help\` lists every command.` : 'Run `slipway help` for the list.');
}

// Run when executed (the bundle is `dist/cli/index.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:cli[\\/]index|cli[\\/]main)\.[jt]s$/.test(invoked) || invoked.endsWith('slipway')) {
  const argv = process.argv.slice(2);
  const temp = useRunTempDir();
  const cleanup = async () => {
    // What a stalled or failed run may still hold: its recorded key files and temp dirs, then the run's own temp dir.
    removeLeftoversNow(openLeftovers());
    await temp.cleanup();
  };
  void runGuarded(() => main(argv), { what: `slipway ${argv[0] ?? ''}`.trim(), cleanup }).then((code) => {
    // A cancelled run has cleaned up; a check it cut short may still have a timer running.
    if (code === CANCELLED_EXIT_CODE) process.exit(code);
  });
}
