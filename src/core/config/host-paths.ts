import path from 'node:path';
import type { Inputs } from './inputs.js';

/**
 * Paths on a deploy host, as the inputs name them: an application directory
 * (absolute) and the files Slipway keeps or reads under it (relative). Every
 * flow that reaches a host (deploy, previews) judges them by these rules, so
 * `..`, shell characters, a leading `-` or an endless name fail in parse,
 * naming the input, whichever flow reads them.
 */

/** Linux takes 4096 bytes a path and 255 a name; a longer input is a paste gone wrong. */
const MAX_PATH = 1024;
const MAX_NAME = 255;
/** Characters a shell or a tool's option parser would read as more than a path. */
const SHELL_CHARACTERS = /[\s'"`$\\;&|<>*?{}()!#~]/;
const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]+$/;

function checkLengths(inputs: Inputs, name: string, value: string): void {
  if (value.length > MAX_PATH) inputs.fail(name, `is ${value.length} characters long (at most ${MAX_PATH})`, 'Give the path itself, not a paste of something else.');
  if (value.split('/').some((segment) => segment.length > MAX_NAME)) {
    inputs.fail(name, `has a name longer than ${MAX_NAME} characters between two '/'`, 'File systems refuse such names: shorten it.');
  }
}

/**
 * An application directory on the host: absolute, normalised, no `.`/`..`
 * segment, no shell characters, never `/` itself (locks and releases live
 * under it). `placeholders` (e.g. `{host}`) are the only braces allowed.
 */
export function hostDirectory(inputs: Inputs, name: string, value: string, placeholders: readonly string[] = []): string {
  const plain = placeholders.reduce((text, placeholder) => text.replaceAll(placeholder, 'x'), value);
  if (!value.startsWith('/') || SHELL_CHARACTERS.test(plain)) {
    inputs.fail(name, `is not an absolute path without shell characters (found '${value.slice(0, 80)}')`, 'Write the directory on the host, e.g. /srv/myapp.');
  }
  checkLengths(inputs, name, value);
  if (plain.split('/').some((segment) => segment === '..' || segment === '.')) {
    inputs.fail(name, `has a '.' or '..' segment (found '${value.slice(0, 80)}')`, 'Write the directory as it is, e.g. /srv/myapp, without . or .. parts.');
  }
  const normalised = path.posix.normalize(value).replace(/\/+$/, '');
  if (normalised === '') inputs.fail(name, "is the root directory '/'", 'Give the application its own directory, e.g. /srv/myapp.');
  return normalised;
}

/**
 * A path inside app-dir (a compose file, an env file, a shared path): relative,
 * no `..`, plain characters, not starting with `-`. `file: true` for a single
 * file Slipway writes or reads (a lock, a log, a template): no `.` or empty segment and
 * no trailing `/` either, so it can never name app-dir itself or a directory; a leading
 * `./` is dropped.
 */
export function hostRelativePath(inputs: Inputs, name: string, value: string, options: { file?: boolean; example?: string } = {}): string {
  const example = options.example ?? 'docker-compose.yml';
  if (!RELATIVE_PATH.test(value) || value.startsWith('-')) {
    inputs.fail(name, `is not a path inside app-dir (found '${value.slice(0, 80)}', expected e.g. ${example})`, `Write the path relative to app-dir, e.g. ${example}: no leading / or -, no .., letters, digits and . _ / @ + - only.`);
  }
  checkLengths(inputs, name, value);
  if (!options.file) return value;
  // `./deploy.log` is deploy.log; what is left must name a file: no empty or '.' part, no trailing '/'.
  const file = value.replace(/^(?:\.\/)+/, '');
  if (file.split('/').some((segment) => segment === '' || segment === '.')) {
    inputs.fail(name, `does not name a file under app-dir (found '${value.slice(0, 80)}': an empty or '.' part, or a trailing /)`, `Name the file itself, e.g. ${example}.`);
  }
  return file;
}
