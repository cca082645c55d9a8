export const id = 78;
export const ids = [78];
export const modules = {

/***/ 2164:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ forHost),
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+:@-]{0,127}$/;
/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
function forHost(template, host, index) {
    return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}


/***/ }),

/***/ 8520:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DO: () => (/* binding */ lookArgs),
/* harmony export */   Hx: () => (/* binding */ DETECT_COMPOSE),
/* harmony export */   K$: () => (/* binding */ renderImageOverride),
/* harmony export */   L3: () => (/* binding */ lookParts),
/* harmony export */   Np: () => (/* binding */ rollbackTag),
/* harmony export */   RD: () => (/* binding */ lookWords),
/* harmony export */   Ru: () => (/* binding */ serviceContainersWords),
/* harmony export */   SI: () => (/* binding */ RECORD_STATE_SCRIPT),
/* harmony export */   UX: () => (/* binding */ LOOK_SCRIPT),
/* harmony export */   VA: () => (/* binding */ lookSeparator),
/* harmony export */   Xd: () => (/* binding */ pollWords),
/* harmony export */   Y7: () => (/* binding */ defaultProjectName),
/* harmony export */   cp: () => (/* binding */ composeWords),
/* harmony export */   ds: () => (/* binding */ prepareWords),
/* harmony export */   kr: () => (/* binding */ recordStateProblem)
/* harmony export */ });
/* unused harmony exports tagImageWords, PREPARE_SCRIPT, POLL_SCRIPT, POLL_FORMAT */
/* harmony import */ var _container_probe_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3033);

/** Prints v2, v1 or none. */
const DETECT_COMPOSE = 'if docker compose version >/dev/null 2>&1; then echo v2; elif command -v docker-compose >/dev/null 2>&1; then echo v1; else echo none; fi';
/** The compose command words (run on the host) for one project; the user's files are never edited. */
function composeWords(flavor, project, ...subcommand) {
    const base = flavor === 'v2' ? ['docker', 'compose'] : ['docker-compose'];
    return [
        ...base,
        '--project-directory', project.appDir,
        ...(project.project ? ['-p', project.project] : []),
        ...project.files.flatMap((file) => ['-f', `${project.appDir}/${file}`]),
        ...(project.overrideFile ? ['-f', project.overrideFile] : []),
        ...(project.envFile ? ['--env-file', `${project.appDir}/${project.envFile}`] : []),
        ...subcommand,
    ];
}
/** The override that points one service at an image (JSON is YAML, so both compose versions read it). */
function renderImageOverride(service, image) {
    return `${JSON.stringify({ services: { [service]: { image } } }, null, 2)}\n`;
}
/**
 * Labels compose puts on containers (v1 and v2 alike): how we find the service's
 * containers. `oneOffs: false` leaves out `compose run` containers (oneoff=True),
 * which are not the service: a stopped one left behind must not fail a deploy.
 */
function serviceContainersWords(projectName, service, all = false, options = {}) {
    return [
        'docker', 'ps', ...(all ? ['-a'] : []), '--no-trunc',
        '--filter', `label=com.docker.compose.project=${projectName}`,
        '--filter', `label=com.docker.compose.service=${service}`,
        ...(options.oneOffs === false ? ['--filter', 'label=com.docker.compose.oneoff=False'] : []),
        '--format', '{{.ID}}',
    ];
}
/**
 * The local tag a compose rollback runs: the exact image (by ID) the service ran
 * before the deploy. A moving tag (`app:latest`) may point at the new image by
 * then; this tag does not, is never pulled, and keeps the old image from being pruned.
 */
function rollbackTag(projectName, service) {
    return `slipway-rollback:${`${projectName}-${service}`.slice(0, 128)}`;
}
/** `docker tag <image id> <tag>`: fails if the image is gone from the host. */
function tagImageWords(imageId, tag) {
    return ['docker', 'tag', imageId, tag];
}
/** Compose's default project name: the directory's base name, lowercased, other characters dropped. */
function defaultProjectName(appDir) {
    const base = appDir.replace(/\/+$/, '').split('/').pop() ?? '';
    return base.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}
/**
 * The deploy's first look at a host, in one round trip: the paths it needs, which compose the host
 * has, what the service runs (the newest running container's image reference and ID), the state
 * file and the env file. Every value arrives as a positional argument; each part of the answer
 * follows a line `<separator> <part>` with a random separator, so file text cannot pass for one.
 * Arguments: separator, state file, env file ('' none), the number of path checks, the checks
 * (test flag, path, what), then the `docker ps` words that list the service's containers.
 */
const LOOK_SCRIPT = [
    'sep=$1 state=$2 env=$3 checks=$4; shift 4',
    'docker compose version >/dev/null 2>&1 </dev/null & detect=$!',
    'printf "\\n%s missing\\n" "$sep"; missing=',
    'while [ "$checks" -gt 0 ]; do if [ ! "$1" "$2" ]; then printf "%s (%s)\\n" "$3" "$2"; missing=1; fi; shift 3; checks=$((checks - 1)); done',
    'if [ -n "$missing" ]; then printf "\\n%s end\\n" "$sep"; exit 0; fi',
    'ids=$("$@" </dev/null); listed=$?',
    'if wait "$detect"; then flavor=v2; elif command -v docker-compose >/dev/null 2>&1; then flavor=v1; else flavor=none; fi',
    'printf "\\n%s compose\\n%s\\n" "$sep" "$flavor"',
    'if [ "$flavor" = none ]; then printf "\\n%s end\\n" "$sep"; exit 0; fi',
    '[ "$listed" -eq 0 ] || exit 1',
    'printf "\\n%s running\\n" "$sep"',
    'set -f; set -- $ids',
    'if [ $# -gt 0 ]; then docker inspect --format "{{.Config.Image}}|{{.Image}}" "$1" </dev/null || exit 1; fi',
    'printf "\\n%s state\\n" "$sep"; cat -- "$state" 2>/dev/null',
    'printf "\\n%s env\\n" "$sep"; [ -z "$env" ] || cat -- "$env" 2>/dev/null',
    'printf "\\n%s end\\n" "$sep"',
].join('\n');
/** LOOK_SCRIPT's arguments for `request` (the fleet runs it with them in the lock's round trip). */
function lookArgs(request) {
    return [
        request.separator, request.stateFile, request.envFile ?? '', String(request.checks.length),
        ...request.checks.flatMap((check) => [check.kind === 'dir' ? '-d' : '-f', check.path, check.what]),
        ...serviceContainersWords(request.projectName, request.service, false, { oneOffs: false }),
    ];
}
/** The separator a look was asked with, from its arguments (lookArgs puts it first). */
const lookSeparator = (args) => args[0];
function lookWords(request) {
    return ['sh', '-c', LOOK_SCRIPT, 'slipway-compose-look', ...lookArgs(request)];
}
/** The parts of a look's answer by name (`missing`, `compose`, `running`, `state`, `env`, `end`), each exactly as printed. */
function lookParts(stdout, separator) {
    const chunks = stdout.split(`\n${separator} `);
    const parts = new Map();
    for (const chunk of chunks.slice(1)) {
        const newline = chunk.indexOf('\n');
        const name = chunk.slice(0, newline);
        // A part twice is not an answer this script gave.
        if (newline < 0 || parts.has(name))
            return undefined;
        parts.set(name, chunk.slice(newline + 1));
    }
    // Only a complete answer counts: a cut one lacks its end line.
    return parts.has('end') ? parts : undefined;
}
/**
 * Before a switch, in one round trip: tag the image that runs as the rollback tag (exit 3 with
 * docker's message when that image is gone, before anything is written), then write each file
 * atomically (temp file + rename). The files' bytes arrive on stdin one after the other, each
 * read to its exact length (dd with 1-byte blocks never reads past it, on any shell).
 * Arguments: image ID ('' none), tag, then per file: path, keep-mode (1: keep the old file's mode,
 * else 0600 — an env file holds secrets; 0: the default umask), byte length.
 */
const PREPARE_SCRIPT = [
    'id=$1 tag=$2; shift 2',
    'if [ -n "$id" ]; then docker tag "$id" "$tag" </dev/null || exit 3; fi',
    'while [ $# -ge 3 ]; do',
    '  file=$1 keep=$2 bytes=$3; shift 3',
    '  ( if [ "$keep" = 1 ]; then umask 077; fi',
    '    mkdir -p "$(dirname "$file")" || exit 1',
    '    if [ "$keep" = 1 ] && [ -e "$file" ]; then cp -p -- "$file" "$file.tmp" || exit 1; fi',
    '    dd bs=1 count="$bytes" 2>/dev/null > "$file.tmp" || exit 1',
    '    [ "$(($(wc -c < "$file.tmp")))" -eq "$bytes" ] || { echo "slipway: $file: got fewer bytes than sent" >&2; exit 1; }',
    '    mv -f -- "$file.tmp" "$file" ) || exit 1',
    'done',
].join('\n');
/** The words and stdin of PREPARE_SCRIPT: `pin` tags an image ID first; `files` are written in order. */
function prepareWords(pin, files) {
    return {
        words: [
            'sh', '-c', PREPARE_SCRIPT, 'slipway-compose-prepare', pin?.imageId ?? '', pin?.tag ?? '',
            ...files.flatMap((file) => [file.path, file.keepMode ? '1' : '0', String(Buffer.byteLength(file.text))]),
        ],
        stdin: files.map((file) => file.text).join(''),
    };
}
/**
 * The state a deploy ends with, written atomically from stdin to `$1` (temp file + rename), as the
 * closing step of the host's last round trip: prints `state <exit> <what it said, on one line>` and
 * exits with that status.
 */
