import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { extraCommands } from '../../../src/cli/flows.js';
import { runPreviewCommand } from '../../../src/cli/commands/preview.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n';

describe('slipway preview up|down|list|reap', () => {
  it('is a CLI command', () => {
    expect(extraCommands.map((c) => c.name)).toContain('preview');
  });

  it('needs one of the four subcommands (exit 2)', async () => {
    const log = new MemoryLogger();
    expect(await runPreviewCommand(['--pr', '3'], log)).toBe(2);
    expect(log.text()).toMatch(/preview --pr: needs a subcommand|needs a subcommand/);
    expect(await runPreviewCommand(['destroy'], log)).toBe(2);
  });

  it('names the missing flag before connecting anywhere (exit 2)', async () => {
    const log = new MemoryLogger();
    const code = await runPreviewCommand(['up', '--config', '/nonexistent-hp/slipway.yml'], log);
    expect(code).toBe(2);
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hp-preview-cli-')), 'id');
    fs.writeFileSync(keyFile, KEY, { mode: 0o600 });
    const withConfigAbsent = new MemoryLogger();
    expect(await runPreviewCommand(['down', '--host', 'deploy@127.0.0.1', '--private-key', keyFile, '--trust-on-first-use', '--app', 'shop', '--app-dir', '/srv/shop'], withConfigAbsent)).toBe(2);
    expect(withConfigAbsent.text()).toMatch(/--pr.*is required/);
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });
});
