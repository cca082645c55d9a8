// build-image / push-image: warm rebuild vs cold build, layers uploaded for an
// unchanged image, and the action bundle's time to its first log line.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCache } from '../src/cli/local-cache.js';
import { localContext, runFlow } from '../src/cli/run-flow.js';
import { MemoryLogger } from '../src/core/log.js';
import { buildImageFlow } from '../src/image/build-flow.js';
import { cacheImageName } from '../src/image/layer-cache.js';
import { pushImageFlow } from '../src/image/push-flow.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const sandbox = JSON.parse(fs.readFileSync(process.env.SLIPWAY_SANDBOX_JSON ?? '/var/lib/slipway-sandbox/sandbox.json', 'utf8'));

function appRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-app-'));
  fs.cpSync(path.join(root, 'examples/app'), dir, { recursive: true });
  return dir;
}

function removeImages(references: string[]): void {
  for (const reference of references) {
    try { execFileSync('docker', ['image', 'rm', '--force', reference], { stdio: 'ignore' }); } catch { /* gone */ }
  }
}

async function build(values: Record<string, string>, cache: LocalCache, ci: boolean): Promise<{ ms: number; tags: string[] }> {
  const log = new MemoryLogger();
  const platform = ci ? { kind: 'github' as const, supportsSummary: false, supportsAnnotations: false } : { kind: 'local' as const, supportsSummary: false, supportsAnnotations: false };
  const run = await runFlow(buildImageFlow, values, localContext(log, { cache, platform }));
  return { ms: run.result.durationMs, tags: run.result.tags };
}

function timeToFirstLine(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('node', [path.join(root, 'dist/build-image/index.js')], {
      env: { ...process.env, INPUT_IMAGE: 'bench.example.com/x', INPUT_CONTEXT: '/nonexistent-context' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.once('data', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    child.on('error', reject);
  });
}

export async function bench() {
  const image = `${sandbox.registries.anonymous.address}/bench/app-${Date.now().toString(36)}`;
  const repo = appRepo();
  const cache = new LocalCache(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-cache-')));

  // CI runner: every build starts on an engine without the previous layers; the layer cache carries them.
  const cold = await build({ image, context: repo, 'no-cache': 'true', 'layer-cache': 'on' }, cache, true);
  removeImages([...cold.tags, cacheImageName(image)]);
  fs.writeFileSync(path.join(repo, 'www/index.html'), `<h1>${Date.now()}</h1>`);
  const warmCi = await build({ image, context: repo, 'layer-cache': 'on' }, cache, true);
  // Laptop / self-hosted runner: the engine keeps its own layers.
  fs.writeFileSync(path.join(repo, 'www/index.html'), `<h1>${Date.now()} again</h1>`);
  const warmLocal = await build({ image, context: repo, 'layer-cache': 'off' }, cache, false);

  const log = new MemoryLogger();
  const tags = warmLocal.tags.slice(0, 1).join('\n');
  await runFlow(pushImageFlow, { tags }, localContext(log));
  const again = await runFlow(pushImageFlow, { tags }, localContext(log));

  const starts: number[] = [];
  for (let i = 0; i < 7; i += 1) starts.push(await timeToFirstLine());
  starts.sort((a, b) => a - b);
  const median = starts[Math.floor(starts.length / 2)] ?? 0;

  removeImages([...warmCi.tags, ...warmLocal.tags, cacheImageName(image)]);
  fs.rmSync(repo, { recursive: true, force: true });
  return {
    title: 'build-image and push-image',
    rows: [
      { metric: 'warm rebuild / cold build, code-only change, fresh CI engine + layer cache', value: `${(warmCi.ms / cold.ms).toFixed(2)} (${warmCi.ms} ms / ${cold.ms} ms)`, target: '≤ 0.2' },
      { metric: 'warm rebuild / cold build, code-only change, engine keeps layers (laptop)', value: `${(warmLocal.ms / cold.ms).toFixed(2)} (${warmLocal.ms} ms / ${cold.ms} ms)`, target: '≤ 0.2' },
      { metric: 'layers uploaded when pushing an unchanged image', value: String(again.result.layersUploaded), target: '0' },
      { metric: 'node dist/build-image/index.js: start → first log line (median of 7)', value: `${median.toFixed(0)} ms`, target: '≤ 300 ms' },
    ],
    notes: [
      'Example app: busybox httpd; its dependency step writes 24 × 2 MiB of gzip (stands in for npm ci / pip install).',
      'Cold build: --no-cache. CI warm: images removed from the engine first, layers restored from the layer cache (docker save/load on the classic builder).',
    ],
  };
}
