import fs from 'node:fs';
import path from 'node:path';
import type { Runner } from '../../core/runner/process-runner.js';
import { gitCommands } from './git.js';

/** Files of a working tree: git's view (tracked + untracked, not ignored) in a repository, a walk otherwise. */
export async function listTreeFiles(runner: Runner, root: string): Promise<string[]> {
  if (fs.existsSync(path.join(root, '.git'))) {
    const listed = await runner.run(gitCommands.listFiles(root), { allowFailure: true });
    if (listed.exitCode === 0) return listed.stdout.split('\0').filter(Boolean);
  }
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.isFile()) files.push(relative);
    }
  };
  walk('');
  return files;
}

export type ReadOutcome = { text: string; bytes: number } | { skipped: 'binary' | 'too-large' | 'unreadable'; bytes: number };

/** Reads a file for scanning, skipping binaries (a NUL in the first 8 KB) and files over the limit. */
export function readScannable(file: string, maxBytes: number): ReadOutcome {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { skipped: 'unreadable', bytes: 0 };
    size = stat.size;
  } catch {
    return { skipped: 'unreadable', bytes: 0 };
  }
  if (size > maxBytes) return { skipped: 'too-large', bytes: size };
  const buffer = fs.readFileSync(file);
  if (buffer.subarray(0, 8192).includes(0)) return { skipped: 'binary', bytes: size };
  return { text: buffer.toString('utf8'), bytes: size };
}
