import { InputError } from '../../../src/core/errors.js';
import { clearSecretsForTest, redact } from '../../../src/core/secrets.js';
import { oneLineCheck, parseCheckList } from '../../../src/smoke/check-list.js';

afterEach(() => clearSecretsForTest());

const failure = (text: string): string => {
  try {
    parseCheckList(text, "input 'checks'");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('the YAML list of checks', () => {
  it('reads every field, keeping scalars as written (1.10 stays 1.10)', () => {
    const [check] = parseCheckList(`
- name: api
  url: https://app.example.com/api/health
  method: post
  headers: { Accept: application/json }
  body: '{"ping":1}'
  expect-status: [200, 204]
  json:
    - ok == true
    - { path: build.sha, matches: "^[0-9a-f]{7}" }
  body-contains: connected
  body-matches: 'data.*ok'
  max-latency: 500
  expect-version: 1.10
  version-path: build.version
  health-document: false
  connect-to: 10.0.0.5:8443
`, "input 'checks'");
    expect(check).toMatchObject({
      name: 'api', url: 'https://app.example.com/api/health', method: 'POST', headers: { Accept: 'application/json' }, body: '{"ping":1}',
      expectStatus: { codes: [200, 204], classes: [] }, bodyContains: ['connected'], maxLatencyMs: 500, expectVersion: '1.10',
      versionPath: 'build.version', healthDocument: false, connectTo: { host: '10.0.0.5', port: 8443 },
    });
    expect(check?.json.map((a) => [a.path, a.operator, a.expected])).toEqual([['ok', 'equals', 'true'], ['build.sha', 'matches', '^[0-9a-f]{7}']]);
    expect(check?.bodyMatches[0]?.source).toBe('data.*ok');
  });

  it('accepts bare URLs, the json map shorthand, and a default of any 2xx', () => {
    const checks = parseCheckList(`
- http://127.0.0.1:8000/health-check
- url: https://app.example.com/api/health
  json: { ok: true, database: connected }
- http://127.0.0.1:8000/health-check
`, 'checks');
    expect(checks.map((c) => c.name)).toEqual(['127.0.0.1:8000/health-check', 'app.example.com/api/health', '127.0.0.1:8000/health-check #2']);
    expect(checks[0]?.expectStatus).toEqual({ codes: [], classes: [2] });
    expect(checks[1]?.json.map((a) => a.text)).toEqual(['ok equals true', 'database equals connected']);
  });

  it('registers the values of credential headers and of headers listed as secret', () => {
    parseCheckList(`
- url: https://app.example.com/
  headers: { Authorization: Bearer abcdef123456, X-Tenant: tenant-secret-77, X-Plain: visible-value }
  secret-headers: [x-tenant]
`, 'checks');
    expect(redact('Bearer abcdef123456 tenant-secret-77 visible-value')).toBe('*** *** visible-value');
  });

  it.each([
    ['- url: [unclosed', /^input 'checks': is not valid YAML \(/],
    ['just text', /^input 'checks': is not a list of checks \(found 'just text'\)/],
    ['- { name: api }', /^input 'checks' item 1 'api': has no 'url'\. Give every check a `url:`/],
    ['- url: app.example.com/health', /^input 'checks' item 1: has a URL that is not valid \(found 'app\.example\.com\/health'\)\. Write a full URL/],
    ['- url: ftp://example.com/', /^input 'checks' item 1: has a URL that is not http or https \(found 'ftp:'\)/],
    ['- url: https://u:hunter2secret@example.com/', /^input 'checks' item 1: has credentials in its URL\. Send them as a secret header/],
    ['- http://a/\n- { name: db, url: "http://a/", json: ["db = up"] }', /^input 'checks' item 2 'db': assertion 'db = up' has an unknown operator \(found '=', expected one of ==, !=/],
    ['- { url: "http://a/", json: ["uptime > soon"] }', /assertion 'uptime > soon' compares with something that is not a number \(found 'soon'\)/],
    ['- { url: "http://a/", json: ["sha matches ([a-f"] }', /assertion 'sha matches \(\[a-f' has a regular expression RE2 cannot compile/],
    ['- { url: "http://a/", json: [{ path: v, equals: 1, lt: 2 }] }', /needs exactly one operator \(found equals, lt, expected one of/],
    ['- { url: "http://a/", json: ["a..b == 1"] }', /has a path that is not understood \(found 'a\.\.b'\)/],
    ['- { url: "http://a/", expect-status: "20x" }', /'expect-status' is not a status code \(found '20x'\)\. Write a code \(200\), a list \(200, 204\) or a class \(2xx\)/],
    ['- { url: "http://a/", max-latency: soon }', /'max-latency' is not a duration \(found 'soon'\)/],
    ['- { url: "http://a/", connect-to: "10.0.0.5:99999" }', /'connect-to' is not an address \(found '10\.0\.0\.5:99999'\)/],
    ['- { url: "http://a/", connect-to: "-oProxyCommand=x" }', /'connect-to' is not an address \(found '-oProxyCommand=x'\)/],
    ['- { url: "http://a/", connect-to: "10.0.0.5/24" }', /'connect-to' is not an address \(found '10\.0\.0\.5\/24'\)/],
    ['- { url: "http://a/", timeout: 5s }', /has unknown keys \(found timeout\)\. Known keys: name, url/],
    ['- { url: "http://a/", secret-headers: [Authorization] }', /lists secret header 'authorization' that it does not send/],
  ])('refuses %j before any request', (text, message) => {
    expect(failure(text)).toMatch(message);
  });

  it('never echoes a URL password in the error', () => {
    expect(failure('- url: https://u:hunter2secret@example.com/')).not.toContain('hunter2secret');
  });
});

describe('the one-line form', () => {
  it('takes the url with the defaults: expect-version, version path, connect-to', () => {
    expect(oneLineCheck('https://app.example.com/api/health', "input 'url'", { expectVersion: '2.0.1', versionPath: 'meta.version', connectTo: { host: '127.0.0.1' } })).toMatchObject({
      name: 'app.example.com/api/health', method: 'GET', expectVersion: '2.0.1', versionPath: 'meta.version', connectTo: { host: '127.0.0.1' }, healthDocument: true,
    });
  });
});
