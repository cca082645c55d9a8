export const id = 199;
export const ids = [199];
export const modules = {

/***/ 6329:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IU: () => (/* binding */ runCloudron)
});

// UNUSED EXPORTS: newestBackupBelow, preUpdateBackup

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/smoke/run.js
var smoke_run = __webpack_require__(4898);
// EXTERNAL MODULE: ./build/src/smoke/check-list.js
var check_list = __webpack_require__(2112);
// EXTERNAL MODULE: ./build/src/smoke/report.js
var smoke_report = __webpack_require__(265);
;// CONCATENATED MODULE: ./build/src/cloudron/api.js
class CloudronApi {
    client;
    constructor(client) {
        this.client = client;
    }
    get origin() { return this.client.origin; }
    /** GET /profile: who the token belongs to (a 401 here means the token is wrong). */
    async profile() {
        return (await this.client.get('/profile')).body;
    }
    /** GET /domains → { domains: [{ domain }] } */
    async domains() {
        const { body } = await this.client.get('/domains');
        return (body.domains ?? []).map((entry) => entry.domain);
    }
    /** GET /apps → { apps: [...] } */
    async apps() {
        return (await this.client.get('/apps')).body.apps ?? [];
    }
    /** GET /apps/:id → the app object itself (not wrapped). */
    app(id) {
        return this.client.get(`/apps/${encodeURIComponent(id)}`);
    }
    /** POST /apps { manifest, subdomain, domain, accessRestriction } → 202 { id, taskId } */
    async install(body) {
        return (await this.client.post('/apps', body)).body;
    }
    /** POST /apps/:id/update { manifest, skipBackup } → 202 { taskId }. Cloudron backs the app up first unless skipBackup. */
    async update(id, body) {
        return this.client.post(`/apps/${encodeURIComponent(id)}/update`, body);
    }
    /** POST /apps/:id/configure/location { subdomain, domain, aliasDomains, redirectDomains } → 202 { taskId } */
    async moveTo(id, body) {
        return (await this.client.post(`/apps/${encodeURIComponent(id)}/configure/location`, body)).body;
    }
    /** GET /apps/:id/backups → { backups: [...] } */
    async backups(id) {
        return (await this.client.get(`/apps/${encodeURIComponent(id)}/backups`)).body.backups ?? [];
    }
    /** POST /apps/:id/restore { backupId } → 202 { taskId } */
    async restore(id, backupId) {
        return (await this.client.post(`/apps/${encodeURIComponent(id)}/restore`, { backupId })).body;
    }
    /** GET /tasks/:id → { id, percent, message, active, pending, success, error } */
    async task(id) {
        return (await this.client.get(`/tasks/${encodeURIComponent(id)}`)).body;
    }
}

// EXTERNAL MODULE: ./build/src/core/http/request.js
var request = __webpack_require__(5531);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __webpack_require__(2738);
;// CONCATENATED MODULE: ./build/src/cloudron/client.js



/** Cloudron answered, but not with success: carries the status and Cloudron's own message (redacted, one line). */
class CloudronApiError extends errors/* SlipwayError */.GQ {
    status;
    cloudronMessage;
    constructor(args) {
        super(`Cloudron answered HTTP ${args.status} to ${args.method} ${args.path}${args.cloudronMessage ? `: ${args.cloudronMessage}` : ''}`, { fix: args.fix });
        this.name = 'CloudronApiError';
        this.status = args.status;
        this.cloudronMessage = args.cloudronMessage;
    }
}
/** No answer at all; `transient` when trying again could help (a reset or a timeout, not a certificate). */
class CloudronNetworkError extends errors/* SlipwayError */.GQ {
    transient;
    constructor(message, transient, fix) {
        super(message, { fix });
        this.transient = transient;
        this.name = 'CloudronNetworkError';
    }
}
/** GETs survive a blip (a restarting box, a reset connection); changes are sent once. */
const READ_RETRY = { attempts: 3, baseDelayMs: 500, maxDelayMs: 4000 };
const MAX_BODY_BYTES = 4 * 1024 * 1024;
class CloudronClient {
    endpoint;
    constructor(endpoint) {
        this.endpoint = endpoint;
    }
    get origin() {
        return this.endpoint.origin.origin;
    }
    async get(path) {
        for (let attempt = 1;; attempt += 1) {
            try {
                return await this.once('GET', path);
            }
            catch (error) {
                const transient = error instanceof CloudronApiError ? error.status >= 500 : error instanceof CloudronNetworkError && error.transient;
                if (!transient || attempt >= READ_RETRY.attempts)
                    throw error;
                await (0,retry/* sleep */.yy)((0,retry/* backoffDelay */.EY)(READ_RETRY, attempt));
            }
        }
    }
    post(path, body) {
        return this.once('POST', path, body);
    }
    async once(method, path, body) {
        const { origin } = this.endpoint;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const where = `${method} /api/v1${path}`;
        let response;
        try {
            response = await (0,request/* httpRequest */.aj)(new URL(`/api/v1${path}`, origin), {
                method,
                headers: {
                    accept: 'application/json',
                    authorization: `Bearer ${this.endpoint.token}`,
                    ...(payload ? { 'content-type': 'application/json' } : {}),
                },
                body: payload,
                timeoutMs: this.endpoint.requestTimeoutMs,
                maxBodyBytes: MAX_BODY_BYTES,
                extraCa: this.endpoint.ca,
                connect: this.endpoint.connect ? { host: this.endpoint.connect.host, port: this.endpoint.connect.port } : undefined,
            });
        }
        catch (error) {
            if (!(error instanceof request/* HttpRequestError */.Ci))
                throw error;
            if (error.kind === 'too-large')
                throw new errors/* SlipwayError */.GQ(`Cloudron at ${origin.origin} answered ${where} with more than ${MAX_BODY_BYTES} bytes`);
            const cause = error.kind === 'timeout' || !(error.cause instanceof Error)
                ? Object.assign(new Error(error.kind === 'timeout' ? `no answer within ${this.endpoint.requestTimeoutMs} ms` : error.message), { code: error.code })
                : error.cause;
            throw networkError(cause, where, origin.origin);
        }
        const { status } = response;
        const text = response.text();
        let parsed;
        try {
            parsed = text ? JSON.parse(text) : {};
        }
        catch {
            parsed = undefined;
        }
        if (status < 200 || status >= 300)
            throw apiError(status, method, `/api/v1${path}`, parsed, text);
        if (parsed === undefined) {
            throw new errors/* SlipwayError */.GQ(`Cloudron at ${origin.origin} answered ${where} with HTTP ${status} but no JSON`, { fix: 'Check cloudron-origin is the dashboard origin (https://my.<domain>), not an app\'s URL' });
        }
        const dateHeader = response.header('date');
        const date = dateHeader ? new Date(dateHeader) : undefined;
        return { status, body: parsed, serverTime: date && !Number.isNaN(date.getTime()) ? date : undefined };
    }
}
/** Cloudron's error bodies are `{ status, message }`; the message is outside text: one line, clipped, redacted by SlipwayError. */
function cloudronMessageOf(parsed, text) {
    const message = parsed && typeof parsed === 'object' && 'message' in parsed ? String(parsed.message) : text;
    // eslint-disable-next-line no-control-regex -- outside text must not carry control characters into the log
    const line = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
function apiError(status, method, path, parsed, text) {
    const cloudronMessage = cloudronMessageOf(parsed, text);
    if (status === 401) {
        return new CloudronApiError({
            status, method, path, cloudronMessage,
            fix: "The token is missing, wrong or expired: create one in the Cloudron dashboard (Profile → API Tokens) and pass it as input 'cloudron-token' from a secret",
        });
    }
    if (status === 403) {
        return new CloudronApiError({
            status, method, path, cloudronMessage,
            fix: 'The token may not do this: use a Read and Write token (not Readonly) of a Cloudron admin, or of an operator of this app',
        });
    }
    return new CloudronApiError({ status, method, path, cloudronMessage });
}
function networkError(error, where, origin) {
    const code = error.code ?? error.name;
    const originFix = "Check input 'cloudron-origin' (the dashboard, https://my.<domain>)";
    if (code === 'ECONNREFUSED')
        return new CloudronNetworkError(`Cloudron at ${origin} refused the connection (${where})`, true, originFix);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return new CloudronNetworkError(`Cloudron at ${origin}: name not found (${where})`, code === 'EAI_AGAIN', originFix);
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO/.test(code)) {
        return new CloudronNetworkError(`Cloudron at ${origin}: TLS verification failed (${code}) on ${where}`, false, "Give the CA that signed the dashboard's certificate in input 'ca-cert'");
    }
    return new CloudronNetworkError(`Cloudron at ${origin}: ${code} on ${where} (${error.message})`, code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE');
}

// EXTERNAL MODULE: ./build/src/cloudron/manifest.js
var manifest = __webpack_require__(3802);
// EXTERNAL MODULE: ./build/src/image/registry-manifest.js
var registry_manifest = __webpack_require__(2852);
;// CONCATENATED MODULE: ./build/src/cloudron/preflight.js



/** Roles whose token may manage every app (docs.cloudron.io: user roles). */
const MANAGING_ROLES = new Set(['owner', 'admin']);
/** Per-app access levels that may change the app (Cloudron's app operators). */
const MANAGING_ACCESS = new Set(['admin', 'operator']);
/**
 * Everything checked before the first call that changes something: the token
 * reaches the API and may manage the app, the image pulls anonymously for
 * linux/amd64 (Cloudron pulls without credentials), the manifest version is
 * above the installed one, and a new location is free on a Cloudron domain.
 */
async function preflight(api, settings, log) {
    const checks = [];
    const profile = await api.profile();
    checks.push(`token reaches ${api.origin} as ${profile.username} (${profile.role})`);
    const result = { checks };
    if (settings.app) {
        const app = await findApp(api, settings.app);
        const accessLevel = app.accessLevel;
        if (!MANAGING_ROLES.has(profile.role) && !(accessLevel && MANAGING_ACCESS.has(accessLevel))) {
            throw new errors/* SlipwayError */.GQ(`The token of ${profile.username} (role ${profile.role}) may not manage ${app.fqdn}`, {
                fix: "Use a token of a Cloudron admin, or make this user an operator of the app (app → Access Control)",
            });
        }
        checks.push(`${app.fqdn} is app ${app.id} at version ${app.manifest.version}; the token may manage it`);
        result.app = app;
    }
    else if (!MANAGING_ROLES.has(profile.role)) {
        throw new errors/* SlipwayError */.GQ(`The token of ${profile.username} (role ${profile.role}) may not install apps`, { fix: 'Use a token of a Cloudron admin to install' });
    }
    if (settings.mode === 'update' && result.app && settings.manifest) {
        const installed = result.app.manifest.version;
        if ((0,manifest/* compareVersions */.Zy)(settings.manifest.version, installed) <= 0) {
            throw new errors/* SlipwayError */.GQ(`CloudronManifest.json version ${settings.manifest.version} is not greater than ${installed}, the version ${result.app.fqdn} runs`, {
                fix: `Cloudron refuses an update whose version does not increase: bump "version" above ${installed} and tag the image the same`,
            });
        }
        checks.push(`manifest version ${settings.manifest.version} is above the installed ${installed} and equals the image tag`);
    }
    if (settings.location)
        result.target = await freeLocation(api, settings.location, result.app);
    if (settings.image && settings.verifyAnonymousPull) {
        result.pulledDigest = await checkAnonymousPull(settings);
        checks.push(`${settings.image.text} pulls anonymously for ${settings.verifyPlatform} (${result.pulledDigest.split('@')[1]})`);
    }
    for (const check of checks)
        log.info(`✓ ${check}`);
    return result;
}
async function findApp(api, selector) {
    if ('id' in selector) {
        try {
            return (await api.app(selector.id)).body;
        }
        catch (error) {
            if (error.status === 404)
                throw new errors/* SlipwayError */.GQ(`Cloudron at ${api.origin} has no app with id ${selector.id}`, { fix: "Check input 'cloudron-app' (an id, or a location such as staging.example.com)" });
            throw error;
        }
    }
    const apps = await api.apps();
    const app = apps.find((candidate) => candidate.fqdn === selector.fqdn);
    if (!app) {
        const known = apps.map((candidate) => candidate.fqdn).slice(0, 10).join(', ') || 'none';
        throw new errors/* SlipwayError */.GQ(`Cloudron at ${api.origin} has no app at ${selector.fqdn} (apps: ${known})`, { fix: "Check input 'cloudron-app', or install it first with mode install" });
    }
    return app;
}
/** The location must be on one of Cloudron's domains and not serve another app (the legacy app at the apex is uninstalled first). */
async function freeLocation(api, fqdn, self) {
    const domains = await api.domains();
    const domain = domains.filter((candidate) => fqdn === candidate || fqdn.endsWith(`.${candidate}`)).sort((a, b) => b.length - a.length)[0];
    if (!domain)
        throw new errors/* SlipwayError */.GQ(`${fqdn} is on none of this Cloudron's domains (${domains.join(', ') || 'none'})`, { fix: 'Add the domain in the dashboard (Domains), or check the location' });
    if (self?.fqdn === fqdn)
        throw new errors/* SlipwayError */.GQ(`${self.fqdn} is already where the app is`, { fix: "Give the new location in input 'cloudron-location'" });
    const taken = (await api.apps()).find((candidate) => candidate.fqdn === fqdn && candidate.id !== self?.id);
    if (taken) {
        throw new errors/* SlipwayError */.GQ(`${fqdn} is taken by app ${taken.id} (${String(taken.manifest.id ?? 'unknown package')} ${taken.manifest.version})`, {
            fix: 'Back it up and uninstall it in the dashboard first (the cutover step); Slipway never uninstalls an app',
        });
    }
    return { subdomain: fqdn === domain ? '' : fqdn.slice(0, -domain.length - 1), domain };
}
async function checkAnonymousPull(settings) {
    const { reference } = settings.image;
    try {
        const digest = reference.digest ?? await (0,registry_manifest/* resolveServedDigest */.g)({ registry: reference.registry, repository: reference.repository, tag: reference.tag });
        const served = await (0,registry_manifest/* readServedImage */.Ve)({ registry: reference.registry, repository: reference.repository, digest, platform: settings.verifyPlatform });
        if (served.platform !== settings.verifyPlatform) {
            throw new errors/* SlipwayError */.GQ(`Verify: ${settings.image.text} is ${served.platform}, not ${settings.verifyPlatform}`, { fix: 'Build with platforms: linux/amd64 (the Cloudron host is x86_64)' });
        }
        return `${reference.registry}/${reference.repository}@${digest}`;
    }
    catch (error) {
        if (error instanceof errors/* SlipwayError */.GQ)
            throw error;
        const cause = error.cause?.code ?? error.message;
        throw new errors/* SlipwayError */.GQ(`Verify: cannot read ${settings.image.text} from ${reference.registry} anonymously (${cause})`, { fix: 'Check the registry is reachable and the image was pushed' });
    }
}

;// CONCATENATED MODULE: ./build/src/cloudron/tasks.js


/** A Cloudron task ended in an error: carries Cloudron's own text (one line, redacted). */
class CloudronTaskError extends errors/* SlipwayError */.GQ {
    what;
    taskId;
    cloudronMessage;
    constructor(what, taskId, cloudronMessage) {
        super(`Cloudron task ${taskId} (${what}) failed: ${cloudronMessage || 'no reason given'}`, { fix: "See the app's Logs and Event Log in the Cloudron dashboard" });
        this.what = what;
        this.taskId = taskId;
        this.cloudronMessage = cloudronMessage;
        this.name = 'CloudronTaskError';
    }
}
const pause = (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
});
/**
 * Polls GET /tasks/:id until the task is neither pending nor active, logging
 * each new percent and message as Cloudron reports them. Cancelling stops the
 * wait, not the task: Cloudron finishes what it started.
 */
async function waitForTask(api, taskId, what, options) {
    const started = Date.now();
    let last = '';
    for (;;) {
        const task = await api.task(taskId);
        const progress = `${Math.round(task.percent ?? 0)}% ${cloudronMessageOf({ message: task.message ?? '' }, '')}`.trim();
        if (progress !== last) {
            options.log.info(`Cloudron ${what} (task ${taskId}): ${progress}`);
            last = progress;
        }
        if (!task.pending && !task.active) {
            if (task.error || !task.success)
                throw new CloudronTaskError(what, taskId, cloudronMessageOf(task.error ?? {}, ''));
            return task;
        }
        if (options.signal?.aborted)
            throw new errors/* SlipwayError */.GQ(`Cancelled while Cloudron task ${taskId} (${what}) was running`, { fix: 'Cloudron finishes the task on its own: check the app in the dashboard' });
        if (Date.now() - started > options.timeoutMs) {
            throw new errors/* SlipwayError */.GQ(`Cloudron task ${taskId} (${what}) still running after ${Math.round(options.timeoutMs / 1000)} s (last: ${progress})`, {
                fix: "Check the task in the Cloudron dashboard; raise input 'cloudron-task-timeout' if it is just slow",
            });
        }
        await pause(options.pollIntervalMs, options.signal);
    }
}
function describeAppState(app) {
    return `installation ${app.installationState}, run ${app.runState}, health ${app.health ?? 'unknown'}`;
}
/** Polls GET /apps/:id until Cloudron itself calls the app installed, running and healthy. */
async function waitForHealthyApp(api, appId, options) {
    const started = Date.now();
    let last = '';
    for (;;) {
        const { body: app } = await api.app(appId);
        const state = describeAppState(app);
        if (state !== last) {
            options.log.info(`Cloudron app ${app.fqdn}: ${state}`);
            last = state;
        }
        if (app.installationState === 'installed' && app.runState === 'running' && app.health === 'healthy')
            return app;
        if (app.installationState === 'error') {
            throw new errors/* SlipwayError */.GQ(`Cloudron reports app ${app.fqdn} in error: ${cloudronMessageOf(app.error ?? {}, '') || 'no reason given'}`, { fix: "See the app's Logs in the Cloudron dashboard" });
        }
        if (options.signal?.aborted)
            throw new errors/* SlipwayError */.GQ(`Cancelled while waiting for ${app.fqdn} to become healthy`);
        if (Date.now() - started > options.timeoutMs) {
            throw new errors/* SlipwayError */.GQ(`Cloudron app ${app.fqdn} not healthy after ${Math.round(options.timeoutMs / 1000)} s (${state})`, {
                fix: "Check the app's health check path and Logs in the dashboard; raise input 'health-timeout' if it starts slowly",
            });
        }
        await pause(options.pollIntervalMs, options.signal);
    }
}

;// CONCATENATED MODULE: ./build/src/cloudron/deploy.js







/**
 * One Cloudron run: preflight, then the mode's single change (install,
 * update, restore, location), each followed by waiting for Cloudron's task,
 * for Cloudron to call the app healthy, and by the smoke test of its URL.
 * A failed update or red smoke restores the backup Cloudron took before this
 * run's update when rollback-on-failure is on.
 */
async function runCloudron(settings, context) {
    const started = Date.now();
    const api = new CloudronApi(new CloudronClient({ origin: settings.origin, token: settings.token, ca: settings.caCertificates,
        requestTimeoutMs: settings.requestTimeoutMs }));
    const { log } = context;
    const pre = await log.group(`Cloudron preflight (${settings.origin.host})`, () => preflight(api, settings, log));
    const tasks = [];
    const wait = (timeoutMs) => ({ pollIntervalMs: settings.pollIntervalMs, timeoutMs, log, signal: context.signal });
    // The health URL as Cloudron itself checks it, unless given: the manifest's healthCheckPath on the app's name.
    const healthPath = (settings.manifest ?? pre.app?.manifest)?.healthCheckPath ?? '/';
    const urlOf = (fqdn) => (settings.healthUrl ?? `https://{fqdn}${healthPath}`).replace(/\{fqdn\}/g, fqdn);
    const run = {
        api, settings, context, pre, urlOf,
        settle: async (what, taskId, appId) => {
            const taskStarted = Date.now();
            try {
                await waitForTask(api, taskId, what, wait(settings.taskTimeoutMs));
            }
            finally {
                tasks.push({ what, taskId, durationMs: Date.now() - taskStarted });
            }
            return waitForHealthyApp(api, appId, wait(settings.healthTimeoutMs));
        },
        smoke: (fqdn, version) => log.group(`Smoke test of ${fqdn}`, () => (0,smoke_run/* runSmokeChecks */.m)([
            (0,check_list/* oneLineCheck */.ZF)(urlOf(fqdn), "input 'health-url'", {
                connectTo: settings.smokeConnect,
                versionPath: settings.versionPath ?? 'version',
                expectVersion: settings.versionPath ? version : undefined,
            }),
        ], { timeoutMs: settings.healthTimeoutMs, caCertificates: settings.caCertificates }, log)),
        finish: (result) => ({ mode: settings.mode, origin: api.origin, checks: pre.checks, tasks, rolledBack: false, ...result,
            durationMs: Date.now() - started }),
    };
    return MODES[settings.mode](run);
}
const MODES = { install, update, rollback, move };
const fqdnOf = (target) => (target.subdomain ? `${target.subdomain}.${target.domain}` : target.domain);
async function install(run) {
    const { settings } = run;
    const target = run.pre.target;
    const manifest = { ...settings.manifest, dockerImage: settings.image.text };
    const { id, taskId } = await run.api.install({ manifest, ...target, accessRestriction: null });
    const fqdn = fqdnOf(target);
    run.context.log.info(`Cloudron is installing ${settings.image.text} at ${fqdn} as app ${id}`);
    await run.settle(`install at ${fqdn}`, taskId, id);
    const report = await run.smoke(fqdn, manifest.version);
    // Nothing served here before: a red install stays for inspection, nothing to roll back to.
    return run.finish({ appId: id, fqdn, url: run.urlOf(fqdn), version: manifest.version, image: settings.image.text, smoke: report,
        failure: (0,smoke_report/* smokeFailure */.cR)(report) });
}
async function move(run) {
    const app = run.pre.app;
    if (app.installationState !== 'installed' || app.runState !== 'running' || app.health !== 'healthy') {
        throw new errors/* SlipwayError */.GQ(`${app.fqdn} is not ready to move (${describeAppState(app)})`, { fix: 'Move only a validated install: update or restore it until it is healthy, then move' });
    }
    const target = run.pre.target;
    const fqdn = fqdnOf(target);
    const { taskId } = await run.api.moveTo(app.id, { ...target, aliasDomains: app.aliasDomains ?? [], redirectDomains: app.redirectDomains ?? [] });
    run.context.log.info(`Cloudron is moving ${app.fqdn} to ${fqdn}`);
    await run.settle(`move ${app.fqdn} to ${fqdn}`, taskId, app.id);
    const report = await run.smoke(fqdn, app.manifest.version);
    return run.finish({ appId: app.id, fqdn, url: run.urlOf(fqdn), version: app.manifest.version, previousVersion: app.manifest.version, smoke: report,
        failure: (0,smoke_report/* smokeFailure */.cR)(report) });
}
async function rollback(run) {
    const app = run.pre.app;
    const backup = run.settings.backupId
        ? { id: run.settings.backupId, packageVersion: '', creationTime: '' }
        : newestBackupBelow(await run.api.backups(app.id), app.manifest.version);
    if (!backup)
        throw new errors/* SlipwayError */.GQ(`${app.fqdn} has no backup of a version below ${app.manifest.version}`, { fix: "Give one in input 'cloudron-backup' (the app's Backups tab lists them)" });
    run.context.log.info(`Restoring ${app.fqdn} from backup ${backup.id}${backup.packageVersion ? ` (version ${backup.packageVersion})` : ''}`);
    const { taskId } = await run.api.restore(app.id, backup.id);
    const restored = await run.settle(`restore ${app.fqdn}`, taskId, app.id);
    const report = await run.smoke(restored.fqdn, restored.manifest.version);
    return run.finish({
        appId: app.id, fqdn: restored.fqdn, url: run.urlOf(restored.fqdn), version: restored.manifest.version, previousVersion: app.manifest.version,
        backupId: backup.id, rolledBack: true, smoke: report, failure: (0,smoke_report/* smokeFailure */.cR)(report),
    });
}
async function update(run) {
    const { api, settings, context } = run;
    const app = run.pre.app;
    const previousVersion = app.manifest.version;
    const manifest = { ...settings.manifest, dockerImage: settings.image.text };
    const response = await api.update(app.id, { manifest, skipBackup: false });
    // Cloudron's clock, not the runner's, dates the backup it takes: keep the server time the update was accepted at.
    const acceptedAt = response.serverTime ?? new Date();
    context.log.info(`Cloudron is updating ${app.fqdn} from ${previousVersion} to ${manifest.version}`);
    const base = { appId: app.id, fqdn: app.fqdn, url: run.urlOf(app.fqdn), previousVersion, image: settings.image.text };
    try {
        await run.settle(`update ${app.fqdn} to ${manifest.version}`, response.body.taskId, app.id);
    }
    catch (error) {
        if (context.signal?.aborted)
            throw error;
        return restorePreUpdate(run, { ...base, version: manifest.version }, acceptedAt, `Update of ${app.fqdn} to ${manifest.version} failed: ${(0,errors/* formatError */.Wk)(error)}`);
    }
    const report = await run.smoke(app.fqdn, manifest.version);
    if (!report.passed)
        return restorePreUpdate(run, { ...base, version: manifest.version }, acceptedAt, `Smoke test of ${app.fqdn} at ${manifest.version} failed: ${(0,smoke_report/* smokeFailure */.cR)(report)}`);
    const backup = preUpdateBackup(await api.backups(app.id), previousVersion, acceptedAt);
    return run.finish({ ...base, version: manifest.version, backupId: backup?.id, smoke: report });
}
/** After a failed update or red smoke: restore the backup Cloudron took for this update, wait, smoke the old version. */
async function restorePreUpdate(run, facts, acceptedAt, why) {
    const { api, settings, context } = run;
    const backup = preUpdateBackup(await api.backups(facts.appId), facts.previousVersion, acceptedAt);
    if (!settings.rollbackOnFailure || !backup) {
        const state = describeAppState((await api.app(facts.appId)).body);
        const reason = !settings.rollbackOnFailure ? 'rollback-on-failure is off' : `no backup of ${facts.previousVersion} taken since the update started`;
        return run.finish({ ...facts, backupId: backup?.id, failure: `${why}; not rolled back (${reason}); the app is now: ${state}` });
    }
    context.log.warn(`${why}: restoring ${facts.fqdn} from backup ${backup.id}, taken by Cloudron before the update (version ${backup.packageVersion})`);
    let restored;
    try {
        const { taskId } = await api.restore(facts.appId, backup.id);
        restored = await run.settle(`restore ${facts.fqdn}`, taskId, facts.appId);
    }
    catch (error) {
        if (context.signal?.aborted)
            throw error;
        return run.finish({ ...facts, backupId: backup.id, failure: `${why}; restoring backup ${backup.id} failed too: ${(0,errors/* formatError */.Wk)(error)}` });
    }
    const report = await run.smoke(restored.fqdn, facts.previousVersion);
    const after = report.passed
        ? `rolled back to ${restored.manifest.version}, which passes the smoke test`
        : `rolled back to ${restored.manifest.version}, which fails the smoke test too: ${(0,smoke_report/* smokeFailure */.cR)(report)}`;
    return run.finish({ ...facts, version: restored.manifest.version, backupId: backup.id, rolledBack: true, smoke: report, failure: `${why}; ${after}` });
}
/** Allowance for the Date header's whole seconds against Cloudron's millisecond timestamps. */
const CLOCK_SLACK_MS = 2000;
/** The backup Cloudron took for this run's update: of the version that ran before, created after the update was accepted. */
function preUpdateBackup(backups, previousVersion, acceptedAt) {
    return backups
        .filter((backup) => backup.packageVersion === previousVersion && Date.parse(backup.creationTime) >= acceptedAt.getTime() - CLOCK_SLACK_MS)
        .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
}
/** For mode rollback without a backup id: the newest backup of a version below the one running. */
function newestBackupBelow(backups, installed) {
    return backups
        .filter((backup) => (0,manifest/* compareVersions */.Zy)(backup.packageVersion, installed) < 0)
        .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
}


/***/ }),

/***/ 4760:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NV: () => (/* binding */ cloudronSummary),
/* harmony export */   tw: () => (/* binding */ cloudronFlow)
/* harmony export */ });
/* unused harmony export cloudronOutputs */
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1253);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(265);
/* harmony import */ var _deploy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6329);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4277);




