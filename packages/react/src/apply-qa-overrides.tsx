import { applyQaOverrides, type QaOverrideOptions } from "@victor-flags/core/qa";
import { type FeatureFlagManager } from "@victor-flags/core";
import { useFlagManager } from "./flag-context.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** `qaOverrides` of `<FlagProvider>`: `true` for the defaults (`?vf=` and the `victor-flags:qa` key), or options. */
export type QaOverridesProp = boolean | QaOverrideOptions;

// One application per manager: StrictMode's second mount and a remount must not record the
// overrides (and their warnings) twice.
const applied = new WeakSet<FeatureFlagManager>();

/**
 * Internal: applies QA overrides to the provider's manager in a layout effect. That is after
 * hydration, so server HTML still matches, and before paint, so the first frame the user sees
 * already has the forced branches.
 */
export function ApplyQaOverrides({ options }: { options: QaOverridesProp }): null {
  const manager = useFlagManager();
  useIsomorphicLayoutEffect(() => {
    if (options === false || applied.has(manager)) return;
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
      return;
    }
    return () => report.cancel();
    // Read once per manager, like the provider's config: a new options object changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manager]);
  return null;
}
