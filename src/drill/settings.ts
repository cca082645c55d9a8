import fs from 'node:fs';
import path from 'node:path';
import { ENV_NAME, resolveThroughLinks, type Inputs } from '../core/config/inputs.js';
import type { FlowContext } from '../core/context.js';
import { parseSshInputs, type SshTarget } from '../ssh/index.js';
import { registerLocationCredentials } from './credentials.js';
import { misspeltPlaceholder } from './placeholders.js';

/** Where the backup comes from. */
export const SOURCE_KINDS = ['sqlite', 'restic', 'borg', 'postgres', 'tarball'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A live SQLite database, read online-safe: on the runner, inside a container, or on an SSH host. */
export interface SqliteSource {
  kind: 'sqlite';
  path: string;
  container?: string;
  /** The host, read with the ssh-deploy transport's inputs (host, port, user, private-key, known-hosts …). */
  ssh?: SshTarget;
}

export interface RepositorySource {
  kind: 'restic' | 'borg';
  repository: string;
  /** From a secret; travels as RESTIC_PASSWORD / BORG_PASSPHRASE, never argv. */
  password?: string;
  /** A command printing the password (RESTIC_PASSWORD_COMMAND / BORG_PASSCOMMAND). */
  passwordCommand?: string;
  /** `latest`, or a restic snapshot id / borg archive name. */
  snapshot: string;
  tags: string[];
  /** restic: only snapshots of this path; borg: archive name glob (`lynx-*`). */
  pathFilter?: string;
  /** restic check --read-data-subset (e.g. `5%`, `1/10`); empty: metadata only. */
  readDataSubset?: string;
  skipRepositoryCheck: boolean;
}

export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password?: string;
  /** Any database the role may connect to, for CREATE/DROP DATABASE (default `postgres`). */
  maintenanceDatabase: string;
}

export interface PostgresSource {
  kind: 'postgres';
  connection: PostgresConnection;
  /** A custom-format dump file… */
  dumpFile?: string;
  /** …or a live database dumped for the drill. */
  database?: string;
  /** Name of the scratch database; generated when empty. */
  scratchDatabase?: string;
}

export interface TarballSource {
  kind: 'tarball';
  /** A tar file (gzip/zstd detected by tar), or… */
  file?: string;
  /** …a Docker volume, packed into the scratch place through a helper container. */
  volume?: string;
  helperImage: string;
}

export type DrillSource = SqliteSource | RepositorySource | PostgresSource | TarballSource;

export interface QueryExpectation {
  sql: string;
  expected: string;
}

export interface VerifySettings {
  /** The SQLite file inside the restored tree (as it was backed up); found automatically when there is one. */
  databasePath?: string;
  /** A bare file name the restored SQLite database is renamed to (the name the app knows, e.g. `portal.db`). */
  restoreAs?: string;
  tables: string[];
  minRows: Record<string, number>;
  queries: QueryExpectation[];
  /** Oldest acceptable backup (snapshot age, and newest row when `freshnessColumn` is set). */
  maxAgeMs?: number;
  /** `table.column` holding ISO-8601 text or unix seconds. */
  freshnessColumn?: string;
  /** Fail when a table has lost more than this share of its rows since the last passing drill. */
  shrinkTolerancePercent: number;
}

export interface AppBootSettings {
  image: string;
  /** Where the restored data is mounted in the container. */
  dataMount: string;
  /** Environment variable that tells the app its port. */
  portEnv: string;
  /** Arguments after the image; `{port}` is replaced by the chosen port. */
  args: string[];
  env: Record<string, string>;
  healthPath: string;
  expectStatus: number;
  timeoutMs: number;
}

export interface ForgeSettings {
  kind: 'github' | 'forgejo';
  apiUrl: string;
  repository: string;
  token: string;
}

export interface IssueSettings {
  enabled: boolean;
  title: string;
  labels: string[];
}

export interface StalenessSettings {
  workflow: string;
  maxAgeMs: number;
  onStale: 'warn' | 'fail';
}

export interface DrillSettings {
  mode: 'drill' | 'staleness';
  name: string;
  source: DrillSource;
  verify: VerifySettings;
  app?: AppBootSettings;
  /** Also drill one randomly chosen older snapshot. */
  alsoRandomOlder: boolean;
  scratchRoot: string;
  /** Optional: where to restore; refused when it is the source. Created and removed by the drill. */
  scratchDir?: string;
  reportFile: string;
  /** A file with the previous passing report (CLI); empty: the cache in CI, a file in workDir locally. */
  previousReportFile?: string;
  useCacheForHistory: boolean;
  forge?: ForgeSettings;
  issue: IssueSettings;
  staleness?: StalenessSettings;
  timeoutMs: number;
}

