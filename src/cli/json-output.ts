/**
 * `--json`: stdout holds exactly one JSON document, for every command. Each
 * command writes its own document; this guard holds everything written to
 * stdout during the run and lets it out at the end only as one document. Text
 * that is not one (help, a completion script, the demo's table) is wrapped as
 * `{ ok, exitCode, text }`; a run that wrote nothing gives `{ ok, exitCode }`.
 * People's lines (progress, warnings, errors) go to stderr and are not touched.
 */
type WriteCallback = (error?: Error | null) => void;

export function oneJsonDocument(text: string, code: number): string {
  const trimmed = text.trim();
  if (!trimmed) return `${JSON.stringify({ ok: code === 0, exitCode: code })}\n`;
  try {
    JSON.parse(trimmed);
    return `${trimmed}\n`;
  } catch {
    return `${JSON.stringify({ ok: code === 0, exitCode: code, text }, null, 2)}\n`;
  }
}

export async function withOneJsonDocument(run: () => Promise<number>, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
  const chunks: string[] = [];
  const original = stdout.write;
  const hold = (chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    done?.();
    return true;
  };
  stdout.write = hold as typeof stdout.write;
  let code = 1;
  try {
    code = await run();
    return code;
  } finally {
    stdout.write = original;
    stdout.write(oneJsonDocument(chunks.join(''), code));
  }
}
