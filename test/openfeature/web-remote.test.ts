import { OpenFeature, ProviderEvents, ProviderStatus, type Client, type EventDetails } from "@openfeature/web-sdk";
import { createMemoryStorage, FeatureFlagManager, type KeyValueStorage } from "@victor-flags/core";
import { createRemoteSource } from "@victor-flags/core/remote";
import { VictorWebProvider } from "@victor-flags/openfeature";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONFIG_URL, configDoc, configEndpoint, recordingLogger, sseEndpoint } from "../fixtures/remote-config-server.js";
import { eventually as until } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

let client: Client;
let events: { type: string; details: EventDetails | undefined }[];
let handlers: AbortController;
let storage: KeyValueStorage;
const FAST_RETRY = { baseMs: 2, maxMs: 5 };

beforeEach(() => {
  client = OpenFeature.getClient();
  events = [];
  storage = createMemoryStorage();
  handlers = new AbortController();
  const record = (type: string) => (details?: EventDetails) => void (details?.providerName === "victor-flags" && events.push({ type, details }));
  for (const type of [ProviderEvents.Ready, ProviderEvents.Error, ProviderEvents.Stale, ProviderEvents.ConfigurationChanged, ProviderEvents.ContextChanged, ProviderEvents.Reconciling]) {
    client.addHandler(type, record(type), { signal: handlers.signal });
  }
});

afterEach(async () => {
  handlers.abort();
  await OpenFeature.clearProviders();
  await OpenFeature.setContext({});
  server.resetHandlers();
});

const types = () => events.map((e) => e.type);

