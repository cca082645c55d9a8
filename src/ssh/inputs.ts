import fs from 'node:fs';
import os from 'node:os';
import type { Inputs } from '../core/config/inputs.js';
import { registerSecret } from '../core/secrets.js';
import { FINGERPRINT_PATTERN, isEncryptedPrivateKey, knownHostsProblem } from './host-keys.js';
import type { SshTarget } from './target.js';

/** The SSH inputs every action that reaches a host shares. */
export const SSH_INPUT_NAMES = [
  'host', 'hosts', 'port', 'user', 'private-key', 'passphrase', 'known-hosts', 'host-fingerprint',
  'trust-on-first-use', 'jump-host', 'connect-timeout', 'command-timeout',
] as const;

export interface SshSettings {
  /** One target per host, in the order given. */
  targets: SshTarget[];
}

const HOST_PATTERN = /^(?:([A-Za-z0-9._-]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const USER_PATTERN = /^[A-Za-z0-9._-]+$/;

/**
 * Reads `host`/`hosts` (`[user@]host[:port]`, one per line or comma), `port`, `user`,
 * `private-key` (content, or a path to a key file), `passphrase`, `known-hosts`
 * (lines, or a path), `host-fingerprint` (`SHA256:…`, several allowed),
 * `trust-on-first-use`, `jump-host`, `connect-timeout`, `command-timeout`.
 */
export function parseSshInputs(inputs: Inputs, defaults: { commandTimeoutMs?: number } = {}): SshSettings {
  const hostEntries = [...inputs.list('host'), ...inputs.list('hosts')];
  const hostInputOf = (index: number) => (index < inputs.list('host').length ? 'host' : 'hosts');
  if (hostEntries.length === 0) inputs.fail('hosts', 'is required but was empty', 'Set host (one host) or hosts (one per line), e.g. deploy@app.example.com:22.');
  const port = inputs.integer('port', 22, { min: 1, max: 65535 });
  const user = inputs.argument('user', 'deploy') ?? 'deploy';
  if (!USER_PATTERN.test(user)) inputs.fail('user', `is not a user name (found '${user}')`);

  const privateKey = readKeyOrPath(inputs, 'private-key');
  const passphrase = inputs.secret('passphrase');
  if (!passphrase && isEncryptedPrivateKey(privateKey)) {
    inputs.fail('passphrase', 'is empty but private-key is encrypted, so ssh could not use it', 'Pass the key\'s passphrase from a secret in passphrase, or use a deploy key without one.');
  }
  const knownHosts = readTextOrPath(inputs, 'known-hosts');
  const badLine = knownHosts === undefined ? undefined : knownHostsProblem(knownHosts);
  if (badLine) inputs.fail('known-hosts', `line ${badLine.line} ${badLine.problem}`, 'Use the output of `ssh-keyscan -p PORT HOST` (checked against the host\'s own key), one key per line.');
  const fingerprints = inputs.list('host-fingerprint');
  for (const fingerprint of fingerprints) {
    if (!FINGERPRINT_PATTERN.test(fingerprint)) {
      inputs.fail('host-fingerprint', `is not an OpenSSH SHA256 fingerprint (found '${fingerprint}', expected SHA256: and 43 base64 characters)`, 'Get it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host.');
    }
  }
  const trustOnFirstUse = inputs.boolean('trust-on-first-use', false);
  if (trustOnFirstUse && fingerprints.length > 0) {
    // A pin names the one right key; accepting another one "on first use" would undo it.
    inputs.fail('trust-on-first-use', 'is true while host-fingerprint pins the host key, so a key that does not match the pin would be accepted as new', 'Remove trust-on-first-use (the pin is enough), or remove host-fingerprint to trust an unknown key on first use.');
  }
  if (!knownHosts && fingerprints.length === 0 && !trustOnFirstUse) {
    inputs.fail('known-hosts', 'is empty and no host-fingerprint is set, so the host cannot be verified', 'Set known-hosts (output of `ssh-keyscan -p PORT HOST`, checked) or host-fingerprint; trust-on-first-use: true accepts an unknown key, unsafely.');
  }
  const jumpHost = inputs.argument('jump-host');
  if (jumpHost !== undefined && !isHostEntry(jumpHost)) inputs.fail('jump-host', `is not [user@]host[:port] (found '${jumpHost}')`);
  // Below a second ssh's ConnectTimeout is 0 (the system default); a 0 command timeout would wait for ever.
  const connectTimeoutMs = inputs.duration('connect-timeout', 15_000, { min: 1000 });
  const commandTimeoutMs = inputs.duration('command-timeout', defaults.commandTimeoutMs ?? 10 * 60_000, { min: 1000 });

  const targets = hostEntries.map((entry, index): SshTarget => {
    const match = isHostEntry(entry) ? HOST_PATTERN.exec(entry) : null;
    if (!match) inputs.fail(hostInputOf(index), `has an entry that is not [user@]host[:port] (found '${entry}')`);
    const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
    const entryPort = match[3] ? Number(match[3]) : port;
    if (entryPort < 1 || entryPort > 65535) inputs.fail(hostInputOf(index), `has a port out of range (found '${entry}')`);
    return {
      host, port: entryPort, user: match[1] ?? user, privateKey, passphrase,
      hostKeys: { knownHosts, fingerprints, trustOnFirstUse }, jumpHost, connectTimeoutMs, commandTimeoutMs,
    };
  });
  return { targets };
}

/** `[user@]host[:port]` where neither user nor host could pass for an ssh option. */
function isHostEntry(entry: string): boolean {
  const match = HOST_PATTERN.exec(entry);
  return Boolean(match) && !(match?.[1] ?? '').startsWith('-') && !(match?.[2] ?? '').startsWith('-');
}

function expandHome(value: string): string {
  return value.startsWith('~/') ? `${os.homedir()}${value.slice(1)}` : value;
}

function looksLikePath(value: string): boolean {
  return !value.includes('\n') && /^(~\/|\/|\.\/)/.test(value.trim());
}

function readKeyOrPath(inputs: Inputs, name: string): string {
  const raw = inputs.source.get(name);
  if (!raw || !raw.trim()) inputs.fail(name, 'is required but was empty', 'Pass the private key from a secret, e.g. private-key: ${{ secrets.DEPLOY_KEY }}.');
  let content = raw;
  if (looksLikePath(raw)) {
    try {
      content = fs.readFileSync(expandHome(raw.trim()), 'utf8');
    } catch (error) {
      inputs.fail(name, `names a file that cannot be read (found '${raw.trim()}': ${(error as NodeJS.ErrnoException).code})`);
    }
  }
  registerSecret(content);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(content)) {
    inputs.fail(name, 'is not a private key (expected a -----BEGIN OPENSSH PRIVATE KEY----- block)', 'Paste the whole key file content into the secret, including the BEGIN and END lines.');
  }
  return content;
}

function readTextOrPath(inputs: Inputs, name: string): string | undefined {
  const raw = inputs.optional(name);
  if (raw === undefined) return undefined;
  if (!looksLikePath(raw)) return raw;
  try {
    return fs.readFileSync(expandHome(raw), 'utf8');
  } catch (error) {
    return inputs.fail(name, `names a file that cannot be read (found '${raw}': ${(error as NodeJS.ErrnoException).code})`);
  }
}
