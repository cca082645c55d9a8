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

/***/ 8932:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _platform_post_step_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(285);
// The shared post step (runs.post in each action.yml, post-if: always()): cleans up after a killed main step.

await (0,_platform_post_step_js__WEBPACK_IMPORTED_MODULE_0__/* .runPostStep */ .U)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 285:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U: () => (/* binding */ runPostStep)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
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
    if (!target || !fs.existsSync(target))
        throw new Error(`the runner's GITHUB_${file} file ${target ? `'${target}' does not exist` : 'is not set'}`);
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`the ${file.toLowerCase()} '${name}' contains its own delimiter`);
    fs.appendFileSync(target, `${name}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}${os.EOL}`, 'utf8');
}
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT)
        return appendKeyValue('OUTPUT', name, value);
    // A runner without environment files reads the older command, on a line of its own.
    process.stdout.write(os.EOL);
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
    await fs.promises.access(target, fs.constants.R_OK | fs.constants.W_OK);
    await fs.promises.appendFile(target, markdown, 'utf8');
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./build/src/core/secrets.js
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
function secrets_onSecretRegistered(listener) {
    listeners.push(listener);
    for (const value of registered)
        listener(value);
}
function secrets_redact(text) {
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

;// CONCATENATED MODULE: ./build/src/core/errors.js

/**
 * An error a user can act on: what is wrong, where, and how to fix it.
 * The message is redacted when it is built, so no secret survives into it.
 */
class errors_SlipwayError extends Error {
    fix;
    constructor(message, options = {}) {
        super(secrets_redact(options.fix ? `${message}. ${options.fix}` : message), { cause: options.cause });
        this.name = 'SlipwayError';
        this.fix = options.fix ? secrets_redact(options.fix) : undefined;
    }
}
/** Bad input, raised before any side effect. Reads `<input>: <what> (found X, expected Y). <fix>`. */
class InputError extends errors_SlipwayError {
    input;
    constructor(input, problem, fix) {
        super(`${input}: ${problem}`, { fix });
        this.name = 'InputError';
        this.input = input;
    }
}
/** A process failed: carries the redacted command, the exit code and the last stderr lines. */
class ProcessError extends errors_SlipwayError {
    command;
    exitCode;
    stderrTail;
    timedOut;
    constructor(args) {
        const tail = lastLines(secrets_redact(args.stderr), 8);
        const what = args.timedOut ? 'timed out' : `exited with code ${args.exitCode}`;
        super(`\`${secrets_redact(args.command)}\` ${what}${tail ? `:\n${tail}` : ''}`, { fix: args.hint });
        this.name = 'ProcessError';
        this.command = secrets_redact(args.command);
        this.exitCode = args.exitCode;
        this.stderrTail = tail;
        this.timedOut = args.timedOut ?? false;
    }
}
function lastLines(text, count) {
    return text.trimEnd().split('\n').slice(-count).join('\n');
}
/** One line (or a few) for the user; the stack only when debugging. */
function errors_formatError(error, debug = false) {
    if (error instanceof errors_SlipwayError) {
        return debug && error.stack ? secrets_redact(error.stack) : error.message;
    }
    if (error instanceof Error) {
        // An unexpected error: its stack is what a bug report needs, but only on request.
        return secrets_redact(debug && error.stack ? error.stack : `${error.name}: ${error.message}`);
    }
    return secrets_redact(String(error));
}

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
                throw new InputError(source.describe(name), `contains a control character (U+${code.toUpperCase()} at position ${match.index + 1})`, 'Remove it: inputs are text, and NUL or escape characters would reach the tools Slipway runs.');
            }
            return value;
        },
    };
}
class inputs_Inputs {
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
        throw new InputError(this.source.describe(name), this.source.quotable?.(name) === false ? withoutQuotedValues(problem) : problem, fix);
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
        registerSecret(value);
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
            registerSecretPieces(value);
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
                registerSecretPieces(index >= 0 ? entry.text.slice(index + 1) : entry.text);
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
class process_runner_ProcessRunner {
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
            throw new ProcessError({
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
            this.log.output(secrets_redact(line));
        else
            this.log.info(secrets_redact(line));
    }
    label(spec, options) {
        return secrets_redact(options.label ?? describeCommand(spec));
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

;// CONCATENATED MODULE: ./build/src/core/log.js


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
    const token = `slipway-${external_node_crypto_.randomBytes(16).toString('hex')}`;
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
    info(message) { info(inertText(secrets_redact(message))); }
    debug(message) { debug(secrets_redact(message)); }
    warn(message, where) { this.annotate('warning', message, where); }
    error(message, where) { this.annotate('error', message, where); }
    group(title, body) { return group(secrets_redact(title), body); }
    annotate(level, message, where) {
        const text = secrets_redact(message);
        if (!this.platform.supportsAnnotations) {
            // Forgejo prints workflow commands raw; a plain line reads better.
            const location = where?.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
            info(inertText(`${level}: ${location}${text}`));
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
            this.log.warn(`Cache restore failed, building without it: ${formatError(error)}`);
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
            this.log.info(`Cache not saved (${formatError(error)}).`);
        }
    }
}
async function writeSummary(summary, platform, log) {
    if (summary.blocks.length === 0)
        return;
    if (platform.supportsSummary) {
        await core.appendSummary(redact(renderMarkdown(summary)));
    }
    else {
        const where = platform.kind === 'forgejo' ? 'Forgejo shows no job summaries' : 'this runner gives no summary file (GITHUB_STEP_SUMMARY)';
        log.info(`Job summary not written (${where}); the same table follows in the log:\n${redact(renderText(summary))}`);
    }
}
/**
 * The whole Actions edge: inputs → flow → outputs, summary, failure. What the
 * run would leave behind if killed (key dirs, masters, locks) is mirrored into
 * GITHUB_STATE as it changes, for the action's post step (docs/cancel.md).
 */
async function runAction(flow) {
    // Node exits 0 when its event loop runs dry with the flow still pending: that must fail the step, not pass it.
    await runGuarded(() => runActionSteps(flow).then(() => Number(process.exitCode ?? 0) || 0), { what: `the ${flow.action} step`, onStall: (message) => core.setFailed(message) });
}
async function runActionSteps(flow) {
    const platform = detectPlatform();
    onSecretRegistered((value) => core.setSecret(value));
    const log = new ActionsLogger(platform);
    const stopMirroring = onLeftoversChanged((all) => {
        if (!process.env.GITHUB_STATE)
            return;
        try {
            core.saveState(LEFTOVERS_STATE, JSON.stringify(all));
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
            core.setOutput(name, redact(value));
        await writeSummary(flow.summary(result), platform, log);
        const failure = flow.failure?.(result);
        const signal = cancel.received();
        // A cancelled run fails even when its last step happened to finish: the job was cancelled.
        if (signal && !failure?.startsWith('cancelled'))
            core.setFailed(redact(`cancelled (${signal})${failure ? `: ${failure}` : ''}`));
        else if (failure)
            core.setFailed(redact(failure));
    }
    catch (error) {
        const signal = cancel.received();
        core.setFailed(`${signal ? `cancelled (${signal}): ` : ''}${formatError(error, core.isDebug())}`);
    }
    finally {
        cancel.dispose();
        stopMirroring();
    }
    // Cleanup is done; a check the cancel cut short may still have a timer running: do not wait for it.
    if (cancel.received())
        process.exit(1);
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
function platform_detectPlatform(env = process.env) {
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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./build/src/deploy/host-state.js
/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
const stateDir = (appDir) => `${appDir}/.slipway`;
const host_state_lockDir = (appDir) => `${stateDir(appDir)}/lock`;
const deployLogPath = (appDir) => `${stateDir(appDir)}/deploy.log`;
/**
 * Where a host's lock and deploy log are: Slipway's own under `.slipway/` (the lock a directory),
 * or the team's paths (the lock then a file, so the team's `cat`/`rm -f` and checks keep working).
 */
function hostPathsOf(appDir, conventions = {}) {
    return {
        lock: conventions.lockFile ? `${appDir}/${conventions.lockFile}` : host_state_lockDir(appDir),
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
function host_state_formatDeployLogLine(entry) {
    const clean = (value) => value.replace(/[\t\r\n]+/g, ' ');
    return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
        `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}
/** Appends the entry to `.slipway/deploy.log`, or to `logPath` (the team's deploy-log). */
async function appendDeployLog(session, appDir, entry, logPath = deployLogPath(appDir)) {
    await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', logPath, host_state_formatDeployLogLine(entry)], { label: `ssh ${session.target.host}: append to deploy log` });
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

;// CONCATENATED MODULE: ./build/src/deploy/lock.js





/** The lock file exists and Slipway did not write it: the team's own deploy (or a leftover of it) holds the host. */
class ForeignLockError extends errors_SlipwayError {
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
class LockHeldError extends errors_SlipwayError {
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
function lock_releaseLockWords(lockDir, token) {
    return ['sh', '-c', RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
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
            const released = await session.exec(lock_releaseLockWords(dir, token), { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
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

;// CONCATENATED MODULE: ./build/src/ssh/target.js
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

;// CONCATENATED MODULE: ./build/src/ssh/commands.js


/** How long a master outlives its last command (see KEEPALIVE_IDLE_MS in session.ts). */
const CONTROL_PERSIST_S = 30;
/** The alias every command uses; the config file maps it to the real host. */
const commands_TARGET_ALIAS = 'slipway-target';
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
        `Host ${commands_TARGET_ALIAS}`,
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
function masterCommand(paths) {
    return { file: 'ssh', args: ['-F', paths.config, '-o', 'ControlMaster=yes', '-f', '-N', commands_TARGET_ALIAS] };
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
    return { file: 'ssh', args: [...clientOptions(paths), commands_TARGET_ALIAS, '--', shellJoin(remoteWords)], stdin };
}
function controlCommand(paths, operation) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, commands_TARGET_ALIAS] };
}
function forwardSpec(localPort, remoteHost, remotePort) {
    const host = remoteHost.includes(':') ? `[${remoteHost}]` : remoteHost;
    return `127.0.0.1:${localPort}:${host}:${remotePort}`;
}
function forwardCommand(paths, operation, spec) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, '-L', spec, commands_TARGET_ALIAS] };
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
            `${commands_TARGET_ALIAS}:${remotePath}`,
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

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./build/src/core/leftovers.js
const leftovers_open = new Map();
const leftovers_listeners = new Set();
let nextId = 1;
function notify() {
    const all = openLeftovers();
    for (const listener of leftovers_listeners)
        listener(all);
}
/** Records `item`; call the returned function once it is gone (idempotent). */
function leftovers_recordLeftover(item) {
    const id = nextId++;
    leftovers_open.set(id, item);
    notify();
    return () => {
        if (leftovers_open.delete(id))
            notify();
    };
}
function openLeftovers() {
    return [...leftovers_open.values()];
}
function leftovers_onLeftoversChanged(listener) {
    leftovers_listeners.add(listener);
    return () => leftovers_listeners.delete(listener);
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

;// CONCATENATED MODULE: ./build/src/ssh/errors.js

/** The host offered a key we do not trust (unknown or changed). Carries what to pin. */
class HostKeyError extends errors_SlipwayError {
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
class SshConnectError extends errors_SlipwayError {
    host;
    constructor(host, problem, fix, cause) {
        super(`${host}: ${problem}`, { fix, cause });
        this.host = host;
        this.name = 'SshConnectError';
    }
}

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
async function openSshSession(target, runner, log) {
    registerSecret(target.privateKey);
    registerSecret(target.passphrase);
    const root = sessionRoot();
    await promises_namespaceObject.mkdir(root, { recursive: true });
    const dir = await promises_namespaceObject.mkdtemp(external_node_path_.join(root, 'slipway-ssh-'));
    await promises_namespaceObject.chmod(dir, 0o700);
    const paths = sessionPaths(dir, Boolean(target.passphrase));
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
        this.name = describeTarget(target);
        this.settleLeftover = this.recordLeftover();
    }
    get localDir() {
        return this.paths.dir;
    }
    /** Recorded before the key is written: a run killed from here on leaves the post step a dir to remove. */
    recordLeftover() {
        return leftovers_recordLeftover({
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
            this.using(() => this.runner.run(commands_execCommand(this.paths, ['true']), { timeoutMs: 5000, allowFailure: true, label: `ssh ${this.target.host}: keepalive` }))
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
        await writePrivate(this.paths.config, renderSshConfig(this.target, this.paths));
        if (this.target.passphrase)
            await this.startAgent();
    }
    async startAgent() {
        const { dir } = this.paths;
        const started = await this.runner.run(agentStartCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-agent' });
        this.agentPid = parseAgentPid(started.stdout);
        this.settleLeftover();
        this.settleLeftover = this.recordLeftover();
        await writePrivate(`${dir}/passphrase`, this.target.passphrase ?? '');
        await writePrivate(`${dir}/askpass`, askpassScript(dir), 0o700);
        const added = await this.runner.run(agentAddCommand(this.paths, `${dir}/askpass`, AGENT_KEY_LIFETIME_S), {
            timeoutMs: 15_000, allowFailure: true, label: 'ssh-add (private key)',
        });
        await promises_namespaceObject.rm(`${dir}/passphrase`, { force: true });
        if (added.exitCode !== 0) {
            throw new SshConnectError(this.name, 'the private key could not be unlocked with the passphrase', 'Check the passphrase secret belongs to private-key.');
        }
        // The agent holds the key now; ssh only needs its public half to pick it.
        const listed = await this.runner.run(agentListCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-add -L' });
        await writePrivate(this.paths.identityFile, listed.stdout);
        await promises_namespaceObject.rm(`${dir}/id`, { force: true });
    }
    async connect() {
        const startedAt = Date.now();
        const result = await this.runner.run(masterCommand(this.paths), {
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
        if (!acceptsUnknownKeys(this.target.hostKeys))
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
        if (untrusted.length > 0 && !acceptsUnknownKeys(this.target.hostKeys)) {
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
        let remote = options.survivesDisconnect ? survivingDisconnect(words) : words;
        let stdin = options.stdin;
        if (options.env && Object.keys(options.env).length > 0) {
            const envText = renderEnvFile(options.env);
            if (stdin === undefined) {
                remote = withEnvFromStdin(remote);
                stdin = envText;
            }
            else {
                const file = await this.writeRemotePrivateFile(envText);
                remote = withEnvFromFile(file, remote);
            }
        }
        const spec = commands_execCommand(this.paths, remote, stdin);
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
            if (error instanceof ProcessError && error.exitCode === 255 && !(await this.isAlive()))
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
        const made = await this.runner.run(commands_execCommand(this.paths, ['sh', '-c', 'umask 077; file=$(mktemp) && cat > "$file" && echo "$file"'], content), { timeoutMs: this.target.commandTimeoutMs, label: `ssh ${this.target.host}: write env file` });
        return made.stdout.trim();
    }
    async forwardLocalPort(remotePort, remoteHost = '127.0.0.1') {
        const localPort = await freeLocalPort();
        const spec = forwardSpec(localPort, remoteHost, remotePort);
        await this.runner.run(forwardCommand(this.paths, 'forward', spec), { timeoutMs: 10_000, label: `ssh ${this.target.host}: forward ${spec}` });
        this.forwards.add(spec);
        return {
            localPort,
            // The cancel is one more round trip that nothing after it needs (a new forward takes a new
            // port): it goes in the background, and close() waits for it before ending the master.
            close: async () => {
                if (!this.forwards.delete(spec))
                    return;
                const cancel = this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 10_000, allowFailure: true }).then(() => undefined, () => undefined);
                this.cancelling.add(cancel);
                void cancel.then(() => this.cancelling.delete(cancel));
            },
        };
    }
    async upload(localPath, remotePath, options = {}) {
        return this.using(() => this.runner.run(rsyncCommand(this.paths, localPath, remotePath, options), {
            timeoutMs: Math.max(this.target.commandTimeoutMs, 120_000),
            label: `rsync ${localPath} → ${this.target.host}:${remotePath}`,
        }));
    }
    async isAlive() {
        if (this.closed)
            return false;
        const result = await this.runner.run(controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
        return result.exitCode === 0;
    }
    async masterPid() {
        const result = await this.runner.run(controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
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
            await this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 5000, allowFailure: true });
        this.forwards.clear();
        await this.runner.run(controlCommand(this.paths, 'exit'), { timeoutMs: 5000, allowFailure: true });
        if (this.agentPid) {
            await this.runner.run(agentStopCommand(this.paths, this.agentPid), { timeoutMs: 5000, allowFailure: true });
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
    registerSecret(content);
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

;// CONCATENATED MODULE: ./build/src/platform/post-cleanup.js








/** The GITHUB_STATE name the main step writes its leftovers under (the post reads STATE_leftovers). */
const post_cleanup_LEFTOVERS_STATE = 'leftovers';
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
            options.log.warn(`post: could not release the deploy lock on ${lock.host}:${lock.port} (${errors_formatError(error)}); it is broken as stale after lock-stale-after`);
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
        if (item.kind === 'dir' && external_node_fs_.existsSync(item.path)) {
            external_node_fs_.rmSync(item.path, { recursive: true, force: true });
            report.dirsRemoved += 1;
        }
        if (item.kind === 'containers')
            await removeLabelledContainers(item.label, options.runner);
    }
    return report;
}
async function releaseLeftLock(lock, sessions, options) {
    const { runner, log } = options;
    const line = host_state_formatDeployLogLine({
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
    if (recorded && external_node_fs_.existsSync(recorded.dir)) {
        const paths = pathsOf(recorded);
        const alive = (await runner.run(controlCommand(paths, 'check'), { timeoutMs: 5000, allowFailure: true })).exitCode === 0;
        // The main's master, or a new one from its own config while its key file is still there.
        const reopened = !alive && external_node_fs_.existsSync(`${recorded.dir}/id`)
            && (await runner.run(masterCommand(paths), { timeoutMs: 25_000, allowFailure: true, label: `ssh ${lock.host} (post: reconnect)` })).exitCode === 0;
        if (alive || reopened) {
            const result = await runner.run(commands_execCommand(paths, words), { timeoutMs: 20_000, allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` });
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
    if (external_node_fs_.existsSync(`${session.dir}/ssh_config`)) {
        await runner.run(controlCommand(pathsOf(session), 'exit'), { timeoutMs: 5000, allowFailure: true });
    }
    if (session.agentPid)
        killAgent(session.agentPid, session.agentSocket);
    external_node_fs_.rmSync(session.dir, { recursive: true, force: true });
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
        if (!recorded || !fs.existsSync(`${recorded.dir}/ssh_config`))
            continue;
        const spec = execCommand(pathsOf(recorded), releaseLockWords(lock.lockDir, lock.token));
        spawnSync(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
    }
    for (const session of sessions) {
        if (fs.existsSync(`${session.dir}/ssh_config`)) {
            spawnSync('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', TARGET_ALIAS], { timeout: 3000, stdio: 'ignore' });
        }
        if (session.agentPid)
            killAgent(session.agentPid, session.agentSocket);
        fs.rmSync(session.dir, { recursive: true, force: true });
    }
    for (const item of items)
        if (item.kind === 'dir')
            fs.rmSync(item.path, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./build/src/platform/post-step.js









/**
 * The `post:` step every action that holds keys, locks or temp files declares
 * (post-if: always()). After a main step that cleaned up, its saved list is
 * empty and this does nothing. After a killed one it releases the locks this
 * run still holds and removes its key material, masters, agents and temp dirs.
 * It warns rather than fails: the job's result is the main step's.
 */
async function runPostStep() {
    const items = parseLeftovers(getState(post_cleanup_LEFTOVERS_STATE));
    if (items.length === 0)
        return;
    const platform = platform_detectPlatform();
    secrets_onSecretRegistered((value) => setSecret(value));
    const log = new ActionsLogger(platform);
    try {
        log.info(`post: the main step left ${items.length} thing(s) to clean up (it was stopped before its own cleanup)`);
        const report = await cleanUpLeftovers(items, {
            runner: new process_runner_ProcessRunner(log), log, inputs: new inputs_Inputs(actionInputSource), actor: describeActor(platform, external_node_os_.hostname()),
        });
        log.info(`post: ${report.locksReleased} lock(s) released, ${report.sessionsClosed} SSH session(s) closed and removed, ${report.dirsRemoved} temp dir(s) removed`);
        if (report.locksLeft > 0)
            log.warn(`post: ${report.locksLeft} deploy lock(s) could not be released; the next deploy breaks them after lock-stale-after`);
    }
    catch (error) {
        log.warn(`post: cleanup failed: ${errors_formatError(error)}`);
    }
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
/******/ var __webpack_exports__ = __nccwpck_require__(8932);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
