import fs from 'node:fs';
import path from 'node:path';
import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';

// Slipway's own bundles are real generated code: ncc output of our sources and every dependency.
const dist = path.resolve('dist');
const bundles = fs.existsSync(dist)
  ? fs.readdirSync(dist).map((name) => path.join(dist, name, 'index.js')).filter((file) => fs.existsSync(file))
  : [];

describe('generated code', () => {
  it('has bundles to read (dist/ is committed)', () => {
    expect(bundles.length).toBeGreaterThan(0);
  });

  it.each(bundles.map((file) => [path.relative(dist, file), file]))('%s holds no finding at all (member copies, `||`, `??`, ternaries are code)', (_name, file) => {
    const findings = new Detector({ rules: builtinRules }).detect(fs.readFileSync(file, 'utf8'), file);
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual([]);
  });
});
