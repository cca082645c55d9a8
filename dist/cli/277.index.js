export const id = 277;
export const ids = [277];
export const modules = {

/***/ 8277:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DRY_RUNS: () => (/* binding */ DRY_RUNS),
/* harmony export */   dryRunDocument: () => (/* binding */ dryRunDocument)
/* harmony export */ });
/* unused harmony exports planDrill, drillPlanSummary */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3026);
/* harmony import */ var _core_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1253);
/* harmony import */ var _pipeline_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8777);
/* harmony import */ var _ssh_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(791);




/**
 * `--dry-run` for the commands that change a host and run as one flow: from the
 * parsed settings (so every input was checked), the plan; nothing is started.
 * The pipeline has its own (`dry-run` is an input of the root action).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DRY_RUNS = {
    deploy: {
        plan: (settings) => {
            if (settings.mode === 'preview')
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--dry-run', 'has no plan for mode preview, and nothing was run', 'Leave --dry-run out: slipway preview list shows what runs.');
            const plan = (0,_pipeline_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .planDeploy */ .bJ)(settings);
            return { document: plan, summary: (0,_pipeline_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .deployPlanSummary */ .fo)(plan) };
        },
    },
    drill: {
        plan: (settings) => {
            const plan = planDrill(settings);
            return { document: plan, summary: drillPlanSummary(plan) };
        },
    },
};
function describeSource(settings) {
    const { source } = settings;
    switch (source.kind) {
        case 'sqlite':
            return `read a consistent copy of the SQLite database ${source.path}${source.container ? ` inside container ${source.container}` : ''}${source.ssh ? ` on ${(0,_ssh_index_js__WEBPACK_IMPORTED_MODULE_2__/* .describeTarget */ .ff)(source.ssh)} (over SSH)` : ''}`;
        case 'restic':
        case 'borg': {
            const filters = [source.tags.length ? `tags ${source.tags.join(', ')}` : '', source.pathFilter ? `${source.kind === 'restic' ? 'path' : 'archives'} ${source.pathFilter}` : ''].filter(Boolean).join(', ');
            return `${source.skipRepositoryCheck ? '' : `check the ${source.kind} repository${source.readDataSubset ? ` (reading ${source.readDataSubset} of the data)` : ''}, then `}restore snapshot ${source.snapshot}${filters ? ` (${filters})` : ''} from ${source.repository}`;
        }
        case 'postgres':
            return `${source.dumpFile ? `restore the dump ${source.dumpFile}` : `dump database ${source.database ?? '?'} and restore it`} into a scratch database ${source.scratchDatabase ?? '(a generated name)'} on ${source.connection.host}:${source.connection.port}, dropped at the end`;
        case 'tarball':
            return source.file ? `unpack ${source.file}` : `pack Docker volume ${source.volume ?? '?'} through a ${source.helperImage} helper container, then unpack it`;
    }
}
function planDrill(settings) {
    if (settings.mode === 'staleness') {
        return {
            mode: settings.mode,
            steps: [
                `read the ${settings.forge?.kind ?? 'forge'} workflow runs of ${settings.forge?.repository ?? 'the repository'} for ${settings.staleness?.workflow ?? 'the drill workflow'}`,
                `${settings.staleness?.onStale === 'fail' ? 'fail' : 'warn'} when its last passing run is older than ${Math.round((settings.staleness?.maxAgeMs ?? 0) / 3_600_000)} h`,
            ],
        };
    }
    const { verify } = settings;
    const checks = [
        verify.tables.length ? `tables ${verify.tables.join(', ')} exist` : '',
        ...Object.entries(verify.minRows).map(([table, rows]) => `${table} has at least ${rows} row(s)`),
        ...verify.queries.map((query) => `${query.sql} => ${query.expected}`),
        verify.maxAgeMs !== undefined ? `backup no older than ${Math.round(verify.maxAgeMs / 3_600_000)} h${verify.freshnessColumn ? ` (also the newest ${verify.freshnessColumn})` : ''}` : '',
        `no table shrank by more than ${verify.shrinkTolerancePercent}% since the last passing drill`,
    ].filter(Boolean);
    const steps = [
        `${settings.source.kind === 'postgres' ? 'use' : 'restore into'} ${settings.source.kind === 'postgres' ? 'a scratch database' : settings.scratchDir ?? `a new scratch dir under ${settings.scratchRoot}`}, removed at the end (the source is only read)`,
        describeSource(settings),
        ...(settings.alsoRandomOlder ? ['also restore one randomly chosen older snapshot'] : []),
        `verify: ${checks.join('; ')}`,
        ...(settings.app ? [`boot ${settings.app.image} on the restored data (mounted at ${settings.app.dataMount}); GET ${settings.app.healthPath} must answer ${settings.app.expectStatus} within ${Math.round(settings.app.timeoutMs / 1000)} s; the container is removed`] : []),
        `write the report to ${settings.reportFile}`,
        ...(settings.issue.enabled && settings.forge ? [`on failure, open or update the issue '${settings.issue.title}' in ${settings.forge.repository}`] : []),
    ];
    return { mode: settings.mode, steps };
}
function drillPlanSummary(plan) {
    return new _core_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .Summary */ .BD()
        .heading(`Restore drill plan (dry run, nothing touched): ${plan.mode}`)
        .list(plan.steps);
}
/** For `--json`: the plan as the one document on stdout. */
function dryRunDocument(command, document) {
    return { ok: true, dryRun: true, command, plan: document };
}


/***/ })

};
