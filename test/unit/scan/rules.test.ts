import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import type { Sample } from '../../../src/scan/types.js';
import { SAMPLE_SEED, seededGenerator } from './corpus.js';

const detector = new Detector({ rules: builtinRules });
const generate = seededGenerator();
const render = (sample: Sample): string => (typeof sample === 'string' ? sample : sample(generate));
// Generated samples are drawn many times (from the fixed seed) so a rule that fires only sometimes is caught.
const DRAWS = 25;

describe('built-in rules', () => {
  it('cover well over 100 credential formats with unique ids', () => {
    const ids = builtinRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(170);
  });

  it('each carry at least one matching and one quiet sample', () => {
    for (const rule of builtinRules) {
      expect({ id: rule.id, match: rule.samples.match.length > 0 }).toEqual({ id: rule.id, match: true });
      expect({ id: rule.id, quiet: rule.samples.quiet.length > 0 }).toEqual({ id: rule.id, quiet: true });
    }
  });

  describe.each(builtinRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    it('finds every matching sample', () => {
      for (const sample of rule.samples.match) {
        for (let draw = 0; draw < (typeof sample === 'string' ? 1 : DRAWS); draw += 1) {
          const text = render(sample);
          const rules = detector.detect(text, 'sample.txt').map((f) => f.ruleId);
          expect({ seed: SAMPLE_SEED, text, rules }).toEqual({ seed: SAMPLE_SEED, text, rules: expect.arrayContaining([id]) });
        }
      }
    });

    it('stays quiet on every look-alike', () => {
      for (const sample of rule.samples.quiet) {
        const text = render(sample);
        expect({ text, findings: detector.detect(text, 'sample.txt') }).toEqual({ text, findings: [] });
      }
    });
  });
});
