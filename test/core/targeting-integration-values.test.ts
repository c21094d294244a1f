import { describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createFlagStore, createMemoryStorage, type FlagConfig, type Logger } from "@victor-flags/core";
import { flagdConfig, getValue, getValueDetails } from "@victor-flags/core/targeting";

const doc: FlagConfig = flagdConfig({
  version: 1,
  metadata: { team: "web", tier: 1 },
  $evaluators: { beta: { in: [{ var: "email" }, ["ana@example.com"]] } },
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ and: [{ "==": [{ var: "country" }, "nl"] }, { $ref: "beta" }] }, "on", null] },
    },
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!", none: "" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
      metadata: { owner: "copy", tier: 2 },
    },
    "limits.api": { state: "ENABLED", variants: { zero: 0, many: 1000 }, defaultVariant: "zero" },
    layout: { state: "ENABLED", variants: { empty: {}, grid: { columns: 3 } }, defaultVariant: "empty", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "grid", "empty"] } },
    retired: { state: "DISABLED", variants: { a: "x" }, defaultVariant: "a" },
    "no-default": { state: "ENABLED", variants: { a: "x" }, targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "a", null] } },
    broken: { state: "ENABLED", variants: { a: "x" }, defaultVariant: "a", targeting: { $ref: "missing" } },
    gold: { state: "ENABLED", variants: { silver: "s" }, defaultVariant: "silver", targeting: { if: [{ "==": [{ var: "tier" }, 1] }, "gold", "silver"] } },
    ab: { state: "ENABLED", variants: { a: "A", b: "B" }, defaultVariant: "a", targeting: { fractional: [["a", 50], ["b", 50]] } },
  },
});

function manager(context = {}) {
  const warn = vi.fn();
  const logger: Logger = { warn, error: vi.fn() } as unknown as Logger;
  return { m: new FeatureFlagManager({ config: doc, context, logger, storage: createMemoryStorage() }), warn };
}

