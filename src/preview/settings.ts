import { hostDirectory, hostRelativePath } from '../core/config/host-paths.js';
import type { Inputs } from '../core/config/inputs.js';
import { VERSION } from '../deploy/index.js';
import { parseSshInputs, type SshSettings } from '../ssh/index.js';

export type PreviewCommand = 'up' | 'down' | 'list' | 'reap';
export type WhenFull = 'evict-oldest' | 'refuse';
export type ForgeKind = 'github' | 'forgejo';

export interface ForgeSettings {
  kind: ForgeKind;
  /** `https://api.github.com` or `https://forgejo.example/api/v1`. */
  apiUrl: string;
  repository: string;
  token: string;
}

export interface PreviewSettings {
  ssh: SshSettings;
  command: PreviewCommand;
  /** The app's name: previews are compose projects `<app>-pr-<n>`. */
  app: string;
  /** The production app directory on the host (its compose file is reused; previews live under .slipway/previews). */
  appDir: string;
  /** For up/down. */
  pr?: number;
  image?: string;
  version: string;
  /** Commit the preview runs, for the GitHub deployment / Forgejo status. */
  sha?: string;
  composeFiles: string[];
  service: string;
  /** Env template inside app-dir: `KEY={{generate}}` becomes a fresh secret made on the host. */
  envTemplate?: string;
  /** Run once inside the service after the first start (`compose exec -T <service> sh -c …`). */
  seed?: string;
  /** Previews take port `port-base + (pr % 1000)` on the host's loopback. */
  portBase: number;
  /** Previews answer at `pr-<n>.<domain>`. */
  domain: string;
  scheme: 'http' | 'https';
  healthPath: string;
  healthTimeoutMs: number;
  maxPreviews: number;
  whenFull: WhenFull;
  /** reap: a preview older than this goes even if its PR is open. 0 = no age limit. */
  maxAgeMs: number;
  forge?: ForgeSettings;
  /** up/down: keep one PR comment, a GitHub deployment or Forgejo commit status up to date. */
  announce: boolean;
  lockTimeoutMs: number;
  lockStaleAfterMs: number;
}

