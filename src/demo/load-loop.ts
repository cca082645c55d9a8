import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  /** A loopback URL (through the proxy). */
  url: string;
  /** Stops after this many requests… */
  maxRequests: number;
  /** …or this long, whichever comes first. */
  maxMs: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Pause between a worker's requests. */
  pauseMs?: number;
}

export interface LoadSample {
  /** ms since the loop started. */
  at: number;
  latencyMs: number;
  ok: boolean;
  status?: number;
  version?: string;
  error?: string;
}

export interface LoadResult {
  requests: number;
  failed: number;
  samples: LoadSample[];
  /** First few failures, for messages. */
  failures: string[];
  versions: Record<string, number>;
}

/** One request with a fresh connection (keep-alive off), so every request goes through the proxy's current choice. */
export function getOnce(url: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/**
 * A bounded load loop over loopback: a fixed count AND a time limit, started
 * with `start()`, stopped early with `stop()`. A request fails on a network
 * error, a non-2xx status or a body without a version.
 */
export function startLoad(options: LoadOptions): { stop(): void; done: Promise<LoadResult> } {
  if (!/^http:\/\/(127\.|localhost[:/])/.test(options.url)) throw new Error(`load loop: loopback URLs only (found ${options.url})`);
  const started = performance.now();
  const result: LoadResult = { requests: 0, failed: 0, samples: [], failures: [], versions: {} };
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && result.requests < options.maxRequests && performance.now() - started < options.maxMs) {
      result.requests += 1;
      const at = performance.now();
      const sample: LoadSample = { at: at - started, latencyMs: 0, ok: false };
      try {
        const response = await getOnce(options.url);
        sample.status = response.status;
        sample.version = /"version"\s*:\s*"([^"]*)"/.exec(response.body)?.[1];
        sample.ok = response.status >= 200 && response.status < 300 && sample.version !== undefined;
        if (!sample.ok) sample.error = `HTTP ${response.status} ${response.body.slice(0, 80).trim()}`;
      } catch (error) {
        sample.error = (error as Error).message;
      }
      sample.latencyMs = performance.now() - at;
      result.samples.push(sample);
      if (sample.ok && sample.version) result.versions[sample.version] = (result.versions[sample.version] ?? 0) + 1;
      if (!sample.ok) {
        result.failed += 1;
        if (result.failures.length < 5) result.failures.push(`${Math.round(sample.at)} ms: ${sample.error ?? 'failed'}`);
      }
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker)).then(() => result);
  return { stop: () => { stopped = true; }, done };
}

/** The p-th percentile (0-100) of latencies, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
