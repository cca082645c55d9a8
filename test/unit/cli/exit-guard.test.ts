import { EventEmitter } from 'node:events';
import { runGuarded, type ProcessLike } from '../../../src/core/exit-guard.js';

/** A process stand-in: 'beforeExit' is what Node emits when nothing is left to keep it alive. */
function fakeProcess(): ProcessLike & { emitter: EventEmitter; written: string[] } {
  const emitter = new EventEmitter();
  const written: string[] = [];
  return {
    emitter,
    written,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    exitCode: undefined,
    stderr: { write: (text: string) => written.push(text) },
  };
}

describe('a CLI run that ends without a result', () => {
  it('is exit 1 with a message, after the cleanup ran, when the event loop runs dry with the command still pending', async () => {
    const proc = fakeProcess();
    const cleaned: string[] = [];
    const done = runGuarded(() => new Promise<number>(() => undefined), { what: 'slipway deploy', cleanup: () => { cleaned.push('session dir, master, lock'); } }, proc);
    proc.emitter.emit('beforeExit');
    expect(await done).toBe(1);
    expect(proc.exitCode).toBe(1);
    expect(cleaned).toEqual(['session dir, master, lock']);
    expect(proc.written.join('')).toMatch(/^error: slipway deploy stopped before it had a result/);
    expect(proc.emitter.listenerCount('beforeExit')).toBe(0);
  });

  it('keeps the command\'s own exit code when it settles, runs the cleanup once and ignores a later beforeExit', async () => {
    const proc = fakeProcess();
    let cleanups = 0;
    expect(await runGuarded(async () => 0, { what: 'slipway smoke', cleanup: () => { cleanups += 1; } }, proc)).toBe(0);
    proc.emitter.emit('beforeExit');
    expect(proc.exitCode).toBe(0);
    expect(proc.written).toEqual([]);
    expect(cleanups).toBe(1);
  });

  it('turns a rejected command into exit 1 with its message and runs the cleanup', async () => {
    const proc = fakeProcess();
    let cleanups = 0;
    expect(await runGuarded(async () => { throw new Error('boom'); }, { what: 'slipway drill', cleanup: () => { cleanups += 1; } }, proc)).toBe(1);
    expect(proc.exitCode).toBe(1);
    expect(proc.written.join('')).toContain('error: boom');
    expect(cleanups).toBe(1);
  });
});
