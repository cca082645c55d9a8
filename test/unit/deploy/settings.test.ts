import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { parseDeploySettings } from '../../../src/deploy/settings.js';
import { parsePipelineSettings } from '../../../src/pipeline/settings.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hi-deploy-settings-'));
fs.mkdirSync(path.join(ws, 'build'));
fs.writeFileSync(path.join(ws, 'stack.yml'), 'services: {}\n');
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));
const base = { host: 'a.example', 'private-key': KEY, 'host-fingerprint': 'SHA256:qiNyythyNL2YeGpUou4vnsrUCQYCmbf5p+Sm/Qz46l4', 'app-dir': '/srv/app', service: 'web', image: 'registry.example/app:1' };
const parse = (values: Record<string, string>) => parseDeploySettings(new Inputs(mapInputSource({ ...base, ...values })), ws);

describe('deploy settings checked before connecting', () => {
  it('normalises app-dir and refuses . and .. segments and the root', () => {
    expect(parse({ 'app-dir': '/srv/app/' }).appDir).toBe('/srv/app');
    expect(parse({ 'app-dir': '/srv/{host}' }).appDir).toBe('/srv/{host}');
    for (const appDir of ['/srv/../etc', '/srv/./app', '/srv/app/..']) expect(() => parse({ 'app-dir': appDir })).toThrow(/^input 'app-dir': has a '\.' or '\.\.' segment/);
    expect(() => parse({ 'app-dir': '/' })).toThrow(/^input 'app-dir': is the root directory/);
  });

  it('refuses a health-url that is not an http(s) URL, with placeholders allowed', () => {
    expect(parse({ 'health-url': 'http://127.0.0.1:{index}080/health?v={version}' }).health.url).toBe('http://127.0.0.1:{index}080/health?v={version}');
    expect(() => parse({ 'health-url': 'not a url' })).toThrow(/^input 'health-url': has spaces or line breaks/);
    expect(() => parse({ 'health-url': 'localhost:8080' })).toThrow(/^input 'health-url': is not an http or https URL/);
  });

  it('resolves the artifact in the workspace and requires it to exist, as a directory or an archive', () => {
    const release = { strategy: 'release', service: '', image: '' };
    const released = parse({ ...release, artifact: 'build/' });
    expect(released.strategy === 'release' && released.release.artifact).toBe(`${fs.realpathSync(ws)}/build/`);
    expect(() => parse({ ...release, artifact: '--rsh=sh x.tgz' })).toThrow(/^input 'artifact': names a path that does not exist/);
    expect(() => parse({ ...release, artifact: 'stack.yml' })).toThrow(/^input 'artifact': is not a directory/);
  });

  it('reads the host\'s lock-file, deploy-log and release-name, refusing paths outside app-dir and formats that do not sort by time', () => {
    const release = { strategy: 'release', service: '', image: '', artifact: 'build/' };
    const settings = parse({ ...release, 'lock-file': '.deploy.lock', 'deploy-log': 'logs/deploy.log', 'release-name': '%Y%m%d%H%M%S' });
    expect(settings.strategy === 'release' && settings.release).toMatchObject({ lockFile: '.deploy.lock', deployLog: 'logs/deploy.log', nameFormat: '%Y%m%d%H%M%S' });
    const unset = parse(release);
    expect(unset.strategy === 'release' && unset.release).toMatchObject({ lockFile: undefined, deployLog: undefined, nameFormat: undefined });
    for (const name of ['lock-file', 'deploy-log']) {
      for (const value of ['../deploy.lock', '/opt/app/.deploy.lock', '-f', 'a b']) {
        expect(() => parse({ ...release, [name]: value })).toThrow(new RegExp(`^input '${name}': is not a path inside app-dir`));
      }
    }
    expect(() => parse({ ...release, 'release-name': '%Y%m%d' })).toThrow(/^input 'release-name': must hold %Y %m %d %H %M %S, each once and in that order.*Use a time format such as %Y%m%dT%H%M%SZ/s);
    expect(() => parse({ ...release, 'release-name': '%Y%m%dT%H%M%SZ/..' })).toThrow(/^input 'release-name': may hold only/);
  });

  it('keeps lock-file and deploy-log to files of their own under app-dir, outside what the release strategy replaces', () => {
    const release = { strategy: 'release', service: '', image: '', artifact: 'build/' };
    const shared = parse({ ...release, 'lock-file': 'shared/.deploy.lock', 'deploy-log': '.slipway/deploy.log' });
    expect(shared.strategy === 'release' && shared.release).toMatchObject({ lockFile: 'shared/.deploy.lock', deployLog: '.slipway/deploy.log' });
    const dotted = parse({ ...release, 'lock-file': './.deploy.lock', 'deploy-log': './deploy.log' });
    expect(dotted.strategy === 'release' && dotted.release).toMatchObject({ lockFile: '.deploy.lock', deployLog: 'deploy.log' });
    expect(() => parse({ ...release, 'lock-file': './deploy.log', 'deploy-log': 'deploy.log' })).toThrow(/^input 'deploy-log': is the same file as lock-file/);
    for (const value of ['.', './', 'locks//deploy.lock', 'deploy.log/']) {
      expect(() => parse({ ...release, 'lock-file': value })).toThrow(/^input 'lock-file': does not name a file under app-dir.*Name the file itself, e\.g\. \.deploy\.lock/s);
    }
    for (const value of ['current/deploy.log', 'releases/deploy.log', 'releases', 'current', 'shared', '.slipway']) {
      expect(() => parse({ ...release, 'deploy-log': value })).toThrow(/^input 'deploy-log': names .*which the release strategy replaces or prunes/);
    }
    expect(() => parse({ ...release, 'lock-file': 'deploy.log', 'deploy-log': 'deploy.log' })).toThrow(/^input 'deploy-log': is the same file as lock-file/);
    expect(() => parse({ ...release, 'lock-file': '.deploy.lock', 'deploy-log': '.deploy.lock/log' })).toThrow(/^input 'deploy-log': and lock-file lie one inside the other/);
    expect(() => parse({ ...release, 'lock-file': `${'a'.repeat(300)}.lock` })).toThrow(/^input 'lock-file': has a name longer than 255 characters/);
    expect(() => parse({ ...release, 'deploy-log': `logs/${'a/'.repeat(600)}x` })).toThrow(/^input 'deploy-log': is 1206 characters long \(at most 1024\)/);
    expect(() => parse({ ...release, 'release-name': `${'a'.repeat(300)}%Y%m%d%H%M%S` })).toThrow(/^input 'release-name': is 312 characters long \(at most 100\)/);
  });

  it('refuses an over-long shell path for the script strategy', () => {
    const script = { strategy: 'script', script: 'true', service: '', image: '' };
    expect(parse({ ...script, shell: '/usr/bin/zsh' })).toMatchObject({ shell: '/usr/bin/zsh' });
    expect(() => parse({ ...script, shell: `/usr/${'a'.repeat(300)}/sh` })).toThrow(/^input 'shell': is not sh, bash or an absolute path to a shell/);
  });

  it('checks env names, and the swarm stack file, before connecting', () => {
    expect(() => parse({ env: 'MY-VAR=1' })).toThrow(/^input 'env': line 1 has a key that is not an environment variable name\./);
    const swarm = { strategy: 'swarm', stack: 'shop', service: '', image: '' };
    const swarmed = parse({ ...swarm, 'stack-file': 'stack.yml' });
    expect(swarmed.strategy === 'swarm' && swarmed.swarm.stackFile).toBe(path.join(fs.realpathSync(ws), 'stack.yml'));
    expect(() => parse({ ...swarm, 'stack-file': 'missing.yml' })).toThrow(/^input 'stack-file': names a path that does not exist/);
  });
});

describe('the pipeline and strategy swarm', () => {
  it('accepts strategy swarm, building only when an image is named', () => {
    const context = { env: {}, platform: { kind: 'local' as const, supportsSummary: false, supportsAnnotations: false }, workDir: ws };
    const values = { ...base, strategy: 'swarm', stack: 'shop', 'stack-file': 'stack.yml', service: '', image: '' };
    const settings = parsePipelineSettings(new Inputs(mapInputSource(values)), context);
    expect(settings.deploy.strategy).toBe('swarm');
    expect(settings.build).toBeUndefined();
  });
});
