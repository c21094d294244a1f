import { createMemoryStorage, FeatureFlagManager, RemoteError } from "@victor-flags/core";
import { createRemoteSource, type RemoteSource } from "@victor-flags/core/remote";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cacheEntry, CONFIG_URL, configDoc, FAKE_TIMERS, recordingLogger, sseEndpoint, until } from "../../fixtures/remote-config-server.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

let remote: RemoteSource | undefined;
beforeEach(() => vi.useFakeTimers(FAKE_TIMERS));
afterEach(() => {
  remote?.dispose();
  remote = undefined;
  server.resetHandlers();
  vi.useRealTimers();
});

/** A server whose answers the test releases by hand; records each request's URL and signal. */
function heldServer(url: string | RegExp = CONFIG_URL) {
  const held: { url: string; signal: AbortSignal; answer: (r: Response) => void }[] = [];
  server.use(http.get(url, ({ request }) => new Promise<Response>((answer) => held.push({ url: request.url, signal: request.signal, answer }))));
  return held;
}

const cacheWith = (doc: unknown) =>
  createMemoryStorage({ [`victor-flags:remote:${CONFIG_URL}`]: cacheEntry(CONFIG_URL, doc, '"c1"') });

describe("remote source: lifecycle", () => {
  it("dispose aborts the request, closes the stream, clears every timer and settles ready()", async () => {
    const held = heldServer();
    const stream = sseEndpoint();
    server.use(stream.handler);
    remote = createRemoteSource({ url: CONFIG_URL, streaming: true, pollIntervalMs: 10_000, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(new FeatureFlagManager());
    await until(() => held.length === 1 && stream.openCount === 1, "the request and the stream");
    expect(vi.getTimerCount()).toBeGreaterThan(0); // the request timeout and the start timeout

    remote.dispose();

    expect(vi.getTimerCount()).toBe(0);
    expect(held[0]!.signal.aborted).toBe(true);
    await until(() => stream.openCount === 0, "the stream to close");
    await remote.ready(); // resolves rather than hanging
    await vi.advanceTimersByTimeAsync(60_000);
    expect(held).toHaveLength(1);
    expect(() => remote!.start(new FeatureFlagManager())).toThrow(/disposed/);
  });

  it("dispose during a backoff wait leaves no timer", async () => {
    server.use(http.get(CONFIG_URL, () => new HttpResponse(null, { status: 500 })));
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(manager);
    await until(() => manager.getStatus().error !== null, "the failure");
    expect(vi.getTimerCount()).toBe(2); // the retry and the start timeout
    remote.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a start the network cannot serve settles on the cache after startTimeoutMs with a timeout error", async () => {
    const held = heldServer();
    const logger = recordingLogger();
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: CONFIG_URL, storage: cacheWith(configDoc({ a: true })), logger, startTimeoutMs: 3000, timeoutMs: 20_000 });
    remote.hydrate(manager);
    remote.start(manager);
    let isReady = false;
    void remote.ready().then(() => (isReady = true));

    await vi.advanceTimersByTimeAsync(2999);
    expect(isReady).toBe(false);
    expect(manager.getStatus()).toMatchObject({ ready: false, loading: true, source: "cache" });
    await vi.advanceTimersByTimeAsync(1);
    expect(isReady).toBe(true);
    const status = manager.getStatus();
    expect(status).toMatchObject({ ready: true, loading: false, source: "cache", stale: true });
    expect(status.error).toBeInstanceOf(RemoteError);
    expect(status.error).toMatchObject({ kind: "timeout" });
    expect(status.error!.message).toMatch(/no config from .* within 3000 ms \(startTimeoutMs\); using the last good config \(from cache\)/);
    expect(manager.isEnabled("a")).toBe(true);
    expect(logger.messages).toHaveLength(1);

    // The slow request still lands and refreshes everything.
    held[0]!.answer(HttpResponse.json(configDoc({ a: false }), { headers: { etag: '"v2"' } }));
    await until(() => manager.getStatus().source === "network", "the late answer");
    expect(manager.getStatus()).toMatchObject({ error: null, stale: false });
    expect(manager.isEnabled("a")).toBe(false);
  });

  it("with nothing cached, the start timeout settles on the defaults", async () => {
    heldServer();
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(manager);
    await vi.advanceTimersByTimeAsync(5000); // the documented default
    await remote.ready();
    expect(manager.getStatus()).toMatchObject({ ready: true, loading: false, source: "none" });
    expect(manager.getStatus().error!.message).toContain("within 5000 ms");
  });

  it("a context change aborts the superseded request and fetches the new context's config", async () => {
    const held = heldServer(/^https:\/\/flags\.test\/users\//);
    const manager = new FeatureFlagManager({ context: { userId: "u1" } });
    remote = createRemoteSource({ url: (ctx) => `https://flags.test/users/${ctx.userId}.json`, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(manager);
    await until(() => held.length === 1, "u1's request");

    manager.setContext({ userId: "u2" });
    expect(held[0]!.signal.aborted).toBe(true);
    await until(() => held.length === 2, "u2's request");
    expect(held.map((h) => h.url)).toEqual(["https://flags.test/users/u1.json", "https://flags.test/users/u2.json"]);

    held[1]!.answer(HttpResponse.json(configDoc({ for_u2: true })));
    await remote.ready();
    expect(manager.isEnabled("for_u2")).toBe(true);
    expect(manager.getStatus().error).toBeNull();
  });

  it("a context change that does not alter the URL or headers neither aborts nor refetches", async () => {
    const held = heldServer();
    const manager = new FeatureFlagManager({ context: { userId: "u1" } });
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(manager);
    await until(() => held.length === 1, "the request");
    manager.setContext({ userId: "u2" });
    await vi.advanceTimersByTimeAsync(0);
    expect(held[0]!.signal.aborted).toBe(false);
    expect(held).toHaveLength(1);
  });

  it("start/stop/start in one task (StrictMode) keeps a single request; the last stop tears down after a macrotask", async () => {
    const held = heldServer();
    const manager = new FeatureFlagManager();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() });
    const stopFirst = remote.start(manager);
    stopFirst();
    const stop = remote.start(manager);
    stopFirst(); // a second call of an old stop changes nothing
    await until(() => held.length === 1, "the request");
    await vi.advanceTimersByTimeAsync(0);
    expect(held).toHaveLength(1);
    expect(held[0]!.signal.aborted).toBe(false);

    stop();
    expect(held[0]!.signal.aborted).toBe(false); // deferred
    await vi.advanceTimersByTimeAsync(0);
    expect(held[0]!.signal.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);

    // Starting again later begins fresh work.
    remote.start(manager);
    await until(() => held.length === 2, "the new request");
  });

  it("feeds one manager at a time", () => {
    heldServer();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() });
    remote.start(new FeatureFlagManager());
    expect(() => remote!.start(new FeatureFlagManager())).toThrow(/one manager at a time/);
  });

  it("rejects bad options with a message naming the option", () => {
    expect(() => createRemoteSource({ url: "" })).toThrow(/url must be a non-empty string/);
    expect(() => createRemoteSource({ url: CONFIG_URL, timeoutMs: -1 })).toThrow(/timeoutMs must be a positive number/);
    expect(() => createRemoteSource({ url: CONFIG_URL, retry: { baseMs: Number.NaN } })).toThrow(/retry\.baseMs/);
  });
});
