import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';
import { getText } from '../../support/http-text.js';

export const sandbox = loadSandbox();
export const hosts = sandbox.ssh.hosts as [SandboxSshHost, SandboxSshHost, SandboxSshHost];
export const TEST_IMAGE = 'slipway-deploy-test';
const runner = new ProcessRunner(new MemoryLogger());

/** SSH inputs for the sandbox hosts (known-hosts from the sandbox). */
export function sshValues(list: SandboxSshHost[]): Record<string, string> {
  return {
    hosts: list.map((h) => `${h.address}:${h.port}`).join('\n'),
    user: sandbox.ssh.user,
    'private-key': sandbox.ssh.privateKeyPath,
    'known-hosts': sandbox.ssh.knownHostsPath,
    'connect-timeout': '5s',
  };
}

/**
 * Builds `slipway-deploy-test:<version>`: busybox httpd answering /api/health with
 * {"ok":true,"version":…} on $PORT; `healthy: false` builds one whose health check always fails;
 * `interval`: how often Docker runs the check (1s unless given).
 */
export async function buildTestImage(version: string, options: { healthy?: boolean; interval?: string } = {}): Promise<string> {
  const tag = `${TEST_IMAGE}:${version}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-image-'));
  fs.writeFileSync(path.join(dir, 'start.sh'), [
    'mkdir -p /www/api',
    `printf '{"ok":true,"version":"%s"}' "${version}" > /www/api/health`,
    'exec httpd -f -p "127.0.0.1:${PORT:-8080}" -h /www',
    '',
  ].join('\n'));
  const check = options.healthy === false ? 'CMD ["false"]' : 'CMD wget -qO- "http://127.0.0.1:${PORT:-8080}/api/health" >/dev/null || exit 1';
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [
    `FROM ${sandbox.baseImage}`,
    'COPY start.sh /start.sh',
    `HEALTHCHECK --interval=${options.interval ?? '1s'} --timeout=1s --retries=2 ${check}`,
    // SIGTERM handling slow enough to make "connection cut during up" meaningful.
    'STOPSIGNAL SIGKILL',
    'CMD ["/bin/sh", "/start.sh"]',
    '',
  ].join('\n'));
  await runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '-t', tag, dir] });
  fs.rmSync(dir, { recursive: true, force: true });
  return tag;
}

/** A fresh app dir on a host (owned by deploy) with the example compose file and an env file. */
export async function prepareComposeApp(host: SandboxSshHost, name: string, port: number): Promise<string> {
  const appDir = `${host.baseDir}/${name}`;
  await runner.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(appDir, { recursive: true });
  fs.copyFileSync('examples/compose/docker-compose.yml', `${appDir}/docker-compose.yml`);
  fs.writeFileSync(`${appDir}/.env`, `PORT=${port}\n`);
  await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  return appDir;
}

export async function httpGet(port: number, urlPath = '/api/health'): Promise<string> {
  try {
    return await getText(`http://127.0.0.1:${port}${urlPath}`, 3000);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Removes a compose project's containers (the hosts share one dockerd). */
export async function removeProject(project: string): Promise<void> {
  const ids = (await runner.run({ file: 'docker', args: ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`] })).stdout.split('\n').filter(Boolean);
  if (ids.length) await runner.run({ file: 'docker', args: ['rm', '-f', ...ids] });
}

export { runner };
