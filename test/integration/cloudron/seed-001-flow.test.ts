import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CloudronApi, CloudronClient, cloudronFlow, cloudronSummary } from '../../../src/cloudron/index.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner, type Runner } from '../../../src/core/runner/process-runner.js';
import { buildImageFlow } from '../../../src/image/build-flow.js';
import { pushImageFlow } from '../../../src/image/push-flow.js';
import { startCloudronStandin, makeStandinCertificates, type CloudronStandin } from '../../support/cloudron-standin.js';
import { docker, exampleAppRepo, removeImages, runFlowForTest, tempDir } from '../../support/flow-harness.js';
import { loadSandbox } from '../../support/sandbox.js';

/**
 * Seed 001 end to end against the Cloudron stand-in: bump check, build
 * linux/amd64, push, anonymous pull check, staging install, smoke, update,
 * a red update rolled back by restoring Cloudron's pre-update backup, the
 * move to the apex, and a rollback by restore; the token in no output.
 */
const sandbox = loadSandbox();
const anonymous = sandbox.registries.anonymous.address;
const run = `h23-${Date.now().toString(36)}`;
const domain = 'h23.test';
const token = `cr-${crypto.randomBytes(18).toString('hex')}`;
const image = `${anonymous}/h23/cloudron-${run}`;

let standin: CloudronStandin;
let caPath: string;
let repo: string;
const built: string[] = [];
const dirs: string[] = [];
const ownDir = (prefix: string): string => {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
};
/** Every text Slipway produced in this file: logs, outputs, summaries, errors. */
const produced: string[] = [];

function writeManifest(version: string): void {
  fs.writeFileSync(path.join(repo, 'CloudronManifest.json'), `${JSON.stringify({
    id: 'org.example.h23app', title: 'h23 app', version, healthCheckPath: '/api/health', httpPort: 8080, manifestVersion: 2,
    addons: { localstorage: {} },
  }, null, 2)}\n`);
}

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    'cloudron-origin': standin.origin, 'cloudron-token': token, 'ca-cert': caPath, 'connect-to': `127.0.0.1:${standin.port}`,
    'cloudron-version-path': 'version', 'cloudron-poll-interval': '100ms', 'health-timeout': '60s', ...extra,
  };
}

/** The Cloudron target starts no process: nothing could put the token on an argv. */
const processes: string[] = [];
const noProcesses: Runner = { run: async (spec) => { processes.push(spec.file); throw new Error(`the Cloudron target ran ${spec.file}`); } };

async function deploy(extra: Record<string, string>) {
  const outcome = await runFlowForTest(cloudronFlow, inputs(extra), { workDir: repo, runner: noProcesses });
  produced.push(outcome.log.text(), JSON.stringify(outcome.outputs), renderMarkdown(cloudronSummary(outcome.result)), outcome.failure ?? '');
  return outcome;
}

async function rejection(extra: Record<string, string>): Promise<string> {
  try {
    await deploy(extra);
  } catch (error) {
    const message = (error as Error).message;
    produced.push(message);
    return message;
  }
  throw new Error('expected the Cloudron run to fail');
}

/** Build with build-image (the seed's one linux/amd64 build) and push with push-image, anonymous read-back on. */
async function release(version: string): Promise<string> {
  writeManifest(version);
  const build = await runFlowForTest(buildImageFlow, { image, context: repo, tags: version, 'build-args': `APP_VERSION=${version}`, version });
  built.push(...build.result.tags);
  const push = await runFlowForTest(pushImageFlow, { tags: `${image}:${version}`, 'verify-anonymous-pull': 'true' });
  expect(push.result.verified).toContain('anonymously: linux/amd64');
  return `${image}:${version}`;
}

/** An image whose health document says it fails (ok:false, status fail) with HTTP 200: Cloudron calls it healthy, the smoke test does not. */
function brokenRelease(version: string, from: string): string {
  const dir = ownDir('h23-broken');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${from}\nENV APP_VERSION=${version}\nRUN sed -i 's/"ok":true,"status":"pass"/"ok":false,"status":"fail"/' /app/start.sh\n`);
  const reference = `${image}:${version}`;
  docker('build', '--network', 'host', '--quiet', '--tag', reference, dir);
  docker('push', reference);
  built.push(reference);
  return reference;
}

function retag(from: string, version: string): string {
  const dir = ownDir('h23-retag');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${from}\nENV APP_VERSION=${version}\n`);
  const reference = `${image}:${version}`;
  docker('build', '--network', 'host', '--quiet', '--tag', reference, dir);
  docker('push', reference);
  built.push(reference);
  return reference;
}

const changes = () => standin.requests.filter((request) => request.method === 'POST');