const APP = /^[a-z0-9][a-z0-9_-]{0,40}$/;
const DOMAIN = /^(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function parsePreviewSettings(inputs: Inputs, env: NodeJS.ProcessEnv = {}): PreviewSettings {
  const command = inputs.choice('command', ['up', 'down', 'list', 'reap'] as const, 'up');
  const ssh = parseSshInputs(inputs, { commandTimeoutMs: 10 * 60_000 });
  // app-dir first: under ssh-deploy, app is app-dir's last part.
  const appDir = hostDirectory(inputs, 'app-dir', inputs.required('app-dir', 'Set app-dir to the production application directory on the host, e.g. /srv/shop.'));
  const app = inputs.required('app', 'Set app to a short name for the application, e.g. shop: previews become compose projects shop-pr-<n>.');
  if (!APP.test(app)) inputs.fail('app', `is not a compose project prefix (found '${app}', expected lowercase letters, digits, - and _)`);
  const needsPr = command === 'up' || command === 'down';
  const prText = needsPr ? inputs.required('pr', 'Set pr to the pull request number (github.event.pull_request.number).') : inputs.optional('pr');
  const pr = prText === undefined ? undefined : inputs.integer('pr', 0, { min: 1, max: 999_999_999 });
  const image = inputs.optional('image');
  if (command === 'up' && !image) inputs.fail('image', 'is required for preview up', 'Set image to the PR build, e.g. registry.example.com/shop:pr-12.');
  if (image !== undefined && !IMAGE.test(image)) inputs.fail('image', `is not an image reference (found '${image}')`);
  const relative = (name: string, value: string) => hostRelativePath(inputs, name, value, name === 'env-template' ? { file: true, example: '.env.preview' } : {});
  const service = inputs.string('service', 'app');
  if (!SERVICE.test(service)) inputs.fail('service', `is not a compose service name (found '${service}')`);
  const domain = inputs.string('domain', 'preview.localhost').toLowerCase();
  if (!DOMAIN.test(domain)) inputs.fail('domain', `is not a domain name (found '${domain}', expected e.g. preview.example.com)`);
  const portBase = inputs.integer('port-base', 40000, { min: 1000, max: 64000 });
  if (portBase % 1000 !== 0) inputs.fail('port-base', `is not a multiple of 1000 (found ${portBase})`, 'The proxy snippets map pr-<n> to port-base + the last three digits of n, so port-base must end in 000, e.g. 40000.');
  const healthPath = inputs.string('health-path', '/api/health');
  if (!/^\/[A-Za-z0-9._~/?=&%-]*$/.test(healthPath)) inputs.fail('health-path', `is not a URL path (found '${healthPath}')`);
  const imageTag = image?.includes('@') ? undefined : image?.split('/').pop()?.split(':')[1];
  const seed = inputs.optional('seed');
  const envTemplate = inputs.optional('env-template');
  const version = inputs.optional('version');
  // The version goes into the PR comment, the deployment and the log: one plain word, as a deploy's.
  if (version !== undefined && !VERSION.test(version)) {
    inputs.fail('version', `is not a version (found '${version.split(/\r?\n/)[0]?.slice(0, 60)}', expected letters, digits and . _ + - : @, at most 128)`, 'e.g. 1.4.2 or pr-12.');
  }
  const sha = inputs.optional('sha');
  if (sha !== undefined && !/^[0-9a-f]{7,64}$/.test(sha)) inputs.fail('sha', `is not a commit id (found '${sha}')`);
  return {
    ssh, command, app, appDir, pr, image, sha,
    version: version ?? imageTag ?? sha?.slice(0, 12) ?? '',
    composeFiles: (inputs.list('compose-file').length ? inputs.list('compose-file') : ['docker-compose.yml']).map((f) => relative('compose-file', f)),
    service,
    envTemplate: envTemplate === undefined ? undefined : relative('env-template', envTemplate),
    seed,
    portBase,
    domain,
    scheme: inputs.choice('scheme', ['http', 'https'] as const, 'https'),
    healthPath,
    healthTimeoutMs: inputs.duration('health-timeout', 60_000),
    maxPreviews: inputs.integer('max-previews', 5, { min: 1, max: 1000 }),
    whenFull: inputs.choice('when-full', ['evict-oldest', 'refuse'] as const, 'evict-oldest'),
    maxAgeMs: inputs.duration('max-age', 14 * 86_400_000),
    forge: parseForge(inputs, env, command),
    announce: inputs.boolean('announce', true),
    lockTimeoutMs: inputs.duration('lock-timeout', 5 * 60_000),
    lockStaleAfterMs: inputs.duration('lock-stale-after', 60 * 60_000),
  };
}

/** The forge is needed by reap (is the PR closed?) and by announcements; taken from the runner's environment by default. */
function parseForge(inputs: Inputs, env: NodeJS.ProcessEnv, command: PreviewCommand): ForgeSettings | undefined {
  const token = inputs.token('forge-token', 'Pass the token alone, e.g. forge-token: ${{ secrets.GITHUB_TOKEN }}.');
  const kind = inputs.choice('forge', ['github', 'forgejo'] as const, env.GITEA_ACTIONS === 'true' || env.FORGEJO_ACTIONS === 'true' ? 'forgejo' : 'github');
  const repository = inputs.optional('repository') ?? env.GITHUB_REPOSITORY;
  const apiUrl = (inputs.optional('forge-url') ?? (kind === 'github' ? env.GITHUB_API_URL ?? 'https://api.github.com' : env.GITHUB_API_URL ?? (env.GITHUB_SERVER_URL ? `${env.GITHUB_SERVER_URL}/api/v1` : undefined)))?.replace(/\/+$/, '');
  if (!token) {
    if (command === 'reap') inputs.fail('forge-token', 'is required for reap (it asks the forge which PRs are closed)', 'Pass forge-token: ${{ secrets.GITHUB_TOKEN }} (pull-requests: read).');
    return undefined;
  }
  if (!repository || !REPOSITORY.test(repository)) inputs.fail('repository', `is not owner/name (found '${repository ?? ''}')`);
  if (!apiUrl || !/^https?:\/\/[^\s]+$/.test(apiUrl)) inputs.fail('forge-url', `is not an http(s) URL (found '${apiUrl ?? ''}')`, 'Set forge-url to https://api.github.com or https://<forgejo>/api/v1.');
  return { kind, apiUrl, repository, token };
}
