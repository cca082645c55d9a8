import crypto from 'node:crypto';
import { SlipwayError } from '../core/errors.js';
import { httpRequest, type HttpRequestOptions, type HttpResponse } from '../core/http/request.js';
import { registryBaseUrl } from './registry-probe.js';

/**
 * Reads back what the registry serves for a digest, over the registry API
 * itself: `docker pull` would be satisfied by the local engine's copy and
 * prove nothing. Checks the manifest's bytes hash to the digest, the config's
 * platform, and that every layer blob is there (HEAD, no download).
 */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface Credentials { username: string; password: string }
interface Manifest {
  mediaType?: string;
  manifests?: Array<{ digest: string; platform?: { os?: string; architecture?: string; variant?: string } }>;
  config?: { digest: string };
  layers?: Array<{ digest: string }>;
}

export interface ServedImage { platform: string; layers: number }

/** Each request's whole deadline (30 s by default) and the run's cancel. */
export interface RegistryBudget { requestTimeoutMs?: number; signal?: AbortSignal }

export async function readServedImage(args: {
  registry: string;
  repository: string;
  digest: string;
  platform: string;
  credentials?: Credentials;
} & RegistryBudget): Promise<ServedImage> {
  const client = new RegistryClient(args.registry, args.repository, args.credentials, args);
  const { body, manifest: served } = await client.manifest(args.digest);
  let manifest = served;
  if (sha256(body) !== args.digest) throw new SlipwayError(`Verify: the registry served a manifest for ${args.digest} whose bytes hash to ${sha256(body)}`);
  if (manifest.manifests) {
    const entry = manifest.manifests.find((candidate) => platformOf(candidate.platform) === args.platform);
    if (!entry) {
      const offered = manifest.manifests.map((candidate) => platformOf(candidate.platform)).join(', ');
      throw new SlipwayError(`Verify: ${args.repository}@${args.digest} offers ${offered}, not ${args.platform}`);
    }
    manifest = (await client.manifest(entry.digest)).manifest;
  }
  if (!manifest.config) throw new SlipwayError(`Verify: the manifest of ${args.repository}@${args.digest} has no config`);
  const config = JSON.parse((await client.blob(manifest.config.digest)).toString('utf8')) as { os?: string; architecture?: string; variant?: string };
  for (const layer of manifest.layers ?? []) await client.assertBlob(layer.digest);
  return { platform: platformOf(config), layers: manifest.layers?.length ?? 0 };
}

/**
 * The digest a tag points at, as the registry serves it (the sha256 of the
 * manifest bytes), read anonymously unless credentials are given: lets a
 * deploy that names an image by tag run the same read-back as push-image.
 */
export async function resolveServedDigest(args: { registry: string; repository: string; tag: string; credentials?: Credentials } & RegistryBudget): Promise<string> {
  const client = new RegistryClient(args.registry, args.repository, args.credentials, args);
  return sha256((await client.manifest(args.tag)).body);
}

/** What an anonymous `docker pull` of this digest gets from the registry: 200 means anyone can read it. */
export async function anonymousManifestStatus(args: { registry: string; repository: string; digest: string } & RegistryBudget): Promise<number> {
  return new RegistryClient(args.registry, args.repository, undefined, args).manifestStatus(args.digest);
}

function platformOf(platform?: { os?: string; architecture?: string; variant?: string }): string {
  return [platform?.os, platform?.architecture, platform?.variant].filter(Boolean).join('/');
}

/** Manifests and image configs are small; a registry answering more is broken or hostile. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const sha256 = (body: Buffer): string => `sha256:${crypto.createHash('sha256').update(body).digest('hex')}`;

class RegistryClient {
  private authorization?: string;
  private readonly base: string;
  constructor(private readonly registry: string, private readonly repository: string, private readonly credentials?: Credentials, private readonly budget: RegistryBudget = {}) {
    this.base = registryBaseUrl(registry);
  }

  /** Registries redirect blob reads to storage: followed, and credentials stay behind on another origin. */
  private send(url: string | URL, method: string, headers: Record<string, string>, what?: string): Promise<HttpResponse> {
    const options: HttpRequestOptions = {
      method, headers, what, timeoutMs: this.budget.requestTimeoutMs ?? 30_000, signal: this.budget.signal, maxRedirects: 5, maxBodyBytes: MAX_DOCUMENT_BYTES,
    };
    return httpRequest(url, options);
  }

  async manifest(reference: string): Promise<{ body: Buffer; manifest: Manifest }> {
    const response = await this.get(`/v2/${this.repository}/manifests/${reference}`, { accept: ACCEPT });
    return { body: response.body, manifest: response.json<Manifest>() };
  }

  async blob(digest: string): Promise<Buffer> {
    return (await this.get(`/v2/${this.repository}/blobs/${digest}`, {})).body;
  }

  async assertBlob(digest: string): Promise<void> {
    await this.get(`/v2/${this.repository}/blobs/${digest}`, {}, 'HEAD');
  }

  /** The HTTP status a manifest read answers, after the registry's token dance (as docker pull does it). */
  async manifestStatus(reference: string): Promise<number> {
    return (await this.request(`/v2/${this.repository}/manifests/${reference}`, { accept: ACCEPT }, 'GET')).status;
  }

  private async request(path: string, headers: Record<string, string>, method: string): Promise<HttpResponse> {
    let response: HttpResponse | undefined;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      response = await this.send(`${this.base}${path}`, method, { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) });
      if (response.status !== 401 || attempt > 0) return response;
      await this.authenticate(response.header('www-authenticate') ?? '');
    }
    return response as HttpResponse;
  }

  private async get(path: string, headers: Record<string, string>, method = 'GET'): Promise<HttpResponse> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await this.send(`${this.base}${path}`, method, { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) });
      if (response.status === 401 && attempt === 0) {
        await this.authenticate(response.header('www-authenticate') ?? '');
        continue;
      }
      if (!response.ok) {
        const who = this.credentials ? `as ${this.credentials.username}` : 'anonymously';
        throw new SlipwayError(`Verify: ${method} ${this.registry}${path} ${who} answered HTTP ${response.status}`, {
          fix: this.credentials ? 'Check the credentials can pull' : 'Make the package public (Gitea/Forgejo: package settings → visibility), or set verify-anonymous-pull: false',
        });
      }
      return response;
    }
    throw new SlipwayError(`Verify: ${this.registry} kept asking for credentials`);
  }

  private async authenticate(challenge: string): Promise<void> {
    const basic = this.credentials
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`
      : undefined;
    if (/^basic/i.test(challenge)) {
      this.authorization = basic;
      return;
    }
    const realm = /realm="([^"]+)"/i.exec(challenge)?.[1];
    if (!realm) return;
    const url = new URL(realm);
    const service = /service="([^"]+)"/i.exec(challenge)?.[1];
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', `repository:${this.repository}:pull`);
    const response = await this.send(url, 'GET', basic ? { authorization: basic } : {}, `token request GET ${url.pathname}`);
    if (!response.ok) return;
    const token = response.json<{ token?: string; access_token?: string }>();
    const value = token.token ?? token.access_token;
    if (value) this.authorization = `Bearer ${value}`;
  }
}
