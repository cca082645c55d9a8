export const id = 466;
export const ids = [466];
export const modules = {

/***/ 445:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ deployFlow)
});

// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __webpack_require__(1253);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var cancel = __webpack_require__(4091);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
// EXTERNAL MODULE: ./build/src/core/platform.js
var platform = __webpack_require__(7630);
// EXTERNAL MODULE: ./build/src/ssh/target.js
var ssh_target = __webpack_require__(791);
// EXTERNAL MODULE: ./build/src/ssh/session.js + 1 modules
var session = __webpack_require__(6651);
// EXTERNAL MODULE: ./build/src/deploy/host-run.js
var host_run = __webpack_require__(8739);
// EXTERNAL MODULE: ./build/src/deploy/lock.js
var lock = __webpack_require__(8270);
// EXTERNAL MODULE: ./build/src/deploy/common-settings.js
var common_settings = __webpack_require__(2164);
// EXTERNAL MODULE: ./build/src/deploy/strategies/index.js + 18 modules
var strategies = __webpack_require__(2141);
// EXTERNAL MODULE: ./build/src/deploy/strategies/strategy.js
var strategies_strategy = __webpack_require__(5426);
;// CONCATENATED MODULE: ./build/src/deploy/fleet.js











/** Split hosts into batches of `size` (0: one batch with all). */
function batches(items, size) {
    if (size <= 0 || size >= items.length)
        return [items];
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
const APP_DIR_FIX = 'Create app-dir on the host (owned by the SSH user) or fix the input, or set create-app-dir: true for a script deploy';
/** A host's reports, in the order its strategy made them (a revert's come after its deploy's). */
function keepReports(outcome, reports) {
    if (reports?.length)
        outcome.reports = [...(outcome.reports ?? []), ...reports];
}
/** The outcome of a host whose strategy ended (or never started) after a cancel; the message says what serves. */
function cancelledOutcome(error, started) {
    if (error instanceof cancel/* CancelledError */.cc) {
        return { status: 'cancelled', changed: false, message: started ? `${error.message}; nothing was switched, the old version keeps serving` : `${error.message}; nothing changed on the host` };
    }
    return { status: 'cancelled', changed: !(error instanceof host_run/* RolledBackError */.Ai), message: (0,errors/* formatError */.Wk)(error) };
}
async function deployFleet(settings, context, hooks = {}) {
    const actor = (0,platform/* describeActor */.t)(context.platform, external_node_os_.hostname());
    const runId = (0,leftovers/* runIdentity */.yK)(context.env, external_node_os_.hostname());
    const { signal } = context;
    const strategy = (0,strategies/* strategyFor */.fY)(settings);
    if (strategy.withoutHosts)
        return deployWithoutHosts(settings, strategy.withoutHosts, context);
    const action = settings.mode === 'rollback' ? 'rollback' : 'deploy';
    const indexed = settings.ssh.targets.map((target, index) => ({ target, index }));
    const outcomes = indexed.map(({ target }) => ({
        host: (0,ssh_target/* describeTarget */.ff)(target), status: 'not-started', version: '', previous: '', message: '', changed: false, durationMs: 0,
    }));
    const connections = indexed.map(() => 0);
    let failed = false;
    for (const batch of batches(indexed, settings.batchSize)) {
        // A cancel starts no new batch: those hosts stay as they are ('not-started').
        if (failed || (0,cancel/* isCancelled */.mm)(signal))
            break;
        const pending = await Promise.all(batch.map(async ({ target, index }) => {
            const started = Date.now();
            const item = { index, name: (0,ssh_target/* describeTarget */.ff)(target), outcome: outcomes[index] };
            let strategyStarted = false;
            try {
                (0,cancel/* throwIfCancelled */.dZ)(signal, `connecting to ${item.name}`);
                item.session = await (hooks.openSession ? hooks.openSession(target, index) : (0,session/* openSshSession */.X)(target, context.runner, context.log));
                hooks.sessionOpened?.(item.session, index);
                const appDir = (0,common_settings/* forHost */.c)(settings.appDir, target.host, index);
                // A vital closing step (the state a rollback reads) waits for the last round trip only when no other host
                // shares the batch: in a batch of several, its failure must still fail the batch and revert the others.
                const deferClosing = (step) => {
                    item.closing = step.vital && batch.length > 1 ? undefined : step;
                    return item.closing !== undefined;
                };
                item.run = { session: item.session, settings, appDir, index, log: context.log, signal, deferClosing };
                (0,cancel/* throwIfCancelled */.dZ)(signal, `checking app-dir on ${item.name}`);
                const paths = (0,strategies/* hostPathsFor */.GQ)(settings, appDir);
                const lockOptions = {
                    lockPath: paths.lockIsFile ? paths.lock : undefined, deployLog: paths.deployLog,
                    holder: actor, runId, signal, strategy: settings.strategy, version: settings.version, waitMs: settings.lockTimeoutMs, staleAfterMs: settings.lockStaleAfterMs,
                };
                // One round trip: app-dir checked (nothing made when it is missing) or, for a script with
                // create-app-dir, made; the lock taken; the strategy's look, if it has one.
                const look = strategy.lookWithLock?.(item.run);
                const taken = await (0,lock/* acquireLockAndLook */.Qi)(item.session, appDir, lockOptions, context.log, {
                    createAppDir: settings.strategy === 'script' && settings.createAppDir,
                    ...(look ? { look } : {}),
                    missingAppDir: () => new errors/* SlipwayError */.GQ(`${item.name}: missing on the host: app-dir (${appDir})`, { fix: APP_DIR_FIX }),
                });
                item.lock = taken.lock;
                if (taken.lookFailed)
                    throw new errors/* SlipwayError */.GQ(`${item.name}: the look at the host, in the lock's round trip, ${taken.lookFailed}`, { fix: 'Check the host\'s docker and sh answer for the SSH user, then deploy again' });
                if (look && taken.looked !== undefined)
                    item.run.looked = { args: look.args, stdout: taken.looked };
                (0,cancel/* throwIfCancelled */.dZ)(signal, `the ${action} on ${item.name}`);
                strategyStarted = true;
                const change = await context.log.group(`${action} on ${item.name}`, () => (settings.mode === 'rollback' ? strategy.rollback(item.run) : strategy.deploy(item.run)));
                Object.assign(item.outcome, { status: settings.mode === 'rollback' ? 'rolled-back' : 'deployed', version: change.version, previous: change.previous, changed: change.changed, message: 'ok' });
                keepReports(item.outcome, change.reports);
                if ((0,cancel/* isCancelled */.mm)(signal))
                    item.outcome.message = 'ok (the cancel came after the new version was switched to and verified)';
            }
            catch (error) {
                const rolledBack = error instanceof host_run/* RolledBackError */.Ai;
                // After a rollback the host serves the old version again; the new one is what failed.
                const versions = rolledBack ? error.versions : undefined;
                Object.assign(item.outcome, {
                    status: rolledBack ? 'rolled-back' : 'failed', version: versions?.serving ?? settings.version, previous: versions?.failed ?? item.outcome.previous,
                    message: (0,errors/* formatError */.Wk)(error), changed: !rolledBack && item.lock !== undefined,
                });
                keepReports(item.outcome, (0,strategies_strategy/* reportsOf */.t)(error));
                if ((0,cancel/* isCancelled */.mm)(signal))
                    Object.assign(item.outcome, cancelledOutcome(error, strategyStarted));
            }
            item.outcome.durationMs = Date.now() - started;
            return item;
        }));
        const batchFailed = pending.some((item) => item.outcome.status === 'failed' || item.outcome.status === 'cancelled' || (settings.mode === 'deploy' && item.outcome.status === 'rolled-back'));
        if (batchFailed)
            failed = true;
        // The batch is all-or-nothing: hosts that took the new version go back. Not after a cancel:
        // each host is whole (old or new), and a revert would be a new step the cancel asked not to start.
        if (batchFailed && !(0,cancel/* isCancelled */.mm)(signal)) {
            for (const item of pending) {
                if (item.outcome.status !== 'deployed' || !item.run)
                    continue;
                try {
                    const back = await strategy.rollback(item.run);
                    Object.assign(item.outcome, { status: 'reverted', version: back.version, previous: back.previous, message: 'reverted because another host in its batch failed' });
                    keepReports(item.outcome, back.reports);
                }
                catch (error) {
                    keepReports(item.outcome, (0,strategies_strategy/* reportsOf */.t)(error));
                    item.outcome.message = `revert failed: ${(0,errors/* formatError */.Wk)(error)}`;
                    item.outcome.status = 'failed';
                }
            }
        }
        // Cleanup runs whatever happened, cancel or not: log line, lock, connection (with its key and agent).
        for (const item of pending) {
            // Work the outcome rests on (the state a rollback reads) that did not happen fails the host, as if the strategy had thrown.
            const closingFailed = (error) => {
                Object.assign(item.outcome, { status: 'failed', message: (0,errors/* formatError */.Wk)(error), changed: true });
                failed = true;
            };
            try {
                if (item.session && item.lock && item.run && (await item.session.isAlive())) {
                    const entry = {
                        time: new Date().toISOString(), action, strategy: settings.strategy, version: item.outcome.version || settings.version,
                        previous: item.outcome.previous, result: item.outcome.status, actor,
                    };
                    const logPath = (0,strategies/* hostPathsFor */.GQ)(settings, item.run.appDir).deployLog;
                    // One round trip: the strategy's closing step (if any), the log line, the release.
                    const { logError, closingError } = await item.lock.finish(entry, logPath, item.closing, item.closing?.vital ? { ...entry, result: 'failed' } : undefined);
                    if (logError)
                        context.log.warn(`${item.name}: could not append to the deploy log: ${logError}`);
                    if (closingError)
                        closingFailed(closingError);
                }
                else if (item.closing?.vital) {
                    // The connection is gone: the step never ran (the post step releases the lock).
                    const lost = item.closing.settle('', 255);
                    if (lost)
                        closingFailed(lost);
                }
            }
            catch (error) {
                context.log.warn(`${item.name}: could not release the deploy lock: ${(0,errors/* formatError */.Wk)(error)}`);
                // No answer: the step's settle said what was not done; a vital one fails the host.
                if (item.closing?.vital && error instanceof Error && error.cause instanceof Error)
                    closingFailed(error.cause);
            }
            finally {
                if (item.session) {
                    connections[item.index] = item.session.connectionsOpened;
                    await item.session.close();
                }
            }
        }
    }
    const first = outcomes[0];
    const success = settings.mode === 'rollback' ? 'rolled-back' : 'deployed';
    return {
        mode: settings.mode,
        strategy: settings.strategy,
        // What serves now: the deployed version, else (all rolled back) the version serving again.
        version: (outcomes.find((o) => o.status === success) ?? outcomes.find((o) => o.status === 'rolled-back' || o.status === 'reverted'))?.version ?? settings.version,
        previousVersion: first?.previous ?? '',
        hosts: outcomes,
        rolledBack: outcomes.some((o) => o.status === 'rolled-back' || o.status === 'reverted' || (o.status === 'cancelled' && o.message.includes('rolled back'))),
        ok: !failed && !(0,cancel/* isCancelled */.mm)(signal),
        connectionsPerHost: connections,
        cancelled: (0,cancel/* isCancelled */.mm)(signal),
    };
}
/** A strategy without hosts (cloudron) runs once from the runner; its one outcome is the result's one line. */
async function deployWithoutHosts(settings, hostless, context) {
    const outcome = await hostless.run(settings, context);
    const success = settings.mode === 'rollback' ? 'rolled-back' : 'deployed';
    return {
        mode: settings.mode,
        strategy: settings.strategy,
        version: outcome.version,
        previousVersion: outcome.previous,
        hosts: [outcome],
        rolledBack: outcome.status === 'rolled-back',
        ok: outcome.status === success && !(0,cancel/* isCancelled */.mm)(context.signal),
        connectionsPerHost: [0],
        cancelled: (0,cancel/* isCancelled */.mm)(context.signal),
    };
}

// EXTERNAL MODULE: ./build/src/deploy/settings.js + 1 modules
var settings = __webpack_require__(2199);
;// CONCATENATED MODULE: ./build/src/deploy/flow.js




/** `slipway deploy` and `actions/ssh-deploy`: compose, release or script, to one host or a fleet. */
const deployFlow = {
    command: 'deploy',
    action: 'ssh-deploy',
    describe: 'Deploy over SSH to one host or a fleet (compose, atomic releases, scripts) with locks and automatic rollback',
    parse: (inputs, context) => (0,settings/* parseDeploySettings */.c2)(inputs, context.workDir),
    run: (settings, context) => deployFleet(settings, context),
    outputs: (result) => ({
        version: result.version,
        'previous-version': result.previousVersion,
        hosts: JSON.stringify(result.hosts.map(({ host, status, version, previous, message }) => ({ host, status, version, previous, message }))),
        'rolled-back': String(result.rolledBack),
    }),
    summary: (result) => new summary/* Summary */.BD()
        .heading(`${result.mode === 'rollback' ? 'Rollback' : 'Deploy'} (${result.strategy}): ${result.cancelled ? 'cancelled' : result.ok ? 'ok' : 'failed'}`)
        .table(['host', 'result', 'version', 'previous', 'time', 'detail'], result.hosts.map((o) => [
        o.host, o.status, o.version, o.previous || '-', o.status === 'not-started' ? '-' : `${(o.durationMs / 1000).toFixed(1)} s`, o.message,
    ]))
        // The strategies' own blocks (swarm: the per-service report and filled-in defaults).
        .append((0,strategies/* strategyReportsSummary */.tS)(result.hosts)),
    // Watches context.signal: on a cancel no new step starts and each host ends whole (docs/cancel.md).
    handlesCancel: true,
    failure: (result) => {
        if (result.cancelled) {
            const hosts = result.hosts.map((o) => `${o.host}: ${o.status === 'not-started' ? 'not started (unchanged)' : `${o.status}: ${o.message}`}`);
            return `cancelled: no new step was started after the cancel; where each host stands:\n${hosts.join('\n')}`;
        }
        if (result.ok)
            return undefined;
        const bad = result.hosts.filter((o) => o.status !== 'deployed' && o.status !== 'not-started' && !(result.mode === 'rollback' && o.status === 'rolled-back'));
        return bad.map((o) => `${o.host}: ${o.status}: ${o.message}`).join('\n') || 'deploy failed';
    },
};


/***/ }),

