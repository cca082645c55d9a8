// A fake SSH session for fast specs of strategy decisions: every command is recorded as its argv
// array, and scripted replies are matched on argv elements (not on a joined command line), so a
// spec can tell `-t 10` from `-t` next to an unrelated `10`. The sandbox tests stay the proof that
// the commands work on real hosts; these specs prove which commands a decision leads to.
import type { RunResult } from '../../src/core/runner/process-runner.js';
import { ProcessError } from '../../src/core/errors.js';
import type { ExecOptions, PortForward, SshSession } from '../../src/ssh/index.js';
import type { SshTarget } from '../../src/ssh/target.js';

/** Matches any one argv element. */
export const ANY = Symbol('any argv element');
export type ArgvElement = string | RegExp | typeof ANY;

export interface ExecCall {
  words: string[];
  options: ExecOptions;
}

export interface Reply {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}
export type ReplyFn = (call: ExecCall) => Reply | undefined;

/** True when `words` starts with `pattern`, element by element (a string is equal, a RegExp tests, ANY accepts). */
export function argvStartsWith(words: string[], pattern: ArgvElement[]): boolean {
  return pattern.length <= words.length && pattern.every((element, i) => {
    const word = words[i] ?? '';
    return element === ANY || (element instanceof RegExp ? element.test(word) : element === word);
  });
}

/** The value right after `flag` (undefined when the flag is absent or last). */
export function valueAfter(words: string[], flag: string): string | undefined {
  const index = words.indexOf(flag);
  return index >= 0 && index + 1 < words.length ? words[index + 1] : undefined;
}

/** `sh -c SCRIPT NAME ARGS…`: the words Slipway's remote snippets are run with, matched by their `$0` name. */
export const snippet = (name: string, ...args: ArgvElement[]): ArgvElement[] => ['sh', '-c', ANY, name, ...args];

/**
 * The fleet's lock round trip (`slipway-lock`) as a fake host answers it: `sh -c SCRIPT slipway-lock
 * <lock> <token> <app-dir> <look args…>`. What the look printed goes first, then the line lock.ts
 * reads its exit status from.
 */
export const lockAnswer = (looked?: string, lookExit = 0): Reply => ({ stdout: looked === undefined ? '' : `${looked}\nslipway-looked ${lookExit}\n` });

/** The words of the fleet's closing round trip (`slipway-close`), by name. */
export function closeCall(words: string[]): { log: string; line: string; failedLine: string; lock: string; token: string; closing: string[] } {
  const [, , , , log = '', line = '', failedLine = '', lock = '', token = '', ...closing] = words;
  return { log, line, failedLine, lock, token, closing };
}

/** The closing round trip's answer: the step's own output and exit, the log line written, the lock released (lock.ts reads the last three lines). */
export const closeAnswer = (stepOutput = '', stepExit = 0): Reply => ({ stdout: `${stepOutput}\nslipway-closed ${stepExit}\nlog 0 \nunlock 0\n` });

export class RecordingSession implements SshSession {
  readonly calls: ExecCall[] = [];
  readonly name: string;
  readonly localDir = '/nonexistent/recording-session';
  connectionsOpened = 1;
  alive = true;
  closed = false;
  /** Files on the fake host, for the snippets that read and write state atomically. */
  readonly files = new Map<string, string>();
  private readonly rules: Array<{ pattern: ArgvElement[]; reply: Reply | ReplyFn }> = [];

  constructor(readonly target: SshTarget = { host: 'h1.example', port: 22, user: 'deploy' } as SshTarget) {
    this.name = `${target.user}@${target.host}:${target.port}`;
  }

  /** Answers commands whose argv starts with `pattern`; the latest matching rule wins, a function may pass (undefined). */
  on(pattern: ArgvElement[], reply: Reply | ReplyFn): this {
    this.rules.unshift({ pattern, reply });
    return this;
  }

  /** The remote snippets that read (`cat "$1" 2>/dev/null || true`) and atomically write (`cat > "$1.tmp" && mv`) files act on `files`. */
  withFiles(): this {
    return this.on(['sh', '-c'], (call) => {
      const [, , script = '', , file = ''] = call.words;
      if (/^cat "\$1" 2>\/dev\/null \|\| true$/.test(script)) return { stdout: this.files.get(file) ?? '' };
      if (/cat > "\$1\.tmp" && mv -f "\$1\.tmp" "\$1"$/.test(script)) {
        this.files.set(file, String(call.options.stdin ?? ''));
        return {};
      }
      return undefined;
    });
  }

  async exec(words: string[], options: ExecOptions = {}): Promise<RunResult> {
    if (!this.alive) throw new ProcessError({ command: options.label ?? words.join(' '), exitCode: 255, stderr: 'connection lost' });
    const call = { words: [...words], options };
    this.calls.push(call);
    let reply: Reply = {};
    for (const rule of this.rules) {
      if (!argvStartsWith(words, rule.pattern)) continue;
      const answer = typeof rule.reply === 'function' ? rule.reply(call) : rule.reply;
      if (answer) {
        reply = answer;
        break;
      }
    }
    const result: RunResult = { exitCode: reply.exitCode ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', durationMs: 0, attempts: 1, timedOut: false };
    if (result.exitCode !== 0 && !options.allowFailure) throw new ProcessError({ command: options.label ?? words.join(' '), exitCode: result.exitCode, stderr: result.stderr });
    return result;
  }

  /** The argv of every call that starts with `pattern`, in order. */
  ran(pattern: ArgvElement[]): string[][] {
    return this.calls.filter((call) => argvStartsWith(call.words, pattern)).map((call) => call.words);
  }

  /** Index of the first call that starts with `pattern` (-1: never ran), for "before" expectations. */
  indexOf(pattern: ArgvElement[], from = 0): number {
    return this.calls.findIndex((call, i) => i >= from && argvStartsWith(call.words, pattern));
  }

  /** How a port on the host is reached from here (a spec's local server on port 0); none by default. */
  forward?: (remotePort: number, remoteHost?: string) => Promise<PortForward>;

  async forwardLocalPort(remotePort: number, remoteHost?: string): Promise<PortForward> {
    this.calls.push({ words: ['<forward>', remoteHost ?? '127.0.0.1', String(remotePort)], options: {} });
    if (!this.forward) throw new Error('RecordingSession: no port forwarding (give the spec no health-url, set forward, or use the sandbox)');
    return this.forward(remotePort, remoteHost);
  }

  async upload(): Promise<RunResult> {
    return { exitCode: 0, stdout: '', stderr: '', durationMs: 0, attempts: 1, timedOut: false };
  }

  async isAlive(): Promise<boolean> {
    return this.alive;
  }

  async masterPid(): Promise<number | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
