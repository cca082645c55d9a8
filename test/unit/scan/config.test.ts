import { parseScanConfig } from '../../../src/scan/config.js';
import { DiffParser, COMMIT_MARKER } from '../../../src/scan/sources/diff-parser.js';
import { base62, crc32, hasValidCrc32Suffix, isValidBech32, withBech32Checksum } from '../../../src/scan/encoding.js';
import { Detector, redactSecret } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';

describe('scan config', () => {
  it('reads extra rules, disabled rules and allowlists', () => {
    const config = parseScanConfig([
      'rules:', '  - id: acme-token', "    regex: 'acme_([a-z0-9]{8})'", '    keywords: [ACME_]', '    entropy: 2',
      'disable: [jwt]', 'allow:', "  paths: ['^docs/']", "  regexes: ['^test']", '  stopwords: [Dummy]', 'max-file-size: 2MB',
    ].join('\n'), 'cfg.yml');
    expect(config.rules.map((r) => [r.id, r.keywords, r.minEntropy])).toEqual([['acme-token', ['acme_'], 2]]);
    expect(config).toMatchObject({ disable: ['jwt'], stopwords: ['dummy'], maxFileSize: 2 * 1024 * 1024 });
    expect(config.allowPaths[0].test('docs/a.md')).toBe(true);
  });

  it.each([
    ["rules:\n  - id: x\n    regex: '(['\n    keywords: [x]\n", /^cfg\.yml:3: rules\[0\]\.regex: is not a valid regular expression/],
    ["rules:\n  - id: x\n    regex: 'x'\n", /^cfg\.yml:2: rules\[0\]\.keywords: is required/],
    ['colour: red\n', /^cfg\.yml:1: colour: is not a known key/],
    ['allow:\n  paths: [a\n', /^cfg\.yml:\d+: not valid YAML/],
    ["max-file-size: huge\n", /^cfg\.yml:1: max-file-size: is not a size/],
  ])('fails naming file, line and problem: %j', (source, message) => {
    expect(() => parseScanConfig(source, 'cfg.yml')).toThrow(message);
  });
});

describe('scan config regexes (RE2, linear time)', () => {
  it('runs a user rule that would backtrack forever in a JavaScript engine in linear time', () => {
    const config = parseScanConfig("rules:\n  - id: nested\n    regex: '(a+)+$'\n    keywords: [aaaa]\n", 'cfg.yml');
    const detector = new Detector({ rules: config.rules });
    const started = Date.now();
    expect(detector.detect(`${'a'.repeat(200_000)}!`, 'x.txt')).toEqual([]);
    // A backtracking engine needs longer than the age of the universe for this line.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('finds the secret group of a user rule, as RE2 reports it', () => {
    const config = parseScanConfig("rules:\n  - id: acme-token\n    regex: 'acme_(?P<secret>[a-z0-9]{12})'\n    keywords: [acme_]\n", 'cfg.yml');
    const [finding] = new Detector({ rules: config.rules }).detect('key = acme_q1w2e3r4t5y6\n', 'x.env');
    expect(finding).toMatchObject({ ruleId: 'acme-token', line: 1, column: 12, redacted: 'q1w2… (12 chars)' });
  });

  it('refuses lookaround and backreferences, naming the key and the engine', () => {
    expect(() => parseScanConfig("allow:\n  regexes: ['(?<=x)y']\n", 'cfg.yml')).toThrow(/^cfg\.yml:2: allow\.regexes\[0\]: is not a valid regular expression .*RE2/);
  });

  it('never quotes a pattern or a value back: it may hold a secret', () => {
    const marker = 'Zk8Qw3Lm9Xv2Tp7Rh4Ny';
    for (const source of [
      `allow:\n  regexes: ['(?<=${marker})']\n`,
      `rules:\n  - id: x\n    regex: '${marker}(['\n    keywords: [x]\n`,
      `max-file-size: ${marker}\n`,
      `rules:\n  - id: ${marker}_X\n    regex: 'x'\n    keywords: [x]\n`,
    ]) {
      let message = '';
      try { parseScanConfig(source, 'cfg.yml'); } catch (error) { message = String((error as Error).message); }
      expect({ source, failed: message !== '', leaks: message.includes(marker.slice(0, 8)) }).toEqual({ source, failed: true, leaks: false });
    }
  });
});

