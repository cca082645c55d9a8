export const id = 375;
export const ids = [375];
export const modules = {

/***/ 6375:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  drillFlow: () => (/* binding */ drillFlow)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var core_cancel = __webpack_require__(4091);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/ssh/target.js
var ssh_target = __webpack_require__(791);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __webpack_require__(3092);
// EXTERNAL MODULE: ./build/src/smoke/check-list.js
var check_list = __webpack_require__(2112);
// EXTERNAL MODULE: ./build/src/smoke/run.js
var run = __webpack_require__(4898);
;// CONCATENATED MODULE: ./build/src/drill/commands.js
// Pure builders: every command the drill runs, as data. Passwords travel in the
// environment (or a password command the tool runs itself), never in argv.
/** A SQL string literal: the only quoting SQLite needs for a file name in VACUUM INTO. */
function sqlLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/** Quote an identifier for SQLite/PostgreSQL (names from inputs are validated as plain identifiers too). */
function sqlIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/**
 * Online-safe copy of a live (WAL) database: a consistent snapshot, never a file
 * copy. Read-only, so the drill never checkpoints or writes the live database;
 * like any WAL reader it shares the -shm index (and leaves an empty -wal/-shm
 * when no app had the database open).
 */
function sqliteSnapshot(database, target) {
    return { file: 'sqlite3', args: ['-readonly', '-bail', database, `VACUUM INTO ${sqlLiteral(target)}`] };
}
/** Read-only query with one row per line, columns separated by `|`. */
function sqliteQuery(database, sql) {
    return { file: 'sqlite3', args: ['-readonly', '-batch', '-bail', '-noheader', '-list', database, sql] };
}
function sqliteIntegrityCheck(database) {
    return sqliteQuery(database, 'PRAGMA integrity_check;');
}
function resticEnv(source, cacheDir) {
    const env = { RESTIC_REPOSITORY: source.repository, RESTIC_CACHE_DIR: cacheDir };
    if (source.password)
        env.RESTIC_PASSWORD = source.password;
    else if (source.passwordCommand)
        env.RESTIC_PASSWORD_COMMAND = source.passwordCommand;
    return env;
}
function resticSnapshots(env, filter) {
    const args = ['snapshots', '--json', '--no-lock'];
    for (const tag of filter.tags)
        args.push('--tag', tag);
    if (filter.path)
        args.push('--path', filter.path);
    return { file: 'restic', args, env };
}
/** A restore of `snapshot`; for `latest`, `filter` makes restic pick under the same tags/path as the listing. */
function resticRestore(env, snapshot, target, filter = {}) {
    const args = ['restore', snapshot, '--target', target, '--no-lock'];
    for (const tag of filter.tags ?? [])
        args.push('--tag', tag);
    if (filter.path)
        args.push('--path', filter.path);
    return { file: 'restic', args, env };
}
/** The snapshot a restore says it restores: `restoring <Snapshot 9a2225c2 of …` (0.14) or `restoring snapshot 9a2225c2 of …` (0.17). */
function restoredSnapshotId(stdout) {
    return /restoring <?snapshot ([0-9a-f]{8,64}) of/i.exec(stdout)?.[1];
}
function resticCheck(env, readDataSubset) {
    const args = ['check'];
    if (readDataSubset)
        args.push(`--read-data-subset=${readDataSubset}`);
    return { file: 'restic', args, env };
}
/**
 * Borg keeps its cache, keys and security records under BORG_BASE_DIR: point it
 * into the scratch place so a drill leaves nothing behind. TZ=UTC makes `borg
 * list` print archive times in UTC (it prints host-local times without a zone).
 */
function borgEnv(source, baseDir) {
    const env = {
        BORG_BASE_DIR: baseDir,
        TZ: 'UTC',
        BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
        BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes',
    };
    if (source.password)
        env.BORG_PASSPHRASE = source.password;
    else if (source.passwordCommand)
        env.BORG_PASSCOMMAND = source.passwordCommand;
    return env;
}
function borgList(env, repository, glob) {
    const args = ['list', '--json', '--bypass-lock'];
    if (glob)
        args.push('--glob-archives', glob);
    return { file: 'borg', args: [...args, repository], env };
}
/** Extracts into `cwd` (borg always extracts relative to the working directory). */
function borgExtract(env, repository, archive, cwd) {
    return { file: 'borg', args: ['extract', `${repository}::${archive}`], env, cwd };
}
function borgCheck(env, repository, archive) {
    return { file: 'borg', args: ['check', archive ? `${repository}::${archive}` : repository], env };
}
function pgEnv(connection) {
    const env = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGCONNECT_TIMEOUT: '10' };
    if (connection.password)
        env.PGPASSWORD = connection.password;
    return env;
}
/**
 * `--dbname` takes a connection string whenever the value holds `=` or starts
 * with `postgres://`, which would let a name redirect the connection that
 * carries PGPASSWORD. Given as `dbname='…'`, the value is only ever a name.
 */
