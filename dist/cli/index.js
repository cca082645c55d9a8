#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

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

/***/ 481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 6848:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 5739:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  nR: () => (/* binding */ packageFile),
  Tl: () => (/* binding */ packageVersion)
});

// UNUSED EXPORTS: packageRoot

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./build/src/cli/commands/version.js



/**
 * Slipway's own package directory: found by walking up from this file (src/cli/commands/
 * in a clone, dist/cli/ in the bundle and the installed package) to the package.json
 * named slipway. Walking keeps the bundler from copying package.json as an asset.
 */
function packageRoot(from = external_node_path_.dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url))) {
    for (let dir = from;; dir = external_node_path_.dirname(dir)) {
        try {
            const manifest = JSON.parse(external_node_fs_.readFileSync(external_node_path_.join(dir, 'package.json'), 'utf8'));
            if (manifest.name === 'slipway')
                return dir;
        }
        catch { /* not here: keep walking */ }
        if (external_node_path_.dirname(dir) === dir)
            return undefined;
    }
}
function packageVersion() {
    const root = packageRoot();
    if (!root)
        return 'unknown';
    return JSON.parse(external_node_fs_.readFileSync(external_node_path_.join(root, 'package.json'), 'utf8')).version ?? 'unknown';
}
/** A file the package ships (schema/, workflows/), by its path inside the package. */
function packageFile(relative) {
    const root = packageRoot();
    const file = root ? external_node_path_.join(root, relative) : '';
    if (!root || !external_node_fs_.existsSync(file))
        throw new Error(`${relative} is missing from the Slipway package (looked in ${root ?? 'no package directory'}); reinstall Slipway`);
    return file;
}


/***/ }),

/***/ 8055:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ RENAMED_FLAGS),
/* harmony export */   BO: () => (/* binding */ asksForHelp),
/* harmony export */   Du: () => (/* binding */ parseCommandLine),
/* harmony export */   Hc: () => (/* binding */ switchesOnly),
/* harmony export */   Ml: () => (/* binding */ flagSetFor),
/* harmony export */   ZA: () => (/* binding */ suggest)
/* harmony export */ });
/* unused harmony exports GLOBAL_SWITCHES, knownFlags, editDistance */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3026);
/* harmony import */ var _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5802);


/** Flags every command takes (`--config` takes a value, the rest are switches). */
const GLOBAL_SWITCHES = ['json', 'debug', 'quiet', 'help'];
/**
 * Flag names that differ from their input's name, where the input's name is taken:
 * secret-scan's `config` input is `--scan-config`, since `--config` names slipway.yml
 * for every command; compose's `env-file` is `--compose-env-file`, since Node 20 reads
 * `--env-file` as its own option even after the script name and never starts Slipway.
 */
const RENAMED_FLAGS = {
    'secret-scan': { config: 'scan-config' },
    'ssh-deploy': { 'env-file': 'compose-env-file' },
    'deploy-pipeline': { 'env-file': 'compose-env-file' },
};
const BOOLEAN_WORD = /^(true|false|yes|no|on|off|1|0)$/i;
/** The flags of the command backed by `action` (a folder under actions/, or deploy-pipeline). */
function flagSetFor(command, action, options = {}) {
    const spec = _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_INPUTS */ .b[action];
    if (!spec)
        throw new Error(`no generated inputs for action '${action}'`);
    const renamed = RENAMED_FLAGS[action] ?? {};
    const inputs = new Map();
    for (const input of spec.inputs) {
        inputs.set(renamed[input.name] ?? input.name, { input, boolean: input.default === 'true' || input.default === 'false' });
    }
    return { command, inputs, dryRun: options.dryRun === true };
}
/** A command that takes no inputs, only the global switches (demo). */
function switchesOnly(command) {
    return { command, inputs: new Map(), dryRun: false };
}
/** Flag names of a set as the user types them (`--name`), globals included. */
function knownFlags(set) {
    return [...set.inputs.keys(), 'config', ...GLOBAL_SWITCHES, ...(set.dryRun ? ['dry-run'] : [])];
}
/**
 * Strict parsing of `--name value`, `--name=value`, bare boolean `--name`, `--no-name`.
 * An unknown flag is an error suggesting the nearest known one; a value never
 * starts with `-` unless written `--name=-x` (so a flag is never swallowed as a value);
 * a flag given twice and a stray word are errors. Nothing is defaulted here: the
 * flow's parser decides about each value.
 */
function parseCommandLine(args, set) {
    const values = {};
    const switches = new Set();
    let config;
    const seen = new Set();
    const once = (flag) => {
        if (seen.has(flag))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`--${flag}`, 'is given twice', `Give it once; a list input takes one value with one item per line or comma-separated, e.g. --${flag} 'a,b'.`);
        seen.add(flag);
    };
    /** The bare boolean flag just read: a stray word after it was probably meant as its value. */
    let bareBoolean;
    for (let i = 0; i < args.length; i += 1) {
        const arg = args[i] ?? '';
        const after = bareBoolean;
        bareBoolean = undefined;
        if (arg === '-h') {
            switches.add('help');
            continue;
        }
        if (!arg.startsWith('--') || arg === '--') {
            if (arg.startsWith('-') && arg !== '-' && arg !== '--')
                throw unknownFlag(arg, set);
            const hint = after ? ` (--${after} is a switch: write --${after}=${arg} to give it a value)` : '';
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`'${arg}'`, `is not a flag${hint}`, `Inputs are given as --name value; run \`slipway ${set.command} --help\` for the list.`);
        }
        const [rawName = '', inline] = arg.slice(2).split(/=(.*)/s);
        const negated = rawName.startsWith('no-') && !set.inputs.has(rawName) && set.inputs.get(rawName.slice(3))?.boolean === true;
        const name = negated ? rawName.slice(3) : rawName;
        if (GLOBAL_SWITCHES.includes(name) || (name === 'dry-run' && set.dryRun)) {
            if (inline !== undefined)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`--${name}`, 'takes no value', `Write --${name} alone.`);
            once(name);
            switches.add(name);
            continue;
        }
        if (name === 'version' && !set.inputs.has('version')) {
            if (inline !== undefined)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('--version', `takes no value in slipway ${set.command} (it has no version input)`, 'Write --version alone for the installed version.');
            switches.add('version');
            continue;
        }
        if (name === 'config') {
            once(name);
            config = takeValue(args, i, name, inline);
            if (inline === undefined)
                i += 1;
            continue;
        }
        const flag = set.inputs.get(name);
        if (!flag) {
            if (name === 'dry-run')
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('--dry-run', `is not available for slipway ${set.command}: it has no dry run, and nothing was run`, 'Leave --dry-run out; the commands with a dry run are deploy, drill and pipeline.');
            throw unknownFlag(`--${rawName}`, set);
        }
        once(name);
        if (negated) {
            if (inline !== undefined)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`--${rawName}`, 'takes no value', `Write --${rawName} alone, or --${name}=false.`);
            values[flag.input.name] = 'false';
        }
        else if (flag.boolean) {
            const next = args[i + 1];
            if (inline !== undefined)
                values[flag.input.name] = inline;
            else if (next !== undefined && BOOLEAN_WORD.test(next)) {
                values[flag.input.name] = next;
                i += 1;
            }
            else {
                values[flag.input.name] = 'true';
                bareBoolean = name;
            }
        }
        else {
            values[flag.input.name] = takeValue(args, i, name, inline);
            if (inline === undefined)
                i += 1;
        }
    }
    return { values, config, switches };
}
function takeValue(args, i, name, inline) {
    if (inline !== undefined)
        return inline;
    const next = args[i + 1];
    if (next === undefined)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`--${name}`, 'needs a value', `Write --${name} VALUE.`);
    // `--host -x` would otherwise hand a flag to a flag; `-` alone (stdin) is a value.
    if (next.startsWith('-') && next !== '-') {
        // The word may be a secret that starts with '-' (a pasted key): only a flag-shaped word is quoted.
        const shown = flagShaped(next) ? `the flag '${next.split('=')[0]}'` : "a word that starts with '-'";
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`--${name}`, `needs a value, but the next word is ${shown}`, `Give --${name} its value. A value that really starts with '-' is written --${name}=VALUE (then the command still checks it).`);
    }
    return next;
}
/** `--name` or `-x` (a value after `=` left off): what may be quoted back without echoing a value. */
function flagShaped(word) {
    return /^--?[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/.test(word.split('=')[0] ?? '');
}
function unknownFlag(flag, set) {
    if (!flagShaped(flag))
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz("a word that starts with '-'", `is not a flag of slipway ${set.command}`, `Flags are written --name VALUE; run \`slipway ${set.command} --help\` for the list.`);
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    const nearest = suggest(name, knownFlags(set));
    const elsewhere = Object.entries(_generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_INPUTS */ .b).some(([, spec]) => spec.inputs.some((input) => input.name === name));
    const fix = nearest
        ? `Did you mean --${nearest}? Run \`slipway ${set.command} --help\` for every flag.`
        : `Run \`slipway ${set.command} --help\` for the flags it takes${elsewhere ? ` (--${name} is an input of another command)` : ''}.`;
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(flag.split('=')[0] ?? flag, `is not a flag of slipway ${set.command}`, fix);
}
/** `--help` anywhere wins over a flag error: someone asking for help is about to fix one. */
function asksForHelp(args) {
    return args.includes('--help') || args.includes('-h');
}
/** The known name nearest to `given` (typos, swapped letters, a cut-off prefix), if one is near enough. */
function suggest(given, known) {
    let best;
    for (const name of known) {
        const distance = given.length >= 3 && name.startsWith(given) ? 1 : editDistance(given, name);
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    if (!best)
        return undefined;
    return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}
/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a, b) {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i += 1) {
        for (let j = 1; j <= b.length; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            const row = rows[i];
            const above = rows[i - 1];
            row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
        }
    }
    return rows[a.length][b.length];
}


/***/ }),

/***/ 1902:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H_: () => (/* binding */ runFlowCommand),
/* harmony export */   OR: () => (/* binding */ checkSectionKeys),
/* harmony export */   rh: () => (/* binding */ checkDefaultsKeys)
/* harmony export */ });
/* unused harmony exports DRY_RUN_COMMANDS, flowFlagSet, readConfig */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3026);
/* harmony import */ var _platform_cancel_signals_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(3683);
/* harmony import */ var _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(6087);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(3092);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(1253);
/* harmony import */ var _core_platform_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(7630);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8055);
/* harmony import */ var _commands_version_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(5739);
/* harmony import */ var _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5802);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2225);
/* harmony import */ var _core_run_flow_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(3120);












/** The commands with `--dry-run` (their plans are in dry-run.ts, imported only for a dry run; a spec keeps the two equal). */
const DRY_RUN_COMMANDS = new Set(['deploy', 'drill']);
/** A flow command's flags, with `--dry-run` where the CLI can plan it. */
function flowFlagSet(flow) {
    return (0,_flags_js__WEBPACK_IMPORTED_MODULE_1__/* .flagSetFor */ .Ml)(flow.command, flow.action, { dryRun: DRY_RUN_COMMANDS.has(flow.command) });
}
/** Reads slipway.yml (`--config`, else ./slipway.yml when present); the YAML parser is loaded only here. */
async function readConfig(line) {
    const where = line.config ?? 'slipway.yml';
    const { loadConfigFile, expandEnv } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(987)]).then(__nccwpck_require__.bind(__nccwpck_require__, 987));
    return { sections: loadConfigFile(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(where), line.config !== undefined), where, expandEnv };
}
/**
 * A command's own section in slipway.yml holds its inputs only: a misspelt key
 * would otherwise be ignored as silently as a misspelt flag. (`defaults:` is
 * shared by every command, so a key there may belong to another one.)
 */