function cloudronOutputs(result) {
    return {
        version: result.version,
        'previous-version': result.previousVersion ?? '',
        'app-id': result.appId,
        url: result.url,
        'backup-id': result.backupId ?? '',
        'rolled-back': String(result.rolledBack),
    };
}
function cloudronSummary(result) {
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .Summary */ .BD()
        .heading(`Cloudron ${result.mode} ${result.failure ? 'failed' : 'done'}: ${result.fqdn}`)
        .table(['app', 'version', 'previous', 'backup', 'rolled back', 'time'], [[
            `${result.fqdn} (${result.appId})`, result.version, result.previousVersion ?? '—', result.backupId ?? '—', result.rolledBack ? 'yes' : 'no',
            `${(result.durationMs / 1000).toFixed(1)} s`,
        ]])
        .list(result.checks.map((check) => `✓ ${check}`));
    if (result.tasks.length > 0) {
        summary.table(['Cloudron task', 'id', 'time'], result.tasks.map((task) => [task.what, task.taskId, `${(task.durationMs / 1000).toFixed(1)} s`]));
    }
    if (result.smoke)
        summary.append((0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_1__/* .smokeSummary */ .WP)(result.smoke));
    if (result.failure)
        summary.text(result.failure);
    return summary;
}
/** The Cloudron target on its own (`strategy: cloudron` maps onto it): REST API with a token, no SSH. */
const cloudronFlow = {
    command: 'cloudron',
    action: 'ssh-deploy',
    describe: 'Install, update, roll back or move an app on Cloudron through its REST API (token, no SSH), then smoke-test it',
    parse: (inputs, context) => (0,_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCloudronSettings */ .h)(inputs, context.workDir),
    run: _deploy_js__WEBPACK_IMPORTED_MODULE_3__/* .runCloudron */ .IU,
    outputs: cloudronOutputs,
    summary: cloudronSummary,
    failure: (result) => result.failure,
    // Its waits watch context.signal; nothing is left on disk (the token is only ever in memory).
    handlesCancel: true,
};


/***/ }),

/***/ 3802:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   cX: () => (/* binding */ manifestVersion)
/* harmony export */ });
/* unused harmony export parseVersion */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);

/**
 * CloudronManifest.json: Cloudron refuses an update unless its `version`
 * increases, and the seed's rule is that the version equals the image tag, so
 * manifest and image move in lockstep. Read and checked before any call.
 */
function readManifest(inputs, name, workDir) {
    const file = inputs.localPath(name, workDir, { mustExist: 'file', fallback: 'CloudronManifest.json' });
    if (file === undefined)
        return inputs.fail(name, 'is required', 'Point it at the app\'s CloudronManifest.json.');
    let parsed;
    try {
        parsed = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8'));
    }
    catch (error) {
        return inputs.fail(name, `is not valid JSON (${error instanceof SyntaxError ? 'syntax error' : error.code ?? 'unreadable'})`, 'Fix CloudronManifest.json: Cloudron reads it as JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return inputs.fail(name, 'does not hold a JSON object', 'A CloudronManifest.json is one object with id, version, httpPort, ….');
    const manifest = parsed;
    if (typeof manifest.version !== 'string' || parseVersion(manifest.version) === undefined) {
        return inputs.fail(name, `has no semantic version in "version" (found ${JSON.stringify(manifest.version ?? null).slice(0, 40)})`, 'Set "version" to e.g. "0.1.1": Cloudron compares versions to accept an update.');
    }
    if (manifest.healthCheckPath !== undefined && (typeof manifest.healthCheckPath !== 'string' || !manifest.healthCheckPath.startsWith('/'))) {
        return inputs.fail(name, 'has a "healthCheckPath" that is not a path starting with /', 'e.g. "healthCheckPath": "/api/health".');
    }
    return { manifest, path: file };
}
/** `1.2.3`, `1.2.3-rc.1`, a leading `v` allowed; build metadata ignored. */
function parseVersion(text) {
    const match = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
    if (!match)
        return undefined;
    return { core: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] ? match[4].split('.') : [] };
}
/** Semver precedence: negative when a < b. Unparseable versions compare as equal (the caller checks first). */
function compareVersions(a, b) {
    const left = parseVersion(a);
    const right = parseVersion(b);
    if (!left || !right)
        return 0;
    for (let index = 0; index < 3; index += 1) {
        const difference = (left.core[index] ?? 0) - (right.core[index] ?? 0);
        if (difference !== 0)
            return Math.sign(difference);
    }
    // A pre-release sorts before its release.
    if (left.prerelease.length === 0 || right.prerelease.length === 0)
        return Math.sign(right.prerelease.length - left.prerelease.length);
    for (let index = 0; index < Math.max(left.prerelease.length, right.prerelease.length); index += 1) {
        const x = left.prerelease[index];
        const y = right.prerelease[index];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        if (x === y)
            continue;
        const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
        if (numeric)
            return Math.sign(Number(x) - Number(y));
        if (/^\d+$/.test(x))
            return -1;
        if (/^\d+$/.test(y))
            return 1;
        return x < y ? -1 : 1;
    }
    return 0;
}
/** The release version a Cloudron deploy ships: the manifest's (the pipeline tags the image with it when no version is given). */
function manifestVersion(inputs, workDir) {
    return readManifest(inputs, 'cloudron-manifest', workDir).manifest.version;
}


/***/ }),

/***/ 4277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ parseCloudronSettings)
/* harmony export */ });
/* unused harmony export CLOUDRON_MODES */
/* harmony import */ var _image_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6950);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8037);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6874);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2112);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3802);



const CLOUDRON_MODES = ['install', 'update', 'rollback', 'move'];
const FQDN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const APP_ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;
/**
 * Every Cloudron input, checked before any request: the origin is an https
 * origin, the token is present (and masked from here on), the manifest parses
 * and its version equals the image tag. The API-side checks (version above the
 * installed one, the token may manage the app) are the preflight's.
 */
function parseCloudronSettings(inputs, workDir) {
    const modeText = inputs.string('mode', 'update');
    // ssh-deploy's own default mode is `deploy`: for Cloudron that is an update.
    const mode = modeText === 'deploy' ? 'update' : inputs.choice('mode', CLOUDRON_MODES, 'update');
    const origin = parseOrigin(inputs);
    const token = inputs.token('cloudron-token', 'Paste the token alone (no Bearer prefix, no trailing newline): it is sent as the Authorization: Bearer header.');
    if (!token) {
        inputs.fail('cloudron-token', 'is required but was empty', "Create a token in the Cloudron dashboard (Profile → API Tokens, Read and Write) and pass it from a secret, e.g. ${{ secrets.CLOUDRON_TOKEN }}.");
    }
    const appText = inputs.optional('cloudron-app');
    const app = appText === undefined ? undefined : parseApp(inputs, appText);
    if (mode !== 'install' && !app) {
        inputs.fail('cloudron-app', `is required for mode ${mode}`, 'Set it to the app\'s id or its location, e.g. staging.example.com.');
    }
    if (mode === 'install' && app)
        inputs.fail('cloudron-app', 'is set for mode install, which creates a new app', "Leave it empty and set 'cloudron-location' to where the new app goes.");
    const locationText = inputs.optional('cloudron-location');
    const location = locationText === undefined ? undefined : parseFqdn(inputs, 'cloudron-location', locationText);
    if ((mode === 'install' || mode === 'move') && !location) {
        inputs.fail('cloudron-location', `is required for mode ${mode}`, mode === 'install' ? 'Set it to the new location, e.g. staging.example.com.' : 'Set it to where the app moves, e.g. example.com for the apex.');
    }
    if (mode !== 'install' && mode !== 'move' && location)
        inputs.fail('cloudron-location', `is only read by modes install and move (found mode ${mode})`, 'Leave it empty, or choose mode move to change the location.');
    let image;
    let manifest;
    let manifestPath;
    if (mode === 'install' || mode === 'update') {
        const imageText = inputs.required('image', 'Set image to the pushed reference, e.g. git.example.com/org/app:0.1.1 (its tag must equal the manifest version).');
        const reference = (0,_image_index_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImageReference */ .o_)(imageText);
        if ('error' in reference)
            return inputs.fail('image', `is not an image reference: ${reference.error}`);
        // The release's version: the image tag, or input 'version' for an image pinned by digest alone (the pipeline's).
        const givenVersion = inputs.optional('version');
        const tag = reference.tag ?? (reference.digest ? givenVersion : undefined);
        if (!tag)
            return inputs.fail('image', `has no tag (found '${imageText}')`, 'Give registry/app:<version> (or …:<version>@sha256:…): the tag must equal the version in CloudronManifest.json.');
        image = { text: imageText, reference: { ...reference, tag } };
        ({ manifest, path: manifestPath } = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .readManifest */ .WI)(inputs, 'cloudron-manifest', workDir));
        const tagVersion = tag.replace(/^v(?=\d)/, '');
        const what = reference.tag ? `the image tag is ${reference.tag}` : `input 'version' is ${tag}`;
        if (manifest.version !== tagVersion) {
            inputs.fail('cloudron-manifest', `has version ${manifest.version} but ${what}`, `Bump "version" in CloudronManifest.json to ${tagVersion}, or push the image as :${manifest.version}: Cloudron's version and the image move in lockstep.`);
        }
    }
    const backupId = inputs.argument('cloudron-backup');
    if (backupId !== undefined && mode !== 'rollback')
        inputs.fail('cloudron-backup', `is only read by mode rollback (found mode ${mode})`);
    if (backupId !== undefined && !/^[A-Za-z0-9_.:-]{1,200}$/.test(backupId))
        inputs.fail('cloudron-backup', `is not a backup id (found '${backupId}')`, 'Copy the id from the app\'s Backups tab, or leave it empty to restore the backup taken before the last update.');
    const healthUrl = inputs.optional('health-url');
    if (healthUrl !== undefined) {
        let url;
        try {
            url = /\s/.test(healthUrl) ? undefined : new URL(healthUrl.replace(/\{fqdn\}/g, 'app.example.com'));
        }
        catch {
            url = undefined;
        }
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
            inputs.fail('health-url', `is not a URL with http or https (found '${healthUrl.split(/\s/)[0]?.slice(0, 80)}')`, 'e.g. https://{fqdn}/api/health ({fqdn} is the app\'s location).');
        }
        // The smoke URL is printed in the log and the summary: a password in it would be too.
        if (url.username || url.password)
            inputs.fail('health-url', 'has credentials in it', 'The smoke test calls the app without credentials; remove user:password@.');
    }
    const versionPath = inputs.optional('cloudron-version-path');
    if (versionPath !== undefined && !(0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonPath */ .H)(versionPath)) {
        inputs.fail('cloudron-version-path', `is not a JSON path (found '${versionPath.split(/\r?\n/)[0]?.slice(0, 60)}')`, 'Write e.g. version, build.version or $.app["version"].');
    }
    const connectText = inputs.optional('connect-to');
    return {
        mode, origin, token, app, location, image, manifest, manifestPath, backupId,
        caCertificates: (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_3__/* .readCaBundle */ .h)(inputs, workDir),
        smokeConnect: connectText === undefined ? undefined : (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_4__/* .parseConnectTarget */ .TA)(connectText, (problem, fix) => inputs.fail('connect-to', problem, fix)),
        healthUrl,
        versionPath,
        healthTimeoutMs: inputs.duration('health-timeout', 5 * 60_000, { min: 1000 }),
        taskTimeoutMs: inputs.duration('cloudron-task-timeout', 30 * 60_000, { min: 1000 }),
        pollIntervalMs: inputs.duration('cloudron-poll-interval', 2000, { min: 50, max: 60_000 }),
        requestTimeoutMs: 30_000,
        rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
        verifyAnonymousPull: inputs.boolean('cloudron-verify-anonymous-pull', true),
        // The Cloudron host is x86_64 (seed 001); Cloudron pulls the amd64 manifest.
        verifyPlatform: 'linux/amd64',
    };
}
/** A host the dashboard can have: a domain name, `localhost`, an IPv4 address or a bracketed IPv6 one. */
const ORIGIN_HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|localhost|\[[0-9a-f:.]+\])$/;
function parseOrigin(inputs) {
    const text = inputs.required('cloudron-origin', 'Set it to the Cloudron dashboard, e.g. my.example.com or https://my.example.com.');
    // One word with no dot is no address: most likely the token, pasted here, so it is never quoted.
    const oneWord = (host) => !host.includes('.') && !host.startsWith('[') && host !== 'localhost';
    const notAnAddress = (found) => inputs.fail('cloudron-origin', oneWord(found) ? `is not the dashboard's address (found one word of ${found.length} characters, no dot; a token belongs in 'cloudron-token')` : `is not an address (found '${found}')`, 'e.g. my.example.com or https://my.example.com.');
    // The URL parser drops tabs and line breaks: the text is judged as written.
    if (/\s/.test(text))
        return inputs.fail('cloudron-origin', 'holds spaces or line breaks', 'Write the address on one line, e.g. https://my.example.com.');
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        return notAnAddress(text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
    }
    if (url.username || url.password)
        inputs.fail('cloudron-origin', 'holds credentials', "Give the token in input 'cloudron-token', never in the address.");
    if (!ORIGIN_HOST.test(url.hostname))
        notAnAddress(url.hostname);
    if (url.protocol !== 'https:')
        inputs.fail('cloudron-origin', `is not https (found '${text}')`, 'The token travels in a header: Cloudron\'s dashboard is served over https, give https://my.<domain>.');
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
        inputs.fail('cloudron-origin', `has a path or query (found '${url.pathname}${url.search ? '?…' : ''}')`, 'Give the origin only, e.g. https://my.example.com: Slipway adds /api/v1.');
    return url;
}
function parseApp(inputs, text) {
    if (text.includes('.'))
        return { fqdn: parseFqdn(inputs, 'cloudron-app', text) };
    if (!APP_ID.test(text))
        inputs.fail('cloudron-app', `is neither an app id nor a location (found '${text}')`, 'Give the id from the app\'s info page, or its location, e.g. staging.example.com.');
    return { id: text };
}
function parseFqdn(inputs, name, text) {
    const fqdn = text.toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (!FQDN.test(fqdn))
        inputs.fail(name, `is not a domain name (found '${text}')`, 'Give the full name, e.g. staging.example.com, or example.com for the apex.');
    return fqdn;
}


/***/ }),

/***/ 5349:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ hostRelativePath),
/* harmony export */   W: () => (/* binding */ hostDirectory)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);

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
function checkLengths(inputs, name, value) {
    if (value.length > MAX_PATH)
        inputs.fail(name, `is ${value.length} characters long (at most ${MAX_PATH})`, 'Give the path itself, not a paste of something else.');
    if (value.split('/').some((segment) => segment.length > MAX_NAME)) {
        inputs.fail(name, `has a name longer than ${MAX_NAME} characters between two '/'`, 'File systems refuse such names: shorten it.');
    }
}
/**
 * An application directory on the host: absolute, normalised, no `.`/`..`
 * segment, no shell characters, never `/` itself (locks and releases live
 * under it). `placeholders` (e.g. `{host}`) are the only braces allowed.
 */
function hostDirectory(inputs, name, value, placeholders = []) {
    const plain = placeholders.reduce((text, placeholder) => text.replaceAll(placeholder, 'x'), value);
    if (!value.startsWith('/') || SHELL_CHARACTERS.test(plain)) {
        inputs.fail(name, `is not an absolute path without shell characters (found '${value.slice(0, 80)}')`, 'Write the directory on the host, e.g. /srv/myapp.');
    }
    checkLengths(inputs, name, value);
    if (plain.split('/').some((segment) => segment === '..' || segment === '.')) {
        inputs.fail(name, `has a '.' or '..' segment (found '${value.slice(0, 80)}')`, 'Write the directory as it is, e.g. /srv/myapp, without . or .. parts.');
    }
    const normalised = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(value).replace(/\/+$/, '');
    if (normalised === '')
        inputs.fail(name, "is the root directory '/'", 'Give the application its own directory, e.g. /srv/myapp.');
    return normalised;
}
/**
 * A path inside app-dir (a compose file, an env file, a shared path): relative,
 * no `..`, plain characters, not starting with `-`. `file: true` for a single
 * file Slipway writes or reads (a lock, a log, a template): no `.` or empty segment and
 * no trailing `/` either, so it can never name app-dir itself or a directory; a leading
 * `./` is dropped.
 */
function hostRelativePath(inputs, name, value, options = {}) {
    const example = options.example ?? 'docker-compose.yml';
    if (!RELATIVE_PATH.test(value) || value.startsWith('-')) {
        inputs.fail(name, `is not a path inside app-dir (found '${value.slice(0, 80)}', expected e.g. ${example})`, `Write the path relative to app-dir, e.g. ${example}: no leading / or -, no .., letters, digits and . _ / @ + - only.`);
    }
    checkLengths(inputs, name, value);
    if (!options.file)
        return value;
    // `./deploy.log` is deploy.log; what is left must name a file: no empty or '.' part, no trailing '/'.
    const file = value.replace(/^(?:\.\/)+/, '');
    if (file.split('/').some((segment) => segment === '' || segment === '.')) {
        inputs.fail(name, `does not name a file under app-dir (found '${value.slice(0, 80)}': an empty or '.' part, or a trailing /)`, `Name the file itself, e.g. ${example}.`);
    }
    return file;
}


/***/ }),

/***/ 2199:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c2: () => (/* binding */ parseDeploySettings)
});

// UNUSED EXPORTS: VERSION, forHost

