import fs from 'node:fs';
import YAML from 'yaml';
import { CancelledError, throwIfCancelled, untilCancelled } from '../../../src/core/cancel.js';
import { onLeftoversChanged, openLeftovers, recordLeftover, runIdentity, type Leftover } from '../../../src/core/leftovers.js';
import type { CommandSpec } from '../../../src/core/command.js';
import type { RunOptions, RunResult } from '../../../src/core/runner/process-runner.js';
import { DrillDeadline } from '../../../src/drill/deadline.js';
import { parseLeftovers } from '../../../src/platform/post-cleanup.js';

const ok: RunResult = { exitCode: 0, stdout: '', stderr: '', durationMs: 0, attempts: 1, timedOut: false };

describe('cancel: the abort signal at step boundaries', () => {
  it('throwIfCancelled names the step that will not start, and does nothing before the abort', () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(controller.signal, 'the switch to app:2')).not.toThrow();
    controller.abort();
    expect(() => throwIfCancelled(controller.signal, 'the switch to app:2')).toThrow(new CancelledError('the switch to app:2'));
    expect(() => throwIfCancelled(undefined, 'x')).not.toThrow();
  });

  it('untilCancelled answers at the abort without waiting for the work, and passes the work through otherwise', async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => undefined);
    const raced = untilCancelled(never, controller.signal, () => 'cancelled');
    controller.abort();
    await expect(raced).resolves.toBe('cancelled');
    await expect(untilCancelled(Promise.resolve('done'), new AbortController().signal, () => 'cancelled')).resolves.toBe('done');
    await expect(untilCancelled(Promise.reject(new Error('boom')), new AbortController().signal, () => 'cancelled')).rejects.toThrow('boom');
  });
});

describe('cancel: leftovers a killed run tells its post step about', () => {
  it('records, reports every change, and settles once', () => {
    const seen: Leftover[][] = [];
    const stop = onLeftoversChanged((all) => seen.push(all));
    const before = openLeftovers().length;
    const settle = recordLeftover({ kind: 'dir', path: '/tmp/slipway-docker-config-abc', what: 'docker config' });
    expect(openLeftovers()).toHaveLength(before + 1);
    settle();
    settle();
    stop();
    expect(openLeftovers()).toHaveLength(before);
    expect(seen.map((all) => all.length)).toEqual([before + 1, before]);
  });

  it('a lock names the run: GitHub run id and attempt on a runner, pid@machine elsewhere', () => {
    expect(runIdentity({ GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '2' }, 'box')).toBe('run:123.2');
    expect(runIdentity({ GITHUB_RUN_ID: '123' }, 'box')).toBe('run:123.1');
    expect(runIdentity({}, 'box', 42)).toBe('pid:42@box');
  });

  it('the post step reads only entries it can trust: its own slipway-* paths, never a tampered path', () => {
    const items = parseLeftovers(JSON.stringify([
      { kind: 'ssh-session', dir: '/runner/_temp/slipway-ssh-a1', host: 'h', port: 22, user: 'deploy' },
      { kind: 'dir', path: '/runner/_temp/slipway-docker-config-x', what: 'docker config' },
      { kind: 'dir', path: '/home/runner', what: 'tampered' },
      { kind: 'dir', path: '/runner/_temp/slipway-x/../../etc', what: 'tampered' },
      { kind: 'ssh-session', dir: 'relative/slipway-ssh-b', host: 'h', port: 22, user: 'deploy' },
      { kind: 'lock', host: 'h', port: 22, user: 'deploy', sessionDir: '/t/slipway-ssh-a1', appDir: '/srv/app', lockDir: '/srv/app/.slipway/lock', token: 'x (run:1.1) at t', runId: 'run:1.1', strategy: 'compose', version: '2' },
      { kind: 'lock', host: 'h', port: '22', lockDir: '/srv/app/.slipway/lock', token: 't' },
      { kind: 'unknown' },
    ]));
    expect(items.map((item) => item.kind)).toEqual(['ssh-session', 'dir', 'lock']);
    expect(parseLeftovers('')).toEqual([]);
    expect(parseLeftovers('not json')).toEqual([]);
    expect(parseLeftovers('{"kind":"dir"}')).toEqual([]);
  });
});

describe('cancel: a drill stops like at its deadline', () => {
  it('refuses new commands after the abort but lets the scratch cleanup through, and stops waiting at once', async () => {
    const calls: CommandSpec[] = [];
    const inner = { run: async (spec: CommandSpec, _options?: RunOptions) => { calls.push(spec); return ok; } };
    const controller = new AbortController();
    const deadline = new DrillDeadline(60_000, Date.now(), controller.signal);
    const runner = deadline.runner(inner);
    const waiting = deadline.race(new Promise<never>(() => undefined));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    await expect(runner.run({ file: 'restic', args: ['restore'] })).rejects.toBeInstanceOf(CancelledError);
    expect(() => deadline.enter('verify')).toThrow(CancelledError);
    await deadline.cleanup(async () => { await runner.run({ file: 'docker', args: ['rm', '-f', 'scratch'] }); });
    expect(calls.map((spec) => spec.file)).toEqual(['docker']);
  });
});

describe('cancel: every action that holds keys, locks or temp files declares the post step', () => {
  const actions: Array<[string, string]> = [
    ['actions/ssh-deploy/action.yml', '../../dist/cleanup-post/index.js'],
    ['actions/restore-drill/action.yml', '../../dist/cleanup-post/index.js'],
    ['actions/smoke-test/action.yml', '../../dist/cleanup-post/index.js'],
    ['actions/push-image/action.yml', '../../dist/cleanup-post/index.js'],
    ['actions/build-image/action.yml', '../../dist/cleanup-post/index.js'],
    ['action.yml', 'dist/cleanup-post/index.js'],
  ];
  it.each(actions)('%s: runs.post is the shared cleanup bundle, post-if always(), node24', (file, post) => {
    const runs = (YAML.parse(fs.readFileSync(file, 'utf8')) as { runs: Record<string, string> }).runs;
    expect(runs).toMatchObject({ using: 'node24', post, 'post-if': 'always()' });
  });
  it('the bundle is built from src/actions/cleanup-post.ts (scripts/build.mjs bundles every src/actions/*.ts)', () => {
    expect(fs.existsSync('src/actions/cleanup-post.ts')).toBe(true);
  });
});
