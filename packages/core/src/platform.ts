// Platform capabilities reach the core only through these small interfaces; defaults are looked
// up on globalThis at call time, so tests and non-browser hosts can replace them.

/** Synchronous key/value storage (localStorage's shape). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where diagnostics go. */
export interface Logger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The default logger: `console`, looked up when called. */
export const consoleLogger: Logger = {
  warn: (message) => console.warn(`[victor-flags] ${message}`),
  error: (message, error) =>
    error === undefined ? console.error(`[victor-flags] ${message}`) : console.error(`[victor-flags] ${message}`, error),
};

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

/** True unless the build replaced `process.env.NODE_ENV` with "production" (or Node runs in production). */
export function isDevelopment(): boolean {
  // Written literally so bundlers can replace `process.env.NODE_ENV`; a browser without the
  // replacement has no `process` and lands in the catch, which means development.
  try {
    return process.env.NODE_ENV !== "production";
  } catch {
    return true;
  }
}
