import { sqlIdentifier } from './commands.js';
import type { CheckResult } from './report.js';
import type { VerifySettings } from './settings.js';

/** How the checks reach the restored data: sqlite3 on a file, or psql on the scratch database. */
export interface DataProbe {
  engine: 'sqlite' | 'postgres';
  /** Rows as lines, columns joined by `|`; an error when the SQL fails. */
  query(sql: string): Promise<{ rows: string[] } | { error: string }>;
  /** SQL listing the user tables, one per row. */
  tablesSql: string;
  /** SQL returning the newest value of a column as unix seconds or text. */
  newestSql(table: string, column: string): string;
  /** Row counts of these tables at once, when the engine does it faster than one query each. */
  countRows?(tables: string[]): Promise<RowCounts>;
}

export type RowCounts = { counts: Record<string, number> } | { error: string };

/** One `count(*)` per table, as rows `name|count`: one process and one pass for the lot. */
export function countRowsSql(tables: string[]): string {
  return `${tables.map((table) => `SELECT ${sqlString(table)}, count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')}`).join(' UNION ALL ')};`;
}

const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Reads the rows of countRowsSql back into a map. */
export function parseRowCounts(rows: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const cut = row.lastIndexOf('|');
    if (cut > 0) counts[row.slice(0, cut)] = Number(row.slice(cut + 1));
  }
  return counts;
}

export const sqliteTablesSql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
export const postgresTablesSql =
  "SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;";

/** Runs the data checks; returns them with the row count of every table (for the next drill's comparison). */
export async function verifyData(
  probe: DataProbe,
  verify: VerifySettings,
  options: { now: Date; previousCounts?: Record<string, number> },
): Promise<{ checks: CheckResult[]; tables: Record<string, number> }> {
  const checks: CheckResult[] = [];
  const listed = await probe.query(probe.tablesSql);
  if ('error' in listed) {
    checks.push({ name: 'read tables', passed: false, detail: listed.error });
    return { checks, tables: {} };
  }
  const present = new Set(listed.rows.map((row) => row.trim()).filter(Boolean));
  for (const table of verify.tables) {
    checks.push({ name: `table ${table} exists`, passed: present.has(table), detail: present.has(table) ? 'present' : `missing (tables found: ${[...present].join(', ') || 'none'})` });
  }
  const tables: Record<string, number> = {};
  const together = probe.countRows && present.size ? await probe.countRows([...present]) : undefined;
  if (together && 'counts' in together) Object.assign(tables, together.counts);
  // Table by table when there is no joint count, or it failed: then each error names its table.
  for (const table of together && 'counts' in together ? [] : present) {
    const counted = await probe.query(`SELECT count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')};`);
    if ('error' in counted) checks.push({ name: `count ${table}`, passed: false, detail: counted.error });
    else tables[table] = Number(counted.rows[0] ?? 0);
  }
  for (const [table, minimum] of Object.entries(verify.minRows)) {
    const count = tables[table];
    checks.push({
      name: `${table} has at least ${minimum} rows`,
      passed: count !== undefined && count >= minimum,
      detail: count === undefined ? 'table missing' : `${count} rows`,
    });
  }
  for (const query of verify.queries) {
    const result = await probe.query(query.sql);
    const seen = 'error' in result ? `error: ${result.error}` : result.rows.join('\n').trim();
    checks.push({ name: `query ${query.sql}`, passed: !('error' in result) && seen === query.expected, detail: `expected ${query.expected}, got ${seen || '(no rows)'}` });
  }
  if (verify.freshnessColumn && verify.maxAgeMs !== undefined) {
    checks.push(await checkNewestRow(probe, verify.freshnessColumn, verify.maxAgeMs, options.now));
  }
  if (options.previousCounts) checks.push(...compareRowCounts(options.previousCounts, tables, verify.shrinkTolerancePercent));
  return { checks, tables };
}

async function checkNewestRow(probe: DataProbe, tableColumn: string, maxAgeMs: number, now: Date): Promise<CheckResult> {
  const [table, column] = tableColumn.split('.');
  const name = `newest ${tableColumn} within ${formatAge(maxAgeMs)}`;
  const result = await probe.query(probe.newestSql(table, column));
  if ('error' in result) return { name, passed: false, detail: result.error };
  const newest = parseTimestamp(result.rows[0] ?? '');
  if (!newest) return { name, passed: false, detail: `no readable timestamp (found '${result.rows[0] ?? ''}')` };
  const age = now.getTime() - newest.getTime();
  return { name, passed: age <= maxAgeMs, detail: `newest row ${newest.toISOString()}, ${formatAge(age)} old` };
}

/** Unix seconds (or milliseconds), ISO-8601, or SQLite's `YYYY-MM-DD HH:MM:SS` (which is UTC). */
export function parseTimestamp(value: string): Date | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    return new Date(number > 1e12 ? number : number * 1000);
  }
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "Valid but empty": a table that lost more than `tolerancePercent` of its rows since the last passing drill. */
export function compareRowCounts(previous: Record<string, number>, current: Record<string, number>, tolerancePercent: number): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const [table, before] of Object.entries(previous)) {
    const now = current[table];
    const name = `${table} did not shrink more than ${tolerancePercent}%`;
    if (now === undefined) {
      checks.push({ name, passed: false, detail: `table gone (had ${before} rows in the last passing drill)` });
      continue;
    }
    const lost = before === 0 ? 0 : ((before - now) / before) * 100;
    checks.push({ name, passed: lost <= tolerancePercent, detail: `${before} → ${now} rows${lost > 0 ? ` (−${Math.round(lost * 10) / 10}%)` : ''}` });
  }
  return checks;
}

export function checkSnapshotAge(snapshotTime: Date, maxAgeMs: number, now: Date): CheckResult {
  const age = now.getTime() - snapshotTime.getTime();
  return {
    name: `backup within max-age ${formatAge(maxAgeMs)}`,
    passed: age <= maxAgeMs,
    detail: `backup taken ${snapshotTime.toISOString()}, ${formatAge(age)} old`,
  };
}

export function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (Math.abs(seconds) < 120) return `${seconds} s`;
  if (Math.abs(seconds) < 7200) return `${Math.round(seconds / 60)} min`;
  if (Math.abs(seconds) < 172_800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}
