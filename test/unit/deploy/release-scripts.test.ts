import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedLinkTarget, VERSION_AND_LINKS } from '../../../src/deploy/release.js';

// The release's remote step after the upload, run by the local sh (the same POSIX sh the host runs).
describe('writing the version and linking shared paths in one remote step', () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-release-'));
  const release = path.join(app, 'releases', '20261201000000');
  beforeAll(() => {
    fs.mkdirSync(path.join(app, 'shared', 'config'), { recursive: true });
    fs.writeFileSync(path.join(app, 'shared', '.env'), 'A=1\n');
    fs.writeFileSync(path.join(app, 'shared', 'config', 'app.yml'), 'a: 1\n');
    fs.mkdirSync(path.join(release, 'config'), { recursive: true });
    fs.writeFileSync(path.join(release, '.env'), 'from the artifact\n');
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  const pairs = (...paths: string[]) => paths.flatMap((p) => [p, sharedLinkTarget(p)]);

  it('writes the version file, then replaces each shared path in the release by a relative link into shared/', () => {
    execFileSync('sh', ['-c', VERSION_AND_LINKS, 'slipway-release', 'v2.1 "quoted"', release, ...pairs('.env', 'config/app.yml')]);
    expect(fs.readFileSync(path.join(release, '.slipway-version'), 'utf8')).toBe('v2.1 "quoted"\n');
    expect(fs.readlinkSync(path.join(release, '.env'))).toBe('../../shared/.env');
    expect(fs.readlinkSync(path.join(release, 'config', 'app.yml'))).toBe('../../../shared/config/app.yml');
    // Relative links resolve inside the tree wherever it is mounted.
    expect(fs.readFileSync(path.join(release, 'config', 'app.yml'), 'utf8')).toBe('a: 1\n');
  });

  it('writes only the version when there is nothing shared', () => {
    const bare = path.join(app, 'releases', '20261201000001');
    fs.mkdirSync(bare, { recursive: true });
    execFileSync('sh', ['-c', VERSION_AND_LINKS, 'slipway-release', '3', bare]);
    expect(fs.readFileSync(path.join(bare, '.slipway-version'), 'utf8')).toBe('3\n');
    expect(fs.readdirSync(bare)).toEqual(['.slipway-version']);
  });

  it('links nothing when the version cannot be written', () => {
    const missing = path.join(app, 'releases', 'gone');
    expect(() => execFileSync('sh', ['-c', VERSION_AND_LINKS, 'slipway-release', '4', missing, ...pairs('.env')], { stdio: 'ignore' })).toThrow();
    expect(fs.existsSync(missing)).toBe(false);
  });
});
