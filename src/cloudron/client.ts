import { SlipwayError } from '../core/errors.js';
import { httpRequest, HttpRequestError, type HttpResponse } from '../core/http/request.js';
import { backoffDelay, sleep, type RetryPolicy } from '../core/runner/retry.js';
import type { ConnectTarget } from '../smoke/index.js';

/**
 * A JSON client for Cloudron's REST API (docs.cloudron.io/api), over the core
 * HTTP client rather than fetch (Node 20's fetch has stalled on these runners). The token
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
  constructor(private readonly endpoint: CloudronEndpoint) {}

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

  private async once<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const { origin } = this.endpoint;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const where = `${method} /api/v1${path}`;
    let response: HttpResponse;
    try {
      response = await httpRequest(new URL(`/api/v1${path}`, origin), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.endpoint.token}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
        body: payload,
        timeoutMs: this.endpoint.requestTimeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
        extraCa: this.endpoint.ca,
        connect: this.endpoint.connect ? { host: this.endpoint.connect.host, port: this.endpoint.connect.port } : undefined,
      });
    } catch (error) {
      if (!(error instanceof HttpRequestError)) throw error;
      if (error.kind === 'too-large') throw new SlipwayError(`Cloudron at ${origin.origin} answered ${where} with more than ${MAX_BODY_BYTES} bytes`);
      const cause: NodeJS.ErrnoException = error.kind === 'timeout' || !(error.cause instanceof Error)
        ? Object.assign(new Error(error.kind === 'timeout' ? `no answer within ${this.endpoint.requestTimeoutMs} ms` : error.message), { code: error.code })
        : error.cause;
      throw networkError(cause, where, origin.origin);
    }
    const { status } = response;
    const text = response.text();
    let parsed: unknown;
    try { parsed = text ? JSON.parse(text) : {}; } catch { parsed = undefined; }
    if (status < 200 || status >= 300) throw apiError(status, method, `/api/v1${path}`, parsed, text);
    if (parsed === undefined) {
      throw new SlipwayError(`Cloudron at ${origin.origin} answered ${where} with HTTP ${status} but no JSON`,
        { fix: 'Check cloudron-origin is the dashboard origin (https://my.<domain>), not an app\'s URL' });
    }
    const dateHeader = response.header('date');
    const date = dateHeader ? new Date(dateHeader) : undefined;
    return { status, body: parsed as T, serverTime: date && !Number.isNaN(date.getTime()) ? date : undefined };
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
