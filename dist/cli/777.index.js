export const id = 777;
export const ids = [777];
export const modules = {

/***/ 8949:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ DEPENDENCY_FILES),
/* harmony export */   d: () => (/* binding */ parseBuildSettings)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3010);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6950);




/** Files whose change means new dependencies (a new dependency layer). */
const DEPENDENCY_FILES = [
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'requirements.txt',
    'poetry.lock', 'Pipfile.lock', 'uv.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'mix.lock',
    'pom.xml', 'build.gradle', 'build.gradle.kts', 'deps.txt',
];
const SECRET_LOOKING = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
function parseBuildSettings(inputs, workDir) {
    const image = inputs.required('image', "Set it to the repository to build, e.g. 'git.example.com/team/app'.");
    const parsed = (0,_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(image);
    if ('error' in parsed)
        inputs.fail('image', parsed.error);
    if (parsed.tag || parsed.digest)
        inputs.fail('image', `names a tag or digest (found '${image}')`, "Give the repository only; tags come from git and input 'tags'.");
    // Absolute after resolving, so the build's one positional argument can never read as an option.
    const context = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(workDir, inputs.string('context', '.'));
    if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(context) || !node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(context).isDirectory()) {
        inputs.fail('context', `directory ${context} does not exist`, 'Point it at the folder with your Dockerfile (relative to the workspace), and check out the repository first.');
    }
    const dockerfile = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(context, inputs.string('dockerfile', 'Dockerfile'));
    if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(dockerfile) || !node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(dockerfile).isFile()) {
        inputs.fail('dockerfile', `file ${dockerfile} does not exist`, "Set it to the Dockerfile's path relative to the context.");
    }
    const platforms = inputs.list('platforms');
    if (platforms.length === 0)
        platforms.push('linux/amd64');
    for (const platform of platforms) {
        if (!_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .KNOWN_PLATFORMS */ .PA.includes(platform)) {
            inputs.fail('platforms', `has an unknown platform (found '${platform}', expected one of ${_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .KNOWN_PLATFORMS */ .PA.join(', ')})`);
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
    const badTags = (0,_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidTags */ .rx)(extraTags);
    if (badTags.length) {
        inputs.fail('tags', `has a tag a registry would refuse (found '${badTags[0]}')`, 'Tags use letters, digits, _ . - only, at most 128 characters, not starting with . or -.');
    }
    const extraReferences = entries.filter((entry) => /[/:@]/.test(entry)).map((entry) => {
        const reference = (0,_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(entry);
        if ('error' in reference)
            return inputs.fail('tags', (0,_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .invalidReference */ .n3)(entry, reference));
        if (reference.digest) {
            return inputs.fail('tags', `names a digest (found '${entry}'), which is known only once the image is pushed`, "Give 'registry/app' (every tag of this build there too) or 'registry/app:tag'.");
        }
        return { repository: (0,_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryOf */ ._M)(entry), tag: reference.tag };
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

/***/ 3010:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $o: () => (/* binding */ computeTags),
/* harmony export */   E4: () => (/* binding */ versionOf),
/* harmony export */   Ef: () => (/* binding */ imageReferences),
/* harmony export */   rx: () => (/* binding */ invalidTags)
/* harmony export */ });
/* unused harmony export sanitizeTag */
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6950);

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
    return tags.filter((tag) => !(0,_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidTag */ .r_)(tag));
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


/***/ }),

/***/ 3942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ LINKS),
/* harmony export */   JW: () => (/* binding */ ACTION_OF),
/* harmony export */   VZ: () => (/* binding */ sourceName),
/* harmony export */   c_: () => (/* binding */ routeInput),
/* harmony export */   mj: () => (/* binding */ DERIVED)
/* harmony export */ });
/* unused harmony exports LINK_INPUTS, NOT_CHAINED, PIPELINE_INPUTS, pipelineInputNames, linksOf */
/**
 * Which of the pipeline's inputs reach which link. Every input of the four
 * chained actions can be passed to the pipeline by its own name; a name that
 * several links declare (the SSH inputs, `version`) reaches each of them, since
 * it means the same thing there. A `<link>-<name>` form (`smoke-timeout`,
 * `deploy-env`) reaches one link only and wins over the plain name: that is how
 * slipway.yml's per-command sections and the rare ambiguity are expressed.
 */
