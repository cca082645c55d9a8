import type { CommandSpec } from '../../core/command.js';
import { SlipwayError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Runner } from '../../core/runner/process-runner.js';
import { streamLines } from '../../core/runner/stream-process.js';
import { COMMIT_MARKER, DiffParser, type AddedText } from './diff-parser.js';
import { revisionArgs, shortRevision } from './revision.js';

// Every git command the scanner runs, as data.
const git = (cwd: string, ...args: string[]): CommandSpec => ({ file: 'git', args: ['-c', 'core.quotePath=false', ...args], cwd });
const PATCH_FLAGS = ['--no-color', '--no-ext-diff', '--unified=0', '-M', '--no-textconv'];

export const gitCommands = {
  /**
   * Each commit's added lines, oldest first (`--date-order`: never a commit before its parents, so a secret
   * is first met at the commit that introduced it), with a marker line per commit.
   * `--cc` for merges: plain `log -p` shows no diff for a merge, so a secret typed in while resolving one
   * was never read. The dense combined diff shows only the hunks that match no parent, the merge's own
   * changes. Not `-m`/`--diff-merges=first-parent`: those repeat every line the merged branch brought
   * (already read at the commits that added them), up to doubling the bytes read, and `--first-parent`
   * would not walk the side branch, moving a finding from its commit to the merge.
   */
  log: (cwd: string, range: string[]) => git(cwd, 'log', '-p', '--cc', '--reverse', '--date-order', `--format=${COMMIT_MARKER}%H %ct`, ...PATCH_FLAGS, ...revisionArgs(range), '--'),
  diff: (cwd: string, from: string, to: string) => git(cwd, 'diff', ...PATCH_FLAGS, '--end-of-options', from, to, '--'),
  mergeBase: (cwd: string, a: string, b: string) => git(cwd, 'merge-base', '--end-of-options', a, b),
  hasCommit: (cwd: string, sha: string) => git(cwd, 'cat-file', '-e', '--end-of-options', `${sha}^{commit}`),
  isShallow: (cwd: string) => git(cwd, 'rev-parse', '--is-shallow-repository'),
  fetch: (cwd: string, remote: string, refs: string[], depthArgs: string[] = []) => git(cwd, 'fetch', '--no-tags', '--quiet', ...depthArgs, '--end-of-options', remote, ...refs),
  listFiles: (cwd: string) => git(cwd, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'),
  revParse: (cwd: string, ref: string) => git(cwd, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`),
  firstParent: (cwd: string, sha: string) => git(cwd, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${sha}^`),
  /** Local and remote-tracking branches: name, tip, and the target of a symbolic one (origin/HEAD). */
  branchRefs: (cwd: string) => git(cwd, 'for-each-ref', '--format=%(refname) %(objectname) %(symref)', 'refs/heads', 'refs/remotes'),
  /** A file as committed; `./` makes the path relative to cwd, like the working-tree path. */
  fileAt: (cwd: string, rev: string, file: string) => git(cwd, 'cat-file', 'blob', '--end-of-options', `${rev}:./${file}`),
  countCommits: (cwd: string, range: string[]) => git(cwd, 'rev-list', '--count', ...revisionArgs(range)),
};

export const ZERO_SHA = /^0+$/;

/** Streams the added text of each file of each commit (or of one diff). */
export async function* addedText(spec: CommandSpec, onCommit?: (sha: string) => void): AsyncGenerator<AddedText> {
  const parser = new DiffParser(onCommit);
  for await (const line of streamLines(spec)) {
    const done = parser.push(line);
    if (done) yield done;
  }
  const last = parser.end();
  if (last) yield last;
}

const ok = async (runner: Runner, spec: CommandSpec): Promise<boolean> => (await runner.run(spec, { allowFailure: true })).exitCode === 0;

/** Makes `sha` present, fetching it when a shallow or single-branch checkout lacks it. */
export async function ensureCommit(runner: Runner, cwd: string, sha: string, log: Logger, fallbackRef?: string): Promise<void> {
  if (await ok(runner, gitCommands.hasCommit(cwd, sha))) return;
  log.info(`Commit ${shortRevision(sha)} is not in this checkout; fetching it.`);
  const attempts = [[sha], ...(fallbackRef ? [[`+refs/heads/${fallbackRef}:refs/remotes/origin/${fallbackRef}`]] : [])];
  for (const refs of attempts) {
    await runner.run(gitCommands.fetch(cwd, 'origin', refs), { allowFailure: true, timeoutMs: 300_000 });
    if (await ok(runner, gitCommands.hasCommit(cwd, sha))) return;
  }
  throw new SlipwayError(`secret-scan: commit ${sha} is not in the checkout and could not be fetched from origin`, {
    fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`), or make sure the remote `origin` can serve that commit',
  });
}

/**
 * The merge base of the PR, deepening a shallow clone step by step (then
 * unshallowing) until the two histories meet.
 */
export async function findMergeBase(runner: Runner, cwd: string, base: string, head: string, log: Logger): Promise<string> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const result = await runner.run(gitCommands.mergeBase(cwd, base, head), { allowFailure: true });
    if (result.exitCode === 0) return result.stdout.trim();
    const shallow = (await runner.run(gitCommands.isShallow(cwd), { allowFailure: true })).stdout.trim() === 'true';
    if (!shallow) break;
    const depthArgs = attempt < 4 ? [`--deepen=${50 * 4 ** attempt}`] : ['--unshallow'];
    log.info(`No merge base of ${shortRevision(base)} and ${shortRevision(head)} in this shallow checkout; fetching more history (${depthArgs[0]}).`);
    const fetched = await runner.run(gitCommands.fetch(cwd, 'origin', [base, head], depthArgs), { allowFailure: true, timeoutMs: 600_000 });
    if (fetched.exitCode !== 0) break;
  }
  throw new SlipwayError(`secret-scan: no merge base between ${base} and ${head}`, {
    fix: 'Check out with full history (actions/checkout with `fetch-depth: 0`) so the pull request\'s base is reachable',
  });
}
