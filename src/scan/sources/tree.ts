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

/** A binary file keeps its bytes: a keystore is recognised by its structure, not read as text. */
export type ReadOutcome = { text: string; bytes: number } | { skipped: 'binary'; bytes: number; data: Buffer } | { skipped: 'too-large' | 'unreadable'; bytes: number };

/** Reads a file for scanning, skipping binaries (a NUL in the first 8 KB) and files over the limit; UTF-16 is decoded. */
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
  const data = fs.readFileSync(file);
  const text = decodeText(data);
  return text === undefined ? { skipped: 'binary', bytes: size, data } : { text, bytes: size };
}

/**
 * Text from a file's bytes: UTF-8 (its BOM dropped), or UTF-16 with a BOM, or
 * BOM-less UTF-16 whose every other byte is NUL (what Windows tools write for
 * ASCII text). Anything else holding a NUL is binary: undefined.
 */
export function decodeText(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return bigEndianToLittle(buffer.subarray(2)).toString('utf16le');
  const head = buffer.subarray(0, 8192);
  if (!head.includes(0)) return buffer.toString('utf8').replace(/^\uFEFF/, '');
  const utf16 = utf16Order(head);
  if (utf16 === 'le') return buffer.toString('utf16le');
  if (utf16 === 'be') return bigEndianToLittle(buffer).toString('utf16le');
  return undefined;
}

/** BOM-less UTF-16: NULs on one byte parity only, and on nearly all of it. */
function utf16Order(head: Buffer): 'le' | 'be' | undefined {
  if (head.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul += 1;
    if (head[i + 1] === 0) oddNul += 1;
  }
  const pairs = Math.floor(head.length / 2);
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'be';
  return undefined;
}

/** A copy with each byte pair swapped (an odd last byte dropped): UTF-16BE read as UTF-16LE. */
function bigEndianToLittle(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}
