export const id = 215;
export const ids = [215];
export const modules = {

/***/ 9009:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   U8: () => (/* binding */ loadScanConfig),
/* harmony export */   Xs: () => (/* binding */ parseScanConfig),
/* harmony export */   i4: () => (/* binding */ emptyConfig)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
/* harmony import */ var _linear_regex_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9904);




const emptyConfig = () => ({ rules: [], disable: [], allowPaths: [], allowRegexes: [], stopwords: [] });
function parseSize(value) {
    if (typeof value === 'number')
        return value;
    const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
    if (!match)
        return undefined;
    const unit = (match[2] ?? 'b').toLowerCase()[0];
    return Math.round(Number(match[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1));
}
/** Reads and validates the config; every error names the file, the line and the key. */
function loadScanConfig(file, required = false) {
    if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(file)) {
        if (required)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlipwayError */ .GQ(`${file}: the secret-scan config file does not exist`, { fix: 'Create it, or leave the `config` input empty to use the defaults' });
        return emptyConfig();
    }
    return parseScanConfig(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8'), file);
}
/** What a bad value is, without quoting it: a config value may be (or hold) a secret. */
function describeValue(value) {
    if (value === undefined || value === null || value === '')
        return value === '' ? 'an empty string' : String(value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return `a string of ${String(value).length} characters`;
}
function parseScanConfig(source, file) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_1__.LineCounter();
    const document = yaml__WEBPACK_IMPORTED_MODULE_1__.parseDocument(source, { lineCounter, prettyErrors: false });
    if (document.errors.length > 0) {
        const error = document.errors[0];
        const line = lineCounter.linePos(error.pos[0]).line;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlipwayError */ .GQ(`${file}:${line}: not valid YAML (${error.message.split('\n')[0]})`, { fix: 'Fix the YAML on that line' });
    }
    // A missing key is reported at its nearest parent that exists.
    const lineOf = (path) => {
        for (let depth = path.length; depth > 0; depth -= 1) {
            const node = document.getIn(path.slice(0, depth), true);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isNode)(node) && node.range)
                return lineCounter.linePos(node.range[0]).line;
        }
        return 1;
    };
    const fail = (path, problem, fix) => {
        const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlipwayError */ .GQ(`${file}:${lineOf(path)}: ${where}: ${problem}`, { fix });
    };
    const root = document.toJS();
    const config = emptyConfig();
    if (root === null || root === undefined)
        return config;
    if (typeof root !== 'object' || Array.isArray(root))
        return fail([], 'must be a mapping (rules:, disable:, allow:, max-file-size:)', 'See docs/secret-scan.md');
    const data = root;
    const known = new Set(['version', 'rules', 'disable', 'allow', 'max-file-size']);
    for (const key of Object.keys(data))
        if (!known.has(key))
            fail([key], `is not a known key (found '${key}', expected one of ${[...known].join(', ')})`, 'Remove or rename it');
    // A pattern may hold a literal secret (an allowlisted test key): errors name the key, never quote the value.
    const regex = (path, value) => {
        if (typeof value !== 'string' || value === '')
            return fail(path, `must be a non-empty string (found ${describeValue(value)})`, 'Quote the regular expression');
        try {
            return (0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_3__/* .compileLinear */ .Z)(value);
        }
        catch (error) {
            const reason = error.message.replace(/`[^`]*`/g, '(the pattern)').replace(/: \(the pattern\)/g, '');
            return fail(path, `is not a valid regular expression (${reason})`, 'Fix the pattern (RE2 syntax: no lookahead, lookbehind or backreferences)');
        }
    };
    const strings = (path, value) => {
        if (value === undefined || value === null)
            return [];
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
            return fail(path, 'must be a list of strings', 'Write it as [a, b] or as a YAML list');
        return value;
    };
    if (data.rules !== undefined) {
        if (!Array.isArray(data.rules))
            fail(['rules'], 'must be a list of rules', 'Start each rule with `- id:`');
        data.rules.forEach((raw, index) => {
            const at = ['rules', index];
            if (typeof raw !== 'object' || raw === null)
                return fail(at, 'must be a mapping with id, regex and keywords', 'See docs/secret-scan.md');
            const rule = raw;
            if (typeof rule.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(rule.id))
                fail([...at, 'id'], `must be a kebab-case id (found ${describeValue(rule.id)})`, 'Use e.g. `acme-token`');
            const pattern = regex([...at, 'regex'], rule.regex);
            const keywords = strings([...at, 'keywords'], rule.keywords).map((k) => k.toLowerCase());
            if (keywords.length === 0)
                fail([...at, 'keywords'], 'is required (a rule only runs on lines holding one of its keywords)', 'List a literal part of the token, e.g. [acme_]');
            const entropy = rule.entropy;
            if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8))
                fail([...at, 'entropy'], `must be a number of bits per character between 0 and 8 (found ${describeValue(entropy)})`, 'Try 3.0');
            config.rules.push({
                id: rule.id,
                title: typeof rule.title === 'string' ? rule.title : rule.id,
                keywords,
                pattern,
                minEntropy: entropy,
                samples: { match: [], quiet: [] },
            });
        });
    }
    config.disable = strings(['disable'], data.disable);
    if (data.allow !== undefined) {
        if (typeof data.allow !== 'object' || data.allow === null || Array.isArray(data.allow))
            fail(['allow'], 'must be a mapping (paths:, regexes:, stopwords:)', 'See docs/secret-scan.md');
        const allow = data.allow;
        for (const key of Object.keys(allow))
            if (!['paths', 'regexes', 'stopwords'].includes(key))
                fail(['allow', key], 'is not a known key (expected paths, regexes or stopwords)', 'Remove or rename it');
        config.allowPaths = strings(['allow', 'paths'], allow.paths).map((p, i) => regex(['allow', 'paths', i], p));
        config.allowRegexes = strings(['allow', 'regexes'], allow.regexes).map((p, i) => regex(['allow', 'regexes', i], p));
        config.stopwords = strings(['allow', 'stopwords'], allow.stopwords).map((w) => w.toLowerCase());
    }
    if (data['max-file-size'] !== undefined) {
        const size = parseSize(data['max-file-size']);
        if (size === undefined)
            fail(['max-file-size'], `is not a size (found ${describeValue(data['max-file-size'])}, expected e.g. 2MB)`, 'Write bytes or a size with KB/MB');
        config.maxFileSize = size;
    }
    return config;
}


/***/ }),

/***/ 7622:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ withBech32Checksum),
/* harmony export */   M8: () => (/* binding */ isValidBech32),
/* harmony export */   QR: () => (/* binding */ crc32),
/* harmony export */   Yb: () => (/* binding */ base62),
/* harmony export */   fw: () => (/* binding */ hasValidCrc32Suffix),
/* harmony export */   kN: () => (/* binding */ isJsonSegment),
/* harmony export */   ly: () => (/* binding */ shannonEntropy),
/* harmony export */   y4: () => (/* binding */ decodeBase64)
/* harmony export */ });
/* unused harmony export BASE62 */
// Offline checks of token structure: checksums and encodings providers document.
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
        let c = n;
        for (let k = 0; k < 8; k += 1)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
function crc32(text) {
    let crc = 0xffffffff;
    for (let i = 0; i < text.length; i += 1)
        crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(value, width) {
    let out = '';
    let rest = value;
    while (rest > 0) {
        out = BASE62[rest % 62] + out;
        rest = Math.floor(rest / 62);
    }
    return out.padStart(width, '0');
}
/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: 4-character prefix,
 * 30 random base62 characters, then the CRC32 of those 30 in 6 base62 digits.
 */
function hasValidCrc32Suffix(token, prefixLength = 4) {
    const body = token.slice(prefixLength, -6);
    return body.length > 0 && base62(crc32(body), 6) === token.slice(-6);
}
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values) {
    const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let chk = 1;
    for (const value of values) {
        const top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (let i = 0; i < 5; i += 1)
            if ((top >>> i) & 1)
                chk ^= generators[i];
    }
    return chk >>> 0;
}
function hrpExpand(hrp) {
    const codes = [...hrp].map((c) => c.charCodeAt(0));
    return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}
/** BIP-173 bech32 checksum (age secret keys are bech32 with the hrp `age-secret-key-`). */
function isValidBech32(text) {
    const lower = text.toLowerCase();
    const separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length)
        return false;
    const data = [];
    for (const char of lower.slice(separator + 1)) {
        const index = BECH32.indexOf(char);
        if (index < 0)
            return false;
        data.push(index);
    }
    return bech32Polymod([...hrpExpand(lower.slice(0, separator)), ...data]) === 1;
}
/** Appends a valid bech32 checksum; used to build test samples. */
function withBech32Checksum(hrp, data) {
    const values = [...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0];
    const mod = bech32Polymod(values) ^ 1;
    const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return `${hrp}1${[...data, ...checksum].map((d) => BECH32[d]).join('')}`;
}
/** Shannon entropy in bits per character. */
function shannonEntropy(text) {
    if (!text)
        return 0;
    const counts = new Map();
    for (const char of text)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}
function decodeBase64(text) {
    const normal = text.replace(/-/g, '+').replace(/_/g, '/');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normal))
        return undefined;
    return Buffer.from(normal, 'base64').toString('latin1');
}
/** A JWT-style segment whose base64url decodes to a JSON object. */
function isJsonSegment(segment, requiredKey) {
    const decoded = decodeBase64(segment);
    if (!decoded)
        return false;
    try {
        const value = JSON.parse(decoded);
        return typeof value === 'object' && value !== null && (!requiredKey || requiredKey in value);
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 9215:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_CONFIG: () => (/* binding */ DEFAULT_CONFIG),
/* harmony export */   secretScanFlow: () => (/* binding */ secretScanFlow)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9009);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8706);
/* harmony import */ var _scanner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8200);
/* harmony import */ var _sources_revision_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7865);






const MODES = ['auto', 'pr', 'push', 'tree', 'history'];
/** action.yml's default for `config`: a runner passes it as if the user had written it. */
const DEFAULT_CONFIG = '.slipway/secret-scan.yml';
/** A revision from an input or the event, checked before git sees it; names the input, never echoes the value. */
function revision(inputs, name, fromEvent) {
    const value = inputs.optional(name) ?? fromEvent;
    if (value === undefined)
        return undefined;
    const problem = (0,_sources_revision_js__WEBPACK_IMPORTED_MODULE_2__/* .revisionProblem */ .lZ)(value);
    if (problem)
        inputs.fail(name, `is not a git ref or commit id: it ${problem}`, 'Pass a branch, tag or commit id, e.g. origin/main or a 40-character sha.');
    return value;
}
/** The event as the edge read it (the platform's payload): only the fields a scan uses. */
const eventOf = (platform) => (platform.event ?? {});
/** `auto`: the event decides (pull_request → pr, push → push, schedule → history, else tree). */
function modeFor(eventName) {
    if (eventName === 'pull_request' || eventName === 'pull_request_target')
        return 'pr';
    if (eventName === 'push')
        return 'push';
    if (eventName === 'schedule')
        return 'history';
    return 'tree';
}
function commentTarget(inputs, platform, pullNumber) {
    if (!inputs.boolean('comment', false))
        return undefined;
    const token = inputs.secret('token') ?? undefined;
    if (!token)
        inputs.fail('token', 'is required when comment is true', 'Pass `token: ${{ secrets.GITHUB_TOKEN }}` (with `pull-requests: write`).');
    if (!pullNumber)
        inputs.fail('pr-number', 'is unknown, so the comment has no pull request to go to', 'Run on a pull_request event or set pr-number.');
    const repository = inputs.optional('repository') ?? platform.repository;
    if (!repository)
        inputs.fail('repository', 'is unknown', 'Set repository: owner/name.');
    const forge = platform.kind === 'forgejo' ? 'forgejo' : 'github';
    const apiUrl = inputs.optional('api-url')
        ?? (forge === 'github' ? platform.apiUrl ?? 'https://api.github.com' : `${(platform.serverUrl ?? '').replace(/\/$/, '')}/api/v1`);
    return { forge, apiUrl: apiUrl.replace(/\/$/, ''), repository, pullNumber, token };
}
const secretScanFlow = {
    command: 'scan',
    action: 'secret-scan',
    describe: 'Scan a pull request, a push, the tree or the whole history for committed secrets',
    parse(inputs, context) {
        const event = eventOf(context.platform);
        const requested = inputs.choice('mode', MODES, 'auto');
        const mode = requested === 'auto' ? modeFor(context.platform.eventName) : requested;
        const directory = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(context.workDir, inputs.string('working-directory', '.'));
        if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(directory))
            inputs.fail('working-directory', `does not exist (found '${directory}')`, 'Point it at the checked-out repository.');
        const maxFileSize = (0,_config_js__WEBPACK_IMPORTED_MODULE_3__/* .parseSize */ .DB)(inputs.string('max-file-size', '1MB'));
        if (maxFileSize === undefined)
            inputs.fail('max-file-size', `is not a size (found '${inputs.optional('max-file-size')}', expected e.g. 1MB or 500KB)`);
        const pullNumber = inputs.optional('pr-number') ? inputs.integer('pr-number', 0, { min: 1 }) : event.pull_request?.number ?? event.number;
        const sarif = inputs.string('sarif', 'secret-scan.sarif');
        const settings = {
            mode,
            directory,
            base: revision(inputs, 'base', event.pull_request?.base?.sha),
            baseRef: revision(inputs, 'base-ref', event.pull_request?.base?.ref),
            head: revision(inputs, 'head', event.pull_request?.head?.sha),
            before: revision(inputs, 'before', event.before),
            after: revision(inputs, 'after', event.after),
            ref: revision(inputs, 'ref', event.ref ?? context.env.GITHUB_REF),
            configPath: inputs.string('config', DEFAULT_CONFIG),
            // The runner sets INPUT_CONFIG to its default whenever the user leaves it out: only another path must exist.
            configRequired: (inputs.optional('config') ?? DEFAULT_CONFIG) !== DEFAULT_CONFIG,
            baselinePath: inputs.string('baseline', '.slipway/secret-scan-baseline.json'),
            writeBaseline: inputs.boolean('write-baseline', false),
            sarifPath: sarif === 'false' || sarif === 'none' ? '' : node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(context.workDir, sarif),
            maxFileSize: maxFileSize ?? 1024 * 1024,
            comment: commentTarget(inputs, context.platform, pullNumber),
        };
        if (mode === 'pr' && !settings.base)
            inputs.fail('base', 'is required in pr mode outside a pull_request event', 'Pass the base commit or branch, e.g. --base origin/main.');
        return settings;
    },
    run: (settings, context) => (0,_scanner_js__WEBPACK_IMPORTED_MODULE_4__/* .runScan */ .Hk)(settings, context),
    outputs: (result) => ({
        findings: String(result.findings.length),
        'new-findings': String(result.newFindings),
        sarif: result.sarifPath ?? '',
    }),
    summary: (result) => (0,_report_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .scanSummary */ .yK)(result.findings, result.stats, [
        ...result.notes,
        ...(result.baselineWritten ? [`Baseline written to ${result.baselineWritten}: commit it to accept these findings.`] : []),
    ]),
    failure: (result) => (result.newFindings > 0
        ? `${result.newFindings} new secret(s) found. Revoke them, remove them, or accept false alarms with \`slipway:allow\` or the baseline.`
        : undefined),
};


/***/ }),

/***/ 9904:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ LinearRegex),
/* harmony export */   Z: () => (/* binding */ compileLinear)
/* harmony export */ });
/* harmony import */ var re2js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2856);

/**
 * A user-supplied regular expression on RE2 (re2js): matching time is linear in
 * the input whatever the pattern, so no config line can stall a scan. RE2 has no
 * lookaround and no backreferences; such a pattern is refused when it is compiled.
 */
class LinearRegex {
    source;
    compiled;
    hasSecretGroup;
    constructor(source, caseInsensitive = false) {
        this.source = source;
        this.compiled = re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.compile(source, caseInsensitive ? re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.CASE_INSENSITIVE : 0);
        this.hasSecretGroup = /\(\?P?<secret>/.test(source);
    }
    test(text) {
        return this.compiled.matcher(text).find();
    }
    *matches(text) {
        const matcher = this.compiled.matcher(text);
        const groups = this.compiled.groupCount();
        let from = 0;
        while (from <= text.length && matcher.find(from)) {
            const start = matcher.start();
            const end = matcher.end();
            const whole = matcher.group() ?? '';
            const secret = (this.hasSecretGroup ? matcher.group('secret') : groups > 0 ? matcher.group(1) : null) ?? whole;
            if (whole.length > 0)
                yield { index: start, text: whole, secret };
            from = end > start ? end : start + 1;
        }
    }
}
/** Compiles a pattern for RE2, with a message that says what to change when RE2 cannot run it. */
function compileLinear(source, caseInsensitive = false) {
    try {
        return new LinearRegex(source, caseInsensitive);
    }
    catch (error) {
        const reason = error.message.replace(/^error parsing regexp: /, '');
        throw new Error(`${reason}; patterns run on a linear-time engine (RE2), which has no lookahead, lookbehind or backreferences`, { cause: error });
    }
}


/***/ }),

/***/ 7936:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ randomGenerator),
/* harmony export */   H: () => (/* binding */ ALPHABETS)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);

const ALPHABETS = {
    alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    hex: '0123456789abcdef',
    upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    digits: '0123456789',
    base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
    urlSafe: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
};
/**
 * Fresh random bytes by default; with a seed, the same bytes every run, so a
 * test that draws samples is reproducible (a rare draw that a rule's entropy
 * or placeholder filter drops cannot make it flaky).
 */
function randomGenerator(seed) {
    const bytesOf = seed === undefined ? node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes : seededBytes(seed);
    const chars = (alphabet, length) => {
        const bytes = bytesOf(length * 2);
        let out = '';
        for (let i = 0; i < length; i += 1)
            out += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
        return out;
    };
    return {
        chars,
        alnum: (n) => chars(ALPHABETS.alnum, n),
        hex: (n) => chars(ALPHABETS.hex, n),
        upper: (n) => chars(ALPHABETS.upper, n),
        digits: (n) => chars(ALPHABETS.digits, n),
        base64: (n) => chars(ALPHABETS.base64, n),
        urlSafe: (n) => chars(ALPHABETS.urlSafe, n),
        int: (min, max) => min + (bytesOf(4).readUInt32LE(0) % (max - min + 1)),
    };
}
/** A small deterministic byte stream (mulberry32): sample text only, never key material. */
function seededBytes(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (t ^ (t >>> 14)) >>> 0;
    };
    return (length) => {
        const out = Buffer.alloc(length);
        for (let i = 0; i < length; i += 1)
            out[i] = next() & 0xff;
        return out;
    };
}


/***/ }),

/***/ 8200:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Hk: () => (/* binding */ runScan)
});

// UNUSED EXPORTS: DEFAULT_SKIP_PATHS, SCANNER_VERSION, buildDetector

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
;// CONCATENATED MODULE: ./build/src/scan/baseline.js



function readBaseline(file) {
    if (!external_node_fs_.existsSync(file))
        return new Set();
    return parseBaseline(external_node_fs_.readFileSync(file, 'utf8'), file);
}
/** `where` names the file (or `<commit>:<path>`) in errors. */
function parseBaseline(text, where) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* SlipwayError */.GQ(`${where}: the baseline is not valid JSON (${error.message})`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
    }
    if (!Array.isArray(data.findings))
        throw new errors/* SlipwayError */.GQ(`${where}: the baseline has no "findings" list`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
    return new Set(data.findings.map((f) => f.fingerprint));
}
function writeBaseline(file, findings) {
    const unique = new Map();
    for (const f of findings)
        if (!unique.has(f.fingerprint))
            unique.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.ruleId, path: f.path, line: f.line });
    const data = { version: 1, findings: [...unique.values()].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line) };
    external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true });
    external_node_fs_.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/scan/allowlist.js
// Quiet by default: values that look like secrets but are placeholders,
// documented examples, references to the environment or encoded images.
const PLACEHOLDER_WORDS = /example|changeme|change_me|change-me|placeholder|dummy|sample|fake|redacted|replace|insert|your[_-]?|my[_-]?(?:secret|token|key|pass)|xxxx|\*\*\*|todo|fixme|<|>|\.\.\.|here$|^(?:pass(?:word)?|secret|token|test|testing|default|admin|root|null)\d{0,4}!?$|^p@ssw[o0]rd|^passw[o0]rd|^hunter2$|^letmein|^qwerty|^abc123|^s3cr3t/gi;
/** Words and shapes a person writes where a secret will go later. */
function looksLikeGenericPlaceholder(value) {
    if (holdsWrittenWord(value, PLACEHOLDER_WORDS))
        return true;
    if (/(.)\1{5,}/.test(value))
        return true;
    if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ|1234567890/.test(value))
        return true;
    return fewDistinctCharacters(value, 5);
}
/** Whether `value` has fewer than `limit` distinct characters; stops counting at the limit, allocates nothing. */
function fewDistinctCharacters(value, limit) {
    const distinct = [];
    // Code points, as `new Set(value)` counts them.
    for (let i = 0; i < value.length;) {
        const c = value.codePointAt(i);
        i += c > 0xffff ? 2 : 1;
        if (distinct.includes(c))
            continue;
        distinct.push(c);
        if (distinct.length >= limit)
            return false;
    }
    return true;
}
/** Whether a match of `words` (a global regex) in `text` is written as a word; stops at the first. */
function holdsWrittenWord(text, words) {
    // exec on the shared regex, not matchAll (which clones it on every call: the scan's hot path).
    words.lastIndex = 0;
    try {
        for (let match = words.exec(text); match; match = words.exec(text)) {
            if (match[0].length === 0) {
                words.lastIndex += 1;
                continue;
            }
            if (writtenAsAWord(match[0]))
                return true;
        }
        return false;
    }
    finally {
        words.lastIndex = 0;
    }
}
/**
 * A person writes `fake`, `FAKE`, `Fake` or `changeMe`; a random token holds
 * `fAKe` or `toDO` by chance, and that must not make a real key a stand-in.
 */
