import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/errors.js';
import { MAX_DURATION_MS, parseDuration, withoutQuotedValues } from '../core/config/inputs.js';
import { registerSecret } from '../core/secrets.js';
import { AssertionSyntaxError, parseAssertionExpression, parseAssertionObject } from './assertions.js';
import { ANY_SUCCESS, type ConnectTarget, type JsonAssertion, type SmokeCheck, type StatusExpectation } from './check.js';
import { parseJsonPath } from './json-path.js';
import { compileUserPattern } from './user-pattern.js';

/** What every check inherits unless it says otherwise. */
export interface CheckDefaults {
  headers?: Record<string, string>;
  versionPath?: string;
  expectVersion?: string;
  expectStatus?: StatusExpectation;
  maxLatencyMs?: number;
  connectTo?: ConnectTarget;
}

/** Header names whose values are credentials whether or not the user says so. */
const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|private-token)$/i;

const CHECK_KEYS = [
  'name', 'url', 'method', 'headers', 'secret-headers', 'body', 'expect-status', 'json', 'body-contains', 'body-matches',
  'max-latency', 'expect-version', 'version-path', 'health-document', 'connect-to',
] as const;

const EXAMPLE = `- name: health
  url: https://app.example.com/api/health
  expect-status: 200
  json: ["ok == true", "database == connected"]
  max-latency: 500ms`;

/**
 * The YAML list form. Scalars are read as strings (the failsafe schema), so a
 * version `1.10` stays `1.10` and typing happens where a value is compared.
 * Every problem names the check (`checks[2] 'api'`) and is raised before any request.
 */
export function parseCheckList(text: string, where: string, defaults: CheckDefaults = {}, options: { quote?: boolean } = {}): SmokeCheck[] {
  // A checks file may be any file on the runner: its content is never quoted back.
  const quote = options.quote ?? true;
  let document: unknown;
  try {
    document = parseYaml(text, { schema: 'failsafe' });
  } catch (error) {
    const position = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new InputError(where, `is not valid YAML${quote ? ` (${(error as Error).message.split('\n')[0]})` : position ? ` (line ${position})` : ''}`, `Write a list of checks, e.g.\n${EXAMPLE}`);
  }
  const items = Array.isArray(document) ? document : document && typeof document === 'object' && 'url' in document ? [document] : undefined;
  if (!items || items.length === 0) {
    throw new InputError(where, `is not a list of checks (found ${describeYaml(document, quote)})`, `Write a list of checks, e.g.\n${EXAMPLE}`);
  }
  const checks = items.map((item, index) => {
    if (typeof item === 'string') return buildCheck({ url: item }, `${where} item ${index + 1}`, defaults, quote);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(`${where} item ${index + 1}`, `is not a check (found ${describeYaml(item, quote)})`, `Each item is a URL or a map with at least \`url:\`, e.g.\n${EXAMPLE}`);
    }
    const record = item as Record<string, unknown>;
    const label = typeof record.name === 'string' && quote ? `${where} item ${index + 1} '${record.name}'` : `${where} item ${index + 1}`;
    return buildCheck(record, label, defaults, quote);
  });
  return uniqueNames(checks);
}

/** The one-line form: `url` (+ `expect-version`), with the defaults from the other inputs. */
export function oneLineCheck(url: string, where: string, defaults: CheckDefaults = {}): SmokeCheck {
  return buildCheck({ url }, where, defaults);
}

