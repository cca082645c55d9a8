import fs from 'node:fs';

/**
 * Where we run. Forgejo (and Gitea) runners also set the GITHUB_* variables, so
 * their own markers are checked first. The result is data the flows can read.
 */
export type PlatformKind = 'github' | 'forgejo' | 'local';

export interface PlatformInfo {
  kind: PlatformKind;
  /** The job summary page exists (GitHub only). */
  supportsSummary: boolean;
  /** File/line annotations are shown (GitHub only). */
  supportsAnnotations: boolean;
  serverUrl?: string;
  repository?: string;
  runUrl?: string;
  actor?: string;
  sha?: string;
  ref?: string;
  eventName?: string;
  defaultBranch?: string;
  /** The REST API base the runner names (GITHUB_API_URL; Forgejo runners set it too). */
  apiUrl?: string;
  /** The event payload (GITHUB_EVENT_PATH, parsed); {} when there is none or it is unreadable. */
  event?: Record<string, unknown>;
}

/** The payload the runner wrote for this event; a missing or broken file reads as no payload. */
function readEventPayload(file: string | undefined): Record<string, unknown> | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? parsed as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

export function detectPlatform(env: NodeJS.ProcessEnv = process.env): PlatformInfo {
  const forgejo = env.FORGEJO_ACTIONS === 'true' || env.GITEA_ACTIONS === 'true' || Boolean(env.FORGEJO_TOKEN);
  const inActions = env.GITHUB_ACTIONS === 'true' || forgejo;
  if (!inActions) {
    // A terminal may still point at an API or a payload (a re-run of a job's scan by hand).
    return { kind: 'local', supportsSummary: false, supportsAnnotations: false, actor: env.USER, apiUrl: env.GITHUB_API_URL, event: readEventPayload(env.GITHUB_EVENT_PATH) };
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? env.FORGEJO_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const runUrl = serverUrl && repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    kind: forgejo ? 'forgejo' : 'github',
    supportsSummary: !forgejo && Boolean(env.GITHUB_STEP_SUMMARY),
    supportsAnnotations: !forgejo,
    serverUrl,
    repository,
    runUrl,
    actor: env.GITHUB_ACTOR,
    sha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    eventName: env.GITHUB_EVENT_NAME,
    apiUrl: env.GITHUB_API_URL,
    event: readEventPayload(env.GITHUB_EVENT_PATH),
  };
}

/** Who is doing this, for locks and deploy logs: the run URL in CI, user@machine locally. */
export function describeActor(platform: PlatformInfo, hostname: string): string {
  if (platform.runUrl) return `${platform.actor ?? 'ci'} via ${platform.runUrl}`;
  return `${platform.actor ?? 'someone'}@${hostname}`;
}
