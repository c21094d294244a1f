import { managerFor, type FeatureFlagManager } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * The `FeatureFlagManager` of the nearest `<FlagProvider>` (for writes such as `setFlag`, or
 * `explain`). A provider built from `config` or `url` holds only the light store; the manager is
 * composed over it on first use, so apps that never ask for it do not bundle it.
 */
export function useFlagManager(): FeatureFlagManager {
  const { store, hydration } = useProvided("useFlagManager()");
  return managerFor(store, hydration.managerOptions);
}