const LINKS = ['build', 'push', 'deploy', 'smoke'];
/** The inputs each chained action declares (kept equal to actions/<name>/action.yml by a unit test). */
const LINK_INPUTS = {
    build: ['image', 'context', 'dockerfile', 'platforms', 'tags', 'latest', 'version', 'build-args', 'build-secrets', 'labels', 'target',
        'network', 'layer-cache', 'no-cache', 'cache-key-files'],
    push: ['tags', 'registry', 'username', 'password', 'verify-platform', 'verify-anonymous-pull', 'expect-anonymous-pull', 'retries', 'rate-limit-wait'],
    deploy: ['strategy', 'mode', 'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
        'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout', 'app-dir', 'version', 'env', 'service', 'image',
        'compose-file', 'compose-project', 'env-file', 'pull', 'pre-deploy', 'artifact', 'shared', 'pre-promote', 'restart',
        'keep-releases', 'lock-file', 'deploy-log', 'release-name', 'script', 'image-variable', 'shell', 'script-file', 'create-app-dir', 'health-url', 'health-expect', 'health-timeout', 'batch-size', 'lock-timeout', 'lock-stale-after',
        'stack', 'stack-file', 'swarm-service', 'parallelism', 'swarm-timeout', 'swarm-secrets',
        'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
        'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout',
        'cloudron-origin', 'cloudron-token', 'cloudron-app', 'cloudron-location', 'cloudron-manifest', 'cloudron-backup', 'cloudron-task-timeout',
        'cloudron-poll-interval', 'cloudron-verify-anonymous-pull', 'rollback-on-failure', 'ca-cert', 'connect-to', 'cloudron-version-path'],
    smoke: ['url', 'expect-version', 'version-path', 'checks', 'checks-file', 'expect-status', 'headers', 'secret-headers', 'max-latency',
        'timeout', 'request-timeout', 'consecutive-passes', 'max-retry-interval', 'ca-cert', 'connect-to', 'soak-requests', 'soak-duration',
        'soak-concurrency', 'soak-max-p95', 'soak-max-error-rate', 'via-ssh', 'host', 'port', 'user', 'private-key', 'passphrase',
        'known-hosts', 'host-fingerprint', 'trust-on-first-use', 'jump-host', 'connect-timeout'],
};
/**
 * Inputs of a chained action that the pipeline never passes on: ssh-deploy's
 * `mode: preview` ones (the pipeline deploys; a preview is its own step).
 */
const NOT_CHAINED = {
    deploy: ['preview-action', 'pr-number', 'preview-domain', 'preview-env-template', 'preview-seed', 'preview-port-base', 'max-previews', 'forge-token', 'sha'],
};
const ACTION_OF = { build: 'build-image', push: 'push-image', deploy: 'ssh-deploy', smoke: 'smoke-test' };
/**
 * Plain names that the chain fills in for a link instead of passing through:
 * push's `tags` are build-image's output, deploy's `image` is push-image's
 * digest-pinned reference. (`tags` and `image` plain reach build-image only.)
 */
const DERIVED = {
    push: ['tags'],
    deploy: ['image'],
};
/** The pipeline's own inputs (not any link's). */
const PIPELINE_INPUTS = (/* unused pure expression or super */ null && (['deploy-image', 'check-version', 'rollback-on-failure', 'dry-run']));
/** Every plain name the pipeline accepts: what the root action.yml declares. */
function pipelineInputNames() {
    const names = new Set();
    for (const link of LINKS)
        for (const name of LINK_INPUTS[link])
            names.add(name);
    for (const name of PIPELINE_INPUTS)
        names.add(name);
    return [...names];
}
/** The links that read a plain name. */
function linksOf(name) {
    return LINKS.filter((link) => LINK_INPUTS[link].includes(name) && !DERIVED[link]?.includes(name));
}
/**
 * The value one link sees for one of its inputs: the chain's own value first
 * (when it has one), then `<link>-<name>`, then the plain name (unless the
 * chain derives that name for this link).
 */
