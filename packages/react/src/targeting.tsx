// `@victor-flags/react/targeting`: the typed-value hook. A subpath of its own because it brings
// the flagd engine (through `@victor-flags/core/targeting`), which apps on boolean flags skip.

import { useCallback } from "react";
import { useSyncExternalStore } from "./use-sync-external-store.js";
import type { FlagFallbackOf, FlagValueKey, FlagValueOf } from "@victor-flags/core";
import { getValue, type FlagValue } from "@victor-flags/core/targeting";
import { useProvided } from "./flag-context.js";

export type { FlagValue, FlagValueDetails, FlagValueReason, FlagValueErrorCode } from "@victor-flags/core/targeting";

/**
 * A flag's value when it has `fallback`'s type (flagd flags of any JSON type, Victor's booleans),
 * else `fallback`. Re-renders only when this flag's value moves (a context or config change that
 * leaves it alone renders nothing); a read is a cached lookup.
 */
export function useFlagValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T): FlagValueOf<K, T> {
  const { store } = useProvided("useFlagValue");
  const subscribe = useCallback((onChange: () => void) => store.subscribeFlag(key, onChange), [store, key]);
  // The store's answers are frozen and shared per generation, so the snapshot is stable; the
  // server snapshot is the same read (a typed value has no hydration view of its own yet).
  const read = () => getValue(store, key, fallback) as FlagValueOf<K, T>;
  return useSyncExternalStore(subscribe, read, read);
}
