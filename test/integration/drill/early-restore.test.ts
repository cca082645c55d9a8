// restic opens its key once per run (scrypt), so for `latest` the drill starts
// the restore beside the listing: one restore when it is the snapshot the
// listing selects, a second one only when it is not.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import type { CommandSpec } from '../../../src/core/command.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner, type RunOptions, type Runner } from '../../../src/core/runner/process-runner.js';
import { drillFlow } from '../../../src/drill/flow.js';

const PASSWORD = 'early-restore-password-1';

/** A real runner that also notes each restic subcommand it starts, and when each one starts and ends. */
class NotingRunner implements Runner {
  readonly restic: string[] = [];
  readonly events: string[] = [];
  private readonly inner: ProcessRunner;
  constructor(log: MemoryLogger) { this.inner = new ProcessRunner(log); }
  async run(spec: CommandSpec, options?: RunOptions) {
    if (spec.file !== 'restic') return this.inner.run(spec, options);
    this.restic.push(`${spec.args[0]} ${spec.args[1] ?? ''}`);
    this.events.push(`start ${spec.args[0]}`);
    try {
      return await this.inner.run(spec, options);
    } finally {
      this.events.push(`end ${spec.args[0]}`);
    }
  }
}

describe('restic drill: the restore starts beside the listing', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-early-'));
  const repo = path.join(root, 'repo');
  const env = { ...process.env, RESTIC_PASSWORD: PASSWORD, RESTIC_CACHE_DIR: path.join(root, 'cache') };
  const ids: string[] = [];
  beforeAll(() => {
    const data = path.join(root, 'data');
    fs.mkdirSync(data);
    execFileSync('restic', ['init', '--repo', repo, '--quiet'], { env });
    for (const rows of [1, 2]) {
      fs.rmSync(path.join(data, 'app.db'), { force: true });
      execFileSync('sqlite3', [path.join(data, 'app.db'), `CREATE TABLE items (n INTEGER); ${'INSERT INTO items VALUES (1);'.repeat(rows)}`]);
      execFileSync('restic', ['backup', '--repo', repo, '--quiet', data], { env });
    }
    const listed = JSON.parse(execFileSync('restic', ['snapshots', '--json', '--repo', repo], { env, encoding: 'utf8' })) as Array<{ id: string; time: string }>;
    ids.push(...listed.sort((a, b) => a.time.localeCompare(b.time)).map((s) => s.id));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const drill = async (inputs: Record<string, string>) => {
    const log = new MemoryLogger();
    const runner = new NotingRunner(log);
    const scratchRoot = fs.mkdtempSync(path.join(root, 'scratch-'));
    const run = await runFlow(drillFlow, { source: 'restic', repository: repo, password: PASSWORD, 'skip-repository-check': 'true', tables: 'items', 'scratch-root': scratchRoot, ...inputs }, localContext(log, { runner, workDir: scratchRoot }));
    return { run, restic: runner.restic, events: runner.events, leftovers: fs.readdirSync(scratchRoot).filter((name) => name.startsWith('slipway-drill')) };
  };

  it('restores the newest snapshot once, and reports that snapshot with its rows', async () => {
    const { run, restic, leftovers } = await drill({});
    expect(run.failure).toBeUndefined();
    expect(restic.filter((command) => command.startsWith('restore'))).toEqual(['restore latest']);
    expect(run.result.restores[0]).toMatchObject({ snapshot: { id: ids[1] }, tables: { items: 2 } });
    expect(leftovers).toEqual([]);
  });

  it('restores a snapshot chosen by id once, after the listing found it (no early restore)', async () => {
    const { run, restic } = await drill({ snapshot: ids[0].slice(0, 8) });
    expect(run.failure).toBeUndefined();
    expect(restic.filter((command) => /^(restore|snapshots)/.test(command))).toEqual(['snapshots --json', `restore ${ids[0]}`]);
    expect(run.result.restores[0]).toMatchObject({ snapshot: { id: ids[0] }, tables: { items: 1 } });
  });

  it('with a wrong password, fails on opening the repository and leaves nothing behind', async () => {
    const { run, leftovers } = await drill({ password: 'not-the-password-1' });
    expect(run.failure).toMatch(/open restic repository/);
    expect(run.result.restores[0].checks.map((check) => check.name)).toEqual(['open restic repository']);
    expect(leftovers).toEqual([]);
  });

  it('starts the repository check beside the listing, and reports it after the restore\'s checks', async () => {
    const { run, events, leftovers } = await drill({ 'skip-repository-check': 'false' });
    expect(run.failure).toBeUndefined();
    // All three start before the listing ends: the check does not wait for it.
    expect(events.slice(0, 3).sort()).toEqual(['start check', 'start restore', 'start snapshots']);
    const checks = run.result.restores[0].checks.map((check) => check.name);
    expect(checks.at(-1)).toBe('restic check');
    expect(leftovers).toEqual([]);
  });

  it('with no snapshot matching, still says whether the repository is intact', async () => {
    const { run, leftovers } = await drill({ 'skip-repository-check': 'false', snapshot: 'deadbeef' });
    expect(run.failure).toMatch(/snapshot deadbeef exists/);
    expect(run.result.restores[0].checks.map((check) => [check.name, check.passed])).toEqual([
      ['open restic repository', true], ['snapshot deadbeef exists', false], ['restic check', true],
    ]);
    expect(leftovers).toEqual([]);
  });

  it('with a wrong password and the check on, fails on opening only and leaves nothing behind', async () => {
    const { run, events, leftovers } = await drill({ password: 'not-the-password-1', 'skip-repository-check': 'false' });
    expect(run.result.restores[0].checks.map((check) => check.name)).toEqual(['open restic repository']);
    // The check that ran beside it has ended before the drill did (its scratch place is gone).
    expect(events.filter((event) => event.startsWith('end')).length).toBe(events.filter((event) => event.startsWith('start')).length);
    expect(leftovers).toEqual([]);
  });
});
