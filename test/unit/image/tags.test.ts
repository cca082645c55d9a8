import { computeTags, sanitizeTag, versionOf } from '../../../src/image/tags.js';
import { parseImageReference } from '../../../src/image/reference.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('computeTags', () => {
  it.each([
    ['a push to the default branch', { sha: SHA, ref: 'refs/heads/main', defaultBranch: 'main' }, ['sha-0123456', `sha-${SHA}`, 'main', 'latest']],
    ['a push to another branch gets no latest', { sha: SHA, ref: 'refs/heads/feature/login', defaultBranch: 'main' }, ['sha-0123456', `sha-${SHA}`, 'feature-login']],
    ['a release tag gets x.y.z, x.y and x', { sha: SHA, ref: 'refs/tags/v1.4.2' }, ['sha-0123456', `sha-${SHA}`, '1.4.2', '1.4', '1']],
    ['a prerelease tag gets only its full version', { sha: SHA, ref: 'refs/tags/v2.0.0-rc.1' }, ['sha-0123456', `sha-${SHA}`, '2.0.0-rc.1']],
    ['a pull request ref gets only the sha tags', { sha: SHA, ref: 'refs/pull/7/merge' }, ['sha-0123456', `sha-${SHA}`]],
  ])('%s', (_name, git, expected) => {
    expect(computeTags(git, { latest: 'auto', extra: [] })).toEqual(expected);
  });

  it('adds extra tags and honours latest=false', () => {
    expect(computeTags({ ref: 'refs/heads/main', defaultBranch: 'main' }, { latest: 'false', extra: ['stable'] })).toEqual(['main', 'stable']);
  });

  it('makes branch names into valid tags', () => {
    expect(sanitizeTag('feat/ünïcode branch')).toBe('feat-n-code-branch');
    expect(sanitizeTag('.hidden')).toBe('hidden');
  });

  it('takes the version from a semver tag, else the short sha', () => {
    expect(versionOf({ ref: 'refs/tags/v3.1.0', sha: SHA })).toBe('3.1.0');
    expect(versionOf({ ref: 'refs/heads/main', sha: SHA })).toBe('0123456');
  });
});

describe('parseImageReference', () => {
  it.each([
    ['git.example.com/team/app:1.0', { registry: 'git.example.com', repository: 'team/app', tag: '1.0' }],
    ['127.0.0.1:5000/slipway/demo', { registry: '127.0.0.1:5000', repository: 'slipway/demo' }],
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['ghcr.io/o/a@sha256:' + 'a'.repeat(64), { registry: 'ghcr.io', repository: 'o/a', digest: 'sha256:' + 'a'.repeat(64) }],
  ])('parses %s', (reference, expected) => {
    expect(parseImageReference(reference)).toMatchObject(expected);
  });

  it.each([
    ['git.example.com/Team/App', /lower-case/],
    ['git.example.com/team/app:bad tag!', /characters a tag cannot have/],
    ['git.example.com/team/app@sha256:xyz', /digest/],
  ])('rejects %s', (reference, reason) => {
    const parsed = parseImageReference(reference);
    expect('error' in parsed && parsed.error).toMatch(reason);
  });
});
