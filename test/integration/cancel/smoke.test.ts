import fs from 'node:fs';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';
import { bundle, inputEnv, keyFilesUnder, newJob, removeJobs, processesOf, startBundle } from './support.js';

const sandbox = loadSandbox();
const h1 = sandbox.ssh.hosts[0] as SandboxSshHost;

describe('smoke-test via SSH, a flow that holds nothing on a host, on SIGINT', () => {
  afterAll(() => removeJobs());
  it('stops at the first signal after removing its key, master and session dir', async () => {
    bundle('smoke-test');
    const job = newJob();
    const run = startBundle(bundle('smoke-test'), job, inputEnv('smoke-test', {
      host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': fs.readFileSync(sandbox.ssh.privateKeyPath, 'utf8'),
      'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s', 'via-ssh': 'true',
      // Nothing listens there: the readiness loop would retry for the whole minute.
      url: 'http://127.0.0.1:43059/api/health', timeout: '60s',
    }));
    await run.waitForLine(/Forwarding 127\.0\.0\.1:\d+ → 127\.0\.0\.1:43059/);
    expect(keyFilesUnder(job.runnerTemp)).toHaveLength(1);
    run.child.kill('SIGINT');
    const exit = await run.exited;

    expect(exit.code).toBe(130);
    expect(run.lines.join('\n')).toMatch(/cancelled \(SIGINT\): stopped; key files, ssh connections and temp dirs of this run were removed/);
    expect(keyFilesUnder(job.root)).toEqual([]);
    expect(fs.readdirSync(job.runnerTemp)).toEqual([]);
    expect(processesOf(job)).toEqual([]);
  });
});