/** Settings that are valid but do less than they seem to: reported as warnings, never failures. */
export function settingsWarnings(settings: Pick<DrillSettings, 'verify'>): Array<{ name: string; passed: false; severity: 'warning'; detail: string }> {
  const warnings: Array<{ name: string; passed: false; severity: 'warning'; detail: string }> = [];
  if (settings.verify.freshnessColumn && settings.verify.maxAgeMs === undefined) {
    warnings.push({
      name: 'freshness-column has a max-age',
      passed: false,
      severity: 'warning',
      detail: `freshness-column ${settings.verify.freshnessColumn} is set without max-age, so the newest row is never checked. Set max-age (e.g. 26h)`,
    });
  }
  return warnings;
}

/** Lines `SELECT count(*) FROM students => 3`. */
export function parseQueries(lines: string[], fail: (problem: string) => never): QueryExpectation[] {
  return lines.map((line) => {
    const index = line.lastIndexOf('=>');
    if (index <= 0) fail(`has a query without '=> expected' (found '${line.slice(0, 60)}')`);
    return { sql: line.slice(0, index).trim(), expected: line.slice(index + 2).trim() };
  });
}

/** Docker container and volume names (or ids). */
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A PostgreSQL database or role name: a name, never a connection string (`host=… dbname=…`) or URI. */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

function databaseName(inputs: Inputs, name: string): string | undefined {
  const value = inputs.optional(name);
  if (value !== undefined && !DATABASE_NAME.test(value)) {
    inputs.fail(name, `is not a database name (found '${value.slice(0, 60)}')`, 'Give the name only (letters, digits, _ and -); host, port and user have their own inputs (pg-host, pg-port, pg-user), and a connection string is not accepted.');
  }
  return value;
}

