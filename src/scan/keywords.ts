/**
 * All rule keywords at once, in one pass over the text (Aho–Corasick over
 * ASCII, case folded in the table): the time is linear in the text and does
 * not grow with the number of keywords, where a regex alternation of 250+
 * keywords tries them at every position. Keywords are lowercase ASCII; any
 * other character resets the automaton.
 */
export class KeywordAutomaton {
  /** goto[state * 128 + char] → next state (failure links folded in). */
  private readonly goto: Int32Array;
  /** Keyword ids that end in each state (its own and those of its failure chain). */
  private readonly outputs: Array<readonly number[]>;
  /** 1 where a state ends a keyword: a typed-array test on the hot path instead of an array length. */
  private readonly emits: Uint8Array;

  constructor(readonly keywords: readonly string[]) {
    const children: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const c = keyword.charCodeAt(i);
        if (c >= 128) throw new Error(`keyword '${keyword}' is not ASCII`);
        let next = children[state].get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state].set(c, next);
        }
        state = next;
      }
      own[state].push(id);
    });
    const states = children.length;
    const goto = new Int32Array(states * 128);
    const fail = new Int32Array(states);
    const outputs: number[][] = own.map((ids) => [...ids]);
    // Breadth first: a state's failure target is always complete before the state itself.
    const queue: number[] = [];
    for (let c = 0; c < 128; c += 1) {
      const next = children[0].get(c) ?? 0;
      goto[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head];
      outputs[state].push(...outputs[fail[state]]);
      for (let c = 0; c < 128; c += 1) {
        const next = children[state].get(c);
        if (next === undefined) {
          goto[state * 128 + c] = goto[fail[state] * 128 + c];
        } else {
          goto[state * 128 + c] = next;
          fail[next] = goto[fail[state] * 128 + c];
          queue.push(next);
        }
      }
    }
    // Upper-case letters move like their lower-case forms.
    for (let state = 0; state < states; state += 1) {
      for (let c = 65; c <= 90; c += 1) goto[state * 128 + c] = goto[state * 128 + c + 32];
    }
    this.goto = goto;
    this.outputs = outputs;
    this.emits = Uint8Array.from(outputs, (ids) => (ids.length > 0 ? 1 : 0));
  }

  /**
   * Calls `onLine(lineStart, lineEnd, keywordIds)` for each line holding at
   * least one keyword, in order; each id is listed once per line. A keyword
   * never spans a line break.
   */
  scanLines(text: string, onLine: (lineStart: number, lineEnd: number, ids: readonly number[]) => void): void {
    const { goto, outputs, emits } = this;
    const seenOnLine = new Int32Array(this.keywords.length).fill(-1);
    let ids: number[] = [];
    let lineStart = 0;
    let state = 0;
    const length = text.length;
    for (let i = 0; i < length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (ids.length > 0) { onLine(lineStart, i, ids); ids = []; }
        lineStart = i + 1;
        state = 0;
        continue;
      }
      if (c >= 128) { state = 0; continue; }
      state = goto[state * 128 + c];
      if (emits[state] === 0) continue;
      for (const id of outputs[state]) {
        if (seenOnLine[id] !== lineStart) { seenOnLine[id] = lineStart; ids.push(id); }
      }
    }
    if (ids.length > 0) onLine(lineStart, length, ids);
  }
}
