import fs from 'node:fs';
import type { Runner } from '../core/runner/process-runner.js';
import type { GitFacts } from './tags.js';

/**
 * Git facts from the CI event when there is one (a shallow checkout may lack
 * history), else from `git` in the context directory; missing pieces stay undefined.
 */
export async function readGitFacts(runner: Runner, cwd: string, env: NodeJS.ProcessEnv): Promise<GitFacts> {
  const git = async (...args: string[]): Promise<string | undefined> => {
    const result = await runner.run({ file: 'git', args: ['-C', cwd, ...args] }, { allowFailure: true });
    return result.exitCode === 0 ? result.stdout.trim() || undefined : undefined;
  };
  const facts: GitFacts = {
    sha: env.GITHUB_SHA || (await git('rev-parse', 'HEAD')),
    ref: env.GITHUB_REF || (await localRef(git)),
    defaultBranch: defaultBranchFromEvent(env) ?? (await git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD'))?.replace(/^origin\//, ''),
  };
  if (facts.sha) facts.commitTime = await git('show', '-s', '--format=%cI', facts.sha);
  return facts;
}

async function localRef(git: (...args: string[]) => Promise<string | undefined>): Promise<string | undefined> {
  const tag = await git('describe', '--tags', '--exact-match', 'HEAD');
  if (tag) return `refs/tags/${tag}`;
  const branch = await git('symbolic-ref', '--short', 'HEAD');
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
