// This file never imports @victor-flags/core/targeting: the engine stays out, as in an app whose
// config has no flagd flags, and a flagd config says what is missing instead of failing silently.
import { describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createMemoryStorage, type FlagConfig, type Logger } from "@victor-flags/core";

const config = {
  version: 1,
  flags: { victor: { default: true }, "banner-text": { state: "ENABLED", variants: { en: "Welcome" }, defaultVariant: "en" } },
} as unknown as FlagConfig;

describe("without the targeting entry", () => {
  it("answers flagd flags with their fallback and GENERAL, names the import once, and keeps Victor flags working", () => {
    const warn = vi.fn();
    const m = new FeatureFlagManager({ config, storage: createMemoryStorage(), logger: { warn, error: vi.fn() } as unknown as Logger });
    expect(m.isEnabled("victor")).toBe(true);
    expect(m.getValue("victor", false)).toBe(true);
    expect(m.getValueDetails("banner-text", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "GENERAL", errorMessage: expect.stringContaining("@victor-flags/core/targeting") as string });
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("@victor-flags/core/targeting"))).toHaveLength(1);
  });
});

describe("the light store without the targeting entry", () => {
  it("reads a flagd flag as off and warns once, naming the import, also for later configs", async () => {
    const { createFlagStore } = await import("@victor-flags/core");
    const warn = vi.fn();
    const store = createFlagStore({ config, storage: createMemoryStorage(), logger: { warn, error: vi.fn() } as unknown as Logger });
    store.setConfig(config);
    expect(store.isEnabled("victor")).toBe(true);
    expect(store.isEnabled("banner-text")).toBe(false);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      'flag "banner-text" is a flagd flag, which reads as off (and its fallback) until the engine is installed: import { installFlagdTargeting } from "@victor-flags/core/targeting" and call it once',
    ]);
  });
});
