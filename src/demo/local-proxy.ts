import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Runner } from '../core/runner/process-runner.js';
import { sleep } from '../core/runner/retry.js';

/**
 * A Caddy or nginx of our own on loopback, made from `examples/proxy/` with
 * only ports and paths replaced, for the demo, the bench and the tests.
 * Started in the background through the Runner and stopped by its PID.
 */
export interface LocalProxy {
  kind: 'caddy' | 'nginx';
  /** Where clients connect (127.0.0.1:port). */
  port: number;
  adminPort?: number;
  /** nginx: the upstream include file and the command line that tests and reloads this instance. */
  upstreamFile?: string;
  nginxCommand?: string;
  stop(): Promise<void>;
}

export function caddyfileFrom(example: string, ports: { listen: number; admin: number; upstream: number; liveDir?: string }): string {
  return example.replaceAll('/srv/app/.proxy-live', ports.liveDir ?? '/srv/app/.proxy-live').replace('admin 127.0.0.1:2019', `admin 127.0.0.1:${ports.admin}`).replace(':8080 {', `:${ports.listen} {`).replace('reverse_proxy 127.0.0.1:20080', `reverse_proxy 127.0.0.1:${ports.upstream}`);
}

export function nginxConfFrom(example: string, prefix: string, listen: number): string {
  return example.replaceAll('/srv/app/nginx', prefix).replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${listen};`);
}

async function waitForPort(port: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); });
        socket.on('error', reject);
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not answer on 127.0.0.1:${port} within ${timeoutMs} ms (${(error as Error).message})`, { cause: error });
      await sleep(100);
    }
  }
}

const BACKGROUND = 'cd "$1" && shift && log="$1" && shift && nohup "$@" > "$log" 2>&1 < /dev/null & echo $!';

/**
 * `liveDir`: route by the live-port file in that directory (examples/proxy/Caddyfile.live-file),
 * created here naming `upstream` and owned by `liveDirOwner`; otherwise the admin-API way.
 */
export async function startLocalCaddy(runner: Runner, options: { dir: string; listen: number; admin: number; upstream: number; examplesDir?: string; liveDir?: string; liveDirOwner?: string }): Promise<LocalProxy> {
  fs.mkdirSync(options.dir, { recursive: true });
  if (options.liveDir) {
    fs.rmSync(options.liveDir, { recursive: true, force: true });
    fs.mkdirSync(options.liveDir, { recursive: true });
    fs.writeFileSync(path.join(options.liveDir, String(options.upstream)), '');
    if (options.liveDirOwner) await runner.run({ file: 'chown', args: ['-R', `${options.liveDirOwner}:${options.liveDirOwner}`, options.liveDir] });
  }
  const example = fs.readFileSync(path.join(options.examplesDir ?? 'examples', 'proxy', options.liveDir ? 'Caddyfile.live-file' : 'Caddyfile'), 'utf8');
  const file = path.join(options.dir, 'Caddyfile');
  fs.writeFileSync(file, caddyfileFrom(example, options));
  // Caddy keeps its data (and would keep autosaves) under XDG dirs: ours, not the machine's.
  const env = { HOME: options.dir, XDG_DATA_HOME: path.join(options.dir, 'data'), XDG_CONFIG_HOME: path.join(options.dir, 'config'), PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const started = await runner.run({ file: 'sh', args: ['-c', BACKGROUND, 'slipway-caddy', options.dir, path.join(options.dir, 'caddy.log'), 'caddy', 'run', '--config', file, '--adapter', 'caddyfile'], env, cleanEnv: true });
  const pid = Number(started.stdout.trim());
  const stop = async () => { await runner.run({ file: 'kill', args: [String(pid)] }, { allowFailure: true }); };
  try {
    await waitForPort(options.admin, 'Caddy admin API');
    await waitForPort(options.listen, 'Caddy');
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; log: ${fs.readFileSync(path.join(options.dir, 'caddy.log'), 'utf8').slice(-500)}`, { cause: error });
  }
  return { kind: 'caddy', port: options.listen, adminPort: options.admin, stop };
}

/** nginx as `user` (so a deploy over SSH as that user can `nginx -s reload` it), daemonized, stopped by its pid file. */
export async function startLocalNginx(runner: Runner, options: { prefix: string; listen: number; upstream: number; user: string; examplesDir?: string; edit?: (conf: string) => string; upstreamText?: string }): Promise<LocalProxy> {
  const { prefix } = options;
  fs.mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  const example = fs.readFileSync(path.join(options.examplesDir ?? 'examples', 'proxy', 'nginx.conf'), 'utf8');
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, (options.edit ?? ((text: string) => text))(nginxConfFrom(example, prefix, options.listen)));
  const upstreamFile = path.join(prefix, 'app-upstream.conf');
  fs.writeFileSync(upstreamFile, options.upstreamText ?? `server 127.0.0.1:${options.upstream};\n`);
  await runner.run({ file: 'chown', args: ['-R', `${options.user}:${options.user}`, prefix] });
  const nginxCommand = `/usr/sbin/nginx -p ${prefix} -c ${conf} -e ${prefix}/error.log`;
  await runner.run({ file: 'setpriv', args: ['--reuid', options.user, '--regid', options.user, '--init-groups', 'sh', '-c', nginxCommand] });
  const stop = async () => {
    const pid = fs.existsSync(path.join(prefix, 'nginx.pid')) ? fs.readFileSync(path.join(prefix, 'nginx.pid'), 'utf8').trim() : '';
    if (pid) await runner.run({ file: 'kill', args: ['-QUIT', pid] }, { allowFailure: true });
  };
  try {
    await waitForPort(options.listen, 'nginx');
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind: 'nginx', port: options.listen, upstreamFile, nginxCommand, stop };
}
