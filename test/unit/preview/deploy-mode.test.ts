import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { sshDeployFlow } from '../../../src/preview/deploy-mode.js';
import { parsePreviewSettings } from '../../../src/preview/settings.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n';
const ssh = { host: 'deploy@127.0.0.1:2201', 'private-key': KEY, 'trust-on-first-use': 'true' };
const context = { env: {}, platform: { kind: 'local' } as never, workDir: process.cwd() };
const parse = (values: Record<string, string>) => sshDeployFlow.parse(new Inputs(mapInputSource({ ...ssh, 'app-dir': '/srv/shop', ...values })), context);

describe('ssh-deploy with mode: preview', () => {
  it('parses to the same preview settings as actions/preview given the same values', () => {
    const viaDeploy = parse({
      mode: 'preview', 'pr-number': '12', image: 'r.example/shop:pr-12', 'preview-domain': 'preview.example.com', 'compose-project': 'shop',
      'preview-env-template': 'preview.env.template', 'preview-port-base': '41000', 'health-url': 'http://127.0.0.1:8080/healthz?full=1', service: 'web',
    });
    const viaPreview = parsePreviewSettings(new Inputs(mapInputSource({
      ...ssh, 'app-dir': '/srv/shop', command: 'up', pr: '12', image: 'r.example/shop:pr-12', domain: 'preview.example.com', app: 'shop',
      'env-template': 'preview.env.template', 'port-base': '41000', 'health-path': '/healthz?full=1', service: 'web',
    })));
    expect(viaDeploy).toEqual({ mode: 'preview', preview: viaPreview });
  });

  it('names the preview after app-dir when no compose-project is given, and takes preview-action', () => {
    const settings = parse({ mode: 'preview', 'preview-action': 'down', 'pr-number': '7' });
    expect(settings).toMatchObject({ mode: 'preview', preview: { command: 'down', app: 'shop', pr: 7, domain: 'preview.localhost' } });
  });

  it('leaves deploy and rollback to the deploy flow', () => {
    expect(parse({ image: 'r.example/shop:1.2', service: 'web' })).toMatchObject({ strategy: 'compose', mode: 'deploy', version: '1.2' });
  });

  it.each([
    [{ 'preview-action': 'down' }, /input 'pr-number': is required/],
    [{ 'pr-number': '3' }, /input 'image': is required for preview up/],
    [{ 'pr-number': '3', image: 'a:b', 'preview-port-base': '40500' }, /input 'preview-port-base': is not a multiple of 1000/],
    [{ 'pr-number': '3', image: 'a:b', 'preview-env-template': '../prod.env' }, /input 'preview-env-template': is not a path inside app-dir/],
    [{ 'pr-number': '3', image: 'a:b', 'preview-domain': 'bad domain' }, /input 'preview-domain': is not a domain name/],
    [{ 'preview-action': 'reap' }, /input 'forge-token': is required for reap/],
    [{ 'pr-number': '3', image: 'a:b', strategy: 'release' }, /input 'mode': is preview, which runs on the compose strategy only/],
    [{ 'pr-number': '3', image: 'a:b', 'zero-downtime': 'true' }, /input 'zero-downtime': does nothing with mode: preview/],
    [{ 'pr-number': '3', image: 'a:b', env: 'A=1' }, /input 'env': does nothing with mode: preview/],
  ])('refuses %j before anything runs, naming the ssh-deploy input', (values, message) => {
    expect(() => parse({ mode: 'preview', ...(values as Record<string, string>) })).toThrow(message);
  });
});

describe('mode: preview judges the shared inputs as a deploy does', () => {
  const preview = { mode: 'preview', 'pr-number': '12', image: 'r.example/shop:pr-12' };
  it.each([
    [{ 'app-dir': '/srv/../etc' }, /^input 'app-dir': has a '\.' or '\.\.' segment/],
    [{ 'app-dir': '/' }, /^input 'app-dir': is the root directory/],
    [{ 'preview-env-template': '-x' }, /^input 'preview-env-template': is not a path inside app-dir/],
    [{ 'preview-env-template': '.env.preview/' }, /^input 'preview-env-template': does not name a file under app-dir/],
    [{ 'compose-file': '-f' }, /^input 'compose-file': is not a path inside app-dir/],
    [{ version: '1.0\n::error::forged' }, /^input 'version': is not a version \(found '1\.0'/],
    [{ 'forge-token': 'ghp_secretvalue\nX-Injected: 1' }, /^input 'forge-token': holds spaces or line breaks/],
  ])('refuses %j, naming the ssh-deploy input', (values, message) => {
    expect(() => parse({ ...preview, ...values })).toThrow(message);
  });

  it('never quotes a forge-token it refuses', () => {
    let message = '';
    try { parse({ ...preview, 'forge-token': 'token ghp_secretvalue' }); } catch (error) { message = (error as Error).message; }
    expect(message).toMatch(/forge-token/);
    expect(message).not.toContain('ghp_secretvalue');
  });
});
