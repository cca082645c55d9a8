import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A server that accepts and closes at once (a proxy in front of a dead app, an SSH
 * forward to a closed port): Node 20's fetch never settles on it and its
 * AbortSignal.timeout keeps nothing alive, so a CLI awaiting it would exit 0
 * with no result. Whatever the flow does, the process must not claim success,
 * and its run dir (TMPDIR) must be gone.
 */
const CLI = path.resolve('dist/cli/index.js');

describe('a CLI run that meets a server which accepts and closes', () => {
  it('exits non-zero with a message and leaves no temp files (slipway drill --mode staleness against such a forge API)', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hc-stall-'));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('node', [CLI, 'drill', '--mode', 'staleness', '--forge', 'forgejo', '--forge-api-url', `http://127.0.0.1:${port}/api/v1`,
          '--forge-repository', 'team/app', '--drill-workflow', 'restore-drill.yml', '--forge-token', 'not-a-real-token'],
        { env: { ...process.env, TMPDIR: tmp }, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
      });
      expect(run.code).not.toBe(0);
      expect(run.code).toBeGreaterThan(0);
      expect(run.stderr).toMatch(/^error: /m);
      expect(run.stderr).not.toContain('is required');
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      server.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
