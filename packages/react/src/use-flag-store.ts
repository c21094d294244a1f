import { useCallback } from "react";
import { useSyncExternalStore } from "./use-sync-external-store.js";
import { useProvided } from "./flag-context.js";
import { useExposure } from "./use-exposure.js";

/**
 * Internal: subscribes a component to one flag through `useSyncExternalStore`, so it re-renders
 * only when that flag's effective value moves, and reports the exposure after commit.
 */
export function useFlagValue(hook: string, name: string): boolean {
  const { store, hydration } = useProvided(hook);
  const subscribe = useCallback((onChange: () => void) => store.subscribeFlag(name, onChange), [store, name]);
  const value = useSyncExternalStore(
    subscribe,
    () => store.isEnabled(name),
    () => hydration.view.isEnabled(name),
  );
  useExposure(store, "flag", name, value);
  return value;
}

/** Internal: the same for one experiment's variant. */
export function useVariantValue(hook: string, experiment: string): string | undefined {
  const { store, hydration } = useProvided(hook);
  const subscribe = useCallback((onChange: () => void) => store.subscribeVariant(experiment, onChange), [store, experiment]);
  const value = useSyncExternalStore(
    subscribe,
    () => store.getVariant(experiment),
    () => hydration.view.getVariant(experiment),
  );
  useExposure(store, "variant", experiment, value);
  return value;
}
