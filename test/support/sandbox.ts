// Reads the description of the test sandbox written by `scripts/sandbox.sh up`.
import fs from 'node:fs';

export const DEFAULT_SANDBOX_JSON = '/var/lib/slipway-sandbox/sandbox.json';

export interface SandboxAuthRegistry {
  /** host:port, e.g. 127.0.0.1:5000 (plain HTTP; Docker allows 127.0.0.0/8 as insecure). */
  address: string;
  username: string;
  password: string;
}

export interface SandboxAnonymousRegistry {
  address: string;
}

export interface SandboxSshHost {
  name: string;
  address: string;
  port: number;
  /** Directory owned by the SSH user, private to this "host". */
  baseDir: string;
  /** The host's public key file (`ssh-ed25519 AAAA… comment`). */
  hostKeyPath: string;
}

export interface SandboxSsh {
  user: string;
  /** ed25519 key without passphrase. */
  privateKeyPath: string;
  /** ed25519 key protected by `passphrase`. */
  passphraseKeyPath: string;
  passphrase: string;
  /** known_hosts with `[addr]:port ssh-ed25519 …` lines for every host. */
  knownHostsPath: string;
  hosts: SandboxSshHost[];
}

export interface SandboxPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  socketDir: string;
  binDir: string;
}

export interface Sandbox {
  stateDir: string;
  docker: { host: string };
  registries: { auth: SandboxAuthRegistry; anonymous: SandboxAnonymousRegistry };
  baseImage: string;
  ssh: SandboxSsh;
  postgres: SandboxPostgres;
  restartScript: string;
}

export function sandboxJsonPath(): string {
  return process.env.SLIPWAY_SANDBOX_JSON ?? DEFAULT_SANDBOX_JSON;
}

export function loadSandbox(): Sandbox {
  const file = sandboxJsonPath();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(
      `Slipway sandbox description ${file} is not readable (${code}): run \`npm run sandbox -- up\` (as root) first` +
        ' or point SLIPWAY_SANDBOX_JSON at it',
      { cause: err },
    );
  }
  let data: Sandbox;
  try {
    data = JSON.parse(text) as Sandbox;
  } catch (err) {
    throw new Error(`Slipway sandbox description ${file} is not valid JSON (${(err as Error).message}): run \`npm run sandbox -- up\``, {
      cause: err,
    });
  }
  if (!data.registries?.auth || !data.ssh?.hosts?.length || !data.postgres || !data.docker) {
    throw new Error(`Slipway sandbox description ${file} is incomplete: run \`npm run sandbox -- up\``);
  }
  return data;
}
