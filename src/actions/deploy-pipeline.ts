import { runAction } from '../platform/actions-edge.js';
import { pipelineFlow } from '../pipeline/flow.js';

await runAction(pipelineFlow);
