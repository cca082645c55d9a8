import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Inputs } from '../core/config/inputs.js';
import type { FlowContext, FlowDefinition } from '../core/context.js';
import { formatError, SlipwayError } from '../core/errors.js';
import type { RunResult } from '../core/runner/process-runner.js';
import { NETWORK_RETRY, type RetryPolicy } from '../core/runner/retry.js';
import { Summary } from '../core/summary.js';
import { loginCommand, logoutCommand, pushCommand } from './docker-commands.js';
import { readServedImage } from './registry-manifest.js';
import { invalidReference, parseImageReference, repositoryOf, KNOWN_PLATFORMS } from './reference.js';
import { probeRegistry } from './registry-probe.js';
import { assertAnonymousPullRefused, refuseOpenRegistry } from './private-registry.js';
import { recordLeftover } from '../core/leftovers.js';

export interface PushSettings {
  tags: string[];
  registry: string;
  repository: string;
  username?: string;
  password?: string;
  verifyPlatform?: string;
  verifyAnonymousPull: boolean;
  /** expect-anonymous-pull: false: fail when the registry lets anyone pull (a private registry that turned public). */
  refuseAnonymousPull?: boolean;
  retry: RetryPolicy;
  maxRateLimitWaitMs: number;
}

export interface PushResult {
  digest: string;
  /** `registry/app@sha256:…`: what a deploy should pin. */
  imageRef: string;
  tags: string[];
  registry: string;
  layersUploaded: number;
  layersReused: number;
  verified: string[];
  durationMs: number;
  /** The action's form only: why the push failed (the job summary says it too). */
  failure?: string;
}

export function parsePushSettings(inputs: Inputs): PushSettings {
  const listed = inputs.list('tags');
  if (listed.length === 0) inputs.fail('tags', 'is required but was empty', "Pass build-image's 'tags' output, or full references like 'registry/app:1.2.3'.");
  const all = listed.map((tag) => {
    const reference = parseImageReference(tag);
    if ('error' in reference) return inputs.fail('tags', invalidReference(tag, reference));
    if (!reference.tag) return inputs.fail('tags', `'${tag}' has no tag`, "Give full references like 'registry/app:1.2.3'.");
    return { tag, reference };
  });
  // One build tagged for several registries: each push-image step takes the tags of its registry (and its credentials).
  const allRegistries = [...new Set(all.map(({ reference }) => reference.registry))];
  const chosen = inputs.optional('registry');
  if (!chosen && allRegistries.length > 1) {
    inputs.fail('tags', `spans registries (${allRegistries.join(', ')})`, "Set input 'registry' to the one this step pushes to: one push-image step per registry, each with its own credentials, same tags.");
  }
  const registry = chosen ?? allRegistries[0];
  if (!allRegistries.includes(registry)) inputs.fail('registry', `is ${registry} but the tags are for ${allRegistries.join(', ')}`, 'Leave it empty when the tags name one registry, or name one of theirs.');
  const mine = all.filter(({ reference }) => reference.registry === registry);
  const tags = mine.map(({ tag }) => tag);
  const parsed = mine.map(({ reference }) => reference);
  const repositories = new Set(parsed.map((reference) => reference.repository));
  if (repositories.size > 1) inputs.fail('tags', `mixes repositories (${[...new Set(tags.map(repositoryOf))].join(', ')})`, 'Push one repository per step.');
  const username = inputs.argument('username');
  const password = inputs.secret('password');
  if (password && !username) inputs.fail('username', 'is empty while a password is set', 'Set the registry user (for a Gitea/Forgejo registry: the account that owns the token).');
  if (username && !password) inputs.fail('password', `is empty for user ${username}`, 'Pass the token from a secret, e.g. ${{ secrets.REGISTRY_TOKEN }}.');
  const verifyPlatform = inputs.string('verify-platform', 'linux/amd64');
  if (verifyPlatform !== 'none' && !(KNOWN_PLATFORMS as readonly string[]).includes(verifyPlatform)) {
    inputs.fail('verify-platform', `is an unknown platform (found '${verifyPlatform}')`, `Use one of ${KNOWN_PLATFORMS.join(', ')}, or none.`);
  }
  const expectAnonymous = inputs.choice('expect-anonymous-pull', ['true', 'false', ''] as const, '');
  const verifyAnonymousPull = inputs.boolean('verify-anonymous-pull', false);
  if (expectAnonymous === 'false' && verifyAnonymousPull) {
    inputs.fail('expect-anonymous-pull', 'is false while verify-anonymous-pull is true', 'Keep one: expect-anonymous-pull true (a public package) or false (a private one).');
  }
  return {
    tags,
    registry,
    repository: parsed[0].repository,
    username,
    password,
    verifyPlatform: verifyPlatform === 'none' ? undefined : verifyPlatform,
    verifyAnonymousPull: verifyAnonymousPull || expectAnonymous === 'true',
    refuseAnonymousPull: expectAnonymous === 'false',
    retry: { ...NETWORK_RETRY, attempts: inputs.integer('retries', NETWORK_RETRY.attempts - 1, { min: 0, max: 10 }) + 1 },
    maxRateLimitWaitMs: inputs.duration('rate-limit-wait', 120_000),
  };
}

