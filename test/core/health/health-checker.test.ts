import { afterEach, describe, expect, it, vi } from "vitest";
import {
  FeatureFlagManager,
  InvalidArgumentError,
  createMemoryStorage,
} from "@victor-flags/core";
import {
  FeatureHealthChecker,
  classifyHealth,
  type ResourceProbe,
  type ResourceSample,
} from "@victor-flags/core/health";
import {
  FeatureMetricsRegistry,
} from "@victor-flags/core/metrics";

const config = {
  version: 1 as const,
  flags: {
    new_search: { default: true },
    search_suggestions: { default: true, dependencies: ["new_search"] },
    legacy_mode: { default: false },
  },
};

const quiet = { warn: () => {}, error: () => {} };
const probeOf = (sample: ResourceSample): ResourceProbe => ({ sample: () => sample });

function setup(probe: ResourceProbe = probeOf({})) {
  const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), logger: quiet });
  const metrics = new FeatureMetricsRegistry({ manager });
  const checker = new FeatureHealthChecker({ manager, metrics, probe, logger: quiet });
  return { manager, metrics, checker };
}

/** Records `n` executions of `feature`: durations `ms`, the first `failures` of them failed. */
function record(metrics: FeatureMetricsRegistry, feature: string, n: number, ms: number, failures = 0) {
  const m = metrics.getOrCreate(feature);
  for (let i = 0; i < n; i++) m.recordExecution({ durationMs: ms, success: i >= failures });
}

afterEach(() => vi.useRealTimers());

describe("threshold mapping", () => {
  it(">= threshold is unhealthy, >= 80 % of it degraded, below that healthy, no figure unknown", () => {
    expect(classifyHealth(80, 80)).toBe("unhealthy");
    expect(classifyHealth(95, 80)).toBe("unhealthy");
    expect(classifyHealth(64, 80)).toBe("degraded");
    expect(classifyHealth(79.9, 80)).toBe("degraded");
    expect(classifyHealth(63.9, 80)).toBe("healthy");
    expect(classifyHealth(0, 80)).toBe("healthy");
    expect(classifyHealth(undefined, 80)).toBe("unknown");
    expect(classifyHealth(Number.NaN, 80)).toBe("unknown");
    expect(classifyHealth(50, 80, 0.5)).toBe("degraded");
  });
});

