import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { fingerprintOf, parseHostKeyLines } from '../../../src/ssh/host-keys.js';
import { parseSshInputs } from '../../../src/ssh/inputs.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const PIN = 'SHA256:qiNyythyNL2YeGpUou4vnsrUCQYCmbf5p+Sm/Qz46l4';
const parse = (values: Record<string, string>) => parseSshInputs(new Inputs(mapInputSource({ 'private-key': KEY, 'host-fingerprint': PIN, ...values })));

describe('parseSshInputs', () => {
  it.each([
    ['app.example.com', { user: 'deploy', host: 'app.example.com', port: 22 }],
    ['ops@10.0.0.5:2201', { user: 'ops', host: '10.0.0.5', port: 2201 }],
    ['[::1]:2202', { user: 'deploy', host: '::1', port: 2202 }],
  ])('reads host %s', (entry, expected) => {
    expect(parse({ host: entry }).targets[0]).toMatchObject(expected);
  });

  it('reads a fleet, one host per line, with shared settings', () => {
    const { targets } = parse({ hosts: 'a.example\nb.example:2200', port: '2022', user: 'web', 'connect-timeout': '5s', 'jump-host': 'bastion.example' });
    expect(targets.map((t) => [t.host, t.port, t.user, t.connectTimeoutMs, t.jumpHost])).toEqual([
      ['a.example', 2022, 'web', 5000, 'bastion.example'],
      ['b.example', 2200, 'web', 5000, 'bastion.example'],
    ]);
  });

  it.each([
    [{ host: '' }, /input 'hosts': is required/],
    [{ host: 'app; rm -rf /' }, /not \[user@\]host\[:port\]/],
    [{ host: 'a', 'host-fingerprint': 'MD5:aa' }, /input 'host-fingerprint': is not an OpenSSH SHA256 fingerprint/],
    [{ host: 'a', 'host-fingerprint': '' }, /input 'known-hosts': is empty and no host-fingerprint is set/],
    [{ host: 'a', 'private-key': 'hunter2' }, /input 'private-key': is not a private key/],
    [{ host: 'a', port: '70000' }, /input 'port': is too large/],
    [{ host: 'a', 'trust-on-first-use': 'true' }, /input 'trust-on-first-use': is true while host-fingerprint pins the host key.*Remove trust-on-first-use/],
  ])('rejects %j', (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });

  it('allows trust on first use only when asked', () => {
    expect(parse({ host: 'a', 'host-fingerprint': '', 'trust-on-first-use': 'true' }).targets[0]?.hostKeys.trustOnFirstUse).toBe(true);
  });
});

describe('host key fingerprints', () => {
  it('computes OpenSSH SHA256 fingerprints from known_hosts lines', () => {
    const [key] = parseHostKeyLines('# comment\n[127.0.0.1]:2201 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOIuQCVwsEhlJE5D3ADGhb9Du8+JrJSk6atw/YHXV9Uu\n');
    expect(key?.hostName).toBe('[127.0.0.1]:2201');
    expect(fingerprintOf(key?.base64 ?? '')).toBe(PIN); // what `ssh-keygen -lf` prints for that key
  });
});
