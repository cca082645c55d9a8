// Every secret value the process knows about is registered here once; every
// path that prints or throws text (logger, runner, error formatting) redacts
// through `redact`, so a secret cannot reach a log even through a tool's echo.

const registered = new Set<string>();
const listeners: Array<(value: string) => void> = [];

/** Secrets shorter than this are not redacted: masking "1" would mangle every log. */
const MIN_SECRET_LENGTH = 4;

export const REDACTED = '***';

export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  const forms = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
  // Multi-line secrets (keys) are also masked line by line, as a tool may print one line.
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) forms.push(line.trim());
  for (const form of forms) {
    if (registered.has(form)) continue;
    registered.add(form);
    for (const listener of listeners) listener(form);
  }
}

/** A piece shorter than this is a word ("Bearer", "token"), not a fragment of a credential worth masking. */
const MIN_PIECE_LENGTH = 8;

/**
 * A secret value whose parts could be printed on their own (a header value
 * `Bearer ab,cd…`, a comma-separated token list): the whole value, each line,
 * and each piece between commas, semicolons or spaces are registered.
 */
export function registerSecretPieces(value: string | undefined | null): void {
  if (!value) return;
  registerSecret(value);
  registerSecret(value.trim());
  for (const piece of value.split(/[\s,;]+/)) if (piece.length >= MIN_PIECE_LENGTH) registerSecret(piece);
}

/** Lets an edge mirror registrations (the Actions edge calls core.setSecret). */
export function onSecretRegistered(listener: (value: string) => void): void {
  listeners.push(listener);
  for (const value of registered) listener(value);
}

export function redact(text: string): string {
  if (registered.size === 0 || !text) return text;
  let out = text;
  // Longest first, so a secret containing another is masked whole.
  for (const secret of [...registered].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export function isRegisteredSecret(value: string): boolean {
  return registered.has(value);
}

/** For tests only. */
export function clearSecretsForTest(): void {
  registered.clear();
}
