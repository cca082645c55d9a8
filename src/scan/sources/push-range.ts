import { formatError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Runner } from '../../core/runner/process-runner.js';
import { ensureCommit, findMergeBase, gitCommands, ZERO_SHA } from './git.js';
import { shortRevision } from './revision.js';

/** When a push's own commits cannot be told apart, at most this many commits of the branch are scanned. */
export const PUSH_HISTORY_LIMIT = 200;

export interface PushInput {
  before?: string;
  after: string;
  /** The pushed ref (`refs/heads/feature`); its own copies are not "another branch". */
  ref?: string;
}

export interface PushRange {
  /** Revision arguments for `git log`. */
  range: string[];
  /** The old head when it is in the checkout: the trusted config and baseline come from it. */
  before?: string;
  /** Which commits were scanned, when that is not simply before..after. */
  note?: string;
}

const branchName = (ref: string | undefined): string | undefined => (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref || undefined);

/**
 * Tips of every branch but the pushed one. Without the pushed ref's name, refs
 * pointing exactly at `after` are taken to be the pushed branch.
 */
async function otherBranchTips(runner: Runner, cwd: string, afterSha: string, pushed: string | undefined): Promise<string[]> {
  const listed = await runner.run(gitCommands.branchRefs(cwd), { allowFailure: true });
  const tips = new Set<string>();
  for (const line of listed.stdout.split('\n')) {
    const [name, sha, symref] = line.trim().split(' ');
    if (!name || !sha || symref) continue;
    const short = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : name.split('/').slice(3).join('/');
    if (pushed ? short === pushed : sha === afterSha) continue;
    tips.add(sha);
  }
  return [...tips];
}

const count = async (runner: Runner, cwd: string, range: string[]): Promise<number> => Number((await runner.run(gitCommands.countCommits(cwd, range))).stdout.trim());

/**
 * The commits a push brought: before..after when the old head is known; for a
 * new branch or a vanished old head, every commit of `after` that no other
 * branch has (a secret in a middle commit is as leaked as one in the tip); and
 * with nothing to compare with, a bounded history of the branch, said in a note.
 */
export async function resolvePushRange(runner: Runner, cwd: string, input: PushInput, log: Logger): Promise<PushRange> {
  const { after } = input;
  await ensureCommit(runner, cwd, after, log);
  let lead = 'A new branch';
  let before: string | undefined;
  if (input.before && !ZERO_SHA.test(input.before)) {
    try {
      await ensureCommit(runner, cwd, input.before, log);
      before = input.before;
      // A shallow checkout cuts history below `after`; until the two meet, before..after would miss commits.
      await findMergeBase(runner, cwd, before, after, log);
      return { range: [`${before}..${after}`], before };
    } catch (error) {
      lead = before
        ? `The push's old head ${shortRevision(before)} shares no history with ${shortRevision(after)}`
        : `The push's old head ${shortRevision(input.before)} is gone (force push?)`;
      log.info(`${lead}: ${formatError(error).split('\n')[0]}`);
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
    if (shallow) await runner.run(gitCommands.fetch(cwd, 'origin', [afterSha], [`--deepen=${PUSH_HISTORY_LIMIT}`]), options);
    if (fetched.exitCode === 0) others = await otherBranchTips(runner, cwd, afterSha, pushed);
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
