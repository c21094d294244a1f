import { OpenFeature, ProviderStatus, type Client } from "@openfeature/web-sdk";
import { createMemoryStorage, FeatureFlagManager, InvalidArgumentError, type ExposureEvent } from "@victor-flags/core";
import { VictorWebProvider } from "@victor-flags/openfeature";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONFIG, managerFor, quietLogger, usersWhere } from "./helpers.js";

let client: Client;

beforeEach(() => {
  client = OpenFeature.getClient();
});

afterEach(async () => {
  await OpenFeature.clearProviders();
  OpenFeature.clearHandlers();
  OpenFeature.clearHooks();
  await OpenFeature.setContext({});
});

async function useProvider(provider: VictorWebProvider, context: Record<string, string> = {}) {
  await OpenFeature.setProviderAndWait(provider, context);
  return provider;
}

describe("VictorWebProvider: boolean flags", () => {
  it("answers getBooleanValue with the effective value through the SDK", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG }));
    expect(client.getBooleanValue("new_checkout", false)).toBe(true);
    expect(client.getBooleanValue("dark_mode", true)).toBe(false);
    expect(client.getBooleanValue("from_config", false)).toBe(true);
  });

  it("sets variant on/off and reason STATIC for default, config, runtime and env layers", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG, env: { VICTOR_FEATURE_DARK_MODE: "true" }, storage: createMemoryStorage(), logger: quietLogger() });
    await useProvider(new VictorWebProvider({ manager }));
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC", flagMetadata: { source: "default" } });
    expect(client.getBooleanDetails("from_config", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC", flagMetadata: { source: "config" } });
    expect(client.getBooleanDetails("dark_mode", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC", flagMetadata: { source: "env" } });
    manager.setFlag("new_checkout", false);
    expect(client.getBooleanDetails("new_checkout", true)).toMatchObject({ value: false, variant: "off", reason: "STATIC", flagMetadata: { source: "runtime" } });
  });

  it("gives SPLIT when the rollout bucket decided, and the user's own bucket", async () => {
    const [inside] = usersWhere((m) => m.isEnabled("gradual"));
    const [outside] = usersWhere((m) => !m.isEnabled("gradual"));
    await useProvider(new VictorWebProvider({ config: CONFIG, managerOptions: { storage: createMemoryStorage() } }), { targetingKey: inside! });
    expect(client.getBooleanDetails("gradual", false)).toMatchObject({ value: true, variant: "on", reason: "SPLIT", flagMetadata: { source: "rollout" } });
    await OpenFeature.setContext({ targetingKey: outside! });
    expect(client.getBooleanDetails("gradual", true)).toMatchObject({ value: false, variant: "off", reason: "SPLIT", flagMetadata: { source: "rollout" } });
  });

  it("gives STATIC for a 100 % rollout: every subject gets the same answer", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG }), { targetingKey: "anyone" });
    expect(client.getBooleanDetails("everyone", false)).toMatchObject({ value: true, reason: "STATIC", flagMetadata: { source: "rollout" } });
  });

  it("gives DISABLED (value false, whatever the default) when a dependency gates the flag off", async () => {
    const provider = await useProvider(new VictorWebProvider({ config: CONFIG }));
    expect(client.getBooleanDetails("child", true)).toMatchObject({ value: false, variant: "off", reason: "DISABLED", flagMetadata: { source: "dependency", dependency: "base" } });
    provider.manager.setFlag("base", true);
    expect(client.getBooleanDetails("child", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC", flagMetadata: { source: "default" } });
  });

  it("carries the definition's primitive metadata and the winning source in flagMetadata", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG }));
    const details = client.getBooleanDetails("new_checkout", false);
    expect(details.flagMetadata).toEqual({ owner: "payments", maxItems: 5, beta: true, source: "default" });
    expect(Object.isFrozen(details.flagMetadata)).toBe(true);
  });

  it("answers ad-hoc flags created with setFlag", async () => {
    const provider = await useProvider(new VictorWebProvider({ config: CONFIG }));
    provider.manager.setFlag("kill_switch", true);
    expect(client.getBooleanDetails("kill_switch", false)).toMatchObject({ value: true, reason: "STATIC", flagMetadata: { source: "runtime" } });
  });
});

