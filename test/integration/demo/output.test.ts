import { spawn } from 'node:child_process';
import path from 'node:path';
import { repeatedTables, textTables } from '../../support/text-tables.js';

// `npm run demo` as a person runs it (the bundled CLI on the sandbox): what it
// prints, log and result together, in the order they appear on a terminal.
const CLI = path.resolve('dist/cli/index.js');

function runDemo(): Promise<{ code: number | null; stdout: string; all: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let all = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); all += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { all += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, all }));
  });
}

describe('slipway demo', () => {
  it('prints each table once and ends with one summary table: every step, its result and its time', async () => {
    const run = await runDemo();
    expect(run.code).toBe(0);
    expect(repeatedTables(run.all)).toEqual([]);
    const [summary, ...more] = textTables(run.stdout);
    expect(more).toEqual([]);
    expect(summary?.split('\n')[0]).toMatch(/^step\s+result\s+seconds\s+detail$/);
    // Nothing follows it: the table is where the demo ends.
    expect(run.stdout.trimEnd().endsWith(summary ?? '')).toBe(true);
    expect(run.all.trimEnd().endsWith(summary ?? '')).toBe(true);
    for (const step of ['build-image', 'push-image', 'ssh-deploy', 'smoke-test', 'Cloudron target', 'restore drill', 'secret scan']) expect(summary).toMatch(new RegExp(`^${step}\\b`, 'm'));
  }, 900_000);
});
