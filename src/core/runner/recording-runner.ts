import type { CommandSpec } from '../command.js';
import { describeCommand } from '../command.js';
import { ProcessError } from '../errors.js';
import type { RunOptions, RunResult, Runner } from './process-runner.js';

/** What a scripted command answers; `effect` may touch files the real command would have written. */
export interface ScriptedReply {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  effect?: (spec: CommandSpec) => void;
}

/**
 * A Runner for flow tests that starts nothing: it records every command and
 * answers from a script (first matching rule wins; unmatched commands succeed
 * with no output), so a flow's decisions can be checked as data.
 */
export class RecordingRunner implements Runner {
  readonly calls: CommandSpec[] = [];
  private readonly rules: Array<{ match: (spec: CommandSpec) => boolean; reply: ScriptedReply }> = [];

  /** Answer commands whose `file args…` line contains `fragment` (or that `match` accepts). */
  on(match: string | ((spec: CommandSpec) => boolean), reply: ScriptedReply): this {
    const test = typeof match === 'string' ? (spec: CommandSpec) => describeCommand(spec).includes(match) : match;
    this.rules.push({ match: test, reply });
    return this;
  }

  async run(spec: CommandSpec, options: RunOptions = {}): Promise<RunResult> {
    this.calls.push(spec);
    const reply = this.rules.find((rule) => rule.match(spec))?.reply ?? {};
    reply.effect?.(spec);
    const result: RunResult = {
      exitCode: reply.exitCode ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', durationMs: 0, attempts: 1, timedOut: false,
    };
    if (result.exitCode !== 0 && !options.allowFailure) {
      throw new ProcessError({ command: options.label ?? describeCommand(spec), exitCode: result.exitCode, stderr: result.stderr });
    }
    return result;
  }

  /** The recorded command lines, for readable expectations. */
  lines(): string[] {
    return this.calls.map(describeCommand);
  }
}