function writtenAsAWord(word) {
    if (word === word.toLowerCase() || word === word.toUpperCase())
        return true;
    // camelCase, PascalCase, Api-Key: each part (split at separators and before a capital) is a lower or Capitalized run of 2+.
    const parts = word.split(/[_.\s-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
    return parts.every((part) => part.length >= 2 && part.slice(1) === part.slice(1).toLowerCase());
}
/** Documented example keys and obvious stand-ins, for every rule. */
function isDocumentedExample(secret) {
    return /EXAMPLE|example/.test(secret) || /0123456789abcdef|1234567890|abcdefghijklmnop/i.test(secret);
}
/**
 * The base64 runs of `data:…;base64,` URIs (inlined images and fonts) on a line,
 * as sorted [from, to] spans: a match starting inside one is image data. One
 * linear pass per line, however many matches it holds.
 */
function dataUriSpans(line) {
    const spans = [];
    for (const uri of line.matchAll(/;base64,[A-Za-z0-9+/=]*/g))
        spans.push([uri.index + 8, uri.index + uri[0].length]);
    return spans;
}
const INLINE_ALLOW = 'slipway:allow';

// EXTERNAL MODULE: ./build/src/scan/encoding.js
var encoding = __webpack_require__(7622);
;// CONCATENATED MODULE: ./build/src/scan/keywords.js
/**
 * All rule keywords at once, in one pass over the text (Aho–Corasick over
 * ASCII, case folded in the table): the time is linear in the text and does
 * not grow with the number of keywords, where a regex alternation of 250+
 * keywords tries them at every position. Keywords are lowercase ASCII; any
 * other character resets the automaton.
 */
class KeywordAutomaton {
    keywords;
    /** goto[state * 128 + char] → next state (failure links folded in). */
    goto;
    /** Keyword ids that end in each state (its own and those of its failure chain). */
    outputs;
    /** 1 where a state ends a keyword: a typed-array test on the hot path instead of an array length. */
    emits;
    constructor(keywords) {
        this.keywords = keywords;
        const children = [new Map()];
        const own = [[]];
        keywords.forEach((keyword, id) => {
            let state = 0;
            for (let i = 0; i < keyword.length; i += 1) {
                const c = keyword.charCodeAt(i);
                if (c >= 128)
                    throw new Error(`keyword '${keyword}' is not ASCII`);
                let next = children[state].get(c);
                if (next === undefined) {
                    next = children.length;
                    children.push(new Map());
                    own.push([]);
                    children[state].set(c, next);
                }
                state = next;
            }
            own[state].push(id);
        });
        const states = children.length;
        const goto = new Int32Array(states * 128);
        const fail = new Int32Array(states);
        const outputs = own.map((ids) => [...ids]);
        // Breadth first: a state's failure target is always complete before the state itself.
        const queue = [];
        for (let c = 0; c < 128; c += 1) {
            const next = children[0].get(c) ?? 0;
            goto[c] = next;
            if (next !== 0)
                queue.push(next);
        }
        for (let head = 0; head < queue.length; head += 1) {
            const state = queue[head];
            outputs[state].push(...outputs[fail[state]]);
            for (let c = 0; c < 128; c += 1) {
                const next = children[state].get(c);
                if (next === undefined) {
                    goto[state * 128 + c] = goto[fail[state] * 128 + c];
                }
                else {
                    goto[state * 128 + c] = next;
                    fail[next] = goto[fail[state] * 128 + c];
                    queue.push(next);
                }
            }
        }
        // Upper-case letters move like their lower-case forms.
        for (let state = 0; state < states; state += 1) {
            for (let c = 65; c <= 90; c += 1)
                goto[state * 128 + c] = goto[state * 128 + c + 32];
        }
        this.goto = goto;
        this.outputs = outputs;
        this.emits = Uint8Array.from(outputs, (ids) => (ids.length > 0 ? 1 : 0));
    }
    /**
     * Calls `onLine(lineStart, lineEnd, keywordIds)` for each line holding at
     * least one keyword, in order; each id is listed once per line. A keyword
     * never spans a line break.
     */
    scanLines(text, onLine) {
        const { goto, outputs, emits } = this;
        const seenOnLine = new Int32Array(this.keywords.length).fill(-1);
        let ids = [];
        let lineStart = 0;
        let state = 0;
        const length = text.length;
        for (let i = 0; i < length; i += 1) {
            const c = text.charCodeAt(i);
            if (c === 10) {
                if (ids.length > 0) {
                    onLine(lineStart, i, ids);
                    ids = [];
                }
                lineStart = i + 1;
                state = 0;
                continue;
            }
            if (c >= 128) {
                state = 0;
                continue;
            }
            state = goto[state * 128 + c];
            if (emits[state] === 0)
                continue;
            for (const id of outputs[state]) {
                if (seenOnLine[id] !== lineStart) {
                    seenOnLine[id] = lineStart;
                    ids.push(id);
                }
            }
        }
        if (ids.length > 0)
            onLine(lineStart, length, ids);
    }
}

// EXTERNAL MODULE: ./build/src/scan/linear-regex.js
var linear_regex = __webpack_require__(9904);
// EXTERNAL MODULE: ./build/src/scan/samples.js
var samples = __webpack_require__(7936);
;// CONCATENATED MODULE: ./build/src/scan/rules/shapes.js


const CHARSETS = {
    alnum: { cls: 'A-Za-z0-9', alphabet: samples/* ALPHABETS */.H.alnum },
    hex: { cls: 'a-f0-9', alphabet: samples/* ALPHABETS */.H.hex },
    hexUpper: { cls: 'A-F0-9', alphabet: '0123456789ABCDEF' },
    upper: { cls: 'A-Z0-9', alphabet: samples/* ALPHABETS */.H.upper },
    lower: { cls: 'a-z0-9', alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789' },
    letters: { cls: 'A-Za-z', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' },
    url: { cls: 'A-Za-z0-9_-', alphabet: samples/* ALPHABETS */.H.urlSafe },
    base64: { cls: 'A-Za-z0-9+/', alphabet: samples/* ALPHABETS */.H.base64 },
    digits: { cls: '0-9', alphabet: samples/* ALPHABETS */.H.digits },
};
/** `DB_PASSWORD: string = …` (TypeScript, Kotlin, Swift) and `dbPassword string = …` (Go), between a name and its value. */
const TYPE_ANNOTATION = "(?:(?:\\s{0,8}:\\s{0,8}|\\s{1,8})(?:string|String|str|&(?:'static\\s)?str)(?![A-Za-z0-9_]))?";
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const quantifier = (length) => (typeof length === 'number' ? `{${length}}` : `{${length[0]},${length[1]}}`);
const pickLength = (g, length) => (typeof length === 'number' ? length : g.int(length[0], Math.min(length[1], length[0] + 8)));
/** Default entropy floor by alphabet: random hex sits near 3.5+, random base62 near 4+. */
function defaultEntropy(charset, length) {
    const min = typeof length === 'number' ? length : length[0];
    if (min < 12)
        return 2.3;
    const hexLike = charset === CHARSETS.hex || charset === CHARSETS.hexUpper || charset === CHARSETS.digits;
    if (min < 24)
        return hexLike ? 2.4 : 2.8;
    return hexLike ? 2.8 : 3.0;
}
/** A token that announces itself with a literal prefix (`ghp_`, `xoxb-`, `AKIA` …). */
function prefixed(shape) {
    const prefixes = typeof shape.prefix === 'string' ? [shape.prefix] : [...shape.prefix];
    const before = shape.embedded ? '' : `(?<![${shape.notAfter ?? 'A-Za-z0-9'}])`;
    const tail = shape.suffix ? shape.suffix.regex : '';
    const pattern = new RegExp(`${before}(?<secret>(?:${prefixes.map(escapeRegex).join('|')})[${shape.body.cls}]${quantifier(shape.length)}${tail})(?![${shape.body.cls}])`);
    const first = prefixes[0];
    const suffixSample = (g) => {
        const sample = shape.suffix?.sample ?? '';
        return typeof sample === 'string' ? sample : g ? sample(g) : '';
    };
    const build = shape.build ?? ((g) => `${first}${g.chars(shape.body.alphabet, pickLength(g, shape.length))}${suffixSample(g)}`);
    const fixedLength = typeof shape.length === 'number' ? shape.length : shape.length[0];
    const minEntropy = shape.minEntropy ?? defaultEntropy(shape.body, shape.length);
    // Entropy and placeholder runs are judged on the random part, not on the fixed prefix.
    const bodyOf = (secret) => secret.slice(prefixes.find((p) => secret.startsWith(p))?.length ?? 0);
    // In minified code only formats that cannot be chance run: a checksum, a prefix of 4+ characters, or a long fixed tail.
    const strong = shape.build !== undefined || prefixes.every((p) => p.length >= 4) || (shape.suffix?.regex.length ?? 0) >= 10;
    return {
        id: shape.id,
        title: shape.title,
        minified: strong,
        keywords: shape.keywords ?? prefixes.map((p) => p.toLowerCase()),
        pattern,
        validate: (secret) => {
            const body = bodyOf(secret);
            if (/(.)\1{7,}/.test(body) || (0,encoding/* shannonEntropy */.ly)(body) < minEntropy)
                return false;
            return shape.validate?.(secret) ?? true;
        },
        samples: {
            match: [(g) => `token = "${build(g)}"`, (g) => `export SECRET_VALUE=${build(g)}`],
            quiet: [
                ...(fixedLength >= 12
                    ? [(g) => `token = "${first}${'x'.repeat(fixedLength)}${suffixSample(g)}"`, (g) => `token = "${first}${'0'.repeat(fixedLength)}${suffixSample(g)}"`]
                    : []),
                ...(shape.quiet ?? []),
                `token = "${first}<redacted>"`,
            ],
        },
    };
}
/**
 * A value with no prefix of its own (a 32-hex API key) that is only a secret
 * when the provider's name sits next to it.
 */
function contextual(shape) {
    const between = shape.between ?? '[a-z0-9_.-]{0,30}';
    const pattern = new RegExp(`(?:${shape.names.join('|')})${between}["']?${TYPE_ANNOTATION}\\s{0,16}(?::=|=>|=|:)\\s{0,16}["'\`]?(?<secret>[${shape.body.cls}]${quantifier(shape.length)})(?![${shape.body.cls}])`, 'i');
    const length = typeof shape.length === 'number' ? shape.length : shape.length[0];
    return {
        id: shape.id,
        title: shape.title,
        // A bare value beside a provider's name: minified code is full of such names with no secret.
        minified: false,
        keywords: shape.keywords,
        pattern,
        validate: shape.validate,
        minEntropy: shape.minEntropy ?? defaultEntropy(shape.body, shape.length),
        samples: {
            match: [(g) => `${shape.sampleName}="${g.chars(shape.body.alphabet, pickLength(g, shape.length))}"`],
            quiet: [`${shape.sampleName}="${'x'.repeat(length)}"`, `export const ${shape.sampleName}: string = "${'0'.repeat(length)}";`, `${shape.sampleName}=\${${shape.sampleName}}`],
        },
    };
}

;// CONCATENATED MODULE: ./build/src/scan/rules/structural.js
// Secrets recognised by their structure or their surroundings rather than a
// provider prefix: key blocks, JWTs, credentials in URLs and headers, and the
// generic "secret-looking name = high-entropy value".



const pemBody = (g, lines) => Array.from({ length: lines }, () => g.base64(64)).join('\n');
const jwt = (g) => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: g.digits(8), role: 'service_role', iat: 1700000000 + g.int(0, 1e6) })).toString('base64url');
    return `${header}.${payload}.${g.urlSafe(43)}`;
};
const discordBotToken = (g) => `${Buffer.from(`1${g.digits(17)}`).toString('base64').replace(/=+$/, '')}.${g.urlSafe(6)}.${g.urlSafe(38)}`;
/** A strong-looking password a person might pick: letters, digits and a symbol. */
const humanPassword = (g) => `${g.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${g.chars('abcdefghijkmnopqrstuvwxyz', 5)}${g.digits(3)}${g.chars('!#%&*+-?@^', 1)}${g.alnum(4)}`;
const GENERIC_NAMES = 'passw(?:or)?d|pass(?![a-z])|passphrase|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?(?:key|token)|private[_.-]?key|client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|smtp[_.-]?pass';
const GENERIC_NAME_WORDS = new RegExp(GENERIC_NAMES, 'gi');
/** Names that carry secret-looking words but hold no secret (`token_url`, `public_key`). */
const NOT_SECRET_NAME = /public|hash|digest|sha\d*|checksum|fingerprint|integrity|_?(?:url|uri|path|file|dir|name|type|endpoint|length|len|count|ttl|expir\w*|timeout|id|field|prompt|label|header|format|policy|mode|version|len|size|limit|regex|pattern)$|^(?:no|min|max|use|has|is|show|reset|forgot|new|confirm)_|_(?:enabled|required|rules?|hint|placeholder|reset)$|token(?:izer|ize|s_?used|_?count)|next_?token|page_?token|csrf|xsrf|[a-z_](?:secrets|tokens|passwords)$/i;
const GENERIC_VALUE_CLASS = "[^\\s\"'`;,<>(){}\\[\\]]";
/** Symbols a chosen password may open with, which YAML, shells and code also use as operators. */
const SYMBOL_LEADS = ['!', '*', '$', '%', '@', '|', '>', '&', '#'];
/** A comma after a quoted first argument (`setProperty("API_TOKEN", …`, `{ "Password", …`): never after bare words or in a list. */
// The comma is matched first, so the look-behind runs only where a comma stands.
const CALL_COMMA = `,(?<=[({]\\s{0,4}["'][A-Za-z0-9_.-]{1,125}["']\\s{0,16},)`;
/**
 * What may stand between a name and its value, across the file types users have:
 * `=` (shell, env, INI, TOML, HCL, Python, JS), `:` (YAML, JSON, Ruby hashes),
 * `:=` `::=` `:::=` `?=` `+=` (Go, Makefile), `.=` (PHP), `=>` (PHP, Ruby), a space
 * (Dockerfile `ENV`, `.netrc`, CLI flags) and `,` between two quoted arguments
 * (`System.setProperty("API_TOKEN", "…")`, `os.Setenv(…)`, PHP `define(…)`).
 */
const ASSIGNMENT_OPERATOR = `\\s{0,16}(?::{1,3}=|[?+.]=|=>|=|:|${CALL_COMMA}|\\s)\\s{0,16}`;
/**
 * Whether the operator and quotes make an assignment: a comma pairs a quoted
 * name with a quoted value (a call's two arguments), never bare words (`a, b`);
 * a name ending a sentence (`… from a secret. Gitea/Forgejo: …`) is prose when
 * only a space follows it.
 */
