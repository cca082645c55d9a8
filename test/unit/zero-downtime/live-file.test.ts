import { liveFileRoots, livePortsIn, loopbackPorts } from '../../../src/deploy/zero-downtime/caddy-config.js';

// What `caddy adapt` makes of examples/proxy/Caddyfile.live-file (Caddy 2.6.2), trimmed to the routes.
const liveRoute = { match: [{ file: { root: '/srv/app/.proxy-live', try_files: ['/*'] } }], handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:{slipway_live_port}' }] }] };
const mapHandler = { handler: 'map', source: '{http.matchers.file.relative}', destinations: ['{slipway_live_port}'], mappings: [{ input_regexp: '^/(\\d+)$', outputs: ['${1}'] }] };
const srv0 = { routes: [{ handle: [{ handler: 'subroute', routes: [
  { handle: [mapHandler] },
  { handle: [{ handler: 'subroute', routes: [liveRoute, { handle: [{ handler: 'static_response', status_code: 502 }] }] }] },
] }] }] };
const other = { routes: [
  { match: [{ file: { root: '/srv/www' } }], handle: [{ handler: 'file_server' }] },
  { match: [{ file: { root: 'relative' } }], handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '{http.request.host}:80' }] }] },
  { handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:9000' }] }] },
] };
const adapted = { apps: { http: { servers: { srv0, other } } } };

describe('Caddy routes that pick the live copy per request from a file', () => {
  it('finds the live-port directory of a file-matched reverse_proxy whose dial is a placeholder, and nothing else', () => {
    expect(liveFileRoots(adapted)).toEqual(['/srv/app/.proxy-live']);
    expect(liveFileRoots({ apps: { http: { servers: { s: { routes: [{ handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:20080' }] }] }] } } } } })).toEqual([]);
  });

  it('reads the ports the directory names, ignoring other files', () => {
    expect(livePortsIn('20081\n.keep\nREADME\n70000\n0\n')).toEqual([20081]);
    expect(livePortsIn('')).toEqual([]);
  });

  it('counts no placeholder dial as a loopback port', () => {
    expect(loopbackPorts(adapted)).toEqual([9000]);
  });
});
