import crypto from 'node:crypto';
import { redact } from './secrets.js';

/** Where a finding points, for annotations on the file and line. */
export interface SourceLocation {
  file?: string;
  line?: number;
  endLine?: number;
  title?: string;
}

/**
 * The only way core code reports progress. Edges implement it: the Actions edge
 * with the runner's workflow commands (groups, annotations), the CLI with a console (TTY aware).
 */
export interface Logger {
  info(message: string): void;
  warn(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  debug(message: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /**
   * A line of a tool's streamed output (a build, a pull or push, a hook). An edge
   * may show it as passing progress rather than a line of its own; without this
   * method it is logged with `info`.
   */
  output?(line: string): void;
}

/** A logger that keeps every (redacted) line; for tests and for `--json` runs. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void { this.lines.push(redact(message)); }
  warn(message: string): void { this.lines.push(`warning: ${redact(message)}`); }
  error(message: string): void { this.lines.push(`error: ${redact(message)}`); }
  debug(message: string): void { this.lines.push(`debug: ${redact(message)}`); }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.lines.push(`## ${redact(title)}`);
    return body();
  }
  text(): string { return this.lines.join('\n'); }
}

/** A line a runner would read as a workflow command (`::error::`, `::add-mask::`, the old `##[…]` form), leading blanks allowed. */
const WORKFLOW_COMMAND_LINE = /^[ \t]*(::|##\[)/m;

/**
 * Text about to be printed where a runner parses workflow commands. Any line of
 * it could come from outside (a remote host's output, an app's response), so a
 * message holding a command-looking line is wrapped in a `stop-commands` block
 * with a fresh random token, which GitHub's and Forgejo's runners both honour:
 * the text shows as written and runs nothing.
 */
export function inertText(text: string): string {
  if (!WORKFLOW_COMMAND_LINE.test(text) || isOwnBlock(text)) return text;
  const token = `slipway-${crypto.randomBytes(16).toString('hex')}`;
  issuedTokens.add(token);
  return `::stop-commands::${token}\n${text}\n::${token}::`;
}

/** Tokens this process made: only a block it wrapped itself is passed through unwrapped again (a summary printed to the log). */
const issuedTokens = new Set<string>();

function isOwnBlock(text: string): boolean {
  const token = /^::stop-commands::(slipway-[0-9a-f]{32})\n/.exec(text)?.[1];
  return token !== undefined && issuedTokens.has(token) && text.endsWith(`\n::${token}::`) && text.split(token).length === 3;
}

/** Plain console output, used by the CLI and by Forgejo (which shows no annotations). */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly options: { debug?: boolean; stream?: NodeJS.WritableStream; prefix?: string } = {},
  ) {}
  private write(text: string): void {
    (this.options.stream ?? process.stderr).write(`${inertText(`${this.options.prefix ?? ''}${redact(text)}`)}\n`);
  }
  info(message: string): void { this.write(message); }
  warn(message: string, where?: SourceLocation): void { this.write(`warning: ${locate(where)}${message}`); }
  error(message: string, where?: SourceLocation): void { this.write(`error: ${locate(where)}${message}`); }
  debug(message: string): void { if (this.options.debug) this.write(`debug: ${message}`); }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.write(`▸ ${title}`);
    return body();
  }
}

export function locate(where?: SourceLocation): string {
  if (!where?.file) return '';
  return where.line ? `${where.file}:${where.line}: ` : `${where.file}: `;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_title, body) => body(),
};
