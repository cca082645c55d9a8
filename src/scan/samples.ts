import { randomBytes } from 'node:crypto';

/**
 * Builds fake credentials at test time from random bytes, so the repository
 * holds no token-shaped literals (and push protection has nothing to stop).
 */
export interface SampleGenerator {
  chars(alphabet: string, length: number): string;
  alnum(length: number): string;
  hex(length: number): string;
  upper(length: number): string;
  digits(length: number): string;
  base64(length: number): string;
  urlSafe(length: number): string;
  int(min: number, max: number): number;
}

export const ALPHABETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  digits: '0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  urlSafe: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
} as const;

/**
 * Fresh random bytes by default; with a seed, the same bytes every run, so a
 * test that draws samples is reproducible (a rare draw that a rule's entropy
 * or placeholder filter drops cannot make it flaky).
 */
export function randomGenerator(seed?: number): SampleGenerator {
  const bytesOf = seed === undefined ? randomBytes : seededBytes(seed);
  const chars = (alphabet: string, length: number): string => {
    const bytes = bytesOf(length * 2);
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
    return out;
  };
  return {
    chars,
    alnum: (n) => chars(ALPHABETS.alnum, n),
    hex: (n) => chars(ALPHABETS.hex, n),
    upper: (n) => chars(ALPHABETS.upper, n),
    digits: (n) => chars(ALPHABETS.digits, n),
    base64: (n) => chars(ALPHABETS.base64, n),
    urlSafe: (n) => chars(ALPHABETS.urlSafe, n),
    int: (min, max) => min + (bytesOf(4).readUInt32LE(0) % (max - min + 1)),
  };
}

/** A small deterministic byte stream (mulberry32): sample text only, never key material. */
function seededBytes(seed: number): (length: number) => Buffer {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (length) => {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) out[i] = next() & 0xff;
    return out;
  };
}
