import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { isRegisteredSecret } from '../../../src/core/secrets.js';
import { cloudronMessageOf } from '../../../src/cloudron/client.js';
import { newestBackupBelow, preUpdateBackup } from '../../../src/cloudron/deploy.js';
import { compareVersions } from '../../../src/cloudron/manifest.js';
import { planCloudron } from '../../../src/cloudron/plan.js';
import { parseCloudronSettings } from '../../../src/cloudron/settings.js';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-cloudron-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));
const manifest = (value: unknown) => fs.writeFileSync(path.join(workDir, 'CloudronManifest.json'), typeof value === 'string' ? value : JSON.stringify(value));
const token = 'unit-cloudron-token-0123456789';
const base = { 'cloudron-origin': 'my.example.com', 'cloudron-token': token };
const parse = (values: Record<string, string>) => parseCloudronSettings(new Inputs(mapInputSource({ ...base, ...values })), workDir);

beforeEach(() => manifest({ id: 'org.example.app', version: '0.1.1', healthCheckPath: '/api/health' }));

describe('Cloudron inputs', () => {
  it('reads an update: https origin from a bare name, the app by location, the image whose tag is the manifest version; the token masked', () => {
    const settings = parse({ 'cloudron-app': 'staging.example.com', image: 'git.example.com/org/app:0.1.1' });
    expect(settings).toMatchObject({ mode: 'update', app: { fqdn: 'staging.example.com' }, image: { reference: { registry: 'git.example.com', repository: 'org/app', tag: '0.1.1' } } });
    expect(settings.origin.href).toBe('https://my.example.com/');
    expect(settings.manifest?.version).toBe('0.1.1');
    expect(isRegisteredSecret(token)).toBe(true);
  });

  it("takes ssh-deploy's default mode deploy as an update, and an app id", () => {
    expect(parse({ mode: 'deploy', 'cloudron-app': '4f0b8c2e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', image: 'r.example.com/app:0.1.1' })).toMatchObject({ mode: 'update', app: { id: '4f0b8c2e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' } });
  });

  it.each([
    [{ 'cloudron-origin': 'http://my.example.com', 'cloudron-app': 'a.example.com', mode: 'rollback' }, /input 'cloudron-origin': is not https.*https:\/\/my\.<domain>/s],
    [{ 'cloudron-origin': 'https://my.example.com/api/v1', 'cloudron-app': 'a.example.com', mode: 'rollback' }, /input 'cloudron-origin': has a path or query.*Slipway adds \/api\/v1/s],
    [{ 'cloudron-token': '', 'cloudron-app': 'a.example.com', mode: 'rollback' }, /input 'cloudron-token': is required but was empty.*Profile → API Tokens/s],
    [{ mode: 'update', image: 'r.example.com/app:0.1.1' }, /input 'cloudron-app': is required for mode update/],
    [{ mode: 'install', image: 'r.example.com/app:0.1.1' }, /input 'cloudron-location': is required for mode install.*staging\.example\.com/s],
    [{ mode: 'install', 'cloudron-app': 'a.example.com', 'cloudron-location': 'b.example.com', image: 'r.example.com/app:0.1.1' }, /input 'cloudron-app': is set for mode install/],
    [{ mode: 'move', 'cloudron-app': 'a.example.com' }, /input 'cloudron-location': is required for mode move.*apex/s],
    [{ mode: 'move', 'cloudron-app': 'a.example.com', 'cloudron-location': 'not a name' }, /input 'cloudron-location': is not a domain name/],
    [{ mode: 'sideways', 'cloudron-app': 'a.example.com' }, /input 'mode': is not one of install, update, rollback, move/],
    [{ 'cloudron-app': 'a.example.com' }, /input 'image': is required/],
    [{ 'cloudron-app': 'a.example.com', image: 'r.example.com/app@sha256:' + 'a'.repeat(64) }, /input 'image': has no tag.*must equal the version in CloudronManifest\.json/s],
    [{ 'cloudron-app': 'a.example.com', image: 'r.example.com/app:0.1.2' }, /input 'cloudron-manifest': has version 0\.1\.1 but the image tag is 0\.1\.2\. Bump "version" in CloudronManifest\.json to 0\.1\.2, or push the image as :0\.1\.1/],
    [{ 'cloudron-app': 'a.example.com', mode: 'update', image: 'r.example.com/app:0.1.1', 'cloudron-backup': 'b1' }, /input 'cloudron-backup': is only read by mode rollback/],
    [{ 'cloudron-app': 'a.example.com', mode: 'rollback', 'health-url': 'ftp://{fqdn}/x' }, /input 'health-url': is not a URL/],
  ])('refuses %j before any request, naming the input and the fix', (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });

  it("takes an image pinned by digest alone when input 'version' names its release, and checks that version against the manifest", () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(parse({ 'cloudron-app': 'a.example.com', image: `r.example.com/app@${digest}`, version: '0.1.1' }).image?.reference).toMatchObject({ tag: '0.1.1', digest });
    expect(() => parse({ 'cloudron-app': 'a.example.com', image: `r.example.com/app@${digest}`, version: '0.1.2' })).toThrow(/has version 0\.1\.1 but input 'version' is 0\.1\.2/);
  });

  it('refuses a manifest without a semantic version, or one that is not JSON, without quoting the file', () => {
    manifest({ id: 'x', version: 'latest' });
    expect(() => parse({ 'cloudron-app': 'a.example.com', image: 'r.example.com/app:latest' })).toThrow(/input 'cloudron-manifest': has no semantic version in "version" \(found "latest"\)/);
    manifest('{ "version": "0.1.1", secret: hunter2 }');
    let message = '';
    try { parse({ 'cloudron-app': 'a.example.com', image: 'r.example.com/app:0.1.1' }); } catch (error) { message = (error as Error).message; }
    expect(message).toMatch(/input 'cloudron-manifest': is not valid JSON \(syntax error\)/);
    expect(message).not.toContain('hunter2');
  });

  it('needs no manifest or image to roll back or move', () => {
    fs.rmSync(path.join(workDir, 'CloudronManifest.json'));
    expect(parse({ mode: 'rollback', 'cloudron-app': 'a.example.com' })).toMatchObject({ mode: 'rollback', manifest: undefined, image: undefined });
    expect(parse({ mode: 'move', 'cloudron-app': 'a.example.com', 'cloudron-location': 'Example.com' })).toMatchObject({ location: 'example.com' });
  });
});

