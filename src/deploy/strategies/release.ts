import type { Inputs } from '../../core/config/inputs.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { releaseDeploy, releaseRollback } from '../release.js';
import type { Strategy } from './strategy.js';

export interface ReleaseSettings {
  /** Local directory (rsync) or .tar.gz/.tgz file. */
  artifact?: string;
  shared: string[];
  prePromote: string[];
  restart: string[];
  keep: number;
}

export interface ReleaseDeploySettings extends BaseDeploySettings {
  strategy: 'release';
  release: ReleaseSettings;
}

/** A local directory (rsync) or a .tar.gz/.tgz file, resolved to an absolute path so rsync can never read it as an option. */
function parseArtifact(inputs: Inputs, workDir: string): string | undefined {
  const value = inputs.optional('artifact');
  if (value === undefined) return undefined;
  const archive = /\.(tar\.gz|tgz)$/.test(value);
  const resolved = inputs.localPath('artifact', workDir, { mustExist: archive ? 'file' : 'dir' });
  // rsync's trailing-slash rule (copy the contents) is kept from what the user wrote.
  return resolved && !archive && value.endsWith('/') ? `${resolved}/` : resolved;
}

/** Atomic releases: `releases/<timestamp>` uploaded beside the others, `current` switched by rename, restart, check. */
export const releaseStrategy: Strategy<ReleaseDeploySettings> = {
  name: 'release',
  parse(inputs, { mode, workDir, relative }) {
    const artifact = parseArtifact(inputs, workDir);
    if (mode === 'deploy' && !artifact) inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
    return {
      release: {
        artifact,
        shared: inputs.list('shared').map((p) => relative('shared', p)),
        prePromote: inputs.list('pre-promote'),
        restart: inputs.list('restart'),
        keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
      },
    };
  },
  plan({ release, mode }, { appDir }) {
    const commands: string[] = [];
    if (mode === 'rollback') commands.push(`switch ${appDir}/current to the release before it`);
    else {
      commands.push(`upload ${release.artifact} to ${appDir}/releases/<timestamp> (rsync over the same connection)`);
      if (release.shared.length) commands.push(`link shared: ${release.shared.join(', ')}`);
      for (const command of release.prePromote) commands.push(`in the release: ${command}`);
      commands.push(`switch ${appDir}/current to the new release`);
    }
    for (const command of release.restart) commands.push(command);
    return commands;
  },
  deploy: (run) => releaseDeploy(run),
  rollback: releaseRollback,
};
