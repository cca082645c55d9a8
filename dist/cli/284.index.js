export const id = 284;
export const ids = [284];
export const modules = {

/***/ 1715:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPreviewCommand: () => (/* binding */ runPreviewCommand)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3026);
/* harmony import */ var _preview_flow_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3346);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8055);
/* harmony import */ var _flow_command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1902);




const SUBCOMMANDS = ['up', 'down', 'list', 'reap'];
/**
 * `slipway preview up|down|list|reap [--input value …]`: the subcommand is the action's `command`
 * input, so the flags, slipway.yml's `preview:` section, help and cancel handling are the ones
 * every flow command has (flow-command.ts).
 */
async function runPreviewCommand(args, log) {
    const json = args.includes('--json');
    const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
    const [sub, ...rest] = args;
    try {
        if (sub !== undefined && (0,_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .asksForHelp */ .BO)([sub]))
            return await (0,_flow_command_js__WEBPACK_IMPORTED_MODULE_1__/* .runFlowCommand */ .H_)(_preview_flow_js__WEBPACK_IMPORTED_MODULE_2__/* .previewFlow */ .R, args, log, { json, stdout: process.stdout });
        if (!sub || !SUBCOMMANDS.includes(sub)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`preview ${sub ?? ''}`.trim(), 'needs a subcommand first', `Run slipway preview ${SUBCOMMANDS.join('|')} --pr N …`);
        }
        return await (0,_flow_command_js__WEBPACK_IMPORTED_MODULE_1__/* .runFlowCommand */ .H_)(_preview_flow_js__WEBPACK_IMPORTED_MODULE_2__/* .previewFlow */ .R, ['--command', sub, ...rest], log, { json, stdout: process.stdout });
    }
    catch (error) {
        const message = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .formatError */ .Wk)(error, debug);
        if (json)
            process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
        log.error(message);
        return error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz ? 2 : 1;
    }
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


/***/ })

};
