/**
 * A stand-in for a Cloudron server: only the REST endpoints Slipway calls,
 * with request and response shapes from Cloudron's published API reference
 * (docs.cloudron.io/api, the OpenAPI "Cloudron API 1.0.0"; routes under
 * /api/v1):
 *   GET  /profile                        → { id, username, email, role }
 *   GET  /domains                        → { domains: [{ domain, provider, … }] }
 *   GET  /apps                           → { apps: [app] }
 *   GET  /apps/:id                       → app (not wrapped)
 *   POST /apps                           { manifest, subdomain, domain, accessRestriction } → 202 { id, taskId }
 *   POST /apps/:id/update                { manifest, skipBackup, force? } → 202 { taskId }
 *   POST /apps/:id/configure/location    { subdomain, domain, aliasDomains, redirectDomains } → 202 { taskId }
 *   GET  /apps/:id/backups               → { backups: [{ id, creationTime, packageVersion, type, state }] }
 *   POST /apps/:id/restore               { backupId } → 202 { taskId }
 *   GET  /tasks/:id                      → { id, type, percent, message, active, pending, success, error }
 * Errors are `{ status, message }` with 400/401/403/404/409, as the reference lists them.
 * The wording of error messages is the stand-in's own (the reference gives the
 * codes, not the texts).
 *
 * It behaves as a Cloudron does where Slipway depends on it: HTTPS with a
 * certificate from a test CA; tokens only as `Authorization: Bearer`
 * (`?access_token=` is accepted, as Cloudron does, and recorded so a test can
 * prove Slipway never used it); every change is a task that takes time and
 * reports percent and message; an update takes a backup of the app first;
 * an update whose version does not increase is refused; images are pulled
 * anonymously (a private DOCKER_CONFIG with no login) for linux/amd64 and
 * really run (`docker run --network host`, the app on a port of its own);
 * Cloudron's health view comes from probing the manifest's healthCheckPath;
 * and the same listener serves every app's fqdn by Host/SNI as Cloudron's
 * nginx does, so a smoke test reaches the real container through it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Runner } from '../core/runner/process-runner.js';

export interface StandinManifest { id?: string; version: string; healthCheckPath?: string; dockerImage?: string; [key: string]: unknown }

interface StandinApp {
  id: string;
  subdomain: string;
  domain: string;
  manifest: StandinManifest;
  installationState: string;
  runState: string;
  health: string | null;
  error: { message: string } | null;
  taskId: string | null;
  container?: { name: string; port: number };
  /** An app the test placed (the legacy app at the apex): served by the stand-in itself, no container. */
  placed?: boolean;
}

interface StandinBackup { id: string; creationTime: string; packageVersion: string; type: 'app'; state: 'normal'; manifest: StandinManifest }

interface StandinTask {
  id: string; type: string; percent: number; message: string; active: boolean; pending: boolean; success: boolean;
  error: { message: string; code: string } | null; creationTime: string;
}

export interface RecordedRequest { method: string; path: string; query: string; authorization: 'bearer' | 'wrong' | 'none'; body?: unknown }

export interface StandinOptions {
  token: string;
  /** The Cloudron's one domain, e.g. h23.test (apps at <sub>.h23.test and the apex). */
  domain: string;
  /** Server key and certificate (SANs: 127.0.0.1, the domain and *.domain). */
  tls: { key: string; cert: string };
  /** Prefix of every container name (carries the helper tag). */
  containerPrefix: string;
  /** Runs docker (pull, run, rm). */
  runner: Runner;
  /** Pause between a task's steps. */
  stepMs?: number;
  role?: string;
}