function checkSectionKeys(section, sectionName, known, where) {
    for (const key of Object.keys(section ?? {})) {
        if (known.includes(key))
            continue;
        const nearest = (0,_flags_js__WEBPACK_IMPORTED_MODULE_1__/* .suggest */ .ZA)(key, known);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${where}: ${sectionName}.${key}`, `is not an input of slipway ${sectionName}`, nearest ? `Did you mean ${nearest}?` : `Run \`slipway ${sectionName} --help\` for its inputs.`);
    }
}
/** Every input of every action: a key under `defaults:` must be one of them (it is shared, so any command's will do). */
function checkDefaultsKeys(sections, where) {
    const all = [...new Set(Object.values(_generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .ACTION_INPUTS */ .b).flatMap((spec) => spec.inputs.map((input) => input.name)))];
    for (const key of Object.keys(sections.defaults ?? {})) {
        if (all.includes(key))
            continue;
        const nearest = (0,_flags_js__WEBPACK_IMPORTED_MODULE_1__/* .suggest */ .ZA)(key, all);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${where}: defaults.${key}`, 'is not an input of any command', nearest ? `Did you mean ${nearest}?` : 'Run `slipway help <command>` for the inputs.');
    }
}
/** The values a command runs with (slipway.yml under its flags), and which of them came from the file (never quoted in an error). */
function configValues(flow, set, config, line, shape) {
    if (shape) {
        shape.check(config.sections, config.where);
        const fileValues = shape.values(config.sections, {}, config.where, process.env);
        return { values: { ...fileValues, ...line.values }, fromFile: Object.keys(fileValues).filter((key) => !(key in line.values)) };
    }
    const inputNames = [...set.inputs.values()].map((flag) => flag.input.name);
    checkSectionKeys(config.sections[flow.command], flow.command, inputNames, config.where);
    checkDefaultsKeys(config.sections, config.where);
    const values = {};
    const fileValues = { ...config.sections.defaults, ...config.sections[flow.command] };
    for (const [key, value] of Object.entries(fileValues)) {
        values[key] = config.expandEnv(value, `${config.where}: ${flow.command}.${key}`, process.env);
    }
    Object.assign(values, line.values);
    return { values, fromFile: Object.keys(fileValues).filter((key) => !(key in line.values)) };
}
/**
 * `slipway <flow> …`: flags and slipway.yml → the flow's parse → the plan (--dry-run) or the run.
 * `--help` and a flag error are answered before the flow's own code is imported.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function runFlowCommand(head, args, log, output, given) {
    const set = flowFlagSet(head);
    if ((0,_flags_js__WEBPACK_IMPORTED_MODULE_1__/* .asksForHelp */ .BO)(args)) {
        output.stdout.write((0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .commandHelp */ .bD)(head.command, head.action, head.describe, { dryRun: set.dryRun }));
        return 0;
    }
    const line = (0,_flags_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandLine */ .Du)(args, set);
    if (line.switches.has('version')) {
        output.stdout.write(`slipway ${(0,_commands_version_js__WEBPACK_IMPORTED_MODULE_5__/* .packageVersion */ .Tl)()}\n`);
        return 0;
    }
    const lazy = 'load' in head ? head : undefined;
    const shape = given ?? (await lazy?.config?.());
    const config = await readConfig(line);
    const { values, fromFile } = configValues(head, set, config, line, shape);
    const flow = lazy ? await lazy.load() : head;
    if (line.switches.has('dry-run') && set.dryRun) {
        const { DRY_RUNS, dryRunDocument } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(199), __nccwpck_require__.e(777), __nccwpck_require__.e(277)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8277));
        const dryRun = DRY_RUNS[flow.command];
        // Parse only: every input is checked, no process starts, no host is reached.
        const settings = flow.parse(new _core_config_inputs_js__WEBPACK_IMPORTED_MODULE_6__/* .Inputs */ .G0((0,_core_config_inputs_js__WEBPACK_IMPORTED_MODULE_6__/* .mapInputSource */ .az)(values, 'cli')), { env: process.env, platform: (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_7__/* .detectPlatform */ .l)(), workDir: process.cwd() });
        const plan = dryRun.plan(settings);
        output.stdout.write(output.json ? `${(0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_8__/* .redact */ .E$)(JSON.stringify(dryRunDocument(flow.command, plan.document), null, 2))}\n` : (0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_8__/* .redact */ .E$)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .renderText */ .S5)(plan.summary)));
        return 0;
    }
    // Ctrl-C / SIGTERM: a flow that handles cancel winds down whole (docs/cancel.md); others stop after removing their key files.
    const cancel = (0,_platform_cancel_signals_js__WEBPACK_IMPORTED_MODULE_10__/* .handleCancelSignals */ .g)(log, flow.handlesCancel === true);
    let run;
    try {
        // A slipway.yml value (often `${env:SECRET}`) is never quoted back in an error.
        const whole = () => (0,_core_run_flow_js__WEBPACK_IMPORTED_MODULE_11__/* .runFlow */ .c)(flow, values, (0,_core_run_flow_js__WEBPACK_IMPORTED_MODULE_11__/* .localContext */ .N)(log, { signal: cancel.signal }), fromFile);
        run = await (output.during ? output.during(`slipway ${flow.command}`, whole) : whole());
    }
    catch (error) {
        if (!cancel.received())
            throw error;
        log.error(`cancelled (${cancel.received()}): ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .formatError */ .Wk)(error)}`);
        return _platform_cancel_signals_js__WEBPACK_IMPORTED_MODULE_10__/* .CANCELLED_EXIT_CODE */ .p;
    }
    finally {
        cancel.dispose();
    }
    if (output.json) {
        const document = shape?.document?.(run) ?? { ok: !run.failure, failure: run.failure, outputs: run.outputs, result: run.result };
        output.stdout.write(`${(0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_8__/* .redact */ .E$)(JSON.stringify(document, null, 2))}\n`);
    }
    else {
        output.stdout.write((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_8__/* .redact */ .E$)((0,_core_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .renderText */ .S5)(flow.summary(run.result))));
    }
    if (run.failure) {
        log.error(run.failure);
        return cancel.received() ? _platform_cancel_signals_js__WEBPACK_IMPORTED_MODULE_10__/* .CANCELLED_EXIT_CODE */ .p : 1;
    }
    if (cancel.received()) {
        log.error(`cancelled (${cancel.received()}) after the last step had finished`);
        return _platform_cancel_signals_js__WEBPACK_IMPORTED_MODULE_10__/* .CANCELLED_EXIT_CODE */ .p;
    }
    return 0;
}


/***/ }),

/***/ 5802:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ ACTION_INPUTS)
/* harmony export */ });
// Generated from the action.yml files by scripts/gen-cli-inputs.mjs: edit an action.yml, then run
// `node scripts/gen-cli-inputs.mjs`. `npm test` checks this file is up to date.
const ACTION_INPUTS = {
    "deploy-pipeline": {
        "file": "action.yml",
        "description": "Build, push, deploy over SSH and smoke-test in one step, with automatic rollback when the smoke test fails and a job summary that tells the whole story.",
        "inputs": [
            {
                "name": "image",
                "description": "(build-image) The repository to build and push, e.g. 'ghcr.io/team/app' or 'git.example.com/team/app'. Required for the compose strategy unless deploy-image is set. The hosts run the pushed image pinned by digest.",
                "required": false,
                "default": ""
            },
            {
                "name": "context",
                "description": "(build-image) Build context directory, relative to the workspace.",
                "required": false,
                "default": "."
            },
            {
                "name": "dockerfile",
                "description": "(build-image) Dockerfile path, relative to the context.",
                "required": false,
                "default": "Dockerfile"
            },
            {
                "name": "platforms",
                "description": "(build-image) Target platform, one per run (linux/amd64 by default); build each platform in its own run.",
                "required": false,
                "default": "linux/amd64"
            },
            {
                "name": "tags",
                "description": "(build-image) Extra tags besides the git-derived ones; the pipeline also tags the image with the version it deploys. push-image pushes every tag build-image made for its registry. A 'registry/app' or 'registry/app:tag' entry names the same build elsewhere (push it with a push-image step of its own).",
                "required": false,
                "default": ""
            },
            {
                "name": "latest",
                "description": "(build-image) Tag 'latest': auto (on the default branch only), true or false.",
                "required": false,
                "default": "auto"
            },
            {
                "name": "version",
                "description": "(build-image, ssh-deploy, smoke-test) The version every step agrees on: the image's version label, the deploy log's version, {version} in build-args and health-expect, and what the smoke test expects the app to report. Empty: the git tag without v, else the short commit sha.",
                "required": false,
                "default": ""
            },
            {
                "name": "build-args",
                "description": "(build-image) KEY=VALUE build arguments, one per line. Secret-looking names are refused: use build-secrets.",
                "required": false,
                "default": ""
            },
            {
                "name": "build-secrets",
                "description": "(build-image) id=value BuildKit secrets, one per line (read with RUN --mount=type=secret,id=...). Values never reach argv, logs or layers.",
                "required": false,
                "default": ""
            },
            {
                "name": "labels",
                "description": "(build-image) Extra KEY=VALUE labels, one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "target",
                "description": "(build-image) Multi-stage target to build.",
                "required": false,
                "default": ""
            },
            {
                "name": "network",
                "description": "(build-image) Network for RUN steps (e.g. 'host' on runners without a bridge).",
                "required": false,
                "default": ""
            },
            {
                "name": "layer-cache",
                "description": "(build-image) Keep the layer cache across runs with the Actions cache: auto (on in CI, off on a laptop, where the engine keeps its own), on or off.",
                "required": false,
                "default": "auto"
            },
            {
                "name": "no-cache",
                "description": "(build-image) Build every step afresh, ignoring all layer caches.",
                "required": false,
                "default": "false"
            },
            {
                "name": "cache-key-files",
                "description": "(build-image) Files whose change means new dependencies (cache miss). Default: common lockfiles found in the context, plus the Dockerfile.",
                "required": false,
                "default": ""
            },
            {
                "name": "registry",
                "description": "(push-image) Registry host. Default: read from the tags; when tags also name another registry, the one push-image pushes to (the pipeline pushes one registry).",
                "required": false,
                "default": ""
            },
            {
                "name": "username",
                "description": "(push-image) Registry user. Empty: push without logging in.",
                "required": false,
                "default": ""
            },
            {
                "name": "password",
                "description": "(push-image) Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope (the job token cannot push packages).",
                "required": false,
                "default": ""
            },
            {
                "name": "verify-platform",
                "description": "(push-image) Pull back by digest and check this platform; 'none' skips the check.",
                "required": false,
                "default": "linux/amd64"
            },
            {
                "name": "verify-anonymous-pull",
                "description": "(push-image) Also pull by digest with an empty Docker config: proves a public package pulls without credentials.",
                "required": false,
                "default": "false"
            },
            {
                "name": "expect-anonymous-pull",
                "description": "(push-image) 'false': fail when the registry lets anyone pull (a private registry that turned public); 'true': as verify-anonymous-pull; empty: not checked.",
                "required": false,
                "default": ""
            },
            {
                "name": "retries",
                "description": "(push-image) Retries of login and push on network errors and 5xx (with backoff). 401/403 are never retried.",
                "required": false,
                "default": "3"
            },
            {
                "name": "rate-limit-wait",
                "description": "(push-image) Longest total wait for a registry answering 429 (e.g. 2m).",
                "required": false,
                "default": "2m"
            },
            {
                "name": "strategy",
                "description": "(ssh-deploy) compose (point a compose service at a new image), release (upload to releases/<timestamp>, switch current atomically), script (run commands on the host) or swarm (deploy stack-file as a stack on a swarm manager; with image set, the built image is pinned by digest in the services that use its repository). Or cloudron (no SSH: Cloudron's REST API with a token; install, update, rollback by restore, move; docs/cloudron.md).",
                "required": false,
                "default": "compose"
            },
            {
                "name": "mode",
                "description": "(ssh-deploy) deploy, or rollback: compose back to the previous image, release back to the previous release, using only what is recorded on the host. cloudron: install, update (= deploy), rollback (restore a backup) or move.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "host",
                "description": "(ssh-deploy, smoke-test) One host: '[user@]host[:port]'.",
                "required": false,
                "default": ""
            },
            {
                "name": "hosts",
                "description": "(ssh-deploy) Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
                "required": false,
                "default": ""
            },
            {
                "name": "port",
                "description": "(ssh-deploy, smoke-test) SSH port for hosts that do not name one.",
                "required": false,
                "default": "22"
            },
            {
                "name": "user",
                "description": "(ssh-deploy, smoke-test) SSH user for hosts that do not name one.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "private-key",
                "description": "(ssh-deploy, smoke-test) The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
                "required": true,
                "default": ""
            },
            {
                "name": "passphrase",
                "description": "(ssh-deploy, smoke-test) The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
                "required": false,
                "default": ""
            },
            {
                "name": "known-hosts",
                "description": "(ssh-deploy, smoke-test) known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
                "required": false,
                "default": ""
            },
            {
                "name": "host-fingerprint",
                "description": "(ssh-deploy, smoke-test) Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "trust-on-first-use",
                "description": "(ssh-deploy, smoke-test) Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint.",
                "required": false,
                "default": "false"
            },
            {
                "name": "jump-host",
                "description": "(ssh-deploy, smoke-test) ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-timeout",
                "description": "(ssh-deploy, smoke-test) How long to wait for a host to answer before failing.",
                "required": false,
                "default": "15s"
            },
            {
                "name": "command-timeout",
                "description": "(ssh-deploy) Limit for one remote command.",
                "required": false,
                "default": "10m"
            },
            {
                "name": "app-dir",
                "description": "(ssh-deploy) The application directory on the host, e.g. /srv/myapp. '{host}' and '{index}' are replaced per host. Required by every strategy but cloudron.",
                "required": false,
                "default": ""
            },
            {
                "name": "env",
                "description": "(ssh-deploy) KEY=VALUE lines for the remote commands (compose interpolation, hooks, scripts). Sent over stdin, never on a command line.",
                "required": false,
                "default": ""
            },
            {
                "name": "service",
                "description": "(ssh-deploy) compose: the service that runs the image.",
                "required": false,
                "default": ""
            },
            {
                "name": "compose-file",
                "description": "(ssh-deploy) compose: compose files inside app-dir, one per line. Never edited: the image is set through an override Slipway keeps in app-dir/.slipway.",
                "required": false,
                "default": "docker-compose.yml"
            },
            {
                "name": "compose-project",
                "description": "(ssh-deploy) compose: project name (-p), to run isolated instances on one host. Defaults to the app-dir name.",
                "required": false,
                "default": ""
            },
            {
                "name": "env-file",
                "description": "(ssh-deploy) compose: env file inside app-dir (--env-file).",
                "required": false,
                "default": ""
            },
            {
                "name": "pull",
                "description": "(ssh-deploy) compose: pull the image before starting it.",
                "required": false,
                "default": "true"
            },
            {
                "name": "pre-deploy",
                "description": "(ssh-deploy) compose: a command run in app-dir before the switch (e.g. a WAL-safe SQLite snapshot with docker compose exec); a failure stops the deploy.",
                "required": false,
                "default": ""
            },
            {
                "name": "artifact",
                "description": "(ssh-deploy) release: a local directory (rsync over the SSH connection) or a .tar.gz to upload as the new release.",
                "required": false,
                "default": ""
            },
            {
                "name": "shared",
                "description": "(ssh-deploy) release: paths under app-dir/shared linked into every release (env files), one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "pre-promote",
                "description": "(ssh-deploy) release: commands run inside the new release before it goes live (migrations), one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "restart",
                "description": "(ssh-deploy) release: commands that restart the services after the switch, one per line. 'sudo' ones are checked with sudo -n before promoting.",
                "required": false,
                "default": ""
            },
            {
                "name": "keep-releases",
                "description": "(ssh-deploy) release: how many release dirs to keep, failed and rolled-back ones counted (current, the one before it and the newest failed one, for forensics, go first).",
                "required": false,
                "default": "5"
            },
            {
                "name": "lock-file",
                "description": "(ssh-deploy) release: the lock file your own deploy script takes, a path under app-dir (.deploy.lock). Slipway takes its lock there (a file) instead of .slipway/lock; a file there it did not write counts as held and the deploy is refused before anything changes. Empty: .slipway/lock.",
                "required": false,
                "default": ""
            },
            {
                "name": "deploy-log",
                "description": "(ssh-deploy) release: the deploy log your team reads, a path under app-dir (deploy.log); Slipway appends its one line per deploy there (format in docs/ssh-deploy.md) instead of .slipway/deploy.log.",
                "required": false,
                "default": ""
            },
            {
                "name": "release-name",
                "description": "(ssh-deploy) release: how new releases are named, a UTC time format with %Y %m %d %H %M %S in that order (%Y%m%dT%H%M%SZ). Empty: the style of the host's newest release, else ISO 8601 basic (%Y%m%dT%H%M%SZ).",
                "required": false,
                "default": ""
            },
            {
                "name": "script",
                "description": "(ssh-deploy) script: the commands to run in app-dir (sh -e: the first failing command fails the deploy).",
                "required": false,
                "default": ""
            },
            {
                "name": "image-variable",
                "description": "(ssh-deploy) compose: the variable your compose file reads the image from (TAG for image: app:${TAG}, IMAGE for a whole reference). Slipway then sets it in the project's env file (env-file, else .env), atomically, keeps the old line for rollback and writes no override, so your own docker compose up -d starts what Slipway left running. Its value: env's when env sets it (env: TAG=v2, no image needed), else image (its tag alone where the variable holds a tag).",
                "required": false,
                "default": ""
            },
            {
                "name": "shell",
                "description": "(ssh-deploy) script: the shell that runs the script: sh (default; dash on Debian and Ubuntu), bash, or an absolute path such as /usr/bin/zsh. Run with -e either way.",
                "required": false,
                "default": "sh"
            },
            {
                "name": "script-file",
                "description": "(ssh-deploy) script: a file in the workspace holding the script (instead of script), uploaded over the deploy's SSH connection and run in app-dir with the env on stdin.",
                "required": false,
                "default": ""
            },
            {
                "name": "create-app-dir",
                "description": "(ssh-deploy) script: create app-dir (mkdir -p) before running the script, for a script that sets the directory up itself.",
                "required": false,
                "default": "false"
            },
            {
                "name": "health-url",
                "description": "(ssh-deploy) The health URL as the host sees it (http://127.0.0.1:8080/api/health), checked through the SSH connection; a failure rolls back. cloudron: the app's public health URL, '{fqdn}' replaced (default https://{fqdn} and the manifest's healthCheckPath).",
                "required": false,
                "default": ""
            },
            {
                "name": "health-expect",
                "description": "(ssh-deploy) What the health response must hold; '{version}' is replaced. A JSON member such as '\"version\":\"{version}\"' is checked on the parsed body, as the smoke test checks a version (any spacing, compared in the value's type); other text must appear in the body as written. A rollback checks for the version that served before (what it answered, or what Slipway recorded); an unknown one only needs to answer.",
                "required": false,
                "default": ""
            },
            {
                "name": "health-timeout",
                "description": "(ssh-deploy) How long the new version has to become healthy.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "batch-size",
                "description": "(ssh-deploy) Rolling deploy: hosts per batch (0 = all at once). The first failing batch stops the deploy and its changed hosts are rolled back.",
                "required": false,
                "default": "0"
            },
            {
                "name": "lock-timeout",
                "description": "(ssh-deploy) How long to wait for another deploy of the app on a host to finish.",
                "required": false,
                "default": "5m"
            },
            {
                "name": "lock-stale-after",
                "description": "(ssh-deploy) A lock older than this is broken with a warning (a deploy whose runner died).",
                "required": false,
                "default": "1h"
            },
            {
                "name": "stack",
                "description": "(ssh-deploy) swarm: the stack name on the manager (services are <stack>_<service>).",
                "required": false,
                "default": ""
            },
            {
                "name": "stack-file",
                "description": "(ssh-deploy) swarm: the stack's compose file in the repository, deployed unchanged with an override of safe update defaults and the pinned image.",
                "required": false,
                "default": "docker-compose.yml"
            },
            {
                "name": "swarm-service",
                "description": "(ssh-deploy) swarm: update only this service's image instead of deploying the stack.",
                "required": false,
                "default": ""
            },
            {
                "name": "parallelism",
                "description": "(ssh-deploy) swarm: tasks replaced at once where the stack file gives no update_config.parallelism.",
                "required": false,
                "default": "1"
            },
            {
                "name": "swarm-timeout",
                "description": "(ssh-deploy) swarm: how long to wait for every service to converge.",
                "required": false,
                "default": "5m"
            },
            {
                "name": "swarm-secrets",
                "description": "(ssh-deploy) swarm: KEY=VALUE lines that become Docker secrets (from stdin) for the stack file's secrets.",
                "required": false,
                "default": ""
            },
            {
                "name": "zero-downtime",
                "description": "(ssh-deploy) compose: start the new version beside the old on a free port, health-check it, switch the proxy, drain, then stop the old one. Needs health-url.",
                "required": false,
                "default": "false"
            },
            {
                "name": "slot-ports",
                "description": "(ssh-deploy) zero-downtime: host port range the side-by-side copy may use (checked free on the host first).",
                "required": false,
                "default": "20080-20099"
            },
            {
                "name": "port-env",
                "description": "(ssh-deploy) zero-downtime: environment variable through which the app reads its port.",
                "required": false,
                "default": "PORT"
            },
            {
                "name": "proxy",
                "description": "(ssh-deploy) zero-downtime: caddy (admin API), nginx (include file + nginx -t + reload) or command.",
                "required": false,
                "default": "caddy"
            },
            {
                "name": "caddy-admin",
                "description": "(ssh-deploy) zero-downtime: Caddy admin API address on the host's loopback.",
                "required": false,
                "default": "127.0.0.1:2019"
            },
            {
                "name": "nginx-upstream-file",
                "description": "(ssh-deploy) zero-downtime with proxy nginx: the upstream include file Slipway rewrites (writable by the SSH user).",
                "required": false,
                "default": ""
            },
            {
                "name": "nginx-command",
                "description": "(ssh-deploy) zero-downtime with proxy nginx: the nginx command (for -t and -s reload).",
                "required": false,
                "default": "nginx"
            },
            {
                "name": "proxy-switch-command",
                "description": "(ssh-deploy) zero-downtime with proxy command: a command on the host that points the proxy at the port given as its last argument.",
                "required": false,
                "default": ""
            },
            {
                "name": "proxy-health-url",
                "description": "(ssh-deploy) zero-downtime: a URL through the proxy that must report the new version after the switch.",
                "required": false,
                "default": ""
            },
            {
                "name": "drain-timeout",
                "description": "(ssh-deploy) zero-downtime: longest wait for the old copy's open connections to finish before it is stopped.",
                "required": false,
                "default": "30s"
            },
            {
                "name": "watch-window",
                "description": "(ssh-deploy) zero-downtime: how long health is watched after the switch; red within it switches back.",
                "required": false,
                "default": "0s"
            },
            {
                "name": "stop-timeout",
                "description": "(ssh-deploy) zero-downtime: grace period when stopping the old copy.",
                "required": false,
                "default": "10s"
            },
            {
                "name": "cloudron-origin",
                "description": "(ssh-deploy) cloudron: the Cloudron dashboard, my.example.com or https://my.example.com (the REST API is at /api/v1; no SSH).",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-token",
                "description": "(ssh-deploy) cloudron: an API token (Profile → API Tokens, Read and Write), from a secret. Sent only as an Authorization: Bearer header, never on a command line or in a URL.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-app",
                "description": "(ssh-deploy) cloudron: the installed app, by id or location (staging.example.com); for modes update, rollback and move.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-location",
                "description": "(ssh-deploy) cloudron: install: the new app's location (staging.example.com, side by side); move: where the app goes (example.com for the apex).",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-manifest",
                "description": "(ssh-deploy) cloudron: the path to CloudronManifest.json; its version must equal the image tag and be greater than the installed version.",
                "required": false,
                "default": "CloudronManifest.json"
            },
            {
                "name": "cloudron-backup",
                "description": "(ssh-deploy) cloudron: mode rollback: the backup id to restore; by default the newest backup of a version below the running one.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-task-timeout",
                "description": "(ssh-deploy) cloudron: how long one Cloudron task (install, update, restore, move) may run.",
                "required": false,
                "default": "30m"
            },
            {
                "name": "cloudron-poll-interval",
                "description": "(ssh-deploy) cloudron: how often Slipway asks Cloudron about a task and the app.",
                "required": false,
                "default": "2s"
            },
            {
                "name": "cloudron-verify-anonymous-pull",
                "description": "(ssh-deploy) cloudron: before any change, check the image pulls without credentials for linux/amd64 (Cloudron pulls anonymously).",
                "required": false,
                "default": "true"
            },
            {
                "name": "cloudron-version-path",
                "description": "(ssh-deploy) cloudron: the JSON path in the health response that must hold the deployed version (unset: not checked).",
                "required": false,
                "default": ""
            },
            {
                "name": "url",
                "description": "(smoke-test) The one-line form: the health endpoint to check, e.g. 'https://app.example.com/api/health'. Combine with expect-version.",
                "required": false,
                "default": ""
            },
            {
                "name": "expect-version",
                "description": "(smoke-test) The deployed version that must appear at version-path in the url's JSON body; a stale version keeps the check failing until the timeout.",
                "required": false,
                "default": ""
            },
            {
                "name": "version-path",
                "description": "(smoke-test) Where the version is in the JSON body: 'version', 'build.version', '$.app[\"version\"]'.",
                "required": false,
                "default": "version"
            },
            {
                "name": "checks",
                "description": "(smoke-test) A YAML list of checks. Each: url (required), name, method, headers (map), secret-headers (names of headers whose values are secret),\nbody, expect-status (200, [200, 204] or 2xx), json (assertions: 'path == value', !=, <, >, contains, matches, exists; or a map of path: value),\nbody-contains, body-matches, max-latency, expect-version, version-path, health-document (false to ignore status/ok fields), connect-to.",
                "required": false,
                "default": ""
            },
            {
                "name": "checks-file",
                "description": "(smoke-test) A YAML file (relative to the workspace) with the same list of checks.",
                "required": false,
                "default": ""
            },
            {
                "name": "expect-status",
                "description": "(smoke-test) Default accepted status for every check: a code, a list (200, 204) or a class (2xx).",
                "required": false,
                "default": "2xx"
            },
            {
                "name": "headers",
                "description": "(smoke-test) KEY=VALUE headers sent with every request, one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "secret-headers",
                "description": "(smoke-test) KEY=VALUE headers whose values are secret (e.g. 'Authorization=Bearer secrets.HEALTH_TOKEN'): sent with every request, never printed.",
                "required": false,
                "default": ""
            },
            {
                "name": "max-latency",
                "description": "(smoke-test) Default latency budget per request (e.g. 500ms); a slower answer fails the attempt.",
                "required": false,
                "default": ""
            },
            {
                "name": "timeout",
                "description": "(smoke-test) Readiness deadline: retry with backoff until every check passes or this long has passed.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "request-timeout",
                "description": "(smoke-test) Give up on one request after this long.",
                "required": false,
                "default": "10s"
            },
            {
                "name": "consecutive-passes",
                "description": "(smoke-test) Passes in a row each check needs once it first passes, so a flapping service fails.",
                "required": false,
                "default": "3"
            },
            {
                "name": "max-retry-interval",
                "description": "(smoke-test) Longest pause between retries (the backoff starts at 100ms and grows by half each retry).",
                "required": false,
                "default": "5s"
            },
            {
                "name": "ca-cert",
                "description": "(smoke-test) A CA certificate (PEM text or a file path) trusted besides the system roots, for a private CA. TLS is always verified.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-to",
                "description": "(smoke-test) Dial this address[:port] instead of the URL's host, keeping the URL's name for Host and TLS (SNI, certificate): check a new server before DNS points at it.",
                "required": false,
                "default": ""
            },
            {
                "name": "soak-requests",
                "description": "(smoke-test) After readiness, send up to this many requests per check (0: no soak).",
                "required": false,
                "default": "0"
            },
            {
                "name": "soak-duration",
                "description": "(smoke-test) Stop the soak after this long even if requests remain.",
                "required": false,
                "default": "30s"
            },
            {
                "name": "soak-concurrency",
                "description": "(smoke-test) Requests in flight at once during the soak.",
                "required": false,
                "default": "4"
            },
            {
                "name": "soak-max-p95",
                "description": "(smoke-test) Fail when the soak p95 latency is above this (e.g. 300ms).",
                "required": false,
                "default": ""
            },
            {
                "name": "soak-max-error-rate",
                "description": "(smoke-test) Fail when more than this share of soak requests fail their check (e.g. 1%).",
                "required": false,
                "default": "0%"
            },
            {
                "name": "via-ssh",
                "description": "(smoke-test) true: run the checks from inside each host through SSH (for loopback-only ports). Empty: true when the checks come from health-url (no url or checks given), else false.",
                "required": false,
                "default": ""
            },
            {
                "name": "deploy-image",
                "description": "(pipeline) Deploy this existing image (a full reference, ideally pinned by digest) instead of building one: build-image and push-image are skipped. The same as ssh-deploy's image.",
                "required": false,
                "default": ""
            },
            {
                "name": "check-version",
                "description": "(pipeline) true: the smoke test expects the app to report the deployed version (at version-path, default 'version') unless expect-version is set. false: no version check.",
                "required": false,
                "default": "true"
            },
            {
                "name": "rollback-on-failure",
                "description": "(pipeline) true: when the smoke test fails, every host this run changed goes back to the version it ran before (ssh-deploy mode rollback, from host state), and the job fails saying so. false: fail without rolling back.",
                "required": false,
                "default": "true"
            },
            {
                "name": "dry-run",
                "description": "(pipeline) true: print the plan (commands per host, images, checks) and touch nothing.",
                "required": false,
                "default": "false"
            }
        ]
    },
    "build-image": {
        "file": "actions/build-image/action.yml",
        "description": "Build a Docker image for linux/amd64 from a Dockerfile, tagged from git, with OCI labels and a layer cache kept across runs.",
        "inputs": [
            {
                "name": "image",
                "description": "Repository to tag, without a tag: 'git.example.com/team/app'.",
                "required": true,
                "default": ""
            },
            {
                "name": "context",
                "description": "Build context directory, relative to the workspace.",
                "required": false,
                "default": "."
            },
            {
                "name": "dockerfile",
                "description": "Dockerfile path, relative to the context.",
                "required": false,
                "default": "Dockerfile"
            },
            {
                "name": "platforms",
                "description": "The one target platform (linux/amd64, linux/arm64, ...). One platform per build-image step: the image is loaded into the local engine, which holds one platform per tag, so a list is refused.",
                "required": false,
                "default": "linux/amd64"
            },
            {
                "name": "tags",
                "description": "Extra tags besides those from git (sha-<short>, sha-<full>, branch, semver from a v1.2.3 tag), one per line. An entry with a registry or repository names the same build elsewhere: 'registry/app' gets every tag of this build, 'registry/app:tag' that one tag; all of them are one image, so every registry gets the same digest (push each registry with its own push-image step).",
                "required": false,
                "default": ""
            },
            {
                "name": "latest",
                "description": "Tag 'latest': auto (on the default branch only), true or false.",
                "required": false,
                "default": "auto"
            },
            {
                "name": "version",
                "description": "Version recorded in the org.opencontainers.image.version label. Default: the semver tag, else the short sha.",
                "required": false,
                "default": ""
            },
            {
                "name": "build-args",
                "description": "KEY=VALUE build arguments, one per line. Secret-looking names are refused: use build-secrets.",
                "required": false,
                "default": ""
            },
            {
                "name": "build-secrets",
                "description": "id=value BuildKit secrets, one per line (read with RUN --mount=type=secret,id=...). Values never reach argv, logs or layers.",
                "required": false,
                "default": ""
            },
            {
                "name": "labels",
                "description": "Extra KEY=VALUE labels, one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "target",
                "description": "Multi-stage target to build.",
                "required": false,
                "default": ""
            },
            {
                "name": "network",
                "description": "Network for RUN steps (e.g. 'host' on runners without a bridge).",
                "required": false,
                "default": ""
            },
            {
                "name": "layer-cache",
                "description": "Keep the layer cache across runs with the Actions cache: auto (on in CI, off on a laptop, where the engine keeps its own), on or off.",
                "required": false,
                "default": "auto"
            },
            {
                "name": "no-cache",
                "description": "Build every step afresh, ignoring all layer caches.",
                "required": false,
                "default": "false"
            },
            {
                "name": "cache-key-files",
                "description": "Files whose change means new dependencies (cache miss). Default: common lockfiles found in the context, plus the Dockerfile.",
                "required": false,
                "default": ""
            }
        ]
    },
    "preview": {
        "file": "actions/preview/action.yml",
        "description": "A preview environment per pull request on your own host over SSH: its own compose project, env file with host-made secrets, named volumes and loopback port; smoke-checked, announced on the PR, removed without a trace.",
        "inputs": [
            {
                "name": "command",
                "description": "up (create or update the PR's preview), down (remove it: project, volumes, env file, state), list (previews with disk use) or reap (remove previews whose PR is closed or that are older than max-age).",
                "required": false,
                "default": "up"
            },
            {
                "name": "host",
                "description": "The host: '[user@]host[:port]'.",
                "required": false,
                "default": ""
            },
            {
                "name": "hosts",
                "description": "Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
                "required": false,
                "default": ""
            },
            {
                "name": "port",
                "description": "SSH port for hosts that do not name one.",
                "required": false,
                "default": "22"
            },
            {
                "name": "user",
                "description": "SSH user for hosts that do not name one.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "private-key",
                "description": "The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
                "required": true,
                "default": ""
            },
            {
                "name": "passphrase",
                "description": "The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
                "required": false,
                "default": ""
            },
            {
                "name": "known-hosts",
                "description": "known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
                "required": false,
                "default": ""
            },
            {
                "name": "host-fingerprint",
                "description": "Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "trust-on-first-use",
                "description": "Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint. Refused together with host-fingerprint (a pin is authoritative).",
                "required": false,
                "default": "false"
            },
            {
                "name": "jump-host",
                "description": "ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-timeout",
                "description": "How long to wait for a host to answer before failing.",
                "required": false,
                "default": "15s"
            },
            {
                "name": "command-timeout",
                "description": "Limit for one remote command.",
                "required": false,
                "default": "10m"
            },
            {
                "name": "app",
                "description": "Short name of the application: each preview is the compose project '<app>-pr-<n>' (its containers and named volumes carry that prefix).",
                "required": true,
                "default": ""
            },
            {
                "name": "app-dir",
                "description": "The production application directory on the host, e.g. /srv/shop. Its compose file is reused; previews keep their env file and state under .slipway/previews/pr-<n>/.",
                "required": true,
                "default": ""
            },
            {
                "name": "pr",
                "description": "The pull request number (up and down).",
                "required": false,
                "default": ""
            },
            {
                "name": "image",
                "description": "up: the PR's image, e.g. registry.example.com/shop:pr-12.",
                "required": false,
                "default": ""
            },
            {
                "name": "version",
                "description": "The version shown in the announcement and expected in the health document. Defaults to the image tag.",
                "required": false,
                "default": ""
            },
            {
                "name": "sha",
                "description": "The commit the preview runs: a GitHub deployment (Forgejo: a commit status) is recorded for it.",
                "required": false,
                "default": ""
            },
            {
                "name": "compose-file",
                "description": "Compose files inside app-dir, one per line. Named volumes without name:/external: are per preview; bind mounts are refused.",
                "required": false,
                "default": "docker-compose.yml"
            },
            {
                "name": "service",
                "description": "The compose service that runs the image.",
                "required": false,
                "default": "app"
            },
            {
                "name": "env-template",
                "description": "An env template inside app-dir: 'KEY={{generate}}' gets 32 random bytes (hex) made on the host, '{{pr}}', '{{port}}', '{{host}}', '{{url}}' and '{{project}}' are replaced. Never production's env file.",
                "required": false,
                "default": ""
            },
            {
                "name": "seed",
                "description": "A command run once inside the service after the preview's first start (sh -c), e.g. seeding demo users.",
                "required": false,
                "default": ""
            },
            {
                "name": "port-base",
                "description": "A multiple of 1000: preview pr-<n> listens on 127.0.0.1 port port-base + (n mod 1000), the port the static proxy snippets compute from the host name.",
                "required": false,
                "default": "40000"
            },
            {
                "name": "domain",
                "description": "Previews answer at pr-<n>.<domain>.",
                "required": false,
                "default": "preview.localhost"
            },
            {
                "name": "scheme",
                "description": "http or https, for the announced URL.",
                "required": false,
                "default": "https"
            },
            {
                "name": "health-path",
                "description": "Path of the health document, checked on the preview's port with the smoke probe before it is announced.",
                "required": false,
                "default": "/api/health"
            },
            {
                "name": "health-timeout",
                "description": "How long the preview may take to become healthy.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "max-previews",
                "description": "How many previews may run at once.",
                "required": false,
                "default": "5"
            },
            {
                "name": "when-full",
                "description": "evict-oldest (remove the oldest preview to make room) or refuse (fail the up).",
                "required": false,
                "default": "evict-oldest"
            },
            {
                "name": "max-age",
                "description": "reap: a preview older than this is removed even if its PR is still open (0 = no age limit).",
                "required": false,
                "default": "14d"
            },
            {
                "name": "forge",
                "description": "github or forgejo (detected from the runner).",
                "required": false,
                "default": ""
            },
            {
                "name": "forge-url",
                "description": "The API base: https://api.github.com, or https://<forgejo>/api/v1. Defaults to the runner’s API URL.",
                "required": false,
                "default": ""
            },
            {
                "name": "repository",
                "description": "owner/name; defaults to the repository the workflow runs in.",
                "required": false,
                "default": ""
            },
            {
                "name": "forge-token",
                "description": "Token for reap (reads PR state) and announcements (PR comment, deployment or commit status), e.g. secrets.GITHUB_TOKEN.",
                "required": false,
                "default": ""
            },
            {
                "name": "announce",
                "description": "Keep one PR comment up to date and record a GitHub deployment (environment_url) or a Forgejo commit status (target_url).",
                "required": false,
                "default": "true"
            },
            {
                "name": "lock-timeout",
                "description": "How long to wait for another preview operation on the host to finish.",
                "required": false,
                "default": "5m"
            },
            {
                "name": "lock-stale-after",
                "description": "A previews lock older than this is broken, with a warning.",
                "required": false,
                "default": "1h"
            }
        ]
    },
    "push-image": {
        "file": "actions/push-image/action.yml",
        "description": "Push image tags to any v2 registry (password on stdin), output the manifest digest, verify a pull by digest and its platform, log out.",
        "inputs": [
            {
                "name": "tags",
                "description": "Full references to push, one per line (build-image's 'tags' output). When they name several registries, only those of 'registry' are pushed.",
                "required": true,
                "default": ""
            },
            {
                "name": "registry",
                "description": "Registry host. Default: read from the tags; required when the tags name several registries (one push-image step per registry, each with its own credentials).",
                "required": false,
                "default": ""
            },
            {
                "name": "username",
                "description": "Registry user. Empty: push without logging in.",
                "required": false,
                "default": ""
            },
            {
                "name": "password",
                "description": "Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope (the job token cannot push packages).",
                "required": false,
                "default": ""
            },
            {
                "name": "verify-platform",
                "description": "Pull back by digest and check this platform; 'none' skips the check.",
                "required": false,
                "default": "linux/amd64"
            },
            {
                "name": "verify-anonymous-pull",
                "description": "Also pull by digest with an empty Docker config: proves a public package pulls without credentials.",
                "required": false,
                "default": "false"
            },
            {
                "name": "expect-anonymous-pull",
                "description": "'true': as verify-anonymous-pull. 'false': the registry must refuse a pull without credentials, and the step fails when an anonymous pull succeeds (a private registry that turned public): a registry whose API answers anyone is refused before anything is pushed, a token registry (Gitea/Forgejo) is asked for the pushed digest anonymously. Empty: not checked.",
                "required": false,
                "default": ""
            },
            {
                "name": "retries",
                "description": "Retries of login and push on network errors and 5xx (with backoff). 401/403 are never retried.",
                "required": false,
                "default": "3"
            },
            {
                "name": "rate-limit-wait",
                "description": "Longest total wait for a registry answering 429 (e.g. 2m).",
                "required": false,
                "default": "2m"
            }
        ]
    },
    "restore-drill": {
        "file": "actions/restore-drill/action.yml",
        "description": "Restore the newest backup (SQLite, restic, borg, PostgreSQL, tarball) into a scratch place, verify the backup, the data and optionally the app, and report RPO and RTO.",
        "inputs": [
            {
                "name": "mode",
                "description": "'drill' restores and verifies; 'staleness' only checks that the drill workflow succeeded within max-staleness (for the deploy pipeline).",
                "required": false,
                "default": "drill"
            },
            {
                "name": "name",
                "description": "Name of this drill: used in the report file, the history of row counts and the issue title.",
                "required": false,
                "default": "restore-drill"
            },
            {
                "name": "source",
                "description": "Where the backup is: 'sqlite' (a live database, read online-safe), 'restic', 'borg', 'postgres' (dump file or live database) or 'tarball' (a tar file or a Docker volume).",
                "required": false,
                "default": ""
            },
            {
                "name": "database-path",
                "description": "source sqlite: the live SQLite file (on the runner, in 'container', or on 'host' over SSH). Backups: the SQLite file inside the backup, as it was backed up (found automatically when there is only one).",
                "required": false,
                "default": ""
            },
            {
                "name": "restore-as",
                "description": "Rename the restored SQLite database (with its -wal/-shm files) to this bare file name, the one the app expects (e.g. 'portal.db' for a backup of 'portal.snapshot.<timestamp>.db'). Refused over a file the backup also holds. Not for source postgres.",
                "required": false,
                "default": ""
            },
            {
                "name": "container",
                "description": "source sqlite: a running container holding the database (sqlite3 must be installed in it); the snapshot is taken with docker exec.",
                "required": false,
                "default": ""
            },
            {
                "name": "host",
                "description": "source sqlite: take the snapshot on this host over SSH, '[user@]host[:port]' (the ssh-deploy transport and its inputs: port, user, private-key, passphrase, known-hosts, host-fingerprint).",
                "required": false,
                "default": ""
            },
            {
                "name": "port",
                "description": "SSH port of host.",
                "required": false,
                "default": "22"
            },
            {
                "name": "user",
                "description": "SSH user on host.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "private-key",
                "description": "Private key for host (a secret), or a path to a key file.",
                "required": false,
                "default": ""
            },
            {
                "name": "passphrase",
                "description": "Passphrase of private-key (a secret).",
                "required": false,
                "default": ""
            },
            {
                "name": "known-hosts",
                "description": "known_hosts lines (or a file) that pin the key of host.",
                "required": false,
                "default": ""
            },
            {
                "name": "host-fingerprint",
                "description": "Pinned SHA256: fingerprint(s) of the key of host, instead of known-hosts.",
                "required": false,
                "default": ""
            },
            {
                "name": "repository",
                "description": "source restic/borg: the repository (a path, sftp:, s3:, ssh:// …).",
                "required": false,
                "default": ""
            },
            {
                "name": "password",
                "description": "source restic/borg: the repository password (a secret; passed as RESTIC_PASSWORD / BORG_PASSPHRASE, never on the command line).",
                "required": false,
                "default": ""
            },
            {
                "name": "password-command",
                "description": "source restic/borg: a command printing the password (RESTIC_PASSWORD_COMMAND / BORG_PASSCOMMAND), instead of password.",
                "required": false,
                "default": ""
            },
            {
                "name": "snapshot",
                "description": "Which backup to drill: 'latest', a restic snapshot id (8+ characters) or a borg archive name.",
                "required": false,
                "default": "latest"
            },
            {
                "name": "tags",
                "description": "restic: only snapshots with these tags (one per line).",
                "required": false,
                "default": ""
            },
            {
                "name": "snapshot-path",
                "description": "restic: only snapshots of this path. borg: an archive name glob, e.g. 'lynx-portal-*'.",
                "required": false,
                "default": ""
            },
            {
                "name": "read-data-subset",
                "description": "restic check --read-data-subset, e.g. '5%' or '1/7' (empty: check the metadata only).",
                "required": false,
                "default": ""
            },
            {
                "name": "skip-repository-check",
                "description": "Skip restic check / borg check (they can take long on big repositories).",
                "required": false,
                "default": "false"
            },
            {
                "name": "also-random-older",
                "description": "Also restore a randomly chosen older snapshot and check its integrity.",
                "required": false,
                "default": "false"
            },
            {
                "name": "dump-file",
                "description": "source postgres: a pg_dump custom-format file.",
                "required": false,
                "default": ""
            },
            {
                "name": "pg-database",
                "description": "source postgres: a live database to dump for the drill (instead of dump-file).",
                "required": false,
                "default": ""
            },
            {
                "name": "pg-host",
                "description": "PostgreSQL server the scratch database is created on.",
                "required": false,
                "default": "127.0.0.1"
            },
            {
                "name": "pg-port",
                "description": "PostgreSQL port.",
                "required": false,
                "default": "5432"
            },
            {
                "name": "pg-user",
                "description": "A role with CREATEDB and no superuser rights: a dump can carry code. The drill checks this and fails, restoring nothing, when pg-user is a superuser.",
                "required": false,
                "default": "slipway"
            },
            {
                "name": "pg-password",
                "description": "Password of pg-user (a secret; passed as PGPASSWORD).",
                "required": false,
                "default": ""
            },
            {
                "name": "pg-maintenance-database",
                "description": "Database to connect to for CREATE/DROP DATABASE.",
                "required": false,
                "default": "postgres"
            },
            {
                "name": "scratch-database",
                "description": "Name of the scratch database (created and dropped by the drill; refused if it is the source). Empty: generated.",
                "required": false,
                "default": ""
            },
            {
                "name": "tarball",
                "description": "source tarball: a tar file of a data directory.",
                "required": false,
                "default": ""
            },
            {
                "name": "volume",
                "description": "source tarball: a Docker volume, packed read-only through helper-image.",
                "required": false,
                "default": ""
            },
            {
                "name": "helper-image",
                "description": "An image with tar, used to pack a Docker volume (runs with --network none).",
                "required": false,
                "default": "busybox"
            },
            {
                "name": "tables",
                "description": "Tables that must exist, one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "min-rows",
                "description": "Minimum row counts, TABLE=N one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "queries",
                "description": "SQL queries with their expected result, one per line: 'SELECT count(*) FROM students => 3' (columns joined by |, rows by newlines). '{restored}' (the restored SQLite file on the runner, or the scratch PostgreSQL database) and '{restored-dir}' are replaced on both sides.",
                "required": false,
                "default": ""
            },
            {
                "name": "max-age",
                "description": "The backup (and, with freshness-column, the newest row) must be younger than this, e.g. '26h'.",
                "required": false,
                "default": ""
            },
            {
                "name": "freshness-column",
                "description": "table.column holding a timestamp (ISO-8601, SQLite datetime, unix seconds, or a PostgreSQL timestamp) whose newest value must be within max-age (without max-age it checks nothing, and the drill warns).",
                "required": false,
                "default": ""
            },
            {
                "name": "shrink-tolerance",
                "description": "Fail when a table has lost more than this percentage of its rows since the last passing drill ('valid but empty').",
                "required": false,
                "default": "10"
            },
            {
                "name": "previous-report",
                "description": "A file with the last passing report (for the row-count comparison). Empty: the Actions cache in CI, .slipway/<name>-last-pass.json locally.",
                "required": false,
                "default": ""
            },
            {
                "name": "app-image",
                "description": "Boot this image on the restored data (host network, a port the drill chooses) and health-check it. Empty: no app boot.",
                "required": false,
                "default": ""
            },
            {
                "name": "app-args",
                "description": "Arguments after the image, one per line; '{port}' is replaced by the chosen port, '{restored}' by the restored database as the app sees it (its path under app-data-mount, or the scratch PostgreSQL database's name) and '{restored-dir}' by app-data-mount.",
                "required": false,
                "default": ""
            },
            {
                "name": "app-env",
                "description": "KEY=VALUE environment for the app, one per line (passed through the environment, not argv; every value is treated as a secret and masked). '{restored}' and '{restored-dir}' are replaced as in app-args, e.g. 'DATABASE_PATH={restored}'.",
                "required": false,
                "default": ""
            },
            {
                "name": "app-port-env",
                "description": "Environment variable that tells the app which port to listen on.",
                "required": false,
                "default": "PORT"
            },
            {
                "name": "app-data-mount",
                "description": "Where the restored data (the database's directory) is mounted in the app container.",
                "required": false,
                "default": "/data"
            },
            {
                "name": "app-health-path",
                "description": "Health endpoint of the app.",
                "required": false,
                "default": "/healthz"
            },
            {
                "name": "app-expect-status",
                "description": "HTTP status the health endpoint must answer.",
                "required": false,
                "default": "200"
            },
            {
                "name": "app-timeout",
                "description": "How long the app may take to answer healthy.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "scratch-root",
                "description": "Where the scratch directory is made (default RUNNER_TEMP or /tmp).",
                "required": false,
                "default": ""
            },
            {
                "name": "scratch-dir",
                "description": "Restore into this directory (must not exist or be empty; refused if it is or holds the source; removed afterwards). Empty: a fresh temporary directory.",
                "required": false,
                "default": ""
            },
            {
                "name": "report-file",
                "description": "Where the JSON report is written (relative to the workspace).",
                "required": false,
                "default": ""
            },
            {
                "name": "timeout",
                "description": "Upper bound for the whole drill: at the deadline the running command is stopped, the scratch place (directory, containers, databases) is still removed, and the drill fails naming the step it was in.",
                "required": false,
                "default": "30m"
            },
            {
                "name": "forge-token",
                "description": "Token for the issue and staleness features (GITHUB_TOKEN with issues: write and actions: read, or a Forgejo token).",
                "required": false,
                "default": ""
            },
            {
                "name": "forge",
                "description": "'github' or 'forgejo' (detected from the runner).",
                "required": false,
                "default": ""
            },
            {
                "name": "forge-api-url",
                "description": "API base URL (default GITHUB_API_URL, or <server>/api/v1 on Forgejo).",
                "required": false,
                "default": ""
            },
            {
                "name": "forge-repository",
                "description": "owner/name of the repository for issues and runs (default: this one).",
                "required": false,
                "default": ""
            },
            {
                "name": "issue-on-failure",
                "description": "Open (or comment on the open) issue when the drill fails, and close it when the drill passes again.",
                "required": false,
                "default": "false"
            },
            {
                "name": "issue-title",
                "description": "Title of the drill issue (the open issue with this title is reused). Default: Restore drill '<name>' is failing.",
                "required": false,
                "default": ""
            },
            {
                "name": "issue-labels",
                "description": "Labels for a new issue (GitHub; Forgejo wants label ids, so none are set there).",
                "required": false,
                "default": ""
            },
            {
                "name": "drill-workflow",
                "description": "mode staleness: the drill workflow's file name, e.g. 'restore-drill.yml'.",
                "required": false,
                "default": ""
            },
            {
                "name": "max-staleness",
                "description": "mode staleness: the last successful drill run may be at most this old.",
                "required": false,
                "default": "8d"
            },
            {
                "name": "on-stale",
                "description": "mode staleness: 'warn' or 'fail' when the last successful drill is too old.",
                "required": false,
                "default": "fail"
            }
        ]
    },
    "secret-scan": {
        "file": "actions/secret-scan/action.yml",
        "description": "Scan a pull request, a push, the working tree or the whole history for committed secrets. Never prints a secret.",
        "inputs": [
            {
                "name": "mode",
                "description": "auto (from the event: pull_request → pr, push → push, schedule → history, otherwise tree), pr, push, tree or history.",
                "required": false,
                "default": "auto"
            },
            {
                "name": "working-directory",
                "description": "The checked-out repository to scan.",
                "required": false,
                "default": "."
            },
            {
                "name": "base",
                "description": "pr mode: the base commit or branch (default: the pull request's base sha from the event). Like head, before, after and ref, it must be a valid ref name or commit id (never starting with '-').",
                "required": false,
                "default": ""
            },
            {
                "name": "base-ref",
                "description": "pr mode: the base branch name, fetched when the base commit cannot be fetched by sha (default: from the event).",
                "required": false,
                "default": ""
            },
            {
                "name": "head",
                "description": "pr mode: the head commit (default: the pull request's head sha); history mode: walk back from this commit only (default: every ref).",
                "required": false,
                "default": ""
            },
            {
                "name": "before",
                "description": "push mode: the commit before the push (default: from the event). All zeros (a new branch), or a commit gone after a force push, scans every commit of the branch that no other branch has (other branches are fetched when the checkout lacks them; at most 200 commits, said in the summary).",
                "required": false,
                "default": ""
            },
            {
                "name": "after",
                "description": "push mode: the commit after the push (default: from the event).",
                "required": false,
                "default": ""
            },
            {
                "name": "ref",
                "description": "push mode: the pushed ref, e.g. refs/heads/feature (default: from the event, else GITHUB_REF); its copies are not counted as other branches.",
                "required": false,
                "default": ""
            },
            {
                "name": "config",
                "description": "Scanner config in the repository (extra rules, disabled rules, allowlists). A missing default file is fine; a missing file you name is an error. pr mode reads it (and the baseline) from the merge base, push mode from the old head: a change's own edits to them take effect after merge.",
                "required": false,
                "default": ".slipway/secret-scan.yml"
            },
            {
                "name": "baseline",
                "description": "Baseline file of accepted finding fingerprints (relative to working-directory).",
                "required": false,
                "default": ".slipway/secret-scan-baseline.json"
            },
            {
                "name": "write-baseline",
                "description": "Write every current finding to the baseline file and succeed (adopting the scanner on an old repository). Commit the file afterwards.",
                "required": false,
                "default": "false"
            },
            {
                "name": "sarif",
                "description": "Where to write the SARIF 2.1.0 report (for github/codeql-action/upload-sarif); \"none\" for no file.",
                "required": false,
                "default": "secret-scan.sarif"
            },
            {
                "name": "max-file-size",
                "description": "Files (or a file's added lines) larger than this are skipped, e.g. 1MB or 500KB; each skipped file is named in the log, the summary and the SARIF file. `max-file-size:` in the config file takes precedence.",
                "required": false,
                "default": "1MB"
            },
            {
                "name": "comment",
                "description": "Create or update one pull-request comment with the findings (GitHub or Forgejo API).",
                "required": false,
                "default": "false"
            },
            {
                "name": "token",
                "description": "API token for the comment (GitHub: secrets.GITHUB_TOKEN with pull-requests: write; Forgejo: a token with write:issue).",
                "required": false,
                "default": ""
            },
            {
                "name": "pr-number",
                "description": "Pull request number for the comment (default from the event).",
                "required": false,
                "default": ""
            },
            {
                "name": "repository",
                "description": "owner/name for the comment (default from the run).",
                "required": false,
                "default": ""
            },
            {
                "name": "api-url",
                "description": "API base URL (default: GITHUB_API_URL on GitHub, <server>/api/v1 on Forgejo).",
                "required": false,
                "default": ""
            }
        ]
    },
    "smoke-test": {
        "file": "actions/smoke-test/action.yml",
        "description": "Prove the deploy is live: wait until the app answers, check its version, JSON, body and latency, optionally soak it; over HTTPS with a private CA, a pinned Host/SNI, or through SSH to a loopback-only port.",
        "inputs": [
            {
                "name": "url",
                "description": "The one-line form: the health endpoint to check, e.g. 'https://app.example.com/api/health'. Combine with expect-version.",
                "required": false,
                "default": ""
            },
            {
                "name": "expect-version",
                "description": "The deployed version that must appear at version-path in the url's JSON body; a stale version keeps the check failing until the timeout.",
                "required": false,
                "default": ""
            },
            {
                "name": "version-path",
                "description": "Where the version is in the JSON body: 'version', 'build.version', '$.app[\"version\"]'.",
                "required": false,
                "default": "version"
            },
            {
                "name": "checks",
                "description": "A YAML list of checks. Each: url (required), name, method, headers (map), secret-headers (names of headers whose values are secret),\nbody, expect-status (200, [200, 204] or 2xx), json (assertions: 'path == value', !=, <, >, contains, matches, exists; or a map of path: value),\nbody-contains, body-matches, max-latency, expect-version, version-path, health-document (false to ignore status/ok fields), connect-to.",
                "required": false,
                "default": ""
            },
            {
                "name": "checks-file",
                "description": "A YAML file (relative to the workspace) with the same list of checks.",
                "required": false,
                "default": ""
            },
            {
                "name": "expect-status",
                "description": "Default accepted status for every check: a code, a list (200, 204) or a class (2xx).",
                "required": false,
                "default": "2xx"
            },
            {
                "name": "headers",
                "description": "KEY=VALUE headers sent with every request, one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "secret-headers",
                "description": "KEY=VALUE headers whose values are secret (e.g. 'Authorization=Bearer secrets.HEALTH_TOKEN'): sent with every request, never printed.",
                "required": false,
                "default": ""
            },
            {
                "name": "max-latency",
                "description": "Default latency budget per request (e.g. 500ms); a slower answer fails the attempt.",
                "required": false,
                "default": ""
            },
            {
                "name": "timeout",
                "description": "Readiness deadline: retry with backoff until every check passes or this long has passed.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "request-timeout",
                "description": "Give up on one request after this long.",
                "required": false,
                "default": "10s"
            },
            {
                "name": "consecutive-passes",
                "description": "Passes in a row each check needs once it first passes, so a flapping service fails.",
                "required": false,
                "default": "3"
            },
            {
                "name": "max-retry-interval",
                "description": "Longest pause between retries (the backoff starts at 100ms and grows by half each retry).",
                "required": false,
                "default": "5s"
            },
            {
                "name": "ca-cert",
                "description": "A CA certificate (PEM text or a file path) trusted besides the system roots, for a private CA. TLS is always verified.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-to",
                "description": "Dial this address[:port] instead of the URL's host, keeping the URL's name for Host and TLS (SNI, certificate): check a new server before DNS points at it.",
                "required": false,
                "default": ""
            },
            {
                "name": "soak-requests",
                "description": "After readiness, send up to this many requests per check (0: no soak).",
                "required": false,
                "default": "0"
            },
            {
                "name": "soak-duration",
                "description": "Stop the soak after this long even if requests remain.",
                "required": false,
                "default": "30s"
            },
            {
                "name": "soak-concurrency",
                "description": "Requests in flight at once during the soak.",
                "required": false,
                "default": "4"
            },
            {
                "name": "soak-max-p95",
                "description": "Fail when the soak p95 latency is above this (e.g. 300ms).",
                "required": false,
                "default": ""
            },
            {
                "name": "soak-max-error-rate",
                "description": "Fail when more than this share of soak requests fail their check (e.g. 1%).",
                "required": false,
                "default": "0%"
            },
            {
                "name": "via-ssh",
                "description": "Reach the URLs from inside the SSH host (a port listening only on its loopback) through ports forwarded over SSH; uses the ssh inputs below.",
                "required": false,
                "default": "false"
            },
            {
                "name": "host",
                "description": "With via-ssh: the SSH host, [user@]host[:port].",
                "required": false,
                "default": ""
            },
            {
                "name": "port",
                "description": "With via-ssh: the SSH port (when host does not name one).",
                "required": false,
                "default": "22"
            },
            {
                "name": "user",
                "description": "With via-ssh: the SSH user (when host does not name one).",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "private-key",
                "description": "With via-ssh: the private key (content from a secret, or a path).",
                "required": false,
                "default": ""
            },
            {
                "name": "passphrase",
                "description": "With via-ssh: the passphrase of private-key, if it has one.",
                "required": false,
                "default": ""
            },
            {
                "name": "known-hosts",
                "description": "With via-ssh: known_hosts lines for the host (lines or a path); the same host-key rules as ssh-deploy.",
                "required": false,
                "default": ""
            },
            {
                "name": "host-fingerprint",
                "description": "With via-ssh: pinned SHA256 fingerprint(s) of the host key, instead of or besides known-hosts.",
                "required": false,
                "default": ""
            },
            {
                "name": "trust-on-first-use",
                "description": "With via-ssh: accept an unknown host key (never a changed one; unsafe; warns with the fingerprint to pin). Refused together with host-fingerprint (a pin is authoritative).",
                "required": false,
                "default": "false"
            },
            {
                "name": "jump-host",
                "description": "With via-ssh: reach the host through this [user@]host[:port].",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-timeout",
                "description": "With via-ssh: give up connecting after this long.",
                "required": false,
                "default": "15s"
            }
        ]
    },
    "ssh-deploy": {
        "file": "actions/ssh-deploy/action.yml",
        "description": "Deploy over SSH to one host or a fleet: docker compose, atomic releases or a script, with host-key checks, a deploy lock, a deploy log and automatic rollback.",
        "inputs": [
            {
                "name": "strategy",
                "description": "compose (point a compose service at a new image), release (upload to releases/<timestamp>, switch current atomically) or script (run commands on the host), or swarm (docker stack deploy on a swarm manager; the engine rolls and rolls back, Slipway waits and reports). Or cloudron (no SSH: Cloudron's REST API with a token; install, update, rollback by restore, move; docs/cloudron.md).",
                "required": false,
                "default": "compose"
            },
            {
                "name": "mode",
                "description": "deploy, or rollback: compose back to the previous image, release back to the previous release, using only what is recorded on the host; or preview (compose only): a preview environment per pull request, the same as actions/preview (preview-action, pr-number, preview-domain). cloudron: install, update (= deploy), rollback (restore a backup) or move.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "host",
                "description": "One host: '[user@]host[:port]'.",
                "required": false,
                "default": ""
            },
            {
                "name": "hosts",
                "description": "Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
                "required": false,
                "default": ""
            },
            {
                "name": "port",
                "description": "SSH port for hosts that do not name one.",
                "required": false,
                "default": "22"
            },
            {
                "name": "user",
                "description": "SSH user for hosts that do not name one.",
                "required": false,
                "default": "deploy"
            },
            {
                "name": "private-key",
                "description": "The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
                "required": true,
                "default": ""
            },
            {
                "name": "passphrase",
                "description": "The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
                "required": false,
                "default": ""
            },
            {
                "name": "known-hosts",
                "description": "known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
                "required": false,
                "default": ""
            },
            {
                "name": "host-fingerprint",
                "description": "Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "trust-on-first-use",
                "description": "Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint. Refused together with host-fingerprint (a pin is authoritative).",
                "required": false,
                "default": "false"
            },
            {
                "name": "jump-host",
                "description": "ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-timeout",
                "description": "How long to wait for a host to answer before failing.",
                "required": false,
                "default": "15s"
            },
            {
                "name": "command-timeout",
                "description": "Limit for one remote command.",
                "required": false,
                "default": "10m"
            },
            {
                "name": "app-dir",
                "description": "The application directory on the host, e.g. /srv/myapp. '{host}' and '{index}' are replaced per host. Required by every strategy but cloudron.",
                "required": false,
                "default": ""
            },
            {
                "name": "version",
                "description": "The version being deployed, for the deploy log, health-expect and outputs. Defaults to the image tag.",
                "required": false,
                "default": ""
            },
            {
                "name": "env",
                "description": "KEY=VALUE lines for the remote commands (compose interpolation, hooks, scripts). Sent over stdin, never on a command line.",
                "required": false,
                "default": ""
            },
            {
                "name": "service",
                "description": "compose: the service that runs the image.",
                "required": false,
                "default": ""
            },
            {
                "name": "image",
                "description": "compose: the image to run, by tag or digest (registry/app:1.2.3 or registry/app@sha256:…).",
                "required": false,
                "default": ""
            },
            {
                "name": "compose-file",
                "description": "compose: compose files inside app-dir, one per line. Never edited: the image is set through an override Slipway keeps in app-dir/.slipway.",
                "required": false,
                "default": "docker-compose.yml"
            },
            {
                "name": "compose-project",
                "description": "compose: project name (-p), to run isolated instances on one host. Defaults to the app-dir name.",
                "required": false,
                "default": ""
            },
            {
                "name": "env-file",
                "description": "compose: env file inside app-dir (--env-file).",
                "required": false,
                "default": ""
            },
            {
                "name": "pull",
                "description": "compose: pull the image before starting it.",
                "required": false,
                "default": "true"
            },
            {
                "name": "pre-deploy",
                "description": "compose: a command run in app-dir before the switch (e.g. a WAL-safe SQLite snapshot with docker compose exec); a failure stops the deploy.",
                "required": false,
                "default": ""
            },
            {
                "name": "artifact",
                "description": "release: a local directory (rsync over the SSH connection) or a .tar.gz to upload as the new release.",
                "required": false,
                "default": ""
            },
            {
                "name": "shared",
                "description": "release: paths under app-dir/shared linked into every release (env files), one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "pre-promote",
                "description": "release: commands run inside the new release before it goes live (migrations), one per line.",
                "required": false,
                "default": ""
            },
            {
                "name": "restart",
                "description": "release: commands that restart the services after the switch, one per line. 'sudo' ones are checked with sudo -n before promoting.",
                "required": false,
                "default": ""
            },
            {
                "name": "keep-releases",
                "description": "release: how many release dirs to keep, failed and rolled-back ones counted (current, the one before it and the newest failed one, for forensics, go first).",
                "required": false,
                "default": "5"
            },
            {
                "name": "lock-file",
                "description": "release: the lock file your own deploy script takes, a path under app-dir (.deploy.lock). Slipway takes its lock there (a file) instead of .slipway/lock; a file there it did not write counts as held and the deploy is refused before anything changes. Empty: .slipway/lock.",
                "required": false,
                "default": ""
            },
            {
                "name": "deploy-log",
                "description": "release: the deploy log your team reads, a path under app-dir (deploy.log); Slipway appends its one line per deploy there (format in docs/ssh-deploy.md) instead of .slipway/deploy.log.",
                "required": false,
                "default": ""
            },
            {
                "name": "release-name",
                "description": "release: how new releases are named, a UTC time format with %Y %m %d %H %M %S in that order (%Y%m%dT%H%M%SZ). Empty: the style of the host's newest release, else ISO 8601 basic (%Y%m%dT%H%M%SZ).",
                "required": false,
                "default": ""
            },
            {
                "name": "script",
                "description": "script: the commands to run in app-dir (sh -e: the first failing command fails the deploy).",
                "required": false,
                "default": ""
            },
            {
                "name": "image-variable",
                "description": "compose: the variable your compose file reads the image from (TAG for image: app:${TAG}, IMAGE for a whole reference). Slipway then sets it in the project's env file (env-file, else .env), atomically, keeps the old line for rollback and writes no override, so your own docker compose up -d starts what Slipway left running. Its value: env's when env sets it (env: TAG=v2, no image needed), else image (its tag alone where the variable holds a tag).",
                "required": false,
                "default": ""
            },
            {
                "name": "shell",
                "description": "script: the shell that runs the script: sh (default; dash on Debian and Ubuntu), bash, or an absolute path such as /usr/bin/zsh. Run with -e either way.",
                "required": false,
                "default": "sh"
            },
            {
                "name": "script-file",
                "description": "script: a file in the workspace holding the script (instead of script), uploaded over the deploy's SSH connection and run in app-dir with the env on stdin.",
                "required": false,
                "default": ""
            },
            {
                "name": "create-app-dir",
                "description": "script: create app-dir (mkdir -p) before running the script, for a script that sets the directory up itself.",
                "required": false,
                "default": "false"
            },
            {
                "name": "health-url",
                "description": "The health URL as the host sees it (http://127.0.0.1:8080/api/health), checked through the SSH connection; a failure rolls back. cloudron: the app's public health URL, '{fqdn}' replaced (default https://{fqdn} and the manifest's healthCheckPath).",
                "required": false,
                "default": ""
            },
            {
                "name": "health-expect",
                "description": "What the health response must hold; '{version}' is replaced. A JSON member such as '\"version\":\"{version}\"' is checked on the parsed body, as the smoke test checks a version (any spacing, compared in the value's type); other text must appear in the body as written. A rollback checks for the version that served before (what it answered, or what Slipway recorded); an unknown one only needs to answer.",
                "required": false,
                "default": ""
            },
            {
                "name": "health-timeout",
                "description": "How long the new version has to become healthy.",
                "required": false,
                "default": "60s"
            },
            {
                "name": "batch-size",
                "description": "Rolling deploy: hosts per batch (0 = all at once). The first failing batch stops the deploy and its changed hosts are rolled back.",
                "required": false,
                "default": "0"
            },
            {
                "name": "lock-timeout",
                "description": "How long to wait for another deploy of the app on a host to finish.",
                "required": false,
                "default": "5m"
            },
            {
                "name": "lock-stale-after",
                "description": "A lock older than this is broken with a warning (a deploy whose runner died).",
                "required": false,
                "default": "1h"
            },
            {
                "name": "stack",
                "description": "swarm: the stack name on the manager (services are <stack>_<service>).",
                "required": false,
                "default": ""
            },
            {
                "name": "stack-file",
                "description": "swarm: the stack's compose file in the repository, uploaded to the manager and deployed unchanged; Slipway merges an override with safe update defaults (start-first, rollback on failure, a monitor window covering the health check) and the pinned image.",
                "required": false,
                "default": "docker-compose.yml"
            },
            {
                "name": "swarm-service",
                "description": "swarm: update only this service's image (docker service update --image) instead of deploying the stack.",
                "required": false,
                "default": ""
            },
            {
                "name": "parallelism",
                "description": "swarm: tasks replaced at once where the stack file gives no update_config.parallelism.",
                "required": false,
                "default": "1"
            },
            {
                "name": "swarm-timeout",
                "description": "swarm: how long to wait for every service to converge (updated, rolled back or failed).",
                "required": false,
                "default": "5m"
            },
            {
                "name": "swarm-secrets",
                "description": "swarm: KEY=VALUE lines that become Docker secrets (created from stdin, named <stack>_<KEY>_<hash>) for the stack file's secrets: KEY entries.",
                "required": false,
                "default": ""
            },
            {
                "name": "zero-downtime",
                "description": "compose: start the new version beside the old on a free port, health-check it, switch the proxy, drain, then stop the old one. Needs health-url.",
                "required": false,
                "default": "false"
            },
            {
                "name": "slot-ports",
                "description": "zero-downtime: host port range the side-by-side copy may use (checked free on the host first).",
                "required": false,
                "default": "20080-20099"
            },
            {
                "name": "port-env",
                "description": "zero-downtime: environment variable through which the app reads its port.",
                "required": false,
                "default": "PORT"
            },
            {
                "name": "proxy",
                "description": "zero-downtime: caddy (admin API), nginx (include file + nginx -t + reload) or command.",
                "required": false,
                "default": "caddy"
            },
            {
                "name": "caddy-admin",
                "description": "zero-downtime: Caddy admin API address on the host's loopback.",
                "required": false,
                "default": "127.0.0.1:2019"
            },
            {
                "name": "nginx-upstream-file",
                "description": "zero-downtime with proxy nginx: the upstream include file Slipway rewrites (writable by the SSH user).",
                "required": false,
                "default": ""
            },
            {
                "name": "nginx-command",
                "description": "zero-downtime with proxy nginx: the nginx command (for -t and -s reload).",
                "required": false,
                "default": "nginx"
            },
            {
                "name": "proxy-switch-command",
                "description": "zero-downtime with proxy command: a command on the host that points the proxy at the port given as its last argument.",
                "required": false,
                "default": ""
            },
            {
                "name": "proxy-health-url",
                "description": "zero-downtime: a URL through the proxy that must report the new version after the switch.",
                "required": false,
                "default": ""
            },
            {
                "name": "drain-timeout",
                "description": "zero-downtime: longest wait for the old copy's open connections to finish before it is stopped.",
                "required": false,
                "default": "30s"
            },
            {
                "name": "watch-window",
                "description": "zero-downtime: how long health is watched after the switch; red within it switches back.",
                "required": false,
                "default": "0s"
            },
            {
                "name": "stop-timeout",
                "description": "zero-downtime: grace period when stopping the old copy.",
                "required": false,
                "default": "10s"
            },
            {
                "name": "cloudron-origin",
                "description": "cloudron: the Cloudron dashboard, my.example.com or https://my.example.com (the REST API is at /api/v1; no SSH).",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-token",
                "description": "cloudron: an API token (Profile → API Tokens, Read and Write), from a secret. Sent only as an Authorization: Bearer header, never on a command line or in a URL.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-app",
                "description": "cloudron: the installed app, by id or location (staging.example.com); for modes update, rollback and move.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-location",
                "description": "cloudron: install: the new app's location (staging.example.com, side by side); move: where the app goes (example.com for the apex).",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-manifest",
                "description": "cloudron: the path to CloudronManifest.json; its version must equal the image tag and be greater than the installed version.",
                "required": false,
                "default": "CloudronManifest.json"
            },
            {
                "name": "cloudron-backup",
                "description": "cloudron: mode rollback: the backup id to restore; by default the newest backup of a version below the running one.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-task-timeout",
                "description": "cloudron: how long one Cloudron task (install, update, restore, move) may run.",
                "required": false,
                "default": "30m"
            },
            {
                "name": "cloudron-poll-interval",
                "description": "cloudron: how often Slipway asks Cloudron about a task and the app.",
                "required": false,
                "default": "2s"
            },
            {
                "name": "cloudron-verify-anonymous-pull",
                "description": "cloudron: before any change, check the image pulls without credentials for linux/amd64 (Cloudron pulls anonymously).",
                "required": false,
                "default": "true"
            },
            {
                "name": "rollback-on-failure",
                "description": "cloudron: after a failed update or a red smoke test, restore the backup Cloudron took before this run's update.",
                "required": false,
                "default": "true"
            },
            {
                "name": "ca-cert",
                "description": "cloudron: a CA certificate (PEM text or a path) trusted for the dashboard and the smoke test, besides the system roots.",
                "required": false,
                "default": ""
            },
            {
                "name": "connect-to",
                "description": "cloudron: the smoke test dials this address ('host[:port]') instead of the app's name; TLS name and Host stay the app's.",
                "required": false,
                "default": ""
            },
            {
                "name": "cloudron-version-path",
                "description": "cloudron: the JSON path in the health response that must hold the deployed version (unset: not checked).",
                "required": false,
                "default": ""
            },
            {
                "name": "preview-action",
                "description": "mode preview: up (create or update the PR's preview), down (remove it: project, volumes, env file, state), list or reap (remove previews whose PR is closed or older than 14 days).",
                "required": false,
                "default": "up"
            },
            {
                "name": "pr-number",
                "description": "mode preview: the pull request number (up and down); the preview is the compose project '<compose-project or app-dir name>-pr-<n>'.",
                "required": false,
                "default": ""
            },
            {
                "name": "preview-domain",
                "description": "mode preview: previews answer at pr-<n>.<preview-domain>, routed by one static wildcard proxy site (docs/preview.md).",
                "required": false,
                "default": "preview.localhost"
            },
            {
                "name": "preview-env-template",
                "description": "mode preview: an env template inside app-dir; 'KEY={{generate}}' gets a secret made on the host, never production's.",
                "required": false,
                "default": ""
            },
            {
                "name": "preview-seed",
                "description": "mode preview: a command run once inside the service after the preview's first start (sh -c).",
                "required": false,
                "default": ""
            },
            {
                "name": "preview-port-base",
                "description": "mode preview: a multiple of 1000; pr-<n> listens on 127.0.0.1 port preview-port-base + (n mod 1000).",
                "required": false,
                "default": "40000"
            },
            {
                "name": "max-previews",
                "description": "mode preview: how many previews may run at once (the oldest is evicted to make room).",
                "required": false,
                "default": "5"
            },
            {
                "name": "forge-token",
                "description": "mode preview: token for reap (reads PR state) and the PR comment and deployment (GitHub) or commit status (Forgejo), e.g. secrets.GITHUB_TOKEN.",
                "required": false,
                "default": ""
            },
            {
                "name": "sha",
                "description": "mode preview: the commit the preview runs, for the GitHub deployment or Forgejo commit status.",
                "required": false,
                "default": ""
            }
        ]
    }
};


/***/ }),

/***/ 2225:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CI: () => (/* binding */ usage),
/* harmony export */   bD: () => (/* binding */ commandHelp)
/* harmony export */ });
/* unused harmony exports EXIT_CODES, EXAMPLES */
/* harmony import */ var _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5802);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8055);


/** What main returns, and so what the shell sees. */
const EXIT_CODES = [
    [0, 'ok (a dry run: the plan was printed, nothing touched)'],
    [1, 'failed: the command ran and did not succeed, or stopped before it had a result'],
    [2, 'input error: a flag, slipway.yml or a file they name is wrong (said which, and how to fix it)'],
    [130, 'cancelled (Ctrl-C or SIGTERM): a deploy left each host on the old or the new version, lock released (docs/cancel.md)'],
];
/**
 * One typical invocation per command. Secrets are never on the command line:
 * they come from slipway.yml as `${env:NAME}` (see the README). Each example is
 * parsed by the strict flag parser in the specs, so it cannot name a flag that does not exist.
 */
const EXAMPLES = {
    build: 'slipway build --image git.example.com/team/app --context . --build-args APP_VERSION={version}',
    push: 'slipway push --tags git.example.com/team/app:1.4.2 --username ci   # password: ${env:REGISTRY_TOKEN} in slipway.yml',
    deploy: 'slipway deploy --host deploy@app.example.com --private-key ~/.ssh/deploy_ed25519 --known-hosts ~/.ssh/known_hosts --app-dir /srv/app --service web --image git.example.com/team/app:1.4.2 --health-url http://127.0.0.1:8080/api/health --dry-run',
    smoke: 'slipway smoke --url https://app.example.com/api/health --expect-version 1.4.2',
    drill: 'slipway drill --source sqlite --database-path /srv/app/data/app.db --min-rows users=1 --dry-run',
    scan: 'slipway scan --mode tree --working-directory .',
    pipeline: 'slipway pipeline --image git.example.com/team/app --hosts app1.example.com --app-dir /srv/app --service web --url https://app.example.com/api/health --dry-run',
};
const WIDTH = 100;
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && indent.length + line.length + 1 + word.length > WIDTH) {
            lines.push(indent + line);
            line = word;
        }
        else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line)
        lines.push(indent + line);
    return lines;
}
function globalFlags(set, dryRunAsInput) {
    const rows = [
        ['--config FILE', 'the slipway.yml to read (default: ./slipway.yml when it exists)'],
        ...(set.dryRun ? [['--dry-run', 'print the plan (hosts, strategy, commands) and touch nothing']] : []),
        ['--json', 'print one JSON document (outputs and result) on stdout'],
        ['--quiet', 'only errors on stderr (no progress line); the result still goes to stdout'],
        ['--debug', 'also show every command run and stack traces'],
        ['--help, -h', 'this help'],
        ...(set.inputs.has('version') ? [] : [['--version', 'the installed Slipway version']]),
    ];
    const lines = rows.map(([flag, what]) => `  ${flag.padEnd(16)} ${what}`);
    if (!set.dryRun && !dryRunAsInput)
        lines.push(`  (no --dry-run: slipway ${set.command} refuses it rather than run for real)`);
    return lines;
}
/** `slipway <command> --help`, from the action's own inputs (generated from its action.yml). */
function commandHelp(command, action, describe, options = {}) {
    const set = (0,_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .flagSetFor */ .Ml)(command, action, options);
    const spec = _generated_action_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_INPUTS */ .b[action];
    const lines = [
        `slipway ${command}: ${describe}`,
        `The same inputs as ${spec?.file ?? action}; each is a flag here, or a key under \`${command}:\` or \`defaults:\` in slipway.yml.`,
        '',
        `Usage: slipway ${command} [--input VALUE …] [--config slipway.yml]${set.dryRun ? ' [--dry-run]' : ''} [--json] [--quiet] [--debug]`,
        '',
    ];
    const example = EXAMPLES[command];
    if (example)
        lines.push('Example:', `  ${example}`, '');
    lines.push('Inputs:');
    for (const [flag, { input, boolean }] of set.inputs) {
        const form = boolean ? `--${flag}[=true|false]` : `--${flag} VALUE`;
        const facts = [input.required ? 'required' : '', input.default !== '' ? `default: ${input.default.replace(/\n/g, '\\n')}` : ''].filter(Boolean).join(', ');
        lines.push(`  ${form}${facts ? `   (${facts})` : ''}`);
        lines.push(...wrap(input.description, '      '));
        if (flag !== input.name)
            lines.push(`      (input '${input.name}'; ${input.name === 'env-file' ? 'node itself reads --env-file' : `--${input.name} would be the global flag`})`);
        if (boolean)
            lines.push(`      A switch: --${flag} alone means true${flag.startsWith('no-') ? '' : `, --no-${flag} false`}.`);
    }
    lines.push('', 'Global flags:', ...globalFlags(set, set.inputs.has('dry-run')), '');
    lines.push('A value that starts with - is written --name=-value. Secrets belong in slipway.yml as ${env:NAME}, not on the command line.', '');
    lines.push('Exit codes:', ...EXIT_CODES.map(([code, what]) => `  ${code}  ${what}`), '');
    return lines.join('\n');
}
/** `slipway --help`: every command, then how to get more. */
function usage(commands, version) {
    return [
        `slipway ${version}: build, push, deploy over SSH, smoke-test, drill restores and scan for secrets.`,
        '',
        'Usage: slipway <command> [--input VALUE …] [--config slipway.yml] [--json] [--quiet] [--debug]',
        '',
        'Commands:',
        ...commands.map((command) => `  ${command.name.padEnd(11)} ${command.describe}`),
        '',
        'Every flag of a command is the input of the same name of its action (docs/actions/); values may',
        'also come from slipway.yml: a section per command plus `defaults:`.',
        '',
        '  slipway help <command>    every flag of a command, its default and an example (= slipway <command> --help)',
        '  slipway --version         the installed version',
        '',
        'Exit codes:',
        ...EXIT_CODES.map(([code, what]) => `  ${code}  ${what}`),
        '',
    ].join('\n');
}


