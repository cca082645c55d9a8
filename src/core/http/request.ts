import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { SlipwayError } from '../errors.js';

/**
 * One HTTP(S) request over node:http(s), for every outgoing call Slipway makes (registries, forges,
 * Cloudron, smoke probes). Not fetch: Node 20's fetch never settles when a server accepts and closes,
 * and its AbortSignal.timeout timer keeps nothing alive, so a read that should fail either exits the
 * process 0 mid-step or waits for someone else's limit. Here one ref'd timer of ours bounds the whole
 * request (connect, headers, body and redirects) and destroys the socket when it fires.
 */
export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole request, redirects included; the socket is destroyed when it passes. */
  timeoutMs: number;
  /** Bodies beyond this fail the request (`overflow: 'fail'`, the default) or are cut (`'truncate'`). */
  maxBodyBytes?: number;
  overflow?: 'fail' | 'truncate';
  /** How many redirects to follow (default none). Credentials never cross to another origin, nor https to http. */
  maxRedirects?: number;
  /** A cancel ends the request at once. */
  signal?: AbortSignal;
  /** PEM certificates trusted besides the system roots. */
  extraCa?: string[];
  /** Dial this address instead of the URL's host (a tunnel's end, a stand-in); TLS still checks the URL's name. */
  connect?: { host: string; port?: number; via?: string };
  /** A keep-alive agent; by default every request dials fresh. */
  agent?: http.Agent;
  /** What is being asked, for errors ("registry token"); default `METHOD /path`. */
  what?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: http.IncomingHttpHeaders;
  /** Sent after a chunked body (Caddy puts a config read's ETag here). */
  trailers: NodeJS.Dict<string>;
  body: Buffer;
  truncated: boolean;
  /** Where the answer finally came from, after redirects. */
  url: URL;
  header(name: string): string | undefined;
  text(): string;
  /** The body as JSON; a body that is not JSON fails naming the request. */
  json<T>(): T;
}

export type HttpFailureKind = 'refused' | 'timeout' | 'tls' | 'dns' | 'reset' | 'aborted' | 'too-large' | 'redirect' | 'other';

/** No (complete) answer. The message names what was asked and where (host:port), never a header or a query. */
export class HttpRequestError extends SlipwayError {
  readonly kind: HttpFailureKind;
  readonly code: string;
  /** `127.0.0.1:5000`, or `app:443 (through SSH to h1)` when another address was dialled. */
  readonly where: string;
  /** Headers had arrived before it failed. */
  readonly answered: boolean;
  constructor(args: { kind: HttpFailureKind; code: string; what: string; where: string; problem: string; answered: boolean; cause?: unknown }) {
    super(`${args.what} on ${args.where}: ${args.problem}`, { cause: args.cause });
    this.name = 'HttpRequestError';
    this.kind = args.kind;
    this.code = args.code;
    this.where = args.where;
    this.answered = args.answered;
  }
}

/** What a caller lends a request: its own deadline (each caller has a default) and the run's cancel. */
export interface RequestBudget { timeoutMs?: number; signal?: AbortSignal }

export type HttpTransport = (url: string | URL, options: HttpRequestOptions) => Promise<HttpResponse>;

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_UNTRUSTED',
]);

export function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

const portOf = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Where a request to `url` goes, as errors name it. */
export function describeTarget(url: URL, connect?: HttpRequestOptions['connect']): string {
  const intended = hostPort(bareHost(url), portOf(url));
  if (!connect) return intended;
  if (connect.via) return `${intended} (${connect.via})`;
  const dialled = hostPort(connect.host, connect.port ?? portOf(url));
  return dialled === intended ? intended : `${intended} (dialled ${dialled})`;
}

export async function httpRequest(target: string | URL, options: HttpRequestOptions): Promise<HttpResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const first = new URL(target);
  if (first.protocol !== 'http:' && first.protocol !== 'https:') throw new SlipwayError(`Cannot request ${first.protocol} URLs (only http and https)`);
  let url = first;
  let method = (options.method ?? 'GET').toUpperCase();
  let headers = { ...options.headers };
  let body = options.body;
  for (let hop = 0; ; hop += 1) {
    const sameOrigin = url.origin === first.origin;
    const response = await once(url, { ...options, method, headers, body, connect: sameOrigin ? options.connect : undefined }, deadline);
    const location = response.header('location');
    if (!REDIRECTS.has(response.status) || !location || hop >= (options.maxRedirects ?? 0)) return response;
    const next = new URL(location, url);
    const what = options.what ?? `${method} ${url.pathname}`;
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw redirectError(what, url, options, `redirected to a ${next.protocol} URL`);
    if (url.protocol === 'https:' && next.protocol === 'http:') throw redirectError(what, url, options, `redirected from https to plain http (${hostPort(bareHost(next), portOf(next))}), not followed`);
    if (next.origin !== url.origin) headers = withoutCredentials(headers);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
    }
    url = next;
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie|proxy-authorization)$/i.test(name)));
}

