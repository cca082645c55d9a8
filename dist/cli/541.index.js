export const id = 541;
export const ids = [541,987];
export const modules = {

/***/ 4343:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HOST_INPUTS: () => (/* binding */ HOST_INPUTS),
/* harmony export */   hostInputs: () => (/* binding */ hostInputs),
/* harmony export */   parseCommandArgs: () => (/* binding */ parseCommandArgs),
/* harmony export */   processIo: () => (/* binding */ processIo)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_readline_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6848);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3026);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7183);
/* harmony import */ var _config_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(987);





function processIo() {
    const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
    return {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        cwd: process.cwd(),
        ...(interactive ? {
            ask: async (question) => {
                const prompt = node_readline_promises__WEBPACK_IMPORTED_MODULE_1__.createInterface({ input: process.stdin, output: process.stderr });
                try {
                    return await prompt.question(question);
                }
                finally {
                    prompt.close();
                }
            },
        } : {}),
    };
}
/** The deploy's SSH and placement inputs: status, history and lock read the host the way the deploy reached it. */
const HOST_INPUTS = [..._ssh_index_js__WEBPACK_IMPORTED_MODULE_2__/* .SSH_INPUT_NAMES */ .h, 'strategy', 'app-dir', 'service', 'compose-project', 'health-url', 'stack', 'lock-file', 'deploy-log'];
/**
 * A strict parser for these commands: `--name value`, `--name=value`; a flag not
 * declared is an error naming it (a typo must not silently read the host's defaults).
 */
function parseCommandArgs(args, spec) {
    const values = {};
    const switches = new Set();
    const positionals = [];
    let config;
    const valueNames = new Set([...spec.values, 'config']);
    const switchNames = new Set([...spec.switches, 'json', 'debug', 'quiet', 'help']);
    for (let i = 0; i < args.length; i += 1) {
        const arg = args[i] ?? '';
        if (arg === '--') {
            positionals.push(...args.slice(i + 1));
            break;
        }
        if (!arg.startsWith('--')) {
            if (arg.startsWith('-') && arg !== '-')
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`'${arg}'`, 'is not a flag this command knows', 'Flags are written --name value; run the command with --help for the list.');
            positionals.push(arg);
            continue;
        }
        const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
        if (switchNames.has(name)) {
            if (inline !== undefined)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`--${name}`, 'takes no value');
            switches.add(name);
        }
        else if (valueNames.has(name)) {
            const value = inline ?? args[i + 1];
            if (value === undefined || (inline === undefined && value.startsWith('--')))
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`--${name}`, 'needs a value', `Write --${name} VALUE.`);
            if (inline === undefined)
                i += 1;
            if (name === 'config')
                config = value;
            else
                values[name] = value;
        }
        else {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`--${name}`, 'is not a flag this command knows', 'Run the command with --help for the flags it takes.');
        }
    }
    if (positionals.length > (spec.positionals ?? 0))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`'${positionals[spec.positionals ?? 0]}'`, 'is not expected here', 'Run the command with --help.');
    return { positionals, values, switches, config };
}
/**
 * The values a host-reading command runs with: slipway.yml's `defaults:` and
 * `deploy:` sections (so it reads what the deploy wrote) then its own section,
 * then flags. From the shared sections only the names the command knows are
 * taken; in its own section an unknown name is an error naming its line.
 * The source describes each input where it was set (`slipway.yml:7 (deploy.app-dir)` or `--app-dir`).
 */
function hostInputs(parsed, io, section, names) {
    const configPath = parsed.config ?? 'slipway.yml';
    const config = (0,_config_file_js__WEBPACK_IMPORTED_MODULE_4__/* .loadConfig */ .Z)(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(io.cwd, configPath), parsed.config !== undefined);
    const known = new Set(names);
    const values = {};
    const origin = {};
    for (const from of ['defaults', 'deploy', section]) {
        for (const [key, value] of Object.entries(config.sections[from] ?? {})) {
            if (!known.has(key)) {
                if (from === section)
                    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(config.where(from, key), `is not an input of slipway ${section}`, `Its inputs are the deploy's host settings: ${names.join(', ')}.`);
                continue;
            }
            values[key] = (0,_config_file_js__WEBPACK_IMPORTED_MODULE_4__.expandEnv)(value, config.where(from, key), io.env);
            origin[key] = config.where(from, key);
        }
    }
    Object.assign(values, parsed.values);
    return {
        get: (name) => values[name],
        describe: (name) => (name in parsed.values || !origin[name] ? `--${name}` : origin[name] ?? `--${name}`),
    };
}


