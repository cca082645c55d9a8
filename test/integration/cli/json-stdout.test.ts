import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hosts, runner, sandbox } from '../deploy/support.js';

/**
 * `--json` on a real run: the bundled CLI deploys to a sandbox host as its own process
 * (stdout a pipe, as a script reading it has). The script strategy's output is streamed
 * while it runs; it must reach stderr, and stdout hold the one document and nothing else.
 */
const CLI = path.resolve('dist/cli/index.js');
const [, , h3] = hosts;

function slipway(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { env: { ...process.env, SLIPWAY_DEBUG: '' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('slipway deploy --json on the sandbox', () => {
  const appDir = `${h3.baseDir}/h21-json-script`;
  beforeAll(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  });
  afterAll(async () => { await runner.run({ file: 'rm', args: ['-rf', appDir] }); });

  it('prints one JSON document on stdout; the streamed script output, the step line and everything else go to stderr', async () => {
    const run = await slipway(['deploy', '--host', `${h3.address}:${h3.port}`, '--user', sandbox.ssh.user, '--private-key', sandbox.ssh.privateKeyPath,
      '--known-hosts', sandbox.ssh.knownHostsPath, '--strategy', 'script', '--app-dir', appDir, '--version', 'j-1',
      '--script', 'echo h21-streamed-line; echo "{\\"not\\": \\"the document\\"}"', '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { ok: boolean; outputs: Record<string, string> };
    expect(document.ok).toBe(true);
    expect(run.stdout).not.toContain('h21-streamed-line');
    expect(run.stderr).toContain('h21-streamed-line');
    expect(run.stderr).toContain('{"not": "the document"}');
    expect(run.stderr).toMatch(/^▸ deploy on \S+$/m);
    // A pipe gets plain lines: no status line, no colour.
    expect(run.stderr).not.toContain('\u001b[');
  });
});
