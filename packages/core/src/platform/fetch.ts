// The part of `fetch` the SDK uses: one type for the remote source and the metrics reporters.
// The global is looked up when called, so fakes and polyfills installed after import apply.

/** The request options the SDK passes to `fetch`. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  keepalive?: boolean;
  signal?: AbortSignal;
}

/** The parts of a `fetch` Response the SDK reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText?: string;
  readonly headers: { get(name: string): string | null };
  /** A byte stream when the platform has one; body size limits are enforced while reading it. */
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** A `fetch`-compatible function (the global `fetch` fits); what `createRemoteSource({ fetch })` takes. */
export type FetchLike = (url: string, init?: FetchInit) => Promise<FetchResponseLike>;

/** The part of a response the metrics reporters read. */
export type ReporterResponse = Pick<FetchResponseLike, "ok" | "status">;

/**
 * The narrower view of `FetchLike` the metrics reporters call (one POST, reading `ok` and
 * `status`): any `FetchLike` fits, and so does a test double that answers only `{ ok, status }`.
 */
export type ReporterFetch = (url: string, init: FetchInit & { method: "POST"; headers: Record<string, string>; body: string }) => Promise<ReporterResponse>;

/** `globalThis.fetch`, looked up per call; rejects with an error that says how to provide one. */
export const globalFetch: FetchLike = (url, init) => {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  return typeof f === "function" ? f(url, init) : Promise.reject(new Error("no global fetch on this platform: pass the `fetch` option"));
};

/** A new AbortController, or undefined on a platform without one (requests then cannot be cut short). */
export function newAbortController(): AbortController | undefined {
  const AC = (globalThis as { AbortController?: typeof AbortController }).AbortController;
  return typeof AC === "function" ? new AC() : undefined;
}