describe('diff parser', () => {
  it('keeps only added lines with their real line numbers, per file and commit', () => {
    const parser = new DiffParser();
    const out = [
      `${COMMIT_MARKER}aaa 1700000000`, 'diff --git a/x.env b/x.env', '--- a/x.env', '+++ b/x.env', '@@ -3,0 +4,2 @@', '+A=1', '+B=2',
      '@@ -10 +12 @@', '-old', '+C=3', 'diff --git a/gone b/gone', '--- a/gone', '+++ /dev/null', '@@ -1 +0,0 @@', '-bye',
      `${COMMIT_MARKER}bbb 1700000100`, 'diff --git a/y b/y', '--- /dev/null', '+++ b/y', '@@ -0,0 +1 @@', '+++ not a header',
    ].map((line) => parser.push(line)).filter(Boolean);
    out.push(parser.end());
    expect(out).toEqual([
      { path: 'x.env', commit: 'aaa', time: 1700000000, text: 'A=1\nB=2\nC=3', lineNumbers: [4, 5, 12] },
      { path: 'y', commit: 'bbb', time: 1700000100, text: '++ not a header', lineNumbers: [1] },
    ]);
  });
});

describe('diff parser on merges (--cc)', () => {
  it('keeps only the lines a merge itself added (new against every parent), numbered in the result', () => {
    const parser = new DiffParser();
    const out = [
      `${COMMIT_MARKER}mmm 1700000200`, 'diff --cc app.yml', 'index 1,2..3', '--- a/app.yml', '+++ b/app.yml',
      '@@@ -2,1 -2,1 +2,3 @@@', '- port: 81', ' -port: 8080', '++port: 8082', '++password: x1', ' +from: second-parent', '+ from: first-parent',
      '\\ No newline at end of file', 'diff --git a/z b/z', '--- a/z', '+++ b/z', '@@ -1 +1 @@', '+Z=1',
    ].map((line) => parser.push(line)).filter(Boolean);
    out.push(parser.end());
    expect(out).toEqual([
      { path: 'app.yml', commit: 'mmm', time: 1700000200, text: 'port: 8082\npassword: x1', lineNumbers: [2, 3] },
      { path: 'z', commit: 'mmm', time: 1700000200, text: 'Z=1', lineNumbers: [1] },
    ]);
  });
});

describe('checksums and redaction', () => {
  it('validates GitHub-style CRC32 suffixes and bech32', () => {
    const body = 'a'.repeat(10) + 'B'.repeat(10) + '0123456789';
    expect(hasValidCrc32Suffix(`ghp_${body}${base62(crc32(body), 6)}`)).toBe(true);
    expect(hasValidCrc32Suffix(`ghp_${body}000000`)).toBe(false);
    const key = withBech32Checksum('age-secret-key-', Array.from({ length: 52 }, (_, i) => i % 32));
    expect(isValidBech32(key)).toBe(true);
    expect(isValidBech32(`${key.slice(0, -1)}${key.endsWith('q') ? 'p' : 'q'}`)).toBe(false);
  });

  it('shows four characters and the length, never more', () => {
    expect(redactSecret('sk_live_abcdefghijklmnop')).toBe('sk_l… (24 chars)');
  });

  it('reports line, column and a stable fingerprint; slipway:allow silences a line', () => {
    const detector = new Detector({ rules: builtinRules });
    const body = 'Zq8Lm3Xv7Tp2Rk9Hw4Ny6Bd1Gs5Jc0';
    const token = `ghp_${body}${base62(crc32(body), 6)}`;
    const [first] = detector.detect(`x\n  key: ${token}\n`, 'a.yml');
    const [second] = detector.detect(`other: 1\ny: 2\nk=${token}`, 'b.env');
    expect(first).toMatchObject({ ruleId: 'github-pat', path: 'a.yml', line: 2, column: 8, redacted: 'ghp_… (40 chars)' });
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(detector.detect(`k=${token} # slipway:allow`, 'c')).toEqual([]);
  });
});
