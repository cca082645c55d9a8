// A single-node Docker Swarm for tests: a second dockerd inside a network
// namespace made with `unshare --net` (not `ip netns exec`, which remounts /sys
// and hides the cgroup mounts). Everything the swarm creates (ingress, its
// gateway bridge, services on the `host` network) stays in that namespace;
// tests reach it with `nsenter --net=/proc/PID/ns/net`.
import { spawn, spawnSync } from 'node:child_process';
import { startDemoSwarmEngine } from '../../src/demo/swarm-engine.js';

export interface SwarmNamespace {
  dir: string;
  /** DOCKER_HOST for this engine. */
  host: string;
  pid: number;
  /** `nsenter` words that run a program inside the namespace. */
  enter: string[];
  /** Runs `docker` against this engine; throws with stderr on failure. */
  docker(args: string[], input?: string | Buffer): string;
  /** GET a URL from inside the namespace; resolves with status and body (status 0 when refused). */
  fetchInside(url: string): Promise<{ status: number; body: string }>;
  /** A bounded load loop inside the namespace: stop() returns what it saw. */
  startLoad(url: string, options?: { maxMs?: number; pauseMs?: number }): LoadLoop;
  stop(): Promise<void>;
}

export interface LoadLoop {
  stop(): Promise<LoadReport>;
}

export interface LoadReport {
  requests: number;
  failed: number;
  bodies: Record<string, number>;
  errors: string[];
}

/** The script of the load loop: sequential GETs until stdin closes or maxMs passes, then a JSON report. */
const LOAD_SCRIPT = `
const [url, maxMs, pauseMs] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const report = { requests: 0, failed: 0, bodies: {}, errors: [] };
let stopping = false;
process.stdin.on('data', () => {}); process.stdin.on('end', () => { stopping = true; });
const until = Date.now() + maxMs;
(async () => {
  while (!stopping && Date.now() < until) {
    report.requests++;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = (await r.text()).trim();
      if (r.status !== 200) { report.failed++; report.errors.push('HTTP ' + r.status); }
      else report.bodies[body] = (report.bodies[body] || 0) + 1;
    } catch (e) { report.failed++; if (report.errors.length < 20) report.errors.push(String(e.cause?.code || e.message)); }
    await new Promise((res) => setTimeout(res, pauseMs));
  }
  process.stdout.write(JSON.stringify(report));
  process.exit(0);
})();
`;

export async function startSwarmNamespace(options: { image: string; swarm?: boolean; sourceHost?: string }): Promise<SwarmNamespace> {
  // The engine is the demo's (src/demo/swarm-engine.ts); the tests add a throwing docker(), fetches and load loops inside.
  const { dir, pid, host, enter, stop } = await startDemoSwarmEngine(options);
  const docker = (args: string[], input?: string | Buffer): string => {
    const result = spawnSync('docker', args, { env: { ...process.env, DOCKER_HOST: host }, input, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr?.toString()}`);
    return result.stdout.toString();
  };
  return {
    dir, host, pid, enter, docker, stop,
    async fetchInside(url) {
      const script = 'fetch(process.argv[1],{signal:AbortSignal.timeout(3000)}).then(async r=>process.stdout.write(r.status+"\\n"+await r.text()),()=>process.stdout.write("0\\n"))';
      const result = spawnSync(enter[0] as string, [...enter.slice(1), process.execPath, '-e', script, url]);
      const [status, ...body] = result.stdout.toString().split('\n');
      return { status: Number(status), body: body.join('\n').trim() };
    },
    startLoad(url, loadOptions = {}) {
      const loop = spawn(enter[0] as string, [...enter.slice(1), process.execPath, '-e', LOAD_SCRIPT, url, String(loadOptions.maxMs ?? 90_000), String(loadOptions.pauseMs ?? 20)], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      loop.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
      const done = new Promise<LoadReport>((resolve, reject) => {
        loop.on('exit', () => { try { resolve(JSON.parse(out) as LoadReport); } catch { reject(new Error(`load loop printed no report: ${out}`)); } });
      });
      return { stop: () => { loop.stdin?.end(); return done; } };
    },
  };
}
