import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { allDials, dialPatch, findUpstreams, loopbackPorts } from '../../../src/deploy/zero-downtime/caddy-config.js';
import { renderSlotOverride, runTwiceProblems, slotPortFrom } from '../../../src/deploy/zero-downtime/compose-check.js';
import { chooseFreePort, parseTcpTables } from '../../../src/deploy/zero-downtime/host-ports.js';
import { percentile } from '../../../src/demo/load-loop.js';
import { caddyfileFrom, nginxConfFrom } from '../../../src/demo/local-proxy.js';
import { nginxUpstreamPorts, renderNginxUpstream } from '../../../src/deploy/zero-downtime/proxy.js';
import { parseZeroDowntimeSettings } from '../../../src/deploy/zero-downtime/settings.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4E20 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 1 1
   1: 0100007F:4E20 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1001        0 2 1
   2: 0100007F:4E20 0100007F:D432 01 00000000:00000000 00:00000000 00000000  1001        0 3 1
   3: 0100007F:D431 0100007F:4E20 01 00000000:00000000 00:00000000 00000000     0        0 4 1
   4: 0100007F:4E21 0100007F:D433 06 00000000:00000000 00:00000000 00000000     0        0 5 1
  sl  local_address                         remote_address                        st
   0: 00000000000000000000000000000000:4E22 00000000000000000000000000000000:0000 0A 00000000:00000000`;

describe('host ports from /proc/net/tcp{,6}', () => {
  it('reads listening ports and established connections by local port (TIME_WAIT ignored)', () => {
    const table = parseTcpTables(TCP);
    expect([...table.listening].sort()).toEqual([20000, 20002]);
    expect(table.established.get(20000)).toBe(2);
    expect(table.established.get(20001)).toBeUndefined();
  });
  it.each([
    [{ first: 20000, last: 20003 }, [20000, 20002], [20001], 20003],
    [{ first: 20000, last: 20003 }, [], [20000], 20001],
    [{ first: 20000, last: 20001 }, [20001], [20000], undefined],
  ])('chooses the first free port in %j (listening %j, live %j) → %s', (range, listening, exclude, expected) => {
    expect(chooseFreePort(range, new Set(listening), exclude)).toBe(expected);
  });
});

describe('a compose service that must run twice side by side', () => {
  it('passes the example compose service (host network, port from $PORT)', () => {
    expect(runTwiceProblems('services:\n  app:\n    image: x\n    network_mode: host\n    environment:\n      PORT: "8080"\n', 'app')).toEqual([]);
  });
  it('names container_name, published ports and a bridge network, each with its fix', () => {
    const problems = runTwiceProblems('services:\n  app:\n    image: x\n    container_name: web\n    ports:\n    - published: 8080\n      target: 80\n', 'app');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^services\.app\.container_name is set \(found 'web'\).*Remove container_name/);
    expect(problems[1]).toMatch(/^services\.app\.ports publishes host ports \(found 8080:80\).*Remove ports:/);
    expect(problems[2]).toMatch(/^services\.app\.network_mode is not host/);
  });
  it('says when the service is not in the files', () => {
    expect(runTwiceProblems('services:\n  web:\n    image: x\n', 'app')).toEqual(["service 'app' is not in the compose files (found web)"]);
  });
  it('overrides the image and the port per copy, as JSON', () => {
    expect(JSON.parse(renderSlotOverride('app', 'r/app:2', 'PORT', 20081))).toEqual({ services: { app: { image: 'r/app:2', environment: { PORT: '20081' } } } });
  });
  it('reads the port a copy was started on back from its override', () => {
    expect(slotPortFrom(renderSlotOverride('app', 'r/app:2', 'PORT', 20081), 'app', 'PORT')).toBe(20081);
    expect(slotPortFrom(renderSlotOverride('app', 'r/app:2', 'PORT', 0), 'app', 'PORT')).toBeUndefined();
    expect(slotPortFrom('', 'app', 'PORT')).toBeUndefined();
    expect(slotPortFrom(renderSlotOverride('web', 'r/app:2', 'PORT', 20081), 'app', 'PORT')).toBeUndefined();
  });
});

describe('Caddy config: finding and moving the upstream', () => {
  const config = {
    apps: { http: { servers: { srv0: { routes: [{ handle: [{ handler: 'subroute', routes: [{ handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:20080' }], load_balancing: { try_duration: 5e9 } }] }] }] }] },
      other: { routes: [{ handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: 'localhost:20080' }, { dial: '10.0.0.5:20080' }] }] }] } } } },
  };
  it('finds every loopback upstream dialing the live port, and only those', () => {
    expect(findUpstreams(config, 20080).map((ref) => ref.path)).toEqual([
      'apps/http/servers/srv0/routes/0/handle/0/routes/0/handle/0/upstreams/0/dial',
      'apps/http/servers/other/routes/0/handle/0/upstreams/0/dial',
    ]);
    expect(findUpstreams(config, 20081)).toEqual([]);
    expect(allDials(config)).toEqual(['127.0.0.1:20080', 'localhost:20080', '10.0.0.5:20080']);
  });
  it('says which loopback ports Caddy sends traffic to (the next deploy asks before removing a copy)', () => {
    expect(loopbackPorts(config)).toEqual([20080]);
    expect(loopbackPorts({})).toEqual([]);
  });
  it('moves one upstream by patching its dial alone, guarded by the ETag of the config it was read from', () => {
    const [ref] = findUpstreams(config, 20080);
    expect(dialPatch(ref!, 20081, '"/config/ 9d20a0e6"')).toEqual({
      method: 'PATCH', path: '/config/apps/http/servers/srv0/routes/0/handle/0/routes/0/handle/0/upstreams/0/dial', body: '"127.0.0.1:20081"', headers: { 'if-match': '"/config/ 9d20a0e6"' },
    });
    // A Caddy that sends no ETag (older than 2.6) gets the same patch without the guard.
    expect(dialPatch(ref!, 20081, undefined).headers).toEqual({});
  });
});

describe('proxy files', () => {
  it('writes one server line for nginx', () => {
    expect(renderNginxUpstream(20081)).toMatch(/\nserver 127\.0\.0\.1:20081;\n$/);
  });
  it('reads the loopback ports nginx sends traffic to from the include (comments and other hosts ignored)', () => {
    expect(nginxUpstreamPorts(renderNginxUpstream(20081))).toEqual([20081]);
    expect(nginxUpstreamPorts('# server 127.0.0.1:1;\n  server localhost:20082 max_fails=0;\nserver 10.0.0.5:20083;\n')).toEqual([20082]);
    expect(nginxUpstreamPorts('proxy_pass http://127.0.0.1:18750;\n')).toEqual([18750]);
  });
  it('the test proxies are the examples with only ports and paths replaced', () => {
    const caddy = caddyfileFrom('{\n\tadmin 127.0.0.1:2019\n}\n:8080 {\n\treverse_proxy 127.0.0.1:20080 {\n', { listen: 1, admin: 2, upstream: 3 });
    expect(caddy).toBe('{\n\tadmin 127.0.0.1:2\n}\n:1 {\n\treverse_proxy 127.0.0.1:3 {\n');
    expect(nginxConfFrom('pid /srv/app/nginx/nginx.pid;\nlisten 127.0.0.1:8080;\n', '/p', 9)).toBe('pid /p/nginx.pid;\nlisten 127.0.0.1:9;\n');
  });
  it('p99 is the nearest-rank percentile', () => {
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('zero-downtime inputs', () => {
  const parse = (values: Record<string, string>, strategy = 'compose', health: string | undefined = 'http://127.0.0.1:8080/api/health') =>
    parseZeroDowntimeSettings(new Inputs(mapInputSource({ 'zero-downtime': 'true', ...values }, 'cli')), strategy, health);
  it('is off unless asked for', () => {
    expect(parseZeroDowntimeSettings(new Inputs(mapInputSource({}, 'cli')), 'compose', undefined)).toBeUndefined();
  });
  it('has defaults for Caddy', () => {
    expect(parse({})).toMatchObject({ ports: { first: 20080, last: 20099 }, portEnv: 'PORT', proxy: 'caddy', caddyAdmin: '127.0.0.1:2019', drainTimeoutMs: 30_000, watchMs: 0, stopTimeoutS: 10 });
  });
  it.each([
    [{}, 'release', undefined, /--zero-downtime: is only available for the compose strategy \(found strategy release\)/],
    [{}, 'compose', '', /--health-url: is required with zero-downtime/],
    [{ 'slot-ports': '80-90' }, 'compose', 'h', /--slot-ports: is not a port range \(found '80-90'/],
    [{ 'slot-ports': '20000' }, 'compose', 'h', /--slot-ports: needs at least two ports/],
    [{ proxy: 'nginx' }, 'compose', 'h', /--nginx-upstream-file: is required with proxy: nginx/],
    [{ proxy: 'nginx', 'nginx-upstream-file': 'etc/x; rm' }, 'compose', 'h', /--nginx-upstream-file: is not an absolute path/],
    [{ proxy: 'command' }, 'compose', 'h', /--proxy-switch-command: is required with proxy: command/],
    [{ 'caddy-admin': 'http://x' }, 'compose', 'h', /--caddy-admin: is not host:port/],
    [{ 'port-env': 'A-B' }, 'compose', 'h', /--port-env: is not an environment variable name/],
  ])('refuses %j (strategy %s)', (values, strategy, health, message) => {
    expect(() => parse(values as Record<string, string>, strategy, health)).toThrow(message);
  });
});
