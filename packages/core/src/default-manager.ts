import { getDefaultFlagStore, setDefaultFlagStore } from "./default-store.js";
import { managerFor, type FeatureFlagManager } from "./feature-flag-manager.js";

// The default manager is the one composed over the default store, which metrics and health may
// have created before anyone asked for the manager.

/** The process- or page-wide manager, created empty on first use. */
export function getFeatureFlagManager(): FeatureFlagManager {
  return managerFor(getDefaultFlagStore());
}

/** Replaces the default manager (e.g. one built from your config at startup). */
export function setFeatureFlagManager(manager: FeatureFlagManager): void {
  setDefaultFlagStore(manager.store);
}

/** Forgets the default manager so the next `getFeatureFlagManager()` builds a new one (tests). */
export function resetFeatureFlagManager(): void {
  setDefaultFlagStore(undefined);
}
