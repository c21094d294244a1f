import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  FeatureFlagManager,
  InvalidArgumentError,
  createMemoryStorage,
  type Logger,
} from "@victor-flags/core";
import {
  createExposureReporter,
  type ExposurePayload,
  type ExposureReporter,
  type ExposureReporterOptions,
  type PageLifecycle,
  type ReporterFetch,
} from "@victor-flags/core/metrics";

const config = {
  version: 1 as const,
  flags: {
    checkout_v2: { default: true },
    search_v2: { default: false },
    banner: { default: true },
  },
  experiments: {
    pricing: { variants: ["control", "treatment"], weights: [0.5, 0.5] },
  },
};

const URL_ = "https://collect.example.test/exposures";

type Call = { url: string; body: string; headers: Record<string, string>; keepalive: boolean | undefined };

/** A fetch that records each call and answers with the next scripted status (200 when the script ran out). */
function fakeFetch(script: Array<number | "network-error" | "hang"> = []) {
  const calls: Call[] = [];
  const fn: ReporterFetch = (url, init) => {
    calls.push({ url, body: init.body, headers: init.headers, keepalive: init.keepalive });
    const next = script.shift() ?? 200;
    if (next === "hang") return new Promise(() => {});
    if (next === "network-error") return Promise.reject(new TypeError("fetch failed"));
    return Promise.resolve({ ok: next >= 200 && next < 300, status: next });
  };
  const payloads = () => calls.map((c) => JSON.parse(c.body) as ExposurePayload);
  return { fn, calls, payloads };
}

const quietLogger = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, warn: (m) => void warnings.push(m), error: () => {} };
};

let reporter: ExposureReporter | undefined;
function makeReporter(manager: FeatureFlagManager, options: Partial<ExposureReporterOptions> = {}) {
  reporter = createExposureReporter({ manager, url: URL_, beacon: false, lifecycle: false, logger: quietLogger(), retry: { jitter: false }, ...options });
  return reporter;
}
const newManager = (userId = "u1") => new FeatureFlagManager({ config, context: { userId }, storage: createMemoryStorage() });

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  reporter?.dispose();
  reporter = undefined;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("aggregation", () => {
  it("counts each distinct (subject, flag, value) once, in one line per flag value, without subject ids", async () => {
    // "@" is outside nanoid's alphabet: a random batch id can never contain these subject ids
    const manager = newManager("user@one");
    const http = fakeFetch();
    const r = makeReporter(manager, { fetch: http.fn });
    for (let i = 0; i < 50; i++) manager.recordExposure("flag", "checkout_v2");
    manager.setContext({ userId: "user@two" });
    manager.recordExposure("flag", "checkout_v2");
    manager.recordExposure("flag", "search_v2");
    manager.recordExposure("variant", "pricing");
    expect(r.getStats()).toMatchObject({ pendingLines: 3, pendingExposures: 4 });

    await r.flush();
    expect(http.calls).toHaveLength(1);
    const [payload] = http.payloads();
    expect(payload!.exposures).toEqual(
      expect.arrayContaining([
        { kind: "flag", name: "checkout_v2", value: true, count: 2 },
        { kind: "flag", name: "search_v2", value: false, count: 1 },
        { kind: "variant", name: "pricing", variant: manager.getVariant("pricing"), count: 1 },
      ]),
    );
    expect(payload!.exposures).toHaveLength(3);
    expect(http.calls[0]!.body).not.toContain("user@one");
    expect(http.calls[0]!.body).not.toContain("user@two");
  });

  it("writes the documented JSON payload", async () => {
    vi.setSystemTime(new Date("2030-01-02T03:04:05.000Z"));
    const manager = newManager();
    const http = fakeFetch();
    const r = makeReporter(manager, { fetch: http.fn, headers: { "x-api-key": "k" } });
    manager.recordExposure("flag", "banner");
    vi.setSystemTime(new Date("2030-01-02T03:04:15.000Z"));
    await r.flush();
    const call = http.calls[0]!;
    expect(call.url).toBe(URL_);
    expect(call.headers).toMatchObject({ "content-type": "text/plain;charset=UTF-8", "x-api-key": "k" });
    const payload = JSON.parse(call.body) as ExposurePayload;
    expect(Object.keys(payload).sort()).toEqual(["batchId", "droppedTotal", "exposures", "format", "reporterId", "windowEnd", "windowStart"]);
    expect(payload).toMatchObject({
      format: "victor-flags.exposures/v1",
      windowStart: "2030-01-02T03:04:05.000Z",
      windowEnd: "2030-01-02T03:04:15.000Z",
      droppedTotal: 0,
      exposures: [{ kind: "flag", name: "banner", value: true, count: 1 }],
    });
    expect(payload.batchId).toMatch(/^\S{10,}$/);
    expect(payload.reporterId).toMatch(/^\S{10,}$/);
  });

  it("accepts events fed by hand and rejects malformed ones", () => {
    const r = makeReporter(newManager(), { fetch: fakeFetch().fn });
    r.record({ kind: "variant", name: "pricing", value: "control", subject: "s", timestamp: 0 });
    expect(r.getStats().pendingLines).toBe(1);
    expect(() => r.record({ kind: "flag", name: "x", value: "yes", subject: "s", timestamp: 0 })).toThrow(InvalidArgumentError);
    expect(() => r.record({ kind: "other" as "flag", name: "x", value: true, subject: "s", timestamp: 0 })).toThrow(InvalidArgumentError);
  });
});

