export const id = 37;
export const ids = [37];
export const modules = {

/***/ 37:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildImage: () => (/* binding */ buildImage),
  buildImageFlow: () => (/* binding */ buildImageFlow),
  formatBytes: () => (/* binding */ formatBytes)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __webpack_require__(1253);
// EXTERNAL MODULE: ./build/src/image/build-settings.js
var build_settings = __webpack_require__(8949);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
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

// EXTERNAL MODULE: ./build/src/image/docker-commands.js
var docker_commands = __webpack_require__(1274);
// EXTERNAL MODULE: ./build/src/image/git-facts.js
var git_facts = __webpack_require__(1553);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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

// EXTERNAL MODULE: ./build/src/image/tags.js
var image_tags = __webpack_require__(3010);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
;// CONCATENATED MODULE: ./build/src/image/build-flow.js











async function buildImage(settings, context) {
    const { runner, log } = context;
    const started = Date.now();
    // Independent probes (docker's, git's): side by side, they cost one round of process starts.
    const [builder, git] = await Promise.all([
        detectBuilder(runner, log, Object.keys(settings.buildSecrets).length > 0),
        (0,git_facts/* readGitFacts */.S)(runner, settings.context, context.env, log),
    ]);
    const tags = (0,image_tags/* computeTags */.$o)(git, { latest: settings.latest, extra: settings.extraTags });
    if (tags.length === 0)
        tags.push('latest');
    const version = settings.version ?? (0,image_tags/* versionOf */.E4)(git);
    const references = (0,image_tags/* imageReferences */.Ef)(settings.image, tags, settings.extraReferences);
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
            keyFiles: settings.cacheKeyFiles.length ? settings.cacheKeyFiles : build_settings/* DEPENDENCY_FILES */.U,
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
                await runner.run((0,docker_commands/* loadImageCommand */.z2)(builder.docker, tarball), { timeoutMs: 600_000 });
                cacheFrom = cacheImageName(settings.image);
            }
        }
        const iidFile = external_node_path_.join(scratch, 'iid');
        const exportedCache = external_node_path_.join(scratch, 'layer-cache-new');
        const command = (0,docker_commands/* buildCommand */.Oe)({
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
        const inspect = await runner.run((0,docker_commands/* inspectImageCommand */.Rg)(builder.docker, imageId));
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
                    await runner.run((0,docker_commands/* tagImageCommand */.Re)(builder.docker, imageId, cacheImageName(settings.image)));
                    await runner.run((0,docker_commands/* saveImageCommand */.el)(builder.docker, cacheImageName(settings.image), tarball), { timeoutMs: 600_000 });
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
    parse: (inputs, context) => (0,build_settings/* parseBuildSettings */.d)(inputs, context.workDir),
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

/***/ 1553:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readGitFacts)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);

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
    if (!env.GITHUB_EVENT_PATH || !node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(env.GITHUB_EVENT_PATH))
        return undefined;
    try {
        const event = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}


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


/***/ })

};
