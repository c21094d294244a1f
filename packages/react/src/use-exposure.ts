import { useEffect } from "react";
import type { FeatureFlagManager } from "@victor-flags/core";

/** What a hook reads: a flag's boolean or an experiment's variant. */
export type ExposureKind = "flag" | "variant";

function current(manager: FeatureFlagManager, kind: ExposureKind, name: string): boolean | string | undefined {
  return kind === "flag" ? manager.isEnabled(name) : manager.getVariant(name);
}

/**
 * Internal: reports that a committed component showed `value` for `name`. Runs after commit,
 * never in render, and again only when the value, name or subject changes; the manager
 * deduplicates per (subject, name, value), so re-renders and sibling readers add nothing.
 */
export function useExposure(manager: FeatureFlagManager, kind: ExposureKind, name: string, value: boolean | string | undefined): void {
  useEffect(() => {
    const record = () => {
      // A newer value is already on its way to the screen; its own commit reports it.
      if (current(manager, kind, name) === value) manager.recordExposure(kind, name);
    };
    record();
    // A new subject whose value did not move causes no re-render, yet it is a new exposure.
    // Context listeners run before the manager re-buckets, so record once setContext returned.
    return manager.onContextChange(() => {
      queueMicrotask(record);
    });
  }, [manager, kind, name, value]);
}
