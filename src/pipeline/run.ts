import type { FlowContext } from '../core/context.js';
import { formatError } from '../core/errors.js';
import { deployFlow } from '../deploy/index.js';
import type { DeployResult } from '../deploy/index.js';
import type { DeploySettings } from '../deploy/index.js';
import { buildImageFlow, type BuildResult } from '../image/index.js';
import { readGitFacts } from '../image/index.js';
import { pushImageFlow, type PushResult } from '../image/index.js';
import { isValidTag } from '../image/index.js';
import { versionOf } from '../image/index.js';
import { smokeFlow } from '../smoke/index.js';
import type { SmokeReport } from '../smoke/index.js';
import { routeInput } from './link-inputs.js';
import { planPipeline, type PipelinePlan } from './plan.js';
import { linkInputs, smokeDerived, withVersion, type PipelineSettings } from './settings.js';
import { throwIfCancelled } from '../core/cancel.js';

export type StepName = 'build-image' | 'push-image' | 'ssh-deploy' | 'smoke-test' | 'rollback';

export interface StepRecord {
  step: StepName;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  detail: string;
}

export interface PipelineResult {
  mode: PipelineSettings['mode'];
  /** deployed: all green; rolled-back: the new version failed and the old one serves again; failed: anything else. */
  outcome: 'deployed' | 'rolled-back' | 'failed' | 'planned';
  version: string;
  /** Digest-pinned reference the hosts run (compose), when there is an image. */
  imageRef?: string;
  build?: BuildResult;
  push?: PushResult;
  deploy?: DeployResult;
  smoke?: SmokeReport;
  rollback?: DeployResult;
  steps: StepRecord[];
  failure?: string;
  plan?: PipelinePlan;
  durationMs: number;
}

