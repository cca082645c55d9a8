import type { Inputs } from '../core/config/inputs.js';
import { parseImageReference, type ImageReference } from '../image/index.js';
import { parseConnectTarget, parseJsonPath, readCaBundle, type ConnectTarget } from '../smoke/index.js';
import type { CloudronManifest } from './api.js';
import { readManifest } from './manifest.js';

export const CLOUDRON_MODES = ['install', 'update', 'rollback', 'move'] as const;
export type CloudronMode = (typeof CLOUDRON_MODES)[number];

/** Which app: Cloudron's id, or where it is served (`staging.example.com`). */
export type AppSelector = { id: string } | { fqdn: string };

export interface CloudronSettings {
  mode: CloudronMode;
  origin: URL;
  token: string;
  /** update, rollback, move: the installed app. */
  app?: AppSelector;
  /** install: where the new app goes; move: where the app moves to. */
  location?: string;
  /** install, update: the image and its parsed form; `tag` is its tag, or input 'version' for a digest-only reference (it must equal the manifest version). */
  image?: { text: string; reference: ImageReference & { tag: string } };
  manifest?: CloudronManifest;
  manifestPath?: string;
  /** rollback: a backup id to restore instead of the one found through the API. */
  backupId?: string;
  caCertificates?: string[];
  /** The smoke test dials this instead of the app's name (a test, or a runner with split DNS). */
  smokeConnect?: ConnectTarget;
  /** `{fqdn}` is replaced by the app's fqdn; by default https://{fqdn} and the manifest's healthCheckPath. */
  healthUrl?: string;
  /** When set, the smoke test expects the deployed version at this JSON path. */
  versionPath?: string;
  healthTimeoutMs: number;
  taskTimeoutMs: number;
  pollIntervalMs: number;
  requestTimeoutMs: number;
  rollbackOnFailure: boolean;
  verifyAnonymousPull: boolean;
  verifyPlatform: string;
}

const FQDN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const APP_ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

/**
 * Every Cloudron input, checked before any request: the origin is an https
 * origin, the token is present (and masked from here on), the manifest parses
 * and its version equals the image tag. The API-side checks (version above the
 * installed one, the token may manage the app) are the preflight's.
 */
export function parseCloudronSettings(inputs: Inputs, workDir: string): CloudronSettings {
  const modeText = inputs.string('mode', 'update');
  // ssh-deploy's own default mode is `deploy`: for Cloudron that is an update.
  const mode = modeText === 'deploy' ? 'update' : inputs.choice('mode', CLOUDRON_MODES, 'update');
  const origin = parseOrigin(inputs);
  const token = inputs.token('cloudron-token', 'Paste the token alone (no Bearer prefix, no trailing newline): it is sent as the Authorization: Bearer header.');
  if (!token) {
    inputs.fail('cloudron-token', 'is required but was empty',
      "Create a token in the Cloudron dashboard (Profile → API Tokens, Read and Write) and pass it from a secret, e.g. ${{ secrets.CLOUDRON_TOKEN }}.");
  }

  const appText = inputs.optional('cloudron-app');
  const app = appText === undefined ? undefined : parseApp(inputs, appText);
  if (mode !== 'install' && !app) {
    inputs.fail('cloudron-app', `is required for mode ${mode}`, 'Set it to the app\'s id or its location, e.g. staging.example.com.');
  }
  if (mode === 'install' && app) inputs.fail('cloudron-app', 'is set for mode install, which creates a new app',
    "Leave it empty and set 'cloudron-location' to where the new app goes.");
  const locationText = inputs.optional('cloudron-location');
  const location = locationText === undefined ? undefined : parseFqdn(inputs, 'cloudron-location', locationText);
  if ((mode === 'install' || mode === 'move') && !location) {
    inputs.fail('cloudron-location', `is required for mode ${mode}`,
      mode === 'install' ? 'Set it to the new location, e.g. staging.example.com.' : 'Set it to where the app moves, e.g. example.com for the apex.');
  }
  if (mode !== 'install' && mode !== 'move' && location) inputs.fail('cloudron-location', `is only read by modes install and move (found mode ${mode})`,
    'Leave it empty, or choose mode move to change the location.');

  let image: CloudronSettings['image'];
  let manifest: CloudronManifest | undefined;
  let manifestPath: string | undefined;
  if (mode === 'install' || mode === 'update') {
    const imageText = inputs.required('image',
      'Set image to the pushed reference, e.g. git.example.com/org/app:0.1.1 (its tag must equal the manifest version).');
    const reference = parseImageReference(imageText);
    if ('error' in reference) return inputs.fail('image', `is not an image reference: ${reference.error}`);
    // The release's version: the image tag, or input 'version' for an image pinned by digest alone (the pipeline's).
    const givenVersion = inputs.optional('version');
    const tag = reference.tag ?? (reference.digest ? givenVersion : undefined);
    if (!tag) return inputs.fail('image', `has no tag (found '${imageText}')`,
      'Give registry/app:<version> (or …:<version>@sha256:…): the tag must equal the version in CloudronManifest.json.');
    image = { text: imageText, reference: { ...reference, tag } };
    ({ manifest, path: manifestPath } = readManifest(inputs, 'cloudron-manifest', workDir));
    const tagVersion = tag.replace(/^v(?=\d)/, '');
    const what = reference.tag ? `the image tag is ${reference.tag}` : `input 'version' is ${tag}`;
    if (manifest.version !== tagVersion) {
      inputs.fail('cloudron-manifest', `has version ${manifest.version} but ${what}`,
        `Bump "version" in CloudronManifest.json to ${tagVersion}, or push the image as :${manifest.version}: Cloudron's version and the image move in lockstep.`);
    }
  }

  const backupId = inputs.argument('cloudron-backup');
  if (backupId !== undefined && mode !== 'rollback') inputs.fail('cloudron-backup', `is only read by mode rollback (found mode ${mode})`);
  if (backupId !== undefined && !/^[A-Za-z0-9_.:-]{1,200}$/.test(backupId)) inputs.fail('cloudron-backup', `is not a backup id (found '${backupId}')`,
    'Copy the id from the app\'s Backups tab, or leave it empty to restore the backup taken before the last update.');

  const healthUrl = inputs.optional('health-url');
  if (healthUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = /\s/.test(healthUrl) ? undefined : new URL(healthUrl.replace(/\{fqdn\}/g, 'app.example.com'));
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      inputs.fail('health-url', `is not a URL with http or https (found '${healthUrl.split(/\s/)[0]?.slice(0, 80)}')`, 'e.g. https://{fqdn}/api/health ({fqdn} is the app\'s location).');
    }
    // The smoke URL is printed in the log and the summary: a password in it would be too.
    if (url.username || url.password) inputs.fail('health-url', 'has credentials in it', 'The smoke test calls the app without credentials; remove user:password@.');
  }
  const versionPath = inputs.optional('cloudron-version-path');
  if (versionPath !== undefined && !parseJsonPath(versionPath)) {
    inputs.fail('cloudron-version-path', `is not a JSON path (found '${versionPath.split(/\r?\n/)[0]?.slice(0, 60)}')`, 'Write e.g. version, build.version or $.app["version"].');
  }
  const connectText = inputs.optional('connect-to');
  return {
    mode, origin, token, app, location, image, manifest, manifestPath, backupId,
    caCertificates: readCaBundle(inputs, workDir),
    smokeConnect: connectText === undefined ? undefined : parseConnectTarget(connectText, (problem, fix) => inputs.fail('connect-to', problem, fix)),
    healthUrl,
    versionPath,
    healthTimeoutMs: inputs.duration('health-timeout', 5 * 60_000, { min: 1000 }),
    taskTimeoutMs: inputs.duration('cloudron-task-timeout', 30 * 60_000, { min: 1000 }),
    pollIntervalMs: inputs.duration('cloudron-poll-interval', 2000, { min: 50, max: 60_000 }),
    requestTimeoutMs: 30_000,
    rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
    verifyAnonymousPull: inputs.boolean('cloudron-verify-anonymous-pull', true),
    // The Cloudron host is x86_64 (seed 001); Cloudron pulls the amd64 manifest.
    verifyPlatform: 'linux/amd64',
  };
}

