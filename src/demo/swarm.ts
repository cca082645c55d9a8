import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { formatError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { registerSecret } from '../core/secrets.js';
import { renderText } from '../core/summary.js';
import { runSwarm, SWARM_DEFAULTS, type SwarmResult } from '../swarm/deploy.js';
import { humanDuration } from '../swarm/duration.js';
import { localDockerEndpoint } from '../swarm/endpoint.js';
import { startDemoSwarmEngine, swarmEngineUnavailable, type DemoSwarmEngine } from './swarm-engine.js';
import { swarmFailure, swarmSummary } from '../swarm/report.js';

/** examples/swarm/docker-compose.yml, inlined so the bundled CLI needs no file beside it (a unit test keeps them equal). */
export const EXAMPLE_STACK_FILE = `# A stack Slipway deploys with \`strategy: swarm\` (checked by test/integration/swarm).
# The update policy is left out on purpose: Slipway fills safe defaults through an
# override file (start-first, or stop-first on the host network; rollback on failure;
# a monitor window that outlasts the health check) and reports each one it filled.
version: "3.8"
services:
  web:
    image: slipway/busybox:sandbox
    # tini as PID 1: SIGTERM stops the server at once, and a task killed for being
    # unhealthy exits non-zero, so the engine reports "unhealthy container".
    init: true
    command: ["sh", "-c", "mkdir -p /www && echo \\"$$APP_VERSION\\" > /www/version && if [ \\"$$APP_BROKEN\\" != yes ]; then echo ok > /www/health; fi && exec httpd -f -p 127.0.0.1:8080 -h /www"]
    environment:
      APP_VERSION: v1
      APP_BROKEN: "no"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
      interval: 1s
      timeout: 1s
      retries: 2
    deploy:
      replicas: 1
    networks: [hostnet]
    secrets: [app_token]
networks:
  # The engine's host network (the routing mesh is not used).
  hostnet:
    external: true
    name: host
secrets:
  app_token:
    external: true
`;

export interface DemoSwarmReport {
  /** Why the step could not run on this machine (then nothing else is set). */
  skipped?: string;
  ok: boolean;
  detail: string;
}

/**
 * The swarm step of `npm run demo`: a single-node swarm in a network namespace
 * (as the integration tests make it), the example stack deployed as v1, rolled
 * to v2, then a broken v3 whose health check fails, which the engine must roll
 * back, leaving v2 serving. A machine without namespaces is a skip, not a failure.
 */
export async function demoSwarm(log: Logger, options: { runner: Runner; image: string; sourceHost?: string }): Promise<DemoSwarmReport> {
  const unavailable = swarmEngineUnavailable();
  if (unavailable) return { skipped: unavailable, ok: true, detail: `skipped: ${unavailable}` };
  let engine: DemoSwarmEngine;
  try {
    engine = await startDemoSwarmEngine({ image: options.image, sourceHost: options.sourceHost });
  } catch (error) {
    const why = `could not start a swarm in a network namespace: ${formatError(error)}`;
    return { skipped: why, ok: true, detail: `skipped: ${why}` };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-demo-swarm-'));
  try {
    const endpoint = localDockerEndpoint(options.runner, engine.host);
    const token = randomBytes(12).toString('hex');
    registerSecret(token);
    const deploy = async (version: string, broken = false): Promise<SwarmResult> => {
      const file = path.join(work, version, 'docker-compose.yml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, EXAMPLE_STACK_FILE.replace('APP_VERSION: v1', `APP_VERSION: ${version}`).replace('APP_BROKEN: "no"', `APP_BROKEN: "${broken ? 'yes' : 'no'}"`));
      const result = await runSwarm({
        mode: 'stack', stack: 'demo', composeFile: file, parallelism: 1, timeoutMs: 120_000, pollMs: SWARM_DEFAULTS.pollMs,
        secrets: { app_token: token }, env: {}, prune: false,
      }, endpoint, log);
      // Each deploy's report, once: the demo's end names the step, not its tables again.
      log.info(renderText(swarmSummary(result)));
      return result;
    };
    // The app answers on the namespace's loopback only: ask from inside it.
    const serving = async (): Promise<string> => {
      // node:http with a ref'd timer, not fetch: a first fetch in a process never settles on a server that accepts and
      // closes, and the process then exits 0 having printed nothing.
      const script = 'const say=(t)=>{process.stdout.write(t);process.exit(0)};setTimeout(()=>say("(no answer)"),3000);'
        + 'require("http").get(process.argv[1],(r)=>{let b="";r.setEncoding("utf8");r.on("data",(c)=>{b+=c});r.on("end",()=>say(b.trim()));r.on("error",()=>say("(no answer)"))})'
        + '.on("error",()=>say("(no answer)"))';
      const [file, ...args] = engine.enter;
      return (await options.runner.run({ file: file as string, args: [...args, process.execPath, '-e', script, 'http://127.0.0.1:8080/version'] }, { allowFailure: true })).stdout.trim();
    };

    const v1 = await deploy('v1');
    const v1Failure = swarmFailure(v1);
    if (v1Failure) return { ok: false, detail: `v1: ${v1Failure}` };
    const v2 = await deploy('v2');
    const v2Failure = swarmFailure(v2);
    if (v2Failure) return { ok: false, detail: `v2: ${v2Failure}` };
    const afterV2 = await serving();
    const v3 = await deploy('v3', true);
    const rolledBack = v3.services.every((s) => s.outcome === 'rolled-back');
    const afterV3 = await serving();
    const ok = afterV2 === 'v2' && rolledBack && afterV3 === 'v2';
    const filled = v1.filled.length;
    return {
      ok,
      detail: [
        `v1 deployed in ${humanDuration(v1.durationMs)} (${filled} update-policy default${filled === 1 ? '' : 's'} filled in)`,
        `v2 rolled out in ${humanDuration(v2.durationMs)}, serving ${afterV2}`,
        rolledBack
          ? `broken v3 rolled back by the engine in ${humanDuration(v3.durationMs)}, ${afterV3} serving`
          : `broken v3 was NOT rolled back (${v3.services.map((s) => `${s.service}: ${s.outcome}`).join(', ')}), ${afterV3} serving`,
      ].join('; '),
    };
  } finally {
    await engine.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
