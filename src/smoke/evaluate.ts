import { redact } from '../core/secrets.js';
import { checkAssertion, looselyEquals, showValue } from './assertions.js';
import { describeStatus, statusMatches, type SmokeCheck } from './check.js';
import { judgeHealthDocument, type HealthVerdict } from './health-document.js';
import type { ProbeFailureKind, ProbeResult } from './http-probe.js';
import { lookupJsonPath, parseJsonPath } from './json-path.js';

/** Response bodies appear in messages only this long. */
export const BODY_EXCERPT_CHARS = 200;

/** What one request proved. */
export interface AttemptVerdict {
  passed: boolean;
  latencyMs: number;
  status?: number;
  /** Every expectation that failed, each saying what came back. */
  problems: string[];
  /** Set when the request itself failed (no HTTP answer). */
  failureKind?: ProbeFailureKind;
  /** The value at the version path, when the body had one. */
  versionSeen?: string;
  /** True when the body held a version, but not the expected one: the old release still answers. */
  staleVersion?: boolean;
  health?: HealthVerdict['kind'];
  bodyExcerpt?: string;
}

export interface EvaluateOptions {
  /** The soak judges latency by percentiles, not per request. */
  ignoreLatencyBudget?: boolean;
}

export function evaluateAttempt(check: SmokeCheck, result: ProbeResult, options: EvaluateOptions = {}): AttemptVerdict {
  if (!result.ok) {
    return { passed: false, latencyMs: result.latencyMs, problems: [result.message], failureKind: result.kind };
  }
  const problems: string[] = [];
  const verdict: AttemptVerdict = { passed: false, latencyMs: result.latencyMs, status: result.status, problems };
  if (!statusMatches(check.expectStatus, result.status)) {
    problems.push(`expected status ${describeStatus(check.expectStatus)}, got ${result.status}`);
  }
  const document = parseJsonBody(result.body, result.contentType);
  if (document.parsed) {
    if (check.healthDocument) {
      const health = judgeHealthDocument(document.value);
      verdict.health = health.kind;
      if (health.kind === 'fail') problems.push(`the health document reports failure (${health.form})`);
    }
    const segments = parseJsonPath(check.versionPath);
    const version = segments ? lookupJsonPath(document.value, segments) : undefined;
    if (version?.found && version.value !== null && typeof version.value !== 'object') verdict.versionSeen = String(version.value);
  }
  if (check.expectVersion !== undefined) {
    if (!document.parsed) {
      problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body is not JSON`);
    } else if (verdict.versionSeen === undefined) {
      problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body has no '${check.versionPath}'`);
    } else if (!looselyEquals(verdict.versionSeen, check.expectVersion)) {
      verdict.staleVersion = true;
      problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', got '${verdict.versionSeen}'`);
    }
  }
  if (check.json.length > 0) {
    if (!document.parsed) problems.push(`expected a JSON body for ${check.json.map((a) => `'${a.text}'`).join(', ')}, but it is not JSON`);
    else for (const assertion of check.json) {
      const problem = checkAssertion(assertion, document.value);
      if (problem) problems.push(problem);
    }
  }
  for (const text of check.bodyContains) {
    if (!result.body.includes(text)) problems.push(`expected the body to contain ${showValue(text)}`);
  }
  for (const pattern of check.bodyMatches) {
    if (!pattern.test(result.body)) problems.push(`expected the body to match /${pattern.source}/`);
  }
  if (!options.ignoreLatencyBudget && check.maxLatencyMs !== undefined && result.latencyMs > check.maxLatencyMs) {
    problems.push(`expected an answer within ${check.maxLatencyMs} ms, took ${Math.round(result.latencyMs)} ms`);
  }
  verdict.passed = problems.length === 0;
  if (!verdict.passed) verdict.bodyExcerpt = excerpt(result.body, result.bodyTruncated);
  return verdict;
}

function parseJsonBody(body: string, contentType: string): { parsed: true; value: unknown } | { parsed: false } {
  const trimmed = body.trimStart();
  if (!/json/i.test(contentType) && !trimmed.startsWith('{') && !trimmed.startsWith('[')) return { parsed: false };
  try {
    return { parsed: true, value: JSON.parse(body) };
  } catch {
    return { parsed: false };
  }
}

/** A redacted, one-line, bounded view of a body for messages. */
export function excerpt(body: string, truncated = false): string {
  const flat = redact(body).replace(/\s+/g, ' ').trim();
  if (flat.length <= BODY_EXCERPT_CHARS && !truncated) return flat;
  return `${flat.slice(0, BODY_EXCERPT_CHARS)}… (${body.length}${truncated ? '+' : ''} chars)`;
}
