// Revisions from inputs and events reach git as arguments. Each is checked as
// a ref name (git check-ref-format rules, plus `~N`/`^N` steps) or an object id
// before anything runs, and passed after `--end-of-options` besides.

/** Why `value` is not a ref name or object id, or undefined when it is one. */
export function revisionProblem(value: string): string | undefined {
  if (value.startsWith('-')) return "starts with '-', so git would read it as an option";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(value)) return 'holds a space or a control character';
  if (/^[0-9a-f]{4,64}$/i.test(value)) return undefined;
  const name = value.replace(/(?:[~^]\d{0,4})+$/, '');
  if (name === '' || name === '@') return 'is not a ref name';
  if (/[~^:?*[\\]/.test(name)) return "holds one of ~ ^ : ? * [ \\ (not allowed in a ref name)";
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return "holds '..', '@{' or '//' (not allowed in a ref name)";
  if (/(?:^|\/)\./.test(name) || /(?:\/|\.|\.lock)$/.test(name) || name.startsWith('/')) return "has a part that starts with '.', ends with '/', '.' or '.lock' (not allowed in a ref name)";
  return undefined;
}

/** `a1b2c3d4e5f6` for a full object id (40 or 64 hex), the whole name for a ref. */
export function shortRevision(value: string): string {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(value) ? value.slice(0, 12) : value;
}

/**
 * Splits a `git log`/`rev-list` range into options and revisions, so the
 * revisions can follow `--end-of-options`; `--not A B` becomes `^A ^B`.
 */
export function revisionArgs(range: readonly string[]): string[] {
  const options: string[] = [];
  const revisions: string[] = [];
  let negate = false;
  for (const part of range) {
    if (part === '--not') negate = !negate;
    else if (part.startsWith('--')) options.push(part);
    else revisions.push(negate ? `^${part}` : part);
  }
  return [...options, '--end-of-options', ...revisions];
}
