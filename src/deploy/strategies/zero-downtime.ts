import { defaultProjectName } from '../compose-commands.js';
import { composeLookWithLock } from '../compose.js';
import { hostFiles } from '../host-state.js';
import { zeroDowntimeDeploy, zeroDowntimeRollback } from '../zero-downtime/deploy.js';
import type { ZeroDowntimeSettings } from '../zero-downtime/settings.js';
import { COMPOSE_FLAVOR_NOTE, composeStrategy, plannedProject, type ComposeDeploySettings } from './compose.js';
import type { Strategy } from './strategy.js';

/** How the proxy is moved to the new copy's port, as the switcher in zero-downtime/proxy.ts does it. */
function proxySwitchPlan(zd: ZeroDowntimeSettings): string {
  switch (zd.proxy) {
    case 'caddy': return `switch Caddy (admin API ${zd.caddyAdmin}, over the SSH connection): its upstream on the live copy's port → 127.0.0.1:<new port>`;
    case 'nginx': return `write ${zd.nginxUpstreamFile ?? ''}: server 127.0.0.1:<new port>; then \`${zd.nginxCommand} -t\` and \`${zd.nginxCommand} -s reload\``;
    case 'command': return `${zd.switchCommand ?? ''} <new port>`;
  }
}

/**
 * The compose strategy with `zero-downtime`: the new version starts as a second
 * copy (`<project>-blue` / `-green`) on a free port beside the live one, the proxy
 * is switched once it is healthy, the old copy drains and stops.
 */
export const zeroDowntimeStrategy: Strategy<ComposeDeploySettings> = {
  name: 'compose',
  parse: composeStrategy.parse,
  impliedVersion: composeStrategy.impliedVersion,
  plan(settings, host) {
    const { compose } = settings;
    const zd = settings.zeroDowntime as ZeroDowntimeSettings;
    const { project, words } = plannedProject(settings, host);
    const projectName = project ?? defaultProjectName(host.appDir);
    // The first switch starts -blue; after that the slot is whichever copy is not live.
    const slot = `${projectName}-blue`;
    const override = hostFiles.slotOverride(host.appDir, slot);
    const slotProject = { appDir: host.appDir, files: compose.files, project: slot, envFile: compose.envFile, overrideFile: override };
    const stateFile = hostFiles.switchState(host.appDir, projectName, compose.service);
    const image = settings.mode === 'rollback' ? `the previous image recorded in ${stateFile}` : host.image;
    return [
      COMPOSE_FLAVOR_NOTE,
      'with the lock, in the same round trip: look at the compose files in app-dir and which compose the host has',
      `the new copy is ${slot} (or ${projectName}-green when ${slot} is live); the live copy is the one ${stateFile} records and the proxy points at`,
      `write ${override}: ${compose.service} → ${image}, ${zd.portEnv}=<new port, the first free one in ${zd.ports.first}-${zd.ports.last}>`,
      words(slotProject, 'config'),
      `check ${zd.proxy} sends traffic to the live copy's port`,
      ...(compose.pull && settings.mode === 'deploy' ? [words(slotProject, 'pull', compose.service)] : []),
      words(slotProject, 'up', '-d', '--no-deps', compose.service),
      `health of the new copy on 127.0.0.1:<new port> within ${Math.round(settings.health.timeoutMs / 1000)} s, before any traffic moves; else it is removed`,
      proxySwitchPlan(zd),
      ...(zd.proxyHealthUrl ? [`wait until ${zd.proxyHealthUrl} reports the new version`] : []),
      ...(zd.watchMs > 0 ? [`watch the new copy for ${Math.round(zd.watchMs / 1000)} s; red → the proxy goes back to the old copy`] : []),
      `drain the old copy (up to ${Math.round(zd.drainTimeoutMs / 1000)} s for its open connections)`,
      `docker stop -t ${zd.stopTimeoutS} <old copy's containers>`,
      `docker rm -f <old copy's containers>`,
    ];
  },
  lookWithLock: composeLookWithLock,
  deploy: zeroDowntimeDeploy,
  rollback: zeroDowntimeRollback,
};
