import { shellJoin } from '../../core/command.js';
import type { BaseDeploySettings } from '../common-settings.js';
import { forHost } from '../common-settings.js';
import { composeDeploy, composeLookWithLock, composeRollback } from '../compose.js';
import { composeWords, defaultProjectName, rollbackTag, type ComposeProject } from '../compose-commands.js';
import { PLAIN_TAG } from '../compose-env-file.js';
import { ENV_NAME } from '../../core/config/inputs.js';
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
  /**
   * image-variable: the variable the user's compose file reads the image from (`TAG` in `image: app:${TAG}`,
   * or `IMAGE` for the whole reference). Slipway then sets it in the project's env file and writes no override,
   * so the user's own `docker compose up -d` starts what Slipway left running.
   */
  imageVariable?: string;
  /** The value the deploy env gives image-variable (`env: TAG=v2`), written as it is. */
  variableValue?: string;
}

/** The env file a compose project reads, inside app-dir: env-file, else compose's default `.env`. */
export const projectEnvFile = (compose: ComposeSettings): string => compose.envFile ?? '.env';

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

/**
 * Where the state write goes (the fleet's rule for a closing step the outcome rests on): into the
 * host's last round trip, unless other hosts share its batch (a failed write must still revert them).
 */
function closingRoundTrip(settings: ComposeDeploySettings): string {
  const shared = settings.ssh.targets.length > 1 && settings.batchSize !== 1;
  return shared ? 'in a round trip of its own (other hosts share the batch, so a failed write still reverts them)' : 'in the last round trip';
}

const tagOf = (image: string | undefined): string | undefined => (image?.includes('@') ? undefined : image?.split('/').pop()?.split(':')[1]);

export const COMPOSE_FLAVOR_NOTE = 'compose as `docker compose` (v2), or `docker-compose` (v1) where the host has only that';

/**
 * The image a compose deploy points the service at, through an override Slipway writes, or with
 * image-variable through the variable in the project's env file; the user's compose file is never edited.
 */
export const composeStrategy: Strategy<ComposeDeploySettings> = {
  name: 'compose',
  parse(inputs, { mode, relative }) {
    const service = inputs.required('service', 'Set service to the compose service that runs the image.');
    if (!SERVICE.test(service)) inputs.fail('service', `is not a compose service name (found '${service}')`);
    const project = inputs.optional('compose-project');
    if (project !== undefined && !PROJECT.test(project)) inputs.fail('compose-project', `is not a compose project name (found '${project}', expected lowercase letters, digits, - and _)`);
    const image = inputs.optional('image');
    if (image !== undefined && !IMAGE_REFERENCE.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
    const imageVariable = inputs.optional('image-variable');
    if (imageVariable !== undefined && !ENV_NAME.test(imageVariable)) {
      inputs.fail('image-variable', `is not a variable name (found '${imageVariable.slice(0, 60)}')`, 'Name the variable your compose file reads the image from, e.g. TAG for image: app:${TAG}.');
    }
    // The deploy env is secret: a value from it is checked but never echoed.
    const variableValue = imageVariable ? inputs.keyValues('env', { secret: true, envNames: true })[imageVariable] : undefined;
    if (variableValue !== undefined && !IMAGE_REFERENCE.test(variableValue)) {
      inputs.fail('env', `sets ${imageVariable} (image-variable) to something that is neither a tag nor an image reference`, `Write ${imageVariable}=1.4.2 or ${imageVariable}=registry.example.com/app:1.4.2.`);
    }
    if (mode === 'deploy' && !image && variableValue === undefined) {
      if (imageVariable) inputs.fail('image', `or env ${imageVariable}=… is required for a compose deploy with image-variable`, `Set image to the reference to run, or env: ${imageVariable}=<value> to write into the env file as it is.`);
      inputs.fail('image', 'is required for a compose deploy', 'Set image to the reference to run, e.g. registry.example.com/app:1.4.2 or …@sha256:…; or set image-variable to the variable your compose file reads and pass its value in env.');
    }
    const envFile = inputs.optional('env-file');
    return {
      compose: {
        files: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
        project, envFile: envFile === undefined ? undefined : relative('env-file', envFile), service, image,
        pull: inputs.boolean('pull', true), preDeploy: inputs.optional('pre-deploy'),
        ...(imageVariable ? { imageVariable } : {}), ...(variableValue !== undefined ? { variableValue } : {}),
      },
    };
  },
  // A tag names the version (`app:1.4.2`); a digest does not.
  impliedVersion: ({ compose }) => {
    if (compose.variableValue !== undefined) return PLAIN_TAG.test(compose.variableValue) ? compose.variableValue : tagOf(compose.variableValue);
    return tagOf(compose.image);
  },
  plan(settings, host) {
    const { compose } = settings;
    const { project, stateBase, words } = plannedProject(settings, host);
    const variable = compose.imageVariable;
    const composeProject = { appDir: host.appDir, files: compose.files, project, envFile: compose.envFile, overrideFile: variable ? undefined : `${stateBase}.override.json` };
    const envFile = `${host.appDir}/${projectEnvFile(compose)}`;
    const commands = [COMPOSE_FLAVOR_NOTE, `with the lock, in the same round trip: look at the compose files in app-dir, which compose, what ${compose.service} runs, ${stateBase}.state${variable ? `, ${envFile}` : ''}`];
    if (settings.mode === 'rollback') {
      commands.push(variable
        ? `put back in ${envFile} the ${variable} line recorded as previous in ${stateDir(host.appDir)} (atomically)`
        : `point ${compose.service} at the previous image recorded in ${stateDir(host.appDir)}`);
    } else {
      if (compose.preDeploy) commands.push(`pre-deploy hook: ${compose.preDeploy}`);
      const value = compose.variableValue !== undefined ? `the value env gives ${variable}` : `${host.image} (its tag alone where ${variable} holds a tag)`;
      // One remote step: the pin for rollback, the state, then the override or env line.
      commands.push(`tag the image ${compose.service} runs as ${rollbackTag(project ?? defaultProjectName(host.appDir), compose.service)} (the rollback target) and record the deploy in ${stateBase}.state`);
      commands.push(variable
        ? `write ${variable} into ${envFile} (atomically, every other line kept; the old line kept for rollback): ${value}`
        : `write ${composeProject.overrideFile}: ${compose.service} → ${host.image}`);
      if (compose.pull) commands.push(words(composeProject, 'pull', compose.service));
    }
    commands.push(words(composeProject, 'up', '-d', '--remove-orphans'));
    return commands;
  },
  planClosing(settings, host) {
    const { stateBase } = plannedProject(settings, host);
    const serving = settings.mode === 'rollback' ? 'the previous image, now serving' : 'the new image, or after a red health check the old one serving again';
    return [`${closingRoundTrip(settings)}: record in ${stateBase}.state (atomically) what serves: ${serving}`];
  },
  lookWithLock: composeLookWithLock,
  deploy: composeDeploy,
  rollback: composeRollback,
};
