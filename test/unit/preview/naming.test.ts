import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  foreignMounts, parseDockerSize, parsePreviewState, portClash, previewNames, previewPort, previewsToEvict, RENDER_ENV, renderPreviewOverride, volumeSizes, type PreviewState,
} from '../../../src/preview/naming.js';
import { caddyPreviewSite, nginxPreviewConfig } from '../../../src/preview/proxy.js';

const state = (pr: number, created: string, port = 40000 + pr): PreviewState => ({
  pr, project: `shop-pr-${pr}`, port, host: '', image: '', version: '', sha: '', created, updated: created, status: 'live',
});

describe('preview names', () => {
  it('derives project, files, host and port from the app and the PR number alone', () => {
    expect(previewNames('shop', '/srv/shop', 12, 40000, 'preview.example.com')).toEqual({
      pr: 12, project: 'shop-pr-12', dir: '/srv/shop/.slipway/previews/pr-12', envFile: '/srv/shop/.slipway/previews/pr-12/env',
      overrideFile: '/srv/shop/.slipway/previews/pr-12/override.json', stateFile: '/srv/shop/.slipway/previews/pr-12/state',
      host: 'pr-12.preview.example.com', port: 40012,
    });
  });

  it('takes the port from the last three digits, as the proxy snippets do', () => {
    expect([previewPort(46000, 7), previewPort(46000, 512), previewPort(46000, 1512)]).toEqual([46007, 46512, 46512]);
  });

  it('sees a clash between PRs that share the last three digits', () => {
    expect(portClash([state(5, 'a', 40005)], 1005, 40005)?.pr).toBe(5);
    expect(portClash([state(5, 'a', 40005)], 5, 40005)).toBeUndefined();
  });

  it('renders an override with the PR image, the preview env file and a preview label', () => {
    expect(JSON.parse(renderPreviewOverride('app', 'r/app:pr-3', '/x/env', 3))).toEqual({
      services: { app: { image: 'r/app:pr-3', env_file: ['/x/env'], labels: { 'dev.slipway.preview': '3' } } },
    });
  });
});

describe('max-previews', () => {
  const existing = [state(1, '2026-01-03'), state(2, '2026-01-01'), state(3, '2026-01-02')];
  it('evicts the oldest to make room, none when there is room, none for an update of a running one', () => {
    expect(previewsToEvict(existing, 4, 3, 'evict-oldest')?.map((s) => s.pr)).toEqual([2]);
    expect(previewsToEvict(existing, 4, 4, 'evict-oldest')).toEqual([]);
    expect(previewsToEvict(existing, 1, 3, 'evict-oldest')).toEqual([]);
  });
  it('refuses when so configured', () => {
    expect(previewsToEvict(existing, 4, 3, 'refuse')).toBeUndefined();
  });
});

describe('isolation and disk use', () => {
  it('flags bind mounts and other projects\' volumes, not the preview\'s own volumes', () => {
    expect(foreignMounts('volume shop-pr-3_data;volume shop_data;bind /srv/shop/data;', 'shop-pr-3')).toEqual(['volume shop_data', 'bind /srv/shop/data']);
    expect(foreignMounts('volume shop-pr-3_data;', 'shop-pr-3')).toEqual([]);
    expect(foreignMounts(`volume ${'ab'.repeat(32)};tmpfs ;`, 'shop-pr-3')).toEqual([]);
  });

  it('reads a project\'s volume sizes from docker system df -v', () => {
    const df = ['Images space usage:', '', 'x', '', 'Local Volumes space usage:', '', 'VOLUME NAME   LINKS   SIZE', 'shop-pr-3_data   1   12.5MB', 'shop-pr-30_data  1   1kB', 'shop_data 1 3GB', '', 'Build cache usage: 0B'].join('\n');
    expect(volumeSizes(df, 'shop-pr-3')).toEqual([{ name: 'shop-pr-3_data', size: '12.5MB' }]);
    expect(parseDockerSize('12.5MB')).toBe(12_500_000);
    expect(parseDockerSize('0B')).toBe(0);
  });

  it('reads a state file back', () => {
    expect(parsePreviewState('pr=4\nproject=shop-pr-4\nport=40004\ncreated=2026-01-01T00:00:00Z\nstatus=live\n')).toMatchObject({ pr: 4, project: 'shop-pr-4', port: 40004, status: 'live' });
    expect(parsePreviewState('garbage')).toBeUndefined();
  });
});

describe('the env file rendered on the host (the real sh script)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-preview-env-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const render = (template: string, envFile: string) => execFileSync('sh', ['-c', RENDER_ENV, 'x', template, envFile, '7', '40007', 'pr-7.p.example', 'https://pr-7.p.example', 'shop-pr-7'], { encoding: 'utf8' }).trim();

  it('generates fresh secrets, fills in the placeholders, sets PORT, 0600', () => {
    fs.writeFileSync(`${dir}/t`, 'SECRET={{generate}}\nOTHER={{generate}}\nURL={{url}}\nNAME={{project}}\n# comment\n');
    expect(render(`${dir}/t`, `${dir}/a/env`)).toBe('created');
    const text = fs.readFileSync(`${dir}/a/env`, 'utf8');
    const secret = /^SECRET=([0-9a-f]+)$/m.exec(text)?.[1];
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(/^OTHER=([0-9a-f]+)$/m.exec(text)?.[1]).not.toBe(secret);
    expect(text).toContain('URL=https://pr-7.p.example\nNAME=shop-pr-7\n# comment\nPORT=40007\n');
    expect(fs.statSync(`${dir}/a/env`).mode & 0o777).toBe(0o600);
  });

  it('keeps an existing env file (an update keeps the preview\'s secrets)', () => {
    fs.writeFileSync(`${dir}/t2`, 'SECRET={{generate}}\n');
    render(`${dir}/t2`, `${dir}/b/env`);
    const first = fs.readFileSync(`${dir}/b/env`, 'utf8');
    expect(render(`${dir}/t2`, `${dir}/b/env`)).toBe('kept');
    expect(fs.readFileSync(`${dir}/b/env`, 'utf8')).toBe(first);
  });
});

describe('static proxy config', () => {
  it('Caddy: one wildcard site, the dial port built from the host name', () => {
    const site = caddyPreviewSite('preview.example.com', 46000);
    expect(site).toContain('@pr3 header_regexp pr Host ^pr-\\d*?(\\d{3})\\.preview\\.example\\.com(:\\d+)?$');
    expect(site).toContain('reverse_proxy @pr1 127.0.0.1:4600{re.pr.1}');
  });
  it('nginx: a map from $host to the port', () => {
    const conf = nginxPreviewConfig('preview.example.com', 40000);
    expect(conf).toContain('"~^pr-(?<tail>\\d{2})\\.preview\\.example\\.com$" 400$tail;');
    expect(conf).toContain('proxy_pass http://127.0.0.1:$slipway_preview_port;');
  });
});
