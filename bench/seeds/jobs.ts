// The seed jobs of issue 20, each three ways: the seed's own shell steps (bench/seeds/shell,
// one multiplexed SSH connection), the Slipway CLI bundle, and the action bundles run as a
// runner runs them (INPUT_* for every action.yml default). Fixtures carry the tag "hb".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sandbox } from '../../test/support/sandbox.js';

/** One process a way starts; a way is a list of them, run one after the other. */
export interface Step {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** A Slipway process: its SLIPWAY_TIMINGS lines feed the phase breakdown. */
  slipway?: 'cli' | 'action';
}

export interface Way { steps: Step[]; expectFailure?: boolean }

export type WayName = 'shell' | 'cli' | 'action';

export interface SeedJob {
  id: string;
  title: string;
  setup(): void;
  /** Untimed work before each round (e.g. a good version to roll back to). */
  beforeRound?(version: string): void;
  shell(version: string): Way;
  cli(version: string): Way;
  action(version: string): Way;
  /**
   * Checks Slipway makes on this job that the seed's shell way does not, each named by the floor
   * metric (a prefix) that measures it: the ratio against shell + bundle starts + these is reported too.
   */
  checksShellSkips?: Array<{ what: string; floor: string }>;
  /** Throws unless the round left the app as the job promises (new version serving, or the old one after a rollback). */
  verify(version: string, way: WayName): void;
  teardown(): void;
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const SHELL = path.join(ROOT, 'bench', 'seeds', 'shell');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const TAG = 'hb';

export const sh = (file: string, args: string[], options: { allowFailure?: boolean; cwd?: string } = {}): string => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  } catch (error) {
    if (options.allowFailure) return '';
    const e = error as { stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${(e.stderr ?? e.message).slice(0, 400)}`, { cause: error });
  }
};

function httpGet(url: string): string {
  return sh('curl', ['-fsS', '--max-time', '3', url], { allowFailure: true });
}

/** Every default of an action.yml as INPUT_* (what a runner sets), then the step's own inputs. */
export function actionStep(actionYml: string, inputs: Record<string, string>, workDir: string): Step {
  const text = fs.readFileSync(path.join(ROOT, actionYml), 'utf8');
  const defaults = actionDefaults(text);
  const main = /^\s+main:\s*'([^']+)'/m.exec(text)?.[1];
  if (!main) throw new Error(`${actionYml} has no runs.main`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir, RUNNER_TEMP: workDir, GITHUB_WORKSPACE: workDir,
    GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_OUTPUT: path.join(workDir, 'output'), GITHUB_STEP_SUMMARY: path.join(workDir, 'summary'),
    GITHUB_REPOSITORY: 'team/app', GITHUB_SERVER_URL: 'https://code.example.com', GITHUB_RUN_ID: '42', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: '0'.repeat(40),
  };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  for (const file of [env.GITHUB_OUTPUT!, env.GITHUB_STEP_SUMMARY!]) if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return { file: process.execPath, args: [path.resolve(path.dirname(path.join(ROOT, actionYml)), main)], env, cwd: workDir, slipway: 'action' };
}

/** `inputs:` defaults of an action.yml: two-space names, four-space `default:` lines. */
export function actionDefaults(text: string): Record<string, string> {
  const defaults: Record<string, string> = {};
  const block = text.split(/^inputs:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  let name = '';
  for (const line of block.split('\n')) {
    const input = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (input) { name = input[1]!; continue; }
    const value = /^ {4}default:\s*(.*)$/.exec(line);
    if (value && name) defaults[name] = unquote(value[1]!.trim());
  }
  return defaults;
}

function unquote(value: string): string {
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"') && value.endsWith('"')) return JSON.parse(value) as string;
  return value;
}

function cliStep(command: string, inputs: Record<string, string>, cwd: string): Step {
  const args = [CLI, command];
  for (const [name, value] of Object.entries(inputs)) args.push(`--${name}=${value}`);
  return { file: process.execPath, args, env: { ...cleanEnv() }, cwd, slipway: 'cli' };
}

function shellStep(script: string, env: Record<string, string>, cwd: string): Step {
  return { file: 'bash', args: [path.join(SHELL, script)], env: { ...cleanEnv(), ...env }, cwd };
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'DOCKER_HOST', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key]!;
  return env;
}

function workDir(name: string): string {
  const dir = path.join(os.tmpdir(), `${TAG}-seeds-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function sshInputs(sandbox: Sandbox): { host: string; user: string; 'private-key': string; 'known-hosts': string } {
  const h1 = sandbox.ssh.hosts[0]!;
  return { host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath };
}

function sshEnv(sandbox: Sandbox): Record<string, string> {
  const h1 = sandbox.ssh.hosts[0]!;
  return { SSH_HOST: h1.address, SSH_PORT: String(h1.port), SSH_USER: sandbox.ssh.user, SSH_KEY: sandbox.ssh.privateKeyPath, KNOWN_HOSTS: sandbox.ssh.knownHostsPath };
}

function ownedByDeploy(dir: string): void { sh('chown', ['-R', 'deploy:deploy', dir]); }

function removeContainers(filterOrNames: string[]): void {
  const ids = sh('docker', ['ps', '-aq', ...filterOrNames.flatMap((f) => ['--filter', f])], { allowFailure: true }).split('\n').filter(Boolean);
  if (ids.length) sh('docker', ['rm', '-f', ...ids], { allowFailure: true });
}

// ---------------------------------------------------------------------------------------------
// 001: build amd64, push, anonymous-pull check, update the host, smoke /api/health.
export function seed001(sandbox: Sandbox): SeedJob {
  const base = sandbox.ssh.hosts[0]!.baseDir;
  const appDir = `${base}/hb-seed001`;
  const project = 'hb-seed001';
  const port = 47001;
  const image = `${sandbox.registries.anonymous.address}/hb/seed001`;
  const health = `http://127.0.0.1:${port}/api/health`;
  const context = path.join(ROOT, 'examples', 'app');
  const work = workDir('001');
  const inputs = (version: string): Record<string, string> => ({
    image, context, 'build-args': 'APP_VERSION={version}', version, network: 'host', 'verify-anonymous-pull': 'true',
    ...sshInputs(sandbox), hosts: sshInputs(sandbox).host, 'app-dir': appDir, service: 'app', 'compose-project': project,
    url: health, 'expect-version': version, timeout: '20s',
  });
  const pipelineInputs = (version: string): Record<string, string> => {
    const all = inputs(version);
    delete (all as Record<string, string | undefined>).host;
    // No `env-file`: Node 20 takes `--env-file` for itself wherever it stands on the command line
    // (node: .env: not found); compose reads app-dir/.env on its own anyway.
    return all;
  };
  return {
    id: '001', title: '001: build amd64, push, anonymous-pull check, update host, smoke /api/health',
    setup() {
      sh('rm', ['-rf', appDir]);
      fs.mkdirSync(appDir, { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'examples/compose/docker-compose.yml'), `${appDir}/docker-compose.yml`);
      fs.writeFileSync(`${appDir}/.env`, `PORT=${port}\n`);
      ownedByDeploy(appDir);
      removeContainers([`label=com.docker.compose.project=${project}`]);
    },
    shell: (version) => ({ steps: [shellStep('001-build-push-update-smoke.sh', { ...sshEnv(sandbox), IMAGE: image, VERSION: version, CONTEXT: context, APP_DIR: appDir, PROJECT: project, HEALTH_URL: health }, work)] }),
    cli: (version) => ({ steps: [cliStep('pipeline', pipelineInputs(version), work)] }),
    action: (version) => ({ steps: [actionStep('action.yml', pipelineInputs(version), work)] }),
    verify(version) {
      if (!httpGet(health).includes(`"version":"${version}"`)) throw new Error(`001: ${health} does not report ${version}`);
    },
    teardown() {
      removeContainers([`label=com.docker.compose.project=${project}`]);
      sh('rm', ['-rf', appDir, work]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 002: release deploy (upload, shared env links, migrate in the release, switch, restart, health,
// keep 5, log), and a v3 whose health never turns green → rollback. Each way has its own app
// root (their release names and pruning differ); one httpd serves all three roots.
export function seed002(sandbox: Sandbox, failing: boolean): SeedJob {
  const base = sandbox.ssh.hosts[0]!.baseDir;
  const parent = `${base}/hb-seed002${failing ? '-v3' : ''}`;
  const port = failing ? 47012 : 47002;
  const server = `hb-seed002${failing ? '-v3' : ''}-web`;
  const work = workDir(`002${failing ? '-v3' : ''}`);
  const restart = `sudo -n ${sandbox.restartScript} hb-seed002`;
  const healthTimeout = failing ? 5 : 60;
  const artifact = (version: string, healthy: boolean): string => {
    const dir = path.join(work, `artifact-${version}`);
    fs.mkdirSync(path.join(dir, 'backend'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'frontend'), { recursive: true });
    for (let i = 0; i < 40; i += 1) fs.writeFileSync(path.join(dir, i % 2 ? 'backend' : 'frontend', `module-${i}.txt`), `module ${i} of ${version}\n`.repeat(200));
    if (healthy) fs.writeFileSync(path.join(dir, 'health.json'), `{"ok":true,"version":"${version}"}`);
    return dir;
  };
  const healthUrl = (way: string): string => `http://127.0.0.1:${port}/${way}/current/health.json`;
  const slipwayInputs = (way: string, version: string): Record<string, string> => ({
    ...sshInputs(sandbox), strategy: 'release', 'app-dir': `${parent}/${way}`, version, artifact: artifact(version, !failing),
    shared: '.env\n.env.production', 'pre-promote': 'test -L .env && echo migrated > migrated.txt', restart, 'keep-releases': '5',
    'health-url': healthUrl(way), 'health-expect': '"version":"{version}"', 'health-timeout': `${healthTimeout}s`,
  });
  const lastGood = new Map<string, string>();
  const deployGood = (way: string, version: string): void => {
    // The good release a failing round rolls back to (untimed), deployed the way's own way:
    // Slipway rolls back to what it recorded, the script to what `current` pointed at.
    if (way === 'shell') {
      execFileSync('bash', [path.join(SHELL, '002-release-deploy.sh')], {
        env: { ...cleanEnv(), ...sshEnv(sandbox), ROOT: `${parent}/${way}`, ARTIFACT: artifact(version, true), VERSION: version, HEALTH_URL: healthUrl(way), HEALTH_TIMEOUT: '20', RESTART: restart },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } else {
      const step = cliStep('deploy', { ...slipwayInputs(way, version), artifact: artifact(version, true), 'health-timeout': '20s' }, work);
      execFileSync(step.file, step.args, { env: step.env, cwd: step.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    }
    lastGood.set(way, version);
  };
  return {
    id: failing ? '002-v3' : '002', title: failing ? '002: v3 fails health (5 s) → rollback' : '002: release deploy (upload, migrate in release, switch, restart, health, keep 5, log)',
    setup() {
      sh('rm', ['-rf', parent]);
      for (const way of ['shell', 'cli', 'action']) {
        fs.mkdirSync(`${parent}/${way}/shared`, { recursive: true });
        fs.mkdirSync(`${parent}/${way}/releases`, { recursive: true });
        fs.writeFileSync(`${parent}/${way}/shared/.env`, 'DATABASE_URL=postgresql://bench\n');
        fs.writeFileSync(`${parent}/${way}/shared/.env.production`, 'ORIGIN=http://bench.lan\n');
      }
      ownedByDeploy(parent);
      sh('docker', ['rm', '-f', server], { allowFailure: true });
      sh('docker', ['run', '-d', '--name', server, '--network', 'host', '-v', `${parent}:${parent}:ro`, sandbox.baseImage, 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', parent]);
    },
    beforeRound: failing ? (version) => { for (const way of ['shell', 'cli', 'action']) deployGood(way, `${version}-good`); } : undefined,
    shell: (version) => ({
      expectFailure: failing,
      steps: [shellStep('002-release-deploy.sh', {
        ...sshEnv(sandbox), ROOT: `${parent}/shell`, ARTIFACT: artifact(version, !failing), VERSION: version, HEALTH_URL: healthUrl('shell'), HEALTH_TIMEOUT: String(healthTimeout), RESTART: restart,
      }, work)],
    }),
    cli: (version) => ({ expectFailure: failing, steps: [cliStep('deploy', slipwayInputs('cli', version), work)] }),
    action: (version) => ({ expectFailure: failing, steps: [actionStep('actions/ssh-deploy/action.yml', slipwayInputs('action', version), work)] }),
    verify(version, way) {
      const expected = failing ? lastGood.get(way) : version;
      const body = httpGet(healthUrl(way));
      if (!body.includes(`"version":"${expected}"`)) throw new Error(`${failing ? '002 v3' : '002'} (${way}): ${healthUrl(way)} should serve ${expected}, got ${body.slice(0, 80)}`);
    },
    teardown() {
      sh('docker', ['rm', '-f', server], { allowFailure: true });
      sh('rm', ['-rf', parent, work]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 003: staging deploy by a script over SSH (the token from the environment), then /health and /health/db.
export function seed003(sandbox: Sandbox): SeedJob {
  const base = sandbox.ssh.hosts[0]!.baseDir;
  const appDir = `${base}/hb-seed003`;
  const port = 47003;
  const container = 'hb-seed003-api';
  const work = workDir('003');
  const token = `ghp_hbBench${'x'.repeat(26)}`;
  const script = [
    'set -e',
    'test -n "$GITHUB_TOKEN"',
    `docker rm -f ${container} >/dev/null 2>&1 || true`,
    `docker run -d --name ${container} --network host -e "V=$APP_VERSION" ${sandbox.baseImage} sh -c 'mkdir -p /w/health && printf "{\\"status\\":\\"ok\\",\\"version\\":\\"%s\\"}" "$V" > /w/health/index.html && echo "{\\"database\\":\\"connected\\"}" > /w/health/db && exec httpd -f -p 127.0.0.1:${port} -h /w' >/dev/null`,
  ].join('\n');
  const scriptFile = path.join(work, 'deploy-staging.sh');
  const healthUrl = `http://127.0.0.1:${port}/health/`;
  const dbUrl = `http://127.0.0.1:${port}/health/db`;
  const deployInputs = (version: string): Record<string, string> => ({
    ...sshInputs(sandbox), strategy: 'script', 'app-dir': appDir, version, script, env: `GITHUB_TOKEN=${token}\nAPP_VERSION=${version}`,
  });
  const smokeInputs = (version: string): Record<string, string> => ({
    checks: `- { url: "${healthUrl}", expect-version: "${version}" }\n- { url: "${dbUrl}", json: ["database == connected"] }`, timeout: '20s',
  });
  return {
    id: '003', title: '003: staging deploy by script over SSH, two health endpoints',
    // The two checks confirm side by side: one guard's time.
    checksShellSkips: [{ what: 'the smoke test\'s flap guard (3 passes in a row)', floor: '`slipway smoke --url`' }],
    setup() {
      sh('rm', ['-rf', appDir]);
      fs.mkdirSync(appDir, { recursive: true });
      ownedByDeploy(appDir);
      fs.writeFileSync(scriptFile, `${script}\n`);
      sh('docker', ['rm', '-f', container], { allowFailure: true });
    },
    shell: (version) => ({ steps: [shellStep('003-script-deploy.sh', { ...sshEnv(sandbox), SCRIPT: scriptFile, APP_DIR: appDir, VERSION: version, TOKEN: token, HEALTH_URL: healthUrl, DB_HEALTH_URL: dbUrl }, work)] }),
    cli: (version) => ({ steps: [cliStep('deploy', deployInputs(version), work), cliStep('smoke', smokeInputs(version), work)] }),
    action: (version) => ({ steps: [actionStep('actions/ssh-deploy/action.yml', deployInputs(version), work), actionStep('actions/smoke-test/action.yml', smokeInputs(version), work)] }),
    verify(version) {
      if (!httpGet(healthUrl).includes(`"version":"${version}"`)) throw new Error(`003: ${healthUrl} does not report ${version}`);
    },
    teardown() {
      sh('docker', ['rm', '-f', container], { allowFailure: true });
      sh('rm', ['-rf', appDir, work]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 004: the disaster-recovery drill: restore the newest snapshot, integrity, counts, boot the app, /healthz.
export const SEED004_SQL = `
PRAGMA journal_mode = WAL;
CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL REFERENCES students(id), body TEXT, created_at TEXT NOT NULL);
CREATE TABLE quiz_attempts (id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL REFERENCES students(id), question TEXT, correct INTEGER, created_at TEXT NOT NULL);
INSERT INTO students (name, created_at) VALUES ('Ana', datetime('now')), ('Borja', datetime('now')), ('Chen', datetime('now'));
INSERT INTO journal_entries (student_id, body, created_at) VALUES (1, 'first day', datetime('now')), (2, 'lab 06', datetime('now')), (3, 'wal mode', datetime('now')), (1, 'second day', datetime('now'));
INSERT INTO quiz_attempts (student_id, question, correct, created_at) VALUES (1, 'q1', 1, datetime('now')), (2, 'q1', 0, datetime('now')), (3, 'q2', 1, datetime('now'));
`;

export function seed004(sandbox: Sandbox): SeedJob {
  const work = workDir('004');
  const repo = path.join(work, 'restic-repo');
  const password = 'hb-drill-repo-password-4';
  const scratch = path.join(work, 'scratch');
  const appArgs = ['sh', '-c', 'test -s /data/portal.db && mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 127.0.0.1:$PORT -h /tmp/www'].join('\n');
  const drillInputs = (version: string): Record<string, string> => ({
    source: 'restic', repository: repo, password, name: `hb-seed004-${version}`,
    tables: 'students\njournal_entries\nquiz_attempts', 'min-rows': 'students=3\njournal_entries=4\nquiz_attempts=3',
    'app-image': sandbox.baseImage, 'app-args': appArgs, 'app-timeout': '20s', 'scratch-root': scratch,
  });
  return {
    id: '004', title: '004: drill (restore, integrity, counts, app boot, /healthz)',
    setup() {
      const live = path.join(work, 'var/lib/lynx-portal');
      fs.mkdirSync(live, { recursive: true });
      fs.mkdirSync(scratch, { recursive: true });
      sh('sqlite3', [path.join(live, 'portal.db'), SEED004_SQL]);
      const staging = path.join(work, 'staging');
      fs.mkdirSync(staging);
      sh('sqlite3', [path.join(live, 'portal.db'), `.backup '${path.join(staging, 'portal.db')}'`]);
      const env = { ...process.env, RESTIC_PASSWORD: password, RESTIC_CACHE_DIR: path.join(scratch, 'restic-cache') };
      execFileSync('restic', ['init', '--repo', repo, '--quiet'], { env, stdio: 'ignore' });
      execFileSync('restic', ['backup', '--repo', repo, '--quiet', staging], { env, stdio: 'ignore' });
    },
    shell: (version) => ({ steps: [shellStep('004-restore-drill.sh', { REPO: repo, RESTIC_PASSWORD: password, SCRATCH_ROOT: scratch, APP_IMAGE: sandbox.baseImage, APP_PORT: '47004', NAME: `hb-seed004-shell-${version}` }, work)] }),
    cli: (version) => ({ steps: [cliStep('drill', drillInputs(version), work)] }),
    action: (version) => ({ steps: [actionStep('actions/restore-drill/action.yml', drillInputs(version), work)] }),
    verify() { /* a drill's verdict is its exit code */ },
    teardown() { sh('rm', ['-rf', work]); },
  };
}
