import { renderText, Summary } from '../../core/summary.js';
import { redact } from '../../core/secrets.js';
import { hostPathsOf } from '../../deploy/host-state.js';
import { fleetStatus, mergeHistory, readDeployLog, readFleet, type DeployLogRecord, type HostStatusReport, type LockState } from '../../deploy/status.js';
import { forHost } from '../../deploy/settings.js';
import type { CommandIo } from './command-io.js';
import { EXIT, HOST_FLAGS_HELP, runHostCommand, writeJson } from './host-command.js';

const STATUS_HELP = `slipway status [flags]

Per host, read-only, over the deploy's checked SSH connection: what serves now
(compose: the service's containers, image and digest; release: the current
release), the version health-url answers with, releases on disk, the deploy
lock and its holder, and the last deploy-log lines.

  --lines N        deploy-log lines per host (default 5)
  --health-url URL the URL as the host sees it (as for deploy)
${HOST_FLAGS_HELP}
Exit codes: 0 every host read, 1 a host could not be read, 2 bad flags or slipway.yml.
`;

const HISTORY_HELP = `slipway history [flags]

The deploy log of every host as one list, newest first.

  --lines N        entries to show (default 20)
${HOST_FLAGS_HELP}
Exit codes: 0 every host read, 1 a host could not be read, 2 bad flags or slipway.yml.
`;

export function describeLock(lock: LockState): string {
  if (!lock.held) return 'free';
  const extra = Object.entries(lock.fields).filter(([key]) => key !== 'holder').map(([key, value]) => `${key}=${value}`);
  return `held by ${lock.holder ?? 'unknown'} for ${lock.ageSeconds ?? 0} s${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export function statusSummary(hosts: HostStatusReport[]): Summary {
  const summary = new Summary();
  for (const host of hosts) {
    summary.heading(`${host.host} (${host.strategy})`);
    if (host.error) {
      summary.text(`not read: ${host.error}`);
      continue;
    }
    const rows: string[][] = [['app-dir', host.appDir]];
    for (const container of host.serving?.containers ?? []) {
      rows.push(['container', `${container.id} ${container.project} ${container.state}${container.health ? ` (${container.health})` : ''}`]);
      rows.push(['image', `${container.image} (${shortId(container.imageId)})`]);
      if (container.digests.length) rows.push(['digest', container.digests.join(', ')]);
    }
    for (const service of host.serving?.services ?? []) rows.push(['service', `${service.name} ${service.image} ${service.replicas}`]);
    if (host.serving?.current) rows.push(['current', `releases/${host.serving.current}`]);
    if (host.serving?.detail) rows.push(['serving', host.serving.detail]);
    const recorded = host.serving?.recorded ?? {};
    if (recorded.version) rows.push(['recorded', `${recorded.version}${recorded.status ? ` (${recorded.status})` : ''}${recorded.previous_version ? `, previous ${recorded.previous_version}` : ''}`]);
    if (host.answers) rows.push(['answers', host.answers.version ? `${host.answers.version} (${host.answers.url} ${host.answers.detail})` : `${host.answers.url} ${host.answers.detail}`]);
    rows.push(['lock', describeLock(host.lock)]);
    summary.table(['', ''], rows);
    if (host.releases.length) {
      summary.table(['release', 'version', ''], host.releases.map((r) => [r.name, r.version, r.current ? 'current' : r.mark ?? '']));
    }
    if (host.log.length) {
      summary.table(['time', 'action', 'version', 'previous', 'result', 'by'], [...host.log].reverse().map((e) => [e.time, e.action, e.version, e.previous || '-', e.result, e.actor]));
    } else {
      summary.text('deploy log: empty');
    }
  }
  return summary;
}

export const hostCount = (settings: { ssh: { targets: unknown[] } }): string => `${settings.ssh.targets.length} host${settings.ssh.targets.length === 1 ? '' : 's'}`;

export function runStatusCommand(args: string[], io: CommandIo): Promise<number> {
  return runHostCommand(args, io, { section: 'status', help: STATUS_HELP, logLines: 5 }, async ({ settings, context, json, during }) => {
    const report = await during(`reading ${hostCount(settings)}`, () => fleetStatus(settings, context));
    if (json) writeJson(io, { ok: report.ok, hosts: report.hosts });
    else io.stdout.write(redact(renderText(statusSummary(report.hosts))));
    for (const host of report.hosts) if (host.error) context.log.error(`${host.host}: ${host.error}`);
    return report.ok ? EXIT.ok : EXIT.failed;
  });
}

export function runHistoryCommand(args: string[], io: CommandIo): Promise<number> {
  return runHostCommand(args, io, { section: 'history', help: HISTORY_HELP, logLines: 20 }, async ({ settings, context, json, during }) => {
    const perHost = await during(`reading the deploy log of ${hostCount(settings)}`, () => readFleet<{ host: string; ok: boolean; error?: string; log: DeployLogRecord[] }>(settings.ssh, context, async (session, index) => {
      const appDir = forHost(settings.appDir, session.target.host, index);
      return { host: session.name, ok: true, log: await readDeployLog(session, appDir, settings.logLines, hostPathsOf(appDir, settings).deployLog) };
    }, (host, error) => ({ host, ok: false, error, log: [] })));
    const entries = mergeHistory(perHost, settings.logLines);
    const failed = perHost.filter((h) => !h.ok);
    if (json) {
      writeJson(io, { ok: failed.length === 0, entries, errors: failed.map(({ host, error }) => ({ host, error })) });
    } else {
      const summary = new Summary().heading(`Deploy history (${entries.length} newest of ${perHost.length} host${perHost.length === 1 ? '' : 's'})`);
      if (entries.length) summary.table(['time', 'host', 'action', 'strategy', 'version', 'previous', 'result', 'by'], entries.map((e) => [e.time, e.host, e.action, e.strategy, e.version, e.previous || '-', e.result, e.actor]));
      else summary.text('no deploys recorded');
      io.stdout.write(redact(renderText(summary)));
    }
    for (const host of failed) context.log.error(`${host.host}: ${host.error ?? ''}`);
    return failed.length ? EXIT.failed : EXIT.ok;
  });
}