// EXTERNAL MODULE: ./build/src/core/config/host-paths.js
var host_paths = __webpack_require__(5349);
// EXTERNAL MODULE: ./build/src/ssh/inputs.js
var ssh_inputs = __webpack_require__(7183);
// EXTERNAL MODULE: ./build/src/deploy/common-settings.js
var common_settings = __webpack_require__(2164);
// EXTERNAL MODULE: ./build/src/deploy/strategies/index.js + 18 modules
var strategies = __webpack_require__(2141);
;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/settings.js
const ZERO_DOWNTIME_INPUTS = (/* unused pure expression or super */ null && ([
    'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
    'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout',
]));
const ABSOLUTE_PATH = /^\/[A-Za-z0-9._/@+-]+$/;
/** Reads the zero-downtime inputs; undefined when the option is off. */
function parseZeroDowntimeSettings(inputs, strategy, healthUrl) {
    if (!inputs.boolean('zero-downtime', false))
        return undefined;
    if (strategy !== 'compose') {
        inputs.fail('zero-downtime', `is only available for the compose strategy (found strategy ${strategy})`, 'Use strategy: compose, or set zero-downtime: false.');
    }
    if (!healthUrl) {
        inputs.fail('health-url', 'is required with zero-downtime (found nothing)', 'Set health-url to the app\'s health endpoint as the host sees it, e.g. http://127.0.0.1:8080/api/health: the new copy is checked on its own port before any traffic moves, and its port is where the proxy points today.');
    }
    const portsText = inputs.optional('slot-ports') ?? '20080-20099';
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(portsText.trim());
    const first = Number(match?.[1]);
    const last = Number(match?.[2] ?? match?.[1]);
    if (!match || first < 1024 || last > 65535 || last < first) {
        inputs.fail('slot-ports', `is not a port range (found '${portsText}', expected e.g. 20080-20099 within 1024-65535)`);
    }
    if (last === first)
        inputs.fail('slot-ports', `needs at least two ports, one for each copy during a switch (found '${portsText}')`, 'Give a range such as 20080-20099.');
    const portEnv = inputs.optional('port-env') ?? 'PORT';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portEnv))
        inputs.fail('port-env', `is not an environment variable name (found '${portEnv}')`);
    const proxy = inputs.choice('proxy', ['caddy', 'nginx', 'command'], 'caddy');
    const caddyAdmin = inputs.optional('caddy-admin') ?? '127.0.0.1:2019';
    if (!/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/.test(caddyAdmin))
        inputs.fail('caddy-admin', `is not host:port (found '${caddyAdmin}', expected e.g. 127.0.0.1:2019)`);
    const nginxUpstreamFile = inputs.optional('nginx-upstream-file');
    if (proxy === 'nginx' && !nginxUpstreamFile) {
        inputs.fail('nginx-upstream-file', 'is required with proxy: nginx', 'Set it to the file your `upstream` block includes, e.g. /etc/nginx/slipway/app-upstream.conf (writable by the SSH user).');
    }
    if (nginxUpstreamFile !== undefined && (!ABSOLUTE_PATH.test(nginxUpstreamFile) || nginxUpstreamFile.split('/').includes('..')))
        inputs.fail('nginx-upstream-file', `is not an absolute path without shell characters (found '${nginxUpstreamFile}')`);
    const switchCommand = inputs.optional('proxy-switch-command');
    if (proxy === 'command' && !switchCommand) {
        inputs.fail('proxy-switch-command', 'is required with proxy: command', 'Set it to a command that points your proxy at the port given as its last argument, e.g. /usr/local/bin/switch-upstream.');
    }
    const proxyHealthUrl = inputs.optional('proxy-health-url');
    if (proxyHealthUrl !== undefined && !/^https?:\/\/\S+$/.test(proxyHealthUrl)) {
        inputs.fail('proxy-health-url', `is not an http or https URL (found '${proxyHealthUrl.split(/\r?\n/)[0]?.slice(0, 80)}')`, 'e.g. http://127.0.0.1/api/health, as the host reaches the proxy.');
    }
    return {
        ports: { first, last },
        portEnv,
        proxy,
        caddyAdmin,
        nginxUpstreamFile,
        nginxCommand: inputs.optional('nginx-command') ?? 'nginx',
        switchCommand,
        proxyHealthUrl,
        drainTimeoutMs: inputs.duration('drain-timeout', 30_000),
        watchMs: inputs.duration('watch-window', 0),
        stopTimeoutS: Math.ceil(inputs.duration('stop-timeout', 10_000) / 1000),
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/settings.js






/** Every mode some strategy reads: the SSH ones deploy and rollback; cloudron also install, update and move (it checks its own). */
const EVERY_MODE = ['deploy', 'rollback', 'install', 'update', 'move'];
/**
 * Every deploy input, checked here before any connection: files it names exist
 * on the runner (artifact, stack file), the health URL is a URL, env names are
 * names. `workDir` is where relative local paths start (the workspace). Each
 * strategy reads its own part (strategies/).
 */
function parseDeploySettings(inputs, workDir = process.cwd()) {
    const strategy = inputs.choice('strategy', strategies/* STRATEGY_NAMES */.nU, 'compose');
    // A strategy without hosts (cloudron) checks its own modes and needs no SSH input and no app-dir.
    const hostless = strategies/* STRATEGIES */.YL[strategy].withoutHosts;
    const mode = hostless
        ? (inputs.choice('mode', EVERY_MODE, 'deploy') === 'rollback' ? 'rollback' : 'deploy')
        : inputs.choice('mode', ['deploy', 'rollback'], 'deploy');
    const ssh = hostless ? { targets: [] } : (0,ssh_inputs/* parseSshInputs */.d)(inputs, { commandTimeoutMs: 10 * 60_000 });
    const appDir = hostless ? '' : parseAppDir(inputs);
    const relative = (name, value) => (0,host_paths/* hostRelativePath */.K)(inputs, name, value);
    const chosen = strategies/* STRATEGIES */.YL[strategy];
    const part = chosen.parse(inputs, { mode, workDir, relative });
    // Without hosts, health-url is the strategy's own (cloudron: the app's public URL, `{fqdn}` filled in).
    const healthUrl = hostless ? undefined : parseHealthUrl(inputs);
    const givenVersion = inputs.optional('version');
    // The version is written to the deploy log and the summary and echoed in health checks: one plain word.
    if (givenVersion !== undefined && !common_settings/* VERSION */.x.test(givenVersion)) {
        inputs.fail('version', `is not a version (found '${givenVersion.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or sha-0a1b2c3.');
    }
    const version = givenVersion ?? chosen.impliedVersion?.(part) ?? (mode === 'rollback' ? 'previous' : new Date().toISOString().replace(/[-:]|\.\d+/g, ''));
    const base = {
        ssh, strategy, mode, appDir, version,
        // The deploy env holds the app's secrets: masked whole and in pieces, names checked before connecting.
        env: inputs.keyValues('env', { secret: true, envNames: true }),
        health: { url: healthUrl, expect: inputs.optional('health-expect'), timeoutMs: inputs.duration('health-timeout', 60_000, { min: 1000 }) },
        batchSize: inputs.integer('batch-size', 0, { min: 0, max: 1000 }),
        lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
        // 0 would call every lock stale, so a second deploy would take over one in progress.
        lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000, { min: 1000, timer: false }),
    };
    // An option of the compose strategy; refused with any other.
    const zeroDowntime = parseZeroDowntimeSettings(inputs, strategy, healthUrl);
    // Zero-downtime runs copies under their own project names, beside the user's: their image stays in Slipway's overrides.
    if (zeroDowntime && inputs.optional('image-variable') !== undefined) {
        inputs.fail('image-variable', 'does not work with zero-downtime yet', 'Leave image-variable empty with zero-downtime, or turn zero-downtime off to keep the image in your env file.');
    }
    return { ...base, ...part, ...(zeroDowntime ? { zeroDowntime } : {}) };
}
/** Absolute, normalised, no `..`, no shell characters, never `/` itself (releases and locks live under it). */
function parseAppDir(inputs) {
    const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host, e.g. /srv/myapp.');
    return (0,host_paths/* hostDirectory */.W)(inputs, 'app-dir', appDir, ['{host}', '{index}']);
}
/** The health URL as the host sees it; `{host}`/`{index}`/`{version}` are filled in later, so they are checked as text. */
function parseHealthUrl(inputs) {
    const value = inputs.optional('health-url');
    if (value === undefined)
        return undefined;
    if (/\s/.test(value))
        inputs.fail('health-url', 'has spaces or line breaks in it', 'Write the URL on one line, e.g. http://127.0.0.1:8080/api/health.');
    let url;
    try {
        url = new URL(value.replace(/\{(host|index|version)\}/g, '1'));
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        inputs.fail('health-url', `is not an http or https URL (found '${value.slice(0, 80)}')`, 'Write the URL as the host reaches the app, e.g. http://127.0.0.1:8080/api/health.');
    }
    if (url.username || url.password)
        inputs.fail('health-url', 'has credentials in it', 'Health endpoints are checked without credentials; remove user:password@.');
    return value;
}


/***/ }),

/***/ 2141:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YL: () => (/* binding */ STRATEGIES),
  nU: () => (/* binding */ STRATEGY_NAMES),
  GQ: () => (/* binding */ hostPathsFor),
  fY: () => (/* binding */ strategyFor),
  tS: () => (/* binding */ strategyReportsSummary)
});

// EXTERNAL MODULE: ./build/src/core/summary.js
var core_summary = __webpack_require__(1253);
// EXTERNAL MODULE: ./build/src/cloudron/settings.js
var settings = __webpack_require__(4277);
;// CONCATENATED MODULE: ./build/src/cloudron/plan.js
/**
 * The requests a run sends, in order, for the dry run: the same calls
 * `runCloudron` makes (preflight reads, the one change, the waits, the smoke
 * test), with `<id>` where only Cloudron knows the value. The token is never
 * shown: it travels as a header.
 */
function planCloudron(settings) {
    const app = settings.app ? ('id' in settings.app ? settings.app.id : `<id of ${settings.app.fqdn}>`) : '<new id>';
    const api = (line) => `${settings.origin.origin}/api/v1 ${line}`;
    const lines = [api('GET /profile (the token reaches the API; its role)')];
    if (settings.app)
        lines.push(api('id' in settings.app ? `GET /apps/${app}` : `GET /apps (find ${settings.app.fqdn})`));
    if (settings.mode === 'update')
        lines.push(`check: CloudronManifest.json version ${settings.manifest?.version} > the installed app's version`);
    if (settings.location)
        lines.push(api(`GET /domains, GET /apps (${settings.location} is on a Cloudron domain and free)`));
    if (settings.image && settings.verifyAnonymousPull)
        lines.push(`check: ${settings.image.text} pulls anonymously for ${settings.verifyPlatform} (registry API, by digest)`);
    const wait = [api('GET /tasks/<task> until done (progress logged)'), api(`GET /apps/${app} until installed, running, healthy`)];
    const smoke = `smoke: ${settings.healthUrl ?? `https://{fqdn}${settings.manifest?.healthCheckPath ?? '<healthCheckPath>'}`}`;
    if (settings.mode === 'install') {
        lines.push(api(`POST /apps {manifest ${settings.manifest?.version}, dockerImage ${settings.image?.text}, location ${settings.location}}`), ...wait, smoke);
    }
    else if (settings.mode === 'update') {
        lines.push(api(`POST /apps/${app}/update {manifest ${settings.manifest?.version}, dockerImage ${settings.image?.text}, skipBackup false}`), ...wait, smoke);
        if (settings.rollbackOnFailure)
            lines.push(`on a failed task or red smoke: ${settings.origin.origin}/api/v1 GET /apps/${app}/backups, POST /apps/${app}/restore {the backup Cloudron took for this update}, wait, smoke`);
    }
    else if (settings.mode === 'rollback') {
        lines.push(api(settings.backupId ? `POST /apps/${app}/restore {backupId ${settings.backupId}}` : `GET /apps/${app}/backups, POST /apps/${app}/restore {the newest backup below the running version}`), ...wait, smoke);
    }
    else {
        lines.push(api(`POST /apps/${app}/configure/location {${settings.location}}`), ...wait, smoke.replace('{fqdn}', settings.location ?? '{fqdn}'));
    }
    return lines;
}

// EXTERNAL MODULE: ./build/src/cloudron/flow.js
var flow = __webpack_require__(4760);
// EXTERNAL MODULE: ./build/src/cloudron/deploy.js + 4 modules
var deploy = __webpack_require__(6329);
;// CONCATENATED MODULE: ./build/src/deploy/strategies/cloudron.js

const noHost = async () => { throw new Error('the cloudron strategy runs without hosts (withoutHosts.run)'); };
function describeTarget(settings) {
    const app = settings.location ?? (settings.app ? ('id' in settings.app ? settings.app.id : settings.app.fqdn) : '?');
    return `cloudron ${settings.origin.host}: ${app}`;
}
/** A Cloudron run as the fleet reports a host: status, versions, Cloudron's own account in the report. */
function cloudronHostOutcome(result) {
    const report = { strategy: 'cloudron', json: result };
    const status = result.failure
        ? (result.rolledBack ? 'rolled-back' : 'failed')
        : result.mode === 'rollback' ? 'rolled-back' : 'deployed';
    const done = result.mode === 'install' ? `installed at ${result.fqdn}` : result.mode === 'move' ? `moved to ${result.fqdn}` : `${result.fqdn} runs ${result.version}`;
    return {
        host: `cloudron ${result.fqdn}`, status, version: result.version, previous: result.previousVersion ?? '',
        message: result.failure ?? `${done}${result.smoke?.passed ? ', smoke test passed' : ''}`,
        changed: true, durationMs: result.durationMs, reports: [report],
    };
}
/**
 * Cloudron through its REST API with a token (docs/cloudron.md): install side
 * by side, update, rollback by restoring Cloudron's own backup, move. No
 * host, no SSH: `withoutHosts` is what the fleet runs.
 */
const cloudronStrategy = {
    name: 'cloudron',
    parse: (inputs, { workDir }) => ({ cloudron: (0,settings/* parseCloudronSettings */.h)(inputs, workDir) }),
    impliedVersion: ({ cloudron }) => cloudron.manifest?.version,
    plan: ({ cloudron }) => planCloudron(cloudron),
    deploy: noHost,
    rollback: noHost,
    summarize: (report) => (0,flow/* cloudronSummary */.NV)(report.json),
    withoutHosts: {
        plan: ({ cloudron }) => planCloudron(cloudron),
        target: ({ cloudron }) => describeTarget(cloudron),
        run: async ({ cloudron }, context) => cloudronHostOutcome(await (0,deploy/* runCloudron */.IU)(cloudron, context)),
    },
};

// EXTERNAL MODULE: ./build/src/deploy/host-state.js
var host_state = __webpack_require__(5131);
// EXTERNAL MODULE: ./build/src/core/command.js
var command = __webpack_require__(9764);
// EXTERNAL MODULE: ./build/src/deploy/common-settings.js
var common_settings = __webpack_require__(2164);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var cancel = __webpack_require__(4091);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __webpack_require__(2738);
// EXTERNAL MODULE: ./build/src/deploy/compose-commands.js
var compose_commands = __webpack_require__(8520);
// EXTERNAL MODULE: ./build/src/deploy/container-probe.js
var container_probe = __webpack_require__(3033);
// EXTERNAL MODULE: ./build/src/deploy/health.js
var deploy_health = __webpack_require__(575);
;// CONCATENATED MODULE: ./build/src/deploy/compose-env-file.js
/**
 * The one line of a compose env file (`.env`) that holds the image variable (`TAG=1.4.2` or
 * `IMAGE=registry/app:1.4.2`). Only that line changes; every other byte of the file (the user's
 * secrets, comments, order) is kept. Compose reads the last definition of a name, so the last one
 * is the line that counts.
 */
const linePattern = (name) => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);
/** A value that is a tag alone: no repository, no digest (a tag can hold none of `/`, `:` and `@`). */
const PLAIN_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
function lastIndexOf(lines, name) {
    const pattern = linePattern(name);
    for (let i = lines.length - 1; i >= 0; i -= 1)
        if (pattern.test(lines[i] ?? ''))
            return i;
    return -1;
}
/** The line that sets `name` as it is in the file, or '' when the file does not set it. */
function envLineOf(text, name) {
    const lines = text.split('\n');
    return lines[lastIndexOf(lines, name)] ?? '';
}
/** The value a line gives its name, quotes taken off. */
function envLineValue(line) {
    const value = line.slice(line.indexOf('=') + 1).trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    return quoted ? (quoted[2] ?? '') : value;
}
/**
 * The file with the line that sets `name` replaced by `line`: added at the end when the file did
 * not set it, removed when `line` is '' (put back as it was before Slipway added it).
 */
function withEnvLine(text, name, line) {
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    const index = lastIndexOf(lines, name);
    if (index >= 0) {
        if (line)
            lines[index] = line;
        else
            lines.splice(index, 1);
    }
    else if (line)
        lines.push(line);
    return lines.length ? `${lines.join('\n')}\n` : '';
}
/**
 * What the variable is set to for `image`: the whole reference, or only its tag (and digest) where
 * the file holds a plain tag today (`image: app:${TAG}`). A digest-only reference (what the pipeline
 * deploys: `app@sha256:…`) goes in as `<version>@sha256:…`, which reads `app:<version>@sha256:…`: the
 * digest decides what runs, the version names it.
 */
function variableValueFor(image, currentValue, version) {
    if (!currentValue || !PLAIN_TAG.test(currentValue))
        return { value: image };
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const at = image.indexOf('@', lastSlash + 1);
    if (colon >= 0 && (at < 0 || colon < at))
        return { value: image.slice(colon + 1) };
    if (at >= 0 && PLAIN_TAG.test(version))
        return { value: `${version}${image.slice(at)}` };
    return { problem: `holds a tag (${currentValue}) but the image ${image} has none` };
}

// EXTERNAL MODULE: ./build/src/deploy/host-run.js
var host_run = __webpack_require__(8739);
;// CONCATENATED MODULE: ./build/src/deploy/compose.js












const PATHS_FIX = 'Create them on the host (or fix app-dir, compose-file, env-file): Slipway deploys into an existing compose setup and never writes your compose file';
const NO_COMPOSE = (run) => new errors/* SlipwayError */.GQ(`${run.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
/** The paths a compose deploy needs on the host before it starts. */
function pathChecks(run) {
    const { compose } = run.settings;
    return [
        { path: run.appDir, kind: 'dir', what: 'app-dir' },
        ...compose.files.map((file) => ({ path: `${run.appDir}/${file}`, kind: 'file', what: 'compose-file' })),
        // With image-variable and no env-file, compose's default .env is created when missing.
        ...(compose.envFile ? [{ path: `${run.appDir}/${compose.envFile}`, kind: 'file', what: 'env-file' }] : []),
    ];
}
function contextOf(run, flavor) {
    const { compose } = run.settings;
    const project = compose.project ? (0,common_settings/* forHost */.c)(compose.project, run.session.target.host, run.index) : undefined;
    const stateBase = host_state/* hostFiles */.qZ.composeBase(run.appDir, project, compose.service);
    return {
        flavor,
        compose,
        project: { appDir: run.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: compose.imageVariable ? undefined : `${stateBase}.override.json` },
        projectName: project ?? (0,compose_commands/* defaultProjectName */.Y7)(run.appDir),
        stateFile: `${stateBase}.state`,
        ...(compose.imageVariable ? { envFile: `${run.appDir}/${projectEnvFile(compose)}` } : {}),
    };
}
/** The paths checked and the compose context (the zero-downtime option's start): the look the fleet ran with the lock, else one of its own. */
async function prepare(run) {
    return (await lookAt(run)).ctx;
}
async function runningImageOf(run, ctx) {
    const ids = (await run.session.exec((0,compose_commands/* serviceContainersWords */.Ru)(ctx.projectName, ctx.compose.service, false, { oneOffs: false }))).stdout.split('\n').filter(Boolean);
    if (ids.length === 0)
        return undefined;
    const inspected = (await run.session.exec(['docker', 'inspect', '--format', '{{.Config.Image}}|{{.Image}}', ids[0] ?? ''])).stdout.trim();
    return imageOf(inspected);
}
function imageOf(inspected) {
    const [image = '', id = ''] = inspected.split('|');
    return image ? { image, id } : undefined;
}
/** The reference (tag or digest) the service runs, for messages and the version label. */
async function runningImage(run, ctx) {
    return (await runningImageOf(run, ctx))?.image;
}
/** A look at this run's project, with a separator of its own (random: file text cannot pass for a part). */
function lookRequest(run) {
    const draft = contextOf(run, 'v2');
    return {
        separator: `slipway-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`, stateFile: draft.stateFile, envFile: draft.envFile, checks: pathChecks(run),
        projectName: draft.projectName, service: run.settings.compose.service,
    };
}
/** The look the fleet runs with the lock (LOOK_SCRIPT: paths, compose, what runs, state, env file). */
function composeLookWithLock(run) {
    return { script: compose_commands/* LOOK_SCRIPT */.UX, args: (0,compose_commands/* lookArgs */.DO)(lookRequest(run)) };
}
/** The look the fleet ran with the lock (once), else one round trip of its own. */
async function lookAt(run) {
    const { compose } = run.settings;
    // The answer is read with the separator it was asked with.
    const looked = (0,host_run/* takeLooked */.ac)(run);
    let separator = looked ? (0,compose_commands/* lookSeparator */.VA)(looked.args) : undefined;
    let stdout = looked?.stdout ?? '';
    if (!looked || !separator) {
        const request = lookRequest(run);
        separator = request.separator;
        stdout = (await run.session.exec((0,compose_commands/* lookWords */.RD)(request), { label: `ssh ${run.session.target.host}: look at ${compose.service} (paths, compose, containers, state)` })).stdout;
    }
    const parts = (0,compose_commands/* lookParts */.L3)(stdout, separator);
    if (!parts)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: the host's answer to Slipway's look at the compose project was cut short`, { fix: 'Run the deploy again; the host\'s sh must be a POSIX shell' });
    const missing = (parts.get('missing') ?? '').split('\n').filter(Boolean);
    if (missing.length)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: missing on the host: ${missing.join(', ')}`, { fix: PATHS_FIX });
    const flavor = parts.get('compose')?.trim();
    if (flavor !== 'v1' && flavor !== 'v2')
        throw NO_COMPOSE(run);
    return {
        ctx: contextOf(run, flavor),
        running: imageOf((parts.get('running') ?? '').trim()),
        state: (0,host_state/* parseStateText */.A6)(parts.get('state') ?? ''),
        envText: parts.get('env') ?? '',
    };
}
/**
 * The look, with what the app serving now says it is (an HTTP check through the SSH forward); that
 * answer counts only when the look finds the service running. Asked beside a look of its own, or,
 * when the fleet already looked with the lock, right after it and only when the service runs.
 */
async function lookBesideServingVersion(run) {
    if (run.looked !== undefined) {
        const seen = await lookAt(run);
        return { seen, answered: seen.running ? await (0,deploy_health/* servingVersion */.vP)(run.session, run.settings.health, run.log) : undefined };
    }
    const asked = (0,deploy_health/* servingVersion */.vP)(run.session, run.settings.health, run.log);
    let seen;
    try {
        seen = await lookAt(run);
    }
    finally {
        // Never left in flight: its tunnel is closed before anything else happens.
        await asked;
    }
    return { seen, answered: seen.running ? await asked : undefined };
}
/**
 * The state a deploy or rollback ends with (RECORD_STATE_SCRIPT), written in the host's last round
 * trip with the deploy-log line and the lock release when the fleet keeps it there, else now; before
 * the lock is released either way. A failed write fails the host.
 */
async function recordState(run, ctx, state) {
    await (0,host_run/* runClosing */.VE)(run, {
        script: compose_commands/* RECORD_STATE_SCRIPT */.SI, args: [ctx.stateFile], stdin: (0,host_state/* stateText */.r9)(state), vital: true,
        settle: (stdout, exitCode) => {
            const problem = (0,compose_commands/* recordStateProblem */.kr)(stdout, exitCode);
            return problem === undefined ? undefined : new errors/* SlipwayError */.GQ(`${run.session.name}: could not record the ${state.status ?? 'deploy'} state in ${ctx.stateFile} (${problem})`, {
                fix: 'Check the SSH user can write to app-dir/.slipway on the host; a rollback reads this file',
            });
        },
    });
}
/** The env file's text on the host ('' when it does not exist yet). */
const readEnvFile = (run, ctx) => (0,host_state/* readOrEmpty */.l2)(run.session, ctx.envFile ?? '', 'slipway-env-file');
/**
 * What points the service at `target`: the override's image, or with image-variable the variable's
 * line in the env file `envText` ('' removes a line Slipway added; the file keeps its mode).
 */
function pointWrite(ctx, target, envText) {
    if (ctx.envFile && ctx.compose.imageVariable)
        return { path: ctx.envFile, text: withEnvLine(envText, ctx.compose.imageVariable, target), keepMode: true };
    return { path: ctx.project.overrideFile ?? '', text: (0,compose_commands/* renderImageOverride */.K$)(ctx.compose.service, target) };
}
/** A write's label: the image it points at, or only which env file line (the file's values stay out of logs). */
const pointsAt = (ctx, target) => (ctx.compose.imageVariable ? `set ${ctx.compose.imageVariable} in ${ctx.envFile}` : `point ${ctx.compose.service} at ${target}`);
/**
 * One round trip (PREPARE_SCRIPT): `pin` tags the image that runs as the rollback tag first (fails
 * clearly if that image is gone, before any file is written), then each file is written atomically.
 */
async function writeFiles(run, pin, files, label) {
    const { words, stdin } = (0,compose_commands/* prepareWords */.ds)(pin, files);
    const result = await run.session.exec(words, { stdin, allowFailure: true, label });
    if (result.exitCode === 3 && pin) {
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: the previous image ${pin.imageId} is no longer on the host (${result.stderr.trim().split('\n').pop() ?? ''})`, {
            fix: 'Deploy the version you want by its tag or digest with mode: deploy',
        });
    }
    if (result.exitCode !== 0)
        throw new errors/* ProcessError */.yI({ command: label, exitCode: result.exitCode, stderr: result.stderr });
}
/** Where a deploy's files go back to: the service pointed at `target` and, when given, the state file as `state`; the env file read again first (image-variable). */
async function pointBack(run, ctx, target, state) {
    const files = [];
    if (target !== undefined)
        files.push(pointWrite(ctx, target, ctx.compose.imageVariable ? await readEnvFile(run, ctx) : ''));
    if (state)
        files.push({ path: ctx.stateFile, text: (0,host_state/* stateText */.r9)(state) });
    if (files.length)
        await writeFiles(run, undefined, files, `ssh ${run.session.target.host}: point ${ctx.compose.service} back${target !== undefined ? ` (${pointsAt(ctx, target)})` : ''}`);
}
/**
 * Bring the service up as the override (or env file) now says; finishes on the host even if the
 * connection drops. `beforeUp` may stop it between pull and up (a cancel), before anything that runs changed.
 */
async function bringUp(run, ctx, pull, beforeUp) {
    const env = { ...run.settings.env };
    // The env file alone decides the image variable: a shell value would win over it in Slipway's run only.
    if (ctx.compose.imageVariable)
        delete env[ctx.compose.imageVariable];
    if (pull)
        await run.session.exec((0,compose_commands/* composeWords */.cp)(ctx.flavor, ctx.project, 'pull', ctx.compose.service), { env, label: `compose pull ${ctx.compose.service} on ${run.session.target.host}` });
    beforeUp?.();
    await run.session.exec((0,compose_commands/* composeWords */.cp)(ctx.flavor, ctx.project, 'up', '-d', '--remove-orphans'), {
        env, survivesDisconnect: true, stream: true, label: `compose up on ${run.session.target.host}`,
    });
}
function polledContainer(line) {
    const tab = line.indexOf('\t');
    const [status = '', health = '', image = '', id = ''] = (tab === -1 ? line : line.slice(0, tab)).split('|');
    const probe = tab === -1 ? undefined : (0,container_probe/* parseHealthProbe */.O2)(line.slice(tab + 1));
    return { status, health, image, id, ...(probe ? { probe } : {}) };
}
/**
 * While Docker says 'starting', run each such container's own health check once (container-probe.ts):
 * true when every one passed. Each runs within its health check's timeout and what is left of the wait.
 */
async function passedOwnHealthChecks(run, service, starting, deadline) {
    const results = await Promise.all(starting.map((container) => {
        const probe = container.probe;
        // The check's own timeout, plus a second for the round trip; never past the wait by more than that second.
        const timeoutMs = Math.max(1000, Math.min(probe.timeoutMs + 1000, deadline - Date.now()));
        return run.session.exec((0,container_probe/* probeWords */.K9)(probe), { allowFailure: true, timeoutMs, label: `ssh ${run.session.target.host}: run ${service}'s own health check` })
            .then((result) => result.exitCode === 0, () => false);
    }));
    return results.every(Boolean);
}
/**
 * Waits until every container of the service runs and, where it has a health check, is healthy (one
 * round trip a poll); then the HTTP check for `version` (undefined: a version nobody recorded, so
 * health-expect's version part is skipped). A healthy verdict carries what the service then runs.
 * `signal`: a cancel ends the wait as a failed check, so the caller rolls back (docs/cancel.md).
 */
async function waitHealthy(run, ctx, version, signal) {
    const deadline = Date.now() + run.settings.health.timeoutMs;
    let last = 'no container';
    let running;
    for (let polls = 1;; polls += 1) {
        if (signal?.aborted)
            return { healthy: false, detail: CANCELLED_WHILE_VERIFYING };
        const polled = (await run.session.exec((0,compose_commands/* pollWords */.Xd)(ctx.projectName, ctx.compose.service), { label: `ssh ${run.session.target.host}: state of ${ctx.compose.service}'s containers` }))
            .stdout.trim().split('\n').filter(Boolean).map(polledContainer);
        if (polled.length > 0) {
            last = polled.map((c) => `${c.status}|${c.health}`).join(', ');
            // A container compose is removing (the one it replaced) no longer serves, whatever its health said.
            const live = polled.filter((c) => c.status && c.status !== 'removing');
            if (live.some((c) => c.health === 'unhealthy' || c.status === 'exited' || c.status === 'dead'))
                return { healthy: false, detail: `container ${last}` };
            const ready = (c) => c.status === 'running' && (c.health === '' || c.health === 'healthy');
            const starting = live.filter((c) => c.status === 'running' && c.health === 'starting' && c.probe);
            const passed = live.length > 0 && live.every((c) => ready(c) || starting.includes(c))
                && (starting.length === 0 || await passedOwnHealthChecks(run, ctx.compose.service, starting, deadline));
            if (passed) {
                if (starting.length)
                    run.log.info(`${run.session.name}: ${ctx.compose.service}'s own health check passed when run at once (Docker's first check comes one interval after the start)`);
                // Newest first, as `docker ps` lists them: what the service runs now.
                running = live[0]?.image ? { image: live[0].image, id: live[0].id } : undefined;
                break;
            }
        }
        if (Date.now() >= deadline)
            return { healthy: false, detail: `containers not healthy within ${Math.round(run.settings.health.timeoutMs / 1000)} s (${last})` };
        await (0,retry/* sleep */.yy)((0,deploy_health/* healthPollDelay */.VQ)(polls, deadline));
    }
    return { ...(await (0,deploy_health/* waitForHttpHealth */.FI)(run.session, run.settings.health, version, run.log, deadline, signal)), running };
}
const CANCELLED_WHILE_VERIFYING = 'cancelled while the new version was being verified';
/**
 * What serves before this deploy, whoever deployed it: the exact image (ID and reference) and its
 * version — what the app answered on health-url (`answered`), else what Slipway recorded when it
 * deployed that image, else unknown (''), never the image reference (which no health document reports).
 */
