import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestImage, hosts, removeProject, runner, sandbox } from '../deploy/support.js';

/**
 * The CLI as a person runs it, many times over: `node dist/cli/index.js deploy …`
 * as its own process, on the sandbox hosts. Every run must end with a full result
 * (the table, the deploy-log line) and leave nothing behind (lock, session dir,
 * ssh master). Node exits 0 when its event loop runs dry with a promise pending,
 * so a run that stalls looks like success unless the result is checked each time.
 * The apps restart slowly on purpose: the health check's first requests meet a
 * tunnel that accepts and then closes (the case that once stalled the CLI).
 */
const CLI = path.resolve('dist/cli/index.js');
const [h1, h2, h3] = hosts;
const RELEASE_PORT = 41040;
/** 30 runs in three lanes side by side (one host each), so the whole spec stays near a minute. */
const RELEASE_RUNS = 12;
const COMPOSE_RUNS = 9;

interface CliRun { code: number; stdout: string; stderr: string; ms: number }

function slipway(args: string[], tmp: string): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    // TMPDIR of its own: every session dir this run makes is inside, so "nothing left" is checkable.
    execFile('node', [CLI, ...args], { env: { ...process.env, TMPDIR: tmp, SLIPWAY_DEBUG: '' }, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const sshFlags = (host: { address: string; port: number }) => [
  '--host', `${host.address}:${host.port}`, '--user', sandbox.ssh.user,
  '--private-key', sandbox.ssh.privateKeyPath, '--known-hosts', sandbox.ssh.knownHostsPath, '--connect-timeout', '5s',
];

/** Processes still running whose command line names `dir` (an ssh master of a session made there). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dir)) found.push(`${pid}: ${cmdline.trim()}`);
    } catch { /* gone meanwhile */ }
  }
  return found;
}

function lastLogLine(appDir: string): string {
  return fs.readFileSync(`${appDir}/.slipway/deploy.log`, 'utf8').trim().split('\n').pop() ?? '';
}

/** What every run must show: exit 0, the result table with the version deployed, the log line, nothing left. */
function expectFullResult(run: CliRun, what: { strategy: string; version: string; appDir: string; tmp: string }, label: string): void {
  const context = `${label}: exit ${run.code} after ${run.ms} ms\nstdout:\n${run.stdout}\nstderr:\n${run.stderr.slice(-2000)}`;
  // The whole output in the failure message: a run that went wrong says why only there.
  if (run.code !== 0) throw new Error(context);
  expect(run.stdout).toContain(`== Deploy (${what.strategy}): ok ==`);
  expect(run.stdout).toMatch(new RegExp(`deployed\\s+${what.version}\\s`));
  expect(run.stderr).not.toContain('stopped before it had a result');
  expect(lastLogLine(what.appDir)).toMatch(new RegExp(`\\tversion=${what.version}\\t.*result=(ok|deployed)`));
  expect(fs.existsSync(`${what.appDir}/.slipway/lock`)).toBe(false);
  expect(fs.readdirSync(what.tmp)).toEqual([]);
  expect(processesUsing(what.tmp)).toEqual([]);
}

