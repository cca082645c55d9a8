import fs from 'node:fs';
import type { Inputs } from '../core/config/inputs.js';
import type { CloudronManifest } from './api.js';

/**
 * CloudronManifest.json: Cloudron refuses an update unless its `version`
 * increases, and the seed's rule is that the version equals the image tag, so
 * manifest and image move in lockstep. Read and checked before any call.
 */
export function readManifest(inputs: Inputs, name: string, workDir: string): { manifest: CloudronManifest; path: string } {
  const file = inputs.localPath(name, workDir, { mustExist: 'file', fallback: 'CloudronManifest.json' });
  if (file === undefined) return inputs.fail(name, 'is required', 'Point it at the app\'s CloudronManifest.json.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return inputs.fail(name, `is not valid JSON (${error instanceof SyntaxError ? 'syntax error' : (error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      'Fix CloudronManifest.json: Cloudron reads it as JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return inputs.fail(name, 'does not hold a JSON object',
    'A CloudronManifest.json is one object with id, version, httpPort, ….');
  const manifest = parsed as CloudronManifest;
  if (typeof manifest.version !== 'string' || parseVersion(manifest.version) === undefined) {
    return inputs.fail(name, `has no semantic version in "version" (found ${JSON.stringify(manifest.version ?? null).slice(0, 40)})`,
      'Set "version" to e.g. "0.1.1": Cloudron compares versions to accept an update.');
  }
  if (manifest.healthCheckPath !== undefined && (typeof manifest.healthCheckPath !== 'string' || !manifest.healthCheckPath.startsWith('/'))) {
    return inputs.fail(name, 'has a "healthCheckPath" that is not a path starting with /', 'e.g. "healthCheckPath": "/api/health".');
  }
  return { manifest, path: file };
}

interface ParsedVersion { core: number[]; prerelease: string[] }

/** `1.2.3`, `1.2.3-rc.1`, a leading `v` allowed; build metadata ignored. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const match = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) return undefined;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] ? match[4].split('.') : [] };
}

/** Semver precedence: negative when a < b. Unparseable versions compare as equal (the caller checks first). */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return 0;
  for (let index = 0; index < 3; index += 1) {
    const difference = (left.core[index] ?? 0) - (right.core[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  // A pre-release sorts before its release.
  if (left.prerelease.length === 0 || right.prerelease.length === 0) return Math.sign(right.prerelease.length - left.prerelease.length);
  for (let index = 0; index < Math.max(left.prerelease.length, right.prerelease.length); index += 1) {
    const x = left.prerelease[index];
    const y = right.prerelease[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Math.sign(Number(x) - Number(y));
    if (/^\d+$/.test(x)) return -1;
    if (/^\d+$/.test(y)) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The release version a Cloudron deploy ships: the manifest's (the pipeline tags the image with it when no version is given). */
export function manifestVersion(inputs: Inputs, workDir: string): string {
  return readManifest(inputs, 'cloudron-manifest', workDir).manifest.version;
}
