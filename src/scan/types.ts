import type { SampleGenerator } from './samples.js';

/** A sample is a literal line, or a line built at test time (so no real-looking token is committed). */
export type Sample = string | ((generate: SampleGenerator) => string);

/**
 * One credential format, as data. The detector only runs `pattern` on lines that
 * hold one of `keywords` (lowercase), so most lines never meet a regex.
 */
export interface Rule {
  id: string;
  title: string;
  /** Lowercase substrings; a line must contain one for the pattern to run. */
  keywords: readonly string[];
  /** The secret is the named group `secret`, else group 1, else the whole match. */
  pattern: RegExp;
  /** Structural or checksum check on the secret; false drops the match. */
  validate?: (secret: string) => boolean;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** The pattern may span lines (private key blocks): it runs on the text from the line on. */
  multiline?: boolean;
  /** Generic rules get the stricter placeholder checks and yield to provider rules. */
  generic?: boolean;
  samples: {
    /** Lines that must produce exactly this rule's finding. */
    match: Sample[];
    /** Look-alikes that must stay quiet. */
    quiet: Sample[];
  };
}

/** What the scanner reports. It never carries the secret itself. */
export interface Finding {
  ruleId: string;
  title: string;
  path: string;
  line: number;
  column: number;
  /** First 4 characters and the length: `ghp_… (40 chars)`. */
  redacted: string;
  /** Stable across files, lines and commits: sha256(rule id + secret), truncated. */
  fingerprint: string;
  commit?: string;
  /** History mode: the secret is still in the working tree. */
  inTree?: boolean;
  /** Listed in the baseline file: reported, but not new. */
  baselined?: boolean;
}
