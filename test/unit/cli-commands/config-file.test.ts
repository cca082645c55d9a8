import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/cli/config-file.js';
import { hostInputs, parseCommandArgs, type CommandIo } from '../../../src/cli/commands/command-io.js';
import { Inputs } from '../../../src/core/config/inputs.js';
import { parseStatusSettings } from '../../../src/deploy/status.js';

function write(text: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-config-'));
  const file = path.join(dir, 'slipway.yml');
  fs.writeFileSync(file, text);
  return { dir, file };
}

const io = (cwd: string): CommandIo => ({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd });
const error = (run: () => unknown): string => {
  try { run(); } catch (caught) { return (caught as Error).message; }
  throw new Error('expected an error');
};

describe('slipway.yml errors name the file and line, never a value', () => {
  it('names the line and column of a YAML syntax error without quoting the line', () => {
    const { file } = write('deploy:\n  password: hunter2-secret\n  hosts: [a, b\n');
    const message = error(() => loadConfig(file, true));
    expect(message).toMatch(/^slipway\.yml:\d+:\d+: is not valid YAML \(/);
    expect(message).not.toContain('hunter2');
  });

  it('names the line of a duplicated key', () => {
    const { file } = write('deploy:\n  password: s3cret-one\n  password: s3cret-two\n');
    const message = error(() => loadConfig(file, true));
    expect(message).toMatch(/^slipway\.yml:3:3: is not valid YAML \(Map keys must be unique\)/);
    expect(message).not.toMatch(/s3cret/);
  });

  it('names the line of a section that is not a mapping', () => {
    const { file } = write('defaults:\n  user: deploy\n\ndeploy: oops-secret-value\n');
    const message = error(() => loadConfig(file, true));
    expect(message).toBe('slipway.yml:4 (deploy): must be a mapping of input names to values. Write the inputs indented under deploy:, one "name: value" per line.');
  });

  it('keeps each key\'s line for later messages and reads lists as lines', () => {
    const { file } = write('# yaml-language-server: $schema=x\ndefaults:\n  user: deploy\ndeploy:\n  hosts:\n    - a:22\n    - b:22\n  port: 2222\n');
    const config = loadConfig(file, true);
    expect(config.sections).toEqual({ defaults: { user: 'deploy' }, deploy: { hosts: 'a:22\nb:22', port: '2222' } });
    expect(config.where('deploy', 'port')).toBe('slipway.yml:8 (deploy.port)');
    expect(config.where('deploy', 'nope')).toBe('slipway.yml (deploy.nope)');
  });

  it('an input error of status names the slipway.yml line the value came from, a flag names the flag', () => {
    const { dir } = write('deploy:\n  hosts: deploy@127.0.0.1:22\n  trust-on-first-use: true\n  private-key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    x\n  app-dir: relative/dir\n  service: app\n');
    const source = hostInputs(parseCommandArgs([], { values: [], switches: [] }), io(dir), 'status', ['hosts', 'trust-on-first-use', 'private-key', 'app-dir', 'service']);
    expect(error(() => parseStatusSettings(new Inputs(source)))).toMatch(/^slipway\.yml:7 \(deploy\.app-dir\): is not an absolute path/);
    const flagged = hostInputs(parseCommandArgs(['--app-dir', 'also/relative'], { values: ['app-dir'], switches: [] }), io(dir), 'status', ['hosts', 'trust-on-first-use', 'private-key', 'app-dir', 'service']);
    const message = error(() => parseStatusSettings(new Inputs(flagged)));
    expect(message).toMatch(/^--app-dir: is not an absolute path/);
    expect(message).not.toContain('also/relative');
  });

  it('refuses an unknown name in the command\'s own section, naming its line', () => {
    const { dir } = write('deploy:\n  image: app:1\nstatus:\n  app-dri: /srv/app\n');
    expect(error(() => hostInputs(parseCommandArgs([], { values: [], switches: [] }), io(dir), 'status', ['app-dir'])))
      .toMatch(/^slipway\.yml:4 \(status\.app-dri\): is not an input of slipway status/);
  });
});
