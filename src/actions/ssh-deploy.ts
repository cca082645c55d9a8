// The ssh-deploy action: inputs → the shared deploy flow → outputs and summary.
import { runAction } from '../platform/actions-edge.js';
import { deployFlow } from '../deploy/flow.js';

await runAction(deployFlow);