function isAssignment({ name = '', nq = '', sep = '', q = '' }) {
    if (/^\s+$/.test(sep) && /\.$/.test(name))
        return false;
    if (sep.includes(','))
        return /["']/.test(nq) && q !== '';
    return true;
}
const structuralRules = [
    {
        id: 'private-key',
        title: 'Private key block',
        keywords: ['private key'],
        multiline: true,
        pattern: /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{32,12000}?)-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----/,
        validate: (body) => {
            const compact = body.replace(/\\n|\\r|\s|"|,|\+$/g, '').replace(/^(?:Proc-Type|DEK-Info|Comment):.*$/gm, '');
            return compact.length >= 64 && /^[A-Za-z0-9+/=:.,-]+$/.test(compact.slice(-64)) && !/\.\.\.|<|example/i.test(body);
        },
        samples: {
            match: [
                (g) => `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(g, 8)}\n-----END RSA PRIVATE KEY-----`,
                (g) => `"private_key": "-----BEGIN PRIVATE KEY-----\\n${g.base64(64)}\\n${g.base64(64)}\\n-----END PRIVATE KEY-----\\n",`,
            ],
            quiet: [
                '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
                '-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----',
            ],
        },
    },
    {
        id: 'putty-private-key',
        title: 'PuTTY private key',
        keywords: ['putty-user-key-file'],
        multiline: true,
        pattern: /PuTTY-User-Key-File-\d: [a-z0-9-]{1,40}[\s\S]{0,2000}?Private-Lines: \d{1,4}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,8000})/,
        samples: {
            match: [(g) => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${g.base64(64)}\n${g.base64(20)}\nPrivate-Lines: 1\n${g.base64(64)}\nPrivate-MAC: ${g.hex(64)}`],
            quiet: ['PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n<redacted>'],
        },
    },
    {
        id: 'jwt',
        title: 'JSON Web Token',
        keywords: ['eyj'],
        pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000})/,
        validate: (token) => {
            const [header, payload] = token.split('.');
            return (0,encoding/* isJsonSegment */.kN)(header, 'alg') && (0,encoding/* isJsonSegment */.kN)(payload);
        },
        samples: {
            match: [(g) => `SUPABASE_SERVICE_ROLE_KEY=${jwt(g)}`],
            quiet: ['token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.<signature>', `const header = "eyJ0eXAiOiJKV1QifQ.eyJub3Rqc29u.${'a'.repeat(30)}";`],
        },
    },
    {
        id: 'discord-bot-token',
        title: 'Discord bot token',
        keywords: ['discord', 'bot '],
        pattern: /(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
        validate: (token) => /^\d{17,20}$/.test((0,encoding/* decodeBase64 */.y4)(token.split('.')[0]) ?? ''),
        samples: {
            match: [(g) => `DISCORD_TOKEN="${discordBotToken(g)}"`],
            quiet: ['DISCORD_TOKEN="your-discord-bot-token"'],
        },
    },
    {
        id: 'url-credentials',
        minified: false,
        title: 'Password in a connection string or URL',
        keywords: ['://'],
        pattern: /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/(?<user>[^\s:@/'"`]{1,100}):(?<secret>[^\s@/'"`]{3,200})@[A-Za-z0-9_.-]{1,253}/i,
        // A password equal to the user name (`app:app@localhost`) is a local default, not a secret.
        validate: (password, match) => password.toLowerCase() !== match.groups?.user?.toLowerCase() && !looksLikeGenericPlaceholder(password) && !/^(?:pass(?:word)?|pwd|secret|x+|\*+|user|admin|root|postgres|guest|test)$/i.test(password) && !/^[$%{<]/.test(password),
        samples: {
            match: [
                (g) => `DATABASE_URL=postgres://app:${g.alnum(20)}@db.internal:5432/app`,
                (g) => `redis_url: "rediss://default:${g.alnum(24)}@cache.example.net:6380"`,
            ],
            quiet: ['DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app', 'url: postgres://user:password@localhost/db', 'https://user:<password>@git.example.com', 'DATABASE_URL=postgres://shopdev:shopdev@localhost:5432/shop_test'],
        },
    },
    {
        id: 'connection-string-password',
        minified: false,
        title: 'Password in an ADO.NET / JDBC connection string',
        keywords: ['password=', 'pwd='],
        // `Server=…;…Password=…` or a JDBC URL: the keys, not a word (`./server --db-password=…` is a CLI flag).
        pattern: /(?:(?:server|host|data source|address|addr)\s{0,4}=|jdbc:[a-z]{1,20}:)[^\n]{0,200}?(?:password|pwd)=(?<secret>[^;\s'"&]{6,100})/i,
        validate: (password) => !looksLikeGenericPlaceholder(password) && !/^[$%{<]/.test(password) && !/[()]/.test(password) && !looksLikeIdentifier(password),
        samples: {
            match: [(g) => `"Db": "Server=sql.internal;Database=app;User Id=app;Password=${g.alnum(12)}#${g.digits(2)};"`],
            quiet: ['"Db": "Server=sql.internal;Database=app;User Id=app;Password=$(DB_PASSWORD);"'],
        },
    },
    {
        id: 'basic-auth-header',
        title: 'HTTP basic authorization credentials',
        keywords: ['basic '],
        pattern: /authorization["']?\s{0,16}[:=]\s{0,16}["']?basic\s{1,16}(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})/i,
        validate: (value) => {
            const decoded = (0,encoding/* decodeBase64 */.y4)(value) ?? '';
            const [, password = ''] = decoded.split(':');
            return /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decoded) && !looksLikeGenericPlaceholder(password);
        },
        samples: {
            match: [(g) => `curl -H "Authorization: Basic ${Buffer.from(`deploy:${g.alnum(16)}`).toString('base64')}" https://ci.internal/api`],
            quiet: ['curl -H "Authorization: Basic $CREDENTIALS" https://ci.internal/api'],
        },
    },
    {
        id: 'bearer-token',
        minified: false,
        title: 'Bearer token in an authorization header',
        keywords: ['bearer '],
        pattern: /authorization["']?\s{0,16}[:=]\s{0,16}["']?bearer\s{1,16}(?<secret>[A-Za-z0-9_.~+/-]{20,4000}={0,2})/i,
        minEntropy: 3.5,
        validate: (token) => !looksLikeGenericPlaceholder(token) && /[A-Za-z]/.test(token) && (/[0-9]/.test(token) || lettersOnlyToken(token)),
        samples: {
            match: [(g) => `-H 'Authorization: Bearer ${g.alnum(40)}'`, (g) => `-H 'Authorization: Bearer ${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40)}'`],
            quiet: ['-H "Authorization: Bearer ${TOKEN}"', "-H 'Authorization: Bearer your_access_token_here'", "headers: { authorization: 'Bearer accessTokenFromTheLoginStep' }"],
        },
    },
    {
        id: 'docker-config-auth',
        title: 'Registry credentials in a Docker config.json',
        keywords: ['"auth"'],
        pattern: /"auth"\s{0,16}:\s{0,16}"(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})"/,
        validate: (value) => /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test((0,encoding/* decodeBase64 */.y4)(value) ?? ''),
        samples: {
            match: [(g) => `{"auths": {"registry.example.net": {"auth": "${Buffer.from(`ci:${g.alnum(20)}`).toString('base64')}"}}}`],
            quiet: ['{"auths": {"registry.example.net": {"auth": ""}}}'],
        },
    },
    {
        id: 'npmrc-auth-token',
        minified: false,
        title: 'Registry token in .npmrc',
        keywords: ['_authtoken', '_auth=', '_password='],
        pattern: /(?<![A-Za-z0-9])(?:_authToken|_auth|_password)\s{0,16}=\s{0,16}["']?(?<secret>[A-Za-z0-9+/_.=-]{16,2000})/,
        minEntropy: 3.2,
        validate: (value) => !looksLikeGenericPlaceholder(value),
        samples: {
            match: [(g) => `//npm.pkg.example.net/:_authToken=${g.urlSafe(36)}`],
            quiet: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
        },
    },
    {
        id: 'azure-sas-token',
        title: 'Azure shared access signature',
        keywords: ['sig='],
        pattern: /[?&]sv=\d{4}-\d\d-\d\d[^\s"']{0,1000}?&sig=(?<secret>[A-Za-z0-9%+/]{40,400}(?:%3D|=){0,2})/i,
        samples: {
            match: [(g) => `BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig=${g.alnum(43)}%3D"`],
            quiet: ['BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&sig=<sas-signature>"'],
        },
    },
    {
        id: 'generic-secret',
        title: 'High-entropy value assigned to a secret-looking name',
        generic: true,
        // Names are written with `_`, `-`, `.` or nothing between their words (`api_key`, `api-key`, `app.api.key`, `apiKey`).
        keywords: ['pass', 'pwd', 'secret', 'token', 'credential', ...['api', 'access', 'auth', 'private', 'signing', 'encryption', 'master'].flatMap((word) => ['_', '-', '.', ''].map((join) => `${word}${join}key`))],
        // Every quantifier is bounded (the name to 60 characters each side of its word), so a
        // start position costs a constant however long the line: `tokentoken…` stays linear.
        // Not after `${`: `${TOKEN:?message}` and `${TOKEN:-x}` are shell expansions, not assignments.
        pattern: new RegExp(`(?<![A-Za-z0-9_.-]|\\$\\{)(?<name>[A-Za-z0-9_.-]{0,60}?(?:${GENERIC_NAMES})[A-Za-z0-9_.-]{0,60})(?<nq>["'\\]]{0,2})${TYPE_ANNOTATION}(?<sep>${ASSIGNMENT_OPERATOR})(?<q>["'\`]?)(?<secret>>?${GENERIC_VALUE_CLASS}{8,200})\\k<q>(?=[\\s"'\`;,)}\\]]|$)`, 'i'),
        // A name that ends a sentence (`… from a secret. Gitea/Forgejo: …`) is prose when only a space follows it.
        validate: (value, match) => isAssignment(match.groups ?? {})
            && isStrongGenericValue(value, { quoted: Boolean(match.groups?.q), separator: match.groups?.sep, name: match.groups?.name }),
        samples: {
            match: [
                (g) => `SMTP_PASSWORD=${humanPassword(g)}`,
                (g) => `db_password: "${humanPassword(g)}"`,
                (g) => `  "apiKey": "${g.alnum(32)}",`,
                (g) => `export APP_SECRET='${g.base64(40)}'`,
                // Typed constants: TypeScript, Kotlin, Swift, Go.
                (g) => `export const DB_PASSWORD: string = "${humanPassword(g)}";`,
                (g) => `  private readonly apiToken: string = '${g.alnum(32)}';`,
                (g) => `val dbPassword: String = "${humanPassword(g)}"`,
                (g) => `var smtpPassword string = "${humanPassword(g)}"`,
                (g) => `PAYMENTS_GATEWAY_PRODUCTION_EU_WEST_PRIMARY_DATABASE_PASSWORD=${humanPassword(g)}`,
                // Passwords that open with a symbol, quoted and (where the syntax allows) not.
                ...SYMBOL_LEADS.map((lead) => (g) => `DB_PASSWORD="${lead}${humanPassword(g)}"`),
                ...SYMBOL_LEADS.map((lead) => (g) => `db_password: '${lead}${humanPassword(g)}'`),
                ...['!', '*', '$', '%', '@', '#'].map((lead) => (g) => `DB_PASSWORD=${lead}${humanPassword(g)}`),
            ],
            quiet: [
                "description: 'Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope.'",
                'password: ${{ secrets.DB_PASSWORD }}',
                'const token = process.env.GITHUB_TOKEN;',
                'DB_PASSWORD=changeme',
                'api_key = "your_api_key_here"',
                'password = os.environ["DB_PASSWORD"]',
                'token_url = "https://auth.example.net/oauth/token"',
                'const passwordField = form.querySelector("#password");',
                'secret: !vault |',
                'password: <PASSWORD>',
                'TOKEN_TTL=3600',
                'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq9wYk1sN0nX2Vb4d1c7e5f3a9b8c6d4e2f0a1b3c5d7e9"',
                // Shell parameter expansions, every form.
                'GITHUB_TOKEN=${GITHUB_TOKEN:?set GITHUB_TOKEN first}',
                'GITHUB_TOKEN=${GITHUB_TOKEN:?message}',
                'export DEPLOY_TOKEN="${DEPLOY_TOKEN:-fallbackvalue1}"',
                'API_TOKEN=${API_TOKEN}',
                'API_TOKEN=$API_TOKEN_FROM_VAULT',
                'password="$DB_PASSWORD_VALUE"',
                'SMTP_PASSWORD=${SMTP_PASSWORD:=defaultvalue9}',
                // Member copies and expressions (minified and hand-written code alike).
                'o.apiKey=n.apiKey||"";',
                'e.accessToken=t.accessToken??null,e.secret=t.secret||e.secret;',
                'r.token=i?i.token:a.token;',
                'const password = isAdmin?adminPassword:userPassword;',
                'this.apiKey = !options.apiKey;',
                // YAML indicators and code operators before an identifier.
                'password: *default_password',
                'password: &db_password hunter2isnotit',
                'secret: !Ref DatabaseSecretArn',
                'token: # set in the environment',
                'token = &secretBuffer;',
                'password: @Value',
                // An account SID names the account, like an AWS account id: an identifier, not a credential.
                (g) => `TWILIO_ACCOUNT_SID=AC${g.hex(32)}`,
                (g) => `twilio: { accountSid: "AC${g.hex(32)}" }`,
            ],
        },
    },
    {
        id: 'terraform-variable-default',
        title: 'Default value of a secret-looking Terraform variable',
        generic: true,
        multiline: true,
        reportSecretLine: true,
        minified: false,
        keywords: ['variable "'],
        // The value's own line says only `default`; the name is on the block's first line.
        pattern: /(?<![A-Za-z0-9_])variable\s{1,8}"(?<name>[A-Za-z0-9_-]{1,80})"\s{0,8}\{[^{}]{0,600}?\bdefault\s{0,16}=\s{0,16}"(?<secret>[^"\s]{8,200})"/,
        validate: (value) => isStrongGenericValue(value, { quoted: true }),
        samples: {
            match: [
                (g) => `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${humanPassword(g)}"\n}`,
                (g) => `variable "api_token" { default = "${g.alnum(32)}" }`,
            ],
            quiet: [
                'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
                'variable "db_password" {\n  default = "changeme"\n}',
                'variable "region" {\n  default = "eu-central-1a"\n}',
                'variable "db_password_length" {\n  default = "32"\n}',
                'variable "token" {\n  default = "${var.fallback_token}"\n}',
            ],
        },
    },
];
/** A file path (`/etc/app/key.pem`, `./secrets`), not a base64 value that starts with a slash. */
function looksLikePath(value) {
    if (/^[A-Za-z]:\\/.test(value))
        return true;
    if (!/^(?:\.{0,2}|~)\/[A-Za-z0-9_./-]*$/.test(value))
        return false;
    // Path segments are words (lower, Capitalised or UPPER); random base64 segments are not.
    return value.replace(/^~/, '').split('/').every((segment) => /^(?:[a-z0-9_.-]*|[A-Z][a-z0-9_.-]*|[A-Z0-9_.-]*)$/.test(segment));
}
/**
 * A bearer token of letters only: an identifier (`accessTokenFromTheLoginStep`)
 * is camelCase with about one capital in seven and entropy near 4; a random
 * token is cased at random or has higher entropy still.
 */
function lettersOnlyToken(token) {
    const entropy = (0,encoding/* shannonEntropy */.ly)(token);
    return entropy >= 4.3 || (entropy >= 3.9 && looksRandomlyCased(token));
}
/** Letters only, but cased like random text rather than camelCase words. */
function looksRandomlyCased(value) {
    const letters = value.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length;
    return value.length >= 20 && upper / letters.length > 0.25 && upper / letters.length < 0.75;
}
/** The generic rule's name must not be a known non-secret name; checked with the match. */
function isSecretName(name) {
    const bare = name.replace(/["'\]]+$/, '');
    if (NOT_SECRET_NAME.test(bare))
        return false;
    // `dbPassword`, `DB_PASSWORD`: the word is written as a word. In `q1/8IzUOnvpWdd3`
    // (a run of base64 before a space) `pWd` is chance, not a name.
    return holdsWrittenWord(bare, GENERIC_NAME_WORDS);
}
/** `${VAR}`, `$(cmd)`, `$VAR`, `%VAR%`, `{{ var }}`, `@annotation`: a reference, never a value. */
function isReferenceValue(value) {
    // Also `env:NAME` (TOML/HCL tools) and `#{NAME}#` (Octopus / Azure DevOps token replacement).
    return /^\{\{|\$\{|\$\(|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^@[A-Za-z_][A-Za-z_.]*@?$|^env:[A-Za-z_][A-Za-z0-9_]*$|^#\{[A-Za-z_][A-Za-z0-9_.]*\}#?$/.test(value);
}
const IDENT = '[A-Za-z_$][A-Za-z_$]{0,40}\\d{0,3}';
const OPERAND = `(?:${IDENT}(?:\\??\\.${IDENT}|\\[\\d{1,4}\\])*|\\d{1,10}|)`;
/** `n.apiKey||`, `t.secret??null`, `i?i.token:a.token`, `!options.key`, `info?.password`: code, not a value. */
const EXPRESSION = new RegExp(`^!{0,2}${OPERAND}(?:(?:\\|\\||\\?\\?|&&|\\?|:|===?|!==?)!{0,2}${OPERAND}){0,20}$`);
/** A member copy or an expression of identifiers: `||`, `??`, `&&`, a ternary, a negation. */
function isExpressionValue(value) {
    if (!EXPRESSION.test(value))
        return false;
    // `Abc?def:123` could be a password; code has an operator of its own or a member access.
    return /\|\||\?\?|&&|[A-Za-z_$]\??\.[A-Za-z_$]/.test(value) || /^[A-Za-z]+\?[A-Za-z]+:[A-Za-z]+$/.test(value);
}
/** Names under which a UUID-shaped value is a credential (HubSpot, KuCoin, Squarespace keys), not an id. */
const UUID_SECRET_NAME = /secret|passw|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|auth[_.-]?token|access[_.-]?token/i;
/**
 * A name written in code rather than a value: words run together
 * (`keyVaultToStoreSecrets`, `SecretTokenType`, `clientSecret2`), a qualified
 * name (`xs:token`, `tns:ClientSecretType`), a Maven/Gradle coordinate
 * (`jjwt-api:0.11.5`, `com.google.cloud:google-cloud-secretmanager`) or a
 * resource slug (`kv-prod-weu-01`). Random text has digits and capitals
 * scattered through it, which none of these shapes allow.
 */
function looksLikeIdentifier(value) {
    const words = /^(?:[a-z]{2,24}|[A-Z][a-z]{1,24})(?:[A-Z][a-z]{1,24}){1,8}\d{0,3}$/;
    if (words.test(value))
        return true;
    const qualified = /^([A-Za-z][A-Za-z0-9]{0,15}):([A-Za-z_][A-Za-z0-9_]{0,80})$/.exec(value);
    if (qualified && (/^[a-z]{2,40}$/.test(qualified[2]) || words.test(qualified[2]) || /^[A-Z][a-z]{1,40}$/.test(qualified[2])))
        return true;
    if (/^(?:[a-z][a-z0-9_.-]{0,80}:){1,2}\d{1,4}(?:\.[0-9A-Za-z_+-]{1,20}){0,4}$/.test(value))
        return true;
    if (/^[a-z][a-z0-9_-]{0,60}\.[a-z0-9_.-]{1,80}:[a-z][a-z0-9_.-]{0,80}$/.test(value))
        return true;
    return /^[a-z]{1,15}(?:-(?:[a-z]{1,15}|\d{1,4})){1,8}$/.test(value);
}
/**
 * A value that is neither a reference (`$VAR`, `process.env.X`), an expression,
 * an identifier, a path, a URL nor a placeholder, and mixes character classes
 * like a real secret. A leading symbol (`!Kx9…`, `#Rt4…`) is a password's
 * choice unless the syntax makes it something else: unquoted after a YAML `:`
 * it is a tag, anchor, alias, block scalar or comment; after a space, `#` opens
 * a comment; before a bare identifier it is an operator (`!flag`, `*ptr`, `&ref`).
 */
function isStrongGenericValue(value, context = {}) {
    if (isReferenceValue(value) || isExpressionValue(value))
        return false;
    const lead = /^[!&*|>#%@$]+/.exec(value)?.[0] ?? '';
    if (lead) {
        const separator = context.separator ?? '';
        if (!context.quoted && separator.includes(':') && !separator.includes('='))
            return false;
        if (!context.quoted && lead.startsWith('#') && /\s$/.test(separator))
            return false;
        const rest = value.slice(lead.length);
        if (/^[A-Za-z_][A-Za-z_]*\d{0,2}$/.test(rest) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(rest))
            return false;
    }
    if (/process\.env|os\.environ|getenv|environ|secrets\.|env\(|\bvault\b|\.get\(|^ref\+|^arn:/i.test(value))
        return false;
    if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value))
        return false; // this.token, config.apiKey
    if (/^\d{0,4}-?[a-z]{3,}(?:-[a-z]+)*[:.,;!?]?$/.test(value))
        return false; // prose: `token structure:`, `tokens: 4-character`
    if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes('_'))
        return false; // an env var name
    if (looksLikePath(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return false;
    if (/^(?:true|false|null|none|nil|undefined|required|optional)$/i.test(value))
        return false;
    if (/^\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value))
        return false;
    // A UUID is an identifier, unless the name says it is a secret.
    if (/^[a-f0-9-]{36}$/i.test(value) && /^[a-f0-9]{8}-/i.test(value) && !UUID_SECRET_NAME.test(context.name ?? ''))
        return false;
    if (looksLikeIdentifier(value))
        return false;
    if (/^(?:sha\d+|md5|sha512-|sha256-|sha384-)[:-]?/i.test(value))
        return false;
    // `<…>` marks a placeholder; a password may still open with `>`.
    if (looksLikeGenericPlaceholder(value.replace(/^>/, '')))
        return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9_.-]/].filter((re) => re.test(value)).length;
    if (classes < 2)
        return false;
    if (!/[0-9]|[^A-Za-z0-9_.-]/.test(value) && !looksRandomlyCased(value))
        return false;
    // A plain hex run is a digest unless it is long enough to be a key and the name says so.
    return (0,encoding/* shannonEntropy */.ly)(value) >= (value.length >= 20 ? 3.2 : 2.7);
}

;// CONCATENATED MODULE: ./build/src/scan/detect.js






/** Line number (0-based) of an offset, counted afresh: document rules report out of line order. */
function lineIndexOf(text, offset) {
    let index = 0;
    for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1))
        index += 1;
    return index;
}
/** How far a multi-line rule (a key block) may reach past its line. */
const MULTILINE_WINDOW = 16_000;
/** A line at least this long, shaped like code with few spaces, is minified (a bundle). */
const MINIFIED_LINE = 1000;
/** How much of a long line is looked at to judge its shape. */
const SHAPE_SAMPLE = 4096;
/** Nothing found: shared, so the common case (a woken line without a match) allocates nothing. */
const NO_MATCHES = [];
/**
 * How a rule's matches starting before `limit` are found in a subject, in order:
 * RE2 for user patterns, else the RegExp run directly (no generator per line and rule).
 */
function matchFinder(rule) {
    const { pattern } = rule;
    if (pattern instanceof linear_regex/* LinearRegex */.P) {
        return (subject, limit) => {
            const found = [];
            for (const match of pattern.matches(subject)) {
                if (match.index >= limit)
                    break;
                found.push(match);
            }
            return found.length > 0 ? found : NO_MATCHES;
        };
    }
    const global = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g');
    return (subject, limit) => {
        let found;
        global.lastIndex = 0;
        for (let match = global.exec(subject); match && match.index < limit; match = global.exec(subject)) {
            if (match[0].length === 0) {
                global.lastIndex += 1;
                continue;
            }
            (found ??= []).push({ index: match.index, text: match[0], secret: match.groups?.secret ?? match[1] ?? match[0], groups: match.groups });
        }
        return found ?? NO_MATCHES;
    };
}
/**
 * Minified code: a long line with few spaces and the punctuation of code
 * (`;`, `(`, `=`, `&&`) rather than of data (a one-line JSON document keeps its
 * generic rules: `"password":"…"` there is a real value).
 */
function isMinifiedLine(line) {
    if (line.length < MINIFIED_LINE)
        return false;
    const sample = line.length > SHAPE_SAMPLE ? line.slice(0, SHAPE_SAMPLE) : line;
    let spaces = 0;
    let code = 0;
    for (let i = 0; i < sample.length; i += 1) {
        const c = sample.charCodeAt(i);
        if (c === 32 || c === 9)
            spaces += 1;
        else if (c === 59 || c === 40 || c === 61)
            code += 1; // ; ( =
    }
    return spaces / sample.length < 0.08 && code / sample.length > 0.02;
}
/**
 * Spans already claimed on one line, one sorted list per rule (a rule's matches
 * come in order and never overlap), so an overlap test is a binary search per
 * rule instead of a walk over every earlier match: many matches on one long
 * line stay linear.
 */
class SpanIndex {
    lists = new Map();
    add(owner, from, to) {
        let list = this.lists.get(owner);
        if (!list) {
            list = [];
            this.lists.set(owner, list);
        }
        const last = list.at(-1);
        if (last && from < last[0])
            list.splice(sortedIndex(list, from), 0, [from, to]);
        else
            list.push([from, to]);
    }
    overlaps(from, to) {
        for (const list of this.lists.values()) {
            // The first span ending after `from`; spans in one list are disjoint, so ends are sorted too.
            let low = 0;
            let high = list.length;
            while (low < high) {
                const mid = (low + high) >>> 1;
                if (list[mid][1] <= from)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (low < list.length && list[low][0] < to)
                return true;
        }
        return false;
    }
}
function sortedIndex(list, from) {
    let low = 0;
    let high = list.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (list[mid][0] < from)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
/** `ghp_… (40 chars)`: enough to find it, never enough to use it. */
function redactSecret(secret) {
    return `${secret.slice(0, 4)}… (${secret.length} chars)`;
}
function fingerprintSecret(ruleId, secret) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 20);
}
/**
 * The pure engine: text (+ its path) in, findings out. It reads nothing and
 * starts nothing. One pass of a keyword automaton finds candidate lines;
 * only the rules whose keywords a line holds run on that line.
 */
class Detector {
    options;
    compiled;
    /** Rules that judge a whole document (Kubernetes Secrets), with their index among all rules. */
    documentRules;
    /** Rules that recognise a binary file by its structure (PKCS#12 keystores). */
    binaryRules;
    automaton;
    /** Rule indices per keyword id of the automaton. */
    rulesOfKeyword;
    rulesByKeyword = new Map();
    constructor(options) {
        this.options = options;
        const lineRules = options.rules.filter((rule) => !rule.document);
        this.documentRules = options.rules.filter((rule) => rule.document).map((rule, i) => ({ rule, owner: -1 - i }));
        this.binaryRules = options.rules.filter((rule) => rule.binary);
        this.compiled = lineRules.map((rule) => ({ rule, find: matchFinder(rule), minified: rule.minified ?? !rule.generic }));
        const keywords = [...new Set(lineRules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
        // A keyword also triggers the rules of every keyword it contains (`sk_live_` holds `sk`):
        // the automaton reports overlapping keywords too, so this only saves a lookup.
        for (const keyword of keywords) {
            const indices = [];
            this.compiled.forEach(({ rule }, index) => {
                if (rule.keywords.some((k) => keyword.includes(k.toLowerCase())))
                    indices.push(index);
            });
            this.rulesByKeyword.set(keyword, indices);
        }
        this.automaton = new KeywordAutomaton(keywords);
        this.rulesOfKeyword = keywords.map((keyword) => this.rulesByKeyword.get(keyword) ?? []);
    }
    get keywords() {
        return [...this.rulesByKeyword.keys()];
    }
    /**
     * `lineNumbers` maps the text's line index to the real line number, for text
     * stitched together from the added lines of a diff.
     *
     * Linear in the text: the keyword pass visits each line once, every built-in
     * pattern has bounded quantifiers (constant work per start position), user
     * patterns run on RE2, and claimed spans are searched, not walked.
     */
    detect(text, path, lineNumbers) {
        return this.detectText(text, path, lineNumbers, true);
    }
    /**
     * A binary file recognised by its structure (a PKCS#12 keystore, whatever its
     * name): one finding on line 1, or none. The secret is the file's bytes.
     */
    detectBinary(bytes, path) {
        for (const rule of this.binaryRules) {
            const secret = rule.binary?.(bytes);
            if (secret === undefined)
                continue;
            return [{ ruleId: rule.id, title: rule.title, path, line: 1, column: 1, redacted: redactSecret(secret), fingerprint: fingerprintSecret(rule.id, secret) }];
        }
        return [];
    }
    detectText(text, path, lineNumbers, withDocuments) {
        const findings = [];
        const scan = { findings, claimed: new SpanIndex(), later: [] };
        const documentFindings = withDocuments ? this.detectDocuments(text, path, lineNumbers, scan) : [];
        // Line numbers are counted only when a finding needs one: most files have none.
        let countedTo = 0;
        let lineIndex = 0;
        const lines = {
            indexAt: (lineStart) => {
                for (let at = text.indexOf('\n', countedTo); at >= 0 && at < lineStart; at = text.indexOf('\n', at + 1))
                    lineIndex += 1;
                countedTo = Math.max(countedTo, lineStart);
                return lineIndex;
            },
            number: (index) => (lineNumbers ? lineNumbers[index] ?? index + 1 : index + 1),
        };
        // One search per text rather than one per woken line.
        const mayAllow = text.includes(INLINE_ALLOW);
        const wokenOn = new Int32Array(this.compiled.length);
        let stamp = 0;
        // One pass finds every line that holds a keyword and which keywords it holds.
        this.automaton.scanLines(text, (lineStart, lineEnd, keywordIds) => {
            const line = text.slice(lineStart, lineEnd);
            if (mayAllow && line.includes(INLINE_ALLOW))
                return;
            // Each woken rule once per line, in rule order, however many of its keywords the line holds.
            stamp += 1;
            const minified = isMinifiedLine(line);
            const rules = [];
            for (const id of keywordIds) {
                for (const index of this.rulesOfKeyword[id]) {
                    if (wokenOn[index] === stamp)
                        continue;
                    wokenOn[index] = stamp;
                    if (!minified || this.compiled[index].minified)
                        rules.push(index);
                }
            }
            if (rules.length > 1)
                rules.sort((a, b) => a - b);
            if (rules.length > 0)
                this.scanLine(text, line, lineStart, rules, path, lines, scan);
        });
        // A generic match reaching onto a later line yields to a provider rule that judged that value on its own line.
        const kept = scan.later.filter(({ from, to }) => !scan.claimed.overlaps(from, to));
        if (kept.length === 0 && documentFindings.length === 0)
            return findings;
        return [...findings, ...kept.map((entry) => entry.finding), ...documentFindings].sort((a, b) => a.line - b.line || a.column - b.column);
    }
    /**
     * Document rules first: each value they judged (kept or not) claims its span,
     * so the line rules do not judge the encoded text again.
     */
    detectDocuments(text, path, lineNumbers, scan) {
        const found = [];
        for (const { rule, owner } of this.documentRules) {
            if (!rule.keywords.some((keyword) => text.includes(keyword)) || !rule.pattern.test(text))
                continue;
            const judge = (decoded) => this.detectText(decoded, path, undefined, false).length > 0;
            for (const { index, secret, reported } of rule.document?.(text, judge) ?? []) {
                scan.claimed.add(owner, index, index + secret.length);
                if (!reported || isDocumentedExample(secret))
                    continue;
                const lineIndex = lineIndexOf(text, index);
                const column = index - (text.lastIndexOf('\n', index - 1) + 1);
                found.push({
                    ruleId: rule.id,
                    title: rule.title,
                    path,
                    line: lineNumbers ? lineNumbers[lineIndex] ?? lineIndex + 1 : lineIndex + 1,
                    column: column + 1,
                    redacted: redactSecret(secret),
                    fingerprint: fingerprintSecret(rule.id, secret),
                });
            }
        }
        return found;
    }
    scanLine(text, line, lineStart, candidates, path, lines, scan) {
        // Most woken lines hold no match: the bookkeeping is made on the first one.
        let taken;
        let reported;
        let seen;
        let dataUris;
        const inDataUri = (column) => {
            dataUris ??= line.includes(';base64,') ? dataUriSpans(line) : [];
            return dataUris.length > 0 && spanContains(dataUris, column);
        };
        for (const index of candidates) {
            const { rule, find } = this.compiled[index];
            // A key block may run past its line; a single-line rule never sees beyond it.
            const subject = rule.multiline ? text.slice(lineStart, Math.min(text.length, lineStart + line.length + (rule.window ?? MULTILINE_WINDOW))) : line;
            for (const match of find(subject, line.length)) {
                const { secret } = match;
                const column = match.index + Math.max(0, match.text.indexOf(secret));
                const end = column + secret.length;
                // One secret, one finding: a later (less specific) rule yields to an earlier one.
                if (reported?.overlaps(column, end))
                    continue;
                // A provider-shaped value claims its span even when rejected (a bad checksum):
                // the generic rule must not report what a precise rule already judged.
                if (!rule.generic) {
                    (taken ??= new SpanIndex()).add(index, column, end);
                    scan.claimed.add(index, lineStart + column, lineStart + end);
                }
                else if (taken?.overlaps(column, end) || scan.claimed.overlaps(lineStart + column, lineStart + end))
                    continue;
                if (!this.accept(rule, secret, match, column < line.length && inDataUri(column)))
                    continue;
                (reported ??= new SpanIndex()).add(index, column, end);
                const key = `${rule.id}\0${secret}`;
                seen ??= new Set();
                if (seen.has(key))
                    continue;
                seen.add(key);
                let lineOffset = 0;
                let lineColumn = column;
                if (rule.reportSecretLine && column > line.length) {
                    // Report the line that holds the value (Terraform's `default = "…"`), not the block's first line.
                    const before = subject.slice(0, column);
                    lineOffset = before.split('\n').length - 1;
                    lineColumn = column - (before.lastIndexOf('\n') + 1);
                }
                const finding = {
                    ruleId: rule.id,
                    title: rule.title,
                    path,
                    line: lines.number(lines.indexAt(lineStart) + lineOffset),
                    column: lineColumn + 1,
                    redacted: redactSecret(secret),
                    fingerprint: fingerprintSecret(rule.id, secret),
                };
                if (rule.generic && column > line.length)
                    scan.later.push({ finding, from: lineStart + column, to: lineStart + end });
                else
                    scan.findings.push(finding);
            }
        }
    }
    accept(rule, secret, match, inDataUri) {
        if (rule.generic && match.groups?.name && !isSecretName(match.groups.name))
            return false;
        if (rule.minEntropy !== undefined && (0,encoding/* shannonEntropy */.ly)(secret) < rule.minEntropy)
            return false;
        if (rule.validate && !rule.validate(secret, match))
            return false;
        if (isDocumentedExample(secret))
            return false;
        if (inDataUri)
            return false;
        if (this.options.allowRegexes?.some((re) => re.test(secret)))
            return false;
        const lowerSecret = secret.toLowerCase();
        if (this.options.stopwords?.some((word) => lowerSecret.includes(word)))
            return false;
        return true;
    }
}
/** Whether a sorted list of disjoint [from, to] spans holds `at` (ends inclusive). */
function spanContains(spans, at) {
    let low = 0;
    let high = spans.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (spans[mid][1] < at)
            low = mid + 1;
        else
            high = mid;
    }
    return low < spans.length && spans[low][0] <= at;
}

// EXTERNAL MODULE: ./build/src/scan/report/comment.js
var report_comment = __webpack_require__(9855);
;// CONCATENATED MODULE: ./build/src/scan/report/sarif.js
/** SARIF 2.1.0 for code-scanning upload. Messages carry the redacted form only. */
function toSarif(findings, toolVersion, skipped = []) {
    const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
    const titles = new Map(findings.map((f) => [f.ruleId, f.title]));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'slipway-secret-scan',
                        informationUri: 'https://github.com/slipway/slipway/blob/main/docs/secret-scan.md',
                        version: toolVersion,
                        rules: ruleIds.map((id) => ({
                            id,
                            name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()),
                            shortDescription: { text: titles.get(id) ?? id },
                            fullDescription: { text: `${titles.get(id) ?? id} committed to the repository.` },
                            help: { text: 'Revoke the credential at its provider, then remove it from the code (and from history if the repository is public). Use a secret store or CI secrets instead.' },
                            defaultConfiguration: { level: 'error' },
                            properties: { tags: ['security', 'secret'], 'security-severity': '8.0' },
                        })),
                    },
                },
                // A skipped file is not a result (nothing was found) but the reader must know it was not read.
                invocations: [{
                        executionSuccessful: true,
                        toolExecutionNotifications: skipped.map((f) => ({
                            descriptor: { id: 'file-not-scanned' },
                            level: 'warning',
                            message: { text: `Not scanned: ${f.path}${f.commit ? ` at commit ${f.commit.slice(0, 12)}` : ''} (${f.bytes} bytes): ${f.reason}` },
                            locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' } } }],
                        })),
                    }],
                results: findings.map((f) => ({
                    ruleId: f.ruleId,
                    ruleIndex: ruleIds.indexOf(f.ruleId),
                    level: f.baselined ? 'note' : 'error',
                    message: { text: `${f.title}: ${f.redacted}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}` },
                    locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, startColumn: f.column } } }],
                    partialFingerprints: { 'slipwaySecret/v1': f.fingerprint },
                    ...(f.baselined ? { baselineState: 'unchanged' } : {}),
                })),
            },
        ],
    };
}

// EXTERNAL MODULE: ./build/src/scan/report/summary.js
var summary = __webpack_require__(8706);
;// CONCATENATED MODULE: ./build/src/scan/rules/contextual.js

const UUID = { cls: 'a-fA-F0-9-', alphabet: '0123456789abcdef' };
const uuidShaped = (secret) => /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/i.test(secret);
const uuidRule = (id, title, names, sampleName) => {
    const rule = contextual({ id, title, names, body: UUID, length: 36, keywords: [sampleName.split('_')[0].toLowerCase()], sampleName, validate: uuidShaped, minEntropy: 2.5 });
    // Samples are real UUID shapes.
    rule.samples.match = [(g) => `${sampleName}="${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}"`];
    return rule;
};
const contextualRules = [
    contextual({ id: 'aws-secret-access-key', title: 'AWS secret access key', names: ['aws_?secret_?access_?key', 'aws_?secret', 'secret_?access_?key', 'aws.{0,20}secret'], between: '[a-z0-9_.-]{0,20}', body: CHARSETS.base64, length: 40, keywords: ['aws', 'secret_access_key', 'secretaccesskey'], sampleName: 'AWS_SECRET_ACCESS_KEY', validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) }),
    contextual({ id: 'azure-storage-account-key', title: 'Azure storage account key', names: ['accountkey', 'azure_?storage_?(?:account_?)?key'], between: '', body: CHARSETS.base64, length: 86, keywords: ['accountkey', 'azure'], sampleName: 'AccountKey', validate: () => true }),
    contextual({ id: 'datadog-api-key', title: 'Datadog API key', names: ['datadog_?api_?key', 'dd_?api_?key'], between: '', body: CHARSETS.hex, length: 32, keywords: ['datadog', 'dd_api', 'ddapi'], sampleName: 'DD_API_KEY' }),
    contextual({ id: 'datadog-app-key', title: 'Datadog application key', names: ['datadog_?app(?:lication)?_?key', 'dd_?app(?:lication)?_?key'], between: '', body: CHARSETS.hex, length: 40, keywords: ['datadog', 'dd_app', 'ddapp'], sampleName: 'DD_APP_KEY' }),
    uuidRule('heroku-api-key', 'Heroku API key', ['heroku_?api_?key', 'heroku_?token', 'heroku_?key'], 'HEROKU_API_KEY'),
    contextual({ id: 'cloudflare-api-token', title: 'Cloudflare API token', names: ['cloudflare_?api_?token', 'cf_?api_?token', 'cloudflare_?token'], between: '', body: CHARSETS.url, length: 40, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_TOKEN' }),
    contextual({ id: 'cloudflare-global-api-key', title: 'Cloudflare global API key', names: ['cloudflare_?api_?key', 'cf_?api_?key', 'cloudflare_?global_?key'], between: '', body: CHARSETS.hex, length: 37, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_KEY' }),
    contextual({ id: 'algolia-admin-key', title: 'Algolia admin API key', names: ['algolia_?(?:admin_?|write_?)?(?:api_?)?key'], between: '', body: CHARSETS.hex, length: 32, keywords: ['algolia'], sampleName: 'ALGOLIA_ADMIN_KEY' }),
    contextual({ id: 'twilio-auth-token', title: 'Twilio auth token', names: ['twilio_?auth_?token', 'twilio_?token'], between: '', body: CHARSETS.hex, length: 32, keywords: ['twilio'], sampleName: 'TWILIO_AUTH_TOKEN' }),
    contextual({ id: 'mailjet-secret-key', title: 'Mailjet secret key', names: ['mailjet_?(?:api_?)?secret(?:_?key)?', 'mj_?apikey_?private'], between: '', body: CHARSETS.hex, length: 32, keywords: ['mailjet', 'mj_apikey'], sampleName: 'MAILJET_SECRET_KEY' }),
    uuidRule('postmark-server-token', 'Postmark server token', ['postmark_?(?:server_?|api_?)?token', 'postmark_?api_?key'], 'POSTMARK_SERVER_TOKEN'),
    uuidRule('snyk-token', 'Snyk API token', ['snyk_?(?:api_?)?token', 'snyk_?api_?key'], 'SNYK_TOKEN'),
    uuidRule('codecov-token', 'Codecov upload token', ['codecov_?token'], 'CODECOV_TOKEN'),
    uuidRule('opsgenie-api-key', 'Opsgenie API key', ['opsgenie_?(?:api_?)?key'], 'OPSGENIE_API_KEY'),
    uuidRule('pinecone-api-key', 'Pinecone API key', ['pinecone_?api_?key'], 'PINECONE_API_KEY'),
    contextual({ id: 'okta-api-token', title: 'Okta API token', names: ['okta_?(?:api_?)?token', 'okta_?api_?key'], between: '', body: CHARSETS.url, length: 42, keywords: ['okta'], sampleName: 'OKTA_API_TOKEN', validate: (s) => s.startsWith('00') }),
    contextual({ id: 'vercel-token', title: 'Vercel access token', names: ['vercel_?(?:api_?|access_?)?token', 'now_?token'], between: '', body: CHARSETS.alnum, length: 24, keywords: ['vercel', 'now_token'], sampleName: 'VERCEL_TOKEN' }),
    contextual({ id: 'linode-token', title: 'Linode API token', names: ['linode_?(?:api_?|cli_?)?token'], between: '', body: CHARSETS.hex, length: 64, keywords: ['linode'], sampleName: 'LINODE_TOKEN' }),
    contextual({ id: 'vultr-api-key', title: 'Vultr API key', names: ['vultr_?api_?key'], between: '', body: CHARSETS.upper, length: 36, keywords: ['vultr'], sampleName: 'VULTR_API_KEY' }),
    contextual({ id: 'hetzner-api-token', title: 'Hetzner Cloud API token', names: ['hcloud_?token', 'hetzner_?(?:api_?)?token'], between: '', body: CHARSETS.alnum, length: 64, keywords: ['hcloud', 'hetzner'], sampleName: 'HCLOUD_TOKEN' }),
    contextual({ id: 'forgejo-token', title: 'Forgejo / Gitea access token', names: ['forgejo_?(?:access_?)?token', 'gitea_?(?:access_?)?token', 'codeberg_?token'], between: '', body: CHARSETS.hex, length: 40, keywords: ['forgejo', 'gitea', 'codeberg'], sampleName: 'FORGEJO_TOKEN' }),
    contextual({ id: 'travis-ci-token', title: 'Travis CI token', names: ['travis_?(?:api_?)?token'], between: '', body: CHARSETS.url, length: 22, keywords: ['travis'], sampleName: 'TRAVIS_TOKEN' }),
    contextual({ id: 'honeycomb-api-key', title: 'Honeycomb API key', names: ['honeycomb_?(?:api_?|write_?)?key', 'honeycomb_?team'], between: '', body: CHARSETS.alnum, length: [22, 32], keywords: ['honeycomb'], sampleName: 'HONEYCOMB_API_KEY' }),
    contextual({ id: 'pagerduty-token', title: 'PagerDuty API token', names: ['pagerduty_?(?:api_?)?(?:token|key)'], between: '', body: CHARSETS.url, length: 20, keywords: ['pagerduty'], sampleName: 'PAGERDUTY_TOKEN' }),
    contextual({ id: 'segment-write-key', title: 'Segment write key', names: ['segment_?write_?key'], between: '', body: CHARSETS.alnum, length: 32, keywords: ['segment'], sampleName: 'SEGMENT_WRITE_KEY' }),
    contextual({ id: 'mixpanel-api-secret', title: 'Mixpanel API secret', names: ['mixpanel_?(?:api_?)?secret'], between: '', body: CHARSETS.hex, length: 32, keywords: ['mixpanel'], sampleName: 'MIXPANEL_API_SECRET' }),
    contextual({ id: 'spotify-client-secret', title: 'Spotify client secret', names: ['spotify_?client_?secret'], between: '', body: CHARSETS.hex, length: 32, keywords: ['spotify'], sampleName: 'SPOTIFY_CLIENT_SECRET' }),
    contextual({ id: 'github-oauth-client-secret', title: 'GitHub OAuth app client secret', names: ['github_?(?:oauth_?)?client_?secret', 'gh_?client_?secret'], between: '', body: CHARSETS.hex, length: 40, keywords: ['github', 'gh_client'], sampleName: 'GITHUB_CLIENT_SECRET' }),
    contextual({ id: 'cohere-api-key', title: 'Cohere API key', names: ['cohere_?api_?key', 'co_?api_?key'], between: '', body: CHARSETS.alnum, length: 40, keywords: ['cohere', 'co_api'], sampleName: 'COHERE_API_KEY' }),
    contextual({ id: 'mistral-api-key', title: 'Mistral API key', names: ['mistral_?api_?key'], between: '', body: CHARSETS.alnum, length: 32, keywords: ['mistral'], sampleName: 'MISTRAL_API_KEY' }),
    contextual({ id: 'deepseek-api-key', title: 'DeepSeek API key', names: ['deepseek_?api_?key'], between: '', body: { cls: 'a-f0-9sk-', alphabet: '0123456789abcdef' }, length: [35, 35], keywords: ['deepseek'], sampleName: 'DEEPSEEK_API_KEY', validate: (s) => /^sk-[a-f0-9]{32}$/.test(s) }),
    contextual({ id: 'ngrok-authtoken', title: 'ngrok authtoken', names: ['ngrok_?auth_?token', 'authtoken'], between: '', body: CHARSETS.url, length: [43, 49], keywords: ['ngrok', 'authtoken'], sampleName: 'NGROK_AUTHTOKEN' }),
    contextual({ id: 'zendesk-api-token', title: 'Zendesk API token', names: ['zendesk_?(?:api_?)?token'], between: '', body: CHARSETS.alnum, length: 40, keywords: ['zendesk'], sampleName: 'ZENDESK_API_TOKEN' }),
    contextual({ id: 'intercom-access-token', title: 'Intercom access token', names: ['intercom_?(?:access_?)?token'], between: '', body: CHARSETS.url, length: 60, keywords: ['intercom'], sampleName: 'INTERCOM_ACCESS_TOKEN' }),
    contextual({ id: 'sumologic-access-key', title: 'Sumo Logic access key', names: ['sumo_?(?:logic_?)?access_?key'], between: '', body: CHARSETS.alnum, length: 64, keywords: ['sumo'], sampleName: 'SUMO_ACCESS_KEY' }),
    // Discord client secrets are 32 URL-safe characters, some of them all digits (so no class mix is asked for).
    contextual({ id: 'discord-client-secret', title: 'Discord client secret', names: ['discord_?(?:oauth_?)?client_?secret', 'discord_?secret'], between: '', body: CHARSETS.url, length: 32, keywords: ['discord'], sampleName: 'DISCORD_CLIENT_SECRET', minEntropy: 2.5 }),
    contextual({ id: 'facebook-app-secret', title: 'Facebook / Meta app secret', names: ['facebook_?(?:app_?|client_?)?secret', 'fb_?(?:app_?|client_?)?secret', 'meta_?app_?secret'], between: '', body: CHARSETS.hex, length: 32, keywords: ['facebook', 'fb_', 'meta_app'], sampleName: 'FACEBOOK_APP_SECRET' }),
    // An app access token is `<app id>|<app secret>` (the bar also URL-encoded): only beside a Facebook name.
    contextual({ id: 'facebook-app-access-token', title: 'Facebook / Meta app access token', names: ['facebook_?(?:app_?)?(?:access_?)?token', 'fb_?(?:app_?)?(?:access_?)?token'], between: '', body: { cls: 'A-Za-z0-9_|%-', alphabet: CHARSETS.alnum.alphabet }, length: [43, 60], keywords: ['facebook', 'fb_'], sampleName: 'FB_APP_ACCESS_TOKEN', validate: (s) => /^\d{15,16}(?:\||%7C)[A-Za-z0-9_-]{27,40}$/.test(s) }),
    uuidRule('hubspot-api-key', 'HubSpot API key', ['hubspot_?(?:api_?)?key', 'hapikey'], 'HUBSPOT_API_KEY'),
    uuidRule('kucoin-secret-key', 'KuCoin API secret', ['kucoin_?(?:api_?)?secret(?:_?key)?'], 'KUCOIN_API_SECRET'),
    uuidRule('squarespace-access-token', 'Squarespace API key', ['squarespace_?(?:access_?|api_?)?(?:token|key)'], 'SQUARESPACE_API_KEY'),
    // Legacy Vault tokens (`s.` / `b.` + 24 characters) carry no strong prefix: only beside a Vault name.
    contextual({ id: 'vault-legacy-token', title: 'HashiCorp Vault token (legacy)', names: ['vault_?(?:root_?|auth_?|client_?)?token', 'x-vault-token'], between: '', body: { cls: 'A-Za-z0-9.', alphabet: CHARSETS.alnum.alphabet }, length: 26, keywords: ['vault'], sampleName: 'VAULT_TOKEN', validate: (s) => /^[sb]\.[A-Za-z0-9]{24}$/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) }),
    contextual({ id: 'launchdarkly-sdk-key', title: 'LaunchDarkly SDK key', names: ['launchdarkly_?(?:sdk_?)?key', 'ld_?sdk_?key'], between: '', body: { cls: 'a-z0-9-', alphabet: '0123456789abcdef' }, length: 40, keywords: ['launchdarkly', 'ld_sdk'], sampleName: 'LAUNCHDARKLY_SDK_KEY', validate: (s) => /^sdk-[a-f0-9-]{36}$/.test(s) }),
];
// Samples for rules whose value is not plain random text.
const fix = (id, build) => {
    const rule = contextualRules.find((r) => r.id === id);
    if (rule)
        rule.samples.match = [build];
};
fix('facebook-app-access-token', (g) => `FB_APP_ACCESS_TOKEN="${g.digits(15)}|${g.urlSafe(27)}"`);
fix('vault-legacy-token', (g) => `export VAULT_TOKEN=s.${g.alnum(22)}Q7`);
fix('discord-client-secret', (g) => `DISCORD_CLIENT_SECRET="${g.digits(32)}"`);
fix('okta-api-token', (g) => `OKTA_API_TOKEN=00${g.urlSafe(40)}`);
fix('deepseek-api-key', (g) => `DEEPSEEK_API_KEY="sk-${g.hex(32)}"`);
fix('launchdarkly-sdk-key', (g) => `LAUNCHDARKLY_SDK_KEY: sdk-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}`);
fix('azure-storage-account-key', (g) => `DefaultEndpointsProtocol=https;AccountName=prodfiles;AccountKey=${g.base64(86)}==;EndpointSuffix=core.windows.net`);
fix('aws-secret-access-key', (g) => `aws_secret_access_key = ${g.base64(36)}aB3/`);

;// CONCATENATED MODULE: ./build/src/scan/pkcs12.js
// PKCS#12 keystores (`.p12`, `.pfx`, Java's PKCS12 keystores) recognised by
// their ASN.1 structure (RFC 7292), never by a file name: a SEQUENCE holding
// version 3 and a PKCS#7 `data` or `signedData` ContentInfo.
/** PKCS#7 content types are 1.2.840.113549.1.7.n: `data` is n = 1, `signedData` n = 2. */
const PKCS7_OID_PREFIX = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07];
/** A DER length at `at` (or BER's indefinite length, -1), and where the content starts. */
function readLength(bytes, at) {
    const first = bytes[at];
    if (first === undefined)
        return undefined;
    if (first < 0x80)
        return { length: first, next: at + 1 };
    if (first === 0x80)
        return { length: -1, next: at + 1 };
    const count = first & 0x7f;
    if (count > 4 || at + count >= bytes.length)
        return undefined;
    let length = 0;
    for (let i = 1; i <= count; i += 1)
        length = length * 256 + bytes[at + i];
    return { length, next: at + 1 + count };
}
/**
 * Whether `bytes` open like a PFX: `SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data|signedData, … } … }`.
 * With `whole`, the outer length must also end exactly at the last byte (a file
 * read in full); a decoded prefix of a base64 blob is judged on its header only.
 */
function isPkcs12(bytes, whole = false) {
    if (bytes[0] !== 0x30)
        return false;
    const outer = readLength(bytes, 1);
    if (!outer)
        return false;
    if (whole && outer.length >= 0 && outer.next + outer.length !== bytes.length)
        return false;
    let at = outer.next;
    if (bytes[at] !== 0x02 || bytes[at + 1] !== 0x01 || bytes[at + 2] !== 0x03)
        return false;
    at += 3;
    if (bytes[at] !== 0x30)
        return false;
    const info = readLength(bytes, at + 1);
    if (!info)
        return false;
    at = info.next;
    for (let i = 0; i < PKCS7_OID_PREFIX.length; i += 1)
        if (bytes[at + i] !== PKCS7_OID_PREFIX[i])
            return false;
    return bytes[at + 10] === 1 || bytes[at + 10] === 2;
}
/** A DER element: tag, definite length, content. */
function pkcs12_element(tag, content) {
    const n = content.length;
    const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
    return Buffer.concat([Buffer.from([tag]), length, content]);
}
/**
 * A structurally valid PFX around `filler` (random bytes standing for the
 * encrypted safe contents): test samples only, never key material.
 */
function samplePkcs12(filler, version = 3) {
    const data = pkcs12_element(0x30, Buffer.concat([
        Buffer.from([...PKCS7_OID_PREFIX, 0x01]),
        pkcs12_element(0xa0, pkcs12_element(0x04, filler)),
    ]));
    // MacData: DigestInfo { sha1, digest }, salt, iterations (2048).
    const sha1 = Buffer.from([0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00]);
    const digestInfo = pkcs12_element(0x30, Buffer.concat([sha1, pkcs12_element(0x04, filler.subarray(0, 20))]));
    const mac = pkcs12_element(0x30, Buffer.concat([digestInfo, pkcs12_element(0x04, filler.subarray(20, 28)), Buffer.from([0x02, 0x02, 0x08, 0x00])]));
    return pkcs12_element(0x30, Buffer.concat([Buffer.from([0x02, 0x01, version]), data, mac]));
}

;// CONCATENATED MODULE: ./build/src/scan/rules/forms.js
// Assignment forms that are not `name <operator> value` on one line: an XML
// element whose value sits on its own line, .NET/NuGet `<add key=… value=…>`,
// credentials on a curl command line, Kubernetes Secret `data:` (base64: decoded,
// then judged) and PKCS#12 keystores (recognised by their ASN.1 structure).


/** The base64 of a value that decodes to printable text; undefined for binary data. */
function decodedText(value) {
    const decoded = Buffer.from(value, 'base64');
    const text = decoded.toString('utf8');
    // Printable text (tabs and line breaks allowed), no replacement characters from invalid UTF-8.
    for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd)
            return undefined;
    }
    return text;
}
const bytesOf = (g, n) => Buffer.from(g.hex(n * 2), 'hex');
/**
 * One `kind: Secret` YAML document: the values under its top-level `data:` (and
 * `binaryData:`), wherever `kind` sits (kubectl writes `data` before `kind`).
 */
