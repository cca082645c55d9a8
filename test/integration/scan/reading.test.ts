import fs from 'node:fs';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { renderMarkdown } from '../../../src/core/summary.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { secretScanFlow } from '../../../src/scan/flow.js';
import { samplePkcs12 } from '../../../src/scan/pkcs12.js';
import { TestRepo, fakeGithubToken, fakePassword } from './repo.js';

const repos: TestRepo[] = [];
const newRepo = (): TestRepo => { const repo = new TestRepo(); repos.push(repo); return repo; };
afterAll(() => { for (const repo of repos) repo.remove(); });

async function scan(repo: TestRepo, values: Record<string, string>) {
  const log = new MemoryLogger();
  const sarif = path.join(repo.dir, '.out', 'scan.sarif');
  const run = await runFlow(secretScanFlow, { 'working-directory': repo.dir, sarif, ...values }, localContext(log, { workDir: repo.dir, env: {} }));
  return { ...run, log, summary: renderMarkdown(secretScanFlow.summary(run.result)), sarif: JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }> } };
}

describe('what the scan reads, and says it did not', () => {
  it('names an oversized file in the log, the summary and SARIF, with the limit and the input that raises it', async () => {
    const repo = newRepo();
    repo.write('small.env', 'LOG_LEVEL=info\n').write('vendor/big.js', `${'x'.repeat(3000)}\nexport GITHUB_TOKEN=${fakeGithubToken()}\n`);
    repo.commit('files');
    const { result, log, summary, sarif } = await scan(repo, { mode: 'tree', 'max-file-size': '2KB' });
    expect(result.findings).toEqual([]);
    expect(result.stats.oversized?.map((f) => f.path)).toEqual(['vendor/big.js']);
    expect(log.text()).toMatch(/Not scanned: vendor\/big\.js .*larger than the size limit \(2 KB, the `max-file-size` input\)/);
    expect(summary).toMatch(/vendor\/big\.js.*max-file-size/);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.map((n) => [n.locations[0].physicalLocation.artifactLocation.uri, /max-file-size/.test(n.message.text)])).toEqual([['vendor/big.js', true]]);
  });

  it('says when the limit comes from the config file instead', async () => {
    const repo = newRepo();
    repo.write('.slipway/secret-scan.yml', 'max-file-size: 1KB\n').write('big.txt', 'y'.repeat(2048));
    repo.commit('files');
    const { log } = await scan(repo, { mode: 'tree' });
    expect(log.text()).toMatch(/Not scanned: big\.txt .*`max-file-size:` in \.slipway\/secret-scan\.yml/);
  });

  it('decodes UTF-16 text (with a BOM either way round, and little-endian without one) instead of skipping it as binary', async () => {
    const repo = newRepo();
    const le = `DB_PASSWORD="${fakePassword()}"\r\n`;
    const be = `API_TOKEN=${fakeGithubToken()}\r\n`;
    const bare = `SMTP_PASSWORD="${fakePassword()}"\r\n`;
    repo.write('le.ps1', '').write('be.ps1', '').write('bare.ps1', '');
    fs.writeFileSync(path.join(repo.dir, 'le.ps1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# settings\r\n${le}`, 'utf16le')]));
    fs.writeFileSync(path.join(repo.dir, 'be.ps1'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`# settings\r\n${be}`, 'utf16le').swap16()]));
    fs.writeFileSync(path.join(repo.dir, 'bare.ps1'), Buffer.from(`# settings\r\n${bare}`, 'utf16le'));
    fs.writeFileSync(path.join(repo.dir, 'blob.dat'), Buffer.from([1, 0, 0, 0, 7, 7, 0, 3, 0, 0, 9]));
    const { result } = await scan(repo, { mode: 'tree' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort()).toEqual(['generic-secret bare.ps1:2', 'generic-secret le.ps1:2', 'github-pat be.ps1:2']);
    expect(result.stats.skipped).toBe(1);
  });

  it('reports a PKCS#12 keystore by its structure, whatever its name, and stays quiet on other binaries', async () => {
    const repo = newRepo();
    const random = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_v, i) => (i * 37 + 11) % 256));
    fs.writeFileSync(path.join(repo.dir, 'signing.keystore'), samplePkcs12(random(900)));
    fs.writeFileSync(path.join(repo.dir, 'client.p12'), samplePkcs12(random(900), 2));
    fs.writeFileSync(path.join(repo.dir, 'server.der'), Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x90, 0x30, 0x82, 0x01, 0x38, 0, 0]), random(390)]));
    const { result, log } = await scan(repo, { mode: 'tree' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(['pkcs12-keystore signing.keystore:1']);
    // Only the redacted header of the encoded file reaches the log.
    expect(log.text()).toContain(result.findings[0].redacted);
    expect(log.text()).not.toContain(samplePkcs12(random(900)).toString('base64').slice(0, 40));
    expect(result.stats.skipped).toBe(3);
  });

  it('counts a commit that only deletes files in "Scanned N commits" (history and push)', async () => {
    const repo = newRepo();
    repo.write('a.txt', 'one\n').write('b.txt', 'two\n');
    const first = repo.commit('add');
    repo.git('rm', '--quiet', 'b.txt');
    repo.commit('delete only');
    repo.git('rm', '--quiet', 'a.txt');
    const last = repo.commit('delete the rest');
    const history = await scan(repo, { mode: 'history' });
    expect(history.result.stats.commits).toBe(3);
    expect(history.summary).toMatch(/Scanned 3 commit\(s\)/);
    const push = await scan(repo, { mode: 'push', before: first, after: last });
    expect(push.result.stats.commits).toBe(2);
  });
});
