import fs from 'node:fs';
import path from 'node:path';
import { formatError, InputError } from '../../core/errors.js';
import { parseCommandArgs, type CommandIo } from './command-io.js';
import { detectProject, type Detected } from './init-detect.js';
import { packageFile } from './version.js';

export const SCHEMA_URL = 'https://raw.githubusercontent.com/slipway-dev/slipway/v1/schema/slipway.schema.json';

const HELP = `slipway init [flags]

Writes slipway.yml and the three workflows (deploy, nightly restore drill, PR
secret scan) for GitHub (.github/workflows/) or Forgejo (.forgejo/workflows/),
from what it finds here: the Dockerfile, the compose file and its service, a
health endpoint. On a terminal it asks only what it cannot find; otherwise the
flags below give it. Then it prints the secrets and variables to set and the
commands that produce them. Existing files are never overwritten without --force.

  --host [user@]host[:port]  the server to deploy to
  --image REF                image name in your registry (default: from the git remote)
  --forge github|forgejo     which workflows (default: from .github/.forgejo or the remote)
  --service NAME             compose service that runs the image (default: found)
  --app-dir DIR              app directory on the server (default /srv/<dir name>)
  --health-url URL           as the server sees it (default: found, on 127.0.0.1)
  --strategy compose|release (default compose when a compose file is here)
  --private-key PATH         the deploy key, for slipway.yml (default ~/.ssh/<dir name>_deploy)
  --force                    overwrite files that exist
  --dry-run                  print what would be written, write nothing
  --json                     one JSON document on stdout (files, secrets, variables), nothing else there
  --quiet                    leave out what was found and written; the next steps are still printed

Exit codes: 0 written, 1 a file could not be written, 2 a missing answer or a file that exists.
`;

export interface InitAnswers {
  host: string;
  image: string;
  forge: 'github' | 'forgejo';
  service: string;
  appDir: string;
  healthUrl?: string;
  strategy: 'compose' | 'release';
  privateKey: string;
  registryUser?: string;
}

const HOST = /^(?:[A-Za-z0-9._-]+@)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;
const IMAGE = /^[a-z0-9][a-z0-9._/:-]*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** What each answer must look like; an error names the flag (the value is not echoed). */
function check(answers: InitAnswers): void {
  if (!HOST.test(answers.host)) throw new InputError('--host', 'is not [user@]host[:port]', 'e.g. deploy@app.example.com or deploy@203.0.113.7:2222.');
  if (!IMAGE.test(answers.image)) throw new InputError('--image', 'is not a lowercase image name', 'e.g. ghcr.io/you/app or git.example.com/team/app.');
  if (!SERVICE.test(answers.service)) throw new InputError('--service', 'is not a compose service name');
  if (!answers.appDir.startsWith('/') || /[\s'"`$\\;&|<>]/.test(answers.appDir)) throw new InputError('--app-dir', 'is not an absolute path without shell characters', 'e.g. /srv/app.');
  if (answers.healthUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(answers.healthUrl)) throw new InputError('--health-url', 'is not an http(s) URL', 'e.g. http://127.0.0.1:8080/api/health (as the server sees it).');
}

/** slipway.yml as init writes it: the schema line for editors, secrets only as ${env:…}. */
export function renderSlipwayYml(answers: InitAnswers, detected: Detected): string {
  const q = (value: string) => JSON.stringify(value);
  return [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# Written by `slipway init`. Flags win over this file; secrets never go in it: ${env:NAME} reads them.',
    '# slipway pipeline --dry-run shows the plan; slipway status shows what runs.',
    'defaults:',
    `  hosts: ${q(answers.host)}`,
    `  private-key: ${q(answers.privateKey)}`,
    '  known-hosts: ./known_hosts # ssh-keyscan output, checked (see the steps slipway init printed)',
    'build:',
    `  image: ${q(answers.image)}`,
    '  context: .',
    ...(detected.dockerfile && detected.dockerfile !== 'Dockerfile' ? [`  dockerfile: ${q(detected.dockerfile)}`] : []),
    '  build-args: APP_VERSION={version}',
    'push:',
    ...(answers.registryUser ? [`  username: ${q(answers.registryUser)}`] : ['  username: ${env:REGISTRY_USER}']),
    '  password: ${env:REGISTRY_PASSWORD}',
    'deploy:',
    `  strategy: ${answers.strategy}`,
    `  app-dir: ${q(answers.appDir)}`,
    ...(answers.strategy === 'compose' ? [`  service: ${q(answers.service)}`, ...(detected.composeFile ? [`  compose-file: ${q(detected.composeFile)}`] : [])] : ['  artifact: dist/']),
    ...(answers.healthUrl ? [`  health-url: ${q(answers.healthUrl)}`, `  health-expect: '"version":"{version}"'`] : []),
    '',
  ].join('\n');
}

/** The workflows' `secrets.X` and `vars.X`, read from the files written (GITHUB_TOKEN is the runner's own). */
export function workflowNeeds(texts: string[]): { secrets: string[]; variables: string[] } {
  const secrets = new Set<string>();
  const variables = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/\bsecrets\.([A-Z][A-Z0-9_]*)/g)) if (match[1] !== 'GITHUB_TOKEN') secrets.add(match[1] ?? '');
    for (const match of text.matchAll(/\bvars\.([A-Z][A-Z0-9_]*)/g)) variables.add(match[1] ?? '');
  }
  return { secrets: [...secrets].sort(), variables: [...variables].sort() };
}

