import { formatError, InputError } from '../../core/errors.js';
import { ProcessRunner } from '../../core/runner/process-runner.js';
import { Inputs } from '../../core/config/inputs.js';
import { redact } from '../../core/secrets.js';
import { parseStatusSettings, type StatusContext, type StatusSettings } from '../../deploy/status.js';
import { terminalLogger } from '../terminal.js';
import { HOST_INPUTS, hostInputs, parseCommandArgs, type CommandIo, type ParsedArgs } from './command-io.js';

/** Exit codes every command shares (docs/cli.md). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface HostCommandSpec {
  /** slipway.yml section read after defaults: and deploy: */
  section: string;
  help: string;
  extraValues?: readonly string[];
  switches?: readonly string[];
  positionals?: number;
  logLines?: number;
}

export interface HostCommandRun {
  parsed: ParsedArgs;
  settings: StatusSettings;
  context: StatusContext;
  json: boolean;
  io: CommandIo;
  /** Shows `title` on the status line at a terminal while `body` runs (nothing in plain output). */
  during<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/**
 * The frame of status, history and lock: strict flags, slipway.yml, the deploy's
 * SSH settings; then `body`. `--json` puts one document on stdout and nothing else;
 * everything for people goes to stderr.
 */
export async function runHostCommand(args: string[], io: CommandIo, spec: HostCommandSpec, body: (run: HostCommandRun) => Promise<number>): Promise<number> {
  const json = args.includes('--json');
  const debug = args.includes('--debug') || io.env.SLIPWAY_DEBUG === '1';
  const log = terminalLogger({ stream: io.stderr, env: io.env, debug, quiet: args.includes('--quiet') });
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(spec.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(args, { values: [...HOST_INPUTS, 'lines', ...(spec.extraValues ?? [])], switches: spec.switches ?? [], positionals: spec.positionals });
    const source = hostInputs(parsed, io, spec.section, [...HOST_INPUTS, 'lines', ...(spec.extraValues ?? [])]);
    const settings = parseStatusSettings(new Inputs(source), { logLines: spec.logLines });
    return await body({ parsed, settings, context: { runner: new ProcessRunner(log), log }, json, io, during: (title, work) => log.during(title, work) });
  } catch (error) {
    const message = formatError(error, debug);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    log.error(message);
    return error instanceof InputError ? EXIT.usage : EXIT.failed;
  }
}

export function writeJson(io: CommandIo, document: unknown): void {
  io.stdout.write(`${redact(JSON.stringify(document, null, 2))}\n`);
}

/** The SSH and placement flags these commands share, for their --help. */
export const HOST_FLAGS_HELP = `Hosts (the same inputs and slipway.yml "deploy:" section as slipway deploy):
  --host / --hosts [user@]host[:port]   one, or one per line / comma-separated
  --user, --port, --private-key, --passphrase, --jump-host
  --known-hosts / --host-fingerprint     the host key, checked as for the deploy
  --app-dir DIR                          the deploy's app-dir ({host}, {index} replaced)
  --strategy compose|release|script|swarm, --service, --compose-project, --stack
  --lock-file, --deploy-log              release: the team's lock and log under app-dir, as the deploy has them
  --config FILE                          slipway.yml (default: ./slipway.yml if present)
  --json                                 one JSON document on stdout, nothing else there
  --quiet                                only errors on stderr; the result still goes to stdout
`;
