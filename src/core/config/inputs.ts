import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { registerSecret, registerSecretPieces } from '../secrets.js';

/**
 * Raw inputs by their kebab-case name, as both edges see them: the Actions edge
 * reads `with:` values, the CLI reads flags and `slipway.yml`. Each flow's
 * settings parser turns them into one typed object and fails here, naming the
 * input, before anything runs.
 */
export interface InputSource {
  get(name: string): string | undefined;
  /** How the user names this input where they set it: `input 'tags'` or `--tags`. */
  describe(name: string): string;
  /**
   * False for a value an error must not quote (one read from a file such as
   * slipway.yml, which may hold anything): its `(found '…')` becomes its length.
   */
  quotable?(name: string): boolean;
}

export function mapInputSource(values: Record<string, string | undefined>, style: 'action' | 'cli' = 'action', options: { unquoted?: Iterable<string> } = {}): InputSource {
  const unquoted = new Set(options.unquoted ?? []);
  return {
    get: (name) => values[name],
    describe: (name) => (style === 'cli' ? `--${name}` : `input '${name}'`),
    quotable: (name) => !unquoted.has(name),
  };
}

/** `(found 'text')` → `(found a value of N characters)`: the problem stays, the text does not. */
export function withoutQuotedValues(problem: string): string {
  return problem.replace(/\(found '([^]*?)'(?=[,)])/g, (_all, found: string) => `(found a value of ${found.length} characters`);
}

/** Node's timers take at most 2^31-1 ms (about 24.8 days); a longer delay fires at once. */
export const MAX_DURATION_MS = 2_147_483_647;
/** Ten years: the longest age worth comparing with. */
const MAX_AGE_MS = 3650 * 86_400_000;
/** A count larger than this is a typo, never a plan. */
const MAX_COUNT = 1_000_000_000;

/** C0 controls, DEL and C1 controls except tab, line feed and carriage return (multi-line inputs). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Names a shell and `docker -e` accept as environment variable names. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Every value is screened as it is read, whichever accessor (or `source.get`)
 * reads it: a NUL or an escape sequence is refused by position, never quoted,
 * since the value may be a secret.
 */
function screened(source: InputSource): InputSource {
  return {
    describe: (name) => source.describe(name),
    quotable: (name) => source.quotable?.(name) ?? true,
    get: (name) => {
      const value = source.get(name);
      if (value === undefined) return undefined;
      const match = CONTROL_CHARACTER.exec(value);
      if (match) {
        const code = match[0].charCodeAt(0).toString(16).padStart(4, '0');
        throw new InputError(source.describe(name), `contains a control character (U+${code.toUpperCase()} at position ${match.index + 1})`, 'Remove it: inputs are text, and NUL or escape characters would reach the tools Slipway runs.');
      }
      return value;
    },
  };
}

export interface KeyValueOptions {
  /** The values are credentials: registered for masking (every piece), nothing of a line quoted in an error. */
  secret?: boolean;
  /** Keys must be environment variable names. */
  envNames?: boolean;
}

export class Inputs {
  readonly source: InputSource;
  constructor(source: InputSource) {
    this.source = screened(source);
  }

