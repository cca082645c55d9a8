import type { Logger } from '../core/log.js';
import { renderText } from '../core/summary.js';
import { oneLineCheck } from '../smoke/check-list.js';
import { smokeSummary } from '../smoke/report.js';
import { runSmokeChecks, type SmokeReport } from '../smoke/run.js';

/**
 * For `npm run demo`: smoke-test the app just deployed, expecting its version, and print the table.
 * The check is named for where it runs from, so its table never reads as a copy of the chain's own
 * smoke table (same URL, and often the same attempts and latency).
 */
export async function demoSmoke(log: Logger, url: string, version: string): Promise<SmokeReport> {
  const check = { ...oneLineCheck(url, 'demo url', { expectVersion: version }), name: `from outside the chain: ${url.replace(/^https?:\/\//, '')}` };
  const report = await runSmokeChecks([check], { timeoutMs: 60_000, consecutivePasses: 3 }, log);
  log.info(renderText(smokeSummary(report)));
  return report;
}
