import { InputError } from '../core/errors.js';
import { ACTION_INPUTS, type ActionInput } from './generated/action-inputs.js';

/** Flags every command takes (`--config` takes a value, the rest are switches). */
export const GLOBAL_SWITCHES = ['json', 'debug', 'quiet', 'help'] as const;
/** `--version` is Slipway's version only where the command has no `version` input of its own. */
export type GlobalSwitch = (typeof GLOBAL_SWITCHES)[number] | 'dry-run' | 'version';

/** What one command accepts: its action's inputs (as flags) and which global switches. */
export interface FlagSet {
  command: string;
  /** Flag name → the input it sets. */
  inputs: ReadonlyMap<string, FlagInput>;
  /** `--dry-run` as a CLI switch (deploy, drill); the pipeline has it as an input instead. */
  dryRun: boolean;
}

export interface FlagInput {
  input: ActionInput;
  /** A boolean input (default true/false): a bare `--name` means true, `--no-name` false. */
  boolean: boolean;
}

export interface CommandLine {
  /** Input values by input name. */
  values: Record<string, string>;
  config?: string;
  switches: Set<GlobalSwitch>;
}

/**
 * Flag names that differ from their input's name, where the input's name is taken:
 * secret-scan's `config` input is `--scan-config`, since `--config` names slipway.yml
 * for every command; compose's `env-file` is `--compose-env-file`, since Node 20 reads
 * `--env-file` as its own option even after the script name and never starts Slipway.
 */
export const RENAMED_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'secret-scan': { config: 'scan-config' },
  'ssh-deploy': { 'env-file': 'compose-env-file' },
  'deploy-pipeline': { 'env-file': 'compose-env-file' },
};

const BOOLEAN_WORD = /^(true|false|yes|no|on|off|1|0)$/i;

/** The flags of the command backed by `action` (a folder under actions/, or deploy-pipeline). */
export function flagSetFor(command: string, action: string, options: { dryRun?: boolean } = {}): FlagSet {
  const spec = ACTION_INPUTS[action];
  if (!spec) throw new Error(`no generated inputs for action '${action}'`);
  const renamed = RENAMED_FLAGS[action] ?? {};
  const inputs = new Map<string, FlagInput>();
  for (const input of spec.inputs) {
    inputs.set(renamed[input.name] ?? input.name, { input, boolean: input.default === 'true' || input.default === 'false' });
  }
  return { command, inputs, dryRun: options.dryRun === true };
}

/** A command that takes no inputs, only the global switches (demo). */
export function switchesOnly(command: string): FlagSet {
  return { command, inputs: new Map(), dryRun: false };
}

/** Flag names of a set as the user types them (`--name`), globals included. */
export function knownFlags(set: FlagSet): string[] {
  return [...set.inputs.keys(), 'config', ...GLOBAL_SWITCHES, ...(set.dryRun ? ['dry-run'] : [])];
}

/**
 * Strict parsing of `--name value`, `--name=value`, bare boolean `--name`, `--no-name`.
 * An unknown flag is an error suggesting the nearest known one; a value never
 * starts with `-` unless written `--name=-x` (so a flag is never swallowed as a value);
 * a flag given twice and a stray word are errors. Nothing is defaulted here: the
 * flow's parser decides about each value.
 */