beforeAll(async () => {
  const runner = new ProcessRunner(new MemoryLogger());
  const certificates = await makeStandinCertificates(runner, domain, ownDir('h23-cloudron-ca'));
  caPath = certificates.caPath;
  standin = await startCloudronStandin({ token, domain, tls: { key: certificates.key, cert: certificates.cert }, containerPrefix: `slipway-${run}`, stepMs: 100, runner });
  repo = exampleAppRepo('0.1.0');
  dirs.push(repo);
});

afterAll(async () => {
  await standin?.close();
  removeImages(built);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Cloudron target: the seed 001 release flow against the stand-in', () => {
  let v010: string;
  let v011: string;

  it('refuses a manifest whose version is not the image tag before any request, naming both', async () => {
    v010 = await release('0.1.0');
    writeManifest('0.0.9');
    const before = standin.requests.length;
    const message = await rejection({ mode: 'install', 'cloudron-location': `staging.${domain}`, image: v010 });
    expect(message).toMatch(/cloudron-manifest.*has version 0\.0\.9 but the image tag is 0\.1\.0.*Bump "version"/s);
    expect(standin.requests.length).toBe(before);
    writeManifest('0.1.0');
  });

  it('installs the image side by side at staging, waits for the task and Cloudron health, and smoke-tests it over HTTPS with the test CA', async () => {
    const { result, outputs, failure, log } = await deploy({ mode: 'install', 'cloudron-location': `staging.${domain}`, image: v010 });
    expect(failure).toBeUndefined();
    expect(result.smoke?.passed).toBe(true);
    expect(result.smoke?.versionSeen).toBe('0.1.0');
    expect(outputs).toMatchObject({ version: '0.1.0', url: `https://staging.${domain}/api/health`, 'rolled-back': 'false' });
    // Progress as Cloudron reported it, step by step.
    expect(log.text()).toMatch(/install at staging\.h23\.test \(task \d+\): \d+% Downloading image/);
    expect(log.text()).toMatch(/pulls anonymously for linux\/amd64/);
    expect(standin.app(`staging.${domain}`)?.manifest.dockerImage).toBe(v010);
  });

  it('refuses an update whose manifest version does not increase, saying both versions, before any change', async () => {
    const posts = changes().length;
    const message = await rejection({ 'cloudron-app': `staging.${domain}`, image: v010 });
    expect(message).toMatch(/version 0\.1\.0 is not greater than 0\.1\.0, the version staging\.h23\.test runs/);
    expect(changes().length).toBe(posts);
  });

  it('updates to the new image; Cloudron backs the app up first and the run reports that backup', async () => {
    v011 = await release('0.1.1');
    const { result, failure } = await deploy({ mode: 'update', 'cloudron-app': `staging.${domain}`, image: v011 });
    expect(failure).toBeUndefined();
    expect(result).toMatchObject({ version: '0.1.1', previousVersion: '0.1.0', rolledBack: false });
    const app = standin.app(`staging.${domain}`)!;
    expect(standin.backups(app.id).map((backup) => backup.packageVersion)).toEqual(['0.1.0']);
    expect(result.backupId).toBe(standin.backups(app.id)[0]?.id);
  });

  it('rolls a red smoke back by restoring the backup Cloudron took before this update', async () => {
    writeManifest('0.1.2');
    const broken = brokenRelease('0.1.2', v011);
    const { result, failure, outputs } = await deploy({ 'cloudron-app': `staging.${domain}`, image: broken, 'health-timeout': '8s' });
    expect(failure).toMatch(/Smoke test of staging\.h23\.test at 0\.1\.2 failed.*rolled back to 0\.1\.1, which passes the smoke test/s);
    expect(outputs).toMatchObject({ version: '0.1.1', 'previous-version': '0.1.1', 'rolled-back': 'true' });
    const app = standin.app(`staging.${domain}`)!;
    const backups = standin.backups(app.id);
    // The restored one is the backup of 0.1.1 made by this run's update, not the older 0.1.0 one.
    expect(result.backupId).toBe(backups.find((backup) => backup.packageVersion === '0.1.1')?.id);
    expect(app.manifest.version).toBe('0.1.1');
    expect(result.smoke?.versionSeen).toBe('0.1.1');
  });

  it('fails with Cloudron\'s own task error and restores the pre-update backup when the update task fails', async () => {
    writeManifest('0.1.3');
    const next = retag(v011, '0.1.3');
    standin.failNextTask('update', `Could not start container: port 8080 busy (token ${token})`);
    const { result, failure } = await deploy({ 'cloudron-app': `staging.${domain}`, image: next });
    expect(failure).toMatch(/task \d+ \(update staging\.h23\.test to 0\.1\.3\) failed: Could not start container: port 8080 busy \(token \*\*\*\)/);
    expect(failure).toMatch(/rolled back to 0\.1\.1/);
    expect(result.rolledBack).toBe(true);
    expect(standin.app(`staging.${domain}`)?.manifest.version).toBe('0.1.1');
  });

  it('passes on Cloudron\'s own refusal of a downgrade, as its text', async () => {
    const api = new CloudronApi(new CloudronClient({ origin: new URL(standin.origin), token, ca: [fs.readFileSync(caPath, 'utf8')], requestTimeoutMs: 10_000 }));
    const app = standin.app(`staging.${domain}`)!;
    await expect(api.update(app.id, { manifest: { version: '0.0.1', dockerImage: v010 }, skipBackup: false }))
      .rejects.toThrow(/HTTP 400 to POST \/api\/v1\/apps\/.+\/update: Downgrades are not permitted: version 0\.0\.1 is not above the installed 0\.1\.1/);
  });

  it('moves the validated install to the apex only once the legacy app is gone, and smoke-tests the apex', async () => {
    const legacy = standin.placeApp(domain, { id: 'lamp.cloudronapp.php74', version: '5.1.2' });
    const posts = changes().length;
    const taken = await rejection({ mode: 'move', 'cloudron-app': `staging.${domain}`, 'cloudron-location': domain });
    expect(taken).toMatch(new RegExp(`h23\\.test is taken by app ${legacy} \\(lamp\\.cloudronapp\\.php74 5\\.1\\.2\\).*uninstall it in the dashboard first`, 's'));
    expect(changes().length).toBe(posts);
    standin.uninstall(domain);
    const { result, failure } = await deploy({ mode: 'move', 'cloudron-app': `staging.${domain}`, 'cloudron-location': domain });
    expect(failure).toBeUndefined();
    expect(result).toMatchObject({ fqdn: domain, url: `https://${domain}/api/health`, version: '0.1.1' });
    expect(standin.app(`staging.${domain}`)).toBeUndefined();
  });

  it('rolls back by restore in mode rollback: the newest backup below the running version', async () => {
    const { result, failure } = await deploy({ mode: 'rollback', 'cloudron-app': domain });
    expect(failure).toBeUndefined();
    expect(result).toMatchObject({ version: '0.1.0', previousVersion: '0.1.1', rolledBack: true });
    expect(result.smoke?.versionSeen).toBe('0.1.0');
  });

  it('says a wrong token is refused, with the fix, after one read and no change', async () => {
    const posts = changes().length;
    const message = await rejection({ 'cloudron-token': 'wrong-token-value-1234', 'cloudron-app': domain, mode: 'rollback' });
    expect(message).toMatch(/HTTP 401 to GET \/api\/v1\/profile: Invalid token.*Profile → API Tokens.*cloudron-token/s);
    expect(message).not.toContain('wrong-token-value-1234');
    expect(changes().length).toBe(posts);
  });

  it('says a token that may not manage apps cannot, before any change', async () => {
    standin.setRole('user');
    try {
      const message = await rejection({ mode: 'rollback', 'cloudron-app': domain });
      expect(message).toMatch(/token of deployer \(role user\) may not manage h23\.test/);
    } finally {
      standin.setRole('admin');
    }
  });

  it('refuses an image that does not pull anonymously (a private package) before any change', async () => {
    const privateImage = `${sandbox.registries.auth.address}/h23/private-${run}:0.1.4`;
    writeManifest('0.1.4');
    const posts = changes().length;
    const message = await rejection({ 'cloudron-app': domain, image: privateImage });
    expect(message).toMatch(/anonymously answered HTTP 401.*Make the package public/s);
    expect(changes().length).toBe(posts);
  });

  it("says a dashboard certificate it cannot verify needs ca-cert, before any change", async () => {
    const posts = changes().length;
    const message = await rejection({ 'ca-cert': '', mode: 'rollback', 'cloudron-app': domain });
    expect(message).toMatch(/TLS verification failed \(\w+\) on GET \/api\/v1\/profile.*input 'ca-cert'/s);
    expect(changes().length).toBe(posts);
  });

  it('sent the token only as a bearer header, started no process, and no output, log, summary or error holds it', () => {
    expect(processes).toEqual([]);
    expect(standin.requests.length).toBeGreaterThan(20);
    expect(standin.requests.every((request) => request.query === '')).toBe(true);
    expect(standin.requests.filter((request) => request.authorization !== 'bearer').map((request) => request.path)).toEqual(['/api/v1/profile']);
    const everything = produced.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(3, 20));
  });
});
