// @vitest-environment node
import { OpenFeature, ProviderEvents, ProviderStatus, type Client, type EventDetails, type Hook } from "@openfeature/server-sdk";
import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { VictorServerProvider } from "@victor-flags/openfeature";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONFIG_URL, configDoc, recordingLogger } from "../fixtures/remote-config-server.js";
import { CONFIG, managerFor, usersWhere } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

let client: Client;

beforeEach(() => {
  client = OpenFeature.getClient();
});

afterEach(async () => {
  await OpenFeature.clearProviders();
  OpenFeature.clearHooks();
  OpenFeature.setContext({});
  server.resetHandlers();
});

describe("VictorServerProvider: every call is evaluated for its own context", () => {
  it("answers flags and experiments for the call's targetingKey", async () => {
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ config: CONFIG }));
    const [inside] = usersWhere((m) => m.isEnabled("gradual"));
    const [outside] = usersWhere((m) => !m.isEnabled("gradual"));
    expect(await client.getBooleanDetails("gradual", false, { targetingKey: inside! })).toMatchObject({ value: true, variant: "on", reason: "SPLIT" });
    expect(await client.getBooleanDetails("gradual", true, { targetingKey: outside! })).toMatchObject({ value: false, variant: "off", reason: "SPLIT" });
    const [treated] = usersWhere((m) => m.getVariant("checkout_copy") === "treatment");
    expect(await client.getStringDetails("checkout_copy", "x", { targetingKey: treated! })).toMatchObject({ value: "treatment", variant: "treatment", reason: "SPLIT" });
    expect(await client.getBooleanDetails("new_checkout", false, { targetingKey: inside! })).toMatchObject({
      value: true,
      reason: "STATIC",
      flagMetadata: { owner: "payments", maxItems: 5, beta: true, source: "default" },
    });
    expect(await client.getBooleanDetails("child", true, { targetingKey: inside! })).toMatchObject({ value: false, reason: "DISABLED", flagMetadata: { dependency: "base" } });
  });

  it("1 000 concurrent requests for different users each get their own buckets", async () => {
    const shared = new FeatureFlagManager({ config: CONFIG, storage: createMemoryStorage() });
    const changed: string[] = [];
    shared.onFlagChanged("*", (name) => void changed.push(name));
    const snapshot = shared.getSnapshot();
    const subject = shared.getSubject();
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ manager: shared }));
    // An async hook that yields a different number of times per request interleaves the
    // evaluations, as concurrent requests on a busy server would.
    let n = 0;
    const interleave: Hook = {
      async before() {
        for (let i = n++ % 7; i > 0; i--) await new Promise<void>((resolve) => setImmediate(resolve));
      },
    };
    OpenFeature.addHooks(interleave);
    const users = Array.from({ length: 1000 }, (_, i) => `request-user-${i}`);
    const answers = await Promise.all(
      users.map(async (user) => ({
        user,
        gradual: await client.getBooleanValue("gradual", false, { targetingKey: user }),
        child: await client.getBooleanValue("rollout_child", false, { targetingKey: user }),
        copy: await client.getStringValue("checkout_copy", "none", { targetingKey: user }),
      })),
    );
    let inside = 0;
    for (const { user, gradual, child, copy } of answers) {
      const own = managerFor(user);
      expect(gradual, user).toBe(own.isEnabled("gradual"));
      expect(child, user).toBe(own.isEnabled("rollout_child"));
      expect(copy, user).toBe(own.getVariant("checkout_copy"));
      if (gradual) inside++;
    }
    expect(inside).toBeGreaterThan(400); // a 50 % rollout really split these users
    expect(inside).toBeLessThan(600);
    // The shared manager was only read.
    expect(shared.getSnapshot()).toBe(snapshot);
    expect(shared.getSubject()).toBe(subject);
    expect(shared.getContext()).toEqual({});
    expect(changed).toEqual([]);
    expect(shared.getAuditLog()).toEqual([]);
  });

  it("merges global, client and invocation contexts the OpenFeature way (the invocation wins)", async () => {
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ config: CONFIG }));
    const [c1, c2] = usersWhere((m) => m.getVariant("checkout_copy") === "control", 2);
    const [t] = usersWhere((m) => m.getVariant("checkout_copy") === "treatment");
    OpenFeature.setContext({ targetingKey: t! });
    expect(await client.getStringValue("checkout_copy", "none")).toBe("treatment");
    client.setContext({ targetingKey: c1! });
    expect(await client.getStringValue("checkout_copy", "none")).toBe("control");
    expect(await client.getStringValue("checkout_copy", "none", { targetingKey: t! })).toBe("treatment");
    expect(await client.getStringValue("checkout_copy", "none", { targetingKey: c2! })).toBe("control");
  });

  it("TARGETING_KEY_MISSING (and the default) when a bucketed answer has no subject to bucket", async () => {
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ config: CONFIG }));
    const missing = { reason: "ERROR", errorCode: "TARGETING_KEY_MISSING" };
    expect(await client.getBooleanDetails("gradual", true)).toMatchObject({ value: true, ...missing });
    expect(await client.getBooleanDetails("rollout_child", true)).toMatchObject({ value: true, ...missing }); // through its dependency
    expect(await client.getStringDetails("checkout_copy", "none")).toMatchObject({ value: "none", ...missing });
    // Answers that are the same for everyone need no subject.
    expect(await client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, reason: "STATIC" });
    expect(await client.getBooleanDetails("everyone", false)).toMatchObject({ value: true, reason: "STATIC" });
    expect(await client.getBooleanDetails("child", true)).toMatchObject({ value: false, reason: "DISABLED" });
    expect(await client.getStringDetails("single_variant", "none")).toMatchObject({ value: "only", reason: "STATIC" });
    // A userId attribute is a subject too.
    expect((await client.getBooleanDetails("gradual", false, { userId: "u-1" })).errorCode).toBeUndefined();
  });

  it("an override decides for everyone: no subject needed, STATIC", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG });
    manager.setFlag("gradual", true, { source: "qa" });
    manager.setVariant("checkout_copy", "control");
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ manager }));
    expect(await client.getBooleanDetails("gradual", false)).toMatchObject({ value: true, reason: "STATIC", flagMetadata: { source: "runtime" } });
    expect(await client.getStringDetails("checkout_copy", "x")).toMatchObject({ value: "control", reason: "STATIC", flagMetadata: { source: "runtime" } });
  });
});

