// The preview action: inputs → the preview flow (up, down, list, reap) → outputs and summary.
import { runAction } from '../platform/actions-edge.js';
import { previewFlow } from '../preview/flow.js';

await runAction(previewFlow);
