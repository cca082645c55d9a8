import fs from 'node:fs';
import path from 'node:path';
import type { FlowContext } from '../core/context.js';
import { formatError } from '../core/errors.js';
import { writeBaseline } from './baseline.js';
import type { ScanConfig } from './config.js';
import { Detector } from './detect.js';
import { upsertComment, commentBody, type CommentAction, type CommentTarget } from './report/comment.js';
import { toSarif } from './report/sarif.js';
import { MAX_SKIPPED_ROWS, type ScanStats } from './report/summary.js';
import { builtinRules } from './rules/index.js';
import type { AddedText } from './sources/diff-parser.js';
import { addedText, ensureCommit, findMergeBase, gitCommands } from './sources/git.js';
import { resolvePushRange, type PushRange } from './sources/push-range.js';
import { shortRevision } from './sources/revision.js';
import { listTreeFiles, readScannable } from './sources/tree.js';
import { loadTrustedFiles, type ChangeRevisions } from './trusted-files.js';
import type { Finding } from './types.js';

export type ScanMode = 'pr' | 'push' | 'tree' | 'history';

export interface ScanSettings {
  mode: ScanMode;
  /** The repository (absolute). */
  directory: string;
  base?: string;
  head?: string;
  /** Branch name of the PR base, fetched when the base commit cannot be fetched by sha. */
  baseRef?: string;
  before?: string;
  after?: string;
  /** Push mode: the pushed ref (`refs/heads/feature`), so its own copies are not taken for other branches. */
  ref?: string;
  configPath: string;
  configRequired: boolean;
  baselinePath: string;
  writeBaseline: boolean;
  /** Absolute; empty string: no SARIF file. */
  sarifPath: string;
  maxFileSize: number;
  comment?: CommentTarget;
}

export interface ScanResult {
  mode: ScanMode;
  findings: Finding[];
  newFindings: number;
  stats: ScanStats;
  sarifPath?: string;
  baselineWritten?: string;
  comment?: CommentAction;
  notes: string[];
}

/** Binaries, media, archives and generated bundles: never worth a read. */
export const DEFAULT_SKIP_PATHS = /(?:^|\/)(?:\.git|node_modules)\/|\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|dylib|dll|exe|o|a|bin|woff2?|ttf|otf|eot|mp[34]|m4a|ogg|wav|mov|avi|mkv|webm|wasm|pyc|sqlite3?|db)$|\.min\.(?:js|css)$|\.(?:js|css)\.map$/i;

export const SCANNER_VERSION = '1.1.0';

const formatSize = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);

