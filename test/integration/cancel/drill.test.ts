import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import { allChecks } from '../../../src/drill/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { seedAndBackUp } from '../drill/seed.js';
import { eventually } from './support.js';

/** Drill containers whose bind mounts lie under `root` (other suites run drills on the same engine). */
function drillContainersUnder(root: string): string[] {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', 'label=dev.slipway.drill'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const mounts = execFileSync('docker', ['inspect', '--format', '{{.Id}} {{range .Mounts}}{{.Source}} {{end}}', ...ids], { encoding: 'utf8' }).split('\n');
  return mounts.filter((line) => line.includes(root)).map((line) => line.split(' ')[0] ?? '');
}

describe('restore-drill cancelled while it boots the app', () => {
  const sandbox = loadSandbox();
  const seeded = seedAndBackUp();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-cancel-drill-'));
  const scratchRoot = path.join(root, 'scratch');
  afterAll(() => {
    for (const dir of [seeded.root, root]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops at once, removes its scratch place and app container, and reports the cancel', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runFlow(drillFlow, {
      source: 'sqlite', 'database-path': seeded.liveDb, 'scratch-root': scratchRoot, timeout: '2m',
      // An app that runs but never answers: only the cancel ends the wait.
      'app-image': sandbox.baseImage, 'app-args': ['sh', '-c', 'exec sleep 600'].join('\n'), 'app-timeout': '90s',
    }, localContext(new MemoryLogger(), { workDir: root, signal: controller.signal }));
    await eventually('the app container runs on the restored data', () => drillContainersUnder(scratchRoot).length > 0, 60_000, 100);
    controller.abort();
    const { result, failure } = await run;

    expect((Date.now() - started) / 1000).toBeLessThan(60);
    expect(result.passed).toBe(false);
    expect(allChecks(result).filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`))
      .toEqual(["drill ran to the end: cancelled before the rest of step 'boot the app on the restored data'"]);
    expect(failure).toBeDefined();
    expect(fs.readdirSync(scratchRoot).filter((name) => name.startsWith('slipway-drill-'))).toEqual([]);
    expect(drillContainersUnder(scratchRoot)).toEqual([]);
  });
});
