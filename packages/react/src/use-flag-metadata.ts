import { useCallback } from "react";
import { useSyncExternalStore } from "./use-sync-external-store.js";
import type { FlagMetadata } from "@victor-flags/core";
import { managerFor } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * The definition of a flag (description, dependencies, rollout, free `metadata`), or
 * `undefined` for an unknown name. The object keeps its identity until a config is loaded.
 */
export function useFlagMetadata(name: string): FlagMetadata | undefined {
  const provided = useProvided("useFlagMetadata()");
  const manager = managerFor(provided.store, provided.hydration.managerOptions);
  const store = manager.store;
  // Definitions change when a config is installed (the store says so), and an ad-hoc flag
  // appears or goes with its override (its value listener hears that).
  const subscribe = useCallback(
    (onChange: () => void) => {
      const offConfig = store.subscribeConfig(onChange);
      const offFlag = store.subscribeFlag(name, onChange);
      return () => {
        offConfig();
        offFlag();
      };
    },
    [store, name],
  );
  const read = () => manager.getFlagMetadata(name);
  return useSyncExternalStore(subscribe, read, read);
}