/***/ 37:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildImage: () => (/* binding */ buildImage),
  buildImageFlow: () => (/* binding */ buildImageFlow),
  formatBytes: () => (/* binding */ formatBytes)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __webpack_require__(1253);
// EXTERNAL MODULE: ./build/src/image/build-settings.js
var build_settings = __webpack_require__(8949);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
;// CONCATENATED MODULE: ./build/src/image/builder-detect.js

/** Debian's own client (20.10) still carries BuildKit without the buildx plugin. */
const LEGACY_CLIENTS = ['docker', '/usr/bin/docker'];
/**
 * buildx when the runner has it; else, when the build needs BuildKit (secrets),
 * a client old enough to drive BuildKit itself; else the classic builder.
 */
async function detectBuilder(runner, log, needsBuildKit) {
    // Both questions at once; a missing daemon still wins, with its own message.
    const [, buildx] = await Promise.all([
        assertDaemon(runner),
        runner.run({ file: 'docker', args: ['buildx', 'inspect'] }, { allowFailure: true, timeoutMs: 15_000 }),
    ]);
    if (buildx.exitCode === 0) {
        const driver = /Driver:\s*(\S+)/.exec(buildx.stdout)?.[1] ?? 'docker';
        log.info(`Builder: buildx (driver ${driver})`);
        return { kind: 'buildx', docker: 'docker', canExportCache: driver !== 'docker' };
    }
    if (needsBuildKit) {
        for (const client of LEGACY_CLIENTS) {
            const version = await runner.run({ file: client, args: ['version', '--format', '{{.Client.Version}}'] }, { allowFailure: true });
            const major = Number(/^(\d+)\./.exec(version.stdout.trim())?.[1] ?? 'NaN');
            if (version.exitCode === 0 && major < 23) {
                log.info(`Builder: BuildKit through the docker ${version.stdout.trim()} client (no buildx plugin here)`);
                return { kind: 'buildkit', docker: client, canExportCache: false };
            }
        }
        throw new errors/* SlipwayError */.GQ("input 'build-secrets': build secrets need BuildKit, and this runner has neither the buildx plugin nor a docker client that drives BuildKit itself", {
            fix: 'Add docker/setup-buildx-action before this step, or install the docker-buildx plugin on the runner',
        });
    }
    log.info('Builder: classic (no buildx plugin on this runner)');
    return { kind: 'classic', docker: 'docker', canExportCache: false };
}
/** A stopped daemon is the most common first failure; say how to start one. */
async function assertDaemon(runner) {
    const info = await runner.run({ file: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }, { allowFailure: true, timeoutMs: 20_000 });
    if (info.exitCode === 0)
        return;
    if (info.exitCode === 127 || /not found|ENOENT/i.test(info.stderr)) {
        throw new errors/* SlipwayError */.GQ('Docker: the docker CLI is not installed on this runner', { fix: 'Install Docker (apt-get install docker.io) or use a runner image that has it' });
    }
    throw new errors/* SlipwayError */.GQ(`Docker: the Docker daemon is not answering (${info.stderr.trim().split('\n').pop() ?? 'no reply'})`, {
        fix: 'Start it (systemctl start docker, or `dockerd &` where there is no systemd), check DOCKER_HOST, and that this user may use /var/run/docker.sock',
    });
}

