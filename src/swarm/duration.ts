/**
 * Compose files give durations in Go's form (`1m30s`, `500ms`, `10s`); the
 * engine reports them in nanoseconds. Both become milliseconds here.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  // A bare number is what the engine API gives: nanoseconds.
  if (typeof text === 'number') return text / 1e6;
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNIT_MS[unit as string] ?? 0), 0);
}

/** Milliseconds as a Go duration the compose loader accepts: `5s`, `1500ms`. */
export function formatGoDuration(ms: number): string {
  const rounded = Math.ceil(ms);
  return rounded % 1000 === 0 ? `${rounded / 1000}s` : `${rounded}ms`;
}

/** For people: `4.2 s`, `1 min 5 s`. */
export function humanDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
