import { KeyedListeners } from "../listeners.js";
import { discardBody } from "./body-limit.js";
import type { EventSourceFactory, EventSourceLike, EventSourceMessageLike } from "../platform/event-source.js";
import { newAbortController, type FetchLike } from "../platform/fetch.js";
import { newTextDecoder } from "../platform/text.js";

type Listener = (event: EventSourceMessageLike) => void;

/**
 * An `EventSourceFactory` over streaming `fetch`: works in Node (which has no global
 * EventSource before v22) and sends custom headers, which the browser EventSource cannot.
 * Unlike EventSource it never reconnects by itself: on any failure it reports `onerror` once and
 * closes, and the caller decides when to reconnect (with backoff). `maxEventBytes` bounds how
 * much an unterminated event may buffer.
 */
export function createFetchEventSource(fetch: FetchLike, maxEventBytes: number): EventSourceFactory {
  return (url, init) => new FetchEventSource(url, init.headers, fetch, maxEventBytes);
}

class FetchEventSource implements EventSourceLike {
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly listeners = new KeyedListeners<Listener>();
  private readonly controller = newAbortController();
  private closed = false;
  // Parser state (the WHATWG "interpret an event stream" algorithm).
  private buffer = "";
  private eventType = "";
  private data: string[] = [];
  private dataLength = 0;
  private lastEventId = "";

  constructor(url: string, headers: Record<string, string>, fetch: FetchLike, private readonly maxEventBytes: number) {
    // Started on a microtask so the caller can attach onopen/onerror/listeners first, as with EventSource.
    void Promise.resolve().then(() => this.run(url, headers, fetch));
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.add(type, listener);
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
  }

  private async run(url: string, headers: Record<string, string>, fetch: FetchLike): Promise<void> {
    if (this.closed) return;
    try {
      const init = { method: "GET", headers: { accept: "text/event-stream", "cache-control": "no-cache", ...headers } };
      const response = await fetch(url, this.controller ? { ...init, signal: this.controller.signal } : init);
      const type = response.headers.get("content-type") ?? "";
      if (response.status !== 200 || !type.toLowerCase().startsWith("text/event-stream")) {
        discardBody(response);
        return this.fail(new Error(`GET ${url}: expected 200 text/event-stream, got HTTP ${response.status} ${type || "(no content-type)"}`));
      }
      const body = response.body;
      if (!body || typeof body.getReader !== "function") return this.fail(new Error(`GET ${url}: this fetch cannot stream response bodies`));
      if (this.closed) return discardBody(response);
      this.onopen?.({ type: "open" });
      const reader = body.getReader();
      const decoder = newTextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (this.closed) return;
        if (done) break;
        this.feed(decoder.decode(value, { stream: true }));
        if (this.buffer.length + this.dataLength > this.maxEventBytes) {
          reader.cancel().catch(() => undefined);
          return this.fail(new Error(`${url}: an event is larger than maxBodyBytes (${this.maxEventBytes})`));
        }
      }
      this.fail(new Error(`${url}: the server closed the stream`));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.close();
    this.onerror?.({ type: "error", error });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    const eol = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = eol.exec(this.buffer); m !== null; m = eol.exec(this.buffer)) {
      // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (m[0] === "\r" && m.index === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, m.index));
      start = m.index + m[0].length;
      if (this.closed) return;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.eventType = value;
    else if (field === "data") {
      this.data.push(value);
      this.dataLength += value.length + 1;
    } else if (field === "id" && !value.includes("\u0000")) this.lastEventId = value;
    // "retry" is ignored on purpose: reconnection timing is the caller's backoff.
  }

  private dispatch(): void {
    const type = this.eventType || "message";
    const data = this.data.join("\n");
    const had = this.data.length > 0;
    this.eventType = "";
    this.data = [];
    this.dataLength = 0;
    if (!had) return;
    const event: EventSourceMessageLike = { data, lastEventId: this.lastEventId };
    // Not notifyAll: there is no logger here, and LiveUpdates' listener catches its own errors.
    for (const listener of Array.from(this.listeners.get(type))) listener(event);
  }
}