describe("resource checks", () => {
  it("report one result per requested resource with the status its figure maps to", async () => {
    const { checker } = setup(probeOf({ cpuPercent: 40, memoryPercent: 70, diskPercent: 92 }));
    checker.addResourceCheck({ cpuThreshold: 80, memoryThreshold: 85, diskThreshold: 90 });
    const results = await checker.checkAll();
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["resource:cpu", "healthy"],
      ["resource:memory", "degraded"],
      ["resource:disk", "unhealthy"],
    ]);
    expect(results[0]!.message).toContain("cpu 40%");
    expect(results[1]!.message).toContain("memory 70%");
    expect(results[1]!.message).toContain("85%");
    expect(results[2]!.message).toMatch(/disk 92% is at or above the 90% threshold/);
  });

  it("a figure the platform cannot give is unknown, with the reason, never healthy", async () => {
    const { checker } = setup(probeOf({ memoryPercent: 10, notes: { cpu: "browsers expose no CPU utilisation" } }));
    checker.addResourceCheck({ cpuThreshold: 80, memoryThreshold: 85, diskThreshold: 90 });
    const results = await checker.checkAll();
    expect(results.map((r) => r.status)).toEqual(["unknown", "healthy", "unknown"]);
    expect(results[0]!.message).toBe("cpu usage unknown: browsers expose no CPU utilisation");
    expect(results[2]!.message).toBe("disk usage unknown: the platform gave no figure");
  });

  it("checks only the thresholds given", async () => {
    const { checker } = setup(probeOf({ cpuPercent: 99, memoryPercent: 99, diskPercent: 99 }));
    checker.addResourceCheck({ memoryThreshold: 85 });
    expect((await checker.checkAll()).map((r) => r.name)).toEqual(["resource:memory"]);
  });

  it("a probe that throws makes every resource unknown, naming the error", async () => {
    const { checker } = setup({ sample: () => Promise.reject(new Error("statfs EACCES")) });
    checker.addResourceCheck({ cpuThreshold: 80, diskThreshold: 90 });
    const results = await checker.checkAll();
    expect(results.map((r) => r.status)).toEqual(["unknown", "unknown"]);
    expect(results[1]!.message).toContain("statfs EACCES");
  });

  it("a probe that never answers is unknown after probeTimeoutMs", async () => {
    vi.useFakeTimers();
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const checker = new FeatureHealthChecker({ manager, probe: { sample: () => new Promise(() => {}) }, probeTimeoutMs: 1_000 });
    checker.addResourceCheck({ cpuThreshold: 80 });
    const pending = checker.checkAll();
    await vi.advanceTimersByTimeAsync(1_000);
    const [result] = await pending;
    expect(result).toMatchObject({ name: "resource:cpu", status: "unknown" });
    expect(result!.message).toMatch(/no answer within 1000 ms/);
  });

  it("without a probe, a Node process has no browser figures: everything is unknown", async () => {
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const checker = new FeatureHealthChecker({ manager }).addResourceCheck({ cpuThreshold: 80, memoryThreshold: 80, diskThreshold: 80 });
    expect((await checker.checkAll()).map((r) => r.status)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("rejects thresholds outside (0, 100] and an empty check", () => {
    const { checker } = setup();
    expect(() => checker.addResourceCheck({ cpuThreshold: 0 })).toThrow(/cpuThreshold must be a percentage in \(0, 100\]/);
    expect(() => checker.addResourceCheck({ memoryThreshold: 120 })).toThrow(InvalidArgumentError);
    expect(() => checker.addResourceCheck({ diskThreshold: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => checker.addResourceCheck({})).toThrow(/at least one of/);
  });
});

describe("performance checks", () => {
  const check = { componentName: "new_search", latencyThresholdMs: 1_000, errorRateThreshold: 0.05, minSamples: 10 };

  it("is unknown with no executions, and with fewer than minSamples", async () => {
    const { checker, metrics } = setup();
    checker.addPerformanceCheck(check);
    expect(await checker.checkAll()).toEqual([{ name: "performance:new_search", status: "unknown", message: expect.stringContaining("0 executions") }]);
    record(metrics, "new_search", 9, 10);
    expect((await checker.checkAll())[0]).toMatchObject({ status: "unknown", message: expect.stringContaining("9 executions") });
  });

  it("is healthy when p95 latency and error rate are below 80 % of their thresholds", async () => {
    const { checker, metrics } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 100, 500, 2);
    const [result] = await checker.checkAll();
    expect(result!.status).toBe("healthy");
    expect(result!.message).toContain("p95 latency 500 ms");
    expect(result!.message).toContain("error rate 2%");
  });

  it("is degraded when p95 latency reaches 80 % of its threshold", async () => {
    const { checker, metrics } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 100, 850);
    expect((await checker.checkAll())[0]!.status).toBe("degraded");
  });

  it("is unhealthy when the error rate reaches its threshold, whatever the latency", async () => {
    const { checker, metrics } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 100, 1, 5);
    const [result] = await checker.checkAll();
    expect(result!.status).toBe("unhealthy");
    expect(result!.message).toContain("error rate 5% (unhealthy");
  });

  it("uses the p95 of the recent window, so a slow tail counts", async () => {
    const { checker, metrics } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 94, 10);
    record(metrics, "new_search", 6, 5_000);
    expect((await checker.checkAll())[0]!.status).toBe("unhealthy");
  });

  it("rejects bad options", () => {
    const { checker } = setup();
    expect(() => checker.addPerformanceCheck({ ...check, componentName: "" })).toThrow(InvalidArgumentError);
    expect(() => checker.addPerformanceCheck({ ...check, latencyThresholdMs: -5 })).toThrow(/latencyThresholdMs must be a finite number > 0/);
    expect(() => checker.addPerformanceCheck({ ...check, errorRateThreshold: 5 })).toThrow(/errorRateThreshold must be a rate in \(0, 1\]/);
    expect(() => checker.addPerformanceCheck({ ...check, minSamples: 0 })).toThrow(/minSamples/);
  });
});

