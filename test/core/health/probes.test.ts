import { afterEach, describe, expect, it, vi } from "vitest";
import { createBrowserResourceProbe } from "@victor-flags/core/health";

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(performance, "memory");
});

describe("createBrowserResourceProbe", () => {
  it("reads disk from navigator.storage.estimate() and memory from performance.memory", async () => {
    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.resolve({ usage: 30, quota: 120 }) } });
    Object.defineProperty(performance, "memory", { configurable: true, value: { usedJSHeapSize: 50, jsHeapSizeLimit: 200 } });
    const sample = await createBrowserResourceProbe().sample();
    expect(sample.diskPercent).toBe(25);
    expect(sample.memoryPercent).toBe(25);
    expect(sample.cpuPercent).toBeUndefined();
    expect(sample.notes?.cpu).toMatch(/no CPU/);
  });

  it("leaves a figure undefined, with the reason, when its API is missing, fails or gives no quota", async () => {
    vi.stubGlobal("navigator", {});
    let sample = await createBrowserResourceProbe().sample();
    expect(sample).toMatchObject({ notes: { disk: expect.stringContaining("not available"), memory: expect.stringContaining("not available") } });
    expect(sample.diskPercent).toBeUndefined();
    expect(sample.memoryPercent).toBeUndefined();

    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.reject(new Error("SecurityError")) } });
    sample = await createBrowserResourceProbe().sample();
    expect(sample.diskPercent).toBeUndefined();
    expect(sample.notes?.disk).toContain("SecurityError");

    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.resolve({ usage: 10, quota: 0 }) } });
    sample = await createBrowserResourceProbe().sample();
    expect(sample.diskPercent).toBeUndefined();
  });
});