/***/ }),

/***/ 3197:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $t: () => (/* binding */ runHostCommand),
/* harmony export */   D8: () => (/* binding */ HOST_FLAGS_HELP),
/* harmony export */   GF: () => (/* binding */ writeJson),
/* harmony export */   dc: () => (/* binding */ EXIT)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3026);
/* harmony import */ var _core_runner_process_runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3101);
/* harmony import */ var _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6087);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3092);
/* harmony import */ var _deploy_status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5019);
/* harmony import */ var _terminal_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9342);
/* harmony import */ var _command_io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4343);







/** Exit codes every command shares (docs/cli.md). */
const EXIT = { ok: 0, failed: 1, usage: 2 };
/**
 * The frame of status, history and lock: strict flags, slipway.yml, the deploy's
 * SSH settings; then `body`. `--json` puts one document on stdout and nothing else;
 * everything for people goes to stderr.
 */
async function runHostCommand(args, io, spec, body) {
    const json = args.includes('--json');
    const debug = args.includes('--debug') || io.env.SLIPWAY_DEBUG === '1';
    const log = (0,_terminal_js__WEBPACK_IMPORTED_MODULE_0__/* .terminalLogger */ .jl)({ stream: io.stderr, env: io.env, debug, quiet: args.includes('--quiet') });
    try {
        if (args.includes('--help') || args.includes('-h')) {
            io.stdout.write(spec.help);
            return EXIT.ok;
        }
        const parsed = (0,_command_io_js__WEBPACK_IMPORTED_MODULE_1__.parseCommandArgs)(args, { values: [..._command_io_js__WEBPACK_IMPORTED_MODULE_1__.HOST_INPUTS, 'lines', ...(spec.extraValues ?? [])], switches: spec.switches ?? [], positionals: spec.positionals });
        const source = (0,_command_io_js__WEBPACK_IMPORTED_MODULE_1__.hostInputs)(parsed, io, spec.section, [..._command_io_js__WEBPACK_IMPORTED_MODULE_1__.HOST_INPUTS, 'lines', ...(spec.extraValues ?? [])]);
        const settings = (0,_deploy_status_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStatusSettings */ .bC)(new _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .Inputs */ .G0(source), { logLines: spec.logLines });
        return await body({ parsed, settings, context: { runner: new _core_runner_process_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .ProcessRunner */ .S(log), log }, json, io, during: (title, work) => log.during(title, work) });
    }
    catch (error) {
        const message = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .formatError */ .Wk)(error, debug);
        if (json)
            io.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
        log.error(message);
        return error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz ? EXIT.usage : EXIT.failed;
    }
}
function writeJson(io, document) {
    io.stdout.write(`${(0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(JSON.stringify(document, null, 2))}\n`);
}
/** The SSH and placement flags these commands share, for their --help. */
const HOST_FLAGS_HELP = `Hosts (the same inputs and slipway.yml "deploy:" section as slipway deploy):
  --host / --hosts [user@]host[:port]   one, or one per line / comma-separated
  --user, --port, --private-key, --passphrase, --jump-host
  --known-hosts / --host-fingerprint     the host key, checked as for the deploy
  --app-dir DIR                          the deploy's app-dir ({host}, {index} replaced)
  --strategy compose|release|script|swarm, --service, --compose-project, --stack
  --lock-file, --deploy-log              release: the team's lock and log under app-dir, as the deploy has them
  --config FILE                          slipway.yml (default: ./slipway.yml if present)
  --json                                 one JSON document on stdout, nothing else there
  --quiet                                only errors on stderr; the result still goes to stdout
`;


/***/ }),

