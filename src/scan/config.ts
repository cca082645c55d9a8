import fs from 'node:fs';
import YAML, { LineCounter, isNode } from 'yaml';
import { SlipwayError } from '../core/errors.js';
import type { TextTest } from './detect.js';
import { compileLinear, type LinearRegex } from './linear-regex.js';
import type { Rule } from './types.js';

/**
 * `.slipway/secret-scan.yml` in the scanned repository (all keys optional):
 *
 *   rules:                    # extra rules
 *     - id: acme-token
 *       title: ACME internal token
 *       regex: 'acme_[a-z0-9]{32}'   # group `secret` or group 1 is the secret
 *       keywords: [acme_]            # a line must hold one for the regex to run
 *       entropy: 3.0                 # optional minimum bits per character
 *   disable: [jwt]            # built-in rule ids to turn off
 *   allow:
 *     paths: ['^docs/examples/']     # regexes on the repository-relative path
 *     regexes: ['^test-']            # regexes on the secret itself
 *     stopwords: [dummy]             # a secret containing one is ignored
 *   max-file-size: 2MB        # bigger files are skipped (default 1MB)
 */
export interface ScanConfig {
  rules: Rule[];
  disable: string[];
  /** User regexes run on RE2 (linear time): no config line can stall a scan. */
  allowPaths: TextTest[];
  allowRegexes: TextTest[];
  stopwords: string[];
  maxFileSize?: number;
}

export const emptyConfig = (): ScanConfig => ({ rules: [], disable: [], allowPaths: [], allowRegexes: [], stopwords: [] });

export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  return Math.round(Number(match[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1));
}

/** Reads and validates the config; every error names the file, the line and the key. */
export function loadScanConfig(file: string, required = false): ScanConfig {
  if (!fs.existsSync(file)) {
    if (required) throw new SlipwayError(`${file}: the secret-scan config file does not exist`, { fix: 'Create it, or leave the `config` input empty to use the defaults' });
    return emptyConfig();
  }
  return parseScanConfig(fs.readFileSync(file, 'utf8'), file);
}

/** What a bad value is, without quoting it: a config value may be (or hold) a secret. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return value === '' ? 'an empty string' : String(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a string of ${String(value).length} characters`;
}

export function parseScanConfig(source: string, file: string): ScanConfig {
  const lineCounter = new LineCounter();
  const document = YAML.parseDocument(source, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new SlipwayError(`${file}:${line}: not valid YAML (${error.message.split('\n')[0]})`, { fix: 'Fix the YAML on that line' });
  }
  // A missing key is reported at its nearest parent that exists.
  const lineOf = (path: (string | number)[]): number => {
    for (let depth = path.length; depth > 0; depth -= 1) {
      const node = document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const fail = (path: (string | number)[], problem: string, fix: string): never => {
    const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    throw new SlipwayError(`${file}:${lineOf(path)}: ${where}: ${problem}`, { fix });
  };
  const root = document.toJS() as unknown;
  const config = emptyConfig();
  if (root === null || root === undefined) return config;
  if (typeof root !== 'object' || Array.isArray(root)) return fail([], 'must be a mapping (rules:, disable:, allow:, max-file-size:)', 'See docs/secret-scan.md');
  const data = root as Record<string, unknown>;
  const known = new Set(['version', 'rules', 'disable', 'allow', 'max-file-size']);
  for (const key of Object.keys(data)) if (!known.has(key)) fail([key], `is not a known key (found '${key}', expected one of ${[...known].join(', ')})`, 'Remove or rename it');

  // A pattern may hold a literal secret (an allowlisted test key): errors name the key, never quote the value.
  const regex = (path: (string | number)[], value: unknown): LinearRegex => {
    if (typeof value !== 'string' || value === '') return fail(path, `must be a non-empty string (found ${describeValue(value)})`, 'Quote the regular expression');
    try {
      return compileLinear(value);
    } catch (error) {
      const reason = (error as Error).message.replace(/`[^`]*`/g, '(the pattern)').replace(/: \(the pattern\)/g, '');
      return fail(path, `is not a valid regular expression (${reason})`, 'Fix the pattern (RE2 syntax: no lookahead, lookbehind or backreferences)');
    }
  };
  const strings = (path: (string | number)[], value: unknown): string[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return fail(path, 'must be a list of strings', 'Write it as [a, b] or as a YAML list');
    return value as string[];
  };

  if (data.rules !== undefined) {
    if (!Array.isArray(data.rules)) fail(['rules'], 'must be a list of rules', 'Start each rule with `- id:`');
    (data.rules as unknown[]).forEach((raw, index) => {
      const at = ['rules', index];
      if (typeof raw !== 'object' || raw === null) return fail(at, 'must be a mapping with id, regex and keywords', 'See docs/secret-scan.md');
      const rule = raw as Record<string, unknown>;
      if (typeof rule.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(rule.id)) fail([...at, 'id'], `must be a kebab-case id (found ${describeValue(rule.id)})`, 'Use e.g. `acme-token`');
      const pattern = regex([...at, 'regex'], rule.regex);
      const keywords = strings([...at, 'keywords'], rule.keywords).map((k) => k.toLowerCase());
      if (keywords.length === 0) fail([...at, 'keywords'], 'is required (a rule only runs on lines holding one of its keywords)', 'List a literal part of the token, e.g. [acme_]');
      const entropy = rule.entropy;
      if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) fail([...at, 'entropy'], `must be a number of bits per character between 0 and 8 (found ${describeValue(entropy)})`, 'Try 3.0');
      config.rules.push({
        id: rule.id as string,
        title: typeof rule.title === 'string' ? rule.title : (rule.id as string),
        keywords,
        pattern,
        minEntropy: entropy as number | undefined,
        samples: { match: [], quiet: [] },
      });
    });
  }
  config.disable = strings(['disable'], data.disable);
  if (data.allow !== undefined) {
    if (typeof data.allow !== 'object' || data.allow === null || Array.isArray(data.allow)) fail(['allow'], 'must be a mapping (paths:, regexes:, stopwords:)', 'See docs/secret-scan.md');
    const allow = data.allow as Record<string, unknown>;
    for (const key of Object.keys(allow)) if (!['paths', 'regexes', 'stopwords'].includes(key)) fail(['allow', key], 'is not a known key (expected paths, regexes or stopwords)', 'Remove or rename it');
    config.allowPaths = strings(['allow', 'paths'], allow.paths).map((p, i) => regex(['allow', 'paths', i], p));
    config.allowRegexes = strings(['allow', 'regexes'], allow.regexes).map((p, i) => regex(['allow', 'regexes', i], p));
    config.stopwords = strings(['allow', 'stopwords'], allow.stopwords).map((w) => w.toLowerCase());
  }
  if (data['max-file-size'] !== undefined) {
    const size = parseSize(data['max-file-size'] as string | number);
    if (size === undefined) fail(['max-file-size'], `is not a size (found ${describeValue(data['max-file-size'])}, expected e.g. 2MB)`, 'Write bytes or a size with KB/MB');
    config.maxFileSize = size;
  }
  return config;
}
