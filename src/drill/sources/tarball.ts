import fs from 'node:fs';
import path from 'node:path';
import type { Runner } from '../../core/runner/process-runner.js';
import { dockerInspectVolume, dockerVolumeToTar, tarExtract } from '../commands.js';
import type { CheckResult } from '../report.js';
import { DRILL_LABEL, refuseTargetOverSource, sizeOf, type ScratchPlace } from '../scratch.js';
import type { TarballSource } from '../settings.js';
import { failed, type Restored } from './restored.js';
import { sqliteFromTree, type RestoredDatabase } from './sqlite.js';

/* A tarball of a directory, or a Docker volume packed into one. */

export async function restoreTarball(source: TarballSource, scratch: ScratchPlace, runner: Runner, database: RestoredDatabase = {}): Promise<Restored> {
  const dataDir = scratch.sub('restore');
  const checks: CheckResult[] = [];
  let file = source.file;
  if (source.volume) {
    const inspect = await runner.run(dockerInspectVolume(source.volume), { allowFailure: true });
    if (inspect.exitCode !== 0) {
      checks.push(failed(`docker volume ${source.volume}`, inspect));
      return { dataDir, checks, sizes: {}, ok: false };
    }
    refuseTargetOverSource(scratch.dir, [inspect.stdout.trim()]);
    const packDir = scratch.sub('pack');
    const packed = await runner.run(dockerVolumeToTar(source.volume, packDir, source.helperImage, `${DRILL_LABEL}=${scratch.id}`), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(packed.exitCode === 0 ? { name: `pack volume ${source.volume}`, passed: true, detail: 'read-only, no network' } : failed(`pack volume ${source.volume}`, packed));
    if (packed.exitCode !== 0) return { dataDir, checks, sizes: {}, ok: false };
    file = path.join(packDir, 'volume.tar');
  } else if (file) {
    refuseTargetOverSource(scratch.dir, [file]);
    if (!fs.existsSync(file)) {
      checks.push({ name: 'tarball exists', passed: false, detail: `${file} does not exist` });
      return { dataDir, checks, sizes: {}, ok: false };
    }
  }
  const extracted = await runner.run(tarExtract(file ?? '', dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
  checks.push(extracted.exitCode === 0 ? { name: 'extract tarball', passed: true, detail: path.basename(file ?? '') } : failed('extract tarball', extracted));
  const found = extracted.exitCode === 0 ? await sqliteFromTree(runner, dataDir, database, checks) : {};
  return { dataDir, appDataDir: found.file ? path.dirname(found.file) : undefined, database: found.file, probe: found.probe, checks, sizes: { backupBytes: sizeOf(file ?? ''), restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed) };
}