function dbnameArgument(database) {
    return `--dbname=dbname='${database.replace(/[\\']/g, '\\$&')}'`;
}
/** TZ=UTC: the archive header records the dump time as local wall-clock time without a zone. */
function pgDump(connection, database, outFile) {
    return { file: 'pg_dump', args: ['--format=custom', '--no-password', `--file=${outFile}`, dbnameArgument(database)], env: { ...pgEnv(connection), TZ: 'UTC' } };
}
/** A dump can carry code: restore without owners or grants, as a role without superuser rights. */
function pgRestore(connection, database, dumpFile) {
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
function pgRestoreList(dumpFile) {
    return { file: 'pg_restore', args: ['--list', '--', dumpFile], env: { TZ: 'UTC' } };
}
function psql(connection, database, sql) {
    return {
        file: 'psql',
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=|', '--set=ON_ERROR_STOP=1', dbnameArgument(database), '--command', sql],
        env: pgEnv(connection),
    };
}
function pgDumpVersion() {
    return { file: 'pg_dump', args: ['--version'] };
}
function tarExtract(file, target) {
    return { file: 'tar', args: ['--extract', '--no-same-owner', `--file=${file}`, `--directory=${target}`] };
}
/** Packs a volume read-only into the scratch place; the helper has no network at all. */
function dockerVolumeToTar(volume, scratchDir, image, label) {
    return {
        file: 'docker',
        args: ['run', '--rm', '--network', 'none', '--label', label, '-v', `${volume}:/from:ro`, '-v', `${scratchDir}:/to`, image, 'tar', '-c', '-f', '/to/volume.tar', '-C', '/from', '.'],
    };
}
/** The app on the restored copy: host network (never a bridge), the drill's port, scratch data. */
function dockerRunApp(app) {
    const args = ['run', '--detach', '--name', app.name, '--label', app.label, '--network', 'host', '-e', `${app.portEnv}=${app.port}`];
    for (const key of Object.keys(app.env))
        args.push('-e', key);
    args.push('-v', `${app.dataDir}:${app.dataMount}`, app.image, ...app.args.map((arg) => arg.replaceAll('{port}', String(app.port))));
    // Values go through the environment (`-e KEY` copies it), so app secrets stay out of argv.
    return { file: 'docker', args, env: app.env };
}
function dockerRemove(name) {
    return { file: 'docker', args: ['rm', '--force', '--volumes', name] };
}
/** `running 0`, `exited 3`, … : status and exit code in one line. */
function dockerState(name) {
    return { file: 'docker', args: ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name] };
}
/** Reads `dockerState`'s line; a container docker no longer knows counts as gone. */
function parseContainerState(line) {
    const match = /^(\w+) (-?\d+)$/.exec(line.trim());
    if (!match)
        return { running: false, status: 'gone' };
    const status = match[1];
    // `created` and `restarting` may still come up; only a container that stopped ends the wait.
    return { running: !['exited', 'dead', 'removing'].includes(status), status, exitCode: Number(match[2]) };
}
function dockerLogs(name) {
    return { file: 'docker', args: ['logs', '--tail', '30', name] };
}
function dockerInspectVolume(volume) {
    return { file: 'docker', args: ['volume', 'inspect', '--format', '{{.Mountpoint}}', volume] };
}
function dockerExec(container, command) {
    return { file: 'docker', args: ['exec', container, ...command] };
}
function dockerCopyOut(container, from, to) {
    return { file: 'docker', args: ['cp', `${container}:${from}`, to] };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
;// CONCATENATED MODULE: ./build/src/drill/scratch.js





/** Docker objects the drill starts carry this label, so a test (or a human) can find leftovers. */
const DRILL_LABEL = 'dev.slipway.drill';
/**
 * The only places a drill writes: one directory, plus containers, volumes and
 * databases it names itself. Everything registered here is removed at the end,
 * last created first, even when the drill failed.
 */
class ScratchPlace {
    id = external_node_crypto_.randomBytes(4).toString('hex');
    dir;
    cleanups = [];
    constructor(dir) {
        this.dir = dir;
        // A drill killed before remove() leaves the post step the dir and the containers it labelled.
        const settleDir = (0,leftovers/* recordLeftover */.vy)({ kind: 'dir', path: dir, what: 'drill scratch directory' });
        const settleContainers = (0,leftovers/* recordLeftover */.vy)({ kind: 'containers', label: `${DRILL_LABEL}=${this.id}`, what: 'drill containers' });
        this.settleLeftovers = () => { settleDir(); settleContainers(); };
    }
    settleLeftovers;
    /** A fresh directory under `root`, or the given one if it does not exist yet (or is empty). */
    static create(root, wanted) {
        if (wanted) {
            if (external_node_fs_.existsSync(wanted) && external_node_fs_.readdirSync(wanted).length > 0) {
                throw new errors/* SlipwayError */.GQ(`scratch-dir ${wanted} is not empty`, { fix: 'The drill restores only into a place it creates and removes; name a directory that does not exist.' });
            }
            external_node_fs_.mkdirSync(wanted, { recursive: true, mode: 0o700 });
            const place = new ScratchPlace(wanted);
            place.onCleanup(`directory ${wanted}`, () => external_node_fs_.rmSync(wanted, { recursive: true, force: true }));
            return place;
        }
        external_node_fs_.mkdirSync(root, { recursive: true });
        const dir = external_node_fs_.mkdtempSync(external_node_path_.join(root, 'slipway-drill-'));
        const place = new ScratchPlace(dir);
        place.onCleanup(`directory ${dir}`, () => external_node_fs_.rmSync(dir, { recursive: true, force: true }));
        return place;
    }
    /** A name for a container, volume or database that belongs to this drill. */
    name(purpose) {
        return `slipway_drill_${purpose}_${this.id}`;
    }
    sub(...parts) {
        const dir = external_node_path_.join(this.dir, ...parts);
        external_node_fs_.mkdirSync(dir, { recursive: true });
        return dir;
    }
    onCleanup(what, undo) {
        this.cleanups.push({ what, undo });
    }
    async remove(log) {
        for (const { what, undo } of this.cleanups.reverse()) {
            try {
                await undo();
            }
            catch (error) {
                log.warn(`Could not remove scratch ${what}: ${error.message}`);
            }
        }
        this.cleanups.length = 0;
        this.settleLeftovers();
    }
}
/** The real path of something that may not exist yet: the nearest existing parent, resolved. */
function realPathOf(target) {
    const absolute = external_node_path_.resolve(target);
    let existing = absolute;
    const rest = [];
    while (!external_node_fs_.existsSync(existing)) {
        rest.unshift(external_node_path_.basename(existing));
        const parent = external_node_path_.dirname(existing);
        if (parent === existing)
            break;
        existing = parent;
    }
    return external_node_path_.join(external_node_fs_.realpathSync(existing), ...rest);
}
/** True when `inner` is `outer` or lies inside it (after resolving symlinks). */
function isSameOrInside(inner, outer) {
    const a = realPathOf(inner);
    const b = realPathOf(outer);
    return a === b || a.startsWith(b.endsWith(external_node_path_.sep) ? b : `${b}${external_node_path_.sep}`);
}
/**
 * Refuses a restore target that is (or holds, or lies inside) the source: a
 * drill that restores over production is the disaster it is meant to rehearse.
 */
function refuseTargetOverSource(target, sources) {
    for (const source of sources) {
        if (isSameOrInside(target, source) || isSameOrInside(source, target)) {
            throw new errors/* SlipwayError */.GQ(`Refusing to restore into ${target}: it is the source ${source} (same path after resolving symlinks, or one inside the other)`, { fix: 'Leave scratch-dir empty so the drill makes its own temporary directory, or name one outside the source.' });
        }
    }
}
function refuseSameName(kind, target, source) {
    if (source !== undefined && target === source) {
        throw new errors/* SlipwayError */.GQ(`Refusing to restore into ${kind} '${target}': it is the source ${kind}`, {
            fix: `Leave the scratch ${kind} name empty so the drill makes its own, or name another one.`,
        });
    }
}
/** Total size of the files under a path. */
function sizeOf(target) {
    if (!external_node_fs_.existsSync(target))
        return 0;
    const stat = external_node_fs_.lstatSync(target);
    if (!stat.isDirectory())
        return stat.size;
    let total = 0;
    for (const entry of external_node_fs_.readdirSync(target))
        total += sizeOf(external_node_path_.join(target, entry));
    return total;
}
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Every SQLite database file under `dir` (by header, not by name). */
function findSqliteFiles(dir) {
    const found = [];
    const walk = (current) => {
        for (const entry of external_node_fs_.readdirSync(current, { withFileTypes: true })) {
            const full = external_node_path_.join(current, entry.name);
            if (entry.isDirectory())
                walk(full);
            else if (entry.isFile() && hasSqliteHeader(full))
                found.push(full);
        }
    };
    if (external_node_fs_.existsSync(dir))
        walk(dir);
    return found.sort();
}
function hasSqliteHeader(file) {
    const handle = external_node_fs_.openSync(file, 'r');
    try {
        const header = Buffer.alloc(16);
        return external_node_fs_.readSync(handle, header, 0, 16, 0) === 16 && header.equals(SQLITE_MAGIC);
    }
    finally {
        external_node_fs_.closeSync(handle);
    }
}

;// CONCATENATED MODULE: ./build/src/drill/app-boot.js





/** How long one readiness slice runs before the container's state is read again. */
const READINESS_SLICE_MS = 1_000;
/** A port nobody listens on right now: the kernel picks one, we check it is bindable on loopback. */
async function chooseFreePort() {
    for (let attempt = 0; attempt < 5; attempt += 1) {
        const port = await new Promise((resolve, reject) => {
            const server = external_node_net_.createServer();
            server.once('error', reject);
            server.listen(0, '127.0.0.1', () => {
                const address = server.address();
                server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
            });
        });
        if (port > 0 && (await isPortFree(port)))
            return port;
    }
    throw new Error('no free port found on 127.0.0.1');
}
function isPortFree(port) {
    return new Promise((resolve) => {
        const socket = external_node_net_.connect({ port, host: '127.0.0.1' });
        socket.once('connect', () => { socket.destroy(); resolve(false); });
        socket.once('error', () => resolve(true));
    });
}
/**
 * Boots the app image on the restored data, waits for its health endpoint, and
 * registers its removal with the scratch place. Returns the check and when the
 * app first answered healthy.
 */
async function bootApp(app, dataDir, scratch, runner, log) {
    const port = await chooseFreePort();
    const name = scratch.name('app');
    const checkName = 'app boots on the restored data';
    scratch.onCleanup(`container ${name}`, async () => { await runner.run(dockerRemove(name), { allowFailure: true }); });
    const started = await runner.run(dockerRunApp({ name, image: app.image, port, portEnv: app.portEnv, dataDir, dataMount: app.dataMount, env: app.env, args: app.args, label: `${DRILL_LABEL}=${scratch.id}` }), { allowFailure: true, timeoutMs: 120_000 });
    if (started.exitCode !== 0)
        return { check: { name: checkName, passed: false, detail: `docker run failed: ${started.stderr.trim().split('\n').slice(-3).join(' ')}` } };
    const url = `http://127.0.0.1:${port}${app.healthPath}`;
    log.info(`App ${app.image} started as ${name} on port ${port}; waiting for ${url}`);
    // The smoke-test link's readiness wait, in short slices: between them the
    // container's state is read, so an app that exits stops the wait at once.
    const check = { ...(0,check_list/* oneLineCheck */.ZF)(url, 'app-health-path', { expectStatus: { codes: [app.expectStatus], classes: [] } }), name: 'app health' };
    const bootedAt = Date.now();
    const endsAt = bootedAt + app.timeoutMs;
    // A failed slice is not yet a failure: its line goes to debug, the verdict is logged once below.
    // Each slice is a new readiness wait that counts from attempt 1, so its "not ready yet" line is
    // logged only when the reason changes, with the time since start instead of the slice's count.
    let lastNotReady;
    const quiet = {
        info: (message) => {
            const notReady = /^(.*): not ready yet \(attempt \d+\): ([\s\S]*)$/.exec(message);
            if (!notReady)
                return log.info(message);
            if (notReady[2] === lastNotReady)
                return log.debug(message);
            lastNotReady = notReady[2];
            log.info(`${notReady[1]}: not ready yet (${((Date.now() - bootedAt) / 1000).toFixed(1)} s after start): ${notReady[2]}`);
        },
        warn: (message, where) => log.warn(message, where), debug: (message) => log.debug(message),
        error: (message) => log.debug(message), group: (title, body) => log.group(title, body),
    };
    let reason;
    let state;
    for (;;) {
        const slice = Math.max(1, Math.min(READINESS_SLICE_MS, endsAt - Date.now()));
        const smoke = await (0,run/* runSmokeChecks */.m)([check], { timeoutMs: slice, consecutivePasses: 1 }, quiet);
        if (smoke.passed)
            return { check: { name: checkName, passed: true, detail: `HTTP ${smoke.checks[0]?.status} from ${url}` }, healthyAt: Date.now() };
        reason = smoke.checks[0]?.reason ?? reason;
        state = parseContainerState((await runner.run(dockerState(name), { allowFailure: true })).stdout);
        if (!state.running || Date.now() >= endsAt)
            break;
    }
    const seconds = Math.round((Date.now() - bootedAt) / 100) / 10;
    const ended = state.running ? `; still not healthy after app-timeout ${Math.round(app.timeoutMs / 100) / 10} s` : `; the app exited${state.exitCode === undefined ? '' : ` with code ${state.exitCode}`} after ${seconds} s`;
    const logs = await runner.run(dockerLogs(name), { allowFailure: true });
    const tail = (0,secrets/* redact */.E$)(`${logs.stdout}${logs.stderr}`).trim().split('\n').slice(-5).join(' | ');
    log.error(`✗ app health: ${reason ?? 'no answer'}${ended}`);
    return { check: { name: checkName, passed: false, detail: `expected HTTP ${app.expectStatus} from ${url}, last: ${reason ?? 'no answer'}${ended}${tail ? `; app log: ${tail}` : ''}` } };
}

;// CONCATENATED MODULE: ./build/src/drill/credentials.js

// A repository location may carry credentials in its userinfo
// (`rest:https://user:pass@host/repo`, `s3:https://KEY:SECRET@host/bucket`).
// The location itself is shown in the summary and the report, so it is shown
// without them, and the credentials are registered so a tool's echo is masked too.
/** `scheme://userinfo@`, after an optional restic backend prefix (`rest:`, `s3:` …). */
const USERINFO = /^((?:[a-z][\w+.-]*:)?[a-z][\w+.-]*:\/\/)([^/]*)@/i;
/** Over HTTP a bare userinfo is a token; for ssh/sftp it is only the login name. */
const TOKEN_SCHEMES = /(^|:)https?:\/\/$/i;
function userinfoOf(location) {
    const match = USERINFO.exec(location);
    if (!match)
        return undefined;
    const [, prefix, userinfo] = match;
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? undefined : userinfo.slice(colon + 1);
    return { prefix, user, password, secretUser: password === undefined && TOKEN_SCHEMES.test(prefix) };
}
/** The location as it may be shown: the password (or an HTTP token) replaced by `***`. */
function withoutCredentials(location) {
    const info = userinfoOf(location);
    if (!info || (info.password === undefined && !info.secretUser))
        return location;
    const shown = info.secretUser ? secrets/* REDACTED */.XF : `${info.user}:${secrets/* REDACTED */.XF}`;
    return location.replace(USERINFO, `${info.prefix}${shown}@`);
}
/** Registers the secret part of a location's userinfo (raw and percent-decoded) for redaction. */
function registerLocationCredentials(location) {
    const info = userinfoOf(location);
    const secret = info?.password ?? (info?.secretUser ? info.user : undefined);
    if (!secret)
        return;
    (0,secrets/* registerSecret */.cl)(secret);
    try {
        (0,secrets/* registerSecret */.cl)(decodeURIComponent(secret));
    }
    catch {
        // Not valid percent-encoding: the raw form is what a tool would print.
    }
}

// EXTERNAL MODULE: ./build/src/core/summary.js
var core_summary = __webpack_require__(1253);
;// CONCATENATED MODULE: ./build/src/drill/report.js




function allChecks(report) {
    return [...report.restores.flatMap((restore) => restore.checks.map((check) => ({ ...check, name: `${restore.label}: ${check.name}` }))), ...report.checks];
}
function failedChecks(report) {
    return allChecks(report).filter((check) => !check.passed && check.severity !== 'warning');
}
function isPassing(checks) {
    return checks.every((check) => check.passed || check.severity === 'warning');
}
/**
 * The report as a file may hold it: check details quote tools and app logs, so
 * every string is redacted, before JSON escaping (a secret with a quote in it
 * still matches) and without touching the JSON around it (a secret that reads
 * `true` cannot break the file).
 */
function reportJson(report) {
    return `${JSON.stringify(report, (_key, value) => (typeof value === 'string' ? (0,secrets/* redact */.E$)(value) : value), 2)}\n`;
}
function writeReportFile(report, file) {
    external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true });
    external_node_fs_.writeFileSync(file, reportJson(report));
}
function formatSeconds(seconds) {
    if (seconds === undefined)
        return '–';
    if (seconds < 120)
        return `${Math.round(seconds * 10) / 10} s`;
    if (seconds < 7200)
        return `${Math.round(seconds / 6) / 10} min`;
    if (seconds < 172_800)
        return `${Math.round(seconds / 360) / 10} h`;
    return `${Math.round(seconds / 8640) / 10} d`;
}
function formatBytes(bytes) {
    if (bytes === undefined)
        return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function drillFailureMessage(report) {
    const failed = failedChecks(report);
    if (failed.length === 0)
        return undefined;
    return `Restore drill '${report.name}' failed ${failed.length} check(s): ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`;
}
/** A restic snapshot ID (64 hex digits) reads well cut to 12; a borg archive name is the user's own and is kept whole. */
function shortSnapshotId(id) {
    return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}
function drillSummary(report) {
    const summary = new core_summary/* Summary */.BD();
    const warnings = allChecks(report).filter((check) => !check.passed && check.severity === 'warning').length;
    const verdict = report.passed ? `passed${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}` : 'FAILED';
    summary.heading(`Restore drill '${report.name}': ${verdict}`);
    if (report.restores.length > 0) {
        summary.table(['restore', 'snapshot', 'RPO', 'RTO', 'backup size', 'restored size'], report.restores.map((restore) => [
            restore.label,
            restore.snapshot ? `${shortSnapshotId(restore.snapshot.id)} (${restore.snapshot.time})` : restore.source,
            formatSeconds(restore.rpoSeconds),
            formatSeconds(restore.rtoSeconds),
            formatBytes(restore.sizes.backupBytes),
            formatBytes(restore.sizes.restoredBytes),
        ]));
    }
    const checks = allChecks(report);
    if (checks.length > 0) {
        summary.table(['check', 'result', 'seen'], checks.map((check) => [check.name, check.passed ? 'pass' : check.severity === 'warning' ? 'warn' : 'FAIL', check.detail]));
    }
    for (const restore of report.restores) {
        if (restore.versions) {
            const v = restore.versions;
            summary.text(`${restore.label}: dump made by ${v.dumpTool ?? '?'} from server ${v.dumpedFromServer ?? '?'}; restored with ${v.clientTool ?? '?'} into server ${v.server ?? '?'}.`);
        }
    }
    if (report.issue && report.issue.action !== 'none')
        summary.text(`Issue ${report.issue.action}: ${report.issue.url ?? `#${report.issue.number}`}`);
    if (report.reportFile)
        summary.text(`Report: ${report.reportFile}`);
    return summary;
}
function drillOutputs(report) {
    const first = report.restores[0];
    return {
        passed: String(report.passed),
        'rpo-seconds': first?.rpoSeconds === undefined ? '' : String(Math.round(first.rpoSeconds)),
        'rto-seconds': first?.rtoSeconds === undefined ? '' : String(Math.round(first.rtoSeconds * 10) / 10),
        snapshot: first?.snapshot?.id ?? '',
        'report-file': report.reportFile ?? '',
        'failed-checks': failedChecks(report).map((check) => check.name).join('\n'),
    };
}

;// CONCATENATED MODULE: ./build/src/drill/deadline.js



/** The drill ran past its `timeout` input. */
class DrillTimeout extends errors/* SlipwayError */.GQ {
    constructor(timeoutMs, step) {
        super(`stopped at the deadline of input 'timeout' (${formatSeconds(timeoutMs / 1000)}) during step '${step}'`, {
            fix: `Raise timeout, or find out why '${step}' is slow`,
        });
        this.name = 'DrillTimeout';
    }
}
/**
 * The `timeout` input as an upper bound for the whole drill. Work runs through
 * `runner()`, which caps every command at the time left (coreutils `timeout`
 * kills it at the deadline) and refuses new ones after it; `race()` stops
 * waiting at the deadline. Cleanup runs through `cleanup()`, which lets its
 * commands through uncapped: removing the scratch place is never cut short.
 */
class DrillDeadline {
    timeoutMs;
    signal;
    /** What the drill is doing now, for the timeout message. */
    step = 'start';
    endsAt;
    cleaningUp = false;
    /** `signal`: a cancel ends the drill like the deadline does (no new command; the scratch place is still removed). */
    constructor(timeoutMs, now = Date.now(), signal) {
        this.timeoutMs = timeoutMs;
        this.signal = signal;
        this.endsAt = now + timeoutMs;
    }
    remainingMs() {
        return Math.max(0, this.endsAt - Date.now());
    }
    get expired() {
        return this.remainingMs() === 0;
    }
    /** Names the step; throws when the deadline already passed. */
    enter(step) {
        if (this.signal?.aborted)
            throw new core_cancel/* CancelledError */.cc(step);
        if (this.expired)
            throw new DrillTimeout(this.timeoutMs, this.step);
        this.step = step;
    }
    runner(inner) {
        return {
            run: (spec, options = {}) => {
                if (this.cleaningUp)
                    return inner.run(spec, options);
                if (this.signal?.aborted)
                    return Promise.reject(new core_cancel/* CancelledError */.cc(`the next command of step '${this.step}'`));
                const remaining = this.remainingMs();
                if (remaining === 0)
                    return Promise.reject(new DrillTimeout(this.timeoutMs, this.step));
                return inner.run(spec, { ...options, timeoutMs: Math.min(options.timeoutMs ?? remaining, remaining) });
            },
        };
    }
    /** Resolves with the work, or rejects with DrillTimeout at the deadline (the work is then left to its capped commands). */
    race(work) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new DrillTimeout(this.timeoutMs, this.step)), this.remainingMs());
            const cancel = () => { clearTimeout(timer); reject(new core_cancel/* CancelledError */.cc(`the rest of step '${this.step}'`)); };
            if (this.signal?.aborted)
                return cancel();
            this.signal?.addEventListener('abort', cancel, { once: true });
            work.then((value) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); resolve(value); }, (error) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); reject(error); });
        });
    }
    /** After a timeout: waits (at most `graceMs`) for the work to return from its killed command. */
    async unwind(work, graceMs) {
        let timer;
        await Promise.race([work?.catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
        clearTimeout(timer);
    }
    async cleanup(undo) {
        this.cleaningUp = true;
        try {
            await undo();
        }
        finally {
            this.cleaningUp = false;
        }
    }
}

// EXTERNAL MODULE: ./build/src/core/http/request.js
var request = __webpack_require__(5531);
;// CONCATENATED MODULE: ./build/src/drill/forge.js



async function call(forge, method, route, body, budget = {}) {
    const response = await (0,request/* httpRequest */.aj)(`${forge.apiUrl}${route}`, {
        method,
        headers: {
            Authorization: `token ${forge.token}`,
            Accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
            'Content-Type': 'application/json',
            'User-Agent': 'slipway-restore-drill',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: budget.timeoutMs ?? 30_000,
        signal: budget.signal,
        maxRedirects: 5,
        what: `${forge.kind} API ${method} ${new URL(`${forge.apiUrl}${route}`).pathname}`,
    });
    if (!response.ok) {
        const text = response.text().slice(0, 300);
        throw new errors/* SlipwayError */.GQ(`${forge.kind} API ${method} ${route} answered HTTP ${response.status}: ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Check that forge-token may read and write issues (and read Actions runs) in the repository.' : undefined,
        });
    }
    return (response.status === 204 ? undefined : response.json());
}
/** The open issue with exactly this title (issues only, not pull requests), if any. */
async function findOpenIssue(forge, title, budget) {
    for (let page = 1; page <= 10; page += 1) {
        const type = forge.kind === 'forgejo' ? '&type=issues' : '';
        const issues = await call(forge, 'GET', `/repos/${forge.repository}/issues?state=open&per_page=50&limit=50&page=${page}${type}`, undefined, budget);
        const match = issues.find((issue) => issue.title === title && !issue.pull_request);
        if (match)
            return match;
        if (issues.length < 50)
            return undefined;
    }
    return undefined;
}
/** Posted to the forge, where anyone who reads the repository sees it: redacted whole. */
function issueBody(report, failures, runUrl) {
    return (0,secrets/* redact */.E$)([
        `The restore drill **${report.name}** failed at ${report.finishedAt}.`,
        runUrl ? `Run: ${runUrl}` : '',
        '',
        ...failures.map((check) => `- **${check.name}**: ${check.detail}`),
        '',
        'This issue is updated by every failing drill and closed by the next passing one.',
    ].filter((line, index, all) => line !== '' || all[index - 1] !== '').join('\n'));
}
/** Open (or comment on the already open) issue when the drill fails; close it when it passes. */
async function trackDrillIssue(forge, issue, report, failures, runUrl, budget) {
    const existing = await findOpenIssue(forge, issue.title, budget);
    const base = `/repos/${forge.repository}/issues`;
    if (failures.length > 0) {
        const body = issueBody(report, failures, runUrl);
        if (existing) {
            await call(forge, 'POST', `${base}/${existing.number}/comments`, { body }, budget);
            return { action: 'updated', number: existing.number, url: existing.html_url };
        }
        // Labels by name are GitHub's form; Forgejo wants label ids, so labels are GitHub-only.
        const payload = { title: issue.title, body };
        if (forge.kind === 'github' && issue.labels.length > 0)
            payload.labels = issue.labels;
        const created = await call(forge, 'POST', base, payload, budget);
        return { action: 'opened', number: created.number, url: created.html_url };
    }
    if (!existing)
        return { action: 'none' };
    await call(forge, 'POST', `${base}/${existing.number}/comments`, { body: `The restore drill **${report.name}** passed again at ${report.finishedAt}${runUrl ? ` (${runUrl})` : ''}. Closing.` }, budget);
    await call(forge, 'PATCH', `${base}/${existing.number}`, { state: 'closed' }, budget);
    return { action: 'closed', number: existing.number, url: existing.html_url };
}
/** Forgejo pages hold at most 50 runs; this many pages bound the search on a forge that ignores the workflow filter. */
const FORGEJO_PAGE_SIZE = 50;
const FORGEJO_MAX_PAGES = 10;
/** When the drill workflow last succeeded, per the forge, or undefined if never. */
async function lastSuccessfulRun(forge, workflow, budget) {
    if (forge.kind === 'github') {
        const runs = await call(forge, 'GET', `/repos/${forge.repository}/actions/workflows/${encodeURIComponent(workflow)}/runs?status=success&per_page=1`, undefined, budget);
        const run = runs.workflow_runs?.find((candidate) => !candidate.conclusion || candidate.conclusion === 'success');
        const when = run?.updated_at ?? run?.created_at;
        return when ? { at: new Date(when), url: run?.html_url } : undefined;
    }
    // Forgejo lists a repository's runs, newest first; `workflow_id` (the workflow
    // file name) filters them server-side. A forge too old to know the filter
    // ignores it, so the runs are matched here too and paged through, within a bound:
    // in a busy repository the drill's run is rarely among the newest 50.
    for (let page = 1; page <= FORGEJO_MAX_PAGES; page += 1) {
        const query = `workflow_id=${encodeURIComponent(workflow)}&status=success&limit=${FORGEJO_PAGE_SIZE}&page=${page}`;
        const runs = (await call(forge, 'GET', `/repos/${forge.repository}/actions/runs?${query}`, undefined, budget)).workflow_runs ?? [];
        const matching = runs
            .filter((run) => run.status === 'success' && (run.workflow_id === workflow || run.workflow_id?.endsWith(`/${workflow}`)))
            .map((run) => ({ at: new Date(run.stopped ?? run.updated ?? run.created ?? 0), url: run.html_url }))
            .sort((a, b) => b.at.getTime() - a.at.getTime());
        if (matching.length > 0)
            return matching[0];
        if (runs.length < FORGEJO_PAGE_SIZE)
            return undefined;
    }
    return undefined;
}
/** A drill that silently stopped running is as bad as a failing one. */
async function checkStaleness(forge, staleness, now, budget) {
    const name = `last successful ${staleness.workflow} run within ${Math.round(staleness.maxAgeMs / 3_600_000)} h`;
    const severity = staleness.onStale === 'warn' ? 'warning' : undefined;
    let last;
    try {
        last = await lastSuccessfulRun(forge, staleness.workflow, budget);
    }
    catch (error) {
        return { name, passed: false, severity, detail: error.message };
    }
    if (!last)
        return { name, passed: false, severity, detail: `no successful run of ${staleness.workflow} found` };
    const age = now.getTime() - last.at.getTime();
    const days = Math.round((age / 86_400_000) * 10) / 10;
    return { name, passed: age <= staleness.maxAgeMs, severity, detail: `last success ${last.at.toISOString()} (${days} d ago)${last.url ? ` ${last.url}` : ''}` };
}

;// CONCATENATED MODULE: ./build/src/drill/history.js



/**
 * The last passing drill's report, for the "valid but empty" comparison. On a
 * laptop it is a file; in CI the runner is fresh every night, so the file
 * travels through the Actions cache (one new key per passing run, restored by prefix).
 */
class DrillHistory {
    name;
    options;
    file;
    constructor(name, options) {
        this.name = name;
        this.options = options;
        this.file = options.file ?? external_node_path_.join(options.cacheDir, 'last-pass.json');
    }
    get prefix() {
        return `slipway-drill-${this.name}-`;
    }
    async load() {
        if (this.options.cache && !this.options.file) {
            await this.options.cache.restore([this.options.cacheDir], `${this.prefix}latest-lookup`, [this.prefix]);
        }
        if (!external_node_fs_.existsSync(this.file))
            return undefined;
        try {
            return JSON.parse(external_node_fs_.readFileSync(this.file, 'utf8'));
        }
        catch (error) {
            this.options.log.warn(`Ignoring the previous drill report ${this.file}: ${error.message}`);
            return undefined;
        }
    }
    async save(report) {
        external_node_fs_.mkdirSync(external_node_path_.dirname(this.file), { recursive: true });
        external_node_fs_.writeFileSync(this.file, reportJson(report));
        if (this.options.cache && !this.options.file) {
            await this.options.cache.save([this.options.cacheDir], `${this.prefix}${Date.now()}`);
        }
    }
}
/** Row counts of the newest restore of a previous report. */
function previousCounts(report) {
    const counts = report?.restores[0]?.tables;
    return counts && Object.keys(counts).length > 0 ? counts : undefined;
}

;// CONCATENATED MODULE: ./build/src/drill/placeholders.js

/**
 * `{restored}` and `{restored-dir}`: where the restore put the database, so an app's
 * environment, its arguments and the queries can name it without knowing the backup's
 * file name (a nightly `portal.snapshot.<timestamp>.db`). Each reader gets the path
 * it sees: the app its mount (`app-data-mount`), the queries the scratch place on the runner.
 */
const RESTORED_PLACEHOLDERS = ['{restored}', '{restored-dir}'];
/** What the queries see: paths on the runner. */
function runnerValues(place) {
    return { restored: place.database, restoredDir: place.dir };
}
/** What the app sees: its data mount, and the database file under it (a PostgreSQL database keeps its name). */
function appValues(place, dataMount) {
    const restored = place.database === undefined ? undefined
        : place.engine === 'postgres' ? place.database
            : external_node_path_.posix.join(dataMount, external_node_path_.relative(place.dir, place.database).split(external_node_path_.sep).join('/'));
    return { restored, restoredDir: dataMount };
}
/** Every placeholder some drill input replaces (`{port}`: app-args only). */
const KNOWN_PLACEHOLDERS = [...RESTORED_PLACEHOLDERS, '{port}'];
/**
 * A brace word that reads like one of the placeholders but is none of them
 * (`{restored_dir}`, `{restore}`, `{Restored}`, `{PORT}`): left as it is, it
 * would reach the app or the query literally and fail far from the typo.
 */
function misspeltPlaceholder(text) {
    // `${PORT}` in a shell command is the shell's variable, not a placeholder.
    for (const [word] of text.matchAll(/(?<!\$)\{[A-Za-z][A-Za-z_-]{1,30}\}/g)) {
        if (!KNOWN_PLACEHOLDERS.includes(word) && /^\{(restor|port)/i.test(word))
            return word;
    }
    return undefined;
}
function usesRestored(text) {
    return text.includes('{restored}');
}
/** Replaces both placeholders; `{restored}` is left as is when there is nothing to name (the caller refuses that first). */
function fillRestored(text, values) {
    const withDir = text.replaceAll('{restored-dir}', values.restoredDir);
    return values.restored === undefined ? withDir : withDir.replaceAll('{restored}', values.restored);
}
/** The app boot settings with the placeholders filled in its arguments and every environment value. */
function appWithRestored(app, values) {
    return {
        ...app,
        args: app.args.map((arg) => fillRestored(arg, values)),
        env: Object.fromEntries(Object.entries(app.env).map(([key, value]) => [key, fillRestored(value, values)])),
    };
}
function queriesWithRestored(queries, values) {
    return queries.map((query) => ({ sql: fillRestored(query.sql, values), expected: fillRestored(query.expected, values) }));
}
/**
 * Which inputs name `{restored}` although the restore found no database to name: the check's reason,
 * or undefined. The reason does not spell the placeholder: an app-env value that is just `{restored}`
 * is registered as a secret like every app-env value, and would be masked wherever it is printed.
 */
function unnamedRestored(values, uses) {
    if (values.restored !== undefined)
        return undefined;
    const inputs = uses.filter((use) => use.texts.some(usesRestored)).map((use) => use.input);
    return inputs.length === 0 ? undefined
        : `${inputs.join(' and ')} name the restored database, but the restore holds no single SQLite file to name; set database-path to the database inside the backup, or name the restored directory instead`;
}

// EXTERNAL MODULE: ./build/src/core/config/inputs.js
var config_inputs = __webpack_require__(6087);
// EXTERNAL MODULE: ./build/src/ssh/inputs.js
var ssh_inputs = __webpack_require__(7183);
;// CONCATENATED MODULE: ./build/src/drill/settings.js






/** Where the backup comes from. */
const SOURCE_KINDS = ['sqlite', 'restic', 'borg', 'postgres', 'tarball'];
/** Settings that are valid but do less than they seem to: reported as warnings, never failures. */
function settingsWarnings(settings) {
    const warnings = [];
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
function parseQueries(lines, fail) {
    return lines.map((line) => {
        const index = line.lastIndexOf('=>');
        if (index <= 0)
            fail(`has a query without '=> expected' (found '${line.slice(0, 60)}')`);
        return { sql: line.slice(0, index).trim(), expected: line.slice(index + 2).trim() };
    });
}
/** Docker container and volume names (or ids). */
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A PostgreSQL database or role name: a name, never a connection string (`host=… dbname=…`) or URI. */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
function databaseName(inputs, name) {
    const value = inputs.optional(name);
    if (value !== undefined && !DATABASE_NAME.test(value)) {
        inputs.fail(name, `is not a database name (found '${value.slice(0, 60)}')`, 'Give the name only (letters, digits, _ and -); host, port and user have their own inputs (pg-host, pg-port, pg-user), and a connection string is not accepted.');
    }
    return value;
}
/** One entry per line, never split on commas: SQL and shell arguments contain them. */
function lines(inputs, name) {
    return (inputs.optional(name) ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}
function parseDrillSettings(inputs, context) {
    const mode = inputs.choice('mode', ['drill', 'staleness'], 'drill');
    const name = inputs.string('name', 'restore-drill');
    if (!/^[A-Za-z0-9._-]+$/.test(name))
        inputs.fail('name', `may hold only letters, digits, '.', '_' and '-' (found '${name}')`);
    const forge = parseForge(inputs, context);
    const staleness = mode === 'staleness' ? parseStaleness(inputs) : undefined;
    if (mode === 'staleness' && !forge)
        inputs.fail('forge-token', 'is required for mode staleness', 'Pass a token that may read the repository’s workflow runs.');
    if (mode === 'drill' && !inputs.optional('source'))
        inputs.fail('source', `is required (expected one of ${SOURCE_KINDS.join(', ')})`);
    const kind = inputs.choice('source', SOURCE_KINDS, 'sqlite');
    const source = mode === 'staleness' ? { kind: 'sqlite', path: '' } : parseSource(kind, inputs, context.workDir);
    const minRows = {};
    for (const [table, count] of Object.entries(inputs.keyValues('min-rows'))) {
        if (!/^\d+$/.test(count.trim()))
            inputs.fail('min-rows', `has a count that is not a whole number (found '${table}=${count}')`);
        minRows[table.trim()] = Number(count.trim());
    }
    const freshnessColumn = inputs.optional('freshness-column');
    if (freshnessColumn && !/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/.test(freshnessColumn)) {
        inputs.fail('freshness-column', `is not table.column (found '${freshnessColumn}')`);
    }
    const verify = {
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
        if (!/^[A-Za-z_][\w]*$/.test(table))
            inputs.fail(verify.tables.includes(table) ? 'tables' : 'min-rows', `has a table name that is not a plain identifier (found '${table}')`);
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
    const app = appImage ? parseAppBoot(inputs, appImage, appEnv) : undefined;
    const previousReportFile = inputs.localPath('previous-report', context.workDir);
    const scratchRoot = (0,config_inputs/* resolveThroughLinks */.FA)(external_node_path_.resolve(context.workDir, inputs.string('scratch-root', context.env.RUNNER_TEMP ?? '/tmp')));
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
        reportFile: inputs.localPath('report-file', context.workDir, { fallback: `${name}-report.json` }) ?? external_node_path_.resolve(context.workDir, `${name}-report.json`),
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
function checkPlaceholders(inputs, queries, appArgs, appEnv) {
    const fix = 'The placeholders are {restored} (the restored database) and {restored-dir} (its directory); app-args also has {port}.';
    for (const text of queries) {
        const word = misspeltPlaceholder(text);
        if (word)
            inputs.fail('queries', `names ${word}, which is not a placeholder`, fix);
    }
    for (const text of appArgs) {
        const word = misspeltPlaceholder(text);
        if (word)
            inputs.fail('app-args', `names ${word}, which is not a placeholder`, fix);
    }
    for (const [key, value] of Object.entries(appEnv)) {
        if (misspeltPlaceholder(value))
            inputs.fail('app-env', `sets ${key} to a value naming a placeholder that does not exist`, fix);
    }
}
/** A bare file name in the restored database's directory: never a path, an option or a dot name. */
const BARE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/;
function parseRestoreAs(inputs, source) {
    const value = inputs.optional('restore-as');
    if (value === undefined)
        return undefined;
    if (source.kind === 'postgres')
        inputs.fail('restore-as', 'renames a restored SQLite file and does not apply to source postgres', 'Name the scratch database with scratch-database, and point the app at it with {restored} in app-env.');
    if (!BARE_FILE_NAME.test(value)) {
        inputs.fail('restore-as', `is not a bare file name (found '${value.slice(0, 60)}')`, "Give the database's live file name only, e.g. portal.db (letters, digits, '.', '_' and '-'; no '/', no leading '-' or '.'); the directory is where app-data-mount mounts it.");
    }
    return value;
}
function parseAppBoot(inputs, image, env) {
    const portEnv = inputs.string('app-port-env', 'PORT');
    if (!config_inputs/* ENV_NAME */.G1.test(portEnv))
        inputs.fail('app-port-env', `is not an environment variable name (found '${portEnv}')`);
    const dataMount = inputs.string('app-data-mount', '/data');
    if (!dataMount.startsWith('/') || /[:,\s]/.test(dataMount))
        inputs.fail('app-data-mount', `is not an absolute path in the container (found '${dataMount}')`, 'e.g. /data');
    const healthPath = inputs.string('app-health-path', '/healthz');
    if (!healthPath.startsWith('/') || /\s/.test(healthPath))
        inputs.fail('app-health-path', `is not a URL path (found '${healthPath}')`, 'e.g. /healthz');
    return {
        image, dataMount, portEnv, healthPath, env,
        args: lines(inputs, 'app-args'),
        expectStatus: inputs.integer('app-expect-status', 200, { min: 100, max: 599 }),
        timeoutMs: inputs.duration('app-timeout', 60_000, { min: 1000 }),
    };
}
/** Local paths a restore must never write into (or hold). */
function localSources(source) {
    if (source.kind === 'sqlite' && !source.container && !source.ssh)
        return [{ input: 'database-path', path: source.path }];
    if ((source.kind === 'restic' || source.kind === 'borg') && source.repository.startsWith('/'))
        return [{ input: 'repository', path: source.repository }];
    if (source.kind === 'tarball' && source.file)
        return [{ input: 'tarball', path: source.file }];
    if (source.kind === 'postgres' && source.dumpFile)
        return [{ input: 'dump-file', path: source.dumpFile }];
    return [];
}
/**
 * The restore target, judged by where it really leads (symlinks resolved):
 * never the source, inside it or holding it, never an existing file or a
 * directory with something in it (the drill removes what it restores into).
 */
function parseScratchDir(inputs, workDir, source) {
    const value = inputs.optional('scratch-dir');
    if (value === undefined)
        return undefined;
    const resolved = (0,config_inputs/* resolveThroughLinks */.FA)(external_node_path_.resolve(workDir, value));
    for (const origin of localSources(source)) {
        const real = (0,config_inputs/* resolveThroughLinks */.FA)(origin.path);
        const inside = (a, b) => a === b || a.startsWith(b.endsWith(external_node_path_.sep) ? b : `${b}${external_node_path_.sep}`);
        if (inside(resolved, real) || inside(real, resolved)) {
            inputs.fail('scratch-dir', `is the source given in ${origin.input}, or one holds the other (found '${value}', which resolves to ${resolved})`, 'Leave scratch-dir empty so the drill makes its own temporary directory, or name one outside the source.');
        }
    }
    let stat;
    try {
        stat = external_node_fs_.statSync(resolved);
    }
    catch {
        stat = undefined;
    }
    if (stat && !stat.isDirectory())
        inputs.fail('scratch-dir', `is an existing file, not a directory (found '${value}')`, 'The drill restores into a directory it creates and removes: name one that does not exist yet.');
    if (stat && external_node_fs_.readdirSync(resolved).length > 0)
        inputs.fail('scratch-dir', `is a directory that is not empty (found '${value}')`, 'The drill removes its scratch place afterwards: name a directory that does not exist yet.');
    if (resolved === external_node_path_.parse(resolved).root)
        inputs.fail('scratch-dir', "is the root directory '/'");
    return resolved;
}
function parseSource(kind, inputs, workDir) {
    switch (kind) {
        case 'sqlite': {
            const remote = inputs.optional('host') !== undefined;
            const container = inputs.optional('container');
            if (container && remote)
                inputs.fail('container', 'cannot be combined with host', 'Drill a container on a remote host by backing it up there first.');
            const databasePath = inputs.required('database-path', 'Set it to the live SQLite file (on the runner, in the container, or on the SSH host).');
            if (container !== undefined && !CONTAINER_NAME.test(container))
                inputs.fail('container', `is not a container name or id (found '${container}')`);
            // On the runner the file is resolved (so sqlite3 never sees a leading dash) and must exist; elsewhere it is checked there.
            const local = !remote && container === undefined;
            return {
                kind,
                path: local ? inputs.localPath('database-path', workDir, { mustExist: 'file' }) ?? databasePath : inputs.checkArgument('database-path', databasePath),
                container,
                ssh: remote ? (0,ssh_inputs/* parseSshInputs */.d)(inputs).targets[0] : undefined,
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
            if (!/^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/.test(snapshot))
                inputs.fail('snapshot', `is not a snapshot id or archive name (found '${snapshot}')`, 'Write latest, a restic snapshot id or a borg archive name.');
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
            if (!dumpFile && !database)
                inputs.fail('dump-file', 'or pg-database is required for source postgres', 'Name a pg_dump custom-format file, or a live database to dump.');
            const host = inputs.argument('pg-host', '127.0.0.1') ?? '127.0.0.1';
            if (!/^[A-Za-z0-9_.:/[\]-]+$/.test(host))
                inputs.fail('pg-host', `is not a host name, address or socket directory (found '${host}')`);
            const user = inputs.argument('pg-user', 'slipway') ?? 'slipway';
            if (!DATABASE_NAME.test(user))
                inputs.fail('pg-user', `is not a role name (found '${user}')`);
            const scratchDatabase = inputs.optional('scratch-database');
            if (scratchDatabase && !/^[A-Za-z_][\w]*$/.test(scratchDatabase))
                inputs.fail('scratch-database', `is not a plain identifier (found '${scratchDatabase}')`);
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
            if (!file === !volume)
                inputs.fail('tarball', 'or volume is required, not both', 'Name a tar file, or a Docker volume to pack.');
            if (volume !== undefined && !CONTAINER_NAME.test(volume))
                inputs.fail('volume', `is not a Docker volume name (found '${volume}')`);
            return { kind, file, volume, helperImage: inputs.argument('helper-image', 'busybox') ?? 'busybox' };
        }
    }
}
function parseForge(inputs, context) {
    const token = inputs.secret('forge-token');
    if (!token)
        return undefined;
    const env = context.env;
    const detected = context.platform.kind === 'forgejo' ? 'forgejo' : 'github';
    const kind = inputs.choice('forge', ['github', 'forgejo'], detected);
    const server = env.GITHUB_SERVER_URL ?? env.FORGEJO_SERVER_URL;
    const fallbackApi = kind === 'github' ? (env.GITHUB_API_URL ?? 'https://api.github.com') : server ? `${server.replace(/\/$/, '')}/api/v1` : undefined;
    const apiUrl = inputs.optional('forge-api-url') ?? fallbackApi;
    if (!apiUrl)
        inputs.fail('forge-api-url', 'is required outside Actions for forgejo', 'e.g. https://codeberg.org/api/v1');
    if (!/^https?:\/\/[^\s]+$/.test(apiUrl))
        inputs.fail('forge-api-url', `is not an http or https URL (found '${apiUrl.slice(0, 80)}')`, 'e.g. https://codeberg.org/api/v1');
    const repository = inputs.optional('forge-repository') ?? env.GITHUB_REPOSITORY;
    if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
        inputs.fail('forge-repository', `is not owner/name (found '${repository ?? ''}')`);
    }
    return { kind, apiUrl: apiUrl.replace(/\/$/, ''), repository, token };
}
function parseStaleness(inputs) {
    return {
        workflow: inputs.required('drill-workflow', 'Name the drill workflow file, e.g. restore-drill.yml.'),
        maxAgeMs: inputs.duration('max-staleness', 8 * 86_400_000, { min: 1, timer: false }),
        onStale: inputs.choice('on-stale', ['warn', 'fail'], 'fail'),
    };
}

;// CONCATENATED MODULE: ./build/src/drill/snapshots.js
/** restic ≥ 0.17 records `summary.backup_end`; older snapshots only `time` (the start). */
function parseResticSnapshots(json) {
    const parsed = JSON.parse(json || '[]');
    return (parsed ?? []).map((snapshot) => {
        const end = snapshot.summary?.backup_end;
        return {
            id: snapshot.id,
            time: new Date(end ?? snapshot.time),
            timeSource: end ? 'restic summary.backup_end' : 'restic time (backup start)',
            paths: snapshot.paths ?? [],
            tags: snapshot.tags ?? [],
        };
    });
}
/**
 * Borg prints archive times as host-local wall-clock time with no zone. The
 * drill runs `borg list` with TZ=UTC, so the printed wall clock is UTC and is
 * read as such; without that, a runner in UTC+2 would age every backup by 2 h.
 */
function parseBorgArchives(json) {
    const parsed = JSON.parse(json || '{}');
    return (parsed.archives ?? []).map((archive) => ({
        id: archive.name,
        time: borgUtcTime(archive.end ?? archive.time ?? archive.start ?? ''),
        timeSource: archive.end ? 'borg archive end (UTC)' : 'borg archive start (UTC)',
        paths: [],
        tags: [],
    }));
}
function borgUtcTime(wallClock) {
    const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(wallClock) ? wallClock : `${wallClock}Z`;
    return new Date(withZone);
}
function newestFirst(snapshots) {
    return [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime());
}
/** `latest`, or a full/short restic id, or a borg archive name. */
function selectSnapshot(snapshots, wanted) {
    const ordered = newestFirst(snapshots);
    if (wanted === 'latest')
        return ordered[0];
    return ordered.find((snapshot) => snapshot.id === wanted) ?? (wanted.length >= 8 ? ordered.find((snapshot) => snapshot.id.startsWith(wanted)) : undefined);
}
/** One of the snapshots older than `chosen`, picked by `random` (injectable for tests). */
function pickOlder(snapshots, chosen, random = Math.random) {
    const older = newestFirst(snapshots).filter((snapshot) => snapshot.time.getTime() < chosen.time.getTime() && snapshot.id !== chosen.id);
    if (older.length === 0)
        return undefined;
    return older[Math.min(older.length - 1, Math.floor(random() * older.length))];
}

;// CONCATENATED MODULE: ./build/src/drill/verify.js

/** One `count(*)` per table, as rows `name|count`: one process and one pass for the lot. */
function countRowsSql(tables) {
    return `${tables.map((table) => `SELECT ${sqlString(table)}, count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')}`).join(' UNION ALL ')};`;
}
const sqlString = (text) => `'${text.replace(/'/g, "''")}'`;
/** Reads the rows of countRowsSql back into a map. */
function parseRowCounts(rows) {
    const counts = {};
    for (const row of rows) {
        const cut = row.lastIndexOf('|');
        if (cut > 0)
            counts[row.slice(0, cut)] = Number(row.slice(cut + 1));
    }
    return counts;
}
const sqliteTablesSql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
const postgresTablesSql = "SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;";
/** Runs the data checks; returns them with the row count of every table (for the next drill's comparison). */
async function verifyData(probe, verify, options) {
    const checks = [];
    const listed = await probe.query(probe.tablesSql);
    if ('error' in listed) {
        checks.push({ name: 'read tables', passed: false, detail: listed.error });
        return { checks, tables: {} };
    }
    const present = new Set(listed.rows.map((row) => row.trim()).filter(Boolean));
    for (const table of verify.tables) {
        checks.push({ name: `table ${table} exists`, passed: present.has(table), detail: present.has(table) ? 'present' : `missing (tables found: ${[...present].join(', ') || 'none'})` });
    }
    const tables = {};
    const together = probe.countRows && present.size ? await probe.countRows([...present]) : undefined;
    if (together && 'counts' in together)
        Object.assign(tables, together.counts);
    // Table by table when there is no joint count, or it failed: then each error names its table.
    for (const table of together && 'counts' in together ? [] : present) {
        const counted = await probe.query(`SELECT count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')};`);
        if ('error' in counted)
            checks.push({ name: `count ${table}`, passed: false, detail: counted.error });
        else
            tables[table] = Number(counted.rows[0] ?? 0);
    }
    for (const [table, minimum] of Object.entries(verify.minRows)) {
        const count = tables[table];
        checks.push({
            name: `${table} has at least ${minimum} rows`,
            passed: count !== undefined && count >= minimum,
            detail: count === undefined ? 'table missing' : `${count} rows`,
        });
    }
    for (const query of verify.queries) {
        const result = await probe.query(query.sql);
        const seen = 'error' in result ? `error: ${result.error}` : result.rows.join('\n').trim();
        checks.push({ name: `query ${query.sql}`, passed: !('error' in result) && seen === query.expected, detail: `expected ${query.expected}, got ${seen || '(no rows)'}` });
    }
    if (verify.freshnessColumn && verify.maxAgeMs !== undefined) {
        checks.push(await checkNewestRow(probe, verify.freshnessColumn, verify.maxAgeMs, options.now));
    }
    if (options.previousCounts)
        checks.push(...compareRowCounts(options.previousCounts, tables, verify.shrinkTolerancePercent));
    return { checks, tables };
}
async function checkNewestRow(probe, tableColumn, maxAgeMs, now) {
    const [table, column] = tableColumn.split('.');
    const name = `newest ${tableColumn} within ${formatAge(maxAgeMs)}`;
    const result = await probe.query(probe.newestSql(table, column));
    if ('error' in result)
        return { name, passed: false, detail: result.error };
    const newest = parseTimestamp(result.rows[0] ?? '');
    if (!newest)
        return { name, passed: false, detail: `no readable timestamp (found '${result.rows[0] ?? ''}')` };
    const age = now.getTime() - newest.getTime();
    return { name, passed: age <= maxAgeMs, detail: `newest row ${newest.toISOString()}, ${formatAge(age)} old` };
}
/** Unix seconds (or milliseconds), ISO-8601, or SQLite's `YYYY-MM-DD HH:MM:SS` (which is UTC). */
function parseTimestamp(value) {
    const text = value.trim();
    if (!text)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text)) {
        const number = Number(text);
        return new Date(number > 1e12 ? number : number * 1000);
    }
    const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** "Valid but empty": a table that lost more than `tolerancePercent` of its rows since the last passing drill. */
function compareRowCounts(previous, current, tolerancePercent) {
    const checks = [];
    for (const [table, before] of Object.entries(previous)) {
        const now = current[table];
        const name = `${table} did not shrink more than ${tolerancePercent}%`;
        if (now === undefined) {
            checks.push({ name, passed: false, detail: `table gone (had ${before} rows in the last passing drill)` });
            continue;
        }
        const lost = before === 0 ? 0 : ((before - now) / before) * 100;
        checks.push({ name, passed: lost <= tolerancePercent, detail: `${before} → ${now} rows${lost > 0 ? ` (−${Math.round(lost * 10) / 10}%)` : ''}` });
    }
    return checks;
}
function checkSnapshotAge(snapshotTime, maxAgeMs, now) {
    const age = now.getTime() - snapshotTime.getTime();
    return {
        name: `backup within max-age ${formatAge(maxAgeMs)}`,
        passed: age <= maxAgeMs,
        detail: `backup taken ${snapshotTime.toISOString()}, ${formatAge(age)} old`,
    };
}
function formatAge(ms) {
    const seconds = Math.round(ms / 1000);
    if (Math.abs(seconds) < 120)
        return `${seconds} s`;
    if (Math.abs(seconds) < 7200)
        return `${Math.round(seconds / 60)} min`;
    if (Math.abs(seconds) < 172_800)
        return `${Math.round(seconds / 360) / 10} h`;
    return `${Math.round(seconds / 8640) / 10} d`;
}

;// CONCATENATED MODULE: ./build/src/drill/sources/restored.js

/** A failed check from a command's result (its last lines) or a plain reason. */
const failed = (name, result) => ({
    name,
    passed: false,
    detail: typeof result === 'string' ? result : `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}: ${(0,errors/* lastLines */.w$)(result.stderr.trim() || result.stdout.trim(), 3).replace(/\n/g, ' ')}`,
});

;// CONCATENATED MODULE: ./build/src/drill/sources/postgres.js








/* PostgreSQL: a database dumped by the drill, or a pg_dump archive, restored into a scratch database. */
function parseDumpHeader(listing) {
    const pick = (label) => new RegExp(`^;\\s*${label}:\\s*(.+)$`, 'mi').exec(listing)?.[1]?.trim();
    // `;     Archive created at 2026-11-30 02:00:05 UTC` (printed under TZ=UTC, see pgRestoreList).
    const created = /^;\s*Archive created at (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/m.exec(listing);
    const createdAt = created ? new Date(`${created[1]}T${created[2]}Z`) : undefined;
    return {
        dumpTool: pick('Dumped by pg_dump version'),
        dumpedFromServer: pick('Dumped from database version'),
        dbname: pick('Dbname'),
        createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : undefined,
    };
}
const SUPERUSER_SQL = 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user;';
function superuserCheck(user, result) {
    const name = `pg-user ${user} has no superuser rights`;
    if (result.exitCode !== 0)
        return failed(name, result);
    if (result.stdout.trim() !== 't')
        return { name, passed: true, detail: 'restoring without superuser rights' };
    return {
        name,
        passed: false,
        detail: `${user} is a superuser, and a dump can carry code (functions, triggers) that would run with those rights; nothing was restored. `
            + 'Set pg-user to a role with CREATEDB and no superuser rights (CREATE ROLE drill LOGIN CREATEDB)',
    };
}
/** The major version: `15` of `15.4 (Debian …)`, `9.6` of `9.6.24` (before 10 the major had two parts). */
function majorVersion(version) {
    const match = /(\d+)(?:\.(\d+))?/.exec(version ?? '');
    if (!match)
        return undefined;
    return Number(match[1]) < 10 && match[2] !== undefined ? `${match[1]}.${match[2]}` : match[1];
}
/**
 * The dump's pg_dump against the server it was dumped from and the server it is
 * restored into. A mismatch is a warning, not a failure: this restore did succeed
 * and its data was verified here, but a pg_dump that does not match its server is
 * what silently broke real backups (a distro pg_dump left behind by a server
 * upgrade), and a dump newer than a server cannot be restored into it.
 */
function compareDumpVersions(versions) {
    const { dumpTool, dumpedFromServer, server } = versions;
    if (!dumpTool || !server)
        return undefined;
    const tool = majorVersion(dumpTool);
    const differences = [];
    if (dumpedFromServer && majorVersion(dumpedFromServer) !== tool)
        differences.push(`pg_dump ${tool} dumped a ${majorVersion(dumpedFromServer)} server`);
    if (majorVersion(server) !== tool)
        differences.push(`pg_dump ${tool} dump restored into a ${majorVersion(server)} server`);
    const seen = `dump by pg_dump ${dumpTool} from server ${dumpedFromServer ?? '?'}, restored into server ${server}`;
    return differences.length === 0
        ? { name: 'pg_dump version matches the server', passed: true, detail: seen }
        : { name: 'pg_dump version matches the server', passed: false, severity: 'warning', detail: `major versions differ (${differences.join('; ')}): ${seen}` };
}
async function restorePostgres(source, scratch, runner) {
    const connection = source.connection;
    const dataDir = scratch.sub('restore');
    const scratchDb = source.scratchDatabase ?? scratch.name('db');
    refuseSameName('database', scratchDb, source.database);
    refuseSameName('database', scratchDb, connection.maintenanceDatabase);
    const checks = [];
    // A dump can carry code (functions, triggers) that pg_restore runs with the rights of the
    // role restoring it: the drill restores as a role without superuser rights, or not at all.
    const role = await runner.run(psql(connection, connection.maintenanceDatabase, SUPERUSER_SQL), { allowFailure: true });
    const roleCheck = superuserCheck(connection.user, role);
    checks.push(roleCheck);
    if (!roleCheck.passed)
        return { dataDir, checks, sizes: {}, ok: false };
    let dumpFile = source.dumpFile;
    if (!dumpFile) {
        dumpFile = external_node_path_.join(scratch.sub('dump'), 'drill.pgdump');
        const dumped = await runner.run(pgDump(connection, source.database ?? '', dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
        checks.push(dumped.exitCode === 0 ? { name: `pg_dump ${source.database}`, passed: true, detail: 'custom format' } : failed(`pg_dump ${source.database}`, dumped));
        if (dumped.exitCode !== 0)
            return { dataDir, checks, sizes: {}, ok: false };
    }
    else if (!external_node_fs_.existsSync(dumpFile)) {
        checks.push({ name: 'dump file exists', passed: false, detail: `${dumpFile} does not exist` });
        return { dataDir, checks, sizes: {}, ok: false };
    }
    const listing = await runner.run(pgRestoreList(dumpFile), { allowFailure: true });
    const header = parseDumpHeader(listing.stdout);
    if (header.dbname)
        refuseSameName('database', scratchDb, header.dbname);
    const server = await runner.run(psql(connection, connection.maintenanceDatabase, 'SHOW server_version;'), { allowFailure: true });
    const client = await runner.run(pgDumpVersion(), { allowFailure: true });
    const versions = { dumpTool: header.dumpTool, dumpedFromServer: header.dumpedFromServer, server: server.stdout.trim() || undefined, clientTool: client.stdout.trim() || undefined };
    const create = await runner.run(psql(connection, connection.maintenanceDatabase, `CREATE DATABASE ${sqlIdentifier(scratchDb)};`), { allowFailure: true });
    if (create.exitCode !== 0) {
        checks.push(failed(`create scratch database ${scratchDb}`, create));
        return { dataDir, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, ok: false };
    }
    scratch.onCleanup(`database ${scratchDb}`, async () => {
        await runner.run(psql(connection, connection.maintenanceDatabase, `DROP DATABASE IF EXISTS ${sqlIdentifier(scratchDb)} WITH (FORCE);`), { allowFailure: true });
    });
    const restored = await runner.run(pgRestore(connection, scratchDb, dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(restored.exitCode === 0 ? { name: 'pg_restore (no owner, no privileges)', passed: true, detail: `into scratch database ${scratchDb}` } : failed('pg_restore (no owner, no privileges)', restored));
    const versionCheck = compareDumpVersions(versions);
    if (versionCheck)
        checks.push(versionCheck);
    const probe = {
        engine: 'postgres',
        tablesSql: postgresTablesSql,
        newestSql: (table, column) => `SELECT extract(epoch FROM max(${sqlIdentifier(column)})) FROM ${sqlIdentifier(table)};`,
        async query(sql) {
            const result = await runner.run(psql(connection, scratchDb, sql), { allowFailure: true, timeoutMs: 600_000 });
            if (result.exitCode !== 0)
                return { error: (0,errors/* lastLines */.w$)(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
            return { rows: result.stdout.split('\n').filter((line) => line !== '') };
        },
    };
    const appEnv = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGDATABASE: scratchDb };
    if (connection.password)
        appEnv.PGPASSWORD = connection.password;
    // A version warning does not keep the data from being verified.
    const ok = isPassing(checks);
    // The drill's own dump is made under TZ=UTC, so its time is exact; a dump file's is the
    // dumping host's wall clock (the archive keeps no zone), exact when that host runs in UTC.
    const taken = header.createdAt
        ? { id: external_node_path_.basename(dumpFile), time: header.createdAt, timeSource: source.dumpFile ? 'pg_dump archive header (dumping host wall clock, read as UTC)' : 'pg_dump archive header (dumped by the drill, UTC)' }
        : undefined;
    return { dataDir, database: scratchDb, probe: ok ? probe : undefined, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, appEnv, taken, ok };
}

;// CONCATENATED MODULE: ./build/src/drill/sources/sqlite.js







function sqliteProbe(runner, file) {
    let listing;
    let early;
    const run = async (sql) => {
        const result = await runner.run(sqliteQuery(file, sql), { allowFailure: true, timeoutMs: 600_000 });
        if (result.exitCode !== 0)
            return { error: (0,errors/* lastLines */.w$)(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
        return { rows: result.stdout.split('\n').filter((line) => line !== '') };
    };
    const countNow = async (tables) => {
        if (tables.length === 0)
            return { counts: {} };
        const counted = await run(countRowsSql(tables));
        return 'error' in counted ? counted : { counts: parseRowCounts(counted.rows) };
    };
    return {
        engine: 'sqlite',
        tablesSql: sqliteTablesSql,
        newestSql: (table, column) => `SELECT max(${sqlIdentifier(column)}) FROM ${sqlIdentifier(table)};`,
        // The table list read for the early count answers the data checks' own listing.
        query: (sql) => (sql === sqliteTablesSql && listing ? listing : run(sql)),
        startCounting() {
            listing ??= run(sqliteTablesSql);
            early ??= listing.then((listed) => ('error' in listed ? listed : countNow(listed.rows)));
            return early;
        },
        async countRows(tables) {
            const counted = early ? await early : undefined;
            if (counted && 'error' in counted)
                return counted;
            if (counted && tables.every((t) => t in counted.counts))
                return { counts: Object.fromEntries(tables.map((t) => [t, counted.counts[t]])) };
            return countNow(tables);
        },
    };
}
/** `PRAGMA integrity_check` on the restored file: the answer must be exactly `ok`. */
async function checkSqliteIntegrity(runner, file) {
    const result = await runner.run(sqliteQuery(file, 'PRAGMA integrity_check;'), { allowFailure: true, timeoutMs: 3_600_000 });
    const name = `SQLite integrity_check of ${external_node_path_.basename(file)}`;
    if (result.exitCode !== 0)
        return failed(name, result);
    const answer = result.stdout.trim();
    return { name, passed: answer === 'ok', detail: answer === 'ok' ? 'ok' : (0,errors/* lastLines */.w$)(answer, 3).replace(/\n/g, ' ') };
}
/** SQLite keeps these beside the database under its name: they move with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'];
/** Renames the restored database (and its companions) to `restoreAs` in its directory; never over a file the backup holds. */
function giveLiveName(file, restoreAs, checks) {
    if (external_node_path_.basename(file) === restoreAs)
        return file;
    const target = external_node_path_.join(external_node_path_.dirname(file), restoreAs);
    const name = `restored database renamed to ${restoreAs}`;
    const taken = [target, ...COMPANIONS.map((suffix) => `${target}${suffix}`)].find((candidate) => external_node_fs_.existsSync(candidate));
    if (taken) {
        checks.push({ name, passed: false, detail: `the backup already holds ${external_node_path_.basename(taken)} beside ${external_node_path_.basename(file)}; set database-path to the one to drill, or choose another restore-as` });
        return undefined;
    }
    for (const suffix of COMPANIONS)
        if (external_node_fs_.existsSync(`${file}${suffix}`))
            external_node_fs_.renameSync(`${file}${suffix}`, `${target}${suffix}`);
    external_node_fs_.renameSync(file, target);
    checks.push({ name, passed: true, detail: `${external_node_path_.basename(file)} → ${restoreAs}` });
    return target;
}
/** Finds the SQLite database in a restored tree, gives it its live name and runs its integrity check. */
async function sqliteFromTree(runner, restoreDir, database, checks) {
    const { databasePath, restoreAs } = database;
    let file;
    if (databasePath) {
        file = external_node_path_.join(restoreDir, databasePath);
        if (!external_node_fs_.existsSync(file)) {
            checks.push({ name: 'database file restored', passed: false, detail: `${databasePath} is not in the backup` });
            return {};
        }
    }
    else {
        const found = findSqliteFiles(restoreDir);
        if (found.length !== 1) {
            if (found.length > 1)
                checks.push({ name: 'database file restored', passed: false, detail: `several SQLite files (${found.map((f) => external_node_path_.relative(restoreDir, f)).join(', ')}); set database-path` });
            return {};
        }
        file = found[0];
    }
    if (restoreAs) {
        file = giveLiveName(file, restoreAs, checks);
        if (!file)
            return {};
    }
    // The row counts the data checks need read the whole file too: on a second core, beside integrity_check.
    const probe = sqliteProbe(runner, file);
    const [integrity] = await Promise.all([checkSqliteIntegrity(runner, file), probe.startCounting()]);
    checks.push(integrity);
    return { probe: integrity.passed ? probe : undefined, file };
}
/** `restoreAs` names the snapshot in the scratch place (else it keeps the live file's name). */
async function restoreLiveSqlite(source, scratch, runner, restoreAs) {
    const dataDir = scratch.sub('restore');
    const target = external_node_path_.join(dataDir, restoreAs ?? external_node_path_.basename(source.path));
    const checks = [];
    if (source.container) {
        // VACUUM INTO a temporary file inside the container, copy it out, remove it there.
        const inside = `/tmp/${scratch.name('snapshot')}.db`;
        const inner = sqliteSnapshot(source.path, inside);
        const snap = await runner.run(dockerExec(source.container, [inner.file, ...inner.args]), { allowFailure: true, timeoutMs: 3_600_000 });
        if (snap.exitCode === 0) {
            const copy = await runner.run(dockerCopyOut(source.container, inside, target), { allowFailure: true, timeoutMs: 3_600_000 });
            await runner.run(dockerExec(source.container, ['rm', '-f', inside]), { allowFailure: true });
            checks.push(copy.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO in the container)', passed: true, detail: `${source.container}:${source.path}` } : failed('copy snapshot out of the container', copy));
        }
        else {
            checks.push(failed('online snapshot (VACUUM INTO in the container)', snap));
        }
    }
    else {
        refuseTargetOverSource(scratch.dir, [source.path]);
        if (!external_node_fs_.existsSync(source.path)) {
            checks.push({ name: 'online snapshot (VACUUM INTO)', passed: false, detail: `${source.path} does not exist` });
        }
        else {
            const snap = await runner.run(sqliteSnapshot(source.path, target), { allowFailure: true, timeoutMs: 3_600_000 });
            checks.push(snap.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO)', passed: true, detail: source.path } : failed('online snapshot (VACUUM INTO)', snap));
        }
    }
    const ok = checks.every((check) => check.passed);
    const found = ok ? await sqliteFromTree(runner, dataDir, { databasePath: external_node_path_.basename(target) }, checks) : {};
    return { dataDir, database: found.file, probe: found.probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: ok && found.probe !== undefined };
}

;// CONCATENATED MODULE: ./build/src/drill/sources/tarball.js






/* A tarball of a directory, or a Docker volume packed into one. */
async function restoreTarball(source, scratch, runner, database = {}) {
    const dataDir = scratch.sub('restore');
    const checks = [];
    let file = source.file;
    if (source.volume) {
        const inspect = await runner.run(dockerInspectVolume(source.volume), { allowFailure: true });
        if (inspect.exitCode !== 0) {
            checks.push(failed(`docker volume ${source.volume}`, inspect));
            return { dataDir, checks, sizes: {}, ok: false };
        }
        refuseTargetOverSource(scratch.dir, [inspect.stdout.trim()]);
        const packDir = scratch.sub('pack');
        const packed = await runner.run(dockerVolumeToTar(source.volume, packDir, source.helperImage, `${DRILL_LABEL}=${scratch.id}`), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
        checks.push(packed.exitCode === 0 ? { name: `pack volume ${source.volume}`, passed: true, detail: 'read-only, no network' } : failed(`pack volume ${source.volume}`, packed));
        if (packed.exitCode !== 0)
            return { dataDir, checks, sizes: {}, ok: false };
        file = external_node_path_.join(packDir, 'volume.tar');
    }
    else if (file) {
        refuseTargetOverSource(scratch.dir, [file]);
        if (!external_node_fs_.existsSync(file)) {
            checks.push({ name: 'tarball exists', passed: false, detail: `${file} does not exist` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
    }
    const extracted = await runner.run(tarExtract(file ?? '', dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(extracted.exitCode === 0 ? { name: 'extract tarball', passed: true, detail: external_node_path_.basename(file ?? '') } : failed('extract tarball', extracted));
    const found = extracted.exitCode === 0 ? await sqliteFromTree(runner, dataDir, database, checks) : {};
    return { dataDir, appDataDir: found.file ? external_node_path_.dirname(found.file) : undefined, database: found.file, probe: found.probe, checks, sizes: { backupBytes: sizeOf(file ?? ''), restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed) };
}

;// CONCATENATED MODULE: ./build/src/drill/sources/repository.js







async function openRepository(source, scratch, runner) {
    const tool = source.kind;
    const env = tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache')) : borgEnv(source, scratch.sub('tool', 'borg-home'));
    const list = tool === 'restic'
        ? resticSnapshots(env, { tags: source.tags, path: source.pathFilter })
        : borgList(env, source.repository, source.pathFilter);
    const listed = await runner.run(list, { allowFailure: true, timeoutMs: 600_000 });
    const checks = [];
    let snapshots = [];
    const openName = `open ${tool} repository`;
    if (listed.exitCode !== 0) {
        checks.push({ ...failed(openName, listed), detail: `${failed(openName, listed).detail} (wrong password, or not a ${tool} repository?)` });
    }
    else {
        try {
            snapshots = tool === 'restic' ? parseResticSnapshots(listed.stdout) : parseBorgArchives(listed.stdout);
            // Tags are a restic notion; borg archives are filtered by name glob only.
            checks.push({ name: openName, passed: true, detail: `${snapshots.length} ${tool === 'restic' ? 'snapshot' : 'archive'}(s)` });
        }
        catch (error) {
            checks.push({ name: openName, passed: false, detail: `unreadable listing: ${error.message}` });
        }
    }
    const local = external_node_fs_.existsSync(source.repository) ? sizeOf(source.repository) : undefined;
    return {
        snapshots,
        checks,
        backupBytes: local,
        restore: (snapshot, dataDir) => runner.run(tool === 'restic' ? resticRestore(env, snapshot.id, dataDir) : borgExtract(env, source.repository, snapshot.id, dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 }),
        check: () => checkRepository(source, scratch, runner, env),
    };
}
/**
 * `restic check` (metadata, or the read-data subset asked for) or `borg check`. A restic check
 * started on its own gets a cache directory of its own: two restic processes never share one.
 */
async function checkRepository(source, scratch, runner, env) {
    const tool = source.kind;
    const ownEnv = env ?? (tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache-check')) : borgEnv(source, scratch.sub('tool', 'borg-home')));
    const name = tool === 'restic' ? `restic check${source.readDataSubset ? ` --read-data-subset=${source.readDataSubset}` : ''}` : 'borg check';
    const result = await runner.run(tool === 'restic' ? resticCheck(ownEnv, source.readDataSubset) : borgCheck(ownEnv, source.repository), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    return result.exitCode === 0 ? { name, passed: true, detail: 'no errors' } : failed(name, result);
}
function startEarlyRestore(source, scratch, runner) {
    if (source.kind !== 'restic' || source.snapshot !== 'latest')
        return undefined;
    // Its own cache directory: two restic processes never share one.
    const env = resticEnv(source, scratch.sub('tool', 'restic-cache-early'));
    const spec = resticRestore(env, 'latest', scratch.sub('restore', 'newest'), { tags: source.tags, path: source.pathFilter });
    const early = { startedAt: Date.now(), result: runner.run(spec, { allowFailure: true, timeoutMs: 6 * 3_600_000 }) };
    // Whatever ends the drill, the scratch place is removed only once this restore has stopped writing into it.
    scratch.onCleanup('the early restic restore', () => early.result.then(() => undefined, () => undefined));
    return early;
}
/** `label` newest may take over an early restore; `startedAt` says when the restore that was kept began. */
async function restoreFromRepository(session, snapshot, scratch, runner, label, database = {}, early) {
    const dataDir = scratch.sub('restore', label);
    const checks = [];
    let startedAt = Date.now();
    let result;
    if (early) {
        const done = await early.result.catch(() => undefined);
        const id = done?.exitCode === 0 ? restoredSnapshotId(done.stdout) : undefined;
        if (id && snapshot.id.startsWith(id)) {
            result = done;
            startedAt = early.startedAt;
        }
        else {
            // A backup landed in between, or the early run failed: start clean with the selected snapshot.
            external_node_fs_.rmSync(dataDir, { recursive: true, force: true });
            external_node_fs_.mkdirSync(dataDir, { recursive: true });
            startedAt = Date.now();
        }
    }
    result ??= await session.restore(snapshot, dataDir);
    checks.push(result.exitCode === 0 ? { name: `restore ${snapshot.id.slice(0, 12)}`, passed: true, detail: `into ${dataDir}` } : failed(`restore ${snapshot.id.slice(0, 12)}`, result));
    const found = result.exitCode === 0 ? await sqliteFromTree(runner, dataDir, database, checks) : {};
    const appDataDir = found.file ? external_node_path_.dirname(found.file) : undefined;
    return { dataDir, appDataDir, database: found.file, probe: found.probe, checks, sizes: { backupBytes: session.backupBytes, restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed), startedAt };
}

// EXTERNAL MODULE: ./build/src/ssh/session.js + 1 modules
var ssh_session = __webpack_require__(6651);
;// CONCATENATED MODULE: ./build/src/drill/sources/sqlite-over-ssh.js







/**
 * A live SQLite database on a host, over the ssh-deploy transport: an online
 * snapshot (read-only VACUUM INTO) into a private temporary directory on the
 * host, brought back over the same connection and removed there. The transfer is
 * base64 over the session's exec, so it suits databases up to a few hundred MiB;
 * bigger ones are better drilled from their restic/borg backup.
 */
async function restoreSqliteOverSsh(source, target, scratch, context, restoreAs) {
    const dataDir = scratch.sub('restore');
    const local = external_node_path_.join(dataDir, restoreAs ?? external_node_path_.basename(source.path));
    const checks = [];
    const where = `${(0,ssh_target/* describeTarget */.ff)(target)}:${source.path}`;
    const session = await (0,ssh_session/* openSshSession */.X)(target, context.runner, context.log);
    let remoteDir;
    try {
        const made = await session.exec(['mktemp', '-d', '/tmp/slipway-drill-XXXXXXXX'], { allowFailure: true });
        if (made.exitCode !== 0) {
            checks.push({ name: 'online snapshot over SSH', passed: false, detail: `mktemp on the host: ${(0,errors/* lastLines */.w$)(made.stderr.trim(), 2)}` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        remoteDir = made.stdout.trim();
        const remoteFile = `${remoteDir}/snapshot.db`;
        const snapshot = sqliteSnapshot(source.path, remoteFile);
        const snap = await session.exec([snapshot.file, ...snapshot.args], { allowFailure: true });
        if (snap.exitCode !== 0) {
            checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: false, detail: `${where}: exit ${snap.exitCode}: ${(0,errors/* lastLines */.w$)(snap.stderr.trim(), 2).replace(/\n/g, ' ')}` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        const copied = await session.exec(['base64', remoteFile], { allowFailure: true });
        if (copied.exitCode !== 0) {
            checks.push({ name: 'copy snapshot from the host', passed: false, detail: (0,errors/* lastLines */.w$)(copied.stderr.trim(), 2) });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        external_node_fs_.writeFileSync(local, Buffer.from(copied.stdout.replace(/\s+/g, ''), 'base64'));
        checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: true, detail: where });
    }
    finally {
        if (remoteDir)
            await session.exec(['rm', '-rf', remoteDir], { allowFailure: true });
        await session.close();
    }
    const integrity = await checkSqliteIntegrity(context.runner, local);
    checks.push(integrity);
    const probe = integrity.passed ? sqliteProbe(context.runner, local) : undefined;
    return { dataDir, appDataDir: dataDir, database: local, probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: probe !== undefined };
}

;// CONCATENATED MODULE: ./build/src/drill/drill.js
















/**
 * The whole drill: restore into a scratch place, prove the backup, the data and
 * (optionally) the app, report, and remove every scratch thing it made. Faults
 * become failing checks in the report; only a refused target or bad settings throw.
 */
async function runDrill(settings, context, options = {}) {
    const now = options.now ?? (() => new Date());
    const startedAt = now();
    const report = { name: settings.name, kind: settings.mode, startedAt: startedAt.toISOString(), finishedAt: '', passed: false, restores: [], checks: [] };
    if (settings.mode === 'staleness' && settings.forge && settings.staleness) {
        report.checks.push(await checkStaleness(settings.forge, settings.staleness, startedAt, { signal: context.signal }));
        return finish(report, settings, context, now);
    }
    report.checks.push(...settingsWarnings(settings));
    const history = new DrillHistory(settings.name, {
        file: settings.previousReportFile ?? (settings.useCacheForHistory ? undefined : external_node_path_.join(context.workDir, '.slipway', `${settings.name}-last-pass.json`)),
        cache: settings.useCacheForHistory ? context.cache : undefined,
        cacheDir: external_node_path_.join(settings.scratchRoot, `slipway-drill-history-${settings.name}`),
        log: context.log,
    });
    const previous = await history.load();
    let scratch;
    try {
        if (settings.scratchDir)
            refuseTargetOverSource(settings.scratchDir, sourcePaths(settings));
        scratch = ScratchPlace.create(settings.scratchRoot, settings.scratchDir);
    }
    catch (error) {
        // Refused before anything was written: the report says why.
        report.checks.push({ name: 'restore target is a scratch place', passed: false, detail: (0,errors/* formatError */.Wk)(error) });
        return finish(report, settings, context, now);
    }
    context.log.info(`Scratch place: ${scratch.dir}`);
    const deadline = new DrillDeadline(settings.timeoutMs, startedAt.getTime(), context.signal);
    const bounded = { ...context, runner: deadline.runner(context.runner) };
    let work;
    try {
        await context.log.group(`Drill '${settings.name}'`, async () => {
            work = restoreAll(settings, bounded, scratch, { now: startedAt, previous: previousCounts(previous), random: options.random ?? Math.random, deadline });
            report.restores.push(...(await deadline.race(work)));
        });
    }
    catch (error) {
        if (error instanceof core_cancel/* CancelledError */.cc) {
            report.checks.push({ name: 'drill ran to the end', passed: false, detail: error.message });
            // The command in flight finishes on its own; the scratch place goes once it returned (or soon after).
            await deadline.unwind(work, CANCEL_GRACE_MS);
        }
        else if (error instanceof DrillTimeout) {
            report.checks.push({ name: 'drill finished within timeout', passed: false, detail: error.message });
            // Its running command was killed at the deadline; let the work unwind before its files go.
            await deadline.unwind(work, UNWIND_GRACE_MS);
        }
        else {
            report.checks.push({ name: 'drill ran to the end', passed: false, detail: (0,errors/* formatError */.Wk)(error) });
        }
    }
    finally {
        await deadline.cleanup(() => scratch.remove(context.log));
    }
    const finished = await finish(report, settings, context, now);
    if (finished.passed)
        await history.save(finished).catch((error) => context.log.warn(`Could not keep this report for the next drill: ${(0,errors/* formatError */.Wk)(error)}`));
    return finished;
}
function sourcePaths(settings) {
    const source = settings.source;
    if (source.kind === 'sqlite' && !source.container && !source.ssh)
        return [source.path];
    if (source.kind === 'restic' || source.kind === 'borg')
        return [source.repository];
    if (source.kind === 'tarball' && source.file)
        return [source.file];
    if (source.kind === 'postgres' && source.dumpFile)
        return [source.dumpFile];
    return [];
}
async function finish(report, settings, context, now) {
    report.passed = report.restores.every((restore) => restore.passed) && isPassing(report.checks);
    // A cancelled drill proves nothing either way: no issue is opened or closed for it.
    if (settings.mode === 'drill' && settings.issue.enabled && settings.forge && !context.signal?.aborted) {
        try {
            report.issue = await trackDrillIssue(settings.forge, settings.issue, report, failedChecks(report), context.platform.runUrl, { signal: context.signal });
        }
        catch (error) {
            context.log.warn(`Could not update the drill issue: ${(0,errors/* formatError */.Wk)(error)}`);
        }
    }
    // Warnings do not fail the drill, so they are said out loud (an annotation on Actions).
    for (const check of allChecks(report))
        if (!check.passed && check.severity === 'warning')
            context.log.warn(`${check.name}: ${check.detail}`);
    report.finishedAt = now().toISOString();
    report.reportFile = settings.reportFile;
    writeReportFile(report, settings.reportFile);
    return report;
}
/** How long a timed-out drill waits for its killed command to return before removing the scratch place. */
const UNWIND_GRACE_MS = 10_000;
/** The same after a cancel: short, as GitHub's SIGKILL follows SIGINT by 10 s. */
const CANCEL_GRACE_MS = 3000;
async function restoreAll(settings, context, scratch, run) {
    const source = settings.source;
    if (source.kind !== 'restic' && source.kind !== 'borg') {
        const label = 'live';
        const started = Date.now();
        let restored;
        run.deadline.enter(`restore ${describeSource(settings)}`);
        if (source.kind === 'postgres')
            restored = await restorePostgres(source, scratch, context.runner);
        else if (source.kind === 'tarball')
            restored = await restoreTarball(source, scratch, context.runner, settings.verify);
        else
            restored = await restoreLive(settings, context, scratch);
        return [await verifyRestore(settings, context, scratch, { label, source: describeSource(settings), started, restored, run, previous: run.previous })];
    }
    run.deadline.enter(`open ${describeSource(settings)}`);
    const early = startEarlyRestore(source, scratch, context.runner);
    const repositoryCheck = source.skipRepositoryCheck ? undefined : startRepositoryCheck(source, scratch, context.runner);
    const session = await openRepository(source, scratch, context.runner);
    const base = { label: 'newest', source: describeSource(settings), sizes: {}, tables: {}, checks: [...session.checks], passed: false };
    // Unreadable (wrong password, not a repository): the check started beside would only say so again.
    if (!session.checks.every((check) => check.passed))
        return [base];
    const chosen = selectSnapshot(session.snapshots, source.snapshot);
    if (!chosen) {
        const empty = session.snapshots.length === 0;
        base.checks.push({
            name: empty ? 'repository holds a backup' : `snapshot ${source.snapshot} exists`,
            passed: false,
            detail: empty ? `no ${source.kind === 'restic' ? 'snapshots' : 'archives'} in ${withoutCredentials(source.repository)}${source.tags.length || source.pathFilter ? ' matching the filter' : ''}` : `not among ${session.snapshots.length} snapshot(s)`,
        });
        // The repository opened, so whether it is intact still tells the reader something.
        if (repositoryCheck)
            base.checks.push(await repositoryCheck);
        return [base];
    }
    const selections = [{ label: source.snapshot === 'latest' ? 'newest' : source.snapshot, snapshot: chosen }];
    if (settings.alsoRandomOlder) {
        const older = pickOlder(session.snapshots, chosen, run.random);
        if (older)
            selections.push({ label: 'random older', snapshot: older });
        else
            context.log.info('No snapshot older than the chosen one: the random older drill is skipped.');
    }
    const reports = [];
    for (const [index, { label, snapshot }] of selections.entries()) {
        run.deadline.enter(`restore the ${label} snapshot ${snapshot.id.slice(0, 12)}`);
        const asked = Date.now();
        const restored = await restoreFromRepository(session, snapshot, scratch, context.runner, index === 0 ? 'newest' : 'older', settings.verify, index === 0 ? early : undefined);
        // RTO counts from the start of the restore that was kept (an early one started beside the listing).
        const started = restored.startedAt ?? asked;
        if (index === 0)
            restored.checks.unshift(...session.checks);
        // The older snapshot is expected to be older than max-age and to have fewer rows: only its integrity counts.
        const restoreReport = await verifyRestore(settings, context, scratch, { label, source: base.source, started, restored, run, snapshot, previous: index === 0 ? run.previous : undefined, primary: index === 0 });
        if (index === 0 && !source.skipRepositoryCheck) {
            run.deadline.enter(`${source.kind} check`);
            restoreReport.checks.push(await (repositoryCheck ?? session.check()));
            restoreReport.passed = isPassing(restoreReport.checks);
        }
        reports.push(restoreReport);
    }
    return reports;
}
/**
 * restic's check reads the repository only (restore and listing run with --no-lock, the check
 * keeps a temporary cache of its own) and needs nothing from the listing, so it starts with it,
 * beside the early restore: each restic process spends most of a small drill deriving the key
 * (scrypt, about 0.55 s of CPU here), and three of them side by side finish sooner than a check
 * queued behind the listing. Its verdict still lands where it always did, after the newest
 * restore's checks. Borg's check takes the repository's exclusive lock, which its extract would
 * wait on: it stays after.
 */
function startRepositoryCheck(source, scratch, runner) {
    if (source.kind !== 'restic')
        return undefined;
    const checking = checkRepository(source, scratch, runner);
    // Whatever ends the drill, the scratch place goes only once the check has stopped.
    scratch.onCleanup('the restic check', () => checking.then(() => undefined, () => undefined));
    return checking;
}
async function restoreLive(settings, context, scratch) {
    const source = settings.source;
    if (source.kind !== 'sqlite')
        throw new Error('unreachable');
    if (source.ssh) {
        return restoreSqliteOverSsh(source, source.ssh, scratch, context, settings.verify.restoreAs);
    }
    return restoreLiveSqlite(source, scratch, context.runner, settings.verify.restoreAs);
}
/** How the summary and the report name the source: never with credentials. */
function describeSource(settings) {
    const source = settings.source;
    switch (source.kind) {
        case 'sqlite': return source.container ? `sqlite ${source.container}:${source.path}` : source.ssh ? `sqlite ${(0,ssh_target/* describeTarget */.ff)(source.ssh)}:${source.path}` : `sqlite ${source.path}`;
        case 'restic':
        case 'borg': return `${source.kind} ${withoutCredentials(source.repository)}`;
        case 'postgres': return source.dumpFile ? `pg_dump file ${source.dumpFile}` : `postgres database ${source.database}`;
        case 'tarball': return source.volume ? `docker volume ${source.volume}` : `tarball ${source.file}`;
    }
}
async function verifyRestore(settings, context, scratch, args) {
    const { restored, snapshot, run } = args;
    const primary = args.primary ?? true;
    const checks = [...restored.checks];
    const report = {
        label: args.label,
        source: args.source,
        sizes: restored.sizes,
        tables: {},
        versions: restored.versions,
        checks,
        passed: false,
        restoreSeconds: (Date.now() - args.started) / 1000,
    };
    // A repository's snapshot, or the time a pg_dump archive records: the RPO.
    const taken = snapshot ?? restored.taken;
    if (taken) {
        const ageSeconds = (run.now.getTime() - taken.time.getTime()) / 1000;
        report.snapshot = { id: taken.id, time: taken.time.toISOString(), timeSource: taken.timeSource, ageSeconds };
        report.rpoSeconds = ageSeconds;
        if (settings.verify.maxAgeMs !== undefined && primary)
            checks.push(checkSnapshotAge(taken.time, settings.verify.maxAgeMs, run.now));
    }
    const place = { database: restored.database, engine: settings.source.kind === 'postgres' ? 'postgres' : 'sqlite', dir: restored.appDataDir ?? restored.dataDir };
    const unnamed = unnamedRestored(runnerValues(place), [
        { input: 'queries', texts: primary ? settings.verify.queries.flatMap((query) => [query.sql, query.expected]) : [] },
        { input: 'app-env and app-args', texts: settings.app && primary ? [...settings.app.args, ...Object.values(settings.app.env)] : [] },
    ]);
    if (unnamed && isPassing(checks))
        checks.push({ name: 'the inputs can name the restored database', passed: false, detail: unnamed });
    if (restored.probe) {
        run.deadline.enter(`verify the ${args.label} restore's data`);
        const verify = primary ? { ...settings.verify, queries: queriesWithRestored(settings.verify.queries, runnerValues(place)) } : { ...settings.verify, minRows: {}, queries: [], freshnessColumn: undefined };
        const data = await verifyData(restored.probe, verify, { now: run.now, previousCounts: args.previous });
        checks.push(...data.checks);
        report.tables = data.tables;
    }
    else if (isPassing(checks) && (settings.source.kind !== 'tarball' || wantsDataChecks(settings))) {
        checks.push({ name: 'database found in the backup', passed: false, detail: 'no SQLite database in the restored files; set database-path' });
    }
    if (settings.app && primary && isPassing(checks)) {
        run.deadline.enter('boot the app on the restored data');
        // The app's wait is bounded by the drill's deadline too.
        const appTimeoutMs = Math.min(settings.app.timeoutMs, run.deadline.remainingMs());
        const app = appWithRestored(settings.app, appValues(place, settings.app.dataMount));
        const booted = await bootApp({ ...app, timeoutMs: appTimeoutMs, env: { ...restored.appEnv, ...app.env } }, place.dir, scratch, context.runner, context.log);
        checks.push(booted.check);
        if (booted.healthyAt)
            report.rtoSeconds = (booted.healthyAt - args.started) / 1000;
    }
    else if (isPassing(checks)) {
        report.rtoSeconds = (Date.now() - args.started) / 1000;
    }
    report.passed = isPassing(checks);
    context.log.info(`${args.label}: ${checks.filter((check) => check.passed).length}/${checks.length} checks passed`);
    return report;
}
function wantsDataChecks(settings) {
    const verify = settings.verify;
    return verify.tables.length + Object.keys(verify.minRows).length + verify.queries.length > 0 || verify.freshnessColumn !== undefined;
}

;// CONCATENATED MODULE: ./build/src/drill/flow.js



/** `slipway drill` and `actions/restore-drill`: one definition, two edges. */
const drillFlow = {
    command: 'drill',
    action: 'restore-drill',
    describe: 'Restore the newest backup into a scratch place, verify data and app, report RPO/RTO',
    parse: parseDrillSettings,
    run: (settings, context) => runDrill(settings, context),
    outputs: drillOutputs,
    summary: drillSummary,
    failure: drillFailureMessage,
    // A cancel stops it at the next command and still removes the scratch place (docs/cancel.md).
    handlesCancel: true,
};


/***/ })

};
