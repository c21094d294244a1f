// A small Server-Sent Events reader over fetch, so tests see exactly what went over the wire.

export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The next event (comments such as keep-alives are skipped). */
  next(): Promise<SseEvent>;
  close(): void;
}

/** Opens an event stream and parses events as they arrive. */
export async function openSse(url: string): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Accept: "text/event-stream" }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const queue: SseEvent[] = [];
  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "id") id = value;
        else if (field === "data") data.push(value);
      }
      if (data.length > 0) queue.push({ event, id, data: data.join("\n") });
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    async next() {
      while (queue.length === 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += value;
        parse();
      }
      return queue.shift()!;
    },
    close: () => controller.abort(),
  };
}