const RECORD_STATE_SCRIPT = [
    'said=$( { mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"; } 2>&1 ); s=$?',
    'printf "state %s %s\\n" "$s" "$(printf "%s" "$said" | tr "\\n" " ")"',
    'exit "$s"',
].join('\n');
/** What RECORD_STATE_SCRIPT said about its write: undefined when it wrote the file. */
function recordStateProblem(stdout, exitCode) {
    const said = /^state (\d+) ?(.*)$/m.exec(stdout);
    if (said?.[1] === '0' && exitCode === 0)
        return undefined;
    return said ? said[2]?.trim() || `exit ${said[1]}` : `no answer (exit ${exitCode})`;
}
/** One health poll in one round trip: the service's containers (`docker ps` words as arguments) and each one's state. */
const POLL_SCRIPT = [
    'format=$1; shift',
    'ids=$("$@" </dev/null) || exit 1',
    'set -f; set -- $ids',
    '[ $# -eq 0 ] || docker inspect --format "$format" "$@" </dev/null || true',
].join('\n');
/**
 * Per container: status, health status ('' without a health check), image reference, image ID; then,
 * tab-separated, what running its health check at once needs (container-probe.ts).
 */
const POLL_FORMAT = `{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.Config.Image}}|{{.Image}}${_container_probe_js__WEBPACK_IMPORTED_MODULE_0__/* .PROBE_FORMAT */ .nf}`;
function pollWords(projectName, service) {
    return ['sh', '-c', POLL_SCRIPT, 'slipway-compose-poll', POLL_FORMAT, ...serviceContainersWords(projectName, service, true, { oneOffs: false })];
}


/***/ }),

/***/ 3033:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K9: () => (/* binding */ probeWords),
/* harmony export */   O2: () => (/* binding */ parseHealthProbe),
/* harmony export */   nf: () => (/* binding */ PROBE_FORMAT)
/* harmony export */ });
/*
 * A container's own HEALTHCHECK, run once by Slipway while Docker still says 'starting'.
 *
 * Docker runs a container's first health check one `interval` after the start (30 s unless the
 * image says otherwise; engines before 25 have no start-interval), so a deploy that waits for
 * 'healthy' waits that long even when the app answered within a second. Running the same
 * command the same way (`docker exec`: the container's user, env and working dir) as soon as the
 * container runs gives the same verdict without the wait. Only a pass is taken from it: a
 * failing run says "not yet", and 'unhealthy' still comes from Docker alone, after its retries.
 */
/** Appended to the poll's inspect format: container ID (`.ID`: the typed field, which older CLIs need), the shell CMD-SHELL uses, the health check. */
const PROBE_FORMAT = '\t{{.ID}}\t{{json .Config.Shell}}\t{{json .Config.Healthcheck}}';
const CONTAINER_ID = /^[0-9a-f]{64}$/;
/** Docker's own default for a health check without a timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SHELL = ['/bin/sh', '-c'];
const isWords = (value) => Array.isArray(value) && value.every((word) => typeof word === 'string');
/** What PROBE_FORMAT printed for one container; undefined when it has no health check Slipway can run. */
function parseHealthProbe(printed) {
    const [containerId = '', shellJson = 'null', checkJson = 'null'] = printed.split('\t');
    if (!CONTAINER_ID.test(containerId))
        return undefined;
    let shell;
    let check;
    try {
        shell = JSON.parse(shellJson);
        check = JSON.parse(checkJson);
    }
    catch {
        return undefined;
    }
    if (!check || typeof check !== 'object')
        return undefined;
    const { Test: test, Timeout: timeout } = check;
    if (!isWords(test))
        return undefined;
    const [kind, ...rest] = test;
    let command;
    if (kind === 'CMD' && rest.length > 0)
        command = rest;
    else if (kind === 'CMD-SHELL' && rest.length === 1)
        command = [...(isWords(shell) && shell.length > 0 ? shell : DEFAULT_SHELL), rest[0]];
    else
        return undefined; // NONE, or a form Docker would not run either
    const timeoutMs = typeof timeout === 'number' && timeout > 0 ? Math.ceil(timeout / 1e6) : DEFAULT_TIMEOUT_MS;
    return { containerId, command, timeoutMs };
}
/** The remote argv: the container is named by its full ID, so nothing after it is read as a docker option. */
function probeWords(probe) {
    return ['docker', 'exec', probe.containerId, ...probe.command];
}


/***/ }),

/***/ 575:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FI: () => (/* binding */ waitForHttpHealth),
/* harmony export */   VQ: () => (/* binding */ healthPollDelay),
/* harmony export */   vP: () => (/* binding */ servingVersion)
/* harmony export */ });
/* unused harmony exports HEALTH_POLL, expectationFor, versionPathOf, unmetExpectation, versionInBody */
/* harmony import */ var _core_runner_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2738);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6154);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8037);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6067);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2112);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8692);





/**
 * Deploy health polls: the first at once, then 100 ms growing by half up to 1 s (was a fixed
 * 500 ms, which found an app that turned healthy just after a poll up to half a second late).
 * The last pause ends at the deadline, so health-timeout is kept to the poll.
 */
