import { ConsoleLogger, inertText, locate, type Logger, type SourceLocation } from '../core/log.js';
import { redact } from '../core/secrets.js';

/**
 * What a person at a terminal sees. The core reports through Logger events
 * (lines, groups, debug lines naming what runs, a tool's streamed output) and
 * knows nothing of terminals; this module decides how they look:
 *
 * - on a TTY (and not in CI): one status line at the bottom, rewritten in place
 *   (`\r` + erase line), with the step that runs, its elapsed time and the last
 *   thing it did (a health poll, a pull or push line); finished steps leave one
 *   line each;
 * - elsewhere (pipes, files, CI logs): plain lines, exactly as ConsoleLogger
 *   writes them, no escape sequences;
 * - colour only on a TTY outside CI, and never with NO_COLOR (https://no-color.org);
 * - `--quiet`: errors only (the result still goes to stdout).
 */

/** Where the lines go: stderr, whose isTTY/columns decide the style. */
export interface TerminalStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface OutputStyle {
  /** The updating status line (TTY, not CI, not --quiet). */
  progress: boolean;
  /** Colour escape codes (TTY, not CI, no NO_COLOR, a terminal that is not `dumb`). */
  colour: boolean;
}

const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/** A runner that hands the step a pseudo-terminal is still a log someone reads later: plain lines there. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  return truthy(env.CI) || truthy(env.GITHUB_ACTIONS) || truthy(env.GITEA_ACTIONS) || truthy(env.FORGEJO_ACTIONS);
}

export function outputStyle(stream: TerminalStream, env: NodeJS.ProcessEnv, options: { quiet?: boolean } = {}): OutputStyle {
  const tty = stream.isTTY === true && env.TERM !== 'dumb';
  return {
    progress: tty && !options.quiet && !inCi(env),
    colour: tty && !inCi(env) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
  };
}

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;
export type Paint = keyof typeof CODES;

/**
 * Outside text (a host's output, an app's answer) printed to a terminal: no
 * control character of its own, so it can neither move the cursor, recolour the
 * screen nor break the status line. Tabs and line breaks stay in full lines.
 */
export function terminalSafe(text: string, options: { oneLine?: boolean } = {}): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return options.oneLine ? cleaned.replace(/[\t\n]+/g, ' ') : cleaned;
}

/** A message's text as a terminal may show it: secrets masked, no control characters. */
const safe = (message: string): string => terminalSafe(redact(message));

