import type { CommandSpec } from '../core/command.js';

/** Which builder this runner has; detected once, passed in as data so builders stay pure. */
export interface BuilderCapabilities {
  kind: 'buildx' | 'buildkit' | 'classic';
  /** The docker client to call (an older client carries BuildKit without the buildx plugin). */
  docker: string;
  /** buildx with a docker-container driver can export a local layer cache. */
  canExportCache: boolean;
}

export interface BuildPlan {
  references: string[];
  platforms: string[];
  dockerfile: string;
  context: string;
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  /** id → path of a 0600 file holding the value (never the value itself). */
  secretFiles: Record<string, string>;
  target?: string;
  network?: string;
  noCache?: boolean;
  iidFile: string;
  cacheFrom?: string;
  /** Write BuildKit's inline cache metadata into the image, so a saved copy can serve as --cache-from later. */
  inlineCache?: boolean;
  /** buildx local cache dirs. */
  cacheDir?: { from?: string; to: string };
}

const sorted = (record: Record<string, string>): Array<[string, string]> =>
  Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

export function buildCommand(plan: BuildPlan, builder: BuilderCapabilities): CommandSpec {
  const args = builder.kind === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  args.push('--platform', plan.platforms.join(','), '--file', plan.dockerfile, '--iidfile', plan.iidFile);
  for (const reference of plan.references) args.push('--tag', reference);
  for (const [key, value] of sorted(plan.labels)) args.push('--label', `${key}=${value}`);
  for (const [key, value] of sorted(plan.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [id, file] of sorted(plan.secretFiles)) args.push('--secret', `id=${id},src=${file}`);
  if (plan.target) args.push('--target', plan.target);
  if (plan.network) args.push('--network', plan.network);
  if (plan.noCache) args.push('--no-cache');
  if (builder.kind === 'buildx' && plan.cacheDir) {
    if (plan.cacheDir.from) args.push('--cache-from', `type=local,src=${plan.cacheDir.from}`);
    args.push('--cache-to', `type=local,dest=${plan.cacheDir.to},mode=max`);
  } else {
    if (plan.cacheFrom) args.push('--cache-from', plan.cacheFrom);
    // BuildKit reuses layers of a --cache-from image only if that image was built with inline cache metadata.
    if (plan.inlineCache && builder.kind !== 'classic') args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
  }
  args.push(plan.context);
  // The classic builder is forced off BuildKit; the BuildKit path forces it on.
  const env = builder.kind === 'classic' ? { DOCKER_BUILDKIT: '0' } : builder.kind === 'buildkit' ? { DOCKER_BUILDKIT: '1' } : undefined;
  return { file: builder.docker, args, env };
}

export const inspectImageCommand = (docker: string, reference: string): CommandSpec => ({
  file: docker,
  args: ['image', 'inspect', '--format', '{{json .}}', reference],
});

export const saveImageCommand = (docker: string, reference: string, tarball: string): CommandSpec => ({
  file: docker,
  args: ['image', 'save', '--output', tarball, reference],
});

export const loadImageCommand = (docker: string, tarball: string): CommandSpec => ({
  file: docker,
  args: ['image', 'load', '--quiet', '--input', tarball],
});

export const tagImageCommand = (docker: string, source: string, target: string): CommandSpec => ({
  file: docker,
  args: ['image', 'tag', source, target],
});

/** Password on stdin, never argv. */
export const loginCommand = (registry: string, username: string, password: string, dockerConfig: string): CommandSpec => ({
  file: 'docker',
  args: ['login', registry, '--username', username, '--password-stdin'],
  env: { DOCKER_CONFIG: dockerConfig },
  stdin: password,
});

export const logoutCommand = (registry: string, dockerConfig: string): CommandSpec => ({
  file: 'docker',
  args: ['logout', registry],
  env: { DOCKER_CONFIG: dockerConfig },
});

export const pushCommand = (reference: string, dockerConfig: string): CommandSpec => ({
  file: 'docker',
  args: ['push', reference],
  env: { DOCKER_CONFIG: dockerConfig },
});

export const pullCommand = (reference: string, platform: string, dockerConfig: string): CommandSpec => ({
  file: 'docker',
  args: ['pull', '--platform', platform, reference],
  env: { DOCKER_CONFIG: dockerConfig },
});
