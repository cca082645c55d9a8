import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { SlipwayError } from '../core/errors.js';
import { backoffDelay, sleep, type RetryPolicy } from '../core/runner/retry.js';
import type { ConnectTarget } from '../smoke/index.js';

/**
 * A JSON client for Cloudron's REST API (docs.cloudron.io/api), over node:https
 * rather than fetch (Node 20's fetch has stalled on these runners). The token
 * travels only in the `Authorization: Bearer` header: never in a URL, an argv,
 * a log line or an error (the API also accepts `?access_token=`, which would
 * put it in every proxy log, so it is never used).
 */
export interface CloudronEndpoint {
  /** `https://my.example.com` (the dashboard origin, which serves /api/v1). */
  origin: URL;
  token: string;
  /** PEM certificates trusted besides the system roots (a private CA). */
  ca?: string[];
  /** Dial this address instead of the origin's host; the TLS name stays the origin's. */
  connect?: ConnectTarget;
  requestTimeoutMs: number;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  /** The server's clock (the `Date` header), to compare with Cloudron's own timestamps. */
  serverTime?: Date;
}

/** Cloudron answered, but not with success: carries the status and Cloudron's own message (redacted, one line). */
export class CloudronApiError extends SlipwayError {
  readonly status: number;
  readonly cloudronMessage: string;
  constructor(args: { status: number; method: string; path: string; cloudronMessage: string; fix?: string }) {
    super(`Cloudron answered HTTP ${args.status} to ${args.method} ${args.path}${args.cloudronMessage ? `: ${args.cloudronMessage}` : ''}`, { fix: args.fix });
    this.name = 'CloudronApiError';
    this.status = args.status;
    this.cloudronMessage = args.cloudronMessage;
  }
}

/** No answer at all; `transient` when trying again could help (a reset or a timeout, not a certificate). */
export class CloudronNetworkError extends SlipwayError {
  constructor(message: string, readonly transient: boolean, fix?: string) {
    super(message, { fix });
    this.name = 'CloudronNetworkError';
  }
}

/** GETs survive a blip (a restarting box, a reset connection); changes are sent once. */
const READ_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 4000 };
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class CloudronClient {
  private readonly secureContext?: tls.SecureContext;
  constructor(private readonly endpoint: CloudronEndpoint) {
    // Passing `ca` alone would replace Node's roots; keep them so a public certificate still verifies.
    if (endpoint.ca?.length) this.secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...endpoint.ca] });
  }

  get origin(): string {
    return this.endpoint.origin.origin;
  }

  async get<T>(path: string): Promise<ApiResponse<T>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once<T>('GET', path);
      } catch (error) {
        const transient = error instanceof CloudronApiError ? error.status >= 500 : error instanceof CloudronNetworkError && error.transient;
        if (!transient || attempt >= READ_RETRY.attempts) throw error;
        await sleep(backoffDelay(READ_RETRY, attempt));
      }
    }
  }

  post<T>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.once<T>('POST', path, body);
  }

  private once<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const { origin } = this.endpoint;
    const secure = origin.protocol === 'https:';
    const port = Number(origin.port) || (secure ? 443 : 80);
    const dial = { host: this.endpoint.connect?.host ?? origin.hostname.replace(/^\[|\]$/g, ''), port: this.endpoint.connect?.port ?? port };
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.endpoint.token}`,
      host: origin.host,
      ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
    };
    const options: https.RequestOptions = { host: dial.host, port: dial.port, method, path: `/api/v1${path}`, headers, agent: false };
    const name = origin.hostname.replace(/^\[|\]$/g, '');
    if (secure) {
      if (!net.isIP(name)) options.servername = name;
      if (this.secureContext) (options as https.RequestOptions & { secureContext: tls.SecureContext }).secureContext = this.secureContext;
    }
    const where = `${method} /api/v1${path}`;
    return new Promise<ApiResponse<T>>((resolve, reject) => {
      const request = (secure ? https : http).request(options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            response.destroy();
            reject(new SlipwayError(`Cloudron at ${origin.origin} answered ${where} with more than ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => reject(networkError(error, where, origin.origin)));
        response.on('end', () => {
          clearTimeout(timer);
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try { parsed = text ? JSON.parse(text) : {}; } catch { parsed = undefined; }
          if (status < 200 || status >= 300) {
            reject(apiError(status, method, `/api/v1${path}`, parsed, text));
            return;
          }
          if (parsed === undefined) {
            reject(new SlipwayError(`Cloudron at ${origin.origin} answered ${where} with HTTP ${status} but no JSON`,
              { fix: 'Check cloudron-origin is the dashboard origin (https://my.<domain>), not an app\'s URL' }));
            return;
          }
          const date = response.headers.date ? new Date(response.headers.date) : undefined;
          resolve({ status, body: parsed as T, serverTime: date && !Number.isNaN(date.getTime()) ? date : undefined });
        });
      });
      const timer = setTimeout(() => {
        const error: NodeJS.ErrnoException = new Error(`no answer within ${this.endpoint.requestTimeoutMs} ms`);
        error.code = 'ETIMEDOUT';
        request.destroy(error);
      }, this.endpoint.requestTimeoutMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(networkError(error, where, origin.origin));
      });
      request.end(payload);
    });
  }
}

/** Cloudron's error bodies are `{ status, message }`; the message is outside text: one line, clipped, redacted by SlipwayError. */
export function cloudronMessageOf(parsed: unknown, text: string): string {
  const message = parsed && typeof parsed === 'object' && 'message' in parsed ? String((parsed as { message: unknown }).message) : text;
  // eslint-disable-next-line no-control-regex -- outside text must not carry control characters into the log
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function apiError(status: number, method: string, path: string, parsed: unknown, text: string): CloudronApiError {
  const cloudronMessage = cloudronMessageOf(parsed, text);
  if (status === 401) {
    return new CloudronApiError({
      status, method, path, cloudronMessage,
      fix: "The token is missing, wrong or expired: create one in the Cloudron dashboard (Profile → API Tokens) and pass it as input 'cloudron-token' from a secret",
    });
  }
  if (status === 403) {
    return new CloudronApiError({
      status, method, path, cloudronMessage,
      fix: 'The token may not do this: use a Read and Write token (not Readonly) of a Cloudron admin, or of an operator of this app',
    });
  }
  return new CloudronApiError({ status, method, path, cloudronMessage });
}

function networkError(error: NodeJS.ErrnoException, where: string, origin: string): SlipwayError {
  const code = error.code ?? error.name;
  const originFix = "Check input 'cloudron-origin' (the dashboard, https://my.<domain>)";
  if (code === 'ECONNREFUSED') return new CloudronNetworkError(`Cloudron at ${origin} refused the connection (${where})`, true, originFix);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CloudronNetworkError(`Cloudron at ${origin}: name not found (${where})`, code === 'EAI_AGAIN',
    originFix);
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO/.test(code)) {
    return new CloudronNetworkError(`Cloudron at ${origin}: TLS verification failed (${code}) on ${where}`, false,
      "Give the CA that signed the dashboard's certificate in input 'ca-cert'");
  }
  return new CloudronNetworkError(`Cloudron at ${origin}: ${code} on ${where} (${error.message})`,
    code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE');
}
