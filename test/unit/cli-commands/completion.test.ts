import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCompletionCommand } from '../../../src/cli/commands/completion.js';
import type { CommandIo } from '../../../src/cli/commands/command-io.js';

const commands = [
  { name: 'deploy', describe: 'Deploy over SSH' },
  { name: 'status', describe: 'What serves on each host now' },
  { name: 'lock', describe: 'The deploy lock' },
];

async function script(shell: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: (t: string) => { stderr += t; } }, env: {}, cwd: process.cwd() };
  const code = await runCompletionCommand([shell], io, commands);
  return { code, stdout, stderr };
}

/** What bash offers for the words typed so far (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `source "$1"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _slipway; printf '%s\\n' "\${COMPREPLY[@]}"`, 'complete', file], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('slipway completion, generated from the schema the action.yml files give', () => {
  it('bash completes commands, a command\'s flags and the fixed values of a flag', async () => {
    const { code, stdout } = await script('bash');
    expect(code).toBe(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hm-comp-')), 'slipway.bash');
    fs.writeFileSync(file, stdout);
    expect(bashComplete(file, ['slipway', 'st'])).toEqual(['status']);
    expect(bashComplete(file, ['slipway', 'deploy', '--stra'])).toEqual(['--strategy']);
    expect(bashComplete(file, ['slipway', 'deploy', '--strategy', 'r'])).toEqual(['release']);
    expect(bashComplete(file, ['slipway', 'deploy', '--known-h'])).toEqual(['--known-hosts']);
    expect(bashComplete(file, ['slipway', 'lock', 'r'])).toEqual(['release']);
    expect(bashComplete(file, ['slipway', 'lock', '--y'])).toEqual(['--yes']);
    // A flag that takes a path completes file names.
    expect(bashComplete(file, ['slipway', 'deploy', '--private-key', 'packag']).sort()).toEqual(['package-lock.json', 'package.json']);
  });

  it('zsh describes each flag and offers the fixed values', async () => {
    const { code, stdout } = await script('zsh');
    expect(code).toBe(0);
    expect(stdout.startsWith('#compdef slipway\n')).toBe(true);
    expect(stdout).toContain("'deploy:Deploy over SSH'");
    expect(stdout).toMatch(/'--strategy\[[^\]']+\]:value:\(compose release script swarm cloudron\)'/);
    expect(stdout).toContain("'--yes[release without asking]'");
    expect(stdout).toContain("'1:what:(status release)'");
    // Descriptions cannot break out of the quoted spec.
    for (const line of stdout.split('\n').filter((l) => l.trim().startsWith("'--"))) expect(line.trim()).toMatch(/^'--[a-z0-9-]+\[[^\]'[]*\](:value:[^']*)?' ?\\?$/);
  });

  it('names the shells it knows', async () => {
    const { code, stderr } = await script('fish');
    expect(code).toBe(2);
    expect(stderr).toMatch(/completion 'fish': is not a shell Slipway completes for/);
  });
});
