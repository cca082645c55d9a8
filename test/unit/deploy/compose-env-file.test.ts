import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { envLineOf, variableValueFor, withEnvLine } from '../../../src/deploy/compose-env-file.js';
import { parseDeploySettings } from '../../../src/deploy/settings.js';
import type { ComposeDeploySettings } from '../../../src/deploy/strategies/compose.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const base = { host: 'a.example', 'private-key': KEY, 'host-fingerprint': 'SHA256:qiNyythyNL2YeGpUou4vnsrUCQYCmbf5p+Sm/Qz46l4', 'app-dir': '/srv/app', service: 'web' };
const parse = (values: Record<string, string>) => parseDeploySettings(new Inputs(mapInputSource({ ...base, ...values })), '/tmp') as ComposeDeploySettings;

describe('the image variable\'s line in a compose env file', () => {
  const file = '# secrets\nPORT=8765\nTAG=0.1.0\nSECRET=a=b\n';

  it('changes only that line, the last one compose reads, and keeps every other byte', () => {
    expect(withEnvLine(file, 'TAG', 'TAG=0.2.0')).toBe(file.replace('TAG=0.1.0', 'TAG=0.2.0'));
    expect(withEnvLine('TAG=1\nX=2\nexport TAG=3\n', 'TAG', 'TAG=4')).toBe('TAG=1\nX=2\nTAG=4\n');
    expect(envLineOf('TAG=1\nexport TAG=3\n', 'TAG')).toBe('export TAG=3');
    // Not a prefix match: TAGS is another variable.
    expect(envLineOf('TAGS=x\n', 'TAG')).toBe('');
  });

  it('adds the line when the file has none, and a rollback to "none" removes it again', () => {
    const added = withEnvLine('PORT=1', 'TAG', 'TAG=2');
    expect(added).toBe('PORT=1\nTAG=2\n');
    expect(withEnvLine(added, 'TAG', '')).toBe('PORT=1\n');
    expect(withEnvLine('', 'TAG', 'TAG=2')).toBe('TAG=2\n');
  });

  it('writes a tag where the variable holds a tag, the whole reference where it holds one', () => {
    expect(variableValueFor('ghcr.io/acme/app:1.4.2', '0.1.0', 'x')).toEqual({ value: '1.4.2' });
    expect(variableValueFor('127.0.0.1:5000/app:1.4.2', 'latest', 'x')).toEqual({ value: '1.4.2' });
    expect(variableValueFor('ghcr.io/acme/app:1.4.2', 'ghcr.io/acme/app:0.1.0', 'x')).toEqual({ value: 'ghcr.io/acme/app:1.4.2' });
    expect(variableValueFor('ghcr.io/acme/app@sha256:abc', '', 'x')).toEqual({ value: 'ghcr.io/acme/app@sha256:abc' });
    // The pipeline deploys by digest: the version names it, the digest decides what runs.
    expect(variableValueFor('ghcr.io/acme/app@sha256:abc', '0.1.0', '1.4.2')).toEqual({ value: '1.4.2@sha256:abc' });
    expect(variableValueFor('127.0.0.1:5000/app', '0.1.0', '1.4.2').problem).toMatch(/holds a tag \(0\.1\.0\) but the image .* has none/);
  });
});

describe('image-variable checked before connecting', () => {
  it('lets env TAG=… stand in for image, and takes its value as the version', () => {
    const settings = parse({ 'image-variable': 'TAG', env: 'TAG=v2\nDB=secret' });
    expect(settings.compose).toMatchObject({ imageVariable: 'TAG', variableValue: 'v2' });
    expect(settings.compose.image).toBeUndefined();
    expect(settings.version).toBe('v2');
  });

  it('refuses env TAG=… without image-variable (as before), a bad variable name, and a value that is no tag or reference', () => {
    expect(() => parse({ env: 'TAG=v2' })).toThrow(/^input 'image': is required for a compose deploy.*image-variable/s);
    expect(() => parse({ 'image-variable': 'TAG' })).toThrow(/^input 'image': or env TAG=… is required/);
    expect(() => parse({ 'image-variable': '1TAG', image: 'app:1' })).toThrow(/^input 'image-variable': is not a variable name/);
    expect(() => parse({ 'image-variable': 'TAG', env: 'TAG=$(reboot)' })).toThrow(/^input 'env': sets TAG \(image-variable\) to something that is neither/);
    expect(() => parse({ 'image-variable': 'TAG', image: 'app:1', 'zero-downtime': 'true', 'health-url': 'http://127.0.0.1:1/h' })).toThrow(/image-variable/);
  });
});
