import { useEffect } from "react";
import type { FlagStore } from "@victor-flags/core";

/** What a hook reads: a flag's boolean or an experiment's variant. */
export type ExposureKind = "flag" | "variant";

/**
 * Internal: reports that a committed component showed `value` for `name`. Runs after commit,
 * never in render, and again only when the value, name or subject changes; whoever listens
 * (the manager) deduplicates per (subject, name, value), so re-renders add nothing.
 */
export function useExposure(store: FlagStore, kind: ExposureKind, name: string, value: boolean | string | undefined): void {
  useEffect(() => {
    const record = () => {
      // A newer value is already on its way to the screen; its own commit reports it.
      if ((kind === "flag" ? store.isEnabled(name) : store.getVariant(name)) === value) store.recordExposure(kind, name);
    };
    record();
    // A new subject whose value did not move causes no re-render, yet it is a new exposure.
    // The store calls context listeners after it re-bucketed, so the value read is current.
    return store.onContextChange(record);
  }, [store, kind, name, value]);
}
