import type { DockerEndpoint } from '../../../src/swarm/endpoint.js';
import { assertSwarmManager } from '../../../src/swarm/preflight.js';

/** An endpoint whose engine answers `docker info` with the given swarm state. */
const engineSaying = (swarm: object): DockerEndpoint => ({
  description: 'manager.example',
  local: true,
  docker: async () => ({ exitCode: 0, stdout: `${JSON.stringify(swarm)}\n`, stderr: '', durationMs: 1, attempts: 1, timedOut: false }),
  stage: async () => ({ paths: [], remove: async () => undefined }),
});

describe('swarm preflight', () => {
  it.each([
    ['not in a swarm', { LocalNodeState: 'inactive', ControlAvailable: false }, /manager\.example: this node is not in a swarm .*docker swarm init --advertise-addr/],
    ['a worker', { NodeID: 'n0de1d', LocalNodeState: 'active', ControlAvailable: false }, /a swarm worker, not a manager.*docker node promote n0de1d/],
    ['locked', { LocalNodeState: 'locked' }, /locked.*docker swarm unlock/],
  ])('refuses %s, with the command that fixes it', async (_name, swarm, message) => {
    await expect(assertSwarmManager(engineSaying(swarm))).rejects.toThrow(message);
  });

  it('accepts a manager', async () => {
    await expect(assertSwarmManager(engineSaying({ NodeID: 'abc', NodeAddr: '127.0.0.1', LocalNodeState: 'active', ControlAvailable: true })))
      .resolves.toEqual({ nodeId: 'abc', address: '127.0.0.1' });
  });
});
