import { useCallback } from "react";
import { useSyncExternalStore } from "use-sync-external-store/shim";
import type { FlagMetadata } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * The definition of a flag (description, dependencies, rollout, free `metadata`), or
 * `undefined` for an unknown name. The object keeps its identity until a config is loaded.
 */
export function useFlagMetadata(name: string): FlagMetadata | undefined {
  const { manager } = useProvided("useFlagMetadata()");
  // Definitions change only when a config is (re)loaded: that notifies store subscribers when a
  // value moves and status subscribers when the source changes; listen to both.
  const subscribe = useCallback(
    (onChange: () => void) => {
      const offStore = manager.subscribe(onChange);
      const offStatus = manager.subscribeStatus(onChange);
      return () => {
        offStore();
        offStatus();
      };
    },
    [manager],
  );
  const read = () => manager.getFlagMetadata(name);
  // Definitions are not part of the value snapshot; both sides render from the same config.
  return useSyncExternalStore(subscribe, read, read);
}
