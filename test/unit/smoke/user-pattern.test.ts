import { compileUserPattern } from '../../../src/smoke/user-pattern.js';
import { parseCheckList } from '../../../src/smoke/check-list.js';

describe('user regular expressions run on RE2', () => {
  it('matches (a+)+$ against a long hostile body in linear time', () => {
    const pattern = compileUserPattern('(a+)+$');
    if ('error' in pattern) throw new Error(pattern.error);
    const started = process.hrtime.bigint();
    expect(pattern.test(`${'a'.repeat(50_000)}!`)).toBe(false);
    // A backtracking engine takes longer than the universe has; RE2 well under a second even on a busy machine.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });

  it('refuses what RE2 cannot compile, naming the check and the key', () => {
    expect(() => parseCheckList('- url: http://a/\n  body-matches: "(?=x)"', "input 'checks'")).toThrow(/^input 'checks' item 1: 'body-matches' is a regular expression RE2 cannot compile/);
    expect(() => parseCheckList('- url: http://a/\n  json: ["v matches (a)\\\\1"]', "input 'checks'")).toThrow(/RE2 cannot compile/);
  });

  it('never quotes a checks file: found values become their length', () => {
    expect(() => parseCheckList('- url: "tok-en-123"', "input 'checks-file'", {}, { quote: false })).toThrow(/found a value of 10 characters/);
    expect(() => parseCheckList('secret: [', "input 'checks-file'", {}, { quote: false })).toThrow(/^input 'checks-file': is not valid YAML( \(line \d+\))?\./);
  });
});
