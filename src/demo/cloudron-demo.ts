import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localContext, runFlow } from '../core/run-flow.js';
import { cloudronFlow, cloudronSummary, type CloudronResult } from '../cloudron/index.js';
import type { Logger } from '../core/log.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { registerSecret } from '../core/secrets.js';
import { Summary } from '../core/summary.js';
import { buildImageFlow, pushImageFlow } from '../image/index.js';
import { makeStandinCertificates, startCloudronStandin } from './cloudron-standin.js';

export interface CloudronDemoOptions {
  /** The example app (examples/app): built once per version. */
  appDir: string;
  /** The sandbox's anonymous registry (host:port): Cloudron pulls without credentials. */
  registry: string;
}

export interface CloudronDemoReport { ok: boolean; detail: string; summary: Summary }

/**
 * Seed 001 on the Cloudron stand-in, as the demo shows it: build and push
 * 0.1.0, install it at staging, update to 0.1.1, push a 0.1.2 whose health
 * says it fails (rolled back by restoring Cloudron's pre-update backup), move
 * the validated install to the apex, and restore the older backup in mode
 * rollback. The token is registered as a secret, so no line shows it.
 */
export async function demoCloudron(log: Logger, options: CloudronDemoOptions): Promise<CloudronDemoReport> {
  const runner = new ProcessRunner(log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-demo-cloudron-'));
  const app = path.join(work, 'app');
  fs.cpSync(options.appDir, app, { recursive: true });
  const token = `demo-${crypto.randomBytes(18).toString('hex')}`;
  registerSecret(token);
  const domain = 'demo-cloudron.test';
  const certificates = await makeStandinCertificates(runner, domain, work);
  const standin = await startCloudronStandin({ token, domain, tls: { key: certificates.key, cert: certificates.cert }, containerPrefix: 'slipway-demo-cloudron',
    runner });
  const image = `${options.registry}/demo/cloudron-app`;
  const context = { ...localContext(log), workDir: app };
  const summary = new Summary().heading('Cloudron target (stand-in: docs/cloudron.md says what it proves)');
  const results: CloudronResult[] = [];
  const manifest = (version: string) => fs.writeFileSync(path.join(app, 'CloudronManifest.json'), `${JSON.stringify({
    id: 'org.example.slipwaydemo', version, healthCheckPath: '/api/health', httpPort: 8080, manifestVersion: 2,
  }, null, 2)}\n`);
  const release = async (version: string, broken = false): Promise<string> => {
    manifest(version);
    if (broken) {
      // The same app, with a health document that says it fails (HTTP 200 still: Cloudron calls it healthy, the smoke test does not).
      fs.writeFileSync(path.join(app, 'start.sh'), fs.readFileSync(path.join(options.appDir, 'start.sh'), 'utf8').replace('"ok":true,"status":"pass"',
        '"ok":false,"status":"fail"'));
    }
    await runFlow(buildImageFlow, { image, context: app, tags: version, 'build-args': `APP_VERSION=${version}`, version }, context);
    await runFlow(pushImageFlow, { tags: `${image}:${version}`, 'verify-anonymous-pull': 'true' }, context);
    fs.copyFileSync(path.join(options.appDir, 'start.sh'), path.join(app, 'start.sh'));
    return `${image}:${version}`;
  };
  const deploy = async (values: Record<string, string>): Promise<CloudronResult> => {
    const run = await runFlow(cloudronFlow, {
      'cloudron-origin': standin.origin, 'cloudron-token': token, 'ca-cert': certificates.caPath, 'connect-to': `127.0.0.1:${standin.port}`,
      'cloudron-version-path': 'version', 'cloudron-poll-interval': '200ms', 'health-timeout': '20s', ...values,
    }, context);
    results.push(run.result);
    summary.append(cloudronSummary(run.result));
    return run.result;
  };
  try {
    await deploy({ mode: 'install', 'cloudron-location': `staging.${domain}`, image: await release('0.1.0') });
    await deploy({ mode: 'update', 'cloudron-app': `staging.${domain}`, image: await release('0.1.1') });
    const red = await deploy({ mode: 'update', 'cloudron-app': `staging.${domain}`, image: await release('0.1.2', true), 'health-timeout': '8s' });
    const moved = await deploy({ mode: 'move', 'cloudron-app': `staging.${domain}`, 'cloudron-location': domain });
    const restored = await deploy({ mode: 'rollback', 'cloudron-app': domain });
    const ok = results.filter((result) => result !== red).every((result) => !result.failure) && red.rolledBack && red.version === '0.1.1';
    return {
      ok, summary,
      detail: `staging 0.1.0 → 0.1.1; 0.1.2 red, restored to ${red.version}; moved to ${moved.fqdn}; rollback restored ${restored.version}`,
    };
  } finally {
    await standin.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