function routeInput(get, link, name, derived = {}) {
    if (!LINK_INPUTS[link].includes(name))
        return undefined;
    if (derived[name] !== undefined)
        return derived[name];
    const prefixed = get(`${link}-${name}`);
    if (prefixed !== undefined && prefixed.trim() !== '')
        return prefixed;
    if (DERIVED[link]?.includes(name))
        return undefined;
    return get(name);
}
/** Where a routed input came from, for error messages: `input 'smoke-timeout'` when the prefixed form was set. */
function sourceName(get, link, name) {
    const prefixed = get(`${link}-${name}`);
    return prefixed !== undefined && prefixed.trim() !== '' ? `${link}-${name}` : name;
}


/***/ }),

/***/ 8777:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MM: () => (/* binding */ planSummary),
/* harmony export */   aw: () => (/* binding */ planPipeline),
/* harmony export */   bJ: () => (/* binding */ planDeploy),
/* harmony export */   fo: () => (/* binding */ deployPlanSummary)
/* harmony export */ });
/* unused harmony export planHosts */
/* harmony import */ var _core_command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9764);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1253);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2141);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2164);
/* harmony import */ var _image_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1274);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(791);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8667);






const planned = (value) => value.replace(new RegExp(_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .PLANNED */ .TZ, 'g'), '<version>');
function planPipeline(settings) {
    const version = settings.version ?? (settings.mode === 'rollback' ? 'the previous version on each host' : '<version from git>');
    const steps = [];
    const { build, push, deploy, smoke } = settings;
    if (build && push) {
        const reference = `${build.image}:${settings.version ?? _settings_js__WEBPACK_IMPORTED_MODULE_0__/* .PLANNED */ .TZ}`;
        const command = (0,_image_index_js__WEBPACK_IMPORTED_MODULE_1__/* .buildCommand */ .Oe)({
            references: [reference, ...build.extraTags.map((tag) => `${build.image}:${tag}`)], platforms: build.platforms, dockerfile: build.dockerfile,
            context: build.context, labels: build.labels, buildArgs: build.buildArgs,
            secretFiles: Object.fromEntries(Object.keys(build.buildSecrets).map((id) => [id, `<0600 file with secret ${id}>`])),
            target: build.target, network: build.network, noCache: build.noCache, iidFile: '<temp>/iid',
        }, { kind: 'classic', docker: 'docker', canExportCache: false });
        steps.push({ step: 'build-image', what: `${build.image} for ${build.platforms.join(', ')}, tagged from git and ${settings.version ?? '<version>'} (buildx or the classic builder, detected at run time)`, commands: [planned((0,_core_command_js__WEBPACK_IMPORTED_MODULE_2__/* .describeCommand */ .vL)(command))] });
        steps.push({
            step: 'push-image', what: `every tag to ${push.registry}; verify a pull by digest${push.verifyPlatform ? ` as ${push.verifyPlatform}` : ''}`,
            commands: [
                ...(push.username ? [(0,_core_command_js__WEBPACK_IMPORTED_MODULE_2__/* .describeCommand */ .vL)((0,_image_index_js__WEBPACK_IMPORTED_MODULE_1__/* .loginCommand */ .nc)(push.registry, push.username, '', '<private DOCKER_CONFIG>'))] : []),
                planned((0,_core_command_js__WEBPACK_IMPORTED_MODULE_2__/* .describeCommand */ .vL)((0,_image_index_js__WEBPACK_IMPORTED_MODULE_1__/* .pushCommand */ .Wf)(reference, '<private DOCKER_CONFIG>'))),
            ],
        });
    }
    else if (settings.mode === 'deploy') {
        steps.push({ step: 'build-image, push-image', what: settings.deployImage ? `skipped: deploying ${settings.deployImage}` : `skipped: the ${deploy.strategy} strategy ships no image`, commands: [] });
    }
    const image = settings.deployImage ?? (build ? `${build.image}@<digest pushed>` : undefined);
    steps.push({
        step: 'ssh-deploy',
        what: `${deploy.mode === 'rollback' ? 'roll back' : `deploy ${image ?? version}`} with ${deploy.strategy} to ${deploy.ssh.targets.length} host(s)${deploy.batchSize ? ` in batches of ${deploy.batchSize}` : ''}`,
        commands: [],
    });
    const hosts = planHosts(deploy, image);
    const checks = (smoke?.checks ?? []).map((check) => planned([
        `${check.method} ${check.url}`, check.expectVersion ? `expects version ${check.expectVersion} at ${check.versionPath}` : '',
        smoke?.sshTargets ? `from inside each host through SSH` : '',
    ].filter(Boolean).join(', ')));
    steps.push({ step: 'smoke-test', what: smoke ? `${checks.length} check(s), ${smoke.options.consecutivePasses} passes in a row within ${Math.round(smoke.options.timeoutMs / 1000)} s` : 'skipped: no url, checks or health-url set', commands: [] });
    const onFailure = settings.mode === 'rollback' || !settings.rollbackOnFailure
        ? 'a failed smoke test fails the job; nothing is rolled back'
        : 'a failed smoke test rolls back (ssh-deploy mode rollback) every host this run changed, then fails the job';
    return { version: planned(version), steps, hosts, checks, onFailure };
}
function planHosts(deploy, image) {
    const strategy = (0,_deploy_index_js__WEBPACK_IMPORTED_MODULE_3__/* .strategyFor */ .fY)(deploy);
    // A strategy without hosts (cloudron) plans its own requests from the runner.
    if (strategy.withoutHosts)
        return [{ host: strategy.withoutHosts.target(deploy), appDir: 'no SSH, no app-dir', commands: strategy.withoutHosts.plan(deploy) }];
    return deploy.ssh.targets.map((target, index) => {
        const appDir = (0,_deploy_index_js__WEBPACK_IMPORTED_MODULE_4__/* .forHost */ .c)(deploy.appDir, target.host, index);
        const paths = (0,_deploy_index_js__WEBPACK_IMPORTED_MODULE_3__/* .hostPathsFor */ .GQ)(deploy, appDir);
        const lock = paths.lockIsFile ? `take the lock ${paths.lock} (refused if it exists and Slipway did not write it)` : `take the lock ${paths.lock}`;
        // The fleet checks app-dir in the lock's round trip (the lock lives inside it), or makes it for a script with create-app-dir.
        const appDirStep = deploy.strategy === 'script' && deploy.createAppDir ? (0,_core_command_js__WEBPACK_IMPORTED_MODULE_2__/* .shellJoin */ .nZ)(['mkdir', '-p', '--', appDir]) : `check app-dir ${appDir} exists (nothing is made when it does not)`;
        const commands = [`ssh -p ${target.port} ${target.user}@${target.host} (one connection for every command below)`, `in one round trip: ${appDirStep}, then ${lock}`];
        // What the strategy runs, as it runs it (each strategy owns its plan).
        commands.push(...strategy.plan(deploy, { host: target.host, index, appDir, image, planned }));
        if (deploy.health.url)
            commands.push(`health: ${deploy.health.url}${deploy.health.expect ? ` contains ${planned(deploy.health.expect.replace(/\{version\}/g, _settings_js__WEBPACK_IMPORTED_MODULE_0__/* .PLANNED */ .TZ))}` : ''} within ${Math.round(deploy.health.timeoutMs / 1000)} s, else roll this host back`);
        // A strategy's closing commands say where they go (most in the last round trip, with the log line and the release).
        const closing = strategy.planClosing?.(deploy, { host: target.host, index, appDir, image, planned }) ?? [];
        commands.push(...closing, `in the last round trip: append to ${paths.deployLog}; release the lock`);
        return { host: (0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTarget */ .ff)(target), appDir, commands };
    });
}
function planSummary(plan) {
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .Summary */ .BD()
        .heading(`Deploy pipeline plan (dry run, nothing touched): version ${plan.version}`)
        .table(['step', 'what'], plan.steps.map((step) => [step.step, step.what]));
    for (const step of plan.steps.filter((s) => s.commands.length))
        summary.text(`${step.step}:`).list(step.commands.map((c) => `\`${c}\``));
    for (const host of plan.hosts)
        summary.text(`On ${host.host} (${host.appDir}):`).list(host.commands.map((c) => `\`${c}\``));
    summary.text('Checks:').list(plan.checks.length ? plan.checks : ['none']);
    return summary.text(`On failure: ${plan.onFailure}.`);
}
function planDeploy(deploy) {
    const image = deploy.strategy === 'compose' ? deploy.compose.image : deploy.strategy === 'swarm' ? deploy.swarm.image : undefined;
    const order = deploy.batchSize ? `in batches of ${deploy.batchSize}` : 'all at once';
    const what = deploy.mode === 'rollback'
        ? `roll back with ${deploy.strategy} on ${deploy.ssh.targets.length} host(s) ${order}, to what each host recorded`
        : `deploy ${image ?? deploy.version} with ${deploy.strategy} to ${deploy.ssh.targets.length} host(s) ${order}`;
    const onFailure = deploy.mode === 'rollback'
        ? 'a host whose rollback fails is reported failed; the others are not touched again'
        : deploy.strategy === 'script'
            ? 'a failed script or health check fails the host (a script has no automatic rollback)'
            : 'a host that fails its switch or health check is rolled back to what served before; later batches do not start';
    return { mode: deploy.mode, strategy: deploy.strategy, version: deploy.version, what, hosts: planHosts(deploy, image), onFailure };
}
function deployPlanSummary(plan) {
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .Summary */ .BD()
        .heading(`${plan.mode === 'rollback' ? 'Rollback' : 'Deploy'} plan (dry run, nothing touched): ${plan.what}`)
        .text(`Version: ${plan.mode === 'rollback' && plan.version === 'previous' ? 'the one before, as recorded on each host' : plan.version}`);
    for (const host of plan.hosts)
        summary.text(`On ${host.host} (${host.appDir}):`).list(host.commands.map((c) => `\`${c}\``));
    return summary.text(`On failure: ${plan.onFailure}.`);
}


