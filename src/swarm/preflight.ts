import { SlipwayError } from '../core/errors.js';
import { swarmState } from './commands.js';
import type { DockerEndpoint } from './endpoint.js';

interface SwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
}

/**
 * A stack deploy only works on a manager of an active swarm. Checked first, so
 * the user reads what to run instead of the engine's "This node is not a swarm manager".
 */
export async function assertSwarmManager(endpoint: DockerEndpoint): Promise<{ nodeId: string; address: string }> {
  const result = await endpoint.docker(swarmState(), {
    hint: () => `Check that Docker runs and that ${endpoint.description} is reachable.`,
  });
  let info: SwarmInfo;
  try {
    info = JSON.parse(result.stdout.trim()) as SwarmInfo;
  } catch {
    throw new SlipwayError(`${endpoint.description}: could not read the swarm state (found '${result.stdout.trim().slice(0, 80)}')`);
  }
  const state = info.LocalNodeState ?? 'inactive';
  if (state === 'inactive' || state === 'pending') {
    throw new SlipwayError(`${endpoint.description}: this node is not in a swarm (found LocalNodeState '${state}', expected 'active')`, {
      fix: 'Create one on it with `docker swarm init --advertise-addr <its address>`, or join it to yours with the `docker swarm join …` command that `docker swarm join-token manager` prints on a manager',
    });
  }
  if (state === 'locked') {
    throw new SlipwayError(`${endpoint.description}: the swarm is locked (autolock after a restart)`, {
      fix: 'Unlock it with `docker swarm unlock` and the unlock key',
    });
  }
  if (state !== 'active') {
    throw new SlipwayError(`${endpoint.description}: the swarm node is in state '${state}' (expected 'active')`, {
      fix: 'See `docker info` on that node',
    });
  }
  if (!info.ControlAvailable) {
    throw new SlipwayError(`${endpoint.description}: this node is a swarm worker, not a manager (stacks and service updates are sent to managers)`, {
      fix: `Point the deploy at a manager, or promote this node on a manager with \`docker node promote ${info.NodeID ?? '<node id>'}\``,
    });
  }
  return { nodeId: info.NodeID ?? '', address: info.NodeAddr ?? '' };
}
