import { afterEach, describe, expect, it, vi } from "vitest";
import { ANONYMOUS_ID_KEY, createFlagStore, detectStorage, type KeyValueStorage } from "@victor-flags/core";

// detectStorage is what keeps an anonymous visitor in the same bucket across reloads: it uses
// localStorage when it works, and memory (for the rest of the page) whenever it does not.

afterEach(() => {
  vi.unstubAllGlobals();
});

function fakeLocalStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe("detectStorage", () => {
  it("reads and writes through a working localStorage", () => {
    const ls = fakeLocalStorage();
    ls.map.set("kept", "from an earlier visit");
    vi.stubGlobal("localStorage", ls);
    const storage = detectStorage();
    expect(storage.getItem("kept")).toBe("from an earlier visit");
    storage.setItem("k", "v");
    expect(ls.map.get("k")).toBe("v");
    storage.removeItem("k");
    expect(ls.map.has("k")).toBe(false);
    expect(storage.getItem("k")).toBeNull();
  });

  it.each([
    ["no localStorage at all (a server)", undefined],
    ["a localStorage without methods", {}],
    [
      "a localStorage whose every call throws (privacy mode, full quota)",
      {
        getItem: () => {
          throw new Error("SecurityError");
        },
        setItem: () => {
          throw new Error("QuotaExceededError");
        },
        removeItem: () => {
          throw new Error("SecurityError");
        },
      },
    ],
  ])("falls back to memory with %s, and keeps what was written for the page", (_, ls) => {
    vi.stubGlobal("localStorage", ls);
    const storage = detectStorage();
    expect(storage.getItem("k")).toBeNull();
    storage.setItem("k", "v");
    expect(storage.getItem("k")).toBe("v");
    storage.removeItem("k");
    expect(storage.getItem("k")).toBeNull();
  });

  it("a localStorage that throws on access keeps one anonymous subject for the page", () => {
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new Error("SecurityError: sandboxed iframe");
      },
    });
    try {
      const store = createFlagStore({ config: { version: 1, flags: { half: { default: false, rollout: { percentage: 50 } } } } });
      const subject = store.getSubject();
      expect(subject).toMatch(/^[\w-]{21}$/);
      store.setContext({ plan: "pro" });
      expect(store.getSubject()).toBe(subject);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it("a working localStorage carries the anonymous subject to the next store (a reload)", () => {
    const ls = fakeLocalStorage();
    vi.stubGlobal("localStorage", ls);
    const first = createFlagStore().getSubject();
    expect(ls.map.get(ANONYMOUS_ID_KEY)).toBe(first);
    expect(createFlagStore().getSubject()).toBe(first);
  });
});