/***/ }),

/***/ 8667:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ withVersion),
/* harmony export */   A7: () => (/* binding */ linkInputs),
/* harmony export */   B5: () => (/* binding */ smokeDerived),
/* harmony export */   TG: () => (/* binding */ parsePipelineSettings),
/* harmony export */   TZ: () => (/* binding */ PLANNED)
/* harmony export */ });
/* harmony import */ var _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6087);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2164);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2141);
/* harmony import */ var _deploy_index_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2199);
/* harmony import */ var _image_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8949);
/* harmony import */ var _image_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4840);
/* harmony import */ var _image_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6950);
/* harmony import */ var _cloudron_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3802);
/* harmony import */ var _smoke_index_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6874);
/* harmony import */ var _link_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3942);








/** Stands in for values the chain only knows once it runs (the version from git, the pushed digest). */
const PLANNED = 'planned';
/** One link's view of the pipeline's inputs; errors name the input as the user wrote it. */
function linkInputs(source, link, derived = {}) {
    const get = (name) => source.get(name);
    return new _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .Inputs */ .G0({
        get: (name) => (0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .routeInput */ .c_)(get, link, name, derived),
        describe: (name) => source.describe((0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .sourceName */ .VZ)(get, link, name)),
        quotable: (name) => source.quotable?.((0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .sourceName */ .VZ)(get, link, name)) ?? true,
    });
}
/** `{version}` in build-args (e.g. `APP_VERSION={version}`) becomes the version the chain deploys. */
function withVersion(text, version) {
    return text?.replace(/\{version\}/g, version);
}
function smokeDerived(settings, version) {
    // An action hands every declared input over, empty ones as '': empty means not set.
    const get = (name) => {
        const value = (0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .routeInput */ .c_)((n) => settings.source.get(n), 'smoke', name);
        return value === undefined || value.trim() === '' ? undefined : value;
    };
    const derived = {};
    if (settings.smokeFrom === 'health-url') {
        derived.url = (0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .routeInput */ .c_)((n) => settings.source.get(n), 'deploy', 'health-url');
        if (get('via-ssh') === undefined)
            derived['via-ssh'] = 'true';
    }
    // smoke-test knows one `host` input; through SSH it reaches the same hosts as the deploy (host and hosts).
    const viaSsh = derived['via-ssh'] ?? get('via-ssh');
    if (viaSsh && /^(true|yes|on|1)$/i.test(viaSsh.trim())) {
        const deployHosts = ['host', 'hosts'].map((name) => (0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .routeInput */ .c_)((n) => settings.source.get(n), 'deploy', name)).filter((v) => v?.trim());
        if (get('host') === undefined && deployHosts.length)
            derived.host = deployHosts.join('\n');
    }
    const hasUrl = settings.smokeFrom === 'health-url' || get('url') !== undefined;
    if (settings.checkVersion && hasUrl && !get('expect-version'))
        derived['expect-version'] = version;
    return derived;
}
function parsePipelineSettings(inputs, context) {
    const source = inputs.source;
    const deployInputs = linkInputs(source, 'deploy');
    const strategyText = deployInputs.optional('strategy');
    // cloudron reads its own modes (install, update, move, rollback); the chain's mode is rollback or deploy.
    const mode = strategyText === 'cloudron'
        ? (deployInputs.choice('mode', ['deploy', 'rollback', 'install', 'update', 'move'], 'deploy') === 'rollback' ? 'rollback' : 'deploy')
        : deployInputs.choice('mode', ['deploy', 'rollback'], 'deploy');
    const deployImage = inputs.optional('deploy-image');
    const deployReference = deployImage === undefined ? undefined : (0,_image_index_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(deployImage);
    if (deployImage !== undefined && deployReference && 'error' in deployReference) {
        inputs.fail('deploy-image', deployReference.credentials ? deployReference.error : `is not an image reference (found '${deployImage}': ${deployReference.error})`, 'Give a full reference like registry.example.com/app:1.4.2 or …@sha256:….');
    }
    // Cloudron accepts an update only when the manifest version rises, and the image tag must equal it: the manifest names the release.
    const version = linkInputs(source, 'build').optional('version') ?? (strategyText === 'cloudron' && mode !== 'rollback' ? (0,_cloudron_index_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestVersion */ .cX)(deployInputs, context.workDir) : undefined);
    // Every link uses it (tags, deploy log, smoke): checked once, here, under its own name.
    if (version !== undefined && !_deploy_index_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .x.test(version)) {
        linkInputs(source, 'build').fail('version', `is not a version (found '${version.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or sha-0a1b2c3.');
    }
    const strategy = deployInputs.choice('strategy', _deploy_index_js__WEBPACK_IMPORTED_MODULE_5__/* .STRATEGY_NAMES */ .nU, 'compose');
    // Release and script deploys ship an artifact or a script, not an image, and a swarm stack file names its own
    // images: build only when asked (image set). A built swarm image is pinned by digest in the stack's override.
    const building = mode === 'deploy' && deployImage === undefined && (strategy === 'compose' || linkInputs(source, 'build').optional('image') !== undefined);
    const planVersion = version ?? PLANNED;
    let build;
    let push;
    if (building) {
        const buildArgs = withVersion((0,_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .routeInput */ .c_)((n) => source.get(n), 'build', 'build-args'), planVersion);
        build = (0,_image_index_js__WEBPACK_IMPORTED_MODULE_6__/* .parseBuildSettings */ .d)(linkInputs(source, 'build', { 'build-args': buildArgs }), context.workDir);
        push = (0,_image_index_js__WEBPACK_IMPORTED_MODULE_7__.parsePushSettings)(linkInputs(source, 'push', { tags: `${build.image}:${planVersion}` }));
    }
    const deploy = (0,_deploy_index_js__WEBPACK_IMPORTED_MODULE_8__/* .parseDeploySettings */ .c2)(linkInputs(source, 'deploy', {
        image: mode === 'rollback' ? undefined : deployImage ?? (build ? `${build.image}:${planVersion}` : undefined),
        version: version ?? (building ? planVersion : undefined),
    }), context.workDir);
    const smokeInputs = linkInputs(source, 'smoke');
    const userChecks = ['url', 'checks', 'checks-file'].some((name) => smokeInputs.optional(name) !== undefined);
    const smokeFrom = userChecks ? 'inputs' : deploy.health.url ? 'health-url' : 'none';
    const partial = { source, checkVersion: inputs.boolean('check-version', true), smokeFrom };
    const smoke = smokeFrom === 'none' ? undefined : (0,_smoke_index_js__WEBPACK_IMPORTED_MODULE_9__/* .parseSmokeSettings */ .M)(linkInputs(source, 'smoke', smokeDerived(partial, planVersion)), context.workDir);
    return {
        mode, source, deployImage, version, checkVersion: partial.checkVersion, smokeFrom,
        rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
        dryRun: inputs.boolean('dry-run', false),
        build, push, deploy, smoke,
    };
}


/***/ })

};
