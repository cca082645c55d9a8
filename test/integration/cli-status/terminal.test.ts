import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { acquireLock } from '../../../src/deploy/lock.js';
import { openSshSession, parseSshInputs } from '../../../src/ssh/index.js';
import { hosts, runner, sshValues } from '../deploy/support.js';

const [h1] = hosts;
const cli = path.resolve('dist/cli/index.js');

/**
 * What a person at a terminal sees: the bundled CLI in a real pseudo-terminal
 * (tmux, on a private socket so no other tmux is touched), keys typed into it.
 */
class Terminal {
  private readonly socket: string;
  constructor(private readonly dir: string, private readonly name = `hm-term-${process.pid}`) {
    this.socket = path.join(dir, 'tmux.sock');
  }
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }
  /** Runs `node cli args…` in cwd; the shell prints its exit code after it and waits. */
  start(cwd: string, args: string[], env: Record<string, string> = {}): void {
    const setEnv = Object.entries({ NO_COLOR: '1', ...env }).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    this.tmux('new-session', '-d', '-s', this.name, '-x', '200', '-y', '60', '-c', cwd, ...setEnv, '--',
      'sh', '-c', 'node "$0" "$@"; echo "exit=$?"; sleep 60', cli, ...args);
  }
  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    this.tmux('send-keys', '-t', this.name, 'Enter');
  }
  /** The screen, with escape sequences kept (-e), so colour would show. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.name, '-S', '-200');
  }
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`terminal never showed ${pattern}; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  stop(): void {
    try { this.tmux('kill-server'); } catch { /* already gone */ }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('the CLI at a terminal (tmux)', () => {
  let terminal: Terminal;
  beforeEach(() => { terminal = new Terminal(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-tty-'))); });
  afterEach(() => terminal.stop());

  it('slipway init asks what it could not find, offers the default, and writes the files', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-tty-project-'));
    fs.cpSync('examples/app', project, { recursive: true });
    fs.copyFileSync('examples/compose/docker-compose.yml', path.join(project, 'docker-compose.yml'));
    terminal.start(project, ['init']);
    await terminal.waitFor(/Server to deploy to \(\[user@\]host\[:port\], e\.g\. deploy@app\.example\.com\):\s*$/m);
    terminal.type('deploy@app.example.com');
    await terminal.waitFor(/Image name in your registry \(e\.g\. ghcr\.io\/you\/app\):\s*$/m);
    terminal.type('git.example.org/team/shop');
    await terminal.waitFor(/Workflows for github or forgejo \[github\]:\s*$/m);
    terminal.type('');
    const screen = await terminal.waitFor(/exit=\d+/);
    expect(screen).toContain('exit=0');
    expect(screen).toContain('wrote .github/workflows/deploy.yml');
    expect(screen).toContain('ssh-keyscan -p 22 app.example.com > known_hosts');
    // Found, so not asked: the compose service and the health endpoint.
    expect(screen).not.toMatch(/Compose service|Health URL/);
    expect(fs.readFileSync(path.join(project, 'slipway.yml'), 'utf8')).toContain('image: "git.example.org/team/shop"');
    expect(screen).not.toContain('\u001b[3'); // NO_COLOR: no colour sequences
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('slipway lock release shows the holder and keeps the lock when the answer is no', async () => {
    const appDir = `${h1.baseDir}/hm-tty-app`;
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    const ssh = sshValues([h1]);
    const [target] = parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
    if (!target) throw new Error('no target');
    const log = new MemoryLogger();
    const session = await openSshSession(target, new ProcessRunner(log), log);
    const lock = await acquireLock(session, appDir, { holder: 'hm-someone@laptop', runId: 'pid:1@hm-test', waitMs: 0, staleAfterMs: 3_600_000 }, log);
    try {
      terminal.start(os.tmpdir(), ['lock', 'release', '--hosts', ssh.hosts ?? '', '--user', ssh.user ?? '', '--private-key', ssh['private-key'] ?? '',
        '--known-hosts', ssh['known-hosts'] ?? '', '--strategy', 'release', '--app-dir', appDir]);
      const prompt = await terminal.waitFor(/Release it\? .*\[y\/N\]\s*$/m);
      expect(prompt).toMatch(/lock in \S+hm-tty-app is held by hm-someone@laptop \(pid:1@hm-test\) at \S+ for \d+ s/);
      terminal.type('n');
      const screen = await terminal.waitFor(/exit=\d+/);
      expect(screen).toContain('exit=1');
      expect(screen).toMatch(/declined/);
      expect(fs.existsSync(`${appDir}/.slipway/lock`)).toBe(true);
    } finally {
      await lock.release();
      await session.close();
    }
  });
});
