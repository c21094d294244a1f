import { ANONYMOUS_ID_KEY, ENV_PREFIXES, FeatureFlagManager, createMemoryStorage, type FlagConfig, type FlagContext } from "@victor-flags/core";
import { ANONYMOUS_ID_COOKIE, readCookie } from "./anonymous-id-cookie.js";

/** A request's cookies: its `Cookie` header, or a cookie store such as Next.js's `await cookies()`. */
export type RequestCookies = string | null | undefined | { get(name: string): { value: string } | undefined };

/** Options of `getServerFlags`. */
export interface ServerFlagsOptions {
  /** The config document (a JSON import works as it is). */
  config: FlagConfig;
  /** Who the request is for; without a usable `userId`, the anonymous id cookie is the subject. */
  context?: FlagContext;
  /** The request's cookies, where the anonymous id is read (set by `withAnonymousId`). */
  cookies?: RequestCookies;
  /**
   * The server's environment (`process.env`). Only `VICTOR_FEATURE_*`, `NEXT_PUBLIC_VICTOR_FEATURE_*`
   * and `VITE_VICTOR_FEATURE_*` entries are kept and sent on to the browser; nothing else leaves the server.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * What the server evaluated for one request: plain JSON, so a server component can hand it to
 * `<ServerFlagProvider flags={...}>` and the browser renders exactly the same values.
 */
export interface ServerFlags {
  config: FlagConfig;
  context: FlagContext;
  /** The anonymous subject id (when `context` has no `userId`); the browser keeps it in the cookie. */
  anonymousId: string | undefined;
  /** The flag overrides of the server's environment, by variable name. */
  env: Record<string, string>;
  /** Every flag's value for this request. */
  flags: Record<string, boolean>;
  /** Every experiment's variant for this request. */
  variants: Record<string, string | undefined>;
}

/** The flag-override entries of an env record (`VICTOR_FEATURE_*` and its bundler forms); nothing else. */
export function pickFlagEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && ENV_PREFIXES.some((prefix) => key.startsWith(prefix))) out[key] = value;
  }
  return out;
}

function anonymousIdOf(cookies: RequestCookies): string | undefined {
  if (cookies === null || cookies === undefined || typeof cookies === "string") return readCookie(cookies, ANONYMOUS_ID_COOKIE);
  return cookies.get(ANONYMOUS_ID_COOKIE)?.value || undefined;
}

/**
 * Evaluates every flag and variant for one request on the server, with no React and no
 * browser API, so it runs in server components, route handlers and any Node or edge server.
 * Throws the config's `ConfigError` when the document is invalid.
 */
export function getServerFlags(options: ServerFlagsOptions): ServerFlags {
  const context = options.context ?? {};
  const env = pickFlagEnv(options.env ?? {});
  const stored = anonymousIdOf(options.cookies);
  const storage = createMemoryStorage(stored ? { [ANONYMOUS_ID_KEY]: stored } : {});
  const manager = new FeatureFlagManager({ config: options.config, context, env, storage });
  const hasUser = typeof context.userId === "string" && context.userId.trim() !== "";
  // Without a user the subject is the anonymous id: the cookie's, or one made now for the browser to keep.
  const anonymousId = hasUser ? undefined : manager.getSubject();
  // Plain objects filled straight from the store: React refuses null-prototype objects as props of
  // a client component, and building the snapshot's records and then copying them cost twice
  // (a 1 000-key record takes ~0.25 ms to build, on every request). Names are validated flag and
  // experiment names, so `__proto__` never reaches the setter; checked anyway.
  const { store } = manager;
  const flags: Record<string, boolean> = {};
  for (const name of store.flagNames()) if (name !== "__proto__") flags[name] = store.isEnabled(name);
  const variants: Record<string, string | undefined> = {};
  for (const name of store.experimentNames()) if (name !== "__proto__") variants[name] = store.getVariant(name);
  return { config: options.config, context: { ...context }, anonymousId, env, flags, variants };
}
