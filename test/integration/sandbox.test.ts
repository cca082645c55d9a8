// Checks that the sandbox from `scripts/sandbox.sh up` really works.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSandbox } from '../support/sandbox.js';

const sandbox = loadSandbox();

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(file, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

describe('sandbox', () => {
  it('serves the auth registry with 401 and the anonymous one with 200 on /v2/', async () => {
    const auth = await fetch(`http://${sandbox.registries.auth.address}/v2/`);
    expect(auth.status).toBe(401);
    const basic = Buffer.from(`${sandbox.registries.auth.username}:${sandbox.registries.auth.password}`).toString('base64');
    const authed = await fetch(`http://${sandbox.registries.auth.address}/v2/`, { headers: { authorization: `Basic ${basic}` } });
    expect(authed.status).toBe(200);
    const anon = await fetch(`http://${sandbox.registries.anonymous.address}/v2/`);
    expect(anon.status).toBe(200);
  });

  it('has the base image', () => {
    const env = { ...process.env, DOCKER_HOST: sandbox.docker.host };
    const id = run('docker', ['image', 'inspect', '--format', '{{.Id}}', sandbox.baseImage], env);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each(sandbox.ssh.hosts.map((h) => [h.name, h] as const))('reaches docker over ssh on %s', (_name, host) => {
    const out = run('ssh', [
      '-i', sandbox.ssh.privateKeyPath,
      '-o', 'BatchMode=yes',
      '-o', 'IdentitiesOnly=yes',
      '-o', `UserKnownHostsFile=${sandbox.ssh.knownHostsPath}`,
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'ConnectTimeout=10',
      '-p', String(host.port),
      `${sandbox.ssh.user}@${host.address}`,
      'docker', 'version', '--format', "'{{.Server.Version}}'",
    ]);
    expect(out).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lets deploy run the sandbox sudo commands without a password', () => {
    const h = sandbox.ssh.hosts[0];
    const out = run('ssh', [
      '-i', sandbox.ssh.privateKeyPath,
      '-o', 'BatchMode=yes',
      '-o', `UserKnownHostsFile=${sandbox.ssh.knownHostsPath}`,
      '-o', 'StrictHostKeyChecking=yes',
      '-p', String(h.port),
      `${sandbox.ssh.user}@${h.address}`,
      `sudo -n /usr/bin/true && sudo -n ${sandbox.restartScript} sandbox-test && echo ok`,
    ]);
    expect(out).toBe('ok');
  });

  it('has a passphrase key that opens with the recorded passphrase and known_hosts for every host', () => {
    const pub = run('ssh-keygen', ['-y', '-P', sandbox.ssh.passphrase, '-f', sandbox.ssh.passphraseKeyPath]);
    expect(pub).toMatch(/^ssh-ed25519 AAAA/);
    const known = fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8');
    for (const h of sandbox.ssh.hosts) {
      const key = fs.readFileSync(h.hostKeyPath, 'utf8').split(' ').slice(0, 2).join(' ');
      expect(known).toContain(`[${h.address}]:${h.port} ${key}`);
    }
  });

  it('accepts a psql connection as the slipway role', () => {
    const pg = sandbox.postgres;
    const env = { ...process.env, PGPASSWORD: pg.password, PGCONNECT_TIMEOUT: '10' };
    const out = run(
      path.join(pg.binDir, 'psql'),
      ['-X', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-tAc', 'select current_user, rolsuper from pg_roles where rolname = current_user'],
      env,
    );
    expect(out).toBe(`${pg.user}|f`);
  });
});