class Collector {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly oncePerSecret: boolean) {}
  add(found: Finding[], commit?: string): void {
    for (const finding of found) {
      const key = this.oncePerSecret ? finding.fingerprint : `${finding.fingerprint}\0${finding.path}\0${finding.line}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.findings.push(commit ? { ...finding, commit } : finding);
    }
  }
}

export function buildDetector(config: ScanConfig): Detector {
  const disabled = new Set(config.disable);
  return new Detector({
    rules: [...config.rules, ...builtinRules.filter((rule) => !disabled.has(rule.id))],
    allowRegexes: config.allowRegexes,
    stopwords: config.stopwords,
  });
}

/** Runs one scan: sources feed text to the pure detector; reports are written from findings only. */
export async function runScan(settings: ScanSettings, context: FlowContext): Promise<ScanResult> {
  const started = Date.now();
  const { runner, log } = context;
  const cwd = settings.directory;
  const notes: string[] = [];

  // The range comes first: in pr and push mode it also says where the trusted config and baseline are.
  let revisions: ChangeRevisions | undefined;
  let prRange: { mergeBase: string; head: string } | undefined;
  let push: PushRange | undefined;
  if (settings.mode === 'pr') {
    const base = settings.base ?? 'origin/HEAD';
    const head = settings.head ?? 'HEAD';
    await ensureCommit(runner, cwd, head, log);
    await ensureCommit(runner, cwd, base, log, settings.baseRef);
    prRange = { mergeBase: await findMergeBase(runner, cwd, base, head, log), head };
    revisions = { trusted: prRange.mergeBase, changed: head, label: 'merge base' };
  } else if (settings.mode === 'push') {
    const after = settings.after ?? 'HEAD';
    push = await resolvePushRange(runner, cwd, { before: settings.before, after, ref: settings.ref }, log);
    if (push.note) notes.push(push.note);
    if (push.before) revisions = { trusted: push.before, changed: after, label: 'old head' };
  }
  const trusted = await loadTrustedFiles(runner, settings, revisions);
  notes.push(...trusted.notes);
  for (const note of notes) log.info(note);
  const { config } = trusted;
  const detector = buildDetector(config);
  const maxBytes = config.maxFileSize ?? settings.maxFileSize;
  const ownFiles = new Set([path.normalize(settings.baselinePath), path.normalize(settings.configPath)]);
  const scannable = (file: string): boolean => !DEFAULT_SKIP_PATHS.test(file) && !ownFiles.has(path.normalize(file)) && !config.allowPaths.some((re) => re.test(file));
  const stats: ScanStats = { mode: settings.mode, files: 0, commits: 0, bytes: 0, durationMs: 0, skipped: 0, oversized: [] };
  const sizeLimit = `${formatSize(maxBytes)}, ${config.maxFileSize !== undefined ? `\`max-file-size:\` in ${settings.configPath}` : 'the `max-file-size` input'}`;
  const oversizedSeen = new Set<string>();
  const skipOversized = (file: string, bytes: number, commit?: string): void => {
    stats.skipped += 1;
    const key = `${file}\0${commit ?? ''}`;
    if (oversizedSeen.has(key)) return;
    oversizedSeen.add(key);
    stats.oversized?.push({ path: file, bytes, commit, reason: `larger than the size limit (${sizeLimit}); raise it to scan this file` });
  };

  const scanTree = (collector: Collector, files: string[]): void => {
    for (const file of files) {
      if (!scannable(file)) continue;
      const read = readScannable(path.join(cwd, file), maxBytes);
      if ('skipped' in read) {
        if (read.skipped === 'too-large') skipOversized(file, read.bytes);
        else if (read.skipped === 'binary') {
          stats.skipped += 1;
          collector.add(detector.detectBinary(read.data, file));
        }
        continue;
      }
      stats.files += 1;
      stats.bytes += read.bytes;
      collector.add(detector.detect(read.text, file));
    }
  };
  // Every commit header counts, also a commit that only deletes files (it adds no text to read).
  const countCommit = (): void => { stats.commits += 1; };
  const scanAdded = async (collector: Collector, chunks: AsyncIterable<AddedText>): Promise<void> => {
    for await (const chunk of chunks) {
      if (!scannable(chunk.path)) continue;
      if (chunk.text.length > maxBytes) { skipOversized(chunk.path, chunk.text.length, chunk.commit); continue; }
      stats.files += 1;
      stats.bytes += chunk.text.length;
      collector.add(detector.detect(chunk.text, chunk.path, chunk.lineNumbers), chunk.commit);
    }
  };

  let collector: Collector;
  switch (settings.mode) {
    case 'tree': {
      collector = new Collector(false);
      scanTree(collector, await listTreeFiles(runner, cwd));
      break;
    }
    case 'pr': {
      const { mergeBase, head } = prRange as { mergeBase: string; head: string };
      log.info(`Scanning the lines added between ${shortRevision(mergeBase)} (merge base) and ${shortRevision(head)}.`);
      collector = new Collector(false);
      await scanAdded(collector, addedText(gitCommands.diff(cwd, mergeBase, head)));
      break;
    }
    case 'push': {
      collector = new Collector(true);
      await scanAdded(collector, addedText(gitCommands.log(cwd, (push as PushRange).range), countCommit));
      break;
    }
    case 'history': {
      collector = new Collector(true);
      // Every ref, not only HEAD: a secret on an unmerged branch or a tag is as pushed as one on main.
      await scanAdded(collector, addedText(gitCommands.log(cwd, settings.head ? [settings.head] : ['--all']), countCommit));
      const inTree = new Collector(false);
      const before = { ...stats, oversized: [...(stats.oversized ?? [])] };
      scanTree(inTree, await listTreeFiles(runner, cwd));
      Object.assign(stats, { files: before.files, bytes: before.bytes, skipped: before.skipped, oversized: before.oversized });
      const present = new Set(inTree.findings.map((f) => f.fingerprint));
      for (const finding of collector.findings) finding.inTree = present.has(finding.fingerprint);
      break;
    }
  }

  const findings = collector.findings;
  const baselinePath = path.resolve(cwd, settings.baselinePath);
  let baselineWritten: string | undefined;
  if (settings.writeBaseline) {
    writeBaseline(baselinePath, findings);
    baselineWritten = baselinePath;
    for (const finding of findings) finding.baselined = true;
    log.info(`Wrote ${findings.length} finding(s) to the baseline ${baselinePath}.`);
  } else {
    for (const finding of findings) finding.baselined = trusted.accepted.has(finding.fingerprint);
  }
  const newFindings = findings.filter((f) => !f.baselined).length;
  for (const skipped of (stats.oversized ?? []).slice(0, MAX_SKIPPED_ROWS)) {
    log.warn(`Not scanned: ${skipped.path}${skipped.commit ? ` at ${shortRevision(skipped.commit)}` : ''} (${formatSize(skipped.bytes)}): ${skipped.reason}.`);
  }
  for (const f of findings) {
    const text = `${f.title}: ${f.redacted} (fingerprint ${f.fingerprint}${f.commit ? `, commit ${shortRevision(f.commit)}` : ''})`;
    if (f.baselined) log.info(`baseline: ${f.path}:${f.line}: ${text}`);
    else log.error(text, { file: f.path, line: f.line, title: `Secret detected (${f.ruleId})` });
  }

  let sarifPath: string | undefined;
  if (settings.sarifPath) {
    fs.mkdirSync(path.dirname(settings.sarifPath), { recursive: true });
    fs.writeFileSync(settings.sarifPath, `${JSON.stringify(toSarif(findings, SCANNER_VERSION, stats.oversized), null, 2)}\n`);
    sarifPath = settings.sarifPath;
  }
  stats.durationMs = Date.now() - started;

  let comment: CommentAction | undefined;
  if (settings.comment) {
    try {
      comment = await upsertComment(settings.comment, commentBody(findings, stats), newFindings > 0);
      log.info(`Pull-request comment: ${comment.action}.`);
    } catch (error) {
      // The comment is a courtesy; the check's verdict and annotations stand without it.
      log.warn(`Could not write the pull-request comment: ${formatError(error)}`);
    }
  }
  return { mode: settings.mode, findings, newFindings, stats, sarifPath, baselineWritten, comment, notes };
}
