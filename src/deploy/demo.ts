import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../cli/run-flow.js';
import type { Logger } from '../core/log.js';
import { renderText } from '../core/summary.js';
import { Inputs, mapInputSource } from '../core/config/inputs.js';
import { openSshSession, parseSshInputs } from '../ssh/index.js';
import { deployFlow } from './flow.js';

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
  /** Sandbox host h1: address, port, base dir owned by the SSH user. */
  host: { address: string; port: number; baseDir: string };
  user: string;
  privateKeyPath: string;
  knownHostsPath: string;
  /** Port the app listens on (host networking). */
  port?: number;
  /** Pull the image on the host (true when it comes from a registry). */
  pull?: boolean;
}

/**
 * The demo: deploy the example app to a host with `compose`, then the same app
 * as an atomic `release` (its static files, served from `current`). The app dir
 * must exist on the host and be writable by the SSH user.
 */
export async function demoDeploy(log: Logger, options: DemoDeployOptions): Promise<void> {
  const port = options.port ?? 18080;
  const ssh = {
    host: `${options.host.address}:${options.host.port}`, user: options.user,
    'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath,
  };
  const appDir = `${options.host.baseDir}/demo-app`;
  // Set the host up the way its owner would: over SSH, as the deploy user.
  const context = localContext(log);
  const [target] = parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
  if (!target) throw new Error('no demo host');
  const session = await openSshSession(target, context.runner, log);
  try {
    await session.exec(['mkdir', '-p', `${appDir}/release`]);
    await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/docker-compose.yml`], { stdin: EXAMPLE_COMPOSE_FILE });
    await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/.env`], { stdin: `PORT=${port}\n` });
  } finally {
    await session.close();
  }
  const compose = await runFlow(deployFlow, {
    ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image: options.image, version: options.version,
    'compose-project': 'slipway-demo', 'env-file': '.env', pull: String(options.pull ?? false),
    'health-url': `http://127.0.0.1:${port}/api/health`, 'health-expect': '"version":"{version}"',
  }, localContext(log));
  log.info(renderText(deployFlow.summary(compose.result)));
  if (compose.failure) throw new Error(compose.failure);

  const artifact = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-demo-release-'));
  fs.mkdirSync(path.join(artifact, 'api'));
  fs.writeFileSync(path.join(artifact, 'api', 'health'), JSON.stringify({ ok: true, version: options.version }));
  const release = await runFlow(deployFlow, {
    ...ssh, strategy: 'release', 'app-dir': `${appDir}/release`, version: options.version, artifact, 'keep-releases': '3',
  }, localContext(log));
  fs.rmSync(artifact, { recursive: true, force: true });
  log.info(renderText(deployFlow.summary(release.result)));
  if (release.failure) throw new Error(release.failure);
}
