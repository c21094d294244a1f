// Differential test: the same documents and contexts through flagd's own JavaScript evaluator
// (@openfeature/flagd-core, the oracle) and through ours must give the same value, variant,
// reason and error code.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compileFlagdDocument, resolveFlagd } from "@victor-flags/core/targeting/index.js";

interface Resolution {
  value: unknown;
  variant?: string;
  reason?: string;
  errorCode?: string;
}
interface FlagdCoreLike {
  setConfigurations(json: string): string[];
  resolveBooleanEvaluation(key: string, fallback: boolean, ctx: object): Resolution;
  resolveStringEvaluation(key: string, fallback: string, ctx: object): Resolution;
  resolveNumberEvaluation(key: string, fallback: number, ctx: object): Resolution;
  resolveObjectEvaluation(key: string, fallback: object, ctx: object): Resolution;
}
const require = createRequire(import.meta.url);
const { FlagdCore } = require("@openfeature/flagd-core") as { FlagdCore: new () => FlagdCoreLike };

const document = {
  metadata: { team: "web" },
  $evaluators: {
    beta: { in: [{ var: "email" }, ["ana@x.io", "bo@x.io", "cy@x.io"]] },
    modernApp: { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] },
  },
  flags: {
    rollout: { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { fractional: [["on", 30], ["off", 70]] } },
    "beta-nl": {
      state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off",
      targeting: { if: [{ and: [{ $ref: "beta" }, { "==": [{ var: "country" }, "nl"] }, { $ref: "modernApp" }] }, "on", { fractional: [{ cat: [{ var: "$flagd.flagKey" }, { var: "email" }] }, ["on", 10], ["off", 90]] }] },
    },
    banner: {
      state: "ENABLED", variants: { nl: "Welkom", de: "Willkommen", en: "Welcome", blank: "" }, defaultVariant: "en", metadata: { owner: "copy" },
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", { "==": [{ var: "country" }, "de"] }, "de", { ends_with: [{ var: "email" }, "@blank.io"] }, "blank", null] },
    },
    limit: {
      state: "ENABLED", variants: { low: 0, mid: 10, high: 2.5 }, defaultVariant: "mid",
      targeting: { if: [{ ">": [{ var: "age" }, 40] }, "high", { "<": [{ var: "age" }, 18] }, "low"] },
    },
    payload: { state: "ENABLED", variants: { a: { x: 1 }, b: {} }, defaultVariant: "a", targeting: { if: [{ starts_with: [{ var: "email" }, "b"] }, "b"] } },
    off: { state: "DISABLED", variants: { a: "a" }, defaultVariant: "a" },
    "no-default": { state: "ENABLED", variants: { a: "a", b: "b" }, targeting: { if: [{ "==": [{ var: "country" }, "de"] }, "b"] } },
    "bad-variant": { state: "ENABLED", variants: { a: "a" }, defaultVariant: "a", targeting: { if: [{ "==": [{ var: "country" }, "de"] }, "zz", "a"] } },
    "missing-ref": { state: "ENABLED", variants: { a: "a" }, defaultVariant: "a", targeting: { if: [{ $ref: "nowhere" }, "a"] } },
    "sem-range": { state: "ENABLED", variants: { major: 1, minor: 2, none: 3 }, defaultVariant: "none", targeting: { if: [{ sem_ver: [{ var: "appVersion" }, "~", "2.3.0"] }, "minor", { sem_ver: [{ var: "appVersion" }, "^", "2.0.0"] }, "major"] } },
  },
};

const countries = ["nl", "de", "fr", undefined];
const emails = ["ana@x.io", "bo@x.io", "dan@y.io", "eve@blank.io", "bart@z.io", undefined];
const versions = ["2.3.0", "2.3.9", "2.4.0-rc.1", "2.2.9", "3.0.0", "v2.3.1", "2", "bogus", undefined];

function* contexts(): Generator<Record<string, unknown>> {
  let i = 0;
  for (const country of countries)
    for (const email of emails)
      for (const appVersion of versions) {
        i++;
        yield { targetingKey: i % 5 === 0 ? undefined : `user-${i}`, country, email, appVersion, age: (i * 7) % 70 };
      }
}

describe("agreement with @openfeature/flagd-core", () => {
  const oracle = new FlagdCore();
  oracle.setConfigurations(JSON.stringify(document));
  const ours = compileFlagdDocument(document);
  const fallbacks: [string, boolean | string | number | object][] = [["boolean", false], ["string", "fb"], ["number", -1], ["object", { fb: true }]];
  const resolveOracle = (type: string, key: string, fallback: never, ctx: object): Resolution =>
    type === "boolean" ? oracle.resolveBooleanEvaluation(key, fallback, ctx)
    : type === "string" ? oracle.resolveStringEvaluation(key, fallback, ctx)
    : type === "number" ? oracle.resolveNumberEvaluation(key, fallback, ctx)
    : oracle.resolveObjectEvaluation(key, fallback, ctx);

  it("gives the same value, variant, reason and error code for every flag, type and context", () => {
    let compared = 0;
    for (const raw of contexts()) {
      const ctx = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
      for (const key of [...Object.keys(document.flags), "unknown-flag"]) {
        for (const [type, fallback] of fallbacks) {
          const want = resolveOracle(type, key, fallback as never, ctx);
          const got = resolveFlagd(ours, key, fallback, ctx);
          const label = `${key} as ${type} for ${JSON.stringify(ctx)}`;
          expect({ value: got.value, reason: got.reason, errorCode: got.errorCode }, label).toEqual({ value: want.value, reason: want.reason, errorCode: want.errorCode });
          if (want.variant !== undefined) expect(got.variant, label).toBe(want.variant);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });
});
