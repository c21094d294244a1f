// PROVIDER_CONFIGURATION_CHANGED over flagd flags of every type (string, number, object, boolean).
import { OpenFeature as WebOpenFeature, ProviderEvents, type EventDetails } from "@openfeature/web-sdk";
import { OpenFeature as ServerOpenFeature, ProviderEvents as ServerEvents } from "@openfeature/server-sdk";
import { createMemoryStorage, type FlagConfig } from "@victor-flags/core";
import { VictorServerProvider, VictorWebProvider } from "@victor-flags/openfeature";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { config } from "./flagd-fixture.js";

const copy = (): { version: number; flags: Record<string, { variants: Record<string, unknown>; targeting?: unknown }> } => JSON.parse(JSON.stringify(config));

// Clients of one domain share an emitter: handlers must go with the test that added them.
let handlers: AbortController;
beforeEach(() => {
  handlers = new AbortController();
});

afterEach(async () => {
  handlers.abort();
  await WebOpenFeature.clearProviders();
  WebOpenFeature.clearHandlers();
  await WebOpenFeature.setContext({});
  await ServerOpenFeature.clearProviders();
  ServerOpenFeature.clearHandlers();
});

describe("VictorWebProvider: PROVIDER_CONFIGURATION_CHANGED lists flagd flags of every type", () => {
  let provider: VictorWebProvider;
  let changes: string[][];
  beforeEach(async () => {
    provider = new VictorWebProvider({ config, managerOptions: { storage: createMemoryStorage() } });
    await WebOpenFeature.setProviderAndWait(provider, { targetingKey: "u-1", country: "de" });
    changes = [];
    WebOpenFeature.getClient().addHandler(ProviderEvents.ConfigurationChanged, (details?: EventDetails) => {
      if (details?.providerName === "victor-flags") changes.push([...((details.flagsChanged as string[] | undefined) ?? [])].sort());
    }, { signal: handlers.signal });
  });

  it("a context change made on the manager: the string, number, object and boolean flags it moved", () => {
    provider.manager.setContext({ userId: "u-1", country: "nl" });
    expect(changes).toEqual([["banner-text", "new-checkout"]]);
    provider.manager.setContext({ userId: "u-1", country: "nl", plan: "pro" });
    expect(changes.at(-1)).toEqual(["layout", "limits.api"]);
    provider.manager.setContext({ userId: "u-1", country: "nl", plan: "pro", other: 1 });
    expect(changes).toHaveLength(2);
  });

  it("a new document: the typed flags whose value for this user moved, added and removed ones", () => {
    const next = copy();
    next.flags["banner-text"]!.variants.en = "Hello again!"; // moved
    next.flags["limits.api"]!.targeting = { if: [{ "==": [{ var: "plan" }, "gold"] }, "pro", null] }; // rule changed, value for this user not
    delete (next.flags as Record<string, unknown>)["layout"]; // removed
    next.flags["hint"] = { state: "ENABLED", variants: { a: 7 }, defaultVariant: "a" } as never; // added
    provider.manager.loadConfig(next as unknown as FlagConfig, { origin: "network" });
    expect(changes).toEqual([["banner-text", "hint", "layout"]]);
  });

  it("an equal document reloaded (object values arrive as new objects): no event", () => {
    provider.manager.loadConfig(copy() as unknown as FlagConfig, { origin: "network" });
    expect(changes).toEqual([]);
  });

  it("a context change through OpenFeature: no configuration change (PROVIDER_CONTEXT_CHANGED covers it)", async () => {
    await WebOpenFeature.setContext({ targetingKey: "u-1", country: "nl", plan: "pro" });
    expect(changes).toEqual([]);
    expect(WebOpenFeature.getClient().getStringValue("banner-text", "")).toBe("Welkom terug!");
  });
});

describe("VictorServerProvider: PROVIDER_CONFIGURATION_CHANGED for flagd flags", () => {
  it("fires when a new document changes a flagd rule or value, not for an equal one", async () => {
    const provider = new VictorServerProvider({ config, managerOptions: { storage: createMemoryStorage() } });
    await ServerOpenFeature.setProviderAndWait(provider);
    let count = 0;
    ServerOpenFeature.getClient().addHandler(ServerEvents.ConfigurationChanged, (details) => void (details?.providerName === "victor-flags" && count++), { signal: handlers.signal });
    provider.manager.loadConfig(copy() as unknown as FlagConfig, { origin: "network" });
    expect(count).toBe(0);
    // Only users on plan "gold" see the change: the server answers every context, so it tells.
    const next = copy();
    next.flags["limits.api"]!.targeting = { if: [{ "==": [{ var: "plan" }, "gold"] }, "pro", null] };
    provider.manager.loadConfig(next as unknown as FlagConfig, { origin: "network" });
    expect(count).toBe(1);
    const text = copy();
    text.flags["banner-text"]!.variants.nl = "Hallo!";
    provider.manager.loadConfig(text as unknown as FlagConfig, { origin: "network" });
    expect(count).toBe(2);
  });
});
