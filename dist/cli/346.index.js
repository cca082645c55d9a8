export const id = 346;
export const ids = [346];
export const modules = {

/***/ 3346:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ previewFlow)
});

// EXTERNAL MODULE: ./build/src/core/summary.js
var summary = __webpack_require__(1253);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./build/src/core/leftovers.js
var leftovers = __webpack_require__(8929);
// EXTERNAL MODULE: ./build/src/core/http/request.js
var request = __webpack_require__(5531);
// EXTERNAL MODULE: ./build/src/ssh/session.js + 1 modules
var ssh_session = __webpack_require__(6651);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/secrets.js
var secrets = __webpack_require__(3092);
// EXTERNAL MODULE: ./build/src/scan/report/comment.js
var comment = __webpack_require__(9855);
;// CONCATENATED MODULE: ./build/src/preview/forge.js




// GitHub and Forgejo share the pull and issue-comment paths (the secret scan's
// request builders are reused for the comment). Deployments are GitHub's; Forgejo
// gets a commit status with target_url instead.
/** Finds the preview comment again so each run edits it (never the secret scan's, which has its own marker). */
const PREVIEW_COMMENT_MARKER = '<!-- slipway:preview -->';
function headersFor(forge, withBody) {
    return {
        authorization: forge.kind === 'github' ? `Bearer ${forge.token}` : `token ${forge.token}`,
        accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
        ...(withBody ? { 'content-type': 'application/json' } : {}),
        'user-agent': 'slipway-preview',
    };
}
async function call(forge, method, url, body, transport, budget) {
    const response = await transport(url, {
        method,
        headers: headersFor(forge, true),
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: budget.timeoutMs ?? 30_000,
        signal: budget.signal,
        maxRedirects: 5,
        what: `preview: ${forge.kind} API ${method} ${new URL(url).pathname}`,
    });
    if (!response.ok) {
        const text = (0,secrets/* redact */.E$)(response.text().slice(0, 300));
        throw new errors/* SlipwayError */.GQ(`preview: ${forge.kind} API ${method} ${url.replace(forge.apiUrl, '')} answered HTTP ${response.status}: ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Give forge-token pull-requests: write and deployments: write (GitHub) or repository write (Forgejo).' : undefined,
        });
    }
    return (response.status === 204 ? undefined : response.json());
}
/** Open or closed (merged counts as closed); a PR the forge does not know is closed too: nothing will update it. */
async function pullRequestState(forge, pr, transport = request/* httpRequest */.aj, budget = {}) {
    const url = `${forge.apiUrl}/repos/${forge.repository}/pulls/${pr}`;
    const response = await transport(url, {
        headers: headersFor(forge, false),
        timeoutMs: budget.timeoutMs ?? 30_000,
        signal: budget.signal,
        maxRedirects: 5,
        what: `preview: ${forge.kind} API GET ${new URL(url).pathname}`,
    });
    if (response.status === 404)
        return 'closed';
    if (!response.ok)
        throw new errors/* SlipwayError */.GQ(`preview: ${forge.kind} API GET pulls/${pr} answered HTTP ${response.status}`, { fix: 'Check forge-token may read pull requests.' });
    const body = response.json();
    return body.state === 'open' ? 'open' : 'closed';
}
function commentText(a) {
    const line = a.status === 'live'
        ? `**Preview is live:** ${a.url}`
        : a.status === 'removed' ? '**Preview removed** (the pull request was closed or the preview expired).' : `**Preview failed:** ${a.detail ?? ''}`;
    return [
        PREVIEW_COMMENT_MARKER,
        line,
        '',
        `| version | commit | status | updated |`,
        `| --- | --- | --- | --- |`,
        `| ${a.version || '-'} | ${a.sha?.slice(0, 12) ?? '-'} | ${a.status} | ${new Date().toISOString()} |`,
    ].join('\n');
}
/** One comment per PR: created the first time, edited afterwards. */
async function upsertPreviewComment(forge, a, transport = request/* httpRequest */.aj, budget = {}) {
    const target = { forge: forge.kind, apiUrl: forge.apiUrl, repository: forge.repository, pullNumber: a.pr, token: forge.token };
    const body = (0,secrets/* redact */.E$)(commentText(a));
    let existing;
    for (let page = 1; page <= 20 && existing === undefined; page += 1) {
        const comments = await call(forge, 'GET', comment/* commentRequests */.iS.list(target, page).url, undefined, transport, budget);
        existing = comments.find((c) => c.body?.includes(PREVIEW_COMMENT_MARKER))?.id;
        if (comments.length < (forge.kind === 'github' ? 100 : 50))
            break;
    }
    if (existing !== undefined) {
        await call(forge, 'PATCH', comment/* commentRequests */.iS.update(target, existing, body).url, { body }, transport, budget);
        return 'updated';
    }
    await call(forge, 'POST', comment/* commentRequests */.iS.create(target, body).url, { body }, transport, budget);
    return 'created';
}
/**
 * GitHub: a deployment of the commit to the `pr-<n>` environment with its
 * environment_url (shown on the PR). Forgejo has no deployments API: a commit
 * status whose target_url is the preview.
 */
async function markDeployment(forge, a, transport = request/* httpRequest */.aj, budget = {}) {
    if (!a.sha)
        return;
    const repo = `${forge.apiUrl}/repos/${forge.repository}`;
    if (forge.kind === 'forgejo') {
        const state = a.status === 'failed' ? 'failure' : 'success';
        await call(forge, 'POST', `${repo}/statuses/${a.sha}`, {
            state, context: 'slipway/preview', target_url: a.status === 'live' ? a.url : undefined,
            description: a.status === 'live' ? `preview ${a.version} live` : `preview ${a.status}`,
        }, transport, budget);
        return;
    }
    const environment = `pr-${a.pr}`;
    const deployment = await call(forge, 'POST', `${repo}/deployments`, {
        ref: a.sha, environment, auto_merge: false, required_contexts: [], transient_environment: true, production_environment: false,
        description: `Slipway preview ${a.version}`,
    }, transport, budget);
    const state = a.status === 'live' ? 'success' : a.status === 'removed' ? 'inactive' : 'failure';
    await call(forge, 'POST', `${repo}/deployments/${deployment.id}/statuses`, {
        state, environment_url: a.status === 'live' ? a.url : undefined, auto_inactive: true,
    }, transport, budget);
}

// EXTERNAL MODULE: ./build/src/deploy/compose-commands.js
var compose_commands = __webpack_require__(8520);
// EXTERNAL MODULE: ./build/src/deploy/host-state.js
var host_state = __webpack_require__(5131);
// EXTERNAL MODULE: ./build/src/deploy/lock.js
var lock = __webpack_require__(8270);
// EXTERNAL MODULE: ./build/src/smoke/check.js
var smoke_check = __webpack_require__(5075);
// EXTERNAL MODULE: ./build/src/smoke/via-ssh.js
var via_ssh = __webpack_require__(4888);
;// CONCATENATED MODULE: ./build/src/preview/naming.js

/** All previews of an app share this directory (and their own lock in it). */
const previewsDir = (appDir) => `${(0,host_state/* stateDir */.Pn)(appDir)}/previews`;
/**
 * One empty file per announced preview (`live/pr-<n>`), readable by the proxy:
 * what Caddy's on-demand TLS `ask` endpoint checks before it asks for a certificate.
 */
const liveDir = (appDir) => `${previewsDir(appDir)}/live`;
function previewNames(app, appDir, pr, portBase, domain) {
    const dir = `${previewsDir(appDir)}/pr-${pr}`;
    return {
        pr,
        project: `${app}-pr-${pr}`,
        dir,
        envFile: `${dir}/env`,
        overrideFile: `${dir}/override.json`,
        stateFile: `${dir}/state`,
        host: `pr-${pr}.${domain}`,
        port: previewPort(portBase, pr),
    };
}
/**
 * port-base plus the PR number's last three digits: what the static proxy
 * snippets compute from the host name, so no proxy config changes per preview.
 */
const previewPort = (portBase, pr) => portBase + (pr % 1000);
/**
 * The compose override of a preview: the PR image, the preview's own env file
 * for the container, and labels that mark it as a preview.
 */
function renderPreviewOverride(service, image, envFile, pr) {
    return `${JSON.stringify({ services: { [service]: { image, env_file: [envFile], labels: { 'dev.slipway.preview': String(pr) } } } }, null, 2)}\n`;
}
/**
 * Renders the env template on the host: `KEY={{generate}}` gets 32 fresh random
 * bytes (hex) from the host's /dev/urandom, so a preview's secrets never leave
 * the host and are never production's. `{{pr}}`, `{{port}}`, `{{host}}`,
 * `{{url}}` and `{{project}}` are replaced; PORT is always set. Kept when the
 * file exists (an update keeps the preview's secrets and sessions).
 * $1 template (may be missing) $2 env file $3 pr $4 port $5 host $6 url $7 project.
 */
const RENDER_ENV = [
    'set -e',
    'if [ -f "$2" ]; then echo kept; exit 0; fi',
    'umask 077',
    'mkdir -p "$(dirname "$2")"',
    'tmp="$2.tmp"',
    ': > "$tmp"',
    'if [ -f "$1" ]; then',
    '  while IFS= read -r line || [ -n "$line" ]; do',
    '    case "$line" in',
    '      *=\'{{generate}}\') printf "%s=%s\\n" "${line%%=*}" "$(od -An -tx1 -N32 /dev/urandom | tr -d " \\n")" >> "$tmp" ;;',
    '      *) printf "%s\\n" "$line" | sed -e "s|{{pr}}|$3|g" -e "s|{{port}}|$4|g" -e "s|{{host}}|$5|g" -e "s|{{url}}|$6|g" -e "s|{{project}}|$7|g" >> "$tmp" ;;',
    '    esac',
    '  done < "$1"',
    'fi',
    'grep -q "^PORT=" "$tmp" || printf "PORT=%s\\n" "$4" >> "$tmp"',
    'mv -f "$tmp" "$2"',
    'echo created',
].join('\n');
function parsePreviewState(text) {
    const values = {};
    for (const line of text.split('\n')) {
        const index = line.indexOf('=');
        if (index > 0)
            values[line.slice(0, index)] = line.slice(index + 1);
    }
    const pr = Number(values.pr);
    if (!Number.isInteger(pr) || pr <= 0)
        return undefined;
    return {
        pr, project: values.project ?? '', port: Number(values.port) || 0, host: values.host ?? '', image: values.image ?? '',
        version: values.version ?? '', sha: values.sha ?? '', created: values.created ?? '', updated: values.updated ?? '', status: values.status ?? '',
    };
}
/** Which previews must go to make room for one more (oldest first), or undefined if `up` must refuse. */
function previewsToEvict(existing, pr, max, whenFull) {
    const others = existing.filter((state) => state.pr !== pr);
    if (others.length < max)
        return [];
    if (whenFull === 'refuse')
        return undefined;
    return [...others].sort((a, b) => a.created.localeCompare(b.created)).slice(0, others.length - max + 1);
}
/** A live preview that already holds the port this PR would take (PR 5 and PR 1005 share the last three digits). */
function portClash(existing, pr, port) {
    return existing.find((state) => state.pr !== pr && state.port === port);
}
/**
 * A mount that is not the preview's own: a bind mount or another project's named
 * volume. Anonymous volumes (an image's VOLUME, 64 hex characters) belong to the
 * container alone and go with `down -v`.
 */
function foreignMounts(mounts, project) {
    return mounts.split(';').map((entry) => entry.trim()).filter(Boolean).filter((entry) => {
        const [type = '', name = ''] = entry.split(' ');
        if (type === 'volume')
            return !name.startsWith(`${project}_`) && !/^[0-9a-f]{64}$/.test(name);
        return type !== 'tmpfs';
    });
}
/** `docker system df -v` prints a Local Volumes table (NAME LINKS SIZE); the sizes of one project's volumes. */
function volumeSizes(dfOutput, project) {
    const lines = dfOutput.split('\n');
    const start = lines.findIndex((line) => /^Local Volumes space usage/.test(line));
    if (start < 0)
        return [];
    const sizes = [];
    for (const line of lines.slice(start + 1)) {
        if (/^Build cache usage|^\S.*space usage/.test(line))
            break;
        const cells = line.trim().split(/\s+/);
        if (cells.length >= 3 && cells[0]?.startsWith(`${project}_`))
            sizes.push({ name: cells[0], size: cells[cells.length - 1] ?? '' });
    }
    return sizes;
}
/** `12.5MB` → bytes (docker's units are powers of 1000). */
function parseDockerSize(text) {
    const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
    if (!match)
        return 0;
    const factor = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
    return Math.round(Number(match[1]) * (factor[match[2] ?? 'B'] ?? 1));
}

;// CONCATENATED MODULE: ./build/src/preview/host.js







const names = (h, pr) => previewNames(h.settings.app, h.settings.appDir, pr, h.settings.portBase, h.settings.domain);
const previewUrl = (settings, pr) => `${settings.scheme}://pr-${pr}.${settings.domain}`;
async function flavor(h) {
    const detected = (await h.session.exec(['sh', '-c', compose_commands/* DETECT_COMPOSE */.Hx])).stdout.trim();
    if (detected !== 'v1' && detected !== 'v2')
        throw new errors/* SlipwayError */.GQ(`${h.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
    return detected;
}
function project(h, n) {
    // The env file path is absolute; composeWords puts it under app-dir, so it is given relative to it.
    return { appDir: h.settings.appDir, files: h.settings.composeFiles, project: n.project, envFile: n.envFile.slice(h.settings.appDir.length + 1), overrideFile: n.overrideFile };
}
/** Previews share one lock of their own: a production deploy is never blocked by them, nor they by it. */
function lockPreviews(h) {
    return (0,lock/* acquireLock */.IZ)(h.session, previewsDir(h.settings.appDir), { holder: h.actor, runId: h.runId, waitMs: h.settings.lockTimeoutMs, staleAfterMs: h.settings.lockStaleAfterMs }, h.log);
}
async function readPreviews(h) {
    const script = 'for f in "$1"/pr-*/state; do [ -f "$f" ] || continue; cat "$f"; echo "--"; done';
    const out = (await h.session.exec(['sh', '-c', script, 'slipway-previews', previewsDir(h.settings.appDir)])).stdout;
    return out.split('--\n').map(parsePreviewState).filter((s) => s !== undefined).sort((a, b) => a.pr - b.pr);
}
async function writeState(h, file, state) {
    const text = Object.entries(state).map(([key, value]) => `${key}=${String(value).replace(/\n/g, ' ')}\n`).join('');
    // keepMode: a new state file is made 0600 (umask 077), an existing one keeps its mode.
    await (0,host_state/* writeAtomic */.vZ)(h.session, file, text, { name: 'slipway-state', keepMode: true });
}
/** Creates or updates one preview; must be called with the previews lock held. */
async function previewUp(h, pr) {
    const { settings, session } = h;
    const n = names(h, pr);
    const existing = await readPreviews(h);
    const clash = portClash(existing, pr, n.port);
    if (clash)
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: port ${n.port} is held by the live preview pr-${clash.pr} (same last three digits)`, { fix: `Remove pr-${clash.pr} first (slipway preview down --pr ${clash.pr}), or use another port-base.` });
    const evict = previewsToEvict(existing, pr, settings.maxPreviews, settings.whenFull);
    if (!evict)
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: ${existing.length} previews already run (max-previews ${settings.maxPreviews})`, { fix: 'Close or remove a preview, raise max-previews, or set when-full: evict-oldest.' });
    for (const old of evict) {
        h.log.warn(`preview pr-${pr}: max-previews ${settings.maxPreviews} reached, evicting the oldest, pr-${old.pr} (created ${old.created})`);
        await previewDown(h, old.pr);
    }
    const compose = await flavor(h);
    const url = previewUrl(settings, pr);
    // Made with the default umask: the proxy's `ask` endpoint reads live/ (the preview dirs themselves stay 0700).
    await session.exec(['mkdir', '-p', '--', liveDir(settings.appDir)]);
    const template = settings.envTemplate ? `${settings.appDir}/${settings.envTemplate}` : '';
    const rendered = (await session.exec(['sh', '-c', RENDER_ENV, 'slipway-preview-env', template || '/nonexistent', n.envFile, String(pr), String(n.port), n.host, url, n.project], {
        label: `ssh ${session.target.host}: preview pr-${pr} env file`,
    })).stdout.trim();
    const created = rendered === 'created';
    if (template && created) {
        const found = await session.exec(['test', '-f', template], { allowFailure: true });
        if (found.exitCode !== 0)
            throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: env-template ${settings.envTemplate} is not in ${settings.appDir} on the host`, { fix: 'Put the template (KEY={{generate}} for secrets) next to the compose file.' });
    }
    const previous = existing.find((s) => s.pr === pr);
    const now = new Date().toISOString();
    const state = {
        pr, project: n.project, port: n.port, host: n.host, image: settings.image ?? '', version: settings.version, sha: settings.sha ?? '',
        created: previous?.created ?? now, updated: now, status: 'starting',
    };
    // State first: a preview that dies half-way is still found by down and reap.
    await writeState(h, n.stateFile, state);
    await (0,host_state/* writeAtomic */.vZ)(session, n.overrideFile, renderPreviewOverride(settings.service, settings.image ?? '', n.envFile, pr), { name: 'slipway-override' });
    const words = (0,compose_commands/* composeWords */.cp)(compose, project(h, n), 'up', '-d', '--remove-orphans');
    await session.exec(words, { stream: true, survivesDisconnect: true, label: `compose up ${n.project} on ${session.target.host}` });
    await checkIsolation(h, compose, n);
    if (settings.seed && created) {
        h.log.info(`preview pr-${pr}: seeding`);
        await session.exec((0,compose_commands/* composeWords */.cp)(compose, project(h, n), 'exec', '-T', settings.service, 'sh', '-c', settings.seed), { stream: true, label: `seed ${n.project}` });
    }
    const check = {
        name: `preview pr-${pr}`, url: `http://127.0.0.1:${n.port}${settings.healthPath}`, method: 'GET', headers: {},
        expectStatus: smoke_check/* ANY_SUCCESS */.bd, json: [], bodyContains: [], bodyMatches: [], versionPath: 'version', healthDocument: true,
        expectVersion: settings.version || undefined,
    };
    const report = await (0,via_ssh/* runSmokeChecksOverSession */.Su)(session, [check], { timeoutMs: settings.healthTimeoutMs, consecutivePasses: 2 }, h.log);
    if (!report.passed) {
        await writeState(h, n.stateFile, { ...state, status: 'unhealthy' });
        await session.exec(['rm', '-f', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
        throw new errors/* SlipwayError */.GQ(`preview pr-${pr}: the smoke check failed (${report.checks[0]?.reason ?? 'not healthy'}); it stays up unannounced for a look, and is removed by down or reap`);
    }
    const live = { ...state, status: 'live' };
    await writeState(h, n.stateFile, live);
    await session.exec(['touch', '--', `${liveDir(settings.appDir)}/pr-${pr}`]);
    await (0,host_state/* appendDeployLog */._k)(session, previewsDir(settings.appDir), {
        time: now, action: 'deploy', strategy: 'preview', version: `pr-${pr} ${settings.version}`, previous: previous?.version ?? '', result: 'live', actor: h.actor,
    });
    return { state: live, url, created: !previous, evicted: evict.map((s) => s.pr) };
}
/** Refuses (and removes) a preview that mounts anything but its own named volumes: it could read production's data. */
async function checkIsolation(h, compose, n) {
    const ids = (await h.session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (ids.length === 0)
        return;
    const mounts = (await h.session.exec(['docker', 'inspect', '--format', '{{range .Mounts}}{{.Type}} {{.Name}}{{if eq .Type "bind"}}{{.Source}}{{end}};{{end}}', ...ids])).stdout.replace(/\n/g, ';');
    const foreign = foreignMounts(mounts, n.project);
    if (foreign.length === 0)
        return;
    await h.session.exec((0,compose_commands/* composeWords */.cp)(compose, project(h, n), 'down', '-v', '--remove-orphans'), { allowFailure: true });
    throw new errors/* SlipwayError */.GQ(`preview pr-${n.pr}: mounts ${foreign.join(', ')}, which is not one of its own named volumes; removed it`, {
        fix: 'Use named volumes without `name:` or `external:` in the compose file (compose prefixes them with the preview project), and no bind mounts of data.',
    });
}
/** Removes the project, its volumes, the env file and the state; true when something was there. */
async function previewDown(h, pr) {
    const n = names(h, pr);
    const { session } = h;
    const present = (await session.exec(['test', '-d', n.dir], { allowFailure: true })).exitCode === 0;
    const ids = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (present && ids.length > 0) {
        const compose = await flavor(h);
        await session.exec((0,compose_commands/* composeWords */.cp)(compose, project(h, n), 'down', '-v', '--remove-orphans', '--timeout', '5'), { allowFailure: true, label: `compose down ${n.project}` });
    }
    // Whatever compose left (a missing env file, a one-off container): by label, then the volumes by name prefix.
    const leftover = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (leftover.length > 0)
        await session.exec(['docker', 'rm', '-f', '-v', ...leftover], { allowFailure: true });
    const volumes = (await session.exec(['docker', 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${n.project}`])).stdout.split('\n').filter(Boolean);
    if (volumes.length > 0)
        await session.exec(['docker', 'volume', 'rm', '-f', ...volumes], { allowFailure: true });
    await session.exec(['rm', '-rf', '--', `${liveDir(h.settings.appDir)}/pr-${pr}`, n.dir]);
    if (present || ids.length > 0) {
        await (0,host_state/* appendDeployLog */._k)(session, previewsDir(h.settings.appDir), {
            time: new Date().toISOString(), action: 'deploy', strategy: 'preview', version: `pr-${pr} removed`, previous: '', result: 'removed', actor: h.actor,
        });
    }
    return present || ids.length > 0 || volumes.length > 0;
}
async function listPreviews(h) {
    const states = await readPreviews(h);
    if (states.length === 0)
        return [];
    const df = (await h.session.exec(['docker', 'system', 'df', '-v'], { allowFailure: true })).stdout;
    const running = (await h.session.exec(['docker', 'ps', '--format', '{{.Label "com.docker.compose.project"}}'])).stdout.split('\n');
    return states.map((state) => {
        const volumes = volumeSizes(df, state.project);
        return {
            ...state, url: previewUrl(h.settings, state.pr), volumes: volumes.map((v) => v.name),
            diskBytes: volumes.reduce((sum, v) => sum + parseDockerSize(v.size), 0), running: running.includes(state.project),
        };
    });
}

;// CONCATENATED MODULE: ./build/src/preview/preview.js






/** Why `reap` removes a preview, or undefined to keep it. */
async function reapReason(settings, state, now, transport = request/* httpRequest */.aj, budget = {}) {
    const created = Date.parse(state.created);
    if (settings.maxAgeMs > 0 && Number.isFinite(created) && now.getTime() - created > settings.maxAgeMs)
        return `older than max-age (created ${state.created})`;
    if (settings.forge && (await pullRequestState(settings.forge, state.pr, transport, budget)) === 'closed')
        return 'its pull request is closed';
    return undefined;
}
/** up | down | list | reap on the (first) host, under the previews' own lock; announcements after the lock is released. */
async function runPreview(settings, context, transport = request/* httpRequest */.aj) {
    const budget = { signal: context.signal };
    const target = settings.ssh.targets[0];
    if (!target)
        throw new Error('no host');
    const session = await (0,ssh_session/* openSshSession */.X)(target, context.runner, context.log);
    const actor = context.env.GITHUB_RUN_ID ? `${context.env.GITHUB_REPOSITORY ?? ''} run ${context.env.GITHUB_RUN_ID}` : `${external_node_os_.userInfo().username}@${external_node_os_.hostname()}`;
    const h = { session, settings, log: context.log, actor, runId: (0,leftovers/* runIdentity */.yK)(context.env, external_node_os_.hostname()) };
    const result = { command: settings.command, host: session.name, pr: settings.pr, removed: [], previews: [], announced: [] };
    const announcements = [];
    try {
        if (settings.command === 'list') {
            result.previews = await listPreviews(h);
            return result;
        }
        const lock = await lockPreviews(h);
        try {
            if (settings.command === 'up' && settings.pr) {
                try {
                    const up = await previewUp(h, settings.pr);
                    Object.assign(result, { url: up.url, version: up.state.version, created: up.created });
                    result.removed.push(...up.evicted);
                    announcements.push({ pr: settings.pr, url: up.url, version: up.state.version, status: 'live', sha: settings.sha });
                }
                catch (error) {
                    announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: settings.version, status: 'failed', sha: settings.sha, detail: error.message });
                    throw error;
                }
                finally {
                    for (const pr of result.removed)
                        announcements.push({ pr, url: previewUrl(settings, pr), version: '', status: 'removed' });
                }
            }
            else if (settings.command === 'down' && settings.pr) {
                if (await previewDown(h, settings.pr))
                    result.removed.push(settings.pr);
                announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: '', status: 'removed', sha: settings.sha });
            }
            else if (settings.command === 'reap') {
                const now = new Date();
                for (const state of await readPreviews(h)) {
                    const reason = await reapReason(settings, state, now, transport, budget);
                    if (!reason)
                        continue;
                    context.log.info(`preview pr-${state.pr}: reaping, ${reason}`);
                    await previewDown(h, state.pr);
                    result.removed.push(state.pr);
                    announcements.push({ pr: state.pr, url: previewUrl(settings, state.pr), version: state.version, status: 'removed' });
                }
            }
            result.previews = await listPreviews(h);
        }
        finally {
            await lock.release();
        }
    }
    finally {
        await session.close();
        if (settings.forge && settings.announce) {
            for (const a of announcements) {
                // An announcement that fails must not turn a good preview red: warn and go on.
                try {
                    result.announced.push(`pr-${a.pr} comment ${await upsertPreviewComment(settings.forge, a, transport, budget)}`);
                    if (a.sha) {
                        await markDeployment(settings.forge, a, transport, budget);
                        result.announced.push(`pr-${a.pr} ${settings.forge.kind === 'github' ? 'deployment' : 'commit status'} ${a.status}`);
                    }
                }
                catch (error) {
                    context.log.warn(`preview pr-${a.pr}: could not announce on ${settings.forge.kind}: ${error.message}`);
                }
            }
        }
    }
    return result;
}

// EXTERNAL MODULE: ./build/src/core/config/host-paths.js
var host_paths = __webpack_require__(5349);
// EXTERNAL MODULE: ./build/src/deploy/common-settings.js
var common_settings = __webpack_require__(2164);
// EXTERNAL MODULE: ./build/src/ssh/inputs.js
var ssh_inputs = __webpack_require__(7183);
;// CONCATENATED MODULE: ./build/src/preview/settings.js



const APP = /^[a-z0-9][a-z0-9_-]{0,40}$/;
const DOMAIN = /^(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function parsePreviewSettings(inputs, env = {}) {
    const command = inputs.choice('command', ['up', 'down', 'list', 'reap'], 'up');
    const ssh = (0,ssh_inputs/* parseSshInputs */.d)(inputs, { commandTimeoutMs: 10 * 60_000 });
    // app-dir first: under ssh-deploy, app is app-dir's last part.
    const appDir = (0,host_paths/* hostDirectory */.W)(inputs, 'app-dir', inputs.required('app-dir', 'Set app-dir to the production application directory on the host, e.g. /srv/shop.'));
    const app = inputs.required('app', 'Set app to a short name for the application, e.g. shop: previews become compose projects shop-pr-<n>.');
    if (!APP.test(app))
        inputs.fail('app', `is not a compose project prefix (found '${app}', expected lowercase letters, digits, - and _)`);
    const needsPr = command === 'up' || command === 'down';
    const prText = needsPr ? inputs.required('pr', 'Set pr to the pull request number (github.event.pull_request.number).') : inputs.optional('pr');
    const pr = prText === undefined ? undefined : inputs.integer('pr', 0, { min: 1, max: 999_999_999 });
    const image = inputs.optional('image');
    if (command === 'up' && !image)
        inputs.fail('image', 'is required for preview up', 'Set image to the PR build, e.g. registry.example.com/shop:pr-12.');
    if (image !== undefined && !IMAGE.test(image))
        inputs.fail('image', `is not an image reference (found '${image}')`);
    const relative = (name, value) => (0,host_paths/* hostRelativePath */.K)(inputs, name, value, name === 'env-template' ? { file: true, example: '.env.preview' } : {});
    const service = inputs.string('service', 'app');
    if (!SERVICE.test(service))
        inputs.fail('service', `is not a compose service name (found '${service}')`);
    const domain = inputs.string('domain', 'preview.localhost').toLowerCase();
    if (!DOMAIN.test(domain))
        inputs.fail('domain', `is not a domain name (found '${domain}', expected e.g. preview.example.com)`);
    const portBase = inputs.integer('port-base', 40000, { min: 1000, max: 64000 });
    if (portBase % 1000 !== 0)
        inputs.fail('port-base', `is not a multiple of 1000 (found ${portBase})`, 'The proxy snippets map pr-<n> to port-base + the last three digits of n, so port-base must end in 000, e.g. 40000.');
    const healthPath = inputs.string('health-path', '/api/health');
    if (!/^\/[A-Za-z0-9._~/?=&%-]*$/.test(healthPath))
        inputs.fail('health-path', `is not a URL path (found '${healthPath}')`);
    const imageTag = image?.includes('@') ? undefined : image?.split('/').pop()?.split(':')[1];
    const seed = inputs.optional('seed');
    const envTemplate = inputs.optional('env-template');
    const version = inputs.optional('version');
    // The version goes into the PR comment, the deployment and the log: one plain word, as a deploy's.
    if (version !== undefined && !common_settings/* VERSION */.x.test(version)) {
        inputs.fail('version', `is not a version (found '${version.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or pr-12.');
    }
    const sha = inputs.optional('sha');
    if (sha !== undefined && !/^[0-9a-f]{7,64}$/.test(sha))
        inputs.fail('sha', `is not a commit id (found '${sha}')`);
    return {
        ssh, command, app, appDir, pr, image, sha,
        version: version ?? imageTag ?? sha?.slice(0, 12) ?? '',
        composeFiles: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
        service,
        envTemplate: envTemplate === undefined ? undefined : relative('env-template', envTemplate),
        seed,
        portBase,
        domain,
        scheme: inputs.choice('scheme', ['http', 'https'], 'https'),
        healthPath,
        healthTimeoutMs: inputs.duration('health-timeout', 60_000),
        maxPreviews: inputs.integer('max-previews', 5, { min: 1, max: 1000 }),
        whenFull: inputs.choice('when-full', ['evict-oldest', 'refuse'], 'evict-oldest'),
        maxAgeMs: inputs.duration('max-age', 14 * 86_400_000),
        forge: parseForge(inputs, env, command),
        announce: inputs.boolean('announce', true),
        lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
        lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000),
    };
}
/** The forge is needed by reap (is the PR closed?) and by announcements; taken from the runner's environment by default. */
function parseForge(inputs, env, command) {
    const token = inputs.token('forge-token', 'Pass the token alone, e.g. forge-token: ${{ secrets.GITHUB_TOKEN }}.');
    const kind = inputs.choice('forge', ['github', 'forgejo'], env.GITEA_ACTIONS === 'true' || env.FORGEJO_ACTIONS === 'true' ? 'forgejo' : 'github');
    const repository = inputs.optional('repository') ?? env.GITHUB_REPOSITORY;
    const apiUrl = (inputs.optional('forge-url') ?? (kind === 'github' ? env.GITHUB_API_URL ?? 'https://api.github.com' : env.GITHUB_API_URL ?? (env.GITHUB_SERVER_URL ? `${env.GITHUB_SERVER_URL}/api/v1` : undefined)))?.replace(/\/+$/, '');
    if (!token) {
        if (command === 'reap')
            inputs.fail('forge-token', 'is required for reap (it asks the forge which PRs are closed)', 'Pass forge-token: ${{ secrets.GITHUB_TOKEN }} (pull-requests: read).');
        return undefined;
    }
    if (!repository || !REPOSITORY.test(repository))
        inputs.fail('repository', `is not owner/name (found '${repository ?? ''}')`);
    if (!apiUrl || !/^https?:\/\/[^\s]+$/.test(apiUrl))
        inputs.fail('forge-url', `is not an http(s) URL (found '${apiUrl ?? ''}')`, 'Set forge-url to https://api.github.com or https://<forgejo>/api/v1.');
    return { kind, apiUrl, repository, token };
}

;// CONCATENATED MODULE: ./build/src/preview/flow.js



const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** `slipway preview up|down|list|reap` and `actions/preview`: one compose project per pull request. */
const previewFlow = {
    command: 'preview',
    action: 'preview',
    describe: 'Preview environments per pull request: up | down | list | reap (own compose project, env, volumes, port; never reloads the proxy)',
    parse: (inputs, context) => parsePreviewSettings(inputs, context.env),
    run: (settings, context) => runPreview(settings, context),
    outputs: (result) => ({
        url: result.url ?? '',
        version: result.version ?? '',
        removed: result.removed.join(','),
        previews: JSON.stringify(result.previews.map(({ pr, url, version, status, port, diskBytes, created }) => ({ pr, url, version, status, port, diskBytes, created }))),
    }),
    summary: (result) => new summary/* Summary */.BD()
        .heading(`Preview ${result.command}${result.pr ? ` pr-${result.pr}` : ''} on ${result.host}`)
        .text([
        result.url ? `Live at ${result.url} (${result.created ? 'created' : 'updated'}, version ${result.version || '-'})` : '',
        result.removed.length ? `Removed: ${result.removed.map((pr) => `pr-${pr}`).join(', ')}` : '',
    ].filter(Boolean).join('\n') || `${result.previews.length} preview(s)`)
        .table(['preview', 'url', 'version', 'status', 'port', 'disk', 'created'], result.previews.map((p) => [
        `pr-${p.pr}`, p.url, p.version || '-', p.running ? p.status : `${p.status} (not running)`, String(p.port), megabytes(p.diskBytes), p.created,
    ])),
};


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
