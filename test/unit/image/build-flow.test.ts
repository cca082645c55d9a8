import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCache } from '../../../src/core/local-cache.js';
import type { CommandSpec } from '../../../src/core/command.js';
import type { FlowContext } from '../../../src/core/context.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import type { BuildSettings } from '../../../src/image/build-settings.js';
import { buildImage } from '../../../src/image/build-flow.js';
import { cacheImageName } from '../../../src/image/layer-cache.js';

const temp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `slipway-unit-${prefix}-`));
const argAfter = (spec: CommandSpec, flag: string): string => spec.args[spec.args.indexOf(flag) + 1] ?? '';

const IMAGE_ID = `sha256:${'a'.repeat(64)}`;

/** A runner shaped like a default GitHub-hosted runner: buildx present, on the plain `docker` driver. */
function githubRunner(driver: string): RecordingRunner {
  return new RecordingRunner()
    .on('docker version --format', { stdout: '27.5.1\n' })
    .on('docker buildx inspect', { stdout: `Name:   default\nDriver: ${driver}\n` })
    .on((spec) => spec.file === 'git', { exitCode: 128, stderr: 'not a git repository' })
    .on('buildx build', {
      effect: (spec) => {
        fs.writeFileSync(argAfter(spec, '--iidfile'), IMAGE_ID);
        // A container driver exports its cache where --cache-to points.
        const cacheTo = spec.args.find((arg) => arg.startsWith('type=local,dest='));
        if (cacheTo) {
          const dest = /dest=([^,]+)/.exec(cacheTo)?.[1] ?? '';
          fs.mkdirSync(dest, { recursive: true });
          fs.writeFileSync(path.join(dest, 'index.json'), '{}');
        }
      },
    })
    .on('image inspect', { stdout: '{"Size": 7340032}' })
    .on('image save', { effect: (spec) => fs.writeFileSync(argAfter(spec, '--output'), 'layers') });
}

describe('buildImage keeps the layer cache on a GitHub-hosted runner (CI: layer cache on by default)', () => {
  let settings: BuildSettings;
  let cache: LocalCache;
  let runnerTemp: string;

  beforeEach(() => {
    const context = temp('context');
    fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\n');
    settings = {
      image: 'r.example.com/team/app', context, dockerfile: path.join(context, 'Dockerfile'), platforms: ['linux/amd64'],
      extraTags: [], extraReferences: [], latest: 'auto', buildArgs: {}, buildSecrets: {}, labels: {}, layerCache: 'auto', noCache: false, cacheKeyFiles: [],
    };
    cache = new LocalCache(temp('cache'));
    runnerTemp = temp('runner-temp');
  });

  const contextFor = (runner: RecordingRunner, log: MemoryLogger): FlowContext => ({
    runner, log, cache, env: { RUNNER_TEMP: runnerTemp }, workDir: settings.context,
    platform: { kind: 'github', supportsSummary: true, supportsAnnotations: true },
  });
  const buildLine = (runner: RecordingRunner): CommandSpec => {
    const build = runner.calls.find((spec) => spec.args[0] === 'buildx' && spec.args[1] === 'build');
    if (!build) throw new Error('no buildx build was run');
    return build;
  };

  it('buildx with the docker driver: a miss saves the image with inline cache metadata, a hit loads it as --cache-from', async () => {
    const firstRunner = githubRunner('docker');
    const firstLog = new MemoryLogger();
    const first = await buildImage(settings, contextFor(firstRunner, firstLog));
    expect(first).toMatchObject({ builder: 'buildx', cache: 'miss', imageId: IMAGE_ID });
    expect(firstLog.text()).toContain("buildx's docker driver cannot export a cache directory");
    const firstBuild = buildLine(firstRunner);
    expect(firstBuild.args).not.toContain('--cache-to');
    expect(firstBuild.args).toEqual(expect.arrayContaining(['--build-arg', 'BUILDKIT_INLINE_CACHE=1']));
    expect(firstRunner.lines()).toEqual(expect.arrayContaining([
      `docker image tag ${IMAGE_ID} ${cacheImageName(settings.image)}`,
      expect.stringMatching(new RegExp(`^docker image save --output \\S+/image\\.tar ${cacheImageName(settings.image)}$`)),
    ]));

    // The next run on a fresh runner restores the saved image and builds from it.
    const secondRunner = githubRunner('docker');
    const second = await buildImage(settings, contextFor(secondRunner, new MemoryLogger()));
    expect(second.cache).toBe('hit');
    expect(secondRunner.lines()).toEqual(expect.arrayContaining([expect.stringMatching(/^docker image load --quiet --input \S+\/image\.tar$/)]));
    const secondBuild = buildLine(secondRunner);
    expect(secondBuild.args).toEqual(expect.arrayContaining(['--cache-from', cacheImageName(settings.image), '--build-arg', 'BUILDKIT_INLINE_CACHE=1']));
    expect(secondBuild.args).not.toContain('--cache-to');
    // One entry per dependency state: a hit saves nothing.
    expect(secondRunner.lines().some((line) => line.includes('image save'))).toBe(false);
  });

  it('buildx with a container driver: the exported cache directory is saved, then restored as --cache-from type=local', async () => {
    const firstRunner = githubRunner('docker-container');
    expect((await buildImage(settings, contextFor(firstRunner, new MemoryLogger()))).cache).toBe('miss');
    expect(buildLine(firstRunner).args).toEqual(expect.arrayContaining(['--cache-to', expect.stringMatching(/^type=local,dest=\S+layer-cache-new,mode=max$/)]));
    expect(firstRunner.lines().some((line) => line.includes('image save'))).toBe(false);

    const secondRunner = githubRunner('docker-container');
    expect((await buildImage(settings, contextFor(secondRunner, new MemoryLogger()))).cache).toBe('hit');
    expect(buildLine(secondRunner).args).toEqual(expect.arrayContaining(['--cache-from', expect.stringMatching(/^type=local,src=\S+slipway-layer-cache\/[a-f0-9]+$/)]));
  });

  it('layer-cache off: no restore, no save, no cache flags', async () => {
    const runner = githubRunner('docker');
    const result = await buildImage({ ...settings, layerCache: 'off' }, contextFor(runner, new MemoryLogger()));
    expect(result.cache).toBe('off');
    expect(buildLine(runner).args.filter((arg) => /cache|BUILDKIT_INLINE/.test(arg))).toEqual([]);
  });
});
