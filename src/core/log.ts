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
 * with @actions/core (groups, annotations), the CLI with a console (TTY aware).
 */
export interface Logger {
  info(message: string): void;
  warn(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  debug(message: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
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

/** Plain console output, used by the CLI and by Forgejo (which shows no annotations). */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly options: { debug?: boolean; stream?: NodeJS.WritableStream; prefix?: string } = {},
  ) {}
  private write(text: string): void {
    (this.options.stream ?? process.stderr).write(`${this.options.prefix ?? ''}${redact(text)}\n`);
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
