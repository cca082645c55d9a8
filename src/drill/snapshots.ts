/** A backup as the drill sees it, whichever tool made it. */
export interface SnapshotInfo {
  id: string;
  /** When the backup finished (or started, when the tool records only that). */
  time: Date;
  /** How `time` was read, for the report. */
  timeSource: string;
  paths: string[];
  tags: string[];
}

interface ResticSnapshotJson {
  id: string;
  short_id?: string;
  time: string;
  paths?: string[];
  tags?: string[];
  summary?: { backup_end?: string };
}

/** restic ≥ 0.17 records `summary.backup_end`; older snapshots only `time` (the start). */
export function parseResticSnapshots(json: string): SnapshotInfo[] {
  const parsed = JSON.parse(json || '[]') as ResticSnapshotJson[] | null;
  return (parsed ?? []).map((snapshot) => {
    const end = snapshot.summary?.backup_end;
    return {
      id: snapshot.id,
      time: new Date(end ?? snapshot.time),
      timeSource: end ? 'restic summary.backup_end' : 'restic time (backup start)',
      paths: snapshot.paths ?? [],
      tags: snapshot.tags ?? [],
    };
  });
}

interface BorgListJson {
  archives?: Array<{ name: string; id: string; start?: string; time?: string; end?: string }>;
}

/**
 * Borg prints archive times as host-local wall-clock time with no zone. The
 * drill runs `borg list` with TZ=UTC, so the printed wall clock is UTC and is
 * read as such; without that, a runner in UTC+2 would age every backup by 2 h.
 */
export function parseBorgArchives(json: string): SnapshotInfo[] {
  const parsed = JSON.parse(json || '{}') as BorgListJson;
  return (parsed.archives ?? []).map((archive) => ({
    id: archive.name,
    time: borgUtcTime(archive.end ?? archive.time ?? archive.start ?? ''),
    timeSource: archive.end ? 'borg archive end (UTC)' : 'borg archive start (UTC)',
    paths: [],
    tags: [],
  }));
}

export function borgUtcTime(wallClock: string): Date {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(wallClock) ? wallClock : `${wallClock}Z`;
  return new Date(withZone);
}

export function newestFirst(snapshots: SnapshotInfo[]): SnapshotInfo[] {
  return [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** `latest`, or a full/short restic id, or a borg archive name. */
export function selectSnapshot(snapshots: SnapshotInfo[], wanted: string): SnapshotInfo | undefined {
  const ordered = newestFirst(snapshots);
  if (wanted === 'latest') return ordered[0];
  return ordered.find((snapshot) => snapshot.id === wanted) ?? (wanted.length >= 8 ? ordered.find((snapshot) => snapshot.id.startsWith(wanted)) : undefined);
}

/** One of the snapshots older than `chosen`, picked by `random` (injectable for tests). */
export function pickOlder(snapshots: SnapshotInfo[], chosen: SnapshotInfo, random: () => number = Math.random): SnapshotInfo | undefined {
  const older = newestFirst(snapshots).filter((snapshot) => snapshot.time.getTime() < chosen.time.getTime() && snapshot.id !== chosen.id);
  if (older.length === 0) return undefined;
  return older[Math.min(older.length - 1, Math.floor(random() * older.length))];
}
