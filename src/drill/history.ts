import fs from 'node:fs';
import path from 'node:path';
import type { CacheStore } from '../core/cache.js';
import type { Logger } from '../core/log.js';
import { reportJson, type DrillReport } from './report.js';

/**
 * The last passing drill's report, for the "valid but empty" comparison. On a
 * laptop it is a file; in CI the runner is fresh every night, so the file
 * travels through the Actions cache (one new key per passing run, restored by prefix).
 */
export class DrillHistory {
  private readonly file: string;
  constructor(
    private readonly name: string,
    private readonly options: { file?: string; cache?: CacheStore; cacheDir: string; log: Logger },
  ) {
    this.file = options.file ?? path.join(options.cacheDir, 'last-pass.json');
  }

  private get prefix(): string {
    return `slipway-drill-${this.name}-`;
  }

  async load(): Promise<DrillReport | undefined> {
    if (this.options.cache && !this.options.file) {
      await this.options.cache.restore([this.options.cacheDir], `${this.prefix}latest-lookup`, [this.prefix]);
    }
    if (!fs.existsSync(this.file)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as DrillReport;
    } catch (error) {
      this.options.log.warn(`Ignoring the previous drill report ${this.file}: ${(error as Error).message}`);
      return undefined;
    }
  }

  async save(report: DrillReport): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, reportJson(report));
    if (this.options.cache && !this.options.file) {
      await this.options.cache.save([this.options.cacheDir], `${this.prefix}${Date.now()}`);
    }
  }
}

/** Row counts of the newest restore of a previous report. */
export function previousCounts(report: DrillReport | undefined): Record<string, number> | undefined {
  const counts = report?.restores[0]?.tables;
  return counts && Object.keys(counts).length > 0 ? counts : undefined;
}
