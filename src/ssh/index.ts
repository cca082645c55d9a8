/**
 * Slipway's SSH transport: the OpenSSH client, one multiplexed connection per host.
 *
 * Stable API (used by ssh-deploy, smoke-test via-ssh, restore-drill, swarm):
 *
 *   const { targets } = parseSshInputs(inputs);           // host/hosts, port, user, private-key,
 *                                                         // passphrase, known-hosts, host-fingerprint,
 *                                                         // trust-on-first-use, jump-host,
 *                                                         // connect-timeout, command-timeout
 *   const session = await openSshSession(targets[0], runner, log);
 *   try {
 *     await session.exec(['docker', 'ps', '--format', '{{.Names}}']);   // words, quoted with shellJoin
 *     await session.exec(['sh', '-c', 'echo "$TOKEN" | wc -c'], { env: { TOKEN: secret } });
 *     const tunnel = await session.forwardLocalPort(8080);              // 127.0.0.1:<localPort> → host:8080
 *     await session.upload('dist/', '/srv/app/releases/20250101/');     // rsync over the same connection
 *     await tunnel.close();
 *   } finally {
 *     await session.close();                                            // master exit, agent killed, temp dir removed
 *   }
 *
 * - Remote commands are arrays of words; each is shell-quoted, so an input such
 *   as `app; rm -rf /` stays one literal argument.
 * - `exec(words, { env })` sends the environment on stdin (or, when stdin is
 *   taken, as a 0600 file on the host that is removed before the command runs);
 *   never on a command line. `survivesDisconnect` lets a step finish on the host
 *   even if the connection drops. `timeoutMs` defaults to the target's command
 *   timeout; `allowFailure` returns the failing RunResult instead of throwing.
 * - Host keys: known-hosts lines and/or pinned `SHA256:` fingerprints (checked by
 *   a KnownHostsCommand, no extra connection); `StrictHostKeyChecking yes`, or
 *   `accept-new` only with trust-on-first-use (warns with the fingerprint to pin).
 *   An untrusted key fails with HostKeyError naming the offered fingerprint.
 * - Private key written 0600 in a private 0700 dir under RUNNER_TEMP (the OS temp
 *   dir off a runner), recorded as a leftover for the post step until close()
 *   removes it (docs/cancel.md); the master exits 30 s after its last command
 *   (ControlPersist), kept alive while the session is open. With a passphrase it is
 *   loaded into a short-lived ssh-agent (passphrase via SSH_ASKPASS from a 0600
 *   file, removed at once) that close() kills.
 * - Commands after the first never open a second connection: if the master is
 *   gone they fail (SshConnectError "connection was lost"). `connectionsOpened`
 *   counts authenticated connections, for the bench.
 * - Failures: HostKeyError, SshConnectError (unreachable / login refused /
 *   connection lost), ProcessError (remote command failed; redacted).
 */
export { openSshSession, type SshSession, type ExecOptions, type PortForward } from './session.js';
export { parseSshInputs, SSH_INPUT_NAMES, type SshSettings } from './inputs.js';
export { describeTarget, knownHostsName, type SshTarget, type HostKeyPolicy } from './target.js';
export { HostKeyError, SshConnectError } from './errors.js';
export { fingerprintOf } from './host-keys.js';
