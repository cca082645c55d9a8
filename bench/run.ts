// `npm run bench`: runs every bench/*.bench.ts in one process, one after the
// other on the same machine, and writes BENCHMARKS.md. Each bench measures its
// subject side by side with a baseline in the same run and reports ratios.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchRow { metric: string; value: string; target: string; ratio?: number }
interface BenchSection { title: string; rows: BenchRow[]; notes?: string[]; markdown?: string[] }

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
// Top-level benches, plus bench/seeds/ (issue 20's seed jobs): `node build/bench/run.js seeds` runs only that one.
const files = [...fs.readdirSync(here).filter((file) => /\.bench\.js$/.test(file)), 'seeds/seeds.bench.js'].sort()
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)));

const sections: BenchSection[] = [];
for (const file of files) {
  const started = Date.now();
  process.stderr.write(`bench: ${file}\n`);
  try {
    const module = (await import(pathToFileURL(path.join(here, file)).href)) as { bench: () => Promise<BenchSection> };
    const section = await module.bench();
    section.notes = [...(section.notes ?? []), `measured in ${((Date.now() - started) / 1000).toFixed(0)} s`];
    sections.push(section);
  } catch (error) {
    sections.push({ title: path.basename(file).replace(/\.bench\.js$/, ''), rows: [{ metric: 'bench failed', value: String((error as Error).message).split('\n')[0] ?? '', target: '-' }] });
  }
}

const root = path.resolve(here, '..', '..');
const out = path.join(root, 'BENCHMARKS.md');
const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
const rendered = sections.map((section) => [
  `## ${section.title}`,
  '',
  '| metric | measured | target |',
  '| --- | --- | --- |',
  ...section.rows.map((row) => `| ${row.metric} | ${row.value} | ${row.target} |`),
  '',
  ...(section.notes ?? []).map((note) => `- ${note}`),
  '',
  ...(section.markdown ?? []),
].join('\n'));

// Sections not run this time (a partial `npm run bench -- image`) keep their last numbers.
const kept = previous.split(/^(?=## )/m).filter((part) => part.startsWith('## ') && !sections.some((s) => part.startsWith(`## ${s.title}\n`)));
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}).`,
  'Each figure is measured side by side with its baseline in the same run; ratios compare the two.',
  '',
].join('\n');
fs.writeFileSync(out, `${header}\n${[...rendered, ...kept.map((part) => part.trimEnd() + '\n')].join('\n')}`);
process.stderr.write(`wrote ${out}\n`);
