import { checkAssertion, parseAssertionExpression, parseAssertionObject } from '../../../src/smoke/assertions.js';
import { judgeHealthDocument } from '../../../src/smoke/health-document.js';
import { lookupJsonPath, parseJsonPath } from '../../../src/smoke/json-path.js';

const doc = {
  ok: true, database: 'connected', version: '1.10', uptime: 42, build: { sha: 'abc1234', 'git-sha': 'x' },
  tags: ['stable', 'eu'], checks: [{ name: 'db', status: 'pass' }], none: null, count: '7',
};

describe('JSON assertions', () => {
  it.each([
    ['ok == true', undefined],
    ['ok == false', 'expected ok == false, got true'],
    ['database == connected', undefined],
    ['database != disconnected', undefined],
    ['database != connected', "expected database != connected, got 'connected'"],
    ['version == 1.10', undefined],
    ['version == 1.1', "expected version == 1.1, got '1.10'"],
    ['uptime > 10', undefined],
    ['uptime < 10', 'expected uptime < 10, got 42'],
    ['count gt 5', undefined],
    ['database > 1', "expected database > 1, got 'connected'"],
    ['tags contains eu', undefined],
    ['tags contains us', 'expected tags contains us, got ["stable","eu"]'],
    ['database contains nnect', undefined],
    ['build contains sha', undefined],
    ['build.sha matches ^[0-9a-f]{7}$', undefined],
    ['build.sha matches ^v', "expected build.sha matches ^v, got 'abc1234'"],
    ['checks[0].status == pass', undefined],
    ['$.build["git-sha"] == x', undefined],
    ['tags.length == 2', undefined],
    ['none == null', undefined],
    ['build exists', undefined],
    ['missing exists', "expected 'missing' to exist, it is missing"],
    ['missing == 1', "expected missing == 1, but 'missing' is missing"],
    ['database == "connected"', undefined],
  ])('%s', (expression, problem) => {
    expect(checkAssertion(parseAssertionExpression(expression), doc)).toBe(problem);
  });

  it('reads the object form, including exists: false', () => {
    expect(checkAssertion(parseAssertionObject({ path: 'secret', exists: 'false' }), doc)).toBeUndefined();
    expect(checkAssertion(parseAssertionObject({ path: 'ok', exists: 'false' }), doc)).toBe("expected no 'ok', found true");
    expect(checkAssertion(parseAssertionObject({ path: 'uptime', 'not-equals': '0' }), doc)).toBeUndefined();
  });
});

describe('JSON paths', () => {
  it.each([
    ['version', ['version']],
    ['$.build.sha', ['build', 'sha']],
    ['checks[0].status', ['checks', 0, 'status']],
    ["$['odd key']", ['odd key']],
    ['$', []],
    ['a..b', undefined],
    ['.a', undefined],
    ['', undefined],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it('names where a lookup stopped', () => {
    expect(lookupJsonPath(doc, ['checks', 3, 'status'])).toEqual({ found: false, missingAt: 'checks[3]' });
  });
});

describe('health documents understood without configuration', () => {
  it.each([
    [{ status: 'pass' }, 'pass'],
    [{ status: 'warn' }, 'warn'],
    [{ status: 'fail' }, 'fail'],
    [{ status: 'ok', version: '1' }, 'pass'],
    [{ status: 'DOWN' }, 'fail'],
    [{ ok: true, database: 'connected' }, 'pass'],
    [{ ok: false }, 'fail'],
    [{ status: 'deploying' }, 'none'],
    [{ version: '1' }, 'none'],
    [['pass'], 'none'],
    ['ok', 'none'],
  ])('%j is %s', (document, kind) => {
    expect(judgeHealthDocument(document).kind).toBe(kind);
  });
});