function servingBefore(running, state, answered) {
    if (!running)
        return { version: '', recorded: false };
    // The image ID tells whether the recorded version still runs (a moving tag keeps its name).
    const recorded = state.image_id ? state.image_id === running.id : state.image === running.image;
    return { version: answered ?? (recorded ? state.version ?? '' : ''), recorded };
}
/** State written by older releases put the image reference where the version was unknown. */
const knownVersion = (version, image) => (version && version !== image ? version : undefined);
function planSwitch(run, ctx, envText, rollbackTag) {
    const { compose } = ctx;
    const image = compose.image ?? '';
    if (!compose.imageVariable)
        return { label: image, target: image, back: rollbackTag };
    const name = compose.imageVariable;
    const previousEnvLine = envLineOf(envText, name);
    let value = compose.variableValue;
    if (value === undefined) {
        const derived = variableValueFor(image, previousEnvLine ? envLineValue(previousEnvLine) : '', run.settings.version);
        if (!derived.value) {
            throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${name} in ${ctx.envFile} ${derived.problem ?? 'cannot hold the image'}`, {
                fix: `Deploy a tagged image (app:1.4.2 or app:1.4.2@sha256:…), or pass the value as env: ${name}=…, or name a variable holding the whole reference in image-variable`,
            });
        }
        value = derived.value;
    }
    const envLine = `${name}=${value}`;
    return { label: compose.image ?? envLine, target: envLine, back: previousEnvLine, envLine, previousEnvLine };
}
/**
 * A deploy in about one round trip a phase: the look (beside the serving version's HTTP check),
 * the pin, state and override in one write, pull, up, one exec a health poll, the state written.
 */
async function composeDeploy(run) {
    const { seen, answered } = await lookBesideServingVersion(run);
    const { ctx, running, state } = seen;
    let { envText } = seen;
    const { version } = run.settings;
    const current = running?.image;
    const before = servingBefore(running, state, answered);
    const previousVersion = before.version;
    if (ctx.compose.preDeploy && current) {
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, 'the pre-deploy hook');
        await run.session.exec((0,host_run/* hookWords */.Zt)(run.appDir, ctx.compose.preDeploy), {
            env: { ...run.settings.env, APP_VERSION: version, PREVIOUS_IMAGE: current, COMPOSE_PROJECT_NAME: ctx.projectName },
            stream: true, label: `pre-deploy hook on ${run.session.target.host}`,
        });
        // The hook may have edited the env file: its line is read from what the hook left.
        if (ctx.envFile)
            envText = await readEnvFile(run, ctx);
    }
    // Tagged before `pull` can move the tag it runs from: the rollback restores exactly these bytes.
    // (With image-variable the tag keeps the old image on the host; the rollback writes the old line back.)
    const pin = running?.id ? { imageId: running.id, tag: (0,compose_commands/* rollbackTag */.Np)(ctx.projectName, ctx.compose.service) } : undefined;
    const sw = planSwitch(run, ctx, envText, pin?.tag ?? current);
    const image = sw.label;
    (0,cancel/* throwIfCancelled */.dZ)(run.signal, `the switch to ${image}`);
    const variable = sw.envLine !== undefined;
    // A redeploy of what runs now keeps the earlier rollback target instead of pointing it at itself.
    const sameTarget = variable ? state.env_line === sw.envLine : state.image === image;
    const redeploy = before.recorded && sameTarget && state.version === version && Boolean(state.previous_image);
    const envLines = (line, previousLine) => (variable ? { env_line: line ?? '', previous_env_line: previousLine ?? '' } : {});
    const thisRun = { previous_image: current ?? '', previous_image_id: running?.id ?? '', previous_version: previousVersion };
    const earlier = { previous_image: state.previous_image ?? '', previous_image_id: state.previous_image_id ?? '', previous_version: state.previous_version ?? '' };
    const previous = redeploy ? earlier : thisRun;
    const previousLine = redeploy ? state.previous_env_line : sw.previousEnvLine;
    // The state is recorded before the override, so a rollback knows the old image even if this run dies half-way.
    const deploying = { image, image_id: '', version, ...previous, ...envLines(sw.envLine, previousLine), status: 'deploying' };
    await writeFiles(run, pin, [{ path: ctx.stateFile, text: (0,host_state/* stateText */.r9)(deploying) }, pointWrite(ctx, sw.target, envText)], `ssh ${run.session.target.host}: ${pin ? `tag ${shortId(pin.imageId)} as ${pin.tag}, ` : ''}record the deploy, ${pointsAt(ctx, sw.target)}`);
    run.log.info(`${run.session.name}: ${ctx.compose.service} ${current ?? '(not running)'}${running?.id ? ` (${shortId(running.id)})` : ''}${previousVersion ? `, version ${previousVersion}` : ''} → ${image}`);
    let verdict;
    try {
        await bringUp(run, ctx, ctx.compose.pull, () => (0,cancel/* throwIfCancelled */.dZ)(run.signal, `compose up of ${image}`));
        verdict = await waitHealthy(run, ctx, version, run.signal);
    }
    catch (error) {
        if (error instanceof cancel/* CancelledError */.cc) {
            // Cancelled after the pull, before up: what runs never changed; point the override (or env file) and the state back.
            await pointBack(run, ctx, sw.back !== undefined && (variable || current) ? sw.back : undefined, state);
            throw error;
        }
        if (!current || !(await run.session.isAlive()))
            throw error;
        verdict = { healthy: false, detail: error.message };
    }
    const shownBefore = previousVersion || current || '';
    if (verdict.healthy) {
        const now = verdict.running;
        // Same bytes as before (a moving tag that did not move): still the earlier rollback target.
        const same = Boolean(now?.id && running?.id && now.id === running.id && state.previous_image);
        const kept = same ? earlier : previous;
        const recordedImage = variable ? now?.image ?? image : image;
        await recordState(run, ctx, {
            image: recordedImage, image_id: now?.id ?? '', version, ...kept, ...envLines(sw.envLine, same ? state.previous_env_line : previousLine), status: 'deployed',
        });
        return { version, previous: shownBefore, changed: true };
    }
    if (!current || sw.back === undefined)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${verdict.detail}; there was no previous version to roll back to`);
    run.log.warn(`${run.session.name}: ${verdict.detail}; rolling back to ${current}${running?.id ? ` (${shortId(running.id)})` : ''}`);
    await pointBack(run, ctx, sw.back);
    await bringUp(run, ctx, false);
    const back = await waitHealthy(run, ctx, previousVersion || undefined);
    await recordState(run, ctx, {
        image: current, image_id: running?.id ?? '', version: previousVersion, ...(before.recorded ? earlier : { previous_image: '', previous_image_id: '', previous_version: '' }),
        ...envLines(sw.previousEnvLine, before.recorded ? state.previous_env_line : ''),
        status: back.healthy ? 'rolled-back' : 'rollback-unhealthy',
    });
    if (!back.healthy)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${verdict.detail}; the rollback to ${current} is not healthy either (${back.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
    throw new host_run/* RolledBackError */.Ai(run.session.name, `new version ${version} failed its health check (${verdict.detail})`, `the old version ${shownBefore}`, { serving: shownBefore, failed: version });
}
/** Back to the image recorded as previous on the host (rollback mode, or a fleet batch that failed). */
async function composeRollback(run) {
    const { seen, answered } = await lookBesideServingVersion(run);
    const { ctx, running, state, envText } = seen;
    if (!state.previous_image)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: no previous image is recorded in ${ctx.stateFile}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
    const variable = ctx.compose.imageVariable;
    if (variable && !('previous_env_line' in state)) {
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: no previous ${variable} line is recorded in ${ctx.stateFile} (the last deploy did not use image-variable)`, {
            fix: `Roll back by deploying the version you want with mode: deploy and env: ${variable}=…`,
        });
    }
    const current = running?.image ?? state.image ?? '';
    const leaving = servingBefore(running, state, answered);
    const targetVersion = knownVersion(state.previous_version, state.previous_image);
    const leavingLine = variable ? envLineOf(envText, variable) : undefined;
    // State written before image IDs were recorded only has the reference.
    const pin = state.previous_image_id ? { imageId: state.previous_image_id, tag: (0,compose_commands/* rollbackTag */.Np)(ctx.projectName, ctx.compose.service) } : undefined;
    const target = variable ? state.previous_env_line ?? '' : pin?.tag ?? state.previous_image;
    await writeFiles(run, pin, [{ path: ctx.stateFile, text: (0,host_state/* stateText */.r9)({ ...state, status: 'rolling-back' }) }, pointWrite(ctx, target, envText)], `ssh ${run.session.target.host}: ${pin ? `tag ${shortId(pin.imageId)} as ${pin.tag}, ` : ''}record the rollback, ${pointsAt(ctx, target)}`);
    await bringUp(run, ctx, false);
    const verdict = await waitHealthy(run, ctx, targetVersion);
    const shownTarget = targetVersion ?? state.previous_image;
    const shownLeft = leaving.version || current;
    if (!verdict.healthy) {
        await recordState(run, ctx, { ...state, status: 'rollback-unhealthy' });
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: rolled back to ${shownTarget} but it is not healthy (${verdict.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
    }
    const now = verdict.running;
    await recordState(run, ctx, {
        image: state.previous_image, image_id: now?.id ?? state.previous_image_id ?? '', version: targetVersion ?? '',
        previous_image: current, previous_image_id: running?.id ?? state.image_id ?? '', previous_version: leaving.version,
        ...(variable ? { env_line: target, previous_env_line: leavingLine ?? '' } : {}), status: 'rolled-back',
    });
    return { version: shownTarget, previous: shownLeft, changed: true };
}
const shortId = (id) => id.replace(/^sha256:/, '').slice(0, 12);

// EXTERNAL MODULE: ./build/src/core/config/inputs.js
var config_inputs = __webpack_require__(6087);
;// CONCATENATED MODULE: ./build/src/deploy/strategies/compose.js







/** The env file a compose project reads, inside app-dir: env-file, else compose's default `.env`. */
const projectEnvFile = (compose) => compose.envFile ?? '.env';
const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
/** One host's compose project as the dry run names it (the state file and override are found the same way at run time). */
function plannedProject(settings, host) {
    const { compose } = settings;
    const project = compose.project ? (0,common_settings/* forHost */.c)(compose.project, host.host, host.index) : undefined;
    return {
        project,
        stateBase: host_state/* hostFiles */.qZ.composeBase(host.appDir, project, compose.service),
        // Which compose the host has is only known once connected: the plan shows v2's words.
        words: (composeProject, ...sub) => host.planned((0,command/* shellJoin */.nZ)((0,compose_commands/* composeWords */.cp)('v2', composeProject, ...sub))),
    };
}
/**
 * Where the state write goes (the fleet's rule for a closing step the outcome rests on): into the
 * host's last round trip, unless other hosts share its batch (a failed write must still revert them).
 */
function closingRoundTrip(settings) {
    const shared = settings.ssh.targets.length > 1 && settings.batchSize !== 1;
    return shared ? 'in a round trip of its own (other hosts share the batch, so a failed write still reverts them)' : 'in the last round trip';
}
const tagOf = (image) => (image?.includes('@') ? undefined : image?.split('/').pop()?.split(':')[1]);
const COMPOSE_FLAVOR_NOTE = 'compose as `docker compose` (v2), or `docker-compose` (v1) where the host has only that';
/**
 * The image a compose deploy points the service at, through an override Slipway writes, or with
 * image-variable through the variable in the project's env file; the user's compose file is never edited.
 */
const composeStrategy = {
    name: 'compose',
    parse(inputs, { mode, relative }) {
        const service = inputs.required('service', 'Set service to the compose service that runs the image.');
        if (!SERVICE.test(service))
            inputs.fail('service', `is not a compose service name (found '${service}')`);
        const project = inputs.optional('compose-project');
        if (project !== undefined && !PROJECT.test(project))
            inputs.fail('compose-project', `is not a compose project name (found '${project}', expected lowercase letters, digits, - and _)`);
        const image = inputs.optional('image');
        if (image !== undefined && !IMAGE_REFERENCE.test(image))
            inputs.fail('image', `is not an image reference (found '${image}')`);
        const imageVariable = inputs.optional('image-variable');
        if (imageVariable !== undefined && !config_inputs/* ENV_NAME */.G1.test(imageVariable)) {
            inputs.fail('image-variable', `is not a variable name (found '${imageVariable.slice(0, 60)}')`, 'Name the variable your compose file reads the image from, e.g. TAG for image: app:${TAG}.');
        }
        // The deploy env is secret: a value from it is checked but never echoed.
        const variableValue = imageVariable ? inputs.keyValues('env', { secret: true, envNames: true })[imageVariable] : undefined;
        if (variableValue !== undefined && !IMAGE_REFERENCE.test(variableValue)) {
            inputs.fail('env', `sets ${imageVariable} (image-variable) to something that is neither a tag nor an image reference`, `Write ${imageVariable}=1.4.2 or ${imageVariable}=registry.example.com/app:1.4.2.`);
        }
        if (mode === 'deploy' && !image && variableValue === undefined) {
            if (imageVariable)
                inputs.fail('image', `or env ${imageVariable}=… is required for a compose deploy with image-variable`, `Set image to the reference to run, or env: ${imageVariable}=<value> to write into the env file as it is.`);
            inputs.fail('image', 'is required for a compose deploy', 'Set image to the reference to run, e.g. registry.example.com/app:1.4.2 or …@sha256:…; or set image-variable to the variable your compose file reads and pass its value in env.');
        }
        const envFile = inputs.optional('env-file');
        return {
            compose: {
                files: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
                project, envFile: envFile === undefined ? undefined : relative('env-file', envFile), service, image,
                pull: inputs.boolean('pull', true), preDeploy: inputs.optional('pre-deploy'),
                ...(imageVariable ? { imageVariable } : {}), ...(variableValue !== undefined ? { variableValue } : {}),
            },
        };
    },
    // A tag names the version (`app:1.4.2`); a digest does not.
    impliedVersion: ({ compose }) => {
        if (compose.variableValue !== undefined)
            return PLAIN_TAG.test(compose.variableValue) ? compose.variableValue : tagOf(compose.variableValue);
        return tagOf(compose.image);
    },
    plan(settings, host) {
        const { compose } = settings;
        const { project, stateBase, words } = plannedProject(settings, host);
        const variable = compose.imageVariable;
        const composeProject = { appDir: host.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: variable ? undefined : `${stateBase}.override.json` };
        const envFile = `${host.appDir}/${projectEnvFile(compose)}`;
        const commands = [COMPOSE_FLAVOR_NOTE, `with the lock, in the same round trip: look at the compose files in app-dir, which compose, what ${compose.service} runs, ${stateBase}.state${variable ? `, ${envFile}` : ''}`];
        if (settings.mode === 'rollback') {
            commands.push(variable
                ? `put back in ${envFile} the ${variable} line recorded as previous in ${(0,host_state/* stateDir */.Pn)(host.appDir)} (atomically)`
                : `point ${compose.service} at the previous image recorded in ${(0,host_state/* stateDir */.Pn)(host.appDir)}`);
        }
        else {
            if (compose.preDeploy)
                commands.push(`pre-deploy hook: ${compose.preDeploy}`);
            const value = compose.variableValue !== undefined ? `the value env gives ${variable}` : `${host.image} (its tag alone where ${variable} holds a tag)`;
            // One remote step: the pin for rollback, the state, then the override or env line.
            commands.push(`tag the image ${compose.service} runs as ${(0,compose_commands/* rollbackTag */.Np)(project ?? (0,compose_commands/* defaultProjectName */.Y7)(host.appDir), compose.service)} (the rollback target) and record the deploy in ${stateBase}.state`);
            commands.push(variable
                ? `write ${variable} into ${envFile} (atomically, every other line kept; the old line kept for rollback): ${value}`
                : `write ${composeProject.overrideFile}: ${compose.service} → ${host.image}`);
            if (compose.pull)
                commands.push(words(composeProject, 'pull', compose.service));
        }
        commands.push(words(composeProject, 'up', '-d', '--remove-orphans'));
        return commands;
    },
    planClosing(settings, host) {
        const { stateBase } = plannedProject(settings, host);
        const serving = settings.mode === 'rollback' ? 'the previous image, now serving' : 'the new image, or after a red health check the old one serving again';
        return [`${closingRoundTrip(settings)}: record in ${stateBase}.state (atomically) what serves: ${serving}`];
    },
    lookWithLock: composeLookWithLock,
    deploy: composeDeploy,
    rollback: composeRollback,
};

// EXTERNAL MODULE: ./build/src/core/config/host-paths.js
var host_paths = __webpack_require__(5349);
// EXTERNAL MODULE: ./build/src/deploy/release.js + 1 modules
var deploy_release = __webpack_require__(420);
;// CONCATENATED MODULE: ./build/src/deploy/strategies/release.js


/** A local directory (rsync) or a .tar.gz/.tgz file, resolved to an absolute path so rsync can never read it as an option. */
function parseArtifact(inputs, workDir) {
    const value = inputs.optional('artifact');
    if (value === undefined)
        return undefined;
    const archive = /\.(tar\.gz|tgz)$/.test(value);
    const resolved = inputs.localPath('artifact', workDir, { mustExist: archive ? 'file' : 'dir' });
    // rsync's trailing-slash rule (copy the contents) is kept from what the user wrote.
    return resolved && !archive && value.endsWith('/') ? `${resolved}/` : resolved;
}
function parseReleaseName(inputs) {
    const format = inputs.optional('release-name');
    if (format === undefined)
        return undefined;
    const problem = (0,deploy_release/* releaseNameProblem */.AR)(format);
    if (problem)
        inputs.fail('release-name', `${problem} (found '${format.slice(0, 60)}')`, `Use a time format such as ${deploy_release/* DEFAULT_RELEASE_NAME */.er} (UTC), or leave it empty to follow the host's existing releases.`);
    return format;
}
/** What the release strategy keeps in app-dir itself: a lock or a log there would be replaced, pruned or shadowed. */
const RELEASE_LAYOUT = ['current', 'releases', 'shared', '.slipway'];
/**
 * `lock-file` / `deploy-log`: one file under app-dir that outlives every release, so never inside
 * `current/` or `releases/` (gone with the next switch or prune), never a layout directory itself.
 */
function hostConventionFile(inputs, name, example) {
    const given = inputs.optional(name);
    if (given === undefined)
        return undefined;
    const value = (0,host_paths/* hostRelativePath */.K)(inputs, name, given, { file: true, example });
    const [first = ''] = value.split('/');
    if (value === first ? RELEASE_LAYOUT.includes(value) : first === 'current' || first === 'releases') {
        inputs.fail(name, `names ${value === first ? `app-dir's ${value}` : `a file under ${first}/`}, which the release strategy replaces or prunes (found '${value}')`, `Name a file of its own in app-dir, e.g. ${example}.`);
    }
    return value;
}
/** The lock and the log are two files, neither inside the other. */
function checkConventionFiles(inputs, lockFile, deployLog) {
    if (lockFile === undefined || deployLog === undefined)
        return;
    if (lockFile === deployLog)
        inputs.fail('deploy-log', `is the same file as lock-file (${lockFile})`, 'The lock is taken and removed on every deploy: give the log a file of its own, e.g. deploy.log.');
    if (deployLog.startsWith(`${lockFile}/`) || lockFile.startsWith(`${deployLog}/`)) {
        inputs.fail('deploy-log', `and lock-file lie one inside the other (${deployLog}, ${lockFile})`, 'Both are files: give each its own path, e.g. .deploy.lock and deploy.log.');
    }
}
/** Atomic releases: `releases/<timestamp>` uploaded beside the others, `current` switched by rename, restart, check. */
const releaseStrategy = {
    name: 'release',
    parse(inputs, { mode, workDir, relative }) {
        const artifact = parseArtifact(inputs, workDir);
        if (mode === 'deploy' && !artifact)
            inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
        const lockFile = hostConventionFile(inputs, 'lock-file', '.deploy.lock');
        const deployLog = hostConventionFile(inputs, 'deploy-log', 'deploy.log');
        checkConventionFiles(inputs, lockFile, deployLog);
        return {
            release: {
                artifact,
                shared: inputs.list('shared').map((p) => relative('shared', p)),
                prePromote: inputs.list('pre-promote'),
                restart: inputs.list('restart'),
                keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
                nameFormat: parseReleaseName(inputs),
                lockFile,
                deployLog,
            },
        };
    },
    // One round trip per phase: the look (with the lock), the upload, the release's own step with the
    // first pre-promote command, the switch with the first restart command, and the closing step.
    plan({ release, mode }, { appDir }) {
        const commands = [];
        const [firstRestart, ...otherRestarts] = release.restart;
        const restartNext = firstRestart ? `, then restart: ${firstRestart}` : '';
        if (mode === 'rollback') {
            commands.push('with the lock, in the same round trip: read current, releases/ and their versions');
            commands.push(`in one round trip: switch ${appDir}/current to the release before it${restartNext}`);
        }
        else {
            const checks = [
                release.shared.length ? `the shared files (${release.shared.map((p) => `shared/${p}`).join(', ')})` : '',
                release.restart.some((command) => (0,deploy_release/* sudoCheckWords */.FW)(command)) ? 'sudo -n -l for each sudo restart command' : '',
            ].filter(Boolean);
            // app-dir itself is on the lock's line: the fleet checks it before taking the lock.
            const checked = checks.length ? `check ${checks.join(', ')}; ` : '';
            commands.push(`with the lock, in the same round trip: ${checked}read current, releases/ and their versions; make releases/`);
            const style = release.nameFormat ?? `the host's existing releases' style, else ${deploy_release/* DEFAULT_RELEASE_NAME */.er}`;
            const archive = release.artifact !== undefined && /\.(tar\.gz|tgz)$/.test(release.artifact);
            commands.push(`upload ${release.artifact} to ${appDir}/releases/<name: ${style}, UTC>${archive ? '.tar.gz' : ''} (rsync over the same connection)`);
            const [firstHook] = release.prePromote;
            const parts = [
                ...(archive ? ['unpack it into the release dir'] : []),
                'write the version into .slipway-version',
                ...(release.shared.length ? [`link shared (relative): ${release.shared.map((p) => `${p} -> ${(0,deploy_release/* sharedLinkTarget */.ZE)(p)}`).join(', ')}`] : []),
            ];
            commands.push(`in one round trip: ${parts.join('; ')}${firstHook ? '; then, in the release:' : ''}`);
            // The first rides in the round trip above; each other one is a round trip of its own.
            for (const command of release.prePromote)
                commands.push(`in the release: ${command}`);
            commands.push(`in one round trip: switch ${appDir}/current to the new release${restartNext}`);
        }
        for (const command of otherRestarts)
            commands.push(command);
        return commands;
    },
    planClosing({ release, mode }) {
        const mark = mode === 'rollback' ? 'mark the release left .rolled-back; ' : '';
        return [`in the last round trip: ${mark}keep at most ${release.keep} release dirs, failed ones counted (the newest failed one kept)`];
    },
    lookWithLock: (run) => (0,deploy_release/* releaseLookWithLock */.cy)(run),
    deploy: (run) => (0,deploy_release/* releaseDeploy */.nN)(run),
    rollback: deploy_release/* releaseRollback */._H,
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./build/src/deploy/script.js




/** Where an uploaded script-file lives on the host while it runs (removed after; the deploy lock keeps it one at a time). */
const uploadedScriptPath = (appDir) => `${(0,host_state/* stateDir */.Pn)(appDir)}/deploy-script`;
/** The words that run the script in app-dir: inline with `-c`, or the uploaded file; `-e` either way (the first failing command fails it). */
function scriptWords(dir, shell, script) {
    return 'file' in script
        ? ['sh', '-c', 'cd "$1" || exit 1; exec "$2" -e "$3"', 'slipway-script', dir, shell, script.file]
        : ['sh', '-c', 'cd "$1" || exit 1; exec "$2" -e -c "$3"', 'slipway-script', dir, shell, script.inline];
}
/** app-dir exists (the fleet checked it, or made it with create-app-dir) and the lock is held. */
async function scriptDeploy(run) {
    const { version, shell, scriptFile, script } = run.settings;
    const host = run.session.target.host;
    const exec = { env: { ...run.settings.env, APP_VERSION: version }, stream: true, label: `script on ${host}` };
    if (scriptFile) {
        // Sent over the deploy's own connection (stdin of an atomic write), so the host needs no checkout of the repository.
        const remote = uploadedScriptPath(run.appDir);
        await (0,host_state/* writeAtomic */.vZ)(run.session, remote, await promises_.readFile(scriptFile, 'utf8'), { name: 'slipway-script-upload', label: `ssh ${host}: upload script-file` });
        try {
            await run.session.exec(scriptWords(run.appDir, shell, { file: remote }), exec);
        }
        finally {
            await run.session.exec(['rm', '-f', '--', remote], { allowFailure: true, label: `ssh ${host}: remove the uploaded script` }).catch(() => undefined);
        }
    }
    else {
        await run.session.exec(scriptWords(run.appDir, shell, { inline: script }), exec);
    }
    const verdict = await (0,deploy_health/* waitForHttpHealth */.FI)(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs);
    if (!verdict.healthy)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: the script ran but the health check failed (${verdict.detail})`);
    return { version, previous: '', changed: true };
}

;// CONCATENATED MODULE: ./build/src/deploy/strategies/script.js



const SHELL_PATH = /^\/[A-Za-z0-9._+-]+(?:\/[A-Za-z0-9._+-]+)*$/;
/** Scripts are read into memory and sent on stdin: a deploy script, not an artifact. */
const MAX_SCRIPT_BYTES = 1024 * 1024;
function parseShell(inputs) {
    const shell = inputs.optional('shell') ?? 'sh';
    const plainPath = SHELL_PATH.test(shell) && shell.length <= 255 && !shell.split('/').some((part) => part === '..' || part === '.');
    if (shell !== 'sh' && shell !== 'bash' && !plainPath) {
        inputs.fail('shell', `is not sh, bash or an absolute path to a shell (found '${shell.slice(0, 60)}')`, 'Write shell: bash for a bash script (pipefail, arrays), or the path of the shell on the host, e.g. /usr/bin/zsh.');
    }
    return shell;
}
/** The user's own commands in app-dir, then the health check; there is nothing Slipway could roll back to. */
const scriptStrategy = {
    name: 'script',
    parse(inputs, { mode, workDir }) {
        if (mode === 'rollback')
            inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
        const shell = parseShell(inputs);
        const scriptFile = inputs.localPath('script-file', workDir, { mustExist: 'file' });
        const script = inputs.optional('script');
        if (scriptFile && script !== undefined)
            inputs.fail('script-file', 'and script are both set', 'Keep one: script-file for a file in the repository, script for commands written in the workflow.');
        if (!scriptFile && script === undefined)
            inputs.fail('script', 'is required for a script deploy', 'Set script to the commands to run on the host, or script-file to a script in the workspace (e.g. scripts/deploy.sh).');
        if (scriptFile && external_node_fs_.statSync(scriptFile).size > MAX_SCRIPT_BYTES)
            inputs.fail('script-file', `is larger than ${MAX_SCRIPT_BYTES / 1024} KiB`, 'Name the deploy script itself; ship big files with the release strategy.');
        return { script: script ?? '', shell, ...(scriptFile ? { scriptFile } : {}), createAppDir: inputs.boolean('create-app-dir', false) };
    },
    // create-app-dir's mkdir runs before the lock: the pipeline's plan shows it there.
    plan: ({ script, shell, scriptFile }, { appDir }) => [
        ...(scriptFile
            ? [`upload ${scriptFile} to ${uploadedScriptPath(appDir)} (over the same connection)`, `in ${appDir}: ${(0,command/* shellJoin */.nZ)([shell, '-e', uploadedScriptPath(appDir)])} (env on stdin), then remove it`]
            : [`in ${appDir}: ${(0,command/* shellJoin */.nZ)([shell, '-e', '-c', script])}`]),
    ],
    deploy: scriptDeploy,
    rollback: async () => { throw new Error('the script strategy has no rollback'); },
};

// EXTERNAL MODULE: ./build/src/swarm/endpoint.js
var endpoint = __webpack_require__(7353);
// EXTERNAL MODULE: ./build/src/swarm/deploy.js + 4 modules
var swarm_deploy = __webpack_require__(9913);
// EXTERNAL MODULE: ./build/src/swarm/engine-state.js
var engine_state = __webpack_require__(7350);
// EXTERNAL MODULE: ./build/src/swarm/report.js
var swarm_report = __webpack_require__(7758);
;// CONCATENATED MODULE: ./build/src/swarm/strategy-settings.js

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function parseSwarmStrategy(inputs, workDir = process.cwd()) {
    const stack = inputs.required('stack', 'Set stack to the swarm stack name (services are named <stack>_<service>).');
    if (!NAME.test(stack))
        inputs.fail('stack', `is not a stack name (found '${stack}', expected letters, digits, _ . -)`);
    const service = inputs.optional('swarm-service');
    if (service !== undefined && !NAME.test(service))
        inputs.fail('swarm-service', `is not a service name (found '${service}')`);
    const image = inputs.optional('image');
    if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image))
        inputs.fail('image', `is not an image reference (found '${image}')`);
    if (service && !image)
        inputs.fail('image', 'is required to update one swarm service', 'Set image to the digest push-image returned (repo@sha256:…).');
    const stackMode = !service && inputs.choice('mode', ['deploy', 'rollback'], 'deploy') === 'deploy';
    const secrets = {};
    // Masked before anything runs (whole and in pieces); the values only ever travel on stdin.
    for (const [key, value] of Object.entries(inputs.keyValues('swarm-secrets', { secret: true }))) {
        if (!NAME.test(key))
            inputs.fail('swarm-secrets', `has a key that is not a secret name (found '${key}')`);
        secrets[key] = value;
    }
    return {
        stack, service, image,
        // Read on the runner before connecting: a missing stack file fails here, not after the lock.
        stackFile: inputs.localPath('stack-file', workDir, { mustExist: stackMode ? 'file' : undefined, fallback: 'docker-compose.yml' }) ?? 'docker-compose.yml',
        parallelism: inputs.integer('parallelism', swarm_deploy/* SWARM_DEFAULTS */.WT.parallelism, { min: 1, max: 100 }),
        timeoutMs: inputs.duration('swarm-timeout', swarm_deploy/* SWARM_DEFAULTS */.WT.timeoutMs, { min: 1000 }),
        secrets,
    };
}

// EXTERNAL MODULE: ./build/src/swarm/commands.js
var commands = __webpack_require__(2370);
// EXTERNAL MODULE: ./build/src/deploy/strategies/strategy.js
var strategy = __webpack_require__(5426);
;// CONCATENATED MODULE: ./build/src/deploy/strategies/swarm.js






/** The swarm engine's docker, on the host's one SSH session. */
function sessionDockerEndpoint(run) {
    return (0,endpoint/* remoteDockerEndpoint */.i)((words, options) => run.session.exec(words, { stdin: options?.stdin, timeoutMs: options?.timeoutMs, allowFailure: options?.allowFailure, label: options?.label }), `manager ${run.session.name}`);
}
function swarmSettingsOf(run, mode) {
    const { swarm } = run.settings;
    return {
        mode: mode === 'rollback' ? 'rollback' : swarm.service ? 'service' : 'stack',
        stack: swarm.stack, composeFile: swarm.stackFile, service: swarm.service, image: swarm.image,
        parallelism: swarm.parallelism, timeoutMs: swarm.timeoutMs, pollMs: swarm_deploy/* SWARM_DEFAULTS */.WT.pollMs,
        secrets: swarm.secrets, env: run.settings.env, prune: false,
    };
}
const firstImage = (result, which) => (0,engine_state/* shortImage */.Uq)(result.services.find((s) => s[which])?.[which]);
const reportOf = (result) => ({ strategy: 'swarm', json: result });
/**
 * A deploy the engine did not finish well: the previous version serves only
 * when no service kept its new version and every rolled-back one runs again.
 */
function judgeFailedDeploy(result) {
    const updated = result.services.filter((s) => s.outcome === 'updated').map((s) => s.service);
    const bad = result.services.filter((s) => !swarm_deploy/* GOOD_OUTCOMES */.Qj.has(s.outcome));
    const previousServes = updated.length === 0 && bad.every((s) => s.outcome === 'rolled-back' && s.running > 0);
    return { previousServes, note: updated.length ? `\nThese services were updated and run their new version: ${updated.join(', ')} (mode rollback puts them back)` : '' };
}
/** What to roll back after a failed health check: the services this deploy changed, apart from those it created. */
function rollbackPlan(result) {
    const changed = result.services.filter((s) => s.outcome === 'updated');
    return { names: changed.filter((s) => s.imageBefore).map((s) => s.service), fresh: changed.filter((s) => !s.imageBefore).map((s) => s.service) };
}
async function swarmDeploy(run) {
    const endpoint = sessionDockerEndpoint(run);
    const result = await (0,swarm_deploy/* runSwarm */.UY)(swarmSettingsOf(run, 'stack'), endpoint, run.log, { signal: run.signal });
    const reports = [reportOf(result)];
    const previous = firstImage(result, 'imageBefore');
    const failure = (0,swarm_report/* swarmFailure */.ZJ)(result);
    if (failure) {
        const verdict = judgeFailedDeploy(result);
        if (verdict.previousServes)
            throw (0,strategy/* withReports */.U)(new host_run/* RolledBackError */.Ai(run.session.name, failure, `the previous version (${previous})`), reports);
        throw (0,strategy/* withReports */.U)(new errors/* SlipwayError */.GQ(`${run.session.name}: ${failure}${verdict.note}`), reports);
    }
    // The same HTTP health gate as the other strategies, when health-url is set.
    const { health, version } = run.settings;
    // A cancel ends the wait as a failed check: what this deploy changed is rolled back below.
    const verdict = await (0,deploy_health/* waitForHttpHealth */.FI)(run.session, health, version, run.log, Date.now() + health.timeoutMs, run.signal);
    if (verdict.healthy)
        return { version, previous, changed: true, reports };
    try {
        return await rollBackUnhealthy(run, endpoint, result, verdict.detail, reports);
    }
    catch (error) {
        throw (0,strategy/* withReports */.U)(error, reports);
    }
}
/** The health check failed after the engine converged: roll back what this deploy changed, and say what serves. */
async function rollBackUnhealthy(run, endpoint, deployed, detail, reports) {
    const reason = `the new version failed its health check (${detail})`;
    const { names, fresh } = rollbackPlan(deployed);
    const freshNote = fresh.length ? `; new in this deploy, so nothing to roll back to: ${fresh.join(', ')} (still running the new version)` : '';
    if (names.length === 0)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${reason}${freshNote || '; no service changed, so there is nothing to roll back'}`);
    run.log.warn(`${run.session.name}: ${detail}; rolling back ${names.join(', ')} with the engine`);
    let back;
    try {
        back = await (0,swarm_deploy/* runSwarm */.UY)({ ...swarmSettingsOf(run, 'rollback'), services: names }, endpoint, run.log, { signal: run.signal });
    }
    catch (error) {
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${reason}; the engine rollback could not run (${(0,errors/* formatError */.Wk)(error)}), so the new version is still running${freshNote}`);
    }
    reports.push(reportOf(back));
    const failure = (0,swarm_report/* swarmFailure */.ZJ)(back);
    const notRunning = back.services.filter((s) => s.running === 0).map((s) => s.service);
    if (failure || notRunning.length) {
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${reason}; the rollback did not bring the previous version back: ${failure ?? `nothing running for ${notRunning.join(', ')}`}${freshNote}`);
    }
    if (fresh.length)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${reason}; rolled back ${names.join(', ')} to ${firstImage(back, 'imageAfter')}${freshNote}`);
    throw new host_run/* RolledBackError */.Ai(run.session.name, reason, `the previous version (${firstImage(back, 'imageAfter')})`);
}
async function swarmRollback(run) {
    const result = await (0,swarm_deploy/* runSwarm */.UY)(swarmSettingsOf(run, 'rollback'), sessionDockerEndpoint(run), run.log, { signal: run.signal });
    const reports = [reportOf(result)];
    const failure = (0,swarm_report/* swarmFailure */.ZJ)(result);
    if (failure)
        throw (0,strategy/* withReports */.U)(new errors/* SlipwayError */.GQ(`${run.session.name}: ${failure}`), reports);
    return { version: firstImage(result, 'imageAfter'), previous: firstImage(result, 'imageBefore'), changed: true, reports };
}
/**
 * The host is a swarm manager, reached on the same SSH session, lock and deploy
 * log as the other strategies; the engine does the rolling update and the
 * rollback, Slipway waits and reports (per service, in the summary and --json).
 */
const swarmStrategy = {
    name: 'swarm',
    parse: (inputs, { workDir }) => ({ swarm: parseSwarmStrategy(inputs, workDir) }),
    plan: ({ swarm, mode }, { planned }) => {
        const wait = `wait up to ${Math.round(swarm.timeoutMs / 1000)} s for every service to converge`;
        if (mode === 'rollback')
            return [`docker service rollback --detach=true ${swarm.service ?? `<each service of stack ${swarm.stack}>`}`, wait];
        if (swarm.service) {
            return [
                planned((0,command/* shellJoin */.nZ)(['docker', ...(0,commands/* serviceUpdateImage */.k_)(swarm.service, swarm.image ?? '').args])),
                `${wait} (parallelism ${swarm.parallelism}, the engine rolls back a failed update)`,
            ];
        }
        // Both files are staged in a private directory on the manager, named only at run time.
        const files = [`<staged copy of ${swarm.stackFile}>`, '<staged slipway.override.yml>'];
        return [`upload ${swarm.stackFile} to the manager`, ['docker', ...(0,commands/* stackDeploy */.Cy)(swarm.stack, files).args].join(' '), wait];
    },
    deploy: swarmDeploy,
    rollback: swarmRollback,
    summarize: (report) => (0,swarm_report/* swarmSummary */.Pt)(report.json),
};

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./build/src/smoke/check-list.js
var check_list = __webpack_require__(2112);
// EXTERNAL MODULE: ./build/src/smoke/via-ssh.js
var via_ssh = __webpack_require__(4888);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/compose-check.js

/**
 * Why a compose service cannot run as a second copy beside itself, read from
 * `compose config` (the merged, interpolated model). Each problem names the
 * field and the fix; checked before anything starts.
 */
function runTwiceProblems(configYaml, service) {
    const model = (0,dist.parse)(configYaml);
    const definition = model?.services?.[service];
    if (!definition)
        return [`service '${service}' is not in the compose files (found ${Object.keys(model?.services ?? {}).join(', ') || 'no services'})`];
    const problems = [];
    if (definition.container_name !== undefined) {
        problems.push(`services.${service}.container_name is set (found '${String(definition.container_name)}'): Docker allows one container per name, so the new copy cannot start beside the old one. Remove container_name; Slipway names each copy by its compose project`);
    }
    const ports = Array.isArray(definition.ports) ? definition.ports : [];
    if (ports.length > 0) {
        const shown = ports.map((port) => (typeof port === 'object' && port ? `${String(port.published ?? '')}:${String(port.target ?? '')}` : String(port))).join(', ');
        problems.push(`services.${service}.ports publishes host ports (found ${shown}): two copies cannot bind the same host port. Remove ports:, use network_mode: host and have the app listen on $PORT (Slipway gives each copy its own port from slot-ports)`);
    }
    if (definition.network_mode !== 'host') {
        problems.push(`services.${service}.network_mode is not host (found ${String(definition.network_mode ?? 'a bridge network')}): the proxy reaches each copy on a host port. Set network_mode: host and have the app listen on $PORT`);
    }
    return problems;
}
/** The override Slipway keeps per copy: the image and the port the copy listens on. JSON is YAML. */
function renderSlotOverride(service, image, portEnv, port) {
    return `${JSON.stringify({ services: { [service]: { image, environment: { [portEnv]: String(port) } } } }, null, 2)}\n`;
}
/** The port a copy was started on, read back from its override; undefined when there is none or it is not Slipway's. */
function slotPortFrom(overrideText, service, portEnv) {
    try {
        const model = JSON.parse(overrideText);
        const port = Number(model.services?.[service]?.environment?.[portEnv]);
        return Number.isInteger(port) && port > 0 ? port : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/host-ports.js
/**
 * What the host's kernel says about TCP ports, read from /proc/net/tcp and
 * /proc/net/tcp6 (present on every Linux host, no `ss` or `netstat` needed).
 * Containers run with host networking, so their sockets are in these tables.
 */
const READ_TCP_TABLES = ['sh', '-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null || true'];
const LISTEN = '0A';
const ESTABLISHED = '01';
function parseTcpTables(text) {
    const listening = new Set();
    const established = new Map();
    for (const line of text.split('\n')) {
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        const state = fields[3];
        if (!local || !state || !/^[0-9A-F]+:[0-9A-F]{4}$/i.test(local))
            continue;
        const port = parseInt(local.slice(local.indexOf(':') + 1), 16);
        if (state === LISTEN)
            listening.add(port);
        else if (state === ESTABLISHED)
            established.set(port, (established.get(port) ?? 0) + 1);
    }
    return { listening, established };
}
/** The first port in the range that nothing listens on and that is not the live copy's; undefined if none. */
function chooseFreePort(range, listening, exclude) {
    for (let port = range.first; port <= range.last; port += 1) {
        if (!listening.has(port) && !exclude.includes(port))
            return port;
    }
    return undefined;
}

// EXTERNAL MODULE: ./build/src/core/http/request.js
var request = __webpack_require__(5531);
;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/caddy-config.js
/** The loopback names an upstream may use for a copy on this host. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** Every reverse_proxy upstream in a Caddy JSON config that dials `port` on loopback. */
function findUpstreams(config, port) {
    const found = [];
    const wanted = LOOPBACK.map((host) => `${host}:${port}`);
    const walk = (node, path) => {
        if (Array.isArray(node)) {
            node.forEach((child, index) => walk(child, [...path, String(index)]));
            return;
        }
        if (!node || typeof node !== 'object')
            return;
        const record = node;
        if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
            record.upstreams.forEach((upstream, index) => {
                const dial = upstream?.dial;
                if (typeof dial === 'string' && wanted.includes(dial))
                    found.push({ path: [...path, 'upstreams', String(index), 'dial'].join('/'), dial });
            });
        }
        for (const [key, child] of Object.entries(record))
            walk(child, [...path, key]);
    };
    walk(config, []);
    return found;
}
/** Every loopback upstream dial in the config, for messages ("found 127.0.0.1:9000"). */
function allDials(config) {
    const dials = [];
    const walk = (node) => {
        if (Array.isArray(node))
            return node.forEach(walk);
        if (!node || typeof node !== 'object')
            return;
        const record = node;
        if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
            for (const upstream of record.upstreams)
                if (typeof upstream?.dial === 'string')
                    dials.push(upstream.dial);
        }
        Object.values(record).forEach(walk);
    };
    walk(config);
    return dials;
}
/** The ports of every loopback upstream in the config: where Caddy sends traffic on this host. */
function loopbackPorts(config) {
    const ports = allDials(config).map((dial) => {
        const split = dial.lastIndexOf(':');
        return LOOPBACK.includes(dial.slice(0, split)) ? Number(dial.slice(split + 1)) : NaN;
    });
    return [...new Set(ports.filter((port) => Number.isInteger(port) && port > 0))];
}
/**
 * Moves one upstream: a PATCH of its `dial` value alone, so other sites and
 * apps in the same Caddy are not rewritten. With the ETag of the config the
 * upstream was found in as If-Match, Caddy refuses (412) when anything changed
 * since, instead of applying the change to a path that now means something else.
 */
function dialPatch(ref, port, etag) {
    return { method: 'PATCH', path: `/config/${ref.path}`, body: JSON.stringify(`127.0.0.1:${port}`), headers: etag ? { 'if-match': etag } : {} };
}
/**
 * The live-port directories of routes that pick their upstream per request:
 * a `file` matcher over a directory holding one file named by the live port,
 * whose name a `map` turns into the dial's placeholder (examples/proxy/Caddyfile.live-file).
 * A switch replaces that file by one named for the new port: Caddy's loaded config never changes, so nothing reloads.
 */
function liveFileRoots(config) {
    const roots = new Set();
    const dialsPlaceholder = (handle) => allDials({ handle }).some((dial) => dial.includes('{'));
    const walk = (node) => {
        if (Array.isArray(node))
            return node.forEach(walk);
        if (!node || typeof node !== 'object')
            return;
        const record = node;
        if (Array.isArray(record.match) && dialsPlaceholder(record.handle)) {
            for (const set of record.match) {
                const file = set?.file;
                if (typeof file?.root === 'string' && file.root.startsWith('/'))
                    roots.add(file.root);
            }
        }
        Object.values(record).forEach(walk);
    };
    walk(config);
    return [...roots];
}
/** The ports named by the files of a live-port directory (`ls -1A` output); other names are ignored. */
function livePortsIn(listing) {
    return listing.split('\n').map((name) => name.trim()).filter((name) => /^\d{1,5}$/.test(name)).map(Number).filter((port) => port > 0 && port < 65536);
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/proxy.js



function proxySwitcher(session, settings) {
    switch (settings.proxy) {
        case 'caddy': return new CaddySwitcher(session, settings.caddyAdmin);
        case 'nginx': return new NginxSwitcher(session, settings.nginxUpstreamFile ?? '', settings.nginxCommand);
        case 'command': return new CommandSwitcher(session, settings.switchCommand ?? '');
    }
}
/** The contents of the nginx include: one server line inside the user's `upstream` block. */
function renderNginxUpstream(port) {
    return `# Written by Slipway on each zero-downtime deploy: the live copy of the app.\nserver 127.0.0.1:${port};\n`;
}
/**
 * The loopback ports an nginx include points at: Slipway writes `server 127.0.0.1:<port>;`,
 * but before the first switch it holds what the user wrote (`proxy_pass http://127.0.0.1:<port>;`).
 */
function nginxUpstreamPorts(text) {
    const ports = new Set();
    for (const line of text.split('\n')) {
        const code = line.replace(/#.*/, '');
        for (const match of code.matchAll(/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)\b/g))
            ports.add(Number(match[1]));
    }
    return [...ports];
}
/** Caddy's admin API on the host's loopback, reached through a port forwarded over the SSH session. */
class CaddySwitcher {
    session;
    admin;
    kind = 'caddy';
    constructor(session, admin) {
        this.session = session;
        this.admin = admin;
    }
    async request(method, path, body, extraHeaders = {}) {
        const split = this.admin.lastIndexOf(':');
        const host = this.admin.slice(0, split).replace(/^\[|\]$/g, '');
        const forward = await this.session.forwardLocalPort(Number(this.admin.slice(split + 1)), host).catch((error) => {
            throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${error.message})`, { fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)' });
        });
        try {
            // Caddy checks Host against the admin address it listens on: the URL's host is that address.
            const response = await (0,request/* httpRequest */.aj)(`http://${this.admin}${path}`, {
                method,
                headers: { ...extraHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
                body,
                timeoutMs: 10_000,
                maxBodyBytes: 16 * 1024 * 1024,
                connect: { host: '127.0.0.1', port: forward.localPort, via: `through SSH to ${this.session.name}` },
                what: `${method} ${path}`,
            });
            // Caddy sends the ETag of a config read as a trailer.
            return { status: response.status, text: response.text(), etag: response.trailers.etag ?? response.header('etag') };
        }
        catch (error) {
            if (!(error instanceof request/* HttpRequestError */.Ci))
                throw error;
            throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${error.message})`, {
                fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)',
            });
        }
        finally {
            await forward.close();
        }
    }
    async read() {
        const { status, text, etag } = await this.request('GET', '/config/');
        if (status !== 200)
            throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy refused to show its config (HTTP ${status}: ${text.trim().slice(0, 200)})`, { fix: 'Check the admin endpoint allows requests from the host\'s loopback' });
        return { config: JSON.parse(text), etag };
    }
    async config() {
        return (await this.read()).config;
    }
    /** Each live-port directory the config routes by, with the ports its files name now. */
    async liveDirs(config) {
        const dirs = [];
        for (const dir of liveFileRoots(config)) {
            const listing = await this.session.exec(['ls', '-1A', '--', dir], { allowFailure: true });
            if (listing.exitCode === 0)
                dirs.push({ dir, ports: livePortsIn(listing.stdout) });
        }
        return dirs;
    }
    /** The live-port directory that names `port`: this app's, when Caddy routes it without a reload. */
    async liveDirOf(config, port) {
        return (await this.liveDirs(config)).find((live) => live.ports.includes(port))?.dir;
    }
    async servingPorts() {
        const config = await this.config();
        return [...new Set([...loopbackPorts(config), ...(await this.liveDirs(config)).flatMap((live) => live.ports)])];
    }
    async preflight(fromPort) {
        const config = await this.config();
        const liveDir = await this.liveDirOf(config, fromPort);
        if (liveDir) {
            const writable = await this.session.exec(['test', '-w', liveDir], { allowFailure: true });
            if (writable.exitCode !== 0)
                throw new errors/* SlipwayError */.GQ(`caddy: the live-port directory ${liveDir} on ${this.session.name} is not writable by ${this.session.target.user}`, { fix: 'Make it owned by the SSH user (Caddy only needs to read it)' });
            return;
        }
        if (findUpstreams(config, fromPort).length === 0) {
            throw new errors/* SlipwayError */.GQ(`caddy-admin: no reverse_proxy upstream in Caddy's config dials port ${fromPort} on loopback (found ${allDials(config).join(', ') || 'no reverse_proxy upstreams'})`, {
                fix: `Point the site's reverse_proxy at 127.0.0.1:${fromPort} (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
            });
        }
    }
    async switchTo(toPort, fromPort) {
        let { config, etag } = await this.read();
        const liveDir = await this.liveDirOf(config, fromPort);
        if (liveDir)
            return this.switchLiveFile(liveDir, toPort, fromPort);
        const moving = findUpstreams(config, fromPort).length;
        if (moving === 0)
            throw new errors/* SlipwayError */.GQ(`caddy-admin: no upstream dials port ${fromPort} any more (found ${allDials(config).join(', ')}); someone changed Caddy's config during the deploy`);
        // Only this app's upstream dials change (one graceful reload each), so another
        // app switching its own route on the same Caddy is neither lost nor undone; a
        // change by someone else in between makes Caddy answer 412, and we read again.
        for (let round = 1, conflicts = 0;; round += 1) {
            const ref = findUpstreams(config, fromPort)[0];
            if (!ref)
                break;
            const patch = dialPatch(ref, toPort, etag);
            const { status, text } = await this.request(patch.method, patch.path, patch.body, patch.headers);
            if (status === 412 && conflicts < 5)
                conflicts += 1;
            else if (status !== 200)
                throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy refused the new upstream 127.0.0.1:${toPort} (HTTP ${status}: ${text.trim().slice(0, 300)})`, { fix: 'Read Caddy\'s answer above; its config was left as it was' });
            if (round > moving + 5)
                throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy's config kept changing while Slipway moved the upstream to 127.0.0.1:${toPort} (found ${allDials(config).join(', ')})`, { fix: 'Deploy again once no other change is being made to Caddy' });
            ({ config, etag } = await this.read());
        }
        // The last read is the read-back: every upstream that dialed the old port dials the new one.
        if (findUpstreams(config, toPort).length < moving || findUpstreams(config, fromPort).length > 0) {
            throw new errors/* SlipwayError */.GQ(`caddy-admin: Caddy accepted the change but its config still dials ${allDials(config).join(', ')}`);
        }
    }
    /**
     * The switch that never reloads: the new port's file is created, then the old
     * one removed. Not a rename: Caddy's try_files glob reads the directory, and a
     * directory read that races a rename may see neither name (measured: one 502 in
     * 50,732 requests over 10 switches); with create-then-remove every read sees at
     * least one live copy, and both are healthy in between.
     */
    async switchLiveFile(dir, toPort, fromPort) {
        const script = 'cd "$1" && [ -e "$2" ] && : > "$3" && rm -f -- "$2"';
        const moved = await this.session.exec(['sh', '-c', script, 'slipway-live-port', dir, String(fromPort), String(toPort)], { allowFailure: true, label: `point ${dir} at the new port` });
        const after = await this.session.exec(['ls', '-1A', '--', dir], { allowFailure: true });
        const ports = livePortsIn(after.stdout);
        if (moved.exitCode !== 0 || ports.length !== 1 || ports[0] !== toPort) {
            throw new errors/* SlipwayError */.GQ(`caddy: could not point ${dir} on ${this.session.name} at port ${toPort} (it names ${ports.join(', ') || 'no port'})`, { fix: `Leave exactly one file in ${dir}, named by the live copy's port (${fromPort} before this deploy)` });
        }
    }
}
/** nginx: rewrite the upstream include, `nginx -t`, then `nginx -s reload` (old workers finish their requests). */
class NginxSwitcher {
    session;
    file;
    command;
    kind = 'nginx';
    constructor(session, file, command) {
        this.session = session;
        this.file = file;
        this.command = command;
    }
    nginx(...args) {
        return ['sh', '-c', `${this.command} "$@"`, 'slipway-nginx', ...args];
    }
    async preflight(fromPort) {
        const writable = await this.session.exec(['sh', '-c', 'd=$(dirname "$1"); [ -w "$d" ] && { [ ! -e "$1" ] || [ -w "$1" ]; }', 'slipway-check', this.file], { allowFailure: true });
        if (writable.exitCode !== 0)
            throw new errors/* SlipwayError */.GQ(`nginx-upstream-file: ${this.file} on ${this.session.name} is not writable by ${this.session.target.user}`, { fix: 'Create its directory owned by the SSH user (the rest of nginx\'s config can stay root\'s)' });
        const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
        if (test.exitCode !== 0)
            throw new errors/* SlipwayError */.GQ(`nginx: \`${this.command} -t\` fails before any change (${lastLine(test.stderr)})`, { fix: 'Fix nginx\'s config first, or set nginx-command to how nginx is run on the host (e.g. sudo -n nginx)' });
        const current = await this.session.exec(['cat', this.file], { allowFailure: true });
        if (current.exitCode === 0 && !current.stdout.includes(`:${fromPort};`)) {
            throw new errors/* SlipwayError */.GQ(`nginx-upstream-file: ${this.file} does not point at the live copy's port ${fromPort} (found ${current.stdout.trim().split('\n').pop() ?? 'nothing'})`, {
                fix: `Write \`server 127.0.0.1:${fromPort};\` into it (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
            });
        }
    }
    async servingPorts() {
        const current = await this.session.exec(['cat', this.file], { allowFailure: true });
        // No file yet (or unreadable): preflight says what is wrong with it.
        return current.exitCode === 0 ? nginxUpstreamPorts(current.stdout) : undefined;
    }
    async switchTo(toPort) {
        const previous = await this.session.exec(['cat', this.file], { allowFailure: true });
        const write = (text) => this.session.exec(['sh', '-c', 'cat > "$1.slipway-new" && mv -f "$1.slipway-new" "$1"', 'slipway-upstream', this.file], { stdin: text, label: `write ${this.file}` });
        await write(renderNginxUpstream(toPort));
        const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
        if (test.exitCode !== 0) {
            if (previous.exitCode === 0)
                await write(previous.stdout);
            else
                await this.session.exec(['rm', '-f', this.file]);
            throw new errors/* SlipwayError */.GQ(`nginx: \`nginx -t\` rejected the new upstream 127.0.0.1:${toPort} (${lastLine(test.stderr)}); ${this.file} was put back and nginx was not reloaded`, { fix: 'Check the upstream block that includes the file' });
        }
        const reload = await this.session.exec(this.nginx('-s', 'reload'), { allowFailure: true, label: `nginx -s reload on ${this.session.target.host}` });
        if (reload.exitCode !== 0) {
            if (previous.exitCode === 0)
                await write(previous.stdout);
            throw new errors/* SlipwayError */.GQ(`nginx: \`nginx -s reload\` failed (${lastLine(reload.stderr)}); ${this.file} was put back`, { fix: 'Check nginx-command can signal the running nginx (same -c/-p and pid file, same user or sudo -n)' });
        }
    }
}
/** Any other proxy: the user's command gets the new port as its argument (and SLIPWAY_OLD_PORT). */
class CommandSwitcher {
    session;
    command;
    kind = 'command';
    constructor(session, command) {
        this.session = session;
        this.command = command;
    }
    async preflight() { }
    async servingPorts() {
        return undefined;
    }
    async switchTo(toPort, fromPort) {
        const result = await this.session.exec(['sh', '-c', `${this.command} "$1"`, 'slipway-proxy-switch', String(toPort)], {
            env: { SLIPWAY_NEW_PORT: String(toPort), SLIPWAY_OLD_PORT: String(fromPort) }, allowFailure: true, label: `proxy-switch-command on ${this.session.target.host}`,
        });
        if (result.exitCode !== 0)
            throw new errors/* SlipwayError */.GQ(`proxy-switch-command: exited with code ${result.exitCode} switching to port ${toPort} (${lastLine(result.stderr)})`);
    }
}
/** The line that says why (nginx puts `[emerg]` before its closing "test failed"). */
function lastLine(text) {
    const lines = text.trim().split('\n').filter(Boolean);
    return lines.find((line) => /\[(emerg|alert|crit)\]/.test(line)) ?? lines.pop() ?? '';
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/switch-back.js
/**
 * The truth after a failed switch or a red watch window: the proxy's own answer
 * wins over what the switch calls reported. Messages never claim the old
 * version serves unless the switch back worked or the proxy says so.
 */
function judgeSwitchBack(input) {
    const { host, cause, proxy, old, newPort, back } = input;
    // A proxy that names no loopback port cannot tell which copy serves.
    const ports = back.proxyPorts?.length ? back.proxyPorts : undefined;
    const oldServes = ports ? ports.includes(old.port) && !ports.includes(newPort) : back.error === undefined;
    const removeNew = ports ? !ports.includes(newPort) : back.error === undefined;
    if (oldServes) {
        const switched = !back.attempted ? '' : back.error === undefined ? 'traffic was switched back, '
            : `traffic is back on the old copy (the switch back reported: ${back.error}; ${proxy} points at port ${old.port}), `;
        return { oldServes, removeNew, message: `${host}: ${cause}; ${switched}the new copy was removed and ${old.label} on port ${old.port} keeps serving` };
    }
    const why = back.error ?? (back.attempted ? `${proxy} still sends traffic to port ${newPort}` : `${proxy} was not switched back`);
    const where = ports
        ? `${proxy} points at port ${ports.join(', ')}`
        : `which port ${proxy} points at is not known (${proxy === 'command' ? 'proxy-switch-command cannot be asked' : 'it did not answer, or named no loopback port'})`;
    const fate = removeNew ? 'the new copy was removed' : `the new copy on port ${newPort} was left running, as it may still take traffic`;
    return {
        oldServes, removeNew,
        message: `${host}: ${cause}; switching back to ${old.label} on port ${old.port} failed (${why}); ${where}; ${fate}; ${old.label} still runs on port ${old.port}`,
        fix: `Point ${proxy} at port ${old.port} (the old version) by hand, then deploy again`,
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/switch-state.js

const COPIES = [['live', 'live_'], ['pending', 'pending_'], ['previous', 'previous_']];
function decodeCopy(record, prefix) {
    const project = record[`${prefix}project`];
    const port = Number(record[`${prefix}port`]);
    if (!project || !port)
        return undefined;
    return { project, port, image: record[`${prefix}image`] ?? '', version: record[`${prefix}version`] ?? '' };
}
/** The file's `KEY=value` pairs as a record; a copy without project or port is no copy. */
function decodeSwitchState(record) {
    const state = {};
    for (const [field, prefix] of COPIES) {
        const copy = decodeCopy(record, prefix);
        if (copy)
            state[field] = copy;
    }
    const number = (key) => (record[key] === undefined ? undefined : Number(record[key]));
    const fields = {
        status: record.status, switchedAt: record.switched_at, switchMs: number('switch_ms'), cutConnections: number('cut_connections'),
        proxy: record.proxy, lastFailure: record.last_failure,
    };
    for (const [key, value] of Object.entries(fields))
        if (value !== undefined)
            Object.assign(state, { [key]: value });
    return state;
}
/** The record as `KEY=value` pairs, copies first; fields left undefined are not written. */
function encodeSwitchState(state) {
    const record = {};
    for (const [field, prefix] of COPIES) {
        const copy = state[field];
        if (copy)
            Object.assign(record, { [`${prefix}project`]: copy.project, [`${prefix}port`]: String(copy.port), [`${prefix}image`]: copy.image, [`${prefix}version`]: copy.version });
    }
    const scalars = [
        ['status', state.status], ['switched_at', state.switchedAt], ['switch_ms', state.switchMs], ['cut_connections', state.cutConnections],
        ['proxy', state.proxy], ['last_failure', state.lastFailure],
    ];
    for (const [key, value] of scalars)
        if (value !== undefined)
            record[key] = String(value);
    return record;
}
async function readSwitchState(session, file) {
    return decodeSwitchState(await (0,host_state/* readStateFile */.qy)(session, file));
}
/** Written atomically (writeStateFile), so a cut connection leaves the old or the new record. */
async function writeSwitchState(session, file, state) {
    await (0,host_state/* writeStateFile */.VP)(session, file, encodeSwitchState(state));
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/deploy.js














const stateFileOf = (run, ctx) => host_state/* hostFiles */.qZ.switchState(run.appDir, ctx.projectName, ctx.compose.service);
const overrideOf = (run, project) => host_state/* hostFiles */.qZ.slotOverride(run.appDir, project);
async function containersOf(run, project, service) {
    return (await run.session.exec((0,compose_commands/* serviceContainersWords */.Ru)(project, service, true))).stdout.split('\n').filter(Boolean);
}
async function removeCopy(run, project, service, stopTimeoutS) {
    const ids = await containersOf(run, project, service);
    if (ids.length === 0)
        return 0;
    await run.session.exec(['docker', 'stop', '-t', String(stopTimeoutS), ...ids], { allowFailure: true, survivesDisconnect: true, label: `stop ${project} on ${run.session.target.host}` });
    await run.session.exec(['docker', 'rm', '-f', ...ids], { allowFailure: true, label: `remove ${project} on ${run.session.target.host}` });
    return ids.length;
}
/** The port `project` was started on, from the override Slipway wrote before starting it. */
async function slotPortOf(run, project, service, portEnv) {
    const text = await (0,host_state/* readOrEmpty */.l2)(run.session, overrideOf(run, project), 'slipway-override');
    return slotPortFrom(text, service, portEnv);
}
async function tcpTables(run) {
    return parseTcpTables((await run.session.exec(READ_TCP_TABLES)).stdout);
}
/** The smoke-test checks against one copy's own port, through the SSH session, with the expected version. */
async function copyHealthy(run, port, version, timeoutMs, consecutivePasses = 2) {
    const url = new URL(run.settings.health.url ?? '');
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const check = (0,check_list/* oneLineCheck */.ZF)(url.toString(), 'health-url', { expectVersion: version || undefined });
    const report = await (0,via_ssh/* runSmokeChecksOverSession */.Su)(run.session, [check], { timeoutMs, consecutivePasses, retryMaxDelayMs: 1000 }, run.log);
    const outcome = report.checks[0];
    return { healthy: report.passed, detail: report.passed ? `${url} answered with version ${outcome?.versionSeen ?? '?'}` : `${url}: ${outcome?.reason ?? 'failed'}` };
}
/** After the switch, with proxy-health-url: until a request through the proxy reports the new version. */
async function waitForTrafficOnNew(run, zd, version) {
    if (!zd.proxyHealthUrl)
        return;
    const check = (0,check_list/* oneLineCheck */.ZF)(zd.proxyHealthUrl, 'proxy-health-url', { expectVersion: version || undefined });
    const report = await (0,via_ssh/* runSmokeChecksOverSession */.Su)(run.session, [check], { timeoutMs: 15_000, consecutivePasses: 1, retryBaseDelayMs: 50, retryMaxDelayMs: 200 }, run.log);
    if (!report.passed)
        throw new errors/* SlipwayError */.GQ(`proxy-health-url: the proxy still does not serve version ${version} after the switch (${report.checks[0]?.reason ?? 'failed'})`);
}
/**
 * After a failure at or after the switch: sends traffic back to the old copy if
 * the proxy was (or, asked, turns out to be) switched, then asks the proxy where
 * it points. Never throws: the caller reports what happened.
 */
async function switchBack(proxy, oldPort, newPort, switched) {
    const ask = () => proxy.servingPorts().catch(() => undefined);
    if (!switched) {
        const ports = await ask();
        if (!ports?.includes(newPort))
            return { attempted: false, proxyPorts: ports };
    }
    let error;
    try {
        await proxy.switchTo(oldPort, newPort);
    }
    catch (failure) {
        error = (0,errors/* formatError */.Wk)(failure);
    }
    return { attempted: true, error, proxyPorts: await ask() };
}
/**
 * Waits until the old copy has no open connection (two polls in a row, after a
 * short settle so a proxy that reloads asynchronously has stopped picking it),
 * or the drain timeout. Returns how many connections were still open.
 */
async function drain(run, port, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    await (0,retry/* sleep */.yy)(Math.min(500, timeoutMs));
    let quiet = 0;
    for (;;) {
        const open = (await tcpTables(run)).established.get(port) ?? 0;
        quiet = open === 0 ? quiet + 1 : 0;
        if (quiet >= 2)
            return 0;
        if (Date.now() >= deadline)
            return open;
        await (0,retry/* sleep */.yy)(200);
    }
}
/**
 * Start the new version beside the old one, switch the proxy, drain, stop the old:
 * the `zero-downtime` option of the compose strategy. Runs under ssh-deploy's lock.
 */
async function switchDeploy(run, image, version, action) {
    const zd = run.settings.zeroDowntime;
    const ctx = await prepare(run);
    const { service } = ctx.compose;
    const host = run.session.name;
    const stateFile = stateFileOf(run, ctx);
    const state = await readSwitchState(run.session, stateFile);
    const healthPort = Number(new URL(run.settings.health.url ?? '').port || 80);
    // The live copy: recorded by the last switch, else the plain compose service on health-url's port.
    let live = state.status === 'deployed' ? state.live : undefined;
    if (!live) {
        const current = await runningImage(run, ctx);
        const composeState = await (0,host_state/* readStateFile */.qy)(run.session, ctx.stateFile);
        live = { project: ctx.projectName, port: healthPort, image: current ?? '', version: current ? (composeState.image === current ? composeState.version : undefined) ?? current : '' };
    }
    let before = state.previous;
    // The proxy, not the state file, has the last word on which copy serves: a
    // deploy cut between its switch and its state write leaves the file a step behind.
    const proxy = proxySwitcher(run.session, zd);
    const serving = await proxy.servingPorts();
    const { pending } = state;
    if (serving && !serving.includes(live.port) && pending && pending.project !== live.project && serving.includes(pending.port)
        && (await containersOf(run, pending.project, service)).length > 0) {
        run.log.warn(`${host}: ${proxy.kind} sends traffic to ${pending.project} (${pending.version || pending.image}) on port ${pending.port}, not to ${live.project} on port ${live.port} as the state file says: an earlier deploy was cut right after its switch, so ${pending.project} is the live copy`);
        before = live;
        live = pending;
    }
    const liveRuns = (await containersOf(run, live.project, service)).length > 0;
    const slot = live.project.endsWith('-blue') ? `${ctx.projectName}-green` : `${ctx.projectName}-blue`;
    const slotPort = await slotPortOf(run, slot, service, zd.portEnv);
    // Before anything is removed or started: can the service run twice, is the proxy there and pointing at the live copy.
    const override = overrideOf(run, slot);
    const writeOverride = (port) => (0,host_state/* writeAtomic */.vZ)(run.session, override, renderSlotOverride(service, image, zd.portEnv, port), {
        name: 'slipway-override', label: `ssh ${run.session.target.host}: point ${slot} at ${image}`,
    });
    const project = { ...ctx.project, project: slot, overrideFile: override };
    await writeOverride(0);
    const config = await run.session.exec((0,compose_commands/* composeWords */.cp)(ctx.flavor, project, 'config'), { env: run.settings.env, allowFailure: true, label: `compose config on ${run.session.target.host}` });
    if (config.exitCode !== 0)
        throw new errors/* SlipwayError */.GQ(`${host}: \`compose config\` fails (${config.stderr.trim().split('\n').pop() ?? ''})`, { fix: 'Fix the compose files' });
    const problems = runTwiceProblems(config.stdout, service);
    if (problems.length > 0) {
        throw new errors/* SlipwayError */.GQ(`${host}: zero-downtime needs two copies of '${service}' side by side, and this compose service cannot run twice:\n- ${problems.join('\n- ')}`, { fix: 'Change the compose file as above, or deploy without zero-downtime' });
    }
    await proxy.preflight(live.port);
    (0,cancel/* throwIfCancelled */.dZ)(run.signal, 'removing copies an earlier deploy left behind');
    // Copies an earlier deploy left behind: half-started (cut before its switch), or
    // switched away from but not drained (cut after it). Never one the proxy sends traffic to.
    const leftovers = [{ project: slot, port: slotPort }];
    if (before && before.project !== slot && before.project !== live.project)
        leftovers.push({ project: before.project, port: before.port });
    for (const leftover of leftovers) {
        const ids = await containersOf(run, leftover.project, service);
        if (ids.length === 0)
            continue;
        if (leftover.port !== undefined && serving?.includes(leftover.port)) {
            throw new errors/* SlipwayError */.GQ(`${host}: ${proxy.kind} sends traffic to port ${leftover.port}, where ${leftover.project} runs, as well as to the live copy ${live.project} on port ${live.port}; Slipway never removes a copy the proxy sends traffic to`, {
                fix: `Point the proxy at port ${live.port} only (or remove ${leftover.project} yourself), then deploy again`,
            });
        }
        const switchedAway = before?.project === leftover.project;
        if (switchedAway && leftover.port !== undefined) {
            const cut = await drain(run, leftover.port, zd.drainTimeoutMs);
            if (cut > 0)
                run.log.warn(`${host}: ${cut} connection(s) to ${leftover.project} were still open after drain-timeout and were cut`);
        }
        const removed = await removeCopy(run, leftover.project, service, switchedAway ? zd.stopTimeoutS : 1);
        run.log.warn(switchedAway
            ? `${host}: stopped ${removed} container(s) of ${leftover.project}, which an earlier deploy switched away from but did not drain (${proxy.kind} no longer sends traffic to it)`
            : `${host}: removed ${removed} container(s) of ${leftover.project} left half-started by an earlier deploy (never switched to)`);
    }
    const tables = await tcpTables(run);
    const port = chooseFreePort(zd.ports, tables.listening, [live.port]);
    if (port === undefined) {
        const busy = [...tables.listening].filter((p) => p >= zd.ports.first && p <= zd.ports.last).sort((a, b) => a - b);
        throw new errors/* SlipwayError */.GQ(`${host}: slot-ports: no free port for the new copy in ${zd.ports.first}-${zd.ports.last} (in use: ${busy.join(', ') || 'none'}; live copy on ${live.port})`, { fix: 'Widen slot-ports or stop what listens there' });
    }
    const next = { project: slot, port, image, version };
    (0,cancel/* throwIfCancelled */.dZ)(run.signal, `starting ${slot}`);
    // Recorded first, so the next deploy (or a person) knows what this one was starting.
    await writeSwitchState(run.session, stateFile, { live, pending: next, previous: before, status: liveRuns ? 'deployed' : 'starting' });
    run.log.info(`${host}: starting ${service} ${version} as ${slot} on port ${port} beside ${live.project} on port ${live.port}`);
    await writeOverride(port);
    const env = run.settings.env;
    const oldLabel = live.version || live.image || 'the old version';
    /** Switches back if needed and says truthfully what serves; removes the new copy only when no traffic goes to it. */
    const afterFailure = async (cause, switched) => {
        const verdict = judgeSwitchBack({ host, cause, proxy: proxy.kind, old: { label: oldLabel, port: live.port }, newPort: port, back: await switchBack(proxy, live.port, port, switched) });
        if (verdict.removeNew) {
            await removeNext(cause);
        }
        else {
            run.log.warn(`${host}: ${verdict.message}`);
            await writeSwitchState(run.session, stateFile, { live: next, previous: live, status: 'deployed', proxy: proxy.kind, lastFailure: verdict.message });
        }
        return verdict;
    };
    const removeNext = async (why) => {
        run.log.warn(`${host}: ${why}; removing ${slot}`);
        await removeCopy(run, slot, service, 1);
        await writeSwitchState(run.session, stateFile, { live, previous: before, status: liveRuns ? 'deployed' : 'empty', lastFailure: why });
    };
    try {
        if (ctx.compose.pull && action === 'deploy')
            await run.session.exec((0,compose_commands/* composeWords */.cp)(ctx.flavor, project, 'pull', service), { env, label: `compose pull ${service} on ${run.session.target.host}` });
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, `compose up of ${slot}`);
        await run.session.exec((0,compose_commands/* composeWords */.cp)(ctx.flavor, project, 'up', '-d', '--no-deps', service), { env, survivesDisconnect: true, stream: true, label: `compose up ${slot} on ${run.session.target.host}` });
    }
    catch (error) {
        if (await run.session.isAlive())
            await removeNext(`${slot} did not start (${(0,errors/* formatError */.Wk)(error)})`);
        throw error;
    }
    // A cancel while the new copy is checked: it is not switched to (the proxy stays on the old copy).
    const verdict = await (0,cancel/* untilCancelled */.c8)(copyHealthy(run, port, version, run.settings.health.timeoutMs), run.signal, () => ({ healthy: false, detail: 'cancelled before it was verified' }));
    if (!verdict.healthy) {
        await removeNext(`new version ${version} never got healthy (${verdict.detail})`);
        throw new errors/* SlipwayError */.GQ(`${host}: new version ${version} never got healthy on port ${port} (${verdict.detail}); it was removed and the proxy was not touched, ${live.version || live.image || 'the old version'} is still serving`);
    }
    const healthyAt = external_node_perf_hooks_.performance.now();
    let switched = false;
    let switchedAt;
    try {
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, `the ${proxy.kind} switch to port ${port}`);
        await proxy.switchTo(port, live.port);
        switched = true;
        switchedAt = new Date().toISOString();
        // Recorded at once: if the connection drops from here on, the next deploy must know the new copy serves.
        await writeSwitchState(run.session, stateFile, { live: next, previous: live, status: 'deployed', switchedAt, proxy: proxy.kind });
        await waitForTrafficOnNew(run, zd, version);
        // Cancelled after the switch but before the new copy's watch: back to the old copy, untouched and healthy.
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, 'the watch window of the new copy');
    }
    catch (error) {
        // Traffic goes back to the live copy, which was never touched; the message says if it did not.
        const verdict = await afterFailure((0,errors/* formatError */.Wk)(error), switched);
        throw new errors/* SlipwayError */.GQ(verdict.message, { fix: verdict.fix });
    }
    const switchMs = external_node_perf_hooks_.performance.now() - healthyAt;
    run.log.info(`${host}: ${proxy.kind} sends traffic to ${slot} on port ${port} (${Math.round(switchMs)} ms after it was healthy)`);
    if (zd.watchMs > 0) {
        const watchEnd = Date.now() + zd.watchMs;
        while (Date.now() < watchEnd) {
            const watch = run.signal?.aborted ? { healthy: false, detail: 'cancelled within the watch window' } : await copyHealthy(run, port, version, 2000, 1);
            if (!watch.healthy) {
                run.log.warn(`${host}: ${version} ${run.signal?.aborted ? 'was cancelled' : 'turned red'} within the watch window (${watch.detail}); switching back to port ${live.port}`);
                const after = `${Math.round((zd.watchMs - (watchEnd - Date.now())) / 1000)} s after the switch`;
                const cause = run.signal?.aborted ? `cancelled ${after}, within the watch window of ${version}` : `new version ${version} turned red ${after} (${watch.detail})`;
                const verdict = await afterFailure(cause, true);
                if (verdict.oldServes)
                    throw new host_run/* RolledBackError */.Ai(host, cause, `the old version ${live.version || live.image}`, { serving: live.version || live.image, failed: version });
                throw new errors/* SlipwayError */.GQ(verdict.message, { fix: verdict.fix });
            }
            await (0,retry/* sleep */.yy)(500);
        }
    }
    let cut = 0;
    if (liveRuns && run.signal?.aborted) {
        // Cancelled after the watch: the new copy serves, verified. The old one is left running for the next deploy to drain and stop.
        run.log.warn(`${host}: cancelled after the switch: ${version} serves on port ${port}; ${live.project} on port ${live.port} was left running (the next deploy drains and stops it)`);
        return { version, previous: live.version, changed: true };
    }
    if (liveRuns) {
        cut = await drain(run, live.port, zd.drainTimeoutMs);
        if (cut > 0)
            run.log.warn(`${host}: ${cut} connection(s) to the old copy were still open after drain-timeout (${Math.round(zd.drainTimeoutMs / 1000)} s) and were cut: long requests, streaming or WebSocket clients`);
        await removeCopy(run, live.project, service, zd.stopTimeoutS);
    }
    const previous = liveRuns ? live : before;
    await writeSwitchState(run.session, stateFile, {
        live: next, previous, status: 'deployed', switchedAt, switchMs: Math.round(switchMs), cutConnections: cut, proxy: proxy.kind,
    });
    await (0,host_state/* appendDeployLog */._k)(run.session, run.appDir, {
        time: new Date().toISOString(), action, strategy: 'compose-zero-downtime', version, previous: live.version,
        result: `switched ${proxy.kind} from port ${live.port} to ${port} (${slot}) in ${Math.round(switchMs)} ms; ${cut} connection(s) cut`, actor: 'slipway',
    }).catch((error) => run.log.warn(`${host}: could not append to the deploy log: ${(0,errors/* formatError */.Wk)(error)}`));
    return { version, previous: live.version, changed: true };
}
async function zeroDowntimeDeploy(run) {
    return switchDeploy(run, run.settings.compose.image ?? '', run.settings.version, 'deploy');
}
/** A rollback is the same switch towards the previous image, on the other slot. */
async function zeroDowntimeRollback(run) {
    const ctx = await prepare(run);
    const { previous } = await readSwitchState(run.session, stateFileOf(run, ctx));
    if (!previous?.image)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: no previous version is recorded in ${stateFileOf(run, ctx)}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
    return switchDeploy(run, previous.image, previous.version, 'rollback');
}

;// CONCATENATED MODULE: ./build/src/deploy/strategies/zero-downtime.js





/** How the proxy is moved to the new copy's port, as the switcher in zero-downtime/proxy.ts does it. */
function proxySwitchPlan(zd) {
    switch (zd.proxy) {
        case 'caddy': return `switch Caddy (admin API ${zd.caddyAdmin}, over the SSH connection): its upstream on the live copy's port → 127.0.0.1:<new port>`;
        case 'nginx': return `write ${zd.nginxUpstreamFile ?? ''}: server 127.0.0.1:<new port>; then \`${zd.nginxCommand} -t\` and \`${zd.nginxCommand} -s reload\``;
        case 'command': return `${zd.switchCommand ?? ''} <new port>`;
    }
}
/**
 * The compose strategy with `zero-downtime`: the new version starts as a second
 * copy (`<project>-blue` / `-green`) on a free port beside the live one, the proxy
 * is switched once it is healthy, the old copy drains and stops.
 */
const zeroDowntimeStrategy = {
    name: 'compose',
    parse: composeStrategy.parse,
    impliedVersion: composeStrategy.impliedVersion,
    plan(settings, host) {
        const { compose } = settings;
        const zd = settings.zeroDowntime;
        const { project, words } = plannedProject(settings, host);
        const projectName = project ?? (0,compose_commands/* defaultProjectName */.Y7)(host.appDir);
        // The first switch starts -blue; after that the slot is whichever copy is not live.
        const slot = `${projectName}-blue`;
        const override = host_state/* hostFiles */.qZ.slotOverride(host.appDir, slot);
        const slotProject = { appDir: host.appDir, files: compose.files, project: slot, envFile: compose.envFile, overrideFile: override };
        const stateFile = host_state/* hostFiles */.qZ.switchState(host.appDir, projectName, compose.service);
        const image = settings.mode === 'rollback' ? `the previous image recorded in ${stateFile}` : host.image;
        return [
            COMPOSE_FLAVOR_NOTE,
            'with the lock, in the same round trip: look at the compose files in app-dir and which compose the host has',
            `the new copy is ${slot} (or ${projectName}-green when ${slot} is live); the live copy is the one ${stateFile} records and the proxy points at`,
            `write ${override}: ${compose.service} → ${image}, ${zd.portEnv}=<new port, the first free one in ${zd.ports.first}-${zd.ports.last}>`,
            words(slotProject, 'config'),
            `check ${zd.proxy} sends traffic to the live copy's port`,
            ...(compose.pull && settings.mode === 'deploy' ? [words(slotProject, 'pull', compose.service)] : []),
            words(slotProject, 'up', '-d', '--no-deps', compose.service),
            `health of the new copy on 127.0.0.1:<new port> within ${Math.round(settings.health.timeoutMs / 1000)} s, before any traffic moves; else it is removed`,
            proxySwitchPlan(zd),
            ...(zd.proxyHealthUrl ? [`wait until ${zd.proxyHealthUrl} reports the new version`] : []),
            ...(zd.watchMs > 0 ? [`watch the new copy for ${Math.round(zd.watchMs / 1000)} s; red → the proxy goes back to the old copy`] : []),
            `drain the old copy (up to ${Math.round(zd.drainTimeoutMs / 1000)} s for its open connections)`,
            `docker stop -t ${zd.stopTimeoutS} <old copy's containers>`,
            `docker rm -f <old copy's containers>`,
        ];
    },
    lookWithLock: composeLookWithLock,
    deploy: zeroDowntimeDeploy,
    rollback: zeroDowntimeRollback,
};

;// CONCATENATED MODULE: ./build/src/deploy/strategies/index.js








/**
 * Every deploy strategy, by the value of the `strategy` input.
 *
 * To add one: write `strategies/<name>.ts` exporting `<name>Strategy: Strategy<<Name>DeploySettings>`
 * (its settings interface extends BaseDeploySettings with `strategy: '<name>'` and its own part;
 * `parse` reads its inputs, `plan` lists what it runs, `deploy`/`rollback` return a StrategyOutcome),
 * then add one line here. The `strategy` input's choices, the DeploySettings union, the fleet and
 * the dry run all follow from this table; its inputs go in the action's action.yml and the CLI's
 * flag table like any other input.
 */
const STRATEGIES = {
    compose: composeStrategy,
    release: releaseStrategy,
    script: scriptStrategy,
    swarm: swarmStrategy,
    cloudron: cloudronStrategy,
};
const STRATEGY_NAMES = Object.keys(STRATEGIES);
/** The strategy that runs `settings` (compose with the zero-downtime option is a strategy of its own). */
function strategyFor(settings) {
    if (settings.strategy === 'compose' && settings.zeroDowntime)
        return zeroDowntimeStrategy;
    // The table pairs each name with the strategy of those settings.
    return STRATEGIES[settings.strategy];
}
/** The strategies' own summary blocks for the hosts' reports (swarm: the per-service tables), in host order. */
/** The lock and deploy-log paths on one host: the release strategy's `lock-file`/`deploy-log`, else Slipway's own. */
function hostPathsFor(settings, appDir) {
    return (0,host_state/* hostPathsOf */.YF)(appDir, settings.strategy === 'release' ? settings.release : {});
}
function strategyReportsSummary(hosts) {
    const summary = new core_summary/* Summary */.BD();
    for (const report of hosts.flatMap((host) => host.reports ?? [])) {
        const strategy = STRATEGIES[report.strategy];
        if (strategy?.summarize)
            summary.append(strategy.summarize(report));
    }
    return summary;
}


/***/ }),

/***/ 5426:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ withReports),
/* harmony export */   t: () => (/* binding */ reportsOf)
/* harmony export */ });
const REPORTS = Symbol('slipway.strategyReports');
/** Attaches reports made before a failure to the error that ends the host (keeps its class: RolledBackError stays one). */
function withReports(error, reports) {
    if (reports.length && error instanceof Error)
        Object.defineProperty(error, REPORTS, { value: reports, enumerable: false });
    return error;
}
function reportsOf(error) {
    return (error instanceof Error ? error[REPORTS] : undefined) ?? [];
}


/***/ }),

