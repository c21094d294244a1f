import { useCallback } from "react";
import { useSyncExternalStore } from "use-sync-external-store/shim";
import { useProvided } from "./flag-context.js";
import { useExposure } from "./use-exposure.js";

/**
 * Internal: subscribes a component to one flag through `useSyncExternalStore`, so it re-renders
 * only when that flag's effective value moves, and reports the exposure after commit.
 */
export function useFlagValue(hook: string, name: string): boolean {
  const { manager, hydration } = useProvided(hook);
  const subscribe = useCallback((onChange: () => void) => manager.subscribeFlag(name, onChange), [manager, name]);
  const value = useSyncExternalStore(
    subscribe,
    () => manager.isEnabled(name),
    () => hydration.snapshot.flags[name] === true,
  );
  useExposure(manager, "flag", name, value);
  return value;
}

/** Internal: the same for one experiment's variant. */
export function useVariantValue(hook: string, experiment: string): string | undefined {
  const { manager, hydration } = useProvided(hook);
  const subscribe = useCallback((onChange: () => void) => manager.subscribeVariant(experiment, onChange), [manager, experiment]);
  const value = useSyncExternalStore(
    subscribe,
    () => manager.getVariant(experiment),
    // Snapshot records have no prototype, so a name like "toString" reads undefined.
    () => hydration.snapshot.variants[experiment],
  );
  useExposure(manager, "variant", experiment, value);
  return value;
}
