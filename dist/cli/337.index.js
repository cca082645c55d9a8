export const id = 337;
export const ids = [337,343,987];
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

/***/ 9337:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SCHEMA_URL: () => (/* binding */ SCHEMA_URL),
  renderSlipwayYml: () => (/* binding */ renderSlipwayYml),
  runInitCommand: () => (/* binding */ runInitCommand),
  workflowNeeds: () => (/* binding */ workflowNeeds)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/cli/commands/command-io.js
var command_io = __webpack_require__(4343);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./build/src/cli/commands/init-detect.js




const DOCKERFILES = ['Dockerfile', 'dockerfile', 'Containerfile'];
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const HEALTH_PATHS = ['/api/health', '/healthz', '/health', '/-/health', '/api/healthz', '/status'];
const SOURCE_EXTENSIONS = /\.(js|mjs|cjs|ts|py|rb|go|rs|php|java|kt|ex|sh|conf)$/;
const readSmall = (file) => {
    try {
        return external_node_fs_.statSync(file).size <= 256 * 1024 ? external_node_fs_.readFileSync(file, 'utf8') : '';
    }
    catch {
        return '';
    }
};
/** `http://127.0.0.1:$PORT/api/health` in a HEALTHCHECK or compose test → path and port. */
function healthFromText(text) {
    const match = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0)(?::(\d+|\$\{?\w+\}?))?(\/[A-Za-z0-9/_.-]*)/.exec(text);
    if (!match)
        return {};
    return { healthPath: match[2], ...(match[1] && /^\d+$/.test(match[1]) ? { port: Number(match[1]) } : {}) };
}
function composeServices(file, dockerfile) {
    try {
        const document = dist.parse(readSmall(file));
        const services = Object.entries(document?.services ?? {});
        const building = services.filter(([, spec]) => spec?.build !== undefined || (dockerfile !== undefined && JSON.stringify(spec ?? {}).includes(dockerfile)));
        return [...building, ...services.filter((s) => !building.includes(s))].map(([name]) => name);
    }
    catch {
        return [];
    }
}
/** A few levels of the source tree, skipping dependencies and build output, for a health route. */
function healthFromSource(dir) {
    const counts = new Map();
    const walk = (at, depth) => {
        if (depth > 3)
            return;
        let entries;
        try {
            entries = external_node_fs_.readdirSync(at, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (entry.name.startsWith('.') || ['node_modules', 'vendor', 'dist', 'build', 'target'].includes(entry.name))
                continue;
            const file = external_node_path_.join(at, entry.name);
            if (entry.isDirectory())
                walk(file, depth + 1);
            else if (SOURCE_EXTENSIONS.test(entry.name)) {
                const text = readSmall(file);
                for (const candidate of HEALTH_PATHS)
                    if (text.includes(`'${candidate}'`) || text.includes(`"${candidate}"`) || text.includes(`${candidate} `))
                        counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
            }
        }
    };
    walk(dir, 0);
    return HEALTH_PATHS.find((candidate) => counts.has(candidate));
}
/** The git remote, as an image name on that forge's registry. */
function imageFromRemote(dir) {
    let remote;
    try {
        remote = (0,external_node_child_process_.execFileSync)('git', ['-C', dir, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    }
    catch {
        return {};
    }
    const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([A-Za-z0-9.-]+)(?::\d+)?[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(remote);
    if (!match)
        return {};
    const [, host = '', owner = '', repo = ''] = match;
    const github = host === 'github.com';
    return { image: `${github ? 'ghcr.io' : host}/${owner}/${repo}`.toLowerCase(), forge: github ? 'github' : 'forgejo' };
}
function detectProject(dir) {
    const dockerfile = DOCKERFILES.find((name) => external_node_fs_.existsSync(external_node_path_.join(dir, name)));
    const composeFile = COMPOSE_FILES.find((name) => external_node_fs_.existsSync(external_node_path_.join(dir, name)));
    const services = composeFile ? composeServices(external_node_path_.join(dir, composeFile), dockerfile) : [];
    const dockerText = dockerfile ? readSmall(external_node_path_.join(dir, dockerfile)) : '';
    const composeText = composeFile ? readSmall(external_node_path_.join(dir, composeFile)) : '';
    const healthcheck = healthFromText(dockerText.split('\n').filter((l) => /^\s*HEALTHCHECK/i.test(l)).join('\n'));
    const fromCompose = healthFromText(composeText);
    const exposed = /^\s*EXPOSE\s+(\d+)/im.exec(dockerText)?.[1] ?? /\bPORT[=:]\s*["']?(\d{2,5})/.exec(dockerText)?.[1] ?? /\bPORT[=:]\s*\$\{PORT:-(\d{2,5})\}/.exec(composeText)?.[1];
    const healthPath = healthcheck.healthPath ?? fromCompose.healthPath ?? healthFromSource(dir);
    const port = healthcheck.port ?? fromCompose.port ?? (exposed ? Number(exposed) : undefined);
    const remote = imageFromRemote(dir);
    const forge = external_node_fs_.existsSync(external_node_path_.join(dir, '.forgejo')) || external_node_fs_.existsSync(external_node_path_.join(dir, '.gitea')) ? 'forgejo' : external_node_fs_.existsSync(external_node_path_.join(dir, '.github')) ? 'github' : remote.forge;
    const name = external_node_path_.basename(external_node_path_.resolve(dir)).toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'app';
    return { dockerfile, composeFile, services, healthPath, port, image: remote.image, forge, name };
}

// EXTERNAL MODULE: ./build/src/cli/commands/version.js + 1 modules
var version = __webpack_require__(5739);
;// CONCATENATED MODULE: ./build/src/cli/commands/init.js






const SCHEMA_URL = 'https://raw.githubusercontent.com/slipway-dev/slipway/v1/schema/slipway.schema.json';
const HELP = `slipway init [flags]

Writes slipway.yml and the three workflows (deploy, nightly restore drill, PR
secret scan) for GitHub (.github/workflows/) or Forgejo (.forgejo/workflows/),
from what it finds here: the Dockerfile, the compose file and its service, a
health endpoint. On a terminal it asks only what it cannot find; otherwise the
flags below give it. Then it prints the secrets and variables to set and the
commands that produce them. Existing files are never overwritten without --force.

  --host [user@]host[:port]  the server to deploy to
  --image REF                image name in your registry (default: from the git remote)
  --forge github|forgejo     which workflows (default: from .github/.forgejo or the remote)
  --service NAME             compose service that runs the image (default: found)
  --app-dir DIR              app directory on the server (default /srv/<dir name>)
  --health-url URL           as the server sees it (default: found, on 127.0.0.1)
  --strategy compose|release (default compose when a compose file is here)
  --private-key PATH         the deploy key, for slipway.yml (default ~/.ssh/<dir name>_deploy)
  --force                    overwrite files that exist
  --dry-run                  print what would be written, write nothing
  --json                     one JSON document on stdout (files, secrets, variables), nothing else there
  --quiet                    leave out what was found and written; the next steps are still printed

Exit codes: 0 written, 1 a file could not be written, 2 a missing answer or a file that exists.
`;
const HOST = /^(?:[A-Za-z0-9._-]+@)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;
const IMAGE = /^[a-z0-9][a-z0-9._/:-]*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** What each answer must look like; an error names the flag (the value is not echoed). */
function check(answers) {
    if (!HOST.test(answers.host))
        throw new errors/* InputError */.dz('--host', 'is not [user@]host[:port]', 'e.g. deploy@app.example.com or deploy@203.0.113.7:2222.');
    if (!IMAGE.test(answers.image))
        throw new errors/* InputError */.dz('--image', 'is not a lowercase image name', 'e.g. ghcr.io/you/app or git.example.com/team/app.');
    if (!SERVICE.test(answers.service))
        throw new errors/* InputError */.dz('--service', 'is not a compose service name');
    if (!answers.appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(answers.appDir))
        throw new errors/* InputError */.dz('--app-dir', 'is not an absolute path without shell characters', 'e.g. /srv/app.');
    if (answers.healthUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(answers.healthUrl))
        throw new errors/* InputError */.dz('--health-url', 'is not an http(s) URL', 'e.g. http://127.0.0.1:8080/api/health (as the server sees it).');
}
/** slipway.yml as init writes it: the schema line for editors, secrets only as ${env:…}. */
function renderSlipwayYml(answers, detected) {
    const q = (value) => JSON.stringify(value);
    return [
        `# yaml-language-server: $schema=${SCHEMA_URL}`,
        '# Written by `slipway init`. Flags win over this file; secrets never go in it: ${env:NAME} reads them.',
        '# slipway pipeline --dry-run shows the plan; slipway status shows what runs.',
        'defaults:',
        `  hosts: ${q(answers.host)}`,
        `  private-key: ${q(answers.privateKey)}`,
        '  known-hosts: ./known_hosts # ssh-keyscan output, checked (see the steps slipway init printed)',
        'build:',
        `  image: ${q(answers.image)}`,
        '  context: .',
        ...(detected.dockerfile && detected.dockerfile !== 'Dockerfile' ? [`  dockerfile: ${q(detected.dockerfile)}`] : []),
        '  build-args: APP_VERSION={version}',
        'push:',
        ...(answers.registryUser ? [`  username: ${q(answers.registryUser)}`] : ['  username: ${env:REGISTRY_USER}']),
        '  password: ${env:REGISTRY_PASSWORD}',
        'deploy:',
        `  strategy: ${answers.strategy}`,
        `  app-dir: ${q(answers.appDir)}`,
        ...(answers.strategy === 'compose' ? [`  service: ${q(answers.service)}`, ...(detected.composeFile ? [`  compose-file: ${q(detected.composeFile)}`] : [])] : ['  artifact: dist/']),
        ...(answers.healthUrl ? [`  health-url: ${q(answers.healthUrl)}`, `  health-expect: '"version":"{version}"'`] : []),
        '',
    ].join('\n');
}
/** The workflows' `secrets.X` and `vars.X`, read from the files written (GITHUB_TOKEN is the runner's own). */
function workflowNeeds(texts) {
    const secrets = new Set();
    const variables = new Set();
    for (const text of texts) {
        for (const match of text.matchAll(/\bsecrets\.([A-Z][A-Z0-9_]*)/g))
            if (match[1] !== 'GITHUB_TOKEN')
                secrets.add(match[1] ?? '');
        for (const match of text.matchAll(/\bvars\.([A-Z][A-Z0-9_]*)/g))
            variables.add(match[1] ?? '');
    }
    return { secrets: [...secrets].sort(), variables: [...variables].sort() };
}
function nextSteps(answers, needs, workflowDir) {
    const hostPart = answers.host.replace(/^[^@]+@/, '');
    const portMatch = /:(\d+)$/.exec(hostPart);
    const port = portMatch?.[1] ?? '22';
    const server = hostPart.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const setSecret = answers.forge === 'github' ? (name, from) => `gh secret set ${name} ${from}` : (name, from) => `${name} ${from}`;
    const key = answers.privateKey;
    const login = answers.host.replace(/:\d+$/, '');
    const portFlag = port !== '22' ? `-p ${port} ` : '';
    const secretFrom = {
        DEPLOY_HOST: `--body '${answers.host}'`, DEPLOY_SSH_KEY: `< ${key}`, DEPLOY_KNOWN_HOSTS: '< known_hosts', REGISTRY_PASSWORD: '(a token that may push to the registry)',
    };
    const variableValue = { IMAGE: answers.image, APP_DIR: answers.appDir, ...(answers.healthUrl ? { HEALTH_URL: answers.healthUrl } : {}) };
    return [
        '',
        'Next steps',
        '  1. A deploy key (no passphrase, for CI; kept out of the repository), its public half on the server:',
        `       ssh-keygen -t ed25519 -f ${key} -N ''`,
        `       ssh-copy-id -i ${key}.pub ${portFlag}${login}`,
        '  2. The host key, checked (the two fingerprints must be equal):',
        `       ssh-keyscan -p ${port} ${server} > known_hosts`,
        '       ssh-keygen -lf known_hosts',
        `       ssh ${portFlag}${login} ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub   # or read it on the server's console`,
        `  3. Secrets (${answers.forge === 'github' ? 'per environment, e.g. gh secret set NAME --env staging' : 'repository Settings → Actions → Secrets'}):`,
        ...needs.secrets.map((name) => `       ${setSecret(name, secretFrom[name] ?? '(see the workflow\'s header comment)')}`),
        `  4. Variables (${answers.forge === 'github' ? 'gh variable set NAME --body VALUE' : 'repository Settings → Actions → Variables'}):`,
        ...needs.variables.map((name) => `       ${name}${variableValue[name] ? ` = ${variableValue[name]}` : ' (optional, see the workflow)'}`),
        `  5. Commit slipway.yml, known_hosts and ${workflowDir}/, then run the Deploy workflow; from here: slipway pipeline --dry-run`,
        '     and afterwards slipway status.',
        '',
    ].join('\n');
}
async function ask(io, question, fallback) {
    const answer = ((await io.ask?.(`${question}${fallback ? ` [${fallback}]` : ''}: `)) ?? '').trim();
    return answer || fallback || '';
}
/** Flags first, then what was found; on a terminal, a question for each value still missing (and only those). */
async function answer(flags, detected, io) {
    const interactive = Boolean(io.ask);
    const need = async (flag, question, fallback) => {
        if (flags[flag] !== undefined)
            return flags[flag] ?? '';
        if (fallback !== undefined && !interactive)
            return fallback;
        if (!interactive)
            throw new errors/* InputError */.dz(`--${flag}`, 'is required when slipway init runs without a terminal', `Pass --${flag} (slipway init asks for it on a terminal).`);
        const value = await ask(io, question, fallback);
        if (!value)
            throw new errors/* InputError */.dz(`--${flag}`, 'was not answered', `Run slipway init again, or pass --${flag}.`);
        return value;
    };
    const found = (flag, value) => flags[flag] ?? value;
    const host = await need('host', 'Server to deploy to ([user@]host[:port], e.g. deploy@app.example.com)');
    const image = found('image', detected.image) ?? await need('image', 'Image name in your registry (e.g. ghcr.io/you/app)');
    const forgeValue = found('forge', detected.forge) ?? await need('forge', 'Workflows for github or forgejo', 'github');
    if (forgeValue !== 'github' && forgeValue !== 'forgejo')
        throw new errors/* InputError */.dz('--forge', 'is not github or forgejo');
    const strategyValue = flags.strategy ?? (detected.composeFile || !interactive ? 'compose' : await need('strategy', 'Deploy with compose (a compose service) or release (files, atomic switch)', 'compose'));
    if (strategyValue !== 'compose' && strategyValue !== 'release')
        throw new errors/* InputError */.dz('--strategy', 'is not compose or release');
    const service = flags.service ?? (strategyValue === 'release' || detected.services.length === 1 || !interactive ? detected.services[0] ?? 'app' : await need('service', `Compose service that runs the image (${detected.services.join(', ') || 'none found'})`, detected.services[0] ?? 'app'));
    const appDir = flags['app-dir'] ?? `/srv/${detected.name}`;
    const guessedHealth = detected.healthPath ? `http://127.0.0.1:${detected.port ?? 8080}${detected.healthPath}` : undefined;
    const healthUrl = flags['health-url'] ?? guessedHealth ?? (interactive ? await ask(io, 'Health URL as the server sees it (empty: none)') || undefined : undefined);
    const registryUser = image.startsWith('ghcr.io/') ? image.split('/')[1] : undefined;
    return { host, image, forge: forgeValue, service, appDir, healthUrl, strategy: strategyValue, privateKey: flags['private-key'] ?? `~/.ssh/${detected.name}_deploy`, registryUser };
}
async function runInitCommand(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
        io.stdout.write(HELP);
        return 0;
    }
    try {
        const parsed = (0,command_io.parseCommandArgs)(args, { values: ['host', 'image', 'forge', 'service', 'app-dir', 'health-url', 'strategy', 'private-key'], switches: ['force', 'dry-run'] });
        const detected = detectProject(io.cwd);
        const quiet = parsed.switches.has('quiet');
        if (!quiet)
            io.stderr.write(`Found: ${[
                detected.dockerfile ? detected.dockerfile : 'no Dockerfile',
                detected.composeFile ? `${detected.composeFile} (services: ${detected.services.join(', ') || 'none'})` : 'no compose file',
                detected.healthPath ? `health endpoint ${detected.healthPath}${detected.port ? ` on port ${detected.port}` : ''}` : 'no health endpoint',
                detected.image ? `image ${detected.image} from the git remote` : 'no git remote',
            ].join('; ')}\n`);
        const answers = await answer(parsed.values, detected, io);
        check(answers);
        const workflowDir = answers.forge === 'github' ? '.github/workflows' : '.forgejo/workflows';
        const templates = answers.forge === 'github' ? 'workflows' : 'workflows/forgejo';
        const files = [{ file: 'slipway.yml', text: renderSlipwayYml(answers, detected) }];
        for (const name of ['deploy.yml', 'dr-drill.yml', 'secret-scan.yml']) {
            let text = external_node_fs_.readFileSync((0,version/* packageFile */.nR)(`${templates}/${name}`), 'utf8');
            if (name === 'deploy.yml' && answers.service !== 'app')
                text = text.replace(/^(\s+service:) app$/m, `$1 ${answers.service}`);
            files.push({ file: `${workflowDir}/${name}`, text });
        }
        const existing = files.filter(({ file }) => external_node_fs_.existsSync(external_node_path_.join(io.cwd, file))).map(({ file }) => file);
        if (existing.length && !parsed.switches.has('force')) {
            throw new errors/* InputError */.dz(existing.join(', '), existing.length === 1 ? 'exists already' : 'exist already', 'Nothing was written. Pass --force to overwrite, or move them away first.');
        }
        const json = parsed.switches.has('json');
        // With --json, what people read goes to stderr and stdout holds the one document.
        const say = (text) => (json ? io.stderr : io.stdout).write(text);
        const written = [];
        if (parsed.switches.has('dry-run')) {
            for (const { file, text } of files)
                say(`--- ${file}\n${file === 'slipway.yml' ? text : `(${text.split('\n').length} lines from ${templates}/${external_node_path_.basename(file)})\n`}`);
        }
        else {
            for (const { file, text } of files) {
                external_node_fs_.mkdirSync(external_node_path_.dirname(external_node_path_.join(io.cwd, file)), { recursive: true });
                external_node_fs_.writeFileSync(external_node_path_.join(io.cwd, file), text);
                written.push(file);
                if (!quiet)
                    say(`${existing.includes(file) ? 'overwrote' : 'wrote'} ${file}\n`);
            }
        }
        const needs = workflowNeeds(files.slice(1).map((f) => f.text));
        say(nextSteps(answers, needs, workflowDir));
        if (json)
            io.stdout.write(`${JSON.stringify({ ok: true, written, forge: answers.forge, secrets: needs.secrets, variables: needs.variables, found: detected }, null, 2)}\n`);
        return 0;
    }
    catch (error) {
        if (args.includes('--json'))
            io.stdout.write(`${JSON.stringify({ ok: false, error: (0,errors/* formatError */.Wk)(error) })}\n`);
        io.stderr.write(`error: ${(0,errors/* formatError */.Wk)(error)}\n`);
        return error instanceof errors/* InputError */.dz ? 2 : 1;
    }
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


/***/ })

};
