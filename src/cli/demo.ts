import fs from 'node:fs';
import path from 'node:path';
import { formatError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { registerSecret } from '../core/secrets.js';
import { renderText, Summary } from '../core/summary.js';
import { buildImageFlow } from '../image/build-flow.js';
import { pushImageFlow } from '../image/push-flow.js';
import { localContext, runFlow } from './run-flow.js';

/** What `scripts/sandbox.sh up` wrote: registries, SSH hosts, PostgreSQL. */
export interface SandboxInfo {
  stateDir: string;
  registries: { auth: { address: string; username: string; password: string }; anonymous: { address: string } };
  baseImage: string;
  ssh: {
    user: string; privateKeyPath: string; knownHostsPath: string;
    hosts: Array<{ name: string; address: string; port: number; baseDir: string }>;
  };
  postgres: { host: string; port: number; user: string; password: string; database: string };
}

export function readSandbox(): SandboxInfo {
  const file = process.env.SLIPWAY_SANDBOX_JSON ?? '/var/lib/slipway-sandbox/sandbox.json';
  if (!fs.existsSync(file)) throw new Error(`The sandbox is not up (${file} is missing). Run \`npm run sandbox -- up\` first.`);
  const sandbox = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxInfo;
  registerSecret(sandbox.registries.auth.password);
  registerSecret(sandbox.postgres.password);
  return sandbox;
}

/** `slipway demo`: the main job end to end on the local sandbox. */
export async function runDemo(_args: string[], log: Logger): Promise<number> {
  const sandbox = readSandbox();
  const context = localContext(log);
  const version = `1.0.${Math.floor(Date.now() / 1000) % 100000}`;
  const appDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples', 'app');
  const image = `${sandbox.registries.auth.address}/demo/example-app`;
  const story = new Summary().heading(`Slipway demo: example app ${version}`);
  try {
    const built = await log.group('1. build-image', () =>
      runFlow(buildImageFlow, { image, context: fs.existsSync(appDir) ? appDir : 'examples/app', tags: version, version, 'build-args': `APP_VERSION=${version}` }, context));
    const pushed = await log.group('2. push-image', () =>
      runFlow(pushImageFlow, {
        tags: built.result.tags.filter((tag) => tag.endsWith(`:${version}`)).join('\n'),
        username: sandbox.registries.auth.username,
        password: sandbox.registries.auth.password,
      }, context));
    story.table(['step', 'result'], [
      ['build', `${built.result.tags.length} tags, ${(built.result.sizeBytes / 1048576).toFixed(1)} MiB, ${built.result.builder} builder, ${(built.result.durationMs / 1000).toFixed(1)} s`],
      ['push', `${pushed.outputs['image-ref']} (${pushed.result.layersUploaded} layers uploaded; verified ${pushed.result.verified.join(', ')})`],
    ]);
    story.text(`The image went to ${pushed.outputs['image-ref']}`);
    process.stdout.write(renderText(story));
    return 0;
  } catch (error) {
    process.stdout.write(renderText(story));
    log.error(formatError(error, process.env.SLIPWAY_DEBUG === '1'));
    return 1;
  }
}
