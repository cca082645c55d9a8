// Runs action bundles from dist/ the way a runner does (INPUT_* for every action.yml default plus the test's
// inputs, GITHUB_STATE/GITHUB_OUTPUT files, RUNNER_TEMP), signals the node process only (GitHub's runner does
// not signal its children), then runs the post step with the state the main step saved.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { getText } from '../../support/http-text.js';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** A bundle the test needs; built by `npm run build` (the lead's CI builds dist/ before the tests). */
export function bundle(name: string): string {
  const file = path.join(ROOT, 'dist', name, 'index.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

/** INPUT_<NAME> for every input of the action that has a default, then the given values. */
export function inputEnv(action: string, values: Record<string, string>): Record<string, string> {
  const spec = YAML.parse(fs.readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(spec.inputs)) if (input.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(input.default);
  for (const [name, value] of Object.entries(values)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

/** One job's runner-side files: RUNNER_TEMP, TMPDIR, GITHUB_STATE, GITHUB_OUTPUT, all under one dir tagged 'hk'. */
export interface RunnerJob {
  root: string;
  runnerTemp: string;
  tmpDir: string;
  stateFile: string;
  outputFile: string;
  env: Record<string, string>;
}

let jobs = 0;
const made: string[] = [];
/** Removes every job dir this file made (call in afterAll; leaks are checked before). */
export function removeJobs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function newJob(): RunnerJob {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-cancel-job-'));
  made.push(root);
  const job = {
    root,
    runnerTemp: path.join(root, 'runner-temp'),
    tmpDir: path.join(root, 'tmp'),
    stateFile: path.join(root, 'state'),
    outputFile: path.join(root, 'output'),
    env: {} as Record<string, string>,
  };
  for (const dir of [job.runnerTemp, job.tmpDir]) fs.mkdirSync(dir);
  for (const file of [job.stateFile, job.outputFile]) fs.writeFileSync(file, '');
  jobs += 1;
  job.env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8',
    GITHUB_ACTIONS: 'true', CI: 'true', RUNNER_TEMP: job.runnerTemp, TMPDIR: job.tmpDir,
    GITHUB_STATE: job.stateFile, GITHUB_OUTPUT: job.outputFile, GITHUB_WORKSPACE: root,
    GITHUB_RUN_ID: `4300${process.pid}${jobs}`, GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'hk/cancel', GITHUB_ACTOR: 'hk',
  };
  return job;
}

export interface ActionRun {
  child: ChildProcess;
  /** stdout and stderr lines so far, as the runner's log shows them (no `::add-mask::` commands). */
  lines: string[];
  /** How many values the step registered with `::add-mask::`. */
  masked(): number;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * Starts `node <file> [args]` in its own process group (so a test can signal the node process alone,
 * as GitHub's runner does, or the whole group, as a terminal's Ctrl-C does).
 */
export function startBundle(file: string, job: RunnerJob, extraEnv: Record<string, string>, args: string[] = []): ActionRun {
  const started = Date.now();
  const child = spawn(process.execPath, [file, ...args], { env: { ...job.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], cwd: job.root, detached: true });
  const lines: string[] = [];
  let masks = 0;
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const feed = (chunk: Buffer, carry: { text: string }) => {
    carry.text += chunk.toString();
    const parts = carry.text.split('\n');
    carry.text = parts.pop() ?? '';
    for (const line of parts) {
      // A runner consumes add-mask commands; keeping them out of `lines` also keeps the registered
      // secret out of a failing expectation's message and so out of the test run's log.
      if (line.startsWith('::add-mask::')) { masks += 1; continue; }
      lines.push(line);
      for (const waiter of [...waiters]) if (waiter.pattern.test(line)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(line); }
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => feed(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => feed(chunk, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started }));
  });
  return {
    child, lines, exited,
    masked: () => masks,
    waitForLine: (pattern, timeoutMs = 60_000) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.slice(-30).join('\n')}`)), timeoutMs);
        waiters.push({ pattern, resolve: (line) => { clearTimeout(timer); resolve(line); } });
        void exited.then(() => { clearTimeout(timer); if (!lines.some((line) => pattern.test(line))) reject(new Error(`exited before a line matching ${pattern}; output:\n${lines.slice(-30).join('\n')}`)); });
      });
    },
  };
}

/** The last value the main step saved under `name` (the runner hands it to the post as STATE_<name>). */
export function savedState(job: RunnerJob, name: string): string | undefined {
  const text = fs.readFileSync(job.stateFile, 'utf8');
  const pattern = /^([^\n<]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  let value: string | undefined;
  for (const match of text.matchAll(pattern)) if (match[1] === name) value = match[3];
  return value;
}

/** Runs the shared post step as the runner would after the main step: same inputs, STATE_* from the saved state. */
export async function runPost(job: RunnerJob, inputs: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const state = savedState(job, 'leftovers') ?? '';
  const run = startBundle(bundle('cleanup-post'), job, { ...inputs, STATE_leftovers: state });
  const { code } = await run.exited;
  return { code, lines: run.lines };
}

/** Files under `dir` holding a private key (by content), and any `id` file. */
export function keyFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && (entry.name === 'id' || fs.readFileSync(full, 'utf8').includes('PRIVATE KEY'))) found.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found;
}

/** ssh, ssh-agent and rsync processes whose command line names a path of this job (its session dirs live there). */
export function processesOf(job: RunnerJob): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue;
    } catch {
      continue;
    }
    if (/\b(ssh|ssh-agent|rsync)\b/.test(cmdline) && cmdline.includes(job.root)) found.push(`${pid}: ${cmdline.trim()}`);
  }
  return found;
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function httpBody(port: number, urlPath: string): Promise<string> {
  try {
    return await getText(`http://127.0.0.1:${port}${urlPath}`, 3000);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/**
 * `slipway-hk-cancel:<version>`: busybox httpd answering /api/health with {"ok":true,"version":…} on $PORT.
 * `slowStartS` waits that long before listening (no Docker health check), so the deploy sits in its health wait.
 */
export async function buildCancelImage(baseImage: string, version: string, slowStartS = 0): Promise<string> {
  const { ProcessRunner } = await import('../../../src/core/runner/process-runner.js');
  const { MemoryLogger } = await import('../../../src/core/log.js');
  const tag = `slipway-hk-cancel:${version}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-cancel-image-'));
  fs.writeFileSync(path.join(dir, 'start.sh'), [
    'mkdir -p /www/api',
    `printf '{"ok":true,"version":"%s"}' "${version}" > /www/api/health`,
    `sleep ${slowStartS}`,
    'exec httpd -f -p "127.0.0.1:${PORT:-8080}" -h /www',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${baseImage}`, 'COPY start.sh /start.sh', 'STOPSIGNAL SIGKILL', 'CMD ["/bin/sh", "/start.sh"]', ''].join('\n'));
  await new ProcessRunner(new MemoryLogger()).run({ file: 'docker', args: ['build', '--network', 'host', '-q', '-t', tag, dir] });
  fs.rmSync(dir, { recursive: true, force: true });
  return tag;
}

/** What every cancelled or killed run must leave: no lock, no key file, no ssh process of the job. */
export function leaks(job: RunnerJob, appDir: string): string[] {
  return [
    ...(fs.existsSync(`${appDir}/.slipway/lock`) ? [`lock held: ${fs.readFileSync(`${appDir}/.slipway/lock/holder`, 'utf8').trim()}`] : []),
    ...keyFilesUnder(job.root).map((file) => `key file left: ${file}`),
    ...processesOf(job).map((line) => `process left: ${line}`),
  ];
}
