import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedAndBackUp, REPO_PASSWORD } from '../drill/seed.js';
import { hosts, httpGet, prepareComposeApp, removeProject, sandbox } from '../deploy/support.js';
import { TestRepo } from '../scan/repo.js';
import { readAction, type RunnerPlatform } from '../../support/runner-harness.js';
import { FakeForge } from './fake-forge.js';
import { condition, evaluate, interpolate, readTemplate, runTemplate, slipwayActionDir, templateFiles, type Emulation, type ExpressionContext } from './template-runner.js';

// Every workflow template in workflows/ (GitHub) and workflows/forgejo/ (Forgejo) is run once end to
// end on the sandbox as a user who copied it would run it: its `with:` resolved from the given
// secrets/vars/inputs, each Slipway step the bundle from dist/ under the runner harness.
//
// Emulated (not Slipway, and out of reach here):
// - actions/checkout: the workspace is a git repository this test prepared; `ref` is checked out
//   when given, `fetch-depth` is accepted (the repository is complete anyway);
// - `run: … apt-get install … restic sqlite3`: checks the tools are on PATH (the sandbox has them);
// - github/codeql-action/upload-sarif: checks the file is SARIF 2.1.0;
// - actions/upload-artifact: checks the path exists;
// - the GitHub / Forgejo API: FakeForge on 127.0.0.1.

const [h1] = hosts;

const checkout: Emulation = (values, job) => {
  const known = ['ref', 'fetch-depth', 'repository', 'token', 'path', 'submodules', 'lfs', 'clean', 'persist-credentials'];
  const unknown = Object.keys(values).filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`actions/checkout has no input(s) ${unknown.join(', ')}`);
  if (values['fetch-depth'] !== undefined && !/^\d+$/.test(values['fetch-depth'])) throw new Error(`fetch-depth '${values['fetch-depth']}' is not a number`);
  if (values.ref) execFileSync('git', ['-C', job.workspace, 'checkout', '-q', values.ref]);
};
const uploadSarif: Emulation = (values) => {
  const sarif = JSON.parse(fs.readFileSync(values.sarif_file ?? '', 'utf8')) as { version?: string };
  if (sarif.version !== '2.1.0') throw new Error(`${values.sarif_file} is not SARIF 2.1.0`);
};
const uploadArtifact: Emulation = (values) => {
  if (!values.name || !values.path || !fs.existsSync(values.path)) throw new Error(`upload-artifact: path '${values.path}' does not exist`);
};
const installTools: Emulation = () => {
  for (const tool of ['restic', 'sqlite3']) execFileSync('sh', ['-c', 'command -v "$1"', 'which', tool]);
};
const EMULATIONS: Record<string, Emulation> = {
  'actions/checkout@': checkout,
  'https://code.forgejo.org/actions/checkout@': checkout,
  'github/codeql-action/upload-sarif@': uploadSarif,
  'https://code.forgejo.org/actions/upload-artifact@': uploadArtifact,
  'sudo apt-get update': installTools,
  'apt-get update': installTools,
};

const platformOf = (file: string): RunnerPlatform => (file.includes('forgejo') ? 'forgejo' : 'github');

