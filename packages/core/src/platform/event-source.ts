// The part of `EventSource` the remote source's live updates use.

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

/** The global `EventSource` constructor when the platform has one (browsers, Deno, Node 22+ flag). */
export function globalEventSource(): EventSourceFactory | undefined {
  const ES = (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
  return typeof ES === "function" ? (url) => new ES(url) : undefined;
}
