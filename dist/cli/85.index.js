export const id = 85;
export const ids = [85];
export const modules = {

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


/***/ })

};
