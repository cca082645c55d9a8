import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { noCache } from '../../../src/core/cache.js';
import type { FlowContext } from '../../../src/core/context.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { pushImage, type PushSettings } from '../../../src/image/push-flow.js';

// The push flow's retry decisions against a fake registry endpoint (loopback HTTP, for the
// /v2/ probe) and a fake `docker` first on PATH that answers each login/push from a script.
const DIGEST = `sha256:${'b'.repeat(64)}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-push-'));
const bin = path.join(work, 'bin');
const script = path.join(work, 'script');

const FAKE_DOCKER = `#!/bin/sh
# Answers "docker <command>" with script/<command>-<n>.sh (n counts calls), else script/<command>-default.sh.
command="$1"
n=$(( $(cat "$FAKE_DOCKER_SCRIPT/$command.count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$FAKE_DOCKER_SCRIPT/$command.count"
reply="$FAKE_DOCKER_SCRIPT/$command-$n.sh"
[ -f "$reply" ] || reply="$FAKE_DOCKER_SCRIPT/$command-default.sh"
[ -f "$reply" ] && . "$reply"
exit 0
`;

const PUSHED = `echo "5f70bf18a086: Pushed"; echo "1: digest: ${DIGEST} size: 528"; exit 0`;
const replies = {
  badGateway: 'echo "received unexpected HTTP status: 502 Bad Gateway" >&2; exit 1',
  unavailable: 'echo "error parsing HTTP 503 response body: Service Unavailable" >&2; exit 1',
  tooMany: 'echo "toomanyrequests: too many requests, please retry later" >&2; exit 1',
  unauthorized: 'echo "unauthorized: authentication required" >&2; exit 1',
  forbidden: 'echo "denied: requested access to the resource is denied (403 Forbidden)" >&2; exit 1',
};

/** Writes the replies for one command in order; the last one repeats. */
function scriptDocker(command: 'push' | 'login', sequence: string[]): void {
  sequence.forEach((reply, index) => fs.writeFileSync(path.join(script, `${command}-${index + 1}.sh`), reply));
  fs.writeFileSync(path.join(script, `${command}-default.sh`), sequence[sequence.length - 1] ?? '');
}
const calls = (command: string): number => Number(fs.existsSync(path.join(script, `${command}.count`)) ? fs.readFileSync(path.join(script, `${command}.count`), 'utf8') : 0);

/** The registry's /v2/ endpoint: answers from a queue of statuses, then 200. */
let statuses: Array<{ status: number; retryAfter?: string }> = [];
let authedStatus = 200;
let requests: string[] = [];
const server = http.createServer((request, response) => {
  requests.push(request.headers.authorization ? 'authed' : 'anonymous');
  if (request.headers.authorization) {
    response.writeHead(authedStatus).end();
    return;
  }
  const next = statuses.shift() ?? { status: 200 };
  const headers: Record<string, string> = next.retryAfter ? { 'retry-after': next.retryAfter } : {};
  if (next.status === 401) headers['www-authenticate'] = 'Basic realm="fake"';
  response.writeHead(next.status, headers).end();
});
let registry = '';

const savedPath = process.env.PATH;
beforeAll(async () => {
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'docker'), FAKE_DOCKER, { mode: 0o755 });
  process.env.PATH = `${bin}:${savedPath}`;
  process.env.FAKE_DOCKER_SCRIPT = script;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_DOCKER_SCRIPT;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  fs.rmSync(script, { recursive: true, force: true });
  fs.mkdirSync(script, { recursive: true });
  scriptDocker('push', [PUSHED]);
  statuses = [];
  authedStatus = 200;
  requests = [];
});

function settings(overrides: Partial<PushSettings> = {}): PushSettings {
  return {
    tags: [`${registry}/it/app:1.0.0`], registry, repository: 'it/app', verifyAnonymousPull: false,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 20, deadlineMs: 60_000 }, maxRateLimitWaitMs: 300, ...overrides,
  };
}
function context(log = new MemoryLogger()): FlowContext {
  return {
    runner: new ProcessRunner(log), log, cache: noCache, env: { RUNNER_TEMP: work }, workDir: work,
    platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false },
  };
}
const credentials = { username: 'ci', password: 'fake-registry-password' };

describe('push-image retries what is transient and nothing else', () => {
  it('retries a push on 5xx answers with backoff, then succeeds', async () => {
    scriptDocker('push', [replies.badGateway, replies.unavailable, PUSHED]);
    const log = new MemoryLogger();
    const result = await pushImage(settings(), context(log));
    expect(result.digest).toBe(DIGEST);
    expect(calls('push')).toBe(3);
    expect(log.text()).toMatch(/failed \(attempt 1\/4\); retrying[\s\S]*failed \(attempt 2\/4\); retrying/);
  });

  it('gives up on 5xx after the configured attempts', async () => {
    scriptDocker('push', [replies.badGateway]);
    await expect(pushImage(settings({ retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } }), context())).rejects.toThrow(/docker push .* exited with code 1:\n.*502 Bad Gateway/);
    expect(calls('push')).toBe(2);
  });

  it('waits out a 429 within input rate-limit-wait, then succeeds', async () => {
    scriptDocker('push', [replies.tooMany, PUSHED]);
    const started = Date.now();
    const result = await pushImage(settings({ maxRateLimitWaitMs: 300 }), context());
    expect(result.digest).toBe(DIGEST);
    expect(calls('push')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a 429 wait is bounded by rate-limit-wait alone: it is not one of the retries, nor time against their deadline', async () => {
    scriptDocker('push', [replies.tooMany, PUSHED]);
    const result = await pushImage(settings({ retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20, deadlineMs: 100 }, maxRateLimitWaitMs: 300 }), context());
    expect(result.digest).toBe(DIGEST);
    expect(calls('push')).toBe(2);
  });

  it('stops waiting once 429s have used up rate-limit-wait in all, and says so', async () => {
    scriptDocker('push', [replies.tooMany]);
    const started = Date.now();
    await expect(pushImage(settings({ maxRateLimitWaitMs: 300 }), context())).rejects.toThrow(/kept answering 429 .*past input 'rate-limit-wait'/s);
    // One wait of the whole 300 ms bound, then no more: not a 300 ms wait per attempt.
    expect(calls('push')).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['401 from docker push', replies.unauthorized],
    ['403 from docker push', replies.forbidden],
  ])('never retries a %s, and names the credentials', async (_name, reply) => {
    scriptDocker('push', [reply, PUSHED]);
    await expect(pushImage(settings(), context())).rejects.toThrow(/refused anonymous access \(401\/403\)/);
    expect(calls('push')).toBe(1);
  });

  it('never retries a refused docker login, and keeps the password out of the error', async () => {
    statuses = [{ status: 401 }];
    scriptDocker('login', [replies.unauthorized, 'exit 0']);
    const failing = pushImage(settings(credentials), context());
    await expect(failing).rejects.toThrow(/Registry 127\.0\.0\.1:\d+ refused user 'ci' \(401\/403\)/);
    await failing.catch((error: Error) => expect(error.message).not.toContain(credentials.password));
    expect(calls('login')).toBe(1);
    expect(calls('push')).toBe(0);
  });

  it('the registry probe retries 5xx, waits out a 429 with Retry-After, and never retries 401/403', async () => {
    statuses = [{ status: 503 }, { status: 502 }];
    expect((await pushImage(settings(), context())).digest).toBe(DIGEST);
    expect(requests).toEqual(['anonymous', 'anonymous', 'anonymous']);

    requests = [];
    statuses = [{ status: 429, retryAfter: '1' }];
    const started = Date.now();
    expect((await pushImage(settings({ maxRateLimitWaitMs: 5000 }), context())).digest).toBe(DIGEST);
    expect(requests).toEqual(['anonymous', 'anonymous']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    requests = [];
    statuses = [{ status: 429, retryAfter: '60' }];
    await expect(pushImage(settings({ maxRateLimitWaitMs: 5000 }), context())).rejects.toThrow(/rate-limiting this runner \(429\) beyond the allowed wait/);
    expect(requests).toEqual(['anonymous']);

    for (const status of [401, 403]) {
      requests = [];
      statuses = [{ status: 401 }];
      authedStatus = status;
      fs.rmSync(path.join(script, 'push.count'), { force: true });
      await expect(pushImage(settings(credentials), context())).rejects.toThrow(/refused user 'ci' \(401\/403\)/);
      expect(requests).toEqual(['anonymous', 'authed']);
      expect(calls('push')).toBe(0);
    }
  });
});
