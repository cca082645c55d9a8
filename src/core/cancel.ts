import { SlipwayError } from './errors.js';

/**
 * A cancel (SIGINT/SIGTERM from a runner or a terminal) reaches flows as an
 * aborted `FlowContext.signal`. A flow that sees it starts no new step: the
 * step in flight finishes, the host is brought to the old or the new version,
 * and the flow's own cleanup runs. This error stops a flow at a step boundary.
 */
export class CancelledError extends SlipwayError {
  constructor(readonly step: string) {
    super(`cancelled before ${step}`);
    this.name = 'CancelledError';
  }
}

export const isCancelled = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

/** Throws CancelledError naming the step that will not start. */
export function throwIfCancelled(signal: AbortSignal | undefined, step: string): void {
  if (signal?.aborted) throw new CancelledError(step);
}

/** Resolves with `work`, or with `onAbort()` as soon as the signal aborts (the work is left to finish on its own). */
export function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => T): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      work.catch(() => undefined);
      resolve(onAbort());
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => { signal.removeEventListener('abort', abort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', abort); reject(error); },
    );
  });
}
