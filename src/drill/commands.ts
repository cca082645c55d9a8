import type { CommandSpec } from '../core/command.js';
import type { PostgresConnection, RepositorySource } from './settings.js';

// Pure builders: every command the drill runs, as data. Passwords travel in the
// environment (or a password command the tool runs itself), never in argv.

/** A SQL string literal: the only quoting SQLite needs for a file name in VACUUM INTO. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Quote an identifier for SQLite/PostgreSQL (names from inputs are validated as plain identifiers too). */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Online-safe copy of a live (WAL) database: a consistent snapshot, never a file
 * copy. Read-only, so the drill never checkpoints or writes the live database;
 * like any WAL reader it shares the -shm index (and leaves an empty -wal/-shm
 * when no app had the database open).
 */
export function sqliteSnapshot(database: string, target: string): CommandSpec {
  return { file: 'sqlite3', args: ['-readonly', '-bail', database, `VACUUM INTO ${sqlLiteral(target)}`] };
}

/** Read-only query with one row per line, columns separated by `|`. */
export function sqliteQuery(database: string, sql: string): CommandSpec {
  return { file: 'sqlite3', args: ['-readonly', '-batch', '-bail', '-noheader', '-list', database, sql] };
}

export function sqliteIntegrityCheck(database: string): CommandSpec {
  return sqliteQuery(database, 'PRAGMA integrity_check;');
}

export function resticEnv(source: Pick<RepositorySource, 'repository' | 'password' | 'passwordCommand'>, cacheDir: string): Record<string, string> {
  const env: Record<string, string> = { RESTIC_REPOSITORY: source.repository, RESTIC_CACHE_DIR: cacheDir };
  if (source.password) env.RESTIC_PASSWORD = source.password;
  else if (source.passwordCommand) env.RESTIC_PASSWORD_COMMAND = source.passwordCommand;
  return env;
}

export function resticSnapshots(env: Record<string, string>, filter: { tags: string[]; path?: string }): CommandSpec {
  const args = ['snapshots', '--json', '--no-lock'];
  for (const tag of filter.tags) args.push('--tag', tag);
  if (filter.path) args.push('--path', filter.path);
  return { file: 'restic', args, env };
}

/** A restore of `snapshot`; for `latest`, `filter` makes restic pick under the same tags/path as the listing. */
export function resticRestore(env: Record<string, string>, snapshot: string, target: string, filter: { tags?: string[]; path?: string } = {}): CommandSpec {
  const args = ['restore', snapshot, '--target', target, '--no-lock'];
  for (const tag of filter.tags ?? []) args.push('--tag', tag);
  if (filter.path) args.push('--path', filter.path);
  return { file: 'restic', args, env };
}

/** The snapshot a restore says it restores: `restoring <Snapshot 9a2225c2 of …` (0.14) or `restoring snapshot 9a2225c2 of …` (0.17). */
export function restoredSnapshotId(stdout: string): string | undefined {
  return /restoring <?snapshot ([0-9a-f]{8,64}) of/i.exec(stdout)?.[1];
}

export function resticCheck(env: Record<string, string>, readDataSubset?: string): CommandSpec {
  const args = ['check'];
  if (readDataSubset) args.push(`--read-data-subset=${readDataSubset}`);
  return { file: 'restic', args, env };
}

/**
 * Borg keeps its cache, keys and security records under BORG_BASE_DIR: point it
 * into the scratch place so a drill leaves nothing behind. TZ=UTC makes `borg
 * list` print archive times in UTC (it prints host-local times without a zone).
 */
export function borgEnv(source: Pick<RepositorySource, 'password' | 'passwordCommand'>, baseDir: string): Record<string, string> {
  const env: Record<string, string> = {
    BORG_BASE_DIR: baseDir,
    TZ: 'UTC',
    BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
    BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes',
  };
  if (source.password) env.BORG_PASSPHRASE = source.password;
  else if (source.passwordCommand) env.BORG_PASSCOMMAND = source.passwordCommand;
  return env;
}

export function borgList(env: Record<string, string>, repository: string, glob?: string): CommandSpec {
  const args = ['list', '--json', '--bypass-lock'];
  if (glob) args.push('--glob-archives', glob);
  return { file: 'borg', args: [...args, repository], env };
}

/** Extracts into `cwd` (borg always extracts relative to the working directory). */
export function borgExtract(env: Record<string, string>, repository: string, archive: string, cwd: string): CommandSpec {
  return { file: 'borg', args: ['extract', `${repository}::${archive}`], env, cwd };
}

export function borgCheck(env: Record<string, string>, repository: string, archive?: string): CommandSpec {
  return { file: 'borg', args: ['check', archive ? `${repository}::${archive}` : repository], env };
}

export function pgEnv(connection: PostgresConnection): Record<string, string> {
  const env: Record<string, string> = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGCONNECT_TIMEOUT: '10' };
  if (connection.password) env.PGPASSWORD = connection.password;
  return env;
}

