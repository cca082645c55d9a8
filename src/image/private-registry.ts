import { SlipwayError } from '../core/errors.js';
import { anonymousManifestStatus } from './registry-manifest.js';
import type { ProbeOutcome } from './registry-probe.js';

/**
 * `expect-anonymous-pull: false`: the registry must refuse a pull without credentials.
 * A registry that answers its API to anyone is refused before anything is pushed; one
 * that hands out anonymous tokens (Gitea/Forgejo follow the owning repository's
 * visibility) can only be asked for the pushed digest itself, after the push.
 */
export function refuseOpenRegistry(registry: string, probe: ProbeOutcome): void {
  if (probe.ok && probe.auth === 'none') {
    throw new SlipwayError(`Registry ${registry} answers its API without credentials, but expect-anonymous-pull is false: nothing was pushed`, {
      fix: 'Turn authentication back on for this registry, or push to the private one (or set expect-anonymous-pull: true if it is public on purpose)',
    });
  }
}

/** Statuses that mean an anonymous pull is refused; 404 is how some registries hide a private package. */
const REFUSED = new Set([401, 403, 404]);

export async function assertAnonymousPullRefused(args: { registry: string; repository: string; digest: string }): Promise<string> {
  const status = await anonymousManifestStatus(args);
  const where = `${args.registry}/${args.repository}@${args.digest}`;
  if (status === 200) {
    throw new SlipwayError(`${where} pulls anonymously (HTTP 200 without credentials), but expect-anonymous-pull is false: the image is pushed and anyone can read it`, {
      fix: 'Make the package private again (Gitea/Forgejo: the owning repository or organisation visibility), or set expect-anonymous-pull: true if it is public on purpose',
    });
  }
  if (!REFUSED.has(status)) {
    throw new SlipwayError(`Could not tell whether ${where} pulls anonymously: the registry answered HTTP ${status}`, { fix: 'Check the registry is up, then run the step again' });
  }
  return `anonymous pull refused: HTTP ${status}`;
}
