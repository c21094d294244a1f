import { FeatureFlagManager } from "./feature-flag-manager.js";

let instance: FeatureFlagManager | undefined;

/** The process- or page-wide manager, created empty on first use. */
export function getFeatureFlagManager(): FeatureFlagManager {
  return (instance ??= new FeatureFlagManager());
}

/** Replaces the default manager (e.g. one built from your config at startup). */
export function setFeatureFlagManager(manager: FeatureFlagManager): void {
  instance = manager;
}

/** Forgets the default manager so the next `getFeatureFlagManager()` builds a new one (tests). */
export function resetFeatureFlagManager(): void {
  instance = undefined;
}
