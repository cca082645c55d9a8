import type { Logger } from '../core/log.js';
import type { Runner } from '../core/runner/process-runner.js';
import { SlipwayError } from '../core/errors.js';
import type { BuilderCapabilities } from './docker-commands.js';

/** Debian's own client (20.10) still carries BuildKit without the buildx plugin. */
const LEGACY_CLIENTS = ['docker', '/usr/bin/docker'];

/**
 * buildx when the runner has it; else, when the build needs BuildKit (secrets),
 * a client old enough to drive BuildKit itself; else the classic builder.
 */
export async function detectBuilder(runner: Runner, log: Logger, needsBuildKit: boolean): Promise<BuilderCapabilities> {
  // Both questions at once; a missing daemon still wins, with its own message.
  const [, buildx] = await Promise.all([
    assertDaemon(runner),
    runner.run({ file: 'docker', args: ['buildx', 'inspect'] }, { allowFailure: true, timeoutMs: 15_000 }),
  ]);
  if (buildx.exitCode === 0) {
    const driver = /Driver:\s*(\S+)/.exec(buildx.stdout)?.[1] ?? 'docker';
    log.info(`Builder: buildx (driver ${driver})`);
    return { kind: 'buildx', docker: 'docker', canExportCache: driver !== 'docker' };
  }
  if (needsBuildKit) {
    for (const client of LEGACY_CLIENTS) {
      const version = await runner.run({ file: client, args: ['version', '--format', '{{.Client.Version}}'] }, { allowFailure: true });
      const major = Number(/^(\d+)\./.exec(version.stdout.trim())?.[1] ?? 'NaN');
      if (version.exitCode === 0 && major < 23) {
        log.info(`Builder: BuildKit through the docker ${version.stdout.trim()} client (no buildx plugin here)`);
        return { kind: 'buildkit', docker: client, canExportCache: false };
      }
    }
    throw new SlipwayError("input 'build-secrets': build secrets need BuildKit, and this runner has neither the buildx plugin nor a docker client that drives BuildKit itself", {
      fix: 'Add docker/setup-buildx-action before this step, or install the docker-buildx plugin on the runner',
    });
  }
  log.info('Builder: classic (no buildx plugin on this runner)');
  return { kind: 'classic', docker: 'docker', canExportCache: false };
}

/** A stopped daemon is the most common first failure; say how to start one. */
export async function assertDaemon(runner: Runner): Promise<void> {
  const info = await runner.run({ file: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }, { allowFailure: true, timeoutMs: 20_000 });
  if (info.exitCode === 0) return;
  if (info.exitCode === 127 || /not found|ENOENT/i.test(info.stderr)) {
    throw new SlipwayError('Docker: the docker CLI is not installed on this runner', { fix: 'Install Docker (apt-get install docker.io) or use a runner image that has it' });
  }
  throw new SlipwayError(`Docker: the Docker daemon is not answering (${info.stderr.trim().split('\n').pop() ?? 'no reply'})`, {
    fix: 'Start it (systemctl start docker, or `dockerd &` where there is no systemd), check DOCKER_HOST, and that this user may use /var/run/docker.sock',
  });
}
