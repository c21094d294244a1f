import { createMemoryStorage, FeatureFlagManager, RemoteError, type RemoteFailureKind } from "@victor-flags/core";
import { createRemoteSource, type RemoteSource } from "@victor-flags/core/remote";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CONFIG_URL, configDoc, FAKE_TIMERS, recordingLogger, until } from "../../fixtures/remote-config-server.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const GOOD = configDoc({ new_checkout: true, dark_mode: false });
const RETRY_MS = 10_000;
const TIMEOUT_MS = 1_000;
const LIMIT = 512;

type Bad = () => Response | Promise<Response>;
const encoder = new TextEncoder();
const bigDoc = () => ({ version: 1, flags: { a: { default: true, description: "x".repeat(LIMIT * 2) } } });

const BAD_RESPONSES: [string, RemoteFailureKind, RegExp, Bad][] = [
  ["a network error", "network", /request failed/, () => HttpResponse.error()],
  ["HTTP 500", "http", /HTTP 500/, () => new HttpResponse("boom", { status: 500, statusText: "Internal Server Error" })],
  ["HTTP 404", "http", /HTTP 404/, () => new HttpResponse(null, { status: 404 })],
  ["a timeout", "timeout", /within 1000 ms/, () => new Promise<Response>(() => {})],
  ["malformed JSON", "invalid-json", /not valid JSON/, () => new HttpResponse('{"version": 1, "flags": {', { headers: { "content-type": "application/json" } })],
  ["a schema violation", "invalid-config", /flags\.new_checkout\.default/, () => HttpResponse.json({ version: 1, flags: { new_checkout: { default: "yes" } } })],
  ["an oversized body (Content-Length)", "too-large", /larger than maxBodyBytes \(512\)/, () => HttpResponse.json(bigDoc())],
  [
    "an endless body without Content-Length",
    "too-large",
    /larger than maxBodyBytes \(512\)/,
    () => new HttpResponse(new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(encoder.encode('{"pad":"' + "y".repeat(100))) }), { headers: { "content-type": "application/json" } }),
  ],
];

describe("remote source: a bad response keeps the last good config", () => {
  let bad: Bad | undefined;
  let requests = 0;
  let remote: RemoteSource;
  beforeEach(() => {
    vi.useFakeTimers(FAKE_TIMERS);
    // Jitter at its top: each retry waits exactly RETRY_MS (the jitter range is tested in retry.test.ts).
    vi.spyOn(Math, "random").mockReturnValue(1);
    bad = undefined;
    requests = 0;
    server.use(
      http.get(CONFIG_URL, () => {
        requests++;
        return bad ? bad() : HttpResponse.json(GOOD, { headers: { etag: `"r${requests}"` } });
      }),
    );
  });
  afterEach(() => {
    remote.dispose();
    server.resetHandlers();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each(BAD_RESPONSES)("%s: untouched config, error + stale status, one message, retried", async (_, kind, message, respond) => {
    const storage = createMemoryStorage();
    const logger = recordingLogger();
    remote = createRemoteSource({ url: CONFIG_URL, storage, logger, timeoutMs: TIMEOUT_MS, maxBodyBytes: LIMIT, retry: { baseMs: RETRY_MS, maxMs: RETRY_MS } });
    const manager = new FeatureFlagManager();
    remote.start(manager);
    await remote.ready();
    const cached = storage.getItem(`victor-flags:remote:${CONFIG_URL}`);
    const changed = vi.fn();
    manager.onFlagChanged("*", changed);

    bad = respond;
    const refreshed = remote.refresh();
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    await refreshed;

    expect(manager.getAllFlags()).toEqual({ new_checkout: true, dark_mode: false });
    expect(changed).not.toHaveBeenCalled();
    const status = manager.getStatus();
    expect(status).toMatchObject({ ready: true, source: "network", stale: true });
    expect(status.error).toBeInstanceOf(RemoteError);
    expect(status.error).toMatchObject({ kind, code: "REMOTE_FAILED", url: CONFIG_URL });
    expect(status.error!.message).toMatch(message);
    expect(storage.getItem(`victor-flags:remote:${CONFIG_URL}`)).toBe(cached);
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]!.message).toContain(CONFIG_URL);
    expect(logger.messages[0]!.message).toMatch(message);
    expect(logger.messages[0]!.message).toMatch(/keeping the last good config \(from network\), retrying in \d/);

    // Retried after the backoff; the same failure is not logged again.
    const before = requests;
    await vi.advanceTimersByTimeAsync(RETRY_MS + TIMEOUT_MS);
    expect(requests).toBe(before + 1);
    expect(logger.messages).toHaveLength(1);

    // And a good answer clears the error.
    bad = undefined;
    await vi.advanceTimersByTimeAsync(RETRY_MS + TIMEOUT_MS);
    await until(() => manager.getStatus().error === null, "recovery");
    expect(manager.getStatus()).toMatchObject({ stale: false, source: "network" });
  });

  it("a failure before any config leaves the defaults and keeps loading until the start timeout", async () => {
    const logger = recordingLogger();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger, startTimeoutMs: 3000, retry: { baseMs: RETRY_MS, maxMs: RETRY_MS } });
    const manager = new FeatureFlagManager();
    bad = () => new HttpResponse(null, { status: 502 });
    remote.start(manager);
    await until(() => manager.getStatus().error !== null, "the first failure");
    expect(manager.getStatus()).toMatchObject({ ready: false, loading: true, stale: true, source: "none" });
    expect(logger.messages[0]!.message).toContain("keeping the flags' current values");
  });
});
