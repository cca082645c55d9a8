import { composeWords, defaultProjectName, renderImageOverride, rollbackTag, serviceContainersWords, tagImageWords } from '../../../src/deploy/compose-commands.js';
import { formatDeployLogLine } from '../../../src/deploy/host-state.js';
import { batches } from '../../../src/deploy/fleet.js';
import { hostReleaseNameFormat, isMarked, releaseName, releaseNameFormat, releaseNameProblem, releasesToRemove, sharedLinkTarget, sudoCheckWords } from '../../../src/deploy/release.js';

const project = { appDir: '/srv/app', files: ['docker-compose.yml', 'prod.yml'], project: 'app-demo', envFile: '.env.demo', overrideFile: '/srv/app/.slipway/o.json' };

describe('compose commands', () => {
  it.each([
    ['v2', ['docker', 'compose']],
    ['v1', ['docker-compose']],
  ] as const)('builds %s argv with project, files, override last and env file', (flavor, base) => {
    expect(composeWords(flavor, project, 'up', '-d')).toEqual([
      ...base, '--project-directory', '/srv/app', '-p', 'app-demo', '-f', '/srv/app/docker-compose.yml', '-f', '/srv/app/prod.yml',
      '-f', '/srv/app/.slipway/o.json', '--env-file', '/srv/app/.env.demo', 'up', '-d',
    ]);
  });

  it('omits -p and --env-file when not set', () => {
    expect(composeWords('v2', { ...project, project: undefined, envFile: undefined, files: ['c.yml'] }, 'pull', 'web')).toEqual([
      'docker', 'compose', '--project-directory', '/srv/app', '-f', '/srv/app/c.yml', '-f', '/srv/app/.slipway/o.json', 'pull', 'web',
    ]);
  });

  it('points the service at the image through an override, by tag or digest', () => {
    expect(JSON.parse(renderImageOverride('web', 'r.example/app@sha256:abc'))).toEqual({ services: { web: { image: 'r.example/app@sha256:abc' } } });
  });

  it('finds the service containers by compose labels (same in v1 and v2)', () => {
    expect(serviceContainersWords('p', 'web')).toEqual(['docker', 'ps', '--no-trunc', '--filter', 'label=com.docker.compose.project=p', '--filter', 'label=com.docker.compose.service=web', '--format', '{{.ID}}']);
    expect(defaultProjectName('/srv/My.App/')).toBe('myapp');
  });

  it('leaves out one-off `compose run` containers when asked (a stopped one must not count as the service)', () => {
    expect(serviceContainersWords('p', 'web', true, { oneOffs: false })).toEqual([
      'docker', 'ps', '-a', '--no-trunc', '--filter', 'label=com.docker.compose.project=p', '--filter', 'label=com.docker.compose.service=web',
      '--filter', 'label=com.docker.compose.oneoff=False', '--format', '{{.ID}}',
    ]);
  });

  it('pins the exact previous image under a local rollback tag per project and service', () => {
    expect(rollbackTag('app-demo', 'web')).toBe('slipway-rollback:app-demo-web');
    expect(rollbackTag('p', 'x'.repeat(200))).toHaveLength('slipway-rollback:'.length + 128);
    expect(tagImageWords('sha256:abc', 'slipway-rollback:app-demo-web')).toEqual(['docker', 'tag', 'sha256:abc', 'slipway-rollback:app-demo-web']);
  });
});

