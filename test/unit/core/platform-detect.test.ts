import { describeActor, detectPlatform } from '../../../src/core/platform.js';

const github = {
  GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/summary', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'team/app',
  GITHUB_RUN_ID: '42', GITHUB_ACTOR: 'octo', GITHUB_SHA: 'abc123', GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push',
};

describe('detectPlatform', () => {
  it('GitHub: summary and annotations, run URL from the server, repository and run id', () => {
    expect(detectPlatform(github)).toEqual({
      kind: 'github', supportsSummary: true, supportsAnnotations: true, serverUrl: 'https://github.com', repository: 'team/app',
      runUrl: 'https://github.com/team/app/actions/runs/42', actor: 'octo', sha: 'abc123', ref: 'refs/heads/main', eventName: 'push',
    });
  });

  it('GitHub without a summary file offers no summary', () => {
    expect(detectPlatform({ ...github, GITHUB_STEP_SUMMARY: '' }).supportsSummary).toBe(false);
  });

  it.each([
    ['FORGEJO_ACTIONS', { FORGEJO_ACTIONS: 'true' }],
    ['GITEA_ACTIONS', { GITEA_ACTIONS: 'true' }],
    ['FORGEJO_TOKEN', { FORGEJO_TOKEN: 'x' }],
  ])('Forgejo is told from GitHub by %s, although it sets the GITHUB_* variables too: no summary, no annotations', (_name, marker) => {
    expect(detectPlatform({ ...github, ...marker })).toMatchObject({ kind: 'forgejo', supportsSummary: false, supportsAnnotations: false, repository: 'team/app' });
  });

  it('Forgejo takes its server URL from FORGEJO_SERVER_URL when GITHUB_SERVER_URL is absent', () => {
    const { GITHUB_SERVER_URL: _unused, ...rest } = github;
    expect(detectPlatform({ ...rest, FORGEJO_ACTIONS: 'true', FORGEJO_SERVER_URL: 'https://code.example.com' }).runUrl).toBe('https://code.example.com/team/app/actions/runs/42');
  });

  it('anywhere else is local: no summary, no annotations, the user as actor', () => {
    expect(detectPlatform({ USER: 'ana', GITHUB_SHA: 'abc' })).toEqual({ kind: 'local', supportsSummary: false, supportsAnnotations: false, actor: 'ana' });
    expect(detectPlatform({ GITHUB_ACTIONS: 'false' }).kind).toBe('local');
  });

  it('names who acts: the run URL in CI, user@machine locally', () => {
    expect(describeActor(detectPlatform(github), 'box')).toBe('octo via https://github.com/team/app/actions/runs/42');
    expect(describeActor(detectPlatform({ USER: 'ana' }), 'box')).toBe('ana@box');
  });
});
