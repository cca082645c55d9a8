import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import type { DrillReport } from '../../../src/drill/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { dockerLeftovers, fingerprint, healthAppArgs, REPO_PASSWORD, SEED_QUERIES, seedAndBackUp } from './seed.js';

// Seed 004's disaster-recovery drill, end to end: seed data, back up, drop the live
// database, restore the newest snapshot into scratch, verify every record, boot the app
// on the restored copy and get a green health check.
describe('seed 004 drill: restic and borg, end to end', () => {
  const sandbox = loadSandbox();
  const seeded = seedAndBackUp({ restic: true, borg: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-work-'));
  const scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-scratch-'));
  afterAll(() => {
    for (const dir of [seeded.root, workDir, scratchRoot]) fs.rmSync(dir, { recursive: true, force: true });
  });

  const common = {
    password: REPO_PASSWORD,
    tables: 'students\njournal_entries\nquiz_attempts',
    'min-rows': 'students=3\njournal_entries=4\nquiz_attempts=3',
    queries: SEED_QUERIES,
    'max-age': '1h',
    'freshness-column': 'journal_entries.created_at',
    'app-image': sandbox.baseImage,
    'app-args': healthAppArgs(),
    'app-timeout': '20s',
    'scratch-root': scratchRoot,
  };

  it.each(['restic', 'borg'] as const)('%s: restores the newest backup after the live db is gone, verifies records and boots the app', async (tool) => {
    fs.rmSync(path.dirname(seeded.liveDb), { recursive: true, force: true });
    const repository = tool === 'restic' ? seeded.resticRepo : seeded.borgRepo;
    const before = fingerprint(repository);
    const log = new MemoryLogger();
    const run = await runFlow(drillFlow, { ...common, source: tool, repository, name: `seed004-${tool}` }, localContext(log, { workDir }));
    const report: DrillReport = run.result;
    const failures = report.restores.flatMap((restore) => restore.checks).filter((check) => !check.passed);
    expect(failures).toEqual([]);
    expect(run.failure).toBeUndefined();
    expect(report.passed).toBe(true);
    const names = report.restores[0].checks.map((check) => check.name);
    expect(names).toEqual(expect.arrayContaining([
      expect.stringMatching(/integrity_check/),
      expect.stringMatching(tool === 'restic' ? /^restic check/ : /^borg check/),
      'app boots on the restored data',
      'students has at least 3 rows',
    ]));
    expect(report.restores[0].tables).toEqual({ students: 3, journal_entries: 4, quiz_attempts: 3 });
    expect(report.restores[0].rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(report.restores[0].rpoSeconds).toBeLessThan(600);
    expect(report.restores[0].rtoSeconds).toBeGreaterThan(0);
    expect(run.outputs.passed).toBe('true');
    // The report file is written, the scratch place and the app are gone, the repository is as it was.
    expect(JSON.parse(fs.readFileSync(run.outputs['report-file'], 'utf8')).passed).toBe(true);
    expect(fs.readdirSync(scratchRoot).filter((name) => name.startsWith('slipway-drill-'))).toEqual([]);
    expect(dockerLeftovers()).toBe('');
    // borg check reserves nonces in the repository (its own bookkeeping); every other byte is as it was.
    const after = fingerprint(repository);
    if (tool === 'borg') { delete before.nonce; delete after.nonce; }
    expect(after).toEqual(before);
    expect(log.text()).not.toContain(REPO_PASSWORD);
  });
});
