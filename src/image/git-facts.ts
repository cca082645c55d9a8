import fs from 'node:fs';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import type { GitFacts } from './tags.js';

/**
 * What is being built, from the checkout. GITHUB_SHA/GITHUB_REF name the commit
 * the run started from, which is not what a workflow built when it checked out
 * another ref (deploy.yml's `ref` input: tag v1.4.2 deployed from main); so the
 * checked-out HEAD wins when it differs. When they agree the CI ref is used, as
 * a shallow or detached checkout may not know its branch (or a pull ref) itself.
 */
export async function readGitFacts(runner: Runner, cwd: string, env: NodeJS.ProcessEnv, log?: Logger): Promise<GitFacts> {
  const git = async (...args: string[]): Promise<string | undefined> => {
    const result = await runner.run({ file: 'git', args: ['-C', cwd, ...args] }, { allowFailure: true });
    return result.exitCode === 0 ? result.stdout.trim() || undefined : undefined;
  };
  const head = await git('rev-parse', 'HEAD');
  const ciSha = env.GITHUB_SHA || undefined;
  const facts: GitFacts = {
    defaultBranch: defaultBranchFromEvent(env) ?? (await git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD'))?.replace(/^origin\//, ''),
  };
  if (head && head !== ciSha) {
    facts.sha = head;
    facts.ref = await checkedOutRef(git);
    if (ciSha) {
      log?.info(`Git: building the checked-out HEAD ${head.slice(0, 12)} (${facts.ref ?? 'detached, no tag'}), not GITHUB_SHA ${ciSha.slice(0, 12)} (${env.GITHUB_REF ?? 'no ref'}) the run started from`);
    }
  } else {
    facts.sha = ciSha;
    facts.ref = env.GITHUB_REF || (head ? await checkedOutRef(git) : undefined);
    if (ciSha) log?.info(`Git: building GITHUB_SHA ${ciSha.slice(0, 12)} (${facts.ref ?? 'no ref'})${head ? ', which is the checked-out HEAD' : '; no git checkout in the context'}`);
  }
  if (facts.sha) facts.commitTime = await git('show', '-s', '--format=%cI', facts.sha);
  return facts;
}

/** A tag at HEAD (the highest version if several), else the branch checked out. */
async function checkedOutRef(git: (...args: string[]) => Promise<string | undefined>): Promise<string | undefined> {
  const tag = (await git('tag', '--points-at', 'HEAD', '--sort=-version:refname'))?.split('\n')[0]?.trim();
  if (tag) return `refs/tags/${tag}`;
  const branch = await git('symbolic-ref', '--short', '-q', 'HEAD');
  return branch ? `refs/heads/${branch}` : undefined;
}

function defaultBranchFromEvent(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_EVENT_PATH || !fs.existsSync(env.GITHUB_EVENT_PATH)) return undefined;
  try {
    const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { repository?: { default_branch?: string } };
    return event.repository?.default_branch;
  } catch {
    return undefined;
  }
}
