// The push-image action: inputs → the shared core flow → outputs and summary.
import { pushImageActionFlow } from '../image/push-flow.js';
import { runAction } from '../platform/actions-edge.js';

// The form that settles a failure into a result, so the job summary says what failed.
await runAction(pushImageActionFlow);
