import { PROBE_FORMAT } from './container-probe.js';

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

/**
 * The deploy's first look at a host, in one round trip: the paths it needs, which compose the host
 * has, what the service runs (the newest running container's image reference and ID), the state
 * file and the env file. Every value arrives as a positional argument; each part of the answer
 * follows a line `<separator> <part>` with a random separator, so file text cannot pass for one.
 * Arguments: separator, state file, env file ('' none), the number of path checks, the checks
 * (test flag, path, what), then the `docker ps` words that list the service's containers.
 */
export const LOOK_SCRIPT = [
  'sep=$1 state=$2 env=$3 checks=$4; shift 4',
  'docker compose version >/dev/null 2>&1 </dev/null & detect=$!',
  'printf "\\n%s missing\\n" "$sep"; missing=',
  'while [ "$checks" -gt 0 ]; do if [ ! "$1" "$2" ]; then printf "%s (%s)\\n" "$3" "$2"; missing=1; fi; shift 3; checks=$((checks - 1)); done',
  'if [ -n "$missing" ]; then printf "\\n%s end\\n" "$sep"; exit 0; fi',
  'ids=$("$@" </dev/null); listed=$?',
  'if wait "$detect"; then flavor=v2; elif command -v docker-compose >/dev/null 2>&1; then flavor=v1; else flavor=none; fi',
  'printf "\\n%s compose\\n%s\\n" "$sep" "$flavor"',
  'if [ "$flavor" = none ]; then printf "\\n%s end\\n" "$sep"; exit 0; fi',
  '[ "$listed" -eq 0 ] || exit 1',
  'printf "\\n%s running\\n" "$sep"',
  'set -f; set -- $ids',
  'if [ $# -gt 0 ]; then docker inspect --format "{{.Config.Image}}|{{.Image}}" "$1" </dev/null || exit 1; fi',
  'printf "\\n%s state\\n" "$sep"; cat -- "$state" 2>/dev/null',
  'printf "\\n%s env\\n" "$sep"; [ -z "$env" ] || cat -- "$env" 2>/dev/null',
  'printf "\\n%s end\\n" "$sep"',
].join('\n');

export interface LookRequest {
  separator: string;
  stateFile: string;
  envFile?: string;
  checks: Array<{ path: string; kind: 'dir' | 'file'; what: string }>;
  projectName: string;
  service: string;
}

/** LOOK_SCRIPT's arguments for `request` (the fleet runs it with them in the lock's round trip). */
export function lookArgs(request: LookRequest): string[] {
  return [
    request.separator, request.stateFile, request.envFile ?? '', String(request.checks.length),
    ...request.checks.flatMap((check) => [check.kind === 'dir' ? '-d' : '-f', check.path, check.what]),
    ...serviceContainersWords(request.projectName, request.service, false, { oneOffs: false }),
  ];
}

/** The separator a look was asked with, from its arguments (lookArgs puts it first). */
export const lookSeparator = (args: string[]): string | undefined => args[0];

export function lookWords(request: LookRequest): string[] {
  return ['sh', '-c', LOOK_SCRIPT, 'slipway-compose-look', ...lookArgs(request)];
}

/** The parts of a look's answer by name (`missing`, `compose`, `running`, `state`, `env`, `end`), each exactly as printed. */
export function lookParts(stdout: string, separator: string): Map<string, string> | undefined {
  const chunks = stdout.split(`\n${separator} `);
  const parts = new Map<string, string>();
  for (const chunk of chunks.slice(1)) {
    const newline = chunk.indexOf('\n');
    const name = chunk.slice(0, newline);
    // A part twice is not an answer this script gave.
    if (newline < 0 || parts.has(name)) return undefined;
    parts.set(name, chunk.slice(newline + 1));
  }
  // Only a complete answer counts: a cut one lacks its end line.
  return parts.has('end') ? parts : undefined;
}