const HEALTH_POLL = { retryBaseDelayMs: 100, retryMaxDelayMs: 1000 };
const healthPollDelay = (failures, deadline) => Math.max(0, Math.min((0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_0__/* .readinessDelay */ .a)(HEALTH_POLL, failures), deadline - Date.now()));
const PLACEHOLDER = '\u0000slipway-version\u0000';
/** `{version}` as a JSON string escape of the placeholder, so a version with quotes cannot change the fragment's shape. */
const withPlaceholder = (expect) => expect.replace(/\{version\}/g, '\\u0000slipway-version\\u0000');
/** `"build":{version}` (a number or boolean member): the placeholder quoted, compared in the body's type later. */
const withQuotedPlaceholder = (expect) => expect.replace(/\{version\}/g, '"\\u0000slipway-version\\u0000"');
/** Members of an expectation that reads as JSON members (`"a":"x", "b":1`, `{version}` placed in a string or as a value); undefined when it does not. */
function jsonMembers(expect) {
    return parseMembers(withPlaceholder(expect)) ?? (expect.includes('{version}') ? parseMembers(withQuotedPlaceholder(expect)) : undefined);
}
function parseMembers(text) {
    if (!/^\s*"/.test(text))
        return undefined;
    try {
        const parsed = JSON.parse(`{${text}}`);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
            return undefined;
        const members = Object.entries(parsed).map(([path, value]) => ({ path, value }));
        return members.length > 0 && members.every((m) => m.value === null || typeof m.value !== 'object') ? members : undefined;
    }
    catch {
        return undefined;
    }
}
/** The expectation for one version; `version` undefined means "whatever version answers" (members naming {version} are dropped). */
function expectationFor(expect, version) {
    if (!expect)
        return { kind: 'none' };
    const members = jsonMembers(expect);
    if (members) {
        const kept = members
            .filter((m) => version !== undefined || !String(m.value).includes(PLACEHOLDER))
            .map((m) => ({ path: m.path, value: String(m.value).split(PLACEHOLDER).join(version ?? '') }));
        return kept.length ? { kind: 'json', members: kept, text: kept.map((m) => `"${m.path}":"${m.value}"`).join(', ') } : { kind: 'none' };
    }
    if (version === undefined && expect.includes('{version}'))
        return { kind: 'none' };
    return { kind: 'text', text: expect.replace(/\{version\}/g, version ?? '') };
}
/** The JSON path that holds the version: the member whose value is `{version}`, else `version`. */
function versionPathOf(expect) {
    const members = expect ? jsonMembers(expect) : undefined;
    return members?.find((m) => m.value === PLACEHOLDER)?.path ?? 'version';
}
/** Undefined when the body meets the expectation; otherwise what it answered instead. */
function unmetExpectation(expectation, body) {
    if (expectation.kind === 'none')
        return undefined;
    if (expectation.kind === 'text')
        return body.includes(expectation.text) ? undefined : `answered without '${expectation.text}' (got ${body.slice(0, 120).trim()})`;
    let document;
    try {
        document = JSON.parse(body);
    }
    catch {
        // Not JSON: the member may still be there as text (the old substring rule).
        const asText = expectation.members.map((m) => `"${m.path}":"${m.value}"`);
        return asText.every((text) => body.includes(text)) ? undefined : `answered a body that is not JSON, without ${expectation.text} (got ${body.slice(0, 120).trim()})`;
    }
    for (const member of expectation.members) {
        const segments = (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonPath */ .H)(member.path) ?? [member.path];
        const found = (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_1__/* .lookupJsonPath */ .c)(document, segments);
        if (!found.found)
            return `answered without '${member.path}' (expected ${(0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_2__/* .showValue */ .vp)(member.value)})`;
        if (!(0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_2__/* .looselyEquals */ .rE)(found.value, member.value))
            return `answered ${member.path} ${(0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_2__/* .showValue */ .vp)(found.value)}, expected ${(0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_2__/* .showValue */ .vp)(member.value)}`;
    }
    return undefined;
}
/** The version a health document reports at `path`, if it is JSON and has one. */
function versionInBody(body, path) {
    try {
        const found = (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_1__/* .lookupJsonPath */ .c)(JSON.parse(body), (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonPath */ .H)(path) ?? [path]);
        return found.found && found.value !== null && typeof found.value !== 'object' ? String(found.value) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * One GET through an SSH tunnel to the host's health-url. node:http with a ref'd timer (the smoke
 * probe), not fetch: when the tunnel accepts and the far end refuses, fetch never settles and its
 * AbortSignal.timeout timer keeps nothing alive, so the CLI exited 0 mid-deploy.
 */
async function withTunnel(session, health, body) {
    const url = new URL(health.url ?? '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const tunnel = await session.forwardLocalPort(port, url.hostname);
    try {
        const check = (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLineCheck */ .ZF)(health.url ?? '', 'health-url');
        const connect = { host: '127.0.0.1', port: tunnel.localPort, via: `through SSH to ${session.name}` };
        return await body(() => (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_4__/* .probe */ .dy)(check, { requestTimeoutMs: 5000, connect }));
    }
    finally {
        await tunnel.close();
    }
}
/**
 * What the app serving now says it is, asked once before a deploy changes anything: the rollback
 * then checks for this version, not for an image reference it never reports. Undefined when there
 * is no health-url, no answer, or no version in it.
 */
async function servingVersion(session, health, log) {
    if (!health.url)
        return undefined;
    try {
        return await withTunnel(session, health, async (get) => {
            const answer = await get();
            if (!answer.ok)
                throw new Error(answer.message);
            return answer.status >= 200 && answer.status < 300 ? versionInBody(answer.body, versionPathOf(health.expect)) : undefined;
        });
    }
    catch (error) {
        log.debug(`health: ${health.url} did not answer before the deploy (${error.message})`);
        return undefined;
    }
}
/**
 * Polls `url` (as the host sees it) through an SSH tunnel on the session's one connection until it
 * answers 2xx and meets health-expect for `version`, or the time is up. `version` undefined: the
 * version is not known (an app Slipway did not deploy and that reports none), so only the parts of
 * health-expect that do not name it are checked.
 */
async function waitForHttpHealth(session, health, version, log, deadline, signal) {
    if (!health.url)
        return { healthy: true, detail: 'no health-url' };
    const expectation = expectationFor(health.expect, version);
    return withTunnel(session, health, async (get) => {
        let last;
        for (let failures = 1;; failures += 1) {
            // A cancel ends the wait as a failed check: the caller rolls back (docs/cancel.md).
            if (signal?.aborted)
                return { healthy: false, detail: 'cancelled while the new version was being verified' };
            const answer = await get();
            if (answer.ok) {
                const success = answer.status >= 200 && answer.status < 300;
                const unmet = success ? unmetExpectation(expectation, answer.body) : `answered ${answer.status}`;
                if (!unmet)
                    return { healthy: true, detail: `${health.url} answered ${answer.status}` };
                last = unmet;
            }
            else {
                last = answer.message;
            }
            if (Date.now() >= deadline)
                return { healthy: false, detail: `${health.url} ${last}` };
            log.debug(`health: ${health.url} ${last}; retrying`);
            await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(healthPollDelay(failures, deadline));
        }
    });
}


/***/ }),

/***/ 8739:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ai: () => (/* binding */ RolledBackError),
/* harmony export */   VE: () => (/* binding */ runClosing),
/* harmony export */   Zt: () => (/* binding */ hookWords),
/* harmony export */   ac: () => (/* binding */ takeLooked)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3026);

/** The look the fleet ran with the lock, once; undefined when there is none (or it was read). */
function takeLooked(run) {
    const looked = run.looked;
    run.looked = undefined;
    return looked;
}
/** Hands the closing step to the fleet, or runs it now (one round trip) when there is no fleet. */
async function runClosing(run, step) {
    if (run.deferClosing?.(step))
        return;
    const result = await run.session.exec(['sh', '-c', step.script, 'slipway-closing', ...step.args], {
        allowFailure: true, label: `ssh ${run.session.target.host}: closing step`, ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
    });
    const failed = step.settle(result.stdout, result.exitCode);
    if (failed)
        throw failed;
}
/** A deploy step that failed after the host was changed and was then put back: says what serves now. */
class RolledBackError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ {
    host;
    serving;
    versions;
    constructor(host, reason, serving, versions) {
        super(`${host}: ${reason}; rolled back, ${serving} is serving again`);
        this.host = host;
        this.serving = serving;
        this.versions = versions;
        this.name = 'RolledBackError';
    }
}
/** The words for a user-written hook, run by sh in `dir` with `set -e` (first failing command fails it). */
function hookWords(dir, script) {
    return ['sh', '-c', 'cd "$1" || exit 1; shift; exec sh -e -c "$1"', 'slipway-hook', dir, script];
}


/***/ }),

/***/ 420:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  er: () => (/* binding */ DEFAULT_RELEASE_NAME),
  rZ: () => (/* binding */ isMarked),
  nN: () => (/* binding */ releaseDeploy),
  cy: () => (/* binding */ releaseLookWithLock),
  AR: () => (/* binding */ releaseNameProblem),
  _H: () => (/* binding */ releaseRollback),
  ZE: () => (/* binding */ sharedLinkTarget),
  FW: () => (/* binding */ sudoCheckWords)
});

// UNUSED EXPORTS: LINK_SHARED, MARK_RELEASE, SWITCH_CURRENT, VERSION_AND_LINKS, hostReleaseNameFormat, markedName, releaseName, releaseNameFormat, releasesToRemove

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/src/core/cancel.js
var cancel = __webpack_require__(4091);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __webpack_require__(3092);
// EXTERNAL MODULE: ./build/src/deploy/health.js
var health = __webpack_require__(575);
// EXTERNAL MODULE: ./build/src/deploy/host-state.js
var host_state = __webpack_require__(5131);
// EXTERNAL MODULE: ./build/src/deploy/host-run.js
var host_run = __webpack_require__(8739);
;// CONCATENATED MODULE: ./build/src/deploy/release-remote.js
// The release strategy's remote steps, one `sh -c` script per phase: every value travels as a
// positional argument, never in the script text, and what a script prints is parsed line by line
// under its own tag (remote text, such as a version file or a command's stderr, stays on one
// tagged line and is only ever shown, never run).
/** Every line a look prints starts with its tag; a name holding a newline is left out, so no line can pass for another. */
const LOOK_LINES = 'nl=\'\n\'; one() { case "$2" in *"$nl"*) ;; *) printf \'%s %s\\n\' "$1" "$2" ;; esac; }';
/**
 * The release strategy's look at a host, in one round trip (with the lock when the fleet runs it):
 * `$1` app-dir, `$2` 1 to make `releases/` when every check passed (a deploy), `$3` the state file,
 * `$4` how many shared paths follow, the shared paths, then one argument per sudo check (its words
 * after `sudo`, space-separated: sudoCheckWords splits on whitespace, so no word holds one).
 * Prints `missing app-dir`, `missing shared <i>`, `sudo <i> <exit>`, `current <name>`,
 * `release <name>`, `version <name>/<first line of its .slipway-version>`, `state <line>`, then `end`.
 */
