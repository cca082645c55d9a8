// A release host for fast specs of the release strategy's decisions: releases, `current`, the lock,
// the deploy log and restarts live in memory, and the strategy's remote steps (matched by their `$0`
// names) act on them as the scripts do on a real host. The sandbox specs prove the scripts themselves.
import type { RunResult } from '../../src/core/runner/process-runner.js';
import type { SshTarget } from '../../src/ssh/target.js';
import { closeAnswer, closeCall, lockAnswer, RecordingSession, snippet, type ExecCall } from './recording-session.js';

export class UploadCountingSession extends RecordingSession {
  readonly uploads: Array<[string, string]> = [];

  override async upload(localPath?: string, remotePath?: string): Promise<RunResult> {
    this.uploads.push([localPath ?? '', remotePath ?? '']);
    return super.upload();
  }

  /** Remote round trips: every exec and every upload (a port forward is a local request to the master). */
  roundTrips(): number {
    return this.calls.filter((call) => call.words[0] !== '<forward>').length + this.uploads.length;
  }
}

export interface FakeReleaseOptions {
  /** Release name → the version in its .slipway-version (undefined: a release Slipway did not make). */
  releases?: Record<string, string | undefined>;
  current?: string;
  /** A restart command fails (exit 1) while `current` is a release of one of these versions. */
  restartFailsOn?: string[];
  target?: Partial<SshTarget>;
}

export class FakeReleaseHost {
  readonly session: UploadCountingSession;
  readonly releases = new Map<string, string | undefined>();
  current?: string;
  locked = false;
  readonly log: string[] = [];
  readonly restarted: string[] = [];

  constructor(readonly options: FakeReleaseOptions = {}) {
    this.session = new UploadCountingSession({ host: 'h1.example', port: 22, user: 'deploy', ...options.target } as SshTarget);
    for (const [name, version] of Object.entries(options.releases ?? {})) this.releases.set(name, version);
    this.current = options.current;
    const s = this.session.withFiles();
    s.on(snippet('slipway-lock'), (call) => {
      this.locked = true;
      // With a look (arguments after the lock's app-dir): the lock's round trip prints it.
      return lockAnswer(call.words.length > 7 ? this.look(call.words.slice(7)) : undefined);
    });
    s.on(snippet('slipway-look'), (call) => ({ stdout: this.look(call.words.slice(4)) }));
    s.on(snippet('slipway-release'), (call) => {
      const [, , , , , dir = '', version = ''] = call.words;
      this.releases.set(dir.split('/').pop() ?? '', version);
      return {};
    });
    s.on(snippet('slipway-switch'), (call) => this.switchAndRestart(call));
    s.on(['sh', '-c'], (call) => (call.words.length === 3 && call.options.survivesDisconnect ? this.restart(call.words[2] ?? '') : undefined));
    s.on(snippet('slipway-closing'), (call) => ({ stdout: this.closing(call.words.slice(4)) }));
    s.on(snippet('slipway-close'), (call) => {
      const { line, closing } = closeCall(call.words);
      const closed = closing.length ? this.closing(closing) : '';
      this.log.push(line);
      this.locked = false;
      return closeAnswer(closed);
    });
    s.on(snippet('slipway-log'), (call) => {
      this.log.push(call.words[5] ?? '');
      return {};
    });
    s.on(snippet('slipway-unlock'), () => {
      this.locked = false;
      return {};
    });
  }

  /** What LOOK prints for this host on its arguments (app-dir, prepare, state file, n, n shared paths, sudo checks): every check passing. */
  look(args: string[]): string {
    const shared = Number(args[3] ?? 0);
    const checks = args.slice(4 + shared);
    const lines = [...checks.map((_check, i) => `sudo ${i} 0`), ...(this.current ? [`current ${this.current}`] : [])];
    for (const [name, version] of [...this.releases].sort()) {
      lines.push(`release ${name}`);
      if (version !== undefined) lines.push(`version ${name}/${version}`);
    }
    return `${[...lines, 'end'].join('\n')}\n`;
  }

  private restart(command: string): { exitCode: number; stdout?: string; stderr?: string } {
    this.restarted.push(`${command} @ ${this.current ?? ''}`);
    const failing = this.options.restartFailsOn?.includes(this.releases.get(this.current ?? '') ?? '');
    return failing ? { exitCode: 1, stderr: 'restart refused' } : { exitCode: 0 };
  }

  private switchAndRestart(call: ExecCall): { stdout: string } {
    const [, , , , token = '', , name = '', restart = ''] = call.words;
    this.current = name;
    if (!restart) return { stdout: `\n${token} switch 0\n` };
    const result = this.restart(restart);
    return { stdout: `\n${token} restart ${result.exitCode} ${result.stderr ?? ''}\n` };
  }

  /** The closing step's arguments: app-dir, a release to mark, the mark, then the releases to remove. */
  private closing([, name = '', mark = '', ...stale]: string[]): string {
    let out = '';
    if (name) {
      let to = `${name}.${mark}`;
      for (let n = 1; this.releases.has(to); n += 1) to = `${name}.${mark}-${n}`;
      if (this.releases.has(name)) {
        this.releases.set(to, this.releases.get(name));
        this.releases.delete(name);
      }
      out += 'mark 0 \n';
    }
    if (stale.length) {
      for (const release of stale) this.releases.delete(release);
      out += 'prune 0 \n';
    }
    return out;
  }
}
