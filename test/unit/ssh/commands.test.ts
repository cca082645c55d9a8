import {
  execCommand, forwardCommand, forwardSpec, masterCommand, renderEnvFile, renderSshConfig, rsyncCommand, sessionPaths,
  withEnvFromStdin,
} from '../../../src/ssh/commands.js';
import type { SshTarget } from '../../../src/ssh/target.js';

const target: SshTarget = {
  host: 'app.example.com', port: 2222, user: 'deploy', privateKey: 'KEY', hostKeys: { knownHosts: 'x' },
  connectTimeoutMs: 15_000, commandTimeoutMs: 60_000,
};
const paths = sessionPaths('/tmp/slipway-ssh-abc', false);

describe('ssh command builders', () => {
  it('opens one master connection that forks once authenticated', () => {
    expect(masterCommand(paths)).toEqual({
      file: 'ssh', args: ['-F', '/tmp/slipway-ssh-abc/ssh_config', '-o', 'ControlMaster=yes', '-f', '-N', 'slipway-target'],
    });
  });

  it('quotes every remote word, so an input like `app; rm -rf /` stays one literal argument', () => {
    const spec = execCommand(paths, ['docker', 'compose', '-p', 'app; rm -rf /', 'up', '-d']);
    expect(spec.args).toEqual([
      '-F', '/tmp/slipway-ssh-abc/ssh_config', '-o', 'ControlMaster=no', '-o', 'ProxyCommand=false',
      'slipway-target', '--', "docker compose -p 'app; rm -rf /' up -d",
    ]);
  });

  it('never lets a later command open a second connection', () => {
    expect(execCommand(paths, ['true']).args).toContain('ProxyCommand=false');
    expect(rsyncCommand(paths, 'a/', 'b/').args).toContain('ssh -F /tmp/slipway-ssh-abc/ssh_config -o ControlMaster=no -o ProxyCommand=false');
  });

  it('uploads with rsync as an argument array, the local path after -- and the remote path protected from the remote shell', () => {
    expect(rsyncCommand(paths, 'build/', '/srv/app/releases/1 2/', { delete: true, excludes: ['.git'] })).toEqual({
      file: 'rsync',
      args: [
        '--archive', '--compress', '--delete', '--exclude=.git',
        '--rsh', 'ssh -F /tmp/slipway-ssh-abc/ssh_config -o ControlMaster=no -o ProxyCommand=false',
        '--protect-args', '--', 'build/', 'slipway-target:/srv/app/releases/1 2/',
      ],
    });
  });

  it('forwards through the master with -O forward', () => {
    expect(forwardSpec(40000, '127.0.0.1', 8080)).toBe('127.0.0.1:40000:127.0.0.1:8080');
    expect(forwardSpec(40000, '::1', 8080)).toBe('127.0.0.1:40000:[::1]:8080');
    expect(forwardCommand(paths, 'forward', '127.0.0.1:1:h:2').args).toEqual(['-F', '/tmp/slipway-ssh-abc/ssh_config', '-O', 'forward', '-L', '127.0.0.1:1:h:2', 'slipway-target']);
  });

  it('sends environment as sourced KEY=value lines, never as arguments', () => {
    expect(renderEnvFile({ A: "it's $x", B: '' })).toBe("A='it'\\''s $x'\nB=''\n");
    expect(() => renderEnvFile({ 'A;rm': 'x' })).toThrow(/not a valid environment variable name/);
    expect(withEnvFromStdin(['env'])).toEqual(['sh', '-c', 'set -a; . /dev/stdin; set +a; exec "$@"', 'slipway-env', 'env']);
  });
});

describe('ssh config', () => {
  it('verifies host keys strictly, in batch mode, through the control socket', () => {
    const config = renderSshConfig(target, paths);
    expect(config).toContain('Host slipway-target\n  HostName app.example.com\n  Port 2222\n  User deploy\n');
    for (const line of [
      'StrictHostKeyChecking yes', 'BatchMode yes', 'IdentitiesOnly yes', 'IdentityAgent none', 'ConnectTimeout 15',
      'ControlPath /tmp/slipway-ssh-abc/control', 'GlobalKnownHostsFile /dev/null',
      'KnownHostsCommand /tmp/slipway-ssh-abc/host-key-check %H %t %K',
    ]) expect(config).toContain(`  ${line}\n`);
    expect(config).not.toContain('ProxyJump');
  });

  it('accepts new keys only with trust-on-first-use, and routes through a jump host', () => {
    const config = renderSshConfig({ ...target, hostKeys: { trustOnFirstUse: true }, jumpHost: 'me@bastion:2200' }, sessionPaths('/d', true));
    expect(config).toContain('  StrictHostKeyChecking accept-new\n');
    expect(config).toContain('  ProxyJump me@bastion:2200\n');
    expect(config).toContain('  IdentityAgent /d/agent.sock\n');
    expect(config).toContain('  IdentityFile /d/id.pub\n');
  });

  it('never accepts a new key when a fingerprint is pinned, even with trust-on-first-use (the pin is authoritative)', () => {
    const pinned = { trustOnFirstUse: true, fingerprints: ['SHA256:qiNyythyNL2YeGpUou4vnsrUCQYCmbf5p+Sm/Qz46l4'] };
    expect(renderSshConfig({ ...target, hostKeys: pinned }, paths)).toContain('  StrictHostKeyChecking yes\n');
  });
});
