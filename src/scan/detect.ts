import { createHash } from 'node:crypto';
import { INLINE_ALLOW, dataUriSpans, isDocumentedExample } from './allowlist.js';
import { shannonEntropy } from './encoding.js';
import { KeywordAutomaton } from './keywords.js';
import { LinearRegex, type PatternMatch } from './linear-regex.js';
import { isSecretName } from './rules/structural.js';
import type { Finding, Rule } from './types.js';

/** A RegExp or a LinearRegex: anything that can say whether a text matches. */
export interface TextTest { test(text: string): boolean }

export interface DetectorOptions {
  rules: readonly Rule[];
  /** Matched against the secret: a hit drops the finding. */
  allowRegexes?: readonly TextTest[];
  /** Lowercase words: a secret containing one is dropped. */
  stopwords?: readonly string[];
}

/** Finds a rule's matches in a subject, in order; built-in RegExps and user RE2 patterns alike. */
type MatchFinder = (subject: string, limit: number) => readonly PatternMatch[];

interface CompiledRule { rule: Rule; find: MatchFinder; minified: boolean }

/** Line number (0-based) of an offset, counted afresh: document rules report out of line order. */
function lineIndexOf(text: string, offset: number): number {
  let index = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) index += 1;
  return index;
}

/** How far a multi-line rule (a key block) may reach past its line. */
const MULTILINE_WINDOW = 16_000;

/** A line at least this long, shaped like code with few spaces, is minified (a bundle). */
const MINIFIED_LINE = 1000;
/** How much of a long line is looked at to judge its shape. */
const SHAPE_SAMPLE = 4096;

/** Nothing found: shared, so the common case (a woken line without a match) allocates nothing. */
const NO_MATCHES: readonly PatternMatch[] = [];

/**
 * How a rule's matches starting before `limit` are found in a subject, in order:
 * RE2 for user patterns, else the RegExp run directly (no generator per line and rule).
 */
function matchFinder(rule: Rule): MatchFinder {
  const { pattern } = rule;
  if (pattern instanceof LinearRegex) {
    return (subject, limit) => {
      const found: PatternMatch[] = [];
      for (const match of pattern.matches(subject)) {
        if (match.index >= limit) break;
        found.push(match);
      }
      return found.length > 0 ? found : NO_MATCHES;
    };
  }
  const global = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g');
  return (subject, limit) => {
    let found: PatternMatch[] | undefined;
    global.lastIndex = 0;
    for (let match = global.exec(subject); match && match.index < limit; match = global.exec(subject)) {
      if (match[0].length === 0) { global.lastIndex += 1; continue; }
      (found ??= []).push({ index: match.index, text: match[0], secret: match.groups?.secret ?? match[1] ?? match[0], groups: match.groups });
    }
    return found ?? NO_MATCHES;
  };
}

/**
 * Minified code: a long line with few spaces and the punctuation of code
 * (`;`, `(`, `=`, `&&`) rather than of data (a one-line JSON document keeps its
 * generic rules: `"password":"…"` there is a real value).
 */
export function isMinifiedLine(line: string): boolean {
  if (line.length < MINIFIED_LINE) return false;
  const sample = line.length > SHAPE_SAMPLE ? line.slice(0, SHAPE_SAMPLE) : line;
  let spaces = 0;
  let code = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const c = sample.charCodeAt(i);
    if (c === 32 || c === 9) spaces += 1;
    else if (c === 59 || c === 40 || c === 61) code += 1; // ; ( =
  }
  return spaces / sample.length < 0.08 && code / sample.length > 0.02;
}

/**
 * Spans already claimed on one line, one sorted list per rule (a rule's matches
 * come in order and never overlap), so an overlap test is a binary search per
 * rule instead of a walk over every earlier match: many matches on one long
 * line stay linear.
 */
class SpanIndex {
  private readonly lists = new Map<number, Array<[number, number]>>();

