import { lastLines } from '../../core/errors.js';
import type { RunResult } from '../../core/runner/process-runner.js';
import type { CheckResult, RestoreReport } from '../report.js';
import type { DataProbe } from '../verify.js';

/** What a restore left in the scratch place, for the checks that follow. */
export interface Restored {
  /** Directory holding the restored files. */
  dataDir: string;
  /** What the app gets mounted: the restored database's directory, else `dataDir`. */
  appDataDir?: string;
  /** The restored SQLite file, or the scratch PostgreSQL database's name: what `{restored}` names. */
  database?: string;
  probe?: DataProbe;
  /** Checks of the backup itself (open, restore, integrity). */
  checks: CheckResult[];
  sizes: RestoreReport['sizes'];
  versions?: RestoreReport['versions'];
  /** When the backup was taken, for a source without snapshots (a pg_dump archive). */
  taken?: { id: string; time: Date; timeSource: string };
  /** Extra environment for the app (the scratch database's coordinates). */
  appEnv?: Record<string, string>;
  ok: boolean;
  /** When the restore that was kept began, if not when the caller asked for it (an early restore). */
  startedAt?: number;
}

/** A failed check from a command's result (its last lines) or a plain reason. */
export const failed = (name: string, result: RunResult | string): CheckResult => ({
  name,
  passed: false,
  detail: typeof result === 'string' ? result : `exit ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}: ${lastLines(result.stderr.trim() || result.stdout.trim(), 3).replace(/\n/g, ' ')}`,
});
