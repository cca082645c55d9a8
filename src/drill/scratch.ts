import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../core/errors.js';
import { recordLeftover } from '../core/leftovers.js';
import type { Logger } from '../core/log.js';

/** Docker objects the drill starts carry this label, so a test (or a human) can find leftovers. */
export const DRILL_LABEL = 'dev.slipway.drill';

/**
 * The only places a drill writes: one directory, plus containers, volumes and
 * databases it names itself. Everything registered here is removed at the end,
 * last created first, even when the drill failed.
 */
export class ScratchPlace {
  readonly id = crypto.randomBytes(4).toString('hex');
  readonly dir: string;
  private readonly cleanups: Array<{ what: string; undo: () => Promise<void> | void }> = [];

  private constructor(dir: string) {
    this.dir = dir;
    // A drill killed before remove() leaves the post step the dir and the containers it labelled.
    const settleDir = recordLeftover({ kind: 'dir', path: dir, what: 'drill scratch directory' });
    const settleContainers = recordLeftover({ kind: 'containers', label: `${DRILL_LABEL}=${this.id}`, what: 'drill containers' });
    this.settleLeftovers = () => { settleDir(); settleContainers(); };
  }

  private readonly settleLeftovers: () => void;

  /** A fresh directory under `root`, or the given one if it does not exist yet (or is empty). */
  static create(root: string, wanted?: string): ScratchPlace {
    if (wanted) {
      if (fs.existsSync(wanted) && fs.readdirSync(wanted).length > 0) {
        throw new SlipwayError(`scratch-dir ${wanted} is not empty`, { fix: 'The drill restores only into a place it creates and removes; name a directory that does not exist.' });
      }
      fs.mkdirSync(wanted, { recursive: true, mode: 0o700 });
      const place = new ScratchPlace(wanted);
      place.onCleanup(`directory ${wanted}`, () => fs.rmSync(wanted, { recursive: true, force: true }));
      return place;
    }
    fs.mkdirSync(root, { recursive: true });
    const dir = fs.mkdtempSync(path.join(root, 'slipway-drill-'));
    const place = new ScratchPlace(dir);
    place.onCleanup(`directory ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
    return place;
  }

  /** A name for a container, volume or database that belongs to this drill. */
  name(purpose: string): string {
    return `slipway_drill_${purpose}_${this.id}`;
  }

  sub(...parts: string[]): string {
    const dir = path.join(this.dir, ...parts);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  onCleanup(what: string, undo: () => Promise<void> | void): void {
    this.cleanups.push({ what, undo });
  }

  async remove(log: Logger): Promise<void> {
    for (const { what, undo } of this.cleanups.reverse()) {
      try {
        await undo();
      } catch (error) {
        log.warn(`Could not remove scratch ${what}: ${(error as Error).message}`);
      }
    }
    this.cleanups.length = 0;
    this.settleLeftovers();
  }
}

/** The real path of something that may not exist yet: the nearest existing parent, resolved. */
export function realPathOf(target: string): string {
  const absolute = path.resolve(target);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/** True when `inner` is `outer` or lies inside it (after resolving symlinks). */
export function isSameOrInside(inner: string, outer: string): boolean {
  const a = realPathOf(inner);
  const b = realPathOf(outer);
  return a === b || a.startsWith(b.endsWith(path.sep) ? b : `${b}${path.sep}`);
}

/**
 * Refuses a restore target that is (or holds, or lies inside) the source: a
 * drill that restores over production is the disaster it is meant to rehearse.
 */
export function refuseTargetOverSource(target: string, sources: string[]): void {
  for (const source of sources) {
    if (isSameOrInside(target, source) || isSameOrInside(source, target)) {
      throw new SlipwayError(
        `Refusing to restore into ${target}: it is the source ${source} (same path after resolving symlinks, or one inside the other)`,
        { fix: 'Leave scratch-dir empty so the drill makes its own temporary directory, or name one outside the source.' },
      );
    }
  }
}

export function refuseSameName(kind: string, target: string, source: string | undefined): void {
  if (source !== undefined && target === source) {
    throw new SlipwayError(`Refusing to restore into ${kind} '${target}': it is the source ${kind}`, {
      fix: `Leave the scratch ${kind} name empty so the drill makes its own, or name another one.`,
    });
  }
}

/** Total size of the files under a path. */
export function sizeOf(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of fs.readdirSync(target)) total += sizeOf(path.join(target, entry));
  return total;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Every SQLite database file under `dir` (by header, not by name). */
export function findSqliteFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && hasSqliteHeader(full)) found.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}

function hasSqliteHeader(file: string): boolean {
  const handle = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    return fs.readSync(handle, header, 0, 16, 0) === 16 && header.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(handle);
  }
}
