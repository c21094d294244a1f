import type { Logger } from "./platform.js";

/**
 * Calls each listener in isolation: one that throws is reported to the logger and the others
 * still run. Iterates over a copy so a listener may unsubscribe itself or others while called.
 */
export function notifyAll<A extends unknown[]>(listeners: ReadonlySet<(...args: A) => void>, args: A, logger: Logger, what: string): void {
  if (listeners.size === 0) return;
  for (const listener of Array.from(listeners)) {
    try {
      listener(...args);
    } catch (error) {
      logger.error(`${what} threw; other listeners still ran`, error);
    }
  }
}

/** A map from key to listener set that removes empty sets, so unsubscribed keys leave no trace. */
export class KeyedListeners<L> {
  private readonly map = new Map<string, Set<L>>();

  /** Adds a listener for `key`; the returned function removes it. */
  add(key: string, listener: L): () => void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.map.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.map.delete(key);
    };
  }

  /** Listeners for `key` (empty when none). */
  get(key: string): ReadonlySet<L> {
    return this.map.get(key) ?? EMPTY;
  }

  /** Keys with at least one listener. */
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}

/** Number of listeners over all keys of `keyed` (for leak checks; a function, so the store does not carry it). */
export function countListeners(keyed: KeyedListeners<unknown>): number {
  let n = 0;
  for (const key of keyed.keys()) n += keyed.get(key).size;
  return n;
}

const EMPTY: ReadonlySet<never> = new Set<never>();
