import net from 'node:net';
import { MemoryLogger } from '../../../src/core/log.js';
import { waitForHttpHealth } from '../../../src/deploy/health.js';
import type { SshSession } from '../../../src/ssh/index.js';

/**
 * What an SSH port-forward does while the app on the host is down: the local end
 * accepts, then closes at once. fetch never settled on that (and kept nothing
 * alive, so the CLI exited 0 mid-deploy); the health wait must answer "refused".
 */
function acceptThenClose(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function sessionForwardingTo(port: number): SshSession {
  let closed = 0;
  return {
    name: 'deploy@app:22',
    forwardLocalPort: async () => ({ localPort: port, close: async () => { closed += 1; } }),
    get connectionsOpened() { return closed; },
  } as unknown as SshSession;
}

describe('the deploy health check through a tunnel whose far end refuses', () => {
  it('settles with "connection refused" at its deadline instead of hanging', async () => {
    const server = await acceptThenClose();
    try {
      const port = (server.address() as net.AddressInfo).port;
      const started = Date.now();
      const verdict = await waitForHttpHealth(sessionForwardingTo(port), { url: 'http://127.0.0.1:8080/health', timeoutMs: 1500 }, 'v1', new MemoryLogger(), Date.now() + 1500);
      expect(verdict.healthy).toBe(false);
      expect(verdict.detail).toMatch(/http:\/\/127\.0\.0\.1:8080\/health connection refused on 127\.0\.0\.1:8080 \(through SSH to deploy@app:22\)/);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      server.close();
    }
  }, 15_000);
});
