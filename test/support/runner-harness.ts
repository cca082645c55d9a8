// Runs an action the way a GitHub or Forgejo runner does, so Actions-edge tests see what users see:
// - every input with a default in action.yml arrives as INPUT_<NAME> (a runner always sets them),
//   then the step's own `with:` values on top;
// - the runner's environment (GITHUB_*, RUNNER_*, and on Forgejo also GITEA_ACTIONS/FORGEJO_*),
//   an event payload file for pull_request / push / schedule / workflow_dispatch;
// - GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH files, read back after the step;
// - the bundle named by `runs.main` run with node as a child process, then `runs.post` (if any) with the
//   STATE_<name> values the main step saved;
// - cancellation as the runner does it: SIGINT, SIGTERM after a grace period, then SIGKILL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export type RunnerPlatform = 'github' | 'forgejo';
export type RunnerEvent = 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';

export interface ActionInputSpec { description?: string; default?: string; required?: boolean }
export interface ActionSpec {
  name: string;
  inputs: Record<string, ActionInputSpec>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; pre?: string; post?: string; 'post-if'?: string };
  /** Directory of action.yml. */
  dir: string;
}

const ACTION_CACHE = new Map<string, ActionSpec>();

/** Reads `<dir>/action.yml` (dir relative to the repository root, e.g. `actions/secret-scan` or `.`). */
export function readAction(dir: string): ActionSpec {
  const absolute = path.resolve(dir);
  const cached = ACTION_CACHE.get(absolute);
  if (cached) return cached;
  const parsed = YAML.parse(fs.readFileSync(path.join(absolute, 'action.yml'), 'utf8')) as Omit<ActionSpec, 'dir'>;
  const spec: ActionSpec = { ...parsed, inputs: parsed.inputs ?? {}, outputs: parsed.outputs ?? {}, dir: absolute };
  ACTION_CACHE.set(absolute, spec);
  return spec;
}

/** The runner's variable name for an input: uppercased, spaces to underscores, hyphens kept. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** What a runner sets for inputs: every default from action.yml, then the step's `with:`. */
export function runnerInputEnv(action: ActionSpec, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (spec.default !== undefined && spec.default !== null) env[inputVariable(name)] = String(spec.default);
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  return env;
}

export interface EventOptions {
  /** pull_request: the PR number and the base/head commits and branches. */
  pullRequest?: { number: number; baseSha: string; headSha: string; baseRef?: string; headRef?: string };
  /** push: the commits before and after, and the pushed ref. */
  push?: { before: string; after: string; ref?: string; forced?: boolean };
  /** workflow_dispatch: the inputs as given. */
  dispatchInputs?: Record<string, string>;
  /** Merged over the generated payload. */
  extra?: Record<string, unknown>;
}

export interface RunnerJob {
  platform?: RunnerPlatform;
  event?: RunnerEvent;
  eventOptions?: EventOptions;
  repository?: string;
  defaultBranch?: string;
  sha?: string;
  /** The checked-out repository (GITHUB_WORKSPACE); a fresh empty dir by default. */
  workspace?: string;
  serverUrl?: string;
  /** GITHUB_API_URL; on Forgejo `<server>/api/v1` unless given. */
  apiUrl?: string;
  actor?: string;
  runId?: string;
  /** Workflow-level and job-level `env:` and anything the test adds (DOCKER_HOST…). */
  env?: Record<string, string>;
}

/** A job: one workspace, one temp dir, one event; its steps share GITHUB_ENV/GITHUB_PATH like a runner's. */
export class RunnerJobContext {
  readonly platform: RunnerPlatform;
  readonly event: RunnerEvent;
  readonly root: string;
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly eventPath: string;
  readonly payload: Record<string, unknown>;
  readonly baseEnv: Record<string, string>;
  /** Values later steps get from GITHUB_ENV writes. */
  readonly exported: Record<string, string> = {};
  private stepCount = 0;

