import type { ServerResponse } from "node:http";

/** Open Server-Sent Events responses, a keep-alive comment for idle proxies, and broadcast. */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepAlive: ReturnType<typeof setInterval>;

  constructor(keepAliveMs: number) {
    this.keepAlive = setInterval(() => {
      for (const res of this.clients) res.write(": keep-alive\n\n");
    }, keepAliveMs);
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

  /** Sends an event to every open stream. */
  broadcast(event: string): number {
    for (const res of this.clients) res.write(event);
    return this.clients.size;
  }

  /** Ends every stream and stops the keep-alive timer. */
  close(): void {
    clearInterval(this.keepAlive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/** One SSE event: `event: <name>`, `id: <id>`, then the data, one `data:` line per line of it. */
export function formatSseEvent(name: string, id: string, data: string): string {
  return `event: ${name}\nid: ${id}\n${data.split("\n").map((line) => `data: ${line}`).join("\n")}\n\n`;
}
