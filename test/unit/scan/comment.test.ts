import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMMENT_MARKER, commentRequests, upsertComment, type CommentTarget } from '../../../src/scan/report/comment.js';

interface Seen { method: string; url: string; auth?: string; body?: string }

/** A local stand-in for a forge's comment API, recording every request. */
async function fakeForge(existing: Array<{ id: number; body: string }>, prefix: string) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body: body || undefined });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') res.end(JSON.stringify(new URL(req.url ?? '', 'http://x').searchParams.get('page') === '1' ? existing : []));
      else if (req.method === 'POST') res.end(JSON.stringify({ id: 77 }));
      else res.end(JSON.stringify({ id: Number(/comments\/(\d+)/.exec(req.url ?? '')?.[1]) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { seen, apiUrl: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

const target = (forge: CommentTarget['forge'], apiUrl: string): CommentTarget => ({ forge, apiUrl, repository: 'team/shop', pullNumber: 12, token: 'test-token-value' });

describe('pull-request comment', () => {
  it('builds GitHub and Forgejo requests with each forge’s auth and paging', () => {
    expect(commentRequests.list(target('github', 'https://api.github.com'), 2)).toMatchObject({
      method: 'GET', url: 'https://api.github.com/repos/team/shop/issues/12/comments?per_page=100&page=2',
      headers: { authorization: 'Bearer test-token-value', 'x-github-api-version': '2022-11-28' },
    });
    expect(commentRequests.update(target('forgejo', 'https://git.example.net/api/v1'), 5, 'x')).toMatchObject({
      method: 'PATCH', url: 'https://git.example.net/api/v1/repos/team/shop/issues/comments/5',
      headers: { authorization: 'token test-token-value' }, body: '{"body":"x"}',
    });
  });

  it('creates a comment on GitHub when there are findings and none exists yet', async () => {
    const forge = await fakeForge([{ id: 1, body: 'LGTM' }], '');
    try {
      const result = await upsertComment(target('github', forge.apiUrl), `${COMMENT_MARKER}\nfound`, true);
      expect(result).toEqual({ action: 'created', id: 77 });
      expect(forge.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        'GET /repos/team/shop/issues/12/comments?per_page=100&page=1',
        'POST /repos/team/shop/issues/12/comments',
      ]);
      expect(forge.seen[1].auth).toBe('Bearer test-token-value');
    } finally { await forge.close(); }
  });

  it('updates its own earlier comment on Forgejo instead of adding another', async () => {
    const forge = await fakeForge([{ id: 1, body: 'LGTM' }, { id: 42, body: `${COMMENT_MARKER}\nold` }], '/api/v1');
    try {
      const result = await upsertComment(target('forgejo', forge.apiUrl), `${COMMENT_MARKER}\nnow clean`, false);
      expect(result).toEqual({ action: 'updated', id: 42 });
      expect(forge.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        'GET /api/v1/repos/team/shop/issues/12/comments?limit=50&page=1',
        'PATCH /api/v1/repos/team/shop/issues/comments/42',
      ]);
      expect(forge.seen[1]).toMatchObject({ auth: 'token test-token-value', body: JSON.stringify({ body: `${COMMENT_MARKER}\nnow clean` }) });
    } finally { await forge.close(); }
  });

  it('says nothing on a clean pull request that never had a comment', async () => {
    const forge = await fakeForge([], '');
    try {
      expect(await upsertComment(target('github', forge.apiUrl), 'x', false)).toEqual({ action: 'skipped', reason: 'no findings and no earlier comment' });
      expect(forge.seen.map((s) => s.method)).toEqual(['GET']);
    } finally { await forge.close(); }
  });
});
