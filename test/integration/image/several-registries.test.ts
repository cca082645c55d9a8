import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pushImageFlow } from '../../../src/image/push-flow.js';
import { assertAnonymousPullRefused } from '../../../src/image/private-registry.js';
import { buildImageFlow } from '../../../src/image/build-flow.js';
import { loadSandbox } from '../../support/sandbox.js';
import { exampleAppRepo, removeImages, runFlowForTest } from '../../support/flow-harness.js';

const sandbox = loadSandbox();
const anonymous = sandbox.registries.anonymous.address;
const auth = sandbox.registries.auth;
const run = `h19-${Date.now().toString(36)}`;

/** The digest a registry serves for a tag, read over its API (basic auth for the htpasswd one). */
async function servedDigest(registry: string, repository: string, tag: string, credentials?: { username: string; password: string }): Promise<string | null> {
  const headers: Record<string, string> = { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' };
  if (credentials) headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const response = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', headers });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

// Seed 001 ships one image to its Gitea registry and to a second one. Two builds made two
// digests (the created label differs); one build named for both registries makes one.
describe('one build, several registries', () => {
  const repository = `h19/app-${run}`;
  const built: string[] = [];
  afterAll(() => removeImages(built));

  it('tags one build for the private and the public registry, and both serve the same digest', async () => {
    const build = await runFlowForTest(buildImageFlow, { image: `${auth.address}/${repository}`, context: exampleAppRepo(), tags: `0.1.1\n${anonymous}/${repository}` });
    built.push(...build.result.tags);
    const own = build.result.tags.filter((tag) => tag.startsWith(`${auth.address}/`));
    const mirrored = build.result.tags.filter((tag) => tag.startsWith(`${anonymous}/`));
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(mirrored).toEqual(own.map((tag) => tag.replace(auth.address, anonymous)));
    expect(build.outputs['primary-tag']).toBe(own[0]);

    // The same tags output feeds one push-image step per registry, each with its own credentials.
    const tags = build.outputs.tags;
    const toPrivate = await runFlowForTest(pushImageFlow, { tags, registry: auth.address, username: auth.username, password: auth.password });
    const toPublic = await runFlowForTest(pushImageFlow, { tags, registry: anonymous, 'expect-anonymous-pull': 'true' });
    expect(toPrivate.result.tags).toEqual(own);
    expect(toPublic.result.tags).toEqual(mirrored);
    expect(toPublic.result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(toPublic.result.digest).toBe(toPrivate.result.digest);
    expect(await servedDigest(auth.address, repository, '0.1.1', auth)).toBe(toPrivate.result.digest);
    expect(await servedDigest(anonymous, repository, '0.1.1')).toBe(toPrivate.result.digest);
  });

  it('expect-anonymous-pull false: passes on the registry that refuses an anonymous pull', async () => {
    const { result } = await runFlowForTest(pushImageFlow, {
      tags: `${auth.address}/${repository}:0.1.1`, username: auth.username, password: auth.password, 'expect-anonymous-pull': 'false',
    });
    expect(result.verified).toEqual(['with credentials: linux/amd64', 'anonymous pull refused: HTTP 401']);
  });

  it('expect-anonymous-pull false: fails on a registry anyone can pull from, before pushing anything to it', async () => {
    const reference = `${anonymous}/${repository}:private-${run}`;
    const local = `${auth.address}/${repository}:0.1.1`;
    execFileSync('docker', ['image', 'tag', local, reference]);
    built.push(reference);
    await expect(runFlowForTest(pushImageFlow, { tags: reference, 'expect-anonymous-pull': 'false' }))
      .rejects.toThrow(`Registry ${anonymous} answers its API without credentials, but expect-anonymous-pull is false: nothing was pushed`);
    expect(await servedDigest(anonymous, repository, `private-${run}`)).toBeNull();
  });

  it('expect-anonymous-pull false: fails after the push on a token registry that hands anonymous readers a token (Gitea/Forgejo with a public repository)', async () => {
    // Gitea's /v2/ always asks for a token; whether an anonymous one can read follows the
    // owning repository's visibility, so only a read of the pushed digest can tell.
    const digest = `sha256:${'b'.repeat(64)}`;
    const server = http.createServer((request, response) => {
      const url = request.url ?? '';
      if (url.startsWith('/token')) return response.end(JSON.stringify({ token: 'anonymous-reader' }));
      if (request.headers.authorization !== 'Bearer anonymous-reader') {
        response.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${(server.address() as AddressInfo).port}/token",service="h19"` });
        return response.end();
      }
      response.writeHead(url === `/v2/team/app/manifests/${digest}` ? 200 : 404, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(assertAnonymousPullRefused({ registry, repository: 'team/app', digest }))
        .rejects.toThrow(`${registry}/team/app@${digest} pulls anonymously (HTTP 200 without credentials), but expect-anonymous-pull is false`);
      // The same registry hiding the package from anonymous readers passes.
      await expect(assertAnonymousPullRefused({ registry, repository: 'team/hidden', digest })).resolves.toBe('anonymous pull refused: HTTP 404');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
