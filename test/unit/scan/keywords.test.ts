import { KeywordAutomaton } from '../../../src/scan/keywords.js';

const linesOf = (automaton: KeywordAutomaton, text: string): Array<[string, string[]]> => {
  const out: Array<[string, string[]]> = [];
  automaton.scanLines(text, (from, to, ids) => out.push([text.slice(from, to), ids.map((id) => automaton.keywords[id]).sort()]));
  return out;
};

describe('the keyword automaton', () => {
  const automaton = new KeywordAutomaton(['sk', 'sk_live_', 'token', 'pass', 'password=', 'ghp_']);

  it('reports each line holding a keyword once, with every keyword on it (overlapping and contained ones too)', () => {
    expect(linesOf(automaton, 'a\nSK_LIVE_x token\nnothing\npassword=1 Password=2\nlast ghp_')).toEqual([
      ['SK_LIVE_x token', ['sk', 'sk_live_', 'token']],
      ['password=1 Password=2', ['pass', 'password=']],
      ['last ghp_', ['ghp_']],
    ]);
  });

  it('folds ASCII case, never matches across a line break or a non-ASCII character', () => {
    expect(linesOf(automaton, 'TOK\nEN\ntoké\u00e9n tOkEn')).toEqual([['toké\u00e9n tOkEn', ['token']]]);
  });

  it('finds a keyword after a failed partial match (failure links)', () => {
    expect(linesOf(new KeywordAutomaton(['abcd', 'bce']), 'xabce')).toEqual([['xabce', ['bce']]]);
  });
});