/** One entry per line, never split on commas: SQL and shell arguments contain them. */
function lines(inputs: Inputs, name: string): string[] {
  return (inputs.optional(name) ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

export function parseDrillSettings(inputs: Inputs, context: Pick<FlowContext, 'env' | 'platform' | 'workDir'>): DrillSettings {
  const mode = inputs.choice('mode', ['drill', 'staleness'] as const, 'drill');
  const name = inputs.string('name', 'restore-drill');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) inputs.fail('name', `may hold only letters, digits, '.', '_' and '-' (found '${name}')`);
  const forge = parseForge(inputs, context);
  const staleness = mode === 'staleness' ? parseStaleness(inputs) : undefined;
  if (mode === 'staleness' && !forge) inputs.fail('forge-token', 'is required for mode staleness', 'Pass a token that may read the repository’s workflow runs.');
  if (mode === 'drill' && !inputs.optional('source')) inputs.fail('source', `is required (expected one of ${SOURCE_KINDS.join(', ')})`);
  const kind = inputs.choice('source', SOURCE_KINDS, 'sqlite');
  const source = mode === 'staleness' ? ({ kind: 'sqlite', path: '' } as SqliteSource) : parseSource(kind, inputs, context.workDir);
  const minRows: Record<string, number> = {};
  for (const [table, count] of Object.entries(inputs.keyValues('min-rows'))) {
    if (!/^\d+$/.test(count.trim())) inputs.fail('min-rows', `has a count that is not a whole number (found '${table}=${count}')`);
    minRows[table.trim()] = Number(count.trim());
  }
  const freshnessColumn = inputs.optional('freshness-column');
  if (freshnessColumn && !/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/.test(freshnessColumn)) {
    inputs.fail('freshness-column', `is not table.column (found '${freshnessColumn}')`);
  }
  const verify: VerifySettings = {
    databasePath: inputs.optional('database-path'),
    restoreAs: parseRestoreAs(inputs, source),
    tables: inputs.list('tables'),
    minRows,
    queries: parseQueries(lines(inputs, 'queries'), (problem) => inputs.fail('queries', problem, 'Write one `SQL => expected` per line.')),
    maxAgeMs: inputs.optional('max-age') ? inputs.duration('max-age', 0, { min: 1, timer: false }) : undefined,
    freshnessColumn,
    shrinkTolerancePercent: inputs.integer('shrink-tolerance', 10, { min: 0, max: 100 }),
  };
  for (const table of [...verify.tables, ...Object.keys(minRows)]) {
    if (!/^[A-Za-z_][\w]*$/.test(table)) inputs.fail(verify.tables.includes(table) ? 'tables' : 'min-rows', `has a table name that is not a plain identifier (found '${table}')`);
  }
  const appImage = inputs.argument('app-image');
  // The app's environment holds its secrets (database passwords, API keys), and a
  // failing boot shows the app's log: every value (and piece) is masked wherever the drill prints.
  const appEnv = inputs.keyValues('app-env', { secret: true, envNames: true });
  checkPlaceholders(inputs, verify.queries.flatMap((query) => [query.sql, query.expected]), lines(inputs, 'app-args'), appEnv);
  // Without an image no app boots: its arguments and environment would be dropped without a word.
  for (const name of ['app-args', 'app-env']) {
    if (!appImage && inputs.optional(name) !== undefined) {
      inputs.fail(name, 'is set, but app-image is empty, so no app boots to read it', `Set app-image to the app to boot on the restored data, or remove ${name}.`);
    }
  }
  const app: AppBootSettings | undefined = appImage ? parseAppBoot(inputs, appImage, appEnv) : undefined;
  const previousReportFile = inputs.localPath('previous-report', context.workDir);
  const scratchRoot = resolveThroughLinks(path.resolve(context.workDir, inputs.string('scratch-root', context.env.RUNNER_TEMP ?? '/tmp')));
  const scratchDir = parseScratchDir(inputs, context.workDir, source);
  return {
    mode,
    name,
    source,
    verify,
    app,
    alsoRandomOlder: inputs.boolean('also-random-older', false),
    scratchRoot,
    scratchDir,
    // Inside the workspace unless an absolute path asks for elsewhere.
    reportFile: inputs.localPath('report-file', context.workDir, { fallback: `${name}-report.json` }) ?? path.resolve(context.workDir, `${name}-report.json`),
    previousReportFile,
    useCacheForHistory: !previousReportFile && context.platform.kind !== 'local',
    forge,
    issue: {
      enabled: inputs.boolean('issue-on-failure', false),
      title: inputs.string('issue-title', `Restore drill '${name}' is failing`),
      labels: inputs.list('issue-labels'),
    },
    staleness,
    timeoutMs: inputs.duration('timeout', 30 * 60_000, { min: 1000 }),
  };
}

/** `{restored_dir}` and the like are refused by name; an app-env value is a secret, so only its key is named. */
function checkPlaceholders(inputs: Inputs, queries: string[], appArgs: string[], appEnv: Record<string, string>): void {
  const fix = 'The placeholders are {restored} (the restored database) and {restored-dir} (its directory); app-args also has {port}.';
  for (const text of queries) {
    const word = misspeltPlaceholder(text);
    if (word) inputs.fail('queries', `names ${word}, which is not a placeholder`, fix);
  }
  for (const text of appArgs) {
    const word = misspeltPlaceholder(text);
    if (word) inputs.fail('app-args', `names ${word}, which is not a placeholder`, fix);
  }
  for (const [key, value] of Object.entries(appEnv)) {
    if (misspeltPlaceholder(value)) inputs.fail('app-env', `sets ${key} to a value naming a placeholder that does not exist`, fix);
  }
}

/** A bare file name in the restored database's directory: never a path, an option or a dot name. */
const BARE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/;

function parseRestoreAs(inputs: Inputs, source: DrillSource): string | undefined {
  const value = inputs.optional('restore-as');
  if (value === undefined) return undefined;
  if (source.kind === 'postgres') inputs.fail('restore-as', 'renames a restored SQLite file and does not apply to source postgres', 'Name the scratch database with scratch-database, and point the app at it with {restored} in app-env.');
  if (!BARE_FILE_NAME.test(value)) {
    inputs.fail('restore-as', `is not a bare file name (found '${value.slice(0, 60)}')`, "Give the database's live file name only, e.g. portal.db (letters, digits, '.', '_' and '-'; no '/', no leading '-' or '.'); the directory is where app-data-mount mounts it.");
  }
  return value;
}

function parseAppBoot(inputs: Inputs, image: string, env: Record<string, string>): AppBootSettings {
  const portEnv = inputs.string('app-port-env', 'PORT');
  if (!ENV_NAME.test(portEnv)) inputs.fail('app-port-env', `is not an environment variable name (found '${portEnv}')`);
  const dataMount = inputs.string('app-data-mount', '/data');
  if (!dataMount.startsWith('/') || /[:,\s]/.test(dataMount)) inputs.fail('app-data-mount', `is not an absolute path in the container (found '${dataMount}')`, 'e.g. /data');
  const healthPath = inputs.string('app-health-path', '/healthz');
  if (!healthPath.startsWith('/') || /\s/.test(healthPath)) inputs.fail('app-health-path', `is not a URL path (found '${healthPath}')`, 'e.g. /healthz');
  return {
    image, dataMount, portEnv, healthPath, env,
    args: lines(inputs, 'app-args'),
    expectStatus: inputs.integer('app-expect-status', 200, { min: 100, max: 599 }),
    timeoutMs: inputs.duration('app-timeout', 60_000, { min: 1000 }),
  };
}

/** Local paths a restore must never write into (or hold). */
function localSources(source: DrillSource): Array<{ input: string; path: string }> {
  if (source.kind === 'sqlite' && !source.container && !source.ssh) return [{ input: 'database-path', path: source.path }];
  if ((source.kind === 'restic' || source.kind === 'borg') && source.repository.startsWith('/')) return [{ input: 'repository', path: source.repository }];
  if (source.kind === 'tarball' && source.file) return [{ input: 'tarball', path: source.file }];
  if (source.kind === 'postgres' && source.dumpFile) return [{ input: 'dump-file', path: source.dumpFile }];
  return [];
}

/**
 * The restore target, judged by where it really leads (symlinks resolved):
 * never the source, inside it or holding it, never an existing file or a
 * directory with something in it (the drill removes what it restores into).
 */
function parseScratchDir(inputs: Inputs, workDir: string, source: DrillSource): string | undefined {
  const value = inputs.optional('scratch-dir');
  if (value === undefined) return undefined;
  const resolved = resolveThroughLinks(path.resolve(workDir, value));
  for (const origin of localSources(source)) {
    const real = resolveThroughLinks(origin.path);
    const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(path.sep) ? b : `${b}${path.sep}`);
    if (inside(resolved, real) || inside(real, resolved)) {
      inputs.fail('scratch-dir', `is the source given in ${origin.input}, or one holds the other (found '${value}', which resolves to ${resolved})`, 'Leave scratch-dir empty so the drill makes its own temporary directory, or name one outside the source.');
    }
  }
  let stat: fs.Stats | undefined;
  try { stat = fs.statSync(resolved); } catch { stat = undefined; }
  if (stat && !stat.isDirectory()) inputs.fail('scratch-dir', `is an existing file, not a directory (found '${value}')`, 'The drill restores into a directory it creates and removes: name one that does not exist yet.');
  if (stat && fs.readdirSync(resolved).length > 0) inputs.fail('scratch-dir', `is a directory that is not empty (found '${value}')`, 'The drill removes its scratch place afterwards: name a directory that does not exist yet.');
  if (resolved === path.parse(resolved).root) inputs.fail('scratch-dir', "is the root directory '/'");
  return resolved;
}

