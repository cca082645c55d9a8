// A session whose "host" is this machine: every command runs through the local POSIX sh as its argv
// (no SSH), and an upload is a local rsync. Specs of the remote scripts run them for real this way on
// a temp dir, fast; the sandbox specs prove the same scripts over SSH.
import { spawnSync } from 'node:child_process';
import type { RunResult } from '../../src/core/runner/process-runner.js';
import { ProcessError } from '../../src/core/errors.js';
import type { ExecOptions } from '../../src/ssh/index.js';
import { RecordingSession } from './recording-session.js';

export class LocalShellSession extends RecordingSession {
  readonly uploads: Array<[string, string]> = [];

  override async exec(words: string[], options: ExecOptions = {}): Promise<RunResult> {
    this.calls.push({ words: [...words], options });
    const done = spawnSync(words[0] ?? 'false', words.slice(1), {
      input: options.stdin, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...options.env }, timeout: 20_000,
    });
    const result: RunResult = { exitCode: done.status ?? 1, stdout: done.stdout ?? '', stderr: done.stderr ?? '', durationMs: 0, attempts: 1, timedOut: false };
    if (result.exitCode !== 0 && !options.allowFailure) throw new ProcessError({ command: options.label ?? words.join(' '), exitCode: result.exitCode, stderr: result.stderr || result.stdout });
    return result;
  }

  override async upload(localPath?: string, remotePath?: string): Promise<RunResult> {
    this.uploads.push([localPath ?? '', remotePath ?? '']);
    return this.exec(['rsync', '-a', '--', localPath ?? '', remotePath ?? '']);
  }

  roundTrips(): number {
    return this.calls.filter((call) => call.words[0] !== 'rsync').length + this.uploads.length;
  }
}