/***/ }),

/***/ 9342:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   jl: () => (/* binding */ terminalLogger)
/* harmony export */ });
/* unused harmony exports inCi, outputStyle, terminalSafe, formatElapsed, ERASE_LINE, TerminalLogger */
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5491);
/* harmony import */ var _core_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3092);


const truthy = (value) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
/** A runner that hands the step a pseudo-terminal is still a log someone reads later: plain lines there. */
function inCi(env) {
    return truthy(env.CI) || truthy(env.GITHUB_ACTIONS) || truthy(env.GITEA_ACTIONS) || truthy(env.FORGEJO_ACTIONS);
}
function outputStyle(stream, env, options = {}) {
    const tty = stream.isTTY === true && env.TERM !== 'dumb';
    return {
        progress: tty && !options.quiet && !inCi(env),
        colour: tty && !inCi(env) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
    };
}
const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] };
/**
 * Outside text (a host's output, an app's answer) printed to a terminal: no
 * control character of its own, so it can neither move the cursor, recolour the
 * screen nor break the status line. Tabs and line breaks stay in full lines.
 */
function terminalSafe(text, options = {}) {
    // eslint-disable-next-line no-control-regex
    const cleaned = text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
    return options.oneLine ? cleaned.replace(/[\t\n]+/g, ' ') : cleaned;
}
/** A message's text as a terminal may show it: secrets masked, no control characters. */
const safe = (message) => terminalSafe((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(message));
/** Human elapsed time: `0.4 s`, `12 s`, `2 m 05 s`. */
function formatElapsed(ms) {
    const seconds = Math.max(0, ms) / 1000;
    if (seconds < 10)
        return `${seconds.toFixed(1)} s`;
    if (seconds < 60)
        return `${Math.floor(seconds)} s`;
    const whole = Math.floor(seconds);
    return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}
/** Cuts `text` to `width` characters (code points), marking the cut. */
function fit(text, width) {
    const chars = Array.from(text);
    if (chars.length <= width)
        return text;
    if (width <= 0)
        return '';
    return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** `\r` to the line's start, then erase the whole line: the status line is redrawn where it was. */
const ERASE_LINE = '\r\u001b[2K';
/**
 * The CLI's Logger. Plain mode is ConsoleLogger's output, line for line (what
 * CI logs and the specs read); progress mode adds the status line and the
 * finished-step lines; colour paints `error:` red, `warning:` yellow, the final
 * ok green.
 */
class TerminalLogger {
    stream;
    options;
    plain;
    active = [];
    detailText = '';
    timer;
    frame = 0;
    shown = false;
    now;
    constructor(stream, options) {
        this.stream = stream;
        this.options = options;
        this.plain = new _core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .ConsoleLogger */ .Cr({ debug: options.debug, stream: stream });
        this.now = options.now ?? Date.now;
    }
    paint(colour, text) {
        if (!this.options.style.colour || !text)
            return text;
        const [on, off] = CODES[colour];
        return `\u001b[${on}m${text}\u001b[${off}m`;
    }
    /** At a terminal (progress or colour); plain mode is ConsoleLogger's. */
    get atTerminal() { return this.options.style.progress || this.options.style.colour; }
    info(message) {
        if (this.options.quiet)
            return;
        if (!this.atTerminal)
            return this.plain.info(message);
        this.line(safe(message));
    }
    warn(message, where) {
        if (this.options.quiet)
            return;
        if (!this.atTerminal)
            return this.plain.warn(message, where);
        this.line(`${this.paint('yellow', 'warning:')} ${safe(`${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .locate */ .x5)(where)}${message}`)}`);
    }
    error(message, where) {
        if (!this.atTerminal)
            return this.plain.error(message, where);
        this.line(`${this.paint('red', 'error:')} ${safe(`${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .locate */ .x5)(where)}${message}`)}`);
    }
    /** Shown with --debug; on a TTY it also names what runs on the status line (`$ ssh …`, a health poll). */
    debug(message) {
        if (this.options.debug) {
            if (this.atTerminal)
                this.line(this.paint('dim', safe(`debug: ${message}`)));
            else
                this.plain.debug(message);
        }
        this.detail(message);
    }
    /** A streamed tool's line (build, pull, push, a hook): on the status line at a terminal, a line of its own elsewhere. */
    output(line) {
        if (this.options.style.progress && !this.options.debug)
            this.detail(line);
        else
            this.info(line);
    }
    /** A step the core names: `▸ title` in plain logs; at a terminal, the status line while it runs, then one line with its time. */
    async group(title, body) {
        if (this.options.quiet)
            return body();
        if (!this.options.style.progress)
            return this.plain.group(title, body);
        return this.step(title, body, { leaveLine: true, ambient: false });
    }
    /** Progress for a wait the edge itself names (reading hosts): the status line only, nothing in plain logs. */
    async during(title, body) {
        if (this.options.quiet || !this.options.style.progress)
            return body();
        return this.step(title, body, { leaveLine: false, ambient: true });
    }
    /** The run's last line at a terminal: `✓ slipway deploy finished in 42 s`, green, or the failure in red. */
    finished(what, code, startedAt) {
        if (this.options.quiet || !this.options.style.progress)
            return;
        const took = formatElapsed(this.now() - startedAt);
        this.line(code === 0 ? this.paint('green', `✓ ${what} finished in ${took}`) : this.paint('red', `✗ ${what} failed after ${took} (exit ${code})`));
    }
    /** Takes the status line off the screen (when the last step ends, or the process exits). */
    clear() {
        if (this.shown)
            this.stream.write(ERASE_LINE);
        this.shown = false;
    }
    async step(title, body, how) {
        const { leaveLine, ambient } = how;
        const step = { title: terminalSafe((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(title), { oneLine: true }), started: this.now(), ambient };
        this.active.push(step);
        this.detailText = '';
        this.startTicking();
        this.draw();
        let failed = false;
        try {
            return await body();
        }
        catch (error) {
            failed = true;
            throw error;
        }
        finally {
            this.active.splice(this.active.indexOf(step), 1);
            // What this step did last is not what the next one on the line is doing.
            this.detailText = '';
            const took = formatElapsed(this.now() - step.started);
            if (leaveLine || failed)
                this.line(failed ? this.paint('red', `✗ ${step.title} (${took})`) : `${this.paint('bold', '▸')} ${step.title} ${this.paint('dim', `(${took})`)}`);
            if (!this.active.length)
                this.stopTicking();
        }
    }
    detail(message) {
        if (!this.options.style.progress || !this.active.length)
            return;
        this.detailText = terminalSafe((0,_core_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(message), { oneLine: true }).trim();
        this.draw();
    }
    /** A full line (its outside parts already made safe): the status line is erased first and drawn again under it. */
    line(message) {
        const text = (0,_core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .inertText */ .UJ)(message);
        if (this.options.style.progress) {
            this.stream.write(`${this.shown ? ERASE_LINE : ''}${text}\n`);
            this.shown = false;
            this.draw();
        }
        else {
            this.stream.write(`${text}\n`);
        }
    }
    draw() {
        if (!this.active.length)
            return this.clear();
        const width = Math.max(20, (this.stream.columns ?? 80) - 1);
        // The core's steps when one runs (one per host side by side: the first, and how many more), else the edge's wait.
        const steps = this.active.some((step) => !step.ambient) ? this.active.filter((step) => !step.ambient) : this.active;
        const first = steps[0];
        const titles = steps.length === 1 ? first.title : `${first.title} (+${steps.length - 1} more)`;
        const spinner = SPINNER[this.frame % SPINNER.length];
        const elapsed = formatElapsed(this.now() - first.started);
        const tail = this.detailText ? ` · ${this.detailText}` : '';
        // Cut to the terminal's width: a wrapped status line could not be redrawn in place.
        const plainHead = `${fit(`${spinner} ${titles}`, width - elapsed.length - 1)} `;
        const plainTail = fit(tail, Math.max(0, width - Array.from(plainHead).length - elapsed.length));
        this.stream.write(`${ERASE_LINE}${plainHead}${this.paint('dim', elapsed)}${this.paint('dim', plainTail)}`);
        this.shown = true;
    }
    startTicking() {
        if (this.timer)
            return;
        this.timer = setInterval(() => { this.frame += 1; this.draw(); }, this.options.tickMs ?? 100);
        // The status line never keeps the process alive (the exit guard counts on an empty event loop).
        this.timer.unref();
        // A run cut short (a signal, a stall) must not leave the status line for the shell's prompt to follow.
        process.once('exit', this.clearAtExit);
    }
    clearAtExit = () => this.clear();
    stopTicking() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        process.off('exit', this.clearAtExit);
        this.clear();
    }
}
/** The logger for one CLI run, from its switches and where stderr goes. */
function terminalLogger(options = {}) {
    const stream = options.stream ?? process.stderr;
    const style = outputStyle(stream, options.env ?? process.env, { quiet: options.quiet });
    return new TerminalLogger(stream, { style, quiet: options.quiet, debug: options.debug });
}


/***/ }),