function parseSource(kind: SourceKind, inputs: Inputs, workDir: string): DrillSource {
  switch (kind) {
    case 'sqlite': {
      const remote = inputs.optional('host') !== undefined;
      const container = inputs.optional('container');
      if (container && remote) inputs.fail('container', 'cannot be combined with host', 'Drill a container on a remote host by backing it up there first.');
      const databasePath = inputs.required('database-path', 'Set it to the live SQLite file (on the runner, in the container, or on the SSH host).');
      if (container !== undefined && !CONTAINER_NAME.test(container)) inputs.fail('container', `is not a container name or id (found '${container}')`);
      // On the runner the file is resolved (so sqlite3 never sees a leading dash) and must exist; elsewhere it is checked there.
      const local = !remote && container === undefined;
      return {
        kind,
        path: local ? inputs.localPath('database-path', workDir, { mustExist: 'file' }) ?? databasePath : inputs.checkArgument('database-path', databasePath),
        container,
        ssh: remote ? parseSshInputs(inputs).targets[0] : undefined,
      };
    }
    case 'restic':
    case 'borg': {
      const password = inputs.secret('password');
      const passwordCommand = inputs.optional('password-command');
      if (!password && !passwordCommand) {
        inputs.fail('password', 'is required for an encrypted repository (or set password-command)', 'Pass the repository password from a secret.');
      }
      const repository = inputs.required('repository');
      registerLocationCredentials(repository);
      inputs.checkArgument('repository', repository);
      const snapshot = inputs.argument('snapshot', 'latest') ?? 'latest';
      if (!/^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/.test(snapshot)) inputs.fail('snapshot', `is not a snapshot id or archive name (found '${snapshot}')`, 'Write latest, a restic snapshot id or a borg archive name.');
      const tags = inputs.list('tags').map((tag) => inputs.checkArgument('tags', tag));
      return {
        kind,
        repository,
        password,
        passwordCommand,
        snapshot,
        tags,
        pathFilter: inputs.optional('snapshot-path'),
        readDataSubset: inputs.optional('read-data-subset'),
        skipRepositoryCheck: inputs.boolean('skip-repository-check', false),
      };
    }
    case 'postgres': {
      const dumpFile = inputs.localPath('dump-file', workDir, { mustExist: 'file' });
      const database = databaseName(inputs, 'pg-database');
      if (!dumpFile && !database) inputs.fail('dump-file', 'or pg-database is required for source postgres', 'Name a pg_dump custom-format file, or a live database to dump.');
      const host = inputs.argument('pg-host', '127.0.0.1') ?? '127.0.0.1';
      if (!/^[A-Za-z0-9_.:/[\]-]+$/.test(host)) inputs.fail('pg-host', `is not a host name, address or socket directory (found '${host}')`);
      const user = inputs.argument('pg-user', 'slipway') ?? 'slipway';
      if (!DATABASE_NAME.test(user)) inputs.fail('pg-user', `is not a role name (found '${user}')`);
      const scratchDatabase = inputs.optional('scratch-database');
      if (scratchDatabase && !/^[A-Za-z_][\w]*$/.test(scratchDatabase)) inputs.fail('scratch-database', `is not a plain identifier (found '${scratchDatabase}')`);
      return {
        kind,
        connection: {
          host,
          port: inputs.integer('pg-port', 5432, { min: 1, max: 65535 }),
          user,
          password: inputs.secret('pg-password'),
          maintenanceDatabase: databaseName(inputs, 'pg-maintenance-database') ?? 'postgres',
        },
        dumpFile,
        database,
        scratchDatabase,
      };
    }
    case 'tarball': {
      const file = inputs.localPath('tarball', workDir, { mustExist: 'file' });
      const volume = inputs.argument('volume');
      if (!file === !volume) inputs.fail('tarball', 'or volume is required, not both', 'Name a tar file, or a Docker volume to pack.');
      if (volume !== undefined && !CONTAINER_NAME.test(volume)) inputs.fail('volume', `is not a Docker volume name (found '${volume}')`);
      return { kind, file, volume, helperImage: inputs.argument('helper-image', 'busybox') ?? 'busybox' };
    }
  }
}

