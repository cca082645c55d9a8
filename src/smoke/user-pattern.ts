import { RE2JS } from 're2js';

/** What a check needs of a user's regular expression: RegExp has the same shape, so tests may use literals. */
export interface UserPattern {
  readonly source: string;
  test(text: string): boolean;
}

/**
 * A user's regular expression, compiled for RE2 (linear time in the input):
 * `(a+)+$` against a long body takes microseconds, not the event loop, so the
 * check's timeout always fires. RE2 has no backreferences or lookaround; a
 * pattern using them is an error the caller turns into an input error.
 */
export function compileUserPattern(source: string): UserPattern | { error: string } {
  try {
    const compiled = RE2JS.compile(source);
    return { source, test: (text: string) => compiled.test(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    return { error: message.slice(0, 120) };
  }
}
