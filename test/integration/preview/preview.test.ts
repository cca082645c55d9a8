import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { startLoad, type LoadResult } from '../../../src/demo/load-loop.js';
import { previewFlow } from '../../../src/preview/flow.js';
import type { PreviewResult } from '../../../src/preview/preview.js';
import { caddyAskSite, caddyPreviewSite, nginxPreviewConfig } from '../../../src/preview/proxy.js';
import {
  buildApp, compose, docker, getVia, prepareApp, sshValues, startCaddy, startFakeForge, startNginx, type Daemon,
} from './support.js';

// Ports (this suite's range): previews 46000 + pr, production app 46100,
// Caddy 46080 (previews) / 46082 (production) / admin 46990, nginx 46081 / 46083.
const PROD_PORT = 46100;
const DOMAIN = 'preview.localhost';
const APP = 'hp';
const PROD_PROJECT = 'hp-prod';
const PROD_SECRET = 'production-secret-hp-0123456789';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-preview-it-'));
let appDir = '';
let forge: Awaited<ReturnType<typeof startFakeForge>>;
const daemons: Daemon[] = [];
let load: Array<{ stop(): void; done: Promise<LoadResult> }> = [];

function values(extra: Record<string, string>): Record<string, string> {
  return {
    ...sshValues(), app: APP, 'app-dir': appDir, 'env-template': 'preview.env.template', 'port-base': '46000', domain: DOMAIN, scheme: 'http',
    seed: 'printf "%s" "$PREVIEW_NAME" > /data/marker', 'health-timeout': '30s', 'max-previews': '4',
    'forge-token': 'hp-test-token', 'forge-url': forge.url, repository: 'hp/app', forge: 'github', 'max-age': '0', ...extra,
  };
}

async function preview(extra: Record<string, string>): Promise<PreviewResult> {
  const run = await runFlow(previewFlow, values(extra), localContext(new MemoryLogger(), { env: {} }));
  return run.result;
}

