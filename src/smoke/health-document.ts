/**
 * Health documents understood without configuration:
 * - IETF health+json (draft-inadarei-api-health-check): `status: pass | warn | fail`
 *   (also `ok`/`up`/`healthy` and `down`/`error`/`unhealthy`, as common servers write them);
 * - `ok: true | false`.
 * A body that is none of these gets no verdict: the status code and the user's
 * assertions decide alone.
 */
export type HealthVerdict =
  | { kind: 'none' }
  | { kind: 'pass'; form: string }
  | { kind: 'warn'; form: string }
  | { kind: 'fail'; form: string };

const PASSING = new Set(['pass', 'ok', 'up', 'healthy', 'green', 'success']);
const WARNING = new Set(['warn', 'warning', 'degraded']);
const FAILING = new Set(['fail', 'failed', 'failure', 'down', 'error', 'unhealthy', 'critical', 'red']);

export function judgeHealthDocument(document: unknown): HealthVerdict {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return { kind: 'none' };
  const record = document as Record<string, unknown>;
  if (typeof record.status === 'string') {
    const status = record.status.trim().toLowerCase();
    const form = `status: '${record.status}'`;
    if (PASSING.has(status)) return { kind: 'pass', form };
    if (WARNING.has(status)) return { kind: 'warn', form };
    if (FAILING.has(status)) return { kind: 'fail', form };
  }
  if (typeof record.ok === 'boolean') return record.ok ? { kind: 'pass', form: 'ok: true' } : { kind: 'fail', form: 'ok: false' };
  return { kind: 'none' };
}