describe('Cloudron versions', () => {
  it.each([
    ['0.1.1', '0.1.0', 1], ['0.1.0', '0.1.0', 0], ['0.1.10', '0.1.9', 1], ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1], ['1.0.0-alpha', '1.0.0-1', 1], ['v2.0.0', '1.9.9', 1],
  ])('%s against %s compares as %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('which backup a rollback restores', () => {
  const backups = [
    { id: 'old', creationTime: '2026-12-01T10:00:00.000Z', packageVersion: '0.1.0' },
    { id: 'weekly', creationTime: '2026-12-01T11:59:00.000Z', packageVersion: '0.1.1' },
    { id: 'pre-update', creationTime: '2026-12-01T12:00:01.500Z', packageVersion: '0.1.1' },
  ];

  it("picks the backup of the previous version taken after Cloudron accepted this run's update, not an older one of the same version", () => {
    expect(preUpdateBackup(backups, '0.1.1', new Date('2026-12-01T12:00:02Z'))?.id).toBe('pre-update');
    expect(preUpdateBackup(backups, '0.1.1', new Date('2026-12-01T12:10:00Z'))).toBeUndefined();
    expect(preUpdateBackup(backups, '0.1.0', new Date('2026-12-01T12:00:00Z'))).toBeUndefined();
  });

  it('in mode rollback, picks the newest backup of a version below the running one', () => {
    expect(newestBackupBelow(backups, '0.1.1')?.id).toBe('old');
    expect(newestBackupBelow(backups, '0.1.2')?.id).toBe('pre-update');
    expect(newestBackupBelow(backups, '0.1.0')).toBeUndefined();
  });
});

describe("Cloudron's error text", () => {
  it('is one line without control characters, clipped, taken from { message } or the raw body', () => {
    expect(cloudronMessageOf({ status: 'Conflict', message: 'Location\n\u001b[31min use' }, '')).toBe('Location [31min use');
    expect(cloudronMessageOf(undefined, '<html>bad gateway</html>')).toBe('<html>bad gateway</html>');
    expect(cloudronMessageOf({ message: 'x'.repeat(400) }, '')).toHaveLength(301);
  });
});

