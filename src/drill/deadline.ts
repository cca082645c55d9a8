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

  constructor(readonly timeoutMs: number, now = Date.now()) {
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
    if (this.expired) throw new DrillTimeout(this.timeoutMs, this.step);
    this.step = step;
  }

  runner(inner: Runner): Runner {
    return {
      run: (spec, options = {}) => {
        if (this.cleaningUp) return inner.run(spec, options);
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
      work.then(
        (value) => { clearTimeout(timer); resolve(value); },
        (error: unknown) => { clearTimeout(timer); reject(error); },
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
