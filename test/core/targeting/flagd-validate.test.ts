import { describe, expect, it } from "vitest";
import { compileFlagdDocument, envNameCollisions, envVariableName, isFlagdFlag } from "@victor-flags/core/targeting/index.js";

describe("structural errors reject the document", () => {
  it("lists every problem with its path and compiles no flag", () => {
    const doc = compileFlagdDocument({
      metadata: { team: { nested: true } },
      $evaluators: [],
      flags: {
        "bad-state": { state: "ON", variants: { a: 1 } },
        "bad-variants": { state: "ENABLED", variants: [] },
        "no-variants": { state: "ENABLED", variants: {} },
        "bad-default": { state: "ENABLED", variants: { a: 1 }, defaultVariant: "b" },
        "default-type": { state: "ENABLED", variants: { a: 1 }, defaultVariant: 3 },
        "bad-targeting": { state: "ENABLED", variants: { a: 1 }, targeting: "a" },
        "bad-meta": { state: "ENABLED", variants: { a: 1 }, metadata: { list: [1] } },
        "dotted.key": JSON.parse('{ "variants": { "__proto__": 1 } }'),
      },
    });
    expect(doc.flags.size).toBe(0);
    expect(doc.errors).toEqual([
      { path: "$evaluators", message: "must be an object of name to JSONLogic rule" },
      { path: "metadata.team", message: "must be a string, number or boolean" },
      { path: "flags.bad-state.state", message: 'must be "ENABLED" or "DISABLED" (got "ON")' },
      { path: "flags.bad-variants.variants", message: "must be an object of variant name to value" },
      { path: "flags.no-variants.variants", message: "must define at least one variant" },
      { path: "flags.bad-default.defaultVariant", message: 'names variant "b", which flags.bad-default.variants does not define' },
      { path: "flags.default-type.defaultVariant", message: "must be a variant name, null or absent" },
      { path: "flags.bad-targeting.targeting", message: "must be a JSONLogic rule (an object)" },
      { path: "flags.bad-meta.metadata.list", message: "must be a string, number or boolean" },
      { path: 'flags["dotted.key"].state', message: 'must be "ENABLED" or "DISABLED" (got nothing)' },
      { path: 'flags["dotted.key"].variants.__proto__', message: '"__proto__" is reserved' },
    ]);
  });

  it("rejects a document that is not an object or has no flags object", () => {
    expect(compileFlagdDocument("{}").errors).toEqual([{ path: "", message: "the document must be a JSON object" }]);
    expect(compileFlagdDocument({ flags: [] }).errors).toEqual([{ path: "flags", message: "must be an object of flag key to definition" }]);
  });
});

describe("mixed documents", () => {
  it("compiles the flagd flags and leaves Victor flags to the core", () => {
    const doc = compileFlagdDocument({
      version: 1,
      flags: {
        checkout_v2: { default: true, rollout: { percentage: 10 } },
        "banner-text": { state: "ENABLED", variants: { a: "Hi" }, defaultVariant: "a" },
      },
      experiments: { exp: { variants: ["a", "b"], weights: [0.5, 0.5] } },
    });
    expect(doc.errors).toEqual([]);
    expect([...doc.flags.keys()]).toEqual(["banner-text"]);
    expect(isFlagdFlag({ default: false })).toBe(false);
    expect(isFlagdFlag({ state: "ENABLED" })).toBe(true);
    expect(isFlagdFlag({ variants: {} })).toBe(true);
  });
});

describe("rule warnings", () => {
  it("warns about boolean rules on flags without true/false variants and bad fractional buckets", () => {
    const doc = compileFlagdDocument({
      flags: {
        bool: { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { in: [{ var: "country" }, ["nl"]] } },
        frac: { state: "ENABLED", variants: { a: 1, b: 2 }, defaultVariant: "a", targeting: { fractional: [["a", 1.5], ["b", 1]] } },
        ok: { state: "ENABLED", variants: { true: 1, false: 0 }, defaultVariant: "false", targeting: { starts_with: [{ var: "email" }, "admin@"] } },
      },
    });
    expect(doc.warnings.map((w) => `${w.path}: ${w.message.split(",")[0]}`)).toEqual([
      'flags.bool.targeting: can answer variant "true"',
      'flags.bool.targeting: can answer variant "false"',
      "flags.frac.targeting.fractional: fractional: a bucket's weight must be an integer; it answers null",
    ]);
    expect(doc.flags.get("ok")!.evaluate({ email: "admin@x" }).value).toBe(1);
  });
});

describe("environment variable names", () => {
  it("upper-cases the key and turns every other character into _", () => {
    expect(envVariableName("new-checkout.v2")).toBe("VICTOR_FEATURE_NEW_CHECKOUT_V2");
    expect(envVariableName("bannerText")).toBe("VICTOR_FEATURE_BANNERTEXT");
    expect(envVariableName("snake_case")).toBe("VICTOR_FEATURE_SNAKE_CASE");
  });

  it("reports keys that share a variable", () => {
    expect(envNameCollisions(["new-ui", "new_ui", "new.ui", "other"])).toEqual([
      { path: "flags.new_ui", message: 'maps to env variable VICTOR_FEATURE_NEW_UI like "new-ui"; rename one of them' },
      { path: 'flags["new.ui"]', message: 'maps to env variable VICTOR_FEATURE_NEW_UI like "new-ui"; rename one of them' },
    ]);
  });
});
