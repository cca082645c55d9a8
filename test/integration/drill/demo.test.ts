import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { demoDrill } from '../../../src/demo/drill.js';

describe('demoDrill', () => {
  it('seeds, backs up with restic, drills and returns a passing report', async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-demo-'));
    try {
      const log = new MemoryLogger();
      const report = await demoDrill(log, workDir);
      expect(report.passed).toBe(true);
      expect(report.restores[0].tables).toEqual({ students: 3, journal_entries: 3 });
      expect(fs.existsSync(path.join(workDir, 'demo-drill-report.json'))).toBe(true);
      expect(log.text()).toContain("Restore drill 'demo': passed");
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
