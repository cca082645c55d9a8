import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FlowContext, FlowDefinition } from '../core/context.js';
import { Summary } from '../core/summary.js';
import { parseBuildSettings, DEPENDENCY_FILES, type BuildSettings } from './build-settings.js';
import { detectBuilder } from './builder-detect.js';
import {
  buildCommand, inspectImageCommand, loadImageCommand, saveImageCommand, tagImageCommand, type BuilderCapabilities,
} from './docker-commands.js';
import { readGitFacts } from './git-facts.js';
import { cacheImageName, layerCacheAvailable, layerCacheKeys, layerCacheTransport } from './layer-cache.js';
import { computeTags, imageReferences, versionOf } from './tags.js';
import { recordLeftover } from '../core/leftovers.js';

export interface BuildResult {
  imageId: string;
  /** Full references: `registry/app:tag`. */
  tags: string[];
  version?: string;
  sizeBytes: number;
  durationMs: number;
  builder: BuilderCapabilities['kind'];
  platforms: string[];
  /** hit: layers of the same dependency state were restored; miss: built from scratch and saved. */
  cache: 'hit' | 'miss' | 'off';
}

export async function buildImage(settings: BuildSettings, context: FlowContext): Promise<BuildResult> {
  const { runner, log } = context;
  const started = Date.now();
  // Independent probes (docker's, git's): side by side, they cost one round of process starts.
  const [builder, git] = await Promise.all([
    detectBuilder(runner, log, Object.keys(settings.buildSecrets).length > 0),
    readGitFacts(runner, settings.context, context.env, log),
  ]);
  const tags = computeTags(git, { latest: settings.latest, extra: settings.extraTags });
  if (tags.length === 0) tags.push('latest');
  const version = settings.version ?? versionOf(git);
  const references = imageReferences(settings.image, tags, settings.extraReferences);
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': git.commitTime ?? new Date().toISOString(),
    ...(git.sha ? { 'org.opencontainers.image.revision': git.sha } : {}),
    ...(version ? { 'org.opencontainers.image.version': version } : {}),
    ...(sourceUrl(context) ? { 'org.opencontainers.image.source': sourceUrl(context) as string } : {}),
    ...settings.labels,
  };

  const scratch = fs.mkdtempSync(path.join(context.env.RUNNER_TEMP ?? os.tmpdir(), 'slipway-build-'));
  fs.chmodSync(scratch, 0o700);
  // Holds the build secrets as files: if the run is killed, the post step removes it (docs/cancel.md).
  const settleScratch = recordLeftover({ kind: 'dir', path: scratch, what: 'build scratch (build secrets)' });
  try {
    const secretFiles: Record<string, string> = {};
    for (const [id, value] of Object.entries(settings.buildSecrets)) {
      const file = path.join(scratch, `secret-${id}`);
      fs.writeFileSync(file, value, { mode: 0o600 });
      secretFiles[id] = file;
    }

    let useCache = (settings.layerCache === 'on' || (settings.layerCache === 'auto' && context.platform.kind !== 'local')) && !settings.noCache;
    if (useCache && !(await layerCacheAvailable(context.cache))) {
      log.info(`Layer cache: this runner offers no cache service (${context.cache.description}), so the build runs without one and nothing is saved`);
      useCache = false;
    }
    const transport = layerCacheTransport(builder);
    const keys = layerCacheKeys({
      repository: settings.image,
      platforms: settings.platforms,
      dockerfile: settings.dockerfile,
      context: settings.context,
      keyFiles: settings.cacheKeyFiles.length ? settings.cacheKeyFiles : DEPENDENCY_FILES,
      unique: git.sha ? `${git.sha.slice(0, 12)}-${Date.now()}` : String(Date.now()),
    });
    // A stable path: @actions/cache versions entries by their paths, so a random one would never hit.
    const cacheDir = path.join(context.env.RUNNER_TEMP ?? os.tmpdir(), 'slipway-layer-cache', cacheImageName(settings.image).split(/[/:]/)[1] ?? 'default');
    const tarball = path.join(cacheDir, 'image.tar');
    let cache: BuildResult['cache'] = 'off';
    let cacheFrom: string | undefined;
    if (useCache) {
      if (builder.kind === 'buildx' && transport === 'image-tarball') {
        log.info("Layer cache: buildx's docker driver cannot export a cache directory, so the layers are kept as a saved image (docker save/load with inline cache metadata)");
      }
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.mkdirSync(cacheDir, { recursive: true });
      const hit = await log.group('Restore layer cache', () => context.cache.restore([cacheDir], keys.key, [keys.prefix]));
      cache = hit ? 'hit' : 'miss';
      log.info(hit ? `Layer cache restored from ${hit} (${context.cache.description}; keyed on ${keys.hashedFiles.join(', ')})` : `Layer cache: no entry for ${keys.prefix}* (dependencies changed or first build)`);
      if (hit && transport === 'image-tarball' && fs.existsSync(tarball)) {
        await runner.run(loadImageCommand(builder.docker, tarball), { timeoutMs: 600_000 });
        cacheFrom = cacheImageName(settings.image);
      }
    }

    const iidFile = path.join(scratch, 'iid');
    const exportedCache = path.join(scratch, 'layer-cache-new');
    const command = buildCommand({
      references, platforms: settings.platforms, dockerfile: settings.dockerfile, context: settings.context,
      labels, buildArgs: settings.buildArgs, secretFiles, target: settings.target, network: settings.network, noCache: settings.noCache, iidFile,
      cacheFrom,
      inlineCache: useCache && transport === 'image-tarball',
      cacheDir: useCache && transport === 'cache-dir'
        ? { from: fs.existsSync(path.join(cacheDir, 'index.json')) ? cacheDir : undefined, to: exportedCache }
        : undefined,
    }, builder);
    await log.group(`Build ${references[0]} for ${settings.platforms.join(', ')} (${builder.kind} builder)`, () =>
      runner.run(command, {
        stream: true,
        timeoutMs: 3_600_000,
        hint: () => 'The build output above shows the failing step',
      }),
    );
    const imageId = fs.readFileSync(iidFile, 'utf8').trim();
    const inspect = await runner.run(inspectImageCommand(builder.docker, imageId));
    const details = JSON.parse(inspect.stdout) as { Size?: number };

    // One entry per dependency state: after a hit the dependency layers are already cached.
    if (cache === 'miss') {
      await log.group('Save layer cache', async () => {
        fs.rmSync(cacheDir, { recursive: true, force: true });
        fs.mkdirSync(cacheDir, { recursive: true });
        if (transport === 'cache-dir') {
          if (!fs.existsSync(exportedCache)) {
            log.warn(`Layer cache not saved: the builder exported nothing to ${exportedCache}`);
            return;
          }
          fs.cpSync(exportedCache, cacheDir, { recursive: true });
        } else {
          await runner.run(tagImageCommand(builder.docker, imageId, cacheImageName(settings.image)));
          await runner.run(saveImageCommand(builder.docker, cacheImageName(settings.image), tarball), { timeoutMs: 600_000 });
        }
        await context.cache.save([cacheDir], keys.key);
      });
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }

    return {
      imageId,
      tags: references,
      version,
      sizeBytes: details.Size ?? 0,
      durationMs: Date.now() - started,
      builder: builder.kind,
      platforms: settings.platforms,
      cache,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    settleScratch();
  }
}

