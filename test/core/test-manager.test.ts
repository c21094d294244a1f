import { describe, expect, it, vi } from "vitest";
import { DependencyError, InvalidArgumentError, ConfigError } from "@victor-flags/core";
import { createTestManager, TEST_SOURCE } from "@victor-flags/core/testing";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue.js";

describe("createTestManager", () => {
  it("fixes flags and variants without a config; unlisted names are off", () => {
    const logger = recordingLogger();
    const m = createTestManager({ flags: { new_checkout: true, old_banner: false }, variants: { pricing: "cheap" }, logger });
    expect(m.isEnabled("new_checkout")).toBe(true);
    expect(m.isEnabled("old_banner")).toBe(false);
    expect(m.getVariant("pricing")).toBe("cheap");
    expect(m.explain("new_checkout")).toMatchObject({ source: "runtime", overrideSource: TEST_SOURCE });
    expect(m.isEnabled("typo_name")).toBe(false);
    expect(logger.warnings).toEqual(['unknown flag "typo_name": isEnabled returns false']);
  });

  it("uses memory storage and a fixed subject, so rollouts bucket the same on every run", () => {
    const setItem = vi.fn();
    vi.stubGlobal("localStorage", { getItem: () => null, setItem, removeItem: () => {} });
    try {
      const a = createTestManager({ config: loadCatalogue() });
      const b = createTestManager({ config: loadCatalogue() });
      expect(a.getSubject()).toBe("test-user");
      expect(a.getAllFlags()).toEqual(b.getAllFlags());
      expect(a.getVariant("experiment_1")).toBe(b.getVariant("experiment_1"));
      expect(setItem).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("with the app's config: honours dependencies in any order and rejects names it does not declare", () => {
    const m = createTestManager({ config: loadCatalogue(), flags: { self_improvement_enabled: true, dynamic_skills_enabled: true } });
    expect(m.isEnabled("self_improvement_enabled")).toBe(true);
    expect(() => createTestManager({ config: loadCatalogue(), flags: { self_improvement_enabled: true } })).toThrow(DependencyError);
    expect(() => createTestManager({ config: loadCatalogue(), flags: { slef_improvement_enabled: true } })).toThrow('"slef_improvement_enabled" is not a flag of the test config');
    expect(() => createTestManager({ config: loadCatalogue(), variants: { experiment_1: "treatment_z" } })).toThrow(InvalidArgumentError);
  });

  it("set() changes a value mid-test and notifies only that flag's subscribers", () => {
    const m = createTestManager({ flags: { a: true, b: true } });
    const onA = vi.fn();
    const onB = vi.fn();
    m.subscribeFlag("a", onA);
    m.subscribeFlag("b", onB);
    m.set({ flags: { a: false } });
    expect(m.isEnabled("a")).toBe(false);
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    expect(m.getAuditLog("a")[0]).toMatchObject({ oldValue: true, newValue: false, source: TEST_SOURCE });
  });

  it("set() can switch a synthesized experiment to a variant it did not list", () => {
    const m = createTestManager({ variants: { pricing: "cheap" } });
    const onPricing = vi.fn();
    m.subscribeVariant("pricing", onPricing);
    m.set({ variants: { pricing: "premium" } });
    expect(m.getVariant("pricing")).toBe("premium");
    expect(onPricing).toHaveBeenCalledTimes(1);
    m.set({ variants: { pricing: "cheap" } });
    expect(m.getVariant("pricing")).toBe("cheap");
  });

  it("keeps exposures for assertions and sends them nowhere", () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    try {
      const m = createTestManager({ flags: { a: true } });
      m.recordExposure("flag", "a");
      m.recordExposure("flag", "a");
      expect(m.getExposures()).toMatchObject([{ kind: "flag", name: "a", value: true, subject: "test-user" }]);
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("rejects non-boolean flag values and names the config would reject", () => {
    expect(() => createTestManager({ flags: { a: "yes" as unknown as boolean } })).toThrow('test value of flag "a" must be a boolean, got "yes"');
    expect(() => createTestManager({ flags: { "New-Checkout": true } })).toThrow(ConfigError);
  });
});
