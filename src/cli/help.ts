import { ACTION_INPUTS } from './generated/action-inputs.js';
import { flagSetFor, type FlagSet } from './flags.js';

/** What main returns, and so what the shell sees. */
export const EXIT_CODES: ReadonlyArray<[number, string]> = [
  [0, 'ok (a dry run: the plan was printed, nothing touched)'],
  [1, 'failed: the command ran and did not succeed, or stopped before it had a result'],
  [2, 'input error: a flag, slipway.yml or a file they name is wrong (said which, and how to fix it)'],
  [130, 'cancelled (Ctrl-C or SIGTERM): a deploy left each host on the old or the new version, lock released (docs/cancel.md)'],
];

/**
 * One typical invocation per command. Secrets are never on the command line:
 * they come from slipway.yml as `${env:NAME}` (see the README). Each example is
 * parsed by the strict flag parser in the specs, so it cannot name a flag that does not exist.
 */
export const EXAMPLES: Readonly<Record<string, string>> = {
  build: 'slipway build --image git.example.com/team/app --context . --build-args APP_VERSION={version}',
  push: 'slipway push --tags git.example.com/team/app:1.4.2 --username ci   # password: ${env:REGISTRY_TOKEN} in slipway.yml',
  deploy: 'slipway deploy --host deploy@app.example.com --private-key ~/.ssh/deploy_ed25519 --known-hosts ~/.ssh/known_hosts --app-dir /srv/app --service web --image git.example.com/team/app:1.4.2 --health-url http://127.0.0.1:8080/api/health --dry-run',
  smoke: 'slipway smoke --url https://app.example.com/api/health --expect-version 1.4.2',
  drill: 'slipway drill --source sqlite --database-path /srv/app/data/app.db --min-rows users=1 --dry-run',
  scan: 'slipway scan --mode tree --working-directory .',
  pipeline: 'slipway pipeline --image git.example.com/team/app --hosts app1.example.com --app-dir /srv/app --service web --url https://app.example.com/api/health --dry-run',
};

const WIDTH = 100;

function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

function globalFlags(set: FlagSet, dryRunAsInput: boolean): string[] {
  const rows: Array<[string, string]> = [
    ['--config FILE', 'the slipway.yml to read (default: ./slipway.yml when it exists)'],
    ...(set.dryRun ? [['--dry-run', 'print the plan (hosts, strategy, commands) and touch nothing'] as [string, string]] : []),
    ['--json', 'print one JSON document (outputs and result) on stdout'],
    ['--quiet', 'only errors on stderr (no progress line); the result still goes to stdout'],
    ['--debug', 'also show every command run and stack traces'],
    ['--help, -h', 'this help'],
    ...(set.inputs.has('version') ? [] : [['--version', 'the installed Slipway version'] as [string, string]]),
  ];
  const lines = rows.map(([flag, what]) => `  ${flag.padEnd(16)} ${what}`);
  if (!set.dryRun && !dryRunAsInput) lines.push(`  (no --dry-run: slipway ${set.command} refuses it rather than run for real)`);
  return lines;
}

/** `slipway <command> --help`, from the action's own inputs (generated from its action.yml). */
export function commandHelp(command: string, action: string, describe: string, options: { dryRun?: boolean } = {}): string {
  const set = flagSetFor(command, action, options);
  const spec = ACTION_INPUTS[action];
  const lines = [
    `slipway ${command}: ${describe}`,
    `The same inputs as ${spec?.file ?? action}; each is a flag here, or a key under \`${command}:\` or \`defaults:\` in slipway.yml.`,
    '',
    `Usage: slipway ${command} [--input VALUE …] [--config slipway.yml]${set.dryRun ? ' [--dry-run]' : ''} [--json] [--quiet] [--debug]`,
    '',
  ];
  const example = EXAMPLES[command];
  if (example) lines.push('Example:', `  ${example}`, '');
  lines.push('Inputs:');
  for (const [flag, { input, boolean }] of set.inputs) {
    const form = boolean ? `--${flag}[=true|false]` : `--${flag} VALUE`;
    const facts = [input.required ? 'required' : '', input.default !== '' ? `default: ${input.default.replace(/\n/g, '\\n')}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${form}${facts ? `   (${facts})` : ''}`);
    lines.push(...wrap(input.description, '      '));
    if (flag !== input.name) lines.push(`      (input '${input.name}'; ${input.name === 'env-file' ? 'node itself reads --env-file' : `--${input.name} would be the global flag`})`);
    if (boolean) lines.push(`      A switch: --${flag} alone means true${flag.startsWith('no-') ? '' : `, --no-${flag} false`}.`);
  }
  lines.push('', 'Global flags:', ...globalFlags(set, set.inputs.has('dry-run')), '');
  lines.push('A value that starts with - is written --name=-value. Secrets belong in slipway.yml as ${env:NAME}, not on the command line.', '');
  lines.push('Exit codes:', ...EXIT_CODES.map(([code, what]) => `  ${code}  ${what}`), '');
  return lines.join('\n');
}

export interface CommandLine {
  name: string;
  describe: string;
}

/** `slipway --help`: every command, then how to get more. */
export function usage(commands: readonly CommandLine[], version: string): string {
  return [
    `slipway ${version}: build, push, deploy over SSH, smoke-test, drill restores and scan for secrets.`,
    '',
    'Usage: slipway <command> [--input VALUE …] [--config slipway.yml] [--json] [--quiet] [--debug]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(11)} ${command.describe}`),
    '',
    'Every flag of a command is the input of the same name of its action (docs/actions/); values may',
    'also come from slipway.yml: a section per command plus `defaults:`.',
    '',
    '  slipway help <command>    every flag of a command, its default and an example (= slipway <command> --help)',
    '  slipway --version         the installed version',
    '',
    'Exit codes:',
    ...EXIT_CODES.map(([code, what]) => `  ${code}  ${what}`),
    '',
  ].join('\n');
}
