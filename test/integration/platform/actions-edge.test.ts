import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The Actions edge as a runner drives it: the committed bundle as a child process, inputs in
// INPUT_* variables, outputs and the job summary in the files GITHUB_OUTPUT/GITHUB_STEP_SUMMARY
// name. The smoke-test bundle checks a health endpoint served by this test on 127.0.0.1.
const BUNDLE = path.resolve('dist/smoke-test/index.js');
const SECRET = `Bearer edge-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-token`;

interface StepRun { code: number | null; stdout: string; stderr: string; outputs: Record<string, string>; summary: string }

function runStep(inputs: Record<string, string>, platform: 'github' | 'forgejo', extraEnv: Record<string, string> = {}): Promise<StepRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-edge-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir,
    GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'team/app', GITHUB_SERVER_URL: 'https://code.example.com', GITHUB_RUN_ID: '42',
    // Forgejo sets the GITHUB_* variables too, and its own markers.
    ...(platform === 'forgejo' ? { FORGEJO_ACTIONS: 'true', GITEA_ACTIONS: 'true' } : {}),
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({
      code, stdout, stderr, outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')), summary: fs.readFileSync(summaryFile, 'utf8'),
    }));
  });
}

/** GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` records. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const record = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(record)) outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

/** Where the secret may appear: only inside the ::add-mask:: command that registers it. */
function unmaskedAppearances(run: StepRun, secret: string): string[] {
  const logLines = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  return [...logLines, JSON.stringify(run.outputs), run.summary].filter((text) => text.includes(secret));
}

describe('the Actions edge runs a real bundle as a runner would', () => {
  let server: http.Server;
  let url = '';
  const received: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
    server = http.createServer((request, response) => {
      received.push(String(request.headers.authorization));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', version: '1.2.3' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const inputs = (): Record<string, string> => ({
    url, 'expect-version': '1.2.3', 'secret-headers': `Authorization=${SECRET}`, 'consecutive-passes': '1', timeout: '10s',
  });

  it('on GitHub: writes outputs and the job summary, and masks the secret input everywhere', async () => {
    received.length = 0;
    const run = await runStep(inputs(), 'github');
    expect(run.code).toBe(0);
    expect(received).toContain(SECRET);
    expect(run.outputs).toMatchObject({ passed: 'true', 'version-seen': '1.2.3' });
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);
    expect(unmaskedAppearances(run, SECRET)).toEqual([]);
    expect(run.summary).toContain('| Check | Status | Latency | Attempts | Details |');
    expect(run.summary).toContain('✅ pass');
    expect(run.stdout).not.toContain('Job summary not written');
  });

  it('on Forgejo: the same outputs, no summary file, the table in the log with a line saying why', async () => {
    const run = await runStep(inputs(), 'forgejo');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', 'version-seen': '1.2.3' });
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);
    expect(unmaskedAppearances(run, SECRET)).toEqual([]);
    expect(run.summary).toBe('');
    expect(run.stdout).toContain('Job summary not written (Forgejo shows no job summaries); the same table follows in the log:');
    expect(run.stdout).toMatch(/Check\s+Status\s+Latency\s+Attempts\s+Details\n[-\s]+\n\S.*✅ pass/);
  });

  it.each(['github', 'forgejo'] as const)('on %s: a bad input exits non-zero with one message naming it, and no stack trace', async (platform) => {
    received.length = 0;
    const run = await runStep({ ...inputs(), timeout: 'forever' }, platform);
    expect(run.code).not.toBe(0);
    expect(received).toEqual([]);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([expect.stringMatching(/^::error::input 'timeout': is not a duration \(found 'forever', expected e\.g\. 30s/)]);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |%0A\s+at /);
  });

  it('with RUNNER_DEBUG=1 the same error carries its stack trace', async () => {
    const run = await runStep({ ...inputs(), timeout: 'forever' }, 'github', { RUNNER_DEBUG: '1' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::InputError: input 'timeout': is not a duration[\s\S]*%0A\s+at /);
  });
});
