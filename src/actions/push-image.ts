// The push-image action: inputs → the shared core flow → outputs and summary.
import { pushImageFlow } from '../image/push-flow.js';
import { runAction } from '../platform/actions-edge.js';

await runAction(pushImageFlow);
