/** What other links use of the swarm engine (the deploy strategy today); everything else stays inside src/swarm. */
export { keepSwarmReports, swarmDeploy, swarmReportSummary, swarmRollback } from './strategy.js';
export { type SwarmStrategySettings, parseSwarmStrategy } from './strategy-settings.js';