/***/ 4091:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c8: () => (/* binding */ untilCancelled),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   mm: () => (/* binding */ isCancelled)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3026);

/**
 * A cancel (SIGINT/SIGTERM from a runner or a terminal) reaches flows as an
 * aborted `FlowContext.signal`. A flow that sees it starts no new step: the
 * step in flight finishes, the host is brought to the old or the new version,
 * and the flow's own cleanup runs. This error stops a flow at a step boundary.
 */
class CancelledError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ {
    step;
    constructor(step) {
        super(`cancelled before ${step}`);
        this.step = step;
        this.name = 'CancelledError';
    }
}
const isCancelled = (signal) => signal?.aborted === true;
/** Throws CancelledError naming the step that will not start. */
function throwIfCancelled(signal, step) {
    if (signal?.aborted)
        throw new CancelledError(step);
}
/** Resolves with `work`, or with `onAbort()` as soon as the signal aborts (the work is left to finish on its own). */
function untilCancelled(work, signal, onAbort) {
    if (!signal)
        return work;
    if (signal.aborted) {
        work.catch(() => undefined);
        return Promise.resolve(onAbort());
    }
    return new Promise((resolve, reject) => {
        const abort = () => {
            work.catch(() => undefined);
            resolve(onAbort());
        };
        signal.addEventListener('abort', abort, { once: true });
        work.then((value) => { signal.removeEventListener('abort', abort); resolve(value); }, (error) => { signal.removeEventListener('abort', abort); reject(error); });
    });
}


