// The network code loads through import() on start; when that chunk cannot load (offline, a
// deploy removed it), the start still settles on startTimeoutMs and the status says why.
import { createMemoryStorage, FeatureFlagManager } from "@victor-flags/core";
import { createRemoteSource } from "@victor-flags/core/remote";
import { afterEach, expect, it, vi } from "vitest";
import { cacheEntry, configDoc, FAKE_TIMERS, recordingLogger, until } from "../../fixtures/remote-config-server.js";

vi.mock("../../../packages/core/src/remote/remote-engine.js", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});

afterEach(() => vi.useRealTimers());

it("a network chunk that cannot load leaves the cached config and settles at startTimeoutMs", async () => {
  vi.useFakeTimers(FAKE_TIMERS);
  const url = "https://flags.test/flags.json";
  const storage = createMemoryStorage({ [`victor-flags:remote:${url}`]: cacheEntry(url, configDoc({ a: true })) });
  const manager = new FeatureFlagManager();
  const remote = createRemoteSource({ url, storage, logger: recordingLogger(), startTimeoutMs: 3000 });
  remote.start(manager);
  let ready = false;
  void remote.ready().then(() => (ready = true));
  await until(() => manager.getStatus().error !== null, "the import failure");
  expect(manager.getStatus()).toMatchObject({ ready: false, source: "cache", stale: true });
  expect(manager.getStatus().error).toBeInstanceOf(Error); // what import() rejected with

  await vi.advanceTimersByTimeAsync(3000);
  expect(ready).toBe(true);
  expect(manager.getStatus()).toMatchObject({ ready: true, loading: false, source: "cache", stale: true });
  expect(manager.getStatus().error).toMatchObject({ kind: "timeout" });
  expect(manager.isEnabled("a")).toBe(true);
  await expect(remote.refresh()).resolves.toBeUndefined();
  remote.dispose();
});
