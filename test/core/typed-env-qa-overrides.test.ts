import { describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createMemoryStorage, parseEnvOverrides, resolveEnvOverrides, type FlagConfig, type Logger } from "@victor-flags/core";
import { applyQaOverrides, formatQaOverrides } from "@victor-flags/core/qa";
import "@victor-flags/core/targeting";
import { typedDoc } from "../fixtures/typed-flags.js";

// Env variables and QA entries over flagd flags: declared keys map to variables, values name variants.
const doc = typedDoc({
  "new-checkout.v2": { state: "ENABLED", variants: { yes: true, no: false }, defaultVariant: "yes" },
  bannerColor: { state: "ENABLED", variants: { red: "#f00", blue: "#00f" }, defaultVariant: "red" },
  dark_mode: { default: false },
});

function logger() {
  return { warn: vi.fn(), error: vi.fn() } as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
}

describe("env overrides of flagd flags", () => {
  it("map each declared key to VICTOR_FEATURE_ + the key upper-cased, other characters _, and take variant names", () => {
    const parsed = resolveEnvOverrides(
      {
        VICTOR_FEATURE_BANNER_TEXT: "none",
        VICTOR_FEATURE_LIMITS_API: "zero",
        VICTOR_FEATURE_LAYOUT: "empty",
        VICTOR_FEATURE_NEW_CHECKOUT_V2: "no",
        VICTOR_FEATURE_BANNERCOLOR: "blue",
        VICTOR_FEATURE_DARK_MODE: "on",
      },
      doc,
    );
    expect(parsed.problems).toEqual([]);
    expect({ ...parsed.values }).toEqual({
      "banner-text": { value: "", variant: "none" },
      "limits.api": { value: 0, variant: "zero" },
      layout: { value: {}, variant: "empty" },
      "new-checkout.v2": { value: false, variant: "no" },
      bannerColor: { value: "#00f", variant: "blue" },
    });
    expect({ ...parsed.overrides }).toEqual({ "new-checkout.v2": false, dark_mode: true });
    expect(parsed.variables["new-checkout.v2"]).toBe("VICTOR_FEATURE_NEW_CHECKOUT_V2");
  });

  it("answer typed reads with reason STATIC and the variant, zero values included, above setFlag", () => {
    const m = new FeatureFlagManager({
      config: doc,
      env: { VICTOR_FEATURE_LIMITS_API: "zero", VICTOR_FEATURE_BANNER_TEXT: "none", VICTOR_FEATURE_LAYOUT: "empty", VICTOR_FEATURE_NEW_CHECKOUT_V2: "false" },
      logger: logger(),
      storage: createMemoryStorage(),
    });
    expect(m.getValueDetails("limits.api", 5)).toMatchObject({ value: 0, variant: "zero", reason: "STATIC" });
    expect(m.getValue("banner-text", "x")).toBe("");
    expect(m.getValue("layout", { columns: 1 })).toEqual({});
    expect(m.isEnabled("new-checkout.v2")).toBe(false);
    m.setFlag("limits.api", "many");
    expect(m.getValue("limits.api", 5)).toBe(0);
    expect(m.explain("limits.api").source).toBe("env");
  });

  it("accept true/false/1/0 for a flag of boolean variants", () => {
    const parsed = resolveEnvOverrides({ VICTOR_FEATURE_NEW_CHECKOUT_V2: "0" }, doc);
    expect({ ...parsed.overrides }).toEqual({ "new-checkout.v2": false });
    expect(resolveEnvOverrides({ VICTOR_FEATURE_NEW_CHECKOUT_V2: "1" }, doc).overrides["new-checkout.v2"]).toBe(true);
  });

  it("refuse a value that names no variant, naming the variable, the flag and its variants; the flag keeps evaluating", () => {
    const parsed = resolveEnvOverrides({ VICTOR_FEATURE_BANNER_TEXT: "fr", VICTOR_FEATURE_LIMITS_API: "5", VICTOR_FEATURE_NEW_CHECKOUT_V2: "maybe" }, doc);
    expect({ ...parsed.values, ...parsed.overrides }).toEqual({});
    expect(parsed.problems.map((p) => [p.kind, p.flag, p.message])).toEqual([
      ["invalid-value", "banner-text", 'VICTOR_FEATURE_BANNER_TEXT="fr" is not a variant of flag "banner-text" (variants: nl, en, none); ignored'],
      ["invalid-value", "limits.api", 'VICTOR_FEATURE_LIMITS_API="5" is not a variant of flag "limits.api" (variants: zero, many); ignored'],
      ["invalid-value", "new-checkout.v2", 'VICTOR_FEATURE_NEW_CHECKOUT_V2="maybe" is not a variant of flag "new-checkout.v2" (variants: yes, no) or a boolean (true/false, 1/0); ignored'],
    ]);
    const log = logger();
    const m = new FeatureFlagManager({ config: doc, env: { VICTOR_FEATURE_BANNER_TEXT: "fr" }, logger: log, storage: createMemoryStorage() });
    expect(m.getValueDetails("banner-text", "")).toMatchObject({ value: "Welcome back!", variant: "en" });
    expect(log.warn).toHaveBeenCalledWith('VICTOR_FEATURE_BANNER_TEXT="fr" is not a variant of flag "banner-text" (variants: nl, en, none); ignored');
  });

  it("give a variable that two declared keys share (a validateConfig error) to the first declared only", () => {
    const clash = {
      flags: {
        "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
        new_checkout: { state: "ENABLED", variants: { a: "A", b: "B" }, defaultVariant: "a" },
      },
    } as unknown as FlagConfig;
    const parsed = resolveEnvOverrides({ VICTOR_FEATURE_NEW_CHECKOUT: "on" }, clash);
    expect({ ...parsed.values }).toEqual({ "new-checkout": { value: true, variant: "on" } });
    expect(parsed.problems).toEqual([]);
  });

  it("without a config read the variable as a snake_case boolean, as before", () => {
    expect({ ...parseEnvOverrides({ VICTOR_FEATURE_NEW_CHECKOUT: "true" }).overrides }).toEqual({ new_checkout: true });
  });

  it("follow a config loaded later: the variable finds its key and variant then", () => {
    const log = logger();
    const m = new FeatureFlagManager({ env: { VICTOR_FEATURE_BANNERCOLOR: "blue" }, logger: log, storage: createMemoryStorage() });
    const seen = vi.fn();
    m.loadConfig(doc);
    m.onFlagChanged("bannerColor", seen);
    expect(m.getValueDetails("bannerColor", "")).toMatchObject({ value: "#00f", variant: "blue", reason: "STATIC" });
    const next = { ...doc, flags: { ...doc.flags, bannerColor: { state: "ENABLED", variants: { red: "#f00", blue: "#33f" }, defaultVariant: "red" } } } as unknown as FlagConfig;
    m.loadConfig(next);
    expect(m.getValue("bannerColor", "")).toBe("#33f");
    expect(seen).toHaveBeenCalledWith("bannerColor", false, { oldValue: "#00f", newValue: "#33f", oldVariant: "blue", newVariant: "blue" });
  });
});

