import { parse } from 'yaml';
import { buildStackOverride, monitorWindowMs, readCompose } from '../../../src/swarm/compose.js';
import { formatGoDuration, parseGoDuration } from '../../../src/swarm/duration.js';

const DIGEST = 'sha256:' + 'b'.repeat(64);

const stack = `
version: "3.8"
services:
  web:
    image: registry.example:5000/shop/web:1.2
    healthcheck: { test: ["CMD", "true"], interval: 2s, timeout: 1s, retries: 5, start_period: 3s }
    networks: [hostnet]
    secrets: [db_password]
  worker:
    image: registry.example:5000/shop/worker:1.2
    deploy:
      update_config: { order: stop-first, monitor: 30s }
networks:
  hostnet: { external: true, name: host }
secrets:
  db_password: { external: true }
`;

describe('compose file analysis', () => {
  const compose = readCompose(stack, 'docker-compose.yml');

  it('reads services, health checks and the host network', () => {
    const web = compose.services.find((s) => s.name === 'web');
    expect(web?.healthcheck).toEqual({ intervalMs: 2000, timeoutMs: 1000, retries: 5, startPeriodMs: 3000 });
    expect(web?.onHostNetwork).toBe(true);
    expect(compose.services.find((s) => s.name === 'worker')?.onHostNetwork).toBe(false);
    expect(compose.version).toBe('3.8');
  });

  it('sizes the monitor window to outlast the health check verdict', () => {
    const web = compose.services.find((s) => s.name === 'web');
    // start 3 s + 2 s × 5 + timeout 1 s
    expect(monitorWindowMs(web!)).toBe(14_000);
    const worker = compose.services.find((s) => s.name === 'worker');
    expect(monitorWindowMs(worker!)).toBe(10_000);
  });

  it('fills only what the file leaves out, and says so', () => {
    const override = buildStackOverride(compose, { parallelism: 2, image: `registry.example:5000/shop/web@${DIGEST}` });
    const document = parse(override.text);
    expect(document.services.web.deploy.update_config).toEqual({ order: 'stop-first', failure_action: 'rollback', monitor: '14s', parallelism: 2 });
    // The worker's own order and monitor stay the user's.
    expect(document.services.worker.deploy.update_config).toEqual({ failure_action: 'rollback', parallelism: 2 });
    expect(document.services.web.image).toBe(`registry.example:5000/shop/web@${DIGEST}`);
    expect(document.services.worker.image).toBeUndefined();
    expect(override.pinned).toEqual(['web']);
    expect(override.filled.filter((f) => f.service === 'worker').map((f) => f.setting)).not.toContain('update_config.order');
    expect(override.text).toMatch(/^# Written by Slipway/);
    expect(override.text).toContain('web: update_config.monitor=14s');
  });

  it('uses start-first off the host network', () => {
    const plain = readCompose('services:\n  api:\n    image: api:1\n', 'c.yml');
    const document = parse(buildStackOverride(plain, { parallelism: 1 }).text);
    expect(document.services.api.deploy.update_config.order).toBe('start-first');
    expect(document.services.api.deploy.rollback_config).toEqual({ order: 'start-first', parallelism: 1 });
    expect(document.version).toBeUndefined();
  });

  it('points secrets at their docker secrets and adds the env file', () => {
    const document = parse(buildStackOverride(compose, { parallelism: 1, envFile: '/tmp/s/slipway.env', secretNames: { db_password: 'shop_db_password_0123456789ab' } }).text);
    expect(document.secrets).toEqual({ db_password: { external: true, name: 'shop_db_password_0123456789ab' } });
    expect(document.services.web.env_file).toEqual(['/tmp/s/slipway.env']);
  });

  it.each([
    ['not YAML', 'services: [', /c\.yml: is not valid YAML/],
    ['no services', 'version: "3"\n', /c\.yml: has no services/],
    ['a bad health check interval', 'services:\n  web:\n    image: x\n    healthcheck: { interval: soon }\n', /c\.yml: services\.web\.healthcheck\.interval: is not a duration \(found 'soon'/],
  ])('rejects %s, naming the file and where', (_name, text, message) => {
    expect(() => readCompose(text, 'c.yml')).toThrow(message);
  });
});

describe('Go durations', () => {
  it.each([['1m30s', 90_000], ['500ms', 500], ['2h', 7_200_000], ['1.5s', 1500], ['0', 0], ['soon', undefined], ['10', undefined]])('%s → %s ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
  it('engine nanoseconds', () => expect(parseGoDuration(5_000_000_000)).toBe(5000));
  it.each([[5000, '5s'], [1500, '1500ms']])('formats %s ms as %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));
});
