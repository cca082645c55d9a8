/**
 * The parts of `docker service inspect` and `docker inspect --type task` that a
 * deploy watches, typed. Field names are the engine API's.
 */
export interface UpdateStatus {
  State?: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed' | string;
  StartedAt?: string;
  CompletedAt?: string;
  Message?: string;
}

export interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: { ContainerSpec?: { Image?: string } } & Record<string, unknown>;
  Mode?: { Replicated?: { Replicas?: number }; Global?: object };
}

export interface ServiceObject {
  ID: string;
  Version: { Index: number };
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  UpdateStatus?: UpdateStatus;
}

export interface TaskObject {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  CreatedAt: string;
  DesiredState: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status: { Timestamp?: string; State: string; Message?: string; Err?: string; ContainerStatus?: { ExitCode?: number } };
}

/** Inspect output is a JSON array; an empty answer is an empty list. */
export function parseJsonArray<T>(text: string): T[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const parsed = JSON.parse(trimmed) as unknown;
  return Array.isArray(parsed) ? (parsed as T[]) : [parsed as T];
}

export function imageOf(spec: ServiceSpec | undefined): string | undefined {
  return spec?.TaskTemplate.ContainerSpec?.Image;
}

/** The digest-pinned image as the engine stores it, shortened for people: `repo:tag@sha256:abcdef12…`. */
export function shortImage(image: string | undefined): string {
  if (!image) return '—';
  return image.replace(/@sha256:([a-f0-9]{12})[a-f0-9]{52}/, '@sha256:$1…');
}

export function desiredReplicas(service: ServiceObject): number | 'global' {
  if (service.Spec.Mode?.Global) return 'global';
  return service.Spec.Mode?.Replicated?.Replicas ?? 1;
}

/**
 * The task template changed, so the engine will roll tasks (a replica count
 * change does not). The engine stores PreviousSpec without the defaults the
 * CLI spelled out (StopGracePeriod, RestartPolicy…), so only keys present on
 * both sides are compared; the caller does not trust a "no" blindly either.
 */
export function expectsRollingUpdate(service: ServiceObject): boolean {
  if (!service.PreviousSpec) return false;
  return !sameOnCommonKeys(service.Spec.TaskTemplate, service.PreviousSpec.TaskTemplate);
}

function sameOnCommonKeys(a: unknown, b: unknown): boolean {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) return Object.keys(a).filter((k) => k in b).every((k) => sameOnCommonKeys(a[k], b[k]));
  return JSON.stringify(a) === JSON.stringify(b);
}

export const TERMINAL_FAILURES = new Set(['failed', 'rejected', 'orphaned']);

/**
 * Why a task did not run, in words a user acts on. The engine's own text stays
 * beside it; this only names the usual causes.
 */
export function explainTaskError(error: string): string {
  if (/unhealthy/i.test(error)) return 'health check failing';
  if (/no such image|pull access denied|manifest unknown|manifest for .* not found|unauthorized|authentication required|repository does not exist|failed to resolve reference|connection refused.*\/v2\//i.test(error)) {
    return 'image cannot be pulled (check the image name and that the manager is logged in to the registry: Slipway passes --with-registry-auth)';
  }
  if (/no suitable node/i.test(error)) return 'no suitable node (placement constraints, resources or platform rule out every node)';
  if (/non-zero exit/i.test(error)) return 'the container exited with an error';
  return 'task failed';
}
