import { slipway } from '../cli/capture.js';

// A dry run with no image is refused while reading inputs, before anything runs.
const badRun = ['pipeline', '--dry-run', 'true', '--hosts', 'deploy@127.0.0.1', '--app-dir', '/srv/app'];

describe('slipway pipeline on a bad input', () => {
  it('prints one message naming the input, without a stack trace', async () => {
    const run = await slipway(...badRun);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/image/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('adds the stack trace when --debug is given', async () => {
    const run = await slipway(...badRun, '--debug');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
