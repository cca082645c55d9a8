import { renderMarkdown } from '../../../src/core/summary.js';
import type { DeployResult } from '../../../src/deploy/fleet.js';
import { pipelineOutputs, pipelineSummary } from '../../../src/pipeline/report.js';
import type { PipelineResult } from '../../../src/pipeline/run.js';
import type { SwarmResult } from '../../../src/swarm/deploy.js';

const deployResult = (): DeployResult => ({
  mode: 'deploy', strategy: 'swarm', version: 'v2', previousVersion: 'v1', rolledBack: false, ok: true, connectionsPerHost: [1],
  hosts: [{ host: 'manager-1', status: 'deployed', version: 'v2', previous: 'v1', message: 'converged', changed: true, durationMs: 5 }],
});
const pipeline = (deploy: DeployResult): PipelineResult => ({
  mode: 'deploy', outcome: 'deployed', version: 'v2', deploy, durationMs: 10,
  steps: [{ step: 'ssh-deploy', status: 'ok', durationMs: 5, detail: 'manager-1' }],
} as PipelineResult);

describe('the pipeline job summary', () => {
  it('carries the per-service table of a swarm deploy, as ssh-deploy alone shows it', () => {
    const engine: SwarmResult = {
      mode: 'stack', stack: 'shop', endpoint: 'manager manager-1', filled: [], pinned: [], durationMs: 1200,
      services: [{ service: 'shop_web', outcome: 'updated', imageBefore: 'shop/web:v1', imageAfter: 'shop/web:v2', running: 2, desired: 2 }],
    };
    const deployed = deployResult();
    deployed.hosts[0]!.reports = [{ strategy: 'swarm', json: engine }];
    const markdown = renderMarkdown(pipelineSummary(pipeline(deployed)));
    expect(markdown).toMatch(/Swarm deploy: stack shop/);
    expect(markdown).toMatch(/\| shop_web \| updated \|/);
  });

  it('has no swarm table for the other strategies', () => {
    expect(renderMarkdown(pipelineSummary(pipeline(deployResult())))).not.toMatch(/Swarm/);
  });
});

describe('the pipeline after a rollback says what serves now and what failed', () => {
  it("after ssh-deploy's own rollback: version = what serves, previous-version = the failed one, before = after = the old version", () => {
    const deploy: DeployResult = {
      mode: 'deploy', strategy: 'compose', version: '1.0.0', previousVersion: '2.0.0', rolledBack: true, ok: false, connectionsPerHost: [1],
      hosts: [{ host: 'h1', status: 'rolled-back', version: '1.0.0', previous: '2.0.0', message: 'rolled back', changed: false, durationMs: 5 }],
    };
    const result = { ...pipeline(deploy), outcome: 'rolled-back', version: '2.0.0' } as PipelineResult;
    expect(pipelineOutputs(result)).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0', 'rolled-back': 'true' });
    expect(JSON.parse(pipelineOutputs(result).hosts ?? '[]')).toEqual([{ host: 'h1', before: '1.0.0', after: '1.0.0', status: 'rolled-back' }]);
    expect(renderMarkdown(pipelineSummary(result))).toMatch(/\| h1 \| 1\.0\.0 \| 1\.0\.0 \| rolled-back \|/);
  });

  it('after the smoke test\'s rollback and after mode: rollback', () => {
    const rollback: DeployResult = {
      mode: 'rollback', strategy: 'compose', version: '1.0.0', previousVersion: '2.0.0', rolledBack: true, ok: true, connectionsPerHost: [1],
      hosts: [{ host: 'h1', status: 'rolled-back', version: '1.0.0', previous: '2.0.0', message: 'ok', changed: true, durationMs: 5 }],
    };
    const deployed: DeployResult = { ...rollback, mode: 'deploy', version: '2.0.0', previousVersion: '1.0.0', rolledBack: false, hosts: [{ ...rollback.hosts[0]!, status: 'deployed', version: '2.0.0', previous: '1.0.0' }] };
    const smokeRolledBack = { ...pipeline(deployed), outcome: 'rolled-back', version: '2.0.0', rollback } as PipelineResult;
    expect(pipelineOutputs(smokeRolledBack)).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0', 'rolled-back': 'true' });
    const modeRollback = { ...pipeline(rollback), mode: 'rollback', outcome: 'deployed', version: '1.0.0' } as PipelineResult;
    expect(pipelineOutputs(modeRollback)).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0', 'rolled-back': 'true' });
    expect(JSON.parse(pipelineOutputs(modeRollback).hosts ?? '[]')).toEqual([{ host: 'h1', before: '2.0.0', after: '1.0.0', status: 'rolled-back' }]);
  });
});
