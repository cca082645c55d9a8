import net from 'node:net';
import { RunnerJobContext, runActionStep } from '../../support/runner-harness.js';

/**
 * Node 20's fetch never settled on a server that accepts and closes at once, so the
 * event loop ran dry mid-flow and the bundle exited with no result (the edges' exit
 * guard then said "stopped before it had a result"). Requests now go through
 * src/core/http/request.ts, which settles: the step fails on the check itself, with
 * exit 1 and an error naming the API call and what the server did. Driven as the
 * runner drives the bundle.
 */
describe('an action step that meets a server which accepts and closes', () => {
  it('fails with a message instead of passing with no result (restore-drill staleness against such a Forgejo API)', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const job = new RunnerJobContext({ platform: 'forgejo', event: 'schedule' });
    try {
      const port = (server.address() as net.AddressInfo).port;
      const run = await runActionStep(job, 'actions/restore-drill', {
        inputs: {
          mode: 'staleness', forge: 'forgejo', 'forge-api-url': `http://127.0.0.1:${port}/api/v1`,
          'forge-repository': 'team/app', 'drill-workflow': 'restore-drill.yml', 'forge-token': 'not-a-real-token-hr',
        },
        timeoutMs: 60_000,
      });
      expect(run.ok).toBe(false);
      expect(run.code).toBe(1);
      const output = `${run.stdout}${run.stderr}`;
      expect(output).toMatch(/::error::Restore drill 'restore-drill' failed 1 check\(s\): last successful restore-drill\.yml run within \d+ h: forgejo API GET \/api\/v1\/repos\/team\/app\/actions\/runs on 127\.0\.0\.1:\d+: the connection closed before any answer/);
      expect(output).not.toMatch(/stopped before it had a result/);
      expect(output).not.toContain('not-a-real-token-hr');
    } finally {
      server.close();
    }
  });
});
