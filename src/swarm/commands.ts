/**
 * The `docker` command lines of a swarm deploy, as data: argument arrays (no
 * shell), stdin for secret values. A DockerEndpoint runs them locally or on
 * the manager over SSH; tests compare them as arrays.
 */
export interface DockerCommand {
  args: string[];
  /** Secret values travel here, never in args. */
  stdin?: string;
}

const JSON_FORMAT = '{{json .}}';

/** `{"LocalNodeState":"active","ControlAvailable":true,…}` */
export const swarmState = (): DockerCommand => ({ args: ['info', '--format', '{{json .Swarm}}'] });

export function stackDeploy(stack: string, composeFiles: string[], options: { prune?: boolean } = {}): DockerCommand {
  return {
    args: [
      'stack', 'deploy',
      ...composeFiles.flatMap((file) => ['--compose-file', file]),
      // Nodes pull with the manager's registry login; without it a private image fails on every worker.
      '--with-registry-auth',
      ...(options.prune ? ['--prune'] : []),
      '--detach=true',
      stack,
    ],
  };
}

export function serviceUpdateImage(service: string, image: string): DockerCommand {
  return { args: ['service', 'update', '--image', image, '--with-registry-auth', '--detach=true', service] };
}

export const serviceRollback = (service: string): DockerCommand => ({ args: ['service', 'rollback', '--detach=true', service] });

/** Services of a stack, by the label `docker stack deploy` puts on them. */
export const stackServiceIds = (stack: string): DockerCommand => ({
  args: ['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.ID}}'],
});

/** A JSON array of full service objects (Spec, PreviousSpec, UpdateStatus). */
export const serviceInspect = (services: string[]): DockerCommand => ({ args: ['service', 'inspect', ...services] });

/** Task IDs of a service, newest first. */
export const serviceTaskIds = (service: string): DockerCommand => ({ args: ['service', 'ps', '--quiet', '--no-trunc', service] });

/** A JSON array of full task objects (Spec, Status.State, Status.Err, DesiredState). */
export const taskInspect = (tasks: string[]): DockerCommand => ({ args: ['inspect', '--type', 'task', ...tasks] });

export const serviceTasksTable = (service: string): DockerCommand => ({
  args: ['service', 'ps', '--no-trunc', '--format', JSON_FORMAT, service],
});

export const secretExists = (name: string): DockerCommand => ({ args: ['secret', 'inspect', '--format', '{{.ID}}', name] });

/** The value comes on stdin (`-`), so it never shows in a process list. */
export function secretCreate(name: string, value: string, labels: Record<string, string> = {}): DockerCommand {
  return {
    args: ['secret', 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), name, '-'],
    stdin: value,
  };
}