const AUTH_FAILURE = /unauthorized|authentication required|denied|forbidden|\b40[13]\b/i;
const RATE_LIMITED = /toomanyrequests|too many requests|\b429\b/i;
const TRANSIENT = /\b5\d\d\b|connection refused|connection reset|i\/o timeout|TLS handshake timeout|unexpected EOF|broken pipe|no such host|server gave HTTP response|EOF$/im;

export function credentialsHint(settings: Pick<PushSettings, 'registry' | 'username'>): string {
  const who = settings.username ? `user '${settings.username}'` : 'anonymous access';
  return `Registry ${settings.registry} refused ${who} (401/403): the password is wrong or the token lacks package write scope. A Gitea/Forgejo job token cannot push packages: use a personal access token with the package scope (write:package)`;
}

export async function pushImage(settings: PushSettings, context: FlowContext): Promise<PushResult> {
  const { runner, log } = context;
  const started = Date.now();
  const probe = await probeRegistry({ ...settings, log, signal: context.signal });
  if (!probe.ok) throw new SlipwayError(`${credentialsHint(settings)} (${probe.reason})`);
  if (settings.refuseAnonymousPull) refuseOpenRegistry(settings.registry, probe);

  // A private DOCKER_CONFIG per push: credentials never land in the runner's ~/.docker, and are gone after.
  const dockerConfig = fs.mkdtempSync(path.join(context.env.RUNNER_TEMP ?? os.tmpdir(), 'slipway-docker-config-'));
  fs.chmodSync(dockerConfig, 0o700);
  // Holds the registry login: if the run is killed, the post step removes it (docs/cancel.md).
  const settleDockerConfig = recordLeftover({ kind: 'dir', path: dockerConfig, what: 'private DOCKER_CONFIG' });
  // 429s are waited out up to input 'rate-limit-wait' in all, not per attempt.
  let rateLimitWaitedMs = 0;
  const classify = (result: RunResult): boolean | { waitMs: number } => {
    const text = `${result.stderr}\n${result.stdout}`;
    if (AUTH_FAILURE.test(text)) return false;
    if (RATE_LIMITED.test(text)) {
      const waitMs = Math.min(30_000, settings.maxRateLimitWaitMs - rateLimitWaitedMs);
      if (waitMs <= 0) return false;
      rateLimitWaitedMs += waitMs;
      return { waitMs };
    }
    return TRANSIENT.test(text);
  };
  const authHint = (result: RunResult): string | undefined => {
    const text = `${result.stderr}\n${result.stdout}`;
    if (AUTH_FAILURE.test(text)) return credentialsHint(settings);
    if (RATE_LIMITED.test(text)) {
      return `Registry ${settings.registry} kept answering 429 (too many requests) past input 'rate-limit-wait' (${Math.round(settings.maxRateLimitWaitMs / 1000)} s): wait, authenticate for a higher limit, or raise it`;
    }
    return undefined;
  };
  try {
    if (settings.username && settings.password) {
      await runner.run(loginCommand(settings.registry, settings.username, settings.password, dockerConfig), {
        retry: settings.retry, isTransient: classify, timeoutMs: 60_000, hint: authHint,
        label: `docker login ${settings.registry} --username ${settings.username} --password-stdin`,
      });
    }
    const pushOptions = { retry: settings.retry, isTransient: classify, timeoutMs: 3_600_000, hint: authHint };
    const digestOf = (tag: string, pushed: RunResult, expected?: string): string => {
      const found = /digest:\s*(sha256:[a-f0-9]{64})/.exec(pushed.stdout)?.[1];
      if (!found) throw new SlipwayError(`Pushing ${tag}: the registry returned no digest`, { fix: 'Check the push output above' });
      if (expected && found !== expected) throw new SlipwayError(`Pushing ${tag}: digest ${found} differs from ${expected} of the first tag`);
      return found;
    };
    // The first tag uploads the layers (they are counted there); the others only name the same
    // manifest, so they go at once, side by side and beside the pull checks, which read by digest.
    const [first = '', ...others] = settings.tags;
    const pushed = await log.group(`Push ${first}`, () => runner.run(pushCommand(first, dockerConfig), { ...pushOptions, stream: true }));
    const digest = digestOf(first, pushed);
    const layersUploaded = (pushed.stdout.match(/: Pushed$/gm) ?? []).length;
    const layersReused = (pushed.stdout.match(/: (Layer already exists|Mounted from .*)$/gm) ?? []).length;
    const laterTags = others.map(async (tag) => {
      digestOf(tag, await runner.run(pushCommand(tag, dockerConfig), pushOptions), digest);
      log.info(`Pushed ${tag} (${digest})`);
    });
    const checks = [
      ...(settings.verifyPlatform ? [verifyPull(settings, digest, false, context), ...(settings.verifyAnonymousPull ? [verifyPull(settings, digest, true, context)] : [])] : []),
      ...(settings.refuseAnonymousPull ? [assertAnonymousPullRefused({ registry: settings.registry, repository: settings.repository, digest })] : []),
    ];
    // Every one runs to its end; the first failure in tag order, then check order, is the one reported.
    const settled = await Promise.allSettled([...laterTags, ...checks]);
    const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const verified = settled.slice(laterTags.length).map((outcome) => (outcome as PromiseFulfilledResult<string>).value);
    const imageRef = `${repositoryOf(first)}@${digest}`;
    return { digest, imageRef, tags: settings.tags, registry: settings.registry, layersUploaded, layersReused, verified, durationMs: Date.now() - started };
  } finally {
    if (settings.username) await runner.run(logoutCommand(settings.registry, dockerConfig), { allowFailure: true });
    fs.rmSync(dockerConfig, { recursive: true, force: true });
    settleDockerConfig();
  }
}