const LOOK = [
    'app="$1"; prepare="$2"; state="$3"; n="$4"; shift 4; ok=1',
    LOOK_LINES,
    '[ -d "$app" ] || { echo "missing app-dir"; ok=0; }',
    'i=0; while [ "$i" -lt "$n" ]; do [ -f "$app/shared/$1" ] || { echo "missing shared $i"; ok=0; }; shift; i=$((i+1)); done',
    // Unquoted on purpose, with globbing off: the check's words split on spaces, nothing else expands.
    'set -f; i=0; for check in "$@"; do sudo $check </dev/null >/dev/null 2>&1; s=$?; echo "sudo $i $s"; [ "$s" -eq 0 ] || ok=0; i=$((i+1)); done; set +f',
    'if cd "$app" 2>/dev/null; then',
    '  if target=$(readlink current 2>/dev/null); then target=${target%/}; one current "${target##*/}"; fi',
    '  for p in releases/*; do',
    '    [ -e "$p" ] || [ -L "$p" ] || continue',
    '    name=${p#releases/}; one release "$name"',
    '    if [ -f "$p/.slipway-version" ]; then one version "$name/$(head -n 1 "$p/.slipway-version")"; fi',
    '  done',
    '  if [ -f "$state" ]; then sed "s/^/state /" "$state"; fi',
    '  if [ "$prepare" = 1 ] && [ "$ok" = 1 ]; then mkdir -p releases; fi',
    'fi',
    'echo end',
].join('\n');
function parseLook(stdout) {
    const look = { complete: false, appDirMissing: false, missingShared: [], sudo: new Map(), names: [], versions: new Map(), state: {} };
    for (const line of stdout.split('\n')) {
        const space = line.indexOf(' ');
        const tag = space < 0 ? line : line.slice(0, space);
        const rest = space < 0 ? '' : line.slice(space + 1);
        if (tag === 'end')
            look.complete = true;
        else if (tag === 'missing' && rest === 'app-dir')
            look.appDirMissing = true;
        else if (tag === 'missing' && /^shared \d+$/.test(rest))
            look.missingShared.push(Number(rest.slice('shared '.length)));
        else if (tag === 'sudo' && /^\d+ \d+$/.test(rest)) {
            const [index, status] = rest.split(' ').map(Number);
            look.sudo.set(index, status);
        }
        else if (tag === 'current' && rest)
            look.current = rest;
        else if (tag === 'release' && rest)
            look.names.push(rest);
        else if (tag === 'version') {
            // A name never holds a `/`: the first one ends it.
            const slash = rest.indexOf('/');
            if (slash > 0)
                look.versions.set(rest.slice(0, slash), rest.slice(slash + 1).trim());
        }
        else if (tag === 'state') {
            const equals = rest.indexOf('=');
            if (equals > 0)
                look.state[rest.slice(0, equals)] = rest.slice(equals + 1);
        }
    }
    look.names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return look;
}
/**
 * The release's own round trip after the upload: `$1` a token of this run, `$2` the release dir,
 * `$3` the version, `$4` 1 to unpack `$2.tar.gz` into it first, `$5` the first pre-promote command
 * ('' for none), then the `path target` pairs to link (`versionAndLinks`, VERSION_AND_LINKS, is run
 * on the version, the dir and those pairs). A failure of Slipway's own part ends with the stderr line `slipway: <unpack|links> failed [<token>]`; otherwise the exit status is
 * the pre-promote command's, whose output streams as it comes.
 */
function prepareScript(versionAndLinks) {
    return [
        'token="$1"; dir="$2"; version="$3"; archive="$4"; hook="$5"; shift 5',
        'failed() { printf "slipway: %s failed [%s]\\n" "$1" "$token" >&2; exit "$2"; }',
        'if [ "$archive" = 1 ]; then { mkdir -p "$dir" && tar -xzf "$dir.tar.gz" -C "$dir" && rm -f "$dir.tar.gz"; } || failed unpack "$?"; fi',
        `( set -- "$version" "$dir" "$@"; ${versionAndLinks}\n) || failed links "$?"`,
        '[ -n "$hook" ] || exit 0',
        'cd "$dir" || exit 1',
        'exec sh -e -c "$hook"',
    ].join('\n');
}
/** Which of Slipway's own parts failed in a prepare round trip (its last stderr line), if one did. */
function preparePartFailed(stderr, token) {
    const last = stderr.trimEnd().split('\n').pop() ?? '';
    const match = /^slipway: (unpack|links) failed \[(\w+)\]$/.exec(last);
    return match && match[2] === token ? match[1] : undefined;
}
/**
 * The switch and the first restart command in one round trip (run so it survives a dropped
 * connection): `$1` a token of this run, `$2` app-dir, `$3` the release, `$4` the restart command
 * ('' for none). The switch is `switchCurrent` (SWITCH_CURRENT) on app-dir and the release. The
 * last line is `<token> switch <exit>` (the switch failed, or there is no restart) or
 * `<token> restart <exit> <its last stderr line>`.
 */
function switchAndRestartScript(switchCurrent) {
    return [
        'token="$1"; app="$2"; name="$3"; restart="$4"',
        `( set -- "$app" "$name"; ${switchCurrent}\n); s=$?`,
        'if [ "$s" -ne 0 ] || [ -z "$restart" ]; then printf "\\n%s switch %s\\n" "$token" "$s"; exit 0; fi',
        'err=$(mktemp 2>/dev/null) || err=/dev/null',
        'sh -c "$restart" 2>"$err"; s=$?',
        'said=$(tail -n 1 "$err" 2>/dev/null | tr -d "\\r"); [ "$err" = /dev/null ] || rm -f "$err"',
        'printf "\\n%s restart %s %s\\n" "$token" "$s" "$said"',
    ].join('\n');
}
/** The trailer of a SWITCH_AND_RESTART round trip; undefined when it is missing (the output before it is the switch's own). */
function parseSwitch(stdout, token) {
    const lines = stdout.replace(/\n$/, '').split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
        const match = /^(\w+) (switch|restart) (\d+) ?(.*)$/.exec(lines[i] ?? '');
        if (match && match[1] === token)
            return { step: match[2], exitCode: Number(match[3]), said: match[4] ?? '', output: lines.slice(0, i).join('\n').trim() };
    }
    return undefined;
}
/**
 * The release's closing step (the fleet runs it with the deploy-log line and the lock release):
 * `$1` app-dir, `$2` a release to mark ('' for none), `$3` the mark, then the releases to remove.
 * The mark is MARK_RELEASE, skipped when the release dir was never made. Prints
 * `mark <exit> <what it said>` and `prune <exit> <what it said>` for the parts it ran.
 */
function closingScript(markRelease) {
    return [
        'app="$1"; name="$2"; mark="$3"; shift 3',
        'flat() { printf "%s" "$1" | tr "\\n" " "; }',
        `if [ -n "$name" ]; then said=$( ( set -- "$app" "$name" "$mark"; [ -e "$1/releases/$2" ] || exit 0; ${markRelease}\n) 2>&1 ); s=$?; printf "mark %s %s\\n" "$s" "$(flat "$said")"; fi`,
        'if [ "$#" -gt 0 ]; then said=$( { cd "$app/releases" && rm -rf -- "$@"; } 2>&1 ); s=$?; printf "prune %s %s\\n" "$s" "$(flat "$said")"; fi',
    ].join('\n');
}
/** The parts a closing step reported: exit status and what it said, by part. */
function parseClosing(stdout) {
    const parts = new Map();
    for (const line of stdout.split('\n')) {
        const match = /^(mark|prune) (\d+) ?(.*)$/.exec(line);
        if (match)
            parts.set(match[1], { exitCode: Number(match[2]), said: (match[3] ?? '').trim() });
    }
    return parts;
}

;// CONCATENATED MODULE: ./build/src/deploy/release.js








/** A release name's time tokens (UTC); every other character is kept as written. */
const NAME_TOKENS = {
    Y: (now) => String(now.getUTCFullYear()).padStart(4, '0'),
    m: (now) => String(now.getUTCMonth() + 1).padStart(2, '0'),
    d: (now) => String(now.getUTCDate()).padStart(2, '0'),
    H: (now) => String(now.getUTCHours()).padStart(2, '0'),
    M: (now) => String(now.getUTCMinutes()).padStart(2, '0'),
    S: (now) => String(now.getUTCSeconds()).padStart(2, '0'),
};
/** ISO 8601 basic, UTC (`20261124T100000Z`): the style of a host with no releases yet. */
const DEFAULT_RELEASE_NAME = '%Y%m%dT%H%M%SZ';
/**
 * Why a `release-name` format is refused, or undefined when it is fine. `%Y %m %d %H %M %S`
 * each once and in that order (so name order stays time order, which rollback relies on),
 * other characters letters, digits, `_`, `-` and `.`, first a token or a letter/digit.
 */
