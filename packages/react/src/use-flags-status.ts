import { useSyncExternalStore } from "./use-sync-external-store.js";
import type { FlagsStatus } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * Loading state of the provider's config: `{ ready, loading, error, source, stale }`. The object
 * is replaced only when a field changes, so it is safe in dependency arrays.
 */
export function useFlagsStatus(): FlagsStatus {
  const { store, hydration } = useProvided("useFlagsStatus()");
  // The store's method is a stable function of the store, so no memoised wrapper is needed.
  return useSyncExternalStore(store.subscribeStatus, store.getStatus, () => hydration.status);
}