/***/ 6950:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   PA: () => (/* binding */ KNOWN_PLATFORMS),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   n3: () => (/* binding */ invalidReference),
/* harmony export */   o_: () => (/* binding */ parseImageReference),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* unused harmony export DOCKER_HUB */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOCKER_HUB = 'docker.io';
/** A registry: a host name, localhost or an IPv4 address, or a bracketed IPv6 one; an optional port. */
const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?$/;
/** Docker's limit on a name, registry and repository together. */
const MAX_NAME_LENGTH = 255;
function isValidTag(tag) {
    return TAG.test(tag);
}
/** Returns a reason when the reference is invalid, for the caller's InputError. */
function parseImageReference(reference) {
    let rest = reference.trim();
    let digest;
    const at = rest.indexOf('@');
    // `user:token@registry/app`: a digest never holds a '/', so this is a login written into the name.
    if (at >= 0 && rest.slice(at + 1).includes('/')) {
        return { error: "holds user:password@ before the registry (give credentials in 'username' and 'password', never in a reference)", credentials: true };
    }
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            return { error: `digest '${digest}' is not sha256:<64 hex>` };
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!isValidTag(tag))
            return { error: `tag '${tag}' has characters a tag cannot have (letters, digits, _ . - only, at most 128, not starting with . or -)` };
    }
    const parts = rest.split('/');
    let registry = DOCKER_HUB;
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? ''))
        registry = parts.shift() ?? DOCKER_HUB;
    const host = REGISTRY_HOST.exec(registry);
    if (!host || (host[1] !== undefined && (Number(host[1]) < 1 || Number(host[1]) > 65535))) {
        return { error: `registry '${registry.slice(0, 80)}' is not a host name or address with an optional port 1-65535` };
    }
    if (parts.length === 0 || parts.some((part) => !PATH_COMPONENT.test(part))) {
        return { error: `repository '${parts.join('/')}' must be lower-case letters, digits and separators (. _ -), in /-separated parts` };
    }
    if (registry === DOCKER_HUB && parts.length === 1)
        parts.unshift('library');
    if (`${registry}/${parts.join('/')}`.length > MAX_NAME_LENGTH)
        return { error: `the name is longer than ${MAX_NAME_LENGTH} characters, registry included` };
    return { registry, repository: parts.join('/'), tag, digest };
}
/** An error for an invalid reference: the reference quoted, unless it held credentials. */
function invalidReference(text, invalid) {
    return invalid.credentials ? invalid.error : `has an invalid reference '${text.slice(0, 120)}': ${invalid.error}`;
}
function formatReference(reference) {
    const host = reference.registry === DOCKER_HUB ? '' : `${reference.registry}/`;
    const name = `${host}${reference.repository}`;
    if (reference.digest)
        return `${name}@${reference.digest}`;
    return reference.tag ? `${name}:${reference.tag}` : name;
}
/** The name without tag or digest, as a user wrote it (for `name@digest`). */
function repositoryOf(reference) {
    const withoutDigest = reference.split('@')[0] ?? reference;
    const lastSlash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
}
const KNOWN_PLATFORMS = [
    'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64',
];