describe('the Cloudron dry run', () => {
  it('lists the requests an update sends, in order, the token in none of them', () => {
    const lines = planCloudron(parse({ 'cloudron-app': 'staging.example.com', image: 'git.example.com/org/app:0.1.1' }));
    expect(lines).toEqual([
      'https://my.example.com/api/v1 GET /profile (the token reaches the API; its role)',
      'https://my.example.com/api/v1 GET /apps (find staging.example.com)',
      "check: CloudronManifest.json version 0.1.1 > the installed app's version",
      'check: git.example.com/org/app:0.1.1 pulls anonymously for linux/amd64 (registry API, by digest)',
      'https://my.example.com/api/v1 POST /apps/<id of staging.example.com>/update {manifest 0.1.1, dockerImage git.example.com/org/app:0.1.1, skipBackup false}',
      'https://my.example.com/api/v1 GET /tasks/<task> until done (progress logged)',
      'https://my.example.com/api/v1 GET /apps/<id of staging.example.com> until installed, running, healthy',
      'smoke: https://{fqdn}/api/health',
      'on a failed task or red smoke: https://my.example.com/api/v1 GET /apps/<id of staging.example.com>/backups, POST /apps/<id of staging.example.com>/restore {the backup Cloudron took for this update}, wait, smoke',
    ]);
    expect(lines.join('\n')).not.toContain(token);
  });

  it('shows a move with the new location in its smoke URL', () => {
    const lines = planCloudron(parse({ mode: 'move', 'cloudron-app': 'staging.example.com', 'cloudron-location': 'example.com' }));
    expect(lines).toContain('https://my.example.com/api/v1 POST /apps/<id of staging.example.com>/configure/location {example.com}');
    expect(lines.at(-1)).toBe('smoke: https://example.com<healthCheckPath>');
  });
});

describe('Cloudron inputs that would leave the dashboard or the token', () => {
  const update = { 'cloudron-app': 'staging.example.com', image: 'git.example.com/org/app:0.1.1' };
  const messageOf = (values: Record<string, string>) => {
    try { parse({ ...update, ...values }); } catch (error) { return (error as Error).message; }
    return '';
  };
  it.each([
    [{ 'cloudron-origin': 'https://my.example.com\n:8443' }, /^input 'cloudron-origin': holds spaces or line breaks/],
    [{ 'cloudron-origin': 'https://my.example.com\t:8443' }, /^input 'cloudron-origin': holds spaces or line breaks/],
    [{ 'cloudron-origin': 'https://-oproxy.example.com' }, /^input 'cloudron-origin': is not an address \(found '-oproxy\.example\.com'\)/],
    [{ 'cloudron-version-path': 'build[[' }, /^input 'cloudron-version-path': is not a JSON path/],
    [{ 'health-url': 'https://ci:pw@{fqdn}/health' }, /^input 'health-url': has credentials in it/],
    [{ 'connect-to': '-oProxyCommand=x' }, /^input 'connect-to': 'connect-to' is not an address/],
    [{ 'ca-cert': '../outside-ca.pem' }, /^input 'ca-cert': points outside the workspace/],
  ])('refuses %j before any request', (values, message) => {
    expect(messageOf(values)).toMatch(message);
  });

  it('refuses a token pasted as the origin (the two swapped) without quoting it', () => {
    const message = messageOf({ 'cloudron-origin': 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'cloudron-token': 'my.example.com' });
    expect(message).toMatch(/^input 'cloudron-origin': is not the dashboard's address \(found one word of 32 characters, no dot; a token belongs in 'cloudron-token'\)/);
    expect(message).not.toContain('a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(messageOf({ 'cloudron-origin': 'https://a1b2c3d4e5f60718293a4b5c6d7e8f90' })).not.toContain('a1b2c3d4');
  });

  it('refuses a token with a Bearer prefix or a second line, masking its pieces', () => {
    expect(messageOf({ 'cloudron-token': `Bearer ${token}` })).toMatch(/^input 'cloudron-token': holds spaces or line breaks.*no Bearer prefix/s);
    expect(messageOf({ 'cloudron-token': `${token}\nX-Injected: 1` })).not.toContain(token);
    expect(isRegisteredSecret(token)).toBe(true);
  });

  it('keeps taking the origins the docs name', () => {
    for (const origin of ['my.example.com', 'https://my.example.com', 'https://my.example.com/', 'https://127.0.0.1:8443', 'localhost:8443']) {
      expect(messageOf({ 'cloudron-origin': origin })).toBe('');
    }
  });
});
