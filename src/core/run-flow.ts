import { Inputs, mapInputSource } from './config/inputs.js';
import type { FlowContext, FlowDefinition } from './context.js';
import type { Logger } from './log.js';
import { ProcessRunner } from './runner/process-runner.js';
import { detectPlatform } from './platform.js';
import { LocalCache } from './local-cache.js';

/** Everything the CLI (and the demo, and tests) need to run a flow from plain values. */
export function localContext(log: Logger, overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    runner: new ProcessRunner(log),
    log,
    platform: detectPlatform(),
    cache: new LocalCache(),
    env: process.env,
    workDir: process.cwd(),
    ...overrides,
  };
}

export interface FlowRun<R> {
  result: R;
  outputs: Record<string, string>;
  failure?: string;
}

/** Parse values as the CLI would (errors name `--flag`; values named in `fromFile` are never quoted), then run. */
export async function runFlow<S, R>(
  flow: FlowDefinition<S, R>,
  values: Record<string, string | undefined>,
  context: FlowContext,
  fromFile: Iterable<string> = [],
): Promise<FlowRun<R>> {
  const settings = flow.parse(new Inputs(mapInputSource(values, 'cli', { unquoted: fromFile })), context);
  const result = await flow.run(settings, context);
  return { result, outputs: flow.outputs(result), failure: flow.failure?.(result) };
}
