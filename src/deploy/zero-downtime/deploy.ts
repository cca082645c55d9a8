import { performance } from 'node:perf_hooks';
import { throwIfCancelled, untilCancelled } from '../../core/cancel.js';
import { formatError, SlipwayError } from '../../core/errors.js';
import { sleep } from '../../core/runner/retry.js';
import { oneLineCheck, runSmokeChecksOverSession } from '../../smoke/index.js';
import { composeWords, serviceContainersWords } from '../compose-commands.js';
import { prepare, runningImage, type ComposeContext } from '../compose.js';
import { appendDeployLog, hostFiles, readOrEmpty, readStateFile, writeAtomic } from '../host-state.js';
import { RolledBackError, type HostRun as AnyHostRun } from '../host-run.js';
import type { ComposeDeploySettings } from '../strategies/compose.js';
import type { StrategyOutcome } from '../strategies/strategy.js';
import { renderSlotOverride, runTwiceProblems, slotPortFrom } from './compose-check.js';
import { chooseFreePort, parseTcpTables, READ_TCP_TABLES } from './host-ports.js';
import { proxySwitcher, type ProxySwitcher } from './proxy.js';
import type { ZeroDowntimeSettings } from './settings.js';
import { judgeSwitchBack, type SwitchBack } from './switch-back.js';
import { readSwitchState, writeSwitchState, type Copy } from './switch-state.js';

/** The zero-downtime strategy's run: the compose settings with the option on. */
type HostRun = AnyHostRun<ComposeDeploySettings & { zeroDowntime: ZeroDowntimeSettings }>;

const stateFileOf = (run: HostRun, ctx: ComposeContext) => hostFiles.switchState(run.appDir, ctx.projectName, ctx.compose.service);
const overrideOf = (run: HostRun, project: string) => hostFiles.slotOverride(run.appDir, project);

async function containersOf(run: HostRun, project: string, service: string): Promise<string[]> {
  return (await run.session.exec(serviceContainersWords(project, service, true))).stdout.split('\n').filter(Boolean);
}

async function removeCopy(run: HostRun, project: string, service: string, stopTimeoutS: number): Promise<number> {
  const ids = await containersOf(run, project, service);
  if (ids.length === 0) return 0;
  await run.session.exec(['docker', 'stop', '-t', String(stopTimeoutS), ...ids], { allowFailure: true, survivesDisconnect: true, label: `stop ${project} on ${run.session.target.host}` });
  await run.session.exec(['docker', 'rm', '-f', ...ids], { allowFailure: true, label: `remove ${project} on ${run.session.target.host}` });
  return ids.length;
}

/** The port `project` was started on, from the override Slipway wrote before starting it. */
async function slotPortOf(run: HostRun, project: string, service: string, portEnv: string): Promise<number | undefined> {
  const text = await readOrEmpty(run.session, overrideOf(run, project), 'slipway-override');
  return slotPortFrom(text, service, portEnv);
}

async function tcpTables(run: HostRun) {
  return parseTcpTables((await run.session.exec(READ_TCP_TABLES)).stdout);
}

/** The smoke-test checks against one copy's own port, through the SSH session, with the expected version. */
async function copyHealthy(run: HostRun, port: number, version: string, timeoutMs: number, consecutivePasses = 2): Promise<{ healthy: boolean; detail: string }> {
  const url = new URL(run.settings.health.url ?? '');
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const check = oneLineCheck(url.toString(), 'health-url', { expectVersion: version || undefined });
  const report = await runSmokeChecksOverSession(run.session, [check], { timeoutMs, consecutivePasses, retryMaxDelayMs: 1000 }, run.log);
  const outcome = report.checks[0];
  return { healthy: report.passed, detail: report.passed ? `${url} answered with version ${outcome?.versionSeen ?? '?'}` : `${url}: ${outcome?.reason ?? 'failed'}` };
}

/** After the switch, with proxy-health-url: until a request through the proxy reports the new version. */
async function waitForTrafficOnNew(run: HostRun, zd: ZeroDowntimeSettings, version: string): Promise<void> {
  if (!zd.proxyHealthUrl) return;
  const check = oneLineCheck(zd.proxyHealthUrl, 'proxy-health-url', { expectVersion: version || undefined });
  const report = await runSmokeChecksOverSession(run.session, [check], { timeoutMs: 15_000, consecutivePasses: 1, retryBaseDelayMs: 50, retryMaxDelayMs: 200 }, run.log);
  if (!report.passed) throw new SlipwayError(`proxy-health-url: the proxy still does not serve version ${version} after the switch (${report.checks[0]?.reason ?? 'failed'})`);
}

/**
 * After a failure at or after the switch: sends traffic back to the old copy if
 * the proxy was (or, asked, turns out to be) switched, then asks the proxy where
 * it points. Never throws: the caller reports what happened.
 */
