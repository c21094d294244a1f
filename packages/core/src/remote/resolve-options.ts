// The options the network engine needs, with their defaults; createRemoteSource already checked
// them (remote-options.ts), so nothing here throws.
import type { FlagContext } from "../types.js";
import { globalEventSource, type EventSourceFactory } from "../platform/event-source.js";
import { globalFetch, type FetchLike } from "../platform/fetch.js";
import { resolveRetry, type ResolvedRetry } from "./backoff.js";
import { createFetchEventSource } from "./fetch-event-source.js";
import { InvalidArgumentError } from "../errors.js";
import { urlFn, type RemoteSourceOptions } from "./remote-options.js";

export interface ResolvedOptions {
  url: (context: FlagContext) => string;
  headers: (context: FlagContext) => Record<string, string>;
  timeoutMs: number;
  pollIntervalMs: number | undefined;
  streamUrl: ((context: FlagContext) => string) | undefined;
  fetch: FetchLike;
  eventSource: (headers: Record<string, string>) => EventSourceFactory;
  retry: ResolvedRetry;
}

/** The live-update URL for a document URL: `/stream` appended to the path, before any query. */
export function defaultStreamUrl(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  return `${path.replace(/\/+$/, "")}/stream${cut === -1 ? "" : url.slice(cut)}`;
}

/** A URL function whose result is checked: a non-empty string, or an `InvalidArgumentError`. */
export function checkedUrl(url: (context: FlagContext) => string, what: string): (context: FlagContext) => string {
  return (context) => {
    const value: unknown = url(context);
    if (typeof value !== "string" || value === "") throw new InvalidArgumentError(`${what}(context) must return a non-empty string, got ${JSON.stringify(value) ?? typeof value}`);
    return value;
  };
}

/** Fills in the defaults of what the network side uses. */
export function resolveOptions(options: RemoteSourceOptions, url: (context: FlagContext) => string, maxBodyBytes: number): ResolvedOptions {
  const headersOption = options.headers;
  const streaming = options.streaming;
  const fetch = options.fetch ?? globalFetch;
  return {
    url: checkedUrl(url, "url"),
    headers: (context) => ({ ...(typeof headersOption === "function" ? headersOption(context) : headersOption) }),
    timeoutMs: options.timeoutMs ?? 5000,
    pollIntervalMs: options.pollIntervalMs,
    streamUrl:
      streaming === undefined || streaming === false
        ? undefined
        : streaming === true || streaming.url === undefined
          ? (context) => defaultStreamUrl(checkedUrl(url, "url")(context))
          : checkedUrl(urlFn(streaming.url, "streaming.url"), "streaming.url"),
    fetch,
    // The browser EventSource cannot send headers; with headers (or without one) use SSE over fetch.
    eventSource: (h) => options.eventSource ?? (Object.keys(h).length === 0 ? globalEventSource() : undefined) ?? createFetchEventSource(fetch, maxBodyBytes),
    retry: resolveRetry(options.retry),
  };
}