/** Human elapsed time: `0.4 s`, `12 s`, `2 m 05 s`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}

/** Cuts `text` to `width` characters (code points), marking the cut. */
function fit(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** `\r` to the line's start, then erase the whole line: the status line is redrawn where it was. */
export const ERASE_LINE = '\r\u001b[2K';

interface Step {
  title: string;
  started: number;
  /** A wait the edge names around the core's own steps: shown only while none of those runs. */
  ambient: boolean;
}

export interface TerminalOptions {
  style: OutputStyle;
  debug?: boolean;
  quiet?: boolean;
  /** Redraw interval of the status line (elapsed time, spinner). */
  tickMs?: number;
  now?: () => number;
}

/**
 * The CLI's Logger. Plain mode is ConsoleLogger's output, line for line (what
 * CI logs and the specs read); progress mode adds the status line and the
 * finished-step lines; colour paints `error:` red, `warning:` yellow, the final
 * ok green.
 */
export class TerminalLogger implements Logger {
  private readonly plain: ConsoleLogger;
  private readonly active: Step[] = [];
  private detailText = '';
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private shown = false;
  private readonly now: () => number;

  constructor(private readonly stream: TerminalStream, private readonly options: TerminalOptions) {
    this.plain = new ConsoleLogger({ debug: options.debug, stream: stream as NodeJS.WritableStream });
    this.now = options.now ?? Date.now;
  }

  paint(colour: Paint, text: string): string {
    if (!this.options.style.colour || !text) return text;
    const [on, off] = CODES[colour];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }

  /** At a terminal (progress or colour); plain mode is ConsoleLogger's. */
  private get atTerminal(): boolean { return this.options.style.progress || this.options.style.colour; }

  info(message: string): void {
    if (this.options.quiet) return;
    if (!this.atTerminal) return this.plain.info(message);
    this.line(safe(message));
  }

  warn(message: string, where?: SourceLocation): void {
    if (this.options.quiet) return;
    if (!this.atTerminal) return this.plain.warn(message, where);
    this.line(`${this.paint('yellow', 'warning:')} ${safe(`${locate(where)}${message}`)}`);
  }

  error(message: string, where?: SourceLocation): void {
    if (!this.atTerminal) return this.plain.error(message, where);
    this.line(`${this.paint('red', 'error:')} ${safe(`${locate(where)}${message}`)}`);
  }

  /** Shown with --debug; on a TTY it also names what runs on the status line (`$ ssh …`, a health poll). */
  debug(message: string): void {
    if (this.options.debug) {
      if (this.atTerminal) this.line(this.paint('dim', safe(`debug: ${message}`)));
      else this.plain.debug(message);
    }
    this.detail(message);
  }

  /** A streamed tool's line (build, pull, push, a hook): on the status line at a terminal, a line of its own elsewhere. */
  output(line: string): void {
    if (this.options.style.progress && !this.options.debug) this.detail(line);
    else this.info(line);
  }

  /** A step the core names: `▸ title` in plain logs; at a terminal, the status line while it runs, then one line with its time. */
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    if (this.options.quiet) return body();
    if (!this.options.style.progress) return this.plain.group(title, body);
    return this.step(title, body, { leaveLine: true, ambient: false });
  }

  /** Progress for a wait the edge itself names (reading hosts): the status line only, nothing in plain logs. */
  async during<T>(title: string, body: () => Promise<T>): Promise<T> {
    if (this.options.quiet || !this.options.style.progress) return body();
    return this.step(title, body, { leaveLine: false, ambient: true });
  }

  /** The run's last line at a terminal: `✓ slipway deploy finished in 42 s`, green, or the failure in red. */
  finished(what: string, code: number, startedAt: number): void {
    if (this.options.quiet || !this.options.style.progress) return;
    const took = formatElapsed(this.now() - startedAt);
    this.line(code === 0 ? this.paint('green', `✓ ${what} finished in ${took}`) : this.paint('red', `✗ ${what} failed after ${took} (exit ${code})`));
  }

  /** Takes the status line off the screen (when the last step ends, or the process exits). */
  clear(): void {
    if (this.shown) this.stream.write(ERASE_LINE);
    this.shown = false;
  }

  private async step<T>(title: string, body: () => Promise<T>, how: { leaveLine: boolean; ambient: boolean }): Promise<T> {
    const { leaveLine, ambient } = how;
    const step: Step = { title: terminalSafe(redact(title), { oneLine: true }), started: this.now(), ambient };
    this.active.push(step);
    this.detailText = '';
    this.startTicking();
    this.draw();
    let failed = false;
    try {
      return await body();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.active.splice(this.active.indexOf(step), 1);
      // What this step did last is not what the next one on the line is doing.
      this.detailText = '';
      const took = formatElapsed(this.now() - step.started);
      if (leaveLine || failed) this.line(failed ? this.paint('red', `✗ ${step.title} (${took})`) : `${this.paint('bold', '▸')} ${step.title} ${this.paint('dim', `(${took})`)}`);
      if (!this.active.length) this.stopTicking();
    }
  }

  private detail(message: string): void {
    if (!this.options.style.progress || !this.active.length) return;
    this.detailText = terminalSafe(redact(message), { oneLine: true }).trim();
    this.draw();
  }

  /** A full line (its outside parts already made safe): the status line is erased first and drawn again under it. */
  private line(message: string): void {
    const text = inertText(message);
    if (this.options.style.progress) {
      this.stream.write(`${this.shown ? ERASE_LINE : ''}${text}\n`);
      this.shown = false;
      this.draw();
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  private draw(): void {
    if (!this.active.length) return this.clear();
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    // The core's steps when one runs (one per host side by side: the first, and how many more), else the edge's wait.
    const steps = this.active.some((step) => !step.ambient) ? this.active.filter((step) => !step.ambient) : this.active;
    const first = steps[0] as Step;
    const titles = steps.length === 1 ? first.title : `${first.title} (+${steps.length - 1} more)`;
    const spinner = SPINNER[this.frame % SPINNER.length] as string;
    const elapsed = formatElapsed(this.now() - first.started);
    const tail = this.detailText ? ` · ${this.detailText}` : '';
    // Cut to the terminal's width: a wrapped status line could not be redrawn in place.
    const plainHead = `${fit(`${spinner} ${titles}`, width - elapsed.length - 1)} `;
    const plainTail = fit(tail, Math.max(0, width - Array.from(plainHead).length - elapsed.length));
    this.stream.write(`${ERASE_LINE}${plainHead}${this.paint('dim', elapsed)}${this.paint('dim', plainTail)}`);
    this.shown = true;
  }

  private startTicking(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { this.frame += 1; this.draw(); }, this.options.tickMs ?? 100);
    // The status line never keeps the process alive (the exit guard counts on an empty event loop).
    this.timer.unref();
    // A run cut short (a signal, a stall) must not leave the status line for the shell's prompt to follow.
    process.once('exit', this.clearAtExit);
  }

  private readonly clearAtExit = (): void => this.clear();

  private stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    process.off('exit', this.clearAtExit);
    this.clear();
  }
}

/** The logger for one CLI run, from its switches and where stderr goes. */
export function terminalLogger(options: { stream?: TerminalStream; env?: NodeJS.ProcessEnv; quiet?: boolean; debug?: boolean } = {}): TerminalLogger {
  const stream = options.stream ?? process.stderr;
  const style = outputStyle(stream, options.env ?? process.env, { quiet: options.quiet });
  return new TerminalLogger(stream, { style, quiet: options.quiet, debug: options.debug });
}
