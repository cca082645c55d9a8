import net from 'node:net';
import { RunnerJobContext, runActionStep } from '../../support/runner-harness.js';

/**
 * The Actions edge, like the CLI: when the event loop runs dry while the flow still
 * waits (Node 20's fetch on a server that accepts and closes at once never settles),
 * the bundle's top-level await left Node to exit 13 with only a warning about an
 * unsettled await: no annotation, no reason. The step fails with exit 1 and an error
 * that says what happened. Driven as the runner drives the bundle.
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
      expect(`${run.stdout}${run.stderr}`).toMatch(/::error::the restore-drill step stopped before it had a result/);
    } finally {
      server.close();
    }
  });
});
