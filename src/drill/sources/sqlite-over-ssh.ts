import fs from 'node:fs';
import path from 'node:path';
import type { FlowContext } from '../../core/context.js';
import { lastLines } from '../../core/errors.js';
import { describeTarget, openSshSession, type SshTarget } from '../../ssh/index.js';
import { sqliteSnapshot } from '../commands.js';
import type { CheckResult } from '../report.js';
import { sizeOf, type ScratchPlace } from '../scratch.js';
import type { SqliteSource } from '../settings.js';
import type { Restored } from './restored.js';
import { checkSqliteIntegrity, sqliteProbe } from './sqlite.js';

/**
 * A live SQLite database on a host, over the ssh-deploy transport: an online
 * snapshot (read-only VACUUM INTO) into a private temporary directory on the
 * host, brought back over the same connection and removed there. The transfer is
 * base64 over the session's exec, so it suits databases up to a few hundred MiB;
 * bigger ones are better drilled from their restic/borg backup.
 */
export async function restoreSqliteOverSsh(source: SqliteSource, target: SshTarget, scratch: ScratchPlace, context: FlowContext, restoreAs?: string): Promise<Restored> {
  const dataDir = scratch.sub('restore');
  const local = path.join(dataDir, restoreAs ?? path.basename(source.path));
  const checks: CheckResult[] = [];
  const where = `${describeTarget(target)}:${source.path}`;
  const session = await openSshSession(target, context.runner, context.log);
  let remoteDir: string | undefined;
  try {
    const made = await session.exec(['mktemp', '-d', '/tmp/slipway-drill-XXXXXXXX'], { allowFailure: true });
    if (made.exitCode !== 0) {
      checks.push({ name: 'online snapshot over SSH', passed: false, detail: `mktemp on the host: ${lastLines(made.stderr.trim(), 2)}` });
      return { dataDir, checks, sizes: {}, ok: false };
    }
    remoteDir = made.stdout.trim();
    const remoteFile = `${remoteDir}/snapshot.db`;
    const snapshot = sqliteSnapshot(source.path, remoteFile);
    const snap = await session.exec([snapshot.file, ...snapshot.args], { allowFailure: true });
    if (snap.exitCode !== 0) {
      checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: false, detail: `${where}: exit ${snap.exitCode}: ${lastLines(snap.stderr.trim(), 2).replace(/\n/g, ' ')}` });
      return { dataDir, checks, sizes: {}, ok: false };
    }
    const copied = await session.exec(['base64', remoteFile], { allowFailure: true });
    if (copied.exitCode !== 0) {
      checks.push({ name: 'copy snapshot from the host', passed: false, detail: lastLines(copied.stderr.trim(), 2) });
      return { dataDir, checks, sizes: {}, ok: false };
    }
    fs.writeFileSync(local, Buffer.from(copied.stdout.replace(/\s+/g, ''), 'base64'));
    checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: true, detail: where });
  } finally {
    if (remoteDir) await session.exec(['rm', '-rf', remoteDir], { allowFailure: true });
    await session.close();
  }
  const integrity = await checkSqliteIntegrity(context.runner, local);
  checks.push(integrity);
  const probe = integrity.passed ? sqliteProbe(context.runner, local) : undefined;
  return { dataDir, appDataDir: dataDir, database: local, probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: probe !== undefined };
}
