import type { FlowDefinition } from '../core/context.js';
import type { Logger } from '../core/log.js';
import { runDemo } from '../demo/run.js';
import { buildImageFlow } from '../image/build-flow.js';
import { pushImageFlow } from '../image/push-flow.js';
import { smokeFlow } from '../smoke/flow.js';
import { drillFlow } from '../drill/flow.js';
import { sshDeployFlow } from '../preview/deploy-mode.js';
import { secretScanFlow } from '../scan/flow.js';
import { pipelineFlow } from '../pipeline/flow.js';
import { pipelineConfig } from './commands/pipeline.js';
import type { CommandConfig } from './flow-command.js';
import { processIo } from './commands/command-io.js';
import { runHistoryCommand, runStatusCommand } from './commands/status.js';
import { runLockCommand } from './commands/lock.js';
import { runCompletionCommand } from './commands/completion.js';
import { runInitCommand } from './commands/init.js';
import { packageVersion } from './commands/version.js';
import { asksForHelp, parseCommandLine, switchesOnly } from './flags.js';
import { runPreviewCommand } from './commands/preview.js';

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
  sshDeployFlow,
  secretScanFlow,
  pipelineFlow,
];

/** The flows whose slipway.yml is more than their own section (runFlowCommand reads the rest). */
export const commandConfigs: Record<string, CommandConfig> = { pipeline: pipelineConfig };

/** `slipway demo` takes no inputs; `--help` says what it does instead of running it. */
async function demoCommand(args: string[], log: Logger): Promise<number> {
  if (asksForHelp(args)) {
    process.stdout.write('slipway demo: build, push, deploy, smoke-test, drill and scan on the local sandbox (`npm run sandbox -- up` first), one summary at the end.\nUsage: slipway demo [--debug] [--quiet]\n');
    return 0;
  }
  const line = parseCommandLine(args, switchesOnly('demo'));
  if (line.switches.has('version')) {
    process.stdout.write(`slipway ${packageVersion()}\n`);
    return 0;
  }
  return runDemo(args, log);
}

/**
 * Commands that are not one flow (demo, status, …). Each parses its own
 * arguments strictly and answers `--help`, which `slipway help <name>` calls.
 */
export interface ExtraCommand {
  name: string;
  describe: string;
  run(args: string[], log: Logger): Promise<number>;
}

export const extraCommands: ExtraCommand[] = [
  { name: 'demo', describe: 'Run the main job end to end on the local sandbox', run: (args, log) => demoCommand(args, log) },
  { name: 'status', describe: 'What serves on each host now: image or release, answered version, lock, last deploys (--json)', run: (args) => runStatusCommand(args, processIo()) },
  { name: 'history', describe: 'The deploy log of every host, newest first (--json)', run: (args) => runHistoryCommand(args, processIo()) },
  { name: 'lock', describe: 'lock status | lock release: the deploy lock on each host and its holder', run: (args) => runLockCommand(args, processIo()) },
  { name: 'init', describe: 'Write slipway.yml and the workflows for this project; print the secrets to set', run: (args) => runInitCommand(args, processIo()) },
  { name: 'preview', describe: 'preview up|down|list|reap: one environment per pull request (own compose project, env, volumes, port)', run: (args, log) => runPreviewCommand(args, log) },
  { name: 'completion', describe: 'bash or zsh completion: commands, flags and their fixed values', run: (args) => runCompletionCommand(args, processIo(), commandList()) },
];

/** Every command with its one-line description, for completion. */
function commandList(): Array<{ name: string; describe: string; action?: string }> {
  const actionOf: Record<string, string> = { preview: 'preview' };
  return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe, action: flow.action })), ...extraCommands.map(({ name, describe }) => ({ name, describe, action: actionOf[name] }))];
}
