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
}

export function detectPlatform(env: NodeJS.ProcessEnv = process.env): PlatformInfo {
  const forgejo = env.FORGEJO_ACTIONS === 'true' || env.GITEA_ACTIONS === 'true' || Boolean(env.FORGEJO_TOKEN);
  const inActions = env.GITHUB_ACTIONS === 'true' || forgejo;
  if (!inActions) {
    return { kind: 'local', supportsSummary: false, supportsAnnotations: false, actor: env.USER };
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
  };
}

/** Who is doing this, for locks and deploy logs: the run URL in CI, user@machine locally. */
export function describeActor(platform: PlatformInfo, hostname: string): string {
  if (platform.runUrl) return `${platform.actor ?? 'ci'} via ${platform.runUrl}`;
  return `${platform.actor ?? 'someone'}@${hostname}`;
}
