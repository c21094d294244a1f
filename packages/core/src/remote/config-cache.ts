import type { KeyValueStorage, Logger } from "../platform.js";

/** What the cache holds: the last config the manager accepted from the network, with its ETag. */
export interface CachedConfig {
  /** The URL it was fetched from; its ETag is only reused for the same URL. */
  url: string;
  etag: string | undefined;
  config: unknown;
  savedAt: string;
}

const FORMAT = 1;

/**
 * The last good config in a `KeyValueStorage`. Storage is outside our control (quota, privacy
 * modes, another tab, an older SDK version), so every access is guarded: a read that fails or
 * finds garbage is a miss, a write that fails is logged and skipped.
 */
export class ConfigCache {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly logger: Logger,
  ) {}

  /** The cached entry, or undefined (an unreadable entry is removed). */
  read(key: string): CachedConfig | undefined {
    let raw: string | null;
    try {
      raw = this.storage.getItem(key);
    } catch {
      return undefined;
    }
    if (raw === null) return undefined;
    try {
      const entry = JSON.parse(raw) as Partial<CachedConfig> & { format?: number };
      if (entry && entry.format === FORMAT && typeof entry.url === "string" && entry.config !== undefined) {
        return { url: entry.url, etag: typeof entry.etag === "string" ? entry.etag : undefined, config: entry.config, savedAt: String(entry.savedAt) };
      }
    } catch {
      // not JSON: fall through and drop it
    }
    this.logger.warn(`cached config under "${key}" is unreadable; it was removed`);
    this.remove(key);
    return undefined;
  }

  /** Stores an entry (only ever called with a config the manager accepted). */
  write(key: string, entry: Omit<CachedConfig, "savedAt">): void {
    try {
      this.storage.setItem(key, JSON.stringify({ format: FORMAT, url: entry.url, etag: entry.etag, savedAt: new Date().toISOString(), config: entry.config }));
    } catch (error) {
      this.logger.warn(`could not cache the config under "${key}" (${error instanceof Error ? error.message : String(error)}); the next start will not have it`);
    }
  }

  /** Forgets an entry. */
  remove(key: string): void {
    try {
      this.storage.removeItem(key);
    } catch {
      // nothing more we can do
    }
  }
}
