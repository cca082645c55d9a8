import type { SshSession } from '../../ssh/index.js';
import { readStateFile, writeStateFile } from '../host-state.js';

/** One copy of the service: its own compose project (`<project>-blue` / `-green`) on its own port. */
export interface Copy {
  project: string;
  port: number;
  image: string;
  version: string;
}

/**
 * What the host records in `.slipway/zero-downtime-<project>-<service>.state`: the live copy,
 * the one being started (`pending`, until the switch is recorded) and the one switched away from.
 */
export interface SwitchState {
  live?: Copy;
  pending?: Copy;
  previous?: Copy;
  /** deployed (a live copy serves), starting (none yet), empty (none left after a failed first start). */
  status?: string;
  switchedAt?: string;
  /** Time from "new copy healthy" to "proxy switched" (and, with proxy-health-url, traffic seen on it). */
  switchMs?: number;
  /** Connections still open on the old copy when it was stopped (cut by the drain timeout). */
  cutConnections?: number;
  proxy?: string;
  lastFailure?: string;
}

const COPIES = [['live', 'live_'], ['pending', 'pending_'], ['previous', 'previous_']] as const;

function decodeCopy(record: Record<string, string>, prefix: string): Copy | undefined {
  const project = record[`${prefix}project`];
  const port = Number(record[`${prefix}port`]);
  if (!project || !port) return undefined;
  return { project, port, image: record[`${prefix}image`] ?? '', version: record[`${prefix}version`] ?? '' };
}

/** The file's `KEY=value` pairs as a record; a copy without project or port is no copy. */
export function decodeSwitchState(record: Record<string, string>): SwitchState {
  const state: SwitchState = {};
  for (const [field, prefix] of COPIES) {
    const copy = decodeCopy(record, prefix);
    if (copy) state[field] = copy;
  }
  const number = (key: string) => (record[key] === undefined ? undefined : Number(record[key]));
  const fields: SwitchState = {
    status: record.status, switchedAt: record.switched_at, switchMs: number('switch_ms'), cutConnections: number('cut_connections'),
    proxy: record.proxy, lastFailure: record.last_failure,
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(state, { [key]: value });
  return state;
}

/** The record as `KEY=value` pairs, copies first; fields left undefined are not written. */
export function encodeSwitchState(state: SwitchState): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [field, prefix] of COPIES) {
    const copy = state[field];
    if (copy) Object.assign(record, { [`${prefix}project`]: copy.project, [`${prefix}port`]: String(copy.port), [`${prefix}image`]: copy.image, [`${prefix}version`]: copy.version });
  }
  const scalars: Array<[string, string | number | undefined]> = [
    ['status', state.status], ['switched_at', state.switchedAt], ['switch_ms', state.switchMs], ['cut_connections', state.cutConnections],
    ['proxy', state.proxy], ['last_failure', state.lastFailure],
  ];
  for (const [key, value] of scalars) if (value !== undefined) record[key] = String(value);
  return record;
}

export async function readSwitchState(session: SshSession, file: string): Promise<SwitchState> {
  return decodeSwitchState(await readStateFile(session, file));
}

/** Written atomically (writeStateFile), so a cut connection leaves the old or the new record. */
export async function writeSwitchState(session: SshSession, file: string, state: SwitchState): Promise<void> {
  await writeStateFile(session, file, encodeSwitchState(state));
}