describe('release helpers', () => {
  it('names releases in ISO 8601 basic UTC by default, so name order is time order', () => {
    expect(releaseName(new Date('2025-03-07T01:14:30.123Z'))).toBe('20250307T011430Z');
    expect(releaseName(new Date('2025-03-07T01:14:30.123Z'), '%Y%m%d%H%M%S')).toBe('20250307011430');
    expect(releaseName(new Date('2025-03-07T01:14:30Z'), '%Y-%m-%d_%H-%M-%S')).toBe('2025-03-07_01-14-30');
  });

  it('follows the style of the host\'s newest timestamp-named release, else ISO 8601 basic', () => {
    expect(hostReleaseNameFormat(['20261120T090000Z', '20261124T100000Z', '20261125T100000Z.failed'])).toBe('%Y%m%dT%H%M%SZ');
    expect(hostReleaseNameFormat(['20261201165013'])).toBe('%Y%m%d%H%M%S');
    expect(hostReleaseNameFormat(['2026-11-24_10-00-00', 'v1.2.3'])).toBe('%Y-%m-%d_%H-%M-%S');
    expect(hostReleaseNameFormat(['v1.2.3', 'latest'])).toBeUndefined();
    expect(releaseNameFormat(undefined, [])).toBe('%Y%m%dT%H%M%SZ');
    expect(releaseNameFormat('%Y%m%d%H%M%S', ['20261124T100000Z'])).toBe('%Y%m%d%H%M%S');
  });

  it.each([
    ['%Y%m%d', /each once and in that order/],
    ['%S%M%H%d%m%Y', /in that order/],
    ['%Y%m%dT%H%M%SZ/x', /may hold only/],
    ['-%Y%m%d%H%M%S', /must not start/],
    ['%Y%m%d%H%M%S%s', /may hold only/],
    ['%Y%m%d%H%M%S.failed', /\.failed/],
  ])('refuses the release-name format %s', (format, problem) => {
    expect(releaseNameProblem(format)).toMatch(problem);
  });

  it('links shared files relatively, up from the release dir to app-dir/shared', () => {
    expect(sharedLinkTarget('.env')).toBe('../../shared/.env');
    expect(sharedLinkTarget('backend/.env')).toBe('../../../shared/backend/.env');
  });

  it('keeps at most keep-releases dirs, marked ones counted: current, the one before it, the newest failed, then the newest', () => {
    expect(releasesToRemove(['5', '1', '2', '3', '4'], 2, '5')).toEqual(['1', '2', '3']);
    const all = ['1', '2', '2.failed', '3', '4.failed', '4.failed-1', '5', '0.rolled-back'];
    expect(releasesToRemove(all, 3, '5')).toEqual(['0.rolled-back', '1', '2', '2.failed', '4.failed']);
    // After a rollback to 3: 3, 2 before it, the newest failed; 5 (newer, good) only when there is room.
    expect(releasesToRemove(['1', '2', '3', '4.failed', '5.rolled-back'], 3, '3')).toEqual(['1', '5.rolled-back']);
    expect(releasesToRemove(['1', '2', '3', '4.failed', '5.rolled-back'], 5, '3')).toEqual([]);
    expect(['2.failed', '4.failed-1', '0.rolled-back', '5', '5failed'].map(isMarked)).toEqual([true, true, true, false, false]);
  });

  it('checks exactly the restart command with sudo -n -l', () => {
    expect(sudoCheckWords('sudo -n systemctl restart app')).toEqual(['sudo', '-n', '-l', 'systemctl', 'restart', 'app']);
    expect(sudoCheckWords('docker restart app')).toBeUndefined();
  });

  it.each([
    ['sudo -u app systemctl restart web', ['-u', 'app', 'systemctl', 'restart', 'web']],
    ['sudo -n -E -H -u app -g www /srv/restart.sh now', ['-u', 'app', '-g', 'www', '/srv/restart.sh', 'now']],
    ['sudo -nuapp cmd', ['-u', 'app', 'cmd']],
    ['sudo --user=app --preserve-env cmd', ['-u', 'app', 'cmd']],
    ['sudo --group www -- -weird-cmd x', ['-g', 'www', '-weird-cmd', 'x']],
    ['sudo -n -- cmd -u x', ['cmd', '-u', 'x']],
    ['sudo -n RAILS_ENV=production systemctl restart app', ['systemctl', 'restart', 'app']],
  ])('parses sudo options in %s: the rule is checked for the command (as that user)', (command, rest) => {
    expect(sudoCheckWords(command)).toEqual(['sudo', '-n', '-l', ...rest]);
  });
});

describe('fleet batches', () => {
  it.each([
    [0, [[1, 2, 3]]],
    [1, [[1], [2], [3]]],
    [2, [[1, 2], [3]]],
    [5, [[1, 2, 3]]],
  ])('batch-size %i', (size, expected) => expect(batches([1, 2, 3], size)).toEqual(expected));
});

describe('deploy log', () => {
  it('writes one tab-separated line per deploy, flattening tabs and newlines', () => {
    expect(formatDeployLogLine({ time: 't', action: 'deploy', strategy: 'compose', version: '2\n1', previous: '', result: 'deployed', actor: 'me@box' }))
      .toBe('t\tdeploy\tcompose\tversion=2 1\tprevious=-\tresult=deployed\tby=me@box');
  });
});
