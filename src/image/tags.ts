import { isValidTag } from './reference.js';

/** What git says about the commit being built; from CI variables or from `git`. */
export interface GitFacts {
  sha?: string;
  /** `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/7/merge`. */
  ref?: string;
  defaultBranch?: string;
  /** Commit time, ISO 8601: used as the image's `created` so rebuilds of a commit are identical. */
  commitTime?: string;
}

export interface TagPolicy {
  /** `auto`: latest on the default branch only. */
  latest: 'auto' | 'true' | 'false';
  extra: string[];
}

/** Docker tags allow [A-Za-z0-9_.-]; branch names allow much more. */
export function sanitizeTag(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** The tags a commit earns: sha-<short>, sha-<full>, branch, semver (x.y.z, x.y, x), latest, extras. */
export function computeTags(git: GitFacts, policy: TagPolicy): string[] {
  const tags: string[] = [];
  if (git.sha) tags.push(`sha-${git.sha.slice(0, 7)}`, `sha-${git.sha}`);
  const branch = git.ref?.startsWith('refs/heads/') ? git.ref.slice('refs/heads/'.length) : undefined;
  if (branch) tags.push(sanitizeTag(branch));
  const tag = git.ref?.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
  if (tag) {
    const semver = SEMVER.exec(tag);
    if (semver) {
      const [, major, minor, patch, prerelease] = semver;
      if (prerelease) tags.push(`${major}.${minor}.${patch}-${prerelease}`);
      else tags.push(`${major}.${minor}.${patch}`, `${major}.${minor}`, `${major}`);
    } else {
      tags.push(sanitizeTag(tag));
    }
  }
  const onDefault = branch !== undefined && branch === (git.defaultBranch ?? 'main');
  if (policy.latest === 'true' || (policy.latest === 'auto' && onDefault)) tags.push('latest');
  tags.push(...policy.extra);
  return [...new Set(tags.filter((candidate) => candidate !== ''))];
}

/** A human version for the `version` label: the semver tag, else the short sha. */
export function versionOf(git: GitFacts): string | undefined {
  const tag = git.ref?.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
  if (tag) return tag.replace(/^v(?=\d)/, '');
  return git.sha?.slice(0, 7);
}

export function invalidTags(tags: string[]): string[] {
  return tags.filter((tag) => !isValidTag(tag));
}

/** A full reference in build-image's `tags`: with a tag, that one name; without, every tag of the build under it. */
export interface ExtraReference {
  /** As written, without the tag: `127.0.0.1:5001/team/app`. */
  repository: string;
  tag?: string;
}

/**
 * Every name one build carries: the image's own tags first (the primary tag stays
 * `image:sha-<short>`), then each other repository with every tag, or its one tag.
 * All of them name the same image, so every registry they go to gets the same digest.
 */
export function imageReferences(image: string, tags: string[], extra: ExtraReference[]): string[] {
  const references = tags.map((tag) => `${image}:${tag}`);
  for (const reference of extra) {
    if (reference.tag) references.push(`${reference.repository}:${reference.tag}`);
    else references.push(...tags.map((tag) => `${reference.repository}:${tag}`));
  }
  return [...new Set(references)];
}
