import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { runInitCommand, SCHEMA_URL } from '../../../src/cli/commands/init.js';
import type { CommandIo } from '../../../src/cli/commands/command-io.js';
import { schema, validate } from './schema-validate.js';

/** A project like the seeds' apps: the example app, its compose file, a git remote. */
function project(options: { remote?: string; compose?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-init-'));
  fs.cpSync('examples/app', dir, { recursive: true });
  if (options.compose !== false) fs.copyFileSync('examples/compose/docker-compose.yml', path.join(dir, 'docker-compose.yml'));
  if (options.remote) {
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', options.remote]);
  }
  return dir;
}

async function init(dir: string, args: string[], answers?: string[]) {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const queue = [...(answers ?? [])];
  const io: CommandIo = {
    stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: (t: string) => { stderr += t; } }, env: {}, cwd: dir,
    ...(answers ? { ask: async (question: string) => { questions.push(question); return queue.shift() ?? ''; } } : {}),
  };
  const code = await runInitCommand(args, io);
  return { code, stdout, stderr, questions };
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('slipway init', () => {
  it('finds the Dockerfile, compose service, health endpoint and image, and writes slipway.yml and the GitHub workflows', async () => {
    const dir = project({ remote: 'git@github.com:Acme/Shop.git' });
    const run = await init(dir, ['--host', 'deploy@app.example.com']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Found: Dockerfile; docker-compose.yml (services: app); health endpoint /api/health on port 8080; image ghcr.io/acme/shop from the git remote');
    const yml = read(dir, 'slipway.yml');
    expect(yml.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(SCHEMA_URL).toBe(schema.$id);
    const config = YAML.parse(yml);
    expect(validate(schema, config)).toEqual([]);
    expect(config).toMatchObject({
      defaults: { hosts: 'deploy@app.example.com', 'known-hosts': './known_hosts' },
      build: { image: 'ghcr.io/acme/shop' },
      push: { username: 'acme', password: '${env:REGISTRY_PASSWORD}' },
      deploy: { strategy: 'compose', service: 'app', 'app-dir': `/srv/${path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]/g, '')}`, 'health-url': 'http://127.0.0.1:8080/api/health' },
    });
    for (const name of ['deploy.yml', 'dr-drill.yml', 'secret-scan.yml']) expect(read(dir, `.github/workflows/${name}`)).toBe(read('.', `workflows/${name}`));
    // What to set, and how to get it.
    for (const secret of ['DEPLOY_HOST', 'DEPLOY_SSH_KEY', 'DEPLOY_KNOWN_HOSTS', 'REGISTRY_PASSWORD', 'BACKUP_PASSWORD']) expect(run.stdout).toContain(secret);
    expect(run.stdout).not.toMatch(/\bGITHUB_TOKEN\b/);
    expect(run.stdout).toContain('IMAGE = ghcr.io/acme/shop');
    expect(run.stdout).toContain('ssh-keyscan -p 22 app.example.com > known_hosts');
    expect(run.stdout).toContain('ssh-keygen -lf known_hosts');
    expect(run.stdout).toContain('gh secret set DEPLOY_KNOWN_HOSTS < known_hosts');
  });

  it('writes the Forgejo workflows for a Forgejo remote, with the found service in the deploy workflow', async () => {
    const dir = project({ remote: 'https://git.example.org/team/web.git' });
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n    network_mode: host\n');
    const run = await init(dir, ['--host', 'deploy@203.0.113.7:2222']);
    expect(run.code).toBe(0);
    expect(YAML.parse(read(dir, 'slipway.yml')).build.image).toBe('git.example.org/team/web');
    expect(YAML.parse(read(dir, 'slipway.yml')).deploy.service).toBe('web');
    expect(read(dir, '.forgejo/workflows/deploy.yml')).toMatch(/^\s+service: web$/m);
    expect(fs.existsSync(path.join(dir, '.github'))).toBe(false);
    expect(run.stdout).toContain('ssh-keyscan -p 2222 203.0.113.7 > known_hosts');
    expect(run.stdout).toContain('ssh-copy-id -i ~/.ssh/');
    expect(run.stdout).toMatch(/ssh-copy-id -i \S+\.pub -p 2222 deploy@203\.0\.113\.7\n/);
  });

  it('on a terminal asks only what it could not find', async () => {
    const dir = project({ remote: 'git@github.com:acme/shop.git' });
    const run = await init(dir, [], ['deploy@app.example.com']);
    expect(run.code).toBe(0);
    expect(run.questions).toEqual(['Server to deploy to ([user@]host[:port], e.g. deploy@app.example.com): ']);

    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-init-bare-'));
    const asked = await init(bare, [], ['deploy@h.example.com', 'registry.example.com/me/site', 'forgejo', 'release', '']);
    expect(asked.code).toBe(0);
    expect(asked.questions.map((q) => q.split(' (')[0]?.split(' [')[0])).toEqual(['Server to deploy to', 'Image name in your registry', 'Workflows for github or forgejo', 'Deploy with compose', 'Health URL as the server sees it']);
    expect(YAML.parse(read(bare, 'slipway.yml')).deploy).toEqual({ strategy: 'release', 'app-dir': expect.stringMatching(/^\/srv\//), artifact: 'dist/' });
    expect(fs.existsSync(path.join(bare, '.forgejo/workflows/secret-scan.yml'))).toBe(true);
  });

  it('without a terminal names the flag it needs and writes nothing', async () => {
    const dir = project({ remote: 'git@github.com:acme/shop.git' });
    const run = await init(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--host: is required when slipway init runs without a terminal');
    expect(fs.existsSync(path.join(dir, 'slipway.yml'))).toBe(false);
    const bad = await init(dir, ['--host', 'deploy@x;rm -rf ~']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--host: is not [user@]host[:port]');
    expect(bad.stderr).not.toContain('rm -rf');
  });

  it('never overwrites a file without --force, and names every file that exists', async () => {
    const dir = project({ remote: 'git@github.com:acme/shop.git' });
    expect((await init(dir, ['--host', 'deploy@a.example.com'])).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'slipway.yml'), '# mine\n');
    const again = await init(dir, ['--host', 'deploy@b.example.com']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('slipway.yml, .github/workflows/deploy.yml, .github/workflows/dr-drill.yml, .github/workflows/secret-scan.yml: exist already. Nothing was written');
    expect(read(dir, 'slipway.yml')).toBe('# mine\n');
    const forced = await init(dir, ['--host', 'deploy@b.example.com', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('overwrote slipway.yml');
    expect(YAML.parse(read(dir, 'slipway.yml')).defaults.hosts).toBe('deploy@b.example.com');
  });

  it('--json prints one document on stdout: the files written, and the secrets and variables to set', async () => {
    const dir = project({ remote: 'git@github.com:acme/shop.git' });
    const run = await init(dir, ['--host', 'deploy@a.example.com', '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ ok: true, forge: 'github', written: ['slipway.yml', '.github/workflows/deploy.yml', '.github/workflows/dr-drill.yml', '.github/workflows/secret-scan.yml'] });
    expect(document.secrets).toEqual(expect.arrayContaining(['DEPLOY_HOST', 'DEPLOY_KNOWN_HOSTS', 'DEPLOY_SSH_KEY', 'REGISTRY_PASSWORD']));
    expect(run.stderr).toContain('ssh-keyscan');
    const again = await init(dir, ['--host', 'deploy@a.example.com', '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout)).toEqual({ ok: false, error: expect.stringContaining('exist already') });
  });

  it('--dry-run prints slipway.yml and writes nothing', async () => {
    const dir = project({ remote: 'git@github.com:acme/shop.git' });
    const run = await init(dir, ['--host', 'deploy@a.example.com', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- slipway.yml\n# yaml-language-server');
    expect(fs.readdirSync(dir).filter((f) => f === 'slipway.yml' || f === '.github')).toEqual([]);
  });
});
