import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CacheStore } from './cache.js';

/** The laptop's stand-in for @actions/cache: a directory per key, newest restore-key prefix wins. */
export class LocalCache implements CacheStore {
  readonly description: string;
  constructor(private readonly root = process.env.SLIPWAY_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'slipway')) {
    this.description = `local cache in ${root}`;
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    const hit = this.find(primaryKey, restoreKeys);
    if (!hit) return undefined;
    paths.forEach((target, index) => {
      const source = path.join(this.root, encode(hit), String(index));
      if (fs.existsSync(source)) fs.cpSync(source, target, { recursive: true, force: true });
    });
    return hit;
  }

  async save(paths: string[], key: string): Promise<void> {
    const entry = path.join(this.root, encode(key));
    const staging = `${entry}.partial-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    paths.forEach((source, index) => {
      if (fs.existsSync(source)) fs.cpSync(source, path.join(staging, String(index)), { recursive: true });
    });
    fs.mkdirSync(staging, { recursive: true });
    fs.rmSync(entry, { recursive: true, force: true });
    fs.renameSync(staging, entry);
  }

  private find(primaryKey: string, restoreKeys: string[]): string | undefined {
    if (fs.existsSync(path.join(this.root, encode(primaryKey)))) return primaryKey;
    if (!fs.existsSync(this.root)) return undefined;
    const entries = fs.readdirSync(this.root).filter((name) => !name.includes('.partial-'));
    for (const prefix of restoreKeys) {
      const matches = entries
        .filter((name) => decode(name).startsWith(prefix))
        .map((name) => ({ name, mtime: fs.statSync(path.join(this.root, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
      if (matches[0]) return decode(matches[0].name);
    }
    return undefined;
  }
}

const encode = (key: string): string => encodeURIComponent(key);
const decode = (name: string): string => decodeURIComponent(name);
