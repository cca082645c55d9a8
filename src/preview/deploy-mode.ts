import path from 'node:path';
import { Inputs, type InputSource } from '../core/config/inputs.js';
import type { FlowDefinition } from '../core/context.js';
import { deployFlow, type DeployResult, type DeploySettings } from '../deploy/index.js';
import { previewFlow } from './flow.js';
import type { PreviewResult } from './preview.js';
import type { PreviewSettings } from './settings.js';

/**
 * ssh-deploy's inputs under their preview names: `mode: preview` is the preview
 * flow reached from the deploy action, so the names it adds say what they are
 * (`pr-number`, `preview-domain`, …) and the ones both share mean the same.
 */
const FROM_DEPLOY_INPUT: Record<string, string> = {
  command: 'preview-action',
  pr: 'pr-number',
  domain: 'preview-domain',
  'env-template': 'preview-env-template',
  seed: 'preview-seed',
  'port-base': 'preview-port-base',
  'max-previews': 'max-previews',
  'forge-token': 'forge-token',
  sha: 'sha',
};
/** Read under the same name in both actions (ssh, app, image, health, lock). */
const SHARED = new Set([
  'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint', 'trust-on-first-use', 'jump-host',
  'connect-timeout', 'command-timeout', 'app-dir', 'image', 'version', 'compose-file', 'service', 'health-timeout', 'lock-timeout', 'lock-stale-after',
]);
/** Deploy-only inputs that would silently do nothing in a preview: refused instead. */
const NOT_FOR_PREVIEWS = ['zero-downtime', 'pre-deploy', 'env', 'env-file', 'artifact', 'script', 'stack', 'swarm-service', 'batch-size'];
const OFF = /^(|false|no|off|0)$/i;

/** The preview flow's inputs, read from ssh-deploy's; errors name the ssh-deploy input the user set. */
export function previewInputsFromDeploy(inputs: Inputs): Inputs {
  const source = inputs.source;
  const deployName = (name: string) => FROM_DEPLOY_INPUT[name] ?? (SHARED.has(name) ? name : undefined);
  const healthUrl = inputs.optional('health-url');
  const mapped: InputSource = {
    describe: (name) => source.describe(deployName(name) ?? name),
    quotable: (name) => source.quotable?.(deployName(name) ?? name) ?? true,
    get: (name) => {
      if (name === 'app') return source.get('compose-project')?.trim() || path.posix.basename(source.get('app-dir')?.trim() ?? '');
      // The production health URL's path is the app's health path: the preview is the same app on another port.
      if (name === 'health-path') return healthUrl ? healthPathOf(inputs, healthUrl) : undefined;
      const from = deployName(name);
      return from === undefined ? undefined : source.get(from);
    },
  };
  return new Inputs(mapped);
}

function healthPathOf(inputs: Inputs, healthUrl: string): string {
  try {
    const url = new URL(healthUrl);
    return `${url.pathname}${url.search}`;
  } catch {
    return inputs.fail('health-url', `is not a URL (found '${healthUrl}')`, 'e.g. http://127.0.0.1:8080/api/health.');
  }
}

/** mode preview's settings and result; a deploy's pass through unchanged (the CLI's dry run and the pipeline read them as they are). */
export interface PreviewModeSettings { mode: 'preview'; preview: PreviewSettings }
export interface PreviewModeResult { mode: 'preview'; preview: PreviewResult }
export type SshDeploySettings = DeploySettings | PreviewModeSettings;
export type SshDeployResult = DeployResult | PreviewModeResult;

const isPreview = <T extends { mode: string }>(value: T | PreviewModeSettings | PreviewModeResult): value is Extract<typeof value, { mode: 'preview' }> => value.mode === 'preview';

/** Checked before the preview settings: mode preview runs on the compose strategy only, without deploy-only options. */
function parsePreviewMode(inputs: Inputs): void {
  const strategy = inputs.string('strategy', 'compose');
  if (strategy !== 'compose') inputs.fail('mode', `is preview, which runs on the compose strategy only (found strategy '${strategy}')`, 'Remove strategy or set it to compose.');
  for (const name of NOT_FOR_PREVIEWS) {
    const value = inputs.optional(name);
    if (value !== undefined && !OFF.test(value)) inputs.fail(name, 'does nothing with mode: preview', `Remove ${inputs.source.describe(name)} from the preview step (previews get their env from preview-env-template).`);
  }
}

/**
 * `actions/ssh-deploy` and `slipway deploy`: the deploy flow, and with
 * `mode: preview` the preview flow (the same core call as `actions/preview`).
 */
export const sshDeployFlow: FlowDefinition<SshDeploySettings, SshDeployResult> = {
  // handlesCancel comes from the deploy flow: a preview run that is cancelled finishes its step, then releases the previews lock and closes its session.
  ...deployFlow,
  describe: `${deployFlow.describe}; mode preview: a preview per pull request (preview-action up|down|list|reap)`,
  parse: (inputs, context) => {
    if (inputs.optional('mode') !== 'preview') return deployFlow.parse(inputs, context);
    parsePreviewMode(inputs);
    return { mode: 'preview', preview: previewFlow.parse(previewInputsFromDeploy(inputs), context) };
  },
  run: async (settings, context) => isPreview(settings)
    ? { mode: 'preview', preview: await previewFlow.run(settings.preview, context) }
    : deployFlow.run(settings, context),
  outputs: (result) => isPreview(result)
    ? { version: result.preview.version ?? '', 'preview-url': result.preview.url ?? '', previews: previewFlow.outputs(result.preview).previews ?? '[]' }
    : deployFlow.outputs(result),
  summary: (result) => isPreview(result) ? previewFlow.summary(result.preview) : deployFlow.summary(result),
  failure: (result) => isPreview(result) ? previewFlow.failure?.(result.preview) : deployFlow.failure?.(result),
};
