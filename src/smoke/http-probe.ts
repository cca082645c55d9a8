import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { ConnectTarget, SmokeCheck } from './check.js';

/** Bodies beyond this are cut: a health check that answers megabytes is itself a finding. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How requests reach the app; shared by every request of a run. */
export interface ProbeTransport {
  requestTimeoutMs: number;
  /** PEM certificates trusted in addition to the system's roots. */
  extraCa?: string[];
  /** Dial this instead of the URL's host (a forwarded port); beats the check's own connect-to. */
  connect?: ConnectOverride;
  /** Keep-alive agents for the soak; readiness attempts dial fresh, as a new visitor would. */
  agents?: { http: http.Agent; https: https.Agent };
}

/** A fixed address, or a mapping from the address that would be dialled (e.g. to a forwarded port). */
export type ConnectOverride = ConnectTarget | ((intended: { host: string; port: number }) => ConnectTarget | undefined);

export interface ProbeResponse {
  ok: true;
  status: number;
  contentType: string;
  body: string;
  bodyTruncated: boolean;
  latencyMs: number;
}

export type ProbeFailureKind = 'refused' | 'timeout' | 'tls' | 'dns' | 'reset' | 'other';

export interface ProbeFailure {
  ok: false;
  kind: ProbeFailureKind;
  code: string;
  message: string;
  latencyMs: number;
  /** Where the request was dialled, for "connection refused on 127.0.0.1:8080". */
  dialled: string;
}

export type ProbeResult = ProbeResponse | ProbeFailure;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_UNTRUSTED',
]);

export interface DialTarget {
  host: string;
  port: number;
  /** What the check means to reach, when a tunnel's end is dialled instead. */
  intended?: { host: string; port: number };
  /** How the tunnel gets there, e.g. `through SSH to deploy@app:22`. */
  via?: string;
}

export function resolveDialTarget(url: URL, check: Pick<SmokeCheck, 'connectTo'>, override?: ConnectOverride): DialTarget {
  const urlHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const intended = { host: check.connectTo?.host ?? urlHost, port: check.connectTo?.port ?? urlPort };
  const target = typeof override === 'function' ? override(intended) : override;
  if (target?.via) return { host: target.host, port: target.port ?? intended.port, intended, via: target.via };
  return { host: target?.host ?? intended.host, port: target?.port ?? intended.port };
}

/** `127.0.0.1:8000`, or `127.0.0.1:8000 (through SSH to deploy@app:22)` for a tunnel. */
export function describeDialTarget(dial: DialTarget): string {
  const address = (host: string, port: number): string => (net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`);
  return dial.intended && dial.via ? `${address(dial.intended.host, dial.intended.port)} (${dial.via})` : address(dial.host, dial.port);
}

/** One request, through node:http(s) so TLS, CA bundles, SNI and the dialled address are ours to set. */
export function probe(check: SmokeCheck, transport: ProbeTransport): Promise<ProbeResult> {
  const url = new URL(check.url);
  const secure = url.protocol === 'https:';
  const dial = resolveDialTarget(url, check, transport.connect);
  const dialled = describeDialTarget(dial);
  const nameOnCertificate = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const headers: Record<string, string> = { host: url.host, 'user-agent': 'slipway-smoke', accept: 'application/health+json, application/json;q=0.9, */*;q=0.8', ...check.headers };
  if (check.body !== undefined) headers['content-length'] = String(Buffer.byteLength(check.body));
  const options: https.RequestOptions & { secureContext?: tls.SecureContext } = {
    host: dial.host,
    port: dial.port,
    method: check.method,
    path: `${url.pathname}${url.search}`,
    headers,
    agent: transport.agents ? (secure ? transport.agents.https : transport.agents.http) : false,
  };
  if (secure) {
    // SNI and the certificate check use the URL's name even when another address is dialled.
    if (!net.isIP(nameOnCertificate)) options.servername = nameOnCertificate;
    if (transport.extraCa?.length) options.secureContext = secureContextFor(transport.extraCa);
  }
  const started = performance.now();
  return new Promise<ProbeResult>((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const failed = (error: NodeJS.ErrnoException): void => {
      // A tunnel accepts locally and then closes when the far end refuses: that is a refusal.
      if (dial.via && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) error.code = 'ECONNREFUSED';
      finish(classify(error, performance.now() - started, dialled));
    };
    let answered = false;
    const request = (secure ? https : http).request(options, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - MAX_BODY_BYTES)));
          response.destroy();
          done();
        } else {
          chunks.push(chunk);
        }
      });
      const done = (): void => finish({
        ok: true,
        status: response.statusCode ?? 0,
        contentType: String(response.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        bodyTruncated: truncated,
        latencyMs: performance.now() - started,
      });
      response.on('end', done);
      response.on('error', failed);
    });
    const timer = setTimeout(() => {
      const error: NodeJS.ErrnoException = new Error(`no complete answer within ${transport.requestTimeoutMs} ms`);
      error.code = 'ETIMEDOUT';
      request.destroy(error);
    }, transport.requestTimeoutMs);
    request.on('error', failed);
    request.end(check.body);
  });
}

const contexts = new WeakMap<string[], tls.SecureContext>();
/** One TLS context per CA list: building it parses every root, too slow to repeat per request. */
function secureContextFor(extraCa: string[]): tls.SecureContext {
  let context = contexts.get(extraCa);
  if (!context) {
    // Passing `ca` replaces Node's roots; keep them so a public name still verifies.
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] });
    contexts.set(extraCa, context);
  }
  return context;
}

export function classify(error: NodeJS.ErrnoException, latencyMs: number, dialled: string): ProbeFailure {
  const code = error.code ?? error.name;
  const base = { ok: false as const, code, latencyMs, dialled };
  if (code === 'ECONNREFUSED') return { ...base, kind: 'refused', message: `connection refused on ${dialled}` };
  if (code === 'ETIMEDOUT') return { ...base, kind: 'timeout', message: error.message };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ...base, kind: 'dns', message: `name not found (${error.message.replace(/^getaddrinfo \w+ /, '')})` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return { ...base, kind: 'reset', message: `connection closed by ${dialled} before a complete answer` };
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return { ...base, kind: 'tls', message: `TLS verification failed (${code}: ${error.message})` };
  }
  return { ...base, kind: 'other', message: `${code}: ${error.message}` };
}
