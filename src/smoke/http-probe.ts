import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { httpRequest, HttpRequestError } from '../core/http/request.js';
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

/** One request, through the core HTTP client so TLS, CA bundles, SNI and the dialled address are ours to set. */
export async function probe(check: SmokeCheck, transport: ProbeTransport): Promise<ProbeResult> {
  const url = new URL(check.url);
  const secure = url.protocol === 'https:';
  const dial = resolveDialTarget(url, check, transport.connect);
  const dialled = describeDialTarget(dial);
  const headers: Record<string, string> = { host: url.host, 'user-agent': 'slipway-smoke', accept: 'application/health+json, application/json;q=0.9, */*;q=0.8', ...check.headers };
  const started = performance.now();
  try {
    // A redirect is an answer to judge, not to follow; a body past the cap is cut and reported.
    const response = await httpRequest(url, {
      method: check.method,
      headers,
      body: check.body,
      timeoutMs: transport.requestTimeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
      overflow: 'truncate',
      extraCa: secure ? transport.extraCa : undefined,
      connect: { host: dial.host, port: dial.port },
      agent: transport.agents ? (secure ? transport.agents.https : transport.agents.http) : undefined,
    });
    return {
      ok: true,
      status: response.status,
      contentType: response.header('content-type') ?? '',
      body: response.text(),
      bodyTruncated: response.truncated,
      latencyMs: performance.now() - started,
    };
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error;
    const cause: NodeJS.ErrnoException = error.kind === 'timeout' || !(error.cause instanceof Error)
      ? Object.assign(new Error(error.kind === 'timeout' ? `no complete answer within ${transport.requestTimeoutMs} ms` : error.message), { code: error.code })
      : error.cause;
    // A tunnel accepts locally and then closes when the far end refuses: that is a refusal.
    if (dial.via && !error.answered && (cause.code === 'ECONNRESET' || cause.code === 'EPIPE')) cause.code = 'ECONNREFUSED';
    return classify(cause, performance.now() - started, dialled);
  }
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
