import fs from 'node:fs';
import { EXAMPLE_STACK_FILE } from '../../../src/demo/swarm.js';
import { swarmEngineUnavailable } from '../../../src/demo/swarm-engine.js';

describe('the swarm demo', () => {
  it('deploys exactly the example stack file the docs point to (inlined for the bundled CLI)', () => {
    expect(EXAMPLE_STACK_FILE).toBe(fs.readFileSync(new URL('../../../examples/swarm/docker-compose.yml', import.meta.url), 'utf8'));
  });

  it('names what is missing when the machine cannot start a namespaced dockerd', () => {
    const why = swarmEngineUnavailable({ PATH: '/nonexistent' });
    // As root on Linux the tools are what is missing; elsewhere the platform or the user is named.
    expect(why).toMatch(/unshare, nsenter, dockerd, docker, ip not found on PATH|needs root|need Linux/);
  });
});
