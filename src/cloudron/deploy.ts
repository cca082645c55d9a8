import type { FlowContext } from '../core/context.js';
import { formatError, SlipwayError } from '../core/errors.js';
import { oneLineCheck, runSmokeChecks, smokeFailure, type SmokeReport } from '../smoke/index.js';
import { CloudronApi, type CloudronApp, type CloudronBackup, type LocationBody } from './api.js';
import { CloudronClient } from './client.js';
import { compareVersions } from './manifest.js';
import { preflight, type Preflight } from './preflight.js';
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

/** What every mode shares: the API, the settings, the waits and the smoke test, each recorded. */
interface Run {
  api: CloudronApi;
  settings: CloudronSettings;
  context: FlowContext;
  pre: Preflight;
  /** Cloudron's task to its end (progress logged, recorded), then Cloudron's own health view. */
  settle(what: string, taskId: string, appId: string): Promise<CloudronApp>;
  smoke(fqdn: string, version: string): Promise<SmokeReport>;
  urlOf(fqdn: string): string;
  finish(result: Omit<CloudronResult, 'durationMs' | 'mode' | 'origin' | 'checks' | 'tasks' | 'rolledBack'> & { rolledBack?: boolean }): CloudronResult;
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
  const api = new CloudronApi(new CloudronClient({ origin: settings.origin, token: settings.token, ca: settings.caCertificates,
    requestTimeoutMs: settings.requestTimeoutMs }));
  const { log } = context;
  const pre = await log.group(`Cloudron preflight (${settings.origin.host})`, () => preflight(api, settings, log));
  const tasks: CloudronTaskRecord[] = [];
  const wait = (timeoutMs: number): WaitOptions => ({ pollIntervalMs: settings.pollIntervalMs, timeoutMs, log, signal: context.signal });
  // The health URL as Cloudron itself checks it, unless given: the manifest's healthCheckPath on the app's name.
  const healthPath = (settings.manifest ?? pre.app?.manifest)?.healthCheckPath ?? '/';
  const urlOf = (fqdn: string) => (settings.healthUrl ?? `https://{fqdn}${healthPath}`).replace(/\{fqdn\}/g, fqdn);
  const run: Run = {
    api, settings, context, pre, urlOf,
    settle: async (what, taskId, appId) => {
      const taskStarted = Date.now();
      try {
        await waitForTask(api, taskId, what, wait(settings.taskTimeoutMs));
      } finally {
        tasks.push({ what, taskId, durationMs: Date.now() - taskStarted });
      }
      return waitForHealthyApp(api, appId, wait(settings.healthTimeoutMs));
    },
    smoke: (fqdn, version) => log.group(`Smoke test of ${fqdn}`, () => runSmokeChecks([
      oneLineCheck(urlOf(fqdn), "input 'health-url'", {
        connectTo: settings.smokeConnect,
        versionPath: settings.versionPath ?? 'version',
        expectVersion: settings.versionPath ? version : undefined,
      }),
    ], { timeoutMs: settings.healthTimeoutMs, caCertificates: settings.caCertificates }, log)),
    finish: (result) => ({ mode: settings.mode, origin: api.origin, checks: pre.checks, tasks, rolledBack: false, ...result,
      durationMs: Date.now() - started }),
  };
  return MODES[settings.mode](run);
}

const MODES: Record<CloudronSettings['mode'], (run: Run) => Promise<CloudronResult>> = { install, update, rollback, move };

const fqdnOf = (target: LocationBody) => (target.subdomain ? `${target.subdomain}.${target.domain}` : target.domain);

async function install(run: Run): Promise<CloudronResult> {
  const { settings } = run;
  const target = run.pre.target!;
  const manifest = { ...settings.manifest!, dockerImage: settings.image!.text };
  const { id, taskId } = await run.api.install({ manifest, ...target, accessRestriction: null });
  const fqdn = fqdnOf(target);
  run.context.log.info(`Cloudron is installing ${settings.image!.text} at ${fqdn} as app ${id}`);
  await run.settle(`install at ${fqdn}`, taskId, id);
  const report = await run.smoke(fqdn, manifest.version);
  // Nothing served here before: a red install stays for inspection, nothing to roll back to.
  return run.finish({ appId: id, fqdn, url: run.urlOf(fqdn), version: manifest.version, image: settings.image!.text, smoke: report,
    failure: smokeFailure(report) });
}

async function move(run: Run): Promise<CloudronResult> {
  const app = run.pre.app!;
  if (app.installationState !== 'installed' || app.runState !== 'running' || app.health !== 'healthy') {
    throw new SlipwayError(`${app.fqdn} is not ready to move (${describeAppState(app)})`,
      { fix: 'Move only a validated install: update or restore it until it is healthy, then move' });
  }
  const target = run.pre.target!;
  const fqdn = fqdnOf(target);
  const { taskId } = await run.api.moveTo(app.id, { ...target, aliasDomains: app.aliasDomains ?? [], redirectDomains: app.redirectDomains ?? [] });
  run.context.log.info(`Cloudron is moving ${app.fqdn} to ${fqdn}`);
  await run.settle(`move ${app.fqdn} to ${fqdn}`, taskId, app.id);
  const report = await run.smoke(fqdn, app.manifest.version);
  return run.finish({ appId: app.id, fqdn, url: run.urlOf(fqdn), version: app.manifest.version, previousVersion: app.manifest.version, smoke: report,
    failure: smokeFailure(report) });
}

