import type { ServerResponse } from "node:http";

/** What the hub reports when it ends a stream whose client stopped reading. */
export interface DroppedStream {
  /** Bytes that were written to the stream and not yet handed to the socket. */
  backlogBytes: number;
}

/**
 * Open Server-Sent Events responses, a keep-alive comment for idle proxies, and broadcast.
 *
 * A client that stops reading keeps every later event in the server's memory (each one is a
 * whole document), so a stream whose unsent backlog is over `maxBacklogBytes` is ended instead of
 * written to. Nothing is lost by that: every event carries the full document, and an
 * `EventSource` that reconnects gets the current one first.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepAlive: ReturnType<typeof setInterval>;

  constructor(
    keepAliveMs: number,
    private readonly maxBacklogBytes: number,
    private readonly onDrop: (dropped: DroppedStream) => void = () => {},
  ) {
    this.keepAlive = setInterval(() => this.writeAll(": keep-alive\n\n"), keepAliveMs);
    this.keepAlive.unref();
  }

  /** How many streams are open. */
  get size(): number {
    return this.clients.size;
  }

  /** Starts an event stream on `res` and sends `first` as its first event. */
  open(res: ServerResponse, headers: Record<string, string>, first: string): void {
    res.writeHead(200, {
      ...headers,
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.write(first);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  /** Sends an event to every open stream that keeps up; returns how many it was sent to. */
  broadcast(event: string): number {
    return this.writeAll(event);
  }

  /** Ends every stream and stops the keep-alive timer. */
  close(): void {
    clearInterval(this.keepAlive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private writeAll(chunk: string): number {
    let sent = 0;
    for (const res of this.clients) {
      const backlog = res.writableLength;
      if (backlog > this.maxBacklogBytes) {
        this.clients.delete(res);
        // destroy, not end: end() would queue behind the backlog the client is not reading.
        res.destroy();
        this.onDrop({ backlogBytes: backlog });
        continue;
      }
      res.write(chunk);
      sent++;
    }
    return sent;
  }
}

/** One SSE event: `event: <name>`, `id: <id>`, then the data, one `data:` line per line of it. */
export function formatSseEvent(name: string, id: string, data: string): string {
  return `event: ${name}\nid: ${id}\n${data.split("\n").map((line) => `data: ${line}`).join("\n")}\n\n`;
}
