// @vitest-environment node
import { OpenFeature as WebOpenFeature, type Client as WebClient } from "@openfeature/web-sdk";
import { OpenFeature as ServerOpenFeature } from "@openfeature/server-sdk";
import { VictorServerProvider, VictorWebProvider } from "@victor-flags/openfeature";
import { afterEach, describe, expect, it } from "vitest";
import { config } from "./flagd-fixture.js";

afterEach(async () => {
  await WebOpenFeature.clearProviders();
  await WebOpenFeature.setContext({});
  await ServerOpenFeature.clearProviders();
});

describe("VictorWebProvider over flagd flags", () => {
  async function client(context: Record<string, string> = {}): Promise<WebClient> {
    await WebOpenFeature.setProviderAndWait(new VictorWebProvider({ config }), context);
    return WebOpenFeature.getClient();
  }

  it("resolves string, number, object and boolean flags with flagd's reasons, variants and metadata", async () => {
    const c = await client({ country: "nl", plan: "pro" });
    expect(c.getStringDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl", reason: "TARGETING_MATCH", flagMetadata: { team: "web", owner: "copy" } });
    expect(c.getNumberDetails("limits.api", -1)).toMatchObject({ value: 1000, variant: "pro", reason: "TARGETING_MATCH" });
    expect(c.getObjectValue("layout", {})).toEqual({ columns: 3 });
    expect(c.getBooleanDetails("new-checkout", false)).toMatchObject({ value: true, variant: "on", reason: "TARGETING_MATCH" });
    expect(c.getStringDetails("retired", "fb")).toMatchObject({ value: "fb", reason: "DISABLED" });
  });

  it("follows a context change, answers zero values, and reports type mismatches", async () => {
    const c = await client({ country: "nl" });
    await WebOpenFeature.setContext({ country: "de" });
    expect(c.getStringDetails("banner-text", "")).toMatchObject({ value: "Welcome back!", reason: "DEFAULT" });
    expect(c.getNumberValue("limits.api", -1)).toBe(0);
    expect(c.getObjectValue("layout", { x: 1 })).toEqual([]);
    expect(c.getNumberDetails("banner-text", 5)).toMatchObject({ value: 5, reason: "ERROR", errorCode: "TYPE_MISMATCH" });
    expect(c.getNumberDetails("legacy", 5)).toMatchObject({ value: 5, errorCode: "TYPE_MISMATCH" });
    expect(c.getBooleanValue("legacy", false)).toBe(true);
    expect(c.getNumberDetails("nope", 5)).toMatchObject({ value: 5, errorCode: "FLAG_NOT_FOUND" });
  });
});

describe("VictorServerProvider over flagd flags", () => {
  it("evaluates each call for its own context and targetingKey", async () => {
    await ServerOpenFeature.setProviderAndWait(new VictorServerProvider({ config }));
    const c = ServerOpenFeature.getClient();
    expect(await c.getStringValue("banner-text", "", { country: "nl" })).toBe("Welkom terug!");
    expect(await c.getStringValue("banner-text", "", { country: "de" })).toBe("Welcome back!");
    expect(await c.getNumberDetails("limits.api", -1, { plan: "pro" })).toMatchObject({ value: 1000, reason: "TARGETING_MATCH" });
    expect(await c.getObjectValue("layout", {}, { plan: "pro" })).toEqual({ columns: 3 });
    expect(await c.getBooleanValue("new-checkout", false, { country: "nl" })).toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(await c.getStringValue("ab", "", { targetingKey: `user-${i}` }));
    expect(seen).toEqual(new Set(["A", "B"]));
    // the same subject, the same bucket, whichever call asks
    expect(await c.getStringValue("ab", "", { targetingKey: "user-7" })).toBe(await c.getStringValue("ab", "", { targetingKey: "user-7", country: "nl" }));
  });

  it("gives fractional no subject when the call names none (flagd answers the default variant)", async () => {
    await ServerOpenFeature.setProviderAndWait(new VictorServerProvider({ config }));
    const c = ServerOpenFeature.getClient();
    expect(await c.getStringDetails("ab", "fb", {})).toMatchObject({ value: "A", variant: "a", reason: "DEFAULT" });
  });
});
