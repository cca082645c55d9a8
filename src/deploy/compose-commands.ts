/** Which compose the host has: the v2 plugin (`docker compose`) or v1 (`docker-compose`). */
export type ComposeFlavor = 'v2' | 'v1';

export interface ComposeProject {
  appDir: string;
  files: string[];
  project?: string;
  envFile?: string;
  /** Slipway's override that sets the service's image; last, so it wins. None with image-variable: the env file says which image. */
  overrideFile?: string;
}

/** Prints v2, v1 or none. */
export const DETECT_COMPOSE = 'if docker compose version >/dev/null 2>&1; then echo v2; elif command -v docker-compose >/dev/null 2>&1; then echo v1; else echo none; fi';

/** The compose command words (run on the host) for one project; the user's files are never edited. */
export function composeWords(flavor: ComposeFlavor, project: ComposeProject, ...subcommand: string[]): string[] {
  const base = flavor === 'v2' ? ['docker', 'compose'] : ['docker-compose'];
  return [
    ...base,
    '--project-directory', project.appDir,
    ...(project.project ? ['-p', project.project] : []),
    ...project.files.flatMap((file) => ['-f', `${project.appDir}/${file}`]),
    ...(project.overrideFile ? ['-f', project.overrideFile] : []),
    ...(project.envFile ? ['--env-file', `${project.appDir}/${project.envFile}`] : []),
    ...subcommand,
  ];
}

/** The override that points one service at an image (JSON is YAML, so both compose versions read it). */
export function renderImageOverride(service: string, image: string): string {
  return `${JSON.stringify({ services: { [service]: { image } } }, null, 2)}\n`;
}

/**
 * Labels compose puts on containers (v1 and v2 alike): how we find the service's
 * containers. `oneOffs: false` leaves out `compose run` containers (oneoff=True),
 * which are not the service: a stopped one left behind must not fail a deploy.
 */
export function serviceContainersWords(projectName: string, service: string, all = false, options: { oneOffs?: boolean } = {}): string[] {
  return [
    'docker', 'ps', ...(all ? ['-a'] : []), '--no-trunc',
    '--filter', `label=com.docker.compose.project=${projectName}`,
    '--filter', `label=com.docker.compose.service=${service}`,
    ...(options.oneOffs === false ? ['--filter', 'label=com.docker.compose.oneoff=False'] : []),
    '--format', '{{.ID}}',
  ];
}

/**
 * The local tag a compose rollback runs: the exact image (by ID) the service ran
 * before the deploy. A moving tag (`app:latest`) may point at the new image by
 * then; this tag does not, is never pulled, and keeps the old image from being pruned.
 */
export function rollbackTag(projectName: string, service: string): string {
  return `slipway-rollback:${`${projectName}-${service}`.slice(0, 128)}`;
}

/** `docker tag <image id> <tag>`: fails if the image is gone from the host. */
export function tagImageWords(imageId: string, tag: string): string[] {
  return ['docker', 'tag', imageId, tag];
}

/** Compose's default project name: the directory's base name, lowercased, other characters dropped. */
export function defaultProjectName(appDir: string): string {
  const base = appDir.replace(/\/+$/, '').split('/').pop() ?? '';
  return base.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}
