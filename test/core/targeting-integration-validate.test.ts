import { describe, expect, it } from "vitest";
import { validateConfig } from "@victor-flags/core";
import { installFlagdTargeting } from "@victor-flags/core/targeting";

// Rule faults are found by compiling rules, which the targeting engine does once installed.
installFlagdTargeting();

const flagdDoc = {
  $schema: "https://flagd.dev/schema/v0/flags.json",
  metadata: { team: "web" },
  $evaluators: { beta: { in: [{ var: "email" }, ["ana@example.com"]] } },
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ $ref: "beta" }, "on", null] },
    },
    bannerText: { state: "ENABLED", variants: { nl: "Welkom", en: "Welcome" }, defaultVariant: "en", metadata: { owner: "copy" } },
    "limits.api": { state: "DISABLED", variants: { low: 10, high: 1000 }, defaultVariant: null },
  },
};

describe("validateConfig with flagd documents", () => {
  it("accepts a flagd document as it is: no version, $evaluators, flag-set metadata, flagd keys", () => {
    expect(validateConfig(flagdDoc)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("accepts a document mixing Victor and flagd flags, where a Victor flag may depend on a flagd one", () => {
    const doc = { version: 1, $evaluators: flagdDoc.$evaluators, flags: { ...flagdDoc.flags, old_ui: { default: true, dependencies: ["new-checkout"] } }, feature_flags: { "new-checkout": true } };
    expect(validateConfig(doc)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("still requires version once Victor's shapes appear", () => {
    expect(validateConfig({ flags: { ...flagdDoc.flags, old_ui: { default: true } } }).errors).toEqual([{ path: "version", message: "is required (use 1)" }]);
    expect(validateConfig({ flags: flagdDoc.flags, experiments: {} }).errors).toEqual([{ path: "version", message: "is required (use 1)" }]);
    expect(validateConfig({ flags: {} }).errors).toEqual([{ path: "version", message: "is required (use 1)" }]);
  });

  it("rejects structural faults of a flagd flag with their path", () => {
    const result = validateConfig({
      flags: {
        a: { state: "ON", variants: { x: 1 } },
        b: { state: "ENABLED", variants: {} },
        c: { state: "ENABLED", variants: { x: 1 }, defaultVariant: "y" },
        d: { state: "ENABLED", variants: { x: 1 }, targeting: "x" },
        e: { state: "ENABLED", variants: { x: 1 }, metadata: { nested: { no: 1 } } },
      },
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(["flags.a.state", "flags.b.variants", "flags.c.defaultVariant", "flags.d.targeting", "flags.e.metadata.nested"]);
    expect(result.errors[0]!.message).toBe('must be "ENABLED" or "DISABLED" (got "ON")');
    expect(result.errors[2]!.message).toBe('names variant "y", which flags.c.variants does not define');
  });

  it("rejects flagd keys outside flagd's grammar and bad flagd top-level parts", () => {
    const result = validateConfig({ $evaluators: [], metadata: { a: [] }, flags: { "1st": { state: "ENABLED", variants: { x: 1 } } } });
    expect(result.errors).toEqual([
      { path: "$evaluators", message: "must be an object of name to JSONLogic rule" },
      { path: "metadata.a", message: "must be a string, number or boolean" },
      { path: "flags.1st", message: 'flag key must start with a letter, then letters, digits, "_", "-" or ".", got "1st"' },
    ]);
  });

  it("reports a fault inside one flag's rules as a warning with its path; the document stays valid", () => {
    const result = validateConfig({
      flags: {
        promo: { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ $ref: "vip" }, "on", "off"] } },
        gold: { state: "ENABLED", variants: { silver: "s" }, defaultVariant: "silver", targeting: { if: [{ "==": [{ var: "tier" }, 1] }, "gold", "silver"] } },
        fine: { state: "ENABLED", variants: { on: true }, defaultVariant: "on" },
      },
    });
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { path: "flags.promo.targeting.if[0].$ref", message: '$ref to unknown evaluator "vip" (flag "promo" answers ERROR)' },
      { path: "flags.gold.targeting.if[1]", message: expect.stringContaining('can answer variant "gold", which flags.gold.variants does not define') as string },
    ]);
  });

  it("keeps Victor's messages for Victor flags in a mixed document", () => {
    const result = validateConfig({ version: 1, flags: { "New-Feature": { default: true }, ok: { state: "ENABLED", variants: { a: 1 } } } });
    expect(result.errors).toEqual([{ path: "flags.New-Feature", message: 'flag name must be snake_case (a-z, 0-9, _; starting with a letter), got "New-Feature"' }]);
  });
});
