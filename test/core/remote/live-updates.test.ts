import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { createRemoteSource, type EventSourceLike, type EventSourceMessageLike, type RemoteSource } from "@victor-flags/core/remote";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedEntry, CONFIG_URL, configDoc, configEndpoint, FAKE_TIMERS, recordingLogger, sseEndpoint, until } from "../../fixtures/remote-config-server.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

let remote: RemoteSource | undefined;
beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  vi.spyOn(Math, "random").mockReturnValue(1);
});
afterEach(() => {
  remote?.dispose();
  remote = undefined;
  server.resetHandlers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const V1 = configDoc({ a: true, b: false });
const V2 = configDoc({ a: true, b: true });

function setup(extra: Partial<Parameters<typeof createRemoteSource>[0]> = {}) {
  const endpoint = configEndpoint();
  endpoint.serve(V1, '"v1"');
  const stream = sseEndpoint();
  stream.onConnect((send) => send(`event: config\nid: "v1"\ndata: ${JSON.stringify(V1)}\n\n`));
  server.use(endpoint.handler, stream.handler);
  const storage = createMemoryStorage();
  const logger = recordingLogger();
  remote = createRemoteSource({ url: CONFIG_URL, streaming: true, storage, logger, retry: { baseMs: 1000, maxMs: 8000 }, ...extra });
  const manager = new FeatureFlagManager();
  return { endpoint, stream, storage, logger, manager, remote };
}

describe("remote source: live updates over Server-Sent Events", () => {
  it("applies a pushed document: callbacks, audit source \"remote\", cache, and its id as the next ETag", async () => {
    const { endpoint, stream, storage, manager, remote } = setup({ pollIntervalMs: 60_000 });
    remote.start(manager);
    await remote.ready();
    await until(() => stream.openCount === 1, "the stream");
    const changed = vi.fn();
    manager.onFlagChanged("b", changed);

    stream.push(V2, '"v2"');
    await until(() => manager.isEnabled("b"), "the pushed config");

    expect(changed).toHaveBeenCalledWith("b", true);
    expect(manager.getAuditLog("b")[0]).toMatchObject({ newValue: true, source: "remote" });
    expect(cachedEntry(storage.getItem(`victor-flags:remote:${CONFIG_URL}`))).toMatchObject({ etag: '"v2"', config: V2 });
    endpoint.serve(V2, '"v2"');
    await vi.advanceTimersByTimeAsync(60_000);
    await until(() => endpoint.requests.length === 2, "the next poll");
    expect(endpoint.requests[1]!.ifNoneMatch).toBe('"v2"');
  });

  it("reads multi-line data, CRLF line ends, comments and events split across chunks", async () => {
    const { stream, manager, logger, remote } = setup();
    remote.start(manager);
    await until(() => stream.openCount === 1, "the stream");
    const json = JSON.stringify(V2, null, 2).split("\n");
    const text = `: keep-alive\r\nevent: other\r\ndata: ignored\r\n\r\nevent: config\r\nid: "v2"\r\n${json.map((l) => `data: ${l}`).join("\r\n")}\r\n\r\n`;
    const cut = Math.floor(text.length / 2);
    stream.sendRaw(text.slice(0, cut));
    await until(() => false === manager.isEnabled("b") && stream.openCount === 1, "the first half");
    stream.sendRaw(text.slice(cut));
    await until(() => manager.isEnabled("b"), "the pushed config");
    // The comment and the "other" event were skipped, not parsed as config documents.
    expect(logger.messages).toEqual([]);
  });

  it("rejects a pushed document that fails validation, keeps the config and the connection", async () => {
    const { stream, manager, logger, remote } = setup();
    remote.start(manager);
    await remote.ready();
    await until(() => stream.openCount === 1, "the stream");

    stream.push({ version: 1, flags: { b: { default: true, dependencies: ["missing"] } } }, '"bad"');
    await until(() => manager.getStatus().error !== null, "the rejection");
    expect(manager.getAllFlags()).toEqual({ a: true, b: false });
    expect(manager.getStatus()).toMatchObject({ stale: true, source: "network" });
    expect(manager.getStatus().error).toMatchObject({ kind: "invalid-config" });
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]!.message).toMatch(/event stream .*flags\.b\.dependencies\[0\].*missing/s);

    stream.sendRaw("data: {not json\n\n");
    await until(() => manager.getStatus().error?.message.includes("not valid JSON") === true, "the JSON rejection");
    stream.push(V2, '"v2"');
    await until(() => manager.isEnabled("b"), "the next good push");
    expect(manager.getStatus()).toMatchObject({ stale: false, error: null });
    expect(stream.connections).toBe(1);
  });

  it("rejects an event larger than maxBodyBytes", async () => {
    const { stream, manager, remote } = setup({ maxBodyBytes: 300 });
    remote.start(manager);
    await remote.ready();
    await until(() => stream.openCount === 1, "the stream");
    stream.push({ ...V2, flags: { ...V2.flags, c: { default: true, description: "z".repeat(400) } } }, '"big"');
    await until(() => manager.getStatus().error !== null, "the rejection");
    expect(manager.getStatus().error!.message).toMatch(/larger than maxBodyBytes \(300\)/);
    expect(manager.getAllFlags()).toEqual({ a: true, b: false });
  });

  it("reconnects with backoff after drops; a delivered event resets the backoff", async () => {
    const { stream, manager, logger, remote } = setup();
    remote.start(manager);
    await remote.ready();
    await until(() => stream.openCount === 1, "the stream");

    // The server now accepts connections but drops them before sending anything.
    stream.onConnect(() => undefined);
    stream.drop();
    await until(() => manager.getStatus().stale, "the drop to be noticed");
    expect(manager.getStatus().error).toMatchObject({ kind: "network" });
    expect(logger.messages.at(-1)!.message).toMatch(/event stream .*\/stream disconnected.*reconnecting in 1\.0 s/);
    await vi.advanceTimersByTimeAsync(999);
    expect(stream.connections).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => stream.openCount === 1, "reconnect 1");
    expect(stream.connections).toBe(2);

    stream.drop();
    await until(() => stream.openCount === 0, "drop 2");
    await vi.advanceTimersByTimeAsync(1999);
    expect(stream.connections).toBe(2); // the second wait is twice as long
    await vi.advanceTimersByTimeAsync(1);
    await until(() => stream.openCount === 1, "reconnect 2");

    // Back to normal: the server sends the current document first, which clears the error.
    stream.onConnect((send) => send(`event: config\nid: "v2"\ndata: ${JSON.stringify(V2)}\n\n`));
    stream.drop();
    await vi.advanceTimersByTimeAsync(4000);
    await until(() => manager.isEnabled("b"), "the document after reconnecting");
    expect(manager.getStatus()).toMatchObject({ stale: false, error: null });
    expect(stream.connections).toBe(4);

    stream.drop();
    await until(() => stream.openCount === 0, "drop 4");
    await vi.advanceTimersByTimeAsync(1000); // the backoff was reset by the delivered event
    await until(() => stream.openCount === 1, "reconnect after reset");
    expect(stream.connections).toBe(5);
  });

  it("uses an injected EventSource factory, and globalThis.EventSource when no headers are set", async () => {
    const opened: FakeEventSource[] = [];
    class FakeEventSource implements EventSourceLike {
      onopen: ((event: unknown) => void) | null = null;
      onerror: ((event: unknown) => void) | null = null;
      closed = false;
      readonly listeners = new Map<string, (event: EventSourceMessageLike) => void>();
      constructor(readonly url: string) {
        opened.push(this);
      }
      addEventListener(type: string, listener: (event: EventSourceMessageLike) => void) {
        this.listeners.set(type, listener);
      }
      close() {
        this.closed = true;
      }
    }
    vi.stubGlobal("EventSource", FakeEventSource);
    const { manager, remote } = setup({ streaming: { url: "https://push.test/flags" } });
    remote.start(manager);
    await remote.ready();
    expect(opened.map((es) => es.url)).toEqual(["https://push.test/flags"]);
    opened[0]!.listeners.get("config")!({ data: JSON.stringify(V2), lastEventId: '"v2"' });
    expect(manager.isEnabled("b")).toBe(true);

    // The browser EventSource would retry without backoff: the source closes it and reconnects itself.
    opened[0]!.onerror!({ type: "error" });
    expect(opened[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened).toHaveLength(2);

    remote.dispose();
    expect(opened[1]!.closed).toBe(true);

    const injected = vi.fn((url: string, init: { headers: Record<string, string> }) => new FakeEventSource(`${url}#${init.headers["x-key"]}`));
    const second = createRemoteSource({ url: CONFIG_URL, streaming: true, headers: { "x-key": "k" }, eventSource: injected, storage: createMemoryStorage(), logger: recordingLogger() });
    second.start(new FeatureFlagManager());
    await until(() => injected.mock.calls.length > 0, "the injected factory"); // the network code loads on start
    expect(injected).toHaveBeenCalledTimes(1);
    expect(opened.at(-1)!.url).toBe(`${CONFIG_URL}/stream#k`);
    second.dispose();
  });
});