/** A host the dashboard can have: a domain name, `localhost`, an IPv4 address or a bracketed IPv6 one. */
const ORIGIN_HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|localhost|\[[0-9a-f:.]+\])$/;

function parseOrigin(inputs: Inputs): URL {
  const text = inputs.required('cloudron-origin', 'Set it to the Cloudron dashboard, e.g. my.example.com or https://my.example.com.');
  // One word with no dot is no address: most likely the token, pasted here, so it is never quoted.
  const oneWord = (host: string) => !host.includes('.') && !host.startsWith('[') && host !== 'localhost';
  const notAnAddress = (found: string): never => inputs.fail('cloudron-origin',
    oneWord(found) ? `is not the dashboard's address (found one word of ${found.length} characters, no dot; a token belongs in 'cloudron-token')` : `is not an address (found '${found}')`,
    'e.g. my.example.com or https://my.example.com.');
  // The URL parser drops tabs and line breaks: the text is judged as written.
  if (/\s/.test(text)) return inputs.fail('cloudron-origin', 'holds spaces or line breaks', 'Write the address on one line, e.g. https://my.example.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return notAnAddress(text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
  }
  if (url.username || url.password) inputs.fail('cloudron-origin', 'holds credentials', "Give the token in input 'cloudron-token', never in the address.");
  if (!ORIGIN_HOST.test(url.hostname)) notAnAddress(url.hostname);
  if (url.protocol !== 'https:') inputs.fail('cloudron-origin', `is not https (found '${text}')`,
    'The token travels in a header: Cloudron\'s dashboard is served over https, give https://my.<domain>.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) inputs.fail('cloudron-origin',
    `has a path or query (found '${url.pathname}${url.search ? '?…' : ''}')`, 'Give the origin only, e.g. https://my.example.com: Slipway adds /api/v1.');
  return url;
}

function parseApp(inputs: Inputs, text: string): AppSelector {
  if (text.includes('.')) return { fqdn: parseFqdn(inputs, 'cloudron-app', text) };
  if (!APP_ID.test(text)) inputs.fail('cloudron-app', `is neither an app id nor a location (found '${text}')`,
    'Give the id from the app\'s info page, or its location, e.g. staging.example.com.');
  return { id: text };
}

function parseFqdn(inputs: Inputs, name: string, text: string): string {
  const fqdn = text.toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '');
  if (!FQDN.test(fqdn)) inputs.fail(name, `is not a domain name (found '${text}')`,
    'Give the full name, e.g. staging.example.com, or example.com for the apex.');
  return fqdn;
}
