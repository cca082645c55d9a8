#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2197:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var resolveBlockMap = __nccwpck_require__(143);
var resolveBlockSeq = __nccwpck_require__(1854);
var resolveFlowCollection = __nccwpck_require__(9030);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 83:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(573);
var composeNode = __nccwpck_require__(4961);
var resolveEnd = __nccwpck_require__(1020);
var resolveProps = __nccwpck_require__(775);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 4961:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var composeCollection = __nccwpck_require__(2197);
var composeScalar = __nccwpck_require__(3573);
var resolveEnd = __nccwpck_require__(1020);
var utilEmptyScalarPosition = __nccwpck_require__(8407);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 3573:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var resolveBlockScalar = __nccwpck_require__(5089);
var resolveFlowScalar = __nccwpck_require__(5882);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 3104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(2606);
var Document = __nccwpck_require__(573);
var errors = __nccwpck_require__(152);
var identity = __nccwpck_require__(4919);
var composeDoc = __nccwpck_require__(83);
var resolveEnd = __nccwpck_require__(1020);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 143:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);
var resolveProps = __nccwpck_require__(775);
var utilContainsNewline = __nccwpck_require__(4283);
var utilFlowIndentCheck = __nccwpck_require__(1795);
var utilMapIncludes = __nccwpck_require__(1091);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 5089:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 1854:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(6831);
var resolveProps = __nccwpck_require__(775);
var utilFlowIndentCheck = __nccwpck_require__(1795);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 1020:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 9030:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var resolveEnd = __nccwpck_require__(1020);
var resolveProps = __nccwpck_require__(775);
var utilContainsNewline = __nccwpck_require__(4283);
var utilMapIncludes = __nccwpck_require__(1091);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 5882:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var resolveEnd = __nccwpck_require__(1020);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 775:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 4283:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 8407:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 1795:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(4283);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1091:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 573:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var toJS = __nccwpck_require__(3899);
var Schema = __nccwpck_require__(8224);
var stringifyDocument = __nccwpck_require__(2285);
var anchors = __nccwpck_require__(9196);
var applyReviver = __nccwpck_require__(909);
var createNode = __nccwpck_require__(1732);
var directives = __nccwpck_require__(2606);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 9196:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var visit = __nccwpck_require__(2588);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 909:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 1732:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 2606:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var visit = __nccwpck_require__(2588);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 152:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 3439:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(3104);
var Document = __nccwpck_require__(573);
var Schema = __nccwpck_require__(8224);
var errors = __nccwpck_require__(152);
var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var cst = __nccwpck_require__(9877);
var lexer = __nccwpck_require__(5145);
var lineCounter = __nccwpck_require__(1460);
var parser = __nccwpck_require__(2064);
var publicApi = __nccwpck_require__(4543);
var visit = __nccwpck_require__(2588);



exports.Composer = composer.Composer;
exports.Document = Document.Document;
exports.Schema = Schema.Schema;
exports.YAMLError = errors.YAMLError;
exports.YAMLParseError = errors.YAMLParseError;
exports.YAMLWarning = errors.YAMLWarning;
exports.Alias = Alias.Alias;
exports.isAlias = identity.isAlias;
exports.isCollection = identity.isCollection;
exports.isDocument = identity.isDocument;
exports.isMap = identity.isMap;
exports.isNode = identity.isNode;
exports.isPair = identity.isPair;
exports.isScalar = identity.isScalar;
exports.isSeq = identity.isSeq;
exports.Pair = Pair.Pair;
exports.Scalar = Scalar.Scalar;
exports.YAMLMap = YAMLMap.YAMLMap;
exports.YAMLSeq = YAMLSeq.YAMLSeq;
exports.CST = cst;
exports.Lexer = lexer.Lexer;
exports.LineCounter = lineCounter.LineCounter;
exports.Parser = parser.Parser;
exports.parse = publicApi.parse;
exports.parseAllDocuments = publicApi.parseAllDocuments;
exports.parseDocument = publicApi.parseDocument;
exports.stringify = publicApi.stringify;
exports.visit = visit.visit;
exports.visitAsync = visit.visitAsync;


/***/ }),

/***/ 7297:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 7105:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(9196);
var visit = __nccwpck_require__(2588);
var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);
var toJS = __nccwpck_require__(3899);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 4661:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 4833:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(909);
var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 5773:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var stringifyPair = __nccwpck_require__(7764);
var addPairToJSMap = __nccwpck_require__(8768);
var identity = __nccwpck_require__(4919);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 389:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);
var toJS = __nccwpck_require__(3899);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 5462:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(4156);
var addPairToJSMap = __nccwpck_require__(8768);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 6831:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var stringifyCollection = __nccwpck_require__(4156);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var toJS = __nccwpck_require__(3899);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 8768:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7297);
var merge = __nccwpck_require__(9380);
var stringify = __nccwpck_require__(9300);
var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 4919:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 3899:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(5089);
var resolveFlowScalar = __nccwpck_require__(5882);
var errors = __nccwpck_require__(152);
var stringifyString = __nccwpck_require__(1773);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 3701:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 5235:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 9877:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(334);
var cstStringify = __nccwpck_require__(3701);
var cstVisit = __nccwpck_require__(5235);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 5145:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(9877);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 1460:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 2064:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(9877);
var lexer = __nccwpck_require__(5145);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4543:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(3104);
var Document = __nccwpck_require__(573);
var errors = __nccwpck_require__(152);
var log = __nccwpck_require__(7297);
var identity = __nccwpck_require__(4919);
var lineCounter = __nccwpck_require__(1460);
var parser = __nccwpck_require__(2064);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 8224:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var map = __nccwpck_require__(4043);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var tags = __nccwpck_require__(6178);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var YAMLMap = __nccwpck_require__(5462);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 5632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 7562:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var YAMLSeq = __nccwpck_require__(6831);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 4704:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(1773);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 4359:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 6229:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var stringifyNumber = __nccwpck_require__(3569);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 7602:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 7904:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var bool = __nccwpck_require__(4359);
var float = __nccwpck_require__(6229);
var int = __nccwpck_require__(7602);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 8647:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var map = __nccwpck_require__(4043);
var seq = __nccwpck_require__(7562);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 6178:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var bool = __nccwpck_require__(4359);
var float = __nccwpck_require__(6229);
var int = __nccwpck_require__(7602);
var schema = __nccwpck_require__(7904);
var schema$1 = __nccwpck_require__(8647);
var binary = __nccwpck_require__(4355);
var merge = __nccwpck_require__(9380);
var omap = __nccwpck_require__(6431);
var pairs = __nccwpck_require__(9281);
var schema$2 = __nccwpck_require__(3081);
var set = __nccwpck_require__(2504);
var timestamp = __nccwpck_require__(4960);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 4355:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(389);
var stringifyString = __nccwpck_require__(1773);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 6158:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 838:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var stringifyNumber = __nccwpck_require__(3569);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 5609:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 9380:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 6431:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var pairs = __nccwpck_require__(9281);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 9281:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);
var YAMLSeq = __nccwpck_require__(6831);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 3081:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var binary = __nccwpck_require__(4355);
var bool = __nccwpck_require__(6158);
var float = __nccwpck_require__(838);
var int = __nccwpck_require__(5609);
var merge = __nccwpck_require__(9380);
var omap = __nccwpck_require__(6431);
var pairs = __nccwpck_require__(9281);
var set = __nccwpck_require__(2504);
var timestamp = __nccwpck_require__(4960);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 2504:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 4960:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 9915:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 9300:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(9196);
var identity = __nccwpck_require__(4919);
var stringifyComment = __nccwpck_require__(6599);
var stringifyString = __nccwpck_require__(1773);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 4156:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 6599:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 2285:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 3569:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 7764:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 1773:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var foldFlowLines = __nccwpck_require__(9915);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 2588:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./build/src/core/secrets.js
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
/** Lets an edge mirror registrations (the Actions edge calls core.setSecret). */
function onSecretRegistered(listener) {
    listeners.push(listener);
    for (const value of registered)
        listener(value);
}
function secrets_redact(text) {
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

;// CONCATENATED MODULE: ./build/src/core/errors.js

/**
 * An error a user can act on: what is wrong, where, and how to fix it.
 * The message is redacted when it is built, so no secret survives into it.
 */
class SlipwayError extends Error {
    fix;
    constructor(message, options = {}) {
        super(secrets_redact(options.fix ? `${message}. ${options.fix}` : message), { cause: options.cause });
        this.name = 'SlipwayError';
        this.fix = options.fix ? secrets_redact(options.fix) : undefined;
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
        const tail = lastLines(secrets_redact(args.stderr), 8);
        const what = args.timedOut ? 'timed out' : `exited with code ${args.exitCode}`;
        super(`\`${secrets_redact(args.command)}\` ${what}${tail ? `:\n${tail}` : ''}`, { fix: args.hint });
        this.name = 'ProcessError';
        this.command = secrets_redact(args.command);
        this.exitCode = args.exitCode;
        this.stderrTail = tail;
        this.timedOut = args.timedOut ?? false;
    }
}
function lastLines(text, count) {
    return text.trimEnd().split('\n').slice(-count).join('\n');
}
/** One line (or a few) for the user; the stack only when debugging. */
function errors_formatError(error, debug = false) {
    if (error instanceof SlipwayError) {
        return debug && error.stack ? secrets_redact(error.stack) : error.message;
    }
    if (error instanceof Error) {
        // An unexpected error: its stack is what a bug report needs, but only on request.
        return secrets_redact(debug && error.stack ? error.stack : `${error.name}: ${error.message}`);
    }
    return secrets_redact(String(error));
}

;// CONCATENATED MODULE: ./build/src/core/log.js

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
/** Plain console output, used by the CLI and by Forgejo (which shows no annotations). */
class ConsoleLogger {
    options;
    constructor(options = {}) {
        this.options = options;
    }
    write(text) {
        (this.options.stream ?? process.stderr).write(`${this.options.prefix ?? ''}${secrets_redact(text)}\n`);
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

;// CONCATENATED MODULE: ./build/src/core/summary.js
class Summary {
    blocks = [];
    heading(text) { this.blocks.push({ kind: 'heading', text }); return this; }
    text(text) { this.blocks.push({ kind: 'text', text }); return this; }
    table(headers, rows) { this.blocks.push({ kind: 'table', headers, rows }); return this; }
    list(items) { this.blocks.push({ kind: 'list', items }); return this; }
    append(other) { this.blocks.push(...other.blocks); return this; }
}
const escapeCell = (cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
function renderMarkdown(summary) {
    return summary.blocks
        .map((block) => {
        switch (block.kind) {
            case 'heading': return `### ${block.text}`;
            case 'text': return block.text;
            case 'list': return block.items.map((item) => `- ${item}`).join('\n');
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
    return renderTextBlocks(summary).replace(/`/g, '');
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

;// CONCATENATED MODULE: ./build/src/core/leftovers.js
const leftovers_open = new Map();
const leftovers_listeners = new Set();
let nextId = 1;
function notify() {
    const all = openLeftovers();
    for (const listener of leftovers_listeners)
        listener(all);
}
/** Records `item`; call the returned function once it is gone (idempotent). */
function recordLeftover(item) {
    const id = nextId++;
    leftovers_open.set(id, item);
    notify();
    return () => {
        if (leftovers_open.delete(id))
            notify();
    };
}
function openLeftovers() {
    return [...leftovers_open.values()];
}
function onLeftoversChanged(listener) {
    leftovers_listeners.add(listener);
    return () => leftovers_listeners.delete(listener);
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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./build/src/core/cancel.js

/**
 * A cancel (SIGINT/SIGTERM from a runner or a terminal) reaches flows as an
 * aborted `FlowContext.signal`. A flow that sees it starts no new step: the
 * step in flight finishes, the host is brought to the old or the new version,
 * and the flow's own cleanup runs. This error stops a flow at a step boundary.
 */
class CancelledError extends SlipwayError {
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

;// CONCATENATED MODULE: ./build/src/core/runner/retry.js
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const NETWORK_RETRY = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, deadlineMs: 60_000 };
function backoffDelay(policy, attempt, random = Math.random) {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter on the upper half keeps parallel runners from retrying in lockstep.
    return Math.round(exponential / 2 + (random() * exponential) / 2);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

;// CONCATENATED MODULE: ./build/src/deploy/host-state.js
/**
 * What Slipway keeps on each host, under `<app-dir>/.slipway/`: the lock, the
 * deploy log and the compose state. Host state is the only truth a rollback
 * needs, so it works when the last deploy's runner is gone.
 */
const stateDir = (appDir) => `${appDir}/.slipway`;
const lockDir = (appDir) => `${stateDir(appDir)}/lock`;
const host_state_deployLogPath = (appDir) => `${stateDir(appDir)}/deploy.log`;
/** One tab-separated line; tabs and newlines inside fields would break it, so they are flattened. */
function host_state_formatDeployLogLine(entry) {
    const clean = (value) => value.replace(/[\t\r\n]+/g, ' ');
    return [entry.time, entry.action, entry.strategy, `version=${clean(entry.version)}`, `previous=${clean(entry.previous || '-')}`,
        `result=${clean(entry.result)}`, `by=${clean(entry.actor)}`].join('\t');
}
async function appendDeployLog(session, appDir, entry) {
    await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >> "$1"', 'slipway-log', host_state_deployLogPath(appDir), host_state_formatDeployLogLine(entry)], { label: `ssh ${session.target.host}: append to deploy log` });
}
/** Reads `KEY=value` lines of a state file on the host; missing file → empty. */
async function readStateFile(session, file) {
    const result = await session.exec(['sh', '-c', 'cat "$1" 2>/dev/null || true', 'slipway-state', file]);
    const state = {};
    for (const line of result.stdout.split('\n')) {
        const index = line.indexOf('=');
        if (index > 0)
            state[line.slice(0, index)] = line.slice(index + 1);
    }
    return state;
}
/** Writes a state file atomically (temp file + rename), so a cut connection leaves the old or the new one. */
async function writeStateFile(session, file, state) {
    const text = Object.entries(state).map(([key, value]) => `${key}=${value.replace(/\n/g, ' ')}\n`).join('');
    await session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"', 'slipway-state', file], { stdin: text });
}

;// CONCATENATED MODULE: ./build/src/deploy/lock.js





class LockHeldError extends SlipwayError {
    host;
    holder;
    ageSeconds;
    constructor(host, holder, ageSeconds, waitedMs) {
        super(`${host}: another deploy holds the lock (held by ${holder} for ${ageSeconds} s); gave up after waiting ${Math.round(waitedMs / 1000)} s`, {
            fix: 'Wait for it to finish, raise lock-timeout, or, if that deploy is dead, lower lock-stale-after or remove the lock directory on the host',
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
/** Removes the lock only if we still hold it (a broken-and-retaken lock is someone else's). Exit 0: released; 3: not ours (or gone). */
const lock_RELEASE_LOCK_SCRIPT = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ]; then rm -rf "$1"; else exit 3; fi';
/** Remote words that release the lock in `lockDir` only while its holder line is `token`. */
function releaseLockWords(lockDir, token) {
    return ['sh', '-c', lock_RELEASE_LOCK_SCRIPT, 'slipway-unlock', lockDir, token];
}
/** Breaks the lock only if it is still the one we judged stale. */
const BREAK = 'if [ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] || [ ! -e "$1/holder" ]; then rm -rf "$1"; fi';
async function acquireLock(session, appDir, options, log) {
    const dir = lockDir(appDir);
    const token = `${options.holder} (${options.runId}) at ${new Date().toISOString()}`;
    const started = Date.now();
    let announced = false;
    for (;;) {
        throwIfCancelled(options.signal, `taking the deploy lock on ${session.name}`);
        // Recorded before the attempt: a run killed while mkdir succeeds still tells its post step.
        const settle = recordLeftover({
            kind: 'lock', host: session.target.host, port: session.target.port, user: session.target.user, sessionDir: session.localDir,
            appDir, lockDir: dir, token, runId: options.runId, strategy: options.strategy ?? '', version: options.version ?? '',
        });
        const result = await session.exec(['sh', '-c', ACQUIRE, 'slipway-lock', dir, token], { allowFailure: true, label: `ssh ${session.target.host}: take deploy lock` });
        if (result.exitCode === 0) {
            return {
                release: async () => {
                    const released = await session.exec(releaseLockWords(dir, token), { allowFailure: true, label: `ssh ${session.target.host}: release deploy lock` });
                    // Exit 3: no longer ours (broken as stale and retaken): nothing of ours is left to release either.
                    if (released.exitCode === 0 || released.exitCode === 3)
                        settle();
                },
            };
        }
        settle();
        if (result.exitCode !== 3)
            throw new SlipwayError(`${session.name}: could not take the deploy lock in ${dir} (exit ${result.exitCode}: ${result.stderr.trim()})`, { fix: 'Check the SSH user can write to app-dir' });
        const [ageText = '0', ...holderLines] = result.stdout.trim().split('\n');
        const holder = holderLines.join(' ').trim() || 'unknown';
        const ageSeconds = Number(ageText) || 0;
        if (ageSeconds * 1000 >= options.staleAfterMs) {
            log.warn(`${session.name}: breaking a stale deploy lock held by ${holder} for ${ageSeconds} s (lock-stale-after is ${Math.round(options.staleAfterMs / 1000)} s)`);
            await session.exec(['sh', '-c', BREAK, 'slipway-break-lock', dir, holder], { label: `ssh ${session.target.host}: break stale lock` });
            continue;
        }
        const waited = Date.now() - started;
        if (waited >= options.waitMs)
            throw new LockHeldError(session.name, holder, ageSeconds, waited);
        if (!announced)
            log.info(`${session.name}: waiting for the deploy lock held by ${holder}`);
        announced = true;
        await sleep(Math.min(options.pollMs ?? 1000, Math.max(50, options.waitMs - waited)));
    }
}

;// CONCATENATED MODULE: ./build/src/core/command.js
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

;// CONCATENATED MODULE: ./build/src/ssh/target.js
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

;// CONCATENATED MODULE: ./build/src/ssh/commands.js


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
        `  StrictHostKeyChecking ${acceptsUnknownKeys(target.hostKeys) ? 'accept-new' : 'yes'}`,
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
function commands_masterCommand(paths) {
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
function commands_execCommand(paths, remoteWords, stdin) {
    return { file: 'ssh', args: [...clientOptions(paths), TARGET_ALIAS, '--', shellJoin(remoteWords)], stdin };
}
function commands_controlCommand(paths, operation) {
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

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./build/src/ssh/errors.js

/** The host offered a key we do not trust (unknown or changed). Carries what to pin. */
class HostKeyError extends SlipwayError {
    host;
    offered;
    constructor(host, offered) {
        const first = offered[0];
        const list = offered.map((key) => `${key.type} ${key.fingerprint}`).join(', ');
        super(`${host}: host key not trusted (offered ${list}; it is not in known-hosts and matches no host-fingerprint). ` +
            'It may be a new host, or the key changed: check the fingerprint on the host with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`', { fix: first ? `If it is right, pin it: set host-fingerprint to ${first.fingerprint}, or add this line to known-hosts: ${first.line}` : undefined });
        this.host = host;
        this.offered = offered;
        this.name = 'HostKeyError';
    }
}
/** The SSH connection could not be opened (unreachable, timed out, authentication refused). */
class SshConnectError extends SlipwayError {
    host;
    constructor(host, problem, fix, cause) {
        super(`${host}: ${problem}`, { fix, cause });
        this.host = host;
        this.name = 'SshConnectError';
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./build/src/ssh/host-keys.js

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
function fingerprintOf(base64Key) {
    const digest = external_node_crypto_namespaceObject.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64');
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

;// CONCATENATED MODULE: ./build/src/ssh/session.js











/** How long ssh-add keeps the key even if the agent outlives us. */
const AGENT_KEY_LIFETIME_S = 3600;
/**
 * The master exits CONTROL_PERSIST_S after its last channel closed (renderSshConfig),
 * so a killed run leaves no usable socket for long; while the session is open
 * and idle, a no-op command every KEEPALIVE_IDLE_MS keeps it from expiring.
 */
const KEEPALIVE_IDLE_MS = 10_000;
/** Where session dirs go: the runner's per-job temp dir (wiped by the runner), else the OS temp dir. */
function sessionRoot(env = process.env) {
    return env.RUNNER_TEMP || external_node_os_namespaceObject.tmpdir();
}
/** Opens one multiplexed connection to the target, verifying its host key. Close it when done. */
async function session_openSshSession(target, runner, log) {
    registerSecret(target.privateKey);
    registerSecret(target.passphrase);
    const root = sessionRoot();
    await promises_namespaceObject.mkdir(root, { recursive: true });
    const dir = await promises_namespaceObject.mkdtemp(external_node_path_namespaceObject.join(root, 'slipway-ssh-'));
    await promises_namespaceObject.chmod(dir, 0o700);
    const paths = sessionPaths(dir, Boolean(target.passphrase));
    const session = new OpenSshSession(target, runner, log, paths);
    try {
        await session.prepare();
        await session.connect();
        return session;
    }
    catch (error) {
        await session.close();
        throw error;
    }
}
class OpenSshSession {
    target;
    runner;
    log;
    paths;
    connectionsOpened = 0;
    name;
    agentPid;
    forwards = new Set();
    closed = false;
    settleLeftover;
    inFlight = 0;
    lastUse = Date.now();
    keepalive;
    constructor(target, runner, log, paths) {
        this.target = target;
        this.runner = runner;
        this.log = log;
        this.paths = paths;
        this.name = describeTarget(target);
        this.settleLeftover = this.recordLeftover();
    }
    get localDir() {
        return this.paths.dir;
    }
    /** Recorded before the key is written: a run killed from here on leaves the post step a dir to remove. */
    recordLeftover() {
        return recordLeftover({
            kind: 'ssh-session', dir: this.paths.dir, host: this.target.host, port: this.target.port, user: this.target.user,
            agentPid: this.agentPid, agentSocket: this.agentPid ? this.paths.agentSocket : undefined,
        });
    }
    /** Every command through the master counts as use; see KEEPALIVE_IDLE_MS. */
    async using(work) {
        this.inFlight += 1;
        try {
            return await work();
        }
        finally {
            this.inFlight -= 1;
            this.lastUse = Date.now();
        }
    }
    startKeepalive() {
        this.keepalive = setInterval(() => {
            if (this.closed || this.inFlight > 0 || Date.now() - this.lastUse < KEEPALIVE_IDLE_MS)
                return;
            void this.using(() => this.runner.run(commands_execCommand(this.paths, ['true']), { timeoutMs: 5000, allowFailure: true, label: `ssh ${this.target.host}: keepalive` }));
        }, KEEPALIVE_IDLE_MS / 2);
        this.keepalive.unref();
    }
    async prepare() {
        const { dir } = this.paths;
        const key = this.target.privateKey.endsWith('\n') ? this.target.privateKey : `${this.target.privateKey}\n`;
        await writePrivate(`${dir}/id`, key);
        await writePrivate(this.paths.knownHosts, this.target.hostKeys.knownHosts ?? '');
        await writePrivate(`${dir}/pinned-fingerprints`, (this.target.hostKeys.fingerprints ?? []).map((f) => `${f}\n`).join(''));
        await writePrivate(this.paths.hostKeyScript, hostKeyScript(dir), 0o700);
        await writePrivate(this.paths.config, renderSshConfig(this.target, this.paths));
        if (this.target.passphrase)
            await this.startAgent();
    }
    async startAgent() {
        const { dir } = this.paths;
        const started = await this.runner.run(agentStartCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-agent' });
        this.agentPid = parseAgentPid(started.stdout);
        this.settleLeftover();
        this.settleLeftover = this.recordLeftover();
        await writePrivate(`${dir}/passphrase`, this.target.passphrase ?? '');
        await writePrivate(`${dir}/askpass`, askpassScript(dir), 0o700);
        const added = await this.runner.run(agentAddCommand(this.paths, `${dir}/askpass`, AGENT_KEY_LIFETIME_S), {
            timeoutMs: 15_000, allowFailure: true, label: 'ssh-add (private key)',
        });
        await promises_namespaceObject.rm(`${dir}/passphrase`, { force: true });
        if (added.exitCode !== 0) {
            throw new SshConnectError(this.name, 'the private key could not be unlocked with the passphrase', 'Check the passphrase secret belongs to private-key.');
        }
        // The agent holds the key now; ssh only needs its public half to pick it.
        const listed = await this.runner.run(agentListCommand(this.paths), { timeoutMs: 10_000, label: 'ssh-add -L' });
        await writePrivate(this.paths.identityFile, listed.stdout);
        await promises_namespaceObject.rm(`${dir}/id`, { force: true });
    }
    async connect() {
        const startedAt = Date.now();
        const result = await this.runner.run(commands_masterCommand(this.paths), {
            // ConnectTimeout bounds TCP and the banner; this bounds everything else (a stuck auth).
            timeoutMs: this.target.connectTimeoutMs + 10_000,
            allowFailure: true,
            label: `ssh ${this.name} (open connection)`,
        });
        if (result.exitCode === 0) {
            this.connectionsOpened += 1;
            this.lastUse = Date.now();
            this.startKeepalive();
            await this.warnIfTrustedOnFirstUse();
            this.log.debug(`ssh: connected to ${this.name} in ${Date.now() - startedAt} ms`);
            return;
        }
        throw await this.explainConnectFailure(result);
    }
    async offeredKeys() {
        const text = await promises_namespaceObject.readFile(`${this.paths.dir}/offered-keys`, 'utf8').catch(() => '');
        return parseHostKeyLines(text);
    }
    async warnIfTrustedOnFirstUse() {
        if (!acceptsUnknownKeys(this.target.hostKeys))
            return;
        const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
        for (const key of await this.offeredKeys()) {
            if (isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? []))
                continue;
            this.log.warn(`${this.name}: trusted the host key on first use (${key.type} ${fingerprintOf(key.base64)}) without checking it. ` +
                `Pin it to be safe: host-fingerprint: ${fingerprintOf(key.base64)}`);
        }
    }
    async explainConnectFailure(result) {
        const stderr = result.stderr.trim();
        const offered = await this.offeredKeys();
        const staticKeys = parseHostKeyLines(this.target.hostKeys.knownHosts ?? '');
        const untrusted = offered.filter((key) => !isTrusted(key, staticKeys, this.target.hostKeys.fingerprints ?? []));
        if (untrusted.length > 0 && !acceptsUnknownKeys(this.target.hostKeys)) {
            return new HostKeyError(untrusted[0]?.hostName ?? this.name, untrusted.map((key) => ({
                type: key.type, fingerprint: fingerprintOf(key.base64), line: `${key.hostName} ${key.type} ${key.base64}`,
            })));
        }
        const seconds = Math.round(this.target.connectTimeoutMs / 1000);
        if (offered.length === 0) {
            const what = result.timedOut ? `no answer within ${seconds + 10} s` : `could not connect (${lastLine(stderr) || `exit ${result.exitCode}`})`;
            return new SshConnectError(this.name, `SSH host unreachable: ${what}`, `Check host, port${this.target.jumpHost ? ', jump-host' : ''} and that sshd runs there; connect-timeout is ${seconds} s.`);
        }
        return new SshConnectError(this.name, `SSH login refused (${lastLine(stderr) || `exit ${result.exitCode}`})`, `Check that user '${this.target.user}' exists on the host and that the public half of private-key is in its ~/.ssh/authorized_keys.`);
    }
    async exec(words, options = {}) {
        let remote = options.survivesDisconnect ? survivingDisconnect(words) : words;
        let stdin = options.stdin;
        if (options.env && Object.keys(options.env).length > 0) {
            const envText = renderEnvFile(options.env);
            if (stdin === undefined) {
                remote = withEnvFromStdin(remote);
                stdin = envText;
            }
            else {
                const file = await this.writeRemotePrivateFile(envText);
                remote = withEnvFromFile(file, remote);
            }
        }
        const spec = commands_execCommand(this.paths, remote, stdin);
        const label = options.label ?? `ssh ${this.target.host}: ${words.join(' ')}`;
        // ssh exits 255 for a lost connection and for a remote 255 alike: the control master tells them apart.
        const lost = (cause) => new SshConnectError(this.name, `the SSH connection was lost while running \`${label}\``, 'Check the network to the host; the step that was running may or may not have finished.', cause);
        let result;
        try {
            result = await this.using(() => this.runner.run(spec, {
                timeoutMs: options.timeoutMs ?? this.target.commandTimeoutMs,
                allowFailure: options.allowFailure,
                stream: options.stream,
                label,
            }));
        }
        catch (error) {
            if (error instanceof ProcessError && error.exitCode === 255 && !(await this.isAlive()))
                throw lost(error);
            throw error;
        }
        // A caller that allows failure still must not read a lost connection as its command's answer.
        if (result.exitCode === 255 && !(await this.isAlive()))
            throw lost();
        return result;
    }
    /** Creates a 0600 file on the host holding `content` (sent on stdin) and returns its path. */
    async writeRemotePrivateFile(content) {
        const made = await this.runner.run(commands_execCommand(this.paths, ['sh', '-c', 'umask 077; file=$(mktemp) && cat > "$file" && echo "$file"'], content), { timeoutMs: this.target.commandTimeoutMs, label: `ssh ${this.target.host}: write env file` });
        return made.stdout.trim();
    }
    async forwardLocalPort(remotePort, remoteHost = '127.0.0.1') {
        const localPort = await freeLocalPort();
        const spec = forwardSpec(localPort, remoteHost, remotePort);
        await this.runner.run(forwardCommand(this.paths, 'forward', spec), { timeoutMs: 10_000, label: `ssh ${this.target.host}: forward ${spec}` });
        this.forwards.add(spec);
        return {
            localPort,
            close: async () => {
                if (!this.forwards.delete(spec))
                    return;
                await this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 10_000, allowFailure: true });
            },
        };
    }
    async upload(localPath, remotePath, options = {}) {
        return this.using(() => this.runner.run(rsyncCommand(this.paths, localPath, remotePath, options), {
            timeoutMs: Math.max(this.target.commandTimeoutMs, 120_000),
            label: `rsync ${localPath} → ${this.target.host}:${remotePath}`,
        }));
    }
    async isAlive() {
        if (this.closed)
            return false;
        const result = await this.runner.run(commands_controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
        return result.exitCode === 0;
    }
    async masterPid() {
        const result = await this.runner.run(commands_controlCommand(this.paths, 'check'), { timeoutMs: 5000, allowFailure: true });
        const match = /pid=(\d+)/.exec(result.stderr + result.stdout);
        return match ? Number(match[1]) : undefined;
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        clearInterval(this.keepalive);
        for (const spec of this.forwards)
            await this.runner.run(forwardCommand(this.paths, 'cancel', spec), { timeoutMs: 5000, allowFailure: true });
        this.forwards.clear();
        await this.runner.run(commands_controlCommand(this.paths, 'exit'), { timeoutMs: 5000, allowFailure: true });
        if (this.agentPid)
            await this.runner.run(agentStopCommand(this.paths, this.agentPid), { timeoutMs: 5000, allowFailure: true });
        await promises_namespaceObject.rm(this.paths.dir, { recursive: true, force: true });
        this.settleLeftover();
    }
}
async function writePrivate(file, content, mode = 0o600) {
    await promises_namespaceObject.writeFile(file, content, { mode });
    await promises_namespaceObject.chmod(file, mode);
}
function lastLine(text) {
    return text.split('\n').filter((line) => line.trim()).pop()?.trim() ?? '';
}
/** A port the kernel just handed out on 127.0.0.1 (released again for ssh to bind). */
function freeLocalPort() {
    return new Promise((resolve, reject) => {
        const server = external_node_net_namespaceObject.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}

;// CONCATENATED MODULE: ./build/src/ssh/inputs.js




/** The SSH inputs every action that reaches a host shares. */
const SSH_INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
    'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout',
]));
const HOST_PATTERN = /^(?:([A-Za-z0-9._-]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const USER_PATTERN = /^[A-Za-z0-9._-]+$/;
/**
 * Reads `host`/`hosts` (`[user@]host[:port]`, one per line or comma), `port`, `user`,
 * `private-key` (content, or a path to a key file), `passphrase`, `known-hosts`
 * (lines, or a path), `host-fingerprint` (`SHA256:…`, several allowed),
 * `trust-on-first-use`, `jump-host`, `connect-timeout`, `command-timeout`.
 */
function inputs_parseSshInputs(inputs, defaults = {}) {
    const hostEntries = [...inputs.list('host'), ...inputs.list('hosts')];
    if (hostEntries.length === 0)
        inputs.fail('hosts', 'is required but was empty', 'Set host (one host) or hosts (one per line), e.g. deploy@app.example.com:22.');
    const port = inputs.integer('port', 22, { min: 1, max: 65535 });
    const user = inputs.string('user', 'deploy');
    if (!USER_PATTERN.test(user))
        inputs.fail('user', `is not a user name (found '${user}')`);
    const privateKey = readKeyOrPath(inputs, 'private-key');
    const passphrase = inputs.secret('passphrase');
    const knownHosts = readTextOrPath(inputs, 'known-hosts');
    const fingerprints = inputs.list('host-fingerprint');
    for (const fingerprint of fingerprints) {
        if (!FINGERPRINT_PATTERN.test(fingerprint)) {
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
    const jumpHost = inputs.optional('jump-host');
    if (jumpHost !== undefined && !HOST_PATTERN.test(jumpHost))
        inputs.fail('jump-host', `is not [user@]host[:port] (found '${jumpHost}')`);
    const connectTimeoutMs = inputs.duration('connect-timeout', 15_000);
    const commandTimeoutMs = inputs.duration('command-timeout', defaults.commandTimeoutMs ?? 10 * 60_000);
    const targets = hostEntries.map((entry) => {
        const match = HOST_PATTERN.exec(entry);
        if (!match)
            inputs.fail(hostEntries.length === 1 && inputs.optional('host') ? 'host' : 'hosts', `has an entry that is not [user@]host[:port] (found '${entry}')`);
        const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
        const entryPort = match[3] ? Number(match[3]) : port;
        if (entryPort < 1 || entryPort > 65535)
            inputs.fail('hosts', `has a port out of range (found '${entry}')`);
        return {
            host, port: entryPort, user: match[1] ?? user, privateKey, passphrase,
            hostKeys: { knownHosts, fingerprints, trustOnFirstUse }, jumpHost, connectTimeoutMs, commandTimeoutMs,
        };
    });
    return { targets };
}
function expandHome(value) {
    return value.startsWith('~/') ? `${external_node_os_namespaceObject.homedir()}${value.slice(1)}` : value;
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
            content = external_node_fs_namespaceObject.readFileSync(expandHome(raw.trim()), 'utf8');
        }
        catch (error) {
            inputs.fail(name, `names a file that cannot be read (found '${raw.trim()}': ${error.code})`);
        }
    }
    registerSecret(content);
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
        return external_node_fs_namespaceObject.readFileSync(expandHome(raw), 'utf8');
    }
    catch (error) {
        return inputs.fail(name, `names a file that cannot be read (found '${raw}': ${error.code})`);
    }
}

;// CONCATENATED MODULE: ./build/src/ssh/index.js
/**
 * Slipway's SSH transport: the OpenSSH client, one multiplexed connection per host.
 *
 * Stable API (used by ssh-deploy, smoke-test via-ssh, restore-drill, swarm):
 *
 *   const { targets } = parseSshInputs(inputs);           // host/hosts, port, user, private-key,
 *                                                         // passphrase, known-hosts, host-fingerprint,
 *                                                         // trust-on-first-use, jump-host,
 *                                                         // connect-timeout, command-timeout
 *   const session = await openSshSession(targets[0], runner, log);
 *   try {
 *     await session.exec(['docker', 'ps', '--format', '{{.Names}}']);   // words, quoted with shellJoin
 *     await session.exec(['sh', '-c', 'echo "$TOKEN" | wc -c'], { env: { TOKEN: secret } });
 *     const tunnel = await session.forwardLocalPort(8080);              // 127.0.0.1:<localPort> → host:8080
 *     await session.upload('dist/', '/srv/app/releases/20250101/');     // rsync over the same connection
 *     await tunnel.close();
 *   } finally {
 *     await session.close();                                            // master exit, agent killed, temp dir removed
 *   }
 *
 * - Remote commands are arrays of words; each is shell-quoted, so an input such
 *   as `app; rm -rf /` stays one literal argument.
 * - `exec(words, { env })` sends the environment on stdin (or, when stdin is
 *   taken, as a 0600 file on the host that is removed before the command runs);
 *   never on a command line. `survivesDisconnect` lets a step finish on the host
 *   even if the connection drops. `timeoutMs` defaults to the target's command
 *   timeout; `allowFailure` returns the failing RunResult instead of throwing.
 * - Host keys: known-hosts lines and/or pinned `SHA256:` fingerprints (checked by
 *   a KnownHostsCommand, no extra connection); `StrictHostKeyChecking yes`, or
 *   `accept-new` only with trust-on-first-use (warns with the fingerprint to pin).
 *   An untrusted key fails with HostKeyError naming the offered fingerprint.
 * - Private key written 0600 in a private 0700 temp dir; with a passphrase it is
 *   loaded into a short-lived ssh-agent (passphrase via SSH_ASKPASS from a 0600
 *   file, removed at once) that close() kills.
 * - Commands after the first never open a second connection: if the master is
 *   gone they fail (SshConnectError "connection was lost"). `connectionsOpened`
 *   counts authenticated connections, for the bench.
 * - Failures: HostKeyError, SshConnectError (unreachable / login refused /
 *   connection lost), ProcessError (remote command failed; redacted).
 */






;// CONCATENATED MODULE: ./build/src/platform/post-cleanup.js








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
        case 'lock': return text('lockDir') && text('token') && text('host') && typeof item.port === 'number';
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
    const words = ['sh', '-c', `${RELEASE_LOCK_SCRIPT} && mkdir -p "$(dirname "$3")" && printf "%s\\n" "$4" >> "$3"`, 'slipway-post-unlock', lock.lockDir, lock.token, deployLogPath(lock.appDir), line];
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
const pathsOf = (session) => sessionPaths(session.dir, Boolean(session.agentSocket));
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
        const cmdline = external_node_fs_namespaceObject.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmdline.includes('ssh-agent') || (socket && !cmdline.includes(socket)))
            return;
    }
    catch {
        if (external_node_os_namespaceObject.platform() === 'linux')
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
        if (!recorded || !external_node_fs_namespaceObject.existsSync(`${recorded.dir}/ssh_config`))
            continue;
        const spec = commands_execCommand(pathsOf(recorded), releaseLockWords(lock.lockDir, lock.token));
        (0,external_node_child_process_namespaceObject.spawnSync)(spec.file, spec.args, { timeout: 5000, stdio: 'ignore' });
    }
    for (const session of sessions) {
        if (external_node_fs_namespaceObject.existsSync(`${session.dir}/ssh_config`)) {
            (0,external_node_child_process_namespaceObject.spawnSync)('ssh', ['-F', `${session.dir}/ssh_config`, '-O', 'exit', TARGET_ALIAS], { timeout: 3000, stdio: 'ignore' });
        }
        if (session.agentPid)
            killAgent(session.agentPid, session.agentSocket);
        external_node_fs_namespaceObject.rmSync(session.dir, { recursive: true, force: true });
    }
    for (const item of items)
        if (item.kind === 'dir')
            external_node_fs_namespaceObject.rmSync(item.path, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./build/src/platform/cancel-signals.js


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
        removeLeftoversNow(openLeftovers());
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

// EXTERNAL MODULE: ../main/node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(3439);
;// CONCATENATED MODULE: ./build/src/cli/config-file.js



function loadConfigFile(path, required) {
    if (!external_node_fs_namespaceObject.existsSync(path)) {
        if (required)
            throw new InputError(`--config`, `file ${path} does not exist`, 'Pass the path of your slipway.yml, or leave --config out.');
        return {};
    }
    let document;
    try {
        document = dist.parse(external_node_fs_namespaceObject.readFileSync(path, 'utf8'));
    }
    catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new InputError(path, `is not valid YAML (${message})`, 'Fix the line it names.');
    }
    if (document === null || document === undefined)
        return {};
    if (typeof document !== 'object' || Array.isArray(document)) {
        throw new InputError(path, 'must be a mapping of sections (build:, push:, deploy: …)');
    }
    const sections = {};
    for (const [section, body] of Object.entries(document)) {
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
            throw new InputError(`${path}: ${section}`, 'must be a mapping of input names to values');
        }
        sections[section] = {};
        for (const [key, value] of Object.entries(body)) {
            sections[section][key] = stringifyValue(value);
        }
    }
    return sections;
}
/** Lists and maps become the multi-line strings an action input would carry. */
function stringifyValue(value) {
    if (Array.isArray(value)) {
        if (value.every((item) => typeof item !== 'object' || item === null))
            return value.map(String).join('\n');
        return dist.stringify(value);
    }
    if (value !== null && typeof value === 'object')
        return dist.stringify(value);
    return value === null || value === undefined ? '' : String(value);
}
/** `${env:NAME}` → the variable's value; a missing variable is an error naming it. */
function expandEnv(value, where, env) {
    return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name) => {
        const found = env[name];
        if (found === undefined)
            throw new InputError(where, `refers to \${env:${name}} but ${name} is not set`, `Export ${name} before running slipway.`);
        return found;
    });
}

;// CONCATENATED MODULE: ./build/src/core/config/inputs.js


function mapInputSource(values, style = 'action') {
    return {
        get: (name) => values[name],
        describe: (name) => (style === 'cli' ? `--${name}` : `input '${name}'`),
    };
}
class Inputs {
    source;
    constructor(source) {
        this.source = source;
    }
    raw(name) {
        const value = this.source.get(name);
        if (value === undefined)
            return undefined;
        const trimmed = value.trim();
        return trimmed === '' ? undefined : trimmed;
    }
    fail(name, problem, fix) {
        throw new InputError(this.source.describe(name), problem, fix);
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
    /** A secret: registered for redaction the moment it is read. Never trimmed. */
    secret(name) {
        const value = this.source.get(name);
        if (!value)
            return undefined;
        registerSecret(value);
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
        return this.fail(name, `is not a boolean (found '${value}', expected true or false)`);
    }
    integer(name, fallback, range = {}) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!/^-?\d+$/.test(value))
            this.fail(name, `is not a whole number (found '${value}')`);
        const parsed = Number(value);
        if (range.min !== undefined && parsed < range.min)
            this.fail(name, `is too small (found ${parsed}, expected at least ${range.min})`);
        if (range.max !== undefined && parsed > range.max)
            this.fail(name, `is too large (found ${parsed}, expected at most ${range.max})`);
        return parsed;
    }
    /** A duration: `90`, `90s`, `5m`, `1h`, `2d`, `500ms`; returns milliseconds. */
    duration(name, fallbackMs) {
        const value = this.raw(name);
        if (value === undefined)
            return fallbackMs;
        const ms = parseDuration(value);
        if (ms === undefined)
            this.fail(name, `is not a duration (found '${value}', expected e.g. 30s, 5m, 1h or 2d)`);
        return ms;
    }
    choice(name, choices, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!choices.includes(value)) {
            this.fail(name, `is not one of ${choices.join(', ')} (found '${value}')`);
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
    /** `KEY=VALUE` lines (or comma-separated pairs). */
    keyValues(name) {
        const result = {};
        for (const entry of this.list(name)) {
            const index = entry.indexOf('=');
            if (index <= 0)
                this.fail(name, `has an entry without KEY= (found '${entry.slice(0, 40)}')`, 'Write one KEY=VALUE per line.');
            result[entry.slice(0, index).trim()] = entry.slice(index + 1);
        }
        return result;
    }
}
function splitList(value) {
    const separator = value.includes('\n') ? /\r?\n/ : /,/;
    return value
        .split(separator)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '' && !entry.startsWith('#'));
}
function parseDuration(value) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(value.trim());
    if (!match)
        return undefined;
    const unit = (match[2] ?? 's').toLowerCase();
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
    return Math.round(Number(match[1]) * factor);
}

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
;// CONCATENATED MODULE: ../main/node_modules/@actions/io/lib/io-util.js
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
;// CONCATENATED MODULE: ../main/node_modules/@actions/io/lib/io.js
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
;// CONCATENATED MODULE: ../main/node_modules/@actions/exec/lib/toolrunner.js
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
;// CONCATENATED MODULE: ../main/node_modules/@actions/exec/lib/exec.js
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
        const policy = options.retry ?? NO_RETRY;
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
                await sleep(verdict.waitMs);
                continue;
            }
            const elapsed = Date.now() - started - askedWaitsMs;
            const wait = backoffDelay(policy, attempt);
            const withinDeadline = policy.deadlineMs === undefined || elapsed + wait <= policy.deadlineMs;
            if (verdict && attempt < policy.attempts && withinDeadline) {
                this.log.warn(`${this.label(spec, options)} failed (attempt ${attempt}/${policy.attempts}); retrying in ${Math.round(wait / 100) / 10} s`);
                await sleep(wait);
                continue;
            }
            if (options.allowFailure)
                return result;
            throw new ProcessError({
                command: options.label ?? describeCommand(spec),
                exitCode: result.exitCode,
                stderr: result.stderr || result.stdout,
                timedOut: result.timedOut,
                hint: options.hint?.(result),
            });
        }
    }
    label(spec, options) {
        return secrets_redact(options.label ?? describeCommand(spec));
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
                stdline: options.stream ? (line) => this.log.info(secrets_redact(line)) : undefined,
                errline: options.stream ? (line) => this.log.info(secrets_redact(line)) : undefined,
            },
        }).catch((error) => {
            // Spawn failures (program not installed) arrive as exceptions, not exit codes.
            stderr += `${error.message}\n`;
            return 127;
        });
        const timedOut = options.timeoutMs !== undefined && exitCode === TIMEOUT_EXIT;
        if (timedOut)
            stderr += `\n(stopped after ${options.timeoutMs} ms)`;
        return { exitCode, stdout, stderr, durationMs: Date.now() - started, attempts: 1, timedOut };
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

;// CONCATENATED MODULE: ./build/src/platform/detect.js
function detectPlatform(env = process.env) {
    const forgejo = env.FORGEJO_ACTIONS === 'true' || env.GITEA_ACTIONS === 'true' || Boolean(env.FORGEJO_TOKEN);
    const inActions = env.GITHUB_ACTIONS === 'true' || forgejo;
    if (!inActions) {
        return { kind: 'local', supportsSummary: false, supportsAnnotations: false, actor: env.USER };
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
    };
}
/** Who is doing this, for locks and deploy logs: the run URL in CI, user@machine locally. */
function describeActor(platform, hostname) {
    if (platform.runUrl)
        return `${platform.actor ?? 'ci'} via ${platform.runUrl}`;
    return `${platform.actor ?? 'someone'}@${hostname}`;
}

;// CONCATENATED MODULE: ./build/src/cli/local-cache.js



/** The laptop's stand-in for @actions/cache: a directory per key, newest restore-key prefix wins. */
class LocalCache {
    root;
    description;
    constructor(root = process.env.SLIPWAY_CACHE_DIR ?? external_node_path_namespaceObject.join(process.env.XDG_CACHE_HOME ?? external_node_path_namespaceObject.join(external_node_os_namespaceObject.homedir(), '.cache'), 'slipway')) {
        this.root = root;
        this.description = `local cache in ${root}`;
    }
    async restore(paths, primaryKey, restoreKeys) {
        const hit = this.find(primaryKey, restoreKeys);
        if (!hit)
            return undefined;
        paths.forEach((target, index) => {
            const source = external_node_path_namespaceObject.join(this.root, encode(hit), String(index));
            if (external_node_fs_namespaceObject.existsSync(source))
                external_node_fs_namespaceObject.cpSync(source, target, { recursive: true, force: true });
        });
        return hit;
    }
    async save(paths, key) {
        const entry = external_node_path_namespaceObject.join(this.root, encode(key));
        const staging = `${entry}.partial-${process.pid}`;
        external_node_fs_namespaceObject.rmSync(staging, { recursive: true, force: true });
        paths.forEach((source, index) => {
            if (external_node_fs_namespaceObject.existsSync(source))
                external_node_fs_namespaceObject.cpSync(source, external_node_path_namespaceObject.join(staging, String(index)), { recursive: true });
        });
        external_node_fs_namespaceObject.mkdirSync(staging, { recursive: true });
        external_node_fs_namespaceObject.rmSync(entry, { recursive: true, force: true });
        external_node_fs_namespaceObject.renameSync(staging, entry);
    }
    find(primaryKey, restoreKeys) {
        if (external_node_fs_namespaceObject.existsSync(external_node_path_namespaceObject.join(this.root, encode(primaryKey))))
            return primaryKey;
        if (!external_node_fs_namespaceObject.existsSync(this.root))
            return undefined;
        const entries = external_node_fs_namespaceObject.readdirSync(this.root).filter((name) => !name.includes('.partial-'));
        for (const prefix of restoreKeys) {
            const matches = entries
                .filter((name) => decode(name).startsWith(prefix))
                .map((name) => ({ name, mtime: external_node_fs_namespaceObject.statSync(external_node_path_namespaceObject.join(this.root, name)).mtimeMs }))
                .sort((a, b) => b.mtime - a.mtime);
            if (matches[0])
                return decode(matches[0].name);
        }
        return undefined;
    }
}
const encode = (key) => encodeURIComponent(key);
const decode = (name) => decodeURIComponent(name);

;// CONCATENATED MODULE: ./build/src/cli/run-flow.js





/** Everything the CLI (and the demo, and tests) need to run a flow from plain values. */
function localContext(log, overrides = {}) {
    return {
        runner: new ProcessRunner(log),
        log,
        platform: detectPlatform(),
        cache: new LocalCache(),
        env: process.env,
        workDir: process.cwd(),
        ...overrides,
    };
}
/** Parse values as the CLI would (errors name `--flag`), then run. */
async function runFlow(flow, values, context) {
    const settings = flow.parse(new Inputs(mapInputSource(values, 'cli')), context);
    const result = await flow.run(settings, context);
    return { result, outputs: flow.outputs(result), failure: flow.failure?.(result) };
}
const machineName = () => os.hostname();

;// CONCATENATED MODULE: ./build/src/smoke/check.js
const ANY_SUCCESS = { codes: [], classes: [2] };
const JSON_OPERATORS = ['equals', 'not-equals', 'contains', 'matches', 'exists', 'lt', 'gt'];
function describeStatus(expect) {
    return [...expect.codes.map(String), ...expect.classes.map((c) => `${c}xx`)].join(' or ');
}
function statusMatches(expect, status) {
    return expect.codes.includes(status) || expect.classes.includes(Math.floor(status / 100));
}

;// CONCATENATED MODULE: ./build/src/smoke/json-path.js
function parseJsonPath(path) {
    let rest = path.trim();
    if (rest === '$')
        return [];
    if (rest.startsWith('$.'))
        rest = rest.slice(2);
    else if (rest.startsWith('$['))
        rest = rest.slice(1);
    if (rest === '')
        return undefined;
    const segments = [];
    const token = /^(?:\.?([A-Za-z_$@-][\w$@-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/;
    let first = true;
    while (rest.length > 0) {
        const match = token.exec(rest);
        if (!match || (first && rest.startsWith('.')))
            return undefined;
        if (match[1] !== undefined)
            segments.push(match[1]);
        else if (match[2] !== undefined)
            segments.push(Number(match[2]));
        else if (match[3] !== undefined)
            segments.push(match[3].replace(/\\(.)/g, '$1'));
        else
            segments.push(match[4] ?? '');
        rest = rest.slice(match[0].length);
        first = false;
    }
    return segments;
}
function lookupJsonPath(document, segments) {
    let current = document;
    const walked = [];
    for (const segment of segments) {
        walked.push(typeof segment === 'number' ? `[${segment}]` : segment);
        if (Array.isArray(current)) {
            if (segment === 'length') {
                current = current.length;
                continue;
            }
            const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
            if (index < 0 || index >= current.length)
                return { found: false, missingAt: joinPath(walked) };
            current = current[index];
        }
        else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, String(segment))) {
            current = current[String(segment)];
        }
        else {
            return { found: false, missingAt: joinPath(walked) };
        }
    }
    return { found: true, value: current };
}
const joinPath = (walked) => walked.join('.').replace(/\.\[/g, '[');

;// CONCATENATED MODULE: ./build/src/smoke/assertions.js


/** A problem with how an assertion is written; the caller names the check and the input. */
class AssertionSyntaxError extends Error {
    fix;
    constructor(message, fix) {
        super(message);
        this.fix = fix;
    }
}
const SYMBOLS = { '==': 'equals', '!=': 'not-equals', '<': 'lt', '>': 'gt' };
const OPERATOR_WORDS = [...Object.keys(SYMBOLS), ...JSON_OPERATORS];
const EXPRESSION_FIX = 'Write `<path> <operator> <value>`, e.g. `version == 1.4.2`, `database != disconnected`, `uptime > 0`, `build exists`; operators: ==, !=, <, >, contains, matches, exists.';
/** `version == 1.4.2`, `tags contains beta`, `commit matches ^[0-9a-f]{7}`, `db exists`. */
function parseAssertionExpression(text) {
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(text.trim());
    if (!match)
        throw new AssertionSyntaxError(`assertion '${text}' is not understood (expected <path> <operator> <value>)`, EXPRESSION_FIX);
    const [, path = '', word = '', value] = match;
    const operator = SYMBOLS[word] ?? JSON_OPERATORS.find((op) => op === word);
    if (!operator) {
        throw new AssertionSyntaxError(`assertion '${text}' has an unknown operator (found '${word}', expected one of ${OPERATOR_WORDS.join(', ')})`, EXPRESSION_FIX);
    }
    return buildAssertion(path, operator, operator === 'exists' ? value ?? 'true' : unquote(value), text);
}
/** `{ path: version, equals: 1.4.2 }`: exactly one operator key besides `path`. */
function parseAssertionObject(entry) {
    const path = entry.path;
    const text = JSON.stringify(entry);
    if (typeof path !== 'string')
        throw new AssertionSyntaxError(`assertion ${text} has no 'path'`, 'Give each assertion a `path:` and one operator key, e.g. `{ path: version, equals: 1.4.2 }`.');
    const keys = Object.keys(entry).filter((key) => key !== 'path');
    const unknown = keys.filter((key) => !JSON_OPERATORS.includes(key));
    if (unknown.length > 0 || keys.length !== 1) {
        throw new AssertionSyntaxError(`assertion ${text} needs exactly one operator (found ${keys.length ? keys.join(', ') : 'none'}, expected one of ${JSON_OPERATORS.join(', ')})`, 'Write e.g. `{ path: version, equals: 1.4.2 }` or `{ path: build, exists: true }`.');
    }
    const operator = keys[0];
    const value = entry[operator];
    if (value !== null && typeof value === 'object') {
        throw new AssertionSyntaxError(`assertion ${text} compares with a list or map`, 'Compare with one value (a string, number or boolean).');
    }
    return buildAssertion(path, operator, value === null || value === undefined ? '' : String(value), `${path} ${operator} ${value ?? ''}`.trim());
}
function buildAssertion(path, operator, expected, text) {
    if (!parseJsonPath(path)) {
        throw new AssertionSyntaxError(`assertion '${text}' has a path that is not understood (found '${path}')`, 'Write a path like `version`, `data.version`, `checks[0].status` or `$.build["git-sha"]`.');
    }
    const assertion = { path, operator, expected, text };
    switch (operator) {
        case 'matches':
            try {
                assertion.pattern = new RegExp(expected);
            }
            catch (error) {
                throw new AssertionSyntaxError(`assertion '${text}' has an invalid regular expression (${error.message})`, 'Fix the pattern; it is a JavaScript regular expression.');
            }
            break;
        case 'lt':
        case 'gt':
            if (expected === '' || !Number.isFinite(Number(expected))) {
                throw new AssertionSyntaxError(`assertion '${text}' compares with something that is not a number (found '${expected}')`, 'Use a number after < or >.');
            }
            break;
        case 'exists':
            if (!/^(true|false)$/i.test(expected))
                throw new AssertionSyntaxError(`assertion '${text}' needs true or false for exists (found '${expected}')`, 'Write `exists: true` or `exists: false`.');
            assertion.present = /^true$/i.test(expected);
            break;
        case 'equals':
        case 'not-equals':
        case 'contains':
            if (expected === '' && operator === 'contains')
                throw new AssertionSyntaxError(`assertion '${text}' has nothing to look for`, 'Give the text or item to look for.');
            break;
    }
    return assertion;
}
function unquote(value) {
    if (value === undefined)
        return '';
    const trimmed = value.trim();
    if (trimmed.length >= 2 && ((trimmed.startsWith('"') && trimmed.endsWith('"')) || (trimmed.startsWith("'") && trimmed.endsWith("'")))) {
        return trimmed.slice(1, -1);
    }
    return trimmed;
}
/**
 * Compares an actual JSON value with what the user wrote, in the actual value's
 * type: a number with Number(expected), a boolean or null by its spelling, a
 * string as is, a list or map with the parsed JSON of the expected text.
 */
function looselyEquals(actual, expected) {
    if (typeof actual === 'string')
        return actual === expected;
    if (typeof actual === 'number')
        return expected.trim() !== '' && Number(expected) === actual;
    if (typeof actual === 'boolean' || actual === null)
        return String(actual) === expected.trim().toLowerCase();
    try {
        return JSON.stringify(actual) === JSON.stringify(JSON.parse(expected));
    }
    catch {
        return false;
    }
}
const showValue = (value, limit = 80) => {
    const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
};
/** Undefined when the assertion holds; otherwise what came back instead. */
function checkAssertion(assertion, document) {
    const segments = parseJsonPath(assertion.path) ?? [];
    const lookup = lookupJsonPath(document, segments);
    if (assertion.operator === 'exists') {
        if (lookup.found === assertion.present)
            return undefined;
        return lookup.found ? `expected no '${assertion.path}', found ${showValue(lookup.value)}` : `expected '${assertion.path}' to exist, it is missing`;
    }
    if (!lookup.found)
        return `expected ${assertion.text}, but '${assertion.path}' is missing`;
    const actual = lookup.value;
    const ok = (() => {
        switch (assertion.operator) {
            case 'equals': return looselyEquals(actual, assertion.expected);
            case 'not-equals': return !looselyEquals(actual, assertion.expected);
            case 'contains':
                if (typeof actual === 'string')
                    return actual.includes(assertion.expected);
                if (Array.isArray(actual))
                    return actual.some((item) => looselyEquals(item, assertion.expected));
                if (actual !== null && typeof actual === 'object')
                    return Object.prototype.hasOwnProperty.call(actual, assertion.expected);
                return false;
            case 'matches': return assertion.pattern?.test(typeof actual === 'string' ? actual : JSON.stringify(actual)) ?? false;
            case 'lt':
            case 'gt': {
                const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
                if (!Number.isFinite(number))
                    return false;
                return assertion.operator === 'lt' ? number < Number(assertion.expected) : number > Number(assertion.expected);
            }
            default: return false;
        }
    })();
    return ok ? undefined : `expected ${assertion.text}, got ${showValue(actual)}`;
}

;// CONCATENATED MODULE: ./build/src/smoke/check-list.js







/** Header names whose values are credentials whether or not the user says so. */
const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|private-token)$/i;
const CHECK_KEYS = [
    'name', 'url', 'method', 'headers', 'secret-headers', 'body', 'expect-status', 'json', 'body-contains', 'body-matches',
    'max-latency', 'expect-version', 'version-path', 'health-document', 'connect-to',
];
const EXAMPLE = `- name: health
  url: https://app.example.com/api/health
  expect-status: 200
  json: ["ok == true", "database == connected"]
  max-latency: 500ms`;
/**
 * The YAML list form. Scalars are read as strings (the failsafe schema), so a
 * version `1.10` stays `1.10` and typing happens where a value is compared.
 * Every problem names the check (`checks[2] 'api'`) and is raised before any request.
 */
function parseCheckList(text, where, defaults = {}) {
    let document;
    try {
        document = (0,dist.parse)(text, { schema: 'failsafe' });
    }
    catch (error) {
        throw new InputError(where, `is not valid YAML (${error.message.split('\n')[0]})`, `Write a list of checks, e.g.\n${EXAMPLE}`);
    }
    const items = Array.isArray(document) ? document : document && typeof document === 'object' && 'url' in document ? [document] : undefined;
    if (!items || items.length === 0) {
        throw new InputError(where, `is not a list of checks (found ${describeYaml(document)})`, `Write a list of checks, e.g.\n${EXAMPLE}`);
    }
    const checks = items.map((item, index) => {
        if (typeof item === 'string')
            return buildCheck({ url: item }, `${where} item ${index + 1}`, defaults);
        if (!item || typeof item !== 'object' || Array.isArray(item)) {
            throw new InputError(`${where} item ${index + 1}`, `is not a check (found ${describeYaml(item)})`, `Each item is a URL or a map with at least \`url:\`, e.g.\n${EXAMPLE}`);
        }
        const record = item;
        const label = typeof record.name === 'string' ? `${where} item ${index + 1} '${record.name}'` : `${where} item ${index + 1}`;
        return buildCheck(record, label, defaults);
    });
    return uniqueNames(checks);
}
/** The one-line form: `url` (+ `expect-version`), with the defaults from the other inputs. */
function oneLineCheck(url, where, defaults = {}) {
    return buildCheck({ url }, where, defaults);
}
function buildCheck(record, where, defaults) {
    const fail = (problem, fix) => {
        throw new InputError(where, problem, fix);
    };
    const unknownKeys = Object.keys(record).filter((key) => !CHECK_KEYS.includes(key));
    if (unknownKeys.length > 0)
        fail(`has unknown keys (found ${unknownKeys.join(', ')})`, `Known keys: ${CHECK_KEYS.join(', ')}.`);
    const text = (key) => {
        const value = record[key];
        if (value === undefined || value === null || value === '')
            return undefined;
        if (typeof value !== 'string')
            fail(`'${key}' must be a single value (found ${describeYaml(value)})`, `Write \`${key}: <value>\`.`);
        return value.trim();
    };
    const list = (key) => {
        const value = record[key];
        if (value === undefined || value === null || value === '')
            return [];
        if (typeof value === 'string')
            return [value];
        if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
            return value;
        return fail(`'${key}' must be a text or a list of texts (found ${describeYaml(value)})`, `Write \`${key}: <text>\` or a YAML list.`);
    };
    const url = parseUrl(text('url') ?? fail("has no 'url'", 'Give every check a `url:` (http:// or https://).'), fail);
    const method = (text('method') ?? (record.body !== undefined ? 'POST' : 'GET')).toUpperCase();
    if (!/^[A-Z]+$/.test(method))
        fail(`has an invalid method (found '${method}')`, 'Use an HTTP method such as GET, HEAD or POST.');
    const headers = { ...defaults.headers };
    const headerMap = record.headers;
    if (headerMap !== undefined && headerMap !== '') {
        if (!headerMap || typeof headerMap !== 'object' || Array.isArray(headerMap))
            fail(`'headers' must be a map (found ${describeYaml(headerMap)})`, 'Write `headers: { Accept: application/json }`.');
        for (const [name, value] of Object.entries(headerMap)) {
            if (typeof value !== 'string')
                fail(`header '${name}' must be a text (found ${describeYaml(value)})`, 'Quote the header value.');
            headers[name] = value;
        }
    }
    for (const [name, value] of Object.entries(headers)) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
            fail(`has an invalid header name (found '${name}')`, 'Header names are letters, digits and dashes.');
        if (/[\r\n]/.test(value))
            fail(`header '${name}' contains a line break`, 'Put the header value on one line.');
    }
    const secretNames = list('secret-headers').map((name) => name.toLowerCase());
    for (const [name, value] of Object.entries(headers)) {
        if (SENSITIVE_HEADERS.test(name) || secretNames.includes(name.toLowerCase()))
            registerSecret(value);
    }
    const missingSecret = secretNames.find((name) => !Object.keys(headers).some((header) => header.toLowerCase() === name));
    if (missingSecret)
        fail(`lists secret header '${missingSecret}' that it does not send`, "Name only headers set under 'headers' (or the headers input).");
    const expectStatusText = record['expect-status'];
    const expectStatus = expectStatusText === undefined
        ? defaults.expectStatus ?? ANY_SUCCESS
        : parseStatusExpectation(list('expect-status').join(','), fail);
    const json = parseJsonAssertions(record.json, fail);
    const bodyContains = list('body-contains');
    const bodyMatches = list('body-matches').map((pattern) => {
        try {
            return new RegExp(pattern);
        }
        catch (error) {
            return fail(`'body-matches' is not a valid regular expression (${error.message})`, 'Fix the pattern; it is a JavaScript regular expression.');
        }
    });
    const latencyText = text('max-latency');
    const maxLatencyMs = latencyText === undefined ? defaults.maxLatencyMs : parseDuration(/^\d+$/.test(latencyText) ? `${latencyText}ms` : latencyText);
    if (latencyText !== undefined && maxLatencyMs === undefined)
        fail(`'max-latency' is not a duration (found '${latencyText}')`, 'Write e.g. 500ms or 2s (a bare number is milliseconds).');
    const versionPath = text('version-path') ?? defaults.versionPath ?? 'version';
    if (!parseJsonPath(versionPath))
        fail(`'version-path' is not a JSON path (found '${versionPath}')`, 'Write e.g. `version`, `build.version` or `$.app["version"]`.');
    const healthText = text('health-document');
    if (healthText !== undefined && !/^(true|false|auto|off)$/i.test(healthText))
        fail(`'health-document' is not true or false (found '${healthText}')`, 'Write `health-document: false` to ignore status/ok fields in the body.');
    const connectText = text('connect-to');
    return {
        name: text('name') ?? defaultName(url),
        url: url.toString(),
        method,
        headers,
        body: text('body') === undefined ? undefined : String(record.body),
        expectStatus,
        json,
        bodyContains,
        bodyMatches,
        maxLatencyMs,
        expectVersion: text('expect-version') ?? defaults.expectVersion,
        versionPath,
        healthDocument: healthText === undefined || /^(true|auto)$/i.test(healthText),
        connectTo: connectText === undefined ? defaults.connectTo : parseConnectTarget(connectText, fail),
    };
}
function parseUrl(text, fail) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return fail(`has a URL that is not valid (found '${text}')`, 'Write a full URL such as https://app.example.com/api/health.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        fail(`has a URL that is not http or https (found '${url.protocol}')`, 'Smoke checks speak HTTP: use http:// or https://.');
    if (url.username || url.password) {
        registerSecret(url.password);
        fail('has credentials in its URL', 'Send them as a secret header instead (an Authorization header in the secret-headers input).');
    }
    return url;
}
function parseStatusExpectation(text, fail) {
    const expectation = { codes: [], classes: [] };
    for (const part of text.split(/[\s,]+/).filter(Boolean)) {
        const cls = /^([1-5])xx$/i.exec(part);
        if (cls)
            expectation.classes.push(Number(cls[1]));
        else if (/^[1-5]\d\d$/.test(part))
            expectation.codes.push(Number(part));
        else
            fail(`'expect-status' is not a status code (found '${part}')`, 'Write a code (200), a list (200, 204) or a class (2xx).');
    }
    if (expectation.codes.length + expectation.classes.length === 0)
        fail("'expect-status' is empty", 'Write a code (200), a list (200, 204) or a class (2xx).');
    return expectation;
}
function parseConnectTarget(text, fail) {
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/.exec(text.trim());
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
        return fail(`'connect-to' is not an address (found '${text}')`, 'Write an address to dial, with an optional port: 10.0.0.5, 10.0.0.5:8443 or [::1]:8080.');
    }
    return { host: match[1] ?? match[2] ?? '', port };
}
function parseJsonAssertions(value, fail) {
    if (value === undefined || value === null || value === '')
        return [];
    try {
        if (typeof value === 'string')
            return [parseAssertionExpression(value)];
        if (Array.isArray(value)) {
            return value.map((entry) => {
                if (typeof entry === 'string')
                    return parseAssertionExpression(entry);
                if (entry && typeof entry === 'object' && !Array.isArray(entry))
                    return parseAssertionObject(entry);
                return fail(`a 'json' assertion is neither an expression nor a map (found ${describeYaml(entry)})`, 'Write e.g. `- version == 1.4.2` or `- { path: version, equals: 1.4.2 }`.');
            });
        }
        if (typeof value === 'object') {
            // The map shorthand: `json: { ok: true, database: connected }` means equals.
            return Object.entries(value).map(([path, expected]) => {
                if (typeof expected !== 'string')
                    return fail(`'json' expects a single value for '${path}' (found ${describeYaml(expected)})`, 'Write `path: value` pairs, or a list of assertions.');
                return parseAssertionObject({ path, equals: expected });
            });
        }
    }
    catch (error) {
        if (error instanceof AssertionSyntaxError)
            fail(error.message, error.fix);
        throw error;
    }
    return [];
}
function defaultName(url) {
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
function uniqueNames(checks) {
    const seen = new Map();
    return checks.map((check) => {
        const count = (seen.get(check.name) ?? 0) + 1;
        seen.set(check.name, count);
        return count === 1 ? check : { ...check, name: `${check.name} #${count}` };
    });
}
function describeYaml(value) {
    if (value === null || value === undefined || value === '')
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    const text = String(value);
    return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

;// CONCATENATED MODULE: external "node:perf_hooks"
const external_node_perf_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");
;// CONCATENATED MODULE: ./build/src/smoke/health-document.js
const PASSING = new Set(['pass', 'ok', 'up', 'healthy', 'green', 'success']);
const WARNING = new Set(['warn', 'warning', 'degraded']);
const FAILING = new Set(['fail', 'failed', 'failure', 'down', 'error', 'unhealthy', 'critical', 'red']);
function judgeHealthDocument(document) {
    if (document === null || typeof document !== 'object' || Array.isArray(document))
        return { kind: 'none' };
    const record = document;
    if (typeof record.status === 'string') {
        const status = record.status.trim().toLowerCase();
        const form = `status: '${record.status}'`;
        if (PASSING.has(status))
            return { kind: 'pass', form };
        if (WARNING.has(status))
            return { kind: 'warn', form };
        if (FAILING.has(status))
            return { kind: 'fail', form };
    }
    if (typeof record.ok === 'boolean')
        return record.ok ? { kind: 'pass', form: 'ok: true' } : { kind: 'fail', form: 'ok: false' };
    return { kind: 'none' };
}

;// CONCATENATED MODULE: ./build/src/smoke/evaluate.js





/** Response bodies appear in messages only this long. */
const BODY_EXCERPT_CHARS = 200;
function evaluateAttempt(check, result, options = {}) {
    if (!result.ok) {
        return { passed: false, latencyMs: result.latencyMs, problems: [result.message], failureKind: result.kind };
    }
    const problems = [];
    const verdict = { passed: false, latencyMs: result.latencyMs, status: result.status, problems };
    if (!statusMatches(check.expectStatus, result.status)) {
        problems.push(`expected status ${describeStatus(check.expectStatus)}, got ${result.status}`);
    }
    const document = parseJsonBody(result.body, result.contentType);
    if (document.parsed) {
        if (check.healthDocument) {
            const health = judgeHealthDocument(document.value);
            verdict.health = health.kind;
            if (health.kind === 'fail')
                problems.push(`the health document reports failure (${health.form})`);
        }
        const segments = parseJsonPath(check.versionPath);
        const version = segments ? lookupJsonPath(document.value, segments) : undefined;
        if (version?.found && version.value !== null && typeof version.value !== 'object')
            verdict.versionSeen = String(version.value);
    }
    if (check.expectVersion !== undefined) {
        if (!document.parsed) {
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body is not JSON`);
        }
        else if (verdict.versionSeen === undefined) {
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', but the body has no '${check.versionPath}'`);
        }
        else if (!looselyEquals(verdict.versionSeen, check.expectVersion)) {
            verdict.staleVersion = true;
            problems.push(`expected version '${check.expectVersion}' at '${check.versionPath}', got '${verdict.versionSeen}'`);
        }
    }
    if (check.json.length > 0) {
        if (!document.parsed)
            problems.push(`expected a JSON body for ${check.json.map((a) => `'${a.text}'`).join(', ')}, but it is not JSON`);
        else
            for (const assertion of check.json) {
                const problem = checkAssertion(assertion, document.value);
                if (problem)
                    problems.push(problem);
            }
    }
    for (const text of check.bodyContains) {
        if (!result.body.includes(text))
            problems.push(`expected the body to contain ${showValue(text)}`);
    }
    for (const pattern of check.bodyMatches) {
        if (!pattern.test(result.body))
            problems.push(`expected the body to match /${pattern.source}/`);
    }
    if (!options.ignoreLatencyBudget && check.maxLatencyMs !== undefined && result.latencyMs > check.maxLatencyMs) {
        problems.push(`expected an answer within ${check.maxLatencyMs} ms, took ${Math.round(result.latencyMs)} ms`);
    }
    verdict.passed = problems.length === 0;
    if (!verdict.passed)
        verdict.bodyExcerpt = excerpt(result.body, result.bodyTruncated);
    return verdict;
}
function parseJsonBody(body, contentType) {
    const trimmed = body.trimStart();
    if (!/json/i.test(contentType) && !trimmed.startsWith('{') && !trimmed.startsWith('['))
        return { parsed: false };
    try {
        return { parsed: true, value: JSON.parse(body) };
    }
    catch {
        return { parsed: false };
    }
}
/** A redacted, one-line, bounded view of a body for messages. */
function excerpt(body, truncated = false) {
    const flat = secrets_redact(body).replace(/\s+/g, ' ').trim();
    if (flat.length <= BODY_EXCERPT_CHARS && !truncated)
        return flat;
    return `${flat.slice(0, BODY_EXCERPT_CHARS)}… (${body.length}${truncated ? '+' : ''} chars)`;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
;// CONCATENATED MODULE: ./build/src/smoke/http-probe.js





/** Bodies beyond this are cut: a health check that answers megabytes is itself a finding. */
const MAX_BODY_BYTES = 1024 * 1024;
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_UNTRUSTED',
]);
function resolveDialTarget(url, check, override) {
    const urlHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const intended = { host: check.connectTo?.host ?? urlHost, port: check.connectTo?.port ?? urlPort };
    const target = typeof override === 'function' ? override(intended) : override;
    if (target?.via)
        return { host: target.host, port: target.port ?? intended.port, intended, via: target.via };
    return { host: target?.host ?? intended.host, port: target?.port ?? intended.port };
}
/** `127.0.0.1:8000`, or `127.0.0.1:8000 (through SSH to deploy@app:22)` for a tunnel. */
function describeDialTarget(dial) {
    const address = (host, port) => (external_node_net_namespaceObject.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`);
    return dial.intended && dial.via ? `${address(dial.intended.host, dial.intended.port)} (${dial.via})` : address(dial.host, dial.port);
}
/** One request, through node:http(s) so TLS, CA bundles, SNI and the dialled address are ours to set. */
function probe(check, transport) {
    const url = new URL(check.url);
    const secure = url.protocol === 'https:';
    const dial = resolveDialTarget(url, check, transport.connect);
    const dialled = describeDialTarget(dial);
    const nameOnCertificate = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const headers = { host: url.host, 'user-agent': 'slipway-smoke', accept: 'application/health+json, application/json;q=0.9, */*;q=0.8', ...check.headers };
    if (check.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(check.body));
    const options = {
        host: dial.host,
        port: dial.port,
        method: check.method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: transport.agents ? (secure ? transport.agents.https : transport.agents.http) : false,
    };
    if (secure) {
        // SNI and the certificate check use the URL's name even when another address is dialled.
        if (!external_node_net_namespaceObject.isIP(nameOnCertificate))
            options.servername = nameOnCertificate;
        if (transport.extraCa?.length)
            options.secureContext = secureContextFor(transport.extraCa);
    }
    const started = external_node_perf_hooks_namespaceObject.performance.now();
    return new Promise((resolve) => {
        let settled = false;
        const finish = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            resolve(result);
        };
        const failed = (error) => {
            // A tunnel accepts locally and then closes when the far end refuses: that is a refusal.
            if (dial.via && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE'))
                error.code = 'ECONNREFUSED';
            finish(classify(error, external_node_perf_hooks_namespaceObject.performance.now() - started, dialled));
        };
        let answered = false;
        const request = (secure ? external_node_https_namespaceObject : external_node_http_namespaceObject).request(options, (response) => {
            answered = true;
            const chunks = [];
            let size = 0;
            let truncated = false;
            response.on('data', (chunk) => {
                if (truncated)
                    return;
                size += chunk.length;
                if (size > MAX_BODY_BYTES) {
                    truncated = true;
                    chunks.push(chunk.subarray(0, chunk.length - (size - MAX_BODY_BYTES)));
                    response.destroy();
                    done();
                }
                else {
                    chunks.push(chunk);
                }
            });
            const done = () => finish({
                ok: true,
                status: response.statusCode ?? 0,
                contentType: String(response.headers['content-type'] ?? ''),
                body: Buffer.concat(chunks).toString('utf8'),
                bodyTruncated: truncated,
                latencyMs: external_node_perf_hooks_namespaceObject.performance.now() - started,
            });
            response.on('end', done);
            response.on('error', failed);
        });
        const timer = setTimeout(() => {
            const error = new Error(`no complete answer within ${transport.requestTimeoutMs} ms`);
            error.code = 'ETIMEDOUT';
            request.destroy(error);
        }, transport.requestTimeoutMs);
        request.on('error', failed);
        request.end(check.body);
    });
}
const contexts = new WeakMap();
/** One TLS context per CA list: building it parses every root, too slow to repeat per request. */
function secureContextFor(extraCa) {
    let context = contexts.get(extraCa);
    if (!context) {
        // Passing `ca` replaces Node's roots; keep them so a public name still verifies.
        context = external_node_tls_namespaceObject.createSecureContext({ ca: [...external_node_tls_namespaceObject.rootCertificates, ...extraCa] });
        contexts.set(extraCa, context);
    }
    return context;
}
function classify(error, latencyMs, dialled) {
    const code = error.code ?? error.name;
    const base = { ok: false, code, latencyMs, dialled };
    if (code === 'ECONNREFUSED')
        return { ...base, kind: 'refused', message: `connection refused on ${dialled}` };
    if (code === 'ETIMEDOUT')
        return { ...base, kind: 'timeout', message: error.message };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return { ...base, kind: 'dns', message: `name not found (${error.message.replace(/^getaddrinfo \w+ /, '')})` };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED')
        return { ...base, kind: 'reset', message: `connection closed by ${dialled} before a complete answer` };
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
        return { ...base, kind: 'tls', message: `TLS verification failed (${code}: ${error.message})` };
    }
    return { ...base, kind: 'other', message: `${code}: ${error.message}` };
}

;// CONCATENATED MODULE: ./build/src/smoke/readiness.js



/** Retries one check with backoff until it passes N times in a row or the deadline passes. */
async function waitUntilReady(check, options, transport, log) {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const policy = { attempts: Number.MAX_SAFE_INTEGER, baseDelayMs: options.retryBaseDelayMs, maxDelayMs: options.retryMaxDelayMs };
    let attempts = 0;
    let streak = 0;
    let bestStreak = 0;
    let failuresInRow = 0;
    let everAnswered = false;
    let lastReason = '';
    let last;
    for (;;) {
        attempts += 1;
        last = evaluateAttempt(check, await probe(check, transport));
        if (last.failureKind !== 'refused')
            everAnswered = true;
        if (last.passed) {
            streak += 1;
            bestStreak = Math.max(bestStreak, streak);
            failuresInRow = 0;
            if (streak >= options.consecutivePasses)
                return { passed: true, attempts, bestStreak, durationMs: Date.now() - started, last };
            if (Date.now() + options.confirmIntervalMs > deadline)
                break;
            await sleep(options.confirmIntervalMs);
            continue;
        }
        streak = 0;
        failuresInRow += 1;
        const reason = last.problems.join('; ');
        if (reason !== lastReason) {
            log.info(`${check.name}: not ready yet (attempt ${attempts}): ${reason}`);
            lastReason = reason;
        }
        else {
            log.debug(`${check.name}: attempt ${attempts}: ${reason}`);
        }
        const now = Date.now();
        if (now >= deadline)
            break;
        await sleep(Math.min(backoffDelay(policy, failuresInRow), deadline - now));
    }
    const durationMs = Date.now() - started;
    return { passed: false, attempts, bestStreak, durationMs, last, reason: explainFailure(check, last, { attempts, bestStreak, durationMs, everAnswered, transport, required: options.consecutivePasses }) };
}
function explainFailure(check, last, facts) {
    const over = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'} over ${seconds(facts.durationMs)}`;
    if (!facts.everAnswered) {
        const dial = resolveDialTarget(new URL(check.url), check, facts.transport.connect);
        return `connection refused until the deadline (${over}): nothing accepted connections on ${describeDialTarget(dial)}`;
    }
    if (last.passed) {
        return `passed ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row at best, ${facts.required} required, before the deadline (${over}): the service is flapping`;
    }
    const what = last.problems.join('; ');
    const body = last.bodyExcerpt ? `; body: ${last.bodyExcerpt}` : '';
    const flapping = facts.bestStreak > 0 ? `, after passing ${facts.bestStreak} time${facts.bestStreak === 1 ? '' : 's'} in a row (flapping)` : '';
    const stale = last.staleVersion ? ' — the previous release is still answering: the deploy did not take' : '';
    return `${what}${stale} (${over}${flapping})${body}`;
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;

;// CONCATENATED MODULE: ./build/src/smoke/soak.js





async function soak(check, options, transport) {
    // Keep-alive, like a browser or a load balancer: the soak measures the app, not TCP handshakes.
    const agents = transport.agents ?? {
        http: new external_node_http_namespaceObject.Agent({ keepAlive: true, maxSockets: options.concurrency }),
        https: new external_node_https_namespaceObject.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    };
    const soakTransport = { ...transport, agents };
    const latencies = [];
    let issued = 0;
    let errors = 0;
    let firstError;
    const started = external_node_perf_hooks_namespaceObject.performance.now();
    const endAt = started + options.durationMs;
    const worker = async () => {
        while (issued < options.requests && external_node_perf_hooks_namespaceObject.performance.now() < endAt) {
            issued += 1;
            const verdict = evaluateAttempt(check, await probe(check, soakTransport), { ignoreLatencyBudget: true });
            latencies.push(verdict.latencyMs);
            if (!verdict.passed) {
                errors += 1;
                firstError ??= verdict.problems.join('; ');
            }
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    }
    finally {
        if (!transport.agents) {
            agents.http.destroy();
            agents.https.destroy();
        }
    }
    const durationMs = external_node_perf_hooks_namespaceObject.performance.now() - started;
    latencies.sort((a, b) => a - b);
    const requests = latencies.length;
    const result = {
        requests,
        errors,
        errorRate: requests === 0 ? 0 : errors / requests,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        durationMs,
        requestsPerSecond: durationMs > 0 ? (requests * 1000) / durationMs : 0,
        firstError,
        problems: [],
    };
    if (result.errorRate > options.maxErrorRate) {
        result.problems.push(`soak error rate ${percent(result.errorRate)} is above the budget ${percent(options.maxErrorRate)} (${errors} of ${requests}; first: ${firstError})`);
    }
    if (options.maxP95Ms !== undefined && result.p95Ms > options.maxP95Ms) {
        result.problems.push(`soak p95 latency ${Math.round(result.p95Ms)} ms is above the budget ${options.maxP95Ms} ms`);
    }
    return result;
}
/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}
const percent = (fraction) => `${Math.round(fraction * 1000) / 10}%`;

;// CONCATENATED MODULE: ./build/src/smoke/run.js



const DEFAULT_SMOKE_OPTIONS = {
    timeoutMs: 60_000,
    consecutivePasses: 3,
    confirmIntervalMs: 250,
    retryBaseDelayMs: 250,
    retryMaxDelayMs: 5_000,
    requestTimeoutMs: 10_000,
};
/**
 * The plain API other flows call (ssh-deploy, the restore drill): every check
 * waits for readiness in parallel, then the optional soak runs check by check.
 */
async function runSmokeChecks(checks, options, log) {
    const settings = { ...DEFAULT_SMOKE_OPTIONS, ...options };
    const started = external_node_perf_hooks_namespaceObject.performance.now();
    const transport = { requestTimeoutMs: settings.requestTimeoutMs, extraCa: settings.caCertificates, connect: settings.connect };
    const outcomes = await Promise.all(checks.map(async (check) => {
        const ready = await waitUntilReady(check, settings, transport, log);
        const outcome = {
            name: check.name,
            url: check.url,
            passed: ready.passed,
            attempts: ready.attempts,
            latencyMs: ready.last.latencyMs,
            status: ready.last.status,
            versionSeen: ready.last.versionSeen,
            expectVersion: check.expectVersion,
            health: ready.last.health,
            reason: ready.reason,
            durationMs: ready.durationMs,
        };
        if (ready.passed)
            log.info(`✓ ${check.name}: ${ready.last.status} in ${Math.round(ready.last.latencyMs)} ms (${ready.attempts} attempt${ready.attempts === 1 ? '' : 's'})`);
        else
            log.error(`✗ ${check.name}: ${ready.reason}`);
        return outcome;
    }));
    if (settings.soak && settings.soak.requests > 0) {
        for (const [index, check] of checks.entries()) {
            const outcome = outcomes[index];
            if (!outcome?.passed)
                continue;
            const result = await soak(check, settings.soak, transport);
            outcome.soak = result;
            log.info(`${check.name}: soak ${result.requests} requests at ${Math.round(result.requestsPerSecond)}/s, p50 ${Math.round(result.p50Ms)} ms, p95 ${Math.round(result.p95Ms)} ms, errors ${result.errors}`);
            if (result.problems.length > 0) {
                outcome.passed = false;
                outcome.reason = result.problems.join('; ');
                log.error(`✗ ${check.name}: ${outcome.reason}`);
            }
        }
    }
    return {
        passed: outcomes.every((outcome) => outcome.passed),
        checks: outcomes,
        versionSeen: outcomes.find((outcome) => outcome.versionSeen !== undefined)?.versionSeen,
        durationMs: external_node_perf_hooks_namespaceObject.performance.now() - started,
    };
}

;// CONCATENATED MODULE: ./build/src/smoke/via-ssh.js



const key = (host, port) => `${host}|${port}`;
/**
 * Forwards, over an open session, every address the checks would dial, as seen
 * from the host (`127.0.0.1:8000` is the host's own loopback). The URL's name
 * still goes into Host and SNI, so TLS is verified as for a direct request.
 */
async function forwardChecks(session, checks, log) {
    const forwards = new Map();
    try {
        for (const check of checks) {
            const remote = resolveDialTarget(new URL(check.url), check);
            const name = key(remote.host, remote.port);
            if (forwards.has(name))
                continue;
            const forward = await session.forwardLocalPort(remote.port, remote.host);
            forwards.set(name, forward);
            log.info(`Forwarding 127.0.0.1:${forward.localPort} → ${remote.host}:${remote.port} on ${session.name}`);
        }
    }
    catch (error) {
        await Promise.all([...forwards.values()].map((forward) => forward.close()));
        throw error;
    }
    return {
        connect: (intended) => {
            const forward = forwards.get(key(intended.host, intended.port));
            return forward ? { host: '127.0.0.1', port: forward.localPort, via: `through SSH to ${session.name}` } : undefined;
        },
        close: async () => {
            await Promise.all([...forwards.values()].map((forward) => forward.close()));
        },
    };
}
/** Runs the checks from inside a host the caller already has a session to (the deploy pipeline). */
async function runSmokeChecksOverSession(session, checks, options, log) {
    const forwarded = await forwardChecks(session, checks, log);
    try {
        return await runSmokeChecks(checks, { ...options, connect: forwarded.connect }, log);
    }
    finally {
        await forwarded.close();
    }
}
/** Opens a session per host, runs the checks from inside each, one host after another. */
async function runSmokeChecksViaSsh(targets, checks, options, runner, log) {
    const reports = [];
    for (const target of targets) {
        const session = await session_openSshSession(target, runner, log);
        try {
            const report = await runSmokeChecksOverSession(session, checks, options, log);
            if (targets.length > 1)
                for (const check of report.checks)
                    check.name = `${check.name} on ${target.host}`;
            reports.push(report);
        }
        finally {
            await session.close();
        }
    }
    return mergeReports(reports);
}
function mergeReports(reports) {
    const checks = reports.flatMap((report) => report.checks);
    return {
        passed: reports.every((report) => report.passed),
        checks,
        versionSeen: checks.find((check) => check.versionSeen !== undefined)?.versionSeen,
        durationMs: reports.reduce((sum, report) => sum + report.durationMs, 0),
    };
}

;// CONCATENATED MODULE: ./build/src/smoke/report.js



const ms = (value) => `${Math.round(value)} ms`;
function smokeSummary(report) {
    const failed = report.checks.filter((check) => !check.passed).length;
    const summary = new Summary().heading(report.passed ? `Smoke test passed (${report.checks.length} check${report.checks.length === 1 ? '' : 's'})` : `Smoke test failed (${failed} of ${report.checks.length} checks)`);
    summary.table(['Check', 'Status', 'Latency', 'Attempts', 'Details'], report.checks.map((check) => [
        check.name,
        check.passed ? '✅ pass' : '❌ fail',
        ms(check.latencyMs),
        String(check.attempts),
        check.passed ? passDetails(check) : secrets_redact(check.reason ?? 'failed'),
    ]));
    const soaked = report.checks.filter((check) => check.soak);
    if (soaked.length > 0) {
        summary.table(['Soak', 'Requests', 'Rate', 'p50', 'p95', 'Errors'], soaked.map((check) => {
            const soak = check.soak;
            return [check.name, String(soak.requests), `${Math.round(soak.requestsPerSecond)}/s`, ms(soak.p50Ms), ms(soak.p95Ms), `${soak.errors} (${percent(soak.errorRate)})`];
        }));
    }
    if (report.versionSeen !== undefined)
        summary.text(`Version seen: \`${report.versionSeen}\``);
    return summary;
}
function passDetails(check) {
    const parts = [`HTTP ${check.status}`];
    if (check.versionSeen !== undefined)
        parts.push(`version ${check.versionSeen}`);
    if (check.health && check.health !== 'none')
        parts.push(`health ${check.health}`);
    return parts.join(', ');
}
function smokeOutputs(report) {
    return {
        passed: String(report.passed),
        'version-seen': report.versionSeen ?? '',
        results: secrets_redact(JSON.stringify(report.checks.map((check) => ({
            name: check.name,
            url: check.url,
            passed: check.passed,
            status: check.status ?? null,
            latencyMs: Math.round(check.latencyMs),
            attempts: check.attempts,
            versionSeen: check.versionSeen ?? null,
            reason: check.reason ?? null,
            soak: check.soak ? { requests: check.soak.requests, errors: check.soak.errors, p50Ms: Math.round(check.soak.p50Ms), p95Ms: Math.round(check.soak.p95Ms) } : null,
        })))),
    };
}
/** One line per failing check: its name, the expectation and what came back. */
function smokeFailure(report) {
    if (report.passed)
        return undefined;
    return secrets_redact(report.checks.filter((check) => !check.passed).map((check) => `smoke check '${check.name}' (${check.url}) failed: ${check.reason}`).join('\n'));
}

;// CONCATENATED MODULE: ./build/src/smoke/settings.js






/** Inputs → settings; every problem is raised here, before any request. */
function parseSmokeSettings(inputs, workDir) {
    const describe = (name) => inputs.source.describe(name);
    const failFor = (name) => (problem, fix) => inputs.fail(name, problem, fix);
    const headers = inputs.keyValues('headers');
    inputs.secret('secret-headers');
    const secretHeaders = inputs.keyValues('secret-headers');
    for (const value of Object.values(secretHeaders))
        registerSecret(value);
    const statusText = inputs.optional('expect-status');
    const connectText = inputs.optional('connect-to');
    const latency = inputs.optional('max-latency');
    const defaults = {
        headers: { ...headers, ...secretHeaders },
        versionPath: inputs.string('version-path', 'version'),
        expectStatus: statusText === undefined ? undefined : parseStatusExpectation(statusText, failFor('expect-status')),
        maxLatencyMs: latency === undefined ? undefined : inputs.duration('max-latency', 0),
        connectTo: connectText === undefined ? undefined : parseConnectTarget(connectText, failFor('connect-to')),
    };
    const checks = [];
    const url = inputs.optional('url');
    const expectVersion = inputs.optional('expect-version');
    if (url !== undefined)
        checks.push(oneLineCheck(url, describe('url'), { ...defaults, expectVersion }));
    else if (expectVersion !== undefined)
        inputs.fail('expect-version', 'is set without url', `Set ${describe('url')} to the health endpoint, or put \`expect-version:\` on a check in ${describe('checks')}.`);
    const listText = inputs.optional('checks');
    if (listText !== undefined)
        checks.push(...parseCheckList(listText, describe('checks'), defaults));
    const listFile = inputs.optional('checks-file');
    if (listFile !== undefined) {
        const file = external_node_path_namespaceObject.resolve(workDir, listFile);
        let text = '';
        try {
            text = external_node_fs_namespaceObject.readFileSync(file, 'utf8');
        }
        catch (error) {
            inputs.fail('checks-file', `cannot be read (${error.code ?? String(error)}: ${file})`, 'Point it at a YAML file with a list of checks.');
        }
        checks.push(...parseCheckList(text, `${describe('checks-file')} (${listFile})`, defaults));
    }
    if (checks.length === 0) {
        inputs.fail('url', 'is required when no checks are given', `Set ${describe('url')} (e.g. https://app.example.com/api/health) or a list in ${describe('checks')}.`);
    }
    const soakRequests = inputs.integer('soak-requests', 0, { min: 0, max: 1_000_000 });
    const p95 = inputs.optional('soak-max-p95');
    return {
        checks,
        sshTargets: inputs.boolean('via-ssh', false) ? inputs_parseSshInputs(inputs).targets : undefined,
        options: {
            timeoutMs: inputs.duration('timeout', DEFAULT_SMOKE_OPTIONS.timeoutMs),
            requestTimeoutMs: inputs.duration('request-timeout', DEFAULT_SMOKE_OPTIONS.requestTimeoutMs),
            consecutivePasses: inputs.integer('consecutive-passes', DEFAULT_SMOKE_OPTIONS.consecutivePasses, { min: 1, max: 100 }),
            confirmIntervalMs: DEFAULT_SMOKE_OPTIONS.confirmIntervalMs,
            retryBaseDelayMs: DEFAULT_SMOKE_OPTIONS.retryBaseDelayMs,
            retryMaxDelayMs: inputs.duration('max-retry-interval', DEFAULT_SMOKE_OPTIONS.retryMaxDelayMs),
            caCertificates: readCaBundle(inputs, workDir),
            soak: soakRequests === 0 ? undefined : {
                requests: soakRequests,
                durationMs: inputs.duration('soak-duration', 30_000),
                concurrency: inputs.integer('soak-concurrency', 4, { min: 1, max: 256 }),
                maxP95Ms: p95 === undefined ? undefined : inputs.duration('soak-max-p95', 0),
                maxErrorRate: parseRate(inputs),
            },
        },
    };
}
/** PEM text, or a path to a PEM file: the CA that signed the app's certificate. */
function readCaBundle(inputs, workDir) {
    const value = inputs.optional('ca-cert');
    if (value === undefined)
        return undefined;
    let text = value;
    if (!value.includes('-----BEGIN')) {
        try {
            text = external_node_fs_namespaceObject.readFileSync(external_node_path_namespaceObject.resolve(workDir, value), 'utf8');
        }
        catch (error) {
            inputs.fail('ca-cert', `is neither PEM text nor a readable file (${error.code ?? String(error)}: ${value})`, 'Give the CA certificate in PEM form, or the path to it.');
        }
    }
    const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!certificates)
        inputs.fail('ca-cert', 'holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)', 'Give the CA certificate in PEM form, or the path to it.');
    return certificates;
}
/** `1%`, `0.5%` or a fraction `0.01`. */
function parseRate(inputs) {
    const text = inputs.string('soak-max-error-rate', '0%');
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
    const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
    if (!Number.isFinite(rate) || rate < 0 || rate > 1)
        inputs.fail('soak-max-error-rate', `is not a rate (found '${text}')`, 'Write a percentage such as 1% or 0.5%.');
    return rate;
}

;// CONCATENATED MODULE: ./build/src/smoke/flow.js




/** `slipway smoke` and `actions/smoke-test`: prove the deploy is live. */
const smokeFlow = {
    command: 'smoke',
    action: 'smoke-test',
    describe: 'Wait until the app answers, check its version, JSON, body and latency, optionally soak it',
    parse: (inputs, context) => parseSmokeSettings(inputs, context.workDir),
    run: async (settings, context) => context.log.group(`Smoke test (${settings.checks.length} check${settings.checks.length === 1 ? '' : 's'})`, () => settings.sshTargets
        ? runSmokeChecksViaSsh(settings.sshTargets, settings.checks, settings.options, context.runner, context.log)
        : runSmokeChecks(settings.checks, settings.options, context.log)),
    outputs: smokeOutputs,
    summary: smokeSummary,
    failure: smokeFailure,
};

;// CONCATENATED MODULE: ./build/src/smoke/demo.js




/** For `npm run demo`: smoke-test the app just deployed, expecting its version, and print the table. */
async function demoSmoke(log, url, version) {
    const check = oneLineCheck(url, 'demo url', { expectVersion: version });
    const report = await runSmokeChecks([check], { timeoutMs: 60_000, consecutivePasses: 3 }, log);
    log.info(renderText(smokeSummary(report)));
    return report;
}

;// CONCATENATED MODULE: ./build/src/smoke/index.js







;// CONCATENATED MODULE: ./build/src/drill/commands.js
// Pure builders: every command the drill runs, as data. Passwords travel in the
// environment (or a password command the tool runs itself), never in argv.
/** A SQL string literal: the only quoting SQLite needs for a file name in VACUUM INTO. */
function sqlLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/** Quote an identifier for SQLite/PostgreSQL (names from inputs are validated as plain identifiers too). */
function sqlIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/**
 * Online-safe copy of a live (WAL) database: a consistent snapshot, never a file
 * copy. Read-only, so the drill never checkpoints or writes the live database;
 * like any WAL reader it shares the -shm index (and leaves an empty -wal/-shm
 * when no app had the database open).
 */
function sqliteSnapshot(database, target) {
    return { file: 'sqlite3', args: ['-readonly', '-bail', database, `VACUUM INTO ${sqlLiteral(target)}`] };
}
/** Read-only query with one row per line, columns separated by `|`. */
function sqliteQuery(database, sql) {
    return { file: 'sqlite3', args: ['-readonly', '-batch', '-bail', '-noheader', '-list', database, sql] };
}
function sqliteIntegrityCheck(database) {
    return sqliteQuery(database, 'PRAGMA integrity_check;');
}
function resticEnv(source, cacheDir) {
    const env = { RESTIC_REPOSITORY: source.repository, RESTIC_CACHE_DIR: cacheDir };
    if (source.password)
        env.RESTIC_PASSWORD = source.password;
    else if (source.passwordCommand)
        env.RESTIC_PASSWORD_COMMAND = source.passwordCommand;
    return env;
}
function resticSnapshots(env, filter) {
    const args = ['snapshots', '--json', '--no-lock'];
    for (const tag of filter.tags)
        args.push('--tag', tag);
    if (filter.path)
        args.push('--path', filter.path);
    return { file: 'restic', args, env };
}
/** A restore of `snapshot`; for `latest`, `filter` makes restic pick under the same tags/path as the listing. */
function resticRestore(env, snapshot, target, filter = {}) {
    const args = ['restore', snapshot, '--target', target, '--no-lock'];
    for (const tag of filter.tags ?? [])
        args.push('--tag', tag);
    if (filter.path)
        args.push('--path', filter.path);
    return { file: 'restic', args, env };
}
/** The snapshot a restore says it restores: `restoring <Snapshot 9a2225c2 of …` (0.14) or `restoring snapshot 9a2225c2 of …` (0.17). */
function restoredSnapshotId(stdout) {
    return /restoring <?snapshot ([0-9a-f]{8,64}) of/i.exec(stdout)?.[1];
}
function resticCheck(env, readDataSubset) {
    const args = ['check'];
    if (readDataSubset)
        args.push(`--read-data-subset=${readDataSubset}`);
    return { file: 'restic', args, env };
}
/**
 * Borg keeps its cache, keys and security records under BORG_BASE_DIR: point it
 * into the scratch place so a drill leaves nothing behind. TZ=UTC makes `borg
 * list` print archive times in UTC (it prints host-local times without a zone).
 */
function borgEnv(source, baseDir) {
    const env = {
        BORG_BASE_DIR: baseDir,
        TZ: 'UTC',
        BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
        BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes',
    };
    if (source.password)
        env.BORG_PASSPHRASE = source.password;
    else if (source.passwordCommand)
        env.BORG_PASSCOMMAND = source.passwordCommand;
    return env;
}
function borgList(env, repository, glob) {
    const args = ['list', '--json', '--bypass-lock'];
    if (glob)
        args.push('--glob-archives', glob);
    return { file: 'borg', args: [...args, repository], env };
}
/** Extracts into `cwd` (borg always extracts relative to the working directory). */
function borgExtract(env, repository, archive, cwd) {
    return { file: 'borg', args: ['extract', `${repository}::${archive}`], env, cwd };
}
function borgCheck(env, repository, archive) {
    return { file: 'borg', args: ['check', archive ? `${repository}::${archive}` : repository], env };
}
function pgEnv(connection) {
    const env = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGCONNECT_TIMEOUT: '10' };
    if (connection.password)
        env.PGPASSWORD = connection.password;
    return env;
}
/** TZ=UTC: the archive header records the dump time as local wall-clock time without a zone. */
function pgDump(connection, database, outFile) {
    return { file: 'pg_dump', args: ['--format=custom', '--no-password', `--file=${outFile}`, `--dbname=${database}`], env: { ...pgEnv(connection), TZ: 'UTC' } };
}
/** A dump can carry code: restore without owners or grants, as a role without superuser rights. */
function pgRestore(connection, database, dumpFile) {
    return {
        file: 'pg_restore',
        args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${database}`, dumpFile],
        env: pgEnv(connection),
    };
}
/**
 * The archive's table of contents: its header names the pg_dump and server versions and
 * when it was made. TZ=UTC prints that time as the dumping host's wall clock, read as UTC.
 */
function pgRestoreList(dumpFile) {
    return { file: 'pg_restore', args: ['--list', dumpFile], env: { TZ: 'UTC' } };
}
function psql(connection, database, sql) {
    return {
        file: 'psql',
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=|', '--set=ON_ERROR_STOP=1', `--dbname=${database}`, '--command', sql],
        env: pgEnv(connection),
    };
}
function pgDumpVersion() {
    return { file: 'pg_dump', args: ['--version'] };
}
function tarExtract(file, target) {
    return { file: 'tar', args: ['--extract', '--no-same-owner', `--file=${file}`, `--directory=${target}`] };
}
/** Packs a volume read-only into the scratch place; the helper has no network at all. */
function dockerVolumeToTar(volume, scratchDir, image, label) {
    return {
        file: 'docker',
        args: ['run', '--rm', '--network', 'none', '--label', label, '-v', `${volume}:/from:ro`, '-v', `${scratchDir}:/to`, image, 'tar', '-c', '-f', '/to/volume.tar', '-C', '/from', '.'],
    };
}
/** The app on the restored copy: host network (never a bridge), the drill's port, scratch data. */
function dockerRunApp(app) {
    const args = ['run', '--detach', '--name', app.name, '--label', app.label, '--network', 'host', '-e', `${app.portEnv}=${app.port}`];
    for (const key of Object.keys(app.env))
        args.push('-e', key);
    args.push('-v', `${app.dataDir}:${app.dataMount}`, app.image, ...app.args.map((arg) => arg.replaceAll('{port}', String(app.port))));
    // Values go through the environment (`-e KEY` copies it), so app secrets stay out of argv.
    return { file: 'docker', args, env: app.env };
}
function dockerRemove(name) {
    return { file: 'docker', args: ['rm', '--force', '--volumes', name] };
}
/** `running 0`, `exited 3`, … : status and exit code in one line. */
function dockerState(name) {
    return { file: 'docker', args: ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name] };
}
/** Reads `dockerState`'s line; a container docker no longer knows counts as gone. */
function parseContainerState(line) {
    const match = /^(\w+) (-?\d+)$/.exec(line.trim());
    if (!match)
        return { running: false, status: 'gone' };
    const status = match[1];
    // `created` and `restarting` may still come up; only a container that stopped ends the wait.
    return { running: !['exited', 'dead', 'removing'].includes(status), status, exitCode: Number(match[2]) };
}
function dockerLogs(name) {
    return { file: 'docker', args: ['logs', '--tail', '30', name] };
}
function dockerInspectVolume(volume) {
    return { file: 'docker', args: ['volume', 'inspect', '--format', '{{.Mountpoint}}', volume] };
}
function dockerExec(container, command) {
    return { file: 'docker', args: ['exec', container, ...command] };
}
function dockerCopyOut(container, from, to) {
    return { file: 'docker', args: ['cp', `${container}:${from}`, to] };
}

;// CONCATENATED MODULE: ./build/src/drill/scratch.js





/** Docker objects the drill starts carry this label, so a test (or a human) can find leftovers. */
const DRILL_LABEL = 'dev.slipway.drill';
/**
 * The only places a drill writes: one directory, plus containers, volumes and
 * databases it names itself. Everything registered here is removed at the end,
 * last created first, even when the drill failed.
 */
class ScratchPlace {
    id = external_node_crypto_namespaceObject.randomBytes(4).toString('hex');
    dir;
    cleanups = [];
    constructor(dir) {
        this.dir = dir;
        // A drill killed before remove() leaves the post step the dir and the containers it labelled.
        const settleDir = recordLeftover({ kind: 'dir', path: dir, what: 'drill scratch directory' });
        const settleContainers = recordLeftover({ kind: 'containers', label: `${DRILL_LABEL}=${this.id}`, what: 'drill containers' });
        this.settleLeftovers = () => { settleDir(); settleContainers(); };
    }
    settleLeftovers;
    /** A fresh directory under `root`, or the given one if it does not exist yet (or is empty). */
    static create(root, wanted) {
        if (wanted) {
            if (external_node_fs_namespaceObject.existsSync(wanted) && external_node_fs_namespaceObject.readdirSync(wanted).length > 0) {
                throw new SlipwayError(`scratch-dir ${wanted} is not empty`, { fix: 'The drill restores only into a place it creates and removes; name a directory that does not exist.' });
            }
            external_node_fs_namespaceObject.mkdirSync(wanted, { recursive: true, mode: 0o700 });
            const place = new ScratchPlace(wanted);
            place.onCleanup(`directory ${wanted}`, () => external_node_fs_namespaceObject.rmSync(wanted, { recursive: true, force: true }));
            return place;
        }
        external_node_fs_namespaceObject.mkdirSync(root, { recursive: true });
        const dir = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(root, 'slipway-drill-'));
        const place = new ScratchPlace(dir);
        place.onCleanup(`directory ${dir}`, () => external_node_fs_namespaceObject.rmSync(dir, { recursive: true, force: true }));
        return place;
    }
    /** A name for a container, volume or database that belongs to this drill. */
    name(purpose) {
        return `slipway_drill_${purpose}_${this.id}`;
    }
    sub(...parts) {
        const dir = external_node_path_namespaceObject.join(this.dir, ...parts);
        external_node_fs_namespaceObject.mkdirSync(dir, { recursive: true });
        return dir;
    }
    onCleanup(what, undo) {
        this.cleanups.push({ what, undo });
    }
    async remove(log) {
        for (const { what, undo } of this.cleanups.reverse()) {
            try {
                await undo();
            }
            catch (error) {
                log.warn(`Could not remove scratch ${what}: ${error.message}`);
            }
        }
        this.cleanups.length = 0;
        this.settleLeftovers();
    }
}
/** The real path of something that may not exist yet: the nearest existing parent, resolved. */
function realPathOf(target) {
    const absolute = external_node_path_namespaceObject.resolve(target);
    let existing = absolute;
    const rest = [];
    while (!external_node_fs_namespaceObject.existsSync(existing)) {
        rest.unshift(external_node_path_namespaceObject.basename(existing));
        const parent = external_node_path_namespaceObject.dirname(existing);
        if (parent === existing)
            break;
        existing = parent;
    }
    return external_node_path_namespaceObject.join(external_node_fs_namespaceObject.realpathSync(existing), ...rest);
}
/** True when `inner` is `outer` or lies inside it (after resolving symlinks). */
function isSameOrInside(inner, outer) {
    const a = realPathOf(inner);
    const b = realPathOf(outer);
    return a === b || a.startsWith(b.endsWith(external_node_path_namespaceObject.sep) ? b : `${b}${external_node_path_namespaceObject.sep}`);
}
/**
 * Refuses a restore target that is (or holds, or lies inside) the source: a
 * drill that restores over production is the disaster it is meant to rehearse.
 */
function refuseTargetOverSource(target, sources) {
    for (const source of sources) {
        if (isSameOrInside(target, source) || isSameOrInside(source, target)) {
            throw new SlipwayError(`Refusing to restore into ${target}: it is the source ${source} (same path after resolving symlinks, or one inside the other)`, { fix: 'Leave scratch-dir empty so the drill makes its own temporary directory, or name one outside the source.' });
        }
    }
}
function refuseSameName(kind, target, source) {
    if (source !== undefined && target === source) {
        throw new SlipwayError(`Refusing to restore into ${kind} '${target}': it is the source ${kind}`, {
            fix: `Leave the scratch ${kind} name empty so the drill makes its own, or name another one.`,
        });
    }
}
/** Total size of the files under a path. */
function sizeOf(target) {
    if (!external_node_fs_namespaceObject.existsSync(target))
        return 0;
    const stat = external_node_fs_namespaceObject.lstatSync(target);
    if (!stat.isDirectory())
        return stat.size;
    let total = 0;
    for (const entry of external_node_fs_namespaceObject.readdirSync(target))
        total += sizeOf(external_node_path_namespaceObject.join(target, entry));
    return total;
}
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Every SQLite database file under `dir` (by header, not by name). */
function findSqliteFiles(dir) {
    const found = [];
    const walk = (current) => {
        for (const entry of external_node_fs_namespaceObject.readdirSync(current, { withFileTypes: true })) {
            const full = external_node_path_namespaceObject.join(current, entry.name);
            if (entry.isDirectory())
                walk(full);
            else if (entry.isFile() && hasSqliteHeader(full))
                found.push(full);
        }
    };
    if (external_node_fs_namespaceObject.existsSync(dir))
        walk(dir);
    return found.sort();
}
function hasSqliteHeader(file) {
    const handle = external_node_fs_namespaceObject.openSync(file, 'r');
    try {
        const header = Buffer.alloc(16);
        return external_node_fs_namespaceObject.readSync(handle, header, 0, 16, 0) === 16 && header.equals(SQLITE_MAGIC);
    }
    finally {
        external_node_fs_namespaceObject.closeSync(handle);
    }
}

;// CONCATENATED MODULE: ./build/src/drill/app-boot.js





/** How long one readiness slice runs before the container's state is read again. */
const READINESS_SLICE_MS = 1_000;
/** A port nobody listens on right now: the kernel picks one, we check it is bindable on loopback. */
async function chooseFreePort() {
    for (let attempt = 0; attempt < 5; attempt += 1) {
        const port = await new Promise((resolve, reject) => {
            const server = external_node_net_namespaceObject.createServer();
            server.once('error', reject);
            server.listen(0, '127.0.0.1', () => {
                const address = server.address();
                server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
            });
        });
        if (port > 0 && (await isPortFree(port)))
            return port;
    }
    throw new Error('no free port found on 127.0.0.1');
}
function isPortFree(port) {
    return new Promise((resolve) => {
        const socket = external_node_net_namespaceObject.connect({ port, host: '127.0.0.1' });
        socket.once('connect', () => { socket.destroy(); resolve(false); });
        socket.once('error', () => resolve(true));
    });
}
/**
 * Boots the app image on the restored data, waits for its health endpoint, and
 * registers its removal with the scratch place. Returns the check and when the
 * app first answered healthy.
 */
async function bootApp(app, dataDir, scratch, runner, log) {
    const port = await chooseFreePort();
    const name = scratch.name('app');
    const checkName = 'app boots on the restored data';
    scratch.onCleanup(`container ${name}`, async () => { await runner.run(dockerRemove(name), { allowFailure: true }); });
    const started = await runner.run(dockerRunApp({ name, image: app.image, port, portEnv: app.portEnv, dataDir, dataMount: app.dataMount, env: app.env, args: app.args, label: `${DRILL_LABEL}=${scratch.id}` }), { allowFailure: true, timeoutMs: 120_000 });
    if (started.exitCode !== 0)
        return { check: { name: checkName, passed: false, detail: `docker run failed: ${started.stderr.trim().split('\n').slice(-3).join(' ')}` } };
    const url = `http://127.0.0.1:${port}${app.healthPath}`;
    log.info(`App ${app.image} started as ${name} on port ${port}; waiting for ${url}`);
    // The smoke-test link's readiness wait, in short slices: between them the
    // container's state is read, so an app that exits stops the wait at once.
    const check = { ...oneLineCheck(url, 'app-health-path', { expectStatus: { codes: [app.expectStatus], classes: [] } }), name: 'app health' };
    const bootedAt = Date.now();
    const endsAt = bootedAt + app.timeoutMs;
    // A failed slice is not yet a failure: its line goes to debug, the verdict is logged once below.
    const quiet = {
        info: (message) => log.info(message), warn: (message, where) => log.warn(message, where), debug: (message) => log.debug(message),
        error: (message) => log.debug(message), group: (title, body) => log.group(title, body),
    };
    let reason;
    let state;
    for (;;) {
        const slice = Math.max(1, Math.min(READINESS_SLICE_MS, endsAt - Date.now()));
        const smoke = await runSmokeChecks([check], { timeoutMs: slice, consecutivePasses: 1 }, quiet);
        if (smoke.passed)
            return { check: { name: checkName, passed: true, detail: `HTTP ${smoke.checks[0]?.status} from ${url}` }, healthyAt: Date.now() };
        reason = smoke.checks[0]?.reason ?? reason;
        state = parseContainerState((await runner.run(dockerState(name), { allowFailure: true })).stdout);
        if (!state.running || Date.now() >= endsAt)
            break;
    }
    const seconds = Math.round((Date.now() - bootedAt) / 100) / 10;
    const ended = state.running ? `; still not healthy after app-timeout ${Math.round(app.timeoutMs / 100) / 10} s` : `; the app exited${state.exitCode === undefined ? '' : ` with code ${state.exitCode}`} after ${seconds} s`;
    const logs = await runner.run(dockerLogs(name), { allowFailure: true });
    const tail = secrets_redact(`${logs.stdout}${logs.stderr}`).trim().split('\n').slice(-5).join(' | ');
    log.error(`✗ app health: ${reason ?? 'no answer'}${ended}`);
    return { check: { name: checkName, passed: false, detail: `expected HTTP ${app.expectStatus} from ${url}, last: ${reason ?? 'no answer'}${ended}${tail ? `; app log: ${tail}` : ''}` } };
}

;// CONCATENATED MODULE: ./build/src/drill/credentials.js

// A repository location may carry credentials in its userinfo
// (`rest:https://user:pass@host/repo`, `s3:https://KEY:SECRET@host/bucket`).
// The location itself is shown in the summary and the report, so it is shown
// without them, and the credentials are registered so a tool's echo is masked too.
/** `scheme://userinfo@`, after an optional restic backend prefix (`rest:`, `s3:` …). */
const USERINFO = /^((?:[a-z][\w+.-]*:)?[a-z][\w+.-]*:\/\/)([^/]*)@/i;
/** Over HTTP a bare userinfo is a token; for ssh/sftp it is only the login name. */
const TOKEN_SCHEMES = /(^|:)https?:\/\/$/i;
function userinfoOf(location) {
    const match = USERINFO.exec(location);
    if (!match)
        return undefined;
    const [, prefix, userinfo] = match;
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? undefined : userinfo.slice(colon + 1);
    return { prefix, user, password, secretUser: password === undefined && TOKEN_SCHEMES.test(prefix) };
}
/** The location as it may be shown: the password (or an HTTP token) replaced by `***`. */
function withoutCredentials(location) {
    const info = userinfoOf(location);
    if (!info || (info.password === undefined && !info.secretUser))
        return location;
    const shown = info.secretUser ? REDACTED : `${info.user}:${REDACTED}`;
    return location.replace(USERINFO, `${info.prefix}${shown}@`);
}
/** Registers the secret part of a location's userinfo (raw and percent-decoded) for redaction. */
function registerLocationCredentials(location) {
    const info = userinfoOf(location);
    const secret = info?.password ?? (info?.secretUser ? info.user : undefined);
    if (!secret)
        return;
    registerSecret(secret);
    try {
        registerSecret(decodeURIComponent(secret));
    }
    catch {
        // Not valid percent-encoding: the raw form is what a tool would print.
    }
}

;// CONCATENATED MODULE: ./build/src/drill/report.js




function allChecks(report) {
    return [...report.restores.flatMap((restore) => restore.checks.map((check) => ({ ...check, name: `${restore.label}: ${check.name}` }))), ...report.checks];
}
function failedChecks(report) {
    return allChecks(report).filter((check) => !check.passed && check.severity !== 'warning');
}
function isPassing(checks) {
    return checks.every((check) => check.passed || check.severity === 'warning');
}
/**
 * The report as a file may hold it: check details quote tools and app logs, so
 * every string is redacted, before JSON escaping (a secret with a quote in it
 * still matches) and without touching the JSON around it (a secret that reads
 * `true` cannot break the file).
 */
function reportJson(report) {
    return `${JSON.stringify(report, (_key, value) => (typeof value === 'string' ? secrets_redact(value) : value), 2)}\n`;
}
function writeReportFile(report, file) {
    external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(file), { recursive: true });
    external_node_fs_namespaceObject.writeFileSync(file, reportJson(report));
}
function formatSeconds(seconds) {
    if (seconds === undefined)
        return '–';
    if (seconds < 120)
        return `${Math.round(seconds * 10) / 10} s`;
    if (seconds < 7200)
        return `${Math.round(seconds / 6) / 10} min`;
    if (seconds < 172_800)
        return `${Math.round(seconds / 360) / 10} h`;
    return `${Math.round(seconds / 8640) / 10} d`;
}
function formatBytes(bytes) {
    if (bytes === undefined)
        return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function drillFailureMessage(report) {
    const failed = failedChecks(report);
    if (failed.length === 0)
        return undefined;
    return `Restore drill '${report.name}' failed ${failed.length} check(s): ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`;
}
function drillSummary(report) {
    const summary = new Summary();
    const warnings = allChecks(report).filter((check) => !check.passed && check.severity === 'warning').length;
    const verdict = report.passed ? `passed${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}` : 'FAILED';
    summary.heading(`Restore drill '${report.name}': ${verdict}`);
    if (report.restores.length > 0) {
        summary.table(['restore', 'snapshot', 'RPO', 'RTO', 'backup size', 'restored size'], report.restores.map((restore) => [
            restore.label,
            restore.snapshot ? `${restore.snapshot.id.slice(0, 12)} (${restore.snapshot.time})` : restore.source,
            formatSeconds(restore.rpoSeconds),
            formatSeconds(restore.rtoSeconds),
            formatBytes(restore.sizes.backupBytes),
            formatBytes(restore.sizes.restoredBytes),
        ]));
    }
    const checks = allChecks(report);
    if (checks.length > 0) {
        summary.table(['check', 'result', 'seen'], checks.map((check) => [check.name, check.passed ? 'pass' : check.severity === 'warning' ? 'warn' : 'FAIL', check.detail]));
    }
    for (const restore of report.restores) {
        if (restore.versions) {
            const v = restore.versions;
            summary.text(`${restore.label}: dump made by ${v.dumpTool ?? '?'} from server ${v.dumpedFromServer ?? '?'}; restored with ${v.clientTool ?? '?'} into server ${v.server ?? '?'}.`);
        }
    }
    if (report.issue && report.issue.action !== 'none')
        summary.text(`Issue ${report.issue.action}: ${report.issue.url ?? `#${report.issue.number}`}`);
    if (report.reportFile)
        summary.text(`Report: ${report.reportFile}`);
    return summary;
}
function drillOutputs(report) {
    const first = report.restores[0];
    return {
        passed: String(report.passed),
        'rpo-seconds': first?.rpoSeconds === undefined ? '' : String(Math.round(first.rpoSeconds)),
        'rto-seconds': first?.rtoSeconds === undefined ? '' : String(Math.round(first.rtoSeconds * 10) / 10),
        snapshot: first?.snapshot?.id ?? '',
        'report-file': report.reportFile ?? '',
        'failed-checks': failedChecks(report).map((check) => check.name).join('\n'),
    };
}

;// CONCATENATED MODULE: ./build/src/drill/deadline.js



/** The drill ran past its `timeout` input. */
class DrillTimeout extends SlipwayError {
    constructor(timeoutMs, step) {
        super(`stopped at the deadline of input 'timeout' (${formatSeconds(timeoutMs / 1000)}) during step '${step}'`, {
            fix: `Raise timeout, or find out why '${step}' is slow`,
        });
        this.name = 'DrillTimeout';
    }
}
/**
 * The `timeout` input as an upper bound for the whole drill. Work runs through
 * `runner()`, which caps every command at the time left (coreutils `timeout`
 * kills it at the deadline) and refuses new ones after it; `race()` stops
 * waiting at the deadline. Cleanup runs through `cleanup()`, which lets its
 * commands through uncapped: removing the scratch place is never cut short.
 */
class DrillDeadline {
    timeoutMs;
    signal;
    /** What the drill is doing now, for the timeout message. */
    step = 'start';
    endsAt;
    cleaningUp = false;
    /** `signal`: a cancel ends the drill like the deadline does (no new command; the scratch place is still removed). */
    constructor(timeoutMs, now = Date.now(), signal) {
        this.timeoutMs = timeoutMs;
        this.signal = signal;
        this.endsAt = now + timeoutMs;
    }
    remainingMs() {
        return Math.max(0, this.endsAt - Date.now());
    }
    get expired() {
        return this.remainingMs() === 0;
    }
    /** Names the step; throws when the deadline already passed. */
    enter(step) {
        if (this.signal?.aborted)
            throw new CancelledError(step);
        if (this.expired)
            throw new DrillTimeout(this.timeoutMs, this.step);
        this.step = step;
    }
    runner(inner) {
        return {
            run: (spec, options = {}) => {
                if (this.cleaningUp)
                    return inner.run(spec, options);
                if (this.signal?.aborted)
                    return Promise.reject(new CancelledError(`the next command of step '${this.step}'`));
                const remaining = this.remainingMs();
                if (remaining === 0)
                    return Promise.reject(new DrillTimeout(this.timeoutMs, this.step));
                return inner.run(spec, { ...options, timeoutMs: Math.min(options.timeoutMs ?? remaining, remaining) });
            },
        };
    }
    /** Resolves with the work, or rejects with DrillTimeout at the deadline (the work is then left to its capped commands). */
    race(work) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new DrillTimeout(this.timeoutMs, this.step)), this.remainingMs());
            const cancel = () => { clearTimeout(timer); reject(new CancelledError(`the rest of step '${this.step}'`)); };
            if (this.signal?.aborted)
                return cancel();
            this.signal?.addEventListener('abort', cancel, { once: true });
            work.then((value) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); resolve(value); }, (error) => { clearTimeout(timer); this.signal?.removeEventListener('abort', cancel); reject(error); });
        });
    }
    /** After a timeout: waits (at most `graceMs`) for the work to return from its killed command. */
    async unwind(work, graceMs) {
        let timer;
        await Promise.race([work?.catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
        clearTimeout(timer);
    }
    async cleanup(undo) {
        this.cleaningUp = true;
        try {
            await undo();
        }
        finally {
            this.cleaningUp = false;
        }
    }
}

;// CONCATENATED MODULE: ./build/src/drill/forge.js


async function call(forge, method, route, body) {
    const url = `${forge.apiUrl}${route}`;
    const response = await fetch(url, {
        method,
        headers: {
            Authorization: `token ${forge.token}`,
            Accept: forge.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
            'Content-Type': 'application/json',
            'User-Agent': 'slipway-restore-drill',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
        const text = (await response.text()).slice(0, 300);
        throw new SlipwayError(`${forge.kind} API ${method} ${route} answered HTTP ${response.status}: ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Check that forge-token may read and write issues (and read Actions runs) in the repository.' : undefined,
        });
    }
    return (response.status === 204 ? undefined : await response.json());
}
/** The open issue with exactly this title (issues only, not pull requests), if any. */
async function findOpenIssue(forge, title) {
    for (let page = 1; page <= 10; page += 1) {
        const type = forge.kind === 'forgejo' ? '&type=issues' : '';
        const issues = await call(forge, 'GET', `/repos/${forge.repository}/issues?state=open&per_page=50&limit=50&page=${page}${type}`);
        const match = issues.find((issue) => issue.title === title && !issue.pull_request);
        if (match)
            return match;
        if (issues.length < 50)
            return undefined;
    }
    return undefined;
}
/** Posted to the forge, where anyone who reads the repository sees it: redacted whole. */
function issueBody(report, failures, runUrl) {
    return secrets_redact([
        `The restore drill **${report.name}** failed at ${report.finishedAt}.`,
        runUrl ? `Run: ${runUrl}` : '',
        '',
        ...failures.map((check) => `- **${check.name}**: ${check.detail}`),
        '',
        'This issue is updated by every failing drill and closed by the next passing one.',
    ].filter((line, index, all) => line !== '' || all[index - 1] !== '').join('\n'));
}
/** Open (or comment on the already open) issue when the drill fails; close it when it passes. */
async function trackDrillIssue(forge, issue, report, failures, runUrl) {
    const existing = await findOpenIssue(forge, issue.title);
    const base = `/repos/${forge.repository}/issues`;
    if (failures.length > 0) {
        const body = issueBody(report, failures, runUrl);
        if (existing) {
            await call(forge, 'POST', `${base}/${existing.number}/comments`, { body });
            return { action: 'updated', number: existing.number, url: existing.html_url };
        }
        // Labels by name are GitHub's form; Forgejo wants label ids, so labels are GitHub-only.
        const payload = { title: issue.title, body };
        if (forge.kind === 'github' && issue.labels.length > 0)
            payload.labels = issue.labels;
        const created = await call(forge, 'POST', base, payload);
        return { action: 'opened', number: created.number, url: created.html_url };
    }
    if (!existing)
        return { action: 'none' };
    await call(forge, 'POST', `${base}/${existing.number}/comments`, { body: `The restore drill **${report.name}** passed again at ${report.finishedAt}${runUrl ? ` (${runUrl})` : ''}. Closing.` });
    await call(forge, 'PATCH', `${base}/${existing.number}`, { state: 'closed' });
    return { action: 'closed', number: existing.number, url: existing.html_url };
}
/** Forgejo pages hold at most 50 runs; this many pages bound the search on a forge that ignores the workflow filter. */
const FORGEJO_PAGE_SIZE = 50;
const FORGEJO_MAX_PAGES = 10;
/** When the drill workflow last succeeded, per the forge, or undefined if never. */
async function lastSuccessfulRun(forge, workflow) {
    if (forge.kind === 'github') {
        const runs = await call(forge, 'GET', `/repos/${forge.repository}/actions/workflows/${encodeURIComponent(workflow)}/runs?status=success&per_page=1`);
        const run = runs.workflow_runs?.find((candidate) => !candidate.conclusion || candidate.conclusion === 'success');
        const when = run?.updated_at ?? run?.created_at;
        return when ? { at: new Date(when), url: run?.html_url } : undefined;
    }
    // Forgejo lists a repository's runs, newest first; `workflow_id` (the workflow
    // file name) filters them server-side. A forge too old to know the filter
    // ignores it, so the runs are matched here too and paged through, within a bound:
    // in a busy repository the drill's run is rarely among the newest 50.
    for (let page = 1; page <= FORGEJO_MAX_PAGES; page += 1) {
        const query = `workflow_id=${encodeURIComponent(workflow)}&status=success&limit=${FORGEJO_PAGE_SIZE}&page=${page}`;
        const runs = (await call(forge, 'GET', `/repos/${forge.repository}/actions/runs?${query}`)).workflow_runs ?? [];
        const matching = runs
            .filter((run) => run.status === 'success' && (run.workflow_id === workflow || run.workflow_id?.endsWith(`/${workflow}`)))
            .map((run) => ({ at: new Date(run.stopped ?? run.updated ?? run.created ?? 0), url: run.html_url }))
            .sort((a, b) => b.at.getTime() - a.at.getTime());
        if (matching.length > 0)
            return matching[0];
        if (runs.length < FORGEJO_PAGE_SIZE)
            return undefined;
    }
    return undefined;
}
/** A drill that silently stopped running is as bad as a failing one. */
async function checkStaleness(forge, staleness, now) {
    const name = `last successful ${staleness.workflow} run within ${Math.round(staleness.maxAgeMs / 3_600_000)} h`;
    const severity = staleness.onStale === 'warn' ? 'warning' : undefined;
    let last;
    try {
        last = await lastSuccessfulRun(forge, staleness.workflow);
    }
    catch (error) {
        return { name, passed: false, severity, detail: error.message };
    }
    if (!last)
        return { name, passed: false, severity, detail: `no successful run of ${staleness.workflow} found` };
    const age = now.getTime() - last.at.getTime();
    const days = Math.round((age / 86_400_000) * 10) / 10;
    return { name, passed: age <= staleness.maxAgeMs, severity, detail: `last success ${last.at.toISOString()} (${days} d ago)${last.url ? ` ${last.url}` : ''}` };
}

;// CONCATENATED MODULE: ./build/src/drill/snapshots.js
/** restic ≥ 0.17 records `summary.backup_end`; older snapshots only `time` (the start). */
function parseResticSnapshots(json) {
    const parsed = JSON.parse(json || '[]');
    return (parsed ?? []).map((snapshot) => {
        const end = snapshot.summary?.backup_end;
        return {
            id: snapshot.id,
            time: new Date(end ?? snapshot.time),
            timeSource: end ? 'restic summary.backup_end' : 'restic time (backup start)',
            paths: snapshot.paths ?? [],
            tags: snapshot.tags ?? [],
        };
    });
}
/**
 * Borg prints archive times as host-local wall-clock time with no zone. The
 * drill runs `borg list` with TZ=UTC, so the printed wall clock is UTC and is
 * read as such; without that, a runner in UTC+2 would age every backup by 2 h.
 */
function parseBorgArchives(json) {
    const parsed = JSON.parse(json || '{}');
    return (parsed.archives ?? []).map((archive) => ({
        id: archive.name,
        time: borgUtcTime(archive.end ?? archive.time ?? archive.start ?? ''),
        timeSource: archive.end ? 'borg archive end (UTC)' : 'borg archive start (UTC)',
        paths: [],
        tags: [],
    }));
}
function borgUtcTime(wallClock) {
    const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(wallClock) ? wallClock : `${wallClock}Z`;
    return new Date(withZone);
}
function newestFirst(snapshots) {
    return [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime());
}
/** `latest`, or a full/short restic id, or a borg archive name. */
function selectSnapshot(snapshots, wanted) {
    const ordered = newestFirst(snapshots);
    if (wanted === 'latest')
        return ordered[0];
    return ordered.find((snapshot) => snapshot.id === wanted) ?? (wanted.length >= 8 ? ordered.find((snapshot) => snapshot.id.startsWith(wanted)) : undefined);
}
/** One of the snapshots older than `chosen`, picked by `random` (injectable for tests). */
function pickOlder(snapshots, chosen, random = Math.random) {
    const older = newestFirst(snapshots).filter((snapshot) => snapshot.time.getTime() < chosen.time.getTime() && snapshot.id !== chosen.id);
    if (older.length === 0)
        return undefined;
    return older[Math.min(older.length - 1, Math.floor(random() * older.length))];
}

;// CONCATENATED MODULE: ./build/src/drill/verify.js

/** One `count(*)` per table, as rows `name|count`: one process and one pass for the lot. */
function countRowsSql(tables) {
    return `${tables.map((table) => `SELECT ${sqlString(table)}, count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')}`).join(' UNION ALL ')};`;
}
const sqlString = (text) => `'${text.replace(/'/g, "''")}'`;
/** Reads the rows of countRowsSql back into a map. */
function parseRowCounts(rows) {
    const counts = {};
    for (const row of rows) {
        const cut = row.lastIndexOf('|');
        if (cut > 0)
            counts[row.slice(0, cut)] = Number(row.slice(cut + 1));
    }
    return counts;
}
const sqliteTablesSql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
const postgresTablesSql = "SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;";
/** Runs the data checks; returns them with the row count of every table (for the next drill's comparison). */
async function verifyData(probe, verify, options) {
    const checks = [];
    const listed = await probe.query(probe.tablesSql);
    if ('error' in listed) {
        checks.push({ name: 'read tables', passed: false, detail: listed.error });
        return { checks, tables: {} };
    }
    const present = new Set(listed.rows.map((row) => row.trim()).filter(Boolean));
    for (const table of verify.tables) {
        checks.push({ name: `table ${table} exists`, passed: present.has(table), detail: present.has(table) ? 'present' : `missing (tables found: ${[...present].join(', ') || 'none'})` });
    }
    const tables = {};
    const together = probe.countRows && present.size ? await probe.countRows([...present]) : undefined;
    if (together && 'counts' in together)
        Object.assign(tables, together.counts);
    // Table by table when there is no joint count, or it failed: then each error names its table.
    for (const table of together && 'counts' in together ? [] : present) {
        const counted = await probe.query(`SELECT count(*) FROM ${table.split('.').map(sqlIdentifier).join('.')};`);
        if ('error' in counted)
            checks.push({ name: `count ${table}`, passed: false, detail: counted.error });
        else
            tables[table] = Number(counted.rows[0] ?? 0);
    }
    for (const [table, minimum] of Object.entries(verify.minRows)) {
        const count = tables[table];
        checks.push({
            name: `${table} has at least ${minimum} rows`,
            passed: count !== undefined && count >= minimum,
            detail: count === undefined ? 'table missing' : `${count} rows`,
        });
    }
    for (const query of verify.queries) {
        const result = await probe.query(query.sql);
        const seen = 'error' in result ? `error: ${result.error}` : result.rows.join('\n').trim();
        checks.push({ name: `query ${query.sql}`, passed: !('error' in result) && seen === query.expected, detail: `expected ${query.expected}, got ${seen || '(no rows)'}` });
    }
    if (verify.freshnessColumn && verify.maxAgeMs !== undefined) {
        checks.push(await checkNewestRow(probe, verify.freshnessColumn, verify.maxAgeMs, options.now));
    }
    if (options.previousCounts)
        checks.push(...compareRowCounts(options.previousCounts, tables, verify.shrinkTolerancePercent));
    return { checks, tables };
}
async function checkNewestRow(probe, tableColumn, maxAgeMs, now) {
    const [table, column] = tableColumn.split('.');
    const name = `newest ${tableColumn} within ${formatAge(maxAgeMs)}`;
    const result = await probe.query(probe.newestSql(table, column));
    if ('error' in result)
        return { name, passed: false, detail: result.error };
    const newest = parseTimestamp(result.rows[0] ?? '');
    if (!newest)
        return { name, passed: false, detail: `no readable timestamp (found '${result.rows[0] ?? ''}')` };
    const age = now.getTime() - newest.getTime();
    return { name, passed: age <= maxAgeMs, detail: `newest row ${newest.toISOString()}, ${formatAge(age)} old` };
}
/** Unix seconds (or milliseconds), ISO-8601, or SQLite's `YYYY-MM-DD HH:MM:SS` (which is UTC). */
function parseTimestamp(value) {
    const text = value.trim();
    if (!text)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text)) {
        const number = Number(text);
        return new Date(number > 1e12 ? number : number * 1000);
    }
    const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** "Valid but empty": a table that lost more than `tolerancePercent` of its rows since the last passing drill. */
function compareRowCounts(previous, current, tolerancePercent) {
    const checks = [];
    for (const [table, before] of Object.entries(previous)) {
        const now = current[table];
        const name = `${table} did not shrink more than ${tolerancePercent}%`;
        if (now === undefined) {
            checks.push({ name, passed: false, detail: `table gone (had ${before} rows in the last passing drill)` });
            continue;
        }
        const lost = before === 0 ? 0 : ((before - now) / before) * 100;
        checks.push({ name, passed: lost <= tolerancePercent, detail: `${before} → ${now} rows${lost > 0 ? ` (−${Math.round(lost * 10) / 10}%)` : ''}` });
    }
    return checks;
}
function checkSnapshotAge(snapshotTime, maxAgeMs, now) {
    const age = now.getTime() - snapshotTime.getTime();
    return {
        name: `backup within max-age ${formatAge(maxAgeMs)}`,
        passed: age <= maxAgeMs,
        detail: `backup taken ${snapshotTime.toISOString()}, ${formatAge(age)} old`,
    };
}
function formatAge(ms) {
    const seconds = Math.round(ms / 1000);
    if (Math.abs(seconds) < 120)
        return `${seconds} s`;
    if (Math.abs(seconds) < 7200)
        return `${Math.round(seconds / 60)} min`;
    if (Math.abs(seconds) < 172_800)
        return `${Math.round(seconds / 360) / 10} h`;
    return `${Math.round(seconds / 8640) / 10} d`;
}

;// CONCATENATED MODULE: ./build/src/drill/sources.js








const failed = (name, result) => ({
    name,
    passed: false,
    detail: typeof result === 'string' ? result : `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}: ${lastLines(result.stderr.trim() || result.stdout.trim(), 3).replace(/\n/g, ' ')}`,
});
function sqliteProbe(runner, file) {
    let listing;
    let early;
    const run = async (sql) => {
        const result = await runner.run(sqliteQuery(file, sql), { allowFailure: true, timeoutMs: 600_000 });
        if (result.exitCode !== 0)
            return { error: lastLines(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
        return { rows: result.stdout.split('\n').filter((line) => line !== '') };
    };
    const countNow = async (tables) => {
        if (tables.length === 0)
            return { counts: {} };
        const counted = await run(countRowsSql(tables));
        return 'error' in counted ? counted : { counts: parseRowCounts(counted.rows) };
    };
    return {
        engine: 'sqlite',
        tablesSql: sqliteTablesSql,
        newestSql: (table, column) => `SELECT max(${sqlIdentifier(column)}) FROM ${sqlIdentifier(table)};`,
        // The table list read for the early count answers the data checks' own listing.
        query: (sql) => (sql === sqliteTablesSql && listing ? listing : run(sql)),
        startCounting() {
            listing ??= run(sqliteTablesSql);
            early ??= listing.then((listed) => ('error' in listed ? listed : countNow(listed.rows)));
            return early;
        },
        async countRows(tables) {
            const counted = early ? await early : undefined;
            if (counted && 'error' in counted)
                return counted;
            if (counted && tables.every((t) => t in counted.counts))
                return { counts: Object.fromEntries(tables.map((t) => [t, counted.counts[t]])) };
            return countNow(tables);
        },
    };
}
/** `PRAGMA integrity_check` on the restored file: the answer must be exactly `ok`. */
async function checkSqliteIntegrity(runner, file) {
    const result = await runner.run(sqliteQuery(file, 'PRAGMA integrity_check;'), { allowFailure: true, timeoutMs: 3_600_000 });
    const name = `SQLite integrity_check of ${external_node_path_namespaceObject.basename(file)}`;
    if (result.exitCode !== 0)
        return failed(name, result);
    const answer = result.stdout.trim();
    return { name, passed: answer === 'ok', detail: answer === 'ok' ? 'ok' : lastLines(answer, 3).replace(/\n/g, ' ') };
}
/** Finds the SQLite database in a restored tree and runs its integrity check. */
async function sqliteFromTree(runner, restoreDir, databasePath, checks) {
    let file;
    if (databasePath) {
        file = external_node_path_namespaceObject.join(restoreDir, databasePath);
        if (!external_node_fs_namespaceObject.existsSync(file)) {
            checks.push({ name: 'database file restored', passed: false, detail: `${databasePath} is not in the backup` });
            return {};
        }
    }
    else {
        const found = findSqliteFiles(restoreDir);
        if (found.length !== 1) {
            if (found.length > 1)
                checks.push({ name: 'database file restored', passed: false, detail: `several SQLite files (${found.map((f) => external_node_path_namespaceObject.relative(restoreDir, f)).join(', ')}); set database-path` });
            return {};
        }
        file = found[0];
    }
    // The row counts the data checks need read the whole file too: on a second core, beside integrity_check.
    const probe = sqliteProbe(runner, file);
    const [integrity] = await Promise.all([checkSqliteIntegrity(runner, file), probe.startCounting()]);
    checks.push(integrity);
    return { probe: integrity.passed ? probe : undefined, file };
}
/* ---------- a live SQLite database ---------- */
async function restoreLiveSqlite(source, scratch, runner) {
    const dataDir = scratch.sub('restore');
    const target = external_node_path_namespaceObject.join(dataDir, external_node_path_namespaceObject.basename(source.path));
    const checks = [];
    if (source.container) {
        // VACUUM INTO a temporary file inside the container, copy it out, remove it there.
        const inside = `/tmp/${scratch.name('snapshot')}.db`;
        const inner = sqliteSnapshot(source.path, inside);
        const snap = await runner.run(dockerExec(source.container, [inner.file, ...inner.args]), { allowFailure: true, timeoutMs: 3_600_000 });
        if (snap.exitCode === 0) {
            const copy = await runner.run(dockerCopyOut(source.container, inside, target), { allowFailure: true, timeoutMs: 3_600_000 });
            await runner.run(dockerExec(source.container, ['rm', '-f', inside]), { allowFailure: true });
            checks.push(copy.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO in the container)', passed: true, detail: `${source.container}:${source.path}` } : failed('copy snapshot out of the container', copy));
        }
        else {
            checks.push(failed('online snapshot (VACUUM INTO in the container)', snap));
        }
    }
    else {
        refuseTargetOverSource(scratch.dir, [source.path]);
        if (!external_node_fs_namespaceObject.existsSync(source.path)) {
            checks.push({ name: 'online snapshot (VACUUM INTO)', passed: false, detail: `${source.path} does not exist` });
        }
        else {
            const snap = await runner.run(sqliteSnapshot(source.path, target), { allowFailure: true, timeoutMs: 3_600_000 });
            checks.push(snap.exitCode === 0 ? { name: 'online snapshot (VACUUM INTO)', passed: true, detail: source.path } : failed('online snapshot (VACUUM INTO)', snap));
        }
    }
    const ok = checks.every((check) => check.passed);
    const found = ok ? await sqliteFromTree(runner, dataDir, external_node_path_namespaceObject.basename(source.path), checks) : {};
    return { dataDir, probe: found.probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: ok && found.probe !== undefined };
}
async function openRepository(source, scratch, runner) {
    const tool = source.kind;
    const env = tool === 'restic' ? resticEnv(source, scratch.sub('tool', 'restic-cache')) : borgEnv(source, scratch.sub('tool', 'borg-home'));
    const list = tool === 'restic'
        ? resticSnapshots(env, { tags: source.tags, path: source.pathFilter })
        : borgList(env, source.repository, source.pathFilter);
    const listed = await runner.run(list, { allowFailure: true, timeoutMs: 600_000 });
    const checks = [];
    let snapshots = [];
    const openName = `open ${tool} repository`;
    if (listed.exitCode !== 0) {
        checks.push({ ...failed(openName, listed), detail: `${failed(openName, listed).detail} (wrong password, or not a ${tool} repository?)` });
    }
    else {
        try {
            snapshots = tool === 'restic' ? parseResticSnapshots(listed.stdout) : parseBorgArchives(listed.stdout);
            // Tags are a restic notion; borg archives are filtered by name glob only.
            checks.push({ name: openName, passed: true, detail: `${snapshots.length} ${tool === 'restic' ? 'snapshot' : 'archive'}(s)` });
        }
        catch (error) {
            checks.push({ name: openName, passed: false, detail: `unreadable listing: ${error.message}` });
        }
    }
    const local = external_node_fs_namespaceObject.existsSync(source.repository) ? sizeOf(source.repository) : undefined;
    return {
        snapshots,
        checks,
        backupBytes: local,
        restore: (snapshot, dataDir) => runner.run(tool === 'restic' ? resticRestore(env, snapshot.id, dataDir) : borgExtract(env, source.repository, snapshot.id, dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 }),
        async check() {
            const name = tool === 'restic' ? `restic check${source.readDataSubset ? ` --read-data-subset=${source.readDataSubset}` : ''}` : 'borg check';
            const result = await runner.run(tool === 'restic' ? resticCheck(env, source.readDataSubset) : borgCheck(env, source.repository), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
            return result.exitCode === 0 ? { name, passed: true, detail: 'no errors' } : failed(name, result);
        },
    };
}
function startEarlyRestore(source, scratch, runner) {
    if (source.kind !== 'restic' || source.snapshot !== 'latest')
        return undefined;
    // Its own cache directory: two restic processes never share one.
    const env = resticEnv(source, scratch.sub('tool', 'restic-cache-early'));
    const spec = resticRestore(env, 'latest', scratch.sub('restore', 'newest'), { tags: source.tags, path: source.pathFilter });
    const early = { startedAt: Date.now(), result: runner.run(spec, { allowFailure: true, timeoutMs: 6 * 3_600_000 }) };
    // Whatever ends the drill, the scratch place is removed only once this restore has stopped writing into it.
    scratch.onCleanup('the early restic restore', () => early.result.then(() => undefined, () => undefined));
    return early;
}
/** `label` newest may take over an early restore; `startedAt` says when the restore that was kept began. */
async function restoreFromRepository(session, snapshot, scratch, runner, label, databasePath, early) {
    const dataDir = scratch.sub('restore', label);
    const checks = [];
    let startedAt = Date.now();
    let result;
    if (early) {
        const done = await early.result.catch(() => undefined);
        const id = done?.exitCode === 0 ? restoredSnapshotId(done.stdout) : undefined;
        if (id && snapshot.id.startsWith(id)) {
            result = done;
            startedAt = early.startedAt;
        }
        else {
            // A backup landed in between, or the early run failed: start clean with the selected snapshot.
            external_node_fs_namespaceObject.rmSync(dataDir, { recursive: true, force: true });
            external_node_fs_namespaceObject.mkdirSync(dataDir, { recursive: true });
            startedAt = Date.now();
        }
    }
    result ??= await session.restore(snapshot, dataDir);
    checks.push(result.exitCode === 0 ? { name: `restore ${snapshot.id.slice(0, 12)}`, passed: true, detail: `into ${dataDir}` } : failed(`restore ${snapshot.id.slice(0, 12)}`, result));
    const found = result.exitCode === 0 ? await sqliteFromTree(runner, dataDir, databasePath, checks) : {};
    const appDataDir = found.file ? external_node_path_namespaceObject.dirname(found.file) : undefined;
    return { dataDir, appDataDir, probe: found.probe, checks, sizes: { backupBytes: session.backupBytes, restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed), startedAt };
}
/* ---------- PostgreSQL ---------- */
function parseDumpHeader(listing) {
    const pick = (label) => new RegExp(`^;\\s*${label}:\\s*(.+)$`, 'mi').exec(listing)?.[1]?.trim();
    // `;     Archive created at 2026-11-30 02:00:05 UTC` (printed under TZ=UTC, see pgRestoreList).
    const created = /^;\s*Archive created at (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/m.exec(listing);
    const createdAt = created ? new Date(`${created[1]}T${created[2]}Z`) : undefined;
    return {
        dumpTool: pick('Dumped by pg_dump version'),
        dumpedFromServer: pick('Dumped from database version'),
        dbname: pick('Dbname'),
        createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : undefined,
    };
}
const SUPERUSER_SQL = 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user;';
function superuserCheck(user, result) {
    const name = `pg-user ${user} has no superuser rights`;
    if (result.exitCode !== 0)
        return failed(name, result);
    if (result.stdout.trim() !== 't')
        return { name, passed: true, detail: 'restoring without superuser rights' };
    return {
        name,
        passed: false,
        detail: `${user} is a superuser, and a dump can carry code (functions, triggers) that would run with those rights; nothing was restored. `
            + 'Set pg-user to a role with CREATEDB and no superuser rights (CREATE ROLE drill LOGIN CREATEDB)',
    };
}
/** The major version: `15` of `15.4 (Debian …)`, `9.6` of `9.6.24` (before 10 the major had two parts). */
function majorVersion(version) {
    const match = /(\d+)(?:\.(\d+))?/.exec(version ?? '');
    if (!match)
        return undefined;
    return Number(match[1]) < 10 && match[2] !== undefined ? `${match[1]}.${match[2]}` : match[1];
}
/**
 * The dump's pg_dump against the server it was dumped from and the server it is
 * restored into. A mismatch is a warning, not a failure: this restore did succeed
 * and its data was verified here, but a pg_dump that does not match its server is
 * what silently broke real backups (a distro pg_dump left behind by a server
 * upgrade), and a dump newer than a server cannot be restored into it.
 */
function compareDumpVersions(versions) {
    const { dumpTool, dumpedFromServer, server } = versions;
    if (!dumpTool || !server)
        return undefined;
    const tool = majorVersion(dumpTool);
    const differences = [];
    if (dumpedFromServer && majorVersion(dumpedFromServer) !== tool)
        differences.push(`pg_dump ${tool} dumped a ${majorVersion(dumpedFromServer)} server`);
    if (majorVersion(server) !== tool)
        differences.push(`pg_dump ${tool} dump restored into a ${majorVersion(server)} server`);
    const seen = `dump by pg_dump ${dumpTool} from server ${dumpedFromServer ?? '?'}, restored into server ${server}`;
    return differences.length === 0
        ? { name: 'pg_dump version matches the server', passed: true, detail: seen }
        : { name: 'pg_dump version matches the server', passed: false, severity: 'warning', detail: `major versions differ (${differences.join('; ')}): ${seen}` };
}
async function restorePostgres(source, scratch, runner) {
    const connection = source.connection;
    const dataDir = scratch.sub('restore');
    const scratchDb = source.scratchDatabase ?? scratch.name('db');
    refuseSameName('database', scratchDb, source.database);
    refuseSameName('database', scratchDb, connection.maintenanceDatabase);
    const checks = [];
    // A dump can carry code (functions, triggers) that pg_restore runs with the rights of the
    // role restoring it: the drill restores as a role without superuser rights, or not at all.
    const role = await runner.run(psql(connection, connection.maintenanceDatabase, SUPERUSER_SQL), { allowFailure: true });
    const roleCheck = superuserCheck(connection.user, role);
    checks.push(roleCheck);
    if (!roleCheck.passed)
        return { dataDir, checks, sizes: {}, ok: false };
    let dumpFile = source.dumpFile;
    if (!dumpFile) {
        dumpFile = external_node_path_namespaceObject.join(scratch.sub('dump'), 'drill.pgdump');
        const dumped = await runner.run(pgDump(connection, source.database ?? '', dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
        checks.push(dumped.exitCode === 0 ? { name: `pg_dump ${source.database}`, passed: true, detail: 'custom format' } : failed(`pg_dump ${source.database}`, dumped));
        if (dumped.exitCode !== 0)
            return { dataDir, checks, sizes: {}, ok: false };
    }
    else if (!external_node_fs_namespaceObject.existsSync(dumpFile)) {
        checks.push({ name: 'dump file exists', passed: false, detail: `${dumpFile} does not exist` });
        return { dataDir, checks, sizes: {}, ok: false };
    }
    const listing = await runner.run(pgRestoreList(dumpFile), { allowFailure: true });
    const header = parseDumpHeader(listing.stdout);
    if (header.dbname)
        refuseSameName('database', scratchDb, header.dbname);
    const server = await runner.run(psql(connection, connection.maintenanceDatabase, 'SHOW server_version;'), { allowFailure: true });
    const client = await runner.run(pgDumpVersion(), { allowFailure: true });
    const versions = { dumpTool: header.dumpTool, dumpedFromServer: header.dumpedFromServer, server: server.stdout.trim() || undefined, clientTool: client.stdout.trim() || undefined };
    const create = await runner.run(psql(connection, connection.maintenanceDatabase, `CREATE DATABASE ${sqlIdentifier(scratchDb)};`), { allowFailure: true });
    if (create.exitCode !== 0) {
        checks.push(failed(`create scratch database ${scratchDb}`, create));
        return { dataDir, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, ok: false };
    }
    scratch.onCleanup(`database ${scratchDb}`, async () => {
        await runner.run(psql(connection, connection.maintenanceDatabase, `DROP DATABASE IF EXISTS ${sqlIdentifier(scratchDb)} WITH (FORCE);`), { allowFailure: true });
    });
    const restored = await runner.run(pgRestore(connection, scratchDb, dumpFile), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(restored.exitCode === 0 ? { name: 'pg_restore (no owner, no privileges)', passed: true, detail: `into scratch database ${scratchDb}` } : failed('pg_restore (no owner, no privileges)', restored));
    const versionCheck = compareDumpVersions(versions);
    if (versionCheck)
        checks.push(versionCheck);
    const probe = {
        engine: 'postgres',
        tablesSql: postgresTablesSql,
        newestSql: (table, column) => `SELECT extract(epoch FROM max(${sqlIdentifier(column)})) FROM ${sqlIdentifier(table)};`,
        async query(sql) {
            const result = await runner.run(psql(connection, scratchDb, sql), { allowFailure: true, timeoutMs: 600_000 });
            if (result.exitCode !== 0)
                return { error: lastLines(result.stderr.trim() || `exit ${result.exitCode}`, 2).replace(/\n/g, ' ') };
            return { rows: result.stdout.split('\n').filter((line) => line !== '') };
        },
    };
    const appEnv = { PGHOST: connection.host, PGPORT: String(connection.port), PGUSER: connection.user, PGDATABASE: scratchDb };
    if (connection.password)
        appEnv.PGPASSWORD = connection.password;
    // A version warning does not keep the data from being verified.
    const ok = isPassing(checks);
    // The drill's own dump is made under TZ=UTC, so its time is exact; a dump file's is the
    // dumping host's wall clock (the archive keeps no zone), exact when that host runs in UTC.
    const taken = header.createdAt
        ? { id: external_node_path_namespaceObject.basename(dumpFile), time: header.createdAt, timeSource: source.dumpFile ? 'pg_dump archive header (dumping host wall clock, read as UTC)' : 'pg_dump archive header (dumped by the drill, UTC)' }
        : undefined;
    return { dataDir, probe: ok ? probe : undefined, checks, sizes: { backupBytes: sizeOf(dumpFile) }, versions, appEnv, taken, ok };
}
/* ---------- tarball of a directory or a Docker volume ---------- */
async function restoreTarball(source, scratch, runner, databasePath) {
    const dataDir = scratch.sub('restore');
    const checks = [];
    let file = source.file;
    if (source.volume) {
        const inspect = await runner.run(dockerInspectVolume(source.volume), { allowFailure: true });
        if (inspect.exitCode !== 0) {
            checks.push(failed(`docker volume ${source.volume}`, inspect));
            return { dataDir, checks, sizes: {}, ok: false };
        }
        refuseTargetOverSource(scratch.dir, [inspect.stdout.trim()]);
        const packDir = scratch.sub('pack');
        const packed = await runner.run(dockerVolumeToTar(source.volume, packDir, source.helperImage, `${DRILL_LABEL}=${scratch.id}`), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
        checks.push(packed.exitCode === 0 ? { name: `pack volume ${source.volume}`, passed: true, detail: 'read-only, no network' } : failed(`pack volume ${source.volume}`, packed));
        if (packed.exitCode !== 0)
            return { dataDir, checks, sizes: {}, ok: false };
        file = external_node_path_namespaceObject.join(packDir, 'volume.tar');
    }
    else if (file) {
        refuseTargetOverSource(scratch.dir, [file]);
        if (!external_node_fs_namespaceObject.existsSync(file)) {
            checks.push({ name: 'tarball exists', passed: false, detail: `${file} does not exist` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
    }
    const extracted = await runner.run(tarExtract(file ?? '', dataDir), { allowFailure: true, timeoutMs: 6 * 3_600_000 });
    checks.push(extracted.exitCode === 0 ? { name: 'extract tarball', passed: true, detail: external_node_path_namespaceObject.basename(file ?? '') } : failed('extract tarball', extracted));
    const found = extracted.exitCode === 0 ? await sqliteFromTree(runner, dataDir, databasePath, checks) : {};
    return { dataDir, appDataDir: found.file ? external_node_path_namespaceObject.dirname(found.file) : undefined, probe: found.probe, checks, sizes: { backupBytes: sizeOf(file ?? ''), restoredBytes: sizeOf(dataDir) }, ok: checks.every((check) => check.passed) };
}

;// CONCATENATED MODULE: ./build/src/drill/ssh-source.js







/**
 * A live SQLite database on a host, over the ssh-deploy transport: an online
 * snapshot (read-only VACUUM INTO) into a private temporary directory on the
 * host, brought back over the same connection and removed there. The transfer is
 * base64 over the session's exec, so it suits databases up to a few hundred MiB;
 * bigger ones are better drilled from their restic/borg backup.
 */
async function restoreSqliteOverSsh(source, target, scratch, context) {
    const dataDir = scratch.sub('restore');
    const local = external_node_path_namespaceObject.join(dataDir, external_node_path_namespaceObject.basename(source.path));
    const checks = [];
    const where = `${describeTarget(target)}:${source.path}`;
    const session = await session_openSshSession(target, context.runner, context.log);
    let remoteDir;
    try {
        const made = await session.exec(['mktemp', '-d', '/tmp/slipway-drill-XXXXXXXX'], { allowFailure: true });
        if (made.exitCode !== 0) {
            checks.push({ name: 'online snapshot over SSH', passed: false, detail: `mktemp on the host: ${lastLines(made.stderr.trim(), 2)}` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        remoteDir = made.stdout.trim();
        const remoteFile = `${remoteDir}/snapshot.db`;
        const snapshot = sqliteSnapshot(source.path, remoteFile);
        const snap = await session.exec([snapshot.file, ...snapshot.args], { allowFailure: true });
        if (snap.exitCode !== 0) {
            checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: false, detail: `${where}: exit ${snap.exitCode}: ${lastLines(snap.stderr.trim(), 2).replace(/\n/g, ' ')}` });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        const copied = await session.exec(['base64', remoteFile], { allowFailure: true });
        if (copied.exitCode !== 0) {
            checks.push({ name: 'copy snapshot from the host', passed: false, detail: lastLines(copied.stderr.trim(), 2) });
            return { dataDir, checks, sizes: {}, ok: false };
        }
        external_node_fs_namespaceObject.writeFileSync(local, Buffer.from(copied.stdout.replace(/\s+/g, ''), 'base64'));
        checks.push({ name: 'online snapshot over SSH (VACUUM INTO)', passed: true, detail: where });
    }
    finally {
        if (remoteDir)
            await session.exec(['rm', '-rf', remoteDir], { allowFailure: true });
        await session.close();
    }
    const integrity = await checkSqliteIntegrity(context.runner, local);
    checks.push(integrity);
    const probe = integrity.passed ? sqliteProbe(context.runner, local) : undefined;
    return { dataDir, appDataDir: dataDir, probe, checks, sizes: { restoredBytes: sizeOf(dataDir) }, ok: probe !== undefined };
}

;// CONCATENATED MODULE: ./build/src/drill/history.js



/**
 * The last passing drill's report, for the "valid but empty" comparison. On a
 * laptop it is a file; in CI the runner is fresh every night, so the file
 * travels through the Actions cache (one new key per passing run, restored by prefix).
 */
class DrillHistory {
    name;
    options;
    file;
    constructor(name, options) {
        this.name = name;
        this.options = options;
        this.file = options.file ?? external_node_path_namespaceObject.join(options.cacheDir, 'last-pass.json');
    }
    get prefix() {
        return `slipway-drill-${this.name}-`;
    }
    async load() {
        if (this.options.cache && !this.options.file) {
            await this.options.cache.restore([this.options.cacheDir], `${this.prefix}latest-lookup`, [this.prefix]);
        }
        if (!external_node_fs_namespaceObject.existsSync(this.file))
            return undefined;
        try {
            return JSON.parse(external_node_fs_namespaceObject.readFileSync(this.file, 'utf8'));
        }
        catch (error) {
            this.options.log.warn(`Ignoring the previous drill report ${this.file}: ${error.message}`);
            return undefined;
        }
    }
    async save(report) {
        external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(this.file), { recursive: true });
        external_node_fs_namespaceObject.writeFileSync(this.file, reportJson(report));
        if (this.options.cache && !this.options.file) {
            await this.options.cache.save([this.options.cacheDir], `${this.prefix}${Date.now()}`);
        }
    }
}
/** Row counts of the newest restore of a previous report. */
function previousCounts(report) {
    const counts = report?.restores[0]?.tables;
    return counts && Object.keys(counts).length > 0 ? counts : undefined;
}

;// CONCATENATED MODULE: ./build/src/drill/settings.js




/** Where the backup comes from. */
const SOURCE_KINDS = ['sqlite', 'restic', 'borg', 'postgres', 'tarball'];
/** Settings that are valid but do less than they seem to: reported as warnings, never failures. */
function settingsWarnings(settings) {
    const warnings = [];
    if (settings.verify.freshnessColumn && settings.verify.maxAgeMs === undefined) {
        warnings.push({
            name: 'freshness-column has a max-age',
            passed: false,
            severity: 'warning',
            detail: `freshness-column ${settings.verify.freshnessColumn} is set without max-age, so the newest row is never checked. Set max-age (e.g. 26h)`,
        });
    }
    return warnings;
}
/** Lines `SELECT count(*) FROM students => 3`. */
function parseQueries(lines, fail) {
    return lines.map((line) => {
        const index = line.lastIndexOf('=>');
        if (index <= 0)
            fail(`has a query without '=> expected' (found '${line.slice(0, 60)}')`);
        return { sql: line.slice(0, index).trim(), expected: line.slice(index + 2).trim() };
    });
}
/** One entry per line, never split on commas: SQL and shell arguments contain them. */
function lines(inputs, name) {
    return (inputs.optional(name) ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}
function parseDrillSettings(inputs, context) {
    const mode = inputs.choice('mode', ['drill', 'staleness'], 'drill');
    const name = inputs.string('name', 'restore-drill');
    if (!/^[A-Za-z0-9._-]+$/.test(name))
        inputs.fail('name', `may hold only letters, digits, '.', '_' and '-' (found '${name}')`);
    const forge = parseForge(inputs, context);
    const staleness = mode === 'staleness' ? parseStaleness(inputs) : undefined;
    if (mode === 'staleness' && !forge)
        inputs.fail('forge-token', 'is required for mode staleness', 'Pass a token that may read the repository’s workflow runs.');
    if (mode === 'drill' && !inputs.optional('source'))
        inputs.fail('source', `is required (expected one of ${SOURCE_KINDS.join(', ')})`);
    const kind = inputs.choice('source', SOURCE_KINDS, 'sqlite');
    const source = mode === 'staleness' ? { kind: 'sqlite', path: '' } : parseSource(kind, inputs);
    const minRows = {};
    for (const [table, count] of Object.entries(inputs.keyValues('min-rows'))) {
        if (!/^\d+$/.test(count.trim()))
            inputs.fail('min-rows', `has a count that is not a whole number (found '${table}=${count}')`);
        minRows[table.trim()] = Number(count.trim());
    }
    const freshnessColumn = inputs.optional('freshness-column');
    if (freshnessColumn && !/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/.test(freshnessColumn)) {
        inputs.fail('freshness-column', `is not table.column (found '${freshnessColumn}')`);
    }
    const verify = {
        databasePath: inputs.optional('database-path'),
        tables: inputs.list('tables'),
        minRows,
        queries: parseQueries(lines(inputs, 'queries'), (problem) => inputs.fail('queries', problem, 'Write one `SQL => expected` per line.')),
        maxAgeMs: inputs.optional('max-age') ? inputs.duration('max-age', 0) : undefined,
        freshnessColumn,
        shrinkTolerancePercent: inputs.integer('shrink-tolerance', 10, { min: 0, max: 100 }),
    };
    for (const table of [...verify.tables, ...Object.keys(minRows)]) {
        if (!/^[A-Za-z_][\w]*$/.test(table))
            inputs.fail(verify.tables.includes(table) ? 'tables' : 'min-rows', `has a table name that is not a plain identifier (found '${table}')`);
    }
    const appImage = inputs.optional('app-image');
    const appEnv = inputs.keyValues('app-env');
    // The app's environment holds its secrets (database passwords, API keys), and a
    // failing boot shows the app's log: every value is masked wherever the drill prints.
    for (const value of Object.values(appEnv))
        registerSecret(value);
    const app = appImage
        ? {
            image: appImage,
            dataMount: inputs.string('app-data-mount', '/data'),
            portEnv: inputs.string('app-port-env', 'PORT'),
            args: lines(inputs, 'app-args'),
            env: appEnv,
            healthPath: inputs.string('app-health-path', '/healthz'),
            expectStatus: inputs.integer('app-expect-status', 200, { min: 100, max: 599 }),
            timeoutMs: inputs.duration('app-timeout', 60_000),
        }
        : undefined;
    const history = inputs.optional('previous-report');
    return {
        mode,
        name,
        source,
        verify,
        app,
        alsoRandomOlder: inputs.boolean('also-random-older', false),
        scratchRoot: external_node_path_namespaceObject.resolve(context.workDir, inputs.string('scratch-root', context.env.RUNNER_TEMP ?? '/tmp')),
        scratchDir: inputs.optional('scratch-dir') ? external_node_path_namespaceObject.resolve(context.workDir, inputs.required('scratch-dir')) : undefined,
        reportFile: external_node_path_namespaceObject.resolve(context.workDir, inputs.string('report-file', `${name}-report.json`)),
        previousReportFile: history ? external_node_path_namespaceObject.resolve(context.workDir, history) : undefined,
        useCacheForHistory: !history && context.platform.kind !== 'local',
        forge,
        issue: {
            enabled: inputs.boolean('issue-on-failure', false),
            title: inputs.string('issue-title', `Restore drill '${name}' is failing`),
            labels: inputs.list('issue-labels'),
        },
        staleness,
        timeoutMs: inputs.duration('timeout', 30 * 60_000),
    };
}
function parseSource(kind, inputs) {
    switch (kind) {
        case 'sqlite': {
            const remote = inputs.optional('host') !== undefined;
            const container = inputs.optional('container');
            if (container && remote)
                inputs.fail('container', 'cannot be combined with host', 'Drill a container on a remote host by backing it up there first.');
            return {
                kind,
                path: inputs.required('database-path', 'Set it to the live SQLite file (on the runner, in the container, or on the SSH host).'),
                container,
                ssh: remote ? inputs_parseSshInputs(inputs).targets[0] : undefined,
            };
        }
        case 'restic':
        case 'borg': {
            const password = inputs.secret('password');
            const passwordCommand = inputs.optional('password-command');
            if (!password && !passwordCommand) {
                inputs.fail('password', 'is required for an encrypted repository (or set password-command)', 'Pass the repository password from a secret.');
            }
            const repository = inputs.required('repository');
            registerLocationCredentials(repository);
            return {
                kind,
                repository,
                password,
                passwordCommand,
                snapshot: inputs.string('snapshot', 'latest'),
                tags: inputs.list('tags'),
                pathFilter: inputs.optional('snapshot-path'),
                readDataSubset: inputs.optional('read-data-subset'),
                skipRepositoryCheck: inputs.boolean('skip-repository-check', false),
            };
        }
        case 'postgres': {
            const dumpFile = inputs.optional('dump-file');
            const database = inputs.optional('pg-database');
            if (!dumpFile && !database)
                inputs.fail('dump-file', 'or pg-database is required for source postgres', 'Name a pg_dump custom-format file, or a live database to dump.');
            const scratchDatabase = inputs.optional('scratch-database');
            if (scratchDatabase && !/^[A-Za-z_][\w]*$/.test(scratchDatabase))
                inputs.fail('scratch-database', `is not a plain identifier (found '${scratchDatabase}')`);
            return {
                kind,
                connection: {
                    host: inputs.string('pg-host', '127.0.0.1'),
                    port: inputs.integer('pg-port', 5432, { min: 1, max: 65535 }),
                    user: inputs.string('pg-user', 'slipway'),
                    password: inputs.secret('pg-password'),
                    maintenanceDatabase: inputs.string('pg-maintenance-database', 'postgres'),
                },
                dumpFile,
                database,
                scratchDatabase,
            };
        }
        case 'tarball': {
            const file = inputs.optional('tarball');
            const volume = inputs.optional('volume');
            if (!file === !volume)
                inputs.fail('tarball', 'or volume is required, not both', 'Name a tar file, or a Docker volume to pack.');
            return { kind, file, volume, helperImage: inputs.string('helper-image', 'busybox') };
        }
    }
}
function parseForge(inputs, context) {
    const token = inputs.secret('forge-token');
    if (!token)
        return undefined;
    const env = context.env;
    const detected = context.platform.kind === 'forgejo' ? 'forgejo' : 'github';
    const kind = inputs.choice('forge', ['github', 'forgejo'], detected);
    const server = env.GITHUB_SERVER_URL ?? env.FORGEJO_SERVER_URL;
    const fallbackApi = kind === 'github' ? (env.GITHUB_API_URL ?? 'https://api.github.com') : server ? `${server.replace(/\/$/, '')}/api/v1` : undefined;
    const apiUrl = inputs.optional('forge-api-url') ?? fallbackApi;
    if (!apiUrl)
        inputs.fail('forge-api-url', 'is required outside Actions for forgejo', 'e.g. https://codeberg.org/api/v1');
    const repository = inputs.optional('forge-repository') ?? env.GITHUB_REPOSITORY;
    if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
        inputs.fail('forge-repository', `is not owner/name (found '${repository ?? ''}')`);
    }
    return { kind, apiUrl: apiUrl.replace(/\/$/, ''), repository, token };
}
function parseStaleness(inputs) {
    return {
        workflow: inputs.required('drill-workflow', 'Name the drill workflow file, e.g. restore-drill.yml.'),
        maxAgeMs: inputs.duration('max-staleness', 8 * 86_400_000),
        onStale: inputs.choice('on-stale', ['warn', 'fail'], 'fail'),
    };
}

;// CONCATENATED MODULE: ./build/src/drill/drill.js
















/**
 * The whole drill: restore into a scratch place, prove the backup, the data and
 * (optionally) the app, report, and remove every scratch thing it made. Faults
 * become failing checks in the report; only a refused target or bad settings throw.
 */
async function runDrill(settings, context, options = {}) {
    const now = options.now ?? (() => new Date());
    const startedAt = now();
    const report = { name: settings.name, kind: settings.mode, startedAt: startedAt.toISOString(), finishedAt: '', passed: false, restores: [], checks: [] };
    if (settings.mode === 'staleness' && settings.forge && settings.staleness) {
        report.checks.push(await checkStaleness(settings.forge, settings.staleness, startedAt));
        return finish(report, settings, context, now);
    }
    report.checks.push(...settingsWarnings(settings));
    const history = new DrillHistory(settings.name, {
        file: settings.previousReportFile ?? (settings.useCacheForHistory ? undefined : external_node_path_namespaceObject.join(context.workDir, '.slipway', `${settings.name}-last-pass.json`)),
        cache: settings.useCacheForHistory ? context.cache : undefined,
        cacheDir: external_node_path_namespaceObject.join(settings.scratchRoot, `slipway-drill-history-${settings.name}`),
        log: context.log,
    });
    const previous = await history.load();
    let scratch;
    try {
        if (settings.scratchDir)
            refuseTargetOverSource(settings.scratchDir, sourcePaths(settings));
        scratch = ScratchPlace.create(settings.scratchRoot, settings.scratchDir);
    }
    catch (error) {
        // Refused before anything was written: the report says why.
        report.checks.push({ name: 'restore target is a scratch place', passed: false, detail: errors_formatError(error) });
        return finish(report, settings, context, now);
    }
    context.log.info(`Scratch place: ${scratch.dir}`);
    const deadline = new DrillDeadline(settings.timeoutMs, startedAt.getTime(), context.signal);
    const bounded = { ...context, runner: deadline.runner(context.runner) };
    let work;
    try {
        await context.log.group(`Drill '${settings.name}'`, async () => {
            work = restoreAll(settings, bounded, scratch, { now: startedAt, previous: previousCounts(previous), random: options.random ?? Math.random, deadline });
            report.restores.push(...(await deadline.race(work)));
        });
    }
    catch (error) {
        if (error instanceof CancelledError) {
            report.checks.push({ name: 'drill ran to the end', passed: false, detail: error.message });
            // The command in flight finishes on its own; the scratch place goes once it returned (or soon after).
            await deadline.unwind(work, CANCEL_GRACE_MS);
        }
        else if (error instanceof DrillTimeout) {
            report.checks.push({ name: 'drill finished within timeout', passed: false, detail: error.message });
            // Its running command was killed at the deadline; let the work unwind before its files go.
            await deadline.unwind(work, UNWIND_GRACE_MS);
        }
        else {
            report.checks.push({ name: 'drill ran to the end', passed: false, detail: errors_formatError(error) });
        }
    }
    finally {
        await deadline.cleanup(() => scratch.remove(context.log));
    }
    const finished = await finish(report, settings, context, now);
    if (finished.passed)
        await history.save(finished).catch((error) => context.log.warn(`Could not keep this report for the next drill: ${errors_formatError(error)}`));
    return finished;
}
function sourcePaths(settings) {
    const source = settings.source;
    if (source.kind === 'sqlite' && !source.container && !source.ssh)
        return [source.path];
    if (source.kind === 'restic' || source.kind === 'borg')
        return [source.repository];
    if (source.kind === 'tarball' && source.file)
        return [source.file];
    if (source.kind === 'postgres' && source.dumpFile)
        return [source.dumpFile];
    return [];
}
async function finish(report, settings, context, now) {
    report.passed = report.restores.every((restore) => restore.passed) && isPassing(report.checks);
    // A cancelled drill proves nothing either way: no issue is opened or closed for it.
    if (settings.mode === 'drill' && settings.issue.enabled && settings.forge && !context.signal?.aborted) {
        try {
            report.issue = await trackDrillIssue(settings.forge, settings.issue, report, failedChecks(report), context.platform.runUrl);
        }
        catch (error) {
            context.log.warn(`Could not update the drill issue: ${errors_formatError(error)}`);
        }
    }
    // Warnings do not fail the drill, so they are said out loud (an annotation on Actions).
    for (const check of allChecks(report))
        if (!check.passed && check.severity === 'warning')
            context.log.warn(`${check.name}: ${check.detail}`);
    report.finishedAt = now().toISOString();
    report.reportFile = settings.reportFile;
    writeReportFile(report, settings.reportFile);
    return report;
}
/** How long a timed-out drill waits for its killed command to return before removing the scratch place. */
const UNWIND_GRACE_MS = 10_000;
/** The same after a cancel: short, as GitHub's SIGKILL follows SIGINT by 10 s. */
const CANCEL_GRACE_MS = 3000;
async function restoreAll(settings, context, scratch, run) {
    const source = settings.source;
    if (source.kind !== 'restic' && source.kind !== 'borg') {
        const label = 'live';
        const started = Date.now();
        let restored;
        run.deadline.enter(`restore ${describeSource(settings)}`);
        if (source.kind === 'postgres')
            restored = await restorePostgres(source, scratch, context.runner);
        else if (source.kind === 'tarball')
            restored = await restoreTarball(source, scratch, context.runner, settings.verify.databasePath);
        else
            restored = await restoreLive(settings, context, scratch);
        return [await verifyRestore(settings, context, scratch, { label, source: describeSource(settings), started, restored, run, previous: run.previous })];
    }
    run.deadline.enter(`open ${describeSource(settings)}`);
    const early = startEarlyRestore(source, scratch, context.runner);
    const session = await openRepository(source, scratch, context.runner);
    const base = { label: 'newest', source: describeSource(settings), sizes: {}, tables: {}, checks: [...session.checks], passed: false };
    if (!session.checks.every((check) => check.passed))
        return [base];
    const chosen = selectSnapshot(session.snapshots, source.snapshot);
    if (!chosen) {
        const empty = session.snapshots.length === 0;
        base.checks.push({
            name: empty ? 'repository holds a backup' : `snapshot ${source.snapshot} exists`,
            passed: false,
            detail: empty ? `no ${source.kind === 'restic' ? 'snapshots' : 'archives'} in ${withoutCredentials(source.repository)}${source.tags.length || source.pathFilter ? ' matching the filter' : ''}` : `not among ${session.snapshots.length} snapshot(s)`,
        });
        return [base];
    }
    const selections = [{ label: source.snapshot === 'latest' ? 'newest' : source.snapshot, snapshot: chosen }];
    if (settings.alsoRandomOlder) {
        const older = pickOlder(session.snapshots, chosen, run.random);
        if (older)
            selections.push({ label: 'random older', snapshot: older });
        else
            context.log.info('No snapshot older than the chosen one: the random older drill is skipped.');
    }
    const reports = [];
    for (const [index, { label, snapshot }] of selections.entries()) {
        run.deadline.enter(`restore the ${label} snapshot ${snapshot.id.slice(0, 12)}`);
        const asked = Date.now();
        const restored = await restoreFromRepository(session, snapshot, scratch, context.runner, index === 0 ? 'newest' : 'older', settings.verify.databasePath, index === 0 ? early : undefined);
        // RTO counts from the start of the restore that was kept (an early one started beside the listing).
        const started = restored.startedAt ?? asked;
        if (index === 0)
            restored.checks.unshift(...session.checks);
        // The older snapshot is expected to be older than max-age and to have fewer rows: only its integrity counts.
        const restoreReport = await verifyRestore(settings, context, scratch, { label, source: base.source, started, restored, run, snapshot, previous: index === 0 ? run.previous : undefined, primary: index === 0 });
        if (index === 0 && !source.skipRepositoryCheck) {
            run.deadline.enter(`${source.kind} check`);
            restoreReport.checks.push(await session.check());
            restoreReport.passed = isPassing(restoreReport.checks);
        }
        reports.push(restoreReport);
    }
    return reports;
}
async function restoreLive(settings, context, scratch) {
    const source = settings.source;
    if (source.kind !== 'sqlite')
        throw new Error('unreachable');
    if (source.ssh) {
        return restoreSqliteOverSsh(source, source.ssh, scratch, context);
    }
    return restoreLiveSqlite(source, scratch, context.runner);
}
/** How the summary and the report name the source: never with credentials. */
function describeSource(settings) {
    const source = settings.source;
    switch (source.kind) {
        case 'sqlite': return source.container ? `sqlite ${source.container}:${source.path}` : source.ssh ? `sqlite ${describeTarget(source.ssh)}:${source.path}` : `sqlite ${source.path}`;
        case 'restic':
        case 'borg': return `${source.kind} ${withoutCredentials(source.repository)}`;
        case 'postgres': return source.dumpFile ? `pg_dump file ${source.dumpFile}` : `postgres database ${source.database}`;
        case 'tarball': return source.volume ? `docker volume ${source.volume}` : `tarball ${source.file}`;
    }
}
async function verifyRestore(settings, context, scratch, args) {
    const { restored, snapshot, run } = args;
    const primary = args.primary ?? true;
    const checks = [...restored.checks];
    const report = {
        label: args.label,
        source: args.source,
        sizes: restored.sizes,
        tables: {},
        versions: restored.versions,
        checks,
        passed: false,
        restoreSeconds: (Date.now() - args.started) / 1000,
    };
    // A repository's snapshot, or the time a pg_dump archive records: the RPO.
    const taken = snapshot ?? restored.taken;
    if (taken) {
        const ageSeconds = (run.now.getTime() - taken.time.getTime()) / 1000;
        report.snapshot = { id: taken.id, time: taken.time.toISOString(), timeSource: taken.timeSource, ageSeconds };
        report.rpoSeconds = ageSeconds;
        if (settings.verify.maxAgeMs !== undefined && primary)
            checks.push(checkSnapshotAge(taken.time, settings.verify.maxAgeMs, run.now));
    }
    if (restored.probe) {
        run.deadline.enter(`verify the ${args.label} restore's data`);
        const verify = primary ? settings.verify : { ...settings.verify, minRows: {}, queries: [], freshnessColumn: undefined };
        const data = await verifyData(restored.probe, verify, { now: run.now, previousCounts: args.previous });
        checks.push(...data.checks);
        report.tables = data.tables;
    }
    else if (isPassing(checks) && (settings.source.kind !== 'tarball' || wantsDataChecks(settings))) {
        checks.push({ name: 'database found in the backup', passed: false, detail: 'no SQLite database in the restored files; set database-path' });
    }
    if (settings.app && primary && isPassing(checks)) {
        run.deadline.enter('boot the app on the restored data');
        // The app's wait is bounded by the drill's deadline too.
        const appTimeoutMs = Math.min(settings.app.timeoutMs, run.deadline.remainingMs());
        const booted = await bootApp({ ...settings.app, timeoutMs: appTimeoutMs, env: { ...restored.appEnv, ...settings.app.env } }, restored.appDataDir ?? restored.dataDir, scratch, context.runner, context.log);
        checks.push(booted.check);
        if (booted.healthyAt)
            report.rtoSeconds = (booted.healthyAt - args.started) / 1000;
    }
    else if (isPassing(checks)) {
        report.rtoSeconds = (Date.now() - args.started) / 1000;
    }
    report.passed = isPassing(checks);
    context.log.info(`${args.label}: ${checks.filter((check) => check.passed).length}/${checks.length} checks passed`);
    return report;
}
function wantsDataChecks(settings) {
    const verify = settings.verify;
    return verify.tables.length + Object.keys(verify.minRows).length + verify.queries.length > 0 || verify.freshnessColumn !== undefined;
}

;// CONCATENATED MODULE: ./build/src/drill/flow.js



/** `slipway drill` and `actions/restore-drill`: one definition, two edges. */
const drillFlow = {
    command: 'drill',
    action: 'restore-drill',
    describe: 'Restore the newest backup into a scratch place, verify data and app, report RPO/RTO',
    parse: parseDrillSettings,
    run: (settings, context) => runDrill(settings, context),
    outputs: drillOutputs,
    summary: drillSummary,
    failure: drillFailureMessage,
    // A cancel stops it at the next command and still removes the scratch place (docs/cancel.md).
    handlesCancel: true,
};

;// CONCATENATED MODULE: ./build/src/drill/demo.js








const SEED = `PRAGMA journal_mode = WAL;
CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL, body TEXT, created_at TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO students (name) VALUES ('Ana'), ('Borja'), ('Chen');
INSERT INTO journal_entries (student_id, body) VALUES (1, 'first day'), (2, 'lab 06'), (3, 'wal mode');`;
/**
 * The lead's demo: seed a small SQLite database, take an online snapshot, back it
 * up with restic into a temporary repository, then drill it and return the report.
 */
async function demoDrill(log, workDir) {
    const root = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-demo-drill-'));
    const runner = new ProcessRunner(log);
    const password = `demo-${Math.random().toString(36).slice(2)}-pw`;
    registerSecret(password);
    try {
        const live = external_node_path_namespaceObject.join(root, 'live');
        const staging = external_node_path_namespaceObject.join(root, 'staging');
        external_node_fs_namespaceObject.mkdirSync(live);
        external_node_fs_namespaceObject.mkdirSync(staging);
        const env = { RESTIC_PASSWORD: password, RESTIC_CACHE_DIR: external_node_path_namespaceObject.join(root, 'cache') };
        await runner.run({ file: 'sqlite3', args: [external_node_path_namespaceObject.join(live, 'portal.db'), SEED] });
        await runner.run({ file: 'sqlite3', args: ['-readonly', external_node_path_namespaceObject.join(live, 'portal.db'), `VACUUM INTO '${external_node_path_namespaceObject.join(staging, 'portal.db').replace(/'/g, "''")}'`] });
        await runner.run({ file: 'restic', args: ['init', '--repo', external_node_path_namespaceObject.join(root, 'repo'), '--quiet'], env });
        await runner.run({ file: 'restic', args: ['backup', '--repo', external_node_path_namespaceObject.join(root, 'repo'), '--quiet', '--tag', 'demo', staging], env });
        log.info('Seeded 3 students and 3 journal entries, backed up with restic; drilling the newest snapshot.');
        const run = await runFlow(drillFlow, {
            name: 'demo',
            source: 'restic',
            repository: external_node_path_namespaceObject.join(root, 'repo'),
            password,
            tables: 'students\njournal_entries',
            'min-rows': 'students=3\njournal_entries=3',
            queries: "SELECT group_concat(name, ',') FROM students => Ana,Borja,Chen",
            'max-age': '1h',
            'freshness-column': 'journal_entries.created_at',
            'scratch-root': root,
            'report-file': external_node_path_namespaceObject.join(workDir, 'demo-drill-report.json'),
            'previous-report': external_node_path_namespaceObject.join(root, 'history.json'),
        }, localContext(log, { workDir }));
        log.info(renderText(drillFlow.summary(run.result)));
        return run.result;
    }
    finally {
        external_node_fs_namespaceObject.rmSync(root, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/compose-commands.js
/** Prints v2, v1 or none. */
const DETECT_COMPOSE = 'if docker compose version >/dev/null 2>&1; then echo v2; elif command -v docker-compose >/dev/null 2>&1; then echo v1; else echo none; fi';
/** The compose command words (run on the host) for one project; the user's files are never edited. */
function composeWords(flavor, project, ...subcommand) {
    const base = flavor === 'v2' ? ['docker', 'compose'] : ['docker-compose'];
    return [
        ...base,
        '--project-directory', project.appDir,
        ...(project.project ? ['-p', project.project] : []),
        ...project.files.flatMap((file) => ['-f', `${project.appDir}/${file}`]),
        '-f', project.overrideFile,
        ...(project.envFile ? ['--env-file', `${project.appDir}/${project.envFile}`] : []),
        ...subcommand,
    ];
}
/** The override that points one service at an image (JSON is YAML, so both compose versions read it). */
function renderImageOverride(service, image) {
    return `${JSON.stringify({ services: { [service]: { image } } }, null, 2)}\n`;
}
/**
 * Labels compose puts on containers (v1 and v2 alike): how we find the service's
 * containers. `oneOffs: false` leaves out `compose run` containers (oneoff=True),
 * which are not the service: a stopped one left behind must not fail a deploy.
 */
function serviceContainersWords(projectName, service, all = false, options = {}) {
    return [
        'docker', 'ps', ...(all ? ['-a'] : []), '--no-trunc',
        '--filter', `label=com.docker.compose.project=${projectName}`,
        '--filter', `label=com.docker.compose.service=${service}`,
        ...(options.oneOffs === false ? ['--filter', 'label=com.docker.compose.oneoff=False'] : []),
        '--format', '{{.ID}}',
    ];
}
/**
 * The local tag a compose rollback runs: the exact image (by ID) the service ran
 * before the deploy. A moving tag (`app:latest`) may point at the new image by
 * then; this tag does not, is never pulled, and keeps the old image from being pruned.
 */
function rollbackTag(projectName, service) {
    return `slipway-rollback:${`${projectName}-${service}`.slice(0, 128)}`;
}
/** `docker tag <image id> <tag>`: fails if the image is gone from the host. */
function tagImageWords(imageId, tag) {
    return ['docker', 'tag', imageId, tag];
}
/** Compose's default project name: the directory's base name, lowercased, other characters dropped. */
function defaultProjectName(appDir) {
    const base = appDir.replace(/\/+$/, '').split('/').pop() ?? '';
    return base.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

;// CONCATENATED MODULE: ./build/src/deploy/health.js

/**
 * Polls `url` (as the host sees it) through an SSH tunnel on the session's one
 * connection until it answers 2xx (and contains `expect`), or the time is up.
 */
async function waitForHttpHealth(session, health, version, log, deadline, signal) {
    if (!health.url)
        return { healthy: true, detail: 'no health-url' };
    const url = new URL(health.url);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const tunnel = await session.forwardLocalPort(port, url.hostname);
    const expected = health.expect?.replace(/\{version\}/g, version);
    let last;
    try {
        const local = `http://127.0.0.1:${tunnel.localPort}${url.pathname}${url.search}`;
        for (;;) {
            // A cancel ends the wait as a failed check: the caller rolls back (docs/cancel.md).
            if (signal?.aborted)
                return { healthy: false, detail: 'cancelled while the new version was being verified' };
            try {
                const response = await fetch(local, { signal: AbortSignal.timeout(5000) });
                const body = await response.text();
                if (response.ok && (!expected || body.includes(expected)))
                    return { healthy: true, detail: `${health.url} answered ${response.status}` };
                last = response.ok ? `answered without '${expected}' (got ${body.slice(0, 120).trim()})` : `answered ${response.status}`;
            }
            catch (error) {
                last = error.message;
            }
            if (Date.now() >= deadline)
                return { healthy: false, detail: `${health.url} ${last}` };
            log.debug(`health: ${health.url} ${last}; retrying`);
            await sleep(500);
        }
    }
    finally {
        await tunnel.close();
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/host-run.js

/** A deploy step that failed after the host was changed and was then put back: says what serves now. */
class RolledBackError extends SlipwayError {
    host;
    serving;
    constructor(host, reason, serving) {
        super(`${host}: ${reason}; rolled back, ${serving} is serving again`);
        this.host = host;
        this.serving = serving;
        this.name = 'RolledBackError';
    }
}
/** The words for a user-written hook, run by sh in `dir` with `set -e` (first failing command fails it). */
function hookWords(dir, script) {
    return ['sh', '-c', 'cd "$1" || exit 1; shift; exec sh -e -c "$1"', 'slipway-hook', dir, script];
}
/** Fails with one message naming every missing path (checked in one round trip). */
async function requirePaths(run, checks, fix) {
    const script = 'missing=""; while [ $# -gt 0 ]; do if [ ! "$1" "$2" ]; then missing="$missing$3 ($2)\n"; fi; shift 3; done; printf "%b" "$missing"';
    const words = checks.flatMap((check) => [check.kind === 'dir' ? '-d' : '-f', check.path, check.what]);
    const result = await run.session.exec(['sh', '-c', script, 'slipway-check', ...words], { label: `ssh ${run.session.target.host}: check paths` });
    const missing = result.stdout.trim();
    if (missing)
        throw new SlipwayError(`${run.session.name}: missing on the host: ${missing.split('\n').join(', ')}`, { fix });
}

;// CONCATENATED MODULE: ./build/src/swarm/commands.js
const JSON_FORMAT = '{{json .}}';
/** `{"LocalNodeState":"active","ControlAvailable":true,…}` */
const swarmState = () => ({ args: ['info', '--format', '{{json .Swarm}}'] });
function stackDeploy(stack, composeFiles, options = {}) {
    return {
        args: [
            'stack', 'deploy',
            ...composeFiles.flatMap((file) => ['--compose-file', file]),
            // Nodes pull with the manager's registry login; without it a private image fails on every worker.
            '--with-registry-auth',
            ...(options.prune ? ['--prune'] : []),
            '--detach=true',
            stack,
        ],
    };
}
function serviceUpdateImage(service, image) {
    return { args: ['service', 'update', '--image', image, '--with-registry-auth', '--detach=true', service] };
}
const serviceRollback = (service) => ({ args: ['service', 'rollback', '--detach=true', service] });
/** Services of a stack, by the label `docker stack deploy` puts on them. */
const stackServiceIds = (stack) => ({
    args: ['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.ID}}'],
});
/** A JSON array of full service objects (Spec, PreviousSpec, UpdateStatus). */
const serviceInspect = (services) => ({ args: ['service', 'inspect', ...services] });
/** Task IDs of a service, newest first. */
const serviceTaskIds = (service) => ({ args: ['service', 'ps', '--quiet', '--no-trunc', service] });
/** A JSON array of full task objects (Spec, Status.State, Status.Err, DesiredState). */
const taskInspect = (tasks) => ({ args: ['inspect', '--type', 'task', ...tasks] });
const serviceTasksTable = (service) => ({
    args: ['service', 'ps', '--no-trunc', '--format', JSON_FORMAT, service],
});
const secretExists = (name) => ({ args: ['secret', 'inspect', '--format', '{{.ID}}', name] });
/** The value comes on stdin (`-`), so it never shows in a process list. */
function secretCreate(name, value, labels = {}) {
    return {
        args: ['secret', 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), name, '-'],
        stdin: value,
    };
}

;// CONCATENATED MODULE: ./build/src/image/reference.js
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOCKER_HUB = 'docker.io';
function isValidTag(tag) {
    return TAG.test(tag);
}
/** Returns a reason when the reference is invalid, for the caller's InputError. */
function parseImageReference(reference) {
    let rest = reference.trim();
    let digest;
    const at = rest.indexOf('@');
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
    if (parts.length === 0 || parts.some((part) => !PATH_COMPONENT.test(part))) {
        return { error: `repository '${parts.join('/')}' must be lower-case letters, digits and separators (. _ -), in /-separated parts` };
    }
    if (registry === DOCKER_HUB && parts.length === 1)
        parts.unshift('library');
    return { registry, repository: parts.join('/'), tag, digest };
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

;// CONCATENATED MODULE: ./build/src/swarm/duration.js
/**
 * Compose files give durations in Go's form (`1m30s`, `500ms`, `10s`); the
 * engine reports them in nanoseconds. Both become milliseconds here.
 */
const UNIT_MS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
function parseGoDuration(text) {
    if (text === undefined)
        return undefined;
    // A bare number is what the engine API gives: nanoseconds.
    if (typeof text === 'number')
        return text / 1e6;
    const trimmed = text.trim();
    if (trimmed === '0')
        return 0;
    const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed)
        return undefined;
    return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNIT_MS[unit] ?? 0), 0);
}
/** Milliseconds as a Go duration the compose loader accepts: `5s`, `1500ms`. */
function formatGoDuration(ms) {
    const rounded = Math.ceil(ms);
    return rounded % 1000 === 0 ? `${rounded / 1000}s` : `${rounded}ms`;
}
/** For people: `4.2 s`, `1 min 5 s`. */
function humanDuration(ms) {
    if (ms < 60_000)
        return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

;// CONCATENATED MODULE: ./build/src/swarm/compose.js




const isDict = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function composeError(path, where, problem, fix) {
    return new SlipwayError(`${path}: ${where}${problem}`, { fix });
}
function readCompose(text, path) {
    let data;
    try {
        data = (0,dist.parse)(text);
    }
    catch (error) {
        throw composeError(path, '', `is not valid YAML (${error.message.split('\n')[0]})`, 'Fix the YAML syntax.');
    }
    if (!isDict(data) || !isDict(data.services) || Object.keys(data.services).length === 0) {
        throw composeError(path, '', 'has no services (expected a top-level `services:` map)', 'A stack file lists its services under `services:`.');
    }
    const networks = isDict(data.networks) ? data.networks : {};
    const services = Object.entries(data.services).map(([name, raw]) => readService(path, name, raw, networks));
    const version = data.version === undefined ? undefined : String(data.version);
    return { path, version, services, secrets: isDict(data.secrets) ? Object.keys(data.secrets) : [] };
}
function readService(path, name, raw, networks) {
    if (!isDict(raw))
        throw composeError(path, `services.${name}: `, 'is not a map', 'Give each service its settings as a map.');
    const deploy = isDict(raw.deploy) ? raw.deploy : {};
    const attached = Array.isArray(raw.networks) ? raw.networks.map(String) : isDict(raw.networks) ? Object.keys(raw.networks) : [];
    const onHostNetwork = attached.some((key) => {
        const definition = networks[key];
        const engineName = isDict(definition) && typeof definition.name === 'string' ? definition.name : key;
        return engineName === 'host';
    });
    return {
        name,
        image: typeof raw.image === 'string' ? raw.image : undefined,
        healthcheck: readHealthcheck(path, name, raw.healthcheck),
        updateConfig: isDict(deploy.update_config) ? deploy.update_config : {},
        rollbackConfig: isDict(deploy.rollback_config) ? deploy.rollback_config : {},
        onHostNetwork,
        secrets: Array.isArray(raw.secrets) ? raw.secrets.map((s) => (isDict(s) ? String(s.source) : String(s))) : [],
        envFiles: Array.isArray(raw.env_file) ? raw.env_file.map(String) : typeof raw.env_file === 'string' ? [raw.env_file] : [],
    };
}
/** Docker's own defaults: interval 30 s, timeout 30 s, 3 retries, no start period. */
function readHealthcheck(path, service, raw) {
    if (!isDict(raw) || raw.disable === true)
        return undefined;
    if (Array.isArray(raw.test) && raw.test[0] === 'NONE')
        return undefined;
    const duration = (key, fallback) => {
        const value = raw[key];
        if (value === undefined)
            return fallback;
        const ms = parseGoDuration(value);
        if (ms === undefined)
            throw composeError(path, `services.${service}.healthcheck.${key}: `, `is not a duration (found '${String(value)}', expected e.g. 10s or 1m30s)`, 'Write durations as Go does: 500ms, 10s, 1m30s.');
        return ms;
    };
    return {
        intervalMs: duration('interval', 30_000),
        timeoutMs: duration('timeout', 30_000),
        retries: typeof raw.retries === 'number' ? raw.retries : 3,
        startPeriodMs: duration('start_period', 0),
    };
}
/** Docker waits at least this long after a task starts before calling it stable. */
const MIN_MONITOR_MS = 5_000;
const NO_HEALTHCHECK_MONITOR_MS = 10_000;
/**
 * The monitor window must outlast the health check's verdict: a task that turns
 * unhealthy after the window closed no longer rolls the update back.
 */
function monitorWindowMs(service) {
    const check = service.healthcheck;
    if (!check)
        return NO_HEALTHCHECK_MONITOR_MS;
    const verdict = check.startPeriodMs + check.intervalMs * check.retries + check.timeoutMs;
    return Math.max(MIN_MONITOR_MS, verdict);
}
/**
 * The override file `docker stack deploy` merges over the user's: safe update
 * defaults where the user gave none, the pinned image, secrets and env file.
 * Merging (not editing) keeps the user's file the single source they own.
 */
function buildStackOverride(compose, options) {
    const filled = [];
    const pinned = [];
    const services = {};
    const wanted = options.image ? repositoryKey(options.image) : undefined;
    for (const service of compose.services) {
        const entry = {};
        const update = {};
        const rollback = {};
        const fill = (target, given, section, key, value, why) => {
            if (given[key] !== undefined)
                return;
            target[key] = value;
            filled.push({ service: service.name, setting: `${section}.${key}`, value: String(value), why });
        };
        const order = service.onHostNetwork ? 'stop-first' : 'start-first';
        const orderWhy = service.onHostNetwork
            ? 'on the host network two tasks cannot bind the same port (set start-first if the app binds with SO_REUSEPORT)'
            : 'the new task must be healthy before the old one stops';
        fill(update, service.updateConfig, 'update_config', 'order', order, orderWhy);
        fill(update, service.updateConfig, 'update_config', 'failure_action', 'rollback', 'a failed update puts the previous version back');
        const monitor = monitorWindowMs(service);
        fill(update, service.updateConfig, 'update_config', 'monitor', formatGoDuration(monitor), service.healthcheck
            ? 'long enough for the health check to fail (start_period + interval × retries + timeout)'
            : 'no health check in the file; if the image defines one, set update_config.monitor to cover it');
        fill(update, service.updateConfig, 'update_config', 'parallelism', options.parallelism, 'tasks replaced at once (input parallelism)');
        fill(rollback, service.rollbackConfig, 'rollback_config', 'order', order, 'a rollback replaces tasks the same way');
        fill(rollback, service.rollbackConfig, 'rollback_config', 'parallelism', options.parallelism, 'as for updates');
        const deploy = {};
        if (Object.keys(update).length > 0)
            deploy.update_config = update;
        if (Object.keys(rollback).length > 0)
            deploy.rollback_config = rollback;
        if (Object.keys(deploy).length > 0)
            entry.deploy = deploy;
        if (wanted && options.image && service.image && repositoryKey(service.image) === wanted) {
            entry.image = options.image;
            pinned.push(service.name);
        }
        if (options.envFile)
            entry.env_file = [...service.envFiles, options.envFile];
        services[service.name] = entry;
    }
    const document = {};
    if (compose.version !== undefined)
        document.version = compose.version;
    document.services = services;
    const secretNames = options.secretNames ?? {};
    if (Object.keys(secretNames).length > 0) {
        document.secrets = Object.fromEntries(Object.entries(secretNames).map(([key, name]) => [key, { external: true, name }]));
    }
    const header = [
        'Written by Slipway for this deploy; merged over your compose file by `docker stack deploy -c yours -c this`.',
        'Your file is not changed. Defaults filled in:',
        ...(filled.length ? filled.map((f) => `  ${f.service}: ${f.setting}=${f.value} (${f.why})`) : ['  none']),
    ];
    const text = `${header.map((line) => `# ${line}`).join('\n')}\n${(0,dist.stringify)(document)}`;
    return { text, filled, pinned };
}
/** `registry/repository` with Docker Hub's implied parts, so `nginx` matches `docker.io/library/nginx`. */
function repositoryKey(image) {
    const parsed = parseImageReference(image);
    return 'error' in parsed ? undefined : formatReference({ registry: parsed.registry, repository: parsed.repository });
}

;// CONCATENATED MODULE: ./build/src/swarm/engine-state.js
/** Inspect output is a JSON array; an empty answer is an empty list. */
function parseJsonArray(text) {
    const trimmed = text.trim();
    if (!trimmed)
        return [];
    const parsed = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : [parsed];
}
function imageOf(spec) {
    return spec?.TaskTemplate.ContainerSpec?.Image;
}
/** The digest-pinned image as the engine stores it, shortened for people: `repo:tag@sha256:abcdef12…`. */
function shortImage(image) {
    if (!image)
        return '—';
    return image.replace(/@sha256:([a-f0-9]{12})[a-f0-9]{52}/, '@sha256:$1…');
}
function desiredReplicas(service) {
    if (service.Spec.Mode?.Global)
        return 'global';
    return service.Spec.Mode?.Replicated?.Replicas ?? 1;
}
/**
 * The task template changed, so the engine will roll tasks (a replica count
 * change does not). The engine stores PreviousSpec without the defaults the
 * CLI spelled out (StopGracePeriod, RestartPolicy…), so only keys present on
 * both sides are compared; the caller does not trust a "no" blindly either.
 */
function expectsRollingUpdate(service) {
    if (!service.PreviousSpec)
        return false;
    return !sameOnCommonKeys(service.Spec.TaskTemplate, service.PreviousSpec.TaskTemplate);
}
function sameOnCommonKeys(a, b) {
    const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObject(a) && isObject(b))
        return Object.keys(a).filter((k) => k in b).every((k) => sameOnCommonKeys(a[k], b[k]));
    return JSON.stringify(a) === JSON.stringify(b);
}
const TERMINAL_FAILURES = new Set(['failed', 'rejected', 'orphaned']);
/**
 * Why a task did not run, in words a user acts on. The engine's own text stays
 * beside it; this only names the usual causes.
 */
function explainTaskError(error) {
    if (/unhealthy/i.test(error))
        return 'health check failing';
    if (/no such image|pull access denied|manifest unknown|manifest for .* not found|unauthorized|authentication required|repository does not exist|failed to resolve reference|connection refused.*\/v2\//i.test(error)) {
        return 'image cannot be pulled (check the image name and that the manager is logged in to the registry: Slipway passes --with-registry-auth)';
    }
    if (/no suitable node/i.test(error))
        return 'no suitable node (placement constraints, resources or platform rule out every node)';
    if (/non-zero exit/i.test(error))
        return 'the container exited with an error';
    return 'task failed';
}

;// CONCATENATED MODULE: ./build/src/swarm/converge.js




/**
 * After a spec change the engine starts its update within milliseconds; until
 * this long has passed, tasks that look settled may still be the old ones.
 */
const SETTLE_GRACE_MS = 1_500;
/** How long an expected update may take to show up before the tasks alone decide. */
const UPDATE_START_MS = 10_000;
/**
 * The engine says `rollback_completed` once it has asked for the old tasks, not
 * once they run; this long (at most) is given to them to start, so that "the
 * previous version is serving" is only said when it is.
 */
const ROLLBACK_START_MS = 30_000;
/** Tasks that failed this many times in a row with none running: the engine will not get there by itself. */
const FAILED_TASKS_BEFORE_GIVING_UP = 3;
async function inspectServices(endpoint, names) {
    if (names.length === 0)
        return [];
    const result = await endpoint.docker(serviceInspect(names), { allowFailure: true });
    // A service that does not exist (yet) makes inspect fail while still printing the others.
    return parseJsonArray(result.stdout || '[]');
}
async function listTasks(endpoint, service) {
    const ids = (await endpoint.docker(serviceTaskIds(service), { allowFailure: true })).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0)
        return [];
    const tasks = parseJsonArray((await endpoint.docker(taskInspect(ids), { allowFailure: true })).stdout || '[]');
    return tasks.sort((a, b) => (b.Status.Timestamp ?? b.CreatedAt).localeCompare(a.Status.Timestamp ?? a.CreatedAt));
}
async function captureBaselines(endpoint, names) {
    const objects = await inspectServices(endpoint, names);
    return Promise.all(names.map(async (name) => {
        const object = objects.find((o) => o.Spec.Name === name);
        const taskIds = new Set(object ? (await listTasks(endpoint, name)).map((t) => t.ID) : []);
        return { name, object, taskIds };
    }));
}
/**
 * Polls each service until the engine says where its update ended: updated,
 * rolled back, paused, failed, or still going at the deadline. `docker stack
 * deploy` returns as soon as the specs are stored; this is the wait it skips.
 */
async function waitForConvergence(endpoint, baselines, options) {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const reports = new Map();
    let pending = baselines;
    for (;;) {
        const objects = await inspectServices(endpoint, pending.map((b) => b.name));
        const still = [];
        for (const baseline of pending) {
            const object = objects.find((o) => o.Spec.Name === baseline.name);
            if (object?.UpdateStatus?.State === 'updating')
                baseline.attemptedImage = imageOf(object.Spec);
            const report = object ? await judge(endpoint, baseline, object, options, Date.now() - started) : undefined;
            if (report) {
                reports.set(baseline.name, report);
                options.log.info(`${baseline.name}: ${report.outcome}${report.why ? ` (${report.why})` : ''} after ${humanDuration(Date.now() - started)}`);
            }
            else
                still.push(baseline);
        }
        pending = still;
        if (pending.length === 0)
            break;
        if (Date.now() + options.pollMs > deadline) {
            const last = await inspectServices(endpoint, pending.map((b) => b.name));
            for (const baseline of pending) {
                const object = last.find((o) => o.Spec.Name === baseline.name);
                const report = await describe(endpoint, baseline, object, 'timed-out');
                reports.set(baseline.name, report);
                options.log.warn(`${baseline.name}: still ${report.updateState ?? 'converging'} after ${humanDuration(options.timeoutMs)}`);
            }
            break;
        }
        await sleep(options.pollMs);
    }
    return baselines.map((b) => reports.get(b.name));
}
/** A verdict for one service, or undefined while it is still moving. */
async function judge(endpoint, baseline, object, options, elapsedMs) {
    const status = object.UpdateStatus;
    options.log.debug(`${baseline.name}: version ${object.Version.Index} (was ${baseline.object?.Version.Index ?? 'none'}), update ${status?.State ?? 'none'} since ${status?.StartedAt ?? '-'} (was ${baseline.object?.UpdateStatus?.StartedAt ?? '-'})`);
    const isNewUpdate = status?.State !== undefined && status.StartedAt !== baseline.object?.UpdateStatus?.StartedAt;
    if (isNewUpdate) {
        switch (status?.State) {
            case 'updating':
            case 'rollback_started':
                return undefined;
            case 'completed':
                return settled(endpoint, baseline, object, 'updated');
            case 'rollback_completed': {
                baseline.rollbackSeenAt ??= Date.now();
                const tasks = await listTasks(endpoint, baseline.name);
                if (countRunning(tasks) < wantedReplicas(object, tasks) && Date.now() - baseline.rollbackSeenAt < ROLLBACK_START_MS)
                    return undefined;
                return report(baseline, object, tasks, options.intent === 'rollback' ? 'updated' : 'rolled-back');
            }
            case 'paused':
            case 'rollback_paused':
                return describe(endpoint, baseline, object, 'paused');
            default:
                return undefined;
        }
    }
    const changed = baseline.object !== undefined && baseline.object.Version.Index !== object.Version.Index;
    const rolling = expectsRollingUpdate(object);
    // The spec is stored but the engine may not have started rolling tasks yet.
    if (changed && (elapsedMs < SETTLE_GRACE_MS || (rolling && elapsedMs < UPDATE_START_MS)))
        return undefined;
    return settled(endpoint, baseline, object, baseline.object && !rolling ? 'unchanged' : 'updated');
}
/** No update in flight: done once the desired replicas run, failed once new tasks keep failing. */
async function settled(endpoint, baseline, object, outcome) {
    const tasks = await listTasks(endpoint, baseline.name);
    const running = countRunning(tasks);
    const wanted = wantedReplicas(object, tasks);
    if (running >= wanted)
        return report(baseline, object, tasks, outcome);
    const fresh = tasks.filter((t) => !baseline.taskIds.has(t.ID));
    const failures = fresh.filter((t) => TERMINAL_FAILURES.has(t.Status.State)).length;
    if (running === 0 && failures >= FAILED_TASKS_BEFORE_GIVING_UP)
        return report(baseline, object, tasks, 'failed');
    return undefined;
}
async function describe(endpoint, baseline, object, outcome) {
    const tasks = object ? await listTasks(endpoint, baseline.name) : [];
    if (object)
        return report(baseline, object, tasks, outcome);
    return { service: baseline.name, outcome, imageBefore: imageOf(baseline.object?.Spec), running: 0, desired: 0, why: 'the service does not exist' };
}
/** Replicas that must run: the spec's count, or for a global service the tasks the engine wants running (at least 1). */
function wantedReplicas(object, tasks) {
    const desired = desiredReplicas(object);
    return desired === 'global' ? Math.max(1, tasks.filter((t) => t.DesiredState === 'running').length) : desired;
}
function countRunning(tasks) {
    return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
}
function report(baseline, object, tasks, outcome) {
    const base = {
        service: baseline.name,
        outcome,
        imageBefore: imageOf(baseline.object?.Spec),
        imageAfter: imageOf(object.Spec),
        running: countRunning(tasks),
        desired: desiredReplicas(object),
        updateState: object.UpdateStatus?.State,
        message: object.UpdateStatus?.Message,
    };
    if (outcome === 'updated' || outcome === 'unchanged')
        return base;
    if (object.UpdateStatus?.State?.startsWith('rollback'))
        base.imageAttempted = baseline.attemptedImage ?? imageOf(object.PreviousSpec);
    const failing = failingTask(tasks.filter((t) => !baseline.taskIds.has(t.ID)), object.UpdateStatus?.Message);
    if (failing) {
        base.taskError = failing.Status.Err || `${failing.Status.State}: ${failing.Status.Message ?? ''}`.trim();
        base.why = explainTaskError(base.taskError);
    }
    else if (outcome === 'timed-out') {
        base.why = 'the update was still in progress at the timeout';
    }
    else {
        base.why = object.UpdateStatus?.Message ?? 'the engine stopped the update';
    }
    return base;
}
/** The task the engine blames (named in its update message), else the newest one with an error. */
function failingTask(tasks, message) {
    const named = message?.match(/task ([a-z0-9]{25})/)?.[1];
    const blamed = named ? tasks.find((t) => t.ID === named) : undefined;
    if (blamed && (blamed.Status.Err || TERMINAL_FAILURES.has(blamed.Status.State)))
        return blamed;
    return tasks.find((t) => t.Status.Err) ?? tasks.find((t) => TERMINAL_FAILURES.has(t.Status.State)) ?? blamed;
}

;// CONCATENATED MODULE: ./build/src/swarm/preflight.js


/**
 * A stack deploy only works on a manager of an active swarm. Checked first, so
 * the user reads what to run instead of the engine's "This node is not a swarm manager".
 */
async function assertSwarmManager(endpoint) {
    const result = await endpoint.docker(swarmState(), {
        hint: () => `Check that Docker runs and that ${endpoint.description} is reachable.`,
    });
    let info;
    try {
        info = JSON.parse(result.stdout.trim());
    }
    catch {
        throw new SlipwayError(`${endpoint.description}: could not read the swarm state (found '${result.stdout.trim().slice(0, 80)}')`);
    }
    const state = info.LocalNodeState ?? 'inactive';
    if (state === 'inactive' || state === 'pending') {
        throw new SlipwayError(`${endpoint.description}: this node is not in a swarm (found LocalNodeState '${state}', expected 'active')`, {
            fix: 'Create one on it with `docker swarm init --advertise-addr <its address>`, or join it to yours with the `docker swarm join …` command that `docker swarm join-token manager` prints on a manager',
        });
    }
    if (state === 'locked') {
        throw new SlipwayError(`${endpoint.description}: the swarm is locked (autolock after a restart)`, {
            fix: 'Unlock it with `docker swarm unlock` and the unlock key',
        });
    }
    if (state !== 'active') {
        throw new SlipwayError(`${endpoint.description}: the swarm node is in state '${state}' (expected 'active')`, {
            fix: 'See `docker info` on that node',
        });
    }
    if (!info.ControlAvailable) {
        throw new SlipwayError(`${endpoint.description}: this node is a swarm worker, not a manager (stacks and service updates are sent to managers)`, {
            fix: `Point the deploy at a manager, or promote this node on a manager with \`docker node promote ${info.NodeID ?? '<node id>'}\``,
        });
    }
    return { nodeId: info.NodeID ?? '', address: info.NodeAddr ?? '' };
}

;// CONCATENATED MODULE: ./build/src/swarm/secrets.js



/**
 * Docker secrets are immutable, so each value gets its own name: the stack,
 * the key and a short hash of the value. A changed value is a new secret and
 * rolls the services that use it; an unchanged one is reused as it is.
 */
function dockerSecretName(stack, key, value) {
    const digest = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${stack}\0${key}\0${value}`).digest('hex').slice(0, 12);
    return `${stack}_${key}_${digest}`;
}
/** Creates the missing ones (value on stdin) and returns key → docker secret name. */
async function ensureDockerSecrets(endpoint, stack, values) {
    const names = {};
    for (const [key, value] of Object.entries(values)) {
        const name = dockerSecretName(stack, key, value);
        const exists = await endpoint.docker(secretExists(name), { allowFailure: true });
        if (exists.exitCode !== 0) {
            await endpoint.docker(secretCreate(name, value, { 'slipway.stack': stack, 'slipway.key': key }), { label: `docker secret create ${name} - (value on stdin)` });
        }
        names[key] = name;
    }
    return names;
}
/** `KEY=value` lines for an env file; newlines in a value would start a new variable, so they are refused. */
function envFileText(values) {
    return Object.entries(values).map(([key, value]) => {
        if (/[\r\n]/.test(value))
            throw new SlipwayError(`env ${key}: a value in an env file cannot span lines`, { fix: 'Pass it as a Docker secret instead' });
        return `${key}=${value}\n`;
    }).join('');
}

;// CONCATENATED MODULE: ./build/src/swarm/deploy.js








const SWARM_DEFAULTS = { parallelism: 1, timeoutMs: 300_000, pollMs: 500 };
const GOOD_OUTCOMES = new Set(['updated', 'unchanged']);
/** `repo@sha256:<64 hex>`: the same bytes on every node. */
const isDigestPinned = (image) => /@sha256:[a-f0-9]{64}$/.test(image);
/** Runs one swarm deploy, update or rollback against a manager and waits for the engine's verdict. */
async function runSwarm(settings, endpoint, log) {
    const started = Date.now();
    await assertSwarmManager(endpoint);
    if (settings.image && settings.mode !== 'rollback' && !isDigestPinned(settings.image)) {
        log.warn(`image ${settings.image} is not pinned by digest: each node resolves the tag itself and may run different bytes. Pass the digest push-image returned (repo@sha256:…)`);
    }
    const base = { mode: settings.mode, stack: settings.stack, endpoint: endpoint.description, filled: [], pinned: [] };
    const converge = { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, log };
    switch (settings.mode) {
        case 'stack': {
            const outcome = await deployStack(settings, endpoint, log);
            return { ...base, ...outcome, durationMs: Date.now() - started };
        }
        case 'service': {
            const service = requireService(settings);
            if (!settings.image)
                throw new SlipwayError('swarm service mode needs the image to roll out', { fix: 'Pass the digest push-image returned (repo@sha256:…)' });
            const baselines = await captureBaselines(endpoint, [service]);
            if (!baselines[0]?.object)
                throw missingService(service, endpoint);
            log.info(`updating ${service} to ${settings.image}`);
            await endpoint.docker(serviceUpdateImage(service, settings.image));
            const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'deploy' });
            return { ...base, services, pinned: [service], durationMs: Date.now() - started };
        }
        case 'rollback': {
            const names = settings.services ?? (settings.service ? [settings.service] : await stackServices(endpoint, settings.stack));
            if (names.length === 0)
                throw new SlipwayError(`stack '${settings.stack}' has no services on ${endpoint.description}`, { fix: 'Check the stack name (`docker stack ls`)' });
            const baselines = await captureBaselines(endpoint, names);
            for (const baseline of baselines) {
                if (!baseline.object)
                    throw missingService(baseline.name, endpoint);
                log.info(`rolling ${baseline.name} back to its previous spec`);
                await endpoint.docker(serviceRollback(baseline.name), {
                    hint: (r) => (/previous spec/i.test(r.stderr) ? `${baseline.name} has no previous version to go back to` : undefined),
                });
            }
            const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'rollback' });
            return { ...base, services, durationMs: Date.now() - started };
        }
    }
}
async function deployStack(settings, endpoint, log) {
    const composePath = settings.composeFile;
    if (!composePath)
        throw new SlipwayError('swarm stack mode needs a compose file', { fix: 'Set stack-file to your stack file (docker-compose.yml)' });
    const text = await promises_namespaceObject.readFile(composePath, 'utf8').catch((error) => {
        throw new SlipwayError(`${composePath}: cannot read the compose file (${error.code ?? error.message})`, { fix: 'Check stack-file (a path relative to the working directory)' });
    });
    const compose = readCompose(text, composePath);
    for (const key of Object.keys(settings.secrets)) {
        if (!compose.services.some((s) => s.secrets.includes(key)))
            log.warn(`secret ${key}: no service in ${composePath} lists it under secrets:, so none receives it`);
    }
    const secretNames = await ensureDockerSecrets(endpoint, settings.stack, settings.secrets);
    const hasEnv = Object.keys(settings.env).length > 0;
    const files = [];
    if (!endpoint.local)
        files.push({ name: external_node_path_namespaceObject.basename(composePath), content: text });
    if (hasEnv)
        files.push({ name: 'slipway.env', content: envFileText(settings.env) });
    // The override names the env file by its staged path, so it is staged after the others.
    const staged = await endpoint.stage(files);
    try {
        const envPath = hasEnv ? staged.paths[staged.paths.length - 1] : undefined;
        const override = buildStackOverride(compose, { parallelism: settings.parallelism, image: settings.image, envFile: envPath, secretNames });
        if (settings.image && override.pinned.length === 0) {
            log.warn(`image ${settings.image}: no service in ${composePath} uses that repository, so no image was pinned`);
        }
        for (const f of override.filled)
            log.info(`default filled: ${f.service} ${f.setting}=${f.value} (${f.why})`);
        const overrideFile = await endpoint.stage([{ name: 'slipway.override.yml', content: override.text }]);
        try {
            const userFile = endpoint.local ? composePath : staged.paths[0];
            const names = compose.services.map((s) => `${settings.stack}_${s.name}`);
            const baselines = await captureBaselines(endpoint, names);
            log.info(`docker stack deploy ${settings.stack} (${compose.services.length} service(s)) on ${endpoint.description}`);
            const result = await endpoint.docker(stackDeploy(settings.stack, [userFile, overrideFile.paths[0]], { prune: settings.prune }), { allowFailure: true });
            if (result.exitCode !== 0)
                throw stackRejected(composePath, result.stderr || result.stdout);
            const services = await waitForConvergence(endpoint, baselines, { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, intent: 'deploy', log });
            return { services, filled: override.filled, pinned: override.pinned };
        }
        finally {
            await overrideFile.remove();
        }
    }
    finally {
        await staged.remove();
    }
}
/** The engine's own words, with the file and (when it names one) the service. */
function stackRejected(file, stderr) {
    const message = stderr.trim().split('\n').filter((line) => !/^(Since --detach|In a future release|Ignoring unsupported)/.test(line)).join('\n').trim();
    const service = message.match(/services\.([A-Za-z0-9_.-]+?)(?:\.|\s|:|$)/)?.[1] ?? message.match(/service "?([A-Za-z0-9_.-]+)"?/)?.[1];
    return new SlipwayError(`${file}${service ? `: service ${service}` : ''}: docker stack deploy rejected the stack: ${message}`, {
        fix: 'Fix the compose file (the stack format is compose file format 3; `docker stack config -c FILE` shows what the engine reads)',
    });
}
function requireService(settings) {
    if (!settings.service)
        throw new SlipwayError('swarm service mode needs the service to update', { fix: 'Set service to e.g. <stack>_web' });
    return settings.service;
}
function missingService(name, endpoint) {
    return new SlipwayError(`service '${name}' does not exist on ${endpoint.description}`, { fix: 'Deploy the stack first, or check the name with `docker service ls`' });
}
async function stackServices(endpoint, stack) {
    const ids = (await endpoint.docker(stackServiceIds(stack))).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
    return (await inspectServices(endpoint, ids)).map((s) => s.Spec.Name).sort();
}

;// CONCATENATED MODULE: ./build/src/swarm/strategy-settings.js


const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function parseSwarmStrategy(inputs) {
    const stack = inputs.required('stack', 'Set stack to the swarm stack name (services are named <stack>_<service>).');
    if (!NAME.test(stack))
        inputs.fail('stack', `is not a stack name (found '${stack}', expected letters, digits, _ . -)`);
    const service = inputs.optional('swarm-service');
    if (service !== undefined && !NAME.test(service))
        inputs.fail('swarm-service', `is not a service name (found '${service}')`);
    const image = inputs.optional('image');
    if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image))
        inputs.fail('image', `is not an image reference (found '${image}')`);
    if (service && !image)
        inputs.fail('image', 'is required to update one swarm service', 'Set image to the digest push-image returned (repo@sha256:…).');
    const secrets = {};
    for (const [key, value] of Object.entries(inputs.keyValues('swarm-secrets'))) {
        if (!NAME.test(key))
            inputs.fail('swarm-secrets', `has a key that is not a secret name (found '${key}')`);
        // Masked before anything runs; the values only ever travel on stdin.
        registerSecret(value);
        secrets[key] = value;
    }
    return {
        stack, service, image,
        stackFile: inputs.string('stack-file', 'docker-compose.yml'),
        parallelism: inputs.integer('parallelism', SWARM_DEFAULTS.parallelism, { min: 1 }),
        timeoutMs: inputs.duration('swarm-timeout', SWARM_DEFAULTS.timeoutMs),
        secrets,
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/settings.js
const ZERO_DOWNTIME_INPUTS = (/* unused pure expression or super */ null && ([
    'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
    'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout',
]));
const ABSOLUTE_PATH = /^\/[A-Za-z0-9._/@+-]+$/;
/** Reads the zero-downtime inputs; undefined when the option is off. */
function parseZeroDowntimeSettings(inputs, strategy, healthUrl) {
    if (!inputs.boolean('zero-downtime', false))
        return undefined;
    if (strategy !== 'compose') {
        inputs.fail('zero-downtime', `is only available for the compose strategy (found strategy ${strategy})`, 'Use strategy: compose, or set zero-downtime: false.');
    }
    if (!healthUrl) {
        inputs.fail('health-url', 'is required with zero-downtime (found nothing)', 'Set health-url to the app\'s health endpoint as the host sees it, e.g. http://127.0.0.1:8080/api/health: the new copy is checked on its own port before any traffic moves, and its port is where the proxy points today.');
    }
    const portsText = inputs.optional('slot-ports') ?? '20080-20099';
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(portsText.trim());
    const first = Number(match?.[1]);
    const last = Number(match?.[2] ?? match?.[1]);
    if (!match || first < 1024 || last > 65535 || last < first) {
        inputs.fail('slot-ports', `is not a port range (found '${portsText}', expected e.g. 20080-20099 within 1024-65535)`);
    }
    if (last === first)
        inputs.fail('slot-ports', `needs at least two ports, one for each copy during a switch (found '${portsText}')`, 'Give a range such as 20080-20099.');
    const portEnv = inputs.optional('port-env') ?? 'PORT';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portEnv))
        inputs.fail('port-env', `is not an environment variable name (found '${portEnv}')`);
    const proxy = inputs.choice('proxy', ['caddy', 'nginx', 'command'], 'caddy');
    const caddyAdmin = inputs.optional('caddy-admin') ?? '127.0.0.1:2019';
    if (!/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/.test(caddyAdmin))
        inputs.fail('caddy-admin', `is not host:port (found '${caddyAdmin}', expected e.g. 127.0.0.1:2019)`);
    const nginxUpstreamFile = inputs.optional('nginx-upstream-file');
    if (proxy === 'nginx' && !nginxUpstreamFile) {
        inputs.fail('nginx-upstream-file', 'is required with proxy: nginx', 'Set it to the file your `upstream` block includes, e.g. /etc/nginx/slipway/app-upstream.conf (writable by the SSH user).');
    }
    if (nginxUpstreamFile !== undefined && !ABSOLUTE_PATH.test(nginxUpstreamFile))
        inputs.fail('nginx-upstream-file', `is not an absolute path without shell characters (found '${nginxUpstreamFile}')`);
    const switchCommand = inputs.optional('proxy-switch-command');
    if (proxy === 'command' && !switchCommand) {
        inputs.fail('proxy-switch-command', 'is required with proxy: command', 'Set it to a command that points your proxy at the port given as its last argument, e.g. /usr/local/bin/switch-upstream.');
    }
    return {
        ports: { first, last },
        portEnv,
        proxy,
        caddyAdmin,
        nginxUpstreamFile,
        nginxCommand: inputs.optional('nginx-command') ?? 'nginx',
        switchCommand,
        proxyHealthUrl: inputs.optional('proxy-health-url'),
        drainTimeoutMs: inputs.duration('drain-timeout', 30_000),
        watchMs: inputs.duration('watch-window', 0),
        stopTimeoutS: Math.ceil(inputs.duration('stop-timeout', 10_000) / 1000),
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/settings.js



const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]+$/;
const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function parseDeploySettings(inputs) {
    const strategy = inputs.choice('strategy', ['compose', 'release', 'script', 'swarm'], 'compose');
    const mode = inputs.choice('mode', ['deploy', 'rollback'], 'deploy');
    const ssh = inputs_parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
    const appDir = inputs.required('app-dir', 'Set app-dir to the application directory on the host, e.g. /srv/myapp.');
    if (!appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(appDir.replace(/\{(host|index)\}/g, ''))) {
        inputs.fail('app-dir', `is not an absolute path without shell characters (found '${appDir}')`);
    }
    const relative = (name, value) => {
        if (!RELATIVE_PATH.test(value))
            inputs.fail(name, `is not a path inside app-dir (found '${value}', expected e.g. docker-compose.yml)`);
        return value;
    };
    let compose;
    let release;
    let script;
    let swarm;
    if (strategy === 'compose') {
        const service = inputs.required('service', 'Set service to the compose service that runs the image.');
        if (!SERVICE.test(service))
            inputs.fail('service', `is not a compose service name (found '${service}')`);
        const project = inputs.optional('compose-project');
        if (project !== undefined && !PROJECT.test(project))
            inputs.fail('compose-project', `is not a compose project name (found '${project}', expected lowercase letters, digits, - and _)`);
        const image = inputs.optional('image');
        if (mode === 'deploy' && !image)
            inputs.fail('image', 'is required for a compose deploy', 'Set image to the reference to run, e.g. registry.example.com/app:1.4.2 or …@sha256:….');
        if (image !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(image))
            inputs.fail('image', `is not an image reference (found '${image}')`);
        const envFile = inputs.optional('env-file');
        compose = {
            files: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
            project, envFile: envFile === undefined ? undefined : relative('env-file', envFile), service, image,
            pull: inputs.boolean('pull', true), preDeploy: inputs.optional('pre-deploy'),
        };
    }
    else if (strategy === 'release') {
        const artifact = inputs.optional('artifact');
        if (mode === 'deploy' && !artifact)
            inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
        release = {
            artifact,
            shared: inputs.list('shared').map((p) => relative('shared', p)),
            prePromote: inputs.list('pre-promote'),
            restart: inputs.list('restart'),
            keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
        };
    }
    else if (strategy === 'swarm') {
        swarm = parseSwarmStrategy(inputs);
    }
    else {
        if (mode === 'rollback')
            inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
        script = inputs.required('script', 'Set script to the commands to run on the host.');
    }
    const imageTag = compose?.image?.includes('@') ? undefined : compose?.image?.split('/').pop()?.split(':')[1];
    const version = inputs.optional('version') ?? imageTag ?? (mode === 'rollback' ? 'previous' : new Date().toISOString().replace(/[-:]|\.\d+/g, ''));
    return {
        ssh, strategy, mode, appDir, version,
        env: inputs.keyValues('env'),
        health: { url: inputs.optional('health-url'), expect: inputs.optional('health-expect'), timeoutMs: inputs.duration('health-timeout', 60_000) },
        batchSize: inputs.integer('batch-size', 0, { min: 0 }),
        lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
        lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000),
        compose, release, script, swarm,
        zeroDowntime: parseZeroDowntimeSettings(inputs, strategy, inputs.optional('health-url')),
    };
}
/** Replaces `{host}` and `{index}` so one setting can name a per-host directory or project. */
function forHost(template, host, index) {
    return template.replace(/\{host\}/g, host).replace(/\{index\}/g, String(index + 1));
}

;// CONCATENATED MODULE: ./build/src/deploy/compose.js








async function prepare(run) {
    const compose = run.settings.compose;
    if (!compose)
        throw new Error('compose settings missing');
    await requirePaths(run, [
        { path: run.appDir, kind: 'dir', what: 'app-dir' },
        ...compose.files.map((file) => ({ path: `${run.appDir}/${file}`, kind: 'file', what: 'compose-file' })),
        ...(compose.envFile ? [{ path: `${run.appDir}/${compose.envFile}`, kind: 'file', what: 'env-file' }] : []),
    ], 'Create them on the host (or fix app-dir, compose-file, env-file): Slipway deploys into an existing compose setup and never writes your compose file');
    const detected = (await run.session.exec(['sh', '-c', DETECT_COMPOSE])).stdout.trim();
    if (detected !== 'v1' && detected !== 'v2')
        throw new SlipwayError(`${run.session.name}: neither \`docker compose\` nor \`docker-compose\` is installed on the host`, { fix: 'Install the Docker Compose plugin on the host' });
    const project = compose.project ? forHost(compose.project, run.session.target.host, run.index) : undefined;
    const stateBase = `${stateDir(run.appDir)}/compose-${project ?? 'default'}-${compose.service}`;
    return {
        flavor: detected,
        compose,
        project: { appDir: run.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: `${stateBase}.override.json` },
        projectName: project ?? defaultProjectName(run.appDir),
        stateFile: `${stateBase}.state`,
    };
}
async function runningImageOf(run, ctx) {
    const ids = (await run.session.exec(serviceContainersWords(ctx.projectName, ctx.compose.service, false, { oneOffs: false }))).stdout.split('\n').filter(Boolean);
    if (ids.length === 0)
        return undefined;
    const inspected = (await run.session.exec(['docker', 'inspect', '--format', '{{.Config.Image}}|{{.Image}}', ids[0] ?? ''])).stdout.trim();
    const [image = '', id = ''] = inspected.split('|');
    return image ? { image, id } : undefined;
}
/** The reference (tag or digest) the service runs, for messages and the version label. */
async function runningImage(run, ctx) {
    return (await runningImageOf(run, ctx))?.image;
}
/** Tags the recorded image ID as the rollback tag and returns the tag; fails clearly if the image is gone. */
async function pinForRollback(run, ctx, imageId) {
    const tag = rollbackTag(ctx.projectName, ctx.compose.service);
    const tagged = await run.session.exec(tagImageWords(imageId, tag), { allowFailure: true, label: `ssh ${run.session.target.host}: tag ${imageId} as ${tag}` });
    if (tagged.exitCode !== 0) {
        throw new SlipwayError(`${run.session.name}: the previous image ${imageId} is no longer on the host (${tagged.stderr.trim().split('\n').pop() ?? ''})`, {
            fix: 'Deploy the version you want by its tag or digest with mode: deploy',
        });
    }
    return tag;
}
/**
 * Point the service at `image` (override written atomically) and bring it up; finishes on the host even if the connection drops.
 * `beforeUp` may stop it between pull and up (a cancel), before anything that runs changed.
 */
async function switchTo(run, ctx, image, pull, beforeUp) {
    const env = { ...run.settings.env };
    await run.session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"', 'slipway-override', ctx.project.overrideFile], {
        stdin: renderImageOverride(ctx.compose.service, image), label: `ssh ${run.session.target.host}: point ${ctx.compose.service} at ${image}`,
    });
    if (pull)
        await run.session.exec(composeWords(ctx.flavor, ctx.project, 'pull', ctx.compose.service), { env, label: `compose pull ${ctx.compose.service} on ${run.session.target.host}` });
    beforeUp?.();
    await run.session.exec(composeWords(ctx.flavor, ctx.project, 'up', '-d', '--remove-orphans'), {
        env, survivesDisconnect: true, stream: true, label: `compose up on ${run.session.target.host}`,
    });
}
const INSPECT_FORMAT = '{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}';
/**
 * Waits until every container of the service runs and, where it has a health check, is healthy; then the HTTP check.
 * `signal`: a cancel ends the wait as a failed check, so the caller rolls back (docs/cancel.md).
 */
async function waitHealthy(run, ctx, version, signal) {
    const deadline = Date.now() + run.settings.health.timeoutMs;
    let last = 'no container';
    for (;;) {
        if (signal?.aborted)
            return { healthy: false, detail: CANCELLED_WHILE_VERIFYING };
        const ids = (await run.session.exec(serviceContainersWords(ctx.projectName, ctx.compose.service, true, { oneOffs: false }))).stdout.split('\n').filter(Boolean);
        if (ids.length > 0) {
            const states = (await run.session.exec(['docker', 'inspect', '--format', INSPECT_FORMAT, ...ids], { allowFailure: true })).stdout.trim().split('\n');
            last = states.join(', ');
            if (states.some((state) => state.endsWith('|unhealthy') || state.startsWith('exited') || state.startsWith('dead'))) {
                return { healthy: false, detail: `container ${last}` };
            }
            if (states.every((state) => state === 'running|' || state === 'running|healthy'))
                break;
        }
        if (Date.now() >= deadline)
            return { healthy: false, detail: `containers not healthy within ${Math.round(run.settings.health.timeoutMs / 1000)} s (${last})` };
        await sleep(500);
    }
    return waitForHttpHealth(run.session, run.settings.health, version, run.log, deadline, signal);
}
const CANCELLED_WHILE_VERIFYING = 'cancelled while the new version was being verified';
async function composeDeploy(run) {
    const ctx = await prepare(run);
    const image = ctx.compose.image ?? '';
    const { version } = run.settings;
    const running = await runningImageOf(run, ctx);
    const current = running?.image;
    const state = await readStateFile(run.session, ctx.stateFile);
    // The image ID tells whether the recorded version still runs (a moving tag keeps its name).
    const recorded = running && (state.image_id ? state.image_id === running.id : state.image === running.image);
    const previousVersion = recorded ? state.version ?? current ?? '' : current ?? '';
    if (ctx.compose.preDeploy && current) {
        throwIfCancelled(run.signal, 'the pre-deploy hook');
        await run.session.exec(hookWords(run.appDir, ctx.compose.preDeploy), {
            env: { ...run.settings.env, APP_VERSION: version, PREVIOUS_IMAGE: current, COMPOSE_PROJECT_NAME: ctx.projectName },
            stream: true, label: `pre-deploy hook on ${run.session.target.host}`,
        });
    }
    throwIfCancelled(run.signal, `the switch to ${image}`);
    // Tagged before `pull` can move the tag it runs from: the rollback restores exactly these bytes.
    const rollbackTo = running?.id ? await pinForRollback(run, ctx, running.id) : current;
    const previous = { previous_image: current ?? '', previous_image_id: running?.id ?? '', previous_version: previousVersion };
    // Recorded before the switch, so a rollback knows the old image even if this run dies half-way.
    await writeStateFile(run.session, ctx.stateFile, { image, image_id: '', version, ...previous, status: 'deploying' });
    run.log.info(`${run.session.name}: ${ctx.compose.service} ${current ?? '(not running)'}${running?.id ? ` (${shortId(running.id)})` : ''} → ${image}`);
    let verdict;
    try {
        await switchTo(run, ctx, image, ctx.compose.pull, () => throwIfCancelled(run.signal, `compose up of ${image}`));
        verdict = await waitHealthy(run, ctx, version, run.signal);
    }
    catch (error) {
        if (error instanceof CancelledError) {
            // Cancelled after the pull, before up: what runs never changed; point the override and the state back.
            if (rollbackTo)
                await run.session.exec(['sh', '-c', 'cat > "$1.tmp" && mv -f "$1.tmp" "$1"', 'slipway-override', ctx.project.overrideFile], { stdin: renderImageOverride(ctx.compose.service, rollbackTo) });
            await writeStateFile(run.session, ctx.stateFile, state);
            throw error;
        }
        if (!current || !(await run.session.isAlive()))
            throw error;
        verdict = { healthy: false, detail: error.message };
    }
    if (verdict.healthy) {
        const now = await runningImageOf(run, ctx);
        await writeStateFile(run.session, ctx.stateFile, { image, image_id: now?.id ?? '', version, ...previous, status: 'deployed' });
        return { version, previous: previousVersion, changed: true };
    }
    if (!current || !rollbackTo)
        throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous version to roll back to`);
    run.log.warn(`${run.session.name}: ${verdict.detail}; rolling back to ${current}${running?.id ? ` (${shortId(running.id)})` : ''}`);
    await switchTo(run, ctx, rollbackTo, false);
    const back = await waitHealthy(run, ctx, previousVersion);
    await writeStateFile(run.session, ctx.stateFile, {
        image: current, image_id: running?.id ?? '', version: previousVersion,
        previous_image: state.previous_image ?? '', previous_image_id: state.previous_image_id ?? '', previous_version: state.previous_version ?? '',
        status: back.healthy ? 'rolled-back' : 'rollback-unhealthy',
    });
    if (!back.healthy)
        throw new SlipwayError(`${run.session.name}: ${verdict.detail}; the rollback to ${current} is not healthy either (${back.detail})`, { fix: 'Look at the host now: docker ps, docker logs' });
    throw new RolledBackError(run.session.name, `new version ${version} failed its health check (${verdict.detail})`, `the old version ${previousVersion}`);
}
/** Back to the image recorded as previous on the host (rollback mode, or a fleet batch that failed). */
async function composeRollback(run) {
    const ctx = await prepare(run);
    const state = await readStateFile(run.session, ctx.stateFile);
    if (!state.previous_image)
        throw new SlipwayError(`${run.session.name}: no previous image is recorded in ${ctx.stateFile}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
    const running = await runningImageOf(run, ctx);
    const current = running?.image ?? state.image ?? '';
    // State written before image IDs were recorded only has the reference.
    const target = state.previous_image_id ? await pinForRollback(run, ctx, state.previous_image_id) : state.previous_image;
    await writeStateFile(run.session, ctx.stateFile, { ...state, status: 'rolling-back' });
    await switchTo(run, ctx, target, false);
    const verdict = await waitHealthy(run, ctx, state.previous_version ?? '');
    if (!verdict.healthy)
        throw new SlipwayError(`${run.session.name}: rolled back to ${state.previous_image} but it is not healthy (${verdict.detail})`);
    await writeStateFile(run.session, ctx.stateFile, {
        image: state.previous_image, image_id: state.previous_image_id ?? '', version: state.previous_version ?? state.previous_image,
        previous_image: current, previous_image_id: running?.id ?? state.image_id ?? '', previous_version: state.version ?? current, status: 'rolled-back',
    });
    return { version: state.previous_version ?? state.previous_image, previous: state.version ?? current, changed: true };
}
const shortId = (id) => id.replace(/^sha256:/, '').slice(0, 12);

;// CONCATENATED MODULE: ./build/src/deploy/release.js





/** `releases/<UTC timestamp>`, sortable, so "previous" is the one before `current` in name order. */
function releaseName(now) {
    return now.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, '');
}
/** Atomic switch: a new symlink beside `current`, renamed over it (rename(2) is atomic; `ln -sfn` alone is not). */
const SWITCH_CURRENT = 'cd "$1" && ln -sfn "releases/$2" current.slipway-new && mv -T current.slipway-new current';
/** Links each shared path into the release (replacing whatever the artifact had there). */
const LINK_SHARED = 'app="$1"; release="$2"; shift 2; for p in "$@"; do mkdir -p "$(dirname "$release/$p")"; rm -rf "$release/$p"; ln -s "$app/shared/$p" "$release/$p"; done';
/** Lists releases, newest last, and which one `current` points at. */
const LIST = 'cd "$1" 2>/dev/null || exit 0; echo "current=$(basename "$(readlink current 2>/dev/null)" 2>/dev/null)"; ls -1 releases 2>/dev/null | sort';
const MARKED = /\.(failed|rolled-back)(-\d+)?$/;
const isMarked = (name) => MARKED.test(name);
/** Renames `releases/$2` to `$2.<mark>` (or `.<mark>-N` if taken); `mv -T` never moves it *into* an existing dir. */
const MARK_RELEASE = 'cd "$1/releases" || exit 1; to="$2.$3"; n=1; while [ -e "$to" ]; do to="$2.$3-$n"; n=$((n+1)); done; mv -T -- "$2" "$to"';
/**
 * Removes all but the newest `keep` good releases, never one in `protect`
 * (current, previous). Marked releases never count as kept; they go once they
 * are older than the oldest release kept.
 */
function releasesToRemove(all, keep, protect) {
    const good = all.filter((name) => !isMarked(name)).sort();
    const stale = good.slice(0, Math.max(0, good.length - keep)).filter((name) => !protect.includes(name));
    const oldestKept = good.filter((name) => !stale.includes(name))[0];
    const marked = all.filter((name) => isMarked(name) && oldestKept !== undefined && name.replace(MARKED, '') < oldestKept);
    return [...stale, ...marked].sort();
}
/** sudo's short options that take a value (`-u app`, `-uapp`), and their long names. */
const SUDO_VALUE_OPTIONS = new Set('ugphCDRrtTU');
const SUDO_LONG_VALUE_OPTIONS = new Set(['user', 'group', 'prompt', 'host', 'close-from', 'chdir', 'chroot', 'role', 'type', 'command-timeout', 'other-user']);
/** Who the command runs as matters to the rule, so these carry over into the check. */
const SUDO_KEPT = new Map([['u', '-u'], ['g', '-g'], ['user', '-u'], ['group', '-g']]);
/**
 * `sudo -n -l [-u user] [-g group] command…` for a restart command that starts
 * with sudo: it checks the sudoers rule (as that user) without running anything.
 * sudo's options are parsed as sudo does (clusters like `-nu app`, `--user=app`,
 * `--`), so `sudo -u app cmd` checks `cmd`, not `app`.
 */
function sudoCheckWords(command) {
    const words = command.trim().split(/\s+/);
    if (words[0] !== 'sudo')
        return undefined;
    const kept = [];
    let i = 1;
    while (i < words.length) {
        const word = words[i] ?? '';
        if (word === '--') {
            i += 1;
            break;
        }
        if (!word.startsWith('-') || word === '-')
            break;
        i += 1;
        if (word.startsWith('--')) {
            const [name = '', inline] = word.slice(2).split(/=(.*)/s);
            if (!SUDO_LONG_VALUE_OPTIONS.has(name))
                continue;
            const value = inline ?? words[i++] ?? '';
            const flag = SUDO_KEPT.get(name);
            if (flag)
                kept.push(flag, value);
            continue;
        }
        for (let c = 1; c < word.length; c += 1) {
            const option = word[c] ?? '';
            if (!SUDO_VALUE_OPTIONS.has(option))
                continue;
            const value = c + 1 < word.length ? word.slice(c + 1) : words[i++] ?? '';
            const flag = SUDO_KEPT.get(option);
            if (flag)
                kept.push(flag, value);
            break;
        }
    }
    // VAR=value assignments sudo accepts before the command are not part of the rule's command.
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ''))
        i += 1;
    return ['sudo', '-n', '-l', ...kept, ...words.slice(i)];
}
/** `all`: releases that may serve (marked ones left out), oldest first; `marked`: the others. */
async function listReleases(run) {
    const lines = (await run.session.exec(['sh', '-c', LIST, 'slipway-list', run.appDir])).stdout.split('\n').filter(Boolean);
    const current = lines.find((line) => line.startsWith('current='))?.slice('current='.length) || undefined;
    const names = lines.filter((line) => !line.startsWith('current='));
    return { current, all: names.filter((name) => !isMarked(name)), marked: names.filter(isMarked) };
}
/** Best effort: a cut connection leaves the name unmarked, which the next rollback would then consider. */
async function markRelease(run, name, mark) {
    const result = await run.session.exec(['sh', '-c', MARK_RELEASE, 'slipway-mark', run.appDir, name, mark], { allowFailure: true, label: `mark releases/${name} as ${mark} on ${run.session.target.host}` });
    if (result.exitCode !== 0)
        run.log.warn(`${run.session.name}: could not mark releases/${name} as ${mark} (${result.stderr.trim()}); a rollback may pick it`);
}
async function versionOf(run, name) {
    if (!name)
        return '';
    const result = await run.session.exec(['sh', '-c', 'cat "$1/releases/$2/.slipway-version" 2>/dev/null || echo "$2"', 'slipway-version', run.appDir, name]);
    return result.stdout.trim();
}
/**
 * Runs the restart commands in order; the first failing one ends it with `{ ok: false }` (a lost connection throws).
 * `signal`: a cancel between two commands ends it the same way, so the caller switches back.
 */
async function restart(run, signal) {
    for (const command of run.settings.release?.restart ?? []) {
        if (signal?.aborted)
            return { ok: false, detail: `cancelled before restart command \`${command}\`` };
        const result = await run.session.exec(['sh', '-c', command], { survivesDisconnect: true, allowFailure: true, env: run.settings.env, label: `restart on ${run.session.target.host}: ${command}` });
        if (result.exitCode !== 0) {
            // Its stderr, as a failed command reports it elsewhere (redacted); stdout may print the deploy env.
            const said = lastLines(secrets_redact(result.stderr.trim()), 1);
            return { ok: false, detail: `restart command \`${command}\` failed with exit ${result.exitCode}${said ? ` (${said})` : ''}` };
        }
    }
    return { ok: true, detail: '' };
}
/**
 * Switch `current`, restart, health-check. A failing restart is a failed check, so the caller still switches back.
 * `signal` (the forward switch only): a cancel cuts restart and check short the same way (docs/cancel.md).
 */
async function switchAndCheck(run, name, version, signal) {
    await run.session.exec(['sh', '-c', SWITCH_CURRENT, 'slipway-switch', run.appDir, name], { survivesDisconnect: true, label: `switch current → releases/${name} on ${run.session.target.host}` });
    const restarted = await restart(run, signal);
    if (!restarted.ok)
        return { healthy: false, detail: restarted.detail };
    return waitForHttpHealth(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs, signal);
}
async function releaseDeploy(run, now = new Date()) {
    const release = run.settings.release;
    if (!release?.artifact)
        throw new Error('release settings missing');
    const { version } = run.settings;
    await requirePaths(run, [
        { path: run.appDir, kind: 'dir', what: 'app-dir' },
        ...release.shared.map((p) => ({ path: `${run.appDir}/shared/${p}`, kind: 'file', what: 'shared file' })),
    ], `Create app-dir and the shared files under ${run.appDir}/shared/ on the host first (they hold the environment and outlive releases)`);
    // sudo -n first: a promote that cannot restart must not happen.
    for (const command of release.restart) {
        const check = sudoCheckWords(command);
        if (!check)
            continue;
        const allowed = await run.session.exec(check, { allowFailure: true, label: `sudo -n check on ${run.session.target.host}` });
        if (allowed.exitCode !== 0)
            throw new SlipwayError(`${run.session.name}: \`${command}\` is not allowed by sudo without a password`, { fix: `Add a NOPASSWD sudoers rule for ${run.session.target.user} and exactly that command` });
    }
    const before = await listReleases(run);
    const previousVersion = await versionOf(run, before.current);
    let name = releaseName(now);
    if (before.all.includes(name))
        name = `${name}-${run.index + 1}-${process.pid}`;
    const dir = `${run.appDir}/releases/${name}`;
    throwIfCancelled(run.signal, 'the upload of the new release');
    await run.session.exec(['mkdir', '-p', dir]);
    try {
        if (/\.(tar\.gz|tgz)$/.test(release.artifact)) {
            await run.session.upload(release.artifact, `${dir}.tar.gz`);
            throwIfCancelled(run.signal, 'unpacking the new release');
            await run.session.exec(['sh', '-c', 'tar -xzf "$1.tar.gz" -C "$1" && rm -f "$1.tar.gz"', 'slipway-unpack', dir]);
        }
        else {
            await run.session.upload(release.artifact.endsWith('/') ? release.artifact : `${release.artifact}/`, `${dir}/`);
        }
        await run.session.exec(['sh', '-c', 'printf "%s\\n" "$2" > "$1/.slipway-version"', 'slipway-version', dir, version]);
        if (release.shared.length)
            await run.session.exec(['sh', '-c', LINK_SHARED, 'slipway-link', run.appDir, dir, ...release.shared]);
        for (const command of release.prePromote) {
            throwIfCancelled(run.signal, `pre-promote command \`${command}\``);
            await run.session.exec(hookWords(dir, command), { env: { ...run.settings.env, APP_VERSION: version, RELEASE_DIR: dir }, stream: true, label: `pre-promote on ${run.session.target.host}: ${command}` });
        }
        throwIfCancelled(run.signal, `the switch to releases/${name}`);
    }
    catch (error) {
        // Never promoted, but newer than current: unmarked, a later rollback could land on it.
        if (await run.session.isAlive())
            await markRelease(run, name, 'failed');
        throw error;
    }
    const verdict = await switchAndCheck(run, name, version, run.signal);
    if (verdict.healthy) {
        const stale = releasesToRemove([...before.all, ...before.marked, name], release.keep, [name, before.current ?? '']);
        if (stale.length)
            await run.session.exec(['sh', '-c', 'cd "$1/releases" && shift && rm -rf -- "$@"', 'slipway-prune', run.appDir, ...stale]);
        return { version, previous: previousVersion, changed: true };
    }
    if (!before.current)
        throw new SlipwayError(`${run.session.name}: ${verdict.detail}; there was no previous release to roll back to`);
    run.log.warn(`${run.session.name}: ${verdict.detail}; switching back to releases/${before.current}`);
    const back = await switchAndCheck(run, before.current, previousVersion);
    await markRelease(run, name, 'failed');
    if (!back.healthy)
        throw new SlipwayError(`${run.session.name}: ${verdict.detail}; after switching back, the previous release is not healthy either (${back.detail})`);
    const failure = verdict.detail.startsWith('cancelled') ? 'was not kept' : verdict.detail.startsWith('restart command') ? 'could not be restarted' : 'failed its health check';
    throw new RolledBackError(run.session.name, `new release ${version} ${failure} (${verdict.detail})`, `the old release ${previousVersion}`);
}
/** Back to the release before `current`, from what is on the host. */
async function releaseRollback(run) {
    const { current, all } = await listReleases(run);
    const index = current ? all.indexOf(current) : -1;
    const target = index > 0 ? all[index - 1] : undefined;
    if (!current || !target)
        throw new SlipwayError(`${run.session.name}: no release before ${current ?? '(none)'} to roll back to in ${run.appDir}/releases`);
    const [from, to] = [await versionOf(run, current), await versionOf(run, target)];
    const verdict = await switchAndCheck(run, target, to);
    if (!verdict.healthy)
        throw new SlipwayError(`${run.session.name}: rolled back to releases/${target} but it is not healthy (${verdict.detail})`);
    // The release we left is moved aside, so a second rollback goes further back instead of forward.
    await markRelease(run, current, 'rolled-back');
    return { version: to, previous: from, changed: true };
}
async function scriptDeploy(run) {
    const script = run.settings.script ?? '';
    const { version } = run.settings;
    await requirePaths(run, [{ path: run.appDir, kind: 'dir', what: 'app-dir' }], 'Create app-dir on the host or fix the input');
    await run.session.exec(hookWords(run.appDir, script), { env: { ...run.settings.env, APP_VERSION: version }, stream: true, label: `script on ${run.session.target.host}` });
    const verdict = await waitForHttpHealth(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs);
    if (!verdict.healthy)
        throw new SlipwayError(`${run.session.name}: the script ran but the health check failed (${verdict.detail})`);
    return { version, previous: '', changed: true };
}

;// CONCATENATED MODULE: ./build/src/swarm/endpoint.js



/** The local docker CLI; `host` is a DOCKER_HOST such as `unix:///run/swarm.sock` (default: the CLI's own). */
function localDockerEndpoint(runner, host) {
    return {
        description: host ? `docker at ${host}` : 'local docker',
        local: true,
        docker: (command, options) => runner.run({ file: 'docker', args: command.args, stdin: command.stdin, env: host ? { DOCKER_HOST: host } : undefined }, options),
        async stage(files) {
            const dir = await promises_namespaceObject.mkdtemp(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-swarm-'));
            const paths = [];
            for (const file of files) {
                const target = external_node_path_namespaceObject.join(dir, file.name);
                await promises_namespaceObject.writeFile(target, file.content, { mode: 0o600 });
                paths.push(target);
            }
            return { paths, remove: () => promises_namespaceObject.rm(dir, { recursive: true, force: true }) };
        },
    };
}
/** The manager's docker CLI over an SSH session: `docker …` words, files staged in a private temp dir there. */
function remoteDockerEndpoint(exec, description) {
    return {
        description,
        local: false,
        docker: (command, options) => exec(['docker', ...command.args], { ...options, stdin: command.stdin }),
        async stage(files) {
            const made = await exec(['mktemp', '-d', '/tmp/slipway-swarm-XXXXXXXX']);
            const dir = made.stdout.trim();
            const paths = [];
            for (const file of files) {
                const target = `${dir}/${file.name}`;
                // The content travels on stdin; the script is fixed and takes the path as $1.
                await exec(['sh', '-c', 'umask 077 && cat > "$1"', 'sh', target], { stdin: file.content });
                paths.push(target);
            }
            return { paths, remove: async () => { await exec(['rm', '-rf', dir], { allowFailure: true }); } };
        },
    };
}

;// CONCATENATED MODULE: ./build/src/swarm/report.js




const replicas = (r) => `${r.running}/${r.desired === 'global' ? 'global' : r.desired}`;
/** One sentence per service that did not end well: which, why, and what serves now. */
function describeProblem(report) {
    const why = report.why ? `${report.why}${report.taskError && report.taskError !== report.why ? ` — engine: ${report.taskError}` : ''}` : 'no reason given by the engine';
    const serving = report.running > 0
        ? `${shortImage(report.imageAfter)} is serving (${replicas(report)} running)`
        : `nothing is running (${replicas(report)})`;
    switch (report.outcome) {
        case 'rolled-back':
            return `${report.service}: the update${report.imageAttempted ? ` to ${shortImage(report.imageAttempted)}` : ''} was rolled back: ${why}. The previous version ${serving}`;
        case 'paused':
            return `${report.service}: the update is paused: ${why}. ${serving}. Roll back with \`docker service rollback ${report.service}\` (mode rollback) or fix and deploy again`;
        case 'failed':
            return `${report.service}: its tasks keep failing: ${why}. ${serving}`;
        case 'timed-out':
            return `${report.service}: not converged within the timeout (state ${report.updateState ?? 'unknown'}): ${why}. The engine carries on; now ${serving}`;
        default:
            return `${report.service}: ${report.outcome}`;
    }
}
function swarmFailure(result) {
    const bad = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome));
    return bad.length ? bad.map(describeProblem).join('\n') : undefined;
}
function swarmSummary(result) {
    const summary = new Summary().heading(`Swarm ${result.mode === 'rollback' ? 'rollback' : 'deploy'}: stack ${result.stack}`);
    summary.text(`On ${result.endpoint}, ${humanDuration(result.durationMs)}.`);
    summary.table(['Service', 'Outcome', 'Image before', 'Image after', 'Running', 'Error'], result.services.map((r) => [r.service, r.outcome, shortImage(r.imageBefore), shortImage(r.imageAfter), replicas(r), r.taskError ? `${r.why}: ${r.taskError}` : (r.why ?? '')]));
    const problems = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome)).map(describeProblem);
    if (problems.length)
        summary.list(problems);
    if (result.filled.length) {
        summary.text('Update policy defaults Slipway filled in (your compose file gave none; it was not changed):');
        summary.list(result.filled.map((f) => `${f.service}: \`${f.setting}: ${f.value}\` — ${f.why}`));
    }
    return summary;
}
function swarmOutputs(result) {
    return {
        'swarm-services': JSON.stringify(result.services),
        'swarm-outcome': swarmFailure(result) ? 'failed' : 'converged',
    };
}

;// CONCATENATED MODULE: ./build/src/swarm/strategy.js








/**
 * `strategy: swarm` of ssh-deploy: the host is a swarm manager, reached on the
 * same SSH session, lock and deploy log as the other strategies; the engine
 * does the rolling update and the rollback, Slipway waits and reports.
 */
function sessionDockerEndpoint(run) {
    return remoteDockerEndpoint((words, options) => run.session.exec(words, { stdin: options?.stdin, timeoutMs: options?.timeoutMs, allowFailure: options?.allowFailure, label: options?.label }), `manager ${run.session.name}`);
}
function swarmSettingsOf(run, mode) {
    const swarm = run.settings.swarm;
    if (!swarm)
        throw new SlipwayError('strategy swarm: settings missing (internal)');
    return {
        mode: mode === 'rollback' ? 'rollback' : swarm.service ? 'service' : 'stack',
        stack: swarm.stack, composeFile: swarm.stackFile, service: swarm.service, image: swarm.image,
        parallelism: swarm.parallelism, timeoutMs: swarm.timeoutMs, pollMs: SWARM_DEFAULTS.pollMs,
        secrets: swarm.secrets, env: run.settings.env, prune: false,
    };
}
const firstImage = (result, which) => shortImage(result.services.find((s) => s[which])?.[which]);
/**
 * Each host's swarm reports of one deploy, keyed by its settings object (one
 * per run), then by the deploy's result: how the per-service table reaches the
 * job summary without widening the fleet's host outcomes.
 */
const reportsBySettings = new WeakMap();
const summariesByResult = new WeakMap();
/** Remembers one host's swarm report for the deploy that runs with `settings`. */
function keepSwarmReport(settings, result) {
    reportsBySettings.set(settings, [...(reportsBySettings.get(settings) ?? []), result]);
}
/** Called by the deploy flow once the fleet is done: ties the swarm reports of `settings` to its `result`. */
function keepSwarmReports(result, settings) {
    const reports = reportsBySettings.get(settings);
    if (reports?.length)
        summariesByResult.set(result, reports.reduce((summary, r) => summary.append(swarmSummary(r)), new Summary()));
    return result;
}
/** The per-service tables and filled-in defaults for the job summary (empty for other strategies). */
function swarmReportSummary(result) {
    return summariesByResult.get(result) ?? new Summary();
}
/**
 * A deploy the engine did not finish well: the previous version serves only
 * when no service kept its new version and every rolled-back one runs again.
 */
function judgeFailedDeploy(result) {
    const updated = result.services.filter((s) => s.outcome === 'updated').map((s) => s.service);
    const bad = result.services.filter((s) => !GOOD_OUTCOMES.has(s.outcome));
    const previousServes = updated.length === 0 && bad.every((s) => s.outcome === 'rolled-back' && s.running > 0);
    return { previousServes, note: updated.length ? `\nThese services were updated and run their new version: ${updated.join(', ')} (mode rollback puts them back)` : '' };
}
/** What to roll back after a failed health check: the services this deploy changed, apart from those it created. */
function rollbackPlan(result) {
    const changed = result.services.filter((s) => s.outcome === 'updated');
    return { names: changed.filter((s) => s.imageBefore).map((s) => s.service), fresh: changed.filter((s) => !s.imageBefore).map((s) => s.service) };
}
async function swarmDeploy(run) {
    const endpoint = sessionDockerEndpoint(run);
    const result = await runSwarm(swarmSettingsOf(run, 'stack'), endpoint, run.log);
    keepSwarmReport(run.settings, result);
    const previous = firstImage(result, 'imageBefore');
    const failure = swarmFailure(result);
    if (failure) {
        const verdict = judgeFailedDeploy(result);
        if (verdict.previousServes)
            throw new RolledBackError(run.session.name, failure, `the previous version (${previous})`);
        throw new SlipwayError(`${run.session.name}: ${failure}${verdict.note}`);
    }
    // The same HTTP health gate as the other strategies, when health-url is set.
    const { health, version } = run.settings;
    const verdict = await waitForHttpHealth(run.session, health, version, run.log, Date.now() + health.timeoutMs);
    if (verdict.healthy)
        return { version, previous, changed: true };
    return rollBackUnhealthy(run, endpoint, result, verdict.detail);
}
/** The health check failed after the engine converged: roll back what this deploy changed, and say what serves. */
async function rollBackUnhealthy(run, endpoint, deployed, detail) {
    const reason = `the new version failed its health check (${detail})`;
    const { names, fresh } = rollbackPlan(deployed);
    const freshNote = fresh.length ? `; new in this deploy, so nothing to roll back to: ${fresh.join(', ')} (still running the new version)` : '';
    if (names.length === 0)
        throw new SlipwayError(`${run.session.name}: ${reason}${freshNote || '; no service changed, so there is nothing to roll back'}`);
    run.log.warn(`${run.session.name}: ${detail}; rolling back ${names.join(', ')} with the engine`);
    let back;
    try {
        back = await runSwarm({ ...swarmSettingsOf(run, 'rollback'), services: names }, endpoint, run.log);
    }
    catch (error) {
        throw new SlipwayError(`${run.session.name}: ${reason}; the engine rollback could not run (${errors_formatError(error)}), so the new version is still running${freshNote}`);
    }
    keepSwarmReport(run.settings, back);
    const failure = swarmFailure(back);
    const notRunning = back.services.filter((s) => s.running === 0).map((s) => s.service);
    if (failure || notRunning.length) {
        throw new SlipwayError(`${run.session.name}: ${reason}; the rollback did not bring the previous version back: ${failure ?? `nothing running for ${notRunning.join(', ')}`}${freshNote}`);
    }
    if (fresh.length)
        throw new SlipwayError(`${run.session.name}: ${reason}; rolled back ${names.join(', ')} to ${firstImage(back, 'imageAfter')}${freshNote}`);
    throw new RolledBackError(run.session.name, reason, `the previous version (${firstImage(back, 'imageAfter')})`);
}
async function swarmRollback(run) {
    const result = await runSwarm(swarmSettingsOf(run, 'rollback'), sessionDockerEndpoint(run), run.log);
    keepSwarmReport(run.settings, result);
    const failure = swarmFailure(result);
    if (failure)
        throw new SlipwayError(`${run.session.name}: ${failure}`);
    return { version: firstImage(result, 'imageAfter'), previous: firstImage(result, 'imageBefore'), changed: true };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/compose-check.js

/**
 * Why a compose service cannot run as a second copy beside itself, read from
 * `compose config` (the merged, interpolated model). Each problem names the
 * field and the fix; checked before anything starts.
 */
function runTwiceProblems(configYaml, service) {
    const model = (0,dist.parse)(configYaml);
    const definition = model?.services?.[service];
    if (!definition)
        return [`service '${service}' is not in the compose files (found ${Object.keys(model?.services ?? {}).join(', ') || 'no services'})`];
    const problems = [];
    if (definition.container_name !== undefined) {
        problems.push(`services.${service}.container_name is set (found '${String(definition.container_name)}'): Docker allows one container per name, so the new copy cannot start beside the old one. Remove container_name; Slipway names each copy by its compose project`);
    }
    const ports = Array.isArray(definition.ports) ? definition.ports : [];
    if (ports.length > 0) {
        const shown = ports.map((port) => (typeof port === 'object' && port ? `${String(port.published ?? '')}:${String(port.target ?? '')}` : String(port))).join(', ');
        problems.push(`services.${service}.ports publishes host ports (found ${shown}): two copies cannot bind the same host port. Remove ports:, use network_mode: host and have the app listen on $PORT (Slipway gives each copy its own port from slot-ports)`);
    }
    if (definition.network_mode !== 'host') {
        problems.push(`services.${service}.network_mode is not host (found ${String(definition.network_mode ?? 'a bridge network')}): the proxy reaches each copy on a host port. Set network_mode: host and have the app listen on $PORT`);
    }
    return problems;
}
/** The override Slipway keeps per copy: the image and the port the copy listens on. JSON is YAML. */
function renderSlotOverride(service, image, portEnv, port) {
    return `${JSON.stringify({ services: { [service]: { image, environment: { [portEnv]: String(port) } } } }, null, 2)}\n`;
}
/** The port a copy was started on, read back from its override; undefined when there is none or it is not Slipway's. */
function slotPortFrom(overrideText, service, portEnv) {
    try {
        const model = JSON.parse(overrideText);
        const port = Number(model.services?.[service]?.environment?.[portEnv]);
        return Number.isInteger(port) && port > 0 ? port : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/host-ports.js
/**
 * What the host's kernel says about TCP ports, read from /proc/net/tcp and
 * /proc/net/tcp6 (present on every Linux host, no `ss` or `netstat` needed).
 * Containers run with host networking, so their sockets are in these tables.
 */
const READ_TCP_TABLES = ['sh', '-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null || true'];
const LISTEN = '0A';
const ESTABLISHED = '01';
function parseTcpTables(text) {
    const listening = new Set();
    const established = new Map();
    for (const line of text.split('\n')) {
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        const state = fields[3];
        if (!local || !state || !/^[0-9A-F]+:[0-9A-F]{4}$/i.test(local))
            continue;
        const port = parseInt(local.slice(local.indexOf(':') + 1), 16);
        if (state === LISTEN)
            listening.add(port);
        else if (state === ESTABLISHED)
            established.set(port, (established.get(port) ?? 0) + 1);
    }
    return { listening, established };
}
/** The first port in the range that nothing listens on and that is not the live copy's; undefined if none. */
function host_ports_chooseFreePort(range, listening, exclude) {
    for (let port = range.first; port <= range.last; port += 1) {
        if (!listening.has(port) && !exclude.includes(port))
            return port;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/caddy-config.js
/** The loopback names an upstream may use for a copy on this host. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** Every reverse_proxy upstream in a Caddy JSON config that dials `port` on loopback. */
function findUpstreams(config, port) {
    const found = [];
    const wanted = LOOPBACK.map((host) => `${host}:${port}`);
    const walk = (node, path) => {
        if (Array.isArray(node)) {
            node.forEach((child, index) => walk(child, [...path, String(index)]));
            return;
        }
        if (!node || typeof node !== 'object')
            return;
        const record = node;
        if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
            record.upstreams.forEach((upstream, index) => {
                const dial = upstream?.dial;
                if (typeof dial === 'string' && wanted.includes(dial))
                    found.push({ path: [...path, 'upstreams', String(index), 'dial'].join('/'), dial });
            });
        }
        for (const [key, child] of Object.entries(record))
            walk(child, [...path, key]);
    };
    walk(config, []);
    return found;
}
/** Every loopback upstream dial in the config, for messages ("found 127.0.0.1:9000"). */
function allDials(config) {
    const dials = [];
    const walk = (node) => {
        if (Array.isArray(node))
            return node.forEach(walk);
        if (!node || typeof node !== 'object')
            return;
        const record = node;
        if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
            for (const upstream of record.upstreams)
                if (typeof upstream?.dial === 'string')
                    dials.push(upstream.dial);
        }
        Object.values(record).forEach(walk);
    };
    walk(config);
    return dials;
}
/** The ports of every loopback upstream in the config: where Caddy sends traffic on this host. */
function loopbackPorts(config) {
    const ports = allDials(config).map((dial) => {
        const split = dial.lastIndexOf(':');
        return LOOPBACK.includes(dial.slice(0, split)) ? Number(dial.slice(split + 1)) : NaN;
    });
    return [...new Set(ports.filter((port) => Number.isInteger(port) && port > 0))];
}
/**
 * Moves one upstream: a PATCH of its `dial` value alone, so other sites and
 * apps in the same Caddy are not rewritten. With the ETag of the config the
 * upstream was found in as If-Match, Caddy refuses (412) when anything changed
 * since, instead of applying the change to a path that now means something else.
 */
function dialPatch(ref, port, etag) {
    return { method: 'PATCH', path: `/config/${ref.path}`, body: JSON.stringify(`127.0.0.1:${port}`), headers: etag ? { 'if-match': etag } : {} };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/proxy.js



function proxySwitcher(session, settings) {
    switch (settings.proxy) {
        case 'caddy': return new CaddySwitcher(session, settings.caddyAdmin);
        case 'nginx': return new NginxSwitcher(session, settings.nginxUpstreamFile ?? '', settings.nginxCommand);
        case 'command': return new CommandSwitcher(session, settings.switchCommand ?? '');
    }
}
/** The contents of the nginx include: one server line inside the user's `upstream` block. */
function renderNginxUpstream(port) {
    return `# Written by Slipway on each zero-downtime deploy: the live copy of the app.\nserver 127.0.0.1:${port};\n`;
}
/**
 * The loopback ports an nginx include points at: Slipway writes `server 127.0.0.1:<port>;`,
 * but before the first switch it holds what the user wrote (`proxy_pass http://127.0.0.1:<port>;`).
 */
function nginxUpstreamPorts(text) {
    const ports = new Set();
    for (const line of text.split('\n')) {
        const code = line.replace(/#.*/, '');
        for (const match of code.matchAll(/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)\b/g))
            ports.add(Number(match[1]));
    }
    return [...ports];
}
/** Caddy's admin API on the host's loopback, reached through a port forwarded over the SSH session. */
class CaddySwitcher {
    session;
    admin;
    kind = 'caddy';
    constructor(session, admin) {
        this.session = session;
        this.admin = admin;
    }
    async request(method, path, body, extraHeaders = {}) {
        const split = this.admin.lastIndexOf(':');
        const host = this.admin.slice(0, split).replace(/^\[|\]$/g, '');
        const forward = await this.session.forwardLocalPort(Number(this.admin.slice(split + 1)), host).catch((error) => {
            throw new SlipwayError(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${error.message})`, { fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)' });
        });
        try {
            return await new Promise((resolve, reject) => {
                const request = external_node_http_namespaceObject.request({
                    host: '127.0.0.1', port: forward.localPort, method, path, agent: false, timeout: 10_000,
                    // Caddy checks Host against the admin address it listens on.
                    headers: { host: this.admin, ...extraHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
                }, (response) => {
                    let text = '';
                    response.setEncoding('utf8');
                    response.on('data', (chunk) => { text += chunk; });
                    // Caddy sends the ETag of a config read as a trailer.
                    response.on('end', () => resolve({ status: response.statusCode ?? 0, text, etag: response.trailers.etag ?? response.headers.etag }));
                });
                request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
                request.on('error', (error) => reject(new SlipwayError(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${error.message})`, {
                    fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)',
                })));
                request.end(body);
            });
        }
        finally {
            await forward.close();
        }
    }
    async read() {
        const { status, text, etag } = await this.request('GET', '/config/');
        if (status !== 200)
            throw new SlipwayError(`caddy-admin: Caddy refused to show its config (HTTP ${status}: ${text.trim().slice(0, 200)})`, { fix: 'Check the admin endpoint allows requests from the host\'s loopback' });
        return { config: JSON.parse(text), etag };
    }
    async config() {
        return (await this.read()).config;
    }
    async servingPorts() {
        return loopbackPorts(await this.config());
    }
    async preflight(fromPort) {
        const config = await this.config();
        if (findUpstreams(config, fromPort).length === 0) {
            throw new SlipwayError(`caddy-admin: no reverse_proxy upstream in Caddy's config dials port ${fromPort} on loopback (found ${allDials(config).join(', ') || 'no reverse_proxy upstreams'})`, {
                fix: `Point the site's reverse_proxy at 127.0.0.1:${fromPort} (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
            });
        }
    }
    async switchTo(toPort, fromPort) {
        let { config, etag } = await this.read();
        const moving = findUpstreams(config, fromPort).length;
        if (moving === 0)
            throw new SlipwayError(`caddy-admin: no upstream dials port ${fromPort} any more (found ${allDials(config).join(', ')}); someone changed Caddy's config during the deploy`);
        // Only this app's upstream dials change (one graceful reload each), so another
        // app switching its own route on the same Caddy is neither lost nor undone; a
        // change by someone else in between makes Caddy answer 412, and we read again.
        for (let round = 1, conflicts = 0;; round += 1) {
            const ref = findUpstreams(config, fromPort)[0];
            if (!ref)
                break;
            const patch = dialPatch(ref, toPort, etag);
            const { status, text } = await this.request(patch.method, patch.path, patch.body, patch.headers);
            if (status === 412 && conflicts < 5)
                conflicts += 1;
            else if (status !== 200)
                throw new SlipwayError(`caddy-admin: Caddy refused the new upstream 127.0.0.1:${toPort} (HTTP ${status}: ${text.trim().slice(0, 300)})`, { fix: 'Read Caddy\'s answer above; its config was left as it was' });
            if (round > moving + 5)
                throw new SlipwayError(`caddy-admin: Caddy's config kept changing while Slipway moved the upstream to 127.0.0.1:${toPort} (found ${allDials(config).join(', ')})`, { fix: 'Deploy again once no other change is being made to Caddy' });
            ({ config, etag } = await this.read());
        }
        // The last read is the read-back: every upstream that dialed the old port dials the new one.
        if (findUpstreams(config, toPort).length < moving || findUpstreams(config, fromPort).length > 0) {
            throw new SlipwayError(`caddy-admin: Caddy accepted the change but its config still dials ${allDials(config).join(', ')}`);
        }
    }
}
/** nginx: rewrite the upstream include, `nginx -t`, then `nginx -s reload` (old workers finish their requests). */
class NginxSwitcher {
    session;
    file;
    command;
    kind = 'nginx';
    constructor(session, file, command) {
        this.session = session;
        this.file = file;
        this.command = command;
    }
    nginx(...args) {
        return ['sh', '-c', `${this.command} "$@"`, 'slipway-nginx', ...args];
    }
    async preflight(fromPort) {
        const writable = await this.session.exec(['sh', '-c', 'd=$(dirname "$1"); [ -w "$d" ] && { [ ! -e "$1" ] || [ -w "$1" ]; }', 'slipway-check', this.file], { allowFailure: true });
        if (writable.exitCode !== 0)
            throw new SlipwayError(`nginx-upstream-file: ${this.file} on ${this.session.name} is not writable by ${this.session.target.user}`, { fix: 'Create its directory owned by the SSH user (the rest of nginx\'s config can stay root\'s)' });
        const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
        if (test.exitCode !== 0)
            throw new SlipwayError(`nginx: \`${this.command} -t\` fails before any change (${proxy_lastLine(test.stderr)})`, { fix: 'Fix nginx\'s config first, or set nginx-command to how nginx is run on the host (e.g. sudo -n nginx)' });
        const current = await this.session.exec(['cat', this.file], { allowFailure: true });
        if (current.exitCode === 0 && !current.stdout.includes(`:${fromPort};`)) {
            throw new SlipwayError(`nginx-upstream-file: ${this.file} does not point at the live copy's port ${fromPort} (found ${current.stdout.trim().split('\n').pop() ?? 'nothing'})`, {
                fix: `Write \`server 127.0.0.1:${fromPort};\` into it (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
            });
        }
    }
    async servingPorts() {
        const current = await this.session.exec(['cat', this.file], { allowFailure: true });
        // No file yet (or unreadable): preflight says what is wrong with it.
        return current.exitCode === 0 ? nginxUpstreamPorts(current.stdout) : undefined;
    }
    async switchTo(toPort) {
        const previous = await this.session.exec(['cat', this.file], { allowFailure: true });
        const write = (text) => this.session.exec(['sh', '-c', 'cat > "$1.slipway-new" && mv -f "$1.slipway-new" "$1"', 'slipway-upstream', this.file], { stdin: text, label: `write ${this.file}` });
        await write(renderNginxUpstream(toPort));
        const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
        if (test.exitCode !== 0) {
            if (previous.exitCode === 0)
                await write(previous.stdout);
            else
                await this.session.exec(['rm', '-f', this.file]);
            throw new SlipwayError(`nginx: \`nginx -t\` rejected the new upstream 127.0.0.1:${toPort} (${proxy_lastLine(test.stderr)}); ${this.file} was put back and nginx was not reloaded`, { fix: 'Check the upstream block that includes the file' });
        }
        const reload = await this.session.exec(this.nginx('-s', 'reload'), { allowFailure: true, label: `nginx -s reload on ${this.session.target.host}` });
        if (reload.exitCode !== 0) {
            if (previous.exitCode === 0)
                await write(previous.stdout);
            throw new SlipwayError(`nginx: \`nginx -s reload\` failed (${proxy_lastLine(reload.stderr)}); ${this.file} was put back`, { fix: 'Check nginx-command can signal the running nginx (same -c/-p and pid file, same user or sudo -n)' });
        }
    }
}
/** Any other proxy: the user's command gets the new port as its argument (and SLIPWAY_OLD_PORT). */
class CommandSwitcher {
    session;
    command;
    kind = 'command';
    constructor(session, command) {
        this.session = session;
        this.command = command;
    }
    async preflight() { }
    async servingPorts() {
        return undefined;
    }
    async switchTo(toPort, fromPort) {
        const result = await this.session.exec(['sh', '-c', `${this.command} "$1"`, 'slipway-proxy-switch', String(toPort)], {
            env: { SLIPWAY_NEW_PORT: String(toPort), SLIPWAY_OLD_PORT: String(fromPort) }, allowFailure: true, label: `proxy-switch-command on ${this.session.target.host}`,
        });
        if (result.exitCode !== 0)
            throw new SlipwayError(`proxy-switch-command: exited with code ${result.exitCode} switching to port ${toPort} (${proxy_lastLine(result.stderr)})`);
    }
}
/** The line that says why (nginx puts `[emerg]` before its closing "test failed"). */
function proxy_lastLine(text) {
    const lines = text.trim().split('\n').filter(Boolean);
    return lines.find((line) => /\[(emerg|alert|crit)\]/.test(line)) ?? lines.pop() ?? '';
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/switch-back.js
/**
 * The truth after a failed switch or a red watch window: the proxy's own answer
 * wins over what the switch calls reported. Messages never claim the old
 * version serves unless the switch back worked or the proxy says so.
 */
function judgeSwitchBack(input) {
    const { host, cause, proxy, old, newPort, back } = input;
    // A proxy that names no loopback port cannot tell which copy serves.
    const ports = back.proxyPorts?.length ? back.proxyPorts : undefined;
    const oldServes = ports ? ports.includes(old.port) && !ports.includes(newPort) : back.error === undefined;
    const removeNew = ports ? !ports.includes(newPort) : back.error === undefined;
    if (oldServes) {
        const switched = !back.attempted ? '' : back.error === undefined ? 'traffic was switched back, '
            : `traffic is back on the old copy (the switch back reported: ${back.error}; ${proxy} points at port ${old.port}), `;
        return { oldServes, removeNew, message: `${host}: ${cause}; ${switched}the new copy was removed and ${old.label} on port ${old.port} keeps serving` };
    }
    const why = back.error ?? (back.attempted ? `${proxy} still sends traffic to port ${newPort}` : `${proxy} was not switched back`);
    const where = ports
        ? `${proxy} points at port ${ports.join(', ')}`
        : `which port ${proxy} points at is not known (${proxy === 'command' ? 'proxy-switch-command cannot be asked' : 'it did not answer, or named no loopback port'})`;
    const fate = removeNew ? 'the new copy was removed' : `the new copy on port ${newPort} was left running, as it may still take traffic`;
    return {
        oldServes, removeNew,
        message: `${host}: ${cause}; switching back to ${old.label} on port ${old.port} failed (${why}); ${where}; ${fate}; ${old.label} still runs on port ${old.port}`,
        fix: `Point ${proxy} at port ${old.port} (the old version) by hand, then deploy again`,
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/deploy.js













const settingsOf = (run) => {
    const zd = run.settings.zeroDowntime;
    if (!zd)
        throw new Error('zero-downtime settings missing');
    return zd;
};
const stateFileOf = (run, ctx) => `${stateDir(run.appDir)}/zero-downtime-${ctx.projectName}-${ctx.compose.service}.state`;
const overrideOf = (run, project) => `${stateDir(run.appDir)}/${project}.override.json`;
function copyFrom(state, prefix) {
    const project = state[`${prefix}project`];
    const port = Number(state[`${prefix}port`]);
    if (!project || !port)
        return undefined;
    return { project, port, image: state[`${prefix}image`] ?? '', version: state[`${prefix}version`] ?? '' };
}
function copyFields(copy, prefix) {
    return copy ? { [`${prefix}project`]: copy.project, [`${prefix}port`]: String(copy.port), [`${prefix}image`]: copy.image, [`${prefix}version`]: copy.version } : {};
}
async function containersOf(run, project, service) {
    return (await run.session.exec(serviceContainersWords(project, service, true))).stdout.split('\n').filter(Boolean);
}
async function removeCopy(run, project, service, stopTimeoutS) {
    const ids = await containersOf(run, project, service);
    if (ids.length === 0)
        return 0;
    await run.session.exec(['docker', 'stop', '-t', String(stopTimeoutS), ...ids], { allowFailure: true, survivesDisconnect: true, label: `stop ${project} on ${run.session.target.host}` });
    await run.session.exec(['docker', 'rm', '-f', ...ids], { allowFailure: true, label: `remove ${project} on ${run.session.target.host}` });
    return ids.length;
}
/** The port `project` was started on, from the override Slipway wrote before starting it. */
async function slotPortOf(run, project, service, portEnv) {
    const text = (await run.session.exec(['sh', '-c', 'cat "$1" 2>/dev/null || true', 'slipway-override', overrideOf(run, project)])).stdout;
    return slotPortFrom(text, service, portEnv);
}
async function tcpTables(run) {
    return parseTcpTables((await run.session.exec(READ_TCP_TABLES)).stdout);
}
/** The smoke-test checks against one copy's own port, through the SSH session, with the expected version. */
async function copyHealthy(run, port, version, timeoutMs, consecutivePasses = 2) {
    const url = new URL(run.settings.health.url ?? '');
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const check = oneLineCheck(url.toString(), 'health-url', { expectVersion: version || undefined });
    const report = await runSmokeChecksOverSession(run.session, [check], { timeoutMs, consecutivePasses, retryMaxDelayMs: 1000 }, run.log);
    const outcome = report.checks[0];
    return { healthy: report.passed, detail: report.passed ? `${url} answered with version ${outcome?.versionSeen ?? '?'}` : `${url}: ${outcome?.reason ?? 'failed'}` };
}
/** After the switch, with proxy-health-url: until a request through the proxy reports the new version. */
async function waitForTrafficOnNew(run, zd, version) {
    if (!zd.proxyHealthUrl)
        return;
    const check = oneLineCheck(zd.proxyHealthUrl, 'proxy-health-url', { expectVersion: version || undefined });
    const report = await runSmokeChecksOverSession(run.session, [check], { timeoutMs: 15_000, consecutivePasses: 1, retryBaseDelayMs: 50, retryMaxDelayMs: 200 }, run.log);
    if (!report.passed)
        throw new SlipwayError(`proxy-health-url: the proxy still does not serve version ${version} after the switch (${report.checks[0]?.reason ?? 'failed'})`);
}
/**
 * After a failure at or after the switch: sends traffic back to the old copy if
 * the proxy was (or, asked, turns out to be) switched, then asks the proxy where
 * it points. Never throws: the caller reports what happened.
 */
async function switchBack(proxy, oldPort, newPort, switched) {
    const ask = () => proxy.servingPorts().catch(() => undefined);
    if (!switched) {
        const ports = await ask();
        if (!ports?.includes(newPort))
            return { attempted: false, proxyPorts: ports };
    }
    let error;
    try {
        await proxy.switchTo(oldPort, newPort);
    }
    catch (failure) {
        error = errors_formatError(failure);
    }
    return { attempted: true, error, proxyPorts: await ask() };
}
/**
 * Waits until the old copy has no open connection (two polls in a row, after a
 * short settle so a proxy that reloads asynchronously has stopped picking it),
 * or the drain timeout. Returns how many connections were still open.
 */
async function drain(run, port, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    await sleep(Math.min(500, timeoutMs));
    let quiet = 0;
    for (;;) {
        const open = (await tcpTables(run)).established.get(port) ?? 0;
        quiet = open === 0 ? quiet + 1 : 0;
        if (quiet >= 2)
            return 0;
        if (Date.now() >= deadline)
            return open;
        await sleep(200);
    }
}
/**
 * Start the new version beside the old one, switch the proxy, drain, stop the old:
 * the `zero-downtime` option of the compose strategy. Runs under ssh-deploy's lock.
 */
async function switchDeploy(run, image, version, action) {
    const zd = settingsOf(run);
    const ctx = await prepare(run);
    const { service } = ctx.compose;
    const host = run.session.name;
    const stateFile = stateFileOf(run, ctx);
    const state = await readStateFile(run.session, stateFile);
    const healthPort = Number(new URL(run.settings.health.url ?? '').port || 80);
    // The live copy: recorded by the last switch, else the plain compose service on health-url's port.
    let live = state.status === 'deployed' ? copyFrom(state, 'live_') : undefined;
    if (!live) {
        const current = await runningImage(run, ctx);
        const composeState = await readStateFile(run.session, ctx.stateFile);
        live = { project: ctx.projectName, port: healthPort, image: current ?? '', version: current ? (composeState.image === current ? composeState.version : undefined) ?? current : '' };
    }
    let before = copyFrom(state, 'previous_');
    // The proxy, not the state file, has the last word on which copy serves: a
    // deploy cut between its switch and its state write leaves the file a step behind.
    const proxy = proxySwitcher(run.session, zd);
    const serving = await proxy.servingPorts();
    const pending = copyFrom(state, 'pending_');
    if (serving && !serving.includes(live.port) && pending && pending.project !== live.project && serving.includes(pending.port)
        && (await containersOf(run, pending.project, service)).length > 0) {
        run.log.warn(`${host}: ${proxy.kind} sends traffic to ${pending.project} (${pending.version || pending.image}) on port ${pending.port}, not to ${live.project} on port ${live.port} as the state file says: an earlier deploy was cut right after its switch, so ${pending.project} is the live copy`);
        before = live;
        live = pending;
    }
    const liveRuns = (await containersOf(run, live.project, service)).length > 0;
    const slot = live.project.endsWith('-blue') ? `${ctx.projectName}-green` : `${ctx.projectName}-blue`;
    const slotPort = await slotPortOf(run, slot, service, zd.portEnv);
    // Before anything is removed or started: can the service run twice, is the proxy there and pointing at the live copy.
    const override = overrideOf(run, slot);
    const writeOverride = (port) => run.session.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"', 'slipway-override', override], {
        stdin: renderSlotOverride(service, image, zd.portEnv, port), label: `ssh ${run.session.target.host}: point ${slot} at ${image}`,
    });
    const project = { ...ctx.project, project: slot, overrideFile: override };
    await writeOverride(0);
    const config = await run.session.exec(composeWords(ctx.flavor, project, 'config'), { env: run.settings.env, allowFailure: true, label: `compose config on ${run.session.target.host}` });
    if (config.exitCode !== 0)
        throw new SlipwayError(`${host}: \`compose config\` fails (${config.stderr.trim().split('\n').pop() ?? ''})`, { fix: 'Fix the compose files' });
    const problems = runTwiceProblems(config.stdout, service);
    if (problems.length > 0) {
        throw new SlipwayError(`${host}: zero-downtime needs two copies of '${service}' side by side, and this compose service cannot run twice:\n- ${problems.join('\n- ')}`, { fix: 'Change the compose file as above, or deploy without zero-downtime' });
    }
    await proxy.preflight(live.port);
    throwIfCancelled(run.signal, 'removing copies an earlier deploy left behind');
    // Copies an earlier deploy left behind: half-started (cut before its switch), or
    // switched away from but not drained (cut after it). Never one the proxy sends traffic to.
    const leftovers = [{ project: slot, port: slotPort }];
    if (before && before.project !== slot && before.project !== live.project)
        leftovers.push({ project: before.project, port: before.port });
    for (const leftover of leftovers) {
        const ids = await containersOf(run, leftover.project, service);
        if (ids.length === 0)
            continue;
        if (leftover.port !== undefined && serving?.includes(leftover.port)) {
            throw new SlipwayError(`${host}: ${proxy.kind} sends traffic to port ${leftover.port}, where ${leftover.project} runs, as well as to the live copy ${live.project} on port ${live.port}; Slipway never removes a copy the proxy sends traffic to`, {
                fix: `Point the proxy at port ${live.port} only (or remove ${leftover.project} yourself), then deploy again`,
            });
        }
        const switchedAway = before?.project === leftover.project;
        if (switchedAway && leftover.port !== undefined) {
            const cut = await drain(run, leftover.port, zd.drainTimeoutMs);
            if (cut > 0)
                run.log.warn(`${host}: ${cut} connection(s) to ${leftover.project} were still open after drain-timeout and were cut`);
        }
        const removed = await removeCopy(run, leftover.project, service, switchedAway ? zd.stopTimeoutS : 1);
        run.log.warn(switchedAway
            ? `${host}: stopped ${removed} container(s) of ${leftover.project}, which an earlier deploy switched away from but did not drain (${proxy.kind} no longer sends traffic to it)`
            : `${host}: removed ${removed} container(s) of ${leftover.project} left half-started by an earlier deploy (never switched to)`);
    }
    const tables = await tcpTables(run);
    const port = host_ports_chooseFreePort(zd.ports, tables.listening, [live.port]);
    if (port === undefined) {
        const busy = [...tables.listening].filter((p) => p >= zd.ports.first && p <= zd.ports.last).sort((a, b) => a - b);
        throw new SlipwayError(`${host}: slot-ports: no free port for the new copy in ${zd.ports.first}-${zd.ports.last} (in use: ${busy.join(', ') || 'none'}; live copy on ${live.port})`, { fix: 'Widen slot-ports or stop what listens there' });
    }
    const next = { project: slot, port, image, version };
    throwIfCancelled(run.signal, `starting ${slot}`);
    // Recorded first, so the next deploy (or a person) knows what this one was starting.
    await writeStateFile(run.session, stateFile, { ...copyFields(live, 'live_'), ...copyFields(next, 'pending_'), ...copyFields(before, 'previous_'), status: liveRuns ? 'deployed' : 'starting' });
    run.log.info(`${host}: starting ${service} ${version} as ${slot} on port ${port} beside ${live.project} on port ${live.port}`);
    await writeOverride(port);
    const env = run.settings.env;
    const oldLabel = live.version || live.image || 'the old version';
    /** Switches back if needed and says truthfully what serves; removes the new copy only when no traffic goes to it. */
    const afterFailure = async (cause, switched) => {
        const verdict = judgeSwitchBack({ host, cause, proxy: proxy.kind, old: { label: oldLabel, port: live.port }, newPort: port, back: await switchBack(proxy, live.port, port, switched) });
        if (verdict.removeNew) {
            await removeNext(cause);
        }
        else {
            run.log.warn(`${host}: ${verdict.message}`);
            await writeStateFile(run.session, stateFile, { ...copyFields(next, 'live_'), ...copyFields(live, 'previous_'), status: 'deployed', proxy: proxy.kind, last_failure: verdict.message });
        }
        return verdict;
    };
    const removeNext = async (why) => {
        run.log.warn(`${host}: ${why}; removing ${slot}`);
        await removeCopy(run, slot, service, 1);
        await writeStateFile(run.session, stateFile, { ...copyFields(live, 'live_'), ...copyFields(before, 'previous_'), status: liveRuns ? 'deployed' : 'empty', last_failure: why });
    };
    try {
        if (ctx.compose.pull && action === 'deploy')
            await run.session.exec(composeWords(ctx.flavor, project, 'pull', service), { env, label: `compose pull ${service} on ${run.session.target.host}` });
        throwIfCancelled(run.signal, `compose up of ${slot}`);
        await run.session.exec(composeWords(ctx.flavor, project, 'up', '-d', '--no-deps', service), { env, survivesDisconnect: true, stream: true, label: `compose up ${slot} on ${run.session.target.host}` });
    }
    catch (error) {
        if (await run.session.isAlive())
            await removeNext(`${slot} did not start (${errors_formatError(error)})`);
        throw error;
    }
    // A cancel while the new copy is checked: it is not switched to (the proxy stays on the old copy).
    const verdict = await untilCancelled(copyHealthy(run, port, version, run.settings.health.timeoutMs), run.signal, () => ({ healthy: false, detail: 'cancelled before it was verified' }));
    if (!verdict.healthy) {
        await removeNext(`new version ${version} never got healthy (${verdict.detail})`);
        throw new SlipwayError(`${host}: new version ${version} never got healthy on port ${port} (${verdict.detail}); it was removed and the proxy was not touched, ${live.version || live.image || 'the old version'} is still serving`);
    }
    const healthyAt = external_node_perf_hooks_namespaceObject.performance.now();
    let switched = false;
    let switchedAt;
    try {
        throwIfCancelled(run.signal, `the ${proxy.kind} switch to port ${port}`);
        await proxy.switchTo(port, live.port);
        switched = true;
        switchedAt = new Date().toISOString();
        // Recorded at once: if the connection drops from here on, the next deploy must know the new copy serves.
        await writeStateFile(run.session, stateFile, {
            ...copyFields(next, 'live_'), ...copyFields(live, 'previous_'), status: 'deployed', switched_at: switchedAt, proxy: proxy.kind,
        });
        await waitForTrafficOnNew(run, zd, version);
        // Cancelled after the switch but before the new copy's watch: back to the old copy, untouched and healthy.
        throwIfCancelled(run.signal, 'the watch window of the new copy');
    }
    catch (error) {
        // Traffic goes back to the live copy, which was never touched; the message says if it did not.
        const verdict = await afterFailure(errors_formatError(error), switched);
        throw new SlipwayError(verdict.message, { fix: verdict.fix });
    }
    const switchMs = external_node_perf_hooks_namespaceObject.performance.now() - healthyAt;
    run.log.info(`${host}: ${proxy.kind} sends traffic to ${slot} on port ${port} (${Math.round(switchMs)} ms after it was healthy)`);
    if (zd.watchMs > 0) {
        const watchEnd = Date.now() + zd.watchMs;
        while (Date.now() < watchEnd) {
            const watch = run.signal?.aborted ? { healthy: false, detail: 'cancelled within the watch window' } : await copyHealthy(run, port, version, 2000, 1);
            if (!watch.healthy) {
                run.log.warn(`${host}: ${version} turned red within the watch window (${watch.detail}); switching back to port ${live.port}`);
                const cause = `new version ${version} turned red ${Math.round((zd.watchMs - (watchEnd - Date.now())) / 1000)} s after the switch (${watch.detail})`;
                const verdict = await afterFailure(cause, true);
                if (verdict.oldServes)
                    throw new RolledBackError(host, cause, `the old version ${live.version || live.image}`);
                throw new SlipwayError(verdict.message, { fix: verdict.fix });
            }
            await sleep(500);
        }
    }
    let cut = 0;
    if (liveRuns && run.signal?.aborted) {
        // Cancelled after the watch: the new copy serves, verified. The old one is left running for the next deploy to drain and stop.
        run.log.warn(`${host}: cancelled after the switch: ${version} serves on port ${port}; ${live.project} on port ${live.port} was left running (the next deploy drains and stops it)`);
        return { version, previous: live.version, changed: true };
    }
    if (liveRuns) {
        cut = await drain(run, live.port, zd.drainTimeoutMs);
        if (cut > 0)
            run.log.warn(`${host}: ${cut} connection(s) to the old copy were still open after drain-timeout (${Math.round(zd.drainTimeoutMs / 1000)} s) and were cut: long requests, streaming or WebSocket clients`);
        await removeCopy(run, live.project, service, zd.stopTimeoutS);
    }
    const previous = liveRuns ? live : before;
    await writeStateFile(run.session, stateFile, {
        ...copyFields(next, 'live_'), ...copyFields(previous, 'previous_'), status: 'deployed',
        switched_at: switchedAt, switch_ms: String(Math.round(switchMs)), cut_connections: String(cut), proxy: proxy.kind,
    });
    await appendDeployLog(run.session, run.appDir, {
        time: new Date().toISOString(), action, strategy: 'compose-zero-downtime', version, previous: live.version,
        result: `switched ${proxy.kind} from port ${live.port} to ${port} (${slot}) in ${Math.round(switchMs)} ms; ${cut} connection(s) cut`, actor: 'slipway',
    }).catch((error) => run.log.warn(`${host}: could not append to the deploy log: ${errors_formatError(error)}`));
    return { version, previous: live.version, changed: true };
}
async function zeroDowntimeDeploy(run) {
    return switchDeploy(run, run.settings.compose?.image ?? '', run.settings.version, 'deploy');
}
/** A rollback is the same switch towards the previous image, on the other slot. */
async function zeroDowntimeRollback(run) {
    const ctx = await prepare(run);
    const state = await readStateFile(run.session, stateFileOf(run, ctx));
    const previous = copyFrom(state, 'previous_');
    if (!previous?.image)
        throw new SlipwayError(`${run.session.name}: no previous version is recorded in ${stateFileOf(run, ctx)}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
    return switchDeploy(run, previous.image, previous.version, 'rollback');
}

;// CONCATENATED MODULE: ./build/src/deploy/fleet.js














/** Split hosts into batches of `size` (0: one batch with all). */
function batches(items, size) {
    if (size <= 0 || size >= items.length)
        return [items];
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
function strategyOf(settings) {
    switch (settings.strategy) {
        case 'compose': return settings.zeroDowntime ? { deploy: zeroDowntimeDeploy, rollback: zeroDowntimeRollback } : { deploy: composeDeploy, rollback: composeRollback };
        case 'release': return { deploy: (run) => releaseDeploy(run), rollback: releaseRollback };
        case 'swarm': return { deploy: swarmDeploy, rollback: swarmRollback };
        case 'script': return { deploy: scriptDeploy, rollback: async () => { throw new Error('the script strategy has no rollback'); } };
    }
}
/** The outcome of a host whose strategy ended (or never started) after a cancel; the message says what serves. */
function cancelledOutcome(error, started) {
    if (error instanceof CancelledError) {
        return { status: 'cancelled', changed: false, message: started ? `${error.message}; nothing was switched, the old version keeps serving` : `${error.message}; nothing changed on the host` };
    }
    return { status: 'cancelled', changed: !(error instanceof RolledBackError), message: `cancelled: ${errors_formatError(error)}` };
}
async function deployFleet(settings, context, hooks = {}) {
    const actor = describeActor(context.platform, external_node_os_namespaceObject.hostname());
    const runId = runIdentity(context.env, external_node_os_namespaceObject.hostname());
    const { signal } = context;
    const strategy = strategyOf(settings);
    const action = settings.mode === 'rollback' ? 'rollback' : 'deploy';
    const indexed = settings.ssh.targets.map((target, index) => ({ target, index }));
    const outcomes = indexed.map(({ target }) => ({
        host: describeTarget(target), status: 'not-started', version: '', previous: '', message: '', changed: false, durationMs: 0,
    }));
    const connections = indexed.map(() => 0);
    let failed = false;
    for (const batch of batches(indexed, settings.batchSize)) {
        // A cancel starts no new batch: those hosts stay as they are ('not-started').
        if (failed || isCancelled(signal))
            break;
        const pending = await Promise.all(batch.map(async ({ target, index }) => {
            const started = Date.now();
            const item = { index, name: describeTarget(target), outcome: outcomes[index] };
            let strategyStarted = false;
            try {
                throwIfCancelled(signal, `connecting to ${item.name}`);
                item.session = await session_openSshSession(target, context.runner, context.log);
                hooks.sessionOpened?.(item.session, index);
                const appDir = forHost(settings.appDir, target.host, index);
                item.run = { session: item.session, settings, appDir, index, log: context.log, signal };
                throwIfCancelled(signal, `checking app-dir on ${item.name}`);
                // The lock lives inside app-dir: check it exists first rather than create it.
                await requirePaths(item.run, [{ path: appDir, kind: 'dir', what: 'app-dir' }], 'Create app-dir on the host (owned by the SSH user) or fix the input');
                item.lock = await acquireLock(item.session, appDir, {
                    holder: actor, runId, signal, strategy: settings.strategy, version: settings.version, waitMs: settings.lockTimeoutMs, staleAfterMs: settings.lockStaleAfterMs,
                }, context.log);
                throwIfCancelled(signal, `the ${action} on ${item.name}`);
                strategyStarted = true;
                const change = await context.log.group(`${action} on ${item.name}`, () => (settings.mode === 'rollback' ? strategy.rollback(item.run) : strategy.deploy(item.run)));
                Object.assign(item.outcome, { status: settings.mode === 'rollback' ? 'rolled-back' : 'deployed', version: change.version, previous: change.previous, changed: change.changed, message: 'ok' });
                if (isCancelled(signal))
                    item.outcome.message = 'ok (the cancel came after the new version was switched to and verified)';
            }
            catch (error) {
                const rolledBack = error instanceof RolledBackError;
                Object.assign(item.outcome, { status: rolledBack ? 'rolled-back' : 'failed', version: settings.version, message: errors_formatError(error), changed: !rolledBack && item.lock !== undefined });
                if (isCancelled(signal))
                    Object.assign(item.outcome, cancelledOutcome(error, strategyStarted));
            }
            item.outcome.durationMs = Date.now() - started;
            return item;
        }));
        const batchFailed = pending.some((item) => item.outcome.status === 'failed' || item.outcome.status === 'cancelled' || (settings.mode === 'deploy' && item.outcome.status === 'rolled-back'));
        if (batchFailed)
            failed = true;
        // The batch is all-or-nothing: hosts that took the new version go back. Not after a cancel:
        // each host is whole (old or new), and a revert would be a new step the cancel asked not to start.
        if (batchFailed && !isCancelled(signal)) {
            for (const item of pending) {
                if (item.outcome.status !== 'deployed' || !item.run)
                    continue;
                try {
                    await strategy.rollback(item.run);
                    Object.assign(item.outcome, { status: 'reverted', message: 'reverted because another host in its batch failed' });
                }
                catch (error) {
                    item.outcome.message = `revert failed: ${errors_formatError(error)}`;
                    item.outcome.status = 'failed';
                }
            }
        }
        // Cleanup runs whatever happened, cancel or not: log line, lock, connection (with its key and agent).
        for (const item of pending) {
            try {
                if (item.session && item.lock && item.run && (await item.session.isAlive())) {
                    await appendDeployLog(item.session, item.run.appDir, {
                        time: new Date().toISOString(), action, strategy: settings.strategy, version: item.outcome.version || settings.version,
                        previous: item.outcome.previous, result: item.outcome.status, actor,
                    }).catch((error) => context.log.warn(`${item.name}: could not append to the deploy log: ${errors_formatError(error)}`));
                    await item.lock.release();
                }
            }
            catch (error) {
                context.log.warn(`${item.name}: could not release the deploy lock: ${errors_formatError(error)}`);
            }
            finally {
                if (item.session) {
                    connections[item.index] = item.session.connectionsOpened;
                    await item.session.close();
                }
            }
        }
    }
    const first = outcomes[0];
    const success = settings.mode === 'rollback' ? 'rolled-back' : 'deployed';
    return {
        mode: settings.mode,
        strategy: settings.strategy,
        version: outcomes.find((o) => o.status === success)?.version ?? settings.version,
        previousVersion: first?.previous ?? '',
        hosts: outcomes,
        rolledBack: outcomes.some((o) => o.status === 'rolled-back' || o.status === 'reverted' || (o.status === 'cancelled' && o.message.includes('rolled back'))),
        ok: !failed && !isCancelled(signal),
        connectionsPerHost: connections,
        cancelled: isCancelled(signal),
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/flow.js




/** `slipway deploy` and `actions/ssh-deploy`: compose, release or script, to one host or a fleet. */
const deployFlow = {
    command: 'deploy',
    action: 'ssh-deploy',
    describe: 'Deploy over SSH to one host or a fleet (compose, atomic releases, scripts) with locks and automatic rollback',
    parse: (inputs) => parseDeploySettings(inputs),
    // swarm: the per-service report and filled-in defaults join the summary below.
    run: async (settings, context) => keepSwarmReports(await deployFleet(settings, context), settings),
    outputs: (result) => ({
        version: result.version,
        'previous-version': result.previousVersion,
        hosts: JSON.stringify(result.hosts.map(({ host, status, version, previous, message }) => ({ host, status, version, previous, message }))),
        'rolled-back': String(result.rolledBack),
    }),
    summary: (result) => new Summary()
        .heading(`${result.mode === 'rollback' ? 'Rollback' : 'Deploy'} (${result.strategy}): ${result.cancelled ? 'cancelled' : result.ok ? 'ok' : 'failed'}`)
        .table(['host', 'result', 'version', 'previous', 'time', 'detail'], result.hosts.map((o) => [
        o.host, o.status, o.version, o.previous || '-', o.status === 'not-started' ? '-' : `${(o.durationMs / 1000).toFixed(1)} s`, o.message,
    ]))
        .append(swarmReportSummary(result)),
    // Watches context.signal: on a cancel no new step starts and each host ends whole (docs/cancel.md).
    handlesCancel: true,
    failure: (result) => {
        if (result.cancelled) {
            const hosts = result.hosts.map((o) => `${o.host}: ${o.status === 'not-started' ? 'not started (unchanged)' : `${o.status}: ${o.message}`}`);
            return `cancelled: the deploy stopped; lock released and connections closed.\n${hosts.join('\n')}`;
        }
        if (result.ok)
            return undefined;
        const bad = result.hosts.filter((o) => o.status !== 'deployed' && o.status !== 'not-started' && !(result.mode === 'rollback' && o.status === 'rolled-back'));
        return bad.map((o) => `${o.host}: ${o.status}: ${o.message}`).join('\n') || 'deploy failed';
    },
};

;// CONCATENATED MODULE: ./build/src/deploy/demo.js







/** examples/compose/docker-compose.yml, inlined so the bundled CLI needs no file beside it. */
const EXAMPLE_COMPOSE_FILE = `services:
  app:
    image: \${APP_IMAGE:-slipway/example-app:latest}
    network_mode: host
    restart: unless-stopped
    environment:
      PORT: \${PORT:-8080}
      BIND: 127.0.0.1
`;
/**
 * The release's restart command: stops the previous release's server (its pid
 * in app-dir, checked to be a busybox httpd) and serves `current` with busybox
 * httpd, the server the example app's image runs. busybox httpd enters its
 * document root once, so a new release needs this restart to be served.
 */
const RELEASE_SERVE_SCRIPT = `#!/bin/sh
set -eu
app="$1"; port="$2"; pidfile="$app/httpd.pid"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = busybox ]; then kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; fi
fi
nohup busybox httpd -f -p "127.0.0.1:$port" -h "$app/current/www" </dev/null >/dev/null 2>&1 &
echo $! >"$pidfile"
`;
/** The example app as a release artifact: its static files plus the health documents its start.sh would write. */
function writeReleaseArtifact(dir, appDir, version) {
    external_node_fs_namespaceObject.cpSync(external_node_path_namespaceObject.join(appDir, 'www'), external_node_path_namespaceObject.join(dir, 'www'), { recursive: true });
    external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.join(dir, 'www', 'api'), { recursive: true });
    const health = `${JSON.stringify({ ok: true, status: 'pass', version })}\n`;
    external_node_fs_namespaceObject.writeFileSync(external_node_path_namespaceObject.join(dir, 'www', 'api', 'health'), health);
    external_node_fs_namespaceObject.writeFileSync(external_node_path_namespaceObject.join(dir, 'www', 'healthz'), health);
    external_node_fs_namespaceObject.writeFileSync(external_node_path_namespaceObject.join(dir, 'serve.sh'), RELEASE_SERVE_SCRIPT, { mode: 0o755 });
}
/**
 * The demo: deploy the example app to a host with `compose`, then the same app
 * as an atomic `release` (its static files served by busybox httpd from
 * `current`, restarted by the release and health-checked on its own port).
 * The host's base dir must be writable by the SSH user.
 */
async function demoDeploy(log, options) {
    const port = options.port ?? 18080;
    const releasePort = options.releasePort ?? 18081;
    const ssh = {
        host: `${options.host.address}:${options.host.port}`, user: options.user,
        'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath,
    };
    const appDir = `${options.host.baseDir}/demo-app`;
    const releaseDir = `${appDir}/release`;
    // Set the host up the way its owner would: over SSH, as the deploy user.
    const context = localContext(log);
    const [target] = inputs_parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
    if (!target)
        throw new Error('no demo host');
    const session = await session_openSshSession(target, context.runner, log);
    try {
        await session.exec(['mkdir', '-p', releaseDir]);
        await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/docker-compose.yml`], { stdin: EXAMPLE_COMPOSE_FILE });
        await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/.env`], { stdin: `PORT=${port}\n` });
    }
    finally {
        await session.close();
    }
    const compose = await runFlow(deployFlow, {
        ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image: options.image, version: options.version,
        'compose-project': 'slipway-demo', 'env-file': '.env', pull: String(options.pull ?? false),
        'health-url': `http://127.0.0.1:${port}/api/health`, 'health-expect': '"version":"{version}"',
    }, context);
    const summary = deployFlow.summary(compose.result);
    if (compose.failure)
        throw new Error(`compose: ${compose.failure}`);
    const artifact = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-demo-release-'));
    writeReleaseArtifact(artifact, options.appDir, options.version);
    const release = await runFlow(deployFlow, {
        ...ssh, strategy: 'release', 'app-dir': releaseDir, version: options.version, artifact, 'keep-releases': '3',
        // The sudo rule is checked with sudo -n before the switch; then the app is (re)started from current.
        restart: `sudo -n /usr/local/bin/slipway-sandbox-restart demo-app\nsh ${releaseDir}/current/serve.sh ${releaseDir} ${releasePort}`,
        'health-url': `http://127.0.0.1:${releasePort}/api/health`, 'health-expect': '"version":"{version}"',
    }, context).finally(() => external_node_fs_namespaceObject.rmSync(artifact, { recursive: true, force: true }));
    summary.append(deployFlow.summary(release.result));
    if (release.failure)
        throw new Error(`release: ${release.failure}`);
    const [composeHost] = compose.result.hosts;
    const [releaseHost] = release.result.hosts;
    return {
        compose: compose.result,
        release: release.result,
        detail: `compose: ${options.version} on :${port} (was ${composeHost?.previous || 'nothing'}); `
            + `release: ${options.version} served from releases/ on :${releasePort} (was ${releaseHost?.previous || 'nothing'}), both health-checked`,
        summary,
    };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/load-loop.js


/** One request with a fresh connection (keep-alive off), so every request goes through the proxy's current choice. */
function getOnce(url, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
        const request = external_node_http_namespaceObject.get(url, { agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => { body += chunk; });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
            response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on('error', reject);
    });
}
/**
 * A bounded load loop over loopback: a fixed count AND a time limit, started
 * with `start()`, stopped early with `stop()`. A request fails on a network
 * error, a non-2xx status or a body without a version.
 */
function startLoad(options) {
    if (!/^http:\/\/(127\.|localhost[:/])/.test(options.url))
        throw new Error(`load loop: loopback URLs only (found ${options.url})`);
    const started = external_node_perf_hooks_namespaceObject.performance.now();
    const result = { requests: 0, failed: 0, samples: [], failures: [], versions: {} };
    let stopped = false;
    const worker = async () => {
        while (!stopped && result.requests < options.maxRequests && external_node_perf_hooks_namespaceObject.performance.now() - started < options.maxMs) {
            result.requests += 1;
            const at = external_node_perf_hooks_namespaceObject.performance.now();
            const sample = { at: at - started, latencyMs: 0, ok: false };
            try {
                const response = await getOnce(options.url);
                sample.status = response.status;
                sample.version = /"version"\s*:\s*"([^"]*)"/.exec(response.body)?.[1];
                sample.ok = response.status >= 200 && response.status < 300 && sample.version !== undefined;
                if (!sample.ok)
                    sample.error = `HTTP ${response.status} ${response.body.slice(0, 80).trim()}`;
            }
            catch (error) {
                sample.error = error.message;
            }
            sample.latencyMs = external_node_perf_hooks_namespaceObject.performance.now() - at;
            result.samples.push(sample);
            if (sample.ok && sample.version)
                result.versions[sample.version] = (result.versions[sample.version] ?? 0) + 1;
            if (!sample.ok) {
                result.failed += 1;
                if (result.failures.length < 5)
                    result.failures.push(`${Math.round(sample.at)} ms: ${sample.error ?? 'failed'}`);
            }
            if (options.pauseMs)
                await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        }
    };
    const done = Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker)).then(() => result);
    return { stop: () => { stopped = true; }, done };
}
/** The p-th percentile (0-100) of latencies, nearest rank. */
function load_loop_percentile(values, p) {
    if (values.length === 0)
        return 0;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/local-proxy.js




function caddyfileFrom(example, ports) {
    return example.replace('admin 127.0.0.1:2019', `admin 127.0.0.1:${ports.admin}`).replace(':8080 {', `:${ports.listen} {`).replace('reverse_proxy 127.0.0.1:20080', `reverse_proxy 127.0.0.1:${ports.upstream}`);
}
function nginxConfFrom(example, prefix, listen) {
    return example.replaceAll('/srv/app/nginx', prefix).replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${listen};`);
}
async function waitForPort(port, what, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            await new Promise((resolve, reject) => {
                const socket = external_node_net_namespaceObject.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); });
                socket.on('error', reject);
            });
            return;
        }
        catch (error) {
            if (Date.now() > deadline)
                throw new Error(`${what} did not answer on 127.0.0.1:${port} within ${timeoutMs} ms (${error.message})`, { cause: error });
            await sleep(100);
        }
    }
}
const BACKGROUND = 'cd "$1" && shift && log="$1" && shift && nohup "$@" > "$log" 2>&1 < /dev/null & echo $!';
async function startLocalCaddy(runner, options) {
    external_node_fs_namespaceObject.mkdirSync(options.dir, { recursive: true });
    const example = external_node_fs_namespaceObject.readFileSync(external_node_path_namespaceObject.join(options.examplesDir ?? 'examples', 'proxy', 'Caddyfile'), 'utf8');
    const file = external_node_path_namespaceObject.join(options.dir, 'Caddyfile');
    external_node_fs_namespaceObject.writeFileSync(file, caddyfileFrom(example, options));
    // Caddy keeps its data (and would keep autosaves) under XDG dirs: ours, not the machine's.
    const env = { HOME: options.dir, XDG_DATA_HOME: external_node_path_namespaceObject.join(options.dir, 'data'), XDG_CONFIG_HOME: external_node_path_namespaceObject.join(options.dir, 'config'), PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const started = await runner.run({ file: 'sh', args: ['-c', BACKGROUND, 'slipway-caddy', options.dir, external_node_path_namespaceObject.join(options.dir, 'caddy.log'), 'caddy', 'run', '--config', file, '--adapter', 'caddyfile'], env, cleanEnv: true });
    const pid = Number(started.stdout.trim());
    const stop = async () => { await runner.run({ file: 'kill', args: [String(pid)] }, { allowFailure: true }); };
    try {
        await waitForPort(options.admin, 'Caddy admin API');
        await waitForPort(options.listen, 'Caddy');
    }
    catch (error) {
        await stop();
        throw new Error(`${error.message}; log: ${external_node_fs_namespaceObject.readFileSync(external_node_path_namespaceObject.join(options.dir, 'caddy.log'), 'utf8').slice(-500)}`, { cause: error });
    }
    return { kind: 'caddy', port: options.listen, adminPort: options.admin, stop };
}
/** nginx as `user` (so a deploy over SSH as that user can `nginx -s reload` it), daemonized, stopped by its pid file. */
async function startLocalNginx(runner, options) {
    const { prefix } = options;
    external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.join(prefix, 'tmp'), { recursive: true });
    const example = external_node_fs_namespaceObject.readFileSync(external_node_path_namespaceObject.join(options.examplesDir ?? 'examples', 'proxy', 'nginx.conf'), 'utf8');
    const conf = external_node_path_namespaceObject.join(prefix, 'nginx.conf');
    external_node_fs_namespaceObject.writeFileSync(conf, (options.edit ?? ((text) => text))(nginxConfFrom(example, prefix, options.listen)));
    const upstreamFile = external_node_path_namespaceObject.join(prefix, 'app-upstream.conf');
    external_node_fs_namespaceObject.writeFileSync(upstreamFile, options.upstreamText ?? `server 127.0.0.1:${options.upstream};\n`);
    await runner.run({ file: 'chown', args: ['-R', `${options.user}:${options.user}`, prefix] });
    const nginxCommand = `/usr/sbin/nginx -p ${prefix} -c ${conf} -e ${prefix}/error.log`;
    await runner.run({ file: 'setpriv', args: ['--reuid', options.user, '--regid', options.user, '--init-groups', 'sh', '-c', nginxCommand] });
    const stop = async () => {
        const pid = external_node_fs_namespaceObject.existsSync(external_node_path_namespaceObject.join(prefix, 'nginx.pid')) ? external_node_fs_namespaceObject.readFileSync(external_node_path_namespaceObject.join(prefix, 'nginx.pid'), 'utf8').trim() : '';
        if (pid)
            await runner.run({ file: 'kill', args: ['-QUIT', pid] }, { allowFailure: true });
    };
    try {
        await waitForPort(options.listen, 'nginx');
    }
    catch (error) {
        await stop();
        throw error;
    }
    return { kind: 'nginx', port: options.listen, upstreamFile, nginxCommand, stop };
}

;// CONCATENATED MODULE: ./build/src/deploy/zero-downtime/demo.js











/**
 * Deploys v1 then v2 of the example app behind a proxy of our own, with a load
 * loop through the proxy during the second deploy: `zero-downtime` on, or a
 * plain `compose up -d` recreate for comparison.
 */
async function measureSwitch(log, options) {
    const examples = options.examplesDir ?? 'examples';
    const base = options.basePort ?? 18800;
    const livePort = base + (options.zeroDowntime ? 0 : 20);
    const proxyPort = base + (options.zeroDowntime ? 30 : 31);
    const context = localContext(log);
    const images = [];
    for (const version of ['1.0.0', '2.0.0']) {
        const tag = `slipway-zd-demo:${version}`;
        await context.runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '--build-arg', `APP_VERSION=${version}`, '-t', tag, external_node_path_namespaceObject.join(examples, 'app')] });
        images.push(tag);
    }
    const ssh = { host: `${options.host.address}:${options.host.port}`, user: options.user, 'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath };
    const appDir = `${options.host.baseDir}/${options.name}`;
    const project = options.name.replace(/[^a-z0-9-]/g, '');
    const [target] = inputs_parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
    if (!target)
        throw new Error('no demo host');
    const session = await session_openSshSession(target, context.runner, log);
    let proxy;
    try {
        // A clean app dir, set up as its owner would over SSH; earlier demo copies removed.
        const old = (await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).stdout.split('\n').filter(Boolean);
        for (const slot of ['blue', 'green'])
            old.push(...(await session.exec(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}-${slot}`])).stdout.split('\n').filter(Boolean));
        if (old.length)
            await session.exec(['docker', 'rm', '-f', ...old]);
        await session.exec(['sh', '-c', 'rm -rf "$1" && mkdir -p "$1" && cat > "$1/docker-compose.yml" && printf "PORT=%s\\n" "$2" > "$1/.env"', 'demo', appDir, String(livePort)], { stdin: EXAMPLE_COMPOSE_FILE });
        proxy = options.proxy === 'nginx'
            ? await startLocalNginx(context.runner, { prefix: `${options.host.baseDir}/${options.name}-nginx`, listen: proxyPort, upstream: livePort, user: options.user, examplesDir: examples })
            : await startLocalCaddy(context.runner, { dir: external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-zd-demo-caddy-')), listen: proxyPort, admin: proxyPort + 1, upstream: livePort, examplesDir: examples });
        const values = (image) => ({
            ...ssh, strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': project, 'env-file': '.env', pull: 'false',
            'health-url': `http://127.0.0.1:${livePort}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '30s',
            ...(options.zeroDowntime ? {
                'zero-downtime': 'true', proxy: proxy?.kind, 'caddy-admin': `127.0.0.1:${proxyPort + 1}`, 'nginx-upstream-file': proxy?.upstreamFile, 'nginx-command': proxy?.nginxCommand,
                'slot-ports': `${livePort}-${livePort + 9}`, 'proxy-health-url': `http://127.0.0.1:${proxyPort}/api/health`, 'stop-timeout': '1s',
            } : {}),
        });
        const first = await runFlow(deployFlow, values(images[0] ?? ''), localContext(log));
        if (first.failure)
            throw new Error(first.failure);
        const url = `http://127.0.0.1:${proxyPort}/api/health`;
        const steady = await startLoad({ url, maxRequests: 2000, maxMs: 2000, concurrency: 2 }).done;
        const load = startLoad({ url, maxRequests: 500_000, maxMs: 90_000, concurrency: 2 });
        const second = await runFlow(deployFlow, values(images[1] ?? ''), localContext(log));
        await new Promise((resolve) => setTimeout(resolve, 300));
        load.stop();
        const result = await load.done;
        if (second.failure)
            throw new Error(second.failure);
        const state = options.zeroDowntime ? await readStateFile(session, `${appDir}/.slipway/zero-downtime-${project}-app.state`) : {};
        return {
            failed: result.failed,
            requests: result.requests,
            p99Ms: load_loop_percentile(result.samples.map((s) => s.latencyMs), 99),
            steadyP99Ms: load_loop_percentile(steady.samples.map((s) => s.latencyMs), 99),
            switchMs: state.switch_ms === undefined ? undefined : Number(state.switch_ms),
            versions: result.versions,
            failures: result.failures,
        };
    }
    finally {
        await proxy?.stop();
        const left = (await session.exec(['sh', '-c', 'for p in "$1" "$1-blue" "$1-green"; do docker ps -aq --filter "label=com.docker.compose.project=$p"; done', 'demo', project], { allowFailure: true })).stdout.split('\n').filter(Boolean);
        if (left.length)
            await session.exec(['docker', 'rm', '-f', ...left], { allowFailure: true });
        await session.close();
    }
}
/**
 * The demo: the example app's second version deployed behind Caddy with zero
 * downtime, a load loop through Caddy for the whole deploy. Returns the failed-request count.
 */
async function demoZeroDowntime(log, options) {
    const measured = await measureSwitch(log, { ...options, proxy: options.proxy ?? 'caddy', zeroDowntime: true, name: 'zd-demo' });
    log.info(`zero-downtime deploy behind ${options.proxy ?? 'caddy'}: ${measured.failed} failed of ${measured.requests} requests during the switch (${JSON.stringify(measured.versions)}); p99 ${Math.round(measured.p99Ms)} ms (steady ${Math.round(measured.steadyP99Ms)} ms); traffic on the new version ${measured.switchMs} ms after it was healthy${measured.failures.length ? `; failures: ${measured.failures.join('; ')}` : ''}`);
    return measured.failed;
}

;// CONCATENATED MODULE: ./build/src/image/tags.js

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
function tags_versionOf(git) {
    const tag = git.ref?.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
    if (tag)
        return tag.replace(/^v(?=\d)/, '');
    return git.sha?.slice(0, 7);
}
function invalidTags(tags) {
    return tags.filter((tag) => !isValidTag(tag));
}

;// CONCATENATED MODULE: ./build/src/image/build-settings.js





/** Files whose change means new dependencies (a new dependency layer). */
const DEPENDENCY_FILES = [
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'requirements.txt',
    'poetry.lock', 'Pipfile.lock', 'uv.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'mix.lock',
    'pom.xml', 'build.gradle', 'build.gradle.kts', 'deps.txt',
];
const SECRET_LOOKING = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
function parseBuildSettings(inputs, workDir) {
    const image = inputs.required('image', "Set it to the repository to build, e.g. 'git.example.com/team/app'.");
    const parsed = parseImageReference(image);
    if ('error' in parsed)
        inputs.fail('image', parsed.error);
    if (parsed.tag || parsed.digest)
        inputs.fail('image', `names a tag or digest (found '${image}')`, "Give the repository only; tags come from git and input 'tags'.");
    const context = external_node_path_namespaceObject.resolve(workDir, inputs.string('context', '.'));
    if (!external_node_fs_namespaceObject.existsSync(context) || !external_node_fs_namespaceObject.statSync(context).isDirectory()) {
        inputs.fail('context', `directory ${context} does not exist`, 'Point it at the folder with your Dockerfile (relative to the workspace), and check out the repository first.');
    }
    const dockerfile = external_node_path_namespaceObject.resolve(context, inputs.string('dockerfile', 'Dockerfile'));
    if (!external_node_fs_namespaceObject.existsSync(dockerfile)) {
        inputs.fail('dockerfile', `file ${dockerfile} does not exist`, "Set it to the Dockerfile's path relative to the context.");
    }
    const platforms = inputs.list('platforms');
    if (platforms.length === 0)
        platforms.push('linux/amd64');
    for (const platform of platforms) {
        if (!KNOWN_PLATFORMS.includes(platform)) {
            inputs.fail('platforms', `has an unknown platform (found '${platform}', expected one of ${KNOWN_PLATFORMS.join(', ')})`);
        }
    }
    // The image is loaded into the local engine (push-image pushes from there), and buildx
    // refuses --load for a multi-platform build.
    if (platforms.length > 1) {
        inputs.fail('platforms', `lists ${platforms.length} platforms (found '${platforms.join(',')}', expected one)`, 'Use one platform per build-image step (linux/amd64 is the default), with a step per platform and distinct tags.');
    }
    const extraTags = inputs.list('tags');
    const badTags = invalidTags(extraTags);
    if (badTags.length) {
        inputs.fail('tags', `has a tag a registry would refuse (found '${badTags[0]}')`, 'Tags use letters, digits, _ . - only, at most 128 characters, not starting with . or -.');
    }
    const buildArgs = inputs.keyValues('build-args');
    const secretLooking = Object.keys(buildArgs).find((name) => SECRET_LOOKING.test(name));
    if (secretLooking) {
        inputs.fail('build-args', `has '${secretLooking}', which looks like a secret; build args stay readable in the image history`, "Pass it in input 'build-secrets' instead and read it with RUN --mount=type=secret,id=...");
    }
    // Registered whole (and line by line) before parsing, so even a parse error cannot show a value.
    inputs.secret('build-secrets');
    const buildSecrets = inputs.keyValues('build-secrets');
    for (const [id, value] of Object.entries(buildSecrets)) {
        if (!/^[A-Za-z0-9_.-]+$/.test(id))
            inputs.fail('build-secrets', `has an invalid secret id (found '${id}')`, 'Ids use letters, digits, _ . - only.');
        registerSecret(value);
    }
    return {
        image,
        context,
        dockerfile,
        platforms,
        extraTags,
        latest: inputs.choice('latest', ['auto', 'true', 'false'], 'auto'),
        buildArgs,
        buildSecrets,
        labels: inputs.keyValues('labels'),
        target: inputs.optional('target'),
        network: inputs.optional('network'),
        layerCache: inputs.choice('layer-cache', ['auto', 'on', 'off'], 'auto'),
        noCache: inputs.boolean('no-cache', false),
        cacheKeyFiles: inputs.list('cache-key-files'),
        version: inputs.optional('version'),
    };
}

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
        throw new SlipwayError("input 'build-secrets': build secrets need BuildKit, and this runner has neither the buildx plugin nor a docker client that drives BuildKit itself", {
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
        throw new SlipwayError('Docker: the docker CLI is not installed on this runner', { fix: 'Install Docker (apt-get install docker.io) or use a runner image that has it' });
    }
    throw new SlipwayError(`Docker: the Docker daemon is not answering (${info.stderr.trim().split('\n').pop() ?? 'no reply'})`, {
        fix: 'Start it (systemctl start docker, or `dockerd &` where there is no systemd), check DOCKER_HOST, and that this user may use /var/run/docker.sock',
    });
}

;// CONCATENATED MODULE: ./build/src/image/docker-commands.js
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

;// CONCATENATED MODULE: ./build/src/image/git-facts.js

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
    if (!env.GITHUB_EVENT_PATH || !external_node_fs_namespaceObject.existsSync(env.GITHUB_EVENT_PATH))
        return undefined;
    try {
        const event = JSON.parse(external_node_fs_namespaceObject.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/src/image/layer-cache.js



/**
 * Cache keys for the layer cache. The prefix hashes the Dockerfile and the
 * dependency manifests: a dependency change misses, a code change restores the
 * previous layers (same prefix) and rebuilds only what follows the dependency step.
 */
function layerCacheKeys(args) {
    const hash = external_node_crypto_namespaceObject.createHash('sha256');
    hash.update(args.repository).update('\0').update(args.platforms.join(',')).update('\0');
    const hashedFiles = [];
    for (const file of [args.dockerfile, ...args.keyFiles.map((name) => external_node_path_namespaceObject.resolve(args.context, name))]) {
        if (!external_node_fs_namespaceObject.existsSync(file) || !external_node_fs_namespaceObject.statSync(file).isFile())
            continue;
        hash.update(external_node_path_namespaceObject.relative(args.context, file)).update('\0').update(external_node_fs_namespaceObject.readFileSync(file)).update('\0');
        hashedFiles.push(external_node_path_namespaceObject.relative(args.context, file));
    }
    const prefix = `slipway-layers-${args.platforms.join('+').replace(/\//g, '-')}-${hash.digest('hex').slice(0, 16)}-`;
    return { prefix, key: `${prefix}${args.unique}`, hashedFiles };
}
/** The local name a cached image is saved and loaded under. */
function cacheImageName(repository) {
    return `slipway-layer-cache/${external_node_crypto_namespaceObject.createHash('sha256').update(repository).digest('hex').slice(0, 12)}:latest`;
}
function layerCacheTransport(builder) {
    return builder.kind === 'buildx' && builder.canExportCache ? 'cache-dir' : 'image-tarball';
}

;// CONCATENATED MODULE: ./build/src/image/build-flow.js











async function buildImage(settings, context) {
    const { runner, log } = context;
    const started = Date.now();
    // Independent probes (docker's, git's): side by side, they cost one round of process starts.
    const [builder, git] = await Promise.all([
        detectBuilder(runner, log, Object.keys(settings.buildSecrets).length > 0),
        readGitFacts(runner, settings.context, context.env, log),
    ]);
    const tags = computeTags(git, { latest: settings.latest, extra: settings.extraTags });
    if (tags.length === 0)
        tags.push('latest');
    const version = settings.version ?? tags_versionOf(git);
    const references = tags.map((tag) => `${settings.image}:${tag}`);
    const labels = {
        'org.opencontainers.image.created': git.commitTime ?? new Date().toISOString(),
        ...(git.sha ? { 'org.opencontainers.image.revision': git.sha } : {}),
        ...(version ? { 'org.opencontainers.image.version': version } : {}),
        ...(sourceUrl(context) ? { 'org.opencontainers.image.source': sourceUrl(context) } : {}),
        ...settings.labels,
    };
    const scratch = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(context.env.RUNNER_TEMP ?? external_node_os_namespaceObject.tmpdir(), 'slipway-build-'));
    external_node_fs_namespaceObject.chmodSync(scratch, 0o700);
    // Holds the build secrets as files: if the run is killed, the post step removes it (docs/cancel.md).
    const settleScratch = recordLeftover({ kind: 'dir', path: scratch, what: 'build scratch (build secrets)' });
    try {
        const secretFiles = {};
        for (const [id, value] of Object.entries(settings.buildSecrets)) {
            const file = external_node_path_namespaceObject.join(scratch, `secret-${id}`);
            external_node_fs_namespaceObject.writeFileSync(file, value, { mode: 0o600 });
            secretFiles[id] = file;
        }
        const useCache = (settings.layerCache === 'on' || (settings.layerCache === 'auto' && context.platform.kind !== 'local')) && !settings.noCache;
        const transport = layerCacheTransport(builder);
        const keys = layerCacheKeys({
            repository: settings.image,
            platforms: settings.platforms,
            dockerfile: settings.dockerfile,
            context: settings.context,
            keyFiles: settings.cacheKeyFiles.length ? settings.cacheKeyFiles : DEPENDENCY_FILES,
            unique: git.sha ? `${git.sha.slice(0, 12)}-${Date.now()}` : String(Date.now()),
        });
        // A stable path: @actions/cache versions entries by their paths, so a random one would never hit.
        const cacheDir = external_node_path_namespaceObject.join(context.env.RUNNER_TEMP ?? external_node_os_namespaceObject.tmpdir(), 'slipway-layer-cache', cacheImageName(settings.image).split(/[/:]/)[1] ?? 'default');
        const tarball = external_node_path_namespaceObject.join(cacheDir, 'image.tar');
        let cache = 'off';
        let cacheFrom;
        if (useCache) {
            if (builder.kind === 'buildx' && transport === 'image-tarball') {
                log.info("Layer cache: buildx's docker driver cannot export a cache directory, so the layers are kept as a saved image (docker save/load with inline cache metadata)");
            }
            external_node_fs_namespaceObject.rmSync(cacheDir, { recursive: true, force: true });
            external_node_fs_namespaceObject.mkdirSync(cacheDir, { recursive: true });
            const hit = await log.group('Restore layer cache', () => context.cache.restore([cacheDir], keys.key, [keys.prefix]));
            cache = hit ? 'hit' : 'miss';
            log.info(hit ? `Layer cache restored from ${hit} (${context.cache.description}; keyed on ${keys.hashedFiles.join(', ')})` : `Layer cache: no entry for ${keys.prefix}* (dependencies changed or first build)`);
            if (hit && transport === 'image-tarball' && external_node_fs_namespaceObject.existsSync(tarball)) {
                await runner.run(loadImageCommand(builder.docker, tarball), { timeoutMs: 600_000 });
                cacheFrom = cacheImageName(settings.image);
            }
        }
        const iidFile = external_node_path_namespaceObject.join(scratch, 'iid');
        const exportedCache = external_node_path_namespaceObject.join(scratch, 'layer-cache-new');
        const command = buildCommand({
            references, platforms: settings.platforms, dockerfile: settings.dockerfile, context: settings.context,
            labels, buildArgs: settings.buildArgs, secretFiles, target: settings.target, network: settings.network, noCache: settings.noCache, iidFile,
            cacheFrom,
            inlineCache: useCache && transport === 'image-tarball',
            cacheDir: useCache && transport === 'cache-dir'
                ? { from: external_node_fs_namespaceObject.existsSync(external_node_path_namespaceObject.join(cacheDir, 'index.json')) ? cacheDir : undefined, to: exportedCache }
                : undefined,
        }, builder);
        await log.group(`Build ${references[0]} for ${settings.platforms.join(', ')} (${builder.kind} builder)`, () => runner.run(command, {
            stream: true,
            timeoutMs: 3_600_000,
            hint: () => 'The build output above shows the failing step',
        }));
        const imageId = external_node_fs_namespaceObject.readFileSync(iidFile, 'utf8').trim();
        const inspect = await runner.run(inspectImageCommand(builder.docker, imageId));
        const details = JSON.parse(inspect.stdout);
        // One entry per dependency state: after a hit the dependency layers are already cached.
        if (cache === 'miss') {
            await log.group('Save layer cache', async () => {
                external_node_fs_namespaceObject.rmSync(cacheDir, { recursive: true, force: true });
                external_node_fs_namespaceObject.mkdirSync(cacheDir, { recursive: true });
                if (transport === 'cache-dir') {
                    if (!external_node_fs_namespaceObject.existsSync(exportedCache)) {
                        log.warn(`Layer cache not saved: the builder exported nothing to ${exportedCache}`);
                        return;
                    }
                    external_node_fs_namespaceObject.cpSync(exportedCache, cacheDir, { recursive: true });
                }
                else {
                    await runner.run(tagImageCommand(builder.docker, imageId, cacheImageName(settings.image)));
                    await runner.run(saveImageCommand(builder.docker, cacheImageName(settings.image), tarball), { timeoutMs: 600_000 });
                }
                await context.cache.save([cacheDir], keys.key);
            });
            external_node_fs_namespaceObject.rmSync(cacheDir, { recursive: true, force: true });
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
        external_node_fs_namespaceObject.rmSync(scratch, { recursive: true, force: true });
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
    parse: (inputs, context) => parseBuildSettings(inputs, context.workDir),
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
    summary: (result) => new Summary()
        .heading('Image built')
        .table(['image', 'platform', 'size', 'time', 'builder', 'layer cache'], [[
            result.tags[0] ?? result.imageId, result.platforms.join(', '), build_flow_formatBytes(result.sizeBytes),
            `${(result.durationMs / 1000).toFixed(1)} s`, result.builder, result.cache,
        ]])
        .list(result.tags.map((tag) => `\`${tag}\``)),
};
function build_flow_formatBytes(bytes) {
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

;// CONCATENATED MODULE: ./build/src/image/registry-probe.js


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
                const rateWait = outcome.retryAfterMs ?? backoffDelay(args.retry, attempt);
                if (Date.now() - started + rateWait > args.maxRateLimitWaitMs) {
                    throw new SlipwayError(`Registry ${args.registry} is rate-limiting this runner (429) beyond the allowed wait`, { fix: 'Wait, authenticate for a higher limit, or raise input \'rate-limit-wait\'' });
                }
                args.log.warn(`Registry ${args.registry} asked us to slow down (429); waiting ${Math.round(rateWait / 1000)} s`);
                await sleep(rateWait);
                attempt -= 1; // a rate limit is not a failed attempt
                continue;
            }
            problem = `HTTP ${outcome.status}`;
        }
        catch (error) {
            if (error instanceof SlipwayError)
                throw error;
            problem = describeNetworkError(error);
        }
        if (attempt >= args.retry.attempts || (args.retry.deadlineMs !== undefined && Date.now() - started > args.retry.deadlineMs)) {
            throw new SlipwayError(`Registry ${args.registry} is not answering (${problem}) after ${attempt} attempt(s) over ${Math.round((Date.now() - started) / 1000)} s`, {
                fix: 'Check the registry address and that the registry is up and reachable from this runner',
            });
        }
        const waitMs = backoffDelay(args.retry, attempt);
        args.log.warn(`Registry ${args.registry}: ${problem}; retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt}/${args.retry.attempts})`);
        await sleep(waitMs);
    }
}
async function probeOnce(base, args) {
    const anonymous = await fetch(`${base}/v2/`, { signal: AbortSignal.timeout(15_000) });
    await anonymous.arrayBuffer();
    if (anonymous.status === 200)
        return { ok: true, auth: 'none' };
    if (anonymous.status !== 401)
        return registry_probe_failed(anonymous);
    const challenge = anonymous.headers.get('www-authenticate') ?? '';
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
        const token = await fetch(url, { headers: { authorization: basic }, signal: AbortSignal.timeout(15_000) });
        await token.arrayBuffer();
        return token.ok ? { ok: true, auth: 'bearer' } : registry_probe_failed(token);
    }
    const authed = await fetch(`${base}/v2/`, { headers: { authorization: basic }, signal: AbortSignal.timeout(15_000) });
    await authed.arrayBuffer();
    return authed.ok ? { ok: true, auth: 'basic' } : registry_probe_failed(authed);
}
function registry_probe_failed(response) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
        ok: false,
        status: response.status,
        reason: response.statusText,
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
}
function describeNetworkError(error) {
    const cause = error.cause;
    if (cause?.code)
        return cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code;
    if (error.name === 'TimeoutError')
        return 'timed out';
    return error.message ?? String(error);
}

;// CONCATENATED MODULE: ./build/src/image/registry-manifest.js



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
    const client = new RegistryClient(args.registry, args.repository, args.credentials);
    const { body, manifest: served } = await client.manifest(args.digest);
    let manifest = served;
    if (sha256(body) !== args.digest)
        throw new SlipwayError(`Verify: the registry served a manifest for ${args.digest} whose bytes hash to ${sha256(body)}`);
    if (manifest.manifests) {
        const entry = manifest.manifests.find((candidate) => platformOf(candidate.platform) === args.platform);
        if (!entry) {
            const offered = manifest.manifests.map((candidate) => platformOf(candidate.platform)).join(', ');
            throw new SlipwayError(`Verify: ${args.repository}@${args.digest} offers ${offered}, not ${args.platform}`);
        }
        manifest = (await client.manifest(entry.digest)).manifest;
    }
    if (!manifest.config)
        throw new SlipwayError(`Verify: the manifest of ${args.repository}@${args.digest} has no config`);
    const config = JSON.parse((await client.blob(manifest.config.digest)).toString('utf8'));
    for (const layer of manifest.layers ?? [])
        await client.assertBlob(layer.digest);
    return { platform: platformOf(config), layers: manifest.layers?.length ?? 0 };
}
function platformOf(platform) {
    return [platform?.os, platform?.architecture, platform?.variant].filter(Boolean).join('/');
}
const sha256 = (body) => `sha256:${external_node_crypto_namespaceObject.createHash('sha256').update(body).digest('hex')}`;
class RegistryClient {
    registry;
    repository;
    credentials;
    authorization;
    base;
    constructor(registry, repository, credentials) {
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.base = registryBaseUrl(registry);
    }
    async manifest(reference) {
        const response = await this.get(`/v2/${this.repository}/manifests/${reference}`, { accept: ACCEPT });
        const body = Buffer.from(await response.arrayBuffer());
        return { body, manifest: JSON.parse(body.toString('utf8')) };
    }
    async blob(digest) {
        const response = await this.get(`/v2/${this.repository}/blobs/${digest}`, {});
        return Buffer.from(await response.arrayBuffer());
    }
    async assertBlob(digest) {
        const response = await this.get(`/v2/${this.repository}/blobs/${digest}`, {}, 'HEAD');
        await response.arrayBuffer();
    }
    async get(path, headers, method = 'GET') {
        for (let attempt = 0; attempt < 2; attempt += 1) {
            const response = await fetch(`${this.base}${path}`, {
                method,
                headers: { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) },
                signal: AbortSignal.timeout(30_000),
            });
            if (response.status === 401 && attempt === 0) {
                await response.arrayBuffer();
                await this.authenticate(response.headers.get('www-authenticate') ?? '');
                continue;
            }
            if (!response.ok) {
                await response.arrayBuffer();
                const who = this.credentials ? `as ${this.credentials.username}` : 'anonymously';
                throw new SlipwayError(`Verify: ${method} ${this.registry}${path} ${who} answered HTTP ${response.status}`, {
                    fix: this.credentials ? 'Check the credentials can pull' : 'Make the package public (Gitea/Forgejo: package settings → visibility), or set verify-anonymous-pull: false',
                });
            }
            return response;
        }
        throw new SlipwayError(`Verify: ${this.registry} kept asking for credentials`);
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
        const response = await fetch(url, { headers: basic ? { authorization: basic } : {}, signal: AbortSignal.timeout(30_000) });
        if (!response.ok) {
            await response.arrayBuffer();
            return;
        }
        const token = (await response.json());
        const value = token.token ?? token.access_token;
        if (value)
            this.authorization = `Bearer ${value}`;
    }
}

;// CONCATENATED MODULE: ./build/src/image/push-flow.js











function parsePushSettings(inputs) {
    const tags = inputs.list('tags');
    if (tags.length === 0)
        inputs.fail('tags', 'is required but was empty', "Pass build-image's 'tags' output, or full references like 'registry/app:1.2.3'.");
    const parsed = tags.map((tag) => {
        const reference = parseImageReference(tag);
        if ('error' in reference)
            return inputs.fail('tags', `has an invalid reference '${tag}': ${reference.error}`);
        if (!reference.tag)
            return inputs.fail('tags', `'${tag}' has no tag`, "Give full references like 'registry/app:1.2.3'.");
        return reference;
    });
    const registries = new Set(parsed.map((reference) => reference.registry));
    const repositories = new Set(parsed.map((reference) => reference.repository));
    if (registries.size > 1 || repositories.size > 1)
        inputs.fail('tags', `mixes repositories (${[...new Set(tags.map(repositoryOf))].join(', ')})`, 'Push one repository per step.');
    const registry = inputs.string('registry', parsed[0].registry);
    if (registry !== parsed[0].registry)
        inputs.fail('registry', `is ${registry} but the tags are for ${parsed[0].registry}`, 'Leave it empty: it is read from the tags.');
    const username = inputs.optional('username');
    const password = inputs.secret('password');
    if (password && !username)
        inputs.fail('username', 'is empty while a password is set', 'Set the registry user (for a Gitea/Forgejo registry: the account that owns the token).');
    if (username && !password)
        inputs.fail('password', `is empty for user ${username}`, 'Pass the token from a secret, e.g. ${{ secrets.REGISTRY_TOKEN }}.');
    const verifyPlatform = inputs.string('verify-platform', 'linux/amd64');
    if (verifyPlatform !== 'none' && !KNOWN_PLATFORMS.includes(verifyPlatform)) {
        inputs.fail('verify-platform', `is an unknown platform (found '${verifyPlatform}')`, `Use one of ${KNOWN_PLATFORMS.join(', ')}, or none.`);
    }
    return {
        tags,
        registry,
        repository: parsed[0].repository,
        username,
        password,
        verifyPlatform: verifyPlatform === 'none' ? undefined : verifyPlatform,
        verifyAnonymousPull: inputs.boolean('verify-anonymous-pull', false),
        retry: { ...NETWORK_RETRY, attempts: inputs.integer('retries', NETWORK_RETRY.attempts - 1, { min: 0, max: 10 }) + 1 },
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
    const probe = await probeRegistry({ ...settings, log });
    if (!probe.ok)
        throw new SlipwayError(`${credentialsHint(settings)} (${probe.reason})`);
    // A private DOCKER_CONFIG per push: credentials never land in the runner's ~/.docker, and are gone after.
    const dockerConfig = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(context.env.RUNNER_TEMP ?? external_node_os_namespaceObject.tmpdir(), 'slipway-docker-config-'));
    external_node_fs_namespaceObject.chmodSync(dockerConfig, 0o700);
    // Holds the registry login: if the run is killed, the post step removes it (docs/cancel.md).
    const settleDockerConfig = recordLeftover({ kind: 'dir', path: dockerConfig, what: 'private DOCKER_CONFIG' });
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
            await runner.run(loginCommand(settings.registry, settings.username, settings.password, dockerConfig), {
                retry: settings.retry, isTransient: classify, timeoutMs: 60_000, hint: authHint,
                label: `docker login ${settings.registry} --username ${settings.username} --password-stdin`,
            });
        }
        let digest = '';
        let layersUploaded = 0;
        let layersReused = 0;
        for (const tag of settings.tags) {
            const pushed = await log.group(`Push ${tag}`, () => runner.run(pushCommand(tag, dockerConfig), { retry: settings.retry, isTransient: classify, stream: true, timeoutMs: 3_600_000, hint: authHint }));
            const found = /digest:\s*(sha256:[a-f0-9]{64})/.exec(pushed.stdout)?.[1];
            if (!found)
                throw new SlipwayError(`Pushing ${tag}: the registry returned no digest`, { fix: 'Check the push output above' });
            if (digest && found !== digest)
                throw new SlipwayError(`Pushing ${tag}: digest ${found} differs from ${digest} of the first tag`);
            digest = found;
            // Counted on the first tag: later tags of the same image upload nothing by construction.
            if (tag === settings.tags[0]) {
                layersUploaded = (pushed.stdout.match(/: Pushed$/gm) ?? []).length;
                layersReused = (pushed.stdout.match(/: (Layer already exists|Mounted from .*)$/gm) ?? []).length;
            }
        }
        const imageRef = `${repositoryOf(settings.tags[0])}@${digest}`;
        const verified = [];
        if (settings.verifyPlatform) {
            verified.push(await verifyPull(settings, digest, false, context));
            if (settings.verifyAnonymousPull)
                verified.push(await verifyPull(settings, digest, true, context));
        }
        return { digest, imageRef, tags: settings.tags, registry: settings.registry, layersUploaded, layersReused, verified, durationMs: Date.now() - started };
    }
    finally {
        if (settings.username)
            await runner.run(logoutCommand(settings.registry, dockerConfig), { allowFailure: true });
        external_node_fs_namespaceObject.rmSync(dockerConfig, { recursive: true, force: true });
        settleDockerConfig();
    }
}
/** Read back by digest from the registry itself and check the platform it serves. */
async function verifyPull(settings, digest, anonymous, context) {
    const how = anonymous ? 'anonymously' : settings.username ? 'with credentials' : 'without credentials';
    const served = await readServedImage({
        registry: settings.registry,
        repository: settings.repository,
        digest,
        platform: settings.verifyPlatform ?? 'linux/amd64',
        credentials: !anonymous && settings.username && settings.password ? { username: settings.username, password: settings.password } : undefined,
    });
    if (served.platform !== settings.verifyPlatform) {
        throw new SlipwayError(`Verify: ${settings.repository}@${digest} is ${served.platform}, not ${settings.verifyPlatform}`, { fix: "Build with platforms: linux/amd64 (build-image's default)" });
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
    summary: (result) => new Summary()
        .heading('Image pushed')
        .table(['image', 'digest', 'layers uploaded', 'layers reused', 'verified', 'time'], [[
            repositoryOf(result.tags[0] ?? ''), `\`${result.digest}\``, String(result.layersUploaded), String(result.layersReused),
            result.verified.join('; ') || 'skipped', `${(result.durationMs / 1000).toFixed(1)} s`,
        ]]),
};

;// CONCATENATED MODULE: ./build/src/pipeline/link-inputs.js
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
    push: ['tags', 'registry', 'username', 'password', 'verify-platform', 'verify-anonymous-pull', 'retries', 'rate-limit-wait'],
    deploy: ['strategy', 'mode', 'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
        'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout', 'app-dir', 'version', 'env', 'service', 'image',
        'compose-file', 'compose-project', 'env-file', 'pull', 'pre-deploy', 'artifact', 'shared', 'pre-promote', 'restart',
        'keep-releases', 'script', 'health-url', 'health-expect', 'health-timeout', 'batch-size', 'lock-timeout', 'lock-stale-after',
        'stack', 'stack-file', 'swarm-service', 'parallelism', 'swarm-timeout', 'swarm-secrets',
        'zero-downtime', 'slot-ports', 'port-env', 'proxy', 'caddy-admin', 'nginx-upstream-file', 'nginx-command',
        'proxy-switch-command', 'proxy-health-url', 'drain-timeout', 'watch-window', 'stop-timeout'],
    smoke: ['url', 'expect-version', 'version-path', 'checks', 'checks-file', 'expect-status', 'headers', 'secret-headers', 'max-latency',
        'timeout', 'request-timeout', 'consecutive-passes', 'max-retry-interval', 'ca-cert', 'connect-to', 'soak-requests', 'soak-duration',
        'soak-concurrency', 'soak-max-p95', 'soak-max-error-rate', 'via-ssh', 'host', 'port', 'user', 'private-key', 'passphrase',
        'known-hosts', 'host-fingerprint', 'trust-on-first-use', 'jump-host', 'connect-timeout'],
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

;// CONCATENATED MODULE: ./build/src/pipeline/settings.js







/** Stands in for values the chain only knows once it runs (the version from git, the pushed digest). */
const PLANNED = 'planned';
/** One link's view of the pipeline's inputs; errors name the input as the user wrote it. */
function linkInputs(source, link, derived = {}) {
    const get = (name) => source.get(name);
    return new Inputs({
        get: (name) => routeInput(get, link, name, derived),
        describe: (name) => source.describe(sourceName(get, link, name)),
    });
}
/** `{version}` in build-args (e.g. `APP_VERSION={version}`) becomes the version the chain deploys. */
function withVersion(text, version) {
    return text?.replace(/\{version\}/g, version);
}
function smokeDerived(settings, version) {
    const get = (name) => routeInput((n) => settings.source.get(n), 'smoke', name);
    const derived = {};
    if (settings.smokeFrom === 'health-url') {
        derived.url = routeInput((n) => settings.source.get(n), 'deploy', 'health-url');
        if (get('via-ssh') === undefined)
            derived['via-ssh'] = 'true';
    }
    // smoke-test knows one `host` input; through SSH it reaches the same hosts as the deploy (host and hosts).
    const viaSsh = derived['via-ssh'] ?? get('via-ssh');
    if (viaSsh && /^(true|yes|on|1)$/i.test(viaSsh.trim())) {
        const deployHosts = ['host', 'hosts'].map((name) => routeInput((n) => settings.source.get(n), 'deploy', name)).filter((v) => v?.trim());
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
    const mode = deployInputs.choice('mode', ['deploy', 'rollback'], 'deploy');
    const deployImage = inputs.optional('deploy-image');
    if (deployImage !== undefined && 'error' in parseImageReference(deployImage)) {
        inputs.fail('deploy-image', `is not an image reference (found '${deployImage}')`, 'Give a full reference like registry.example.com/app:1.4.2 or …@sha256:….');
    }
    const version = linkInputs(source, 'build').optional('version');
    const strategy = deployInputs.choice('strategy', ['compose', 'release', 'script'], 'compose');
    // Release and script deploys ship an artifact or a script, not an image: build only when asked (image set).
    const building = mode === 'deploy' && deployImage === undefined && (strategy === 'compose' || linkInputs(source, 'build').optional('image') !== undefined);
    const planVersion = version ?? PLANNED;
    let build;
    let push;
    if (building) {
        const buildArgs = withVersion(routeInput((n) => source.get(n), 'build', 'build-args'), planVersion);
        build = parseBuildSettings(linkInputs(source, 'build', { 'build-args': buildArgs }), context.workDir);
        push = parsePushSettings(linkInputs(source, 'push', { tags: `${build.image}:${planVersion}` }));
    }
    const deploy = parseDeploySettings(linkInputs(source, 'deploy', {
        image: mode === 'rollback' ? undefined : deployImage ?? (build ? `${build.image}:${planVersion}` : undefined),
        version: version ?? (building ? planVersion : undefined),
    }));
    const smokeInputs = linkInputs(source, 'smoke');
    const userChecks = ['url', 'checks', 'checks-file'].some((name) => smokeInputs.optional(name) !== undefined);
    const smokeFrom = userChecks ? 'inputs' : deploy.health.url ? 'health-url' : 'none';
    const partial = { source, checkVersion: inputs.boolean('check-version', true), smokeFrom };
    const smoke = smokeFrom === 'none' ? undefined : parseSmokeSettings(linkInputs(source, 'smoke', smokeDerived(partial, planVersion)), context.workDir);
    return {
        mode, source, deployImage, version, checkVersion: partial.checkVersion, smokeFrom,
        rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
        dryRun: inputs.boolean('dry-run', false),
        build, push, deploy, smoke,
    };
}

;// CONCATENATED MODULE: ./build/src/pipeline/plan.js









const planned = (value) => value.replace(new RegExp(PLANNED, 'g'), '<version>');
function planPipeline(settings) {
    const version = settings.version ?? (settings.mode === 'rollback' ? 'the previous version on each host' : '<version from git>');
    const steps = [];
    const { build, push, deploy, smoke } = settings;
    if (build && push) {
        const reference = `${build.image}:${settings.version ?? PLANNED}`;
        const command = buildCommand({
            references: [reference, ...build.extraTags.map((tag) => `${build.image}:${tag}`)], platforms: build.platforms, dockerfile: build.dockerfile,
            context: build.context, labels: build.labels, buildArgs: build.buildArgs,
            secretFiles: Object.fromEntries(Object.keys(build.buildSecrets).map((id) => [id, `<0600 file with secret ${id}>`])),
            target: build.target, network: build.network, noCache: build.noCache, iidFile: '<temp>/iid',
        }, { kind: 'classic', docker: 'docker', canExportCache: false });
        steps.push({ step: 'build-image', what: `${build.image} for ${build.platforms.join(', ')}, tagged from git and ${settings.version ?? '<version>'} (buildx or the classic builder, detected at run time)`, commands: [planned(describeCommand(command))] });
        steps.push({
            step: 'push-image', what: `every tag to ${push.registry}; verify a pull by digest${push.verifyPlatform ? ` as ${push.verifyPlatform}` : ''}`,
            commands: [
                ...(push.username ? [describeCommand(loginCommand(push.registry, push.username, '', '<private DOCKER_CONFIG>'))] : []),
                planned(describeCommand(pushCommand(reference, '<private DOCKER_CONFIG>'))),
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
    const hosts = deploy.ssh.targets.map((target, index) => {
        const appDir = forHost(deploy.appDir, target.host, index);
        const commands = [`ssh -p ${target.port} ${target.user}@${target.host} (one connection for every command below)`, `take the lock ${stateDir(appDir)}/lock`];
        if (deploy.compose) {
            const project = deploy.compose.project ? forHost(deploy.compose.project, target.host, index) : undefined;
            const overrideFile = `${stateDir(appDir)}/compose-${project ?? 'default'}-${deploy.compose.service}.override.json`;
            const words = (...sub) => planned(shellJoin(composeWords('v2', { appDir, files: deploy.compose?.files ?? [], project, envFile: deploy.compose?.envFile, overrideFile }, ...sub)));
            // Which compose the host has is only known once connected: the plan shows v2's words.
            commands.push('compose as `docker compose` (v2), or `docker-compose` (v1) where the host has only that');
            if (deploy.mode === 'rollback')
                commands.push(`point ${deploy.compose.service} at the previous image recorded in ${stateDir(appDir)}`);
            else {
                if (deploy.compose.preDeploy)
                    commands.push(`pre-deploy hook: ${deploy.compose.preDeploy}`);
                commands.push(`write ${overrideFile}: ${deploy.compose.service} → ${image}`);
                if (deploy.compose.pull)
                    commands.push(words('pull', deploy.compose.service));
            }
            commands.push(words('up', '-d', '--remove-orphans'));
        }
        else if (deploy.release) {
            if (deploy.mode === 'rollback')
                commands.push(`switch ${appDir}/current to the release before it`);
            else {
                commands.push(`upload ${deploy.release.artifact} to ${appDir}/releases/<timestamp> (rsync over the same connection)`);
                if (deploy.release.shared.length)
                    commands.push(`link shared: ${deploy.release.shared.join(', ')}`);
                for (const command of deploy.release.prePromote)
                    commands.push(`in the release: ${command}`);
                commands.push(`switch ${appDir}/current to the new release`);
            }
            for (const command of deploy.release.restart)
                commands.push(command);
        }
        else if (deploy.script) {
            commands.push(`in ${appDir}: ${deploy.script}`);
        }
        if (deploy.health.url)
            commands.push(`health: ${deploy.health.url}${deploy.health.expect ? ` contains ${planned(deploy.health.expect.replace(/\{version\}/g, PLANNED))}` : ''} within ${Math.round(deploy.health.timeoutMs / 1000)} s, else roll this host back`);
        commands.push(`append to ${stateDir(appDir)}/deploy.log; release the lock`);
        return { host: describeTarget(target), appDir, commands };
    });
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
function planSummary(plan) {
    const summary = new Summary()
        .heading(`Deploy pipeline plan (dry run, nothing touched): version ${plan.version}`)
        .table(['step', 'what'], plan.steps.map((step) => [step.step, step.what]));
    for (const step of plan.steps.filter((s) => s.commands.length))
        summary.text(`${step.step}:`).list(step.commands.map((c) => `\`${c}\``));
    for (const host of plan.hosts)
        summary.text(`On ${host.host} (${host.appDir}):`).list(host.commands.map((c) => `\`${c}\``));
    summary.text('Checks:').list(plan.checks.length ? plan.checks : ['none']);
    return summary.text(`On failure: ${plan.onFailure}.`);
}

;// CONCATENATED MODULE: ./build/src/pipeline/report.js





const report_seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const STATUS = { ok: '✅ ok', failed: '❌ failed', skipped: '➖ skipped' };
const HEADLINE = {
    deployed: 'deployed',
    'rolled-back': 'failed and rolled back',
    failed: 'failed',
    planned: 'planned',
};
/** The whole story in one summary: image, digest, hosts with versions before and after, checks, timings. */
function pipelineSummary(result) {
    if (result.plan)
        return planSummary(result.plan);
    const summary = new Summary().heading(`Deploy pipeline: ${result.version || 'version unknown'} ${HEADLINE[result.outcome]} (${report_seconds(result.durationMs)})`);
    summary.table(['step', 'result', 'time', 'detail'], result.steps.map((s) => [s.step, STATUS[s.status], s.status === 'skipped' ? '-' : report_seconds(s.durationMs), s.detail]));
    if (result.build || result.imageRef) {
        summary.table(['image', 'digest', 'size', 'tags'], [[
                result.imageRef ?? result.build?.tags[0] ?? '', result.push ? `\`${result.push.digest}\`` : '-',
                result.build ? build_flow_formatBytes(result.build.sizeBytes) : '-', result.build?.tags.map((tag) => tag.split(':').pop()).join(', ') ?? '-',
            ]]);
    }
    if (result.deploy) {
        summary.table(['host', 'before', 'after', 'status', 'detail'], result.deploy.hosts.map((host) => {
            const back = result.rollback?.hosts.find((h) => h.host === host.host);
            const after = back ? (back.status === 'rolled-back' ? back.version : `${host.version} (rollback ${back.status})`) : host.status === 'deployed' || host.status === 'rolled-back' ? host.version : '-';
            return [host.host, host.previous || '-', after || '-', back ? `rolled back after the smoke test (${back.status})` : host.status, back?.message ?? host.message];
        }));
        // With strategy swarm, the per-service table says what the engine did (empty otherwise).
        summary.append(swarmReportSummary(result.deploy));
    }
    if (result.rollback)
        summary.append(swarmReportSummary(result.rollback));
    if (result.smoke)
        summary.append(smokeSummary(result.smoke));
    if (result.failure)
        summary.text(`**Failure:** ${result.failure}`);
    return summary;
}
function pipelineOutputs(result) {
    return {
        outcome: result.outcome,
        version: result.version,
        'image-ref': result.imageRef ?? '',
        digest: result.push?.digest ?? '',
        tags: result.build?.tags.join('\n') ?? '',
        'previous-version': result.deploy?.previousVersion ?? '',
        hosts: JSON.stringify((result.deploy?.hosts ?? []).map((host) => {
            const back = result.rollback?.hosts.find((h) => h.host === host.host);
            return { host: host.host, before: host.previous, after: back?.status === 'rolled-back' ? back.version : host.version, status: back ? 'rolled-back' : host.status };
        })),
        'rolled-back': String(result.outcome === 'rolled-back'),
        'smoke-passed': result.smoke ? String(result.smoke.passed) : '',
        'duration-ms': String(result.durationMs),
    };
}
function pipelineFailure(result) {
    if (result.outcome === 'deployed' || result.outcome === 'planned')
        return undefined;
    return result.failure ?? 'the pipeline failed';
}

;// CONCATENATED MODULE: ./build/src/pipeline/run.js












/** build-image → push-image → ssh-deploy → smoke-test, each through its own flow, with a rollback when the smoke test fails. */
async function runPipeline(settings, context) {
    const started = Date.now();
    if (settings.dryRun) {
        const plan = planPipeline(settings);
        return { mode: settings.mode, outcome: 'planned', version: plan.version, steps: [], plan, durationMs: Date.now() - started };
    }
    const parseContext = { env: context.env, platform: context.platform, workDir: context.workDir };
    const result = { mode: settings.mode, outcome: 'failed', version: settings.version ?? '', steps: [], durationMs: 0 };
    const step = async (name, body) => {
        const stepStarted = Date.now();
        try {
            // After a cancel no new step starts (docs/cancel.md).
            throwIfCancelled(context.signal, `step ${name}`);
            const { value, ok, detail } = await context.log.group(name, body);
            result.steps.push({ step: name, status: ok ? 'ok' : 'failed', durationMs: Date.now() - stepStarted, detail });
            return value;
        }
        catch (error) {
            const detail = errors_formatError(error);
            result.steps.push({ step: name, status: 'failed', durationMs: Date.now() - stepStarted, detail });
            result.failure = `${name}: ${detail}`;
            return undefined;
        }
    };
    const finish = () => ({ ...result, durationMs: Date.now() - started });
    if (settings.build) {
        // One version for every link: given, else what build-image would derive from git.
        result.version = settings.version ?? tags_versionOf(await readGitFacts(context.runner, settings.build.context, context.env, context.log)) ?? timestampVersion();
    }
    else if (settings.mode === 'deploy' && !settings.version) {
        result.version = settings.deploy.version;
    }
    const version = result.version;
    let deploySettings = settings.deploy;
    if (settings.build) {
        const get = (name) => settings.source.get(name);
        const extraTags = [routeInput(get, 'build', 'tags'), isValidTag(version) ? version : undefined].filter(Boolean).join('\n');
        const build = await step('build-image', async () => {
            const parsed = buildImageFlow.parse(linkInputs(settings.source, 'build', {
                version, tags: extraTags, 'build-args': withVersion(routeInput(get, 'build', 'build-args'), version),
            }), parseContext);
            const value = await buildImageFlow.run(parsed, context);
            return { value, ok: true, detail: `${value.tags.length} tags, ${value.builder} builder, layer cache ${value.cache}` };
        });
        if (!build)
            return finish();
        result.build = build;
        const push = await step('push-image', async () => {
            const value = await pushImageFlow.run(pushImageFlow.parse(linkInputs(settings.source, 'push', { tags: build.tags.join('\n') }), parseContext), context);
            return { value, ok: true, detail: `${value.digest} (${value.layersUploaded} layers uploaded)` };
        });
        if (!push)
            return finish();
        result.push = push;
        result.imageRef = push.imageRef;
        deploySettings = deployFlow.parse(linkInputs(settings.source, 'deploy', { image: push.imageRef, version }), parseContext);
    }
    else {
        result.imageRef = settings.deployImage;
        result.steps.push({ step: 'build-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) }, { step: 'push-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) });
    }
    const deploy = await step('ssh-deploy', async () => {
        const value = await deployFlow.run(deploySettings, context);
        const failure = deployFlow.failure?.(value);
        if (failure)
            result.failure = `ssh-deploy: ${failure}`;
        return { value, ok: !failure, detail: `${value.hosts.filter((h) => h.status === 'deployed' || (value.mode === 'rollback' && h.status === 'rolled-back')).length} of ${value.hosts.length} hosts ${value.mode === 'rollback' ? 'rolled back' : 'deployed'}` };
    });
    if (!deploy)
        return finish();
    result.deploy = deploy;
    if (!deploy.ok) {
        result.outcome = deploy.rolledBack ? 'rolled-back' : 'failed';
        return finish();
    }
    if (settings.mode === 'rollback' || !result.version)
        result.version = deploy.version;
    if (settings.smokeFrom === 'none') {
        result.steps.push({ step: 'smoke-test', status: 'skipped', durationMs: 0, detail: 'no url, checks or health-url set' });
        result.outcome = 'deployed';
        return finish();
    }
    const smoke = await step('smoke-test', async () => {
        const parsed = smokeFlow.parse(linkInputs(settings.source, 'smoke', smokeDerived(settings, result.version)), parseContext);
        const value = await smokeFlow.run(parsed, context);
        return { value, ok: value.passed, detail: value.passed ? `${value.checks.length} check(s) passed${value.versionSeen ? `, version ${value.versionSeen}` : ''}` : smokeFlow.failure?.(value) ?? 'failed' };
    });
    if (smoke)
        result.smoke = smoke;
    if (smoke?.passed) {
        result.outcome = 'deployed';
        return finish();
    }
    const why = smoke ? smokeFlow.failure?.(smoke) ?? 'the smoke test failed' : result.failure ?? 'the smoke test did not run';
    result.failure = `smoke-test: ${why}`;
    if (settings.mode === 'rollback' || !settings.rollbackOnFailure)
        return finish();
    // Back only on the hosts this run changed, from the state each host recorded.
    const changed = deploy.hosts.map((outcome, index) => ({ outcome, target: deploySettings.ssh.targets[index] }))
        .filter(({ outcome, target }) => target && outcome.status === 'deployed' && outcome.changed);
    const rollback = await step('rollback', async () => {
        const value = await deployFlow.run({ ...deploySettings, mode: 'rollback', ssh: { targets: changed.map(({ target }) => target) } }, context);
        const failure = deployFlow.failure?.(value);
        return { value, ok: !failure, detail: failure ?? `${changed.length} host(s) back on ${value.version}` };
    });
    if (rollback) {
        result.rollback = rollback;
        const back = rollback.hosts.every((host) => host.status === 'rolled-back');
        result.outcome = back ? 'rolled-back' : 'failed';
        result.failure = back
            ? `smoke-test: ${why}; rolled back ${rollback.hosts.length} host(s), ${rollback.version} is serving again`
            : `smoke-test: ${why}; the rollback failed too: ${deployFlow.failure?.(rollback) ?? ''}`;
    }
    else {
        result.failure = `smoke-test: ${why}; ${result.failure ?? ''}`;
    }
    return finish();
}
function skipReason(settings) {
    if (settings.mode === 'rollback')
        return 'rollback: nothing to build';
    if (settings.deployImage)
        return `deploying ${settings.deployImage}`;
    return `the ${settings.deploy.strategy} strategy ships no image`;
}
function timestampVersion() {
    return new Date().toISOString().replace(/[-:]|\.\d+/g, '').replace('T', '.').replace('Z', '');
}

;// CONCATENATED MODULE: ./build/src/pipeline/flow.js



/** The root action (`uses: slipway-dev/slipway@v1`) and `slipway pipeline`: the whole chain in one step. */
const pipelineFlow = {
    command: 'pipeline',
    action: 'deploy-pipeline',
    describe: 'Build, push, deploy and smoke-test in one step; roll back when the smoke test fails (--dry-run prints the plan)',
    parse: (inputs, context) => parsePipelineSettings(inputs, context),
    run: runPipeline,
    outputs: pipelineOutputs,
    summary: pipelineSummary,
    failure: pipelineFailure,
    // Its deploy watches context.signal (docs/cancel.md); a build or push in flight runs to its end first.
    handlesCancel: true,
};

;// CONCATENATED MODULE: ./build/src/core/cache.js
const noCache = {
    description: 'no cache',
    restore: async () => undefined,
    save: async () => undefined,
};

;// CONCATENATED MODULE: ./build/src/scan/encoding.js
// Offline checks of token structure: checksums and encodings providers document.
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
        let c = n;
        for (let k = 0; k < 8; k += 1)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
function crc32(text) {
    let crc = 0xffffffff;
    for (let i = 0; i < text.length; i += 1)
        crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(value, width) {
    let out = '';
    let rest = value;
    while (rest > 0) {
        out = BASE62[rest % 62] + out;
        rest = Math.floor(rest / 62);
    }
    return out.padStart(width, '0');
}
/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: 4-character prefix,
 * 30 random base62 characters, then the CRC32 of those 30 in 6 base62 digits.
 */
function hasValidCrc32Suffix(token, prefixLength = 4) {
    const body = token.slice(prefixLength, -6);
    return body.length > 0 && base62(crc32(body), 6) === token.slice(-6);
}
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values) {
    const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let chk = 1;
    for (const value of values) {
        const top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (let i = 0; i < 5; i += 1)
            if ((top >>> i) & 1)
                chk ^= generators[i];
    }
    return chk >>> 0;
}
function hrpExpand(hrp) {
    const codes = [...hrp].map((c) => c.charCodeAt(0));
    return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}
/** BIP-173 bech32 checksum (age secret keys are bech32 with the hrp `age-secret-key-`). */
function isValidBech32(text) {
    const lower = text.toLowerCase();
    const separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length)
        return false;
    const data = [];
    for (const char of lower.slice(separator + 1)) {
        const index = BECH32.indexOf(char);
        if (index < 0)
            return false;
        data.push(index);
    }
    return bech32Polymod([...hrpExpand(lower.slice(0, separator)), ...data]) === 1;
}
/** Appends a valid bech32 checksum; used to build test samples. */
function withBech32Checksum(hrp, data) {
    const values = [...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0];
    const mod = bech32Polymod(values) ^ 1;
    const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return `${hrp}1${[...data, ...checksum].map((d) => BECH32[d]).join('')}`;
}
/** Shannon entropy in bits per character. */
function shannonEntropy(text) {
    if (!text)
        return 0;
    const counts = new Map();
    for (const char of text)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}
function decodeBase64(text) {
    const normal = text.replace(/-/g, '+').replace(/_/g, '/');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normal))
        return undefined;
    return Buffer.from(normal, 'base64').toString('latin1');
}
/** A JWT-style segment whose base64url decodes to a JSON object. */
function isJsonSegment(segment, requiredKey) {
    const decoded = decodeBase64(segment);
    if (!decoded)
        return false;
    try {
        const value = JSON.parse(decoded);
        return typeof value === 'object' && value !== null && (!requiredKey || requiredKey in value);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./build/src/scan/config.js



const emptyConfig = () => ({ rules: [], disable: [], allowPaths: [], allowRegexes: [], stopwords: [] });
function parseSize(value) {
    if (typeof value === 'number')
        return value;
    const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
    if (!match)
        return undefined;
    const unit = (match[2] ?? 'b').toLowerCase()[0];
    return Math.round(Number(match[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1));
}
/** Reads and validates the config; every error names the file, the line and the key. */
function loadScanConfig(file, required = false) {
    if (!external_node_fs_namespaceObject.existsSync(file)) {
        if (required)
            throw new SlipwayError(`${file}: the secret-scan config file does not exist`, { fix: 'Create it, or leave the `config` input empty to use the defaults' });
        return emptyConfig();
    }
    return parseScanConfig(external_node_fs_namespaceObject.readFileSync(file, 'utf8'), file);
}
function parseScanConfig(source, file) {
    const lineCounter = new dist.LineCounter();
    const document = dist.parseDocument(source, { lineCounter, prettyErrors: false });
    if (document.errors.length > 0) {
        const error = document.errors[0];
        const line = lineCounter.linePos(error.pos[0]).line;
        throw new SlipwayError(`${file}:${line}: not valid YAML (${error.message.split('\n')[0]})`, { fix: 'Fix the YAML on that line' });
    }
    // A missing key is reported at its nearest parent that exists.
    const lineOf = (path) => {
        for (let depth = path.length; depth > 0; depth -= 1) {
            const node = document.getIn(path.slice(0, depth), true);
            if ((0,dist.isNode)(node) && node.range)
                return lineCounter.linePos(node.range[0]).line;
        }
        return 1;
    };
    const fail = (path, problem, fix) => {
        const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
        throw new SlipwayError(`${file}:${lineOf(path)}: ${where}: ${problem}`, { fix });
    };
    const root = document.toJS();
    const config = emptyConfig();
    if (root === null || root === undefined)
        return config;
    if (typeof root !== 'object' || Array.isArray(root))
        return fail([], 'must be a mapping (rules:, disable:, allow:, max-file-size:)', 'See docs/secret-scan.md');
    const data = root;
    const known = new Set(['version', 'rules', 'disable', 'allow', 'max-file-size']);
    for (const key of Object.keys(data))
        if (!known.has(key))
            fail([key], `is not a known key (found '${key}', expected one of ${[...known].join(', ')})`, 'Remove or rename it');
    const regex = (path, value, flags = '') => {
        if (typeof value !== 'string' || value === '')
            return fail(path, `must be a non-empty string (found ${JSON.stringify(value)})`, 'Quote the regular expression');
        try {
            return new RegExp(value, flags);
        }
        catch (error) {
            return fail(path, `is not a valid regular expression (${error.message})`, 'Fix the pattern (JavaScript syntax)');
        }
    };
    const strings = (path, value) => {
        if (value === undefined || value === null)
            return [];
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
            return fail(path, 'must be a list of strings', 'Write it as [a, b] or as a YAML list');
        return value;
    };
    if (data.rules !== undefined) {
        if (!Array.isArray(data.rules))
            fail(['rules'], 'must be a list of rules', 'Start each rule with `- id:`');
        data.rules.forEach((raw, index) => {
            const at = ['rules', index];
            if (typeof raw !== 'object' || raw === null)
                return fail(at, 'must be a mapping with id, regex and keywords', 'See docs/secret-scan.md');
            const rule = raw;
            if (typeof rule.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(rule.id))
                fail([...at, 'id'], `must be a kebab-case id (found ${JSON.stringify(rule.id)})`, 'Use e.g. `acme-token`');
            const pattern = regex([...at, 'regex'], rule.regex);
            const keywords = strings([...at, 'keywords'], rule.keywords).map((k) => k.toLowerCase());
            if (keywords.length === 0)
                fail([...at, 'keywords'], 'is required (a rule only runs on lines holding one of its keywords)', 'List a literal part of the token, e.g. [acme_]');
            const entropy = rule.entropy;
            if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8))
                fail([...at, 'entropy'], `must be a number of bits per character between 0 and 8 (found ${JSON.stringify(entropy)})`, 'Try 3.0');
            config.rules.push({
                id: rule.id,
                title: typeof rule.title === 'string' ? rule.title : rule.id,
                keywords,
                pattern,
                minEntropy: entropy,
                samples: { match: [], quiet: [] },
            });
        });
    }
    config.disable = strings(['disable'], data.disable);
    if (data.allow !== undefined) {
        if (typeof data.allow !== 'object' || data.allow === null || Array.isArray(data.allow))
            fail(['allow'], 'must be a mapping (paths:, regexes:, stopwords:)', 'See docs/secret-scan.md');
        const allow = data.allow;
        for (const key of Object.keys(allow))
            if (!['paths', 'regexes', 'stopwords'].includes(key))
                fail(['allow', key], 'is not a known key (expected paths, regexes or stopwords)', 'Remove or rename it');
        config.allowPaths = strings(['allow', 'paths'], allow.paths).map((p, i) => regex(['allow', 'paths', i], p));
        config.allowRegexes = strings(['allow', 'regexes'], allow.regexes).map((p, i) => regex(['allow', 'regexes', i], p));
        config.stopwords = strings(['allow', 'stopwords'], allow.stopwords).map((w) => w.toLowerCase());
    }
    if (data['max-file-size'] !== undefined) {
        const size = parseSize(data['max-file-size']);
        if (size === undefined)
            fail(['max-file-size'], `is not a size (found ${JSON.stringify(data['max-file-size'])}, expected e.g. 2MB)`, 'Write bytes or a size with KB/MB');
        config.maxFileSize = size;
    }
    return config;
}

;// CONCATENATED MODULE: ./build/src/scan/report/summary.js

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
    const summary = new Summary().heading(`Secret scan (${stats.mode}): ${fresh === 0 ? 'no new secrets' : `${fresh} new secret${fresh === 1 ? '' : 's'}`}`);
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
    for (const line of extra)
        summary.text(line);
    return summary;
}

;// CONCATENATED MODULE: ./build/src/scan/baseline.js



function readBaseline(file) {
    if (!external_node_fs_namespaceObject.existsSync(file))
        return new Set();
    return parseBaseline(external_node_fs_namespaceObject.readFileSync(file, 'utf8'), file);
}
/** `where` names the file (or `<commit>:<path>`) in errors. */
function parseBaseline(text, where) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new SlipwayError(`${where}: the baseline is not valid JSON (${error.message})`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
    }
    if (!Array.isArray(data.findings))
        throw new SlipwayError(`${where}: the baseline has no "findings" list`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
    return new Set(data.findings.map((f) => f.fingerprint));
}
function writeBaseline(file, findings) {
    const unique = new Map();
    for (const f of findings)
        if (!unique.has(f.fingerprint))
            unique.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.ruleId, path: f.path, line: f.line });
    const data = { version: 1, findings: [...unique.values()].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line) };
    external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(file), { recursive: true });
    external_node_fs_namespaceObject.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

;// CONCATENATED MODULE: ./build/src/scan/allowlist.js
// Quiet by default: values that look like secrets but are placeholders,
// documented examples, references to the environment or encoded images.
const PLACEHOLDER_WORDS = /example|changeme|change_me|change-me|placeholder|dummy|sample|fake|redacted|replace|insert|your[_-]?|my[_-]?(?:secret|token|key|pass)|xxxx|\*\*\*|todo|fixme|<|>|\.\.\.|here$|^(?:pass(?:word)?|secret|token|test|testing|default|admin|root|null)\d{0,4}!?$|^p@ssw[o0]rd|^passw[o0]rd|^hunter2$|^letmein|^qwerty|^abc123|^s3cr3t/gi;
/** Words and shapes a person writes where a secret will go later. */
function looksLikeGenericPlaceholder(value) {
    if (holdsWrittenWord(value, PLACEHOLDER_WORDS))
        return true;
    if (/(.)\1{5,}/.test(value))
        return true;
    if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ|1234567890/.test(value))
        return true;
    return new Set(value).size < 5;
}
/** Whether a match of `words` (a global regex) in `text` is written as a word; stops at the first. */
function holdsWrittenWord(text, words) {
    for (const [word] of text.matchAll(words))
        if (writtenAsAWord(word))
            return true;
    return false;
}
/**
 * A person writes `fake`, `FAKE`, `Fake` or `changeMe`; a random token holds
 * `fAKe` or `toDO` by chance, and that must not make a real key a stand-in.
 */
function writtenAsAWord(word) {
    if (word === word.toLowerCase() || word === word.toUpperCase())
        return true;
    // camelCase, PascalCase, Api-Key: each part (split at separators and before a capital) is a lower or Capitalized run of 2+.
    const parts = word.split(/[_.\s-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
    return parts.every((part) => part.length >= 2 && part.slice(1) === part.slice(1).toLowerCase());
}
/** Documented example keys and obvious stand-ins, for every rule. */
function isDocumentedExample(secret) {
    return /EXAMPLE|example/.test(secret) || /0123456789abcdef|1234567890|abcdefghijklmnop/i.test(secret);
}
/** Inside a `data:…;base64,` URI (an inlined image or font). */
function insideDataUri(line, column) {
    const marker = line.lastIndexOf(';base64,', column);
    if (marker < 0)
        return false;
    // The base64 run must reach from the marker to the match without a break.
    return /^[A-Za-z0-9+/=]*$/.test(line.slice(marker + 8, column));
}
const INLINE_ALLOW = 'slipway:allow';

;// CONCATENATED MODULE: ./build/src/scan/rules/structural.js
// Secrets recognised by their structure or their surroundings rather than a
// provider prefix: key blocks, JWTs, credentials in URLs and headers, and the
// generic "secret-looking name = high-entropy value".


const pemBody = (g, lines) => Array.from({ length: lines }, () => g.base64(64)).join('\n');
const jwt = (g) => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: g.digits(8), role: 'service_role', iat: 1700000000 + g.int(0, 1e6) })).toString('base64url');
    return `${header}.${payload}.${g.urlSafe(43)}`;
};
const discordBotToken = (g) => `${Buffer.from(`1${g.digits(17)}`).toString('base64').replace(/=+$/, '')}.${g.urlSafe(6)}.${g.urlSafe(38)}`;
/** A strong-looking password a person might pick: letters, digits and a symbol. */
const humanPassword = (g) => `${g.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${g.chars('abcdefghijkmnopqrstuvwxyz', 5)}${g.digits(3)}${g.chars('!#%&*+-?@^', 1)}${g.alnum(4)}`;
const GENERIC_NAMES = 'passw(?:or)?d|pass(?![a-z])|passphrase|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?(?:key|token)|private[_.-]?key|client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|smtp[_.-]?pass';
const GENERIC_NAME_WORDS = new RegExp(GENERIC_NAMES, 'gi');
/** Names that carry secret-looking words but hold no secret (`token_url`, `public_key`). */
const NOT_SECRET_NAME = /public|hash|digest|sha\d*|checksum|fingerprint|integrity|_?(?:url|uri|path|file|dir|name|type|endpoint|length|len|count|ttl|expir\w*|timeout|id|field|prompt|label|header|format|policy|mode|version|len|size|limit|regex|pattern)$|^(?:no|min|max|use|has|is|show|reset|forgot|new|confirm)_|_(?:enabled|required|rules?|hint|placeholder|reset)$|token(?:izer|ize|s_?used|_?count)|next_?token|page_?token|csrf|xsrf/i;
const GENERIC_VALUE_CLASS = "[^\\s\"'`;,<>(){}\\[\\]]";
const structuralRules = [
    {
        id: 'private-key',
        title: 'Private key block',
        keywords: ['private key'],
        multiline: true,
        pattern: /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{32,12000}?)-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----/,
        validate: (body) => {
            const compact = body.replace(/\\n|\\r|\s|"|,|\+$/g, '').replace(/^(?:Proc-Type|DEK-Info|Comment):.*$/gm, '');
            return compact.length >= 64 && /^[A-Za-z0-9+/=:.,-]+$/.test(compact.slice(-64)) && !/\.\.\.|<|example/i.test(body);
        },
        samples: {
            match: [
                (g) => `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(g, 8)}\n-----END RSA PRIVATE KEY-----`,
                (g) => `"private_key": "-----BEGIN PRIVATE KEY-----\\n${g.base64(64)}\\n${g.base64(64)}\\n-----END PRIVATE KEY-----\\n",`,
            ],
            quiet: [
                '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
                '-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----',
            ],
        },
    },
    {
        id: 'putty-private-key',
        title: 'PuTTY private key',
        keywords: ['putty-user-key-file'],
        multiline: true,
        pattern: /PuTTY-User-Key-File-\d: [a-z0-9-]+[\s\S]{0,2000}?Private-Lines: \d+\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,})/,
        samples: {
            match: [(g) => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${g.base64(64)}\n${g.base64(20)}\nPrivate-Lines: 1\n${g.base64(64)}\nPrivate-MAC: ${g.hex(64)}`],
            quiet: ['PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n<redacted>'],
        },
    },
    {
        id: 'jwt',
        title: 'JSON Web Token',
        keywords: ['eyj'],
        pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})/,
        validate: (token) => {
            const [header, payload] = token.split('.');
            return isJsonSegment(header, 'alg') && isJsonSegment(payload);
        },
        samples: {
            match: [(g) => `SUPABASE_SERVICE_ROLE_KEY=${jwt(g)}`],
            quiet: ['token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.<signature>', `const header = "eyJ0eXAiOiJKV1QifQ.eyJub3Rqc29u.${'a'.repeat(30)}";`],
        },
    },
    {
        id: 'discord-bot-token',
        title: 'Discord bot token',
        keywords: ['discord', 'bot '],
        pattern: /(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
        validate: (token) => /^\d{17,20}$/.test(decodeBase64(token.split('.')[0]) ?? ''),
        samples: {
            match: [(g) => `DISCORD_TOKEN="${discordBotToken(g)}"`],
            quiet: ['DISCORD_TOKEN="your-discord-bot-token"'],
        },
    },
    {
        id: 'url-credentials',
        title: 'Password in a connection string or URL',
        keywords: ['://'],
        pattern: /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:@/'"`]{1,100}:(?<secret>[^\s@/'"`]{3,200})@[A-Za-z0-9_.-]+/i,
        validate: (password) => !looksLikeGenericPlaceholder(password) && !/^(?:pass(?:word)?|pwd|secret|x+|\*+|user|admin|root|postgres|guest|test)$/i.test(password) && !/^[$%{<]/.test(password),
        samples: {
            match: [
                (g) => `DATABASE_URL=postgres://app:${g.alnum(20)}@db.internal:5432/app`,
                (g) => `redis_url: "rediss://default:${g.alnum(24)}@cache.example.net:6380"`,
            ],
            quiet: ['DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app', 'url: postgres://user:password@localhost/db', 'https://user:<password>@git.example.com'],
        },
    },
    {
        id: 'connection-string-password',
        title: 'Password in an ADO.NET / JDBC connection string',
        keywords: ['password=', 'pwd='],
        pattern: /(?:server|host|data source|jdbc:[a-z]+:)[^\n]{0,200}?(?:password|pwd)=(?<secret>[^;\s'"&]{6,100})/i,
        validate: (password) => !looksLikeGenericPlaceholder(password) && !/^[$%{<]/.test(password),
        samples: {
            match: [(g) => `"Db": "Server=sql.internal;Database=app;User Id=app;Password=${g.alnum(12)}#${g.digits(2)};"`],
            quiet: ['"Db": "Server=sql.internal;Database=app;User Id=app;Password=$(DB_PASSWORD);"'],
        },
    },
    {
        id: 'basic-auth-header',
        title: 'HTTP basic authorization credentials',
        keywords: ['basic '],
        pattern: /authorization["']?\s*[:=]\s*["']?basic\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})/i,
        validate: (value) => {
            const decoded = decodeBase64(value) ?? '';
            const [, password = ''] = decoded.split(':');
            return /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decoded) && !looksLikeGenericPlaceholder(password);
        },
        samples: {
            match: [(g) => `curl -H "Authorization: Basic ${Buffer.from(`deploy:${g.alnum(16)}`).toString('base64')}" https://ci.internal/api`],
            quiet: ['curl -H "Authorization: Basic $CREDENTIALS" https://ci.internal/api'],
        },
    },
    {
        id: 'bearer-token',
        title: 'Bearer token in an authorization header',
        keywords: ['bearer '],
        pattern: /authorization["']?\s*[:=]\s*["']?bearer\s+(?<secret>[A-Za-z0-9_.~+/-]{20,}=*)/i,
        minEntropy: 3.5,
        validate: (token) => !looksLikeGenericPlaceholder(token) && /[A-Za-z]/.test(token) && (/[0-9]/.test(token) || lettersOnlyToken(token)),
        samples: {
            match: [(g) => `-H 'Authorization: Bearer ${g.alnum(40)}'`, (g) => `-H 'Authorization: Bearer ${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40)}'`],
            quiet: ['-H "Authorization: Bearer ${TOKEN}"', "-H 'Authorization: Bearer your_access_token_here'", "headers: { authorization: 'Bearer accessTokenFromTheLoginStep' }"],
        },
    },
    {
        id: 'docker-config-auth',
        title: 'Registry credentials in a Docker config.json',
        keywords: ['"auth"'],
        pattern: /"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,}={0,2})"/,
        validate: (value) => /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decodeBase64(value) ?? ''),
        samples: {
            match: [(g) => `{"auths": {"registry.example.net": {"auth": "${Buffer.from(`ci:${g.alnum(20)}`).toString('base64')}"}}}`],
            quiet: ['{"auths": {"registry.example.net": {"auth": ""}}}'],
        },
    },
    {
        id: 'npmrc-auth-token',
        title: 'Registry token in .npmrc',
        keywords: ['_authtoken', '_auth=', '_password='],
        pattern: /(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[A-Za-z0-9+/_.=-]{16,})/,
        minEntropy: 3.2,
        validate: (value) => !looksLikeGenericPlaceholder(value),
        samples: {
            match: [(g) => `//npm.pkg.example.net/:_authToken=${g.urlSafe(36)}`],
            quiet: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
        },
    },
    {
        id: 'azure-sas-token',
        title: 'Azure shared access signature',
        keywords: ['sig='],
        pattern: /[?&]sv=\d{4}-\d\d-\d\d[^\s"']*?&sig=(?<secret>[A-Za-z0-9%+/]{40,}(?:%3D|=)*)/i,
        samples: {
            match: [(g) => `BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig=${g.alnum(43)}%3D"`],
            quiet: ['BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&sig=<sas-signature>"'],
        },
    },
    {
        id: 'generic-secret',
        title: 'High-entropy value assigned to a secret-looking name',
        generic: true,
        keywords: ['pass', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'auth_key', 'private_key', 'privatekey', 'credential', 'signing_key', 'encryption_key', 'master_key'],
        pattern: new RegExp(`(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]*?(?:${GENERIC_NAMES})[A-Za-z0-9_.-]*)["'\\]]?\\s*(?::=|=>|=|:|\\s)\\s*(?<q>["'\`]?)(?<secret>${GENERIC_VALUE_CLASS}{8,200})\\k<q>(?=[\\s"'\`;,)}\\]]|$)`, 'i'),
        validate: (value) => isStrongGenericValue(value),
        samples: {
            match: [
                (g) => `SMTP_PASSWORD=${humanPassword(g)}`,
                (g) => `db_password: "${humanPassword(g)}"`,
                (g) => `  "apiKey": "${g.alnum(32)}",`,
                (g) => `export APP_SECRET='${g.base64(40)}'`,
            ],
            quiet: [
                'password: ${{ secrets.DB_PASSWORD }}',
                'const token = process.env.GITHUB_TOKEN;',
                'DB_PASSWORD=changeme',
                'api_key = "your_api_key_here"',
                'password = os.environ["DB_PASSWORD"]',
                'token_url = "https://auth.example.net/oauth/token"',
                'const passwordField = form.querySelector("#password");',
                'secret: !vault |',
                'password: <PASSWORD>',
                'TOKEN_TTL=3600',
                'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq9wYk1sN0nX2Vb4d1c7e5f3a9b8c6d4e2f0a1b3c5d7e9"',
            ],
        },
    },
];
/** A file path (`/etc/app/key.pem`, `./secrets`), not a base64 value that starts with a slash. */
function structural_looksLikePath(value) {
    if (/^[A-Za-z]:\\/.test(value))
        return true;
    if (!/^(?:\.{0,2}|~)\/[A-Za-z0-9_./-]*$/.test(value))
        return false;
    // Path segments are words (lower, Capitalised or UPPER); random base64 segments are not.
    return value.split('/').every((segment) => /^(?:[a-z0-9_.-]*|[A-Z][a-z0-9_.-]*|[A-Z0-9_.-]*)$/.test(segment));
}
/**
 * A bearer token of letters only: an identifier (`accessTokenFromTheLoginStep`)
 * is camelCase with about one capital in seven and entropy near 4; a random
 * token is cased at random or has higher entropy still.
 */
function lettersOnlyToken(token) {
    const entropy = shannonEntropy(token);
    return entropy >= 4.3 || (entropy >= 3.9 && looksRandomlyCased(token));
}
/** Letters only, but cased like random text rather than camelCase words. */
function looksRandomlyCased(value) {
    const letters = value.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length;
    return value.length >= 20 && upper / letters.length > 0.25 && upper / letters.length < 0.75;
}
/** The generic rule's name must not be a known non-secret name; checked with the match. */
function isSecretName(name) {
    const bare = name.replace(/["'\]]+$/, '');
    if (NOT_SECRET_NAME.test(bare))
        return false;
    // `dbPassword`, `DB_PASSWORD`: the word is written as a word. In `q1/8IzUOnvpWdd3`
    // (a run of base64 before a space) `pWd` is chance, not a name.
    return holdsWrittenWord(bare, GENERIC_NAME_WORDS);
}
/**
 * A value that is neither a reference (`$VAR`, `process.env.X`), an identifier,
 * a path, a URL nor a placeholder, and mixes character classes like a real secret.
 */
function isStrongGenericValue(value) {
    if (/^[$%@!|>*&#]|^\{\{|\$\{|\$\(/.test(value))
        return false;
    if (/process\.env|os\.environ|getenv|environ|secrets\.|env\(|\bvault\b|\.get\(|^ref\+|^arn:/i.test(value))
        return false;
    if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value))
        return false; // this.token, config.apiKey
    if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes('_'))
        return false; // an env var name
    if (structural_looksLikePath(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return false;
    if (/^(?:true|false|null|none|nil|undefined|required|optional)$/i.test(value))
        return false;
    if (/^\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value))
        return false;
    if (/^[a-f0-9-]{36}$/i.test(value) && /^[a-f0-9]{8}-/.test(value))
        return false; // a UUID is an identifier
    if (/^(?:sha\d+|md5|sha512-|sha256-|sha384-)[:-]?/i.test(value))
        return false;
    if (looksLikeGenericPlaceholder(value))
        return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9_.-]/].filter((re) => re.test(value)).length;
    if (classes < 2)
        return false;
    if (!/[0-9]|[^A-Za-z0-9_.-]/.test(value) && !looksRandomlyCased(value))
        return false;
    // A plain hex run is a digest unless it is long enough to be a key and the name says so.
    return shannonEntropy(value) >= (value.length >= 20 ? 3.2 : 2.7);
}

;// CONCATENATED MODULE: ./build/src/scan/detect.js




/** How far a multi-line rule (a key block) may reach past its first line. */
const MULTILINE_WINDOW = 16_000;
const detect_escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `ghp_… (40 chars)`: enough to find it, never enough to use it. */
function redactSecret(secret) {
    return `${secret.slice(0, 4)}… (${secret.length} chars)`;
}
function fingerprintSecret(ruleId, secret) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 20);
}
/**
 * The pure engine: text (+ its path) in, findings out. It reads nothing and
 * starts nothing. One pass of a combined keyword regex finds candidate lines;
 * only the rules whose keywords a line holds run on that line.
 */
class Detector {
    options;
    compiled;
    keywordPattern;
    /** A second instance for the keywords within one candidate line (compiled once: it is large). */
    inLinePattern;
    rulesByKeyword = new Map();
    constructor(options) {
        this.options = options;
        this.compiled = options.rules.map((rule) => ({
            rule,
            global: new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'g'),
        }));
        const keywords = [...new Set(options.rules.flatMap((rule) => rule.keywords.map((k) => k.toLowerCase())))];
        // A keyword also triggers the rules of every keyword it contains (`sk_live_` holds `sk`),
        // because the alternation reports only one keyword per position.
        for (const keyword of keywords) {
            const indices = [];
            this.compiled.forEach(({ rule }, index) => {
                if (rule.keywords.some((k) => keyword.includes(k.toLowerCase())))
                    indices.push(index);
            });
            this.rulesByKeyword.set(keyword, indices);
        }
        keywords.sort((a, b) => b.length - a.length);
        this.keywordPattern = new RegExp(keywords.map(detect_escape).join('|'), 'g');
        this.inLinePattern = new RegExp(this.keywordPattern.source, 'g');
    }
    get keywords() {
        return [...this.rulesByKeyword.keys()];
    }
    /**
     * `lineNumbers` maps the text's line index to the real line number, for text
     * stitched together from the added lines of a diff.
     */
    detect(text, path, lineNumbers) {
        const findings = [];
        const lower = text.toLowerCase();
        // detect() is synchronous, so the shared regex instances cannot interleave.
        const keywordPattern = this.keywordPattern;
        const inLine = this.inLinePattern;
        keywordPattern.lastIndex = 0;
        // Line numbers are counted only when a finding needs one: most files have none.
        let countedTo = 0;
        let lineIndex = 0;
        const lineNumberAt = (lineStart) => {
            for (let at = text.indexOf('\n', countedTo); at >= 0 && at < lineStart; at = text.indexOf('\n', at + 1))
                lineIndex += 1;
            countedTo = lineStart;
            return lineNumbers ? lineNumbers[lineIndex] ?? lineIndex + 1 : lineIndex + 1;
        };
        let hit;
        while ((hit = keywordPattern.exec(lower)) !== null) {
            const lineStart = lower.lastIndexOf('\n', hit.index - 1) + 1;
            let lineEnd = lower.indexOf('\n', hit.index);
            if (lineEnd < 0)
                lineEnd = lower.length;
            const candidates = new Set(this.rulesByKeyword.get(hit[0]));
            const rest = lower.slice(hit.index + 1, lineEnd);
            inLine.lastIndex = 0;
            for (let more = inLine.exec(rest); more; more = inLine.exec(rest)) {
                for (const index of this.rulesByKeyword.get(more[0]) ?? [])
                    candidates.add(index);
                inLine.lastIndex = more.index + 1;
            }
            const line = text.slice(lineStart, lineEnd);
            if (!line.includes(INLINE_ALLOW)) {
                this.scanLine(text, line, lineStart, [...candidates].sort((a, b) => a - b), path, lineNumberAt, findings);
            }
            keywordPattern.lastIndex = lineEnd + 1;
        }
        return findings;
    }
    scanLine(text, line, lineStart, candidates, path, lineNumberAt, findings) {
        const taken = [];
        const reported = [];
        const seen = new Set();
        for (const index of candidates) {
            const { rule, global } = this.compiled[index];
            const subject = rule.multiline ? text.slice(lineStart, lineStart + MULTILINE_WINDOW) : line;
            global.lastIndex = 0;
            for (let match = global.exec(subject); match; match = global.exec(subject)) {
                if (match[0].length === 0) {
                    global.lastIndex += 1;
                    continue;
                }
                if (rule.multiline && match.index >= line.length)
                    break;
                const secret = match.groups?.secret ?? match[1] ?? match[0];
                const column = match.index + Math.max(0, match[0].indexOf(secret));
                const end = column + secret.length;
                const overlaps = ([from, to]) => column < to && end > from;
                // One secret, one finding: a later (less specific) rule yields to an earlier one.
                if (reported.some(overlaps))
                    continue;
                // A provider-shaped value claims its span even when rejected (a bad checksum):
                // the generic rule must not report what a precise rule already judged.
                if (!rule.generic)
                    taken.push([column, end]);
                else if (taken.some(overlaps))
                    continue;
                if (!this.accept(rule, secret, match, line, column))
                    continue;
                reported.push([column, end]);
                const key = `${rule.id}\0${secret}`;
                if (seen.has(key))
                    continue;
                seen.add(key);
                findings.push({
                    ruleId: rule.id,
                    title: rule.title,
                    path,
                    line: lineNumberAt(lineStart),
                    column: column + 1,
                    redacted: redactSecret(secret),
                    fingerprint: fingerprintSecret(rule.id, secret),
                });
            }
        }
    }
    accept(rule, secret, match, line, column) {
        if (rule.generic && match.groups?.name && !isSecretName(match.groups.name))
            return false;
        if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy)
            return false;
        if (rule.validate && !rule.validate(secret))
            return false;
        if (isDocumentedExample(secret))
            return false;
        if (column < line.length && insideDataUri(line, column))
            return false;
        if (this.options.allowRegexes?.some((re) => re.test(secret)))
            return false;
        const lowerSecret = secret.toLowerCase();
        if (this.options.stopwords?.some((word) => lowerSecret.includes(word)))
            return false;
        return true;
    }
}

;// CONCATENATED MODULE: ./build/src/scan/report/comment.js



/** Finds our own comment again, so a re-run updates it instead of adding another. */
const COMMENT_MARKER = '<!-- slipway:secret-scan -->';
function commentBody(findings, stats) {
    return `${COMMENT_MARKER}\n${renderMarkdown(scanSummary(findings.filter((f) => !f.baselined), stats))}`;
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
async function comment_call(request, fetchImpl) {
    const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body });
    if (!response.ok) {
        const text = (await response.text()).slice(0, 300);
        throw new SlipwayError(`secret-scan: ${request.method} ${request.url} answered ${response.status} ${text}`, {
            fix: response.status === 401 || response.status === 403 ? 'Give the token permission to write pull-request comments (GitHub: `permissions: pull-requests: write`)' : undefined,
        });
    }
    return (await response.json());
}
/**
 * One comment per pull request: updated when it exists, created only when
 * there is something to say (no "all clear" noise on clean PRs).
 */
async function upsertComment(target, body, hasFindings, fetchImpl = fetch) {
    let existing;
    for (let page = 1; page <= 20 && existing === undefined; page += 1) {
        const comments = await comment_call(commentRequests.list(target, page), fetchImpl);
        existing = comments.find((c) => c.body?.includes(COMMENT_MARKER))?.id;
        if (comments.length === 0 || comments.length < (target.forge === 'github' ? 100 : 50))
            break;
    }
    if (existing !== undefined) {
        await comment_call(commentRequests.update(target, existing, body), fetchImpl);
        return { action: 'updated', id: existing };
    }
    if (!hasFindings)
        return { action: 'skipped', reason: 'no findings and no earlier comment' };
    const created = await comment_call(commentRequests.create(target, body), fetchImpl);
    return { action: 'created', id: created.id };
}

;// CONCATENATED MODULE: ./build/src/scan/report/sarif.js
/** SARIF 2.1.0 for code-scanning upload. Messages carry the redacted form only. */
function toSarif(findings, toolVersion) {
    const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
    const titles = new Map(findings.map((f) => [f.ruleId, f.title]));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'slipway-secret-scan',
                        informationUri: 'https://github.com/slipway/slipway/blob/main/docs/secret-scan.md',
                        version: toolVersion,
                        rules: ruleIds.map((id) => ({
                            id,
                            name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()),
                            shortDescription: { text: titles.get(id) ?? id },
                            fullDescription: { text: `${titles.get(id) ?? id} committed to the repository.` },
                            help: { text: 'Revoke the credential at its provider, then remove it from the code (and from history if the repository is public). Use a secret store or CI secrets instead.' },
                            defaultConfiguration: { level: 'error' },
                            properties: { tags: ['security', 'secret'], 'security-severity': '8.0' },
                        })),
                    },
                },
                results: findings.map((f) => ({
                    ruleId: f.ruleId,
                    ruleIndex: ruleIds.indexOf(f.ruleId),
                    level: f.baselined ? 'note' : 'error',
                    message: { text: `${f.title}: ${f.redacted}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}` },
                    locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, startColumn: f.column } } }],
                    partialFingerprints: { 'slipwaySecret/v1': f.fingerprint },
                    ...(f.baselined ? { baselineState: 'unchanged' } : {}),
                })),
            },
        ],
    };
}

;// CONCATENATED MODULE: ./build/src/scan/samples.js

const ALPHABETS = {
    alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    hex: '0123456789abcdef',
    upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    digits: '0123456789',
    base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
    urlSafe: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
};
/**
 * Fresh random bytes by default; with a seed, the same bytes every run, so a
 * test that draws samples is reproducible (a rare draw that a rule's entropy
 * or placeholder filter drops cannot make it flaky).
 */
function randomGenerator(seed) {
    const bytesOf = seed === undefined ? external_node_crypto_namespaceObject.randomBytes : seededBytes(seed);
    const chars = (alphabet, length) => {
        const bytes = bytesOf(length * 2);
        let out = '';
        for (let i = 0; i < length; i += 1)
            out += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
        return out;
    };
    return {
        chars,
        alnum: (n) => chars(ALPHABETS.alnum, n),
        hex: (n) => chars(ALPHABETS.hex, n),
        upper: (n) => chars(ALPHABETS.upper, n),
        digits: (n) => chars(ALPHABETS.digits, n),
        base64: (n) => chars(ALPHABETS.base64, n),
        urlSafe: (n) => chars(ALPHABETS.urlSafe, n),
        int: (min, max) => min + (bytesOf(4).readUInt32LE(0) % (max - min + 1)),
    };
}
/** A small deterministic byte stream (mulberry32): sample text only, never key material. */
function seededBytes(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (t ^ (t >>> 14)) >>> 0;
    };
    return (length) => {
        const out = Buffer.alloc(length);
        for (let i = 0; i < length; i += 1)
            out[i] = next() & 0xff;
        return out;
    };
}

;// CONCATENATED MODULE: ./build/src/scan/rules/shapes.js


const CHARSETS = {
    alnum: { cls: 'A-Za-z0-9', alphabet: ALPHABETS.alnum },
    hex: { cls: 'a-f0-9', alphabet: ALPHABETS.hex },
    hexUpper: { cls: 'A-F0-9', alphabet: '0123456789ABCDEF' },
    upper: { cls: 'A-Z0-9', alphabet: ALPHABETS.upper },
    lower: { cls: 'a-z0-9', alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789' },
    letters: { cls: 'A-Za-z', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' },
    url: { cls: 'A-Za-z0-9_-', alphabet: ALPHABETS.urlSafe },
    base64: { cls: 'A-Za-z0-9+/', alphabet: ALPHABETS.base64 },
    digits: { cls: '0-9', alphabet: ALPHABETS.digits },
};
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const quantifier = (length) => (typeof length === 'number' ? `{${length}}` : `{${length[0]},${length[1]}}`);
const pickLength = (g, length) => (typeof length === 'number' ? length : g.int(length[0], Math.min(length[1], length[0] + 8)));
/** Default entropy floor by alphabet: random hex sits near 3.5+, random base62 near 4+. */
function defaultEntropy(charset, length) {
    const min = typeof length === 'number' ? length : length[0];
    if (min < 12)
        return 2.3;
    const hexLike = charset === CHARSETS.hex || charset === CHARSETS.hexUpper || charset === CHARSETS.digits;
    if (min < 24)
        return hexLike ? 2.4 : 2.8;
    return hexLike ? 2.8 : 3.0;
}
/** A token that announces itself with a literal prefix (`ghp_`, `xoxb-`, `AKIA` …). */
function prefixed(shape) {
    const prefixes = typeof shape.prefix === 'string' ? [shape.prefix] : [...shape.prefix];
    const before = shape.embedded ? '' : '(?<![A-Za-z0-9])';
    const tail = shape.suffix ? shape.suffix.regex : '';
    const pattern = new RegExp(`${before}(?<secret>(?:${prefixes.map(escapeRegex).join('|')})[${shape.body.cls}]${quantifier(shape.length)}${tail})(?![${shape.body.cls}])`);
    const first = prefixes[0];
    const suffixSample = (g) => {
        const sample = shape.suffix?.sample ?? '';
        return typeof sample === 'string' ? sample : g ? sample(g) : '';
    };
    const build = shape.build ?? ((g) => `${first}${g.chars(shape.body.alphabet, pickLength(g, shape.length))}${suffixSample(g)}`);
    const fixedLength = typeof shape.length === 'number' ? shape.length : shape.length[0];
    const minEntropy = shape.minEntropy ?? defaultEntropy(shape.body, shape.length);
    // Entropy and placeholder runs are judged on the random part, not on the fixed prefix.
    const bodyOf = (secret) => secret.slice(prefixes.find((p) => secret.startsWith(p))?.length ?? 0);
    return {
        id: shape.id,
        title: shape.title,
        keywords: shape.keywords ?? prefixes.map((p) => p.toLowerCase()),
        pattern,
        validate: (secret) => {
            const body = bodyOf(secret);
            if (/(.)\1{7,}/.test(body) || shannonEntropy(body) < minEntropy)
                return false;
            return shape.validate?.(secret) ?? true;
        },
        samples: {
            match: [(g) => `token = "${build(g)}"`, (g) => `export SECRET_VALUE=${build(g)}`],
            quiet: [
                ...(fixedLength >= 12
                    ? [(g) => `token = "${first}${'x'.repeat(fixedLength)}${suffixSample(g)}"`, (g) => `token = "${first}${'0'.repeat(fixedLength)}${suffixSample(g)}"`]
                    : []),
                ...(shape.quiet ?? []),
                `token = "${first}<redacted>"`,
            ],
        },
    };
}
/**
 * A value with no prefix of its own (a 32-hex API key) that is only a secret
 * when the provider's name sits next to it.
 */
function contextual(shape) {
    const between = shape.between ?? '[a-z0-9_.-]{0,30}';
    const pattern = new RegExp(`(?:${shape.names.join('|')})${between}["']?\\s*(?::=|=>|=|:)\\s*["'\`]?(?<secret>[${shape.body.cls}]${quantifier(shape.length)})(?![${shape.body.cls}])`, 'i');
    const length = typeof shape.length === 'number' ? shape.length : shape.length[0];
    return {
        id: shape.id,
        title: shape.title,
        keywords: shape.keywords,
        pattern,
        validate: shape.validate,
        minEntropy: shape.minEntropy ?? defaultEntropy(shape.body, shape.length),
        samples: {
            match: [(g) => `${shape.sampleName}="${g.chars(shape.body.alphabet, pickLength(g, shape.length))}"`],
            quiet: [`${shape.sampleName}="${'x'.repeat(length)}"`, `${shape.sampleName}=\${${shape.sampleName}}`],
        },
    };
}

;// CONCATENATED MODULE: ./build/src/scan/rules/contextual.js

const UUID = { cls: 'a-fA-F0-9-', alphabet: '0123456789abcdef' };
const uuidShaped = (secret) => /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/i.test(secret);
const uuidRule = (id, title, names, sampleName) => {
    const rule = contextual({ id, title, names, body: UUID, length: 36, keywords: [sampleName.split('_')[0].toLowerCase()], sampleName, validate: uuidShaped, minEntropy: 2.5 });
    // Samples are real UUID shapes.
    rule.samples.match = [(g) => `${sampleName}="${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}"`];
    return rule;
};
const contextualRules = [
    contextual({ id: 'aws-secret-access-key', title: 'AWS secret access key', names: ['aws_?secret_?access_?key', 'aws_?secret', 'secret_?access_?key', 'aws.{0,20}secret'], between: '[a-z0-9_.-]{0,20}', body: CHARSETS.base64, length: 40, keywords: ['aws', 'secret_access_key', 'secretaccesskey'], sampleName: 'AWS_SECRET_ACCESS_KEY', validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) }),
    contextual({ id: 'azure-storage-account-key', title: 'Azure storage account key', names: ['accountkey', 'azure_?storage_?(?:account_?)?key'], between: '', body: CHARSETS.base64, length: 86, keywords: ['accountkey', 'azure'], sampleName: 'AccountKey', validate: () => true }),
    contextual({ id: 'datadog-api-key', title: 'Datadog API key', names: ['datadog_?api_?key', 'dd_?api_?key'], between: '', body: CHARSETS.hex, length: 32, keywords: ['datadog', 'dd_api', 'ddapi'], sampleName: 'DD_API_KEY' }),
    contextual({ id: 'datadog-app-key', title: 'Datadog application key', names: ['datadog_?app(?:lication)?_?key', 'dd_?app(?:lication)?_?key'], between: '', body: CHARSETS.hex, length: 40, keywords: ['datadog', 'dd_app', 'ddapp'], sampleName: 'DD_APP_KEY' }),
    uuidRule('heroku-api-key', 'Heroku API key', ['heroku_?api_?key', 'heroku_?token', 'heroku_?key'], 'HEROKU_API_KEY'),
    contextual({ id: 'cloudflare-api-token', title: 'Cloudflare API token', names: ['cloudflare_?api_?token', 'cf_?api_?token', 'cloudflare_?token'], between: '', body: CHARSETS.url, length: 40, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_TOKEN' }),
    contextual({ id: 'cloudflare-global-api-key', title: 'Cloudflare global API key', names: ['cloudflare_?api_?key', 'cf_?api_?key', 'cloudflare_?global_?key'], between: '', body: CHARSETS.hex, length: 37, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_KEY' }),
    contextual({ id: 'algolia-admin-key', title: 'Algolia admin API key', names: ['algolia_?(?:admin_?|write_?)?(?:api_?)?key'], between: '', body: CHARSETS.hex, length: 32, keywords: ['algolia'], sampleName: 'ALGOLIA_ADMIN_KEY' }),
    contextual({ id: 'twilio-auth-token', title: 'Twilio auth token', names: ['twilio_?auth_?token', 'twilio_?token'], between: '', body: CHARSETS.hex, length: 32, keywords: ['twilio'], sampleName: 'TWILIO_AUTH_TOKEN' }),
    contextual({ id: 'mailjet-secret-key', title: 'Mailjet secret key', names: ['mailjet_?(?:api_?)?secret(?:_?key)?', 'mj_?apikey_?private'], between: '', body: CHARSETS.hex, length: 32, keywords: ['mailjet', 'mj_apikey'], sampleName: 'MAILJET_SECRET_KEY' }),
    uuidRule('postmark-server-token', 'Postmark server token', ['postmark_?(?:server_?|api_?)?token', 'postmark_?api_?key'], 'POSTMARK_SERVER_TOKEN'),
    uuidRule('snyk-token', 'Snyk API token', ['snyk_?(?:api_?)?token', 'snyk_?api_?key'], 'SNYK_TOKEN'),
    uuidRule('codecov-token', 'Codecov upload token', ['codecov_?token'], 'CODECOV_TOKEN'),
    uuidRule('opsgenie-api-key', 'Opsgenie API key', ['opsgenie_?(?:api_?)?key'], 'OPSGENIE_API_KEY'),
    uuidRule('pinecone-api-key', 'Pinecone API key', ['pinecone_?api_?key'], 'PINECONE_API_KEY'),
    contextual({ id: 'okta-api-token', title: 'Okta API token', names: ['okta_?(?:api_?)?token', 'okta_?api_?key'], between: '', body: CHARSETS.url, length: 42, keywords: ['okta'], sampleName: 'OKTA_API_TOKEN', validate: (s) => s.startsWith('00') }),
    contextual({ id: 'vercel-token', title: 'Vercel access token', names: ['vercel_?(?:api_?|access_?)?token', 'now_?token'], between: '', body: CHARSETS.alnum, length: 24, keywords: ['vercel', 'now_token'], sampleName: 'VERCEL_TOKEN' }),
    contextual({ id: 'linode-token', title: 'Linode API token', names: ['linode_?(?:api_?|cli_?)?token'], between: '', body: CHARSETS.hex, length: 64, keywords: ['linode'], sampleName: 'LINODE_TOKEN' }),
    contextual({ id: 'vultr-api-key', title: 'Vultr API key', names: ['vultr_?api_?key'], between: '', body: CHARSETS.upper, length: 36, keywords: ['vultr'], sampleName: 'VULTR_API_KEY' }),
    contextual({ id: 'hetzner-api-token', title: 'Hetzner Cloud API token', names: ['hcloud_?token', 'hetzner_?(?:api_?)?token'], between: '', body: CHARSETS.alnum, length: 64, keywords: ['hcloud', 'hetzner'], sampleName: 'HCLOUD_TOKEN' }),
    contextual({ id: 'forgejo-token', title: 'Forgejo / Gitea access token', names: ['forgejo_?(?:access_?)?token', 'gitea_?(?:access_?)?token', 'codeberg_?token'], between: '', body: CHARSETS.hex, length: 40, keywords: ['forgejo', 'gitea', 'codeberg'], sampleName: 'FORGEJO_TOKEN' }),
    contextual({ id: 'travis-ci-token', title: 'Travis CI token', names: ['travis_?(?:api_?)?token'], between: '', body: CHARSETS.url, length: 22, keywords: ['travis'], sampleName: 'TRAVIS_TOKEN' }),
    contextual({ id: 'honeycomb-api-key', title: 'Honeycomb API key', names: ['honeycomb_?(?:api_?|write_?)?key', 'honeycomb_?team'], between: '', body: CHARSETS.alnum, length: [22, 32], keywords: ['honeycomb'], sampleName: 'HONEYCOMB_API_KEY' }),
    contextual({ id: 'pagerduty-token', title: 'PagerDuty API token', names: ['pagerduty_?(?:api_?)?(?:token|key)'], between: '', body: CHARSETS.url, length: 20, keywords: ['pagerduty'], sampleName: 'PAGERDUTY_TOKEN' }),
    contextual({ id: 'segment-write-key', title: 'Segment write key', names: ['segment_?write_?key'], between: '', body: CHARSETS.alnum, length: 32, keywords: ['segment'], sampleName: 'SEGMENT_WRITE_KEY' }),
    contextual({ id: 'mixpanel-api-secret', title: 'Mixpanel API secret', names: ['mixpanel_?(?:api_?)?secret'], between: '', body: CHARSETS.hex, length: 32, keywords: ['mixpanel'], sampleName: 'MIXPANEL_API_SECRET' }),
    contextual({ id: 'spotify-client-secret', title: 'Spotify client secret', names: ['spotify_?client_?secret'], between: '', body: CHARSETS.hex, length: 32, keywords: ['spotify'], sampleName: 'SPOTIFY_CLIENT_SECRET' }),
    contextual({ id: 'github-oauth-client-secret', title: 'GitHub OAuth app client secret', names: ['github_?(?:oauth_?)?client_?secret', 'gh_?client_?secret'], between: '', body: CHARSETS.hex, length: 40, keywords: ['github', 'gh_client'], sampleName: 'GITHUB_CLIENT_SECRET' }),
    contextual({ id: 'cohere-api-key', title: 'Cohere API key', names: ['cohere_?api_?key', 'co_?api_?key'], between: '', body: CHARSETS.alnum, length: 40, keywords: ['cohere', 'co_api'], sampleName: 'COHERE_API_KEY' }),
    contextual({ id: 'mistral-api-key', title: 'Mistral API key', names: ['mistral_?api_?key'], between: '', body: CHARSETS.alnum, length: 32, keywords: ['mistral'], sampleName: 'MISTRAL_API_KEY' }),
    contextual({ id: 'deepseek-api-key', title: 'DeepSeek API key', names: ['deepseek_?api_?key'], between: '', body: { cls: 'a-f0-9sk-', alphabet: '0123456789abcdef' }, length: [35, 35], keywords: ['deepseek'], sampleName: 'DEEPSEEK_API_KEY', validate: (s) => /^sk-[a-f0-9]{32}$/.test(s) }),
    contextual({ id: 'ngrok-authtoken', title: 'ngrok authtoken', names: ['ngrok_?auth_?token', 'authtoken'], between: '', body: CHARSETS.url, length: [43, 49], keywords: ['ngrok', 'authtoken'], sampleName: 'NGROK_AUTHTOKEN' }),
    contextual({ id: 'zendesk-api-token', title: 'Zendesk API token', names: ['zendesk_?(?:api_?)?token'], between: '', body: CHARSETS.alnum, length: 40, keywords: ['zendesk'], sampleName: 'ZENDESK_API_TOKEN' }),
    contextual({ id: 'intercom-access-token', title: 'Intercom access token', names: ['intercom_?(?:access_?)?token'], between: '', body: CHARSETS.url, length: 60, keywords: ['intercom'], sampleName: 'INTERCOM_ACCESS_TOKEN' }),
    contextual({ id: 'sumologic-access-key', title: 'Sumo Logic access key', names: ['sumo_?(?:logic_?)?access_?key'], between: '', body: CHARSETS.alnum, length: 64, keywords: ['sumo'], sampleName: 'SUMO_ACCESS_KEY' }),
    contextual({ id: 'launchdarkly-sdk-key', title: 'LaunchDarkly SDK key', names: ['launchdarkly_?(?:sdk_?)?key', 'ld_?sdk_?key'], between: '', body: { cls: 'a-z0-9-', alphabet: '0123456789abcdef' }, length: 40, keywords: ['launchdarkly', 'ld_sdk'], sampleName: 'LAUNCHDARKLY_SDK_KEY', validate: (s) => /^sdk-[a-f0-9-]{36}$/.test(s) }),
];
// Samples for rules whose value is not plain random text.
const fix = (id, build) => {
    const rule = contextualRules.find((r) => r.id === id);
    if (rule)
        rule.samples.match = [build];
};
fix('okta-api-token', (g) => `OKTA_API_TOKEN=00${g.urlSafe(40)}`);
fix('deepseek-api-key', (g) => `DEEPSEEK_API_KEY="sk-${g.hex(32)}"`);
fix('launchdarkly-sdk-key', (g) => `LAUNCHDARKLY_SDK_KEY: sdk-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}`);
fix('azure-storage-account-key', (g) => `DefaultEndpointsProtocol=https;AccountName=prodfiles;AccountKey=${g.base64(86)}==;EndpointSuffix=core.windows.net`);
fix('aws-secret-access-key', (g) => `aws_secret_access_key = ${g.base64(36)}aB3/`);

;// CONCATENATED MODULE: ./build/src/scan/rules/providers.js
// Token formats that carry their own prefix, written from the providers'
// documented shapes (prefix, alphabet, length). Facts only; no list was copied.


/** Random body + CRC32 suffix, as GitHub and npm build their tokens. */
const crcToken = (prefix) => (g) => {
    const body = g.alnum(30);
    return `${prefix}${body}${base62(crc32(body), 6)}`;
};
/** The same token with its checksum broken: must stay quiet. */
const brokenCrcToken = (prefix) => (g) => {
    const good = crcToken(prefix)(g);
    const last = good.at(-1) === 'A' ? 'B' : 'A';
    return `token = "${good.slice(0, -1)}${last}"`;
};
const github = (kind, title) => prefixed({
    id: `github-${kind}`,
    title,
    prefix: `gh${kind[0]}_`,
    body: CHARSETS.alnum,
    length: 36,
    validate: (secret) => hasValidCrc32Suffix(secret),
    build: crcToken(`gh${kind[0]}_`),
    quiet: [brokenCrcToken(`gh${kind[0]}_`)],
});
const ageKey = (g) => {
    const data = Array.from({ length: 52 }, () => g.int(0, 31));
    return withBech32Checksum('age-secret-key-', data).toUpperCase();
};
const providerRules = [
    // Forges and CI
    github('pat', 'GitHub personal access token (classic)'),
    github('oauth', 'GitHub OAuth access token'),
    github('user-to-server', 'GitHub App user-to-server token'),
    github('server-to-server', 'GitHub App installation token'),
    github('refresh', 'GitHub refresh token'),
    prefixed({ id: 'github-fine-grained-pat', title: 'GitHub fine-grained personal access token', prefix: 'github_pat_', body: CHARSETS.url, length: [82, 82] }),
    prefixed({ id: 'gitlab-pat', title: 'GitLab personal access token', prefix: 'glpat-', body: CHARSETS.url, length: [20, 80] }),
    prefixed({ id: 'gitlab-pipeline-trigger-token', title: 'GitLab pipeline trigger token', prefix: 'glptt-', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'gitlab-runner-registration-token', title: 'GitLab runner registration token', prefix: 'GR1348941', body: CHARSETS.url, length: 20 }),
    prefixed({ id: 'gitlab-runner-auth-token', title: 'GitLab runner authentication token', prefix: 'glrt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-deploy-token', title: 'GitLab deploy token', prefix: 'gldt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-feed-token', title: 'GitLab feed token', prefix: 'glft-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-oauth-app-secret', title: 'GitLab OAuth application secret', prefix: 'gloas-', body: CHARSETS.url, length: 64 }),
    prefixed({ id: 'gitlab-scim-token', title: 'GitLab SCIM token', prefix: 'glsoat-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'gitlab-incoming-mail-token', title: 'GitLab incoming mail token', prefix: 'glimt-', body: CHARSETS.url, length: 25 }),
    prefixed({ id: 'gitlab-agent-token', title: 'GitLab Kubernetes agent token', prefix: 'glagent-', body: CHARSETS.url, length: [50, 60] }),
    prefixed({ id: 'gitlab-cicd-job-token', title: 'GitLab CI/CD job token', prefix: 'glcbt-', body: CHARSETS.url, length: [20, 60] }),
    prefixed({ id: 'bitbucket-app-password', title: 'Bitbucket app password', prefix: 'ATBB', body: CHARSETS.alnum, length: 32 }),
    prefixed({ id: 'atlassian-api-token', title: 'Atlassian API token', prefix: 'ATATT3', body: CHARSETS.url, length: [180, 200], suffix: { regex: '(?:=[A-F0-9]{8})?', sample: '' } }),
    prefixed({ id: 'circleci-personal-token', title: 'CircleCI personal API token', prefix: 'CCIPAT_', body: CHARSETS.alnum, length: 22, suffix: { regex: '_[a-f0-9]{40}', sample: (g) => `_${g.hex(40)}` } }),
    prefixed({ id: 'buildkite-agent-token', title: 'Buildkite API access token', prefix: 'bkua_', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'sonarqube-token', title: 'SonarQube token', prefix: ['sqp_', 'squ_', 'sqa_'], body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'docker-hub-pat', title: 'Docker Hub personal access token', prefix: ['dckr_pat_', 'dckr_oat_'], body: CHARSETS.url, length: 27 }),
    prefixed({ id: 'jfrog-api-key', title: 'JFrog Artifactory API key', prefix: 'AKCp', body: CHARSETS.alnum, length: 69 }),
    prefixed({ id: 'jfrog-reference-token', title: 'JFrog reference token', prefix: 'cmVmdGtu', body: CHARSETS.alnum, length: 56, embedded: true }),
    prefixed({ id: 'octopus-deploy-api-key', title: 'Octopus Deploy API key', prefix: 'API-', body: CHARSETS.upper, length: 26 }),
    prefixed({ id: 'harness-pat', title: 'Harness access token', prefix: ['pat.', 'sat.'], body: CHARSETS.url, length: 22, suffix: { regex: '\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}', sample: (g) => `.${g.hex(24)}.${g.alnum(20)}` } }),
    prefixed({ id: 'sourcegraph-token', title: 'Sourcegraph access token', prefix: 'sgp_', body: CHARSETS.hex, length: 40, suffix: { regex: '', sample: '' } }),
    prefixed({ id: 'terraform-cloud-token', title: 'Terraform Cloud / HCP API token', prefix: ['.atlasv1.'], body: CHARSETS.url, length: [60, 70], embedded: true, keywords: ['atlasv1'] }),
    prefixed({ id: 'pulumi-access-token', title: 'Pulumi access token', prefix: 'pul-', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'infracost-api-key', title: 'Infracost API key', prefix: 'ico-', body: CHARSETS.alnum, length: 32 }),
    prefixed({ id: 'prefect-api-key', title: 'Prefect API key', prefix: 'pnu_', body: CHARSETS.alnum, length: 36 }),
    prefixed({ id: 'readme-api-key', title: 'ReadMe API key', prefix: 'rdme_', body: CHARSETS.lower, length: 70 }),
    prefixed({ id: 'postman-api-key', title: 'Postman API key', prefix: 'PMAK-', body: CHARSETS.hex, length: 24, suffix: { regex: '-[a-f0-9]{34}', sample: (g) => `-${g.hex(34)}` } }),
    // Cloud and hosting
    prefixed({ id: 'aws-access-key-id', title: 'AWS access key ID', prefix: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], body: CHARSETS.upper, length: 16, keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'] }),
    prefixed({ id: 'gcp-api-key', title: 'Google API key', prefix: 'AIza', body: CHARSETS.url, length: 35 }),
    prefixed({ id: 'gcp-oauth-client-secret', title: 'Google OAuth client secret', prefix: 'GOCSPX-', body: CHARSETS.url, length: 28 }),
    prefixed({ id: 'google-oauth-access-token', title: 'Google OAuth access token', prefix: 'ya29.', body: CHARSETS.url, length: [60, 200] }),
    prefixed({ id: 'google-oauth-refresh-token', title: 'Google OAuth refresh token', prefix: '1//0', body: CHARSETS.url, length: [60, 120] }),
    prefixed({ id: 'azure-ad-client-secret', title: 'Azure AD (Entra ID) client secret', prefix: ['8Q~', '7Q~'], body: { cls: 'A-Za-z0-9_~.-', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-' }, length: 34, embedded: true, build: (g) => `${g.alnum(3)}8Q~${g.alnum(34)}`, keywords: ['8q~', '7q~'] }),
    prefixed({ id: 'digitalocean-pat', title: 'DigitalOcean personal access token', prefix: 'dop_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'digitalocean-oauth-token', title: 'DigitalOcean OAuth token', prefix: 'doo_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'digitalocean-refresh-token', title: 'DigitalOcean refresh token', prefix: 'dor_v1_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', prefix: 'LTAI', body: CHARSETS.alnum, length: [20, 24] }),
    prefixed({ id: 'heroku-api-key-v2', title: 'Heroku platform API key', prefix: 'HRKU-', body: CHARSETS.url, length: 60 }),
    prefixed({ id: 'vault-service-token', title: 'HashiCorp Vault token', prefix: ['hvs.', 'hvb.'], body: CHARSETS.url, length: [90, 200] }),
    prefixed({ id: 'fly-io-token', title: 'Fly.io access token', prefix: ['fo1_', 'fm1r_', 'fm2_'], body: CHARSETS.url, length: [43, 300] }),
    prefixed({ id: 'netlify-pat', title: 'Netlify personal access token', prefix: 'nfp_', body: CHARSETS.alnum, length: 36 }),
    prefixed({ id: 'render-api-key', title: 'Render API key', prefix: 'rnd_', body: CHARSETS.alnum, length: 32 }),
    prefixed({ id: 'supabase-management-token', title: 'Supabase management API token', prefix: 'sbp_', body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'supabase-secret-key', title: 'Supabase secret API key', prefix: 'sb_secret_', body: CHARSETS.url, length: [31, 64] }),
    prefixed({ id: 'aiven-service-password', title: 'Aiven service password', prefix: 'AVNS_', body: CHARSETS.url, length: 24 }),
    prefixed({ id: 'planetscale-token', title: 'PlanetScale token or password', prefix: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: CHARSETS.url, length: [32, 64] }),
    prefixed({ id: 'databricks-token', title: 'Databricks access token', prefix: 'dapi', body: CHARSETS.hex, length: 32, suffix: { regex: '(?:-\\d)?', sample: '' } }),
    prefixed({ id: 'doppler-token', title: 'Doppler token', prefix: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], body: CHARSETS.alnum, length: [40, 44] }),
    prefixed({ id: 'grafana-cloud-token', title: 'Grafana Cloud API token', prefix: 'glc_', body: CHARSETS.base64, length: [32, 400], suffix: { regex: '={0,2}', sample: '' } }),
    prefixed({ id: 'grafana-service-account-token', title: 'Grafana service account token', prefix: 'glsa_', body: CHARSETS.alnum, length: 32, suffix: { regex: '_[a-f0-9]{8}', sample: (g) => `_${g.hex(8)}` } }),
    prefixed({ id: 'new-relic-user-key', title: 'New Relic user API key', prefix: 'NRAK-', body: CHARSETS.upper, length: 27 }),
    prefixed({ id: 'new-relic-insert-key', title: 'New Relic insights insert key', prefix: 'NRII-', body: CHARSETS.url, length: 32 }),
    prefixed({ id: 'new-relic-browser-key', title: 'New Relic browser API token', prefix: 'NRJS-', body: CHARSETS.hex, length: 19 }),
    prefixed({ id: 'dynatrace-token', title: 'Dynatrace API token', prefix: 'dt0c01.', body: CHARSETS.upper, length: 24, suffix: { regex: '\\.[A-Z0-9]{64}', sample: (g) => `.${g.upper(64)}` } }),
    prefixed({ id: 'sentry-org-token', title: 'Sentry organization auth token', prefix: 'sntrys_', body: { cls: 'A-Za-z0-9+/=_', alphabet: CHARSETS.base64.alphabet }, length: [60, 200] }),
    prefixed({ id: 'sentry-user-token', title: 'Sentry user auth token', prefix: 'sntryu_', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'cloudflare-origin-ca-key', title: 'Cloudflare Origin CA key', prefix: 'v1.0-', body: CHARSETS.hex, length: 24, suffix: { regex: '-[a-f0-9]{146}', sample: (g) => `-${g.hex(146)}` } }),
    prefixed({ id: 'scalingo-api-token', title: 'Scalingo API token', prefix: 'tk-us-', body: CHARSETS.url, length: 48 }),
    prefixed({ id: 'tailscale-key', title: 'Tailscale auth or API key', prefix: ['tskey-auth-', 'tskey-api-', 'tskey-client-', 'tskey-webhook-', 'tskey-scim-'], body: CHARSETS.alnum, length: [10, 20], suffix: { regex: '-[A-Za-z0-9]{20,40}', sample: (g) => `-${g.alnum(24)}` } }),
    prefixed({ id: 'defined-networking-key', title: 'Defined Networking API key', prefix: 'dnkey-', body: CHARSETS.lower, length: 26, suffix: { regex: '-[a-z0-9=_-]{52}', sample: (g) => `-${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 52)}` } }),
    // Messaging
    prefixed({ id: 'slack-bot-token', title: 'Slack bot token', prefix: 'xoxb-', body: CHARSETS.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[A-Za-z0-9]{24}', sample: (g) => `-${g.digits(12)}-${g.alnum(24)}` } }),
    prefixed({ id: 'slack-user-token', title: 'Slack user token', prefix: ['xoxp-', 'xoxa-', 'xoxs-'], body: CHARSETS.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}', sample: (g) => `-${g.digits(12)}-${g.digits(12)}-${g.hex(32)}` } }),
    prefixed({ id: 'slack-app-token', title: 'Slack app-level token', prefix: 'xapp-1-', body: CHARSETS.upper, length: [9, 12], suffix: { regex: '-[0-9]{10,13}-[a-f0-9]{64}', sample: (g) => `-${g.digits(12)}-${g.hex(64)}` } }),
    prefixed({ id: 'slack-config-token', title: 'Slack configuration token', prefix: ['xoxe.xoxp-1-', 'xoxe-1-'], body: CHARSETS.alnum, length: [140, 170] }),
    prefixed({ id: 'slack-webhook', title: 'Slack incoming webhook', prefix: 'hooks.slack.com/services/T', body: CHARSETS.upper, length: [8, 11], embedded: true, suffix: { regex: '/B[A-Z0-9]{8,11}/[A-Za-z0-9]{24}', sample: (g) => `/B${g.upper(10)}/${g.alnum(24)}` }, keywords: ['hooks.slack.com'] }),
    prefixed({ id: 'discord-webhook', title: 'Discord webhook URL', prefix: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], body: CHARSETS.digits, length: [17, 20], embedded: true, suffix: { regex: '/[A-Za-z0-9_-]{60,68}', sample: (g) => `/${g.urlSafe(68)}` }, keywords: ['/api/webhooks/'] }),
    prefixed({ id: 'telegram-bot-token', title: 'Telegram bot token', prefix: [''], body: CHARSETS.digits, length: [8, 10], suffix: { regex: ':AA[A-Za-z0-9_-]{33}', sample: (g) => `:AA${g.urlSafe(33)}` }, keywords: [':aa'], minEntropy: 2.5 }),
    prefixed({ id: 'teams-webhook', title: 'Microsoft Teams incoming webhook', prefix: '.webhook.office.com/webhookb2/', body: { cls: 'a-f0-9@-', alphabet: '0123456789abcdef' }, length: [36, 80], embedded: true, suffix: { regex: '/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}', sample: (g) => `/IncomingWebhook/${g.hex(32)}/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['webhook.office.com'] }),
    prefixed({ id: 'zapier-webhook', title: 'Zapier webhook URL', prefix: 'hooks.zapier.com/hooks/catch/', body: CHARSETS.digits, length: [5, 10], embedded: true, suffix: { regex: '/[a-z0-9]{6,8}/?', sample: (g) => `/${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 7)}` }, keywords: ['hooks.zapier.com'] }),
    prefixed({ id: 'mattermost-access-token', title: 'Mattermost personal access token', prefix: 'mmat_', body: CHARSETS.lower, length: 26 }),
    // Payments and commerce
    prefixed({ id: 'stripe-secret-key', title: 'Stripe secret key', prefix: ['sk_live_', 'sk_test_'], body: CHARSETS.alnum, length: [24, 99] }),
    prefixed({ id: 'stripe-restricted-key', title: 'Stripe restricted key', prefix: ['rk_live_', 'rk_test_'], body: CHARSETS.alnum, length: [24, 99] }),
    prefixed({ id: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', prefix: 'whsec_', body: CHARSETS.alnum, length: [32, 64] }),
    prefixed({ id: 'square-access-token', title: 'Square access token', prefix: ['EAAA', 'sq0atp-'], body: CHARSETS.url, length: [22, 60] }),
    prefixed({ id: 'square-oauth-secret', title: 'Square OAuth secret', prefix: 'sq0csp-', body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'braintree-access-token', title: 'Braintree / PayPal access token', prefix: 'access_token$production$', body: CHARSETS.lower, length: 16, suffix: { regex: '\\$[a-f0-9]{32}', sample: (g) => `$${g.hex(32)}` }, keywords: ['access_token$production$'] }),
    prefixed({ id: 'shopify-access-token', title: 'Shopify access token', prefix: ['shpat_', 'shpca_', 'shppa_'], body: { cls: 'a-fA-F0-9', alphabet: '0123456789abcdef' }, length: 32 }),
    prefixed({ id: 'shopify-shared-secret', title: 'Shopify shared secret', prefix: 'shpss_', body: { cls: 'a-fA-F0-9', alphabet: '0123456789abcdef' }, length: 32 }),
    prefixed({ id: 'flutterwave-secret-key', title: 'Flutterwave secret key', prefix: ['FLWSECK-', 'FLWSECK_TEST-'], body: CHARSETS.hex, length: 32, suffix: { regex: '-X', sample: '-X' } }),
    prefixed({ id: 'razorpay-key', title: 'Razorpay live key', prefix: 'rzp_live_', body: CHARSETS.alnum, length: 14 }),
    prefixed({ id: 'shippo-token', title: 'Shippo API token', prefix: ['shippo_live_', 'shippo_test_'], body: CHARSETS.hex, length: 40 }),
    prefixed({ id: 'easypost-api-key', title: 'EasyPost API key', prefix: ['EZAK', 'EZTK'], body: CHARSETS.alnum, length: 54 }),
    prefixed({ id: 'duffel-token', title: 'Duffel API token', prefix: ['duffel_live_', 'duffel_test_'], body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'coinbase-pat', title: 'Coinbase access token', prefix: 'organizations/', body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, suffix: { regex: '/apiKeys/[a-f0-9-]{36}', sample: (g) => `/apiKeys/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['/apikeys/'] }),
    // Mail
    prefixed({ id: 'sendgrid-api-key', title: 'SendGrid API key', prefix: 'SG.', body: CHARSETS.url, length: 22, suffix: { regex: '\\.[A-Za-z0-9_-]{43}', sample: (g) => `.${g.urlSafe(43)}` } }),
    prefixed({ id: 'mailgun-api-key', title: 'Mailgun API key', prefix: 'key-', body: CHARSETS.hex, length: 32 }),
    prefixed({ id: 'mailchimp-api-key', title: 'Mailchimp API key', prefix: [''], body: CHARSETS.hex, length: 32, suffix: { regex: '-us\\d{1,2}', sample: '-us14' }, keywords: ['-us'] }),
    prefixed({ id: 'brevo-api-key', title: 'Brevo (Sendinblue) API key', prefix: ['xkeysib-', 'xsmtpsib-'], body: CHARSETS.hex, length: 64, suffix: { regex: '-[A-Za-z0-9]{16}', sample: (g) => `-${g.alnum(16)}` } }),
    prefixed({ id: 'mailersend-token', title: 'MailerSend API token', prefix: 'mlsn.', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'mandrill-api-key', title: 'Mandrill API key', prefix: 'md-', body: CHARSETS.url, length: 22, keywords: ['md-'] }),
    prefixed({ id: 'resend-api-key', title: 'Resend API key', prefix: 're_', body: CHARSETS.alnum, length: 8, suffix: { regex: '_[A-Za-z0-9]{24}', sample: (g) => `_${g.alnum(24)}` } }),
    // Package registries
    prefixed({ id: 'npm-access-token', title: 'npm access token', prefix: 'npm_', body: CHARSETS.alnum, length: 36, validate: (s) => hasValidCrc32Suffix(s), build: crcToken('npm_'), quiet: [brokenCrcToken('npm_')] }),
    prefixed({ id: 'pypi-upload-token', title: 'PyPI upload token', prefix: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], body: CHARSETS.url, length: [50, 220] }),
    prefixed({ id: 'rubygems-api-key', title: 'RubyGems API key', prefix: 'rubygems_', body: CHARSETS.hex, length: 48 }),
    prefixed({ id: 'nuget-api-key', title: 'NuGet API key', prefix: 'oy2', body: CHARSETS.lower, length: 43, validate: (s) => /[0-9]/.test(s) }),
    prefixed({ id: 'clojars-token', title: 'Clojars deploy token', prefix: 'CLOJARS_', body: CHARSETS.lower, length: 60 }),
    prefixed({ id: 'crates-io-token', title: 'crates.io API token', prefix: 'cio', body: CHARSETS.alnum, length: 32, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) }),
    prefixed({ id: 'pub-dev-token', title: 'Hex.pm API key', prefix: 'hexpm_', body: CHARSETS.alnum, length: 32 }),
    // AI and data platforms
    prefixed({ id: 'openai-api-key', title: 'OpenAI API key', prefix: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], body: CHARSETS.url, length: [20, 74], suffix: { regex: 'T3BlbkFJ[A-Za-z0-9_-]{20,74}', sample: (g) => `T3BlbkFJ${g.urlSafe(30)}` } }),
    prefixed({ id: 'openai-legacy-key', title: 'OpenAI API key (legacy)', prefix: 'sk-', body: CHARSETS.alnum, length: 20, suffix: { regex: 'T3BlbkFJ[A-Za-z0-9]{20}', sample: (g) => `T3BlbkFJ${g.alnum(20)}` }, keywords: ['t3blbkfj'] }),
    prefixed({ id: 'anthropic-api-key', title: 'Anthropic API key', prefix: ['sk-ant-api03-', 'sk-ant-admin01-'], body: CHARSETS.url, length: 93, suffix: { regex: 'AA', sample: 'AA' } }),
    prefixed({ id: 'huggingface-token', title: 'Hugging Face access token', prefix: ['hf_', 'api_org_'], body: CHARSETS.letters, length: 34 }),
    prefixed({ id: 'replicate-api-token', title: 'Replicate API token', prefix: 'r8_', body: CHARSETS.alnum, length: 37 }),
    prefixed({ id: 'groq-api-key', title: 'Groq API key', prefix: 'gsk_', body: CHARSETS.alnum, length: 52 }),
    prefixed({ id: 'perplexity-api-key', title: 'Perplexity API key', prefix: 'pplx-', body: CHARSETS.alnum, length: 48 }),
    prefixed({ id: 'xai-api-key', title: 'xAI API key', prefix: 'xai-', body: CHARSETS.alnum, length: 80 }),
    prefixed({ id: 'openrouter-api-key', title: 'OpenRouter API key', prefix: 'sk-or-v1-', body: CHARSETS.hex, length: 64 }),
    prefixed({ id: 'langsmith-api-key', title: 'LangSmith API key', prefix: ['lsv2_pt_', 'lsv2_sk_'], body: CHARSETS.hex, length: 32, suffix: { regex: '_[a-f0-9]{10}', sample: (g) => `_${g.hex(10)}` } }),
    prefixed({ id: 'notion-token', title: 'Notion integration token', prefix: 'ntn_', body: CHARSETS.alnum, length: 46 }),
    prefixed({ id: 'airtable-pat', title: 'Airtable personal access token', prefix: 'pat', body: CHARSETS.alnum, length: 14, suffix: { regex: '\\.[a-f0-9]{64}', sample: (g) => `.${g.hex(64)}` }, keywords: ['pat'] }),
    prefixed({ id: 'linear-api-key', title: 'Linear API key', prefix: 'lin_api_', body: CHARSETS.alnum, length: 40 }),
    prefixed({ id: 'figma-pat', title: 'Figma personal access token', prefix: 'figd_', body: CHARSETS.url, length: 40 }),
    prefixed({ id: 'contentful-pat', title: 'Contentful personal access token', prefix: 'CFPAT-', body: CHARSETS.url, length: 43 }),
    prefixed({ id: 'typeform-pat', title: 'Typeform personal access token', prefix: 'tfp_', body: CHARSETS.url, length: 44, suffix: { regex: '_[A-Za-z0-9_-]{14}', sample: (g) => `_${g.urlSafe(14)}` } }),
    prefixed({ id: 'dropbox-token', title: 'Dropbox short-lived token', prefix: 'sl.', body: CHARSETS.url, length: [130, 160] }),
    prefixed({ id: 'mapbox-secret-token', title: 'Mapbox secret token', prefix: 'sk.eyJ', body: CHARSETS.url, length: [40, 120], suffix: { regex: '\\.[A-Za-z0-9_-]{22}', sample: (g) => `.${g.urlSafe(22)}` } }),
    prefixed({ id: 'onepassword-service-token', title: '1Password service account token', prefix: 'ops_eyJ', body: { cls: 'A-Za-z0-9+/=', alphabet: CHARSETS.base64.alphabet }, length: [250, 900] }),
    prefixed({ id: 'hubspot-pat', title: 'HubSpot private app token', prefix: ['pat-na1-', 'pat-eu1-'], body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, build: (g) => `pat-na1-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }),
    prefixed({ id: 'adafruit-io-key', title: 'Adafruit IO key', prefix: 'aio_', body: CHARSETS.alnum, length: 28 }),
    prefixed({ id: 'frameio-token', title: 'Frame.io API token', prefix: 'fio-u-', body: CHARSETS.url, length: 64 }),
    prefixed({ id: 'twitter-bearer-token', title: 'Twitter / X bearer token', prefix: 'AAAAAAAAAAAAAAAAAAAAA', body: { cls: 'A-Za-z0-9%', alphabet: CHARSETS.alnum.alphabet }, length: [50, 100] }),
    prefixed({ id: 'facebook-access-token', title: 'Facebook / Meta access token', prefix: 'EAACEdEose0cBA', body: CHARSETS.alnum, length: [20, 200] }),
    prefixed({ id: 'twilio-api-key', title: 'Twilio API key', prefix: 'SK', body: CHARSETS.hex, length: 32, keywords: ['sk'] }),
    prefixed({ id: 'age-secret-key', title: 'age secret key', prefix: 'AGE-SECRET-KEY-1', body: { cls: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', alphabet: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L' }, length: 58, validate: isValidBech32, build: ageKey, quiet: [(g) => { const key = ageKey(g); return `key = "${key.slice(0, -1)}${key.endsWith('Q') ? 'P' : 'Q'}"`; }] }),
    prefixed({ id: 'shopify-custom-app-token', title: 'Shopify custom app token', prefix: 'shpcat_', body: { cls: 'a-fA-F0-9', alphabet: '0123456789abcdef' }, length: 32 }),
];

;// CONCATENATED MODULE: ./build/src/scan/rules/index.js



/** Every built-in rule; provider rules first so a generic match yields to them. */
const builtinRules = [...providerRules, ...contextualRules, ...structuralRules];

;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
;// CONCATENATED MODULE: ./build/src/core/runner/stream-process.js




/**
 * Starts a process and yields its stdout line by line as it comes, for outputs
 * too large to buffer (`git log -p` over thousands of commits). Argument arrays
 * only, like the Runner; a non-zero exit throws the same redacted ProcessError.
 */
async function* streamLines(spec) {
    const child = (0,external_node_child_process_namespaceObject.spawn)(spec.file, spec.args, {
        cwd: spec.cwd,
        env: spec.cleanEnv ? { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...spec.env } : { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-16_384);
    });
    const exited = new Promise((resolve) => {
        child.on('error', (error) => { stderr += `${error.message}\n`; resolve(127); });
        child.on('close', (code) => resolve(code ?? 1));
    });
    const lines = external_node_readline_namespaceObject.createInterface({ input: child.stdout, crlfDelay: Infinity });
    let finished = false;
    try {
        for await (const line of lines)
            yield line;
        finished = true;
    }
    finally {
        // The consumer stopped early: do not leave the process writing into a closed pipe.
        if (!finished && child.exitCode === null)
            child.kill();
    }
    const exitCode = await exited;
    if (exitCode !== 0)
        throw new ProcessError({ command: describeCommand(spec), exitCode, stderr });
}

;// CONCATENATED MODULE: ./build/src/scan/sources/diff-parser.js
/** Marks a commit header in `git log --format`; a byte no diff line starts with. */
const COMMIT_MARKER = '\u0001';
/**
 * Turns `git diff`/`git log -p --unified=0` output, fed line by line, into the
 * added text per file. Pure: it holds state, reads nothing.
 */
class DiffParser {
    commit;
    time;
    path;
    nextLine = 0;
    lines = [];
    numbers = [];
    inHunk = false;
    /** One prefix column per parent: 1 for a plain diff, 2+ for a merge's combined (`--cc`) diff. */
    columns = 1;
    allAdded = '+';
    /** Feeds one line; returns the file that this line completed, if any. */
    push(line) {
        if (line.startsWith(COMMIT_MARKER)) {
            const done = this.flush();
            const [sha, time] = line.slice(1).split(' ');
            this.commit = sha;
            this.time = time ? Number(time) : undefined;
            return done;
        }
        if (line.startsWith('diff --')) {
            const done = this.flush();
            this.path = undefined;
            this.inHunk = false;
            this.columns = 1;
            return done;
        }
        if (!this.inHunk || line.startsWith('@@')) {
            if (line.startsWith('+++ ')) {
                const target = line.slice(4);
                this.path = target === '/dev/null' ? undefined : target.replace(/^b\//, '').replace(/^"b\/(.*)"$/, '$1');
            }
            else if (line.startsWith('@@')) {
                // `@@ -a +b @@`, or `@@@ -a -b +c @@@` for a merge of two parents (one more @ per parent).
                const match = /^(@@+) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@/.exec(line);
                this.nextLine = match ? Number(match[2]) : 0;
                this.columns = match ? match[1].length - 1 : 1;
                this.allAdded = '+'.repeat(this.columns);
                this.inHunk = true;
            }
            return undefined;
        }
        if (this.columns > 1) {
            // Combined diff: a line is the merge's own when it is new against every parent (`++`);
            // ` +`/`+ ` lines came from one parent, already scanned at the commit that added them.
            const marks = line.slice(0, this.columns);
            if (marks.includes('-') || !/^[ +]+$/.test(marks))
                return undefined;
            if (marks === this.allAdded && this.path) {
                this.lines.push(line.slice(this.columns));
                this.numbers.push(this.nextLine);
            }
            this.nextLine += 1;
            return undefined;
        }
        if (line.startsWith('+')) {
            if (this.path) {
                this.lines.push(line.slice(1));
                this.numbers.push(this.nextLine);
            }
            this.nextLine += 1;
        }
        else if (line.startsWith(' ')) {
            this.nextLine += 1;
        }
        return undefined;
    }
    /** Call at the end of the output. */
    end() {
        return this.flush();
    }
    flush() {
        if (!this.path || this.lines.length === 0) {
            this.lines = [];
            this.numbers = [];
            return undefined;
        }
        const done = { path: this.path, commit: this.commit, time: this.time, text: this.lines.join('\n'), lineNumbers: this.numbers };
        this.lines = [];
        this.numbers = [];
        return done;
    }
}

;// CONCATENATED MODULE: ./build/src/scan/sources/git.js



// Every git command the scanner runs, as data.
const git = (cwd, ...args) => ({ file: 'git', args: ['-c', 'core.quotePath=false', ...args], cwd });
const PATCH_FLAGS = ['--no-color', '--no-ext-diff', '--unified=0', '-M', '--no-textconv'];
const gitCommands = {
    /**
     * Each commit's added lines, oldest first (`--date-order`: never a commit before its parents, so a secret
     * is first met at the commit that introduced it), with a marker line per commit.
     * `--cc` for merges: plain `log -p` shows no diff for a merge, so a secret typed in while resolving one
     * was never read. The dense combined diff shows only the hunks that match no parent, the merge's own
     * changes. Not `-m`/`--diff-merges=first-parent`: those repeat every line the merged branch brought
     * (already read at the commits that added them), up to doubling the bytes read, and `--first-parent`
     * would not walk the side branch, moving a finding from its commit to the merge.
     */
    log: (cwd, range) => git(cwd, 'log', '-p', '--cc', '--reverse', '--date-order', `--format=${COMMIT_MARKER}%H %ct`, ...PATCH_FLAGS, ...range, '--'),
    diff: (cwd, from, to) => git(cwd, 'diff', ...PATCH_FLAGS, from, to, '--'),
    mergeBase: (cwd, a, b) => git(cwd, 'merge-base', a, b),
    hasCommit: (cwd, sha) => git(cwd, 'cat-file', '-e', `${sha}^{commit}`),
    isShallow: (cwd) => git(cwd, 'rev-parse', '--is-shallow-repository'),
    fetch: (cwd, remote, refs, depthArgs = []) => git(cwd, 'fetch', '--no-tags', '--quiet', ...depthArgs, remote, ...refs),
    listFiles: (cwd) => git(cwd, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'),
    revParse: (cwd, ref) => git(cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`),
    firstParent: (cwd, sha) => git(cwd, 'rev-parse', '--verify', '--quiet', `${sha}^`),
    /** Local and remote-tracking branches: name, tip, and the target of a symbolic one (origin/HEAD). */
    branchRefs: (cwd) => git(cwd, 'for-each-ref', '--format=%(refname) %(objectname) %(symref)', 'refs/heads', 'refs/remotes'),
    /** A file as committed; `./` makes the path relative to cwd, like the working-tree path. */
    fileAt: (cwd, rev, file) => git(cwd, 'cat-file', 'blob', `${rev}:./${file}`),
    countCommits: (cwd, range) => git(cwd, 'rev-list', '--count', ...range),
};
const ZERO_SHA = /^0+$/;
/** Streams the added text of each file of each commit (or of one diff). */
async function* addedText(spec) {
    const parser = new DiffParser();
    for await (const line of streamLines(spec)) {
        const done = parser.push(line);
        if (done)
            yield done;
    }
    const last = parser.end();
    if (last)
        yield last;
}
const git_ok = async (runner, spec) => (await runner.run(spec, { allowFailure: true })).exitCode === 0;
/** Makes `sha` present, fetching it when a shallow or single-branch checkout lacks it. */
async function ensureCommit(runner, cwd, sha, log, fallbackRef) {
    if (await git_ok(runner, gitCommands.hasCommit(cwd, sha)))
        return;
    log.info(`Commit ${sha.slice(0, 12)} is not in this checkout; fetching it.`);
    const attempts = [[sha], ...(fallbackRef ? [[`+refs/heads/${fallbackRef}:refs/remotes/origin/${fallbackRef}`]] : [])];
    for (const refs of attempts) {
        await runner.run(gitCommands.fetch(cwd, 'origin', refs), { allowFailure: true, timeoutMs: 300_000 });
        if (await git_ok(runner, gitCommands.hasCommit(cwd, sha)))
            return;
    }
    throw new SlipwayError(`secret-scan: commit ${sha} is not in the checkout and could not be fetched from origin`, {
        fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`), or make sure the remote `origin` can serve that commit',
    });
}
/**
 * The merge base of the PR, deepening a shallow clone step by step (then
 * unshallowing) until the two histories meet.
 */
async function findMergeBase(runner, cwd, base, head, log) {
    for (let attempt = 0; attempt < 6; attempt += 1) {
        const result = await runner.run(gitCommands.mergeBase(cwd, base, head), { allowFailure: true });
        if (result.exitCode === 0)
            return result.stdout.trim();
        const shallow = (await runner.run(gitCommands.isShallow(cwd), { allowFailure: true })).stdout.trim() === 'true';
        if (!shallow)
            break;
        const depthArgs = attempt < 4 ? [`--deepen=${50 * 4 ** attempt}`] : ['--unshallow'];
        log.info(`No merge base of ${base.slice(0, 12)} and ${head.slice(0, 12)} in this shallow checkout; fetching more history (${depthArgs[0]}).`);
        const fetched = await runner.run(gitCommands.fetch(cwd, 'origin', [base, head], depthArgs), { allowFailure: true, timeoutMs: 600_000 });
        if (fetched.exitCode !== 0)
            break;
    }
    throw new SlipwayError(`secret-scan: no merge base between ${base} and ${head}`, {
        fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`) so the pull request\'s base is reachable',
    });
}

;// CONCATENATED MODULE: ./build/src/scan/sources/push-range.js


/** When a push's own commits cannot be told apart, at most this many commits of the branch are scanned. */
const PUSH_HISTORY_LIMIT = 200;
const branchName = (ref) => (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref || undefined);
/**
 * Tips of every branch but the pushed one. Without the pushed ref's name, refs
 * pointing exactly at `after` are taken to be the pushed branch.
 */
async function otherBranchTips(runner, cwd, afterSha, pushed) {
    const listed = await runner.run(gitCommands.branchRefs(cwd), { allowFailure: true });
    const tips = new Set();
    for (const line of listed.stdout.split('\n')) {
        const [name, sha, symref] = line.trim().split(' ');
        if (!name || !sha || symref)
            continue;
        const short = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : name.split('/').slice(3).join('/');
        if (pushed ? short === pushed : sha === afterSha)
            continue;
        tips.add(sha);
    }
    return [...tips];
}
const count = async (runner, cwd, range) => Number((await runner.run(gitCommands.countCommits(cwd, range))).stdout.trim());
/**
 * The commits a push brought: before..after when the old head is known; for a
 * new branch or a vanished old head, every commit of `after` that no other
 * branch has (a secret in a middle commit is as leaked as one in the tip); and
 * with nothing to compare with, a bounded history of the branch, said in a note.
 */
async function resolvePushRange(runner, cwd, input, log) {
    const { after } = input;
    await ensureCommit(runner, cwd, after, log);
    let lead = 'A new branch';
    let before;
    if (input.before && !ZERO_SHA.test(input.before)) {
        try {
            await ensureCommit(runner, cwd, input.before, log);
            before = input.before;
            // A shallow checkout cuts history below `after`; until the two meet, before..after would miss commits.
            await findMergeBase(runner, cwd, before, after, log);
            return { range: [`${before}..${after}`], before };
        }
        catch (error) {
            lead = before
                ? `The push's old head ${before.slice(0, 12)} shares no history with ${after.slice(0, 12)}`
                : `The push's old head ${input.before.slice(0, 12)} is gone (force push?)`;
            log.info(`${lead}: ${errors_formatError(error).split('\n')[0]}`);
        }
    }
    const afterSha = (await runner.run(gitCommands.revParse(cwd, after))).stdout.trim();
    const pushed = branchName(input.ref);
    let others = await otherBranchTips(runner, cwd, afterSha, pushed);
    const shallow = (await runner.run(gitCommands.isShallow(cwd), { allowFailure: true })).stdout.trim() === 'true';
    if (shallow || others.length === 0) {
        // A CI checkout holds the pushed branch only, often one commit deep: fetch the other branches (and
        // enough history of all of them to meet) so the push's own commits can be told apart.
        log.info(`Fetching the other branches from origin to tell the push's own commits apart${shallow ? ` (depth ${PUSH_HISTORY_LIMIT})` : ''}.`);
        const options = { allowFailure: true, timeoutMs: 600_000 };
        const fetched = await runner.run(gitCommands.fetch(cwd, 'origin', ['+refs/heads/*:refs/remotes/origin/*'], shallow ? [`--depth=${PUSH_HISTORY_LIMIT}`] : []), options);
        // git leaves a ref it already has at its old depth, so the pushed commit is deepened by name.
        if (shallow)
            await runner.run(gitCommands.fetch(cwd, 'origin', [afterSha], [`--deepen=${PUSH_HISTORY_LIMIT}`]), options);
        if (fetched.exitCode === 0)
            others = await otherBranchTips(runner, cwd, afterSha, pushed);
    }
    const limit = `--max-count=${PUSH_HISTORY_LIMIT}`;
    const tip = afterSha.slice(0, 12);
    if (others.length === 0) {
        const scanned = await count(runner, cwd, [limit, afterSha]);
        return { range: [limit, afterSha], before, note: `${lead}, and no other branch in this checkout to compare with: scanned the last ${scanned} commit(s) of ${tip} (at most ${PUSH_HISTORY_LIMIT}).` };
    }
    const own = [afterSha, '--not', ...others];
    const found = await count(runner, cwd, [`--max-count=${PUSH_HISTORY_LIMIT + 1}`, ...own]);
    if (found > PUSH_HISTORY_LIMIT) {
        return { range: [limit, ...own], before, note: `${lead}: more than ${PUSH_HISTORY_LIMIT} commits of ${tip} are on no other branch: scanned the last ${PUSH_HISTORY_LIMIT} of them.` };
    }
    return { range: own, before, note: `${lead}: scanned its ${found} commit(s) that no other branch has (${tip}, not in ${others.length} other branch tip(s)).` };
}

;// CONCATENATED MODULE: ./build/src/scan/sources/tree.js



/** Files of a working tree: git's view (tracked + untracked, not ignored) in a repository, a walk otherwise. */
async function listTreeFiles(runner, root) {
    if (external_node_fs_namespaceObject.existsSync(external_node_path_namespaceObject.join(root, '.git'))) {
        const listed = await runner.run(gitCommands.listFiles(root), { allowFailure: true });
        if (listed.exitCode === 0)
            return listed.stdout.split('\0').filter(Boolean);
    }
    const files = [];
    const walk = (dir) => {
        for (const entry of external_node_fs_namespaceObject.readdirSync(external_node_path_namespaceObject.join(root, dir), { withFileTypes: true })) {
            if (entry.name === '.git' || entry.name === 'node_modules')
                continue;
            const relative = dir ? `${dir}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                walk(relative);
            else if (entry.isFile())
                files.push(relative);
        }
    };
    walk('');
    return files;
}
/** Reads a file for scanning, skipping binaries (a NUL in the first 8 KB) and files over the limit. */
function readScannable(file, maxBytes) {
    let size;
    try {
        const stat = external_node_fs_namespaceObject.statSync(file);
        if (!stat.isFile())
            return { skipped: 'unreadable', bytes: 0 };
        size = stat.size;
    }
    catch {
        return { skipped: 'unreadable', bytes: 0 };
    }
    if (size > maxBytes)
        return { skipped: 'too-large', bytes: size };
    const buffer = external_node_fs_namespaceObject.readFileSync(file);
    if (buffer.subarray(0, 8192).includes(0))
        return { skipped: 'binary', bytes: size };
    return { text: buffer.toString('utf8'), bytes: size };
}

;// CONCATENATED MODULE: ./build/src/scan/trusted-files.js




/**
 * The config and the baseline decide what fails the check, so a change must not
 * judge itself: in pr and push mode both are read from where the change starts.
 * A pull request that adds `allow.paths: ['.*']`, disables a rule or baselines
 * its own secret still fails; its edits to these files take effect once merged,
 * after a maintainer has reviewed them. Without revisions (tree, history, or a
 * push with no old head): the working tree.
 */
async function loadTrustedFiles(runner, settings, revisions) {
    const cwd = settings.directory;
    const configFile = external_node_path_namespaceObject.resolve(cwd, settings.configPath);
    const baselineFile = external_node_path_namespaceObject.resolve(cwd, settings.baselinePath);
    const relative = (file) => {
        const inside = external_node_path_namespaceObject.relative(cwd, file);
        return inside.startsWith('..') || external_node_path_namespaceObject.isAbsolute(inside) ? undefined : inside.split(external_node_path_namespaceObject.sep).join('/');
    };
    const configRel = relative(configFile);
    const baselineRel = relative(baselineFile);
    if (!revisions)
        return fromWorkingTree(settings, configFile, baselineFile);
    const at = async (rev, file) => {
        const shown = await runner.run(gitCommands.fileAt(cwd, rev, file), { allowFailure: true });
        return shown.exitCode === 0 ? shown.stdout : undefined;
    };
    const where = (file) => `${revisions.trusted.slice(0, 12)}:${file}`;
    const notes = [];
    const changed = [];
    let config;
    if (configRel === undefined) {
        // Outside the repository: no commit holds it, and no change can touch it.
        config = loadScanConfig(configFile, settings.configRequired);
    }
    else {
        const trusted = await at(revisions.trusted, configRel);
        const proposed = await at(revisions.changed, configRel);
        if (trusted === undefined && proposed === undefined)
            config = loadScanConfig(configFile, settings.configRequired);
        else
            config = trusted === undefined ? emptyConfig() : parseScanConfig(trusted, where(configRel));
        if (trusted !== proposed)
            changed.push(configRel);
    }
    let accepted = new Set();
    if (!settings.writeBaseline) {
        if (baselineRel === undefined) {
            accepted = readBaseline(baselineFile);
        }
        else {
            const trusted = await at(revisions.trusted, baselineRel);
            if (trusted !== undefined)
                accepted = parseBaseline(trusted, where(baselineRel));
            if (trusted !== await at(revisions.changed, baselineRel))
                changed.push(baselineRel);
        }
    }
    if (changed.length > 0) {
        notes.push(`This change edits ${changed.join(' and ')}: the scan used the version at the ${revisions.label} ${revisions.trusted.slice(0, 12)}. `
            + 'The edits take effect once they are on the base branch (after merge), where a maintainer reviews them.');
    }
    return { config, accepted, notes };
}
function fromWorkingTree(settings, configFile, baselineFile) {
    return {
        config: loadScanConfig(configFile, settings.configRequired),
        accepted: settings.writeBaseline ? new Set() : readBaseline(baselineFile),
        notes: [],
    };
}

;// CONCATENATED MODULE: ./build/src/scan/scanner.js












/** Binaries, media, archives and generated bundles: never worth a read. */
const DEFAULT_SKIP_PATHS = /(?:^|\/)(?:\.git|node_modules)\/|\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|dylib|dll|exe|o|a|bin|woff2?|ttf|otf|eot|mp[34]|m4a|ogg|wav|mov|avi|mkv|webm|wasm|pyc|sqlite3?|db)$|\.min\.(?:js|css)$|\.(?:js|css)\.map$/i;
const SCANNER_VERSION = '1.0.0';
class Collector {
    oncePerSecret;
    findings = [];
    seen = new Set();
    constructor(oncePerSecret) {
        this.oncePerSecret = oncePerSecret;
    }
    add(found, commit) {
        for (const finding of found) {
            const key = this.oncePerSecret ? finding.fingerprint : `${finding.fingerprint}\0${finding.path}\0${finding.line}`;
            if (this.seen.has(key))
                continue;
            this.seen.add(key);
            this.findings.push(commit ? { ...finding, commit } : finding);
        }
    }
}
function buildDetector(config) {
    const disabled = new Set(config.disable);
    return new Detector({
        rules: [...config.rules, ...builtinRules.filter((rule) => !disabled.has(rule.id))],
        allowRegexes: config.allowRegexes,
        stopwords: config.stopwords,
    });
}
/** Runs one scan: sources feed text to the pure detector; reports are written from findings only. */
async function runScan(settings, context) {
    const started = Date.now();
    const { runner, log } = context;
    const cwd = settings.directory;
    const notes = [];
    // The range comes first: in pr and push mode it also says where the trusted config and baseline are.
    let revisions;
    let prRange;
    let push;
    if (settings.mode === 'pr') {
        const base = settings.base ?? 'origin/HEAD';
        const head = settings.head ?? 'HEAD';
        await ensureCommit(runner, cwd, head, log);
        await ensureCommit(runner, cwd, base, log, settings.baseRef);
        prRange = { mergeBase: await findMergeBase(runner, cwd, base, head, log), head };
        revisions = { trusted: prRange.mergeBase, changed: head, label: 'merge base' };
    }
    else if (settings.mode === 'push') {
        const after = settings.after ?? 'HEAD';
        push = await resolvePushRange(runner, cwd, { before: settings.before, after, ref: settings.ref }, log);
        if (push.note)
            notes.push(push.note);
        if (push.before)
            revisions = { trusted: push.before, changed: after, label: 'old head' };
    }
    const trusted = await loadTrustedFiles(runner, settings, revisions);
    notes.push(...trusted.notes);
    for (const note of notes)
        log.info(note);
    const { config } = trusted;
    const detector = buildDetector(config);
    const maxBytes = config.maxFileSize ?? settings.maxFileSize;
    const ownFiles = new Set([external_node_path_namespaceObject.normalize(settings.baselinePath), external_node_path_namespaceObject.normalize(settings.configPath)]);
    const scannable = (file) => !DEFAULT_SKIP_PATHS.test(file) && !ownFiles.has(external_node_path_namespaceObject.normalize(file)) && !config.allowPaths.some((re) => re.test(file));
    const stats = { mode: settings.mode, files: 0, commits: 0, bytes: 0, durationMs: 0, skipped: 0 };
    const scanTree = (collector, files) => {
        for (const file of files) {
            if (!scannable(file))
                continue;
            const read = readScannable(external_node_path_namespaceObject.join(cwd, file), maxBytes);
            if ('skipped' in read) {
                if (read.skipped !== 'unreadable')
                    stats.skipped += 1;
                continue;
            }
            stats.files += 1;
            stats.bytes += read.bytes;
            collector.add(detector.detect(read.text, file));
        }
    };
    const scanAdded = async (collector, chunks) => {
        let lastCommit;
        for await (const chunk of chunks) {
            if (chunk.commit !== lastCommit) {
                stats.commits += 1;
                lastCommit = chunk.commit;
            }
            if (!scannable(chunk.path))
                continue;
            if (chunk.text.length > maxBytes) {
                stats.skipped += 1;
                continue;
            }
            stats.files += 1;
            stats.bytes += chunk.text.length;
            collector.add(detector.detect(chunk.text, chunk.path, chunk.lineNumbers), chunk.commit);
        }
    };
    let collector;
    switch (settings.mode) {
        case 'tree': {
            collector = new Collector(false);
            scanTree(collector, await listTreeFiles(runner, cwd));
            break;
        }
        case 'pr': {
            const { mergeBase, head } = prRange;
            log.info(`Scanning the lines added between ${mergeBase.slice(0, 12)} (merge base) and ${head.slice(0, 12)}.`);
            collector = new Collector(false);
            await scanAdded(collector, addedText(gitCommands.diff(cwd, mergeBase, head)));
            break;
        }
        case 'push': {
            collector = new Collector(true);
            await scanAdded(collector, addedText(gitCommands.log(cwd, push.range)));
            break;
        }
        case 'history': {
            collector = new Collector(true);
            // Every ref, not only HEAD: a secret on an unmerged branch or a tag is as pushed as one on main.
            await scanAdded(collector, addedText(gitCommands.log(cwd, settings.head ? [settings.head] : ['--all'])));
            const inTree = new Collector(false);
            const before = { ...stats };
            scanTree(inTree, await listTreeFiles(runner, cwd));
            Object.assign(stats, { files: before.files, bytes: before.bytes, skipped: before.skipped });
            const present = new Set(inTree.findings.map((f) => f.fingerprint));
            for (const finding of collector.findings)
                finding.inTree = present.has(finding.fingerprint);
            break;
        }
    }
    const findings = collector.findings;
    const baselinePath = external_node_path_namespaceObject.resolve(cwd, settings.baselinePath);
    let baselineWritten;
    if (settings.writeBaseline) {
        writeBaseline(baselinePath, findings);
        baselineWritten = baselinePath;
        for (const finding of findings)
            finding.baselined = true;
        log.info(`Wrote ${findings.length} finding(s) to the baseline ${baselinePath}.`);
    }
    else {
        for (const finding of findings)
            finding.baselined = trusted.accepted.has(finding.fingerprint);
    }
    const newFindings = findings.filter((f) => !f.baselined).length;
    for (const f of findings) {
        const text = `${f.title}: ${f.redacted} (fingerprint ${f.fingerprint}${f.commit ? `, commit ${f.commit.slice(0, 12)}` : ''})`;
        if (f.baselined)
            log.info(`baseline: ${f.path}:${f.line}: ${text}`);
        else
            log.error(text, { file: f.path, line: f.line, title: `Secret detected (${f.ruleId})` });
    }
    let sarifPath;
    if (settings.sarifPath) {
        external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(settings.sarifPath), { recursive: true });
        external_node_fs_namespaceObject.writeFileSync(settings.sarifPath, `${JSON.stringify(toSarif(findings, SCANNER_VERSION), null, 2)}\n`);
        sarifPath = settings.sarifPath;
    }
    stats.durationMs = Date.now() - started;
    let comment;
    if (settings.comment) {
        try {
            comment = await upsertComment(settings.comment, commentBody(findings, stats), newFindings > 0);
            log.info(`Pull-request comment: ${comment.action}.`);
        }
        catch (error) {
            // The comment is a courtesy; the check's verdict and annotations stand without it.
            log.warn(`Could not write the pull-request comment: ${errors_formatError(error)}`);
        }
    }
    return { mode: settings.mode, findings, newFindings, stats, sarifPath, baselineWritten, comment, notes };
}

;// CONCATENATED MODULE: ./build/src/scan/flow.js





const MODES = ['auto', 'pr', 'push', 'tree', 'history'];
function readEvent(env) {
    const file = env.GITHUB_EVENT_PATH;
    if (!file || !external_node_fs_namespaceObject.existsSync(file))
        return {};
    try {
        return JSON.parse(external_node_fs_namespaceObject.readFileSync(file, 'utf8'));
    }
    catch {
        return {};
    }
}
/** `auto`: the event decides (pull_request → pr, push → push, schedule → history, else tree). */
function modeFor(eventName) {
    if (eventName === 'pull_request' || eventName === 'pull_request_target')
        return 'pr';
    if (eventName === 'push')
        return 'push';
    if (eventName === 'schedule')
        return 'history';
    return 'tree';
}
function commentTarget(inputs, platform, env, pullNumber) {
    if (!inputs.boolean('comment', false))
        return undefined;
    const token = inputs.secret('token') ?? undefined;
    if (!token)
        inputs.fail('token', 'is required when comment is true', 'Pass `token: ${{ secrets.GITHUB_TOKEN }}` (with `pull-requests: write`).');
    if (!pullNumber)
        inputs.fail('pr-number', 'is unknown, so the comment has no pull request to go to', 'Run on a pull_request event or set pr-number.');
    const repository = inputs.optional('repository') ?? platform.repository;
    if (!repository)
        inputs.fail('repository', 'is unknown', 'Set repository: owner/name.');
    const forge = platform.kind === 'forgejo' ? 'forgejo' : 'github';
    const apiUrl = inputs.optional('api-url')
        ?? (forge === 'github' ? env.GITHUB_API_URL ?? 'https://api.github.com' : `${(platform.serverUrl ?? '').replace(/\/$/, '')}/api/v1`);
    return { forge, apiUrl: apiUrl.replace(/\/$/, ''), repository, pullNumber, token };
}
const secretScanFlow = {
    command: 'scan',
    action: 'secret-scan',
    describe: 'Scan a pull request, a push, the tree or the whole history for committed secrets',
    parse(inputs, context) {
        const event = readEvent(context.env);
        const requested = inputs.choice('mode', MODES, 'auto');
        const mode = requested === 'auto' ? modeFor(context.platform.eventName) : requested;
        const directory = external_node_path_namespaceObject.resolve(context.workDir, inputs.string('working-directory', '.'));
        if (!external_node_fs_namespaceObject.existsSync(directory))
            inputs.fail('working-directory', `does not exist (found '${directory}')`, 'Point it at the checked-out repository.');
        const maxFileSize = parseSize(inputs.string('max-file-size', '1MB'));
        if (maxFileSize === undefined)
            inputs.fail('max-file-size', `is not a size (found '${inputs.optional('max-file-size')}', expected e.g. 1MB or 500KB)`);
        const pullNumber = inputs.optional('pr-number') ? inputs.integer('pr-number', 0, { min: 1 }) : event.pull_request?.number ?? event.number;
        const sarif = inputs.string('sarif', 'secret-scan.sarif');
        const settings = {
            mode,
            directory,
            base: inputs.optional('base') ?? event.pull_request?.base?.sha,
            baseRef: inputs.optional('base-ref') ?? event.pull_request?.base?.ref,
            head: inputs.optional('head') ?? event.pull_request?.head?.sha,
            before: inputs.optional('before') ?? event.before,
            after: inputs.optional('after') ?? event.after,
            ref: inputs.optional('ref') ?? event.ref ?? context.env.GITHUB_REF,
            configPath: inputs.string('config', '.slipway/secret-scan.yml'),
            configRequired: inputs.optional('config') !== undefined,
            baselinePath: inputs.string('baseline', '.slipway/secret-scan-baseline.json'),
            writeBaseline: inputs.boolean('write-baseline', false),
            sarifPath: sarif === 'false' || sarif === 'none' ? '' : external_node_path_namespaceObject.resolve(context.workDir, sarif),
            maxFileSize: maxFileSize ?? 1024 * 1024,
            comment: commentTarget(inputs, context.platform, context.env, pullNumber),
        };
        if (mode === 'pr' && !settings.base)
            inputs.fail('base', 'is required in pr mode outside a pull_request event', 'Pass the base commit or branch, e.g. --base origin/main.');
        return settings;
    },
    run: (settings, context) => runScan(settings, context),
    outputs: (result) => ({
        findings: String(result.findings.length),
        'new-findings': String(result.newFindings),
        sarif: result.sarifPath ?? '',
    }),
    summary: (result) => scanSummary(result.findings, result.stats, [
        ...result.notes,
        ...(result.baselineWritten ? [`Baseline written to ${result.baselineWritten}: commit it to accept these findings.`] : []),
    ]),
    failure: (result) => (result.newFindings > 0
        ? `${result.newFindings} new secret(s) found. Revoke them, remove them, or accept false alarms with \`slipway:allow\` or the baseline.`
        : undefined),
};

;// CONCATENATED MODULE: ./build/src/scan/demo.js











/**
 * Builds a small repository in `dir` whose second commit plants one fake
 * GitHub token (random, with a valid checksum: it would pass a format check,
 * but no such token exists), scans that push, and returns the summary text.
 */
async function demoScan(log, dir) {
    const runner = new ProcessRunner(log);
    const git = (...args) => runner.run({ file: 'git', args: ['-c', 'user.name=demo', '-c', 'user.email=demo@example.net', ...args], cwd: dir });
    external_node_fs_namespaceObject.mkdirSync(dir, { recursive: true });
    await git('init', '--quiet', '--initial-branch=main');
    external_node_fs_namespaceObject.writeFileSync(external_node_path_namespaceObject.join(dir, 'deploy.sh'), '#!/bin/sh\nset -eu\ndocker compose pull && docker compose up -d\n');
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'deploy script');
    const before = (await git('rev-parse', 'HEAD')).stdout.trim();
    const body = randomGenerator().alnum(30);
    external_node_fs_namespaceObject.writeFileSync(external_node_path_namespaceObject.join(dir, 'deploy.sh'), `#!/bin/sh\nset -eu\nexport GITHUB_TOKEN=ghp_${body}${base62(crc32(body), 6)}\ndocker compose pull && docker compose up -d\n`);
    await git('commit', '--quiet', '-am', 'deploy: pull from the private registry');
    const after = (await git('rev-parse', 'HEAD')).stdout.trim();
    const settings = secretScanFlow.parse(new Inputs(mapInputSource({ mode: 'push', before, after, 'working-directory': dir, sarif: external_node_path_namespaceObject.join(dir, 'secret-scan.sarif') }, 'cli')), { env: {}, platform: detectPlatform({}), workDir: dir });
    const result = await runScan(settings, { runner, log, platform: detectPlatform({}), cache: noCache, env: {}, workDir: dir });
    return renderText(secretScanFlow.summary(result));
}

;// CONCATENATED MODULE: ./build/src/swarm/namespace.js
// A throwaway single-node swarm for the demo: a second dockerd inside a network
// namespace made with `unshare --net` (not `ip netns exec`, which remounts /sys
// and hides the cgroup mounts). Its ingress, gateway bridge and host-network
// services stay in that namespace, so the demo cannot clash with the sandbox.
// The tests build on it too (test/support/swarm-namespace.ts adds load loops).




/** Why this machine cannot run a namespaced dockerd, or undefined when it can. */
function swarmEngineUnavailable(env = process.env) {
    if (process.platform !== 'linux')
        return `network namespaces need Linux (this is ${process.platform})`;
    if (process.getuid?.() !== 0)
        return 'starting a dockerd in a network namespace needs root';
    const PATH = env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';
    const missing = ['unshare', 'nsenter', 'dockerd', 'docker', 'ip'].filter((tool) => (0,external_node_child_process_namespaceObject.spawnSync)('sh', ['-c', 'command -v "$1"', 'probe', tool], { env: { PATH } }).status !== 0);
    return missing.length ? `${missing.join(', ')} not found on PATH` : undefined;
}
const alive = (pid) => {
    try {
        return !/^\d+ \(.*\) Z/.test(external_node_fs_namespaceObject.readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie counts as stopped
    }
    catch {
        return false;
    }
};
async function waitFor(check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (check())
            return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return check();
}
/**
 * Starts dockerd in its own network namespace (own data-root, exec-root,
 * pidfile and socket under a temp dir), loads `image` from the engine at
 * `sourceHost` (nothing can be pulled inside) and runs `docker swarm init`
 * (unless `swarm` is false: a plain engine, to test "not in a swarm").
 */
async function startDemoSwarmEngine(options) {
    // A short path: the socket path must stay under the 108-byte limit.
    const dir = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'swarm-demo-'));
    const socket = external_node_path_namespaceObject.join(dir, 'docker.sock');
    const logFile = external_node_path_namespaceObject.join(dir, 'dockerd.log');
    const logFd = external_node_fs_namespaceObject.openSync(logFile, 'a');
    const PATH = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';
    const child = (0,external_node_child_process_namespaceObject.spawn)('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec dockerd "$@"', 'sh',
        '--data-root', external_node_path_namespaceObject.join(dir, 'data'), '--exec-root', external_node_path_namespaceObject.join(dir, 'exec'), '--pidfile', external_node_path_namespaceObject.join(dir, 'dockerd.pid'),
        '-H', `unix://${socket}`, '--bridge=none', '--iptables=false', '--ip6tables=false'], { detached: true, stdio: ['ignore', logFd, logFd], env: { PATH, HOME: dir } });
    external_node_fs_namespaceObject.closeSync(logFd);
    child.unref();
    const pid = child.pid ?? 0;
    const host = `unix://${socket}`;
    const docker = (args, input) => (0,external_node_child_process_namespaceObject.spawnSync)('docker', args, { env: { ...process.env, DOCKER_HOST: host }, input, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
    const stop = async () => {
        if (pid && alive(pid)) {
            docker(['swarm', 'leave', '--force']);
            process.kill(pid, 'SIGTERM');
            if (!(await waitFor(() => !alive(pid), 30_000)))
                process.kill(pid, 'SIGKILL');
        }
        // dockerd leaves its namespace files mounted under exec-root.
        const mounts = external_node_fs_namespaceObject.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(dir)).sort().reverse();
        for (const mount of mounts)
            (0,external_node_child_process_namespaceObject.spawnSync)('umount', ['-l', mount]);
        external_node_fs_namespaceObject.rmSync(dir, { recursive: true, force: true });
    };
    try {
        const up = await waitFor(() => pid > 0 && alive(pid) && docker(['info']).status === 0, 30_000);
        if (!up) {
            const tail = external_node_fs_namespaceObject.existsSync(logFile) ? external_node_fs_namespaceObject.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
            throw new Error(`the namespaced dockerd did not come up within 30 s${tail ? ` (its log: ${tail})` : ''}`);
        }
        const saved = (0,external_node_child_process_namespaceObject.spawnSync)('docker', ['save', options.image], { env: { ...process.env, DOCKER_HOST: options.sourceHost ?? 'unix:///var/run/docker.sock' }, maxBuffer: 256 * 1024 * 1024 });
        if (saved.status !== 0)
            throw new Error(`docker save ${options.image}: ${saved.stderr.toString().trim()}`);
        const loaded = docker(['load'], saved.stdout);
        if (loaded.status !== 0)
            throw new Error(`docker load into the namespaced engine: ${loaded.stderr.toString().trim()}`);
        const init = options.swarm === false ? undefined : docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
        if (init && init.status !== 0)
            throw new Error(`docker swarm init: ${init.stderr.toString().trim()}`);
    }
    catch (error) {
        await stop();
        throw error;
    }
    return { dir, pid, host, enter: ['nsenter', `--net=/proc/${pid}/ns/net`], stop };
}

;// CONCATENATED MODULE: ./build/src/swarm/demo.js












/** examples/swarm/docker-compose.yml, inlined so the bundled CLI needs no file beside it (a unit test keeps them equal). */
const EXAMPLE_STACK_FILE = `# A stack Slipway deploys with \`strategy: swarm\` (checked by test/integration/swarm).
# The update policy is left out on purpose: Slipway fills safe defaults through an
# override file (start-first, or stop-first on the host network; rollback on failure;
# a monitor window that outlasts the health check) and reports each one it filled.
version: "3.8"
services:
  web:
    image: slipway/busybox:sandbox
    # tini as PID 1: SIGTERM stops the server at once, and a task killed for being
    # unhealthy exits non-zero, so the engine reports "unhealthy container".
    init: true
    command: ["sh", "-c", "mkdir -p /www && echo \\"$$APP_VERSION\\" > /www/version && if [ \\"$$APP_BROKEN\\" != yes ]; then echo ok > /www/health; fi && exec httpd -f -p 127.0.0.1:8080 -h /www"]
    environment:
      APP_VERSION: v1
      APP_BROKEN: "no"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
      interval: 1s
      timeout: 1s
      retries: 2
    deploy:
      replicas: 1
    networks: [hostnet]
    secrets: [app_token]
networks:
  # The engine's host network (the routing mesh is not used).
  hostnet:
    external: true
    name: host
secrets:
  app_token:
    external: true
`;
/**
 * The swarm step of `npm run demo`: a single-node swarm in a network namespace
 * (as the integration tests make it), the example stack deployed as v1, rolled
 * to v2, then a broken v3 whose health check fails, which the engine must roll
 * back, leaving v2 serving. A machine without namespaces is a skip, not a failure.
 */
async function demoSwarm(log, options) {
    const unavailable = swarmEngineUnavailable();
    if (unavailable)
        return { skipped: unavailable, ok: true, detail: `skipped: ${unavailable}` };
    let engine;
    try {
        engine = await startDemoSwarmEngine({ image: options.image, sourceHost: options.sourceHost });
    }
    catch (error) {
        const why = `could not start a swarm in a network namespace: ${errors_formatError(error)}`;
        return { skipped: why, ok: true, detail: `skipped: ${why}` };
    }
    const work = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-demo-swarm-'));
    try {
        const endpoint = localDockerEndpoint(options.runner, engine.host);
        const token = (0,external_node_crypto_namespaceObject.randomBytes)(12).toString('hex');
        registerSecret(token);
        const deploy = async (version, broken = false) => {
            const file = external_node_path_namespaceObject.join(work, version, 'docker-compose.yml');
            external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(file), { recursive: true });
            external_node_fs_namespaceObject.writeFileSync(file, EXAMPLE_STACK_FILE.replace('APP_VERSION: v1', `APP_VERSION: ${version}`).replace('APP_BROKEN: "no"', `APP_BROKEN: "${broken ? 'yes' : 'no'}"`));
            const result = await runSwarm({
                mode: 'stack', stack: 'demo', composeFile: file, parallelism: 1, timeoutMs: 120_000, pollMs: SWARM_DEFAULTS.pollMs,
                secrets: { app_token: token }, env: {}, prune: false,
            }, endpoint, log);
            log.info(renderText(swarmSummary(result)));
            return result;
        };
        // The app answers on the namespace's loopback only: ask from inside it.
        const serving = async () => {
            const script = 'fetch(process.argv[1],{signal:AbortSignal.timeout(3000)}).then(r=>r.text()).then(t=>process.stdout.write(t.trim()),()=>process.stdout.write("(no answer)"))';
            const [file, ...args] = engine.enter;
            return (await options.runner.run({ file: file, args: [...args, process.execPath, '-e', script, 'http://127.0.0.1:8080/version'] }, { allowFailure: true })).stdout.trim();
        };
        const v1 = await deploy('v1');
        const v1Failure = swarmFailure(v1);
        if (v1Failure)
            return { ok: false, detail: `v1: ${v1Failure}`, summary: swarmSummary(v1) };
        const v2 = await deploy('v2');
        const v2Failure = swarmFailure(v2);
        if (v2Failure)
            return { ok: false, detail: `v2: ${v2Failure}`, summary: swarmSummary(v2) };
        const afterV2 = await serving();
        const v3 = await deploy('v3', true);
        const rolledBack = v3.services.every((s) => s.outcome === 'rolled-back');
        const afterV3 = await serving();
        const ok = afterV2 === 'v2' && rolledBack && afterV3 === 'v2';
        const filled = v1.filled.length;
        return {
            ok,
            detail: [
                `v1 deployed in ${humanDuration(v1.durationMs)} (${filled} update-policy default${filled === 1 ? '' : 's'} filled in)`,
                `v2 rolled out in ${humanDuration(v2.durationMs)}, serving ${afterV2}`,
                rolledBack
                    ? `broken v3 rolled back by the engine in ${humanDuration(v3.durationMs)}, ${afterV3} serving`
                    : `broken v3 was NOT rolled back (${v3.services.map((s) => `${s.service}: ${s.outcome}`).join(', ')}), ${afterV3} serving`,
            ].join('; '),
            summary: swarmSummary(v3),
        };
    }
    finally {
        await engine.stop();
        external_node_fs_namespaceObject.rmSync(work, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./build/src/cli/demo.js

















function readSandbox() {
    const file = process.env.SLIPWAY_SANDBOX_JSON ?? '/var/lib/slipway-sandbox/sandbox.json';
    if (!external_node_fs_namespaceObject.existsSync(file))
        throw new Error(`The sandbox is not up (${file} is missing). Run \`npm run sandbox -- up\` first.`);
    const sandbox = JSON.parse(external_node_fs_namespaceObject.readFileSync(file, 'utf8'));
    registerSecret(sandbox.registries.auth.password);
    registerSecret(sandbox.postgres.password);
    return sandbox;
}
const DEMO_PORT = 18090;
/**
 * `slipway demo`: the whole chain on the local sandbox, one summary at the end.
 * build → push → deploy → smoke run as the root action runs them (the pipeline
 * flow: example app to host h1 with compose, pinned by digest); then an
 * independent smoke check from outside, the same image with compose and then
 * as a release on h2, a zero-downtime switch behind Caddy, a swarm stack in a
 * network namespace, the restore drill and the secret scan.
 * Each step runs on its own: one that cannot run is reported, not fatal.
 */
async function runDemo(_args, log) {
    const sandbox = readSandbox();
    const version = `1.0.${Math.floor(Date.now() / 1000) % 100000}`;
    const appDir = external_node_path_namespaceObject.resolve(external_node_path_namespaceObject.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples', 'app');
    const [host] = sandbox.ssh.hosts;
    const steps = [];
    const extra = new Summary();
    const timed = async (step, body) => {
        const started = Date.now();
        try {
            const { ok, detail, skipped } = await log.group(step, body);
            steps.push({ step, status: skipped ? 'skipped' : ok ? 'ok' : 'failed', seconds: ((Date.now() - started) / 1000).toFixed(1), detail });
            return ok;
        }
        catch (error) {
            steps.push({ step, status: 'failed', seconds: ((Date.now() - started) / 1000).toFixed(1), detail: errors_formatError(error) });
            return false;
        }
    };
    let deployed = false;
    let imageRef;
    if (!host) {
        steps.push({ step: 'build → push → deploy → smoke', status: 'skipped', seconds: '-', detail: 'the sandbox has no SSH host' });
    }
    else {
        const ssh = { hosts: `${host.address}:${host.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath };
        const hostAppDir = `${host.baseDir}/demo-pipeline`;
        const ready = await timed('prepare host h1', async () => {
            await prepareHost(log, ssh, hostAppDir);
            return { ok: true, detail: `${hostAppDir}: docker-compose.yml and .env (PORT=${DEMO_PORT}), as its owner would` };
        });
        if (ready) {
            const run = await log.group('deploy pipeline (the root action\'s chain)', () => runFlow(pipelineFlow, {
                image: `${sandbox.registries.auth.address}/demo/example-app`, context: external_node_fs_namespaceObject.existsSync(appDir) ? appDir : 'examples/app',
                'build-args': 'APP_VERSION={version}', version,
                username: sandbox.registries.auth.username, password: sandbox.registries.auth.password,
                ...ssh, 'app-dir': hostAppDir, service: 'app', 'compose-project': 'slipway-demo-pipeline', 'env-file': '.env', pull: 'false',
                'health-url': `http://127.0.0.1:${DEMO_PORT}/api/health`, 'health-expect': '"version":"{version}"',
            }, localContext(log)).catch((error) => error));
            if (run instanceof Error) {
                steps.push({ step: 'build → push → deploy → smoke', status: 'failed', seconds: '-', detail: errors_formatError(run) });
            }
            else {
                for (const s of run.result.steps)
                    steps.push({ step: s.step, status: s.status, seconds: s.status === 'skipped' ? '-' : (s.durationMs / 1000).toFixed(1), detail: s.detail });
                extra.append(pipelineFlow.summary(run.result));
                deployed = run.result.outcome === 'deployed';
                imageRef = run.result.imageRef;
            }
        }
    }
    if (deployed) {
        await timed('smoke from outside', async () => {
            const report = await demoSmoke(log, `http://127.0.0.1:${DEMO_PORT}/api/health`, version);
            return { ok: report.passed, detail: report.passed ? `3 passes in a row, version ${report.versionSeen ?? '?'}` : 'failed' };
        });
    }
    else {
        steps.push({ step: 'smoke from outside', status: 'skipped', seconds: '-', detail: 'nothing deployed' });
    }
    // issue 3: the app the chain built and pushed, deployed again with compose and then as a release.
    const deployHost = sandbox.ssh.hosts[1] ?? sandbox.ssh.hosts[0];
    const deployStep = `compose, then release (${deployHost?.name ?? 'no host'})`;
    if (deployed && imageRef && deployHost) {
        const image = imageRef;
        await timed(deployStep, async () => {
            const report = await demoDeploy(log, {
                image, version, appDir: external_node_fs_namespaceObject.existsSync(appDir) ? appDir : 'examples/app',
                host: { address: deployHost.address, port: deployHost.port, baseDir: deployHost.baseDir },
                user: sandbox.ssh.user, privateKeyPath: sandbox.ssh.privateKeyPath, knownHostsPath: sandbox.ssh.knownHostsPath,
            });
            extra.append(report.summary);
            return { ok: true, detail: report.detail };
        });
    }
    else {
        steps.push({ step: deployStep, status: 'skipped', seconds: '-', detail: 'nothing was built and pushed' });
    }
    const h1 = sandbox.ssh.hosts[0];
    if (h1) {
        await timed('zero-downtime deploy behind Caddy', async () => {
            const failed = await demoZeroDowntime(log, {
                host: { address: h1.address, port: h1.port, baseDir: h1.baseDir },
                user: sandbox.ssh.user, privateKeyPath: sandbox.ssh.privateKeyPath, knownHostsPath: sandbox.ssh.knownHostsPath,
            });
            // The deploy itself failing throws; the count is what the demo shows (target 0, see BENCHMARKS.md).
            return { ok: true, detail: `${failed} failed requests during the switch to the second version${failed ? ' (target 0: see the failures logged above)' : ''}` };
        });
    }
    // issue 10: a single-node swarm in a network namespace; v1, v2, then a broken v3 the engine rolls back.
    await timed('swarm: v1 → v2 → broken v3 rolled back', async () => {
        const report = await demoSwarm(log, { runner: localContext(log).runner, image: sandbox.baseImage, sourceHost: sandbox.docker?.host });
        if (report.skipped)
            log.warn(`swarm step skipped: ${report.skipped}`);
        if (report.summary)
            extra.append(report.summary);
        return { ok: report.ok, detail: report.detail, skipped: report.skipped !== undefined };
    });
    await timed('restore drill', async () => {
        const report = await demoDrill(log, external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-demo-drill-')));
        return { ok: report.passed, detail: `${report.name}: ${report.restores.length} restore(s), ${report.passed ? 'all checks green' : 'a check failed'}` };
    });
    await timed('secret scan', async () => {
        const dir = external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'slipway-demo-scan-'));
        const text = await demoScan(log, external_node_path_namespaceObject.join(dir, 'repo'));
        external_node_fs_namespaceObject.rmSync(dir, { recursive: true, force: true });
        extra.text(text);
        // The demo repository plants one fake token: finding it is the success.
        const found = /ghp_|github/i.test(text);
        return { ok: found, detail: found ? 'the planted (fake) GitHub token was caught in the push' : 'the planted token was not reported' };
    });
    const story = new Summary()
        .heading(`Slipway demo: example app ${version}, the whole chain`)
        .table(['step', 'result', 'seconds', 'detail'], steps.map((s) => [s.step, s.status, s.seconds, s.detail]))
        .append(extra);
    process.stdout.write(renderText(story));
    return steps.some((s) => s.status === 'failed') ? 1 : 0;
}
/** The host's owner sets up app-dir once (compose file, env file); Slipway never writes them. */
async function prepareHost(log, ssh, appDir) {
    const [target] = inputs_parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
    if (!target)
        throw new Error('no demo host');
    const session = await session_openSshSession(target, localContext(log).runner, log);
    try {
        await session.exec(['mkdir', '-p', appDir]);
        await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/docker-compose.yml`], { stdin: EXAMPLE_COMPOSE_FILE });
        await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/.env`], { stdin: `PORT=${DEMO_PORT}\n` });
    }
    finally {
        await session.close();
    }
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./build/src/cli/flags.js


/** Flags are the action inputs: `--tags a,b` or `--tags=a`; a bare `--push` means true. */
function parseFlags(args) {
    const { tokens } = (0,external_node_util_namespaceObject.parseArgs)({ args, strict: false, tokens: true, allowPositionals: true });
    const values = {};
    const global = {};
    const globalNames = new Set(['config', 'json', 'debug', 'help']);
    for (let i = 0; i < tokens.length; i += 1) {
        const token = tokens[i];
        if (token.kind === 'positional')
            throw new InputError(`'${token.value}'`, 'is not a flag', 'Pass inputs as --name value.');
        if (token.kind !== 'option')
            continue;
        let value = token.value;
        const next = tokens[i + 1];
        if (value === undefined && next?.kind === 'positional') {
            value = next.value;
            i += 1;
        }
        if (globalNames.has(token.name))
            global[token.name] = value ?? true;
        else
            values[token.name] = value === undefined ? 'true' : String(value);
    }
    return { values, global };
}

;// CONCATENATED MODULE: ./build/src/pipeline/cli.js









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
    const put = (key, value, from) => { values[key] = expandEnv(value, `${where}: ${from}`, env); };
    for (const [key, value] of Object.entries(config.defaults ?? {}))
        put(key, value, `defaults.${key}`);
    for (const link of LINKS) {
        for (const [key, value] of Object.entries(config[SECTION_OF[link]] ?? {})) {
            if (!DERIVED[link]?.includes(key))
                put(`${link}-${key}`, value, `${SECTION_OF[link]}.${key}`);
        }
    }
    for (const [key, value] of Object.entries(config.pipeline ?? {}))
        put(key, value, `pipeline.${key}`);
    return { ...values, ...flags };
}
/** `slipway pipeline [--dry-run] [--input value …]`: the root action's chain from a terminal. */
async function runPipelineCommand(args, log) {
    // Read before parsing, so a flag error is reported the way they ask too.
    const json = args.includes('--json');
    const debug = process.env.SLIPWAY_DEBUG === '1' || args.includes('--debug');
    try {
        const { values: flagValues, global } = parseFlags(args);
        const given = typeof global.config === 'string' ? global.config : undefined;
        const configPath = given ?? 'slipway.yml';
        const config = loadConfigFile(external_node_path_namespaceObject.resolve(configPath), given !== undefined);
        const values = pipelineValues(config, flagValues, configPath, process.env);
        const run = await runFlow(pipelineFlow, values, localContext(log));
        if (json)
            process.stdout.write(`${secrets_redact(JSON.stringify({ ok: !run.failure, failure: run.failure, outputs: run.outputs }, null, 2))}\n`);
        else
            process.stdout.write(secrets_redact(renderText(pipelineFlow.summary(run.result))));
        if (run.failure) {
            log.error(run.failure);
            return 1;
        }
        return 0;
    }
    catch (error) {
        const message = errors_formatError(error, debug);
        if (json)
            process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
        log.error(message);
        return error instanceof InputError ? 2 : 1;
    }
}

;// CONCATENATED MODULE: ./build/src/cli/flows.js








/**
 * Every flow the CLI knows. The same definitions back the actions
 * (src/actions/<name>.ts), so `slipway build` and `actions/build-image` are one path.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const flows = [
    buildImageFlow,
    pushImageFlow,
    smokeFlow,
    drillFlow,
    deployFlow,
    secretScanFlow,
];
const extraCommands = [
    { name: 'demo', describe: 'Run the main job end to end on the local sandbox', run: (args, log) => runDemo(args, log) },
    { name: 'pipeline', describe: 'build → push → deploy → smoke in one step, rollback on a red smoke test (--dry-run: the plan)', run: (args, log) => runPipelineCommand(args, log) },
];

;// CONCATENATED MODULE: ./build/src/cli/main.js










const USAGE = `slipway <command> [--input value …] [--config slipway.yml] [--json] [--debug]

Commands:
${[...flows.map((flow) => `  ${flow.command.padEnd(10)} ${flow.describe}`), ...extraCommands.map((c) => `  ${c.name.padEnd(10)} ${c.describe}`)].join('\n')}

Every --input is the same name as the action's input (see docs/actions/). Values
may also come from slipway.yml: a section per command plus "defaults".`;
async function main(argv) {
    const [commandName, ...rest] = argv;
    const json = rest.includes('--json');
    const debug = rest.includes('--debug') || process.env.SLIPWAY_DEBUG === '1';
    const log = new ConsoleLogger({ debug });
    try {
        if (!commandName || commandName === '--help' || commandName === 'help') {
            process.stdout.write(`${USAGE}\n`);
            return commandName ? 0 : 2;
        }
        const extra = extraCommands.find((command) => command.name === commandName);
        if (extra)
            return await extra.run(rest, log);
        const flow = flows.find((candidate) => candidate.command === commandName || candidate.action === commandName);
        if (!flow)
            throw new InputError(`command '${commandName}'`, 'is unknown', `Run \`slipway help\` for the list.`);
        const { values: flagValues, global } = parseFlags(rest);
        const configPath = typeof global.config === 'string' ? global.config : 'slipway.yml';
        const config = loadConfigFile(external_node_path_namespaceObject.resolve(configPath), typeof global.config === 'string');
        const fromFile = { ...config.defaults, ...config[flow.command] };
        const values = {};
        for (const [key, value] of Object.entries(fromFile))
            values[key] = expandEnv(value, `${configPath}: ${flow.command}.${key}`, process.env);
        Object.assign(values, flagValues);
        // Ctrl-C / SIGTERM: a flow that handles cancel winds down whole (docs/cancel.md); others stop after removing their key files.
        const cancel = handleCancelSignals(log, flow.handlesCancel === true);
        let run;
        try {
            run = await runFlow(flow, values, localContext(log, { signal: cancel.signal }));
        }
        catch (error) {
            if (cancel.received())
                log.error(`cancelled (${cancel.received()})`);
            throw error;
        }
        finally {
            cancel.dispose();
        }
        if (json) {
            process.stdout.write(`${secrets_redact(JSON.stringify({ ok: !run.failure, failure: run.failure, outputs: run.outputs, result: run.result }, null, 2))}\n`);
        }
        else {
            process.stdout.write(secrets_redact(renderText(flow.summary(run.result))));
        }
        if (run.failure) {
            log.error(run.failure);
            return cancel.received() ? CANCELLED_EXIT_CODE : 1;
        }
        if (cancel.received()) {
            log.error(`cancelled (${cancel.received()}) after the last step had finished`);
            return CANCELLED_EXIT_CODE;
        }
        return 0;
    }
    catch (error) {
        const message = errors_formatError(error, debug);
        if (json)
            process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
        log.error(message);
        return error instanceof InputError ? 2 : 1;
    }
}
// Run when executed (the bundle is `dist/cli/index.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:cli[\\/]index|cli[\\/]main)\.[jt]s$/.test(invoked) || invoked.endsWith('slipway')) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
        // A cancelled run has cleaned up; a check it cut short may still have a timer running.
        if (code === CANCELLED_EXIT_CODE)
            process.exit(code);
    });
}

var __webpack_exports__main = __webpack_exports__.i;
export { __webpack_exports__main as main };
