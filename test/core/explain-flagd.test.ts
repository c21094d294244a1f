// manager.explain() / evaluate() for flagd flags: SPEC's { name, value, source, reason, layers }
// plus the flag's own answer (variant, flagd reason, error code) and which rule matched and why.
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, createMemoryStorage, type FlagConfig, type Logger } from "@victor-flags/core";
import "@victor-flags/core/targeting";

// a mixed document (a Victor flag depends on a flagd flag): flagdConfig types flagd-only documents
const doc = {
  version: 1,
  $evaluators: { betaCountry: { in: [{ var: "country" }, ["nl", "be"]] } },
  flags: {
    "beta-tester": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: { if: [{ and: [{ $ref: "betaCountry" }, { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] }] }, "on", null] },
    },
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
    },
    "plain-on": { state: "ENABLED", variants: { on: true }, defaultVariant: "on" },
    retired: { state: "DISABLED", variants: { on: true }, defaultVariant: "on" },
    broken: { state: "ENABLED", variants: { on: true }, defaultVariant: "on", targeting: { $ref: "missing" } },
    gold: { state: "ENABLED", variants: { silver: true }, defaultVariant: "silver", targeting: { if: [{ "==": [{ var: "tier" }, 1] }, "gold", "silver"] } },
    legacy: { default: true, dependencies: ["beta-tester"] },
  },
} as unknown as FlagConfig;

const quiet: Logger = { warn: () => {}, error: () => {} };
const managerFor = (context: Record<string, string | number> = {}) =>
  new FeatureFlagManager({ config: doc, context: { userId: "u-1", ...context }, storage: createMemoryStorage(), logger: quiet });

describe("explain() of a flagd flag", () => {
  it("names the variant, the flagd reason and the if branch that matched", () => {
    const e = managerFor({ country: "nl", appVersion: "2.4.0" }).explain("beta-tester");
    expect(e).toMatchObject({ name: "beta-tester", value: true, source: "targeting", known: true, layers: { default: false } });
    expect(e.reason).toBe('flagd TARGETING_MATCH: targeting matched variant "on" (true)');
    expect(e.flagd).toMatchObject({ value: true, variant: "on", reason: "TARGETING_MATCH" });
    expect(e.flagd?.errorCode).toBeUndefined();
    expect(e.flagd?.trace).toEqual(["flags.beta-tester.targeting.if[1]: condition flags.beta-tester.targeting.if[0] held"]);
  });

  it("says when no rule matched and the default variant answers, with the branch not taken", () => {
    const e = managerFor({ country: "nl", appVersion: "2.2.9" }).explain("beta-tester");
    expect(e).toMatchObject({ value: false, source: "targeting", flagd: { value: false, variant: "off", reason: "DEFAULT" } });
    expect(e.reason).toBe('flagd DEFAULT: no rule matched: defaultVariant "off" (false)');
    expect(e.flagd?.trace).toEqual(["flags.beta-tester.targeting.if[2]: no condition held (else)"]);
  });

  it("explains a typed (string) flag: the value and variant, and that isEnabled reads it as off", () => {
    const e = managerFor({ country: "nl" }).explain("banner-text");
    expect(e).toMatchObject({ value: false, source: "targeting", flagd: { value: "Welkom terug!", variant: "nl", reason: "TARGETING_MATCH" } });
    expect(e.reason).toContain("a string value: isEnabled reads it as off, getValue reads it");
  });

  it("reports STATIC, DISABLED and a rule fault with its error code and path", () => {
    const m = managerFor();
    expect(m.explain("plain-on")).toMatchObject({ value: true, source: "targeting", reason: 'flagd STATIC: no targeting: defaultVariant "on" (true)', flagd: { reason: "STATIC", variant: "on", trace: [] } });
    expect(m.explain("retired")).toMatchObject({ value: false, reason: "flagd DISABLED: state DISABLED: the caller's fallback", flagd: { reason: "DISABLED", variant: undefined, value: undefined } });
    const broken = m.explain("broken");
    expect(broken).toMatchObject({ value: false, flagd: { reason: "ERROR", errorCode: "PARSE_ERROR" } });
    expect(broken.reason).toMatch(/^flagd ERROR: PARSE_ERROR: .*\$ref/);
    expect(broken.flagd?.trace[0]).toMatch(/^flags\.broken\.targeting(\.\$ref)?: .*missing/);
  });

  it("a rule naming a variant the flag lacks answers GENERAL on that branch only", () => {
    expect(managerFor({ tier: 1 }).explain("gold")).toMatchObject({ value: false, flagd: { reason: "ERROR", errorCode: "GENERAL", errorMessage: "Variant 'gold' not found in flag with key 'gold'" } });
    expect(managerFor({ tier: 2 }).explain("gold")).toMatchObject({ value: true, flagd: { reason: "TARGETING_MATCH", variant: "silver" } });
  });

  it("a runtime override wins as source, and the flag's own answer is still reported", () => {
    const r = managerFor({ country: "de", appVersion: "2.4.0" });
    r.setFlag("beta-tester", true, { source: "qa" });
    expect(r.explain("beta-tester")).toMatchObject({ value: true, source: "runtime", overrideSource: "qa", flagd: { value: false, variant: "off" } });
  });

  it("follows setContext, and evaluate() explains another context without changing state", () => {
    const m = managerFor({ country: "de", appVersion: "2.4.0" });
    expect(m.explain("beta-tester").flagd?.variant).toBe("off");
    const other = m.evaluate("beta-tester", { userId: "u-2", country: "be", appVersion: "v2.3.0" });
    expect(other).toMatchObject({ value: true, source: "targeting", flagd: { variant: "on" } });
    expect(m.explain("beta-tester").flagd?.variant).toBe("off");
    m.setContext({ userId: "u-1", country: "nl", appVersion: "3.0.0" });
    expect(m.explain("beta-tester")).toMatchObject({ value: true, flagd: { variant: "on" } });
  });

  it("a Victor flag that depends on a flagd flag names it when it is off; Victor flags carry no flagd part", () => {
    const e = managerFor({ country: "de" }).explain("legacy");
    expect(e).toMatchObject({ value: false, source: "dependency", dependency: "beta-tester" });
    expect(e.flagd).toBeUndefined();
  });
});
