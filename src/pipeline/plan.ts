import { describeCommand, shellJoin } from '../core/command.js';
import { Summary } from '../core/summary.js';
import { forHost, hostPathsFor, strategyFor, type DeploySettings } from '../deploy/index.js';
import { buildCommand, loginCommand, pushCommand } from '../image/index.js';
import { describeTarget } from '../ssh/index.js';
import { PLANNED, type PipelineSettings } from './settings.js';

/** What `--dry-run` prints: every step, the commands it would run, nothing started. */
export interface PipelinePlan {
  version: string;
  steps: Array<{ step: string; what: string; commands: string[] }>;
  hosts: HostPlan[];
  checks: string[];
  onFailure: string;
}

/** What would run on one host, in order. */
export interface HostPlan {
  host: string;
  appDir: string;
  commands: string[];
}

const planned = (value: string): string => value.replace(new RegExp(PLANNED, 'g'), '<version>');

export function planPipeline(settings: PipelineSettings): PipelinePlan {
  const version = settings.version ?? (settings.mode === 'rollback' ? 'the previous version on each host' : '<version from git>');
  const steps: PipelinePlan['steps'] = [];
  const { build, push, deploy, smoke } = settings;
  if (build && push) {
    const reference = `${build.image}:${settings.version ?? PLANNED}`;
    const command = buildCommand({
      references: [reference, ...build.extraTags.map((tag) => `${build.image}:${tag}`)], platforms: build.platforms, dockerfile: build.dockerfile,
      context: build.context, labels: build.labels, buildArgs: build.buildArgs,
      secretFiles: Object.fromEntries(Object.keys(build.buildSecrets).map((id) => [id, `<0600 file with secret ${id}>`])),
      target: build.target, network: build.network, noCache: build.noCache, iidFile: '<temp>/iid',
    }, { kind: 'classic', docker: 'docker', canExportCache: false });
    steps.push({ step: 'build-image', what: `${build.image} for ${build.platforms.join(', ')}, tagged from git and ${settings.version ?? '<version>'} (buildx or the classic builder, detected at run time)`, commands: [planned(describeCommand(command))] });
    steps.push({
      step: 'push-image', what: `every tag to ${push.registry}; verify a pull by digest${push.verifyPlatform ? ` as ${push.verifyPlatform}` : ''}`,
      commands: [
        ...(push.username ? [describeCommand(loginCommand(push.registry, push.username, '', '<private DOCKER_CONFIG>'))] : []),
        planned(describeCommand(pushCommand(reference, '<private DOCKER_CONFIG>'))),
      ],
    });
  } else if (settings.mode === 'deploy') {
    steps.push({ step: 'build-image, push-image', what: settings.deployImage ? `skipped: deploying ${settings.deployImage}` : `skipped: the ${deploy.strategy} strategy ships no image`, commands: [] });
  }
  const image = settings.deployImage ?? (build ? `${build.image}@<digest pushed>` : undefined);
  steps.push({
    step: 'ssh-deploy',
    what: `${deploy.mode === 'rollback' ? 'roll back' : `deploy ${image ?? version}`} with ${deploy.strategy} to ${deploy.ssh.targets.length} host(s)${deploy.batchSize ? ` in batches of ${deploy.batchSize}` : ''}`,
    commands: [],
  });
  const hosts = planHosts(deploy, image);
  const checks = (smoke?.checks ?? []).map((check) => planned([
    `${check.method} ${check.url}`, check.expectVersion ? `expects version ${check.expectVersion} at ${check.versionPath}` : '',
    smoke?.sshTargets ? `from inside each host through SSH` : '',
  ].filter(Boolean).join(', ')));
  steps.push({ step: 'smoke-test', what: smoke ? `${checks.length} check(s), ${smoke.options.consecutivePasses} passes in a row within ${Math.round(smoke.options.timeoutMs / 1000)} s` : 'skipped: no url, checks or health-url set', commands: [] });
  const onFailure = settings.mode === 'rollback' || !settings.rollbackOnFailure
    ? 'a failed smoke test fails the job; nothing is rolled back'
    : 'a failed smoke test rolls back (ssh-deploy mode rollback) every host this run changed, then fails the job';
  return { version: planned(version), steps, hosts, checks, onFailure };
}

