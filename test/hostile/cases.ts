import fs from 'node:fs';
import path from 'node:path';
import { MARKER, type ActionName } from './harness.js';

/**
 * The hostile and careless inputs of issue 15, one row each: which action (or
 * CLI command) gets them, which class of defect they probe, the input the one
 * error must name, and what a case needs on disk. Every row must be refused in
 * parse: non-zero exit, no process started, one error naming the input, no
 * stack trace, and the marker planted in the secret inputs seen nowhere.
 */

export type HostileClass =
  | '1 secret fragments' | '2 option injection' | '3 validated up front' | '4 workflow commands'
  | '5 user regexes' | '6 numbers and characters' | '8 paths';

export interface HostileCase {
  name: string;
  cls: HostileClass;
  /** An action, or `cli` (then `args` and maybe `slipwayYml`). `{outside}` in a value is a directory beyond the workspace. */
  target: ActionName | 'cli';
  inputs: Record<string, string>;
  args?: string[];
  slipwayYml?: string;
  /** The input the one error names: `input 'x'` for actions, `--x` for the CLI. */
  names: string;
  /**
   * The class is fixed in another branch of issue 15 (git refs in secret-scan, strict CLI
   * flags): the case runs as `it.failing` until that lands, then fails loudly so this is removed.
   */
  pendingFix?: string;
  /** Files the case needs in its workspace (and, through `outside`, beyond it). */
  prepare?: (ws: string, outside: string) => void;
}