  constructor(readonly job: RunnerJob = {}) {
    this.platform = job.platform ?? 'github';
    this.event = job.event ?? 'workflow_dispatch';
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-runner-hr-'));
    this.workspace = job.workspace ?? path.join(this.root, 'workspace');
    fs.mkdirSync(this.workspace, { recursive: true });
    this.runnerTemp = path.join(this.root, 'temp');
    fs.mkdirSync(this.runnerTemp, { recursive: true });
    const repository = job.repository ?? 'team/app';
    const defaultBranch = job.defaultBranch ?? 'main';
    const sha = job.sha ?? job.eventOptions?.pullRequest?.headSha ?? job.eventOptions?.push?.after ?? 'f'.repeat(40);
    this.payload = eventPayload(this.event, repository, defaultBranch, job.eventOptions ?? {});
    this.eventPath = path.join(this.root, 'event.json');
    fs.writeFileSync(this.eventPath, JSON.stringify(this.payload, null, 2));
    const serverUrl = job.serverUrl ?? (this.platform === 'github' ? 'https://github.com' : 'https://code.example.org');
    const apiUrl = job.apiUrl ?? (this.platform === 'github' ? 'https://api.github.com' : `${serverUrl}/api/v1`);
    const pr = job.eventOptions?.pullRequest;
    const ref = this.event === 'pull_request' ? `refs/pull/${pr?.number ?? 1}/merge`
      : this.event === 'push' ? job.eventOptions?.push?.ref ?? `refs/heads/${defaultBranch}` : `refs/heads/${defaultBranch}`;
    const runId = job.runId ?? String(1000 + Math.floor(Math.random() * 9000));
    const github: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_EVENT_NAME: this.event,
      GITHUB_EVENT_PATH: this.eventPath,
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
      GITHUB_SHA: sha,
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge'),
      GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_HEAD_REF: this.event === 'pull_request' ? pr?.headRef ?? 'feature' : '',
      GITHUB_BASE_REF: this.event === 'pull_request' ? pr?.baseRef ?? defaultBranch : '',
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_NUMBER: '7',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'job',
      GITHUB_WORKFLOW: 'workflow',
      GITHUB_ACTOR: job.actor ?? 'octo-user',
      GITHUB_TRIGGERING_ACTOR: job.actor ?? 'octo-user',
      GITHUB_SERVER_URL: serverUrl,
      GITHUB_API_URL: apiUrl,
      GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
      RUNNER_TEMP: this.runnerTemp,
      RUNNER_TOOL_CACHE: path.join(this.root, 'toolcache'),
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: `slipway-test-runner-${this.platform}`,
      RUNNER_ENVIRONMENT: 'self-hosted',
    };
    // Forgejo's runner (act based) sets the GITHUB_* set too, plus its own markers and copies.
    const forgejo: Record<string, string> = this.platform === 'forgejo' ? {
      GITEA_ACTIONS: 'true',
      GITEA_ACTIONS_RUNNER_VERSION: 'v6.0.0',
      FORGEJO_ACTIONS: 'true',
      FORGEJO_SERVER_URL: serverUrl,
      FORGEJO_REPOSITORY: repository,
      FORGEJO_SHA: sha,
      FORGEJO_REF: ref,
      FORGEJO_RUN_ID: runId,
      FORGEJO_EVENT_NAME: this.event,
      FORGEJO_WORKSPACE: this.workspace,
      FORGEJO_ACTOR: job.actor ?? 'octo-user',
    } : {};
    this.baseEnv = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: path.join(this.root, 'home'),
      LANG: 'C.UTF-8',
      ...github,
      ...forgejo,
      ...(job.env ?? {}),
    };
    fs.mkdirSync(this.baseEnv.HOME ?? '', { recursive: true });
  }

  /** A fresh set of command files for one step, as the runner makes per step. */
  stepFiles(): StepFiles {
    this.stepCount += 1;
    const dir = path.join(this.root, 'steps', String(this.stepCount));
    fs.mkdirSync(dir, { recursive: true });
    const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), state: path.join(dir, 'state'), env: path.join(dir, 'env'), path: path.join(dir, 'path') };
    for (const file of Object.values(files)) fs.writeFileSync(file, '');
    return files;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