export function planHosts(deploy: DeploySettings, image: string | undefined): HostPlan[] {
  const strategy = strategyFor(deploy);
  // A strategy without hosts (cloudron) plans its own requests from the runner.
  if (strategy.withoutHosts) return [{ host: strategy.withoutHosts.target(deploy), appDir: 'no SSH, no app-dir', commands: strategy.withoutHosts.plan(deploy) }];
  return deploy.ssh.targets.map((target, index) => {
    const appDir = forHost(deploy.appDir, target.host, index);
    const paths = hostPathsFor(deploy, appDir);
    const lock = paths.lockIsFile ? `take the lock ${paths.lock} (refused if it exists and Slipway did not write it)` : `take the lock ${paths.lock}`;
    // The fleet checks app-dir in the lock's round trip (the lock lives inside it), or makes it for a script with create-app-dir.
    const appDirStep = deploy.strategy === 'script' && deploy.createAppDir ? shellJoin(['mkdir', '-p', '--', appDir]) : `check app-dir ${appDir} exists (nothing is made when it does not)`;
    const commands = [`ssh -p ${target.port} ${target.user}@${target.host} (one connection for every command below)`, `in one round trip: ${appDirStep}, then ${lock}`];
    // What the strategy runs, as it runs it (each strategy owns its plan).
    commands.push(...strategy.plan(deploy, { host: target.host, index, appDir, image, planned }));
    if (deploy.health.url) commands.push(`health: ${deploy.health.url}${deploy.health.expect ? ` contains ${planned(deploy.health.expect.replace(/\{version\}/g, PLANNED))}` : ''} within ${Math.round(deploy.health.timeoutMs / 1000)} s, else roll this host back`);
    // A strategy's closing commands say where they go (most in the last round trip, with the log line and the release).
    const closing = strategy.planClosing?.(deploy, { host: target.host, index, appDir, image, planned }) ?? [];
    commands.push(...closing, `in the last round trip: append to ${paths.deployLog}; release the lock`);
    return { host: describeTarget(target), appDir, commands };
  });
}

export function planSummary(plan: PipelinePlan): Summary {
  const summary = new Summary()
    .heading(`Deploy pipeline plan (dry run, nothing touched): version ${plan.version}`)
    .table(['step', 'what'], plan.steps.map((step) => [step.step, step.what]));
  for (const step of plan.steps.filter((s) => s.commands.length)) summary.text(`${step.step}:`).list(step.commands.map((c) => `\`${c}\``));
  for (const host of plan.hosts) summary.text(`On ${host.host} (${host.appDir}):`).list(host.commands.map((c) => `\`${c}\``));
  summary.text('Checks:').list(plan.checks.length ? plan.checks : ['none']);
  return summary.text(`On failure: ${plan.onFailure}.`);
}

/** What `slipway deploy --dry-run` prints: the same per-host plan as the pipeline's deploy step. */
export interface DeployPlan {
  mode: DeploySettings['mode'];
  strategy: DeploySettings['strategy'];
  version: string;
  what: string;
  hosts: HostPlan[];
  onFailure: string;
}

export function planDeploy(deploy: DeploySettings): DeployPlan {
  const image = deploy.strategy === 'compose' ? deploy.compose.image : deploy.strategy === 'swarm' ? deploy.swarm.image : undefined;
  const order = deploy.batchSize ? `in batches of ${deploy.batchSize}` : 'all at once';
  const what = deploy.mode === 'rollback'
    ? `roll back with ${deploy.strategy} on ${deploy.ssh.targets.length} host(s) ${order}, to what each host recorded`
    : `deploy ${image ?? deploy.version} with ${deploy.strategy} to ${deploy.ssh.targets.length} host(s) ${order}`;
  const onFailure = deploy.mode === 'rollback'
    ? 'a host whose rollback fails is reported failed; the others are not touched again'
    : deploy.strategy === 'script'
      ? 'a failed script or health check fails the host (a script has no automatic rollback)'
      : 'a host that fails its switch or health check is rolled back to what served before; later batches do not start';
  return { mode: deploy.mode, strategy: deploy.strategy, version: deploy.version, what, hosts: planHosts(deploy, image), onFailure };
}

export function deployPlanSummary(plan: DeployPlan): Summary {
  const summary = new Summary()
    .heading(`${plan.mode === 'rollback' ? 'Rollback' : 'Deploy'} plan (dry run, nothing touched): ${plan.what}`)
    .text(`Version: ${plan.mode === 'rollback' && plan.version === 'previous' ? 'the one before, as recorded on each host' : plan.version}`);
  for (const host of plan.hosts) summary.text(`On ${host.host} (${host.appDir}):`).list(host.commands.map((c) => `\`${c}\``));
  return summary.text(`On failure: ${plan.onFailure}.`);
}