export function buildCheck(record: Record<string, unknown>, where: string, defaults: CheckDefaults, quote = true): SmokeCheck {
  // Unquoted, a `(found '…')` part becomes `(found a value of N characters)`: the problem stays, the text does not.
  const fail = (problem: string, fix: string): never => {
    throw new InputError(where, quote ? problem : withoutQuotedValues(problem), fix);
  };
  const describeYaml = (value: unknown) => describeValue(value, quote);
  const unknownKeys = Object.keys(record).filter((key) => !(CHECK_KEYS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) fail(`has unknown keys (found ${quote ? unknownKeys.join(', ') : `${unknownKeys.length}`})`, `Known keys: ${CHECK_KEYS.join(', ')}.`);
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') fail(`'${key}' must be a single value (found ${describeYaml(value)})`, `Write \`${key}: <value>\`.`);
    return (value as string).trim();
  };
  const list = (key: string): string[] => {
    const value = record[key];
    if (value === undefined || value === null || value === '') return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value as string[];
    return fail(`'${key}' must be a text or a list of texts (found ${describeYaml(value)})`, `Write \`${key}: <text>\` or a YAML list.`);
  };

  const url = parseUrl(text('url') ?? fail("has no 'url'", 'Give every check a `url:` (http:// or https://).'), fail);
  const method = (text('method') ?? (record.body !== undefined ? 'POST' : 'GET')).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) fail(`has an invalid method (found '${method}')`, 'Use an HTTP method such as GET, HEAD or POST.');

  const headers = { ...defaults.headers };
  const headerMap = record.headers;
  if (headerMap !== undefined && headerMap !== '') {
    if (!headerMap || typeof headerMap !== 'object' || Array.isArray(headerMap)) fail(`'headers' must be a map (found ${describeYaml(headerMap)})`, 'Write `headers: { Accept: application/json }`.');
    for (const [name, value] of Object.entries(headerMap as Record<string, unknown>)) {
      if (typeof value !== 'string') fail(`header '${name}' must be a text (found ${describeYaml(value)})`, 'Quote the header value.');
      headers[name] = value as string;
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) fail(`has an invalid header name (found '${name}')`, 'Header names are letters, digits and dashes.');
    if (/[\r\n]/.test(value)) fail(`header '${name}' contains a line break`, 'Put the header value on one line.');
  }
  const secretNames = list('secret-headers').map((name) => name.toLowerCase());
  for (const [name, value] of Object.entries(headers)) {
    if (SENSITIVE_HEADERS.test(name) || secretNames.includes(name.toLowerCase())) registerSecret(value);
  }
  const missingSecret = secretNames.find((name) => !Object.keys(headers).some((header) => header.toLowerCase() === name));
  if (missingSecret) fail(`lists secret header '${missingSecret}' that it does not send`, "Name only headers set under 'headers' (or the headers input).");

  const expectStatusText = record['expect-status'];
  const expectStatus = expectStatusText === undefined
    ? defaults.expectStatus ?? ANY_SUCCESS
    : parseStatusExpectation(list('expect-status').join(','), fail);

  const json: JsonAssertion[] = parseJsonAssertions(record.json, fail);
  const bodyContains = list('body-contains');
  const bodyMatches = list('body-matches').map((source) => {
    const pattern = compileUserPattern(source);
    if ('error' in pattern) return fail(`'body-matches' is a regular expression RE2 cannot compile (${pattern.error})`, 'Fix the pattern; it is RE2 syntax (no backreferences or lookaround), matched in linear time.');
    return pattern;
  });
  const latencyText = text('max-latency');
  const maxLatencyMs = latencyText === undefined ? defaults.maxLatencyMs : parseDuration(/^\d+$/.test(latencyText) ? `${latencyText}ms` : latencyText);
  if (maxLatencyMs !== undefined && maxLatencyMs > MAX_DURATION_MS) fail(`'max-latency' is too long (found '${latencyText ?? ''}')`, 'Write e.g. 500ms or 2s.');
  if (latencyText !== undefined && maxLatencyMs === undefined) fail(`'max-latency' is not a duration (found '${latencyText}')`, 'Write e.g. 500ms or 2s (a bare number is milliseconds).');

  const versionPath = text('version-path') ?? defaults.versionPath ?? 'version';
  if (!parseJsonPath(versionPath)) fail(`'version-path' is not a JSON path (found '${versionPath}')`, 'Write e.g. `version`, `build.version` or `$.app["version"]`.');
  const healthText = text('health-document');
  if (healthText !== undefined && !/^(true|false|auto|off)$/i.test(healthText)) fail(`'health-document' is not true or false (found '${healthText}')`, 'Write `health-document: false` to ignore status/ok fields in the body.');
  const connectText = text('connect-to');

  return {
    name: text('name') ?? defaultName(url),
    url: url.toString(),
    method,
    headers,
    body: text('body') === undefined ? undefined : String(record.body),
    expectStatus,
    json,
    bodyContains,
    bodyMatches,
    maxLatencyMs,
    expectVersion: text('expect-version') ?? defaults.expectVersion,
    versionPath,
    healthDocument: healthText === undefined || /^(true|auto)$/i.test(healthText),
    connectTo: connectText === undefined ? defaults.connectTo : parseConnectTarget(connectText, fail),
  };
}