async function rollback(run: Run): Promise<CloudronResult> {
  const app = run.pre.app!;
  const backup = run.settings.backupId
    ? { id: run.settings.backupId, packageVersion: '', creationTime: '' }
    : newestBackupBelow(await run.api.backups(app.id), app.manifest.version);
  if (!backup) throw new SlipwayError(`${app.fqdn} has no backup of a version below ${app.manifest.version}`,
    { fix: "Give one in input 'cloudron-backup' (the app's Backups tab lists them)" });
  run.context.log.info(`Restoring ${app.fqdn} from backup ${backup.id}${backup.packageVersion ? ` (version ${backup.packageVersion})` : ''}`);
  const { taskId } = await run.api.restore(app.id, backup.id);
  const restored = await run.settle(`restore ${app.fqdn}`, taskId, app.id);
  const report = await run.smoke(restored.fqdn, restored.manifest.version);
  return run.finish({
    appId: app.id, fqdn: restored.fqdn, url: run.urlOf(restored.fqdn), version: restored.manifest.version, previousVersion: app.manifest.version,
    backupId: backup.id, rolledBack: true, smoke: report, failure: smokeFailure(report),
  });
}

async function update(run: Run): Promise<CloudronResult> {
  const { api, settings, context } = run;
  const app = run.pre.app!;
  const previousVersion = app.manifest.version;
  const manifest = { ...settings.manifest!, dockerImage: settings.image!.text };
  const response = await api.update(app.id, { manifest, skipBackup: false });
  // Cloudron's clock, not the runner's, dates the backup it takes: keep the server time the update was accepted at.
  const acceptedAt = response.serverTime ?? new Date();
  context.log.info(`Cloudron is updating ${app.fqdn} from ${previousVersion} to ${manifest.version}`);
  const base = { appId: app.id, fqdn: app.fqdn, url: run.urlOf(app.fqdn), previousVersion, image: settings.image!.text };
  try {
    await run.settle(`update ${app.fqdn} to ${manifest.version}`, response.body.taskId, app.id);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return restorePreUpdate(run, { ...base, version: manifest.version }, acceptedAt,
      `Update of ${app.fqdn} to ${manifest.version} failed: ${formatError(error)}`);
  }
  const report = await run.smoke(app.fqdn, manifest.version);
  if (!report.passed) return restorePreUpdate(run, { ...base, version: manifest.version }, acceptedAt,
    `Smoke test of ${app.fqdn} at ${manifest.version} failed: ${smokeFailure(report)}`);
  const backup = preUpdateBackup(await api.backups(app.id), previousVersion, acceptedAt);
  return run.finish({ ...base, version: manifest.version, backupId: backup?.id, smoke: report });
}

type UpdateFacts = Pick<CloudronResult, 'appId' | 'fqdn' | 'url' | 'version' | 'image'> & { previousVersion: string };

/** After a failed update or red smoke: restore the backup Cloudron took for this update, wait, smoke the old version. */
async function restorePreUpdate(run: Run, facts: UpdateFacts, acceptedAt: Date, why: string): Promise<CloudronResult> {
  const { api, settings, context } = run;
  const backup = preUpdateBackup(await api.backups(facts.appId), facts.previousVersion, acceptedAt);
  if (!settings.rollbackOnFailure || !backup) {
    const state = describeAppState((await api.app(facts.appId)).body);
    const reason = !settings.rollbackOnFailure ? 'rollback-on-failure is off' : `no backup of ${facts.previousVersion} taken since the update started`;
    return run.finish({ ...facts, backupId: backup?.id, failure: `${why}; not rolled back (${reason}); the app is now: ${state}` });
  }
  context.log.warn(`${why}: restoring ${facts.fqdn} from backup ${backup.id}, taken by Cloudron before the update (version ${backup.packageVersion})`);
  let restored: CloudronApp;
  try {
    const { taskId } = await api.restore(facts.appId, backup.id);
    restored = await run.settle(`restore ${facts.fqdn}`, taskId, facts.appId);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return run.finish({ ...facts, backupId: backup.id, failure: `${why}; restoring backup ${backup.id} failed too: ${formatError(error)}` });
  }
  const report = await run.smoke(restored.fqdn, facts.previousVersion);
  const after = report.passed
    ? `rolled back to ${restored.manifest.version}, which passes the smoke test`
    : `rolled back to ${restored.manifest.version}, which fails the smoke test too: ${smokeFailure(report)}`;
  return run.finish({ ...facts, version: restored.manifest.version, backupId: backup.id, rolledBack: true, smoke: report, failure: `${why}; ${after}` });
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
