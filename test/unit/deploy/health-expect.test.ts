import { expectationFor, unmetExpectation, versionInBody, versionPathOf } from '../../../src/deploy/health.js';

describe("deploy's health-expect: a JSON member is checked on the parsed body, other text as a substring", () => {
  const documented = '"version":"{version}"';

  it('passes the documented form against any JSON spacing, and fails another version with what it saw', () => {
    const v2 = expectationFor(documented, 'v2');
    expect(unmetExpectation(v2, '{"version": "v2"}')).toBeUndefined();
    expect(unmetExpectation(v2, '{\n  "ok": true,\n  "version" : "v2"\n}')).toBeUndefined();
    expect(unmetExpectation(v2, '{"version": "v1"}')).toBe("answered version 'v1', expected 'v2'");
    expect(unmetExpectation(v2, '{"ok": true}')).toBe("answered without 'version' (expected 'v2')");
  });

  it('compares in the JSON value type, and keeps several members', () => {
    expect(unmetExpectation(expectationFor('"build":{version}', '42'), '{"build": 42}')).toBeUndefined();
    const two = expectationFor('"status":"pass", "version":"{version}"', '3');
    expect(unmetExpectation(two, '{"status": "pass", "version": "3"}')).toBeUndefined();
    expect(unmetExpectation(two, '{"status": "fail", "version": "3"}')).toBe("answered status 'fail', expected 'pass'");
  });

  it('keeps a plain substring for text that is not a JSON member, and for a body that is not JSON', () => {
    expect(expectationFor('ready {version}', '1.0')).toEqual({ kind: 'text', text: 'ready 1.0' });
    expect(unmetExpectation(expectationFor('ready', '1.0'), 'all ready')).toBeUndefined();
    expect(unmetExpectation(expectationFor(documented, '1.0'), 'x "version":"1.0" y')).toBeUndefined();
    expect(unmetExpectation(expectationFor(documented, '1.0'), 'plain text')).toMatch(/not JSON/);
  });

  it('with the version unknown, checks only the members that do not name it', () => {
    expect(expectationFor(documented, undefined)).toEqual({ kind: 'none' });
    expect(expectationFor('"status":"pass","version":"{version}"', undefined)).toMatchObject({ kind: 'json', members: [{ path: 'status', value: 'pass' }] });
    expect(expectationFor('ready {version}', undefined)).toEqual({ kind: 'none' });
  });

  it('a version with quotes cannot change what the member means', () => {
    const odd = expectationFor(documented, '1"x');
    expect(unmetExpectation(odd, JSON.stringify({ version: '1"x' }))).toBeUndefined();
  });

  it('reads the serving version at the member that holds {version}', () => {
    expect(versionPathOf('"build":"{version}"')).toBe('build');
    expect(versionPathOf('ok')).toBe('version');
    expect(versionInBody('{"build": "7"}', 'build')).toBe('7');
    expect(versionInBody('not json', 'version')).toBeUndefined();
  });
});
