import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TestRepo } from '../scan/repo.js';
import {
  inputVariable, parseCommandFile, readAction, RunnerJobContext, runActionStep, runnerInputEnv, unmaskedAppearances, type RunnerPlatform,
} from '../../support/runner-harness.js';

// The Actions edge as a runner drives it (test/support/runner-harness.ts): the bundle from dist/ as a
// child process, every action.yml default in INPUT_* plus the step's inputs, the runner's GITHUB_* /
// Forgejo variables and event payload, outputs and the job summary read back from the command files.
const SECRET = `Bearer edge-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-token`;

describe('the runner harness sets up a step as the GitHub and Forgejo runners do', () => {
  it('sets every action.yml default as INPUT_<NAME> (uppercased, spaces to underscores, hyphens kept), then the given inputs', () => {
    const action = readAction('actions/secret-scan');
    const env = runnerInputEnv(action, { mode: 'pr' });
    expect(inputVariable('max file-size')).toBe('INPUT_MAX_FILE-SIZE');
    expect(env).toMatchObject({ INPUT_MODE: 'pr', INPUT_CONFIG: '.slipway/secret-scan.yml', 'INPUT_MAX-FILE-SIZE': '1MB', 'INPUT_WRITE-BASELINE': 'false' });
    // Inputs without a default are not set at all.
    expect(Object.keys(env)).not.toContain('INPUT_TOKEN');
  });

  it('reads GITHUB_OUTPUT heredoc records and plain name=value lines alike', () => {
    expect(parseCommandFile('a<<ghadelimiter_1\none\ntwo\nghadelimiter_1\nb=2\n')).toEqual({ a: 'one\ntwo', b: '2' });
    expect(() => parseCommandFile('a<<EOF\nnever closed\n')).toThrow(/no closing delimiter/);
  });

  it.each(['github', 'forgejo'] as const)('on %s: the event payload and the platform markers Slipway detects', (platform) => {
    const job = new RunnerJobContext({ platform, event: 'pull_request', eventOptions: { pullRequest: { number: 12, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40) } } });
    try {
      const payload = JSON.parse(fs.readFileSync(job.baseEnv.GITHUB_EVENT_PATH ?? '', 'utf8')) as { number: number; pull_request: { base: { sha: string } } };
      expect(payload.number).toBe(12);
      expect(payload.pull_request.base.sha).toBe('a'.repeat(40));
      expect(job.baseEnv).toMatchObject({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/12/merge', GITHUB_SHA: 'b'.repeat(40) });
      if (platform === 'forgejo') expect(job.baseEnv).toMatchObject({ GITEA_ACTIONS: 'true', FORGEJO_ACTIONS: 'true' });
      else expect(job.baseEnv.GITEA_ACTIONS).toBeUndefined();
    } finally {
      job.remove();
    }
  });

  it('runs runs.post after main with the STATE_ values main saved, and cancels with SIGINT, then SIGTERM, then SIGKILL', async () => {
    // A throwaway node action: main saves state and then ignores SIGINT and SIGTERM; post echoes its state.
    const job = new RunnerJobContext();
    try {
      const dir = path.join(job.root, 'fixture-action');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'action.yml'), 'name: fixture\ninputs:\n  wait:\n    default: "no"\nruns:\n  using: node24\n  main: main.cjs\n  post: post.cjs\n');
      fs.writeFileSync(path.join(dir, 'main.cjs'), [
        "const fs = require('fs');",
        "fs.appendFileSync(process.env.GITHUB_STATE, 'session<<EOF\\nabc 1\\nEOF\\n');",
        "process.on('SIGINT', () => console.log('got SIGINT'));",
        "process.on('SIGTERM', () => console.log('got SIGTERM'));",
        "console.log('started');",
        "if (process.env.INPUT_WAIT === 'yes') setInterval(() => {}, 1000);",
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'post.cjs'), "console.log('post sees ' + process.env.STATE_session);\n");
      const quick = await runActionStep(job, dir);
      expect(quick.ok).toBe(true);
      expect(quick.state).toEqual({ session: 'abc 1' });
      expect(quick.post?.stdout).toContain('post sees abc 1');

      const cancelled = await runActionStep(job, dir, { inputs: { wait: 'yes' }, cancel: { whenOutput: /started/, sigtermAfterMs: 300, sigkillAfterMs: 300 } });
      expect(cancelled.signalsSent).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL']);
      expect(cancelled.stdout).toContain('got SIGINT');
      expect(cancelled.stdout).toContain('got SIGTERM');
      expect(cancelled.signal).toBe('SIGKILL');
      expect(cancelled.ok).toBe(false);
      // The runner still runs the post step of a cancelled one (post-if: always()).
      expect(cancelled.post?.stdout).toContain('post sees abc 1');
    } finally {
      job.remove();
    }
  });
});

