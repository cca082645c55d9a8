// Quiet by default: values that look like secrets but are placeholders,
// documented examples, references to the environment or encoded images.

const PLACEHOLDER_WORDS = /example|changeme|change_me|change-me|placeholder|dummy|sample|fake|redacted|replace|insert|your[_-]?|my[_-]?(?:secret|token|key|pass)|xxxx|\*\*\*|todo|fixme|<|>|\.\.\.|here$|^(?:pass(?:word)?|secret|token|test|testing|default|admin|root|null)\d{0,4}!?$|^p@ssw[o0]rd|^passw[o0]rd|^hunter2$|^letmein|^qwerty|^abc123|^s3cr3t/gi;

/** Words and shapes a person writes where a secret will go later. */
export function looksLikeGenericPlaceholder(value: string): boolean {
  if (holdsWrittenWord(value, PLACEHOLDER_WORDS)) return true;
  if (/(.)\1{5,}/.test(value)) return true;
  if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ|1234567890/.test(value)) return true;
  return fewDistinctCharacters(value, 5);
}

/** Whether `value` has fewer than `limit` distinct characters; stops counting at the limit, allocates nothing. */
function fewDistinctCharacters(value: string, limit: number): boolean {
  const distinct: number[] = [];
  // Code points, as `new Set(value)` counts them.
  for (let i = 0; i < value.length;) {
    const c = value.codePointAt(i) as number;
    i += c > 0xffff ? 2 : 1;
    if (distinct.includes(c)) continue;
    distinct.push(c);
    if (distinct.length >= limit) return false;
  }
  return true;
}

/** Whether a match of `words` (a global regex) in `text` is written as a word; stops at the first. */
export function holdsWrittenWord(text: string, words: RegExp): boolean {
  // exec on the shared regex, not matchAll (which clones it on every call: the scan's hot path).
  words.lastIndex = 0;
  try {
    for (let match = words.exec(text); match; match = words.exec(text)) {
      if (match[0].length === 0) { words.lastIndex += 1; continue; }
      if (writtenAsAWord(match[0])) return true;
    }
    return false;
  } finally {
    words.lastIndex = 0;
  }
}

/**
 * A person writes `fake`, `FAKE`, `Fake` or `changeMe`; a random token holds
 * `fAKe` or `toDO` by chance, and that must not make a real key a stand-in.
 */
function writtenAsAWord(word: string): boolean {
  if (word === word.toLowerCase() || word === word.toUpperCase()) return true;
  // camelCase, PascalCase, Api-Key: each part (split at separators and before a capital) is a lower or Capitalized run of 2+.
  const parts = word.split(/[_.\s-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  return parts.every((part) => part.length >= 2 && part.slice(1) === part.slice(1).toLowerCase());
}

/** Documented example keys and obvious stand-ins, for every rule. */
export function isDocumentedExample(secret: string): boolean {
  return /EXAMPLE|example/.test(secret) || /0123456789abcdef|1234567890|abcdefghijklmnop/i.test(secret);
}

/**
 * The base64 runs of `data:…;base64,` URIs (inlined images and fonts) on a line,
 * as sorted [from, to] spans: a match starting inside one is image data. One
 * linear pass per line, however many matches it holds.
 */
export function dataUriSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const uri of line.matchAll(/;base64,[A-Za-z0-9+/=]*/g)) spans.push([uri.index + 8, uri.index + uri[0].length]);
  return spans;
}

export const INLINE_ALLOW = 'slipway:allow';
