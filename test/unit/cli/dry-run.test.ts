import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slipway } from './capture.js';

// Every tool a flow could start, as a logging fake first on PATH: a dry run must call none of them.
const TOOLS = ['ssh', 'ssh-agent', 'ssh-add', 'rsync', 'docker', 'docker-compose', 'git', 'timeout', 'restic', 'borg', 'sqlite3', 'pg_dump', 'pg_restore', 'psql', 'tar', 'sh'];
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const PIN = `SHA256:${'A'.repeat(43)}`;

let dir: string;
let calls: string;
let originalPath: string | undefined;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hc-dry-run-'));
  calls = path.join(dir, 'calls.log');
  fs.mkdirSync(path.join(dir, 'bin'));
  for (const tool of TOOLS) fs.writeFileSync(path.join(dir, 'bin', tool), `#!/bin/sh\necho "${tool} $*" >> ${calls}\nexit 1\n`, { mode: 0o755 });
  originalPath = process.env.PATH;
  process.env.PATH = `${path.join(dir, 'bin')}:${originalPath}`;
  fs.writeFileSync(path.join(dir, 'key'), KEY, { mode: 0o600 });
});
afterAll(() => {
  process.env.PATH = originalPath;
  fs.rmSync(dir, { recursive: true, force: true });
});
const called = () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '');

const ssh = ['--host', 'deploy@app.example.com', `--private-key=${KEY}`, '--host-fingerprint', PIN];

describe('--dry-run touches nothing', () => {
  it('proves the fakes log: a real deploy run calls them', async () => {
    fs.rmSync(calls, { force: true });
    const run = await slipway('deploy', ...ssh, '--app-dir', '/srv/app', '--strategy', 'script', '--script', 'true', '--connect-timeout', '1s');
    expect(run.code).toBe(1);
    expect(called()).toMatch(/^(timeout|ssh) /m);
  });

  it('plans a rollback for slipway deploy --mode rollback --dry-run and rolls nothing back', async () => {
    fs.rmSync(calls, { force: true });
    const run = await slipway('deploy', ...ssh, '--app-dir', '/srv/app', '--service', 'web', '--mode', 'rollback', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Rollback plan (dry run, nothing touched): roll back with compose on 1 host(s)');
    expect(run.stdout).toContain('On deploy@app.example.com:22 (/srv/app):');
    expect(run.stdout).toContain('point web at the previous image recorded in /srv/app/.slipway');
    expect(called()).toBe('');
  });

  it('plans a release deploy with its health check per host, and prints it as one JSON document with --json', async () => {
    fs.rmSync(calls, { force: true });
    const artifact = fs.mkdtempSync(path.join(dir, 'artifact-'));
    const run = await slipway('deploy', '--hosts', 'a.example.com\nb.example.com:2222', '--private-key', path.join(dir, 'key'), '--host-fingerprint', PIN,
      '--strategy', 'release', '--app-dir', '/srv/{host}', '--artifact', artifact, '--version', 'v7', '--restart', 'sudo -n systemctl restart app',
      '--health-url', 'http://127.0.0.1:8080/health', '--json', '--dry-run');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { ok: boolean; dryRun: boolean; plan: { version: string; hosts: Array<{ host: string; appDir: string; commands: string[] }> } };
    expect(document).toMatchObject({ ok: true, dryRun: true, plan: { version: 'v7' } });
    expect(document.plan.hosts.map((host) => host.appDir)).toEqual(['/srv/a.example.com', '/srv/b.example.com']);
    expect(document.plan.hosts[1]?.commands).toEqual(expect.arrayContaining([expect.stringMatching(/sudo -n systemctl restart app$/), expect.stringMatching(/^health: http:\/\/127\.0\.0\.1:8080\/health /)]));
    expect(run.stdout).not.toContain('OPENSSH PRIVATE KEY');
    expect(called()).toBe('');
  });

  it('plans the pipeline and a drill without starting anything', async () => {
    fs.rmSync(calls, { force: true });
    const pipeline = await slipway('pipeline', '--image', 'registry.example.com/team/app', '--context', 'examples/app', '--version', '1.2.3', ...ssh,
      '--app-dir', '/srv/app', '--service', 'web', '--url', 'https://app.example.com/health', '--dry-run');
    expect(pipeline.code).toBe(0);
    expect(pipeline.stdout).toContain('Deploy pipeline plan (dry run, nothing touched)');
    const asJson = await slipway('pipeline', '--image', 'registry.example.com/team/app', '--context', 'examples/app', '--version', '1.2.3', ...ssh,
      '--app-dir', '/srv/app', '--service', 'web', '--url', 'https://app.example.com/health', '--dry-run', '--json');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: true, dryRun: true, plan: { version: '1.2.3', hosts: [{ host: 'deploy@app.example.com:22' }] } });
    const db = path.join(dir, 'app.db');
    fs.writeFileSync(db, '');
    const drill = await slipway('drill', '--source', 'sqlite', '--database-path', db, '--min-rows', 'users=1', '--report-file', path.join(dir, 'report.json'), '--dry-run');
    expect(drill.stderr).toBe('');
    expect(drill.code).toBe(0);
    expect(drill.stdout).toContain('Restore drill plan (dry run, nothing touched)');
    expect(drill.stdout).toContain(`read a consistent copy of the SQLite database ${db}`);
    expect(drill.stdout).toContain('users has at least 1 row(s)');
    expect(called()).toBe('');
    expect(fs.existsSync(path.join(dir, 'report.json'))).toBe(false);
  });

  it.each([
    [['deploy', '--mode', 'rollback', '--dryrun'], '--dryrun: is not a flag of slipway deploy. Did you mean --dry-run?'],
    [['deploy', '--mode', 'rollback', '--dry-run=false'], '--dry-run: takes no value'],
    [['smoke', '--url', 'http://127.0.0.1:9/', '--dry-run'], '--dry-run: is not available for slipway smoke'],
    [['pipeline', '--dry-rn'], '--dry-rn: is not a flag of slipway pipeline. Did you mean --dry-run?'],
  ])('refuses %j with exit 2 before anything runs', async (argv, message) => {
    fs.rmSync(calls, { force: true });
    const run = await slipway(...argv, ...ssh, '--app-dir', '/srv/app', '--service', 'web');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(called()).toBe('');
  });
});

