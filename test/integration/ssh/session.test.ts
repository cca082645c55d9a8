import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { fingerprintOf, HostKeyError, openSshSession, SshConnectError, type SshTarget } from '../../../src/ssh/index.js';
import { loadSandbox } from '../../support/sandbox.js';

const sandbox = loadSandbox();
const [h1, h2] = sandbox.ssh.hosts;
if (!h1 || !h2) throw new Error('sandbox needs hosts h1 and h2');
const log = new MemoryLogger();
const runner = new ProcessRunner(log);

function target(overrides: Partial<SshTarget> = {}, host = h1!): SshTarget {
  return {
    host: host.address, port: host.port, user: sandbox.ssh.user,
    privateKey: fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
    hostKeys: { knownHosts: fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8') },
    connectTimeoutMs: 3000, commandTimeoutMs: 30_000,
    ...overrides,
  };
}

/** A zombie (stopped, not yet reaped) counts as stopped. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const hostKeyBase64 = (host = h1!): string => fs.readFileSync(host.hostKeyPath, 'utf8').split(/\s+/)[1] ?? '';

describe('openSshSession against a real sshd', () => {
  it('runs every command over one connection and keeps shell metacharacters literal', async () => {
    const session = await openSshSession(target(), runner, log);
    try {
      const marker = `/tmp/slipway-should-not-exist-${process.pid}`;
      const echoed = await session.exec(['printf', '%s|', 'app; touch ' + marker, '$(id)', "it's"]);
      expect(echoed.stdout).toBe(`app; touch ${marker}|$(id)|it's|`);
      expect(fs.existsSync(marker)).toBe(false);
      for (let i = 0; i < 5; i += 1) await session.exec(['true']);
      expect(session.connectionsOpened).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('sends the environment on stdin, not on the command line', async () => {
    const session = await openSshSession(target(), runner, log);
    try {
      const env = { SLIPWAY_TOKEN: "s3cret 'quoted' $HOME", OTHER: 'x' };
      const result = await session.exec(['sh', '-c', 'printf "%s|%s|" "$SLIPWAY_TOKEN" "$OTHER"; cat /proc/$$/cmdline | tr "\\0" " "'], { env });
      expect(result.stdout.startsWith("s3cret 'quoted' $HOME|x|")).toBe(true);
      expect(result.stdout.split('|')[2]).not.toContain('s3cret');
      const withStdin = await session.exec(['sh', '-c', 'cat; printf "%s" "$SLIPWAY_TOKEN"'], { env, stdin: 'input:' });
      expect(withStdin.stdout).toBe("input:s3cret 'quoted' $HOME");
    } finally {
      await session.close();
    }
  });

  it('forwards a local port to a port on the host through the same connection', async () => {
    const server = http.createServer((_req, res) => res.end('hello through the tunnel'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const remotePort = (server.address() as net.AddressInfo).port;
    const session = await openSshSession(target(), runner, log);
    try {
      const tunnel = await session.forwardLocalPort(remotePort);
      const body = await (await fetch(`http://127.0.0.1:${tunnel.localPort}/`)).text();
      expect(body).toBe('hello through the tunnel');
      await tunnel.close();
      expect(session.connectionsOpened).toBe(1);
    } finally {
      await session.close();
      server.close();
    }
  });

  it('uploads a directory with rsync over the same connection', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-upload-'));
    fs.writeFileSync(path.join(local, 'index.html'), 'release one');
    const remote = `${h1!.baseDir}/upload-test-${process.pid} dir`;
    const session = await openSshSession(target(), runner, log);
    try {
      await session.upload(`${local}/`, `${remote}/`);
      const result = await session.exec(['cat', `${remote}/index.html`]);
      expect(result.stdout).toBe('release one');
      expect(session.connectionsOpened).toBe(1);
      await session.exec(['rm', '-rf', remote]);
    } finally {
      await session.close();
      fs.rmSync(local, { recursive: true, force: true });
    }
  });

  it('accepts a pinned fingerprint instead of known-hosts', async () => {
    const session = await openSshSession(target({ hostKeys: { fingerprints: [fingerprintOf(hostKeyBase64(h2))] } }, h2), runner, log);
    try {
      expect((await session.exec(['echo', 'pinned'])).stdout.trim()).toBe('pinned');
    } finally {
      await session.close();
    }
  });

  it('refuses an unknown host key and prints the fingerprint to pin', async () => {
    const otherHostsOnly = fs.readFileSync(sandbox.ssh.knownHostsPath, 'utf8').split('\n').filter((line) => !line.includes(`:${h1!.port} `)).join('\n');
    const attempt = openSshSession(target({ hostKeys: { knownHosts: otherHostsOnly } }), runner, log);
    await expect(attempt).rejects.toThrow(HostKeyError);
    await attempt.catch((error: Error) => {
      expect(error.message).toContain(fingerprintOf(hostKeyBase64()));
      expect(error.message).toContain('host-fingerprint');
    });
  });

  it('refuses a changed host key (a wrong pin) even with trust-on-first-use', async () => {
    const wrong = fingerprintOf(hostKeyBase64(h2));
    const changedLine = `[${h1!.address}]:${h1!.port} ssh-ed25519 ${hostKeyBase64(h2)}`;
    await expect(openSshSession(target({ hostKeys: { fingerprints: [wrong] } }), runner, log)).rejects.toThrow(HostKeyError);
    await expect(openSshSession(target({ hostKeys: { knownHosts: changedLine, trustOnFirstUse: true } }), runner, log)).rejects.toThrow();
  });

  it('refuses a key that does not match the pin even with trust-on-first-use, and names the offered fingerprint', async () => {
    const wrongPin = fingerprintOf(hostKeyBase64(h2));
    const warnings = new MemoryLogger();
    const attempt = openSshSession(target({ hostKeys: { fingerprints: [wrongPin], trustOnFirstUse: true } }), new ProcessRunner(warnings), warnings);
    await expect(attempt).rejects.toThrow(HostKeyError);
    await attempt.catch((error: Error) => expect(error.message).toContain(fingerprintOf(hostKeyBase64())));
    expect(warnings.text()).not.toContain('trusted the host key on first use');
  });

  it('trusts on first use only when asked, with a warning naming the fingerprint', async () => {
    const warnings = new MemoryLogger();
    const session = await openSshSession(target({ hostKeys: { trustOnFirstUse: true } }), new ProcessRunner(warnings), warnings);
    await session.close();
    expect(warnings.text()).toContain('trusted the host key on first use');
    expect(warnings.text()).toContain(fingerprintOf(hostKeyBase64()));
  });

  it('fails clearly and within the connect timeout when nothing listens', async () => {
    const started = Date.now();
    const attempt = openSshSession(target({ port: 2299 }), runner, log);
    await expect(attempt).rejects.toThrow(SshConnectError);
    await attempt.catch((error: Error) => expect(error.message).toMatch(/unreachable/));
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up within the connect timeout on a host that accepts TCP but never speaks SSH', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    try {
      await expect(openSshSession(target({ port, connectTimeoutMs: 2000 }), runner, log)).rejects.toThrow(/unreachable/);
      expect(Date.now() - started).toBeLessThan(2000 + 3000);
    } finally {
      silent.close();
    }
  });

  it('loads a passphrase-protected key into a short-lived agent, and refuses a wrong passphrase', async () => {
    const privateKey = fs.readFileSync(sandbox.ssh.passphraseKeyPath, 'utf8');
    const session = await openSshSession(target({ privateKey, passphrase: sandbox.ssh.passphrase }), runner, log);
    try {
      expect((await session.exec(['echo', 'unlocked'])).stdout.trim()).toBe('unlocked');
    } finally {
      await session.close();
    }
    const wrong = openSshSession(target({ privateKey, passphrase: 'not-the-passphrase' }), runner, log);
    await expect(wrong).rejects.toThrow(/passphrase/);
  });

  it('says the login was refused for a key the host does not know', async () => {
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-key-'));
    await runner.run({ file: 'ssh-keygen', args: ['-q', '-t', 'ed25519', '-N', '', '-f', `${keyDir}/id`] });
    const privateKey = fs.readFileSync(`${keyDir}/id`, 'utf8');
    fs.rmSync(keyDir, { recursive: true, force: true });
    await expect(openSshSession(target({ privateKey }), runner, log)).rejects.toThrow(/login refused/);
  });

  it('fails a command (instead of reconnecting) when the connection is cut', async () => {
    const session = await openSshSession(target(), runner, log);
    try {
      await runner.run({ file: 'ssh', args: ['-F', `${(session as unknown as { paths: { config: string } }).paths.config}`, '-O', 'exit', 'slipway-target'] });
      await expect(session.exec(['true'])).rejects.toThrow(/connection was lost/);
      expect(session.connectionsOpened).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('leaves no temp files or agent behind after close', async () => {
    const privateKey = fs.readFileSync(sandbox.ssh.passphraseKeyPath, 'utf8');
    const session = await openSshSession(target({ privateKey, passphrase: sandbox.ssh.passphrase }), runner, log);
    const internals = session as unknown as { paths: { dir: string }; agentPid: number };
    expect(fs.statSync(internals.paths.dir).mode & 0o777).toBe(0o700);
    expect(internals.agentPid).toBeGreaterThan(0);
    await session.close();
    expect(fs.existsSync(internals.paths.dir)).toBe(false);
    expect(isRunning(internals.agentPid)).toBe(false);
  });
});
