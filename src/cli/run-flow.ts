// Moved to src/core/run-flow.ts (links and tests run flows without the CLI); kept so branches in flight still build.
export { localContext, runFlow, type FlowRun } from '../core/run-flow.js';
