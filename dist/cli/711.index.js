export const id = 711;
export const ids = [711];
export const modules = {

/***/ 5531:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ HttpRequestError),
/* harmony export */   aj: () => (/* binding */ httpRequest)
/* harmony export */ });
/* unused harmony exports hostPort, describeTarget, secureContextFor */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1692);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3026);





/** No (complete) answer. The message names what was asked and where (host:port), never a header or a query. */
class HttpRequestError extends _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SlipwayError */ .GQ {
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
    return node_net__WEBPACK_IMPORTED_MODULE_2__.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
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
async function httpRequest(target, options) {
    const deadline = Date.now() + options.timeoutMs;
    const first = new URL(target);
    if (first.protocol !== 'http:' && first.protocol !== 'https:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SlipwayError */ .GQ(`Cannot request ${first.protocol} URLs (only http and https)`);
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
        if (!node_net__WEBPACK_IMPORTED_MODULE_2__.isIP(name))
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
        const request = (secure ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request(requestOptions, (response) => {
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
        context = node_tls__WEBPACK_IMPORTED_MODULE_3__.createSecureContext({ ca: [...node_tls__WEBPACK_IMPORTED_MODULE_3__.rootCertificates, ...extraCa] });
        contexts.set(key, context);
    }
    return context;
}


/***/ }),

/***/ 6154:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rx: () => (/* binding */ parseAssertionObject),
/* harmony export */   aP: () => (/* binding */ AssertionSyntaxError),
/* harmony export */   nD: () => (/* binding */ checkAssertion),
/* harmony export */   oS: () => (/* binding */ parseAssertionExpression),
/* harmony export */   rE: () => (/* binding */ looselyEquals),
/* harmony export */   vp: () => (/* binding */ showValue)
/* harmony export */ });
/* harmony import */ var _user_pattern_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5627);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5075);
/* harmony import */ var _json_path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8037);



/** A problem with how an assertion is written; the caller names the check and the input. */
class AssertionSyntaxError extends Error {
    fix;
    constructor(message, fix) {
        super(message);
        this.fix = fix;
    }
}
const SYMBOLS = { '==': 'equals', '!=': 'not-equals', '<': 'lt', '>': 'gt' };
const OPERATOR_WORDS = [...Object.keys(SYMBOLS), ..._check_js__WEBPACK_IMPORTED_MODULE_0__/* .JSON_OPERATORS */ .XL];
const EXPRESSION_FIX = 'Write `<path> <operator> <value>`, e.g. `version == 1.4.2`, `database != disconnected`, `uptime > 0`, `build exists`; operators: ==, !=, <, >, contains, matches, exists.';
/** `version == 1.4.2`, `tags contains beta`, `commit matches ^[0-9a-f]{7}`, `db exists`. */
function parseAssertionExpression(text) {
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(text.trim());
    if (!match)
        throw new AssertionSyntaxError(`assertion '${text}' is not understood (expected <path> <operator> <value>)`, EXPRESSION_FIX);
    const [, path = '', word = '', value] = match;
    const operator = SYMBOLS[word] ?? _check_js__WEBPACK_IMPORTED_MODULE_0__/* .JSON_OPERATORS */ .XL.find((op) => op === word);
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
    const unknown = keys.filter((key) => !_check_js__WEBPACK_IMPORTED_MODULE_0__/* .JSON_OPERATORS */ .XL.includes(key));
    if (unknown.length > 0 || keys.length !== 1) {
        throw new AssertionSyntaxError(`assertion ${text} needs exactly one operator (found ${keys.length ? keys.join(', ') : 'none'}, expected one of ${_check_js__WEBPACK_IMPORTED_MODULE_0__/* .JSON_OPERATORS */ .XL.join(', ')})`, 'Write e.g. `{ path: version, equals: 1.4.2 }` or `{ path: build, exists: true }`.');
    }
    const operator = keys[0];
    const value = entry[operator];
    if (value !== null && typeof value === 'object') {
        throw new AssertionSyntaxError(`assertion ${text} compares with a list or map`, 'Compare with one value (a string, number or boolean).');
    }
    return buildAssertion(path, operator, value === null || value === undefined ? '' : String(value), `${path} ${operator} ${value ?? ''}`.trim());
}
function buildAssertion(path, operator, expected, text) {
    if (!(0,_json_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonPath */ .H)(path)) {
        throw new AssertionSyntaxError(`assertion '${text}' has a path that is not understood (found '${path}')`, 'Write a path like `version`, `data.version`, `checks[0].status` or `$.build["git-sha"]`.');
    }
    const assertion = { path, operator, expected, text };
    switch (operator) {
        case 'matches':
            {
                const pattern = (0,_user_pattern_js__WEBPACK_IMPORTED_MODULE_2__/* .compileUserPattern */ .b)(expected);
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
    const segments = (0,_json_path_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonPath */ .H)(assertion.path) ?? [];
    const lookup = (0,_json_path_js__WEBPACK_IMPORTED_MODULE_1__/* .lookupJsonPath */ .c)(document, segments);
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


/***/ }),

/***/ 5075:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W_: () => (/* binding */ statusMatches),
/* harmony export */   Wn: () => (/* binding */ describeStatus),
/* harmony export */   XL: () => (/* binding */ JSON_OPERATORS),
/* harmony export */   bd: () => (/* binding */ ANY_SUCCESS)
/* harmony export */ });
const ANY_SUCCESS = { codes: [], classes: [2] };
const JSON_OPERATORS = ['equals', 'not-equals', 'contains', 'matches', 'exists', 'lt', 'gt'];
function describeStatus(expect) {
    return [...expect.codes.map(String), ...expect.classes.map((c) => `${c}xx`)].join(' or ');
}
function statusMatches(expect, status) {
    return expect.codes.includes(status) || expect.classes.includes(Math.floor(status / 100));
}