  private raw(name: string): string | undefined {
    const value = this.source.get(name);
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  fail(name: string, problem: string, fix?: string): never {
    throw new InputError(this.source.describe(name), this.source.quotable?.(name) === false ? withoutQuotedValues(problem) : problem, fix);
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  required(name: string, fix?: string): string {
    const value = this.raw(name);
    if (value === undefined) this.fail(name, 'is required but was empty', fix ?? `Set ${this.source.describe(name)}.`);
    return value;
  }

  /**
   * A value that reaches a tool as a positional argument (a host, a user, a
   * container, a database): one line, and never starting with `-`, so no tool
   * can read it as an option.
   */
  argument(name: string, fallback?: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    this.checkArgument(name, value);
    return value;
  }

  /** The same rule for one entry of a list input (`hosts`, `tags`). */
  checkArgument(name: string, value: string): string {
    if (/[\r\n]/.test(value)) this.fail(name, 'holds more than one line where one value is expected', 'Give one value on one line.');
    if (value.startsWith('-')) this.fail(name, `starts with '-', so the tool it is passed to would read it as an option (found '${value}')`, 'Remove the leading dash; options cannot be passed through this input.');
    return value;
  }

  /** A secret: registered for redaction the moment it is read. Never trimmed. */
  secret(name: string): string | undefined {
    const value = this.source.get(name);
    if (!value) return undefined;
    registerSecret(value);
    return value;
  }

  /**
   * A token sent in an HTTP header (an API token, a forge token): a secret, and one
   * word, since a space or line break would split the header or forge another one.
   * Every piece is masked before the refusal, which never quotes it.
   */
  token(name: string, fix = 'Paste the token alone, without a prefix such as Bearer, spaces or a trailing newline.'): string | undefined {
    const value = this.secret(name);
    if (value === undefined || value.trim() === '') return undefined;
    if (/\s/.test(value)) {
      registerSecretPieces(value);
      this.fail(name, 'holds spaces or line breaks', fix);
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    return this.fail(name, `is not a boolean (found '${clip(value)}', expected true or false)`);
  }

  integer(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) this.fail(name, `is not a whole number (found '${clip(value)}')`);
    const parsed = Number(value);
    const max = range.max ?? MAX_COUNT;
    if (range.min !== undefined && parsed < range.min) this.fail(name, `is too small (found ${parsed}, expected at least ${range.min})`);
    if (!Number.isSafeInteger(parsed) || parsed > max) this.fail(name, `is too large (found ${clip(value)}, expected at most ${max})`);
    return parsed;
  }

  /**
   * A duration: `90`, `90s`, `5m`, `1h`, `2d`, `500ms`; returns milliseconds.
   * Bounded by what a timer can wait (`timer: false` for an age that is only
   * compared); `min: 1` where 0 would turn a limit off.
   */
  duration(name: string, fallbackMs: number, range: { min?: number; max?: number; timer?: boolean } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackMs;
    const ms = parseDuration(value);
    if (ms === undefined) this.fail(name, `is not a duration (found '${clip(value)}', expected e.g. 30s, 5m, 1h or 2d)`);
    // An age compared with timestamps (`max-age`) may be longer than any timer can wait.
    const max = range.timer === false ? range.max ?? MAX_AGE_MS : Math.min(range.max ?? MAX_DURATION_MS, MAX_DURATION_MS);
    if (ms > max) this.fail(name, `is too long (found '${value}', expected at most ${formatDuration(max)})`, range.timer === false ? 'Give a shorter duration.' : 'Give a shorter duration; timers cannot wait longer.');
    if (range.min !== undefined && ms < range.min) {
      this.fail(name, ms === 0 ? `is 0, which would turn this limit off (found '${value}')` : `is too short (found '${value}', expected at least ${formatDuration(range.min)})`, 'Give a positive duration such as 30s or 10m.');
    }
    return ms;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      this.fail(name, `is not one of ${choices.join(', ')} (found '${clip(value)}')`);
    }
    return value as T;
  }

  /** Newline- or comma-separated list; blank entries and `#` comments dropped. */
  list(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return splitList(value);
  }

  /**
   * `KEY=VALUE` lines. A secret input splits on lines only (a value may hold
   * commas) and its errors give the line number, never the line; every value,
   * and every piece of it a tool could print, is registered for masking first.
   * Other inputs also accept one line of comma-separated pairs.
   */
  keyValues(name: string, options: KeyValueOptions = {}): Record<string, string> {
    const raw = options.secret ? this.secret(name) : this.source.get(name);
    const result: Record<string, string> = {};
    if (raw === undefined || raw.trim() === '') return result;
    const lines = raw.split(/\r?\n/);
    const entries = options.secret || lines.length > 1
      ? lines.map((line, index) => ({ line: index + 1, text: line.trim() }))
      : raw.split(',').map((text, index) => ({ line: 0, entry: index + 1, text: text.trim() }));
    const where = (entry: { line: number; entry?: number }) => (entry.line || entries.length === 1 ? `line ${entry.line || 1}` : `entry ${entry.entry ?? 1}`);
    for (const entry of entries) {
      if (entry.text === '' || entry.text.startsWith('#')) continue;
      const index = entry.text.indexOf('=');
      const key = index > 0 ? entry.text.slice(0, index).trim() : '';
      if (options.secret) registerSecretPieces(index >= 0 ? entry.text.slice(index + 1) : entry.text);
      if (!key) this.fail(name, `${where(entry)} has no KEY= before its value`, 'Write one KEY=VALUE per line.');
      const validKey = options.envNames ? ENV_NAME.test(key) : /^[^\s]+$/.test(key);
      if (!validKey) {
        const found = options.secret ? '' : ` (found '${clip(key)}')`;
        this.fail(name, `${where(entry)} has a key that is not ${options.envNames ? 'an environment variable name' : 'a name'}${found}`, options.envNames ? 'Keys are letters, digits and _, not starting with a digit.' : 'Write one KEY=VALUE per line.');
      }
      result[key] = entry.text.slice(index + 1);
    }
    return result;
  }

  /**
   * A path on the runner, resolved against `base` (the workspace) through its
   * symlinks. Relative paths must stay inside `base`; an absolute path is the
   * user asking for somewhere else and is taken as given.
   */
  localPath(name: string, base: string, options: { mustExist?: 'file' | 'dir' | 'any'; fallback?: string } = {}): string | undefined {
    const value = this.raw(name) ?? options.fallback;
    if (value === undefined) return undefined;
    if (/[\r\n]/.test(value)) this.fail(name, 'holds more than one line where one path is expected');
    const resolved = resolveThroughLinks(path.resolve(base, value));
    if (!path.isAbsolute(value)) {
      const root = resolveThroughLinks(path.resolve(base));
      if (resolved !== root && !resolved.startsWith(`${root}${path.sep}`)) {
        this.fail(name, `points outside the workspace (found '${clip(value)}')`, 'Give a path inside the workspace, or an absolute path if you mean a place outside it.');
      }
    }
    if (options.mustExist) {
      let stat: fs.Stats | undefined;
      try { stat = fs.statSync(resolved); } catch { stat = undefined; }
      if (!stat) this.fail(name, `names a path that does not exist (found '${clip(value)}')`, 'Check the path (relative paths start at the workspace).');
      if (options.mustExist === 'file' && !stat.isFile()) this.fail(name, `is not a file (found '${clip(value)}')`);
      if (options.mustExist === 'dir' && !stat.isDirectory()) this.fail(name, `is not a directory (found '${clip(value)}')`);
      if (options.mustExist === 'any' && !stat.isFile() && !stat.isDirectory()) this.fail(name, `is neither a file nor a directory (found '${clip(value)}')`);
    }
    return resolved;
  }
}

/** The real path of `target`, or of its deepest existing ancestor with the rest appended: a symlink is judged by where it leads. */
export function resolveThroughLinks(target: string): string {
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.join(existing, ...rest);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** Values quoted in errors are shortened: an error is one readable line. */
function clip(value: string): string {
  const line = value.split(/\r?\n/)[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

export function formatDuration(ms: number): string {
  if (ms >= 86_400_000) return `${Math.floor(ms / 86_400_000)}d`;
  if (ms >= 3_600_000) return `${Math.floor(ms / 3_600_000)}h`;
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)}m`;
  if (ms >= 1000) return `${Math.floor(ms / 1000)}s`;
  return `${ms}ms`;
}

export function splitList(value: string): string[] {
  const separator = value.includes('\n') ? /\r?\n/ : /,/;
  return value
    .split(separator)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'));
}

export function parseDuration(value: string): number | undefined {
  const match = /^(\d{1,12}(?:\.\d{1,6})?)\s*(ms|s|m|h|d)?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
  return Math.round(Number(match[1]) * factor);
}
