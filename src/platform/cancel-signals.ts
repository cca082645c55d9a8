import { openLeftovers } from '../core/leftovers.js';
import type { Logger } from '../core/log.js';
import { removeLeftoversNow } from './post-cleanup.js';

export interface CancelSignals {
  /** Aborted by the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** The signal that cancelled the run, if any. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

/** Exit code of a process stopped by SIGINT, as shells report it. */
export const CANCELLED_EXIT_CODE = 130;

/**
 * The edges' answer to SIGINT/SIGTERM (a runner's cancel, Ctrl-C). GitHub sends
 * SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that; Forgejo gives no grace.
 *
 * - A flow that handles cancel: the first signal aborts `signal` and the flow
 *   winds down (no new step, host whole, lock released, session closed). A
 *   second signal does not cut that short. A third stops at once, removing
 *   local key material and temp dirs on the way out.
 * - Any other flow: the first signal removes the recorded leftovers and exits.
 */
export function handleCancelSignals(log: Logger, graceful: boolean): CancelSignals {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let count = 0;
  const stopNow = (why: string) => {
    log.error(why);
    removeLeftoversNow(openLeftovers());
    process.exit(CANCELLED_EXIT_CODE);
  };
  const onSignal = (name: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      received = name;
      if (!graceful) return stopNow(`cancelled (${name}): stopped; key files, ssh connections and temp dirs of this run were removed`);
      log.warn(`cancel requested (${name}): no new step starts; the step in flight finishes, then the host is left on the old or the new version, the lock released and the SSH connection closed`);
      controller.abort(new Error(`cancelled (${name})`));
      return;
    }
    if (count === 2) {
      log.warn(`${name} received while cancelling: the cleanup goes on (a further signal stops at once, leaving the lock to the post step)`);
      return;
    }
    stopNow(`cancelled (${name}) during cleanup: stopped at once; local key files and temp dirs removed, the post step releases what is left`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
