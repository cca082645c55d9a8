import { shannonEntropy } from '../encoding.js';
import { ALPHABETS, type SampleGenerator } from '../samples.js';
import type { Rule, Sample } from '../types.js';

/** A character class both as regex text and as an alphabet to build samples from. */
export interface Charset { cls: string; alphabet: string }

export const CHARSETS = {
  alnum: { cls: 'A-Za-z0-9', alphabet: ALPHABETS.alnum },
  hex: { cls: 'a-f0-9', alphabet: ALPHABETS.hex },
  hexUpper: { cls: 'A-F0-9', alphabet: '0123456789ABCDEF' },
  upper: { cls: 'A-Z0-9', alphabet: ALPHABETS.upper },
  lower: { cls: 'a-z0-9', alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789' },
  letters: { cls: 'A-Za-z', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' },
  url: { cls: 'A-Za-z0-9_-', alphabet: ALPHABETS.urlSafe },
  base64: { cls: 'A-Za-z0-9+/', alphabet: ALPHABETS.base64 },
  digits: { cls: '0-9', alphabet: ALPHABETS.digits },
} satisfies Record<string, Charset>;

/** `DB_PASSWORD: string = …` (TypeScript, Kotlin, Swift) and `dbPassword string = …` (Go), between a name and its value. */
export const TYPE_ANNOTATION = "(?:(?:\\s{0,8}:\\s{0,8}|\\s{1,8})(?:string|String|str|&(?:'static\\s)?str)(?![A-Za-z0-9_]))?";

export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

type Length = number | readonly [number, number];
const quantifier = (length: Length): string => (typeof length === 'number' ? `{${length}}` : `{${length[0]},${length[1]}}`);
const pickLength = (g: SampleGenerator, length: Length): number => (typeof length === 'number' ? length : g.int(length[0], Math.min(length[1], length[0] + 8)));

/** Default entropy floor by alphabet: random hex sits near 3.5+, random base62 near 4+. */
function defaultEntropy(charset: Charset, length: Length): number {
  const min = typeof length === 'number' ? length : length[0];
  if (min < 12) return 2.3;
  const hexLike = charset === CHARSETS.hex || charset === CHARSETS.hexUpper || charset === CHARSETS.digits;
  if (min < 24) return hexLike ? 2.4 : 2.8;
  return hexLike ? 2.8 : 3.0;
}

export interface PrefixedShape {
  id: string;
  title: string;
  /** Literal prefixes; the first is used for samples. */
  prefix: string | readonly string[];
  body: Charset;
  length: Length;
  /** Regex text after the body (a fixed tail such as `==`), with the literal to put in samples. */
  suffix?: { regex: string; sample: string | ((g: SampleGenerator) => string) };
  keywords?: readonly string[];
  validate?: (secret: string) => boolean;
  minEntropy?: number;
  /** Builds the whole secret when the shape is not just prefix + random body (checksums). */
  build?: (g: SampleGenerator) => string;
  quiet?: Sample[];
  /** The token may sit inside a longer word (no boundary before the prefix). */
  embedded?: boolean;
  /** Characters that may not stand before the prefix (default: letters and digits). */
  notAfter?: string;
}

/** A token that announces itself with a literal prefix (`ghp_`, `xoxb-`, `AKIA` …). */
export function prefixed(shape: PrefixedShape): Rule {
  const prefixes = typeof shape.prefix === 'string' ? [shape.prefix] : [...shape.prefix];
  const before = shape.embedded ? '' : `(?<![${shape.notAfter ?? 'A-Za-z0-9'}])`;
  const tail = shape.suffix ? shape.suffix.regex : '';
  const pattern = new RegExp(
    `${before}(?<secret>(?:${prefixes.map(escapeRegex).join('|')})[${shape.body.cls}]${quantifier(shape.length)}${tail})(?![${shape.body.cls}])`,
  );
  const first = prefixes[0];
  const suffixSample = (g?: SampleGenerator): string => {
    const sample = shape.suffix?.sample ?? '';
    return typeof sample === 'string' ? sample : g ? sample(g) : '';
  };
  const build = shape.build ?? ((g: SampleGenerator) => `${first}${g.chars(shape.body.alphabet, pickLength(g, shape.length))}${suffixSample(g)}`);
  const fixedLength = typeof shape.length === 'number' ? shape.length : shape.length[0];
  const minEntropy = shape.minEntropy ?? defaultEntropy(shape.body, shape.length);
  // Entropy and placeholder runs are judged on the random part, not on the fixed prefix.
  const bodyOf = (secret: string): string => secret.slice(prefixes.find((p) => secret.startsWith(p))?.length ?? 0);
  // In minified code only formats that cannot be chance run: a checksum, a prefix of 4+ characters, or a long fixed tail.
  const strong = shape.build !== undefined || prefixes.every((p) => p.length >= 4) || (shape.suffix?.regex.length ?? 0) >= 10;
  return {
    id: shape.id,
    title: shape.title,
    minified: strong,
    keywords: shape.keywords ?? prefixes.map((p) => p.toLowerCase()),
    pattern,
    validate: (secret) => {
      const body = bodyOf(secret);
      if (/(.)\1{7,}/.test(body) || shannonEntropy(body) < minEntropy) return false;
      return shape.validate?.(secret) ?? true;
    },
    samples: {
      match: [(g) => `token = "${build(g)}"`, (g) => `export SECRET_VALUE=${build(g)}`],
      quiet: [
        ...(fixedLength >= 12
          ? [(g: SampleGenerator) => `token = "${first}${'x'.repeat(fixedLength)}${suffixSample(g)}"`, (g: SampleGenerator) => `token = "${first}${'0'.repeat(fixedLength)}${suffixSample(g)}"`]
          : []),
        ...(shape.quiet ?? []),
        `token = "${first}<redacted>"`,
      ],
    },
  };
}

export interface ContextualShape {
  id: string;
  title: string;
  /** Regex words that must name the value (`datadog`, `dd_api`) — lowercase. */
  names: readonly string[];
  /** What may follow the name before the assignment (`_api_key`). */
  between?: string;
  body: Charset;
  length: Length;
  keywords: readonly string[];
  /** A realistic variable name for samples. */
  sampleName: string;
  validate?: (secret: string) => boolean;
  minEntropy?: number;
}

/**
 * A value with no prefix of its own (a 32-hex API key) that is only a secret
 * when the provider's name sits next to it.
 */
export function contextual(shape: ContextualShape): Rule {
  const between = shape.between ?? '[a-z0-9_.-]{0,30}';
  const pattern = new RegExp(
    `(?:${shape.names.join('|')})${between}["']?${TYPE_ANNOTATION}\\s{0,16}(?::=|=>|=|:)\\s{0,16}["'\`]?(?<secret>[${shape.body.cls}]${quantifier(shape.length)})(?![${shape.body.cls}])`,
    'i',
  );
  const length = typeof shape.length === 'number' ? shape.length : shape.length[0];
  return {
    id: shape.id,
    title: shape.title,
    // A bare value beside a provider's name: minified code is full of such names with no secret.
    minified: false,
    keywords: shape.keywords,
    pattern,
    validate: shape.validate,
    minEntropy: shape.minEntropy ?? defaultEntropy(shape.body, shape.length),
    samples: {
      match: [(g) => `${shape.sampleName}="${g.chars(shape.body.alphabet, pickLength(g, shape.length))}"`],
      quiet: [`${shape.sampleName}="${'x'.repeat(length)}"`, `export const ${shape.sampleName}: string = "${'0'.repeat(length)}";`, `${shape.sampleName}=\${${shape.sampleName}}`],
    },
  };
}
