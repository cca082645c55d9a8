import { SlipwayError } from '../core/errors.js';
import { httpRequest, type HttpTransport, type RequestBudget } from '../core/http/request.js';
import { redact } from '../core/secrets.js';
import { commentRequests } from '../scan/index.js';
import type { ForgeSettings } from './settings.js';

// GitHub and Forgejo share the pull and issue-comment paths (the secret scan's
// request builders are reused for the comment). Deployments are GitHub's; Forgejo
// gets a commit status with target_url instead.

/** Finds the preview comment again so each run edits it (never the secret scan's, which has its own marker). */
export const PREVIEW_COMMENT_MARKER = '<!-- slipway:preview -->';

function headersFor(forge: ForgeSettings, withBody: boolean): Record<string, string> {
  return {
    authorization: forge.kind === 'github' ? `Bearer ${forge.token}` : `token ${forge.token}`,
    accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
    ...(withBody ? { 'content-type': 'application/json' } : {}),
    'user-agent': 'slipway-preview',
  };
}

async function call<T>(forge: ForgeSettings, method: string, url: string, body: unknown, transport: HttpTransport, budget: RequestBudget): Promise<T> {
  const response = await transport(url, {
    method,
    headers: headersFor(forge, true),
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: budget.timeoutMs ?? 30_000,
    signal: budget.signal,
    maxRedirects: 5,
    what: `preview: ${forge.kind} API ${method} ${new URL(url).pathname}`,
  });
  if (!response.ok) {
    const text = redact(response.text().slice(0, 300));
    throw new SlipwayError(`preview: ${forge.kind} API ${method} ${url.replace(forge.apiUrl, '')} answered HTTP ${response.status}: ${text}`, {
      fix: response.status === 401 || response.status === 403 ? 'Give forge-token pull-requests: write and deployments: write (GitHub) or repository write (Forgejo).' : undefined,
    });
  }
  return (response.status === 204 ? undefined : response.json<T>()) as T;
}

/** Open or closed (merged counts as closed); a PR the forge does not know is closed too: nothing will update it. */
export async function pullRequestState(forge: ForgeSettings, pr: number, transport: HttpTransport = httpRequest, budget: RequestBudget = {}): Promise<'open' | 'closed'> {
  const url = `${forge.apiUrl}/repos/${forge.repository}/pulls/${pr}`;
  const response = await transport(url, {
    headers: headersFor(forge, false),
    timeoutMs: budget.timeoutMs ?? 30_000,
    signal: budget.signal,
    maxRedirects: 5,
    what: `preview: ${forge.kind} API GET ${new URL(url).pathname}`,
  });
  if (response.status === 404) return 'closed';
  if (!response.ok) throw new SlipwayError(`preview: ${forge.kind} API GET pulls/${pr} answered HTTP ${response.status}`, { fix: 'Check forge-token may read pull requests.' });
  const body = response.json<{ state?: string; merged?: boolean }>();
  return body.state === 'open' ? 'open' : 'closed';
}

export interface Announcement {
  pr: number;
  url: string;
  version: string;
  status: 'live' | 'removed' | 'failed';
  sha?: string;
  detail?: string;
}

export function commentText(a: Announcement): string {
  const line = a.status === 'live'
    ? `**Preview is live:** ${a.url}`
    : a.status === 'removed' ? '**Preview removed** (the pull request was closed or the preview expired).' : `**Preview failed:** ${a.detail ?? ''}`;
  return [
    PREVIEW_COMMENT_MARKER,
    line,
    '',
    `| version | commit | status | updated |`,
    `| --- | --- | --- | --- |`,
    `| ${a.version || '-'} | ${a.sha?.slice(0, 12) ?? '-'} | ${a.status} | ${new Date().toISOString()} |`,
  ].join('\n');
}

/** One comment per PR: created the first time, edited afterwards. */
export async function upsertPreviewComment(forge: ForgeSettings, a: Announcement, transport: HttpTransport = httpRequest, budget: RequestBudget = {}): Promise<'created' | 'updated'> {
  const target = { forge: forge.kind, apiUrl: forge.apiUrl, repository: forge.repository, pullNumber: a.pr, token: forge.token };
  const body = redact(commentText(a));
  let existing: number | undefined;
  for (let page = 1; page <= 20 && existing === undefined; page += 1) {
    const comments = await call<Array<{ id: number; body?: string }>>(forge, 'GET', commentRequests.list(target, page).url, undefined, transport, budget);
    existing = comments.find((c) => c.body?.includes(PREVIEW_COMMENT_MARKER))?.id;
    if (comments.length < (forge.kind === 'github' ? 100 : 50)) break;
  }
  if (existing !== undefined) {
    await call(forge, 'PATCH', commentRequests.update(target, existing, body).url, { body }, transport, budget);
    return 'updated';
  }
  await call(forge, 'POST', commentRequests.create(target, body).url, { body }, transport, budget);
  return 'created';
}

/**
 * GitHub: a deployment of the commit to the `pr-<n>` environment with its
 * environment_url (shown on the PR). Forgejo has no deployments API: a commit
 * status whose target_url is the preview.
 */
export async function markDeployment(forge: ForgeSettings, a: Announcement, transport: HttpTransport = httpRequest, budget: RequestBudget = {}): Promise<void> {
  if (!a.sha) return;
  const repo = `${forge.apiUrl}/repos/${forge.repository}`;
  if (forge.kind === 'forgejo') {
    const state = a.status === 'failed' ? 'failure' : 'success';
    await call(forge, 'POST', `${repo}/statuses/${a.sha}`, {
      state, context: 'slipway/preview', target_url: a.status === 'live' ? a.url : undefined,
      description: a.status === 'live' ? `preview ${a.version} live` : `preview ${a.status}`,
    }, transport, budget);
    return;
  }
  const environment = `pr-${a.pr}`;
  const deployment = await call<{ id: number }>(forge, 'POST', `${repo}/deployments`, {
    ref: a.sha, environment, auto_merge: false, required_contexts: [], transient_environment: true, production_environment: false,
    description: `Slipway preview ${a.version}`,
  }, transport, budget);
  const state = a.status === 'live' ? 'success' : a.status === 'removed' ? 'inactive' : 'failure';
  await call(forge, 'POST', `${repo}/deployments/${deployment.id}/statuses`, {
    state, environment_url: a.status === 'live' ? a.url : undefined, auto_inactive: true,
  }, transport, budget);
}
