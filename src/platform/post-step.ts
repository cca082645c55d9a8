import os from 'node:os';
import * as core from './workflow-commands.js';
import { Inputs } from '../core/config/inputs.js';
import { formatError } from '../core/errors.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { onSecretRegistered } from '../core/secrets.js';
import { actionInputSource, ActionsLogger } from './actions-edge.js';
import { describeActor, detectPlatform } from './detect.js';
import { cleanUpLeftovers, LEFTOVERS_STATE, parseLeftovers } from './post-cleanup.js';

/**
 * The `post:` step every action that holds keys, locks or temp files declares
 * (post-if: always()). After a main step that cleaned up, its saved list is
 * empty and this does nothing. After a killed one it releases the locks this
 * run still holds and removes its key material, masters, agents and temp dirs.
 * It warns rather than fails: the job's result is the main step's.
 */
export async function runPostStep(): Promise<void> {
  const items = parseLeftovers(core.getState(LEFTOVERS_STATE));
  if (items.length === 0) return;
  const platform = detectPlatform();
  onSecretRegistered((value) => core.setSecret(value));
  const log = new ActionsLogger(platform);
  try {
    log.info(`post: the main step left ${items.length} thing(s) to clean up (it was stopped before its own cleanup)`);
    const report = await cleanUpLeftovers(items, {
      runner: new ProcessRunner(log), log, inputs: new Inputs(actionInputSource), actor: describeActor(platform, os.hostname()),
    });
    log.info(`post: ${report.locksReleased} lock(s) released, ${report.sessionsClosed} SSH session(s) closed and removed, ${report.dirsRemoved} temp dir(s) removed`);
    if (report.locksLeft > 0) log.warn(`post: ${report.locksLeft} deploy lock(s) could not be released; the next deploy breaks them after lock-stale-after`);
  } catch (error) {
    log.warn(`post: cleanup failed: ${formatError(error)}`);
  }
}
