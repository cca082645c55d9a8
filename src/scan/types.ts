import type { LinearRegex, PatternMatch } from './linear-regex.js';
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
  /** Lowercase substrings; a line must contain one for the pattern to run (document rules: exact-case substrings the text must hold). */
  keywords: readonly string[];
  /**
   * The secret is the named group `secret`, else group 1, else the whole match.
   * Built-in patterns use bounded quantifiers only (a spec checks it), so each
   * start position costs a constant and a scan stays linear; user patterns run on RE2.
   */
  pattern: RegExp | LinearRegex;
  /** Structural or checksum check on the secret (the match gives its named groups); false drops it. */
  validate?: (secret: string, match: PatternMatch) => boolean;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** The pattern may span lines (private key blocks): it runs on the text from the line on. */
  multiline?: boolean;
  /** Multi-line rules: report the line the secret is on rather than the line the match starts on. */
  reportSecretLine?: boolean;
  /** Multi-line rules: how far past its line the match may reach (default 16,000 characters). */
  window?: number;
  /**
   * A rule that judges a whole document rather than a line (a Kubernetes Secret,
   * whose `data:` values sit above or below its `kind:`): runs once per text that
   * `pattern` matches, before the line rules, and returns each secret with its
   * offset in the text. `judge` runs the line rules on a decoded value.
   */
  document?: (text: string, judge: (decoded: string) => boolean) => Array<{ index: number; secret: string; reported: boolean }>;
  /** A rule for binary files: the secret (the file, encoded) when the bytes have the structure it knows. */
  binary?: (bytes: Uint8Array) => string | undefined;
  /** Generic rules get the stricter placeholder checks and yield to provider rules. */
  generic?: boolean;
  /**
   * Runs on minified lines (bundles): only checksummed or strongly prefixed
   * formats do; generic and name-adjacent rules would read every `a.key=b.key`.
   * Default: true for non-generic rules.
   */
  minified?: boolean;
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
