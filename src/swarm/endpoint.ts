import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunOptions, RunResult, Runner } from '../core/runner/process-runner.js';
import type { DockerCommand } from './commands.js';
import { recordLeftover } from '../core/leftovers.js';

export type DockerRunOptions = Pick<RunOptions, 'timeoutMs' | 'allowFailure' | 'hint' | 'label' | 'retry' | 'isTransient'>;

export interface StagedFile {
  name: string;
  content: string;
}

export interface StagedFiles {
  /** Paths as the endpoint's docker CLI sees them, in the order given. */
  paths: string[];
  remove(): Promise<void>;
}

/**
 * Where the `docker` CLI of a swarm manager runs: here against a socket, or
 * on the manager over SSH. Compose files are read by that CLI, so they are
 * staged on its side first.
 */
export interface DockerEndpoint {
  readonly description: string;
  /** The CLI runs on this machine, so the user's files can be passed where they are. */
  readonly local: boolean;
  docker(command: DockerCommand, options?: DockerRunOptions): Promise<RunResult>;
  /** Writes files (mode 0600) where the CLI reads them. */
  stage(files: StagedFile[]): Promise<StagedFiles>;
}

/** The local docker CLI; `host` is a DOCKER_HOST such as `unix:///run/swarm.sock` (default: the CLI's own). */
export function localDockerEndpoint(runner: Runner, host?: string): DockerEndpoint {
  return {
    description: host ? `docker at ${host}` : 'local docker',
    local: true,
    docker: (command, options) =>
      runner.run({ file: 'docker', args: command.args, stdin: command.stdin, env: host ? { DOCKER_HOST: host } : undefined }, options),
    async stage(files) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-swarm-'));
      // If the run is killed before remove(), the post step removes it (docs/cancel.md).
      const settle = recordLeftover({ kind: 'dir', path: dir, what: 'staged swarm files' });
      const paths: string[] = [];
      for (const file of files) {
        const target = path.join(dir, file.name);
        await fs.writeFile(target, file.content, { mode: 0o600 });
        paths.push(target);
      }
      return { paths, remove: async () => { await fs.rm(dir, { recursive: true, force: true }); settle(); } };
    },
  };
}

/** Runs one argument array on the remote host (an SSH session's exec). */
export type RemoteExec = (words: string[], options?: DockerRunOptions & { stdin?: string }) => Promise<RunResult>;

/** The manager's docker CLI over an SSH session: `docker …` words, files staged in a private temp dir there. */
export function remoteDockerEndpoint(exec: RemoteExec, description: string): DockerEndpoint {
  return {
    description,
    local: false,
    docker: (command, options) => exec(['docker', ...command.args], { ...options, stdin: command.stdin }),
    async stage(files) {
      const made = await exec(['mktemp', '-d', '/tmp/slipway-swarm-XXXXXXXX']);
      const dir = made.stdout.trim();
      const paths: string[] = [];
      for (const file of files) {
        const target = `${dir}/${file.name}`;
        // The content travels on stdin; the script is fixed and takes the path as $1.
        await exec(['sh', '-c', 'umask 077 && cat > "$1"', 'sh', target], { stdin: file.content });
        paths.push(target);
      }
      return { paths, remove: async () => { await exec(['rm', '-rf', dir], { allowFailure: true }); } };
    },
  };
}
