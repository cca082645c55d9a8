import { runAction } from '../platform/actions-edge.js';
import { drillFlow } from '../drill/flow.js';

await runAction(drillFlow);
