import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { createRemoteSource, type RemoteSource } from "@victor-flags/core/remote";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cachedEntry, cacheEntry, CONFIG_URL, configDoc, configEndpoint, recordingLogger, until } from "../../fixtures/remote-config-server.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const sources: RemoteSource[] = [];
afterEach(() => {
  for (const s of sources.splice(0)) s.dispose();
});
function source(options: Partial<Parameters<typeof createRemoteSource>[0]> = {}) {
  const logger = recordingLogger();
  const s = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger, ...options });
  sources.push(s);
  return { source: s, logger };
}

describe("remote source: a good answer", () => {
  it("applies a 200 document and reports a fresh network status", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ new_checkout: true, dark_mode: false }), '"v1"');
    server.use(endpoint.handler);
    const manager = new FeatureFlagManager();
    const { source: remote, logger } = source();

    remote.start(manager);
    await remote.ready();

    expect(manager.isEnabled("new_checkout")).toBe(true);
    expect(manager.isEnabled("dark_mode")).toBe(false);
    expect(manager.getStatus()).toEqual({ ready: true, loading: false, error: null, source: "network", stale: false });
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]!.ifNoneMatch).toBeNull();
    expect(endpoint.requests[0]!.headers.get("accept")).toBe("application/json");
    expect(logger.messages).toEqual([]);
  });

  it("sends custom headers with the request", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ a: true }), '"v1"');
    server.use(endpoint.handler);
    const { source: remote } = source({ headers: { authorization: "Bearer k1" } });
    remote.start(new FeatureFlagManager());
    await remote.ready();
    expect(endpoint.requests[0]!.headers.get("authorization")).toBe("Bearer k1");
  });

  it("revalidates with If-None-Match; a 304 keeps the config and counts as fresh", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ a: true }), '"v1"');
    const failing = { on: false };
    server.use(
      http.get(CONFIG_URL, () => (failing.on ? new Response("down", { status: 503 }) : undefined)),
      endpoint.handler,
    );
    const manager = new FeatureFlagManager();
    const { source: remote } = source({ retry: { baseMs: 60_000 } });
    remote.start(manager);
    await remote.ready();

    failing.on = true;
    await remote.refresh();
    expect(manager.getStatus()).toMatchObject({ stale: true, source: "network" });
    expect(manager.getStatus().error?.message).toContain("HTTP 503");

    failing.on = false;
    const seen = vi.fn();
    manager.subscribe(seen);
    await remote.refresh();

    expect(endpoint.requests.at(-1)!.ifNoneMatch).toBe('"v1"');
    expect(manager.isEnabled("a")).toBe(true);
    expect(seen).not.toHaveBeenCalled(); // nothing was re-installed
    expect(manager.getStatus()).toEqual({ ready: true, loading: false, error: null, source: "network", stale: false });
  });

  it("fires callbacks for flags that moved and audits them with source \"remote\"", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ a: true, b: false, c: true }), '"v2"');
    server.use(endpoint.handler);
    const manager = new FeatureFlagManager({ config: configDoc({ a: false, b: false, c: true }) });
    manager.clearAuditLog();
    const changed = vi.fn();
    manager.onFlagChanged("*", changed);
    const { source: remote } = source();

    remote.start(manager);
    await remote.ready();

    expect(changed.mock.calls).toEqual([["a", true]]);
    const audit = manager.getAuditLog();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ flagName: "a", oldValue: false, newValue: true, source: "remote" });
  });
});

