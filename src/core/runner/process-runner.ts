import * as exec from '@actions/exec';
import { describeCommand, type CommandSpec } from '../command.js';
import { ProcessError } from '../errors.js';
import type { Logger } from '../log.js';
import { redact } from '../secrets.js';
import { backoffDelay, NO_RETRY, sleep, type RetryPolicy } from './retry.js';

export interface RunOptions {
  /** Kill the process after this long (SIGTERM, then SIGKILL 5 s later). */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Decides whether a failed attempt is worth another; may ask for a longer wait (HTTP 429). */
  isTransient?: (result: RunResult) => boolean | { waitMs: number };
  /** Resolve with the failing result instead of throwing ProcessError. */
  allowFailure?: boolean;
  /** Print output lines as they come (redacted). Off: output is only kept. */
  stream?: boolean;
  /** Shown instead of the command line in logs. */
  label?: string;
  /** How long to wait for stdio to close after exit (a backgrounded child may hold it). */
  streamCloseDelayMs?: number;
  /** Builds the `fix` part of the ProcessError from the failed result. */
  hint?: (result: RunResult) => string | undefined;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  attempts: number;
  timedOut: boolean;
}

/** Everything that starts a process goes through a Runner; flows receive one. */
export interface Runner {
  run(spec: CommandSpec, options?: RunOptions): Promise<RunResult>;
}

/** GNU timeout's exit code when it had to stop the command. */
const TIMEOUT_EXIT = 124;

/**
 * Runs real processes through @actions/exec. @actions/exec has no timeout of its
 * own, so a timed command runs under coreutils `timeout`, which keeps the
 * argument array intact and kills the whole command.
 */
export class ProcessRunner implements Runner {
  constructor(private readonly log: Logger) {}

  async run(spec: CommandSpec, options: RunOptions = {}): Promise<RunResult> {
    const policy = options.retry ?? NO_RETRY;
    const started = Date.now();
    let runs = 0;
    // A wait the caller asks for (`{ waitMs }`, a registry's 429) is bounded by the caller:
    // it is neither one of the policy's attempts nor time against its deadline.
    let attempt = 0;
    let askedWaitsMs = 0;
    for (;;) {
      runs += 1;
      attempt += 1;
      const result = await this.runOnce(spec, options);
      result.attempts = runs;
      if (result.exitCode === 0) return result;
      const verdict = options.isTransient?.(result) ?? false;
      if (typeof verdict === 'object') {
        this.log.warn(`${this.label(spec, options)} was asked to wait (run ${runs}); retrying in ${Math.round(verdict.waitMs / 100) / 10} s`);
        attempt -= 1;
        askedWaitsMs += verdict.waitMs;
        await sleep(verdict.waitMs);
        continue;
      }
      const elapsed = Date.now() - started - askedWaitsMs;
      const wait = backoffDelay(policy, attempt);
      const withinDeadline = policy.deadlineMs === undefined || elapsed + wait <= policy.deadlineMs;
      if (verdict && attempt < policy.attempts && withinDeadline) {
        this.log.warn(`${this.label(spec, options)} failed (attempt ${attempt}/${policy.attempts}); retrying in ${Math.round(wait / 100) / 10} s`);
        await sleep(wait);
        continue;
      }
      if (options.allowFailure) return result;
      throw new ProcessError({
        command: options.label ?? describeCommand(spec),
        exitCode: result.exitCode,
        stderr: result.stderr || result.stdout,
        timedOut: result.timedOut,
        hint: options.hint?.(result),
      });
    }
  }

  private streamed(line: string): void {
    if (this.log.output) this.log.output(redact(line));
    else this.log.info(redact(line));
  }

  private label(spec: CommandSpec, options: RunOptions): string {
    return redact(options.label ?? describeCommand(spec));
  }

  private async runOnce(spec: CommandSpec, options: RunOptions): Promise<RunResult> {
    const { file, args } = withTimeout(spec, options.timeoutMs);
    this.log.debug(`$ ${this.label(spec, options)}`);
    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const exitCode = await exec.exec(file, args, {
      cwd: spec.cwd,
      env: buildEnv(spec),
      input: spec.stdin === undefined ? undefined : Buffer.from(spec.stdin),
      silent: true,
      ignoreReturnCode: true,
      delay: options.streamCloseDelayMs,
      listeners: {
        stdout: (data) => { stdout += data.toString(); },
        stderr: (data) => { stderr += data.toString(); },
        stdline: options.stream ? (line) => this.streamed(line) : undefined,
        errline: options.stream ? (line) => this.streamed(line) : undefined,
      },
    }).catch((error: unknown) => {
      // Spawn failures (program not installed) arrive as exceptions, not exit codes.
      stderr += `${(error as Error).message}\n`;
      return 127;
    });
    const timedOut = options.timeoutMs !== undefined && exitCode === TIMEOUT_EXIT;
    if (timedOut) stderr += `\n(stopped after ${options.timeoutMs} ms)`;
    const durationMs = Date.now() - started;
    // SLIPWAY_TIMINGS=1: one line per spawned command, for bench/seeds' phase breakdown (label is redacted).
    if (process.env.SLIPWAY_TIMINGS === '1') process.stderr.write(`slipway-timing ${JSON.stringify({ start: started, ms: durationMs, exit: exitCode, cmd: this.label(spec, options) })}\n`);
    return { exitCode, stdout, stderr, durationMs, attempts: 1, timedOut };
  }
}

function withTimeout(spec: CommandSpec, timeoutMs?: number): { file: string; args: string[] } {
  if (!timeoutMs) return { file: spec.file, args: spec.args };
  const seconds = Math.max(0.1, timeoutMs / 1000).toFixed(1);
  return { file: 'timeout', args: ['--kill-after=5', `${seconds}s`, spec.file, ...spec.args] };
}

function buildEnv(spec: CommandSpec): Record<string, string> {
  const base: Record<string, string> = {};
  const inherited = spec.cleanEnv
    ? { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' }
    : process.env;
  for (const [key, value] of Object.entries(inherited)) if (value !== undefined) base[key] = value;
  return { ...base, ...spec.env };
}
