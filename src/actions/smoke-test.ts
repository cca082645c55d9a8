// The smoke-test action: inputs → the shared core flow → outputs and summary.
import { runAction } from '../platform/actions-edge.js';
import { smokeFlow } from '../smoke/flow.js';

await runAction(smokeFlow);
