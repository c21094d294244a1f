// Hostile and broken servers, over a real loopback HTTP server (issue 20, items 5–7, and what a
// user sees of an outage). Each test failed on the remote source before these fixes.
import { createMemoryStorage, FeatureFlagManager, RemoteError } from "@victor-flags/core";
import { createRemoteSource, type RemoteSource } from "@victor-flags/core/remote";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cachedEntry, cacheEntry, configDoc, FAKE_TIMERS, loopbackServer, recordingLogger, until, type LoopbackServer } from "../../fixtures/remote-config-server.js";

let remote: RemoteSource | undefined;
let server: LoopbackServer | undefined;
afterEach(async () => {
  remote?.dispose();
  remote = undefined;
  await server?.stop();
  server = undefined;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const GOOD = configDoc({ checkout_v2: true, admin_mode: false });
const json = (body: unknown, etag?: string) => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", ...(etag ? { etag } : {}) });
  res.end(JSON.stringify(body));
};

describe("remote source hardening: what the server says", () => {
  it("a 304 to a request without If-None-Match is an error, not a fresh config", async () => {
    server = await loopbackServer((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const manager = new FeatureFlagManager();
    const logger = recordingLogger();
    remote = createRemoteSource({ url: `${server.origin}/flags.json`, storage: createMemoryStorage(), logger, startTimeoutMs: 60_000, retry: { baseMs: 60_000 } });
    remote.start(manager);
    await until(() => manager.getStatus().error !== null, "the answer");

    expect(server.requests[0]!.ifNoneMatch).toBeUndefined();
    const status = manager.getStatus();
    expect(status).toMatchObject({ ready: false, loading: true, source: "none", stale: true });
    expect(status.error).toBeInstanceOf(RemoteError);
    expect(status.error).toMatchObject({ kind: "http", status: 304 });
    expect(status.error!.message).toMatch(/304 .*without If-None-Match/);
    expect(logger.messages).toHaveLength(1);
  });

  it("a newer document that is rejected shows in the status until a good one arrives", async () => {
    let serve: unknown = GOOD;
    server = await loopbackServer((req, res) => json(serve)(req, res));
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: `${server.origin}/flags.json`, storage: createMemoryStorage(), logger: recordingLogger(), retry: { baseMs: 60_000 } });
    remote.start(manager);
    await remote.ready();
    expect(manager.getStatus().rejectedUpdate).toBeUndefined();

    serve = { version: 1, flags: { checkout_v2: { default: "yes" } } };
    await remote.refresh();
    const status = manager.getStatus();
    expect(status).toMatchObject({ ready: true, source: "network", stale: true });
    expect(status.rejectedUpdate).toBeInstanceOf(RemoteError);
    expect(status.rejectedUpdate).toMatchObject({ kind: "invalid-config" });
    expect(status.rejectedUpdate!.message).toContain("flags.checkout_v2.default");
    expect(manager.isEnabled("checkout_v2")).toBe(true);

    serve = configDoc({ checkout_v2: false });
    await remote.refresh();
    expect(manager.getStatus()).toMatchObject({ stale: false, error: null });
    expect(manager.getStatus().rejectedUpdate).toBeUndefined();
    expect(manager.isEnabled("checkout_v2")).toBe(false);
  });
});

describe("remote source hardening: what the cache holds", () => {
  const KEY = (origin: string) => `victor-flags:remote:${origin}/flags.json`;

  it("a document planted in the cache with the server's current ETag is replaced, never confirmed by a 304", async () => {
    server = await loopbackServer((req, res) => {
      if (req.headers["if-none-match"] === '"current"') {
        res.writeHead(304, { etag: '"current"' });
        res.end();
      } else json(GOOD, '"current"')(req, res);
    });
    const hostile = configDoc({ checkout_v2: true, admin_mode: true });
    const storage = createMemoryStorage({ [KEY(server.origin)]: cacheEntry(`${server.origin}/flags.json`, hostile, '"current"') });
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: `${server.origin}/flags.json`, storage, logger: recordingLogger() });
    remote.hydrate(manager);
    expect(manager.getStatus().source).toBe("cache"); // it validates, so it is the best guess until the network answers
    remote.start(manager);
    await remote.ready();

    expect(server.requests[0]!.ifNoneMatch).toBeUndefined();
    expect(manager.getStatus()).toMatchObject({ source: "network", stale: false });
    expect(manager.isEnabled("admin_mode")).toBe(false);
    expect(cachedEntry(storage.getItem(KEY(server.origin)))).toMatchObject({ config: GOOD });

    // Within the page, the ETag the server itself sent is used: the next poll is a cheap 304.
    await remote.refresh();
    expect(server.requests[1]!.ifNoneMatch).toBe('"current"');
    expect(manager.getStatus()).toMatchObject({ source: "network", stale: false, error: null });
  });

  it("a cache entry larger than maxBodyBytes is removed before it is parsed", () => {
    const storage = createMemoryStorage();
    const key = "victor-flags:remote:http://127.0.0.1:9/flags.json";
    const flags: Record<string, boolean> = {};
    for (let i = 0; i < 2000; i++) flags[`flag_${i}`] = true; // a valid document of ~50 kB
    storage.setItem(key, cacheEntry("http://127.0.0.1:9/flags.json", configDoc(flags), '"x"'));
    const parse = vi.spyOn(JSON, "parse");
    const manager = new FeatureFlagManager();
    const logger = recordingLogger();
    remote = createRemoteSource({ url: "http://127.0.0.1:9/flags.json", storage, logger, maxBodyBytes: 16_384 });
    remote.hydrate(manager);

    expect(parse.mock.calls.length).toBe(0);
    expect(manager.getAllFlags()).toEqual({});
    expect(storage.getItem(key)).toBeNull();
    expect(logger.messages).toEqual([{ level: "warn", message: `cached config under "${key}" is larger than maxBodyBytes (16384); it was removed` }]);
  });
});

