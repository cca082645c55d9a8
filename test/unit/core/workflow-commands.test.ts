import { jest } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import * as ours from '../../../src/platform/workflow-commands.js';

// The action mains speak the runner protocol themselves (workflow-commands.ts) so a step does not load
// @actions/core's HTTP stack at start. What reaches the runner must be byte for byte what @actions/core writes.

const VARIABLES = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'RUNNER_DEBUG', 'INPUT_APP-DIR', 'INPUT_MY_INPUT', 'STATE_leftovers'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
const savedExitCode = process.exitCode;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bs-commands-'));
  for (const name of VARIABLES) delete process.env[name];
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  process.exitCode = savedExitCode;
});

/** What `body` prints on stdout. */
async function printed(body: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await body();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

const HOSTILE = 'line one\r\nline two: 100% done, a=b\n::error::forged';

describe('workflow commands, written as @actions/core writes them', () => {
  it.each([
    ['info', () => ours.info(HOSTILE), () => core.info(HOSTILE)],
    ['debug', () => ours.debug(HOSTILE), () => core.debug(HOSTILE)],
    ['add-mask', () => ours.setSecret('s3cr%t\nnext'), () => core.setSecret('s3cr%t\nnext')],
    ['a bare warning', () => ours.warning(HOSTILE), () => core.warning(HOSTILE)],
    ['an error on a file and lines', () => ours.error(HOSTILE, { file: 'a,b:c.yml', startLine: 3, endLine: 4, title: 'T: 1%' }),
      () => core.error(HOSTILE, { file: 'a,b:c.yml', startLine: 3, endLine: 4, title: 'T: 1%' })],
    ['an annotation whose properties are all unset', () => ours.warning('w', { file: undefined, startLine: undefined }), () => core.warning('w', { file: undefined, startLine: undefined })],
    ['set-output without an output file', () => ours.setOutput('digest', HOSTILE), () => core.setOutput('digest', HOSTILE)],
    ['save-state without a state file', () => ours.saveState('leftovers', '[1]'), () => core.saveState('leftovers', '[1]')],
  ])('prints %s the same', async (_name, mine, theirs) => {
    expect(await printed(mine)).toBe(await printed(theirs));
  });

  it('folds a group that throws and closes it, as core.group does', async () => {
    const fail = () => Promise.reject(new Error('boom'));
    const mine = await printed(() => ours.group('Deploy: h1', fail).catch(() => undefined));
    const theirs = await printed(() => core.group('Deploy: h1', fail).catch(() => undefined));
    expect(mine).toBe(theirs);
    expect(mine).toContain('::endgroup::');
  });

  it('appends outputs and state to the runner files in the heredoc form, multi-line values intact', () => {
    const normalize = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');
    for (const [variable, write] of [['GITHUB_OUTPUT', 'setOutput'], ['GITHUB_STATE', 'saveState']] as const) {
      const file = (who: string) => path.join(dir, `${variable}-${who}`);
      fs.writeFileSync(file('ours'), 'earlier=1\n');
      fs.writeFileSync(file('core'), 'earlier=1\n');
      process.env[variable] = file('ours');
      ours[write]('report', HOSTILE);
      ours[write]('empty', '');
      process.env[variable] = file('core');
      core[write]('report', HOSTILE);
      core[write]('empty', '');
      expect(normalize(fs.readFileSync(file('ours'), 'utf8'))).toBe(normalize(fs.readFileSync(file('core'), 'utf8')));
      expect(fs.readFileSync(file('ours'), 'utf8')).toContain(`report<<ghadelimiter_`);
    }
  });

  it('refuses to write an output when the runner named a file that is not there', () => {
    process.env.GITHUB_OUTPUT = path.join(dir, 'missing');
    expect(() => ours.setOutput('x', 'y')).toThrow(/GITHUB_OUTPUT/);
  });

  it('reads inputs and state as core does: spaces to underscores, upper case, trimmed, empty when unset', () => {
    process.env['INPUT_APP-DIR'] = '  /srv/app \n';
    process.env.INPUT_MY_INPUT = 'x';
    process.env.STATE_leftovers = ' [] ';
    for (const name of ['app-dir', 'my input', 'unset']) expect(ours.getInput(name)).toBe(core.getInput(name));
    expect(ours.getState('leftovers')).toBe(core.getState('leftovers'));
    expect(ours.getState('other')).toBe('');
  });

  it('fails the step with exit code 1 and an error annotation', async () => {
    process.exitCode = 0;
    const out = await printed(() => ours.setFailed('bad input'));
    expect(process.exitCode).toBe(1);
    expect(out).toBe('::error::bad input' + os.EOL);
  });

  it('says debug is on only for RUNNER_DEBUG=1', () => {
    expect(ours.isDebug()).toBe(false);
    process.env.RUNNER_DEBUG = '1';
    expect(ours.isDebug()).toBe(core.isDebug());
    expect(ours.isDebug()).toBe(true);
  });

  it('appends to the job summary, keeping what earlier steps wrote', async () => {
    const summary = path.join(dir, 'summary.md');
    fs.writeFileSync(summary, '# earlier step\n');
    process.env.GITHUB_STEP_SUMMARY = summary;
    await ours.appendSummary('| a | b |\n');
    expect(fs.readFileSync(summary, 'utf8')).toBe('# earlier step\n| a | b |\n');
  });
});