const leftovers = async (pr: number) => ({
  containers: (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${APP}-pr-${pr}`)).trim(),
  volumes: (await docker('volume', 'ls', '-q', '--filter', `name=${APP}-pr-${pr}_`)).trim(),
  dir: fs.existsSync(`${appDir}/.slipway/previews/pr-${pr}`),
});

async function cleanup(): Promise<void> {
  for (const project of [PROD_PROJECT, `${APP}-pr-11`, `${APP}-pr-12`, `${APP}-pr-13`, `${APP}-pr-14`]) {
    const ids = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', '-v', ...ids);
    const volumes = (await docker('volume', 'ls', '-q', '--filter', `name=${project}_`)).split('\n').filter(Boolean);
    if (volumes.length) await docker('volume', 'rm', '-f', ...volumes);
  }
}

describe('preview environments on a real host behind Caddy and nginx (previews reached with a Host header)', () => {
  let v1 = '';
  let v2 = '';
  beforeAll(async () => {
    await cleanup();
    forge = await startFakeForge();
    [v1, v2] = await Promise.all([buildApp('1.0.0'), buildApp('2.0.0')]);
    appDir = await prepareApp('hp-preview-app', PROD_PORT, PROD_SECRET, v1);
    await compose(appDir, PROD_PROJECT, 'up', '-d');
    const prod = (await docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROD_PROJECT}`)).trim();
    await docker('exec', prod, 'sh', '-c', 'printf production-data > /data/marker');
    daemons.push(await startCaddy(path.join(dir, 'caddy'), [
      '{', '\tadmin 127.0.0.1:46990', '\tauto_https off', '}',
      `http://127.0.0.1:46082 {\n\treverse_proxy 127.0.0.1:${PROD_PORT}\n}`,
      caddyPreviewSite(DOMAIN, 46000, { listen: `http://*.${DOMAIN}:46080`, bind: '127.0.0.1' }),
      caddyAskSite('http://127.0.0.1:46084', `${appDir}/.slipway/previews/live`, DOMAIN),
    ].join('\n'), 46082));
    daemons.push(await startNginx(path.join(dir, 'nginx'), [
      `server { listen 127.0.0.1:46083; location / { proxy_pass http://127.0.0.1:${PROD_PORT}; } }`,
      nginxPreviewConfig(DOMAIN, 46000, { listen: '127.0.0.1:46081' }),
    ].join('\n'), 46083));
    for (const pr of [11, 12, 13]) forge.pulls.set(pr, 'open');
    // Bounded load on production through both proxies, for the whole suite.
    load = [46082, 46083].map((port) => startLoad({ url: `http://127.0.0.1:${port}/api/health`, maxRequests: 20_000, maxMs: 240_000, concurrency: 2, pauseMs: 10 }));
  }, 180_000);

  afterAll(async () => {
    for (const l of load) l.stop();
    for (const daemon of daemons) await daemon.stop();
    await forge?.close();
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('brings up three previews side by side, each at its own host name through Caddy and nginx', async () => {
    for (const pr of [11, 12, 13]) {
      const result = await preview({ command: 'up', pr: String(pr), image: v1, sha: `abc${pr}def0` });
      expect(result).toMatchObject({ url: `http://pr-${pr}.${DOMAIN}`, version: '1.0.0', created: true });
    }
    for (const pr of [11, 12, 13]) {
      for (const proxyPort of [46080, 46081]) {
        const marker = await getVia(proxyPort, `pr-${pr}.${DOMAIN}`, '/data/marker');
        expect(marker).toEqual({ status: 200, body: `pr-${pr}` });
      }
    }
    expect((await getVia(46080, `pr-14.${DOMAIN}`, '/api/health')).status).toBe(502);
  });

  it('answers Caddy\'s on-demand TLS ask from Slipway\'s state: yes for a live preview only', async () => {
    const ask = async (name: string) => (await getVia(46084, '127.0.0.1', `/?domain=${encodeURIComponent(name)}`)).status;
    expect(await ask(`pr-12.${DOMAIN}`)).toBe(200);
    expect(await ask(`pr-14.${DOMAIN}`)).toBe(404);
    expect(await ask(`pr-12.${DOMAIN}.evil.example`)).toBe(404);
    expect(await ask('../../../etc/passwd')).toBe(404);
  });

  it('gives each preview its own host-made secrets and volume: none sees another\'s or production\'s', async () => {
    const secrets = await Promise.all([11, 12, 13].map(async (pr) => (await getVia(46080, `pr-${pr}.${DOMAIN}`, '/secret')).body));
    expect(new Set(secrets).size).toBe(3);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(secret).not.toBe(PROD_SECRET);
    }
    for (const pr of [11, 12, 13]) {
      const id = (await docker('ps', '-q', '--filter', `label=com.docker.compose.project=${APP}-pr-${pr}`)).trim();
      // Inside the container: only its own volume is mounted, holding only its own marker.
      expect((await docker('exec', id, 'sh', '-c', 'cat /data/*')).trim()).toBe(`pr-${pr}`);
      expect((await docker('inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', id)).trim()).toBe(`${APP}-pr-${pr}_data`);
    }
    expect((await getVia(46082, '127.0.0.1', '/data/marker')).body).toBe('production-data');
    const envFile = `${appDir}/.slipway/previews/pr-11/env`;
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(envFile, 'utf8')).not.toContain(PROD_SECRET);
  });

  it('refuses (and removes) a preview whose compose file would mount production\'s volume', async () => {
    fs.writeFileSync(`${appDir}/shared.yml`, [
      'services:', '  app:', '    image: ${APP_IMAGE:-none}', '    network_mode: host', '    environment:', '      PORT: ${PORT:-8080}',
      '    volumes:', '      - prod:/data', 'volumes:', '  prod:', '    external: true', `    name: ${PROD_PROJECT}_data`, '',
    ].join('\n'));
    await expect(preview({ command: 'up', pr: '14', image: v1, 'compose-file': 'shared.yml', seed: '' })).rejects.toThrow(/mounts volume hp-prod_data, which is not one of its own named volumes; removed it/);
    expect((await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${APP}-pr-14`)).trim()).toBe('');
    expect((await getVia(46082, '127.0.0.1', '/data/marker')).body).toBe('production-data');
    await preview({ command: 'down', pr: '14' });
    expect(await leftovers(14)).toEqual({ containers: '', volumes: '', dir: false });
  });

  it('updates a preview in place: new version, same secrets and data', async () => {
    const before = (await getVia(46080, `pr-12.${DOMAIN}`, '/secret')).body;
    const result = await preview({ command: 'up', pr: '12', image: v2, sha: 'abc12def1' });
    expect(result).toMatchObject({ version: '2.0.0', created: false });
    expect(JSON.parse((await getVia(46081, `pr-12.${DOMAIN}`, '/api/health')).body)).toMatchObject({ version: '2.0.0' });
    expect((await getVia(46080, `pr-12.${DOMAIN}`, '/secret')).body).toBe(before);
    expect((await getVia(46080, `pr-12.${DOMAIN}`, '/data/marker')).body).toBe('pr-12');
  });

  it('keeps one PR comment up to date and records a deployment with environment_url', () => {
    const pr12 = [...forge.comments.values()].filter((c) => c.pr === 12);
    expect(pr12).toHaveLength(1);
    expect(pr12[0]?.body).toContain('2.0.0');
    const statuses = forge.requests.filter((r) => /deployments\/\d+\/statuses$/.test(r.path)).map((r) => JSON.parse(r.body) as { environment_url?: string });
    expect(statuses).toContainEqual(expect.objectContaining({ environment_url: `http://pr-12.${DOMAIN}` }));
  });

  it('lists the previews with their disk use', async () => {
    const result = await preview({ command: 'list' });
    expect(result.previews.map((p) => p.pr)).toEqual([11, 12, 13]);
    for (const p of result.previews) expect(p).toMatchObject({ running: true, status: 'live', volumes: [`${APP}-pr-${p.pr}_data`] });
    expect(result.previews.every((p) => p.diskBytes > 0)).toBe(true);
  });

  it('closes a preview without a trace: project, volumes, env file and state are gone', async () => {
    const result = await preview({ command: 'down', pr: '11' });
    expect(result.removed).toEqual([11]);
    expect(await leftovers(11)).toEqual({ containers: '', volumes: '', dir: false });
    expect((await getVia(46080, `pr-11.${DOMAIN}`, '/api/health')).status).toBe(502);
    expect((await getVia(46084, '127.0.0.1', `/?domain=pr-11.${DOMAIN}`)).status).toBe(404);
    expect([...forge.comments.values()].find((c) => c.pr === 11)?.body).toContain('Preview removed');
  });

  it('reaps the preview whose PR was closed and keeps the open one', async () => {
    forge.pulls.set(13, 'closed');
    const result = await preview({ command: 'reap' });
    expect(result.removed).toEqual([13]);
    expect(await leftovers(13)).toEqual({ containers: '', volumes: '', dir: false });
    expect(result.previews.map((p) => p.pr)).toEqual([12]);
    expect((await getVia(46080, `pr-12.${DOMAIN}`, '/data/marker')).body).toBe('pr-12');
  });

  it('served production with 0 failed requests through all of it, through both proxies', async () => {
    for (const l of load) l.stop();
    const results = await Promise.all(load.map((l) => l.done));
    for (const result of results) {
      expect(result.requests).toBeGreaterThan(100);
      expect(result.failures).toEqual([]);
      expect(result.failed).toBe(0);
    }
    await preview({ command: 'down', pr: '12' });
    expect(await leftovers(12)).toEqual({ containers: '', volumes: '', dir: false });
  });
});
