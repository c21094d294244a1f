// `@victor-flags/react/targeting`: the typed-value hooks. A subpath of its own because it brings
// the flagd engine (through `@victor-flags/core/targeting`), which apps on boolean flags skip.

import { useCallback, useEffect, useState } from "react";
import { useSyncExternalStore } from "./use-sync-external-store.js";
import type { FlagFallbackOf, FlagStore, FlagValueKey, FlagValueOf } from "@victor-flags/core";
import { getValue, getValueDetails, recordValueExposure, type FlagValue, type FlagValueDetails } from "@victor-flags/core/targeting";
import { useProvided } from "./flag-context.js";

export type { FlagValue, FlagValueDetails, FlagValueReason, FlagValueErrorCode } from "@victor-flags/core/targeting";

/** The subscription to one flag, and the hydration view the server snapshot reads. */
function useFlagSource(hook: string, key: string) {
  const { store, hydration } = useProvided(hook);
  const subscribe = useCallback((onChange: () => void) => store.subscribeFlag(key, onChange), [store, key]);
  return { store, view: hydration.view, subscribe };
}

/**
 * Reports the value a committed component showed, as `useExposure` does for `useFlag`: after
 * commit, never in render, again only when the value, key or subject changes; the listeners
 * deduplicate per (subject, key, value), so re-renders add nothing.
 */
function useValueExposure(store: FlagStore, key: string, value: FlagValue): void {
  useEffect(() => {
    const record = () => recordValueExposure(store, key, value);
    record();
    // A new subject whose value did not move causes no re-render, yet it is a new exposure.
    return store.onContextChange(record);
  }, [store, key, value]);
}

/**
 * A flag's value when it has `fallback`'s type (flagd flags of any JSON type, Victor's booleans),
 * else `fallback`. Re-renders only when this flag's value moves (a context or config change that
 * leaves it alone renders nothing); a read is a cached lookup. On the server and during
 * hydration it reads the values the provider was built with, as `useFlag` does, so the first
 * client render matches the server HTML even when the flags moved in between. The exposure is
 * recorded after commit, once per subject and value (`recordValueExposure`).
 */
export function useFlagValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T): FlagValueOf<K, T> {
  const { store, view, subscribe } = useFlagSource("useFlagValue()", key);
  // The store's answers are frozen and shared per generation, so both snapshots are stable.
  const value = useSyncExternalStore(
    subscribe,
    () => getValue(store, key, fallback),
    () => getValue(view, key, fallback),
  );
  useValueExposure(store, key, value);
  return value;
}

function sameDetails<T>(a: FlagValueDetails<T>, b: FlagValueDetails<T>): boolean {
  return (
    Object.is(a.value, b.value) &&
    a.key === b.key &&
    a.variant === b.variant &&
    a.reason === b.reason &&
    a.errorCode === b.errorCode &&
    a.errorMessage === b.errorMessage &&
    sameMetadata(a.flagMetadata, b.flagMetadata)
  );
}

// Flat records (flagd metadata); a reloaded document brings equal ones as new objects.
function sameMetadata(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * `useFlagValue` with the variant, reason (`STATIC`, `TARGETING_MATCH`, `DEFAULT`, `DISABLED`,
 * `ERROR`), error code and flag metadata. The object keeps its identity until this flag's answer
 * changes, and the component re-renders only then.
 */
export function useFlagDetails<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T): FlagValueDetails<FlagValueOf<K, T>> {
  type Details = FlagValueDetails<FlagValueOf<K, T>>;
  const { store, view, subscribe } = useFlagSource("useFlagDetails()", key);
  // Each read builds a new details object; snapshots must keep one identity per answer.
  const [last] = useState<{ live?: Details; server?: Details }>({});
  const keep = (slot: "live" | "server", next: Details): Details => {
    const prev = last[slot];
    return prev !== undefined && sameDetails(prev, next) ? prev : (last[slot] = next);
  };
  const details = useSyncExternalStore(
    subscribe,
    () => keep("live", getValueDetails(store, key, fallback)),
    () => keep("server", getValueDetails(view, key, fallback)),
  );
  useValueExposure(store, key, details.value);
  return details;
}