/***/ }),

/***/ 2852:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tz: () => (/* binding */ anonymousManifestStatus),
/* harmony export */   Ve: () => (/* binding */ readServedImage),
/* harmony export */   g: () => (/* binding */ resolveServedDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
/* harmony import */ var _core_http_request_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5531);
/* harmony import */ var _registry_probe_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5839);




/**
 * Reads back what the registry serves for a digest, over the registry API
 * itself: `docker pull` would be satisfied by the local engine's copy and
 * prove nothing. Checks the manifest's bytes hash to the digest, the config's
 * platform, and that every layer blob is there (HEAD, no download).
 */
const ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
async function readServedImage(args) {
    const client = new RegistryClient(args.registry, args.repository, args.credentials, args);
    const { body, manifest: served } = await client.manifest(args.digest);
    let manifest = served;
    if (sha256(body) !== args.digest)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Verify: the registry served a manifest for ${args.digest} whose bytes hash to ${sha256(body)}`);
    if (manifest.manifests) {
        const entry = manifest.manifests.find((candidate) => platformOf(candidate.platform) === args.platform);
        if (!entry) {
            const offered = manifest.manifests.map((candidate) => platformOf(candidate.platform)).join(', ');
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Verify: ${args.repository}@${args.digest} offers ${offered}, not ${args.platform}`);
        }
        manifest = (await client.manifest(entry.digest)).manifest;
    }
    if (!manifest.config)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Verify: the manifest of ${args.repository}@${args.digest} has no config`);
    const config = JSON.parse((await client.blob(manifest.config.digest)).toString('utf8'));
    for (const layer of manifest.layers ?? [])
        await client.assertBlob(layer.digest);
    return { platform: platformOf(config), layers: manifest.layers?.length ?? 0 };
}
/**
 * The digest a tag points at, as the registry serves it (the sha256 of the
 * manifest bytes), read anonymously unless credentials are given: lets a
 * deploy that names an image by tag run the same read-back as push-image.
 */
async function resolveServedDigest(args) {
    const client = new RegistryClient(args.registry, args.repository, args.credentials, args);
    return sha256((await client.manifest(args.tag)).body);
}
/** What an anonymous `docker pull` of this digest gets from the registry: 200 means anyone can read it. */
async function anonymousManifestStatus(args) {
    return new RegistryClient(args.registry, args.repository, undefined, args).manifestStatus(args.digest);
}
function platformOf(platform) {
    return [platform?.os, platform?.architecture, platform?.variant].filter(Boolean).join('/');
}
/** Manifests and image configs are small; a registry answering more is broken or hostile. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
const sha256 = (body) => `sha256:${node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256').update(body).digest('hex')}`;
class RegistryClient {
    registry;
    repository;
    credentials;
    budget;
    authorization;
    base;
    constructor(registry, repository, credentials, budget = {}) {
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.budget = budget;
        this.base = (0,_registry_probe_js__WEBPACK_IMPORTED_MODULE_2__/* .registryBaseUrl */ .m)(registry);
    }
    /** Registries redirect blob reads to storage: followed, and credentials stay behind on another origin. */
    send(url, method, headers, what) {
        const options = {
            method, headers, what, timeoutMs: this.budget.requestTimeoutMs ?? 30_000, signal: this.budget.signal, maxRedirects: 5, maxBodyBytes: MAX_DOCUMENT_BYTES,
        };
        return (0,_core_http_request_js__WEBPACK_IMPORTED_MODULE_3__/* .httpRequest */ .aj)(url, options);
    }
    async manifest(reference) {
        const response = await this.get(`/v2/${this.repository}/manifests/${reference}`, { accept: ACCEPT });
        return { body: response.body, manifest: response.json() };
    }
    async blob(digest) {
        return (await this.get(`/v2/${this.repository}/blobs/${digest}`, {})).body;
    }
    async assertBlob(digest) {
        await this.get(`/v2/${this.repository}/blobs/${digest}`, {}, 'HEAD');
    }
    /** The HTTP status a manifest read answers, after the registry's token dance (as docker pull does it). */
    async manifestStatus(reference) {
        return (await this.request(`/v2/${this.repository}/manifests/${reference}`, { accept: ACCEPT }, 'GET')).status;
    }
    async request(path, headers, method) {
        let response;
        for (let attempt = 0; attempt < 2; attempt += 1) {
            response = await this.send(`${this.base}${path}`, method, { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) });
            if (response.status !== 401 || attempt > 0)
                return response;
            await this.authenticate(response.header('www-authenticate') ?? '');
        }
        return response;
    }
    async get(path, headers, method = 'GET') {
        for (let attempt = 0; attempt < 2; attempt += 1) {
            const response = await this.send(`${this.base}${path}`, method, { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) });
            if (response.status === 401 && attempt === 0) {
                await this.authenticate(response.header('www-authenticate') ?? '');
                continue;
            }
            if (!response.ok) {
                const who = this.credentials ? `as ${this.credentials.username}` : 'anonymously';
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Verify: ${method} ${this.registry}${path} ${who} answered HTTP ${response.status}`, {
                    fix: this.credentials ? 'Check the credentials can pull' : 'Make the package public (Gitea/Forgejo: package settings → visibility), or set verify-anonymous-pull: false',
                });
            }
            return response;
        }
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Verify: ${this.registry} kept asking for credentials`);
    }
    async authenticate(challenge) {
        const basic = this.credentials
            ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`
            : undefined;
        if (/^basic/i.test(challenge)) {
            this.authorization = basic;
            return;
        }
        const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
        if (!realm)
            return;
        const url = new URL(realm);
        const service = /service="([^"]+)"/i.exec(challenge)?.[1];
        if (service)
            url.searchParams.set('service', service);
        url.searchParams.set('scope', `repository:${this.repository}:pull`);
        const response = await this.send(url, 'GET', basic ? { authorization: basic } : {}, `token request GET ${url.pathname}`);
        if (!response.ok)
            return;
        const token = response.json();
        const value = token.token ?? token.access_token;
        if (value)
            this.authorization = `Bearer ${value}`;
    }
}


/***/ }),

/***/ 5839:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ probeRegistry),
/* harmony export */   m: () => (/* binding */ registryBaseUrl)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
/* harmony import */ var _core_http_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5531);
/* harmony import */ var _core_runner_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2738);



/** Docker itself talks plain HTTP to loopback registries; everything else is HTTPS. */
function registryBaseUrl(registry) {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    return `${loopback ? 'http' : 'https'}://${host}`;
}
async function probeRegistry(args) {
    const base = registryBaseUrl(args.registry);
    const started = Date.now();
    let attempt = 0;
    for (;;) {
        attempt += 1;
        let problem;
        try {
            const outcome = await probeOnce(base, args);
            if (outcome.ok || outcome.status === 401 || outcome.status === 403)
                return outcome;
            if (outcome.status === 429) {
                const rateWait = outcome.retryAfterMs ?? (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .backoffDelay */ .EY)(args.retry, attempt);
                if (Date.now() - started + rateWait > args.maxRateLimitWaitMs) {
                    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Registry ${args.registry} is rate-limiting this runner (429) beyond the allowed wait`, { fix: 'Wait, authenticate for a higher limit, or raise input \'rate-limit-wait\'' });
                }
                args.log.warn(`Registry ${args.registry} asked us to slow down (429); waiting ${Math.round(rateWait / 1000)} s`);
                await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .yy)(rateWait);
                attempt -= 1; // a rate limit is not a failed attempt
                continue;
            }
            problem = `HTTP ${outcome.status}`;
        }
        catch (error) {
            if (error instanceof _core_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpRequestError */ .Ci && error.kind === 'aborted')
                throw error;
            // The outer message names the registry already; a refusal needs no more than its name.
            if (error instanceof _core_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpRequestError */ .Ci)
                problem = error.kind === 'refused' ? 'connection refused' : error.message;
            else if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ)
                throw error;
            else
                problem = error.message ?? String(error);
        }
        if (attempt >= args.retry.attempts || (args.retry.deadlineMs !== undefined && Date.now() - started > args.retry.deadlineMs)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlipwayError */ .GQ(`Registry ${args.registry} is not answering (${problem}) after ${attempt} attempt(s) over ${Math.round((Date.now() - started) / 1000)} s`, {
                fix: 'Check the registry address and that the registry is up and reachable from this runner',
            });
        }
        const waitMs = (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .backoffDelay */ .EY)(args.retry, attempt);
        args.log.warn(`Registry ${args.registry}: ${problem}; retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt}/${args.retry.attempts})`);
        await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .yy)(waitMs);
    }
}
async function probeOnce(base, args) {
    // Bodies are read and dropped: only statuses and headers matter here.
    const get = (url, headers, what) => (0,_core_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .httpRequest */ .aj)(url, {
        headers, timeoutMs: args.requestTimeoutMs ?? 15_000, signal: args.signal, maxRedirects: 5, overflow: 'truncate', maxBodyBytes: 64 * 1024, what,
    });
    const anonymous = await get(`${base}/v2/`, {});
    if (anonymous.status === 200)
        return { ok: true, auth: 'none' };
    if (anonymous.status !== 401)
        return failed(anonymous);
    const challenge = anonymous.header('www-authenticate') ?? '';
    if (!args.username || !args.password)
        return { ok: false, status: 401, reason: 'the registry requires credentials and none were given' };
    const basic = `Basic ${Buffer.from(`${args.username}:${args.password}`).toString('base64')}`;
    if (/^bearer/i.test(challenge)) {
        const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
        const service = /service="([^"]+)"/i.exec(challenge)?.[1];
        if (!realm)
            return { ok: true, auth: 'bearer' };
        const url = new URL(realm);
        if (service)
            url.searchParams.set('service', service);
        url.searchParams.set('scope', `repository:${args.repository}:push,pull`);
        const token = await get(url, { authorization: basic }, `token request GET ${url.pathname}`);
        return token.ok ? { ok: true, auth: 'bearer' } : failed(token);
    }
    const authed = await get(`${base}/v2/`, { authorization: basic });
    return authed.ok ? { ok: true, auth: 'basic' } : failed(authed);
}
function failed(response) {
    const retryAfter = Number(response.header('retry-after'));
    return {
        ok: false,
        status: response.status,
        reason: response.statusText,
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
}


/***/ }),

/***/ 265:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WP: () => (/* binding */ smokeSummary),
/* harmony export */   cR: () => (/* binding */ smokeFailure),
/* harmony export */   q6: () => (/* binding */ smokeOutputs)
/* harmony export */ });
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3092);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1253);
/* harmony import */ var _soak_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5229);



const ms = (value) => `${Math.round(value)} ms`;
function smokeSummary(report) {
    const failed = report.checks.filter((check) => !check.passed).length;
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .Summary */ .BD().heading(report.passed ? `Smoke test passed (${report.checks.length} check${report.checks.length === 1 ? '' : 's'})` : `Smoke test failed (${failed} of ${report.checks.length} checks)`);
    summary.table(['Check', 'Status', 'Latency', 'Attempts', 'Details'], report.checks.map((check) => [
        check.name,
        check.passed ? '✅ pass' : '❌ fail',
        ms(check.latencyMs),
        String(check.attempts),
        check.passed ? passDetails(check) : (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(check.reason ?? 'failed'),
    ]));
    const soaked = report.checks.filter((check) => check.soak);
    if (soaked.length > 0) {
        summary.table(['Soak', 'Requests', 'Rate', 'p50', 'p95', 'Errors'], soaked.map((check) => {
            const soak = check.soak;
            return [check.name, String(soak.requests), `${Math.round(soak.requestsPerSecond)}/s`, ms(soak.p50Ms), ms(soak.p95Ms), `${soak.errors} (${(0,_soak_js__WEBPACK_IMPORTED_MODULE_2__/* .percent */ .KN)(soak.errorRate)})`];
        }));
    }
    if (report.versionSeen !== undefined)
        summary.text(`Version seen: \`${report.versionSeen}\``);
    return summary;
}
function passDetails(check) {
    const parts = [`HTTP ${check.status}`];
    if (check.versionSeen !== undefined)
        parts.push(`version ${check.versionSeen}`);
    if (check.health && check.health !== 'none')
        parts.push(`health ${check.health}`);
    return parts.join(', ');
}
function smokeOutputs(report) {
    return {
        passed: String(report.passed),
        'version-seen': report.versionSeen ?? '',
        results: (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(JSON.stringify(report.checks.map((check) => ({
            name: check.name,
            url: check.url,
            passed: check.passed,
            status: check.status ?? null,
            latencyMs: Math.round(check.latencyMs),
            attempts: check.attempts,
            versionSeen: check.versionSeen ?? null,
            reason: check.reason ?? null,
            soak: check.soak ? { requests: check.soak.requests, errors: check.soak.errors, p50Ms: Math.round(check.soak.p50Ms), p95Ms: Math.round(check.soak.p95Ms) } : null,
        })))),
    };
}
/** One line per failing check: its name, the expectation and what came back. */
function smokeFailure(report) {
    if (report.passed)
        return undefined;
    return (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(report.checks.filter((check) => !check.passed).map((check) => `smoke check '${check.name}' (${check.url}) failed: ${check.reason}`).join('\n'));
}


/***/ }),

/***/ 4898:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ runSmokeChecks),
/* harmony export */   p: () => (/* binding */ DEFAULT_SMOKE_OPTIONS)
/* harmony export */ });
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var _readiness_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6067);
/* harmony import */ var _soak_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5229);



