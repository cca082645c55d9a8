import type { FlowDefinition } from '../core/context.js';
import { smokeFailure, smokeOutputs, smokeSummary } from './report.js';
import { runSmokeChecks, type SmokeReport } from './run.js';
import { parseSmokeSettings, type SmokeSettings } from './settings.js';
import { runSmokeChecksViaSsh } from './via-ssh.js';

/** `slipway smoke` and `actions/smoke-test`: prove the deploy is live. */
export const smokeFlow: FlowDefinition<SmokeSettings, SmokeReport> = {
  command: 'smoke',
  action: 'smoke-test',
  describe: 'Wait until the app answers, check its version, JSON, body and latency, optionally soak it',
  parse: (inputs, context) => parseSmokeSettings(inputs, context.workDir),
  run: async (settings, context) => context.log.group(`Smoke test (${settings.checks.length} check${settings.checks.length === 1 ? '' : 's'})`, () =>
    settings.sshTargets
      ? runSmokeChecksViaSsh(settings.sshTargets, settings.checks, settings.options, context.runner, context.log)
      : runSmokeChecks(settings.checks, settings.options, context.log)),
  outputs: smokeOutputs,
  summary: smokeSummary,
  failure: smokeFailure,
};