describe('slipway.yml and the output switches', () => {
  it('refuses a misspelt key in the command\'s own section of slipway.yml, naming it and the nearest input', async () => {
    const config = path.join(dir, 'slipway.yml');
    fs.writeFileSync(config, 'defaults:\n  url: https://shared.example.com/\ndeploy:\n  app-dir: /srv/app\n  helth-url: http://127.0.0.1:8080/\n');
    const run = await slipway('deploy', '--config', config, ...ssh, '--service', 'web', '--mode', 'rollback', '--dry-run');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${config}: deploy.helth-url: is not an input of slipway deploy. Did you mean health-url?`);
  });

  it('refuses a key under defaults: that is an input of no command, and takes one that belongs to another command', async () => {
    const config = path.join(dir, 'defaults.yml');
    fs.writeFileSync(config, 'defaults:\n  expect-version: v1\n  app-dri: /srv/app\n');
    const run = await slipway('deploy', '--config', config, ...ssh, '--app-dir', '/srv/app', '--service', 'web', '--mode', 'rollback', '--dry-run');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${config}: defaults.app-dri: is not an input of any command. Did you mean app-dir?`);
    fs.writeFileSync(config, 'defaults:\n  expect-version: v1\n');
    expect((await slipway('deploy', '--config', config, ...ssh, '--app-dir', '/srv/app', '--service', 'web', '--mode', 'rollback', '--dry-run')).code).toBe(0);
  });

  it('keeps stderr to errors with --quiet, the result still on stdout', async () => {
    const smoke = ['smoke', '--url', 'http://127.0.0.1:9/', '--timeout', '1s'];
    const loud = await slipway(...smoke);
    const quiet = await slipway(...smoke, '--quiet');
    expect(loud.stderr).toContain('▸ Smoke test (1 check)');
    expect(loud.stderr).toMatch(/not ready yet \(attempt 1\)/);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr.trim().split('\n').every((line) => /^error: /.test(line))).toBe(true);
    expect(quiet.stderr).toContain("error: smoke check '127.0.0.1:9'");
    // The same result table (attempt counts and times vary with the machine's load).
    const firstLine = (text: string) => text.split('\n')[0];
    expect(quiet.stdout).toContain('127.0.0.1:9');
    expect(firstLine(quiet.stdout)).toBe(firstLine(loud.stdout));
  });
});
