import { describe, expect, it } from "vitest";
import { FeatureFlagManager, createMemoryStorage, type KeyValueStorage } from "@victor-flags/core";
import { applyQaOverrides } from "@victor-flags/core/qa";
import { QA_STORAGE_KEY, qaOnBeforeLoad, qaOverrideScript, qaOverrideUrl, qaStorageState } from "@victor-flags/core/testing";
import { loadCatalogue } from "../fixtures/catalogue.js";

const values = { flags: { dynamic_skills_enabled: true, self_improvement_enabled: true }, variants: { experiment_1: "treatment_b" } };

/** What an app with QA overrides on sees after a helper prepared the page. */
function appAfter(storage: KeyValueStorage, search = "") {
  const manager = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage() });
  applyQaOverrides(manager, { search, storage });
  return manager;
}

describe("end-to-end helpers", () => {
  it("qaOverrideScript writes the overrides to localStorage when run before the page", () => {
    const storage = createMemoryStorage();
    // The script runs in the page with `window`; evaluate it the same way.
    new Function("window", qaOverrideScript(values))({ localStorage: storage });
    expect(storage.getItem(QA_STORAGE_KEY)).toBe("dynamic_skills_enabled:on,self_improvement_enabled:on,experiment_1:treatment_b");
    const app = appAfter(storage);
    expect(app.isEnabled("self_improvement_enabled")).toBe(true);
    expect(app.getVariant("experiment_1")).toBe("treatment_b");
  });

  it("qaOverrideScript survives a page without localStorage", () => {
    expect(() => new Function("window", qaOverrideScript(values))({})).not.toThrow();
  });

  it("qaStorageState is a Playwright storage state for the origin", () => {
    const state = qaStorageState("http://127.0.0.1:5173/some/page", values, { storageKey: "k" });
    expect(state).toEqual({
      cookies: [],
      origins: [{ origin: "http://127.0.0.1:5173", localStorage: [{ name: "k", value: "dynamic_skills_enabled:on,self_improvement_enabled:on,experiment_1:treatment_b" }] }],
    });
  });

  it("qaOnBeforeLoad is a Cypress onBeforeLoad that prepares the window's storage", () => {
    const storage = createMemoryStorage();
    qaOnBeforeLoad(values)({ localStorage: storage });
    expect(appAfter(storage).getVariant("experiment_1")).toBe("treatment_b");
  });

  it("qaOverrideUrl adds ?vf= to absolute and relative URLs, keeping other parameters", () => {
    const absolute = qaOverrideUrl("http://127.0.0.1:5173/app?lang=en#top", values);
    expect(absolute.startsWith("http://127.0.0.1:5173/app?lang=en&vf=")).toBe(true);
    expect(absolute.endsWith("#top")).toBe(true);
    const relative = qaOverrideUrl("/app?vf=old:on", { flags: { multimodal_vision_enabled: true } });
    expect(relative).toBe("/app?vf=multimodal_vision_enabled%3Aon");
    const app = appAfter(createMemoryStorage(), new URL(absolute).search);
    expect(app.isEnabled("self_improvement_enabled")).toBe(true);
  });
});
