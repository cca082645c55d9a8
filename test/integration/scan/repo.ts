import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base62, crc32 } from '../../../src/scan/encoding.js';
import { randomGenerator } from '../../../src/scan/samples.js';

/** A throwaway git repository for one test; fake secrets are made at test time. */
export class TestRepo {
  readonly dir: string;
  constructor(dir?: string) {
    this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hs-scan-'));
    if (!dir) this.git('init', '--quiet', '--initial-branch=main');
  }
  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.net', '-c', 'commit.gpgsign=false', ...args], { cwd: this.dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
  }
  write(file: string, text: string): this {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
    return this;
  }
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const g = randomGenerator();
export const fakeGithubToken = (): string => {
  const body = g.alnum(30);
  return `ghp_${body}${base62(crc32(body), 6)}`;
};
export const fakeStripeKey = (): string => `sk_live_${g.alnum(32)}`;
export const fakeAwsKeyId = (): string => `AKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
export const fakePassword = (): string => `Qz${g.alnum(10)}#${g.digits(3)}`;
