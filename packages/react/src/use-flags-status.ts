import { useCallback } from "react";
import { useSyncExternalStore } from "use-sync-external-store/shim";
import type { FlagsStatus } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * Loading state of the provider's config: `{ ready, loading, error, source, stale }`. The object
 * is replaced only when a field changes, so it is safe in dependency arrays.
 */
export function useFlagsStatus(): FlagsStatus {
  const { manager, hydration } = useProvided("useFlagsStatus()");
  const subscribe = useCallback((onChange: () => void) => manager.subscribeStatus(onChange), [manager]);
  return useSyncExternalStore(
    subscribe,
    () => manager.getStatus(),
    () => hydration.status,
  );
}
