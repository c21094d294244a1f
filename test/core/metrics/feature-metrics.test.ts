import { describe, expect, it } from "vitest";
import {
  FeatureFlagManager,
  InvalidArgumentError,
  resetFeatureFlagManager,
  getFeatureFlagManager,
  setFeatureFlagManager,
  createMemoryStorage,
} from "@victor-flags/core";
import {
  FeatureMetricsRegistry,
  LatencyWindow,
  getFeatureMetricsRegistry,
} from "@victor-flags/core/metrics";

const config = {
  version: 1 as const,
  flags: {
    checkout_v2: { default: true },
    search_v2: { default: false },
  },
};

function setup() {
  const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
  const registry = new FeatureMetricsRegistry({ manager });
  return { manager, registry };
}

describe("FeatureMetrics.getSummary", () => {
  it("has exactly the seven SPEC fields, zeros and errorRate 0 before anything is recorded", () => {
    const { registry } = setup();
    const summary = registry.getOrCreate("checkout_v2").getSummary();
    expect(Object.keys(summary).sort()).toEqual(["activeUsers", "avgDurationMs", "enabled", "errorRate", "errors", "executions", "feature"]);
    expect(summary).toEqual({ feature: "checkout_v2", enabled: true, executions: 0, errors: 0, errorRate: 0, avgDurationMs: 0, activeUsers: 0 });
  });

  it("computes executions, errors, errorRate and avgDurationMs from the recorded executions", () => {
    const { registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    const records = [
      { durationMs: 100, success: true },
      { durationMs: 200, success: false },
      { durationMs: 50, success: true },
      { durationMs: 250, success: false },
      { durationMs: 0, success: true },
    ];
    for (const r of records) m.recordExecution(r);
    const failures = records.filter((r) => !r.success).length;
    const total = records.reduce((s, r) => s + r.durationMs, 0);
    const summary = m.getSummary();
    expect(summary.executions).toBe(records.length);
    expect(summary.errors).toBe(failures);
    expect(summary.errorRate).toBeCloseTo(failures / records.length, 12);
    expect(summary.avgDurationMs).toBeCloseTo(total / records.length, 12);
  });

  it("reports the flag's current value, following setFlag", () => {
    const { manager, registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    expect(m.getSummary().enabled).toBe(true);
    manager.setFlag("checkout_v2", false);
    expect(m.getSummary().enabled).toBe(false);
    expect(registry.getOrCreate("search_v2").getSummary().enabled).toBe(false);
    expect(registry.getOrCreate("not_a_flag").getSummary().enabled).toBe(false);
  });

  it("keeps the last user-activity count as a gauge", () => {
    const { registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    m.recordUserActivity(42);
    m.recordUserActivity(17);
    expect(m.getSummary().activeUsers).toBe(17);
  });

  it("rejects bad input with a clear InvalidArgumentError and keeps the previous totals", () => {
    const { registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    m.recordExecution({ durationMs: 10, success: true });
    const before = m.getSummary();
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "5" as unknown as number]) {
      expect(() => m.recordExecution({ durationMs: bad, success: true })).toThrow(InvalidArgumentError);
    }
    expect(() => m.recordExecution({ durationMs: -1, success: true })).toThrow(/durationMs must be a finite number >= 0, got -1/);
    expect(() => m.recordExecution({ durationMs: 1, success: "yes" as unknown as boolean })).toThrow(/success must be a boolean/);
    expect(() => m.recordExecution(null as unknown as { durationMs: number; success: boolean })).toThrow(InvalidArgumentError);
    expect(() => m.recordUserActivity(-3)).toThrow(/count must be an integer >= 0, got -3/);
    expect(() => m.recordUserActivity(1.5)).toThrow(InvalidArgumentError);
    expect(m.getSummary()).toEqual(before);
    expect(m.getLatencyPercentiles().samples).toBe(1);
  });

  it("reset() zeroes the counters and the window", () => {
    const { registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    m.recordExecution({ durationMs: 10, success: false });
    m.recordUserActivity(3);
    m.reset();
    expect(m.getSummary()).toMatchObject({ executions: 0, errors: 0, errorRate: 0, avgDurationMs: 0, activeUsers: 0 });
    expect(m.getLatencyPercentiles()).toEqual({ samples: 0, p50: null, p95: null, p99: null });
  });
});

describe("latency percentiles", () => {
  it("match the nearest-rank percentiles of a known distribution, whatever the recording order", () => {
    const { registry } = setup();
    const m = registry.getOrCreate("checkout_v2");
    // 1..1000 in a scrambled (deterministic) order: 7919 is prime, so i*7919 mod 1000 is a permutation.
    for (let i = 0; i < 1000; i++) m.recordExecution({ durationMs: ((i * 7919) % 1000) + 1, success: true });
    expect(m.getLatencyPercentiles()).toEqual({ samples: 1000, p50: 500, p95: 950, p99: 990 });
  });

  it("are null while nothing was recorded", () => {
    const { registry } = setup();
    expect(registry.getOrCreate("checkout_v2").getLatencyPercentiles()).toEqual({ samples: 0, p50: null, p95: null, p99: null });
  });

  it("come from a bounded window of the most recent executions", () => {
    const { manager } = setup();
    const registry = new FeatureMetricsRegistry({ manager, windowSize: 100 });
    const m = registry.getOrCreate("checkout_v2");
    // 10 000 slow executions, then 100 fast ones: the window only remembers the fast ones.
    for (let i = 0; i < 10_000; i++) m.recordExecution({ durationMs: 5_000, success: false });
    for (let i = 1; i <= 100; i++) m.recordExecution({ durationMs: i, success: true });
    expect(m.getLatencyPercentiles()).toEqual({ samples: 100, p50: 50, p95: 95, p99: 99 });
    expect(m.getRecentStats()).toMatchObject({ samples: 100, errors: 0, errorRate: 0 });
    // ...while lifetime totals still count everything.
    expect(m.getSummary().executions).toBe(10_100);
    expect(m.getSummary().errors).toBe(10_000);
  });

  it("the window's error rate counts only the executions it still holds", () => {
    const w = new LatencyWindow(4);
    w.add(1, false);
    w.add(1, false);
    w.add(1, true);
    w.add(1, true);
    expect(w.stats().errorRate).toBe(0.5);
    w.add(1, true); // evicts a failure
    w.add(1, true); // evicts the other failure
    expect(w.stats()).toMatchObject({ samples: 4, errors: 0, errorRate: 0 });
    expect(w.size).toBe(4);
  });
});

describe("FeatureMetricsRegistry", () => {
  it("returns the same metrics for the same name", () => {
    const { registry } = setup();
    expect(registry.getOrCreate("checkout_v2")).toBe(registry.getOrCreate("checkout_v2"));
    expect(registry.names()).toEqual(["checkout_v2"]);
    expect(registry.get("search_v2")).toBeUndefined();
  });

  it("rejects empty and reserved names", () => {
    const { registry } = setup();
    expect(() => registry.getOrCreate("")).toThrow(InvalidArgumentError);
    expect(() => registry.getOrCreate("__proto__")).toThrow(InvalidArgumentError);
  });

  it("getFeatureMetricsRegistry keeps one registry per manager, and the default one follows the default manager", () => {
    resetFeatureFlagManager();
    const a = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const b = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    expect(getFeatureMetricsRegistry(a)).toBe(getFeatureMetricsRegistry(a));
    expect(getFeatureMetricsRegistry(a)).not.toBe(getFeatureMetricsRegistry(b));
    expect(getFeatureMetricsRegistry(a).manager).toBe(a);
    expect(getFeatureMetricsRegistry(a).store).toBe(a.store);
    const fallback = getFeatureMetricsRegistry();
    // Made before the default manager: the registry holds its store, and then finds the manager.
    expect(fallback.store).toBe(getFeatureFlagManager().store);
    expect(fallback.manager).toBe(getFeatureFlagManager());
    expect(getFeatureMetricsRegistry()).toBe(fallback);
    getFeatureFlagManager().setFlag("search_v2", true);
    expect(fallback.getOrCreate("search_v2").getSummary().enabled).toBe(true);
    resetFeatureFlagManager();
    expect(getFeatureMetricsRegistry()).not.toBe(fallback);
    setFeatureFlagManager(b);
    expect(getFeatureMetricsRegistry()).toBe(getFeatureMetricsRegistry(b));
    resetFeatureFlagManager();
  });

  it("getAllSummaries lists every feature", () => {
    const { registry } = setup();
    registry.getOrCreate("checkout_v2").recordExecution({ durationMs: 5, success: true });
    registry.getOrCreate("search_v2");
    expect(registry.getAllSummaries().map((s) => [s.feature, s.executions])).toEqual([
      ["checkout_v2", 1],
      ["search_v2", 0],
    ]);
  });
});
