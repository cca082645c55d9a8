import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 5193:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _platform_actions_edge_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9457);
/* harmony import */ var _preview_flow_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8089);
// The preview action: inputs → the preview flow (up, down, list, reap) → outputs and summary.


await (0,_platform_actions_edge_js__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(_preview_flow_js__WEBPACK_IMPORTED_MODULE_1__/* .previewFlow */ .R);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 9764:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   nZ: () => (/* binding */ shellJoin),
/* harmony export */   vL: () => (/* binding */ describeCommand)
/* harmony export */ });
/* unused harmony export shellQuote */
/** How a command prints in logs and errors: arguments quoted so `["a b"]` differs from `["a","b"]`. */
function describeCommand(spec) {
    return [spec.file, ...spec.args].map(quoteForDisplay).join(' ');
}
function quoteForDisplay(word) {
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/** Quote one word for a POSIX shell (the remote side of ssh always gets a shell). */
function shellQuote(word) {
    if (word === '')
        return "''";
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/** Join an argument array into one remote command line, each word quoted. */
function shellJoin(words) {
    return words.map(shellQuote).join(' ');
}


/***/ }),

/***/ 3026:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ SlipwayError),
/* harmony export */   Wk: () => (/* binding */ formatError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   yI: () => (/* binding */ ProcessError)
/* harmony export */ });
/* unused harmony export lastLines */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3092);

/**
 * An error a user can act on: what is wrong, where, and how to fix it.
 * The message is redacted when it is built, so no secret survives into it.
 */
class SlipwayError extends Error {
    fix;
    constructor(message, options = {}) {
        super((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(options.fix ? `${message}. ${options.fix}` : message), { cause: options.cause });
        this.name = 'SlipwayError';
        this.fix = options.fix ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(options.fix) : undefined;
    }
}
/** Bad input, raised before any side effect. Reads `<input>: <what> (found X, expected Y). <fix>`. */
class InputError extends SlipwayError {
    input;
    constructor(input, problem, fix) {
        super(`${input}: ${problem}`, { fix });
        this.name = 'InputError';
        this.input = input;
    }
}
/** A process failed: carries the redacted command, the exit code and the last stderr lines. */
class ProcessError extends SlipwayError {
    command;
    exitCode;
    stderrTail;
    timedOut;
    constructor(args) {
        const tail = lastLines((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.stderr), 8);
        const what = args.timedOut ? 'timed out' : `exited with code ${args.exitCode}`;
        super(`\`${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.command)}\` ${what}${tail ? `:\n${tail}` : ''}`, { fix: args.hint });
        this.name = 'ProcessError';
        this.command = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.command);
        this.exitCode = args.exitCode;
        this.stderrTail = tail;
        this.timedOut = args.timedOut ?? false;
    }
}
function lastLines(text, count) {
    return text.trimEnd().split('\n').slice(-count).join('\n');
}
/** One line (or a few) for the user; the stack only when debugging. */
function formatError(error, debug = false) {
    if (error instanceof SlipwayError) {
        return debug && error.stack ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(error.stack) : error.message;
    }
    if (error instanceof Error) {
        // An unexpected error: its stack is what a bug report needs, but only on request.
        return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(debug && error.stack ? error.stack : `${error.name}: ${error.message}`);
    }
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(String(error));
}


/***/ }),

/***/ 8929:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ onLeftoversChanged),
/* harmony export */   ZF: () => (/* binding */ openLeftovers),
/* harmony export */   vy: () => (/* binding */ recordLeftover),
/* harmony export */   yK: () => (/* binding */ runIdentity)
/* harmony export */ });
const open = new Map();
const listeners = new Set();
let nextId = 1;
function notify() {
    const all = openLeftovers();
    for (const listener of listeners)
        listener(all);
}
/** Records `item`; call the returned function once it is gone (idempotent). */
function recordLeftover(item) {
    const id = nextId++;
    open.set(id, item);
    notify();
    return () => {
        if (open.delete(id))
            notify();
    };
}
function openLeftovers() {
    return [...open.values()];
}
function onLeftoversChanged(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}
/**
 * Who holds a lock, stable for the whole run and readable by its post step:
 * `github-run:<id>.<attempt>` on a runner, `pid:<pid>@<machine>` elsewhere.
 */
function runIdentity(env, machine, pid = process.pid) {
    if (env.GITHUB_RUN_ID)
        return `run:${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT || '1'}`;
    return `pid:${pid}@${machine}`;
}


/***/ }),

/***/ 5491:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UJ: () => (/* binding */ inertText)
/* harmony export */ });
/* unused harmony exports MemoryLogger, ConsoleLogger, locate, silentLogger */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);


/** A logger that keeps every (redacted) line; for tests and for `--json` runs. */
class MemoryLogger {
    lines = [];
    info(message) { this.lines.push(redact(message)); }
    warn(message) { this.lines.push(`warning: ${redact(message)}`); }
    error(message) { this.lines.push(`error: ${redact(message)}`); }
    debug(message) { this.lines.push(`debug: ${redact(message)}`); }
    async group(title, body) {
        this.lines.push(`## ${redact(title)}`);
        return body();
    }
    text() { return this.lines.join('\n'); }
}
/** A line a runner would read as a workflow command (`::error::`, `::add-mask::`, the old `##[…]` form), leading blanks allowed. */
const WORKFLOW_COMMAND_LINE = /^[ \t]*(::|##\[)/m;
/**
 * Text about to be printed where a runner parses workflow commands. Any line of
 * it could come from outside (a remote host's output, an app's response), so a
 * message holding a command-looking line is wrapped in a `stop-commands` block
 * with a fresh random token, which GitHub's and Forgejo's runners both honour:
 * the text shows as written and runs nothing.
 */
function inertText(text) {
    if (!WORKFLOW_COMMAND_LINE.test(text) || isOwnBlock(text))
        return text;
    const token = `slipway-${node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes(16).toString('hex')}`;
    issuedTokens.add(token);
    return `::stop-commands::${token}\n${text}\n::${token}::`;
}
/** Tokens this process made: only a block it wrapped itself is passed through unwrapped again (a summary printed to the log). */
const issuedTokens = new Set();
function isOwnBlock(text) {
    const token = /^::stop-commands::(slipway-[0-9a-f]{32})\n/.exec(text)?.[1];
    return token !== undefined && issuedTokens.has(token) && text.endsWith(`\n::${token}::`) && text.split(token).length === 3;
}
/** Plain console output, used by the CLI and by Forgejo (which shows no annotations). */
class ConsoleLogger {
    options;
    constructor(options = {}) {
        this.options = options;
    }
    write(text) {
        (this.options.stream ?? process.stderr).write(`${inertText(`${this.options.prefix ?? ''}${redact(text)}`)}\n`);
    }
    info(message) { this.write(message); }
    warn(message, where) { this.write(`warning: ${locate(where)}${message}`); }
    error(message, where) { this.write(`error: ${locate(where)}${message}`); }
    debug(message) { if (this.options.debug)
        this.write(`debug: ${message}`); }
    async group(title, body) {
        this.write(`▸ ${title}`);
        return body();
    }
}
function locate(where) {
    if (!where?.file)
        return '';
    return where.line ? `${where.file}:${where.line}: ` : `${where.file}: `;
}
const silentLogger = {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    group: (_title, body) => body(),
};


/***/ }),

/***/ 2738:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   PE: () => (/* binding */ NO_RETRY),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony export NETWORK_RETRY */
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const NETWORK_RETRY = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 60_000 };
function backoffDelay(policy, attempt, random = Math.random) {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter on the upper half keeps parallel runners from retrying in lockstep.
    return Math.round(exponential / 2 + (random() * exponential) / 2);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


/***/ }),

/***/ 3092:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AF: () => (/* binding */ onSecretRegistered),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   fy: () => (/* binding */ registerSecretPieces)
/* harmony export */ });
/* unused harmony exports REDACTED, isRegisteredSecret, clearSecretsForTest */
// Every secret value the process knows about is registered here once; every
// path that prints or throws text (logger, runner, error formatting) redacts
// through `redact`, so a secret cannot reach a log even through a tool's echo.
const registered = new Set();
const listeners = [];
/** Secrets shorter than this are not redacted: masking "1" would mangle every log. */
const MIN_SECRET_LENGTH = 4;
const REDACTED = '***';
function registerSecret(value) {
    if (!value || value.length < MIN_SECRET_LENGTH)
        return;
    const forms = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
    // Multi-line secrets (keys) are also masked line by line, as a tool may print one line.
    for (const line of value.split(/\r?\n/))
        if (line.trim().length >= 8)
            forms.push(line.trim());
    for (const form of forms) {
        if (registered.has(form))
            continue;
        registered.add(form);
        for (const listener of listeners)
            listener(form);
    }
}
/** A piece shorter than this is a word ("Bearer", "token"), not a fragment of a credential worth masking. */
const MIN_PIECE_LENGTH = 8;
/**
 * A secret value whose parts could be printed on their own (a header value
 * `Bearer ab,cd…`, a comma-separated token list): the whole value, each line,
 * and each piece between commas, semicolons or spaces are registered.
 */
function registerSecretPieces(value) {
    if (!value)
        return;
    registerSecret(value);
    registerSecret(value.trim());
    for (const piece of value.split(/[\s,;]+/))
        if (piece.length >= MIN_PIECE_LENGTH)
            registerSecret(piece);
}
/** Lets an edge mirror registrations (the Actions edge calls core.setSecret). */
function onSecretRegistered(listener) {
    listeners.push(listener);
    for (const value of registered)
        listener(value);
}
function redact(text) {
    if (registered.size === 0 || !text)
        return text;
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...registered].sort((a, b) => b.length - a.length)) {
        if (out.includes(secret))
            out = out.split(secret).join(REDACTED);
    }
    return out;
}
function isRegisteredSecret(value) {
    return registered.has(value);
}
/** For tests only. */
function clearSecretsForTest() {
    registered.clear();
}


/***/ }),

/***/ 1253:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   S5: () => (/* binding */ renderText)
/* harmony export */ });
/* unused harmony export escapeHtml */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5491);

class Summary {
    blocks = [];
    heading(text) { this.blocks.push({ kind: 'heading', text }); return this; }
    text(text) { this.blocks.push({ kind: 'text', text }); return this; }
    table(headers, rows) { this.blocks.push({ kind: 'table', headers, rows }); return this; }
    list(items) { this.blocks.push({ kind: 'list', items }); return this; }
    append(other) { this.blocks.push(...other.blocks); return this; }
}
/** Text from outside (a response, a host's output) reaches the summary as text: no HTML of its own. */
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeCell = (cell) => escapeHtml(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
function renderMarkdown(summary) {
    return summary.blocks
        .map((block) => {
        switch (block.kind) {
            case 'heading': return `### ${escapeHtml(block.text)}`;
            case 'text': return escapeHtml(block.text);
            case 'list': return block.items.map((item) => `- ${escapeHtml(item)}`).join('\n');
            case 'table': return [
                `| ${block.headers.map(escapeCell).join(' | ')} |`,
                `| ${block.headers.map(() => '---').join(' | ')} |`,
                ...block.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
            ].join('\n');
        }
    })
        .join('\n\n') + '\n';
}
/** Plain text for logs and terminals: markdown code ticks dropped. */
function renderText(summary) {
    // Printed to a terminal or a job log, where a cell starting with `::` would be a workflow command.
    const text = renderTextBlocks(summary).replace(/`/g, '').replace(/\n$/, '');
    return `${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .UJ)(text)}\n`;
}
function renderTextBlocks(summary) {
    return summary.blocks
        .map((block) => {
        switch (block.kind) {
            case 'heading': return `== ${block.text} ==`;
            case 'text': return block.text;
            case 'list': return block.items.map((item) => `  - ${item}`).join('\n');
            case 'table': {
                const all = [block.headers, ...block.rows];
                const widths = block.headers.map((_, i) => Math.min(60, Math.max(...all.map((r) => (r[i] ?? '').length))));
                const line = (row) => row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd();
                return [line(block.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...block.rows.map(line)].join('\n');
            }
        }
    })
        .join('\n') + '\n';
}


/***/ }),

/***/ 5131:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JK: () => (/* binding */ lockDir),
/* harmony export */   Pn: () => (/* binding */ stateDir),
/* harmony export */   _k: () => (/* binding */ appendDeployLog),
/* harmony export */   bI: () => (/* binding */ formatDeployLogLine),
/* harmony export */   vZ: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* unused harmony exports deployLogPath, hostPathsOf, hostFiles, writeAtomicWords, readOrEmptyWords, readOrEmpty, readStateFile, parseStateText, stateText, writeStateFile */
/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
const stateDir = (appDir) => `${appDir}/.slipway`;
const lockDir = (appDir) => `${stateDir(appDir)}/lock`;
const deployLogPath = (appDir) => `${stateDir(appDir)}/deploy.log`;
/**
 * Where a host's lock and deploy log are: Slipway's own under `.slipway/` (the lock a directory),
 * or the team's paths (the lock then a file, so the team's `cat`/`rm -f` and checks keep working).
 */
function hostPathsOf(appDir, conventions = {}) {
    return {
        lock: conventions.lockFile ? `${appDir}/${conventions.lockFile}` : lockDir(appDir),
        lockIsFile: conventions.lockFile !== undefined,
        deployLog: conventions.deployLog ? `${appDir}/${conventions.deployLog}` : deployLogPath(appDir),
    };
}
/** Every other file Slipway keeps under `<app-dir>/.slipway/`, named in this one place (deploy, dry run and status read them). */
const hostFiles = {
    /** The compose strategy's state and image override, per project (`default` when none is set) and service. */
    composeBase: (appDir, project, service) => `${stateDir(appDir)}/compose-${project ?? 'default'}-${service}`,
    /** The zero-downtime switch record of a compose project's service. */
    switchState: (appDir, projectName, service) => `${stateDir(appDir)}/zero-downtime-${projectName}-${service}.state`,
    /** One zero-downtime copy's override (`<project>-blue` / `-green`). */
    slotOverride: (appDir, slotProject) => `${stateDir(appDir)}/${slotProject}.override.json`,
    /** The release strategy's record of versions of releases Slipway did not make. */
    releaseState: (appDir) => `${stateDir(appDir)}/release.state`,
};
/**
 * One line per deploy or rollback, a stable format (docs/ssh-deploy.md): tab-separated fields,
 * `<ISO time>`, `<action>`, `<strategy>`, then `version=`, `previous=`, `result=`, `by=` in that
 * order (more `key=value` fields may follow later). Tabs and newlines inside values are flattened.
 */
function formatDeployLogLine(entry) {
    const clean = (value) => value.replace(/[\t\r\n]+/g, ' ');
    return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
        `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}
/** Appends the entry to `.slipway/deploy.log`, or to `logPath` (the team's deploy-log). */
async function appendDeployLog(session, appDir, entry, logPath = deployLogPath(appDir)) {
    await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', logPath, formatDeployLogLine(entry)], { label: `ssh ${session.target.host}: append to deploy log` });
}
/**
 * The words that write stdin to `file` on the host atomically (temp file + rename, directory made
 * first), so a cut connection leaves the old or the new file. `name` is the shell's `$0` (seen in ps).
 */
function writeAtomicWords(file, name = 'slipway-write', options = {}) {
    // keepMode: the temp file starts as a copy of the old one (its mode and owner), or 0600 when there was none: a user's env file holds secrets.
    const prepare = options.keepMode ? 'umask 077; mkdir -p "$(dirname "$1")" && { [ ! -e "$1" ] || cp -p -- "$1" "$1.tmp"; }' : 'mkdir -p "$(dirname "$1")"';
    return ['sh', '-c', `${prepare} && cat > "$1.tmp" && mv -f "$1.tmp" "$1"`, name, file];
}
/** The words that print `file` on the host, or nothing when it does not exist. */
function readOrEmptyWords(file, name = 'slipway-read') {
    return ['sh', '-c', 'cat "$1" 2>/dev/null || true', name, file];
}
/** Writes `text` to `file` on the host atomically (writeAtomicWords). */
async function writeAtomic(session, file, text, options = {}) {
    await session.exec(writeAtomicWords(file, options.name, { keepMode: options.keepMode }), { stdin: text, label: options.label });
}
/** The text of `file` on the host; '' when it does not exist. */
async function readOrEmpty(session, file, name) {
    return (await session.exec(readOrEmptyWords(file, name))).stdout;
}
/** Reads `KEY=value` lines of a state file on the host; missing file → empty. */
async function readStateFile(session, file) {
    return parseStateText(await readOrEmpty(session, file, 'slipway-state'));
}
/** The `KEY=value` lines of a state file's text (what readStateFile reads), for a caller that fetched the text itself. */
function parseStateText(text) {
    const state = {};
    for (const line of text.split('\n')) {
        const index = line.indexOf('=');
        if (index > 0)
            state[line.slice(0, index)] = line.slice(index + 1);
    }
    return state;
}
/** A state file's text as writeStateFile writes it (one `KEY=value` line each, newlines in values flattened). */
function stateText(state) {
    return Object.entries(state).map(([key, value]) => `${key}=${value.replace(/\n/g, ' ')}\n`).join('');
}
/** Writes a state file atomically (temp file + rename), so a cut connection leaves the old or the new one. */
async function writeStateFile(session, file, state) {
    await writeAtomic(session, file, stateText(state), { name: 'slipway-state' });
}


/***/ }),

/***/ 4749:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  IZ: () => (/* binding */ acquireLock),
  ky: () => (/* binding */ releaseLockWords)
});

// UNUSED EXPORTS: ForeignLockError, LOCK_FILE_MARK, LockHeldError, RELEASE_LOCK_SCRIPT, acquireLockAndLook

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
;// CONCATENATED MODULE: ./build/src/core/cancel.js

/**
 * A cancel (SIGINT/SIGTERM from a runner or a terminal) reaches flows as an
 * aborted `FlowContext.signal`. A flow that sees it starts no new step: the
 * step in flight finishes, the host is brought to the old or the new version,
 * and the flow's own cleanup runs. This error stops a flow at a step boundary.
 */
class CancelledError extends errors/* SlipwayError */.GQ {
    step;
    constructor(step) {
        super(`cancelled before ${step}`);
        this.step = step;
        this.name = 'CancelledError';
    }
}
const isCancelled = (signal) => signal?.aborted === true;
/** Throws CancelledError naming the step that will not start. */
function throwIfCancelled(signal, step) {
    if (signal?.aborted)
        throw new CancelledError(step);
}
/** Resolves with `work`, or with `onAbort()` as soon as the signal aborts (the work is left to finish on its own). */
function untilCancelled(work, signal, onAbort) {
    if (!signal)
        return work;
    if (signal.aborted) {
        work.catch(() => undefined);
        return Promise.resolve(onAbort());
    }
    return new Promise((resolve, reject) => {
        const abort = () => {
            work.catch(() => undefined);
            resolve(onAbort());
        };
        signal.addEventListener('abort', abort, { once: true });
        work.then((value) => { signal.removeEventListener('abort', abort); resolve(value); }, (error) => { signal.removeEventListener('abort', abort); reject(error); });
    });
}

// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __nccwpck_require__(8929);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __nccwpck_require__(2738);
// EXTERNAL MODULE: ./build/src/deploy/host-state.js
var host_state = __nccwpck_require__(5131);
;// CONCATENATED MODULE: ./build/src/deploy/lock.js





/** The lock file exists and Slipway did not write it: the team's own deploy (or a leftover of it) holds the host. */
class ForeignLockError extends errors/* SlipwayError */.GQ {
    host;
    lockPath;
    constructor(host, lockPath) {
        super(`${host}: ${lockPath} exists and was not written by Slipway, so another deploy (the team's script) holds this host; nothing was changed`, {
            fix: `Let that deploy finish; if none is running (cat ${lockPath} shows who took it), remove it on the host with rm -f ${lockPath} and deploy again`,
        });
        this.host = host;
        this.lockPath = lockPath;
        this.name = 'ForeignLockError';
    }
}
/** The first line of a lock file Slipway writes; the holder line follows. */
const LOCK_FILE_MARK = 'slipway-lock';
/**
 * A lock file: written whole beside the path, then hard-linked onto it (`ln -T` fails when the path
 * exists, atomically, whatever is there). Exit 0: taken; 3: Slipway's, held (age, holder printed);
 * 4: not Slipway's (a directory, or a file without the mark).
 */