const DEFAULT_SMOKE_OPTIONS = {
    timeoutMs: 60_000,
    consecutivePasses: 3,
    // Passes in a row 100 ms apart: a restarting app's answers do not line up that fast by chance.
    confirmIntervalMs: 100,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 5_000,
    requestTimeoutMs: 10_000,
};
/**
 * The plain API other flows call (ssh-deploy, the restore drill): every check
 * waits for readiness in parallel, then the optional soak runs check by check.
 */
async function runSmokeChecks(checks, options, log) {
    const settings = { ...DEFAULT_SMOKE_OPTIONS, ...options };
    const started = node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now();
    const transport = { requestTimeoutMs: settings.requestTimeoutMs, extraCa: settings.caCertificates, connect: settings.connect };
    const outcomes = await Promise.all(checks.map(async (check) => {
        const ready = await (0,_readiness_js__WEBPACK_IMPORTED_MODULE_1__/* .waitUntilReady */ .b)(check, settings, transport, log);
        const outcome = {
            name: check.name,
            url: check.url,
            passed: ready.passed,
            attempts: ready.attempts,
            latencyMs: ready.last.latencyMs,
            status: ready.last.status,
            versionSeen: ready.last.versionSeen,
            expectVersion: check.expectVersion,
            health: ready.last.health,
            reason: ready.reason,
            durationMs: ready.durationMs,
        };
        if (ready.passed)
            log.info(`✓ ${check.name}: ${ready.last.status} in ${Math.round(ready.last.latencyMs)} ms (${ready.attempts} attempt${ready.attempts === 1 ? '' : 's'})`);
        else
            log.error(`✗ ${check.name}: ${ready.reason}`);
        return outcome;
    }));
    if (settings.soak && settings.soak.requests > 0) {
        for (const [index, check] of checks.entries()) {
            const outcome = outcomes[index];
            if (!outcome?.passed)
                continue;
            const result = await (0,_soak_js__WEBPACK_IMPORTED_MODULE_2__/* .soak */ .Rb)(check, settings.soak, transport);
            outcome.soak = result;
            log.info(`${check.name}: soak ${result.requests} requests at ${Math.round(result.requestsPerSecond)}/s, p50 ${Math.round(result.p50Ms)} ms, p95 ${Math.round(result.p95Ms)} ms, errors ${result.errors}`);
            if (result.problems.length > 0) {
                outcome.passed = false;
                outcome.reason = result.problems.join('; ');
                log.error(`✗ ${check.name}: ${outcome.reason}`);
            }
        }
    }
    return {
        passed: outcomes.every((outcome) => outcome.passed),
        checks: outcomes,
        versionSeen: outcomes.find((outcome) => outcome.versionSeen !== undefined)?.versionSeen,
        durationMs: node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - started,
    };
}


/***/ }),

/***/ 6874:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ parseSmokeSettings),
/* harmony export */   h: () => (/* binding */ readCaBundle)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7183);
/* harmony import */ var _check_list_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2112);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4898);




/** Inputs → settings; every problem is raised here, before any request. */
function parseSmokeSettings(inputs, workDir) {
    const describe = (name) => inputs.source.describe(name);
    const failFor = (name) => (problem, fix) => inputs.fail(name, problem, fix);
    const headers = inputs.keyValues('headers');
    // Lines only, masked whole and in pieces, errors by line number: `Bearer ab,cd` is one value.
    const secretHeaders = inputs.keyValues('secret-headers', { secret: true });
    const statusText = inputs.optional('expect-status');
    const connectText = inputs.optional('connect-to');
    const latency = inputs.optional('max-latency');
    const defaults = {
        headers: { ...headers, ...secretHeaders },
        versionPath: inputs.string('version-path', 'version'),
        expectStatus: statusText === undefined ? undefined : (0,_check_list_js__WEBPACK_IMPORTED_MODULE_1__/* .parseStatusExpectation */ .SI)(statusText, failFor('expect-status')),
        maxLatencyMs: latency === undefined ? undefined : inputs.duration('max-latency', 0),
        connectTo: connectText === undefined ? undefined : (0,_check_list_js__WEBPACK_IMPORTED_MODULE_1__/* .parseConnectTarget */ .TA)(connectText, failFor('connect-to')),
    };
    const checks = [];
    const url = inputs.optional('url');
    const expectVersion = inputs.optional('expect-version');
    if (url !== undefined)
        checks.push((0,_check_list_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLineCheck */ .ZF)(url, describe('url'), { ...defaults, expectVersion }));
    else if (expectVersion !== undefined)
        inputs.fail('expect-version', 'is set without url', `Set ${describe('url')} to the health endpoint, or put \`expect-version:\` on a check in ${describe('checks')}.`);
    const listText = inputs.optional('checks');
    if (listText !== undefined)
        checks.push(...(0,_check_list_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCheckList */ .wD)(listText, describe('checks'), defaults));
    // Inside the workspace unless an absolute path asks for elsewhere; its content is never quoted in an error.
    const listFile = inputs.localPath('checks-file', workDir, { mustExist: 'file' });
    if (listFile !== undefined) {
        let text = '';
        try {
            text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(listFile, 'utf8');
        }
        catch (error) {
            inputs.fail('checks-file', `cannot be read (${error.code ?? String(error)})`, 'Point it at a YAML file with a list of checks.');
        }
        checks.push(...(0,_check_list_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCheckList */ .wD)(text, describe('checks-file'), defaults, { quote: false }));
    }
    if (checks.length === 0) {
        inputs.fail('url', 'is required when no checks are given', `Set ${describe('url')} (e.g. https://app.example.com/api/health) or a list in ${describe('checks')}.`);
    }
    const soakRequests = inputs.integer('soak-requests', 0, { min: 0, max: 1_000_000 });
    const p95 = inputs.optional('soak-max-p95');
    return {
        checks,
        sshTargets: inputs.boolean('via-ssh', false) ? (0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSshInputs */ .d)(inputs).targets : undefined,
        options: {
            timeoutMs: inputs.duration('timeout', _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.timeoutMs, { min: 1 }),
            requestTimeoutMs: inputs.duration('request-timeout', _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.requestTimeoutMs, { min: 1 }),
            consecutivePasses: inputs.integer('consecutive-passes', _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.consecutivePasses, { min: 1, max: 100 }),
            confirmIntervalMs: _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.confirmIntervalMs,
            retryBaseDelayMs: _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.retryBaseDelayMs,
            retryMaxDelayMs: inputs.duration('max-retry-interval', _run_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SMOKE_OPTIONS */ .p.retryMaxDelayMs),
            caCertificates: readCaBundle(inputs, workDir),
            soak: soakRequests === 0 ? undefined : {
                requests: soakRequests,
                durationMs: inputs.duration('soak-duration', 30_000, { min: 1 }),
                concurrency: inputs.integer('soak-concurrency', 4, { min: 1, max: 256 }),
                maxP95Ms: p95 === undefined ? undefined : inputs.duration('soak-max-p95', 0),
                maxErrorRate: parseRate(inputs),
            },
        },
    };
}
/** PEM text, or a path to a PEM file: the CA that signed the app's certificate (also read by the Cloudron target). */
function readCaBundle(inputs, workDir) {
    const value = inputs.optional('ca-cert');
    if (value === undefined)
        return undefined;
    let text = value;
    if (!value.includes('-----BEGIN')) {
        // A path: inside the workspace unless an absolute path asks for elsewhere, like every file an input names.
        const file = inputs.localPath('ca-cert', workDir, { mustExist: 'file' }) ?? value;
        try {
            text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
        }
        catch (error) {
            inputs.fail('ca-cert', `is neither PEM text nor a readable file (${error.code ?? String(error)}: ${value})`, 'Give the CA certificate in PEM form, or the path to it.');
        }
    }
    const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!certificates)
        inputs.fail('ca-cert', 'holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)', 'Give the CA certificate in PEM form, or the path to it.');
    return certificates;
}
/** `1%`, `0.5%` or a fraction `0.01`. */
function parseRate(inputs) {
    const text = inputs.string('soak-max-error-rate', '0%');
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
    const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
    if (!Number.isFinite(rate) || rate < 0 || rate > 1)
        inputs.fail('soak-max-error-rate', `is not a rate (found '${text}')`, 'Write a percentage such as 1% or 0.5%.');
    return rate;
}


/***/ }),

/***/ 5229:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   Rb: () => (/* binding */ soak)
/* harmony export */ });
/* unused harmony export percentile */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(643);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7682);
/* harmony import */ var _http_probe_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8692);





async function soak(check, options, transport) {
    // Keep-alive, like a browser or a load balancer: the soak measures the app, not TCP handshakes.
    const agents = transport.agents ?? {
        http: new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true, maxSockets: options.concurrency }),
        https: new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    };
    const soakTransport = { ...transport, agents };
    const latencies = [];
    let issued = 0;
    let errors = 0;
    let firstError;
    const started = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
    const endAt = started + options.durationMs;
    const worker = async () => {
        while (issued < options.requests && node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() < endAt) {
            issued += 1;
            const verdict = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluateAttempt */ .Jl)(check, await (0,_http_probe_js__WEBPACK_IMPORTED_MODULE_4__/* .probe */ .dy)(check, soakTransport), { ignoreLatencyBudget: true });
            latencies.push(verdict.latencyMs);
            if (!verdict.passed) {
                errors += 1;
                firstError ??= verdict.problems.join('; ');
            }
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    }
    finally {
        if (!transport.agents) {
            agents.http.destroy();
            agents.https.destroy();
        }
    }
    const durationMs = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() - started;
    latencies.sort((a, b) => a - b);
    const requests = latencies.length;
    const result = {
        requests,
        errors,
        errorRate: requests === 0 ? 0 : errors / requests,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        durationMs,
        requestsPerSecond: durationMs > 0 ? (requests * 1000) / durationMs : 0,
        firstError,
        problems: [],
    };
    if (result.errorRate > options.maxErrorRate) {
        result.problems.push(`soak error rate ${percent(result.errorRate)} is above the budget ${percent(options.maxErrorRate)} (${errors} of ${requests}; first: ${firstError})`);
    }
    if (options.maxP95Ms !== undefined && result.p95Ms > options.maxP95Ms) {
        result.problems.push(`soak p95 latency ${Math.round(result.p95Ms)} ms is above the budget ${options.maxP95Ms} ms`);
    }
    return result;
}
/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}
const percent = (fraction) => `${Math.round(fraction * 1000) / 10}%`;


/***/ }),

/***/ 4888:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Su: () => (/* binding */ runSmokeChecksOverSession),
/* harmony export */   wp: () => (/* binding */ runSmokeChecksViaSsh)
/* harmony export */ });
/* unused harmony export forwardChecks */
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6651);
/* harmony import */ var _http_probe_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8692);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4898);



const key = (host, port) => `${host}|${port}`;
/**
 * Forwards, over an open session, every address the checks would dial, as seen
 * from the host (`127.0.0.1:8000` is the host's own loopback). The URL's name
 * still goes into Host and SNI, so TLS is verified as for a direct request.
 */
async function forwardChecks(session, checks, log) {
    const forwards = new Map();
    try {
        for (const check of checks) {
            const remote = (0,_http_probe_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveDialTarget */ .EP)(new URL(check.url), check);
            const name = key(remote.host, remote.port);
            if (forwards.has(name))
                continue;
            const forward = await session.forwardLocalPort(remote.port, remote.host);
            forwards.set(name, forward);
            log.info(`Forwarding 127.0.0.1:${forward.localPort} → ${remote.host}:${remote.port} on ${session.name}`);
        }
    }
    catch (error) {
        await Promise.all([...forwards.values()].map((forward) => forward.close()));
        throw error;
    }
    return {
        connect: (intended) => {
            const forward = forwards.get(key(intended.host, intended.port));
            return forward ? { host: '127.0.0.1', port: forward.localPort, via: `through SSH to ${session.name}` } : undefined;
        },
        close: async () => {
            await Promise.all([...forwards.values()].map((forward) => forward.close()));
        },
    };
}
/** Runs the checks from inside a host the caller already has a session to (the deploy pipeline). */
async function runSmokeChecksOverSession(session, checks, options, log) {
    const forwarded = await forwardChecks(session, checks, log);
    try {
        return await (0,_run_js__WEBPACK_IMPORTED_MODULE_1__/* .runSmokeChecks */ .m)(checks, { ...options, connect: forwarded.connect }, log);
    }
    finally {
        await forwarded.close();
    }
}
/** Opens a session per host, runs the checks from inside each, one host after another. */
async function runSmokeChecksViaSsh(targets, checks, options, runner, log) {
    const reports = [];
    for (const target of targets) {
        const session = await (0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_2__/* .openSshSession */ .X)(target, runner, log);
        try {
            const report = await runSmokeChecksOverSession(session, checks, options, log);
            if (targets.length > 1)
                for (const check of report.checks)
                    check.name = `${check.name} on ${target.host}`;
            reports.push(report);
        }
        finally {
            await session.close();
        }
    }
    return mergeReports(reports);
}
function mergeReports(reports) {
    const checks = reports.flatMap((report) => report.checks);
    return {
        passed: reports.every((report) => report.passed),
        checks,
        versionSeen: checks.find((check) => check.versionSeen !== undefined)?.versionSeen,
        durationMs: reports.reduce((sum, report) => sum + report.durationMs, 0),
    };
}


/***/ }),

/***/ 2370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cy: () => (/* binding */ stackDeploy),
/* harmony export */   H$: () => (/* binding */ secretExists),
/* harmony export */   HZ: () => (/* binding */ secretCreate),
/* harmony export */   O0: () => (/* binding */ swarmState),
/* harmony export */   Oq: () => (/* binding */ serviceInspect),
/* harmony export */   QP: () => (/* binding */ serviceRollback),
/* harmony export */   Wq: () => (/* binding */ taskInspect),
/* harmony export */   fp: () => (/* binding */ serviceTaskIds),
/* harmony export */   k_: () => (/* binding */ serviceUpdateImage),
/* harmony export */   qQ: () => (/* binding */ stackServiceIds)
/* harmony export */ });
/* unused harmony export serviceTasksTable */
const JSON_FORMAT = '{{json .}}';
/** `{"LocalNodeState":"active","ControlAvailable":true,…}` */
const swarmState = () => ({ args: ['info', '--format', '{{json .Swarm}}'] });
function stackDeploy(stack, composeFiles, options = {}) {
    return {
        args: [
            'stack', 'deploy',
            ...composeFiles.flatMap((file) => ['--compose-file', file]),
            // Nodes pull with the manager's registry login; without it a private image fails on every worker.
            '--with-registry-auth',
            ...(options.prune ? ['--prune'] : []),
            '--detach=true',
            stack,
        ],
    };
}
function serviceUpdateImage(service, image) {
    return { args: ['service', 'update', '--image', image, '--with-registry-auth', '--detach=true', service] };
}
const serviceRollback = (service) => ({ args: ['service', 'rollback', '--detach=true', service] });
/** Services of a stack, by the label `docker stack deploy` puts on them. */
const stackServiceIds = (stack) => ({
    args: ['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.ID}}'],
});
/** A JSON array of full service objects (Spec, PreviousSpec, UpdateStatus). */
const serviceInspect = (services) => ({ args: ['service', 'inspect', ...services] });
/** Task IDs of a service, newest first. */
const serviceTaskIds = (service) => ({ args: ['service', 'ps', '--quiet', '--no-trunc', service] });
/** A JSON array of full task objects (Spec, Status.State, Status.Err, DesiredState). */
const taskInspect = (tasks) => ({ args: ['inspect', '--type', 'task', ...tasks] });
const serviceTasksTable = (service) => ({
    args: ['service', 'ps', '--no-trunc', '--format', JSON_FORMAT, service],
});
const secretExists = (name) => ({ args: ['secret', 'inspect', '--format', '{{.ID}}', name] });
/** The value comes on stdin (`-`), so it never shows in a process list. */
function secretCreate(name, value, labels = {}) {
    return {
        args: ['secret', 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), name, '-'],
        stdin: value,
    };
}


/***/ }),

/***/ 9913:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qj: () => (/* binding */ GOOD_OUTCOMES),
  WT: () => (/* binding */ SWARM_DEFAULTS),
  UY: () => (/* binding */ runSwarm)
});

// UNUSED EXPORTS: isDigestPinned, stackServices

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var cancel = __webpack_require__(4091);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/swarm/commands.js
var commands = __webpack_require__(2370);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/src/image/reference.js
var reference = __webpack_require__(6950);
// EXTERNAL MODULE: ./build/src/swarm/duration.js
var swarm_duration = __webpack_require__(3700);
;// CONCATENATED MODULE: ./build/src/swarm/compose.js




const isDict = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function composeError(path, where, problem, fix) {
    return new errors/* SlipwayError */.GQ(`${path}: ${where}${problem}`, { fix });
}
function readCompose(text, path) {
    let data;
    try {
        data = (0,dist.parse)(text);
    }
    catch (error) {
        throw composeError(path, '', `is not valid YAML (${error.message.split('\n')[0]})`, 'Fix the YAML syntax.');
    }
    if (!isDict(data) || !isDict(data.services) || Object.keys(data.services).length === 0) {
        throw composeError(path, '', 'has no services (expected a top-level `services:` map)', 'A stack file lists its services under `services:`.');
    }
    const networks = isDict(data.networks) ? data.networks : {};
    const services = Object.entries(data.services).map(([name, raw]) => readService(path, name, raw, networks));
    const version = data.version === undefined ? undefined : String(data.version);
    return { path, version, services, secrets: isDict(data.secrets) ? Object.keys(data.secrets) : [] };
}
function readService(path, name, raw, networks) {
    if (!isDict(raw))
        throw composeError(path, `services.${name}: `, 'is not a map', 'Give each service its settings as a map.');
    const deploy = isDict(raw.deploy) ? raw.deploy : {};
    const attached = Array.isArray(raw.networks) ? raw.networks.map(String) : isDict(raw.networks) ? Object.keys(raw.networks) : [];
    const onHostNetwork = attached.some((key) => {
        const definition = networks[key];
        const engineName = isDict(definition) && typeof definition.name === 'string' ? definition.name : key;
        return engineName === 'host';
    });
    return {
        name,
        image: typeof raw.image === 'string' ? raw.image : undefined,
        healthcheck: readHealthcheck(path, name, raw.healthcheck),
        updateConfig: isDict(deploy.update_config) ? deploy.update_config : {},
        rollbackConfig: isDict(deploy.rollback_config) ? deploy.rollback_config : {},
        onHostNetwork,
        secrets: Array.isArray(raw.secrets) ? raw.secrets.map((s) => (isDict(s) ? String(s.source) : String(s))) : [],
        envFiles: Array.isArray(raw.env_file) ? raw.env_file.map(String) : typeof raw.env_file === 'string' ? [raw.env_file] : [],
    };
}
/** Docker's own defaults: interval 30 s, timeout 30 s, 3 retries, no start period. */
function readHealthcheck(path, service, raw) {
    if (!isDict(raw) || raw.disable === true)
        return undefined;
    if (Array.isArray(raw.test) && raw.test[0] === 'NONE')
        return undefined;
    const duration = (key, fallback) => {
        const value = raw[key];
        if (value === undefined)
            return fallback;
        const ms = (0,swarm_duration/* parseGoDuration */.Qu)(value);
        if (ms === undefined)
            throw composeError(path, `services.${service}.healthcheck.${key}: `, `is not a duration (found '${String(value)}', expected e.g. 10s or 1m30s)`, 'Write durations as Go does: 500ms, 10s, 1m30s.');
        return ms;
    };
    return {
        intervalMs: duration('interval', 30_000),
        timeoutMs: duration('timeout', 30_000),
        retries: typeof raw.retries === 'number' ? raw.retries : 3,
        startPeriodMs: duration('start_period', 0),
    };
}
/** Docker waits at least this long after a task starts before calling it stable. */
const MIN_MONITOR_MS = 5_000;
const NO_HEALTHCHECK_MONITOR_MS = 10_000;
/**
 * The monitor window must outlast the health check's verdict: a task that turns
 * unhealthy after the window closed no longer rolls the update back.
 */
function monitorWindowMs(service) {
    const check = service.healthcheck;
    if (!check)
        return NO_HEALTHCHECK_MONITOR_MS;
    const verdict = check.startPeriodMs + check.intervalMs * check.retries + check.timeoutMs;
    return Math.max(MIN_MONITOR_MS, verdict);
}
/**
 * The override file `docker stack deploy` merges over the user's: safe update
 * defaults where the user gave none, the pinned image, secrets and env file.
 * Merging (not editing) keeps the user's file the single source they own.
 */
function buildStackOverride(compose, options) {
    const filled = [];
    const pinned = [];
    const services = {};
    const wanted = options.image ? repositoryKey(options.image) : undefined;
    for (const service of compose.services) {
        const entry = {};
        const update = {};
        const rollback = {};
        const fill = (target, given, section, key, value, why) => {
            if (given[key] !== undefined)
                return;
            target[key] = value;
            filled.push({ service: service.name, setting: `${section}.${key}`, value: String(value), why });
        };
        const order = service.onHostNetwork ? 'stop-first' : 'start-first';
        const orderWhy = service.onHostNetwork
            ? 'on the host network two tasks cannot bind the same port (set start-first if the app binds with SO_REUSEPORT)'
            : 'the new task must be healthy before the old one stops';
        fill(update, service.updateConfig, 'update_config', 'order', order, orderWhy);
        fill(update, service.updateConfig, 'update_config', 'failure_action', 'rollback', 'a failed update puts the previous version back');
        const monitor = monitorWindowMs(service);
        fill(update, service.updateConfig, 'update_config', 'monitor', (0,swarm_duration/* formatGoDuration */.IL)(monitor), service.healthcheck
            ? 'long enough for the health check to fail (start_period + interval × retries + timeout)'
            : 'no health check in the file; if the image defines one, set update_config.monitor to cover it');
        fill(update, service.updateConfig, 'update_config', 'parallelism', options.parallelism, 'tasks replaced at once (input parallelism)');
        fill(rollback, service.rollbackConfig, 'rollback_config', 'order', order, 'a rollback replaces tasks the same way');
        fill(rollback, service.rollbackConfig, 'rollback_config', 'parallelism', options.parallelism, 'as for updates');
        const deploy = {};
        if (Object.keys(update).length > 0)
            deploy.update_config = update;
        if (Object.keys(rollback).length > 0)
            deploy.rollback_config = rollback;
        if (Object.keys(deploy).length > 0)
            entry.deploy = deploy;
        if (wanted && options.image && service.image && repositoryKey(service.image) === wanted) {
            entry.image = options.image;
            pinned.push(service.name);
        }
        if (options.envFile)
            entry.env_file = [...service.envFiles, options.envFile];
        services[service.name] = entry;
    }
    const document = {};
    if (compose.version !== undefined)
        document.version = compose.version;
    document.services = services;
    const secretNames = options.secretNames ?? {};
    if (Object.keys(secretNames).length > 0) {
        document.secrets = Object.fromEntries(Object.entries(secretNames).map(([key, name]) => [key, { external: true, name }]));
    }
    const header = [
        'Written by Slipway for this deploy; merged over your compose file by `docker stack deploy -c yours -c this`.',
        'Your file is not changed. Defaults filled in:',
        ...(filled.length ? filled.map((f) => `  ${f.service}: ${f.setting}=${f.value} (${f.why})`) : ['  none']),
    ];
    const text = `${header.map((line) => `# ${line}`).join('\n')}\n${(0,dist.stringify)(document)}`;
    return { text, filled, pinned };
}
/** `registry/repository` with Docker Hub's implied parts, so `nginx` matches `docker.io/library/nginx`. */
function repositoryKey(image) {
    const parsed = (0,reference/* parseImageReference */.o_)(image);
    return 'error' in parsed ? undefined : (0,reference/* formatReference */.FH)({ registry: parsed.registry, repository: parsed.repository });
}

// EXTERNAL MODULE: ./build/src/swarm/engine-state.js
var engine_state = __webpack_require__(7350);
;// CONCATENATED MODULE: ./build/src/swarm/converge.js



/**
 * How long a cancelled wait still watches the engine's rollback: inside GitHub's 10 s between SIGINT
 * and SIGKILL, with time left for the deploy's own cleanup. The engine finishes the rollback either way.
 */
const CANCEL_WAIT_MS = 6_000;
const sleepUnlessCancelled = (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted) {
        resolve();
        return;
    }
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
});
/**
 * After a spec change the engine starts its update within milliseconds; until
 * this long has passed, tasks that look settled may still be the old ones.
 */
const SETTLE_GRACE_MS = 1_500;
/** How long an expected update may take to show up before the tasks alone decide. */
const UPDATE_START_MS = 10_000;
/**
 * The engine says `rollback_completed` once it has asked for the old tasks, not
 * once they run; this long (at most) is given to them to start, so that "the
 * previous version is serving" is only said when it is.
 */
const ROLLBACK_START_MS = 30_000;
/** Tasks that failed this many times in a row with none running: the engine will not get there by itself. */
const FAILED_TASKS_BEFORE_GIVING_UP = 3;
async function inspectServices(endpoint, names) {
    if (names.length === 0)
        return [];
    const result = await endpoint.docker((0,commands/* serviceInspect */.Oq)(names), { allowFailure: true });
    // A service that does not exist (yet) makes inspect fail while still printing the others.
    return (0,engine_state/* parseJsonArray */.dt)(result.stdout || '[]');
}
async function listTasks(endpoint, service) {
    const ids = (await endpoint.docker((0,commands/* serviceTaskIds */.fp)(service), { allowFailure: true })).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0)
        return [];
    const tasks = (0,engine_state/* parseJsonArray */.dt)((await endpoint.docker((0,commands/* taskInspect */.Wq)(ids), { allowFailure: true })).stdout || '[]');
    return tasks.sort((a, b) => (b.Status.Timestamp ?? b.CreatedAt).localeCompare(a.Status.Timestamp ?? a.CreatedAt));
}
async function captureBaselines(endpoint, names) {
    const objects = await inspectServices(endpoint, names);
    return Promise.all(names.map(async (name) => {
        const object = objects.find((o) => o.Spec.Name === name);
        const taskIds = new Set(object ? (await listTasks(endpoint, name)).map((t) => t.ID) : []);
        return { name, object, taskIds };
    }));
}
/**
 * Polls each service until the engine says where its update ended: updated,
 * rolled back, paused, failed, or still going at the deadline. `docker stack
 * deploy` returns as soon as the specs are stored; this is the wait it skips.
 */
