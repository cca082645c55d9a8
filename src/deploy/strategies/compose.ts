import { shellJoin } from '../../core/command.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { forHost } from '../common-settings.js';
import { composeDeploy, composeRollback } from '../compose.js';
import { composeWords, type ComposeProject } from '../compose-commands.js';
import { hostFiles, stateDir } from '../host-state.js';
import type { ZeroDowntimeSettings } from '../zero-downtime/settings.js';
import type { PlanHost, Strategy } from './strategy.js';

export interface ComposeSettings {
  files: string[];
  /** `-p`; `{host}`/`{index}` are replaced per host. */
  project?: string;
  envFile?: string;
  service: string;
  image?: string;
  pull: boolean;
  preDeploy?: string;
}

export interface ComposeDeploySettings extends BaseDeploySettings {
  strategy: 'compose';
  compose: ComposeSettings;
  /** The compose strategy's zero-downtime option (start beside, switch the proxy, drain): strategies/zero-downtime.ts. */
  zeroDowntime?: ZeroDowntimeSettings;
}

const PROJECT = /^[a-z0-9{}][a-z0-9_{}-]*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

/** One host's compose project as the dry run names it (the state file and override are found the same way at run time). */
export function plannedProject(settings: ComposeDeploySettings, host: PlanHost): { project?: string; stateBase: string; words(project: ComposeProject, ...sub: string[]): string } {
  const { compose } = settings;
  const project = compose.project ? forHost(compose.project, host.host, host.index) : undefined;
  return {
    project,
    stateBase: hostFiles.composeBase(host.appDir, project, compose.service),
    // Which compose the host has is only known once connected: the plan shows v2's words.
    words: (composeProject, ...sub) => host.planned(shellJoin(composeWords('v2', composeProject, ...sub))),
  };
}

export const COMPOSE_FLAVOR_NOTE = 'compose as `docker compose` (v2), or `docker-compose` (v1) where the host has only that';

/** The image a compose deploy points the service at, through an override Slipway writes; the user's compose file is never edited. */
export const composeStrategy: Strategy<ComposeDeploySettings> = {
  name: 'compose',
  parse(inputs, { mode, relative }) {
    const service = inputs.required('service', 'Set service to the compose service that runs the image.');
    if (!SERVICE.test(service)) inputs.fail('service', `is not a compose service name (found '${service}')`);
    const project = inputs.optional('compose-project');
    if (project !== undefined && !PROJECT.test(project)) inputs.fail('compose-project', `is not a compose project name (found '${project}', expected lowercase letters, digits, - and _)`);
    const image = inputs.optional('image');
    if (mode === 'deploy' && !image) inputs.fail('image', 'is required for a compose deploy', 'Set image to the reference to run, e.g. registry.example.com/app:1.4.2 or …@sha256:….');
    if (image !== undefined && !IMAGE_REFERENCE.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
    const envFile = inputs.optional('env-file');
    return {
      compose: {
        files: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
        project, envFile: envFile === undefined ? undefined : relative('env-file', envFile), service, image,
        pull: inputs.boolean('pull', true), preDeploy: inputs.optional('pre-deploy'),
      },
    };
  },
  // A tag names the version (`app:1.4.2`); a digest does not.
  impliedVersion: ({ compose }) => (compose.image?.includes('@') ? undefined : compose.image?.split('/').pop()?.split(':')[1]),
  plan(settings, host) {
    const { compose } = settings;
    const { project, stateBase, words } = plannedProject(settings, host);
    const composeProject = { appDir: host.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: `${stateBase}.override.json` };
    const commands = [COMPOSE_FLAVOR_NOTE];
    if (settings.mode === 'rollback') commands.push(`point ${compose.service} at the previous image recorded in ${stateDir(host.appDir)}`);
    else {
      if (compose.preDeploy) commands.push(`pre-deploy hook: ${compose.preDeploy}`);
      commands.push(`write ${composeProject.overrideFile}: ${compose.service} → ${host.image}`);
      if (compose.pull) commands.push(words(composeProject, 'pull', compose.service));
    }
    commands.push(words(composeProject, 'up', '-d', '--remove-orphans'));
    return commands;
  },
  deploy: composeDeploy,
  rollback: composeRollback,
};
