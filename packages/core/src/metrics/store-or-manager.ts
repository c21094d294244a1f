import { getDefaultFlagStore } from "../default-store.js";
import { InvalidArgumentError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { FlagStore } from "../flag-store.js";

/** What metrics and health read flags from: a store, or a manager (read through its `store`). */
export type FlagStoreOrManager = FlagStore | FeatureFlagManager;

// The key managerFor keeps a store's manager under (feature-flag-manager.ts): registered, so this
// module finds the manager without importing its class.
const MANAGER = Symbol.for("victor-flags.manager");

/** Internal: the store behind `source`; with none, the default manager's store. */
export function storeOf(source: FlagStoreOrManager | undefined, what: string): FlagStore {
  if (source === undefined) return getDefaultFlagStore();
  const store = typeof source === "object" && source !== null && "store" in source ? source.store : source;
  if (typeof store !== "object" || store === null || typeof store.isEnabled !== "function" || typeof store.subscribeFlag !== "function") {
    throw new InvalidArgumentError(`${what} must be a FlagStore (createFlagStore) or a FeatureFlagManager`);
  }
  return store;
}

/** Internal: the store named by `store` or `manager` options; throws when they name two different ones. */
export function storeOfOptions(options: { store?: FlagStore; manager?: FeatureFlagManager }, what: string): FlagStore | undefined {
  const fromStore = options.store === undefined ? undefined : storeOf(options.store, `${what}: store`);
  const fromManager = options.manager === undefined ? undefined : storeOf(options.manager, `${what}: manager`);
  if (fromStore !== undefined && fromManager !== undefined && fromStore !== fromManager) {
    throw new InvalidArgumentError(`${what}: store and manager name different stores; give one of them`);
  }
  return fromStore ?? fromManager;
}

/** Internal: the manager composed over `store`, if one has been (see `managerFor`). */
export function composedManager(store: FlagStore): FeatureFlagManager | undefined {
  return (store as unknown as Record<symbol, FeatureFlagManager | undefined>)[MANAGER];
}