/***/ }),

/***/ 9764:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   nZ: () => (/* binding */ shellJoin),
/* harmony export */   vL: () => (/* binding */ describeCommand)
/* harmony export */ });
/* unused harmony export shellQuote */
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


/***/ }),

/***/ 6087:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   FA: () => (/* binding */ resolveThroughLinks),
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   G1: () => (/* binding */ ENV_NAME),
/* harmony export */   az: () => (/* binding */ mapInputSource),
/* harmony export */   hw: () => (/* binding */ withoutQuotedValues),
/* harmony export */   rG: () => (/* binding */ MAX_DURATION_MS)
/* harmony export */ });
/* unused harmony exports formatDuration, splitList */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3026);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3092);




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
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(source.describe(name), `contains a control character (U+${code.toUpperCase()} at position ${match.index + 1})`, 'Remove it: inputs are text, and NUL or escape characters would reach the tools Slipway runs.');
            }
            return value;
        },
    };
}
class Inputs {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(this.source.describe(name), this.source.quotable?.(name) === false ? withoutQuotedValues(problem) : problem, fix);
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
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl)(value);
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
            (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecretPieces */ .fy)(value);
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
                (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .registerSecretPieces */ .fy)(index >= 0 ? entry.text.slice(index + 1) : entry.text);
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
        const resolved = resolveThroughLinks(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(base, value));
        if (!node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(value)) {
            const root = resolveThroughLinks(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(base));
            if (resolved !== root && !resolved.startsWith(`${root}${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`)) {
                this.fail(name, `points outside the workspace (found '${clip(value)}')`, 'Give a path inside the workspace, or an absolute path if you mean a place outside it.');
            }
        }
        if (options.mustExist) {
            let stat;
            try {
                stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(resolved);
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
    let existing = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(target);
    const rest = [];
    for (;;) {
        try {
            return node_path__WEBPACK_IMPORTED_MODULE_1__.join(node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(existing), ...rest);
        }
        catch {
            const parent = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(existing);
            if (parent === existing)
                return node_path__WEBPACK_IMPORTED_MODULE_1__.join(existing, ...rest);
            rest.unshift(node_path__WEBPACK_IMPORTED_MODULE_1__.basename(existing));
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


/***/ }),

/***/ 3026:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ SlipwayError),
/* harmony export */   Wk: () => (/* binding */ formatError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yI: () => (/* binding */ ProcessError)
/* harmony export */ });
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3092);

