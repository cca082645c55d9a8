import fs from 'node:fs';
import YAML from 'yaml';
import { InputError } from '../../../src/core/errors.js';
import { editDistance, parseCommandLine, RENAMED_FLAGS, suggest } from '../../../src/cli/flags.js';
import { flowFlagSet } from '../../../src/cli/flow-command.js';
import { flows } from '../../../src/cli/flows.js';
import { ACTION_INPUTS } from '../../../src/cli/generated/action-inputs.js';

const flowSet = (command: string) => {
  const flow = flows.find((candidate) => candidate.command === command);
  if (!flow) throw new Error(`no flow ${command}`);
  return flowFlagSet(flow);
};
const pipeline = flowSet('pipeline');
const setOf = flowSet;
const parse = (command: string, args: string[]) => parseCommandLine(args, setOf(command));
const failure = (command: string, args: string[]): string => {
  try {
    parse(command, args);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`slipway ${command} ${args.join(' ')} was accepted`);
};

describe('the strict flag parser', () => {
  it.each([
    ['smoke', ['--expect-versoin', 'v9'], '--expect-versoin', '--expect-version'],
    ['pipeline', ['--dry-rn'], '--dry-rn', '--dry-run'],
    ['deploy', ['--helth-url', 'http://127.0.0.1/'], '--helth-url', '--health-url'],
    ['deploy', ['--app_dir', '/srv/app'], '--app_dir', '--app-dir'],
    ['deploy', ['--strat', 'release'], '--strat', '--strategy'],
    ['build', ['--dockerfle', 'Dockerfile'], '--dockerfle', '--dockerfile'],
    ['push', ['--pasword=x'], '--pasword', '--password'],
    ['drill', ['--sorce', 'sqlite'], '--sorce', '--source'],
    ['scan', ['--jsno'], '--jsno', '--json'],
    ['deploy', ['--dry-rnu'], '--dry-rnu', '--dry-run'],
  ])('refuses a misspelt flag of slipway %s and suggests the nearest one (%j)', (command, args, given, nearest) => {
    const message = failure(command, args);
    expect(message).toContain(`${given}: is not a flag of slipway ${command}`);
    expect(message).toContain(`Did you mean ${nearest}?`);
  });

  it('suggests nothing when no flag is near, and says when the name belongs to another command', () => {
    expect(failure('deploy', ['--zzzzzzzz', '1'])).not.toContain('Did you mean');
    expect(failure('build', ['--expect-version', 'v1'])).toContain('is an input of another command');
  });

  it.each([
    ['deploy', ['--host', '-x'], "--host: needs a value, but the next word is the flag '-x'"],
    ['deploy', ['--host', '--app-dir', '/srv/app'], "--host: needs a value, but the next word is the flag '--app-dir'"],
    ['deploy', ['--app-dir'], '--app-dir: needs a value'],
    ['smoke', ['--url', '--expect-version', 'v1'], "--url: needs a value, but the next word is the flag '--expect-version'"],
    ['deploy', ['--config'], '--config: needs a value'],
  ])('never lets a value flag swallow the next word when it is a flag (slipway %s %j)', (command, args, message) => {
    expect(failure(command, args)).toContain(message);
  });

  it('never quotes back a word that is not flag-shaped, since it may be a secret (a pasted key)', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1ib2R5\n-----END OPENSSH PRIVATE KEY-----';
    const message = failure('deploy', ['--private-key', key]);
    expect(message).toContain("--private-key: needs a value, but the next word is a word that starts with '-'");
    expect(message).not.toContain('c2VjcmV0');
    expect(message).not.toContain('BEGIN');
    expect(failure('push', ['--pull', '-s3cr3t+/x=='])).not.toContain('s3cr3t');
    expect(parse('deploy', [`--private-key=${key}`]).values['private-key']).toBe(key);
  });

  it('takes a value that starts with - only as --name=-value, and leaves judging it to the flow', () => {
    expect(parse('deploy', ['--host=-x']).values).toEqual({ host: '-x' });
    expect(parse('deploy', ['--host=', '--app-dir=/srv/a=b']).values).toEqual({ host: '', 'app-dir': '/srv/a=b' });
    expect(parse('smoke', ['--url', '-']).values).toEqual({ url: '-' });
  });

  it('reads a boolean input as a switch: bare, with a boolean word, with =, or negated with --no-', () => {
    expect(parse('deploy', ['--pull']).values).toEqual({ pull: 'true' });
    expect(parse('deploy', ['--pull', 'false', '--trust-on-first-use']).values).toEqual({ pull: 'false', 'trust-on-first-use': 'true' });
    expect(parse('deploy', ['--pull=no']).values).toEqual({ pull: 'no' });
    expect(parse('deploy', ['--no-pull']).values).toEqual({ pull: 'false' });
    // `no-cache` is itself an input of build, not the negation of something.
    expect(parse('build', ['--no-cache']).values).toEqual({ 'no-cache': 'true' });
    expect(failure('deploy', ['--pull', 'maybe'])).toContain("'maybe': is not a flag (--pull is a switch: write --pull=maybe to give it a value)");
  });

  it('refuses a stray word, a flag given twice and a single-dash flag', () => {
    expect(failure('deploy', ['release'])).toContain("'release': is not a flag");
    expect(failure('deploy', ['--app-dir', '/a', '--app-dir', '/b'])).toContain('--app-dir: is given twice');
    expect(failure('deploy', ['-x'])).toContain('-x: is not a flag of slipway deploy');
    expect(failure('deploy', ['--json', '--json'])).toContain('--json: is given twice');
  });

  it('knows the global flags: --config FILE, --json, --debug, --quiet, --help and -h', () => {
    const line = parse('deploy', ['--config', 'ops/slipway.yml', '--json', '--debug', '--quiet', '-h']);
    expect(line.config).toBe('ops/slipway.yml');
    expect([...line.switches].sort()).toEqual(['debug', 'help', 'json', 'quiet']);
    expect(line.values).toEqual({});
    expect(failure('deploy', ['--json=yes'])).toContain('--json: takes no value');
  });

  it('reads --version as Slipway\'s version only where the command has no version input', () => {
    expect(parse('smoke', ['--version']).switches.has('version')).toBe(true);
    expect(parse('deploy', ['--version', 'v2']).values).toEqual({ version: 'v2' });
    expect(parse('pipeline', ['--version', '1.4.2']).values).toEqual({ version: '1.4.2' });
  });

  it('takes --dry-run as a switch where there is a plan, as an input in the pipeline, and refuses it elsewhere', () => {
    expect(parse('deploy', ['--mode', 'rollback', '--dry-run']).switches.has('dry-run')).toBe(true);
    expect(parse('drill', ['--dry-run']).switches.has('dry-run')).toBe(true);
    expect(parse('pipeline', ['--dry-run']).values).toEqual({ 'dry-run': 'true' });
    for (const command of ['build', 'push', 'smoke', 'scan']) {
      expect(failure(command, ['--dry-run'])).toContain(`--dry-run: is not available for slipway ${command}: it has no dry run, and nothing was run`);
    }
  });

  it('reaches secret-scan\'s config input as --scan-config, since --config names slipway.yml', () => {
    expect(parse('scan', ['--scan-config', '.slipway/scan.yml', '--config', 'slipway.yml'])).toMatchObject({ values: { config: '.slipway/scan.yml' }, config: 'slipway.yml' });
  });

  it.each(flows.filter((flow) => flow.command !== 'pipeline').map((flow) => [flow.command, flow.action]))('allows slipway %s exactly the inputs of actions/%s/action.yml', (command, action) => {
    const declared = Object.keys((YAML.parse(fs.readFileSync(`actions/${action}/action.yml`, 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    const set = setOf(command);
    expect([...set.inputs.values()].map((flag) => flag.input.name).sort()).toEqual(declared.sort());
    for (const name of declared) {
      const flag = [...set.inputs].find(([, value]) => value.input.name === name)?.[0] ?? name;
      expect(() => parseCommandLine([`--${flag}=x`], set)).not.toThrow();
    }
  });

  it('allows slipway pipeline exactly the inputs of the root action.yml', () => {
    const declared = Object.keys((YAML.parse(fs.readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    expect([...pipeline.inputs.keys()].sort()).toEqual(declared.map((name) => RENAMED_FLAGS['deploy-pipeline']?.[name] ?? name).sort());
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual(['preview', ...flows.map((flow) => flow.action)].sort());
  });
});

describe('the nearest-flag suggestion', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('versoin', 'version')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers a close name, takes a cut-off prefix, and gives up on far ones', () => {
    expect(suggest('hots', ['host', 'hosts', 'port'])).toBe('host');
    expect(suggest('health', ['health-url', 'health-expect', 'app-dir'])).toBe('health-url');
    expect(suggest('xyz', ['health-url', 'app-dir'])).toBeUndefined();
  });
});
