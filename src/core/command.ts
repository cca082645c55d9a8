/**
 * A command as data: which program, which arguments (an array, never a shell
 * string), extra environment and stdin. Builders in the core return these; only
 * a Runner turns them into processes, so builders are tested as plain data.
 */
export interface CommandSpec {
  file: string;
  args: string[];
  /** Added to the inherited environment (or to an empty one with `cleanEnv`). */
  env?: Record<string, string>;
  /** Start from an empty environment (plus PATH/HOME) instead of inheriting. */
  cleanEnv?: boolean;
  /** Bytes for the process's stdin: how passwords travel. */
  stdin?: string | Buffer;
  cwd?: string;
}

/** How a command prints in logs and errors: arguments quoted so `["a b"]` differs from `["a","b"]`. */
export function describeCommand(spec: Pick<CommandSpec, 'file' | 'args'>): string {
  return [spec.file, ...spec.args].map(quoteForDisplay).join(' ');
}

function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Quote one word for a POSIX shell (the remote side of ssh always gets a shell). */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Join an argument array into one remote command line, each word quoted. */
export function shellJoin(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