describe("remote source hardening: outages as the console sees them", () => {
  it("an event stream that sends one unreadable event and drops backs off, and logs each problem once", async () => {
    vi.useFakeTimers(FAKE_TIMERS);
    vi.spyOn(Math, "random").mockReturnValue(1);
    let streams = 0;
    server = await loopbackServer((req, res) => {
      if (!req.url!.endsWith("/stream")) return json(GOOD, '"v1"')(req, res);
      streams++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("event: config\ndata: {not json\n\n");
    });
    const manager = new FeatureFlagManager();
    const logger = recordingLogger();
    remote = createRemoteSource({ url: `${server.origin}/flags.json`, streaming: true, storage: createMemoryStorage(), logger, retry: { baseMs: 1000, maxMs: 60_000 } });
    remote.start(manager);
    await until(() => streams === 1 && manager.getStatus().source === "network" && manager.getStatus().stale, "the first stream");

    // Waits of 1 s, 2 s, 4 s, 8 s: the unreadable event does not reset the backoff.
    for (const [wait, expected] of [[1000, 2], [2000, 3], [4000, 4], [8000, 5]] as const) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(streams).toBe(expected - 1);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => streams === expected, `reconnect ${expected - 1}`);
    }
    await until(() => logger.messages.length >= 2, "the log lines");
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.getStatus().rejectedUpdate).toMatchObject({ kind: "invalid-json" });
    // One line for the unreadable document and one for the dropped stream, for the whole outage.
    expect(logger.messages.map((m) => m.message.replace(/ \(.*/s, ""))).toEqual([
      expect.stringMatching(/^remote config: event stream .*\/stream: body is not valid JSON/),
      expect.stringMatching(/^remote config: event stream .*\/stream disconnected/),
    ]);
  });

  it("with the server down, the console gets one line per outage, and one more after it came back and went down again", async () => {
    vi.useFakeTimers(FAKE_TIMERS);
    vi.spyOn(Math, "random").mockReturnValue(1);
    server = await loopbackServer((req, res) => {
      if (!req.url!.endsWith("/stream")) return json(GOOD, '"v1"')(req, res);
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`event: config\nid: "v1"\ndata: ${JSON.stringify(GOOD)}\n\n`);
    });
    const manager = new FeatureFlagManager();
    const logger = recordingLogger();
    remote = createRemoteSource({ url: `${server.origin}/flags.json`, streaming: true, pollIntervalMs: 2000, storage: createMemoryStorage(), logger, retry: { baseMs: 500, maxMs: 2000 } });
    remote.start(manager);
    await remote.ready();
    const requestsBefore = server.requests.length;

    await server.stop();
    for (let i = 0; i < 40; i++) {
      await vi.advanceTimersByTimeAsync(250);
      await until(() => true);
    }
    const attempts = server.requests.length - requestsBefore;
    expect(attempts).toBe(0); // nothing reached the stopped server...
    expect(manager.getStatus()).toMatchObject({ stale: true, source: "network" });
    expect(manager.getStatus().error).toMatchObject({ kind: "network" });
    // ...while the source retried both the poll and the stream for 10 s: one line in all.
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]!.message).toMatch(/keeping the last good config \(from network\)/);

    await server.restart();
    await vi.advanceTimersByTimeAsync(2000);
    await until(() => manager.getStatus().error === null, "the recovery");
    await server.stop();
    await vi.advanceTimersByTimeAsync(2000);
    await until(() => manager.getStatus().error !== null, "the second outage");
    for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(250);
    expect(logger.messages).toHaveLength(2);
  });
});