const ACQUIRE_FILE = [
    `foreign() { [ -d "$1" ] || [ "$(head -n 1 "$1" 2>/dev/null)" != "${LOCK_FILE_MARK}" ]; }`,
    // Refused before anything is written, not even the temp file.
    'if [ -e "$1" ] && foreign "$1"; then exit 4; fi',
    'mkdir -p "$(dirname "$1")"',
    'tmp="$1.slipway-$$"',
    `printf "${LOCK_FILE_MARK}\\n%s\\n" "$2" > "$tmp" || exit 1`,
    'if ln -T "$tmp" "$1" 2>/dev/null; then rm -f "$tmp"; exit 0; fi',
    'rm -f "$tmp"',
    'if [ ! -e "$1" ]; then echo "could not link the lock file into place" >&2; exit 1; fi',
    'if foreign "$1"; then exit 4; fi',
    'age=$(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) ))',
    'printf "%s\\n%s\\n" "$age" "$(tail -n +2 "$1")"',
    'exit 3',
].join('\n');
class LockHeldError extends errors/* SlipwayError */.GQ {
    host;
    holder;
    ageSeconds;
    constructor(host, holder, ageSeconds, waitedMs, lockPath = 'app-dir/.slipway/lock') {
        super(`${host}: another deploy holds the lock (held by ${holder} for ${ageSeconds} s); gave up after waiting ${Math.round(waitedMs / 1000)} s`, {
            fix: `Wait for it to finish, raise lock-timeout, or, if that deploy is dead, lower lock-stale-after or remove the lock directory ${lockPath} on the host`,
        });
        this.host = host;
        this.holder = holder;
        this.ageSeconds = ageSeconds;
        this.name = 'LockHeldError';
    }
}
/** Exit 0: taken. Exit 3: held; prints the holder line and the lock's age in seconds. mkdir is atomic. */
const ACQUIRE = [
    'mkdir -p "$(dirname "$1")"',
    'if mkdir "$1" 2>/dev/null; then printf "%s\\n" "$2" > "$1/holder"; exit 0; fi',
    'holder=$(cat "$1/holder" 2>/dev/null || echo unknown)',
    'age=$(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) ))',
    'printf "%s\\n%s\\n" "$age" "$holder"',
    'exit 3',
].join('\n');
/** The holder text of the lock at `$1`, a directory (`holder` file) or a Slipway lock file (its lines after the mark); empty otherwise. */
const HOLDER_OF = `holder_of() { if [ -d "$1" ]; then cat "$1/holder" 2>/dev/null; elif [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ]; then tail -n +2 "$1"; fi; }`;
/** Removes the lock (directory or file) only if we still hold it (a broken-and-retaken lock is someone else's, a team's file never ours). Exit 0: released; 3: not ours (or gone). */
const RELEASE_LOCK_SCRIPT = `${HOLDER_OF}; if [ "$(holder_of "$1")" = "$2" ]; then rm -rf "$1"; else exit 3; fi`;
/** Remote words that release the lock in `lockDir` only while its holder line is `token`. */
function releaseLockWords(lockDir, token) {
    return ['sh', '-c', RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}
/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';
/** The same for a lock file: only while it is still Slipway's with that holder. */
const BREAK_FILE = `${HOLDER_OF}; if [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ] && [ "$(holder_of "$1")" = "$2" ]; then rm -f "$1"; fi`;
/** The last lines of a closing round trip, after the step's own output (the step cannot print past them). */
const CLOSED = 'slipway-closed';
const TRAILER = [new RegExp(`^${CLOSED} (\\d+)$`), /^log (\d+) ?(.*)$/, /^unlock (\d+)$/];
/**
 * `$1` log, `$2` line, `$3` the line when the step fails, `$4` lock, `$5` token, then a closing
 * step's arguments (its stdin is the round trip's). The step runs first (its stdout passed on), then
 * the log line, then the release as RELEASE_LOCK_SCRIPT; the last three stdout lines are
 * `slipway-closed <the step's exit>`, `log <exit> <what it said, on one line>` and `unlock <exit>`.
 */
function closeScript(closing) {
    return [
        'log="$1"; line="$2"; failed="$3"; lock="$4"; token="$5"; shift 5',
        ...(closing ? [`( ${closing}\n); closed=$?`, '[ "$closed" -eq 0 ] || line="$failed"'] : ['closed=0']),
        `printf "\\n${CLOSED} %s\\n" "$closed"`,
        'said=$( { mkdir -p "$(dirname "$log")" && printf "%s\\n" "$line" >> "$log"; } 2>&1 ); status=$?',
        'printf "log %s %s\\n" "$status" "$(printf "%s" "$said" | tr "\\n" " ")"',
        `( set -- "$lock" "$token"; ${RELEASE_LOCK_SCRIPT} ); printf "unlock %s\\n" "$?"`,
    ].join('\n');
}
/** The line after a look's own output in the lock's round trip: the look's exit status. */
const LOOKED = 'slipway-looked';
/**
 * The lock's round trip: `$3` (app-dir) must be a directory (exit 5, nothing written), or with
 * create-app-dir is made (`mkdir -p`, exit 6 when it cannot be), then the lock as ACQUIRE /
 * ACQUIRE_FILE (`$1`, `$2`; exit 3 held, 4 foreign), then, once it is taken, the look script (if
 * any) on the arguments after the third, followed by the line `slipway-looked <its exit>`. Exit 0
 * from the lock on: the lock is held whatever the look did, so the caller always gets it to release.
 */
function lockEntryScript(asFile, entry) {
    return [
        entry.createAppDir ? 'mkdir -p -- "$3" || exit 6' : '[ -d "$3" ] || exit 5',
        `( ${asFile ? ACQUIRE_FILE : ACQUIRE}\n) || exit $?`,
        ...(entry.look ? ['shift 3', `( ${entry.look.script}\n); printf "\\n${LOOKED} %s\\n" "$?"`] : []),
        'exit 0',
    ].join('\n');
}
/** The separate look's output and exit status, from the lock round trip's stdout. */
function splitLooked(stdout, stderr) {
    const at = stdout.lastIndexOf(`\n${LOOKED} `);
    const exit = at < 0 ? undefined : /^(\d+)\n?$/.exec(stdout.slice(at + LOOKED.length + 2));
    if (!exit)
        return { looked: stdout, lookFailed: `was cut short (${stderr.trim().slice(0, 200) || 'no error output'})` };
    const looked = stdout.slice(0, at);
    return exit[1] === '0' ? { looked } : { looked, lookFailed: `failed with exit ${exit[1]} (${stderr.trim().slice(0, 200) || 'no error output'})` };
}
/**
 * The fleet's lock in one round trip: app-dir checked (or made), the lock taken and, once it is, the
 * strategy's look; resolves with the lock and what the look printed.
 */
async function acquireLockAndLook(session, appDir, options, log, entry) {
    let taken = {};
    const lock = await holdLock(session, appDir, options, log, {
        script: (asFile) => lockEntryScript(asFile, entry),
        args: [appDir, ...(entry.look?.args ?? [])],
        label: `${entry.createAppDir ? 'create app-dir' : 'check app-dir'}, take deploy lock${entry.look ? ', look at the host' : ''}`,
        taken: (stdout, stderr) => { if (entry.look)
            taken = splitLooked(stdout, stderr); },
        refused: (exitCode, stderr) => {
            if (exitCode === 5)
                return entry.missingAppDir();
            if (exitCode === 6)
                return new SlipwayError(`${session.name}: could not create app-dir ${appDir} (${stderr.trim().slice(0, 200)})`, { fix: 'Check the SSH user can write to its parent directory, or create app-dir on the host' });
            return undefined;
        },
    });
    return { lock, ...taken };
}
async function acquireLock(session, appDir, options, log) {
    return holdLock(session, appDir, options, log);
}
async function holdLock(session, appDir, options, log, attempt) {
    const dir = options.lockPath ?? (0,host_state/* lockDir */.JK)(appDir);
    const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
    // Recorded before the first attempt (once, not per poll): a run killed as mkdir succeeds still tells its
    // post step, which releases the lock only if it reads this token (so a wait that never got it is harmless).
    const settle = (0,leftovers/* recordLeftover */.vy)({
        kind: 'lock', host: session.target.host, port: session.target.port, user: session.target.user, sessionDir: session.localDir,
        appDir, lockDir: dir, ...(options.deployLog ? { deployLog: options.deployLog } : {}), token, runId: options.runId, strategy: options.strategy ?? '', version: options.version ?? '',
    });
    try {
        await takeLock(session, dir, token, options, log, attempt);
    }
    catch (error) {
        settle();
        throw error;
    }
    return {
        release: async () => {
            const released = await session.exec(releaseLockWords(dir, token), { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
            // Exit 3: no longer ours (broken as stale and retaken): nothing of ours is left to release either.
            if (released.exitCode === 0 || released.exitCode === 3)
                settle();
        },
        finish: async (entry, logPath, closing, failedEntry) => {
            const line = (0,host_state/* formatDeployLogLine */.bI)(entry);
            const result = await session.exec(['sh', '-c', closeScript(closing?.script), 'slipway-close', logPath, line, failedEntry ? (0,host_state/* formatDeployLogLine */.bI)(failedEntry) : line, dir, token, ...(closing?.args ?? [])], {
                allowFailure: true, label: `ssh ${session.target.host}: ${closing ? 'closing step, ' : ''}append to deploy log, release deploy lock`, ...(closing?.stdin !== undefined ? { stdin: closing.stdin } : {}),
            });
            // The trailer starts on a line of its own, after everything the step printed (which cannot print past it).
            const at = result.stdout.lastIndexOf(`\n${CLOSED} `);
            const [closed, logged, unlocked] = at < 0 ? [] : result.stdout.slice(at + 1).replace(/\n$/, '').split('\n').map((text, i) => TRAILER[i]?.exec(text) ?? undefined);
            if (unlocked && (unlocked[1] === '0' || unlocked[1] === '3'))
                settle();
            // Without the whole trailer (a cut connection, a shell that failed early), every part counts as not done.
            const answered = closed && logged && unlocked ? { closed, logged } : undefined;
            const closingError = closing?.settle(answered ? result.stdout.slice(0, at) : '', answered ? Number(answered.closed[1]) : result.exitCode || 1) ?? undefined;
            if (!answered)
                throw new errors/* SlipwayError */.GQ(`${session.name}: the deploy log and the lock release did not answer (exit ${result.exitCode}: ${result.stderr.trim().slice(0, 200)})`, { cause: closingError });
            const { logged: log } = answered;
            return { ...(log[1] === '0' ? {} : { logError: log[2]?.trim() || `exit ${log[1]}` }), ...(closingError ? { closingError } : {}) };
        },
    };
}
async function takeLock(session, dir, token, options, log, attempt) {
    const started = Date.now();
    let announced = false;
    for (;;) {
        throwIfCancelled(options.signal, `taking the deploy lock on ${session.name}`);
        const asFile = options.lockPath !== undefined;
        const script = attempt ? attempt.script(asFile) : asFile ? ACQUIRE_FILE : ACQUIRE;
        const result = await session.exec(['sh', '-c', script, 'slipway-lock', dir, token, ...(attempt?.args ?? [])], { allowFailure: true, label: `ssh ${session.target.host}: ${attempt?.label ?? 'take deploy lock'}` });
        if (result.exitCode === 0) {
            attempt?.taken(result.stdout, result.stderr);
            return;
        }
        const refused = attempt?.refused(result.exitCode, result.stderr);
        if (refused)
            throw refused;
        if (asFile && result.exitCode === 4)
            throw new ForeignLockError(session.name, dir);
        if (result.exitCode !== 3)
            throw new errors/* SlipwayError */.GQ(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
        const [ageText = '0', ...holderLines] = result.stdout.trim().split('\n');
        const holder = holderLines.join(' ').trim() || 'unknown';
        const ageSeconds = Number(ageText) || 0;
        if (ageSeconds * 1000 >= options.staleAfterMs) {
            log.warn(`${session.name}: breaking a stale deploy lock held by ${holder} for ${ageSeconds} s (lock-stale-after is ${Math.round(options.staleAfterMs / 1000)} s)`);
            await session.exec(['sh', '-c', asFile ? BREAK_FILE : BREAK, 'slipway-break-lock', dir, holder], { label: `ssh ${session.target.host}: break stale lock` });
            continue;
        }
        const waited = Date.now() - started;
        if (waited >= options.waitMs)
            throw new LockHeldError(session.name, holder, ageSeconds, waited, dir);
        if (!announced)
            log.info(`${session.name}: waiting for the deploy lock held by ${holder}`);
        announced = true;
        await (0,retry/* sleep */.yy)(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
    }
}


/***/ }),

/***/ 9457:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Cs: () => (/* binding */ runAction)
});

// UNUSED EXPORTS: ActionsCache, ActionsLogger, ConsoleLogger, actionInputSource, runnerNamesCacheService, writeSummary

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./build/src/platform/workflow-commands.js
// The runner protocol an action main speaks (GitHub's workflow commands and environment files, which Forgejo
// reads the same way), written here instead of importing @actions/core: that package loads @actions/http-client
// and undici at import (for OIDC tokens we never ask for), about 0.9 MB of a 2 MB bundle that every step would
// parse before reading its first input.



/** A command's text as the runner reads it: `%`, CR and LF are escaped so a message cannot end its own line. */
const escapeData = (value) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value also escapes the separators of the property list. */
const escapeProperty = (value) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
/**
 * `::name key=value,…::message` on stdout; unset properties are left out. A property list whose values are
 * all unset still leaves its space (`::warning ::text`), as @actions/core prints it, so logs read as before.
 */
function issueCommand(name, message, properties = {}) {
    const listed = Object.entries(properties)
        .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
    const list = Object.keys(properties).length ? ` ${listed.join(',')}` : '';
    process.stdout.write(`::${name}${list}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** An input as the runner hands it over: INPUT_<NAME> (spaces to underscores, upper case), trimmed; '' when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** What the main step saved for the post step (STATE_<name>); '' when nothing was saved. */
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
/**
 * Appends `name<<delimiter … delimiter` to the environment file GITHUB_<FILE> names: the heredoc form takes
 * any value, multi-line included, and a random delimiter that the value cannot contain ends it.
 */
function appendKeyValue(file, name, value) {
    const target = process.env[`GITHUB_${file}`];
    if (!target || !external_node_fs_.existsSync(target))
        throw new Error(`the runner's GITHUB_${file} file ${target ? `'${target}' does not exist` : 'is not set'}`);
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`the ${file.toLowerCase()} '${name}' contains its own delimiter`);
    external_node_fs_.appendFileSync(target, `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`, 'utf8');
}
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT)
        return appendKeyValue('OUTPUT', name, value);
    // A runner without environment files reads the older command, on a line of its own.
    process.stdout.write(external_node_os_.EOL);
    issueCommand('set-output', value, { name });
}
function saveState(name, value) {
    if (process.env.GITHUB_STATE)
        return appendKeyValue('STATE', name, value);
    issueCommand('save-state', value, { name });
}
/** The runner masks this value in every later log line. */
function setSecret(value) {
    issueCommand('add-mask', value);
}
function info(message) {
    process.stdout.write(`${message}${external_node_os_.EOL}`);
}
function debug(message) {
    issueCommand('debug', message);
}
/** Step debug logging is on (a re-run with debug logging sets RUNNER_DEBUG=1). */
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function annotationProperties(where) {
    if (Object.keys(where).length === 0)
        return {};
    return { title: where.title, file: where.file, line: where.startLine, endLine: where.endLine, col: where.startColumn, endColumn: where.endColumn };
}
function warning(message, where = {}) {
    issueCommand('warning', message, annotationProperties(where));
}
function error(message, where = {}) {
    issueCommand('error', message, annotationProperties(where));
}
/** An error annotation, and the step fails (exit code 1) once the main returns. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** The body's log lines folded under `title`; the fold closes however the body ends. */
async function group(title, body) {
    issueCommand('group', title);
    try {
        return await body();
    }
    finally {
        issueCommand('endgroup', '');
    }
}
/** Appends markdown to the job summary (GITHUB_STEP_SUMMARY); earlier steps' parts stay. */
async function appendSummary(markdown) {
    const target = process.env.GITHUB_STEP_SUMMARY;
    if (!target)
        throw new Error('this runner gives no job summary file (GITHUB_STEP_SUMMARY is not set)');
    await external_node_fs_.promises.access(target, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
    await external_node_fs_.promises.appendFile(target, markdown, 'utf8');
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __nccwpck_require__(3092);
;// CONCATENATED MODULE: ./build/src/core/config/inputs.js




function mapInputSource(values, style = 'action', options = {}) {
    const unquoted = new Set(options.unquoted ?? []);
    return {
        get: (name) => values[name],
        describe: (name) => (style === 'cli' ? `--${name}` : `input '${name}'`),
        quotable: (name) => !unquoted.has(name),
    };
}
/** `(found 'text')` → `(found a value of N characters)`: the problem stays, the text does not. */
function withoutQuotedValues(problem) {
    return problem.replace(/\(found '([^]*?)'(?=[,)])/g, (_all, found) => `(found a value of ${found.length} characters`);
}
/** Node's timers take at most 2^31-1 ms (about 24.8 days); a longer delay fires at once. */
const MAX_DURATION_MS = 2_147_483_647;
/** Ten years: the longest age worth comparing with. */
const MAX_AGE_MS = 3650 * 86_400_000;
/** A count larger than this is a typo, never a plan. */
const MAX_COUNT = 1_000_000_000;
/** C0 controls, DEL and C1 controls except tab, line feed and carriage return (multi-line inputs). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Names a shell and `docker -e` accept as environment variable names. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Every value is screened as it is read, whichever accessor (or `source.get`)
 * reads it: a NUL or an escape sequence is refused by position, never quoted,
 * since the value may be a secret.
 */
function screened(source) {
    return {
        describe: (name) => source.describe(name),
        quotable: (name) => source.quotable?.(name) ?? true,
        get: (name) => {
            const value = source.get(name);
            if (value === undefined)
                return undefined;
            const match = CONTROL_CHARACTER.exec(value);
            if (match) {
                const code = match[0].charCodeAt(0).toString(16).padStart(4, '0');
                throw new errors/* InputError */.dz(source.describe(name), `contains a control character (U+${code.toUpperCase()} at position ${match.index + 1})`, 'Remove it: inputs are text, and NUL or escape characters would reach the tools Slipway runs.');
            }
            return value;
        },
    };
}
class Inputs {
    source;
    constructor(source) {
        this.source = screened(source);
    }
    raw(name) {
        const value = this.source.get(name);
        if (value === undefined)
            return undefined;
        const trimmed = value.trim();
        return trimmed === '' ? undefined : trimmed;
    }
    fail(name, problem, fix) {
        throw new errors/* InputError */.dz(this.source.describe(name), this.source.quotable?.(name) === false ? withoutQuotedValues(problem) : problem, fix);
    }
    optional(name) {
        return this.raw(name);
    }
    string(name, fallback) {
        return this.raw(name) ?? fallback;
    }
    required(name, fix) {
        const value = this.raw(name);
        if (value === undefined)
            this.fail(name, 'is required but was empty', fix ?? `Set ${this.source.describe(name)}.`);
        return value;
    }
    /**
     * A value that reaches a tool as a positional argument (a host, a user, a
     * container, a database): one line, and never starting with `-`, so no tool
     * can read it as an option.
     */
    argument(name, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        this.checkArgument(name, value);
        return value;
    }
    /** The same rule for one entry of a list input (`hosts`, `tags`). */
    checkArgument(name, value) {
        if (/[\r\n]/.test(value))
            this.fail(name, 'holds more than one line where one value is expected', 'Give one value on one line.');
        if (value.startsWith('-'))
            this.fail(name, `starts with '-', so the tool it is passed to would read it as an option (found '${value}')`, 'Remove the leading dash; options cannot be passed through this input.');
        return value;
    }
    /** A secret: registered for redaction the moment it is read. Never trimmed. */
    secret(name) {
        const value = this.source.get(name);
        if (!value)
            return undefined;
        (0,secrets/* registerSecret */.cl)(value);
        return value;
    }
    /**
     * A token sent in an HTTP header (an API token, a forge token): a secret, and one
     * word, since a space or line break would split the header or forge another one.
     * Every piece is masked before the refusal, which never quotes it.
     */
    token(name, fix = 'Paste the token alone, without a prefix such as Bearer, spaces or a trailing newline.') {
        const value = this.secret(name);
        if (value === undefined || value.trim() === '')
            return undefined;
        if (/\s/.test(value)) {
            (0,secrets/* registerSecretPieces */.fy)(value);
            this.fail(name, 'holds spaces or line breaks', fix);
        }
        return value;
    }
    boolean(name, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (/^(true|yes|on|1)$/i.test(value))
            return true;
        if (/^(false|no|off|0)$/i.test(value))
            return false;
        return this.fail(name, `is not a boolean (found '${clip(value)}', expected true or false)`);
    }
    integer(name, fallback, range = {}) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!/^-?\d+$/.test(value))
            this.fail(name, `is not a whole number (found '${clip(value)}')`);
        const parsed = Number(value);
        const max = range.max ?? MAX_COUNT;
        if (range.min !== undefined && parsed < range.min)
            this.fail(name, `is too small (found ${parsed}, expected at least ${range.min})`);
        if (!Number.isSafeInteger(parsed) || parsed > max)
            this.fail(name, `is too large (found ${clip(value)}, expected at most ${max})`);
        return parsed;
    }
    /**
     * A duration: `90`, `90s`, `5m`, `1h`, `2d`, `500ms`; returns milliseconds.
     * Bounded by what a timer can wait (`timer: false` for an age that is only
     * compared); `min: 1` where 0 would turn a limit off.
     */
    duration(name, fallbackMs, range = {}) {
        const value = this.raw(name);
        if (value === undefined)
            return fallbackMs;
        const ms = parseDuration(value);
        if (ms === undefined)
            this.fail(name, `is not a duration (found '${clip(value)}', expected e.g. 30s, 5m, 1h or 2d)`);
        // An age compared with timestamps (`max-age`) may be longer than any timer can wait.
        const max = range.timer === false ? range.max ?? MAX_AGE_MS : Math.min(range.max ?? MAX_DURATION_MS, MAX_DURATION_MS);
        if (ms > max)
            this.fail(name, `is too long (found '${value}', expected at most ${formatDuration(max)})`, range.timer === false ? 'Give a shorter duration.' : 'Give a shorter duration; timers cannot wait longer.');
        if (range.min !== undefined && ms < range.min) {
            this.fail(name, ms === 0 ? `is 0, which would turn this limit off (found '${value}')` : `is too short (found '${value}', expected at least ${formatDuration(range.min)})`, 'Give a positive duration such as 30s or 10m.');
        }
        return ms;
    }
    choice(name, choices, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!choices.includes(value)) {
            this.fail(name, `is not one of ${choices.join(', ')} (found '${clip(value)}')`);
        }
        return value;
    }
    /** Newline- or comma-separated list; blank entries and `#` comments dropped. */
    list(name) {
        const value = this.raw(name);
        if (value === undefined)
            return [];
        return splitList(value);
    }
    /**
     * `KEY=VALUE` lines. A secret input splits on lines only (a value may hold
     * commas) and its errors give the line number, never the line; every value,
     * and every piece of it a tool could print, is registered for masking first.
     * Other inputs also accept one line of comma-separated pairs.
     */
    keyValues(name, options = {}) {
        const raw = options.secret ? this.secret(name) : this.source.get(name);
        const result = {};
        if (raw === undefined || raw.trim() === '')
            return result;
        const lines = raw.split(/\r?\n/);
        const entries = options.secret || lines.length > 1
            ? lines.map((line, index) => ({ line: index + 1, text: line.trim() }))
            : raw.split(',').map((text, index) => ({ line: 0, entry: index + 1, text: text.trim() }));
        const where = (entry) => (entry.line || entries.length === 1 ? `line ${entry.line || 1}` : `entry ${entry.entry ?? 1}`);
        for (const entry of entries) {
            if (entry.text === '' || entry.text.startsWith('#'))
                continue;
            const index = entry.text.indexOf('=');
            const key = index > 0 ? entry.text.slice(0, index).trim() : '';
            if (options.secret)
                (0,secrets/* registerSecretPieces */.fy)(index >= 0 ? entry.text.slice(index + 1) : entry.text);
            if (!key)
                this.fail(name, `${where(entry)} has no KEY= before its value`, 'Write one KEY=VALUE per line.');
            const validKey = options.envNames ? ENV_NAME.test(key) : /^[^\s]+$/.test(key);
            if (!validKey) {
                const found = options.secret ? '' : ` (found '${clip(key)}')`;
                this.fail(name, `${where(entry)} has a key that is not ${options.envNames ? 'an environment variable name' : 'a name'}${found}`, options.envNames ? 'Keys are letters, digits and _, not starting with a digit.' : 'Write one KEY=VALUE per line.');
            }
            result[key] = entry.text.slice(index + 1);
        }
        return result;
    }
    /**
     * A path on the runner, resolved against `base` (the workspace) through its
     * symlinks. Relative paths must stay inside `base`; an absolute path is the
     * user asking for somewhere else and is taken as given.
     */
    localPath(name, base, options = {}) {
        const value = this.raw(name) ?? options.fallback;
        if (value === undefined)
            return undefined;
        if (/[\r\n]/.test(value))
            this.fail(name, 'holds more than one line where one path is expected');
        const resolved = resolveThroughLinks(external_node_path_.resolve(base, value));
        if (!external_node_path_.isAbsolute(value)) {
            const root = resolveThroughLinks(external_node_path_.resolve(base));
            if (resolved !== root && !resolved.startsWith(`${root}${external_node_path_.sep}`)) {
                this.fail(name, `points outside the workspace (found '${clip(value)}')`, 'Give a path inside the workspace, or an absolute path if you mean a place outside it.');
            }
        }
        if (options.mustExist) {
            let stat;
            try {
                stat = external_node_fs_.statSync(resolved);
            }
            catch {
                stat = undefined;
            }
            if (!stat)
                this.fail(name, `names a path that does not exist (found '${clip(value)}')`, 'Check the path (relative paths start at the workspace).');
            if (options.mustExist === 'file' && !stat.isFile())
                this.fail(name, `is not a file (found '${clip(value)}')`);
            if (options.mustExist === 'dir' && !stat.isDirectory())
                this.fail(name, `is not a directory (found '${clip(value)}')`);
            if (options.mustExist === 'any' && !stat.isFile() && !stat.isDirectory())
                this.fail(name, `is neither a file nor a directory (found '${clip(value)}')`);
        }
        return resolved;
    }
}
/** The real path of `target`, or of its deepest existing ancestor with the rest appended: a symlink is judged by where it leads. */
function resolveThroughLinks(target) {
    let existing = external_node_path_.resolve(target);
    const rest = [];
    for (;;) {
        try {
            return external_node_path_.join(external_node_fs_.realpathSync(existing), ...rest);
        }
        catch {
            const parent = external_node_path_.dirname(existing);
            if (parent === existing)
                return external_node_path_.join(existing, ...rest);
            rest.unshift(external_node_path_.basename(existing));
            existing = parent;
        }
    }
}
/** Values quoted in errors are shortened: an error is one readable line. */
function clip(value) {
    const line = value.split(/\r?\n/)[0] ?? '';
    return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
function formatDuration(ms) {
    if (ms >= 86_400_000)
        return `${Math.floor(ms / 86_400_000)}d`;
    if (ms >= 3_600_000)
        return `${Math.floor(ms / 3_600_000)}h`;
    if (ms >= 60_000)
        return `${Math.floor(ms / 60_000)}m`;
    if (ms >= 1000)
        return `${Math.floor(ms / 1000)}s`;
    return `${ms}ms`;
}
function splitList(value) {
    const separator = value.includes('\n') ? /\r?\n/ : /,/;
    return value
        .split(separator)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '' && !entry.startsWith('#'));
}
function parseDuration(value) {
    const match = /^(\d{1,12}(?:\.\d{1,6})?)\s*(ms|s|m|h|d)?$/i.exec(value.trim());
    if (!match)
        return undefined;
    const unit = (match[2] ?? 's').toLowerCase();
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
    return Math.round(Number(match[1]) * factor);
}