function releaseNameProblem(format) {
    // The name is one directory under releases/: a file system name (255), with room for a `-<host>-<pid>` suffix and a mark.
    if (format.length > 100)
        return `is ${format.length} characters long (at most 100)`;
    if (!/^(?:%[YmdHMS]|[A-Za-z0-9_.-])+$/.test(format))
        return 'may hold only %Y %m %d %H %M %S and letters, digits, _ - .';
    if (/^[-.]/.test(format))
        return 'must not start with - or .';
    const tokens = format.match(/%[A-Za-z]/g)?.join('') ?? '';
    if (tokens !== '%Y%m%d%H%M%S')
        return 'must hold %Y %m %d %H %M %S, each once and in that order (name order is time order)';
    if (/\.(failed|rolled-back)/.test(format))
        return 'must not hold .failed or .rolled-back (they mark releases)';
    return undefined;
}
/** `releases/<name>` for `now` in `format` (UTC). Name order is time order. */
function releaseName(now, format = DEFAULT_RELEASE_NAME) {
    return format.replace(/%([YmdHMS])/g, (_match, token) => NAME_TOKENS[token](now));
}
/** A timestamp name: 4 + 5×2 digits with the same non-digit separators in between (`20261124T100000Z`, `2026-11-24_10-00-00`). */
const TIMESTAMP_NAME = /^(\d{4})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)(\d{2})([A-Za-z_.-]*)$/;
/** The format the host's newest timestamp-named release follows; undefined when none does (then ISO 8601 basic). */
function hostReleaseNameFormat(names) {
    for (const name of names.filter((n) => !isMarked(n)).sort().reverse()) {
        const parts = TIMESTAMP_NAME.exec(name);
        if (!parts)
            continue;
        const format = ['%Y', parts[2], '%m', parts[4], '%d', parts[6], '%H', parts[8], '%M', parts[10], '%S', parts[12]].join('');
        if (!releaseNameProblem(format))
            return format;
    }
    return undefined;
}
/** The relative target of a shared link at `releases/<name>/<path>`: up to app-dir, then `shared/<path>`, so a moved tree keeps working. */
function sharedLinkTarget(path) {
    return `${'../'.repeat(path.split('/').length + 1)}shared/${path}`;
}
/** Atomic switch: a new symlink beside `current`, renamed over it (rename(2) is atomic; `ln -sfn` alone is not). */
const SWITCH_CURRENT = 'cd "$1" && ln -sfn "releases/$2" current.slipway-new && mv -T current.slipway-new current';
/** Links each shared path (`path target` pairs) into the release `$1`, replacing whatever the artifact had there. */
const LINK_SHARED = 'release="$1"; shift; while [ "$#" -ge 2 ]; do p="$1"; t="$2"; shift 2; mkdir -p "$(dirname "$release/$p")"; rm -rf "$release/$p"; ln -s "$t" "$release/$p"; done';
/** Writes `$1` into `$2/.slipway-version`, then links the shared paths (LINK_SHARED on `$2` and the path/target pairs after it). */
const VERSION_AND_LINKS = `printf "%s\\n" "$1" > "$2/.slipway-version" && shift && { ${LINK_SHARED}; }`;
/** After the upload: unpack, version file, shared links and the first pre-promote command, one round trip (release-remote.ts). */
const PREPARE = prepareScript(VERSION_AND_LINKS);
const MARKED = /\.(failed|rolled-back)(-\d+)?$/;
const isMarked = (name) => MARKED.test(name);
/** Renames `releases/$2` to `$2.<mark>` (or `.<mark>-N` if taken); `mv -T` never moves it *into* an existing dir. */
const MARK_RELEASE = 'cd "$1/releases" || exit 1; to="$2.$3"; n=1; while [ -e "$to" ]; do to="$2.$3-$n"; n=$((n+1)); done; mv -T -- "$2" "$to"';
/** The release's closing step: a mark (MARK_RELEASE) and the prune, with the fleet's log line and lock release. */
const CLOSING = closingScript(MARK_RELEASE);
/** The switch (SWITCH_CURRENT) and the first restart command, one round trip. */
const SWITCH_AND_RESTART = switchAndRestartScript(SWITCH_CURRENT);
/**
 * What to remove so at most `keep` release dirs remain, marked ones included. Kept, in this
 * order: `current`, the good release before it (the rollback target), the newest `.failed` one
 * (for forensics), then the newest good ones, then the newest other marked ones.
 */
function releasesToRemove(all, keep, current) {
    const byAge = (a, b) => (a < b ? 1 : a > b ? -1 : 0);
    const good = all.filter((name) => !isMarked(name)).sort(byAge);
    const marked = all.filter(isMarked).sort(byAge);
    const previous = current ? good.find((name) => name < current) : undefined;
    const newestFailed = marked.find((name) => /\.failed(-\d+)?$/.test(name));
    const wanted = [current, previous, newestFailed, ...good, ...marked].filter((name) => name !== undefined && all.includes(name));
    const kept = new Set([...new Set(wanted)].slice(0, keep));
    return all.filter((name) => !kept.has(name)).sort();
}
/** sudo's short options that take a value (`-u app`, `-uapp`), and their long names. */
const SUDO_VALUE_OPTIONS = new Set('ugphCDRrtTU');
const SUDO_LONG_VALUE_OPTIONS = new Set(['user', 'group', 'prompt', 'host', 'close-from', 'chdir', 'chroot', 'role', 'type', 'command-timeout', 'other-user']);
/** Who the command runs as matters to the rule, so these carry over into the check. */
const SUDO_KEPT = new Map([['u', '-u'], ['g', '-g'], ['user', '-u'], ['group', '-g']]);
/**
 * `sudo -n -l [-u user] [-g group] command…` for a restart command that starts
 * with sudo: it checks the sudoers rule (as that user) without running anything.
 * sudo's options are parsed as sudo does (clusters like `-nu app`, `--user=app`,
 * `--`), so `sudo -u app cmd` checks `cmd`, not `app`.
 */
