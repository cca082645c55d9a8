import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { loadSandbox, type SandboxSshHost } from '../../support/sandbox.js';

export const sandbox = loadSandbox();
export const host = sandbox.ssh.hosts[0] as SandboxSshHost;
export const runner = new ProcessRunner(new MemoryLogger());
/** Every name this suite makes carries "hp". */
export const IMAGE = 'slipway-hp-preview-app';

export function sshValues(): Record<string, string> {
  return {
    host: `${host.address}:${host.port}`, user: sandbox.ssh.user,
    'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath, 'connect-timeout': '5s',
  };
}

/**
 * The app: busybox httpd with the version baked in, serving its volume at
 * /data/ and its APP_SECRET at /secret, so a test can read what each copy sees.
 */
export async function buildApp(version: string): Promise<string> {
  const tag = `${IMAGE}:${version}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-preview-image-'));
  fs.writeFileSync(path.join(dir, 'start.sh'), [
    'mkdir -p /www/api /data',
    `printf '{"ok":true,"version":"%s"}' "${version}" > /www/api/health`,
    'ln -sfn /data /www/data',
    'printf "%s" "${APP_SECRET:-}" > /www/secret',
    'exec httpd -f -p "127.0.0.1:${PORT:-8080}" -h /www',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [
    `FROM ${sandbox.baseImage}`,
    'COPY start.sh /start.sh',
    'HEALTHCHECK --interval=1s --timeout=1s --retries=5 CMD wget -qO- "http://127.0.0.1:${PORT:-8080}/api/health" >/dev/null || exit 1',
    'STOPSIGNAL SIGKILL',
    'CMD ["/bin/sh", "/start.sh"]',
    '',
  ].join('\n'));
  await runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '-t', tag, dir] });
  fs.rmSync(dir, { recursive: true, force: true });
  return tag;
}

/** The production app dir (owned by deploy): the example compose file, the preview env template, production's .env. */
export async function prepareApp(name: string, prodPort: number, prodSecret: string, image: string): Promise<string> {
  const appDir = `${host.baseDir}/${name}`;
  await runner.run({ file: 'rm', args: ['-rf', appDir] });
  fs.mkdirSync(appDir, { recursive: true });
  fs.copyFileSync('examples/preview/docker-compose.yml', `${appDir}/docker-compose.yml`);
  fs.copyFileSync('examples/preview/preview.env.template', `${appDir}/preview.env.template`);
  fs.writeFileSync(`${appDir}/.env`, `PORT=${prodPort}\nAPP_SECRET=${prodSecret}\nAPP_IMAGE=${image}\n`);
  await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
  return appDir;
}

export async function compose(appDir: string, project: string, ...args: string[]): Promise<string> {
  return (await runner.run({ file: 'docker-compose', args: ['-p', project, '-f', `${appDir}/docker-compose.yml`, '--env-file', `${appDir}/.env`, ...args] })).stdout;
}

export async function docker(...args: string[]): Promise<string> {
  return (await runner.run({ file: 'docker', args }, { allowFailure: true })).stdout;
}

/** GET through a proxy with a Host header (fetch cannot set Host). */
export function getVia(port: number, hostName: string, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { host: hostName, connection: 'close' }, agent: false, timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, body: `error: ${error.message}` }));
  });
}

export interface Daemon { pid: number; stop(): Promise<void> }

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const { status } = await getVia(port, 'probe.invalid', '/');
    if (status > 0) return;
    if (Date.now() > until) throw new Error(`nothing answers on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startDaemon(file: string, args: string[], env: NodeJS.ProcessEnv, log: string): Daemon {
  const out = fs.openSync(log, 'a');
  const child = spawn(file, args, { env, stdio: ['ignore', out, out], detached: false });
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    },
  };
}

/** Caddy on loopback with its own admin address and config/data dirs (never the shared defaults). */
export async function startCaddy(dir: string, caddyfile: string, probePort: number): Promise<Daemon> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Caddyfile'), caddyfile);
  const env = { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') };
  const daemon = startDaemon('caddy', ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], env, path.join(dir, 'caddy.log'));
  await waitForPort(probePort, 10_000);
  return daemon;
}

export async function startNginx(dir: string, httpBlock: string, probePort: number): Promise<Daemon> {
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const t = path.join(dir, 'tmp');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), [
    'daemon off;', 'worker_processes 1;', `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log;`, 'events { worker_connections 512; }',
    'http {', '  access_log off;',
    `  client_body_temp_path ${t}; proxy_temp_path ${t}; fastcgi_temp_path ${t}; uwsgi_temp_path ${t}; scgi_temp_path ${t};`,
    httpBlock, '}', '',
  ].join('\n'));
  const daemon = startDaemon('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { PATH: process.env.PATH }, path.join(dir, 'nginx.log'));
  await waitForPort(probePort, 10_000);
  return daemon;
}

/** A loopback server that answers like the GitHub API: PR states, issue comments, deployments. Records every request. */
export async function startFakeForge(): Promise<{ url: string; pulls: Map<number, 'open' | 'closed'>; requests: Array<{ method: string; path: string; body: string }>; comments: Map<number, { id: number; pr: number; body: string }>; close(): Promise<void> }> {
  const pulls = new Map<number, 'open' | 'closed'>();
  const requests: Array<{ method: string; path: string; body: string }> = [];
  const comments = new Map<number, { id: number; pr: number; body: string }>();
  let nextId = 100;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', path: url.pathname, body });
      const send = (status: number, value: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
      let m: RegExpExecArray | null;
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname))) {
        const state = pulls.get(Number(m[1]));
        return state ? send(200, { number: Number(m[1]), state }) : send(404, { message: 'Not Found' });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
        const pr = Number(m[1]);
        if (req.method === 'GET') return send(200, [...comments.values()].filter((c) => c.pr === pr).map(({ id, body: b }) => ({ id, body: b })));
        const id = nextId++;
        comments.set(id, { id, pr, body: (JSON.parse(body) as { body: string }).body });
        return send(201, { id });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname))) {
        const existing = comments.get(Number(m[1]));
        if (existing) existing.body = (JSON.parse(body) as { body: string }).body;
        return send(200, { id: Number(m[1]) });
      }
      if (/\/deployments$/.test(url.pathname)) return send(201, { id: nextId++ });
      if (/\/deployments\/\d+\/statuses$/.test(url.pathname) || /\/statuses\/[0-9a-f]+$/.test(url.pathname)) return send(201, {});
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, pulls, requests, comments, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
