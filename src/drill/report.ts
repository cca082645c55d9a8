import fs from 'node:fs';
import path from 'node:path';
import { redact } from '../core/secrets.js';
import { Summary } from '../core/summary.js';

/** One thing the drill proved or failed to prove. */
export interface CheckResult {
  name: string;
  passed: boolean;
  /** What was seen: the message a failing job shows. */
  detail: string;
  /** Warnings do not fail the drill (a staleness check set to warn). */
  severity?: 'error' | 'warning';
}

export interface RestoredSnapshot {
  id: string;
  time: string;
  timeSource: string;
  ageSeconds: number;
}

/** One restore of one backup, verified. */
export interface RestoreReport {
  label: string;
  source: string;
  snapshot?: RestoredSnapshot;
  /** Age of the restored backup at the start of the drill (the data a disaster would lose). */
  rpoSeconds?: number;
  /** From the start of the restore until the data is verified, or the app answers healthy when booted. */
  rtoSeconds?: number;
  restoreSeconds?: number;
  sizes: { backupBytes?: number; restoredBytes?: number };
  tables: Record<string, number>;
  versions?: { dumpTool?: string; dumpedFromServer?: string; server?: string; clientTool?: string };
  checks: CheckResult[];
  passed: boolean;
}

export interface DrillReport {
  name: string;
  kind: 'drill' | 'staleness';
  startedAt: string;
  finishedAt: string;
  passed: boolean;
  /** The newest backup's restore, then the randomly chosen older one when asked. */
  restores: RestoreReport[];
  /** Checks outside any one restore: history, issue tracking, staleness. */
  checks: CheckResult[];
  reportFile?: string;
  issue?: { action: 'opened' | 'updated' | 'closed' | 'none'; url?: string; number?: number };
}

export function allChecks(report: DrillReport): CheckResult[] {
  return [...report.restores.flatMap((restore) => restore.checks.map((check) => ({ ...check, name: `${restore.label}: ${check.name}` }))), ...report.checks];
}

export function failedChecks(report: DrillReport): CheckResult[] {
  return allChecks(report).filter((check) => !check.passed && check.severity !== 'warning');
}

export function isPassing(checks: CheckResult[]): boolean {
  return checks.every((check) => check.passed || check.severity === 'warning');
}

/**
 * The report as a file may hold it: check details quote tools and app logs, so
 * every string is redacted, before JSON escaping (a secret with a quote in it
 * still matches) and without touching the JSON around it (a secret that reads
 * `true` cannot break the file).
 */
export function reportJson(report: DrillReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value), 2)}\n`;
}

export function writeReportFile(report: DrillReport, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, reportJson(report));
}

export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '–';
  if (seconds < 120) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 7200) return `${Math.round(seconds / 6) / 10} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function drillFailureMessage(report: DrillReport): string | undefined {
  const failed = failedChecks(report);
  if (failed.length === 0) return undefined;
  return `Restore drill '${report.name}' failed ${failed.length} check(s): ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`;
}

/** A restic snapshot ID (64 hex digits) reads well cut to 12; a borg archive name is the user's own and is kept whole. */
export function shortSnapshotId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

export function drillSummary(report: DrillReport): Summary {
  const summary = new Summary();
  const warnings = allChecks(report).filter((check) => !check.passed && check.severity === 'warning').length;
  const verdict = report.passed ? `passed${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}` : 'FAILED';
  summary.heading(`Restore drill '${report.name}': ${verdict}`);
  if (report.restores.length > 0) {
    summary.table(
      ['restore', 'snapshot', 'RPO', 'RTO', 'backup size', 'restored size'],
      report.restores.map((restore) => [
        restore.label,
        restore.snapshot ? `${shortSnapshotId(restore.snapshot.id)} (${restore.snapshot.time})` : restore.source,
        formatSeconds(restore.rpoSeconds),
        formatSeconds(restore.rtoSeconds),
        formatBytes(restore.sizes.backupBytes),
        formatBytes(restore.sizes.restoredBytes),
      ]),
    );
  }
  const checks = allChecks(report);
  if (checks.length > 0) {
    summary.table(['check', 'result', 'seen'], checks.map((check) => [check.name, check.passed ? 'pass' : check.severity === 'warning' ? 'warn' : 'FAIL', check.detail]));
  }
  for (const restore of report.restores) {
    if (restore.versions) {
      const v = restore.versions;
      summary.text(`${restore.label}: dump made by ${v.dumpTool ?? '?'} from server ${v.dumpedFromServer ?? '?'}; restored with ${v.clientTool ?? '?'} into server ${v.server ?? '?'}.`);
    }
  }
  if (report.issue && report.issue.action !== 'none') summary.text(`Issue ${report.issue.action}: ${report.issue.url ?? `#${report.issue.number}`}`);
  if (report.reportFile) summary.text(`Report: ${report.reportFile}`);
  return summary;
}

export function drillOutputs(report: DrillReport): Record<string, string> {
  const first = report.restores[0];
  return {
    passed: String(report.passed),
    'rpo-seconds': first?.rpoSeconds === undefined ? '' : String(Math.round(first.rpoSeconds)),
    'rto-seconds': first?.rtoSeconds === undefined ? '' : String(Math.round(first.rtoSeconds * 10) / 10),
    snapshot: first?.snapshot?.id ?? '',
    'report-file': report.reportFile ?? '',
    'failed-checks': failedChecks(report).map((check) => check.name).join('\n'),
  };
}
