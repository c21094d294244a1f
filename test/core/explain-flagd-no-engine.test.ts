// Without @victor-flags/core/targeting imported (this file must not import it): explain() of a
// flagd flag says the engine is missing instead of inventing an answer.
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, createMemoryStorage, type FlagConfig, type Logger } from "@victor-flags/core";

const doc = { version: 1, flags: { "beta-tester": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" } } } as unknown as FlagConfig;

describe("explain() of a flagd flag without the engine", () => {
  it("is off, source targeting, and names the import that installs the engine", () => {
    const quiet: Logger = { warn: () => {}, error: () => {} };
    const e = new FeatureFlagManager({ config: doc, storage: createMemoryStorage(), logger: quiet }).explain("beta-tester");
    expect(e).toMatchObject({ name: "beta-tester", value: false, source: "targeting", known: true });
    expect(e.reason).toContain("installFlagdTargeting");
    expect(e.flagd).toBeUndefined();
  });
});