// EXTERNAL MODULE: ./build/src/image/docker-commands.js
var docker_commands = __webpack_require__(1274);
// EXTERNAL MODULE: ./build/src/image/git-facts.js
var git_facts = __webpack_require__(1553);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/image/layer-cache.js



/**
 * Asked before anything is built or saved: without a cache service (a runner that offers none)
 * a layer cache would only cost a `docker save` of the whole image and a leftover tag.
 */
async function layerCacheAvailable(store) {
    return store.available ? store.available() : true;
}
/**
 * Cache keys for the layer cache. The prefix hashes the Dockerfile and the
 * dependency manifests: a dependency change misses, a code change restores the
 * previous layers (same prefix) and rebuilds only what follows the dependency step.
 */
function layerCacheKeys(args) {
    const hash = external_node_crypto_.createHash('sha256');
    hash.update(args.repository).update('\0').update(args.platforms.join(',')).update('\0');
    const hashedFiles = [];
    for (const file of [args.dockerfile, ...args.keyFiles.map((name) => external_node_path_.resolve(args.context, name))]) {
        if (!external_node_fs_.existsSync(file) || !external_node_fs_.statSync(file).isFile())
            continue;
        hash.update(external_node_path_.relative(args.context, file)).update('\0').update(external_node_fs_.readFileSync(file)).update('\0');
        hashedFiles.push(external_node_path_.relative(args.context, file));
    }
    const prefix = `slipway-layers-${args.platforms.join('+').replace(/\//g, '-')}-${hash.digest('hex').slice(0, 16)}-`;
    return { prefix, key: `${prefix}${args.unique}`, hashedFiles };
}
/** The local name a cached image is saved and loaded under. */
function cacheImageName(repository) {
    return `slipway-layer-cache/${external_node_crypto_.createHash('sha256').update(repository).digest('hex').slice(0, 12)}:latest`;
}
function layerCacheTransport(builder) {
    return builder.kind === 'buildx' && builder.canExportCache ? 'cache-dir' : 'image-tarball';
}

