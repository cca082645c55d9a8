import { InputError } from '../errors.js';
import { registerSecret } from '../secrets.js';

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
}

export function mapInputSource(values: Record<string, string | undefined>, style: 'action' | 'cli' = 'action'): InputSource {
  return {
    get: (name) => values[name],
    describe: (name) => (style === 'cli' ? `--${name}` : `input '${name}'`),
  };
}

export class Inputs {
  constructor(readonly source: InputSource) {}

  private raw(name: string): string | undefined {
    const value = this.source.get(name);
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  fail(name: string, problem: string, fix?: string): never {
    throw new InputError(this.source.describe(name), problem, fix);
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

  /** A secret: registered for redaction the moment it is read. Never trimmed. */
  secret(name: string): string | undefined {
    const value = this.source.get(name);
    if (!value) return undefined;
    registerSecret(value);
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    return this.fail(name, `is not a boolean (found '${value}', expected true or false)`);
  }

  integer(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) this.fail(name, `is not a whole number (found '${value}')`);
    const parsed = Number(value);
    if (range.min !== undefined && parsed < range.min) this.fail(name, `is too small (found ${parsed}, expected at least ${range.min})`);
    if (range.max !== undefined && parsed > range.max) this.fail(name, `is too large (found ${parsed}, expected at most ${range.max})`);
    return parsed;
  }

  /** A duration: `90`, `90s`, `5m`, `1h`, `2d`, `500ms`; returns milliseconds. */
  duration(name: string, fallbackMs: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackMs;
    const ms = parseDuration(value);
    if (ms === undefined) this.fail(name, `is not a duration (found '${value}', expected e.g. 30s, 5m, 1h or 2d)`);
    return ms;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      this.fail(name, `is not one of ${choices.join(', ')} (found '${value}')`);
    }
    return value as T;
  }

  /** Newline- or comma-separated list; blank entries and `#` comments dropped. */
  list(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return splitList(value);
  }

  /** `KEY=VALUE` lines (or comma-separated pairs). */
  keyValues(name: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of this.list(name)) {
      const index = entry.indexOf('=');
      if (index <= 0) this.fail(name, `has an entry without KEY= (found '${entry.slice(0, 40)}')`, 'Write one KEY=VALUE per line.');
      result[entry.slice(0, index).trim()] = entry.slice(index + 1);
    }
    return result;
  }
}

export function splitList(value: string): string[] {
  const separator = value.includes('\n') ? /\r?\n/ : /,/;
  return value
    .split(separator)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'));
}

export function parseDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
  return Math.round(Number(match[1]) * factor);
}
