import { MemoryLogger } from '../../../src/core/log.js';
import { acquireLock, LockHeldError } from '../../../src/deploy/lock.js';
import { RecordingSession, snippet } from '../../support/recording-session.js';

const LOCK = '/srv/app/.slipway/lock';
const options = { holder: 'ci@runner', runId: 'run:1.1', waitMs: 0, staleAfterMs: 3600_000, pollMs: 10 };

/** A host whose lock is held by `holder` for `ageSeconds` until Slipway breaks it. */
function heldLock(holder: string, ageSeconds: number) {
  const session = new RecordingSession();
  let held = true;
  session.on(snippet('slipway-lock', LOCK), () => (held ? { exitCode: 3, stdout: `${ageSeconds}\n${holder}\n` } : { exitCode: 0 }));
  session.on(snippet('slipway-break-lock', LOCK), () => {
    held = false;
    return {};
  });
  return session;
}

describe('deploy lock decisions (recorded session)', () => {
  it.each([
    { age: 7200, breaks: true, why: 'older than lock-stale-after: broken (only if still that holder) and taken' },
    { age: 3600, breaks: true, why: 'exactly lock-stale-after old: stale' },
    { age: 3599, breaks: false, why: 'younger than lock-stale-after: waited for, then given up' },
  ])('a lock held for $age s is $why', async ({ age, breaks }) => {
    const session = heldLock('old-runner (run:0.1) at 2026-01-01T00:00:00Z', age);
    const log = new MemoryLogger();
    const taking = acquireLock(session, '/srv/app', options, log);
    if (breaks) {
      await expect(taking).resolves.toBeDefined();
      // The holder it judged stale travels as its own argument: a lock retaken meanwhile is not broken.
      expect(session.ran(snippet('slipway-break-lock'))).toEqual([['sh', '-c', expect.any(String), 'slipway-break-lock', LOCK, 'old-runner (run:0.1) at 2026-01-01T00:00:00Z']]);
      expect(log.text()).toMatch(/breaking a stale deploy lock held by old-runner .* for \d+ s \(lock-stale-after is 3600 s\)/);
    } else {
      await expect(taking).rejects.toBeInstanceOf(LockHeldError);
      expect(session.ran(snippet('slipway-break-lock'))).toEqual([]);
    }
  });

  it('releases only the lock it holds, by its own token', async () => {
    const session = new RecordingSession();
    const lock = await acquireLock(session, '/srv/app', options, new MemoryLogger());
    const token = session.ran(snippet('slipway-lock'))[0]?.[5];
    expect(token).toMatch(/^ci@runner \(run:1\.1\) at /);
    await lock.release();
    expect(session.ran(snippet('slipway-unlock'))).toEqual([['sh', '-c', expect.any(String), 'slipway-unlock', LOCK, token]]);
  });
});
