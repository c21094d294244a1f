import type { FlagStore } from "@victor-flags/core";
import { useProvided } from "./flag-context.js";

/**
 * The light store of the nearest `<FlagProvider>`, for what attaches to it without the manager:
 * `getFeatureMetricsRegistry(store)`, `createExposureReporter({ store })`,
 * `new FeatureHealthChecker({ store })`. Same object for the provider's lifetime.
 */
export function useFlagStore(): FlagStore {
  return useProvided("useFlagStore()").store;
}
