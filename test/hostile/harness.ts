import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/**
 * Runs an action's bundle from dist/ the way a runner does: every default of
 * its action.yml as INPUT_<NAME>, the runner's command files, and logging fake
 * tools first on PATH, so any process the action starts leaves a line behind.
 */

/** The checkout whose action.yml files and dist/ run; SLIPWAY_HOSTILE_ROOT points at another (e.g. an older release, to compare). */
export const REPO_ROOT = process.env.SLIPWAY_HOSTILE_ROOT ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Every tool Slipway may start; the fakes record their argv and fail. */
export const FAKE_TOOLS = [
  'ssh', 'scp', 'rsync', 'docker', 'docker-compose', 'git', 'restic', 'borg', 'sqlite3', 'pg_dump', 'pg_restore',
  'psql', 'curl', 'ssh-agent', 'ssh-add', 'ssh-keygen', 'ssh-keyscan', 'tar', 'sh', 'bash', 'sudo', 'nginx', 'wget',
] as const;

/** The marker planted in every secret input: it must never be seen, whole, in anything the run leaves. */
export const MARKER = `hiMk${crypto.randomBytes(12).toString('hex')}`;

export type ActionName = 'build-image' | 'push-image' | 'ssh-deploy' | 'smoke-test' | 'restore-drill' | 'secret-scan' | 'deploy-pipeline' | 'preview';

export interface RunOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
  /** One line per process the run started. */
  processes: string;
  /** Connections the run made to the case's listener (an API it would call instead of starting a process). */
  connections: number;
  timedOut: boolean;
}

/**
 * A loopback listener that counts connections and closes each at once: a flow
 * that calls an API (Cloudron) starts no process, so an empty process log alone
 * cannot show it was refused in parse. `{listener}` in a case is its host:port.
 */
export interface Listener {
  address: string;
  connections(): number;
  close(): Promise<void>;
}

