import { describe, expect, it } from "vitest";
import { compileFlagdDocument, compileFlagdFlag, explainFlagd, resolveFlagd, type FlagdFlagDefinition } from "@victor-flags/core/targeting/index.js";

const onOff = { on: true, off: false };

describe("reasons", () => {
  const doc = compileFlagdDocument({
    flags: {
      "static-flag": { state: "ENABLED", variants: onOff, defaultVariant: "on" },
      "empty-targeting": { state: "ENABLED", variants: onOff, defaultVariant: "off", targeting: {} },
      targeted: { state: "ENABLED", variants: onOff, defaultVariant: "off", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "on", null] } },
      disabled: { state: "DISABLED", variants: onOff, defaultVariant: "on" },
      "no-default": { state: "ENABLED", variants: { small: 10, big: 1000 } },
      "null-default": { state: "ENABLED", variants: onOff, defaultVariant: null },
      "no-default-targeted": { state: "ENABLED", variants: { normal: "CFO", special: "CEO" }, targeting: { if: [{ "==": ["jobs@orange.com", { var: ["email"] }] }, "special"] } },
    },
  });

  it("STATIC without targeting (an empty rule counts as none)", () => {
    expect(resolveFlagd(doc, "static-flag", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC" });
    expect(resolveFlagd(doc, "empty-targeting", true)).toMatchObject({ value: false, variant: "off", reason: "STATIC" });
  });

  it("TARGETING_MATCH when the rule names a variant, DEFAULT when it answers null", () => {
    expect(resolveFlagd(doc, "targeted", false, { plan: "pro" })).toMatchObject({ value: true, variant: "on", reason: "TARGETING_MATCH" });
    expect(resolveFlagd(doc, "targeted", true, { plan: "free" })).toMatchObject({ value: false, variant: "off", reason: "DEFAULT" });
    expect(resolveFlagd(doc, "targeted", true)).toMatchObject({ value: false, reason: "DEFAULT" });
  });

  it("DISABLED answers the caller's fallback", () => {
    expect(resolveFlagd(doc, "disabled", false)).toMatchObject({ value: false, variant: undefined, reason: "DISABLED" });
  });

  it("an absent or null defaultVariant answers the caller's fallback with DEFAULT", () => {
    expect(resolveFlagd(doc, "no-default", 3)).toMatchObject({ value: 3, variant: undefined, reason: "DEFAULT" });
    expect(resolveFlagd(doc, "null-default", true)).toMatchObject({ value: true, reason: "DEFAULT" });
    expect(resolveFlagd(doc, "no-default-targeted", "x", { email: "jobs@orange.com" })).toMatchObject({ value: "CEO", reason: "TARGETING_MATCH" });
    expect(resolveFlagd(doc, "no-default-targeted", "x", { email: "other" })).toMatchObject({ value: "x", reason: "DEFAULT" });
    expect(resolveFlagd(doc, "no-default-targeted", "x", { email: "other" }).errorCode).toBeUndefined();
  });

  it("FLAG_NOT_FOUND for an unknown key", () => {
    expect(resolveFlagd(doc, "nope", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "FLAG_NOT_FOUND", errorMessage: "flag 'nope' not found" });
  });
});

