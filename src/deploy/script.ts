import fs from 'node:fs/promises';
import { SlipwayError } from '../core/errors.js';
import { waitForHttpHealth } from './health.js';
import { stateDir, writeAtomic } from './host-state.js';
import type { HostRun } from './host-run.js';
import type { ScriptDeploySettings } from './strategies/script.js';
import type { StrategyOutcome } from './strategies/strategy.js';

/** Where an uploaded script-file lives on the host while it runs (removed after; the deploy lock keeps it one at a time). */
export const uploadedScriptPath = (appDir: string): string => `${stateDir(appDir)}/deploy-script`;

/** The words that run the script in app-dir: inline with `-c`, or the uploaded file; `-e` either way (the first failing command fails it). */
export function scriptWords(dir: string, shell: string, script: { inline: string } | { file: string }): string[] {
  return 'file' in script
    ? ['sh', '-c', 'cd "$1" || exit 1; exec "$2" -e "$3"', 'slipway-script', dir, shell, script.file]
    : ['sh', '-c', 'cd "$1" || exit 1; exec "$2" -e -c "$3"', 'slipway-script', dir, shell, script.inline];
}

/** app-dir exists (the fleet checked it, or made it with create-app-dir) and the lock is held. */
export async function scriptDeploy(run: HostRun<ScriptDeploySettings>): Promise<StrategyOutcome> {
  const { version, shell, scriptFile, script } = run.settings;
  const host = run.session.target.host;
  const exec = { env: { ...run.settings.env, APP_VERSION: version }, stream: true, label: `script on ${host}` };
  if (scriptFile) {
    // Sent over the deploy's own connection (stdin of an atomic write), so the host needs no checkout of the repository.
    const remote = uploadedScriptPath(run.appDir);
    await writeAtomic(run.session, remote, await fs.readFile(scriptFile, 'utf8'), { name: 'slipway-script-upload', label: `ssh ${host}: upload script-file` });
    try {
      await run.session.exec(scriptWords(run.appDir, shell, { file: remote }), exec);
    } finally {
      await run.session.exec(['rm', '-f', '--', remote], { allowFailure: true, label: `ssh ${host}: remove the uploaded script` }).catch(() => undefined);
    }
  } else {
    await run.session.exec(scriptWords(run.appDir, shell, { inline: script }), exec);
  }
  const verdict = await waitForHttpHealth(run.session, run.settings.health, version, run.log, Date.now() + run.settings.health.timeoutMs);
  if (!verdict.healthy) throw new SlipwayError(`${run.session.name}: the script ran but the health check failed (${verdict.detail})`);
  return { version, previous: '', changed: true };
}
