import { OpenFeature, ProviderEvents, ProviderStatus, type Client, type EventDetails } from "@openfeature/web-sdk";
import { createMemoryStorage, FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { VictorWebProvider } from "@victor-flags/openfeature";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONFIG, managerFor, settle } from "./helpers.js";

let client: Client;
let events: { type: string; details: EventDetails | undefined }[];

const TRACKED = [ProviderEvents.Ready, ProviderEvents.Error, ProviderEvents.Stale, ProviderEvents.ConfigurationChanged, ProviderEvents.ContextChanged];

let handlers: AbortController;

beforeEach(() => {
  client = OpenFeature.getClient();
  events = [];
  // Clients of one domain share an emitter: handlers must go with the test that added them.
  handlers = new AbortController();
  // (The SDK also runs a new handler at once for the current provider's status: skip the no-op's.)
  const record = (type: string) => (details?: EventDetails) => void (details?.providerName === "victor-flags" && events.push({ type, details }));
  for (const type of TRACKED) client.addHandler(type, record(type), { signal: handlers.signal });
});

afterEach(async () => {
  handlers.abort();
  await OpenFeature.clearProviders();
  OpenFeature.clearHandlers();
  await OpenFeature.setContext({});
});

const changes = () => events.filter((e) => e.type === ProviderEvents.ConfigurationChanged).map((e) => [...((e.details?.flagsChanged as string[] | undefined) ?? [])].sort());
const types = () => events.map((e) => e.type);

describe("VictorWebProvider events: readiness", () => {
  it("PROVIDER_READY once a static config is in place", async () => {
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ config: CONFIG }));
    expect(types()).toEqual([ProviderEvents.Ready]);
    expect(events[0]!.details?.providerName).toBe("victor-flags");
    expect(client.providerStatus).toBe(ProviderStatus.READY);
  });

  it("PROVIDER_ERROR with the validation message when the config is invalid", async () => {
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ config: { version: 1, flags: { a: { default: 1 } } } as never })).catch(() => {});
    expect(types()).toEqual([ProviderEvents.Error]);
    expect(events[0]!.details?.message).toMatch(/flags\.a\.default: must be a boolean/);
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
  });

  it("NOT_READY while a given manager's source is loading, READY when its config lands", async () => {
    const manager = new FeatureFlagManager();
    manager.reportStatus({ ready: false, loading: true });
    const ready = OpenFeature.setProviderAndWait(new VictorWebProvider({ manager }));
    await settle();
    expect(client.providerStatus).toBe(ProviderStatus.NOT_READY);
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: false, errorCode: "PROVIDER_NOT_READY" });
    manager.loadConfig(CONFIG, { origin: "network" });
    await ready;
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanValue("new_checkout", false)).toBe(true);
  });

  it("STALE while the manager's source reports a failure over a good config, READY when it recovers", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG });
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ manager }));
    manager.reportStatus({ error: new Error("GET /flags.json: HTTP 503"), stale: true });
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    expect(events.at(-1)).toMatchObject({ type: ProviderEvents.Stale, details: { message: "GET /flags.json: HTTP 503" } });
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, reason: "STATIC" }); // last good config
    manager.reportStatus({ error: new Error("still down"), stale: true });
    expect(types().filter((t) => t === ProviderEvents.Stale)).toHaveLength(1); // one event per state change
    manager.loadConfig(CONFIG, { origin: "network" });
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(types().slice(-1)).toEqual([ProviderEvents.Ready]);
  });
});

describe("VictorWebProvider events: PROVIDER_CONFIGURATION_CHANGED lists exactly what moved", () => {
  let provider: VictorWebProvider;
  beforeEach(async () => {
    provider = new VictorWebProvider({ config: CONFIG, managerOptions: { storage: createMemoryStorage() } });
    await OpenFeature.setProviderAndWait(provider, { targetingKey: "u-1" });
    events = [];
  });

  it("one flag set: that flag", () => {
    provider.manager.setFlag("dark_mode", true);
    expect(changes()).toEqual([["dark_mode"]]);
  });

  it("a dependency turned on: it and the dependents it re-enabled, in one event", () => {
    provider.manager.setFlag("base", true);
    expect(changes()).toEqual([["base", "child"]]);
  });

  it("a write that moves no value: no event", () => {
    provider.manager.setFlag("new_checkout", true);
    provider.manager.resetFlag("new_checkout");
    expect(changes()).toEqual([]);
  });

  it("a forced variant: that experiment", () => {
    const other = provider.manager.getVariant("checkout_copy") === "control" ? "treatment" : "control";
    provider.manager.setVariant("checkout_copy", other);
    expect(changes()).toEqual([["checkout_copy"]]);
  });

  it("a new config document: the flags whose value moved, the added and the removed ones", () => {
    const next: FlagConfig = JSON.parse(JSON.stringify(CONFIG));
    next.flags["dark_mode"]!.default = true; // moved
    next.flags["new_checkout"]!.description = "reworded"; // value unchanged
    delete next.flags["everyone"]; // removed
    next.flags["brand_new"] = { default: false }; // added
    provider.manager.loadConfig(next, { origin: "network" });
    expect(changes()).toEqual([["brand_new", "dark_mode", "everyone"]]);
  });

  it("a context change through OpenFeature: PROVIDER_CONTEXT_CHANGED only (hooks re-evaluate on it)", async () => {
    const [other] = ["u-2", "u-3", "u-4", "u-5", "u-6"].filter((u) => managerFor(u).getVariant("checkout_copy") !== managerFor("u-1").getVariant("checkout_copy"));
    await OpenFeature.setContext({ targetingKey: other! });
    expect(types()).toEqual([ProviderEvents.ContextChanged]);
    expect(client.getStringValue("checkout_copy", "")).toBe(managerFor(other!).getVariant("checkout_copy"));
  });

  it("a context change made on the manager directly: the flags and experiments it moved", () => {
    const before = managerFor("u-1");
    for (const user of ["a1", "a2", "a3", "a4", "a5"]) {
      events = [];
      const after = managerFor(user);
      const expected = [
        ...Object.keys(before.getAllFlags()).filter((n) => before.isEnabled(n) !== after.isEnabled(n)),
        ...before.getExperiments().map((e) => e.name).filter((n) => before.getVariant(n) !== after.getVariant(n)),
      ].sort();
      provider.manager.setContext({ userId: user });
      expect(changes(), user).toEqual(expected.length ? [expected] : []);
      provider.manager.setContext({ userId: "u-1" });
    }
  });

  it("nothing after the provider is closed", async () => {
    const manager = provider.manager;
    await OpenFeature.clearProviders();
    events = [];
    manager.setFlag("dark_mode", true);
    manager.reportStatus({ error: new Error("down"), stale: true });
    expect(events).toEqual([]);
  });
});
