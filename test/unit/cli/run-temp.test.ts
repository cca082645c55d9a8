import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { useRunTempDir } from '../../../src/cli/run-temp.js';

describe('the CLI run\'s own temp dir', () => {
  let fakes: string;
  let originalPath: string | undefined;
  beforeAll(() => {
    fakes = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hc-run-temp-'));
    fs.mkdirSync(path.join(fakes, 'bin'));
    fs.writeFileSync(path.join(fakes, 'bin', 'ssh'), `#!/bin/sh\necho "ssh $*" >> ${fakes}/calls.log\n`, { mode: 0o755 });
    originalPath = process.env.PATH;
    process.env.PATH = `${path.join(fakes, 'bin')}:${originalPath}`;
  });
  afterAll(() => {
    process.env.PATH = originalPath;
    fs.rmSync(fakes, { recursive: true, force: true });
  });

  it('becomes TMPDIR, and its cleanup stops the master and the agent of a session left in it, then removes the key', async () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: fakes };
    const temp = useRunTempDir(env, new ProcessRunner(new MemoryLogger()));
    expect(env.TMPDIR).toBe(temp.dir);
    expect(path.dirname(temp.dir)).toBe(fakes);
    expect(fs.statSync(temp.dir).mode & 0o777).toBe(0o700);
    // What a session that never reached its `finally` leaves: key, config, an agent on its socket.
    const session = path.join(temp.dir, 'slipway-ssh-abc123');
    fs.mkdirSync(session);
    fs.writeFileSync(path.join(session, 'id'), 'private key', { mode: 0o600 });
    fs.writeFileSync(path.join(session, 'ssh_config'), 'Host slipway-target\n');
    const agent = spawn('sh', ['-c', 'sleep 30', 'ssh-agent', path.join(session, 'agent.sock')], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => agent.on('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => setTimeout(resolve, 100));

    await temp.cleanup();
    expect(fs.readFileSync(path.join(fakes, 'calls.log'), 'utf8')).toBe(`ssh -F ${session}/ssh_config -O exit slipway-target\n`);
    expect(await exited).toBe('SIGTERM');
    expect(fs.existsSync(temp.dir)).toBe(false);
    await temp.cleanup();
  });

  it('is named short, and leaves TMPDIR alone where ssh\'s control socket path would not fit', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: fakes };
    const temp = useRunTempDir(env);
    expect(path.basename(temp.dir)).toMatch(/^sw-[A-Za-z0-9]{6}$/);
    fs.rmSync(temp.dir, { recursive: true });
    const deep = path.join(fakes, 'a'.repeat(70));
    fs.mkdirSync(deep);
    const kept: NodeJS.ProcessEnv = { TMPDIR: deep };
    expect(useRunTempDir(kept).dir).toBe(deep);
    expect(kept.TMPDIR).toBe(deep);
    expect(fs.readdirSync(deep)).toEqual([]);
  });
});
