import fs from 'node:fs';
import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import { buildCorpus, KINDS } from './corpus.js';

/**
 * Recall and precision on a corpus generated afresh on every run. Set
 * SLIPWAY_CORPUS_REPORT=file.md to write the per-kind table (docs/secret-scan.md).
 */
describe('labelled corpus', () => {
  const corpus = buildCorpus(4);
  const detector = new Detector({ rules: builtinRules });
  const findings = corpus.files.flatMap((file) => detector.detect(file.text, file.path));
  const plantedAt = new Map(corpus.planted.map((p) => [`${p.path}:${p.line}`, p]));
  const found = new Set(findings.map((f) => `${f.path}:${f.line}`).filter((key) => plantedAt.has(key)));
  const falsePositives = findings.filter((f) => !plantedAt.has(`${f.path}:${f.line}`));
  const recall = found.size / corpus.planted.length;
  const precision = found.size / (found.size + falsePositives.length);

  it('is big and varied enough to mean something', () => {
    expect(new Set(KINDS.map((k) => k.kind)).size).toBeGreaterThanOrEqual(40);
    expect(corpus.planted.length).toBeGreaterThanOrEqual(300);
    expect(corpus.lookAlikes.length).toBeGreaterThanOrEqual(300);
  });

  it('finds at least 95% of the planted secrets (recall) with at least 98% precision', () => {
    const perKind = new Map<string, { planted: number; found: number }>();
    for (const p of corpus.planted) {
      const entry = perKind.get(p.kind) ?? { planted: 0, found: 0 };
      entry.planted += 1;
      if (found.has(`${p.path}:${p.line}`)) entry.found += 1;
      perKind.set(p.kind, entry);
    }
    const missed = corpus.planted.filter((p) => !found.has(`${p.path}:${p.line}`)).map((p) => `${p.kind} ${p.path}:${p.line}`);
    const noisy = falsePositives.map((f) => `${f.ruleId} ${f.path}:${f.line}`);
    if (process.env.SLIPWAY_CORPUS_REPORT) {
      const rows = [...perKind.entries()].sort().map(([kind, n]) => `| ${kind} | ${n.planted} | ${n.found} | ${(n.found / n.planted).toFixed(2)} |`);
      const labels = new Map<string, number>();
      for (const l of corpus.lookAlikes) labels.set(l.label, (labels.get(l.label) ?? 0) + 1);
      fs.writeFileSync(process.env.SLIPWAY_CORPUS_REPORT, [
        `Corpus: ${corpus.files.length} files, ${corpus.planted.length} planted secrets of ${perKind.size} kinds, ${corpus.lookAlikes.length} look-alikes (${[...labels.entries()].map(([l, n]) => `${l} ${n}`).join(', ')}).`,
        `Recall ${recall.toFixed(3)} (${found.size}/${corpus.planted.length}), precision ${precision.toFixed(3)} (${falsePositives.length} false positive(s)).`,
        '', '| kind | planted | found | recall |', '| --- | --- | --- | --- |', ...rows, '',
      ].join('\n'));
      if (process.env.SLIPWAY_CORPUS_DEBUG) fs.writeFileSync(process.env.SLIPWAY_CORPUS_DEBUG, [...missed, '--', ...noisy].join('\n'));
    }
    expect({ recall: recall >= 0.95, missed: missed.slice(0, 20) }).toEqual({ recall: true, missed: expect.any(Array) });
    expect({ precision: precision >= 0.98, noisy: noisy.slice(0, 20) }).toEqual({ precision: true, noisy: expect.any(Array) });
  });

  it('stays completely quiet on the look-alike files', () => {
    const quiet = falsePositives.filter((f) => f.path.includes('/quiet/')).map((f) => `${f.ruleId} ${f.path}:${f.line}`);
    expect(quiet).toEqual([]);
  });
});
