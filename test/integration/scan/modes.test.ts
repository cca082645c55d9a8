import { jest } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { renderMarkdown, renderText } from '../../../src/core/summary.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { secretScanFlow } from '../../../src/scan/flow.js';
import { main } from '../../../src/cli/main.js';
import { demoScan } from '../../../src/demo/scan.js';
import { commentBody } from '../../../src/scan/report/comment.js';
import { TestRepo, fakeAwsKeyId, fakeGithubToken, fakePassword, fakeStripeKey } from './repo.js';

const repos: TestRepo[] = [];
const newRepo = (dir?: string): TestRepo => { const repo = new TestRepo(dir); repos.push(repo); return repo; };

/** Runs the flow; `written` (when given) collects everything it printed or wrote. */
async function scan(repo: TestRepo, values: Record<string, string>, written?: string[]) {
  const log = new MemoryLogger();
  const run = await runFlow(secretScanFlow, { 'working-directory': repo.dir, sarif: path.join(repo.dir, '.out', 'scan.sarif'), ...values }, localContext(log, { workDir: repo.dir, env: {} }));
  if (written) {
    const summary = secretScanFlow.summary(run.result);
    written.push(log.text(), renderMarkdown(summary), renderText(summary), JSON.stringify(run.outputs), JSON.stringify(run.result), run.failure ?? '');
    written.push(commentBody(run.result.findings, run.result.stats));
    if (run.result.sarifPath) written.push(fs.readFileSync(run.result.sarifPath, 'utf8'));
  }
  return { ...run, log };
}

