import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs the validator on a copy of this repository's action and workflow files, changed by `edit`. */
function validateCopy(edit: (dir: string) => void): { code: number; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-validate-'));
  try {
    for (const item of ['action.yml', 'actions', 'workflows', '.github', '.forgejo', 'docs/examples']) {
      if (fs.existsSync(item)) fs.cpSync(item, path.join(dir, item), { recursive: true });
    }
    edit(dir);
    const output = execFileSync(process.execPath, ['scripts/validate-workflows.mjs'], { env: { ...process.env, SLIPWAY_VALIDATE_ROOT: dir }, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { code: failed.status, output: failed.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const replaceIn = (file: string, from: string, to: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

describe('scripts/validate-workflows.mjs (the real workflow parser over every action and workflow file)', () => {
  it('passes on the files as committed', () => {
    expect(validateCopy(() => undefined)).toMatchObject({ code: 0, output: expect.stringMatching(/parse with @actions\/workflow-parser; callable forms match/) });
  });

  it('fails on a misspelt workflow key, naming file and line', () => {
    const run = validateCopy((dir) => replaceIn(path.join(dir, 'workflows/deploy.yml'), 'timeout-minutes: 30', 'timeout-minute: 30'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/workflows\/deploy\.yml \(Line: \d+, Col: \d+\): Unexpected value 'timeout-minute'/);
  });

  it('fails on an expression in an action description, which the runner refuses to load', () => {
    const run = validateCopy((dir) => replaceIn(path.join(dir, 'action.yml'), '(pipeline) Deploy this existing image', '(pipeline) ${{ secrets.X }} Deploy this existing image'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/action\.yml .*Unrecognized named-value: 'secrets'/);
  });

  it('fails when a callable form is not in step with its template', () => {
    const run = validateCopy((dir) => replaceIn(path.join(dir, 'workflows/forgejo/dr-drill.yml'), "max-age: 26h", 'max-age: 30h'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/\.forgejo\/workflows\/dr-drill\.yml: not in step with workflows\/forgejo\/dr-drill\.yml/);
  });
});
