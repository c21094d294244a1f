import { describe, expect, it, vi } from "vitest";
import { createEnvFlagStore, createMemoryStorage, extendFlagStore, FeatureFlagManager, managerFor, type FlagConfig, type Logger } from "@victor-flags/core";
import { getValue, getValueDetails } from "@victor-flags/core/targeting";
import { typedDoc } from "../fixtures/typed-flags.js";

// The light store `<FlagProvider env>` builds (createEnvFlagStore), once the targeting entry is
// imported: env read as the manager reads it, against every config the store gets.

const doc = typedDoc({ "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" } });
const ENV = { VICTOR_FEATURE_BANNER_TEXT: "nl", VICTOR_FEATURE_NEW_CHECKOUT: "1", VICTOR_FEATURE_LIMITS_API: "zero" };

function logger() {
  return { warn: vi.fn(), error: vi.fn() } as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
}

describe("createEnvFlagStore with the targeting engine installed", () => {
  it("answers typed reads and isEnabled as the manager given the same env does", () => {
    const store = createEnvFlagStore(ENV, { config: doc, storage: createMemoryStorage(), logger: logger() });
    const manager = new FeatureFlagManager({ config: doc, env: ENV, storage: createMemoryStorage(), logger: logger() });
    for (const [key, fallback] of [["banner-text", ""], ["limits.api", 5], ["layout", {}], ["new-checkout", false]] as const) {
      expect(getValueDetails(store, key, fallback)).toEqual(manager.getValueDetails(key, fallback));
    }
    expect(store.isEnabled("new-checkout")).toBe(true);
  });

  it("re-reads env when a config arrives, in the write that installs it (a batch too)", () => {
    const store = createEnvFlagStore(ENV, { storage: createMemoryStorage(), logger: logger() });
    const heard: string[] = [];
    store.subscribeFlag("limits.api", () => heard.push("limits.api"));
    store.setConfig(doc, "network");
    expect(heard).toEqual(["limits.api"]);
    expect(getValue(store, "limits.api", 5)).toBe(0);

    const next = typedDoc({ "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" } }) as FlagConfig & { flags: Record<string, unknown> };
    next.flags["limits.api"] = { state: "ENABLED", variants: { zero: 10, many: 1000 }, defaultVariant: "many" };
    extendFlagStore(store).batch(() => store.setConfig(next, "network"));
    expect(heard).toEqual(["limits.api", "limits.api"]);
    expect(getValueDetails(store, "limits.api", 5)).toMatchObject({ value: 10, variant: "zero", reason: "STATIC" });
  });

  it("stands down once a manager is composed over the store: the manager's env layer and runtime overrides decide, in one change", () => {
    const store = createEnvFlagStore(ENV, { config: doc, storage: createMemoryStorage(), logger: logger() });
    const manager = managerFor(store, { env: ENV, logger: logger() });
    expect(manager.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl" });
    manager.setFlag("banner-text", "Hallo"); // shadowed by the env override for now
    manager.setFlag("layout", "empty");
    const heard: string[] = [];
    store.subscribeFlag("banner-text", () => heard.push(String(getValue(store, "banner-text", ""))));
    // A document without the "nl" variant: env no longer overrides banner-text; the runtime value applies.
    const next = typedDoc({ "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" } }) as FlagConfig & { flags: Record<string, unknown> };
    next.flags["banner-text"] = { state: "ENABLED", variants: { en: "Welcome back!" }, defaultVariant: "en" };
    manager.loadConfig(next);
    expect(heard).toEqual(["Hallo"]);
    expect(getValue(store, "layout", { columns: 1 })).toEqual({});
    expect(manager.explain("limits.api").source).toBe("env");
  });
});
