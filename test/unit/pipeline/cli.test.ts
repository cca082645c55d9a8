import { runPipelineCommand } from '../../../src/cli/commands/pipeline.js';
import { MemoryLogger } from '../../../src/core/log.js';

// A dry run with no image is refused while reading inputs, before anything runs.
const badRun = ['--dry-run', 'true', '--hosts', 'deploy@127.0.0.1', '--app-dir', '/srv/app'];

describe('slipway pipeline on a bad input', () => {
  it('prints one message naming the input, without a stack trace', async () => {
    const log = new MemoryLogger();
    expect(await runPipelineCommand(badRun, log)).toBe(2);
    expect(log.text()).toMatch(/image/);
    expect(log.text()).not.toMatch(/\n\s+at /);
  });

  it('adds the stack trace when --debug is given', async () => {
    const log = new MemoryLogger();
    expect(await runPipelineCommand([...badRun, '--debug'], log)).toBe(2);
    expect(log.text()).toMatch(/\n\s+at /);
  });
});
