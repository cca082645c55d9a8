#!/usr/bin/env node
import { formatError, InputError } from '../core/errors.js';
import { packageVersion } from './commands/version.js';
import { runGuarded } from '../core/exit-guard.js';
import { suggest } from './flags.js';
import { flows, extraCommands } from './flows.js';
import { runFlowCommand } from './flow-command.js';
import { useRunTempDir } from './run-temp.js';
import { usage } from './help.js';
import { openLeftovers } from '../core/leftovers.js';
import { CANCELLED_EXIT_CODE } from '../platform/cancel-signals.js';
import { removeLeftoversNow } from '../platform/post-cleanup.js';
import { terminalLogger } from './terminal.js';
import { withOneJsonDocument } from './json-output.js';

/** Every command, flows first, for `slipway --help` and "did you mean". */
export function commandList(): Array<{ name: string; describe: string }> {
  return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe })), ...extraCommands.map(({ name, describe }) => ({ name, describe }))];
}

/** Commands that run something (not help, completion or init): at a terminal they end with a line saying how it went and how long it took. */
const RUNS = new Set(['demo', 'pipeline', 'preview', 'status', 'history', 'lock']);

/**
 * `slipway <command> [flags]` → exit code: 0 ok, 1 failed, 2 an input error
 * (the codes `slipway --help` documents). Adding a command is one entry in flows.ts.
 * With `--json`, stdout holds exactly one JSON document, whatever the command (json-output.ts).
 */
export async function main(argv: string[]): Promise<number> {
  const [, ...args] = argv;
  // Read before parsing, so a flag error is reported the way they ask too.
  if (args.includes('--json')) return withOneJsonDocument(() => dispatch(argv));
  return dispatch(argv);
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const json = args.includes('--json');
  const debug = args.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
  // `--quiet`: errors only on stderr; the result still goes to stdout.
  const log = terminalLogger({ quiet: args.includes('--quiet'), debug });
  const started = Date.now();
  const runs = name !== undefined && (RUNS.has(name) || flows.some((flow) => flow.command === name || flow.action === name)) && !args.includes('--help') && !args.includes('-h');
  const code = await command(name, args, log, json, debug);
  // Exit 2: nothing ran, and the error line said why.
  if (runs && code !== 2) log.finished(`slipway ${name}`, code, started);
  return code;
}

async function command(name: string | undefined, args: string[], log: ReturnType<typeof terminalLogger>, json: boolean, debug: boolean): Promise<number> {
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      process.stdout.write(usage(commandList(), packageVersion()));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      process.stdout.write(json ? `${JSON.stringify({ ok: true, version: packageVersion() })}\n` : `slipway ${packageVersion()}\n`);
      return 0;
    }
    if (name === 'help') return await help(args);
    const extra = extraCommands.find((command) => command.name === name);
    if (extra) return await extra.run(args, log);
    const flow = flows.find((candidate) => candidate.command === name || candidate.action === name);
    if (!flow) throw unknownCommand(name);
    return await runFlowCommand(flow, args, log, { json, stdout: process.stdout, during: (title, body) => log.during(title, body) });
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}

/** `slipway help [command]` is `slipway [command] --help`. */
async function help(args: string[]): Promise<number> {
  // The global switches are taken here as everywhere (--json wraps the text as one document).
  const [command, ...more] = args.filter((arg) => !['--json', '--quiet', '--debug'].includes(arg));
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
