/**
 * The one line of a compose env file (`.env`) that holds the image variable (`TAG=1.4.2` or
 * `IMAGE=registry/app:1.4.2`). Only that line changes; every other byte of the file (the user's
 * secrets, comments, order) is kept. Compose reads the last definition of a name, so the last one
 * is the line that counts.
 */

const linePattern = (name: string): RegExp => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);

/** A value that is a tag alone: no repository, no digest (a tag can hold none of `/`, `:` and `@`). */
export const PLAIN_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

function lastIndexOf(lines: string[], name: string): number {
  const pattern = linePattern(name);
  for (let i = lines.length - 1; i >= 0; i -= 1) if (pattern.test(lines[i] ?? '')) return i;
  return -1;
}

/** The line that sets `name` as it is in the file, or '' when the file does not set it. */
export function envLineOf(text: string, name: string): string {
  const lines = text.split('\n');
  return lines[lastIndexOf(lines, name)] ?? '';
}

/** The value a line gives its name, quotes taken off. */
export function envLineValue(line: string): string {
  const value = line.slice(line.indexOf('=') + 1).trim();
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

/**
 * The file with the line that sets `name` replaced by `line`: added at the end when the file did
 * not set it, removed when `line` is '' (put back as it was before Slipway added it).
 */
export function withEnvLine(text: string, name: string, line: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const index = lastIndexOf(lines, name);
  if (index >= 0) {
    if (line) lines[index] = line;
    else lines.splice(index, 1);
  } else if (line) lines.push(line);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * What the variable is set to for `image`: the whole reference, or only its tag (and digest) where
 * the file holds a plain tag today (`image: app:${TAG}`). A digest-only reference (what the pipeline
 * deploys: `app@sha256:…`) goes in as `<version>@sha256:…`, which reads `app:<version>@sha256:…`: the
 * digest decides what runs, the version names it.
 */
export function variableValueFor(image: string, currentValue: string, version: string): { value?: string; problem?: string } {
  if (!currentValue || !PLAIN_TAG.test(currentValue)) return { value: image };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const at = image.indexOf('@', lastSlash + 1);
  if (colon >= 0 && (at < 0 || colon < at)) return { value: image.slice(colon + 1) };
  if (at >= 0 && PLAIN_TAG.test(version)) return { value: `${version}${image.slice(at)}` };
  return { problem: `holds a tag (${currentValue}) but the image ${image} has none` };
}