/** Runs `slipway scan` as the CLI does, capturing stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const captured: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => { captured.push(String(chunk)); return true; };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await main(['scan', ...args]), output: captured.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterAll(() => { for (const repo of repos) repo.remove(); });

describe('secret-scan modes on real git repositories', () => {
  it('tree: finds committed and uncommitted secrets, stays quiet on placeholders, writes SARIF and fails', async () => {
    const repo = newRepo();
    repo.write('deploy.sh', `#!/bin/sh\nexport GITHUB_TOKEN=${fakeGithubToken()}\n`)
      .write('config/app.yml', `db:\n  password: "${fakePassword()}"\n  user: app\n`)
      .write('.env.example', 'STRIPE_KEY=sk_live_your_key_here\nDB_PASSWORD=changeme\nTOKEN=${{ secrets.TOKEN }}\n')
      .write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]).toString('latin1'));
    repo.commit('app');
    repo.write('notes.txt', `aws key ${fakeAwsKeyId()}\n`);
    const { result, outputs, failure } = await scan(repo, { mode: 'tree' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort()).toEqual([
      'aws-access-key-id notes.txt:1', 'generic-secret config/app.yml:2', 'github-pat deploy.sh:2',
    ]);
    expect(outputs).toEqual({ findings: '3', 'new-findings': '3', sarif: path.join(repo.dir, '.out', 'scan.sarif') });
    expect(failure).toMatch(/3 new secret/);
    const sarif = JSON.parse(fs.readFileSync(outputs.sarif, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(3);
    expect(sarif.runs[0].results[0].partialFingerprints['slipwaySecret/v1']).toMatch(/^[a-f0-9]{20}$/);
  });

  it('pr: reports only what the pull request adds, fetching the base a shallow clone lacks', async () => {
    const origin = newRepo();
    origin.write('old.env', `API_TOKEN=${fakeGithubToken()}\n`).write('app.js', 'console.log(1)\n');
    const base = origin.commit('base with an old secret');
    origin.git('checkout', '--quiet', '-b', 'feature');
    const added = fakeStripeKey();
    origin.write('app.js', `console.log(1)\nconst stripe = require('stripe')('${added}');\n`);
    origin.git('mv', 'old.env', 'renamed.env');
    const head = origin.commit('feature');
    origin.git('checkout', '--quiet', 'main');
    origin.write('main-only.txt', 'more work on main\n');
    const mainHead = origin.commit('main moves on');

    const clone = newRepo(fs.mkdtempSync(path.join(path.dirname(origin.dir), 'slipway-clone-')));
    fs.rmSync(clone.dir, { recursive: true });
    new TestRepo(path.dirname(origin.dir)).git('clone', '--quiet', '--depth=1', '--branch', 'feature', `file://${origin.dir}`, clone.dir);
    expect(() => clone.git('cat-file', '-e', `${mainHead}^{commit}`)).toThrow();

    const { result, log } = await scan(clone, { mode: 'pr', base: mainHead, head });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(['stripe-secret-key app.js:2']);
    expect(log.text()).toMatch(/fetching/);
    expect(clone.git('merge-base', mainHead, head)).toBe(base);
  });

  it('push: scans the pushed commits, and after a force push only the rewritten ones', async () => {
    const repo = newRepo();
    const before = repo.commit('start');
    repo.write('a.sh', `PASSWORD='${fakePassword()}'\n`);
    repo.commit('one');
    repo.write('b.tf', `access_key = "${fakeAwsKeyId()}"\n`);
    const after = repo.commit('two');
    const normal = await scan(repo, { mode: 'push', before, after });
    expect(normal.result.findings.map((f) => [f.ruleId, f.commit !== undefined])).toEqual([['generic-secret', true], ['aws-access-key-id', true]]);

    repo.write('b.tf', `access_key = "${fakeAwsKeyId()}"\n`);
    repo.git('commit', '--quiet', '--amend', '-am', 'two, rewritten');
    const forced = repo.git('rev-parse', 'HEAD');
    const result = (await scan(repo, { mode: 'push', before: after, after: forced })).result;
    expect(result.findings.map((f) => `${f.ruleId} ${f.path} ${f.commit}`)).toEqual([`aws-access-key-id b.tf ${forced}`]);

    // No ref named and main is the only branch (at `after`): nothing to compare with, so a bounded history.
    const fresh = (await scan(repo, { mode: 'push', before: '0000000000000000000000000000000000000000', after: forced })).result;
    expect(fresh.notes.join()).toMatch(/new branch, and no other branch in this checkout to compare with: scanned the last 3 commit/);
    expect(fresh.findings).toHaveLength(2);
  });

  /** main holds an old secret; `feature` brings three commits, the secret in the middle one. */
  function branchWithMiddleSecret() {
    const origin = newRepo();
    origin.write('old.env', `API_TOKEN=${fakeGithubToken()}\n`);
    origin.commit('main with an old secret');
    origin.git('checkout', '--quiet', '-b', 'feature');
    origin.write('a.js', 'export const a = 1;\n');
    origin.commit('clean first');
    origin.write('deploy.sh', `export STRIPE=${fakeStripeKey()}\n`);
    const middle = origin.commit('secret in the middle');
    origin.write('b.js', 'export const b = 2;\n');
    const tip = origin.commit('clean tip');
    return { origin, middle, tip };
  }

  it('push: a new branch is scanned commit by commit, not only its head, and nothing another branch already had', async () => {
    const { origin, middle, tip } = branchWithMiddleSecret();
    const { result } = await scan(origin, { mode: 'push', before: '0'.repeat(40), after: tip, ref: 'refs/heads/feature' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path} ${f.commit}`)).toEqual([`stripe-secret-key deploy.sh ${middle}`]);
    expect(result.stats.commits).toBe(3);
    expect(result.notes.join()).toMatch(/new branch: scanned its 3 commit\(s\) that no other branch has/);
  });

  it('push: in a fresh shallow CI clone of a new branch, fetches the other branches and finds a secret in a middle commit', async () => {
    const { origin, middle, tip } = branchWithMiddleSecret();
    const clone = newRepo(fs.mkdtempSync(path.join(path.dirname(origin.dir), 'slipway-clone-')));
    fs.rmSync(clone.dir, { recursive: true });
    new TestRepo(path.dirname(origin.dir)).git('clone', '--quiet', '--depth=1', '--branch', 'feature', `file://${origin.dir}`, clone.dir);
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    const { result } = await scan(clone, { mode: 'push', before: '0'.repeat(40), after: tip, ref: 'refs/heads/feature' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path} ${f.commit}`)).toEqual([`stripe-secret-key deploy.sh ${middle}`]);
    expect(result.stats.commits).toBe(3);
  });

  it('push: when the old head is unreachable, every commit no other branch has is scanned', async () => {
    const { origin, middle, tip } = branchWithMiddleSecret();
    const { result } = await scan(origin, { mode: 'push', before: 'f'.repeat(40), after: tip, ref: 'refs/heads/feature' });
    expect(result.findings.map((f) => `${f.path} ${f.commit}`)).toEqual([`deploy.sh ${middle}`]);
    expect(result.notes.join()).toMatch(/is gone \(force push\?\): scanned its 3 commit\(s\) that no other branch has/);
  });

  it('push: with no other branch to compare with, scans a bounded history of the branch and says which', async () => {
    const { origin, middle, tip } = branchWithMiddleSecret();
    origin.git('branch', '--quiet', '-D', 'main');
    const { result } = await scan(origin, { mode: 'push', before: '0'.repeat(40), after: tip, ref: 'refs/heads/feature' });
    expect(result.findings.map((f) => `${f.path} ${f.commit}`)).toEqual(['old.env ' + origin.git('rev-parse', `${tip}~3`), `deploy.sh ${middle}`]);
    expect(result.notes.join()).toMatch(/no other branch .*: scanned the last 4 commit\(s\) of /);
  });

  it('history: each secret once, at the commit that introduced it, noting whether it is still in the tree', async () => {
    const repo = newRepo();
    const gone = fakeGithubToken();
    repo.write('ci.yml', `env:\n  TOKEN: ${gone}\n`);
    const introduced = repo.commit('add token');
    repo.write('ci.yml', `env:\n  TOKEN: ${gone}\n  OTHER: 1\n`);
    repo.commit('touch');
    repo.write('ci.yml', 'env:\n  TOKEN: ${{ secrets.TOKEN }}\n');
    repo.commit('move token to secrets');
    for (let i = 0; i < 30; i += 1) { repo.write(`src/f${i}.js`, `export const v${i} = ${i};\n`); repo.commit(`work ${i}`); }
    repo.write('Dockerfile', `FROM busybox\nENV STRIPE_KEY=${fakeStripeKey()}\n`);
    const still = repo.commit('dockerfile');
    const { result } = await scan(repo, { mode: 'history' });
    expect(result.findings.map((f) => [f.ruleId, f.commit, f.inTree])).toEqual([['github-pat', introduced, false], ['stripe-secret-key', still, true]]);
    expect(result.stats.commits).toBeGreaterThanOrEqual(33);
  });

  it('history: every ref, and the lines a merge itself added; a merged secret stays at its own commit', async () => {
    const repo = newRepo();
    repo.write('app.yml', 'name: app\nport: 80\n');
    repo.commit('start');
    repo.git('checkout', '--quiet', '-b', 'side');
    repo.write('side.env', `TOKEN=${fakeGithubToken()}\n`);
    const onSide = repo.commit('side secret');
    repo.write('app.yml', 'name: app\nport: 8080\n');
    repo.commit('side port');
    repo.git('checkout', '--quiet', 'main');
    repo.write('app.yml', 'name: app\nport: 81\n');
    repo.commit('main port');
    expect(() => repo.git('merge', '--quiet', '--no-edit', 'side')).toThrow();
    // The conflict is resolved by typing a secret in: the merge commit's own change.
    repo.write('app.yml', `name: app\nport: 8080\npassword: "${fakePassword()}"\n`);
    const merge = repo.commit('merge side');
    repo.git('checkout', '--quiet', '-b', 'wip');
    repo.write('pay.js', `const stripe = '${fakeStripeKey()}';\n`);
    const unmerged = repo.commit('never merged');
    repo.git('checkout', '--quiet', 'main');
    const { result } = await scan(repo, { mode: 'history' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.commit} ${f.inTree}`).sort()).toEqual([
      `generic-secret app.yml:3 ${merge} true`, `github-pat side.env:1 ${onSide} true`, `stripe-secret-key pay.js:1 ${unmerged} false`,
    ].sort());
  });

  it('baseline: write-baseline accepts what is there; later only new findings fail', async () => {
    const repo = newRepo();
    repo.write('legacy.env', `SMTP_PASSWORD=${fakePassword()}\nGH=${fakeGithubToken()}\n`);
    repo.commit('legacy');
    const written = await scan(repo, { mode: 'tree', 'write-baseline': 'true' });
    expect(written.failure).toBeUndefined();
    const baseline = fs.readFileSync(path.join(repo.dir, '.slipway/secret-scan-baseline.json'), 'utf8');
    expect(JSON.parse(baseline).findings).toHaveLength(2);
    expect((await scan(repo, { mode: 'tree' })).failure).toBeUndefined();
    repo.write('new.env', `STRIPE=${fakeStripeKey()}\n`);
    const again = await scan(repo, { mode: 'tree' });
    expect(again.outputs).toMatchObject({ findings: '3', 'new-findings': '1' });
    expect(again.failure).toMatch(/1 new secret/);
  });

  it('allowlists: config paths, regexes, stopwords, disabled rules and inline slipway:allow', async () => {
    const repo = newRepo();
    repo.write('.slipway/secret-scan.yml', [
      'rules:', '  - id: acme-token', '    title: ACME token', "    regex: 'acme_[a-z0-9]{24}'", '    keywords: [acme_]',
      'disable: [aws-access-key-id]', 'allow:', "  paths: ['^fixtures/']", '  stopwords: [staging]', '',
    ].join('\n'));
    repo.write('fixtures/keys.txt', `${fakeGithubToken()}\n`)
      .write('src/a.ts', `const t = "${fakeGithubToken()}"; // slipway:allow\nconst k = "${fakeAwsKeyId()}";\n`)
      .write('src/b.ts', `const acme = "${`acme_${'k3m9x2p7q4w8z1r6t5y0u2i4'}`}";\nconst password = "staging${'Xk29#fQ'}";\n`);
    const { result } = await scan(repo, { mode: 'tree' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(['acme-token src/b.ts:1']);
  });

  it('pr: the config and baseline come from the merge base, so a pull request cannot silence its own finding', async () => {
    const repo = newRepo();
    repo.write('.slipway/secret-scan.yml', "allow:\n  paths: ['^fixtures/']\n").write('app.js', 'console.log(1)\n');
    const base = repo.commit('base allows fixtures/');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write('fixtures/sample.env', `TOKEN=${fakeGithubToken()}\n`)
      .write('app.js', `const stripe = '${fakeStripeKey()}';\n`);
    // The PR baselines its own secret, then allows every path and disables the rule.
    expect((await scan(repo, { mode: 'tree', 'write-baseline': 'true' })).result.findings).toHaveLength(1);
    repo.write('.slipway/secret-scan.yml', "disable: [stripe-secret-key]\nallow:\n  paths: ['.*']\n");
    const head = repo.commit('feature that silences itself');
    expect((await scan(repo, { mode: 'tree' })).result.findings).toEqual([]);

    const { result, failure } = await scan(repo, { mode: 'pr', base, head });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.baselined}`)).toEqual(['stripe-secret-key app.js:1 false']);
    expect(failure).toMatch(/1 new secret/);
    expect(result.notes.join()).toMatch(/edits \.slipway\/secret-scan\.yml and \.slipway\/secret-scan-baseline\.json: the scan used the version at the merge base .*after merge/);
  });

  it('push: the config and baseline come from the old head; the pushed edits to them take effect later', async () => {
    const repo = newRepo();
    repo.write('.slipway/secret-scan.yml', 'disable: [jwt]\n');
    const before = repo.commit('config');
    repo.write('.slipway/secret-scan.yml', "allow:\n  paths: ['.*']\n").write('deploy.sh', `PASSWORD='${fakePassword()}'\n`);
    const after = repo.commit('silenced');
    const { result } = await scan(repo, { mode: 'push', before, after, ref: 'refs/heads/main' });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['generic-secret deploy.sh']);
    expect(result.notes.join()).toMatch(/edits \.slipway\/secret-scan\.yml: the scan used the version at the old head/);
    // Unchanged config: no notice.
    repo.write('other.sh', 'echo hi\n');
    expect((await scan(repo, { mode: 'push', before: after, after: repo.commit('more'), ref: 'refs/heads/main' })).result.notes).toEqual([]);
  });

  it('a malformed config fails naming the file, the line and the problem', async () => {
    const repo = newRepo();
    repo.write('.slipway/secret-scan.yml', "rules:\n  - id: broken\n    regex: 'acme_[a-z'\n    keywords: [acme_]\n");
    await expect(scan(repo, { mode: 'tree' })).rejects.toThrow(/secret-scan\.yml:3: rules\[0\]\.regex: is not a valid regular expression/);
    repo.write('.slipway/secret-scan.yml', 'allow:\n  paths: [a\n');
    await expect(scan(repo, { mode: 'tree' })).rejects.toThrow(/secret-scan\.yml:\d+: not valid YAML/);
  });

  it('push: when the old head is gone (force push, pruned) and no branch to compare with, scans a bounded history and says so', async () => {
    const repo = newRepo();
    repo.commit('start');
    repo.write('c.yml', `token: ${fakeGithubToken()}\n`);
    const after = repo.commit('new');
    const { result } = await scan(repo, { mode: 'push', before: 'f'.repeat(40), after });
    expect(result.findings.map((f) => f.path)).toEqual(['c.yml']);
    expect(result.notes.join()).toMatch(/is gone \(force push\?\), and no other branch in this checkout to compare with: scanned the last 2 commit/);
  });

  it('pr: an unreachable base says exactly what to change in the checkout step', async () => {
    const repo = newRepo();
    repo.commit('only commit');
    await expect(scan(repo, { mode: 'pr', base: 'a'.repeat(40), head: 'HEAD' })).rejects.toThrow(/not in the checkout and could not be fetched.*fetch-depth: 0/s);
  });

  it('`slipway scan` exits 1 on new findings and 0 once they are in the baseline', async () => {
    const repo = newRepo();
    repo.write('deploy/.env', `DB_PASSWORD=${fakePassword()}\n`);
    repo.commit('env');
    const flags = ['--working-directory', repo.dir, '--sarif', 'none'];
    const first = await cli(['--mode', 'tree', ...flags]);
    expect(first.code).toBe(1);
    expect(first.output).toMatch(/generic-secret\s+deploy\/\.env:1/);
    expect((await cli(['--mode', 'tree', '--write-baseline', 'true', ...flags])).code).toBe(0);
    expect((await cli(['--mode', 'tree', '--json', ...flags])).code).toBe(0);
  });

  it('the demo catches and redacts its planted token', async () => {
    const repo = newRepo();
    const text = await demoScan(new MemoryLogger(), repo.dir);
    expect(text).toMatch(/github-pat\s+deploy\.sh:3 .*ghp_… \(40 chars\)/);
  });

  it('never prints a planted secret: logs, summaries, comment, outputs, SARIF, the baseline, the CLI and the demo hold none', async () => {
    const planted: string[] = [];
    const plant = (secret: string): string => { planted.push(secret); return secret; };
    const written: string[] = [];
    const repo = newRepo();
    repo.write('deploy.sh', `export GITHUB_TOKEN=${plant(fakeGithubToken())}\n`).write('config/app.yml', `db:\n  password: "${plant(fakePassword())}"\n`);
    const base = repo.commit('base');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write('pay.js', `stripe('${plant(fakeStripeKey())}');\n`).write('infra.tf', `access_key = "${plant(fakeAwsKeyId())}"\n`);
    repo.commit('one');
    repo.write('smtp.env', `SMTP_PASSWORD=${plant(fakePassword())}\n`);
    const head = repo.commit('two');
    repo.write('notes.txt', `token ${plant(fakeGithubToken())}\n`);

    const found = async (values: Record<string, string>): Promise<number> => (await scan(repo, values, written)).result.findings.length;
    expect(await found({ mode: 'tree' })).toBe(6);
    expect(await found({ mode: 'history' })).toBe(5);
    expect(await found({ mode: 'pr', base, head })).toBe(3);
    expect(await found({ mode: 'push', before: base, after: head, ref: 'refs/heads/feature' })).toBe(3);
    expect(await found({ mode: 'push', before: '0'.repeat(40), after: head, ref: 'refs/heads/feature' })).toBe(3);
    expect(await found({ mode: 'tree', 'write-baseline': 'true' })).toBe(6);
    written.push(fs.readFileSync(path.join(repo.dir, '.slipway/secret-scan-baseline.json'), 'utf8'));
    fs.rmSync(path.join(repo.dir, '.slipway'), { recursive: true });
    const flags = ['--working-directory', repo.dir, '--sarif', 'none'];
    for (const mode of ['tree', 'history']) {
      for (const json of [[], ['--json']]) {
        const run = await cli(['--mode', mode, ...json, ...flags]);
        expect(run.code).toBe(1);
        written.push(run.output);
      }
    }
    const demo = newRepo();
    const demoLog = new MemoryLogger();
    written.push(await demoScan(demoLog, demo.dir), demoLog.text());
    plant(/GITHUB_TOKEN=(\S+)/.exec(fs.readFileSync(path.join(demo.dir, 'deploy.sh'), 'utf8'))?.[1] ?? 'no demo token');

    expect(planted).toHaveLength(7);
    const all = written.join('\n');
    expect(all.length).toBeGreaterThan(5000);
    expect(all).toMatch(/ghp_… \(40 chars\)/);
    for (const secret of planted) {
      expect(all.includes(secret)).toBe(false);
      // Not even a long piece of it: the redacted form shows 4 characters.
      expect(all.includes(secret.slice(4, 16))).toBe(false);
    }
  });
});
