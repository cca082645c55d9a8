export const id = 409;
export const ids = [409,987];
export const modules = {

/***/ 2409:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pipelineConfig: () => (/* binding */ pipelineConfig),
/* harmony export */   pipelineValues: () => (/* binding */ pipelineValues)
/* harmony export */ });
/* harmony import */ var _config_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(987);
/* harmony import */ var _flow_command_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1902);
/* harmony import */ var _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5802);
/* harmony import */ var _pipeline_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3942);




/** slipway.yml's command sections, by the link they configure. */
const SECTION_OF = { build: 'build', push: 'push', deploy: 'deploy', smoke: 'smoke' };
/**
 * The values `slipway pipeline` runs with, from the same slipway.yml the single
 * commands read: `defaults:` and `pipeline:` as plain names, each command's
 * section as `<link>-<name>` so it reaches that link only; flags win over all.
 * Names the chain derives (push's tags, deploy's image) are left out of the sections.
 */
function pipelineValues(config, flags, where, env) {
    const values = {};
    const put = (key, value, from) => { values[key] = (0,_config_file_js__WEBPACK_IMPORTED_MODULE_0__.expandEnv)(value, `${where}: ${from}`, env); };
    for (const [key, value] of Object.entries(config.defaults ?? {}))
        put(key, value, `defaults.${key}`);
    for (const link of _pipeline_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .LINKS */ .A) {
        for (const [key, value] of Object.entries(config[SECTION_OF[link]] ?? {})) {
            if (!_pipeline_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .DERIVED */ .mj[link]?.includes(key))
                put(`${link}-${key}`, value, `${SECTION_OF[link]}.${key}`);
        }
    }
    for (const [key, value] of Object.entries(config.pipeline ?? {}))
        put(key, value, `pipeline.${key}`);
    return { ...values, ...flags };
}
const inputNames = (action) => (_generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTION_INPUTS */ .b[action]?.inputs ?? []).map((input) => input.name);
/**
 * How `slipway pipeline` differs from a single link's command: it reads every
 * link's section of slipway.yml, and a dry run's plan (an input of the root
 * action, not a CLI switch) is its JSON document.
 */
const pipelineConfig = {
    check(sections, where) {
        (0,_flow_command_js__WEBPACK_IMPORTED_MODULE_3__/* .checkSectionKeys */ .OR)(sections.pipeline, 'pipeline', inputNames('deploy-pipeline'), where);
        (0,_flow_command_js__WEBPACK_IMPORTED_MODULE_3__/* .checkDefaultsKeys */ .rh)(sections, where);
        for (const link of _pipeline_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .LINKS */ .A)
            (0,_flow_command_js__WEBPACK_IMPORTED_MODULE_3__/* .checkSectionKeys */ .OR)(sections[SECTION_OF[link]], SECTION_OF[link], inputNames(_pipeline_link_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_OF */ .JW[link]), where);
    },
    values: pipelineValues,
    document: (run) => {
        const plan = run.result.plan;
        return { ok: !run.failure, failure: run.failure, outputs: run.outputs, ...(plan ? { dryRun: true, plan } : {}) };
    },
};


/***/ }),

/***/ 987:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ loadConfig),
/* harmony export */   expandEnv: () => (/* binding */ expandEnv),
/* harmony export */   loadConfigFile: () => (/* binding */ loadConfigFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3026);




function loadConfigFile(file, required) {
    return loadConfig(file, required).sections;
}
/**
 * Reads the file with every key's line, so an error says `slipway.yml:12`.
 * Errors never quote a value (one may be a secret): they name the line, the key and the fix.
 */
function loadConfig(file, required) {
    const name = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file);
    if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(file)) {
        if (required)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`--config`, `file ${file} does not exist`, 'Pass the path of your slipway.yml, or leave --config out.');
        return { sections: {}, where: (section, key) => `${name}: ${key ? `${section}.${key}` : section}` };
    }
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_2__.LineCounter();
    const document = yaml__WEBPACK_IMPORTED_MODULE_2__.parseDocument(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8'), { lineCounter });
    const lineAt = (offset) => (offset === undefined ? '' : `:${lineCounter.linePos(offset).line}`);
    const first = document.errors[0];
    if (first) {
        const at = first.linePos?.[0];
        // The message's first line without its position; the code frame that follows would quote the line.
        const problem = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.code;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${name}${at ? `:${at.line}:${at.col}` : ''}`, `is not valid YAML (${problem})`, 'Fix that line.');
    }
    const lines = {};
    const where = (section, key) => {
        const found = key ? lines[section]?.keys[key] : lines[section]?.line;
        return `${name}${found ?? ''}${key ? ` (${section}.${key})` : ` (${section})`}`;
    };
    const root = document.contents;
    if (root === null || (yaml__WEBPACK_IMPORTED_MODULE_2__.isScalar(root) && (root.value === null || root.value === undefined)))
        return { sections: {}, where };
    if (!yaml__WEBPACK_IMPORTED_MODULE_2__.isMap(root))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${name}${lineAt(root.range?.[0])}`, 'must be a mapping of sections (build:, push:, deploy: …)', 'Start each section at the beginning of a line: deploy:, then its inputs indented.');
    const values = document.toJS();
    const sections = {};
    for (const pair of root.items) {
        const section = yaml__WEBPACK_IMPORTED_MODULE_2__.isScalar(pair.key) ? String(pair.key.value) : '';
        const sectionLine = lineAt(yaml__WEBPACK_IMPORTED_MODULE_2__.isNode(pair.key) ? pair.key.range?.[0] : undefined);
        lines[section] = { line: sectionLine, keys: {} };
        const body = pair.value;
        if (body === null || (yaml__WEBPACK_IMPORTED_MODULE_2__.isScalar(body) && (body.value === null || body.value === undefined))) {
            sections[section] = {};
            continue;
        }
        if (!yaml__WEBPACK_IMPORTED_MODULE_2__.isMap(body))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${name}${sectionLine} (${section})`, 'must be a mapping of input names to values', `Write the inputs indented under ${section}:, one "name: value" per line.`);
        sections[section] = {};
        for (const item of body.items) {
            const key = yaml__WEBPACK_IMPORTED_MODULE_2__.isScalar(item.key) ? String(item.key.value) : '';
            lines[section].keys[key] = lineAt(yaml__WEBPACK_IMPORTED_MODULE_2__.isNode(item.key) ? item.key.range?.[0] : undefined);
            sections[section][key] = stringifyValue(values[section]?.[key]);
        }
    }
    return { sections, where };
}
/** Lists and maps become the multi-line strings an action input would carry. */
function stringifyValue(value) {
    if (Array.isArray(value)) {
        if (value.every((item) => typeof item !== 'object' || item === null))
            return value.map(String).join('\n');
        return yaml__WEBPACK_IMPORTED_MODULE_2__.stringify(value);
    }
    if (value !== null && typeof value === 'object')
        return yaml__WEBPACK_IMPORTED_MODULE_2__.stringify(value);
    return value === null || value === undefined ? '' : String(value);
}
/** `${env:NAME}` → the variable's value; a missing variable is an error naming it. */
function expandEnv(value, where, env) {
    return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name) => {
        const found = env[name];
        if (found === undefined)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(where, `refers to \${env:${name}} but ${name} is not set`, `Export ${name} before running slipway.`);
        return found;
    });
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


/***/ })

};
