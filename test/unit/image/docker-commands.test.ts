import { buildCommand, loginCommand, type BuildPlan } from '../../../src/image/docker-commands.js';

const plan: BuildPlan = {
  references: ['r/app:sha-1', 'r/app:main'],
  platforms: ['linux/amd64'],
  dockerfile: '/src/Dockerfile',
  context: '/src',
  labels: { 'org.opencontainers.image.revision': 'abc' },
  buildArgs: { NODE_ENV: 'production' },
  secretFiles: {},
  iidFile: '/tmp/iid',
};

describe('buildCommand', () => {
  it('builds with the classic builder when there is no buildx, forcing BuildKit off', () => {
    expect(buildCommand(plan, { kind: 'classic', docker: 'docker', canExportCache: false })).toEqual({
      file: 'docker',
      args: ['build', '--platform', 'linux/amd64', '--file', '/src/Dockerfile', '--iidfile', '/tmp/iid',
        '--tag', 'r/app:sha-1', '--tag', 'r/app:main', '--label', 'org.opencontainers.image.revision=abc',
        '--build-arg', 'NODE_ENV=production', '/src'],
      env: { DOCKER_BUILDKIT: '0' },
    });
  });

  it('passes build secrets as files to BuildKit, never their values', () => {
    const command = buildCommand({ ...plan, secretFiles: { npm_token: '/tmp/x/secret-npm_token' } }, { kind: 'buildkit', docker: '/usr/bin/docker', canExportCache: false });
    expect(command.file).toBe('/usr/bin/docker');
    expect(command.env).toEqual({ DOCKER_BUILDKIT: '1' });
    expect(command.args).toContain('id=npm_token,src=/tmp/x/secret-npm_token');
  });

  it('uses a local layer cache with buildx on a container driver', () => {
    const command = buildCommand({ ...plan, cacheDir: { from: '/c/old', to: '/c/new' } }, { kind: 'buildx', docker: 'docker', canExportCache: true });
    expect(command.args.slice(0, 3)).toEqual(['buildx', 'build', '--load']);
    expect(command.args).toEqual(expect.arrayContaining(['--cache-from', 'type=local,src=/c/old', '--cache-to', 'type=local,dest=/c/new,mode=max']));
  });

  it('reuses a loaded image as cache with the classic builder', () => {
    const command = buildCommand({ ...plan, cacheFrom: 'slipway-layer-cache/abc:latest' }, { kind: 'classic', docker: 'docker', canExportCache: false });
    expect(command.args).toEqual(expect.arrayContaining(['--cache-from', 'slipway-layer-cache/abc:latest']));
  });

  it('asks BuildKit builders for inline cache metadata so a saved image can serve as a cache; the classic builder needs none', () => {
    const inline = { ...plan, inlineCache: true };
    for (const builder of [{ kind: 'buildx', docker: 'docker', canExportCache: false }, { kind: 'buildkit', docker: '/usr/bin/docker', canExportCache: false }] as const) {
      expect(buildCommand(inline, builder).args).toEqual(expect.arrayContaining(['--build-arg', 'BUILDKIT_INLINE_CACHE=1']));
    }
    expect(buildCommand(inline, { kind: 'classic', docker: 'docker', canExportCache: false }).args).not.toContain('BUILDKIT_INLINE_CACHE=1');
  });
});

describe('loginCommand', () => {
  it('sends the password on stdin, never in argv', () => {
    const command = loginCommand('git.example.com', 'ci', 's3cr3t-token', '/tmp/cfg');
    expect(command.args).toEqual(['login', 'git.example.com', '--username', 'ci', '--password-stdin']);
    expect(command.args.join(' ')).not.toContain('s3cr3t-token');
    expect(command.stdin).toBe('s3cr3t-token');
    expect(command.env).toEqual({ DOCKER_CONFIG: '/tmp/cfg' });
  });
});
