import type { FlowContext } from '../core/context.js';
import { formatError, SlipwayError } from '../core/errors.js';
import { oneLineCheck, runSmokeChecks, smokeFailure, type SmokeReport } from '../smoke/index.js';
import { CloudronApi, type CloudronApp, type CloudronBackup } from './api.js';
import { CloudronClient } from './client.js';
import { compareVersions } from './manifest.js';
import { preflight } from './preflight.js';
import type { CloudronSettings } from './settings.js';
import { describeAppState, waitForHealthyApp, waitForTask, type WaitOptions } from './tasks.js';

export interface CloudronTaskRecord { what: string; taskId: string; durationMs: number }

export interface CloudronResult {
  mode: CloudronSettings['mode'];
  origin: string;
  appId: string;
  fqdn: string;
  /** The smoke-tested URL. */
  url: string;
  /** What the app runs at the end (the previous version again after a rollback). */
  version: string;
  previousVersion?: string;
  image?: string;
  /** The backup restored (rollback), or taken by Cloudron before this run's update. */
  backupId?: string;
  rolledBack: boolean;
  checks: string[];
  tasks: CloudronTaskRecord[];
  smoke?: SmokeReport;
  /** Set when the run ended but must fail the job (red smoke, failed task); the app state is described. */
  failure?: string;
  durationMs: number;
}

/**
 * One Cloudron run: preflight, then the mode's single change (install,
 * update, restore, location), each followed by waiting for Cloudron's task,
 * for Cloudron to call the app healthy, and by the smoke test of its URL.
 * A failed update or red smoke restores the backup Cloudron took before this
 * run's update when rollback-on-failure is on.
 */