describe('the template driver evaluates ${{ }} as the runner does', () => {
  const context: ExpressionContext = {
    secrets: { TOKEN: 't0k' }, vars: { EMPTY: '' }, inputs: { strategy: 'release', action: 'deploy' },
    github: { event_name: 'push', actor: 'ana' }, env: {}, steps: { scan: { outputs: { sarif: 'a.sarif' }, outcome: 'success', conclusion: 'success' } },
  };
  it('returns operands from && and ||, compares strings ignoring case, reads every context', () => {
    expect(interpolate("${{ github.event_name == 'pull_request' && 'pr' || github.event_name == 'push' && 'push' || 'history' }}", context)).toBe('push');
    expect(interpolate("${{ inputs.strategy == 'RELEASE' && 'dist/' || '' }}", context)).toBe('dist/');
    expect(interpolate('${{ vars.REGISTRY_USER || github.actor }}', context)).toBe('ana');
    expect(interpolate("x-${{ secrets.TOKEN }}-${{ vars.MISSING }}", context)).toBe('x-t0k-');
    expect(interpolate("${{ github.event_name == 'pull_request' }}", context)).toBe('false');
    expect(evaluate("!(vars.EMPTY != '')", context)).toBe(true);
    // null (a missing output or var) equals '' as the runner compares them.
    expect(evaluate("vars.MISSING == ''", context)).toBe(true);
    expect(evaluate("steps.scan.outputs.other != ''", context)).toBe(false);
  });
  it('gives `if:` the implicit success(), and refuses unknown steps, contexts and functions', () => {
    expect(condition("always() && steps.scan.outputs.sarif != ''", { ...context, jobFailed: true })).toBe(true);
    expect(condition("steps.scan.outputs.sarif != ''", { ...context, jobFailed: true })).toBe(false);
    expect(() => evaluate('steps.nope.outputs.x', context)).toThrow(/no step with id 'nope'/);
    expect(() => evaluate('matrix.os', context)).toThrow(/context 'matrix'/);
    expect(() => evaluate("hashFiles('x')", context)).toThrow(/hashFiles\(\) is not emulated/);
  });
  it('finds every template', () => {
    expect(templateFiles().sort()).toEqual([
      'workflows/deploy.yml', 'workflows/dr-drill.yml', 'workflows/forgejo/deploy.yml', 'workflows/forgejo/dr-drill.yml',
      'workflows/forgejo/preview.yml', 'workflows/forgejo/secret-scan.yml', 'workflows/preview-deploy.yml', 'workflows/preview.yml',
      'workflows/secret-scan.yml',
    ]);
  });
});

/**
 * The preview templates have several jobs (build without secrets, a gate, a deploy on workflow_run),
 * which the one-job driver does not run; their Slipway steps are held to the same wiring rules
 * statically: declared inputs only, required ones given, `steps.<id>.outputs.X` declared by that step's action.
 * (They are run for real by test/integration/preview/, through the CLI and the flow.)
 */
describe('the preview templates are wired as their actions declare', () => {
  const multiJob = ['workflows/preview.yml', 'workflows/preview-deploy.yml', 'workflows/forgejo/preview.yml'];
  it.each(multiJob)('%s: every Slipway step passes declared inputs, gives the required ones, reads declared outputs', (file) => {
    const template = readTemplate(file);
    let slipwaySteps = 0;
    for (const [jobName, job] of Object.entries(template.jobs)) {
      const actionOf = new Map<string, string>();
      for (const step of job.steps) {
        const dir = step.uses ? slipwayActionDir(step.uses) : undefined;
        if (!dir) continue;
        slipwaySteps += 1;
        const action = readAction(dir);
        const given = Object.keys(step.with ?? {});
        expect({ job: jobName, step: step.id ?? step.uses, unknown: given.filter((name) => !(name in action.inputs)) }).toEqual({ job: jobName, step: step.id ?? step.uses, unknown: [] });
        const required = Object.entries(action.inputs).filter(([, spec]) => spec.required && spec.default === undefined).map(([name]) => name);
        expect({ job: jobName, missing: required.filter((name) => !String(step.with?.[name] ?? '').trim()) }).toEqual({ job: jobName, missing: [] });
        if (step.id) actionOf.set(step.id, dir);
      }
      const text = JSON.stringify(job);
      for (const match of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const dir = actionOf.get(match[1] ?? '');
        if (dir) expect({ output: `${match[1]}.${match[2]}`, declared: (match[2] ?? '') in readAction(dir).outputs }).toEqual({ output: `${match[1]}.${match[2]}`, declared: true });
      }
    }
    // The pull_request build job builds with docker alone (no Slipway step, no secrets); the others deploy through Slipway.
    expect(slipwaySteps > 0).toBe(file !== 'workflows/preview.yml');
  });
});