/**
 * An error a user can act on: what is wrong, where, and how to fix it.
 * The message is redacted when it is built, so no secret survives into it.
 */
class SlipwayError extends Error {
    fix;
    constructor(message, options = {}) {
        super((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(options.fix ? `${message}. ${options.fix}` : message), { cause: options.cause });
        this.name = 'SlipwayError';
        this.fix = options.fix ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(options.fix) : undefined;
    }
}
/** Bad input, raised before any side effect. Reads `<input>: <what> (found X, expected Y). <fix>`. */
class InputError extends SlipwayError {
    input;
    constructor(input, problem, fix) {
        super(`${input}: ${problem}`, { fix });
        this.name = 'InputError';
        this.input = input;
    }
}
/** A process failed: carries the redacted command, the exit code and the last stderr lines. */
class ProcessError extends SlipwayError {
    command;
    exitCode;
    stderrTail;
    timedOut;
    constructor(args) {
        const tail = lastLines((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.stderr), 8);
        const what = args.timedOut ? 'timed out' : `exited with code ${args.exitCode}`;
        super(`\`${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.command)}\` ${what}${tail ? `:\n${tail}` : ''}`, { fix: args.hint });
        this.name = 'ProcessError';
        this.command = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(args.command);
        this.exitCode = args.exitCode;
        this.stderrTail = tail;
        this.timedOut = args.timedOut ?? false;
    }
}
function lastLines(text, count) {
    return text.trimEnd().split('\n').slice(-count).join('\n');
}
/** One line (or a few) for the user; the stack only when debugging. */
function formatError(error, debug = false) {
    if (error instanceof SlipwayError) {
        return debug && error.stack ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(error.stack) : error.message;
    }
    if (error instanceof Error) {
        // An unexpected error: its stack is what a bug report needs, but only on request.
        return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(debug && error.stack ? error.stack : `${error.name}: ${error.message}`);
    }
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(String(error));
}


/***/ }),

/***/ 8929:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ZF: () => (/* binding */ openLeftovers),
/* harmony export */   vy: () => (/* binding */ recordLeftover),
/* harmony export */   yK: () => (/* binding */ runIdentity)
/* harmony export */ });
/* unused harmony export onLeftoversChanged */
const open = new Map();
const listeners = new Set();
let nextId = 1;
function notify() {
    const all = openLeftovers();
    for (const listener of listeners)
        listener(all);
}
/** Records `item`; call the returned function once it is gone (idempotent). */
function recordLeftover(item) {
    const id = nextId++;
    open.set(id, item);
    notify();
    return () => {
        if (open.delete(id))
            notify();
    };
}
function openLeftovers() {
    return [...open.values()];
}
function onLeftoversChanged(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
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


/***/ }),

/***/ 5491:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ ConsoleLogger),
/* harmony export */   UJ: () => (/* binding */ inertText),
/* harmony export */   qq: () => (/* binding */ silentLogger),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* unused harmony export MemoryLogger */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3092);


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
    const token = `slipway-${node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes(16).toString('hex')}`;
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
        (this.options.stream ?? process.stderr).write(`${inertText(`${this.options.prefix ?? ''}${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text)}`)}\n`);
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


/***/ }),

/***/ 7630:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ detectPlatform),
/* harmony export */   t: () => (/* binding */ describeActor)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);

/** The payload the runner wrote for this event; a missing or broken file reads as no payload. */
function readEventPayload(file) {
    if (!file || !node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(file))
        return undefined;
    try {
        const parsed = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8'));
        return parsed && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
function detectPlatform(env = process.env) {
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


/***/ }),

/***/ 3120:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  N: () => (/* binding */ localContext),
  c: () => (/* binding */ runFlow)
});

// EXTERNAL MODULE: ./build/src/core/config/inputs.js
var inputs = __nccwpck_require__(6087);
// EXTERNAL MODULE: ./build/src/core/runner/process-runner.js + 12 modules
var process_runner = __nccwpck_require__(3101);
// EXTERNAL MODULE: ./build/src/core/platform.js
var platform = __nccwpck_require__(7630);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./build/src/core/local-cache.js



/** The laptop's stand-in for @actions/cache: a directory per key, newest restore-key prefix wins. */
class LocalCache {
    root;
    description;
    constructor(root = process.env.SLIPWAY_CACHE_DIR ?? external_node_path_.join(process.env.XDG_CACHE_HOME ?? external_node_path_.join(external_node_os_.homedir(), '.cache'), 'slipway')) {
        this.root = root;
        this.description = `local cache in ${root}`;
    }
    async restore(paths, primaryKey, restoreKeys) {
        const hit = this.find(primaryKey, restoreKeys);
        if (!hit)
            return undefined;
        paths.forEach((target, index) => {
            const source = external_node_path_.join(this.root, encode(hit), String(index));
            if (external_node_fs_.existsSync(source))
                external_node_fs_.cpSync(source, target, { recursive: true, force: true });
        });
        return hit;
    }
    async save(paths, key) {
        const entry = external_node_path_.join(this.root, encode(key));
        const staging = `${entry}.partial-${process.pid}`;
        external_node_fs_.rmSync(staging, { recursive: true, force: true });
        paths.forEach((source, index) => {
            if (external_node_fs_.existsSync(source))
                external_node_fs_.cpSync(source, external_node_path_.join(staging, String(index)), { recursive: true });
        });
        external_node_fs_.mkdirSync(staging, { recursive: true });
        external_node_fs_.rmSync(entry, { recursive: true, force: true });
        external_node_fs_.renameSync(staging, entry);
    }
    find(primaryKey, restoreKeys) {
        if (external_node_fs_.existsSync(external_node_path_.join(this.root, encode(primaryKey))))
            return primaryKey;
        if (!external_node_fs_.existsSync(this.root))
            return undefined;
        const entries = external_node_fs_.readdirSync(this.root).filter((name) => !name.includes('.partial-'));
        for (const prefix of restoreKeys) {
            const matches = entries
                .filter((name) => decode(name).startsWith(prefix))
                .map((name) => ({ name, mtime: external_node_fs_.statSync(external_node_path_.join(this.root, name)).mtimeMs }))
                .sort((a, b) => b.mtime - a.mtime);
            if (matches[0])
                return decode(matches[0].name);
        }
        return undefined;
    }
}
const encode = (key) => encodeURIComponent(key);
const decode = (name) => decodeURIComponent(name);

;// CONCATENATED MODULE: ./build/src/core/run-flow.js




