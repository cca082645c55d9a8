import fs from 'node:fs';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { getOnce, startLoad, type LoadResult } from '../../../src/demo/load-loop.js';
import { startLocalNginx, type LocalProxy } from '../../../src/demo/local-proxy.js';
import { buildAppImage, h1, prepareApp, readState, removeProjects, runner, sshValues } from './support.js';

const PROJECT = 'slipway-zd-nginx';

function zdValues(appDir: string, image: string, livePort: number, proxy: LocalProxy, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sshValues(), strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': PROJECT, pull: 'false',
    'health-url': `http://127.0.0.1:${livePort}/api/health`, 'health-timeout': '20s',
    'zero-downtime': 'true', proxy: 'nginx', 'nginx-upstream-file': proxy.upstreamFile ?? '', 'nginx-command': proxy.nginxCommand ?? '',
    'slot-ports': `${livePort}-${livePort + 9}`, 'proxy-health-url': `http://127.0.0.1:${proxy.port}/api/health`, 'drain-timeout': '15s', 'stop-timeout': '1s', ...extra,
  };
}

/** Load through the proxy and one slow request started first, for the whole of `deploy`. */
async function underLoad(proxyPort: number, deploy: () => Promise<unknown>): Promise<{ load: LoadResult; slow: { status: number; body: string } | { error: string } }> {
  const load = startLoad({ url: `http://127.0.0.1:${proxyPort}/api/health`, maxRequests: 200_000, maxMs: 60_000, concurrency: 2 });
  const slow = getOnce(`http://127.0.0.1:${proxyPort}/cgi-bin/slow`, 30_000).catch((error: Error) => ({ error: error.message }));
  await deploy();
  await new Promise((resolve) => setTimeout(resolve, 500));
  load.stop();
  return { load: await load.done, slow: await slow };
}

describe('zero-downtime compose deploy behind a real nginx (include file, nginx -t, nginx -s reload)', () => {
  const proxies: LocalProxy[] = [];
  let v1 = '';
  let v2 = '';
  beforeAll(async () => {
    [v1, v2] = await Promise.all([buildAppImage('1.0.0'), buildAppImage('2.0.0')]);
    await removeProjects(PROJECT);
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.stop();
    await removeProjects(PROJECT);
  });

  it('switches with 0 failed requests under load; the slow request in flight completes on the old copy', async () => {
    const appDir = await prepareApp('zd-nginx');
    const nginx = await startLocalNginx(runner, { prefix: `${h1.baseDir}/zd-nginx-proxy`, listen: 18792, upstream: 18710, user: 'deploy' });
    proxies.push(nginx);
    const first = await runFlow(deployFlow, zdValues(appDir, v1, 18710, nginx), localContext(new MemoryLogger()));
    expect(first.failure).toBeUndefined();

    let failure: string | undefined;
    const { load, slow } = await underLoad(nginx.port, async () => {
      failure = (await runFlow(deployFlow, zdValues(appDir, v2, 18710, nginx), localContext(new MemoryLogger()))).failure;
    });
    expect(failure).toBeUndefined();
    expect(load.failures).toEqual([]);
    expect(load.failed).toBe(0);
    expect(Object.keys(load.versions).sort()).toEqual(['1.0.0', '2.0.0']);
    expect(slow).toMatchObject({ status: 200 });
    expect((slow as { body: string }).body).toContain('"version":"1.0.0"');
    expect(fs.readFileSync(nginx.upstreamFile ?? '', 'utf8')).toContain(`server 127.0.0.1:${readState(appDir, `zero-downtime-${PROJECT}-app.state`).live_port};`);
  });

  it('a plain `compose up -d` deploy through the same proxy fails requests (what the option removes)', async () => {
    const appDir = await prepareApp('zd-nginx-plain');
    fs.writeFileSync(`${appDir}/.env`, 'PORT=18730\n');
    const nginx = await startLocalNginx(runner, { prefix: `${h1.baseDir}/zd-nginx-plain-proxy`, listen: 18793, upstream: 18730, user: 'deploy' });
    proxies.push(nginx);
    const plain = (image: string) => ({
      ...sshValues(), strategy: 'compose', 'app-dir': appDir, service: 'app', image, 'compose-project': `${PROJECT}-plain`, 'env-file': '.env', pull: 'false',
      'health-url': 'http://127.0.0.1:18730/api/health', 'health-expect': '"version":"{version}"', 'health-timeout': '30s',
    });
    expect((await runFlow(deployFlow, plain(v1), localContext(new MemoryLogger()))).failure).toBeUndefined();
    const { load, slow } = await underLoad(nginx.port, async () => {
      expect((await runFlow(deployFlow, plain(v2), localContext(new MemoryLogger()))).failure).toBeUndefined();
    });
    console.log(`plain compose up -d: ${load.failed} of ${load.requests} requests failed (${JSON.stringify(load.versions)}, ${load.failures.join(" / ")}); slow request: ${JSON.stringify(slow).slice(0, 120)}`);
    expect(load.failed).toBeGreaterThan(0);
  });

  it('leaves the old copy serving when nginx -t rejects the new upstream', async () => {
    const appDir = await prepareApp('zd-nginx-bad');
    // The include sits in a location (a common mistake): `server …;` is not allowed there, so nginx -t fails.
    const nginx = await startLocalNginx(runner, {
      prefix: `${h1.baseDir}/zd-nginx-bad-proxy`, listen: 18794, upstream: 18750, user: 'deploy',
      upstreamText: 'proxy_pass http://127.0.0.1:18750;\n',
      edit: (conf) => conf.replace(/upstream app \{[^}]*\}/, '').replace('proxy_pass http://app;', `include ${h1.baseDir}/zd-nginx-bad-proxy/app-upstream.conf;`),
    });
    proxies.push(nginx);
    const values = (image: string) => ({ ...zdValues(appDir, image, 18750, nginx), 'compose-project': `${PROJECT}-bad` });
    // The first copy is started the plain way on the port nginx already uses.
    fs.writeFileSync(`${appDir}/.env`, 'PORT=18750\n');
    expect((await runFlow(deployFlow, { ...values(v1), 'zero-downtime': 'false', 'env-file': '.env' }, localContext(new MemoryLogger()))).failure).toBeUndefined();
    const run = await runFlow(deployFlow, { ...values(v2), 'env-file': '.env' }, localContext(new MemoryLogger()));
    expect(run.failure).toMatch(/nginx: `nginx -t` rejected the new upstream 127\.0\.0\.1:\d+ \(.*"server" directive is not allowed here.*\); .* was put back and nginx was not reloaded.*new copy was removed and 1\.0\.0 on port 18750 keeps serving/s);
    expect(fs.readFileSync(nginx.upstreamFile ?? '', 'utf8')).toBe('proxy_pass http://127.0.0.1:18750;\n');
    expect((await getOnce(`http://127.0.0.1:${nginx.port}/api/health`)).body).toContain('"version":"1.0.0"');
  });
});
