import { applyQaOverrides, type QaOverrideOptions } from "@victor-flags/core/qa";
import type { FeatureFlagManager } from "@victor-flags/core";
// Re-exported for the lazy loader, so the manager arrives in the same chunk as the QA code.
export { managerFor } from "@victor-flags/core";
import { useFlagManager } from "./use-flag-manager.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** `qaOverrides` of `<FlagProvider>`: `true` for the defaults (`?vf=` and the `victor-flags:qa` key), or options. */
export type QaOverridesProp = boolean | QaOverrideOptions;

// One application per manager: StrictMode's second mount and a remount must not record the
// overrides (and their warnings) twice.
const applied = new WeakSet<FeatureFlagManager>();

/** Internal: applies QA overrides to a manager once; returns a cancel for a pending application. */
export function applyOnce(manager: FeatureFlagManager, options: QaOverridesProp): (() => void) | undefined {
  if (options === false || applied.has(manager)) return undefined;
  const given = options === true ? {} : options;
  const report = applyQaOverrides(manager, {
    ...given,
    onReport: (full) => {
      applied.add(manager);
      given.onReport?.(full);
    },
  });
  if (!report.pending) {
    applied.add(manager);
    return undefined;
  }
  return () => report.cancel();
}

/** Props of `<QaOverrides>`. */
export interface QaOverridesComponentProps {
  /** Options of `applyQaOverrides` (parameter, storage key, logger); default: `?vf=` and `victor-flags:qa`. */
  options?: QaOverrideOptions;
}

/**
 * Applies `?vf=flag:on,experiment:variant` and the `victor-flags:qa` key to the nearest
 * provider in a layout effect: after hydration, so server HTML still matches, and before paint,
 * so the first frame already has the forced branches. Render it inside `<FlagProvider>` in QA
 * builds only.
 */
export function QaOverrides({ options }: QaOverridesComponentProps): null {
  const manager = useFlagManager();
  // Read once per manager, like the provider's config: a new options object changes nothing.
  useIsomorphicLayoutEffect(() => applyOnce(manager, options ?? true), [manager]);
  return null;
}
