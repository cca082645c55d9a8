// Deploy pipeline bench: what the one-step chain adds on top of its four links
// (wall time minus the sum of the steps' own times), how long a dry-run plan
// takes, and how long a red smoke test takes to put the old version back.
import fs from 'node:fs';
import { localContext, runFlow } from '../src/core/run-flow.js';
import { Inputs, mapInputSource } from '../src/core/config/inputs.js';
import { silentLogger } from '../src/core/log.js';
import { ProcessRunner } from '../src/core/runner/process-runner.js';
import { pipelineFlow } from '../src/pipeline/flow.js';
import { loadSandbox } from '../test/support/sandbox.js';

const PORT = 18471;
const PROJECT = 'slipway-bench-pipeline';

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }> }> {
  const sandbox = loadSandbox();
  const h1 = sandbox.ssh.hosts[0];
  if (!h1) throw new Error('the sandbox has no SSH host');
  const runner = new ProcessRunner(silentLogger);
  const appDir = `${h1.baseDir}/bench-pipeline`;
  await runner.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(appDir, { recursive: true });
  fs.copyFileSync('examples/compose/docker-compose.yml', `${appDir}/docker-compose.yml`);
  fs.writeFileSync(`${appDir}/.env`, `PORT=${PORT}\n`);
  await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  const values = (version: string, extra: Record<string, string> = {}): Record<string, string> => ({
    image: `${sandbox.registries.auth.address}/bench/pipeline-app`, context: 'examples/app', 'build-args': 'APP_VERSION={version}', version,
    username: sandbox.registries.auth.username, password: sandbox.registries.auth.password,
    hosts: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath,
    'app-dir': appDir, service: 'app', 'compose-project': PROJECT, 'env-file': '.env', pull: 'false',
    'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-expect': '"version":"{version}"', url: `http://127.0.0.1:${PORT}/api/health`, timeout: '5s',
    ...extra,
  });
  const removeProject = async () => {
    const ids = (await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`] })).stdout.split('\n').filter(Boolean);
    if (ids.length) await runner.run({ file: 'docker', args: ['rm', '-f', ...ids] });
  };
  try {
    await removeProject();
    const planStarted = performance.now();
    const context = { env: process.env, platform: localContext(silentLogger).platform, workDir: process.cwd() };
    for (let i = 0; i < 20; i += 1) pipelineFlow.parse(new Inputs(mapInputSource(values('1.0.0', { 'dry-run': 'true' }), 'cli')), context);
    const planMs = (performance.now() - planStarted) / 20;

    await runFlow(pipelineFlow, values('1.0.0'), localContext(silentLogger));
    const green = await runFlow(pipelineFlow, values('1.1.0'), localContext(silentLogger));
    if (green.failure) throw new Error(green.failure);
    const stepsMs = green.result.steps.reduce((sum, step) => sum + step.durationMs, 0);
    const overheadMs = green.result.durationMs - stepsMs;

    const red = await runFlow(pipelineFlow, values('2.0.0', { 'expect-version': '9.9.9' }), localContext(silentLogger));
    if (red.result.outcome !== 'rolled-back') throw new Error(`expected a rollback, got ${red.result.outcome}: ${red.failure}`);
    const rollbackMs = red.result.steps.find((step) => step.step === 'rollback')?.durationMs ?? 0;
    const smokeMs = red.result.steps.find((step) => step.step === 'smoke-test')?.durationMs ?? 0;
    return {
      title: 'Deploy pipeline (root action): build → push → ssh-deploy → smoke-test on the sandbox, one host',
      rows: [
        { metric: 'parse + validate all four links (before anything runs)', value: `${planMs.toFixed(1)} ms`, target: '< 50 ms', ratio: planMs / 50 },
        { metric: 'green run, wall time (image cached, one host)', value: `${(green.result.durationMs / 1000).toFixed(1)} s`, target: 'informational' },
        { metric: 'pipeline overhead beyond its four steps', value: `${overheadMs} ms`, target: '< 500 ms', ratio: overheadMs / 500 },
        { metric: 'red smoke test (5 s timeout) → old version serving again', value: `${((smokeMs + rollbackMs) / 1000).toFixed(1)} s (rollback ${(rollbackMs / 1000).toFixed(1)} s)`, target: 'rollback < 30 s', ratio: rollbackMs / 30_000 },
      ],
    };
  } finally {
    await removeProject();
  }
}
