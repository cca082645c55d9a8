/* eslint-disable no-control-regex -- a terminal spec reads escape sequences */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { acquireLock } from '../../../src/deploy/lock.js';
import { openSshSession, parseSshInputs } from '../../../src/ssh/index.js';
import { hosts, runner, sandbox, sshValues } from '../deploy/support.js';

const [h1, h2] = hosts;
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
  /**
   * Runs `node cli args…` in cwd; the shell prints its exit code after it and waits.
   * As at a person's terminal: no CI variables (this spec may itself run in CI), NO_COLOR
   * unless `unset` names it. With `record`, every byte the CLI writes to the terminal is
   * kept (tmux pipe-pane, set up before the CLI starts): what a screen capture cannot show,
   * how the screen was drawn.
   */
  start(cwd: string, args: string[], env: Record<string, string> = {}, options: { unset?: string[]; record?: string; width?: number } = {}): void {
    const unset = [...(options.unset ?? []), 'CI', 'GITHUB_ACTIONS', 'GITEA_ACTIONS', 'FORGEJO_ACTIONS'];
    const values = Object.entries({ NO_COLOR: '1', ...env }).filter(([key]) => !(options.unset ?? []).includes(key));
    const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    // `env -u … NAME=value`: unset first, then set, so a spec can set CI itself.
    const envWords = [...unset.flatMap((name) => ['-u', name]), ...values.map(([key, value]) => quote(`${key}=${value}`))];
    // With a recording, the shell waits for one Enter, so the pipe is in place before the first byte.
    const script = `${options.record ? 'read go; ' : ''}env ${envWords.join(' ')} node "$0" "$@"; echo "exit=$?"; sleep 60`;
    this.tmux('new-session', '-d', '-s', this.name, '-x', String(options.width ?? 200), '-y', '60', '-c', cwd, '--', 'sh', '-c', script, cli, ...args);
    if (options.record) {
      this.tmux('pipe-pane', '-o', '-t', this.name, `cat >> '${options.record}'`);
      this.tmux('send-keys', '-t', this.name, 'Enter');
    }
  }
  type(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    this.tmux('send-keys', '-t', this.name, 'Enter');
  }
  /** The screen as text, without escape sequences. */
  text(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name, '-S', '-200');
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

const ERASE_LINE = '\r\u001b[2K';
/** The status line: a spinner, the step, its elapsed time. */
const STATUS_LINE = /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Smoke test \(1 check\) (\d+\.\d) s/;
/** A check that waits ~4 s on a port where nothing listens: a long wait, nothing touched. */
const WAITING_SMOKE = ['smoke', '--url', 'http://127.0.0.1:9/', '--timeout', '4s'];
const lines = (screen: string) => screen.split('\n').filter((line) => line.trim() !== '');

