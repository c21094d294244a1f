// The options of createRemoteSource and the checks that run when the source is created. Only
// what hydrate() needs is resolved here; the rest is resolved by the network engine
// (resolve-options.ts), which loads on the first start().
import { InvalidArgumentError } from "../errors.js";
import type { EventSourceFactory } from "../platform/event-source.js";
import type { FetchLike } from "../platform/fetch.js";
import type { KeyValueStorage, Logger } from "../platform.js";
import type { FlagConfig, FlagContext } from "../types.js";
import type { RetryOptions } from "./backoff.js";

/** A URL, or a function of the manager's context for per-user configs. */
export type RemoteUrl = string | ((context: FlagContext) => string);

/** Options of `createRemoteSource` (see docs/remote-config.md). */
export interface RemoteSourceOptions {
  /** The config document's URL, or a function of the context (a change aborts the request in flight). */
  url: RemoteUrl;
  /** Extra request headers, or a function of the context. */
  headers?: Record<string, string> | ((context: FlagContext) => Record<string, string>);
  /** Per-request timeout in ms. @default 5000 */
  timeoutMs?: number;
  /** After `start()`, settle on what we have (bootstrap, cache, defaults) if the network is slower. @default 5000 */
  startTimeoutMs?: number;
  /** Revalidate this often after a success; no polling when unset. */
  pollIntervalMs?: number;
  /** Live updates over Server-Sent Events: `true` for `<url>/stream`, or `{ url }`. @default false */
  streaming?: boolean | { url?: RemoteUrl };
  /** Where the last good config is cached. @default localStorage in browsers, else memory */
  storage?: KeyValueStorage;
  /** Storage key. @default `victor-flags:remote:<url>` */
  cacheKey?: string;
  /** A document to start from (wins over the cache), e.g. one rendered into the page by the server. */
  bootstrap?: FlagConfig;
  /** A fetch-compatible function. @default globalThis.fetch at call time */
  fetch?: FetchLike;
  /** Opens SSE connections. @default globalThis.EventSource when present and no headers are set, else SSE over fetch */
  eventSource?: EventSourceFactory;
  /** Largest accepted document in bytes: a response, an SSE event or a cache entry. @default 1048576 */
  maxBodyBytes?: number;
  /** Backoff for failed requests and dropped streams. @default { baseMs: 1000, maxMs: 30000, maxAttempts: Infinity } */
  retry?: RetryOptions;
  /** Where the one message per problem and outage goes. @default console */
  logger?: Logger;
}

const fail = (message: string): never => {
  throw new InvalidArgumentError(message);
};

/**
 * `url` as a function of the context. What a function returns is checked where requests are
 * made (`checkedUrl`), not here on the path every app loads.
 */
export function urlFn(url: unknown, what: string): (context: FlagContext) => string {
  return typeof url === "function"
    ? (url as (context: FlagContext) => string)
    : typeof url === "string" && url !== ""
      ? () => url
      : fail(`${what} must be a non-empty string or a function of the context, got ${JSON.stringify(url) ?? typeof url}`);
}

/**
 * Throws an `InvalidArgumentError` naming the first bad option. Only what TypeScript cannot
 * catch is checked here, on the path every app loads; `url` is checked by `urlFn`.
 */
export function checkOptions(options: RemoteSourceOptions): void {
  if (!options) fail('createRemoteSource needs options such as { url: "/flags.json" }');
  for (const name of ["timeoutMs", "startTimeoutMs", "pollIntervalMs", "maxBodyBytes"] as const) {
    const v = options[name];
    if (v !== undefined && !(typeof v === "number" && v > 0 && v < Infinity)) fail(`${name} must be a positive number, got ${String(v)}`);
  }
  for (const name of ["baseMs", "maxMs", "maxAttempts"] as const) {
    const v = options.retry?.[name];
    if (v !== undefined && !(typeof v === "number" && v >= 0)) fail(`retry.${name} must be a number >= 0, got ${String(v)}`);
  }
}
