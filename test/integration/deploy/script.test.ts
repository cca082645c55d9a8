import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { hosts, runner, sshValues } from './support.js';

// Seed 003's deploy script is bash (`set -o pipefail`), lives in the repository, and sets up its
// own directory on a fresh droplet. Each spec runs on a real sshd host.

const [h1] = hosts;
const appDir = `${h1.baseDir}/h19d-script-app`;
/** A workspace of our own (script-file paths start there). */
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'h19d-workspace-'));
const BASH_SCRIPT = [
  '#!/usr/bin/env bash',
  'set -o pipefail',
  'words=(deployed "$APP_VERSION")',
  'printf "%s %s\\n" "${words[@]}" | cat > marker',
  'printf "%s\\n" "$DATABASE_URL" > seen-env',
  '',
].join('\n');

const values = (extra: Record<string, string>) => ({ ...sshValues([h1]), strategy: 'script', 'app-dir': appDir, version: '1.2.3', ...extra });
const read = (file: string) => fs.readFileSync(`${appDir}/${file}`, 'utf8');

describe('ssh-deploy script strategy: shell, script-file, create-app-dir', () => {
  beforeAll(() => {
    fs.mkdirSync(path.join(workspace, 'scripts'));
    fs.writeFileSync(path.join(workspace, 'scripts', 'deploy.sh'), BASH_SCRIPT);
  });
  beforeEach(async () => {
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
  });
  afterAll(async () => {
    fs.rmSync(workspace, { recursive: true, force: true });
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
  });

  const makeAppDir = async () => {
    fs.mkdirSync(appDir, { recursive: true });
    await runner.run({ file: 'chown', args: ['deploy:deploy', appDir] });
  };

  it('runs a bash script (set -o pipefail, arrays) with shell: bash, where sh (dash) fails with its own error', async () => {
    await makeAppDir();
    const log = new MemoryLogger();
    const underSh = await runFlow(deployFlow, values({ script: BASH_SCRIPT }), localContext(log));
    expect(underSh.failure).toBeDefined();
    expect(`${underSh.failure} ${log.lines.join('\n')}`).toMatch(/Illegal option -o pipefail/);

    const underBash = await runFlow(deployFlow, values({ script: BASH_SCRIPT, shell: 'bash' }), localContext(log));
    expect(underBash.failure).toBeUndefined();
    expect(read('marker')).toBe('deployed 1.2.3\n');
  });

  it('uploads a script-file from the workspace over the connection, runs it with the env, and leaves no copy behind', async () => {
    await makeAppDir();
    const log = new MemoryLogger();
    const run = await runFlow(deployFlow, values({ 'script-file': 'scripts/deploy.sh', shell: 'bash', env: 'DATABASE_URL=postgres://h19d@127.0.0.1/db' }),
      localContext(log, { workDir: workspace }));
    expect(run.failure).toBeUndefined();
    expect(read('marker')).toBe('deployed 1.2.3\n');
    expect(read('seen-env')).toBe('postgres://h19d@127.0.0.1/db\n');
    expect(fs.existsSync(`${appDir}/.slipway/deploy-script`)).toBe(false);
  });

  it('creates a missing app-dir with create-app-dir: true, and without it names the input that would', async () => {
    const log = new MemoryLogger();
    const refused = await runFlow(deployFlow, values({ script: 'echo ran > marker' }), localContext(log));
    expect(refused.failure).toMatch(/missing on the host: app-dir/);
    expect(refused.failure).toMatch(/create-app-dir: true/);

    const created = await runFlow(deployFlow, values({ script: 'echo ran > marker', 'create-app-dir': 'true' }), localContext(log));
    expect(created.failure).toBeUndefined();
    expect(read('marker')).toBe('ran\n');
  });

  it('refuses a shell that is neither sh, bash nor an absolute path, and a script-file outside the workspace, before connecting', async () => {
    const log = new MemoryLogger();
    await expect(runFlow(deployFlow, values({ script: 'true', shell: 'bash -x' }), localContext(log))).rejects.toThrow(/shell: is not sh, bash or an absolute path/);
    await expect(runFlow(deployFlow, values({ 'script-file': '../elsewhere.sh' }), localContext(log, { workDir: workspace }))).rejects.toThrow(/script-file: points outside the workspace/);
    await expect(runFlow(deployFlow, values({ 'script-file': 'scripts/deploy.sh', script: 'true' }), localContext(log, { workDir: workspace }))).rejects.toThrow(/script-file: and script are both set/);
    expect(log.lines.join('\n')).not.toMatch(/ssh /);
  });
});
