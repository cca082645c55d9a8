import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import type { LoadResult } from '../../../src/demo/load-loop.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';

export const sandbox = loadSandbox();
export const h1 = sandbox.ssh.hosts[0] as SandboxSshHost;
export const runner = new ProcessRunner(new MemoryLogger());
export const APP = 'slipway-zd-app';

/** SSH inputs for sandbox host h1. */
export function sshValues(): Record<string, string> {
  return { host: `${h1.address}:${h1.port}`, user: sandbox.ssh.user, 'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s' };
}

/**
 * The example app (examples/app) at `version`, plus, for the tests only, a CGI
 * script `/cgi-bin/slow` that answers after `SLOW_SECONDS` (10 s by default: longer than a deploy takes to reach its switch on a loaded CI machine) (busybox httpd runs
 * /cgi-bin/* executables): a long request to have in flight during a switch.
 * `never` builds one that never listens; `turnsRed` one whose health goes 404 after a few seconds.
 */
export async function buildAppImage(version: string, kind: 'ok' | 'never' | 'turnsRed' = 'ok'): Promise<string> {
  const base = `${APP}-base:${version}`;
  await runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '--build-arg', `APP_VERSION=${version}`, '-t', base, 'examples/app'] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-zd-image-'));
  fs.writeFileSync(path.join(dir, 'slow'), '#!/bin/sh\nsleep "${SLOW_SECONDS:-10}"\nprintf "Content-Type: application/json\\r\\n\\r\\n"\nprintf \'{"slow":true,"version":"%s"}\\n\' "$APP_VERSION"\n', { mode: 0o755 });
  const cmd = {
    ok: [],
    never: ['CMD ["sh", "-c", "exec sleep 600"]'],
    turnsRed: ['CMD ["sh", "-c", "sh /app/start.sh & sleep 5; rm -f /app/www/api/health; wait"]'],
  }[kind];
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${base}`, 'COPY slow /app/www/cgi-bin/slow', ...cmd, ''].join('\n'));
  const tag = `${APP}:${version}`;
  await runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '-t', tag, dir] });
  fs.rmSync(dir, { recursive: true, force: true });
  return tag;
}

/** A fresh app dir on h1 (owned by deploy) with the example compose file. */
export async function prepareApp(name: string, composeText?: string): Promise<string> {
  const appDir = `${h1.baseDir}/${name}`;
  await runner.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(appDir, { recursive: true });
  fs.writeFileSync(`${appDir}/docker-compose.yml`, composeText ?? fs.readFileSync('examples/compose/docker-compose.yml', 'utf8'));
  await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  return appDir;
}

/** Removes every container of the projects whose name starts with `prefix` (the hosts share one dockerd). */
export async function removeProjects(prefix: string): Promise<void> {
  const ids = (await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', 'label=com.docker.compose.project'] })).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return;
  const labelled = (await runner.run({ file: 'docker', args: ['inspect', '--format', '{{.Id}} {{index .Config.Labels "com.docker.compose.project"}}', ...ids] })).stdout.split('\n');
  const mine = labelled.map((line) => line.split(' ')).filter(([, project]) => project?.startsWith(prefix)).map(([id]) => id as string);
  if (mine.length) await runner.run({ file: 'docker', args: ['rm', '-f', ...mine] });
}

export async function projectContainers(project: string): Promise<string[]> {
  return (await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`] })).stdout.split('\n').filter(Boolean);
}

export function readState(appDir: string, file: string): Record<string, string> {
  const text = fs.existsSync(`${appDir}/.slipway/${file}`) ? fs.readFileSync(`${appDir}/.slipway/${file}`, 'utf8') : '';
  return Object.fromEntries(text.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/**
 * The failed requests Slipway answers for. Caddy 2.6 (Debian 12's) resets a
 * fresh connection waiting in its accept queue when a config reload swaps its
 * servers: measured with no deploy at all, by posting the same config to /load
 * under load (20 resets over 30 reloads; see docs/zero-downtime.md). A switch is
 * one reload, so at most one such reset per switch is Caddy's own; anything else
 * (a 502, a refused upstream, a second reset) is returned and fails the test.
 */
export function failuresBeyondCaddyReloads(result: LoadResult, proxyPort: number, switches: number): string[] {
  if (result.failed > result.failures.length) return [`${result.failed} failures (more than were kept)`, ...result.failures];
  // The reset reaches the client while connecting or, when the handshake had completed, on its first read;
  // the client talks to Caddy alone, so a reset is Caddy's (a dead upstream shows as a 502 instead).
  const isReloadReset = (failure: string): boolean => failure.endsWith(`connect ECONNRESET 127.0.0.1:${proxyPort}`) || failure.endsWith(': read ECONNRESET');
  const resets = result.failures.filter(isReloadReset);
  return [...result.failures.filter((failure) => !isReloadReset(failure)), ...resets.slice(switches)];
}
