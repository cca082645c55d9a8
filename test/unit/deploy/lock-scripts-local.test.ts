import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { RECORD_STATE_SCRIPT, recordStateProblem } from '../../../src/deploy/compose-commands.js';
import type { DeployLogEntry } from '../../../src/deploy/host-state.js';
import { acquireLockAndLook, ForeignLockError, LockHeldError, type LockEntry } from '../../../src/deploy/lock.js';
import { LocalShellSession } from '../../support/local-shell-session.js';

// The lock's round trip (app-dir, lock, look) and the last one (closing step, log line, release) run
// for real through the local sh on a temp dir: the scripts, not a fake's reading of them.

const roots: string[] = [];
afterAll(() => { for (const root of roots) fs.rmSync(root, { recursive: true, force: true }); });

function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'trips-lock-unit-'));
  roots.push(root);
  return root;
}

const options = { holder: 'ci@runner', runId: 'run:1.1', waitMs: 0, staleAfterMs: 3600_000, pollMs: 10 };
const entry = (over: Partial<LockEntry> = {}): LockEntry => ({ missingAppDir: () => new Error('app-dir is missing'), ...over });
const line: DeployLogEntry = { time: '2026-12-02T00:00:00Z', action: 'deploy', strategy: 'compose', version: '2', previous: '1', result: 'deployed', actor: 'ci@runner' };

describe('the lock\'s round trip, run by sh', () => {
  it('refuses a missing app-dir and writes nothing; with create-app-dir it makes it and takes the lock in the same round trip', async () => {
    const appDir = path.join(tempRoot(), 'app');
    const session = new LocalShellSession();
    await expect(acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry())).rejects.toThrow('app-dir is missing');
    expect(fs.existsSync(appDir)).toBe(false);
    const { lock } = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry({ createAppDir: true }));
    expect(fs.readFileSync(path.join(appDir, '.slipway/lock/holder'), 'utf8')).toMatch(/^ci@runner \(run:1\.1\) at /);
    expect(session.roundTrips()).toBe(2);
    await lock.release();
    expect(fs.existsSync(path.join(appDir, '.slipway/lock'))).toBe(false);
  });

  it('runs the look on its own arguments once the lock is taken and hands back exactly what it printed, or why it failed', async () => {
    const appDir = tempRoot();
    const session = new LocalShellSession();
    const look = { script: 'printf "%s|%s\\n" "$1" "$2"; printf "no newline"', args: ['a b', '$(not run)'] };
    const taken = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry({ look }));
    expect(taken).toMatchObject({ looked: 'a b|$(not run)\nno newline' });
    expect(taken.lookFailed).toBeUndefined();
    await taken.lock.release();
    const failing = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry({ look: { script: 'echo partial; echo "docker: down" >&2; exit 1', args: [] } }));
    expect(failing.lookFailed).toBe('failed with exit 1 (docker: down)');
    // The lock is held all the same, for the caller to release.
    expect(fs.existsSync(path.join(appDir, '.slipway/lock'))).toBe(true);
    await failing.lock.release();
  });

  it('a lock held by another deploy is refused after lock-timeout, and the look never runs', async () => {
    const appDir = tempRoot();
    const session = new LocalShellSession();
    const first = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry());
    const marker = path.join(appDir, 'looked');
    const second = acquireLockAndLook(session, appDir, { ...options, holder: 'other@laptop' }, new MemoryLogger(), entry({ look: { script: 'touch "$1"', args: [marker] } }));
    await expect(second).rejects.toBeInstanceOf(LockHeldError);
    expect(fs.existsSync(marker)).toBe(false);
    await first.lock.release();
  });

  it('a lock-file Slipway did not write is refused before anything is written', async () => {
    const appDir = tempRoot();
    const lockPath = path.join(appDir, '.deploy.lock');
    fs.writeFileSync(lockPath, 'held by deploy.sh\n');
    const session = new LocalShellSession();
    await expect(acquireLockAndLook(session, appDir, { ...options, lockPath }, new MemoryLogger(), entry())).rejects.toBeInstanceOf(ForeignLockError);
    expect(fs.readdirSync(appDir)).toEqual(['.deploy.lock']);
    expect(fs.readFileSync(lockPath, 'utf8')).toBe('held by deploy.sh\n');
  });
});

describe('the last round trip, run by sh', () => {
  const stateStep = (file: string, text: string) => {
    const settled: Array<string | undefined> = [];
    return {
      settled,
      step: { script: RECORD_STATE_SCRIPT, args: [file], stdin: text, vital: true, settle: (stdout: string, exitCode: number) => {
        const problem = recordStateProblem(stdout, exitCode);
        settled.push(problem);
        return problem === undefined ? undefined : new Error(problem);
      } },
    };
  };

  it('writes the state from stdin, appends the log line and releases the lock in one round trip', async () => {
    const appDir = tempRoot();
    const session = new LocalShellSession();
    const { lock } = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry());
    const state = path.join(appDir, '.slipway/compose-default-web.state');
    const { step, settled } = stateStep(state, 'image=app:2\nstatus=deployed\n');
    const log = path.join(appDir, '.slipway/deploy.log');
    await expect(lock.finish(line, log, step, { ...line, result: 'failed' })).resolves.toEqual({});
    expect(fs.readFileSync(state, 'utf8')).toBe('image=app:2\nstatus=deployed\n');
    expect(fs.readFileSync(log, 'utf8')).toMatch(/\tresult=deployed\t/);
    expect(fs.existsSync(path.join(appDir, '.slipway/lock'))).toBe(false);
    expect(settled).toEqual([undefined]);
    expect(session.roundTrips()).toBe(2);
  });

  it('a state write that fails: the failed line is logged, the lock still released, and the step says what its write said', async () => {
    const appDir = tempRoot();
    const session = new LocalShellSession();
    const { lock } = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry());
    // A file where the state's directory should be: mkdir -p fails, whoever runs it.
    fs.writeFileSync(path.join(appDir, 'blocked'), '');
    const { step } = stateStep(path.join(appDir, 'blocked/web.state'), 'status=deployed\n');
    const log = path.join(appDir, '.slipway/deploy.log');
    const { closingError } = await lock.finish(line, log, step, { ...line, result: 'failed' });
    expect(closingError?.message).toMatch(/blocked/);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/\tresult=failed\t/);
    expect(fs.existsSync(path.join(appDir, '.slipway/lock'))).toBe(false);
  });

  it('without a closing step: the log line and the release, one round trip', async () => {
    const appDir = tempRoot();
    const session = new LocalShellSession();
    const { lock } = await acquireLockAndLook(session, appDir, options, new MemoryLogger(), entry());
    const log = path.join(appDir, 'deploy.log');
    await expect(lock.finish({ ...line, strategy: 'script' }, log)).resolves.toEqual({});
    expect(fs.readFileSync(log, 'utf8')).toMatch(/\tdeploy\tscript\tversion=2\t/);
    expect(fs.existsSync(path.join(appDir, '.slipway/lock'))).toBe(false);
    expect(session.roundTrips()).toBe(2);
  });
});