export interface CloudronStandin {
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** The next task of this kind ends in an error with this message (Cloudron's "failing task"). */
  failNextTask(type: 'install' | 'update' | 'restore' | 'location', message: string): void;
  setRole(role: string): void;
  /** An app installed before Slipway came (the legacy app at the apex). */
  placeApp(fqdn: string, manifest: StandinManifest): string;
  /** What an admin does by hand before the cutover: remove an app (Slipway never uninstalls). */
  uninstall(fqdn: string): void;
  app(fqdn: string): (StandinApp & { fqdn: string }) | undefined;
  backups(appId: string): StandinBackup[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes through Slipway's runner: argument arrays, never a shell string. */
async function run(runner: Runner, file: string, args: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runner.run({ file, args, env }, { allowFailure: true, timeoutMs: 5 * 60_000 });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
const fail = (response: http.ServerResponse, status: number, message: string) => send(response, status, { status: STATUS_TEXT[status] ?? 'Error', message });

function newerThan(a: string, b: string): boolean {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) if ((x[index] ?? 0) !== (y[index] ?? 0)) return (x[index] ?? 0) > (y[index] ?? 0);
  return false;
}

export async function startCloudronStandin(options: StandinOptions): Promise<CloudronStandin> {
  const stepMs = options.stepMs ?? 150;
  let role = options.role ?? 'admin';
  const apps = new Map<string, StandinApp>();
  const backups = new Map<string, StandinBackup[]>();
  const tasks = new Map<string, StandinTask>();
  const failures = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const monitors = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let taskCounter = 0;
  let containerCounter = 0;
  let closed = false;
  // Cloudron pulls without credentials: an empty Docker config, so no login of the runner is used.
  const anonymousConfig = fs.mkdtempSync(path.join(os.tmpdir(), `${options.containerPrefix}-standin-docker-`));
  fs.writeFileSync(path.join(anonymousConfig, 'config.json'), '{"auths":{}}\n');

  const fqdnOf = (app: StandinApp) => (app.subdomain ? `${app.subdomain}.${app.domain}` : app.domain);
  const appJson = (app: StandinApp) => ({
    id: app.id, subdomain: app.subdomain, domain: app.domain, fqdn: fqdnOf(app), manifest: app.manifest,
    installationState: app.installationState, runState: app.runState, health: app.health, error: app.error, taskId: app.taskId,
    accessRestriction: null, aliasDomains: [], redirectDomains: [], creationTime: new Date().toISOString(),
  });
  const byFqdn = (fqdn: string) => [...apps.values()].find((app) => fqdnOf(app) === fqdn);

  async function stopContainer(app: StandinApp): Promise<void> {
    if (!app.container) return;
    await run(options.runner, 'docker', ['rm', '--force', app.container.name]);
    app.container = undefined;
  }

  async function startContainer(app: StandinApp, image: string): Promise<void> {
    const pulled = await run(options.runner, 'docker', ['pull', '--platform', 'linux/amd64', '--', image], { DOCKER_CONFIG: anonymousConfig });
    if (pulled.code !== 0) throw new Error(`Unable to pull image ${image}: ${pulled.stderr.trim().split('\n').pop() ?? ''}`);
    const port = await freePort();
    containerCounter += 1;
    const name = `${options.containerPrefix}-${app.id.slice(0, 8)}-${containerCounter}`;
    const started = await run(options.runner, 'docker', ['run', '--detach', '--name', name, '--network', 'host', '--env', `PORT=${port}`, '--env',
      'BIND=127.0.0.1', '--', image]);
    if (started.code !== 0) throw new Error(`Error starting container: ${started.stderr.trim().split('\n').pop() ?? ''}`);
    app.container = { name, port };
  }

  /** Cloudron's health view: the manifest's healthCheckPath answers 2xx. */
  function monitor(app: StandinApp): void {
    const timer = setInterval(() => {
      if (!app.container || app.installationState !== 'installed') return;
      const request = http.get({ host: '127.0.0.1', port: app.container.port, path: app.manifest.healthCheckPath ?? '/', timeout: 1000, agent: false },
        (response) => {
        response.resume();
        app.health = (response.statusCode ?? 500) < 300 ? 'healthy' : 'unhealthy';
      });
      request.on('error', () => { app.health = 'unhealthy'; });
      request.on('timeout', () => request.destroy());
    }, 200);
    monitors.add(timer);
  }

  function startTask(type: string, app: StandinApp, pendingState: string, steps: Array<{ message: string; run?: () => Promise<void> }>): string {
    taskCounter += 1;
    const task: StandinTask = {
      id: String(taskCounter), type, percent: 0, message: 'Queued', active: false, pending: true, success: false, error: null,
        creationTime: new Date().toISOString(),
    };
    tasks.set(task.id, task);
    app.installationState = pendingState;
    app.taskId = task.id;
    app.error = null;
    const work = (async () => {
      await sleep(stepMs);
      task.pending = false;
      task.active = true;
      try {
        for (const [index, step] of steps.entries()) {
          if (closed) throw new Error('stand-in closed');
          task.message = step.message;
          task.percent = Math.round((index / steps.length) * 100);
          await sleep(stepMs);
          await step.run?.();
        }
        const failure = failures.get(type);
        if (failure !== undefined) {
          failures.delete(type);
          throw new Error(failure);
        }
        task.percent = 100;
        task.message = 'Done';
        task.success = true;
        app.installationState = 'installed';
      } catch (error) {
        task.error = { message: (error as Error).message, code: 'External Error' };
        app.installationState = 'error';
        app.error = { message: (error as Error).message };
      } finally {
        task.active = false;
        app.taskId = null;
      }
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
    return task.id;
  }

  async function readBody(request: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : {};
  }

  async function api(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const header = request.headers.authorization ?? '';
    const queryToken = url.searchParams.get('access_token');
    const presented = /^Bearer (.+)$/.exec(header)?.[1] ?? queryToken ?? undefined;
    const record: RecordedRequest = {
      method: request.method ?? '', path: url.pathname, query: url.search,
      authorization: presented === undefined ? 'none' : presented === options.token ? 'bearer' : 'wrong',
    };
    requests.push(record);
    if (presented !== options.token) return fail(response, 401, 'Invalid token');
    const body = request.method === 'POST' ? await readBody(request) as Record<string, unknown> : undefined;
    record.body = body;
    const route = url.pathname.replace(/^\/api\/v1/, '');
    const parts = route.split('/').filter(Boolean);
    const get = request.method === 'GET';
    if (get && route === '/profile') return send(response, 200, { id: 'uid-deployer', username: 'deployer', email: 'deployer@example.com',
      displayName: 'Deployer', role });
    if (get && route === '/domains') return send(response, 200, { domains: [{ domain: options.domain, zoneName: options.domain, provider: 'manual',
      config: {} }] });
    if (get && route === '/apps') return send(response, 200, { apps: [...apps.values()].map(appJson) });
    if (get && parts[0] === 'tasks' && parts.length === 2) {
      const task = tasks.get(parts[1] ?? '');
      return task ? send(response, 200, task) : fail(response, 404, 'No such task');
    }
    if (parts[0] !== 'apps') return fail(response, 404, `No route ${request.method} ${url.pathname}`);
    if (!get && !['admin', 'owner'].includes(role)) return fail(response, 403, 'Not allowed: admin role required');

    if (request.method === 'POST' && parts.length === 1) return install(response, body ?? {});
    const app = apps.get(parts[1] ?? '');
    if (!app) return fail(response, 404, 'No such app');
    if (get && parts.length === 2) return send(response, 200, appJson(app));
    if (get && parts[2] === 'backups') return send(response, 200, { backups: [...(backups.get(app.id) ?? [])].reverse().map(({ manifest: _manifest,
      ...rest }) => rest) });
    if (request.method !== 'POST') return fail(response, 404, `No route ${request.method} ${url.pathname}`);
    if (app.taskId) return fail(response, 409, `App is busy with task ${app.taskId}`);
    if (parts[2] === 'update') return update(response, app, body ?? {});
    if (parts[2] === 'restore') return restore(response, app, body ?? {});
    if (parts[2] === 'configure' && parts[3] === 'location') return relocate(response, app, body ?? {});
    return fail(response, 404, `No route POST ${url.pathname}`);
  }

  function checkManifest(response: http.ServerResponse, manifest: unknown): manifest is StandinManifest {
    const value = manifest as StandinManifest | undefined;
    if (!value || typeof value !== 'object' || typeof value.version !== 'string') { fail(response, 400,
      'manifest must be an object with a version'); return false; }
    if (typeof value.dockerImage !== 'string' || !value.dockerImage) { fail(response, 400, 'manifest.dockerImage is required'); return false; }
    return true;
  }

  function install(response: http.ServerResponse, body: Record<string, unknown>): void {
    if (!checkManifest(response, body.manifest)) return;
    const subdomain = body.subdomain;
    if (typeof subdomain !== 'string' || body.domain !== options.domain) return fail(response, 400,
      'subdomain must be a string and domain one of the Cloudron domains');
    if (!('accessRestriction' in body)) return fail(response, 400, 'accessRestriction is required');
    const fqdn = subdomain ? `${subdomain}.${options.domain}` : options.domain;
    if (byFqdn(fqdn)) return fail(response, 409, `Location ${fqdn} is already in use`);
    const manifest = body.manifest as StandinManifest;
    const app: StandinApp = {
      id: crypto.randomUUID(), subdomain, domain: options.domain, manifest, installationState: 'pending_install', runState: 'running', health: null,
        error: null, taskId: null,
    };
    apps.set(app.id, app);
    monitor(app);
    const taskId = startTask('install', app, 'pending_install', [
      { message: 'Registering subdomains' },
      { message: `Downloading image ${manifest.dockerImage}`, run: () => startContainer(app, manifest.dockerImage!) },
      { message: 'Setting up addons' },
      { message: 'Waiting for app to start' },
    ]);
    send(response, 202, { id: app.id, taskId });
  }

  function update(response: http.ServerResponse, app: StandinApp, body: Record<string, unknown>): void {
    if (!checkManifest(response, body.manifest)) return;
    const manifest = body.manifest as StandinManifest;
    if (!newerThan(manifest.version, app.manifest.version) && body.force !== true) {
      return fail(response, 400, `Downgrades are not permitted: version ${manifest.version} is not above the installed ${app.manifest.version}`);
    }
    const taskId = startTask('update', app, 'pending_update', [
      {
        message: 'Backing up app',
        run: async () => {
          if (body.skipBackup === true) return;
          const list = backups.get(app.id) ?? [];
          list.push({
            id: `app_${app.id}_${new Date().toISOString().replace(/[-:.]/g, '')}_v${app.manifest.version}`, creationTime: new Date().toISOString(),
            packageVersion: app.manifest.version, type: 'app', state: 'normal', manifest: app.manifest,
          });
          backups.set(app.id, list);
        },
      },
      { message: `Downloading image ${manifest.dockerImage}` },
      {
        message: 'Updating app',
        run: async () => {
          await stopContainer(app);
          app.health = null;
          app.manifest = manifest;
          await startContainer(app, manifest.dockerImage!);
        },
      },
      { message: 'Waiting for app to start' },
    ]);
    send(response, 202, { taskId });
  }

  function restore(response: http.ServerResponse, app: StandinApp, body: Record<string, unknown>): void {
    const backup = (backups.get(app.id) ?? []).find((candidate) => candidate.id === body.backupId);
    if (!backup) return fail(response, 404, 'No such backup');
    const taskId = startTask('restore', app, 'pending_restore', [
      { message: `Downloading backup ${backup.id}` },
      {
        message: 'Restoring app',
        run: async () => {
          await stopContainer(app);
          app.health = null;
          app.manifest = backup.manifest;
          await startContainer(app, backup.manifest.dockerImage!);
        },
      },
      { message: 'Waiting for app to start' },
    ]);
    send(response, 202, { taskId });
  }

  function relocate(response: http.ServerResponse, app: StandinApp, body: Record<string, unknown>): void {
    if (typeof body.subdomain !== 'string' || body.domain !== options.domain) return fail(response, 400,
      'subdomain must be a string and domain one of the Cloudron domains');
    if (!Array.isArray(body.aliasDomains) || !Array.isArray(body.redirectDomains)) return fail(response, 400,
      'aliasDomains and redirectDomains must be arrays');
    const fqdn = body.subdomain ? `${body.subdomain}.${options.domain}` : options.domain;
    const taken = byFqdn(fqdn);
    if (taken && taken !== app) return fail(response, 409, `Location ${fqdn} is already in use`);
    const subdomain = body.subdomain;
    const taskId = startTask('location', app, 'pending_location_change', [
      { message: 'Registering subdomains' },
      { message: 'Configuring reverse proxy', run: async () => { app.subdomain = subdomain; } },
    ]);
    send(response, 202, { taskId });
  }

  /** Cloudron's nginx: the Host names an app; the request goes to its container. */
  function serveApp(request: http.IncomingMessage, response: http.ServerResponse, host: string): void {
    const app = byFqdn(host);
    if (app?.placed) return send(response, 200, { ok: true, legacy: true, version: app.manifest.version });
    if (!app?.container) {
      response.writeHead(app ? 503 : 404, { 'content-type': 'text/plain' });
      response.end(app ? 'App is not running' : 'No app is installed at this location');
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: app.container.port, method: request.method, path: request.url, headers: request.headers,
      agent: false }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('Bad Gateway');
    });
    request.pipe(upstream);
  }

  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(request.url ?? '/', 'https://standin');
    if (host === '127.0.0.1' || host === `my.${options.domain}`) {
      api(request, response, url).catch((error: Error) => { if (!response.headersSent) fail(response, 400, error.message); });
    } else {
      serveApp(request, response, host);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    requests,
    failNextTask: (type, message) => { failures.set(type, message); },
    setRole: (next) => { role = next; },
    placeApp: (fqdn, manifest) => {
      const subdomain = fqdn === options.domain ? '' : fqdn.slice(0, -options.domain.length - 1);
      const app: StandinApp = {
        id: crypto.randomUUID(), subdomain, domain: options.domain, manifest, installationState: 'installed', runState: 'running', health: 'healthy',
          error: null, taskId: null, placed: true,
      };
      apps.set(app.id, app);
      return app.id;
    },
    uninstall: (fqdn) => {
      const app = byFqdn(fqdn);
      if (app) apps.delete(app.id);
    },
    app: (fqdn) => {
      const app = byFqdn(fqdn);
      return app ? { ...app, fqdn } : undefined;
    },
    backups: (appId) => [...(backups.get(appId) ?? [])],
    close: async () => {
      closed = true;
      for (const timer of monitors) clearInterval(timer);
      await Promise.all([...running]);
      for (const app of apps.values()) await stopContainer(app);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(anonymousConfig, { recursive: true, force: true });
    },
  };
}

/** A throwaway CA and a certificate for 127.0.0.1, the domain and *.domain, made with the openssl CLI. */
export async function makeStandinCertificates(runner: Runner, domain: string,
  dir: string): Promise<{ caCert: string; caPath: string; key: string; cert: string }> {
  const openssl = async (args: string[]) => {
    const result = await run(runner, 'openssl', args);
    if (result.code !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr}`);
  };
  const at = (file: string) => path.join(dir, file);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.crt'), '-days', '2', '-subj', '/CN=Slipway Cloudron stand-in CA']);
  await openssl(['req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', `/CN=my.${domain}`]);
  fs.writeFileSync(at('ext.cnf'), `subjectAltName=IP:127.0.0.1,DNS:${domain},DNS:*.${domain}\nbasicConstraints=CA:FALSE\n`);
  await openssl(['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.crt'), '-days',
    '2', '-extfile', at('ext.cnf')]);
  const read = (file: string) => fs.readFileSync(at(file), 'utf8');
  return { caCert: read('ca.crt'), caPath: at('ca.crt'), key: read('server.key'), cert: read('server.crt') };
}