// ── material shared by the bases ───────────────────────────────────────────
/** Not a usable key: only its frame is checked in parse, and its body is the marker. */
export const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA${MARKER}AAAA\n-----END OPENSSH PRIVATE KEY-----\n`;
/** A key whose cipher is aes256-ctr: ssh would ask for a passphrase. */
export const ENCRYPTED_KEY = (() => {
  const string = (text: string) => { const b = Buffer.alloc(4 + text.length); b.writeUInt32BE(text.length); b.write(text, 4, 'latin1'); return b; };
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), string('aes256-ctr'), string('bcrypt'), string(MARKER)]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${blob.toString('base64').replace(/.{1,70}/g, '$&\n')}-----END OPENSSH PRIVATE KEY-----\n`;
})();
export const PEM_ENCRYPTED_KEY = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA${MARKER}\n-----END RSA PRIVATE KEY-----\n`;
export const KNOWN_HOSTS = '[127.0.0.1]:42001 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOIuQCVwsEhlJE5D3ADGhb9Du8+JrJSk6atw/YHXV9Uu';
const ssh = { host: '127.0.0.1', port: '42001', 'private-key': KEY, 'known-hosts': KNOWN_HOSTS, 'connect-timeout': '2s' };

/** Each action's inputs that would run: a case changes one thing. */
export const BASES: Record<ActionName, Record<string, string>> = {
  'ssh-deploy': { ...ssh, 'app-dir': '/srv/hi-app', service: 'web', image: '127.0.0.1:42003/hi/app:1', env: `APP_SECRET=${MARKER}`, 'health-timeout': '5s' },
  'smoke-test': { url: 'http://127.0.0.1:42002/health', 'secret-headers': `Authorization=Bearer ${MARKER}`, timeout: '2s' },
  'build-image': { image: '127.0.0.1:42003/hi/app', 'build-secrets': `npm_token=${MARKER}` },
  'push-image': { tags: '127.0.0.1:42003/hi/app:1', username: 'ci', password: MARKER },
  'restore-drill': { source: 'sqlite', 'database-path': 'live.db', 'app-image': 'hi-app:1', 'app-env': `DB_PASSWORD=${MARKER}` },
  'secret-scan': { mode: 'tree', token: MARKER },
  'deploy-pipeline': { ...ssh, image: '127.0.0.1:42003/hi/app', username: 'ci', password: MARKER, 'app-dir': '/srv/hi-app', service: 'web', env: `APP_SECRET=${MARKER}` },
  preview: { ...ssh, app: 'hi', 'app-dir': '/srv/hi-app', pr: '12', image: '127.0.0.1:42003/hi/app:pr-12', service: 'web', 'forge-token': MARKER, 'health-timeout': '5s' },
};
const release = { strategy: 'release', artifact: 'release', service: '', image: '' };
const swarm = { strategy: 'swarm', stack: 'hi', 'stack-file': 'stack.yml', 'swarm-secrets': `db_password=${MARKER}` };
const restic = { source: 'restic', repository: '/srv/hi-backups/restic', password: MARKER, 'database-path': '', 'app-image': '', 'app-env': '' };
const postgres = { source: 'postgres', 'pg-database': 'app', 'pg-password': MARKER, 'pg-port': '42005', 'database-path': '', 'app-image': '', 'app-env': '' };

const cases: HostileCase[] = [];
const add = (target: ActionName, cls: HostileClass, names: string, inputs: Record<string, string>, prepare?: HostileCase['prepare'], label?: string) => {
  cases.push({ name: `${target}: ${label ?? describeInputs(inputs)}`, cls, target, inputs, names, prepare });
};
const cli = (cls: HostileClass, names: string, args: string[], slipwayYml?: string, label?: string) => {
  cases.push({ name: `cli: ${label ?? args.join(' ')}`, cls, target: 'cli', inputs: {}, args, slipwayYml, names, prepare: writeSshFiles });
};
function describeInputs(inputs: Record<string, string>): string {
  return Object.entries(inputs).map(([k, v]) => `${k}: ${JSON.stringify(v.replaceAll(MARKER, '<marker>')).slice(0, 70)}`).join(', ');
}
function writeSshFiles(ws: string): void {
  fs.writeFileSync(path.join(ws, 'id'), KEY, { mode: 0o600 });
  fs.writeFileSync(path.join(ws, 'known_hosts'), `${KNOWN_HOSTS}\n`);
}

// ── 1. secret fragments: values split on lines only, errors by line number ──
add('smoke-test', '1 secret fragments', 'secret-headers', { 'secret-headers': `Authorization=Bearer ab,${MARKER}\n${MARKER}` });
add('smoke-test', '1 secret fragments', 'secret-headers', { 'secret-headers': `Authorization=Bearer ${MARKER},cd` + '\nnot a pair' });
add('smoke-test', '1 secret fragments', 'secret-headers', { 'secret-headers': `${MARKER}` }, undefined, 'secret-headers: a bare token without a name');
add('smoke-test', '1 secret fragments', 'secret-headers', { 'secret-headers': `=${MARKER}` });
add('smoke-test', '1 secret fragments', 'secret-headers', { 'secret-headers': `X Token=${MARKER}` }, undefined, 'secret-headers: a name with a space');
add('ssh-deploy', '1 secret fragments', 'env', { env: `DB_PASSWORD=ab,${MARKER}\n${MARKER}` });
add('ssh-deploy', '1 secret fragments', 'env', { env: `${MARKER}` }, undefined, 'env: a bare secret without a name');
add('ssh-deploy', '1 secret fragments', 'env', { env: `A=1,${MARKER}=2\nBAD-NAME=${MARKER}` });
add('ssh-deploy', '1 secret fragments', 'env', { env: `${MARKER}+/x==` }, undefined, 'env: a base64 secret pasted alone');
add('ssh-deploy', '1 secret fragments', 'swarm-secrets', { ...swarm, 'swarm-secrets': `db_password=x,${MARKER}\n${MARKER}` });
add('ssh-deploy', '1 secret fragments', 'swarm-secrets', { ...swarm, 'swarm-secrets': `${MARKER}` }, undefined, 'swarm-secrets: a value without a name');
add('ssh-deploy', '1 secret fragments', 'swarm-secrets', { ...swarm, 'swarm-secrets': `bad name=${MARKER}` });
add('build-image', '1 secret fragments', 'build-secrets', { 'build-secrets': `npm_token=ab,${MARKER}\n${MARKER}` });
add('build-image', '1 secret fragments', 'build-secrets', { 'build-secrets': `${MARKER}` }, undefined, 'build-secrets: a value without an id');
add('build-image', '1 secret fragments', 'build-secrets', { 'build-secrets': `bad/id=${MARKER}` });
add('build-image', '1 secret fragments', 'build-secrets', { 'build-secrets': `-x=${MARKER}` });
add('restore-drill', '1 secret fragments', 'app-env', { 'app-env': `DB_PASSWORD=ab,${MARKER}\n${MARKER}` });
add('restore-drill', '1 secret fragments', 'app-env', { 'app-env': `${MARKER}` }, undefined, 'app-env: a value without a name');
add('restore-drill', '1 secret fragments', 'app-env', { 'app-env': `9LIVES=${MARKER}` });
add('deploy-pipeline', '1 secret fragments', 'env', { env: `DB_PASSWORD=ab,${MARKER}\n${MARKER}` });
add('deploy-pipeline', '1 secret fragments', 'build-secrets', { 'build-secrets': `${MARKER}` }, undefined, 'build-secrets: a value without an id');
add('smoke-test', '1 secret fragments', 'checks-file', { url: '', 'checks-file': path.join('..', '..', 'outside', 'secret.yml') }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'secret.yml'), `${MARKER}: [\n`), 'checks-file: ../ outside the workspace');
add('smoke-test', '1 secret fragments', 'checks-file', { url: '', 'checks-file': '{outside}/creds.yml' }, (_ws, outside) => {
  fs.writeFileSync(path.join(outside, 'creds.yml'), `token: ${MARKER}${MARKER}\n`);
}, 'checks-file: an absolute file that is not a list of checks, never quoted');
add('smoke-test', '1 secret fragments', 'checks-file', { url: '', 'checks-file': 'checks.yml' }, (ws) => fs.writeFileSync(path.join(ws, 'checks.yml'), `- url: "${MARKER}"\n`), 'checks-file: a check whose url is the secret');
add('smoke-test', '1 secret fragments', 'checks-file', { url: '', 'checks-file': 'checks.yml' }, (ws) => fs.writeFileSync(path.join(ws, 'checks.yml'), `- url: http://127.0.0.1:42002/\n  method: "${MARKER}!"\n`), 'checks-file: a method that is the secret');
add('smoke-test', '1 secret fragments', 'checks-file', { url: '', 'checks-file': 'checks.yml' }, (ws) => fs.writeFileSync(path.join(ws, 'checks.yml'), `- url: http://127.0.0.1:42002/\n  ${MARKER}: 1\n`), 'checks-file: an unknown key that is the secret');
cli('1 secret fragments', 'env', ['deploy'], `deploy:\n  host: 127.0.0.1\n  port: "42001"\n  private-key: ./id\n  known-hosts: ./known_hosts\n  app-dir: /srv/hi-app\n  service: web\n  image: 127.0.0.1:42003/hi/app:1\n  env:\n    DB_PASSWORD: ${MARKER}\n`, 'slipway.yml deploy.env written as a map');
cli('1 secret fragments', 'secret-headers', ['smoke'], `smoke:\n  url: http://127.0.0.1:42002/\n  secret-headers:\n    Authorization: Bearer ${MARKER}\n`, 'slipway.yml smoke.secret-headers written as a map');
cli('1 secret fragments', 'app-dir', ['deploy'], `deploy:\n  host: 127.0.0.1\n  private-key: ./id\n  known-hosts: ./known_hosts\n  app-dir: "${MARKER}"\n  service: web\n  image: 127.0.0.1:42003/hi/app:1\n`, 'slipway.yml deploy.app-dir holding a secret by mistake, never quoted');
cli('1 secret fragments', 'image', ['deploy'], `deploy:\n  host: 127.0.0.1\n  private-key: ./id\n  known-hosts: ./known_hosts\n  app-dir: /srv/hi-app\n  service: web\n  image: "${MARKER} x"\n`, 'slipway.yml deploy.image holding a secret by mistake, never quoted');
cli('1 secret fragments', 'build-secrets', ['build'], `build:\n  image: 127.0.0.1:42003/hi/app\n  build-secrets: "a,${MARKER}"\n`, 'slipway.yml build.build-secrets on one line with a comma');

// ── 2. option injection: positional values never start with '-' ────────────
for (const host of ['-oProxyCommand=touch x', '-Fconfig', '-F@127.0.0.1', 'deploy@-oProxyCommand', '127.0.0.1\n-x']) add('ssh-deploy', '2 option injection', 'host', { host });
add('ssh-deploy', '2 option injection', 'hosts', { host: '', hosts: '127.0.0.1\n-Fconfig' });
add('ssh-deploy', '2 option injection', 'user', { user: '-oProxyCommand=x' });
add('ssh-deploy', '2 option injection', 'user', { user: '-F' });
add('ssh-deploy', '2 option injection', 'jump-host', { 'jump-host': '-Fconfig' });
add('ssh-deploy', '2 option injection', 'jump-host', { 'jump-host': '-J@bastion' });
add('ssh-deploy', '2 option injection', 'jump-host', { 'jump-host': 'ops@-Fx' });
add('ssh-deploy', '2 option injection', 'jump-host', { 'jump-host': 'bastion -F x' });
add('ssh-deploy', '2 option injection', 'artifact', { ...release, artifact: '--rsh=sh -c "touch /tmp/slipway-hi-pwned" x.tgz' });
add('ssh-deploy', '2 option injection', 'artifact', { ...release, artifact: '-e sh' });
add('ssh-deploy', '2 option injection', 'image', { image: '--privileged' });
add('ssh-deploy', '2 option injection', 'image', { image: '-v/:/host' });
add('ssh-deploy', '2 option injection', 'service', { service: '-d' });
add('ssh-deploy', '2 option injection', 'compose-project', { 'compose-project': '-p' });
add('ssh-deploy', '2 option injection', 'compose-file', { 'compose-file': '-f/etc/passwd' });
add('ssh-deploy', '2 option injection', 'env-file', { 'env-file': '--env-file=/etc/shadow' });
add('ssh-deploy', '2 option injection', 'stack', { ...swarm, stack: '--prune' });
add('ssh-deploy', '2 option injection', 'swarm-service', { ...swarm, 'swarm-service': '--force', image: '127.0.0.1:42003/hi/app:1' });
add('ssh-deploy', '2 option injection', 'shared', { ...release, shared: '-rf' });
add('build-image', '2 option injection', 'target', { target: '--output=/tmp/x' });
add('build-image', '2 option injection', 'network', { network: '--privileged' });
add('build-image', '2 option injection', 'tags', { tags: '-t evil' });
add('build-image', '2 option injection', 'image', { image: '--iidfile=/tmp/x' });
add('push-image', '2 option injection', 'tags', { tags: '--all-tags' });
add('push-image', '2 option injection', 'username', { username: '-p' });
add('restore-drill', '2 option injection', 'pg-database', { ...postgres, 'pg-database': 'host=evil dbname=app' });
add('restore-drill', '2 option injection', 'pg-database', { ...postgres, 'pg-database': 'postgresql://evil:5432/app' });
add('restore-drill', '2 option injection', 'pg-database', { ...postgres, 'pg-database': '-h evil' });
add('restore-drill', '2 option injection', 'pg-maintenance-database', { ...postgres, 'pg-maintenance-database': 'dbname=postgres host=evil' });
add('restore-drill', '2 option injection', 'pg-host', { ...postgres, 'pg-host': '-c evil' });
add('restore-drill', '2 option injection', 'pg-host', { ...postgres, 'pg-host': 'evil dbname=x' });
add('restore-drill', '2 option injection', 'pg-user', { ...postgres, 'pg-user': '-W' });
add('restore-drill', '2 option injection', 'repository', { ...restic, source: 'borg', repository: '--rsh=sh' });
add('restore-drill', '2 option injection', 'snapshot', { ...restic, snapshot: '--target=/' });
add('restore-drill', '2 option injection', 'tags', { ...restic, tags: '-x' });
add('restore-drill', '2 option injection', 'container', { container: '--privileged', 'database-path': '/data/app.db' });
add('restore-drill', '2 option injection', 'database-path', { container: 'hi-db', 'database-path': '-cmd' });
add('restore-drill', '2 option injection', 'volume', { source: 'tarball', volume: '-v/:/x', 'database-path': '', 'app-image': '', 'app-env': '' });
add('restore-drill', '2 option injection', 'helper-image', { source: 'tarball', volume: 'hi-data', 'helper-image': '--privileged', 'database-path': '', 'app-image': '', 'app-env': '' });
add('restore-drill', '2 option injection', 'app-image', { 'app-image': '--privileged' });
add('restore-drill', '2 option injection', 'host', { host: '-oProxyCommand=x', 'private-key': KEY, 'known-hosts': KNOWN_HOSTS, 'database-path': '/srv/app.db' });
add('smoke-test', '2 option injection', 'host', { 'via-ssh': 'true', host: '-Fconfig', 'private-key': KEY, 'known-hosts': KNOWN_HOSTS });
add('smoke-test', '2 option injection', 'jump-host', { 'via-ssh': 'true', host: '127.0.0.1', 'jump-host': '-Fx', 'private-key': KEY, 'known-hosts': KNOWN_HOSTS });
add('deploy-pipeline', '2 option injection', 'host', { host: '-oProxyCommand=x' });
add('deploy-pipeline', '2 option injection', 'target', { target: '--output=/tmp/x' });
add('deploy-pipeline', '2 option injection', 'artifact', { ...release, artifact: '--rsh=sh x.tgz' });
cli('2 option injection', 'host', ['deploy', '--host=-oProxyCommand=x', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1']);
cli('2 option injection', 'jump-host', ['deploy', '--host=127.0.0.1', '--jump-host=-Fx', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1']);
cli('2 option injection', 'pg-database', ['drill', '--source=postgres', '--pg-database=host=evil dbname=app']);
cli('2 option injection', 'artifact', ['deploy', '--strategy=release', '--artifact=--rsh=sh x', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app']);

// ── 3. everything checked before anything runs ──────────────────────────────
add('ssh-deploy', '3 validated up front', 'health-url', { 'health-url': 'not a url' });
add('ssh-deploy', '3 validated up front', 'health-url', { 'health-url': 'ftp://127.0.0.1/health' });
add('ssh-deploy', '3 validated up front', 'health-url', { 'health-url': 'http://user:pw@127.0.0.1/' });
add('ssh-deploy', '3 validated up front', 'env', { env: `1ST=${MARKER}` });
add('ssh-deploy', '3 validated up front', 'env', { env: `MY-VAR=${MARKER}` });
add('ssh-deploy', '3 validated up front', 'env', { env: `A=1\nB C=${MARKER}` });
add('ssh-deploy', '3 validated up front', 'stack-file', { ...swarm, 'stack-file': 'missing-stack.yml' });
add('ssh-deploy', '3 validated up front', 'stack-file', { ...swarm, 'stack-file': 'release' }, undefined, 'stack-file: a directory');
add('ssh-deploy', '3 validated up front', 'artifact', { ...release, artifact: 'missing-dir' });
add('ssh-deploy', '3 validated up front', 'artifact', { ...release, artifact: 'missing.tgz' });
add('ssh-deploy', '3 validated up front', 'artifact', { ...release, artifact: 'release.tar.gz' }, (ws) => fs.mkdirSync(path.join(ws, 'release.tar.gz')), 'artifact: a directory named like an archive');
add('ssh-deploy', '3 validated up front', 'artifact', { ...release, artifact: 'Dockerfile' }, undefined, 'artifact: a file that is not an archive');
add('ssh-deploy', '3 validated up front', 'passphrase', { 'private-key': ENCRYPTED_KEY }, undefined, 'private-key: encrypted (OpenSSH), no passphrase');
add('ssh-deploy', '3 validated up front', 'passphrase', { 'private-key': PEM_ENCRYPTED_KEY }, undefined, 'private-key: encrypted (PEM), no passphrase');
add('ssh-deploy', '3 validated up front', 'private-key', { 'private-key': `not a key ${MARKER}` });
add('ssh-deploy', '3 validated up front', 'private-key', { 'private-key': './missing-key' });
add('ssh-deploy', '3 validated up front', 'private-key', { 'private-key': '' });
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': '[127.0.0.1]:42001 ssh-ed25519' }, undefined, 'known-hosts: a half line');
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': '[127.0.0.1]:42001 ssh-ed25519 not*base64' });
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': '[127.0.0.1]:42001 ssh-foo AAAAC3NzaC1lZDI1NTE5AAAAIOIuQCVwsEhlJE5D3ADGhb9Du8+JrJSk6atw/YHXV9Uu' });
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': '[127.0.0.1]:42001 ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOIuQCVwsEhlJE5D3ADGhb9Du8+JrJSk6atw/YHXV9Uu' }, undefined, 'known-hosts: an ed25519 key labelled ssh-rsa');
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': './missing_known_hosts' });
add('ssh-deploy', '3 validated up front', 'known-hosts', { 'known-hosts': '' });
add('ssh-deploy', '3 validated up front', 'host-fingerprint', { 'known-hosts': '', 'host-fingerprint': 'SHA256:short' });
add('ssh-deploy', '3 validated up front', 'image', { image: '' }, undefined, 'image: empty for a compose deploy');
add('ssh-deploy', '3 validated up front', 'strategy', { strategy: 'kubernetes' });
add('ssh-deploy', '3 validated up front', 'mode', { ...release, mode: 'rollback', strategy: 'script', script: 'true' }, undefined, 'mode: rollback with the script strategy');
add('ssh-deploy', '3 validated up front', 'version', { version: '1.0\n::error title=X::forged' });
add('smoke-test', '3 validated up front', 'url', { url: 'not a url' });
add('smoke-test', '3 validated up front', 'url', { url: 'file:///etc/passwd' });
add('smoke-test', '3 validated up front', 'url', { url: `http://ci:${MARKER}@127.0.0.1:42002/` });
add('smoke-test', '3 validated up front', 'expect-status', { 'expect-status': '600' });
add('smoke-test', '3 validated up front', 'checks-file', { url: '', 'checks-file': 'missing.yml' });
add('smoke-test', '3 validated up front', 'ca-cert', { 'ca-cert': 'missing-ca.pem' });
add('smoke-test', '3 validated up front', 'connect-to', { 'connect-to': 'a b c' });
add('smoke-test', '3 validated up front', 'known-hosts', { 'via-ssh': 'true', host: '127.0.0.1', 'private-key': KEY, 'known-hosts': 'garbage line' });
add('smoke-test', '3 validated up front', 'passphrase', { 'via-ssh': 'true', host: '127.0.0.1', 'private-key': ENCRYPTED_KEY, 'known-hosts': KNOWN_HOSTS }, undefined, 'via-ssh with an encrypted key and no passphrase');
add('build-image', '3 validated up front', 'context', { context: 'missing-context' });
add('build-image', '3 validated up front', 'dockerfile', { dockerfile: 'Missing.Dockerfile' });
add('build-image', '3 validated up front', 'dockerfile', { dockerfile: 'release' }, undefined, 'dockerfile: a directory');
add('build-image', '3 validated up front', 'build-args', { 'build-args': `DB_PASSWORD=${MARKER}` });
add('build-image', '3 validated up front', 'platforms', { platforms: 'linux/amd64,linux/arm64' });
add('push-image', '3 validated up front', 'tags', { tags: '127.0.0.1:42003/hi/app' }, undefined, 'tags: a reference without a tag');
add('push-image', '3 validated up front', 'password', { password: '' });
add('push-image', '3 validated up front', 'verify-platform', { 'verify-platform': 'linux/s390' });
add('restore-drill', '3 validated up front', 'database-path', { 'database-path': 'missing.db' });
add('restore-drill', '3 validated up front', 'dump-file', { ...postgres, 'pg-database': '', 'dump-file': 'missing.dump' });
add('restore-drill', '3 validated up front', 'tarball', { source: 'tarball', tarball: 'missing.tar', 'database-path': '', 'app-image': '', 'app-env': '' });
add('restore-drill', '3 validated up front', 'password', { ...restic, password: '' });
add('restore-drill', '3 validated up front', 'app-port-env', { 'app-port-env': 'PORT; rm' });
add('restore-drill', '3 validated up front', 'forge-api-url', { 'forge-token': MARKER, 'forge-api-url': 'not a url' });
add('restore-drill', '3 validated up front', 'queries', { queries: 'SELECT 1' });
add('secret-scan', '3 validated up front', 'working-directory', { 'working-directory': 'missing-dir' });
add('secret-scan', '3 validated up front', 'max-file-size', { 'max-file-size': 'lots' });
add('secret-scan', '3 validated up front', 'token', { comment: 'true', token: '' });
add('secret-scan', '3 validated up front', 'mode', { mode: 'everything' });
add('deploy-pipeline', '3 validated up front', 'health-url', { 'health-url': 'not a url' });
add('deploy-pipeline', '3 validated up front', 'passphrase', { 'private-key': ENCRYPTED_KEY }, undefined, 'private-key: encrypted, no passphrase');
add('deploy-pipeline', '3 validated up front', 'known-hosts', { 'known-hosts': 'garbage' });
add('deploy-pipeline', '3 validated up front', 'stack-file', { ...swarm, 'stack-file': 'missing.yml' });
add('deploy-pipeline', '3 validated up front', 'env', { env: 'BAD-NAME=1' });
cli('3 validated up front', 'health-url', ['deploy', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1', '--health-url=not a url']);
cli('3 validated up front', 'passphrase', ['deploy', '--host=127.0.0.1', '--private-key=./encrypted', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1'], undefined, 'deploy with an encrypted key file and no passphrase');
cli('3 validated up front', 'stack-file', ['deploy', '--strategy=swarm', '--stack=hi', '--stack-file=missing.yml', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app']);

// ── 4. text that would become workflow commands ─────────────────────────────
add('ssh-deploy', '4 workflow commands', 'version', { version: '1.0\n::add-mask::x' });
add('ssh-deploy', '4 workflow commands', 'app-dir', { 'app-dir': '/srv/app\n::error::forged' });
add('ssh-deploy', '4 workflow commands', 'host', { host: '127.0.0.1\n::error::forged' }, undefined, 'host: a second line that is a workflow command');
add('smoke-test', '4 workflow commands', 'url', { url: 'http://127.0.0.1:42002/\n::error::forged' });
add('push-image', '4 workflow commands', 'tags', { tags: '127.0.0.1:42003/hi/app:1\n::set-output name=x::y' });
add('deploy-pipeline', '4 workflow commands', 'version', { version: '1.0\n::stop-commands::x' });

// ── 5. user regexes run on RE2: what RE2 cannot compile is an input error ──
add('smoke-test', '5 user regexes', 'checks', { url: '', checks: '- url: http://127.0.0.1:42002/\n  body-matches: "(?=lookahead)"' });
add('smoke-test', '5 user regexes', 'checks', { url: '', checks: '- url: http://127.0.0.1:42002/\n  body-matches: "(a)\\\\1"' }, undefined, 'checks: body-matches with a backreference');
add('smoke-test', '5 user regexes', 'checks', { url: '', checks: '- url: http://127.0.0.1:42002/\n  json: ["version matches (?<!x)y"]' });
add('smoke-test', '5 user regexes', 'checks', { url: '', checks: '- url: http://127.0.0.1:42002/\n  body-matches: "([a-"' });
add('smoke-test', '5 user regexes', 'checks-file', { url: '', 'checks-file': 'checks.yml' }, (ws) => fs.writeFileSync(path.join(ws, 'checks.yml'), '- url: http://127.0.0.1:42002/\n  body-matches: "(?=x)"\n'), 'checks-file: body-matches with lookahead');
add('deploy-pipeline', '5 user regexes', 'checks', { checks: '- url: http://127.0.0.1:42002/\n  body-matches: "(?!x)"' });

// ── 6. numbers and characters ───────────────────────────────────────────────
const controls: Array<[string, string]> = [['ESC', '\u001b[2J'], ['BEL', '\u0007'], ['backspace', '\u0008'], ['vertical tab', '\u000b'], ['DEL', '\u007f'], ['CSI', '\u009b31m'], ['unit separator', '\u001f']];
const controlTargets: Array<[ActionName, string, string]> = [
  ['ssh-deploy', 'app-dir', '/srv/hi-app'], ['ssh-deploy', 'host', '127.0.0.1'], ['ssh-deploy', 'env', `A=${MARKER}`], ['ssh-deploy', 'private-key', KEY],
  ['smoke-test', 'url', 'http://127.0.0.1:42002/'], ['smoke-test', 'secret-headers', `Authorization=${MARKER}`], ['build-image', 'image', '127.0.0.1:42003/hi/app'],
  ['build-image', 'build-secrets', `tok=${MARKER}`], ['push-image', 'password', MARKER], ['push-image', 'tags', '127.0.0.1:42003/hi/app:1'],
  ['restore-drill', 'database-path', 'live.db'], ['restore-drill', 'app-env', `A=${MARKER}`], ['secret-scan', 'working-directory', '.'],
  ['secret-scan', 'mode', 'tree'], ['deploy-pipeline', 'image', '127.0.0.1:42003/hi/app'], ['deploy-pipeline', 'password', MARKER],
];
for (const [index, [action, input, value]] of controlTargets.entries()) {
  const [label, character] = controls[index % controls.length] ?? ['ESC', '\u001b'];
  add(action, '6 numbers and characters', input, { [input]: `${value.slice(0, 5)}${character}${value.slice(5)}` }, undefined, `${input}: holds ${label}`);
}
for (const [action, input, value] of [
  ['ssh-deploy', 'command-timeout', '0'], ['ssh-deploy', 'command-timeout', '30d'], ['ssh-deploy', 'connect-timeout', '0'], ['ssh-deploy', 'health-timeout', '30d'],
  ['ssh-deploy', 'lock-timeout', '25d'], ['ssh-deploy', 'lock-stale-after', '0'], ['ssh-deploy', 'health-timeout', '0'], ['ssh-deploy', 'port', '0'],
  ['ssh-deploy', 'port', '99999999999999999999'], ['ssh-deploy', 'batch-size', '100000'], ['ssh-deploy', 'keep-releases', '1000'], ['ssh-deploy', 'command-timeout', '1e9'],
  ['smoke-test', 'timeout', '30d'], ['smoke-test', 'request-timeout', '0'], ['smoke-test', 'max-retry-interval', '9999999999999ms'], ['smoke-test', 'consecutive-passes', '0'],
  ['smoke-test', 'soak-requests', '-1'], ['smoke-test', 'max-latency', '40d'], ['push-image', 'rate-limit-wait', '30d'], ['push-image', 'retries', '99'],
  ['restore-drill', 'timeout', '30d'], ['restore-drill', 'timeout', '0'], ['restore-drill', 'app-timeout', '0'], ['restore-drill', 'max-age', '0'],
  ['restore-drill', 'shrink-tolerance', '101'], ['restore-drill', 'app-expect-status', '99'], ['secret-scan', 'pr-number', '99999999999999999999'], ['secret-scan', 'pr-number', '0'],
  ['deploy-pipeline', 'command-timeout', '0'],
] as Array<[ActionName, string, string]>) {
  add(action, '6 numbers and characters', input, { [input]: value, ...(input === 'keep-releases' ? release : {}) });
}
add('deploy-pipeline', '6 numbers and characters', 'timeout', { url: 'http://127.0.0.1:42002/health', timeout: '30d' });
add('ssh-deploy', '6 numbers and characters', 'swarm-timeout', { ...swarm, 'swarm-timeout': '0' });
add('ssh-deploy', '6 numbers and characters', 'parallelism', { ...swarm, parallelism: '0' });
add('smoke-test', '6 numbers and characters', 'soak-duration', { 'soak-requests': '10', 'soak-duration': '30d' });
cli('6 numbers and characters', 'app-dir', ['deploy'], `deploy:\n  host: 127.0.0.1\n  private-key: ./id\n  known-hosts: ./known_hosts\n  app-dir: "/srv/hi\\0app"\n  service: web\n  image: 127.0.0.1:42003/hi/app:1\n`, 'slipway.yml app-dir with a NUL byte');
cli('6 numbers and characters', 'env', ['deploy'], `deploy:\n  host: 127.0.0.1\n  private-key: ./id\n  known-hosts: ./known_hosts\n  app-dir: /srv/hi-app\n  service: web\n  image: 127.0.0.1:42003/hi/app:1\n  env: "A=${MARKER}\\0"\n`, 'slipway.yml env value with a NUL byte');
cli('6 numbers and characters', 'timeout', ['drill', '--source=sqlite', '--database-path=live.db', '--timeout=30d']);
cli('6 numbers and characters', 'command-timeout', ['deploy', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1', '--command-timeout=0']);
cli('6 numbers and characters', 'timeout', ['smoke', '--url=http://127.0.0.1:42002/', '--timeout=30d']);

// ── 8. paths resolved before they are judged ────────────────────────────────
for (const appDir of ['/srv/../etc', '/srv/app/..', '/srv/./app', '/', 'srv/app', '/srv/app/../../root/.ssh']) add('ssh-deploy', '8 paths', 'app-dir', { 'app-dir': appDir });
add('ssh-deploy', '8 paths', 'artifact', { ...release, artifact: '../../outside' }, undefined, 'artifact: a directory outside the workspace, relative');
add('ssh-deploy', '8 paths', 'artifact', { ...release, artifact: 'escape' }, (ws, outside) => fs.symlinkSync(outside, path.join(ws, 'escape')), 'artifact: a symlink out of the workspace');
add('ssh-deploy', '8 paths', 'stack-file', { ...swarm, 'stack-file': '../../outside/stack.yml' }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'stack.yml'), 'services: {}\n'));
add('ssh-deploy', '8 paths', 'compose-file', { 'compose-file': '../docker-compose.yml' });
add('ssh-deploy', '8 paths', 'shared', { ...release, shared: '../../etc/passwd' });
add('restore-drill', '8 paths', 'scratch-dir', { 'scratch-dir': 'live.db' }, undefined, 'scratch-dir: the live database file');
add('restore-drill', '8 paths', 'scratch-dir', { 'scratch-dir': 'live-link' }, (ws) => fs.symlinkSync(ws, path.join(ws, 'live-link')), 'scratch-dir: a symlink to the directory holding the live database');
add('restore-drill', '8 paths', 'scratch-dir', { 'scratch-dir': '.' }, undefined, 'scratch-dir: the workspace that holds the live database');
add('restore-drill', '8 paths', 'scratch-dir', { ...restic, 'scratch-dir': 'live.db' }, undefined, 'scratch-dir: an existing file (restic)');
add('restore-drill', '8 paths', 'scratch-dir', { ...restic, 'scratch-dir': 'release' }, undefined, 'scratch-dir: a directory that is not empty');
add('restore-drill', '8 paths', 'scratch-dir', { source: 'tarball', tarball: 'data/app.tar', 'scratch-dir': 'data-link/restore', 'database-path': '', 'app-image': '', 'app-env': '' }, (ws) => {
  fs.mkdirSync(path.join(ws, 'data'));
  fs.writeFileSync(path.join(ws, 'data', 'app.tar'), '');
  fs.symlinkSync(path.join(ws, 'data', 'app.tar'), path.join(ws, 'data-link'));
}, 'scratch-dir: under a symlink to the tarball');
add('restore-drill', '8 paths', 'report-file', { 'report-file': '../../outside/report.json' });
add('restore-drill', '8 paths', 'report-file', { 'report-file': 'out/report.json' }, (ws, outside) => fs.symlinkSync(outside, path.join(ws, 'out')), 'report-file: through a symlink out of the workspace');
add('restore-drill', '8 paths', 'previous-report', { 'previous-report': '../previous.json' });
add('restore-drill', '8 paths', 'database-path', { 'database-path': '../../outside/live.db' }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'live.db'), ''));
add('restore-drill', '8 paths', 'dump-file', { ...postgres, 'pg-database': '', 'dump-file': '../../outside/app.dump' }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'app.dump'), ''));
add('smoke-test', '8 paths', 'checks-file', { url: '', 'checks-file': 'link.yml' }, (ws, outside) => {
  fs.writeFileSync(path.join(outside, 'linked.yml'), '- url: http://127.0.0.1:42002/\n');
  fs.symlinkSync(path.join(outside, 'linked.yml'), path.join(ws, 'link.yml'));
}, 'checks-file: a symlink out of the workspace');
add('smoke-test', '8 paths', 'checks-file', { url: '', 'checks-file': '../../outside/x.yml' });
add('deploy-pipeline', '8 paths', 'app-dir', { 'app-dir': '/srv/../etc' });
add('deploy-pipeline', '8 paths', 'checks-file', { 'checks-file': '../../outside/checks.yml' });
cli('8 paths', 'app-dir', ['deploy', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/../etc', '--service=web', '--image=127.0.0.1:42003/hi/app:1']);
cli('8 paths', 'report-file', ['drill', '--source=sqlite', '--database-path=live.db', '--report-file=../../outside/r.json']);
cli('8 paths', 'scratch-dir', ['drill', '--source=sqlite', '--database-path=live.db', '--scratch-dir=live.db']);
cli('8 paths', 'checks-file', ['smoke', '--checks-file=../../outside/c.yml']);

// ── inputs added in the last round: release host conventions, script, image-variable, Cloudron, previews, restore-as, anonymous pulls ──
const script = { strategy: 'script', script: 'true', service: '', image: '' };
const MANIFEST = JSON.stringify({ id: 'org.hi.app', version: '1.0.0', healthCheckPath: '/api/health' });
const writeManifest: HostileCase['prepare'] = (ws) => fs.writeFileSync(path.join(ws, 'CloudronManifest.json'), MANIFEST);
/** A Cloudron update that would run: the dashboard is the case's listener, which counts any call and closes it. */
const cloudron = { strategy: 'cloudron', 'cloudron-origin': 'https://{listener}', 'cloudron-token': MARKER, 'cloudron-app': 'staging.hi.example', image: '127.0.0.1:42003/hi/app:1.0.0', service: '' };
/** ssh-deploy's mode preview: pr-12's preview of the compose app (env is production's, refused there). */
const preview = { mode: 'preview', 'pr-number': '12', image: '127.0.0.1:42003/hi/app:pr-12', env: '' };
const longName = (length: number) => 'a'.repeat(length);

// ssh-deploy, release: lock-file and deploy-log are paths under app-dir, release-name a time format.
for (const [input, value, cls] of [
  ['lock-file', '../deploy.lock', '8 paths'], ['lock-file', '/etc/deploy.lock', '8 paths'], ['lock-file', '-deploy.lock', '2 option injection'],
  ['lock-file', '.', '8 paths'], ['lock-file', './', '8 paths'], ['lock-file', 'locks//deploy.lock', '8 paths'], ['lock-file', 'current/.deploy.lock', '8 paths'],
  ['lock-file', 'releases', '8 paths'], ['lock-file', '.deploy.lock; rm -rf ~', '2 option injection'], ['lock-file', '$(touch x).lock', '2 option injection'],
  ['lock-file', `${longName(300)}.lock`, '6 numbers and characters'], ['lock-file', '.deploy.lock\n::error::forged', '4 workflow commands'],
  ['deploy-log', '../../var/log/deploy.log', '8 paths'], ['deploy-log', '/var/log/deploy.log', '8 paths'], ['deploy-log', '--append', '2 option injection'],
  ['deploy-log', 'current/deploy.log', '8 paths'], ['deploy-log', 'logs/`id`.log', '2 option injection'], ['deploy-log', 'deploy.log/', '8 paths'],
  ['deploy-log', `logs/${longName(5000)}`, '6 numbers and characters'], ['deploy-log', 'deploy.log\n-x', '4 workflow commands'],
  ['release-name', '%Y%m%d%H%M%S;rm', '2 option injection'], ['release-name', '../%Y%m%d%H%M%S', '8 paths'], ['release-name', '-%Y%m%d%H%M%S', '2 option injection'],
  ['release-name', '%S%M%H%d%m%Y', '3 validated up front'], ['release-name', '%Y%m%d', '3 validated up front'], ['release-name', 'release', '3 validated up front'],
  ['release-name', '%Y/%m/%d/%H%M%S', '8 paths'], ['release-name', '%Y%m%d%H%M%S.failed', '3 validated up front'], ['release-name', '%Y%m%dT%H%M%SZ\n::error::x', '4 workflow commands'],
  ['release-name', `${longName(300)}%Y%m%d%H%M%S`, '6 numbers and characters'], ['release-name', '%Y%m%d%H%M%S%z', '3 validated up front'],
] as Array<[string, string, HostileClass]>) {
  add('ssh-deploy', cls, input, { ...release, [input]: value }, undefined, `release ${input}: ${JSON.stringify(value).slice(0, 70)}`);
}
add('ssh-deploy', '8 paths', 'deploy-log', { ...release, 'lock-file': 'deploy.log', 'deploy-log': 'deploy.log' }, undefined, 'deploy-log: the same file as lock-file');
add('ssh-deploy', '8 paths', 'deploy-log', { ...release, 'lock-file': '.deploy.lock', 'deploy-log': '.deploy.lock/log' }, undefined, 'deploy-log: inside the lock-file path');

// ssh-deploy, script: shell, script-file, create-app-dir.
for (const [input, value, cls] of [
  ['shell', 'bash -x', '2 option injection'], ['shell', '-c', '2 option injection'], ['shell', 'sh;id', '2 option injection'], ['shell', 'zsh', '3 validated up front'],
  ['shell', '../bin/sh', '8 paths'], ['shell', '/bin/../bin/sh', '8 paths'], ['shell', '/usr/bin/zsh\n-x', '4 workflow commands'], ['shell', 'powershell', '3 validated up front'],
  ['shell', `/usr/${longName(5000)}/sh`, '6 numbers and characters'], ['shell', '/bin/sh -e', '2 option injection'],
  ['create-app-dir', 'maybe', '3 validated up front'], ['create-app-dir', 'true; rm', '2 option injection'],
] as Array<[string, string, HostileClass]>) {
  add('ssh-deploy', cls, input, { ...script, [input]: value }, undefined, `script ${input}: ${JSON.stringify(value).slice(0, 70)}`);
}
add('ssh-deploy', '8 paths', 'script-file', { ...script, script: '', 'script-file': '../../outside/deploy.sh' }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'deploy.sh'), 'true\n'), 'script-file: ../ outside the workspace');
add('ssh-deploy', '8 paths', 'script-file', { ...script, script: '', 'script-file': 'scripts/deploy.sh' }, (ws, outside) => {
  fs.writeFileSync(path.join(outside, 'deploy.sh'), 'true\n');
  fs.symlinkSync(outside, path.join(ws, 'scripts'));
}, 'script-file: through a symlink out of the workspace');
add('ssh-deploy', '3 validated up front', 'script-file', { ...script, script: '', 'script-file': 'scripts/missing.sh' });
add('ssh-deploy', '3 validated up front', 'script-file', { ...script, script: '', 'script-file': 'release' }, undefined, 'script-file: a directory');
add('ssh-deploy', '2 option injection', 'script-file', { ...script, script: '', 'script-file': '-x.sh' });
add('ssh-deploy', '3 validated up front', 'script-file', { ...script, 'script-file': 'deploy.sh' }, (ws) => fs.writeFileSync(path.join(ws, 'deploy.sh'), 'true\n'), 'script-file: set together with script');
add('ssh-deploy', '6 numbers and characters', 'script-file', { ...script, script: '', 'script-file': 'big.sh' }, (ws) => fs.writeFileSync(path.join(ws, 'big.sh'), `#${'x'.repeat(2 * 1024 * 1024)}\n`), 'script-file: a 2 MiB file');
add('ssh-deploy', '4 workflow commands', 'script-file', { ...script, script: '', 'script-file': 'deploy.sh\n::error::forged' });

// ssh-deploy, compose: image-variable names the variable the compose file reads.
for (const value of ['TAG=1', '1TAG', 'TAG;rm', '-TAG', 'TAG\nIMAGE', 'TAG NAME', '${TAG}']) add('ssh-deploy', '3 validated up front', 'image-variable', { 'image-variable': value });
add('ssh-deploy', '1 secret fragments', 'env', { 'image-variable': 'TAG', image: '', env: `TAG=${MARKER} x` }, undefined, 'env: image-variable TAG given a secret with a space, never quoted');
add('ssh-deploy', '2 option injection', 'env', { 'image-variable': 'TAG', image: '', env: 'TAG=--privileged' });
add('ssh-deploy', '3 validated up front', 'image', { 'image-variable': 'TAG', image: '', env: 'OTHER=1' }, undefined, 'image: empty, and env does not set image-variable');
add('ssh-deploy', '3 validated up front', 'image-variable', { 'image-variable': 'TAG', 'zero-downtime': 'true', 'health-url': 'http://127.0.0.1:8080/health' });

// ssh-deploy, cloudron: an https origin, a token that stays secret, an app id or location.
const cloudronRows: Array<[string, Record<string, string>, HostileClass, string?]> = [
  ['cloudron-origin', { 'cloudron-origin': 'http://{listener}' }, '3 validated up front'],
  ['cloudron-origin', { 'cloudron-origin': 'ftp://my.hi.example' }, '3 validated up front'],
  ['cloudron-origin', { 'cloudron-origin': `https://admin:${MARKER}@{listener}` }, '1 secret fragments', 'cloudron-origin: the token as a password in the address'],
  ['cloudron-origin', { 'cloudron-origin': 'https://{listener}/api/v1' }, '3 validated up front'],
  ['cloudron-origin', { 'cloudron-origin': 'https://{listener}/?token=x' }, '3 validated up front'],
  ['cloudron-origin', { 'cloudron-origin': 'https://127.0.0.1:99999' }, '6 numbers and characters'],
  ['cloudron-origin', { 'cloudron-origin': 'my hi.example' }, '3 validated up front'],
  ['cloudron-origin', { 'cloudron-origin': '' }, '3 validated up front', 'cloudron-origin: empty'],
  ['cloudron-origin', { 'cloudron-origin': 'https://{listener}'.replace('//', '//\n') }, '4 workflow commands', 'cloudron-origin: a line break the URL parser would drop'],
  ['cloudron-origin', { 'cloudron-origin': 'https://{listener}'.replace('//', '//\t') }, '6 numbers and characters', 'cloudron-origin: a tab the URL parser would drop'],
  ['cloudron-origin', { 'cloudron-origin': MARKER, 'cloudron-token': 'my.hi.example' }, '1 secret fragments', 'cloudron-origin and cloudron-token swapped: the token never quoted'],
  ['cloudron-origin', { 'cloudron-origin': 'https://-oproxy.hi.example' }, '2 option injection'],
  ['cloudron-token', { 'cloudron-token': '' }, '3 validated up front', 'cloudron-token: empty'],
  ['cloudron-token', { 'cloudron-token': `Bearer ${MARKER}` }, '1 secret fragments', 'cloudron-token: "Bearer <secret>"'],
  ['cloudron-token', { 'cloudron-token': `${MARKER}\nX-Injected: 1` }, '1 secret fragments', 'cloudron-token: a second header line after the secret'],
  ['cloudron-token', { 'cloudron-token': `${MARKER.slice(0, 6)}\u0007${MARKER.slice(6)}` }, '6 numbers and characters', 'cloudron-token: holds BEL'],
  ['cloudron-app', { 'cloudron-app': '-app' }, '2 option injection'],
  ['cloudron-app', { 'cloudron-app': 'app;rm' }, '3 validated up front'],
  ['cloudron-app', { 'cloudron-app': 'ab' }, '3 validated up front'],
  ['cloudron-app', { 'cloudron-app': '../staging.hi.example' }, '8 paths'],
  ['cloudron-app', { 'cloudron-app': 'staging.hi.example/../admin' }, '8 paths'],
  ['cloudron-app', { 'cloudron-app': 'staging.hi.example\nother.hi.example' }, '4 workflow commands'],
  ['cloudron-app', { 'cloudron-app': `${longName(70)}` }, '6 numbers and characters'],
  ['cloudron-app', { 'cloudron-app': '' }, '3 validated up front', 'cloudron-app: empty for an update'],
  ['cloudron-location', { mode: 'install', 'cloudron-app': '', 'cloudron-location': '-x.hi.example' }, '2 option injection'],
  ['cloudron-location', { mode: 'install', 'cloudron-app': '', 'cloudron-location': 'hiexample' }, '3 validated up front'],
  ['cloudron-location', { mode: 'install', 'cloudron-app': '', 'cloudron-location': 'staging.hi.example:8443' }, '3 validated up front'],
  ['cloudron-location', { mode: 'install', 'cloudron-app': '', 'cloudron-location': `${longName(60)}.${longName(60)}.${longName(60)}.${longName(60)}.hi.example` }, '6 numbers and characters'],
  ['cloudron-location', { mode: 'install', 'cloudron-app': '', 'cloudron-location': 'staging..hi.example' }, '3 validated up front'],
  ['cloudron-location', { 'cloudron-location': 'other.hi.example' }, '3 validated up front', 'cloudron-location: set for an update'],
  ['cloudron-location', { mode: 'move', 'cloudron-location': '' }, '3 validated up front', 'cloudron-location: empty for a move'],
  ['cloudron-app', { mode: 'install', 'cloudron-location': 'new.hi.example' }, '3 validated up front', 'cloudron-app: set for an install'],
  ['cloudron-manifest', { 'cloudron-manifest': '../../outside/CloudronManifest.json' }, '8 paths'],
  ['cloudron-manifest', { 'cloudron-manifest': 'missing/CloudronManifest.json' }, '3 validated up front'],
  ['cloudron-manifest', { 'cloudron-manifest': 'release' }, '3 validated up front', 'cloudron-manifest: a directory'],
  ['cloudron-manifest', { image: '127.0.0.1:42003/hi/app:1.0.1' }, '3 validated up front', 'cloudron-manifest: version 1.0.0 while the image tag is 1.0.1'],
  ['cloudron-backup', { mode: 'rollback', 'cloudron-backup': '-x' }, '2 option injection'],
  ['cloudron-backup', { mode: 'rollback', 'cloudron-backup': 'backup;rm' }, '3 validated up front'],
  ['cloudron-backup', { mode: 'rollback', 'cloudron-backup': '../backups/x' }, '8 paths'],
  ['cloudron-backup', { mode: 'rollback', 'cloudron-backup': longName(300) }, '6 numbers and characters'],
  ['cloudron-backup', { 'cloudron-backup': 'pre-update' }, '3 validated up front', 'cloudron-backup: set for an update'],
  ['cloudron-task-timeout', { 'cloudron-task-timeout': '0' }, '6 numbers and characters'],
  ['cloudron-task-timeout', { 'cloudron-task-timeout': '30d' }, '6 numbers and characters'],
  ['cloudron-task-timeout', { 'cloudron-task-timeout': 'soon' }, '6 numbers and characters'],
  ['cloudron-poll-interval', { 'cloudron-poll-interval': '0' }, '6 numbers and characters'],
  ['cloudron-poll-interval', { 'cloudron-poll-interval': '2h' }, '6 numbers and characters'],
  ['cloudron-poll-interval', { 'cloudron-poll-interval': '-2s' }, '6 numbers and characters'],
  ['cloudron-verify-anonymous-pull', { 'cloudron-verify-anonymous-pull': 'maybe' }, '3 validated up front'],
  ['cloudron-version-path', { 'cloudron-version-path': 'build[[' }, '3 validated up front'],
  ['cloudron-version-path', { 'cloudron-version-path': 'version\n::error::forged' }, '4 workflow commands'],
  ['rollback-on-failure', { 'rollback-on-failure': 'sometimes' }, '3 validated up front'],
  ['ca-cert', { 'ca-cert': 'missing-ca.pem' }, '3 validated up front'],
  ['ca-cert', { 'ca-cert': 'Dockerfile' }, '3 validated up front', 'ca-cert: a file that holds no certificate'],
  ['connect-to', { 'connect-to': '127.0.0.1:99999' }, '6 numbers and characters'],
  ['connect-to', { 'connect-to': 'a b' }, '3 validated up front'],
  ['connect-to', { 'connect-to': '-oProxyCommand=x' }, '2 option injection'],
  ['health-url', { 'health-url': 'ftp://{fqdn}/health' }, '3 validated up front'],
  ['health-url', { 'health-url': `https://ci:${MARKER}@{fqdn}/health` }, '1 secret fragments', 'health-url: credentials in the smoke URL'],
  ['mode', { mode: 'destroy' }, '3 validated up front'],
  ['image', { image: '127.0.0.1:42003/hi/app' }, '3 validated up front', 'image: no tag for a Cloudron update'],
  ['health-timeout', { 'health-timeout': '30d' }, '6 numbers and characters'],
];
for (const [names, inputs, cls, label] of cloudronRows) {
  add('ssh-deploy', cls, names, { ...cloudron, ...inputs }, writeManifest, label ? `cloudron ${label}` : `cloudron ${describeInputs(inputs)}`);
}
add('ssh-deploy', '3 validated up front', 'cloudron-manifest', { ...cloudron }, (ws) => fs.writeFileSync(path.join(ws, 'CloudronManifest.json'), `{ ${MARKER} `), 'cloudron cloudron-manifest: not JSON, never quoted');
add('ssh-deploy', '8 paths', 'ca-cert', { ...cloudron, 'ca-cert': '../../outside/ca.pem' }, (ws, outside) => {
  writeManifest(ws, outside);
  fs.writeFileSync(path.join(outside, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
}, 'cloudron ca-cert: ../ to a file outside the workspace');

// ssh-deploy, mode preview: the preview-* inputs, and the shared ones read the preview's way.
const previewRows: Array<[string, Record<string, string>, HostileClass, string?]> = [
  ['preview-action', { 'preview-action': 'destroy' }, '3 validated up front'],
  ['preview-action', { 'preview-action': 'up\ndown' }, '4 workflow commands'],
  ['pr-number', { 'pr-number': '0' }, '6 numbers and characters'],
  ['pr-number', { 'pr-number': '-12' }, '2 option injection'],
  ['pr-number', { 'pr-number': '12abc' }, '6 numbers and characters'],
  ['pr-number', { 'pr-number': '1e3' }, '6 numbers and characters'],
  ['pr-number', { 'pr-number': '99999999999' }, '6 numbers and characters'],
  ['pr-number', { 'pr-number': '12; rm -rf /' }, '2 option injection'],
  ['pr-number', { 'pr-number': '' }, '3 validated up front', 'pr-number: empty for preview up'],
  ['preview-domain', { 'preview-domain': '-evil.hi.example' }, '2 option injection'],
  ['preview-domain', { 'preview-domain': 'preview..hi.example' }, '3 validated up front'],
  ['preview-domain', { 'preview-domain': 'preview.hi.example/x' }, '8 paths'],
  ['preview-domain', { 'preview-domain': '*.preview.hi.example' }, '3 validated up front'],
  ['preview-domain', { 'preview-domain': 'preview hi.example' }, '3 validated up front'],
  ['preview-domain', { 'preview-domain': `${longName(250)}.example` }, '6 numbers and characters'],
  ['preview-env-template', { 'preview-env-template': '../.env.production' }, '8 paths'],
  ['preview-env-template', { 'preview-env-template': '/srv/hi-app/.env' }, '8 paths'],
  ['preview-env-template', { 'preview-env-template': '-x' }, '2 option injection'],
  ['preview-env-template', { 'preview-env-template': '.env.preview;id' }, '2 option injection'],
  ['preview-env-template', { 'preview-env-template': '.env.preview\n::error::forged' }, '4 workflow commands'],
  ['preview-seed', { 'preview-seed': 'python seed.py\u001b[2J' }, '6 numbers and characters', 'preview-seed: holds ESC'],
  ['preview-port-base', { 'preview-port-base': '40500' }, '6 numbers and characters'],
  ['preview-port-base', { 'preview-port-base': '0' }, '6 numbers and characters'],
  ['preview-port-base', { 'preview-port-base': '65000' }, '6 numbers and characters'],
  ['preview-port-base', { 'preview-port-base': '-40000' }, '6 numbers and characters'],
  ['preview-port-base', { 'preview-port-base': 'forty thousand' }, '6 numbers and characters'],
  ['max-previews', { 'max-previews': '0' }, '6 numbers and characters'],
  ['max-previews', { 'max-previews': '100000' }, '6 numbers and characters'],
  ['max-previews', { 'max-previews': 'many' }, '6 numbers and characters'],
  ['forge-token', { 'forge-token': `${MARKER}\nX-Injected: 1` }, '1 secret fragments', 'forge-token: a second header line after the secret'],
  ['forge-token', { 'forge-token': `token ${MARKER}` }, '1 secret fragments', 'forge-token: "token <secret>"'],
  ['forge-token', { 'preview-action': 'reap', 'pr-number': '', 'forge-token': '' }, '3 validated up front', 'forge-token: empty for reap'],
  ['sha', { sha: 'HEAD' }, '3 validated up front'],
  ['sha', { sha: '-x' }, '2 option injection'],
  ['sha', { sha: 'abc' }, '3 validated up front'],
  ['sha', { sha: `${'0'.repeat(40)}\n::error::forged` }, '4 workflow commands'],
  ['mode', { strategy: 'release', artifact: 'release', service: '' }, '3 validated up front', 'mode: preview with the release strategy'],
  ['env', { env: `APP_SECRET=${MARKER}` }, '1 secret fragments', 'env: production env given to a preview, never quoted'],
  ['app-dir', { 'app-dir': '/srv/../etc' }, '8 paths'],
  ['app-dir', { 'app-dir': '/' }, '8 paths'],
  ['app-dir', { 'app-dir': '/srv/hi-app/./x' }, '8 paths'],
  ['version', { version: '1.0\n::error::forged' }, '4 workflow commands'],
  ['version', { version: '-1.0' }, '2 option injection'],
  ['compose-file', { 'compose-file': '-f' }, '2 option injection'],
  ['compose-file', { 'compose-file': '../docker-compose.yml' }, '8 paths'],
  ['image', { image: '--privileged' }, '2 option injection'],
  ['health-url', { 'health-url': 'not a url' }, '3 validated up front'],
];
for (const [names, inputs, cls, label] of previewRows) {
  add('ssh-deploy', cls, names, { ...preview, ...inputs }, undefined, label ? `preview ${label}` : `preview ${describeInputs(inputs)}`);
}

// restore-drill: restore-as is a bare file name; {restored}/{restored-dir} are the only placeholders of their kind.
for (const value of ['../portal.db', '/etc/portal.db', '-portal.db', '.portal.db', 'portal.db; rm -rf /', 'data/portal.db', 'portal db', `${longName(300)}.db`, 'portal.db\n::error::forged', '..']) {
  add('restore-drill', value.startsWith('-') ? '2 option injection' : value.includes('/') || value.startsWith('.') ? '8 paths' : '3 validated up front', 'restore-as', { 'restore-as': value });
}
add('restore-drill', '3 validated up front', 'restore-as', { ...postgres, 'restore-as': 'app.db' }, undefined, 'restore-as: with source postgres');
add('restore-drill', '3 validated up front', 'queries', { queries: "SELECT count(*) FROM '{restored}'" }, undefined, 'queries: a {restored} query without => expected');
add('restore-drill', '3 validated up front', 'queries', { queries: 'SELECT 1 FROM {restored_dir} => 1' }, undefined, 'queries: {restored_dir}, a misspelt placeholder');
add('restore-drill', '3 validated up front', 'app-args', { 'app-args': '--db={restore}' }, undefined, 'app-args: {restore}, a misspelt placeholder');
add('restore-drill', '3 validated up front', 'app-args', { 'app-args': '--data={Restored-Dir}' }, undefined, 'app-args: {Restored-Dir}, a placeholder in the wrong case');
add('restore-drill', '1 secret fragments', 'app-env', { 'app-env': `DB_PATH={restored-file}\nDB_PASSWORD=${MARKER}` }, undefined, 'app-env: {restored-file}, a misspelt placeholder, never quoted');
add('restore-drill', '3 validated up front', 'app-args', { 'app-image': '', 'app-env': '', 'app-args': 'serve --db {restored}' }, undefined, 'app-args: naming {restored} without app-image');
add('restore-drill', '1 secret fragments', 'app-env', { 'app-image': '', 'app-env': `DATABASE_URL=sqlite://{restored}\nDB_PASSWORD=${MARKER}` }, undefined, 'app-env: set without app-image');
add('restore-drill', '6 numbers and characters', 'queries', { queries: 'SELECT 1 => 1\u0001' }, undefined, 'queries: holds SOH');

// push-image: expect-anonymous-pull is true, false or empty; tags are full references.
for (const value of ['maybe', 'public', 'yes', 'false\ntrue']) add('push-image', '3 validated up front', 'expect-anonymous-pull', { 'expect-anonymous-pull': value });
add('push-image', '3 validated up front', 'expect-anonymous-pull', { 'expect-anonymous-pull': 'false', 'verify-anonymous-pull': 'true' });
for (const [tags, cls, label] of [
  ['-H.evil/hi/app:1', '2 option injection', 'tags: a registry that starts with -'],
  ['127.0.0.1:99999/hi/app:1', '6 numbers and characters', 'tags: a registry port out of range'],
  ['127.0.0.1:0/hi/app:1', '6 numbers and characters', 'tags: registry port 0'],
  [`ci:${MARKER}@127.0.0.1:42003/hi/app:1`, '1 secret fragments', 'tags: registry credentials written into the reference'],
  [`127.0.0.1:42003/hi/${longName(300)}:1`, '6 numbers and characters', 'tags: a 300-character repository'],
  ['http://127.0.0.1:42003/hi/app:1', '3 validated up front', undefined],
  ['127.0.0.1:42003/hi/app:1 ; rm -rf /', '2 option injection', undefined],
  ['127.0.0.1:42003/hi/../app:1', '8 paths', undefined],
  ['127.0.0.1:42003/hi/app:-x', '2 option injection', undefined],
  [`127.0.0.1:42003/hi/app@sha256:${'a'.repeat(64)}`, '3 validated up front', 'tags: a digest without a tag'],
  ['127.0.0.1:42003/hi/app:1\n127.0.0.1:42003/hi/other:1', '3 validated up front', 'tags: two repositories'],
  ['127.0.0.1:42003/hi/app:1\n127.0.0.2:42003/hi/app:1', '3 validated up front', 'tags: two registries and no registry input'],
  ['127_0_0_1:42003/hi/app:1', '3 validated up front', 'tags: a registry that is not a host name'],
  ['127.0.0.1:42003:5000/hi/app:1', '3 validated up front', 'tags: a registry with two ports'],
] as Array<[string, HostileClass, string | undefined]>) {
  add('push-image', cls, 'tags', { tags }, undefined, label);
}

// actions/preview: the same inputs under the preview action's own names.
for (const [names, inputs, cls] of [
  ['app-dir', { 'app-dir': '/srv/../etc' }, '8 paths'], ['app-dir', { 'app-dir': '/' }, '8 paths'], ['env-template', { 'env-template': '-x' }, '2 option injection'],
  ['env-template', { 'env-template': '../.env.production' }, '8 paths'], ['compose-file', { 'compose-file': '-f' }, '2 option injection'],
  ['version', { version: '1.0\n::error::forged' }, '4 workflow commands'], ['forge-token', { 'forge-token': `${MARKER}\nX-Injected: 1` }, '1 secret fragments'],
  ['domain', { domain: '-evil.hi.example' }, '2 option injection'], ['port-base', { 'port-base': '40500' }, '6 numbers and characters'],
  ['pr', { pr: '0' }, '6 numbers and characters'], ['when-full', { 'when-full': 'never' }, '3 validated up front'], ['scheme', { scheme: 'ftp' }, '3 validated up front'],
  ['health-path', { 'health-path': 'api/health' }, '3 validated up front'], ['announce', { announce: 'maybe' }, '3 validated up front'],
  ['forge', { forge: 'gitlab' }, '3 validated up front'], ['forge-url', { 'forge-url': 'ftp://127.0.0.1/api' }, '3 validated up front'],
  ['repository', { repository: 'hi/app/extra' }, '3 validated up front'], ['max-previews', { 'max-previews': '0' }, '6 numbers and characters'],
  ['app', { app: 'Hi;rm' }, '3 validated up front'], ['command', { command: 'destroy' }, '3 validated up front'],
  ['sha', { sha: '-x' }, '2 option injection'], ['seed', { seed: 'seed\u0007' }, '6 numbers and characters'],
] as Array<[string, Record<string, string>, HostileClass]>) {
  add('preview', cls, names, inputs);
}

// deploy-pipeline (the root action.yml): the same inputs, reaching their links.
add('deploy-pipeline', '8 paths', 'lock-file', { ...release, 'lock-file': '../deploy.lock' });
add('deploy-pipeline', '8 paths', 'deploy-log', { ...release, 'deploy-log': 'current/deploy.log' });
add('deploy-pipeline', '3 validated up front', 'release-name', { ...release, 'release-name': '%Y%m%d' });
add('deploy-pipeline', '2 option injection', 'shell', { ...script, shell: 'bash -x' });
add('deploy-pipeline', '8 paths', 'script-file', { ...script, script: '', 'script-file': '../../outside/deploy.sh' }, (_ws, outside) => fs.writeFileSync(path.join(outside, 'deploy.sh'), 'true\n'));
add('deploy-pipeline', '3 validated up front', 'create-app-dir', { ...script, 'create-app-dir': 'maybe' });
add('deploy-pipeline', '3 validated up front', 'image-variable', { 'image-variable': 'TAG;rm' });
add('deploy-pipeline', '3 validated up front', 'cloudron-origin', { ...cloudron, image: '', 'deploy-image': '127.0.0.1:42003/hi/app:1.0.0', 'cloudron-origin': 'http://{listener}' }, writeManifest, 'cloudron-origin: http');
add('deploy-pipeline', '1 secret fragments', 'cloudron-token', { ...cloudron, image: '', 'deploy-image': '127.0.0.1:42003/hi/app:1.0.0', 'cloudron-token': `${MARKER}\nX: 1` }, writeManifest, 'cloudron-token: a second line after the secret');
add('deploy-pipeline', '3 validated up front', 'cloudron-app', { ...cloudron, image: '', 'deploy-image': '127.0.0.1:42003/hi/app:1.0.0', 'cloudron-app': 'app;rm' }, writeManifest);
add('deploy-pipeline', '3 validated up front', 'cloudron-version-path', { ...cloudron, image: '', 'deploy-image': '127.0.0.1:42003/hi/app:1.0.0', 'cloudron-version-path': 'build[[' }, writeManifest);
add('deploy-pipeline', '6 numbers and characters', 'cloudron-poll-interval', { ...cloudron, image: '', 'deploy-image': '127.0.0.1:42003/hi/app:1.0.0', 'cloudron-poll-interval': '0' }, writeManifest);
add('deploy-pipeline', '3 validated up front', 'mode', { mode: 'preview' }, undefined, 'mode: preview (previews are their own step)');
add('deploy-pipeline', '3 validated up front', 'expect-anonymous-pull', { 'expect-anonymous-pull': 'maybe' });
add('deploy-pipeline', '2 option injection', 'tags', { tags: '-H.evil/hi/app:1' }, undefined, 'tags: a full reference whose registry starts with -');
add('deploy-pipeline', '6 numbers and characters', 'deploy-image', { 'deploy-image': `127.0.0.1:99999/hi/app:1` }, undefined, 'deploy-image: a registry port out of range');

// The CLI: the same inputs as flags and slipway.yml keys.
const deployFlags = ['--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app'];
cli('8 paths', 'lock-file', ['deploy', '--strategy=release', '--artifact=release', ...deployFlags, '--lock-file=../deploy.lock']);
cli('8 paths', 'deploy-log', ['deploy', '--strategy=release', '--artifact=release', ...deployFlags, '--deploy-log=/var/log/deploy.log']);
cli('3 validated up front', 'release-name', ['deploy', '--strategy=release', '--artifact=release', ...deployFlags, '--release-name=%Y%m%d']);
cli('2 option injection', 'shell', ['deploy', '--strategy=script', '--script=true', ...deployFlags, '--shell=bash -x']);
cli('8 paths', 'script-file', ['deploy', '--strategy=script', ...deployFlags, '--script-file=../../outside/deploy.sh']);
cli('3 validated up front', 'image-variable', ['deploy', ...deployFlags, '--service=web', '--image=127.0.0.1:42003/hi/app:1', '--image-variable=TAG;rm']);
cli('2 option injection', 'preview-domain', ['deploy', '--mode=preview', ...deployFlags, '--service=web', '--image=127.0.0.1:42003/hi/app:pr-12', '--pr-number=12', '--preview-domain=-evil.hi.example']);
cli('8 paths', 'app-dir', ['deploy', '--mode=preview', '--host=127.0.0.1', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/../etc', '--service=web', '--image=127.0.0.1:42003/hi/app:pr-12', '--pr-number=12'], undefined, 'deploy --mode=preview --app-dir=/srv/../etc');
cli('3 validated up front', 'restore-as', ['drill', '--source=sqlite', '--database-path=live.db', '--restore-as=../portal.db']);
cli('3 validated up front', 'expect-anonymous-pull', ['push', '--tags=127.0.0.1:42003/hi/app:1', '--expect-anonymous-pull=maybe']);
cli('2 option injection', 'tags', ['push', '--tags=-H.evil/hi/app:1']);
cli('3 validated up front', 'cloudron-origin', ['deploy'], `deploy:\n  strategy: cloudron\n  cloudron-origin: "http://${MARKER}.hi.example"\n  cloudron-token: "${MARKER}"\n  cloudron-app: staging.hi.example\n  image: 127.0.0.1:42003/hi/app:1.0.0\n`, 'slipway.yml deploy.cloudron-origin over http, never quoted');
cli('1 secret fragments', 'cloudron-token', ['deploy'], `deploy:\n  strategy: cloudron\n  cloudron-origin: https://{listener}\n  cloudron-token: "${MARKER} ${MARKER}"\n  cloudron-app: staging.hi.example\n  image: 127.0.0.1:42003/hi/app:1.0.0\n`, 'slipway.yml deploy.cloudron-token with a space');
cli('3 validated up front', 'restore-as', ['drill'], `drill:\n  source: sqlite\n  database-path: live.db\n  restore-as: "${MARKER}/../x.db"\n`, 'slipway.yml drill.restore-as holding a path, never quoted');

// ── git refs (secret-scan) and strict CLI flags ──
cases.push({ name: 'secret-scan: base: "--upload-pack=touch x" in pr mode', cls: '2 option injection', target: 'secret-scan', inputs: { mode: 'pr', base: '--upload-pack=touch /tmp/slipway-hi-pwned', head: 'HEAD' }, names: 'base' });
cases.push({ name: 'secret-scan: head: "--output=/tmp/x" in history mode', cls: '2 option injection', target: 'secret-scan', inputs: { mode: 'history', head: '--output=/tmp/slipway-hi-x' }, names: 'head' });
cases.push({ name: 'secret-scan: before: "-x" in push mode', cls: '2 option injection', target: 'secret-scan', inputs: { mode: 'push', before: '-x', after: 'HEAD' }, names: 'before' });
cases.push({ name: 'cli: pipeline --dry-rn (a typo of --dry-run)', cls: '2 option injection', target: 'cli', inputs: {}, args: ['pipeline', '--dry-rn'], names: 'dry-rn', prepare: writeSshFiles });
cases.push({ name: 'cli: deploy --host -x (a value that is a flag)', cls: '2 option injection', target: 'cli', inputs: {}, args: ['deploy', '--host', '-x', '--private-key=./id', '--known-hosts=./known_hosts', '--app-dir=/srv/hi-app', '--service=web', '--image=127.0.0.1:42003/hi/app:1'], names: 'host', prepare: writeSshFiles });

export const HOSTILE_CASES: readonly HostileCase[] = cases;

/** Runs with only the base inputs: each must start a process, which shows the fakes and the log would catch one. */
export const CONTROL_CASES: ReadonlyArray<{ name: string; target: ActionName; inputs: Record<string, string> }> = [
  { name: 'ssh-deploy compose', target: 'ssh-deploy', inputs: {} },
  { name: 'ssh-deploy release', target: 'ssh-deploy', inputs: release },
  { name: 'ssh-deploy swarm', target: 'ssh-deploy', inputs: swarm },
  { name: 'build-image', target: 'build-image', inputs: {} },
  { name: 'restore-drill sqlite', target: 'restore-drill', inputs: { 'app-image': '', 'app-env': '' } },
  { name: 'smoke-test via ssh', target: 'smoke-test', inputs: { 'via-ssh': 'true', ...ssh } },
  { name: 'deploy-pipeline', target: 'deploy-pipeline', inputs: {} },
  { name: 'preview up', target: 'preview', inputs: {} },
];
