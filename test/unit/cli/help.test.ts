import fs from 'node:fs';
import YAML from 'yaml';
import { parseCommandLine, RENAMED_FLAGS } from '../../../src/cli/flags.js';
import { flowFlagSet } from '../../../src/cli/flow-command.js';
import { flows } from '../../../src/cli/flows.js';
import { EXAMPLES, EXIT_CODES } from '../../../src/cli/help.js';
import { slipway } from './capture.js';

const actionYml = (file: string) => YAML.parse(fs.readFileSync(file, 'utf8')) as { inputs: Record<string, { required?: boolean; default?: string }> };
/** The pipeline is the root action; every other flow has its folder under actions/. */
const actionFile = (action: string) => (action === 'deploy-pipeline' ? 'action.yml' : `actions/${action}/action.yml`);
const commands = flows.map((flow) => [flow.command, actionFile(flow.action), flow.action]);

describe('help from the action inputs', () => {
  it('answers slipway deploy --help with no other flag, exit 0, nothing on stderr', async () => {
    const run = await slipway('deploy', '--help');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^slipway deploy: /);
  });

  it.each(commands)('lists every input of slipway %s (%s) with its default and whether it is required, an example and the exit codes', async (command, file, action) => {
    const { stdout, code } = await slipway(command, '--help');
    expect(code).toBe(0);
    for (const [name, spec] of Object.entries(actionYml(file).inputs)) {
      const flag = RENAMED_FLAGS[action ?? '']?.[name] ?? name;
      const line = stdout.split('\n').find((l) => l.startsWith(`  --${flag} `) || l.startsWith(`  --${flag}[`));
      expect(line).toBeDefined();
      if (spec.required) expect(line).toContain('required');
      if (spec.default) expect(line).toContain(`default: ${String(spec.default).replace(/\n/g, '\\n')}`);
    }
    expect(stdout).toContain(`Example:\n  ${EXAMPLES[command]}`);
    expect(stdout).toContain('Exit codes:\n  0  ok');
    expect(stdout).toContain('  2  input error');
  });

  it('answers --help even next to a flag error, since whoever asks is about to fix it', async () => {
    const run = await slipway('deploy', '--helth-url', 'x', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await slipway('deploy', '--help')).stdout);
  });

  it('gives the same text for slipway help <command>, and refuses an unknown one with a suggestion', async () => {
    expect((await slipway('help', 'smoke')).stdout).toBe((await slipway('smoke', '--help')).stdout);
    expect((await slipway('help', 'pipeline')).stdout).toBe((await slipway('pipeline', '-h')).stdout);
    const unknown = await slipway('help', 'deplyo');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean `slipway deploy`?');
  });

  it('documents exactly the exit codes main returns: 0 ok, 1 failed, 2 an input error, 130 cancelled', async () => {
    expect(EXIT_CODES.map(([code]) => code)).toEqual([0, 1, 2, 130]);
    expect((await slipway('deploy', '--app-dir')).code).toBe(2);
    expect((await slipway('nonsense')).code).toBe(2);
    expect((await slipway('--help')).code).toBe(0);
    expect((await slipway()).code).toBe(2);
  });

  it('lists every command in slipway --help and prints the package version for slipway --version', async () => {
    const { stdout } = await slipway('--help');
    for (const command of [...flows.map((flow) => flow.command), 'demo']) expect(stdout).toContain(`  ${command} `);
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect((await slipway('--version')).stdout).toBe(`slipway ${version}\n`);
  });

  it.each(Object.entries(EXAMPLES))('has an example for slipway %s that the strict parser accepts and that puts no secret on argv', (command, example) => {
    const words = example.split('#')[0]?.trim().split(/\s+/) ?? [];
    expect(words.slice(0, 2)).toEqual(['slipway', command]);
    const flow = flows.find((candidate) => candidate.command === command);
    expect(flow).toBeDefined();
    expect(() => parseCommandLine(words.slice(2), flowFlagSet(flow!))).not.toThrow();
    expect(example).not.toMatch(/--(password|passphrase|forge-token|token)\b/);
  });

  it('does not run the demo when asked for its help', async () => {
    const run = await slipway('demo', '--help');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^slipway demo: /);
    expect((await slipway('demo', '--fast')).code).toBe(2);
  });
});

describe('the README\'s CLI section', () => {
  const section = fs.readFileSync('README.md', 'utf8').split('\n## The CLI\n')[1]?.split('\n## ')[0] ?? '';

  it('puts no secret on the command line, and its slipway.yml names only real inputs with secrets from ${env:…}', () => {
    expect(section).not.toMatch(/--(password|passphrase|forge-token)\b/);
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const config = YAML.parse(yaml) as Record<string, Record<string, string>>;
    expect(config.push?.password).toBe('${env:REGISTRY_TOKEN}');
    const actionOf: Record<string, string> = Object.fromEntries(flows.map((flow) => [flow.command, flow.action]));
    for (const [name, body] of Object.entries(config)) {
      if (name === 'defaults') continue;
      const declared = Object.keys(actionYml(actionFile(actionOf[name] ?? name)).inputs);
      for (const key of Object.keys(body)) expect(declared).toContain(key);
    }
  });
});

describe('every slipway command line written in the README, docs/ and examples/', () => {
  const files = ['README.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'examples/proxy/Caddyfile', 'examples/proxy/nginx.conf'];
  const lines = files.filter((file) => fs.existsSync(file)).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/slipway (build|push|deploy|smoke|drill|scan|pipeline)((?: [^`\n#]*)?)/g)]
    .map((match) => [file, match[1] ?? '', (match[2] ?? '').trim()] as const));

  it.each(lines)('%s: slipway %s %s parses with the strict flags', (_file, command, rest) => {
    // Shell words: quoted parts kept whole ("$TOKEN" stands for a value).
    const words = [...rest.matchAll(/"[^"]*"|'[^']*'|\S+/g)].map((match) => match[0].replace(/^["']|["']$/g, ''));
    const flow = flows.find((candidate) => candidate.command === command);
    expect(flow).toBeDefined();
    expect(() => parseCommandLine(words, flowFlagSet(flow!))).not.toThrow();
  });
});
