import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, InvalidArgumentError, createMemoryStorage } from "@victor-flags/core";
import { FeatureHealthChecker, watchHealth, type HealthCheckResult } from "@victor-flags/core/health";
import { FeatureMetricsRegistry } from "@victor-flags/core/metrics";

const quiet = { warn: () => {}, error: () => {} };

function setup() {
  const manager = new FeatureFlagManager({ config: { version: 1, flags: { new_search: { default: true } } }, storage: createMemoryStorage(), logger: quiet });
  const metrics = new FeatureMetricsRegistry({ manager });
  const checker = new FeatureHealthChecker({ manager, metrics, logger: quiet });
  checker.addPerformanceCheck({ componentName: "new_search", latencyThresholdMs: 500, errorRateThreshold: 0.1, minSamples: 10, autoRollback: true });
  return { manager, metrics, checker };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("watchHealth", () => {
  it("runs the checks right away and then every intervalMs, reporting each run", async () => {
    const { checker } = setup();
    const spy = vi.spyOn(checker, "checkAll");
    const runs: HealthCheckResult[][] = [];
    const watch = watchHealth({ checker, intervalMs: 1_000, onResults: (r) => runs.push(r) });
    await vi.advanceTimersByTimeAsync(0);
    expect(spy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(spy).toHaveBeenCalledTimes(4);
    expect(runs).toHaveLength(4);
    expect(watch.getLastResults()[0]).toMatchObject({ name: "performance:new_search", status: "unknown" });
    watch.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(spy).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rolls the flag back when the feature goes bad between ticks, once", async () => {
    const { manager, metrics, checker } = setup();
    const watch = watchHealth({ checker, intervalMs: 1_000, immediate: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(manager.isEnabled("new_search")).toBe(true);
    const m = metrics.getOrCreate("new_search");
    for (let i = 0; i < 20; i++) m.recordExecution({ durationMs: 2_000, success: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(manager.isEnabled("new_search")).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(manager.getAuditLog("new_search").filter((e) => e.source === "auto_rollback")).toHaveLength(1);
    watch.stop();
  });

  it("never overlaps runs: a tick during a slow run is skipped", async () => {
    const { checker } = setup();
    let resolve!: (r: HealthCheckResult[]) => void;
    const spy = vi.spyOn(checker, "checkAll").mockImplementation(() => new Promise((r) => (resolve = r)));
    const watch = watchHealth({ checker, intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(spy).toHaveBeenCalledTimes(1);
    resolve([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(spy).toHaveBeenCalledTimes(2);
    watch.stop();
  });

  it("a failing run is reported and the watch keeps going", async () => {
    const { checker } = setup();
    const errors: string[] = [];
    vi.spyOn(checker, "checkAll").mockRejectedValueOnce(new Error("boom"));
    const watch = watchHealth({ checker, intervalMs: 100, logger: { warn() {}, error: (m) => void errors.push(m) } });
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(["watchHealth: checkAll failed"]);
    expect(watch.getLastResults()).toHaveLength(1);
    watch.stop();
  });

  it("rejects a missing checker or a bad interval", () => {
    const { checker } = setup();
    expect(() => watchHealth({ checker, intervalMs: 0 })).toThrow(InvalidArgumentError);
    expect(() => watchHealth({ checker: undefined as unknown as FeatureHealthChecker, intervalMs: 10 })).toThrow(/checker must be/);
  });
});
