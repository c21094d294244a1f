// Reading the last good config from storage, on the synchronous start path (hydrate). Storage is
// outside our control (quota, privacy modes, another tab, an older SDK version, a script that
// planted an entry), so every access is guarded and an entry is only a candidate: the caller
// validates it, and its ETag is never reused (see docs/remote-config.md, "Caching").
import type { KeyValueStorage, Logger } from "../platform.js";

/** The version of the cache entry's shape, `{ format, url, etag, savedAt, config }`. */
export const CACHE_FORMAT = 1;

/** Room for the entry's wrapper (url, etag, date) around a document of `maxBodyBytes`. */
const WRAPPER_CHARS = 4096;

/** Forgets an entry; a storage that throws leaves nothing more to do. */
export function removeCached(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing more we can do
  }
}

/**
 * The cached document under `key`, or undefined. An entry longer than `maxBodyBytes` (plus its
 * wrapper) is removed before it is parsed: the network would not have accepted such a document,
 * so it was not written by us, and parsing it could block the page.
 */
export function readCached(storage: KeyValueStorage, key: string, maxBodyBytes: number, logger: Logger): unknown {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let problem = `is larger than maxBodyBytes (${maxBodyBytes})`;
  // A string of n UTF-16 units is at least n UTF-8 bytes, so this never drops what we wrote.
  if (raw.length <= maxBodyBytes + WRAPPER_CHARS) {
    problem = "is unreadable";
    try {
      const entry = JSON.parse(raw) as { format?: unknown; config?: unknown } | null;
      if (entry && entry.format === CACHE_FORMAT && entry.config !== undefined) return entry.config;
    } catch {
      // not JSON: drop it below
    }
  }
  logger.warn(`cached config under "${key}" ${problem}; it was removed`);
  removeCached(storage, key);
  return undefined;
}
