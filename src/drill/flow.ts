import type { FlowDefinition } from '../core/context.js';
import { runDrill } from './drill.js';
import { drillFailureMessage, drillOutputs, drillSummary, type DrillReport } from './report.js';
import { parseDrillSettings, type DrillSettings } from './settings.js';

/** `slipway drill` and `actions/restore-drill`: one definition, two edges. */
export const drillFlow: FlowDefinition<DrillSettings, DrillReport> = {
  command: 'drill',
  action: 'restore-drill',
  describe: 'Restore the newest backup into a scratch place, verify data and app, report RPO/RTO',
  parse: parseDrillSettings,
  run: (settings, context) => runDrill(settings, context),
  outputs: drillOutputs,
  summary: drillSummary,
  failure: drillFailureMessage,
  // A cancel stops it at the next command and still removes the scratch place (docs/cancel.md).
  handlesCancel: true,
};