interface StepFiles { output: string; summary: string; state: string; env: string; path: string }

function eventPayload(event: RunnerEvent, repository: string, defaultBranch: string, options: EventOptions): Record<string, unknown> {
  const [owner = '', name = ''] = repository.split('/');
  const repo = { full_name: repository, name, owner: { login: owner }, default_branch: defaultBranch };
  let payload: Record<string, unknown>;
  switch (event) {
    case 'pull_request': {
      const pr = options.pullRequest ?? { number: 1, baseSha: '0'.repeat(40), headSha: 'f'.repeat(40) };
      payload = {
        action: 'opened', number: pr.number, repository: repo,
        pull_request: {
          number: pr.number, state: 'open',
          base: { sha: pr.baseSha, ref: pr.baseRef ?? defaultBranch, repo },
          head: { sha: pr.headSha, ref: pr.headRef ?? 'feature', repo },
        },
      };
      break;
    }
    case 'push': {
      const push = options.push ?? { before: '0'.repeat(40), after: 'f'.repeat(40) };
      payload = { ref: push.ref ?? `refs/heads/${defaultBranch}`, before: push.before, after: push.after, forced: push.forced ?? false, repository: repo, commits: [] };
      break;
    }
    case 'schedule':
      payload = { schedule: '23 5 * * 1', repository: repo };
      break;
    case 'workflow_dispatch':
      payload = { inputs: options.dispatchInputs ?? {}, ref: `refs/heads/${defaultBranch}`, repository: repo };
      break;
  }
  return { ...payload, ...(options.extra ?? {}) };
}

/** GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV hold `name<<delimiter\nvalue\ndelimiter` records, or `name=value` lines. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i += 1; i < lines.length; i += 1) {
        if (lines[i] === delimiter) { closed = true; break; }
        body.push(lines[i] ?? '');
      }
      if (!closed) throw new Error(`command file: no closing delimiter '${delimiter}' for '${name}'`);
      values[name] = body.join('\n');
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`command file: cannot read line '${line}'`);
    values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

export interface CancelPlan {
  /** Cancel this long after the step started… */
  afterMs?: number;
  /** …or as soon as the step's stdout matches. */
  whenOutput?: RegExp;
  /** The runner's grace periods (GitHub: 7.5 s after SIGINT, 2.5 s after SIGTERM). */
  sigtermAfterMs?: number;
  sigkillAfterMs?: number;
}

export interface StepOptions {
  inputs?: Record<string, string>;
  /** The step's own `env:`. */
  env?: Record<string, string>;
  cancel?: CancelPlan;
  /** Working directory of the node process (the runner uses the workspace). */
  cwd?: string;
  /** A hard limit so a hung bundle fails the test instead of hanging it. */
  timeoutMs?: number;
  /** Run `runs.post` after main (default: when action.yml has one). */
  runPost?: boolean;
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout as the runner's log shows it: `::add-mask::` commands are the runner's and never shown (see `masks`). */
  stdout: string;
  stderr: string;
  /** Values the step registered with `::add-mask::`, in order. */
  masks: string[];
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  /** Signals sent, in order, when the step was cancelled. */
  signalsSent: NodeJS.Signals[];
  durationMs: number;
}

export interface StepRun extends ProcessRun {
  /** The `runs.post` run, when the action has one. */
  post?: ProcessRun;
  /** Lines of `::error::` commands (main and post). */
  errors: string[];
  /** What the runner decides: exit 0 is success, anything else (or a signal) failure. */
  ok: boolean;
  cancelled: boolean;
  /** The env the main step ran with (INPUT_* included), for assertions. */
  env: Record<string, string>;
}