function parseUrl(text: string, fail: (problem: string, fix: string) => never): URL {
  // The URL parser drops tabs and line breaks silently; a URL with them is a mistake (or a forged log line).
  if (/\s/.test(text)) fail('has a URL with spaces or line breaks in it', 'Write the URL on one line, with spaces encoded as %20.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`has a URL that is not valid (found '${text}')`, 'Write a full URL such as https://app.example.com/api/health.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`has a URL that is not http or https (found '${url.protocol}')`, 'Smoke checks speak HTTP: use http:// or https://.');
  if (url.username || url.password) {
    registerSecret(url.password);
    fail('has credentials in its URL', 'Send them as a secret header instead (an Authorization header in the secret-headers input).');
  }
  return url;
}

export function parseStatusExpectation(text: string, fail: (problem: string, fix: string) => never): StatusExpectation {
  const expectation: StatusExpectation = { codes: [], classes: [] };
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const cls = /^([1-5])xx$/i.exec(part);
    if (cls) expectation.classes.push(Number(cls[1]));
    else if (/^[1-5]\d\d$/.test(part)) expectation.codes.push(Number(part));
    else fail(`'expect-status' is not a status code (found '${part}')`, 'Write a code (200), a list (200, 204) or a class (2xx).');
  }
  if (expectation.codes.length + expectation.classes.length === 0) fail("'expect-status' is empty", 'Write a code (200), a list (200, 204) or a class (2xx).');
  return expectation;
}

export function parseConnectTarget(text: string, fail: (problem: string, fix: string) => never): ConnectTarget {
  // A host name or IPv4 address (never starting with '-' or holding '=', '/'), or a bracketed IPv6 one.
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?))(?::(\d{1,5}))?$/.exec(text.trim());
  const port = match?.[3] === undefined ? undefined : Number(match[3]);
  if (!match || (port !== undefined && (port < 1 || port > 65535))) {
    return fail(`'connect-to' is not an address (found '${text}')`, 'Write an address to dial, with an optional port: 10.0.0.5, 10.0.0.5:8443 or [::1]:8080.');
  }
  return { host: match[1] ?? match[2] ?? '', port };
}

function parseJsonAssertions(value: unknown, fail: (problem: string, fix: string) => never): JsonAssertion[] {
  if (value === undefined || value === null || value === '') return [];
  try {
    if (typeof value === 'string') return [parseAssertionExpression(value)];
    if (Array.isArray(value)) {
      return value.map((entry) => {
        if (typeof entry === 'string') return parseAssertionExpression(entry);
        if (entry && typeof entry === 'object' && !Array.isArray(entry)) return parseAssertionObject(entry as Record<string, unknown>);
        return fail(`a 'json' assertion is neither an expression nor a map (found ${describeYaml(entry)})`, 'Write e.g. `- version == 1.4.2` or `- { path: version, equals: 1.4.2 }`.');
      });
    }
    if (typeof value === 'object') {
      // The map shorthand: `json: { ok: true, database: connected }` means equals.
      return Object.entries(value as Record<string, unknown>).map(([path, expected]) => {
        if (typeof expected !== 'string') return fail(`'json' expects a single value for '${path}' (found ${describeYaml(expected)})`, 'Write `path: value` pairs, or a list of assertions.');
        return parseAssertionObject({ path, equals: expected });
      });
    }
  } catch (error) {
    if (error instanceof AssertionSyntaxError) fail(error.message, error.fix);
    throw error;
  }
  return [];
}

function defaultName(url: URL): string {
  return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function uniqueNames(checks: SmokeCheck[]): SmokeCheck[] {
  const seen = new Map<string, number>();
  return checks.map((check) => {
    const count = (seen.get(check.name) ?? 0) + 1;
    seen.set(check.name, count);
    return count === 1 ? check : { ...check, name: `${check.name} #${count}` };
  });
}

function describeYaml(value: unknown, quote = true): string {
  return describeValue(value, quote);
}

function describeValue(value: unknown, quote: boolean): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  const text = String(value);
  if (!quote) return `a value of ${text.length} characters`;
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}