describe("automatic rollback", () => {
  const check = { componentName: "new_search", latencyThresholdMs: 1_000, errorRateThreshold: 0.05, minSamples: 10, autoRollback: true };

  it("turns the flag off once with source auto_rollback: audit entry, callbacks, dependents", async () => {
    const { manager, metrics, checker } = setup();
    const changes: Array<[string, boolean]> = [];
    manager.onFlagChanged("*", (name, value) => changes.push([name, value]));
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 20, 10, 10);

    const [result] = await checker.checkAll();
    expect(result!.status).toBe("unhealthy");
    expect(result!.message).toContain('rolled back "new_search" (source: auto_rollback)');
    expect(manager.isEnabled("new_search")).toBe(false);
    expect(manager.isEnabled("search_suggestions")).toBe(false);
    expect(manager.explain("new_search")).toMatchObject({ source: "runtime", overrideSource: "auto_rollback" });
    expect(manager.getAuditLog("new_search")[0]).toMatchObject({ flagName: "new_search", oldValue: true, newValue: false, source: "auto_rollback" });
    expect(changes).toEqual(expect.arrayContaining([["new_search", false], ["search_suggestions", false]]));
    expect(checker.getRolledBack()).toEqual(["new_search"]);
  });

  it("acts once: later unhealthy checks do not touch the flag again, even if someone re-enabled it", async () => {
    const { manager, metrics, checker } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 20, 10, 10);
    await checker.checkAll();
    await checker.checkAll();
    manager.setFlag("new_search", true, { source: "operator" });
    const [result] = await checker.checkAll();
    expect(result!.message).toContain("already rolled back");
    expect(manager.isEnabled("new_search")).toBe(true);
    expect(manager.getAuditLog("new_search").filter((e) => e.source === "auto_rollback")).toHaveLength(1);
  });

  it("rearmRollback lets the check act again on the next unhealthy result", async () => {
    const { manager, metrics, checker } = setup();
    checker.addPerformanceCheck(check);
    record(metrics, "new_search", 20, 10, 10);
    await checker.checkAll();
    manager.setFlag("new_search", true, { source: "operator" });
    checker.rearmRollback("new_search");
    await checker.checkAll();
    expect(manager.isEnabled("new_search")).toBe(false);
    expect(manager.getAuditLog("new_search").filter((e) => e.source === "auto_rollback")).toHaveLength(2);
  });

  it("does nothing without autoRollback, for degraded results, or when the flag is already off", async () => {
    const { manager, metrics, checker } = setup();
    checker.addPerformanceCheck({ ...check, autoRollback: false });
    checker.addPerformanceCheck({ ...check, componentName: "search_suggestions" });
    checker.addPerformanceCheck({ ...check, componentName: "legacy_mode" });
    record(metrics, "new_search", 20, 10, 10); // unhealthy, but no opt-in
    record(metrics, "search_suggestions", 20, 900); // degraded only
    record(metrics, "legacy_mode", 20, 10, 10); // unhealthy, flag already off
    const before = manager.getAuditLog().length;
    const results = await checker.checkAll();
    expect(results.map((r) => r.status)).toEqual(["unhealthy", "degraded", "unhealthy"]);
    expect(manager.getAuditLog().length).toBe(before);
    expect(manager.isEnabled("new_search")).toBe(true);
    expect(results[2]!.message).toContain("already off");
  });

  it("rolls back another flag when `flag` names it", async () => {
    const { manager, metrics, checker } = setup();
    checker.addPerformanceCheck({ ...check, componentName: "search_api", flag: "search_suggestions" });
    record(metrics, "search_api", 20, 10, 10);
    await checker.checkAll();
    expect(manager.isEnabled("search_suggestions")).toBe(false);
    expect(manager.isEnabled("new_search")).toBe(true);
  });
});