describe("remote source: startup from bootstrap and cache", () => {
  it("a second manager boots from the storage the first one filled, before any network answer", async () => {
    const storage = createMemoryStorage();
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ from_network: true }), '"v7"');
    server.use(endpoint.handler);
    const first = source({ storage }).source;
    first.start(new FeatureFlagManager());
    await first.ready();
    first.dispose();

    // The next start: the network now hangs, yet evaluation is right synchronously.
    let answer!: (response: Response) => void;
    server.use(http.get(CONFIG_URL, () => new Promise<Response>((r) => (answer = r))));
    const manager = new FeatureFlagManager();
    const second = source({ storage }).source;
    second.hydrate(manager);
    expect(manager.isEnabled("from_network")).toBe(true);
    expect(manager.getStatus()).toMatchObject({ source: "cache", loading: true, ready: false });

    second.start(manager);
    await until(() => answer !== undefined, "the revalidation request");
    answer(Response.json(configDoc({ from_network: true, more: true }), { headers: { etag: '"v8"' } }));
    await second.ready();
    expect(manager.getStatus()).toMatchObject({ source: "network", ready: true, loading: false, stale: false });
    expect(manager.isEnabled("more")).toBe(true);
  });

  it("a bootstrap document wins over the cache and is evaluated synchronously", () => {
    const storage = createMemoryStorage();
    storage.setItem(`victor-flags:remote:${CONFIG_URL}`, cacheEntry(CONFIG_URL, configDoc({ a: false }), '"c"'));
    const manager = new FeatureFlagManager();
    source({ storage, bootstrap: configDoc({ a: true }) }).source.hydrate(manager);
    expect(manager.isEnabled("a")).toBe(true);
    expect(manager.getStatus()).toMatchObject({ source: "bootstrap", loading: true });
  });

  it("an invalid bootstrap falls back to the cache with one clear message", async () => {
    const storage = createMemoryStorage();
    storage.setItem(`victor-flags:remote:${CONFIG_URL}`, cacheEntry(CONFIG_URL, configDoc({ a: true }), '"c"'));
    const manager = new FeatureFlagManager();
    const { source: remote, logger } = source({ storage, bootstrap: { version: 1, flags: { a: {} } } as never });
    remote.hydrate(manager);
    expect(manager.isEnabled("a")).toBe(true);
    expect(manager.getStatus().source).toBe("cache");
    // The detailed reason comes from the full validator, which loads with the network code on start.
    server.use(http.get(CONFIG_URL, () => new Promise<Response>(() => undefined)));
    remote.start(manager);
    await until(() => logger.messages.length > 0, "the explanation");
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]!.message).toMatch(/bootstrap config rejected.*flags\.a\.default/s);
  });

  it("drops a cached document that no longer validates instead of loading it", async () => {
    const storage = createMemoryStorage();
    const key = `victor-flags:remote:${CONFIG_URL}`;
    storage.setItem(key, cacheEntry(CONFIG_URL, { version: 1, flags: { a: { default: "yes" } } }, '"c"'));
    const manager = new FeatureFlagManager();
    const { source: remote, logger } = source({ storage });
    remote.hydrate(manager);
    expect(manager.getAllFlags()).toEqual({});
    expect(storage.getItem(key)).toBeNull();
    server.use(http.get(CONFIG_URL, () => new Promise<Response>(() => undefined)));
    remote.start(manager);
    await until(() => logger.messages.length > 0, "the explanation");
    expect(logger.messages.map((m) => m.message).join()).toMatch(/no longer validates.*flags\.a\.default/s);
  });

  it("writes the cache only with a config the manager accepted", async () => {
    const storage = createMemoryStorage();
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ a: true }), '"good"');
    server.use(endpoint.handler);
    const manager = new FeatureFlagManager();
    const { source: remote } = source({ storage, retry: { baseMs: 60_000 } });
    remote.start(manager);
    await remote.ready();
    const cached = storage.getItem(`victor-flags:remote:${CONFIG_URL}`);
    expect(cachedEntry(cached)).toMatchObject({ etag: '"good"', config: configDoc({ a: true }) });

    endpoint.serve({ version: 1, flags: { a: { default: 1 } } }, '"bad"');
    await remote.refresh();
    expect(manager.getStatus().error?.message).toContain("flags.a.default");
    expect(storage.getItem(`victor-flags:remote:${CONFIG_URL}`)).toBe(cached);
  });
});