/***/ 2541:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeLock: () => (/* binding */ describeLock),
/* harmony export */   hostCount: () => (/* binding */ hostCount),
/* harmony export */   runHistoryCommand: () => (/* binding */ runHistoryCommand),
/* harmony export */   runStatusCommand: () => (/* binding */ runStatusCommand),
/* harmony export */   statusSummary: () => (/* binding */ statusSummary)
/* harmony export */ });
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1253);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3092);
/* harmony import */ var _deploy_host_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5131);
/* harmony import */ var _deploy_status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5019);
/* harmony import */ var _deploy_settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2164);
/* harmony import */ var _host_command_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3197);






const STATUS_HELP = `slipway status [flags]

Per host, read-only, over the deploy's checked SSH connection: what serves now
(compose: the service's containers, image and digest; release: the current
release), the version health-url answers with, releases on disk, the deploy
lock and its holder, and the last deploy-log lines.

  --lines N        deploy-log lines per host (default 5)
  --health-url URL the URL as the host sees it (as for deploy)
${_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .HOST_FLAGS_HELP */ .D8}
Exit codes: 0 every host read, 1 a host could not be read, 2 bad flags or slipway.yml.
`;
const HISTORY_HELP = `slipway history [flags]

The deploy log of every host as one list, newest first.

  --lines N        entries to show (default 20)
${_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .HOST_FLAGS_HELP */ .D8}
Exit codes: 0 every host read, 1 a host could not be read, 2 bad flags or slipway.yml.
`;
function describeLock(lock) {
    if (!lock.held)
        return 'free';
    const extra = Object.entries(lock.fields).filter(([key]) => key !== 'holder').map(([key, value]) => `${key}=${value}`);
    return `held by ${lock.holder ?? 'unknown'} for ${lock.ageSeconds ?? 0} s${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
const shortId = (id) => id.replace(/^sha256:/, '').slice(0, 12);
function statusSummary(hosts) {
    const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .Summary */ .BD();
    for (const host of hosts) {
        summary.heading(`${host.host} (${host.strategy})`);
        if (host.error) {
            summary.text(`not read: ${host.error}`);
            continue;
        }
        const rows = [['app-dir', host.appDir]];
        for (const container of host.serving?.containers ?? []) {
            rows.push(['container', `${container.id} ${container.project} ${container.state}${container.health ? ` (${container.health})` : ''}`]);
            rows.push(['image', `${container.image} (${shortId(container.imageId)})`]);
            if (container.digests.length)
                rows.push(['digest', container.digests.join(', ')]);
        }
        for (const service of host.serving?.services ?? [])
            rows.push(['service', `${service.name} ${service.image} ${service.replicas}`]);
        if (host.serving?.current)
            rows.push(['current', `releases/${host.serving.current}`]);
        if (host.serving?.detail)
            rows.push(['serving', host.serving.detail]);
        const recorded = host.serving?.recorded ?? {};
        if (recorded.version)
            rows.push(['recorded', `${recorded.version}${recorded.status ? ` (${recorded.status})` : ''}${recorded.previous_version ? `, previous ${recorded.previous_version}` : ''}`]);
        if (host.answers)
            rows.push(['answers', host.answers.version ? `${host.answers.version} (${host.answers.url} ${host.answers.detail})` : `${host.answers.url} ${host.answers.detail}`]);
        rows.push(['lock', describeLock(host.lock)]);
        summary.table(['', ''], rows);
        if (host.releases.length) {
            summary.table(['release', 'version', ''], host.releases.map((r) => [r.name, r.version, r.current ? 'current' : r.mark ?? '']));
        }
        if (host.log.length) {
            summary.table(['time', 'action', 'version', 'previous', 'result', 'by'], [...host.log].reverse().map((e) => [e.time, e.action, e.version, e.previous || '-', e.result, e.actor]));
        }
        else {
            summary.text('deploy log: empty');
        }
    }
    return summary;
}
const hostCount = (settings) => `${settings.ssh.targets.length} host${settings.ssh.targets.length === 1 ? '' : 's'}`;
function runStatusCommand(args, io) {
    return (0,_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .runHostCommand */ .$t)(args, io, { section: 'status', help: STATUS_HELP, logLines: 5 }, async ({ settings, context, json, during }) => {
        const report = await during(`reading ${hostCount(settings)}`, () => (0,_deploy_status_js__WEBPACK_IMPORTED_MODULE_2__/* .fleetStatus */ .BO)(settings, context));
        if (json)
            (0,_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .writeJson */ .GF)(io, { ok: report.ok, hosts: report.hosts });
        else
            io.stdout.write((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .renderText */ .S5)(statusSummary(report.hosts))));
        for (const host of report.hosts)
            if (host.error)
                context.log.error(`${host.host}: ${host.error}`);
        return report.ok ? _host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.ok : _host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.failed;
    });
}
function runHistoryCommand(args, io) {
    return (0,_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .runHostCommand */ .$t)(args, io, { section: 'history', help: HISTORY_HELP, logLines: 20 }, async ({ settings, context, json, during }) => {
        const perHost = await during(`reading the deploy log of ${hostCount(settings)}`, () => (0,_deploy_status_js__WEBPACK_IMPORTED_MODULE_2__/* .readFleet */ .p9)(settings.ssh, context, async (session, index) => {
            const appDir = (0,_deploy_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .forHost */ .c)(settings.appDir, session.target.host, index);
            return { host: session.name, ok: true, log: await (0,_deploy_status_js__WEBPACK_IMPORTED_MODULE_2__/* .readDeployLog */ .WA)(session, appDir, settings.logLines, (0,_deploy_host_state_js__WEBPACK_IMPORTED_MODULE_5__/* .hostPathsOf */ .YF)(appDir, settings).deployLog) };
        }, (host, error) => ({ host, ok: false, error, log: [] })));
        const entries = (0,_deploy_status_js__WEBPACK_IMPORTED_MODULE_2__/* .mergeHistory */ .H$)(perHost, settings.logLines);
        const failed = perHost.filter((h) => !h.ok);
        if (json) {
            (0,_host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .writeJson */ .GF)(io, { ok: failed.length === 0, entries, errors: failed.map(({ host, error }) => ({ host, error })) });
        }
        else {
            const summary = new _core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .Summary */ .BD().heading(`Deploy history (${entries.length} newest of ${perHost.length} host${perHost.length === 1 ? '' : 's'})`);
            if (entries.length)
                summary.table(['time', 'host', 'action', 'strategy', 'version', 'previous', 'result', 'by'], entries.map((e) => [e.time, e.host, e.action, e.strategy, e.version, e.previous || '-', e.result, e.actor]));
            else
                summary.text('no deploys recorded');
            io.stdout.write((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .renderText */ .S5)(summary)));
        }
        for (const host of failed)
            context.log.error(`${host.host}: ${host.error ?? ''}`);
        return failed.length ? _host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.failed : _host_command_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.ok;
    });
}


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

/***/ 5019:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ fleetStatus),
/* harmony export */   H$: () => (/* binding */ mergeHistory),
/* harmony export */   WA: () => (/* binding */ readDeployLog),
/* harmony export */   bC: () => (/* binding */ parseStatusSettings),
/* harmony export */   mF: () => (/* binding */ readLock),
/* harmony export */   p9: () => (/* binding */ readFleet),
/* harmony export */   x_: () => (/* binding */ releaseLock)
/* harmony export */ });
/* unused harmony exports inert, parseDeployLogLine, parseLockHolder, readHostStatus */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3026);
/* harmony import */ var _core_http_request_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5531);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7183);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6651);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(791);
/* harmony import */ var _compose_commands_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8520);
/* harmony import */ var _host_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5131);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8270);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(420);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2164);








const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;
/** The deploy's own input names (slipway.yml's `deploy:` section works as is); inputs the deploy needs but status does not are ignored. */
function parseStatusSettings(inputs, defaults = {}) {
    const strategy = inputs.choice('strategy', ['compose', 'release', 'script', 'swarm'], 'compose');
    const ssh = (0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSshInputs */ .d)(inputs, { commandTimeoutMs: 60_000 });
    const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host (the deploy\'s app-dir), e.g. /srv/myapp.');
    if (!appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(appDir.replace(/\{(host|index)\}/g, ''))) {
        inputs.fail('app-dir', 'is not an absolute path without shell characters', 'Set app-dir as the deploy has it, e.g. /srv/myapp.');
    }
    const service = inputs.optional('service');
    if (service !== undefined && !SERVICE.test(service))
        inputs.fail('service', 'is not a compose service name');
    if (strategy === 'compose' && service === undefined)
        inputs.fail('service', 'is required to read a compose deploy', 'Set service to the compose service that runs the image (as for deploy).');
    const composeProject = inputs.optional('compose-project');
    if (composeProject !== undefined && !PROJECT.test(composeProject))
        inputs.fail('compose-project', 'is not a compose project name (lowercase letters, digits, - and _)');
    const healthUrl = inputs.optional('health-url');
    if (healthUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(healthUrl))
        inputs.fail('health-url', 'is not an http(s) URL', 'Set it as the deploy has it, e.g. http://127.0.0.1:8080/api/health.');
    const stack = inputs.optional('stack');
    if (stack !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stack))
        inputs.fail('stack', 'is not a stack name (letters, digits, _ . -)');
    if (strategy === 'swarm' && stack === undefined)
        inputs.fail('stack', 'is required to read a swarm deploy', 'Set stack to the stack name, as for deploy.');
    const conventions = strategy === 'release' ? { lockFile: hostRelative(inputs, 'lock-file'), deployLog: hostRelative(inputs, 'deploy-log') } : {};
    return { ssh, strategy, appDir, service, composeProject, healthUrl, stack, logLines: inputs.integer('lines', defaults.logLines ?? 10, { min: 1, max: 1000 }), ...conventions };
}
/** A path under app-dir as the deploy checks it: relative, no `..`, not starting with `-`. */
function hostRelative(inputs, name) {
    const value = inputs.optional(name);
    if (value !== undefined && (!/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]+$/.test(value) || value.startsWith('-'))) {
        inputs.fail(name, `is not a path inside app-dir (found '${value.slice(0, 60)}')`, 'Set it as the deploy has it, e.g. .deploy.lock or deploy.log.');
    }
    return value;
}
/** Remote text is shown, never interpreted: control characters (escape sequences) become spaces, length bounded. */
function inert(text, max = 200) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
/** One tab-separated deploy-log line (formatDeployLogLine); a line that is not one is skipped. */
function parseDeployLogLine(line) {
    const [time = '', action = '', strategy = '', ...fields] = line.split('\t');
    if (!/^\d{4}-\d\d-\d\dT/.test(time) || !action)
        return undefined;
    const record = { time: inert(time, 40), action: inert(action, 40), strategy: inert(strategy, 40), version: '', previous: '', result: '', actor: '', extra: {} };
    for (const field of fields) {
        const index = field.indexOf('=');
        if (index <= 0)
            continue;
        const key = field.slice(0, index);
        const value = inert(field.slice(index + 1));
        if (key === 'version' || key === 'previous' || key === 'result')
            record[key] = value;
        else if (key === 'by')
            record.actor = value;
        else if (/^[a-z][a-z0-9_-]*$/.test(key))
            record.extra[key] = value;
    }
    if (record.previous === '-')
        record.previous = '';
    return record;
}
/**
 * The holder file: today one line `<who> at <ISO time>`; read tolerantly so a
 * later format with `key=value` lines (a run id) shows too.
 */
function parseLockHolder(raw) {
    const fields = {};
    const plain = [];
    for (const line of raw.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const match = /^([a-z][a-z0-9_-]*)=(.*)$/.exec(line);
        if (match)
            fields[match[1] ?? ''] = inert(match[2] ?? '');
        else
            plain.push(line);
    }
    const holder = plain.length ? inert(plain.join(' ')) : fields.holder ?? fields.by ?? fields.actor;
    return { holder: holder || (raw.trim() ? undefined : 'unknown'), fields };
}
/** The holder text of a lock directory, of a Slipway lock file (after its mark line), or of a team's lock file (as it is). */
const LOCK_TEXT = `lock_text() { if [ -d "$1" ]; then head -c 4096 "$1/holder" 2>/dev/null; elif [ "$(head -n 1 "$1" 2>/dev/null)" = "${_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .LOCK_FILE_MARK */ .pl}" ]; then tail -n +2 "$1" | head -c 4096; else head -c 4096 "$1"; fi; }`;
/** Exit 0 with `age\nholder…` when held; prints nothing when free. */
const READ_LOCK = `${LOCK_TEXT}; if [ -e "$1" ]; then echo held; echo $(( $(date +%s) - $(stat -c %Y "$1" 2>/dev/null || date +%s) )); lock_text "$1"; fi; exit 0`;
/** `lockPath`: the team's lock file (release `lock-file`), else Slipway's own lock directory. */
async function readLock(session, appDir, lockPath = (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .lockDir */ .JK)(appDir)) {
    const result = await session.exec(['sh', '-c', READ_LOCK, 'slipway-lock-status', lockPath], { label: `ssh ${session.target.host}: read deploy lock` });
    const [flag, age, ...rest] = result.stdout.split('\n');
    if (flag !== 'held')
        return { held: false, fields: {} };
    const raw = rest.join('\n');
    return { held: true, ageSeconds: Number(age) || 0, raw, ...parseLockHolder(raw) };
}
/** Removes the lock only while its holder file still reads `seen` (exit 4: someone else holds it now). */
const RELEASE_SEEN = `${LOCK_TEXT}; if [ ! -e "$1" ]; then exit 3; fi; now=$(lock_text "$1"); if [ "$now" = "$2" ]; then rm -rf "$1"; exit 0; fi; exit 4`;
async function releaseLock(session, appDir, seen, lockPath = (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .lockDir */ .JK)(appDir)) {
    // $(…) drops trailing newlines, so compare against the seen text without them.
    const seenText = (seen.raw ?? '').replace(/\n+$/, '');
    const result = await session.exec(['sh', '-c', RELEASE_SEEN, 'slipway-lock-release', lockPath, seenText], { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
    if (result.exitCode === 0)
        return 'released';
    if (result.exitCode === 3)
        return 'already-free';
    if (result.exitCode === 4)
        return 'changed';
    throw new Error(`${session.name}: could not remove ${lockPath} (exit ${result.exitCode}: ${inert(result.stderr)})`);
}
/** `logPath`: the team's deploy-log (release `deploy-log`); its own lines, in another format, are skipped. */
async function readDeployLog(session, appDir, lines, logPath = (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .deployLogPath */ .JP)(appDir)) {
    const result = await session.exec(['sh', '-c', 'tail -n "$2" "$1" 2>/dev/null; exit 0', 'slipway-log-tail', logPath, String(lines)], { label: `ssh ${session.target.host}: read deploy log` });
    return result.stdout.split('\n').map(parseDeployLogLine).filter((r) => r !== undefined);
}
/** `current=<target>` then `<name>\t<version>` per release. */
const LIST_RELEASES = 'cd "$1" 2>/dev/null || exit 0; echo "current=$(basename "$(readlink current 2>/dev/null)" 2>/dev/null)"; [ -d releases ] || exit 0; for r in $(ls -1 releases | sort); do printf "%s\\t%s\\n" "$r" "$(head -c 200 "releases/$r/.slipway-version" 2>/dev/null | head -n 1)"; done';
async function readReleases(session, appDir) {
    const lines = (await session.exec(['sh', '-c', LIST_RELEASES, 'slipway-releases', appDir], { label: `ssh ${session.target.host}: list releases` })).stdout.split('\n').filter(Boolean);
    const current = inert(lines.find((l) => l.startsWith('current='))?.slice('current='.length) ?? '') || undefined;
    const releases = lines.filter((l) => !l.startsWith('current=')).map((line) => {
        const [name = '', version = ''] = line.split('\t');
        const mark = /\.(failed|rolled-back)(-\d+)?$/.exec(name)?.[1];
        return { name: inert(name), version: inert(version) || inert(name), current: name === current, ...((0,_release_js__WEBPACK_IMPORTED_MODULE_3__/* .isMarked */ .rZ)(name) ? { mark } : {}) };
    });
    return { current, releases };
}
const CONTAINER_FORMAT = '{{.ID}}|{{.Label "com.docker.compose.project"}}|{{.State}}';
const INSPECT_FORMAT = '{{.Config.Image}}|{{.Image}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}';
/** The service's containers in its project and in the zero-downtime slots (`<project>-blue`/`-green`). */
async function readComposeServing(session, settings, appDir, index) {
    const service = settings.service ?? '';
    const configured = settings.composeProject ? (0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .forHost */ .c)(settings.composeProject, session.target.host, index) : undefined;
    const projectName = configured ?? (0,_compose_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .defaultProjectName */ .Y7)(appDir);
    const projects = new Set([projectName, `${projectName}-blue`, `${projectName}-green`]);
    const listed = await session.exec(['docker', 'ps', '-a', '--no-trunc', '--filter', `label=com.docker.compose.service=${service}`, '--filter', 'label=com.docker.compose.oneoff=False', '--format', CONTAINER_FORMAT], { label: `ssh ${session.target.host}: list ${service} containers` });
    const containers = [];
    for (const line of listed.stdout.split('\n').filter(Boolean)) {
        const [id = '', project = '', state = ''] = line.split('|');
        if (!projects.has(project))
            continue;
        const inspected = (await session.exec(['docker', 'inspect', '--format', INSPECT_FORMAT, '--', id], { allowFailure: true })).stdout.trim();
        const [image = '', imageId = '', health = ''] = inspected.split('|');
        const digests = imageId
            ? (await session.exec(['docker', 'image', 'inspect', '--format', '{{join .RepoDigests "\\n"}}', '--', imageId], { allowFailure: true })).stdout.split('\n').map((d) => inert(d)).filter(Boolean)
            : [];
        containers.push({ id: id.slice(0, 12), project, state: inert(state, 40), ...(health ? { health: inert(health, 40) } : {}), image: inert(image), imageId: inert(imageId, 80), digests });
    }
    const recorded = await (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .readStateFile */ .qy)(session, `${_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .hostFiles */ .qZ.composeBase(appDir, configured, service)}.state`);
    const zeroDowntime = await (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .readStateFile */ .qy)(session, _host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .hostFiles */ .qZ.switchState(appDir, projectName, service));
    const pick = Object.keys(zeroDowntime).length ? { version: zeroDowntime.live_version ?? '', image: zeroDowntime.live_image ?? '', status: zeroDowntime.status ?? '', slot: zeroDowntime.live_project ?? '' } : recorded;
    const kept = {};
    for (const key of ['version', 'image', 'previous_version', 'previous_image', 'status', 'slot'])
        if (pick[key])
            kept[key] = inert(pick[key] ?? '');
    return { containers, recorded: kept, ...(containers.some((c) => c.state === 'running') ? {} : { detail: `no running container of service ${service}` }) };
}
/** The stack's services as the manager reports them; a host that is no manager says so. */
async function readSwarmServing(session, stack) {
    const listed = await session.exec(['docker', 'service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}|{{.Image}}|{{.Replicas}}'], { allowFailure: true, label: `ssh ${session.target.host}: list stack ${stack}` });
    if (listed.exitCode !== 0)
        return { recorded: {}, services: [], detail: `docker service ls failed: ${inert(listed.stderr.trim().split('\n').pop() ?? '', 160)}` };
    const services = listed.stdout.split('\n').filter(Boolean).map((line) => {
        const [name = '', image = '', replicas = ''] = line.split('|');
        return { name: inert(name, 120), image: inert(image), replicas: inert(replicas, 40) };
    });
    return { recorded: {}, services, ...(services.length ? {} : { detail: `no services in stack ${stack}` }) };
}
/** One GET of health-url through the session's tunnel: the version it answers with (`version` in a JSON body). */
async function askVersion(session, healthUrl) {
    const url = new URL(healthUrl);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const tunnel = await session.forwardLocalPort(port, url.hostname);
    try {
        // The tunnel's end is dialled; the Host header, TLS name and errors keep the health-url's own (as deploy's health check does).
        const response = await (0,_core_http_request_js__WEBPACK_IMPORTED_MODULE_6__/* .httpRequest */ .aj)(url, {
            timeoutMs: 5000, maxBodyBytes: 64 * 1024, overflow: 'truncate',
            connect: { host: '127.0.0.1', port: tunnel.localPort, via: `through SSH to ${session.name}` }, what: `GET ${url.pathname}`,
        });
        const body = response.text();
        let version;
        try {
            const document = JSON.parse(body);
            const found = document.version ?? document.data?.version;
            if (typeof found === 'string' || typeof found === 'number')
                version = inert(String(found), 80);
        }
        catch { /* not JSON: no version to read */ }
        return { url: healthUrl, status: response.status, ...(version ? { version } : {}), detail: version ? `answered ${response.status}` : `answered ${response.status} without a version field` };
    }
    catch (error) {
        return { url: healthUrl, detail: `no answer (${inert(error.message, 120)})` };
    }
    finally {
        await tunnel.close();
    }
}
/** Everything about one host, over one session. A read that fails leaves the others standing. */
async function readHostStatus(session, settings, index) {
    const appDir = (0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .forHost */ .c)(settings.appDir, session.target.host, index);
    const report = { host: session.name, appDir, strategy: settings.strategy, ok: true, releases: [], lock: { held: false, fields: {} }, log: [] };
    const exists = await session.exec(['test', '-d', appDir], { allowFailure: true });
    if (exists.exitCode !== 0)
        return { ...report, ok: false, error: `app-dir ${appDir} does not exist on the host` };
    const paths = (0,_host_state_js__WEBPACK_IMPORTED_MODULE_2__/* .hostPathsOf */ .YF)(appDir, settings);
    report.lock = await readLock(session, appDir, paths.lock);
    report.log = await readDeployLog(session, appDir, settings.logLines, paths.deployLog);
    if (settings.strategy === 'compose') {
        report.serving = await readComposeServing(session, settings, appDir, index);
    }
    else if (settings.strategy === 'release') {
        const { current, releases } = await readReleases(session, appDir);
        report.releases = releases;
        const serving = releases.find((r) => r.current);
        report.serving = { current, recorded: serving ? { version: serving.version } : {}, ...(current ? {} : { detail: 'no current release' }) };
    }
    else if (settings.strategy === 'swarm') {
        report.serving = await readSwarmServing(session, settings.stack ?? '');
    }
    else {
        report.serving = { recorded: {}, detail: 'the script strategy keeps no serving state on the host; see the deploy log' };
    }
    if (settings.healthUrl)
        report.answers = await askVersion(session, settings.healthUrl);
    return report;
}
/**
 * Opens each host's checked session (host keys as for the deploy), reads, closes.
 * `read` lets lock and history commands read less than the full status.
 */
async function readFleet(ssh, context, read, unreachable) {
    return Promise.all(ssh.targets.map(async (target, index) => {
        let session;
        try {
            session = await (0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_7__/* .openSshSession */ .X)(target, context.runner, context.log);
            return await read(session, index);
        }
        catch (error) {
            return unreachable((0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_8__/* .describeTarget */ .ff)(target), (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .formatError */ .Wk)(error), index);
        }
        finally {
            await session?.close();
        }
    }));
}
async function fleetStatus(settings, context) {
    const hosts = await readFleet(settings.ssh, context, (session, index) => readHostStatus(session, settings, index), (host, error, index) => ({
        host, appDir: (0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .forHost */ .c)(settings.appDir, settings.ssh.targets[index]?.host ?? '', index), strategy: settings.strategy, ok: false, error, releases: [], lock: { held: false, fields: {} }, log: [],
    }));
    return { hosts, ok: hosts.every((h) => h.ok) };
}
/** The deploy logs of all hosts as one list, newest first (ISO times sort as text); `limit` entries at most. */
function mergeHistory(perHost, limit) {
    const all = perHost.flatMap(({ host, log }) => log.map((record, order) => ({ ...record, host, order })));
    all.sort((a, b) => (a.time === b.time ? b.order - a.order : a.time < b.time ? 1 : -1));
    return all.slice(0, limit).map(({ order: _order, ...entry }) => entry);
}


/***/ })

};
