import { describe, expect, it } from "vitest";
import { createFlagStore } from "@victor-flags/core";

// Bindings re-render on status notifications and compare status objects by identity
// (useFlagsStatus), so a patch that changes nothing must neither notify nor replace the object.

describe("FlagStore status", () => {
  it("a patch that changes nothing neither notifies nor replaces the status object", () => {
    const store = createFlagStore();
    let calls = 0;
    store.subscribeStatus(() => calls++);
    const before = store.getStatus();
    store.setStatus({ ready: before.ready, loading: before.loading, error: null });
    store.setStatus({});
    expect(calls).toBe(0);
    expect(store.getStatus()).toBe(before);
  });

  it("a changed field notifies once and installs a new frozen status that keeps the other fields", () => {
    const store = createFlagStore();
    let calls = 0;
    store.subscribeStatus(() => calls++);
    store.setStatus({ loading: true, ready: false });
    expect(calls).toBe(1);
    expect(store.getStatus()).toEqual({ ready: false, loading: true, error: null, source: "none", stale: false });
    expect(Object.isFrozen(store.getStatus())).toBe(true);
    store.setStatus({ loading: true });
    expect(calls).toBe(1);
  });

  it("an optional field counts as a change when added, even as undefined, and when cleared", () => {
    const store = createFlagStore();
    let calls = 0;
    store.subscribeStatus(() => calls++);
    const rejected = new Error("too large");
    store.setStatus({ rejectedUpdate: rejected });
    expect(store.getStatus().rejectedUpdate).toBe(rejected);
    store.setStatus({ rejectedUpdate: undefined });
    expect(calls).toBe(2);
    expect(store.getStatus().rejectedUpdate).toBeUndefined();
    store.setStatus({ rejectedUpdate: undefined });
    expect(calls).toBe(2);
  });

  it("setConfig makes the status ready from its origin, clearing loading, error and staleness", () => {
    const store = createFlagStore();
    store.setStatus({ ready: false, loading: true, error: new Error("offline"), stale: true });
    const seen: unknown[] = [];
    store.subscribeStatus(() => seen.push(store.getStatus()));
    store.setConfig({ version: 1, flags: { a: { default: true } } }, "network");
    expect(seen).toEqual([{ ready: true, loading: false, error: null, source: "network", stale: false }]);
    expect(store.isEnabled("a")).toBe(true);
  });
});
