import fs from 'node:fs';
import path from 'node:path';
import type { Inputs } from '../core/config/inputs.js';
import type { FlowContext, FlowDefinition } from '../core/context.js';
import type { PlatformInfo } from '../core/platform.js';
import { parseSize } from './config.js';
import type { CommentTarget } from './report/comment.js';
import { scanSummary } from './report/summary.js';
import { runScan, type ScanMode, type ScanResult, type ScanSettings } from './scanner.js';
import { revisionProblem } from './sources/revision.js';

const MODES = ['auto', 'pr', 'push', 'tree', 'history'] as const;
/** action.yml's default for `config`: a runner passes it as if the user had written it. */
export const DEFAULT_CONFIG = '.slipway/secret-scan.yml';
type RevisionInput = 'base' | 'base-ref' | 'head' | 'before' | 'after' | 'ref';

/** A revision from an input or the event, checked before git sees it; names the input, never echoes the value. */
function revision(inputs: Inputs, name: RevisionInput, fromEvent: string | undefined): string | undefined {
  const value = inputs.optional(name) ?? fromEvent;
  if (value === undefined) return undefined;
  const problem = revisionProblem(value);
  if (problem) inputs.fail(name, `is not a git ref or commit id: it ${problem}`, 'Pass a branch, tag or commit id, e.g. origin/main or a 40-character sha.');
  return value;
}

interface EventPayload {
  ref?: string;
  before?: string;
  after?: string;
  number?: number;
  pull_request?: { number?: number; base?: { sha?: string; ref?: string }; head?: { sha?: string } };
}

/** The event as the edge read it (the platform's payload): only the fields a scan uses. */
const eventOf = (platform: PlatformInfo): EventPayload => (platform.event ?? {}) as EventPayload;

/** `auto`: the event decides (pull_request → pr, push → push, schedule → history, else tree). */
function modeFor(eventName: string | undefined): ScanMode {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return 'pr';
  if (eventName === 'push') return 'push';
  if (eventName === 'schedule') return 'history';
  return 'tree';
}

function commentTarget(inputs: Inputs, platform: PlatformInfo, pullNumber: number | undefined): CommentTarget | undefined {
  if (!inputs.boolean('comment', false)) return undefined;
  const token = inputs.secret('token') ?? undefined;
  if (!token) inputs.fail('token', 'is required when comment is true', 'Pass `token: ${{ secrets.GITHUB_TOKEN }}` (with `pull-requests: write`).');
  if (!pullNumber) inputs.fail('pr-number', 'is unknown, so the comment has no pull request to go to', 'Run on a pull_request event or set pr-number.');
  const repository = inputs.optional('repository') ?? platform.repository;
  if (!repository) inputs.fail('repository', 'is unknown', 'Set repository: owner/name.');
  const forge = platform.kind === 'forgejo' ? 'forgejo' : 'github';
  const apiUrl = inputs.optional('api-url')
    ?? (forge === 'github' ? platform.apiUrl ?? 'https://api.github.com' : `${(platform.serverUrl ?? '').replace(/\/$/, '')}/api/v1`);
  return { forge, apiUrl: apiUrl.replace(/\/$/, ''), repository, pullNumber, token };
}

export const secretScanFlow: FlowDefinition<ScanSettings, ScanResult> = {
  command: 'scan',
  action: 'secret-scan',
  describe: 'Scan a pull request, a push, the tree or the whole history for committed secrets',
  parse(inputs, context) {
    const event = eventOf(context.platform);
    const requested = inputs.choice('mode', MODES, 'auto');
    const mode = requested === 'auto' ? modeFor(context.platform.eventName) : requested;
    const directory = path.resolve(context.workDir, inputs.string('working-directory', '.'));
    if (!fs.existsSync(directory)) inputs.fail('working-directory', `does not exist (found '${directory}')`, 'Point it at the checked-out repository.');
    const maxFileSize = parseSize(inputs.string('max-file-size', '1MB'));
    if (maxFileSize === undefined) inputs.fail('max-file-size', `is not a size (found '${inputs.optional('max-file-size')}', expected e.g. 1MB or 500KB)`);
    const pullNumber = inputs.optional('pr-number') ? inputs.integer('pr-number', 0, { min: 1 }) : event.pull_request?.number ?? event.number;
    const sarif = inputs.string('sarif', 'secret-scan.sarif');
    const settings: ScanSettings = {
      mode,
      directory,
      base: revision(inputs, 'base', event.pull_request?.base?.sha),
      baseRef: revision(inputs, 'base-ref', event.pull_request?.base?.ref),
      head: revision(inputs, 'head', event.pull_request?.head?.sha),
      before: revision(inputs, 'before', event.before),
      after: revision(inputs, 'after', event.after),
      ref: revision(inputs, 'ref', event.ref ?? context.env.GITHUB_REF),
      configPath: inputs.string('config', DEFAULT_CONFIG),
      // The runner sets INPUT_CONFIG to its default whenever the user leaves it out: only another path must exist.
      configRequired: (inputs.optional('config') ?? DEFAULT_CONFIG) !== DEFAULT_CONFIG,
      baselinePath: inputs.string('baseline', '.slipway/secret-scan-baseline.json'),
      writeBaseline: inputs.boolean('write-baseline', false),
      sarifPath: sarif === 'false' || sarif === 'none' ? '' : path.resolve(context.workDir, sarif),
      maxFileSize: maxFileSize ?? 1024 * 1024,
      comment: commentTarget(inputs, context.platform, pullNumber),
    };
    if (mode === 'pr' && !settings.base) inputs.fail('base', 'is required in pr mode outside a pull_request event', 'Pass the base commit or branch, e.g. --base origin/main.');
    return settings;
  },
  run: (settings: ScanSettings, context: FlowContext) => runScan(settings, context),
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
