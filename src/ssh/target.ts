/** How the host's key is trusted. Several may combine: known-hosts lines and pinned fingerprints. */
export interface HostKeyPolicy {
  /** known_hosts lines (`[host]:port ssh-ed25519 AAAA…`), written to a private file. */
  knownHosts?: string;
  /** Pinned `SHA256:…` fingerprints; a host offering a key with one of them is trusted. */
  fingerprints?: string[];
  /**
   * Accept an unknown key on first sight (with a warning). Never accepts a changed
   * key, and is off whenever a fingerprint is pinned: a pin is authoritative.
   */
  trustOnFirstUse?: boolean;
}

/**
 * Whether ssh may accept a key nobody vouched for. A pin says exactly which key is
 * right, so any other key is refused even if trust-on-first-use was also asked for
 * (ssh's accept-new would take a mismatching key as merely "new").
 */
export function acceptsUnknownKeys(policy: HostKeyPolicy): boolean {
  return Boolean(policy.trustOnFirstUse) && (policy.fingerprints ?? []).length === 0;
}

/** Everything needed to reach one host. Secrets (key, passphrase) are registered by the parser. */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** Private key content (OpenSSH or PEM), written 0600 to a private temp dir. */
  privateKey: string;
  /** Passphrase of the key: the key is then loaded into a short-lived ssh-agent. */
  passphrase?: string;
  hostKeys: HostKeyPolicy;
  /** ProxyJump value, `[user@]host[:port]`; verified against the same host-key policy. */
  jumpHost?: string;
  connectTimeoutMs: number;
  /** Default limit for one remote command. */
  commandTimeoutMs: number;
}

/** How known_hosts names a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `user@host:port`, for messages. */
export function describeTarget(target: Pick<SshTarget, 'user' | 'host' | 'port'>): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user}@${host}:${target.port}`;
}
