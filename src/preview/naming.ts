import { stateDir } from '../deploy/index.js';

/**
 * Where a preview lives and how it is named. Every name is derived from the app
 * and the PR number alone, so `down` and `reap` find everything `up` made.
 */
export interface PreviewNames {
  pr: number;
  /** Compose project: its containers and named volumes carry this prefix. */
  project: string;
  /** Directory of the preview's env file, override and state (under the app's .slipway). */
  dir: string;
  envFile: string;
  overrideFile: string;
  stateFile: string;
  host: string;
  port: number;
}

/** All previews of an app share this directory (and their own lock in it). */
export const previewsDir = (appDir: string): string => `${stateDir(appDir)}/previews`;

/**
 * One empty file per announced preview (`live/pr-<n>`), readable by the proxy:
 * what Caddy's on-demand TLS `ask` endpoint checks before it asks for a certificate.
 */
export const liveDir = (appDir: string): string => `${previewsDir(appDir)}/live`;

export function previewNames(app: string, appDir: string, pr: number, portBase: number, domain: string): PreviewNames {
  const dir = `${previewsDir(appDir)}/pr-${pr}`;
  return {
    pr,
    project: `${app}-pr-${pr}`,
    dir,
    envFile: `${dir}/env`,
    overrideFile: `${dir}/override.json`,
    stateFile: `${dir}/state`,
    host: `pr-${pr}.${domain}`,
    port: previewPort(portBase, pr),
  };
}

/**
 * port-base plus the PR number's last three digits: what the static proxy
 * snippets compute from the host name, so no proxy config changes per preview.
 */
export const previewPort = (portBase: number, pr: number): number => portBase + (pr % 1000);

/**
 * The compose override of a preview: the PR image, the preview's own env file
 * for the container, and labels that mark it as a preview.
 */
export function renderPreviewOverride(service: string, image: string, envFile: string, pr: number): string {
  return `${JSON.stringify({ services: { [service]: { image, env_file: [envFile], labels: { 'dev.slipway.preview': String(pr) } } } }, null, 2)}\n`;
}

/**
 * Renders the env template on the host: `KEY={{generate}}` gets 32 fresh random
 * bytes (hex) from the host's /dev/urandom, so a preview's secrets never leave
 * the host and are never production's. `{{pr}}`, `{{port}}`, `{{host}}`,
 * `{{url}}` and `{{project}}` are replaced; PORT is always set. Kept when the
 * file exists (an update keeps the preview's secrets and sessions).
 * $1 template (may be missing) $2 env file $3 pr $4 port $5 host $6 url $7 project.
 */
export const RENDER_ENV = [
  'set -e',
  'if [ -f "$2" ]; then echo kept; exit 0; fi',
  'umask 077',
  'mkdir -p "$(dirname "$2")"',
  'tmp="$2.tmp"',
  ': > "$tmp"',
  'if [ -f "$1" ]; then',
  '  while IFS= read -r line || [ -n "$line" ]; do',
  '    case "$line" in',
  '      *=\'{{generate}}\') printf "%s=%s\\n" "${line%%=*}" "$(od -An -tx1 -N32 /dev/urandom | tr -d " \\n")" >> "$tmp" ;;',
  '      *) printf "%s\\n" "$line" | sed -e "s|{{pr}}|$3|g" -e "s|{{port}}|$4|g" -e "s|{{host}}|$5|g" -e "s|{{url}}|$6|g" -e "s|{{project}}|$7|g" >> "$tmp" ;;',
  '    esac',
  '  done < "$1"',
  'fi',
  'grep -q "^PORT=" "$tmp" || printf "PORT=%s\\n" "$4" >> "$tmp"',
  'mv -f "$tmp" "$2"',
  'echo created',
].join('\n');

/** A line of the preview's state file, as `list` and `reap` read it. */
export interface PreviewState {
  pr: number;
  project: string;
  port: number;
  host: string;
  image: string;
  version: string;
  sha: string;
  created: string;
  updated: string;
  status: string;
}

export function parsePreviewState(text: string): PreviewState | undefined {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const index = line.indexOf('=');
    if (index > 0) values[line.slice(0, index)] = line.slice(index + 1);
  }
  const pr = Number(values.pr);
  if (!Number.isInteger(pr) || pr <= 0) return undefined;
  return {
    pr, project: values.project ?? '', port: Number(values.port) || 0, host: values.host ?? '', image: values.image ?? '',
    version: values.version ?? '', sha: values.sha ?? '', created: values.created ?? '', updated: values.updated ?? '', status: values.status ?? '',
  };
}

/** Which previews must go to make room for one more (oldest first), or undefined if `up` must refuse. */
export function previewsToEvict(existing: PreviewState[], pr: number, max: number, whenFull: 'evict-oldest' | 'refuse'): PreviewState[] | undefined {
  const others = existing.filter((state) => state.pr !== pr);
  if (others.length < max) return [];
  if (whenFull === 'refuse') return undefined;
  return [...others].sort((a, b) => a.created.localeCompare(b.created)).slice(0, others.length - max + 1);
}

/** A live preview that already holds the port this PR would take (PR 5 and PR 1005 share the last three digits). */
export function portClash(existing: PreviewState[], pr: number, port: number): PreviewState | undefined {
  return existing.find((state) => state.pr !== pr && state.port === port);
}

/**
 * A mount that is not the preview's own: a bind mount or another project's named
 * volume. Anonymous volumes (an image's VOLUME, 64 hex characters) belong to the
 * container alone and go with `down -v`.
 */
export function foreignMounts(mounts: string, project: string): string[] {
  return mounts.split(';').map((entry) => entry.trim()).filter(Boolean).filter((entry) => {
    const [type = '', name = ''] = entry.split(' ');
    if (type === 'volume') return !name.startsWith(`${project}_`) && !/^[0-9a-f]{64}$/.test(name);
    return type !== 'tmpfs';
  });
}

/** `docker system df -v` prints a Local Volumes table (NAME LINKS SIZE); the sizes of one project's volumes. */
export function volumeSizes(dfOutput: string, project: string): Array<{ name: string; size: string }> {
  const lines = dfOutput.split('\n');
  const start = lines.findIndex((line) => /^Local Volumes space usage/.test(line));
  if (start < 0) return [];
  const sizes: Array<{ name: string; size: string }> = [];
  for (const line of lines.slice(start + 1)) {
    if (/^Build cache usage|^\S.*space usage/.test(line)) break;
    const cells = line.trim().split(/\s+/);
    if (cells.length >= 3 && cells[0]?.startsWith(`${project}_`)) sizes.push({ name: cells[0], size: cells[cells.length - 1] ?? '' });
  }
  return sizes;
}

/** `12.5MB` → bytes (docker's units are powers of 1000). */
export function parseDockerSize(text: string): number {
  const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
  if (!match) return 0;
  const factor: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  return Math.round(Number(match[1]) * (factor[match[2] ?? 'B'] ?? 1));
}
