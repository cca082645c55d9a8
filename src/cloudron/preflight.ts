import { SlipwayError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { readServedImage, resolveServedDigest } from '../image/index.js';
import type { CloudronApi, CloudronApp, LocationBody } from './api.js';
import { compareVersions } from './manifest.js';
import type { AppSelector, CloudronSettings } from './settings.js';

/** Roles whose token may manage every app (docs.cloudron.io: user roles). */
const MANAGING_ROLES = new Set(['owner', 'admin']);
/** Per-app access levels that may change the app (Cloudron's app operators). */
const MANAGING_ACCESS = new Set(['admin', 'operator']);

export interface Preflight {
  /** The installed app (update, rollback, move). */
  app?: CloudronApp;
  /** Where install or move puts the app, split on one of Cloudron's domains. */
  target?: LocationBody;
  /** `registry/repo@sha256:…` that pulled anonymously for the platform. */
  pulledDigest?: string;
  checks: string[];
}

/**
 * Everything checked before the first call that changes something: the token
 * reaches the API and may manage the app, the image pulls anonymously for
 * linux/amd64 (Cloudron pulls without credentials), the manifest version is
 * above the installed one, and a new location is free on a Cloudron domain.
 */
export async function preflight(api: CloudronApi, settings: CloudronSettings, log: Logger): Promise<Preflight> {
  const checks: string[] = [];
  const profile = await api.profile();
  checks.push(`token reaches ${api.origin} as ${profile.username} (${profile.role})`);

  const result: Preflight = { checks };
  if (settings.app) {
    const app = await findApp(api, settings.app);
    const accessLevel = app.accessLevel;
    if (!MANAGING_ROLES.has(profile.role) && !(accessLevel && MANAGING_ACCESS.has(accessLevel))) {
      throw new SlipwayError(`The token of ${profile.username} (role ${profile.role}) may not manage ${app.fqdn}`, {
        fix: "Use a token of a Cloudron admin, or make this user an operator of the app (app → Access Control)",
      });
    }
    checks.push(`${app.fqdn} is app ${app.id} at version ${app.manifest.version}; the token may manage it`);
    result.app = app;
  } else if (!MANAGING_ROLES.has(profile.role)) {
    throw new SlipwayError(`The token of ${profile.username} (role ${profile.role}) may not install apps`,
      { fix: 'Use a token of a Cloudron admin to install' });
  }

  if (settings.mode === 'update' && result.app && settings.manifest) {
    const installed = result.app.manifest.version;
    if (compareVersions(settings.manifest.version, installed) <= 0) {
      throw new SlipwayError(`CloudronManifest.json version ${settings.manifest.version} is not greater than ${installed}, the version ${result.app.fqdn} runs`,
        {
        fix: `Cloudron refuses an update whose version does not increase: bump "version" above ${installed} and tag the image the same`,
      });
    }
    checks.push(`manifest version ${settings.manifest.version} is above the installed ${installed} and equals the image tag`);
  }

  if (settings.location) result.target = await freeLocation(api, settings.location, result.app);

  if (settings.image && settings.verifyAnonymousPull) {
    result.pulledDigest = await checkAnonymousPull(settings);
    checks.push(`${settings.image.text} pulls anonymously for ${settings.verifyPlatform} (${result.pulledDigest.split('@')[1]})`);
  }
  for (const check of checks) log.info(`✓ ${check}`);
  return result;
}

export async function findApp(api: CloudronApi, selector: AppSelector): Promise<CloudronApp> {
  if ('id' in selector) {
    try {
      return (await api.app(selector.id)).body;
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw new SlipwayError(`Cloudron at ${api.origin} has no app with id ${selector.id}`,
        { fix: "Check input 'cloudron-app' (an id, or a location such as staging.example.com)" });
      throw error;
    }
  }
  const apps = await api.apps();
  const app = apps.find((candidate) => candidate.fqdn === selector.fqdn);
  if (!app) {
    const known = apps.map((candidate) => candidate.fqdn).slice(0, 10).join(', ') || 'none';
    throw new SlipwayError(`Cloudron at ${api.origin} has no app at ${selector.fqdn} (apps: ${known})`,
      { fix: "Check input 'cloudron-app', or install it first with mode install" });
  }
  return app;
}

/** The location must be on one of Cloudron's domains and not serve another app (the legacy app at the apex is uninstalled first). */
async function freeLocation(api: CloudronApi, fqdn: string, self?: CloudronApp): Promise<LocationBody> {
  const domains = await api.domains();
  const domain = domains.filter((candidate) => fqdn === candidate || fqdn.endsWith(`.${candidate}`)).sort((a, b) => b.length - a.length)[0];
  if (!domain) throw new SlipwayError(`${fqdn} is on none of this Cloudron's domains (${domains.join(', ') || 'none'})`,
    { fix: 'Add the domain in the dashboard (Domains), or check the location' });
  if (self?.fqdn === fqdn) throw new SlipwayError(`${self.fqdn} is already where the app is`, { fix: "Give the new location in input 'cloudron-location'" });
  const taken = (await api.apps()).find((candidate) => candidate.fqdn === fqdn && candidate.id !== self?.id);
  if (taken) {
    throw new SlipwayError(`${fqdn} is taken by app ${taken.id} (${String(taken.manifest.id ?? 'unknown package')} ${taken.manifest.version})`, {
      fix: 'Back it up and uninstall it in the dashboard first (the cutover step); Slipway never uninstalls an app',
    });
  }
  return { subdomain: fqdn === domain ? '' : fqdn.slice(0, -domain.length - 1), domain };
}

async function checkAnonymousPull(settings: CloudronSettings): Promise<string> {
  const { reference } = settings.image!;
  try {
    const digest = reference.digest ?? await resolveServedDigest({ registry: reference.registry, repository: reference.repository, tag: reference.tag });
    const served = await readServedImage({ registry: reference.registry, repository: reference.repository, digest, platform: settings.verifyPlatform });
    if (served.platform !== settings.verifyPlatform) {
      throw new SlipwayError(`Verify: ${settings.image!.text} is ${served.platform}, not ${settings.verifyPlatform}`,
        { fix: 'Build with platforms: linux/amd64 (the Cloudron host is x86_64)' });
    }
    return `${reference.registry}/${reference.repository}@${digest}`;
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new SlipwayError(`Verify: cannot read ${settings.image!.text} from ${reference.registry} anonymously (${cause})`,
      { fix: 'Check the registry is reachable and the image was pushed' });
  }
}
