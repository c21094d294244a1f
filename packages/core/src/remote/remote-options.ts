import { InvalidArgumentError } from "../errors.js";
import { consoleLogger, detectStorage, type KeyValueStorage, type Logger } from "../platform.js";
import type { FlagConfig, FlagContext } from "../types.js";
import { resolveRetry, type ResolvedRetry, type RetryOptions } from "./backoff.js";
import { createFetchEventSource } from "./fetch-event-source.js";
import { globalEventSource, globalFetch, type EventSourceFactory, type FetchLike } from "./remote-platform.js";

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
  /** Largest accepted response or SSE event in bytes. @default 1048576 */
  maxBodyBytes?: number;
  /** Backoff for failed requests and dropped streams. @default { baseMs: 1000, maxMs: 30000, maxAttempts: Infinity } */
  retry?: RetryOptions;
  /** Where the one message per failure goes. @default console */
  logger?: Logger;
}

export interface ResolvedOptions {
  url: (context: FlagContext) => string;
  headers: (context: FlagContext) => Record<string, string>;
  timeoutMs: number;
  startTimeoutMs: number;
  pollIntervalMs: number | undefined;
  streamUrl: ((context: FlagContext) => string) | undefined;
  storage: KeyValueStorage;
  cacheKey: (url: string) => string;
  bootstrap: FlagConfig | undefined;
  fetch: () => FetchLike;
  eventSource: (headers: Record<string, string>) => EventSourceFactory;
  maxBodyBytes: number;
  retry: ResolvedRetry;
  logger: Logger;
}

/** The live-update URL for a document URL: `/stream` appended to the path, before any query. */
export function defaultStreamUrl(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  return `${path.replace(/\/+$/, "")}/stream${cut === -1 ? "" : url.slice(cut)}`;
}

function urlFn(url: unknown, what: string): (context: FlagContext) => string {
  if (typeof url === "string" && url !== "") return () => url;
  if (typeof url !== "function") throw new InvalidArgumentError(`${what} must be a non-empty string or a function of the context, got ${JSON.stringify(url) ?? typeof url}`);
  return (context) => {
    const value: unknown = (url as (c: FlagContext) => unknown)(context);
    if (typeof value !== "string" || value === "") throw new InvalidArgumentError(`${what}(context) must return a non-empty string, got ${JSON.stringify(value) ?? typeof value}`);
    return value;
  };
}

function ms(value: unknown, fallback: number | undefined, what: string): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError(`${what} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}

/** Checks the options and fills in defaults; bad values throw an `InvalidArgumentError` naming the option. */
export function resolveOptions(options: RemoteSourceOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new InvalidArgumentError("createRemoteSource needs an options object such as { url: \"/flags.json\" }");
  const url = urlFn(options.url, "url");
  const headersOption = options.headers;
  if (headersOption !== undefined && typeof headersOption !== "object" && typeof headersOption !== "function") throw new InvalidArgumentError("headers must be an object of strings or a function of the context");
  const headers = (context: FlagContext): Record<string, string> => ({ ...(typeof headersOption === "function" ? headersOption(context) : headersOption) });
  const streaming = options.streaming;
  const streamUrl =
    streaming === undefined || streaming === false
      ? undefined
      : streaming === true || streaming.url === undefined
        ? (context: FlagContext) => defaultStreamUrl(url(context))
        : urlFn(streaming.url, "streaming.url");
  const fetchOption = options.fetch;
  if (fetchOption !== undefined && typeof fetchOption !== "function") throw new InvalidArgumentError("fetch must be a fetch-compatible function");
  const getFetch = fetchOption ? () => fetchOption : globalFetch;
  const maxBodyBytes = ms(options.maxBodyBytes, 1_048_576, "maxBodyBytes")!;
  const cacheKey = options.cacheKey;
  if (cacheKey !== undefined && (typeof cacheKey !== "string" || cacheKey === "")) throw new InvalidArgumentError("cacheKey must be a non-empty string");
  return {
    url,
    headers,
    timeoutMs: ms(options.timeoutMs, 5000, "timeoutMs")!,
    startTimeoutMs: ms(options.startTimeoutMs, 5000, "startTimeoutMs")!,
    pollIntervalMs: ms(options.pollIntervalMs, undefined, "pollIntervalMs"),
    streamUrl,
    storage: options.storage ?? detectStorage(),
    cacheKey: (u) => cacheKey ?? `victor-flags:remote:${u}`,
    bootstrap: options.bootstrap,
    fetch: getFetch,
    // The browser EventSource cannot send headers; with headers (or without one) use SSE over fetch.
    eventSource: (h) => options.eventSource ?? (Object.keys(h).length === 0 ? globalEventSource() : undefined) ?? createFetchEventSource(getFetch, maxBodyBytes),
    maxBodyBytes,
    retry: resolveRetry(options.retry),
    logger: options.logger ?? consoleLogger,
  };
}
