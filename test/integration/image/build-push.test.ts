import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalCache } from '../../../src/core/local-cache.js';
import type { CommandSpec } from '../../../src/core/command.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner, type RunOptions, type RunResult, type Runner } from '../../../src/core/runner/process-runner.js';
import { buildImageFlow } from '../../../src/image/build-flow.js';
import { pushImageFlow } from '../../../src/image/push-flow.js';
import { cacheImageName } from '../../../src/image/layer-cache.js';
import { loadSandbox } from '../../support/sandbox.js';
import { commitAll, docker, exampleAppRepo, removeImages, runFlowForTest, tempCache, tempDir } from '../../support/flow-harness.js';

const sandbox = loadSandbox();

/** The real runner, noting which registries hold an auth entry in the private DOCKER_CONFIG after each login and logout. */
class AuthWatchingRunner implements Runner {
  readonly seen: Array<{ command: string; config: string; registries: string[] }> = [];
  constructor(private readonly inner: Runner) {}
  async run(spec: CommandSpec, options?: RunOptions): Promise<RunResult> {
    const result = await this.inner.run(spec, options);
    const config = spec.env?.DOCKER_CONFIG;
    if (config && (spec.args[0] === 'login' || spec.args[0] === 'logout')) {
      const file = path.join(config, 'config.json');
      const auths = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { auths?: Record<string, unknown> }).auths ?? {} : {};
      this.seen.push({ command: spec.args[0], config, registries: Object.keys(auths) });
    }
    return result;
  }
}
const anonymous = sandbox.registries.anonymous.address;
const auth = sandbox.registries.auth;
const run = Date.now().toString(36);

