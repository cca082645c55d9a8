import path from 'node:path';
import type { AppBootSettings, QueryExpectation } from './settings.js';

/**
 * `{restored}` and `{restored-dir}`: where the restore put the database, so an app's
 * environment, its arguments and the queries can name it without knowing the backup's
 * file name (a nightly `portal.snapshot.<timestamp>.db`). Each reader gets the path
 * it sees: the app its mount (`app-data-mount`), the queries the scratch place on the runner.
 */
export const RESTORED_PLACEHOLDERS = ['{restored}', '{restored-dir}'] as const;

export interface RestoredPlace {
  /** The restored SQLite file on the runner, or the scratch PostgreSQL database's name. */
  database?: string;
  engine?: 'sqlite' | 'postgres';
  /** The directory the app gets mounted (the database's directory, else the restored tree). */
  dir: string;
}

export interface PlaceholderValues {
  restored?: string;
  restoredDir: string;
}

/** What the queries see: paths on the runner. */
export function runnerValues(place: RestoredPlace): PlaceholderValues {
  return { restored: place.database, restoredDir: place.dir };
}

/** What the app sees: its data mount, and the database file under it (a PostgreSQL database keeps its name). */
export function appValues(place: RestoredPlace, dataMount: string): PlaceholderValues {
  const restored = place.database === undefined ? undefined
    : place.engine === 'postgres' ? place.database
      : path.posix.join(dataMount, path.relative(place.dir, place.database).split(path.sep).join('/'));
  return { restored, restoredDir: dataMount };
}

/** Every placeholder some drill input replaces (`{port}`: app-args only). */
const KNOWN_PLACEHOLDERS: readonly string[] = [...RESTORED_PLACEHOLDERS, '{port}'];

/**
 * A brace word that reads like one of the placeholders but is none of them
 * (`{restored_dir}`, `{restore}`, `{Restored}`, `{PORT}`): left as it is, it
 * would reach the app or the query literally and fail far from the typo.
 */
export function misspeltPlaceholder(text: string): string | undefined {
  // `${PORT}` in a shell command is the shell's variable, not a placeholder.
  for (const [word] of text.matchAll(/(?<!\$)\{[A-Za-z][A-Za-z_-]{1,30}\}/g)) {
    if (!KNOWN_PLACEHOLDERS.includes(word) && /^\{(restor|port)/i.test(word)) return word;
  }
  return undefined;
}

export function usesRestored(text: string): boolean {
  return text.includes('{restored}');
}

/** Replaces both placeholders; `{restored}` is left as is when there is nothing to name (the caller refuses that first). */
export function fillRestored(text: string, values: PlaceholderValues): string {
  const withDir = text.replaceAll('{restored-dir}', values.restoredDir);
  return values.restored === undefined ? withDir : withDir.replaceAll('{restored}', values.restored);
}

/** The app boot settings with the placeholders filled in its arguments and every environment value. */
export function appWithRestored(app: AppBootSettings, values: PlaceholderValues): AppBootSettings {
  return {
    ...app,
    args: app.args.map((arg) => fillRestored(arg, values)),
    env: Object.fromEntries(Object.entries(app.env).map(([key, value]) => [key, fillRestored(value, values)])),
  };
}

export function queriesWithRestored(queries: QueryExpectation[], values: PlaceholderValues): QueryExpectation[] {
  return queries.map((query) => ({ sql: fillRestored(query.sql, values), expected: fillRestored(query.expected, values) }));
}

/**
 * Which inputs name `{restored}` although the restore found no database to name: the check's reason,
 * or undefined. The reason does not spell the placeholder: an app-env value that is just `{restored}`
 * is registered as a secret like every app-env value, and would be masked wherever it is printed.
 */
export function unnamedRestored(values: PlaceholderValues, uses: Array<{ input: string; texts: string[] }>): string | undefined {
  if (values.restored !== undefined) return undefined;
  const inputs = uses.filter((use) => use.texts.some(usesRestored)).map((use) => use.input);
  return inputs.length === 0 ? undefined
    : `${inputs.join(' and ')} name the restored database, but the restore holds no single SQLite file to name; set database-path to the database inside the backup, or name the restored directory instead`;
}
