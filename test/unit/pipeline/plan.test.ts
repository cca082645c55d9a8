import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { planPipeline, planSummary } from '../../../src/pipeline/plan.js';
import { parsePipelineSettings, smokeDerived } from '../../../src/pipeline/settings.js';
import { renderText } from '../../../src/core/summary.js';
import type { PlatformInfo } from '../../../src/core/platform.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const context = { env: {}, platform: { kind: 'local' } as PlatformInfo, workDir: process.cwd() };

/** The handful of lines the common case needs (seed 000: compose on a VPS). */
const common: Record<string, string> = {
  image: 'registry.example.com/team/app',
  context: 'examples/app',
  'build-args': 'APP_VERSION={version}',
  username: 'ci',
  password: 'registry-token',
  hosts: 'app1.example.com\napp2.example.com:2222',
  'private-key': KEY,
  'host-fingerprint': `SHA256:${'A'.repeat(43)}`,
  'app-dir': '/srv/app',
  service: 'web',
  url: 'https://app.example.com/api/health',
  version: '1.4.2',
};

const parse = (values: Record<string, string>, style: 'action' | 'cli' = 'action') => parsePipelineSettings(new Inputs(mapInputSource(values, style)), context);

describe('pipeline settings', () => {
  it('reads the common case into four parsed links that agree on one version', () => {
    const settings = parse(common);
    expect(settings.build?.buildArgs).toEqual({ APP_VERSION: '1.4.2' });
    expect(settings.push?.registry).toBe('registry.example.com');
    expect(settings.deploy.ssh.targets.map((t) => `${t.host}:${t.port}`)).toEqual(['app1.example.com:22', 'app2.example.com:2222']);
    expect(settings.deploy.version).toBe('1.4.2');
    expect(settings.smoke?.checks[0]).toMatchObject({ url: 'https://app.example.com/api/health', expectVersion: '1.4.2' });
    expect(settings.smokeFrom).toBe('inputs');
    expect(settings.rollbackOnFailure).toBe(true);
  });

  it('fails before building when a later link is misconfigured, naming the input as the user wrote it', () => {
    const { 'app-dir': _dropped, ...withoutAppDir } = common;
    expect(() => parse(withoutAppDir)).toThrow(/input 'app-dir': is required/);
    expect(() => parse({ ...common, 'smoke-timeout': 'soon' })).toThrow(/input 'smoke-timeout': is not a duration/);
    expect(() => parse({ ...common, timeout: 'soon' }, 'cli')).toThrow(/--timeout: is not a duration/);
    expect(() => parse({ ...common, 'deploy-image': 'not an image' })).toThrow(/input 'deploy-image': is not an image reference/);
  });

  it('smoke-tests deploy\'s health-url from inside the hosts when no url is given', () => {
    const { url: _url, ...values } = common;
    const settings = parse({ ...values, 'health-url': 'http://127.0.0.1:8080/api/health' });
    expect(settings.smokeFrom).toBe('health-url');
    expect(settings.smoke?.sshTargets).toHaveLength(2);
    expect(smokeDerived(settings, '2.0.0')).toEqual({
      url: 'http://127.0.0.1:8080/api/health', 'via-ssh': 'true', host: 'app1.example.com\napp2.example.com:2222', 'expect-version': '2.0.0',
    });
  });

  it('checks no version when told not to, or when the user names their own', () => {
    expect(smokeDerived(parse({ ...common, 'check-version': 'false' }), '2.0.0')).toEqual({});
    expect(parse({ ...common, 'expect-version': '9.9.9' }).smoke?.checks[0]?.expectVersion).toBe('9.9.9');
  });

  it('skips build and push for a rollback, a given image, or a release deploy without an image', () => {
    expect(parse({ ...common, mode: 'rollback' }).build).toBeUndefined();
    const given = parse({ ...common, 'deploy-image': 'registry.example.com/team/app:1.4.1' });
    expect(given.build).toBeUndefined();
    expect(given.deploy.strategy === 'compose' && given.deploy.compose.image).toBe('registry.example.com/team/app:1.4.1');
    const { image: _image, service: _service, ...release } = common;
    expect(parse({ ...release, strategy: 'release', artifact: 'dist/' }).build).toBeUndefined();
  });
});

describe('the dry-run plan', () => {
  it('lists the build and push commands, the commands per host and the checks, without secrets', () => {
    const plan = planPipeline(parse({ ...common, 'compose-project': 'app-{index}' }));
    expect(plan.version).toBe('1.4.2');
    const build = plan.steps.find((s) => s.step === 'build-image');
    expect(build?.commands[0]).toContain('--build-arg APP_VERSION=1.4.2');
    expect(build?.commands[0]).toContain('--tag registry.example.com/team/app:1.4.2');
    expect(plan.steps.find((s) => s.step === 'push-image')?.commands).toEqual([
      'docker login registry.example.com --username ci --password-stdin',
      'docker push registry.example.com/team/app:1.4.2',
    ]);
    expect(plan.hosts.map((h) => h.host)).toEqual(['deploy@app1.example.com:22', 'deploy@app2.example.com:2222']);
    expect(plan.hosts[1]?.commands).toContain(
      "docker compose --project-directory /srv/app -p app-2 -f /srv/app/docker-compose.yml -f /srv/app/.slipway/compose-app-2-web.override.json up -d --remove-orphans",
    );
    expect(plan.checks).toEqual(['GET https://app.example.com/api/health, expects version 1.4.2 at version']);
    expect(plan.onFailure).toMatch(/rolls back .* every host this run changed/);
    expect(renderText(planSummary(plan))).not.toContain('registry-token');
  });

  it('says where the version will come from when it is not given', () => {
    const { version: _version, ...values } = common;
    const plan = planPipeline(parse(values));
    expect(plan.version).toBe('<version from git>');
    expect(plan.steps.find((s) => s.step === 'build-image')?.commands[0]).toContain('APP_VERSION=<version>');
  });
});