describe("bounded memory", () => {
  it("1 000 000 exposures of one flag through the manager hold one line", () => {
    const manager = newManager();
    const r = makeReporter(manager, { fetch: fakeFetch().fn });
    for (let i = 0; i < 1_000_000; i++) manager.recordExposure("flag", "checkout_v2");
    expect(r.getStats()).toMatchObject({ pendingLines: 1, pendingExposures: 1, queuedBatches: 0 });
  });

  it("1 000 000 exposures over 1000 subjects and three flags count 3000 distinct exposures in three lines", () => {
    const manager = newManager();
    const r = makeReporter(manager, { fetch: fakeFetch().fn });
    const flags = ["checkout_v2", "search_v2", "banner"];
    for (let s = 0; s < 1000; s++) {
      manager.setContext({ userId: `user-${s}` });
      for (let i = 0; i < 1000; i++) manager.recordExposure("flag", flags[i % 3]!);
    }
    expect(r.getStats()).toMatchObject({ pendingLines: 3, pendingExposures: 3000 });
  });

  it("1 000 000 distinct lines while the endpoint hangs: the window and the queue stay within their limits and every exposure is accounted for", () => {
    const manager = newManager();
    const http = fakeFetch(["hang"]);
    const r = makeReporter(manager, { fetch: http.fn, maxBatchSize: 100, maxQueue: 5 });
    const N = 1_000_000;
    for (let i = 0; i < N; i++) r.record({ kind: "flag", name: `flag_${i}`, value: true, subject: "s", timestamp: 0 });
    const s = r.getStats();
    expect(s.pendingLines).toBeLessThan(100);
    expect(s.queuedBatches).toBeLessThanOrEqual(5);
    expect(s.inFlight).toBe(true);
    const inFlight = 100; // the first batch, still waiting for the hanging request
    expect(s.droppedExposures + s.queuedBatches * 100 + s.pendingExposures + inFlight).toBe(N);
    expect(s.droppedBatches).toBe(N / 100 - 1 - 5);
    expect(http.calls).toHaveLength(1);
  });
});

