import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../core/run-flow.js';
import { Inputs, mapInputSource } from '../core/config/inputs.js';
import type { Logger } from '../core/log.js';
import { openSshSession, parseSshInputs } from '../ssh/index.js';
import { deployFlow } from '../deploy/flow.js';
import { readStateFile } from '../deploy/host-state.js';
import { getOnce, percentile, startLoad, type LoadResult } from './load-loop.js';
import { startLocalCaddy, startLocalNginx, type LocalProxy } from './local-proxy.js';
import { EXAMPLE_COMPOSE_FILE as COMPOSE_FILE } from './deploy.js';


export interface ZeroDowntimeDemoOptions {
  /** Sandbox host h1: address, port, base dir owned by the SSH user. */
  host: { address: string; port: number; baseDir: string };
  user: string;
  privateKeyPath: string;
  knownHostsPath: string;
  /** Where examples/app and examples/proxy are (the repository root by default). */
  examplesDir?: string;
  proxy?: 'caddy' | 'nginx';
  /** Ports to use on loopback (a block of 40 from here). */
  basePort?: number;
  /** Caddy: switch through the admin API (one reload each), or by renaming the live-port file (no config change). */
  caddyRouting?: 'admin-api' | 'live-file';
  /** Deploys under load after the first (alternating versions); 1 by default. */
  switches?: number;
}

export interface SwitchMeasurement {
  failed: number;
  requests: number;
  /** p99 latency through the proxy during the deploy, and before it (steady state). */
  p99Ms: number;
  steadyP99Ms: number;
  /** Zero-downtime only: from "new copy healthy" to "traffic on it" (host state). */
  switchMs?: number;
  versions: Record<string, number>;
  /** The first few failed requests: when, and what came back. */
  failures: string[];
  /** Caddy: how many of the switches changed its loaded config (GET /config/ before and after each). */
  configChanges?: number;
}

/**
 * Deploys v1 then v2 of the example app behind a proxy of our own, with a load
 * loop through the proxy during the second deploy: `zero-downtime` on, or a
 * plain `compose up -d` recreate for comparison.
 */
