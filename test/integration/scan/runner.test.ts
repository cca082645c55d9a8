import { jest } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { runAction } from '../../../src/platform/actions-edge.js';
import { secretScanFlow } from '../../../src/scan/flow.js';
import { TestRepo, fakeGithubToken } from './repo.js';

// The Actions edge as a runner drives it: every input that has a default in
// action.yml arrives as INPUT_<NAME> (the runner passes defaults like values).
const actionYml = YAML.parse(fs.readFileSync(path.resolve('actions/secret-scan/action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
const defaults = Object.fromEntries(Object.entries(actionYml.inputs).filter(([, spec]) => spec.default !== undefined).map(([name, spec]) => [name, String(spec.default)]));

const repos: TestRepo[] = [];
// @actions/core keeps the first GITHUB_STEP_SUMMARY path it sees, so every step of this file shares one set of files.
const stepDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hs-runner-'));
afterAll(() => {
  for (const repo of repos) repo.remove();
  fs.rmSync(stepDir, { recursive: true, force: true });
});

interface StepRun { exitCode: number; stdout: string; outputs: string; summary: string }

/** Runs the action's main in-process with a runner's environment, then restores the process. */
async function runStep(repo: TestRepo, event: string, payload: object, inputs: Record<string, string> = {}): Promise<StepRun> {
  const dir = stepDir;
  const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), event: path.join(dir, 'event.json') };
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.event, JSON.stringify(payload));
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) process.env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: files.event, GITHUB_WORKSPACE: repo.dir,
    GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_REPOSITORY: 'team/app', RUNNER_TEMP: dir,
  });
  const printed: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true; });
  try {
    process.exitCode = 0;
    await runAction(secretScanFlow);
    return { exitCode: Number(process.exitCode ?? 0), stdout: printed.join(''), outputs: fs.readFileSync(files.output, 'utf8'), summary: fs.readFileSync(files.summary, 'utf8') };
  } finally {
    out.mockRestore();
    process.exitCode = savedExit;
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** A repository with a clean main and a clean feature branch on top. */
function cleanRepo(): { repo: TestRepo; base: string; head: string } {
  const repo = new TestRepo();
  repos.push(repo);
  repo.write('app.js', 'console.log(1)\n');
  const base = repo.commit('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write('app.js', 'console.log(2)\n');
  const head = repo.commit('feature');
  return { repo, base, head };
}

describe('secret-scan with every action.yml default set, as the runner sets them', () => {
  it('reads the defaults from action.yml (config among them)', () => {
    expect(defaults).toMatchObject({ mode: 'auto', config: '.slipway/secret-scan.yml', baseline: expect.any(String) });
  });

  it.each([
    ['pull_request', 'pr', (base: string, head: string) => ({ number: 7, pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head } } })],
    ['push', 'push', (base: string, head: string) => ({ ref: 'refs/heads/feature', before: base, after: head })],
    ['schedule', 'history', () => ({})],
    ['workflow_dispatch', 'tree', () => ({})],
  ])('%s (%s mode) passes on a clean repository without a config file: the default config path is not "required"', async (event, mode, payload) => {
    const { repo, base, head } = cleanRepo();
    const run = await runStep(repo, event, payload(base, head));
    expect({ exitCode: run.exitCode, missingConfig: /does not exist/.test(run.stdout), errors: run.stdout.split('\n').filter((line) => line.startsWith('::error')) }).toEqual({ exitCode: 0, missingConfig: false, errors: [] });
    expect(run.outputs).toMatch(/^findings<<[\s\S]*\n0\n/m);
    expect(run.summary).toContain(mode);
  });

  it('still fails when a config path other than the default is named and missing', async () => {
    const { repo } = cleanRepo();
    const run = await runStep(repo, 'workflow_dispatch', {}, { config: 'ci/scan.yml' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/ci\/scan\.yml: the secret-scan config file does not exist/);
  });

  it('fails on a planted secret with the defaults too', async () => {
    const { repo } = cleanRepo();
    repo.write('deploy.sh', `export GITHUB_TOKEN=${fakeGithubToken()}\n`);
    const run = await runStep(repo, 'workflow_dispatch', {});
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatch(/^new-findings<<[\s\S]*\n1\n/m);
  });
});

describe('revisions reach git only as revisions', () => {
  const marker = path.join(os.tmpdir(), `slipway-hs-injected-${process.pid}`);
  afterEach(() => fs.rmSync(marker, { force: true }));

  it.each([
    ['pr', 'base', `--upload-pack=touch ${marker}`],
    ['pr', 'head', `--output=${marker}`],
    ['history', 'head', `--output=${marker}`],
    ['push', 'before', `--output=${marker}`],
    ['push', 'after', '-c'],
    ['pr', 'base-ref', 'main:refs/heads/x'],
    ['push', 'ref', 'refs/heads/a..b'],
    ['pr', 'base', 'main\n::error::forged'],
  ])('%s mode refuses %s = %j before any process starts, naming the input', async (mode, input, value) => {
    const { repo, base, head } = cleanRepo();
    const values: Record<string, string> = { mode, 'working-directory': repo.dir, sarif: 'none', base, head, [input]: value };
    const log = new MemoryLogger();
    await expect(runFlow(secretScanFlow, values, localContext(log, { workDir: repo.dir, env: {} }))).rejects.toThrow(new RegExp(`input '${input}'|--${input}.*is not a git ref or commit id`));
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('accepts branch names, remote branches, HEAD~N and shas, and shows a ref name whole in the log', async () => {
    const { repo, base } = cleanRepo();
    repo.git('branch', 'release/2026-12-the-long-name', 'feature');
    const log = new MemoryLogger();
    const run = await runFlow(secretScanFlow, { mode: 'pr', 'working-directory': repo.dir, sarif: 'none', base: 'main', head: 'release/2026-12-the-long-name' }, localContext(log, { workDir: repo.dir, env: {} }));
    expect(run.result.newFindings).toBe(0);
    expect(log.text()).toContain('release/2026-12-the-long-name');
    await expect(runFlow(secretScanFlow, { mode: 'pr', 'working-directory': repo.dir, sarif: 'none', base: base.slice(0, 10), head: 'feature~0' }, localContext(new MemoryLogger(), { workDir: repo.dir, env: {} }))).resolves.toBeDefined();
  });
});
