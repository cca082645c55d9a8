export const id = 840;
export const ids = [840];
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

/***/ 1274:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mt: () => (/* binding */ logoutCommand),
/* harmony export */   Oe: () => (/* binding */ buildCommand),
/* harmony export */   Re: () => (/* binding */ tagImageCommand),
/* harmony export */   Rg: () => (/* binding */ inspectImageCommand),
/* harmony export */   Wf: () => (/* binding */ pushCommand),
/* harmony export */   el: () => (/* binding */ saveImageCommand),
/* harmony export */   nc: () => (/* binding */ loginCommand),
/* harmony export */   z2: () => (/* binding */ loadImageCommand)
/* harmony export */ });
/* unused harmony export pullCommand */
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


/***/ }),

/***/ 4840:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  credentialsHint: () => (/* binding */ credentialsHint),
  parsePushSettings: () => (/* binding */ parsePushSettings),
  pushImage: () => (/* binding */ pushImage),
  pushImageActionFlow: () => (/* binding */ pushImageActionFlow),
  pushImageFlow: () => (/* binding */ pushImageFlow)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __webpack_require__(2738);
// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __webpack_require__(1253);
// EXTERNAL MODULE: ./build/src/image/docker-commands.js
var docker_commands = __webpack_require__(1274);
// EXTERNAL MODULE: ./build/src/image/registry-manifest.js
var registry_manifest = __webpack_require__(2852);
// EXTERNAL MODULE: ./build/src/image/reference.js
var image_reference = __webpack_require__(6950);
// EXTERNAL MODULE: ./build/src/image/registry-probe.js
var registry_probe = __webpack_require__(5839);
;// CONCATENATED MODULE: ./build/src/image/private-registry.js


/**
 * `expect-anonymous-pull: false`: the registry must refuse a pull without credentials.
 * A registry that answers its API to anyone is refused before anything is pushed; one
 * that hands out anonymous tokens (Gitea/Forgejo follow the owning repository's
 * visibility) can only be asked for the pushed digest itself, after the push.
 */
function refuseOpenRegistry(registry, probe) {
    if (probe.ok && probe.auth === 'none') {
        throw new errors/* SlipwayError */.GQ(`Registry ${registry} answers its API without credentials, but expect-anonymous-pull is false: nothing was pushed`, {
            fix: 'Turn authentication back on for this registry, or push to the private one (or set expect-anonymous-pull: true if it is public on purpose)',
        });
    }
}
/** Statuses that mean an anonymous pull is refused; 404 is how some registries hide a private package. */
const REFUSED = new Set([401, 403, 404]);
async function assertAnonymousPullRefused(args) {
    const status = await (0,registry_manifest/* anonymousManifestStatus */.Tz)(args);
    const where = `${args.registry}/${args.repository}@${args.digest}`;
    if (status === 200) {
        throw new errors/* SlipwayError */.GQ(`${where} pulls anonymously (HTTP 200 without credentials), but expect-anonymous-pull is false: the image is pushed and anyone can read it`, {
            fix: 'Make the package private again (Gitea/Forgejo: the owning repository or organisation visibility), or set expect-anonymous-pull: true if it is public on purpose',
        });
    }
    if (!REFUSED.has(status)) {
        throw new errors/* SlipwayError */.GQ(`Could not tell whether ${where} pulls anonymously: the registry answered HTTP ${status}`, { fix: 'Check the registry is up, then run the step again' });
    }
    return `anonymous pull refused: HTTP ${status}`;
}

// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
;// CONCATENATED MODULE: ./build/src/image/push-flow.js












