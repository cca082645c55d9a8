import { performance } from 'node:perf_hooks';
import { Detector } from '../../../src/scan/detect.js';
import { base62, crc32 } from '../../../src/scan/encoding.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import { seededGenerator } from './corpus.js';

/** `*`, `+` and `{n,}` outside character classes and escapes: the quantifiers that let a start position cost O(line). */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') { i += 1; continue; }
    if (inClass) { if (char === ']') inClass = false; continue; }
    if (char === '[') { inClass = true; continue; }
    if (char === '*' || char === '+') found.push(`${char} at ${i}`);
    if (char === '{') {
      const open = /^\{\d+,\}/.exec(source.slice(i));
      if (open) found.push(`${open[0]} at ${i}`);
    }
  }
  return found;
}

const MB = 1024 * 1024;
const detector = new Detector({ rules: builtinRules });

/** Best of `runs` (the machine is shared), in ms. */
function timeDetect(text: string, runs = 3): number {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    detector.detect(text, 'bundle.js');
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const repeatedWord = (bytes: number): string => 'token'.repeat(Math.ceil(bytes / 5)).slice(0, bytes);
const minifiedBundle = (bytes: number): string => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const part = `function f${i}(e,t){var n=e.apiKey||t.token;return o.secret=n?n.secret:t.password,e.accessToken=t.accessToken??null,n}`;
    parts.push(part);
    size += part.length;
  }
  return parts.join(';').slice(0, bytes);
};

describe('the detector runs in linear time', () => {
  it('uses only bounded quantifiers in every built-in pattern, so each start position costs a constant', () => {
    const offenders = builtinRules.map((rule) => ({ id: rule.id, unbounded: unboundedQuantifiers(rule.pattern.source) })).filter((r) => r.unbounded.length > 0);
    expect(offenders).toEqual([]);
  });

  it.each([
    ['a single line of `tokentoken…` (every 5 characters a keyword)', repeatedWord],
    ['a single-line minified bundle full of member copies', minifiedBundle],
  ])('scans %s of 1, 2, 4 and 8 MB in time that grows linearly', (_label, build) => {
    detector.detect(build(MB / 4), 'warm.js'); // JIT warm-up
    const times = [1, 2, 4, 8].map((size) => timeDetect(build(size * MB), size === 1 ? 5 : 3));
    // Time per MB at each size against the time per MB at 1 MB: about 1 when linear, 2, 4, 8 when
    // quadratic. The bound of 4 leaves room for a loaded shared machine and still fails anything quadratic at 8 MB.
    const growth = [2, 4, 8].map((size, i) => times[i + 1] / size / Math.max(times[0], 1));
    expect({ ms: times.map((t) => Math.round(t)), linear: growth.every((g) => g < 4) }).toEqual({ ms: times.map((t) => Math.round(t)), linear: true });
  }, 120_000);

  it('reports no generic finding on a minified bundle, yet still finds a checksummed token inside it', () => {
    // A GitHub-shaped token with a valid checksum, built at test time.
    const random = seededGenerator().alnum(30);
    const token = `ghp_${random}${base62(crc32(random), 6)}`;
    const bundle = `${minifiedBundle(MB / 2)};var q={auth:"${token}"};${minifiedBundle(MB / 2)}`;
    const findings = detector.detect(bundle, 'dist/app.js');
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });
});