describe("batching", () => {
  it("flushes every flushIntervalMs, and not when nothing was seen", async () => {
    const manager = newManager();
    const http = fakeFetch();
    makeReporter(manager, { fetch: http.fn, flushIntervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(http.calls).toHaveLength(0);
    manager.recordExposure("flag", "banner");
    await vi.advanceTimersByTimeAsync(4_999);
    expect(http.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(http.calls).toHaveLength(1);
    manager.recordExposure("flag", "search_v2");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(http.payloads().map((p) => p.exposures.map((e) => e.name))).toEqual([["banner"], ["search_v2"]]);
  });

  it("sends as soon as the window holds maxBatchSize distinct lines", async () => {
    const manager = newManager();
    const http = fakeFetch();
    const r = makeReporter(manager, { fetch: http.fn, maxBatchSize: 3, flushIntervalMs: 60_000 });
    manager.recordExposure("flag", "banner");
    manager.recordExposure("flag", "search_v2");
    expect(http.calls).toHaveLength(0);
    manager.recordExposure("flag", "checkout_v2");
    await vi.advanceTimersByTimeAsync(0);
    expect(http.calls).toHaveLength(1);
    expect(http.payloads()[0]!.exposures).toHaveLength(3);
    expect(r.getStats()).toMatchObject({ pendingLines: 0, sentBatches: 1, sentExposures: 3 });
  });
});

describe("retry and drops", () => {
  it("retries a failed batch with exponential backoff, resending the same batch id", async () => {
    const manager = newManager();
    const http = fakeFetch([500, "network-error", 200]);
    const r = makeReporter(manager, { fetch: http.fn, retry: { maxRetries: 3, baseDelayMs: 1_000, jitter: false } });
    manager.recordExposure("flag", "banner");
    await r.flush();
    expect(http.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(http.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(http.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_999); // second delay is doubled
    expect(http.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(http.calls).toHaveLength(3);
    const ids = http.payloads().map((p) => p.batchId);
    expect(new Set(ids).size).toBe(1);
    expect(r.getStats()).toMatchObject({ retries: 2, sentBatches: 1, sentExposures: 1, droppedExposures: 0, queuedBatches: 0 });
  });

  it("with jitter (the default) waits a random point in the upper half of each delay", async () => {
    const manager = newManager();
    const http = fakeFetch([503, 503]);
    vi.spyOn(Math, "random").mockReturnValue(0); // the shortest jittered delay: half the step
    const r = makeReporter(manager, { fetch: http.fn, retry: { maxRetries: 3, baseDelayMs: 1_000 } });
    manager.recordExposure("flag", "banner");
    await r.flush();
    await vi.advanceTimersByTimeAsync(499);
    expect(http.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(http.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999); // half of the doubled step
    expect(http.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(http.calls).toHaveLength(3);
  });

  it("caps the delay at maxDelayMs", async () => {
    const manager = newManager();
    const http = fakeFetch([503, 503, 503, 503]);
    const r = makeReporter(manager, { fetch: http.fn, retry: { maxRetries: 4, baseDelayMs: 1_000, maxDelayMs: 1_500, jitter: false } });
    manager.recordExposure("flag", "banner");
    await r.flush();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(http.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(http.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(http.calls).toHaveLength(4);
  });

  it("drops a batch after maxRetries, counts it, and reports the loss in the next payload", async () => {
    const manager = newManager();
    const logger = quietLogger();
    const http = fakeFetch([503, 503, 503]);
    const r = makeReporter(manager, { fetch: http.fn, logger, retry: { maxRetries: 2, baseDelayMs: 100, jitter: false } });
    manager.recordExposure("flag", "banner");
    manager.recordExposure("flag", "search_v2");
    await r.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(http.calls).toHaveLength(3);
    expect(r.getStats()).toMatchObject({ droppedBatches: 1, droppedExposures: 2, sentBatches: 0, queuedBatches: 0 });
    expect(logger.warnings.some((w) => w.includes("retries exhausted"))).toBe(true);

    manager.recordExposure("flag", "checkout_v2");
    await r.flush();
    expect(http.payloads()[3]!.droppedTotal).toBe(2);
  });

  it("does not retry a 4xx other than 408/429", async () => {
    const manager = newManager();
    const http = fakeFetch([400]);
    const r = makeReporter(manager, { fetch: http.fn });
    manager.recordExposure("flag", "banner");
    await r.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(http.calls).toHaveLength(1);
    expect(r.getStats()).toMatchObject({ droppedBatches: 1, droppedExposures: 1, retries: 0 });
  });

  it("retry: false drops on the first failure", async () => {
    const manager = newManager();
    const http = fakeFetch([503]);
    const r = makeReporter(manager, { fetch: http.fn, retry: false });
    manager.recordExposure("flag", "banner");
    await r.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(http.calls).toHaveLength(1);
    expect(r.getStats().droppedExposures).toBe(1);
  });

  it("keeps at most maxQueue batches while sending fails, dropping the oldest waiting batch first", async () => {
    const manager = newManager();
    const http = fakeFetch([503, 200, 200]);
    const r = makeReporter(manager, { fetch: http.fn, maxQueue: 2, maxBatchSize: 1, retry: { maxRetries: 10, baseDelayMs: 60_000, jitter: false } });
    // maxBatchSize 1: each exposure is a batch. "banner" is sent first and fails.
    for (const name of ["banner", "search_v2", "checkout_v2"]) manager.recordExposure("flag", name);
    manager.recordExposure("variant", "pricing");
    await vi.advanceTimersByTimeAsync(0);
    const s = r.getStats();
    expect(s.queuedBatches).toBe(2);
    expect(s.droppedBatches).toBe(2);
    // The batch under retry keeps its place; the newest waiting batch survives beside it.
    await vi.advanceTimersByTimeAsync(60_000);
    const sent = http.payloads().map((p) => p.exposures[0]!.name);
    expect(sent).toEqual(["banner", "banner", "pricing"]);
    expect(r.getStats()).toMatchObject({ sentBatches: 2, droppedBatches: 2, queuedBatches: 0 });
  });

  it("aborts a request that takes longer than timeoutMs and retries it", async () => {
    const manager = newManager();
    let aborted = 0;
    let n = 0;
    const fetchFn: ReporterFetch = (_url, init) =>
      n++ === 0
        ? new Promise((_, reject) => init.signal?.addEventListener("abort", () => (aborted++, reject(new Error("aborted")))))
        : Promise.resolve({ ok: true, status: 200 });
    const r = makeReporter(manager, { fetch: fetchFn, timeoutMs: 2_000, retry: { baseDelayMs: 100, jitter: false } });
    manager.recordExposure("flag", "banner");
    void r.flush();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(aborted).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.getStats()).toMatchObject({ sentBatches: 1, retries: 1 });
  });
});

describe("page hide", () => {
  function fakeLifecycle() {
    const listeners = new Set<() => void>();
    const lifecycle: PageLifecycle = {
      onHide(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    return { lifecycle, listeners, hide: () => [...listeners].forEach((l) => l()) };
  }

  it("sends the current window and queued batches by beacon", async () => {
    const manager = newManager();
    const page = fakeLifecycle();
    const beacons: Array<{ url: string; body: string; type: string }> = [];
    const http = fakeFetch(["hang"]);
    const r = makeReporter(manager, {
      fetch: http.fn,
      lifecycle: page.lifecycle,
      beacon: (url, body, type) => (beacons.push({ url, body, type }), true),
      maxBatchSize: 1,
    });
    manager.recordExposure("flag", "banner"); // in flight (hangs)
    manager.recordExposure("flag", "search_v2"); // queued
    await vi.advanceTimersByTimeAsync(0);
    page.hide();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]).toMatchObject({ url: URL_, type: "text/plain;charset=UTF-8" });
    expect(JSON.parse(beacons[0]!.body).exposures[0].name).toBe("search_v2");
    expect(r.getStats()).toMatchObject({ beaconBatches: 1, queuedBatches: 0, pendingLines: 0 });
    // A second hide event (visibilitychange after pagehide) finds nothing left.
    page.hide();
    expect(beacons).toHaveLength(1);
  });

  it("counts a batch the browser refuses to beacon as dropped", () => {
    const manager = newManager();
    const page = fakeLifecycle();
    const r = makeReporter(manager, { fetch: fakeFetch().fn, lifecycle: page.lifecycle, beacon: () => false });
    manager.recordExposure("flag", "banner");
    page.hide();
    expect(r.getStats()).toMatchObject({ droppedExposures: 1, sentExposures: 0 });
  });

  it("without sendBeacon, falls back to fetch with keepalive", async () => {
    const manager = newManager();
    const page = fakeLifecycle();
    const http = fakeFetch();
    const r = makeReporter(manager, { fetch: http.fn, lifecycle: page.lifecycle, beacon: false });
    manager.recordExposure("flag", "banner");
    page.hide();
    expect(http.calls).toHaveLength(1);
    expect(http.calls[0]!.keepalive).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.getStats()).toMatchObject({ sentExposures: 1 });
  });
});

describe("dispose", () => {
  it("stops the timer, the manager subscription and the page listeners, and counts unsent exposures as dropped", async () => {
    const manager = newManager();
    const listeners = new Set<() => void>();
    const http = fakeFetch();
    const r = makeReporter(manager, {
      fetch: http.fn,
      flushIntervalMs: 1_000,
      lifecycle: { onHide: (l) => (listeners.add(l), () => void listeners.delete(l)) },
    });
    expect(listeners.size).toBe(1);
    manager.recordExposure("flag", "banner");
    r.dispose();
    expect(listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    manager.recordExposure("flag", "search_v2");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(http.calls).toHaveLength(0);
    expect(r.getStats()).toMatchObject({ pendingLines: 0, droppedExposures: 1 });
  });

  it("cancels a pending retry", async () => {
    const manager = newManager();
    const http = fakeFetch([503]);
    const r = makeReporter(manager, { fetch: http.fn, retry: { baseDelayMs: 1_000, jitter: false } });
    manager.recordExposure("flag", "banner");
    await r.flush();
    r.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(http.calls).toHaveLength(1);
  });
});

describe("options", () => {
  it("rejects bad options with a message naming the option", () => {
    const manager = newManager();
    expect(() => createExposureReporter({ manager, url: "" })).toThrow(/url must be a non-empty string/);
    expect(() => createExposureReporter({ manager, url: URL_, maxBatchSize: 0 })).toThrow(/maxBatchSize must be a finite number > 0/);
    expect(() => createExposureReporter({ manager, url: URL_, maxQueue: 1.5 })).toThrow(/maxQueue must be an integer/);
    expect(() => createExposureReporter({ manager, url: URL_, flushIntervalMs: -1 })).toThrow(InvalidArgumentError);
    expect(() => createExposureReporter({ manager, url: URL_, retry: { maxRetries: -1 } })).toThrow(/retry.maxRetries/);
    expect(vi.getTimerCount()).toBe(0);
  });
});