describe("QA overrides of flagd flags", () => {
  it("take a variant name (or a boolean for a boolean flag) and answer it through typed reads", () => {
    const m = new FeatureFlagManager({ config: doc, logger: logger(), storage: createMemoryStorage() });
    const report = applyQaOverrides(m, { search: "?vf=banner-text:nl,limits.api:zero,layout:empty,new-checkout.v2:off", storage: null, logger: logger() });
    expect(report.problems).toEqual([]);
    expect(report.applied.map((a) => [a.name, a.value])).toEqual([
      ["banner-text", "nl"],
      ["limits.api", "zero"],
      ["layout", "empty"],
      ["new-checkout.v2", false],
    ]);
    expect(m.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl", reason: "STATIC" });
    expect(m.getValue("limits.api", 5)).toBe(0);
    expect(m.getValue("layout", { columns: 1 })).toEqual({});
    expect(m.isEnabled("new-checkout.v2")).toBe(false);
    expect(m.getAuditLog("banner-text")[0]).toMatchObject({ newValue: "Welkom terug!", newVariant: "nl", source: "qa" });
  });

  it("refuse a value that names no variant with a message listing the variants, keeping the flag's value", () => {
    const m = new FeatureFlagManager({ config: doc, logger: logger(), storage: createMemoryStorage() });
    const report = applyQaOverrides(m, { search: "?vf=banner-text:fr,limits.api:1000", storage: null, logger: logger() });
    expect(report.applied).toEqual([]);
    expect(report.problems.map((p) => [p.reason, p.message])).toEqual([
      ["invalid-value", 'flag "banner-text" needs one of its variants (variants: nl, en, none), got "fr"'],
      ["invalid-value", 'flag "limits.api" needs one of its variants (variants: zero, many), got "1000"'],
    ]);
    expect(m.getValue("banner-text", "")).toBe("Welcome back!");
  });

  it("write a flagd flag's variant in the same text form", () => {
    expect(formatQaOverrides({ flags: { dark_mode: true }, variants: { "banner-text": "nl" } })).toBe("dark_mode:on,banner-text:nl");
  });
});
