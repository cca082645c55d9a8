import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Slipway's own package directory: found by walking up from this file (src/cli/commands/
 * in a clone, dist/cli/ in the bundle and the installed package) to the package.json
 * named slipway. Walking keeps the bundler from copying package.json as an asset.
 */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'slipway') return dir;
    } catch { /* not here: keep walking */ }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return 'unknown';
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
}

/** A file the package ships (schema/, workflows/), by its path inside the package. */
export function packageFile(relative: string): string {
  const root = packageRoot();
  const file = root ? path.join(root, relative) : '';
  if (!root || !fs.existsSync(file)) throw new Error(`${relative} is missing from the Slipway package (looked in ${root ?? 'no package directory'}); reinstall Slipway`);
  return file;
}
