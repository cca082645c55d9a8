export const id = 855;
export const ids = [855];
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

/***/ 9855:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I2: () => (/* binding */ commentBody),
/* harmony export */   iS: () => (/* binding */ commentRequests),
/* harmony export */   lB: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export COMMENT_MARKER */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
/* harmony import */ var _core_http_request_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5531);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1253);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8706);




/** Finds our own comment again, so a re-run updates it instead of adding another. */
const COMMENT_MARKER = '<!-- slipway:secret-scan -->';
function commentBody(findings, stats) {
    return `${COMMENT_MARKER}\n${(0,_core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .renderMarkdown */ .Gc)((0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .scanSummary */ .yK)(findings.filter((f) => !f.baselined), stats))}`;
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlipwayError */ .GQ(`secret-scan: ${request.method} ${request.url} answered ${response.status} ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Give the token permission to write pull-request comments (GitHub: `permissions: pull-requests: write`)' : undefined,
        });
    }
    return response.json();
}
/**
 * One comment per pull request: updated when it exists, created only when
 * there is something to say (no "all clear" noise on clean PRs).
 */
async function upsertComment(target, body, hasFindings, transport = _core_http_request_js__WEBPACK_IMPORTED_MODULE_3__/* .httpRequest */ .aj, budget = {}) {
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


/***/ }),

/***/ 8706:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QM: () => (/* binding */ MAX_SKIPPED_ROWS),
/* harmony export */   yK: () => (/* binding */ scanSummary)
/* harmony export */ });
/* unused harmony export findingRows */
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1253);

/** How many skipped files a summary names (the SARIF file names them all). */
const MAX_SKIPPED_ROWS = 20;
const MAX_ROWS = 100;
function findingRows(findings, history) {
    return findings.slice(0, MAX_ROWS).map((f) => [
        f.baselined ? 'baseline' : 'new',
        f.ruleId,
        `${f.path}:${f.line}`,
        f.commit ? f.commit.slice(0, 12) : '',
        f.redacted,
        f.fingerprint,
        ...(history ? [f.inTree ? 'yes' : 'no'] : []),
    ]);
}
function scanSummary(findings, stats, extra = []) {
    const fresh = findings.filter((f) => !f.baselined).length;
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .Summary */ .BD().heading(`Secret scan (${stats.mode}): ${fresh === 0 ? 'no new secrets' : `${fresh} new secret${fresh === 1 ? '' : 's'}`}`);
    const what = stats.commits > 0 ? `${stats.commits} commit(s), ${stats.files} file change(s)` : `${stats.files} file(s)`;
    summary.text(`Scanned ${what}, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB in ${(stats.durationMs / 1000).toFixed(2)} s; ${findings.length} finding(s), ${findings.length - fresh} in the baseline${stats.skipped ? `; ${stats.skipped} binary or oversized file(s) skipped` : ''}.`);
    if (findings.length > 0) {
        const history = stats.mode === 'history';
        summary.table(['status', 'rule', 'where', 'commit', 'secret (redacted)', 'fingerprint', ...(history ? ['still in tree'] : [])], findingRows(findings, history));
        if (findings.length > MAX_ROWS)
            summary.text(`… and ${findings.length - MAX_ROWS} more (see the SARIF file).`);
        if (fresh > 0)
            summary.text('Revoke each new credential at its provider first, then remove it from the code. A false alarm: add `slipway:allow` to the line, or record it with `write-baseline: true`.');
    }
    const oversized = stats.oversized ?? [];
    if (oversized.length > 0) {
        summary.text(`${oversized.length} file(s) were not scanned because of their size, so a secret in them would be missed:`);
        summary.table(['file', 'commit', 'size', 'why, and what changes it'], oversized.slice(0, MAX_SKIPPED_ROWS).map((f) => [
            f.path, f.commit ? f.commit.slice(0, 12) : '', `${(f.bytes / 1024 / 1024).toFixed(1)} MB`, f.reason,
        ]));
        if (oversized.length > MAX_SKIPPED_ROWS)
            summary.text(`… and ${oversized.length - MAX_SKIPPED_ROWS} more (see the SARIF file).`);
    }
    for (const line of extra)
        summary.text(line);
    return summary;
}


/***/ })

};