function parsePushSettings(inputs) {
    const listed = inputs.list('tags');
    if (listed.length === 0)
        inputs.fail('tags', 'is required but was empty', "Pass build-image's 'tags' output, or full references like 'registry/app:1.2.3'.");
    const all = listed.map((tag) => {
        const reference = (0,image_reference/* parseImageReference */.o_)(tag);
        if ('error' in reference)
            return inputs.fail('tags', (0,image_reference/* invalidReference */.n3)(tag, reference));
        if (!reference.tag)
            return inputs.fail('tags', `'${tag}' has no tag`, "Give full references like 'registry/app:1.2.3'.");
        return { tag, reference };
    });
    // One build tagged for several registries: each push-image step takes the tags of its registry (and its credentials).
    const allRegistries = [...new Set(all.map(({ reference }) => reference.registry))];
    const chosen = inputs.optional('registry');
    if (!chosen && allRegistries.length > 1) {
        inputs.fail('tags', `spans registries (${allRegistries.join(', ')})`, "Set input 'registry' to the one this step pushes to: one push-image step per registry, each with its own credentials, same tags.");
    }
    const registry = chosen ?? allRegistries[0];
    if (!allRegistries.includes(registry))
        inputs.fail('registry', `is ${registry} but the tags are for ${allRegistries.join(', ')}`, 'Leave it empty when the tags name one registry, or name one of theirs.');
    const mine = all.filter(({ reference }) => reference.registry === registry);
    const tags = mine.map(({ tag }) => tag);
    const parsed = mine.map(({ reference }) => reference);
    const repositories = new Set(parsed.map((reference) => reference.repository));
    if (repositories.size > 1)
        inputs.fail('tags', `mixes repositories (${[...new Set(tags.map(image_reference/* repositoryOf */._M))].join(', ')})`, 'Push one repository per step.');
    const username = inputs.argument('username');
    const password = inputs.secret('password');
    if (password && !username)
        inputs.fail('username', 'is empty while a password is set', 'Set the registry user (for a Gitea/Forgejo registry: the account that owns the token).');
    if (username && !password)
        inputs.fail('password', `is empty for user ${username}`, 'Pass the token from a secret, e.g. ${{ secrets.REGISTRY_TOKEN }}.');
    const verifyPlatform = inputs.string('verify-platform', 'linux/amd64');
    if (verifyPlatform !== 'none' && !image_reference/* KNOWN_PLATFORMS */.PA.includes(verifyPlatform)) {
        inputs.fail('verify-platform', `is an unknown platform (found '${verifyPlatform}')`, `Use one of ${image_reference/* KNOWN_PLATFORMS */.PA.join(', ')}, or none.`);
    }
    const expectAnonymous = inputs.choice('expect-anonymous-pull', ['true', 'false', ''], '');
    const verifyAnonymousPull = inputs.boolean('verify-anonymous-pull', false);
    if (expectAnonymous === 'false' && verifyAnonymousPull) {
        inputs.fail('expect-anonymous-pull', 'is false while verify-anonymous-pull is true', 'Keep one: expect-anonymous-pull true (a public package) or false (a private one).');
    }
    return {
        tags,
        registry,
        repository: parsed[0].repository,
        username,
        password,
        verifyPlatform: verifyPlatform === 'none' ? undefined : verifyPlatform,
        verifyAnonymousPull: verifyAnonymousPull || expectAnonymous === 'true',
        refuseAnonymousPull: expectAnonymous === 'false',
        retry: { ...retry/* NETWORK_RETRY */.WQ, attempts: inputs.integer('retries', retry/* NETWORK_RETRY */.WQ.attempts - 1, { min: 0, max: 10 }) + 1 },
        maxRateLimitWaitMs: inputs.duration('rate-limit-wait', 120_000),
    };
}
const AUTH_FAILURE = /unauthorized|authentication required|denied|forbidden|\b40[13]\b/i;
const RATE_LIMITED = /toomanyrequests|too many requests|\b429\b/i;
const TRANSIENT = /\b5\d\d\b|connection refused|connection reset|i\/o timeout|TLS handshake timeout|unexpected EOF|broken pipe|no such host|server gave HTTP response|EOF$/im;
function credentialsHint(settings) {
    const who = settings.username ? `user '${settings.username}'` : 'anonymous access';
    return `Registry ${settings.registry} refused ${who} (401/403): the password is wrong or the token lacks package write scope. A Gitea/Forgejo job token cannot push packages: use a personal access token with the package scope (write:package)`;
}
async function pushImage(settings, context) {
    const { runner, log } = context;
    const started = Date.now();
    const probe = await (0,registry_probe/* probeRegistry */.k)({ ...settings, log, signal: context.signal });
    if (!probe.ok)
        throw new errors/* SlipwayError */.GQ(`${credentialsHint(settings)} (${probe.reason})`);
    if (settings.refuseAnonymousPull)
        refuseOpenRegistry(settings.registry, probe);
    // A private DOCKER_CONFIG per push: credentials never land in the runner's ~/.docker, and are gone after.
    const dockerConfig = external_node_fs_.mkdtempSync(external_node_path_.join(context.env.RUNNER_TEMP ?? external_node_os_.tmpdir(), 'slipway-docker-config-'));
    external_node_fs_.chmodSync(dockerConfig, 0o700);
    // Holds the registry login: if the run is killed, the post step removes it (docs/cancel.md).
    const settleDockerConfig = (0,leftovers/* recordLeftover */.vy)({ kind: 'dir', path: dockerConfig, what: 'private DOCKER_CONFIG' });
    // 429s are waited out up to input 'rate-limit-wait' in all, not per attempt.
    let rateLimitWaitedMs = 0;
    const classify = (result) => {
        const text = `${result.stderr}\n${result.stdout}`;
        if (AUTH_FAILURE.test(text))
            return false;
        if (RATE_LIMITED.test(text)) {
            const waitMs = Math.min(30_000, settings.maxRateLimitWaitMs - rateLimitWaitedMs);
            if (waitMs <= 0)
                return false;
            rateLimitWaitedMs += waitMs;
            return { waitMs };
        }
        return TRANSIENT.test(text);
    };
    const authHint = (result) => {
        const text = `${result.stderr}\n${result.stdout}`;
        if (AUTH_FAILURE.test(text))
            return credentialsHint(settings);
        if (RATE_LIMITED.test(text)) {
            return `Registry ${settings.registry} kept answering 429 (too many requests) past input 'rate-limit-wait' (${Math.round(settings.maxRateLimitWaitMs / 1000)} s): wait, authenticate for a higher limit, or raise it`;
        }
        return undefined;
    };
    try {
        if (settings.username && settings.password) {
            await runner.run((0,docker_commands/* loginCommand */.nc)(settings.registry, settings.username, settings.password, dockerConfig), {
                retry: settings.retry, isTransient: classify, timeoutMs: 60_000, hint: authHint,
                label: `docker login ${settings.registry} --username ${settings.username} --password-stdin`,
            });
        }
        const pushOptions = { retry: settings.retry, isTransient: classify, timeoutMs: 3_600_000, hint: authHint };
        const digestOf = (tag, pushed, expected) => {
            const found = /digest:\s*(sha256:[a-f0-9]{64})/.exec(pushed.stdout)?.[1];
            if (!found)
                throw new errors/* SlipwayError */.GQ(`Pushing ${tag}: the registry returned no digest`, { fix: 'Check the push output above' });
            if (expected && found !== expected)
                throw new errors/* SlipwayError */.GQ(`Pushing ${tag}: digest ${found} differs from ${expected} of the first tag`);
            return found;
        };
        // The first tag uploads the layers (they are counted there); the others only name the same
        // manifest, so they go at once, side by side and beside the pull checks, which read by digest.
        const [first = '', ...others] = settings.tags;
        const pushed = await log.group(`Push ${first}`, () => runner.run((0,docker_commands/* pushCommand */.Wf)(first, dockerConfig), { ...pushOptions, stream: true }));
        const digest = digestOf(first, pushed);
        const layersUploaded = (pushed.stdout.match(/: Pushed$/gm) ?? []).length;
        const layersReused = (pushed.stdout.match(/: (Layer already exists|Mounted from .*)$/gm) ?? []).length;
        const laterTags = others.map(async (tag) => {
            digestOf(tag, await runner.run((0,docker_commands/* pushCommand */.Wf)(tag, dockerConfig), pushOptions), digest);
            log.info(`Pushed ${tag} (${digest})`);
        });
        const checks = [
            ...(settings.verifyPlatform ? [verifyPull(settings, digest, false, context), ...(settings.verifyAnonymousPull ? [verifyPull(settings, digest, true, context)] : [])] : []),
            ...(settings.refuseAnonymousPull ? [assertAnonymousPullRefused({ registry: settings.registry, repository: settings.repository, digest })] : []),
        ];
        // Every one runs to its end; the first failure in tag order, then check order, is the one reported.
        const settled = await Promise.allSettled([...laterTags, ...checks]);
        const failure = settled.find((outcome) => outcome.status === 'rejected');
        if (failure)
            throw failure.reason;
        const verified = settled.slice(laterTags.length).map((outcome) => outcome.value);
        const imageRef = `${(0,image_reference/* repositoryOf */._M)(first)}@${digest}`;
        return { digest, imageRef, tags: settings.tags, registry: settings.registry, layersUploaded, layersReused, verified, durationMs: Date.now() - started };
    }
    finally {
        if (settings.username)
            await runner.run((0,docker_commands/* logoutCommand */.Mt)(settings.registry, dockerConfig), { allowFailure: true });
        external_node_fs_.rmSync(dockerConfig, { recursive: true, force: true });
        settleDockerConfig();
    }
}
/** Read back by digest from the registry itself and check the platform it serves. */
async function verifyPull(settings, digest, anonymous, context) {
    const how = anonymous ? 'anonymously' : settings.username ? 'with credentials' : 'without credentials';
    const served = await (0,registry_manifest/* readServedImage */.Ve)({
        registry: settings.registry,
        repository: settings.repository,
        digest,
        platform: settings.verifyPlatform ?? 'linux/amd64',
        credentials: !anonymous && settings.username && settings.password ? { username: settings.username, password: settings.password } : undefined,
    });
    if (served.platform !== settings.verifyPlatform) {
        throw new errors/* SlipwayError */.GQ(`Verify: ${settings.repository}@${digest} is ${served.platform}, not ${settings.verifyPlatform}`, { fix: "Build with platforms: linux/amd64 (build-image's default)" });
    }
    context.log.info(`Verified: ${settings.registry}/${settings.repository}@${digest} reads back ${how} as ${served.platform} with all ${served.layers} layers present`);
    return `${how}: ${served.platform}`;
}
const pushImageFlow = {
    command: 'push',
    action: 'push-image',
    describe: 'Push every tag, output the digest, verify a pull by digest (optionally anonymous)',
    parse: (inputs) => parsePushSettings(inputs),
    run: pushImage,
    outputs: (result) => ({
        digest: result.digest,
        'image-ref': result.imageRef,
        tags: result.tags.join('\n'),
        'layers-uploaded': String(result.layersUploaded),
    }),
    summary: (result) => new summary/* Summary */.BD()
        .heading('Image pushed')
        .table(['image', 'digest', 'layers uploaded', 'layers reused', 'verified', 'time'], [[
            (0,image_reference/* repositoryOf */._M)(result.tags[0] ?? ''), `\`${result.digest}\``, String(result.layersUploaded), String(result.layersReused),
            result.verified.join('; ') || 'skipped', `${(result.durationMs / 1000).toFixed(1)} s`,
        ]]),
};
/**
 * The action's form of push-image: a failed push still writes a job summary saying which image,
 * which registry and why (a thrown error leaves the edge no result to summarise). The CLI and the
 * pipeline keep the throwing form, whose error they report themselves.
 */
const pushImageActionFlow = {
    ...pushImageFlow,
    run: async (settings, context) => {
        const started = Date.now();
        try {
            return await pushImage(settings, context);
        }
        catch (error) {
            return {
                digest: '', imageRef: '', tags: settings.tags, registry: settings.registry, layersUploaded: 0, layersReused: 0, verified: [],
                durationMs: Date.now() - started, failure: (0,errors/* formatError */.Wk)(error, context.env.RUNNER_DEBUG === '1'),
            };
        }
    },
    outputs: (result) => (result.failure ? {} : pushImageFlow.outputs(result)),
    summary: (result) => (result.failure
        ? new summary/* Summary */.BD().heading('Image push failed').table(['tags', 'registry', 'time', 'failure'], [[
                result.tags.join(', '), result.registry, `${(result.durationMs / 1000).toFixed(1)} s`, result.failure.split('\n')[0] ?? '',
            ]])
        : pushImageFlow.summary(result)),
    failure: (result) => result.failure,
};


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


/***/ })

};
