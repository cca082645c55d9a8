import type { UserPattern } from './user-pattern.js';
/** One smoke check, validated: everything a probe needs, nothing left to parse. */
export interface SmokeCheck {
  name: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  expectStatus: StatusExpectation;
  json: JsonAssertion[];
  bodyContains: string[];
  bodyMatches: UserPattern[];
  /** Each request must answer within this long (whole response). */
  maxLatencyMs?: number;
  /** The deployed version that must appear at `versionPath` in the JSON body. */
  expectVersion?: string;
  versionPath: string;
  /** Judge health documents (`status: pass|warn|fail`, `ok: true`, `status: "ok"`) without configuration. */
  healthDocument: boolean;
  /** Dial this address instead of the URL's host; Host header and TLS name stay the URL's. */
  connectTo?: ConnectTarget;
}

export interface ConnectTarget {
  host: string;
  port?: number;
  /** Set for a tunnel's local end: how it reaches the intended address, for messages. */
  via?: string;
}

/** Accepted status codes: exact codes and whole classes (2 stands for 2xx). */
export interface StatusExpectation {
  codes: number[];
  classes: number[];
}

export const ANY_SUCCESS: StatusExpectation = { codes: [], classes: [2] };

export type JsonOperator = 'equals' | 'not-equals' | 'contains' | 'matches' | 'exists' | 'lt' | 'gt';

export const JSON_OPERATORS: readonly JsonOperator[] = ['equals', 'not-equals', 'contains', 'matches', 'exists', 'lt', 'gt'];

/**
 * One assertion on the JSON body. `expected` is kept as the text the user wrote
 * (YAML is read with every scalar as a string), and compared with the actual
 * value's own type, so `1.10` stays `1.10` and `true` matches both `true` and "true".
 */
export interface JsonAssertion {
  path: string;
  operator: JsonOperator;
  expected: string;
  /** For `matches`. */
  pattern?: UserPattern;
  /** For `exists`: false means the path must be absent. */
  present?: boolean;
  /** How the user wrote it, for messages. */
  text: string;
}

export function describeStatus(expect: StatusExpectation): string {
  return [...expect.codes.map(String), ...expect.classes.map((c) => `${c}xx`)].join(' or ');
}

export function statusMatches(expect: StatusExpectation, status: number): boolean {
  return expect.codes.includes(status) || expect.classes.includes(Math.floor(status / 100));
}
