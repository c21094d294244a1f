// The cache entry's integrity sum, and production's deferred validation of what hydrate()
// installed: a production bundle ships no validator up front, so a bootstrap object or an intact
// cache entry is served at once and checked when the validator's chunk arrives.
import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { createRemoteSource, type RemoteSourceOptions } from "@victor-flags/core/remote";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cacheEntry, CONFIG_URL, configDoc, recordingLogger, until } from "../../fixtures/remote-config-server.js";

const KEY = `victor-flags:remote:${CONFIG_URL}`;
const never = (): Promise<Response> => new Promise<Response>(() => undefined);

function source(options: Partial<RemoteSourceOptions>) {
  const logger = recordingLogger();
  return { remote: createRemoteSource({ url: CONFIG_URL, fetch: never, logger, ...options }), logger };
}

afterEach(() => vi.unstubAllEnvs());

describe("cache entry integrity", () => {
  it("an entry whose document text was edited is removed before it is parsed", () => {
    const text = cacheEntry(CONFIG_URL, configDoc({ a: true }));
    const storage = createMemoryStorage({ [KEY]: text.replace("true", "false") });
    const manager = new FeatureFlagManager();
    const { remote, logger } = source({ storage });
    remote.hydrate(manager);
    expect(manager.getAllFlags()).toEqual({});
    expect(manager.getStatus().source).toBe("none");
    expect(storage.getItem(KEY)).toBeNull();
    expect(logger.messages.map((m) => m.message)).toEqual([`cached config under "${KEY}" is unreadable or was altered; it was removed`]);
  });

  it("an entry in the previous format (document stored as an object, no sum) is dropped, not trusted", () => {
    const storage = createMemoryStorage({ [KEY]: JSON.stringify({ format: 1, url: CONFIG_URL, config: configDoc({ a: true }) }) });
    const manager = new FeatureFlagManager();
    source({ storage }).remote.hydrate(manager);
    expect(manager.isEnabled("a")).toBe(false);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it("an intact entry loads synchronously, before the first render", () => {
    const storage = createMemoryStorage({ [KEY]: cacheEntry(CONFIG_URL, configDoc({ a: true, b: false })) });
    const manager = new FeatureFlagManager();
    source({ storage }).remote.hydrate(manager);
    expect(manager.getAllFlags()).toEqual({ a: true, b: false });
    expect(manager.getStatus()).toMatchObject({ source: "cache", loading: true });
  });
});

describe("production: hydrate() validates once the validator's chunk has loaded", () => {
  it("an intact, valid cache entry is served and kept", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const storage = createMemoryStorage({ [KEY]: cacheEntry(CONFIG_URL, configDoc({ a: true })) });
    const manager = new FeatureFlagManager();
    const { remote, logger } = source({ storage });
    remote.hydrate(manager);
    expect(manager.isEnabled("a")).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(manager.isEnabled("a")).toBe(true);
    expect(manager.getStatus().source).toBe("cache");
    expect(storage.getItem(KEY)).not.toBeNull();
    expect(logger.messages).toEqual([]);
  });

  it("a planted entry with a matching sum but an invalid document is served until the check, then removed", async () => {
    vi.stubEnv("NODE_ENV", "production");
    // Anything on the page can write storage, sum included: the sum proves integrity, not origin.
    const storage = createMemoryStorage({ [KEY]: cacheEntry(CONFIG_URL, { version: 1, flags: { a: { default: true, dependencies: ["missing"] } } }) });
    const manager = new FeatureFlagManager();
    const { remote, logger } = source({ storage });
    remote.hydrate(manager);
    expect(manager.getStatus().source).toBe("cache");
    expect(manager.isEnabled("a")).toBe(false); // tolerant reads: an unknown dependency is unmet
    await until(() => manager.getStatus().source === "none", "the deferred check");
    expect(manager.getAllFlags()).toEqual({});
    expect(manager.getStatus()).toMatchObject({ source: "none", loading: true, ready: false });
    expect(storage.getItem(KEY)).toBeNull();
    expect(logger.messages.map((m) => m.message).join("\n")).toMatch(/no longer validates; it was removed.*flags\.a\.dependencies/s);
  });

  it("an invalid bootstrap gives way to a valid cache entry, with one error naming the problem", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const storage = createMemoryStorage({ [KEY]: cacheEntry(CONFIG_URL, configDoc({ a: false, b: true })) });
    const manager = new FeatureFlagManager();
    const { remote, logger } = source({ storage, bootstrap: { version: 1, flags: { a: { default: "yes" } } } as never });
    remote.hydrate(manager);
    expect(manager.getStatus().source).toBe("bootstrap");
    await until(() => manager.getStatus().source === "cache", "the deferred check");
    expect(manager.getAllFlags()).toEqual({ a: false, b: true });
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]!.message).toMatch(/bootstrap config rejected, trying the cache instead.*flags\.a\.default/s);
  });

  it("a network document that arrived first is not touched by the late check", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const manager = new FeatureFlagManager();
    const { remote } = source({ bootstrap: { version: 1, flags: { a: { default: "yes" } } } as never });
    remote.hydrate(manager);
    // the network's document, validated on its way in, lands before the chunk resolves
    manager.store.setConfig(configDoc({ a: true }), "network");
    await new Promise((r) => setTimeout(r, 50));
    expect(manager.isEnabled("a")).toBe(true);
    expect(manager.getStatus().source).toBe("network");
  });

  it("a bootstrap that is not an object is never installed", () => {
    vi.stubEnv("NODE_ENV", "production");
    const manager = new FeatureFlagManager();
    source({ bootstrap: "flags" as never }).remote.hydrate(manager);
    expect(manager.getStatus().source).toBe("none");
  });
});