;// CONCATENATED MODULE: ./build/src/core/exit-guard.js
const STALLED_MESSAGE = (what) => `error: ${what} stopped before it had a result: it was waiting for something that can no longer answer. ` +
    'This is a bug in Slipway, not in your inputs: run again with --debug and report the last lines. Exit code 1.\n';
function runGuarded(command, options, proc = process) {
    let settled = false;
    return new Promise((resolve) => {
        const stalled = () => {
            proc.off('beforeExit', stalled);
            if (settled)
                return;
            settled = true;
            proc.exitCode = 1;
            proc.stderr.write(STALLED_MESSAGE(options.what));
            options.onStall?.(STALLED_MESSAGE(options.what).replace(/^error: /, '').trim());
            // Cleanup may start processes (ssh -O exit): the loop lives on until they end, then the process exits 1.
            Promise.resolve()
                .then(() => options.cleanup?.())
                .catch((error) => { proc.stderr.write(`error: cleanup after the stop failed: ${error.message}\n`); })
                .finally(() => { proc.exitCode = 1; resolve(1); });
        };
        proc.on('beforeExit', stalled);
        const finish = (code) => {
            if (settled)
                return;
            settled = true;
            proc.off('beforeExit', stalled);
            proc.exitCode = code;
            // A finished run has removed what it made; the cleanup then finds nothing, or what a bug left.
            Promise.resolve()
                .then(() => options.cleanup?.())
                .catch((error) => { proc.stderr.write(`warning: cleanup at exit failed: ${error.message}\n`); })
                .finally(() => resolve(code));
        };
        command().then(finish, (error) => {
            if (!settled)
                proc.stderr.write(`error: ${error?.message ?? String(error)}\n`);
            finish(1);
        });
    });
}

// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __nccwpck_require__(8929);
// EXTERNAL MODULE: ./build/src/core/log.js
var log = __nccwpck_require__(5491);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __nccwpck_require__(7187);
// EXTERNAL MODULE: ./build/src/core/command.js
var command = __nccwpck_require__(9764);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __nccwpck_require__(2738);
;// CONCATENATED MODULE: ./build/src/core/runner/process-runner.js





/** GNU timeout's exit code when it had to stop the command. */
const TIMEOUT_EXIT = 124;
/**
 * Runs real processes through @actions/exec. @actions/exec has no timeout of its
 * own, so a timed command runs under coreutils `timeout`, which keeps the
 * argument array intact and kills the whole command.
 */
