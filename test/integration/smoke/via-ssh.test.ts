import net from 'node:net';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { smokeFlow } from '../../../src/smoke/flow.js';
import { loadSandbox } from '../../support/sandbox.js';
import { freePort, json, startServer } from './servers.js';

const sandbox = loadSandbox();
const h2 = sandbox.ssh.hosts.find((host) => host.name === 'h2');
if (!h2) throw new Error('sandbox needs host h2');

const sshInputs = {
  'via-ssh': 'true',
  host: `${h2.address}:${h2.port}`,
  user: sandbox.ssh.user,
  'private-key': sandbox.ssh.privateKeyPath,
  'known-hosts': sandbox.ssh.knownHostsPath,
  timeout: '3s',
  'consecutive-passes': '2',
};

const refuses = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(false); });
  socket.once('error', () => resolve(true));
});

describe('smoke checks from inside a host, through a port forwarded over SSH', () => {
  it('reaches a backend that listens only on the host loopback, then closes the forward', async () => {
    const seenHosts: string[] = [];
    const backend = await startServer((request, response) => {
      seenHosts.push(request.headers.host ?? '');
      json(response, 200, { ok: true, database: 'connected', version: '3.1.0' });
    }, { host: h2.address });
    try {
      const log = new MemoryLogger();
      const run = await runFlow(smokeFlow, { ...sshInputs, url: backend.url('/health-check'), 'expect-version': '3.1.0' }, localContext(log));
      expect(run.failure).toBeUndefined();
      expect(run.outputs['version-seen']).toBe('3.1.0');
      // The backend saw its own address in Host, as a local curl on the host would send it.
      expect(seenHosts[0]).toBe(`${h2.address}:${backend.port}`);
      const forwarded = /Forwarding 127\.0\.0\.1:(\d+) → 127\.0\.0\.2:(\d+) on deploy@127\.0\.0\.2:2202/.exec(log.text());
      expect(forwarded?.[2]).toBe(String(backend.port));
      expect(Number(forwarded?.[1])).not.toBe(backend.port);
      expect(await refuses(Number(forwarded?.[1]))).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it('says plainly that the host refused connections to the port until the deadline', async () => {
    const port = await freePort(h2.address);
    const run = await runFlow(smokeFlow, { ...sshInputs, url: `http://${h2.address}:${port}/health`, timeout: '1s' }, localContext(new MemoryLogger()));
    expect(run.failure).toMatch(new RegExp(`failed: connection refused until the deadline \\(\\d+ attempts over [\\d.]+ s\\): nothing accepted connections on 127\\.0\\.0\\.2:${port} \\(through SSH to deploy@127\\.0\\.0\\.2:2202\\)$`));
  });
});
