import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { httpRequest, HttpRequestError } from '../../../src/core/http/request.js';
import { makeCertificates, type TestCertificates } from '../../integration/smoke/servers.js';
import { startMisbehaving } from '../../support/misbehaving-server.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

async function serve(handler: Handler, tls?: TestCertificates): Promise<{ origin: string; port: number; seen: http.IncomingMessage[]; close: () => Promise<void> }> {
  const seen: http.IncomingMessage[] = [];
  const record: Handler = (request, response) => { seen.push(request); handler(request, response); };
  const server = tls ? https.createServer({ key: tls.serverKey, cert: tls.serverCert }, record) : http.createServer(record);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, seen,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const failureOf = async (work: Promise<unknown>): Promise<HttpRequestError> => {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpRequestError);
    return error as HttpRequestError;
  }
  throw new Error('expected the request to fail');
};

let certificates: TestCertificates;
beforeAll(() => { certificates = makeCertificates(); });

describe('httpRequest, the one outgoing HTTP client', () => {
  it('holds the process open with its own timer while it waits, and lets go once it settles', async () => {
    const server = await startMisbehaving('never-answer', () => undefined);
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const pending = httpRequest(`${server.origin}/`, { timeoutMs: 400 });
    try {
      const during = timers();
      expect(during).toBeGreaterThan(before);
      expect((await failureOf(pending)).kind).toBe('timeout');
      expect(timers()).toBeLessThan(during);
    } finally {
      await server.close();
    }
  });

  it('bounds the whole request, redirects included, not each hop', async () => {
    const server = await serve((request, response) => {
      const hop = Number(request.url?.slice(1) ?? 0);
      setTimeout(() => { response.writeHead(302, { location: `/${hop + 1}` }); response.end(); }, 150);
    });
    try {
      const started = Date.now();
      const error = await failureOf(httpRequest(`${server.origin}/0`, { timeoutMs: 500, maxRedirects: 20 }));
      expect(error.message).toMatch(/no complete answer within 500 ms/);
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await server.close();
    }
  });

  it('sends credentials to the same origin only, and never follows https down to http', async () => {
    const other = await serve((_request, response) => { response.end('stored'); });
    const first = await serve((request, response) => {
      if (request.url === '/there') return void response.end('here');
      response.writeHead(307, { location: request.url === '/same' ? '/there' : `${other.origin}/blob` });
      response.end();
    });
    try {
      const same = await httpRequest(`${first.origin}/same`, { headers: { authorization: 'Bearer t0k' }, timeoutMs: 2000, maxRedirects: 2 });
      expect(first.seen.map((request) => request.headers.authorization)).toEqual(['Bearer t0k', 'Bearer t0k']);
      expect(same.text()).toBe('here');
      const crossed = await httpRequest(`${first.origin}/elsewhere`, { headers: { authorization: 'Bearer t0k', accept: 'x/y' }, timeoutMs: 2000, maxRedirects: 2 });
      expect(crossed.text()).toBe('stored');
      expect(crossed.url.origin).toBe(other.origin);
      expect(other.seen[0]?.headers.authorization).toBeUndefined();
      expect(other.seen[0]?.headers.accept).toBe('x/y');
    } finally {
      await first.close();
      await other.close();
    }
    const secure = await serve((_request, response) => { response.writeHead(302, { location: 'http://127.0.0.1:9/' }); response.end(); }, certificates);
    try {
      const error = await failureOf(httpRequest(`${secure.origin}/v2/`, { timeoutMs: 2000, maxRedirects: 3, extraCa: [certificates.caCert] }));
      expect(error.kind).toBe('redirect');
      expect(error.message).toMatch(/GET \/v2\/ on 127\.0\.0\.1:\d+: redirected from https to plain http/);
    } finally {
      await secure.close();
    }
  });

  it('turns a POST into a GET without its body on 303, and keeps both on 307', async () => {
    const bodies: string[] = [];
    const server = await serve((request, response) => {
      let text = '';
      request.on('data', (chunk) => { text += chunk; });
      request.on('end', () => {
        bodies.push(`${request.method} ${request.url} ${text}`);
        if (request.url === '/see-other') response.writeHead(303, { location: '/done' });
        else if (request.url === '/temporary') response.writeHead(307, { location: '/done' });
        response.end();
      });
    });
    try {
      await httpRequest(`${server.origin}/see-other`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' }, timeoutMs: 2000, maxRedirects: 1 });
      await httpRequest(`${server.origin}/temporary`, { method: 'POST', body: '{"a":1}', timeoutMs: 2000, maxRedirects: 1 });
      expect(bodies).toEqual(['POST /see-other {"a":1}', 'GET /done ', 'POST /temporary {"a":1}', 'POST /done {"a":1}']);
    } finally {
      await server.close();
    }
  });

  it('caps the body: fails past the cap by default, or cuts it when asked', async () => {
    const server = await serve((_request, response) => { response.end('x'.repeat(10_000)); });
    try {
      const error = await failureOf(httpRequest(`${server.origin}/big`, { timeoutMs: 2000, maxBodyBytes: 1000 }));
      expect(error).toMatchObject({ kind: 'too-large' });
      expect(error.message).toMatch(/GET \/big on 127\.0\.0\.1:\d+: answered with more than 1000 bytes/);
      const cut = await httpRequest(`${server.origin}/big`, { timeoutMs: 2000, maxBodyBytes: 1000, overflow: 'truncate' });
      expect(cut).toMatchObject({ status: 200, truncated: true });
      expect(cut.body.length).toBe(1000);
    } finally {
      await server.close();
    }
  });

  it('trusts an extra CA besides the system roots, checks the URL name while dialling elsewhere', async () => {
    const server = await serve((request, response) => { response.end(`host ${request.headers.host}`); }, certificates);
    try {
      const answered = await httpRequest(`https://app.test:8443/health`, { timeoutMs: 2000, extraCa: [certificates.caCert], connect: { host: '127.0.0.1', port: server.port } });
      expect(answered.text()).toBe('host app.test:8443');
      const untrusted = await failureOf(httpRequest(`https://app.test:8443/health`, { timeoutMs: 2000, connect: { host: '127.0.0.1', port: server.port } }));
      expect(untrusted.kind).toBe('tls');
      expect(untrusted.where).toBe(`app.test:8443 (dialled 127.0.0.1:${server.port})`);
    } finally {
      await server.close();
    }
  });

  it('names the request and host:port in errors, never a header or the query', async () => {
    const server = await startMisbehaving('close-at-once', () => undefined);
    try {
      const error = await failureOf(httpRequest(`${server.origin}/v2/token?account=ci&secret=q5ery`, { headers: { authorization: 'Basic c2VjcmV0' }, timeoutMs: 2000 }));
      expect(error.message).toBe(`GET /v2/token on ${server.hostPort}: the connection closed before any answer`);
      expect(error).toMatchObject({ kind: 'reset', answered: false });
    } finally {
      await server.close();
    }
  });

  it('does not start when the signal is already aborted', async () => {
    const server = await serve((_request, response) => { response.end('ok'); });
    try {
      const error = await failureOf(httpRequest(`${server.origin}/`, { timeoutMs: 2000, signal: AbortSignal.abort() }));
      expect(error.kind).toBe('aborted');
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