/** Everything the CLI (and the demo, and tests) need to run a flow from plain values. */
function localContext(log, overrides = {}) {
    return {
        runner: new process_runner/* ProcessRunner */.S(log),
        log,
        platform: (0,platform/* detectPlatform */.l)(),
        cache: new LocalCache(),
        env: process.env,
        workDir: process.cwd(),
        ...overrides,
    };
}
/** Parse values as the CLI would (errors name `--flag`; values named in `fromFile` are never quoted), then run. */
async function runFlow(flow, values, context, fromFile = []) {
    const settings = flow.parse(new inputs/* Inputs */.G0((0,inputs/* mapInputSource */.az)(values, 'cli', { unquoted: fromFile })), context);
    const result = await flow.run(settings, context);
    return { result, outputs: flow.outputs(result), failure: flow.failure?.(result) };
}


/***/ }),

/***/ 3101:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  S: () => (/* binding */ ProcessRunner)
});

;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: external "events"
const external_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
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
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
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
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
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
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
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
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
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
            yield io_copyFile(source, newDest, force);
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
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
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
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
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
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
    return io_awaiter(this, void 0, void 0, function* () {
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
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
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
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_namespaceObject.EventEmitter {
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
        if (toolrunner_IS_WINDOWS) {
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
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
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
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
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
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
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
class ExecState extends external_events_namespaceObject.EventEmitter {
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
// EXTERNAL MODULE: ./build/src/core/command.js
var command = __nccwpck_require__(9764);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __nccwpck_require__(3092);
// EXTERNAL MODULE: ./build/src/core/runner/retry.js
var retry = __nccwpck_require__(2738);
;// CONCATENATED MODULE: ./build/src/core/runner/process-runner.js





/** GNU timeout's exit code when it had to stop the command. */
const TIMEOUT_EXIT = 124;
/**
 * Runs real processes through @actions/exec. @actions/exec has no timeout of its
 * own, so a timed command runs under coreutils `timeout`, which keeps the
 * argument array intact and kills the whole command.
 */
class ProcessRunner {
    log;
    constructor(log) {
        this.log = log;
    }
    async run(spec, options = {}) {
        const policy = options.retry ?? retry/* NO_RETRY */.PE;
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
                await (0,retry/* sleep */.yy)(verdict.waitMs);
                continue;
            }
            const elapsed = Date.now() - started - askedWaitsMs;
            const wait = (0,retry/* backoffDelay */.EY)(policy, attempt);
            const withinDeadline = policy.deadlineMs === undefined || elapsed + wait <= policy.deadlineMs;
            if (verdict && attempt < policy.attempts && withinDeadline) {
                this.log.warn(`${this.label(spec, options)} failed (attempt ${attempt}/${policy.attempts}); retrying in ${Math.round(wait / 100) / 10} s`);
                await (0,retry/* sleep */.yy)(wait);
                continue;
            }
            if (options.allowFailure)
                return result;
            throw new errors/* ProcessError */.yI({
                command: options.label ?? (0,command/* describeCommand */.vL)(spec),
                exitCode: result.exitCode,
                stderr: result.stderr || result.stdout,
                timedOut: result.timedOut,
                hint: options.hint?.(result),
            });
        }
    }
    streamed(line) {
        if (this.log.output)
            this.log.output((0,secrets/* redact */.E$)(line));
        else
            this.log.info((0,secrets/* redact */.E$)(line));
    }
    label(spec, options) {
        return (0,secrets/* redact */.E$)(options.label ?? (0,command/* describeCommand */.vL)(spec));
    }
    async runOnce(spec, options) {
        const { file, args } = withTimeout(spec, options.timeoutMs);
        this.log.debug(`$ ${this.label(spec, options)}`);
        let stdout = '';
        let stderr = '';
        const started = Date.now();
        const exitCode = await exec(file, args, {
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


/***/ }),

/***/ 2738:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   PE: () => (/* binding */ NO_RETRY),
/* harmony export */   WQ: () => (/* binding */ NETWORK_RETRY),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const NETWORK_RETRY = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 60_000 };
function backoffDelay(policy, attempt, random = Math.random) {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter on the upper half keeps parallel runners from retrying in lockstep.
    return Math.round(exponential / 2 + (random() * exponential) / 2);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


/***/ }),

/***/ 3092:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   XF: () => (/* binding */ REDACTED),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   fy: () => (/* binding */ registerSecretPieces)
/* harmony export */ });
/* unused harmony exports onSecretRegistered, isRegisteredSecret, clearSecretsForTest */
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
function onSecretRegistered(listener) {
    listeners.push(listener);
    for (const value of registered)
        listener(value);
}
function redact(text) {
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


/***/ }),

/***/ 1253:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   S5: () => (/* binding */ renderText)
/* harmony export */ });
/* unused harmony export escapeHtml */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5491);

class Summary {
    blocks = [];
    heading(text) { this.blocks.push({ kind: 'heading', text }); return this; }
    text(text) { this.blocks.push({ kind: 'text', text }); return this; }
    table(headers, rows) { this.blocks.push({ kind: 'table', headers, rows }); return this; }
    list(items) { this.blocks.push({ kind: 'list', items }); return this; }
    append(other) { this.blocks.push(...other.blocks); return this; }
}
/** Text from outside (a response, a host's output) reaches the summary as text: no HTML of its own. */
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeCell = (cell) => escapeHtml(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
function renderMarkdown(summary) {
    return summary.blocks
        .map((block) => {
        switch (block.kind) {
            case 'heading': return `### ${escapeHtml(block.text)}`;
            case 'text': return escapeHtml(block.text);
            case 'list': return block.items.map((item) => `- ${escapeHtml(item)}`).join('\n');
            case 'table': return [
                `| ${block.headers.map(escapeCell).join(' | ')} |`,
                `| ${block.headers.map(() => '---').join(' | ')} |`,
                ...block.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
            ].join('\n');
        }
    })
        .join('\n\n') + '\n';
}
/** Plain text for logs and terminals: markdown code ticks dropped. */
function renderText(summary) {
    // Printed to a terminal or a job log, where a cell starting with `::` would be a workflow command.
    const text = renderTextBlocks(summary).replace(/`/g, '').replace(/\n$/, '');
    return `${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .inertText */ .UJ)(text)}\n`;
}
function renderTextBlocks(summary) {
    return summary.blocks
        .map((block) => {
        switch (block.kind) {
            case 'heading': return `== ${block.text} ==`;
            case 'text': return block.text;
            case 'list': return block.items.map((item) => `  - ${item}`).join('\n');
            case 'table': {
                const all = [block.headers, ...block.rows];
                const widths = block.headers.map((_, i) => Math.min(60, Math.max(...all.map((r) => (r[i] ?? '').length))));
                const line = (row) => row.map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd();
                return [line(block.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...block.rows.map(line)].join('\n');
            }
        }
    })
        .join('\n') + '\n';
}


/***/ }),

/***/ 5131:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A6: () => (/* binding */ parseStateText),
/* harmony export */   JK: () => (/* binding */ lockDir),
/* harmony export */   JP: () => (/* binding */ deployLogPath),
/* harmony export */   Pn: () => (/* binding */ stateDir),
/* harmony export */   VP: () => (/* binding */ writeStateFile),
/* harmony export */   YF: () => (/* binding */ hostPathsOf),
/* harmony export */   _k: () => (/* binding */ appendDeployLog),
/* harmony export */   bI: () => (/* binding */ formatDeployLogLine),
/* harmony export */   l2: () => (/* binding */ readOrEmpty),
/* harmony export */   qZ: () => (/* binding */ hostFiles),
/* harmony export */   qy: () => (/* binding */ readStateFile),
/* harmony export */   r9: () => (/* binding */ stateText),
/* harmony export */   vZ: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* unused harmony exports writeAtomicWords, readOrEmptyWords */
/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
const stateDir = (appDir) => `${appDir}/.slipway`;
const lockDir = (appDir) => `${stateDir(appDir)}/lock`;
const deployLogPath = (appDir) => `${stateDir(appDir)}/deploy.log`;
/**
 * Where a host's lock and deploy log are: Slipway's own under `.slipway/` (the lock a directory),
 * or the team's paths (the lock then a file, so the team's `cat`/`rm -f` and checks keep working).
 */
function hostPathsOf(appDir, conventions = {}) {
    return {
        lock: conventions.lockFile ? `${appDir}/${conventions.lockFile}` : lockDir(appDir),
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
function formatDeployLogLine(entry) {
    const clean = (value) => value.replace(/[\t\r\n]+/g, ' ');
    return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
        `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}
/** Appends the entry to `.slipway/deploy.log`, or to `logPath` (the team's deploy-log). */
async function appendDeployLog(session, appDir, entry, logPath = deployLogPath(appDir)) {
    await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', logPath, formatDeployLogLine(entry)], { label: `ssh ${session.target.host}: append to deploy log` });
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


/***/ }),

/***/ 8270:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   Qi: () => (/* binding */ acquireLockAndLook),
/* harmony export */   ky: () => (/* binding */ releaseLockWords),
/* harmony export */   pl: () => (/* binding */ LOCK_FILE_MARK)
/* harmony export */ });
/* unused harmony exports ForeignLockError, LockHeldError, RELEASE_LOCK_SCRIPT */
/* harmony import */ var _core_cancel_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4091);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3026);
/* harmony import */ var _core_leftovers_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8929);
/* harmony import */ var _core_runner_retry_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2738);
/* harmony import */ var _host_state_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5131);





/** The lock file exists and Slipway did not write it: the team's own deploy (or a leftover of it) holds the host. */
class ForeignLockError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ {
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
class LockHeldError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ {
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
function releaseLockWords(lockDir, token) {
    return ['sh', '-c', RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}
/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';
/** The same for a lock file: only while it is still Slipway's with that holder. */
const BREAK_FILE = `${HOLDER_OF}; if [ "$(head -n 1 "$1" 2>/dev/null)" = "${LOCK_FILE_MARK}" ] && [ "$(holder_of "$1")" = "$2" ]; then rm -f "$1"; fi`;
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
                return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ(`${session.name}: could not create app-dir ${appDir} (${stderr.trim().slice(0, 200)})`, { fix: 'Check the SSH user can write to its parent directory, or create app-dir on the host' });
            return undefined;
        },
    });
    return { lock, ...taken };
}
async function acquireLock(session, appDir, options, log) {
    return holdLock(session, appDir, options, log);
}
async function holdLock(session, appDir, options, log, attempt) {
    const dir = options.lockPath ?? (0,_host_state_js__WEBPACK_IMPORTED_MODULE_1__/* .lockDir */ .JK)(appDir);
    const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
    // Recorded before the first attempt (once, not per poll): a run killed as mkdir succeeds still tells its
    // post step, which releases the lock only if it reads this token (so a wait that never got it is harmless).
    const settle = (0,_core_leftovers_js__WEBPACK_IMPORTED_MODULE_2__/* .recordLeftover */ .vy)({
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
            const released = await session.exec(releaseLockWords(dir, token), { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
            // Exit 3: no longer ours (broken as stale and retaken): nothing of ours is left to release either.
            if (released.exitCode === 0 || released.exitCode === 3)
                settle();
        },
        finish: async (entry, logPath, closing, failedEntry) => {
            const line = (0,_host_state_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDeployLogLine */ .bI)(entry);
            const result = await session.exec(['sh', '-c', closeScript(closing?.script), 'slipway-close', logPath, line, failedEntry ? (0,_host_state_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDeployLogLine */ .bI)(failedEntry) : line, dir, token, ...(closing?.args ?? [])], {
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
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ(`${session.name}: the deploy log and the lock release did not answer (exit ${result.exitCode}: ${result.stderr.trim().slice(0, 200)})`, { cause: closingError });
            const { logged: log } = answered;
            return { ...(log[1] === '0' ? {} : { logError: log[2]?.trim() || `exit ${log[1]}` }), ...(closingError ? { closingError } : {}) };
        },
    };
}
async function takeLock(session, dir, token, options, log, attempt) {
    const started = Date.now();
    let announced = false;
    for (;;) {
        (0,_core_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .throwIfCancelled */ .dZ)(options.signal, `taking the deploy lock on ${session.name}`);
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
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
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
        await (0,_core_runner_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .sleep */ .yy)(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
    }
}


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ handleCancelSignals),
/* harmony export */   p: () => (/* binding */ CANCELLED_EXIT_CODE)
/* harmony export */ });
/* harmony import */ var _core_leftovers_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8929);
/* harmony import */ var _post_cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5094);


/** Exit code of a process stopped by SIGINT, as shells report it. */
const CANCELLED_EXIT_CODE = 130;
/**
 * The edges' answer to SIGINT/SIGTERM (a runner's cancel, Ctrl-C). GitHub sends
 * SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that; Forgejo gives no grace.
 *
 * - A flow that handles cancel: the first signal aborts `signal` and the flow
 *   winds down (no new step, host whole, lock released, session closed). A
 *   second signal does not cut that short. A third stops at once, removing
 *   local key material and temp dirs on the way out.
 * - Any other flow: the first signal removes the recorded leftovers and exits.
 */
function handleCancelSignals(log, graceful) {
    const controller = new AbortController();
    let received;
    let count = 0;
    const stopNow = (why) => {
        log.error(why);
        (0,_post_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .removeLeftoversNow */ .Rs)((0,_core_leftovers_js__WEBPACK_IMPORTED_MODULE_1__/* .openLeftovers */ .ZF)());
        process.exit(CANCELLED_EXIT_CODE);
    };
    const onSignal = (name) => {
        count += 1;
        if (count === 1) {
            received = name;
            if (!graceful)
                return stopNow(`cancelled (${name}): stopped; key files, ssh connections and temp dirs of this run were removed`);
            log.warn(`cancel requested (${name}): no new step starts; the step in flight finishes, then the host is left on the old or the new version, the lock released and the SSH connection closed`);
            controller.abort(new Error(`cancelled (${name})`));
            return;
        }
        if (count === 2) {
            log.warn(`${name} received while cancelling: the cleanup goes on (a further signal stops at once, leaving the lock to the post step)`);
            return;
        }
        stopNow(`cancelled (${name}) during cleanup: stopped at once; local key files and temp dirs removed, the post step releases what is left`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        received: () => received,
        dispose: () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        },
    };
}


/***/ }),

/***/ 5094:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Rs: () => (/* binding */ removeLeftoversNow)
/* harmony export */ });
/* unused harmony exports LEFTOVERS_STATE, parseLeftovers, cleanUpLeftovers */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var _deploy_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8270);
/* harmony import */ var _ssh_commands_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5632);








/** The GITHUB_STATE name the main step writes its leftovers under (the post reads STATE_leftovers). */
const LEFTOVERS_STATE = 'leftovers';
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
            options.log.warn(`post: could not release the deploy lock on ${lock.host}:${lock.port} (${formatError(error)}); it is broken as stale after lock-stale-after`);
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
        if (item.kind === 'dir' && fs.existsSync(item.path)) {
            fs.rmSync(item.path, { recursive: true, force: true });
            report.dirsRemoved += 1;
        }
        if (item.kind === 'containers')
            await removeLabelledContainers(item.label, options.runner);
    }
    return report;
}
async function releaseLeftLock(lock, sessions, options) {
    const { runner, log } = options;
    const line = formatDeployLogLine({
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
    if (recorded && fs.existsSync(recorded.dir)) {
        const paths = pathsOf(recorded);
        const alive = (await runner.run(controlCommand(paths, 'check'), { timeoutMs: 5000, allowFailure: true })).exitCode === 0;
        // The main's master, or a new one from its own config while its key file is still there.
        const reopened = !alive && fs.existsSync(`${recorded.dir}/id`)
            && (await runner.run(masterCommand(paths), { timeoutMs: 25_000, allowFailure: true, label: `ssh ${lock.host} (post: reconnect)` })).exitCode === 0;
        if (alive || reopened) {
            const result = await runner.run(execCommand(paths, words), { timeoutMs: 20_000, allowFailure: true, label: `ssh ${lock.host}: release deploy lock (post)` });
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
const pathsOf = (session) => (0,_ssh_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .sessionPaths */ .NE)(session.dir, Boolean(session.agentSocket));
async function stopSession(session, runner) {
    if (fs.existsSync(`${session.dir}/ssh_config`)) {
        await runner.run(controlCommand(pathsOf(session), 'exit'), { timeoutMs: 5000, allowFailure: true });
    }
    if (session.agentPid)
        killAgent(session.agentPid, session.agentSocket);
    fs.rmSync(session.dir, { recursive: true, force: true });
}
/** Kills the agent only if the pid is still an ssh-agent on our socket (a pid may have been reused). */
function killAgent(pid, socket) {
    try {
        const cmdline = node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmdline.includes('ssh-agent') || (socket && !cmdline.includes(socket)))
            return;
    }
    catch {
        if (node_os__WEBPACK_IMPORTED_MODULE_2__.platform() === 'linux')
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
        if (!recorded || !node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(`${recorded.dir}/ssh_config`))
            continue;
        const spec = (0,_ssh_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .execCommand */ .NK)(pathsOf(recorded), (0,_deploy_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .releaseLockWords */ .ky)(lock.lockDir, lock.token));
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
    }
    for (const session of sessions) {
        if (node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(`${session.dir}/ssh_config`)) {
            (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', _ssh_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .TARGET_ALIAS */ .Bx], { timeout: 3000, stdio: 'ignore' });
        }
        if (session.agentPid)
            killAgent(session.agentPid, session.agentSocket);
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(session.dir, { recursive: true, force: true });
    }
    for (const item of items)
        if (item.kind === 'dir')
            node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(item.path, { recursive: true, force: true });
}


/***/ }),

/***/ 5632:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bx: () => (/* binding */ TARGET_ALIAS),
/* harmony export */   GX: () => (/* binding */ agentAddCommand),
/* harmony export */   Lo: () => (/* binding */ agentListCommand),
/* harmony export */   NE: () => (/* binding */ sessionPaths),
/* harmony export */   NK: () => (/* binding */ execCommand),
/* harmony export */   OT: () => (/* binding */ withEnvFromStdin),
/* harmony export */   P1: () => (/* binding */ forwardSpec),
/* harmony export */   Tm: () => (/* binding */ agentStartCommand),
/* harmony export */   Z1: () => (/* binding */ forwardCommand),
/* harmony export */   ZV: () => (/* binding */ agentStopCommand),
/* harmony export */   fY: () => (/* binding */ rsyncCommand),
/* harmony export */   jw: () => (/* binding */ controlCommand),
/* harmony export */   mJ: () => (/* binding */ renderEnvFile),
/* harmony export */   qN: () => (/* binding */ withEnvFromFile),
/* harmony export */   qW: () => (/* binding */ masterCommand),
/* harmony export */   r4: () => (/* binding */ renderSshConfig),
/* harmony export */   wG: () => (/* binding */ parseAgentPid),
/* harmony export */   wN: () => (/* binding */ survivingDisconnect)
/* harmony export */ });
/* unused harmony export CONTROL_PERSIST_S */
/* harmony import */ var _core_command_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9764);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(791);