class ProcessRunner {
    log;
    constructor(log) {
        this.log = log;
    }
    async run(spec, options = {}) {
        const policy = options.retry ?? retry/* NO_RETRY */.PE;
        const started = Date.now();
        let runs = 0;
        // A wait the caller asks for (`{ waitMs }`, a registry's 429) is bounded by the caller:
        // it is neither one of the policy's attempts nor time against its deadline.
        let attempt = 0;
        let askedWaitsMs = 0;
        for (;;) {
            runs += 1;
            attempt += 1;
            const result = await this.runOnce(spec, options);
            result.attempts = runs;
            if (result.exitCode === 0)
                return result;
            const verdict = options.isTransient?.(result) ?? false;
            if (typeof verdict === 'object') {
                this.log.warn(`${this.label(spec, options)} was asked to wait (run ${runs}); retrying in ${Math.round(verdict.waitMs / 100) / 10} s`);
                attempt -= 1;
                askedWaitsMs += verdict.waitMs;
                await (0,retry/* sleep */.yy)(verdict.waitMs);
                continue;
            }
            const elapsed = Date.now() - started - askedWaitsMs;
            const wait = (0,retry/* backoffDelay */.EY)(policy, attempt);
            const withinDeadline = policy.deadlineMs === undefined || elapsed + wait <= policy.deadlineMs;
            if (verdict && attempt < policy.attempts && withinDeadline) {
                this.log.warn(`${this.label(spec, options)} failed (attempt ${attempt}/${policy.attempts}); retrying in ${Math.round(wait / 100) / 10} s`);
                await (0,retry/* sleep */.yy)(wait);
                continue;
            }
            if (options.allowFailure)
                return result;
            throw new errors/* ProcessError */.yI({
                command: options.label ?? (0,command/* describeCommand */.vL)(spec),
                exitCode: result.exitCode,
                stderr: result.stderr || result.stdout,
                timedOut: result.timedOut,
                hint: options.hint?.(result),
            });
        }
    }
    streamed(line) {
        if (this.log.output)
            this.log.output((0,secrets/* redact */.E$)(line));
        else
            this.log.info((0,secrets/* redact */.E$)(line));
    }
    label(spec, options) {
        return (0,secrets/* redact */.E$)(options.label ?? (0,command/* describeCommand */.vL)(spec));
    }
    async runOnce(spec, options) {
        const { file, args } = withTimeout(spec, options.timeoutMs);
        this.log.debug(`$ ${this.label(spec, options)}`);
        let stdout = '';
        let stderr = '';
        const started = Date.now();
        const exitCode = await exec/* exec */.m(file, args, {
            cwd: spec.cwd,
            env: buildEnv(spec),
            input: spec.stdin === undefined ? undefined : Buffer.from(spec.stdin),
            silent: true,
            ignoreReturnCode: true,
            delay: options.streamCloseDelayMs,
            listeners: {
                stdout: (data) => { stdout += data.toString(); },
                stderr: (data) => { stderr += data.toString(); },
                stdline: options.stream ? (line) => this.streamed(line) : undefined,
                errline: options.stream ? (line) => this.streamed(line) : undefined,
            },
        }).catch((error) => {
            // Spawn failures (program not installed) arrive as exceptions, not exit codes.
            stderr += `${error.message}\n`;
            return 127;
        });
        const timedOut = options.timeoutMs !== undefined && exitCode === TIMEOUT_EXIT;
        if (timedOut)
            stderr += `\n(stopped after ${options.timeoutMs} ms)`;
        const durationMs = Date.now() - started;
        // SLIPWAY_TIMINGS=1: one line per spawned command, for bench/seeds' phase breakdown (label is redacted).
        if (process.env.SLIPWAY_TIMINGS === '1')
            process.stderr.write(`slipway-timing ${JSON.stringify({ start: started, ms: durationMs, exit: exitCode, cmd: this.label(spec, options) })}\n`);
        return { exitCode, stdout, stderr, durationMs, attempts: 1, timedOut };
    }
}
function withTimeout(spec, timeoutMs) {
    if (!timeoutMs)
        return { file: spec.file, args: spec.args };
    const seconds = Math.max(0.1, timeoutMs / 1000).toFixed(1);
    return { file: 'timeout', args: ['--kill-after=5', `${seconds}s`, spec.file, ...spec.args] };
}
function buildEnv(spec) {
    const base = {};
    const inherited = spec.cleanEnv
        ? { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' }
        : process.env;
    for (const [key, value] of Object.entries(inherited))
        if (value !== undefined)
            base[key] = value;
    return { ...base, ...spec.env };
}

// EXTERNAL MODULE: ./build/src/core/summary.js
var core_summary = __nccwpck_require__(1253);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: ./build/src/deploy/lock.js + 1 modules
var deploy_lock = __nccwpck_require__(4749);
// EXTERNAL MODULE: ./build/src/ssh/commands.js
var commands = __nccwpck_require__(5632);
;// CONCATENATED MODULE: ./build/src/platform/post-cleanup.js








/** The GITHUB_STATE name the main step writes its leftovers under (the post reads STATE_leftovers). */
const LEFTOVERS_STATE = 'leftovers';
/** Parses the state the main step saved; anything unreadable is an empty list (nothing we made can be named by it). */
function parseLeftovers(text) {
    if (!text)
        return [];
    try {
        const value = JSON.parse(text);
        return Array.isArray(value) ? value.filter(isLeftover) : [];
    }
    catch {
        return [];
    }
}
function isLeftover(value) {
    if (!value || typeof value !== 'object')
        return false;
    const item = value;
    const text = (key) => typeof item[key] === 'string' && item[key].length > 0;
    switch (item.kind) {
        case 'dir': return text('path') && ownPath(item.path);
        case 'ssh-session': return text('dir') && ownPath(item.dir);
        case 'lock': return text('lockDir') && text('token') && text('host') && typeof item.port === 'number'
            && (item.deployLog === undefined || (text('deployLog') && text('appDir') && item.deployLog.startsWith(`${item.appDir}/`) && !item.deployLog.split('/').includes('..')));
        case 'containers': return text('label');
        default: return false;
    }
}
/** Only paths Slipway itself names (`…/slipway-…`) are removed: a tampered state file cannot point the post at /home. */
function ownPath(dir) {
    return dir.startsWith('/') && !dir.split('/').includes('..') && /\/slipway-[^/]+$/.test(dir);
}
/**
 * After a main step that did not finish its own cleanup (killed, or cut by the
 * runner's cancel): releases the locks this run still holds, stops its ssh
 * masters and agents, removes key material and temp dirs. Never throws.
 */
async function cleanUpLeftovers(items, options) {
    const report = { locksReleased: 0, locksNotOurs: 0, locksLeft: 0, sessionsClosed: 0, dirsRemoved: 0 };
    const sessions = items.filter((item) => item.kind === 'ssh-session');
    // Locks first: the session dirs may still hold a live master or the key to reach the host with.
    for (const lock of items.filter((item) => item.kind === 'lock')) {
        const outcome = await releaseLeftLock(lock, sessions, options).catch((error) => {
            options.log.warn(`post: could not release the deploy lock on ${lock.host}:${lock.port} (${formatError(error)}); it is broken as stale after lock-stale-after`);
            return 'left';
        });
        if (outcome === 'released')
            report.locksReleased += 1;
        else if (outcome === 'not-ours')
            report.locksNotOurs += 1;
        else
            report.locksLeft += 1;
    }
    for (const session of sessions) {
        await stopSession(session, options.runner);
        report.sessionsClosed += 1;
    }
    for (const item of items) {
        if (item.kind === 'dir' && fs.existsSync(item.path)) {
            fs.rmSync(item.path, { recursive: true, force: true });
            report.dirsRemoved += 1;
        }
        if (item.kind === 'containers')
            await removeLabelledContainers(item.label, options.runner);
    }
    return report;
}
async function releaseLeftLock(lock, sessions, options) {
    const { runner, log } = options;
    const line = formatDeployLogLine({
        time: new Date().toISOString(), action: 'deploy', strategy: lock.strategy || 'unknown', version: lock.version, previous: '',
        result: 'cancelled (the run was stopped before it finished; lock released by its post step)', actor: options.actor,
    });
    // Release, and only if it was still ours, say so in the host's deploy log.
    const words = ['sh', '-c', `${RELEASE_LOCK_SCRIPT} && mkdir -p "$(dirname "$3")" && printf "%s\\n" "$4" >> "$3"`, 'slipway-post-unlock', lock.lockDir, lock.token, lock.deployLog ?? deployLogPath(lock.appDir), line];
    const judge = (exitCode) => {
        if (exitCode === 0)
            log.info(`post: released the deploy lock this run still held on ${lock.host}:${lock.port} (${lock.appDir})`);
        else if (exitCode === 3)
            log.info(`post: the deploy lock on ${lock.host}:${lock.port} is no longer this run's; left alone`);
        return exitCode === 0 ? 'released' : exitCode === 3 ? 'not-ours' : 'left';
    };
    const recorded = sessions.find((session) => session.dir === lock.sessionDir);
    if (recorded && fs.existsSync(recorded.dir)) {
        const paths = pathsOf(recorded);
        const alive = (await runner.run(controlCommand(paths, 'check'), { timeoutMs: 5000, allowFailure: true })).exitCode === 0;
        // The main's master, or a new one from its own config while its key file is still there.
        const reopened = !alive && fs.existsSync(`${recorded.dir}/id`)
            && (await runner.run(masterCommand(paths), { timeoutMs: 25_000, allowFailure: true, label: `ssh ${lock.host} (post: reconnect)` })).exitCode === 0;
        if (alive || reopened) {
            const result = await runner.run(execCommand(paths, words), { timeoutMs: 20_000, allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` });
            if (result.exitCode !== 255)
                return judge(result.exitCode);
        }
    }
    const target = targetFromInputs(lock, options.inputs);
    if (!target) {
        log.warn(`post: the deploy lock on ${lock.host}:${lock.port} may still be held by this run, and no key is left to reach the host; it is broken as stale after lock-stale-after`);
        return 'left';
    }
    const session = await openSshSession(target, runner, log);
    try {
        return judge((await session.exec(words, { allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` })).exitCode);
    }
    finally {
        await session.close();
    }
}
function targetFromInputs(lock, inputs) {
    if (!inputs)
        return undefined;
    try {
        return parseSshInputs(inputs).targets.find((t) => t.host === lock.host && t.port === lock.port && t.user === lock.user);
    }
    catch {
        return undefined;
    }
}
const pathsOf = (session) => (0,commands/* sessionPaths */.NE)(session.dir, Boolean(session.agentSocket));
async function stopSession(session, runner) {
    if (fs.existsSync(`${session.dir}/ssh_config`)) {
        await runner.run(controlCommand(pathsOf(session), 'exit'), { timeoutMs: 5000, allowFailure: true });
    }
    if (session.agentPid)
        killAgent(session.agentPid, session.agentSocket);
    fs.rmSync(session.dir, { recursive: true, force: true });
}
/** Kills the agent only if the pid is still an ssh-agent on our socket (a pid may have been reused). */
function killAgent(pid, socket) {
    try {
        const cmdline = external_node_fs_.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmdline.includes('ssh-agent') || (socket && !cmdline.includes(socket)))
            return;
    }
    catch {
        if (external_node_os_.platform() === 'linux')
            return;
    }
    try {
        process.kill(pid, 'SIGTERM');
    }
    catch {
        // Already gone.
    }
}
async function removeLabelledContainers(label, runner) {
    const listed = await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=${label}`] }, { timeoutMs: 20_000, allowFailure: true });
    const ids = listed.stdout.split('\n').filter(Boolean);
    if (ids.length)
        await runner.run({ file: 'docker', args: ['rm', '-f', '-v', ...ids] }, { timeoutMs: 60_000, allowFailure: true });
}
/**
 * The last resort when the process must end now (a flow that does not handle
 * cancel, or a third signal): synchronous, local only. Stops ssh masters and
 * agents and removes key material and temp dirs; a lock is released only if
 * its master still answers at once.
 */
function removeLeftoversNow(items) {
    const sessions = items.filter((item) => item.kind === 'ssh-session');
    for (const lock of items.filter((item) => item.kind === 'lock')) {
        const recorded = sessions.find((session) => session.dir === lock.sessionDir);
        if (!recorded || !external_node_fs_.existsSync(`${recorded.dir}/ssh_config`))
            continue;
        const spec = (0,commands/* execCommand */.NK)(pathsOf(recorded), (0,deploy_lock/* releaseLockWords */.ky)(lock.lockDir, lock.token));
        (0,external_node_child_process_namespaceObject.spawnSync)(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
    }
    for (const session of sessions) {
        if (external_node_fs_.existsSync(`${session.dir}/ssh_config`)) {
            (0,external_node_child_process_namespaceObject.spawnSync)('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', commands/* TARGET_ALIAS */.Bx], { timeout: 3000, stdio: 'ignore' });
        }
        if (session.agentPid)
            killAgent(session.agentPid, session.agentSocket);
        external_node_fs_.rmSync(session.dir, { recursive: true, force: true });
    }
    for (const item of items)
        if (item.kind === 'dir')
            external_node_fs_.rmSync(item.path, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./build/src/platform/cancel-signals.js


/** Exit code of a process stopped by SIGINT, as shells report it. */
const CANCELLED_EXIT_CODE = 130;
/**
 * The edges' answer to SIGINT/SIGTERM (a runner's cancel, Ctrl-C). GitHub sends
 * SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that; Forgejo gives no grace.
 *
 * - A flow that handles cancel: the first signal aborts `signal` and the flow
 *   winds down (no new step, host whole, lock released, session closed). A
 *   second signal does not cut that short. A third stops at once, removing
 *   local key material and temp dirs on the way out.
 * - Any other flow: the first signal removes the recorded leftovers and exits.
 */
function handleCancelSignals(log, graceful) {
    const controller = new AbortController();
    let received;
    let count = 0;
    const stopNow = (why) => {
        log.error(why);
        removeLeftoversNow((0,leftovers/* openLeftovers */.ZF)());
        process.exit(CANCELLED_EXIT_CODE);
    };
    const onSignal = (name) => {
        count += 1;
        if (count === 1) {
            received = name;
            if (!graceful)
                return stopNow(`cancelled (${name}): stopped; key files, ssh connections and temp dirs of this run were removed`);
            log.warn(`cancel requested (${name}): no new step starts; the step in flight finishes, then the host is left on the old or the new version, the lock released and the SSH connection closed`);
            controller.abort(new Error(`cancelled (${name})`));
            return;
        }
        if (count === 2) {
            log.warn(`${name} received while cancelling: the cleanup goes on (a further signal stops at once, leaving the lock to the post step)`);
            return;
        }
        stopNow(`cancelled (${name}) during cleanup: stopped at once; local key files and temp dirs removed, the post step releases what is left`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        received: () => received,
        dispose: () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        },
    };
}

;// CONCATENATED MODULE: ./build/src/core/platform.js

/** The payload the runner wrote for this event; a missing or broken file reads as no payload. */
function readEventPayload(file) {
    if (!file || !external_node_fs_.existsSync(file))
        return undefined;
    try {
        const parsed = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
        return parsed && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
function detectPlatform(env = process.env) {
    const forgejo = env.FORGEJO_ACTIONS === 'true' || env.GITEA_ACTIONS === 'true' || Boolean(env.FORGEJO_TOKEN);
    const inActions = env.GITHUB_ACTIONS === 'true' || forgejo;
    if (!inActions) {
        // A terminal may still point at an API or a payload (a re-run of a job's scan by hand).
        return { kind: 'local', supportsSummary: false, supportsAnnotations: false, actor: env.USER, apiUrl: env.GITHUB_API_URL, event: readEventPayload(env.GITHUB_EVENT_PATH) };
    }
    const serverUrl = env.GITHUB_SERVER_URL ?? env.FORGEJO_SERVER_URL;
    const repository = env.GITHUB_REPOSITORY;
    const runUrl = serverUrl && repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    return {
        kind: forgejo ? 'forgejo' : 'github',
        supportsSummary: !forgejo && Boolean(env.GITHUB_STEP_SUMMARY),
        supportsAnnotations: !forgejo,
        serverUrl,
        repository,
        runUrl,
        actor: env.GITHUB_ACTOR,
        sha: env.GITHUB_SHA,
        ref: env.GITHUB_REF,
        eventName: env.GITHUB_EVENT_NAME,
        apiUrl: env.GITHUB_API_URL,
        event: readEventPayload(env.GITHUB_EVENT_PATH),
    };
}
/** Who is doing this, for locks and deploy logs: the run URL in CI, user@machine locally. */
function describeActor(platform, hostname) {
    if (platform.runUrl)
        return `${platform.actor ?? 'ci'} via ${platform.runUrl}`;
    return `${platform.actor ?? 'someone'}@${hostname}`;
}

;// CONCATENATED MODULE: ./build/src/platform/actions-edge.js












/** Inputs as the runner hands them over (INPUT_<NAME> variables). */
const actionInputSource = {
    get: (name) => getInput(name),
    describe: (name) => `input '${name}'`,
};
/** @actions/core commands, except where the platform ignores them (Forgejo: no annotations). */
class ActionsLogger {
    platform;
    constructor(platform) {
        this.platform = platform;
    }
    info(message) { info((0,log/* inertText */.UJ)((0,secrets/* redact */.E$)(message))); }
    debug(message) { debug((0,secrets/* redact */.E$)(message)); }
    warn(message, where) { this.annotate('warning', message, where); }
    error(message, where) { this.annotate('error', message, where); }
    group(title, body) { return group((0,secrets/* redact */.E$)(title), body); }
    annotate(level, message, where) {
        const text = (0,secrets/* redact */.E$)(message);
        if (!this.platform.supportsAnnotations) {
            // Forgejo prints workflow commands raw; a plain line reads better.
            const location = where?.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
            info((0,log/* inertText */.UJ)(`${level}: ${location}${text}`));
            return;
        }
        const properties = { file: where?.file, startLine: where?.line, endLine: where?.endLine, title: where?.title };
        if (level === 'warning')
            warning(text, properties);
        else
            error(text, properties);
    }
}
/**
 * Whether the runner names a cache service at all: @actions/cache needs ACTIONS_CACHE_URL (v1)
 * or ACTIONS_RESULTS_URL (v2). Without either its answer is no, and loading it (a 2.4 MB chunk,
 * about 0.2 s of a step's start) only to hear that is skipped.
 */
function runnerNamesCacheService(env = process.env) {
    return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
/** @actions/cache is loaded only when a flow asks for it and the runner offers one: it is large, and startup time matters. */
class ActionsCache {
    log;
    description = 'Actions cache';
    constructor(log) {
        this.log = log;
    }
    async restore(paths, primaryKey, restoreKeys) {
        const cache = runnerNamesCacheService() ? await __nccwpck_require__.e(/* import() */ 509).then(__nccwpck_require__.bind(__nccwpck_require__, 8509)) : undefined;
        if (!cache?.isFeatureAvailable()) {
            this.log.info('Cache: this runner offers no cache service; skipping restore.');
            return undefined;
        }
        try {
            return await cache.restoreCache(paths, primaryKey, restoreKeys);
        }
        catch (error) {
            this.log.warn(`Cache restore failed, building without it: ${(0,errors/* formatError */.Wk)(error)}`);
            return undefined;
        }
    }
    async available() {
        return runnerNamesCacheService() && (await __nccwpck_require__.e(/* import() */ 509).then(__nccwpck_require__.bind(__nccwpck_require__, 8509))).isFeatureAvailable();
    }
    async save(paths, key) {
        if (!runnerNamesCacheService())
            return;
        const cache = await __nccwpck_require__.e(/* import() */ 509).then(__nccwpck_require__.bind(__nccwpck_require__, 8509));
        if (!cache.isFeatureAvailable())
            return;
        try {
            await cache.saveCache(paths, key);
        }
        catch (error) {
            // A key saved by a parallel job is not a failure of ours.
            this.log.info(`Cache not saved (${(0,errors/* formatError */.Wk)(error)}).`);
        }
    }
}
async function writeSummary(summary, platform, log) {
    if (summary.blocks.length === 0)
        return;
    if (platform.supportsSummary) {
        await appendSummary((0,secrets/* redact */.E$)((0,core_summary/* renderMarkdown */.Gc)(summary)));
    }
    else {
        const where = platform.kind === 'forgejo' ? 'Forgejo shows no job summaries' : 'this runner gives no summary file (GITHUB_STEP_SUMMARY)';
        log.info(`Job summary not written (${where}); the same table follows in the log:\n${(0,secrets/* redact */.E$)((0,core_summary/* renderText */.S5)(summary))}`);
    }
}
/**
 * The whole Actions edge: inputs → flow → outputs, summary, failure. What the
 * run would leave behind if killed (key dirs, masters, locks) is mirrored into
 * GITHUB_STATE as it changes, for the action's post step (docs/cancel.md).
 */
async function runAction(flow) {
    // Node exits 0 when its event loop runs dry with the flow still pending: that must fail the step, not pass it.
    await runGuarded(() => runActionSteps(flow).then(() => Number(process.exitCode ?? 0) || 0), { what: `the ${flow.action} step`, onStall: (message) => setFailed(message) });
}
async function runActionSteps(flow) {
    const platform = detectPlatform();
    (0,secrets/* onSecretRegistered */.AF)((value) => setSecret(value));
    const log = new ActionsLogger(platform);
    const stopMirroring = (0,leftovers/* onLeftoversChanged */.Km)((all) => {
        if (!process.env.GITHUB_STATE)
            return;
        try {
            saveState(LEFTOVERS_STATE, JSON.stringify(all));
        }
        catch {
            // No state file to write to (a runner without GITHUB_STATE): there is no post step to tell either.
        }
    });
    const cancel = handleCancelSignals(log, flow.handlesCancel === true);
    try {
        const workDir = process.env.GITHUB_WORKSPACE ?? process.cwd();
        const settings = flow.parse(new Inputs(actionInputSource), { env: process.env, platform, workDir });
        const context = { runner: new ProcessRunner(log), log, platform, env: process.env, workDir, cache: new ActionsCache(log), signal: cancel.signal };
        const result = await flow.run(settings, context);
        for (const [name, value] of Object.entries(flow.outputs(result)))
            setOutput(name, (0,secrets/* redact */.E$)(value));
        await writeSummary(flow.summary(result), platform, log);
        const failure = flow.failure?.(result);
        const signal = cancel.received();
        // A cancelled run fails even when its last step happened to finish: the job was cancelled.
        if (signal && !failure?.startsWith('cancelled'))
            setFailed((0,secrets/* redact */.E$)(`cancelled (${signal})${failure ? `: ${failure}` : ''}`));
        else if (failure)
            setFailed((0,secrets/* redact */.E$)(failure));
    }
    catch (error) {
        const signal = cancel.received();
        setFailed(`${signal ? `cancelled (${signal}): ` : ''}${(0,errors/* formatError */.Wk)(error, isDebug())}`);
    }
    finally {
        cancel.dispose();
        stopMirroring();
    }
    // Cleanup is done; a check the cancel cut short may still have a timer running: do not wait for it.
    if (cancel.received())
        process.exit(1);
}



/***/ }),

/***/ 8089:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  R: () => (/* binding */ previewFlow)
});

// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __nccwpck_require__(1253);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __nccwpck_require__(8929);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __nccwpck_require__(1692);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
;// CONCATENATED MODULE: ./build/src/core/http/request.js





/** No (complete) answer. The message names what was asked and where (host:port), never a header or a query. */
class HttpRequestError extends errors/* SlipwayError */.GQ {
    kind;
    code;
    /** `127.0.0.1:5000`, or `app:443 (through SSH to h1)` when another address was dialled. */
    where;
    /** Headers had arrived before it failed. */
    answered;
    constructor(args) {
        super(`${args.what} on ${args.where}: ${args.problem}`, { cause: args.cause });
        this.name = 'HttpRequestError';
        this.kind = args.kind;
        this.code = args.code;
        this.where = args.where;
        this.answered = args.answered;
    }
}
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_UNTRUSTED',
]);
function hostPort(host, port) {
    return external_node_net_.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
const portOf = (url) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const bareHost = (url) => url.hostname.replace(/^\[(.*)\]$/, '$1');
/** Where a request to `url` goes, as errors name it. */
function describeTarget(url, connect) {
    const intended = hostPort(bareHost(url), portOf(url));
    if (!connect)
        return intended;
    if (connect.via)
        return `${intended} (${connect.via})`;
    const dialled = hostPort(connect.host, connect.port ?? portOf(url));
    return dialled === intended ? intended : `${intended} (dialled ${dialled})`;
}
async function request_httpRequest(target, options) {
    const deadline = Date.now() + options.timeoutMs;
    const first = new URL(target);
    if (first.protocol !== 'http:' && first.protocol !== 'https:')
        throw new errors/* SlipwayError */.GQ(`Cannot request ${first.protocol} URLs (only http and https)`);
    let url = first;
    let method = (options.method ?? 'GET').toUpperCase();
    let headers = { ...options.headers };
    let body = options.body;
    for (let hop = 0;; hop += 1) {
        const sameOrigin = url.origin === first.origin;
        const response = await once(url, { ...options, method, headers, body, connect: sameOrigin ? options.connect : undefined }, deadline);
        const location = response.header('location');
        if (!REDIRECTS.has(response.status) || !location || hop >= (options.maxRedirects ?? 0))
            return response;
        const next = new URL(location, url);
        const what = options.what ?? `${method} ${url.pathname}`;
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
            throw redirectError(what, url, options, `redirected to a ${next.protocol} URL`);
        if (url.protocol === 'https:' && next.protocol === 'http:')
            throw redirectError(what, url, options, `redirected from https to plain http (${hostPort(bareHost(next), portOf(next))}), not followed`);
        if (next.origin !== url.origin)
            headers = withoutCredentials(headers);
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
            headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
        }
        url = next;
    }
}
function withoutCredentials(headers) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie|proxy-authorization)$/i.test(name)));
}
function redirectError(what, url, options, problem) {
    return new HttpRequestError({ kind: 'redirect', code: 'EREDIRECT', what, where: describeTarget(url, options.connect), problem, answered: true });
}
function once(url, options, deadline) {
    const secure = url.protocol === 'https:';
    const name = bareHost(url);
    const what = options.what ?? `${options.method} ${url.pathname}`;
    const where = describeTarget(url, options.connect);
    const payload = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers = { host: url.host, ...options.headers };
    if (payload && !Object.keys(headers).some((key) => key.toLowerCase() === 'content-length'))
        headers['content-length'] = String(payload.length);
    const requestOptions = {
        host: options.connect?.host ?? name,
        port: options.connect?.port ?? portOf(url),
        method: options.method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: options.agent ?? false,
    };
    if (secure) {
        // SNI and the certificate check use the URL's name even when another address is dialled.
        if (!external_node_net_.isIP(name))
            requestOptions.servername = name;
        if (options.extraCa?.length)
            requestOptions.secureContext = secureContextFor(options.extraCa);
    }
    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    return new Promise((resolve, reject) => {
        let settled = false;
        let answered = false;
        const fail = (kind, code, problem, cause) => {
            if (settled)
                return;
            settled = true;
            cleanup();
            request.destroy();
            reject(new HttpRequestError({ kind, code, what, where, problem, answered, cause }));
        };
        const onError = (error) => {
            const { kind, problem } = classify(error, answered);
            fail(kind, error.code ?? error.name, problem, error);
        };
        const request = (secure ? external_node_https_ : external_node_http_).request(requestOptions, (response) => {
            answered = true;
            const chunks = [];
            let size = 0;
            let truncated = false;
            const done = () => {
                if (settled)
                    return;
                settled = true;
                cleanup();
                const bytes = Buffer.concat(chunks);
                const status = response.statusCode ?? 0;
                resolve({
                    status,
                    statusText: response.statusMessage ?? '',
                    ok: status >= 200 && status < 300,
                    headers: response.headers,
                    trailers: response.trailers,
                    body: bytes,
                    truncated,
                    url,
                    header: (header) => {
                        const value = response.headers[header.toLowerCase()];
                        return Array.isArray(value) ? value.join(', ') : value;
                    },
                    text: () => bytes.toString('utf8'),
                    json: () => {
                        try {
                            return JSON.parse(bytes.toString('utf8'));
                        }
                        catch {
                            throw new HttpRequestError({ kind: 'other', code: 'EBADJSON', what, where, problem: `answered HTTP ${status} with a body that is not JSON`, answered: true });
                        }
                    },
                });
            };
            response.on('data', (chunk) => {
                if (settled)
                    return;
                size += chunk.length;
                if (size <= maxBody) {
                    chunks.push(chunk);
                    return;
                }
                if (options.overflow === 'truncate') {
                    truncated = true;
                    chunks.push(chunk.subarray(0, chunk.length - (size - maxBody)));
                    done();
                    response.destroy();
                    return;
                }
                fail('too-large', 'ETOOLARGE', `answered with more than ${maxBody} bytes`);
            });
            response.on('end', done);
            response.on('error', onError);
            // A body cut short by the server ends in 'aborted'/'close' without 'end' on some versions.
            response.on('close', () => { if (!settled && !response.complete)
                onError(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' })); });
        });
        const timer = setTimeout(() => {
            fail('timeout', 'ETIMEDOUT', `no complete answer within ${options.timeoutMs} ms`);
        }, Math.max(0, deadline - Date.now()));
        const onAbort = () => fail('aborted', 'ABORT_ERR', 'cancelled');
        const cleanup = () => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
        };
        request.on('error', onError);
        if (options.signal?.aborted) {
            onAbort();
            return;
        }
        options.signal?.addEventListener('abort', onAbort, { once: true });
        request.end(payload);
    });
}
function classify(error, answered) {
    const code = error.code ?? error.name;
    if (code === 'ECONNREFUSED')
        return { kind: 'refused', problem: 'connection refused' };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return { kind: 'dns', problem: `name not found (${code})` };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
        return { kind: 'reset', problem: answered ? 'the connection closed in the middle of the answer' : 'the connection closed before any answer' };
    }
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
        return { kind: 'tls', problem: `TLS verification failed (${code}: ${error.message})` };
    if (code === 'ETIMEDOUT')
        return { kind: 'timeout', problem: error.message };
    if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_'))
        return { kind: 'other', problem: `answered with something that is not HTTP (${code})` };
    return { kind: 'other', problem: `${code}: ${error.message}` };
}
const contexts = new Map();
/** One TLS context per CA list: building it parses every root, too slow to repeat per request. */
function secureContextFor(extraCa) {
    const key = extraCa.join('\n');
    let context = contexts.get(key);
    if (!context) {
        // Passing `ca` alone would replace Node's roots; keep them so a public certificate still verifies.
        context = external_node_tls_.createSecureContext({ ca: [...external_node_tls_.rootCertificates, ...extraCa] });
        contexts.set(key, context);
    }
    return context;
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __nccwpck_require__(3092);
// EXTERNAL MODULE: ./build/src/ssh/commands.js
var commands = __nccwpck_require__(5632);
;// CONCATENATED MODULE: ./build/src/ssh/errors.js

/** The host offered a key we do not trust (unknown or changed). Carries what to pin. */
class HostKeyError extends errors/* SlipwayError */.GQ {
    host;
    offered;
    constructor(host, offered) {
        const first = offered[0];
        const list = offered.map((key) => `${key.type} ${key.fingerprint}`).join(', ');
        super(`${host}: host key not trusted (offered ${list}; it is not in known-hosts and matches no host-fingerprint). ` +
            'It may be a new host, or the key changed: check the fingerprint on the host with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`', { fix: first ? `If it is right, pin it: set host-fingerprint to ${first.fingerprint}, or add this line to known-hosts: ${first.line}` : undefined });
        this.host = host;
        this.offered = offered;
        this.name = 'HostKeyError';
    }
}
/** The SSH connection could not be opened (unreachable, timed out, authentication refused). */
class SshConnectError extends errors/* SlipwayError */.GQ {
    host;
    constructor(host, problem, fix, cause) {
        super(`${host}: ${problem}`, { fix, cause });
        this.host = host;
        this.name = 'SshConnectError';
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./build/src/ssh/host-keys.js

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
function fingerprintOf(base64Key) {
    const digest = external_node_crypto_.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64');
    return `SHA256:${digest.replace(/=+$/, '')}`;
}
const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
/** Parses `name type base64 [comment]` lines; skips comments, markers and blank lines. */
function parseHostKeyLines(text) {
    const keys = [];
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const fields = line.split(/\s+/);
        // A leading @cert-authority / @revoked marker is not a plain trusted key.
        if (fields[0]?.startsWith('@'))
            continue;
        const [hostName, type, base64] = fields;
        if (hostName && type && base64)
            keys.push({ hostName, type, base64 });
    }
    return keys;
}
/**
 * The KnownHostsCommand script: ssh runs it for every host key it meets (target
 * and jump host). It records the offered key (so a refusal can name its
 * fingerprint without a second connection) and vouches for a key whose
 * fingerprint is pinned. Arguments come from ssh: %H %t %K.
 */
function hostKeyScript(dir) {
    return [
        '#!/bin/sh',
        '# Written by Slipway: records offered host keys, vouches for pinned fingerprints.',
        '[ "$2" = NONE ] && exit 0',
        `printf '%s %s %s\\n' "$1" "$2" "$3" >> '${dir}/offered-keys'`,
        `[ -s '${dir}/pinned-fingerprints' ] || exit 0`,
        `fingerprint=$(printf '%s %s\\n' "$2" "$3" | ssh-keygen -lf - | cut -d' ' -f2)`,
        `if grep -qxF "$fingerprint" '${dir}/pinned-fingerprints'; then printf '%s %s %s\\n' "$1" "$2" "$3"; fi`,
        'exit 0',
        '',
    ].join('\n');
}
/** The askpass program ssh-add calls: prints the passphrase once from a 0600 file, then refuses (no retry loop). */
function askpassScript(dir) {
    return [
        '#!/bin/sh',
        `[ -e '${dir}/askpass-used' ] && exit 1`,
        `: > '${dir}/askpass-used'`,
        `cat '${dir}/passphrase'`,
        '',
    ].join('\n');
}
/** Decides whether an offered key is trusted under the policy's static parts (known-hosts lines, pins). */
function isTrusted(offered, knownHosts, pins) {
    const fingerprint = fingerprintOf(offered.base64);
    if (pins.includes(fingerprint))
        return true;
    return knownHosts.some((key) => key.type === offered.type && key.base64 === offered.base64);
}
const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;
/**
 * The first known_hosts line that ssh could not use, as a 1-based line number
 * and what is wrong with it; undefined when every line is a host key, a
 * comment or blank. Checked before connecting, so a pasted half line fails
 * naming the input instead of as a host key mismatch.
 */
function knownHostsProblem(text) {
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const fields = line.split(/\s+/);
        if (fields[0]?.startsWith('@'))
            fields.shift();
        const [hostName, type, base64] = fields;
        const at = index + 1;
        if (!hostName || !type || !base64)
            return { line: at, problem: 'is not `host type key` (three fields)' };
        if (!KEY_TYPE.test(type))
            return { line: at, problem: `has an unknown key type (found '${type.slice(0, 40)}')` };
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
            return { line: at, problem: 'has a key that is not base64' };
        const blob = Buffer.from(base64, 'base64');
        const nameLength = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
        if (nameLength <= 0 || blob.length < 4 + nameLength || blob.subarray(4, 4 + nameLength).toString('latin1') !== type) {
            return { line: at, problem: `has a key whose content does not match its type ${type}` };
        }
    }
    return undefined;
}
/**
 * Whether a private key needs a passphrase: PEM keys say so in a header,
 * OpenSSH keys name their cipher right after the `openssh-key-v1` magic.
 */
function isEncryptedPrivateKey(content) {
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(content) || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(content))
        return true;
    const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(content)?.[1];
    if (!body)
        return false;
    const blob = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    const magic = 'openssh-key-v1\0';
    if (blob.subarray(0, magic.length).toString('latin1') !== magic || blob.length < magic.length + 4)
        return false;
    const length = blob.readUInt32BE(magic.length);
    const cipher = blob.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1');
    return cipher !== '' && cipher !== 'none';
}

// EXTERNAL MODULE: ./build/src/ssh/target.js
var ssh_target = __nccwpck_require__(791);
;// CONCATENATED MODULE: ./build/src/ssh/session.js











/** How long ssh-add keeps the key even if the agent outlives us. */
const AGENT_KEY_LIFETIME_S = 3600;
/**
 * The master exits CONTROL_PERSIST_S after its last channel closed (renderSshConfig),
 * so a killed run leaves no usable socket for long; while the session is open
 * and idle, a no-op command every KEEPALIVE_IDLE_MS keeps it from expiring.
 */
