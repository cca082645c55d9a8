import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oneJsonDocument } from '../../../src/cli/json-output.js';
import { fakeGithubToken } from '../../integration/scan/repo.js';
import { slipway } from './capture.js';

const PIN = `SHA256:${'A'.repeat(43)}`;
let dir: string;
let key: string;
let repo: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h21-json-'));
  key = path.join(dir, 'key');
  fs.writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n', { mode: 0o600 });
  repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'ignore' });
  git('init', '--quiet');
  // Made at test time, so this file holds no token-shaped string.
  fs.writeFileSync(path.join(repo, 'config.env'), `GITHUB_TOKEN=${fakeGithubToken()}\n`);
  fs.writeFileSync(path.join(dir, 'app.db'), '');
  git('add', '.');
  git('commit', '--quiet', '-m', 'one');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** No host answers on port 1: the host commands run and fail to reach it, without touching anything. */
const nowhere = () => ['--host', 'deploy@127.0.0.1:1', '--private-key', key, '--host-fingerprint', PIN, '--app-dir', '/srv/h21-json', '--service', 'web', '--connect-timeout', '2s'];
const hostFlags = () => nowhere().filter((_, i, all) => all[i] !== '--connect-timeout' && all[i - 1] !== '--connect-timeout');

/** stdout holds exactly one JSON document: JSON.parse of the whole of it, nothing before or after. */
function theDocument(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('\n')).toBe(true);
  const document = JSON.parse(stdout) as unknown;
  expect(typeof document === 'object' && document !== null && !Array.isArray(document)).toBe(true);
  return document as Record<string, unknown>;
}

describe('--json: one JSON document on stdout, for every command', () => {
  it.each<[string, () => string[], number, Record<string, unknown>]>([
    ['deploy --dry-run', () => ['deploy', ...hostFlags(), '--image', 'registry.example.com/app:1', '--dry-run'], 0, { ok: true, dryRun: true }],
    ['deploy --mode rollback --dry-run', () => ['deploy', ...hostFlags(), '--mode', 'rollback', '--dry-run'], 0, { ok: true, dryRun: true }],
    ['drill --dry-run', () => ['drill', '--source', 'sqlite', '--database-path', path.join(dir, 'app.db'), '--min-rows', 'users=1', '--report-file', path.join(dir, 'report.json'), '--dry-run'], 0, { ok: true, dryRun: true }],
    ['pipeline --dry-run', () => ['pipeline', '--image', 'registry.example.com/team/app', '--context', 'examples/app', '--version', '1.2.3', ...hostFlags(), '--url', 'https://app.example.com/health', '--dry-run'], 0, { ok: true, dryRun: true }],
    ['scan (tree)', () => ['scan', '--mode', 'tree', '--working-directory', repo, '--sarif', 'none'], 1, { ok: false }],
    ['smoke (nothing answers)', () => ['smoke', '--url', 'http://127.0.0.1:9/', '--timeout', '1s'], 1, { ok: false }],
    ['status (host unreachable)', () => ['status', ...nowhere()], 1, { ok: false }],
    ['history (host unreachable)', () => ['history', ...nowhere()], 1, { ok: false }],
    ['lock status (host unreachable)', () => ['lock', 'status', ...nowhere()], 1, { ok: false }],
    ['init --dry-run', () => ['init', '--dry-run', '--host', 'deploy@app.example.com', '--image', 'ghcr.io/you/app', '--forge', 'github', '--service', 'app'], 0, { ok: true, written: [] }],
    ['preview without a subcommand', () => ['preview'], 2, { ok: false }],
    ['a bad flag', () => ['build', '--imagee', 'x'], 2, { ok: false }],
    ['an unknown command', () => ['deplyo'], 2, { ok: false }],
    ['--version', () => ['--version'], 0, { ok: true }],
    ['help deploy (text, wrapped)', () => ['help', 'deploy'], 0, { ok: true, exitCode: 0 }],
    ['deploy --help (text, wrapped)', () => ['deploy', '--help'], 0, { ok: true, exitCode: 0 }],
    ['completion bash (a script, wrapped)', () => ['completion', 'bash'], 0, { ok: true, exitCode: 0 }],
    ['demo --help (text, wrapped)', () => ['demo', '--help'], 0, { ok: true, exitCode: 0 }],
  ])('slipway %s', async (_name, argv, code, shape) => {
    const cwd = process.cwd();
    // init reads and would write the project in the working directory: an empty one.
    const project = fs.mkdtempSync(path.join(dir, 'project-'));
    if (argv()[0] === 'init') process.chdir(project);
    try {
      const run = await slipway(...argv(), '--json');
      expect(run.code).toBe(code);
      expect(theDocument(run.stdout)).toMatchObject(shape);
      if (code !== 0) expect(run.stderr).toMatch(/^error: /m);
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readdirSync(project)).toEqual([]);
  });

  it('names the error in the document and on stderr alike', async () => {
    const run = await slipway('status', ...nowhere(), '--json');
    const document = theDocument(run.stdout) as { hosts: Array<{ host: string; error: string }> };
    expect(document.hosts[0]?.host).toBe('deploy@127.0.0.1:1');
    expect(run.stderr).toContain(`error: deploy@127.0.0.1:1: ${document.hosts[0]?.error ?? 'none'}`);
  });

  it('sends everything for people to stderr: the step lines of a run stay off stdout', async () => {
    const run = await slipway('smoke', '--url', 'http://127.0.0.1:9/', '--timeout', '1s', '--json');
    expect(run.stderr).toContain('▸ Smoke test (1 check)');
    expect(run.stdout).not.toContain('▸');
  });
});

describe('the guard behind it', () => {
  it('passes one document through, wraps text as { ok, exitCode, text }, and says so when nothing was written', () => {
    expect(oneJsonDocument('{\n  "ok": true\n}\n', 0)).toBe('{\n  "ok": true\n}\n');
    expect(JSON.parse(oneJsonDocument('slipway deploy [flags]\n', 0))).toEqual({ ok: true, exitCode: 0, text: 'slipway deploy [flags]\n' });
    expect(JSON.parse(oneJsonDocument('', 1))).toEqual({ ok: false, exitCode: 1 });
  });

  it('never lets two documents out as two: they are wrapped as text', () => {
    const out = oneJsonDocument('{"ok":true}\n{"ok":false}\n', 1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, exitCode: 1 });
  });
});