describe("manager.getValue / getValueDetails over flagd flags", () => {
  it("answers values of every JSON type, zero values included", () => {
    const { m } = manager();
    expect(m.getValue("banner-text", "fallback")).toBe("Welcome back!");
    expect(m.getValue("limits.api", 42)).toBe(0);
    expect(m.getValue("layout", { columns: 1 })).toEqual({});
    expect(m.getValue("new-checkout", true)).toBe(false);
  });

  it("lets context attributes reach the rules and re-evaluates when the context changes", () => {
    const { m } = manager({ country: "nl", email: "ana@example.com" });
    expect(m.getValue("banner-text", "")).toBe("Welkom terug!");
    expect(m.getValue("new-checkout", false)).toBe(true);
    expect(m.isEnabled("new-checkout")).toBe(true);
    m.setContext({ country: "de", email: "ana@example.com" });
    expect(m.getValue("banner-text", "")).toBe("Welcome back!");
    expect(m.isEnabled("new-checkout")).toBe(false);
    m.setContext({ plan: "pro" });
    expect(m.getValue("layout", {})).toEqual({ columns: 3 });
  });

  it("returns the same frozen value for repeated reads in one context (a cached lookup)", () => {
    const { m } = manager({ plan: "pro" });
    const first = m.getValue("layout", {});
    expect(m.getValue("layout", {})).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("reports reasons, variants and merged metadata as flagd does", () => {
    const { m } = manager({ country: "nl" });
    expect(m.getValueDetails("banner-text", "")).toEqual({ key: "banner-text", value: "Welkom terug!", variant: "nl", reason: "TARGETING_MATCH", flagMetadata: { team: "web", tier: 2, owner: "copy" } });
    expect(m.getValueDetails("limits.api", 1)).toMatchObject({ value: 0, variant: "zero", reason: "STATIC" });
    m.setContext({ country: "de" });
    expect(m.getValueDetails("banner-text", "")).toMatchObject({ value: "Welcome back!", variant: "en", reason: "DEFAULT" });
    expect(m.getValueDetails("no-default", "mine")).toMatchObject({ value: "mine", reason: "DEFAULT" });
    expect(m.getValueDetails("retired", "mine")).toMatchObject({ value: "mine", reason: "DISABLED" });
  });

  it("answers the fallback with an error code for unknown keys, rule faults and unknown variants", () => {
    const { m } = manager();
    expect(m.getValueDetails("nope", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    expect(m.getValueDetails("broken", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "PARSE_ERROR" });
    m.setContext({ tier: 1 });
    expect(m.getValueDetails("gold", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "GENERAL" });
  });

  it("checks the fallback's type: a mismatch answers the fallback with TYPE_MISMATCH and one development warning", () => {
    const { m, warn } = manager();
    expect(m.getValue("banner-text", false)).toBe(false);
    expect(m.getValue("banner-text", false)).toBe(false);
    expect(m.getValueDetails("banner-text", 3)).toMatchObject({ value: 3, reason: "ERROR", errorCode: "TYPE_MISMATCH", errorMessage: "Evaluated type of the flag banner-text does not match. Expected number, got string" });
    expect(m.getValue("layout", [] as never[])).toEqual({});
    const messages = warn.mock.calls.map((c) => String(c[0])).filter((t) => t.includes("banner-text"));
    expect(messages).toEqual(['"banner-text" is a string flag, read with a boolean fallback: the fallback answers', '"banner-text" is a string flag, read with a number fallback: the fallback answers']);
  });

  it("buckets fractional by targetingKey, else userId, so the same subject gets the same variant", () => {
    const a = manager({ userId: "user-17" }).m.getValue("ab", "");
    const b = manager({ targetingKey: "user-17" }).m.getValue("ab", "");
    expect(a).toBe(b);
    const seen = new Set(Array.from({ length: 40 }, (_, i) => manager({ userId: `u${i}` }).m.getValue("ab", "")));
    expect(seen).toEqual(new Set(["A", "B"]));
  });

  it("lets overrides and the value map decide boolean flagd flags, and Victor flags depend on them", () => {
    const mixed = { ...doc, flags: { ...doc.flags, checkout_banner: { default: true, dependencies: ["new-checkout"] } } } as FlagConfig;
    const m = new FeatureFlagManager({ config: mixed, storage: createMemoryStorage() });
    expect(m.isEnabled("checkout_banner")).toBe(false);
    m.setFlag("new-checkout", true);
    expect(m.getValueDetails("new-checkout", false)).toMatchObject({ value: true, reason: "STATIC" });
    expect(m.isEnabled("checkout_banner")).toBe(true);
    expect(m.getValue("checkout_banner", false)).toBe(true);
    const mapped = new FeatureFlagManager({ config: { ...mixed, feature_flags: { "new-checkout": true } }, storage: createMemoryStorage() });
    expect(mapped.isEnabled("new-checkout")).toBe(true);
  });

  it("fires onFlagChanged when a boolean flagd flag moves with the context", () => {
    const { m } = manager({ email: "ana@example.com" });
    const seen: Array<[string, boolean]> = [];
    m.onFlagChanged("new-checkout", (name, value) => seen.push([name, value]));
    m.setContext({ email: "ana@example.com", country: "nl" });
    expect(seen).toEqual([["new-checkout", true]]);
  });

  it("keeps a Victor-only config's reads unchanged", () => {
    const m = new FeatureFlagManager({ config: { version: 1, flags: { a: { default: true } } }, storage: createMemoryStorage() });
    expect(m.getValueDetails("a", false)).toMatchObject({ value: true, reason: "STATIC" });
    expect(m.getValueDetails("a", "x")).toMatchObject({ value: "x", errorCode: "TYPE_MISMATCH" });
  });
});

describe("getValue(store, …) on the light store", () => {
  it("reads typed values and notifies a flag's subscribers only when its value moves", () => {
    const store = createFlagStore({ config: doc, context: { country: "de" }, storage: createMemoryStorage() });
    expect(getValue(store, "banner-text", "")).toBe("Welcome back!");
    expect(getValueDetails(store, "limits.api", 1)).toMatchObject({ key: "limits.api", value: 0, variant: "zero", reason: "STATIC" });
    const banner = vi.fn();
    const limit = vi.fn();
    store.subscribeFlag("banner-text", banner);
    store.subscribeFlag("limits.api", limit);
    store.setContext({ country: "nl" });
    expect(getValue(store, "banner-text", "")).toBe("Welkom terug!");
    expect(banner).toHaveBeenCalledTimes(1);
    expect(limit).not.toHaveBeenCalled();
    store.setContext({ country: "nl", other: 1 });
    expect(banner).toHaveBeenCalledTimes(1);
  });

  it("reads a view (store.getView(), the manager's too) as the store answered when the view was taken", () => {
    for (const store of [createFlagStore({ config: doc, context: { country: "nl" }, storage: createMemoryStorage() }), manager({ country: "nl" }).m.store]) {
      const view = store.getView();
      store.setContext({ country: "de", plan: "pro" });
      expect(getValue(store, "banner-text", "")).toBe("Welcome back!");
      expect(getValue(view, "banner-text", "")).toBe("Welkom terug!");
      expect(getValueDetails(view, "layout", {})).toMatchObject({ value: {}, variant: "empty", reason: "TARGETING_MATCH" });
      expect(getValueDetails(store, "layout", {})).toMatchObject({ value: { columns: 3 }, variant: "grid" });
    }
    expect(() => getValue({ isEnabled: () => true } as never, "banner-text", "")).toThrow("getValue: not a store made by createFlagStore or one of its views");
  });

  it("notifies a flag's subscribers when its reason or variant moves and its value does not", () => {
    const store = createFlagStore({ config: doc, context: { country: "de" }, storage: createMemoryStorage() });
    const listener = vi.fn();
    store.subscribeFlag("limits.api", listener);
    store.subscribeFlag("banner-text", listener);
    // "banner-text" stays on the default "en" (reason DEFAULT), "limits.api" on "zero" (STATIC): nothing moved.
    store.setContext({ country: "fr" });
    expect(listener).not.toHaveBeenCalled();
    store.setConfig(flagdConfig({ flags: { ...doc.flags, "banner-text": { state: "ENABLED", variants: { en: "Welcome back!" }, defaultVariant: "en" } } }));
    expect(getValueDetails(store, "banner-text", "")).toMatchObject({ value: "Welcome back!", reason: "STATIC" });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("re-evaluates a boolean flagd flag read by isEnabled when an attribute other than the subject changes", () => {
    const store = createFlagStore({ config: doc, context: { userId: "u1", email: "ana@example.com" }, storage: createMemoryStorage() });
    expect(store.isEnabled("new-checkout")).toBe(false);
    store.setContext({ userId: "u1", email: "ana@example.com", country: "nl" });
    expect(store.isEnabled("new-checkout")).toBe(true);
  });
});

describe("manager.evaluateValue", () => {
  it("evaluates for another context without changing the manager's", () => {
    const { m } = manager({ country: "de" });
    expect(m.evaluateValue("banner-text", "", { country: "nl" })).toMatchObject({ value: "Welkom terug!", reason: "TARGETING_MATCH" });
    expect(m.getValue("banner-text", "")).toBe("Welcome back!");
  });
});
