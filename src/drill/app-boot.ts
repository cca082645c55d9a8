import net from 'node:net';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { redact } from '../core/secrets.js';
import { oneLineCheck, runSmokeChecks } from '../smoke/index.js';
import { dockerLogs, dockerRemove, dockerRunApp, dockerState, parseContainerState } from './commands.js';
import type { CheckResult } from './report.js';
import { DRILL_LABEL, type ScratchPlace } from './scratch.js';
import type { AppBootSettings } from './settings.js';

/** How long one readiness slice runs before the container's state is read again. */
const READINESS_SLICE_MS = 1_000;

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
  // The smoke-test link's readiness wait, in short slices: between them the
  // container's state is read, so an app that exits stops the wait at once.
  const check = { ...oneLineCheck(url, 'app-health-path', { expectStatus: { codes: [app.expectStatus], classes: [] } }), name: 'app health' };
  const bootedAt = Date.now();
  const endsAt = bootedAt + app.timeoutMs;
  // A failed slice is not yet a failure: its line goes to debug, the verdict is logged once below.
  // Each slice is a new readiness wait that counts from attempt 1, so its "not ready yet" line is
  // logged only when the reason changes, with the time since start instead of the slice's count.
  let lastNotReady: string | undefined;
  const quiet: Logger = {
    info: (message) => {
      const notReady = /^(.*): not ready yet \(attempt \d+\): ([\s\S]*)$/.exec(message);
      if (!notReady) return log.info(message);
      if (notReady[2] === lastNotReady) return log.debug(message);
      lastNotReady = notReady[2];
      log.info(`${notReady[1]}: not ready yet (${((Date.now() - bootedAt) / 1000).toFixed(1)} s after start): ${notReady[2]}`);
    },
    warn: (message, where) => log.warn(message, where), debug: (message) => log.debug(message),
    error: (message) => log.debug(message), group: (title, body) => log.group(title, body),
  };
  let reason: string | undefined;
  let state: ReturnType<typeof parseContainerState>;
  for (;;) {
    const slice = Math.max(1, Math.min(READINESS_SLICE_MS, endsAt - Date.now()));
    const smoke = await runSmokeChecks([check], { timeoutMs: slice, consecutivePasses: 1 }, quiet);
    if (smoke.passed) return { check: { name: checkName, passed: true, detail: `HTTP ${smoke.checks[0]?.status} from ${url}` }, healthyAt: Date.now() };
    reason = smoke.checks[0]?.reason ?? reason;
    state = parseContainerState((await runner.run(dockerState(name), { allowFailure: true })).stdout);
    if (!state.running || Date.now() >= endsAt) break;
  }
  const seconds = Math.round((Date.now() - bootedAt) / 100) / 10;
  const ended = state.running ? `; still not healthy after app-timeout ${Math.round(app.timeoutMs / 100) / 10} s` : `; the app exited${state.exitCode === undefined ? '' : ` with code ${state.exitCode}`} after ${seconds} s`;
  const logs = await runner.run(dockerLogs(name), { allowFailure: true });
  const tail = redact(`${logs.stdout}${logs.stderr}`).trim().split('\n').slice(-5).join(' | ');
  log.error(`✗ app health: ${reason ?? 'no answer'}${ended}`);
  return { check: { name: checkName, passed: false, detail: `expected HTTP ${app.expectStatus} from ${url}, last: ${reason ?? 'no answer'}${ended}${tail ? `; app log: ${tail}` : ''}` } };
}