/** How long a master outlives its last command (see KEEPALIVE_IDLE_MS in session.ts). */
const CONTROL_PERSIST_S = 30;
/** The alias every command uses; the config file maps it to the real host. */
const TARGET_ALIAS = 'slipway-target';
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
        `Host ${TARGET_ALIAS}`,
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
        `  StrictHostKeyChecking ${(0,_target_js__WEBPACK_IMPORTED_MODULE_0__/* .acceptsUnknownKeys */ .cv)(target.hostKeys) ? 'accept-new' : 'yes'}`,
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
    return { file: 'ssh', args: ['-F', paths.config, '-o', 'ControlMaster=yes', '-f', '-N', TARGET_ALIAS] };
}
/**
 * Options for every command after the master: go through the control socket or
 * fail. `ProxyCommand=false` stops a silent second connection when the master is gone.
 */
function clientOptions(paths) {
    return ['-F', paths.config, '-o', 'ControlMaster=no', '-o', 'ProxyCommand=false'];
}
/** Runs one remote command line, built from quoted words, over the master. */
function execCommand(paths, remoteWords, stdin) {
    return { file: 'ssh', args: [...clientOptions(paths), TARGET_ALIAS, '--', (0,_core_command_js__WEBPACK_IMPORTED_MODULE_1__/* .shellJoin */ .nZ)(remoteWords)], stdin };
}
function controlCommand(paths, operation) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, TARGET_ALIAS] };
}
function forwardSpec(localPort, remoteHost, remotePort) {
    const host = remoteHost.includes(':') ? `[${remoteHost}]` : remoteHost;
    return `127.0.0.1:${localPort}:${host}:${remotePort}`;
}
function forwardCommand(paths, operation, spec) {
    return { file: 'ssh', args: ['-F', paths.config, '-O', operation, '-L', spec, TARGET_ALIAS] };
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
            `${TARGET_ALIAS}:${remotePath}`,
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


/***/ }),

/***/ 791:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   cv: () => (/* binding */ acceptsUnknownKeys),
/* harmony export */   ff: () => (/* binding */ describeTarget)
/* harmony export */ });
/* unused harmony export knownHostsName */
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
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
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
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  E: () => (/* binding */ main_commandList),
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __nccwpck_require__(3026);
// EXTERNAL MODULE: ./build/src/cli/commands/version.js + 1 modules
var version = __nccwpck_require__(5739);
;// CONCATENATED MODULE: ./build/src/core/exit-guard.js
const STALLED_MESSAGE = (what) => `error: ${what} stopped before it had a result: it was waiting for something that can no longer answer. ` +
    'This is a bug in Slipway, not in your inputs: run again with --debug and report the last lines. Exit code 1.\n';
function runGuarded(command, options, proc = process) {
    let settled = false;
    return new Promise((resolve) => {
        const stalled = () => {
            proc.off('beforeExit', stalled);
            if (settled)
                return;
            settled = true;
            proc.exitCode = 1;
            proc.stderr.write(STALLED_MESSAGE(options.what));
            options.onStall?.(STALLED_MESSAGE(options.what).replace(/^error: /, '').trim());
            // Cleanup may start processes (ssh -O exit): the loop lives on until they end, then the process exits 1.
            Promise.resolve()
                .then(() => options.cleanup?.())
                .catch((error) => { proc.stderr.write(`error: cleanup after the stop failed: ${error.message}\n`); })
                .finally(() => { proc.exitCode = 1; resolve(1); });
        };
        proc.on('beforeExit', stalled);
        const finish = (code) => {
            if (settled)
                return;
            settled = true;
            proc.off('beforeExit', stalled);
            proc.exitCode = code;
            // A finished run has removed what it made; the cleanup then finds nothing, or what a bug left.
            Promise.resolve()
                .then(() => options.cleanup?.())
                .catch((error) => { proc.stderr.write(`warning: cleanup at exit failed: ${error.message}\n`); })
                .finally(() => resolve(code));
        };
        command().then(finish, (error) => {
            if (!settled)
                proc.stderr.write(`error: ${error?.message ?? String(error)}\n`);
            finish(1);
        });
    });
}

// EXTERNAL MODULE: ./build/src/cli/flags.js
var flags = __nccwpck_require__(8055);
;// CONCATENATED MODULE: ./build/src/cli/flows.js


/**
 * Every flow the CLI knows. The same definitions back the actions
 * (src/actions/<name>.ts), so `slipway build` and `actions/build-image` are one path.
 * Each is imported only when its command runs: a process pays for parsing the code
 * it uses, not the whole CLI's (flows.test.ts checks these names against the flows).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const flow = (command, action, describe, load, config) => ({ command, action, describe, load, config });
const flows = [
    flow('build', 'build-image', 'Build the linux/amd64 image from a Dockerfile, tagged from git, with a layer cache', async () => (await __nccwpck_require__.e(/* import() */ 37).then(__nccwpck_require__.bind(__nccwpck_require__, 37))).buildImageFlow),
    flow('push', 'push-image', 'Push every tag, output the digest, verify a pull by digest (optionally anonymous)', async () => (await __nccwpck_require__.e(/* import() */ 840).then(__nccwpck_require__.bind(__nccwpck_require__, 4840))).pushImageFlow),
    flow('smoke', 'smoke-test', 'Wait until the app answers, check its version, JSON, body and latency, optionally soak it', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(99)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8099))).smokeFlow),
    flow('drill', 'restore-drill', 'Restore the newest backup into a scratch place, verify data and app, report RPO/RTO', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(375), __nccwpck_require__.e(85)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6375))).drillFlow),
    flow('deploy', 'ssh-deploy', 'Deploy over SSH to one host or a fleet (compose, atomic releases, scripts) with locks and automatic rollback; mode preview: a preview per pull request (preview-action up|down|list|reap)', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(199), __nccwpck_require__.e(346), __nccwpck_require__.e(247)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8247))).sshDeployFlow),
    flow('scan', 'secret-scan', 'Scan a pull request, a push, the tree or the whole history for committed secrets', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(215), __nccwpck_require__.e(855)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9215))).secretScanFlow),
    // The pipeline reads every link's section of slipway.yml, not only its own (commands/pipeline.ts).
    flow('pipeline', 'deploy-pipeline', 'Build, push, deploy and smoke-test in one step; roll back when the smoke test fails (--dry-run prints the plan)', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(199), __nccwpck_require__.e(777), __nccwpck_require__.e(466)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5466))).pipelineFlow, async () => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(409)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2409))).pipelineConfig),
];
/** `slipway demo` takes no inputs; `--help` says what it does instead of running it. */
async function demoCommand(args, log) {
    if ((0,flags/* asksForHelp */.BO)(args)) {
        process.stdout.write('slipway demo: build, push, deploy, smoke-test, drill and scan on the local sandbox (`npm run sandbox -- up` first), one summary at the end.\nUsage: slipway demo [--debug] [--quiet]\n');
        return 0;
    }
    const line = (0,flags/* parseCommandLine */.Du)(args, (0,flags/* switchesOnly */.Hc)('demo'));
    if (line.switches.has('version')) {
        process.stdout.write(`slipway ${(0,version/* packageVersion */.Tl)()}\n`);
        return 0;
    }
    const { runDemo } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(199), __nccwpck_require__.e(777), __nccwpck_require__.e(346), __nccwpck_require__.e(215), __nccwpck_require__.e(375), __nccwpck_require__.e(466), __nccwpck_require__.e(897)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5897));
    return runDemo(args, log);
}
const extraCommands = [
    { name: 'demo', describe: 'Run the main job end to end on the local sandbox', run: (args, log) => demoCommand(args, log) },
    { name: 'status', describe: 'What serves on each host now: image or release, answered version, lock, last deploys (--json)', run: async (args) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(541)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2541))).runStatusCommand(args, await processIo()) },
    { name: 'history', describe: 'The deploy log of every host, newest first (--json)', run: async (args) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(541)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2541))).runHistoryCommand(args, await processIo()) },
    { name: 'lock', describe: 'lock status | lock release: the deploy lock on each host and its holder', run: async (args) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(78), __nccwpck_require__.e(324)]).then(__nccwpck_require__.bind(__nccwpck_require__, 324))).runLockCommand(args, await processIo()) },
    { name: 'init', describe: 'Write slipway.yml and the workflows for this project; print the secrets to set', run: async (args) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(337)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9337))).runInitCommand(args, await processIo()) },
    { name: 'preview', describe: 'preview up|down|list|reap: one environment per pull request (own compose project, env, volumes, port)', run: async (args, log) => (await Promise.all(/* import() */[__nccwpck_require__.e(856), __nccwpck_require__.e(711), __nccwpck_require__.e(346), __nccwpck_require__.e(284)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1715))).runPreviewCommand(args, log) },
    { name: 'completion', describe: 'bash or zsh completion: commands, flags and their fixed values', run: async (args) => (await __nccwpck_require__.e(/* import() */ 489).then(__nccwpck_require__.bind(__nccwpck_require__, 7489))).runCompletionCommand(args, await processIo(), commandList()) },
];
/** The terminal and files a non-flow command reads and writes (command-io.ts, loaded with the command). */
async function processIo() {
    return (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(343)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4343))).processIo();
}
/** Every command with its one-line description, for completion. */
function commandList() {
    const actionOf = { preview: 'preview' };
    return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe, action: flow.action })), ...extraCommands.map(({ name, describe }) => ({ name, describe, action: actionOf[name] }))];
}

// EXTERNAL MODULE: ./build/src/cli/flow-command.js
var flow_command = __nccwpck_require__(1902);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./build/src/core/log.js
var log = __nccwpck_require__(5491);
// EXTERNAL MODULE: ./build/src/core/runner/process-runner.js + 12 modules
var process_runner = __nccwpck_require__(3101);
// EXTERNAL MODULE: ./build/src/ssh/commands.js
var commands = __nccwpck_require__(5632);
;// CONCATENATED MODULE: ./build/src/cli/run-temp.js






/**
 * ssh's control socket lands at `<TMPDIR>/slipway-ssh-XXXXXX/control.<16 chars>`, and a
 * Unix socket path has at most 104 bytes on macOS (108 on Linux): the run dir is named
 * short, and where even that would not fit, TMPDIR is left as it is.
 */
const SOCKET_PATH_LIMIT = 100;
const SESSION_SOCKET_SUFFIX = '/slipway-ssh-XXXXXX/control.XXXXXXXXXXXXXXXX';
function useRunTempDir(env = process.env, runner = new process_runner/* ProcessRunner */.S(log/* silentLogger */.qq)) {
    const base = env.TMPDIR || external_node_os_.tmpdir();
    const dir = external_node_path_.join(base, 'sw-XXXXXX');
    if (dir.length + SESSION_SOCKET_SUFFIX.length > SOCKET_PATH_LIMIT)
        return { dir: base, cleanup: async () => undefined };
    return redirect(external_node_fs_.mkdtempSync(external_node_path_.join(base, 'sw-')), env, runner);
}
function redirect(dir, env, runner) {
    external_node_fs_.chmodSync(dir, 0o700);
    env.TMPDIR = dir;
    let done = false;
    return {
        dir,
        cleanup: async () => {
            if (done)
                return;
            done = true;
            await closeLeftSessions(dir, runner);
            external_node_fs_.rmSync(dir, { recursive: true, force: true });
        },
    };
}
/** Session dirs a run left (its `finally` never ran): stop their master, kill their agent. */
async function closeLeftSessions(dir, runner) {
    const sessions = external_node_fs_.readdirSync(dir).filter((name) => name.startsWith('slipway-ssh-')).map((name) => external_node_path_.join(dir, name));
    for (const session of sessions) {
        if (external_node_fs_.existsSync(external_node_path_.join(session, 'ssh_config'))) {
            await runner.run((0,commands/* controlCommand */.jw)((0,commands/* sessionPaths */.NE)(session, false), 'exit'), { timeoutMs: 5000, allowFailure: true });
        }
        for (const pid of processesNaming(external_node_path_.join(session, 'agent.sock'))) {
            try {
                process.kill(pid, 'SIGTERM');
            }
            catch { /* already gone */ }
        }
    }
    return sessions;
}
/** Processes whose command line contains `text` (Linux /proc; elsewhere none are found). */
function processesNaming(text) {
    if (!external_node_fs_.existsSync('/proc'))
        return [];
    const found = [];
    for (const entry of external_node_fs_.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid)
            continue;
        try {
            if (external_node_fs_.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(text))
                found.push(Number(entry));
        }
        catch { /* gone meanwhile */ }
    }
    return found;
}

// EXTERNAL MODULE: ./build/src/cli/help.js
var help = __nccwpck_require__(2225);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __nccwpck_require__(8929);
// EXTERNAL MODULE: ./build/src/platform/cancel-signals.js
var cancel_signals = __nccwpck_require__(3683);
// EXTERNAL MODULE: ./build/src/platform/post-cleanup.js
var post_cleanup = __nccwpck_require__(5094);
// EXTERNAL MODULE: ./build/src/cli/terminal.js
var terminal = __nccwpck_require__(9342);
;// CONCATENATED MODULE: ./build/src/cli/json-output.js
function oneJsonDocument(text, code) {
    const trimmed = text.trim();
    if (!trimmed)
        return `${JSON.stringify({ ok: code === 0, exitCode: code })}\n`;
    try {
        JSON.parse(trimmed);
        return `${trimmed}\n`;
    }
    catch {
        return `${JSON.stringify({ ok: code === 0, exitCode: code, text }, null, 2)}\n`;
    }
}
async function withOneJsonDocument(run, stdout = process.stdout) {
    const chunks = [];
    const original = stdout.write;
    const hold = (chunk, encoding, callback) => {
        chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        const done = typeof encoding === 'function' ? encoding : callback;
        done?.();
        return true;
    };
    stdout.write = hold;
    let code = 1;
    try {
        code = await run();
        return code;
    }
    finally {
        stdout.write = original;
        stdout.write(oneJsonDocument(chunks.join(''), code));
    }
}

;// CONCATENATED MODULE: ./build/src/cli/main.js













/** Every command, flows first, for `slipway --help` and "did you mean". */
function main_commandList() {
    return [...flows.map((flow) => ({ name: flow.command, describe: flow.describe })), ...extraCommands.map(({ name, describe }) => ({ name, describe }))];
}
/** Commands that run something (not help, completion or init): at a terminal they end with a line saying how it went and how long it took. */
const RUNS = new Set(['demo', 'pipeline', 'preview', 'status', 'history', 'lock']);
/**
 * `slipway <command> [flags]` → exit code: 0 ok, 1 failed, 2 an input error
 * (the codes `slipway --help` documents). Adding a command is one entry in flows.ts.
 * With `--json`, stdout holds exactly one JSON document, whatever the command (json-output.ts).
 */
async function main(argv) {
    const [, ...args] = argv;
    // Read before parsing, so a flag error is reported the way they ask too.
    if (args.includes('--json'))
        return withOneJsonDocument(() => dispatch(argv));
    return dispatch(argv);
}
async function dispatch(argv) {
    const [name, ...args] = argv;
    const json = args.includes('--json');
    const debug = args.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
    // `--quiet`: errors only on stderr; the result still goes to stdout.
    const log = (0,terminal/* terminalLogger */.jl)({ quiet: args.includes('--quiet'), debug });
    const started = Date.now();
    const runs = name !== undefined && (RUNS.has(name) || flows.some((flow) => flow.command === name || flow.action === name)) && !args.includes('--help') && !args.includes('-h');
    const code = await command(name, args, log, json, debug);
    // Exit 2: nothing ran, and the error line said why.
    if (runs && code !== 2)
        log.finished(`slipway ${name}`, code, started);
    return code;
}
async function command(name, args, log, json, debug) {
    try {
        if (name === undefined || name === '--help' || name === '-h') {
            process.stdout.write((0,help/* usage */.CI)(main_commandList(), (0,version/* packageVersion */.Tl)()));
            return name === undefined ? 2 : 0;
        }
        if (name === '--version') {
            process.stdout.write(json ? `${JSON.stringify({ ok: true, version: (0,version/* packageVersion */.Tl)() })}\n` : `slipway ${(0,version/* packageVersion */.Tl)()}\n`);
            return 0;
        }
        if (name === 'help')
            return await main_help(args);
        const extra = extraCommands.find((command) => command.name === name);
        if (extra)
            return await extra.run(args, log);
        const flow = flows.find((candidate) => candidate.command === name || candidate.action === name);
        if (!flow)
            throw unknownCommand(name);
        return await (0,flow_command/* runFlowCommand */.H_)(flow, args, log, { json, stdout: process.stdout, during: (title, body) => log.during(title, body) });
    }
    catch (error) {
        const message = (0,errors/* formatError */.Wk)(error, debug);
        if (json)
            process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
        log.error(message);
        return error instanceof errors/* InputError */.dz ? 2 : 1;
    }
}
/** `slipway help [command]` is `slipway [command] --help`. */
async function main_help(args) {
    // The global switches are taken here as everywhere (--json wraps the text as one document).
    const [command, ...more] = args.filter((arg) => !['--json', '--quiet', '--debug'].includes(arg));
    if (command === undefined)
        return main(['--help']);
    if (more.length)
        throw new errors/* InputError */.dz(`'${more[0]}'`, 'is not expected after `slipway help <command>`', 'Ask for one command at a time.');
    if (!main_commandList().some((known) => known.name === command) && !flows.some((flow) => flow.action === command))
        throw unknownCommand(command);
    return main([command, '--help']);
}
function unknownCommand(name) {
    const nearest = (0,flags/* suggest */.ZA)(name, main_commandList().map((command) => command.name));
    return new errors/* InputError */.dz(`command '${name}'`, 'is unknown', nearest ? `Did you mean \`slipway ${nearest}\`? \`slipway help\` lists every command.` : 'Run `slipway help` for the list.');
}
// Run when executed (the bundle is `dist/cli/index.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:cli[\\/]index|cli[\\/]main)\.[jt]s$/.test(invoked) || invoked.endsWith('slipway')) {
    const argv = process.argv.slice(2);
    const temp = useRunTempDir();
    const cleanup = async () => {
        // What a stalled or failed run may still hold: its recorded key files and temp dirs, then the run's own temp dir.
        (0,post_cleanup/* removeLeftoversNow */.Rs)((0,leftovers/* openLeftovers */.ZF)());
        await temp.cleanup();
    };
    void runGuarded(() => main(argv), { what: `slipway ${argv[0] ?? ''}`.trim(), cleanup }).then((code) => {
        // A cancelled run has cleaned up; a check it cut short may still have a timer running.
        if (code === cancel_signals/* CANCELLED_EXIT_CODE */.p)
            process.exit(code);
    });
}

var __webpack_exports__commandList = __webpack_exports__.E;
var __webpack_exports__main = __webpack_exports__.i;
export { __webpack_exports__commandList as commandList, __webpack_exports__main as main };