function nextSteps(answers: InitAnswers, needs: { secrets: string[]; variables: string[] }, workflowDir: string): string {
  const hostPart = answers.host.replace(/^[^@]+@/, '');
  const portMatch = /:(\d+)$/.exec(hostPart);
  const port = portMatch?.[1] ?? '22';
  const server = hostPart.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const setSecret = answers.forge === 'github' ? (name: string, from: string) => `gh secret set ${name} ${from}` : (name: string, from: string) => `${name} ${from}`;
  const key = answers.privateKey;
  const login = answers.host.replace(/:\d+$/, '');
  const portFlag = port !== '22' ? `-p ${port} ` : '';
  const secretFrom: Record<string, string> = {
    DEPLOY_HOST: `--body '${answers.host}'`, DEPLOY_SSH_KEY: `< ${key}`, DEPLOY_KNOWN_HOSTS: '< known_hosts', REGISTRY_PASSWORD: '(a token that may push to the registry)',
  };
  const variableValue: Record<string, string> = { IMAGE: answers.image, APP_DIR: answers.appDir, ...(answers.healthUrl ? { HEALTH_URL: answers.healthUrl } : {}) };
  return [
    '',
    'Next steps',
    '  1. A deploy key (no passphrase, for CI; kept out of the repository), its public half on the server:',
    `       ssh-keygen -t ed25519 -f ${key} -N ''`,
    `       ssh-copy-id -i ${key}.pub ${portFlag}${login}`,
    '  2. The host key, checked (the two fingerprints must be equal):',
    `       ssh-keyscan -p ${port} ${server} > known_hosts`,
    '       ssh-keygen -lf known_hosts',
    `       ssh ${portFlag}${login} ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub   # or read it on the server's console`,
    `  3. Secrets (${answers.forge === 'github' ? 'per environment, e.g. gh secret set NAME --env staging' : 'repository Settings → Actions → Secrets'}):`,
    ...needs.secrets.map((name) => `       ${setSecret(name, secretFrom[name] ?? '(see the workflow\'s header comment)')}`),
    `  4. Variables (${answers.forge === 'github' ? 'gh variable set NAME --body VALUE' : 'repository Settings → Actions → Variables'}):`,
    ...needs.variables.map((name) => `       ${name}${variableValue[name] ? ` = ${variableValue[name]}` : ' (optional, see the workflow)'}`),
    `  5. Commit slipway.yml, known_hosts and ${workflowDir}/, then run the Deploy workflow; from here: slipway pipeline --dry-run`,
    '     and afterwards slipway status.',
    '',
  ].join('\n');
}

async function ask(io: CommandIo, question: string, fallback?: string): Promise<string> {
  const answer = ((await io.ask?.(`${question}${fallback ? ` [${fallback}]` : ''}: `)) ?? '').trim();
  return answer || fallback || '';
}

