// The light store's promise: a change costs only what it touches. A context change evaluates at
// once only the flags someone listens to; every other flag is read from the document on its next
// read and then cached. Counting reads of the document's definitions makes that visible.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFlagStore, createMemoryStorage, type FlagConfig } from "@victor-flags/core";

/** A config whose `flags` object counts how often each definition is read. */
function countingConfig(count: number) {
  const reads = new Map<string, number>();
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) defs[`f${i}`] = { default: false, rollout: { percentage: 50 } };
  const flags = new Proxy(defs, {
    get(target, key, receiver) {
      if (typeof key === "string" && key in target) reads.set(key, (reads.get(key) ?? 0) + 1);
      return Reflect.get(target, key, receiver);
    },
  });
  const config = { version: 1, flags } as unknown as FlagConfig;
  return { config, reads, total: () => [...reads.values()].reduce((a, b) => a + b, 0) };
}

afterEach(() => vi.unstubAllEnvs());

describe("createFlagStore: lazy evaluation", () => {
  it("a context change evaluates only the subscribed flags; the others wait for their first read", () => {
    // Production build: development builds also look up unknown-name warnings.
    vi.stubEnv("NODE_ENV", "production");
    const doc = countingConfig(1000);
    const store = createFlagStore({ config: doc.config, context: { userId: "a" }, storage: createMemoryStorage() });
    let notified = 0;
    store.subscribeFlag("f1", () => notified++);
    store.subscribeFlag("f2", () => notified++);
    doc.reads.clear();

    for (let i = 0; i < 50; i++) store.setContext({ userId: `user-${i}` });
    // Only f1 and f2 were looked at, and each at most once per change.
    expect([...doc.reads.keys()].sort()).toEqual(["f1", "f2"]);
    expect(doc.total()).toBeLessThanOrEqual(2 * 50);
    expect(notified).toBeGreaterThan(0);

    // An unsubscribed flag is evaluated on its first read after the change, then cached.
    doc.reads.clear();
    const first = store.isEnabled("f500");
    expect(store.isEnabled("f500")).toBe(first);
    expect(doc.reads.get("f500")).toBe(1);
    expect(doc.total()).toBe(1);
  });

  it("loading the config reads no definition until a flag is read (production build)", () => {
    // Development builds validate a static document and look for flagd flags once per load.
    vi.stubEnv("NODE_ENV", "production");
    const doc = countingConfig(1000);
    const store = createFlagStore({ config: doc.config, storage: createMemoryStorage() });
    expect(doc.total()).toBe(0);
    store.setConfig(doc.config, "static");
    expect(doc.total()).toBe(0);
    store.isEnabled("f7");
    expect([...doc.reads.keys()]).toEqual(["f7"]);
  });
});