  add(owner: number, from: number, to: number): void {
    let list = this.lists.get(owner);
    if (!list) { list = []; this.lists.set(owner, list); }
    const last = list.at(-1);
    if (last && from < last[0]) list.splice(sortedIndex(list, from), 0, [from, to]);
    else list.push([from, to]);
  }

  overlaps(from: number, to: number): boolean {
    for (const list of this.lists.values()) {
      // The first span ending after `from`; spans in one list are disjoint, so ends are sorted too.
      let low = 0;
      let high = list.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (list[mid][1] <= from) low = mid + 1;
        else high = mid;
      }
      if (low < list.length && list[low][0] < to) return true;
    }
    return false;
  }
}

function sortedIndex(list: Array<[number, number]>, from: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid][0] < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `ghp_… (40 chars)`: enough to find it, never enough to use it. */
export function redactSecret(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} chars)`;
}

export function fingerprintSecret(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 20);
}

/**
 * The pure engine: text (+ its path) in, findings out. It reads nothing and
 * starts nothing. One pass of a keyword automaton finds candidate lines;
 * only the rules whose keywords a line holds run on that line.
 */
export class Detector {
  private readonly compiled: CompiledRule[];
  /** Rules that judge a whole document (Kubernetes Secrets), with their index among all rules. */
  private readonly documentRules: Array<{ rule: Rule; owner: number }>;
  /** Rules that recognise a binary file by its structure (PKCS#12 keystores). */
  private readonly binaryRules: Rule[];
  private readonly automaton: KeywordAutomaton;
  /** Rule indices per keyword id of the automaton. */
  private readonly rulesOfKeyword: number[][];
  private readonly rulesByKeyword = new Map<string, number[]>();

  constructor(private readonly options: DetectorOptions) {
    const lineRules = options.rules.filter((rule) => !rule.document);
    this.documentRules = options.rules.filter((rule) => rule.document).map((rule, i) => ({ rule, owner: -1 - i }));
    this.binaryRules = options.rules.filter((rule) => rule.binary);
    this.compiled = lineRules.map((rule) => ({ rule, find: matchFinder(rule), minified: rule.minified ?? !rule.generic }));
    const keywords = [...new Set(lineRules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
    // A keyword also triggers the rules of every keyword it contains (`sk_live_` holds `sk`):
    // the automaton reports overlapping keywords too, so this only saves a lookup.
    for (const keyword of keywords) {
      const indices: number[] = [];
      this.compiled.forEach(({ rule }, index) => {
        if (rule.keywords.some((k) => keyword.includes(k.toLowerCase()))) indices.push(index);
      });
      this.rulesByKeyword.set(keyword, indices);
    }
    this.automaton = new KeywordAutomaton(keywords);
    this.rulesOfKeyword = keywords.map((keyword) => this.rulesByKeyword.get(keyword) ?? []);
  }

  get keywords(): string[] {
    return [...this.rulesByKeyword.keys()];
  }

  /**
   * `lineNumbers` maps the text's line index to the real line number, for text
   * stitched together from the added lines of a diff.
   *
   * Linear in the text: the keyword pass visits each line once, every built-in
   * pattern has bounded quantifiers (constant work per start position), user
   * patterns run on RE2, and claimed spans are searched, not walked.
   */
  detect(text: string, path: string, lineNumbers?: readonly number[]): Finding[] {
    return this.detectText(text, path, lineNumbers, true);
  }

  /**
   * A binary file recognised by its structure (a PKCS#12 keystore, whatever its
   * name): one finding on line 1, or none. The secret is the file's bytes.
   */
  detectBinary(bytes: Uint8Array, path: string): Finding[] {
    for (const rule of this.binaryRules) {
      const secret = rule.binary?.(bytes);
      if (secret === undefined) continue;
      return [{ ruleId: rule.id, title: rule.title, path, line: 1, column: 1, redacted: redactSecret(secret), fingerprint: fingerprintSecret(rule.id, secret) }];
    }
    return [];
  }

  private detectText(text: string, path: string, lineNumbers: readonly number[] | undefined, withDocuments: boolean): Finding[] {
    const findings: Finding[] = [];
    const scan: ScanState = { findings, claimed: new SpanIndex(), later: [] };
    const documentFindings = withDocuments ? this.detectDocuments(text, path, lineNumbers, scan) : [];
    // Line numbers are counted only when a finding needs one: most files have none.
    let countedTo = 0;
    let lineIndex = 0;
    const lines: LineNumbers = {
      indexAt: (lineStart) => {
        for (let at = text.indexOf('\n', countedTo); at >= 0 && at < lineStart; at = text.indexOf('\n', at + 1)) lineIndex += 1;
        countedTo = Math.max(countedTo, lineStart);
        return lineIndex;
      },
      number: (index) => (lineNumbers ? lineNumbers[index] ?? index + 1 : index + 1),
    };
    // One search per text rather than one per woken line.
    const mayAllow = text.includes(INLINE_ALLOW);
    const wokenOn = new Int32Array(this.compiled.length);
    let stamp = 0;
    // One pass finds every line that holds a keyword and which keywords it holds.
    this.automaton.scanLines(text, (lineStart, lineEnd, keywordIds) => {
      const line = text.slice(lineStart, lineEnd);
      if (mayAllow && line.includes(INLINE_ALLOW)) return;
      // Each woken rule once per line, in rule order, however many of its keywords the line holds.
      stamp += 1;
      const minified = isMinifiedLine(line);
      const rules: number[] = [];
      for (const id of keywordIds) {
        for (const index of this.rulesOfKeyword[id]) {
          if (wokenOn[index] === stamp) continue;
          wokenOn[index] = stamp;
          if (!minified || this.compiled[index].minified) rules.push(index);
        }
      }
      if (rules.length > 1) rules.sort((a, b) => a - b);
      if (rules.length > 0) this.scanLine(text, line, lineStart, rules, path, lines, scan);
    });
    // A generic match reaching onto a later line yields to a provider rule that judged that value on its own line.
    const kept = scan.later.filter(({ from, to }) => !scan.claimed.overlaps(from, to));
    if (kept.length === 0 && documentFindings.length === 0) return findings;
    return [...findings, ...kept.map((entry) => entry.finding), ...documentFindings].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /**
   * Document rules first: each value they judged (kept or not) claims its span,
   * so the line rules do not judge the encoded text again.
   */
  private detectDocuments(text: string, path: string, lineNumbers: readonly number[] | undefined, scan: ScanState): Finding[] {
    const found: Finding[] = [];
    for (const { rule, owner } of this.documentRules) {
      if (!rule.keywords.some((keyword) => text.includes(keyword)) || !rule.pattern.test(text)) continue;
      const judge = (decoded: string): boolean => this.detectText(decoded, path, undefined, false).length > 0;
      for (const { index, secret, reported } of rule.document?.(text, judge) ?? []) {
        scan.claimed.add(owner, index, index + secret.length);
        if (!reported || isDocumentedExample(secret)) continue;
        const lineIndex = lineIndexOf(text, index);
        const column = index - (text.lastIndexOf('\n', index - 1) + 1);
        found.push({
          ruleId: rule.id,
          title: rule.title,
          path,
          line: lineNumbers ? lineNumbers[lineIndex] ?? lineIndex + 1 : lineIndex + 1,
          column: column + 1,
          redacted: redactSecret(secret),
          fingerprint: fingerprintSecret(rule.id, secret),
        });
      }
    }
    return found;
  }

  private scanLine(text: string, line: string, lineStart: number, candidates: number[], path: string, lines: LineNumbers, scan: ScanState): void {
    // Most woken lines hold no match: the bookkeeping is made on the first one.
    let taken: SpanIndex | undefined;
    let reported: SpanIndex | undefined;
    let seen: Set<string> | undefined;
    let dataUris: Array<[number, number]> | undefined;
    const inDataUri = (column: number): boolean => {
      dataUris ??= line.includes(';base64,') ? dataUriSpans(line) : [];
      return dataUris.length > 0 && spanContains(dataUris, column);
    };
    for (const index of candidates) {
      const { rule, find } = this.compiled[index];
      // A key block may run past its line; a single-line rule never sees beyond it.
      const subject = rule.multiline ? text.slice(lineStart, Math.min(text.length, lineStart + line.length + (rule.window ?? MULTILINE_WINDOW))) : line;
      for (const match of find(subject, line.length)) {
        const { secret } = match;
        const column = match.index + Math.max(0, match.text.indexOf(secret));
        const end = column + secret.length;
        // One secret, one finding: a later (less specific) rule yields to an earlier one.
        if (reported?.overlaps(column, end)) continue;
        // A provider-shaped value claims its span even when rejected (a bad checksum):
        // the generic rule must not report what a precise rule already judged.
        if (!rule.generic) {
          (taken ??= new SpanIndex()).add(index, column, end);
          scan.claimed.add(index, lineStart + column, lineStart + end);
        } else if (taken?.overlaps(column, end) || scan.claimed.overlaps(lineStart + column, lineStart + end)) continue;
        if (!this.accept(rule, secret, match, column < line.length && inDataUri(column))) continue;
        (reported ??= new SpanIndex()).add(index, column, end);
        const key = `${rule.id}\0${secret}`;
        seen ??= new Set();
        if (seen.has(key)) continue;
        seen.add(key);
        let lineOffset = 0;
        let lineColumn = column;
        if (rule.reportSecretLine && column > line.length) {
          // Report the line that holds the value (Terraform's `default = "…"`), not the block's first line.
          const before = subject.slice(0, column);
          lineOffset = before.split('\n').length - 1;
          lineColumn = column - (before.lastIndexOf('\n') + 1);
        }
        const finding: Finding = {
          ruleId: rule.id,
          title: rule.title,
          path,
          line: lines.number(lines.indexAt(lineStart) + lineOffset),
          column: lineColumn + 1,
          redacted: redactSecret(secret),
          fingerprint: fingerprintSecret(rule.id, secret),
        };
        if (rule.generic && column > line.length) scan.later.push({ finding, from: lineStart + column, to: lineStart + end });
        else scan.findings.push(finding);
      }
    }
  }

  private accept(rule: Rule, secret: string, match: PatternMatch, inDataUri: boolean): boolean {
    if (rule.generic && match.groups?.name && !isSecretName(match.groups.name)) return false;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
    if (rule.validate && !rule.validate(secret, match)) return false;
    if (isDocumentedExample(secret)) return false;
    if (inDataUri) return false;
    if (this.options.allowRegexes?.some((re) => re.test(secret))) return false;
    const lowerSecret = secret.toLowerCase();
    if (this.options.stopwords?.some((word) => lowerSecret.includes(word))) return false;
    return true;
  }
}

interface ScanState {
  findings: Finding[];
  /** Spans judged by provider rules, as offsets in the whole text. */
  claimed: SpanIndex;
  /** Generic findings on a later line than their match began: kept unless a provider claimed the span. */
  later: Array<{ finding: Finding; from: number; to: number }>;
}

interface LineNumbers {
  /** Index of the line starting at `lineStart`; calls come in text order. */
  indexAt(lineStart: number): number;
  number(index: number): number;
}

/** Whether a sorted list of disjoint [from, to] spans holds `at` (ends inclusive). */
function spanContains(spans: Array<[number, number]>, at: number): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid][1] < at) low = mid + 1;
    else high = mid;
  }
  return low < spans.length && spans[low][0] <= at;
}
