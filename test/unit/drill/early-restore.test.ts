import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import type { RunResult } from '../../../src/core/runner/process-runner.js';
import { restoredSnapshotId } from '../../../src/drill/commands.js';
import { ScratchPlace } from '../../../src/drill/scratch.js';
import { restoreFromRepository, type RepositorySession } from '../../../src/drill/sources/index.js';

const ran = (stdout: string, exitCode = 0): RunResult => ({ exitCode, stdout, stderr: '', durationMs: 1, attempts: 1, timedOut: false });

describe('which snapshot a restic restore says it restored', () => {
  it.each([
    ['restoring <Snapshot 9a2225c2 of [/srv/app] at 2026-12-01 02:40:05 +0000 UTC by root@vm> to /tmp/t', '9a2225c2'],
    ['restoring snapshot 9a2225c2 of [/srv/app] at 2026-12-01 02:40:05 +0000 UTC by root@vm to /tmp/t', '9a2225c2'],
    ['Summary: Restored 3 files', undefined],
  ])('%s', (stdout, id) => expect(restoredSnapshotId(stdout)).toBe(id));
});

describe('an early restore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-early-unit-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const snapshot = { id: `b1${'0'.repeat(62)}`, time: new Date(), timeSource: 'restic time', paths: ['/srv/app'], tags: [] };

  const restoreWith = async (early: RunResult) => {
    const scratch = ScratchPlace.create(root);
    const dataDir = scratch.sub('restore', 'newest');
    fs.writeFileSync(path.join(dataDir, 'written-by-early'), 'x');
    const restores: string[] = [];
    const session: RepositorySession = {
      snapshots: [snapshot], checks: [], check: async () => ({ name: 'check', passed: true, detail: '' }),
      restore: async (chosen) => { restores.push(chosen.id); return ran(''); },
    };
    // The early restore began a minute ago: the RTO counts from then only if it is kept.
    const earlyStart = Date.now() - 60_000;
    const restored = await restoreFromRepository(session, snapshot, scratch, new RecordingRunner(), 'newest', undefined, { startedAt: earlyStart, result: Promise.resolve(early) });
    const left = fs.readdirSync(dataDir);
    await scratch.remove(new MemoryLogger());
    return { restores, restored, left, earlyStart };
  };

  it('is kept when it restored the snapshot the listing selected', async () => {
    const { restores, left, restored, earlyStart } = await restoreWith(ran(`restoring <Snapshot ${snapshot.id.slice(0, 8)} of [/srv/app] at … to x`));
    expect(restores).toEqual([]);
    expect(left).toEqual(['written-by-early']);
    expect(restored.startedAt).toBe(earlyStart);
  });

  it('is thrown away, and the selected snapshot restored, when a newer backup landed in between', async () => {
    const { restores, left, restored, earlyStart } = await restoreWith(ran('restoring <Snapshot c2c2c2c2 of [/srv/app] at … to x'));
    expect(restores).toEqual([snapshot.id]);
    expect(left).toEqual([]);
    // The RTO counts from the restore that was kept, not the one thrown away.
    expect(restored.startedAt).toBeGreaterThan(earlyStart + 50_000);
  });

  it('is thrown away when it failed or said nothing of its snapshot', async () => {
    expect((await restoreWith(ran('Fatal: wrong password', 1))).restores).toEqual([snapshot.id]);
    expect((await restoreWith(ran(''))).restores).toEqual([snapshot.id]);
  });
});
