import type { CloudronSettings } from './settings.js';

/**
 * The requests a run sends, in order, for the dry run: the same calls
 * `runCloudron` makes (preflight reads, the one change, the waits, the smoke
 * test), with `<id>` where only Cloudron knows the value. The token is never
 * shown: it travels as a header.
 */
export function planCloudron(settings: CloudronSettings): string[] {
  const app = settings.app ? ('id' in settings.app ? settings.app.id : `<id of ${settings.app.fqdn}>`) : '<new id>';
  const api = (line: string) => `${settings.origin.origin}/api/v1 ${line}`;
  const lines = [api('GET /profile (the token reaches the API; its role)')];
  if (settings.app) lines.push(api('id' in settings.app ? `GET /apps/${app}` : `GET /apps (find ${settings.app.fqdn})`));
  if (settings.mode === 'update') lines.push(`check: CloudronManifest.json version ${settings.manifest?.version} > the installed app's version`);
  if (settings.location) lines.push(api(`GET /domains, GET /apps (${settings.location} is on a Cloudron domain and free)`));
  if (settings.image && settings.verifyAnonymousPull) lines.push(`check: ${settings.image.text} pulls anonymously for ${settings.verifyPlatform} (registry API, by digest)`);
  const wait = [api('GET /tasks/<task> until done (progress logged)'), api(`GET /apps/${app} until installed, running, healthy`)];
  const smoke = `smoke: ${settings.healthUrl ?? `https://{fqdn}${settings.manifest?.healthCheckPath ?? '<healthCheckPath>'}`}`;
  if (settings.mode === 'install') {
    lines.push(api(`POST /apps {manifest ${settings.manifest?.version}, dockerImage ${settings.image?.text}, location ${settings.location}}`), ...wait, smoke);
  } else if (settings.mode === 'update') {
    lines.push(api(`POST /apps/${app}/update {manifest ${settings.manifest?.version}, dockerImage ${settings.image?.text}, skipBackup false}`), ...wait, smoke);
    if (settings.rollbackOnFailure) lines.push(`on a failed task or red smoke: ${settings.origin.origin}/api/v1 GET /apps/${app}/backups, POST /apps/${app}/restore {the backup Cloudron took for this update}, wait, smoke`);
  } else if (settings.mode === 'rollback') {
    lines.push(api(settings.backupId ? `POST /apps/${app}/restore {backupId ${settings.backupId}}` : `GET /apps/${app}/backups, POST /apps/${app}/restore {the newest backup below the running version}`), ...wait, smoke);
  } else {
    lines.push(api(`POST /apps/${app}/configure/location {${settings.location}}`), ...wait, smoke.replace('{fqdn}', settings.location ?? '{fqdn}'));
  }
  return lines;
}
