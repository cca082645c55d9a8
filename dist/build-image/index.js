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

/***/ 8261:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _image_build_flow_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3756);
/* harmony import */ var _platform_actions_edge_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3512);
// The build-image action: inputs → the shared core flow → outputs and summary.


await (0,_platform_actions_edge_js__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(_image_build_flow_js__WEBPACK_IMPORTED_MODULE_1__/* .buildImageFlow */ .OS);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

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
/* harmony export */   vy: () => (/* binding */ recordLeftover)
/* harmony export */ });
/* unused harmony export runIdentity */
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

/***/ 3756:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  OS: () => (/* binding */ buildImageFlow)
});

// UNUSED EXPORTS: buildImage, formatBytes

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __nccwpck_require__(1253);
;// CONCATENATED MODULE: ./build/src/image/reference.js
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

;// CONCATENATED MODULE: ./build/src/image/tags.js

/** Docker tags allow [A-Za-z0-9_.-]; branch names allow much more. */
function sanitizeTag(value) {
    return value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
}
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
/** The tags a commit earns: sha-<short>, sha-<full>, branch, semver (x.y.z, x.y, x), latest, extras. */
function computeTags(git, policy) {
    const tags = [];
    if (git.sha)
        tags.push(`sha-${git.sha.slice(0, 7)}`, `sha-${git.sha}`);
    const branch = git.ref?.startsWith('refs/heads/') ? git.ref.slice('refs/heads/'.length) : undefined;
    if (branch)
        tags.push(sanitizeTag(branch));
    const tag = git.ref?.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
    if (tag) {
        const semver = SEMVER.exec(tag);
        if (semver) {
            const [, major, minor, patch, prerelease] = semver;
            if (prerelease)
                tags.push(`${major}.${minor}.${patch}-${prerelease}`);
            else
                tags.push(`${major}.${minor}.${patch}`, `${major}.${minor}`, `${major}`);
        }
        else {
            tags.push(sanitizeTag(tag));
        }
    }
    const onDefault = branch !== undefined && branch === (git.defaultBranch ?? 'main');
    if (policy.latest === 'true' || (policy.latest === 'auto' && onDefault))
        tags.push('latest');
    tags.push(...policy.extra);
    return [...new Set(tags.filter((candidate) => candidate !== ''))];
}
/** A human version for the `version` label: the semver tag, else the short sha. */
function versionOf(git) {
    const tag = git.ref?.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
    if (tag)
        return tag.replace(/^v(?=\d)/, '');
    return git.sha?.slice(0, 7);
}
function invalidTags(tags) {
    return tags.filter((tag) => !isValidTag(tag));
}
/**
 * Every name one build carries: the image's own tags first (the primary tag stays
 * `image:sha-<short>`), then each other repository with every tag, or its one tag.
 * All of them name the same image, so every registry they go to gets the same digest.
 */
function imageReferences(image, tags, extra) {
    const references = tags.map((tag) => `${image}:${tag}`);
    for (const reference of extra) {
        if (reference.tag)
            references.push(`${reference.repository}:${reference.tag}`);
        else
            references.push(...tags.map((tag) => `${reference.repository}:${tag}`));
    }
    return [...new Set(references)];
}

;// CONCATENATED MODULE: ./build/src/image/build-settings.js




