import { SlipwayError } from '../core/errors.js';

/** The host offered a key we do not trust (unknown or changed). Carries what to pin. */
export class HostKeyError extends SlipwayError {
  constructor(
    readonly host: string,
    readonly offered: Array<{ type: string; fingerprint: string; line: string }>,
  ) {
    const first = offered[0];
    const list = offered.map((key) => `${key.type} ${key.fingerprint}`).join(', ');
    super(
      `${host}: host key not trusted (offered ${list}; it is not in known-hosts and matches no host-fingerprint). ` +
        'It may be a new host, or the key changed: check the fingerprint on the host with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`',
      { fix: first ? `If it is right, pin it: set host-fingerprint to ${first.fingerprint}, or add this line to known-hosts: ${first.line}` : undefined },
    );
    this.name = 'HostKeyError';
  }
}

/** The SSH connection could not be opened (unreachable, timed out, authentication refused). */
export class SshConnectError extends SlipwayError {
  constructor(readonly host: string, problem: string, fix: string, cause?: unknown) {
    super(`${host}: ${problem}`, { fix, cause });
    this.name = 'SshConnectError';
  }
}
