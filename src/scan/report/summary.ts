import { Summary } from '../../core/summary.js';
import type { Finding } from '../types.js';

export interface ScanStats {
  mode: string;
  files: number;
  commits: number;
  bytes: number;
  durationMs: number;
  /** Binary and oversized files together. */
  skipped: number;
  /** Files not read because of their size: their secrets would be missed, so each is named. */
  oversized?: SkippedFile[];
}

export interface SkippedFile {
  path: string;
  bytes: number;
  commit?: string;
  /** Why, and the setting that changes it. */
  reason: string;
}

/** How many skipped files a summary names (the SARIF file names them all). */
export const MAX_SKIPPED_ROWS = 20;

const MAX_ROWS = 100;

export function findingRows(findings: readonly Finding[], history: boolean): string[][] {
  return findings.slice(0, MAX_ROWS).map((f) => [
    f.baselined ? 'baseline' : 'new',
    f.ruleId,
    `${f.path}:${f.line}`,
    f.commit ? f.commit.slice(0, 12) : '',
    f.redacted,
    f.fingerprint,
    ...(history ? [f.inTree ? 'yes' : 'no'] : []),
  ]);
}

export function scanSummary(findings: readonly Finding[], stats: ScanStats, extra: string[] = []): Summary {
  const fresh = findings.filter((f) => !f.baselined).length;
  const summary = new Summary().heading(`Secret scan (${stats.mode}): ${fresh === 0 ? 'no new secrets' : `${fresh} new secret${fresh === 1 ? '' : 's'}`}`);
  const what = stats.commits > 0 ? `${stats.commits} commit(s), ${stats.files} file change(s)` : `${stats.files} file(s)`;
  summary.text(`Scanned ${what}, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB in ${(stats.durationMs / 1000).toFixed(2)} s; ${findings.length} finding(s), ${findings.length - fresh} in the baseline${stats.skipped ? `; ${stats.skipped} binary or oversized file(s) skipped` : ''}.`);
  if (findings.length > 0) {
    const history = stats.mode === 'history';
    summary.table(['status', 'rule', 'where', 'commit', 'secret (redacted)', 'fingerprint', ...(history ? ['still in tree'] : [])], findingRows(findings, history));
    if (findings.length > MAX_ROWS) summary.text(`… and ${findings.length - MAX_ROWS} more (see the SARIF file).`);
    if (fresh > 0) summary.text('Revoke each new credential at its provider first, then remove it from the code. A false alarm: add `slipway:allow` to the line, or record it with `write-baseline: true`.');
  }
  const oversized = stats.oversized ?? [];
  if (oversized.length > 0) {
    summary.text(`${oversized.length} file(s) were not scanned because of their size, so a secret in them would be missed:`);
    summary.table(['file', 'commit', 'size', 'why, and what changes it'], oversized.slice(0, MAX_SKIPPED_ROWS).map((f) => [
      f.path, f.commit ? f.commit.slice(0, 12) : '', `${(f.bytes / 1024 / 1024).toFixed(1)} MB`, f.reason,
    ]));
    if (oversized.length > MAX_SKIPPED_ROWS) summary.text(`… and ${oversized.length - MAX_SKIPPED_ROWS} more (see the SARIF file).`);
  }
  for (const line of extra) summary.text(line);
  return summary;
}
