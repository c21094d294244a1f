import { createMemoryStorage, getAnonymousId } from "@victor-flags/core";

/** Name of the cookie that carries the anonymous subject id between server and browser. */
export const ANONYMOUS_ID_COOKIE = "vf_anonymous_id";

/** How long the anonymous id cookie lives: a year, so a returning visitor keeps every bucket. */
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The value of one cookie in a `Cookie` header, or `undefined`. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** Options of the `Set-Cookie` value for the anonymous id. */
export interface AnonymousIdCookieOptions {
  /** Adds `Secure` (send over HTTPS only). Default `false`, so http://localhost keeps working. */
  secure?: boolean;
  /** Cookie path (default "/"). */
  path?: string;
  /** Cookie domain, to share the id across subdomains. */
  domain?: string;
}

/**
 * The `Set-Cookie` value that stores an anonymous id. Not `HttpOnly`: the browser side reads it
 * (`createCookieStorage`), and it is a random bucketing id, not a credential.
 */
export function anonymousIdSetCookie(id: string, options: AnonymousIdCookieOptions = {}): string {
  const parts = [`${ANONYMOUS_ID_COOKIE}=${encodeURIComponent(id)}`, `Path=${options.path ?? "/"}`, `Max-Age=${MAX_AGE_SECONDS}`, "SameSite=Lax"];
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** What `withAnonymousId` decided for one request. */
export interface AnonymousIdResult {
  /** The request's anonymous id: the cookie's, or a new one. */
  id: string;
  /** A copy of the request headers whose `Cookie` carries the id (when `Headers` were given). */
  headers: Headers | undefined;
  /** The request's `Cookie` header with the id in it, for servers that pass a string on. */
  cookieHeader: string;
  /** The `Set-Cookie` value to add to the response, when the id is new; else `undefined`. */
  setCookie: string | undefined;
}

/**
 * Middleware helper: gives a request an anonymous id cookie when it has none, so the server
 * render and the browser bucket an anonymous visitor as one subject from the first request.
 * Pass the request's headers (or its `Cookie` header); forward `headers` to the app and add
 * `setCookie` to the response.
 */
export function withAnonymousId(
  request: Headers | string | null | undefined,
  options: AnonymousIdCookieOptions = {},
): AnonymousIdResult {
  const cookieHeader = typeof request === "object" && request !== null ? request.get("cookie") : request;
  const existing = readCookie(cookieHeader, ANONYMOUS_ID_COOKIE);
  // The core's own id generator, so an id made here looks like one made in the browser.
  const id = existing || getAnonymousId(createMemoryStorage());
  const withId = existing ? (cookieHeader ?? "") : [cookieHeader, `${ANONYMOUS_ID_COOKIE}=${encodeURIComponent(id)}`].filter(Boolean).join("; ");
  let headers: Headers | undefined;
  if (typeof request === "object" && request !== null) {
    // The server code after the middleware reads this copy, so the first request already has the id.
    headers = new Headers(request);
    headers.set("cookie", withId);
  }
  return { id, headers, cookieHeader: withId, setCookie: existing ? undefined : anonymousIdSetCookie(id, options) };
}