describe('the CLI deploys to the sandbox 30 times as a user process, each with a full result', () => {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-cli-'));
  const releaseDir = `${h2.baseDir}/hc-cli-release`;
  const composeLanes = [{ host: h3, port: 41041 }, { host: h1, port: 41042 }].map((lane) => ({
    ...lane, appDir: `${lane.host.baseDir}/hc-cli-compose`, project: `hc-cli-compose-${lane.host.name}`,
  }));
  const releaseServer = 'hc-cli-release-h2';
  const artifacts: Record<string, string> = {};

  beforeAll(async () => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    const dirs = [releaseDir, ...composeLanes.map((lane) => lane.appDir)];
    for (const dir of dirs) await runner.run({ file: 'rm', args: ['-rf', dir] });
    fs.mkdirSync(`${releaseDir}/shared`, { recursive: true });
    fs.writeFileSync(`${releaseDir}/shared/.env`, 'SECRET=shared\n');
    for (const lane of composeLanes) {
      fs.mkdirSync(lane.appDir, { recursive: true });
      fs.copyFileSync('examples/compose/docker-compose.yml', `${lane.appDir}/docker-compose.yml`);
      fs.writeFileSync(`${lane.appDir}/.env`, `PORT=${lane.port}\n`);
      await removeProject(lane.project);
    }
    for (const dir of dirs) await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', dir] });
    // Serves the release dir; started late after each restart, so the first health requests are refused.
    await runner.run({ file: 'docker', args: ['rm', '-f', releaseServer] }, { allowFailure: true });
    await runner.run({ file: 'docker', args: ['run', '-d', '--name', releaseServer, '--network', 'host', '-v', `${releaseDir}:${releaseDir}:ro`, sandbox.baseImage,
      'sh', '-c', `sleep 0.4; exec httpd -f -p 127.0.0.1:${RELEASE_PORT} -h ${releaseDir}`] });
    await Promise.all(['hc-a', 'hc-b'].map((version) => buildTestImage(version)));
    for (const version of ['r-a', 'r-b']) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, 'artifact-'));
      fs.writeFileSync(path.join(dir, 'health.json'), `{"ok":true,"version":"${version}"}`);
      artifacts[version] = dir;
    }
  });

  afterAll(async () => {
    await runner.run({ file: 'docker', args: ['rm', '-f', releaseServer] }, { allowFailure: true });
    for (const lane of composeLanes) await removeProject(lane.project);
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('release with health-url on h2, compose with health-url (and a via-ssh smoke test) on h3 and h1, side by side', async () => {
    const durations: number[] = [];

    const releaseLane = async () => {
      const tmp = fs.mkdtempSync(path.join(tmpRoot, 'rel-'));
      for (let i = 0; i < RELEASE_RUNS; i += 1) {
        const version = i % 2 === 0 ? 'r-a' : 'r-b';
        const run = await slipway(['deploy', ...sshFlags(h2), '--strategy', 'release', '--app-dir', releaseDir, '--version', version,
          '--artifact', artifacts[version] ?? '', '--shared', '.env', '--keep-releases', '2', '--restart', `docker restart -t 0 ${releaseServer}`,
          '--health-url', `http://127.0.0.1:${RELEASE_PORT}/current/health.json`, '--health-expect', `"version":"{version}"`, '--health-timeout', '20s'], tmp);
        durations.push(run.ms);
        expectFullResult(run, { strategy: 'release', version, appDir: releaseDir, tmp }, `release run ${i + 1}`);
      }
    };

    const composeLane = async (lane: (typeof composeLanes)[number]) => {
      const tmp = fs.mkdtempSync(path.join(tmpRoot, `${lane.host.name}-`));
      for (let i = 0; i < COMPOSE_RUNS; i += 1) {
        const version = i % 2 === 0 ? 'hc-a' : 'hc-b';
        const run = await slipway(['deploy', ...sshFlags(lane.host), '--strategy', 'compose', '--app-dir', lane.appDir, '--compose-project', lane.project,
          '--service', 'app', '--image', `slipway-deploy-test:${version}`, '--pull', 'false',
          '--health-url', `http://127.0.0.1:${lane.port}/api/health`, '--health-expect', `"version":"{version}"`, '--health-timeout', '20s'], tmp);
        durations.push(run.ms);
        expectFullResult(run, { strategy: 'compose', version, appDir: lane.appDir, tmp }, `compose run ${i + 1} on ${lane.host.name}`);
        if (i % 3 === 2) {
          const smoke = await slipway(['smoke', '--url', `http://127.0.0.1:${lane.port}/api/health`, '--expect-version', version, '--via-ssh', ...sshFlags(lane.host), '--timeout', '20s'], tmp);
          if (smoke.code !== 0) throw new Error(`smoke after compose run ${i + 1} on ${lane.host.name}: exit ${smoke.code}\n${smoke.stdout}\n${smoke.stderr.slice(-2000)}`);
          expect(smoke.stdout).toContain(version);
          expect(fs.readdirSync(tmp)).toEqual([]);
          expect(processesUsing(tmp)).toEqual([]);
        }
      }
    };

    await Promise.all([releaseLane(), ...composeLanes.map(composeLane)]);
    expect(durations).toHaveLength(RELEASE_RUNS + 2 * COMPOSE_RUNS);
  }, 300_000);
});
