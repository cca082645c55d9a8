#!/usr/bin/env node
import path from 'node:path';
import { formatError, InputError } from '../core/errors.js';
import { ConsoleLogger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { CANCELLED_EXIT_CODE, handleCancelSignals } from '../platform/cancel-signals.js';
import { expandEnv, loadConfigFile } from './config-file.js';
import { flows, extraCommands } from './flows.js';
import { localContext, runFlow } from './run-flow.js';
import { parseFlags } from './flags.js';
import { packageVersion } from './commands/version.js';

const USAGE = `slipway <command> [--input value …] [--config slipway.yml] [--json] [--debug]

Commands:
${[...flows.map((flow) => `  ${flow.command.padEnd(10)} ${flow.describe}`), ...extraCommands.map((c) => `  ${c.name.padEnd(10)} ${c.describe}`)].join('\n')}

Every --input is the same name as the action's input (see docs/actions/). Values
may also come from slipway.yml: a section per command plus "defaults".`;

export async function main(argv: string[]): Promise<number> {
  const [commandName, ...rest] = argv;
  const json = rest.includes('--json');
  const debug = rest.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
  const log = new ConsoleLogger({ debug });
  try {
    if (commandName === '--version') { process.stdout.write(`slipway ${packageVersion()}\n`); return 0; }
    if (!commandName || commandName === '--help' || commandName === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return commandName ? 0 : 2;
    }
    const extra = extraCommands.find((command) => command.name === commandName);
    if (extra) return await extra.run(rest, log);
    const flow = flows.find((candidate) => candidate.command === commandName || candidate.action === commandName);
    if (!flow) throw new InputError(`command '${commandName}'`, 'is unknown', `Run \`slipway help\` for the list.`);
    const { values: flagValues, global } = parseFlags(rest);
    const configPath = typeof global.config === 'string' ? global.config : 'slipway.yml';
    const config = loadConfigFile(path.resolve(configPath), typeof global.config === 'string');
    const fromFile = { ...config.defaults, ...config[flow.command] };
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(fromFile)) values[key] = expandEnv(value, `${configPath}: ${flow.command}.${key}`, process.env);
    Object.assign(values, flagValues);
    // Ctrl-C / SIGTERM: a flow that handles cancel winds down whole (docs/cancel.md); others stop after removing their key files.
    const cancel = handleCancelSignals(log, flow.handlesCancel === true);
    let run: Awaited<ReturnType<typeof runFlow>>;
    try {
      // A slipway.yml value (often `${env:SECRET}`) is never quoted back in an error.
      run = await runFlow(flow, values, localContext(log, { signal: cancel.signal }), Object.keys(fromFile).filter((key) => !(key in flagValues)));
    } catch (error) {
      if (!cancel.received()) throw error;
      log.error(`cancelled (${cancel.received()}): ${formatError(error, debug)}`);
      return CANCELLED_EXIT_CODE;
    } finally {
      cancel.dispose();
    }
    if (json) {
      process.stdout.write(`${redact(JSON.stringify({ ok: !run.failure, failure: run.failure, outputs: run.outputs, result: run.result }, null, 2))}\n`);
    } else {
      process.stdout.write(redact(renderText(flow.summary(run.result))));
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
  } catch (error) {
    const message = formatError(error, debug);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? 2 : 1;
  }
}

// Run when executed (the bundle is `dist/cli/index.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:cli[\\/]index|cli[\\/]main)\.[jt]s$/.test(invoked) || invoked.endsWith('slipway')) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // A cancelled run has cleaned up; a check it cut short may still have a timer running.
    if (code === CANCELLED_EXIT_CODE) process.exit(code);
  });
}