function parseForge(inputs: Inputs, context: Pick<FlowContext, 'env' | 'platform'>): ForgeSettings | undefined {
  const token = inputs.secret('forge-token');
  if (!token) return undefined;
  const env = context.env;
  const detected = context.platform.kind === 'forgejo' ? 'forgejo' : 'github';
  const kind = inputs.choice('forge', ['github', 'forgejo'] as const, detected);
  const server = env.GITHUB_SERVER_URL ?? env.FORGEJO_SERVER_URL;
  const fallbackApi = kind === 'github' ? (env.GITHUB_API_URL ?? 'https://api.github.com') : server ? `${server.replace(/\/$/, '')}/api/v1` : undefined;
  const apiUrl = inputs.optional('forge-api-url') ?? fallbackApi;
  if (!apiUrl) inputs.fail('forge-api-url', 'is required outside Actions for forgejo', 'e.g. https://codeberg.org/api/v1');
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl)) inputs.fail('forge-api-url', `is not an http or https URL (found '${apiUrl.slice(0, 80)}')`, 'e.g. https://codeberg.org/api/v1');
  const repository = inputs.optional('forge-repository') ?? env.GITHUB_REPOSITORY;
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    inputs.fail('forge-repository', `is not owner/name (found '${repository ?? ''}')`);
  }
  return { kind, apiUrl: apiUrl.replace(/\/$/, ''), repository, token };
}

function parseStaleness(inputs: Inputs): StalenessSettings {
  return {
    workflow: inputs.required('drill-workflow', 'Name the drill workflow file, e.g. restore-drill.yml.'),
    maxAgeMs: inputs.duration('max-staleness', 8 * 86_400_000, { min: 1, timer: false }),
    onStale: inputs.choice('on-stale', ['warn', 'fail'] as const, 'fail'),
  };
}
