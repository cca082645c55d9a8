import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/log.js';
import { localContext, runFlow } from '../core/run-flow.js';
import { renderText } from '../core/summary.js';
import { previewFlow } from '../preview/flow.js';
import { openSshSession, parseSshInputs } from '../ssh/index.js';
import { Inputs, mapInputSource } from '../core/config/inputs.js';

export interface PreviewDemoOptions {
  host: { address: string; port: number; baseDir: string };
  user: string;
  privateKeyPath: string;
  knownHostsPath: string;
  /** Where examples/app and examples/preview are (the repository root by default). */
  examplesDir?: string;
}

const APP = 'demo-preview';
const PORT_BASE = 44000;
const PRS = [101, 102];

/**
 * Two pull-request previews of the example app side by side on one host (own
 * compose project, env with host-made secrets, volume and port each), listed,
 * then one closed. No forge: nothing is announced. The other is removed at the
 * end so the sandbox keeps nothing.
 */
export async function demoPreview(log: Logger, options: PreviewDemoOptions): Promise<{ detail: string }> {
  const examples = options.examplesDir ?? 'examples';
  const context = localContext(log);
  const version = 'pr-demo';
  const image = `slipway-demo-preview:${version}`;
  await context.runner.run({ file: 'docker', args: ['build', '--network', 'host', '-q', '--build-arg', `APP_VERSION=${version}`, '-t', image, path.join(examples, 'app')] });
  const ssh = { host: `${options.host.address}:${options.host.port}`, user: options.user, 'private-key': options.privateKeyPath, 'known-hosts': options.knownHostsPath };
  const appDir = `${options.host.baseDir}/${APP}`;
  await prepareAppDir(log, ssh, appDir, examples);
  const run = async (command: string, pr?: number) => (await runFlow(previewFlow, {
    ...ssh, command, app: APP, 'app-dir': appDir, 'env-template': 'preview.env.template', 'port-base': String(PORT_BASE), domain: 'preview.localhost',
    'health-timeout': '60s', announce: 'false', ...(pr ? { pr: String(pr), image } : {}),
  }, localContext(log))).result;
  const up: number[] = [];
  let removed = false;
  try {
    for (const pr of PRS) {
      up.push(pr);
      await run('up', pr);
    }
    const listed = await run('list');
    log.info(renderText(previewFlow.summary(listed)));
    const down = await run('down', PRS[0]);
    removed = true;
    const left = down.previews.map((p) => `pr-${p.pr}`).join(', ') || 'none';
    const disk = listed.previews.reduce((sum, p) => sum + p.diskBytes, 0);
    return { detail: `${PRS.map((pr) => `pr-${pr}`).join(', ')} up on ports ${PRS.map((pr) => PORT_BASE + pr).join(', ')}; list: ${listed.previews.length} (${(disk / 1e6).toFixed(1)} MB); pr-${PRS[0]} down, left: ${left}` };
  } finally {
    for (const pr of up.filter((pr) => pr !== PRS[0] || !removed)) await run('down', pr).catch((error: unknown) => log.warn(`preview demo: could not remove pr-${pr}: ${(error as Error).message}`));
  }
}

/** As the host's owner would: the production app dir with the example compose file and the preview env template. */
async function prepareAppDir(log: Logger, ssh: Record<string, string>, appDir: string, examples: string): Promise<void> {
  const [target] = parseSshInputs(new Inputs(mapInputSource(ssh))).targets;
  if (!target) throw new Error('no demo host');
  const session = await openSshSession(target, localContext(log).runner, log);
  try {
    await session.exec(['mkdir', '-p', appDir]);
    for (const file of ['docker-compose.yml', 'preview.env.template']) {
      await session.exec(['sh', '-c', 'cat > "$1"', 'demo', `${appDir}/${file}`], { stdin: fs.readFileSync(path.join(examples, 'preview', file), 'utf8') });
    }
  } finally {
    await session.close();
  }
}
