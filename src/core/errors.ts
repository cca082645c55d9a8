import { redact } from './secrets.js';

/**
 * An error a user can act on: what is wrong, where, and how to fix it.
 * The message is redacted when it is built, so no secret survives into it.
 */
export class SlipwayError extends Error {
  readonly fix?: string;
  constructor(message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(redact(options.fix ? `${message}. ${options.fix}` : message), { cause: options.cause });
    this.name = 'SlipwayError';
    this.fix = options.fix ? redact(options.fix) : undefined;
  }
}

/** Bad input, raised before any side effect. Reads `<input>: <what> (found X, expected Y). <fix>`. */
export class InputError extends SlipwayError {
  readonly input: string;
  constructor(input: string, problem: string, fix?: string) {
    super(`${input}: ${problem}`, { fix });
    this.name = 'InputError';
    this.input = input;
  }
}

/** A process failed: carries the redacted command, the exit code and the last stderr lines. */
export class ProcessError extends SlipwayError {
  readonly command: string;
  readonly exitCode: number;
  readonly stderrTail: string;
  readonly timedOut: boolean;
  constructor(args: { command: string; exitCode: number; stderr: string; timedOut?: boolean; hint?: string }) {
    const tail = lastLines(redact(args.stderr), 8);
    const what = args.timedOut ? 'timed out' : `exited with code ${args.exitCode}`;
    super(`\`${redact(args.command)}\` ${what}${tail ? `:\n${tail}` : ''}`, { fix: args.hint });
    this.name = 'ProcessError';
    this.command = redact(args.command);
    this.exitCode = args.exitCode;
    this.stderrTail = tail;
    this.timedOut = args.timedOut ?? false;
  }
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/** One line (or a few) for the user; the stack only when debugging. */
export function formatError(error: unknown, debug = false): string {
  if (error instanceof SlipwayError) {
    return debug && error.stack ? redact(error.stack) : error.message;
  }
  if (error instanceof Error) {
    // An unexpected error: its stack is what a bug report needs, but only on request.
    return redact(debug && error.stack ? error.stack : `${error.name}: ${error.message}`);
  }
  return redact(String(error));
}