function sudoCheckWords(command) {
    const words = command.trim().split(/\s+/);
    if (words[0] !== 'sudo')
        return undefined;
    const kept = [];
    let i = 1;
    while (i < words.length) {
        const word = words[i] ?? '';
        if (word === '--') {
            i += 1;
            break;
        }
        if (!word.startsWith('-') || word === '-')
            break;
        i += 1;
        if (word.startsWith('--')) {
            const [name = '', inline] = word.slice(2).split(/=(.*)/s);
            if (!SUDO_LONG_VALUE_OPTIONS.has(name))
                continue;
            const value = inline ?? words[i++] ?? '';
            const flag = SUDO_KEPT.get(name);
            if (flag)
                kept.push(flag, value);
            continue;
        }
        for (let c = 1; c < word.length; c += 1) {
            const option = word[c] ?? '';
            if (!SUDO_VALUE_OPTIONS.has(option))
                continue;
            const value = c + 1 < word.length ? word.slice(c + 1) : words[i++] ?? '';
            const flag = SUDO_KEPT.get(option);
            if (flag)
                kept.push(flag, value);
            break;
        }
    }
    // VAR=value assignments sudo accepts before the command are not part of the rule's command.
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ''))
        i += 1;
    return ['sudo', '-n', '-l', ...kept, ...words.slice(i)];
}
/** A token of this run for a round trip's own lines (remote output cannot know it, so cannot pass for them). */
const roundTripToken = () => (0,external_node_crypto_.randomBytes)(8).toString('hex');
/** The sudo checks of the restart commands that start with sudo, in order. */
function sudoChecks(restart) {
    return restart.flatMap((command) => {
        const words = sudoCheckWords(command);
        return words ? [{ command, words }] : [];
    });
}
/** The LOOK arguments for this run: a deploy checks the shared files and sudo rules and makes `releases/`; a rollback only reads. */
function lookArgs(run) {
    const deploy = run.settings.mode !== 'rollback';
    const shared = deploy ? run.settings.release.shared : [];
    const checks = deploy ? sudoChecks(run.settings.release.restart) : [];
    return [run.appDir, deploy ? '1' : '0', releaseStateFile(run), String(shared.length), ...shared, ...checks.map((check) => check.words.slice(1).join(' '))];
}
/** The look the fleet ran with the lock (once), else one round trip of its own. */
async function lookAt(run) {
    const looked = (0,host_run/* takeLooked */.ac)(run);
    if (looked !== undefined)
        return checkedLook(run, parseLook(looked.stdout), '');
    const result = await run.session.exec(['sh', '-c', LOOK, 'slipway-look', ...lookArgs(run)], { allowFailure: true, label: `ssh ${run.session.target.host}: look at releases` });
    return checkedLook(run, parseLook(result.stdout), result.stderr);
}
function checkedLook(run, look, stderr) {
    // A look cut short (a shell that failed early) is not read as an empty host.
    if (!look.complete)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: could not read ${run.appDir}/releases (${stderr.trim().slice(0, 200) || 'no answer'})`, { fix: 'Check the SSH user can read app-dir' });
    return look;
}
/** `all`: releases that may serve (marked ones left out), oldest first; `marked`: the others. */
const releasesOf = (look) => ({ current: look.current, all: look.names.filter((name) => !isMarked(name)), marked: look.names.filter(isMarked) });
/** The name MARK_RELEASE gives `name` among `names`: `<name>.<mark>`, else the first free `-N`. */
function markedName(name, mark, names) {
    let to = `${name}.${mark}`;
    for (let n = 1; names.includes(to); n += 1)
        to = `${name}.${mark}-${n}`;
    return to;
}
/** The version Slipway wrote into a release; '' for a release it did not make (its name is no version an app reports). */
const versionOf = (look, name) => (name ? look.versions.get(name) ?? '' : '');
/**
 * Release state: `served.<release>=<version>` for releases Slipway did not make, recorded from what
 * they answered when a deploy replaced them, so a rollback to one checks for its real version.
 */
const releaseStateFile = (run) => host_state/* hostFiles */.qZ.releaseState(run.appDir);
/** A release's version: its own record, else what it answered when a deploy replaced it, else unknown (undefined). */
const knownVersionOf = (look, name) => versionOf(look, name) || look.state[`served.${name}`] || undefined;
async function recordServed(run, look, name, version) {
    if (look.state[`served.${name}`] === version)
        return;
    await (0,host_state/* writeStateFile */.VP)(run.session, releaseStateFile(run), { ...look.state, [`served.${name}`]: version });
}
/**
 * Hands the release's last remote work to the fleet (with the deploy-log line and the lock release, one
 * round trip), or runs it now. Both parts are best effort: a failure warns (a mark left undone means a
 * rollback may pick the release; a prune left undone is tried again by the next deploy).
 */
async function release_close(run, closing) {
    const stale = closing.prune ? releasesToRemove(closing.prune.names, run.settings.release.keep, closing.prune.current) : [];
    const mark = closing.mark;
    // With nothing to do and no fleet to carry it there is no round trip to make.
    if (!mark && !stale.length && !run.deferClosing)
        return;
    await (0,host_run/* runClosing */.VE)(run, {
        script: CLOSING,
        args: [run.appDir, mark?.name ?? '', mark?.as ?? '', ...stale],
        settle: (stdout) => {
            const parts = parseClosing(stdout);
            const marked = parts.get('mark');
            if (mark && marked?.exitCode !== 0) {
                run.log.warn(`${run.session.name}: could not mark releases/${mark.name} as ${mark.as} (${marked?.said || 'no answer'}); a rollback may pick it`);
            }
            if (!stale.length)
                return;
            const pruned = parts.get('prune');
            if (pruned?.exitCode !== 0) {
                run.log.warn(`${run.session.name}: could not remove old releases (${pruned?.said || 'no answer'}); the next deploy tries again`);
                return;
            }
            const names = closing.prune?.names ?? [];
            const failed = names.filter((name) => /\.failed(-\d+)?$/.test(name) && !stale.includes(name)).sort().pop();
            run.log.info(`${run.session.name}: removed ${stale.map((n) => `releases/${n}`).join(', ')} (keep-releases ${run.settings.release.keep}, failed ones counted${failed ? `; releases/${failed}, the newest failed one, kept for forensics` : ''})`);
        },
    });
}
/**
 * Runs the restart commands from `from` on, in order; the first failing one ends it with `{ ok: false }` (a lost connection throws).
 * `signal`: a cancel between two commands ends it the same way, so the caller switches back.
 */
async function restart(run, from, signal) {
    for (const command of run.settings.release.restart.slice(from)) {
        if (signal?.aborted)
            return { ok: false, detail: `cancelled before restart command \`${command}\`` };
        const result = await run.session.exec(['sh', '-c', command], { survivesDisconnect: true, allowFailure: true, env: run.settings.env, label: `restart on ${run.session.target.host}: ${command}` });
        if (result.exitCode !== 0)
            return restartFailed(command, result.exitCode, result.stderr);
    }
    return { ok: true, detail: '' };
}
function restartFailed(command, exitCode, stderr) {
    // Its stderr, as a failed command reports it elsewhere (redacted); stdout may print the deploy env.
    const said = (0,errors/* lastLines */.w$)((0,secrets/* redact */.E$)(stderr.trim()), 1);
    return { ok: false, detail: `restart command \`${command}\` failed with exit ${exitCode}${said ? ` (${said})` : ''}` };
}
/**
 * Switch `current` and run the first restart command in one round trip (it survives a dropped
 * connection), then the other restart commands, then the health check. A failing restart is a
 * failed check, so the caller still switches back; a failing switch throws.
 * `signal` (the forward switch only): a cancel cuts restart and check short the same way (docs/cancel.md).
 */
async function switchAndCheck(run, name, version, signal) {
    const [first] = run.settings.release.restart;
    const token = roundTripToken();
    const label = `switch current → releases/${name}${first ? `, restart (${first})` : ''} on ${run.session.target.host}`;
    const result = await run.session.exec(['sh', '-c', SWITCH_AND_RESTART, 'slipway-switch', token, run.appDir, name, first ?? ''], {
        survivesDisconnect: true, allowFailure: true, env: first ? run.settings.env : undefined, label,
    });
    const answer = parseSwitch(result.stdout, token);
    if (!answer || (answer.step === 'switch' && answer.exitCode !== 0)) {
        throw new errors/* ProcessError */.yI({ command: `switch current → releases/${name} on ${run.session.target.host}`, exitCode: answer?.exitCode || result.exitCode || 1, stderr: answer?.output || result.stderr || result.stdout });
    }
    if (answer.step === 'restart' && answer.exitCode !== 0)
        return { healthy: false, detail: restartFailed(first ?? '', answer.exitCode, answer.said).detail };
    const restarted = await restart(run, 1, signal);
    if (!restarted.ok)
        return { healthy: false, detail: restarted.detail };
    return (0,health/* waitForHttpHealth */.FI)(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs, signal);
}
/**
 * After the upload, one round trip: unpack (an archive), the version file, the shared links and the
 * first pre-promote command (its output streams); the other pre-promote commands one round trip
 * each, so a cancel between two of them starts no further one. Each part fails with its own message.
 */