describe("VictorWebProvider: experiments as string flags", () => {
  it("answers getStringDetails with the variant name as value and variant, SPLIT by bucketing", async () => {
    const [treated] = usersWhere((m) => m.getVariant("checkout_copy") === "treatment");
    const [control] = usersWhere((m) => m.getVariant("checkout_copy") === "control");
    await useProvider(new VictorWebProvider({ config: CONFIG }), { targetingKey: treated! });
    expect(client.getStringDetails("checkout_copy", "none")).toMatchObject({ value: "treatment", variant: "treatment", reason: "SPLIT", flagMetadata: { source: "bucket" } });
    await OpenFeature.setContext({ targetingKey: control! });
    expect(client.getStringValue("checkout_copy", "none")).toBe("control");
  });

  it("gives STATIC for a forced variant and for a single weighted variant", async () => {
    const provider = await useProvider(new VictorWebProvider({ config: CONFIG }));
    expect(client.getStringDetails("single_variant", "x")).toMatchObject({ value: "only", variant: "only", reason: "STATIC" });
    provider.manager.setVariant("checkout_copy", "treatment");
    expect(client.getStringDetails("checkout_copy", "x")).toMatchObject({ value: "treatment", reason: "STATIC", flagMetadata: { source: "runtime" } });
  });
});

describe("VictorWebProvider: errors never throw, they give the caller's default", () => {
  it("FLAG_NOT_FOUND for a key that is neither a flag nor an experiment, for every type", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG }));
    const expectNotFound = (details: { value: unknown; reason?: string; errorCode?: string; errorMessage?: string }, value: unknown) => {
      expect(details).toMatchObject({ value, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
      expect(details.errorMessage).toContain("flag missing not found");
    };
    expectNotFound(client.getBooleanDetails("missing", true), true);
    expectNotFound(client.getStringDetails("missing", "dflt"), "dflt");
    expectNotFound(client.getNumberDetails("missing", 7), 7);
    expectNotFound(client.getObjectDetails("missing", { a: 1 }), { a: 1 });
  });

  it("TYPE_MISMATCH for a flag asked as a string, an experiment as a boolean, anything as a number or object", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG }));
    const mismatch = { reason: "ERROR", errorCode: "TYPE_MISMATCH" };
    expect(client.getStringDetails("new_checkout", "dflt")).toMatchObject({ value: "dflt", ...mismatch });
    expect(client.getBooleanDetails("checkout_copy", true)).toMatchObject({ value: true, ...mismatch });
    expect(client.getNumberDetails("new_checkout", 3)).toMatchObject({ value: 3, ...mismatch });
    expect(client.getNumberDetails("checkout_copy", 3)).toMatchObject({ value: 3, ...mismatch });
    expect(client.getObjectDetails("new_checkout", { x: 1 })).toMatchObject({ value: { x: 1 }, ...mismatch });
    expect(client.getObjectDetails("checkout_copy", [])).toMatchObject({ value: [], ...mismatch });
  });

  it("an invalid config: provider status ERROR and PARSE_ERROR with the validation message", async () => {
    const provider = new VictorWebProvider({ config: { version: 1, flags: { Bad: { default: "yes" } } } as never });
    await expect(OpenFeature.setProviderAndWait(provider)).rejects.toThrow(/flags\.Bad/);
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    const details = client.getBooleanDetails("Bad", false);
    expect(details).toMatchObject({ value: false, reason: "ERROR", errorCode: "PARSE_ERROR" });
    expect(details.errorMessage).toMatch(/no flag config loaded: Invalid flag config .*flags\.Bad\.default: must be a boolean/s);
    expect(client.getStringDetails("x", "d")).toMatchObject({ value: "d", errorCode: "PARSE_ERROR" });
  });

  it("rejects bad constructor options with a message naming the forms", () => {
    expect(() => new VictorWebProvider({} as never)).toThrow(InvalidArgumentError);
    expect(() => new VictorWebProvider({} as never)).toThrow("VictorWebProvider takes exactly one of { manager }, { config } or { url }, got none");
    expect(() => new VictorWebProvider({ config: CONFIG, manager: new FeatureFlagManager() } as never)).toThrow("got manager and config");
    expect(() => new VictorWebProvider({ manager: {} } as never)).toThrow("manager must be a FeatureFlagManager");
  });
});

