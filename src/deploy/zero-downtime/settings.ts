import type { Inputs } from '../../core/config/inputs.js';

export type ProxyKind = 'caddy' | 'nginx' | 'command';

/** The `zero-downtime` option of the compose strategy: where copies may listen and how the proxy is switched. */
export interface ZeroDowntimeSettings {
  /** Ports a new copy may listen on (host networking), first free one wins. */
  ports: { first: number; last: number };
  /** The environment variable the app reads its port from (set per copy in Slipway's override). */
  portEnv: string;
  proxy: ProxyKind;
  /** Caddy's admin API as the host sees it (`127.0.0.1:2019`). */
  caddyAdmin: string;
  /** nginx: the file included inside the `upstream` block, rewritten to `server 127.0.0.1:<port>;`. */
  nginxUpstreamFile?: string;
  /** nginx: the command line to test and reload with (`nginx`, `sudo -n nginx`, `nginx -c … -p …`). */
  nginxCommand: string;
  /** Any other proxy: run on the host with the new port as its argument. */
  switchCommand?: string;
  /** A URL through the proxy, as seen from the host: after the switch, Slipway waits until it reports the new version. */
  proxyHealthUrl?: string;
  /** How long the old copy may take to finish its open requests after the switch. */
  drainTimeoutMs: number;
  /** After the switch, the new copy's health is watched this long; red → traffic goes back to the old copy. */
  watchMs: number;
  /** `docker stop -t` for the old copy, once drained. */
  stopTimeoutS: number;
}

export const ZERO_DOWNTIME_INPUTS = [
  'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
  'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout',
] as const;

const ABSOLUTE_PATH = /^\/[A-Za-z0-9._/@+-]+$/;

/** Reads the zero-downtime inputs; undefined when the option is off. */
export function parseZeroDowntimeSettings(inputs: Inputs, strategy: string, healthUrl: string | undefined): ZeroDowntimeSettings | undefined {
  if (!inputs.boolean('zero-downtime', false)) return undefined;
  if (strategy !== 'compose') {
    inputs.fail('zero-downtime', `is only available for the compose strategy (found strategy ${strategy})`, 'Use strategy: compose, or set zero-downtime: false.');
  }
  if (!healthUrl) {
    inputs.fail('health-url', 'is required with zero-downtime (found nothing)', 'Set health-url to the app\'s health endpoint as the host sees it, e.g. http://127.0.0.1:8080/api/health: the new copy is checked on its own port before any traffic moves, and its port is where the proxy points today.');
  }
  const portsText = inputs.optional('slot-ports') ?? '20080-20099';
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(portsText.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2] ?? match?.[1]);
  if (!match || first < 1024 || last > 65535 || last < first) {
    inputs.fail('slot-ports', `is not a port range (found '${portsText}', expected e.g. 20080-20099 within 1024-65535)`);
  }
  if (last === first) inputs.fail('slot-ports', `needs at least two ports, one for each copy during a switch (found '${portsText}')`, 'Give a range such as 20080-20099.');
  const portEnv = inputs.optional('port-env') ?? 'PORT';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portEnv)) inputs.fail('port-env', `is not an environment variable name (found '${portEnv}')`);
  const proxy = inputs.choice('proxy', ['caddy', 'nginx', 'command'] as const, 'caddy');
  const caddyAdmin = inputs.optional('caddy-admin') ?? '127.0.0.1:2019';
  if (!/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/.test(caddyAdmin)) inputs.fail('caddy-admin', `is not host:port (found '${caddyAdmin}', expected e.g. 127.0.0.1:2019)`);
  const nginxUpstreamFile = inputs.optional('nginx-upstream-file');
  if (proxy === 'nginx' && !nginxUpstreamFile) {
    inputs.fail('nginx-upstream-file', 'is required with proxy: nginx', 'Set it to the file your `upstream` block includes, e.g. /etc/nginx/slipway/app-upstream.conf (writable by the SSH user).');
  }
  if (nginxUpstreamFile !== undefined && (!ABSOLUTE_PATH.test(nginxUpstreamFile) || nginxUpstreamFile.split('/').includes('..'))) inputs.fail('nginx-upstream-file', `is not an absolute path without shell characters (found '${nginxUpstreamFile}')`);
  const switchCommand = inputs.optional('proxy-switch-command');
  if (proxy === 'command' && !switchCommand) {
    inputs.fail('proxy-switch-command', 'is required with proxy: command', 'Set it to a command that points your proxy at the port given as its last argument, e.g. /usr/local/bin/switch-upstream.');
  }
  const proxyHealthUrl = inputs.optional('proxy-health-url');
  if (proxyHealthUrl !== undefined && !/^https?:\/\/\S+$/.test(proxyHealthUrl)) {
    inputs.fail('proxy-health-url', `is not an http or https URL (found '${proxyHealthUrl.split(/\r?\n/)[0]?.slice(0, 80)}')`, 'e.g. http://127.0.0.1/api/health, as the host reaches the proxy.');
  }
  return {
    ports: { first, last },
    portEnv,
    proxy,
    caddyAdmin,
    nginxUpstreamFile,
    nginxCommand: inputs.optional('nginx-command') ?? 'nginx',
    switchCommand,
    proxyHealthUrl,
    drainTimeoutMs: inputs.duration('drain-timeout', 30_000),
    watchMs: inputs.duration('watch-window', 0),
    stopTimeoutS: Math.ceil(inputs.duration('stop-timeout', 10_000) / 1000),
  };
}
