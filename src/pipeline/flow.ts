import type { FlowDefinition } from '../core/context.js';
import { pipelineFailure, pipelineOutputs, pipelineSummary } from './report.js';
import { runPipeline, type PipelineResult } from './run.js';
import { parsePipelineSettings, type PipelineSettings } from './settings.js';

/** The root action (`uses: slipway-dev/slipway@v1`) and `slipway pipeline`: the whole chain in one step. */
export const pipelineFlow: FlowDefinition<PipelineSettings, PipelineResult> = {
  command: 'pipeline',
  action: 'deploy-pipeline',
  describe: 'Build, push, deploy and smoke-test in one step; roll back when the smoke test fails (--dry-run prints the plan)',
  parse: (inputs, context) => parsePipelineSettings(inputs, context),
  run: runPipeline,
  outputs: pipelineOutputs,
  summary: pipelineSummary,
  failure: pipelineFailure,
  // Its deploy watches context.signal (docs/cancel.md); a build or push in flight runs to its end first.
  handlesCancel: true,
};
