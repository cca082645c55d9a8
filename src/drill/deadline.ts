import { CancelledError } from '../core/cancel.js';
import { SlipwayError } from '../core/errors.js';
import type { Runner } from '../core/runner/process-runner.js';
import { formatSeconds } from './report.js';

/** The drill ran past its `timeout` input. */
export class DrillTimeout extends SlipwayError {
  constructor(timeoutMs: number, step: string) {
    super(`stopped at the deadline of input 'timeout' (${formatSeconds(timeoutMs / 1000)}) during step '${step}'`, {
      fix: `Raise timeout, or find out why '${step}' is slow`,
    });
    this.name = 'DrillTimeout';
  }
}

/**
 * The `timeout` input as an upper bound for the whole drill. Work runs through
 * `runner()`, which caps every command at the time left (coreutils `timeout`
 * kills it at the deadline) and refuses new ones after it; `race()` stops
 * waiting at the deadline. Cleanup runs through `cleanup()`, which lets its
 * commands through uncapped: removing the scratch place is never cut short.
 */
export class DrillDeadline {
  /** What the drill is doing now, for the timeout message. */
  step = 'start';
  private readonly endsAt: number;
  private cleaningUp = false;

  /** `signal`: a cancel ends the drill like the deadline does (no new command; the scratch place is still removed). */
  constructor(readonly timeoutMs: number, now = Date.now(), private readonly signal?: AbortSignal) {
    this.endsAt = now + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  get expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** Names the step; throws when the deadline already passed. */
  enter(step: string): void {
    if (this.signal?.aborted) throw new CancelledError(step);
    if (this.expired) throw new DrillTimeout(this.timeoutMs, this.step);
    this.step = step;
  }

  runner(inner: Runner): Runner {
    return {
      run: (spec, options = {}) => {
        if (this.cleaningUp) return inner.run(spec, options);
        if (this.signal?.aborted) return Promise.reject(new CancelledError(`the next command of step '${this.step}'`));
        const remaining = this.remainingMs();
        if (remaining === 0) return Promise.reject(new DrillTimeout(this.timeoutMs, this.step));
        return inner.run(spec, { ...options, timeoutMs: Math.min(options.timeoutMs ?? remaining, remaining) });
      },
    };
  }

  /** Resolves with the work, or rejects with DrillTimeout at the deadline (the work is then left to its capped commands). */
  race<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DrillTimeout(this.timeoutMs, this.step)), this.remainingMs());
      const cancel = () => { clearTimeout(timer); reject(new CancelledError(`the rest of step '${this.step}'`)); };
      if (this.signal?.aborted) return cancel();
      this.signal?.addEventListener('abort', cancel, { once: true });
      work.then(
        (value) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); resolve(value); },
        (error: unknown) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); reject(error); },
      );
    });
  }

  /** After a timeout: waits (at most `graceMs`) for the work to return from its killed command. */
  async unwind(work: Promise<unknown> | undefined, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work?.catch(() => undefined), new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); })]);
    clearTimeout(timer);
  }

  async cleanup(undo: () => Promise<void>): Promise<void> {
    this.cleaningUp = true;
    try {
      await undo();
    } finally {
      this.cleaningUp = false;
    }
  }
}
