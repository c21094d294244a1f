// Reading the last good config from storage, on the synchronous start path (hydrate). Storage is
// outside our control (quota, privacy modes, another tab, an older SDK version, a script that
// planted an entry), so every access is guarded. An entry carries the document as text with an
// integrity sum: one that was cut short, edited or written by another version fails the sum and
// is removed before its document is parsed. The sum proves only that the entry is intact, not
// who wrote it, so the caller still validates the document (see docs/remote-config.md,
// "Caching"), and its ETag is never reused.
import { fnv1a32 } from "../bucketing.js";
import type { KeyValueStorage, Logger } from "../platform.js";

/** The version of the cache entry's shape, `{ format, url, etag, savedAt, sum, config }`. */
export const CACHE_FORMAT = 2;

/** Room for the entry's wrapper (url, etag, date, sum) around the document's text. */
const WRAPPER_CHARS = 4096;

/** The integrity sum of a document's text: its length and its 32-bit FNV-1a. */
export function cacheSum(text: string): string {
  return `${text.length}.${fnv1a32(text).toString(36)}`;
}

/** Forgets an entry; a storage that throws leaves nothing more to do. */
export function removeCached(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing more we can do
  }
}

/**
 * The cached document under `key`, or undefined. An entry longer than `maxBodyBytes` (escaped
 * once more, plus its wrapper) is removed before it is parsed: the network would not have
 * accepted such a document, so it was not written by us, and parsing it could block the page.
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
  // A string of n UTF-16 units is at least n UTF-8 bytes, and escaping the text as a JSON string
  // at most doubles it, so this never drops what we wrote.
  if (raw.length <= 2 * maxBodyBytes + WRAPPER_CHARS) {
    problem = "is unreadable or was altered";
    try {
      const entry = JSON.parse(raw) as { format?: unknown; sum?: unknown; config?: unknown } | null;
      if (entry && entry.format === CACHE_FORMAT && typeof entry.config === "string" && entry.sum === cacheSum(entry.config)) return JSON.parse(entry.config);
    } catch {
      // not JSON: drop it below
    }
  }
  logger.warn(`cached config under "${key}" ${problem}; it was removed`);
  removeCached(storage, key);
  return undefined;
}
