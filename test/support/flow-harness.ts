import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { FlowContext, FlowDefinition } from '../../src/core/context.js';
import { MemoryLogger } from '../../src/core/log.js';
import { LocalCache } from '../../src/core/local-cache.js';
import { localContext, runFlow, type FlowRun } from '../../src/core/run-flow.js';

/** Runs a flow exactly as the CLI does, keeping every log line for assertions. */
export async function runFlowForTest<S, R>(
  flow: FlowDefinition<S, R>,
  values: Record<string, string | undefined>,
  overrides: Partial<FlowContext> & { log?: MemoryLogger } = {},
): Promise<FlowRun<R> & { log: MemoryLogger }> {
  const log = overrides.log ?? new MemoryLogger();
  const context = localContext(log, { platform: { kind: 'local', supportsSummary: false, supportsAnnotations: false }, ...overrides });
  const run = await runFlow(flow, values, context);
  return { ...run, log };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `slipway-test-${prefix}-`));
}

export function tempCache(): LocalCache {
  return new LocalCache(tempDir('cache'));
}

/** A copy of examples/app as its own git repository, so tags come from real git. */
export function exampleAppRepo(version = '1.0.0'): string {
  const dir = tempDir('app');
  fs.cpSync(path.resolve('examples/app'), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', `app ${version}`);
  return dir;
}

export function commitAll(dir: string, message: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' });
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', message);
}

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Removes test images by reference, ignoring ones already gone. */
export function removeImages(references: string[]): void {
  for (const reference of references) {
    try { docker('image', 'rm', '--force', reference); } catch { /* already gone */ }
  }
}