describe('the secret-scan templates, end to end', () => {
  let forge: FakeForge;
  beforeAll(async () => { forge = await new FakeForge().start(); });
  afterAll(async () => forge.stop());

  it.each(['workflows/secret-scan.yml', 'workflows/forgejo/secret-scan.yml'])('%s: a clean pull request passes, the SARIF step gets the report, the token only reaches the API', async (file) => {
    const repo = new TestRepo(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hr-scan-')));
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.write('README.md', '# app\n');
    const base = repo.commit('base');
    repo.write('src/app.js', 'export const port = process.env.PORT;\n');
    const head = repo.commit('feature');
    const token = `ghs_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}hr`;
    forge.requests.length = 0;
    const platform = platformOf(file);
    const run = await runTemplate(file, {
      platform, event: 'pull_request', workspace: repo.dir, secrets: { GITHUB_TOKEN: token }, vars: {},
      eventOptions: { pullRequest: { number: 9, baseSha: base, headSha: head, headRef: 'feature' } },
      ...(platform === 'github' ? { apiUrl: forge.url } : { serverUrl: forge.url }),
      emulate: EMULATIONS,
    });
    try {
      const scan = run.steps.find((step) => step.id === 'scan');
      expect({ code: scan?.run?.code, errors: scan?.run?.errors }).toEqual({ code: 0, errors: [] });
      expect(scan?.with).toMatchObject({ mode: 'pr', comment: 'true' });
      expect(run.failed).toBe(false);
      // The SARIF step ran (not skipped) on the file the scan wrote.
      const upload = run.steps[run.steps.length - 1];
      expect(upload).toMatchObject({ skipped: false, emulated: true });
      for (const request of forge.requests) expect(request.authorization).toContain(token);
      const traces = `${scan?.run?.stdout ?? ''}${scan?.run?.stderr ?? ''}`.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
      expect(traces).not.toContain(token);
    } finally {
      run.job.remove();
      repo.remove();
    }
  });
});

describe('the restore-drill templates, end to end', () => {
  let forge: FakeForge;
  beforeAll(async () => { forge = await new FakeForge().start(); });
  afterAll(async () => forge.stop());

  it.each(['workflows/dr-drill.yml', 'workflows/forgejo/dr-drill.yml'])('%s: the nightly schedule restores the newest restic snapshot and passes', async (file) => {
    const seeded = seedAndBackUp({ restic: true });
    const platform = platformOf(file);
    forge.requests.length = 0;
    const run = await runTemplate(file, {
      platform, event: 'schedule',
      secrets: { BACKUP_REPOSITORY: seeded.resticRepo, BACKUP_PASSWORD: REPO_PASSWORD, GITHUB_TOKEN: 'ghs_hrdrilltoken', DRILL_TOKEN: 'forgejo-hr-drill-token' },
      vars: { DRILL_TABLES: 'students\njournal_entries\nquiz_attempts' },
      ...(platform === 'github' ? { apiUrl: forge.url } : { serverUrl: forge.url }),
      emulate: EMULATIONS,
    });
    try {
      const drill = run.steps.find((step) => step.id === 'drill');
      expect({ code: drill?.run?.code, errors: drill?.run?.errors }).toEqual({ code: 0, errors: [] });
      expect(drill?.run?.outputs).toMatchObject({ passed: 'true' });
      // A passing drill looks for its open issue to close it, with the template's token.
      expect(forge.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toContain('GET /repos/team/app/issues');
      expect(forge.requests.every((r) => r.authorization === `token ${platform === 'github' ? 'ghs_hrdrilltoken' : 'forgejo-hr-drill-token'}`)).toBe(true);
    } finally {
      run.job.remove();
      fs.rmSync(seeded.root, { recursive: true, force: true });
    }
  });
});

describe('the deploy templates, end to end: build, push, deploy, then a rollback from the same template', () => {
  const cases = [
    { file: 'workflows/deploy.yml', port: 44010, app: 'hr-wf-deploy-gh' },
    { file: 'workflows/forgejo/deploy.yml', port: 44011, app: 'hr-wf-deploy-fj' },
  ];
  afterAll(async () => {
    for (const c of cases) await removeProject(c.app);
    // The images the runs built (the hosts share the runner's engine here).
    const built = execFileSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).split('\n')
      .filter((ref) => ref.startsWith(`${sandbox.registries.anonymous.address}/hr-workflows/`) || /^slipway-rollback:hr-wf-/.test(ref));
    if (built.length) execFileSync('docker', ['image', 'rm', '--force', ...built], { stdio: 'ignore' });
  });

  it.each(cases)('$file', async ({ file, port, app }) => {
    await removeProject(app);
    const appDir = await prepareComposeApp(h1, app, port);
    // The user's repository: the example app, tagged as a release.
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hr-app-'));
    fs.cpSync('examples/app', workspace, { recursive: true });
    const repo = new TestRepo(workspace);
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.commit('app');
    const secrets = {
      DEPLOY_HOST: `${h1.address}:${h1.port}`,
      DEPLOY_SSH_KEY: fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
      DEPLOY_KNOWN_HOSTS: fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8'),
      // The anonymous registry: the host pulls without a login, the runner logs in with any password.
      REGISTRY_PASSWORD: 'hr-registry-password',
    };
    const vars = { IMAGE: `${sandbox.registries.anonymous.address}/hr-workflows/${app}`, APP_DIR: appDir, HEALTH_URL: `http://127.0.0.1:${port}/api/health` };
    const dispatch = (inputs: Record<string, string>, ref: string) => runTemplate(file, {
      platform: platformOf(file), event: 'workflow_dispatch', workspace, secrets, vars, inputs, emulate: EMULATIONS, timeoutMs: 240_000,
      env: { GITHUB_REF: ref },
    });
    const pipeline = (run: Awaited<ReturnType<typeof dispatch>>) => run.steps.find((step) => step.id === 'pipeline')?.run;

    repo.git('tag', 'v1.0.0');
    const first = await dispatch({ environment: 'staging', ref: 'v1.0.0' }, 'refs/tags/v1.0.0');
    try {
      expect({ code: pipeline(first)?.code, errors: pipeline(first)?.errors }).toEqual({ code: 0, errors: [] });
      expect(pipeline(first)?.outputs).toMatchObject({ outcome: 'deployed', version: '1.0.0', 'rolled-back': 'false' });
      expect(await httpGet(port)).toContain('"version":"1.0.0"');
    } finally {
      first.job.remove();
    }

    fs.writeFileSync(path.join(workspace, 'www', 'index.html'), '<p>v1.1.0</p>\n');
    repo.commit('v1.1.0');
    repo.git('tag', 'v1.1.0');
    const second = await dispatch({ environment: 'staging', ref: 'v1.1.0' }, 'refs/tags/v1.1.0');
    try {
      expect(pipeline(second)?.outputs).toMatchObject({ outcome: 'deployed', version: '1.1.0', 'previous-version': '1.0.0' });
      expect(await httpGet(port)).toContain('"version":"1.1.0"');
    } finally {
      second.job.remove();
    }

    const back = await dispatch({ environment: 'staging', action: 'rollback' }, 'refs/heads/main');
    try {
      expect({ code: pipeline(back)?.code, errors: pipeline(back)?.errors }).toEqual({ code: 0, errors: [] });
      expect(pipeline(back)?.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '1.1.0', 'rolled-back': 'true' });
      expect(await httpGet(port)).toContain('"version":"1.0.0"');
    } finally {
      back.job.remove();
      repo.remove();
    }
  });
});
