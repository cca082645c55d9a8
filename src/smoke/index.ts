/**
 * The smoke-test core, for other flows to call directly (the deploy pipeline,
 * the restore drill, zero-downtime deploys):
 *
 *   const checks = [oneLineCheck('http://127.0.0.1:8000/health', 'url', { expectVersion: '1.4.2' })];
 *   const report = await runSmokeChecks(checks, { timeoutMs: 60_000, connect: { host: '127.0.0.1', port: forwarded } }, log);
 *   // or from inside a host over an open SSH session:
 *   const report = await runSmokeChecksOverSession(session, checks, {}, log);
 *   if (!report.passed) throw new SlipwayError(smokeFailure(report)!);
 */
export type { SmokeCheck, ConnectTarget, JsonAssertion, StatusExpectation } from './check.js';
export { oneLineCheck, parseCheckList, buildCheck, type CheckDefaults } from './check-list.js';
export { runSmokeChecks, DEFAULT_SMOKE_OPTIONS, type SmokeOptions, type SmokeReport, type CheckOutcome } from './run.js';
export { readinessDelay } from './readiness.js';
export { runSmokeChecksOverSession, runSmokeChecksViaSsh, forwardChecks } from './via-ssh.js';
export { smokeSummary, smokeOutputs, smokeFailure } from './report.js';
export type { SoakOptions, SoakResult } from './soak.js';
export type { ConnectOverride } from './http-probe.js';
export { smokeFlow } from './flow.js';
export { looselyEquals, showValue } from './assertions.js';
export { ANY_SUCCESS } from './check.js';
export { type ProbeResult, probe } from './http-probe.js';
export { lookupJsonPath, parseJsonPath } from './json-path.js';
export { type SmokeSettings, parseSmokeSettings } from './settings.js';