describe("VictorWebProvider: the evaluation context", () => {
  it("maps targetingKey to userId and keeps other attributes (dates as ISO strings)", async () => {
    const provider = await useProvider(new VictorWebProvider({ config: CONFIG }), { targetingKey: "u-1", plan: "pro" });
    expect(provider.manager.getContext()).toEqual({ userId: "u-1", plan: "pro" });
    expect(provider.manager.getSubject()).toBe("u-1");
    const when = new Date("2026-01-02T03:04:05.000Z");
    await OpenFeature.setContext({ targetingKey: "u-2", signedUp: when, beta: true, nested: { at: when, n: 1 }, list: [1, "a"] });
    expect(provider.manager.getContext()).toEqual({
      userId: "u-2",
      signedUp: "2026-01-02T03:04:05.000Z",
      beta: true,
      nested: { at: "2026-01-02T03:04:05.000Z", n: 1 },
      list: [1, "a"],
    });
  });

  it("re-buckets on context change: every answer matches a manager built for that user", async () => {
    await useProvider(new VictorWebProvider({ config: CONFIG, managerOptions: { storage: createMemoryStorage() } }));
    for (const user of ["ann", "bob", "cyd", "dee", "eve", "fay", "gus", "hal"]) {
      await OpenFeature.setContext({ targetingKey: user });
      const own = managerFor(user);
      expect(client.getBooleanValue("gradual", false), user).toBe(own.isEnabled("gradual"));
      expect(client.getBooleanValue("rollout_child", false), user).toBe(own.isEnabled("rollout_child"));
      expect(client.getStringValue("checkout_copy", ""), user).toBe(own.getVariant("checkout_copy"));
    }
  });

  it("an empty initial context leaves a given manager's own context alone", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG, context: { userId: "kept" } });
    await useProvider(new VictorWebProvider({ manager }));
    expect(manager.getSubject()).toBe("kept");
    expect(client.getStringValue("checkout_copy", "")).toBe(managerFor("kept").getVariant("checkout_copy"));
  });
});

describe("VictorWebProvider: exposures", () => {
  it("records each distinct flag and variant once per subject, after the evaluating call returns", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG, context: { userId: "u-9" } });
    const seen: ExposureEvent[] = [];
    manager.onExposure((event) => seen.push(event));
    await useProvider(new VictorWebProvider({ manager }));
    client.getBooleanValue("new_checkout", false);
    client.getBooleanValue("new_checkout", false);
    client.getStringValue("checkout_copy", "");
    expect(seen).toEqual([]); // nothing inside the evaluation (React evaluates during render)
    await Promise.resolve();
    expect(seen.map((e) => [e.kind, e.name, e.value, e.subject])).toEqual([
      ["flag", "new_checkout", true, "u-9"],
      ["variant", "checkout_copy", manager.getVariant("checkout_copy"), "u-9"],
    ]);
    for (let i = 0; i < 5; i++) client.getBooleanValue("new_checkout", false);
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    client.getBooleanValue("missing", false);
    client.getStringValue("new_checkout", "");
    await Promise.resolve();
    expect(seen).toHaveLength(2); // errors expose nothing
  });

  it("records nothing with recordExposures: false", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG });
    const seen: ExposureEvent[] = [];
    manager.onExposure((event) => seen.push(event));
    await useProvider(new VictorWebProvider({ manager, recordExposures: false }));
    client.getBooleanValue("new_checkout", false);
    await Promise.resolve();
    expect(seen).toEqual([]);
  });
});

describe("VictorWebProvider: identity", () => {
  it("declares the static-context paradigm and its name", () => {
    const provider = new VictorWebProvider({ config: CONFIG });
    expect(provider.runsOn).toBe("client");
    expect(provider.metadata.name).toBe("victor-flags");
  });

  it("cannot be registered with the server SDK", async () => {
    const { OpenFeature: ServerOpenFeature } = await import("@openfeature/server-sdk");
    expect(() => ServerOpenFeature.setProvider(new VictorWebProvider({ config: CONFIG }) as never)).toThrow(/intended for use on the client/);
  });
});