export async function measureSwitch(log: Logger, options: ZeroDowntimeDemoOptions & { zeroDowntime: boolean; name: string }): Promise<SwitchMeasurement> {
  const examples = options.examplesDir ?? 'examples';
  const base = options.basePort ?? 18800;
  const livePort = base + (options.zeroDowntime ? 0 : 20);
  const proxyPort = base + (options.zeroDowntime ? 30 : 31);
  const context = localContext(log);
  const images: string[] = [];
  for (const version of ['1.0.0', '2.0.0']) {
    const tag = `slipway-zd-demo:${version}`;
    await context.runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '--build-arg', `APP_VERSION=${version}`, '-t', tag, path.join(examples, 'app')] });
    images.push(tag);
  }
  const ssh = { host: `${options.host.address}:${options.host.port}`, user: options.user, 'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath };
  const appDir = `${options.host.baseDir}/${options.name}`;
  const project = options.name.replace(/[^a-z0-9-]/g, '');
  const [target] = parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
  if (!target) throw new Error('no demo host');
  const session = await openSshSession(target, context.runner, log);
  let proxy: LocalProxy | undefined;
  try {
    // A clean app dir, set up as its owner would over SSH; earlier demo copies removed.
    const old = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).stdout.split('\n').filter(Boolean);
    for (const slot of ['blue', 'green']) old.push(...(await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}-${slot}`])).stdout.split('\n').filter(Boolean));
    if (old.length) await session.exec(['docker', 'rm', '-f', ...old]);
    await session.exec(['sh', '-c', 'rm -rf "$1" && mkdir -p "$1" && cat > "$1/docker-compose.yml" && printf "PORT=%s\\n" "$2" > "$1/.env"', 'demo', appDir, String(livePort)], { stdin: COMPOSE_FILE });
    proxy = options.proxy === 'nginx'
      ? await startLocalNginx(context.runner, { prefix: `${options.host.baseDir}/${options.name}-nginx`, listen: proxyPort, upstream: livePort, user: options.user, examplesDir: examples })
      : await startLocalCaddy(context.runner, {
        dir: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-zd-demo-caddy-')), listen: proxyPort, admin: proxyPort + 1, upstream: livePort, examplesDir: examples,
        ...(options.caddyRouting === 'live-file' ? { liveDir: `${options.host.baseDir}/${options.name}-live`, liveDirOwner: options.user } : {}),
      });
    const values = (image: string) => ({
      ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': project, 'env-file': '.env', pull: 'false',
      'health-url': `http://127.0.0.1:${livePort}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '30s',
      ...(options.zeroDowntime ? {
        'zero-downtime': 'true', proxy: proxy?.kind, 'caddy-admin': `127.0.0.1:${proxyPort + 1}`, 'nginx-upstream-file': proxy?.upstreamFile, 'nginx-command': proxy?.nginxCommand,
        'slot-ports': `${livePort}-${livePort + 9}`, 'proxy-health-url': `http://127.0.0.1:${proxyPort}/api/health`, 'stop-timeout': '1s',
      } : {}),
    });
    const first = await runFlow(deployFlow, values(images[0] ?? ''), localContext(log));
    if (first.failure) throw new Error(first.failure);
    const url = `http://127.0.0.1:${proxyPort}/api/health`;
    const steady = await startLoad({ url, maxRequests: 2000, maxMs: 2000, concurrency: 2 }).done;
    const caddyConfig = async () => proxy?.kind === 'caddy' ? (await getOnce(`http://127.0.0.1:${proxyPort + 1}/config/`)).body : '';
    const switches = Math.max(1, options.switches ?? 1);
    const load = startLoad({ url, maxRequests: 500_000, maxMs: 90_000 * switches, concurrency: 2 });
    let failure: string | undefined;
    let configChanges = 0;
    for (let i = 0; i < switches && !failure; i += 1) {
      const before = await caddyConfig();
      failure = (await runFlow(deployFlow, values(images[(i + 1) % 2] ?? ''), localContext(log))).failure;
      if ((await caddyConfig()) !== before) configChanges += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    load.stop();
    const result: LoadResult = await load.done;
    if (failure) throw new Error(failure);

    const state = options.zeroDowntime ? await readStateFile(session, `${appDir}/.slipway/zero-downtime-${project}-app.state`) : {};
    return {
      failed: result.failed,
      requests: result.requests,
      p99Ms: percentile(result.samples.map((s) => s.latencyMs), 99),
      steadyP99Ms: percentile(steady.samples.map((s) => s.latencyMs), 99),
      switchMs: state.switch_ms === undefined ? undefined : Number(state.switch_ms),
      versions: result.versions,
      failures: result.failures,
      ...(proxy?.kind === 'caddy' ? { configChanges } : {}),
    };
  } finally {
    await proxy?.stop();
    if (options.caddyRouting === 'live-file') await session.exec(['rm', '-rf', '--', `${options.host.baseDir}/${options.name}-live`], { allowFailure: true });
    const left = (await session.exec(['sh', '-c', 'for p in "$1" "$1-blue" "$1-green"; do docker ps -aq --filter "label=com.docker.compose.project=$p"; done', 'demo', project], { allowFailure: true })).stdout.split('\n').filter(Boolean);
    if (left.length) await session.exec(['docker', 'rm', '-f', ...left], { allowFailure: true });
    await session.close();
  }
}

/**
 * The demo: the example app's second version deployed behind Caddy with zero
 * downtime, a load loop through Caddy for the whole deploy. Returns the failed-request count.
 */
export async function demoZeroDowntime(log: Logger, options: ZeroDowntimeDemoOptions): Promise<number> {
  const measured = await measureSwitch(log, { ...options, proxy: options.proxy ?? 'caddy', zeroDowntime: true, name: 'zd-demo' });
  log.info(`zero-downtime deploy behind ${options.proxy ?? 'caddy'}: ${measured.failed} failed of ${measured.requests} requests during the switch (${JSON.stringify(measured.versions)}); p99 ${Math.round(measured.p99Ms)} ms (steady ${Math.round(measured.steadyP99Ms)} ms); traffic on the new version ${measured.switchMs} ms after it was healthy${measured.failures.length ? `; failures: ${measured.failures.join('; ')}` : ''}`);
  return measured.failed;
}