// EXTERNAL MODULE: ./build/src/image/tags.js
var image_tags = __webpack_require__(3010);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
;// CONCATENATED MODULE: ./build/src/image/build-flow.js











async function buildImage(settings, context) {
    const { runner, log } = context;
    const started = Date.now();
    // Independent probes (docker's, git's): side by side, they cost one round of process starts.
    const [builder, git] = await Promise.all([
        detectBuilder(runner, log, Object.keys(settings.buildSecrets).length > 0),
        (0,git_facts/* readGitFacts */.S)(runner, settings.context, context.env, log),
    ]);
    const tags = (0,image_tags/* computeTags */.$o)(git, { latest: settings.latest, extra: settings.extraTags });
    if (tags.length === 0)
        tags.push('latest');
    const version = settings.version ?? (0,image_tags/* versionOf */.E4)(git);
    const references = (0,image_tags/* imageReferences */.Ef)(settings.image, tags, settings.extraReferences);
    const labels = {
        'org.opencontainers.image.created': git.commitTime ?? new Date().toISOString(),
        ...(git.sha ? { 'org.opencontainers.image.revision': git.sha } : {}),
        ...(version ? { 'org.opencontainers.image.version': version } : {}),
        ...(sourceUrl(context) ? { 'org.opencontainers.image.source': sourceUrl(context) } : {}),
        ...settings.labels,
    };
    const scratch = external_node_fs_.mkdtempSync(external_node_path_.join(context.env.RUNNER_TEMP ?? external_node_os_.tmpdir(), 'slipway-build-'));
    external_node_fs_.chmodSync(scratch, 0o700);
    // Holds the build secrets as files: if the run is killed, the post step removes it (docs/cancel.md).
    const settleScratch = (0,leftovers/* recordLeftover */.vy)({ kind: 'dir', path: scratch, what: 'build scratch (build secrets)' });
    try {
        const secretFiles = {};
        for (const [id, value] of Object.entries(settings.buildSecrets)) {
            const file = external_node_path_.join(scratch, `secret-${id}`);
            external_node_fs_.writeFileSync(file, value, { mode: 0o600 });
            secretFiles[id] = file;
        }
        let useCache = (settings.layerCache === 'on' || (settings.layerCache === 'auto' && context.platform.kind !== 'local')) && !settings.noCache;
        if (useCache && !(await layerCacheAvailable(context.cache))) {
            log.info(`Layer cache: this runner offers no cache service (${context.cache.description}), so the build runs without one and nothing is saved`);
            useCache = false;
        }
        const transport = layerCacheTransport(builder);
        const keys = layerCacheKeys({
            repository: settings.image,
            platforms: settings.platforms,
            dockerfile: settings.dockerfile,
            context: settings.context,
            keyFiles: settings.cacheKeyFiles.length ? settings.cacheKeyFiles : build_settings/* DEPENDENCY_FILES */.U,
            unique: git.sha ? `${git.sha.slice(0, 12)}-${Date.now()}` : String(Date.now()),
        });
        // A stable path: @actions/cache versions entries by their paths, so a random one would never hit.
        const cacheDir = external_node_path_.join(context.env.RUNNER_TEMP ?? external_node_os_.tmpdir(), 'slipway-layer-cache', cacheImageName(settings.image).split(/[/:]/)[1] ?? 'default');
        const tarball = external_node_path_.join(cacheDir, 'image.tar');
        let cache = 'off';
        let cacheFrom;
        if (useCache) {
            if (builder.kind === 'buildx' && transport === 'image-tarball') {
                log.info("Layer cache: buildx's docker driver cannot export a cache directory, so the layers are kept as a saved image (docker save/load with inline cache metadata)");
            }
            external_node_fs_.rmSync(cacheDir, { recursive: true, force: true });
            external_node_fs_.mkdirSync(cacheDir, { recursive: true });
            const hit = await log.group('Restore layer cache', () => context.cache.restore([cacheDir], keys.key, [keys.prefix]));
            cache = hit ? 'hit' : 'miss';
            log.info(hit ? `Layer cache restored from ${hit} (${context.cache.description}; keyed on ${keys.hashedFiles.join(', ')})` : `Layer cache: no entry for ${keys.prefix}* (dependencies changed or first build)`);
            if (hit && transport === 'image-tarball' && external_node_fs_.existsSync(tarball)) {
                await runner.run((0,docker_commands/* loadImageCommand */.z2)(builder.docker, tarball), { timeoutMs: 600_000 });
                cacheFrom = cacheImageName(settings.image);
            }
        }
        const iidFile = external_node_path_.join(scratch, 'iid');
        const exportedCache = external_node_path_.join(scratch, 'layer-cache-new');
        const command = (0,docker_commands/* buildCommand */.Oe)({
            references, platforms: settings.platforms, dockerfile: settings.dockerfile, context: settings.context,
            labels, buildArgs: settings.buildArgs, secretFiles, target: settings.target, network: settings.network, noCache: settings.noCache, iidFile,
            cacheFrom,
            inlineCache: useCache && transport === 'image-tarball',
            cacheDir: useCache && transport === 'cache-dir'
                ? { from: external_node_fs_.existsSync(external_node_path_.join(cacheDir, 'index.json')) ? cacheDir : undefined, to: exportedCache }
                : undefined,
        }, builder);
        await log.group(`Build ${references[0]} for ${settings.platforms.join(', ')} (${builder.kind} builder)`, () => runner.run(command, {
            stream: true,
            timeoutMs: 3_600_000,
            hint: () => 'The build output above shows the failing step',
        }));
        const imageId = external_node_fs_.readFileSync(iidFile, 'utf8').trim();
        const inspect = await runner.run((0,docker_commands/* inspectImageCommand */.Rg)(builder.docker, imageId));
        const details = JSON.parse(inspect.stdout);
        // One entry per dependency state: after a hit the dependency layers are already cached.
        if (cache === 'miss') {
            await log.group('Save layer cache', async () => {
                external_node_fs_.rmSync(cacheDir, { recursive: true, force: true });
                external_node_fs_.mkdirSync(cacheDir, { recursive: true });
                if (transport === 'cache-dir') {
                    if (!external_node_fs_.existsSync(exportedCache)) {
                        log.warn(`Layer cache not saved: the builder exported nothing to ${exportedCache}`);
                        return;
                    }
                    external_node_fs_.cpSync(exportedCache, cacheDir, { recursive: true });
                }
                else {
                    await runner.run((0,docker_commands/* tagImageCommand */.Re)(builder.docker, imageId, cacheImageName(settings.image)));
                    await runner.run((0,docker_commands/* saveImageCommand */.el)(builder.docker, cacheImageName(settings.image), tarball), { timeoutMs: 600_000 });
                }
                await context.cache.save([cacheDir], keys.key);
            });
            external_node_fs_.rmSync(cacheDir, { recursive: true, force: true });
        }
        return {
            imageId,
            tags: references,
            version,
            sizeBytes: details.Size ?? 0,
            durationMs: Date.now() - started,
            builder: builder.kind,
            platforms: settings.platforms,
            cache,
        };
    }
    finally {
        external_node_fs_.rmSync(scratch, { recursive: true, force: true });
        settleScratch();
    }
}
function sourceUrl(context) {
    const { serverUrl, repository } = context.platform;
    return serverUrl && repository ? `${serverUrl}/${repository}` : undefined;
}
const buildImageFlow = {
    command: 'build',
    action: 'build-image',
    describe: 'Build the linux/amd64 image from a Dockerfile, tagged from git, with a layer cache',
    parse: (inputs, context) => (0,build_settings/* parseBuildSettings */.d)(inputs, context.workDir),
    run: buildImage,
    outputs: (result) => ({
        'image-id': result.imageId,
        tags: result.tags.join('\n'),
        'primary-tag': result.tags[0] ?? '',
        version: result.version ?? '',
        size: String(result.sizeBytes),
        'duration-ms': String(result.durationMs),
        cache: result.cache,
    }),
    summary: (result) => new summary/* Summary */.BD()
        .heading('Image built')
        .table(['image', 'platform', 'size', 'time', 'builder', 'layer cache'], [[
            result.tags[0] ?? result.imageId, result.platforms.join(', '), formatBytes(result.sizeBytes),
            `${(result.durationMs / 1000).toFixed(1)} s`, result.builder, result.cache,
        ]])
        .list(result.tags.map((tag) => `\`${tag}\``)),
};
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}


