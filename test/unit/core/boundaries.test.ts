import { ESLint } from 'eslint';

// The layer rules live in eslint.config.js; each case lints one import as if it
// sat in that file (nothing is written), so a rule that stops firing fails here.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import boundaries lint enforces', () => {
  it.each([
    ['src/scan/fixture.ts', "import { spawn as x } from 'node:child_process';", /src\/core\/runner/],
    ['src/deploy/fixture.ts', "import { execFile as x } from 'child_process';", /src\/core\/runner/],
    ['src/cli/fixture.ts', "import { spawnSync as x } from 'node:child_process';", /src\/core\/runner/],
    ['src/smoke/fixture.ts', "import * as x from '@actions/core';", /src\/platform/],
    ['src/core/fixture.ts', "import * as x from '@actions/cache';", /src\/platform/],
    ['src/pipeline/fixture.ts', "import { deployFlow as x } from '../deploy/flow.js';", /deploy\/index\.ts/],
    ['src/deploy/zero-downtime/fixture.ts', "import { runSwarm as x } from '../../swarm/deploy.js';", /swarm\/index\.ts/],
    ['src/deploy/fixture.ts', "import { localContext as x } from '../cli/run-flow.js';", /does not import an edge/],
    ['src/drill/fixture.ts', "import { demoDrill as x } from '../demo/drill.js';", /does not import an edge/],
    ['src/scan/fixture.ts', "import { detectPlatform as x } from '../platform/detect.js';", /does not import an edge/],
    ['src/core/fixture.ts', "import type { PlatformInfo as x } from '../platform/detect.js';", /imports nothing above it/],
    ['src/core/runner/fixture.ts', "import { deployFlow as x } from '../../deploy/index.js';", /imports nothing above it/],
  ])('refuses in %s: %s', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ['src/core/runner/fixture.ts', "import { spawn as x } from 'node:child_process';"],
    ['src/platform/fixture.ts', "import * as x from '@actions/core';"],
    ['src/pipeline/fixture.ts', "import { deployFlow as x } from '../deploy/index.js';"],
    ['src/deploy/zero-downtime/fixture.ts', "import { deployFlow as x } from '../flow.js';"],
    ['src/demo/fixture.ts', "import { deployFlow as x } from '../deploy/flow.js';"],
    ['src/cli/fixture.ts', "import { runDemo as x } from '../demo/run.js';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
