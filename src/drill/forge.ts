import { SlipwayError } from '../core/errors.js';
import { httpRequest, type RequestBudget } from '../core/http/request.js';
import { redact } from '../core/secrets.js';
import type { CheckResult, DrillReport } from './report.js';
import type { ForgeSettings, IssueSettings, StalenessSettings } from './settings.js';

// GitHub's and Forgejo's REST APIs share the issue endpoints (Forgejo under
// /api/v1); they differ in how workflow runs are listed. The core HTTP client: the
// calls we need do not justify a client library per forge.

interface Issue {
  number: number;
  title: string;
  html_url?: string;
  state?: string;
  pull_request?: unknown;
}

async function call<T>(forge: ForgeSettings, method: string, route: string, body?: unknown, budget: RequestBudget = {}): Promise<T> {
  const response = await httpRequest(`${forge.apiUrl}${route}`, {
    method,
    headers: {
      Authorization: `token ${forge.token}`,
      Accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': 'slipway-restore-drill',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: budget.timeoutMs ?? 30_000,
    signal: budget.signal,
    maxRedirects: 5,
    what: `${forge.kind} API ${method} ${new URL(`${forge.apiUrl}${route}`).pathname}`,
  });
  if (!response.ok) {
    const text = response.text().slice(0, 300);
    throw new SlipwayError(`${forge.kind} API ${method} ${route} answered HTTP ${response.status}: ${text}`, {
      fix: response.status === 401 || response.status === 403 ? 'Check that forge-token may read and write issues (and read Actions runs) in the repository.' : undefined,
    });
  }
  return (response.status === 204 ? undefined : response.json<T>()) as T;
}

/** The open issue with exactly this title (issues only, not pull requests), if any. */
export async function findOpenIssue(forge: ForgeSettings, title: string, budget?: RequestBudget): Promise<Issue | undefined> {
  for (let page = 1; page <= 10; page += 1) {
    const type = forge.kind === 'forgejo' ? '&type=issues' : '';
    const issues = await call<Issue[]>(forge, 'GET', `/repos/${forge.repository}/issues?state=open&per_page=50&limit=50&page=${page}${type}`, undefined, budget);
    const match = issues.find((issue) => issue.title === title && !issue.pull_request);
    if (match) return match;
    if (issues.length < 50) return undefined;
  }
  return undefined;
}

/** Posted to the forge, where anyone who reads the repository sees it: redacted whole. */
export function issueBody(report: DrillReport, failures: CheckResult[], runUrl?: string): string {
  return redact([
    `The restore drill **${report.name}** failed at ${report.finishedAt}.`,
    runUrl ? `Run: ${runUrl}` : '',
    '',
    ...failures.map((check) => `- **${check.name}**: ${check.detail}`),
    '',
    'This issue is updated by every failing drill and closed by the next passing one.',
  ].filter((line, index, all) => line !== '' || all[index - 1] !== '').join('\n'));
}

/** Open (or comment on the already open) issue when the drill fails; close it when it passes. */
export async function trackDrillIssue(
  forge: ForgeSettings,
  issue: IssueSettings,
  report: DrillReport,
  failures: CheckResult[],
  runUrl?: string,
  budget?: RequestBudget,
): Promise<NonNullable<DrillReport['issue']>> {
  const existing = await findOpenIssue(forge, issue.title, budget);
  const base = `/repos/${forge.repository}/issues`;
  if (failures.length > 0) {
    const body = issueBody(report, failures, runUrl);
    if (existing) {
      await call(forge, 'POST', `${base}/${existing.number}/comments`, { body }, budget);
      return { action: 'updated', number: existing.number, url: existing.html_url };
    }
    // Labels by name are GitHub's form; Forgejo wants label ids, so labels are GitHub-only.
    const payload: Record<string, unknown> = { title: issue.title, body };
    if (forge.kind === 'github' && issue.labels.length > 0) payload.labels = issue.labels;
    const created = await call<Issue>(forge, 'POST', base, payload, budget);
    return { action: 'opened', number: created.number, url: created.html_url };
  }
  if (!existing) return { action: 'none' };
  await call(forge, 'POST', `${base}/${existing.number}/comments`, { body: `The restore drill **${report.name}** passed again at ${report.finishedAt}${runUrl ? ` (${runUrl})` : ''}. Closing.` }, budget);
  await call(forge, 'PATCH', `${base}/${existing.number}`, { state: 'closed' }, budget);
  return { action: 'closed', number: existing.number, url: existing.html_url };
}

interface GithubRuns {
  workflow_runs?: Array<{ updated_at?: string; created_at?: string; html_url?: string; conclusion?: string }>;
}

interface ForgejoRuns {
  workflow_runs?: Array<{ workflow_id?: string; status?: string; stopped?: string; updated?: string; created?: string; html_url?: string }>;
}

/** Forgejo pages hold at most 50 runs; this many pages bound the search on a forge that ignores the workflow filter. */
const FORGEJO_PAGE_SIZE = 50;
const FORGEJO_MAX_PAGES = 10;

/** When the drill workflow last succeeded, per the forge, or undefined if never. */
export async function lastSuccessfulRun(forge: ForgeSettings, workflow: string, budget?: RequestBudget): Promise<{ at: Date; url?: string } | undefined> {
  if (forge.kind === 'github') {
    const runs = await call<GithubRuns>(forge, 'GET', `/repos/${forge.repository}/actions/workflows/${encodeURIComponent(workflow)}/runs?status=success&per_page=1`, undefined, budget);
    const run = runs.workflow_runs?.find((candidate) => !candidate.conclusion || candidate.conclusion === 'success');
    const when = run?.updated_at ?? run?.created_at;
    return when ? { at: new Date(when), url: run?.html_url } : undefined;
  }
  // Forgejo lists a repository's runs, newest first; `workflow_id` (the workflow
  // file name) filters them server-side. A forge too old to know the filter
  // ignores it, so the runs are matched here too and paged through, within a bound:
  // in a busy repository the drill's run is rarely among the newest 50.
  for (let page = 1; page <= FORGEJO_MAX_PAGES; page += 1) {
    const query = `workflow_id=${encodeURIComponent(workflow)}&status=success&limit=${FORGEJO_PAGE_SIZE}&page=${page}`;
    const runs = (await call<ForgejoRuns>(forge, 'GET', `/repos/${forge.repository}/actions/runs?${query}`, undefined, budget)).workflow_runs ?? [];
    const matching = runs
      .filter((run) => run.status === 'success' && (run.workflow_id === workflow || run.workflow_id?.endsWith(`/${workflow}`)))
      .map((run) => ({ at: new Date(run.stopped ?? run.updated ?? run.created ?? 0), url: run.html_url }))
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    if (matching.length > 0) return matching[0];
    if (runs.length < FORGEJO_PAGE_SIZE) return undefined;
  }
  return undefined;
}

/** A drill that silently stopped running is as bad as a failing one. */
export async function checkStaleness(forge: ForgeSettings, staleness: StalenessSettings, now: Date, budget?: RequestBudget): Promise<CheckResult> {
  const name = `last successful ${staleness.workflow} run within ${Math.round(staleness.maxAgeMs / 3_600_000)} h`;
  const severity = staleness.onStale === 'warn' ? ('warning' as const) : undefined;
  let last: { at: Date; url?: string } | undefined;
  try {
    last = await lastSuccessfulRun(forge, staleness.workflow, budget);
  } catch (error) {
    return { name, passed: false, severity, detail: (error as Error).message };
  }
  if (!last) return { name, passed: false, severity, detail: `no successful run of ${staleness.workflow} found` };
  const age = now.getTime() - last.at.getTime();
  const days = Math.round((age / 86_400_000) * 10) / 10;
  return { name, passed: age <= staleness.maxAgeMs, severity, detail: `last success ${last.at.toISOString()} (${days} d ago)${last.url ? ` ${last.url}` : ''}` };
}