export function openListener(): Promise<Listener> {
  let count = 0;
  const server = net.createServer((socket) => { count += 1; socket.destroy(); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ address: `127.0.0.1:${port}`, connections: () => count, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export class HostileBench {
  readonly root: string;
  readonly bin: string;
  /** Files every case may name, outside any case's workspace. */
  readonly outside: string;
  private counter = 0;

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hi-hostile-'));
    this.bin = path.join(this.root, 'bin');
    this.outside = path.join(this.root, 'outside');
    fs.mkdirSync(this.bin);
    fs.mkdirSync(this.outside);
    // The fake is plain /bin/sh by absolute path, so faking `sh` on PATH does not break it.
    for (const tool of FAKE_TOOLS) {
      fs.writeFileSync(path.join(this.bin, tool), `#!/bin/sh\nprintf '%s\\n' "${tool} $*" >> "$SLIPWAY_FAKE_LOG"\nexit 97\n`, { mode: 0o755 });
    }
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** A fresh workspace with the files a case's base inputs name. */
  workspace(prepare?: (dir: string) => void): string {
    this.counter += 1;
    const dir = path.join(this.root, `case-${this.counter}`);
    fs.mkdirSync(path.join(dir, 'ws'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'home'));
    fs.mkdirSync(path.join(dir, 'temp'));
    const ws = path.join(dir, 'ws');
    fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM scratch\n');
    fs.mkdirSync(path.join(ws, 'release'));
    fs.writeFileSync(path.join(ws, 'release', 'index.html'), 'hi\n');
    fs.writeFileSync(path.join(ws, 'app.tgz'), 'not really gzip\n');
    fs.writeFileSync(path.join(ws, 'stack.yml'), 'services:\n  web:\n    image: 127.0.0.1:42003/hi/app:1\n');
    fs.writeFileSync(path.join(ws, 'live.db'), '');
    fs.writeFileSync(path.join(ws, 'checks.yml'), '- url: http://127.0.0.1:42002/health\n');
    prepare?.(ws);
    return ws;
  }

  /** Runs `actions/<name>/action.yml` (the root action.yml for the pipeline) with its defaults and `inputs` over them. */
  runAction(action: ActionName, ws: string, inputs: Record<string, string>): Promise<RunOutcome> {
    const manifestPath = action === 'deploy-pipeline' ? path.join(REPO_ROOT, 'action.yml') : path.join(REPO_ROOT, 'actions', action, 'action.yml');
    const manifest = YAML.parse(fs.readFileSync(manifestPath, 'utf8')) as { inputs?: Record<string, { default?: unknown }>; runs: { main: string } };
    const env: Record<string, string> = {};
    for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
      env[inputVariable(name)] = spec?.default === undefined || spec.default === null ? '' : String(spec.default);
    }
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
    const caseDir = path.dirname(ws);
    const files = { output: 'github_output', summary: 'step_summary', state: 'github_state', env: 'github_env', path: 'github_path' };
    for (const file of Object.values(files)) fs.writeFileSync(path.join(caseDir, file), '');
    Object.assign(env, {
      GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: ws, RUNNER_TEMP: path.join(caseDir, 'temp'), RUNNER_OS: 'Linux',
      GITHUB_OUTPUT: path.join(caseDir, files.output), GITHUB_STEP_SUMMARY: path.join(caseDir, files.summary),
      GITHUB_STATE: path.join(caseDir, files.state), GITHUB_ENV: path.join(caseDir, files.env), GITHUB_PATH: path.join(caseDir, files.path),
      GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: 'hi/app', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main', GITHUB_RUN_ID: '4242', GITHUB_ACTOR: 'hostile', GITHUB_SERVER_URL: 'http://127.0.0.1:42004',
      GITHUB_API_URL: 'http://127.0.0.1:42004/api',
    });
    return this.spawn([path.resolve(path.dirname(manifestPath), manifest.runs.main)], ws, env);
  }

  /** Runs `slipway <args>` from dist/cli, as a terminal would (no runner variables). */
  runCli(args: string[], ws: string, slipwayYml?: string): Promise<RunOutcome> {
    if (slipwayYml !== undefined) fs.writeFileSync(path.join(ws, 'slipway.yml'), slipwayYml);
    const caseDir = path.dirname(ws);
    for (const file of ['github_output', 'step_summary']) fs.writeFileSync(path.join(caseDir, file), '');
    return this.spawn([path.join(REPO_ROOT, 'dist', 'cli', 'index.js'), ...args], ws, {});
  }

  private spawn(args: string[], ws: string, extraEnv: Record<string, string>): Promise<RunOutcome> {
    const caseDir = path.dirname(ws);
    const log = path.join(caseDir, 'processes.log');
    fs.writeFileSync(log, '');
    const env = {
      PATH: `${this.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: path.join(caseDir, 'home'), LANG: 'C.UTF-8',
      TMPDIR: path.join(caseDir, 'temp'), SLIPWAY_FAKE_LOG: log, ...extraEnv,
    };
    return new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
      let timedOut = false;
      // Every refusal happens in parse, in well under a second; this only stops a run that went on.
      const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, 20_000);
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        const read = (name: string) => (fs.existsSync(path.join(caseDir, name)) ? fs.readFileSync(path.join(caseDir, name), 'utf8') : '');
        resolve({ exitCode, stdout, stderr, outputs: read('github_output'), summary: read('step_summary'), processes: fs.readFileSync(log, 'utf8'), connections: 0, timedOut });
      });
    });
  }
}

/** How @actions/core reads an input: INPUT_ + the name uppercased, spaces to underscores (dashes stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Runs `jobs` at most `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** The error lines a run reports: `::error` commands from an action, `error:` lines from the CLI. */
export function errorLines(outcome: RunOutcome, kind: 'action' | 'cli'): string[] {
  const text = kind === 'action' ? outcome.stdout : outcome.stderr;
  return text.split('\n').filter((line) => (kind === 'action' ? /^::error\b/.test(line) : /^error: /.test(line)));
}

/** A stack frame as Node prints one. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(node:[^)]*\))$/m;

/** Everything the run left where a person (or a later step) could read it; `::add-mask::` lines are the runner's, never shown. */
export function visibleText(outcome: RunOutcome): string {
  const stdout = outcome.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  return [stdout, outcome.stderr, outcome.outputs, outcome.summary].join('\n');
}
