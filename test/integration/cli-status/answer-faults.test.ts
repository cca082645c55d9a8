import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIo } from '../../../src/cli/commands/command-io.js';
import { runStatusCommand } from '../../../src/cli/commands/status.js';
import { hosts, sshValues } from '../deploy/support.js';
import { startMisbehaving, type Misbehaviour } from '../../support/misbehaving-server.js';

// `slipway status` asks health-url for the version through an SSH tunnel, with a 5 s deadline of its
// own. A server that closes, says nothing or stalls must cost at most that, and be named in the report.

const [, h2] = hosts;
const appDir = `${h2.baseDir}/hf-status-answers`;
const DEADLINE_MS = 5000;

beforeAll(() => { fs.mkdirSync(appDir, { recursive: true, mode: 0o755 }); });
afterAll(() => { fs.rmSync(appDir, { recursive: true, force: true }); });

async function statusAgainst(kind: Misbehaviour): Promise<{ answers: { detail: string; status?: number; version?: string }; ms: number; hostPort: string }> {
  const server = await startMisbehaving(kind, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"version":"hf-7.1"}');
  });
  let stdout = '';
  const io: CommandIo = {
    stdout: { write: (text: string) => { stdout += text; } },
    stderr: { write: () => undefined },
    env: { ...process.env },
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hf-cwd-')),
  };
  const flags = { ...sshValues([h2]), strategy: 'release', 'app-dir': appDir, 'health-url': `${server.origin}/api/health` };
  const started = Date.now();
  try {
    await runStatusCommand([...Object.entries(flags).flatMap(([key, value]) => [`--${key}`, value]), '--json'], io);
    const [host] = JSON.parse(stdout).hosts;
    return { answers: host.answers, ms: Date.now() - started, hostPort: server.hostPort };
  } finally {
    await server.close();
  }
}

describe('status: the version health-url answers, through SSH', () => {
  it('reads it from a server that is slow but answers', async () => {
    const { answers } = await statusAgainst('slow-but-fine');
    expect(answers).toMatchObject({ status: 200, version: 'hf-7.1' });
  });

  it('reports a server that accepts and closes at once, naming the request and host:port', async () => {
    const { answers, ms, hostPort } = await statusAgainst('close-at-once');
    expect(answers.detail).toMatch(new RegExp(`^no answer \\(GET /api/health on ${hostPort.replace(/\./g, '\\.')} \\(through SSH to deploy@127\\.0\\.0\\.2:2202\\): the connection closed`));
    expect(ms).toBeLessThan(DEADLINE_MS);
  });

  it.each([['never answers', 'never-answer'], ['sends headers and stalls the body', 'stall-body']] as const)('gives up at its own 5 s deadline on a server that %s', async (_what, kind) => {
    const { answers, ms, hostPort } = await statusAgainst(kind);
    expect(answers.detail).toContain(hostPort);
    expect(answers.detail).toMatch(/no complete answer within 5000 ms/);
    expect(ms).toBeLessThan(DEADLINE_MS + 5000);
  }, 30_000);
});
