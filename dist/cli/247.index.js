export const id = 247;
export const ids = [247];
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

/***/ 8247:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   previewInputsFromDeploy: () => (/* binding */ previewInputsFromDeploy),
/* harmony export */   sshDeployFlow: () => (/* binding */ sshDeployFlow)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6087);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(445);
/* harmony import */ var _flow_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3346);




/**
 * ssh-deploy's inputs under their preview names: `mode: preview` is the preview
 * flow reached from the deploy action, so the names it adds say what they are
 * (`pr-number`, `preview-domain`, …) and the ones both share mean the same.
 */
const FROM_DEPLOY_INPUT = {
    command: 'preview-action',
    pr: 'pr-number',
    domain: 'preview-domain',
    'env-template': 'preview-env-template',
    seed: 'preview-seed',
    'port-base': 'preview-port-base',
    'max-previews': 'max-previews',
    'forge-token': 'forge-token',
    sha: 'sha',
};
/** Read under the same name in both actions (ssh, app, image, health, lock). */
const SHARED = new Set([
    'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint', 'trust-on-first-use', 'jump-host',
    'connect-timeout', 'command-timeout', 'app-dir', 'image', 'version', 'compose-file', 'service', 'health-timeout', 'lock-timeout', 'lock-stale-after',
]);
/** Deploy-only inputs that would silently do nothing in a preview: refused instead. */
const NOT_FOR_PREVIEWS = ['zero-downtime', 'pre-deploy', 'env', 'env-file', 'artifact', 'script', 'stack', 'swarm-service', 'batch-size'];
const OFF = /^(|false|no|off|0)$/i;
/** The preview flow's inputs, read from ssh-deploy's; errors name the ssh-deploy input the user set. */
function previewInputsFromDeploy(inputs) {
    const source = inputs.source;
    const deployName = (name) => FROM_DEPLOY_INPUT[name] ?? (SHARED.has(name) ? name : undefined);
    const healthUrl = inputs.optional('health-url');
    const mapped = {
        describe: (name) => source.describe(deployName(name) ?? name),
        quotable: (name) => source.quotable?.(deployName(name) ?? name) ?? true,
        get: (name) => {
            if (name === 'app')
                return source.get('compose-project')?.trim() || node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(source.get('app-dir')?.trim() ?? '');
            // The production health URL's path is the app's health path: the preview is the same app on another port.
            if (name === 'health-path')
                return healthUrl ? healthPathOf(inputs, healthUrl) : undefined;
            const from = deployName(name);
            return from === undefined ? undefined : source.get(from);
        },
    };
    return new _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G0(mapped);
}
function healthPathOf(inputs, healthUrl) {
    try {
        const url = new URL(healthUrl);
        return `${url.pathname}${url.search}`;
    }
    catch {
        return inputs.fail('health-url', `is not a URL (found '${healthUrl}')`, 'e.g. http://127.0.0.1:8080/api/health.');
    }
}
const isPreview = (value) => value.mode === 'preview';
/** Checked before the preview settings: mode preview runs on the compose strategy only, without deploy-only options. */
function parsePreviewMode(inputs) {
    const strategy = inputs.string('strategy', 'compose');
    if (strategy !== 'compose')
        inputs.fail('mode', `is preview, which runs on the compose strategy only (found strategy '${strategy}')`, 'Remove strategy or set it to compose.');
    for (const name of NOT_FOR_PREVIEWS) {
        const value = inputs.optional(name);
        if (value !== undefined && !OFF.test(value))
            inputs.fail(name, 'does nothing with mode: preview', `Remove ${inputs.source.describe(name)} from the preview step (previews get their env from preview-env-template).`);
    }
}
/**
 * `actions/ssh-deploy` and `slipway deploy`: the deploy flow, and with
 * `mode: preview` the preview flow (the same core call as `actions/preview`).
 */
const sshDeployFlow = {
    // handlesCancel comes from the deploy flow: a preview run that is cancelled finishes its step, then releases the previews lock and closes its session.
    ..._deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g,
    describe: `${_deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.describe}; mode preview: a preview per pull request (preview-action up|down|list|reap)`,
    parse: (inputs, context) => {
        if (inputs.optional('mode') !== 'preview')
            return _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.parse(inputs, context);
        parsePreviewMode(inputs);
        return { mode: 'preview', preview: _flow_js__WEBPACK_IMPORTED_MODULE_3__/* .previewFlow */ .R.parse(previewInputsFromDeploy(inputs), context) };
    },
    run: async (settings, context) => isPreview(settings)
        ? { mode: 'preview', preview: await _flow_js__WEBPACK_IMPORTED_MODULE_3__/* .previewFlow */ .R.run(settings.preview, context) }
        : _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.run(settings, context),
    outputs: (result) => isPreview(result)
        ? { version: result.preview.version ?? '', 'preview-url': result.preview.url ?? '', previews: _flow_js__WEBPACK_IMPORTED_MODULE_3__/* .previewFlow */ .R.outputs(result.preview).previews ?? '[]' }
        : _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.outputs(result),
    summary: (result) => isPreview(result) ? _flow_js__WEBPACK_IMPORTED_MODULE_3__/* .previewFlow */ .R.summary(result.preview) : _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.summary(result),
    failure: (result) => isPreview(result) ? _flow_js__WEBPACK_IMPORTED_MODULE_3__/* .previewFlow */ .R.failure?.(result.preview) : _deploy_index_js__WEBPACK_IMPORTED_MODULE_2__/* .deployFlow */ .g.failure?.(result),
};


/***/ })

};
