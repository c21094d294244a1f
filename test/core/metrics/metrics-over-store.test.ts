// Metrics over the light store: an app on <FlagProvider> or createFlagStore hands the registry
// and the exposure reporter its store, and no manager is composed for them.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, InvalidArgumentError, createFlagStore, createMemoryStorage, extendFlagStore, managerFor, type FlagStore } from "@victor-flags/core";
import { FeatureMetricsRegistry, createExposureReporter, getFeatureMetricsRegistry, type ExposurePayload, type ReporterFetch } from "@victor-flags/core/metrics";

const config = {
  version: 1 as const,
  flags: {
    checkout_v2: { default: true },
    half: { default: false, rollout: { percentage: 50 } },
  },
  experiments: { pricing: { variants: ["control", "treatment"], weights: [0.5, 0.5] } },
};

const MANAGER = Symbol.for("victor-flags.manager");
const hasManager = (store: FlagStore) => MANAGER in store;
const newStore = (userId = "u1") => createFlagStore({ config, context: { userId }, storage: createMemoryStorage() });

/** A user id whose bucket differs from `u1`'s for the 50 % flag `half`. */
function otherHalf(store: FlagStore): string {
  const start = store.isEnabled("half");
  for (let i = 0; i < 200; i++) {
    const probe = newStore(`user-${i}`);
    if (probe.isEnabled("half") !== start) return `user-${i}`;
  }
  throw new Error("no user in the other half");
}

describe("FeatureMetricsRegistry over a store", () => {
  it("reads getSummary().enabled from the store as its context moves, without composing a manager", () => {
    const store = newStore();
    const registry = getFeatureMetricsRegistry(store);
    expect(registry.store).toBe(store);
    expect(registry.manager).toBeUndefined();
    const before = store.isEnabled("half");
    expect(registry.getOrCreate("half").getSummary().enabled).toBe(before);
    store.setContext({ userId: otherHalf(store) });
    expect(registry.getOrCreate("half").getSummary().enabled).toBe(!before);
    expect(hasManager(store)).toBe(false);
  });

  it("a store and the manager composed over it share one registry", () => {
    const store = newStore();
    const registry = getFeatureMetricsRegistry(store);
    const manager = managerFor(store);
    expect(getFeatureMetricsRegistry(manager)).toBe(registry);
    expect(registry.manager).toBe(manager);
    manager.setFlag("checkout_v2", false);
    expect(registry.getOrCreate("checkout_v2").getSummary().enabled).toBe(false);
  });

  it("accepts store or manager, and rejects two different ones or something else", () => {
    const store = newStore();
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    expect(new FeatureMetricsRegistry({ store: manager.store, manager }).store).toBe(manager.store);
    expect(() => new FeatureMetricsRegistry({ store, manager })).toThrow(new InvalidArgumentError("FeatureMetricsRegistry: store and manager name different stores; give one of them"));
    expect(() => getFeatureMetricsRegistry({} as FlagStore)).toThrow(InvalidArgumentError);
    expect(() => getFeatureMetricsRegistry({} as FlagStore)).toThrow("getFeatureMetricsRegistry must be a FlagStore (createFlagStore) or a FeatureFlagManager");
  });
});

describe("createExposureReporter over a store", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function collect() {
    const bodies: ExposurePayload[] = [];
    const fetch: ReporterFetch = (_url, init) => {
      bodies.push(JSON.parse(init.body) as ExposurePayload);
      return Promise.resolve({ ok: true, status: 200 });
    };
    return { fetch, bodies };
  }

  it("counts each distinct exposure once per subject, stops on dispose, and composes no manager", async () => {
    const store = newStore();
    const listenersBefore = extendFlagStore(store).listenerCount();
    const { fetch, bodies } = collect();
    const reporter = createExposureReporter({ store, url: "https://collect.test/x", fetch, beacon: false, lifecycle: false, logger: { warn: () => {}, error: () => {} } });
    for (let i = 0; i < 5; i++) store.recordExposure("flag", "checkout_v2");
    store.recordExposure("variant", "pricing");
    store.setContext({ userId: "u2" });
    store.recordExposure("flag", "checkout_v2");
    await reporter.flush();
    expect(reporter.getStats().sentExposures).toBe(3);
    const lines = bodies.flatMap((b) => b.exposures);
    expect(lines.find((l) => l.kind === "flag" && l.name === "checkout_v2")?.count).toBe(2);
    expect(lines.filter((l) => l.kind === "variant")).toHaveLength(1);
    expect(hasManager(store)).toBe(false);

    reporter.dispose();
    expect(extendFlagStore(store).listenerCount()).toBe(listenersBefore);
  });

  it("with a manager composed over the store, its clearCache() lets an exposure count again", async () => {
    const store = newStore();
    const manager = managerFor(store);
    const { fetch } = collect();
    const reporter = createExposureReporter({ store, url: "https://collect.test/x", fetch, beacon: false, lifecycle: false });
    store.recordExposure("flag", "checkout_v2");
    store.recordExposure("flag", "checkout_v2");
    manager.clearCache();
    store.recordExposure("flag", "checkout_v2");
    expect(reporter.getStats().pendingExposures).toBe(2);
    reporter.dispose();
  });
});
