import { afterEach, describe, expect, it } from "vitest";
import { FeatureFlagManager, createMemoryStorage, getFeatureFlagManager, resetFeatureFlagManager, setFeatureFlagManager } from "@victor-flags/core";
import { loadCatalogue } from "../fixtures/catalogue.js";

afterEach(() => resetFeatureFlagManager());

describe("getFeatureFlagManager", () => {
  it("returns one shared instance until reset", () => {
    const a = getFeatureFlagManager();
    expect(getFeatureFlagManager()).toBe(a);
    a.setFlag("shared_flag", true);
    expect(getFeatureFlagManager().isEnabled("shared_flag")).toBe(true);
    resetFeatureFlagManager();
    expect(getFeatureFlagManager()).not.toBe(a);
    expect(getFeatureFlagManager().isEnabled("shared_flag")).toBe(false);
  });

  it("can be replaced by a configured manager", () => {
    const configured = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage() });
    setFeatureFlagManager(configured);
    expect(getFeatureFlagManager().isEnabled("lazy_loading_enabled")).toBe(true);
  });
});
