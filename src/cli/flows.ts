import type { FlowDefinition } from '../core/context.js';
import type { Logger } from '../core/log.js';
import { runDemo } from './demo.js';
import { buildImageFlow } from '../image/build-flow.js';
import { pushImageFlow } from '../image/push-flow.js';
import { smokeFlow } from '../smoke/flow.js';
import { drillFlow } from '../drill/flow.js';
import { deployFlow } from '../deploy/flow.js';
import { secretScanFlow } from '../scan/flow.js';
import { runPipelineCommand } from '../pipeline/cli.js';
import { processIo } from './commands/command-io.js';
import { runHistoryCommand, runStatusCommand } from './commands/status.js';
import { runLockCommand } from './commands/lock.js';
import { runCompletionCommand } from './commands/completion.js';
import { runInitCommand } from './commands/init.js';
import { runPreviewCommand } from '../preview/cli.js';

/**
 * Every flow the CLI knows. The same definitions back the actions
 * (src/actions/<name>.ts), so `slipway build` and `actions/build-image` are one path.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const flows: FlowDefinition<any, any>[] = [
  buildImageFlow,
  pushImageFlow,
  smokeFlow,
  drillFlow,
  deployFlow,
  secretScanFlow,
];

/** Commands that are not one flow (demo, pipeline, baseline writers). */
export interface ExtraCommand {
  name: string;
  describe: string;
  run(args: string[], log: Logger): Promise<number>;
}

export const extraCommands: ExtraCommand[] = [
  { name: 'demo', describe: 'Run the main job end to end on the local sandbox', run: (args, log) => runDemo(args, log) },
  { name: 'pipeline', describe: 'build → push → deploy → smoke in one step, rollback on a red smoke test (--dry-run: the plan)', run: (args, log) => runPipelineCommand(args, log) },
  { name: 'status', describe: 'What serves on each host now: image or release, answered version, lock, last deploys (--json)', run: (args) => runStatusCommand(args, processIo()) },
  { name: 'history', describe: 'The deploy log of every host, newest first (--json)', run: (args) => runHistoryCommand(args, processIo()) },
  { name: 'lock', describe: 'lock status | lock release: the deploy lock on each host and its holder', run: (args) => runLockCommand(args, processIo()) },
  { name: 'init', describe: 'Write slipway.yml and the workflows for this project; print the secrets to set', run: (args) => runInitCommand(args, processIo()) },
  { name: 'preview', describe: 'preview up|down|list|reap: one environment per pull request (own compose project, env, volumes, port)', run: (args, log) => runPreviewCommand(args, log) },
  { name: 'completion', describe: 'bash or zsh completion: commands, flags and their fixed values', run: (args) => runCompletionCommand(args, processIo(), commandList()) },
];

/** Every command with its one-line description, for completion. */
function commandList(): Array<{ name: string; describe: string }> {
  return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe })), ...extraCommands.map(({ name, describe }) => ({ name, describe }))];
}
