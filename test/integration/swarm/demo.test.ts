// The swarm step of `npm run demo`, as the demo runs it: its own namespaced swarm, v1, v2, a broken v3 rolled back.
import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { demoSwarm } from '../../../src/demo/swarm.js';
import { loadSandbox } from '../../support/sandbox.js';

describe('demoSwarm', () => {
  it('rolls v1 → v2, has the broken v3 rolled back with v2 serving, and leaves no engine behind', async () => {
    const log = new MemoryLogger();
    const before = fs.readdirSync('/tmp').filter((f) => f.startsWith('swarm-demo-'));
    const report = await demoSwarm(log, { runner: new ProcessRunner(log), image: loadSandbox().baseImage, sourceHost: loadSandbox().docker.host });
    expect(report.skipped).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.detail).toMatch(/v2 rolled out in .*serving v2; broken v3 rolled back by the engine in .*, v2 serving/);
    expect(log.text()).toMatch(/demo_web: the update to slipway\/busybox:sandbox was rolled back: health check failing.*serving \(1\/1 running\)/);
    expect(fs.readdirSync('/tmp').filter((f) => f.startsWith('swarm-demo-'))).toEqual(before);
  }, 180_000);
});
