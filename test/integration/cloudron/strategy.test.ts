import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { deployFlow, parseDeploySettings } from '../../../src/deploy/index.js';
import { pipelineFlow } from '../../../src/pipeline/flow.js';
import { planDeploy } from '../../../src/pipeline/plan.js';
import { startCloudronStandin, makeStandinCertificates, type CloudronStandin } from '../../support/cloudron-standin.js';
import { exampleAppRepo, removeImages, runFlowForTest, tempDir } from '../../support/flow-harness.js';
import { loadSandbox } from '../../support/sandbox.js';

/** `strategy: cloudron` through ssh-deploy's flow and the root pipeline, against the stand-in. */
const sandbox = loadSandbox();
const run = `h23s-${Date.now().toString(36)}`;
const domain = 'h23s.test';
const token = `cr-${crypto.randomBytes(18).toString('hex')}`;
const image = `${sandbox.registries.anonymous.address}/h23/strategy-${run}`;
let standin: CloudronStandin;
let caPath: string;
let repo: string;
const dirs: string[] = [];
const produced: string[] = [];

const writeManifest = (version: string) => fs.writeFileSync(path.join(repo, 'CloudronManifest.json'), JSON.stringify({
  id: 'org.example.h23strategy', version, healthCheckPath: '/api/health', httpPort: 8080, manifestVersion: 2,
}));
const cloudron = (extra: Record<string, string>) => ({
  strategy: 'cloudron', 'cloudron-origin': standin.origin, 'cloudron-token': token, 'ca-cert': caPath, 'connect-to': `127.0.0.1:${standin.port}`,
  'cloudron-version-path': 'version', 'cloudron-poll-interval': '100ms', ...extra,
});

beforeAll(async () => {
  const ca = tempDir('h23s-ca');
  dirs.push(ca);
  const certificates = await makeStandinCertificates(new ProcessRunner(new MemoryLogger()), domain, ca);
  caPath = certificates.caPath;
  standin = await startCloudronStandin({
    token, domain, tls: { key: certificates.key, cert: certificates.cert }, containerPrefix: `slipway-${run}`, stepMs: 80, runner: new ProcessRunner(new MemoryLogger()),
  });
  repo = exampleAppRepo('0.2.0');
  dirs.push(repo);
});

afterAll(async () => {
  await standin?.close();
  removeImages([`${image}:0.2.0`, `${image}:0.2.1`]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('strategy: cloudron in ssh-deploy and the root pipeline', () => {
  it('is refused without its origin, naming the input, and needs no SSH input or app-dir', async () => {
    await expect(runFlowForTest(deployFlow, { strategy: 'cloudron', 'cloudron-token': token, mode: 'rollback', 'cloudron-app': `a.${domain}` }))
      .rejects.toThrow(/cloudron-origin'?: is required.*my\.example\.com/s);
  });

  it('plans its requests in the dry run: no ssh, no lock, the token in no line', () => {
    writeManifest('0.2.0');
    const settings = parseDeploySettings(new Inputs(mapInputSource(cloudron({ mode: 'install', 'cloudron-location': `staging.${domain}`, image: `${image}:0.2.0` }))), repo);
    const plan = planDeploy(settings);
    expect(plan.hosts).toHaveLength(1);
    expect(plan.hosts[0]?.host).toBe(`cloudron 127.0.0.1:${standin.port}: staging.${domain}`);
    expect(plan.hosts[0]?.commands.join('\n')).toMatch(/POST \/apps \{manifest 0\.2\.0, dockerImage .*:0\.2\.0, location staging\.h23s\.test\}/);
    expect(plan.hosts[0]?.commands.join('\n')).not.toMatch(/ssh|lock/);
    expect(JSON.stringify(plan)).not.toContain(token);
  });

  it('the pipeline builds, pushes, checks the anonymous pull and installs at staging, the version from CloudronManifest.json', async () => {
    writeManifest('0.2.0');
    const { result, failure, log } = await runFlowForTest(pipelineFlow, {
      image, context: repo, 'build-args': 'APP_VERSION={version}', 'verify-anonymous-pull': 'true',
      ...cloudron({ mode: 'install', 'cloudron-location': `staging.${domain}` }),
    }, { workDir: repo });
    produced.push(log.text(), JSON.stringify(result));
    expect(failure).toBeUndefined();
    expect(result.outcome).toBe('deployed');
    expect(result.version).toBe('0.2.0');
    expect(result.steps.map((step) => `${step.step}:${step.status}`)).toEqual(['build-image:ok', 'push-image:ok', 'ssh-deploy:ok', 'smoke-test:skipped']);
    expect(result.deploy?.hosts[0]).toMatchObject({ host: `cloudron staging.${domain}`, status: 'deployed', version: '0.2.0' });
    expect(standin.app(`staging.${domain}`)?.manifest.dockerImage).toMatch(new RegExp(`^${image}@sha256:`));
  });

  it('the pipeline updates it, and ssh-deploy rolls it back by restore, reporting the Cloudron app as its one host with Cloudron\'s account in the summary', async () => {
    writeManifest('0.2.1');
    const build = await runFlowForTest(pipelineFlow, { image, context: repo, 'build-args': 'APP_VERSION={version}', 'dry-run': 'false', ...cloudron({ mode: 'update', 'cloudron-app': `staging.${domain}` }) }, { workDir: repo });
    produced.push(build.log.text());
    expect(build.result.outcome).toBe('deployed');
    const { result, outputs, failure, log } = await runFlowForTest(deployFlow, cloudron({ mode: 'rollback', 'cloudron-app': `staging.${domain}` }), { workDir: repo });
    produced.push(log.text(), JSON.stringify(outputs), renderMarkdown(deployFlow.summary(result)));
    expect(failure).toBeUndefined();
    expect(outputs).toMatchObject({ version: '0.2.0', 'previous-version': '0.2.1', 'rolled-back': 'true' });
    expect(JSON.parse(outputs.hosts ?? '[]')).toEqual([expect.objectContaining({ host: `cloudron staging.${domain}`, status: 'rolled-back' })]);
    expect(renderMarkdown(deployFlow.summary(result))).toMatch(/Cloudron rollback done: staging\.h23s\.test/);
  });

  it('holds the token in no log, output or summary', () => {
    expect(produced.join('\n')).not.toContain(token);
    expect(standin.requests.every((request) => request.query === '' && request.authorization === 'bearer')).toBe(true);
  });
});
