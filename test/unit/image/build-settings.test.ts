import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { RecordingRunner } from '../../../src/core/runner/recording-runner.js';
import { LocalCache } from '../../../src/core/local-cache.js';
import { runFlow } from '../../../src/core/run-flow.js';
import { buildImageFlow } from '../../../src/image/build-flow.js';
import { parseBuildSettings } from '../../../src/image/build-settings.js';

const context = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-settings-'));
fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\n');
const parse = (values: Record<string, string>) => parseBuildSettings(new Inputs(mapInputSource({ image: 'r.example.com/team/app', context, ...values })), context);

describe('build-image platforms', () => {
  it('defaults to linux/amd64 and takes one other platform when asked', () => {
    expect(parse({}).platforms).toEqual(['linux/amd64']);
    expect(parse({ platforms: 'linux/arm64' }).platforms).toEqual(['linux/arm64']);
  });

  it('refuses several platforms, naming the input and the fix (the image is loaded, and buildx cannot --load several)', () => {
    expect(() => parse({ platforms: 'linux/amd64,linux/arm64' })).toThrow(
      "input 'platforms': lists 2 platforms (found 'linux/amd64,linux/arm64', expected one). Use one platform per build-image step",
    );
  });

  it('refuses them before any side effect: no docker, no git, no cache', async () => {
    const runner = new RecordingRunner();
    const run = runFlow(buildImageFlow, { image: 'r.example.com/team/app', context, platforms: 'linux/amd64\nlinux/arm64' }, {
      runner, log: new MemoryLogger(), cache: new LocalCache(path.join(context, 'cache')), env: {}, workDir: context,
      platform: { kind: 'github', supportsSummary: true, supportsAnnotations: true },
    });
    await expect(run).rejects.toThrow(/--platforms: lists 2 platforms/);
    expect(runner.calls).toEqual([]);
    expect(fs.existsSync(path.join(context, 'cache'))).toBe(false);
  });
});
