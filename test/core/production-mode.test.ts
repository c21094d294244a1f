import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createMemoryStorage } from "@victor-flags/core";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue.js";

afterEach(() => vi.unstubAllEnvs());

describe("production builds", () => {
  it("stay silent about unknown names but keep the same answers", () => {
    vi.stubEnv("NODE_ENV", "production");
    const logger = recordingLogger();
    const manager = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage(), logger });
    expect(manager.isEnabled("not_declared")).toBe(false);
    expect(manager.getVariant("not_declared")).toBeUndefined();
    expect(logger.warnings).toEqual([]);
  });

  it("still report rejected env values (configuration mistakes are never silent)", () => {
    vi.stubEnv("NODE_ENV", "production");
    const logger = recordingLogger();
    new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage(), logger, env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "nah" } });
    expect(logger.warnings).toEqual(['VICTOR_FEATURE_LAZY_LOADING_ENABLED="nah" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored']);
  });
});
