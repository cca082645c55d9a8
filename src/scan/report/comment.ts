import { SlipwayError } from '../../core/errors.js';
import { httpRequest, type HttpTransport, type RequestBudget } from '../../core/http/request.js';
import { renderMarkdown } from '../../core/summary.js';
import type { Finding } from '../types.js';
import { scanSummary, type ScanStats } from './summary.js';

/** Finds our own comment again, so a re-run updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- slipway:secret-scan -->';

export interface CommentTarget {
  forge: 'github' | 'forgejo';
  /** `https://api.github.com`, or `https://forgejo.example/api/v1`. */
  apiUrl: string;
  repository: string;
  pullNumber: number;
  token: string;
}

export type CommentAction = { action: 'created' | 'updated'; id: number } | { action: 'skipped'; reason: string };

export function commentBody(findings: readonly Finding[], stats: ScanStats): string {
  return `${COMMENT_MARKER}\n${renderMarkdown(scanSummary(findings.filter((f) => !f.baselined), stats))}`;
}

interface ApiRequest { method: 'GET' | 'POST' | 'PATCH'; url: string; headers: Record<string, string>; body?: string }

/** The HTTP requests for each forge, as data (both speak the same paths; auth and paging differ). */
export const commentRequests = {
  list(target: CommentTarget, page: number): ApiRequest {
    const paging = target.forge === 'github' ? `per_page=100&page=${page}` : `limit=50&page=${page}`;
    return { method: 'GET', url: `${target.apiUrl}/repos/${target.repository}/issues/${target.pullNumber}/comments?${paging}`, headers: headers(target) };
  },
  create(target: CommentTarget, body: string): ApiRequest {
    return { method: 'POST', url: `${target.apiUrl}/repos/${target.repository}/issues/${target.pullNumber}/comments`, headers: headers(target), body: JSON.stringify({ body }) };
  },
  update(target: CommentTarget, id: number, body: string): ApiRequest {
    return { method: 'PATCH', url: `${target.apiUrl}/repos/${target.repository}/issues/comments/${id}`, headers: headers(target), body: JSON.stringify({ body }) };
  },
};

function headers(target: CommentTarget): Record<string, string> {
  const common = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'slipway-secret-scan' };
  return target.forge === 'github'
    ? { ...common, accept: 'application/vnd.github+json', authorization: `Bearer ${target.token}`, 'x-github-api-version': '2022-11-28' }
    : { ...common, authorization: `token ${target.token}` };
}

async function call<T>(request: ApiRequest, transport: HttpTransport, budget: RequestBudget): Promise<T> {
  const url = new URL(request.url);
  const response = await transport(url, {
    method: request.method, headers: request.headers, body: request.body,
    timeoutMs: budget.timeoutMs ?? 30_000, signal: budget.signal, maxRedirects: 5,
    what: `secret-scan: ${request.method} ${url.pathname}`,
  });
  if (!response.ok) {
    const text = response.text().slice(0, 300);
    throw new SlipwayError(`secret-scan: ${request.method} ${request.url} answered ${response.status} ${text}`, {
      fix: response.status === 401 || response.status === 403 ? 'Give the token permission to write pull-request comments (GitHub: `permissions: pull-requests: write`)' : undefined,
    });
  }
  return response.json<T>();
}

/**
 * One comment per pull request: updated when it exists, created only when
 * there is something to say (no "all clear" noise on clean PRs).
 */
export async function upsertComment(target: CommentTarget, body: string, hasFindings: boolean, transport: HttpTransport = httpRequest, budget: RequestBudget = {}): Promise<CommentAction> {
  let existing: number | undefined;
  for (let page = 1; page <= 20 && existing === undefined; page += 1) {
    const comments = await call<Array<{ id: number; body?: string }>>(commentRequests.list(target, page), transport, budget);
    existing = comments.find((c) => c.body?.includes(COMMENT_MARKER))?.id;
    if (comments.length === 0 || comments.length < (target.forge === 'github' ? 100 : 50)) break;
  }
  if (existing !== undefined) {
    await call(commentRequests.update(target, existing, body), transport, budget);
    return { action: 'updated', id: existing };
  }
  if (!hasFindings) return { action: 'skipped', reason: 'no findings and no earlier comment' };
  const created = await call<{ id: number }>(commentRequests.create(target, body), transport, budget);
  return { action: 'created', id: created.id };
}