describe('the CLI at a terminal (tmux)', () => {
  let terminal: Terminal;
  beforeEach(() => { terminal = new Terminal(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-tty-'))); });
  afterEach(() => {
    terminal.stop();
    // The recordings of this run, also when a spec failed before removing its own.
    for (const file of fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`slipway-h21-tty-${process.pid}-`))) fs.rmSync(path.join(os.tmpdir(), file), { force: true });
  });

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

  it('shows a long wait on one status line rewritten in place, with the step and its elapsed time, and leaves one line for it', async () => {
    const record = path.join(os.tmpdir(), `slipway-h21-tty-${process.pid}-a.raw`);
    terminal.start(os.tmpdir(), WAITING_SMOKE, {}, { record });
    await terminal.waitFor(/Smoke test \(1 check\) 1\.\d s/m);
    const first = terminal.text();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const second = terminal.text();
    for (const screen of [first, second]) expect(lines(screen).filter((line) => STATUS_LINE.test(line))).toHaveLength(1);
    // The same line, later: redrawn where it was, not printed again below.
    const elapsed = (screen: string) => Number(STATUS_LINE.exec(lines(screen).find((line) => STATUS_LINE.test(line)) ?? '')?.[1]);
    expect(elapsed(second)).toBeGreaterThan(elapsed(first));
    expect(lines(second).length).toBe(lines(first).length);
    expect(lines(second).at(-1)).toMatch(STATUS_LINE);
    // What runs: the check's last attempt, on the status line.
    expect(lines(second).at(-1)).toMatch(/ · 127\.0\.0\.1:9: attempt \d+: connection refused/);

    const end = await terminal.waitFor(/exit=\d+/);
    expect(end).toContain('exit=1');
    const shown = lines(terminal.text());
    expect(shown.filter((line) => STATUS_LINE.test(line))).toEqual([]);
    expect(shown.filter((line) => line.includes('Smoke test (1 check)'))).toEqual([expect.stringMatching(/^▸ Smoke test \(1 check\) \(\d\.\d s\)$/)]);
    expect(shown).toContainEqual(expect.stringMatching(/^✗ slipway smoke failed after \d\.\d s \(exit 1\)$/));
    // How it was drawn: carriage return + erase line, many times over; NO_COLOR: no colour at all.
    const raw = fs.readFileSync(record, 'utf8');
    expect(raw.split(ERASE_LINE).length).toBeGreaterThan(10);
    expect(raw).not.toMatch(/\u001b\[[0-9;]*m/);
    expect(end).not.toMatch(/\u001b\[3\dm/);
    fs.rmSync(record, { force: true });
  });

  it('colours the error red and the result line at a terminal when NO_COLOR is not set', async () => {
    const record = path.join(os.tmpdir(), `slipway-h21-tty-${process.pid}-b.raw`);
    terminal.start(os.tmpdir(), [...WAITING_SMOKE.slice(0, -1), '1s'], {}, { unset: ['NO_COLOR'], record });
    const screen = await terminal.waitFor(/exit=\d+/);
    expect(screen).toContain('exit=1');
    const raw = fs.readFileSync(record, 'utf8');
    expect(raw).toMatch(/\u001b\[31merror:\u001b\[39m smoke check '127\.0\.0\.1:9'/);
    expect(raw).toMatch(/\u001b\[31m✗ slipway smoke failed after \d\.\d s \(exit 1\)\u001b\[39m/);
    // The result table on stdout stays uncoloured (the same text a pipe gets), after the status line was erased.
    expect(raw).toMatch(/(\n|\r\u001b\[2K)== Smoke test failed \(1 of 1 checks\) ==/);
    fs.rmSync(record, { force: true });
  });

  it('writes plain lines under CI even on a terminal: no status line, no colour', async () => {
    const record = path.join(os.tmpdir(), `slipway-h21-tty-${process.pid}-c.raw`);
    terminal.start(os.tmpdir(), [...WAITING_SMOKE.slice(0, -1), '1s'], { CI: 'true' }, { unset: ['NO_COLOR'], record });
    const screen = await terminal.waitFor(/exit=\d+/);
    expect(lines(terminal.text())[0]).toBe('▸ Smoke test (1 check)');
    const raw = fs.readFileSync(record, 'utf8');
    expect(raw).not.toContain(ERASE_LINE);
    expect(raw).not.toMatch(/\u001b\[[0-9;]*m/);
    expect(screen).toContain('exit=1');
    fs.rmSync(record, { force: true });
  });

  it('shows only the error and the result with --quiet', async () => {
    const record = path.join(os.tmpdir(), `slipway-h21-tty-${process.pid}-d.raw`);
    terminal.start(os.tmpdir(), [...WAITING_SMOKE.slice(0, -1), '1s', '--quiet'], {}, { record });
    await terminal.waitFor(/exit=\d+/);
    const shown = lines(terminal.text());
    expect(shown.filter((line) => /Smoke test \(1 check\)|not ready yet|slipway smoke failed/.test(line))).toEqual([]);
    expect(shown).toContainEqual(expect.stringMatching(/^error: smoke check '127\.0\.0\.1:9'/));
    expect(shown).toContain('== Smoke test failed (1 of 1 checks) ==');
    expect(fs.readFileSync(record, 'utf8')).not.toContain(ERASE_LINE);
    fs.rmSync(record, { force: true });
  });

  it('a release deploy shows its upload and health wait on the status line, and ends with one line per step', async () => {
    if (!h2) throw new Error('no h2');
    const appDir = `${h2.baseDir}/h21-tty-release`;
    const server = 'h21-tty-release-h2';
    const port = 41210;
    const artifact = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h21-tty-artifact-'));
    fs.writeFileSync(path.join(artifact, 'health.json'), '{"ok":true,"version":"t-1"}');
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    // The app answers 3 s after each restart: a health wait long enough to watch.
    await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true });
    await runner.run({ file: 'docker', args: ['run', '-d', '--name', server, '--network', 'host', '-v', `${appDir}:${appDir}:ro`, sandbox.baseImage,
      'sh', '-c', `sleep 3; exec httpd -f -p 127.0.0.1:${port} -h ${appDir}`] });
    const record = path.join(os.tmpdir(), `slipway-h21-tty-${process.pid}-e.raw`);
    try {
      terminal.start(os.tmpdir(), ['deploy', '--host', `${h2.address}:${h2.port}`, '--user', sandbox.ssh.user, '--private-key', sandbox.ssh.privateKeyPath,
        '--known-hosts', sandbox.ssh.knownHostsPath, '--strategy', 'release', '--app-dir', appDir, '--version', 't-1', '--artifact', artifact,
        '--restart', `docker restart -t 0 ${server}`, '--health-url', `http://127.0.0.1:${port}/current/health.json`, '--health-expect', '"version":"{version}"',
        '--health-timeout', '30s'], {}, { record });
      const waiting = await terminal.waitFor(new RegExp(`^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] deploy on \\S+ \\d+\\.\\d s · health: http://127\\.0\\.0\\.1:${port}/current/health\\.json .*retrying`, 'm'), 30_000);
      expect(lines(waiting).filter((line) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(line))).toHaveLength(1);
      const end = await terminal.waitFor(/exit=\d+/, 60_000);
      expect(end).toContain('exit=0');
      const shown = lines(terminal.text());
      expect(shown.filter((line) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(line))).toEqual([]);
      expect(shown).toContainEqual(expect.stringMatching(/^▸ deploy on \S+ \(\d+(\.\d)? s\)$/));
      expect(shown).toContainEqual(expect.stringMatching(/^✓ slipway deploy finished in \d/));
      expect(shown.join('\n')).toContain('== Deploy (release): ok ==');
      // What ran showed on the status line: the upload (rsync) among the commands.
      const raw = fs.readFileSync(record, 'utf8');
      expect(raw).toMatch(/· \$ (timeout \S+ \S+ )?rsync /);
    } finally {
      await runner.run({ file: 'docker', args: ['rm', '-f', server] }, { allowFailure: true });
      await runner.run({ file: 'rm', args: ['-rf', appDir] });
      fs.rmSync(artifact, { recursive: true, force: true });
      fs.rmSync(record, { force: true });
    }
  }, 90_000);

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