/** Files whose change means new dependencies (a new dependency layer). */
const DEPENDENCY_FILES = [
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'requirements.txt',
    'poetry.lock', 'Pipfile.lock', 'uv.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'mix.lock',
    'pom.xml', 'build.gradle', 'build.gradle.kts', 'deps.txt',
];
const SECRET_LOOKING = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
function parseBuildSettings(inputs, workDir) {
    const image = inputs.required('image', "Set it to the repository to build, e.g. 'git.example.com/team/app'.");
    const parsed = parseImageReference(image);
    if ('error' in parsed)
        inputs.fail('image', parsed.error);
    if (parsed.tag || parsed.digest)
        inputs.fail('image', `names a tag or digest (found '${image}')`, "Give the repository only; tags come from git and input 'tags'.");
    // Absolute after resolving, so the build's one positional argument can never read as an option.
    const context = external_node_path_.resolve(workDir, inputs.string('context', '.'));
    if (!external_node_fs_.existsSync(context) || !external_node_fs_.statSync(context).isDirectory()) {
        inputs.fail('context', `directory ${context} does not exist`, 'Point it at the folder with your Dockerfile (relative to the workspace), and check out the repository first.');
    }
    const dockerfile = external_node_path_.resolve(context, inputs.string('dockerfile', 'Dockerfile'));
    if (!external_node_fs_.existsSync(dockerfile) || !external_node_fs_.statSync(dockerfile).isFile()) {
        inputs.fail('dockerfile', `file ${dockerfile} does not exist`, "Set it to the Dockerfile's path relative to the context.");
    }
    const platforms = inputs.list('platforms');
    if (platforms.length === 0)
        platforms.push('linux/amd64');
    for (const platform of platforms) {
        if (!KNOWN_PLATFORMS.includes(platform)) {
            inputs.fail('platforms', `has an unknown platform (found '${platform}', expected one of ${KNOWN_PLATFORMS.join(', ')})`);
        }
    }
    // The image is loaded into the local engine (push-image pushes from there), and buildx
    // refuses --load for a multi-platform build.
    if (platforms.length > 1) {
        inputs.fail('platforms', `lists ${platforms.length} platforms (found '${platforms.join(',')}', expected one)`, 'Use one platform per build-image step (linux/amd64 is the default), with a step per platform and distinct tags.');
    }
    // A tag name cannot hold '/' or ':', so an entry with one is a full reference: another name for this one build.
    const entries = inputs.list('tags');
    const extraTags = entries.filter((entry) => !/[/:@]/.test(entry));
    const badTags = invalidTags(extraTags);
    if (badTags.length) {
        inputs.fail('tags', `has a tag a registry would refuse (found '${badTags[0]}')`, 'Tags use letters, digits, _ . - only, at most 128 characters, not starting with . or -.');
    }
    const extraReferences = entries.filter((entry) => /[/:@]/.test(entry)).map((entry) => {
        const reference = parseImageReference(entry);
        if ('error' in reference)
            return inputs.fail('tags', invalidReference(entry, reference));
        if (reference.digest) {
            return inputs.fail('tags', `names a digest (found '${entry}'), which is known only once the image is pushed`, "Give 'registry/app' (every tag of this build there too) or 'registry/app:tag'.");
        }
        return { repository: repositoryOf(entry), tag: reference.tag };
    });
    const buildArgs = inputs.keyValues('build-args');
    const secretLooking = Object.keys(buildArgs).find((name) => SECRET_LOOKING.test(name));
    if (secretLooking) {
        inputs.fail('build-args', `has '${secretLooking}', which looks like a secret; build args stay readable in the image history`, "Pass it in input 'build-secrets' instead and read it with RUN --mount=type=secret,id=...");
    }
    // Registered whole and in pieces before parsing, split on lines only, errors by line number: no value can show.
    const buildSecrets = inputs.keyValues('build-secrets', { secret: true });
    for (const [index, id] of Object.keys(buildSecrets).entries()) {
        if (!/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith('-'))
            inputs.fail('build-secrets', `secret ${index + 1} has an invalid id`, 'Ids use letters, digits, _ . - only; write one id=value per line.');
    }
    return {
        image,
        context,
        dockerfile,
        platforms,
        extraTags,
        extraReferences,
        latest: inputs.choice('latest', ['auto', 'true', 'false'], 'auto'),
        buildArgs,
        buildSecrets,
        labels: inputs.keyValues('labels'),
        target: inputs.argument('target'),
        network: inputs.argument('network'),
        layerCache: inputs.choice('layer-cache', ['auto', 'on', 'off'], 'auto'),
        noCache: inputs.boolean('no-cache', false),
        cacheKeyFiles: inputs.list('cache-key-files'),
        version: inputs.optional('version'),
    };
}

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
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