/** Flags first, then what was found; on a terminal, a question for each value still missing (and only those). */
async function answer(flags: Record<string, string>, detected: Detected, io: CommandIo): Promise<InitAnswers> {
  const interactive = Boolean(io.ask);
  const need = async (flag: string, question: string, fallback?: string): Promise<string> => {
    if (flags[flag] !== undefined) return flags[flag] ?? '';
    if (fallback !== undefined && !interactive) return fallback;
    if (!interactive) throw new InputError(`--${flag}`, 'is required when slipway init runs without a terminal', `Pass --${flag} (slipway init asks for it on a terminal).`);
    const value = await ask(io, question, fallback);
    if (!value) throw new InputError(`--${flag}`, 'was not answered', `Run slipway init again, or pass --${flag}.`);
    return value;
  };
  const found = <T>(flag: string, value: T | undefined): T | string | undefined => flags[flag] ?? value;
  const host = await need('host', 'Server to deploy to ([user@]host[:port], e.g. deploy@app.example.com)');
  const image = found('image', detected.image) as string | undefined ?? await need('image', 'Image name in your registry (e.g. ghcr.io/you/app)');
  const forgeValue = found('forge', detected.forge) ?? await need('forge', 'Workflows for github or forgejo', 'github');
  if (forgeValue !== 'github' && forgeValue !== 'forgejo') throw new InputError('--forge', 'is not github or forgejo');
  const strategyValue = flags.strategy ?? (detected.composeFile || !interactive ? 'compose' : await need('strategy', 'Deploy with compose (a compose service) or release (files, atomic switch)', 'compose'));
  if (strategyValue !== 'compose' && strategyValue !== 'release') throw new InputError('--strategy', 'is not compose or release');
  const service = flags.service ?? (strategyValue === 'release' || detected.services.length === 1 || !interactive ? detected.services[0] ?? 'app' : await need('service', `Compose service that runs the image (${detected.services.join(', ') || 'none found'})`, detected.services[0] ?? 'app'));
  const appDir = flags['app-dir'] ?? `/srv/${detected.name}`;
  const guessedHealth = detected.healthPath ? `http://127.0.0.1:${detected.port ?? 8080}${detected.healthPath}` : undefined;
  const healthUrl = flags['health-url'] ?? guessedHealth ?? (interactive ? await ask(io, 'Health URL as the server sees it (empty: none)') || undefined : undefined);
  const registryUser = image.startsWith('ghcr.io/') ? image.split('/')[1] : undefined;
  return { host, image, forge: forgeValue, service, appDir, healthUrl, strategy: strategyValue, privateKey: flags['private-key'] ?? `~/.ssh/${detected.name}_deploy`, registryUser };
}

export async function runInitCommand(args: string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) { io.stdout.write(HELP); return 0; }
  try {
    const parsed = parseCommandArgs(args, { values: ['host', 'image', 'forge', 'service', 'app-dir', 'health-url', 'strategy', 'private-key'], switches: ['force', 'dry-run'] });
    const detected = detectProject(io.cwd);
    const quiet = parsed.switches.has('quiet');
    if (!quiet) io.stderr.write(`Found: ${[
      detected.dockerfile ? detected.dockerfile : 'no Dockerfile',
      detected.composeFile ? `${detected.composeFile} (services: ${detected.services.join(', ') || 'none'})` : 'no compose file',
      detected.healthPath ? `health endpoint ${detected.healthPath}${detected.port ? ` on port ${detected.port}` : ''}` : 'no health endpoint',
      detected.image ? `image ${detected.image} from the git remote` : 'no git remote',
    ].join('; ')}\n`);
    const answers = await answer(parsed.values, detected, io);
    check(answers);
    const workflowDir = answers.forge === 'github' ? '.github/workflows' : '.forgejo/workflows';
    const templates = answers.forge === 'github' ? 'workflows' : 'workflows/forgejo';
    const files: Array<{ file: string; text: string }> = [{ file: 'slipway.yml', text: renderSlipwayYml(answers, detected) }];
    for (const name of ['deploy.yml', 'dr-drill.yml', 'secret-scan.yml']) {
      let text = fs.readFileSync(packageFile(`${templates}/${name}`), 'utf8');
      if (name === 'deploy.yml' && answers.service !== 'app') text = text.replace(/^(\s+service:) app$/m, `$1 ${answers.service}`);
      files.push({ file: `${workflowDir}/${name}`, text });
    }
    const existing = files.filter(({ file }) => fs.existsSync(path.join(io.cwd, file))).map(({ file }) => file);
    if (existing.length && !parsed.switches.has('force')) {
      throw new InputError(existing.join(', '), existing.length === 1 ? 'exists already' : 'exist already', 'Nothing was written. Pass --force to overwrite, or move them away first.');
    }
    const json = parsed.switches.has('json');
    // With --json, what people read goes to stderr and stdout holds the one document.
    const say = (text: string) => (json ? io.stderr : io.stdout).write(text);
    const written: string[] = [];
    if (parsed.switches.has('dry-run')) {
      for (const { file, text } of files) say(`--- ${file}\n${file === 'slipway.yml' ? text : `(${text.split('\n').length} lines from ${templates}/${path.basename(file)})\n`}`);
    } else {
      for (const { file, text } of files) {
        fs.mkdirSync(path.dirname(path.join(io.cwd, file)), { recursive: true });
        fs.writeFileSync(path.join(io.cwd, file), text);
        written.push(file);
        if (!quiet) say(`${existing.includes(file) ? 'overwrote' : 'wrote'} ${file}\n`);
      }
    }
    const needs = workflowNeeds(files.slice(1).map((f) => f.text));
    say(nextSteps(answers, needs, workflowDir));
    if (json) io.stdout.write(`${JSON.stringify({ ok: true, written, forge: answers.forge, secrets: needs.secrets, variables: needs.variables, found: detected }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (args.includes('--json')) io.stdout.write(`${JSON.stringify({ ok: false, error: formatError(error) })}\n`);
    io.stderr.write(`error: ${formatError(error)}\n`);
    return error instanceof InputError ? 2 : 1;
  }
}
