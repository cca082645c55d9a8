import type { FlowContext } from '../core/context.js';
import { SlipwayError } from '../core/errors.js';
import type { ScratchPlace } from './scratch.js';
import type { SqliteSource } from './settings.js';
import type { Restored } from './sources.js';

/** A live SQLite database on an SSH host: waits for the ssh-deploy transport (src/ssh). */
export async function restoreSqliteOverSsh(source: SqliteSource, _scratch: ScratchPlace, _context: FlowContext): Promise<Restored> {
  throw new SlipwayError(`ssh-host ${source.ssh?.['ssh-host']}: the SSH source is not available in this build`, { fix: 'Back the database up on the host (restic, borg or a tarball) and drill that, or run the drill on the host.' });
}