describe("VictorWebProvider({ url }): the remote source behind OpenFeature", () => {
  it("becomes READY with the fetched config, and a pushed document raises exactly the moved flags", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ new_checkout: true, dark_mode: false, beta: false }), '"v1"');
    const stream = sseEndpoint();
    server.use(endpoint.handler, stream.handler);
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ url: CONFIG_URL, streaming: true, storage, logger: recordingLogger() }));
    expect(types()).toEqual([ProviderEvents.Ready]);
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, reason: "STATIC" });
    await until(() => stream.openCount === 1, "the stream to open");
    stream.push(configDoc({ new_checkout: true, dark_mode: true, beta: false }), '"v2"');
    await until(() => types().includes(ProviderEvents.ConfigurationChanged), "a configuration change");
    expect(events.at(-1)!.details?.flagsChanged).toEqual(["dark_mode"]);
    expect(client.getBooleanValue("dark_mode", false)).toBe(true);
  });

  it("PROVIDER_ERROR when the first fetch fails with nothing cached; READY once a retry succeeds", async () => {
    let up = false;
    server.use(http.get(CONFIG_URL, () => (up ? HttpResponse.json(configDoc({ new_checkout: true })) : new HttpResponse("down", { status: 503 }))));
    await expect(OpenFeature.setProviderAndWait(new VictorWebProvider({ url: CONFIG_URL, storage, retry: FAST_RETRY, logger: recordingLogger() }))).rejects.toThrow(/HTTP 503/);
    expect(types()).toEqual([ProviderEvents.Error]);
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    const details = client.getBooleanDetails("new_checkout", false);
    expect(details).toMatchObject({ value: false, reason: "ERROR", errorCode: "GENERAL" });
    expect(details.errorMessage).toMatch(/no flag config loaded: .*HTTP 503/);
    up = true;
    await until(() => types().includes(ProviderEvents.Ready), "recovery");
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, reason: "STATIC" });
  });

  it("PROVIDER_ERROR when the first answer does not come within startTimeoutMs and nothing is cached", async () => {
    server.use(http.get(CONFIG_URL, () => new Promise<Response>(() => {})));
    const provider = new VictorWebProvider({ url: CONFIG_URL, storage, startTimeoutMs: 20, timeoutMs: 60_000, logger: recordingLogger() });
    await expect(OpenFeature.setProviderAndWait(provider)).rejects.toThrow(/within 20 ms \(startTimeoutMs\)/);
    expect(types()).toEqual([ProviderEvents.Error]);
    expect(client.getBooleanDetails("new_checkout", true)).toMatchObject({ value: true, errorCode: "GENERAL" });
  });

  it("PARSE_ERROR when the first document is not a valid config", async () => {
    server.use(http.get(CONFIG_URL, () => HttpResponse.json({ version: 1, flags: { new_checkout: { default: "yes" } } })));
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ url: CONFIG_URL, storage, retry: { maxAttempts: 0 }, logger: recordingLogger() })).catch(() => {});
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    expect(client.getBooleanDetails("new_checkout", true)).toMatchObject({ value: true, errorCode: "PARSE_ERROR" });
  });

  it("READY then STALE when the network fails but a cached config serves; READY again on recovery", async () => {
    // A previous visit cached a good config.
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ new_checkout: true }), '"v1"');
    server.use(endpoint.handler);
    const first = createRemoteSource({ url: CONFIG_URL, storage });
    const stop = first.start(new FeatureFlagManager());
    await first.ready();
    stop();
    first.dispose();

    let up = false;
    server.resetHandlers(http.get(CONFIG_URL, () => (up ? HttpResponse.json(configDoc({ new_checkout: false })) : HttpResponse.error())));
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ url: CONFIG_URL, storage, retry: FAST_RETRY, logger: recordingLogger() }));
    expect(client.getBooleanDetails("new_checkout", false)).toMatchObject({ value: true, flagMetadata: { source: "default" } });
    await until(() => types().includes(ProviderEvents.Stale), "the stale event");
    expect(types()).toEqual([ProviderEvents.Ready, ProviderEvents.Stale]);
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    expect(client.getBooleanValue("new_checkout", false)).toBe(true); // the last good config keeps serving
    up = true;
    await until(() => types().length === 4, "recovery");
    expect(types().slice(2)).toEqual([ProviderEvents.Ready, ProviderEvents.ConfigurationChanged]);
    expect(events.at(-1)!.details?.flagsChanged).toEqual(["new_checkout"]);
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanValue("new_checkout", true)).toBe(false);
  });

  it("a per-user URL: a context change reconciles on that user's document before the SDK re-evaluates", async () => {
    const docs: Record<string, boolean> = { ann: true, bob: false };
    const requested: string[] = [];
    server.use(
      http.get("https://flags.test/users/:id/flags.json", ({ params }) => {
        requested.push(String(params["id"]));
        return HttpResponse.json(configDoc({ new_checkout: docs[String(params["id"])] ?? false }));
      }),
    );
    const url = (context: { userId?: string }) => `https://flags.test/users/${context.userId ?? "anonymous"}/flags.json`;
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ url, storage, logger: recordingLogger() }), { targetingKey: "ann" });
    expect(requested).toEqual(["ann"]);
    expect(client.getBooleanValue("new_checkout", false)).toBe(true);
    events = [];
    await OpenFeature.setContext({ targetingKey: "bob" });
    expect(requested).toEqual(["ann", "bob"]);
    expect(types()).toEqual([ProviderEvents.Reconciling, ProviderEvents.ContextChanged]);
    expect(client.getBooleanValue("new_checkout", true)).toBe(false);
  });

  it("closing the provider stops polling and closes the stream", async () => {
    const endpoint = configEndpoint();
    endpoint.serve(configDoc({ new_checkout: true }), '"v1"');
    const stream = sseEndpoint();
    server.use(endpoint.handler, stream.handler);
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ url: CONFIG_URL, streaming: true, pollIntervalMs: 5, storage, logger: recordingLogger() }));
    await until(() => stream.openCount === 1, "the stream to open");
    await OpenFeature.clearProviders();
    await until(() => stream.openCount === 0, "the stream to close");
    const requests = endpoint.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(endpoint.requests.length).toBe(requests);
  });
});
