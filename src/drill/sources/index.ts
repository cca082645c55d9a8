/** Where a drill restores from, one module per source kind; each leaves a `Restored` in the scratch place. */
export type { Restored } from './restored.js';
export { checkSqliteIntegrity, restoreLiveSqlite, sqliteProbe, type RestoredDatabase, type SqliteProbe } from './sqlite.js';
export { restoreSqliteOverSsh } from './sqlite-over-ssh.js';
export { checkRepository, openRepository, restoreFromRepository, startEarlyRestore, type EarlyRestore, type RepositorySession } from './repository.js';
export { compareDumpVersions, majorVersion, parseDumpHeader, restorePostgres, superuserCheck } from './postgres.js';
export { restoreTarball } from './tarball.js';
