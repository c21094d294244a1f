import type { FlagConfig, FlagDefinition } from "@victor-flags/core";
import { FeatureFlagManager } from "@victor-flags/core";

/** Which React major this vitest project runs (17, 18 or 19). */
export const REACT_MAJOR: 17 | 18 | 19 = __REACT_MAJOR__;

/** A config with `count` independent flags `f0 … f{count-1}`, all off. */
export function manyFlags(count: number, extra: Record<string, FlagDefinition> = {}): FlagConfig {
  const flags: Record<string, FlagDefinition> = {};
  for (let i = 0; i < count; i++) flags[`f${i}`] = { default: false };
  return { version: 1, flags: { ...flags, ...extra } };
}

/** Counts renders per key, as a component body increments it. */
export function renderCounter() {
  const counts = new Map<string, number>();
  return {
    hit(key: string) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    of(key: string) {
      return counts.get(key) ?? 0;
    },
    total() {
      let sum = 0;
      for (const n of counts.values()) sum += n;
      return sum;
    },
    /** Keys rendered since `before` (a copy taken with `snapshot()`), with how many times. */
    since(before: ReadonlyMap<string, number>) {
      const out: Record<string, number> = {};
      for (const [key, n] of counts) if (n !== (before.get(key) ?? 0)) out[key] = n - (before.get(key) ?? 0);
      return out;
    },
    snapshot(): ReadonlyMap<string, number> {
      return new Map(counts);
    },
  };
}

/**
 * Counts store subscriptions made through any manager (subscribe, subscribeFlag,
 * subscribeVariant, subscribeStatus, onContextChange, onExposure) that were not undone yet.
 */
export function trackSubscriptions() {
  const methods = ["subscribe", "subscribeFlag", "subscribeVariant", "subscribeStatus", "onContextChange", "onExposure"] as const;
  const proto = FeatureFlagManager.prototype as unknown as Record<string, (...args: unknown[]) => () => void>;
  const originals = new Map<string, (...args: unknown[]) => () => void>();
  let active = 0;
  let made = 0;
  for (const method of methods) {
    const original = proto[method]!;
    originals.set(method, original);
    proto[method] = function (this: FeatureFlagManager, ...args: unknown[]) {
      const off = original.apply(this, args);
      active++;
      made++;
      let done = false;
      return () => {
        if (!done) {
          done = true;
          active--;
        }
        off();
      };
    };
  }
  return {
    get active() {
      return active;
    },
    get made() {
      return made;
    },
    restore() {
      for (const [method, original] of originals) proto[method] = original;
    },
  };
}
