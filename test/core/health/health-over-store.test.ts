// Health checks over the light store: the checker reads and rolls back through the store it is
// given; the manager (audit entry, dependents) is composed only when a rollback happens.
import { describe, expect, it } from "vitest";
import { createFlagStore, createMemoryStorage, managerFor, type FlagStore } from "@victor-flags/core";
import { FeatureHealthChecker } from "@victor-flags/core/health";
import { getFeatureMetricsRegistry } from "@victor-flags/core/metrics";

const config = {
  version: 1 as const,
  flags: {
    new_search: { default: true },
    search_suggestions: { default: true, dependencies: ["new_search"] },
  },
};
const quiet = { warn: () => {}, error: () => {} };
const MANAGER = Symbol.for("victor-flags.manager");
const check = { componentName: "new_search", latencyThresholdMs: 1_000, errorRateThreshold: 0.05, minSamples: 10, autoRollback: true };

function setup() {
  const store = createFlagStore({ config, storage: createMemoryStorage(), logger: quiet });
  const checker = new FeatureHealthChecker({ store, probe: { sample: () => ({}) }, logger: quiet }).addPerformanceCheck(check);
  return { store, checker };
}

function fail(store: FlagStore, n: number) {
  const m = getFeatureMetricsRegistry(store).getOrCreate("new_search");
  for (let i = 0; i < n; i++) m.recordExecution({ durationMs: 10, success: false });
}

describe("FeatureHealthChecker over a store", () => {
  it("uses the store's metrics registry and composes no manager while nothing needs rolling back", async () => {
    const { store, checker } = setup();
    expect(checker.store).toBe(store);
    expect(checker.metrics).toBe(getFeatureMetricsRegistry(store));
    const m = checker.metrics.getOrCreate("new_search");
    for (let i = 0; i < 20; i++) m.recordExecution({ durationMs: 10, success: true });
    const [result] = await checker.checkAll();
    expect(result).toMatchObject({ name: "performance:new_search", status: "healthy" });
    expect(checker.manager).toBeUndefined();
    expect(MANAGER in store).toBe(false);
  });

  it("rolls back through the manager composed over the store: flag and dependents off, one audit entry", async () => {
    const { store, checker } = setup();
    fail(store, 20);
    const [result] = await checker.checkAll();
    expect(result!.status).toBe("unhealthy");
    expect(result!.message).toContain('rolled back "new_search" (source: auto_rollback)');
    expect(store.isEnabled("new_search")).toBe(false);
    expect(store.isEnabled("search_suggestions")).toBe(false);
    const manager = managerFor(store);
    expect(checker.manager).toBe(manager);
    expect(manager.getAuditLog("new_search")).toEqual([expect.objectContaining({ oldValue: true, newValue: false, source: "auto_rollback" })]);
    await checker.checkAll();
    expect(manager.getAuditLog("new_search")).toHaveLength(1);
  });

  it("rolls back through the store's existing manager, and rejects a store and manager that disagree", async () => {
    const { store } = setup();
    const manager = managerFor(store);
    const checker = new FeatureHealthChecker({ store, manager, probe: { sample: () => ({}) }, logger: quiet }).addPerformanceCheck(check);
    fail(store, 20);
    await checker.checkAll();
    expect(manager.isEnabled("new_search")).toBe(false);
    expect(manager.explain("new_search")).toMatchObject({ source: "runtime", overrideSource: "auto_rollback" });
    const other = createFlagStore({ config, storage: createMemoryStorage() });
    expect(() => new FeatureHealthChecker({ store: other, manager })).toThrow("FeatureHealthChecker: store and manager name different stores; give one of them");
  });
});
