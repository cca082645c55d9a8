import { RE2JS } from 're2js';

/** One match: where it starts, the whole text and the secret (group `secret`, else group 1, else the match). */
export interface PatternMatch {
  index: number;
  text: string;
  secret: string;
  /** Named groups (built-in patterns: `name`, `q`), when the pattern has them. */
  groups?: Record<string, string | undefined>;
}

/**
 * A user-supplied regular expression on RE2 (re2js): matching time is linear in
 * the input whatever the pattern, so no config line can stall a scan. RE2 has no
 * lookaround and no backreferences; such a pattern is refused when it is compiled.
 */
export class LinearRegex {
  private readonly compiled: RE2JS;
  private readonly hasSecretGroup: boolean;

  constructor(readonly source: string, caseInsensitive = false) {
    this.compiled = RE2JS.compile(source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    this.hasSecretGroup = /\(\?P?<secret>/.test(source);
  }

  test(text: string): boolean {
    return this.compiled.matcher(text).find();
  }

  *matches(text: string): Generator<PatternMatch> {
    const matcher = this.compiled.matcher(text);
    const groups = this.compiled.groupCount();
    let from = 0;
    while (from <= text.length && matcher.find(from)) {
      const start = matcher.start();
      const end = matcher.end();
      const whole = matcher.group() ?? '';
      const secret = (this.hasSecretGroup ? matcher.group('secret') : groups > 0 ? matcher.group(1) : null) ?? whole;
      if (whole.length > 0) yield { index: start, text: whole, secret };
      from = end > start ? end : start + 1;
    }
  }
}

/** Compiles a pattern for RE2, with a message that says what to change when RE2 cannot run it. */
export function compileLinear(source: string, caseInsensitive = false): LinearRegex {
  try {
    return new LinearRegex(source, caseInsensitive);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new Error(`${reason}; patterns run on a linear-time engine (RE2), which has no lookahead, lookbehind or backreferences`, { cause: error });
  }
}
