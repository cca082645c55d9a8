import fs from 'node:fs';
import path from 'node:path';
import type { Runner, RunResult } from '../../core/runner/process-runner.js';
import { borgCheck, borgEnv, borgExtract, borgList, resticCheck, resticEnv, resticRestore, resticSnapshots, restoredSnapshotId } from '../commands.js';
import type { CheckResult } from '../report.js';
import { sizeOf, type ScratchPlace } from '../scratch.js';
import type { RepositorySource } from '../settings.js';
import { parseBorgArchives, parseResticSnapshots, type SnapshotInfo } from '../snapshots.js';
import { failed, type Restored } from './restored.js';
import { sqliteFromTree, type RestoredDatabase } from './sqlite.js';

/* A restic or borg repository: open and list it, restore a snapshot, check it. */

export interface RepositorySession {
  snapshots: SnapshotInfo[];
  checks: CheckResult[];
  restore(snapshot: SnapshotInfo, dataDir: string): Promise<RunResult>;
  check(): Promise<CheckResult>;
  backupBytes?: number;
}

export async function openRepository(source: RepositorySource, scratch: ScratchPlace, runner: Runner): Promise<RepositorySession> {
  const tool = source.kind;
  const env = tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache')) : borgEnv(source, scratch.sub('tool', 'borg-home'));
  const list = tool === 'restic'
    ? resticSnapshots(env, { tags: source.tags, path: source.pathFilter })
    : borgList(env, source.repository, source.pathFilter);
  const listed = await runner.run(list, { allowFailure: true, timeoutMs: 600_000 });
  const checks: CheckResult[] = [];
  let snapshots: SnapshotInfo[] = [];
  const openName = `open ${tool} repository`;
  if (listed.exitCode !== 0) {
    checks.push({ ...failed(openName, listed), detail: `${failed(openName, listed).detail} (wrong password, or not a ${tool} repository?)` });
  } else {
    try {
      snapshots = tool === 'restic' ? parseResticSnapshots(listed.stdout) : parseBorgArchives(listed.stdout);
      // Tags are a restic notion; borg archives are filtered by name glob only.
      checks.push({ name: openName, passed: true, detail: `${snapshots.length} ${tool === 'restic' ? 'snapshot' : 'archive'}(s)` });
    } catch (error) {
      checks.push({ name: openName, passed: false, detail: `unreadable listing: ${(error as Error).message}` });
    }
  }
  const local = fs.existsSync(source.repository) ? sizeOf(source.repository) : undefined;
  return {
    snapshots,
    checks,
    backupBytes: local,
    restore: (snapshot, dataDir) =>
      runner.run(tool === 'restic' ? resticRestore(env, snapshot.id, dataDir) : borgExtract(env, source.repository, snapshot.id, dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 }),
    check: () => checkRepository(source, scratch, runner, env),
  };
}

/**
 * `restic check` (metadata, or the read-data subset asked for) or `borg check`. A restic check
 * started on its own gets a cache directory of its own: two restic processes never share one.
 */
export async function checkRepository(source: RepositorySource, scratch: ScratchPlace, runner: Runner, env?: Record<string, string>): Promise<CheckResult> {
  const tool = source.kind;
  const ownEnv = env ?? (tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache-check')) : borgEnv(source, scratch.sub('tool', 'borg-home')));
  const name = tool === 'restic' ? `restic check${source.readDataSubset ? ` --read-data-subset=${source.readDataSubset}` : ''}` : 'borg check';
  const result = await runner.run(tool === 'restic' ? resticCheck(ownEnv, source.readDataSubset) : borgCheck(ownEnv, source.repository), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
  return result.exitCode === 0 ? { name, passed: true, detail: 'no errors' } : failed(name, result);
}

/**
 * restic derives its key from the password on every run (scrypt: about 0.7 s
 * here), so listing and then restoring pays it twice. For `latest`, the
 * restore starts beside the listing instead (same tag/path filters); it is
 * kept only when restic restored exactly the snapshot the listing then selects.
 */
export interface EarlyRestore {
  startedAt: number;
  result: Promise<RunResult>;
}

export function startEarlyRestore(source: RepositorySource, scratch: ScratchPlace, runner: Runner): EarlyRestore | undefined {
  if (source.kind !== 'restic' || source.snapshot !== 'latest') return undefined;
  // Its own cache directory: two restic processes never share one.
  const env = resticEnv(source, scratch.sub('tool', 'restic-cache-early'));
  const spec = resticRestore(env, 'latest', scratch.sub('restore', 'newest'), { tags: source.tags, path: source.pathFilter });
  const early = { startedAt: Date.now(), result: runner.run(spec, { allowFailure: true, timeoutMs: 6 * 3_600_000 }) };
  // Whatever ends the drill, the scratch place is removed only once this restore has stopped writing into it.
  scratch.onCleanup('the early restic restore', () => early.result.then(() => undefined, () => undefined));
  return early;
}

/** `label` newest may take over an early restore; `startedAt` says when the restore that was kept began. */
export async function restoreFromRepository(session: RepositorySession, snapshot: SnapshotInfo, scratch: ScratchPlace, runner: Runner, label: string, database: RestoredDatabase = {}, early?: EarlyRestore): Promise<Restored> {
  const dataDir = scratch.sub('restore', label);
  const checks: CheckResult[] = [];
  let startedAt = Date.now();
  let result: RunResult | undefined;
  if (early) {
    const done = await early.result.catch(() => undefined);
    const id = done?.exitCode === 0 ? restoredSnapshotId(done.stdout) : undefined;
    if (id && snapshot.id.startsWith(id)) {
      result = done;
      startedAt = early.startedAt;
    } else {
      // A backup landed in between, or the early run failed: start clean with the selected snapshot.
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
      startedAt = Date.now();
    }
  }
  result ??= await session.restore(snapshot, dataDir);
  checks.push(result.exitCode === 0 ? { name: `restore ${snapshot.id.slice(0, 12)}`, passed: true, detail: `into ${dataDir}` } : failed(`restore ${snapshot.id.slice(0, 12)}`, result));
  const found = result.exitCode === 0 ? await sqliteFromTree(runner, dataDir, database, checks) : {};
  const appDataDir = found.file ? path.dirname(found.file) : undefined;
  return { dataDir, appDataDir, database: found.file, probe: found.probe, checks, sizes: { backupBytes: session.backupBytes, restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed), startedAt };
}
