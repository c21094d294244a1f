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
 * mode, sandboxed iframes, a full quota), so every call is guarded and falls back to memory,
 * which also keeps what was written for the rest of the page.
 */
export function detectStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  const guarded = <T>(use: (ls: KeyValueStorage) => T): T | undefined => {
    try {
      // Checked, not left to throw: a server has no localStorage, and a caught TypeError costs
      // ~6 µs against ~10 ns for the check, on every read of an anonymous subject's id.
      const ls = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
      return ls && use(ls);
    } catch {
      // quota or privacy mode: memory keeps the value for this page (the result is undefined)
    }
  };
  return {
    getItem: (key) => guarded((ls) => ls.getItem(key)) ?? memory.get(key) ?? null,
    setItem(key, value) {
      memory.set(key, value);
      guarded((ls) => ls.setItem(key, value));
    },
    removeItem(key) {
      memory.delete(key);
      guarded((ls) => ls.removeItem(key));
    },
  };
}
