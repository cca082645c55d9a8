import fs from 'node:fs/promises';
import path from 'node:path';
import { throwIfCancelled } from '../core/cancel.js';
import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { serviceRollback, serviceUpdateImage, stackDeploy, stackServiceIds } from './commands.js';
import { buildStackOverride, readCompose, type FilledDefault } from './compose.js';
import { captureBaselines, inspectServices, waitForConvergence, type ServiceReport } from './converge.js';
import type { DockerEndpoint, StagedFile } from './endpoint.js';
import { assertSwarmManager } from './preflight.js';
import { ensureDockerSecrets, envFileText } from './secrets.js';

export type SwarmMode = 'stack' | 'service' | 'rollback';

export interface SwarmSettings {
  mode: SwarmMode;
  /** Stack name; services are `<stack>_<service>`. */
  stack: string;
  /** Local path of the compose file (stack mode). */
  composeFile?: string;
  /** Service mode: the one service to update; rollback mode: the one to roll back (default: every service of the stack). */
  service?: string;
  /** Rollback mode: these services (those a failed deploy changed), instead of `service` or the whole stack. */
  services?: string[];
  /** Digest-pinned image (`repo@sha256:…`). */
  image?: string;
  parallelism: number;
  timeoutMs: number;
  pollMs: number;
  /** Values that become Docker secrets (compose `secrets:` keys). */
  secrets: Record<string, string>;
  /** Values written to an env file added to every service. */
  env: Record<string, string>;
  prune: boolean;
}

export const SWARM_DEFAULTS = { parallelism: 1, timeoutMs: 300_000, pollMs: 500 } as const;

export interface SwarmResult {
  mode: SwarmMode;
  stack: string;
  endpoint: string;
  services: ServiceReport[];
  filled: FilledDefault[];
  pinned: string[];
  durationMs: number;
}

export const GOOD_OUTCOMES = new Set(['updated', 'unchanged']);

/** `repo@sha256:<64 hex>`: the same bytes on every node. */
export const isDigestPinned = (image: string): boolean => /@sha256:[a-f0-9]{64}$/.test(image);

/** Runs one swarm deploy, update or rollback against a manager and waits for the engine's verdict. */
/** `signal`: a cancel rolls back what the deploy changed and cuts the wait (ConvergeOptions.signal). */
export async function runSwarm(settings: SwarmSettings, endpoint: DockerEndpoint, log: Logger, options: { signal?: AbortSignal } = {}): Promise<SwarmResult> {
  const started = Date.now();
  await assertSwarmManager(endpoint);
  if (settings.image && settings.mode !== 'rollback' && !isDigestPinned(settings.image)) {
    log.warn(`image ${settings.image} is not pinned by digest: each node resolves the tag itself and may run different bytes. Pass the digest push-image returned (repo@sha256:…)`);
  }
  const base = { mode: settings.mode, stack: settings.stack, endpoint: endpoint.description, filled: [] as FilledDefault[], pinned: [] as string[] };
  const converge = { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, log, signal: options.signal };
  switch (settings.mode) {
    case 'stack': {
      const outcome = await deployStack(settings, endpoint, log, options.signal);
      return { ...base, ...outcome, durationMs: Date.now() - started };
    }
    case 'service': {
      const service = requireService(settings);
      if (!settings.image) throw new SlipwayError('swarm service mode needs the image to roll out', { fix: 'Pass the digest push-image returned (repo@sha256:…)' });
      const baselines = await captureBaselines(endpoint, [service]);
      if (!baselines[0]?.object) throw missingService(service, endpoint);
      throwIfCancelled(options.signal, `the update of ${service}`);
      log.info(`updating ${service} to ${settings.image}`);
      await endpoint.docker(serviceUpdateImage(service, settings.image));
      const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'deploy' });
      return { ...base, services, pinned: [service], durationMs: Date.now() - started };
    }
    case 'rollback': {
      const names = settings.services ?? (settings.service ? [settings.service] : await stackServices(endpoint, settings.stack));
      if (names.length === 0) throw new SlipwayError(`stack '${settings.stack}' has no services on ${endpoint.description}`, { fix: 'Check the stack name (`docker stack ls`)' });
      const baselines = await captureBaselines(endpoint, names);
      for (const baseline of baselines) {
        if (!baseline.object) throw missingService(baseline.name, endpoint);
        log.info(`rolling ${baseline.name} back to its previous spec`);
        await endpoint.docker(serviceRollback(baseline.name), {
          hint: (r) => (/previous spec/i.test(r.stderr) ? `${baseline.name} has no previous version to go back to` : undefined),
        });
      }
      const services = await waitForConvergence(endpoint, baselines, { ...converge, intent: 'rollback' });
      return { ...base, services, durationMs: Date.now() - started };
    }
  }
}