/***/ }),

/***/ 1553:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readGitFacts)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);

/**
 * What is being built, from the checkout. GITHUB_SHA/GITHUB_REF name the commit
 * the run started from, which is not what a workflow built when it checked out
 * another ref (deploy.yml's `ref` input: tag v1.4.2 deployed from main); so the
 * checked-out HEAD wins when it differs. When they agree the CI ref is used, as
 * a shallow or detached checkout may not know its branch (or a pull ref) itself.
 */
async function readGitFacts(runner, cwd, env, log) {
    const git = async (...args) => {
        const result = await runner.run({ file: 'git', args: ['-C', cwd, ...args] }, { allowFailure: true });
        return result.exitCode === 0 ? result.stdout.trim() || undefined : undefined;
    };
    const head = await git('rev-parse', 'HEAD');
    const ciSha = env.GITHUB_SHA || undefined;
    const facts = {
        defaultBranch: defaultBranchFromEvent(env) ?? (await git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD'))?.replace(/^origin\//, ''),
    };
    if (head && head !== ciSha) {
        facts.sha = head;
        facts.ref = await checkedOutRef(git);
        if (ciSha) {
            log?.info(`Git: building the checked-out HEAD ${head.slice(0, 12)} (${facts.ref ?? 'detached, no tag'}), not GITHUB_SHA ${ciSha.slice(0, 12)} (${env.GITHUB_REF ?? 'no ref'}) the run started from`);
        }
    }
    else {
        facts.sha = ciSha;
        facts.ref = env.GITHUB_REF || (head ? await checkedOutRef(git) : undefined);
        if (ciSha)
            log?.info(`Git: building GITHUB_SHA ${ciSha.slice(0, 12)} (${facts.ref ?? 'no ref'})${head ? ', which is the checked-out HEAD' : '; no git checkout in the context'}`);
    }
    if (facts.sha)
        facts.commitTime = await git('show', '-s', '--format=%cI', facts.sha);
    return facts;
}
/** A tag at HEAD (the highest version if several), else the branch checked out. */
async function checkedOutRef(git) {
    const tag = (await git('tag', '--points-at', 'HEAD', '--sort=-version:refname'))?.split('\n')[0]?.trim();
    if (tag)
        return `refs/tags/${tag}`;
    const branch = await git('symbolic-ref', '--short', '-q', 'HEAD');
    return branch ? `refs/heads/${branch}` : undefined;
}
function defaultBranchFromEvent(env) {
    if (!env.GITHUB_EVENT_PATH || !node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(env.GITHUB_EVENT_PATH))
        return undefined;
    try {
        const event = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 5466:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pipelineFlow: () => (/* binding */ pipelineFlow)
});

// EXTERNAL MODULE: ./build/src/core/summary.js
var core_summary = __webpack_require__(1253);
// EXTERNAL MODULE: ./build/src/image/build-flow.js + 2 modules
var build_flow = __webpack_require__(37);
// EXTERNAL MODULE: ./build/src/smoke/report.js
var report = __webpack_require__(265);
// EXTERNAL MODULE: ./build/src/deploy/strategies/index.js + 18 modules
var strategies = __webpack_require__(2141);
// EXTERNAL MODULE: ./build/src/pipeline/plan.js
var pipeline_plan = __webpack_require__(8777);
;// CONCATENATED MODULE: ./build/src/pipeline/report.js





const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const STATUS = { ok: '✅ ok', failed: '❌ failed', skipped: '➖ skipped' };
const HEADLINE = {
    deployed: 'deployed',
    'rolled-back': 'failed and rolled back',
    failed: 'failed',
    planned: 'planned',
};
/** The whole story in one summary: image, digest, hosts with versions before and after, checks, timings. */
function pipelineSummary(result) {
    if (result.plan)
        return (0,pipeline_plan/* planSummary */.MM)(result.plan);
    const summary = new core_summary/* Summary */.BD().heading(`Deploy pipeline: ${result.version || 'version unknown'} ${HEADLINE[result.outcome]} (${seconds(result.durationMs)})`);
    summary.table(['step', 'result', 'time', 'detail'], result.steps.map((s) => [s.step, STATUS[s.status], s.status === 'skipped' ? '-' : seconds(s.durationMs), s.detail]));
    if (result.build || result.imageRef) {
        summary.table(['image', 'digest', 'size', 'tags'], [[
                result.imageRef ?? result.build?.tags[0] ?? '', result.push ? `\`${result.push.digest}\`` : '-',
                result.build ? (0,build_flow.formatBytes)(result.build.sizeBytes) : '-', result.build?.tags.map((tag) => tag.split(':').pop()).join(', ') ?? '-',
            ]]);
    }
    if (result.deploy) {
        summary.table(['host', 'before', 'after', 'status', 'detail'], result.deploy.hosts.map((host) => {
            const back = result.rollback?.hosts.find((h) => h.host === host.host);
            const row = beforeAfter(result, host);
            const after = back && back.status !== 'rolled-back' ? `${host.version} (rollback ${back.status})` : row.after;
            return [host.host, row.before || '-', after || '-', back ? `rolled back after the smoke test (${back.status})` : host.status, back?.message ?? host.message];
        }));
        // The strategies' own blocks: with swarm, the per-service table says what the engine did.
        summary.append((0,strategies/* strategyReportsSummary */.tS)(result.deploy.hosts));
    }
    if (result.rollback)
        summary.append((0,strategies/* strategyReportsSummary */.tS)(result.rollback.hosts));
    if (result.smoke)
        summary.append((0,report/* smokeSummary */.WP)(result.smoke));
    if (result.failure)
        summary.text(`**Failure:** ${result.failure}`);
    return summary;
}
/**
 * One host's versions before and after the run. A host that deploy itself put back (its own health
 * check failed, or its batch did) serves what it served before: its outcome's version; the outcome's
 * `previous` is then the version that failed.
 */
function beforeAfter(result, host) {
    const back = result.rollback?.hosts.find((h) => h.host === host.host);
    if (result.mode !== 'rollback' && (host.status === 'rolled-back' || host.status === 'reverted'))
        return { before: host.version, after: host.version };
    const after = back?.status === 'rolled-back' ? back.version : host.status === 'deployed' || host.status === 'rolled-back' ? host.version : '';
    return { before: host.previous, after };
}
/**
 * After any rollback (deploy's own after a failed health check, the smoke test's, or mode: rollback):
 * `version` is what serves now and `previous-version` the version that failed (or was left).
 */
function servingVersions(result) {
    const back = result.rollback?.hosts.some((host) => host.status === 'rolled-back');
    if (back && result.rollback)
        return { version: result.rollback.version, previous: result.version, rolledBack: true };
    const deploy = result.deploy;
    if (deploy?.rolledBack)
        return { version: deploy.version, previous: deploy.previousVersion, rolledBack: true };
    return { version: result.version, previous: deploy?.previousVersion ?? '', rolledBack: result.outcome === 'rolled-back' };
}
function pipelineOutputs(result) {
    const serving = servingVersions(result);
    return {
        outcome: result.outcome,
        version: serving.version,
        'image-ref': result.imageRef ?? '',
        digest: result.push?.digest ?? '',
        tags: result.build?.tags.join('\n') ?? '',
        'previous-version': serving.previous,
        hosts: JSON.stringify((result.deploy?.hosts ?? []).map((host) => {
            const back = result.rollback?.hosts.find((h) => h.host === host.host);
            const row = beforeAfter(result, host);
            return { host: host.host, before: row.before, after: row.after || host.version, status: back ? 'rolled-back' : host.status };
        })),
        'rolled-back': String(serving.rolledBack),
        'smoke-passed': result.smoke ? String(result.smoke.passed) : '',
        'duration-ms': String(result.durationMs),
    };
}
function pipelineFailure(result) {
    if (result.outcome === 'deployed' || result.outcome === 'planned')
        return undefined;
    return result.failure ?? 'the pipeline failed';
}

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/deploy/flow.js + 1 modules
var flow = __webpack_require__(445);
// EXTERNAL MODULE: ./build/src/image/git-facts.js
var git_facts = __webpack_require__(1553);
// EXTERNAL MODULE: ./build/src/image/push-flow.js + 1 modules
var push_flow = __webpack_require__(4840);
// EXTERNAL MODULE: ./build/src/image/reference.js
var reference = __webpack_require__(6950);
// EXTERNAL MODULE: ./build/src/image/tags.js
var tags = __webpack_require__(3010);
// EXTERNAL MODULE: ./build/src/smoke/flow.js
var smoke_flow = __webpack_require__(8099);
// EXTERNAL MODULE: ./build/src/pipeline/link-inputs.js
var link_inputs = __webpack_require__(3942);
// EXTERNAL MODULE: ./build/src/pipeline/settings.js
var pipeline_settings = __webpack_require__(8667);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var cancel = __webpack_require__(4091);
;// CONCATENATED MODULE: ./build/src/pipeline/run.js












/** build-image → push-image → ssh-deploy → smoke-test, each through its own flow, with a rollback when the smoke test fails. */
async function runPipeline(settings, context) {
    const started = Date.now();
    if (settings.dryRun) {
        const plan = (0,pipeline_plan/* planPipeline */.aw)(settings);
        return { mode: settings.mode, outcome: 'planned', version: plan.version, steps: [], plan, durationMs: Date.now() - started };
    }
    const parseContext = { env: context.env, platform: context.platform, workDir: context.workDir };
    const result = { mode: settings.mode, outcome: 'failed', version: settings.version ?? '', steps: [], durationMs: 0 };
    const step = async (name, body) => {
        const stepStarted = Date.now();
        try {
            // After a cancel no new step starts (docs/cancel.md).
            (0,cancel/* throwIfCancelled */.dZ)(context.signal, `step ${name}`);
            const { value, ok, detail } = await context.log.group(name, body);
            result.steps.push({ step: name, status: ok ? 'ok' : 'failed', durationMs: Date.now() - stepStarted, detail });
            return value;
        }
        catch (error) {
            const detail = (0,errors/* formatError */.Wk)(error);
            result.steps.push({ step: name, status: 'failed', durationMs: Date.now() - stepStarted, detail });
            result.failure = `${name}: ${detail}`;
            return undefined;
        }
    };
    const finish = () => ({ ...result, durationMs: Date.now() - started });
    if (settings.build) {
        // One version for every link: given, else what build-image would derive from git.
        result.version = settings.version ?? (0,tags/* versionOf */.E4)(await (0,git_facts/* readGitFacts */.S)(context.runner, settings.build.context, context.env, context.log)) ?? timestampVersion();
    }
    else if (settings.mode === 'deploy' && !settings.version) {
        result.version = settings.deploy.version;
    }
    const version = result.version;
    let deploySettings = settings.deploy;
    if (settings.build) {
        const get = (name) => settings.source.get(name);
        const extraTags = [(0,link_inputs/* routeInput */.c_)(get, 'build', 'tags'), (0,reference/* isValidTag */.r_)(version) ? version : undefined].filter(Boolean).join('\n');
        const build = await step('build-image', async () => {
            const parsed = build_flow.buildImageFlow.parse((0,pipeline_settings/* linkInputs */.A7)(settings.source, 'build', {
                version, tags: extraTags, 'build-args': (0,pipeline_settings/* withVersion */.$2)((0,link_inputs/* routeInput */.c_)(get, 'build', 'build-args'), version),
            }), parseContext);
            const value = await build_flow.buildImageFlow.run(parsed, context);
            return { value, ok: true, detail: `${value.tags.length} tags, ${value.builder} builder, layer cache ${value.cache}` };
        });
        if (!build)
            return finish();
        result.build = build;
        const push = await step('push-image', async () => {
            const value = await push_flow.pushImageFlow.run(push_flow.pushImageFlow.parse((0,pipeline_settings/* linkInputs */.A7)(settings.source, 'push', { tags: build.tags.join('\n') }), parseContext), context);
            return { value, ok: true, detail: `${value.digest} (${value.layersUploaded} layers uploaded)` };
        });
        if (!push)
            return finish();
        result.push = push;
        result.imageRef = push.imageRef;
        deploySettings = flow/* deployFlow */.g.parse((0,pipeline_settings/* linkInputs */.A7)(settings.source, 'deploy', { image: push.imageRef, version }), parseContext);
    }
    else {
        result.imageRef = settings.deployImage;
        result.steps.push({ step: 'build-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) }, { step: 'push-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) });
    }
    const deploy = await step('ssh-deploy', async () => {
        const value = await flow/* deployFlow */.g.run(deploySettings, context);
        const failure = flow/* deployFlow */.g.failure?.(value);
        if (failure)
            result.failure = `ssh-deploy: ${failure}`;
        return { value, ok: !failure, detail: `${value.hosts.filter((h) => h.status === 'deployed' || (value.mode === 'rollback' && h.status === 'rolled-back')).length} of ${value.hosts.length} hosts ${value.mode === 'rollback' ? 'rolled back' : 'deployed'}` };
    });
    if (!deploy)
        return finish();
    result.deploy = deploy;
    if (!deploy.ok) {
        result.outcome = deploy.rolledBack ? 'rolled-back' : 'failed';
        return finish();
    }
    if (settings.mode === 'rollback' || !result.version)
        result.version = deploy.version;
    if (settings.smokeFrom === 'none') {
        result.steps.push({ step: 'smoke-test', status: 'skipped', durationMs: 0, detail: 'no url, checks or health-url set' });
        result.outcome = 'deployed';
        return finish();
    }
    const smoke = await step('smoke-test', async () => {
        const parsed = smoke_flow.smokeFlow.parse((0,pipeline_settings/* linkInputs */.A7)(settings.source, 'smoke', (0,pipeline_settings/* smokeDerived */.B5)(settings, result.version)), parseContext);
        const value = await smoke_flow.smokeFlow.run(parsed, context);
        return { value, ok: value.passed, detail: value.passed ? `${value.checks.length} check(s) passed${value.versionSeen ? `, version ${value.versionSeen}` : ''}` : smoke_flow.smokeFlow.failure?.(value) ?? 'failed' };
    });
    if (smoke)
        result.smoke = smoke;
    if (smoke?.passed) {
        result.outcome = 'deployed';
        return finish();
    }
    const why = smoke ? smoke_flow.smokeFlow.failure?.(smoke) ?? 'the smoke test failed' : result.failure ?? 'the smoke test did not run';
    result.failure = `smoke-test: ${why}`;
    if (settings.mode === 'rollback' || !settings.rollbackOnFailure)
        return finish();
    // Back only on the hosts this run changed, from the state each host recorded.
    const changed = deploy.hosts.map((outcome, index) => ({ outcome, target: deploySettings.ssh.targets[index] }))
        .filter(({ outcome, target }) => target && outcome.status === 'deployed' && outcome.changed);
    const rollback = await step('rollback', async () => {
        const value = await flow/* deployFlow */.g.run({ ...deploySettings, mode: 'rollback', ssh: { targets: changed.map(({ target }) => target) } }, context);
        const failure = flow/* deployFlow */.g.failure?.(value);
        return { value, ok: !failure, detail: failure ?? `${changed.length} host(s) back on ${value.version}` };
    });
    if (rollback) {
        result.rollback = rollback;
        const back = rollback.hosts.every((host) => host.status === 'rolled-back');
        result.outcome = back ? 'rolled-back' : 'failed';
        result.failure = back
            ? `smoke-test: ${why}; rolled back ${rollback.hosts.length} host(s), ${rollback.version} is serving again`
            : `smoke-test: ${why}; the rollback failed too: ${flow/* deployFlow */.g.failure?.(rollback) ?? ''}`;
    }
    else {
        result.failure = `smoke-test: ${why}; ${result.failure ?? ''}`;
    }
    return finish();
}
function skipReason(settings) {
    if (settings.mode === 'rollback')
        return 'rollback: nothing to build';
    if (settings.deployImage)
        return `deploying ${settings.deployImage}`;
    return `the ${settings.deploy.strategy} strategy ships no image`;
}
function timestampVersion() {
    return new Date().toISOString().replace(/[-:]|\.\d+/g, '').replace('T', '.').replace('Z', '');
}