const KEEPALIVE_IDLE_MS = 10_000;
/** Where session dirs go: the runner's per-job temp dir (wiped by the runner), else the OS temp dir. */
function sessionRoot(env = process.env) {
    return env.RUNNER_TEMP || external_node_os_.tmpdir();
}
/** Opens one multiplexed connection to the target, verifying its host key. Close it when done. */
async function session_openSshSession(target, runner, log) {
    (0,secrets/* registerSecret */.cl)(target.privateKey);
    (0,secrets/* registerSecret */.cl)(target.passphrase);
    const root = sessionRoot();
    await promises_namespaceObject.mkdir(root, { recursive: true });
    const dir = await promises_namespaceObject.mkdtemp(external_node_path_.join(root, 'slipway-ssh-'));
    await promises_namespaceObject.chmod(dir, 0o700);
    const paths = (0,commands/* sessionPaths */.NE)(dir, Boolean(target.passphrase));
    const session = new OpenSshSession(target, runner, log, paths);
    try {
        await session.prepare();
        await session.connect();
        return session;
    }
    catch (error) {
        await session.close();
        throw error;
    }
}
class OpenSshSession {
    target;
    runner;
    log;
    paths;
    connectionsOpened = 0;
    name;
    agentPid;
    forwards = new Set();
    /** Forward cancels sent in the background: close() waits for them before it ends the master. */
    cancelling = new Set();
    closed = false;
    settleLeftover;
    inFlight = 0;
    lastUse = Date.now();
    keepalive;
    constructor(target, runner, log, paths) {
        this.target = target;
        this.runner = runner;
        this.log = log;
        this.paths = paths;
        this.name = (0,ssh_target/* describeTarget */.ff)(target);
        this.settleLeftover = this.recordLeftover();
    }
    get localDir() {
        return this.paths.dir;
    }
    /** Recorded before the key is written: a run killed from here on leaves the post step a dir to remove. */
    recordLeftover() {
        return (0,leftovers/* recordLeftover */.vy)({
            kind: 'ssh-session', dir: this.paths.dir, host: this.target.host, port: this.target.port, user: this.target.user,
            agentPid: this.agentPid, agentSocket: this.agentPid ? this.paths.agentSocket : undefined,
        });
    }
    /** Every command through the master counts as use; see KEEPALIVE_IDLE_MS. */
    async using(work) {
        this.inFlight += 1;
        try {
            return await work();
        }
        finally {
            this.inFlight -= 1;
            this.lastUse = Date.now();
        }
    }
    startKeepalive() {
        this.keepalive = setInterval(() => {
            if (this.closed || this.inFlight > 0 || Date.now() - this.lastUse < KEEPALIVE_IDLE_MS)
                return;
            this.using(() => this.runner.run((0,commands/* execCommand */.NK)(this.paths, ['true']), { timeoutMs: 5000, allowFailure: true, label: `ssh ${this.target.host}: keepalive` }))
                .catch(() => undefined);
        }, KEEPALIVE_IDLE_MS / 2);
        this.keepalive.unref();
    }
    async prepare() {
        const { dir } = this.paths;
        const key = this.target.privateKey.endsWith('\n') ? this.target.privateKey : `${this.target.privateKey}\n`;
        await writePrivate(`${dir}/id`, key);
        await writePrivate(this.paths.knownHosts, this.target.hostKeys.knownHosts ?? '');
        await writePrivate(`${dir}/pinned-fingerprints`, (this.target.hostKeys.fingerprints ?? []).map((f) => `${f}\n`).join(''));
        await writePrivate(this.paths.hostKeyScript, hostKeyScript(dir), 0o700);
        await writePrivate(this.paths.config, (0,commands/* renderSshConfig */.r4)(this.target, this.paths));
        if (this.target.passphrase)
            await this.startAgent();
    }
    async startAgent() {
        const { dir } = this.paths;
        const started = await this.runner.run((0,commands/* agentStartCommand */.Tm)(this.paths), { timeoutMs: 10_000, label: 'ssh-agent' });
        this.agentPid = (0,commands/* parseAgentPid */.wG)(started.stdout);
        this.settleLeftover();
        this.settleLeftover = this.recordLeftover();
        await writePrivate(`${dir}/passphrase`, this.target.passphrase ?? '');
        await writePrivate(`${dir}/askpass`, askpassScript(dir), 0o700);
        const added = await this.runner.run((0,commands/* agentAddCommand */.GX)(this.paths, `${dir}/askpass`, AGENT_KEY_LIFETIME_S), {
            timeoutMs: 15_000, allowFailure: true, label: 'ssh-add (private key)',
        });
        await promises_namespaceObject.rm(`${dir}/passphrase`, { force: true });
        if (added.exitCode !== 0) {
            throw new SshConnectError(this.name, 'the private key could not be unlocked with the passphrase', 'Check the passphrase secret belongs to private-key.');
        }
        // The agent holds the key now; ssh only needs its public half to pick it.
        const listed = await this.runner.run((0,commands/* agentListCommand */.Lo)(this.paths), { timeoutMs: 10_000, label: 'ssh-add -L' });
        await writePrivate(this.paths.identityFile, listed.stdout);
        await promises_namespaceObject.rm(`${dir}/id`, { force: true });
    }
    async connect() {
        const startedAt = Date.now();
        const result = await this.runner.run((0,commands/* masterCommand */.qW)(this.paths), {
            // ConnectTimeout bounds TCP and the banner; this bounds everything else (a stuck auth).
            timeoutMs: this.target.connectTimeoutMs + 10_000,
            allowFailure: true,
            label: `ssh ${this.name} (open connection)`,
        });
        if (result.exitCode === 0) {
            this.connectionsOpened += 1;
            this.lastUse = Date.now();
            this.startKeepalive();
            await this.warnIfTrustedOnFirstUse();
            this.log.debug(`ssh: connected to ${this.name} in ${Date.now() - startedAt} ms`);
            return;
        }
        throw await this.explainConnectFailure(result);
    }
    async offeredKeys() {
        const text = await promises_namespaceObject.readFile(`${this.paths.dir}/offered-keys`, 'utf8').catch(() => '');
        return parseHostKeyLines(text);
    }
    async warnIfTrustedOnFirstUse() {
        if (!(0,ssh_target/* acceptsUnknownKeys */.cv)(this.target.hostKeys))
            return;
        const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
        for (const key of await this.offeredKeys()) {
            if (isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? []))
                continue;
            this.log.warn(`${this.name}: trusted the host key on first use (${key.type} ${fingerprintOf(key.base64)}) without checking it. ` +
                `Pin it to be safe: host-fingerprint: ${fingerprintOf(key.base64)}`);
        }
    }
    async explainConnectFailure(result) {
        const stderr = result.stderr.trim();
        const offered = await this.offeredKeys();
        const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
        const untrusted = offered.filter((key) => !isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? []));
        if (untrusted.length > 0 && !(0,ssh_target/* acceptsUnknownKeys */.cv)(this.target.hostKeys)) {
            return new HostKeyError(untrusted[0]?.hostName ?? this.name, untrusted.map((key) => ({
                type: key.type, fingerprint: fingerprintOf(key.base64), line: `${key.hostName} ${key.type} ${key.base64}`,
            })));
        }
        const seconds = Math.round(this.target.connectTimeoutMs / 1000);
        if (offered.length === 0) {
            const what = result.timedOut ? `no answer within ${seconds + 10} s` : `could not connect (${lastLine(stderr) || `exit ${result.exitCode}`})`;
            return new SshConnectError(this.name, `SSH host unreachable: ${what}`, `Check host, port${this.target.jumpHost ? ', jump-host' : ''} and that sshd runs there; connect-timeout is ${seconds} s.`);
        }
        return new SshConnectError(this.name, `SSH login refused (${lastLine(stderr) || `exit ${result.exitCode}`})`, `Check that user '${this.target.user}' exists on the host and that the public half of private-key is in its ~/.ssh/authorized_keys.`);
    }
    async exec(words, options = {}) {
        let remote = options.survivesDisconnect ? (0,commands/* survivingDisconnect */.wN)(words) : words;
        let stdin = options.stdin;
        if (options.env && Object.keys(options.env).length > 0) {
            const envText = (0,commands/* renderEnvFile */.mJ)(options.env);
            if (stdin === undefined) {
                remote = (0,commands/* withEnvFromStdin */.OT)(remote);
                stdin = envText;
            }
            else {
                const file = await this.writeRemotePrivateFile(envText);
                remote = (0,commands/* withEnvFromFile */.qN)(file, remote);
            }
        }
        const spec = (0,commands/* execCommand */.NK)(this.paths, remote, stdin);
        const label = options.label ?? `ssh ${this.target.host}: ${words.join(' ')}`;
        // ssh exits 255 for a lost connection and for a remote 255 alike: the control master tells them apart.
        const lost = (cause) => new SshConnectError(this.name, `the SSH connection was lost while running \`${label}\``, 'Check the network to the host; the step that was running may or may not have finished.', cause);
        let result;
        try {
            result = await this.using(() => this.runner.run(spec, {
                timeoutMs: options.timeoutMs ?? this.target.commandTimeoutMs,
                allowFailure: options.allowFailure,
                stream: options.stream,
                label,
            }));
        }
        catch (error) {
            if (error instanceof errors/* ProcessError */.yI && error.exitCode === 255 && !(await this.isAlive()))
                throw lost(error);
            throw error;
        }
        // A caller that allows failure still must not read a lost connection as its command's answer.
        if (result.exitCode === 255 && !(await this.isAlive()))
            throw lost();
        return result;
    }
    /** Creates a 0600 file on the host holding `content` (sent on stdin) and returns its path. */
    async writeRemotePrivateFile(content) {
        const made = await this.runner.run((0,commands/* execCommand */.NK)(this.paths, ['sh', '-c', 'umask 077; file=$(mktemp) && cat > "$file" && echo "$file"'], content), { timeoutMs: this.target.commandTimeoutMs, label: `ssh ${this.target.host}: write env file` });
        return made.stdout.trim();
    }
    async forwardLocalPort(remotePort, remoteHost = '127.0.0.1') {
        const localPort = await freeLocalPort();
        const spec = (0,commands/* forwardSpec */.P1)(localPort, remoteHost, remotePort);
        await this.runner.run((0,commands/* forwardCommand */.Z1)(this.paths, 'forward', spec), { timeoutMs: 10_000, label: `ssh ${this.target.host}: forward ${spec}` });
        this.forwards.add(spec);
        return {
            localPort,
            // The cancel is one more round trip that nothing after it needs (a new forward takes a new
            // port): it goes in the background, and close() waits for it before ending the master.
            close: async () => {
                if (!this.forwards.delete(spec))
                    return;
                const cancel = this.runner.run((0,commands/* forwardCommand */.Z1)(this.paths, 'cancel', spec), { timeoutMs: 10_000, allowFailure: true }).then(() => undefined, () => undefined);
                this.cancelling.add(cancel);
                void cancel.then(() => this.cancelling.delete(cancel));
            },
        };
    }
    async upload(localPath, remotePath, options = {}) {
        return this.using(() => this.runner.run((0,commands/* rsyncCommand */.fY)(this.paths, localPath, remotePath, options), {
            timeoutMs: Math.max(this.target.commandTimeoutMs, 120_000),
            label: `rsync ${localPath} → ${this.target.host}:${remotePath}`,
        }));
    }
    async isAlive() {
        if (this.closed)
            return false;
        const result = await this.runner.run((0,commands/* controlCommand */.jw)(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
        return result.exitCode === 0;
    }
    async masterPid() {
        const result = await this.runner.run((0,commands/* controlCommand */.jw)(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
        const match = /pid=(\d+)/.exec(result.stderr + result.stdout);
        return match ? Number(match[1]) : undefined;
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        clearInterval(this.keepalive);
        await Promise.all(this.cancelling);
        for (const spec of this.forwards)
            await this.runner.run((0,commands/* forwardCommand */.Z1)(this.paths, 'cancel', spec), { timeoutMs: 5000, allowFailure: true });
        this.forwards.clear();
        await this.runner.run((0,commands/* controlCommand */.jw)(this.paths, 'exit'), { timeoutMs: 5000, allowFailure: true });
        if (this.agentPid) {
            await this.runner.run((0,commands/* agentStopCommand */.ZV)(this.paths, this.agentPid), { timeoutMs: 5000, allowFailure: true });
            // ssh-agent -k only signals it: wait until it is gone, so "closed" means no agent holds the key.
            await waitUntilGone(this.agentPid, 2000);
        }
        await promises_namespaceObject.rm(this.paths.dir, { recursive: true, force: true });
        this.settleLeftover();
    }
}
async function writePrivate(file, content, mode = 0o600) {
    await promises_namespaceObject.writeFile(file, content, { mode });
    await promises_namespaceObject.chmod(file, mode);
}
/** Polls until `pid` no longer runs (a zombie counts as gone), then SIGKILLs it if it still does. */
async function waitUntilGone(pid, timeoutMs) {
    const running = async () => {
        try {
            return !/^State:\s+Z/m.test(await promises_namespaceObject.readFile(`/proc/${pid}/status`, 'utf8'));
        }
        catch {
            return false;
        }
    };
    const deadline = Date.now() + timeoutMs;
    while (await running()) {
        if (Date.now() >= deadline) {
            try {
                process.kill(pid, 'SIGKILL');
            }
            catch {
                // Gone meanwhile.
            }
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
function lastLine(text) {
    return text.split('\n').filter((line) => line.trim()).pop()?.trim() ?? '';
}
/** A port the kernel just handed out on 127.0.0.1 (released again for ssh to bind). */
function freeLocalPort() {
    return new Promise((resolve, reject) => {
        const server = external_node_net_.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}

;// CONCATENATED MODULE: ./build/src/scan/report/comment.js




/** Finds our own comment again, so a re-run updates it instead of adding another. */
const COMMENT_MARKER = '<!-- slipway:secret-scan -->';
function commentBody(findings, stats) {
    return `${COMMENT_MARKER}\n${renderMarkdown(scanSummary(findings.filter((f) => !f.baselined), stats))}`;
}
/** The HTTP requests for each forge, as data (both speak the same paths; auth and paging differ). */
const commentRequests = {
    list(target, page) {
        const paging = target.forge === 'github' ? `per_page=100&page=${page}` : `limit=50&page=${page}`;
        return { method: 'GET', url: `${target.apiUrl}/repos/${target.repository}/issues/${target.pullNumber}/comments?${paging}`, headers: headers(target) };
    },
    create(target, body) {
        return { method: 'POST', url: `${target.apiUrl}/repos/${target.repository}/issues/${target.pullNumber}/comments`, headers: headers(target), body: JSON.stringify({ body }) };
    },
    update(target, id, body) {
        return { method: 'PATCH', url: `${target.apiUrl}/repos/${target.repository}/issues/comments/${id}`, headers: headers(target), body: JSON.stringify({ body }) };
    },
};
function headers(target) {
    const common = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'slipway-secret-scan' };
    return target.forge === 'github'
        ? { ...common, accept: 'application/vnd.github+json', authorization: `Bearer ${target.token}`, 'x-github-api-version': '2022-11-28' }
        : { ...common, authorization: `token ${target.token}` };
}
async function call(request, transport, budget) {
    const url = new URL(request.url);
    const response = await transport(url, {
        method: request.method, headers: request.headers, body: request.body,
        timeoutMs: budget.timeoutMs ?? 30_000, signal: budget.signal, maxRedirects: 5,
        what: `secret-scan: ${request.method} ${url.pathname}`,
    });
    if (!response.ok) {
        const text = response.text().slice(0, 300);
        throw new SlipwayError(`secret-scan: ${request.method} ${request.url} answered ${response.status} ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Give the token permission to write pull-request comments (GitHub: `permissions: pull-requests: write`)' : undefined,
        });
    }
    return response.json();
}
/**
 * One comment per pull request: updated when it exists, created only when
 * there is something to say (no "all clear" noise on clean PRs).
 */
async function upsertComment(target, body, hasFindings, transport = httpRequest, budget = {}) {
    let existing;
    for (let page = 1; page <= 20 && existing === undefined; page += 1) {
        const comments = await call(commentRequests.list(target, page), transport, budget);
        existing = comments.find((c) => c.body?.includes(COMMENT_MARKER))?.id;
        if (comments.length === 0 || comments.length < (target.forge === 'github' ? 100 : 50))
            break;
    }
    if (existing !== undefined) {
        await call(commentRequests.update(target, existing, body), transport, budget);
        return { action: 'updated', id: existing };
    }
    if (!hasFindings)
        return { action: 'skipped', reason: 'no findings and no earlier comment' };
    const created = await call(commentRequests.create(target, body), transport, budget);
    return { action: 'created', id: created.id };
}

;// CONCATENATED MODULE: ./build/src/preview/forge.js




// GitHub and Forgejo share the pull and issue-comment paths (the secret scan's
// request builders are reused for the comment). Deployments are GitHub's; Forgejo
// gets a commit status with target_url instead.
/** Finds the preview comment again so each run edits it (never the secret scan's, which has its own marker). */
const PREVIEW_COMMENT_MARKER = '<!-- slipway:preview -->';
function headersFor(forge, withBody) {
    return {
        authorization: forge.kind === 'github' ? `Bearer ${forge.token}` : `token ${forge.token}`,
        accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
        ...(withBody ? { 'content-type': 'application/json' } : {}),
        'user-agent': 'slipway-preview',
    };
}
async function forge_call(forge, method, url, body, transport, budget) {
    const response = await transport(url, {
        method,
        headers: headersFor(forge, true),
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: budget.timeoutMs ?? 30_000,
        signal: budget.signal,
        maxRedirects: 5,
        what: `preview: ${forge.kind} API ${method} ${new URL(url).pathname}`,
    });
    if (!response.ok) {
        const text = (0,secrets/* redact */.E$)(response.text().slice(0, 300));
        throw new errors/* SlipwayError */.GQ(`preview: ${forge.kind} API ${method} ${url.replace(forge.apiUrl, '')} answered HTTP ${response.status}: ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Give forge-token pull-requests: write and deployments: write (GitHub) or repository write (Forgejo).' : undefined,
        });
    }
    return (response.status === 204 ? undefined : response.json());
}
/** Open or closed (merged counts as closed); a PR the forge does not know is closed too: nothing will update it. */
async function pullRequestState(forge, pr, transport = request_httpRequest, budget = {}) {
    const url = `${forge.apiUrl}/repos/${forge.repository}/pulls/${pr}`;
    const response = await transport(url, {
        headers: headersFor(forge, false),
        timeoutMs: budget.timeoutMs ?? 30_000,
        signal: budget.signal,
        maxRedirects: 5,
        what: `preview: ${forge.kind} API GET ${new URL(url).pathname}`,
    });
    if (response.status === 404)
        return 'closed';
    if (!response.ok)
        throw new errors/* SlipwayError */.GQ(`preview: ${forge.kind} API GET pulls/${pr} answered HTTP ${response.status}`, { fix: 'Check forge-token may read pull requests.' });
    const body = response.json();
    return body.state === 'open' ? 'open' : 'closed';
}
function commentText(a) {
    const line = a.status === 'live'
        ? `**Preview is live:** ${a.url}`
        : a.status === 'removed' ? '**Preview removed** (the pull request was closed or the preview expired).' : `**Preview failed:** ${a.detail ?? ''}`;
    return [
        PREVIEW_COMMENT_MARKER,
        line,
        '',
        `| version | commit | status | updated |`,
        `| --- | --- | --- | --- |`,
        `| ${a.version || '-'} | ${a.sha?.slice(0, 12) ?? '-'} | ${a.status} | ${new Date().toISOString()} |`,
    ].join('\n');
}
/** One comment per PR: created the first time, edited afterwards. */
async function upsertPreviewComment(forge, a, transport = request_httpRequest, budget = {}) {
    const target = { forge: forge.kind, apiUrl: forge.apiUrl, repository: forge.repository, pullNumber: a.pr, token: forge.token };
    const body = (0,secrets/* redact */.E$)(commentText(a));
    let existing;
    for (let page = 1; page <= 20 && existing === undefined; page += 1) {
        const comments = await forge_call(forge, 'GET', commentRequests.list(target, page).url, undefined, transport, budget);
        existing = comments.find((c) => c.body?.includes(PREVIEW_COMMENT_MARKER))?.id;
        if (comments.length < (forge.kind === 'github' ? 100 : 50))
            break;
    }
    if (existing !== undefined) {
        await forge_call(forge, 'PATCH', commentRequests.update(target, existing, body).url, { body }, transport, budget);
        return 'updated';
    }
    await forge_call(forge, 'POST', commentRequests.create(target, body).url, { body }, transport, budget);
    return 'created';
}
/**
 * GitHub: a deployment of the commit to the `pr-<n>` environment with its
 * environment_url (shown on the PR). Forgejo has no deployments API: a commit
 * status whose target_url is the preview.
 */
async function markDeployment(forge, a, transport = request_httpRequest, budget = {}) {
    if (!a.sha)
        return;
    const repo = `${forge.apiUrl}/repos/${forge.repository}`;
    if (forge.kind === 'forgejo') {
        const state = a.status === 'failed' ? 'failure' : 'success';
        await forge_call(forge, 'POST', `${repo}/statuses/${a.sha}`, {
            state, context: 'slipway/preview', target_url: a.status === 'live' ? a.url : undefined,
            description: a.status === 'live' ? `preview ${a.version} live` : `preview ${a.status}`,
        }, transport, budget);
        return;
    }
    const environment = `pr-${a.pr}`;
    const deployment = await forge_call(forge, 'POST', `${repo}/deployments`, {
        ref: a.sha, environment, auto_merge: false, required_contexts: [], transient_environment: true, production_environment: false,
        description: `Slipway preview ${a.version}`,
    }, transport, budget);
    const state = a.status === 'live' ? 'success' : a.status === 'removed' ? 'inactive' : 'failure';
    await forge_call(forge, 'POST', `${repo}/deployments/${deployment.id}/statuses`, {
        state, environment_url: a.status === 'live' ? a.url : undefined, auto_inactive: true,
    }, transport, budget);
}

;// CONCATENATED MODULE: ./build/src/deploy/compose-commands.js

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
const POLL_FORMAT = (/* unused pure expression or super */ null && (`{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.Config.Image}}|{{.Image}}${PROBE_FORMAT}`));
function pollWords(projectName, service) {
    return ['sh', '-c', POLL_SCRIPT, 'slipway-compose-poll', POLL_FORMAT, ...serviceContainersWords(projectName, service, true, { oneOffs: false })];
}

// EXTERNAL MODULE: ./build/src/deploy/host-state.js
var host_state = __nccwpck_require__(5131);
// EXTERNAL MODULE: ./build/src/deploy/lock.js + 1 modules
var lock = __nccwpck_require__(4749);
;// CONCATENATED MODULE: ./build/src/smoke/check.js
const ANY_SUCCESS = { codes: [], classes: [2] };
const check_JSON_OPERATORS = ['equals', 'not-equals', 'contains', 'matches', 'exists', 'lt', 'gt'];
function describeStatus(expect) {
    return [...expect.codes.map(String), ...expect.classes.map((c) => `${c}xx`)].join(' or ');
}
function statusMatches(expect, status) {
    return expect.codes.includes(status) || expect.classes.includes(Math.floor(status / 100));
}

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __nccwpck_require__(643);
;// CONCATENATED MODULE: ./build/src/smoke/http-probe.js



/** Bodies beyond this are cut: a health check that answers megabytes is itself a finding. */
const MAX_BODY_BYTES = 1024 * 1024;
const http_probe_TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_UNTRUSTED',
]);
function resolveDialTarget(url, check, override) {
    const urlHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const intended = { host: check.connectTo?.host ?? urlHost, port: check.connectTo?.port ?? urlPort };
    const target = typeof override === 'function' ? override(intended) : override;
    if (target?.via)
        return { host: target.host, port: target.port ?? intended.port, intended, via: target.via };
    return { host: target?.host ?? intended.host, port: target?.port ?? intended.port };
}
/** `127.0.0.1:8000`, or `127.0.0.1:8000 (through SSH to deploy@app:22)` for a tunnel. */
function describeDialTarget(dial) {
    const address = (host, port) => (external_node_net_.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`);
    return dial.intended && dial.via ? `${address(dial.intended.host, dial.intended.port)} (${dial.via})` : address(dial.host, dial.port);
}
/** One request, through the core HTTP client so TLS, CA bundles, SNI and the dialled address are ours to set. */
async function probe(check, transport) {
    const url = new URL(check.url);
    const secure = url.protocol === 'https:';
    const dial = resolveDialTarget(url, check, transport.connect);
    const dialled = describeDialTarget(dial);
    const headers = { host: url.host, 'user-agent': 'slipway-smoke', accept: 'application/health+json, application/json;q=0.9, */*;q=0.8', ...check.headers };
    const started = external_node_perf_hooks_.performance.now();
    try {
        // A redirect is an answer to judge, not to follow; a body past the cap is cut and reported.
        const response = await request_httpRequest(url, {
            method: check.method,
            headers,
            body: check.body,
            timeoutMs: transport.requestTimeoutMs,
            maxBodyBytes: MAX_BODY_BYTES,
            overflow: 'truncate',
            extraCa: secure ? transport.extraCa : undefined,
            connect: { host: dial.host, port: dial.port },
            agent: transport.agents ? (secure ? transport.agents.https : transport.agents.http) : undefined,
        });
        return {
            ok: true,
            status: response.status,
            contentType: response.header('content-type') ?? '',
            body: response.text(),
            bodyTruncated: response.truncated,
            latencyMs: external_node_perf_hooks_.performance.now() - started,
        };
    }
    catch (error) {
        if (!(error instanceof HttpRequestError))
            throw error;
        const cause = error.kind === 'timeout' || !(error.cause instanceof Error)
            ? Object.assign(new Error(error.kind === 'timeout' ? `no complete answer within ${transport.requestTimeoutMs} ms` : error.message), { code: error.code })
            : error.cause;
        // A tunnel accepts locally and then closes when the far end refuses: that is a refusal.
        if (dial.via && !error.answered && (cause.code === 'ECONNRESET' || cause.code === 'EPIPE'))
            cause.code = 'ECONNREFUSED';
        return http_probe_classify(cause, external_node_perf_hooks_.performance.now() - started, dialled);
    }
}
function http_probe_classify(error, latencyMs, dialled) {
    const code = error.code ?? error.name;
    const base = { ok: false, code, latencyMs, dialled };
    if (code === 'ECONNREFUSED')
        return { ...base, kind: 'refused', message: `connection refused on ${dialled}` };
    if (code === 'ETIMEDOUT')
        return { ...base, kind: 'timeout', message: error.message };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return { ...base, kind: 'dns', message: `name not found (${error.message.replace(/^getaddrinfo \w+ /, '')})` };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED')
        return { ...base, kind: 'reset', message: `connection closed by ${dialled} before a complete answer` };
    if (http_probe_TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
        return { ...base, kind: 'tls', message: `TLS verification failed (${code}: ${error.message})` };
    }
    return { ...base, kind: 'other', message: `${code}: ${error.message}` };
}

// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __nccwpck_require__(2738);
;// CONCATENATED MODULE: ./build/src/smoke/json-path.js
function json_path_parseJsonPath(path) {
    let rest = path.trim();
    if (rest === '$')
        return [];
    if (rest.startsWith('$.'))
        rest = rest.slice(2);
    else if (rest.startsWith('$['))
        rest = rest.slice(1);
    if (rest === '')
        return undefined;
    const segments = [];
    const token = /^(?:\.?([A-Za-z_$@-][\w$@-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/;
    let first = true;
    while (rest.length > 0) {
        const match = token.exec(rest);
        if (!match || (first && rest.startsWith('.')))
            return undefined;
        if (match[1] !== undefined)
            segments.push(match[1]);
        else if (match[2] !== undefined)
            segments.push(Number(match[2]));
        else if (match[3] !== undefined)
            segments.push(match[3].replace(/\\(.)/g, '$1'));
        else
            segments.push(match[4] ?? '');
        rest = rest.slice(match[0].length);
        first = false;
    }
    return segments;
}
function lookupJsonPath(document, segments) {
    let current = document;
    const walked = [];
    for (const segment of segments) {
        walked.push(typeof segment === 'number' ? `[${segment}]` : segment);
        if (Array.isArray(current)) {
            if (segment === 'length') {
                current = current.length;
                continue;
            }
            const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
            if (index < 0 || index >= current.length)
                return { found: false, missingAt: joinPath(walked) };
            current = current[index];
        }
        else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, String(segment))) {
            current = current[String(segment)];
        }
        else {
            return { found: false, missingAt: joinPath(walked) };
        }
    }
    return { found: true, value: current };
}
const joinPath = (walked) => walked.join('.').replace(/\.\[/g, '[');

;// CONCATENATED MODULE: ./build/src/smoke/assertions.js



/** A problem with how an assertion is written; the caller names the check and the input. */
class AssertionSyntaxError extends Error {
    fix;
    constructor(message, fix) {
        super(message);
        this.fix = fix;
    }
}
const SYMBOLS = { '==': 'equals', '!=': 'not-equals', '<': 'lt', '>': 'gt' };
const OPERATOR_WORDS = [...Object.keys(SYMBOLS), ...check_JSON_OPERATORS];
const EXPRESSION_FIX = 'Write `<path> <operator> <value>`, e.g. `version == 1.4.2`, `database != disconnected`, `uptime > 0`, `build exists`; operators: ==, !=, <, >, contains, matches, exists.';
/** `version == 1.4.2`, `tags contains beta`, `commit matches ^[0-9a-f]{7}`, `db exists`. */
function parseAssertionExpression(text) {
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(text.trim());
    if (!match)
        throw new AssertionSyntaxError(`assertion '${text}' is not understood (expected <path> <operator> <value>)`, EXPRESSION_FIX);
    const [, path = '', word = '', value] = match;
    const operator = SYMBOLS[word] ?? JSON_OPERATORS.find((op) => op === word);
    if (!operator) {
        throw new AssertionSyntaxError(`assertion '${text}' has an unknown operator (found '${word}', expected one of ${OPERATOR_WORDS.join(', ')})`, EXPRESSION_FIX);
    }
    return buildAssertion(path, operator, operator === 'exists' ? value ?? 'true' : unquote(value), text);
}
/** `{ path: version, equals: 1.4.2 }`: exactly one operator key besides `path`. */
function parseAssertionObject(entry) {
    const path = entry.path;
    const text = JSON.stringify(entry);
    if (typeof path !== 'string')
        throw new AssertionSyntaxError(`assertion ${text} has no 'path'`, 'Give each assertion a `path:` and one operator key, e.g. `{ path: version, equals: 1.4.2 }`.');
    const keys = Object.keys(entry).filter((key) => key !== 'path');
    const unknown = keys.filter((key) => !JSON_OPERATORS.includes(key));
    if (unknown.length > 0 || keys.length !== 1) {
        throw new AssertionSyntaxError(`assertion ${text} needs exactly one operator (found ${keys.length ? keys.join(', ') : 'none'}, expected one of ${JSON_OPERATORS.join(', ')})`, 'Write e.g. `{ path: version, equals: 1.4.2 }` or `{ path: build, exists: true }`.');
    }
    const operator = keys[0];
    const value = entry[operator];
    if (value !== null && typeof value === 'object') {
        throw new AssertionSyntaxError(`assertion ${text} compares with a list or map`, 'Compare with one value (a string, number or boolean).');
    }
    return buildAssertion(path, operator, value === null || value === undefined ? '' : String(value), `${path} ${operator} ${value ?? ''}`.trim());
}
function buildAssertion(path, operator, expected, text) {
    if (!parseJsonPath(path)) {
        throw new AssertionSyntaxError(`assertion '${text}' has a path that is not understood (found '${path}')`, 'Write a path like `version`, `data.version`, `checks[0].status` or `$.build["git-sha"]`.');
    }
    const assertion = { path, operator, expected, text };
    switch (operator) {
        case 'matches':
            {
                const pattern = compileUserPattern(expected);
                if ('error' in pattern)
                    throw new AssertionSyntaxError(`assertion '${text}' has a regular expression RE2 cannot compile (${pattern.error})`, 'Fix the pattern; it is RE2 syntax (no backreferences or lookaround).');
                assertion.pattern = pattern;
            }
            break;
        case 'lt':
        case 'gt':
            if (expected === '' || !Number.isFinite(Number(expected))) {
                throw new AssertionSyntaxError(`assertion '${text}' compares with something that is not a number (found '${expected}')`, 'Use a number after < or >.');
            }
            break;
        case 'exists':
            if (!/^(true|false)$/i.test(expected))
                throw new AssertionSyntaxError(`assertion '${text}' needs true or false for exists (found '${expected}')`, 'Write `exists: true` or `exists: false`.');
            assertion.present = /^true$/i.test(expected);
            break;
        case 'equals':
        case 'not-equals':
        case 'contains':
            if (expected === '' && operator === 'contains')
                throw new AssertionSyntaxError(`assertion '${text}' has nothing to look for`, 'Give the text or item to look for.');
            break;
    }
    return assertion;
}
function unquote(value) {
    if (value === undefined)
        return '';
    const trimmed = value.trim();
    if (trimmed.length >= 2 && ((trimmed.startsWith('"') && trimmed.endsWith('"')) || (trimmed.startsWith("'") && trimmed.endsWith("'")))) {
        return trimmed.slice(1, -1);
    }
    return trimmed;
}
/**
 * Compares an actual JSON value with what the user wrote, in the actual value's
 * type: a number with Number(expected), a boolean or null by its spelling, a
 * string as is, a list or map with the parsed JSON of the expected text.
 */
function looselyEquals(actual, expected) {
    if (typeof actual === 'string')
        return actual === expected;
    if (typeof actual === 'number')
        return expected.trim() !== '' && Number(expected) === actual;
    if (typeof actual === 'boolean' || actual === null)
        return String(actual) === expected.trim().toLowerCase();
    try {
        return JSON.stringify(actual) === JSON.stringify(JSON.parse(expected));
    }
    catch {
        return false;
    }
}
const showValue = (value, limit = 80) => {
    const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
};
/** Undefined when the assertion holds; otherwise what came back instead. */
function checkAssertion(assertion, document) {
    const segments = json_path_parseJsonPath(assertion.path) ?? [];
    const lookup = lookupJsonPath(document, segments);
    if (assertion.operator === 'exists') {
        if (lookup.found === assertion.present)
            return undefined;
        return lookup.found ? `expected no '${assertion.path}', found ${showValue(lookup.value)}` : `expected '${assertion.path}' to exist, it is missing`;
    }
    if (!lookup.found)
        return `expected ${assertion.text}, but '${assertion.path}' is missing`;
    const actual = lookup.value;
    const ok = (() => {
        switch (assertion.operator) {
            case 'equals': return looselyEquals(actual, assertion.expected);
            case 'not-equals': return !looselyEquals(actual, assertion.expected);
            case 'contains':
                if (typeof actual === 'string')
                    return actual.includes(assertion.expected);
                if (Array.isArray(actual))
                    return actual.some((item) => looselyEquals(item, assertion.expected));
                if (actual !== null && typeof actual === 'object')
                    return Object.prototype.hasOwnProperty.call(actual, assertion.expected);
                return false;
            case 'matches': return assertion.pattern?.test(typeof actual === 'string' ? actual : JSON.stringify(actual)) ?? false;
            case 'lt':
            case 'gt': {
                const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
                if (!Number.isFinite(number))
                    return false;
                return assertion.operator === 'lt' ? number < Number(assertion.expected) : number > Number(assertion.expected);
            }
            default: return false;
        }
    })();
    return ok ? undefined : `expected ${assertion.text}, got ${showValue(actual)}`;
}

;// CONCATENATED MODULE: ./build/src/smoke/health-document.js
const PASSING = new Set(['pass', 'ok', 'up', 'healthy', 'green', 'success']);
const WARNING = new Set(['warn', 'warning', 'degraded']);
const FAILING = new Set(['fail', 'failed', 'failure', 'down', 'error', 'unhealthy', 'critical', 'red']);
function judgeHealthDocument(document) {
    if (document === null || typeof document !== 'object' || Array.isArray(document))
        return { kind: 'none' };
    const record = document;
    if (typeof record.status === 'string') {
        const status = record.status.trim().toLowerCase();
        const form = `status: '${record.status}'`;
        if (PASSING.has(status))
            return { kind: 'pass', form };
        if (WARNING.has(status))
            return { kind: 'warn', form };
        if (FAILING.has(status))
            return { kind: 'fail', form };
    }
    if (typeof record.ok === 'boolean')
        return record.ok ? { kind: 'pass', form: 'ok: true' } : { kind: 'fail', form: 'ok: false' };
    return { kind: 'none' };
}

;// CONCATENATED MODULE: ./build/src/smoke/evaluate.js





/** Response bodies appear in messages only this long. */
const BODY_EXCERPT_CHARS = 200;
function evaluateAttempt(check, result, options = {}) {
    if (!result.ok) {
        return { passed: false, latencyMs: result.latencyMs, problems: [result.message], failureKind: result.kind };
    }
    const problems = [];
    const verdict = { passed: false, latencyMs: result.latencyMs, status: result.status, problems };
    if (!statusMatches(check.expectStatus, result.status)) {
        problems.push(`expected status ${describeStatus(check.expectStatus)}, got ${result.status}`);
    }
    const document = parseJsonBody(result.body, result.contentType);
    if (document.parsed) {
        if (check.healthDocument) {
            const health = judgeHealthDocument(document.value);
            verdict.health = health.kind;
            if (health.kind === 'fail')
                problems.push(`the health document reports failure (${health.form})`);
        }
        const segments = json_path_parseJsonPath(check.versionPath);
        const version = segments ? lookupJsonPath(document.value, segments) : undefined;
        if (version?.found && version.value !== null && typeof version.value !== 'object')
            verdict.versionSeen = String(version.value);
    }
    if (check.expectVersion !== undefined) {
        if (!document.parsed) {
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body is not JSON`);
        }
        else if (verdict.versionSeen === undefined) {
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body has no '${check.versionPath}'`);
        }
        else if (!looselyEquals(verdict.versionSeen, check.expectVersion)) {
            verdict.staleVersion = true;
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', got '${verdict.versionSeen}'`);
        }
    }
    if (check.json.length > 0) {
        if (!document.parsed)
            problems.push(`expected a JSON body for ${check.json.map((a) => `'${a.text}'`).join(', ')}, but it is not JSON`);
        else
            for (const assertion of check.json) {
                const problem = checkAssertion(assertion, document.value);
                if (problem)
                    problems.push(problem);
            }
    }
    for (const text of check.bodyContains) {
        if (!result.body.includes(text))
            problems.push(`expected the body to contain ${showValue(text)}`);
    }
    for (const pattern of check.bodyMatches) {
        if (!pattern.test(result.body))
            problems.push(`expected the body to match /${pattern.source}/`);
    }
    if (!options.ignoreLatencyBudget && check.maxLatencyMs !== undefined && result.latencyMs > check.maxLatencyMs) {
        problems.push(`expected an answer within ${check.maxLatencyMs} ms, took ${Math.round(result.latencyMs)} ms`);
    }
    verdict.passed = problems.length === 0;
    if (!verdict.passed)
        verdict.bodyExcerpt = excerpt(result.body, result.bodyTruncated);
    return verdict;
}
function parseJsonBody(body, contentType) {
    const trimmed = body.trimStart();
    if (!/json/i.test(contentType) && !trimmed.startsWith('{') && !trimmed.startsWith('['))
        return { parsed: false };
    try {
        return { parsed: true, value: JSON.parse(body) };
    }
    catch {
        return { parsed: false };
    }
}
/** A redacted, one-line, bounded view of a body for messages. */
function excerpt(body, truncated = false) {
    const flat = (0,secrets/* redact */.E$)(body).replace(/\s+/g, ' ').trim();
    if (flat.length <= BODY_EXCERPT_CHARS && !truncated)
        return flat;
    return `${flat.slice(0, BODY_EXCERPT_CHARS)}… (${body.length}${truncated ? '+' : ''} chars)`;
}

;// CONCATENATED MODULE: ./build/src/smoke/readiness.js



/** Retries one check with backoff until it passes N times in a row or the deadline passes. */
async function waitUntilReady(check, options, transport, log) {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    let attempts = 0;
    let streak = 0;
    let bestStreak = 0;
    let failuresInRow = 0;
    let everAnswered = false;
    let lastReason = '';
    let last;
    for (;;) {
        attempts += 1;
        last = evaluateAttempt(check, await probe(check, transport));
        if (last.failureKind !== 'refused')
            everAnswered = true;
        if (last.passed) {
            streak += 1;
            bestStreak = Math.max(bestStreak, streak);
            failuresInRow = 0;
            if (streak >= options.consecutivePasses)
                return { passed: true, attempts, bestStreak, durationMs: Date.now() - started, last };
            if (Date.now() + options.confirmIntervalMs > deadline)
                break;
            await (0,retry/* sleep */.yy)(options.confirmIntervalMs);
            continue;
        }
        streak = 0;
        failuresInRow += 1;
        const reason = last.problems.join('; ');
        if (reason !== lastReason) {
            log.info(`${check.name}: not ready yet (attempt ${attempts}): ${reason}`);
            lastReason = reason;
        }
        else {
            log.debug(`${check.name}: attempt ${attempts}: ${reason}`);
        }
        const now = Date.now();
        if (now >= deadline)
            break;
        await (0,retry/* sleep */.yy)(Math.min(readinessDelay(options, failuresInRow), deadline - now));
    }
    const durationMs = Date.now() - started;
    return { passed: false, attempts, bestStreak, durationMs, last, reason: explainFailure(check, last, { attempts, bestStreak, durationMs, everAnswered, transport, required: options.consecutivePasses }) };
}
/**
 * The pause after the n-th failure in a row: the base, growing by half each time up to the
 * maximum. A service usually turns ready within a second or two of a deploy; doubling from
 * 250 ms would find it up to a second late, small steps find it within a few hundred ms.
 * Jitter on the upper quarter keeps parallel runners from polling in lockstep.
 */
function readinessDelay(options, failuresInRow, random = Math.random) {
    const step = Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 1.5 ** Math.max(0, failuresInRow - 1));
    return Math.round(step * 0.75 + random() * step * 0.25);
}
function explainFailure(check, last, facts) {
    const over = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'} over ${seconds(facts.durationMs)}`;
    if (!facts.everAnswered) {
        const dial = resolveDialTarget(new URL(check.url), check, facts.transport.connect);
        return `connection refused until the deadline (${over}): nothing accepted connections on ${describeDialTarget(dial)}`;
    }
    if (last.passed) {
        return `passed ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row at best, ${facts.required} required, before the deadline (${over}): the service is flapping`;
    }
    const what = last.problems.join('; ');
    const body = last.bodyExcerpt ? `; body: ${last.bodyExcerpt}` : '';
    const flapping = facts.bestStreak > 0 ? `, after passing ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row (flapping)` : '';
    const stale = last.staleVersion ? ' — the previous release is still answering: the deploy did not take' : '';
    return `${what}${stale} (${over}${flapping})${body}`;
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;

;// CONCATENATED MODULE: ./build/src/smoke/soak.js





async function soak(check, options, transport) {
    // Keep-alive, like a browser or a load balancer: the soak measures the app, not TCP handshakes.
    const agents = transport.agents ?? {
        http: new external_node_http_.Agent({ keepAlive: true, maxSockets: options.concurrency }),
        https: new external_node_https_.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    };
    const soakTransport = { ...transport, agents };
    const latencies = [];
    let issued = 0;
    let errors = 0;
    let firstError;
    const started = external_node_perf_hooks_.performance.now();
    const endAt = started + options.durationMs;
    const worker = async () => {
        while (issued < options.requests && external_node_perf_hooks_.performance.now() < endAt) {
            issued += 1;
            const verdict = evaluateAttempt(check, await probe(check, soakTransport), { ignoreLatencyBudget: true });
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
    const durationMs = external_node_perf_hooks_.performance.now() - started;
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

;// CONCATENATED MODULE: ./build/src/smoke/run.js



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
    const started = external_node_perf_hooks_.performance.now();
    const transport = { requestTimeoutMs: settings.requestTimeoutMs, extraCa: settings.caCertificates, connect: settings.connect };
    const outcomes = await Promise.all(checks.map(async (check) => {
        const ready = await waitUntilReady(check, settings, transport, log);
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
            const result = await soak(check, settings.soak, transport);
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
        durationMs: external_node_perf_hooks_.performance.now() - started,
    };
}

;// CONCATENATED MODULE: ./build/src/smoke/via-ssh.js



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
            const remote = resolveDialTarget(new URL(check.url), check);
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
        return await runSmokeChecks(checks, { ...options, connect: forwarded.connect }, log);
    }
    finally {
        await forwarded.close();
    }
}
/** Opens a session per host, runs the checks from inside each, one host after another. */
async function runSmokeChecksViaSsh(targets, checks, options, runner, log) {
    const reports = [];
    for (const target of targets) {
        const session = await openSshSession(target, runner, log);
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

;// CONCATENATED MODULE: ./build/src/preview/naming.js

/** All previews of an app share this directory (and their own lock in it). */
const previewsDir = (appDir) => `${(0,host_state/* stateDir */.Pn)(appDir)}/previews`;
/**
 * One empty file per announced preview (`live/pr-<n>`), readable by the proxy:
 * what Caddy's on-demand TLS `ask` endpoint checks before it asks for a certificate.
 */
const liveDir = (appDir) => `${previewsDir(appDir)}/live`;
function previewNames(app, appDir, pr, portBase, domain) {
    const dir = `${previewsDir(appDir)}/pr-${pr}`;
    return {
        pr,
        project: `${app}-pr-${pr}`,
        dir,
        envFile: `${dir}/env`,
        overrideFile: `${dir}/override.json`,
        stateFile: `${dir}/state`,
        host: `pr-${pr}.${domain}`,
        port: previewPort(portBase, pr),
    };
}
/**
 * port-base plus the PR number's last three digits: what the static proxy
 * snippets compute from the host name, so no proxy config changes per preview.
 */
const previewPort = (portBase, pr) => portBase + (pr % 1000);
/**
 * The compose override of a preview: the PR image, the preview's own env file
 * for the container, and labels that mark it as a preview.
 */
function renderPreviewOverride(service, image, envFile, pr) {
    return `${JSON.stringify({ services: { [service]: { image, env_file: [envFile], labels: { 'dev.slipway.preview': String(pr) } } } }, null, 2)}\n`;
}
/**
 * Renders the env template on the host: `KEY={{generate}}` gets 32 fresh random
 * bytes (hex) from the host's /dev/urandom, so a preview's secrets never leave
 * the host and are never production's. `{{pr}}`, `{{port}}`, `{{host}}`,
 * `{{url}}` and `{{project}}` are replaced; PORT is always set. Kept when the
 * file exists (an update keeps the preview's secrets and sessions).
 * $1 template (may be missing) $2 env file $3 pr $4 port $5 host $6 url $7 project.
 */
const RENDER_ENV = [
    'set -e',
    'if [ -f "$2" ]; then echo kept; exit 0; fi',
    'umask 077',
    'mkdir -p "$(dirname "$2")"',
    'tmp="$2.tmp"',
    ': > "$tmp"',
    'if [ -f "$1" ]; then',
    '  while IFS= read -r line || [ -n "$line" ]; do',
    '    case "$line" in',
    '      *=\'{{generate}}\') printf "%s=%s\\n" "${line%%=*}" "$(od -An -tx1 -N32 /dev/urandom | tr -d " \\n")" >> "$tmp" ;;',
    '      *) printf "%s\\n" "$line" | sed -e "s|{{pr}}|$3|g" -e "s|{{port}}|$4|g" -e "s|{{host}}|$5|g" -e "s|{{url}}|$6|g" -e "s|{{project}}|$7|g" >> "$tmp" ;;',
    '    esac',
    '  done < "$1"',
    'fi',
    'grep -q "^PORT=" "$tmp" || printf "PORT=%s\\n" "$4" >> "$tmp"',
    'mv -f "$tmp" "$2"',
    'echo created',
].join('\n');
function parsePreviewState(text) {
    const values = {};
    for (const line of text.split('\n')) {
        const index = line.indexOf('=');
        if (index > 0)
            values[line.slice(0, index)] = line.slice(index + 1);
    }
    const pr = Number(values.pr);
    if (!Number.isInteger(pr) || pr <= 0)
        return undefined;
    return {
        pr, project: values.project ?? '', port: Number(values.port) || 0, host: values.host ?? '', image: values.image ?? '',
        version: values.version ?? '', sha: values.sha ?? '', created: values.created ?? '', updated: values.updated ?? '', status: values.status ?? '',
    };
}
/** Which previews must go to make room for one more (oldest first), or undefined if `up` must refuse. */
function previewsToEvict(existing, pr, max, whenFull) {
    const others = existing.filter((state) => state.pr !== pr);
    if (others.length < max)
        return [];
    if (whenFull === 'refuse')
        return undefined;
    return [...others].sort((a, b) => a.created.localeCompare(b.created)).slice(0, others.length - max + 1);
}
/** A live preview that already holds the port this PR would take (PR 5 and PR 1005 share the last three digits). */
function portClash(existing, pr, port) {
    return existing.find((state) => state.pr !== pr && state.port === port);
}
/**
 * A mount that is not the preview's own: a bind mount or another project's named
 * volume. Anonymous volumes (an image's VOLUME, 64 hex characters) belong to the
 * container alone and go with `down -v`.
 */
function foreignMounts(mounts, project) {
    return mounts.split(';').map((entry) => entry.trim()).filter(Boolean).filter((entry) => {
        const [type = '', name = ''] = entry.split(' ');
        if (type === 'volume')
            return !name.startsWith(`${project}_`) && !/^[0-9a-f]{64}$/.test(name);
        return type !== 'tmpfs';
    });
}
/** `docker system df -v` prints a Local Volumes table (NAME LINKS SIZE); the sizes of one project's volumes. */
function volumeSizes(dfOutput, project) {
    const lines = dfOutput.split('\n');
    const start = lines.findIndex((line) => /^Local Volumes space usage/.test(line));
    if (start < 0)
        return [];
    const sizes = [];
    for (const line of lines.slice(start + 1)) {
        if (/^Build cache usage|^\S.*space usage/.test(line))
            break;
        const cells = line.trim().split(/\s+/);
        if (cells.length >= 3 && cells[0]?.startsWith(`${project}_`))
            sizes.push({ name: cells[0], size: cells[cells.length - 1] ?? '' });
    }
    return sizes;
}
/** `12.5MB` → bytes (docker's units are powers of 1000). */
function parseDockerSize(text) {
    const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
    if (!match)
        return 0;
    const factor = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
    return Math.round(Number(match[1]) * (factor[match[2] ?? 'B'] ?? 1));
}

;// CONCATENATED MODULE: ./build/src/preview/host.js







const names = (h, pr) => previewNames(h.settings.app, h.settings.appDir, pr, h.settings.portBase, h.settings.domain);
const previewUrl = (settings, pr) => `${settings.scheme}://pr-${pr}.${settings.domain}`;
async function flavor(h) {
    const detected = (await h.session.exec(['sh', '-c', DETECT_COMPOSE])).stdout.trim();
    if (detected !== 'v1' && detected !== 'v2')
        throw new errors/* SlipwayError */.GQ(`${h.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
    return detected;
}
function project(h, n) {
    // The env file path is absolute; composeWords puts it under app-dir, so it is given relative to it.
    return { appDir: h.settings.appDir, files: h.settings.composeFiles, project: n.project, envFile: n.envFile.slice(h.settings.appDir.length + 1), overrideFile: n.overrideFile };
}
/** Previews share one lock of their own: a production deploy is never blocked by them, nor they by it. */
function lockPreviews(h) {
    return (0,lock/* acquireLock */.IZ)(h.session, previewsDir(h.settings.appDir), { holder: h.actor, runId: h.runId, waitMs: h.settings.lockTimeoutMs, staleAfterMs: h.settings.lockStaleAfterMs }, h.log);
}
async function readPreviews(h) {
    const script = 'for f in "$1"/pr-*/state; do [ -f "$f" ] || continue; cat "$f"; echo "--"; done';
    const out = (await h.session.exec(['sh', '-c', script, 'slipway-previews', previewsDir(h.settings.appDir)])).stdout;
    return out.split('--\n').map(parsePreviewState).filter((s) => s !== undefined).sort((a, b) => a.pr - b.pr);
}
async function writeState(h, file, state) {
    const text = Object.entries(state).map(([key, value]) => `${key}=${String(value).replace(/\n/g, ' ')}\n`).join('');
    // keepMode: a new state file is made 0600 (umask 077), an existing one keeps its mode.
    await (0,host_state/* writeAtomic */.vZ)(h.session, file, text, { name: 'slipway-state', keepMode: true });
}
/** Creates or updates one preview; must be called with the previews lock held. */
async function previewUp(h, pr) {
    const { settings, session } = h;
    const n = names(h, pr);
    const existing = await readPreviews(h);
    const clash = portClash(existing, pr, n.port);
    if (clash)
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: port ${n.port} is held by the live preview pr-${clash.pr} (same last three digits)`, { fix: `Remove pr-${clash.pr} first (slipway preview down --pr ${clash.pr}), or use another port-base.` });
    const evict = previewsToEvict(existing, pr, settings.maxPreviews, settings.whenFull);
    if (!evict)
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: ${existing.length} previews already run (max-previews ${settings.maxPreviews})`, { fix: 'Close or remove a preview, raise max-previews, or set when-full: evict-oldest.' });
    for (const old of evict) {
        h.log.warn(`preview pr-${pr}: max-previews ${settings.maxPreviews} reached, evicting the oldest, pr-${old.pr} (created ${old.created})`);
        await previewDown(h, old.pr);
    }
    const compose = await flavor(h);
    const url = previewUrl(settings, pr);
    // Made with the default umask: the proxy's `ask` endpoint reads live/ (the preview dirs themselves stay 0700).
    await session.exec(['mkdir', '-p', '--', liveDir(settings.appDir)]);
    const template = settings.envTemplate ? `${settings.appDir}/${settings.envTemplate}` : '';
    const rendered = (await session.exec(['sh', '-c', RENDER_ENV, 'slipway-preview-env', template || '/nonexistent', n.envFile, String(pr), String(n.port), n.host, url, n.project], {
        label: `ssh ${session.target.host}: preview pr-${pr} env file`,
    })).stdout.trim();
    const created = rendered === 'created';
    if (template && created) {
        const found = await session.exec(['test', '-f', template], { allowFailure: true });
        if (found.exitCode !== 0)
            throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: env-template ${settings.envTemplate} is not in ${settings.appDir} on the host`, { fix: 'Put the template (KEY={{generate}} for secrets) next to the compose file.' });
    }
    const previous = existing.find((s) => s.pr === pr);
    const now = new Date().toISOString();
    const state = {
        pr, project: n.project, port: n.port, host: n.host, image: settings.image ?? '', version: settings.version, sha: settings.sha ?? '',
        created: previous?.created ?? now, updated: now, status: 'starting',
    };
    // State first: a preview that dies half-way is still found by down and reap.
    await writeState(h, n.stateFile, state);
    await (0,host_state/* writeAtomic */.vZ)(session, n.overrideFile, renderPreviewOverride(settings.service, settings.image ?? '', n.envFile, pr), { name: 'slipway-override' });
    const words = composeWords(compose, project(h, n), 'up', '-d', '--remove-orphans');
    await session.exec(words, { stream: true, survivesDisconnect: true, label: `compose up ${n.project} on ${session.target.host}` });
    await checkIsolation(h, compose, n);
    if (settings.seed && created) {
        h.log.info(`preview pr-${pr}: seeding`);
        await session.exec(composeWords(compose, project(h, n), 'exec', '-T', settings.service, 'sh', '-c', settings.seed), { stream: true, label: `seed ${n.project}` });
    }
    const check = {
        name: `preview pr-${pr}`, url: `http://127.0.0.1:${n.port}${settings.healthPath}`, method: 'GET', headers: {},
        expectStatus: ANY_SUCCESS, json: [], bodyContains: [], bodyMatches: [], versionPath: 'version', healthDocument: true,
        expectVersion: settings.version || undefined,
    };
    const report = await runSmokeChecksOverSession(session, [check], { timeoutMs: settings.healthTimeoutMs, consecutivePasses: 2 }, h.log);
    if (!report.passed) {
        await writeState(h, n.stateFile, { ...state, status: 'unhealthy' });
        await session.exec(['rm', '-f', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: the smoke check failed (${report.checks[0]?.reason ?? 'not healthy'}); it stays up unannounced for a look, and is removed by down or reap`);
    }
    const live = { ...state, status: 'live' };
    await writeState(h, n.stateFile, live);
    await session.exec(['touch', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
    await (0,host_state/* appendDeployLog */._k)(session, previewsDir(settings.appDir), {
        time: now, action: 'deploy', strategy: 'preview', version: `pr-${pr} ${settings.version}`, previous: previous?.version ?? '', result: 'live', actor: h.actor,
    });
    return { state: live, url, created: !previous, evicted: evict.map((s) => s.pr) };
}
/** Refuses (and removes) a preview that mounts anything but its own named volumes: it could read production's data. */
async function checkIsolation(h, compose, n) {
    const ids = (await h.session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (ids.length === 0)
        return;
    const mounts = (await h.session.exec(['docker', 'inspect', '--format', '{{range .Mounts}}{{.Type}} {{.Name}}{{if eq .Type "bind"}}{{.Source}}{{end}};{{end}}', ...ids])).stdout.replace(/\n/g, ';');
    const foreign = foreignMounts(mounts, n.project);
    if (foreign.length === 0)
        return;
    await h.session.exec(composeWords(compose, project(h, n), 'down', '-v', '--remove-orphans'), { allowFailure: true });
    throw new errors/* SlipwayError */.GQ(`preview pr-${n.pr}: mounts ${foreign.join(', ')}, which is not one of its own named volumes; removed it`, {
        fix: 'Use named volumes without `name:` or `external:` in the compose file (compose prefixes them with the preview project), and no bind mounts of data.',
    });
}
/** Removes the project, its volumes, the env file and the state; true when something was there. */
async function previewDown(h, pr) {
    const n = names(h, pr);
    const { session } = h;
    const present = (await session.exec(['test', '-d', n.dir], { allowFailure: true })).exitCode === 0;
    const ids = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (present && ids.length > 0) {
        const compose = await flavor(h);
        await session.exec(composeWords(compose, project(h, n), 'down', '-v', '--remove-orphans', '--timeout', '5'), { allowFailure: true, label: `compose down ${n.project}` });
    }
    // Whatever compose left (a missing env file, a one-off container): by label, then the volumes by name prefix.
    const leftover = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (leftover.length > 0)
        await session.exec(['docker', 'rm', '-f', '-v', ...leftover], { allowFailure: true });
    const volumes = (await session.exec(['docker', 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (volumes.length > 0)
        await session.exec(['docker', 'volume', 'rm', '-f', ...volumes], { allowFailure: true });
    await session.exec(['rm', '-rf', '--', `${liveDir(h.settings.appDir)}/pr-${pr}`, n.dir]);
    if (present || ids.length > 0) {
        await (0,host_state/* appendDeployLog */._k)(session, previewsDir(h.settings.appDir), {
            time: new Date().toISOString(), action: 'deploy', strategy: 'preview', version: `pr-${pr} removed`, previous: '', result: 'removed', actor: h.actor,
        });
    }
    return present || ids.length > 0 || volumes.length > 0;
}
async function listPreviews(h) {
    const states = await readPreviews(h);
    if (states.length === 0)
        return [];
    const df = (await h.session.exec(['docker', 'system', 'df', '-v'], { allowFailure: true })).stdout;
    const running = (await h.session.exec(['docker', 'ps', '--format', '{{.Label "com.docker.compose.project"}}'])).stdout.split('\n');
    return states.map((state) => {
        const volumes = volumeSizes(df, state.project);
        return {
            ...state, url: previewUrl(h.settings, state.pr), volumes: volumes.map((v) => v.name),
            diskBytes: volumes.reduce((sum, v) => sum + parseDockerSize(v.size), 0), running: running.includes(state.project),
        };
    });
}

;// CONCATENATED MODULE: ./build/src/preview/preview.js






/** Why `reap` removes a preview, or undefined to keep it. */
async function reapReason(settings, state, now, transport = request_httpRequest, budget = {}) {
    const created = Date.parse(state.created);
    if (settings.maxAgeMs > 0 && Number.isFinite(created) && now.getTime() - created > settings.maxAgeMs)
        return `older than max-age (created ${state.created})`;
    if (settings.forge && (await pullRequestState(settings.forge, state.pr, transport, budget)) === 'closed')
        return 'its pull request is closed';
    return undefined;
}
/** up | down | list | reap on the (first) host, under the previews' own lock; announcements after the lock is released. */
async function runPreview(settings, context, transport = request_httpRequest) {
    const budget = { signal: context.signal };
    const target = settings.ssh.targets[0];
    if (!target)
        throw new Error('no host');
    const session = await session_openSshSession(target, context.runner, context.log);
    const actor = context.env.GITHUB_RUN_ID ? `${context.env.GITHUB_REPOSITORY ?? ''} run ${context.env.GITHUB_RUN_ID}` : `${external_node_os_.userInfo().username}@${external_node_os_.hostname()}`;
    const h = { session, settings, log: context.log, actor, runId: (0,leftovers/* runIdentity */.yK)(context.env, external_node_os_.hostname()) };
    const result = { command: settings.command, host: session.name, pr: settings.pr, removed: [], previews: [], announced: [] };
    const announcements = [];
    try {
        if (settings.command === 'list') {
            result.previews = await listPreviews(h);
            return result;
        }
        const lock = await lockPreviews(h);
        try {
            if (settings.command === 'up' && settings.pr) {
                try {
                    const up = await previewUp(h, settings.pr);
                    Object.assign(result, { url: up.url, version: up.state.version, created: up.created });
                    result.removed.push(...up.evicted);
                    announcements.push({ pr: settings.pr, url: up.url, version: up.state.version, status: 'live', sha: settings.sha });
                }
                catch (error) {
                    announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: settings.version, status: 'failed', sha: settings.sha, detail: error.message });
                    throw error;
                }
                finally {
                    for (const pr of result.removed)
                        announcements.push({ pr, url: previewUrl(settings, pr), version: '', status: 'removed' });
                }
            }
            else if (settings.command === 'down' && settings.pr) {
                if (await previewDown(h, settings.pr))
                    result.removed.push(settings.pr);
                announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: '', status: 'removed', sha: settings.sha });
            }
            else if (settings.command === 'reap') {
                const now = new Date();
                for (const state of await readPreviews(h)) {
                    const reason = await reapReason(settings, state, now, transport, budget);
                    if (!reason)
                        continue;
                    context.log.info(`preview pr-${state.pr}: reaping, ${reason}`);
                    await previewDown(h, state.pr);
                    result.removed.push(state.pr);
                    announcements.push({ pr: state.pr, url: previewUrl(settings, state.pr), version: state.version, status: 'removed' });
                }
            }
            result.previews = await listPreviews(h);
        }
        finally {
            await lock.release();
        }
    }
    finally {
        await session.close();
        if (settings.forge && settings.announce) {
            for (const a of announcements) {
                // An announcement that fails must not turn a good preview red: warn and go on.
                try {
                    result.announced.push(`pr-${a.pr} comment ${await upsertPreviewComment(settings.forge, a, transport, budget)}`);
                    if (a.sha) {
                        await markDeployment(settings.forge, a, transport, budget);
                        result.announced.push(`pr-${a.pr} ${settings.forge.kind === 'github' ? 'deployment' : 'commit status'} ${a.status}`);
                    }
                }
                catch (error) {
                    context.log.warn(`preview pr-${a.pr}: could not announce on ${settings.forge.kind}: ${error.message}`);
                }
            }
        }
    }
    return result;
}

;// CONCATENATED MODULE: ./build/src/core/config/host-paths.js

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
    const normalised = external_node_path_.posix.normalize(value).replace(/\/+$/, '');
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

;// CONCATENATED MODULE: ./build/src/deploy/common-settings.js
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+:@-]{0,127}$/;
/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
function forHost(template, host, index) {
    return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./build/src/ssh/inputs.js




/** The SSH inputs every action that reaches a host shares. */
const SSH_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
    'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout',
]));
const HOST_PATTERN = /^(?:([A-Za-z0-9._-]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const USER_PATTERN = /^[A-Za-z0-9._-]+$/;
/**
 * Reads `host`/`hosts` (`[user@]host[:port]`, one per line or comma), `port`, `user`,
 * `private-key` (content, or a path to a key file), `passphrase`, `known-hosts`
 * (lines, or a path), `host-fingerprint` (`SHA256:…`, several allowed),
 * `trust-on-first-use`, `jump-host`, `connect-timeout`, `command-timeout`.
 */
function parseSshInputs(inputs, defaults = {}) {
    const hostEntries = [...inputs.list('host'), ...inputs.list('hosts')];
    const hostInputOf = (index) => (index < inputs.list('host').length ? 'host' : 'hosts');
    if (hostEntries.length === 0)
        inputs.fail('hosts', 'is required but was empty', 'Set host (one host) or hosts (one per line), e.g. deploy@app.example.com:22.');
    const port = inputs.integer('port', 22, { min: 1, max: 65535 });
    const user = inputs.argument('user', 'deploy') ?? 'deploy';
    if (!USER_PATTERN.test(user))
        inputs.fail('user', `is not a user name (found '${user}')`);
    const privateKey = readKeyOrPath(inputs, 'private-key');
    const passphrase = inputs.secret('passphrase');
    if (!passphrase && isEncryptedPrivateKey(privateKey)) {
        inputs.fail('passphrase', 'is empty but private-key is encrypted, so ssh could not use it', 'Pass the key\'s passphrase from a secret in passphrase, or use a deploy key without one.');
    }
    const knownHosts = readTextOrPath(inputs, 'known-hosts');
    const badLine = knownHosts === undefined ? undefined : knownHostsProblem(knownHosts);
    if (badLine)
        inputs.fail('known-hosts', `line ${badLine.line} ${badLine.problem}`, 'Use the output of `ssh-keyscan -p PORT HOST` (checked against the host\'s own key), one key per line.');
    const fingerprints = inputs.list('host-fingerprint');
    for (const fingerprint of fingerprints) {
        if (!FINGERPRINT_PATTERN.test(fingerprint)) {
            inputs.fail('host-fingerprint', `is not an OpenSSH SHA256 fingerprint (found '${fingerprint}', expected SHA256: and 43 base64 characters)`, 'Get it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host.');
        }
    }
    const trustOnFirstUse = inputs.boolean('trust-on-first-use', false);
    if (trustOnFirstUse && fingerprints.length > 0) {
        // A pin names the one right key; accepting another one "on first use" would undo it.
        inputs.fail('trust-on-first-use', 'is true while host-fingerprint pins the host key, so a key that does not match the pin would be accepted as new', 'Remove trust-on-first-use (the pin is enough), or remove host-fingerprint to trust an unknown key on first use.');
    }
    if (!knownHosts && fingerprints.length === 0 && !trustOnFirstUse) {
        inputs.fail('known-hosts', 'is empty and no host-fingerprint is set, so the host cannot be verified', 'Set known-hosts (output of `ssh-keyscan -p PORT HOST`, checked) or host-fingerprint; trust-on-first-use: true accepts an unknown key, unsafely.');
    }
    const jumpHost = inputs.argument('jump-host');
    if (jumpHost !== undefined && !isHostEntry(jumpHost))
        inputs.fail('jump-host', `is not [user@]host[:port] (found '${jumpHost}')`);
    // Below a second ssh's ConnectTimeout is 0 (the system default); a 0 command timeout would wait for ever.
    const connectTimeoutMs = inputs.duration('connect-timeout', 15_000, { min: 1000 });
    const commandTimeoutMs = inputs.duration('command-timeout', defaults.commandTimeoutMs ?? 10 * 60_000, { min: 1000 });
    const targets = hostEntries.map((entry, index) => {
        const match = isHostEntry(entry) ? HOST_PATTERN.exec(entry) : null;
        if (!match)
            inputs.fail(hostInputOf(index), `has an entry that is not [user@]host[:port] (found '${entry}')`);
        const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
        const entryPort = match[3] ? Number(match[3]) : port;
        if (entryPort < 1 || entryPort > 65535)
            inputs.fail(hostInputOf(index), `has a port out of range (found '${entry}')`);
        return {
            host, port: entryPort, user: match[1] ?? user, privateKey, passphrase,
            hostKeys: { knownHosts, fingerprints, trustOnFirstUse }, jumpHost, connectTimeoutMs, commandTimeoutMs,
        };
    });
    return { targets };
}
/** `[user@]host[:port]` where neither user nor host could pass for an ssh option. */
function isHostEntry(entry) {
    const match = HOST_PATTERN.exec(entry);
    return Boolean(match) && !(match?.[1] ?? '').startsWith('-') && !(match?.[2] ?? '').startsWith('-');
}
function expandHome(value) {
    return value.startsWith('~/') ? `${external_node_os_.homedir()}${value.slice(1)}` : value;
}
function looksLikePath(value) {
    return !value.includes('\n') && /^(~\/|\/|\.\/)/.test(value.trim());
}
function readKeyOrPath(inputs, name) {
    const raw = inputs.source.get(name);
    if (!raw || !raw.trim())
        inputs.fail(name, 'is required but was empty', 'Pass the private key from a secret, e.g. private-key: ${{ secrets.DEPLOY_KEY }}.');
    let content = raw;
    if (looksLikePath(raw)) {
        try {
            content = external_node_fs_.readFileSync(expandHome(raw.trim()), 'utf8');
        }
        catch (error) {
            inputs.fail(name, `names a file that cannot be read (found '${raw.trim()}': ${error.code})`);
        }
    }
    (0,secrets/* registerSecret */.cl)(content);
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(content)) {
        inputs.fail(name, 'is not a private key (expected a -----BEGIN OPENSSH PRIVATE KEY----- block)', 'Paste the whole key file content into the secret, including the BEGIN and END lines.');
    }
    return content;
}
function readTextOrPath(inputs, name) {
    const raw = inputs.optional(name);
    if (raw === undefined)
        return undefined;
    if (!looksLikePath(raw))
        return raw;
    try {
        return external_node_fs_.readFileSync(expandHome(raw), 'utf8');
    }
    catch (error) {
        return inputs.fail(name, `names a file that cannot be read (found '${raw}': ${error.code})`);
    }
}

;// CONCATENATED MODULE: ./build/src/preview/settings.js



const APP = /^[a-z0-9][a-z0-9_-]{0,40}$/;
const DOMAIN = /^(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function parsePreviewSettings(inputs, env = {}) {
    const command = inputs.choice('command', ['up', 'down', 'list', 'reap'], 'up');
    const ssh = parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
    // app-dir first: under ssh-deploy, app is app-dir's last part.
    const appDir = hostDirectory(inputs, 'app-dir', inputs.required('app-dir', 'Set app-dir to the production application directory on the host, e.g. /srv/shop.'));
    const app = inputs.required('app', 'Set app to a short name for the application, e.g. shop: previews become compose projects shop-pr-<n>.');
    if (!APP.test(app))
        inputs.fail('app', `is not a compose project prefix (found '${app}', expected lowercase letters, digits, - and _)`);
    const needsPr = command === 'up' || command === 'down';
    const prText = needsPr ? inputs.required('pr', 'Set pr to the pull request number (github.event.pull_request.number).') : inputs.optional('pr');
    const pr = prText === undefined ? undefined : inputs.integer('pr', 0, { min: 1, max: 999_999_999 });
    const image = inputs.optional('image');
    if (command === 'up' && !image)
        inputs.fail('image', 'is required for preview up', 'Set image to the PR build, e.g. registry.example.com/shop:pr-12.');
    if (image !== undefined && !IMAGE.test(image))
        inputs.fail('image', `is not an image reference (found '${image}')`);
    const relative = (name, value) => hostRelativePath(inputs, name, value, name === 'env-template' ? { file: true, example: '.env.preview' } : {});
    const service = inputs.string('service', 'app');
    if (!SERVICE.test(service))
        inputs.fail('service', `is not a compose service name (found '${service}')`);
    const domain = inputs.string('domain', 'preview.localhost').toLowerCase();
    if (!DOMAIN.test(domain))
        inputs.fail('domain', `is not a domain name (found '${domain}', expected e.g. preview.example.com)`);
    const portBase = inputs.integer('port-base', 40000, { min: 1000, max: 64000 });
    if (portBase % 1000 !== 0)
        inputs.fail('port-base', `is not a multiple of 1000 (found ${portBase})`, 'The proxy snippets map pr-<n> to port-base + the last three digits of n, so port-base must end in 000, e.g. 40000.');
    const healthPath = inputs.string('health-path', '/api/health');
    if (!/^\/[A-Za-z0-9._~/?=&%-]*$/.test(healthPath))
        inputs.fail('health-path', `is not a URL path (found '${healthPath}')`);
    const imageTag = image?.includes('@') ? undefined : image?.split('/').pop()?.split(':')[1];
    const seed = inputs.optional('seed');
    const envTemplate = inputs.optional('env-template');
    const version = inputs.optional('version');
    // The version goes into the PR comment, the deployment and the log: one plain word, as a deploy's.
    if (version !== undefined && !VERSION.test(version)) {
        inputs.fail('version', `is not a version (found '${version.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or pr-12.');
    }
    const sha = inputs.optional('sha');
    if (sha !== undefined && !/^[0-9a-f]{7,64}$/.test(sha))
        inputs.fail('sha', `is not a commit id (found '${sha}')`);
    return {
        ssh, command, app, appDir, pr, image, sha,
        version: version ?? imageTag ?? sha?.slice(0, 12) ?? '',
        composeFiles: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
        service,
        envTemplate: envTemplate === undefined ? undefined : relative('env-template', envTemplate),
        seed,
        portBase,
        domain,
        scheme: inputs.choice('scheme', ['http', 'https'], 'https'),
        healthPath,
        healthTimeoutMs: inputs.duration('health-timeout', 60_000),
        maxPreviews: inputs.integer('max-previews', 5, { min: 1, max: 1000 }),
        whenFull: inputs.choice('when-full', ['evict-oldest', 'refuse'], 'evict-oldest'),
        maxAgeMs: inputs.duration('max-age', 14 * 86_400_000),
        forge: parseForge(inputs, env, command),
        announce: inputs.boolean('announce', true),
        lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
        lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000),
    };
}
/** The forge is needed by reap (is the PR closed?) and by announcements; taken from the runner's environment by default. */
function parseForge(inputs, env, command) {
    const token = inputs.token('forge-token', 'Pass the token alone, e.g. forge-token: ${{ secrets.GITHUB_TOKEN }}.');
    const kind = inputs.choice('forge', ['github', 'forgejo'], env.GITEA_ACTIONS === 'true' || env.FORGEJO_ACTIONS === 'true' ? 'forgejo' : 'github');
    const repository = inputs.optional('repository') ?? env.GITHUB_REPOSITORY;
    const apiUrl = (inputs.optional('forge-url') ?? (kind === 'github' ? env.GITHUB_API_URL ?? 'https://api.github.com' : env.GITHUB_API_URL ?? (env.GITHUB_SERVER_URL ? `${env.GITHUB_SERVER_URL}/api/v1` : undefined)))?.replace(/\/+$/, '');
    if (!token) {
        if (command === 'reap')
            inputs.fail('forge-token', 'is required for reap (it asks the forge which PRs are closed)', 'Pass forge-token: ${{ secrets.GITHUB_TOKEN }} (pull-requests: read).');
        return undefined;
    }
    if (!repository || !REPOSITORY.test(repository))
        inputs.fail('repository', `is not owner/name (found '${repository ?? ''}')`);
    if (!apiUrl || !/^https?:\/\/[^\s]+$/.test(apiUrl))
        inputs.fail('forge-url', `is not an http(s) URL (found '${apiUrl ?? ''}')`, 'Set forge-url to https://api.github.com or https://<forgejo>/api/v1.');
    return { kind, apiUrl, repository, token };
}

;// CONCATENATED MODULE: ./build/src/preview/flow.js



const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** `slipway preview up|down|list|reap` and `actions/preview`: one compose project per pull request. */
const previewFlow = {
    command: 'preview',
    action: 'preview',
    describe: 'Preview environments per pull request: up | down | list | reap (own compose project, env, volumes, port; never reloads the proxy)',
    parse: (inputs, context) => parsePreviewSettings(inputs, context.env),
    run: (settings, context) => runPreview(settings, context),
    outputs: (result) => ({
        url: result.url ?? '',
        version: result.version ?? '',
        removed: result.removed.join(','),
        previews: JSON.stringify(result.previews.map(({ pr, url, version, status, port, diskBytes, created }) => ({ pr, url, version, status, port, diskBytes, created }))),
    }),
    summary: (result) => new summary/* Summary */.BD()
        .heading(`Preview ${result.command}${result.pr ? ` pr-${result.pr}` : ''} on ${result.host}`)
        .text([
        result.url ? `Live at ${result.url} (${result.created ? 'created' : 'updated'}, version ${result.version || '-'})` : '',
        result.removed.length ? `Removed: ${result.removed.map((pr) => `pr-${pr}`).join(', ')}` : '',
    ].filter(Boolean).join('\n') || `${result.previews.length} preview(s)`)
        .table(['preview', 'url', 'version', 'status', 'port', 'disk', 'created'], result.previews.map((p) => [
        `pr-${p.pr}`, p.url, p.version || '-', p.running ? p.status : `${p.status} (not running)`, String(p.port), megabytes(p.diskBytes), p.created,
    ])),
};


/***/ }),

/***/ 5632:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bx: () => (/* binding */ TARGET_ALIAS),
/* harmony export */   GX: () => (/* binding */ agentAddCommand),
/* harmony export */   Lo: () => (/* binding */ agentListCommand),
/* harmony export */   NE: () => (/* binding */ sessionPaths),
/* harmony export */   NK: () => (/* binding */ execCommand),
/* harmony export */   OT: () => (/* binding */ withEnvFromStdin),
/* harmony export */   P1: () => (/* binding */ forwardSpec),
/* harmony export */   Tm: () => (/* binding */ agentStartCommand),
/* harmony export */   Z1: () => (/* binding */ forwardCommand),
/* harmony export */   ZV: () => (/* binding */ agentStopCommand),
/* harmony export */   fY: () => (/* binding */ rsyncCommand),
/* harmony export */   jw: () => (/* binding */ controlCommand),
/* harmony export */   mJ: () => (/* binding */ renderEnvFile),
/* harmony export */   qN: () => (/* binding */ withEnvFromFile),
/* harmony export */   qW: () => (/* binding */ masterCommand),
/* harmony export */   r4: () => (/* binding */ renderSshConfig),
/* harmony export */   wG: () => (/* binding */ parseAgentPid),
/* harmony export */   wN: () => (/* binding */ survivingDisconnect)
/* harmony export */ });
/* unused harmony export CONTROL_PERSIST_S */
/* harmony import */ var _core_command_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9764);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(791);


