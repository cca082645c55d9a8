import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { readGitFacts } from '../../../src/image/git-facts.js';
import { computeTags, versionOf } from '../../../src/image/tags.js';

/** A real repository: v1.4.2 tagged on an older commit, main one commit ahead of it. */
function repository(): { dir: string; git: (...args: string[]) => string; tagged: string; main: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-git-'));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'advice.detachedHead=false', ...args], { encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'app.txt'), '1.4.2\n');
  git('add', '.');
  git('commit', '-qm', 'release 1.4.2');
  git('tag', '-a', 'v1.4.2', '-m', 'v1.4.2');
  const tagged = git('rev-parse', 'HEAD');
  fs.writeFileSync(path.join(dir, 'app.txt'), 'next\n');
  git('commit', '-qam', 'work after the release');
  return { dir, git, tagged, main: git('rev-parse', 'HEAD') };
}

const policy = { latest: 'auto' as const, extra: [] };

describe('readGitFacts follows the checkout, not the ref the run started from', () => {
  it('deploying tag v1.4.2 from a run on main tags and labels the tag, not main', async () => {
    const { dir, git, tagged, main } = repository();
    git('checkout', '-q', 'v1.4.2');
    const log = new MemoryLogger();
    const facts = await readGitFacts(new ProcessRunner(log), dir, { GITHUB_SHA: main, GITHUB_REF: 'refs/heads/main' }, log);
    expect(facts).toMatchObject({ sha: tagged, ref: 'refs/tags/v1.4.2' });
    expect(facts.commitTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(computeTags(facts, policy)).toEqual([`sha-${tagged.slice(0, 7)}`, `sha-${tagged}`, '1.4.2', '1.4', '1']);
    expect(versionOf(facts)).toBe('1.4.2');
    expect(log.text()).toContain(`Git: building the checked-out HEAD ${tagged.slice(0, 12)} (refs/tags/v1.4.2), not GITHUB_SHA ${main.slice(0, 12)} (refs/heads/main)`);
  });

  it('a branch checked out in a run started elsewhere tags that branch', async () => {
    const { dir, git, tagged } = repository();
    git('checkout', '-q', '-b', 'hotfix/login', 'v1.4.2');
    fs.writeFileSync(path.join(dir, 'fix.txt'), 'fix\n');
    git('add', '.');
    git('commit', '-qm', 'fix');
    const head = git('rev-parse', 'HEAD');
    const facts = await readGitFacts(new ProcessRunner(new MemoryLogger()), dir, { GITHUB_SHA: tagged, GITHUB_REF: 'refs/tags/v1.4.2' });
    expect(facts).toMatchObject({ sha: head, ref: 'refs/heads/hotfix/login' });
    expect(computeTags(facts, policy)).toEqual([`sha-${head.slice(0, 7)}`, `sha-${head}`, 'hotfix-login']);
  });

  it('when HEAD is GITHUB_SHA, keeps GITHUB_REF (a detached checkout does not know its pull ref)', async () => {
    const { dir, git, main } = repository();
    git('checkout', '-q', '--detach', 'main');
    const log = new MemoryLogger();
    const facts = await readGitFacts(new ProcessRunner(log), dir, { GITHUB_SHA: main, GITHUB_REF: 'refs/pull/7/merge' }, log);
    expect(facts).toMatchObject({ sha: main, ref: 'refs/pull/7/merge' });
    expect(log.text()).toContain(`Git: building GITHUB_SHA ${main.slice(0, 12)} (refs/pull/7/merge), which is the checked-out HEAD`);
  });

  it('outside CI reads everything from git', async () => {
    const { dir, main } = repository();
    const facts = await readGitFacts(new ProcessRunner(new MemoryLogger()), dir, {});
    expect(facts).toMatchObject({ sha: main, ref: 'refs/heads/main' });
    expect(computeTags(facts, policy)).toContain('latest');
  });
});