;// CONCATENATED MODULE: ./build/src/pipeline/flow.js



/** The root action (`uses: slipway-dev/slipway@v1`) and `slipway pipeline`: the whole chain in one step. */
const pipelineFlow = {
    command: 'pipeline',
    action: 'deploy-pipeline',
    describe: 'Build, push, deploy and smoke-test in one step; roll back when the smoke test fails (--dry-run prints the plan)',
    parse: (inputs, context) => (0,pipeline_settings/* parsePipelineSettings */.TG)(inputs, context),
    run: runPipeline,
    outputs: pipelineOutputs,
    summary: pipelineSummary,
    failure: pipelineFailure,
    // Its deploy watches context.signal (docs/cancel.md); a build or push in flight runs to its end first.
    handlesCancel: true,
};


/***/ }),

/***/ 8099:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   smokeFlow: () => (/* binding */ smokeFlow)
/* harmony export */ });
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(265);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4898);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6874);
/* harmony import */ var _via_ssh_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4888);




/** `slipway smoke` and `actions/smoke-test`: prove the deploy is live. */
const smokeFlow = {
    command: 'smoke',
    action: 'smoke-test',
    describe: 'Wait until the app answers, check its version, JSON, body and latency, optionally soak it',
    parse: (inputs, context) => (0,_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSmokeSettings */ .M)(inputs, context.workDir),
    run: async (settings, context) => context.log.group(`Smoke test (${settings.checks.length} check${settings.checks.length === 1 ? '' : 's'})`, () => settings.sshTargets
        ? (0,_via_ssh_js__WEBPACK_IMPORTED_MODULE_1__/* .runSmokeChecksViaSsh */ .wp)(settings.sshTargets, settings.checks, settings.options, context.runner, context.log)
        : (0,_run_js__WEBPACK_IMPORTED_MODULE_2__/* .runSmokeChecks */ .m)(settings.checks, settings.options, context.log)),
    outputs: _report_js__WEBPACK_IMPORTED_MODULE_3__/* .smokeOutputs */ .q6,
    summary: _report_js__WEBPACK_IMPORTED_MODULE_3__/* .smokeSummary */ .WP,
    failure: _report_js__WEBPACK_IMPORTED_MODULE_3__/* .smokeFailure */ .cR,
};


/***/ })

};
