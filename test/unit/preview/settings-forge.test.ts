import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import type { HttpTransport } from '../../../src/core/http/request.js';
import { commentText, markDeployment, pullRequestState, upsertPreviewComment, PREVIEW_COMMENT_MARKER } from '../../../src/preview/forge.js';
import { reapReason } from '../../../src/preview/preview.js';
import { parsePreviewSettings } from '../../../src/preview/settings.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n';
const base = { host: 'deploy@127.0.0.1:2201', 'private-key': KEY, 'trust-on-first-use': 'true', app: 'shop', 'app-dir': '/srv/shop' };
const parse = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) => parsePreviewSettings(new Inputs(mapInputSource({ ...base, ...values })), env);

describe('preview settings', () => {
  it('takes the version from the image tag and the forge from the runner', () => {
    const settings = parse({ pr: '12', image: 'r.example/shop:pr-12', 'forge-token': 't' }, { GITHUB_REPOSITORY: 'o/shop', GITHUB_API_URL: 'https://api.github.com' });
    expect(settings).toMatchObject({ command: 'up', pr: 12, version: 'pr-12', portBase: 40000, maxPreviews: 5, whenFull: 'evict-oldest' });
    expect(settings.forge).toEqual({ kind: 'github', apiUrl: 'https://api.github.com', repository: 'o/shop', token: 't' });
  });

  it.each([
    [{ pr: '3' }, /image': is required for preview up/],
    [{ command: 'down' }, /pr': is required/],
    [{ pr: '3', image: 'a:b', 'port-base': '40500' }, /port-base': is not a multiple of 1000/],
    [{ pr: '3', image: 'a:b', 'env-template': '../prod.env' }, /env-template': is not a path inside app-dir/],
    [{ pr: '3', image: 'a:b', app: 'Shop;rm' }, /app': is not a compose project prefix/],
    [{ command: 'reap' }, /forge-token': is required for reap/],
    [{ pr: '3', image: 'a:b', domain: 'bad domain' }, /domain': is not a domain name/],
  ])('refuses %j before anything runs', (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });
});

/** A transport that answers like the forge from a table, recording requests. */
function fakeFetch(routes: Record<string, unknown>, calls: Array<{ method: string; url: string; body?: string }>): HttpTransport {
  return async (url, init) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url: String(url), body: init.body as string | undefined });
    const key = `${method} ${String(url).replace(/\?.*$/, '')}`;
    const status = key in routes ? 200 : 404;
    const body = Buffer.from(key in routes ? JSON.stringify(routes[key]) : '{"message":"Not Found"}');
    return {
      status, statusText: '', ok: status === 200, headers: {}, trailers: {}, body, truncated: false, url: new URL(url),
      header: () => undefined, text: () => body.toString('utf8'), json: <T>() => JSON.parse(body.toString('utf8')) as T,
    };
  };
}

const forge = { kind: 'github' as const, apiUrl: 'https://api.test', repository: 'o/shop', token: 'tok' };

describe('talking to the forge', () => {
  it('reads a PR as open or closed; an unknown PR counts as closed', async () => {
    const f = fakeFetch({ 'GET https://api.test/repos/o/shop/pulls/1': { state: 'open' }, 'GET https://api.test/repos/o/shop/pulls/2': { state: 'closed', merged: true } }, []);
    expect(await pullRequestState(forge, 1, f)).toBe('open');
    expect(await pullRequestState(forge, 2, f)).toBe('closed');
    expect(await pullRequestState(forge, 3, f)).toBe('closed');
  });

  it('edits its own comment, leaving the secret scan\'s alone', async () => {
    const calls: Array<{ method: string; url: string; body?: string }> = [];
    const f = fakeFetch({
      'GET https://api.test/repos/o/shop/issues/5/comments': [{ id: 1, body: '<!-- slipway:secret-scan -->' }, { id: 2, body: `${PREVIEW_COMMENT_MARKER} old` }],
      'PATCH https://api.test/repos/o/shop/issues/comments/2': {},
    }, calls);
    expect(await upsertPreviewComment(forge, { pr: 5, url: 'https://pr-5.p', version: '1.2', status: 'live' }, f)).toBe('updated');
    expect(calls.map((c) => `${c.method} ${c.url.replace(/\?.*/, '')}`)).toEqual(['GET https://api.test/repos/o/shop/issues/5/comments', 'PATCH https://api.test/repos/o/shop/issues/comments/2']);
    expect(calls[1]?.body).toContain('https://pr-5.p');
  });

  it('GitHub: a deployment with environment_url; Forgejo: a commit status with target_url', async () => {
    const calls: Array<{ method: string; url: string; body?: string }> = [];
    const f = fakeFetch({ 'POST https://api.test/repos/o/shop/deployments': { id: 9 }, 'POST https://api.test/repos/o/shop/deployments/9/statuses': {}, 'POST https://api.test/repos/o/shop/statuses/abc1234': {} }, calls);
    await markDeployment(forge, { pr: 5, url: 'https://pr-5.p', version: '1', status: 'live', sha: 'abc1234' }, f);
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({ ref: 'abc1234', environment: 'pr-5', transient_environment: true });
    expect(JSON.parse(calls[1]?.body ?? '{}')).toMatchObject({ state: 'success', environment_url: 'https://pr-5.p' });
    await markDeployment({ ...forge, kind: 'forgejo' }, { pr: 5, url: 'https://pr-5.p', version: '1', status: 'live', sha: 'abc1234' }, f);
    expect(JSON.parse(calls[2]?.body ?? '{}')).toMatchObject({ state: 'success', target_url: 'https://pr-5.p', context: 'slipway/preview' });
  });

  it('says what the preview is in the comment', () => {
    expect(commentText({ pr: 1, url: 'https://pr-1.p', version: '2.0', status: 'live', sha: '0123456789abcdef' })).toMatch(/Preview is live:\*\* https:\/\/pr-1\.p[\s\S]*\| 2\.0 \| 0123456789ab \| live \|/);
  });
});

describe('reap', () => {
  const settings = parse({ command: 'reap', 'forge-token': 't', repository: 'o/shop', 'forge-url': 'https://api.test', 'max-age': '7d' });
  const f = fakeFetch({ 'GET https://api.test/repos/o/shop/pulls/1': { state: 'open' }, 'GET https://api.test/repos/o/shop/pulls/2': { state: 'closed' } }, []);
  const now = new Date('2026-01-10T00:00:00Z');
  it('removes previews of closed PRs and ones older than max-age, keeps young open ones', async () => {
    expect(await reapReason(settings, { pr: 1, created: '2026-01-09T00:00:00Z' }, now, f)).toBeUndefined();
    expect(await reapReason(settings, { pr: 2, created: '2026-01-09T00:00:00Z' }, now, f)).toBe('its pull request is closed');
    expect(await reapReason(settings, { pr: 1, created: '2026-01-01T00:00:00Z' }, now, f)).toMatch(/older than max-age/);
  });
});