/***/ }),

/***/ 7682:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Jl: () => (/* binding */ evaluateAttempt)
});

// UNUSED EXPORTS: BODY_EXCERPT_CHARS, excerpt

// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __webpack_require__(3092);
// EXTERNAL MODULE: ./build/src/smoke/assertions.js
var assertions = __webpack_require__(6154);
// EXTERNAL MODULE: ./build/src/smoke/check.js
var smoke_check = __webpack_require__(5075);
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

// EXTERNAL MODULE: ./build/src/smoke/json-path.js
var json_path = __webpack_require__(8037);
;// CONCATENATED MODULE: ./build/src/smoke/evaluate.js





/** Response bodies appear in messages only this long. */
const BODY_EXCERPT_CHARS = 200;
function evaluateAttempt(check, result, options = {}) {
    if (!result.ok) {
        return { passed: false, latencyMs: result.latencyMs, problems: [result.message], failureKind: result.kind };
    }
    const problems = [];
    const verdict = { passed: false, latencyMs: result.latencyMs, status: result.status, problems };
    if (!(0,smoke_check/* statusMatches */.W_)(check.expectStatus, result.status)) {
        problems.push(`expected status ${(0,smoke_check/* describeStatus */.Wn)(check.expectStatus)}, got ${result.status}`);
    }
    const document = parseJsonBody(result.body, result.contentType);
    if (document.parsed) {
        if (check.healthDocument) {
            const health = judgeHealthDocument(document.value);
            verdict.health = health.kind;
            if (health.kind === 'fail')
                problems.push(`the health document reports failure (${health.form})`);
        }
        const segments = (0,json_path/* parseJsonPath */.H)(check.versionPath);
        const version = segments ? (0,json_path/* lookupJsonPath */.c)(document.value, segments) : undefined;
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
        else if (!(0,assertions/* looselyEquals */.rE)(verdict.versionSeen, check.expectVersion)) {
            verdict.staleVersion = true;
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', got '${verdict.versionSeen}'`);
        }
    }
    if (check.json.length > 0) {
        if (!document.parsed)
            problems.push(`expected a JSON body for ${check.json.map((a) => `'${a.text}'`).join(', ')}, but it is not JSON`);
        else
            for (const assertion of check.json) {
                const problem = (0,assertions/* checkAssertion */.nD)(assertion, document.value);
                if (problem)
                    problems.push(problem);
            }
    }
    for (const text of check.bodyContains) {
        if (!result.body.includes(text))
            problems.push(`expected the body to contain ${(0,assertions/* showValue */.vp)(text)}`);
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


/***/ }),

