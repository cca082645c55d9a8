import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { acquireLock, type HeldLock } from '../../../src/deploy/lock.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import type { CommandIo } from '../../../src/cli/commands/command-io.js';
import { runLockCommand } from '../../../src/cli/commands/lock.js';
import { runHistoryCommand, runStatusCommand } from '../../../src/cli/commands/status.js';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { openSshSession, parseSshInputs } from '../../../src/ssh/index.js';
import { buildTestImage, hosts, httpGet, prepareComposeApp, removeProject, runner, sshValues } from '../deploy/support.js';

const [h1, h2] = hosts;
const PORT = 45011;
const PROJECT = 'slipway-hm-status';
const composeDir = `${h1.baseDir}/hm-status-app`;
const releaseDir = `${h2.baseDir}/hm-status-release`;

/** Runs a command in process, as a person or a script would see it. */
async function run(command: (args: string[], io: CommandIo) => Promise<number>, args: string[], options: { answer?: string; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const io: CommandIo = {
    stdout: { write: (text: string) => { stdout += text; } },
    stderr: { write: (text: string) => { stderr += text; } },
    env: { ...process.env },
    cwd: options.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-cwd-')),
    ...(options.answer !== undefined ? { ask: async (question: string) => { questions.push(question); return options.answer ?? ''; } } : {}),
  };
  const code = await command(args, io);
  return { code, stdout, stderr, questions };
}

const flags = (values: Record<string, string>) => Object.entries(values).flatMap(([key, value]) => [`--${key}`, value]);
const composeFlags = () => flags({ ...sshValues([h1]), 'app-dir': composeDir, service: 'app', 'compose-project': PROJECT, 'health-url': `http://127.0.0.1:${PORT}/api/health` });

function artifact(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-artifact-'));
  fs.writeFileSync(path.join(dir, 'health.json'), `{"ok":true,"version":"${version}"}`);
  return dir;
}

describe('slipway status, history and lock on deployed sandbox hosts', () => {
  let v1 = '';
  let v2 = '';
  beforeAll(async () => {
    [v1, v2] = await Promise.all([buildTestImage('hm-1.0.0'), buildTestImage('hm-2.0.0')]);
    await removeProject(PROJECT);
    await prepareComposeApp(h1, 'hm-status-app', PORT);
    await runner.run({ file: 'rm', args: ['-rf', releaseDir] });
    fs.mkdirSync(releaseDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', releaseDir] });
    const compose = (image: string) => ({
      ...sshValues([h1]), strategy: 'compose', 'app-dir': composeDir, service: 'app', image, 'compose-project': PROJECT, 'env-file': '.env', pull: 'false',
      'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-timeout': '20s',
    });
    for (const image of [v1, v2]) {
      const deployed = await runFlow(deployFlow, compose(image), localContext(new MemoryLogger()));
      expect(deployed.failure).toBeUndefined();
    }
    for (const version of ['hm-r1', 'hm-r2']) {
      const deployed = await runFlow(deployFlow, { ...sshValues([h2]), strategy: 'release', 'app-dir': releaseDir, version, artifact: artifact(version) }, localContext(new MemoryLogger()));
      expect(deployed.failure).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // release names are per second
    }
    expect(await httpGet(PORT)).toContain('hm-2.0.0');
  });
  afterAll(async () => removeProject(PROJECT));

  it('status --json prints one document on stdout: image, digest or ID, answered version, lock and last deploys', async () => {
    const result = await run(runStatusCommand, [...composeFlags(), '--json']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.ok).toBe(true);
    const [host] = document.hosts;
    expect(host.host).toBe(`deploy@${h1.address}:${h1.port}`);
    const running = host.serving.containers.filter((c: { state: string }) => c.state === 'running');
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ image: v2, project: PROJECT });
    expect(running[0].imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(host.serving.recorded).toMatchObject({ version: 'hm-2.0.0', previous_version: 'hm-1.0.0', status: 'deployed' });
    expect(host.answers).toMatchObject({ status: 200, version: 'hm-2.0.0' });
    expect(host.lock).toEqual({ held: false, fields: {} });
    expect(host.log.map((e: { version: string }) => e.version)).toEqual(['hm-1.0.0', 'hm-2.0.0']);
    expect(host.log[1]).toMatchObject({ action: 'deploy', strategy: 'compose', previous: 'hm-1.0.0', result: 'deployed' });
  });

  it('status reads the release strategy: the current link target and the releases on disk', async () => {
    const result = await run(runStatusCommand, [...flags({ ...sshValues([h2]), strategy: 'release', 'app-dir': releaseDir }), '--json']);
    expect(result.code).toBe(0);
    const [host] = JSON.parse(result.stdout).hosts;
    expect(host.releases.map((r: { version: string }) => r.version)).toEqual(['hm-r1', 'hm-r2']);
    expect(host.releases[1].current).toBe(true);
    expect(host.serving.current).toBe(host.releases[1].name);
    expect(fs.readlinkSync(`${releaseDir}/current`)).toBe(`releases/${host.serving.current}`);
  });

  it('status for a swarm deploy asks the manager for the stack, and says when the host is no manager', async () => {
    // The sandbox engine is not a swarm manager (swarm tests run their own in a namespace): the answer names that.
    const result = await run(runStatusCommand, [...flags({ ...sshValues([h1]), strategy: 'swarm', stack: 'hm-stack', 'app-dir': composeDir }), '--json']);
    expect(result.code).toBe(0);
    const [host] = JSON.parse(result.stdout).hosts;
    expect(host.serving).toEqual({ recorded: {}, services: [], detail: expect.stringMatching(/^docker service ls failed: .*not a swarm manager/) });
    expect(host.log.length).toBeGreaterThan(0);
    const missing = await run(runStatusCommand, flags({ ...sshValues([h1]), strategy: 'swarm', 'app-dir': composeDir }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--stack: is required to read a swarm deploy/);
  });

  it('status for people prints one block per host and takes the hosts from slipway.yml\'s deploy section', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-yml-'));
    const ssh = sshValues([h1]);
    fs.writeFileSync(path.join(cwd, 'slipway.yml'), [
      'deploy:', `  hosts: "${ssh.hosts}"`, `  user: ${ssh.user}`, `  private-key: ${ssh['private-key']}`, `  known-hosts: ${ssh['known-hosts']}`,
      `  app-dir: ${composeDir}`, '  service: app', `  compose-project: ${PROJECT}`, `  image: ${v2}`, '',
    ].join('\n'));
    const result = await run(runStatusCommand, [], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`== deploy@${h1.address}:${h1.port} (compose) ==`);
    expect(result.stdout).toMatch(new RegExp(`image\\s+${v2.replace(/[.:]/g, '\\$&')}`));
    expect(result.stdout).toMatch(/lock\s+free/);
    expect(result.stdout).toMatch(/deploy\s+hm-2\.0\.0\s+hm-1\.0\.0\s+deployed/);
  });

  it('history merges the deploy logs of a fleet, newest first across hosts', async () => {
    // A fleet's app-dir is one template; the sandbox hosts' base dirs differ by their index.
    const template = `${h1.baseDir.replace(/1$/, '{index}')}/hm-status-fleet`;
    const fleetDir = (h: typeof h1) => `${h.baseDir}/hm-status-fleet`;
    expect(template.replace('{index}', '2')).toBe(fleetDir(h2));
    for (const h of [h1, h2]) {
      await runner.run({ file: 'rm', args: ['-rf', fleetDir(h)] });
      fs.mkdirSync(fleetDir(h), { recursive: true });
      await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', fleetDir(h)] });
    }
    const deployTo = async (h: typeof h1, version: string) => {
      const deployed = await runFlow(deployFlow, { ...sshValues([h]), strategy: 'release', 'app-dir': fleetDir(h), version, artifact: artifact(version) }, localContext(new MemoryLogger()));
      expect(deployed.failure).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // log times are per millisecond, release names per second
    };
    await deployTo(h1, 'hm-f1');
    await deployTo(h2, 'hm-f2');
    await deployTo(h1, 'hm-f3');
    const result = await run(runHistoryCommand, [...flags({ ...sshValues([h1, h2]), strategy: 'release', 'app-dir': template }), '--json']);
    expect(result.code).toBe(0);
    const { entries } = JSON.parse(result.stdout);
    expect(entries.map((e: { version: string; host: string }) => `${e.version} ${e.host}`)).toEqual([
      `hm-f3 deploy@${h1.address}:${h1.port}`, `hm-f2 deploy@${h2.address}:${h2.port}`, `hm-f1 deploy@${h1.address}:${h1.port}`,
    ]);
    const limited = await run(runHistoryCommand, [...flags({ ...sshValues([h1, h2]), strategy: 'release', 'app-dir': template, lines: '2' })]);
    expect(limited.stdout).toContain('Deploy history (2 newest of 2 hosts)');
    expect(limited.stdout).not.toMatch(/release\s+hm-f1/);
  });

  it('lock status names the holder; release needs --yes without a terminal, asks on one, and removes only the lock it showed', async () => {
    const inputs = new Inputs(mapInputSource(sshValues([h1])));
    const [target] = parseSshInputs(inputs).targets;
    if (!target) throw new Error('no target');
    const log = new MemoryLogger();
    const session = await openSshSession(target, new ProcessRunner(log), log);
    let held: HeldLock | undefined;
    try {
      held = await acquireLock(session, composeDir, { holder: 'hm-tester@laptop', runId: 'pid:1@hm-test', waitMs: 0, staleAfterMs: 3_600_000 }, log);
      const status = await run(runLockCommand, ['status', ...composeFlags()]);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/held by hm-tester@laptop \(pid:1@hm-test\) at \d{4}-\d\d-\d\dT\S+ for \d+ s/);

      const json = JSON.parse((await run(runLockCommand, ['status', ...composeFlags(), '--json'])).stdout);
      expect(json.hosts[0].lock).toMatchObject({ held: true, holder: expect.stringMatching(/^hm-tester@laptop \(pid:1@hm-test\) at /) });

      const refused = await run(runLockCommand, ['release', ...composeFlags()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--yes: is required to release a lock without a terminal/);
      expect(fs.existsSync(`${composeDir}/.slipway/lock`)).toBe(true);

      const declined = await run(runLockCommand, ['release', ...composeFlags()], { answer: 'n' });
      expect(declined.code).toBe(1);
      expect(declined.questions).toHaveLength(1);
      expect(declined.stderr).toContain('held by hm-tester@laptop');
      expect(fs.existsSync(`${composeDir}/.slipway/lock`)).toBe(true);

      const released = await run(runLockCommand, ['release', ...composeFlags()], { answer: 'y' });
      expect(released.code).toBe(0);
      expect(released.stdout).toMatch(/released/);
      expect(fs.existsSync(`${composeDir}/.slipway/lock`)).toBe(false);

      // A deploy can take it again at once.
      held = await acquireLock(session, composeDir, { holder: 'hm-next@laptop', runId: 'pid:1@hm-test', waitMs: 0, staleAfterMs: 3_600_000 }, log);
      const again = await run(runLockCommand, ['release', '--yes', ...composeFlags(), '--json']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).hosts[0].release).toBe('released');
      held = undefined;
    } finally {
      await held?.release();
      await session.close();
    }
  });

  it('lock release leaves a lock that changed hands while the person was reading the prompt', async () => {
    const [target] = parseSshInputs(new Inputs(mapInputSource(sshValues([h1])))).targets;
    if (!target) throw new Error('no target');
    const log = new MemoryLogger();
    const session = await openSshSession(target, new ProcessRunner(log), log);
    let held: HeldLock | undefined = await acquireLock(session, composeDir, { holder: 'hm-dead-runner', runId: 'pid:1@hm-test', waitMs: 0, staleAfterMs: 3_600_000 }, log);
    try {
      let stdout = '';
      const io: CommandIo = {
        stdout: { write: (text: string) => { stdout += text; } }, stderr: { write: () => true }, env: { ...process.env }, cwd: os.tmpdir(),
        ask: async () => {
          // Meanwhile the dead runner's lock is broken and a new deploy takes it.
          await held?.release();
          held = await acquireLock(session, composeDir, { holder: 'hm-new-deploy', runId: 'pid:1@hm-test', waitMs: 0, staleAfterMs: 3_600_000 }, log);
          return 'y';
        },
      };
      const code = await runLockCommand(['release', ...composeFlags(), '--json'], io);
      expect(code).toBe(1);
      expect(JSON.parse(stdout).hosts[0].release).toBe('changed');
      expect(fs.readFileSync(`${composeDir}/.slipway/lock/holder`, 'utf8')).toMatch(/^hm-new-deploy \(pid:1@hm-test\) at /);
    } finally {
      await held?.release();
      await session.close();
    }
  });

  it('refuses an unknown flag and a host it cannot verify, before touching any host', async () => {
    const typo = await run(runStatusCommand, [...composeFlags(), '--app-dri', '/srv/x']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--app-dri: is not a flag this command knows/);
    const unverified = await run(runStatusCommand, flags({ ...sshValues([h1]), 'known-hosts': '', 'app-dir': composeDir, service: 'app' }));
    expect(unverified.code).toBe(2);
    expect(unverified.stderr).toMatch(/--known-hosts: is empty/);
    const wrongKey = await run(runStatusCommand, [...flags({ ...sshValues([h1]), 'known-hosts': '', 'host-fingerprint': `SHA256:${'A'.repeat(43)}`, 'app-dir': composeDir, service: 'app' }), '--json']);
    expect(wrongKey.code).toBe(1);
    const document = JSON.parse(wrongKey.stdout);
    expect(document.hosts[0].error).toMatch(/host key/i);
  });
});
