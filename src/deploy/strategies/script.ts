import type { BaseDeploySettings } from '../common-settings.js';
import { scriptDeploy } from '../release.js';
import type { Strategy } from './strategy.js';

export interface ScriptDeploySettings extends BaseDeploySettings {
  strategy: 'script';
  /** Run by sh in app-dir with `set -e`. */
  script: string;
}

/** The user's own commands in app-dir, then the health check; there is nothing Slipway could roll back to. */
export const scriptStrategy: Strategy<ScriptDeploySettings> = {
  name: 'script',
  parse(inputs, { mode }) {
    if (mode === 'rollback') inputs.fail('mode', 'rollback is not available for the script strategy (found script)', 'Run your own rollback script as a script deploy.');
    return { script: inputs.required('script', 'Set script to the commands to run on the host.') };
  },
  plan: ({ script }, { appDir }) => [`in ${appDir}: ${script}`],
  deploy: scriptDeploy,
  rollback: async () => { throw new Error('the script strategy has no rollback'); },
};
