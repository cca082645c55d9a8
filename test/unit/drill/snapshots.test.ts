import { borgUtcTime, parseBorgArchives, parseResticSnapshots, pickOlder, selectSnapshot } from '../../../src/drill/snapshots.js';

const restic = JSON.stringify([
  { id: 'aaaaaaaa11111111', time: '2026-11-20T02:30:00.5+01:00', paths: ['/var/lib/app'], tags: ['db'] },
  { id: 'bbbbbbbb22222222', time: '2026-11-24T02:30:00Z', summary: { backup_end: '2026-11-24T02:41:00Z' }, paths: ['/var/lib/app'] },
  { id: 'cccccccc33333333', time: '2026-11-22T02:30:00Z', paths: ['/var/lib/app'] },
]);

describe('snapshots', () => {
  it('dates a restic snapshot by summary.backup_end, falling back to time', () => {
    const [first, second] = parseResticSnapshots(restic);
    expect(first.time.toISOString()).toBe('2026-11-20T01:30:00.500Z');
    expect(first.timeSource).toMatch(/backup start/);
    expect(second.time.toISOString()).toBe('2026-11-24T02:41:00.000Z');
    expect(second.timeSource).toBe('restic summary.backup_end');
  });

  it('reads borg archive times as UTC, since the drill lists them with TZ=UTC', () => {
    const archives = parseBorgArchives(JSON.stringify({ archives: [{ name: 'lynx-1', id: 'x', start: '2026-11-25T04:49:46.000000', time: '2026-11-25T04:49:46.000000' }] }));
    expect(archives[0].time.toISOString()).toBe('2026-11-25T04:49:46.000Z');
    expect(borgUtcTime('2026-11-25T04:49:46+02:00').toISOString()).toBe('2026-11-25T02:49:46.000Z');
  });

  it('treats an empty listing as no snapshots', () => {
    expect(parseResticSnapshots('[]')).toEqual([]);
    expect(parseResticSnapshots('null')).toEqual([]);
    expect(parseBorgArchives('{"archives": []}')).toEqual([]);
  });

  it('selects the newest, a full id, or an unambiguous short id', () => {
    const snapshots = parseResticSnapshots(restic);
    expect(selectSnapshot(snapshots, 'latest')?.id).toBe('bbbbbbbb22222222');
    expect(selectSnapshot(snapshots, 'cccccccc33333333')?.id).toBe('cccccccc33333333');
    expect(selectSnapshot(snapshots, 'aaaaaaaa')?.id).toBe('aaaaaaaa11111111');
    expect(selectSnapshot(snapshots, 'aaaa')).toBeUndefined();
    expect(selectSnapshot([], 'latest')).toBeUndefined();
  });

  it('picks a random snapshot strictly older than the chosen one', () => {
    const snapshots = parseResticSnapshots(restic);
    const newest = selectSnapshot(snapshots, 'latest')!;
    expect(pickOlder(snapshots, newest, () => 0)?.id).toBe('cccccccc33333333');
    expect(pickOlder(snapshots, newest, () => 0.99)?.id).toBe('aaaaaaaa11111111');
    expect(pickOlder(snapshots, selectSnapshot(snapshots, 'aaaaaaaa11111111')!)).toBeUndefined();
  });
});