/** build-image → push-image → ssh-deploy → smoke-test, each through its own flow, with a rollback when the smoke test fails. */
export async function runPipeline(settings: PipelineSettings, context: FlowContext): Promise<PipelineResult> {
  const started = Date.now();
  if (settings.dryRun) {
    const plan = planPipeline(settings);
    return { mode: settings.mode, outcome: 'planned', version: plan.version, steps: [], plan, durationMs: Date.now() - started };
  }
  const parseContext = { env: context.env, platform: context.platform, workDir: context.workDir };
  const result: PipelineResult = { mode: settings.mode, outcome: 'failed', version: settings.version ?? '', steps: [], durationMs: 0 };
  const step = async <T>(name: StepName, body: () => Promise<{ value: T; ok: boolean; detail: string }>): Promise<T | undefined> => {
    const stepStarted = Date.now();
    try {
      // After a cancel no new step starts (docs/cancel.md).
      throwIfCancelled(context.signal, `step ${name}`);
      const { value, ok, detail } = await context.log.group(name, body);
      result.steps.push({ step: name, status: ok ? 'ok' : 'failed', durationMs: Date.now() - stepStarted, detail });
      return value;
    } catch (error) {
      const detail = formatError(error);
      result.steps.push({ step: name, status: 'failed', durationMs: Date.now() - stepStarted, detail });
      result.failure = `${name}: ${detail}`;
      return undefined;
    }
  };
  const finish = (): PipelineResult => ({ ...result, durationMs: Date.now() - started });

  if (settings.build) {
    // One version for every link: given, else what build-image would derive from git.
    result.version = settings.version ?? versionOf(await readGitFacts(context.runner, settings.build.context, context.env, context.log)) ?? timestampVersion();
  } else if (settings.mode === 'deploy' && !settings.version) {
    result.version = settings.deploy.version;
  }
  const version = result.version;

  let deploySettings: DeploySettings = settings.deploy;
  if (settings.build) {
    const get = (name: string) => settings.source.get(name);
    const extraTags = [routeInput(get, 'build', 'tags'), isValidTag(version) ? version : undefined].filter(Boolean).join('\n');
    const build = await step('build-image', async () => {
      const parsed = buildImageFlow.parse(linkInputs(settings.source, 'build', {
        version, tags: extraTags, 'build-args': withVersion(routeInput(get, 'build', 'build-args'), version),
      }), parseContext);
      const value = await buildImageFlow.run(parsed, context);
      return { value, ok: true, detail: `${value.tags.length} tags, ${value.builder} builder, layer cache ${value.cache}` };
    });
    if (!build) return finish();
    result.build = build;
    const push = await step('push-image', async () => {
      const value = await pushImageFlow.run(pushImageFlow.parse(linkInputs(settings.source, 'push', { tags: build.tags.join('\n') }), parseContext), context);
      return { value, ok: true, detail: `${value.digest} (${value.layersUploaded} layers uploaded)` };
    });
    if (!push) return finish();
    result.push = push;
    result.imageRef = push.imageRef;
    deploySettings = deployFlow.parse(linkInputs(settings.source, 'deploy', { image: push.imageRef, version }), parseContext);
  } else {
    result.imageRef = settings.deployImage;
    result.steps.push({ step: 'build-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) }, { step: 'push-image', status: 'skipped', durationMs: 0, detail: skipReason(settings) });
  }

  const deploy = await step('ssh-deploy', async () => {
    const value = await deployFlow.run(deploySettings, context);
    const failure = deployFlow.failure?.(value);
    if (failure) result.failure = `ssh-deploy: ${failure}`;
    return { value, ok: !failure, detail: `${value.hosts.filter((h) => h.status === 'deployed' || (value.mode === 'rollback' && h.status === 'rolled-back')).length} of ${value.hosts.length} hosts ${value.mode === 'rollback' ? 'rolled back' : 'deployed'}` };
  });
  if (!deploy) return finish();
  result.deploy = deploy;
  if (!deploy.ok) {
    result.outcome = deploy.rolledBack ? 'rolled-back' : 'failed';
    return finish();
  }
  if (settings.mode === 'rollback' || !result.version) result.version = deploy.version;

  if (settings.smokeFrom === 'none') {
    result.steps.push({ step: 'smoke-test', status: 'skipped', durationMs: 0, detail: 'no url, checks or health-url set' });
    result.outcome = 'deployed';
    return finish();
  }
  const smoke = await step('smoke-test', async () => {
    const parsed = smokeFlow.parse(linkInputs(settings.source, 'smoke', smokeDerived(settings, result.version)), parseContext);
    const value = await smokeFlow.run(parsed, context);
    return { value, ok: value.passed, detail: value.passed ? `${value.checks.length} check(s) passed${value.versionSeen ? `, version ${value.versionSeen}` : ''}` : smokeFlow.failure?.(value) ?? 'failed' };
  });
  if (smoke) result.smoke = smoke;
  if (smoke?.passed) {
    result.outcome = 'deployed';
    return finish();
  }
  const why = smoke ? smokeFlow.failure?.(smoke) ?? 'the smoke test failed' : result.failure ?? 'the smoke test did not run';
  result.failure = `smoke-test: ${why}`;
  if (settings.mode === 'rollback' || !settings.rollbackOnFailure) return finish();

  // Back only on the hosts this run changed, from the state each host recorded.
  const changed = deploy.hosts.map((outcome, index) => ({ outcome, target: deploySettings.ssh.targets[index] }))
    .filter(({ outcome, target }) => target && outcome.status === 'deployed' && outcome.changed);
  const rollback = await step('rollback', async () => {
    const value = await deployFlow.run({ ...deploySettings, mode: 'rollback', ssh: { targets: changed.map(({ target }) => target!) } }, context);
    const failure = deployFlow.failure?.(value);
    return { value, ok: !failure, detail: failure ?? `${changed.length} host(s) back on ${value.version}` };
  });
  if (rollback) {
    result.rollback = rollback;
    const back = rollback.hosts.every((host) => host.status === 'rolled-back');
    result.outcome = back ? 'rolled-back' : 'failed';
    result.failure = back
      ? `smoke-test: ${why}; rolled back ${rollback.hosts.length} host(s), ${rollback.version} is serving again`
      : `smoke-test: ${why}; the rollback failed too: ${deployFlow.failure?.(rollback) ?? ''}`;
  } else {
    result.failure = `smoke-test: ${why}; ${result.failure ?? ''}`;
  }
  return finish();
}

function skipReason(settings: PipelineSettings): string {
  if (settings.mode === 'rollback') return 'rollback: nothing to build';
  if (settings.deployImage) return `deploying ${settings.deployImage}`;
  return `the ${settings.deploy.strategy} strategy ships no image`;
}

function timestampVersion(): string {
  return new Date().toISOString().replace(/[-:]|\.\d+/g, '').replace('T', '.').replace('Z', '');
}
