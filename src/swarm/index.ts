/** What other links use of the swarm engine (the deploy strategy adapter); everything else stays inside src/swarm. */
export { serviceUpdateImage, stackDeploy } from './commands.js';
export { GOOD_OUTCOMES, runSwarm, SWARM_DEFAULTS, type SwarmResult, type SwarmSettings } from './deploy.js';
export { remoteDockerEndpoint, type DockerEndpoint } from './endpoint.js';
export { shortImage } from './engine-state.js';
export { swarmFailure, swarmSummary } from './report.js';
export { parseSwarmStrategy, type SwarmStrategySettings } from './strategy-settings.js';