;// CONCATENATED MODULE: ./build/src/image/docker-commands.js
const sorted = (record) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
function buildCommand(plan, builder) {
    const args = builder.kind === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
    args.push('--platform', plan.platforms.join(','), '--file', plan.dockerfile, '--iidfile', plan.iidFile);
    for (const reference of plan.references)
        args.push('--tag', reference);
    for (const [key, value] of sorted(plan.labels))
        args.push('--label', `${key}=${value}`);
    for (const [key, value] of sorted(plan.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [id, file] of sorted(plan.secretFiles))
        args.push('--secret', `id=${id},src=${file}`);
    if (plan.target)
        args.push('--target', plan.target);
    if (plan.network)
        args.push('--network', plan.network);
    if (plan.noCache)
        args.push('--no-cache');
    if (builder.kind === 'buildx' && plan.cacheDir) {
        if (plan.cacheDir.from)
            args.push('--cache-from', `type=local,src=${plan.cacheDir.from}`);
        args.push('--cache-to', `type=local,dest=${plan.cacheDir.to},mode=max`);
    }
    else {
        if (plan.cacheFrom)
            args.push('--cache-from', plan.cacheFrom);
        // BuildKit reuses layers of a --cache-from image only if that image was built with inline cache metadata.
        if (plan.inlineCache && builder.kind !== 'classic')
            args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    }
    args.push(plan.context);
    // The classic builder is forced off BuildKit; the BuildKit path forces it on.
    const env = builder.kind === 'classic' ? { DOCKER_BUILDKIT: '0' } : builder.kind === 'buildkit' ? { DOCKER_BUILDKIT: '1' } : undefined;
    return { file: builder.docker, args, env };
}
const inspectImageCommand = (docker, reference) => ({
    file: docker,
    args: ['image', 'inspect', '--format', '{{json .}}', reference],
});
const saveImageCommand = (docker, reference, tarball) => ({
    file: docker,
    args: ['image', 'save', '--output', tarball, reference],
});
const loadImageCommand = (docker, tarball) => ({
    file: docker,
    args: ['image', 'load', '--quiet', '--input', tarball],
});
const tagImageCommand = (docker, source, target) => ({
    file: docker,
    args: ['image', 'tag', source, target],
});
/** Password on stdin, never argv. */
const loginCommand = (registry, username, password, dockerConfig) => ({
    file: 'docker',
    args: ['login', registry, '--username', username, '--password-stdin'],
    env: { DOCKER_CONFIG: dockerConfig },
    stdin: password,
});
const logoutCommand = (registry, dockerConfig) => ({
    file: 'docker',
    args: ['logout', registry],
    env: { DOCKER_CONFIG: dockerConfig },
});
const pushCommand = (reference, dockerConfig) => ({
    file: 'docker',
    args: ['push', reference],
    env: { DOCKER_CONFIG: dockerConfig },
});
const pullCommand = (reference, platform, dockerConfig) => ({
    file: 'docker',
    args: ['pull', '--platform', platform, reference],
    env: { DOCKER_CONFIG: dockerConfig },
});

;// CONCATENATED MODULE: ./build/src/image/git-facts.js

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
    if (!env.GITHUB_EVENT_PATH || !external_node_fs_.existsSync(env.GITHUB_EVENT_PATH))
        return undefined;
    try {
        const event = JSON.parse(external_node_fs_.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
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

// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __nccwpck_require__(8929);
;// CONCATENATED MODULE: ./build/src/image/build-flow.js











async function buildImage(settings, context) {
    const { runner, log } = context;
    const started = Date.now();
    // Independent probes (docker's, git's): side by side, they cost one round of process starts.
    const [builder, git] = await Promise.all([
        detectBuilder(runner, log, Object.keys(settings.buildSecrets).length > 0),
        readGitFacts(runner, settings.context, context.env, log),
    ]);
    const tags = computeTags(git, { latest: settings.latest, extra: settings.extraTags });
    if (tags.length === 0)
        tags.push('latest');
    const version = settings.version ?? versionOf(git);
    const references = imageReferences(settings.image, tags, settings.extraReferences);
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
            keyFiles: settings.cacheKeyFiles.length ? settings.cacheKeyFiles : DEPENDENCY_FILES,
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
                await runner.run(loadImageCommand(builder.docker, tarball), { timeoutMs: 600_000 });
                cacheFrom = cacheImageName(settings.image);
            }
        }
        const iidFile = external_node_path_.join(scratch, 'iid');
        const exportedCache = external_node_path_.join(scratch, 'layer-cache-new');
        const command = buildCommand({
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
        const inspect = await runner.run(inspectImageCommand(builder.docker, imageId));
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
                    await runner.run(tagImageCommand(builder.docker, imageId, cacheImageName(settings.image)));
                    await runner.run(saveImageCommand(builder.docker, cacheImageName(settings.image), tarball), { timeoutMs: 600_000 });
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
    parse: (inputs, context) => parseBuildSettings(inputs, context.workDir),
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

/***/ 3512:
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
;// CONCATENATED MODULE: ./build/src/core/command.js
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

;// CONCATENATED MODULE: ./build/src/core/runner/retry.js
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const NETWORK_RETRY = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 60_000 };
function backoffDelay(policy, attempt, random = Math.random) {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter on the upper half keeps parallel runners from retrying in lockstep.
    return Math.round(exponential / 2 + (random() * exponential) / 2);
}
const retry_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
        const policy = options.retry ?? NO_RETRY;
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
                await retry_sleep(verdict.waitMs);
                continue;
            }
            const elapsed = Date.now() - started - askedWaitsMs;
            const wait = backoffDelay(policy, attempt);
            const withinDeadline = policy.deadlineMs === undefined || elapsed + wait <= policy.deadlineMs;
            if (verdict && attempt < policy.attempts && withinDeadline) {
                this.log.warn(`${this.label(spec, options)} failed (attempt ${attempt}/${policy.attempts}); retrying in ${Math.round(wait / 100) / 10} s`);
                await retry_sleep(wait);
                continue;
            }
            if (options.allowFailure)
                return result;
            throw new errors/* ProcessError */.yI({
                command: options.label ?? describeCommand(spec),
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
        return (0,secrets/* redact */.E$)(options.label ?? describeCommand(spec));
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
const lock_RELEASE_LOCK_SCRIPT = `${HOLDER_OF}; if [ "$(holder_of "$1")" = "$2" ]; then rm -rf "$1"; else exit 3; fi`;
/** Remote words that release the lock in `lockDir` only while its holder line is `token`. */
function releaseLockWords(lockDir, token) {
    return ['sh', '-c', lock_RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}
/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';
/** The same for a lock file: only while it is still Slipway's with that holder. */
const BREAK_FILE = (/* unused pure expression or super */ null && (`${HOLDER_OF}; if [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ] && [ "$(holder_of "$1")" = "$2" ]; then rm -f "$1"; fi`));
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
        `( set -- "$lock" "$token"; ${lock_RELEASE_LOCK_SCRIPT} ); printf "unlock %s\\n" "$?"`,
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
    const dir = options.lockPath ?? lockDir(appDir);
    const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
    // Recorded before the first attempt (once, not per poll): a run killed as mkdir succeeds still tells its
    // post step, which releases the lock only if it reads this token (so a wait that never got it is harmless).
    const settle = recordLeftover({
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
            const line = formatDeployLogLine(entry);
            const result = await session.exec(['sh', '-c', closeScript(closing?.script), 'slipway-close', logPath, line, failedEntry ? formatDeployLogLine(failedEntry) : line, dir, token, ...(closing?.args ?? [])], {
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
                throw new SlipwayError(`${session.name}: the deploy log and the lock release did not answer (exit ${result.exitCode}: ${result.stderr.trim().slice(0, 200)})`, { cause: closingError });
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
            throw new SlipwayError(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
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
        await sleep(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
    }
}

;// CONCATENATED MODULE: ./build/src/ssh/commands.js


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
        `  StrictHostKeyChecking ${acceptsUnknownKeys(target.hostKeys) ? 'accept-new' : 'yes'}`,
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
function commands_masterCommand(paths) {
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
function commands_execCommand(paths, remoteWords, stdin) {
    return { file: 'ssh', args: [...clientOptions(paths), TARGET_ALIAS, '--', shellJoin(remoteWords)], stdin };
}
function commands_controlCommand(paths, operation) {
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
const pathsOf = (session) => sessionPaths(session.dir, Boolean(session.agentSocket));
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
        const spec = commands_execCommand(pathsOf(recorded), releaseLockWords(lock.lockDir, lock.token));
        (0,external_node_child_process_namespaceObject.spawnSync)(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
    }
    for (const session of sessions) {
        if (external_node_fs_.existsSync(`${session.dir}/ssh_config`)) {
            (0,external_node_child_process_namespaceObject.spawnSync)('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', TARGET_ALIAS], { timeout: 3000, stdio: 'ignore' });
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
/******/ var __webpack_exports__ = __nccwpck_require__(8261);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
