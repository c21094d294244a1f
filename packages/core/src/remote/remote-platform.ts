// The network capabilities the remote source needs, as small interfaces. Defaults are looked up
// on globalThis when called (never captured at import), so tests, polyfills and fake timers that
// replace the globals later are honoured, and the core never references DOM or Node directly.

/** The parts of a `fetch` Response the remote source reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText?: string;
  readonly headers: { get(name: string): string | null };
  /** A byte stream when the platform has one; the body size limit is enforced while reading it. */
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** The request options the remote source passes to `fetch`. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A `fetch`-compatible function (the global `fetch` fits). */
export type FetchLike = (url: string, init?: FetchInit) => Promise<FetchResponseLike>;

/** One Server-Sent Event as delivered to listeners. */
export interface EventSourceMessageLike {
  readonly data: string;
  readonly lastEventId?: string;
}

/** The parts of the browser `EventSource` the live updates use. */
export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: EventSourceMessageLike) => void): void;
  close(): void;
}

/** Opens an event stream; `headers` are sent when the implementation can send them. */
export type EventSourceFactory = (url: string, init: { headers: Record<string, string> }) => EventSourceLike;

/** An opaque timer handle. */
export type TimerHandle = unknown;

/** The global `fetch` at call time, or an error that says how to provide one. */
export function globalFetch(): FetchLike {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof f !== "function") {
    throw new Error("no global fetch on this platform: pass createRemoteSource({ fetch })");
  }
  return (url, init) => f(url, init);
}

/** The global `EventSource` constructor when the platform has one (browsers, Deno, Node 22+ flag). */
export function globalEventSource(): EventSourceFactory | undefined {
  const ES = (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
  return typeof ES === "function" ? (url) => new ES(url) : undefined;
}

/** `setTimeout` through the global at call time (so fake timers installed later apply). */
export function setTimer(fn: () => void, ms: number): TimerHandle {
  return globalThis.setTimeout(fn, ms);
}

/** `clearTimeout` through the global at call time. */
export function clearTimer(handle: TimerHandle): void {
  if (handle !== undefined) globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
}

/** A new AbortController, or undefined on a platform without one (requests then cannot be cut short). */
export function newAbortController(): AbortController | undefined {
  const AC = (globalThis as { AbortController?: typeof AbortController }).AbortController;
  return typeof AC === "function" ? new AC() : undefined;
}

/** A UTF-8 decoder from the platform. */
export function newTextDecoder(): TextDecoder {
  const TD = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  if (typeof TD !== "function") throw new Error("no TextDecoder on this platform");
  return new TD("utf-8");
}

/** Size in bytes of a string once UTF-8 encoded (without allocating the encoding). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}