export function parseCommandLine(args: readonly string[], set: FlagSet): CommandLine {
  const values: Record<string, string> = {};
  const switches = new Set<GlobalSwitch>();
  let config: string | undefined;
  const seen = new Set<string>();
  const once = (flag: string) => {
    if (seen.has(flag)) throw new InputError(`--${flag}`, 'is given twice', `Give it once; a list input takes one value with one item per line or comma-separated, e.g. --${flag} 'a,b'.`);
    seen.add(flag);
  };
  /** The bare boolean flag just read: a stray word after it was probably meant as its value. */
  let bareBoolean: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const after = bareBoolean;
    bareBoolean = undefined;
    if (arg === '-h') { switches.add('help'); continue; }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg !== '-' && arg !== '--') throw unknownFlag(arg, set);
      const hint = after ? ` (--${after} is a switch: write --${after}=${arg} to give it a value)` : '';
      throw new InputError(`'${arg}'`, `is not a flag${hint}`, `Inputs are given as --name value; run \`slipway ${set.command} --help\` for the list.`);
    }
    const [rawName = '', inline] = arg.slice(2).split(/=(.*)/s);
    const negated = rawName.startsWith('no-') && !set.inputs.has(rawName) && set.inputs.get(rawName.slice(3))?.boolean === true;
    const name = negated ? rawName.slice(3) : rawName;
    if ((GLOBAL_SWITCHES as readonly string[]).includes(name) || (name === 'dry-run' && set.dryRun)) {
      if (inline !== undefined) throw new InputError(`--${name}`, 'takes no value', `Write --${name} alone.`);
      once(name);
      switches.add(name as GlobalSwitch);
      continue;
    }
    if (name === 'version' && !set.inputs.has('version')) {
      if (inline !== undefined) throw new InputError('--version', `takes no value in slipway ${set.command} (it has no version input)`, 'Write --version alone for the installed version.');
      switches.add('version');
      continue;
    }
    if (name === 'config') {
      once(name);
      config = takeValue(args, i, name, inline);
      if (inline === undefined) i += 1;
      continue;
    }
    const flag = set.inputs.get(name);
    if (!flag) {
      if (name === 'dry-run') throw new InputError('--dry-run', `is not available for slipway ${set.command}: it has no dry run, and nothing was run`, 'Leave --dry-run out; the commands with a dry run are deploy, drill and pipeline.');
      throw unknownFlag(`--${rawName}`, set);
    }
    once(name);
    if (negated) {
      if (inline !== undefined) throw new InputError(`--${rawName}`, 'takes no value', `Write --${rawName} alone, or --${name}=false.`);
      values[flag.input.name] = 'false';
    } else if (flag.boolean) {
      const next = args[i + 1];
      if (inline !== undefined) values[flag.input.name] = inline;
      else if (next !== undefined && BOOLEAN_WORD.test(next)) { values[flag.input.name] = next; i += 1; }
      else { values[flag.input.name] = 'true'; bareBoolean = name; }
    } else {
      values[flag.input.name] = takeValue(args, i, name, inline);
      if (inline === undefined) i += 1;
    }
  }
  return { values, config, switches };
}

function takeValue(args: readonly string[], i: number, name: string, inline: string | undefined): string {
  if (inline !== undefined) return inline;
  const next = args[i + 1];
  if (next === undefined) throw new InputError(`--${name}`, 'needs a value', `Write --${name} VALUE.`);
  // `--host -x` would otherwise hand a flag to a flag; `-` alone (stdin) is a value.
  if (next.startsWith('-') && next !== '-') {
    // The word may be a secret that starts with '-' (a pasted key): only a flag-shaped word is quoted.
    const shown = flagShaped(next) ? `the flag '${next.split('=')[0]}'` : "a word that starts with '-'";
    throw new InputError(`--${name}`, `needs a value, but the next word is ${shown}`, `Give --${name} its value. A value that really starts with '-' is written --${name}=VALUE (then the command still checks it).`);
  }
  return next;
}

/** `--name` or `-x` (a value after `=` left off): what may be quoted back without echoing a value. */
function flagShaped(word: string): boolean {
  return /^--?[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/.test(word.split('=')[0] ?? '');
}

function unknownFlag(flag: string, set: FlagSet): InputError {
  if (!flagShaped(flag)) return new InputError("a word that starts with '-'", `is not a flag of slipway ${set.command}`, `Flags are written --name VALUE; run \`slipway ${set.command} --help\` for the list.`);
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  const nearest = suggest(name, knownFlags(set));
  const elsewhere = Object.entries(ACTION_INPUTS).some(([, spec]) => spec.inputs.some((input) => input.name === name));
  const fix = nearest
    ? `Did you mean --${nearest}? Run \`slipway ${set.command} --help\` for every flag.`
    : `Run \`slipway ${set.command} --help\` for the flags it takes${elsewhere ? ` (--${name} is an input of another command)` : ''}.`;
  return new InputError(flag.split('=')[0] ?? flag, `is not a flag of slipway ${set.command}`, fix);
}

/** `--help` anywhere wins over a flag error: someone asking for help is about to fix one. */
export function asksForHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** The known name nearest to `given` (typos, swapped letters, a cut-off prefix), if one is near enough. */
export function suggest(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = given.length >= 3 && name.startsWith(given) ? 1 : editDistance(given, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
