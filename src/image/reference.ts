/**
 * Image references: `registry[:port]/path/name[:tag][@digest]`. Parsed here so
 * bad input fails before any build or push.
 */
export interface ImageReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
export const DOCKER_HUB = 'docker.io';

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Returns a reason when the reference is invalid, for the caller's InputError. */
export function parseImageReference(reference: string): ImageReference | { error: string } {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: `digest '${digest}' is not sha256:<64 hex>` };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!isValidTag(tag)) return { error: `tag '${tag}' has characters a tag cannot have (letters, digits, _ . - only, at most 128, not starting with . or -)` };
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) registry = parts.shift() ?? DOCKER_HUB;
  if (parts.length === 0 || parts.some((part) => !PATH_COMPONENT.test(part))) {
    return { error: `repository '${parts.join('/')}' must be lower-case letters, digits and separators (. _ -), in /-separated parts` };
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  return { registry, repository: parts.join('/'), tag, digest };
}

export function formatReference(reference: ImageReference): string {
  const host = reference.registry === DOCKER_HUB ? '' : `${reference.registry}/`;
  const name = `${host}${reference.repository}`;
  if (reference.digest) return `${name}@${reference.digest}`;
  return reference.tag ? `${name}:${reference.tag}` : name;
}

/** The name without tag or digest, as a user wrote it (for `name@digest`). */
export function repositoryOf(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
}

export const KNOWN_PLATFORMS = [
  'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64',
] as const;
