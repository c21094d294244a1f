import type { KeyValueStorage, Logger } from "../platform.js";
import { CACHE_FORMAT } from "./config-cache.js";

/** Stores the last good config (only ever called with a document the source accepted). */
export function writeCached(storage: KeyValueStorage, logger: Logger, key: string, url: string, etag: string | undefined, config: unknown): void {
  try {
    storage.setItem(key, JSON.stringify({ format: CACHE_FORMAT, url, etag, savedAt: new Date().toISOString(), config }));
  } catch (error) {
    logger.warn(`could not cache the config under "${key}" (${error instanceof Error ? error.message : String(error)}); the next start will not have it`);
  }
}
