import { flows } from '../../../src/cli/flows.js';
import { DRY_RUN_COMMANDS } from '../../../src/cli/flow-command.js';
import { DRY_RUNS } from '../../../src/cli/dry-run.js';
import { pipelineConfig } from '../../../src/cli/commands/pipeline.js';

// The CLI lists its flows by name and imports one only when its command runs (so a start parses the code it
// uses); what it shows before the import must be what the flow says of itself.
describe('the flows the CLI lists before importing them', () => {
  it.each(flows.map((flow) => [flow.command, flow]))('names %s as its flow does (command, action folder, description)', async (_command, head) => {
    const flow = await head.load();
    expect({ command: head.command, action: head.action, describe: head.describe }).toEqual({ command: flow.command, action: flow.action, describe: flow.describe });
  });

  it('offers --dry-run exactly where dry-run.ts has a plan', () => {
    expect([...DRY_RUN_COMMANDS].sort()).toEqual(Object.keys(DRY_RUNS).sort());
  });

  it('reads slipway.yml for the pipeline with its own section rules, for no other flow', async () => {
    const shaped = flows.filter((flow) => flow.config);
    expect(shaped.map((flow) => flow.command)).toEqual(['pipeline']);
    expect(await shaped[0]!.config!()).toBe(pipelineConfig);
  });
});