async function waitForConvergence(endpoint, baselines, options) {
    const started = Date.now();
    let deadline = started + options.timeoutMs;
    const reports = new Map();
    let pending = baselines;
    let cancelSeen = false;
    for (;;) {
        if (options.signal?.aborted && !cancelSeen) {
            cancelSeen = true;
            deadline = Math.min(deadline, Date.now() + CANCEL_WAIT_MS);
            if (options.intent === 'deploy') {
                const undone = await rollBackChanged(endpoint, baselines, options.log);
                // Services already reported updated are watched again, now heading back.
                for (const name of undone)
                    reports.delete(name);
                pending = baselines.filter((b) => !reports.has(b.name));
            }
        }
        const objects = await inspectServices(endpoint, pending.map((b) => b.name));
        const still = [];
        for (const baseline of pending) {
            const object = objects.find((o) => o.Spec.Name === baseline.name);
            if (object?.UpdateStatus?.State === 'updating')
                baseline.attemptedImage = (0,engine_state/* imageOf */.dT)(object.Spec);
            const report = object ? await judge(endpoint, baseline, object, options, Date.now() - started) : undefined;
            if (report) {
                reports.set(baseline.name, report);
                options.log.info(`${baseline.name}: ${report.outcome}${report.why ? ` (${report.why})` : ''} after ${(0,swarm_duration/* humanDuration */.UU)(Date.now() - started)}`);
            }
            else
                still.push(baseline);
        }
        pending = still;
        if (pending.length === 0)
            break;
        if (Date.now() + options.pollMs > deadline) {
            const last = await inspectServices(endpoint, pending.map((b) => b.name));
            for (const baseline of pending) {
                const object = last.find((o) => o.Spec.Name === baseline.name);
                const report = await describe(endpoint, baseline, object, 'timed-out');
                reports.set(baseline.name, report);
                options.log.warn(`${baseline.name}: still ${report.updateState ?? 'converging'} after ${(0,swarm_duration/* humanDuration */.UU)(options.timeoutMs)}`);
            }
            break;
        }
        await sleepUnlessCancelled(options.pollMs, options.signal);
    }
    return baselines.map((b) => reports.get(b.name));
}
/**
 * On a cancel: `docker service rollback` for each service whose spec this deploy changed. A service
 * the deploy created has no previous spec and keeps its new one (a first deploy, as on the other
 * strategies); an unchanged one is not touched (its rollback would go to an even older spec).
 */
async function rollBackChanged(endpoint, baselines, log) {
    const objects = await inspectServices(endpoint, baselines.map((b) => b.name));
    const changed = baselines.filter((b) => {
        const now = objects.find((o) => o.Spec.Name === b.name);
        return b.object && now && now.Version.Index !== b.object.Version.Index;
    });
    const undone = [];
    for (const baseline of changed) {
        log.warn(`cancel: asking the engine to roll ${baseline.name} back to its previous spec`);
        const result = await endpoint.docker((0,commands/* serviceRollback */.QP)(baseline.name), { allowFailure: true });
        if (result.exitCode === 0) {
            baseline.rolledBackOnCancel = true;
            undone.push(baseline.name);
        }
        else
            log.warn(`cancel: ${baseline.name} could not be rolled back (${result.stderr.trim().split('\n').pop() ?? ''}); it keeps what the engine runs`);
    }
    return undone;
}
/** A verdict for one service, or undefined while it is still moving. */
async function judge(endpoint, baseline, object, options, elapsedMs) {
    const status = object.UpdateStatus;
    options.log.debug(`${baseline.name}: version ${object.Version.Index} (was ${baseline.object?.Version.Index ?? 'none'}), update ${status?.State ?? 'none'} since ${status?.StartedAt ?? '-'} (was ${baseline.object?.UpdateStatus?.StartedAt ?? '-'})`);
    const isNewUpdate = status?.State !== undefined && status.StartedAt !== baseline.object?.UpdateStatus?.StartedAt;
    if (isNewUpdate) {
        switch (status?.State) {
            case 'updating':
            case 'rollback_started':
                return undefined;
            case 'completed':
                return settled(endpoint, baseline, object, 'updated');
            case 'rollback_paused':
                // Asked for in the middle of an update, the engine's rollback often pauses on the task it cut short
                // (that task exits non-zero) while the previous spec's task still starts: what serves decides.
                return baseline.rolledBackOnCancel ? rolledBack(endpoint, baseline, object, options) : describe(endpoint, baseline, object, 'paused');
            case 'rollback_completed':
                return rolledBack(endpoint, baseline, object, options);
            case 'paused':
                return describe(endpoint, baseline, object, 'paused');
            default:
                return undefined;
        }
    }
    const changed = baseline.object !== undefined && baseline.object.Version.Index !== object.Version.Index;
    const rolling = (0,engine_state/* expectsRollingUpdate */.Zl)(object);
    // The spec is stored but the engine may not have started rolling tasks yet.
    if (changed && (elapsedMs < SETTLE_GRACE_MS || (rolling && elapsedMs < UPDATE_START_MS)))
        return undefined;
    return settled(endpoint, baseline, object, baseline.object && !rolling ? 'unchanged' : 'updated');
}
/** The engine went back to the previous spec: done once its tasks run (given ROLLBACK_START_MS to start). */
async function rolledBack(endpoint, baseline, object, options) {
    baseline.rollbackSeenAt ??= Date.now();
    const tasks = await listTasks(endpoint, baseline.name);
    if (countRunning(tasks) < wantedReplicas(object, tasks) && Date.now() - baseline.rollbackSeenAt < ROLLBACK_START_MS)
        return undefined;
    return report(baseline, object, tasks, options.intent === 'rollback' ? 'updated' : 'rolled-back');
}
/** No update in flight: done once the desired replicas run, failed once new tasks keep failing. */
async function settled(endpoint, baseline, object, outcome) {
    const tasks = await listTasks(endpoint, baseline.name);
    const running = countRunning(tasks);
    const wanted = wantedReplicas(object, tasks);
    if (running >= wanted)
        return report(baseline, object, tasks, outcome);
    const fresh = tasks.filter((t) => !baseline.taskIds.has(t.ID));
    const failures = fresh.filter((t) => engine_state/* TERMINAL_FAILURES */.$9.has(t.Status.State)).length;
    if (running === 0 && failures >= FAILED_TASKS_BEFORE_GIVING_UP)
        return report(baseline, object, tasks, 'failed');
    return undefined;
}
async function describe(endpoint, baseline, object, outcome) {
    const tasks = object ? await listTasks(endpoint, baseline.name) : [];
    if (object)
        return report(baseline, object, tasks, outcome);
    return { service: baseline.name, outcome, imageBefore: (0,engine_state/* imageOf */.dT)(baseline.object?.Spec), running: 0, desired: 0, why: 'the service does not exist' };
}
/** Replicas that must run: the spec's count, or for a global service the tasks the engine wants running (at least 1). */
function wantedReplicas(object, tasks) {
    const desired = (0,engine_state/* desiredReplicas */.wT)(object);
    return desired === 'global' ? Math.max(1, tasks.filter((t) => t.DesiredState === 'running').length) : desired;
}
function countRunning(tasks) {
    return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
}
function report(baseline, object, tasks, outcome) {
    const base = {
        service: baseline.name,
        outcome,
        imageBefore: (0,engine_state/* imageOf */.dT)(baseline.object?.Spec),
        imageAfter: (0,engine_state/* imageOf */.dT)(object.Spec),
        running: countRunning(tasks),
        desired: (0,engine_state/* desiredReplicas */.wT)(object),
        updateState: object.UpdateStatus?.State,
        message: object.UpdateStatus?.Message,
    };
    if (outcome === 'updated' || outcome === 'unchanged')
        return base;
    if (object.UpdateStatus?.State?.startsWith('rollback'))
        base.imageAttempted = baseline.attemptedImage ?? (0,engine_state/* imageOf */.dT)(object.PreviousSpec);
    const failing = failingTask(tasks.filter((t) => !baseline.taskIds.has(t.ID)), object.UpdateStatus?.Message);
    if (failing) {
        base.taskError = failing.Status.Err || `${failing.Status.State}: ${failing.Status.Message ?? ''}`.trim();
        base.why = (0,engine_state/* explainTaskError */.fJ)(base.taskError);
    }
    else if (outcome === 'timed-out') {
        base.why = 'the update was still in progress at the timeout';
    }
    else {
        base.why = object.UpdateStatus?.Message ?? 'the engine stopped the update';
    }
    return base;
}
/** The task the engine blames (named in its update message), else the newest one with an error. */
function failingTask(tasks, message) {
    const named = message?.match(/task ([a-z0-9]{25})/)?.[1];
    const blamed = named ? tasks.find((t) => t.ID === named) : undefined;
    if (blamed && (blamed.Status.Err || engine_state/* TERMINAL_FAILURES */.$9.has(blamed.Status.State)))
        return blamed;
    return tasks.find((t) => t.Status.Err) ?? tasks.find((t) => engine_state/* TERMINAL_FAILURES */.$9.has(t.Status.State)) ?? blamed;
}

;// CONCATENATED MODULE: ./build/src/swarm/preflight.js


/**
 * A stack deploy only works on a manager of an active swarm. Checked first, so
 * the user reads what to run instead of the engine's "This node is not a swarm manager".
 */
async function assertSwarmManager(endpoint) {
    const result = await endpoint.docker((0,commands/* swarmState */.O0)(), {
        hint: () => `Check that Docker runs and that ${endpoint.description} is reachable.`,
    });
    let info;
    try {
        info = JSON.parse(result.stdout.trim());
    }
    catch {
        throw new errors/* SlipwayError */.GQ(`${endpoint.description}: could not read the swarm state (found '${result.stdout.trim().slice(0, 80)}')`);
    }
    const state = info.LocalNodeState ?? 'inactive';
    if (state === 'inactive' || state === 'pending') {
        throw new errors/* SlipwayError */.GQ(`${endpoint.description}: this node is not in a swarm (found LocalNodeState '${state}', expected 'active')`, {
            fix: 'Create one on it with `docker swarm init --advertise-addr <its address>`, or join it to yours with the `docker swarm join …` command that `docker swarm join-token manager` prints on a manager',
        });
    }
    if (state === 'locked') {
        throw new errors/* SlipwayError */.GQ(`${endpoint.description}: the swarm is locked (autolock after a restart)`, {
            fix: 'Unlock it with `docker swarm unlock` and the unlock key',
        });
    }
    if (state !== 'active') {
        throw new errors/* SlipwayError */.GQ(`${endpoint.description}: the swarm node is in state '${state}' (expected 'active')`, {
            fix: 'See `docker info` on that node',
        });
    }
    if (!info.ControlAvailable) {
        throw new errors/* SlipwayError */.GQ(`${endpoint.description}: this node is a swarm worker, not a manager (stacks and service updates are sent to managers)`, {
            fix: `Point the deploy at a manager, or promote this node on a manager with \`docker node promote ${info.NodeID ?? '<node id>'}\``,
        });
    }
    return { nodeId: info.NodeID ?? '', address: info.NodeAddr ?? '' };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/swarm/secrets.js



/**
 * Docker secrets are immutable, so each value gets its own name: the stack,
 * the key and a short hash of the value. A changed value is a new secret and
 * rolls the services that use it; an unchanged one is reused as it is.
 */
function dockerSecretName(stack, key, value) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(`${stack}\0${key}\0${value}`).digest('hex').slice(0, 12);
    return `${stack}_${key}_${digest}`;
}
/** Creates the missing ones (value on stdin) and returns key → docker secret name. */
async function ensureDockerSecrets(endpoint, stack, values) {
    const names = {};
    for (const [key, value] of Object.entries(values)) {
        const name = dockerSecretName(stack, key, value);
        const exists = await endpoint.docker((0,commands/* secretExists */.H$)(name), { allowFailure: true });
        if (exists.exitCode !== 0) {
            await endpoint.docker((0,commands/* secretCreate */.HZ)(name, value, { 'slipway.stack': stack, 'slipway.key': key }), { label: `docker secret create ${name} - (value on stdin)` });
        }
        names[key] = name;
    }
    return names;
}
/** `KEY=value` lines for an env file; newlines in a value would start a new variable, so they are refused. */
function envFileText(values) {
    return Object.entries(values).map(([key, value]) => {
        if (/[\r\n]/.test(value))
            throw new errors/* SlipwayError */.GQ(`env ${key}: a value in an env file cannot span lines`, { fix: 'Pass it as a Docker secret instead' });
        return `${key}=${value}\n`;
    }).join('');
}

;// CONCATENATED MODULE: ./build/src/swarm/deploy.js









const SWARM_DEFAULTS = { parallelism: 1, timeoutMs: 300_000, pollMs: 500 };
const GOOD_OUTCOMES = new Set(['updated', 'unchanged']);
/** `repo@sha256:<64 hex>`: the same bytes on every node. */
const isDigestPinned = (image) => /@sha256:[a-f0-9]{64}$/.test(image);
/** Runs one swarm deploy, update or rollback against a manager and waits for the engine's verdict. */
/** `signal`: a cancel rolls back what the deploy changed and cuts the wait (ConvergeOptions.signal). */
async function runSwarm(settings, endpoint, log, options = {}) {
    const started = Date.now();
    await assertSwarmManager(endpoint);
    if (settings.image && settings.mode !== 'rollback' && !isDigestPinned(settings.image)) {
        log.warn(`image ${settings.image} is not pinned by digest: each node resolves the tag itself and may run different bytes. Pass the digest push-image returned (repo@sha256:…)`);
    }
    const base = { mode: settings.mode, stack: settings.stack, endpoint: endpoint.description, filled: [], pinned: [] };
    const converge = { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, log, signal: options.signal };
    switch (settings.mode) {
        case 'stack': {
            const outcome = await deployStack(settings, endpoint, log, options.signal);
            return { ...base, ...outcome, durationMs: Date.now() - started };
        }
        case 'service': {
            const service = requireService(settings);
            if (!settings.image)
                throw new errors/* SlipwayError */.GQ('swarm service mode needs the image to roll out', { fix: 'Pass the digest push-image returned (repo@sha256:…)' });
            const baselines = await captureBaselines(endpoint, [service]);
            if (!baselines[0]?.object)
                throw missingService(service, endpoint);
            (0,cancel/* throwIfCancelled */.dZ)(options.signal, `the update of ${service}`);
            log.info(`updating ${service} to ${settings.image}`);
            await endpoint.docker((0,commands/* serviceUpdateImage */.k_)(service, settings.image));
            const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'deploy' });
            return { ...base, services, pinned: [service], durationMs: Date.now() - started };
        }
        case 'rollback': {
            const names = settings.services ?? (settings.service ? [settings.service] : await stackServices(endpoint, settings.stack));
            if (names.length === 0)
                throw new errors/* SlipwayError */.GQ(`stack '${settings.stack}' has no services on ${endpoint.description}`, { fix: 'Check the stack name (`docker stack ls`)' });
            const baselines = await captureBaselines(endpoint, names);
            for (const baseline of baselines) {
                if (!baseline.object)
                    throw missingService(baseline.name, endpoint);
                log.info(`rolling ${baseline.name} back to its previous spec`);
                await endpoint.docker((0,commands/* serviceRollback */.QP)(baseline.name), {
                    hint: (r) => (/previous spec/i.test(r.stderr) ? `${baseline.name} has no previous version to go back to` : undefined),
                });
            }
            const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'rollback' });
            return { ...base, services, durationMs: Date.now() - started };
        }
    }
}
async function deployStack(settings, endpoint, log, signal) {
    const composePath = settings.composeFile;
    if (!composePath)
        throw new errors/* SlipwayError */.GQ('swarm stack mode needs a compose file', { fix: 'Set stack-file to your stack file (docker-compose.yml)' });
    const text = await promises_.readFile(composePath, 'utf8').catch((error) => {
        throw new errors/* SlipwayError */.GQ(`${composePath}: cannot read the compose file (${error.code ?? error.message})`, { fix: 'Check stack-file (a path relative to the working directory)' });
    });
    const compose = readCompose(text, composePath);
    for (const key of Object.keys(settings.secrets)) {
        if (!compose.services.some((s) => s.secrets.includes(key)))
            log.warn(`secret ${key}: no service in ${composePath} lists it under secrets:, so none receives it`);
    }
    const secretNames = await ensureDockerSecrets(endpoint, settings.stack, settings.secrets);
    const hasEnv = Object.keys(settings.env).length > 0;
    const files = [];
    if (!endpoint.local)
        files.push({ name: external_node_path_.basename(composePath), content: text });
    if (hasEnv)
        files.push({ name: 'slipway.env', content: envFileText(settings.env) });
    // The override names the env file by its staged path, so it is staged after the others.
    const staged = await endpoint.stage(files);
    try {
        const envPath = hasEnv ? staged.paths[staged.paths.length - 1] : undefined;
        const override = buildStackOverride(compose, { parallelism: settings.parallelism, image: settings.image, envFile: envPath, secretNames });
        if (settings.image && override.pinned.length === 0) {
            log.warn(`image ${settings.image}: no service in ${composePath} uses that repository, so no image was pinned`);
        }
        for (const f of override.filled)
            log.info(`default filled: ${f.service} ${f.setting}=${f.value} (${f.why})`);
        const overrideFile = await endpoint.stage([{ name: 'slipway.override.yml', content: override.text }]);
        try {
            const userFile = endpoint.local ? composePath : staged.paths[0];
            const names = compose.services.map((s) => `${settings.stack}_${s.name}`);
            const baselines = await captureBaselines(endpoint, names);
            (0,cancel/* throwIfCancelled */.dZ)(signal, `docker stack deploy ${settings.stack}`);
            log.info(`docker stack deploy ${settings.stack} (${compose.services.length} service(s)) on ${endpoint.description}`);
            const result = await endpoint.docker((0,commands/* stackDeploy */.Cy)(settings.stack, [userFile, overrideFile.paths[0]], { prune: settings.prune }), { allowFailure: true });
            if (result.exitCode !== 0)
                throw stackRejected(composePath, result.stderr || result.stdout);
            const services = await waitForConvergence(endpoint, baselines, { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, intent: 'deploy', log, signal });
            return { services, filled: override.filled, pinned: override.pinned };
        }
        finally {
            await overrideFile.remove();
        }
    }
    finally {
        await staged.remove();
    }
}
/** The engine's own words, with the file and (when it names one) the service. */
function stackRejected(file, stderr) {
    const message = stderr.trim().split('\n').filter((line) => !/^(Since --detach|In a future release|Ignoring unsupported)/.test(line)).join('\n').trim();
    const service = message.match(/services\.([A-Za-z0-9_.-]+?)(?:\.|\s|:|$)/)?.[1] ?? message.match(/service "?([A-Za-z0-9_.-]+)"?/)?.[1];
    return new errors/* SlipwayError */.GQ(`${file}${service ? `: service ${service}` : ''}: docker stack deploy rejected the stack: ${message}`, {
        fix: 'Fix the compose file (the stack format is compose file format 3; `docker stack config -c FILE` shows what the engine reads)',
    });
}
function requireService(settings) {
    if (!settings.service)
        throw new errors/* SlipwayError */.GQ('swarm service mode needs the service to update', { fix: 'Set service to e.g. <stack>_web' });
    return settings.service;
}
function missingService(name, endpoint) {
    return new errors/* SlipwayError */.GQ(`service '${name}' does not exist on ${endpoint.description}`, { fix: 'Deploy the stack first, or check the name with `docker service ls`' });
}
async function stackServices(endpoint, stack) {
    const ids = (await endpoint.docker((0,commands/* stackServiceIds */.qQ)(stack))).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    return (await inspectServices(endpoint, ids)).map((s) => s.Spec.Name).sort();
}


/***/ }),

/***/ 3700:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ formatGoDuration),
/* harmony export */   Qu: () => (/* binding */ parseGoDuration),
/* harmony export */   UU: () => (/* binding */ humanDuration)
/* harmony export */ });
/**
 * Compose files give durations in Go's form (`1m30s`, `500ms`, `10s`); the
 * engine reports them in nanoseconds. Both become milliseconds here.
 */
const UNIT_MS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function parseGoDuration(text) {
    if (text === undefined)
        return undefined;
    // A bare number is what the engine API gives: nanoseconds.
    if (typeof text === 'number')
        return text / 1e6;
    const trimmed = text.trim();
    if (trimmed === '0')
        return 0;
    const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed)
        return undefined;
    return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNIT_MS[unit] ?? 0), 0);
}
/** Milliseconds as a Go duration the compose loader accepts: `5s`, `1500ms`. */
function formatGoDuration(ms) {
    const rounded = Math.ceil(ms);
    return rounded % 1000 === 0 ? `${rounded / 1000}s` : `${rounded}ms`;
}
/** For people: `4.2 s`, `1 min 5 s`. */
function humanDuration(ms) {
    if (ms < 60_000)
        return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}


/***/ }),

/***/ 7353:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ localDockerEndpoint),
/* harmony export */   i: () => (/* binding */ remoteDockerEndpoint)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _core_leftovers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8929);




/** The local docker CLI; `host` is a DOCKER_HOST such as `unix:///run/swarm.sock` (default: the CLI's own). */
function localDockerEndpoint(runner, host) {
    return {
        description: host ? `docker at ${host}` : 'local docker',
        local: true,
        docker: (command, options) => runner.run({ file: 'docker', args: command.args, stdin: command.stdin, env: host ? { DOCKER_HOST: host } : undefined }, options),
        async stage(files) {
            const dir = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_2__.join(node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir(), 'slipway-swarm-'));
            // If the run is killed before remove(), the post step removes it (docs/cancel.md).
            const settle = (0,_core_leftovers_js__WEBPACK_IMPORTED_MODULE_3__/* .recordLeftover */ .vy)({ kind: 'dir', path: dir, what: 'staged swarm files' });
            const paths = [];
            for (const file of files) {
                const target = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, file.name);
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile(target, file.content, { mode: 0o600 });
                paths.push(target);
            }
            return { paths, remove: async () => { await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm(dir, { recursive: true, force: true }); settle(); } };
        },
    };
}
/** The manager's docker CLI over an SSH session: `docker …` words, files staged in a private temp dir there. */
function remoteDockerEndpoint(exec, description) {
    return {
        description,
        local: false,
        docker: (command, options) => exec(['docker', ...command.args], { ...options, stdin: command.stdin }),
        async stage(files) {
            const made = await exec(['mktemp', '-d', '/tmp/slipway-swarm-XXXXXXXX']);
            const dir = made.stdout.trim();
            const paths = [];
            for (const file of files) {
                const target = `${dir}/${file.name}`;
                // The content travels on stdin; the script is fixed and takes the path as $1.
                await exec(['sh', '-c', 'umask 077 && cat > "$1"', 'sh', target], { stdin: file.content });
                paths.push(target);
            }
            return { paths, remove: async () => { await exec(['rm', '-rf', dir], { allowFailure: true }); } };
        },
    };
}


/***/ }),

/***/ 7350:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $9: () => (/* binding */ TERMINAL_FAILURES),
/* harmony export */   Uq: () => (/* binding */ shortImage),
/* harmony export */   Zl: () => (/* binding */ expectsRollingUpdate),
/* harmony export */   dT: () => (/* binding */ imageOf),
/* harmony export */   dt: () => (/* binding */ parseJsonArray),
/* harmony export */   fJ: () => (/* binding */ explainTaskError),
/* harmony export */   wT: () => (/* binding */ desiredReplicas)
/* harmony export */ });
/** Inspect output is a JSON array; an empty answer is an empty list. */
function parseJsonArray(text) {
    const trimmed = text.trim();
    if (!trimmed)
        return [];
    const parsed = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : [parsed];
}
function imageOf(spec) {
    return spec?.TaskTemplate.ContainerSpec?.Image;
}
/** The digest-pinned image as the engine stores it, shortened for people: `repo:tag@sha256:abcdef12…`. */
function shortImage(image) {
    if (!image)
        return '—';
    return image.replace(/@sha256:([a-f0-9]{12})[a-f0-9]{52}/, '@sha256:$1…');
}
function desiredReplicas(service) {
    if (service.Spec.Mode?.Global)
        return 'global';
    return service.Spec.Mode?.Replicated?.Replicas ?? 1;
}
/**
 * The task template changed, so the engine will roll tasks (a replica count
 * change does not). The engine stores PreviousSpec without the defaults the
 * CLI spelled out (StopGracePeriod, RestartPolicy…), so only keys present on
 * both sides are compared; the caller does not trust a "no" blindly either.
 */
function expectsRollingUpdate(service) {
    if (!service.PreviousSpec)
        return false;
    return !sameOnCommonKeys(service.Spec.TaskTemplate, service.PreviousSpec.TaskTemplate);
}
function sameOnCommonKeys(a, b) {
    const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObject(a) && isObject(b))
        return Object.keys(a).filter((k) => k in b).every((k) => sameOnCommonKeys(a[k], b[k]));
    return JSON.stringify(a) === JSON.stringify(b);
}
const TERMINAL_FAILURES = new Set(['failed', 'rejected', 'orphaned']);
/**
 * Why a task did not run, in words a user acts on. The engine's own text stays
 * beside it; this only names the usual causes.
 */
function explainTaskError(error) {
    if (/unhealthy/i.test(error))
        return 'health check failing';
    if (/no such image|pull access denied|manifest unknown|manifest for .* not found|unauthorized|authentication required|repository does not exist|failed to resolve reference|connection refused.*\/v2\//i.test(error)) {
        return 'image cannot be pulled (check the image name and that the manager is logged in to the registry: Slipway passes --with-registry-auth)';
    }
    if (/no suitable node/i.test(error))
        return 'no suitable node (placement constraints, resources or platform rule out every node)';
    if (/non-zero exit/i.test(error))
        return 'the container exited with an error';
    return 'task failed';
}


/***/ }),

/***/ 7758:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pt: () => (/* binding */ swarmSummary),
/* harmony export */   ZJ: () => (/* binding */ swarmFailure)
/* harmony export */ });
/* unused harmony exports describeProblem, swarmOutputs */
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1253);
/* harmony import */ var _deploy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9913);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3700);
/* harmony import */ var _engine_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7350);




const replicas = (r) => `${r.running}/${r.desired === 'global' ? 'global' : r.desired}`;
/** One sentence per service that did not end well: which, why, and what serves now. */
function describeProblem(report) {
    const why = report.why ? `${report.why}${report.taskError && report.taskError !== report.why ? ` — engine: ${report.taskError}` : ''}` : 'no reason given by the engine';
    const serving = report.running > 0
        ? `${(0,_engine_state_js__WEBPACK_IMPORTED_MODULE_0__/* .shortImage */ .Uq)(report.imageAfter)} is serving (${replicas(report)} running)`
        : `nothing is running (${replicas(report)})`;
    switch (report.outcome) {
        case 'rolled-back':
            return `${report.service}: the update${report.imageAttempted ? ` to ${(0,_engine_state_js__WEBPACK_IMPORTED_MODULE_0__/* .shortImage */ .Uq)(report.imageAttempted)}` : ''} was rolled back: ${why}. The previous version ${serving}`;
        case 'paused':
            return `${report.service}: the update is paused: ${why}. ${serving}. Roll back with \`docker service rollback ${report.service}\` (mode rollback) or fix and deploy again`;
        case 'failed':
            return `${report.service}: its tasks keep failing: ${why}. ${serving}`;
        case 'timed-out':
            return `${report.service}: not converged within the timeout (state ${report.updateState ?? 'unknown'}): ${why}. The engine carries on; now ${serving}`;
        default:
            return `${report.service}: ${report.outcome}`;
    }
}
function swarmFailure(result) {
    const bad = result.services.filter((s) => !_deploy_js__WEBPACK_IMPORTED_MODULE_1__/* .GOOD_OUTCOMES */ .Qj.has(s.outcome));
    return bad.length ? bad.map(describeProblem).join('\n') : undefined;
}
function swarmSummary(result) {
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .Summary */ .BD().heading(`Swarm ${result.mode === 'rollback' ? 'rollback' : 'deploy'}: stack ${result.stack}`);
    summary.text(`On ${result.endpoint}, ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .humanDuration */ .UU)(result.durationMs)}.`);
    summary.table(['Service', 'Outcome', 'Image before', 'Image after', 'Running', 'Error'], result.services.map((r) => [r.service, r.outcome, (0,_engine_state_js__WEBPACK_IMPORTED_MODULE_0__/* .shortImage */ .Uq)(r.imageBefore), (0,_engine_state_js__WEBPACK_IMPORTED_MODULE_0__/* .shortImage */ .Uq)(r.imageAfter), replicas(r), r.taskError ? `${r.why}: ${r.taskError}` : (r.why ?? '')]));
    const problems = result.services.filter((s) => !_deploy_js__WEBPACK_IMPORTED_MODULE_1__/* .GOOD_OUTCOMES */ .Qj.has(s.outcome)).map(describeProblem);
    if (problems.length)
        summary.list(problems);
    if (result.filled.length) {
        summary.text('Update policy defaults Slipway filled in (your compose file gave none; it was not changed):');
        summary.list(result.filled.map((f) => `${f.service}: \`${f.setting}: ${f.value}\` — ${f.why}`));
    }
    return summary;
}
function swarmOutputs(result) {
    return {
        'swarm-services': JSON.stringify(result.services),
        'swarm-outcome': swarmFailure(result) ? 'failed' : 'converged',
    };
}


/***/ })

};
