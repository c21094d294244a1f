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
 * mode, sandboxed iframes, a full quota), so every call is guarded and falls back to memory,
 * which also keeps what was written for the rest of the page.
 */
export function detectStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  const guarded = <T>(use: (ls: KeyValueStorage) => T): T | undefined => {
    try {
      const ls = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
      return ls && typeof ls.getItem === "function" ? use(ls) : undefined;
    } catch {
      // quota or privacy mode: memory keeps the value for this page
      return undefined;
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
