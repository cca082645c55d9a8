// The shared post step (runs.post in each action.yml, post-if: always()): cleans up after a killed main step.
import { runPostStep } from '../platform/post-step.js';

await runPostStep();