/** How long a master outlives its last command (see KEEPALIVE_IDLE_MS in session.ts). */
const CONTROL_PERSIST_S = 30;
/** The alias every command uses; the config file maps it to the real host. */
const TARGET_ALIAS = 'slipway-target';
function sessionPaths(dir, withAgent) {
    return {
        dir,
        config: `${dir}/ssh_config`,
        controlPath: `${dir}/control`,
        identityFile: withAgent ? `${dir}/id.pub` : `${dir}/id`,
        knownHosts: `${dir}/known_hosts`,
        hostKeyScript: `${dir}/host-key-check`,
        agentSocket: withAgent ? `${dir}/agent.sock` : undefined,
    };
}
/**
 * The ssh_config of one session. A config file (rather than -o flags) is what a
 * ProxyJump hop reads too, so the jump host gets the same key checks and key.
 */
function renderSshConfig(target, paths) {
    const seconds = Math.max(1, Math.ceil(target.connectTimeoutMs / 1000));
    const lines = [
        `Host ${TARGET_ALIAS}`,
        `  HostName ${target.host}`,
        `  Port ${target.port}`,
        `  User ${target.user}`,
        ...(target.jumpHost ? [`  ProxyJump ${target.jumpHost}`] : []),
        '',
        'Host *',
        `  IdentityFile ${paths.identityFile}`,
        '  IdentitiesOnly yes',
        `  IdentityAgent ${paths.agentSocket ?? 'none'}`,
        '  BatchMode yes',
        '  PasswordAuthentication no',
        '  KbdInteractiveAuthentication no',
        `  UserKnownHostsFile ${paths.knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        `  KnownHostsCommand ${paths.hostKeyScript} %H %t %K`,
        `  StrictHostKeyChecking ${(0,_target_js__WEBPACK_IMPORTED_MODULE_0__/* .acceptsUnknownKeys */ .cv)(target.hostKeys) ? 'accept-new' : 'yes'}`,
        '  UpdateHostKeys no',
        '  CheckHostIP no',
        `  ConnectTimeout ${seconds}`,
        // A dead peer is noticed within ~15 s instead of a TCP timeout.
        '  ServerAliveInterval 5',
        '  ServerAliveCountMax 3',
        `  ControlPath ${paths.controlPath}`,
        '  ControlMaster no',
        // Short: the session keeps an idle master alive and closes it with -O exit; a killed run's master expires on its own.
        `  ControlPersist ${CONTROL_PERSIST_S}s`,
        '  LogLevel ERROR',
        '',
    ];
    return lines.join('\n');
}
/** Opens the one authenticated connection; ssh forks to the background once it is up. */
function masterCommand(paths) {
    return { file: 'ssh', args: ['-F', paths.config, '-o', 'ControlMaster=yes', '-f', '-N', TARGET_ALIAS] };
}
/**
 * Options for every command after the master: go through the control socket or
 * fail. `ProxyCommand=false` stops a silent second connection when the master is gone.
 */
function clientOptions(paths) {
    return ['-F', paths.config, '-o', 'ControlMaster=no', '-o', 'ProxyCommand=false'];
}
/** Runs one remote command line, built from quoted words, over the master. */
function execCommand(paths, remoteWords, stdin) {
    return { file: 'ssh', args: [...clientOptions(paths), TARGET_ALIAS, '--', (0,_core_command_js__WEBPACK_IMPORTED_MODULE_1__/* .shellJoin */ .nZ)(remoteWords)], stdin };
}
function controlCommand(paths, operation) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, TARGET_ALIAS] };
}
function forwardSpec(localPort, remoteHost, remotePort) {
    const host = remoteHost.includes(':') ? `[${remoteHost}]` : remoteHost;
    return `127.0.0.1:${localPort}:${host}:${remotePort}`;
}
function forwardCommand(paths, operation, spec) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, '-L', spec, TARGET_ALIAS] };
}
/** rsync over the master connection. The remote path is quoted for the remote shell (rsync passes it through one). */
function rsyncCommand(paths, localPath, remotePath, options = {}) {
    const transport = ['ssh', ...clientOptions(paths)].join(' ');
    return {
        file: 'rsync',
        args: [
            '--archive',
            '--compress',
            ...(options.delete ? ['--delete'] : []),
            ...(options.excludes ?? []).map((pattern) => `--exclude=${pattern}`),
            '--rsh', transport,
            '--protect-args',
            // The local path is a positional argument: after `--` no path can pass for an option.
            '--',
            localPath,
            `${TARGET_ALIAS}:${remotePath}`,
        ],
    };
}
function agentStartCommand(paths) {
    return { file: 'ssh-agent', args: ['-s', '-a', paths.agentSocket ?? `${paths.dir}/agent.sock`] };
}
/** ssh-add reads the passphrase from the askpass program, never from argv; the key expires on its own after `lifetimeSeconds`. */
function agentAddCommand(paths, askpass, lifetimeSeconds) {
    return {
        file: 'ssh-add',
        args: ['-t', String(lifetimeSeconds), `${paths.dir}/id`],
        env: { SSH_AUTH_SOCK: paths.agentSocket ?? '', SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'slipway:0' },
        stdin: '',
    };
}
function agentListCommand(paths) {
    return { file: 'ssh-add', args: ['-L'], env: { SSH_AUTH_SOCK: paths.agentSocket ?? '' } };
}
function agentStopCommand(paths, agentPid) {
    return { file: 'ssh-agent', args: ['-k'], env: { SSH_AUTH_SOCK: paths.agentSocket ?? '', SSH_AGENT_PID: String(agentPid) } };
}
/** Parses `SSH_AGENT_PID=1234;` from `ssh-agent -s`. */
function parseAgentPid(output) {
    const match = /SSH_AGENT_PID=(\d+)/.exec(output);
    return match ? Number(match[1]) : undefined;
}
/** `KEY='value'` lines a POSIX shell can source; names are checked, values quoted. */
function renderEnvFile(env) {
    return Object.entries(env)
        .map(([key, value]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
            throw new Error(`not a valid environment variable name: '${key}'`);
        return `${key}='${value.replace(/'/g, `'\\''`)}'\n`;
    })
        .join('');
}
/**
 * Remote words that run `words` with environment read from stdin (export all
 * sourced names), so values never appear on a command line or in `ps`.
 */
