import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../core/run-flow.js';
import type { Logger } from '../core/log.js';
import type { Summary } from '../core/summary.js';
import { Inputs, mapInputSource } from '../core/config/inputs.js';
import { openSshSession, parseSshInputs } from '../ssh/index.js';
import type { DeployResult } from '../deploy/fleet.js';
import { deployFlow } from '../deploy/flow.js';

/** examples/compose/docker-compose.yml, inlined so the bundled CLI needs no file beside it. */
export const EXAMPLE_COMPOSE_FILE = `services:
  app:
    image: \${APP_IMAGE:-slipway/example-app:latest}
    network_mode: host
    restart: unless-stopped
    environment:
      PORT: \${PORT:-8080}
      BIND: 127.0.0.1
`;

export interface DemoDeployOptions {
  /** The example app image (already built, pulled from a registry the host can reach or present locally). */
  image: string;
  version: string;
  /** Sandbox host: address, port, base dir owned by the SSH user. */
  host: { address: string; port: number; baseDir: string };
  user: string;
  privateKeyPath: string;
  knownHostsPath: string;
  /** Port the compose app listens on (host networking). */
  port?: number;
  /** Port the release app listens on. */
  releasePort?: number;
  /** Pull the image on the host (true when it comes from a registry). */
  pull?: boolean;
  /** The example app's source (examples/app): its www/ becomes the release artifact. */
  appDir: string;
}

export interface DemoDeployReport {
  compose: DeployResult;
  release: DeployResult;
  /** One line for the demo's table. */
  detail: string;
  summary: Summary;
}

/**
 * The release's restart command: stops the previous release's server (its pid
 * in app-dir, checked to be a busybox httpd) and serves `current` with busybox
 * httpd, the server the example app's image runs. busybox httpd enters its
 * document root once, so a new release needs this restart to be served.
 */
export const RELEASE_SERVE_SCRIPT = `#!/bin/sh
set -eu
app="$1"; port="$2"; pidfile="$app/httpd.pid"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = busybox ]; then kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; fi
fi
nohup busybox httpd -f -p "127.0.0.1:$port" -h "$app/current/www" </dev/null >/dev/null 2>&1 &
echo $! >"$pidfile"
`;

/** The example app as a release artifact: its static files plus the health documents its start.sh would write. */
export function writeReleaseArtifact(dir: string, appDir: string, version: string): void {
  fs.cpSync(path.join(appDir, 'www'), path.join(dir, 'www'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'www', 'api'), { recursive: true });
  const health = `${JSON.stringify({ ok: true, status: 'pass', version })}\n`;
  fs.writeFileSync(path.join(dir, 'www', 'api', 'health'), health);
  fs.writeFileSync(path.join(dir, 'www', 'healthz'), health);
  fs.writeFileSync(path.join(dir, 'serve.sh'), RELEASE_SERVE_SCRIPT, { mode: 0o755 });
}

/**
 * The demo: deploy the example app to a host with `compose`, then the same app
 * as an atomic `release` (its static files served by busybox httpd from
 * `current`, restarted by the release and health-checked on its own port).
 * The host's base dir must be writable by the SSH user.
 */
export async function demoDeploy(log: Logger, options: DemoDeployOptions): Promise<DemoDeployReport> {
  const port = options.port ?? 18080;
  const releasePort = options.releasePort ?? 18081;
  const ssh = {
    host: `${options.host.address}:${options.host.port}`, user: options.user,
    'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath,
  };
  const appDir = `${options.host.baseDir}/demo-app`;
  const releaseDir = `${appDir}/release`;
  // Set the host up the way its owner would: over SSH, as the deploy user.
  await prepareComposeHost(log, ssh, appDir, port, releaseDir);
  const context = localContext(log);
  const compose = await runFlow(deployFlow, {
    ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image: options.image, version: options.version,
    'compose-project': 'slipway-demo', 'env-file': '.env', pull: String(options.pull ?? false),
    'health-url': `http://127.0.0.1:${port}/api/health`, 'health-expect': '"version":"{version}"',
  }, context);
  const summary = deployFlow.summary(compose.result);
  if (compose.failure) throw new Error(`compose: ${compose.failure}`);

  const artifact = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-demo-release-'));
  writeReleaseArtifact(artifact, options.appDir, options.version);
  const release = await runFlow(deployFlow, {
    ...ssh, strategy: 'release', 'app-dir': releaseDir, version: options.version, artifact, 'keep-releases': '3',
    // The sudo rule is checked with sudo -n before the switch; then the app is (re)started from current.
    restart: `sudo -n /usr/local/bin/slipway-sandbox-restart demo-app\nsh ${releaseDir}/current/serve.sh ${releaseDir} ${releasePort}`,
    'health-url': `http://127.0.0.1:${releasePort}/api/health`, 'health-expect': '"version":"{version}"',
  }, context).finally(() => fs.rmSync(artifact, { recursive: true, force: true }));
  summary.append(deployFlow.summary(release.result));
  if (release.failure) throw new Error(`release: ${release.failure}`);
  const [composeHost] = compose.result.hosts;
  const [releaseHost] = release.result.hosts;
  return {
    compose: compose.result,
    release: release.result,
    detail: `compose: ${options.version} on :${port} (was ${composeHost?.previous || 'nothing'}); `
      + `release: ${options.version} served from releases/ on :${releasePort} (was ${releaseHost?.previous || 'nothing'}), both health-checked`,
    summary,
  };
}

/**
 * The host's owner sets up app-dir once, over SSH as the deploy user: the compose file and its
 * `.env` (PORT); Slipway never writes them. `makeDir` (default app-dir) is created first.
 */
export async function prepareComposeHost(log: Logger, ssh: Record<string, string>, appDir: string, port: number, makeDir = appDir): Promise<void> {
  const [target] = parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
  if (!target) throw new Error('no demo host');
  const session = await openSshSession(target, localContext(log).runner, log);
  try {
    await session.exec(['mkdir', '-p', makeDir]);
    await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/docker-compose.yml`], { stdin: EXAMPLE_COMPOSE_FILE });
    await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/.env`], { stdin: `PORT=${port}\n` });
  } finally {
    await session.close();
  }
}
