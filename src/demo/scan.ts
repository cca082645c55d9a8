import fs from 'node:fs';
import path from 'node:path';
import { Inputs, mapInputSource } from '../core/config/inputs.js';
import type { Logger } from '../core/log.js';
import { ProcessRunner } from '../core/runner/process-runner.js';
import { renderText } from '../core/summary.js';
import { noCache } from '../core/cache.js';
import { detectPlatform } from '../core/platform.js';
import { base62, crc32 } from '../scan/encoding.js';
import { secretScanFlow } from '../scan/flow.js';
import { randomGenerator } from '../scan/samples.js';
import { runScan } from '../scan/scanner.js';

/**
 * Builds a small repository in `dir` whose second commit plants one fake
 * GitHub token (random, with a valid checksum: it would pass a format check,
 * but no such token exists), scans that push, and returns the summary text.
 */
export async function demoScan(log: Logger, dir: string): Promise<string> {
  const runner = new ProcessRunner(log);
  const git = (...args: string[]) => runner.run({ file: 'git', args: ['-c', 'user.name=demo', '-c', 'user.email=demo@example.net', ...args], cwd: dir });
  fs.mkdirSync(dir, { recursive: true });
  await git('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(dir, 'deploy.sh'), '#!/bin/sh\nset -eu\ndocker compose pull && docker compose up -d\n');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'deploy script');
  const before = (await git('rev-parse', 'HEAD')).stdout.trim();
  const body = randomGenerator().alnum(30);
  fs.writeFileSync(path.join(dir, 'deploy.sh'), `#!/bin/sh\nset -eu\nexport GITHUB_TOKEN=ghp_${body}${base62(crc32(body), 6)}\ndocker compose pull && docker compose up -d\n`);
  await git('commit', '--quiet', '-am', 'deploy: pull from the private registry');
  const after = (await git('rev-parse', 'HEAD')).stdout.trim();
  const settings = secretScanFlow.parse(
    new Inputs(mapInputSource({ mode: 'push', before, after, 'working-directory': dir, sarif: path.join(dir, 'secret-scan.sarif') }, 'cli')),
    { env: {}, platform: detectPlatform({}), workDir: dir },
  );
  const result = await runScan(settings, { runner, log, platform: detectPlatform({}), cache: noCache, env: {}, workDir: dir });
  return renderText(secretScanFlow.summary(result));
}
