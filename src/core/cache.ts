/**
 * Keeps directories between runs. In Actions it is @actions/cache (GitHub's
 * cache service, or Forgejo's, which speaks the v1 API the library falls back
 * to); on a laptop it is a local directory. Flows only see this interface.
 */
export interface CacheStore {
  readonly description: string;
  /** Restores into `paths`; returns the key that hit, or undefined on a miss. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
  /** Whether there is anywhere to save to (a runner may offer no cache service); absent means always. */
  available?(): Promise<boolean>;
}

export const noCache: CacheStore = {
  description: 'no cache',
  restore: async () => undefined,
  save: async () => undefined,
};
