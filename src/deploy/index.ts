/** What other links use of deploy (the pipeline, swarm, preview): flows, compose words, host state, the lock. */
export { type ComposeFlavor, type ComposeProject, DETECT_COMPOSE, composeWords } from './compose-commands.js';
export { type DeployResult } from './fleet.js';
export { deployFlow } from './flow.js';
export { waitForHttpHealth } from './health.js';
export { type HostOutcome, type HostRun, RolledBackError } from './host-run.js';
export { appendDeployLog, stateDir, writeAtomic } from './host-state.js';
export { type HeldLock, acquireLock } from './lock.js';
export { type DeploySettings, VERSION, forHost, parseDeploySettings } from './settings.js';
export { STRATEGIES, STRATEGY_NAMES, hostPathsFor, strategyFor, strategyReportsSummary } from './strategies/index.js';