describe('smoke-test as a runner runs it', () => {
  let server: http.Server;
  let url = '';
  const received: string[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      received.push(String(request.headers.authorization));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', version: '1.2.3' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const inputs = (): Record<string, string> => ({
    url, 'expect-version': '1.2.3', 'secret-headers': `Authorization=${SECRET}`, 'consecutive-passes': '1', timeout: '10s',
  });
  const step = async (platform: RunnerPlatform, given: Record<string, string>, env: Record<string, string> = {}) => {
    const job = new RunnerJobContext({ platform, event: 'push', serverUrl: 'https://code.example.com', runId: '42', env });
    try {
      return await runActionStep(job, 'actions/smoke-test', { inputs: given });
    } finally {
      job.remove();
    }
  };

  it('on GitHub: writes outputs and the job summary, and masks the secret input everywhere', async () => {
    received.length = 0;
    const run = await step('github', inputs());
    expect(run.code).toBe(0);
    expect(received).toContain(SECRET);
    expect(run.outputs).toMatchObject({ passed: 'true', 'version-seen': '1.2.3' });
    expect(run.masks).toContain(SECRET);
    expect(run.stdout).not.toContain('::add-mask::');
    expect(unmaskedAppearances(run, SECRET)).toEqual([]);
    expect(run.summary).toContain('| Check | Status | Latency | Attempts | Details |');
    expect(run.summary).toContain('✅ pass');
    expect(run.stdout).not.toContain('Job summary not written');
  });

  it('on Forgejo: the same outputs, no summary file, the table in the log with a line saying why', async () => {
    const run = await step('forgejo', inputs());
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', 'version-seen': '1.2.3' });
    expect(run.masks).toContain(SECRET);
    expect(run.stdout).not.toContain('::add-mask::');
    expect(unmaskedAppearances(run, SECRET)).toEqual([]);
    expect(run.summary).toBe('');
    expect(run.stdout).toContain('Job summary not written (Forgejo shows no job summaries); the same table follows in the log:');
    expect(run.stdout).toMatch(/Check\s+Status\s+Latency\s+Attempts\s+Details\n[-\s]+\n\S.*✅ pass/);
  });

  it.each(['github', 'forgejo'] as const)('on %s: a bad input exits non-zero with one message naming it, and no stack trace', async (platform) => {
    received.length = 0;
    const run = await step(platform, { ...inputs(), timeout: 'forever' });
    expect(run.code).not.toBe(0);
    expect(received).toEqual([]);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::input 'timeout': is not a duration \(found 'forever', expected e\.g\. 30s/)]);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |%0A\s+at /);
  });

  it('a cancelled step (the runner sends SIGINT) ends within the grace period, before SIGTERM is needed', async () => {
    // A port nobody listens on: the smoke test waits for readiness until cancelled.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const job = new RunnerJobContext({ event: 'push' });
    try {
      const run = await runActionStep(job, 'actions/smoke-test', {
        inputs: { url: `http://127.0.0.1:${port}/health`, timeout: '60s' },
        cancel: { whenOutput: /not ready yet/, sigtermAfterMs: 7500, sigkillAfterMs: 2500 },
      });
      expect(run.cancelled).toBe(true);
      expect(run.signalsSent).toEqual(['SIGINT']);
      expect(run.durationMs).toBeLessThan(7500);
    } finally {
      job.remove();
    }
  });

  it('with RUNNER_DEBUG=1 the same error carries its stack trace', async () => {
    const run = await step('github', { ...inputs(), timeout: 'forever' }, { RUNNER_DEBUG: '1' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::InputError: input 'timeout': is not a duration[\s\S]*%0A\s+at /);
  });
});

describe('secret-scan as a runner runs it: every default set, each event', () => {
  // Finding 1 of issue 16: `config` holds its own default, which used to fail every mode with
  // "config file does not exist" — the first pull request's scan of every new user.
  let repo: TestRepo;
  let base = '';
  let head = '';
  beforeAll(() => {
    repo = new TestRepo();
    repo.write('README.md', '# app\n');
    base = repo.commit('base');
    repo.write('src/app.js', 'export const greeting = "hello";\n');
    head = repo.commit('feature');
  });
  afterAll(() => repo.remove());

  const events = ['pull_request', 'push', 'schedule', 'workflow_dispatch'] as const;
  it.each(['github', 'forgejo'] as const)('on %s: a clean repository passes in every mode with only the defaults (mode auto)', async (platform) => {
    for (const event of events) {
      const job = new RunnerJobContext({
        platform, event, workspace: repo.dir,
        eventOptions: { pullRequest: { number: 3, baseSha: base, headSha: head, headRef: 'feature' }, push: { before: base, after: head } },
      });
      try {
        const run = await runActionStep(job, 'actions/secret-scan', { inputs: { sarif: path.join(job.root, 'scan.sarif') } });
        expect({ event, code: run.code, errors: run.errors }).toEqual({ event, code: 0, errors: [] });
        expect(run.outputs).toMatchObject({ findings: '0', 'new-findings': '0' });
      } finally {
        job.remove();
      }
    }
  });
});
