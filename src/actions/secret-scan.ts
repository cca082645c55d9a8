import { runAction } from '../platform/actions-edge.js';
import { secretScanFlow } from '../scan/flow.js';

await runAction(secretScanFlow);
