import fs from 'node:fs';
import path from 'node:path';
import { SlipwayError } from '../core/errors.js';
import type { Finding } from './types.js';

/**
 * Fingerprints of findings a team has accepted (adopting the scanner on an old
 * repository). Holds rule, path and line for people reading it; never a secret.
 */
export interface BaselineFile {
  version: 1;
  findings: Array<{ fingerprint: string; rule: string; path: string; line: number }>;
}

export function readBaseline(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return parseBaseline(fs.readFileSync(file, 'utf8'), file);
}

/** `where` names the file (or `<commit>:<path>`) in errors. */
export function parseBaseline(text: string, where: string): Set<string> {
  let data: BaselineFile;
  try {
    data = JSON.parse(text) as BaselineFile;
  } catch (error) {
    throw new SlipwayError(`${where}: the baseline is not valid JSON (${(error as Error).message})`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
  }
  if (!Array.isArray(data.findings)) throw new SlipwayError(`${where}: the baseline has no "findings" list`, { fix: 'Rewrite it with `slipway scan --write-baseline true`' });
  return new Set(data.findings.map((f) => f.fingerprint));
}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  const unique = new Map<string, BaselineFile['findings'][number]>();
  for (const f of findings) if (!unique.has(f.fingerprint)) unique.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.ruleId, path: f.path, line: f.line });
  const data: BaselineFile = { version: 1, findings: [...unique.values()].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
