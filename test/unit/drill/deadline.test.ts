import type { CommandSpec } from '../../../src/core/command.js';
import type { RunOptions, RunResult } from '../../../src/core/runner/process-runner.js';
import { DrillDeadline, DrillTimeout } from '../../../src/drill/deadline.js';

/** Records what the deadline passes on; the commands themselves are not the subject here. */
function recordingRunner(): { calls: Array<{ spec: CommandSpec; options?: RunOptions }>; run: (spec: CommandSpec, options?: RunOptions) => Promise<RunResult> } {
  const calls: Array<{ spec: CommandSpec; options?: RunOptions }> = [];
  return { calls, run: async (spec, options) => { calls.push({ spec, options }); return { exitCode: 0, stdout: '', stderr: '', durationMs: 0, attempts: 1, timedOut: false }; } };
}

describe('drill deadline (input timeout)', () => {
  it('caps every command at the time left, never lengthens one', async () => {
    const inner = recordingRunner();
    const deadline = new DrillDeadline(60_000);
    const runner = deadline.runner(inner);
    await runner.run({ file: 'restic', args: ['restore'] }, { timeoutMs: 6 * 3_600_000 });
    await runner.run({ file: 'sqlite3', args: [] }, { timeoutMs: 1_000 });
    await runner.run({ file: 'docker', args: ['inspect'] });
    const [restore, sqlite, inspect] = inner.calls.map((call) => call.options?.timeoutMs ?? 0);
    expect(restore).toBeGreaterThan(59_000);
    expect(restore).toBeLessThanOrEqual(60_000);
    expect(sqlite).toBe(1_000);
    expect(inspect).toBeGreaterThan(59_000);
  });

  it('after the deadline refuses new commands, naming the input and the step, but lets cleanup through', async () => {
    const inner = recordingRunner();
    const deadline = new DrillDeadline(1_000, Date.now() - 2_000);
    deadline.step = 'boot the app on the restored data';
    const runner = deadline.runner(inner);
    await expect(runner.run({ file: 'docker', args: ['run'] })).rejects.toThrow(new DrillTimeout(1_000, 'boot the app on the restored data'));
    expect(new DrillTimeout(1_000, 'boot the app on the restored data').message).toBe("stopped at the deadline of input 'timeout' (1 s) during step 'boot the app on the restored data'. Raise timeout, or find out why 'boot the app on the restored data' is slow");
    await deadline.cleanup(async () => { await runner.run({ file: 'docker', args: ['rm', '--force', 'x'] }); });
    expect(inner.calls.map((call) => call.spec.args)).toEqual([['rm', '--force', 'x']]);
    expect(inner.calls[0].options?.timeoutMs).toBeUndefined();
    expect(() => deadline.enter('verify')).toThrow(DrillTimeout);
  });

  it('race stops waiting at the deadline', async () => {
    const deadline = new DrillDeadline(50);
    const started = Date.now();
    await expect(deadline.race(new Promise((resolve) => setTimeout(resolve, 300)))).rejects.toBeInstanceOf(DrillTimeout);
    expect(Date.now() - started).toBeLessThan(250);
    expect(await new DrillDeadline(1_000).race(Promise.resolve('done'))).toBe('done');
  });
});
