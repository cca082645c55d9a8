// swarm bench: how long Slipway's convergence wait takes from the start of an
// update to its verdict, against the engine's own `docker service update
// --detach=false` on the same service in the same run (target ≤ 1.1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/core/log.js';
import { ProcessRunner } from '../src/core/runner/process-runner.js';
import { captureBaselines, waitForConvergence } from '../src/swarm/converge.js';
import { runSwarm, SWARM_DEFAULTS } from '../src/swarm/deploy.js';
import { localDockerEndpoint } from '../src/swarm/endpoint.js';
import { loadSandbox } from '../test/support/sandbox.js';
import { startSwarmNamespace } from '../test/support/swarm-namespace.js';
import { median } from './stats.js';

const ROUNDS = 3;

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }> }> {
  const sandbox = loadSandbox();
  const swarm = await startSwarmNamespace({ image: sandbox.baseImage, sourceHost: sandbox.docker.host });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-bench-'));
  try {
    const endpoint = localDockerEndpoint(new ProcessRunner(silentLogger), swarm.host);
    const file = path.join(work, 'docker-compose.yml');
    // Benches run compiled from build/bench/, so the example is found from the repository root.
    fs.copyFileSync(path.resolve(process.cwd(), 'examples/swarm/docker-compose.yml'), file);
    await runSwarm({ mode: 'stack', stack: 'bench', composeFile: file, parallelism: 1, timeoutMs: 120_000, pollMs: SWARM_DEFAULTS.pollMs, secrets: { app_token: 'bench-token' }, env: {}, prune: false }, endpoint, silentLogger);
    const engine: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = Date.now();
      await endpoint.docker({ args: ['service', 'update', '--detach=false', '--quiet', '--env-add', `BENCH=engine-${round}`, 'bench_web'] });
      engine.push(Date.now() - started);
      const baselines = await captureBaselines(endpoint, ['bench_web']);
      started = Date.now();
      await endpoint.docker({ args: ['service', 'update', '--detach=true', '--quiet', '--env-add', `BENCH=slipway-${round}`, 'bench_web'] });
      const [report] = await waitForConvergence(endpoint, baselines, { timeoutMs: 120_000, pollMs: SWARM_DEFAULTS.pollMs, intent: 'deploy', log: silentLogger });
      if (report?.outcome !== 'updated') throw new Error(`bench update ended ${report?.outcome}: ${report?.why}`);
      ours.push(Date.now() - started);
    }
    const ratio = median(ours) / median(engine);
    return {
      title: 'swarm (single-node swarm in a network namespace)',
      rows: [
        { metric: 'update start → convergence, Slipway wait (median of 3)', value: `${(median(ours) / 1000).toFixed(2)} s`, target: '-' },
        { metric: 'same update, `docker service update --detach=false` (median of 3)', value: `${(median(engine) / 1000).toFixed(2)} s`, target: '-' },
        { metric: 'Slipway wait / engine wait', value: ratio.toFixed(2), target: '≤ 1.1', ratio },
      ],
    };
  } finally {
    await swarm.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
