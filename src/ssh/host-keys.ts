import crypto from 'node:crypto';

/** One key as known_hosts and ssh-keyscan print it. */
export interface HostKey {
  hostName: string;
  type: string;
  base64: string;
}

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
export function fingerprintOf(base64Key: string): string {
  const digest = crypto.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** Parses `name type base64 [comment]` lines; skips comments, markers and blank lines. */
export function parseHostKeyLines(text: string): HostKey[] {
  const keys: HostKey[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    // A leading @cert-authority / @revoked marker is not a plain trusted key.
    if (fields[0]?.startsWith('@')) continue;
    const [hostName, type, base64] = fields;
    if (hostName && type && base64) keys.push({ hostName, type, base64 });
  }
  return keys;
}

/**
 * The KnownHostsCommand script: ssh runs it for every host key it meets (target
 * and jump host). It records the offered key (so a refusal can name its
 * fingerprint without a second connection) and vouches for a key whose
 * fingerprint is pinned. Arguments come from ssh: %H %t %K.
 */
export function hostKeyScript(dir: string): string {
  return [
    '#!/bin/sh',
    '# Written by Slipway: records offered host keys, vouches for pinned fingerprints.',
    '[ "$2" = NONE ] && exit 0',
    `printf '%s %s %s\\n' "$1" "$2" "$3" >> '${dir}/offered-keys'`,
    `[ -s '${dir}/pinned-fingerprints' ] || exit 0`,
    `fingerprint=$(printf '%s %s\\n' "$2" "$3" | ssh-keygen -lf - | cut -d' ' -f2)`,
    `if grep -qxF "$fingerprint" '${dir}/pinned-fingerprints'; then printf '%s %s %s\\n' "$1" "$2" "$3"; fi`,
    'exit 0',
    '',
  ].join('\n');
}

/** The askpass program ssh-add calls: prints the passphrase once from a 0600 file, then refuses (no retry loop). */
export function askpassScript(dir: string): string {
  return [
    '#!/bin/sh',
    `[ -e '${dir}/askpass-used' ] && exit 1`,
    `: > '${dir}/askpass-used'`,
    `cat '${dir}/passphrase'`,
    '',
  ].join('\n');
}

/** Decides whether an offered key is trusted under the policy's static parts (known-hosts lines, pins). */
export function isTrusted(offered: HostKey, knownHosts: HostKey[], pins: string[]): boolean {
  const fingerprint = fingerprintOf(offered.base64);
  if (pins.includes(fingerprint)) return true;
  return knownHosts.some((key) => key.type === offered.type && key.base64 === offered.base64);
}

const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;

/**
 * The first known_hosts line that ssh could not use, as a 1-based line number
 * and what is wrong with it; undefined when every line is a host key, a
 * comment or blank. Checked before connecting, so a pasted half line fails
 * naming the input instead of as a host key mismatch.
 */
export function knownHostsProblem(text: string): { line: number; problem: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    if (fields[0]?.startsWith('@')) fields.shift();
    const [hostName, type, base64] = fields;
    const at = index + 1;
    if (!hostName || !type || !base64) return { line: at, problem: 'is not `host type key` (three fields)' };
    if (!KEY_TYPE.test(type)) return { line: at, problem: `has an unknown key type (found '${type.slice(0, 40)}')` };
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { line: at, problem: 'has a key that is not base64' };
    const blob = Buffer.from(base64, 'base64');
    const nameLength = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    if (nameLength <= 0 || blob.length < 4 + nameLength || blob.subarray(4, 4 + nameLength).toString('latin1') !== type) {
      return { line: at, problem: `has a key whose content does not match its type ${type}` };
    }
  }
  return undefined;
}

/**
 * Whether a private key needs a passphrase: PEM keys say so in a header,
 * OpenSSH keys name their cipher right after the `openssh-key-v1` magic.
 */
export function isEncryptedPrivateKey(content: string): boolean {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(content) || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(content)) return true;
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(content)?.[1];
  if (!body) return false;
  const blob = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (blob.subarray(0, magic.length).toString('latin1') !== magic || blob.length < magic.length + 4) return false;
  const length = blob.readUInt32BE(magic.length);
  const cipher = blob.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1');
  return cipher !== '' && cipher !== 'none';
}