/**
 * Before a switch, in one round trip: tag the image that runs as the rollback tag (exit 3 with
 * docker's message when that image is gone, before anything is written), then write each file
 * atomically (temp file + rename). The files' bytes arrive on stdin one after the other, each
 * read to its exact length (dd with 1-byte blocks never reads past it, on any shell).
 * Arguments: image ID ('' none), tag, then per file: path, keep-mode (1: keep the old file's mode,
 * else 0600 — an env file holds secrets; 0: the default umask), byte length.
 */
export const PREPARE_SCRIPT = [
  'id=$1 tag=$2; shift 2',
  'if [ -n "$id" ]; then docker tag "$id" "$tag" </dev/null || exit 3; fi',
  'while [ $# -ge 3 ]; do',
  '  file=$1 keep=$2 bytes=$3; shift 3',
  '  ( if [ "$keep" = 1 ]; then umask 077; fi',
  '    mkdir -p "$(dirname "$file")" || exit 1',
  '    if [ "$keep" = 1 ] && [ -e "$file" ]; then cp -p -- "$file" "$file.tmp" || exit 1; fi',
  '    dd bs=1 count="$bytes" 2>/dev/null > "$file.tmp" || exit 1',
  '    [ "$(($(wc -c < "$file.tmp")))" -eq "$bytes" ] || { echo "slipway: $file: got fewer bytes than sent" >&2; exit 1; }',
  '    mv -f -- "$file.tmp" "$file" ) || exit 1',
  'done',
].join('\n');

export interface FileWrite {
  path: string;
  text: string;
  keepMode?: boolean;
}

/** The words and stdin of PREPARE_SCRIPT: `pin` tags an image ID first; `files` are written in order. */
export function prepareWords(pin: { imageId: string; tag: string } | undefined, files: FileWrite[]): { words: string[]; stdin: string } {
  return {
    words: [
      'sh', '-c', PREPARE_SCRIPT, 'slipway-compose-prepare', pin?.imageId ?? '', pin?.tag ?? '',
      ...files.flatMap((file) => [file.path, file.keepMode ? '1' : '0', String(Buffer.byteLength(file.text))]),
    ],
    stdin: files.map((file) => file.text).join(''),
  };
}

/**
 * The state a deploy ends with, written atomically from stdin to `$1` (temp file + rename), as the
 * closing step of the host's last round trip: prints `state <exit> <what it said, on one line>` and
 * exits with that status.
 */
export const RECORD_STATE_SCRIPT = [
  'said=$( { mkdir -p "$(dirname "$1")" && cat > "$1.tmp" && mv -f "$1.tmp" "$1"; } 2>&1 ); s=$?',
  'printf "state %s %s\\n" "$s" "$(printf "%s" "$said" | tr "\\n" " ")"',
  'exit "$s"',
].join('\n');

/** What RECORD_STATE_SCRIPT said about its write: undefined when it wrote the file. */
export function recordStateProblem(stdout: string, exitCode: number): string | undefined {
  const said = /^state (\d+) ?(.*)$/m.exec(stdout);
  if (said?.[1] === '0' && exitCode === 0) return undefined;
  return said ? said[2]?.trim() || `exit ${said[1]}` : `no answer (exit ${exitCode})`;
}

/** One health poll in one round trip: the service's containers (`docker ps` words as arguments) and each one's state. */
export const POLL_SCRIPT = [
  'format=$1; shift',
  'ids=$("$@" </dev/null) || exit 1',
  'set -f; set -- $ids',
  '[ $# -eq 0 ] || docker inspect --format "$format" "$@" </dev/null || true',
].join('\n');

/**
 * Per container: status, health status ('' without a health check), image reference, image ID; then,
 * tab-separated, what running its health check at once needs (container-probe.ts).
 */
export const POLL_FORMAT = `{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.Config.Image}}|{{.Image}}${PROBE_FORMAT}`;

export function pollWords(projectName: string, service: string): string[] {
  return ['sh', '-c', POLL_SCRIPT, 'slipway-compose-poll', POLL_FORMAT, ...serviceContainersWords(projectName, service, true, { oneOffs: false })];
}