/***/ 8692:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EP: () => (/* binding */ resolveDialTarget),
/* harmony export */   dy: () => (/* binding */ probe),
/* harmony export */   ri: () => (/* binding */ describeDialTarget)
/* harmony export */ });
/* unused harmony exports MAX_BODY_BYTES, classify */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(643);
/* harmony import */ var _core_http_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5531);



/** Bodies beyond this are cut: a health check that answers megabytes is itself a finding. */
const MAX_BODY_BYTES = 1024 * 1024;
const TLS_CODES = new Set([
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
    const address = (host, port) => (node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`);
    return dial.intended && dial.via ? `${address(dial.intended.host, dial.intended.port)} (${dial.via})` : address(dial.host, dial.port);
}
/** One request, through the core HTTP client so TLS, CA bundles, SNI and the dialled address are ours to set. */
async function probe(check, transport) {
    const url = new URL(check.url);
    const secure = url.protocol === 'https:';
    const dial = resolveDialTarget(url, check, transport.connect);
    const dialled = describeDialTarget(dial);
    const headers = { host: url.host, 'user-agent': 'slipway-smoke', accept: 'application/health+json, application/json;q=0.9, */*;q=0.8', ...check.headers };
    const started = node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now();
    try {
        // A redirect is an answer to judge, not to follow; a body past the cap is cut and reported.
        const response = await (0,_core_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .httpRequest */ .aj)(url, {
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
            latencyMs: node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - started,
        };
    }
    catch (error) {
        if (!(error instanceof _core_http_request_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpRequestError */ .Ci))
            throw error;
        const cause = error.kind === 'timeout' || !(error.cause instanceof Error)
            ? Object.assign(new Error(error.kind === 'timeout' ? `no complete answer within ${transport.requestTimeoutMs} ms` : error.message), { code: error.code })
            : error.cause;
        // A tunnel accepts locally and then closes when the far end refuses: that is a refusal.
        if (dial.via && !error.answered && (cause.code === 'ECONNRESET' || cause.code === 'EPIPE'))
            cause.code = 'ECONNREFUSED';
        return classify(cause, node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - started, dialled);
    }
}
function classify(error, latencyMs, dialled) {
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
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
        return { ...base, kind: 'tls', message: `TLS verification failed (${code}: ${error.message})` };
    }
    return { ...base, kind: 'other', message: `${code}: ${error.message}` };
}


/***/ }),

/***/ 8037:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ parseJsonPath),
/* harmony export */   c: () => (/* binding */ lookupJsonPath)
/* harmony export */ });
function parseJsonPath(path) {
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


/***/ }),

/***/ 6067:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ readinessDelay),
/* harmony export */   b: () => (/* binding */ waitUntilReady)
/* harmony export */ });
/* harmony import */ var _core_runner_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2738);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7682);
/* harmony import */ var _http_probe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8692);



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
        last = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateAttempt */ .Jl)(check, await (0,_http_probe_js__WEBPACK_IMPORTED_MODULE_1__/* .probe */ .dy)(check, transport));
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
            await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy)(options.confirmIntervalMs);
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
        await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy)(Math.min(readinessDelay(options, failuresInRow), deadline - now));
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
        const dial = (0,_http_probe_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveDialTarget */ .EP)(new URL(check.url), check, facts.transport.connect);
        return `connection refused until the deadline (${over}): nothing accepted connections on ${(0,_http_probe_js__WEBPACK_IMPORTED_MODULE_1__/* .describeDialTarget */ .ri)(dial)}`;
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


/***/ }),

/***/ 5627:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ compileUserPattern)
/* harmony export */ });
/* harmony import */ var re2js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2856);

/**
 * A user's regular expression, compiled for RE2 (linear time in the input):
 * `(a+)+$` against a long body takes microseconds, not the event loop, so the
 * check's timeout always fires. RE2 has no backreferences or lookaround; a
 * pattern using them is an error the caller turns into an input error.
 */
function compileUserPattern(source) {
    try {
        const compiled = re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.compile(source);
        return { source, test: (text) => compiled.test(text) };
    }
    catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        return { error: message.slice(0, 120) };
    }
}


/***/ }),

/***/ 7253:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ askpassScript),
/* harmony export */   TB: () => (/* binding */ hostKeyScript),
/* harmony export */   W2: () => (/* binding */ isTrusted),
/* harmony export */   XL: () => (/* binding */ isEncryptedPrivateKey),
/* harmony export */   ax: () => (/* binding */ fingerprintOf),
/* harmony export */   iZ: () => (/* binding */ knownHostsProblem),
/* harmony export */   kh: () => (/* binding */ parseHostKeyLines),
/* harmony export */   o6: () => (/* binding */ FINGERPRINT_PATTERN)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
function fingerprintOf(base64Key) {
    const digest = node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64');
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


/***/ }),

/***/ 7183:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseSshInputs),
/* harmony export */   h: () => (/* binding */ SSH_INPUT_NAMES)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3092);
/* harmony import */ var _host_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7253);




/** The SSH inputs every action that reaches a host shares. */
const SSH_INPUT_NAMES = [
    'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
    'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout',
];
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
    if (!passphrase && (0,_host_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .isEncryptedPrivateKey */ .XL)(privateKey)) {
        inputs.fail('passphrase', 'is empty but private-key is encrypted, so ssh could not use it', 'Pass the key\'s passphrase from a secret in passphrase, or use a deploy key without one.');
    }
    const knownHosts = readTextOrPath(inputs, 'known-hosts');
    const badLine = knownHosts === undefined ? undefined : (0,_host_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .knownHostsProblem */ .iZ)(knownHosts);
    if (badLine)
        inputs.fail('known-hosts', `line ${badLine.line} ${badLine.problem}`, 'Use the output of `ssh-keyscan -p PORT HOST` (checked against the host\'s own key), one key per line.');
    const fingerprints = inputs.list('host-fingerprint');
    for (const fingerprint of fingerprints) {
        if (!_host_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .FINGERPRINT_PATTERN */ .o6.test(fingerprint)) {
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
    return value.startsWith('~/') ? `${node_os__WEBPACK_IMPORTED_MODULE_1__.homedir()}${value.slice(1)}` : value;
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
            content = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(expandHome(raw.trim()), 'utf8');
        }
        catch (error) {
            inputs.fail(name, `names a file that cannot be read (found '${raw.trim()}': ${error.code})`);
        }
    }
    (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl)(content);
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
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(expandHome(raw), 'utf8');
    }
    catch (error) {
        return inputs.fail(name, `names a file that cannot be read (found '${raw}': ${error.code})`);
    }
}


/***/ }),

/***/ 6651:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X: () => (/* binding */ openSshSession)
});

// UNUSED EXPORTS: sessionRoot

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __webpack_require__(3092);
// EXTERNAL MODULE: ./build/src/ssh/commands.js
var commands = __webpack_require__(5632);
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

// EXTERNAL MODULE: ./build/src/ssh/host-keys.js
var host_keys = __webpack_require__(7253);
// EXTERNAL MODULE: ./build/src/ssh/target.js
var ssh_target = __webpack_require__(791);
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
    (0,secrets/* registerSecret */.cl)(target.privateKey);
    (0,secrets/* registerSecret */.cl)(target.passphrase);
    const root = sessionRoot();
    await promises_.mkdir(root, { recursive: true });
    const dir = await promises_.mkdtemp(external_node_path_.join(root, 'slipway-ssh-'));
    await promises_.chmod(dir, 0o700);
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
        await writePrivate(this.paths.hostKeyScript, (0,host_keys/* hostKeyScript */.TB)(dir), 0o700);
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
        await writePrivate(`${dir}/askpass`, (0,host_keys/* askpassScript */.C)(dir), 0o700);
        const added = await this.runner.run((0,commands/* agentAddCommand */.GX)(this.paths, `${dir}/askpass`, AGENT_KEY_LIFETIME_S), {
            timeoutMs: 15_000, allowFailure: true, label: 'ssh-add (private key)',
        });
        await promises_.rm(`${dir}/passphrase`, { force: true });
        if (added.exitCode !== 0) {
            throw new SshConnectError(this.name, 'the private key could not be unlocked with the passphrase', 'Check the passphrase secret belongs to private-key.');
        }
        // The agent holds the key now; ssh only needs its public half to pick it.
        const listed = await this.runner.run((0,commands/* agentListCommand */.Lo)(this.paths), { timeoutMs: 10_000, label: 'ssh-add -L' });
        await writePrivate(this.paths.identityFile, listed.stdout);
        await promises_.rm(`${dir}/id`, { force: true });
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
        const text = await promises_.readFile(`${this.paths.dir}/offered-keys`, 'utf8').catch(() => '');
        return (0,host_keys/* parseHostKeyLines */.kh)(text);
    }
    async warnIfTrustedOnFirstUse() {
        if (!(0,ssh_target/* acceptsUnknownKeys */.cv)(this.target.hostKeys))
            return;
        const staticKeys = (0,host_keys/* parseHostKeyLines */.kh)(this.target.hostKeys.knownHosts ?? '');
        for (const key of await this.offeredKeys()) {
            if ((0,host_keys/* isTrusted */.W2)(key, staticKeys, this.target.hostKeys.fingerprints ?? []))
                continue;
            this.log.warn(`${this.name}: trusted the host key on first use (${key.type} ${(0,host_keys/* fingerprintOf */.ax)(key.base64)}) without checking it. ` +
                `Pin it to be safe: host-fingerprint: ${(0,host_keys/* fingerprintOf */.ax)(key.base64)}`);
        }
    }
    async explainConnectFailure(result) {
        const stderr = result.stderr.trim();
        const offered = await this.offeredKeys();
        const staticKeys = (0,host_keys/* parseHostKeyLines */.kh)(this.target.hostKeys.knownHosts ?? '');
        const untrusted = offered.filter((key) => !(0,host_keys/* isTrusted */.W2)(key, staticKeys, this.target.hostKeys.fingerprints ?? []));
        if (untrusted.length > 0 && !(0,ssh_target/* acceptsUnknownKeys */.cv)(this.target.hostKeys)) {
            return new HostKeyError(untrusted[0]?.hostName ?? this.name, untrusted.map((key) => ({
                type: key.type, fingerprint: (0,host_keys/* fingerprintOf */.ax)(key.base64), line: `${key.hostName} ${key.type} ${key.base64}`,
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
        await promises_.rm(this.paths.dir, { recursive: true, force: true });
        this.settleLeftover();
    }
}
async function writePrivate(file, content, mode = 0o600) {
    await promises_.writeFile(file, content, { mode });
    await promises_.chmod(file, mode);
}
/** Polls until `pid` no longer runs (a zombie counts as gone), then SIGKILLs it if it still does. */
async function waitUntilGone(pid, timeoutMs) {
    const running = async () => {
        try {
            return !/^State:\s+Z/m.test(await promises_.readFile(`/proc/${pid}/status`, 'utf8'));
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


/***/ })

};
