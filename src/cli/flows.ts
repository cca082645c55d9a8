import type { FlowDefinition } from '../core/context.js';
import type { Logger } from '../core/log.js';
import type { CommandConfig, LazyFlow } from './flow-command.js';
import type { CommandIo } from './commands/command-io.js';
import { asksForHelp, parseCommandLine, switchesOnly } from './flags.js';
import { packageVersion } from './commands/version.js';

/**
 * Every flow the CLI knows. The same definitions back the actions
 * (src/actions/<name>.ts), so `slipway build` and `actions/build-image` are one path.
 * Each is imported only when its command runs: a process pays for parsing the code
 * it uses, not the whole CLI's (flows.test.ts checks these names against the flows).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const flow = (command: string, action: string, describe: string, load: () => Promise<FlowDefinition<any, any>>, config?: () => Promise<CommandConfig>): LazyFlow =>
  ({ command, action, describe, load, config });

export const flows: LazyFlow[] = [
  flow('build', 'build-image', 'Build the linux/amd64 image from a Dockerfile, tagged from git, with a layer cache',
    async () => (await import('../image/build-flow.js')).buildImageFlow),
  flow('push', 'push-image', 'Push every tag, output the digest, verify a pull by digest (optionally anonymous)',
    async () => (await import('../image/push-flow.js')).pushImageFlow),
  flow('smoke', 'smoke-test', 'Wait until the app answers, check its version, JSON, body and latency, optionally soak it',
    async () => (await import('../smoke/flow.js')).smokeFlow),
  flow('drill', 'restore-drill', 'Restore the newest backup into a scratch place, verify data and app, report RPO/RTO',
    async () => (await import('../drill/flow.js')).drillFlow),
  flow('deploy', 'ssh-deploy', 'Deploy over SSH to one host or a fleet (compose, atomic releases, scripts) with locks and automatic rollback; mode preview: a preview per pull request (preview-action up|down|list|reap)',
    async () => (await import('../preview/deploy-mode.js')).sshDeployFlow),
  flow('scan', 'secret-scan', 'Scan a pull request, a push, the tree or the whole history for committed secrets',
    async () => (await import('../scan/flow.js')).secretScanFlow),
  // The pipeline reads every link's section of slipway.yml, not only its own (commands/pipeline.ts).
  flow('pipeline', 'deploy-pipeline', 'Build, push, deploy and smoke-test in one step; roll back when the smoke test fails (--dry-run prints the plan)',
    async () => (await import('../pipeline/flow.js')).pipelineFlow, async () => (await import('./commands/pipeline.js')).pipelineConfig),
];

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
  const { runDemo } = await import('../demo/run.js');
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
  { name: 'status', describe: 'What serves on each host now: image or release, answered version, lock, last deploys (--json)', run: async (args) => (await import('./commands/status.js')).runStatusCommand(args, await processIo()) },
  { name: 'history', describe: 'The deploy log of every host, newest first (--json)', run: async (args) => (await import('./commands/status.js')).runHistoryCommand(args, await processIo()) },
  { name: 'lock', describe: 'lock status | lock release: the deploy lock on each host and its holder', run: async (args) => (await import('./commands/lock.js')).runLockCommand(args, await processIo()) },
  { name: 'init', describe: 'Write slipway.yml and the workflows for this project; print the secrets to set', run: async (args) => (await import('./commands/init.js')).runInitCommand(args, await processIo()) },
  { name: 'preview', describe: 'preview up|down|list|reap: one environment per pull request (own compose project, env, volumes, port)', run: async (args, log) => (await import('./commands/preview.js')).runPreviewCommand(args, log) },
  { name: 'completion', describe: 'bash or zsh completion: commands, flags and their fixed values', run: async (args) => (await import('./commands/completion.js')).runCompletionCommand(args, await processIo(), commandList()) },
];

/** The terminal and files a non-flow command reads and writes (command-io.ts, loaded with the command). */
async function processIo(): Promise<CommandIo> {
  return (await import('./commands/command-io.js')).processIo();
}

/** Every command with its one-line description, for completion. */
function commandList(): Array<{ name: string; describe: string; action?: string }> {
  const actionOf: Record<string, string> = { preview: 'preview' };
  return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe, action: flow.action })), ...extraCommands.map(({ name, describe }) => ({ name, describe, action: actionOf[name] }))];
}
