import { createHash } from 'node:crypto';
import { INLINE_ALLOW, insideDataUri, isDocumentedExample } from './allowlist.js';
import { shannonEntropy } from './encoding.js';
import { isSecretName } from './rules/structural.js';
import type { Finding, Rule } from './types.js';

export interface DetectorOptions {
  rules: readonly Rule[];
  /** Matched against the secret: a hit drops the finding. */
  allowRegexes?: readonly RegExp[];
  /** Lowercase words: a secret containing one is dropped. */
  stopwords?: readonly string[];
}

interface CompiledRule { rule: Rule; global: RegExp }

/** How far a multi-line rule (a key block) may reach past its first line. */
const MULTILINE_WINDOW = 16_000;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `ghp_… (40 chars)`: enough to find it, never enough to use it. */
export function redactSecret(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} chars)`;
}

export function fingerprintSecret(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 20);
}

/**
 * The pure engine: text (+ its path) in, findings out. It reads nothing and
 * starts nothing. One pass of a combined keyword regex finds candidate lines;
 * only the rules whose keywords a line holds run on that line.
 */
export class Detector {
  private readonly compiled: CompiledRule[];
  private readonly keywordPattern: RegExp;
  /** A second instance for the keywords within one candidate line (compiled once: it is large). */
  private readonly inLinePattern: RegExp;
  private readonly rulesByKeyword = new Map<string, number[]>();

  constructor(private readonly options: DetectorOptions) {
    this.compiled = options.rules.map((rule) => ({
      rule,
      global: new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'g'),
    }));
    const keywords = [...new Set(options.rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
    // A keyword also triggers the rules of every keyword it contains (`sk_live_` holds `sk`),
    // because the alternation reports only one keyword per position.
    for (const keyword of keywords) {
      const indices: number[] = [];
      this.compiled.forEach(({ rule }, index) => {
        if (rule.keywords.some((k) => keyword.includes(k.toLowerCase()))) indices.push(index);
      });
      this.rulesByKeyword.set(keyword, indices);
    }
    keywords.sort((a, b) => b.length - a.length);
    this.keywordPattern = new RegExp(keywords.map(escape).join('|'), 'g');
    this.inLinePattern = new RegExp(this.keywordPattern.source, 'g');
  }

  get keywords(): string[] {
    return [...this.rulesByKeyword.keys()];
  }

  /**
   * `lineNumbers` maps the text's line index to the real line number, for text
   * stitched together from the added lines of a diff.
   */
  detect(text: string, path: string, lineNumbers?: readonly number[]): Finding[] {
    const findings: Finding[] = [];
    const lower = text.toLowerCase();
    // detect() is synchronous, so the shared regex instances cannot interleave.
    const keywordPattern = this.keywordPattern;
    const inLine = this.inLinePattern;
    keywordPattern.lastIndex = 0;
    // Line numbers are counted only when a finding needs one: most files have none.
    let countedTo = 0;
    let lineIndex = 0;
    const lineNumberAt = (lineStart: number): number => {
      for (let at = text.indexOf('\n', countedTo); at >= 0 && at < lineStart; at = text.indexOf('\n', at + 1)) lineIndex += 1;
      countedTo = lineStart;
      return lineNumbers ? lineNumbers[lineIndex] ?? lineIndex + 1 : lineIndex + 1;
    };
    let hit: RegExpExecArray | null;
    while ((hit = keywordPattern.exec(lower)) !== null) {
      const lineStart = lower.lastIndexOf('\n', hit.index - 1) + 1;
      let lineEnd = lower.indexOf('\n', hit.index);
      if (lineEnd < 0) lineEnd = lower.length;
      const candidates = new Set<number>(this.rulesByKeyword.get(hit[0]));
      const rest = lower.slice(hit.index + 1, lineEnd);
      inLine.lastIndex = 0;
      for (let more = inLine.exec(rest); more; more = inLine.exec(rest)) {
        for (const index of this.rulesByKeyword.get(more[0]) ?? []) candidates.add(index);
        inLine.lastIndex = more.index + 1;
      }
      const line = text.slice(lineStart, lineEnd);
      if (!line.includes(INLINE_ALLOW)) {
        this.scanLine(text, line, lineStart, [...candidates].sort((a, b) => a - b), path, lineNumberAt, findings);
      }
      keywordPattern.lastIndex = lineEnd + 1;
    }
    return findings;
  }

  private scanLine(text: string, line: string, lineStart: number, candidates: number[], path: string, lineNumberAt: (lineStart: number) => number, findings: Finding[]): void {
    const taken: Array<[number, number]> = [];
    const reported: Array<[number, number]> = [];
    const seen = new Set<string>();
    for (const index of candidates) {
      const { rule, global } = this.compiled[index];
      const subject = rule.multiline ? text.slice(lineStart, lineStart + MULTILINE_WINDOW) : line;
      global.lastIndex = 0;
      for (let match = global.exec(subject); match; match = global.exec(subject)) {
        if (match[0].length === 0) { global.lastIndex += 1; continue; }
        if (rule.multiline && match.index >= line.length) break;
        const secret = match.groups?.secret ?? match[1] ?? match[0];
        const column = match.index + Math.max(0, match[0].indexOf(secret));
        const end = column + secret.length;
        const overlaps = ([from, to]: [number, number]): boolean => column < to && end > from;
        // One secret, one finding: a later (less specific) rule yields to an earlier one.
        if (reported.some(overlaps)) continue;
        // A provider-shaped value claims its span even when rejected (a bad checksum):
        // the generic rule must not report what a precise rule already judged.
        if (!rule.generic) taken.push([column, end]);
        else if (taken.some(overlaps)) continue;
        if (!this.accept(rule, secret, match, line, column)) continue;
        reported.push([column, end]);
        const key = `${rule.id}\0${secret}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          ruleId: rule.id,
          title: rule.title,
          path,
          line: lineNumberAt(lineStart),
          column: column + 1,
          redacted: redactSecret(secret),
          fingerprint: fingerprintSecret(rule.id, secret),
        });
      }
    }
  }

  private accept(rule: Rule, secret: string, match: RegExpExecArray, line: string, column: number): boolean {
    if (rule.generic && match.groups?.name && !isSecretName(match.groups.name)) return false;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
    if (rule.validate && !rule.validate(secret)) return false;
    if (isDocumentedExample(secret)) return false;
    if (column < line.length && insideDataUri(line, column)) return false;
    if (this.options.allowRegexes?.some((re) => re.test(secret))) return false;
    const lowerSecret = secret.toLowerCase();
    if (this.options.stopwords?.some((word) => lowerSecret.includes(word))) return false;
    return true;
  }
}
