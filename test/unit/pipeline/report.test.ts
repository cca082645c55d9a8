import { renderMarkdown } from '../../../src/core/summary.js';
import type { DeployResult } from '../../../src/deploy/fleet.js';
import type { DeploySettings } from '../../../src/deploy/settings.js';
import { pipelineSummary } from '../../../src/pipeline/report.js';
import type { PipelineResult } from '../../../src/pipeline/run.js';
import { keepSwarmReports, keepSwarmReport } from '../../../src/swarm/strategy.js';

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
    const settings = {} as DeploySettings;
    keepSwarmReport(settings, {
      mode: 'stack', stack: 'shop', endpoint: 'manager manager-1', filled: [], pinned: [], durationMs: 1200,
      services: [{ service: 'shop_web', outcome: 'updated', imageBefore: 'shop/web:v1', imageAfter: 'shop/web:v2', running: 2, desired: 2 }],
    });
    const markdown = renderMarkdown(pipelineSummary(pipeline(keepSwarmReports(deployResult(), settings))));
    expect(markdown).toMatch(/Swarm deploy: stack shop/);
    expect(markdown).toMatch(/\| shop_web \| updated \|/);
  });

  it('has no swarm table for the other strategies', () => {
    expect(renderMarkdown(pipelineSummary(pipeline(deployResult())))).not.toMatch(/Swarm/);
  });
});
