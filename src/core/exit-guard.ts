/**
 * Runs the CLI as a process. Node exits with code 0 when its event loop runs
 * dry, even while a promise is still pending: a flow stuck on something that
 * keeps nothing alive (a request no socket or timer is left to settle) would
 * look like success, with no result and nothing cleaned up. So 'beforeExit'
 * while the command has no result is a failure: a message, the cleanup, exit 1.
 */
export interface ProcessLike {
  on(event: 'beforeExit', listener: () => void): unknown;
  off(event: 'beforeExit', listener: () => void): unknown;
  exitCode?: number | string | null;
  stderr: { write(text: string): unknown };
}

export interface GuardOptions {
  /** What no run may leave behind (key files, ssh masters): runs after a result, an error and a stall alike. */
  cleanup?: () => void | Promise<void>;
  /** For the message: `slipway deploy`. */
  what: string;
  /** Told the stall's message before the cleanup (the Actions edge turns it into the step's failure). */
  onStall?: (message: string) => void;
}

export const STALLED_MESSAGE = (what: string): string =>
  `error: ${what} stopped before it had a result: it was waiting for something that can no longer answer. ` +
  'This is a bug in Slipway, not in your inputs: run again with --debug and report the last lines. Exit code 1.\n';

export function runGuarded(command: () => Promise<number>, options: GuardOptions, proc: ProcessLike = process): Promise<number> {
  let settled = false;
  return new Promise<number>((resolve) => {
    const stalled = () => {
      proc.off('beforeExit', stalled);
      if (settled) return;
      settled = true;
      proc.exitCode = 1;
      proc.stderr.write(STALLED_MESSAGE(options.what));
      options.onStall?.(STALLED_MESSAGE(options.what).replace(/^error: /, '').trim());
      // Cleanup may start processes (ssh -O exit): the loop lives on until they end, then the process exits 1.
      Promise.resolve()
        .then(() => options.cleanup?.())
        .catch((error: unknown) => { proc.stderr.write(`error: cleanup after the stop failed: ${(error as Error).message}\n`); })
        .finally(() => { proc.exitCode = 1; resolve(1); });
    };
    proc.on('beforeExit', stalled);
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      proc.off('beforeExit', stalled);
      proc.exitCode = code;
      // A finished run has removed what it made; the cleanup then finds nothing, or what a bug left.
      Promise.resolve()
        .then(() => options.cleanup?.())
        .catch((error: unknown) => { proc.stderr.write(`warning: cleanup at exit failed: ${(error as Error).message}\n`); })
        .finally(() => resolve(code));
    };
    command().then(finish, (error: unknown) => {
      if (!settled) proc.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
      finish(1);
    });
  });
}
