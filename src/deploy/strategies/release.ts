import { hostRelativePath } from '../../core/config/host-paths.js';
import type { Inputs } from '../../core/config/inputs.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { DEFAULT_RELEASE_NAME, releaseDeploy, releaseLookWithLock, releaseNameProblem, releaseRollback, sharedLinkTarget, sudoCheckWords } from '../release.js';
import type { Strategy } from './strategy.js';

export interface ReleaseSettings {
  /** Local directory (rsync) or .tar.gz/.tgz file. */
  artifact?: string;
  shared: string[];
  prePromote: string[];
  restart: string[];
  /** Every release dir counts, failed ones included (the newest failed one is kept for forensics). */
  keep: number;
  /** `release-name`: a time format (`%Y%m%dT%H%M%SZ`); undefined follows the host's existing releases. */
  nameFormat?: string;
  /** `lock-file`, under app-dir: the team's lock path (a file there not written by Slipway counts as held). */
  lockFile?: string;
  /** `deploy-log`, under app-dir: where the deploy-log line goes instead of `.slipway/deploy.log`. */
  deployLog?: string;
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

function parseReleaseName(inputs: Inputs): string | undefined {
  const format = inputs.optional('release-name');
  if (format === undefined) return undefined;
  const problem = releaseNameProblem(format);
  if (problem) inputs.fail('release-name', `${problem} (found '${format.slice(0, 60)}')`, `Use a time format such as ${DEFAULT_RELEASE_NAME} (UTC), or leave it empty to follow the host's existing releases.`);
  return format;
}

/** What the release strategy keeps in app-dir itself: a lock or a log there would be replaced, pruned or shadowed. */
const RELEASE_LAYOUT = ['current', 'releases', 'shared', '.slipway'];

/**
 * `lock-file` / `deploy-log`: one file under app-dir that outlives every release, so never inside
 * `current/` or `releases/` (gone with the next switch or prune), never a layout directory itself.
 */
function hostConventionFile(inputs: Inputs, name: string, example: string): string | undefined {
  const given = inputs.optional(name);
  if (given === undefined) return undefined;
  const value = hostRelativePath(inputs, name, given, { file: true, example });
  const [first = ''] = value.split('/');
  if (value === first ? RELEASE_LAYOUT.includes(value) : first === 'current' || first === 'releases') {
    inputs.fail(name, `names ${value === first ? `app-dir's ${value}` : `a file under ${first}/`}, which the release strategy replaces or prunes (found '${value}')`, `Name a file of its own in app-dir, e.g. ${example}.`);
  }
  return value;
}

/** The lock and the log are two files, neither inside the other. */
function checkConventionFiles(inputs: Inputs, lockFile: string | undefined, deployLog: string | undefined): void {
  if (lockFile === undefined || deployLog === undefined) return;
  if (lockFile === deployLog) inputs.fail('deploy-log', `is the same file as lock-file (${lockFile})`, 'The lock is taken and removed on every deploy: give the log a file of its own, e.g. deploy.log.');
  if (deployLog.startsWith(`${lockFile}/`) || lockFile.startsWith(`${deployLog}/`)) {
    inputs.fail('deploy-log', `and lock-file lie one inside the other (${deployLog}, ${lockFile})`, 'Both are files: give each its own path, e.g. .deploy.lock and deploy.log.');
  }
}

/** Atomic releases: `releases/<timestamp>` uploaded beside the others, `current` switched by rename, restart, check. */
export const releaseStrategy: Strategy<ReleaseDeploySettings> = {
  name: 'release',
  parse(inputs, { mode, workDir, relative }) {
    const artifact = parseArtifact(inputs, workDir);
    if (mode === 'deploy' && !artifact) inputs.fail('artifact', 'is required for a release deploy', 'Set artifact to a local directory (uploaded with rsync) or a .tar.gz.');
    const lockFile = hostConventionFile(inputs, 'lock-file', '.deploy.lock');
    const deployLog = hostConventionFile(inputs, 'deploy-log', 'deploy.log');
    checkConventionFiles(inputs, lockFile, deployLog);
    return {
      release: {
        artifact,
        shared: inputs.list('shared').map((p) => relative('shared', p)),
        prePromote: inputs.list('pre-promote'),
        restart: inputs.list('restart'),
        keep: inputs.integer('keep-releases', 5, { min: 2, max: 100 }),
        nameFormat: parseReleaseName(inputs),
        lockFile,
        deployLog,
      },
    };
  },
  // One round trip per phase: the look (with the lock), the upload, the release's own step with the
  // first pre-promote command, the switch with the first restart command, and the closing step.
  plan({ release, mode }, { appDir }) {
    const commands: string[] = [];
    const [firstRestart, ...otherRestarts] = release.restart;
    const restartNext = firstRestart ? `, then restart: ${firstRestart}` : '';
    if (mode === 'rollback') {
      commands.push('with the lock, in the same round trip: read current, releases/ and their versions');
      commands.push(`in one round trip: switch ${appDir}/current to the release before it${restartNext}`);
    } else {
      const checks = [
        release.shared.length ? `the shared files (${release.shared.map((p) => `shared/${p}`).join(', ')})` : '',
        release.restart.some((command) => sudoCheckWords(command)) ? 'sudo -n -l for each sudo restart command' : '',
      ].filter(Boolean);
      // app-dir itself is on the lock's line: the fleet checks it before taking the lock.
      const checked = checks.length ? `check ${checks.join(', ')}; ` : '';
      commands.push(`with the lock, in the same round trip: ${checked}read current, releases/ and their versions; make releases/`);
      const style = release.nameFormat ?? `the host's existing releases' style, else ${DEFAULT_RELEASE_NAME}`;
      const archive = release.artifact !== undefined && /\.(tar\.gz|tgz)$/.test(release.artifact);
      commands.push(`upload ${release.artifact} to ${appDir}/releases/<name: ${style}, UTC>${archive ? '.tar.gz' : ''} (rsync over the same connection)`);
      const [firstHook] = release.prePromote;
      const parts = [
        ...(archive ? ['unpack it into the release dir'] : []),
        'write the version into .slipway-version',
        ...(release.shared.length ? [`link shared (relative): ${release.shared.map((p) => `${p} -> ${sharedLinkTarget(p)}`).join(', ')}`] : []),
      ];
      commands.push(`in one round trip: ${parts.join('; ')}${firstHook ? '; then, in the release:' : ''}`);
      // The first rides in the round trip above; each other one is a round trip of its own.
      for (const command of release.prePromote) commands.push(`in the release: ${command}`);
      commands.push(`in one round trip: switch ${appDir}/current to the new release${restartNext}`);
    }
    for (const command of otherRestarts) commands.push(command);
    return commands;
  },
  planClosing({ release, mode }) {
    const mark = mode === 'rollback' ? 'mark the release left .rolled-back; ' : '';
    return [`in the last round trip: ${mark}keep at most ${release.keep} release dirs, failed ones counted (the newest failed one kept)`];
  },
  lookWithLock: (run) => releaseLookWithLock(run),
  deploy: (run) => releaseDeploy(run),
  rollback: releaseRollback,
};
