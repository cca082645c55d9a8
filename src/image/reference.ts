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
/** A registry: a host name, localhost or an IPv4 address, or a bracketed IPv6 one; an optional port. */
const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?$/;
/** Docker's limit on a name, registry and repository together. */
const MAX_NAME_LENGTH = 255;

export interface InvalidReference {
  error: string;
  /** The text held `user:password@` before the registry: an error must not quote it. */
  credentials?: boolean;
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Returns a reason when the reference is invalid, for the caller's InputError. */
export function parseImageReference(reference: string): ImageReference | InvalidReference {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  // `user:token@registry/app`: a digest never holds a '/', so this is a login written into the name.
  if (at >= 0 && rest.slice(at + 1).includes('/')) {
    return { error: "holds user:password@ before the registry (give credentials in 'username' and 'password', never in a reference)", credentials: true };
  }
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
  const host = REGISTRY_HOST.exec(registry);
  if (!host || (host[1] !== undefined && (Number(host[1]) < 1 || Number(host[1]) > 65535))) {
    return { error: `registry '${registry.slice(0, 80)}' is not a host name or address with an optional port 1-65535` };
  }
  if (parts.length === 0 || parts.some((part) => !PATH_COMPONENT.test(part))) {
    return { error: `repository '${parts.join('/')}' must be lower-case letters, digits and separators (. _ -), in /-separated parts` };
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  if (`${registry}/${parts.join('/')}`.length > MAX_NAME_LENGTH) return { error: `the name is longer than ${MAX_NAME_LENGTH} characters, registry included` };
  return { registry, repository: parts.join('/'), tag, digest };
}

/** An error for an invalid reference: the reference quoted, unless it held credentials. */
export function invalidReference(text: string, invalid: InvalidReference): string {
  return invalid.credentials ? invalid.error : `has an invalid reference '${text.slice(0, 120)}': ${invalid.error}`;
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
