import { inertText } from './log.js';
/**
 * What a run has to tell at the end, as data. The Actions edge renders it as a
 * job summary (GitHub) or as log text (Forgejo, which shows no summaries); the
 * CLI prints it as text or JSON.
 */
export type SummaryBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] };

export class Summary {
  readonly blocks: SummaryBlock[] = [];
  heading(text: string): this { this.blocks.push({ kind: 'heading', text }); return this; }
  text(text: string): this { this.blocks.push({ kind: 'text', text }); return this; }
  table(headers: string[], rows: string[][]): this { this.blocks.push({ kind: 'table', headers, rows }); return this; }
  list(items: string[]): this { this.blocks.push({ kind: 'list', items }); return this; }
  append(other: Summary): this { this.blocks.push(...other.blocks); return this; }
}

/** Text from outside (a response, a host's output) reaches the summary as text: no HTML of its own. */
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeCell = (cell: string): string => escapeHtml(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

export function renderMarkdown(summary: Summary): string {
  return summary.blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading': return `### ${escapeHtml(block.text)}`;
        case 'text': return escapeHtml(block.text);
        case 'list': return block.items.map((item) => `- ${escapeHtml(item)}`).join('\n');
        case 'table': return [
          `| ${block.headers.map(escapeCell).join(' | ')} |`,
          `| ${block.headers.map(() => '---').join(' | ')} |`,
          ...block.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
        ].join('\n');
      }
    })
    .join('\n\n') + '\n';
}

/** Plain text for logs and terminals: markdown code ticks dropped. */
export function renderText(summary: Summary): string {
  // Printed to a terminal or a job log, where a cell starting with `::` would be a workflow command.
  const text = renderTextBlocks(summary).replace(/`/g, '').replace(/\n$/, '');
  return `${inertText(text)}\n`;
}

function renderTextBlocks(summary: Summary): string {
  return summary.blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading': return `== ${block.text} ==`;
        case 'text': return block.text;
        case 'list': return block.items.map((item) => `  - ${item}`).join('\n');
        case 'table': {
          const all = [block.headers, ...block.rows];
          const widths = block.headers.map((_, i) => Math.min(60, Math.max(...all.map((r) => (r[i] ?? '').length))));
          const line = (row: string[]) => row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd();
          return [line(block.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...block.rows.map(line)].join('\n');
        }
      }
    })
    .join('\n') + '\n';
}
