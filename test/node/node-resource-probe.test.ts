import { describe, expect, it } from "vitest";
import { FeatureHealthChecker } from "@victor-flags/core/health";
import { FeatureFlagManager, createMemoryStorage } from "@victor-flags/core";
import { createNodeResourceProbe } from "@victor-flags/node";

const cpu = (busy: number, idle: number) => ({ times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } });

describe("createNodeResourceProbe", () => {
  it("computes CPU from os.cpus() deltas, memory from totalmem/freemem, disk as df's Use%", async () => {
    // Two cores; between readings core 0 is busy 300 of 400 ms, core 1 busy 100 of 400 ms: 50 %.
    const readings = [
      [cpu(1000, 1000), cpu(500, 1500)],
      [cpu(1300, 1100), cpu(600, 1800)],
    ];
    let n = 0;
    const probe = createNodeResourceProbe({
      cpuSampleMs: 1,
      cpus: () => readings[Math.min(n++, readings.length - 1)]!,
      totalmem: () => 16_000,
      freemem: () => 4_000,
      statfs: async () => ({ blocks: 1000, bfree: 300, bavail: 200 }),
    });
    const sample = await probe.sample();
    expect(sample.cpuPercent).toBe(50);
    expect(sample.memoryPercent).toBe(75);
    // used = 700 blocks; used / (used + available) = 700 / 900
    expect(sample.diskPercent).toBeCloseTo((700 / 900) * 100, 10);
  });

  it("later samples measure CPU since the previous sample, without waiting", async () => {
    const readings = [[cpu(0, 0)], [cpu(100, 100)], [cpu(190, 110)]];
    let n = 0;
    const probe = createNodeResourceProbe({ cpuSampleMs: 1, cpus: () => readings[n++]!, statfs: undefined });
    expect((await probe.sample()).cpuPercent).toBe(50);
    expect((await probe.sample()).cpuPercent).toBe(90);
  });

  it("memory: 'process' divides RSS by the cgroup limit when there is one", async () => {
    const base = { cpus: () => [], totalmem: () => 8_000, freemem: () => 0, statfs: undefined, memoryUsage: () => ({ rss: 500 }) };
    expect((await createNodeResourceProbe({ ...base, memory: "process", constrainedMemory: () => 1_000 }).sample()).memoryPercent).toBe(50);
    expect((await createNodeResourceProbe({ ...base, memory: "process", constrainedMemory: () => undefined }).sample()).memoryPercent).toBe(6.25);
  });

  it("leaves a figure unknown, with the reason, when Node cannot give it", async () => {
    const probe = createNodeResourceProbe({
      cpus: () => [],
      totalmem: () => 0,
      statfs: async () => {
        throw new Error("ENOENT: no such file or directory");
      },
    });
    const sample = await probe.sample();
    expect(sample.cpuPercent).toBeUndefined();
    expect(sample.memoryPercent).toBeUndefined();
    expect(sample.diskPercent).toBeUndefined();
    expect(sample.notes?.cpu).toMatch(/no CPUs/);
    expect(sample.notes?.disk).toMatch(/ENOENT/);

    const manager = new FeatureFlagManager({ config: { version: 1, flags: {} }, storage: createMemoryStorage() });
    const checker = new FeatureHealthChecker({ manager, probe }).addResourceCheck({ cpuThreshold: 80, memoryThreshold: 80, diskThreshold: 80 });
    expect((await checker.checkAll()).map((r) => r.status)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("on this machine gives percentages in [0, 100] for memory and disk, and feeds a resource check", async () => {
    const sample = await createNodeResourceProbe({ cpuSampleMs: 20 }).sample();
    for (const value of [sample.memoryPercent, sample.diskPercent]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    if (sample.cpuPercent !== undefined) {
      expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(sample.cpuPercent).toBeLessThanOrEqual(100);
    }
    const manager = new FeatureFlagManager({ config: { version: 1, flags: {} }, storage: createMemoryStorage() });
    const checker = new FeatureHealthChecker({ manager, probe: createNodeResourceProbe() }).addResourceCheck({ memoryThreshold: 100, diskThreshold: 100 });
    const results = await checker.checkAll();
    expect(results.map((r) => r.name)).toEqual(["resource:memory", "resource:disk"]);
    for (const r of results) expect(["healthy", "degraded", "unhealthy"]).toContain(r.status);
  });
});
