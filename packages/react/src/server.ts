// `@victor-flags/react/server`: server-safe (no React context, no browser API), for React Server
// Components, route handlers and any server. `ServerFlagProvider` comes from its own entry marked
// "use client", so a server component renders it as a client component.
export { getServerFlags, pickFlagEnv } from "./server-flags.js";
export type { ServerFlags, ServerFlagsOptions, RequestCookies } from "./server-flags.js";
export { ServerFlagProvider } from "./server-flag-provider.js";
export type { ServerFlagProviderProps } from "./server-flag-provider.js";
export { withAnonymousId, anonymousIdSetCookie, readCookie, ANONYMOUS_ID_COOKIE } from "./anonymous-id-cookie.js";
export type { AnonymousIdResult, AnonymousIdCookieOptions } from "./anonymous-id-cookie.js";
export { createCookieStorage } from "./cookie-storage.js";
export type { CookieStorageOptions } from "./cookie-storage.js";
