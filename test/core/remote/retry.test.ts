import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { createRemoteSource, type RemoteSource } from "@victor-flags/core/remote";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CONFIG_URL, configDoc, FAKE_TIMERS, recordingLogger, until } from "../../fixtures/remote-config-server.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

let remote: RemoteSource | undefined;
let times: number[];
let t0: number;
beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  times = [];
  t0 = Date.now();
});
afterEach(() => {
  remote?.dispose();
  remote = undefined;
  server.resetHandlers();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Answers each request with the next entry of `script` (the last one repeats), recording when it came. */
function scripted(script: (() => Response)[]) {
  server.use(
    http.get(CONFIG_URL, () => {
      times.push(Date.now() - t0);
      return script[Math.min(times.length - 1, script.length - 1)]!();
    }),
  );
}
const fail500 = () => new HttpResponse(null, { status: 500 });
const gaps = () => times.slice(1).map((t, i) => t - times[i]!);

async function runFor(ms: number, step = 250) {
  for (let t = 0; t < ms; t += step) await vi.advanceTimersByTimeAsync(step);
}

describe("remote source: retry with capped exponential backoff and jitter", () => {
  it.each([
    [0, [500, 1000, 2000, 4000, 4000, 4000]],
    [1, [1000, 2000, 4000, 8000, 8000, 8000]],
  ])("with Math.random() = %d the waits are %j (half to all of min(maxMs, baseMs * 2^n))", async (random, expected) => {
    vi.spyOn(Math, "random").mockReturnValue(random);
    scripted([fail500]);
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger(), retry: { baseMs: 1000, maxMs: 8000 } });
    remote.start(new FeatureFlagManager());
    await until(() => times.length === 1, "the first request");
    await runFor(expected.reduce((a, b) => a + b, 0) + 100, 50);
    expect(gaps().slice(0, expected.length)).toEqual(expected);
  });

  it("with real randomness every wait stays inside its jitter window and under the cap", async () => {
    scripted([fail500]);
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger: recordingLogger(), retry: { baseMs: 1000, maxMs: 8000 } });
    remote.start(new FeatureFlagManager());
    await until(() => times.length === 1, "the first request");
    await runFor(80_000, 50);
    expect(times.length).toBeGreaterThan(10);
    gaps().forEach((gap, n) => {
      const step = Math.min(8000, 1000 * 2 ** n);
      expect(gap).toBeGreaterThanOrEqual(step / 2 - 50);
      expect(gap).toBeLessThanOrEqual(step + 50);
    });
  });

  it("a flapping network recovers, the backoff resets and polling resumes at its interval", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const v1 = configDoc({ a: true, b: false });
    const v2 = configDoc({ a: true, b: true });
    scripted([
      () => HttpResponse.json(v1),
      () => HttpResponse.error(),
      fail500,
      () => HttpResponse.error(),
      () => HttpResponse.json(v2),
      () => HttpResponse.json(v2),
    ]);
    const logger = recordingLogger();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger, pollIntervalMs: 30_000, retry: { baseMs: 1000, maxMs: 8000 } });
    const manager = new FeatureFlagManager();
    const changed = vi.fn();
    manager.onFlagChanged("b", changed);
    remote.start(manager);
    await until(() => manager.getStatus().source === "network", "the first config");

    await runFor(31_000);
    expect(manager.getStatus()).toMatchObject({ stale: true });
    expect(manager.isEnabled("b")).toBe(false); // still the last good config

    await runFor(6_000);
    expect(manager.isEnabled("b")).toBe(true);
    expect(changed).toHaveBeenCalledWith("b", true);
    expect(manager.getStatus()).toMatchObject({ stale: false, error: null, source: "network" });

    await runFor(31_000);
    // 0 ok, 30 s poll fails, retries after 1 s and 2 s fail, 4 s later ok; then the poll interval again.
    expect(times).toEqual([0, 30_000, 31_000, 33_000, 37_000, 67_000]);
    // One line per distinct problem of the outage: the second network failure adds nothing new.
    expect(logger.messages.map((m) => m.message.match(/request failed|HTTP 500/)?.[0])).toEqual(["request failed", "HTTP 500"]);
  });

  it("after maxAttempts consecutive failures it stops retrying early and waits for the next poll", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    scripted([fail500]);
    const logger = recordingLogger();
    remote = createRemoteSource({ url: CONFIG_URL, storage: createMemoryStorage(), logger, pollIntervalMs: 60_000, retry: { baseMs: 1000, maxAttempts: 2 } });
    remote.start(new FeatureFlagManager());
    await until(() => times.length === 1, "the first request");
    await runFor(125_000, 500);
    // Two early retries, then only the poll interval for the rest of the outage.
    expect(times).toEqual([0, 1000, 3000, 63_000, 123_000]);
    expect(logger.messages.some((m) => m.message.includes("retrying in 1.0 s"))).toBe(true);
  });
});
