import fs from 'node:fs';
import YAML from 'yaml';

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }
interface Job { if?: string; steps?: Step[]; permissions?: unknown; needs?: string | string[] }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job>; permissions?: unknown }

const load = (file: string): Workflow => YAML.parse(fs.readFileSync(file, 'utf8')) as Workflow;
const readsSecrets = (job: Job): boolean => /secrets\./.test(JSON.stringify(job));
const checksOut = (job: Job): boolean => (job.steps ?? []).some((step) => /actions\/checkout@/.test(step.uses ?? ''));
const checksOutHead = (job: Job): boolean => (job.steps ?? []).some((step) => /actions\/checkout@/.test(step.uses ?? '') && /pull_request\.head|head_ref|merge/.test(JSON.stringify(step.with ?? {})));

/**
 * What makes a preview workflow safe with outside contributors, as problems found:
 * - no `pull_request_target` whose jobs check out the PR head;
 * - a job that reads secrets never checks out (so never runs) the PR's code;
 * - on a `pull_request` trigger, a job that reads secrets only runs for PRs from this repository;
 * - on `workflow_run`, a job that reads secrets is gated by a job that reads none.
 */
export function forkSafetyProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const triggers = Object.keys(workflow.on ?? {});
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (triggers.includes('pull_request_target') && checksOutHead(job)) problems.push(`${name}: pull_request_target with a checkout of the PR head`);
    if (!readsSecrets(job)) continue;
    if (checksOut(job)) problems.push(`${name}: reads secrets and checks out code`);
    const condition = job.if ?? '';
    const sameRepoOnly = /head\.repo\.full_name == github\.repository/.test(condition);
    const notOnPr = /github\.event_name != 'pull_request'/.test(condition);
    const gated = /needs\.\w+\.outputs\.allowed == 'true'/.test(condition) && [job.needs].flat().every((need) => need && !readsSecrets(workflow.jobs[need] ?? {}));
    const notOnRun = /github\.event_name != 'workflow_run'/.test(condition);
    if (triggers.includes('pull_request') && !sameRepoOnly && !notOnPr) problems.push(`${name}: reads secrets on pull_request without requiring the PR's head in this repository`);
    if (triggers.includes('workflow_run') && !gated && !notOnRun) problems.push(`${name}: reads secrets on workflow_run without a secret-free gate job allowing it`);
  }
  return problems;
}

describe('preview workflow templates are safe with outside contributors', () => {
  const github = load('workflows/preview.yml');
  const deploy = load('workflows/preview-deploy.yml');
  const forgejo = load('workflows/forgejo/preview.yml');

  it('GitHub: builds on pull_request with no secrets and a read-only token', () => {
    expect(Object.keys(github.on)).toEqual(['pull_request']);
    expect(JSON.stringify(github)).not.toMatch(/secrets\./);
    expect(github.permissions).toEqual({ contents: 'read' });
    expect(forkSafetyProblems(github)).toEqual([]);
  });

  it('GitHub: deploys on workflow_run, secrets only behind a gate that reads none, and never checks out the PR', () => {
    expect(Object.keys(deploy.on)).toContain('workflow_run');
    expect(Object.keys(deploy.on)).not.toContain('pull_request_target');
    expect(readsSecrets(deploy.jobs.gate ?? {})).toBe(false);
    expect(readsSecrets(deploy.jobs.deploy ?? {})).toBe(true);
    expect(Object.values(deploy.jobs).some(checksOut)).toBe(false);
    expect(deploy.jobs.gate?.steps?.map((s) => s.run ?? '').join('\n')).toMatch(/preview-approved/);
    expect(forkSafetyProblems(deploy)).toEqual([]);
  });

  it('Forgejo: the job with secrets runs only for PRs from the repository and checks out nothing', () => {
    expect(Object.keys(forgejo.on)).not.toContain('pull_request_target');
    expect(readsSecrets(forgejo.jobs.build ?? {})).toBe(false);
    expect(forkSafetyProblems(forgejo)).toEqual([]);
  });

  it('the generated callable forms are as safe as their templates', () => {
    for (const file of ['.github/workflows/preview.yml', '.github/workflows/preview-deploy.yml', '.forgejo/workflows/preview.yml']) {
      const workflow = load(file);
      expect(JSON.stringify(workflow)).not.toMatch(/pull_request_target/);
      expect(Object.values(workflow.jobs).filter(readsSecrets).some(checksOut)).toBe(false);
    }
  });

  describe('the check itself finds the traps', () => {
    it('pull_request_target with a checkout of the PR head', () => {
      const broken: Workflow = { on: { pull_request_target: {} }, jobs: { x: { steps: [{ uses: 'actions/checkout@v5', with: { ref: '${{ github.event.pull_request.head.sha }}' } }] } } };
      expect(forkSafetyProblems(broken)).toEqual(['x: pull_request_target with a checkout of the PR head']);
    });

    it('secrets on pull_request for any PR, and a secret job that checks out code', () => {
      const broken = structuredClone(forgejo);
      const job = broken.jobs.deploy as Job;
      job.if = "github.event_name == 'pull_request'";
      job.steps = [{ uses: 'https://code.forgejo.org/actions/checkout@v4' }, ...(job.steps ?? [])];
      expect(forkSafetyProblems(broken)).toEqual([
        'deploy: reads secrets and checks out code',
        "deploy: reads secrets on pull_request without requiring the PR's head in this repository",
      ]);
    });

    it('a workflow_run deploy that is not gated', () => {
      const broken = structuredClone(deploy);
      (broken.jobs.deploy as Job).if = 'always()';
      expect(forkSafetyProblems(broken)).toEqual(['deploy: reads secrets on workflow_run without a secret-free gate job allowing it']);
    });
  });
});
