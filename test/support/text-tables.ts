/**
 * The tables in plain-text output as renderText draws them: a header line, a
 * rule of dashes under each column, then the rows up to a blank line or a
 * `== heading ==`. Each table comes back whole (header, rule and rows).
 */
export function textTables(output: string): string[] {
  const lines = output.split('\n');
  const tables: string[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    if (!/^-+(?: {2}-+)*$/.test(lines[i] ?? '') || !(lines[i - 1] ?? '').trim()) continue;
    let end = i + 1;
    while (end < lines.length && (lines[end] ?? '').trim() !== '' && !(lines[end] ?? '').startsWith('== ')) end += 1;
    tables.push(lines.slice(i - 1, end).join('\n'));
    i = end;
  }
  return tables;
}

/** The tables printed more than once, each with its count. */
export function repeatedTables(output: string): Array<{ table: string; times: number }> {
  const counts = new Map<string, number>();
  for (const table of textTables(output)) counts.set(table, (counts.get(table) ?? 0) + 1);
  return [...counts].filter(([, times]) => times > 1).map(([table, times]) => ({ table, times }));
}