/** Read back by digest from the registry itself and check the platform it serves. */
async function verifyPull(settings: PushSettings, digest: string, anonymous: boolean, context: FlowContext): Promise<string> {
  const how = anonymous ? 'anonymously' : settings.username ? 'with credentials' : 'without credentials';
  const served = await readServedImage({
    registry: settings.registry,
    repository: settings.repository,
    digest,
    platform: settings.verifyPlatform ?? 'linux/amd64',
    credentials: !anonymous && settings.username && settings.password ? { username: settings.username, password: settings.password } : undefined,
  });
  if (served.platform !== settings.verifyPlatform) {
    throw new SlipwayError(`Verify: ${settings.repository}@${digest} is ${served.platform}, not ${settings.verifyPlatform}`, { fix: "Build with platforms: linux/amd64 (build-image's default)" });
  }
  context.log.info(`Verified: ${settings.registry}/${settings.repository}@${digest} reads back ${how} as ${served.platform} with all ${served.layers} layers present`);
  return `${how}: ${served.platform}`;
}

export const pushImageFlow: FlowDefinition<PushSettings, PushResult> = {
  command: 'push',
  action: 'push-image',
  describe: 'Push every tag, output the digest, verify a pull by digest (optionally anonymous)',
  parse: (inputs) => parsePushSettings(inputs),
  run: pushImage,
  outputs: (result) => ({
    digest: result.digest,
    'image-ref': result.imageRef,
    tags: result.tags.join('\n'),
    'layers-uploaded': String(result.layersUploaded),
  }),
  summary: (result) =>
    new Summary()
      .heading('Image pushed')
      .table(['image', 'digest', 'layers uploaded', 'layers reused', 'verified', 'time'], [[
        repositoryOf(result.tags[0] ?? ''), `\`${result.digest}\``, String(result.layersUploaded), String(result.layersReused),
        result.verified.join('; ') || 'skipped', `${(result.durationMs / 1000).toFixed(1)} s`,
      ]]),
};

/**
 * The action's form of push-image: a failed push still writes a job summary saying which image,
 * which registry and why (a thrown error leaves the edge no result to summarise). The CLI and the
 * pipeline keep the throwing form, whose error they report themselves.
 */
export const pushImageActionFlow: FlowDefinition<PushSettings, PushResult> = {
  ...pushImageFlow,
  run: async (settings, context) => {
    const started = Date.now();
    try {
      return await pushImage(settings, context);
    } catch (error) {
      return {
        digest: '', imageRef: '', tags: settings.tags, registry: settings.registry, layersUploaded: 0, layersReused: 0, verified: [],
        durationMs: Date.now() - started, failure: formatError(error, context.env.RUNNER_DEBUG === '1'),
      };
    }
  },
  outputs: (result) => (result.failure ? {} : pushImageFlow.outputs(result)),
  summary: (result) => (result.failure
    ? new Summary().heading('Image push failed').table(['tags', 'registry', 'time', 'failure'], [[
      result.tags.join(', '), result.registry, `${(result.durationMs / 1000).toFixed(1)} s`, result.failure.split('\n')[0] ?? '',
    ]])
    : pushImageFlow.summary(result)),
  failure: (result) => result.failure,
};
