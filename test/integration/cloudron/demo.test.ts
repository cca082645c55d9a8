import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { demoCloudron } from '../../../src/demo/cloudron-demo.js';
import { docker } from '../../support/flow-harness.js';
import { loadSandbox } from '../../support/sandbox.js';

describe('the Cloudron demo step', () => {
  it('runs seed 001 on the stand-in (install, update, red update restored, move to the apex, rollback) and leaves no container', async () => {
    const log = new MemoryLogger();
    const report = await demoCloudron(log, { appDir: path.resolve('examples/app'), registry: loadSandbox().registries.anonymous.address });
    expect(report.detail).toBe('staging 0.1.0 → 0.1.1; 0.1.2 red, restored to 0.1.1; moved to demo-cloudron.test; rollback restored 0.1.0');
    expect(report.ok).toBe(true);
    expect(renderMarkdown(report.summary)).toMatch(/Cloudron move done: demo-cloudron\.test/);
    expect(log.text()).not.toMatch(/demo-[0-9a-f]{36}/);
    expect(docker('ps', '--all', '--quiet', '--filter', 'name=slipway-demo-cloudron')).toBe('');
  });
});