async function prepare(run, dir, archive) {
    const { release, version } = run.settings;
    const [first, ...others] = release.prePromote;
    const host = run.session.target.host;
    const token = roundTripToken();
    const env = { ...run.settings.env, APP_VERSION: version, RELEASE_DIR: dir };
    const result = await run.session.exec(['sh', '-c', PREPARE, 'slipway-release', token, dir, version, archive ? '1' : '0', first ?? '', ...release.shared.flatMap((p) => [p, sharedLinkTarget(p)])], first ? { env, stream: true, allowFailure: true, label: `ssh ${host}: write the version, link shared; pre-promote: ${first}` } : { allowFailure: true, label: `ssh ${host}: write the version, link shared` });
    if (result.exitCode !== 0) {
        const part = preparePartFailed(result.stderr, token);
        const command = part === 'unpack' ? `ssh ${host}: unpack ${dir}.tar.gz` : part === 'links' || !first ? `ssh ${host}: write the version, link shared` : `pre-promote on ${host}: ${first}`;
        throw new errors/* ProcessError */.yI({ command, exitCode: result.exitCode, stderr: result.stderr.trimEnd().split('\n').filter((line) => !line.endsWith(`[${token}]`)).join('\n') || result.stdout, timedOut: result.timedOut });
    }
    for (const command of others) {
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, `pre-promote command \`${command}\``);
        await run.session.exec((0,host_run/* hookWords */.Zt)(dir, command), { env, stream: true, label: `pre-promote on ${host}: ${command}` });
    }
}
/** `release-name` as given, else the style of the host's releases, else ISO 8601 basic. */
function releaseNameFormat(given, existing) {
    return given ?? hostReleaseNameFormat(existing) ?? DEFAULT_RELEASE_NAME;
}
async function releaseDeploy(run, now = new Date()) {
    const { release } = run.settings;
    // Parsing requires it for a deploy.
    const artifact = release.artifact ?? '';
    const { version } = run.settings;
    const look = await lookAt(run);
    // Even with nothing to mark or prune, the fleet's last round trip then carries the log line and the release together.
    await release_close(run, {});
    const missing = [
        ...(look.appDirMissing ? [`app-dir (${run.appDir})`] : []),
        ...look.missingShared.map((i) => `shared file (${run.appDir}/shared/${release.shared[i] ?? ''})`),
    ];
    if (missing.length)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: missing on the host: ${missing.join(', ')}`, { fix: `Create app-dir and the shared files under ${run.appDir}/shared/ on the host first (they hold the environment and outlive releases)` });
    // sudo -n first: a promote that cannot restart must not happen.
    for (const [index, check] of sudoChecks(release.restart).entries()) {
        if (look.sudo.get(index) !== 0)
            throw new errors/* SlipwayError */.GQ(`${run.session.name}: \`${check.command}\` is not allowed by sudo without a password`, { fix: `Add a NOPASSWD sudoers rule for ${run.session.target.user} and exactly that command` });
    }
    const before = releasesOf(look);
    // What serves now, whoever deployed it: what it answers on health-url, else what Slipway wrote into it.
    // Asked beside the upload (it reads only what serves now), and known before any pre-promote command runs.
    const asking = (async () => {
        const serving = before.current ? (await (0,health/* servingVersion */.vP)(run.session, run.settings.health, run.log)) ?? knownVersionOf(look, before.current) ?? '' : '';
        // Recorded before anything changes, so a rollback to a release Slipway did not make knows its version.
        if (before.current && serving && !versionOf(look, before.current))
            await recordServed(run, look, before.current, serving);
        return serving;
    })();
    // Awaited below; a failed upload must not leave it unhandled.
    asking.catch(() => undefined);
    let name = releaseName(now, releaseNameFormat(release.nameFormat, before.all));
    if (look.names.includes(name))
        name = `${name}-${run.index + 1}-${process.pid}`;
    const dir = `${run.appDir}/releases/${name}`;
    const archive = /\.(tar\.gz|tgz)$/.test(artifact);
    let previousVersion;
    try {
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, 'the upload of the new release');
        // The look made releases/; rsync makes the release dir itself.
        if (archive)
            await run.session.upload(artifact, `${dir}.tar.gz`);
        else
            await run.session.upload(artifact.endsWith('/') ? artifact : `${artifact}/`, `${dir}/`);
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, archive ? 'unpacking the new release' : 'writing the version and linking shared');
        previousVersion = await asking;
        await prepare(run, dir, archive);
        (0,cancel/* throwIfCancelled */.dZ)(run.signal, `the switch to releases/${name}`);
    }
    catch (error) {
        // The question about what serves ends before the release is marked (both use the connection's state files).
        await asking.catch(() => undefined);
        // Never promoted, but newer than current: unmarked, a later rollback could land on it.
        if (await run.session.isAlive())
            await release_close(run, { mark: { name, as: 'failed' } });
        throw error;
    }
    const shownBefore = previousVersion || (before.current ? `releases/${before.current}` : '');
    const verdict = await switchAndCheck(run, name, version, run.signal);
    if (verdict.healthy) {
        await release_close(run, { prune: { names: [...look.names, name], current: name } });
        return { version, previous: shownBefore, changed: true };
    }
    if (!before.current)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${verdict.detail}; there was no previous release to roll back to`);
    run.log.warn(`${run.session.name}: ${verdict.detail}; switching back to releases/${before.current}`);
    const back = await switchAndCheck(run, before.current, previousVersion || undefined);
    const failedName = markedName(name, 'failed', [...look.names, name]);
    await release_close(run, { mark: { name, as: 'failed' }, prune: { names: [...look.names, failedName], current: before.current } });
    if (!back.healthy)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: ${verdict.detail}; after switching back, the previous release is not healthy either (${back.detail})`);
    const failure = verdict.detail.startsWith('cancelled') ? 'was not kept' : verdict.detail.startsWith('restart command') ? 'could not be restarted' : 'failed its health check';
    throw new host_run/* RolledBackError */.Ai(run.session.name, `new release ${version} ${failure} (${verdict.detail})`, `the old release ${shownBefore}`, { serving: shownBefore, failed: version });
}
/**
 * Back to the release before `current`, from what is on the host. Releases of the same version as
 * `current` (a redeploy of what ran) are passed over: the rollback target is the version before it.
 */
