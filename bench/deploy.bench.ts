// ssh-deploy bench: SSH connections per host per deploy, and the time a deploy
// spends beyond the docker/rsync work itself (lock, state, log, checks, SSH).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../src/core/run-flow.js';
import { silentLogger } from '../src/core/log.js';
import { ProcessRunner, type RunOptions, type RunResult, type Runner } from '../src/core/runner/process-runner.js';
import type { CommandSpec } from '../src/core/command.js';
import { deployFlow } from '../src/deploy/flow.js';
import { loadSandbox } from '../test/support/sandbox.js';
import { median } from './stats.js';

/** Sums the time spent in the commands that are the deploy's real work. */
class TimingRunner implements Runner {
  workMs = 0;
  private readonly inner = new ProcessRunner(silentLogger);
  constructor(private readonly isWork: (label: string) => boolean) {}
  async run(spec: CommandSpec, options: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    try {
      return await this.inner.run(spec, options);
    } finally {
      if (this.isWork(options.label ?? spec.file)) this.workMs += Date.now() - started;
    }
  }
}

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }> }> {
  const sandbox = loadSandbox();
  const h1 = sandbox.ssh.hosts[0];
  if (!h1) throw new Error('sandbox has no host');
  const plain = new ProcessRunner(silentLogger);
  const ssh = {
    host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath,
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
  // An image without a health check: "healthy" is "running", so what remains is Slipway's own time.
  fs.writeFileSync(path.join(work, 'Dockerfile'), `FROM ${sandbox.baseImage}\nCMD ["sh", "-c", "mkdir -p /w && echo ok > /w/index.html && exec httpd -f -p 127.0.0.1:$PORT -h /w"]\n`);
  for (const tag of ['b1', 'b2']) await plain.run({ file: 'docker', args: ['build', '-q', '--network', 'host', '-t', `slipway-bench:${tag}`, work] });
  const appDir = `${h1.baseDir}/bench-app`;
  await plain.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(`${appDir}/release`, { recursive: true });
  fs.copyFileSync('examples/compose/docker-compose.yml', `${appDir}/docker-compose.yml`);
  fs.writeFileSync(`${appDir}/.env`, 'PORT=18491\n');
  await plain.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  const project = 'slipway-bench-h1';

  const composeRuns: Array<{ totalMs: number; workMs: number; connections: number }> = [];
  for (const tag of ['b1', 'b2', 'b1']) {
    const runner = new TimingRunner((label) => /compose up|compose pull/.test(label));
    const started = Date.now();
    const run = await runFlow(deployFlow, {
      ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image: `slipway-bench:${tag}`, 'compose-project': project, 'env-file': '.env', pull: 'false',
    }, localContext(silentLogger, { runner }));
    if (run.failure) throw new Error(run.failure);
    composeRuns.push({ totalMs: Date.now() - started, workMs: runner.workMs, connections: run.result.connectionsPerHost[0] ?? 0 });
  }

  const artifact = path.join(work, 'artifact');
  fs.mkdirSync(artifact);
  for (let i = 0; i < 50; i += 1) fs.writeFileSync(path.join(artifact, `file-${i}.txt`), `content ${i}\n`.repeat(100));
  const releaseRuns: Array<{ totalMs: number; workMs: number; connections: number }> = [];
  for (const version of ['1', '2', '3']) {
    const runner = new TimingRunner((label) => label.startsWith('rsync '));
    const started = Date.now();
    const run = await runFlow(deployFlow, { ...ssh, strategy: 'release', 'app-dir': `${appDir}/release`, version, artifact }, localContext(silentLogger, { runner }));
    if (run.failure) throw new Error(run.failure);
    releaseRuns.push({ totalMs: Date.now() - started, workMs: runner.workMs, connections: run.result.connectionsPerHost[0] ?? 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const ids = (await plain.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`] })).stdout.split('\n').filter(Boolean);
  if (ids.length) await plain.run({ file: 'docker', args: ['rm', '-f', ...ids] });
  await plain.run({ file: 'rm', args: ['-rf', appDir, work] });

  const composeOverhead = median(composeRuns.map((r) => r.totalMs - r.workMs));
  const releaseOverhead = median(releaseRuns.map((r) => r.totalMs - r.workMs));
  const maxConnections = Math.max(...composeRuns.map((r) => r.connections), ...releaseRuns.map((r) => r.connections));
  return {
    title: 'ssh-deploy (one sandbox host over real sshd)',
    rows: [
      { metric: 'SSH connections opened per host per deploy (compose and release)', value: String(maxConnections), target: '1', ratio: maxConnections / 1 },
      { metric: 'compose deploy: time beyond `compose up` (median of 3)', value: `${(composeOverhead / 1000).toFixed(2)} s`, target: '< 1 s per host', ratio: composeOverhead / 1000 },
      { metric: 'release deploy: time beyond rsync (median of 3)', value: `${(releaseOverhead / 1000).toFixed(2)} s`, target: '< 1 s per host', ratio: releaseOverhead / 1000 },
      { metric: 'compose deploy total (median of 3)', value: `${(median(composeRuns.map((r) => r.totalMs)) / 1000).toFixed(2)} s`, target: '-' },
    ],
  };
}