function secretDataValues(document, offset) {
    const values = [];
    let inData = false;
    let position = 0;
    for (const line of document.split('\n')) {
        const start = position;
        position += line.length + 1;
        if (/^(?:data|binaryData):\s{0,16}$/.test(line)) {
            inData = true;
            continue;
        }
        if (!inData || line.trim() === '' || /^\s{0,64}#/.test(line))
            continue;
        if (!/^\s/.test(line)) {
            inData = false;
            continue;
        }
        const entry = /^(\s{1,16})(["']?)([A-Za-z0-9_.-]{1,253})\2\s{0,8}:\s{0,8}(["']?)([A-Za-z0-9+/]{4,40000}={0,2})\4\s{0,16}$/.exec(line);
        if (entry)
            values.push({ key: entry[3], value: entry[5], index: offset + start + line.indexOf(entry[5], entry[1].length + entry[3].length) });
    }
    return values;
}
/** Top-level `kind: Secret` in a YAML document. */
const KIND_SECRET = /^kind:\s{0,8}["']?Secret["']?\s{0,8}$/m;
function kubernetesSecrets(text, judge) {
    const found = [];
    // Documents are split at `---` lines; each keeps its offset in the text.
    const separators = [...text.matchAll(/^---[^\n]{0,200}$/gm)];
    let offset = 0;
    for (const separator of [...separators, undefined]) {
        const end = separator ? separator.index : text.length;
        const document = text.slice(offset, end);
        if (KIND_SECRET.test(document)) {
            for (const { key, value, index } of secretDataValues(document, offset)) {
                const bytes = Buffer.from(value, 'base64');
                const decoded = decodedText(value);
                const reported = isPkcs12(bytes)
                    || (decoded !== undefined && (judge(decoded) || (isSecretName(key.toLowerCase()) && isStrongGenericValue(decoded.trim(), { quoted: true, name: key }))));
                found.push({ index, secret: value, reported });
            }
        }
        if (separator)
            offset = separator.index + separator[0].length;
    }
    return found;
}
const base64Of = (text) => Buffer.from(text).toString('base64');
const k8sSecret = (entries, order = 'hand') => {
    const data = ['data:', ...entries.map((entry) => `  ${entry}`)];
    const head = ['apiVersion: v1'];
    const meta = ['metadata:', '  name: app-credentials', '  namespace: shop', 'type: Opaque'];
    return (order === 'kubectl' ? [...head, ...data, 'kind: Secret', ...meta] : [...head, 'kind: Secret', ...meta, ...data]).join('\n');
};
const formRules = [
    {
        id: 'xml-secret-element',
        title: 'Secret-looking XML element with a value',
        generic: true,
        multiline: true,
        reportSecretLine: true,
        window: 600,
        minified: false,
        // A tag's end after the word: the rule wakes on `<password>` lines, not on every line naming a password.
        keywords: ['pass>', 'password>', 'passwd>', 'pwd>', 'passphrase>', 'secret>', 'token>', 'key>', 'credential>', 'credentials>'],
        // `<password>value</password>`, also with the value on a line of its own (Maven settings, .NET configs).
        pattern: /<(?<name>[A-Za-z_][A-Za-z0-9_.:-]{0,80})(?:\s[^<>\n]{0,200})?>\s{0,200}(?<secret>[^\s<>]{8,200})\s{0,200}<\/\k<name>>/,
        validate: (value) => isStrongGenericValue(value, { quoted: true }),
        samples: {
            match: [
                (g) => `<server>\n  <id>releases</id>\n  <password>\n    ${humanPassword(g)}\n  </password>\n</server>`,
                (g) => `    <apiToken>${g.alnum(32)}</apiToken>`,
            ],
            quiet: [
                '<password>\n    ${env.NEXUS_PASSWORD}\n</password>',
                '<password>changeme</password>',
                '<tokenType>\n  BearerTokenType\n</tokenType>',
                '<xs:element name="password" type="xs:string"/>',
            ],
        },
    },
    {
        id: 'xml-secret-setting',
        title: 'Secret in an <add key=… value=…> setting (NuGet, .NET app settings)',
        generic: true,
        minified: false,
        keywords: ['<add '],
        pattern: /<add\s{1,8}key\s{0,4}=\s{0,4}"(?<name>[^"\n]{1,80})"\s{1,8}value\s{0,4}=\s{0,4}"(?<secret>[^"\n]{8,200})"/i,
        validate: (value) => isStrongGenericValue(value, { quoted: true }),
        samples: {
            match: [
                (g) => `      <add key="ClearTextPassword" value="${humanPassword(g)}" />`,
                (g) => `  <add key="PaymentsApiToken" value="${g.alnum(32)}"/>`,
            ],
            quiet: [
                '      <add key="ClearTextPassword" value="%NUGET_PASSWORD%" />',
                '      <add key="Username" value="deploy-bot-account" />',
                '  <add key="PasswordResetUrl" value="https://shop.example.net/reset" />',
            ],
        },
    },
    {
        id: 'curl-user-password',
        title: 'Password in a curl -u / --user argument',
        minified: false,
        generic: true,
        keywords: ['curl'],
        pattern: /(?<![A-Za-z0-9_-])curl(?:\s[^\n]{0,400}?)?\s(?:-u\s{0,4}|--user(?:\s{1,4}|=))(?<q>["']?)(?<user>[^\s:"'@$]{1,100}):(?<secret>[^\s"']{6,200})\k<q>(?=\s|$)/,
        validate: (password, match) => password !== match.groups?.user && isStrongGenericValue(password, { quoted: true }),
        samples: {
            match: [
                (g) => `curl -fsS -u deploy:${humanPassword(g)} https://ci.internal/api/builds`,
                (g) => `curl --user "ci-bot:${g.alnum(24)}" -X POST https://registry.internal/v2/token`,
            ],
            quiet: [
                'curl -fsS -u "deploy:$DEPLOY_PASSWORD" https://ci.internal/api/builds',
                'curl -u deploy:changeme https://ci.internal/api',
                'curl --user ci-bot https://registry.internal/v2/token',
            ],
        },
    },
    {
        id: 'http-header-secret',
        title: 'Credential in an HTTP header on a command line',
        minified: false,
        generic: true,
        keywords: ['-h ', "-h'", '-h"', '--header'],
        // `-H 'Authorization: token …'`, `-H "X-API-Key: …"`, `--header=PRIVATE-TOKEN:…` (Basic and Bearer have rules of their own).
        pattern: /(?:^|\s)(?:-H|--header)(?:\s{1,4}|=)(?<q>["'])(?<header>[A-Za-z0-9_-]{1,60})\s{0,4}:\s{0,8}(?:(?<scheme>token|apikey|api-key|key|sso-key|bot|digest)\s{1,4})?(?<secret>[^\s"']{8,500})\k<q>/i,
        validate: (value, match) => {
            const header = (match.groups?.header ?? '').toLowerCase();
            const credentialHeader = /^(?:proxy-)?authorization$/.test(header) || isSecretName(header);
            return credentialHeader && !/^(?:basic|bearer)$/i.test(value) && isStrongGenericValue(value, { quoted: true });
        },
        samples: {
            match: [
                (g) => `curl -H 'Authorization: token ${g.alnum(40)}' https://forge.internal/api/v1/repos`,
                (g) => `curl -sS -H "X-API-Key: ${g.alnum(32)}" https://metrics.internal/ingest`,
                (g) => `curl --header "PRIVATE-TOKEN: ${g.urlSafe(26)}x9" https://gitlab.internal/api/v4/projects`,
            ],
            quiet: [
                'curl -H "X-API-Key: $METRICS_API_KEY" https://metrics.internal/ingest',
                "curl -H 'Authorization: token ${FORGE_TOKEN}' https://forge.internal/api",
                "curl -H 'Content-Type: application/json' -H 'X-Request-Id: 7f3a9c2e41b8' https://api.internal",
                "curl -H 'X-API-Key: your-api-key-here' https://metrics.internal",
            ],
        },
    },
    {
        id: 'kubernetes-secret-data',
        title: 'Kubernetes Secret data value (base64-decoded)',
        minified: false,
        keywords: ['Secret'],
        pattern: KIND_SECRET,
        document: kubernetesSecrets,
        samples: {
            match: [
                (g) => k8sSecret([`username: ${base64Of('shop')}`, `password: ${base64Of(humanPassword(g))}`]),
                (g) => k8sSecret([`api-token: ${base64Of(g.alnum(32))}`], 'kubectl'),
                (g) => k8sSecret([`DATABASE_URL: ${base64Of(`postgres://shop:${g.alnum(20)}@db.internal:5432/shop`)}`]),
            ],
            quiet: [
                k8sSecret([`username: ${base64Of('shop')}`, `password: ${base64Of('changeme')}`]),
                k8sSecret([`ca.crt.fingerprint: ${base64Of('sha256:9f86d081884c7d659a2feaa0c55ad015')}`, `region: ${base64Of('eu-central-1')}`]),
                ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  password-policy: ${base64Of('minLength=12')}`].join('\n'),
            ],
        },
    },
    {
        id: 'pkcs12-keystore',
        title: 'PKCS#12 keystore (base64 or binary)',
        keywords: ['mii', 'mia'],
        // The base64 of a DER SEQUENCE opens `MII` (a 2-byte length: up to 64 KB) or `MIA` (BER's indefinite length).
        pattern: /(?<![A-Za-z0-9+/])(?<secret>MI[IA][A-Za-z0-9+/]{60,40000}={0,2})(?![A-Za-z0-9+/=])/,
        validate: (blob) => isPkcs12(Buffer.from(blob.slice(0, 64), 'base64')),
        binary: (bytes) => (isPkcs12(bytes, true) ? Buffer.from(bytes).toString('base64') : undefined),
        samples: {
            match: [
                (g) => `keystore.p12: ${samplePkcs12(bytesOf(g, 1200)).toString('base64')}`,
                (g) => `  "signingKeystore": "${samplePkcs12(bytesOf(g, 400)).toString('base64')}",`,
            ],
            quiet: [
                // A version-2 structure is not a PFX, and neither is a certificate's DER.
                (g) => `keystore: ${samplePkcs12(bytesOf(g, 400), 2).toString('base64')}`,
                (g) => `certificate: ${Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x90, 0x30, 0x82, 0x01, 0x38]), bytesOf(g, 392)]).toString('base64')}`,
            ],
        },
    },
];

;// CONCATENATED MODULE: ./build/src/scan/rules/providers.js
// Token formats that carry their own prefix, written from the providers'
// documented shapes (prefix, alphabet, length). Facts only; no list was copied.


/** Random body + CRC32 suffix, as GitHub and npm build their tokens. */
const crcToken = (prefix) => (g) => {
    const body = g.alnum(30);
    return `${prefix}${body}${(0,encoding/* base62 */.Yb)((0,encoding/* crc32 */.QR)(body), 6)}`;
};
/** The same token with its checksum broken: must stay quiet. */
const brokenCrcToken = (prefix) => (g) => {
    const good = crcToken(prefix)(g);
    const last = good.at(-1) === 'A' ? 'B' : 'A';
    return `token = "${good.slice(0, -1)}${last}"`;
};
const github = (kind, title) => prefixed({
    id: `github-${kind}`,
    title,
    prefix: `gh${kind[0]}_`,
    body: CHARSETS.alnum,
    length: 36,
    validate: (secret) => (0,encoding/* hasValidCrc32Suffix */.fw)(secret),
    build: crcToken(`gh${kind[0]}_`),
    quiet: [brokenCrcToken(`gh${kind[0]}_`)],
});
const segment = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** `ghs_<app id>_<JWT>`: a header and payload that decode to JSON, and a signature. */
const githubInstallationJwt = (g) => `ghs_${g.int(100000, 9999999)}_${segment({ alg: 'RS256', typ: 'JWT' })}.${segment({ iss: g.digits(7), iat: 1700000000 + g.int(0, 1e6), inst: g.digits(8) })}.${g.urlSafe(43)}`;
/** The payload of a Sentry org token is base64 JSON with at least `iat`. */
function sentryPayload(token) {
    if (!/^sntrys_eyJ[A-Za-z0-9+/=]{30,600}_[A-Za-z0-9+/]{43}$/.test(token))
        return false;
    const payload = token.slice('sntrys_'.length, token.lastIndexOf('_'));
    try {
        const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
        return typeof value === 'object' && value !== null && 'iat' in value;
    }
    catch {
        return false;
    }
}
const sentryOrgToken = (g) => {
    const payload = Buffer.from(JSON.stringify({ iat: 1700000000 + g.int(0, 1e6), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: `shop${g.digits(3)}` })).toString('base64').replace(/=+$/, '');
    return `sntrys_${payload}_${g.base64(43)}`;
};
const ageKey = (g) => {
    const data = Array.from({ length: 52 }, () => g.int(0, 31));
    return (0,encoding/* withBech32Checksum */.Dh)('age-secret-key-', data).toUpperCase();
};
const providerRules = [
    // Forges and CI
    github('pat', 'GitHub personal access token (classic)'),
    github('oauth', 'GitHub OAuth access token'),
    github('user-to-server', 'GitHub App user-to-server token'),
    github('server-to-server', 'GitHub App installation token'),
    github('refresh', 'GitHub refresh token'),
    // Newer installation tokens: `ghs_<app id>_` + a JWT whose header and payload decode to JSON.
    prefixed({ id: 'github-installation-token-jwt', title: 'GitHub App installation token (JWT form)', prefix: 'ghs_', body: CHARSETS.digits, length: [1, 12], suffix: { regex: '_eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,4000}\\.[A-Za-z0-9_-]{20,1000}', sample: '' }, validate: (s) => { const [header = '', payload = ''] = s.slice(s.indexOf('_', 4) + 1).split('.'); return (0,encoding/* isJsonSegment */.kN)(header) && (0,encoding/* isJsonSegment */.kN)(payload); }, build: githubInstallationJwt }),
    prefixed({ id: 'vercel-prefixed-token', title: 'Vercel token (personal, integration, app, refresh, API key)', prefix: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], body: CHARSETS.alnum, length: [24, 80], validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(4)) }),
    prefixed({ id: 'github-fine-grained-pat', title: 'GitHub fine-grained personal access token', prefix: 'github_pat_', body: CHARSETS.url, length: [82, 82] }),
    prefixed({ id: 'gitlab-pat', title: 'GitLab personal access token', prefix: 'glpat-', body: CHARSETS.url, length: [20, 80] }),
    prefixed({ id: 'gitlab-pipeline-trigger-token', title: 'GitLab pipeline trigger token', prefix: 'glptt-', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'gitlab-runner-registration-token', title: 'GitLab runner registration token', prefix: 'GR1348941', body: CHARSETS.url, length: 20 }),
    prefixed({ id: 'gitlab-runner-auth-token', title: 'GitLab runner authentication token', prefix: 'glrt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-deploy-token', title: 'GitLab deploy token', prefix: 'gldt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-feed-token', title: 'GitLab feed token', prefix: 'glft-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-oauth-app-secret', title: 'GitLab OAuth application secret', prefix: 'gloas-', body: CHARSETS.url, length: 64 }),
    prefixed({ id: 'gitlab-scim-token', title: 'GitLab SCIM token', prefix: 'glsoat-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-incoming-mail-token', title: 'GitLab incoming mail token', prefix: 'glimt-', body: CHARSETS.url, length: 25 }),
    prefixed({ id: 'gitlab-agent-token', title: 'GitLab Kubernetes agent token', prefix: 'glagent-', body: CHARSETS.url, length: [50, 60] }),
    prefixed({ id: 'gitlab-cicd-job-token', title: 'GitLab CI/CD job token', prefix: 'glcbt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'bitbucket-app-password', title: 'Bitbucket app password', prefix: 'ATBB', body: CHARSETS.alnum, length: 32 }),
    prefixed({ id: 'atlassian-api-token', title: 'Atlassian API token', prefix: 'ATATT3', body: CHARSETS.url, length: [180, 200], suffix: { regex: '(?:=[A-F0-9]{8})?', sample: '' } }),
    prefixed({ id: 'circleci-personal-token', title: 'CircleCI personal API token', prefix: 'CCIPAT_', body: CHARSETS.alnum, length: 22, suffix: { regex: '_[a-f0-9]{40}', sample: (g) => `_${g.hex(40)}` } }),
    prefixed({ id: 'buildkite-agent-token', title: 'Buildkite API access token', prefix: 'bkua_', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'sonarqube-token', title: 'SonarQube token', prefix: ['sqp_', 'squ_', 'sqa_'], body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'docker-hub-pat', title: 'Docker Hub personal access token', prefix: ['dckr_pat_', 'dckr_oat_'], body: CHARSETS.url, length: 27 }),
    prefixed({ id: 'jfrog-api-key', title: 'JFrog Artifactory API key', prefix: 'AKCp', body: CHARSETS.alnum, length: 69 }),
    prefixed({ id: 'jfrog-reference-token', title: 'JFrog reference token', prefix: 'cmVmdGtu', body: CHARSETS.alnum, length: 56, embedded: true }),
    prefixed({ id: 'octopus-deploy-api-key', title: 'Octopus Deploy API key', prefix: 'API-', body: CHARSETS.upper, length: 26 }),
    prefixed({ id: 'harness-pat', title: 'Harness access token', prefix: ['pat.', 'sat.'], body: CHARSETS.url, length: 22, suffix: { regex: '\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}', sample: (g) => `.${g.hex(24)}.${g.alnum(20)}` } }),
    prefixed({ id: 'sourcegraph-token', title: 'Sourcegraph access token (legacy)', prefix: 'sgp_', body: CHARSETS.hex, length: 40 }),
    // `sgp_<16 hex instance id>_<40 hex>` and `sgp_local_<40 hex>`.
    prefixed({ id: 'sourcegraph-instance-token', title: 'Sourcegraph access token', prefix: 'sgp_', body: { cls: 'a-fA-F0-9', alphabet: CHARSETS.hex.alphabet }, length: 16, suffix: { regex: '_[a-fA-F0-9]{40}', sample: (g) => `_${g.hex(40)}` } }),
    prefixed({ id: 'sourcegraph-local-token', title: 'Sourcegraph local access token', prefix: 'sgp_local_', body: { cls: 'a-fA-F0-9', alphabet: CHARSETS.hex.alphabet }, length: 40 }),
    prefixed({ id: 'terraform-cloud-token', title: 'Terraform Cloud / HCP API token', prefix: [''], body: CHARSETS.alnum, length: 14, suffix: { regex: '\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}', sample: (g) => `.atlasv1.${g.urlSafe(67)}` }, keywords: ['.atlasv1.'] }),
    prefixed({ id: 'pulumi-access-token', title: 'Pulumi access token', prefix: 'pul-', body: CHARSETS.hex, length: 40 }),
    // Not inside a file name (`assets/ico-<hash>.png`): a key has mixed case, a content hash does not.
    prefixed({ id: 'infracost-api-key', title: 'Infracost API key', prefix: 'ico-', body: CHARSETS.alnum, length: 32, notAfter: 'A-Za-z0-9_./-', suffix: { regex: '(?!\\.[A-Za-z0-9]{1,5}(?![A-Za-z0-9]))', sample: '' }, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(4)), quiet: ['<link rel="icon" href="/static/ico-3f9a2c4d5e6f708192a3b4c5d6e7f8a9.png">', 'favicon: assets/app-ico-3F9A2c4d5e6f708192a3b4c5d6e7f8a9.svg'] }),
    prefixed({ id: 'prefect-api-key', title: 'Prefect API key', prefix: 'pnu_', body: CHARSETS.alnum, length: 36 }),
    prefixed({ id: 'readme-api-key', title: 'ReadMe API key', prefix: 'rdme_', body: CHARSETS.lower, length: 70 }),
    prefixed({ id: 'postman-api-key', title: 'Postman API key', prefix: 'PMAK-', body: CHARSETS.hex, length: 24, suffix: { regex: '-[a-f0-9]{34}', sample: (g) => `-${g.hex(34)}` } }),
    // Cloud and hosting
    prefixed({ id: 'aws-access-key-id', title: 'AWS access key ID', prefix: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], body: CHARSETS.upper, length: 16, keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'] }),
    // Bedrock API keys: `ABSK` + base64 of `BedrockAPIKey-…` (long-term), `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com` URL (short-term).
    prefixed({ id: 'aws-bedrock-api-key', title: 'AWS Bedrock API key (long-term)', prefix: 'ABSK', body: CHARSETS.base64, length: [100, 300], suffix: { regex: '={0,2}', sample: '' }, validate: (s) => ((0,encoding/* decodeBase64 */.y4)(s.slice(4)) ?? '').startsWith('BedrockAPIKey-'), build: (g) => `ABSK${Buffer.from(`BedrockAPIKey-${g.alnum(4)}-at-${g.digits(12)}:${g.base64(60)}`).toString('base64')}` }),
    prefixed({ id: 'aws-bedrock-short-term-key', title: 'AWS Bedrock API key (short-term)', prefix: 'bedrock-api-key-', body: CHARSETS.base64, length: [100, 3000], suffix: { regex: '={0,2}', sample: '' }, validate: (s) => ((0,encoding/* decodeBase64 */.y4)(s.slice(16)) ?? '').startsWith('bedrock.amazonaws.com'), build: (g) => `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=ASIA${g.upper(16)}&X-Amz-Signature=${g.hex(64)}&Version=1`).toString('base64')}` }),
    prefixed({ id: 'openshift-user-token', title: 'OpenShift user token', prefix: 'sha256~', body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'adobe-client-secret', title: 'Adobe client secret', prefix: 'p8e-', body: { cls: 'A-Za-z0-9', alphabet: CHARSETS.alnum.alphabet }, length: 32 }),
    prefixed({ id: 'intra42-client-secret', title: '42 Intra client secret', prefix: ['s-s4t2ud-', 's-s4t2af-'], body: CHARSETS.hex, length: 64 }),
    // 1Password account secret key: `A3-` + 6 + (6-5 or 11) + 5 + 5 + 5 characters, in its printed groupings.
    prefixed({ id: 'onepassword-secret-key', title: '1Password secret key', prefix: 'A3-', body: CHARSETS.upper, length: 6, suffix: { regex: '-(?:[A-Z0-9]{6}-[A-Z0-9]{5}|[A-Z0-9]{11})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', sample: (g) => `-${g.upper(6)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}` }, keywords: ['a3-'] }),
    prefixed({ id: 'gcp-api-key', title: 'Google API key', prefix: 'AIza', body: CHARSETS.url, length: 35 }),
    prefixed({ id: 'gcp-oauth-client-secret', title: 'Google OAuth client secret', prefix: 'GOCSPX-', body: CHARSETS.url, length: 28 }),
    prefixed({ id: 'google-oauth-access-token', title: 'Google OAuth access token', prefix: 'ya29.', body: CHARSETS.url, length: [60, 200] }),
    prefixed({ id: 'google-oauth-refresh-token', title: 'Google OAuth refresh token', prefix: '1//0', body: CHARSETS.url, length: [60, 120] }),
    prefixed({ id: 'azure-ad-client-secret', title: 'Azure AD (Entra ID) client secret', prefix: ['8Q~', '7Q~'], body: { cls: 'A-Za-z0-9_~.-', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-' }, length: 34, embedded: true, build: (g) => `${g.alnum(3)}8Q~${g.alnum(34)}`, keywords: ['8q~', '7q~'] }),
    prefixed({ id: 'digitalocean-pat', title: 'DigitalOcean personal access token', prefix: 'dop_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'digitalocean-oauth-token', title: 'DigitalOcean OAuth token', prefix: 'doo_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'digitalocean-refresh-token', title: 'DigitalOcean refresh token', prefix: 'dor_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', prefix: 'LTAI', body: CHARSETS.alnum, length: [20, 24] }),
    prefixed({ id: 'heroku-api-key-v2', title: 'Heroku platform API key', prefix: 'HRKU-', body: CHARSETS.url, length: 60 }),
    prefixed({ id: 'vault-service-token', title: 'HashiCorp Vault service token', prefix: 'hvs.', body: CHARSETS.url, length: [90, 200] }),
    prefixed({ id: 'vault-batch-token', title: 'HashiCorp Vault batch token', prefix: 'hvb.', body: CHARSETS.url, length: [90, 500] }),
    prefixed({ id: 'fly-io-token', title: 'Fly.io access token', prefix: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'], body: { cls: 'A-Za-z0-9_+/=-', alphabet: CHARSETS.base64.alphabet }, length: [43, 2000] }),
    prefixed({ id: 'netlify-pat', title: 'Netlify personal access token', prefix: 'nfp_', body: CHARSETS.alnum, length: 36 }),
    prefixed({ id: 'render-api-key', title: 'Render API key', prefix: 'rnd_', body: CHARSETS.alnum, length: 32 }),
    prefixed({ id: 'supabase-management-token', title: 'Supabase management API token', prefix: 'sbp_', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'supabase-secret-key', title: 'Supabase secret API key', prefix: 'sb_secret_', body: CHARSETS.url, length: [31, 64] }),
    prefixed({ id: 'aiven-service-password', title: 'Aiven service password', prefix: 'AVNS_', body: CHARSETS.url, length: 24 }),
    prefixed({ id: 'planetscale-token', title: 'PlanetScale token or password', prefix: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: CHARSETS.url, length: [32, 64] }),
    prefixed({ id: 'databricks-token', title: 'Databricks access token', prefix: 'dapi', body: CHARSETS.hex, length: 32, suffix: { regex: '(?:-\\d)?', sample: '' } }),
    prefixed({ id: 'doppler-token', title: 'Doppler token', prefix: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], body: CHARSETS.alnum, length: [40, 44] }),
    prefixed({ id: 'grafana-cloud-token', title: 'Grafana Cloud API token', prefix: 'glc_', body: CHARSETS.base64, length: [32, 400], suffix: { regex: '={0,2}', sample: '' } }),
    prefixed({ id: 'grafana-service-account-token', title: 'Grafana service account token', prefix: 'glsa_', body: CHARSETS.alnum, length: 32, suffix: { regex: '_[a-f0-9]{8}', sample: (g) => `_${g.hex(8)}` } }),
    prefixed({ id: 'new-relic-user-key', title: 'New Relic user API key', prefix: 'NRAK-', body: CHARSETS.upper, length: 27 }),
    prefixed({ id: 'new-relic-insert-key', title: 'New Relic insights insert key', prefix: 'NRII-', body: CHARSETS.url, length: 32 }),
    prefixed({ id: 'new-relic-browser-key', title: 'New Relic browser API token', prefix: 'NRJS-', body: CHARSETS.hex, length: 19 }),
    prefixed({ id: 'dynatrace-token', title: 'Dynatrace API token', prefix: 'dt0c01.', body: { cls: 'A-Za-z0-9', alphabet: CHARSETS.alnum.alphabet }, length: 24, suffix: { regex: '\\.[A-Za-z0-9]{64}', sample: (g) => `.${g.upper(64)}` } }),
    // `sntrys_` + base64 JSON (`iat`, `url`, `org` …) + `_` + a 43-character secret: without the payload it is not the format.
    // The pattern is loose so a look-alike claims its span (the generic rule stays quiet on it too); the check is strict.
    prefixed({ id: 'sentry-org-token', title: 'Sentry organization auth token', prefix: 'sntrys_', body: { cls: 'A-Za-z0-9+/=_', alphabet: CHARSETS.base64.alphabet }, length: [40, 700], validate: sentryPayload, build: sentryOrgToken, quiet: ['SENTRY_AUTH_TOKEN=sntrys_abcdefghQm7rT2xK9pLw4ZsV8nBcQm7rT2xK9pLw4ZsV8nBcQm7rT2xK9pLw4Zs'] }),
    prefixed({ id: 'sentry-user-token', title: 'Sentry user auth token', prefix: 'sntryu_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'cloudflare-origin-ca-key', title: 'Cloudflare Origin CA key', prefix: 'v1.0-', body: CHARSETS.hex, length: 24, suffix: { regex: '-[a-f0-9]{146}', sample: (g) => `-${g.hex(146)}` } }),
    prefixed({ id: 'scalingo-api-token', title: 'Scalingo API token', prefix: 'tk-us-', body: CHARSETS.url, length: 48 }),
    prefixed({ id: 'tailscale-key', title: 'Tailscale auth or API key', prefix: ['tskey-auth-', 'tskey-api-', 'tskey-client-', 'tskey-webhook-', 'tskey-scim-'], body: CHARSETS.alnum, length: [10, 20], suffix: { regex: '-[A-Za-z0-9]{20,40}', sample: (g) => `-${g.alnum(24)}` } }),
    prefixed({ id: 'defined-networking-key', title: 'Defined Networking API key', prefix: 'dnkey-', body: CHARSETS.lower, length: 26, suffix: { regex: '-[a-z0-9=_-]{52}', sample: (g) => `-${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 52)}` } }),
    // Messaging
    prefixed({ id: 'slack-bot-token', title: 'Slack bot token', prefix: 'xoxb-', body: CHARSETS.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[A-Za-z0-9]{24}', sample: (g) => `-${g.digits(12)}-${g.alnum(24)}` } }),
    prefixed({ id: 'slack-bot-token-legacy', title: 'Slack bot token (legacy two-part)', prefix: 'xoxb-', body: CHARSETS.digits, length: [8, 14], suffix: { regex: '-[A-Za-z0-9]{18,26}', sample: (g) => `-${g.alnum(24)}` } }),
    prefixed({ id: 'slack-legacy-token', title: 'Slack legacy workspace or refresh token', prefix: ['xoxa-2-', 'xoxr-2-', 'xoxa-', 'xoxr-'], body: CHARSETS.alnum, length: [8, 48], validate: (s) => /[A-Za-z]/.test(s.slice(5)) && /[0-9]/.test(s.slice(5)) }),
    prefixed({ id: 'slack-user-token', title: 'Slack user token', prefix: ['xoxp-', 'xoxa-', 'xoxs-'], body: CHARSETS.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}', sample: (g) => `-${g.digits(12)}-${g.digits(12)}-${g.hex(32)}` } }),
    prefixed({ id: 'slack-app-token', title: 'Slack app-level token', prefix: 'xapp-1-', body: CHARSETS.upper, length: [9, 12], suffix: { regex: '-[0-9]{10,13}-[A-Za-z0-9]{32,80}', sample: (g) => `-${g.digits(12)}-${g.hex(g.int(62, 64))}` } }),
    prefixed({ id: 'slack-config-token', title: 'Slack configuration token', prefix: ['xoxe.xoxp-1-', 'xoxe.xoxb-1-', 'xoxe-1-'], body: CHARSETS.alnum, length: [140, 170] }),
    prefixed({ id: 'slack-webhook', title: 'Slack incoming webhook or workflow trigger', prefix: ['hooks.slack.com/services/', 'hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'], body: { cls: 'A-Za-z0-9+/', alphabet: CHARSETS.alnum.alphabet }, length: [40, 120], embedded: true, build: (g) => `hooks.slack.com/services/T${g.upper(10)}/B${g.upper(10)}/${g.alnum(24)}`, keywords: ['hooks.slack.com'] }),
    prefixed({ id: 'discord-webhook', title: 'Discord webhook URL', prefix: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], body: CHARSETS.digits, length: [17, 20], embedded: true, suffix: { regex: '/[A-Za-z0-9_-]{60,68}', sample: (g) => `/${g.urlSafe(68)}` }, keywords: ['/api/webhooks/'] }),
    prefixed({ id: 'telegram-bot-token', title: 'Telegram bot token', prefix: [''], body: CHARSETS.digits, length: [8, 10], suffix: { regex: ':AA[A-Za-z0-9_-]{33}', sample: (g) => `:AA${g.urlSafe(33)}` }, keywords: [':aa'], minEntropy: 2.5 }),
    prefixed({ id: 'teams-webhook', title: 'Microsoft Teams incoming webhook', prefix: '.webhook.office.com/webhookb2/', body: { cls: 'a-f0-9@-', alphabet: '0123456789abcdef' }, length: [36, 80], embedded: true, suffix: { regex: '/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}', sample: (g) => `/IncomingWebhook/${g.hex(32)}/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['webhook.office.com'] }),
    prefixed({ id: 'zapier-webhook', title: 'Zapier webhook URL', prefix: 'hooks.zapier.com/hooks/catch/', body: CHARSETS.digits, length: [5, 10], embedded: true, suffix: { regex: '/[a-z0-9]{6,8}/?', sample: (g) => `/${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 7)}` }, keywords: ['hooks.zapier.com'] }),
    prefixed({ id: 'mattermost-access-token', title: 'Mattermost personal access token', prefix: 'mmat_', body: CHARSETS.lower, length: 26 }),
    // Payments and commerce
    prefixed({ id: 'stripe-secret-key', title: 'Stripe secret key', prefix: ['sk_live_', 'sk_test_', 'sk_prod_'], body: CHARSETS.alnum, length: [24, 99] }),
    prefixed({ id: 'stripe-restricted-key', title: 'Stripe restricted key', prefix: ['rk_live_', 'rk_test_', 'rk_prod_'], body: CHARSETS.alnum, length: [24, 99] }),
    prefixed({ id: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', prefix: 'whsec_', body: CHARSETS.alnum, length: [32, 64] }),
    prefixed({ id: 'square-access-token', title: 'Square access token', prefix: ['EAAA', 'sq0atp-'], body: CHARSETS.url, length: [22, 60] }),
    prefixed({ id: 'square-oauth-secret', title: 'Square OAuth secret', prefix: 'sq0csp-', body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'braintree-access-token', title: 'Braintree / PayPal access token', prefix: 'access_token$production$', body: CHARSETS.lower, length: 16, suffix: { regex: '\\$[a-f0-9]{32}', sample: (g) => `$${g.hex(32)}` }, keywords: ['access_token$production$'] }),
    prefixed({ id: 'shopify-access-token', title: 'Shopify access token', prefix: ['shpat_', 'shpca_', 'shppa_'], body: { cls: 'A-Za-z0-9', alphabet: CHARSETS.alnum.alphabet }, length: 32 }),
    prefixed({ id: 'shopify-shared-secret', title: 'Shopify shared secret', prefix: 'shpss_', body: { cls: 'A-Za-z0-9', alphabet: CHARSETS.alnum.alphabet }, length: 32 }),
    prefixed({ id: 'flutterwave-secret-key', title: 'Flutterwave secret key', prefix: ['FLWSECK-', 'FLWSECK_TEST-'], body: CHARSETS.hex, length: 32, suffix: { regex: '-X', sample: '-X' } }),
    prefixed({ id: 'razorpay-key', title: 'Razorpay live key', prefix: 'rzp_live_', body: CHARSETS.alnum, length: 14 }),
    prefixed({ id: 'shippo-token', title: 'Shippo API token', prefix: ['shippo_live_', 'shippo_test_'], body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'easypost-api-key', title: 'EasyPost API key', prefix: ['EZAK', 'EZTK'], body: CHARSETS.alnum, length: 54 }),
    prefixed({ id: 'duffel-token', title: 'Duffel API token', prefix: ['duffel_live_', 'duffel_test_'], body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'coinbase-pat', title: 'Coinbase access token', prefix: 'organizations/', body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, suffix: { regex: '/apiKeys/[a-f0-9-]{36}', sample: (g) => `/apiKeys/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['/apikeys/'] }),
    // Mail
    prefixed({ id: 'sendgrid-api-key', title: 'SendGrid API key', prefix: 'SG.', body: CHARSETS.url, length: 22, suffix: { regex: '\\.[A-Za-z0-9_-]{43}', sample: (g) => `.${g.urlSafe(43)}` } }),
    prefixed({ id: 'mailgun-api-key', title: 'Mailgun API key', prefix: 'key-', body: CHARSETS.hex, length: 32 }),
    prefixed({ id: 'mailchimp-api-key', title: 'Mailchimp API key', prefix: [''], body: CHARSETS.hex, length: 32, suffix: { regex: '-us\\d{1,2}', sample: '-us14' }, keywords: ['-us'] }),
    prefixed({ id: 'brevo-api-key', title: 'Brevo (Sendinblue) API key', prefix: ['xkeysib-', 'xsmtpsib-'], body: CHARSETS.hex, length: 64, suffix: { regex: '-[A-Za-z0-9]{16}', sample: (g) => `-${g.alnum(16)}` } }),
    prefixed({ id: 'mailersend-token', title: 'MailerSend API token', prefix: 'mlsn.', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'mandrill-api-key', title: 'Mandrill API key', prefix: 'md-', body: CHARSETS.url, length: 22, keywords: ['md-'] }),
    prefixed({ id: 'resend-api-key', title: 'Resend API key', prefix: 're_', body: CHARSETS.alnum, length: 8, suffix: { regex: '_[A-Za-z0-9]{24}', sample: (g) => `_${g.alnum(24)}` } }),
    // Package registries
    prefixed({ id: 'npm-access-token', title: 'npm access token', prefix: 'npm_', body: CHARSETS.alnum, length: 36, validate: (s) => (0,encoding/* hasValidCrc32Suffix */.fw)(s), build: crcToken('npm_'), quiet: [brokenCrcToken('npm_')] }),
    prefixed({ id: 'pypi-upload-token', title: 'PyPI upload token', prefix: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], body: CHARSETS.url, length: [50, 220] }),
    prefixed({ id: 'rubygems-api-key', title: 'RubyGems API key', prefix: 'rubygems_', body: CHARSETS.hex, length: 48 }),
    prefixed({ id: 'nuget-api-key', title: 'NuGet API key', prefix: 'oy2', body: CHARSETS.lower, length: 43, validate: (s) => /[0-9]/.test(s) }),
    prefixed({ id: 'clojars-token', title: 'Clojars deploy token', prefix: 'CLOJARS_', body: CHARSETS.lower, length: 60 }),
    prefixed({ id: 'crates-io-token', title: 'crates.io API token', prefix: 'cio', body: CHARSETS.alnum, length: 32, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) }),
    prefixed({ id: 'pub-dev-token', title: 'Hex.pm API key', prefix: 'hexpm_', body: CHARSETS.alnum, length: 32 }),
    // AI and data platforms
    prefixed({ id: 'openai-api-key', title: 'OpenAI API key', prefix: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], body: CHARSETS.url, length: [20, 74], suffix: { regex: 'T3BlbkFJ[A-Za-z0-9_-]{20,74}', sample: (g) => `T3BlbkFJ${g.urlSafe(30)}` } }),
    prefixed({ id: 'openai-legacy-key', title: 'OpenAI API key (legacy)', prefix: 'sk-', body: CHARSETS.alnum, length: 20, suffix: { regex: 'T3BlbkFJ[A-Za-z0-9]{20}', sample: (g) => `T3BlbkFJ${g.alnum(20)}` }, keywords: ['t3blbkfj'] }),
    prefixed({ id: 'anthropic-api-key', title: 'Anthropic API key', prefix: ['sk-ant-api03-', 'sk-ant-admin01-'], body: CHARSETS.url, length: 93, suffix: { regex: 'AA', sample: 'AA' } }),
    prefixed({ id: 'huggingface-token', title: 'Hugging Face access token', prefix: ['hf_', 'api_org_'], body: CHARSETS.letters, length: 34 }),
    prefixed({ id: 'replicate-api-token', title: 'Replicate API token', prefix: 'r8_', body: CHARSETS.alnum, length: 37 }),
    prefixed({ id: 'groq-api-key', title: 'Groq API key', prefix: 'gsk_', body: CHARSETS.alnum, length: 52 }),
    prefixed({ id: 'perplexity-api-key', title: 'Perplexity API key', prefix: 'pplx-', body: CHARSETS.alnum, length: 48 }),
    prefixed({ id: 'xai-api-key', title: 'xAI API key', prefix: 'xai-', body: CHARSETS.alnum, length: 80 }),
    prefixed({ id: 'openrouter-api-key', title: 'OpenRouter API key', prefix: 'sk-or-v1-', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'langsmith-api-key', title: 'LangSmith API key', prefix: ['lsv2_pt_', 'lsv2_sk_'], body: CHARSETS.hex, length: 32, suffix: { regex: '_[a-f0-9]{10}', sample: (g) => `_${g.hex(10)}` } }),
    prefixed({ id: 'notion-token', title: 'Notion integration token', prefix: 'ntn_', body: CHARSETS.alnum, length: 46 }),
    prefixed({ id: 'airtable-pat', title: 'Airtable personal access token', prefix: 'pat', body: CHARSETS.alnum, length: 14, suffix: { regex: '\\.[a-f0-9]{64}', sample: (g) => `.${g.hex(64)}` }, keywords: ['pat'] }),
    prefixed({ id: 'linear-api-key', title: 'Linear API key', prefix: 'lin_api_', body: CHARSETS.alnum, length: 40 }),
    prefixed({ id: 'figma-pat', title: 'Figma personal access token', prefix: 'figd_', body: CHARSETS.url, length: 40 }),
    prefixed({ id: 'contentful-pat', title: 'Contentful personal access token', prefix: 'CFPAT-', body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'typeform-pat', title: 'Typeform personal access token', prefix: 'tfp_', body: CHARSETS.url, length: 44, suffix: { regex: '_[A-Za-z0-9_-]{14}', sample: (g) => `_${g.urlSafe(14)}` } }),
    prefixed({ id: 'dropbox-token', title: 'Dropbox short-lived token', prefix: 'sl.', body: CHARSETS.url, length: [130, 160] }),
    prefixed({ id: 'mapbox-secret-token', title: 'Mapbox secret token', prefix: 'sk.eyJ', body: CHARSETS.url, length: [40, 120], suffix: { regex: '\\.[A-Za-z0-9_-]{22}', sample: (g) => `.${g.urlSafe(22)}` } }),
    prefixed({ id: 'onepassword-service-token', title: '1Password service account token', prefix: 'ops_eyJ', body: { cls: 'A-Za-z0-9+/=', alphabet: CHARSETS.base64.alphabet }, length: [250, 900] }),
    prefixed({ id: 'hubspot-pat', title: 'HubSpot private app token', prefix: ['pat-na1-', 'pat-eu1-'], body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, build: (g) => `pat-na1-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }),
    prefixed({ id: 'adafruit-io-key', title: 'Adafruit IO key', prefix: 'aio_', body: CHARSETS.alnum, length: 28 }),
    prefixed({ id: 'frameio-token', title: 'Frame.io API token', prefix: 'fio-u-', body: CHARSETS.url, length: 64 }),
    prefixed({ id: 'twitter-bearer-token', title: 'Twitter / X bearer token', prefix: 'AAAAAAAAAAAAAAAAAAAAA', body: { cls: 'A-Za-z0-9%', alphabet: CHARSETS.alnum.alphabet }, length: [50, 100] }),
    prefixed({ id: 'facebook-access-token', title: 'Facebook / Meta access token', prefix: 'EAACEdEose0cBA', body: CHARSETS.alnum, length: [20, 200] }),
    prefixed({ id: 'facebook-page-access-token', title: 'Facebook / Meta page or user access token', prefix: ['EAAM', 'EAAC', 'EAAG', 'EAAI'], body: CHARSETS.alnum, length: [100, 400] }),
    prefixed({ id: 'twilio-api-key', title: 'Twilio API key', prefix: 'SK', body: CHARSETS.hex, length: 32, keywords: ['sk'] }),
    prefixed({ id: 'age-secret-key', title: 'age secret key', prefix: 'AGE-SECRET-KEY-1', body: { cls: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', alphabet: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L' }, length: 58, validate: encoding/* isValidBech32 */.M8, build: ageKey, quiet: [(g) => { const key = ageKey(g); return `key = "${key.slice(0, -1)}${key.endsWith('Q') ? 'P' : 'Q'}"`; }] }),
    prefixed({ id: 'shopify-custom-app-token', title: 'Shopify custom app token', prefix: 'shpcat_', body: { cls: 'a-fA-F0-9', alphabet: '0123456789abcdef' }, length: 32 }),
];

;// CONCATENATED MODULE: ./build/src/scan/rules/index.js




/** Every built-in rule; provider rules first so a generic match yields to them, the forms before the plain `name = value`. */
const builtinRules = [...providerRules, ...contextualRules, ...formRules, ...structuralRules];

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: ./build/src/core/command.js
var command = __webpack_require__(9764);
;// CONCATENATED MODULE: ./build/src/core/runner/stream-process.js




/**
 * Starts a process and yields its stdout line by line as it comes, for outputs
 * too large to buffer (`git log -p` over thousands of commits). Argument arrays
 * only, like the Runner; a non-zero exit throws the same redacted ProcessError.
 */
async function* streamLines(spec) {
    const child = (0,external_node_child_process_.spawn)(spec.file, spec.args, {
        cwd: spec.cwd,
        env: spec.cleanEnv ? { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...spec.env } : { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-16_384);
    });
    const exited = new Promise((resolve) => {
        child.on('error', (error) => { stderr += `${error.message}\n`; resolve(127); });
        child.on('close', (code) => resolve(code ?? 1));
    });
    const lines = external_node_readline_.createInterface({ input: child.stdout, crlfDelay: Infinity });
    let finished = false;
    try {
        for await (const line of lines)
            yield line;
        finished = true;
    }
    finally {
        // The consumer stopped early: do not leave the process writing into a closed pipe.
        if (!finished && child.exitCode === null)
            child.kill();
    }
    const exitCode = await exited;
    if (exitCode !== 0)
        throw new errors/* ProcessError */.yI({ command: (0,command/* describeCommand */.vL)(spec), exitCode, stderr });
}

;// CONCATENATED MODULE: ./build/src/scan/sources/diff-parser.js
/** Marks a commit header in `git log --format`; a byte no diff line starts with. */
const COMMIT_MARKER = '\u0001';
/**
 * Turns `git diff`/`git log -p --unified=0` output, fed line by line, into the
 * added text per file. Pure: it holds state, reads nothing.
 */
class DiffParser {
    onCommit;
    commit;
    time;
    path;
    nextLine = 0;
    lines = [];
    numbers = [];
    inHunk = false;
    /** One prefix column per parent: 1 for a plain diff, 2+ for a merge's combined (`--cc`) diff. */
    columns = 1;
    allAdded = '+';
    /** `onCommit` hears every commit header, also of commits that only delete files (they add no text). */
    constructor(onCommit) {
        this.onCommit = onCommit;
    }
    /** Feeds one line; returns the file that this line completed, if any. */
    push(line) {
        if (line.startsWith(COMMIT_MARKER)) {
            const done = this.flush();
            const [sha, time] = line.slice(1).split(' ');
            this.commit = sha;
            this.time = time ? Number(time) : undefined;
            this.onCommit?.(sha);
            return done;
        }
        if (line.startsWith('diff --')) {
            const done = this.flush();
            this.path = undefined;
            this.inHunk = false;
            this.columns = 1;
            return done;
        }
        if (!this.inHunk || line.startsWith('@@')) {
            if (line.startsWith('+++ ')) {
                const target = line.slice(4);
                this.path = target === '/dev/null' ? undefined : target.replace(/^b\//, '').replace(/^"b\/(.*)"$/, '$1');
            }
            else if (line.startsWith('@@')) {
                // `@@ -a +b @@`, or `@@@ -a -b +c @@@` for a merge of two parents (one more @ per parent).
                const match = /^(@@+) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@/.exec(line);
                this.nextLine = match ? Number(match[2]) : 0;
                this.columns = match ? match[1].length - 1 : 1;
                this.allAdded = '+'.repeat(this.columns);
                this.inHunk = true;
            }
            return undefined;
        }
        if (this.columns > 1) {
            // Combined diff: a line is the merge's own when it is new against every parent (`++`);
            // ` +`/`+ ` lines came from one parent, already scanned at the commit that added them.
            const marks = line.slice(0, this.columns);
            if (marks.includes('-') || !/^[ +]+$/.test(marks))
                return undefined;
            if (marks === this.allAdded && this.path) {
                this.lines.push(line.slice(this.columns));
                this.numbers.push(this.nextLine);
            }
            this.nextLine += 1;
            return undefined;
        }
        if (line.startsWith('+')) {
            if (this.path) {
                this.lines.push(line.slice(1));
                this.numbers.push(this.nextLine);
            }
            this.nextLine += 1;
        }
        else if (line.startsWith(' ')) {
            this.nextLine += 1;
        }
        return undefined;
    }
    /** Call at the end of the output. */
    end() {
        return this.flush();
    }
    flush() {
        if (!this.path || this.lines.length === 0) {
            this.lines = [];
            this.numbers = [];
            return undefined;
        }
        const done = { path: this.path, commit: this.commit, time: this.time, text: this.lines.join('\n'), lineNumbers: this.numbers };
        this.lines = [];
        this.numbers = [];
        return done;
    }
}

// EXTERNAL MODULE: ./build/src/scan/sources/revision.js
var revision = __webpack_require__(7865);
;// CONCATENATED MODULE: ./build/src/scan/sources/git.js




// Every git command the scanner runs, as data.
const git = (cwd, ...args) => ({ file: 'git', args: ['-c', 'core.quotePath=false', ...args], cwd });
const PATCH_FLAGS = ['--no-color', '--no-ext-diff', '--unified=0', '-M', '--no-textconv'];
const gitCommands = {
    /**
     * Each commit's added lines, oldest first (`--date-order`: never a commit before its parents, so a secret
     * is first met at the commit that introduced it), with a marker line per commit.
     * `--cc` for merges: plain `log -p` shows no diff for a merge, so a secret typed in while resolving one
     * was never read. The dense combined diff shows only the hunks that match no parent, the merge's own
     * changes. Not `-m`/`--diff-merges=first-parent`: those repeat every line the merged branch brought
     * (already read at the commits that added them), up to doubling the bytes read, and `--first-parent`
     * would not walk the side branch, moving a finding from its commit to the merge.
     */
    log: (cwd, range) => git(cwd, 'log', '-p', '--cc', '--reverse', '--date-order', `--format=${COMMIT_MARKER}%H %ct`, ...PATCH_FLAGS, ...(0,revision/* revisionArgs */.vp)(range), '--'),
    diff: (cwd, from, to) => git(cwd, 'diff', ...PATCH_FLAGS, '--end-of-options', from, to, '--'),
    mergeBase: (cwd, a, b) => git(cwd, 'merge-base', '--end-of-options', a, b),
    hasCommit: (cwd, sha) => git(cwd, 'cat-file', '-e', '--end-of-options', `${sha}^{commit}`),
    isShallow: (cwd) => git(cwd, 'rev-parse', '--is-shallow-repository'),
    fetch: (cwd, remote, refs, depthArgs = []) => git(cwd, 'fetch', '--no-tags', '--quiet', ...depthArgs, '--end-of-options', remote, ...refs),
    listFiles: (cwd) => git(cwd, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'),
    revParse: (cwd, ref) => git(cwd, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`),
    firstParent: (cwd, sha) => git(cwd, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${sha}^`),
    /** Local and remote-tracking branches: name, tip, and the target of a symbolic one (origin/HEAD). */
    branchRefs: (cwd) => git(cwd, 'for-each-ref', '--format=%(refname) %(objectname) %(symref)', 'refs/heads', 'refs/remotes'),
    /** A file as committed; `./` makes the path relative to cwd, like the working-tree path. */
    fileAt: (cwd, rev, file) => git(cwd, 'cat-file', 'blob', '--end-of-options', `${rev}:./${file}`),
    countCommits: (cwd, range) => git(cwd, 'rev-list', '--count', ...(0,revision/* revisionArgs */.vp)(range)),
};
const ZERO_SHA = /^0+$/;
/** Streams the added text of each file of each commit (or of one diff). */
async function* addedText(spec, onCommit) {
    const parser = new DiffParser(onCommit);
    for await (const line of streamLines(spec)) {
        const done = parser.push(line);
        if (done)
            yield done;
    }
    const last = parser.end();
    if (last)
        yield last;
}
const ok = async (runner, spec) => (await runner.run(spec, { allowFailure: true })).exitCode === 0;
/** Makes `sha` present, fetching it when a shallow or single-branch checkout lacks it. */
async function ensureCommit(runner, cwd, sha, log, fallbackRef) {
    if (await ok(runner, gitCommands.hasCommit(cwd, sha)))
        return;
    log.info(`Commit ${(0,revision/* shortRevision */.w7)(sha)} is not in this checkout; fetching it.`);
    const attempts = [[sha], ...(fallbackRef ? [[`+refs/heads/${fallbackRef}:refs/remotes/origin/${fallbackRef}`]] : [])];
    for (const refs of attempts) {
        await runner.run(gitCommands.fetch(cwd, 'origin', refs), { allowFailure: true, timeoutMs: 300_000 });
        if (await ok(runner, gitCommands.hasCommit(cwd, sha)))
            return;
    }
    throw new errors/* SlipwayError */.GQ(`secret-scan: commit ${sha} is not in the checkout and could not be fetched from origin`, {
        fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`), or make sure the remote `origin` can serve that commit',
    });
}
/**
 * The merge base of the PR, deepening a shallow clone step by step (then
 * unshallowing) until the two histories meet.
 */
async function findMergeBase(runner, cwd, base, head, log) {
    for (let attempt = 0; attempt < 6; attempt += 1) {
        const result = await runner.run(gitCommands.mergeBase(cwd, base, head), { allowFailure: true });
        if (result.exitCode === 0)
            return result.stdout.trim();
        const shallow = (await runner.run(gitCommands.isShallow(cwd), { allowFailure: true })).stdout.trim() === 'true';
        if (!shallow)
            break;
        const depthArgs = attempt < 4 ? [`--deepen=${50 * 4 ** attempt}`] : ['--unshallow'];
        log.info(`No merge base of ${(0,revision/* shortRevision */.w7)(base)} and ${(0,revision/* shortRevision */.w7)(head)} in this shallow checkout; fetching more history (${depthArgs[0]}).`);
        const fetched = await runner.run(gitCommands.fetch(cwd, 'origin', [base, head], depthArgs), { allowFailure: true, timeoutMs: 600_000 });
        if (fetched.exitCode !== 0)
            break;
    }
    throw new errors/* SlipwayError */.GQ(`secret-scan: no merge base between ${base} and ${head}`, {
        fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`) so the pull request\'s base is reachable',
    });
}

;// CONCATENATED MODULE: ./build/src/scan/sources/push-range.js



/** When a push's own commits cannot be told apart, at most this many commits of the branch are scanned. */
const PUSH_HISTORY_LIMIT = 200;
const branchName = (ref) => (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref || undefined);
/**
 * Tips of every branch but the pushed one. Without the pushed ref's name, refs
 * pointing exactly at `after` are taken to be the pushed branch.
 */
async function otherBranchTips(runner, cwd, afterSha, pushed) {
    const listed = await runner.run(gitCommands.branchRefs(cwd), { allowFailure: true });
    const tips = new Set();
    for (const line of listed.stdout.split('\n')) {
        const [name, sha, symref] = line.trim().split(' ');
        if (!name || !sha || symref)
            continue;
        const short = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : name.split('/').slice(3).join('/');
        if (pushed ? short === pushed : sha === afterSha)
            continue;
        tips.add(sha);
    }
    return [...tips];
}
const count = async (runner, cwd, range) => Number((await runner.run(gitCommands.countCommits(cwd, range))).stdout.trim());
/**
 * The commits a push brought: before..after when the old head is known; for a
 * new branch or a vanished old head, every commit of `after` that no other
 * branch has (a secret in a middle commit is as leaked as one in the tip); and
 * with nothing to compare with, a bounded history of the branch, said in a note.
 */
async function resolvePushRange(runner, cwd, input, log) {
    const { after } = input;
    await ensureCommit(runner, cwd, after, log);
    let lead = 'A new branch';
    let before;
    if (input.before && !ZERO_SHA.test(input.before)) {
        try {
            await ensureCommit(runner, cwd, input.before, log);
            before = input.before;
            // A shallow checkout cuts history below `after`; until the two meet, before..after would miss commits.
            await findMergeBase(runner, cwd, before, after, log);
            return { range: [`${before}..${after}`], before };
        }
        catch (error) {
            lead = before
                ? `The push's old head ${(0,revision/* shortRevision */.w7)(before)} shares no history with ${(0,revision/* shortRevision */.w7)(after)}`
                : `The push's old head ${(0,revision/* shortRevision */.w7)(input.before)} is gone (force push?)`;
            log.info(`${lead}: ${(0,errors/* formatError */.Wk)(error).split('\n')[0]}`);
        }
    }
    const afterSha = (await runner.run(gitCommands.revParse(cwd, after))).stdout.trim();
    const pushed = branchName(input.ref);
    let others = await otherBranchTips(runner, cwd, afterSha, pushed);
    const shallow = (await runner.run(gitCommands.isShallow(cwd), { allowFailure: true })).stdout.trim() === 'true';
    if (shallow || others.length === 0) {
        // A CI checkout holds the pushed branch only, often one commit deep: fetch the other branches (and
        // enough history of all of them to meet) so the push's own commits can be told apart.
        log.info(`Fetching the other branches from origin to tell the push's own commits apart${shallow ? ` (depth ${PUSH_HISTORY_LIMIT})` : ''}.`);
        const options = { allowFailure: true, timeoutMs: 600_000 };
        const fetched = await runner.run(gitCommands.fetch(cwd, 'origin', ['+refs/heads/*:refs/remotes/origin/*'], shallow ? [`--depth=${PUSH_HISTORY_LIMIT}`] : []), options);
        // git leaves a ref it already has at its old depth, so the pushed commit is deepened by name.
        if (shallow)
            await runner.run(gitCommands.fetch(cwd, 'origin', [afterSha], [`--deepen=${PUSH_HISTORY_LIMIT}`]), options);
        if (fetched.exitCode === 0)
            others = await otherBranchTips(runner, cwd, afterSha, pushed);
    }
    const limit = `--max-count=${PUSH_HISTORY_LIMIT}`;
    const tip = afterSha.slice(0, 12);
    if (others.length === 0) {
        const scanned = await count(runner, cwd, [limit, afterSha]);
        return { range: [limit, afterSha], before, note: `${lead}, and no other branch in this checkout to compare with: scanned the last ${scanned} commit(s) of ${tip} (at most ${PUSH_HISTORY_LIMIT}).` };
    }
    const own = [afterSha, '--not', ...others];
    const found = await count(runner, cwd, [`--max-count=${PUSH_HISTORY_LIMIT + 1}`, ...own]);
    if (found > PUSH_HISTORY_LIMIT) {
        return { range: [limit, ...own], before, note: `${lead}: more than ${PUSH_HISTORY_LIMIT} commits of ${tip} are on no other branch: scanned the last ${PUSH_HISTORY_LIMIT} of them.` };
    }
    return { range: own, before, note: `${lead}: scanned its ${found} commit(s) that no other branch has (${tip}, not in ${others.length} other branch tip(s)).` };
}

;// CONCATENATED MODULE: ./build/src/scan/sources/tree.js



/** Files of a working tree: git's view (tracked + untracked, not ignored) in a repository, a walk otherwise. */
async function listTreeFiles(runner, root) {
    if (external_node_fs_.existsSync(external_node_path_.join(root, '.git'))) {
        const listed = await runner.run(gitCommands.listFiles(root), { allowFailure: true });
        if (listed.exitCode === 0)
            return listed.stdout.split('\0').filter(Boolean);
    }
    const files = [];
    const walk = (dir) => {
        for (const entry of external_node_fs_.readdirSync(external_node_path_.join(root, dir), { withFileTypes: true })) {
            if (entry.name === '.git' || entry.name === 'node_modules')
                continue;
            const relative = dir ? `${dir}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                walk(relative);
            else if (entry.isFile())
                files.push(relative);
        }
    };
    walk('');
    return files;
}
/** Reads a file for scanning, skipping binaries (a NUL in the first 8 KB) and files over the limit; UTF-16 is decoded. */
function readScannable(file, maxBytes) {
    let size;
    try {
        const stat = external_node_fs_.statSync(file);
        if (!stat.isFile())
            return { skipped: 'unreadable', bytes: 0 };
        size = stat.size;
    }
    catch {
        return { skipped: 'unreadable', bytes: 0 };
    }
    if (size > maxBytes)
        return { skipped: 'too-large', bytes: size };
    const data = external_node_fs_.readFileSync(file);
    const text = decodeText(data);
    return text === undefined ? { skipped: 'binary', bytes: size, data } : { text, bytes: size };
}
/**
 * Text from a file's bytes: UTF-8 (its BOM dropped), or UTF-16 with a BOM, or
 * BOM-less UTF-16 whose every other byte is NUL (what Windows tools write for
 * ASCII text). Anything else holding a NUL is binary: undefined.
 */
function decodeText(buffer) {
    if (buffer[0] === 0xff && buffer[1] === 0xfe)
        return buffer.subarray(2).toString('utf16le');
    if (buffer[0] === 0xfe && buffer[1] === 0xff)
        return bigEndianToLittle(buffer.subarray(2)).toString('utf16le');
    const head = buffer.subarray(0, 8192);
    if (!head.includes(0))
        return buffer.toString('utf8').replace(/^\uFEFF/, '');
    const utf16 = utf16Order(head);
    if (utf16 === 'le')
        return buffer.toString('utf16le');
    if (utf16 === 'be')
        return bigEndianToLittle(buffer).toString('utf16le');
    return undefined;
}
/** BOM-less UTF-16: NULs on one byte parity only, and on nearly all of it. */
function utf16Order(head) {
    if (head.length < 4)
        return undefined;
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i + 1 < head.length; i += 2) {
        if (head[i] === 0)
            evenNul += 1;
        if (head[i + 1] === 0)
            oddNul += 1;
    }
    const pairs = Math.floor(head.length / 2);
    if (oddNul > pairs * 0.9 && evenNul === 0)
        return 'le';
    if (evenNul > pairs * 0.9 && oddNul === 0)
        return 'be';
    return undefined;
}
/** A copy with each byte pair swapped (an odd last byte dropped): UTF-16BE read as UTF-16LE. */
function bigEndianToLittle(bytes) {
    const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    return copy.swap16();
}

// EXTERNAL MODULE: ./build/src/scan/config.js
var scan_config = __webpack_require__(9009);
;// CONCATENATED MODULE: ./build/src/scan/trusted-files.js





/**
 * The config and the baseline decide what fails the check, so a change must not
 * judge itself: in pr and push mode both are read from where the change starts.
 * A pull request that adds `allow.paths: ['.*']`, disables a rule or baselines
 * its own secret still fails; its edits to these files take effect once merged,
 * after a maintainer has reviewed them. Without revisions (tree, history, or a
 * push with no old head): the working tree.
 */
async function loadTrustedFiles(runner, settings, revisions) {
    const cwd = settings.directory;
    const configFile = external_node_path_.resolve(cwd, settings.configPath);
    const baselineFile = external_node_path_.resolve(cwd, settings.baselinePath);
    const relative = (file) => {
        const inside = external_node_path_.relative(cwd, file);
        return inside.startsWith('..') || external_node_path_.isAbsolute(inside) ? undefined : inside.split(external_node_path_.sep).join('/');
    };
    const configRel = relative(configFile);
    const baselineRel = relative(baselineFile);
    if (!revisions)
        return fromWorkingTree(settings, configFile, baselineFile);
    const at = async (rev, file) => {
        const shown = await runner.run(gitCommands.fileAt(cwd, rev, file), { allowFailure: true });
        return shown.exitCode === 0 ? shown.stdout : undefined;
    };
    const where = (file) => `${(0,revision/* shortRevision */.w7)(revisions.trusted)}:${file}`;
    const notes = [];
    const changed = [];
    let config;
    if (configRel === undefined) {
        // Outside the repository: no commit holds it, and no change can touch it.
        config = (0,scan_config/* loadScanConfig */.U8)(configFile, settings.configRequired);
    }
    else {
        const trusted = await at(revisions.trusted, configRel);
        const proposed = await at(revisions.changed, configRel);
        if (trusted === undefined && proposed === undefined)
            config = (0,scan_config/* loadScanConfig */.U8)(configFile, settings.configRequired);
        else
            config = trusted === undefined ? (0,scan_config/* emptyConfig */.i4)() : (0,scan_config/* parseScanConfig */.Xs)(trusted, where(configRel));
        if (trusted !== proposed)
            changed.push(configRel);
    }
    let accepted = new Set();
    if (!settings.writeBaseline) {
        if (baselineRel === undefined) {
            accepted = readBaseline(baselineFile);
        }
        else {
            const trusted = await at(revisions.trusted, baselineRel);
            if (trusted !== undefined)
                accepted = parseBaseline(trusted, where(baselineRel));
            if (trusted !== await at(revisions.changed, baselineRel))
                changed.push(baselineRel);
        }
    }
    if (changed.length > 0) {
        notes.push(`This change edits ${changed.join(' and ')}: the scan used the version at the ${revisions.label} ${(0,revision/* shortRevision */.w7)(revisions.trusted)}. `
            + 'The edits take effect once they are on the base branch (after merge), where a maintainer reviews them.');
    }
    return { config, accepted, notes };
}
function fromWorkingTree(settings, configFile, baselineFile) {
    return {
        config: (0,scan_config/* loadScanConfig */.U8)(configFile, settings.configRequired),
        accepted: settings.writeBaseline ? new Set() : readBaseline(baselineFile),
        notes: [],
    };
}

;// CONCATENATED MODULE: ./build/src/scan/scanner.js














/** Binaries, media, archives and generated bundles: never worth a read. */
const DEFAULT_SKIP_PATHS = /(?:^|\/)(?:\.git|node_modules)\/|\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|dylib|dll|exe|o|a|bin|woff2?|ttf|otf|eot|mp[34]|m4a|ogg|wav|mov|avi|mkv|webm|wasm|pyc|sqlite3?|db)$|\.min\.(?:js|css)$|\.(?:js|css)\.map$/i;
const SCANNER_VERSION = '1.1.0';
const formatSize = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);
class Collector {
    oncePerSecret;
    findings = [];
    seen = new Set();
    constructor(oncePerSecret) {
        this.oncePerSecret = oncePerSecret;
    }
    add(found, commit) {
        for (const finding of found) {
            const key = this.oncePerSecret ? finding.fingerprint : `${finding.fingerprint}\0${finding.path}\0${finding.line}`;
            if (this.seen.has(key))
                continue;
            this.seen.add(key);
            this.findings.push(commit ? { ...finding, commit } : finding);
        }
    }
}
function buildDetector(config) {
    const disabled = new Set(config.disable);
    return new Detector({
        rules: [...config.rules, ...builtinRules.filter((rule) => !disabled.has(rule.id))],
        allowRegexes: config.allowRegexes,
        stopwords: config.stopwords,
    });
}
/** Runs one scan: sources feed text to the pure detector; reports are written from findings only. */
async function runScan(settings, context) {
    const started = Date.now();
    const { runner, log } = context;
    const cwd = settings.directory;
    const notes = [];
    // The range comes first: in pr and push mode it also says where the trusted config and baseline are.
    let revisions;
    let prRange;
    let push;
    if (settings.mode === 'pr') {
        const base = settings.base ?? 'origin/HEAD';
        const head = settings.head ?? 'HEAD';
        await ensureCommit(runner, cwd, head, log);
        await ensureCommit(runner, cwd, base, log, settings.baseRef);
        prRange = { mergeBase: await findMergeBase(runner, cwd, base, head, log), head };
        revisions = { trusted: prRange.mergeBase, changed: head, label: 'merge base' };
    }
    else if (settings.mode === 'push') {
        const after = settings.after ?? 'HEAD';
        push = await resolvePushRange(runner, cwd, { before: settings.before, after, ref: settings.ref }, log);
        if (push.note)
            notes.push(push.note);
        if (push.before)
            revisions = { trusted: push.before, changed: after, label: 'old head' };
    }
    const trusted = await loadTrustedFiles(runner, settings, revisions);
    notes.push(...trusted.notes);
    for (const note of notes)
        log.info(note);
    const { config } = trusted;
    const detector = buildDetector(config);
    const maxBytes = config.maxFileSize ?? settings.maxFileSize;
    const ownFiles = new Set([external_node_path_.normalize(settings.baselinePath), external_node_path_.normalize(settings.configPath)]);
    const scannable = (file) => !DEFAULT_SKIP_PATHS.test(file) && !ownFiles.has(external_node_path_.normalize(file)) && !config.allowPaths.some((re) => re.test(file));
    const stats = { mode: settings.mode, files: 0, commits: 0, bytes: 0, durationMs: 0, skipped: 0, oversized: [] };
    const sizeLimit = `${formatSize(maxBytes)}, ${config.maxFileSize !== undefined ? `\`max-file-size:\` in ${settings.configPath}` : 'the `max-file-size` input'}`;
    const oversizedSeen = new Set();
    const skipOversized = (file, bytes, commit) => {
        stats.skipped += 1;
        const key = `${file}\0${commit ?? ''}`;
        if (oversizedSeen.has(key))
            return;
        oversizedSeen.add(key);
        stats.oversized?.push({ path: file, bytes, commit, reason: `larger than the size limit (${sizeLimit}); raise it to scan this file` });
    };
    const scanTree = (collector, files) => {
        for (const file of files) {
            if (!scannable(file))
                continue;
            const read = readScannable(external_node_path_.join(cwd, file), maxBytes);
            if ('skipped' in read) {
                if (read.skipped === 'too-large')
                    skipOversized(file, read.bytes);
                else if (read.skipped === 'binary') {
                    stats.skipped += 1;
                    collector.add(detector.detectBinary(read.data, file));
                }
                continue;
            }
            stats.files += 1;
            stats.bytes += read.bytes;
            collector.add(detector.detect(read.text, file));
        }
    };
    // Every commit header counts, also a commit that only deletes files (it adds no text to read).
    const countCommit = () => { stats.commits += 1; };
    const scanAdded = async (collector, chunks) => {
        for await (const chunk of chunks) {
            if (!scannable(chunk.path))
                continue;
            if (chunk.text.length > maxBytes) {
                skipOversized(chunk.path, chunk.text.length, chunk.commit);
                continue;
            }
            stats.files += 1;
            stats.bytes += chunk.text.length;
            collector.add(detector.detect(chunk.text, chunk.path, chunk.lineNumbers), chunk.commit);
        }
    };
    let collector;
    switch (settings.mode) {
        case 'tree': {
            collector = new Collector(false);
            scanTree(collector, await listTreeFiles(runner, cwd));
            break;
        }
        case 'pr': {
            const { mergeBase, head } = prRange;
            log.info(`Scanning the lines added between ${(0,revision/* shortRevision */.w7)(mergeBase)} (merge base) and ${(0,revision/* shortRevision */.w7)(head)}.`);
            collector = new Collector(false);
            await scanAdded(collector, addedText(gitCommands.diff(cwd, mergeBase, head)));
            break;
        }
        case 'push': {
            collector = new Collector(true);
            await scanAdded(collector, addedText(gitCommands.log(cwd, push.range), countCommit));
            break;
        }
        case 'history': {
            collector = new Collector(true);
            // Every ref, not only HEAD: a secret on an unmerged branch or a tag is as pushed as one on main.
            await scanAdded(collector, addedText(gitCommands.log(cwd, settings.head ? [settings.head] : ['--all']), countCommit));
            const inTree = new Collector(false);
            const before = { ...stats, oversized: [...(stats.oversized ?? [])] };
            scanTree(inTree, await listTreeFiles(runner, cwd));
            Object.assign(stats, { files: before.files, bytes: before.bytes, skipped: before.skipped, oversized: before.oversized });
            const present = new Set(inTree.findings.map((f) => f.fingerprint));
            for (const finding of collector.findings)
                finding.inTree = present.has(finding.fingerprint);
            break;
        }
    }
    const findings = collector.findings;
    const baselinePath = external_node_path_.resolve(cwd, settings.baselinePath);
    let baselineWritten;
    if (settings.writeBaseline) {
        writeBaseline(baselinePath, findings);
        baselineWritten = baselinePath;
        for (const finding of findings)
            finding.baselined = true;
        log.info(`Wrote ${findings.length} finding(s) to the baseline ${baselinePath}.`);
    }
    else {
        for (const finding of findings)
            finding.baselined = trusted.accepted.has(finding.fingerprint);
    }
    const newFindings = findings.filter((f) => !f.baselined).length;
    for (const skipped of (stats.oversized ?? []).slice(0, summary/* MAX_SKIPPED_ROWS */.QM)) {
        log.warn(`Not scanned: ${skipped.path}${skipped.commit ? ` at ${(0,revision/* shortRevision */.w7)(skipped.commit)}` : ''} (${formatSize(skipped.bytes)}): ${skipped.reason}.`);
    }
    for (const f of findings) {
        const text = `${f.title}: ${f.redacted} (fingerprint ${f.fingerprint}${f.commit ? `, commit ${(0,revision/* shortRevision */.w7)(f.commit)}` : ''})`;
        if (f.baselined)
            log.info(`baseline: ${f.path}:${f.line}: ${text}`);
        else
            log.error(text, { file: f.path, line: f.line, title: `Secret detected (${f.ruleId})` });
    }
    let sarifPath;
    if (settings.sarifPath) {
        external_node_fs_.mkdirSync(external_node_path_.dirname(settings.sarifPath), { recursive: true });
        external_node_fs_.writeFileSync(settings.sarifPath, `${JSON.stringify(toSarif(findings, SCANNER_VERSION, stats.oversized), null, 2)}\n`);
        sarifPath = settings.sarifPath;
    }
    stats.durationMs = Date.now() - started;
    let comment;
    if (settings.comment) {
        try {
            comment = await (0,report_comment/* upsertComment */.lB)(settings.comment, (0,report_comment/* commentBody */.I2)(findings, stats), newFindings > 0);
            log.info(`Pull-request comment: ${comment.action}.`);
        }
        catch (error) {
            // The comment is a courtesy; the check's verdict and annotations stand without it.
            log.warn(`Could not write the pull-request comment: ${(0,errors/* formatError */.Wk)(error)}`);
        }
    }
    return { mode: settings.mode, findings, newFindings, stats, sarifPath, baselineWritten, comment, notes };
}


/***/ }),

/***/ 7865:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lZ: () => (/* binding */ revisionProblem),
/* harmony export */   vp: () => (/* binding */ revisionArgs),
/* harmony export */   w7: () => (/* binding */ shortRevision)
/* harmony export */ });
// Revisions from inputs and events reach git as arguments. Each is checked as
// a ref name (git check-ref-format rules, plus `~N`/`^N` steps) or an object id
// before anything runs, and passed after `--end-of-options` besides.
/** Why `value` is not a ref name or object id, or undefined when it is one. */
function revisionProblem(value) {
    if (value.startsWith('-'))
        return "starts with '-', so git would read it as an option";
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x20\x7f]/.test(value))
        return 'holds a space or a control character';
    if (/^[0-9a-f]{4,64}$/i.test(value))
        return undefined;
    const name = value.replace(/(?:[~^]\d{0,4})+$/, '');
    if (name === '' || name === '@')
        return 'is not a ref name';
    if (/[~^:?*[\\]/.test(name))
        return "holds one of ~ ^ : ? * [ \\ (not allowed in a ref name)";
    if (name.includes('..') || name.includes('@{') || name.includes('//'))
        return "holds '..', '@{' or '//' (not allowed in a ref name)";
    if (/(?:^|\/)\./.test(name) || /(?:\/|\.|\.lock)$/.test(name) || name.startsWith('/'))
        return "has a part that starts with '.', ends with '/', '.' or '.lock' (not allowed in a ref name)";
    return undefined;
}
/** `a1b2c3d4e5f6` for a full object id (40 or 64 hex), the whole name for a ref. */
function shortRevision(value) {
    return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(value) ? value.slice(0, 12) : value;
}
/**
 * Splits a `git log`/`rev-list` range into options and revisions, so the
 * revisions can follow `--end-of-options`; `--not A B` becomes `^A ^B`.
 */
function revisionArgs(range) {
    const options = [];
    const revisions = [];
    let negate = false;
    for (const part of range) {
        if (part === '--not')
            negate = !negate;
        else if (part.startsWith('--'))
            options.push(part);
        else
            revisions.push(negate ? `^${part}` : part);
    }
    return [...options, '--end-of-options', ...revisions];
}


/***/ })

};
