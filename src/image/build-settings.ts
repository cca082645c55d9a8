import fs from 'node:fs';
import path from 'node:path';
import type { Inputs } from '../core/config/inputs.js';
import { invalidTags, type ExtraReference } from './tags.js';
import { invalidReference, KNOWN_PLATFORMS, parseImageReference, repositoryOf } from './reference.js';

export interface BuildSettings {
  /** Repository the tags attach to: `registry/owner/app`. */
  image: string;
  context: string;
  dockerfile: string;
  platforms: string[];
  /** Plain tag names, added to the tags git gives. */
  extraTags: string[];
  /** Full references in `tags`: more names for the same build, on other registries or repositories. */
  extraReferences: ExtraReference[];
  latest: 'auto' | 'true' | 'false';
  buildArgs: Record<string, string>;
  /** id → value; values are registered secrets and reach the build only as BuildKit secrets. */
  buildSecrets: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  network?: string;
  layerCache: 'auto' | 'on' | 'off';
  noCache: boolean;
  cacheKeyFiles: string[];
  version?: string;
}

/** Files whose change means new dependencies (a new dependency layer). */
export const DEPENDENCY_FILES = [
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'requirements.txt',
  'poetry.lock', 'Pipfile.lock', 'uv.lock', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'mix.lock',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'deps.txt',
];

const SECRET_LOOKING = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;

export function parseBuildSettings(inputs: Inputs, workDir: string): BuildSettings {
  const image = inputs.required('image', "Set it to the repository to build, e.g. 'git.example.com/team/app'.");
  const parsed = parseImageReference(image);
  if ('error' in parsed) inputs.fail('image', parsed.error);
  if (parsed.tag || parsed.digest) inputs.fail('image', `names a tag or digest (found '${image}')`, "Give the repository only; tags come from git and input 'tags'.");

  // Absolute after resolving, so the build's one positional argument can never read as an option.
  const context = path.resolve(workDir, inputs.string('context', '.'));
  if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) {
    inputs.fail('context', `directory ${context} does not exist`, 'Point it at the folder with your Dockerfile (relative to the workspace), and check out the repository first.');
  }
  const dockerfile = path.resolve(context, inputs.string('dockerfile', 'Dockerfile'));
  if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) {
    inputs.fail('dockerfile', `file ${dockerfile} does not exist`, "Set it to the Dockerfile's path relative to the context.");
  }

  const platforms = inputs.list('platforms');
  if (platforms.length === 0) platforms.push('linux/amd64');
  for (const platform of platforms) {
    if (!(KNOWN_PLATFORMS as readonly string[]).includes(platform)) {
      inputs.fail('platforms', `has an unknown platform (found '${platform}', expected one of ${KNOWN_PLATFORMS.join(', ')})`);
    }
  }
  // The image is loaded into the local engine (push-image pushes from there), and buildx
  // refuses --load for a multi-platform build.
  if (platforms.length > 1) {
    inputs.fail('platforms', `lists ${platforms.length} platforms (found '${platforms.join(',')}', expected one)`,
      'Use one platform per build-image step (linux/amd64 is the default), with a step per platform and distinct tags.');
  }

  // A tag name cannot hold '/' or ':', so an entry with one is a full reference: another name for this one build.
  const entries = inputs.list('tags');
  const extraTags = entries.filter((entry) => !/[/:@]/.test(entry));
  const badTags = invalidTags(extraTags);
  if (badTags.length) {
    inputs.fail('tags', `has a tag a registry would refuse (found '${badTags[0]}')`, 'Tags use letters, digits, _ . - only, at most 128 characters, not starting with . or -.');
  }
  const extraReferences = entries.filter((entry) => /[/:@]/.test(entry)).map((entry): ExtraReference => {
    const reference = parseImageReference(entry);
    if ('error' in reference) return inputs.fail('tags', invalidReference(entry, reference));
    if (reference.digest) {
      return inputs.fail('tags', `names a digest (found '${entry}'), which is known only once the image is pushed`, "Give 'registry/app' (every tag of this build there too) or 'registry/app:tag'.");
    }
    return { repository: repositoryOf(entry), tag: reference.tag };
  });

  const buildArgs = inputs.keyValues('build-args');
  const secretLooking = Object.keys(buildArgs).find((name) => SECRET_LOOKING.test(name));
  if (secretLooking) {
    inputs.fail('build-args', `has '${secretLooking}', which looks like a secret; build args stay readable in the image history`, "Pass it in input 'build-secrets' instead and read it with RUN --mount=type=secret,id=...");
  }
  // Registered whole and in pieces before parsing, split on lines only, errors by line number: no value can show.
  const buildSecrets = inputs.keyValues('build-secrets', { secret: true });
  for (const [index, id] of Object.keys(buildSecrets).entries()) {
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith('-')) inputs.fail('build-secrets', `secret ${index + 1} has an invalid id`, 'Ids use letters, digits, _ . - only; write one id=value per line.');
  }

  return {
    image,
    context,
    dockerfile,
    platforms,
    extraTags,
    extraReferences,
    latest: inputs.choice('latest', ['auto', 'true', 'false'] as const, 'auto'),
    buildArgs,
    buildSecrets,
    labels: inputs.keyValues('labels'),
    target: inputs.argument('target'),
    network: inputs.argument('network'),
    layerCache: inputs.choice('layer-cache', ['auto', 'on', 'off'] as const, 'auto'),
    noCache: inputs.boolean('no-cache', false),
    cacheKeyFiles: inputs.list('cache-key-files'),
    version: inputs.optional('version'),
  };
}