function withEnvFromStdin(words) {
    return ['sh', '-c', 'set -a; . /dev/stdin; set +a; exec "$@"', 'slipway-env', ...words];
}
/** Remote words that source a 0600 env file, remove it, then run `words`. */
function withEnvFromFile(file, words) {
    return ['sh', '-c', 'set -a; . "$1"; set +a; rm -f "$1"; shift; exec "$@"', 'slipway-env', file, ...words];
}
/**
 * Remote words that finish even if the connection drops: hang-ups and broken
 * pipes are ignored and output goes to a file first, then is printed. Used for
 * steps that must not stop half-way (switching what runs).
 */
function survivingDisconnect(words) {
    const script = [
        "trap '' HUP PIPE",
        'out=$(mktemp) || exit 1',
        '"$@" >"$out" 2>&1',
        'status=$?',
        'cat "$out"',
        'rm -f "$out"',
        'exit $status',
    ].join('; ');
    return ['sh', '-c', script, 'slipway-step', ...words];
}


/***/ }),

/***/ 791:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   cv: () => (/* binding */ acceptsUnknownKeys),
/* harmony export */   ff: () => (/* binding */ describeTarget)
/* harmony export */ });
/* unused harmony export knownHostsName */
/**
 * Whether ssh may accept a key nobody vouched for. A pin says exactly which key is
 * right, so any other key is refused even if trust-on-first-use was also asked for
 * (ssh's accept-new would take a mismatching key as merely "new").
 */
