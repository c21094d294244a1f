import type { KeyValueStorage, Logger } from "../platform.js";
import { CACHE_FORMAT, cacheSum } from "./config-cache.js";

/** The storage text of a cache entry for `config` (what `readCached` reads back). */
export function cacheEntryText(url: string, etag: string | undefined, config: unknown): string {
  const text = JSON.stringify(config);
  return JSON.stringify({ format: CACHE_FORMAT, url, etag, savedAt: new Date().toISOString(), sum: cacheSum(text), config: text });
}

/** Stores the last good config (only ever called with a document the source accepted). */
export function writeCached(storage: KeyValueStorage, logger: Logger, key: string, url: string, etag: string | undefined, config: unknown): void {
  try {
    storage.setItem(key, cacheEntryText(url, etag, config));
  } catch (error) {
    logger.warn(`could not cache the config under "${key}" (${error instanceof Error ? error.message : String(error)}); the next start will not have it`);
  }
}