describe("typed values", () => {
  const doc = compileFlagdDocument({
    flags: {
      "bool-zero": { state: "ENABLED", variants: { zero: false, one: true }, defaultVariant: "zero" },
      "string-zero": { state: "ENABLED", variants: { zero: "", one: "str" }, defaultVariant: "zero" },
      "int-zero": { state: "ENABLED", variants: { zero: 0, one: 1 }, defaultVariant: "zero" },
      "object-zero": { state: "ENABLED", variants: { zero: {}, one: { title: "Hi" } }, defaultVariant: "zero" },
      "targeted-zero": { state: "ENABLED", variants: { zero: 0, one: 1 }, defaultVariant: "one", targeting: { if: [{ "==": [{ var: "email" }, "ballmer@macrosoft.com"] }, "zero"] } },
      banner: { state: "ENABLED", variants: { nl: { text: "Hallo", ttl: 5 }, list: [1, 2] }, defaultVariant: "nl" },
      limit: { state: "ENABLED", variants: { low: 10, high: 0.5 }, defaultVariant: "high" },
    },
  });

  it("0, '', false and {} are real values, not the fallback", () => {
    expect(resolveFlagd(doc, "bool-zero", true)).toMatchObject({ value: false, reason: "STATIC" });
    expect(resolveFlagd(doc, "string-zero", "fb")).toMatchObject({ value: "", reason: "STATIC" });
    expect(resolveFlagd(doc, "int-zero", 9)).toMatchObject({ value: 0, reason: "STATIC" });
    expect(resolveFlagd(doc, "object-zero", { fb: 1 })).toMatchObject({ value: {}, reason: "STATIC" });
    expect(resolveFlagd(doc, "targeted-zero", 9, { email: "ballmer@macrosoft.com" })).toMatchObject({ value: 0, reason: "TARGETING_MATCH" });
  });

  it("answers objects, arrays and floats", () => {
    expect(resolveFlagd(doc, "banner", {}).value).toEqual({ text: "Hallo", ttl: 5 });
    expect(resolveFlagd(doc, "limit", 1).value).toBe(0.5);
  });

  it("TYPE_MISMATCH answers the fallback when the value has another type than the fallback", () => {
    expect(resolveFlagd(doc, "string-zero", false)).toMatchObject({
      value: false,
      reason: "ERROR",
      errorCode: "TYPE_MISMATCH",
      errorMessage: "Evaluated type of the flag string-zero does not match. Expected boolean, got string",
    });
    expect(resolveFlagd(doc, "int-zero", "0")).toMatchObject({ value: "0", errorCode: "TYPE_MISMATCH" });
    expect(resolveFlagd(doc, "banner", 1)).toMatchObject({ value: 1, errorCode: "TYPE_MISMATCH" });
    expect(resolveFlagd(doc, "bool-zero", {})).toMatchObject({ value: {}, errorCode: "TYPE_MISMATCH" });
  });

  it("shares frozen values, so no caller can change the config for the next", () => {
    const value = resolveFlagd(doc, "banner", {} as Record<string, unknown>).value;
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      (value as { text: string }).text = "changed";
    }).toThrow(TypeError);
    expect(resolveFlagd(doc, "banner", {}).value).toEqual({ text: "Hallo", ttl: 5 });
  });

  it("takes a rule's non-string answer as a variant name (true -> 'true')", () => {
    const flag = compileFlagdFlag("b", { state: "ENABLED", variants: { true: "yes", false: "no", "1": "one" }, defaultVariant: "false", targeting: { in: [{ var: "country" }, ["nl", "be"]] } });
    expect(flag.evaluate({ country: "nl" })).toMatchObject({ value: "yes", variant: "true" });
    expect(flag.evaluate({ country: "de" })).toMatchObject({ value: "no", variant: "false", reason: "TARGETING_MATCH" });
    const num = compileFlagdFlag("n", { state: "ENABLED", variants: { "1": "one" }, targeting: { "+": [0, 1] } });
    expect(num.evaluate()).toMatchObject({ value: "one", variant: "1" });
  });
});

describe("metadata", () => {
  const doc = compileFlagdDocument({
    metadata: { team: "growth", version: 2, public: true },
    flags: {
      a: { state: "ENABLED", variants: onOff, defaultVariant: "on", metadata: { version: 3, owner: "ana" } },
      b: { state: "DISABLED", variants: onOff, defaultVariant: "on" },
    },
  });

  it("overlays the flag's metadata on the flag set's", () => {
    expect(resolveFlagd(doc, "a", false).metadata).toEqual({ team: "growth", version: 3, public: true, owner: "ana" });
    expect(resolveFlagd(doc, "b", false).metadata).toEqual({ team: "growth", version: 2, public: true });
  });

  it("answers the flag set's metadata for an unknown flag", () => {
    expect(resolveFlagd(doc, "zzz", false).metadata).toEqual({ team: "growth", version: 2, public: true });
  });
});

describe("$ref reuse", () => {
  const doc = compileFlagdDocument({
    $evaluators: {
      isBeta: { in: [{ var: "email" }, ["ana@x.io", "bo@x.io"]] },
      isBetaInNl: { and: [{ $ref: "isBeta" }, { "==": [{ var: "country" }, "nl"] }] },
    },
    flags: {
      one: { state: "ENABLED", variants: { yes: "yes", no: "no" }, defaultVariant: "no", targeting: { if: [{ $ref: "isBeta" }, "yes", "no"] } },
      two: { state: "ENABLED", variants: { on: 1, off: 0 }, defaultVariant: "off", targeting: { if: [{ $ref: "isBetaInNl" }, "on"] } },
    },
  });

  it("shares one evaluator between flags, nested refs included", () => {
    expect(doc.warnings).toEqual([]);
    expect(resolveFlagd(doc, "one", "", { email: "bo@x.io" }).value).toBe("yes");
    expect(resolveFlagd(doc, "one", "", { email: "cy@x.io" }).value).toBe("no");
    expect(resolveFlagd(doc, "two", -1, { email: "ana@x.io", country: "nl" })).toMatchObject({ value: 1, reason: "TARGETING_MATCH" });
    expect(resolveFlagd(doc, "two", -1, { email: "ana@x.io", country: "de" })).toMatchObject({ value: 0, reason: "DEFAULT" });
  });
});

