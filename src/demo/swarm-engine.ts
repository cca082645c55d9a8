// A throwaway single-node swarm for the demo: a second dockerd inside a network
// namespace made with `unshare --net` (not `ip netns exec`, which remounts /sys
// and hides the cgroup mounts). Its ingress, gateway bridge and host-network
// services stay in that namespace, so the demo cannot clash with the sandbox.
// The tests build on it too (test/support/swarm-namespace.ts adds load loops).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DemoSwarmEngine {
  /** The temp dir holding its data-root, exec-root, socket and log. */
  dir: string;
  /** PID of the namespaced dockerd. */
  pid: number;
  /** DOCKER_HOST of the namespaced engine. */
  host: string;
  /** `nsenter` words that run a program inside the namespace. */
  enter: string[];
  stop(): Promise<void>;
}

/** Why this machine cannot run a namespaced dockerd, or undefined when it can. */
export function swarmEngineUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'starting a dockerd in a network namespace needs root';
  const PATH = env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';
  const missing = ['unshare', 'nsenter', 'dockerd', 'docker', 'ip'].filter((tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'probe', tool], { env: { PATH } }).status !== 0);
  return missing.length ? `${missing.join(', ')} not found on PATH` : undefined;
}

const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie counts as stopped
  } catch {
    return false;
  }
};

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

/**
 * Starts dockerd in its own network namespace (own data-root, exec-root,
 * pidfile and socket under a temp dir), loads `image` from the engine at
 * `sourceHost` (nothing can be pulled inside) and runs `docker swarm init`
 * (unless `swarm` is false: a plain engine, to test "not in a swarm").
 */
export async function startDemoSwarmEngine(options: { image: string; sourceHost?: string; swarm?: boolean }): Promise<DemoSwarmEngine> {
  // A short path: the socket path must stay under the 108-byte limit.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-demo-'));
  const socket = path.join(dir, 'docker.sock');
  const logFile = path.join(dir, 'dockerd.log');
  const logFd = fs.openSync(logFile, 'a');
  const PATH = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin';
  const child = spawn('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec dockerd "$@"', 'sh',
    '--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'exec'), '--pidfile', path.join(dir, 'dockerd.pid'),
    '-H', `unix://${socket}`, '--bridge=none', '--iptables=false', '--ip6tables=false'],
  { detached: true, stdio: ['ignore', logFd, logFd], env: { PATH, HOME: dir } });
  fs.closeSync(logFd);
  child.unref();
  const pid = child.pid ?? 0;
  const host = `unix://${socket}`;
  const docker = (args: string[], input?: Buffer) => spawnSync('docker', args, { env: { ...process.env, DOCKER_HOST: host }, input, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  const stop = async (): Promise<void> => {
    if (pid && alive(pid)) {
      docker(['swarm', 'leave', '--force']);
      process.kill(pid, 'SIGTERM');
      if (!(await waitFor(() => !alive(pid), 30_000))) process.kill(pid, 'SIGKILL');
    }
    // dockerd leaves its namespace files mounted under exec-root.
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(dir)).sort().reverse();
    for (const mount of mounts) spawnSync('umount', ['-l', mount]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const up = await waitFor(() => pid > 0 && alive(pid) && docker(['info']).status === 0, 30_000);
    if (!up) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
      throw new Error(`the namespaced dockerd did not come up within 30 s${tail ? ` (its log: ${tail})` : ''}`);
    }
    const saved = spawnSync('docker', ['save', options.image], { env: { ...process.env, DOCKER_HOST: options.sourceHost ?? 'unix:///var/run/docker.sock' }, maxBuffer: 256 * 1024 * 1024 });
    if (saved.status !== 0) throw new Error(`docker save ${options.image}: ${saved.stderr.toString().trim()}`);
    const loaded = docker(['load'], saved.stdout);
    if (loaded.status !== 0) throw new Error(`docker load into the namespaced engine: ${loaded.stderr.toString().trim()}`);
    const init = options.swarm === false ? undefined : docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    if (init && init.status !== 0) throw new Error(`docker swarm init: ${init.stderr.toString().trim()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, pid, host, enter: ['nsenter', `--net=/proc/${pid}/ns/net`], stop };
}
