import { compileUserPattern } from './user-pattern.js';
import { JSON_OPERATORS, type JsonAssertion, type JsonOperator } from './check.js';
import { lookupJsonPath, parseJsonPath } from './json-path.js';

/** A problem with how an assertion is written; the caller names the check and the input. */
export class AssertionSyntaxError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
  }
}

const SYMBOLS: Record<string, JsonOperator> = { '==': 'equals', '!=': 'not-equals', '<': 'lt', '>': 'gt' };
const OPERATOR_WORDS = [...Object.keys(SYMBOLS), ...JSON_OPERATORS];
const EXPRESSION_FIX = 'Write `<path> <operator> <value>`, e.g. `version == 1.4.2`, `database != disconnected`, `uptime > 0`, `build exists`; operators: ==, !=, <, >, contains, matches, exists.';

/** `version == 1.4.2`, `tags contains beta`, `commit matches ^[0-9a-f]{7}`, `db exists`. */
export function parseAssertionExpression(text: string): JsonAssertion {
  const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(text.trim());
  if (!match) throw new AssertionSyntaxError(`assertion '${text}' is not understood (expected <path> <operator> <value>)`, EXPRESSION_FIX);
  const [, path = '', word = '', value] = match;
  const operator = SYMBOLS[word] ?? (JSON_OPERATORS as readonly string[]).find((op) => op === word);
  if (!operator) {
    throw new AssertionSyntaxError(`assertion '${text}' has an unknown operator (found '${word}', expected one of ${OPERATOR_WORDS.join(', ')})`, EXPRESSION_FIX);
  }
  return buildAssertion(path, operator as JsonOperator, operator === 'exists' ? value ?? 'true' : unquote(value), text);
}

/** `{ path: version, equals: 1.4.2 }`: exactly one operator key besides `path`. */
export function parseAssertionObject(entry: Record<string, unknown>): JsonAssertion {
  const path = entry.path;
  const text = JSON.stringify(entry);
  if (typeof path !== 'string') throw new AssertionSyntaxError(`assertion ${text} has no 'path'`, 'Give each assertion a `path:` and one operator key, e.g. `{ path: version, equals: 1.4.2 }`.');
  const keys = Object.keys(entry).filter((key) => key !== 'path');
  const unknown = keys.filter((key) => !(JSON_OPERATORS as readonly string[]).includes(key));
  if (unknown.length > 0 || keys.length !== 1) {
    throw new AssertionSyntaxError(
      `assertion ${text} needs exactly one operator (found ${keys.length ? keys.join(', ') : 'none'}, expected one of ${JSON_OPERATORS.join(', ')})`,
      'Write e.g. `{ path: version, equals: 1.4.2 }` or `{ path: build, exists: true }`.',
    );
  }
  const operator = keys[0] as JsonOperator;
  const value = entry[operator];
  if (value !== null && typeof value === 'object') {
    throw new AssertionSyntaxError(`assertion ${text} compares with a list or map`, 'Compare with one value (a string, number or boolean).');
  }
  return buildAssertion(path, operator, value === null || value === undefined ? '' : String(value), `${path} ${operator} ${value ?? ''}`.trim());
}

function buildAssertion(path: string, operator: JsonOperator, expected: string, text: string): JsonAssertion {
  if (!parseJsonPath(path)) {
    throw new AssertionSyntaxError(`assertion '${text}' has a path that is not understood (found '${path}')`, 'Write a path like `version`, `data.version`, `checks[0].status` or `$.build["git-sha"]`.');
  }
  const assertion: JsonAssertion = { path, operator, expected, text };
  switch (operator) {
    case 'matches':
      {
        const pattern = compileUserPattern(expected);
        if ('error' in pattern) throw new AssertionSyntaxError(`assertion '${text}' has a regular expression RE2 cannot compile (${pattern.error})`, 'Fix the pattern; it is RE2 syntax (no backreferences or lookaround).');
        assertion.pattern = pattern;
      }
      break;
    case 'lt':
    case 'gt':
      if (expected === '' || !Number.isFinite(Number(expected))) {
        throw new AssertionSyntaxError(`assertion '${text}' compares with something that is not a number (found '${expected}')`, 'Use a number after < or >.');
      }
      break;
    case 'exists':
      if (!/^(true|false)$/i.test(expected)) throw new AssertionSyntaxError(`assertion '${text}' needs true or false for exists (found '${expected}')`, 'Write `exists: true` or `exists: false`.');
      assertion.present = /^true$/i.test(expected);
      break;
    case 'equals':
    case 'not-equals':
    case 'contains':
      if (expected === '' && operator === 'contains') throw new AssertionSyntaxError(`assertion '${text}' has nothing to look for`, 'Give the text or item to look for.');
      break;
  }
  return assertion;
}

function unquote(value: string | undefined): string {
  if (value === undefined) return '';
  const trimmed = value.trim();
  if (trimmed.length >= 2 && ((trimmed.startsWith('"') && trimmed.endsWith('"')) || (trimmed.startsWith("'") && trimmed.endsWith("'")))) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}

/**
 * Compares an actual JSON value with what the user wrote, in the actual value's
 * type: a number with Number(expected), a boolean or null by its spelling, a
 * string as is, a list or map with the parsed JSON of the expected text.
 */
export function looselyEquals(actual: unknown, expected: string): boolean {
  if (typeof actual === 'string') return actual === expected;
  if (typeof actual === 'number') return expected.trim() !== '' && Number(expected) === actual;
  if (typeof actual === 'boolean' || actual === null) return String(actual) === expected.trim().toLowerCase();
  try {
    return JSON.stringify(actual) === JSON.stringify(JSON.parse(expected));
  } catch {
    return false;
  }
}

export const showValue = (value: unknown, limit = 80): string => {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
};

/** Undefined when the assertion holds; otherwise what came back instead. */
export function checkAssertion(assertion: JsonAssertion, document: unknown): string | undefined {
  const segments = parseJsonPath(assertion.path) ?? [];
  const lookup = lookupJsonPath(document, segments);
  if (assertion.operator === 'exists') {
    if (lookup.found === assertion.present) return undefined;
    return lookup.found ? `expected no '${assertion.path}', found ${showValue(lookup.value)}` : `expected '${assertion.path}' to exist, it is missing`;
  }
  if (!lookup.found) return `expected ${assertion.text}, but '${assertion.path}' is missing`;
  const actual = lookup.value;
  const ok = ((): boolean => {
    switch (assertion.operator) {
      case 'equals': return looselyEquals(actual, assertion.expected);
      case 'not-equals': return !looselyEquals(actual, assertion.expected);
      case 'contains':
        if (typeof actual === 'string') return actual.includes(assertion.expected);
        if (Array.isArray(actual)) return actual.some((item) => looselyEquals(item, assertion.expected));
        if (actual !== null && typeof actual === 'object') return Object.prototype.hasOwnProperty.call(actual, assertion.expected);
        return false;
      case 'matches': return assertion.pattern?.test(typeof actual === 'string' ? actual : JSON.stringify(actual)) ?? false;
      case 'lt':
      case 'gt': {
        const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
        if (!Number.isFinite(number)) return false;
        return assertion.operator === 'lt' ? number < Number(assertion.expected) : number > Number(assertion.expected);
      }
      default: return false;
    }
  })();
  return ok ? undefined : `expected ${assertion.text}, got ${showValue(actual)}`;
}
