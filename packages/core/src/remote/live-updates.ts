import { RemoteError } from "../errors.js";
import { backoffDelay, describeDelay, type ResolvedRetry } from "./backoff.js";
import { describeError, parseJson } from "./http-request.js";
import type { EventSourceFactory, EventSourceLike, EventSourceMessageLike } from "../platform/event-source.js";
import { utf8Length } from "../platform/text.js";
import { startTimeout } from "../platform/timers.js";

/** The SSE event names whose data is a full config document (see docs/remote-config.md). */
export const CONFIG_EVENTS = ["config", "message"] as const;

/** The event a server sends when it refused a newer document and keeps serving the last good one. */
export const REJECTED_EVENT = "rejected";

export interface LiveUpdatesOptions {
  url: string;
  headers: Record<string, string>;
  factory: EventSourceFactory;
  retry: ResolvedRetry;
  maxBodyBytes: number;
  /** Applies a pushed document; throws (a `RemoteError`) when it is rejected. */
  onDocument(doc: unknown, id: string | undefined): void;
  /** Reports a rejected event or a dropped connection; `then` says what happens next, for the log. */
  onProblem(error: RemoteError, then: string): void;
}

/**
 * Keeps one Server-Sent Events connection open: each `config` event goes to `onDocument`, and a
 * dropped connection is reopened after a capped, jittered backoff. The backoff resets only when a
 * connection delivers a document that was applied — not when it opens, nor when it sends
 * something unreadable — so a server that accepts and drops, or sends garbage and drops, cannot
 * make the client spin.
 */
export class LiveUpdates {
  private source: EventSourceLike | undefined;
  private cancelTimer: (() => void) | undefined;
  private failures = 0;
  private stopped = true;

  constructor(private readonly options: LiveUpdatesOptions) {}

  /** Opens the connection (no-op while open). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Closes the connection and cancels a pending reconnect. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const source = this.source;
    this.source = undefined;
    if (source) {
      source.onerror = null;
      source.onopen = null;
      source.close();
    }
  }

  private connect(): void {
    const { url, headers, factory } = this.options;
    let source: EventSourceLike;
    try {
      source = factory(url, { headers: { ...headers } });
    } catch (error) {
      this.dropped(error);
      return;
    }
    this.source = source;
    const onEvent = (event: EventSourceMessageLike) => {
      if (this.source === source && this.receive(event)) this.failures = 0;
    };
    for (const name of CONFIG_EVENTS) source.addEventListener(name, onEvent);
    // The server refused a newer document of its own (victor-flags serve after an invalid edit):
    // the status says so, the last good config stays, and the stream stays open.
    source.addEventListener(REJECTED_EVENT, (event) => {
      if (this.source !== source) return;
      const { url } = this.options;
      const why = String(event.data).slice(0, 500);
      this.options.onProblem(new RemoteError("invalid-config", `event stream ${url}: the server rejected a newer document (${why})`, { url }), "waiting for the next event");
    });
    source.onerror = (event) => {
      if (this.source !== source) return;
      this.source = undefined;
      source.onerror = null;
      source.close(); // the browser EventSource would retry on its own, without our backoff
      this.dropped((event as { error?: unknown } | null)?.error);
    };
  }

  private dropped(cause: unknown): void {
    if (this.stopped) return;
    const { url, retry } = this.options;
    const attempt = this.failures++;
    const retryIn = attempt < retry.maxAttempts ? backoffDelay(attempt, retry) : undefined;
    const why = cause === undefined ? "connection lost" : describeError(cause);
    const then = retryIn === undefined ? "no more reconnects" : `reconnecting in ${describeDelay(retryIn)}`;
    this.options.onProblem(new RemoteError("network", `event stream ${url} disconnected (${why})`, { url, cause }), then);
    if (retryIn === undefined) return;
    this.cancelTimer = startTimeout(() => {
      this.cancelTimer = undefined;
      if (!this.stopped) this.connect();
    }, retryIn, false);
  }

  /** Hands one event's document on; true when it was applied. */
  private receive(event: EventSourceMessageLike): boolean {
    const { url, maxBodyBytes } = this.options;
    try {
      const bytes = utf8Length(event.data);
      if (bytes > maxBodyBytes) {
        throw new RemoteError("too-large", `event stream ${url}: event of ${bytes} bytes is larger than maxBodyBytes (${maxBodyBytes})`, { url });
      }
      const doc = parseJson(event.data, url, `event stream ${url}`);
      this.options.onDocument(doc, event.lastEventId || undefined);
      return true;
    } catch (error) {
      this.options.onProblem(error instanceof RemoteError ? error : new RemoteError("invalid-config", `event stream ${url}: ${describeError(error)}`, { url, cause: error }), "waiting for the next event");
      return false;
    }
  }
}
