// Zero-downtime bench: one run against the same app (examples/app) and the same
// proxy (nginx, which does not retry a refused upstream, so a plain recreate's gap shows):
// failed requests and p99 latency during a zero-downtime deploy vs a plain
// `compose up -d` recreate, and the time from "new version healthy" to
// "traffic on the new version" (nginx and Caddy); and Caddy's two switches side by
// side: admin API (reloads) vs the live-port file (no config change).
import { silentLogger } from '../src/core/log.js';
import { measureSwitch, type ZeroDowntimeDemoOptions } from '../src/demo/zero-downtime.js';
import { loadSandbox } from '../test/support/sandbox.js';

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }> }> {
  const sandbox = loadSandbox();
  const h1 = sandbox.ssh.hosts[0];
  if (!h1) throw new Error('sandbox host h1 missing');
  const options: ZeroDowntimeDemoOptions = {
    host: { address: h1.address, port: h1.port, baseDir: h1.baseDir }, user: sandbox.ssh.user,
    privateKeyPath: sandbox.ssh.privateKeyPath, knownHostsPath: sandbox.ssh.knownHostsPath, basePort: 18900,
  };
  const zd = await measureSwitch(silentLogger, { ...options, proxy: 'nginx', zeroDowntime: true, name: 'zd-bench' });
  const plain = await measureSwitch(silentLogger, { ...options, proxy: 'nginx', zeroDowntime: false, name: 'zd-bench-plain' });
  const caddy = await measureSwitch(silentLogger, { ...options, proxy: 'caddy', zeroDowntime: true, name: 'zd-bench-caddy', basePort: 18950 });
  // Side by side, the same run: SWITCHES deploys under one bounded load loop each, Caddy switched through
  // its admin API (a reload per switch) and by renaming the live-port file (its config never changes).
  const SWITCHES = 10;
  const caddyAdmin = await measureSwitch(silentLogger, { ...options, proxy: 'caddy', zeroDowntime: true, name: 'zd-bench-caddy-admin', basePort: 18950, switches: SWITCHES });
  const caddyFile = await measureSwitch(silentLogger, { ...options, proxy: 'caddy', zeroDowntime: true, name: 'zd-bench-caddy-file', basePort: 18950, switches: SWITCHES, caddyRouting: 'live-file' });
  const ms = (value: number) => `${Math.round(value)} ms`;
  return {
    title: 'Zero-downtime deploy (compose, one host, nginx and Caddy on loopback)',
    rows: [
      { metric: 'failed requests during a zero-downtime deploy (nginx)', value: `${zd.failed} of ${zd.requests}`, target: '0' },
      { metric: 'failed requests during a plain compose up -d recreate (nginx)', value: `${plain.failed} of ${plain.requests}`, target: 'baseline' },
      { metric: 'p99 latency during the zero-downtime deploy vs steady state (nginx)', value: `${ms(zd.p99Ms)} vs ${ms(zd.steadyP99Ms)}`, target: '≤ 2× steady', ratio: zd.p99Ms / Math.max(1, 2 * zd.steadyP99Ms) },
      { metric: 'p99 latency during the plain recreate vs steady state (nginx)', value: `${ms(plain.p99Ms)} vs ${ms(plain.steadyP99Ms)}`, target: 'baseline' },
      { metric: 'new version healthy → traffic on it (nginx reload)', value: ms(zd.switchMs ?? 0), target: '< 1000 ms', ratio: (zd.switchMs ?? 0) / 1000 },
      { metric: 'new version healthy → traffic on it (Caddy admin API)', value: ms(caddy.switchMs ?? 0), target: '< 1000 ms', ratio: (caddy.switchMs ?? 0) / 1000 },
      { metric: 'failed requests during a zero-downtime deploy (Caddy)', value: `${caddy.failed} of ${caddy.requests}`, target: '0' },
      { metric: `failed requests over ${SWITCHES} switches, Caddy admin API (${caddyAdmin.configChanges} changed Caddy's config)`, value: `${caddyAdmin.failed} of ${caddyAdmin.requests}`, target: 'baseline' },
      { metric: `failed requests over ${SWITCHES} switches, Caddy live-port file (${caddyFile.configChanges} changed Caddy's config)`, value: `${caddyFile.failed} of ${caddyFile.requests}`, target: '0' },
    ],
  };
}