async function releaseRollback(run) {
    const look = await lookAt(run);
    // A deploy's closing step on this run (a batch revert) no longer fits what the host will hold.
    await release_close(run, {});
    const { current, all } = releasesOf(look);
    const index = current ? all.indexOf(current) : -1;
    const from = versionOf(look, current);
    let target;
    for (let i = index - 1; i >= 0 && current; i -= 1) {
        target = all[i];
        if (!from || versionOf(look, target) !== from)
            break;
    }
    if (!current || !target)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: no release before ${current ?? '(none)'} to roll back to in ${run.appDir}/releases`);
    const to = knownVersionOf(look, target);
    const verdict = await switchAndCheck(run, target, to);
    if (!verdict.healthy)
        throw new errors/* SlipwayError */.GQ(`${run.session.name}: rolled back to releases/${target} but it is not healthy (${verdict.detail})`);
    // The release we left is moved aside, so a second rollback goes further back instead of forward.
    const left = markedName(current, 'rolled-back', look.names);
    await release_close(run, { mark: { name: current, as: 'rolled-back' }, prune: { names: [...look.names.filter((n) => n !== current), left], current: target } });
    return { version: to ?? `releases/${target}`, previous: from || `releases/${current}`, changed: true };
}
/** The look a release deploy or rollback wants in the lock's round trip (LOOK on this run's arguments). */
function releaseLookWithLock(run) {
    return { script: LOOK, args: lookArgs(run) };
}


/***/ }),

/***/ 2112:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SI: () => (/* binding */ parseStatusExpectation),
/* harmony export */   TA: () => (/* binding */ parseConnectTarget),
/* harmony export */   ZF: () => (/* binding */ oneLineCheck),
/* harmony export */   wD: () => (/* binding */ parseCheckList)
/* harmony export */ });
/* unused harmony export buildCheck */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
/* harmony import */ var _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6087);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3092);
/* harmony import */ var _assertions_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6154);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5075);
/* harmony import */ var _json_path_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8037);
/* harmony import */ var _user_pattern_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5627);








/** Header names whose values are credentials whether or not the user says so. */
const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|private-token)$/i;
const CHECK_KEYS = [
    'name', 'url', 'method', 'headers', 'secret-headers', 'body', 'expect-status', 'json', 'body-contains', 'body-matches',
    'max-latency', 'expect-version', 'version-path', 'health-document', 'connect-to',
];
const EXAMPLE = `- name: health
  url: https://app.example.com/api/health
  expect-status: 200
  json: ["ok == true", "database == connected"]
  max-latency: 500ms`;
/**
 * The YAML list form. Scalars are read as strings (the failsafe schema), so a
 * version `1.10` stays `1.10` and typing happens where a value is compared.
 * Every problem names the check (`checks[2] 'api'`) and is raised before any request.
 */
function parseCheckList(text, where, defaults = {}, options = {}) {
    // A checks file may be any file on the runner: its content is never quoted back.
    const quote = options.quote ?? true;
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parse)(text, { schema: 'failsafe' });
    }
    catch (error) {
        const position = error.linePos?.[0]?.line;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(where, `is not valid YAML${quote ? ` (${error.message.split('\n')[0]})` : position ? ` (line ${position})` : ''}`, `Write a list of checks, e.g.\n${EXAMPLE}`);
    }
    const items = Array.isArray(document) ? document : document && typeof document === 'object' && 'url' in document ? [document] : undefined;
    if (!items || items.length === 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(where, `is not a list of checks (found ${describeYaml(document, quote)})`, `Write a list of checks, e.g.\n${EXAMPLE}`);
    }
    const checks = items.map((item, index) => {
        if (typeof item === 'string')
            return buildCheck({ url: item }, `${where} item ${index + 1}`, defaults, quote);
        if (!item || typeof item !== 'object' || Array.isArray(item)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} item ${index + 1}`, `is not a check (found ${describeYaml(item, quote)})`, `Each item is a URL or a map with at least \`url:\`, e.g.\n${EXAMPLE}`);
        }
        const record = item;
        const label = typeof record.name === 'string' && quote ? `${where} item ${index + 1} '${record.name}'` : `${where} item ${index + 1}`;
        return buildCheck(record, label, defaults, quote);
    });
    return uniqueNames(checks);
}
/** The one-line form: `url` (+ `expect-version`), with the defaults from the other inputs. */
function oneLineCheck(url, where, defaults = {}) {
    return buildCheck({ url }, where, defaults);
}
function buildCheck(record, where, defaults, quote = true) {
    // Unquoted, a `(found '…')` part becomes `(found a value of N characters)`: the problem stays, the text does not.
    const fail = (problem, fix) => {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(where, quote ? problem : (0,_core_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutQuotedValues */ .hw)(problem), fix);
    };
    const describeYaml = (value) => describeValue(value, quote);
    const unknownKeys = Object.keys(record).filter((key) => !CHECK_KEYS.includes(key));
    if (unknownKeys.length > 0)
        fail(`has unknown keys (found ${quote ? unknownKeys.join(', ') : `${unknownKeys.length}`})`, `Known keys: ${CHECK_KEYS.join(', ')}.`);
    const text = (key) => {
        const value = record[key];
        if (value === undefined || value === null || value === '')
            return undefined;
        if (typeof value !== 'string')
            fail(`'${key}' must be a single value (found ${describeYaml(value)})`, `Write \`${key}: <value>\`.`);
        return value.trim();
    };
    const list = (key) => {
        const value = record[key];
        if (value === undefined || value === null || value === '')
            return [];
        if (typeof value === 'string')
            return [value];
        if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
            return value;
        return fail(`'${key}' must be a text or a list of texts (found ${describeYaml(value)})`, `Write \`${key}: <text>\` or a YAML list.`);
    };
    const url = parseUrl(text('url') ?? fail("has no 'url'", 'Give every check a `url:` (http:// or https://).'), fail);
    const method = (text('method') ?? (record.body !== undefined ? 'POST' : 'GET')).toUpperCase();
    if (!/^[A-Z]+$/.test(method))
        fail(`has an invalid method (found '${method}')`, 'Use an HTTP method such as GET, HEAD or POST.');
    const headers = { ...defaults.headers };
    const headerMap = record.headers;
    if (headerMap !== undefined && headerMap !== '') {
        if (!headerMap || typeof headerMap !== 'object' || Array.isArray(headerMap))
            fail(`'headers' must be a map (found ${describeYaml(headerMap)})`, 'Write `headers: { Accept: application/json }`.');
        for (const [name, value] of Object.entries(headerMap)) {
            if (typeof value !== 'string')
                fail(`header '${name}' must be a text (found ${describeYaml(value)})`, 'Quote the header value.');
            headers[name] = value;
        }
    }
    for (const [name, value] of Object.entries(headers)) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
            fail(`has an invalid header name (found '${name}')`, 'Header names are letters, digits and dashes.');
        if (/[\r\n]/.test(value))
            fail(`header '${name}' contains a line break`, 'Put the header value on one line.');
    }
    const secretNames = list('secret-headers').map((name) => name.toLowerCase());
    for (const [name, value] of Object.entries(headers)) {
        if (SENSITIVE_HEADERS.test(name) || secretNames.includes(name.toLowerCase()))
            (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl)(value);
    }
    const missingSecret = secretNames.find((name) => !Object.keys(headers).some((header) => header.toLowerCase() === name));
    if (missingSecret)
        fail(`lists secret header '${missingSecret}' that it does not send`, "Name only headers set under 'headers' (or the headers input).");
    const expectStatusText = record['expect-status'];
    const expectStatus = expectStatusText === undefined
        ? defaults.expectStatus ?? _check_js__WEBPACK_IMPORTED_MODULE_4__/* .ANY_SUCCESS */ .bd
        : parseStatusExpectation(list('expect-status').join(','), fail);
    const json = parseJsonAssertions(record.json, fail);
    const bodyContains = list('body-contains');
    const bodyMatches = list('body-matches').map((source) => {
        const pattern = (0,_user_pattern_js__WEBPACK_IMPORTED_MODULE_5__/* .compileUserPattern */ .b)(source);
        if ('error' in pattern)
            return fail(`'body-matches' is a regular expression RE2 cannot compile (${pattern.error})`, 'Fix the pattern; it is RE2 syntax (no backreferences or lookaround), matched in linear time.');
        return pattern;
    });
    const latencyText = text('max-latency');
    const maxLatencyMs = latencyText === undefined ? defaults.maxLatencyMs : (0,_core_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)(/^\d+$/.test(latencyText) ? `${latencyText}ms` : latencyText);
    if (maxLatencyMs !== undefined && maxLatencyMs > _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_DURATION_MS */ .rG)
        fail(`'max-latency' is too long (found '${latencyText ?? ''}')`, 'Write e.g. 500ms or 2s.');
    if (latencyText !== undefined && maxLatencyMs === undefined)
        fail(`'max-latency' is not a duration (found '${latencyText}')`, 'Write e.g. 500ms or 2s (a bare number is milliseconds).');
    const versionPath = text('version-path') ?? defaults.versionPath ?? 'version';
    if (!(0,_json_path_js__WEBPACK_IMPORTED_MODULE_6__/* .parseJsonPath */ .H)(versionPath))
        fail(`'version-path' is not a JSON path (found '${versionPath}')`, 'Write e.g. `version`, `build.version` or `$.app["version"]`.');
    const healthText = text('health-document');
    if (healthText !== undefined && !/^(true|false|auto|off)$/i.test(healthText))
        fail(`'health-document' is not true or false (found '${healthText}')`, 'Write `health-document: false` to ignore status/ok fields in the body.');
    const connectText = text('connect-to');
    return {
        name: text('name') ?? defaultName(url),
        url: url.toString(),
        method,
        headers,
        body: text('body') === undefined ? undefined : String(record.body),
        expectStatus,
        json,
        bodyContains,
        bodyMatches,
        maxLatencyMs,
        expectVersion: text('expect-version') ?? defaults.expectVersion,
        versionPath,
        healthDocument: healthText === undefined || /^(true|auto)$/i.test(healthText),
        connectTo: connectText === undefined ? defaults.connectTo : parseConnectTarget(connectText, fail),
    };
}
function parseUrl(text, fail) {
    // The URL parser drops tabs and line breaks silently; a URL with them is a mistake (or a forged log line).
    if (/\s/.test(text))
        fail('has a URL with spaces or line breaks in it', 'Write the URL on one line, with spaces encoded as %20.');
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return fail(`has a URL that is not valid (found '${text}')`, 'Write a full URL such as https://app.example.com/api/health.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        fail(`has a URL that is not http or https (found '${url.protocol}')`, 'Smoke checks speak HTTP: use http:// or https://.');
    if (url.username || url.password) {
        (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl)(url.password);
        fail('has credentials in its URL', 'Send them as a secret header instead (an Authorization header in the secret-headers input).');
    }
    return url;
}
function parseStatusExpectation(text, fail) {
    const expectation = { codes: [], classes: [] };
    for (const part of text.split(/[\s,]+/).filter(Boolean)) {
        const cls = /^([1-5])xx$/i.exec(part);
        if (cls)
            expectation.classes.push(Number(cls[1]));
        else if (/^[1-5]\d\d$/.test(part))
            expectation.codes.push(Number(part));
        else
            fail(`'expect-status' is not a status code (found '${part}')`, 'Write a code (200), a list (200, 204) or a class (2xx).');
    }
    if (expectation.codes.length + expectation.classes.length === 0)
        fail("'expect-status' is empty", 'Write a code (200), a list (200, 204) or a class (2xx).');
    return expectation;
}
function parseConnectTarget(text, fail) {
    // A host name or IPv4 address (never starting with '-' or holding '=', '/'), or a bracketed IPv6 one.
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?))(?::(\d{1,5}))?$/.exec(text.trim());
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
        return fail(`'connect-to' is not an address (found '${text}')`, 'Write an address to dial, with an optional port: 10.0.0.5, 10.0.0.5:8443 or [::1]:8080.');
    }
    return { host: match[1] ?? match[2] ?? '', port };
}
function parseJsonAssertions(value, fail) {
    if (value === undefined || value === null || value === '')
        return [];
    try {
        if (typeof value === 'string')
            return [(0,_assertions_js__WEBPACK_IMPORTED_MODULE_7__/* .parseAssertionExpression */ .oS)(value)];
        if (Array.isArray(value)) {
            return value.map((entry) => {
                if (typeof entry === 'string')
                    return (0,_assertions_js__WEBPACK_IMPORTED_MODULE_7__/* .parseAssertionExpression */ .oS)(entry);
                if (entry && typeof entry === 'object' && !Array.isArray(entry))
                    return (0,_assertions_js__WEBPACK_IMPORTED_MODULE_7__/* .parseAssertionObject */ .Rx)(entry);
                return fail(`a 'json' assertion is neither an expression nor a map (found ${describeYaml(entry)})`, 'Write e.g. `- version == 1.4.2` or `- { path: version, equals: 1.4.2 }`.');
            });
        }
        if (typeof value === 'object') {
            // The map shorthand: `json: { ok: true, database: connected }` means equals.
            return Object.entries(value).map(([path, expected]) => {
                if (typeof expected !== 'string')
                    return fail(`'json' expects a single value for '${path}' (found ${describeYaml(expected)})`, 'Write `path: value` pairs, or a list of assertions.');
                return (0,_assertions_js__WEBPACK_IMPORTED_MODULE_7__/* .parseAssertionObject */ .Rx)({ path, equals: expected });
            });
        }
    }
    catch (error) {
        if (error instanceof _assertions_js__WEBPACK_IMPORTED_MODULE_7__/* .AssertionSyntaxError */ .aP)
            fail(error.message, error.fix);
        throw error;
    }
    return [];
}
function defaultName(url) {
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
function uniqueNames(checks) {
    const seen = new Map();
    return checks.map((check) => {
        const count = (seen.get(check.name) ?? 0) + 1;
        seen.set(check.name, count);
        return count === 1 ? check : { ...check, name: `${check.name} #${count}` };
    });
}
function describeYaml(value, quote = true) {
    return describeValue(value, quote);
}
function describeValue(value, quote) {
    if (value === null || value === undefined || value === '')
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    const text = String(value);
    if (!quote)
        return `a value of ${text.length} characters`;
    return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}


/***/ })

};
