// The build-image action: inputs → the shared core flow → outputs and summary.
import { buildImageFlow } from '../image/build-flow.js';
import { runAction } from '../platform/actions-edge.js';

await runAction(buildImageFlow);