/** Runs one `uses:` step of `action` in `job`: main, then post (always, as `post-if: always()` is the default). */
export async function runActionStep(job: RunnerJobContext, actionDir: string, options: StepOptions = {}): Promise<StepRun> {
  const action = readAction(actionDir);
  if (!/^node\d+$/.test(action.runs.using)) throw new Error(`${actionDir}: runs.using ${action.runs.using} is not a node action`);
  const bundle = path.resolve(action.dir, action.runs.main);
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run node scripts/build.mjs first`);
  const env: Record<string, string> = {
    ...job.baseEnv,
    ...job.exported,
    ...(options.env ?? {}),
    ...runnerInputEnv(action, options.inputs ?? {}),
    GITHUB_ACTION: 'slipway-step',
    GITHUB_ACTION_PATH: action.dir,
  };
  const files = job.stepFiles();
  const main = await runNode(bundle, env, files, options);
  const exported = parseCommandFile(fs.readFileSync(files.env, 'utf8'));
  Object.assign(job.exported, exported);
  const cancelled = main.signalsSent.length > 0;
  let post: ProcessRun | undefined;
  if (action.runs.post && options.runPost !== false) {
    const postBundle = path.resolve(action.dir, action.runs.post);
    const stateEnv = Object.fromEntries(Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]));
    post = await runNode(postBundle, { ...env, ...stateEnv }, job.stepFiles(), { timeoutMs: options.timeoutMs });
  }
  const errors = [main, post].filter((run): run is ProcessRun => run !== undefined)
    .flatMap((run) => run.stdout.split('\n')).filter((line) => line.startsWith('::error'));
  return { ...main, post, errors, ok: main.code === 0 && !cancelled, cancelled, env };
}

function runNode(bundle: string, env: Record<string, string>, files: StepFiles, options: StepOptions): Promise<ProcessRun> {
  const started = Date.now();
  const stepEnv = { ...env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_STATE: files.state, GITHUB_ENV: files.env, GITHUB_PATH: files.path };
  return new Promise((resolve, reject) => {
    // Its own process group, so the final SIGKILL takes the whole tree as the runner does.
    const child = spawn(process.execPath, [bundle], { env: stepEnv, cwd: options.cwd ?? env.GITHUB_WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    const signalsSent: NodeJS.Signals[] = [];
    const timers: NodeJS.Timeout[] = [];
    let cancelling = false;
    const send = (signal: NodeJS.Signals, group = false) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalsSent.push(signal);
      try { process.kill(group ? -(child.pid ?? 0) : child.pid ?? 0, signal); } catch { /* already gone */ }
    };
    const cancel = () => {
      if (cancelling) return;
      cancelling = true;
      send('SIGINT');
      timers.push(setTimeout(() => send('SIGTERM'), options.cancel?.sigtermAfterMs ?? 7500));
      timers.push(setTimeout(() => send('SIGKILL', true), (options.cancel?.sigtermAfterMs ?? 7500) + (options.cancel?.sigkillAfterMs ?? 2500)));
    };
    if (options.cancel?.afterMs !== undefined) timers.push(setTimeout(cancel, options.cancel.afterMs));
    const limit = options.timeoutMs ?? 300_000;
    timers.push(setTimeout(() => { stderr += `\n[runner-harness] step exceeded ${limit} ms; killed\n`; send('SIGKILL', true); }, limit));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.cancel?.whenOutput?.test(stdout)) cancel();
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      // The runner consumes add-mask commands; keeping them out of `stdout` also keeps a registered secret
      // out of a failing expectation's message (and so out of the test run's log).
      const lines = stdout.split('\n');
      const masks = lines.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length));
      const shown = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
      try {
        resolve({
          code, signal, stdout: shown, stderr, masks, signalsSent, durationMs: Date.now() - started,
          outputs: parseCommandFile(fs.readFileSync(files.output, 'utf8')),
          summary: fs.readFileSync(files.summary, 'utf8'),
          state: parseCommandFile(fs.readFileSync(files.state, 'utf8')),
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Where a secret may appear in a step's traces: only inside the ::add-mask:: command that registers it. */
export function unmaskedAppearances(run: ProcessRun, secret: string): string[] {
  const logLines = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  return [...logLines, JSON.stringify(run.outputs), run.summary, JSON.stringify(run.state)].filter((text) => text.includes(secret));
}