describe("rule faults fail one flag", () => {
  const doc = compileFlagdDocument({
    $evaluators: { real: { "==": [1, 1] } },
    flags: {
      "missing-ref": { state: "ENABLED", variants: { hit: "hit", miss: "miss" }, defaultVariant: "miss", targeting: { if: [{ $ref: "nonexistent_evaluator" }, "hit", "miss"] } },
      "unknown-op": { state: "ENABLED", variants: onOff, defaultVariant: "off", targeting: { regex: ["a", "b"] } },
      "unknown-variant": { state: "ENABLED", variants: onOff, defaultVariant: "off", targeting: { if: [{ var: "vip" }, "gold", "off"] } },
      healthy: { state: "ENABLED", variants: onOff, defaultVariant: "on", targeting: { if: [{ $ref: "real" }, "on"] } },
    },
  });

  it("loads the document and warns with paths", () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([
      { path: "flags.missing-ref.targeting.if[0].$ref", message: '$ref to unknown evaluator "nonexistent_evaluator" (flag "missing-ref" answers ERROR)' },
      { path: "flags.unknown-op.targeting", message: 'unknown operation "regex" (flag "unknown-op" answers ERROR)' },
      { path: "flags.unknown-variant.targeting.if[1]", message: 'can answer variant "gold", which flags.unknown-variant.variants does not define (that evaluation answers ERROR and the caller\'s fallback)' },
    ]);
  });

  it("a flag whose rule cannot compile answers PARSE_ERROR and the fallback", () => {
    expect(resolveFlagd(doc, "missing-ref", "fb")).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "PARSE_ERROR" });
    expect(resolveFlagd(doc, "unknown-op", true)).toMatchObject({ value: true, reason: "ERROR", errorCode: "PARSE_ERROR" });
  });

  it("an unknown variant answers GENERAL on the evaluations that reach it, as in flagd", () => {
    expect(resolveFlagd(doc, "unknown-variant", true, { vip: true })).toMatchObject({
      value: true,
      reason: "ERROR",
      errorCode: "GENERAL",
      errorMessage: "Variant 'gold' not found in flag with key 'unknown-variant'",
    });
    expect(resolveFlagd(doc, "unknown-variant", true, { vip: false })).toMatchObject({ value: false, reason: "TARGETING_MATCH" });
  });

  it("the other flags work", () => {
    expect(resolveFlagd(doc, "healthy", false)).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
  });
});

describe("evaluation never throws", () => {
  const def: FlagdFlagDefinition = { state: "ENABLED", variants: onOff, defaultVariant: "off", targeting: { if: [{ "==": [{ cat: [{ var: "a" }] }, "x"] }, "on"] } };
  const flag = compileFlagdFlag("f", def);

  it("answers GENERAL for a context whose values throw", () => {
    const hostile = { a: { toString: () => { throw new Error("boom"); } } };
    expect(flag.evaluate(hostile)).toMatchObject({ reason: "ERROR", errorCode: "GENERAL", errorMessage: "Error evaluating targeting rule for flag 'f': boom" });
    const getter = Object.defineProperty({}, "a", { enumerable: true, get: () => { throw new Error("getter"); } });
    expect(flag.evaluate(getter)).toMatchObject({ reason: "ERROR", errorCode: "GENERAL" });
  });

  it("accepts odd contexts without throwing", () => {
    for (const ctx of [undefined, {}, { a: null }, { a: Symbol("s") }, Object.create(null), { a: [[[[]]]] }]) {
      expect(() => flag.evaluate(ctx as never)).not.toThrow();
    }
  });

  it("with no targeting, every evaluation returns the same frozen answer", () => {
    const plain = compileFlagdFlag("p", { state: "ENABLED", variants: onOff, defaultVariant: "on" });
    expect(plain.targeted).toBe(false);
    expect(plain.evaluate({ a: 1 })).toBe(plain.evaluate());
    expect(Object.isFrozen(plain.evaluate())).toBe(true);
  });
});

