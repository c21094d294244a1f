import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compileFlagdDocument, resolveFlagd } from "@victor-flags/core/targeting/index.js";
import { bucketOf, MAX_TOTAL_WEIGHT, toBucketList } from "@victor-flags/core/targeting/fractional.js";
import { murmur3 } from "@victor-flags/core/targeting/murmur3.js";

const str = (value: string) => ({ [value]: value });

describe("murmur3 (x86 32-bit, seed 0, over UTF-8)", () => {
  it("matches the reference algorithm's published values", () => {
    expect(murmur3("")).toBe(0);
    expect(murmur3("test")).toBe(0xba6bd213);
    expect(murmur3("Hello, world!")).toBe(0xc0363e43);
    expect(murmur3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
  });

  it("hashes the UTF-8 bytes of non-ASCII text, as flagd (Go) does", () => {
    // imurmurhash over a string of bytes is plain murmur3 over those bytes: an independent oracle
    const MurmurHash3 = createRequire(import.meta.url)("imurmurhash") as new (s: string) => { result(): number };
    const overBytes = (s: string) => new MurmurHash3(Buffer.from(s, "utf8").toString("latin1")).result();
    for (const s of ["héllo", "日本語", "a😀bc", "ñandú-42", "Ελληνικά", "x\u{10FFFF}", "lone\ud800surrogate", "\udc00"]) expect(murmur3(s), s).toBe(overBytes(s));
  });
});

describe("bucketOf", () => {
  it("is floor(hash × total / 2^32) exactly, up to the largest hash and total", () => {
    const exact = (h: number, t: number) => Number((BigInt(h) * BigInt(t)) >> 32n);
    for (const h of [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x9e3779b9]) {
      for (const t of [1, 2, 100, 100_000, 65_537, MAX_TOTAL_WEIGHT]) expect(bucketOf(h, t), `${h} × ${t}`).toBe(exact(h, t));
    }
  });
});

describe("toBucketList", () => {
  it("defaults a weight to 1, clamps negative weights to 0 and rejects bad entries", () => {
    expect(toBucketList([["a"], ["b", 3], ["c", -5]])).toEqual({ variants: ["a", "b", "c"], weights: [1, 3, 0], total: 4 });
    expect(toBucketList([["a", 1.5]])).toMatch(/integer/);
    expect(toBucketList(["a"])).toMatch(/not an array/);
    expect(toBucketList([[]])).toMatch(/\[variant\]/);
    expect(toBucketList([[{}, 1]])).toMatch(/string, number, boolean or null/);
    expect(toBucketList([["a", MAX_TOTAL_WEIGHT], ["b", 1]])).toMatch(/more than 2147483647/);
  });
});

describe("fractional agrees with @openfeature/flagd-core (fixtures/fractional-vectors.json)", () => {
  const fixture = JSON.parse(readFileSync(new URL("./fixtures/fractional-vectors.json", import.meta.url), "utf8")) as {
    flags: Record<string, unknown>;
    vectors: { flag: string; targetingKey: string; variant: string }[];
  };
  const doc = compileFlagdDocument({ flags: fixture.flags });

  it("picks the oracle's variant for every vector", () => {
    expect(doc.errors).toEqual([]);
    expect(fixture.vectors.length).toBeGreaterThanOrEqual(300);
    for (const v of fixture.vectors) {
      expect(resolveFlagd(doc, v.flag, "", { targetingKey: v.targetingKey }).value, `${v.flag}/${v.targetingKey}`).toBe(v.variant);
    }
  });
});

// Vectors of flagd's cross-implementation test bed (open-feature/flagd-testbed,
// evaluator/gherkin/fractional.feature, @fractional-v2 and @fractional-nested).
describe("flagd-testbed fractional scenarios", () => {
  const suits = { ...str("clubs"), ...str("diamonds"), ...str("hearts"), ...str("spades"), ...str("wild") };
  const quarters = [["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]];
  const tierIs = { "==": [{ var: "tier" }, "premium"] };
  const doc = compileFlagdDocument({
    flags: {
      "fractional-flag": { state: "ENABLED", variants: suits, defaultVariant: "wild", targeting: { fractional: [{ cat: [{ var: "$flagd.flagKey" }, { var: "user.name" }] }, ...quarters] } },
      "fractional-flag-shorthand": { state: "ENABLED", variants: { ...str("heads"), ...str("tails"), ...str("draw") }, defaultVariant: "draw", targeting: { fractional: [["heads"], ["tails", 1]] } },
      "fractional-flag-A-shared-seed": { state: "ENABLED", variants: suits, defaultVariant: "wild", targeting: { fractional: [{ cat: ["shared-seed", { var: "user.name" }] }, ...quarters] } },
      "fractional-hash-edge-flag": { state: "ENABLED", variants: { ...str("lower"), ...str("upper") }, defaultVariant: "lower", targeting: { fractional: [{ var: "targetingKey" }, ["lower", 50], ["upper", 50]] } },
      "fractional-nested-if-flag": {
        state: "ENABLED", variants: { ...str("premium"), ...str("standard"), ...str("fallback") }, defaultVariant: "fallback",
        targeting: { fractional: [{ var: "targetingKey" }, [{ if: [tierIs, "premium", "standard"] }, 50], ["standard", 50]] },
      },
      "fractional-nested-var-flag": {
        state: "ENABLED", variants: { ...str("red"), ...str("green"), ...str("blue"), ...str("fallback") }, defaultVariant: "fallback",
        targeting: { fractional: [{ var: "targetingKey" }, [{ var: "color" }, 50], ["blue", 50]] },
      },
      "fractional-nested-weight-flag": {
        state: "ENABLED", variants: { ...str("red"), ...str("blue"), ...str("fallback") }, defaultVariant: "fallback",
        targeting: { fractional: [{ var: "targetingKey" }, ["red", { if: [tierIs, 100, 0] }], ["blue", 10]] },
      },
      "fractional-as-condition-flag": { state: "ENABLED", variants: { big: "hundreds", small: "ones", fallback: "zero" }, defaultVariant: "fallback", targeting: { if: [{ fractional: [[false, 0], [true, 100]] }, "big", "small"] } },
      "fractional-zero-weights-flag": {
        state: "ENABLED", variants: { ...str("true"), ...str("false"), ...str("fallback") }, defaultVariant: "fallback",
        targeting: { if: [{ fractional: [{ var: "targetingKey" }, ["one", 0], ["two", 0]] }, "true", "false"] },
      },
      "fractional-negative-weight-flag": { state: "ENABLED", variants: { ...str("one"), ...str("two"), ...str("fallback") }, defaultVariant: "fallback", targeting: { fractional: [{ var: "targetingKey" }, ["one", -50], ["two", 100]] } },
      "fractional-null-bucket-key-flag": {
        state: "ENABLED", variants: { ...str("true"), ...str("false"), ...str("fallback") }, defaultVariant: "fallback",
        targeting: { if: [{ fractional: [{ var: "missing_key" }, ["one", 50], ["two", 50]] }, "true", "false"] },
      },
      "fractional-single-entry-flag": { state: "ENABLED", variants: { ...str("single"), ...str("fallback") }, defaultVariant: "fallback", targeting: { fractional: [["single", 1]] } },
    },
  });
  const value = (key: string, context: Record<string, unknown>) => resolveFlagd(doc, key, "fallback", context).value;

  it("buckets on a computed value that includes $flagd.flagKey", () => {
    const want = { jack: "hearts", queen: "spades", ten: "clubs", nine: "diamonds", "3": "clubs" };
    for (const [name, suit] of Object.entries(want)) expect(value("fractional-flag", { user: { name } }), name).toBe(suit);
  });

  it("buckets on flagKey + targetingKey in the shorthand form (weights default to 1)", () => {
    expect(value("fractional-flag-shorthand", { targetingKey: "jon@company.com" })).toBe("heads");
    expect(value("fractional-flag-shorthand", { targetingKey: "jane@company.com" })).toBe("tails");
  });

  it("puts a subject in the same bucket for every flag sharing a seed", () => {
    const want = { seven: "hearts", eight: "diamonds", nine: "clubs", two: "spades" };
    for (const [name, suit] of Object.entries(want)) expect(value("fractional-flag-A-shared-seed", { user: { name } }), name).toBe(suit);
  });

  it("splits at the hash boundaries exactly", () => {
    for (const key of ["ejOoVL", "bY9fO-", "SI7p-"]) expect(value("fractional-hash-edge-flag", { targetingKey: key }), key).toBe("lower");
    for (const key of ["6LvT0", "ceQdGm"]) expect(value("fractional-hash-edge-flag", { targetingKey: key }), key).toBe("upper");
  });

  it("evaluates nested rules as variant names and weights", () => {
    expect(value("fractional-nested-if-flag", { targetingKey: "jon@company.com", tier: "premium" })).toBe("premium");
    expect(value("fractional-nested-if-flag", { targetingKey: "jon@company.com", tier: "basic" })).toBe("standard");
    expect(value("fractional-nested-if-flag", { targetingKey: "user1", tier: "premium" })).toBe("standard");
    expect(value("fractional-nested-var-flag", { targetingKey: "jon@company.com", color: "green" })).toBe("green");
    expect(value("fractional-nested-var-flag", { targetingKey: "user1", color: "red" })).toBe("blue");
    // a computed variant the flag lacks: ERROR, the caller's fallback
    expect(resolveFlagd(doc, "fractional-nested-var-flag", "fb", { targetingKey: "jon@company.com", color: "yellow" })).toMatchObject({ value: "fb", reason: "ERROR", errorCode: "GENERAL" });
    expect(value("fractional-nested-weight-flag", { targetingKey: "jon@company.com", tier: "premium" })).toBe("red");
    expect(value("fractional-nested-weight-flag", { targetingKey: "user1", tier: "basic" })).toBe("blue");
  });

  it("works as a condition, and answers null (the default) on unusable input", () => {
    expect(resolveFlagd(doc, "fractional-as-condition-flag", "zero", { targetingKey: "some-targeting-key" }).value).toBe("hundreds");
    expect(value("fractional-zero-weights-flag", { targetingKey: "any" })).toBe("false");
    for (const key of ["a", "b", "c", "d"]) expect(value("fractional-negative-weight-flag", { targetingKey: key })).toBe("two");
    expect(value("fractional-null-bucket-key-flag", { targetingKey: "x" })).toBe("false");
    expect(value("fractional-single-entry-flag", { targetingKey: "anyone" })).toBe("single");
  });

  it("answers the default variant without a targetingKey in the shorthand form", () => {
    expect(resolveFlagd(doc, "fractional-flag-shorthand", "fb", {})).toMatchObject({ value: "draw", reason: "DEFAULT" });
    expect(resolveFlagd(doc, "fractional-flag-shorthand", "fb", { targetingKey: "" })).toMatchObject({ value: "draw", reason: "DEFAULT" });
  });
});