async function deployStack(settings: SwarmSettings, endpoint: DockerEndpoint, log: Logger, signal?: AbortSignal): Promise<Pick<SwarmResult, 'services' | 'filled' | 'pinned'>> {
  const composePath = settings.composeFile;
  if (!composePath) throw new SlipwayError('swarm stack mode needs a compose file', { fix: 'Set stack-file to your stack file (docker-compose.yml)' });
  const text = await fs.readFile(composePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SlipwayError(`${composePath}: cannot read the compose file (${error.code ?? error.message})`, { fix: 'Check stack-file (a path relative to the working directory)' });
  });
  const compose = readCompose(text, composePath);
  for (const key of Object.keys(settings.secrets)) {
    if (!compose.services.some((s) => s.secrets.includes(key))) log.warn(`secret ${key}: no service in ${composePath} lists it under secrets:, so none receives it`);
  }
  const secretNames = await ensureDockerSecrets(endpoint, settings.stack, settings.secrets);
  const hasEnv = Object.keys(settings.env).length > 0;
  const files: StagedFile[] = [];
  if (!endpoint.local) files.push({ name: path.basename(composePath), content: text });
  if (hasEnv) files.push({ name: 'slipway.env', content: envFileText(settings.env) });
  // The override names the env file by its staged path, so it is staged after the others.
  const staged = await endpoint.stage(files);
  try {
    const envPath = hasEnv ? staged.paths[staged.paths.length - 1] : undefined;
    const override = buildStackOverride(compose, { parallelism: settings.parallelism, image: settings.image, envFile: envPath, secretNames });
    if (settings.image && override.pinned.length === 0) {
      log.warn(`image ${settings.image}: no service in ${composePath} uses that repository, so no image was pinned`);
    }
    for (const f of override.filled) log.info(`default filled: ${f.service} ${f.setting}=${f.value} (${f.why})`);
    const overrideFile = await endpoint.stage([{ name: 'slipway.override.yml', content: override.text }]);
    try {
      const userFile = endpoint.local ? composePath : (staged.paths[0] as string);
      const names = compose.services.map((s) => `${settings.stack}_${s.name}`);
      const baselines = await captureBaselines(endpoint, names);
      throwIfCancelled(signal, `docker stack deploy ${settings.stack}`);
      log.info(`docker stack deploy ${settings.stack} (${compose.services.length} service(s)) on ${endpoint.description}`);
      const result = await endpoint.docker(stackDeploy(settings.stack, [userFile, overrideFile.paths[0] as string], { prune: settings.prune }), { allowFailure: true });
      if (result.exitCode !== 0) throw stackRejected(composePath, result.stderr || result.stdout);
      const services = await waitForConvergence(endpoint, baselines, { timeoutMs: settings.timeoutMs, pollMs: settings.pollMs, intent: 'deploy', log, signal });
      return { services, filled: override.filled, pinned: override.pinned };
    } finally {
      await overrideFile.remove();
    }
  } finally {
    await staged.remove();
  }
}

/** The engine's own words, with the file and (when it names one) the service. */
function stackRejected(file: string, stderr: string): SlipwayError {
  const message = stderr.trim().split('\n').filter((line) => !/^(Since --detach|In a future release|Ignoring unsupported)/.test(line)).join('\n').trim();
  const service = message.match(/services\.([A-Za-z0-9_.-]+?)(?:\.|\s|:|$)/)?.[1] ?? message.match(/service "?([A-Za-z0-9_.-]+)"?/)?.[1];
  return new SlipwayError(`${file}${service ? `: service ${service}` : ''}: docker stack deploy rejected the stack: ${message}`, {
    fix: 'Fix the compose file (the stack format is compose file format 3; `docker stack config -c FILE` shows what the engine reads)',
  });
}

function requireService(settings: SwarmSettings): string {
  if (!settings.service) throw new SlipwayError('swarm service mode needs the service to update', { fix: 'Set service to e.g. <stack>_web' });
  return settings.service;
}

function missingService(name: string, endpoint: DockerEndpoint): SlipwayError {
  return new SlipwayError(`service '${name}' does not exist on ${endpoint.description}`, { fix: 'Deploy the stack first, or check the name with `docker service ls`' });
}

export async function stackServices(endpoint: DockerEndpoint, stack: string): Promise<string[]> {
  const ids = (await endpoint.docker(stackServiceIds(stack))).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  return (await inspectServices(endpoint, ids)).map((s) => s.Spec.Name).sort();
}