/**
 * `--dbname` takes a connection string whenever the value holds `=` or starts
 * with `postgres://`, which would let a name redirect the connection that
 * carries PGPASSWORD. Given as `dbname='…'`, the value is only ever a name.
 */
export function dbnameArgument(database: string): string {
  return `--dbname=dbname='${database.replace(/[\\']/g, '\\$&')}'`;
}

/** TZ=UTC: the archive header records the dump time as local wall-clock time without a zone. */
export function pgDump(connection: PostgresConnection, database: string, outFile: string): CommandSpec {
  return { file: 'pg_dump', args: ['--format=custom', '--no-password', `--file=${outFile}`, dbnameArgument(database)], env: { ...pgEnv(connection), TZ: 'UTC' } };
}

/** A dump can carry code: restore without owners or grants, as a role without superuser rights. */
export function pgRestore(connection: PostgresConnection, database: string, dumpFile: string): CommandSpec {
  return {
    file: 'pg_restore',
    args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', dbnameArgument(database), '--', dumpFile],
    env: pgEnv(connection),
  };
}

/**
 * The archive's table of contents: its header names the pg_dump and server versions and
 * when it was made. TZ=UTC prints that time as the dumping host's wall clock, read as UTC.
 */
export function pgRestoreList(dumpFile: string): CommandSpec {
  return { file: 'pg_restore', args: ['--list', '--', dumpFile], env: { TZ: 'UTC' } };
}

export function psql(connection: PostgresConnection, database: string, sql: string): CommandSpec {
  return {
    file: 'psql',
    args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=|', '--set=ON_ERROR_STOP=1', dbnameArgument(database), '--command', sql],
    env: pgEnv(connection),
  };
}

export function pgDumpVersion(): CommandSpec {
  return { file: 'pg_dump', args: ['--version'] };
}

export function tarExtract(file: string, target: string): CommandSpec {
  return { file: 'tar', args: ['--extract', '--no-same-owner', `--file=${file}`, `--directory=${target}`] };
}

/** Packs a volume read-only into the scratch place; the helper has no network at all. */
export function dockerVolumeToTar(volume: string, scratchDir: string, image: string, label: string): CommandSpec {
  return {
    file: 'docker',
    args: ['run', '--rm', '--network', 'none', '--label', label, '-v', `${volume}:/from:ro`, '-v', `${scratchDir}:/to`, image, 'tar', '-c', '-f', '/to/volume.tar', '-C', '/from', '.'],
  };
}

export interface AppRun {
  name: string;
  image: string;
  port: number;
  portEnv: string;
  dataDir: string;
  dataMount: string;
  env: Record<string, string>;
  args: string[];
  label: string;
}

/** The app on the restored copy: host network (never a bridge), the drill's port, scratch data. */
export function dockerRunApp(app: AppRun): CommandSpec {
  const args = ['run', '--detach', '--name', app.name, '--label', app.label, '--network', 'host', '-e', `${app.portEnv}=${app.port}`];
  for (const key of Object.keys(app.env)) args.push('-e', key);
  args.push('-v', `${app.dataDir}:${app.dataMount}`, app.image, ...app.args.map((arg) => arg.replaceAll('{port}', String(app.port))));
  // Values go through the environment (`-e KEY` copies it), so app secrets stay out of argv.
  return { file: 'docker', args, env: app.env };
}

export function dockerRemove(name: string): CommandSpec {
  return { file: 'docker', args: ['rm', '--force', '--volumes', name] };
}

/** `running 0`, `exited 3`, … : status and exit code in one line. */
export function dockerState(name: string): CommandSpec {
  return { file: 'docker', args: ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name] };
}

/** Reads `dockerState`'s line; a container docker no longer knows counts as gone. */
export function parseContainerState(line: string): { running: boolean; status: string; exitCode?: number } {
  const match = /^(\w+) (-?\d+)$/.exec(line.trim());
  if (!match) return { running: false, status: 'gone' };
  const status = match[1];
  // `created` and `restarting` may still come up; only a container that stopped ends the wait.
  return { running: !['exited', 'dead', 'removing'].includes(status), status, exitCode: Number(match[2]) };
}

export function dockerLogs(name: string): CommandSpec {
  return { file: 'docker', args: ['logs', '--tail', '30', name] };
}

export function dockerInspectVolume(volume: string): CommandSpec {
  return { file: 'docker', args: ['volume', 'inspect', '--format', '{{.Mountpoint}}', volume] };
}

export function dockerExec(container: string, command: string[]): CommandSpec {
  return { file: 'docker', args: ['exec', container, ...command] };
}

export function dockerCopyOut(container: string, from: string, to: string): CommandSpec {
  return { file: 'docker', args: ['cp', `${container}:${from}`, to] };
}
