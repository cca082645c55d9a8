import fs from 'node:fs';
import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import { randomGenerator } from '../../../src/scan/samples.js';
import { buildCoverageCorpus, type Item } from './coverage-corpus.js';

interface ClassCount { planted: number; found: number; twins: number; noisyTwins: number }

const detector = new Detector({ rules: builtinRules });

/** Scans one seed's corpus: per-class counts, misses and false alarms. */
function evaluate(items: Item[]): { classes: Map<string, ClassCount>; found: number; planted: number; falsePositives: string[]; missed: string[] } {
  const byPath = new Map<string, Item[]>();
  for (const item of items) byPath.set(item.path, [...(byPath.get(item.path) ?? []), item]);
  const classes = new Map<string, ClassCount>();
  const count = (kind: string): ClassCount => {
    const entry = classes.get(kind) ?? { planted: 0, found: 0, twins: 0, noisyTwins: 0 };
    classes.set(kind, entry);
    return entry;
  };
  let found = 0;
  let planted = 0;
  const falsePositives: string[] = [];
  const missed: string[] = [];
  for (const [path, group] of byPath) {
    const first = group[0];
    const findings = first.bytes ? detector.detectBinary(first.bytes, path) : detector.detect(first.text ?? '', path);
    const lines = new Set(findings.map((f) => f.line));
    const plantedLines = new Set(group.flatMap((item) => (item.line ? [item.line] : [])));
    for (const item of group) {
      const entry = count(item.kind);
      if (item.line === undefined) {
        entry.twins += 1;
        if (findings.length > 0) entry.noisyTwins += 1;
        continue;
      }
      entry.planted += 1;
      planted += 1;
      if (lines.has(item.line)) { entry.found += 1; found += 1; } else missed.push(`${item.kind} ${path}:${item.line}`);
    }
    for (const finding of findings) {
      if (!plantedLines.has(finding.line)) falsePositives.push(`${first.kind}: ${finding.ruleId} ${path}:${finding.line}`);
    }
  }
  return { classes, found, planted, falsePositives, missed };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Issue 24's corpus: every assignment form, provider format, Kubernetes Secret and
 * PKCS#12 keystore, each with quiet twins, drawn from 10 seeds. Set
 * SLIPWAY_COVERAGE_REPORT=file.md to write the per-class table (docs/secret-scan.md).
 */
describe('coverage corpus across 10 seeds', () => {
  const runs = SEEDS.map((seed) => ({ seed, ...evaluate(buildCoverageCorpus(randomGenerator(seed))) }));

  it.each(runs.map((run) => [run.seed, run] as const))('seed %i: recall ≥ 0.99 at precision ≥ 0.998', (_seed, run) => {
    const recall = run.found / run.planted;
    const precision = run.found / (run.found + run.falsePositives.length);
    expect({ recall: recall >= 0.99, missed: run.missed }).toEqual({ recall: true, missed: expect.any(Array) });
    expect({ precision: precision >= 0.998, falsePositives: run.falsePositives }).toEqual({ precision: true, falsePositives: expect.any(Array) });
  });

  it('finds every class on every seed and keeps every quiet twin quiet', () => {
    const total = new Map<string, ClassCount>();
    for (const run of runs) {
      for (const [kind, entry] of run.classes) {
        const sum = total.get(kind) ?? { planted: 0, found: 0, twins: 0, noisyTwins: 0 };
        total.set(kind, { planted: sum.planted + entry.planted, found: sum.found + entry.found, twins: sum.twins + entry.twins, noisyTwins: sum.noisyTwins + entry.noisyTwins });
      }
    }
    const planted = runs.reduce((n, run) => n + run.planted, 0);
    const found = runs.reduce((n, run) => n + run.found, 0);
    const falsePositives = runs.flatMap((run) => run.falsePositives);
    if (process.env.SLIPWAY_COVERAGE_REPORT) {
      const rows = [...total.entries()].map(([kind, n]) => `| ${kind} | ${n.planted} | ${n.found} | ${n.twins} | ${n.noisyTwins} |`);
      fs.writeFileSync(process.env.SLIPWAY_COVERAGE_REPORT, [
        `Seeds 1–10: ${planted} planted secrets, ${found} found (recall ${(found / planted).toFixed(4)}); ${falsePositives.length} false positive(s) (precision ${(found / (found + falsePositives.length)).toFixed(4)}); ${[...total.values()].reduce((n, c) => n + c.twins, 0)} quiet twins.`,
        '', '| class | planted | found | quiet twins | twins that fired |', '| --- | --- | --- | --- | --- |', ...rows, '',
        ...runs.flatMap((run) => run.missed.map((m) => `missed (seed ${run.seed}): ${m}`)), ...falsePositives.map((f) => `false positive: ${f}`),
      ].join('\n'));
    }
    const weak = [...total.entries()].filter(([, n]) => n.planted > 0 && n.found / n.planted < 0.9).map(([kind, n]) => `${kind}: ${n.found}/${n.planted}`);
    const noisy = [...total.entries()].filter(([, n]) => n.noisyTwins > 0).map(([kind, n]) => `${kind}: ${n.noisyTwins}/${n.twins}`);
    expect({ weak, noisy }).toEqual({ weak: [], noisy: [] });
  });
});
