import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { openSshSession, type PortForward, type SshSession, type SshTarget } from '../ssh/index.js';
import type { SmokeCheck } from './check.js';
import { resolveDialTarget, type ConnectOverride } from './http-probe.js';
import { runSmokeChecks, type SmokeOptions, type SmokeReport } from './run.js';

/** Ports forwarded for a set of checks, and the override that sends each check through its port. */
export interface ForwardedChecks {
  connect: ConnectOverride;
  close(): Promise<void>;
}

const key = (host: string, port: number): string => `${host}|${port}`;

/**
 * Forwards, over an open session, every address the checks would dial, as seen
 * from the host (`127.0.0.1:8000` is the host's own loopback). The URL's name
 * still goes into Host and SNI, so TLS is verified as for a direct request.
 */
export async function forwardChecks(session: SshSession, checks: SmokeCheck[], log: Logger): Promise<ForwardedChecks> {
  const forwards = new Map<string, PortForward>();
  try {
    for (const check of checks) {
      const remote = resolveDialTarget(new URL(check.url), check);
      const name = key(remote.host, remote.port);
      if (forwards.has(name)) continue;
      const forward = await session.forwardLocalPort(remote.port, remote.host);
      forwards.set(name, forward);
      log.info(`Forwarding 127.0.0.1:${forward.localPort} → ${remote.host}:${remote.port} on ${session.name}`);
    }
  } catch (error) {
    await Promise.all([...forwards.values()].map((forward) => forward.close()));
    throw error;
  }
  return {
    connect: (intended) => {
      const forward = forwards.get(key(intended.host, intended.port));
      return forward ? { host: '127.0.0.1', port: forward.localPort, via: `through SSH to ${session.name}` } : undefined;
    },
    close: async () => {
      await Promise.all([...forwards.values()].map((forward) => forward.close()));
    },
  };
}

/** Runs the checks from inside a host the caller already has a session to (the deploy pipeline). */
export async function runSmokeChecksOverSession(session: SshSession, checks: SmokeCheck[], options: Partial<SmokeOptions>, log: Logger): Promise<SmokeReport> {
  const forwarded = await forwardChecks(session, checks, log);
  try {
    return await runSmokeChecks(checks, { ...options, connect: forwarded.connect }, log);
  } finally {
    await forwarded.close();
  }
}

/** Opens a session per host, runs the checks from inside each, one host after another. */
export async function runSmokeChecksViaSsh(targets: SshTarget[], checks: SmokeCheck[], options: Partial<SmokeOptions>, runner: Runner, log: Logger): Promise<SmokeReport> {
  const reports: SmokeReport[] = [];
  for (const target of targets) {
    const session = await openSshSession(target, runner, log);
    try {
      const report = await runSmokeChecksOverSession(session, checks, options, log);
      if (targets.length > 1) for (const check of report.checks) check.name = `${check.name} on ${target.host}`;
      reports.push(report);
    } finally {
      await session.close();
    }
  }
  return mergeReports(reports);
}

function mergeReports(reports: SmokeReport[]): SmokeReport {
  const checks = reports.flatMap((report) => report.checks);
  return {
    passed: reports.every((report) => report.passed),
    checks,
    versionSeen: checks.find((check) => check.versionSeen !== undefined)?.versionSeen,
    durationMs: reports.reduce((sum, report) => sum + report.durationMs, 0),
  };
}
