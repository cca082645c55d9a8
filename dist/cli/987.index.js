export const id = 987;
export const ids = [987];
export const modules = {

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


/***/ })

};