describe("VictorServerProvider: errors", () => {
  it("FLAG_NOT_FOUND and TYPE_MISMATCH with the caller's default", async () => {
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ config: CONFIG }));
    const ctx = { targetingKey: "u-1" };
    expect(await client.getBooleanDetails("missing", true, ctx)).toMatchObject({ value: true, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    expect(await client.getNumberDetails("missing", 4, ctx)).toMatchObject({ value: 4, errorCode: "FLAG_NOT_FOUND" });
    expect(await client.getStringDetails("gradual", "d", ctx)).toMatchObject({ value: "d", errorCode: "TYPE_MISMATCH" });
    expect(await client.getBooleanDetails("checkout_copy", true, ctx)).toMatchObject({ value: true, errorCode: "TYPE_MISMATCH" });
    expect(await client.getNumberDetails("gradual", 4, ctx)).toMatchObject({ value: 4, errorCode: "TYPE_MISMATCH" });
    expect(await client.getObjectDetails("checkout_copy", { a: 1 }, ctx)).toMatchObject({ value: { a: 1 }, errorCode: "TYPE_MISMATCH" });
  });

  it("an invalid config: ERROR status and PARSE_ERROR", async () => {
    await expect(OpenFeature.setProviderAndWait(new VictorServerProvider({ config: { version: 2, flags: {} } as never }))).rejects.toThrow(/version/);
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    expect(await client.getBooleanDetails("a", true, { targetingKey: "u" })).toMatchObject({ value: true, errorCode: "PARSE_ERROR" });
  });
});

describe("VictorServerProvider: lifecycle and events", () => {
  it("READY, CONFIGURATION_CHANGED on a change, STALE and READY with the source's status", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG });
    const seen: { type: string; details?: EventDetails }[] = [];
    const controller = new AbortController();
    for (const type of [ProviderEvents.Ready, ProviderEvents.ConfigurationChanged, ProviderEvents.Stale, ProviderEvents.Error]) {
      client.addHandler(type, (details) => void (details?.providerName === "victor-flags" && seen.push({ type, details })), { signal: controller.signal });
    }
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ manager }));
    manager.setFlag("dark_mode", true);
    manager.reportStatus({ error: new Error("upstream down"), stale: true });
    manager.loadConfig(CONFIG, { origin: "network" });
    controller.abort();
    expect(seen.map((e) => e.type)).toEqual([ProviderEvents.Ready, ProviderEvents.ConfigurationChanged, ProviderEvents.Stale, ProviderEvents.Ready]);
    // Answers depend on each caller's context, so a change names no flags: re-evaluate what you use.
    expect(seen[1]!.details?.flagsChanged).toBeUndefined();
    expect(seen[2]!.details?.message).toBe("upstream down");
  });

  it("{ url }: serves the fetched config", async () => {
    server.use(http.get(CONFIG_URL, () => HttpResponse.json({ ...configDoc({ api_v2: true }), experiments: { pricing: { variants: ["a", "b"], weights: [0.5, 0.5] } } })));
    await OpenFeature.setProviderAndWait(new VictorServerProvider({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger() }));
    expect(await client.getBooleanValue("api_v2", false)).toBe(true);
    expect(["a", "b"]).toContain(await client.getStringValue("pricing", "none", { targetingKey: "u-1" }));
  });

  it("declares the dynamic-context paradigm; the web SDK refuses it", async () => {
    const provider = new VictorServerProvider({ config: CONFIG });
    expect(provider.runsOn).toBe("server");
    const { OpenFeature: WebOpenFeature } = await import("@openfeature/web-sdk");
    expect(() => WebOpenFeature.setProvider(provider as never)).toThrow(/intended for use on the server/);
  });
});
