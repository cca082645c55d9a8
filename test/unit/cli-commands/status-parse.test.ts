import { formatDeployLogLine } from '../../../src/deploy/host-state.js';
import { inert, mergeHistory, parseDeployLogLine, parseLockHolder } from '../../../src/deploy/status.js';
import { parseCommandArgs } from '../../../src/cli/commands/command-io.js';

describe('reading what the deploy wrote on a host', () => {
  it('reads back a deploy-log line exactly as formatDeployLogLine wrote it', () => {
    const line = formatDeployLogLine({ time: '2026-01-02T03:04:05.000Z', action: 'deploy', strategy: 'compose', version: '1.2.3', previous: '', result: 'deployed', actor: 'ci via https://x/run/1' });
    expect(parseDeployLogLine(line)).toEqual({
      time: '2026-01-02T03:04:05.000Z', action: 'deploy', strategy: 'compose', version: '1.2.3', previous: '', result: 'deployed', actor: 'ci via https://x/run/1', extra: {},
    });
  });

  it('keeps fields a newer Slipway adds, and skips lines that are not log lines', () => {
    expect(parseDeployLogLine('2026-01-02T03:04:05Z\trollback\trelease\tversion=r1\tprevious=r2\tresult=rolled-back\tby=me\trun=42')?.extra).toEqual({ run: '42' });
    expect(parseDeployLogLine('garbage')).toBeUndefined();
    expect(parseDeployLogLine('')).toBeUndefined();
  });

  it('makes remote text inert: escape sequences and control characters never reach the terminal', () => {
    const record = parseDeployLogLine('2026-01-02T03:04:05Z\tdeploy\tcompose\tversion=\u001b[31mred\u0007\tby=x');
    expect(record?.version).toBe('[31mred');
    expect(inert('a'.repeat(300)).length).toBe(201);
  });

  it('reads the lock holder in the one-line form and with key=value lines (a run id)', () => {
    expect(parseLockHolder('someone@laptop at 2026-01-02T03:04:05.000Z\n')).toEqual({ holder: 'someone@laptop at 2026-01-02T03:04:05.000Z', fields: {} });
    expect(parseLockHolder('ci via https://x/run/7 at 2026-01-02T03:04:05Z\nrun=7\n')).toEqual({ holder: 'ci via https://x/run/7 at 2026-01-02T03:04:05Z', fields: { run: '7' } });
    expect(parseLockHolder('holder=ci\nrun-id=abc\n')).toEqual({ holder: 'ci', fields: { holder: 'ci', 'run-id': 'abc' } });
    expect(parseLockHolder('').holder).toBe('unknown');
  });

  it('merges logs of several hosts newest first, keeping a host\'s own order for equal times', () => {
    const entry = (time: string, version: string) => ({ time, action: 'deploy', strategy: 'compose', version, previous: '', result: 'deployed', actor: 'a', extra: {} });
    const merged = mergeHistory([
      { host: 'h1', log: [entry('2026-01-01T00:00:01Z', 'a'), entry('2026-01-01T00:00:03Z', 'c'), entry('2026-01-01T00:00:03Z', 'd')] },
      { host: 'h2', log: [entry('2026-01-01T00:00:02Z', 'b')] },
    ], 3);
    expect(merged.map((e) => `${e.host}:${e.version}`)).toEqual(['h1:d', 'h1:c', 'h2:b']);
  });
});

describe('the strict flags of status, history and lock', () => {
  const spec = { values: ['hosts', 'app-dir'], switches: ['yes'], positionals: 1 };
  it('takes --name value, --name=value, declared switches and one positional', () => {
    expect(parseCommandArgs(['release', '--hosts', 'a', '--app-dir=/srv/x', '--yes', '--config', 'c.yml'], spec)).toEqual({
      positionals: ['release'], values: { hosts: 'a', 'app-dir': '/srv/x' }, switches: new Set(['yes']), config: 'c.yml',
    });
  });
  it('names an unknown flag, a missing value and a stray word', () => {
    expect(() => parseCommandArgs(['--app-dri', '/x'], spec)).toThrow(/--app-dri: is not a flag this command knows/);
    expect(() => parseCommandArgs(['--hosts'], spec)).toThrow(/--hosts: needs a value/);
    expect(() => parseCommandArgs(['--hosts', '--yes'], spec)).toThrow(/--hosts: needs a value/);
    expect(() => parseCommandArgs(['-y'], spec)).toThrow(/'-y': is not a flag/);
    expect(() => parseCommandArgs(['a', 'b'], spec)).toThrow(/'b': is not expected here/);
    expect(() => parseCommandArgs(['--yes=no'], spec)).toThrow(/--yes: takes no value/);
  });
});
