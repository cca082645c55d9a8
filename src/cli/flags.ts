import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';

/** Flags are the action inputs: `--tags a,b` or `--tags=a`; a bare `--push` means true. */
export function parseFlags(args: string[]): { values: Record<string, string>; global: Record<string, string | boolean> } {
  const { tokens } = parseArgs({ args, strict: false, tokens: true, allowPositionals: true });
  const values: Record<string, string> = {};
  const global: Record<string, string | boolean> = {};
  const globalNames = new Set(['config', 'json', 'debug', 'help']);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.kind === 'positional') throw new InputError(`'${token.value}'`, 'is not a flag', 'Pass inputs as --name value.');
    if (token.kind !== 'option') continue;
    let value: string | boolean | undefined = token.value;
    const next = tokens[i + 1];
    if (value === undefined && next?.kind === 'positional') { value = next.value; i += 1; }
    if (globalNames.has(token.name)) global[token.name] = value ?? true;
    else values[token.name] = value === undefined ? 'true' : String(value);
  }
  return { values, global };
}
