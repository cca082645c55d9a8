import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { demoPreview } from '../../../src/demo/preview.js';
import { loadSandbox } from '../../support/sandbox.js';

describe('the demo\'s preview step', () => {
  it('brings two previews up, lists them, takes one down and leaves nothing behind', async () => {
    const sandbox = loadSandbox();
    const h1 = sandbox.ssh.hosts[0];
    if (!h1) throw new Error('sandbox host h1 missing');
    const log = new MemoryLogger();
    const report = await demoPreview(log, {
      host: { address: h1.address, port: h1.port, baseDir: h1.baseDir }, user: sandbox.ssh.user,
      privateKeyPath: sandbox.ssh.privateKeyPath, knownHostsPath: sandbox.ssh.knownHostsPath,
    });
    expect(report.detail).toMatch(/^pr-101, pr-102 up on ports 44101, 44102; list: 2 \(\d+\.\d MB\); pr-101 down, left: pr-102$/);
    const runner = new ProcessRunner(new MemoryLogger());
    for (const project of ['demo-preview-pr-101', 'demo-preview-pr-102']) {
      expect((await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`] })).stdout.trim()).toBe('');
    }
  }, 300_000);
});
