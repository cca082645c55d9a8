import http from 'node:http';
import net from 'node:net';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { sleep } from '../core/runner/retry.js';
import { dockerLogs, dockerRemove, dockerRunApp } from './commands.js';
import type { CheckResult } from './report.js';
import { DRILL_LABEL, type ScratchPlace } from './scratch.js';
import type { AppBootSettings } from './settings.js';

/** A port nobody listens on right now: the kernel picks one, we check it is bindable on loopback. */
export async function chooseFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && (await isPortFree(port))) return port;
  }
  throw new Error('no free port found on 127.0.0.1');
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(true));
  });
}

export interface HealthResult {
  healthy: boolean;
  status?: number;
  detail: string;
  attempts: number;
}

/** A plain GET, retried until the status matches or the deadline passes. */
export async function waitForHealthy(url: string, expectStatus: number, timeoutMs: number, stillRunning?: () => Promise<boolean>): Promise<HealthResult> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let last: string;
  let status: number | undefined;
  for (;;) {
    attempts += 1;
    try {
      status = await httpGetStatus(url, Math.min(5000, Math.max(500, deadline - Date.now())));
      if (status === expectStatus) return { healthy: true, status, detail: `HTTP ${status} from ${url}`, attempts };
      last = `HTTP ${status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) break;
    // An app that exited will never answer: stop waiting for it.
    if (stillRunning && !(await stillRunning())) { last = `${last}; the app exited`; break; }
    await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
  }
  return { healthy: false, status, detail: `expected HTTP ${expectStatus} from ${url}, last: ${last} after ${attempts} attempt(s)`, attempts };
}

function httpGetStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/**
 * Boots the app image on the restored data, waits for its health endpoint, and
 * registers its removal with the scratch place. Returns the check and when the
 * app first answered healthy.
 */
export async function bootApp(
  app: AppBootSettings,
  dataDir: string,
  scratch: ScratchPlace,
  runner: Runner,
  log: Logger,
): Promise<{ check: CheckResult; healthyAt?: number }> {
  const port = await chooseFreePort();
  const name = scratch.name('app');
  const checkName = 'app boots on the restored data';
  scratch.onCleanup(`container ${name}`, async () => { await runner.run(dockerRemove(name), { allowFailure: true }); });
  const started = await runner.run(
    dockerRunApp({ name, image: app.image, port, portEnv: app.portEnv, dataDir, dataMount: app.dataMount, env: app.env, args: app.args, label: `${DRILL_LABEL}=${scratch.id}` }),
    { allowFailure: true, timeoutMs: 120_000 },
  );
  if (started.exitCode !== 0) return { check: { name: checkName, passed: false, detail: `docker run failed: ${started.stderr.trim().split('\n').slice(-3).join(' ')}` } };
  const url = `http://127.0.0.1:${port}${app.healthPath}`;
  log.info(`App ${app.image} started as ${name} on port ${port}; waiting for ${url}`);
  const running = async (): Promise<boolean> => {
    const inspect = await runner.run({ file: 'docker', args: ['inspect', '--format', '{{.State.Running}}', name] }, { allowFailure: true });
    return inspect.stdout.trim() === 'true';
  };
  const health = await waitForHealthy(url, app.expectStatus, app.timeoutMs, running);
  if (health.healthy) return { check: { name: checkName, passed: true, detail: health.detail }, healthyAt: Date.now() };
  const logs = await runner.run(dockerLogs(name), { allowFailure: true });
  const tail = `${logs.stdout}${logs.stderr}`.trim().split('\n').slice(-5).join(' | ');
  return { check: { name: checkName, passed: false, detail: `${health.detail}${tail ? `; app log: ${tail}` : ''}` } };
}