describe("repeated evaluation (the last answer is kept per flag)", () => {
  const def: FlagdFlagDefinition = {
    state: "ENABLED",
    variants: { on: true, off: false },
    defaultVariant: "off",
    targeting: { if: [{ and: [{ "==": [{ var: "user.country" }, "nl"] }, { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] }] }, "on", { fractional: [["on", 50], ["off", 50]] }] },
  };

  it("follows changes made to the same context object", () => {
    const flag = compileFlagdFlag("f", { ...def, targeting: { if: [{ and: [{ "==": [{ var: "user.country" }, "nl"] }, { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] }] }, "on", null] } });
    const ctx = { user: { country: "nl" }, appVersion: "2.4.0" };
    expect(flag.evaluate(ctx)).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
    expect(flag.evaluate(ctx)).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
    ctx.appVersion = "2.2.0";
    expect(flag.evaluate(ctx)).toMatchObject({ value: false, reason: "DEFAULT" });
    ctx.appVersion = "2.3.0";
    expect(flag.evaluate(ctx)).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
    ctx.user.country = "de";
    expect(flag.evaluate(ctx)).toMatchObject({ value: false, reason: "DEFAULT" });
  });

  it("gives every subject its own bucket when contexts alternate", () => {
    const flag = compileFlagdFlag("f", def);
    const fresh = compileFlagdFlag("f", def);
    for (let i = 0; i < 200; i++) {
      const ctx = { targetingKey: `user-${i % 7}`, user: { country: i % 3 ? "de" : "nl" }, appVersion: i % 2 ? "2.0.0" : "2.5.0" };
      expect(flag.evaluate(ctx).value, JSON.stringify(ctx)).toBe(fresh.evaluate({ ...ctx }).value);
    }
  });

  it("runs again when the rule reads an object or array attribute (it may have changed inside)", () => {
    const flag = compileFlagdFlag("g", { state: "ENABLED", variants: { many: "many", few: "few" }, defaultVariant: "few", targeting: { if: [{ ">": [{ reduce: [{ var: "cart" }, { "+": [{ var: "accumulator" }, 1] }, 0] }, 2] }, "many"] } });
    const ctx = { cart: ["a", "b"] };
    expect(flag.evaluate(ctx).value).toBe("few");
    ctx.cart.push("c");
    expect(flag.evaluate(ctx).value).toBe("many");
  });

  it("re-reads the clock for rules on $flagd.timestamp", () => {
    let now = 1_000_000;
    const flag = compileFlagdFlag("t", { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ ">": [{ var: "$flagd.timestamp" }, 2000] }, "on", "off"] } }, { now: () => now });
    const ctx = {};
    expect(flag.evaluate(ctx).value).toBe(false);
    now = 3_000_000;
    expect(flag.evaluate(ctx).value).toBe(true);
  });
});

describe("explain", () => {
  const doc = compileFlagdDocument({
    $evaluators: { beta: { in: [{ var: "email" }, ["ana@x.io"]] } },
    flags: {
      promo: {
        state: "ENABLED", variants: { gold: "gold", silver: "silver", none: "none" }, defaultVariant: "none",
        targeting: { if: [{ $ref: "beta" }, "gold", { "==": [{ var: "country" }, "nl"] }, "silver"] },
      },
      plain: { state: "ENABLED", variants: { on: true }, defaultVariant: "on" },
      broken: { state: "ENABLED", variants: { on: true }, defaultVariant: "on", targeting: { $ref: "nope" } },
    },
  });

  it("names the if branch that decided, with the same answer as evaluate", () => {
    expect(explainFlagd(doc, "promo", { email: "ana@x.io" })).toMatchObject({ value: "gold", reason: "TARGETING_MATCH", trace: ["flags.promo.targeting.if[1]: condition flags.promo.targeting.if[0] held"] });
    expect(explainFlagd(doc, "promo", { country: "nl" })?.trace).toEqual(["flags.promo.targeting.if[3]: condition flags.promo.targeting.if[2] held"]);
    expect(explainFlagd(doc, "promo", { country: "de" })).toMatchObject({ value: "none", reason: "DEFAULT", trace: ["flags.promo.targeting.if: no condition held, no else (null)"] });
  });

  it("explains flags without a rule, faulty rules and unknown keys", () => {
    expect(explainFlagd(doc, "plain")).toMatchObject({ value: true, reason: "STATIC", trace: [] });
    expect(explainFlagd(doc, "broken")).toMatchObject({ reason: "ERROR", errorCode: "PARSE_ERROR", trace: ['flags.broken.targeting.$ref: $ref to unknown evaluator "nope"'] });
    expect(explainFlagd(doc, "zzz")).toBeUndefined();
  });
});