async function switchBack(proxy: ProxySwitcher, oldPort: number, newPort: number, switched: boolean): Promise<SwitchBack> {
  const ask = () => proxy.servingPorts().catch(() => undefined);
  if (!switched) {
    const ports = await ask();
    if (!ports?.includes(newPort)) return { attempted: false, proxyPorts: ports };
  }
  let error: string | undefined;
  try {
    await proxy.switchTo(oldPort, newPort);
  } catch (failure) {
    error = formatError(failure);
  }
  return { attempted: true, error, proxyPorts: await ask() };
}

/**
 * Waits until the old copy has no open connection (two polls in a row, after a
 * short settle so a proxy that reloads asynchronously has stopped picking it),
 * or the drain timeout. Returns how many connections were still open.
 */
async function drain(run: HostRun, port: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  await sleep(Math.min(500, timeoutMs));
  let quiet = 0;
  for (;;) {
    const open = (await tcpTables(run)).established.get(port) ?? 0;
    quiet = open === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return 0;
    if (Date.now() >= deadline) return open;
    await sleep(200);
  }
}

/**
 * Start the new version beside the old one, switch the proxy, drain, stop the old:
 * the `zero-downtime` option of the compose strategy. Runs under ssh-deploy's lock.
 */
export async function switchDeploy(run: HostRun, image: string, version: string, action: 'deploy' | 'rollback'): Promise<StrategyOutcome> {
  const zd = run.settings.zeroDowntime;
  const ctx = await prepare(run);
  const { service } = ctx.compose;
  const host = run.session.name;
  const stateFile = stateFileOf(run, ctx);
  const state = await readSwitchState(run.session, stateFile);
  const healthPort = Number(new URL(run.settings.health.url ?? '').port || 80);

  // The live copy: recorded by the last switch, else the plain compose service on health-url's port.
  let live = state.status === 'deployed' ? state.live : undefined;
  if (!live) {
    const current = await runningImage(run, ctx);
    const composeState = await readStateFile(run.session, ctx.stateFile);
    live = { project: ctx.projectName, port: healthPort, image: current ?? '', version: current ? (composeState.image === current ? composeState.version : undefined) ?? current : '' };
  }
  let before = state.previous;

  // The proxy, not the state file, has the last word on which copy serves: a
  // deploy cut between its switch and its state write leaves the file a step behind.
  const proxy: ProxySwitcher = proxySwitcher(run.session, zd);
  const serving = await proxy.servingPorts();
  const { pending } = state;
  if (serving && !serving.includes(live.port) && pending && pending.project !== live.project && serving.includes(pending.port)
    && (await containersOf(run, pending.project, service)).length > 0) {
    run.log.warn(`${host}: ${proxy.kind} sends traffic to ${pending.project} (${pending.version || pending.image}) on port ${pending.port}, not to ${live.project} on port ${live.port} as the state file says: an earlier deploy was cut right after its switch, so ${pending.project} is the live copy`);
    before = live;
    live = pending;
  }
  const liveRuns = (await containersOf(run, live.project, service)).length > 0;
  const slot = live.project.endsWith('-blue') ? `${ctx.projectName}-green` : `${ctx.projectName}-blue`;
  const slotPort = await slotPortOf(run, slot, service, zd.portEnv);

  // Before anything is removed or started: can the service run twice, is the proxy there and pointing at the live copy.
  const override = overrideOf(run, slot);
  const writeOverride = (port: number) => writeAtomic(run.session, override, renderSlotOverride(service, image, zd.portEnv, port), {
    name: 'slipway-override', label: `ssh ${run.session.target.host}: point ${slot} at ${image}`,
  });
  const project = { ...ctx.project, project: slot, overrideFile: override };
  await writeOverride(0);
  const config = await run.session.exec(composeWords(ctx.flavor, project, 'config'), { env: run.settings.env, allowFailure: true, label: `compose config on ${run.session.target.host}` });
  if (config.exitCode !== 0) throw new SlipwayError(`${host}: \`compose config\` fails (${config.stderr.trim().split('\n').pop() ?? ''})`, { fix: 'Fix the compose files' });
  const problems = runTwiceProblems(config.stdout, service);
  if (problems.length > 0) {
    throw new SlipwayError(`${host}: zero-downtime needs two copies of '${service}' side by side, and this compose service cannot run twice:\n- ${problems.join('\n- ')}`, { fix: 'Change the compose file as above, or deploy without zero-downtime' });
  }
  await proxy.preflight(live.port);

  throwIfCancelled(run.signal, 'removing copies an earlier deploy left behind');
  // Copies an earlier deploy left behind: half-started (cut before its switch), or
  // switched away from but not drained (cut after it). Never one the proxy sends traffic to.
  const leftovers = [{ project: slot, port: slotPort }];
  if (before && before.project !== slot && before.project !== live.project) leftovers.push({ project: before.project, port: before.port });
  for (const leftover of leftovers) {
    const ids = await containersOf(run, leftover.project, service);
    if (ids.length === 0) continue;
    if (leftover.port !== undefined && serving?.includes(leftover.port)) {
      throw new SlipwayError(`${host}: ${proxy.kind} sends traffic to port ${leftover.port}, where ${leftover.project} runs, as well as to the live copy ${live.project} on port ${live.port}; Slipway never removes a copy the proxy sends traffic to`, {
        fix: `Point the proxy at port ${live.port} only (or remove ${leftover.project} yourself), then deploy again`,
      });
    }
    const switchedAway = before?.project === leftover.project;
    if (switchedAway && leftover.port !== undefined) {
      const cut = await drain(run, leftover.port, zd.drainTimeoutMs);
      if (cut > 0) run.log.warn(`${host}: ${cut} connection(s) to ${leftover.project} were still open after drain-timeout and were cut`);
    }
    const removed = await removeCopy(run, leftover.project, service, switchedAway ? zd.stopTimeoutS : 1);
    run.log.warn(switchedAway
      ? `${host}: stopped ${removed} container(s) of ${leftover.project}, which an earlier deploy switched away from but did not drain (${proxy.kind} no longer sends traffic to it)`
      : `${host}: removed ${removed} container(s) of ${leftover.project} left half-started by an earlier deploy (never switched to)`);
  }

  const tables = await tcpTables(run);
  const port = chooseFreePort(zd.ports, tables.listening, [live.port]);
  if (port === undefined) {
    const busy = [...tables.listening].filter((p) => p >= zd.ports.first && p <= zd.ports.last).sort((a, b) => a - b);
    throw new SlipwayError(`${host}: slot-ports: no free port for the new copy in ${zd.ports.first}-${zd.ports.last} (in use: ${busy.join(', ') || 'none'}; live copy on ${live.port})`, { fix: 'Widen slot-ports or stop what listens there' });
  }
  const next: Copy = { project: slot, port, image, version };

  throwIfCancelled(run.signal, `starting ${slot}`);
  // Recorded first, so the next deploy (or a person) knows what this one was starting.
  await writeSwitchState(run.session, stateFile, { live, pending: next, previous: before, status: liveRuns ? 'deployed' : 'starting' });
  run.log.info(`${host}: starting ${service} ${version} as ${slot} on port ${port} beside ${live.project} on port ${live.port}`);
  await writeOverride(port);
  const env = run.settings.env;
  const oldLabel = live.version || live.image || 'the old version';
  /** Switches back if needed and says truthfully what serves; removes the new copy only when no traffic goes to it. */
  const afterFailure = async (cause: string, switched: boolean): Promise<ReturnType<typeof judgeSwitchBack>> => {
    const verdict = judgeSwitchBack({ host, cause, proxy: proxy.kind, old: { label: oldLabel, port: live.port }, newPort: port, back: await switchBack(proxy, live.port, port, switched) });
    if (verdict.removeNew) {
      await removeNext(cause);
    } else {
      run.log.warn(`${host}: ${verdict.message}`);
      await writeSwitchState(run.session, stateFile, { live: next, previous: live, status: 'deployed', proxy: proxy.kind, lastFailure: verdict.message });
    }
    return verdict;
  };
  const removeNext = async (why: string) => {
    run.log.warn(`${host}: ${why}; removing ${slot}`);
    await removeCopy(run, slot, service, 1);
    await writeSwitchState(run.session, stateFile, { live, previous: before, status: liveRuns ? 'deployed' : 'empty', lastFailure: why });
  };
  try {
    if (ctx.compose.pull && action === 'deploy') await run.session.exec(composeWords(ctx.flavor, project, 'pull', service), { env, label: `compose pull ${service} on ${run.session.target.host}` });
    throwIfCancelled(run.signal, `compose up of ${slot}`);
    await run.session.exec(composeWords(ctx.flavor, project, 'up', '-d', '--no-deps', service), { env, survivesDisconnect: true, stream: true, label: `compose up ${slot} on ${run.session.target.host}` });
  } catch (error) {
    if (await run.session.isAlive()) await removeNext(`${slot} did not start (${formatError(error)})`);
    throw error;
  }

  // A cancel while the new copy is checked: it is not switched to (the proxy stays on the old copy).
  const verdict = await untilCancelled(copyHealthy(run, port, version, run.settings.health.timeoutMs), run.signal, () => ({ healthy: false, detail: 'cancelled before it was verified' }));
  if (!verdict.healthy) {
    await removeNext(`new version ${version} never got healthy (${verdict.detail})`);
    throw new SlipwayError(`${host}: new version ${version} never got healthy on port ${port} (${verdict.detail}); it was removed and the proxy was not touched, ${live.version || live.image || 'the old version'} is still serving`);
  }
  const healthyAt = performance.now();
  let switched = false;
  let switchedAt: string;
  try {
    throwIfCancelled(run.signal, `the ${proxy.kind} switch to port ${port}`);
    await proxy.switchTo(port, live.port);
    switched = true;
    switchedAt = new Date().toISOString();
    // Recorded at once: if the connection drops from here on, the next deploy must know the new copy serves.
    await writeSwitchState(run.session, stateFile, { live: next, previous: live, status: 'deployed', switchedAt, proxy: proxy.kind });
    await waitForTrafficOnNew(run, zd, version);
    // Cancelled after the switch but before the new copy's watch: back to the old copy, untouched and healthy.
    throwIfCancelled(run.signal, 'the watch window of the new copy');
  } catch (error) {
    // Traffic goes back to the live copy, which was never touched; the message says if it did not.
    const verdict = await afterFailure(formatError(error), switched);
    throw new SlipwayError(verdict.message, { fix: verdict.fix });
  }
  const switchMs = performance.now() - healthyAt;
  run.log.info(`${host}: ${proxy.kind} sends traffic to ${slot} on port ${port} (${Math.round(switchMs)} ms after it was healthy)`);

  if (zd.watchMs > 0) {
    const watchEnd = Date.now() + zd.watchMs;
    while (Date.now() < watchEnd) {
      const watch = run.signal?.aborted ? { healthy: false, detail: 'cancelled within the watch window' } : await copyHealthy(run, port, version, 2000, 1);
      if (!watch.healthy) {
        run.log.warn(`${host}: ${version} ${run.signal?.aborted ? 'was cancelled' : 'turned red'} within the watch window (${watch.detail}); switching back to port ${live.port}`);
        const after = `${Math.round((zd.watchMs - (watchEnd - Date.now())) / 1000)} s after the switch`;
        const cause = run.signal?.aborted ? `cancelled ${after}, within the watch window of ${version}` : `new version ${version} turned red ${after} (${watch.detail})`;
        const verdict = await afterFailure(cause, true);
        if (verdict.oldServes) throw new RolledBackError(host, cause, `the old version ${live.version || live.image}`, { serving: live.version || live.image, failed: version });
        throw new SlipwayError(verdict.message, { fix: verdict.fix });
      }
      await sleep(500);
    }
  }

  let cut = 0;
  if (liveRuns && run.signal?.aborted) {
    // Cancelled after the watch: the new copy serves, verified. The old one is left running for the next deploy to drain and stop.
    run.log.warn(`${host}: cancelled after the switch: ${version} serves on port ${port}; ${live.project} on port ${live.port} was left running (the next deploy drains and stops it)`);
    return { version, previous: live.version, changed: true };
  }
  if (liveRuns) {
    cut = await drain(run, live.port, zd.drainTimeoutMs);
    if (cut > 0) run.log.warn(`${host}: ${cut} connection(s) to the old copy were still open after drain-timeout (${Math.round(zd.drainTimeoutMs / 1000)} s) and were cut: long requests, streaming or WebSocket clients`);
    await removeCopy(run, live.project, service, zd.stopTimeoutS);
  }
  const previous = liveRuns ? live : before;
  await writeSwitchState(run.session, stateFile, {
    live: next, previous, status: 'deployed', switchedAt, switchMs: Math.round(switchMs), cutConnections: cut, proxy: proxy.kind,
  });
  await appendDeployLog(run.session, run.appDir, {
    time: new Date().toISOString(), action, strategy: 'compose-zero-downtime', version, previous: live.version,
    result: `switched ${proxy.kind} from port ${live.port} to ${port} (${slot}) in ${Math.round(switchMs)} ms; ${cut} connection(s) cut`, actor: 'slipway',
  }).catch((error: unknown) => run.log.warn(`${host}: could not append to the deploy log: ${formatError(error)}`));
  return { version, previous: live.version, changed: true };
}

export async function zeroDowntimeDeploy(run: HostRun): Promise<StrategyOutcome> {
  return switchDeploy(run, run.settings.compose.image ?? '', run.settings.version, 'deploy');
}

/** A rollback is the same switch towards the previous image, on the other slot. */
export async function zeroDowntimeRollback(run: HostRun): Promise<StrategyOutcome> {
  const ctx = await prepare(run);
  const { previous } = await readSwitchState(run.session, stateFileOf(run, ctx));
  if (!previous?.image) throw new SlipwayError(`${run.session.name}: no previous version is recorded in ${stateFileOf(run, ctx)}`, { fix: 'Roll back by deploying the image you want with mode: deploy' });
  return switchDeploy(run, previous.image, previous.version, 'rollback');
}
