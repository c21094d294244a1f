import { ANONYMOUS_ID_KEY, createMemoryStorage, detectStorage, type KeyValueStorage } from "@victor-flags/core";
import { ANONYMOUS_ID_COOKIE, anonymousIdSetCookie, readCookie, type AnonymousIdCookieOptions } from "./anonymous-id-cookie.js";

/** Options of `createCookieStorage`. */
export interface CookieStorageOptions extends AnonymousIdCookieOptions {
  /**
   * On the server: the request's `Cookie` header. Ignored in the browser, which reads
   * `document.cookie`.
   */
  cookie?: string | null;
  /** An id that wins over the cookie, e.g. the one the server rendered with (see `ServerFlagProvider`). */
  anonymousId?: string;
  /** Where every other key goes (the remote config cache, ...). Default: localStorage in browsers, else memory. */
  fallback?: KeyValueStorage;
}

function browserDocument(): { cookie: string } | undefined {
  const doc = (globalThis as { document?: { cookie?: unknown } }).document;
  return doc && typeof doc.cookie === "string" ? (doc as { cookie: string }) : undefined;
}

/**
 * A `KeyValueStorage` for the provider's `storage` prop that keeps the anonymous subject id in
 * a cookie (`vf_anonymous_id`) instead of localStorage, so the server render and the browser
 * bucket an anonymous visitor alike. Give it the request's `Cookie` header on the server.
 */
export function createCookieStorage(options: CookieStorageOptions = {}): KeyValueStorage {
  const fallback = options.fallback ?? (browserDocument() ? detectStorage() : createMemoryStorage());
  // The given id, or one set during a server render (no response to carry it): kept for this storage.
  const written = createMemoryStorage(options.anonymousId ? { [ANONYMOUS_ID_KEY]: options.anonymousId } : {});
  return {
    getItem(key) {
      if (key !== ANONYMOUS_ID_KEY) return fallback.getItem(key);
      const doc = browserDocument();
      return written.getItem(key) ?? readCookie(doc ? doc.cookie : options.cookie, ANONYMOUS_ID_COOKIE) ?? null;
    },
    setItem(key, value) {
      if (key !== ANONYMOUS_ID_KEY) return fallback.setItem(key, value);
      written.setItem(key, value);
      const doc = browserDocument();
      if (doc) doc.cookie = anonymousIdSetCookie(value, options);
    },
    removeItem(key) {
      if (key !== ANONYMOUS_ID_KEY) return fallback.removeItem(key);
      written.removeItem(key);
      const doc = browserDocument();
      if (doc) doc.cookie = `${ANONYMOUS_ID_COOKIE}=; Path=${options.path ?? "/"}; Max-Age=0`;
    },
  };
}