function acceptsUnknownKeys(policy) {
    return Boolean(policy.trustOnFirstUse) && (policy.fingerprints ?? []).length === 0;
}
/** How known_hosts names a host: `host` on port 22, `[host]:port` otherwise. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
/** `user@host:port`, for messages. */
function describeTarget(target) {
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    return `${target.user}@${host}:${target.port}`;
}


/***/ }),

/***/ 7187:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m: () => (/* binding */ exec)
});

// UNUSED EXPORTS: getExecOutput

// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __nccwpck_require__(8701);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util = __nccwpck_require__(90);
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return __awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!io_util/* isRooted */.Qh(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield io/* which */.K7(this.toolPath, true);
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield io_util/* exists */.t2(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map

/***/ }),

/***/ 90:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   H8: () => (/* binding */ IS_WINDOWS),
/* harmony export */   Qh: () => (/* binding */ isRooted),
/* harmony export */   rm: () => (/* binding */ rm),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   vr: () => (/* binding */ tryGetExecutablePath)
/* harmony export */ });
/* unused harmony exports chmod, copyFile, lstat, open, readdir, rename, rmdir, stat, symlink, unlink, readlink, UV_FS_O_EXLOCK, READONLY, isDirectory, getCmdPath */
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9896);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs__WEBPACK_IMPORTED_MODULE_0__.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = path__WEBPACK_IMPORTED_MODULE_1__.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path__WEBPACK_IMPORTED_MODULE_1__.dirname(filePath);
                        const upperName = path__WEBPACK_IMPORTED_MODULE_1__.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path__WEBPACK_IMPORTED_MODULE_1__.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map

/***/ }),

/***/ 8701:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   U$: () => (/* binding */ mkdirP),
/* harmony export */   Yz: () => (/* binding */ rmRF)
/* harmony export */ });
/* unused harmony exports cp, mv, findInPath */
/* harmony import */ var assert__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2613);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
/* harmony import */ var _io_util_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(90);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return __awaiter(this, void 0, void 0, function* () {
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        (0,assert__WEBPACK_IMPORTED_MODULE_0__.ok)(fsPath, 'a path argument must be provided');
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .mkdir */ .Ck(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .isRooted */ .Qh(tool)) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(path__WEBPACK_IMPORTED_MODULE_1__.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return __awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function copyFile(srcFile, destFile, force) {
    return __awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5193);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