describe('build-image and push-image on a real engine and registries', () => {
  const built: string[] = [];
  afterAll(() => removeImages([...built, cacheImageName(`${anonymous}/it/cache-${run}`)]));

  it('builds linux/amd64 with tags from git and OCI labels', async () => {
    const repo = exampleAppRepo();
    const { outputs, result } = await runFlowForTest(buildImageFlow, {
      image: `${anonymous}/it/app-${run}`, context: repo, tags: 'extra', 'build-args': 'APP_VERSION=1.0.0', version: '1.0.0',
    });
    built.push(...result.tags);
    const sha = fs.readFileSync(path.join(repo, '.git/refs/heads/main'), 'utf8').trim();
    expect(result.tags).toEqual([
      `${anonymous}/it/app-${run}:sha-${sha.slice(0, 7)}`, `${anonymous}/it/app-${run}:sha-${sha}`,
      `${anonymous}/it/app-${run}:main`, `${anonymous}/it/app-${run}:latest`, `${anonymous}/it/app-${run}:extra`,
    ]);
    const inspected = JSON.parse(docker('image', 'inspect', result.imageId))[0];
    expect(`${inspected.Os}/${inspected.Architecture}`).toBe('linux/amd64');
    expect(inspected.Config.Labels).toMatchObject({ 'org.opencontainers.image.revision': sha, 'org.opencontainers.image.version': '1.0.0' });
    expect(Number(outputs.size)).toBeGreaterThan(1_000_000);
    expect(result.builder).toBe('classic');
  });

  it('pushes to the anonymous registry, returns the digest and verifies an anonymous pull', async () => {
    const tags = built.filter((tag) => tag.endsWith(':extra') || tag.endsWith(':main'));
    const { result, outputs } = await runFlowForTest(pushImageFlow, { tags: tags.join('\n'), 'verify-anonymous-pull': 'true' });
    expect(result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(outputs['image-ref']).toBe(`${anonymous}/it/app-${run}@${result.digest}`);
    expect(result.verified).toEqual(['without credentials: linux/amd64', 'anonymously: linux/amd64']);
    const manifest = await fetch(`http://${anonymous}/v2/it/app-${run}/manifests/extra`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(manifest.headers.get('docker-content-digest')).toBe(result.digest);
  });

  it('pushes to the htpasswd registry with the password on stdin, uploads nothing the second time, and logs out', async () => {
    // A layer no registry has seen yet, so the first push must upload it.
    const reference = `${auth.address}/it/app-${run}:auth`;
    const dir = tempDir('unique');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${built[0]}\nRUN echo ${run} > /unique\n`);
    docker('build', '--network', 'host', '--quiet', '--tag', reference, dir);
    built.push(reference);
    // The runner's own Docker config, dedicated to this test: a push must leave it as it was.
    const runnerConfig = tempDir('runner-docker-config');
    fs.writeFileSync(path.join(runnerConfig, 'config.json'), '{"auths":{}}\n');
    const savedConfig = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = runnerConfig;
    try {
      const log = new MemoryLogger();
      const watching = new AuthWatchingRunner(new ProcessRunner(log));
      const first = await runFlowForTest(pushImageFlow, { tags: reference, username: auth.username, password: auth.password }, { log, runner: watching });
      expect(first.result.layersUploaded).toBeGreaterThan(0);
      const second = await runFlowForTest(pushImageFlow, { tags: reference, username: auth.username, password: auth.password });
      expect(second.result.layersUploaded).toBe(0);
      expect(second.result.digest).toBe(first.result.digest);
      for (const text of [first.log.text(), second.log.text(), JSON.stringify(first.outputs)]) expect(text).not.toContain(auth.password);
      // The login wrote an auth entry into the push's private config, the logout removed it, and the config is gone.
      expect(watching.seen).toEqual([
        { command: 'login', config: expect.any(String), registries: [auth.address] },
        { command: 'logout', config: watching.seen[0]?.config, registries: [] },
      ]);
      expect(watching.seen[0]?.config).not.toBe(runnerConfig);
      expect(fs.existsSync(watching.seen[0]?.config ?? '')).toBe(false);
      expect(JSON.parse(fs.readFileSync(path.join(runnerConfig, 'config.json'), 'utf8'))).toEqual({ auths: {} });
    } finally {
      if (savedConfig === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = savedConfig;
    }
  });

  it('says a private package does not pull anonymously, naming the fix', async () => {
    const reference = `${auth.address}/it/app-${run}:auth`;
    await expect(runFlowForTest(pushImageFlow, {
      tags: reference, username: auth.username, password: auth.password, 'verify-anonymous-pull': 'true',
    })).rejects.toThrow(/anonymously answered HTTP 401.*Make the package public/s);
  });

  it('restores the layer cache on a later build after a code-only change, and misses after a dependency change', async () => {
    const repo = exampleAppRepo();
    const cache = tempCache();
    const image = `${anonymous}/it/cache-${run}`;
    const first = await runFlowForTest(buildImageFlow, { image, context: repo, 'layer-cache': 'on' }, { cache });
    expect(first.result.cache).toBe('miss');
    // A fresh runner: the engine has neither the image nor its intermediate layers.
    removeImages([...first.result.tags, cacheImageName(image)]);

    fs.writeFileSync(path.join(repo, 'www/index.html'), '<h1>changed code</h1>');
    commitAll(repo, 'code change');
    const second = await runFlowForTest(buildImageFlow, { image, context: repo, 'layer-cache': 'on' }, { cache });
    expect(second.result.cache).toBe('hit');
    // The dependency step came from the restored layers, not from a rebuild.
    expect(second.log.text()).toMatch(/RUN mkdir -p \/app\/vendor[\s\S]*?Using cache/);
    removeImages([...second.result.tags, cacheImageName(image)]);

    fs.appendFileSync(path.join(repo, 'deps.txt'), 'dependency-new@2.0.0\n');
    commitAll(repo, 'dependency change');
    const third = await runFlowForTest(buildImageFlow, { image, context: repo, 'layer-cache': 'on' }, { cache });
    expect(third.result.cache).toBe('miss');
    built.push(...third.result.tags);
  });

  it('keeps the layer cache for BuildKit as a saved image with inline cache metadata (the way buildx on the docker driver keeps it)', async () => {
    // Build secrets force BuildKit here (this engine has no buildx plugin): the same engine-side
    // BuildKit that buildx's docker driver drives, and the same save/load cache path.
    const repo = exampleAppRepo();
    const cacheRoot = tempDir('bk-cache');
    const cache = new LocalCache(cacheRoot);
    const image = `${anonymous}/it/bk-cache-${run}`;
    const values = { image, context: repo, 'layer-cache': 'on', network: 'host', 'build-secrets': `unused=bk-${run}-value` };
    const first = await runFlowForTest(buildImageFlow, values, { cache });
    expect(first.result).toMatchObject({ builder: 'buildkit', cache: 'miss' });
    // Without inline metadata in the saved image, BuildKit cannot use it as --cache-from on the next runner.
    const tarball = execFileSync('find', [cacheRoot, '-name', 'image.tar'], { encoding: 'utf8' }).trim();
    const [manifest] = JSON.parse(execFileSync('tar', ['-xOf', tarball, 'manifest.json'], { encoding: 'utf8' })) as Array<{ Config: string }>;
    const config = JSON.parse(execFileSync('tar', ['-xOf', tarball, manifest.Config], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, unknown>;
    expect(typeof config['moby.buildkit.cache.v0']).toBe('string');
    removeImages([...first.result.tags, cacheImageName(image)]);

    fs.writeFileSync(path.join(repo, 'www/index.html'), '<h1>changed code</h1>');
    commitAll(repo, 'code change');
    const second = await runFlowForTest(buildImageFlow, values, { cache });
    expect(second.result.cache).toBe('hit');
    expect(second.log.text()).toContain(`importing cache manifest from ${cacheImageName(image)}`);
    expect(second.log.text()).toMatch(/#(\d+) \[\d+\/\d+\] RUN mkdir -p \/app\/vendor[\s\S]*?#\1 CACHED/);
    removeImages([...second.result.tags, cacheImageName(image)]);
  });

  it('passes build secrets to BuildKit: the RUN step sees it, no layer or log keeps it', async () => {
    const repo = exampleAppRepo();
    const secret = `bs-${run}-${Math.random().toString(36).slice(2)}-value`;
    fs.writeFileSync(path.join(repo, 'Dockerfile.secret'), [
      `FROM ${sandbox.baseImage}`,
      'RUN --mount=type=secret,id=api_token test "$(cat /run/secrets/api_token | wc -c)" -gt 10 && echo secret-was-readable > /proof',
    ].join('\n'));
    const { result, log } = await runFlowForTest(buildImageFlow, {
      image: `${anonymous}/it/secret-${run}`, context: repo, dockerfile: 'Dockerfile.secret', 'build-secrets': `api_token=${secret}`, network: 'host',
    });
    built.push(...result.tags);
    expect(result.builder).toBe('buildkit');
    expect(docker('run', '--rm', '--network', 'host', result.imageId, 'cat', '/proof')).toBe('secret-was-readable');
    expect(docker('image', 'history', '--no-trunc', result.imageId)).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
  });
});

describe('bad input fails before anything runs, naming the input and the fix', () => {
  const repo = exampleAppRepo();
  it.each([
    [{ image: 'r.example.com/a', context: '/nonexistent' }, /input 'context': directory \/nonexistent does not exist\. Point it at/],
    [{ image: 'r.example.com/a', context: repo, dockerfile: 'Nope.Dockerfile' }, /--dockerfile: file .*Nope.Dockerfile does not exist/],
    [{ image: 'r.example.com/a', context: repo, tags: 'ok\nbad tag!' }, /--tags: has a tag a registry would refuse \(found 'bad tag!'\)/],
    [{ image: 'r.example.com/a', context: repo, platforms: 'linux/amd65' }, /--platforms: has an unknown platform \(found 'linux\/amd65'/],
    [{ image: 'r.example.com/a', context: repo, 'build-args': 'DB_PASSWORD=x' }, /looks like a secret.*build-secrets/],
    [{ image: 'R.example.com/A:tag', context: repo }, /--image: /],
  ])('%o', async (values, message) => {
    // The CLI names inputs as flags; the action edge names them input '…'.
    const messageFor = message.source.startsWith("input '") ? new RegExp(message.source.replace("input 'context'", '--context')) : message;
    await expect(runFlowForTest(buildImageFlow, values)).rejects.toThrow(messageFor);
  });

  it('a wrong registry password names the registry and user, never the password', async () => {
    const wrong = `wrong-${run}-password`;
    const promise = runFlowForTest(pushImageFlow, { tags: `${auth.address}/it/x:1`, username: auth.username, password: wrong });
    await expect(promise).rejects.toThrow(new RegExp(`Registry ${auth.address.replace(/\./g, '\\.')} refused user 'slipway'.*personal access token`));
    await promise.catch((error: Error) => expect(error.message).not.toContain(wrong));
  });

  it('a registry that is down is retried, then reported clearly', async () => {
    await expect(runFlowForTest(pushImageFlow, { tags: '127.0.0.1:5999/it/x:1', retries: '1' }))
      .rejects.toThrow(/Registry 127\.0\.0\.1:5999 is not answering \(connection refused\) after 2 attempt/);
  });

  it('a Docker daemon that is not running is reported with how to start one', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    try {
      await expect(runFlowForTest(buildImageFlow, { image: 'r.example.com/a', context: repo }))
        .rejects.toThrow(/Docker daemon is not answering.*Start it/s);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST; else process.env.DOCKER_HOST = saved;
    }
  });
});
