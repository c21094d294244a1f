// Synchronous key/value storage: localStorage in browsers when it works, else memory.

/** Synchronous key/value storage (localStorage's shape). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage held in memory: the default outside browsers, and in tests. */
export function createMemoryStorage(initial?: Record<string, string>): KeyValueStorage {
  const map = new Map<string, string>(Object.entries(initial ?? {}));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/**
 * localStorage when the host has a working one, else memory. Access can throw (Safari private
 * mode, sandboxed iframes, a full quota), so every call is guarded and falls back to memory.
 */
export function detectStorage(): KeyValueStorage {
  const memory = createMemoryStorage();
  const local = (): KeyValueStorage | undefined => {
    try {
      const ls = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
      return ls && typeof ls.getItem === "function" ? ls : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    getItem(key) {
      try {
        return local()?.getItem(key) ?? memory.getItem(key);
      } catch {
        return memory.getItem(key);
      }
    },
    setItem(key, value) {
      memory.setItem(key, value);
      try {
        local()?.setItem(key, value);
      } catch {
        // quota or privacy mode: memory keeps the value for this page
      }
    },
    removeItem(key) {
      memory.removeItem(key);
      try {
        local()?.removeItem(key);
      } catch {
        // ignored for the same reason as setItem
      }
    },
  };
}
