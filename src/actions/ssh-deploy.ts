// The ssh-deploy action: inputs → the shared deploy flow (mode preview: the preview flow) → outputs and summary.
import { runAction } from '../platform/actions-edge.js';
import { sshDeployFlow } from '../preview/deploy-mode.js';

await runAction(sshDeployFlow);
