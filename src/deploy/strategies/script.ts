import fs from 'node:fs';
import type { Inputs } from '../../core/config/inputs.js';
import { shellJoin } from '../../core/command.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { scriptDeploy, uploadedScriptPath } from '../script.js';
import type { Strategy } from './strategy.js';

export interface ScriptDeploySettings extends BaseDeploySettings {
  strategy: 'script';
  /** Run by `shell` in app-dir with `-e`; empty when scriptFile is set. */
  script: string;
  /** `sh` (dash on Debian/Ubuntu), `bash`, or an absolute path. */
  shell: string;
  /** A file in the workspace (absolute, checked), uploaded and run in place of `script`. */
  scriptFile?: string;
  /** mkdir -p app-dir before the lock is taken (the lock lives inside it). */
  createAppDir: boolean;
}

const SHELL_PATH = /^\/[A-Za-z0-9._+-]+(?:\/[A-Za-z0-9._+-]+)*$/;
/** Scripts are read into memory and sent on stdin: a deploy script, not an artifact. */
const MAX_SCRIPT_BYTES = 1024 * 1024;

function parseShell(inputs: Inputs): string {
  const shell = inputs.optional('shell') ?? 'sh';
  const plainPath = SHELL_PATH.test(shell) && shell.length <= 255 && !shell.split('/').some((part) => part === '..' || part === '.');
  if (shell !== 'sh' && shell !== 'bash' && !plainPath) {
    inputs.fail('shell', `is not sh, bash or an absolute path to a shell (found '${shell.slice(0, 60)}')`, 'Write shell: bash for a bash script (pipefail, arrays), or the path of the shell on the host, e.g. /usr/bin/zsh.');
  }
  return shell;
}

/** The user's own commands in app-dir, then the health check; there is nothing Slipway could roll back to. */
export const scriptStrategy: Strategy<ScriptDeploySettings> = {
  name: 'script',
  parse(inputs, { mode, workDir }) {
    if (mode === 'rollback') inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
    const shell = parseShell(inputs);
    const scriptFile = inputs.localPath('script-file', workDir, { mustExist: 'file' });
    const script = inputs.optional('script');
    if (scriptFile && script !== undefined) inputs.fail('script-file', 'and script are both set', 'Keep one: script-file for a file in the repository, script for commands written in the workflow.');
    if (!scriptFile && script === undefined) inputs.fail('script', 'is required for a script deploy', 'Set script to the commands to run on the host, or script-file to a script in the workspace (e.g. scripts/deploy.sh).');
    if (scriptFile && fs.statSync(scriptFile).size > MAX_SCRIPT_BYTES) inputs.fail('script-file', `is larger than ${MAX_SCRIPT_BYTES / 1024} KiB`, 'Name the deploy script itself; ship big files with the release strategy.');
    return { script: script ?? '', shell, ...(scriptFile ? { scriptFile } : {}), createAppDir: inputs.boolean('create-app-dir', false) };
  },
  // create-app-dir's mkdir runs before the lock: the pipeline's plan shows it there.
  plan: ({ script, shell, scriptFile }, { appDir }) => [
    ...(scriptFile
      ? [`upload ${scriptFile} to ${uploadedScriptPath(appDir)} (over the same connection)`, `in ${appDir}: ${shellJoin([shell, '-e', uploadedScriptPath(appDir)])} (env on stdin), then remove it`]
      : [`in ${appDir}: ${shellJoin([shell, '-e', '-c', script])}`]),
  ],
  deploy: scriptDeploy,
  rollback: async () => { throw new Error('the script strategy has no rollback'); },
};
