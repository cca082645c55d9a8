import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CacheStore } from '../core/cache.js';
import type { BuilderCapabilities } from './docker-commands.js';

/**
 * Asked before anything is built or saved: without a cache service (a runner that offers none)
 * a layer cache would only cost a `docker save` of the whole image and a leftover tag.
 */
export async function layerCacheAvailable(store: CacheStore): Promise<boolean> {
  return store.available ? store.available() : true;
}

/**
 * Cache keys for the layer cache. The prefix hashes the Dockerfile and the
 * dependency manifests: a dependency change misses, a code change restores the
 * previous layers (same prefix) and rebuilds only what follows the dependency step.
 */
export function layerCacheKeys(args: {
  repository: string;
  platforms: string[];
  dockerfile: string;
  context: string;
  keyFiles: string[];
  unique: string;
}): { prefix: string; key: string; hashedFiles: string[] } {
  const hash = crypto.createHash('sha256');
  hash.update(args.repository).update('\0').update(args.platforms.join(',')).update('\0');
  const hashedFiles: string[] = [];
  for (const file of [args.dockerfile, ...args.keyFiles.map((name) => path.resolve(args.context, name))]) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
    hash.update(path.relative(args.context, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    hashedFiles.push(path.relative(args.context, file));
  }
  const prefix = `slipway-layers-${args.platforms.join('+').replace(/\//g, '-')}-${hash.digest('hex').slice(0, 16)}-`;
  return { prefix, key: `${prefix}${args.unique}`, hashedFiles };
}

/** The local name a cached image is saved and loaded under. */
export function cacheImageName(repository: string): string {
  return `slipway-layer-cache/${crypto.createHash('sha256').update(repository).digest('hex').slice(0, 12)}:latest`;
}

/**
 * How layers travel through the cache. Only buildx on a container driver can
 * export a BuildKit cache directory; every other builder (the classic one, an
 * old BuildKit client, buildx on the plain `docker` driver GitHub's runners
 * have) keeps the built image itself: `docker save` after a miss, `docker load`
 * plus `--cache-from` on a hit.
 */
export type LayerCacheTransport = 'cache-dir' | 'image-tarball';

export function layerCacheTransport(builder: BuilderCapabilities): LayerCacheTransport {
  return builder.kind === 'buildx' && builder.canExportCache ? 'cache-dir' : 'image-tarball';
}
