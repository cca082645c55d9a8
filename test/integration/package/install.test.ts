import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hosts, runner, sshValues } from '../deploy/support.js';

const [, , h3] = hosts;
const repo = process.cwd();
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string; dependencies?: Record<string, string> };

/** Environment without npm's own variables from the test runner (an inherited prefix or cache must not leak in). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

describe('the npm package: packed, installed globally on its own, run outside the repository', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-package-'));
  const prefix = path.join(work, 'prefix');
  const outside = path.join(work, 'elsewhere');
  const npmEnv = cleanEnv({ npm_config_cache: path.join(work, 'npm-cache'), npm_config_update_notifier: 'false' });
  let tarball = '';
  const slipway = (args: string[], options: { input?: string } = {}) =>
    spawnSync(path.join(prefix, 'bin', 'slipway'), args, { cwd: outside, env: cleanEnv(), encoding: 'utf8', input: options.input ?? '', timeout: 120_000 });

  beforeAll(() => {
    fs.mkdirSync(outside);
    const packed = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: repo, env: npmEnv, encoding: 'utf8' });
    tarball = path.join(work, (JSON.parse(packed) as Array<{ filename: string }>)[0]?.filename ?? '');
    // No dependencies to fetch: the bundles carry them, so the install works offline.
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: outside, env: npmEnv, encoding: 'utf8' });
  }, 180_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('ships the CLI bundle, the schema and the workflow templates, and no source, tests or runtime dependencies', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toEqual(expect.arrayContaining([
      'package/package.json', 'package/README.md', 'package/dist/cli/index.js', 'package/schema/slipway.schema.json',
      'package/workflows/deploy.yml', 'package/workflows/forgejo/deploy.yml',
    ]));
    expect(files.filter((f) => /^package\/(src|test|bench|node_modules|scripts)\//.test(f))).toEqual([]);
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'slipway', 'node_modules'))).toBe(false);
  });

  it('runs slipway help, --version, a command\'s --help and completion from a directory outside the repository', () => {
    const help = slipway(['help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\s+deploy\s/m);
    expect(help.stdout).toMatch(/^\s+status\s/m);
    const version = slipway(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(`slipway ${manifest.version}`);
    const statusHelp = slipway(['status', '--help']);
    expect(statusHelp.status).toBe(0);
    expect(statusHelp.stdout).toContain('slipway status [flags]');
    const completion = slipway(['completion', 'bash']);
    expect(completion.status).toBe(0);
    expect(completion.stdout).toContain('complete -o default -F _slipway slipway');
  });

  it('runs slipway init with the workflow templates the package ships', () => {
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM scratch\nEXPOSE 3000\n');
    const init = spawnSync(path.join(prefix, 'bin', 'slipway'), ['init', '--host', 'deploy@app.example.com', '--image', 'git.example.org/team/app', '--forge', 'forgejo'], { cwd: project, env: cleanEnv(), encoding: 'utf8', input: '' });
    expect(init.stderr).not.toMatch(/error:/);
    expect(init.status).toBe(0);
    for (const name of ['deploy.yml', 'dr-drill.yml', 'secret-scan.yml']) {
      expect(fs.readFileSync(path.join(project, '.forgejo', 'workflows', name), 'utf8')).toBe(fs.readFileSync(path.join(repo, 'workflows', 'forgejo', name), 'utf8'));
    }
    expect(fs.readFileSync(path.join(project, 'slipway.yml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=https:/);
  });

  it('deploys a release to a sandbox host and reads it back with status, all through the installed binary', async () => {
    const appDir = `${h3.baseDir}/hm-package-app`;
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    const artifact = path.join(work, 'artifact');
    fs.mkdirSync(artifact);
    fs.writeFileSync(path.join(artifact, 'index.html'), 'hm package test\n');
    const ssh = sshValues([h3]);
    const hostFlags = ['--hosts', ssh.hosts ?? '', '--user', ssh.user ?? '', '--private-key', ssh['private-key'] ?? '', '--known-hosts', ssh['known-hosts'] ?? '', '--strategy', 'release', '--app-dir', appDir];

    const deployed = slipway(['deploy', ...hostFlags, '--artifact', artifact, '--version', 'hm-pkg-1', '--json']);
    expect(deployed.stderr).not.toMatch(/error:/);
    expect(deployed.status).toBe(0);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ ok: true, outputs: { version: 'hm-pkg-1' } });

    const status = slipway(['status', ...hostFlags, '--json']);
    expect(status.status).toBe(0);
    const [host] = JSON.parse(status.stdout).hosts;
    expect(host.releases).toEqual([expect.objectContaining({ version: 'hm-pkg-1', current: true })]);
    expect(host.log).toEqual([expect.objectContaining({ action: 'deploy', version: 'hm-pkg-1', result: 'deployed' })]);
  });
});