function redirectError(what: string, url: URL, options: HttpRequestOptions, problem: string): HttpRequestError {
  return new HttpRequestError({ kind: 'redirect', code: 'EREDIRECT', what, where: describeTarget(url, options.connect), problem, answered: true });
}

function once(url: URL, options: HttpRequestOptions & { method: string }, deadline: number): Promise<HttpResponse> {
  const secure = url.protocol === 'https:';
  const name = bareHost(url);
  const what = options.what ?? `${options.method} ${url.pathname}`;
  const where = describeTarget(url, options.connect);
  const payload = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { host: url.host, ...options.headers };
  if (payload && !Object.keys(headers).some((key) => key.toLowerCase() === 'content-length')) headers['content-length'] = String(payload.length);
  const requestOptions: https.RequestOptions & { secureContext?: tls.SecureContext } = {
    host: options.connect?.host ?? name,
    port: options.connect?.port ?? portOf(url),
    method: options.method,
    path: `${url.pathname}${url.search}`,
    headers,
    agent: options.agent ?? false,
  };
  if (secure) {
    // SNI and the certificate check use the URL's name even when another address is dialled.
    if (!net.isIP(name)) requestOptions.servername = name;
    if (options.extraCa?.length) requestOptions.secureContext = secureContextFor(options.extraCa);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const fail = (kind: HttpFailureKind, code: string, problem: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      request.destroy();
      reject(new HttpRequestError({ kind, code, what, where, problem, answered, cause }));
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      const { kind, problem } = classify(error, answered);
      fail(kind, error.code ?? error.name, problem, error);
    };
    const request = (secure ? https : http).request(requestOptions, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (): void => {
        if (settled) return;
        settled = true;
        cleanup();
        const bytes = Buffer.concat(chunks);
        const status = response.statusCode ?? 0;
        resolve({
          status,
          statusText: response.statusMessage ?? '',
          ok: status >= 200 && status < 300,
          headers: response.headers,
          trailers: response.trailers,
          body: bytes,
          truncated,
          url,
          header: (header) => {
            const value = response.headers[header.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          text: () => bytes.toString('utf8'),
          json: <T>(): T => {
            try {
              return JSON.parse(bytes.toString('utf8')) as T;
            } catch {
              throw new HttpRequestError({ kind: 'other', code: 'EBADJSON', what, where, problem: `answered HTTP ${status} with a body that is not JSON`, answered: true });
            }
          },
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size <= maxBody) {
          chunks.push(chunk);
          return;
        }
        if (options.overflow === 'truncate') {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - maxBody)));
          done();
          response.destroy();
          return;
        }
        fail('too-large', 'ETOOLARGE', `answered with more than ${maxBody} bytes`);
      });
      response.on('end', done);
      response.on('error', onError);
      // A body cut short by the server ends in 'aborted'/'close' without 'end' on some versions.
      response.on('close', () => { if (!settled && !response.complete) onError(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' })); });
    });
    const timer = setTimeout(() => {
      fail('timeout', 'ETIMEDOUT', `no complete answer within ${options.timeoutMs} ms`);
    }, Math.max(0, deadline - Date.now()));
    const onAbort = (): void => fail('aborted', 'ABORT_ERR', 'cancelled');
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    request.on('error', onError);
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(payload);
  });
}

function classify(error: NodeJS.ErrnoException, answered: boolean): { kind: HttpFailureKind; problem: string } {
  const code = error.code ?? error.name;
  if (code === 'ECONNREFUSED') return { kind: 'refused', problem: 'connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', problem: `name not found (${code})` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return { kind: 'reset', problem: answered ? 'the connection closed in the middle of the answer' : 'the connection closed before any answer' };
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return { kind: 'tls', problem: `TLS verification failed (${code}: ${error.message})` };
  if (code === 'ETIMEDOUT') return { kind: 'timeout', problem: error.message };
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return { kind: 'other', problem: `answered with something that is not HTTP (${code})` };
  return { kind: 'other', problem: `${code}: ${error.message}` };
}

const contexts = new Map<string, tls.SecureContext>();
/** One TLS context per CA list: building it parses every root, too slow to repeat per request. */
export function secureContextFor(extraCa: string[]): tls.SecureContext {
  const key = extraCa.join('\n');
  let context = contexts.get(key);
  if (!context) {
    // Passing `ca` alone would replace Node's roots; keep them so a public certificate still verifies.
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] });
    contexts.set(key, context);
  }
  return context;
}
