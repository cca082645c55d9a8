import type { FlowDefinition } from '../core/context.js';
import type { Logger } from '../core/log.js';
import { drillFlow } from '../drill/flow.js';
import { smokeFlow } from '../smoke/flow.js';

/**
 * Every flow the CLI knows. The same definitions back the actions
 * (src/actions/<name>.ts), so `slipway build` and `actions/build-image` are one path.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const flows: FlowDefinition<any, any>[] = [
  drillFlow,
  smokeFlow,
];

/** Commands that are not one flow (demo, pipeline, baseline writers). */
export interface ExtraCommand {
  name: string;
  describe: string;
  run(args: string[], log: Logger): Promise<number>;
}

export const extraCommands: ExtraCommand[] = [];