export async function runCloudron(settings: CloudronSettings, context: FlowContext): Promise<CloudronResult> {
  const started = Date.now();
  const api = new CloudronApi(new CloudronClient({ origin: settings.origin, token: settings.token, ca: settings.caCertificates, requestTimeoutMs: settings.requestTimeoutMs }));
  const { log } = context;
  const pre = await log.group(`Cloudron preflight (${settings.origin.host})`, () => preflight(api, settings, log));
  const tasks: CloudronTaskRecord[] = [];
  const wait = (timeoutMs: number): WaitOptions => ({ pollIntervalMs: settings.pollIntervalMs, timeoutMs, log, signal: context.signal });
  const task = async (what: string, taskId: string): Promise<void> => {
    const taskStarted = Date.now();
    try {
      await waitForTask(api, taskId, what, wait(settings.taskTimeoutMs));
    } finally {
      tasks.push({ what, taskId, durationMs: Date.now() - taskStarted });
    }
  };
  const healthy = (appId: string): Promise<CloudronApp> => waitForHealthyApp(api, appId, wait(settings.healthTimeoutMs));
  // The health URL as Cloudron itself checks it, unless given: the manifest's healthCheckPath on the app's name.
  const healthPath = (settings.manifest ?? pre.app?.manifest)?.healthCheckPath ?? '/';
  const urlOf = (fqdn: string) => (settings.healthUrl ?? `https://{fqdn}${healthPath}`).replace(/\{fqdn\}/g, fqdn);
  const smoke = (fqdn: string, version: string): Promise<SmokeReport> => log.group(`Smoke test of ${fqdn}`, () => runSmokeChecks([
    oneLineCheck(urlOf(fqdn), "input 'health-url'", {
      connectTo: settings.smokeConnect,
      versionPath: settings.versionPath ?? 'version',
      expectVersion: settings.versionPath ? version : undefined,
    }),
  ], { timeoutMs: settings.healthTimeoutMs, caCertificates: settings.caCertificates }, log));
  const base = { mode: settings.mode, origin: api.origin, checks: pre.checks, tasks, rolledBack: false };
  const finish = (result: Omit<CloudronResult, 'durationMs' | keyof typeof base> & Partial<CloudronResult>): CloudronResult => ({
    ...base, ...result, durationMs: Date.now() - started,
  });

  if (settings.mode === 'install') {
    const target = pre.target!;
    const manifest = { ...settings.manifest!, dockerImage: settings.image!.text };
    const { id, taskId } = await api.install({ manifest, ...target, accessRestriction: null });
    const fqdn = target.subdomain ? `${target.subdomain}.${target.domain}` : target.domain;
    log.info(`Cloudron is installing ${settings.image!.text} at ${fqdn} as app ${id}`);
    await task(`install at ${fqdn}`, taskId);
    await healthy(id);
    const report = await smoke(fqdn, manifest.version);
    // Nothing served here before: a red install stays for inspection, nothing to roll back to.
    return finish({ appId: id, fqdn, url: urlOf(fqdn), version: manifest.version, image: settings.image!.text, smoke: report, failure: smokeFailure(report) });
  }

  const app = pre.app!;
  if (settings.mode === 'move') {
    if (app.installationState !== 'installed' || app.runState !== 'running' || app.health !== 'healthy') {
      throw new SlipwayError(`${app.fqdn} is not ready to move (${describeAppState(app)})`, { fix: 'Move only a validated install: update or restore it until it is healthy, then move' });
    }
    const target = pre.target!;
    const fqdn = target.subdomain ? `${target.subdomain}.${target.domain}` : target.domain;
    const { taskId } = await api.moveTo(app.id, { ...target, aliasDomains: app.aliasDomains ?? [], redirectDomains: app.redirectDomains ?? [] });
    log.info(`Cloudron is moving ${app.fqdn} to ${fqdn}`);
    await task(`move ${app.fqdn} to ${fqdn}`, taskId);
    await healthy(app.id);
    const report = await smoke(fqdn, app.manifest.version);
    return finish({ appId: app.id, fqdn, url: urlOf(fqdn), version: app.manifest.version, previousVersion: app.manifest.version, smoke: report, failure: smokeFailure(report) });
  }

  if (settings.mode === 'rollback') {
    const backup = settings.backupId
      ? { id: settings.backupId, packageVersion: '', creationTime: '' }
      : newestBackupBelow(await api.backups(app.id), app.manifest.version);
    if (!backup) throw new SlipwayError(`${app.fqdn} has no backup of a version below ${app.manifest.version}`, { fix: "Give one in input 'cloudron-backup' (the app's Backups tab lists them)" });
    log.info(`Restoring ${app.fqdn} from backup ${backup.id}${backup.packageVersion ? ` (version ${backup.packageVersion})` : ''}`);
    const { taskId } = await api.restore(app.id, backup.id);
    await task(`restore ${app.fqdn}`, taskId);
    const restored = await healthy(app.id);
    const report = await smoke(restored.fqdn, restored.manifest.version);
    return finish({
      appId: app.id, fqdn: restored.fqdn, url: urlOf(restored.fqdn), version: restored.manifest.version, previousVersion: app.manifest.version,
      backupId: backup.id, rolledBack: true, smoke: report, failure: smokeFailure(report),
    });
  }

  // update
  const previousVersion = app.manifest.version;
  const manifest = { ...settings.manifest!, dockerImage: settings.image!.text };
  // Cloudron's clock, not the runner's, dates the backup it takes: keep the server time the update was accepted at.
  const response = await api.update(app.id, { manifest, skipBackup: false });
  const acceptedAt = response.serverTime ?? new Date();
  log.info(`Cloudron is updating ${app.fqdn} from ${previousVersion} to ${manifest.version}`);
  const restorePreUpdate = async (why: string): Promise<CloudronResult> => {
    const backup = preUpdateBackup(await api.backups(app.id), previousVersion, acceptedAt);
    if (!settings.rollbackOnFailure || !backup) {
      const state = describeAppState((await api.app(app.id)).body);
      const reason = !settings.rollbackOnFailure ? 'rollback-on-failure is off' : `no backup of ${previousVersion} taken since the update started`;
      return finish({ appId: app.id, fqdn: app.fqdn, url: urlOf(app.fqdn), version: manifest.version, previousVersion, image: settings.image!.text, backupId: backup?.id, failure: `${why}; not rolled back (${reason}); the app is now: ${state}` });
    }
    log.warn(`${why}: restoring ${app.fqdn} from backup ${backup.id}, taken by Cloudron before the update (version ${backup.packageVersion})`);
    let restored: CloudronApp;
    try {
      const { taskId } = await api.restore(app.id, backup.id);
      await task(`restore ${app.fqdn}`, taskId);
      restored = await healthy(app.id);
    } catch (error) {
      if (context.signal?.aborted) throw error;
      return finish({
        appId: app.id, fqdn: app.fqdn, url: urlOf(app.fqdn), version: manifest.version, previousVersion, image: settings.image!.text, backupId: backup.id,
        failure: `${why}; restoring backup ${backup.id} failed too: ${formatError(error)}`,
      });
    }
    const report = await smoke(restored.fqdn, previousVersion);
    const after = report.passed ? `rolled back to ${restored.manifest.version}, which passes the smoke test` : `rolled back to ${restored.manifest.version}, which fails the smoke test too: ${smokeFailure(report)}`;
    return finish({
      appId: app.id, fqdn: app.fqdn, url: urlOf(app.fqdn), version: restored.manifest.version, previousVersion, image: settings.image!.text,
      backupId: backup.id, rolledBack: true, smoke: report, failure: `${why}; ${after}`,
    });
  };
  try {
    await task(`update ${app.fqdn} to ${manifest.version}`, response.body.taskId);
    await healthy(app.id);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return restorePreUpdate(`Update of ${app.fqdn} to ${manifest.version} failed: ${formatError(error)}`);
  }
  const report = await smoke(app.fqdn, manifest.version);
  if (!report.passed) return restorePreUpdate(`Smoke test of ${app.fqdn} at ${manifest.version} failed: ${smokeFailure(report)}`);
  const backup = preUpdateBackup(await api.backups(app.id), previousVersion, acceptedAt);
  return finish({ appId: app.id, fqdn: app.fqdn, url: urlOf(app.fqdn), version: manifest.version, previousVersion, image: settings.image!.text, backupId: backup?.id, smoke: report });
}

/** Allowance for the Date header's whole seconds against Cloudron's millisecond timestamps. */
const CLOCK_SLACK_MS = 2000;

/** The backup Cloudron took for this run's update: of the version that ran before, created after the update was accepted. */
export function preUpdateBackup(backups: CloudronBackup[], previousVersion: string, acceptedAt: Date): CloudronBackup | undefined {
  return backups
    .filter((backup) => backup.packageVersion === previousVersion && Date.parse(backup.creationTime) >= acceptedAt.getTime() - CLOCK_SLACK_MS)
    .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
}

/** For mode rollback without a backup id: the newest backup of a version below the one running. */
export function newestBackupBelow(backups: CloudronBackup[], installed: string): CloudronBackup | undefined {
  return backups
    .filter((backup) => compareVersions(backup.packageVersion, installed) < 0)
    .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
}