function sourceUrl(context: FlowContext): string | undefined {
  const { serverUrl, repository } = context.platform;
  return serverUrl && repository ? `${serverUrl}/${repository}` : undefined;
}

export const buildImageFlow: FlowDefinition<BuildSettings, BuildResult> = {
  command: 'build',
  action: 'build-image',
  describe: 'Build the linux/amd64 image from a Dockerfile, tagged from git, with a layer cache',
  parse: (inputs, context) => parseBuildSettings(inputs, context.workDir),
  run: buildImage,
  outputs: (result) => ({
    'image-id': result.imageId,
    tags: result.tags.join('\n'),
    'primary-tag': result.tags[0] ?? '',
    version: result.version ?? '',
    size: String(result.sizeBytes),
    'duration-ms': String(result.durationMs),
    cache: result.cache,
  }),
  summary: (result) =>
    new Summary()
      .heading('Image built')
      .table(['image', 'platform', 'size', 'time', 'builder', 'layer cache'], [[
        result.tags[0] ?? result.imageId, result.platforms.join(', '), formatBytes(result.sizeBytes),
        `${(result.durationMs / 1000).toFixed(1)} s`, result.builder, result.cache,
      ]])
      .list(result.tags.map((tag) => `\`${tag}\``)),
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toFixed(1)} ${units[unit]}`;
}
