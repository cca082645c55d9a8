import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import { humanPassword } from '../../../src/scan/rules/structural.js';
import { FORMS, IDENTIFIERS, PLACEHOLDERS } from './coverage-corpus.js';
import { seededGenerator } from './corpus.js';

const detector = new Detector({ rules: builtinRules });
const g = seededGenerator();
const scan = (lines: string[], file: string): string[] => detector.detect(`${lines.join('\n')}\n`, file).map((f) => `${f.line} ${f.ruleId}`);
const NAMES = ['API_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'API_KEY'];

describe.each(FORMS.map((form) => [form.form, form] as const))('the assignment form %s', (_label, form) => {
  const line = (form.valueLine ?? 0) + 1;

  it.each(NAMES)('reports a generated value assigned to %s on its own line, once', (name) => {
    for (const value of [humanPassword(g), g.alnum(32), `${g.alnum(18)}${g.digits(3)}`]) {
      const lines = form.lines(name, value);
      const found = scan(lines, form.file);
      expect({ text: lines.join('\n'), found: found.map((f) => f.split(' ')[0]) }).toEqual({ text: lines.join('\n'), found: [String(line)] });
    }
  });

  it('stays quiet when the value is a reference', () => {
    for (const name of NAMES) expect({ lines: form.reference(name), found: scan(form.reference(name), form.file) }).toEqual({ lines: form.reference(name), found: [] });
  });

  it.each(PLACEHOLDERS)('stays quiet on the placeholder %s', (placeholder) => {
    const lines = form.lines('API_TOKEN', placeholder);
    expect({ lines, found: scan(lines, form.file) }).toEqual({ lines, found: [] });
  });

  it.each(IDENTIFIERS)('stays quiet on the identifier %s', (identifier) => {
    const lines = form.lines('CLIENT_SECRET', identifier);
    expect({ lines, found: scan(lines, form.file) }).toEqual({ lines, found: [] });
  });
});
