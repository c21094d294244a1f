import { describe, expect, it } from "vitest";
import { validateConfig } from "@victor-flags/core";
import { isValidConfig } from "@victor-flags/core/validate-config.js";
import { validateConfig as validateBeforeSplit } from "./fixtures/validate-config-before-split.js";

// Most flags of a large document are checked in one pass that builds no path and no message;
// anything that pass does not accept goes through the full checks. These documents sit right at
// that border: flags shaped like the common case with exactly one thing wrong, each of which
// must still be reported with the path and message the validator always gave (the oracle of
// validate-config-property.test.ts).

type Flag = Record<string, unknown>;

/** Sets an own enumerable property, even `__proto__` (as JSON.parse does). */
function withKey(flag: Flag, key: string, value: unknown): Flag {
  const out = { ...flag };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const GOOD: Record<string, Flag> = {
  plain: { default: true },
  rolled: { default: false, rollout: { percentage: 35 } },
  salted: { default: false, rollout: { percentage: 0, salt: "s" } },
  described: { default: true, description: "d", name: "described", rolloutStrategy: "gradual", since: "1.2.3", stable: false },
  child: { default: true, dependencies: ["plain", "rolled"] },
  meta: { default: true, metadata: { owner: "team", ticket: 12, tags: ["a"] } },
};

const NEAR_MISSES: Array<[string, Flag]> = [
  ["default missing", { rollout: { percentage: 35 } }],
  ["default not boolean", { default: "true" }],
  ["percentage above 100", { default: false, rollout: { percentage: 100.5 } }],
  ["percentage NaN", { default: false, rollout: { percentage: Number.NaN } }],
  ["percentage missing", { default: false, rollout: { salt: "s" } }],
  ["empty salt", { default: false, rollout: { percentage: 5, salt: "" } }],
  ["unknown rollout key", { default: false, rollout: { percentage: 5, seed: 1 } }],
  ["rollout an array", { default: false, rollout: [50] }],
  ["unknown flag key", { default: true, owner: "me" }],
  ["name mismatch", { default: true, name: "other" }],
  ["bad strategy", { default: true, rolloutStrategy: "sometimes" }],
  ["bad since", { default: true, since: "v1" }],
  ["stable not boolean", { default: true, stable: "yes" }],
  ["description not a string", { default: true, description: 1 }],
  ["self dependency", { default: true, dependencies: ["x"] }],
  ["repeated dependency", { default: true, dependencies: ["plain", "plain"] }],
  ["unknown dependency", { default: true, dependencies: ["ghost"] }],
  ["dependency not a string", { default: true, dependencies: [1] }],
  ["dependencies not an array", { default: true, dependencies: "plain" }],
  ["dependency on a key that names no flag", { default: true, dependencies: ["Bad-Name"] }],
  ["metadata an array", { default: true, metadata: [] }],
];

// "Bad-Name" is a key, but not a flag name: depending on it is depending on an unknown flag.
const docWith = (flag: Flag) => ({ version: 1, flags: { ...GOOD, x: flag, ...(JSON.stringify(flag).includes("Bad-Name") ? { "Bad-Name": { default: true } } : {}) } });

describe("validateConfig's one-pass check of common flags", () => {
  it("accepts well-formed flags of every common shape with nothing to report", () => {
    expect(validateConfig({ version: 1, flags: GOOD })).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it.each(NEAR_MISSES)("reports a flag with one fault (%s) exactly as the full checks word it", (_what, flag) => {
    const doc = docWith(flag);
    const result = validateConfig(doc);
    expect(result.errors.length + result.warnings.length).toBeGreaterThan(0);
    expect(result).toEqual(validateBeforeSplit(doc));
    expect(isValidConfig(doc)).toBe(result.valid);
  });

  it("refuses a reserved key in a flag or its metadata (newer than the oracle above)", () => {
    const reserved = { path: "flags.x.__proto__", message: 'reserved name "__proto__" is not allowed' };
    expect(validateConfig(docWith(withKey({ default: true }, "__proto__", {})))).toEqual({ valid: false, errors: [reserved], warnings: [] });
    const inMetadata = { path: "flags.x.metadata.__proto__", message: reserved.message };
    expect(validateConfig(docWith({ default: true, metadata: withKey({}, "__proto__", 1) }))).toEqual({ valid: false, errors: [inMetadata], warnings: [] });
  });

  it("finds a cycle among flags that each look well-formed", () => {
    const doc = { version: 1, flags: { a: { default: true, dependencies: ["b"] }, b: { default: true, dependencies: ["c"] }, c: { default: true, dependencies: ["a"] } } };
    expect(validateConfig(doc).errors).toEqual([{ path: "flags.a.dependencies", message: "dependency cycle: a -> b -> c -> a" }]);
  });

  it("reports a long dependency list's repeat (lists too long for the pairwise check)", () => {
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const flags: Record<string, Flag> = Object.fromEntries(names.map((n) => [n, { default: true }]));
    flags.top = { default: true, dependencies: [...names, "f3"] };
    expect(validateConfig({ version: 1, flags }).errors).toEqual([{ path: "flags.top.dependencies[40]", message: 'duplicate dependency "f3"' }]);
  });

  it("checks 10 000 flags with a fault in the last one", () => {
    const flags: Record<string, Flag> = {};
    for (let i = 0; i < 10_000; i++) flags[`feature_${i}`] = i % 2 ? { default: false, rollout: { percentage: i % 100 } } : { default: true };
    flags.feature_9999 = { default: false, rollout: { percentage: 101 } };
    expect(validateConfig({ version: 1, flags }).errors).toEqual([{ path: "flags.feature_9999.rollout.percentage", message: "must be a number from 0 to 100, got number 101" }]);
  });
});
