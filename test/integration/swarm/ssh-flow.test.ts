// strategy swarm through the whole ssh-deploy flow: SSH session, lock, deploy log.
// The sandbox hosts' engine is not in a swarm, so the flow must stop at the preflight
// (run over SSH on the "manager") and say how to fix it.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { loadSandbox } from '../../support/sandbox.js';

const sandbox = loadSandbox();
const h1 = sandbox.ssh.hosts[0]!;
const appDir = `${h1.baseDir}/swarm-app`;

describe('ssh-deploy strategy swarm', () => {
  beforeAll(() => {
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(appDir, { recursive: true });
    spawnSync('chown', [`${sandbox.ssh.user}:`, appDir]);
  });

  it('runs the swarm preflight on the manager over SSH and fails with the command that fixes it', async () => {
    const log = new MemoryLogger();
    const run = await runFlow(deployFlow, {
      host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath,
      strategy: 'swarm', 'app-dir': appDir, stack: 'shop', 'stack-file': 'examples/swarm/docker-compose.yml', version: 'v1',
    }, localContext(log));
    expect(run.result.hosts[0]).toMatchObject({ status: 'failed' });
    expect(run.failure).toMatch(/manager deploy@127\.0\.0\.1:2201: this node is not in a swarm .*docker swarm init --advertise-addr/);
    // The flow's own bookkeeping ran around it: the deploy log on the host has the failed swarm deploy.
    const entries = fs.readFileSync(`${appDir}/.slipway/deploy.log`, 'utf8').trim().split('\n');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/swarm/);
    expect(entries[0]).toMatch(/failed/);
  });

  it('names the missing stack input as the user wrote it', async () => {
    await expect(runFlow(deployFlow, { host: '127.0.0.1', 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath, 'app-dir': appDir, strategy: 'swarm' }, localContext(new MemoryLogger())))
      .rejects.toThrow(/--stack: is required/);
  });
});
