import path from 'node:path';
import readline from 'node:readline/promises';
import { InputError } from '../../core/errors.js';
import { SSH_INPUT_NAMES } from '../../ssh/index.js';
import type { InputSource } from '../../core/config/inputs.js';
import { expandEnv, loadConfig } from '../config-file.js';

/**
 * What a command touches of the process, passed in so specs run a command in
 * process and read exactly what a person (or a script reading --json) would see.
 */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  /** isTTY and columns (process.stderr has them) decide the progress line and colour (terminal.ts). */
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Reads one answer from the terminal; undefined when stdin is not a TTY. */
  ask?: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CommandIo {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    ...(interactive ? {
      ask: async (question: string) => {
        const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
        try { return await prompt.question(question); } finally { prompt.close(); }
      },
    } : {}),
  };
}

export interface ParsedArgs {
  positionals: string[];
  /** Input values by name (kebab-case, as the action's inputs). */
  values: Record<string, string>;
  /** Flags that take no value. */
  switches: Set<string>;
  config?: string;
}

/** The deploy's SSH and placement inputs: status, history and lock read the host the way the deploy reached it. */
export const HOST_INPUTS = [...SSH_INPUT_NAMES, 'strategy', 'app-dir', 'service', 'compose-project', 'health-url', 'stack', 'lock-file', 'deploy-log'] as const;

/**
 * A strict parser for these commands: `--name value`, `--name=value`; a flag not
 * declared is an error naming it (a typo must not silently read the host's defaults).
 */
export function parseCommandArgs(args: string[], spec: { values: readonly string[]; switches: readonly string[]; positionals?: number }): ParsedArgs {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  const positionals: string[] = [];
  let config: string | undefined;
  const valueNames = new Set([...spec.values, 'config']);
  const switchNames = new Set([...spec.switches, 'json', 'debug', 'quiet', 'help']);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new InputError(`'${arg}'`, 'is not a flag this command knows', 'Flags are written --name value; run the command with --help for the list.');
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
    if (switchNames.has(name)) {
      if (inline !== undefined) throw new InputError(`--${name}`, 'takes no value');
      switches.add(name);
    } else if (valueNames.has(name)) {
      const value = inline ?? args[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new InputError(`--${name}`, 'needs a value', `Write --${name} VALUE.`);
      if (inline === undefined) i += 1;
      if (name === 'config') config = value;
      else values[name] = value;
    } else {
      throw new InputError(`--${name}`, 'is not a flag this command knows', 'Run the command with --help for the flags it takes.');
    }
  }
  if (positionals.length > (spec.positionals ?? 0)) throw new InputError(`'${positionals[spec.positionals ?? 0]}'`, 'is not expected here', 'Run the command with --help.');
  return { positionals, values, switches, config };
}

/**
 * The values a host-reading command runs with: slipway.yml's `defaults:` and
 * `deploy:` sections (so it reads what the deploy wrote) then its own section,
 * then flags. From the shared sections only the names the command knows are
 * taken; in its own section an unknown name is an error naming its line.
 * The source describes each input where it was set (`slipway.yml:7 (deploy.app-dir)` or `--app-dir`).
 */
export function hostInputs(parsed: ParsedArgs, io: CommandIo, section: string, names: readonly string[]): InputSource {
  const configPath = parsed.config ?? 'slipway.yml';
  const config = loadConfig(path.resolve(io.cwd, configPath), parsed.config !== undefined);
  const known = new Set(names);
  const values: Record<string, string> = {};
  const origin: Record<string, string> = {};
  for (const from of ['defaults', 'deploy', section]) {
    for (const [key, value] of Object.entries(config.sections[from] ?? {})) {
      if (!known.has(key)) {
        if (from === section) throw new InputError(config.where(from, key), `is not an input of slipway ${section}`, `Its inputs are the deploy's host settings: ${names.join(', ')}.`);
        continue;
      }
      values[key] = expandEnv(value, config.where(from, key), io.env);
      origin[key] = config.where(from, key);
    }
  }
  Object.assign(values, parsed.values);
  return {
    get: (name) => values[name],
    describe: (name) => (name in parsed.values || !origin[name] ? `--${name}` : origin[name] ?? `--${name}`),
  };
}
