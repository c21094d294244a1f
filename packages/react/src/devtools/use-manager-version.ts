import { useCallback, useRef } from "react";
import { useSyncExternalStore } from "../use-sync-external-store.js";
import type { FeatureFlagManager } from "@victor-flags/core";

/**
 * Internal: a number that moves whenever any value, the status or (through `bump`) the panel's
 * own actions change something, so the panel re-reads the manager. The panel reads everything;
 * the app's components keep their per-flag subscriptions.
 */
export function useManagerVersion(manager: FeatureFlagManager): [number, () => void] {
  const version = useRef(0);
  const wake = useRef<(() => void) | undefined>(undefined);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bump = () => {
        version.current++;
        onChange();
      };
      wake.current = bump;
      // Every write, not only boolean snapshot changes: a flagd flag's value of any type may move.
      const offValues = manager.store.onUpdate(bump);
      const offStatus = manager.subscribeStatus(bump);
      return () => {
        wake.current = undefined;
        offValues();
        offStatus();
      };
    },
    [manager],
  );
  const value = useSyncExternalStore(subscribe, () => version.current);
  const bump = useCallback(() => wake.current?.(), []);
  return [value, bump];
}
